/* lib/table: CSV and XLSX reading, table-driven. XLSX inputs are made here with libxlsxwriter
 * (as Excel-like files) and libzip (hand-written parts for the odd corners), plus the real
 * sample member list in /work/shared/data/samples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "lib/buf.h"
#include "lib/table.h"

#define SAMPLE "/work/shared/data/samples/danh-sach-thanh-vien-mau.xlsx"

static const char *tmp_path(const char *name)
{
	static char path[8][4096];
	static int next;
	const char *dir = getenv("ISHC_TEST_TMP");
	char *p = path[next++ % 8];
	snprintf(p, sizeof path[0], "%s/table-%d-%s", dir && *dir ? dir : "/tmp", (int)getpid(),
		name);
	return p;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Rows are serialised one per line as "row:cell|cell"; numbers get "n:", dates "d:",
 * booleans "b:", errors "e:". */
static int collect(void *arg, size_t row, size_t ncells, const TableCell *cells)
{
	Buf *b = arg;
	buf_printf(b, "%zu:", row);
	for (size_t i = 0; i < ncells; i++) {
		static const char *const prefix[] = {"", "", "n:", "b:", "e:"};
		assert_int_equal(strlen(cells[i].text), cells[i].len);
		if (cells[i].kind == TABLE_EMPTY)
			assert_string_equal(cells[i].text, "");
		buf_printf(b, "%s%s%s", i ? "|" : "",
			cells[i].is_date ? "d:" : prefix[cells[i].kind], cells[i].text);
	}
	buf_putc(b, '\n');
	return 0;
}

/* Reads a file into its serialisation; returns table_read's result. */
static int read_all(const char *path, TableFormat fmt, Buf *out, char *err, size_t errlen)
{
	buf_init(out, 0);
	return table_read(path, fmt, collect, out, err, errlen);
}

/* ---- CSV ---- */

#define S(lit) lit, sizeof lit - 1

