/* core/report_import (through core/import.h): past months' reports from .xlsx and .csv — a good
 * file loads every month through the core (totals follow), each kind of bad row is named by row
 * and column, nothing is saved on any error, a second import of submitted months is refused,
 * warnings do not block, and every role reaches only its own clubs.
 *
 * The .xlsx fixtures are written by this program (libxlsxwriter): run it with
 * ISHC_WRITE_FIXTURES=tests/fixtures/import to refresh the copies the HTTP tests use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <xlsxwriter.h>

#include "core/club.h"
#include "core/import.h"
#include "core/indicator.h"
#include "core/report.h"
#include "core/total.h"
#include "lib/table.h"
#include "testutil.h"

static Actor actor(Role role, const char *scope)
{
	Actor a = {.role = role};
	strcpy(a.username, "test");
	strcpy(a.lang, "vi");
	snprintf(a.scope, sizeof a.scope, "%s", scope ? scope : "");
	return a;
}

static const char *source_dir(void)
{
	const char *d = getenv("ISHC_TEST_DATA_DIR");
	return d && *d ? d : "data";
}

static unsigned char *slurp(const char *rel, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/../%s", source_dir(), rel);
	Err e = {0};
	unsigned char *d = import_read_file(path, len, &e);
	if (!d)
		fail_msg("cannot read %s", path);
	return d;
}

/* ---- the .xlsx fixtures ---- */

/* A cell: "" empty, "#123" a number, "@2024-01-15" a date cell, anything else text. */
typedef const char *const XRow[16];

static void write_sheet(const char *path, const char *title, const XRow *rows, size_t nrows)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Báo cáo");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "mm/yyyy");
	lxw_row_t r = 0;
	if (title) {
		worksheet_write_string(ws, 0, 0, title, NULL);
		r = 2;
	}
	for (size_t i = 0; i < nrows; i++, r++)
		for (lxw_col_t c = 0; c < 16 && rows[i][c]; c++) {
			const char *v = rows[i][c];
			if (!*v)
				continue;
			if (v[0] == '#') {
				worksheet_write_number(ws, r, c, strtod(v + 1, NULL), NULL);
			} else if (v[0] == '@') {
				lxw_datetime dt = {0};
				int y = 0, mo = 0, d = 0;
				sscanf(v + 1, "%d-%d-%d", &y, &mo, &d);
				dt.year = y;
				dt.month = (uint8_t)mo;
				dt.day = (uint8_t)d;
				worksheet_write_datetime(ws, r, c, &dt, date);
			} else {
				worksheet_write_string(ws, r, c, v, NULL);
			}
		}
	if (workbook_close(wb) != LXW_NO_ERROR)
		fail_msg("cannot write %s", path);
}

/* The commune's file: months as Excel date cells, figures as numbers, one month approved. */
static const XRow commune_rows[] = {
	{"STT", "Mã CLB", "Tên CLB", "Tháng", "Số thành viên dự họp", "Có họp CLB định kỳ tháng", "Lượt thăm chăm sóc tại nhà",
	 "Số tiền cho vay trong tháng", "Số tiền thu nợ gốc trong tháng", "Dư nợ cuối tháng", "Trạng thái", NULL},
	{"#1", "15961-01", "CLB thôn Đông", "@2024-04-01", "#5", "x", "#9", "#0", "#500000", "#4000000", "", NULL},
	{"#2", "15961-02", "CLB thôn Tây", "@2024-01-01", "#0", "x", "#3", "#1000000", "#0", "#1000000", "đã nộp", NULL},
	{"#3", "15961-02", "CLB thôn Tây", "@2024-02-01", "", "x", "#4", "#0", "#200000", "#800000", "đã duyệt", NULL},
	{"", "Người lập biểu", "", "", "", "", "", "", "", "", "", NULL},
};

