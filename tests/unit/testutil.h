/* Helpers for the store and core tests: a fresh migrated database in a temporary folder. */
#ifndef ISHC_TESTUTIL_H
#define ISHC_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

#endif
