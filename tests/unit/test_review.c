/* core/review, out/review_text, out/docx: the annual review's figures on demo-like data built here
 * (plans, budgets, trainings, a commendation), who may read which review, the tasks for next year,
 * the sentences in Vietnamese number formats, and the .docx from the built-in template — on a real
 * database (SQLite, or PostgreSQL with ISHC_TEST_PG). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/programme.h"
#include "core/review.h"
#include "core/work.h"
#include "out/docx.h"
#include "out/review_text.h"
#include "testutil.h"

static Actor actor(Role role, const char *scope)
{
	Actor a = {.role = role, .user_id = 1};
	strcpy(a.username, "tester");
	strcpy(a.lang, "vi");
	strcpy(a.scope, scope);
	return a;
}

static int64_t pid;

/* Two provinces with plans issued in 2021 (budgets 1,25 + 49,641 billion), one in 2022, three
 * local courses and one central course in 2021, a commendation. Today is 10/02/2026. */
static Db *setup(const char *name)
{
	setenv("ISHC_NOW", "1770681600", 1);
	Db *db = test_db_open_units(name);
	Actor admin = actor(ROLE_ADMIN, ""), central = actor(ROLE_CENTRAL, "");
	Err e = {0};
	ProgrammeInfo p;
	assert_int_equal(programme_get_code(db, "DA1336", &p), 1);
	pid = p.id;
	PlanInput a = {.issued = "1", .doc_no = "KH 23/KH-UBND", .issued_on = "15/03/2021", .clubs_registered = "2.500",
		       .budget_vnd = "1.250.000.000", .budget_date = "20/04/2021", .finance_mechanism = "1"};
	assert_int_equal(plan_save(db, &central, pid, "38", &a, &e), 0);
	PlanInput b = {.issued = "1", .doc_no = "KH 5/KH-UBND", .issued_on = "2021-06-01", .clubs_registered = "1500",
		       .budget_vnd = "49641000000", .budget_date = "2021-07-01"};
	assert_int_equal(plan_save(db, &central, pid, "01", &b, &e), 0);
	PlanInput c = {.issued = "1", .doc_no = "KH 9/KH-UBND", .issued_on = "2022-02-01", .obstacles = "Chờ bố trí ngân sách."};
	assert_int_equal(plan_save(db, &central, pid, "27", &c, &e), 0);
	TrainingInput t1 = {.unit_code = "38", .level = "province", .topic = "Quản lý CLB", .start_date = "2021-05-12", .board_members = "40", .volunteers = "20"};
	TrainingInput t2 = {.unit_code = "38", .level = "province", .topic = "Quản lý CLB", .start_date = "2021-09-12", .board_members = "41", .volunteers = "20"};
	TrainingInput t3 = {.unit_code = "01", .level = "province", .topic = "Quản lý CLB", .start_date = "2021-10-02", .volunteers = "30"};
	TrainingInput t4 = {.unit_code = "01", .level = "central", .topic = "Giảng viên nguồn", .start_date = "2021-11-02", .officers = "45"};
	TrainingInput t5 = {.unit_code = "38", .level = "province", .topic = "Năm sau", .start_date = "2022-01-10", .volunteers = "99"};
	assert_true(training_create(db, &admin, &t1, &e) > 0);
	assert_true(training_create(db, &admin, &t2, &e) > 0);
	assert_true(training_create(db, &admin, &t3, &e) > 0);
	assert_true(training_create(db, &admin, &t4, &e) > 0);
	assert_true(training_create(db, &admin, &t5, &e) > 0);
	CommendationInput k = {.year = "2021", .level = "central", .title = "Bằng khen", .recipient_kind = "unit", .unit_code = "38",
			       .decision_no = "45/QĐ-TWH"};
	assert_true(commendation_create(db, &admin, &k, &e) > 0);
	return db;
}

static int has(const ReviewText *t, const char *s)
{
	for (size_t i = 0; i < t->n; i++)
		if (strstr(t->paras[i].text, s))
			return 1;
	return 0;
}