/* Every kind of bad row, for the commune user (scope 15961). */
static const XRow bad_rows[] = {
	{"STT", "Mã CLB", "Tháng", "Số thành viên dự họp", "Số lượt cho vay trong tháng", "Số tiền cho vay trong tháng",
	 "Số tiền thu nợ gốc trong tháng", "Dư nợ cuối tháng", "Lượt thăm chăm sóc tại nhà", "Tổng số thành viên",
	 "Trạng thái", NULL},
	{"#1", "15961-01", "2024-07", "#4", "", "", "", "", "", "#5", "", NULL},     /* 4: good */
	{"#2", "99999-01", "2024-07", "#1", "", "", "", "", "", "", "", NULL},       /* 5: no such club */
	{"#3", "15880-01", "2024-07", "#1", "", "", "", "", "", "", "", NULL},       /* 6: outside the commune */
	{"#4", "15961-01", "13/2024", "#1", "", "", "", "", "", "", "", NULL},       /* 7: no such month */
	{"#5", "15961-01", "2099-01", "#1", "", "", "", "", "", "", "", NULL},       /* 8: future */
	{"#6", "15961-02", "2023-01", "#0", "", "", "", "", "", "", "", NULL},       /* 9: before founding */
	{"#7", "15961-01", "07/2024", "#3", "", "", "", "", "", "", "", NULL},       /* 10: same as row 4 */
	{"#8", "15961-01", "2024-08", "nhiều", "", "", "", "", "", "", "", NULL},    /* 11: not a number */
	{"#9", "15961-01", "2024-09", "#2", "#-2", "", "", "", "", "", "", NULL},    /* 12: negative */
	{"#10", "15961-01", "2024-10", "#9", "", "", "", "", "", "", "", NULL},      /* 13: above members (<= MEM_TOTAL) */
	{"#11", "15961-02", "2024-03", "", "#1", "#1000000", "#0", "#1000000", "", "", "", NULL}, /* 14: good */
	{"#12", "15961-02", "2024-04", "", "#0", "#0", "#0", "#3000000", "", "", "", NULL},       /* 15: balance */
	{"#13", "15961-02", "2024-06", "", "", "", "", "", "#2", "", "", NULL},      /* 16: good */
	{"#14", "15961-02", "2024-07", "", "", "", "", "", "#40", "", "", NULL},     /* 17: ten times: a warning */
	{"#15", "15961-02", "2024-08", "", "", "", "", "", "#3", "", "lạ", NULL},    /* 18: unknown status */
	{"#16", "15961-01", "2024-11", "", "#1.5", "", "", "", "", "", "", NULL},    /* 19: not whole */
	{"", "Người lập biểu", "", "", "", "", "", "", "", "", "", NULL},           /* 20: skipped */
};

static char commune_xlsx[4096], bad_xlsx[4096];

static void write_fixtures(const char *dir)
{
	char p[4096];
	snprintf(p, sizeof p, "%s/reports-commune.xlsx", dir);
	write_sheet(p, NULL, commune_rows, sizeof commune_rows / sizeof *commune_rows);
	snprintf(p, sizeof p, "%s/reports-bad.xlsx", dir);
	write_sheet(p, "BÁO CÁO HOẠT ĐỘNG CÁC THÁNG CỦA CLB", bad_rows, sizeof bad_rows / sizeof *bad_rows);
}

static unsigned char *read_abs(const char *path, size_t *len)
{
	Err e = {0};
	unsigned char *d = import_read_file(path, len, &e);
	if (!d)
		fail_msg("cannot read %s", path);
	return d;
}

/* ---- the database ---- */

static const char members_csv[] = "Họ và tên,Năm sinh,Giới tính,Dân tộc,Ngày vào CLB\n"
				  "Nguyễn Văn An,1950,Nam,Kinh,01/01/2023\n"
				  "Trần Thị Bình,1955,Nữ,Kinh,01/01/2023\n"
				  "Lê Thị Cúc,1960,Nữ,Kinh,01/01/2023\n"
				  "Phạm Văn Dũng,1990,Nam,Kinh,01/01/2023\n"
				  "Hoàng Thị Em,1985,Nữ,Kinh,01/01/2023\n";

/* Units, the catalogue, the four test clubs (15961-01, 15961-02, 15880-01, 00004-01) and five
 * members of 15961-01 who joined in 2023. */
