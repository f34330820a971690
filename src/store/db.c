/* The store (see db.h): SQLite in this file, PostgreSQL in db_pg.c when the database is a
 * postgresql:// URL. Everything engine-specific lives in these two files. */
#include "store/db.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "lib/log.h"
#include "store/db_pg.h"

enum { STMT_CACHE = 512, TX_RETRIES = 8 };

struct Stmt {
	const char *name;
	sqlite3_stmt *st;
	PgStmt *pg;
	Db *db;
};

struct Db {
	sqlite3 *h;
	PgDb *pg;
	char *path;
	Stmt cache[STMT_CACHE];
	int ncache;
};

static DbStatus db_status(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	case SQLITE_FULL:
		return DB_FULL;
	default:
		return DB_ERROR;
	}
}

Db *db_open(const char *path, int oflags, char *err, size_t errlen)
{
	Db *db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	int readonly = (oflags & DB_OPEN_READONLY) != 0;
	if (pg_is_url(path)) {
		db->pg = pg_open(path, readonly, err, errlen);
		if (!db->pg) {
			free(db);
			return NULL;
		}
		db->path = strdup(path);
		return db;
	}
	int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX |
		    ((oflags & DB_OPEN_CREATE) && !readonly ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
			 db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	db->path = strdup(path);
	sqlite3_extended_result_codes(db->h, 1);
	/* A plain file that is not a database fails here, with a message worth showing. */
	static const char *const pragmas =
		"PRAGMA journal_mode=WAL;"
		"PRAGMA synchronous=FULL;"
		"PRAGMA foreign_keys=ON;"
		"PRAGMA cache_size=-16000;"
		"PRAGMA mmap_size=4294967296;" /* clamped by SQLite to its limit (2 GB on Debian) */
		"PRAGMA temp_store=MEMORY;";
	static const char *const pragmas_readonly = "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;";
	sqlite3_busy_timeout(db->h, 2000);
	char *msg = NULL;
	/* Reading the schema first tells a file that is not a database, before anything is set. */
	if (sqlite3_exec(db->h, "SELECT count(*) FROM sqlite_master", NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db->h, readonly ? pragmas_readonly : pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "cannot use %s: %s", path, msg ? msg : "unknown error");
		sqlite3_free(msg);
		db_close(db);
		return NULL;
	}
	return db;
}

void db_close(Db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i].st);
		pg_stmt_free(db->cache[i].pg);
	}
	sqlite3_close(db->h);
	pg_close(db->pg);
	free(db->path);
	free(db);
}

int db_is_server(const char *path)
{
	return pg_is_url(path);
}

const char *db_path(const Db *db)
{
	return db->path;
}

static pthread_key_t thread_key;
static pthread_once_t thread_once = PTHREAD_ONCE_INIT;

static void thread_db_free(void *p)
{
	db_close(p);
}

static void thread_key_make(void)
{
	pthread_key_create(&thread_key, thread_db_free);
}

Db *db_thread(const char *path, char *err, size_t errlen)
{
	pthread_once(&thread_once, thread_key_make);
	Db *db = pthread_getspecific(thread_key);
	if (db && strcmp(db->path, path) == 0)
		return db;
	if (db) {
		db_close(db);
		pthread_setspecific(thread_key, NULL);
	}
	db = db_open(path, 0, err, errlen);
	if (db)
		pthread_setspecific(thread_key, db);
	return db;
}

void db_thread_close(void)
{
	pthread_once(&thread_once, thread_key_make);
	Db *db = pthread_getspecific(thread_key);
	db_close(db);
	pthread_setspecific(thread_key, NULL);
}

/* Rewrites $N parameters as ?N, outside quoted strings and identifiers, so the same SQL text
 * serves PostgreSQL and SQLite. */
static char *sql_rewrite(const char *sql)
{
	size_t n = strlen(sql);
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	char quote = 0;
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		char c = sql[i];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '\'' || c == '"') {
			quote = c;
		} else if (c == '$' && i + 1 < n && sql[i + 1] >= '1' && sql[i + 1] <= '9') {
			c = '?';
		}
		out[j++] = c;
	}
	out[j] = '\0';
	return out;
}

