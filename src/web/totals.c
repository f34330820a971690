/* The live totals as pages (issue 5): a unit's overview (rows = its sub-units, columns = chosen
 * indicators and rates, with targets), one indicator's trend by month, quarter or year with a
 * chart drawn by the server, and the reporting-rate table. Every page is a GET form that reloads
 * itself (no script needed); each reads core/total.h, which keeps to the actor's scope. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/indicator.h"
#include "core/report.h"
#include "core/scope.h"
#include "core/total.h"
#include "core/unit.h"
#include "http/server.h"
#include "lib/vi.h"
#include "out/chart.h"
#include "out/csv.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

/* ---- what a page is asked for ---- */

typedef struct View {
	const char *unit;                       /* as asked; "" = the actor's scope */
	char from[8], to[8];                    /* YYYY-MM */
	const char *from_in, *to_in;            /* as typed, shown again when wrong */
	const char *geo, *status, *step;        /* then|today, all|submitted|approved, month|quarter|year */
	const char *codes[TOTAL_CODES_MAX];
	size_t ncodes;
	int all_rows;                           /* 1: also the rows without any figure */
	Err e;                                  /* the first bad parameter */
} View;

static const char *const overview_default[] = {"MEM_TOTAL", "R_WOMEN", "R_OLDER", "R_BORROW", "INC_OUTSTANDING",
					       "R_REPORTED"};

static const FormChoice geo_choices[] = {
	{"today", "Quy đổi theo địa giới hiện nay", "Restated to today's units"},
	{"then", "Theo địa giới khi đó", "As organised then"},
};
static const FormChoice status_choices[] = {
	{"submitted", "Báo cáo đã gửi (và đã duyệt)", "Reports submitted (and approved)"},
	{"approved", "Chỉ báo cáo đã duyệt", "Approved reports only"},
	{"all", "Tất cả, kể cả bản nháp", "All, drafts too"},
};
static const FormChoice step_choices[] = {
	{"month", "Theo tháng", "By month"},
	{"quarter", "Theo quý", "By quarter"},
	{"year", "Theo năm", "By year"},
};

#define NCHOICES(a) (sizeof(a) / sizeof *(a))

/* A month typed as YYYY-MM, M/YYYY or MM/YYYY, into out as YYYY-MM. 1 when it is one. */
static int month_parse(const char *s, char out[8])
{
	int y = 0, m = 0, len = 0;
	if (!s)
		return 0;
	while (*s == ' ')
		s++;
	if (sscanf(s, "%4d-%2d%n", &y, &m, &len) == 2 && len == 7 && s[4] == '-') {
		/* YYYY-MM */
	} else if (sscanf(s, "%2d/%4d%n", &m, &y, &len) == 2 && (len == 6 || len == 7)) {
		/* M/YYYY */
	} else {
		return 0;
	}
	for (const char *p = s + len; *p; p++)
		if (*p != ' ')
			return 0;
	if (y < 1900 || y > 9999 || m < 1 || m > 12)
		return 0;
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
	return 1;
}

/* The month n months before (n < 0: after) month, YYYY-MM. */
static void month_add(const char *month, int n, char out[8])
{
	int y = (int)strtol(month, NULL, 10), m = (int)strtol(month + 5, NULL, 10) - 1 + n;
	y += m >= 0 ? m / 12 : -((11 - m) / 12);
	m = ((m % 12) + 12) % 12;
	if (y < 1 || y > 9999)
		y = y < 1 ? 1 : 9999;
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)(m + 1) % 100u);
}

static void last_month(char out[8])
{
	char today[11];
	unit_today(today);
	month_add(today, -1, out);
}

/* "03/2026", "Quý 1/2026", "Năm 2026" for a period of a row. */
static void period_words(Req *r, const char *period, char *out, size_t n)
{
	if (strlen(period) == 7 && period[5] == 'Q')
		snprintf(out, n, "%s %c/%.4s", tr(r, "Quý", "Q"), period[6], period);
	else if (strlen(period) == 7 && period[4] == '-')
		snprintf(out, n, "%.2s/%.4s", period + 5, period);
	else
		snprintf(out, n, "%s %s", tr(r, "Năm", "Year"), period);
}

static int choice_ok(const FormChoice *c, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].value, v) == 0)
			return 1;
	return 0;
}

/* A fixed choice of the query: the default when absent, the value when one of the choices, else
 * the default and an error on the field. */
static const char *view_choice(View *v, Req *r, const char *name, const FormChoice *c, size_t n)
{
	const char *s = req_query(r, name);
	if (!s || !*s)
		return c[0].value;
	if (choice_ok(c, n, s))
		return s;
	if (!v->e.code)
		err_set(&v->e, E_INVALID, name);
	return c[0].value;
}

/* Reads the query: unit, months (from/to, or period for one month: span months back by default),
 * geography, status, step. */
static void view_read(Req *r, View *v, int span)
{
	memset(v, 0, sizeof *v);
	const char *unit = req_query(r, "unit");
	v->unit = unit ? unit : "";
	char lm[8];
	last_month(lm);
	const char *to = req_query(r, "to"), *from = req_query(r, "from"), *period = req_query(r, "period");
	if (period && *period && !(to && *to))
		to = from = period;
	v->to_in = to;
	v->from_in = from;
	snprintf(v->to, sizeof v->to, "%s", lm);
	if (to && *to && !month_parse(to, v->to))
		err_set(&v->e, E_PERIOD, period && to == period ? "period" : "to");
	month_add(v->to, span - 1 > 0 ? -(span - 1) : 0, v->from);
	if (from && *from && !month_parse(from, v->from) && !v->e.code)
		err_set(&v->e, E_PERIOD, "from");
	if (!v->e.code && strcmp(v->from, v->to) > 0)
		err_setf(&v->e, E_PERIOD, "from", "%s",
			 tr(r, "Tháng bắt đầu phải trước tháng kết thúc.", "The first month must not be after the last."));
	v->geo = view_choice(v, r, "geography", geo_choices, NCHOICES(geo_choices));
	v->status = view_choice(v, r, "status", status_choices, NCHOICES(status_choices));
	v->step = view_choice(v, r, "step", step_choices, NCHOICES(step_choices));
	const char *all = req_query(r, "all_rows");
	v->all_rows = all && strcmp(all, "1") == 0;
}