static Db *db_ready(const char *name)
{
	Db *db = test_db_open_units(name);
	Actor a = actor(ROLE_ADMIN, NULL);
	Err e = {0};
	if (indicator_load_builtin(db, &a, &e) != 0)
		fail_msg("catalogue");
	size_t len;
	unsigned char *csv = slurp("tests/fixtures/import/clubs.csv", &len);
	ImportResult res;
	if (import_load(db, &a, IMPORT_CLUBS, 0, csv, len, "clubs.csv", &res, &e) != 0)
		fail_msg("clubs");
	import_result_free(&res);
	free(csv);
	Club c;
	assert_int_equal(club_get_by_code(db, &a, "15961-01", &c), 1);
	if (import_load(db, &a, IMPORT_MEMBERS, c.id, members_csv, strlen(members_csv), "m.csv", &res, &e) != 0)
		fail_msg("members: %s", res.nproblems ? res.problems[0].en : err_message(e.code, "en"));
	assert_int_equal(res.loaded, 5);
	import_result_free(&res);
	return db;
}

static int64_t club_id(Db *db, const char *code)
{
	Actor a = actor(ROLE_ADMIN, NULL);
	Club c;
	assert_int_equal(club_get_by_code(db, &a, code, &c), 1);
	return c.id;
}

static int64_t count_reports(Db *db)
{
	Stmt *st = db_stmt(db, "t_count_reports", "SELECT COUNT(*) FROM reports");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

/* "row:col:field" (and "!" for a warning) of every problem, joined by spaces. */
static const char *summary(const ImportResult *res)
{
	static char out[4096];
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < res->nproblems && n < sizeof out - 64; i++) {
		const ImportProblem *p = &res->problems[i];
		char c1[4] = "";
		if (p->col)
			table_col_name(p->col, c1);
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%zu:%s:%s%s", n ? " " : "", p->row, c1, p->field ? p->field : "-",
				      p->warning ? "!" : "");
	}
	return out;
}

static const char *messages(const ImportResult *res)
{
	static char out[16384];
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < res->nproblems && n < sizeof out - 900; i++)
		n += (size_t)snprintf(out + n, sizeof out - n, "%zu: %s\n", res->problems[i].row, res->problems[i].vi);
	return out;
}

static int64_t value_of(Db *db, const char *club, const char *period, const char *code, char status[12])
{
	Actor a = actor(ROLE_ADMIN, NULL);
	Report r;
	Err e = {0};
	if (report_get(db, &a, club_id(db, club), period, &r, &e) != 0)
		fail_msg("report_get %s %s", club, period);
	int64_t v = -1;
	for (size_t i = 0; i < r.count; i++)
		if (strcmp(r.items[i].ind.code, code) == 0 && r.items[i].has_value)
			v = r.items[i].value;
	if (status)
		snprintf(status, 12, "%s", r.id ? r.status : "");
	report_free(&r);
	return v;
}

/* The live total of a unit (as organised then, drafts counted) through core/total. */
static int64_t unit_total(Db *db, const char *unit, const char *period, const char *code)
{
	Actor admin = actor(ROLE_ADMIN, "");
	const char *codes[] = {code};
	TotalQuery q = {.unit = unit, .from = period, .to = period, .codes = codes, .ncodes = 1,
			.geo = TOTAL_THEN, .cls = TOTAL_ALL};
	TotalAnswer a;
	Err e = {0};
	assert_int_equal(total_query(db, &admin, &q, &a, &e), 0);
	int64_t v = a.total.cells[0].value;
	total_free(&a);
	return v;
}

/* ---- tests ---- */