Stmt *db_stmt(Db *db, const char *name, const char *sql)
{
	/* Names are string literals: the same pointer almost always; the text only when the same
	 * name was written in another file. */
	int hit = -1;
	for (int i = 0; i < db->ncache && hit < 0; i++)
		if (db->cache[i].name == name)
			hit = i;
	for (int i = 0; i < db->ncache && hit < 0; i++)
		if (strcmp(db->cache[i].name, name) == 0)
			hit = i;
	if (hit >= 0) {
		Stmt *s = &db->cache[hit];
		if (s->pg) {
			pg_reset(s->pg);
			pg_clear_bindings(s->pg);
			return s;
		}
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
		return s;
	}
	if (db->ncache == STMT_CACHE) {
		log_error("store: statement cache full preparing %s", name);
		return NULL;
	}
	if (db->pg) {
		PgStmt *p = pg_prepare(db->pg, name, sql);
		if (!p)
			return NULL;
		Stmt *s = &db->cache[db->ncache++];
		*s = (Stmt){.name = name, .pg = p, .db = db};
		return s;
	}
	char *text = sql_rewrite(sql);
	sqlite3_stmt *st = NULL;
	int rc = text ? sqlite3_prepare_v3(db->h, text, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL)
		      : SQLITE_NOMEM;
	free(text);
	if (rc != SQLITE_OK) {
		log_error("store: cannot prepare %s: %s", name, sqlite3_errmsg(db->h));
		return NULL;
	}
	Stmt *s = &db->cache[db->ncache++];
	*s = (Stmt){.name = name, .st = st, .db = db};
	return s;
}

void db_bind_int(Stmt *st, int i, int64_t v)
{
	if (st->pg) {
		pg_bind_int(st->pg, i, v);
		return;
	}
	sqlite3_bind_int64(st->st, i, v);
}

void db_bind_text(Stmt *st, int i, const char *s)
{
	if (st->pg) {
		pg_bind_text(st->pg, i, s);
		return;
	}
	if (s)
		sqlite3_bind_text(st->st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st->st, i);
}

void db_bind_null(Stmt *st, int i)
{
	if (st->pg) {
		pg_bind_text(st->pg, i, NULL);
		return;
	}
	sqlite3_bind_null(st->st, i);
}

DbStatus db_step(Stmt *st)
{
	if (st->pg)
		return pg_step(st->pg);
	int rc = sqlite3_step(st->st);
	DbStatus s = db_status(rc);
	if (s != DB_ROW && s != DB_DONE && (s == DB_ERROR || s == DB_FULL))
		log_error("store: %s: %s", st->name, sqlite3_errmsg(st->db->h));
	/* Done or failed, the statement is ready to be bound and run again. */
	if (s != DB_ROW)
		sqlite3_reset(st->st);
	return s;
}

DbStatus db_exec_stmt(Stmt *st)
{
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW)
		;
	db_reset(st);
	return s == DB_DONE ? DB_OK : s;
}

int64_t db_col_int(Stmt *st, int i)
{
	if (st->pg)
		return pg_col_int(st->pg, i);
	return sqlite3_column_int64(st->st, i);
}

const char *db_col_text(Stmt *st, int i)
{
	if (st->pg)
		return pg_col_text(st->pg, i);
	return (const char *)sqlite3_column_text(st->st, i);
}

