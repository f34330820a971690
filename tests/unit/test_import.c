/* core/import: headings found in any wording and order, every kind of bad row named by row and
 * column, all or nothing, no duplicates on a second import, the marked copy, kept uploads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <xlsxwriter.h>

#include "core/club.h"
#include "core/import.h"
#include "core/user.h"
#include "lib/table.h"
#include "testutil.h"

static Actor admin(void)
{
	Actor a = {.role = ROLE_ADMIN};
	strcpy(a.username, "test");
	strcpy(a.lang, "vi");
	return a;
}

static Actor with_scope(Role role, const char *scope)
{
	Actor a = admin();
	a.role = role;
	snprintf(a.scope, sizeof a.scope, "%s", scope);
	return a;
}

static const char *source_dir(void)
{
	const char *d = getenv("ISHC_TEST_DATA_DIR");
	return d && *d ? d : "data";
}

/* A file of the source tree: data/... or tests/fixtures/import/... (malloc'd bytes). */
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

/* A database with the units and the four test clubs (15961-01, 15961-02, 15880-01, 00004-01). */
static Db *db_with_clubs(const char *name)
{
	Db *db = test_db_open_units(name);
	Actor a = admin();
	size_t len;
	unsigned char *csv = slurp("tests/fixtures/import/clubs.csv", &len);
	ImportResult res;
	Err e = {0};
	if (import_load(db, &a, IMPORT_CLUBS, 0, csv, len, "clubs.csv", &res, &e) != 0)
		fail_msg("clubs: %s", res.nproblems ? res.problems[0].en : err_message(e.code, "en"));
	assert_int_equal(res.loaded, 4);
	import_result_free(&res);
	free(csv);
	return db;
}

static int64_t club_id(Db *db, const char *code)
{
	Actor a = admin();
	Club c;
	assert_int_equal(club_get_by_code(db, &a, code, &c), 1);
	return c.id;
}

static void ignore_member(const Member *m, void *arg)
{
	(void)m;
	(void)arg;
}

static int64_t members_of(Db *db, int64_t club)
{
	Actor a = admin();
	MemberFilter f = {.club_id = club};
	return member_list(db, &a, &f, 0, 1, ignore_member, NULL);
}

/* "row:cols:field" of every problem, joined by spaces. */
static const char *summary(const ImportResult *res)
{
	static char out[4096];
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < res->nproblems && n < sizeof out - 64; i++) {
		const ImportProblem *p = &res->problems[i];
		char c1[4] = "", c2[4] = "";
		if (p->col)
			table_col_name(p->col, c1);
		if (p->col2)
			table_col_name(p->col2, c2);
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%zu:%s%s%s:%s", n ? " " : "", p->row, c1, c2[0] ? "," : "", c2,
				      p->field ? p->field : "-");
	}
	return out;
}

static void check_text(Db *db, const Actor *a, int64_t club, const char *csv, ImportResult *res)
{
	Err e = {0};
	assert_int_equal(import_check(db, a, IMPORT_MEMBERS, club, csv, strlen(csv), "t.csv", res, &e), 0);
}