static void a_good_csv_loads_every_month_and_the_totals_follow(void **state)
{
	(void)state;
	Db *db = db_ready("rimp-good");
	Actor club = actor(ROLE_CLUB, "15961-01");
	size_t len;
	unsigned char *csv = slurp("tests/fixtures/import/reports-good.csv", &len);
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &club, IMPORT_REPORTS, 0, csv, len, "reports-good.csv", &res, &e), 0);
	assert_string_equal(summary(&res), "");
	assert_int_equal(res.nitems, 3);
	assert_int_equal(res.fresh, 3);
	assert_int_equal(res.nskipped, 1); /* the "Tổng cộng" line */
	assert_string_equal(res.items[1].report->period, "2024-02");
	assert_int_equal(count_reports(db), 0); /* the preview wrote nothing */
	import_result_free(&res);

	assert_int_equal(import_load(db, &club, IMPORT_REPORTS, 0, csv, len, "reports-good.csv", &res, &e), 0);
	assert_int_equal(res.loaded, 3);
	import_result_free(&res);
	char st[12];
	assert_int_equal(value_of(db, "15961-01", "2024-02", "MEET_ATTEND", st), 5);
	assert_string_equal(st, "submitted");
	{
		/* history from paper counts as submitted on time, not late on the day it was typed */
		Actor a = actor(ROLE_ADMIN, NULL);
		Report r;
		assert_int_equal(report_get(db, &a, club_id(db, "15961-01"), "2024-02", &r, &e), 0);
		assert_int_equal(r.on_time, 1);
		assert_string_equal(r.first_submitted_at, "2024-03-05T00:00:00Z");
		report_free(&r);
	}
	assert_int_equal(value_of(db, "15961-01", "2024-03", "INC_OUTSTANDING", NULL), 4500000);
	assert_int_equal(value_of(db, "15961-01", "2024-01", "MEET_HELD", NULL), 1);
	/* Totals are kept by the core's own steps: the commune, the province and the country. */
	assert_int_equal(unit_total(db, "15961", "2024-02", "MEET_ATTEND"), 5);
	assert_int_equal(unit_total(db, "38", "2024-03", "CARE_VISITS"), 11);
	assert_int_equal(total_verify(db), 0);

	/* The same file again: every month is submitted now, so every row is refused. */
	assert_int_equal(import_load(db, &club, IMPORT_REPORTS, 0, csv, len, "reports-good.csv", &res, &e), -1);
	assert_int_equal(e.code, E_INVALID);
	assert_string_equal(summary(&res), "2:D:period 3:D:period 4:D:period");
	assert_non_null(strstr(res.problems[0].vi, "đã nộp nên không nhập đè được"));
	import_result_free(&res);
	assert_int_equal(count_reports(db), 3);
	free(csv);
	db_close(db);
}

static void each_bad_kind_is_named_by_row_and_column_and_nothing_is_saved(void **state)
{
	(void)state;
	Db *db = db_ready("rimp-bad");
	Actor commune = actor(ROLE_COMMUNE, "15961");
	size_t len;
	unsigned char *x = read_abs(bad_xlsx, &len);
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &commune, IMPORT_REPORTS, 0, x, len, "reports-bad.xlsx", &res, &e), 0);
	assert_int_equal(res.header_row, 3);
	assert_string_equal(summary(&res), "3:J:MEM_TOTAL! 5:B:club_code 6:B:club_code 7:C:period 8:C:period 9:C:period "
					   "10:C:period 11:D:MEET_ATTEND 12:E:INC_LOANS_N 13:D:MEET_ATTEND "
					   "15:H:INC_OUTSTANDING 17:I:CARE_VISITS! 18:K:status 19:E:INC_LOANS_N");
	const char *m = messages(&res);
	assert_non_null(strstr(m, "5: Không có CLB mã “99999-01” trong phạm vi của bạn."));
	assert_non_null(strstr(m, "6: Không có CLB mã “15880-01” trong phạm vi của bạn."));
	assert_non_null(strstr(m, "7: Không đọc được tháng “13/2024”"));
	assert_non_null(strstr(m, "8: Tháng 01/2099 chưa tới."));
	assert_non_null(strstr(m, "9: Tháng 01/2023 có trước khi CLB thành lập (01/06/2023)."));
	assert_non_null(strstr(m, "10: CLB 15961-01 tháng 07/2024 đã có ở dòng 4"));
	assert_non_null(strstr(m, "11: Số thành viên dự họp: “nhiều”"));
	assert_non_null(strstr(m, "12: Số lượt cho vay trong tháng không được là số âm (-2)."));
	assert_non_null(strstr(m, "13: Số thành viên dự họp (9) không được lớn hơn Tổng số thành viên (5)"));
	assert_non_null(strstr(m, "15: Dư nợ cuối tháng (3.000.000 đ)"));
	assert_non_null(strstr(m, "17: Lượt thăm chăm sóc tại nhà (40) gấp mười lần"));
	assert_non_null(strstr(m, "19: Số lượt cho vay trong tháng phải là số nguyên"));
	assert_int_equal(res.nwarnings, 2);
	assert_int_equal(res.nitems, 16);
	assert_int_equal(res.bad_rows, 12);
	assert_int_equal(res.nskipped, 1);
	/* English words too, with the English label. */
	assert_non_null(strstr(res.problems[7].en, "Members attending the meeting"));
	import_result_free(&res);

	/* The load refuses the whole file and writes nothing. */
	assert_int_equal(import_load(db, &commune, IMPORT_REPORTS, 0, x, len, "reports-bad.xlsx", &res, &e), -1);
	assert_int_equal(e.code, E_INVALID);
	assert_int_equal(import_errors(&res), 12);
	import_result_free(&res);
	assert_int_equal(count_reports(db), 0);
	assert_int_equal(unit_total(db, "15961", "2024-07", "MEET_ATTEND"), 0);

	/* The marked copy has both sheets. */
	char out[4200];
	snprintf(out, sizeof out, "%s.marked.xlsx", bad_xlsx);
	assert_int_equal(import_check(db, &commune, IMPORT_REPORTS, 0, x, len, "reports-bad.xlsx", &res, &e), 0);
	char err[200];
	assert_int_equal(import_problems_xlsx(&res, "vi", out, err, sizeof err), 0);
	import_result_free(&res);
	free(x);
	db_close(db);
}