static const struct {
	const char *name;
	const char *in;
	size_t len;
	const char *want;  /* serialised rows, or NULL when an error is expected */
	const char *err;   /* substring of the error */
} csv_cases[] = {
	{"plain LF", S("a,b\nc,d\n"), "1:a|b\n2:c|d\n", NULL},
	{"CRLF", S("a,b\r\nc,d\r\n"), "1:a|b\n2:c|d\n", NULL},
	{"no final newline", S("a,b\nc"), "1:a|b\n2:c\n", NULL},
	{"quotes and doubled quotes", S("\"a \"\"quoted\"\" word\",\"x,y\"\n"),
		"1:a \"quoted\" word|x,y\n", NULL},
	{"embedded newline keeps one row", S("\"line 1\nline 2\",x\ny,z\n"),
		"1:line 1\nline 2|x\n2:y|z\n", NULL},
	{"embedded CRLF kept as is", S("\"a\r\n\r\nb\",c\r\nd\r\n"), "1:a\r\n\r\nb|c\n2:d\n", NULL},
	{"BOM stripped", S("\xEF\xBB\xBFHọ tên,Năm sinh\nAn,1950\n"),
		"1:Họ tên|Năm sinh\n2:An|1950\n", NULL},
	{"only a BOM", S("\xEF\xBB\xBF"), "", NULL},
	{"empty file", S(""), "", NULL},
	{"semicolons (Excel, Vietnamese locale)", S("Họ tên;Năm sinh;Ghi chú\nTrần Văn Đức;1950;a,b\n"),
		"1:Họ tên|Năm sinh|Ghi chú\n2:Trần Văn Đức|1950|a,b\n", NULL},
	{"semicolons win on the first line only", S("a;b;c,d\n1,2;3\n"), "1:a|b|c,d\n2:1,2|3\n", NULL},
	{"semicolons inside quotes do not count", S("\"x;y;z\",b\n1,2\n"), "1:x;y;z|b\n2:1|2\n", NULL},
	{"sep= hint line", S("sep=;\r\na;b\r\n"), "2:a|b\n", NULL},
	{"sep= lookalike is data", S("sep=;x;y\n"), "1:sep=|x|y\n", NULL},
	{"empty trailing fields kept", S("a,b,,\n,x\n"), "1:a|b||\n2:|x\n", NULL},
	{"blank lines skipped but counted", S("a\n\n\r\nb\n\n"), "1:a\n4:b\n", NULL},
	{"all-empty record skipped but counted", S(",,\nx\n"), "2:x\n", NULL},
	{"spaces around fields kept", S(" a , b \n"), "1: a | b \n", NULL},
	{"Vietnamese NFD kept byte for byte", S("Bu\xCC\x80i\n"), "1:Bu\xCC\x80i\n", NULL},
	{"Windows-1258 refused with the row", S("STT,Tên\n1,An\n2,Ho\xE0\n"), NULL,
		"row 3 is not UTF-8 — save the file as 'CSV UTF-8'"},
	{"invalid UTF-8 after a multi-line field", S("\"a\nb\nc\",1\nx\xC3\n"), NULL,
		"row 2 is not UTF-8"},
	{"invalid UTF-8 counted after blank lines", S("a\n\n\xFF\n"), NULL, "row 3 is not UTF-8"},
	{"NUL byte refused", S("a,b\0c\n"), NULL, "row 1 contains a NUL byte"},
	{"UTF-16 refused", S("\xFF\xFEH\0o\0\n\0"), NULL, "UTF-16"},
	{"old .xls refused", S("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), NULL, "old Excel .xls"},
	{"zip given as CSV refused", S("PK\x03\x04rest"), NULL, "not CSV"},
};

static void csv_cases_read_as_expected(void **state)
{
	const char *path = tmp_path("case.csv");
	for (size_t i = 0; i < sizeof csv_cases / sizeof *csv_cases; i++) {
		print_message("csv: %s\n", csv_cases[i].name);
		write_file(path, csv_cases[i].in, csv_cases[i].len);
		for (int mem = 0; mem < 2; mem++) {
			char err[256] = "untouched";
			Buf out;
			buf_init(&out, 0);
			int rc = mem ? table_read_mem(csv_cases[i].in, csv_cases[i].len, "x.csv",
					TABLE_CSV, collect, &out, err, sizeof err)
				: table_read(path, TABLE_CSV, collect, &out, err, sizeof err);
			if (csv_cases[i].want) {
				assert_int_equal(rc, 0);
				assert_string_equal(err, "");
				assert_string_equal(buf_str(&out), csv_cases[i].want);
			} else {
				assert_int_equal(rc, -1);
				assert_non_null(strstr(err, csv_cases[i].err));
				assert_null(strchr(err, '\n'));
			}
			buf_free(&out);
		}
	}
	unlink(path);
}

/* A file far bigger than one read chunk, with records straddling chunk edges. */
static void csv_large_file_counts_rows(void **state)
{
	Buf in;
	buf_init(&in, 0);
	for (int i = 1; i <= 20000; i++)
		buf_printf(&in, i % 1000 ? "%d,\"Nguyễn Thị\nHòa %d\"\r\n" : "\r\n", i, i);
	const char *path = tmp_path("big.csv");
	write_file(path, in.data, in.len);
	buf_free(&in);
	char err[256];
	Buf out;
	assert_int_equal(read_all(path, TABLE_AUTO, &out, err, sizeof err), 0);
	assert_non_null(strstr(buf_str(&out), "\n999:999|Nguyễn Thị\nHòa 999\n1001:1001|"));
	assert_non_null(strstr(buf_str(&out), "\n19999:19999|Nguyễn Thị\nHòa 19999\n"));
	buf_free(&out);
	unlink(path);
}

static int stop_at_two(void *arg, size_t row, size_t ncells, const TableCell *cells)
{
	(*(int *)arg)++;
	return row == 2 ? 7 : 0;
}

static void row_fn_stops_reading(void **state)
{
	int calls = 0;
	char err[64] = "x";
	assert_int_equal(table_read_mem(S("a\nb\nc\n"), NULL, TABLE_CSV, stop_at_two, &calls, err,
		sizeof err), 7);
	assert_int_equal(calls, 2);
	assert_string_equal(err, "");
}

static const struct {
	const char *name;
	TableLimits lim;
	const char *in;
	const char *want, *err;
} limit_cases[] = {
	{"rows", {.max_rows = 3}, "a\nb\nc\nd\n", NULL, "more than 3 rows"},
	{"rows at the limit", {.max_rows = 3}, "a\nb\nc\n", "1:a\n2:b\n3:c\n", NULL},
	{"columns", {.max_cols = 3}, "a,b,c,d\n", NULL, "row 1 has a value in column D"},
	{"empty columns past the limit ignored", {.max_cols = 3}, "a,b,c,,,\n", "1:a|b|c\n", NULL},
	{"cell", {.max_cell = 10}, "ok,\"0123456789A\"\n", NULL,
		"row 1, column B: the cell is longer than 10 bytes"},
};

static void csv_limits_are_enforced(void **state)
{
	for (size_t i = 0; i < sizeof limit_cases / sizeof *limit_cases; i++) {
		print_message("limit: %s\n", limit_cases[i].name);
		table_set_limits(&limit_cases[i].lim);
		char err[256];
		Buf out;
		buf_init(&out, 0);
		int rc = table_read_mem(limit_cases[i].in, strlen(limit_cases[i].in), NULL, TABLE_CSV,
			collect, &out, err, sizeof err);
		table_set_limits(NULL);
		if (limit_cases[i].want) {
			assert_int_equal(rc, 0);
			assert_string_equal(buf_str(&out), limit_cases[i].want);
		} else {
			assert_int_equal(rc, -1);
			assert_non_null(strstr(err, limit_cases[i].err));
		}
		buf_free(&out);
	}
}

/* An unclosed quote swallows the rest of the file into one field: it must stop at the cap, not
 * when memory runs out. */
static void csv_open_quote_is_stopped(void **state)
{
	Buf in;
	buf_init(&in, 0);
	buf_puts(&in, "a,b\n\"open,");
	for (int i = 0; i < 100000; i++)
		buf_puts(&in, "some text\n");
	TableLimits lim = {.max_cell = 1000};
	table_set_limits(&lim);
	char err[256];
	Buf out;
	buf_init(&out, 0);
	int rc = table_read_mem(in.data, in.len, NULL, TABLE_CSV, collect, &out, err, sizeof err);
	table_set_limits(NULL);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "row 2"));
	assert_non_null(strstr(err, "longer than 1000 bytes"));
	buf_free(&out);
	buf_free(&in);
}

