/* store/: migrations, parameters, the statement cache, transactions, backup. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "testutil.h"

/* A database of the current schema plus a table of the test's own. */
static Db *kv_db(const char *name)
{
	Db *db = test_db_open(name);
	char err[256];
	if (db_exec_script(db, "CREATE TABLE test_kv (key TEXT PRIMARY KEY, value TEXT)", err, sizeof err) != DB_OK)
		abort();
	return db;
}

static void migrations_apply_once(void **state)
{
	char err[256] = "";
	Db *db = db_open(test_db_path("mig"), 1, err, sizeof err);
	assert_non_null(db);
	assert_int_equal(migrate_version(db), 0);
	assert_int_equal(migrate_up(db, err, sizeof err), migrate_latest());
	assert_int_equal(migrate_version(db), migrate_latest());
	assert_int_equal(migrate_up(db, err, sizeof err), 0);
	db_close(db);
}

static void newer_database_is_refused(void **state)
{
	Db *db = test_db_open("newer");
	char err[256] = "";
	assert_int_equal(db_exec_script(db, "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 'x')", err,
					sizeof err),
			 DB_OK);
	assert_int_equal(migrate_up(db, err, sizeof err), -1);
	assert_non_null(strstr(err, "newer"));
	db_close(db);
}

static void dollar_parameters_bind_by_number(void **state)
{
	Db *db = test_db_open("params");
	Stmt *st = db_stmt(db, "t_concat", "SELECT $2 || $1 || '$1'");
	assert_non_null(st);
	db_bind_text(st, 1, "a");
	db_bind_text(st, 2, "b");
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "ba$1");
	db_reset(st);
	/* Same name, same cached statement, bindings cleared. */
	assert_ptr_equal(db_stmt(db, "t_concat", "ignored"), st);
	db_close(db);
}

static void bad_sql_is_reported_not_crashed(void **state)
{
	Db *db = test_db_open("badsql");
	assert_null(db_stmt(db, "t_bad", "SELEC nothing"));
	db_close(db);
}

static int insert_then(Db *db, void *arg)
{
	Stmt *st = db_stmt(db, "t_ins", "INSERT INTO test_kv (key, value) VALUES ($1, 'v')");
	db_bind_text(st, 1, "k");
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	return *(int *)arg;
}

