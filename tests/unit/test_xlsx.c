/* out/xlsx: what the writer makes, read back through the project's own reader (lib/table.h):
 * title and header rows, text cells that keep leading zeros, numbers, real date cells, values
 * that do not fit their column, limits, and several sheets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/table.h"
#include "out/xlsx.h"

static const char *tmp_path(const char *name)
{
	static char path[4][4096];
	static int next;
	const char *dir = getenv("ISHC_TEST_TMP");
	char *p = path[next++ % 4];
	snprintf(p, sizeof path[0], "%s/xlsx-%d-%s", dir && *dir ? dir : "/tmp", (int)getpid(), name);
	return p;
}

static const char *tmp_dir(void)
{
	const char *dir = getenv("ISHC_TEST_TMP");
	return dir && *dir ? dir : "/tmp";
}

/* What the reader saw: up to 16 rows of 8 cells. */
typedef struct Seen {
	size_t n;
	size_t row[16];
	char text[16][8][80];
	size_t len[16][8];
	TableKind kind[16][8];
	int is_date[16][8];
} Seen;

static int seen_row(void *arg, size_t row, size_t ncells, const TableCell *cells)
{
	Seen *s = arg;
	if (s->n == 16)
		return 0;
	s->row[s->n] = row;
	for (size_t i = 0; i < ncells && i < 8; i++) {
		snprintf(s->text[s->n][i], sizeof s->text[0][0], "%s", cells[i].text);
		s->len[s->n][i] = cells[i].len;
		s->kind[s->n][i] = cells[i].kind;
		s->is_date[s->n][i] = cells[i].is_date;
	}
	s->n++;
	return 0;
}

static void read_back(const char *path, Seen *s)
{
	memset(s, 0, sizeof *s);
	char err[200] = "";
	int rc = table_read(path, TABLE_XLSX, seen_row, s, err, sizeof err);
	if (rc)
		fail_msg("reading %s: %s", path, err);
}

static const XlsxColumn cols[] = {
	{"STT", 5, XLSX_NUMBER},         {"Mã xã", 8, XLSX_TEXT},      {"Họ và tên", 28, XLSX_TEXT},
	{"Điện thoại", 14, XLSX_TEXT},   {"Ngày vào CLB", 12, XLSX_DATE}, {"Số tiền", 14, XLSX_AMOUNT},
};

static void test_title_header_and_typed_cells(void **state)
{
	(void)state;
	const char *path = tmp_path("typed.xlsx");
	Xlsx *x = xlsx_create(path, tmp_dir(), "Danh sách");
	assert_non_null(x);
	assert_int_equal(xlsx_sheet(x, "Thành viên", "DANH SÁCH THÀNH VIÊN", "Xã Hoằng Lộc", cols, 6), 0);
	xlsx_int(x, 1);
	xlsx_text(x, "00004");
	xlsx_text(x, "Nguyễn Thị Ánh");
	xlsx_text(x, "0912345678");
	xlsx_date(x, "2026-03-05");
	xlsx_int(x, 1250000);
	xlsx_row_end(x);
	/* xlsx_cell writes by the column's type; what does not fit is kept as text. */
	xlsx_cell(x, "2");
	xlsx_cell(x, "15961");
	xlsx_cell(x, "Lê Văn Đức & <Bình> \"Út\"");
	xlsx_cell(x, "");
	xlsx_cell(x, "1956");
	xlsx_cell(x, "abc");
	xlsx_row_end(x);
	assert_int_equal(xlsx_rows(x), 2);
	assert_int_equal(xlsx_close(x), XLSX_OK);

	Seen s;
	read_back(path, &s);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.row[0], 1);
	assert_string_equal(s.text[0][0], "DANH SÁCH THÀNH VIÊN");
	assert_int_equal(s.row[1], 2);
	assert_string_equal(s.text[1][0], "Xã Hoằng Lộc");
	assert_int_equal(s.row[2], 4); /* a blank row between the title and the table */
	assert_string_equal(s.text[2][2], "Họ và tên");
	assert_string_equal(s.text[3][0], "1");
	assert_int_equal(s.kind[3][0], TABLE_NUMBER);
	assert_string_equal(s.text[3][1], "00004");
	assert_int_equal(s.kind[3][1], TABLE_TEXT);
	assert_string_equal(s.text[3][3], "0912345678");
	assert_int_equal(s.kind[3][3], TABLE_TEXT);
	assert_int_equal(s.kind[3][4], TABLE_NUMBER);
	assert_true(s.is_date[3][4]);
	char iso[11] = "";
	assert_int_equal(table_serial_to_iso(s.text[3][4], iso), 0);
	assert_string_equal(iso, "2026-03-05");
	assert_string_equal(s.text[3][5], "1250000");
	assert_int_equal(s.kind[3][5], TABLE_NUMBER);
	assert_false(s.is_date[3][5]);
	assert_string_equal(s.text[4][0], "2");
	assert_int_equal(s.kind[4][0], TABLE_NUMBER);
	assert_string_equal(s.text[4][1], "15961");
	assert_int_equal(s.kind[4][1], TABLE_TEXT);
	assert_string_equal(s.text[4][2], "Lê Văn Đức & <Bình> \"Út\"");
	assert_int_equal(s.kind[4][3], TABLE_EMPTY);
	assert_int_equal(s.kind[4][4], TABLE_TEXT);
	assert_string_equal(s.text[4][4], "1956");
	assert_int_equal(s.kind[4][5], TABLE_TEXT);
	assert_string_equal(s.text[4][5], "abc");
	unlink(path);
}

