/* core/indicator: the built-in catalogue loads as version 1; add, reword and retire each make a new
 * version while the old ones read as they were; bad input is refused with the field named and
 * nothing changed. On a real temporary database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/indicator.h"
#include "testutil.h"

static Actor actor(Role role)
{
	Actor a = {.role = role, .user_id = 1};
	strcpy(a.username, role == ROLE_ADMIN ? "admin" : "someone");
	strcpy(a.lang, "vi");
	return a;
}

static int64_t count(Db *db, const char *name, const char *sql)
{
	Stmt *st = db_stmt(db, name, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

static int64_t rows(Db *db)
{
	return count(db, "t_rows", "SELECT COUNT(*) FROM indicators");
}

static int64_t audits(Db *db)
{
	return count(db, "t_audits", "SELECT COUNT(*) FROM audit_log WHERE entity LIKE 'indicator%'");
}

static Db *loaded(const char *name)
{
	Db *db = test_db_open(name);
	Actor a = actor(ROLE_ADMIN);
	Err e = {0};
	assert_int_equal(indicator_load_builtin(db, &a, &e), 0);
	return db;
}

static void counted(const Indicator *x, void *arg)
{
	(void)x;
	(*(int *)arg)++;
}

static void builtin_loads_as_version_one(void **state)
{
	(void)state;
	Db *db = loaded("ind-load");
	assert_int_equal(indicator_version_current(db), 1);
	assert_int_equal(indicator_list(db, 0, NULL, NULL), 36);
	assert_int_equal(indicator_list(db, 1, NULL, NULL), 36);
	IndicatorVersion v;
	assert_int_equal(indicator_version_get(db, 1, &v), 1);
	assert_string_equal(v.change, "load");
	assert_string_equal(v.made_by, "admin");
	Indicator x;
	assert_int_equal(indicator_get(db, "INC_OUTSTANDING", 1, &x), 1);
	assert_string_equal(x.kind, "money");
	assert_string_equal(x.source, "ledger");
	assert_string_equal(x.over_time, "last");
	assert_string_equal(x.label_vi, "Dư nợ cuối tháng");
	assert_string_equal(x.area, "income");
	assert_string_equal(x.check, "= previous INC_OUTSTANDING + INC_LOANS_VND - INC_REPAID_VND - written off");
	assert_int_equal(x.until_version, 0);
	assert_int_equal(indicator_get(db, "MEM_OLDER", 1, &x), 1);
	assert_string_equal(x.check, "<= MEM_TOTAL");
	assert_string_equal(x.definition_vi, "");
	/* Loading again changes nothing. */
	Actor a = actor(ROLE_ADMIN);
	Err e = {0};
	assert_int_equal(indicator_load_builtin(db, &a, &e), 0);
	assert_int_equal(indicator_version_current(db), 1);
	assert_int_equal(rows(db), 36);
	/* Every area of the catalogue has Vietnamese words. */
	int n = 0;
	assert_int_equal(indicator_list(db, 0, counted, &n), 36);
	assert_int_equal(n, 36);
	assert_string_equal(indicator_area_label("homecare", "vi"), "3. Chăm sóc tại nhà");
	db_close(db);
}

static const IndicatorInput good = {
	.code = "MEM_ETHNIC", .area = "members", .kind = "count", .source = "members", .over_time = "last",
	.label_vi = "Thành viên người dân tộc thiểu số", .label_en = "Ethnic minority members",
	.definition_en = "Members from an ethnic minority", .check = "<= MEM_TOTAL", .note = "HelpAge asked",
};

