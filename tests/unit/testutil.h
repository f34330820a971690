/* Helpers for the store and core tests: a fresh migrated database in a temporary folder. */
#ifndef ISHC_TESTUTIL_H
#define ISHC_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/unit.h"
#include "store/db.h"
#include "store/migrate.h"

static inline char *test_db_path(const char *name)
{
	const char *dir = getenv("ISHC_TEST_TMP");
	static char path[4096];
	snprintf(path, sizeof path, "%s/%s-%d.db", dir && *dir ? dir : "/tmp", name, (int)getpid());
	unlink(path);
	char side[4200];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	return path;
}

static inline Db *test_db_open(const char *name)
{
	char err[256];
	Db *db = db_open(test_db_path(name), 1, err, sizeof err);
	if (!db || migrate_up(db, err, sizeof err) < 0) {
		fprintf(stderr, "test db: %s\n", err);
		abort();
	}
	return db;
}

/* A database with the reference units loaded, copied from a template made once per test
 * program (loading 13,000 units takes a moment; copying a file does not). */
static inline Db *test_db_open_units(const char *name)
{
	static char template_path[4096];
	char err[256];
	if (!template_path[0]) {
		Db *t = test_db_open("units-template");
		snprintf(template_path, sizeof template_path, "%s.tmpl", db_path(t));
		unlink(template_path);
		Actor by = {.role = ROLE_ADMIN};
		Problems p = {0};
		Err e = {0};
		if (unit_load_builtin(t, &by, &p, &e) != 0 || db_backup(t, template_path, err, sizeof err) != 0) {
			fprintf(stderr, "test units: %s %s\n", p.kept ? p.items[0].en : "", err);
			abort();
		}
		db_close(t);
	}
	char *path = test_db_path(name);
	Db *src = db_open(template_path, 0, err, sizeof err);
	if (!src || db_backup(src, path, err, sizeof err) != 0) {
		fprintf(stderr, "test units copy: %s\n", err);
		abort();
	}
	db_close(src);
	Db *db = db_open(path, 0, err, sizeof err);
	if (!db)
		abort();
	return db;
}

#endif
