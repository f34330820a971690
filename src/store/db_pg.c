/* PostgreSQL through libpq (see db_pg.h). The SQL the core hands to the store is already
 * PostgreSQL-shaped ($1 parameters, ON CONFLICT, standard types); what differs is here. */
#include "store/db_pg.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "lib/buf.h"
#include "lib/log.h"

/* As many parameters as the protocol allows; SQLite's own limit is higher than any statement's. */
enum { PG_PARAMS_MAX = 65535 };

struct PgDb {
	PGconn *c;
	int nstmts;                     /* names handed out: s1, s2, ... */
	int64_t changes;
	char err[512];
	char engine[48];
};

struct PgStmt {
	PgDb *db;
	char pname[16];
	const char *name;
	int nparams;
	char **values;                  /* nparams strings, NULL for SQL NULL */
	PGresult *res;
	int row, nrows;                 /* row: the current row, -1 before the first step */
	int done;
};

int pg_is_url(const char *path)
{
	return path && (strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0);
}

static void notice_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

PgDb *pg_open(const char *url, int readonly, char *err, size_t errlen)
{
	PgDb *db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	db->c = PQconnectdb(url);
	if (PQstatus(db->c) != CONNECTION_OK) {
		snprintf(err, errlen, "cannot connect to PostgreSQL: %s", PQerrorMessage(db->c));
		char *nl = strchr(err, '\n');
		if (nl)
			*nl = '\0';
		PQfinish(db->c);
		free(db);
		return NULL;
	}
	PQsetNoticeProcessor(db->c, notice_quiet, NULL);
	/* Times and texts the same way whatever the server's defaults. */
	PGresult *r = PQexec(db->c, readonly ? "SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'; "
					       "SET default_transaction_read_only = on"
					     : "SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'");
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	if (!ok) {
		snprintf(err, errlen, "cannot set up the PostgreSQL session: %s", PQerrorMessage(db->c));
		PQfinish(db->c);
		free(db);
		return NULL;
	}
	snprintf(db->engine, sizeof db->engine, "PostgreSQL %d.%d", PQserverVersion(db->c) / 10000,
		 PQserverVersion(db->c) % 10000);
	return db;
}

void pg_close(PgDb *db)
{
	if (!db)
		return;
	PQfinish(db->c);
	free(db);
}

/* The highest $N in sql (outside quotes); when used is not NULL, used[N - 1] is set for each N
 * that occurs (used holds at least that many entries). */
static int scan_params(const char *sql, char *used)
{
	int max = 0;
	char quote = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '$' && isdigit((unsigned char)p[1])) {
			int n = (int)strtol(p + 1, NULL, 10);
			if (n > max)
				max = n;
			if (used && n >= 1)
				used[n - 1] = 1;
		}
	}
	return max;
}

/* The N of a "$N" found at the 1-based character position pos of sql (as the server reports an
 * error's position), 0 when there is none. */
static int param_at(const char *sql, long pos)
{
	const unsigned char *p = (const unsigned char *)sql;
	for (long c = 1; *p && c < pos; c++) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
	}
	return *p == '$' && isdigit(p[1]) ? (int)strtol((const char *)p + 1, NULL, 10) : 0;
}

static void remember_error(PgDb *db, const char *what)
{
	snprintf(db->err, sizeof db->err, "%s", PQerrorMessage(db->c));
	char *nl = strchr(db->err, '\n');
	if (nl)
		*nl = '\0';
	if (what)
		log_error("store: %s: %s", what, db->err);
}

/* One PQprepare. On failure copies its SQLSTATE into state and sets *untyped to the N of the
 * parameter the error is about: the $N at the error's position in sql, or failing that the one
 * named in an English "could not determine data type of parameter $N" (0 when neither). */
static int prepare_once(PgStmt *st, const char *sql, const Oid *types, char state[6], int *untyped)
{
	PgDb *db = st->db;
	snprintf(st->pname, sizeof st->pname, "s%d", ++db->nstmts);
	PGresult *r = PQprepare(db->c, st->pname, sql, st->nparams, types);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	const char *code = ok ? NULL : PQresultErrorField(r, PG_DIAG_SQLSTATE);
	const char *pos = ok ? NULL : PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION);
	const char *msg = ok ? NULL : PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	const char *at = msg ? strstr(msg, "data type of parameter $") : NULL;
	snprintf(state, 6, "%s", code ? code : "");
	*untyped = pos ? param_at(sql, strtol(pos, NULL, 10)) : 0;
	if (!*untyped && at)
		*untyped = (int)strtol(at + 24, NULL, 10);
	PQclear(r);
	return ok;
}