/* The codes of ?indicators= (comma separated, or the parameter repeated), upper-cased. */
static void view_codes(Req *r, View *v, const char *param)
{
	for (size_t i = 0; i < r->query.count; i++) {
		if (strcmp(r->query.items[i].name, param) != 0)
			continue;
		char *s = arena_strdup(&r->arena, r->query.items[i].value);
		for (char *tok = strtok(s, ", "); tok; tok = strtok(NULL, ", ")) {
			for (char *p = tok; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
			int dup = 0;
			for (size_t k = 0; k < v->ncodes; k++)
				dup |= strcmp(v->codes[k], tok) == 0;
			if (!dup && v->ncodes < TOTAL_CODES_MAX)
				v->codes[v->ncodes++] = tok;
		}
	}
}

static TotalQuery view_query(const View *v)
{
	TotalQuery q = {0};
	q.unit = v->unit;
	q.from = v->from;
	q.to = v->to;
	q.codes = v->codes;
	q.ncodes = v->ncodes;
	q.geo = strcmp(v->geo, "then") == 0 ? TOTAL_THEN : TOTAL_TODAY;
	q.cls = strcmp(v->status, "all") == 0 ? TOTAL_ALL : strcmp(v->status, "approved") == 0 ? TOTAL_APPROVED
												 : TOTAL_SUBMITTED;
	q.step = strcmp(v->step, "quarter") == 0 ? TOTAL_QUARTER : strcmp(v->step, "year") == 0 ? TOTAL_YEAR
												 : TOTAL_MONTH;
	return q;
}

static int is_club_code(const char *s)
{
	return s && strchr(s, '-') != NULL;
}

/* A link to one of the pages with the view's choices, unit set to unit: the URL in out. */
static void view_href(Buf *out, const char *path, const View *v, const char *unit, int with_codes)
{
	buf_printf(out, "%s?unit=", path);
	html_urlenc(out, unit);
	buf_printf(out, "&from=%s&to=%s&geography=%s&status=%s", v->from, v->to, v->geo, v->status);
	if (strcmp(v->step, "month") != 0)
		buf_printf(out, "&step=%s", v->step);
	if (with_codes && v->ncodes) {
		buf_printf(out, "&indicators=");
		for (size_t i = 0; i < v->ncodes; i++) {
			if (i)
				buf_printf(out, ",");
			html_urlenc(out, v->codes[i]);
		}
	}
}

static void link_to(Buf *b, const char *path, const View *v, const char *unit, int with_codes, const char *text)
{
	Buf u;
	buf_init(&u, 256);
	view_href(&u, path, v, unit, with_codes);
	html(b, "<a href=\"");
	html_attr(b, buf_str(&u));
	html(b, "\">");
	html_txt(b, text);
	html(b, "</a>");
	buf_free(&u);
}

/* ---- columns ---- */

/* The counts one may ask for besides indicators and rates. */
static const char *const count_codes[] = {"_EXPECTED", "_REPORTS", "_SUBMITTED", "_ONTIME", "_APPROVED"};

typedef struct Col {
	const char *code;
	const char *label;
	const char *kind;              /* count | money | yesno | rate */
	const TotalRate *rate;
	const char *over_time;         /* sum | last; "" for a rate */
} Col;

/* What code is (core/total.h's total_column): 1 known (c filled), 0 not, -1 store error. */
static int col_find(Req *r, const char *code, Col *c)
{
	memset(c, 0, sizeof *c);
	TotalColumn *t = arena_alloc(&r->arena, sizeof *t);
	int kind = total_column(r->db, code, t);
	if (kind <= 0)
		return kind;
	c->code = code;
	c->rate = t->rate;
	c->kind = t->ind_kind;
	c->label = strcmp(r->lang, "en") == 0 ? t->label_en : t->label_vi;
	c->over_time = t->over_time;
	return 1;
}

/* The rate as a percentage with one decimal, "56,3%", into out (32 bytes). */
static void percent(int64_t num, int64_t den, char out[32])
{
	char d[VI_NUM_BUFSZ];
	int64_t pm = (num * 1000 + den / 2) / den;
	snprintf(out, 32, "%s%%", vi_format_decimal(pm, 1, d));
}

static void percent_of_permille(int permille, char out[32])
{
	char d[VI_NUM_BUFSZ];
	snprintf(out, 32, "%s%%", vi_format_decimal(permille, 1, d));
}

/* -1 when the rate is below its target range, 1 above it, 0 within (or no target, or no rate). */
static int off_target(const Col *c, const TotalCell *x)
{
	if (!c->rate || !x->has || !x->den)
		return 0;
	int64_t pm = x->num * 1000;
	if (c->rate->target_low >= 0 && pm < (int64_t)c->rate->target_low * x->den)
		return -1;
	if (c->rate->target_high >= 0 && pm > (int64_t)c->rate->target_high * x->den)
		return 1;
	return 0;
}

/* A rate's target range in words, "60,0%–70,0%", "≥ 50,0%", "≤ 5,0%", into out; "" when none. */
static void range_text(const TotalRate *t, char *out, size_t n)
{
	char lo[32], hi[32];
	out[0] = 0;
	if (!t)
		return;
	if (t->target_low >= 0)
		percent_of_permille(t->target_low, lo);
	if (t->target_high >= 0)
		percent_of_permille(t->target_high, hi);
	if (t->target_low >= 0 && t->target_high >= 0)
		snprintf(out, n, "%s–%s", lo, hi);
	else if (t->target_low >= 0)
		snprintf(out, n, "≥ %s", lo);
	else if (t->target_high >= 0)
		snprintf(out, n, "≤ %s", hi);
}

/* "Chỉ tiêu: ≥ 50,0%" for a rate with a target, into out; "" when none. */
static void target_words(Req *r, const Col *c, char *out, size_t n)
{
	char range[64];
	range_text(c->rate, range, sizeof range);
	out[0] = 0;
	if (range[0])
		snprintf(out, n, "%s: %s", tr(r, "Chỉ tiêu", "Target"), range);
}

/* A cell's value as people read it, into out (64 bytes); "—" when there is none. */
static void cell_text(Req *r, const Col *c, const TotalCell *x, char out[64])
{
	char d[VI_NUM_BUFSZ];
	if (c->rate) {
		if (x->has && x->den)
			percent(x->num, x->den, out);
		else
			snprintf(out, 64, "—");
		return;
	}
	if (!x->has) {
		snprintf(out, 64, "%s", c->code[0] == '_' ? "0" : "—");
		return;
	}
	if (strcmp(c->kind, "money") == 0) {
		snprintf(out, 64, "%s", vi_format_money(x->value, d));
	} else if (strcmp(c->kind, "yesno") == 0) {
		char n[VI_NUM_BUFSZ];
		vi_format_int(x->clubs, n);
		snprintf(out, 64, "%s/%s %s", vi_format_int(x->value, d), n, tr(r, "CLB", "clubs"));
	} else {
		snprintf(out, 64, "%s", vi_format_int(x->value, d));
	}
}

/* A whole cell of a table: the value, for a rate its num/den, and a flag in words when the rate
 * misses its target. */
static void cell_write(Req *r, Buf *b, const Col *c, const TotalCell *x)
{
	char text[64];
	cell_text(r, c, x, text);
	int off = off_target(c, x);
	page_td(b, c->label, off ? "num off" : "num");
	html_txt(b, text);
	if (c->rate && x->has && x->den) {
		char n[VI_NUM_BUFSZ], d[VI_NUM_BUFSZ];
		html(b, "<span class=\"ratio\">");
		html_txtf(b, "%s/%s", vi_format_int(x->num, n), vi_format_int(x->den, d));
		html(b, "</span>");
	}
	if (off) {
		char range[80];
		range_text(c->rate, range, sizeof range);
		html(b, " <span class=\"flag off below\">");
		if (off < 0)
			html_trf(r, b, "Dưới chỉ tiêu (%s)", "Below target (%s)", range);
		else
			html_trf(r, b, "Cao hơn mức mô hình (%s)", "Above the model's range (%s)", range);
		html(b, "</span>");
	}
	html(b, "</td>");
}

static void col_heading(Req *r, Buf *b, const Col *c)
{
	char t[128];
	target_words(r, c, t, sizeof t);
	html(b, "<th scope=\"col\" class=\"num\">");
	html_txt(b, c->label);
	if (t[0]) {
		html(b, "<span class=\"target\">");
		html_txt(b, t);
		html(b, "</span>");
	}
	html(b, "</th>");
}

/* ---- pieces every page shows ---- */

/* page_table_begin, with the class "totals" that keeps headings and figures readable. */
static void table_begin(Buf *b, const char *caption)
{
	html(b, "<div class=\"scroll\"><table class=\"stack totals\"><caption>");
	html_txt(b, caption);
	html(b, "</caption><thead><tr>");
}

static const char *level_words(Req *r, const char *level)
{
	if (strcmp(level, "country") == 0)
		return tr(r, "Toàn quốc", "Country");
	if (strcmp(level, "club") == 0)
		return tr(r, "CLB", "Club");
	if (strcmp(level, "rest") == 0)
		return tr(r, "Chưa quy đổi", "Not restated");
	UnitLevel l = unit_level_parse(level);
	return l ? unit_level_label(l, r->lang) : level;
}

/* What a row is called: the unit or club name, the remainder, or the period. */
static void row_name(Req *r, const TotalRow *row, char *out, size_t n)
{
	if (row->period[0])
		period_words(r, row->period, out, n);
	else if (strcmp(row->level, "rest") == 0 || !row->code[0])
		snprintf(out, n, "%s", tr(r, "Đơn vị cũ chưa gắn với đơn vị hiện nay",
					   "Former units not linked to a unit of today"));
	else
		snprintf(out, n, "%s", row->name);
}

/* The three pages, the current one marked. */
static void views_nav(Req *r, Buf *b, const View *v, const char *unit, const char *here)
{
	static const struct {
		const char *path, *vi, *en;
	} pages[] = {
		{"/reports/overview", "Tổng hợp theo đơn vị", "Overview by unit"},
		{"/reports/trend", "Diễn biến theo thời gian", "Trend over time"},
		{"/reports/rate", "Tỷ lệ báo cáo", "Reporting rate"},
	};
	html(b, "<nav aria-label=\"");
	html_attr(b, tr(r, "Các bảng tổng hợp", "Summary tables"));
	html(b, "\"><ul class=\"actions\">");
	for (size_t i = 0; i < NCHOICES(pages); i++) {
		Buf u;
		buf_init(&u, 256);
		view_href(&u, pages[i].path, v, unit, 0);
		html(b, "<li><a class=\"button\" href=\"");
		html_attr(b, buf_str(&u));
		html(b, "\"");
		if (strcmp(pages[i].path, here) == 0)
			html(b, " aria-current=\"page\"");
		html(b, ">");
		html_txt(b, tr(r, pages[i].vi, pages[i].en));
		html(b, "</a></li>");
		buf_free(&u);
	}
	html(b, "</ul></nav>");
}

/* The unit of the answer as a heading, the geography's note, and a link one level up when the
 * actor may see it. */
static void answer_head(Req *r, Buf *b, const View *v, const TotalAnswer *a, const char *path)
{
	html(b, "<h2>");
	html_txt(b, a->unit_name[0] ? a->unit_name : tr(r, "Toàn quốc", "Whole country"));
	if (a->unit_code[0])
		html_txtf(b, " (%s)", a->unit_code);
	html(b, "</h2><p class=\"sub\">");
	html_txt(b, level_words(r, a->unit_level));
	html(b, " · ");
	html_txt(b, form_choice_label(r, geo_choices, NCHOICES(geo_choices), v->geo));
	if (strcmp(path, "/reports/rate") != 0) {
		html(b, " · ");
		html_txt(b, form_choice_label(r, status_choices, NCHOICES(status_choices), v->status));
	}
	html(b, "</p>");
	const char *note = strcmp(r->lang, "en") == 0 ? a->geo_note_en : a->geo_note_vi;
	if (note && *note) {
		html(b, "<p class=\"note\">");
		html_txt(b, note);
		html(b, "</p>");
	}
	/* One level up: the club's commune, the unit's parent, the country. */
	char up[16] = "";
	int country = 0;
	if (strcmp(a->unit_level, "club") == 0) {
		snprintf(up, sizeof up, "%.5s", a->unit_code);
	} else if (a->unit_id) {
		Unit u;
		if (unit_get(r->db, a->unit_id, &u) == 1) {
			if (u.parent_id) {
				Unit p;
				if (unit_get(r->db, u.parent_id, &p) == 1)
					snprintf(up, sizeof up, "%s", p.code);
			} else {
				country = 1;
			}
		}
	}
	int may = country ? scope_is_national(&r->actor) || (r->actor.role == ROLE_VIEWER && !r->actor.scope[0])
			  : up[0] && scope_covers(r->db, &r->actor, up);
	if (may) {
		html(b, "<p>");
		link_to(b, path, v, up, strcmp(path, "/reports/overview") == 0, tr(r, "↑ Lên cấp trên", "↑ One level up"));
		html(b, "</p>");
	}
}

/* The fields every page's form has: unit, geography, status (when asked). */
static void form_unit_field(Form *f, const View *v)
{
	form_input(f, "unit", tr(f->r, "Mã đơn vị hoặc CLB (trống: của bạn)", "Unit or club code (blank: yours)"), "text",
		   v->unit, "autocomplete=\"off\" maxlength=\"16\"", NULL);
}

static void form_month(Form *f, const char *name, const char *label, const char *typed, const char *month)
{
	/* What was typed wrong goes back in a text field: a month field cannot hold it. */
	int bad = form_bad(f->e, name) && typed;
	form_input(f, name, label, bad ? "text" : "month", bad ? typed : month, NULL,
		   bad ? tr(f->r, "Ví dụ: 2026-03 hoặc 03/2026", "E.g. 2026-03 or 03/2026") : NULL);
}

/* Better words for the fields of these forms. */
static const char *totals_message(Req *r, const char *id, const Err *e, const char *typed)
{
	(void)typed;
	if (e->code == E_PERIOD)
		return e->detail[0] ? e->detail
				    : tr(r, "Tháng không hợp lệ: viết YYYY-MM (ví dụ 2026-03) hoặc MM/YYYY.",
					 "Not a month: write YYYY-MM (e.g. 2026-03) or MM/YYYY.");
	if (strstr(id, "unit") && e->code == E_NOT_FOUND)
		return tr(r, "Không có đơn vị hay CLB nào mang mã này trong phạm vi của bạn.",
			  "No unit or club with this code in your scope.");
	if (strstr(id, "indicator") && e->code == E_INVALID)
		return tr(r, "Không có chỉ tiêu hay tỷ lệ nào mang mã này.", "No indicator or rate has this code.");
	return NULL;
}

/* At the top of a form that failed: what is wrong and where. */
static void filter_summary(Req *r, Buf *b, const Err *e)
{
	if (!e || !e->code)
		return;
	html(b, "<div class=\"error\" role=\"alert\"><p>");
	if (e->field && strcmp(e->field, "indicators") == 0)
		html_trf(r, b, "Không có chỉ tiêu hay tỷ lệ nào mang mã %s. Hãy chọn lại trong danh sách.",
			 "No indicator or rate has the code %s. Choose again from the list.", e->detail);
	else
		html_txt(b, tr(r, "Chưa xem được: xem thông báo dưới ô được đánh dấu đỏ.",
			       "Nothing to show yet: see the message under the field marked in red."));
	html(b, "</p></div>");
}

/* Runs the query; on bad input sets v->e (the field at fault) and returns 1; store trouble -1. */
static int run(Req *r, View *v, const TotalQuery *q, TotalAnswer *a)
{
	Err e = {0};
	if (total_query(r->db, &r->actor, q, a, &e) == 0)
		return 0;
	if (e.code == E_BUSY || e.code == E_DISK_FULL || e.code == E_INTERNAL)
		return -1;
	v->e = e;
	if (e.code == E_NOT_FOUND || e.code == E_FORBIDDEN)
		v->e.field = "unit";
	else if (e.code == E_PERIOD && (!e.field || (strcmp(e.field, "from") != 0 && strcmp(e.field, "to") != 0)))
		v->e.field = "from";
	else if (!e.field)
		v->e.field = "unit";
	return 1;
}

static int view_status(const View *v)
{
	return v->e.code ? err_http_status(v->e.code) : 200;
}

/* ---- the overview ---- */

typedef struct Picker {
	Req *r;
	Buf *b;
	const View *v;
} Picker;

static void pick_box(Picker *p, const char *code, const char *label)
{
	int on = 0;
	for (size_t i = 0; i < p->v->ncodes; i++)
		on |= strcmp(p->v->codes[i], code) == 0;
	html(p->b, "<div class=\"field check\"><input type=\"checkbox\" name=\"indicators\" id=\"ind-");
	html_attr(p->b, code);
	html(p->b, "\" value=\"");
	html_attr(p->b, code);
	html(p->b, "\"");
	if (on)
		html(p->b, " checked");
	html(p->b, "><label for=\"ind-");
	html_attr(p->b, code);
	html(p->b, "\">");
	html_txt(p->b, label);
	html(p->b, "</label></div>");
}

static void pick_indicator(const Indicator *in, void *arg)
{
	Picker *p = arg;
	pick_box(p, in->code, tr(p->r, in->label_vi, in->label_en));
}

/* The choice of columns: the rates, then the indicators in catalogue order, as checkboxes. */
static int indicator_picker(Req *r, Buf *b, const View *v)
{
	Picker p = {r, b, v};
	html(b, "<details class=\"pick\"><summary>");
	html_trf(r, b, "Chọn chỉ tiêu (%zu đang chọn)", "Choose indicators (%zu chosen)", v->ncodes);
	html(b, "</summary><fieldset><legend>");
	html_txt(b, tr(r, "Tỷ lệ", "Rates"));
	html(b, "</legend>");
	for (size_t i = 0; i < total_rate_count; i++)
		pick_box(&p, total_rates[i].code, tr(r, total_rates[i].vi, total_rates[i].en));
	html(b, "</fieldset><fieldset><legend>");
	html_txt(b, tr(r, "Chỉ tiêu", "Indicators"));
	html(b, "</legend>");
	int64_t n = indicator_list(r->db, 0, pick_indicator, &p);
	html(b, "</fieldset></details>");
	return n < 0 ? -1 : 0;
}

static void overview_csv_row(Req *r, FILE *f, const Col *cols, size_t n, const TotalRow *row)
{
	char name[220];
	row_name(r, row, name, sizeof name);
	csv_field(f, row->period[0] ? row->period : row->code, 0);
	csv_field(f, name, 0);
	for (size_t i = 0; i < n; i++) {
		char text[64];
		const TotalCell *x = &row->cells[i];
		if (cols[i].rate) {
			if (x->has && x->den) {
				char d[VI_NUM_BUFSZ];
				vi_format_decimal((x->num * 1000 + x->den / 2) / x->den, 1, d);
				snprintf(text, sizeof text, "%s", d);
			} else {
				text[0] = 0;
			}
		} else if (x->has) {
			snprintf(text, sizeof text, "%lld", (long long)x->value);
		} else {
			text[0] = 0;
		}
		csv_field(f, text, i + 1 == n);
	}
}

static HandlerResult overview_csv(Req *r, const Col *cols, size_t n, const TotalAnswer *a)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/ishc-totals-XXXXXX", server_config()->tmpdir);
	int fd = mkstemp(path);
	if (fd < 0)
		return H_FATAL;
	unlink(path);
	FILE *f = fdopen(dup(fd), "w");
	if (!f) {
		close(fd);
		return H_FATAL;
	}
	csv_begin(f);
	csv_field(f, tr(r, "mã", "code"), 0);
	csv_field(f, tr(r, "tên", "name"), 0);
	for (size_t i = 0; i < n; i++) {
		char h[400];
		snprintf(h, sizeof h, "%s%s", cols[i].label, cols[i].rate ? " (%)" : "");
		csv_field(f, h, i + 1 == n);
	}
	for (size_t i = 0; i < a->nrows; i++)
		overview_csv_row(r, f, cols, n, &a->rows[i]);
	csv_field(f, a->unit_code, 0);
	{
		char name[240];
		snprintf(name, sizeof name, "%s %s", tr(r, "Tổng", "Total"),
			 a->unit_name[0] ? a->unit_name : tr(r, "toàn quốc", "whole country"));
		csv_field(f, name, 0);
	}
	for (size_t i = 0; i < n; i++) {
		const TotalCell *x = &a->total.cells[i];
		char text[64] = "";
		if (cols[i].rate && x->has && x->den) {
			char d[VI_NUM_BUFSZ];
			snprintf(text, sizeof text, "%s", vi_format_decimal((x->num * 1000 + x->den / 2) / x->den, 1, d));
		} else if (!cols[i].rate && x->has) {
			snprintf(text, sizeof text, "%lld", (long long)x->value);
		}
		csv_field(f, text, i + 1 == n);
	}
	if (fclose(f) != 0) {
		close(fd);
		return resp_error(r, E_DISK_FULL, NULL, NULL);
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return H_FATAL;
	}
	return resp_file(r, fd, (uint64_t)st.st_size, "text/csv; charset=utf-8", "tong-hop.csv");
}

