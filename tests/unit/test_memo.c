/* core/memo: answers kept between requests only while the data is the same, and never given from
 * one database to another. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/audit.h"
#include "core/memo.h"
#include "testutil.h"

static int audited_write(Db *db, void *arg)
{
	(void)arg;
	Actor admin = {.role = ROLE_ADMIN};
	snprintf(admin.username, sizeof admin.username, "admin");
	return audit_write(db, &admin, "test.write", "test", "1", NULL, NULL) == DB_OK ? 0 : -1;
}

static void kept_while_the_data_is_the_same(void **state)
{
	(void)state;
	Db *a = test_db_open("memo-a");
	MemoVersion v = memo_version(a);
	assert_true(v.id >= 0);
	assert_int_equal(strlen(v.instance), 32);
	int64_t answer = 42, got = 0;
	memo_put("test|answer", &v, &answer, sizeof answer);
	assert_int_equal(memo_get("test|answer", &v, &got, sizeof got), 1);
	assert_int_equal(got, 42);
	/* Asked with another size (another kind of answer under the same key): not given. */
	int32_t small = 0;
	assert_int_equal(memo_get("test|answer", &v, &small, sizeof small), 0);
	/* Read again with nothing written: the same version. */
	MemoVersion again = memo_version(a);
	assert_true(memo_version_same(&v, &again));
	/* An audited write is a new version: what was kept is not given. */
	assert_int_equal(db_tx(a, audited_write, NULL), 0);
	MemoVersion after = memo_version(a);
	assert_true(after.id > v.id);
	assert_false(memo_version_same(&v, &after));
	assert_int_equal(memo_get("test|answer", &after, &got, sizeof got), 0);
	/* A restore gives the database a new instance: the same audit rows, another version. */
	memo_put("test|answer", &after, &answer, sizeof answer);
	assert_int_equal(migrate_new_instance(a), 0);
	MemoVersion restored = memo_version(a);
	assert_int_equal(restored.id, after.id);
	assert_false(memo_version_same(&after, &restored));
	assert_int_equal(memo_get("test|answer", &restored, &got, sizeof got), 0);
	db_close(a);
	memo_clear();
}

static void never_given_from_another_database(void **state)
{
	(void)state;
	Db *a = test_db_open("memo-one"), *b = test_db_open("memo-two");
	MemoVersion va = memo_version(a), vb = memo_version(b);
	assert_int_equal(va.id, vb.id); /* two fresh databases: the same audit rows... */
	assert_false(memo_version_same(&va, &vb)); /* ...but not the same data */
	int64_t answer = 7, got = 0;
	memo_put("test|other", &va, &answer, sizeof answer);
	assert_int_equal(memo_get("test|other", &vb, &got, sizeof got), 0);
	/* A database reopened keeps its instance. */
	char path[4096], err[256];
	snprintf(path, sizeof path, "%s", db_path(a));
	db_close(a);
	Db *a2 = db_open(path, 0, err, sizeof err);
	assert_non_null(a2);
	MemoVersion va2 = memo_version(a2);
	assert_true(memo_version_same(&va, &va2));
	assert_int_equal(memo_get("test|other", &va2, &got, sizeof got), 1);
	db_close(a2);
	db_close(b);
	memo_clear();
}

static void many_keys_and_long_ones(void **state)
{
	(void)state;
	Db *a = test_db_open("memo-many");
	MemoVersion v = memo_version(a);
	char key[MEMO_KEY_MAX + 8];
	for (int64_t i = 0; i < 20000; i++) {
		snprintf(key, sizeof key, "test|many|%lld", (long long)i);
		memo_put(key, &v, &i, sizeof i);
	}
	/* The newest is kept; old ones made room (the table is bounded). */
	int64_t got = -1;
	assert_int_equal(memo_get(key, &v, &got, sizeof got), 1);
	assert_int_equal(got, 19999);
	assert_int_equal(memo_get("test|many|0", &v, &got, sizeof got), 0);
	/* A key too long is never kept. */
	memset(key, 'k', MEMO_KEY_MAX);
	key[MEMO_KEY_MAX] = '\0';
	memo_put(key, &v, &got, sizeof got);
	assert_int_equal(memo_get(key, &v, &got, sizeof got), 0);
	/* An unknown version keeps nothing. */
	MemoVersion unknown = {.id = -1};
	memo_put("test|unknown", &unknown, &got, sizeof got);
	assert_int_equal(memo_get("test|unknown", &unknown, &got, sizeof got), 0);
	db_close(a);
	memo_clear();
}

static void texts_of_any_length_within_a_bound(void **state)
{
	(void)state;
	Db *a = test_db_open("memo-texts");
	MemoVersion v = memo_version(a);
	const char page[] = "<p>Thành viên: 1.234</p>";
	memo_put("test|page", &v, page, sizeof page);
	size_t n = 0;
	char *got = memo_get_copy("test|page", &v, &n);
	assert_non_null(got);
	assert_int_equal(n, sizeof page);
	assert_string_equal(got, page);
	free(got);
	/* Larger than one answer may be: not kept. */
	size_t big = MEMO_VALUE_MAX + 1;
	char *huge = calloc(1, big);
	assert_non_null(huge);
	memo_put("test|huge", &v, huge, big);
	assert_null(memo_get_copy("test|huge", &v, &n));
	/* 160 answers of 512 KiB (80 MiB, above MEMO_BYTES_MAX): the newest are kept, the oldest made
	 * room although their slots were free. */
	char key[64];
	for (int i = 0; i < 160; i++) {
		snprintf(key, sizeof key, "test|half|%d", i);
		huge[0] = (char)i;
		memo_put(key, &v, huge, 512 * 1024);
	}
	assert_null(memo_get_copy("test|half|0", &v, &n));
	got = memo_get_copy(key, &v, &n);
	assert_non_null(got);
	assert_int_equal(n, 512 * 1024);
	assert_int_equal((unsigned char)got[0], 159);
	free(got);
	int kept = 0;
	for (int i = 0; i < 160; i++) {
		snprintf(key, sizeof key, "test|half|%d", i);
		if ((got = memo_get_copy(key, &v, &n)))
			kept++;
		free(got);
	}
	assert_true(kept * 512 * 1024 <= (int)MEMO_BYTES_MAX);
	assert_true(kept >= 64);
	free(huge);
	db_close(a);
	memo_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kept_while_the_data_is_the_same),
		cmocka_unit_test(never_given_from_another_database),
		cmocka_unit_test(many_keys_and_long_ones),
		cmocka_unit_test(texts_of_any_length_within_a_bound),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	test_pg_drop_all();
	return rc;
}