PgStmt *pg_prepare(PgDb *db, const char *name, const char *sql)
{
	PgStmt *st = calloc(1, sizeof *st);
	if (!st)
		return NULL;
	st->db = db;
	st->name = name;
	st->nparams = scan_params(sql, NULL);
	st->row = -1;
	if (st->nparams > PG_PARAMS_MAX) {
		log_error("store: %s has more than %d parameters", name, PG_PARAMS_MAX);
		free(st);
		return NULL;
	}
	Oid *types = calloc((size_t)st->nparams + 1, sizeof *types);
	char *used = calloc((size_t)st->nparams + 1, 1);
	st->values = calloc((size_t)st->nparams + 1, sizeof *st->values);
	if (!types || !used || !st->values) {
		free(types);
		free(used);
		free(st->values);
		free(st);
		return NULL;
	}
	/* A number the SQL skips (SQLite allows it: one binding serves several variants of a
	 * statement) is text, which its binding never needs to match. */
	scan_params(sql, used);
	for (int i = 0; i < st->nparams; i++)
		if (!used[i])
			types[i] = 25; /* text */
	free(used);
	/* A parameter whose type the server cannot infer from its use ("$1 IS NULL", "CASE WHEN $4
	 * IS NULL ...") is text too: ours are. Each such parameter is typed and the statement
	 * prepared again. Inside a transaction a failed prepare would abort it, so the attempts run
	 * under a savepoint. */
	int in_tx = pg_in_tx(db);
	int ok = 0;
	if (in_tx && pg_plain(db, "SAVEPOINT ishc_prepare") != DB_OK)
		goto failed;
	for (int attempt = 0; attempt <= st->nparams && !ok; attempt++) {
		char state[6];
		int n = 0;
		ok = prepare_once(st, sql, types, state, &n);
		/* 42P18 indeterminate datatype, 42P08 ambiguous parameter (CASE WHEN $4 IS NULL ...) */
		if (ok || (strcmp(state, "42P18") != 0 && strcmp(state, "42P08") != 0) || n < 1 || n > st->nparams || types[n - 1])
			break;
		types[n - 1] = 25; /* text */
		if (in_tx && pg_plain(db, "ROLLBACK TO SAVEPOINT ishc_prepare") != DB_OK)
			break;
	}
	if (!ok) {
		char what[160];
		snprintf(what, sizeof what, "cannot prepare %s", name);
		remember_error(db, what);
	}
	if (in_tx && pg_plain(db, ok ? "RELEASE SAVEPOINT ishc_prepare" : "ROLLBACK TO SAVEPOINT ishc_prepare") != DB_OK)
		ok = 0;
	if (ok) {
		free(types);
		return st;
	}
failed:
	free(types);
	free(st->values);
	free(st);
	return NULL;
}

void pg_reset(PgStmt *st)
{
	if (st->res)
		PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->nrows = 0;
	st->done = 0;
}

void pg_clear_bindings(PgStmt *st)
{
	for (int i = 0; i < st->nparams; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
	}
}

void pg_stmt_free(PgStmt *st)
{
	if (!st)
		return;
	pg_reset(st);
	pg_clear_bindings(st);
	free(st->values);
	free(st);
}

void pg_bind_text(PgStmt *st, int i, const char *s)
{
	/* A number the SQL does not use is ignored, as SQLite does. */
	if (i < 1 || i > st->nparams)
		return;
	free(st->values[i - 1]);
	st->values[i - 1] = s ? strdup(s) : NULL;
}

void pg_bind_int(PgStmt *st, int i, int64_t v)
{
	char n[24];
	snprintf(n, sizeof n, "%lld", (long long)v);
	pg_bind_text(st, i, n);
}

/* SQLSTATE classes: 23 integrity (constraint), 40001 serialization / 40P01 deadlock (try again),
 * 53100 disk full. */
static DbStatus status_of(const PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (!state)
		return DB_ERROR;
	if (strncmp(state, "23", 2) == 0)
		return DB_CONSTRAINT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0)
		return DB_BUSY;
	if (strcmp(state, "53100") == 0)
		return DB_FULL;
	return DB_ERROR;
}

DbStatus pg_step(PgStmt *st)
{
	if (!st->res && !st->done) {
		st->res = PQexecPrepared(st->db->c, st->pname, st->nparams, (const char *const *)st->values, NULL, NULL, 0);
		ExecStatusType x = PQresultStatus(st->res);
		if (x == PGRES_TUPLES_OK) {
			st->nrows = PQntuples(st->res);
			const char *n = PQcmdTuples(st->res);
			st->db->changes = n && *n ? strtoll(n, NULL, 10) : 0;
		} else if (x == PGRES_COMMAND_OK) {
			const char *n = PQcmdTuples(st->res);
			st->db->changes = n && *n ? strtoll(n, NULL, 10) : 0;
			st->nrows = 0;
		} else {
			DbStatus s = status_of(st->res);
			remember_error(st->db, s == DB_ERROR || s == DB_FULL ? st->name : NULL);
			pg_reset(st);
			return s;
		}
	}
	if (st->done)
		return DB_DONE;
	if (st->row + 1 < st->nrows) {
		st->row++;
		return DB_ROW;
	}
	/* Done: ready to be bound and run again. */
	pg_reset(st);
	return DB_DONE;
}

const char *pg_col_text(PgStmt *st, int i)
{
	if (!st->res || st->row < 0 || i >= PQnfields(st->res) || PQgetisnull(st->res, st->row, i))
		return NULL;
	return PQgetvalue(st->res, st->row, i);
}