/* ---- Dates and column names ---- */

static const struct {
	const char *serial, *iso;  /* iso NULL: refused */
} serials[] = {
	{"1", "1900-01-01"},
	{"59", "1900-02-28"},
	{"60", NULL},  /* Excel's 1900-02-29 */
	{"61", "1900-03-01"},
	{"25569", "1970-01-01"},
	{"36526", "2000-01-01"},
	{"45366", "2024-03-15"},
	{"45366.75", "2024-03-15"},
	{"45365.99999999999", "2024-03-15"},  /* within a millisecond of midnight */
	{"45365.9999", "2024-03-14"},
	{"4.5366E4", "2024-03-15"},
	{"4536.6e+1", "2024-03-15"},
	{"0045366", "2024-03-15"},
	{"2958465", "9999-12-31"},
	{"2958466", NULL},
	{"0", NULL},
	{"0.5", NULL},
	{"-1", NULL},
	{"", NULL},
	{"abc", NULL},
	{"45366,5", NULL},
	{"1e", NULL},
	{"1.2.3", NULL},
	{"99999999999999999999999", NULL},
};

static void serials_convert_like_excel(void **state)
{
	for (size_t i = 0; i < sizeof serials / sizeof *serials; i++) {
		char out[11] = "unchanged!";
		int rc = table_serial_to_iso(serials[i].serial, out);
		if ((rc == 0) != (serials[i].iso != NULL))
			print_error("serial %s -> %s\n", serials[i].serial, rc ? "refused" : out);
		if (serials[i].iso) {
			assert_int_equal(rc, 0);
			assert_string_equal(out, serials[i].iso);
		} else {
			assert_int_equal(rc, -1);
			assert_string_equal(out, "unchanged!");
		}
	}
}

static void column_names(void **state)
{
	static const struct {
		size_t col;
		const char *name;
	} cases[] = {{1, "A"}, {26, "Z"}, {27, "AA"}, {52, "AZ"}, {53, "BA"}, {702, "ZZ"},
		{703, "AAA"}, {16384, "XFD"}, {0, "?"}, {16385, "?"}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[4];
		table_col_name(cases[i].col, out);
		assert_string_equal(out, cases[i].name);
	}
}

/* ---- XLSX written by libxlsxwriter ---- */

static char *writer_path;  /* the libxlsxwriter workbook, made once for the group */