/* The rows of a table of totals: each row's name (a link to its own page when it is a unit or a
 * club), then its cells. */
/* 1 when no cell of the row holds a figure (no value, a zero count, a rate over nothing). */
static int row_empty(const TotalRow *row, const Col *cols, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const TotalCell *x = &row->cells[k];
		if (cols[k].rate ? x->has && x->den : x->has && (x->value || x->clubs))
			return 0;
	}
	return 1;
}

/* The rows (those with a figure, unless v->all_rows) and the total; returns how many were left
 * out. */
static size_t total_rows(Req *r, Buf *b, const View *v, const char *path, const Col *cols, size_t n,
			 const TotalAnswer *a, const char *first_label)
{
	size_t hidden = 0;
	for (size_t i = 0; i < a->nrows; i++) {
		const TotalRow *row = &a->rows[i];
		if (!v->all_rows && !row->period[0] && row_empty(row, cols, n)) {
			hidden++;
			continue;
		}
		char name[220];
		row_name(r, row, name, sizeof name);
		html(b, "<tr>");
		page_td(b, first_label, "unit");
		if (!row->period[0] && row->code[0] && strcmp(row->level, "rest") != 0) {
			link_to(b, path, v, row->code, strcmp(path, "/reports/overview") == 0, name);
			html(b, "<span class=\"code\">");
			html_txt(b, row->code);
			html(b, "</span>");
		} else {
			html_txt(b, name);
		}
		html(b, "</td>");
		for (size_t k = 0; k < n; k++)
			cell_write(r, b, &cols[k], &row->cells[k]);
		html(b, "</tr>");
	}
	html(b, "<tr class=\"total\">");
	page_td(b, first_label, NULL);
	html(b, "<strong>");
	html_txt(b, tr(r, "Tổng", "Total"));
	html(b, "</strong></td>");
	for (size_t k = 0; k < n; k++)
		cell_write(r, b, &cols[k], &a->total.cells[k]);
	html(b, "</tr>");
	return hidden;
}

