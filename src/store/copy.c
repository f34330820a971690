/* Copying a whole SQLite database into another database made by the same migrations (for
 * `ishc migrate-db`, SQLite to PostgreSQL). Rows go across as text and the target converts them
 * to its column types; tables in the order they were created, rows in id order, so that every
 * row a foreign key names is there before it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

enum { COPY_TABLES_MAX = 64, COPY_COLS_MAX = 64, COPY_NAME_MAX = 64 };

typedef struct Table {
	char name[COPY_NAME_MAX];
	char cols[COPY_COLS_MAX][COPY_NAME_MAX];
	int ncols;
	int has_id;
	int64_t rows;
	/* statement names (the statement cache keeps the pointer: static storage) */
	char n_select[COPY_NAME_MAX + 16], n_insert[COPY_NAME_MAX + 16], n_delete[COPY_NAME_MAX + 16],
		n_count[COPY_NAME_MAX + 16];
} Table;

static Table tables[COPY_TABLES_MAX];
static int ntables;

typedef struct Copy {
	Db *from, *to;
	void (*progress)(const char *table, int64_t rows, void *arg);
	void *arg;
	char *err;
	size_t errlen;
} Copy;

static int ident_ok(const char *s)
{
	if (!*s || strlen(s) >= COPY_NAME_MAX)
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	return 1;
}

/* The tables of the source (SQLite's catalogue), in creation order, with their columns. */
static int tables_load(Db *from, char *err, size_t errlen)
{
	ntables = 0;
	Stmt *st = db_stmt(from, "copy_tables",
			   "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
			   "AND name <> 'schema_migrations' ORDER BY rowid");
	if (!st) {
		snprintf(err, errlen, "the source is not an SQLite ishc database");
		return -1;
	}
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		const char *name = db_col_text(st, 0);
		if (ntables == COPY_TABLES_MAX || !ident_ok(name)) {
			db_reset(st);
			snprintf(err, errlen, "unexpected table %s in the source", name);
			return -1;
		}
		Table *t = &tables[ntables++];
		memset(t, 0, sizeof *t);
		snprintf(t->name, sizeof t->name, "%s", name);
	}
	if (s != DB_DONE) {
		snprintf(err, errlen, "cannot list the source's tables: %s", db_errmsg(from));
		return -1;
	}
	for (int i = 0; i < ntables; i++) {
		Table *t = &tables[i];
		st = db_stmt(from, "copy_columns", "SELECT name FROM pragma_table_info($1) ORDER BY cid");
		if (!st)
			return -1;
		db_bind_text(st, 1, t->name);
		while ((s = db_step(st)) == DB_ROW) {
			const char *c = db_col_text(st, 0);
			if (t->ncols == COPY_COLS_MAX || !ident_ok(c)) {
				db_reset(st);
				snprintf(err, errlen, "unexpected column %s.%s in the source", t->name, c);
				return -1;
			}
			snprintf(t->cols[t->ncols++], COPY_NAME_MAX, "%s", c);
			t->has_id |= strcmp(c, "id") == 0;
		}
		char nm[COPY_NAME_MAX];
		memcpy(nm, t->name, sizeof nm);
		nm[COPY_NAME_MAX - 1] = '\0';
		snprintf(t->n_select, sizeof t->n_select, "copy_sel_%s", nm);
		snprintf(t->n_insert, sizeof t->n_insert, "copy_ins_%s", nm);
		snprintf(t->n_delete, sizeof t->n_delete, "copy_del_%s", nm);
		snprintf(t->n_count, sizeof t->n_count, "copy_cnt_%s", nm);
	}
	return 0;
}

/* Table and column names cannot be parameters: they come from the source's own catalogue and
 * are checked by ident_ok (lower-case letters, digits, '_') before any SQL is built from them. */
static int64_t count_rows(Db *db, Table *t)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", t->name);
	Stmt *st = db_stmt(db, t->n_count, sql);
	if (!st || db_step(st) != DB_ROW)
		return -1;
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

