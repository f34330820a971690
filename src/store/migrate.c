/* Applies the numbered migrations compiled into the binary (see migrate.h). */
#include "store/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "lib/embed.h"
#include "lib/log.h"

extern const EmbeddedFile store_migrations[];

/* Migration files are named NNNN_what.sql and listed in order in src/meson.build. */
static int migration_number(const EmbeddedFile *f)
{
	return (int)strtol(f->name, NULL, 10);
}

int migrate_latest(void)
{
	int latest = 0;
	for (const EmbeddedFile *f = store_migrations; f->name; f++)
		if (migration_number(f) > latest)
			latest = migration_number(f);
	return latest;
}

static int ensure_table(Db *db, char *err, size_t errlen)
{
	return db_exec_script(db,
			      "CREATE TABLE IF NOT EXISTS schema_migrations ("
			      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
			      err, errlen) == DB_OK ? 0 : -1;
}

int migrate_version(Db *db)
{
	/* Reading the version writes nothing: a file that is not ishc's stays untouched. */
	int exists = db_table_exists(db, "schema_migrations");
	if (exists <= 0)
		return exists;
	Stmt *st = db_stmt(db, "migrate_version", "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
	if (!st || db_step(st) != DB_ROW)
		return -1;
	int v = (int)db_col_int(st, 0);
	db_reset(st);
	return v;
}

typedef struct MigrationRun {
	const EmbeddedFile *file;
	char *err;
	size_t errlen;
} MigrationRun;

static int migration_apply(Db *db, void *arg)
{
	MigrationRun *m = arg;
	if (db_exec_script(db, m->file->data, m->err, m->errlen) != DB_OK)
		return -1;
	char now[21];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "migrate_record",
			   "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)");
	if (!st)
		return -1;
	db_bind_int(st, 1, migration_number(m->file));
	db_bind_text(st, 2, m->file->name);
	db_bind_text(st, 3, now);
	return db_exec_stmt(st) == DB_OK ? 0 : -1;
}

static int instance_write(Db *db, void *arg)
{
	int replace = *(int *)arg;
	unsigned char r[16];
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
		return -1;
	char hex[33];
	for (size_t i = 0; i < sizeof r; i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	Stmt *st = db_stmt(db, replace ? "migrate_instance_new" : "migrate_instance",
			   replace ? "INSERT INTO settings (key, value) VALUES ('instance', $1) "
				     "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
				   : "INSERT INTO settings (key, value) VALUES ('instance', $1) ON CONFLICT (key) DO NOTHING");
	if (!st)
		return -1;
	db_bind_text(st, 1, hex);
	return db_exec_stmt(st) == DB_OK ? 0 : -1;
}

int migrate_new_instance(Db *db)
{
	int replace = 1;
	return db_tx(db, instance_write, &replace) == 0 ? 0 : -1;
}

/* The database's instance, given once (see migrate.h). */
static int instance_ensure(Db *db)
{
	Stmt *st = db_stmt(db, "migrate_instance_has", "SELECT COUNT(*) FROM settings WHERE key = 'instance'");
	if (!st || db_step(st) != DB_ROW)
		return -1;
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	if (n)
		return 0;
	int replace = 0;
	return db_tx(db, instance_write, &replace) == 0 ? 0 : -1;
}

int migrate_up(Db *db, char *err, size_t errlen)
{
	if (ensure_table(db, err, errlen) != 0)
		return -1;
	int have = migrate_version(db);
	if (have < 0) {
		snprintf(err, errlen, "cannot read the schema version: %s", db_errmsg(db));
		return -1;
	}
	int latest = migrate_latest();
	if (have > latest) {
		snprintf(err, errlen,
			 "the database is at schema version %d, newer than this ishc (%d); use a newer ishc",
			 have, latest);
		return -1;
	}
	int applied = 0;
	for (int v = have + 1; v <= latest; v++) {
		const EmbeddedFile *f = store_migrations;
		while (f->name && migration_number(f) != v)
			f++;
		if (!f->name) {
			snprintf(err, errlen, "migration %04d is missing from this binary", v);
			return -1;
		}
		MigrationRun run = {f, err, errlen};
		if (db_tx(db, migration_apply, &run) != 0) {
			if (!err[0])
				snprintf(err, errlen, "migration %s failed", f->name);
			return -1;
		}
		log_info("store: applied migration %s", f->name);
		applied++;
	}
	if (instance_ensure(db) != 0) {
		snprintf(err, errlen, "cannot give the database its instance: %s", db_errmsg(db));
		return -1;
	}
	return applied;
}