static int make_writer_workbook(void **state)
{
	writer_path = strdup(tmp_path("writer.xlsx"));
	assert_non_null(writer_path);
	lxw_workbook *wb = workbook_new(writer_path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Thành viên");
	lxw_worksheet *other = workbook_add_worksheet(wb, "Khác");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	lxw_format *builtin14 = workbook_add_format(wb);
	format_set_num_format_index(builtin14, 14);
	lxw_format *hours = workbook_add_format(wb);
	format_set_num_format(hours, "[h]:mm");
	lxw_format *two = workbook_add_format(wb);
	format_set_num_format(two, "0.00");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *merged = workbook_add_format(wb);
	format_set_align(merged, LXW_ALIGN_CENTER);

	worksheet_write_string(ws, 0, 0, "Họ và tên", bold);
	worksheet_write_string(ws, 0, 1, "Năm sinh", bold);
	worksheet_write_string(ws, 0, 2, "Ngày vào hội", bold);
	worksheet_write_string(ws, 0, 3, "Điện thoại", bold);
	worksheet_write_string(ws, 1, 0, "Nguyễn Thị Hòa", NULL);
	worksheet_write_number(ws, 1, 1, 1956, NULL);
	lxw_datetime joined = {2024, 3, 15, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 2, &joined, date);
	worksheet_write_string(ws, 1, 3, "0912345678", NULL);
	/* Row 3: B and C missing. */
	worksheet_write_string(ws, 2, 0, "Trần Văn Đức", NULL);
	worksheet_write_string(ws, 2, 3, "0987654321", NULL);
	/* Rows 4 and 5 empty. Row 6: rich text, a boolean, a formula, a time, a built-in date. */
	lxw_rich_string_tuple f1 = {.format = bold, .string = "Đậm"};
	lxw_rich_string_tuple f2 = {.format = NULL, .string = " và thường"};
	lxw_rich_string_tuple *rich[] = {&f1, &f2, NULL};
	worksheet_write_rich_string(ws, 5, 0, rich, NULL);
	worksheet_write_boolean(ws, 5, 1, 1, NULL);
	worksheet_write_formula_num(ws, 5, 2, "=1+1", NULL, 2);
	worksheet_write_number(ws, 5, 3, 1.5, hours);
	worksheet_write_number(ws, 5, 4, 61, builtin14);
	/* Row 7: a merged range, then a value after it. */
	worksheet_merge_range(ws, 6, 0, 6, 2, "Gộp ba ô", merged);
	worksheet_write_string(ws, 6, 3, "sau", NULL);
	/* Row 9: a cell with a line break, a formatted number that is not a date. */
	worksheet_write_string(ws, 8, 0, "dòng 1\ndòng 2", NULL);
	worksheet_write_number(ws, 8, 4, 3.25, two);
	/* A formatted but empty cell far out must not make a longer row. */
	worksheet_write_blank(ws, 8, 10, bold);

	worksheet_write_string(other, 0, 0, "không đọc trang này", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	return 0;
}

static int remove_writer_workbook(void **state)
{
	unlink(writer_path);
	free(writer_path);
	return 0;
}

static void xlsx_from_libxlsxwriter(void **state)
{
	char err[256];
	Buf out;
	assert_int_equal(read_all(writer_path, TABLE_AUTO, &out, err, sizeof err), 0);
	assert_string_equal(buf_str(&out),
		"1:Họ và tên|Năm sinh|Ngày vào hội|Điện thoại\n"
		"2:Nguyễn Thị Hòa|n:1956|d:45366|0912345678\n"
		"3:Trần Văn Đức|||0987654321\n"
		"6:Đậm và thường|b:TRUE|n:2|n:1.5|d:61\n"
		"7:Gộp ba ô|||sau\n"
		"9:dòng 1\ndòng 2||||n:3.25\n");
	buf_free(&out);
	char iso[11];
	assert_int_equal(table_serial_to_iso("45366", iso), 0);
	assert_string_equal(iso, "2024-03-15");
	/* The same bytes from memory. */
	FILE *f = fopen(writer_path, "rb");
	assert_non_null(f);
	static char data[1 << 20];
	size_t n = fread(data, 1, sizeof data, f);
	fclose(f);
	Buf mem;
	buf_init(&mem, 0);
	assert_int_equal(table_read_mem(data, n, NULL, TABLE_AUTO, collect, &mem, err, sizeof err),
		0);
	assert_non_null(strstr(buf_str(&mem), "2:Nguyễn Thị Hòa|n:1956|d:45366|0912345678\n"));
	buf_free(&mem);
}

/* libxlsxwriter's constant-memory mode writes inline strings instead of shared ones. */
static void xlsx_inline_strings(void **state)
{
	const char *path = tmp_path("inline.xlsx");
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	worksheet_write_string(ws, 0, 0, "Lê Thị Kim Ánh", NULL);
	worksheet_write_number(ws, 0, 2, 1937, NULL);
	worksheet_write_string(ws, 3, 1, "Đinh Công Hoà", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	char err[256];
	Buf out;
	assert_int_equal(read_all(path, TABLE_XLSX, &out, err, sizeof err), 0);
	assert_string_equal(buf_str(&out), "1:Lê Thị Kim Ánh||n:1937\n4:|Đinh Công Hoà\n");
	buf_free(&out);
	unlink(path);
}

static void xlsx_part_limit(void **state)
{
	TableLimits lim = {.max_part = 400};
	table_set_limits(&lim);
	char err[256];
	Buf out;
	int rc = read_all(writer_path, TABLE_XLSX, &out, err, sizeof err);
	table_set_limits(NULL);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "larger than 400 bytes uncompressed"));
	buf_free(&out);
}

/* ---- XLSX parts written by hand ---- */

typedef struct Part {
	const char *name, *xml;
} Part;

static void write_zip(const char *path, const Part *parts, size_t n)
{
	int code;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	assert_non_null(za);
	for (size_t i = 0; i < n && parts[i].name; i++) {
		zip_source_t *src = zip_source_buffer(za, parts[i].xml, strlen(parts[i].xml), 0);
		assert_non_null(src);
		assert_true(zip_file_add(za, parts[i].name, src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
}

#define MAIN_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS "xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\""
#define ROOT_RELS {"_rels/.rels", "<Relationships xmlns=\"" PKG_NS "\"><Relationship Id=\"rId1\" " \
	"Type=\"" REL_NS "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"}
#define WORKBOOK {"xl/workbook.xml", "<workbook " NS "><sheets><sheet name=\"S\" sheetId=\"1\" " \
	"r:id=\"rId1\"/></sheets></workbook>"}
#define REL(id, type, target) "<Relationship Id=\"" id "\" Type=\"" REL_NS "/" type "\" " \
	"Target=\"" target "\"/>"
#define WB_RELS {"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" PKG_NS "\">" \
	REL("rId1", "worksheet", "worksheets/sheet1.xml") \
	REL("rId2", "sharedStrings", "sharedStrings.xml") REL("rId3", "styles", "styles.xml") \
	"</Relationships>"}
#define SHEET(data) {"xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData>" data \
	"</sheetData></worksheet>"}
