/* core/programme: targets and their revisions, progress counted from the data, the well-managed
 * hook, province plans and their count by year in the programme's geography, resources within a
 * scope. Runs on SQLite, and on PostgreSQL with ISHC_TEST_PG. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/club.h"
#include "core/member.h"
#include "core/programme.h"
#include "core/work.h"
#include "testutil.h"

#define TODAY_EPOCH "1781524800" /* 2026-06-15 */

static Actor actor(Role role, const char *scope)
{
	Actor a = {.role = role};
	strcpy(a.username, "test");
	snprintf(a.scope, sizeof a.scope, "%s", scope ? scope : "");
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

static int64_t programme_id(Db *db, const char *code)
{
	ProgrammeInfo p;
	assert_int_equal(programme_get_code(db, code, &p), 1);
	return p.id;
}

static void targets_are_revised_with_a_reason(void **state)
{
	(void)state;
	Db *db = test_db_open_units("prog-targets");
	Actor central = actor(ROLE_CENTRAL, NULL), province = actor(ROLE_PROVINCE, "38");
	int64_t p = programme_id(db, "DA1336");
	Err e = {0};
	TargetInput in = {"38", "", "new_clubs", "120", "15/03/2021", ""};
	assert_int_equal(target_set(db, &province, p, &in, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	int64_t first = target_set(db, &central, p, &in, &e);
	assert_true(first > 0);
	/* A revision without a reason changes nothing. */
	in.value = "150";
	assert_int_equal(target_set(db, &central, p, &in, &e), -1);
	assert_int_equal(e.code, E_REASON_REQUIRED);
	Target t;
	Unit u;
	assert_int_equal(unit_find(db, "38", "2021-01-01", &u), 1);
	assert_int_equal(target_in_force(db, p, u.id, 0, M_NEW_CLUBS, &t), 1);
	assert_int_equal(t.value, 120);
	in.reason = "Tỉnh đăng ký thêm";
	int64_t second = target_set(db, &central, p, &in, &e);
	assert_true(second > first);
	assert_int_equal(target_in_force(db, p, u.id, 0, M_NEW_CLUBS, &t), 1);
	assert_int_equal(t.value, 150);
	assert_int_equal(target_list(db, p, (int64_t)u.id, 1, NULL, NULL), 2);
	assert_int_equal(target_list(db, p, (int64_t)u.id, 0, NULL, NULL), 1);
	/* Shares are per mille from a percentage; a bad one is refused. */
	TargetInput share = {"", "2023", "borrowing_share", "55,5%", "2023-01-01", ""};
	assert_true(target_set(db, &central, p, &share, &e) > 0);
	assert_int_equal(target_in_force(db, p, 0, 2023, M_BORROWING_SHARE, &t), 1);
	assert_int_equal(t.value, 555);
	share.value = "101";
	assert_int_equal(target_set(db, &central, p, &share, &e), -1);
	assert_string_equal(e.field, "value");
	share.value = "50";
	share.year = "2030";
	assert_int_equal(target_set(db, &central, p, &share, &e), -1);
	assert_int_equal(e.code, E_PROGRAMME_YEAR);
	assert_int_equal(count(db, "t_audit", "SELECT COUNT(*) FROM audit_log WHERE entity = 'target'"), 3);
	db_close(db);
}

static void progress_counts_the_data(void **state)
{
	(void)state;
	Db *db = test_db_open_units("prog-progress");
	Actor admin = actor(ROLE_ADMIN, NULL), viewer = actor(ROLE_VIEWER, NULL);
	int64_t p = programme_id(db, "DA1336");
	Err e = {0};
	ClubInput a = {.name = "CLB Một", .unit_code = "15961", .status = "active", .status_date = "2021-05-01", .founded_on = "2021-05-01"};
	ClubInput b = {.name = "CLB Hai", .unit_code = "15961", .status = "active", .status_date = "2019-05-01", .founded_on = "2019-05-01"};
	assert_true(club_create(db, &admin, &a, &e) > 0);
	assert_true(club_create(db, &admin, &b, &e) > 0);
	Progress pr[M_COUNT];
	assert_int_equal(programme_progress(db, &viewer, p, 0, 2021, pr, &e), 0);
	assert_int_equal(pr[M_NEW_CLUBS].actual, 1);   /* the 2019 club is not the programme's */
	assert_int_equal(pr[M_NEW_CLUBS].has_target, 0); /* no yearly target: the period's is asked with year 0 */
	assert_int_equal(pr[M_PROVINCE_SHARE].num, 1);
	assert_int_equal(pr[M_PROVINCE_SHARE].den, 63);
	assert_int_equal(pr[M_WELL_MANAGED_SHARE].state, ACTUAL_NOT_ASSESSED);
	assert_int_equal(pr[M_BOTH_FUNDS_SHARE].state, ACTUAL_NO_DATA);
	assert_int_equal(programme_progress(db, &viewer, p, 0, 0, pr, &e), 0);
	assert_int_equal(pr[M_NEW_CLUBS].actual, 1);
	assert_int_equal(pr[M_NEW_CLUBS].target.value, 3000);
	/* The yearly assessments (core/work.h) fill the well-managed share; the progress asked a moment
	 * ago is counted again (the data changed: core/memo.h). */
	AssessmentInput all_met = {"1", "1", "1", "1", "1", "8", ""}, one_missed = {"1", "0", "1", "1", "1", "8", ""};
	assert_int_equal(assessment_save(db, &admin, 1, 2021, &all_met, &e), 0);
	assert_int_equal(assessment_save(db, &admin, 2, 2021, &one_missed, &e), 0);
	int64_t assessed, well;
	assert_int_equal(programme_well_managed(db, 0, 2021, &assessed, &well), 1);
	assert_int_equal(assessed, 2);
	assert_int_equal(well, 1);
	assert_int_equal(programme_progress(db, &viewer, p, 0, 2021, pr, &e), 0);
	assert_int_equal(pr[M_WELL_MANAGED_SHARE].state, ACTUAL_OK);
	assert_int_equal(pr[M_WELL_MANAGED_SHARE].actual, 500);
	/* A member joining the new club is in the next count; the older one among them too. */
	int64_t members = pr[M_MEMBERS].actual, older = pr[M_OLDER_MEMBERS].actual;
	MemberInput m = {.full_name = "Lê Thị Mai", .sex = "F", .birth = "1950", .joined_on = "2021-06-01"};
	assert_true(member_create(db, &admin, 1, &m, NULL, &e) > 0);
	assert_int_equal(programme_progress(db, &viewer, p, 0, 2021, pr, &e), 0);
	assert_int_equal(pr[M_MEMBERS].actual, members + 1);
	assert_int_equal(pr[M_OLDER_MEMBERS].actual, older + 1);
	db_close(db);
}

static void plans_count_by_year_in_the_programmes_geography(void **state)
{
	(void)state;
	Db *db = test_db_open_units("prog-plans");
	Actor central = actor(ROLE_CENTRAL, NULL), province = actor(ROLE_PROVINCE, "38"), commune = actor(ROLE_COMMUNE, "15961");
	int64_t p = programme_id(db, "DA1336");
	Err e = {0};
	PlanInput th = {.issued = "1", .doc_no = "KH 23/KH-UBND", .issued_on = "12/05/2021", .budget_vnd = "3.500.000.000",
			.clubs_registered = "180"};
	assert_int_equal(plan_save(db, &province, p, "38", &th, &e), 0);
	assert_int_equal(plan_save(db, &province, p, "01", &th, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(plan_save(db, &commune, p, "38", &th, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	PlanInput hn = {.issued = "1", .issued_on = "2022-02-10", .clubs_registered = "200"};
	assert_int_equal(plan_save(db, &central, p, "01", &hn, &e), 0);
	/* Bad input: nothing changes. */
	PlanInput bad = {.budget_vnd = "ba tỷ"};
	assert_int_equal(plan_save(db, &central, p, "38", &bad, &e), -1);
	assert_string_equal(e.field, "budget_vnd");
	PlanInput wrong = {.issued = "0"};
	assert_int_equal(plan_save(db, &central, p, "38", &wrong, &e), -1);
	assert_string_equal(e.field, "issued");
	PlanSummary s;
	assert_int_equal(plan_list(db, &central, p, 2021, NULL, NULL, &s), 63);
	assert_int_equal(s.issued, 1);
	assert_int_equal(s.budget_total, INT64_C(3500000000));
	assert_int_equal(s.clubs_registered, 180);
	assert_int_equal(plan_list(db, &central, p, 2022, NULL, NULL, &s), 63);
	assert_int_equal(s.issued, 2);
	assert_int_equal(plan_list(db, &province, p, 0, NULL, NULL, &s), 1);
	assert_int_equal(plan_list(db, &central, programme_id(db, "DA1648"), 0, NULL, NULL, &s), 34);
	assert_int_equal(count(db, "p_audit", "SELECT COUNT(*) FROM audit_log WHERE entity = 'plan'"), 2);
	db_close(db);
}

static void resources_stay_in_their_scope(void **state)
{
	(void)state;
	Db *db = test_db_open_units("prog-resources");
	Actor central = actor(ROLE_CENTRAL, NULL), commune = actor(ROLE_COMMUNE, "15961"), other = actor(ROLE_PROVINCE, "01");
	Err e = {0};
	ResourceInput a = {.unit = "15961", .year = "2024", .source = "members", .form = "cash", .value = "12.500.000"};
	assert_true(resource_create(db, &commune, &a, &e) > 0);
	ResourceInput c = {.unit = "", .year = "2024", .source = "state_central", .form = "cash", .value = "1500000000"};
	assert_true(resource_create(db, &central, &c, &e) > 0);
	assert_int_equal(resource_create(db, &commune, &c, &e), -1);
	assert_string_equal(e.field, "unit");
	ResourceInput out = {.unit = "01", .year = "2024", .source = "members", .form = "cash", .value = "1"};
	assert_int_equal(resource_create(db, &commune, &out, &e), -1);
	assert_int_equal(e.code, E_OUT_OF_SCOPE);
	ResourceSum s;
	assert_int_equal(resource_list(db, &commune, NULL, 0, 10, NULL, NULL, &s), 1);
	assert_int_equal(s.total, 12500000);
	assert_int_equal(resource_list(db, &central, NULL, 0, 10, NULL, NULL, &s), 2);
	assert_int_equal(s.by_source[0], INT64_C(1500000000));
	assert_int_equal(resource_list(db, &other, NULL, 0, 10, NULL, NULL, &s), 0);
	db_close(db);
}

int main(void)
{
	setenv("ISHC_NOW", TODAY_EPOCH, 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(targets_are_revised_with_a_reason),
		cmocka_unit_test(progress_counts_the_data),
		cmocka_unit_test(plans_count_by_year_in_the_programmes_geography),
		cmocka_unit_test(resources_stay_in_their_scope),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