static void the_commune_file_loads_with_dates_and_approves_what_it_may(void **state)
{
	(void)state;
	Db *db = db_ready("rimp-commune");
	size_t len;
	unsigned char *x = read_abs(commune_xlsx, &len);
	ImportResult res;
	Err e = {0};
	/* The club user may not touch 15961-02: those rows are named, nothing is loaded. */
	Actor club = actor(ROLE_CLUB, "15961-01");
	assert_int_equal(import_load(db, &club, IMPORT_REPORTS, 0, x, len, "c.xlsx", &res, &e), -1);
	assert_string_equal(summary(&res), "3:B:club_code 4:B:club_code");
	import_result_free(&res);
	assert_int_equal(count_reports(db), 0);

	Actor commune = actor(ROLE_COMMUNE, "15961");
	assert_int_equal(import_load(db, &commune, IMPORT_REPORTS, 0, x, len, "c.xlsx", &res, &e), 0);
	assert_int_equal(res.loaded, 3);
	import_result_free(&res);
	char st[12];
	assert_int_equal(value_of(db, "15961-02", "2024-02", "INC_OUTSTANDING", st), 800000);
	assert_string_equal(st, "approved");
	assert_int_equal(value_of(db, "15961-02", "2024-01", "CARE_VISITS", st), 3);
	assert_string_equal(st, "submitted");
	assert_int_equal(value_of(db, "15961-01", "2024-04", "MEET_ATTEND", st), 5);
	assert_int_equal(unit_total(db, "15961", "2024-01", "INC_LOANS_VND"), 1000000);
	assert_int_equal(total_verify(db), 0);
	free(x);
	db_close(db);
}

static void months_are_read_in_the_usual_ways(void **state)
{
	(void)state;
	Db *db = db_ready("rimp-months");
	Actor club = actor(ROLE_CLUB, "15961-01");
	static const char one[] = "Mã CLB,Tháng báo cáo,Home-care visits\n"
				  "15961-01,2023-04,1\n15961-01,05/2023,1\n15961-01,Tháng 6/2023,1\n15961-01,T7-2023,1\n"
				  "15961-01,15/08/2023,1\n15961-01,2023-09-30,1\n15961-01,tháng 10 năm 2023,1\n15961-01,2023/11,1\n";
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &club, IMPORT_REPORTS, 0, one, strlen(one), "m.csv", &res, &e), 0);
	assert_string_equal(summary(&res), "");
	const char *want[] = {"2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09", "2023-10", "2023-11"};
	assert_int_equal(res.nitems, 8);
	for (size_t i = 0; i < 8; i++)
		assert_string_equal(res.items[i].report->period, want[i]);
	import_result_free(&res);

	static const char two[] = "Mã CLB;Tháng;Năm;Lượt thăm chăm sóc tại nhà\n"
				  "15961-01;1;2023;1\n15961-01;Tháng 2;2023;1\n15961-01;T3;2023;1\n15961-01;4;năm 2023;1\n"
				  "15961-01;13;2023;1\n15961-01;5;;1\n";
	assert_int_equal(import_check(db, &club, IMPORT_REPORTS, 0, two, strlen(two), "m.csv", &res, &e), 0);
	assert_string_equal(summary(&res), "6:B:period 7:B:period");
	assert_string_equal(res.items[0].report->period, "2023-01");
	assert_string_equal(res.items[3].report->period, "2023-04");
	import_result_free(&res);
	db_close(db);
}