static void add_reword_retire_make_versions(void **state)
{
	(void)state;
	Db *db = loaded("ind-versions");
	Actor a = actor(ROLE_ADMIN);
	Err e = {0};
	/* Labels arrive in NFD with stray spaces; they are stored in NFC, tidied. */
	IndicatorInput in = good;
	in.label_vi = "  Tha\xcc\x80nh vie\xcc\x82n ngu\xcc\x9bo\xcc\x9b\xcc\x80i da\xcc\x82n to\xcc\xa3\xcc\x82" "c  thie\xcc\x82\xcc\x89u so\xcc\x82\xcc\x81 ";
	assert_int_equal(indicator_add(db, &a, &in, &e), 2);
	Indicator x;
	assert_int_equal(indicator_get(db, "MEM_ETHNIC", 2, &x), 1);
	assert_string_equal(x.label_vi, "Thành viên người dân tộc thiểu số");
	assert_int_equal(indicator_list(db, 0, NULL, NULL), 37);

	IndicatorInput words = {.label_vi = "Thành viên là người dân tộc thiểu số",
				.definition_vi = "Thành viên thuộc một dân tộc thiểu số"};
	assert_int_equal(indicator_reword(db, &a, "MEM_ETHNIC", &words, &e), 3);
	assert_int_equal(indicator_get(db, "MEM_ETHNIC", 3, &x), 1);
	assert_string_equal(x.label_vi, "Thành viên là người dân tộc thiểu số");
	assert_string_equal(x.label_en, "Ethnic minority members");
	assert_string_equal(x.definition_vi, "Thành viên thuộc một dân tộc thiểu số");
	assert_int_equal(indicator_get(db, "MEM_ETHNIC", 2, &x), 1);
	assert_string_equal(x.label_vi, "Thành viên người dân tộc thiểu số");

	/* MEM_ETHNIC names MEM_TOTAL; retiring MEM_TOTAL is refused while it does. */
	assert_int_equal(indicator_retire(db, &a, "MEM_TOTAL", NULL, &e), -1);
	assert_int_equal(e.code, E_INVALID);
	assert_string_equal(e.field, "code");
	assert_int_equal(indicator_version_current(db), 3);

	memset(&e, 0, sizeof e);
	assert_int_equal(indicator_retire(db, &a, "CULT_VISITS", "merged into MUT_HELPS", &e), 4);
	assert_int_equal(indicator_list(db, 4, NULL, NULL), 36);
	assert_int_equal(indicator_get(db, "CULT_VISITS", 4, &x), 0);
	assert_int_equal(indicator_get(db, "CULT_VISITS", 0, &x), 1);
	assert_int_equal(x.until_version, 4);
	/* A retired indicator cannot change, nor its code come back. */
	assert_int_equal(indicator_reword(db, &a, "CULT_VISITS", &words, &e), -1);
	assert_int_equal(e.code, E_INVALID);
	in = good;
	in.code = "CULT_VISITS";
	assert_int_equal(indicator_add(db, &a, &in, &e), -1);
	assert_string_equal(e.field, "code");

	/* Version 1 still reads exactly as loaded. */
	assert_int_equal(indicator_list(db, 1, NULL, NULL), 36);
	assert_int_equal(indicator_get(db, "MEM_ETHNIC", 1, &x), 0);
	assert_int_equal(indicator_get(db, "CULT_VISITS", 1, &x), 1);
	assert_int_equal(indicator_list(db, 2, NULL, NULL), 37);
	assert_int_equal(indicator_list(db, 3, NULL, NULL), 37);

	IndicatorVersion v;
	assert_int_equal(indicator_version_get(db, 4, &v), 1);
	assert_string_equal(v.change, "retire");
	assert_string_equal(v.code, "CULT_VISITS");
	assert_string_equal(v.note, "merged into MUT_HELPS");
	assert_int_equal(indicator_versions(db, NULL, NULL), 4);
	/* load + add + reword + retire */
	assert_int_equal(audits(db), 4);
	db_close(db);
}

typedef struct BadCase {
	const char *what;
	IndicatorInput in;
	ErrCode code;
	const char *field;
	const char *detail;
} BadCase;