static int copy_table(Copy *c, Table *t)
{
	char sel[4096], ins[4096];
	size_t a = (size_t)snprintf(sel, sizeof sel, "SELECT ");
	size_t b = (size_t)snprintf(ins, sizeof ins, "INSERT INTO %s (", t->name);
	for (int i = 0; i < t->ncols; i++) {
		a += (size_t)snprintf(sel + a, sizeof sel - a, "%s%s", i ? ", " : "", t->cols[i]);
		b += (size_t)snprintf(ins + b, sizeof ins - b, "%s%s", i ? ", " : "", t->cols[i]);
	}
	snprintf(sel + a, sizeof sel - a, " FROM %s%s", t->name, t->has_id ? " ORDER BY id" : "");
	b += (size_t)snprintf(ins + b, sizeof ins - b, ") VALUES (");
	for (int i = 0; i < t->ncols; i++)
		b += (size_t)snprintf(ins + b, sizeof ins - b, "%s$%d", i ? ", " : "", i + 1);
	snprintf(ins + b, sizeof ins - b, ")");
	Stmt *from = db_stmt(c->from, t->n_select, sel);
	Stmt *to = db_stmt(c->to, t->n_insert, ins);
	if (!from || !to) {
		snprintf(c->err, c->errlen, "cannot copy %s: %s", t->name, db_errmsg(from ? c->to : c->from));
		return -1;
	}
	DbStatus s;
	t->rows = 0;
	while ((s = db_step(from)) == DB_ROW) {
		for (int i = 0; i < t->ncols; i++)
			db_bind_text(to, i + 1, db_col_is_null(from, i) ? NULL : db_col_text(from, i));
		DbStatus w = db_exec_stmt(to);
		if (w != DB_OK) {
			db_reset(from);
			snprintf(c->err, c->errlen, "cannot copy row %lld of %s: %s", (long long)t->rows + 1, t->name,
				 db_errmsg(c->to));
			return -1;
		}
		t->rows++;
	}
	if (s != DB_DONE) {
		snprintf(c->err, c->errlen, "cannot read %s: %s", t->name, db_errmsg(c->from));
		return -1;
	}
	if (c->progress)
		c->progress(t->name, t->rows, c->arg);
	return 0;
}

static int copy_tx(Db *to, void *arg)
{
	Copy *c = arg;
	/* What the migrations seeded (settings, programmes) is replaced by the source's rows. */
	for (int i = ntables; i-- > 0;) {
		char sql[160];
		snprintf(sql, sizeof sql, "DELETE FROM %s", tables[i].name);
		Stmt *st = db_stmt(to, tables[i].n_delete, sql);
		if (!st || db_exec_stmt(st) != DB_OK) {
			snprintf(c->err, c->errlen, "cannot empty %s in the target: %s", tables[i].name, db_errmsg(to));
			return 1;
		}
	}
	for (int i = 0; i < ntables; i++)
		if (copy_table(c, &tables[i]) != 0)
			return 1;
	/* Identity counters moved past the ids copied (the store does so after any script). */
	char err[256];
	if (db_exec_script(to, "SELECT 1", err, sizeof err) != DB_OK) {
		snprintf(c->err, c->errlen, "cannot set the id counters: %s", err);
		return 1;
	}
	return 0;
}

static int copy_read(Db *from, void *arg)
{
	Copy *c = arg;
	int rc = db_tx(c->to, copy_tx, c);
	if (rc < 0 && !c->err[0])
		snprintf(c->err, c->errlen, "the copy failed: %s", db_errmsg(c->to));
	(void)from;
	return rc ? -1 : 0;
}

int db_copy_all(Db *from, Db *to, void (*progress)(const char *table, int64_t rows, void *arg), void *arg,
		char *err, size_t errlen)
{
	err[0] = '\0';
	if (tables_load(from, err, errlen) != 0)
		return -1;
	Copy c = {from, to, progress, arg, err, errlen};
	if (db_read(from, copy_read, &c) != 0)
		return -1;
	/* Afterwards, every table holds as many rows on both sides. */
	for (int i = 0; i < ntables; i++) {
		int64_t a = count_rows(from, &tables[i]), b = count_rows(to, &tables[i]);
		if (a < 0 || a != b) {
			snprintf(err, errlen, "%s: %lld rows in the source, %lld in the target", tables[i].name, (long long)a,
				 (long long)b);
			return -1;
		}
	}
	return 0;
}

int db_has_tables(Db *db)
{
	int any = 0;
	static const char *const names[] = {"schema_migrations", "users", "units", "clubs"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		int e = db_table_exists(db, names[i]);
		if (e < 0)
			return -1;
		any |= e;
	}
	return any;
}