/* Under a table: how many rows without figures were left out, with a link to show them (or to
 * hide them again). */
static void hidden_note(Req *r, Buf *b, const View *v, const char *path, size_t hidden, int with_codes)
{
	if (!hidden && !v->all_rows)
		return;
	Buf u;
	buf_init(&u, 256);
	view_href(&u, path, v, v->unit, with_codes);
	if (!v->all_rows)
		buf_printf(&u, "&all_rows=1");
	html(b, "<p class=\"note\">");
	if (hidden)
		html_trf(r, b, "%zu đơn vị không có số liệu nào được ẩn. ", "%zu units without any figure are hidden. ",
			 hidden);
	html(b, "<a href=\"");
	html_attr(b, buf_str(&u));
	html(b, "\">");
	html_txt(b, v->all_rows ? tr(r, "Ẩn các đơn vị không có số liệu", "Hide the units without figures")
				: tr(r, "Hiện tất cả", "Show them all"));
	html(b, "</a></p>");
	buf_free(&u);
}

/* "tháng 03/2026" or "từ tháng 01/2026 đến tháng 03/2026". */
static void range_words(Req *r, const View *v, char *out, size_t n)
{
	char a[32], b[32];
	period_words(r, v->from, a, sizeof a);
	period_words(r, v->to, b, sizeof b);
	if (strcmp(v->from, v->to) == 0)
		snprintf(out, n, "%s %s", tr(r, "tháng", "month"), a);
	else
		snprintf(out, n, "%s %s %s %s", tr(r, "từ tháng", "from"), a, tr(r, "đến tháng", "to"), b);
}

