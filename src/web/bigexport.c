/* The report values of a year as one long table (issue 9, "Large exports"):
 * /exports/report-values.csv|xlsx?year=YYYY, one row per club, month and indicator, in the user's
 * scope; club data, so viewers are refused. Read in batches (core/bulk.h) and written row by row
 * to an unlinked temporary file (the .xlsx in libxlsxwriter's constant-memory mode), then
 * streamed: memory stays flat however large the year. Also the API's
 * /api/v1/exports/{file}: these files and those of web/export.c (members, clubs), for API tokens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/bulk.h"
#include "core/scope.h"
#include "core/unit.h"
#include "http/server.h"
#include "out/csv.h"
#include "out/xlsx.h"
#include "web/pages.h"

static const XlsxColumn value_cols[] = {
	{"Mã CLB", 10, XLSX_TEXT},
	{"Tên CLB", 28, XLSX_TEXT},
	{"Mã xã", 8, XLSX_TEXT},
	{"Xã/phường", 20, XLSX_TEXT},
	{"Tháng", 9, XLSX_TEXT},
	{"Tình trạng báo cáo", 12, XLSX_TEXT},
	{"Mã chỉ tiêu", 16, XLSX_TEXT},
	{"Giá trị", 14, XLSX_AMOUNT},
};
enum { VALUE_COLS = sizeof value_cols / sizeof *value_cols };

typedef struct ValueOut {
	Xlsx *x;
	FILE *csv;
} ValueOut;

static void value_row(const BulkValue *v, void *arg)
{
	ValueOut *o = arg;
	const char *status = strcmp(v->status, "draft") == 0       ? "Nháp"
			     : strcmp(v->status, "submitted") == 0 ? "Đã gửi"
			     : strcmp(v->status, "approved") == 0  ? "Đã duyệt"
			     : strcmp(v->status, "returned") == 0  ? "Trả lại"
								   : v->status;
	if (o->x) {
		xlsx_text(o->x, v->club_code);
		xlsx_text(o->x, v->club_name);
		xlsx_text(o->x, v->commune_code);
		xlsx_text(o->x, v->commune_name);
		xlsx_text(o->x, v->period);
		xlsx_text(o->x, status);
		xlsx_text(o->x, v->code);
		xlsx_int(o->x, v->value);
		xlsx_row_end(o->x);
		return;
	}
	char n[24];
	snprintf(n, sizeof n, "%lld", (long long)v->value);
	csv_field(o->csv, v->club_code, 0);
	csv_field(o->csv, v->club_name, 0);
	csv_field(o->csv, v->commune_code, 0);
	csv_field(o->csv, v->commune_name, 0);
	csv_field(o->csv, v->period, 0);
	csv_field(o->csv, status, 0);
	csv_field(o->csv, v->code, 0);
	csv_field(o->csv, n, 1);
}

static HandlerResult report_values(Req *r, int xlsx)
{
	if (!scope_sees_people(&r->actor))
		return resp_error(r, E_FORBIDDEN, NULL, NULL);
	const char *ys = req_query(r, "year");
	char today[11];
	unit_today(today);
	int year = atoi(today);
	if (ys && *ys) {
		char *end;
		long y = strtol(ys, &end, 10);
		if (*end || y < 2000 || y > year)
			return resp_error(r, E_INVALID, "year", tr(r, "năm từ 2000 đến năm nay", "a year from 2000 to this one"));
		year = (int)y;
	}
	const char *tmpdir = server_config()->tmpdir;
	char path[4096];
	snprintf(path, sizeof path, "%s/ishc-export-XXXXXX", tmpdir);
	int fd = mkstemp(path);
	if (fd < 0)
		return H_FATAL;
	ValueOut o = {0};
	int bad = 0;
	const char *title = arena_printf(&r->arena, "SỐ LIỆU BÁO CÁO THÁNG CỦA CÁC CLB NĂM %d", year);
	if (xlsx) {
		o.x = xlsx_create(path, tmpdir, title);
		bad = !o.x || xlsx_sheet(o.x, "Số liệu báo cáo", title, r->actor.scope[0] ? arena_printf(&r->arena, "Phạm vi: %s", r->actor.scope) : "Toàn quốc",
					 value_cols, VALUE_COLS) != 0;
	} else {
		unlink(path);
		o.csv = fdopen(dup(fd), "w");
		bad = !o.csv;
		if (!bad) {
			csv_begin(o.csv);
			for (int i = 0; i < VALUE_COLS; i++)
				csv_field(o.csv, value_cols[i].heading, i == VALUE_COLS - 1);
		}
	}
	int rows_bad = bad ? 0 : bulk_report_values(r->db, &r->actor, year, value_row, &o) < 0;
	ErrCode fail = bad || rows_bad ? E_INTERNAL : E_NONE;
	if (xlsx) {
		XlsxStatus s = xlsx_close(o.x);
		unlink(path);
		if (!fail && s != XLSX_OK)
			fail = s == XLSX_TOO_MANY_ROWS ? E_TOO_LARGE : E_DISK_FULL;
	} else if (o.csv && fclose(o.csv) != 0 && !fail) {
		fail = E_DISK_FULL;
	}
	struct stat st;
	if (!fail && (fstat(fd, &st) != 0 || lseek(fd, 0, SEEK_SET) != 0))
		fail = E_INTERNAL;
	if (fail) {
		close(fd);
		return fail == E_INTERNAL ? H_FATAL : resp_error(r, fail, NULL, NULL);
	}
	const char *name = r->actor.scope[0] ? arena_printf(&r->arena, "so-lieu-bao-cao-%d-%s.%s", year, r->actor.scope, xlsx ? "xlsx" : "csv")
					     : arena_printf(&r->arena, "so-lieu-bao-cao-%d.%s", year, xlsx ? "xlsx" : "csv");
	return resp_file(r, fd, (uint64_t)st.st_size,
			 xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8", name);
}

HandlerResult web_export_report_values_csv(Req *r)
{
	return report_values(r, 0);
}

HandlerResult web_export_report_values_xlsx(Req *r)
{
	return report_values(r, 1);
}

HandlerResult api_export(Req *r)
{
	const char *file = req_param(r, "file");
	if (strcmp(file, "report-values.csv") == 0)
		return report_values(r, 0);
	if (strcmp(file, "report-values.xlsx") == 0)
		return report_values(r, 1);
	return web_export(r);
}
