/* Periodic tables (issue 9): /tables shows a unit's sub-units × a predefined set of indicators over
 * a period, with the unit's total and the targets, in both geographies, as a printable page
 * (A4 landscape print CSS), and downloads it as .xlsx (one sheet per geography, frozen headings,
 * Vietnamese number formats, a bar chart) or .csv (UTF-8 with BOM, comma-separated, one geography
 * per file). The JSON and file answers of GET /api/v1/tables are written here too (tables.h).
 * Everything comes from core/tableset.h, which keeps to the actor's scope; tables hold no
 * person's data, so every role reads them. */
#include "web/tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/unit.h"
#include "http/server.h"
#include "lib/vi.h"
#include "out/csv.h"
#include "out/tablebook.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

static const char *const geo_name[2] = {"today", "then"};

/* A month typed as YYYY-MM or MM/YYYY into out (YYYY-MM): 1 when it is one. */
static int month_read(const char *s, char out[8])
{
	int y = 0, m = 0, len = 0;
	if (sscanf(s, "%4d-%2d%n", &y, &m, &len) == 2 && len == 7 && s[4] == '-') {
	} else if (sscanf(s, "%2d/%4d%n", &m, &y, &len) == 2 && (len == 6 || len == 7)) {
	} else {
		return 0;
	}
	if (s[len] || y < 1900 || y > 9999 || m < 1 || m > 12)
		return 0;
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
	return 1;
}