static void the_sample_names_its_three_bad_rows(void **state)
{
	Db *db = db_with_clubs("imp-sample");
	Actor a = with_scope(ROLE_COMMUNE, "15961");
	size_t len;
	unsigned char *x = slurp("data/samples/danh-sach-thanh-vien-mau.xlsx", &len);
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &a, IMPORT_MEMBERS, club_id(db, "15961-01"), x, len, "mau.xlsx", &res, &e), 0);
	assert_int_equal(res.nitems, 62);
	assert_int_equal(res.bad_rows, 3);
	assert_int_equal(res.header_row, 6);
	assert_int_equal(res.header_rows, 2);
	assert_string_equal(summary(&res), "30:B:full_name 35:D:birth 39:C,D:birth");
	assert_string_equal(res.problems[0].vi, "Thiếu họ và tên.");
	assert_string_equal(res.problems[1].heading, "Năm sinh / Nữ");
	char where[160];
	assert_string_equal(import_problem_where(&res.problems[2], "vi", where, sizeof where), "dòng 39, cột C và D (Năm sinh / Nam, Năm sinh / Nữ)");
	assert_string_equal(import_problem_where(&res.problems[0], "en", where, sizeof where), "row 30, column B (Họ và tên)");
	assert_int_equal(res.nskipped, 4);
	assert_int_equal(res.skipped[0], 71);
	/* The untidy rows pass, normalised: 11 (NFD), 15 (spaces), 23 (phone with spaces). */
	for (size_t i = 0; i < res.nitems; i++) {
		const Member *m = res.items[i].member;
		if (res.items[i].row == 11)
			assert_string_equal(m->full_name, "Bùi Thị Thanh Hằng");
		if (res.items[i].row == 15)
			assert_string_equal(m->full_name, "Nguyễn Thị Thanh Nga");
		if (res.items[i].row == 23)
			assert_string_equal(m->phone, "0912345678");
		if (res.items[i].row == 8) {
			assert_string_equal(m->sex, "F");
			assert_int_equal(m->birth_year, 1956);
			assert_string_equal(m->household, "poor");
		}
		if (res.items[i].row == 9)
			assert_string_equal(m->sex, "M");
	}
	/* Loading it refuses the whole file. */
	ImportResult res2;
	assert_int_equal(import_load(db, &a, IMPORT_MEMBERS, club_id(db, "15961-01"), x, len, "mau.xlsx", &res2, &e), -1);
	assert_int_equal(e.code, E_INVALID);
	assert_int_equal(members_of(db, club_id(db, "15961-01")), 0);
	import_result_free(&res2);
	import_result_free(&res);
	free(x);
	db_close(db);
}