int db_col_is_null(Stmt *st, int i)
{
	if (st->pg)
		return pg_col_is_null(st->pg, i);
	return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

int db_col_count(Stmt *st)
{
	if (st->pg)
		return pg_col_count(st->pg);
	return sqlite3_column_count(st->st);
}

void db_reset(Stmt *st)
{
	if (st->pg) {
		pg_reset(st->pg);
		return;
	}
	sqlite3_reset(st->st);
}

int64_t db_changes(Db *db)
{
	if (db->pg)
		return pg_changes(db->pg);
	return sqlite3_changes64(db->h);
}

int64_t db_last_id(Db *db)
{
	if (db->pg)
		return pg_last_id(db->pg);
	return sqlite3_last_insert_rowid(db->h);
}

const char *db_errmsg(Db *db)
{
	if (db->pg)
		return pg_errmsg(db->pg);
	return sqlite3_errmsg(db->h);
}

static int db_plain(Db *db, const char *sql)
{
	if (db->pg)
		return pg_plain(db->pg, sql);
	return db_status(sqlite3_exec(db->h, sql, NULL, NULL, NULL));
}

static void tx_pause(int attempt)
{
	struct timespec ts = {0, (long)(5 + attempt * attempt * 10) * 1000000L};
	nanosleep(&ts, NULL);
}

int db_tx(Db *db, int (*fn)(Db *db, void *arg), void *arg)
{
	for (int attempt = 0;; attempt++) {
		int rc = db->pg ? (int)pg_begin_write(db->pg) : db_plain(db, "BEGIN IMMEDIATE");
		if (rc == DB_OK) {
			rc = fn(db, arg);
			if (rc == 0) {
				rc = db_plain(db, "COMMIT");
				if (rc == DB_OK)
					return 0;
				if (rc != DB_BUSY)
					log_error("store: commit failed: %s", db_errmsg(db));
				rc = rc == DB_BUSY ? -DB_BUSY : -rc;
			}
			if (db->pg ? pg_in_tx(db->pg) : !sqlite3_get_autocommit(db->h))
				db_plain(db, "ROLLBACK");
			if (rc != -DB_BUSY)
				return rc;
		} else if (rc != DB_BUSY) {
			log_error("store: cannot begin: %s", db_errmsg(db));
			return -rc;
		}
		if (attempt == TX_RETRIES)
			return -DB_BUSY;
		tx_pause(attempt);
	}
}

int db_in_tx(Db *db)
{
	return db->pg ? pg_in_tx(db->pg) : !sqlite3_get_autocommit(db->h);
}

int db_read(Db *db, int (*fn)(Db *db, void *arg), void *arg)
{
	if (db_plain(db, db->pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN") != DB_OK)
		return -DB_ERROR;
	int rc = fn(db, arg);
	db_plain(db, "COMMIT");
	return rc;
}

DbStatus db_exec_script(Db *db, const char *sql, char *err, size_t errlen)
{
	if (db->pg)
		return pg_exec_script(db->pg, sql, err, errlen);
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return DB_ERROR;
	}
	return DB_OK;
}

int db_table_exists(Db *db, const char *name)
{
	if (db->pg)
		return pg_table_exists(db->pg, name);
	Stmt *st = db_stmt(db, "db_table_exists", "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1");
	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	DbStatus s = db_step(st);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

static int integrity_row(void *arg, int ncol, char **vals, char **names)
{
	void **a = arg;
	void (*report)(const char *, void *) = (void (*)(const char *, void *))a[0];
	int *count = a[2];
	char line[512];
	size_t n = 0;
	for (int i = 0; i < ncol && n < sizeof line; i++)
		n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", i ? " " : "",
				      vals[i] ? vals[i] : "NULL");
	if (ncol == 1 && vals[0] && strcmp(vals[0], "ok") == 0)
		return 0;
	(*count)++;
	report(line, a[1]);
	return 0;
}

int db_integrity(Db *db, void (*report)(const char *line, void *arg), void *arg)
{
	if (db->pg)
		return 0; /* the server keeps its own pages; checksums and amcheck are the DBA's tools */
	int count = 0;
	void *a[3] = {(void *)report, arg, &count};
	char *msg = NULL;
	const char *checks[] = {"PRAGMA integrity_check", "PRAGMA foreign_key_check"};
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
		if (sqlite3_exec(db->h, checks[i], integrity_row, a, &msg) != SQLITE_OK) {
			count++;
			report(msg ? msg : "integrity check failed", arg);
			sqlite3_free(msg);
			msg = NULL;
		}
	}
	return count;
}

static int backup_copy(sqlite3 *to, sqlite3 *from, char *err, size_t errlen)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(to));
		return -1;
	}
	int rc;
	/* Whole copy in one step: a consistent snapshot even while others write. */
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
		sqlite3_sleep(20);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s", sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

int db_backup(Db *db, const char *dest, char *err, size_t errlen)
{
	if (db->pg) {
		snprintf(err, errlen, "a PostgreSQL database is backed up with pg_dump (see docs/deployment.md)");
		return -1;
	}
	if (access(dest, F_OK) == 0) {
		snprintf(err, errlen, "%s already exists", dest);
		return -1;
	}
	sqlite3 *to = NULL;
	if (sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot create %s: %s", dest, sqlite3_errmsg(to));
		sqlite3_close(to);
		return -1;
	}
	int rc = backup_copy(to, db->h, err, errlen);
	/* The copy is a single self-contained file: no WAL beside it. */
	if (rc == 0 && sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(to));
		rc = -1;
	}
	if (sqlite3_close(to) != SQLITE_OK && rc == 0) {
		snprintf(err, errlen, "cannot finish %s", dest);
		rc = -1;
	}
	if (rc != 0)
		unlink(dest);
	return rc;
}

int db_restore_from(Db *db, const char *src, char *err, size_t errlen)
{
	if (db->pg) {
		snprintf(err, errlen, "a PostgreSQL database is restored with pg_restore (see docs/deployment.md)");
		return -1;
	}
	sqlite3 *from = NULL;
	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", src, sqlite3_errmsg(from));
		sqlite3_close(from);
		return -1;
	}
	int rc = backup_copy(db->h, from, err, errlen);
	sqlite3_close(from);
	return rc;
}

int64_t db_now(void)
{
	const char *pin = getenv("ISHC_NOW");
	if (pin && *pin) {
		char *end;
		long long v = strtoll(pin, &end, 10);
		if (*end == '\0')
			return v;
	}
	return (int64_t)time(NULL);
}

void db_now_iso(char out[21])
{
	time_t t = (time_t)db_now();
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *db_engine(void)
{
	static char v[32];
	if (!v[0])
		snprintf(v, sizeof v, "SQLite %s", sqlite3_libversion());
	return v;
}
