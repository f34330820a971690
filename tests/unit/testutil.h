/* Helpers for the store and core tests: a fresh migrated database in a temporary folder, or, when
 * ISHC_TEST_PG holds a PostgreSQL connection's parameters ("host=/tmp/x&port=5432&user=u"), a
 * fresh PostgreSQL database made for the test and dropped when the test program ends. */
#ifndef ISHC_TESTUTIL_H
#define ISHC_TESTUTIL_H

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/unit.h"
#include "store/db.h"
#include "store/migrate.h"

/* The PostgreSQL connection parameters, or NULL when the tests run on SQLite files. */
static inline const char *test_pg(void)
{
	const char *pg = getenv("ISHC_TEST_PG");
	return pg && *pg ? pg : NULL;
}

enum { TEST_PG_MADE_MAX = 256 };
static char test_pg_made[TEST_PG_MADE_MAX][64];
static int test_pg_nmade;

static inline void test_pg_url(char *out, size_t n, const char *dbname)
{
	snprintf(out, n, "postgresql:///%s?%s", dbname, test_pg());
}

/* Runs one statement on the cluster's postgres database (CREATE / DROP DATABASE). */
static inline int test_pg_admin(const char *sql)
{
	char url[1024], err[256];
	test_pg_url(url, sizeof url, "postgres");
	Db *db = db_open(url, 0, err, sizeof err);
	if (!db) {
		fprintf(stderr, "test db: %s\n", err);
		return -1;
	}
	DbStatus s = db_exec_script(db, sql, err, sizeof err);
	if (s != DB_OK)
		fprintf(stderr, "test db: %s: %s\n", sql, err);
	db_close(db);
	return s == DB_OK ? 0 : -1;
}

static void test_pg_drop_all(void)
{
	for (int i = test_pg_nmade - 1; i >= 0; i--) {
		char sql[128];
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", test_pg_made[i]);
		test_pg_admin(sql);
	}
	test_pg_nmade = 0;
}

/* Creates a PostgreSQL database named after the test (and the process, so leftovers can be told
 * apart), empty or copied from template; writes its URL into out. Aborts when it cannot. */
static inline void test_pg_create(char *out, size_t n, const char *name, const char *template)
{
	static int count;
	if (test_pg_nmade == TEST_PG_MADE_MAX) {
		fprintf(stderr, "test db: too many databases\n");
		abort();
	}
	if (!count)
		atexit(test_pg_drop_all);
	char *dbname = test_pg_made[test_pg_nmade];
	int k = snprintf(dbname, 64, "u%d_%d_", (int)getpid(), ++count);
	for (const char *p = name; *p && k < 63; p++)
		dbname[k++] = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : '_';
	dbname[k] = '\0';
	char sql[256];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname);
	if (test_pg_admin(sql) != 0)
		abort();
	snprintf(sql, sizeof sql, "CREATE DATABASE %s%s%s", dbname, template ? " TEMPLATE " : "", template ? template : "");
	if (test_pg_admin(sql) != 0)
		abort();
	test_pg_nmade++;
	test_pg_url(out, n, dbname);
}

/* Where a new database called name goes: a file path with nothing at it, or on PostgreSQL the URL
 * of a new empty database. The text is valid until the next call. */
static inline char *test_db_path(const char *name)
{
	static char path[4096];
	if (test_pg()) {
		test_pg_create(path, sizeof path, name, NULL);
		return path;
	}
	const char *dir = getenv("ISHC_TEST_TMP");
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
 * program (loading 13,000 units takes a moment; copying a file, or CREATE DATABASE ... TEMPLATE
 * on PostgreSQL, does not). */
static inline Db *test_db_open_units(const char *name)
{
	static char template_path[4096];
	char err[256];
	if (!template_path[0]) {
		Db *t = test_db_open("units-template");
		if (test_pg()) {
			snprintf(template_path, sizeof template_path, "%s", test_pg_made[test_pg_nmade - 1]);
		} else {
			snprintf(template_path, sizeof template_path, "%s.tmpl", db_path(t));
			unlink(template_path);
		}
		Actor by = {.role = ROLE_ADMIN};
		Problems p = {0};
		Err e = {0};
		if (unit_load_builtin(t, &by, &p, &e) != 0 ||
		    (!test_pg() && db_backup(t, template_path, err, sizeof err) != 0)) {
			fprintf(stderr, "test units: %s %s\n", p.kept ? p.items[0].en : "", err);
			abort();
		}
		db_close(t);
	}
	if (test_pg()) {
		char url[4096];
		test_pg_create(url, sizeof url, name, template_path);
		Db *db = db_open(url, 0, err, sizeof err);
		if (!db || migrate_new_instance(db) != 0) {
			fprintf(stderr, "test units copy: %s\n", err);
			abort();
		}
		return db;
	}
	char *path = test_db_path(name);
	Db *src = db_open(template_path, 0, err, sizeof err);
	if (!src || db_backup(src, path, err, sizeof err) != 0) {
		fprintf(stderr, "test units copy: %s\n", err);
		abort();
	}
	db_close(src);
	/* A copy is another database: its own instance (as a restore gives), so that answers kept in
	 * memory for one (core/memo.h) are never given for another in this test program. */
	Db *db = db_open(path, 0, err, sizeof err);
	if (!db || migrate_new_instance(db) != 0)
		abort();
	return db;
}

#endif