/* Each bad case is the good input with one field overridden: the later initializer wins, on
 * purpose. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Winitializer-overrides"
#else
#pragma GCC diagnostic ignored "-Woverride-init"
#endif
#define GOOD .area = "health", .kind = "count", .source = "entered", .over_time = "sum", .label_vi = "Lượt đo huyết áp", \
	     .label_en = "Blood pressure checks", .definition_en = "Blood pressure measured"

static const BadCase bad_cases[] = {
	{"no code", {GOOD}, E_REQUIRED, "code", ""},
	{"lower-case code", {.code = "hea_bp", GOOD}, E_INVALID, "code", "code_format"},
	{"one letter", {.code = "H", GOOD}, E_INVALID, "code", "code_format"},
	{"a space inside", {.code = "HEA BP", GOOD}, E_INVALID, "code", "code_format"},
	{"accented", {.code = "HÉA_BP", GOOD}, E_INVALID, "code", "code_format"},
	{"too long", {.code = "HEA_BLOOD_PRESSURE_CHECKS", GOOD}, E_INVALID, "code", "code_format"},
	{"duplicate code", {.code = "HEA_CHECKS", GOOD}, E_INVALID, "code", "code_taken"},
	{"unknown area", {.code = "HEA_BP", GOOD, .area = "sport"}, E_INVALID, "area", "area"},
	{"bad kind", {.code = "HEA_BP", GOOD, .kind = "percent"}, E_INVALID, "kind", "kind"},
	{"no kind", {.code = "HEA_BP", GOOD, .kind = ""}, E_REQUIRED, "kind", ""},
	{"bad source", {.code = "HEA_BP", GOOD, .source = "guess"}, E_INVALID, "source", "source"},
	{"bad over_time", {.code = "HEA_BP", GOOD, .over_time = "average"}, E_INVALID, "over_time", "over_time"},
	{"empty Vietnamese label", {.code = "HEA_BP", GOOD, .label_vi = "   "}, E_REQUIRED, "label_vi", ""},
	{"control character in a label", {.code = "HEA_BP", GOOD, .label_en = "Blood\x01"}, E_BAD_UTF8, "label_en", ""},
	{"no definition at all", {.code = "HEA_BP", GOOD, .definition_en = ""}, E_REQUIRED, "definition_vi", ""},
	{"a check naming an unknown code", {.code = "HEA_BP", GOOD, .check = "<= MEM_NOBODY"}, E_INVALID, "check",
	 "check_unknown:MEM_NOBODY"},
	{"a check without an operator", {.code = "HEA_BP", GOOD, .check = "MEM_TOTAL"}, E_INVALID, "check", "check_syntax"},
	{"a check ending in an operator", {.code = "HEA_BP", GOOD, .check = "<= MEM_TOTAL +"}, E_INVALID, "check",
	 "check_syntax"},
	{"a check naming a retired-to-be code with bad case", {.code = "HEA_BP", GOOD, .check = "<= mem_total"}, E_INVALID,
	 "check", "check_syntax"},
	{"previous without a code", {.code = "HEA_BP", GOOD, .check = "= previous + MEM_TOTAL"}, E_INVALID, "check",
	 "check_syntax"},
};

static void bad_input_changes_nothing(void **state)
{
	(void)state;
	Db *db = loaded("ind-bad");
	Actor a = actor(ROLE_ADMIN);
	int64_t before_rows = rows(db), before_audits = audits(db);
	for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
		const BadCase *c = &bad_cases[i];
		Err e = {0};
		int64_t v = indicator_add(db, &a, &c->in, &e);
		if (v != -1 || e.code != c->code || !e.field || strcmp(e.field, c->field) != 0 ||
		    strcmp(e.detail, c->detail) != 0)
			fail_msg("%s: got %lld, code %d, field %s, detail %s", c->what, (long long)v, e.code,
				 e.field ? e.field : "(none)", e.detail);
		char words[400];
		if (c->code == E_INVALID)
			assert_non_null(indicator_err_text(&e, "vi", words, sizeof words));
	}
	assert_int_equal(indicator_version_current(db), 1);
	assert_int_equal(rows(db), before_rows);
	assert_int_equal(audits(db), before_audits);

	/* A good check may name the indicator itself ("= previous SELF + ...") and lower-case words. */
	Err e = {0};
	IndicatorInput in = {.code = "RES_FUND_X", .area = "resources", .kind = "money", .source = "ledger",
			     .over_time = "last", .label_vi = "Quỹ X", .label_en = "Fund X", .definition_vi = "Quỹ X cuối tháng",
			     .check = "= previous RES_FUND_X + RES_CASH_VND - spent on activities"};
	assert_int_equal(indicator_add(db, &a, &in, &e), 2);

	/* Rewording with the same words, or emptying a label, is refused. */
	IndicatorInput same = {.label_vi = "Quỹ X"};
	assert_int_equal(indicator_reword(db, &a, "RES_FUND_X", &same, &e), -1);
	assert_string_equal(e.field, "label_vi");
	IndicatorInput empty = {.label_en = " "};
	memset(&e, 0, sizeof e);
	assert_int_equal(indicator_reword(db, &a, "RES_FUND_X", &empty, &e), -1);
	assert_int_equal(e.code, E_REQUIRED);
	assert_string_equal(e.field, "label_en");
	memset(&e, 0, sizeof e);
	assert_int_equal(indicator_reword(db, &a, "NO_SUCH", &same, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(indicator_version_current(db), 2);
	db_close(db);
}

static void only_administrators_change(void **state)
{
	(void)state;
	Db *db = loaded("ind-roles");
	for (int role = ROLE_CENTRAL; role < ROLE_COUNT_; role++) {
		Actor a = actor((Role)role);
		Err e = {0};
		IndicatorInput in = good;
		assert_int_equal(indicator_add(db, &a, &in, &e), -1);
		assert_int_equal(e.code, E_FORBIDDEN);
		IndicatorInput words = {.label_vi = "Khác"};
		assert_int_equal(indicator_reword(db, &a, "MEM_TOTAL", &words, &e), -1);
		assert_int_equal(e.code, E_FORBIDDEN);
		assert_int_equal(indicator_retire(db, &a, "HEA_TALKS", NULL, &e), -1);
		assert_int_equal(e.code, E_FORBIDDEN);
	}
	assert_int_equal(indicator_version_current(db), 1);
	db_close(db);
}

int main(void)
{
	setenv("ISHC_NOW", "1781524800", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_loads_as_version_one),
		cmocka_unit_test(add_reword_retire_make_versions),
		cmocka_unit_test(bad_input_changes_nothing),
		cmocka_unit_test(only_administrators_change),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
