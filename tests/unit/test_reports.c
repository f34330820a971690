/* core/report: the member figures of a month come from the book; typed values are parsed and
 * checked against the catalogue's rules, all or nothing; a submitted report is locked; roles,
 * scope and the month are checked. On a real temporary database, the clock pinned to 10/02/2026. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/club.h"
#include "core/indicator.h"
#include "core/member.h"
#include "core/report.h"
#include "testutil.h"

static Actor actor(Role role, const char *scope)
{
	Actor a = {.role = role, .user_id = 1};
	strcpy(a.username, "tester");
	strcpy(a.lang, "vi");
	strcpy(a.scope, scope);
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

static int64_t stored(Db *db)
{
	return count(db, "t_reports", "SELECT COUNT(*) FROM reports") * 1000 +
	       count(db, "t_values", "SELECT COUNT(*) FROM report_values");
}

static void member(Db *db, const Actor *by, int64_t club, MemberInput in)
{
	Err e = {0};
	if (member_create(db, by, club, &in, NULL, &e) <= 0)
		fail_msg("member %s: %s on %s", in.full_name, err_code_name(e.code), e.field ? e.field : "-");
}

static int64_t club_id, other_club;

/* A club of Xã Hoằng Lộc founded 15/03/2024 with four members (see the figures below), and one
 * in Hà Nội. */
static Db *setup(const char *name)
{
	setenv("ISHC_NOW", "1770681600", 1);
	Db *db = test_db_open_units(name);
	Actor admin = actor(ROLE_ADMIN, "");
	Err e = {0};
	assert_int_equal(indicator_load_builtin(db, &admin, &e), 0);
	ClubInput c = {.name = "CLB Phú Thọ", .unit_code = "15961", .founded_on = "2024-03-15", .status = "active"};
	club_id = club_create(db, &admin, &c, &e);
	assert_true(club_id > 0);
	ClubInput h = {.name = "CLB Ba Đình", .unit_code = "00004", .founded_on = "2024-03-15", .status = "active"};
	other_club = club_create(db, &admin, &h, &e);
	assert_true(other_club > 0);
	member(db, &admin, club_id, (MemberInput){.full_name = "Nguyễn Thị Ánh", .sex = "F", .birth = "1950",
						  .household = "poor", .joined_on = "2024-04-01"});
	member(db, &admin, club_id, (MemberInput){.full_name = "Lê Văn Bình", .sex = "M", .birth = "1990",
						  .joined_on = "2024-04-01"});
	member(db, &admin, club_id, (MemberInput){.full_name = "Trần Thị Cúc", .sex = "F", .birth = "1980",
						  .disability = "1", .joined_on = "2026-01-10"});
	member(db, &admin, club_id, (MemberInput){.full_name = "Phạm Văn Dũng", .sex = "M", .birth = "1945",
						  .joined_on = "2024-04-01", .left_on = "2026-01-20",
						  .left_reason = "Chuyển đi nơi khác"});
	return db;
}

static const ReportItem *item(const Report *r, const char *code)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->items[i].ind.code, code) == 0)
			return &r->items[i];
	fail_msg("no item %s", code);
	return NULL;
}

static void member_figures_come_from_the_book(void **state)
{
	(void)state;
	Db *db = setup("rep-figures");
	Actor club = actor(ROLE_CLUB, "15961-01");
	Report r;
	Err e = {0};
	assert_int_equal(report_get(db, &club, club_id, "2026-01", &r, &e), 0);
	assert_int_equal(r.id, 0);
	assert_string_equal(r.status, "draft");
	assert_int_equal(r.catalogue_version, 1);
	assert_int_equal(r.count, 36);
	static const struct { const char *code; int64_t v; } want[] = {
		{"MEM_TOTAL", 3}, {"MEM_OLDER", 1}, {"MEM_WOMEN", 2}, {"MEM_POOR", 1},
		{"MEM_DISAB", 1}, {"MEM_JOINED", 1}, {"MEM_LEFT", 1},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const ReportItem *x = item(&r, want[i].code);
		assert_true(x->computed);
		assert_true(x->has_value);
		assert_int_equal(x->value, want[i].v);
	}
	assert_false(item(&r, "MEET_ATTEND")->computed);
	assert_false(item(&r, "MEET_ATTEND")->has_value);
	report_free(&r);
	/* December 2025: Dũng still on the book, Cúc not yet. */
	assert_int_equal(report_get(db, &club, club_id, "2025-12", &r, &e), 0);
	assert_int_equal(item(&r, "MEM_TOTAL")->value, 3);
	assert_int_equal(item(&r, "MEM_OLDER")->value, 2);
	assert_int_equal(item(&r, "MEM_JOINED")->value, 0);
	report_free(&r);
	assert_int_equal(stored(db), 0); /* reading creates nothing */
	db_close(db);
}

