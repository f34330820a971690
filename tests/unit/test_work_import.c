/* core/work_import: training courses and visits from .csv through the import framework — the
 * columns found by their headings (Vietnamese or English), each problem by row and column, scope,
 * all rows or none, rows already there skipped — on a real database (SQLite, or PostgreSQL with
 * ISHC_TEST_PG). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/club.h"
#include "core/import.h"
#include "core/work.h"
#include "testutil.h"

static Actor actor(Role role, const char *scope)
{
	Actor a = {.role = role, .user_id = 1};
	strcpy(a.username, "tester");
	strcpy(a.lang, "vi");
	strcpy(a.scope, scope);
	return a;
}

/* Clubs in Xã Hoằng Lộc (Thanh Hóa) and in Hà Nội. Today is 10/02/2026. */
static Db *setup(const char *name)
{
	setenv("ISHC_NOW", "1770681600", 1);
	Db *db = test_db_open_units(name);
	Actor admin = actor(ROLE_ADMIN, "");
	Err e = {0};
	ClubInput c = {.name = "CLB Phú Thọ", .unit_code = "15961", .founded_on = "2024-03-15", .status = "active"};
	assert_true(club_create(db, &admin, &c, &e) > 0);
	ClubInput h = {.name = "CLB Ba Đình", .unit_code = "00004", .founded_on = "2024-03-15", .status = "active"};
	assert_true(club_create(db, &admin, &h, &e) > 0);
	return db;
}

static void count_training(const Training *t, void *arg)
{
	(void)t;
	(*(int *)arg)++;
}

static int64_t trainings(Db *db)
{
	Actor central = actor(ROLE_CENTRAL, "");
	int n = 0;
	TrainingFilter f = {0};
	return training_list(db, &central, &f, 0, 100, count_training, &n);
}

static void count_visit(const Visit *v, void *arg)
{
	(void)v;
	(*(int *)arg)++;
}

static int64_t visits(Db *db)
{
	Actor central = actor(ROLE_CENTRAL, "");
	int n = 0;
	VisitFilter f = {0};
	return visit_list(db, &central, &f, 0, 100, count_visit, &n);
}

static int has_problem(const ImportResult *res, size_t row, size_t col, const char *field)
{
	for (size_t i = 0; i < res->nproblems; i++)
		if (res->problems[i].row == row && res->problems[i].col == col &&
		    (!field || (res->problems[i].field && strcmp(res->problems[i].field, field) == 0)))
			return 1;
	return 0;
}