static void headings_are_found_by_code_label_or_wording(void **state)
{
	(void)state;
	Db *db = db_ready("rimp-heads");
	Actor club = actor(ROLE_CLUB, "15961-01");
	static const char csv[] = "ma clb,thang,Home-care visits,meet_attend,Số tiền cho vay (đồng),Số lượt cho vay,"
				  "Dư nợ (INC_OUTSTANDING),Ghi chú\n"
				  "15961-01,2024-05,3,2,\"1.500.000 đ\",1,1500000,tốt\n";
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &club, IMPORT_REPORTS, 0, csv, strlen(csv), "h.csv", &res, &e), 0);
	assert_string_equal(summary(&res), "");
	const char *want[] = {"club_code", "period", "CARE_VISITS", "MEET_ATTEND", "INC_LOANS_VND", "INC_LOANS_N",
			      "INC_OUTSTANDING"};
	assert_int_equal(res.ncolumns, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(res.columns[i].field, want[i]);
	assert_int_equal(res.nignored, 1);
	const ImportReport *r = res.items[0].report;
	assert_int_equal(r->nvalues, 5);
	import_result_free(&res);

	/* No club or month column: one problem for the whole file. */
	static const char none[] = "Tên,Số lượt\nA,1\n";
	assert_int_equal(import_check(db, &club, IMPORT_REPORTS, 0, none, strlen(none), "n.csv", &res, &e), 0);
	assert_string_equal(summary(&res), "0::-");
	import_result_free(&res);
	db_close(db);
}

static void warnings_do_not_block_and_approval_needs_the_right(void **state)
{
	(void)state;
	Db *db = db_ready("rimp-warn");
	Actor club = actor(ROLE_CLUB, "15961-01");
	static const char csv[] = "Mã CLB,Tháng,Lượt thăm chăm sóc tại nhà,Trạng thái\n"
				  "15961-01,2024-01,2,\n15961-01,2024-02,30,đã duyệt\n15961-01,2024-03,,nháp\n";
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &club, IMPORT_REPORTS, 0, csv, strlen(csv), "w.csv", &res, &e), 0);
	assert_string_equal(summary(&res), "3:D:status! 3:C:CARE_VISITS! 4::-!");
	assert_int_equal(import_errors(&res), 0);
	import_result_free(&res);
	assert_int_equal(import_load(db, &club, IMPORT_REPORTS, 0, csv, strlen(csv), "w.csv", &res, &e), 0);
	assert_int_equal(res.loaded, 3);
	import_result_free(&res);
	char st[12];
	assert_int_equal(value_of(db, "15961-01", "2024-02", "CARE_VISITS", st), 30);
	assert_string_equal(st, "submitted"); /* a club user may not approve */
	value_of(db, "15961-01", "2024-03", "CARE_VISITS", st);
	assert_string_equal(st, "draft");
	/* A draft may be imported over (with a note); it is submitted then. */
	static const char again[] = "Mã CLB,Tháng,Lượt thăm chăm sóc tại nhà\n15961-01,2024-03,4\n";
	assert_int_equal(import_load(db, &club, IMPORT_REPORTS, 0, again, strlen(again), "a.csv", &res, &e), 0);
	assert_string_equal(summary(&res), "2:B:period!");
	import_result_free(&res);
	assert_int_equal(value_of(db, "15961-01", "2024-03", "CARE_VISITS", st), 4);
	assert_string_equal(st, "submitted");
	db_close(db);
}

