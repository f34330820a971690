/* Pieces shared by the pages of the programme's work (see workui.h). */
#include "web/workui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/unit.h"
#include "http/server.h"
#include "lib/vi.h"
#include "web/layout.h"

int workui_year(Req *r)
{
	char today[11];
	unit_today(today);
	int this_year = (int)strtol(today, NULL, 10);
	const char *y = req_query(r, "year");
	if (!y)
		y = req_form(r, "year");
	if (!y)
		return this_year;
	char *end;
	long v = strtol(y, &end, 10);
	return *end || v < 2000 || v > this_year + 1 ? this_year : (int)v;
}

void workui_textarea(const Form *f, const char *name, const char *label, const char *value, int rows, int maxlength,
		     int required)
{
	Buf *b = f->b;
	int bad = form_bad(f->e, name);
	if (bad)
		html(b, "<div class=\"field invalid\"><label for=\"f-");
	else
		html(b, "<div class=\"field\"><label for=\"f-");
	html_attr(b, f->prefix ? f->prefix : "");
	html_attr(b, name);
	html(b, "\">");
	html_txt(b, label);
	html(b, "</label><textarea id=\"f-");
	html_attr(b, f->prefix ? f->prefix : "");
	html_attr(b, name);
	html(b, "\" name=\"");
	html_attr(b, name);
	buf_printf(b, "\" rows=\"%d\" maxlength=\"%d\"", rows, maxlength);
	if (required)
		html(b, " required");
	if (bad) {
		html(b, " aria-invalid=\"true\" aria-describedby=\"e-");
		html_attr(b, f->prefix ? f->prefix : "");
		html_attr(b, name);
		html(b, "\"");
	}
	html(b, ">");
	html_txt(b, value ? value : "");
	html(b, "</textarea>");
	if (bad) {
		html(b, "<p class=\"msg\" id=\"e-");
		html_attr(b, f->prefix ? f->prefix : "");
		html_attr(b, name);
		html(b, "\">");
		html_txt(b, err_message(f->e->code, f->r->lang));
		if (f->e->detail[0]) {
			html(b, " ");
			html_txt(b, f->e->detail);
		}
		html(b, "</p>");
	}
	html(b, "</div>");
}

void workui_year_form(Req *r, Buf *b, const char *path, int year, const char *unit)
{
	html(b, "<form method=\"get\" class=\"inline\" action=\"");
	html_attr(b, path);
	html(b, "\"><div class=\"field\"><label for=\"f-year\">");
	html_txt(b, tr(r, "Năm", "Year"));
	html(b, "</label><select id=\"f-year\" name=\"year\">");
	char today[11];
	unit_today(today);
	for (int y = (int)strtol(today, NULL, 10); y >= 2020; y--) {
		char v[16];
		snprintf(v, sizeof v, "%d", y);
		char sel[16];
		snprintf(sel, sizeof sel, "%d", year);
		form_option(b, v, v, sel);
	}
	html(b, "</select></div>");
	if (unit) {
		html(b, "<input type=\"hidden\" name=\"unit\" value=\"");
		html_attr(b, unit);
		html(b, "\">");
	}
	form_inline_end(b, NULL, tr(r, "Xem", "Show"));
}

HandlerResult workui_send_xlsx(Req *r, const char *filename, const char *sheet, const char *title,
			       const char *subtitle, const XlsxColumn *cols, int ncols,
			       int (*fill)(Req *r, Xlsx *x, void *arg), void *arg)
{
	const char *tmpdir = server_config()->tmpdir;
	char path[4096];
	snprintf(path, sizeof path, "%s/ishc-export-XXXXXX", tmpdir);
	int fd = mkstemp(path);
	if (fd < 0)
		return H_FATAL;
	Xlsx *x = xlsx_create(path, tmpdir, title);
	int bad = !x || xlsx_sheet(x, sheet, title, subtitle, cols, ncols) != 0;
	if (!bad)
		bad = fill(r, x, arg) != 0;
	XlsxStatus s = xlsx_close(x);
	unlink(path);
	struct stat st;
	if (bad || s != XLSX_OK || fstat(fd, &st) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return H_FATAL;
	}
	return resp_file(r, fd, (uint64_t)st.st_size, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			 filename);
}

const char *workui_yes(Req *r, int v)
{
	return v ? tr(r, "Có", "Yes") : tr(r, "Không", "No");
}

void workui_int(Buf *b, int64_t v)
{
	char n[VI_NUM_BUFSZ];
	html_txt(b, vi_format_int(v, n));
}

void workui_permille(Buf *b, int64_t v)
{
	if (v < 0) {
		html(b, "—");
		return;
	}
	char n[VI_NUM_BUFSZ];
	html_txt(b, vi_format_decimal(v, 1, n));
	html(b, "%");
}