static void test_trainings(void **state)
{
	(void)state;
	Db *db = setup("work_import_trainings");
	Actor province = actor(ROLE_PROVINCE, "38"), central = actor(ROLE_CENTRAL, ""), club = actor(ROLE_CLUB, "15961-01"),
	      viewer = actor(ROLE_VIEWER, "");
	const char *bad = "Tập huấn năm 2026\n"
			  "STT,Mã đơn vị tổ chức,Chủ đề,Địa điểm,Ngày bắt đầu,Ngày kết thúc,Số cán bộ Hội NCT,"
			  "Số thành viên Ban chủ nhiệm,Số tình nguyện viên\n"
			  "1,38,Quản lý CLB,Thanh Hóa,31/02/2026,,5,5,0\n"
			  "2,99999,Quản lý CLB,Thanh Hóa,05/01/2026,,5,5,0\n"
			  "3,38,Quản lý CLB,Thanh Hóa,10/01/2026,08/01/2026,5,5,0\n"
			  "4,01,Quản lý CLB,Hà Nội,10/01/2026,,5,5,0\n"
			  "5,38,Quản lý CLB,Thanh Hóa,12/01/2026,,0,0,0\n"
			  "6,38,Chăm sóc tại nhà,Thanh Hóa,12/01/2026,,2,3,4\n"
			  "7,38,Chăm sóc tại nhà,Thanh Hóa,12/01/2026,,2,3,4\n"
			  "Người lập biểu\n";
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &province, IMPORT_TRAININGS, 0, bad, strlen(bad), "t.csv", &res, &e), 0);
	assert_int_equal(res.header_row, 2);
	assert_int_equal(res.nitems, 7);
	assert_true(has_problem(&res, 3, 5, "start_date"));
	assert_true(has_problem(&res, 4, 2, "unit"));
	assert_true(has_problem(&res, 5, 6, "end_date"));
	assert_true(has_problem(&res, 6, 2, "unit"));
	assert_true(has_problem(&res, 7, 7, "officers"));
	assert_true(has_problem(&res, 9, 3, "topic")); /* the same course twice in the file */
	assert_int_equal(import_errors(&res), 6);
	assert_int_equal(res.fresh, 1);
	import_result_free(&res);
	assert_int_equal(import_load(db, &province, IMPORT_TRAININGS, 0, bad, strlen(bad), "t.csv", &res, &e), -1);
	assert_int_equal(e.code, E_INVALID);
	import_result_free(&res);
	assert_int_equal(trainings(db), 0);

	/* Who may: not club users nor viewers. */
	assert_int_equal(import_check(db, &club, IMPORT_TRAININGS, 0, bad, strlen(bad), "t.csv", &res, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	import_result_free(&res);
	assert_int_equal(import_check(db, &viewer, IMPORT_VISITS, 0, bad, strlen(bad), "t.csv", &res, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	import_result_free(&res);

	/* English headings, a level for the central level; loaded, then skipped the second time. */
	const char *good = "Level,Organiser,Topic,Place,Start date,End date,Officers,Board members,Volunteers\n"
			   "Tỉnh,38,Quản lý CLB,Thanh Hóa,2026-01-12,2026-01-13,5,5,0\n"
			   ",01,Quản lý CLB,Hà Nội,12/01/2026,,1,2,3\n";
	assert_int_equal(import_load(db, &central, IMPORT_TRAININGS, 0, good, strlen(good), "t.csv", &res, &e), 0);
	assert_int_equal(res.loaded, 2);
	import_result_free(&res);
	assert_int_equal(trainings(db), 2);
	assert_int_equal(import_load(db, &central, IMPORT_TRAININGS, 0, good, strlen(good), "t.csv", &res, &e), 0);
	assert_int_equal(res.loaded, 0);
	assert_int_equal(res.existing, 2);
	import_result_free(&res);
	assert_int_equal(trainings(db), 2);
	/* An unknown level is the level column's problem. */
	const char *lv = "Cấp tổ chức,Mã đơn vị tổ chức,Chủ đề,Ngày bắt đầu,Số tình nguyện viên\nthôn,38,X,12/01/2026,3\n";
	assert_int_equal(import_check(db, &central, IMPORT_TRAININGS, 0, lv, strlen(lv), "t.csv", &res, &e), 0);
	assert_true(has_problem(&res, 2, 1, "level"));
	import_result_free(&res);
	/* No heading: a problem of the whole file. */
	const char *none = "a,b,c\n1,2,3\n";
	assert_int_equal(import_check(db, &central, IMPORT_TRAININGS, 0, none, strlen(none), "t.csv", &res, &e), 0);
	assert_true(has_problem(&res, 0, 0, NULL));
	import_result_free(&res);
	db_close(db);
}

static void count_followup(const Followup *f, void *arg)
{
	(void)f;
	(*(int *)arg)++;
}

static void test_visits(void **state)
{
	(void)state;
	Db *db = setup("work_import_visits");
	Actor province = actor(ROLE_PROVINCE, "38"), central = actor(ROLE_CENTRAL, "");
	const char *bad = "STT,Ngày,Loại,Đoàn,Mã đơn vị,Mã CLB,CLB họp định kỳ hằng tháng,Kiến nghị,Đơn vị thực hiện,Hạn thực hiện\n"
			  "1,15/01/2026,Giám sát,Đoàn tỉnh,,00004-01,Đạt,,,\n"    /* a club of Hà Nội */
			  "2,15/01/2026,Giám sát,Đoàn tỉnh,15961,,Đạt,Lập sổ,,31/03/2026\n" /* no owner */
			  "3,15/01/2026,Giám sát,Đoàn tỉnh,15961,,Đạt,Lập sổ,15961,\n"      /* no due date */
			  "4,15/01/2026,Giám sát,,15961,,Đạt,,,\n"                         /* no team */
			  "5,15/01/2026,giám sát,Đoàn tỉnh,,15961-01,x,Lập sổ quỹ,15961,31/03/2026\n";
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &province, IMPORT_VISITS, 0, bad, strlen(bad), "v.csv", &res, &e), 0);
	assert_true(has_problem(&res, 2, 6, "club"));
	assert_true(has_problem(&res, 3, 9, "owner"));
	assert_true(has_problem(&res, 4, 10, "due_date"));
	assert_true(has_problem(&res, 5, 4, "team"));
	assert_int_equal(import_errors(&res), 4);
	assert_int_equal(res.fresh, 1);
	assert_non_null(res.items[4].visit);
	assert_string_equal(res.items[4].visit->visit.results[0], "yes");
	assert_string_equal(res.items[4].visit->owner_code, "15961");
	import_result_free(&res);
	assert_int_equal(import_load(db, &province, IMPORT_VISITS, 0, bad, strlen(bad), "v.csv", &res, &e), -1);
	import_result_free(&res);
	assert_int_equal(visits(db), 0);

	/* The central level may leave the owner empty (the central level itself) and visit anywhere. */
	const char *good = "Date,Kind,Team,Unit,Club,Summary,meetings,Both funds held: income generation and activities,"
			   "Recommendation,Owner,Due date\n"
			   "2026-01-15,monitoring,Central board,,00004-01,Good,yes,partly,Keep the books,,2026-03-31\n"
			   "2026-01-16,support,Central board,38,,,,,,,\n";
	assert_int_equal(import_load(db, &central, IMPORT_VISITS, 0, good, strlen(good), "v.csv", &res, &e), 0);
	assert_int_equal(res.loaded, 2);
	import_result_free(&res);
	assert_int_equal(visits(db), 2);
	Visit v;
	int found = 0;
	for (int64_t id = 1; id < 10 && !found; id++)
		if (visit_get(db, &central, id, &v) == 1 && v.club_id) {
			found = 1;
			assert_string_equal(v.results[3], "partly");
			int n = 0;
			assert_int_equal(followup_list_visit(db, &central, v.id, count_followup, &n), 1);
			assert_int_equal(n, 1);
		}
	assert_true(found);
	assert_int_equal(import_load(db, &central, IMPORT_VISITS, 0, good, strlen(good), "v.csv", &res, &e), 0);
	assert_int_equal(res.existing, 2);
	import_result_free(&res);
	assert_int_equal(visits(db), 2);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trainings),
		cmocka_unit_test(test_visits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