static void roles_without_the_right_are_refused(void **state)
{
	(void)state;
	Db *db = db_ready("rimp-roles");
	static const char csv[] = "Mã CLB,Tháng,Lượt thăm chăm sóc tại nhà\n15961-01,2024-01,1\n";
	Actor viewer = actor(ROLE_VIEWER, "38"), central = actor(ROLE_CENTRAL, NULL);
	Actor province = actor(ROLE_PROVINCE, "38"), hanoi = actor(ROLE_PROVINCE, "01");
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &viewer, IMPORT_REPORTS, 0, csv, strlen(csv), "r.csv", &res, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	import_result_free(&res);
	assert_int_equal(import_check(db, &central, IMPORT_REPORTS, 0, csv, strlen(csv), "r.csv", &res, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	import_result_free(&res);
	assert_int_equal(import_check(db, &hanoi, IMPORT_REPORTS, 0, csv, strlen(csv), "r.csv", &res, &e), 0);
	assert_string_equal(summary(&res), "2:A:club_code");
	import_result_free(&res);
	assert_int_equal(import_load(db, &province, IMPORT_REPORTS, 0, csv, strlen(csv), "r.csv", &res, &e), 0);
	import_result_free(&res);
	assert_int_equal(count_reports(db), 1);
	db_close(db);
}

static void an_upload_is_kept_and_committed_once(void **state)
{
	(void)state;
	Db *db = db_ready("rimp-upload");
	Actor commune = actor(ROLE_COMMUNE, "15961");
	commune.user_id = 1;
	static const char csv[] = "Mã CLB,Tháng,Lượt thăm chăm sóc tại nhà\n15961-02,2024-01,1\n";
	/* a user row for the upload's owner */
	Stmt *st = db_stmt(db, "t_user", "INSERT INTO users (id, username, full_name, role, scope_code, password_hash, created_at, "
					  "updated_at) VALUES (1, 'xa', 'Xã', 'commune', '15961', 'x', '2026-01-01', '2026-01-01')");
	assert_non_null(st);
	assert_int_equal(db_exec_stmt(st), DB_OK);
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &commune, IMPORT_REPORTS, 0, csv, strlen(csv), "u.csv", &res, &e), 0);
	int64_t id = import_save(db, &commune, IMPORT_REPORTS, 0, "u.csv", csv, strlen(csv), &res, &e);
	import_result_free(&res);
	assert_true(id > 0);
	ImportUpload u;
	assert_int_equal(import_get(db, &commune, id, &u), 1);
	assert_int_equal(u.kind, IMPORT_REPORTS);
	import_upload_free(&u);
	assert_int_equal(import_commit(db, &commune, id, &res, &e), 0);
	assert_int_equal(res.loaded, 1);
	import_result_free(&res);
	assert_int_equal(import_commit(db, &commune, id, &res, &e), 1);
	import_result_free(&res);
	assert_int_equal(count_reports(db), 1);
	db_close(db);
}

int main(void)
{
	const char *dir = getenv("ISHC_TEST_TMP");
	snprintf(commune_xlsx, sizeof commune_xlsx, "%s/reports-commune.xlsx", dir && *dir ? dir : "/tmp");
	snprintf(bad_xlsx, sizeof bad_xlsx, "%s/reports-bad.xlsx", dir && *dir ? dir : "/tmp");
	write_fixtures(dir && *dir ? dir : "/tmp");
	const char *fix = getenv("ISHC_WRITE_FIXTURES");
	if (fix && *fix) {
		write_fixtures(fix);
		return 0;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_good_csv_loads_every_month_and_the_totals_follow),
		cmocka_unit_test(each_bad_kind_is_named_by_row_and_column_and_nothing_is_saved),
		cmocka_unit_test(the_commune_file_loads_with_dates_and_approves_what_it_may),
		cmocka_unit_test(months_are_read_in_the_usual_ways),
		cmocka_unit_test(headings_are_found_by_code_label_or_wording),
		cmocka_unit_test(warnings_do_not_block_and_approval_needs_the_right),
		cmocka_unit_test(roles_without_the_right_are_refused),
		cmocka_unit_test(an_upload_is_kept_and_committed_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