HandlerResult web_totals_overview(Req *r)
{
	View v;
	view_read(r, &v, 1);
	view_codes(r, &v, "indicators");
	if (!v.ncodes) {
		v.ncodes = NCHOICES(overview_default);
		memcpy(v.codes, overview_default, sizeof overview_default);
	}
	Col *cols = arena_alloc(&r->arena, v.ncodes * sizeof *cols);
	for (size_t i = 0; i < v.ncodes && !v.e.code; i++) {
		int have = col_find(r, v.codes[i], &cols[i]);
		if (have < 0)
			return H_FATAL;
		if (!have)
			err_setf(&v.e, E_INVALID, "indicators", "%s", v.codes[i]);
	}
	const char *unit = v.unit[0] ? v.unit : r->actor.scope;
	TotalQuery q = view_query(&v);
	q.unit = unit;
	q.by_child = !is_club_code(unit);
	q.step = TOTAL_MONTH;
	TotalAnswer a;
	int have = 0;
	if (!v.e.code) {
		int s = run(r, &v, &q, &a);
		if (s < 0)
			return H_FATAL;
		have = s == 0;
	}
	const char *format = req_query(r, "format");
	if (have && format && strcmp(format, "csv") == 0) {
		HandlerResult h = overview_csv(r, cols, v.ncodes, &a);
		total_free(&a);
		return h;
	}

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Tổng hợp số liệu báo cáo", "Report totals"));
	views_nav(r, &b, &v, v.unit, "/reports/overview");
	html(&b, "<form method=\"get\" action=\"/reports/overview\" class=\"filters\">");
	Form f = {.r = r, .b = &b, .e = v.e.code ? &v.e : NULL, .message = totals_message};
	filter_summary(r, &b, f.e);
	html(&b, "<div class=\"row\">");
	form_unit_field(&f, &v);
	form_month(&f, "from", tr(r, "Từ tháng", "From month"), v.from_in, v.from);
	form_month(&f, "to", tr(r, "Đến tháng", "To month"), v.to_in, v.to);
	form_select(&f, "geography", tr(r, "Địa giới", "Geography"), geo_choices, NCHOICES(geo_choices), v.geo, 0);
	form_select(&f, "status", tr(r, "Báo cáo được tính", "Reports counted"), status_choices,
		    NCHOICES(status_choices), v.status, 0);
	html(&b, "</div>");
	if (indicator_picker(r, &b, &v) < 0) {
		buf_free(&b);
		if (have)
			total_free(&a);
		return H_FATAL;
	}
	form_button(&b, "primary", tr(r, "Xem", "Show"));
	html(&b, "</form>");

	if (have) {
		answer_head(r, &b, &v, &a, "/reports/overview");
		char range[96], caption[400];
		range_words(r, &v, range, sizeof range);
		const char *rows_are = !q.by_child                         ? tr(r, "theo tháng", "by month")
				       : strcmp(a.unit_level, "commune") == 0 ? tr(r, "theo CLB", "by club")
				       : strcmp(a.unit_level, "country") == 0 ? tr(r, "theo tỉnh, thành phố", "by province")
									       : tr(r, "theo đơn vị trực thuộc", "by sub-unit");
		snprintf(caption, sizeof caption, "%s %s, %s", tr(r, "Tổng hợp", "Totals"), rows_are, range);
		table_begin(&b, caption);
		html(&b, "<th scope=\"col\">");
		html_txt(&b, q.by_child ? tr(r, "Đơn vị", "Unit") : tr(r, "Tháng", "Month"));
		html(&b, "</th>");
		for (size_t k = 0; k < v.ncodes; k++)
			col_heading(r, &b, &cols[k]);
		html(&b, "</tr></thead><tbody>");
		size_t hidden = total_rows(r, &b, &v, "/reports/overview", cols, v.ncodes, &a,
					   q.by_child ? tr(r, "Đơn vị", "Unit") : tr(r, "Tháng", "Month"));
		html(&b, "</tbody></table></div>");
		hidden_note(r, &b, &v, "/reports/overview", hidden, 1);
		if (!a.nrows) {
			html(&b, "<p class=\"muted\">");
			html_txt(&b, tr(r, "Không có đơn vị trực thuộc nào có câu lạc bộ.", "No sub-unit holds a club."));
			html(&b, "</p>");
		}
		html(&b, "<p class=\"note\">");
		html_txt(&b, tr(r, "Tỷ lệ được tính từ tổng số (tử số/mẫu số), không phải trung bình của các tỷ lệ. "
				   "Số liệu cập nhật ngay khi báo cáo được lưu.",
				"Rates are computed from the totals (numerator/denominator), never averaged. "
				"Figures change the moment a report is saved."));
		html(&b, "</p><ul class=\"actions\"><li>");
		Buf u;
		buf_init(&u, 256);
		view_href(&u, "/reports/overview", &v, v.unit, 1);
		buf_printf(&u, "&format=csv");
		html(&b, "<a class=\"button\" href=\"");
		html_attr(&b, buf_str(&u));
		html(&b, "\">");
		html_txt(&b, tr(r, "Tải bảng về (CSV cho Excel)", "Download the table (CSV for Excel)"));
		html(&b, "</a></li></ul>");
		buf_free(&u);
		total_free(&a);
	}
	page_end(r, &b);
	return resp_html(r, view_status(&v), &b);
}