static void the_fixed_sample_loads_once(void **state)
{
	Db *db = db_with_clubs("imp-fixed");
	Actor a = with_scope(ROLE_CLUB, "15961-01");
	int64_t id = club_id(db, "15961-01");
	size_t len;
	unsigned char *x = slurp("tests/fixtures/import/danh-sach-da-sua.xlsx", &len);
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_load(db, &a, IMPORT_MEMBERS, id, x, len, "da-sua.xlsx", &res, &e), 0);
	assert_int_equal(res.loaded, 62);
	assert_int_equal(members_of(db, id), 62);
	import_result_free(&res);
	assert_int_equal(import_load(db, &a, IMPORT_MEMBERS, id, x, len, "da-sua.xlsx", &res, &e), 0);
	assert_int_equal(res.loaded, 0);
	assert_int_equal(res.existing, 62);
	assert_int_equal(members_of(db, id), 62);
	import_result_free(&res);
	/* Another club of the same commune: the same people are there already. */
	Actor c = with_scope(ROLE_COMMUNE, "15961");
	assert_int_equal(import_check(db, &c, IMPORT_MEMBERS, club_id(db, "15961-02"), x, len, "da-sua.xlsx", &res, &e), 0);
	assert_int_equal(res.existing, 62);
	assert_int_equal(res.fresh, 0);
	import_result_free(&res);
	/* The club role reaches no other club. */
	assert_int_equal(import_check(db, &a, IMPORT_MEMBERS, club_id(db, "15961-02"), x, len, "da-sua.xlsx", &res, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	import_result_free(&res);
	free(x);
	db_close(db);
}

static void headings_in_other_words_and_orders(void **state)
{
	Db *db = db_with_clubs("imp-heads");
	Actor a = admin();
	int64_t id = club_id(db, "15961-01");
	ImportResult res;
	/* Excel's ";" CSV: letterhead, then "Họ tên", "Nam/Nữ", full dates, "SĐT", household values. */
	check_text(db, &a, id,
		   "HỘI NGƯỜI CAO TUỔI XÃ;;;;;;;;;\n;;;;;;;;;\nDANH SÁCH;;;;;;;;;\n"
		   "Nam/Nữ;Họ tên;Ngày sinh;SĐT;Hộ nghèo/cận nghèo;Neo đơn;Thẻ BHYT;Thôn, xóm;Ngày vào CLB;Tuổi\n"
		   "Nữ;Trần Thị Lan;05/03/1956;0912.345.678;Cận nghèo;x;có;Thôn 1;2019;70\n"
		   "nam;Lê Văn Tư;1950-12-31;;hộ nghèo;;;Thôn 2;01/02/2020;75\n",
		   &res);
	assert_string_equal(summary(&res), "");
	assert_int_equal(res.header_row, 4);
	assert_int_equal(res.nitems, 2);
	assert_int_equal(res.nignored, 1);
	assert_string_equal(res.ignored[0].heading, "Tuổi");
	const Member *m = res.items[0].member;
	assert_string_equal(m->sex, "F");
	assert_string_equal(m->birth_date, "1956-03-05");
	assert_string_equal(m->phone, "0912345678");
	assert_string_equal(m->household, "near_poor");
	assert_int_equal(m->lives_alone, 1);
	assert_int_equal(m->health_card, 1);
	assert_string_equal(m->joined_on, "2019-01-01");
	m = res.items[1].member;
	assert_string_equal(m->sex, "M");
	assert_int_equal(m->birth_year, 1950);
	assert_string_equal(m->household, "poor");
	assert_string_equal(m->joined_on, "2020-02-01");
	import_result_free(&res);

	/* Name split in two columns, "Giới tính" with sub-columns of x marks, a row of column numbers. */
	check_text(db, &a, id,
		   "TT,Họ và đệm,Tên,Giới tính,,Năm sinh,Dân tộc,Khuyết tật\n"
		   ",,,Nam,Nữ,,,\n"
		   "1,2,3,4,5,6,7,8\n"
		   "1,Nguyễn Văn,Hải,x,,1948,Tày,\n"
		   "2,Đỗ Thị,Hương,,X,1952,Kinh,√\n"
		   "Người lập biểu,,,,,,,\n",
		   &res);
	assert_string_equal(summary(&res), "");
	assert_int_equal(res.nitems, 2);
	assert_string_equal(res.items[0].member->full_name, "Nguyễn Văn Hải");
	assert_string_equal(res.items[0].member->sex, "M");
	assert_string_equal(res.items[1].member->sex, "F");
	assert_int_equal(res.items[1].member->disability, 1);
	assert_int_equal(res.nskipped, 2); /* the column numbers, the signature */
	import_result_free(&res);
	db_close(db);
}

static void every_kind_of_bad_row(void **state)
{
	Db *db = db_with_clubs("imp-bad");
	Actor a = admin();
	int64_t id = club_id(db, "15961-01");
	size_t len;
	unsigned char *x = slurp("tests/fixtures/import/thanh-vien-loi.csv", &len);
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &a, IMPORT_MEMBERS, id, x, len, "loi.csv", &res, &e), 0);
	assert_string_equal(summary(&res),
			    "3:B:full_name 4:C:birth 5:C:birth 6:F:phone 7:G:household 8:B:full_name 9:H:joined_on 10:D:sex");
	assert_int_equal(res.bad_rows, 8);
	assert_int_equal(res.fresh, 2);
	import_result_free(&res);
	free(x);

	/* A row may have several problems: each is listed, in column order of discovery. */
	check_text(db, &a, id, "Họ và tên,Năm sinh,Giới tính,Hộ nghèo,Hộ cận nghèo,Sống một mình\n"
			       "Lê Văn 3,3000,?,x,x,có lẽ\n"
			       "An,,Nam,,,\n",
		   &res);
	assert_string_equal(summary(&res), "2:A:full_name 2:B:birth 2:C:sex 2:D,E:household 2:F:lives_alone 3:B:birth");
	import_result_free(&res);

	/* Missing columns are said once for the file, not on every row. */
	check_text(db, &a, id, "Họ và tên,Dân tộc\nAn,Kinh\n", &res);
	assert_string_equal(summary(&res), "0::birth 0::sex");
	import_result_free(&res);

	/* Not a table, empty, no heading, an old .xls. */
	static const unsigned char junk[] = {0x89, 'P', 'N', 'G', 0xff, 0xfe, 0x00, 0x80};
	assert_int_equal(import_check(db, &a, IMPORT_MEMBERS, id, junk, sizeof junk, "x.png", &res, &e), 0);
	assert_int_equal(res.nproblems, 1);
	assert_int_equal(res.problems[0].row, 0);
	import_result_free(&res);
	assert_int_equal(import_check(db, &a, IMPORT_MEMBERS, id, "", 0, "x.csv", &res, &e), 0);
	assert_string_equal(res.problems[0].vi, "Tệp trống: không có gì để nhập.");
	import_result_free(&res);
	check_text(db, &a, id, "a,b,c\n1,2,3\n", &res);
	assert_int_equal(res.nproblems, 1);
	assert_non_null(strstr(res.problems[0].vi, "Không tìm thấy dòng tiêu đề"));
	import_result_free(&res);
	static const unsigned char xls[16] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	assert_int_equal(import_check(db, &a, IMPORT_MEMBERS, id, xls, sizeof xls, "x.xls", &res, &e), 0);
	assert_non_null(strstr(res.problems[0].vi, ".xls"));
	import_result_free(&res);
	db_close(db);
}