#define BASIC ROOT_RELS, WORKBOOK, WB_RELS

static const struct {
	const char *name;
	Part parts[8];
	const char *want, *err;
} zip_cases[] = {
	{"cells and rows without references", {BASIC, SHEET(
		"<row><c><v>1</v></c><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
		"<row><c t=\"b\"><v>0</v></c><c t=\"e\"><v>#N/A</v></c><c t=\"str\"><f>A1&amp;\"\"</f>"
		"<v>chuỗi</v></c><c><f>1/0</f></c></row>")},
		"1:n:1|x\n2:b:FALSE|e:#N/A|chuỗi\n", NULL},
	{"cells placed by reference in any order", {BASIC, SHEET(
		"<row r=\"3\"><c r=\"D3\"><v>4</v></c><c r=\"b3\"><v>2</v></c></row>"
		"<row r=\"5\" spans=\"1:3\"><c r=\"A5\" s=\"1\"/><c r=\"C5\"/></row>")},
		"3:|n:2||n:4\n", NULL},
	{"shared strings: runs joined, phonetics dropped, _x escapes decoded", {BASIC,
		{"xl/sharedStrings.xml", "<sst xmlns=\"" MAIN_NS "\" count=\"3\" uniqueCount=\"3\">"
			"<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh></si>"
			"<si><r><t>Nguyễn_x000D_</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> Văn"
			"</t></r></si><si><t>_x005F_x0041_ and _x0001_ and _xZZZZ_</t></si></sst>"},
		SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
			"<c r=\"C1\" t=\"s\"><v>2</v></c></row>")},
		"1:漢字|Nguyễn\r Văn|_x0041_ and  and _xZZZZ_\n", NULL},
	{"prefixed elements, absolute target, 1904 dates", {ROOT_RELS,
		{"xl/workbook.xml", "<x:workbook xmlns:x=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
			"<x:workbookPr date1904=\"1\"/><x:sheets><x:sheet name=\"A\" sheetId=\"1\" "
			"r:id=\"rId7\"/></x:sheets></x:workbook>"},
		{"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" PKG_NS "\">"
			REL("rId7", "worksheet", "/xl/worksheets/data.xml")
			REL("rId8", "styles", "../xl/./styles.xml") "</Relationships>"},
		{"xl/styles.xml", "<x:styleSheet xmlns:x=\"" MAIN_NS "\"><x:numFmts count=\"1\">"
			"<x:numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></x:numFmts>"
			"<x:cellXfs count=\"2\"><x:xf numFmtId=\"0\"/><x:xf numFmtId=\"164\"/></x:cellXfs>"
			"</x:styleSheet>"},
		{"xl/worksheets/data.xml", "<x:worksheet xmlns:x=\"" MAIN_NS "\"><x:sheetData>"
			"<x:row r=\"2\"><x:c r=\"B2\" s=\"1\"><x:v>43904.5</x:v></x:c>"
			"<x:c r=\"C2\" s=\"0\"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>"}},
		"2:|d:45366.5|n:7\n", NULL},
	{"first visible sheet", {ROOT_RELS,
		{"xl/workbook.xml", "<workbook " NS "><sheets><sheet name=\"H\" sheetId=\"1\" "
			"state=\"hidden\" r:id=\"rId1\"/><sheet name=\"V\" sheetId=\"2\" r:id=\"rId2\"/>"
			"</sheets></workbook>"},
		{"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" PKG_NS "\">"
			REL("rId1", "worksheet", "worksheets/sheet1.xml")
			REL("rId2", "worksheet", "worksheets/sheet2.xml") "</Relationships>"},
		SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ẩn</t></is></c></row>"),
		{"xl/worksheets/sheet2.xml", "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" "
			"t=\"inlineStr\"><is><t>hiện</t></is></c></row></sheetData></worksheet>"}},
		"1:hiện\n", NULL},
	{"empty formatted cells far out are ignored", {BASIC, SHEET(
		"<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"XFD1\" s=\"1\"/></row>"
		"<row r=\"1048576\"><c r=\"A1048576\" s=\"1\"/></row>")},
		"1:n:1\n", NULL},
	{"rows out of order", {BASIC, SHEET("<row r=\"5\"/><row r=\"3\"/>")}, NULL,
		"out of order (row 3 after row 5)"},
	{"bad cell reference", {BASIC, SHEET("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>")}, NULL,
		"cell reference '1A'"},
	{"shared string index out of range", {BASIC, SHEET(
		"<row r=\"4\"><c r=\"B4\" t=\"s\"><v>9</v></c></row>")}, NULL,
		"row 4, column B refers to shared string 9"},
	{"value beyond the column limit", {BASIC, SHEET(
		"<row r=\"2\"><c r=\"GS2\"><v>1</v></c></row>")}, NULL,
		"row 2 has a value in column GS, beyond the limit of 200 columns"},
	{"value beyond the row limit", {BASIC, SHEET(
		"<row r=\"200001\"><c r=\"A200001\"><v>1</v></c></row>")}, NULL,
		"more than 200000 rows"},
	{"DTD refused", {ROOT_RELS, WB_RELS, {"xl/workbook.xml",
		"<!DOCTYPE workbook [<!ENTITY a \"aaaaaaaaaa\">]><workbook " NS ">&a;</workbook>"}},
		NULL, "xl/workbook.xml has a DTD"},
	{"malformed XML", {BASIC, SHEET("<row r=\"1\"><c><v>1</c></row>")}, NULL,
		"xl/worksheets/sheet1.xml is not well-formed XML (line 1: mismatched tag)"},
	{"sheet part missing", {BASIC}, NULL,
		"the first sheet (xl/worksheets/sheet1.xml) is missing"},
	{"relationship missing", {ROOT_RELS, WORKBOOK, {"xl/_rels/workbook.xml.rels",
		"<Relationships xmlns=\"" PKG_NS "\"/>"}}, NULL, "does not say where its first sheet is"},
	{"no sheets", {ROOT_RELS, {"xl/workbook.xml", "<workbook " NS "><sheets/></workbook>"}},
		NULL, "the workbook has no sheets"},
	{"zip without a workbook", {{"hello.txt", "xin chào"}}, NULL,
		"not an XLSX workbook: the file has no xl/workbook.xml"},
	{"OpenDocument spreadsheet", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
		{"content.xml", "<office:document-content/>"}}, NULL, "OpenDocument spreadsheet (.ods)"},
};