/* ---- the trend ---- */

static void fmt_count(double v, char out[32])
{
	char d[VI_NUM_BUFSZ];
	snprintf(out, 32, "%s", vi_format_int((int64_t)(v + 0.5), d));
}

static void fmt_percent(double v, char out[32])
{
	char d[VI_NUM_BUFSZ];
	snprintf(out, 32, "%s%%", vi_format_decimal((int64_t)(v * 10 + 0.5), 1, d));
}

static void fmt_million(double v, char out[32])
{
	char d[VI_NUM_BUFSZ];
	if (v >= 1e6)
		snprintf(out, 32, "%s tr đ", vi_format_decimal((int64_t)(v / 1e5 + 0.5), 1, d));
	else
		snprintf(out, 32, "%s đ", vi_format_int((int64_t)(v + 0.5), d));
}

typedef struct Opt {
	Req *r;
	Buf *b;
	const char *selected;
} Opt;

static void opt_indicator(const Indicator *in, void *arg)
{
	Opt *o = arg;
	form_option(o->b, in->code, tr(o->r, in->label_vi, in->label_en), o->selected);
}

HandlerResult web_totals_trend(Req *r)
{
	View v;
	view_read(r, &v, 12);
	const char *code = req_query(r, "indicator");
	if (!code || !*code)
		code = "MEM_TOTAL";
	v.codes[0] = code;
	v.ncodes = 1;
	Col col;
	int known = col_find(r, code, &col);
	if (known < 0)
		return H_FATAL;
	if (!known && !v.e.code)
		err_set(&v.e, E_INVALID, "indicator");
	const char *unit = v.unit[0] ? v.unit : r->actor.scope;
	TotalQuery q = view_query(&v);
	q.unit = unit;
	q.by_child = 0;
	TotalAnswer a;
	int have = 0;
	if (!v.e.code) {
		int s = run(r, &v, &q, &a);
		if (s < 0)
			return H_FATAL;
		have = s == 0;
		if (v.e.code && form_bad(&v.e, "indicators"))
			v.e.field = "indicator";
	}

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Diễn biến một chỉ tiêu theo thời gian", "One indicator over time"));
	views_nav(r, &b, &v, v.unit, "/reports/trend");
	html(&b, "<form method=\"get\" action=\"/reports/trend\" class=\"filters\">");
	Form f = {.r = r, .b = &b, .e = v.e.code ? &v.e : NULL, .message = totals_message};
	filter_summary(r, &b, f.e);
	html(&b, "<div class=\"row\">");
	form_unit_field(&f, &v);
	form_select_begin(&f, "indicator", tr(r, "Chỉ tiêu", "Indicator"), 0);
	html(&b, "<optgroup label=\"");
	html_attr(&b, tr(r, "Tỷ lệ", "Rates"));
	html(&b, "\">");
	for (size_t i = 0; i < total_rate_count; i++)
		form_option(&b, total_rates[i].code, tr(r, total_rates[i].vi, total_rates[i].en), code);
	html(&b, "</optgroup><optgroup label=\"");
	html_attr(&b, tr(r, "Chỉ tiêu", "Indicators"));
	html(&b, "\">");
	Opt o = {r, &b, code};
	if (indicator_list(r->db, 0, opt_indicator, &o) < 0) {
		buf_free(&b);
		if (have)
			total_free(&a);
		return H_FATAL;
	}
	html(&b, "</optgroup><optgroup label=\"");
	html_attr(&b, tr(r, "Báo cáo", "Reports"));
	html(&b, "\">");
	for (size_t i = 0; i < NCHOICES(count_codes); i++) {
		Col cc;
		if (col_find(r, count_codes[i], &cc) == 1)
			form_option(&b, count_codes[i], cc.label, code);
	}
	html(&b, "</optgroup>");
	form_select_end(&f, "indicator");
	form_month(&f, "from", tr(r, "Từ tháng", "From month"), v.from_in, v.from);
	form_month(&f, "to", tr(r, "Đến tháng", "To month"), v.to_in, v.to);
	form_select(&f, "step", tr(r, "Gộp theo", "Step"), step_choices, NCHOICES(step_choices), v.step, 0);
	form_select(&f, "geography", tr(r, "Địa giới", "Geography"), geo_choices, NCHOICES(geo_choices), v.geo, 0);
	form_select(&f, "status", tr(r, "Báo cáo được tính", "Reports counted"), status_choices,
		    NCHOICES(status_choices), v.status, 0);
	html(&b, "</div>");
	form_button(&b, "primary", tr(r, "Xem", "Show"));
	html(&b, "</form>");

	if (have) {
		answer_head(r, &b, &v, &a, "/reports/trend");
		char range[96], title[500];
		range_words(r, &v, range, sizeof range);
		snprintf(title, sizeof title, "%s, %s", col.label, range);
		html(&b, "<h3>");
		html_txt(&b, title);
		html(&b, "</h3>");
		if (col.over_time[0] && strcmp(v.step, "month") != 0) {
			html(&b, "<p class=\"note\">");
			html_txt(&b, strcmp(col.over_time, "last") == 0
					     ? tr(r, "Mỗi quý/năm lấy số của tháng cuối cùng có trong kỳ.",
						  "Each quarter or year shows its last month's figure.")
					     : tr(r, "Mỗi quý/năm cộng các tháng trong kỳ.", "Each quarter or year adds its months."));
			html(&b, "</p>");
		}

		/* The chart: one bar a step; its description says the figures in words. */
		ChartPoint *pts = arena_alloc(&r->arena, (a.nrows ? a.nrows : 1) * sizeof *pts);
		Buf desc;
		buf_init(&desc, 1024);
		for (size_t i = 0; i < a.nrows; i++) {
			const TotalCell *x = &a.rows[i].cells[0];
			char *label = arena_alloc(&r->arena, 32), *text = arena_alloc(&r->arena, 64);
			if (strcmp(v.step, "month") == 0)
				snprintf(label, 32, "%.2s/%.2s", a.rows[i].period + 5, a.rows[i].period + 2);
			else
				period_words(r, a.rows[i].period, label, 32);
			cell_text(r, &col, x, text);
			pts[i].label = label;
			pts[i].text = text;
			pts[i].has = col.rate ? x->has && x->den : x->has;
			pts[i].value = col.rate ? (pts[i].has ? 100.0 * (double)x->num / (double)x->den : 0)
						: (double)x->value;
			char pw[40];
			period_words(r, a.rows[i].period, pw, sizeof pw);
			buf_printf(&desc, "%s%s: %s", i ? "; " : "", pw, text);
		}
		char target[128] = "";
		target_words(r, &col, target, sizeof target);
		Chart c = {.id = "trend", .title = title, .desc = buf_str(&desc), .points = pts, .n = a.nrows,
			   .format = col.rate ? fmt_percent : strcmp(col.kind, "money") == 0 ? fmt_million : fmt_count,
			   .has_target = col.rate && (col.rate->target_low >= 0 || col.rate->target_high >= 0),
			   .target = !col.rate ? 0 : col.rate->target_low >= 0 ? col.rate->target_low / 10.0
									 : col.rate->target_high / 10.0,
			   .target_text = target,
			   .empty_text = "—"};
		html(&b, "<figure class=\"chart\">");
		chart_bars_svg(&b, &c);
		if (target[0]) {
			html(&b, "<figcaption>");
			html_txt(&b, target);
			html_txt(&b, tr(r, " (đường đỏ nét đứt)", " (dashed red line)"));
			html(&b, "</figcaption>");
		}
		html(&b, "</figure>");
		buf_free(&desc);

		table_begin(&b, tr(r, "Số liệu theo kỳ", "Figures by period"));
		page_th(&b, tr(r, "Kỳ", "Period"));
		col_heading(r, &b, &col);
		if (!col.rate) {
			html(&b, "<th scope=\"col\" class=\"num\">");
			html_txt(&b, tr(r, "Số CLB có số liệu", "Clubs with a figure"));
			html(&b, "</th>");
		}
		html(&b, "</tr></thead><tbody>");
		for (size_t i = 0; i < a.nrows + 1; i++) {
			const TotalRow *row = i < a.nrows ? &a.rows[i] : &a.total;
			char name[64];
			if (i < a.nrows)
				period_words(r, row->period, name, sizeof name);
			else
				snprintf(name, sizeof name, "%s", tr(r, "Cả khoảng thời gian", "The whole range"));
			if (i < a.nrows)
				html(&b, "<tr>");
			else
				html(&b, "<tr class=\"total\">");
			page_cell(&b, tr(r, "Kỳ", "Period"), NULL, name);
			cell_write(r, &b, &col, &row->cells[0]);
			if (!col.rate) {
				char d[VI_NUM_BUFSZ];
				page_cell(&b, tr(r, "Số CLB có số liệu", "Clubs with a figure"), "num",
					  vi_format_int(row->cells[0].clubs, d));
			}
			html(&b, "</tr>");
		}
		html(&b, "</tbody></table></div>");
		total_free(&a);
	}
	page_end(r, &b);
	return resp_html(r, view_status(&v), &b);
}