static void roles_and_scope(void **state)
{
	Db *db = db_with_clubs("imp-roles");
	const char *csv = "Họ và tên,Năm sinh,Giới tính\nAn,1950,Nam\n";
	ImportResult res;
	Err e = {0};
	struct {
		Role role;
		const char *scope, *club;
		ErrCode want;
	} cases[] = {
		{ROLE_VIEWER, "", "15961-01", E_FORBIDDEN},     {ROLE_CENTRAL, "", "15961-01", E_FORBIDDEN},
		{ROLE_CLUB, "15961-01", "15961-01", E_NONE},    {ROLE_CLUB, "15961-01", "15961-02", E_NOT_FOUND},
		{ROLE_COMMUNE, "15961", "15961-02", E_NONE},    {ROLE_COMMUNE, "15961", "15880-01", E_NOT_FOUND},
		{ROLE_PROVINCE, "38", "15880-01", E_NONE},      {ROLE_PROVINCE, "38", "00004-01", E_NOT_FOUND},
		{ROLE_ADMIN, "", "00004-01", E_NONE},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		Actor a = with_scope(cases[i].role, cases[i].scope);
		e.code = E_NONE;
		int rc = import_check(db, &a, IMPORT_MEMBERS, club_id(db, cases[i].club), csv, strlen(csv), "t.csv", &res, &e);
		if (cases[i].want == E_NONE)
			assert_int_equal(rc, 0);
		else
			assert_int_equal(e.code, cases[i].want);
		import_result_free(&res);
	}
	/* Clubs: never the club role or viewers; communes only in scope. */
	const char *clubs = "Mã xã,Tên CLB\n15880,CLB A\n00004,CLB B\n";
	Actor club = with_scope(ROLE_CLUB, "15961-01");
	assert_int_equal(import_check(db, &club, IMPORT_CLUBS, 0, clubs, strlen(clubs), "c.csv", &res, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	import_result_free(&res);
	Actor prov = with_scope(ROLE_PROVINCE, "38");
	assert_int_equal(import_check(db, &prov, IMPORT_CLUBS, 0, clubs, strlen(clubs), "c.csv", &res, &e), 0);
	assert_string_equal(summary(&res), "3:A:unit_code");
	import_result_free(&res);
	/* A commune officer's clubs default to their commune; codes follow the commune's numbering. */
	Actor com = with_scope(ROLE_COMMUNE, "15961");
	const char *own = "STT,Tên CLB,Thôn\n1,CLB Liên thế hệ thôn Bắc,Thôn Bắc\n2,CLB Liên thế hệ thôn Nam,Thôn Nam\n";
	assert_int_equal(import_load(db, &com, IMPORT_CLUBS, 0, own, strlen(own), "c.csv", &res, &e), 0);
	assert_int_equal(res.loaded, 2);
	assert_string_equal(res.items[1].club->code, "15961-04");
	import_result_free(&res);
	db_close(db);
}

static void the_marked_copy(void **state)
{
	Db *db = db_with_clubs("imp-xlsx");
	Actor a = admin();
	size_t len;
	unsigned char *x = slurp("data/samples/danh-sach-thanh-vien-mau.xlsx", &len);
	ImportResult res;
	Err e = {0};
	assert_int_equal(import_check(db, &a, IMPORT_MEMBERS, club_id(db, "15961-01"), x, len, "mau.xlsx", &res, &e), 0);
	char path[4096], err[200];
	snprintf(path, sizeof path, "%s/import-marked-%d.xlsx", getenv("ISHC_TEST_TMP") ? getenv("ISHC_TEST_TMP") : "/tmp",
		 (int)getpid());
	assert_int_equal(import_problems_xlsx(&res, "vi", path, err, sizeof err), 0);
	/* Read back: the rows at their own numbers, the messages in the last column. */
	size_t datalen;
	Err e2 = {0};
	unsigned char *back = import_read_file(path, &datalen, &e2);
	assert_non_null(back);
	ImportResult again;
	assert_int_equal(import_check(db, &a, IMPORT_MEMBERS, club_id(db, "15961-01"), back, datalen, "back.xlsx", &again, &e), 0);
	assert_string_equal(summary(&again), "30:B:full_name 35:D:birth 39:C,D:birth");
	int seen = 0;
	for (size_t i = 0; i < again.nraw; i++) {
		const ImportRawRow *rr = &again.raw[i];
		if (rr->row == 30 && rr->ncells == 12) {
			assert_string_equal(rr->cells[11].text, "B: Thiếu họ và tên.");
			seen++;
		}
		if (rr->row == 6 && rr->ncells == 12) {
			assert_string_equal(rr->cells[11].text, "Lỗi");
			seen++;
		}
	}
	assert_int_equal(seen, 2);
	import_result_free(&again);
	free(back);
	unlink(path);
	import_result_free(&res);
	free(x);
	db_close(db);
}

static void uploads_are_kept_for_their_owner(void **state)
{
	Db *db = db_with_clubs("imp-upload");
	Actor ad = admin();
	UserInput in = {"xa.hoangloc", "Cán bộ xã", "commune", "15961", "mat-khau-dai-1"}, in2 = {"tinh.th", "", "province", "38",
												  "mat-khau-dai-2"};
	Err e = {0};
	int64_t uid = user_create(db, &ad, &in, &e), uid2 = user_create(db, &ad, &in2, &e);
	assert_true(uid > 0 && uid2 > 0);
	Actor com = with_scope(ROLE_COMMUNE, "15961"), prov = with_scope(ROLE_PROVINCE, "38");
	com.user_id = uid;
	prov.user_id = uid2;
	size_t len;
	unsigned char *x = slurp("tests/fixtures/import/danh-sach-da-sua.xlsx", &len);
	int64_t club = club_id(db, "15961-01");
	ImportResult res;
	assert_int_equal(import_check(db, &com, IMPORT_MEMBERS, club, x, len, "da-sua.xlsx", &res, &e), 0);
	int64_t id = import_save(db, &com, IMPORT_MEMBERS, club, "da-sua.xlsx", x, len, &res, &e);
	assert_true(id > 0);
	import_result_free(&res);
	ImportUpload u;
	assert_int_equal(import_get(db, &com, id, &u), 1);
	assert_int_equal(u.len, len);
	assert_memory_equal(u.data, x, len);
	assert_string_equal(u.status, "previewed");
	import_upload_free(&u);
	assert_int_equal(import_get(db, &prov, id, &u), 0);
	assert_int_equal(import_commit(db, &prov, id, &res, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	import_result_free(&res);
	assert_int_equal(import_commit(db, &com, id, &res, &e), 0);
	assert_int_equal(res.loaded, 62);
	import_result_free(&res);
	assert_int_equal(import_commit(db, &com, id, &res, &e), 1);
	import_result_free(&res);
	assert_int_equal(members_of(db, club), 62);
	assert_int_equal(import_get(db, &ad, id, &u), 1);
	assert_string_equal(u.status, "committed");
	assert_null(u.data);
	assert_int_equal(u.loaded, 62);
	import_upload_free(&u);

	/* An upload left a week uncommitted loses its file when the next one is saved. */
	assert_int_equal(import_check(db, &com, IMPORT_MEMBERS, club, x, len, "da-sua.xlsx", &res, &e), 0);
	int64_t stale = import_save(db, &com, IMPORT_MEMBERS, club, "cu.xlsx", x, len, &res, &e);
	import_result_free(&res);
	char later[32];
	snprintf(later, sizeof later, "%lld", (long long)db_now() + (IMPORT_KEEP_DAYS + 1) * 86400LL);
	setenv("ISHC_NOW", later, 1);
	assert_int_equal(import_check(db, &com, IMPORT_MEMBERS, club, x, len, "da-sua.xlsx", &res, &e), 0);
	int64_t fresh = import_save(db, &com, IMPORT_MEMBERS, club, "moi.xlsx", x, len, &res, &e);
	import_result_free(&res);
	unsetenv("ISHC_NOW");
	assert_int_equal(import_get(db, &com, stale, &u), 1);
	assert_null(u.data);
	import_upload_free(&u);
	assert_int_equal(import_commit(db, &com, stale, &res, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	import_result_free(&res);
	assert_int_equal(import_get(db, &com, fresh, &u), 1);
	assert_non_null(u.data);
	import_upload_free(&u);
	free(x);
	db_close(db);
}

/* 5,000 rows through check and load, timed and printed (the benchmark decides; this only reports). */
static void five_thousand_rows(void **state)
{
	Db *db = db_with_clubs("imp-5000");
	char path[4096];
	snprintf(path, sizeof path, "%s/import-5000-%d.xlsx", getenv("ISHC_TEST_TMP") ? getenv("ISHC_TEST_TMP") : "/tmp",
		 (int)getpid());
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	static const char *const heads[] = {"STT", "Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Số điện thoại", "Hộ nghèo",
					    "Thôn, xóm"};
	for (int k = 0; k < 8; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, heads[k], NULL);
	static const char *const fam[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"};
	static const char *const mid[] = {"Văn", "Thị", "Thị Thu", "Đức", "Ngọc", "Quang", "Thị Kim", "Hữu", "Minh", "Thanh"};
	static const char *const giv[] = {"An", "Bình", "Chi", "Dũng", "Hà", "Hằng", "Hoa", "Hùng", "Lan", "Mai"};
	for (int i = 0; i < 5000; i++) {
		char name[96], phone[16];
		snprintf(name, sizeof name, "%s %s %s", fam[i % 10], mid[i / 10 % 10], giv[i / 100 % 10]);
		snprintf(phone, sizeof phone, "09%08d", i);
		lxw_row_t r = (lxw_row_t)(i + 1);
		worksheet_write_number(ws, r, 0, i + 1, NULL);
		worksheet_write_string(ws, r, 1, name, NULL);
		worksheet_write_number(ws, r, 2, 1940 + i / 1000, NULL);
		worksheet_write_string(ws, r, 3, strstr(name, "Thị") ? "Nữ" : "Nam", NULL);
		worksheet_write_string(ws, r, 4, "Kinh", NULL);
		worksheet_write_string(ws, r, 5, phone, NULL);
		if (i % 5 == 0)
			worksheet_write_string(ws, r, 6, "x", NULL);
		worksheet_write_string(ws, r, 7, "Thôn Đông", NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	size_t len;
	Err e = {0};
	unsigned char *x = import_read_file(path, &len, &e);
	assert_non_null(x);
	Actor a = admin();
	ImportResult res;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = import_load(db, &a, IMPORT_MEMBERS, club_id(db, "15880-01"), x, len, "5000.xlsx", &res, &e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc != 0)
		fail_msg("%s", res.nproblems ? res.problems[0].en : err_message(e.code, "en"));
	assert_int_equal(res.loaded, 5000);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	print_message("5,000-row .xlsx (%zu bytes) read, checked and loaded in one transaction: %.0f ms\n", len, ms);
	import_result_free(&res);
	free(x);
	unlink(path);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_sample_names_its_three_bad_rows),
		cmocka_unit_test(the_fixed_sample_loads_once),
		cmocka_unit_test(headings_in_other_words_and_orders),
		cmocka_unit_test(every_kind_of_bad_row),
		cmocka_unit_test(roles_and_scope),
		cmocka_unit_test(the_marked_copy),
		cmocka_unit_test(uploads_are_kept_for_their_owner),
		cmocka_unit_test(five_thousand_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
