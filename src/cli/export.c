/* `ishc export members --db FILE --out FILE.xlsx|FILE.csv [--scope CODE]`: every member on the
 * books of the country (or of a unit or club code) written row by row, the .xlsx in
 * libxlsxwriter's constant-memory mode: the same core call (member_list) and writer (out/xlsx.h)
 * as the web export, for batch jobs and the benchmark's memory measure. */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/member.h"
#include "out/csv.h"
#include "out/xlsx.h"

static const XlsxColumn cols[] = {
	{"STT", 7, XLSX_NUMBER},       {"Họ và tên", 26, XLSX_TEXT}, {"Giới tính", 9, XLSX_TEXT},
	{"Năm sinh", 9, XLSX_NUMBER},  {"Dân tộc", 10, XLSX_TEXT},   {"Thôn/tổ dân phố", 18, XLSX_TEXT},
	{"Ngày vào CLB", 12, XLSX_DATE}, {"Mã CLB", 10, XLSX_TEXT},   {"Tên CLB", 28, XLSX_TEXT},
};
enum { NCOLS = sizeof cols / sizeof *cols };

typedef struct Out {
	Xlsx *x;
	FILE *csv;
	int64_t n;
} Out;

static void row(const Member *m, void *arg)
{
	Out *o = arg;
	const char *sex = strcmp(m->sex, "F") == 0 ? "Nữ" : strcmp(m->sex, "M") == 0 ? "Nam" : "";
	o->n++;
	if (o->x) {
		xlsx_int(o->x, o->n);
		xlsx_text(o->x, m->full_name);
		xlsx_text(o->x, sex);
		xlsx_int(o->x, m->birth_year);
		xlsx_text(o->x, m->ethnicity);
		xlsx_text(o->x, m->village);
		xlsx_date(o->x, m->joined_on);
		xlsx_text(o->x, m->club_code);
		xlsx_text(o->x, m->club_name);
		xlsx_row_end(o->x);
		return;
	}
	char n[24], y[12];
	snprintf(n, sizeof n, "%lld", (long long)o->n);
	snprintf(y, sizeof y, "%d", m->birth_year);
	const char *f[NCOLS] = {n, m->full_name, sex, y, m->ethnicity, m->village, m->joined_on, m->club_code, m->club_name};
	for (int i = 0; i < NCOLS; i++)
		csv_field(o->csv, f[i], i == NCOLS - 1);
}

int cmd_export_members(const Command *c, Opts *o)
{
	const char *dbpath = opt_required(c, o, "db");
	const char *out = dbpath ? opt_required(c, o, "out") : NULL;
	if (!out)
		return EXIT_USAGE;
	size_t len = strlen(out);
	int xlsx = len > 5 && strcmp(out + len - 5, ".xlsx") == 0;
	if (!xlsx && !(len > 4 && strcmp(out + len - 4, ".csv") == 0))
		return cli_fail("--out must end in .xlsx or .csv");
	Db *db = cli_open(dbpath);
	if (!db)
		return EXIT_FAIL;
	Actor by = cli_actor();
	const char *scope = opt(o, "scope");
	if (scope && *scope) {
		/* As a user of that scope would see it: a province, commune or club. */
		by.role = strchr(scope, '-') ? ROLE_CLUB : ROLE_PROVINCE;
		snprintf(by.scope, sizeof by.scope, "%s", scope);
	}
	Out w = {0};
	if (xlsx) {
		w.x = xlsx_create(out, NULL, "Danh sách thành viên");
		if (!w.x || xlsx_sheet(w.x, "Thành viên", "DANH SÁCH THÀNH VIÊN CÂU LẠC BỘ LIÊN THẾ HỆ TỰ GIÚP NHAU",
				       scope && *scope ? scope : "Toàn quốc", cols, NCOLS) != 0) {
			xlsx_close(w.x);
			db_close(db);
			return cli_fail("%s: cannot write", out);
		}
	} else {
		w.csv = fopen(out, "w");
		if (!w.csv) {
			db_close(db);
			return cli_fail("%s: cannot write", out);
		}
		csv_begin(w.csv);
		for (int i = 0; i < NCOLS; i++)
			csv_field(w.csv, cols[i].heading, i == NCOLS - 1);
	}
	MemberFilter f = {.sort = "club"}; /* club by club: no sort of the whole country */
	int64_t total = member_list(db, &by, &f, 0, INT64_MAX, row, &w);
	int bad = total < 0;
	if (xlsx) {
		XlsxStatus s = xlsx_close(w.x);
		if (s != XLSX_OK)
			bad = 1;
	} else if (fclose(w.csv) != 0) {
		bad = 1;
	}
	db_close(db);
	if (bad)
		return cli_fail("%s: the export failed", out);
	printf("%lld thành viên / members -> %s\n", (long long)w.n, out);
	return EXIT_OK;
}