static int64_t count_settings(Db *db)
{
	Stmt *st = db_stmt(db, "t_count", "SELECT COUNT(*) FROM test_kv");
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

static void failed_transaction_rolls_back(void **state)
{
	Db *db = kv_db("rollback");
	int fail = 7;
	assert_int_equal(db_tx(db, insert_then, &fail), 7);
	assert_int_equal(count_settings(db), 0);
	int ok = 0;
	assert_int_equal(db_tx(db, insert_then, &ok), 0);
	assert_int_equal(count_settings(db), 1);
	/* The same key again breaks the primary key: a constraint, rolled back. */
	assert_int_equal(db_tx(db, insert_then, &ok), -DB_CONSTRAINT);
	assert_int_equal(count_settings(db), 1);
	db_close(db);
}

/* A parameter the SQL only tests for NULL, and a number it skips: SQLite takes both as they come;
 * PostgreSQL cannot type them and the store types them as text, inside a transaction without
 * breaking it. */
static int untyped_then_insert(Db *db, void *arg)
{
	Stmt *st = db_stmt(db, "t_untyped", "SELECT 'Đà Lạt', CASE WHEN $1 IS NULL THEN 'none' ELSE $1 END, $3 + 1");
	if (!st)
		return -DB_ERROR;
	db_bind_null(st, 1);
	db_bind_int(st, 2, 5);
	db_bind_int(st, 3, 41);
	if (db_step(st) != DB_ROW)
		return -DB_ERROR;
	*(int64_t *)arg = db_col_int(st, 2);
	int none = strcmp(db_col_text(st, 1), "none") == 0;
	db_reset(st);
	if (!none)
		return 1;
	int ok = 0;
	return insert_then(db, &ok);
}

static void untyped_parameters_inside_a_transaction(void **state)
{
	Db *db = kv_db("untyped");
	int64_t sum = 0;
	assert_int_equal(db_tx(db, untyped_then_insert, &sum), 0);
	assert_int_equal(sum, 42);
	assert_int_equal(count_settings(db), 1);
	db_close(db);
}

/* Writes a row, then keeps its write transaction open a while before committing. */
static int insert_and_hold(Db *db, void *arg)
{
	(void)arg;
	Stmt *st = db_stmt(db, "t_held", "INSERT INTO test_kv (key, value) VALUES ('held', '1')");
	if (!st || db_exec_stmt(st) != DB_OK)
		return -DB_ERROR;
	struct timespec ts = {0, 300 * 1000000L};
	nanosleep(&ts, NULL);
	return 0;
}

static void *hold_write_lock(void *arg)
{
	char err[256];
	Db *other = db_open((const char *)arg, 0, err, sizeof err);
	if (other)
		db_tx(other, insert_and_hold, NULL);
	db_close(other);
	return NULL;
}

static void writer_waits_for_another_writer(void **state)
{
	Db *db = kv_db("busy");
	char path[4096];
	snprintf(path, sizeof path, "%s", db_path(db));
	pthread_t t;
	pthread_create(&t, NULL, hold_write_lock, path);
	struct timespec ts = {0, 50 * 1000000L};
	nanosleep(&ts, NULL);
	int ok = 0;
	assert_int_equal(db_tx(db, insert_then, &ok), 0);
	pthread_join(t, NULL);
	assert_int_equal(count_settings(db), 2);
	db_close(db);
}

static void backup_is_a_complete_copy(void **state)
{
	Db *db = kv_db("backup");
	int ok = 0;
	assert_int_equal(db_tx(db, insert_then, &ok), 0);
	char dest[4200];
	char err[256];
	if (test_pg()) {
		/* A file copy is SQLite's; a PostgreSQL database is backed up with pg_dump, and the store
		 * says so without writing anything. */
		snprintf(dest, sizeof dest, "%s/backup-%d.copy", getenv("ISHC_TEST_TMP") ? getenv("ISHC_TEST_TMP") : "/tmp", (int)getpid());
		unlink(dest);
		assert_int_equal(db_backup(db, dest, err, sizeof err), -1);
		assert_non_null(strstr(err, "pg_dump"));
		assert_int_equal(access(dest, F_OK), -1);
		db_close(db);
		return;
	}
	snprintf(dest, sizeof dest, "%s.copy", db_path(db));
	unlink(dest);
	assert_int_equal(db_backup(db, dest, err, sizeof err), 0);
	/* Never over an existing file. */
	assert_int_equal(db_backup(db, dest, err, sizeof err), -1);
	Db *copy = db_open(dest, 0, err, sizeof err);
	assert_non_null(copy);
	assert_int_equal(count_settings(copy), 1);
	assert_int_equal(migrate_version(copy), migrate_latest());
	db_close(copy);
	unlink(dest);
	db_close(db);
}

static void count_problem(const char *line, void *arg)
{
	(*(int *)arg)++;
}

static void fresh_database_passes_integrity(void **state)
{
	Db *db = test_db_open("integrity");
	int n = 0;
	assert_int_equal(db_integrity(db, count_problem, &n), 0);
	assert_int_equal(n, 0);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrations_apply_once),
		cmocka_unit_test(newer_database_is_refused),
		cmocka_unit_test(dollar_parameters_bind_by_number),
		cmocka_unit_test(bad_sql_is_reported_not_crashed),
		cmocka_unit_test(failed_transaction_rolls_back),
		cmocka_unit_test(untyped_parameters_inside_a_transaction),
		cmocka_unit_test(writer_waits_for_another_writer),
		cmocka_unit_test(backup_is_a_complete_copy),
		cmocka_unit_test(fresh_database_passes_integrity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