static void test_country_figures(void **state)
{
	(void)state;
	Db *db = setup("review_country");
	Actor central = actor(ROLE_CENTRAL, "");
	ReviewData d;
	Err e = {0};
	assert_int_equal(review_build(db, &central, pid, 2021, "", &d, &e), 0);
	assert_true(d.is_country);
	assert_int_equal(d.provinces, 63);
	assert_int_equal(d.plans_issued, 2);          /* 27's plan came in 2022 */
	assert_int_equal(d.clubs_registered, 4000);
	assert_int_equal(d.target_new_clubs, 3000);
	assert_int_equal(d.budget_provinces, 2);
	assert_int_equal(d.budget_total, INT64_C(50891000000));
	assert_int_equal(d.local_units, 2);
	assert_int_equal(d.local_courses, 3);
	assert_int_equal(d.local_trainees, 151);
	assert_int_equal(d.own_courses, 1);
	assert_int_equal(d.own_trainees, 45);
	assert_int_equal(d.no_plan.total, 61);
	assert_int_equal(d.obstacles.total, 1);
	assert_int_equal(d.commended.total, 1);
	assert_string_equal(d.tasks, "");

	ReviewText t;
	assert_int_equal(review_text(&d, "2022-03-31", &t), 0);
	assert_true(has(&t, "2/63 tỉnh, thành phố"));
	assert_true(has(&t, "4.000 CLB (vượt 33% chỉ tiêu 3.000 CLB)"));
	assert_true(has(&t, "2 tỉnh/thành phố mở 3 lớp tập huấn cho 151 thành viên"));
	assert_true(has(&t, "tổng số 50,891 tỉ đồng"));
	assert_true(has(&t, "Còn 61 tỉnh/thành phố"));
	assert_string_equal(t.dateline, "Hà Nội, ngày 31 tháng 3 năm 2022");
	assert_true(t.nnotes >= 10);

	/* the .docx: a zip from the built-in template, every placeholder filled */
	unsigned char *doc = NULL;
	size_t len = 0;
	assert_int_equal(docx_review_bytes(&t, NULL, 0, &doc, &len), 0);
	assert_true(len > 1000);
	assert_memory_equal(doc, "PK", 2);
	assert_int_equal(docx_template_check(doc, len), 0); /* filled: no {{body}} left */
	free(doc);
	unsigned char *tpl = NULL;
	assert_int_equal(docx_builtin_template(&tpl, &len), 0);
	assert_int_equal(docx_template_check(tpl, len), 1);
	assert_int_equal(docx_template_check("not a zip", 9), 0);
	free(tpl);
	review_text_free(&t);
	review_free(&d);
	db_close(db);
}

static void test_province_and_roles(void **state)
{
	(void)state;
	Db *db = setup("review_roles");
	Actor province = actor(ROLE_PROVINCE, "38"), commune = actor(ROLE_COMMUNE, "15961"),
	      club = actor(ROLE_CLUB, "15961-01"), viewer = actor(ROLE_VIEWER, ""), central = actor(ROLE_CENTRAL, "");
	ReviewData d;
	Err e = {0};
	assert_int_equal(review_build(db, &province, pid, 2021, "38", &d, &e), 0);
	assert_int_equal(d.provinces, 1);
	assert_int_equal(d.plans_issued, 1);
	assert_int_equal(d.clubs_registered, 2500);
	assert_int_equal(d.budget_total, INT64_C(1250000000));
	assert_int_equal(d.own_courses, 2);           /* the province's own courses */
	assert_int_equal(d.local_courses, 0);
	assert_int_equal(d.commended.total, 1);
	ReviewText t;
	assert_int_equal(review_text(&d, "2022-01-05", &t), 0);
	assert_true(has(&t, "Kinh phí 5 năm được phê duyệt: 1,250 tỉ đồng."));
	assert_string_equal(t.dateline, "Thanh Hóa, ngày 05 tháng 01 năm 2022");
	assert_string_equal(t.issuer, "HỘI NGƯỜI CAO TUỔI TỈNH THANH HÓA");
	review_text_free(&t);
	review_free(&d);

	assert_int_equal(review_build(db, &province, pid, 2021, "01", &d, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(review_build(db, &province, pid, 2021, "", &d, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(review_build(db, &commune, pid, 2021, "", &d, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(review_build(db, &club, pid, 2021, "38", &d, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(review_build(db, &central, pid, 1999, "", &d, &e), -1);
	assert_int_equal(e.code, E_WORK_YEAR);
	assert_int_equal(review_build(db, &central, pid, 2021, "15961", &d, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(review_build(db, &viewer, pid, 2021, "", &d, &e), 0);
	assert_int_equal(d.budget_total, INT64_C(50891000000));
	review_free(&d);

	/* tasks: saved per unit, edited by the unit's own or the national level */
	assert_int_equal(review_tasks_save(db, &province, pid, 2021, "38", "  Nhân rộng CLB.\nTập huấn.  \n", &e), 0);
	assert_int_equal(review_tasks_save(db, &province, pid, 2021, "01", "x", &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(review_tasks_save(db, &viewer, pid, 2021, "", "x", &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	char *big = malloc(REVIEW_TASKS_MAX + 10);
	memset(big, 'a', REVIEW_TASKS_MAX + 9);
	big[REVIEW_TASKS_MAX + 9] = 0;
	assert_int_equal(review_tasks_save(db, &central, pid, 2021, "38", big, &e), -1);
	assert_int_equal(e.code, E_TOO_LONG);
	free(big);
	assert_int_equal(review_build(db, &central, pid, 2021, "38", &d, &e), 0);
	assert_string_equal(d.tasks, "  Nhân rộng CLB.\nTập huấn.");
	review_free(&d);
	assert_int_equal(review_build(db, &central, pid, 2021, "", &d, &e), 0);
	assert_string_equal(d.tasks, "");
	review_free(&d);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_country_figures),
		cmocka_unit_test(test_province_and_roles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