static void xlsx_hand_made_cases(void **state)
{
	const char *path = tmp_path("hand.xlsx");
	for (size_t i = 0; i < sizeof zip_cases / sizeof *zip_cases; i++) {
		print_message("xlsx: %s\n", zip_cases[i].name);
		write_zip(path, zip_cases[i].parts, 8);
		char err[256] = "untouched";
		Buf out;
		int rc = read_all(path, TABLE_AUTO, &out, err, sizeof err);
		if (zip_cases[i].want) {
			assert_string_equal(err, "");
			assert_int_equal(rc, 0);
			assert_string_equal(buf_str(&out), zip_cases[i].want);
		} else {
			if (!strstr(err, zip_cases[i].err))
				print_error("got: %s\n", err);
			assert_int_equal(rc, -1);
			assert_non_null(strstr(err, zip_cases[i].err));
		}
		buf_free(&out);
	}
	unlink(path);
}

static void xml_attr_escape(Buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '"')
			buf_puts(b, "&quot;");
		else if (*s == '&')
			buf_puts(b, "&amp;");
		else if (*s == '<')
			buf_puts(b, "&lt;");
		else
			buf_putc(b, *s);
	}
}

/* Which number formats make a cell a date: one styled cell per format, value 1. */
static const struct {
	const char *code;  /* custom format code, or NULL for a built-in id */
	int builtin;
	int is_date;
} formats[] = {
	{"dd/mm/yyyy", 0, 1},
	{"d/m/yy", 0, 1},
	{"mmm-yy", 0, 1},
	{"yyyy", 0, 1},
	{"m", 0, 1},
	{"[$-42A]d mmmm yyyy", 0, 1},
	{"\"Ngày\" dd", 0, 1},
	{"[h]:mm", 0, 0},
	{"[mm]:ss", 0, 0},
	{"h:mm:ss", 0, 0},
	{"mm:ss.0", 0, 0},
	{"h:mm AM/PM", 0, 0},
	{"0.00", 0, 0},
	{"#,##0 \"đồng\"", 0, 0},
	{"\"day\" 0", 0, 0},
	{"[Red]0.00;[Blue]-0.00", 0, 0},
	{"_(* #,##0_);_(* (#,##0);_(* \"-\"_)", 0, 0},
	{"0.0E+00", 0, 0},
	{"General", 0, 0},
	{"\\d0", 0, 0},
	{NULL, 14, 1},
	{NULL, 17, 1},
	{NULL, 22, 1},
	{NULL, 45, 1},
	{NULL, 47, 1},
	{NULL, 3, 0},
	{NULL, 49, 0},
};