static void test_codes_with_zeros_stay_text_in_number_columns(void **state)
{
	(void)state;
	const char *path = tmp_path("zeros.xlsx");
	Xlsx *x = xlsx_create(path, tmp_dir(), NULL);
	assert_int_equal(xlsx_sheet(x, "S", NULL, NULL, cols, 1), 0);
	xlsx_cell(x, "007");
	xlsx_row_end(x);
	xlsx_cell(x, "-12");
	xlsx_row_end(x);
	xlsx_int(x, INT64_C(9007199254740993)); /* beyond a double's exact range: kept as text */
	xlsx_row_end(x);
	assert_int_equal(xlsx_close(x), XLSX_OK);
	Seen s;
	read_back(path, &s);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.row[0], 1); /* no title: the header is row 1 */
	assert_string_equal(s.text[1][0], "007");
	assert_int_equal(s.kind[1][0], TABLE_TEXT);
	assert_string_equal(s.text[2][0], "-12");
	assert_int_equal(s.kind[2][0], TABLE_NUMBER);
	assert_string_equal(s.text[3][0], "9007199254740993");
	assert_int_equal(s.kind[3][0], TABLE_TEXT);
	unlink(path);
}

static void test_bad_dates_are_kept_as_text(void **state)
{
	(void)state;
	static const XlsxColumn dcols[] = {{"Ngày", 12, XLSX_DATE}};
	const char *path = tmp_path("dates.xlsx");
	Xlsx *x = xlsx_create(path, tmp_dir(), NULL);
	assert_int_equal(xlsx_sheet(x, "S", NULL, NULL, dcols, 1), 0);
	static const char *const in[] = {"2026-02-30", "1899-12-31", "05/03/2026", "1900-03-01"};
	for (size_t i = 0; i < 4; i++) {
		xlsx_date(x, in[i]);
		xlsx_row_end(x);
	}
	assert_int_equal(xlsx_close(x), XLSX_OK);
	Seen s;
	read_back(path, &s);
	assert_int_equal(s.n, 5);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(s.kind[i + 1][0], TABLE_TEXT);
		assert_string_equal(s.text[i + 1][0], in[i]);
	}
	assert_true(s.is_date[4][0]);
	char iso[11];
	assert_int_equal(table_serial_to_iso(s.text[4][0], iso), 0);
	assert_string_equal(iso, "1900-03-01");
	unlink(path);
}

static void test_misuse_fails_the_workbook(void **state)
{
	(void)state;
	const char *path = tmp_path("bad.xlsx");
	Xlsx *x = xlsx_create(path, tmp_dir(), NULL);
	assert_int_equal(xlsx_sheet(x, "a/b", NULL, NULL, cols, 6), -1);
	assert_int_equal(xlsx_close(x), XLSX_FAILED);
	x = xlsx_create(path, tmp_dir(), NULL);
	assert_int_equal(xlsx_sheet(x, "S", NULL, NULL, cols, 0), -1);
	assert_int_equal(xlsx_close(x), XLSX_FAILED);
	x = xlsx_create(path, tmp_dir(), NULL);
	assert_int_equal(xlsx_sheet(x, "S", NULL, NULL, cols, 1), 0);
	xlsx_int(x, 1);
	xlsx_int(x, 2); /* more cells than columns */
	assert_int_equal(xlsx_close(x), XLSX_FAILED);
	assert_int_equal(xlsx_close(NULL), XLSX_FAILED);
	/* Cells before any sheet are ignored, not a crash. */
	x = xlsx_create(path, tmp_dir(), NULL);
	xlsx_text(x, "x");
	xlsx_row_end(x);
	assert_int_equal(xlsx_close(x), XLSX_OK);
	unlink(path);
}

static void test_two_sheets_and_long_text(void **state)
{
	(void)state;
	const char *path = tmp_path("two.xlsx");
	char *longtext = malloc(40000);
	assert_non_null(longtext);
	/* "ệ" is 3 bytes: a cut must not split it. */
	for (size_t i = 0; i + 3 < 40000; i += 3)
		memcpy(longtext + i, "ệ", 3);
	longtext[39999 - 39999 % 3] = '\0';
	Xlsx *x = xlsx_create(path, tmp_dir(), NULL);
	assert_int_equal(xlsx_sheet(x, "One", "Title", NULL, cols, 3), 0);
	xlsx_int(x, 7);
	xlsx_text(x, "x");
	xlsx_text(x, longtext);
	xlsx_row_end(x);
	assert_int_equal(xlsx_sheet(x, "Two", NULL, NULL, cols, 2), 0);
	xlsx_int(x, 8);
	xlsx_row_end(x);
	assert_int_equal(xlsx_close(x), XLSX_OK);
	free(longtext);
	Seen s;
	read_back(path, &s); /* the first sheet */
	assert_int_equal(s.n, 3);
	assert_string_equal(s.text[2][0], "7");
	/* Cut to Excel's cell limit at a character boundary: 10,922 whole "ệ". */
	assert_int_equal(s.len[2][2], 32766);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_header_and_typed_cells),
		cmocka_unit_test(test_codes_with_zeros_stay_text_in_number_columns),
		cmocka_unit_test(test_bad_dates_are_kept_as_text),
		cmocka_unit_test(test_misuse_fails_the_workbook),
		cmocka_unit_test(test_two_sheets_and_long_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