int64_t pg_col_int(PgStmt *st, int i)
{
	const char *v = pg_col_text(st, i);
	if (!v)
		return 0;
	/* a boolean expression reads as 1 or 0, as on SQLite */
	if (v[0] == 't' && !v[1])
		return 1;
	if (v[0] == 'f' && !v[1])
		return 0;
	return strtoll(v, NULL, 10);
}

int pg_col_is_null(PgStmt *st, int i)
{
	return !st->res || st->row < 0 || PQgetisnull(st->res, st->row, i);
}

int pg_col_count(PgStmt *st)
{
	return st->res ? PQnfields(st->res) : 0;
}

int64_t pg_changes(PgDb *db)
{
	return db->changes;
}

int64_t pg_last_id(PgDb *db)
{
	PGresult *r = PQexec(db->c, "SELECT lastval()");
	int64_t id = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
	PQclear(r);
	return id;
}

const char *pg_errmsg(PgDb *db)
{
	return db->err[0] ? db->err : PQerrorMessage(db->c);
}

DbStatus pg_plain(PgDb *db, const char *sql)
{
	PGresult *r = PQexec(db->c, sql);
	ExecStatusType x = PQresultStatus(r);
	DbStatus s = x == PGRES_COMMAND_OK || x == PGRES_TUPLES_OK ? DB_OK : status_of(r);
	if (s != DB_OK)
		remember_error(db, NULL);
	PQclear(r);
	return s;
}

int pg_in_tx(PgDb *db)
{
	PGTransactionStatusType t = PQtransactionStatus(db->c);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

DbStatus pg_begin_write(PgDb *db)
{
	/* One advisory lock for every writer of this database: transactions that change data run one
	 * after another, as on SQLite, on every application server sharing it. Readers are not held. */
	DbStatus s = pg_plain(db, "BEGIN ISOLATION LEVEL READ COMMITTED");
	if (s == DB_OK && (s = pg_plain(db, "SELECT pg_advisory_xact_lock(74201)")) != DB_OK)
		pg_plain(db, "ROLLBACK");
	return s;
}

/* Replaces whole words (outside quotes and comments) of from by to. */
static void translate(Buf *out, const char *sql)
{
	static const struct {
		const char *from, *to;
	} words[] = {
		{"INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
		{"WITHOUT ROWID", ""},
		{"INTEGER", "BIGINT"},
		{"TEXT", "TEXT COLLATE \"C\""},
	};
	char quote = 0;
	for (const char *p = sql; *p;) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			buf_putc(out, *p++);
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			buf_putc(out, *p++);
			continue;
		}
		if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				buf_putc(out, *p++);
			continue;
		}
		int done = 0;
		int word_start = p == sql || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
		for (size_t i = 0; word_start && i < sizeof words / sizeof *words && !done; i++) {
			size_t n = strlen(words[i].from);
			if (strncmp(p, words[i].from, n) == 0 && !(isalnum((unsigned char)p[n]) || p[n] == '_')) {
				buf_puts(out, words[i].to);
				p += n;
				done = 1;
			}
		}
		if (!done)
			buf_putc(out, *p++);
	}
}

DbStatus pg_exec_script(PgDb *db, const char *sql, char *err, size_t errlen)
{
	Buf b;
	buf_init(&b, 0);
	translate(&b, sql);
	if (b.failed) {
		buf_free(&b);
		snprintf(err, errlen, "out of memory");
		return DB_ERROR;
	}
	PGresult *r = PQexec(db->c, buf_str(&b));
	buf_free(&b);
	ExecStatusType x = PQresultStatus(r);
	DbStatus s = x == PGRES_COMMAND_OK || x == PGRES_TUPLES_OK ? DB_OK : DB_ERROR;
	PQclear(r);
	if (s != DB_OK) {
		snprintf(err, errlen, "%s", PQerrorMessage(db->c));
		return s;
	}
	/* Rows copied with their ids (a table rebuilt by a migration) leave the identity behind. */
	r = PQexec(db->c,
		   "DO $$ DECLARE t record; BEGIN "
		   "FOR t IN SELECT table_name, column_name FROM information_schema.columns "
		   "WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP "
		   "EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), "
		   "COALESCE((SELECT MAX(%I) FROM %I), 0) + 1, false)', t.table_name, t.column_name, t.column_name, t.table_name); "
		   "END LOOP; END $$");
	x = PQresultStatus(r);
	PQclear(r);
	if (x != PGRES_COMMAND_OK) {
		snprintf(err, errlen, "%s", PQerrorMessage(db->c));
		return DB_ERROR;
	}
	return DB_OK;
}

int pg_table_exists(PgDb *db, const char *name)
{
	const char *v[1] = {name};
	PGresult *r = PQexecParams(db->c,
				   "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
				   "AND table_name = $1",
				   1, NULL, v, NULL, NULL, 0);
	int n = PQresultStatus(r) == PGRES_TUPLES_OK ? PQntuples(r) > 0 : -1;
	PQclear(r);
	return n;
}

const char *pg_engine(PgDb *db)
{
	return db->engine;
}