static void xlsx_date_formats(void **state)
{
	size_t n = sizeof formats / sizeof *formats;
	Buf styles, sheet, want;
	buf_init(&styles, 0);
	buf_init(&sheet, 0);
	buf_init(&want, 0);
	buf_puts(&styles, "<styleSheet xmlns=\"" MAIN_NS "\"><numFmts>");
	for (size_t i = 0; i < n; i++) {
		if (!formats[i].code)
			continue;
		buf_printf(&styles, "<numFmt numFmtId=\"%zu\" formatCode=\"", 164 + i);
		xml_attr_escape(&styles, formats[i].code);
		buf_puts(&styles, "\"/>");
	}
	/* cellStyleXfs and dxfs hold xf and numFmt elements that must not count. */
	buf_puts(&styles, "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
		"<cellXfs><xf numFmtId=\"0\"/>");
	for (size_t i = 0; i < n; i++)
		buf_printf(&styles, "<xf numFmtId=\"%zu\"/>",
			formats[i].code ? 164 + i : (size_t)formats[i].builtin);
	buf_puts(&styles, "</cellXfs><dxfs><dxf><numFmt numFmtId=\"0\" formatCode=\"yyyy\"/></dxf>"
		"</dxfs></styleSheet>");
	buf_puts(&sheet, "<worksheet " NS "><sheetData>");
	for (size_t i = 0; i < n; i++) {
		buf_printf(&sheet, "<row r=\"%zu\"><c r=\"A%zu\" s=\"%zu\"><v>1</v></c></row>", i + 1,
			i + 1, i + 1);
		buf_printf(&want, "%zu:%s1\n", i + 1, formats[i].is_date ? "d:" : "n:");
	}
	/* A style index beyond cellXfs is not a date. */
	buf_printf(&sheet, "<row r=\"%zu\"><c r=\"A%zu\" s=\"999\"><v>1</v></c></row>", n + 1, n + 1);
	buf_printf(&want, "%zu:n:1\n", n + 1);
	buf_puts(&sheet, "</sheetData></worksheet>");
	Part parts[] = {BASIC, {"xl/styles.xml", buf_str(&styles)},
		{"xl/worksheets/sheet1.xml", buf_str(&sheet)}};
	const char *path = tmp_path("formats.xlsx");
	write_zip(path, parts, sizeof parts / sizeof *parts);
	char err[256];
	Buf out;
	assert_int_equal(read_all(path, TABLE_XLSX, &out, err, sizeof err), 0);
	if (strcmp(buf_str(&out), buf_str(&want)) != 0)
		for (size_t i = 0; i < n; i++)
			print_message("%s / %d\n", formats[i].code ? formats[i].code : "builtin",
				formats[i].builtin);
	assert_string_equal(buf_str(&out), buf_str(&want));
	buf_free(&out);
	buf_free(&styles);
	buf_free(&sheet);
	buf_free(&want);
	unlink(path);
}

/* A few KB of zip that inflates past the part limit is refused before it is all read. */
static void xlsx_zip_bomb_refused(void **state)
{
	Buf sheet;
	buf_init(&sheet, 0);
	buf_puts(&sheet, "<worksheet " NS "><sheetData>");
	for (int i = 1; i <= 60000; i++)
		buf_printf(&sheet, "<row r=\"%d\"><c r=\"A%d\"><v>1</v></c></row>", i, i);
	buf_puts(&sheet, "</sheetData></worksheet>");
	assert_true(sheet.len > 2 * 1024 * 1024);
	Part parts[] = {BASIC, {"xl/worksheets/sheet1.xml", buf_str(&sheet)}};
	const char *path = tmp_path("bomb.xlsx");
	write_zip(path, parts, sizeof parts / sizeof *parts);
	TableLimits lim = {.max_part = 1024 * 1024};
	table_set_limits(&lim);
	char err[256];
	Buf out;
	int rc = read_all(path, TABLE_XLSX, &out, err, sizeof err);
	table_set_limits(NULL);
	assert_int_equal(rc, -1);
	assert_string_equal(err, "xl/worksheets/sheet1.xml is larger than 1048576 bytes "
		"uncompressed (a zip bomb?)");
	assert_int_equal(out.len, 0);
	buf_free(&out);
	/* Under the default limit the same file reads, every row numbered. */
	assert_int_equal(read_all(path, TABLE_XLSX, &out, err, sizeof err), 0);
	assert_non_null(strstr(buf_str(&out), "\n60000:n:1\n"));
	buf_free(&out);
	buf_free(&sheet);
	unlink(path);
}

static const struct {
	const char *name, *file;
	const char *data;
	size_t len;
	const char *err;
} bad_files[] = {
	{"non-existent", "missing.xlsx", NULL, 0, "cannot open the file: No such file or directory"},
	{"broken zip", "broken.xlsx", S("PK\x03\x04 this is not really a zip"),
		"not a valid XLSX file"},
	{"not a zip, named .xlsx", "text.xlsx", S("Họ tên,Năm\n"),
		"not a valid XLSX file: it is not a zip archive"},
	{"truncated workbook", "cut.xlsx", NULL, 1, "not a valid XLSX file"},  /* first half */
};