static void save_and_read_back(void **state)
{
	(void)state;
	Db *db = setup("rep-save");
	Actor commune = actor(ROLE_COMMUNE, "15961");
	ReportValue v[] = {{"MEET_HELD", "1"}, {"MEET_ATTEND", "3"}, {"RES_CASH_VND", "1.250.000 đ"}, {"HEA_CHECKS", " 12 "}};
	ReportProblems p;
	Err e = {0};
	assert_int_equal(report_save(db, &commune, club_id, "2026-01", v, 4, NULL, &p, &e), 0);
	Report r;
	assert_int_equal(report_get(db, &commune, club_id, "2026-01", &r, &e), 0);
	assert_true(r.id > 0);
	assert_string_equal(r.created_by, "tester");
	assert_int_equal(item(&r, "RES_CASH_VND")->value, 1250000);
	assert_int_equal(item(&r, "MEET_ATTEND")->value, 3);
	assert_int_equal(item(&r, "HEA_CHECKS")->value, 12);
	report_free(&r);
	/* A later save keeps what it does not name; null clears. */
	ReportValue w[] = {{"HEA_CHECKS", NULL}, {"MEET_ATTEND", "2"}};
	assert_int_equal(report_save(db, &commune, club_id, "2026-01", w, 2, NULL, &p, &e), 0);
	assert_int_equal(report_get(db, &commune, club_id, "2026-01", &r, &e), 0);
	assert_false(item(&r, "HEA_CHECKS")->has_value);
	assert_int_equal(item(&r, "MEET_ATTEND")->value, 2);
	assert_int_equal(item(&r, "RES_CASH_VND")->value, 1250000);
	report_free(&r);
	assert_int_equal(count(db, "t_audit", "SELECT COUNT(*) FROM audit_log WHERE entity = 'report'"), 2);
	db_close(db);
}

/* One bad value: refused with the field named and the words, nothing stored. */
typedef struct BadCase {
	const char *what, *code, *text, *words;
} BadCase;

static const BadCase bad_cases[] = {
	{"a <= rule", "MEET_ATTEND", "45", "Số thành viên dự họp (45) không được lớn hơn Tổng số thành viên (3)"},
	{"a negative value", "HEA_CHECKS", "-2", "Lượt khám/kiểm tra sức khỏe không được là số âm (-2)"},
	{"a bad number", "HEA_TALKS", "abc", "Buổi truyền thông sức khỏe: "},
	{"a decimal count", "HEA_TALKS", "1,5", "Buổi truyền thông sức khỏe: "},
	{"bad grouping", "RES_CASH_VND", "1.25.000", "Nguồn lực vận động bằng tiền: "},
	{"yes/no of 2", "MEET_HELD", "2", "Có họp CLB định kỳ tháng chỉ nhận 1 (có) hoặc 0 (không)"},
	{"a computed value typed", "MEM_TOTAL", "10", "Tổng số thành viên được tính từ sổ thành viên, không nhập tay"},
	{"an unknown code", "NO_SUCH", "1", "Chỉ tiêu NO_SUCH không có trong danh mục"},
};

static void bad_values_are_refused(void **state)
{
	(void)state;
	Db *db = setup("rep-bad");
	Actor club = actor(ROLE_CLUB, "15961-01");
	ReportProblems p;
	for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
		const BadCase *c = &bad_cases[i];
		ReportValue v[] = {{"HEA_EXERCISE", "2"}, {c->code, c->text}};
		Err e = {0};
		assert_int_equal(report_save(db, &club, club_id, "2026-01", v, 2, NULL, &p, &e), -1);
		if (e.code != E_REPORT_CHECK || p.count != 1 || strcmp(p.items[0].code, c->code) != 0 ||
		    !strstr(p.items[0].vi, c->words) || !e.field || strcmp(e.field, c->code) != 0)
			fail_msg("%s: %s, %zu problems, %s: %s", c->what, err_code_name(e.code), p.count,
				 p.count ? p.items[0].code : "-", p.count ? p.items[0].vi : "-");
		assert_true(p.items[0].en[0] != '\0');
		assert_int_equal(stored(db), 0);
	}
	/* Every problem at once; the rules run on the merged month. */
	ReportValue v[] = {{"MEET_ATTEND", "9"}, {"HEA_INSURED", "4"}};
	Err e = {0};
	assert_int_equal(report_save(db, &club, club_id, "2026-01", v, 2, NULL, &p, &e), -1);
	assert_int_equal(p.count, 2);
	assert_string_equal(p.items[0].code, "MEET_ATTEND");
	assert_string_equal(p.items[1].code, "HEA_INSURED");
	assert_string_equal(p.items[1].en, "Members with health insurance (4) must not be more than Members (3)");
	assert_int_equal(stored(db), 0);
	db_close(db);
}

/* A month whose book had nobody on it (history typed before the members): the member figures
 * bound nothing, attendance is taken as typed; a late first submission is not on time. */