int tables_read(Req *r, TablesAsk *a)
{
	memset(a, 0, sizeof *a);
	const char *unit = req_query(r, "unit");
	a->unit = unit ? unit : "";
	char today[11];
	unit_today(today);
	/* default: the last month ended, from January of its year */
	int y = atoi(today), m = atoi(today + 5) - 1;
	if (m == 0) {
		m = 12;
		y--;
	}
	snprintf(a->to, sizeof a->to, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
	snprintf(a->from, sizeof a->from, "%04u-01", (unsigned)y % 10000u);
	const char *from = req_query(r, "from"), *to = req_query(r, "to");
	a->from_in = from;
	a->to_in = to;
	if (to && *to && !month_read(to, a->to))
		return err_set(&a->e, E_PERIOD, "to");
	if (from && *from && !month_read(from, a->from))
		return err_set(&a->e, E_PERIOD, "from");
	else if (!(from && *from) && to && *to)
		snprintf(a->from, sizeof a->from, "%.4s-01", a->to);
	if (strcmp(a->from, a->to) > 0)
		return err_setf(&a->e, E_PERIOD, "from", "%s",
				tr(r, "Tháng bắt đầu phải trước tháng kết thúc.", "The first month must not be after the last."));
	const char *set = req_query(r, "set");
	a->set = table_set_find(set && *set ? set : "members");
	if (!a->set)
		return err_set(&a->e, E_INVALID, "set");
	const char *st = req_query(r, "status");
	if (!st || !*st || strcmp(st, "submitted") == 0)
		a->cls = TOTAL_SUBMITTED;
	else if (strcmp(st, "approved") == 0)
		a->cls = TOTAL_APPROVED;
	else if (strcmp(st, "all") == 0)
		a->cls = TOTAL_ALL;
	else
		return err_set(&a->e, E_INVALID, "status");
	a->status = a->cls == TOTAL_ALL ? "all" : a->cls == TOTAL_APPROVED ? "approved" : "submitted";
	const char *g = req_query(r, "geography");
	if (g && *g && strcmp(g, "today") != 0 && strcmp(g, "then") != 0)
		return err_set(&a->e, E_INVALID, "geography");
	a->geo = g && strcmp(g, "then") == 0 ? TABLE_GEO_THEN : TABLE_GEO_TODAY;
	return 0;
}

int tables_run(Req *r, TablesAsk *a, TableResult *t)
{
	Err e = {0};
	if (table_run(r->db, &r->actor, a->unit, a->from, a->to, a->set, a->cls, t, &e) == 0)
		return 0;
	if (e.code == E_BUSY || e.code == E_DISK_FULL || e.code == E_INTERNAL)
		return -1;
	a->e = e;
	if (e.code == E_NOT_FOUND || e.code == E_FORBIDDEN || (e.code == E_INVALID && e.field && strcmp(e.field, "by") == 0))
		a->e.field = "unit";
	else if (e.code == E_PERIOD && !(e.field && (strcmp(e.field, "from") == 0 || strcmp(e.field, "to") == 0)))
		a->e.field = "from";
	return 1;
}

/* ---- the figures as people read them ---- */

static const char *col_label(Req *r, const TotalColumn *c)
{
	return strcmp(r->lang, "en") == 0 ? c->label_en : c->label_vi;
}

static int col_is_rate(const TotalColumn *c)
{
	return c->rate != NULL;
}

/* A cell as text: "1.234", "56,3%", "" when none. */
static void cell_text(const TotalColumn *c, const TotalCell *x, char out[96])
{
	char d[VI_NUM_BUFSZ];
	out[0] = 0;
	if (col_is_rate(c)) {
		if (x->has && x->den)
			snprintf(out, 96, "%s%%", vi_format_decimal((x->num * 1000 + x->den / 2) / x->den, 1, d));
		return;
	}
	if (x->has)
		snprintf(out, 96, "%s", vi_format_int(x->value, d));
}

/* A target in words: "≥ 50,0%", "60,0%–70,0%", "" when none. */
static void target_text(const TableTarget *g, char out[96])
{
	char lo[VI_NUM_BUFSZ], hi[VI_NUM_BUFSZ];
	out[0] = 0;
	if (!g->has)
		return;
	if (g->low >= 0)
		vi_format_decimal(g->low, 1, lo);
	if (g->high >= 0)
		vi_format_decimal(g->high, 1, hi);
	if (g->low >= 0 && g->high >= 0)
		snprintf(out, 96, "%s%%–%s%%", lo, hi);
	else if (g->low >= 0)
		snprintf(out, 96, "≥ %s%%", lo);
	else if (g->high >= 0)
		snprintf(out, 96, "≤ %s%%", hi);
}

static const char *target_source(Req *r, const TableTarget *g)
{
	if (!g->has)
		return "";
	if (strcmp(g->source, "model") == 0)
		return tr(r, "mô hình CLB", "the club model");
	return arena_printf(&r->arena, "%s %s", tr(r, "Đề án", "programme"), g->source);
}

/* 1 when a row holds no figure at all (a commune without clubs): left out of the page and the
 * files, with a note of how many; the JSON keeps every row. */
static int row_empty(const TableResult *t, const TotalRow *w)
{
	for (size_t k = 0; k < t->set->ncodes; k++)
		if (w->cells[k].has && (!col_is_rate(&t->cols[k]) || w->cells[k].den))
			return 0;
	return 1;
}

static size_t empty_rows(const TableResult *t, int g)
{
	size_t n = 0;
	for (size_t i = 0; i < t->geo[g].nrows; i++)
		n += row_empty(t, &t->geo[g].rows[i]);
	return n;
}

static const char *empty_note(Req *r, size_t n)
{
	return arena_printf(&r->arena, "%zu %s", n,
			    tr(r, "đơn vị không có số liệu nào trong kỳ không được liệt kê.",
			       "units without any figure in the period are not listed."));
}

/* "03/2026" */
static void month_words(const char *ym, char out[16])
{
	snprintf(out, 16, "%.2s/%.4s", ym + 5, ym);
}

static const char *range_words(Req *r, const TableResult *t)
{
	char a[16], b[16];
	month_words(t->from, a);
	month_words(t->to, b);
	if (strcmp(t->from, t->to) == 0)
		return arena_printf(&r->arena, "%s %s", tr(r, "tháng", "month"), a);
	return arena_printf(&r->arena, "%s %s %s %s", tr(r, "từ tháng", "from"), a, tr(r, "đến tháng", "to"), b);
}

static const char *row_label(Req *r, const TableResult *t, const TotalRow *w)
{
	if (t->by_month) {
		char m[16];
		month_words(w->from, m);
		return arena_strdup(&r->arena, m);
	}
	if (strcmp(w->level, "rest") == 0)
		return tr(r, "Không thuộc đơn vị nào", "In no sub-unit");
	return w->name;
}

static const char *geo_title(Req *r, int g)
{
	return g == TABLE_GEO_TODAY ? tr(r, "Quy đổi theo địa giới hiện nay", "Restated to today's units")
				    : tr(r, "Theo địa giới khi đó", "As organised then");
}

static const char *table_title(Req *r, const TableResult *t, int g)
{
	const TotalAnswer *a = &t->geo[g];
	const char *set = strcmp(r->lang, "en") == 0 ? t->set->en : t->set->vi;
	return arena_printf(&r->arena, "%s — %s, %s", set, a->unit_name, range_words(r, t));
}

/* ---- the page ---- */

static void ask_href(Req *r, Buf *out, const TablesAsk *a, const char *unit, const char *format, const char *geo)
{
	buf_printf(out, "/tables?unit=");
	html_urlenc(out, unit);
	buf_printf(out, "&from=%s&to=%s&set=%s&status=%s", a->from, a->to, a->set->code, a->status);
	if (format)
		buf_printf(out, "&format=%s", format);
	if (geo)
		buf_printf(out, "&geography=%s", geo);
	(void)r;
}

static void ask_link(Req *r, Buf *b, const TablesAsk *a, const char *unit, const char *format, const char *geo,
		     const char *text)
{
	Buf u;
	buf_init(&u, 200);
	ask_href(r, &u, a, unit, format, geo);
	html(b, "<a href=\"");
	html_attr(b, buf_str(&u));
	html(b, "\">");
	html_txt(b, text);
	html(b, "</a>");
	buf_free(&u);
}

static void page_table(Req *r, Buf *b, const TablesAsk *a, const TableResult *t, int g)
{
	const TotalAnswer *ans = &t->geo[g];
	size_t n = t->set->ncodes;
	const char *first = t->by_month ? tr(r, "Tháng", "Month") : tr(r, "Đơn vị", "Unit");
	html(b, "<section class=\"table-sheet\"><h2>");
	html_txt(b, geo_title(r, g));
	html(b, "</h2>");
	if (!t->has[g]) {
		html(b, "<p class=\"muted\">");
		html_txt(b, tr(r, "Đơn vị này chưa có trong thời gian đó: xem bảng quy đổi theo địa giới hiện nay.",
			       "This unit did not exist then: see the table restated to today's units."));
		html(b, "</p></section>");
		return;
	}
	page_table_begin(b, table_title(r, t, g));
	page_th(b, first);
	for (size_t k = 0; k < n; k++)
		page_th(b, col_label(r, &t->cols[k]));
	html(b, "</tr></thead><tbody>");
	char v[96];
	for (size_t i = 0; i < ans->nrows; i++) {
		const TotalRow *w = &ans->rows[i];
		if (row_empty(t, w))
			continue;
		html(b, "<tr>");
		page_td(b, first, NULL);
		if (!t->by_month && w->code[0] && strcmp(w->level, "club") != 0 && strcmp(w->level, "rest") != 0 &&
		    g == TABLE_GEO_TODAY)
			ask_link(r, b, a, w->code, NULL, NULL, row_label(r, t, w));
		else
			html_txt(b, row_label(r, t, w));
		html(b, "</td>");
		for (size_t k = 0; k < n; k++) {
			cell_text(&t->cols[k], &w->cells[k], v);
			page_cell(b, col_label(r, &t->cols[k]), "num", v[0] ? v : "—");
		}
		html(b, "</tr>");
	}
	html(b, "</tbody><tfoot><tr class=\"total\">");
	page_td(b, first, NULL);
	html(b, "<strong>");
	html_txt(b, tr(r, "Tổng cộng", "Total"));
	html(b, "</strong></td>");
	for (size_t k = 0; k < n; k++) {
		cell_text(&t->cols[k], &ans->total.cells[k], v);
		page_td(b, col_label(r, &t->cols[k]), "num");
		html(b, "<strong>");
		html_txt(b, v[0] ? v : "—");
		html(b, "</strong></td>");
	}
	html(b, "</tr><tr class=\"target\">");
	page_cell(b, first, NULL, tr(r, "Chỉ tiêu", "Target"));
	for (size_t k = 0; k < n; k++) {
		target_text(&t->targets[k], v);
		page_td(b, col_label(r, &t->cols[k]), "num");
		if (v[0]) {
			html_txt(b, v);
			html(b, " <small>(");
			html_txt(b, target_source(r, &t->targets[k]));
			html(b, ")</small>");
		}
		html(b, "</td>");
	}
	html(b, "</tr></tfoot></table></div>");
	size_t hidden = empty_rows(t, g);
	if (hidden) {
		html(b, "<p class=\"note\">");
		html_txt(b, empty_note(r, hidden));
		html(b, "</p>");
	}
	const char *note = strcmp(r->lang, "en") == 0 ? ans->geo_note_en : ans->geo_note_vi;
	if (note && *note) {
		html(b, "<p class=\"note\">");
		html_txt(b, note);
		html(b, "</p>");
	}
	html(b, "</section>");
}

static const FormChoice status_choices[] = {
	{"submitted", "Báo cáo đã gửi (và đã duyệt)", "Reports submitted (and approved)"},
	{"approved", "Chỉ báo cáo đã duyệt", "Approved reports only"},
	{"all", "Tất cả, kể cả bản nháp", "All, drafts too"},
};

static const char *tables_message(Req *r, const char *id, const Err *e, const char *typed)
{
	(void)typed;
	if (e->code == E_PERIOD)
		return e->detail[0] ? e->detail
				    : tr(r, "Tháng không hợp lệ: viết YYYY-MM (ví dụ 2026-03) hoặc MM/YYYY.",
					 "Not a month: write YYYY-MM (e.g. 2026-03) or MM/YYYY.");
	if (strstr(id, "unit") && (e->code == E_NOT_FOUND || e->code == E_INVALID))
		return tr(r, "Không có đơn vị hay CLB nào mang mã này trong phạm vi của bạn.",
			  "No unit or club with this code in your scope.");
	return NULL;
}

static void month_field(Form *f, const char *name, const char *label, const char *typed, const char *month)
{
	int bad = form_bad(f->e, name) && typed;
	form_input(f, name, label, bad ? "text" : "month", bad ? typed : month, NULL,
		   bad ? tr(f->r, "Ví dụ: 2026-03 hoặc 03/2026", "E.g. 2026-03 or 03/2026") : NULL);
}

HandlerResult web_tables(Req *r)
{
	TablesAsk a;
	TableResult t;
	int have = 0;
	if (tables_read(r, &a) == 0) {
		int s = tables_run(r, &a, &t);
		if (s < 0)
			return H_FATAL;
		have = s == 0;
	}
	const char *format = req_query(r, "format");
	if (format && *format && strcmp(format, "html") != 0) {
		if (strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0) {
			if (have)
				table_free(&t);
			return resp_error(r, E_INVALID, "format", "html, csv, xlsx");
		}
		if (!have)
			return resp_err(r, &a.e);
		HandlerResult h = tables_send_file(r, &a, &t, strcmp(format, "xlsx") == 0);
		table_free(&t);
		return h;
	}

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Bảng tổng hợp định kỳ", "Periodic tables"));
	html(&b, "<form method=\"get\" action=\"/tables\" class=\"filters noprint\">");
	Form f = {.r = r, .b = &b, .e = a.e.code ? &a.e : NULL, .message = tables_message};
	if (f.e) {
		html(&b, "<div class=\"error\" role=\"alert\"><p>");
		html_txt(&b, tr(r, "Chưa lập được bảng: xem thông báo dưới ô được đánh dấu đỏ.",
				"No table yet: see the message under the field marked in red."));
		html(&b, "</p></div>");
	}
	html(&b, "<div class=\"row\">");
	form_input(&f, "unit", tr(r, "Mã đơn vị hoặc CLB (trống: của bạn)", "Unit or club code (blank: yours)"), "text",
		   a.unit, "autocomplete=\"off\" maxlength=\"16\"", NULL);
	month_field(&f, "from", tr(r, "Từ tháng", "From month"), a.from_in, a.from);
	month_field(&f, "to", tr(r, "Đến tháng", "To month"), a.to_in, a.to);
	form_select_begin(&f, "set", tr(r, "Bảng", "Table"), 0);
	for (size_t i = 0; i < table_set_count; i++)
		form_option(&b, table_sets[i].code, tr(r, table_sets[i].vi, table_sets[i].en),
			    a.set ? a.set->code : "members");
	form_select_end(&f, "set");
	form_select(&f, "status", tr(r, "Báo cáo được tính", "Reports counted"), status_choices,
		    sizeof status_choices / sizeof *status_choices, a.status ? a.status : "submitted", 0);
	html(&b, "</div>");
	form_button(&b, "primary", tr(r, "Lập bảng", "Make the table"));
	html(&b, "</form>");
	if (have) {
		html(&b, "<p class=\"lead\">");
		html_txt(&b, table_title(r, &t, TABLE_GEO_TODAY));
		html(&b, "</p><ul class=\"actions noprint\"><li>");
		const char *unit = a.unit;
		ask_link(r, &b, &a, unit, "xlsx", NULL, tr(r, "Tải Excel (.xlsx, hai địa giới)", "Download Excel (.xlsx, both geographies)"));
		html(&b, "</li><li>");
		ask_link(r, &b, &a, unit, "csv", "today", tr(r, "Tải CSV (địa giới hiện nay)", "Download CSV (today's units)"));
		html(&b, "</li>");
		if (t.has[TABLE_GEO_THEN]) {
			html(&b, "<li>");
			ask_link(r, &b, &a, unit, "csv", "then", tr(r, "Tải CSV (địa giới khi đó)", "Download CSV (as organised then)"));
			html(&b, "</li>");
		}
		html(&b, "</ul><p class=\"note noprint\">");
		html_txt(&b, tr(r, "Để in: dùng lệnh In của trình duyệt (Ctrl+P); trang in khổ A4 nằm ngang.",
				"To print: use the browser's Print (Ctrl+P); the page prints A4 landscape."));
		html(&b, "</p>");
		page_table(r, &b, &a, &t, TABLE_GEO_TODAY);
		page_table(r, &b, &a, &t, TABLE_GEO_THEN);
		html(&b, "<p class=\"note\">");
		html_txt(&b, tr(r, "Tỷ lệ được tính từ tổng số (tử số/mẫu số), không phải trung bình của các tỷ lệ. "
				   "Số liệu lấy từ tổng hợp trực tiếp của báo cáo tháng, cùng số liệu với trang Tổng hợp.",
				"Rates are computed from the totals (numerator/denominator), never averaged. "
				"The figures are the live totals of the monthly reports, the same as on the totals pages."));
		html(&b, "</p>");
		table_free(&t);
	}
	page_end(r, &b);
	return resp_html(r, a.e.code ? err_http_status(a.e.code) : 200, &b);
}

/* ---- files ---- */

static const char *file_name(Req *r, const TablesAsk *a, const TableResult *t, const char *ext, int geo)
{
	const char *code = t->geo[TABLE_GEO_TODAY].unit_code[0] ? t->geo[TABLE_GEO_TODAY].unit_code : "toan-quoc";
	return arena_printf(&r->arena, "bang-%s-%s-%s-%s%s%s.%s", a->set->code, code, t->from, t->to,
			    geo >= 0 ? "-" : "", geo >= 0 ? geo_name[geo] : "", ext);
}

static int write_csv(Req *r, FILE *f, const TableResult *t, int g)
{
	const TotalAnswer *ans = &t->geo[g];
	size_t n = t->set->ncodes;
	char v[96];
	csv_begin(f);
	csv_field(f, t->by_month ? tr(r, "Tháng", "Month") : tr(r, "Mã", "Code"), 0);
	csv_field(f, t->by_month ? tr(r, "Kỳ", "Period") : tr(r, "Đơn vị", "Unit"), 0);
	for (size_t k = 0; k < n; k++)
		csv_field(f, col_label(r, &t->cols[k]), k == n - 1);
	for (size_t i = 0; i < ans->nrows; i++) {
		const TotalRow *w = &ans->rows[i];
		if (row_empty(t, w))
			continue;
		csv_field(f, t->by_month ? w->from : w->code, 0);
		csv_field(f, row_label(r, t, w), 0);
		for (size_t k = 0; k < n; k++) {
			cell_text(&t->cols[k], &w->cells[k], v);
			csv_field(f, v, k == n - 1);
		}
	}
	csv_field(f, ans->unit_code, 0);
	csv_field(f, tr(r, "Tổng cộng", "Total"), 0);
	for (size_t k = 0; k < n; k++) {
		cell_text(&t->cols[k], &ans->total.cells[k], v);
		csv_field(f, v, k == n - 1);
	}
	csv_field(f, "", 0);
	csv_field(f, tr(r, "Chỉ tiêu", "Target"), 0);
	for (size_t k = 0; k < n; k++) {
		target_text(&t->targets[k], v);
		csv_field(f, v, k == n - 1);
	}
	return ferror(f) ? -1 : 0;
}

static void write_sheet(Req *r, TableBook *x, const TableResult *t, int g)
{
	const TotalAnswer *ans = &t->geo[g];
	size_t n = t->set->ncodes;
	TbColumn cols[TB_MAX_COLS];
	cols[0] = (TbColumn){t->by_month ? tr(r, "Tháng", "Month") : tr(r, "Đơn vị", "Unit"), 28, TB_TEXT};
	for (size_t k = 0; k < n && k + 1 < TB_MAX_COLS; k++)
		cols[k + 1] = (TbColumn){col_label(r, &t->cols[k]), 14, col_is_rate(&t->cols[k]) ? TB_RATE : TB_COUNT};
	const char *note = strcmp(r->lang, "en") == 0 ? ans->geo_note_en : ans->geo_note_vi;
	tb_sheet(x, g == TABLE_GEO_TODAY ? tr(r, "Địa giới hiện nay", "Today's units") : tr(r, "Địa giới khi đó", "As organised then"),
		 table_title(r, t, g), geo_title(r, g), cols, (int)n + 1);
	if (!t->has[g]) {
		tb_note(x, tr(r, "Đơn vị này chưa có trong thời gian đó.", "This unit did not exist then."));
		return;
	}
	char v[96];
	uint32_t shown = 0;
	for (size_t i = 0; i < ans->nrows; i++) {
		const TotalRow *w = &ans->rows[i];
		if (row_empty(t, w))
			continue;
		shown++;
		tb_text(x, row_label(r, t, w));
		for (size_t k = 0; k < n; k++) {
			const TotalCell *c = &w->cells[k];
			if (col_is_rate(&t->cols[k]))
				tb_rate(x, c->has && c->den, c->den ? (double)c->num / (double)c->den : 0);
			else
				tb_count(x, c->has, c->value);
		}
		tb_row_end(x);
	}
	tb_total(x);
	tb_text(x, tr(r, "Tổng cộng", "Total"));
	for (size_t k = 0; k < n; k++) {
		const TotalCell *c = &ans->total.cells[k];
		if (col_is_rate(&t->cols[k]))
			tb_rate(x, c->has && c->den, c->den ? (double)c->num / (double)c->den : 0);
		else
			tb_count(x, c->has, c->value);
	}
	tb_row_end(x);
	tb_text(x, tr(r, "Chỉ tiêu", "Target"));
	for (size_t k = 0; k < n; k++) {
		target_text(&t->targets[k], v);
		if (v[0])
			tb_text(x, arena_printf(&r->arena, "%s (%s)", v, target_source(r, &t->targets[k])));
		else
			tb_text(x, NULL);
	}
	tb_row_end(x);
	size_t hidden = empty_rows(t, g);
	if (hidden)
		tb_note(x, empty_note(r, hidden));
	tb_note(x, note);
	tb_note(x, tr(r, "Tỷ lệ được tính từ tổng số (tử số/mẫu số), không phải trung bình của các tỷ lệ.",
		      "Rates are computed from the totals (numerator/denominator), never averaged."));
	size_t cc = t->set->chart_col;
	if (shown > 0 && cc < n)
		tb_chart(x, (int)cc + 1, 0, shown,
			 arena_printf(&r->arena, "%s — %s", col_label(r, &t->cols[cc]), geo_title(r, g)));
}

HandlerResult tables_send_file(Req *r, const TablesAsk *a, const TableResult *t, int xlsx)
{
	const char *tmpdir = server_config()->tmpdir;
	char path[4096];
	snprintf(path, sizeof path, "%s/ishc-table-XXXXXX", tmpdir);
	int fd = mkstemp(path);
	if (fd < 0)
		return H_FATAL;
	int bad;
	if (xlsx) {
		TableBook *x = tb_create(path, tmpdir, table_title(r, t, TABLE_GEO_TODAY));
		if (x) {
			write_sheet(r, x, t, TABLE_GEO_TODAY);
			write_sheet(r, x, t, TABLE_GEO_THEN);
		}
		bad = tb_close(x) != 0;
		unlink(path);
	} else {
		unlink(path);
		FILE *f = fdopen(dup(fd), "w");
		bad = !f || write_csv(r, f, t, t->has[a->geo] ? a->geo : TABLE_GEO_TODAY) != 0;
		if (f && fclose(f) != 0)
			bad = 1;
	}
	struct stat st;
	if (bad || fstat(fd, &st) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return bad ? resp_error(r, E_DISK_FULL, NULL, NULL) : H_FATAL;
	}
	return resp_file(r, fd, (uint64_t)st.st_size,
			 xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
			 file_name(r, a, t, xlsx ? "xlsx" : "csv", xlsx ? -1 : (t->has[a->geo] ? a->geo : 0)));
}

/* ---- JSON (GET /api/v1/tables) ---- */

static json_t *cell_json(const TotalColumn *c, const TotalCell *x)
{
	if (col_is_rate(c)) {
		if (!x->has || !x->den)
			return json_null();
		return json_pack("{s:I,s:I,s:I}", "num", (json_int_t)x->num, "den", (json_int_t)x->den, "permille",
				 (json_int_t)((x->num * 1000 + x->den / 2) / x->den));
	}
	return x->has ? json_integer(x->value) : json_null();
}

json_t *tables_json(Req *r, const TableResult *t)
{
	size_t n = t->set->ncodes;
	json_t *cols = json_array();
	for (size_t k = 0; k < n; k++) {
		const TableTarget *g = &t->targets[k];
		json_t *c = json_pack("{s:s,s:s,s:s}", "code", t->cols[k].code, "label", col_label(r, &t->cols[k]), "kind",
				      col_is_rate(&t->cols[k]) ? "rate" : t->cols[k].kind == 3 ? "count" : t->cols[k].ind_kind);
		if (g->has)
			json_object_set_new(c, "target",
					    json_pack("{s:o,s:o,s:s}", "low_permille", g->low >= 0 ? json_integer(g->low) : json_null(),
						      "high_permille", g->high >= 0 ? json_integer(g->high) : json_null(),
						      "source", g->source));
		json_array_append_new(cols, c);
	}
	json_t *tables = json_object();
	for (int g = 0; g < 2; g++) {
		if (!t->has[g]) {
			json_object_set_new(tables, geo_name[g], json_null());
			continue;
		}
		const TotalAnswer *a = &t->geo[g];
		json_t *rows = json_array();
		for (size_t i = 0; i < a->nrows; i++) {
			const TotalRow *w = &a->rows[i];
			json_t *cells = json_array();
			for (size_t k = 0; k < n; k++)
				json_array_append_new(cells, cell_json(&t->cols[k], &w->cells[k]));
			json_array_append_new(rows, json_pack("{s:s,s:s,s:s,s:o}", "code", t->by_month ? w->from : w->code, "name",
							      row_label(r, t, w), "level", t->by_month ? "month" : w->level,
							      "cells", cells));
		}
		json_t *total = json_array();
		for (size_t k = 0; k < n; k++)
			json_array_append_new(total, cell_json(&t->cols[k], &a->total.cells[k]));
		const char *note = strcmp(r->lang, "en") == 0 ? a->geo_note_en : a->geo_note_vi;
		json_object_set_new(tables, geo_name[g],
				    json_pack("{s:s,s:s,s:s,s:s,s:o,s:o}", "unit", a->unit_code, "name", a->unit_name, "level",
					      a->unit_level, "note", note ? note : "", "rows", rows, "total", total));
	}
	return json_pack("{s:s,s:s,s:s,s:s,s:o,s:o}", "set", t->set->code, "title",
			 strcmp(r->lang, "en") == 0 ? t->set->en : t->set->vi, "from", t->from, "to", t->to, "columns", cols,
			 "tables", tables);
}