static void bad_files_fail_clearly(void **state)
{
	for (size_t i = 0; i < sizeof bad_files / sizeof *bad_files; i++) {
		print_message("bad: %s\n", bad_files[i].name);
		const char *path = tmp_path(bad_files[i].file);
		unlink(path);
		if (bad_files[i].data) {
			write_file(path, bad_files[i].data, bad_files[i].len);
		} else if (bad_files[i].len) {
			static char whole[1 << 20];
			FILE *f = fopen(writer_path, "rb");
			assert_non_null(f);
			size_t n = fread(whole, 1, sizeof whole, f);
			fclose(f);
			assert_true(n > 1000);
			write_file(path, whole, n / 2);
		}
		char err[256];
		Buf out;
		assert_int_equal(read_all(path, TABLE_AUTO, &out, err, sizeof err), -1);
		print_message("  -> %s\n", err);
		assert_non_null(strstr(err, bad_files[i].err));
		assert_null(strchr(err, '\n'));
		buf_free(&out);
		unlink(path);
	}
}

/* ---- The real sample: a club member list with a letterhead and a two-row header ---- */

typedef struct Sample {
	size_t rows, members, last_row;
	int header_ok, subheader_ok;
	char first[64], nfd[64], last[64], total[64];
	size_t men, women;
} Sample;

static int sample_row(void *arg, size_t row, size_t n, const TableCell *c)
{
	Sample *s = arg;
	assert_true(row > s->last_row);
	s->last_row = row;
	s->rows++;
	if (row == 6)
		s->header_ok = n == 11 && strcmp(c[0].text, "STT") == 0 &&
			strcmp(c[1].text, "Họ và tên") == 0 && strcmp(c[2].text, "Năm sinh") == 0 &&
			c[3].kind == TABLE_EMPTY && strcmp(c[4].text, "Dân tộc") == 0 &&
			strcmp(c[5].text, "Địa chỉ (thôn, xóm)") == 0 &&
			strcmp(c[9].text, "Số điện thoại") == 0 && strcmp(c[10].text, "Ghi chú") == 0;
	if (row == 7)
		s->subheader_ok = n == 4 && c[0].kind == TABLE_EMPTY &&
			strcmp(c[2].text, "Nam") == 0 && strcmp(c[3].text, "Nữ") == 0;
	if (n > 3 && c[0].kind == TABLE_NUMBER && row >= 8) {
		s->members++;
		assert_int_equal(atoi(c[0].text), (int)s->members);
		if (c[2].kind == TABLE_NUMBER)
			s->men++;
		if (c[3].kind == TABLE_NUMBER)
			s->women++;
		if (row == 8)
			snprintf(s->first, sizeof s->first, "%s/%s/%s", c[1].text, c[3].text, c[9].text);
		if (row == 11)
			snprintf(s->nfd, sizeof s->nfd, "%s", c[1].text);
		if (row == 69)
			snprintf(s->last, sizeof s->last, "%s/%s", c[1].text, c[2].text);
	}
	if (row == 71)
		snprintf(s->total, sizeof s->total, "%s", n > 1 ? c[1].text : "");
	return 0;
}

static void sample_member_list(void **state)
{
	if (access(SAMPLE, R_OK) != 0)
		skip();
	Sample s = {0};
	char err[256];
	assert_int_equal(table_read(SAMPLE, TABLE_AUTO, sample_row, &s, err, sizeof err), 0);
	/* Letterhead rows 1, 2, 4; header 6-7; members 8-69; footer 71, 73-75. */
	assert_int_equal(s.rows, 3 + 2 + 62 + 4);
	assert_int_equal(s.last_row, 75);
	assert_true(s.header_ok);
	assert_true(s.subheader_ok);
	assert_int_equal(s.members, 62);
	assert_string_equal(s.first, "Trần Thị Chi/1956/0966131860");
	/* Member 4's name is stored decomposed (NFD); the reader hands it on untouched. */
	assert_string_equal(s.nfd, "Bu\xCC\x80i Thi\xCC\xA3 Thanh Ha\xCC\x86\xCC\x80ng");
	assert_string_equal(s.last, "Huỳnh Quang Cường/1947");
	assert_string_equal(s.total, "Tổng cộng: 62 thành viên");
	/* Member 32 has a year under both Nam and Nữ. */
	assert_int_equal(s.men + s.women, 63);
	assert_int_equal(s.men, 14);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_cases_read_as_expected),
		cmocka_unit_test(csv_large_file_counts_rows),
		cmocka_unit_test(row_fn_stops_reading),
		cmocka_unit_test(csv_limits_are_enforced),
		cmocka_unit_test(csv_open_quote_is_stopped),
		cmocka_unit_test(serials_convert_like_excel),
		cmocka_unit_test(column_names),
		cmocka_unit_test(xlsx_from_libxlsxwriter),
		cmocka_unit_test(xlsx_inline_strings),
		cmocka_unit_test(xlsx_part_limit),
		cmocka_unit_test(xlsx_hand_made_cases),
		cmocka_unit_test(xlsx_date_formats),
		cmocka_unit_test(xlsx_zip_bomb_refused),
		cmocka_unit_test(bad_files_fail_clearly),
		cmocka_unit_test(sample_member_list),
	};
	return cmocka_run_group_tests(tests, make_writer_workbook, remove_writer_workbook);
}