static void empty_book_and_due_date(void **state)
{
	(void)state;
	Db *db = setup("rep-empty-book");
	Actor admin = actor(ROLE_ADMIN, "");
	ReportValue v[] = {{"MEET_HELD", "1"}, {"MEET_ATTEND", "4"}};
	ReportProblems p;
	Err e = {0};
	assert_int_equal(report_submit(db, &admin, other_club, "2025-12", v, 2, NULL, &p, &e), 0);
	Report r;
	assert_int_equal(report_get(db, &admin, other_club, "2025-12", &r, &e), 0);
	assert_string_equal(r.due_on, "2026-01-05");
	assert_int_equal(r.on_time, 0); /* submitted on 10/02/2026 */
	assert_string_equal(r.status, "submitted");
	report_free(&r);
	assert_int_equal(report_submit(db, &admin, other_club, "2026-01", v, 2, NULL, &p, &e), 0);
	assert_int_equal(report_get(db, &admin, other_club, "2026-01", &r, &e), 0);
	assert_int_equal(r.on_time, 0); /* due 05/02 */
	report_free(&r);
	assert_int_equal(report_submit(db, &admin, other_club, "2026-02", v, 2, NULL, &p, &e), 0);
	assert_int_equal(report_get(db, &admin, other_club, "2026-02", &r, &e), 0);
	assert_int_equal(r.on_time, 1); /* due 05/03 */
	report_free(&r);
	db_close(db);
}

static void submitted_is_locked(void **state)
{
	(void)state;
	Db *db = setup("rep-submit");
	Actor club = actor(ROLE_CLUB, "15961-01");
	ReportProblems p;
	Err e = {0};
	ReportValue v[] = {{"MEET_ATTEND", "3"}};
	assert_int_equal(report_save(db, &club, club_id, "2026-01", v, 1, NULL, &p, &e), 0);
	assert_int_equal(report_submit(db, &club, club_id, "2026-01", NULL, 0, NULL, &p, &e), 0);
	Report r;
	assert_int_equal(report_get(db, &club, club_id, "2026-01", &r, &e), 0);
	assert_string_equal(r.status, "submitted");
	assert_string_equal(r.submitted_by, "tester");
	report_free(&r);
	ReportValue w[] = {{"MEET_ATTEND", "2"}};
	assert_int_equal(report_save(db, &club, club_id, "2026-01", w, 1, NULL, &p, &e), -1);
	assert_int_equal(e.code, E_REPORT_LOCKED);
	assert_int_equal(report_submit(db, &club, club_id, "2026-01", NULL, 0, NULL, &p, &e), -1);
	assert_int_equal(e.code, E_REPORT_LOCKED);
	assert_int_equal(report_get(db, &club, club_id, "2026-01", &r, &e), 0);
	assert_int_equal(item(&r, "MEET_ATTEND")->value, 3);
	report_free(&r);
	/* Submitting a month with nothing typed makes the report; a broken rule stops it. */
	assert_int_equal(report_submit(db, &club, club_id, "2025-12", NULL, 0, NULL, &p, &e), 0);
	db_close(db);
}

static void roles_scope_and_month(void **state)
{
	(void)state;
	Db *db = setup("rep-roles");
	Report r;
	ReportProblems p;
	Err e = {0};
	ReportValue v[] = {{"MEET_ATTEND", "1"}};
	Actor viewer = actor(ROLE_VIEWER, "15961"), central = actor(ROLE_CENTRAL, "");
	Actor province = actor(ROLE_PROVINCE, "38"), club = actor(ROLE_CLUB, "15961-01");
	assert_int_equal(report_get(db, &viewer, club_id, "2026-01", &r, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(report_get(db, &central, club_id, "2026-01", &r, &e), 0);
	report_free(&r);
	assert_int_equal(report_save(db, &central, club_id, "2026-01", v, 1, NULL, &p, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(report_save(db, &province, other_club, "2026-01", v, 1, NULL, &p, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(report_get(db, &club, other_club, "2026-01", &r, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	static const char *const months[] = {"2026-13", "2026-00", "26-01", "2026/01", "2026-1", "", "2026-03", "2024-02"};
	for (size_t i = 0; i < sizeof months / sizeof *months; i++) {
		assert_int_equal(report_save(db, &province, club_id, months[i], v, 1, NULL, &p, &e), -1);
		if (e.code != E_PERIOD || !e.field || strcmp(e.field, "period") != 0)
			fail_msg("month %s: %s", months[i], err_code_name(e.code));
	}
	assert_int_equal(report_get(db, &province, club_id, "2024-03", &r, &e), 0); /* founded that month */
	report_free(&r);
	assert_int_equal(report_get(db, &province, club_id, "2026-02", &r, &e), 0); /* this month */
	report_free(&r);
	assert_int_equal(stored(db), 0);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(member_figures_come_from_the_book),
		cmocka_unit_test(save_and_read_back),
		cmocka_unit_test(bad_values_are_refused),
		cmocka_unit_test(empty_book_and_due_date),
		cmocka_unit_test(submitted_is_locked),
		cmocka_unit_test(roles_scope_and_month),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