/* ---- the reporting rate ---- */

/* The columns of the reporting-rate table (core/total.h): clubs expected, reports begun (drafts
 * too: the query's class is ALL), submitted, on time, approved, and the three rates. */
static const char *const rate_codes[] = {"_EXPECTED", "_REPORTS", "_SUBMITTED", "_ONTIME", "_APPROVED",
					 "R_REPORTED", "R_ONTIME", "R_APPROVED"};

HandlerResult web_totals_rate(Req *r)
{
	View v;
	view_read(r, &v, 1);
	/* One month: ?period= (or ?to=). */
	snprintf(v.from, sizeof v.from, "%s", v.to);
	if (v.e.code && v.e.field && strcmp(v.e.field, "from") == 0)
		v.e.code = E_NONE;
	v.ncodes = NCHOICES(rate_codes);
	memcpy(v.codes, rate_codes, sizeof rate_codes);
	Col cols[NCHOICES(rate_codes)];
	for (size_t i = 0; i < v.ncodes; i++)
		if (col_find(r, v.codes[i], &cols[i]) != 1)
			return H_FATAL;
	cols[1].label = tr(r, "Đã lập (kể cả nháp)", "Begun (drafts too)");
	const char *unit = v.unit[0] ? v.unit : r->actor.scope;
	TotalQuery q = view_query(&v);
	q.unit = unit;
	q.by_child = !is_club_code(unit);
	q.step = TOTAL_MONTH;
	q.cls = TOTAL_ALL;
	TotalAnswer a;
	int have = 0;
	if (!v.e.code) {
		int s = run(r, &v, &q, &a);
		if (s < 0)
			return H_FATAL;
		have = s == 0;
		if (v.e.code && strcmp(v.e.field, "from") == 0)
			v.e.field = "period";
	}

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Tỷ lệ báo cáo", "Reporting rate"));
	views_nav(r, &b, &v, v.unit, "/reports/rate");
	html(&b, "<form method=\"get\" action=\"/reports/rate\" class=\"filters\">");
	Form f = {.r = r, .b = &b, .e = v.e.code ? &v.e : NULL, .message = totals_message};
	filter_summary(r, &b, f.e);
	html(&b, "<div class=\"row\">");
	form_unit_field(&f, &v);
	const char *typed = req_query(r, "period") ? req_query(r, "period") : v.to_in;
	form_month(&f, "period", tr(r, "Tháng báo cáo", "Report month"), typed, v.to);
	form_select(&f, "geography", tr(r, "Địa giới", "Geography"), geo_choices, NCHOICES(geo_choices), v.geo, 0);
	html(&b, "</div>");
	form_button(&b, "primary", tr(r, "Xem", "Show"));
	html(&b, "</form>");

	if (have) {
		answer_head(r, &b, &v, &a, "/reports/rate");
		char range[96], caption[300], due[11], dd[VI_DATE_BUFSZ];
		range_words(r, &v, range, sizeof range);
		snprintf(caption, sizeof caption, "%s, %s", tr(r, "Tình hình báo cáo", "Reports received"), range);
		table_begin(&b, caption);
		const char *first = q.by_child ? tr(r, "Đơn vị", "Unit") : tr(r, "Tháng", "Month");
		page_th(&b, first);
		for (size_t k = 0; k < v.ncodes; k++)
			col_heading(r, &b, &cols[k]);
		html(&b, "</tr></thead><tbody>");
		size_t hidden = total_rows(r, &b, &v, "/reports/rate", cols, v.ncodes, &a, first);
		html(&b, "</tbody></table></div>");
		hidden_note(r, &b, &v, "/reports/rate", hidden, 0);
		html(&b, "<p class=\"note\">");
		report_due_date(r->db, v.to, due);
		html_trf(r, &b,
			 "Hạn nộp báo cáo tháng này: %s. Tỷ lệ báo cáo = số báo cáo đã gửi (kể cả đã duyệt) ÷ số CLB "
			 "phải báo cáo (CLB đã thành lập hoặc đang hoạt động cuối tháng); đúng hạn = gửi lần đầu "
			 "không muộn hơn hạn nộp.",
			 "This month's reports are due on %s. Reporting rate = reports submitted (or approved) ÷ clubs "
			 "expected (founded or active at the month's end); on time = first submitted by the due date.",
			 vi_format_date(due, dd) ? dd : due);
		html(&b, "</p>");
		total_free(&a);
	}
	page_end(r, &b);
	return resp_html(r, view_status(&v), &b);
}
