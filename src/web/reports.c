/* The pages of the monthly report (issue 5): a club's months, the entry form of one month with
 * the workflow (submit, approve, return, reopen), the list of a unit's clubs with their status
 * for a month (the officer's inbox) and the commune grid that enters one month for all its clubs.
 * Every check is core's (core/report.h); a failed one shows the page again with what was typed
 * and each message under its field. The forms work without JavaScript; app.js only checks the
 * "<= CODE" rules as values are typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/club.h"
#include "core/report.h"
#include "core/scope.h"
#include "core/unit.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

static int is_en(const Req *r)
{
	return strcmp(r->lang, "en") == 0;
}

/* ---- words ---- */

static const char *status_word(Req *r, const char *status)
{
	if (!status || !*status)
		return tr(r, "Chưa có báo cáo", "Not begun");
	if (strcmp(status, "draft") == 0)
		return tr(r, "Nháp", "Draft");
	if (strcmp(status, "submitted") == 0)
		return tr(r, "Đã nộp", "Submitted");
	if (strcmp(status, "approved") == 0)
		return tr(r, "Đã duyệt", "Approved");
	if (strcmp(status, "returned") == 0)
		return tr(r, "Bị trả lại", "Returned");
	return status;
}

/* <span class="status s-STATUS">word</span>: the word always, the colour only helps. */
static void status_badge(Req *r, Buf *b, const char *status)
{
	html(b, "<span class=\"status s-");
	html_attr(b, status && *status ? status : "none");
	html(b, "\">");
	html_txt(b, status_word(r, status));
	html(b, "</span>");
}

static const char *level_word(Req *r, const char *level)
{
	if (!level || !*level)
		return "";
	if (strcmp(level, "commune") == 0)
		return tr(r, "cấp xã", "commune level");
	if (strcmp(level, "province") == 0)
		return tr(r, "cấp tỉnh", "province level");
	if (strcmp(level, "central") == 0)
		return tr(r, "Trung ương", "central level");
	if (strcmp(level, "admin") == 0)
		return tr(r, "quản trị viên", "administrator");
	return level;
}

/* "01/2026" for "2026-01" (the period is checked by core before anything is shown). */
static const char *month_words(Req *r, const char *period)
{
	if (!period || strlen(period) != REPORT_PERIOD_LEN)
		return period ? period : "";
	return arena_printf(&r->arena, "%.2s/%.4s", period + 5, period);
}

/* 1 when s looks like "YYYY-MM" (core checks that it is a real month). */
static int period_shape(const char *s)
{
	if (!s || strlen(s) != REPORT_PERIOD_LEN || s[4] != '-')
		return 0;
	for (int i = 0; i < REPORT_PERIOD_LEN; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* The month delta months from period, into out ("YYYY-MM"). */
static void month_add(const char *period, int delta, char out[REPORT_PERIOD_LEN + 1])
{
	int y = (int)strtol(period, NULL, 10), m = (int)strtol(period + 5, NULL, 10);
	if (y < 1 || y > 9998 || m < 1 || m > 12) {
		snprintf(out, REPORT_PERIOD_LEN + 1, "%s", "2000-01");
		return;
	}
	unsigned n = (unsigned)(y * 12 + (m - 1) + delta);
	snprintf(out, REPORT_PERIOD_LEN + 1, "%04u-%02u", (n / 12) % 10000u, n % 12u + 1u);
}

static void this_month(char out[REPORT_PERIOD_LEN + 1])
{
	char today[11];
	unit_today(today);
	snprintf(out, REPORT_PERIOD_LEN + 1, "%.7s", today);
}

/* A month typed in a picker: "YYYY-MM", or "MM/YYYY" / "M/YYYY" as people write it. NULL when
 * neither. */
static const char *picked_month(Req *r, const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ')
		s++;
	if (period_shape(s))
		return s;
	char *end;
	long m = strtol(s, &end, 10);
	if (end == s || (*end != '/' && *end != '-' && *end != '.'))
		return NULL;
	const char *ys = end + 1;
	long y = strtol(ys, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || end - ys != 4 || m < 1 || m > 12)
		return NULL;
	return arena_printf(&r->arena, "%04ld-%02ld", y, m);
}


static void timeliness(Req *r, Buf *b, int t)
{
	if (t < 0)
		html(b, "—");
	else if (t)
		html_txt(b, tr(r, "Đúng hạn", "On time"));
	else
		html_txt(b, tr(r, "Trễ hạn", "Late"));
}

static const char *label_of(Req *r, const Indicator *x)
{
	return is_en(r) && x->label_en[0] ? x->label_en : x->label_vi;
}

/* The definition in the request's language, or the other one marked with its language. */
static void definition(Req *r, Buf *b, const Indicator *x)
{
	const char *mine = is_en(r) ? x->definition_en : x->definition_vi;
	const char *other = is_en(r) ? x->definition_vi : x->definition_en;
	if (*mine) {
		html_txt(b, mine);
	} else if (*other) {
		html(b, "<span lang=\"");
		html_txt(b, is_en(r) ? "vi" : "en");
		html(b, "\">");
		html_txt(b, other);
		html(b, "</span> ");
		html_txt(b, tr(r, "(tiếng Anh)", "(in Vietnamese)"));
	}
}

/* A value as it is shown and typed: digits grouped with dots (money and counts), "" for none. */
static const char *value_text(Req *r, const ReportItem *it)
{
	if (!it->has_value)
		return "";
	char num[VI_NUM_BUFSZ];
	return arena_strdup(&r->arena, vi_format_int(it->value, num));
}

/* A value as it is read: money with its đ, yes/no in words. */
static void value_shown(Req *r, Buf *b, const ReportItem *it)
{
	char num[VI_NUM_BUFSZ];
	if (!it->has_value)
		html(b, "—");
	else if (strcmp(it->ind.kind, "money") == 0)
		html_txt(b, vi_format_money(it->value, num));
	else if (strcmp(it->ind.kind, "yesno") == 0)
		html_txt(b, it->value ? tr(r, "Có", "Yes") : tr(r, "Không", "No"));
	else
		html_txt(b, vi_format_int(it->value, num));
}

/* The club of a page in the actor's scope, or an answer already given (404 when outside). */
static int load_club(Req *r, int64_t id, Club *c, HandlerResult *h)
{
	int have = id ? club_get(r->db, &r->actor, id, c) : 0;
	if (have < 0) {
		*h = H_FATAL;
		return -1;
	}
	if (!have) {
		*h = resp_error(r, E_NOT_FOUND, NULL, NULL);
		return -1;
	}
	return 0;
}

static void club_line(Req *r, Buf *b, const Club *c)
{
	html(b, "<p class=\"sub\"><a href=\"/clubs/");
	html_int(b, c->id);
	html(b, "\">");
	html_txt(b, c->name);
	html(b, "</a> · ");
	html_txt(b, c->code);
	html(b, " · ");
	html_txt(b, c->unit_name);
	if (c->province_name[0]) {
		html(b, ", ");
		html_txt(b, c->province_name);
	}
	(void)r;
	html(b, "</p>");
}

/* Roles that see a commune's inbox and its grid. */
static int is_officer(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_CENTRAL || a->role == ROLE_PROVINCE || a->role == ROLE_COMMUNE;
}

static int may_grid(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_PROVINCE || a->role == ROLE_COMMUNE;
}

/* ---- a club's months ---- */

static void month_row(const ReportStatusRow *row, void *arg)
{
	PageCtx *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	char due[11];
	report_due_date(r->db, row->period, due);
	html(b, "<tr>");
	page_td(b, tr(r, "Tháng", "Month"), NULL);
	html(b, "<a href=\"/clubs/");
	html_int(b, row->club_id);
	html(b, "/reports/");
	html_attr(b, row->period);
	html(b, "\">");
	html_txt(b, month_words(r, row->period));
	html(b, "</a></td>");
	page_td(b, tr(r, "Trạng thái", "Status"), NULL);
	status_badge(r, b, row->status);
	html(b, "</td>");
	page_td(b, tr(r, "Hạn nộp", "Due"), "nowrap");
	page_date(b, due, "—");
	html(b, "</td>");
	page_td(b, tr(r, "Nộp lần đầu", "First submitted"), "nowrap");
	page_date(b, row->first_submitted_at, "—");
	html(b, "</td>");
	page_td(b, tr(r, "Đúng hạn", "On time"), NULL);
	timeliness(r, b, row->first_submitted_at[0] ? row->on_time != 0 : -1);
	html(b, "</td></tr>");
}

/* The month picker: a GET form to path?period=, which answers with the month's page. */
static void month_picker(Req *r, Buf *b, const char *path, const char *value, const char *label)
{
	html(b, "<form method=\"get\" class=\"inline\" action=\"");
	html_attr(b, path);
	html(b, "\"><div class=\"field\"><label for=\"f-period\">");
	html_txt(b, label);
	html(b, "</label><input id=\"f-period\" name=\"period\" type=\"text\" inputmode=\"numeric\" "
		"placeholder=\"mm/yyyy\" autocomplete=\"off\" maxlength=\"7\" required value=\"");
	html_attr(b, value);
	html(b, "\"></div><div class=\"field\"><button type=\"submit\">");
	html_txt(b, tr(r, "Mở", "Open"));
	html(b, "</button></div></form>");
}

HandlerResult web_club_reports(Req *r)
{
	Club c;
	HandlerResult h;
	if (load_club(r, req_param_id(r, "id"), &c, &h))
		return h;
	const char *asked = req_query(r, "period");
	Err bad = {0};
	if (asked) {
		const char *p = picked_month(r, asked);
		if (p)
			return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/reports/%s", (long long)c.id, p));
		err_setf(&bad, E_PERIOD, "period", "%s",
			 tr(r, "Viết tháng dạng tháng/năm, ví dụ 01/2026.", "Write the month as mm/yyyy, e.g. 01/2026."));
	}
	char now[REPORT_PERIOD_LEN + 1], last[REPORT_PERIOD_LEN + 1];
	this_month(now);
	month_add(now, -1, last);

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Báo cáo tháng", "Monthly reports"));
	club_line(r, &b, &c);
	html(&b, "<ul class=\"actions\">");
	page_action(&b, arena_printf(&r->arena, "/clubs/%lld/reports/%s", (long long)c.id, last),
		    arena_printf(&r->arena, is_en(r) ? "Report of last month (%s)" : "Báo cáo tháng trước (%s)",
				 month_words(r, last)));
	page_action(&b, arena_printf(&r->arena, "/clubs/%lld/reports/%s", (long long)c.id, now),
		    arena_printf(&r->arena, is_en(r) ? "This month (%s)" : "Tháng này (%s)", month_words(r, now)));
	if (is_officer(&r->actor))
		page_action(&b, arena_printf(&r->arena, "/units/%s/reports/%s", c.unit_code, last),
			    tr(r, "Các CLB cùng xã", "Clubs of the commune"));
	html(&b, "</ul>");
	if (bad.code) {
		html(&b, "<div class=\"error\" role=\"alert\"><p>");
		html_txt(&b, bad.detail);
		html(&b, "</p></div>");
	}
	month_picker(r, &b, arena_printf(&r->arena, "/clubs/%lld/reports", (long long)c.id), asked ? asked : "",
		     tr(r, "Mở báo cáo tháng khác (tháng/năm)", "Open another month (mm/yyyy)"));
	html(&b, "<p>");
	html_trf(r, &b, "Hạn nộp: ngày %d của tháng sau.", "Due on day %d of the next month.",
		 settings_report_due_day(r->db));
	html(&b, "</p>");

	size_t mark = b.len;
	page_table_begin(&b, tr(r, "Các tháng đã có báo cáo", "Months with a report"));
	page_th(&b, tr(r, "Tháng", "Month"));
	page_th(&b, tr(r, "Trạng thái", "Status"));
	page_th(&b, tr(r, "Hạn nộp", "Due"));
	page_th(&b, tr(r, "Nộp lần đầu", "First submitted"));
	page_th(&b, tr(r, "Đúng hạn", "On time"));
	html(&b, "</tr></thead><tbody>");
	PageCtx ctx = {r, &b};
	Err e = {0};
	int n = report_list_club(r->db, &r->actor, c.id, month_row, &ctx, &e);
	if (n < 0) {
		buf_free(&b);
		return resp_err(r, &e);
	}
	html(&b, "</tbody></table></div>");
	if (n == 0) {
		b.len = mark;
		html(&b, "<p>");
		html_txt(&b, tr(r, "Chưa có báo cáo tháng nào.", "No monthly report yet."));
		html(&b, "</p>");
	}
	page_end(r, &b);
	return resp_html(r, bad.code ? 422 : 200, &b);
}

/* ---- one month ---- */

/* What went wrong with the last post of the page, to show it again. */
typedef struct EntryState {
	const char *form;               /* "values", "approve", "return", "reopen" */
	const Err *e;
	const ReportProblems *p;        /* problems of a failed save or submit */
} EntryState;

static const ReportProblem *problem_of(const ReportProblems *p, const char *code, int warning, size_t from)
{
	for (size_t i = from; p && i < p->count; i++)
		if (strcmp(p->items[i].code, code) == 0 && (warning < 0 || p->items[i].warning == warning))
			return &p->items[i];
	return NULL;
}

static const char *problem_text(Req *r, const ReportProblem *x)
{
	return is_en(r) ? x->en : x->vi;
}

/* The messages of one field: errors in <p class="msg">, warnings in a box with the checkbox that
 * confirms them on the next post. */
static void field_problems(Req *r, Buf *b, const ReportProblems *p, const char *code, const char *confirm_name,
			   int confirmed)
{
	int errors = 0, warnings = 0;
	for (size_t i = 0; p && i < p->count; i++) {
		if (strcmp(p->items[i].code, code) != 0)
			continue;
		if (p->items[i].warning)
			warnings++;
		else
			errors++;
	}
	if (errors) {
		html(b, "<div class=\"msg\" id=\"e-");
		html_attr(b, code);
		html(b, "\">");
		for (size_t i = 0; i < p->count; i++) {
			if (strcmp(p->items[i].code, code) != 0 || p->items[i].warning)
				continue;
			html(b, "<p>");
			html_txt(b, problem_text(r, &p->items[i]));
			html(b, "</p>");
		}
		html(b, "</div>");
	}
	if (warnings) {
		html(b, "<div class=\"warn\" id=\"w-");
		html_attr(b, code);
		html(b, "\">");
		for (size_t i = 0; i < p->count; i++) {
			if (strcmp(p->items[i].code, code) != 0 || !p->items[i].warning)
				continue;
			html(b, "<p>");
			html_txt(b, problem_text(r, &p->items[i]));
			html(b, "</p>");
		}
		html(b, "<div class=\"field check\"><input type=\"checkbox\" value=\"1\" id=\"c-");
		html_attr(b, confirm_name);
		html(b, "\" name=\"");
		html_attr(b, confirm_name);
		html(b, "\"");
		if (confirmed)
			html(b, " checked");
		html(b, "><label for=\"c-");
		html_attr(b, confirm_name);
		html(b, "\">");
		html_txt(b, tr(r, "Tôi đã kiểm tra, số liệu đúng", "I have checked: the figure is right"));
		html(b, "</label></div></div>");
	}
}

/* The data attributes app.js reads to check a "<= CODE" or ">= CODE" rule while typing. */
static void rule_attrs(Req *r, Buf *b, const Indicator *x)
{
	html(b, " data-code=\"");
	html_attr(b, x->code);
	html(b, "\" data-label=\"");
	html_attr(b, label_of(r, x));
	html(b, "\"");
	int le = strncmp(x->check, "<=", 2) == 0, ge = strncmp(x->check, ">=", 2) == 0;
	if (!le && !ge)
		return;
	const char *code = x->check + 2;
	while (*code == ' ')
		code++;
	if (le)
		html(b, " data-le=\"");
	else
		html(b, " data-ge=\"");
	html_attr(b, code);
	html(b, "\"");
}

/* One typed field of the entry form. typed: what to show in it. */
static void entry_field(Req *r, Buf *b, const ReportItem *it, const char *typed, const ReportProblems *p)
{
	const Indicator *x = &it->ind;
	int bad = problem_of(p, x->code, 0, 0) != NULL, warned = problem_of(p, x->code, 1, 0) != NULL;
	const char *name = arena_printf(&r->arena, "v_%s", x->code);
	const char *confirm = arena_printf(&r->arena, "confirm_%s", x->code);
	html(b, "<div class=\"field");
	if (bad)
		html(b, " invalid");
	if (warned)
		html(b, " warned");
	html(b, "\"><label for=\"f-");
	html_attr(b, x->code);
	html(b, "\">");
	html_txt(b, label_of(r, x));
	html(b, "</label><p class=\"hint\" id=\"h-");
	html_attr(b, x->code);
	html(b, "\">");
	definition(r, b, x);
	html(b, "</p>");
	int yesno = strcmp(x->kind, "yesno") == 0, money = strcmp(x->kind, "money") == 0;
	if (yesno)
		html(b, "<select");
	else
		html(b, "<span class=\"with-unit\"><input type=\"text\" inputmode=\"numeric\" autocomplete=\"off\"");
	html(b, " id=\"f-");
	html_attr(b, x->code);
	html(b, "\" name=\"");
	html_attr(b, name);
	html(b, "\"");
	if (!yesno && typed && *typed) {
		html(b, " value=\"");
		html_attr(b, typed);
		html(b, "\"");
	}
	if (money)
		html(b, " data-money=\"1\"");
	rule_attrs(r, b, x);
	if (bad)
		html(b, " aria-invalid=\"true\"");
	html(b, " aria-describedby=\"h-");
	html_attr(b, x->code);
	if (bad) {
		html(b, " e-");
		html_attr(b, x->code);
	}
	if (warned) {
		html(b, " w-");
		html_attr(b, x->code);
	}
	html(b, "\">");
	if (yesno) {
		const char *t = typed ? typed : "";
		form_option(b, "", "—", t);
		form_option(b, "1", tr(r, "Có", "Yes"), t);
		form_option(b, "0", tr(r, "Không", "No"), t);
		html(b, "</select>");
	} else {
		if (money)
			html(b, "<span class=\"unit\">đ</span>");
		html(b, "</span>");
	}
	field_problems(r, b, p, x->code, confirm, form_checked(r, confirm));
	html(b, "</div>");
}

/* A member figure: shown, never typed. */
static void computed_field(Req *r, Buf *b, const ReportItem *it)
{
	const Indicator *x = &it->ind;
	html(b, "<div class=\"field computed\"><p class=\"label\">");
	html_txt(b, label_of(r, x));
	html(b, "</p><p class=\"value\"><strong");
	html(b, " data-value=\"");
	if (it->has_value)
		html_int(b, it->value);
	html(b, "\"");
	rule_attrs(r, b, x);
	html(b, ">");
	value_shown(r, b, it);
	html(b, "</strong> <span class=\"muted\">");
	html_txt(b, tr(r, "tính từ sổ thành viên", "computed from the member book"));
	html(b, "</span></p><p class=\"hint\">");
	definition(r, b, x);
	html(b, "</p></div>");
}

/* A value of a month that cannot be changed now. */
static void readonly_field(Req *r, Buf *b, const ReportItem *it)
{
	const Indicator *x = &it->ind;
	html(b, "<div class=\"field readonly\"><p class=\"label\">");
	html_txt(b, label_of(r, x));
	html(b, "</p><p class=\"value\"><strong>");
	value_shown(r, b, it);
	html(b, "</strong>");
	if (it->computed) {
		html(b, " <span class=\"muted\">");
		html_txt(b, tr(r, "tính từ sổ thành viên", "computed from the member book"));
		html(b, "</span>");
	}
	html(b, "</p><p class=\"hint\">");
	definition(r, b, x);
	html(b, "</p></div>");
}

/* Every item of rep by activity area, each area in a fieldset; edit: typed fields are inputs. */
static void entry_areas(Req *r, Buf *b, const Report *rep, int edit, const EntryState *s)
{
	int failed = s && s->form && strcmp(s->form, "values") == 0;
	const ReportProblems *p = failed ? s->p : NULL;
	size_t shown = 0;
	for (size_t a = 0; a <= indicator_area_count; a++) {
		const char *area = a < indicator_area_count ? indicator_areas[a].code : NULL;
		int any = 0;
		for (size_t i = 0; i < rep->count; i++) {
			const ReportItem *it = &rep->items[i];
			int known = 0;
			for (size_t k = 0; k < indicator_area_count; k++)
				known |= strcmp(it->ind.area, indicator_areas[k].code) == 0;
			if (area ? strcmp(it->ind.area, area) != 0 : known)
				continue;
			if (!any) {
				html(b, "<fieldset class=\"area\"><legend>");
				html_txt(b, area ? indicator_area_label(area, r->lang) : tr(r, "Khác", "Other"));
				html(b, "</legend>");
				any = 1;
			}
			shown++;
			if (!edit) {
				readonly_field(r, b, it);
			} else if (it->computed) {
				computed_field(r, b, it);
			} else {
				const char *typed = value_text(r, it);
				if (failed) {
					const char *v = req_form(r, arena_printf(&r->arena, "v_%s", it->ind.code));
					typed = v ? v : "";
				}
				entry_field(r, b, it, typed, p);
			}
		}
		if (any)
			html(b, "</fieldset>");
	}
	(void)shown;
}

/* At the top of a form that failed: what is wrong, each problem a link to its field. */
static void problems_summary(Req *r, Buf *b, const Report *rep, const ReportProblems *p, int warn_only)
{
	size_t errors = report_errors(p), warnings = p->count - errors;
	html(b, "<div class=\"error\" role=\"alert\" id=\"problems\"><p><strong>");
	if (warn_only)
		html_trf(r, b, "Chưa lưu: %zu số liệu khác thường cần kiểm tra lại.",
			 "Not saved: %zu unusual figures to check.", warnings);
	else
		html_trf(r, b, "Chưa lưu: báo cáo có %zu lỗi.", "Not saved: the report has %zu errors.", errors);
	html(b, "</strong> ");
	html_txt(b, tr(r, "Những gì bạn đã nhập vẫn còn trong ô.", "What you typed is kept."));
	if (warnings)
		html_txt(b, tr(r, " Nếu số liệu khác thường là đúng, đánh dấu “Tôi đã kiểm tra, số liệu đúng” dưới ô đó rồi bấm lại.",
			       " If an unusual figure is right, tick “I have checked: the figure is right” under it and send again."));
	html(b, "</p><ul>");
	for (size_t i = 0; i < p->count; i++) {
		const ReportProblem *x = &p->items[i];
		int field = 0;
		for (size_t k = 0; k < rep->count; k++)
			field |= strcmp(rep->items[k].ind.code, x->code) == 0 && !rep->items[k].computed;
		html(b, "<li>");
		if (x->warning)
			html_txt(b, tr(r, "Cần kiểm tra: ", "To check: "));
		if (field) {
			html(b, "<a href=\"#f-");
			html_attr(b, x->code);
			html(b, "\">");
			html_txt(b, problem_text(r, x));
			html(b, "</a>");
		} else {
			html_txt(b, problem_text(r, x));
		}
		html(b, "</li>");
	}
	html(b, "</ul></div>");
}

/* The error of a workflow form that belongs to no field, or any error of a form on the page. */
static void error_box(Req *r, Buf *b, const Err *e)
{
	html(b, "<div class=\"error\" role=\"alert\"><p>");
	html_txt(b, err_message(e->code, r->lang));
	if (e->detail[0]) {
		html(b, " ");
		html_txt(b, e->detail);
	}
	html(b, "</p></div>");
}

/* A form with one required text (comment or reason) and its button. */
static void step_form(Req *r, Buf *b, const Report *rep, const char *step, const char *field, const char *label,
		      const char *button, const char *cls, const EntryState *s)
{
	const Err *e = s && s->form && strcmp(s->form, step) == 0 ? s->e : NULL;
	int bad = e && e->field && field && strcmp(e->field, field) == 0;
	form_post_begin(r, b, "step", arena_printf(&r->arena, "/clubs/%lld/reports/%s/%s", (long long)rep->club_id,
						    rep->period, step), NULL);
	if (field) {
		html(b, "<div class=\"field");
		if (bad)
			html(b, " invalid");
		html(b, "\"><label for=\"f-");
		html_attr(b, field);
		html(b, "\">");
		html_txt(b, label);
		html(b, "</label><textarea rows=\"3\" required maxlength=\"700\" id=\"f-");
		html_attr(b, field);
		html(b, "\" name=\"");
		html_attr(b, field);
		html(b, "\"");
		if (bad) {
			html(b, " aria-invalid=\"true\" aria-describedby=\"e-");
			html_attr(b, field);
			html(b, "\"");
		}
		html(b, ">");
		if (e) {
			const char *v = req_form(r, field);
			html_txt(b, v ? v : "");
		}
		html(b, "</textarea>");
		if (bad) {
			html(b, "<p class=\"msg\" id=\"e-");
			html_attr(b, field);
			html(b, "\">");
			if (e->code != E_REQUIRED)
				html_txt(b, err_message(e->code, r->lang));
			else if (strcmp(field, "comment") == 0)
				html_txt(b, tr(r, "Ghi lý do trả lại để CLB biết cần sửa gì.",
					       "Write why the report is returned, so the club knows what to fix."));
			else
				html_txt(b, tr(r, "Ghi lý do mở lại báo cáo.", "Write why the report is reopened."));
			html(b, "</p>");
		}
		html(b, "</div>");
	}
	form_button(b, cls, button);
	html(b, "</form>");
}

/* Status, who and when, the due date, the last comment or reason. */
static void status_facts(Req *r, Buf *b, const Report *rep)
{
	html(b, "<section class=\"report-status\" aria-labelledby=\"st-h\"><h2 id=\"st-h\">");
	html_txt(b, tr(r, "Tình trạng", "Status"));
	html(b, "</h2><dl class=\"facts stack-phone\">");
	page_fact(b, tr(r, "Trạng thái", "Status"));
	status_badge(r, b, rep->id ? rep->status : "");
	if (!rep->id)
		html_txt(b, tr(r, " (chưa lưu lần nào)", " (nothing saved yet)"));
	html(b, "</dd>");
	page_fact(b, tr(r, "Hạn nộp", "Due on"));
	page_date(b, rep->due_on, "—");
	int t = rep->first_submitted_at[0] ? rep->on_time != 0 : -1;
	if (t >= 0) {
		html(b, " · ");
		timeliness(r, b, t);
	} else if (rep->due_on[0]) {
		char today[11];
		unit_today(today);
		if (strcmp(today, rep->due_on) > 0) {
			html(b, " · <strong>");
			html_txt(b, tr(r, "Đã quá hạn, chưa nộp", "Overdue, not submitted"));
			html(b, "</strong>");
		}
	}
	html(b, "</dd>");
	if (rep->id) {
		page_fact(b, tr(r, "Sửa lần cuối", "Last changed"));
		page_date(b, rep->updated_at, "—");
		html(b, " · ");
		html_txt(b, rep->updated_by);
		html(b, "</dd>");
	}
	if (rep->submitted_at[0]) {
		page_fact(b, tr(r, "Nộp", "Submitted"));
		page_date(b, rep->submitted_at, "—");
		html(b, " · ");
		html_txt(b, rep->submitted_by);
		if (rep->first_submitted_at[0] && strcmp(rep->first_submitted_at, rep->submitted_at) != 0) {
			html(b, " (");
			html_txt(b, tr(r, "lần đầu ", "first on "));
			page_date(b, rep->first_submitted_at, "—");
			html(b, ")");
		}
		html(b, "</dd>");
	}
	if (rep->approved_at[0]) {
		page_fact(b, tr(r, "Duyệt", "Approved"));
		page_date(b, rep->approved_at, "—");
		html(b, " · ");
		html_txt(b, rep->approved_by);
		if (rep->approved_level[0]) {
			html(b, " (");
			html_txt(b, level_word(r, rep->approved_level));
			html(b, ")");
		}
		html(b, "</dd>");
	}
	if (rep->note[0]) {
		page_fact(b, strcmp(rep->status, "returned") == 0 ? tr(r, "Lý do trả lại", "Why it was returned")
								   : tr(r, "Ghi chú gần nhất", "Last note"));
		html(b, "<q>");
		html_txt(b, rep->note);
		html(b, "</q> — ");
		html_txt(b, rep->note_by);
		html(b, ", ");
		page_date(b, rep->note_at, "—");
		html(b, "</dd>");
	}
	page_fact(b, tr(r, "Danh mục chỉ tiêu", "Catalogue"));
	html_trf(r, b, "phiên bản %lld", "version %lld", (long long)rep->catalogue_version);
	html(b, "</dd></dl></section>");
}

static const char *done_words(Req *r, const char *done)
{
	if (!done)
		return NULL;
	if (strcmp(done, "saved") == 0)
		return tr(r, "Đã lưu nháp.", "Draft saved.");
	if (strcmp(done, "submitted") == 0)
		return tr(r, "Đã nộp báo cáo. Cấp xã sẽ xem và duyệt.", "Report submitted. The commune will check and approve it.");
	if (strcmp(done, "approved") == 0)
		return tr(r, "Đã duyệt báo cáo; báo cáo được khóa.", "Report approved; it is now locked.");
	if (strcmp(done, "returned") == 0)
		return tr(r, "Đã trả lại báo cáo cho CLB.", "Report returned to the club.");
	if (strcmp(done, "reopened") == 0)
		return tr(r, "Đã mở lại báo cáo; CLB sửa được.", "Report reopened; the club can change it.");
	return NULL;
}

static HandlerResult entry_page(Req *r, int status, int64_t club_id, const char *period, const EntryState *s)
{
	Club c;
	HandlerResult h;
	if (load_club(r, club_id, &c, &h))
		return h;
	Report rep;
	Err e = {0};
	if (report_get(r->db, &r->actor, club_id, period, &rep, &e) != 0)
		return resp_err(r, &e);
	ReportCan can = report_can(&r->actor, &rep);

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, arena_printf(&r->arena, is_en(r) ? "Monthly report %s" : "Báo cáo tháng %s", month_words(r, rep.period)));
	club_line(r, &b, &c);
	const char *done = done_words(r, req_query(r, "done"));
	if (done && !s)
		page_notice(&b, done);
	char prev[REPORT_PERIOD_LEN + 1], next[REPORT_PERIOD_LEN + 1], now[REPORT_PERIOD_LEN + 1];
	month_add(rep.period, -1, prev);
	month_add(rep.period, 1, next);
	this_month(now);
	html(&b, "<nav class=\"months\" aria-label=\"");
	html_attr(&b, tr(r, "Tháng", "Months"));
	html(&b, "\"><a href=\"/clubs/");
	html_int(&b, c.id);
	html(&b, "/reports/");
	html_attr(&b, prev);
	html(&b, "\">« ");
	html_txt(&b, month_words(r, prev));
	html(&b, "</a> <a href=\"/clubs/");
	html_int(&b, c.id);
	html(&b, "/reports\">");
	html_txt(&b, tr(r, "Các tháng", "All months"));
	html(&b, "</a>");
	if (strcmp(next, now) <= 0) {
		html(&b, " <a href=\"/clubs/");
		html_int(&b, c.id);
		html(&b, "/reports/");
		html_attr(&b, next);
		html(&b, "\">");
		html_txt(&b, month_words(r, next));
		html(&b, " »</a>");
	}
	if (is_officer(&r->actor)) {
		html(&b, " <a href=\"/units/");
		html_attr(&b, c.unit_code);
		html(&b, "/reports/");
		html_attr(&b, rep.period);
		html(&b, "\">");
		html_txt(&b, tr(r, "Các CLB cùng xã", "Clubs of the commune"));
		html(&b, "</a>");
	}
	html(&b, "</nav>");

	int values_failed = s && s->form && strcmp(s->form, "values") == 0;
	if (values_failed && s->p && s->p->count)
		problems_summary(r, &b, &rep, s->p, s->e->code == E_REPORT_WARN);
	else if (s && s->e && s->e->code &&
		 !(s->e->field && (strcmp(s->e->field, "comment") == 0 || strcmp(s->e->field, "reason") == 0)))
		error_box(r, &b, s->e);
	else if (s && s->e && s->e->code)
		form_summary(r, &b, s->e);
	status_facts(r, &b, &rep);

	if (can.approve || can.ret || can.reopen) {
		html(&b, "<section class=\"workflow\" aria-labelledby=\"wf-h\"><h2 id=\"wf-h\">");
		html_txt(&b, can.reopen ? tr(r, "Mở lại báo cáo", "Reopen the report") : tr(r, "Duyệt báo cáo", "Approve the report"));
		html(&b, "</h2>");
		if (can.approve)
			step_form(r, &b, &rep, "approve", NULL, NULL, tr(r, "Duyệt báo cáo", "Approve"), "primary", s);
		if (can.ret)
			step_form(r, &b, &rep, "return", "comment", tr(r, "Lý do trả lại (bắt buộc)", "Why it is returned (required)"),
				  tr(r, "Trả lại cho CLB", "Return to the club"), "danger", s);
		if (can.reopen)
			step_form(r, &b, &rep, "reopen", "reason", tr(r, "Lý do mở lại (bắt buộc)", "Why it is reopened (required)"),
				  tr(r, "Mở lại báo cáo", "Reopen"), "danger", s);
		html(&b, "</section>");
	}

	html(&b, "<section class=\"report\" aria-labelledby=\"val-h\"><h2 id=\"val-h\">");
	html_txt(&b, tr(r, "Số liệu", "Figures"));
	html(&b, "</h2>");
	if (can.edit || can.submit) {
		html(&b, "<p class=\"note\">");
		html_txt(&b, tr(r, "Số tiền tính bằng đồng, viết có hoặc không có dấu chấm (1.250.000). Ô để trống là chưa có số liệu.",
				"Amounts are in đồng, with or without dots (1.250.000). An empty field means no figure."));
		html(&b, "</p>");
		form_post_begin(r, &b, "report-form", arena_printf(&r->arena, "/clubs/%lld/reports/%s", (long long)c.id, rep.period),
				NULL);
		entry_areas(r, &b, &rep, 1, s);
		html(&b, "<div class=\"buttons\">");
		if (can.edit) {
			html(&b, "<button type=\"submit\" name=\"action\" value=\"save\">");
			html_txt(&b, tr(r, "Lưu nháp", "Save draft"));
			html(&b, "</button>");
		}
		if (can.submit) {
			html(&b, "<button type=\"submit\" class=\"primary\" name=\"action\" value=\"submit\">");
			html_txt(&b, tr(r, "Nộp báo cáo", "Submit the report"));
			html(&b, "</button>");
		}
		html(&b, "</div></form>");
	} else {
		if (strcmp(rep.status, "approved") == 0) {
			html(&b, "<p class=\"locked\">");
			html_txt(&b, tr(r, "Báo cáo đã duyệt và được khóa; chỉ cấp trên mở lại được.",
					"The report is approved and locked; only a higher level can reopen it."));
			html(&b, "</p>");
		} else if (strcmp(rep.status, "submitted") == 0) {
			html(&b, "<p class=\"locked\">");
			html_txt(&b, tr(r, "Báo cáo đã nộp, đang chờ duyệt; không sửa được.",
					"The report is submitted and waits for approval; it cannot be changed."));
			html(&b, "</p>");
		}
		entry_areas(r, &b, &rep, 0, s);
	}
	html(&b, "</section>");
	if (rep.id && scope_is_national(&r->actor))
		page_history_link(&b, "report", rep.id, tr(r, "Lịch sử thay đổi của báo cáo", "Change history of the report"));
	report_free(&rep);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_club_report(Req *r)
{
	return entry_page(r, 200, req_param_id(r, "id"), req_param(r, "period"), NULL);
}

/* The typed values of the entry form: every typed indicator of the month the form sent (an empty
 * field clears the value), and the warnings confirmed. The lists live in the request arena. */
static int form_values(Req *r, int64_t club_id, const char *period, ReportValue **values, size_t *n,
		       const char ***confirm, size_t *nconfirm, Err *e)
{
	Report rep;
	if (report_get(r->db, &r->actor, club_id, period, &rep, e) != 0)
		return -1;
	*values = arena_alloc(&r->arena, (rep.count ? rep.count : 1) * sizeof **values);
	*confirm = arena_alloc(&r->arena, (rep.count ? rep.count : 1) * sizeof **confirm);
	*n = *nconfirm = 0;
	for (size_t i = 0; i < rep.count; i++) {
		const ReportItem *it = &rep.items[i];
		if (it->computed)
			continue;
		const char *code = arena_strdup(&r->arena, it->ind.code);
		const char *v = req_form(r, arena_printf(&r->arena, "v_%s", code));
		if (v) {
			while (*v == ' ')
				v++;
			(*values)[*n].code = code;
			(*values)[*n].text = *v ? v : NULL;
			(*n)++;
		}
		if (form_checked(r, arena_printf(&r->arena, "confirm_%s", code)))
			(*confirm)[(*nconfirm)++] = code;
	}
	report_free(&rep);
	return 0;
}

HandlerResult web_club_report_save(Req *r)
{
	int64_t id = req_param_id(r, "id");
	const char *period = req_param(r, "period");
	Club c;
	HandlerResult h;
	if (load_club(r, id, &c, &h))
		return h;
	const char *action = req_form(r, "action");
	int submit = action && strcmp(action, "submit") == 0;
	ReportValue *values;
	const char **confirm;
	size_t n, nconfirm;
	Err e = {0};
	if (form_values(r, id, period, &values, &n, &confirm, &nconfirm, &e) != 0)
		return resp_err(r, &e);
	ReportSaveOpts opts = {.source = "form", .confirm = confirm, .nconfirm = nconfirm};
	ReportProblems *p = calloc(1, sizeof *p);
	if (!p)
		return H_FATAL;
	int rc = submit ? report_submit(r->db, &r->actor, id, period, values, n, &opts, p, &e)
			: report_save(r->db, &r->actor, id, period, values, n, &opts, p, &e);
	if (rc != 0) {
		if (e.code == E_NOT_FOUND || e.code == E_FORBIDDEN || e.code == E_PERIOD || err_http_status(e.code) >= 500) {
			free(p);
			return resp_err(r, &e);
		}
		EntryState s = {"values", &e, p};
		h = entry_page(r, err_http_status(e.code), id, period, &s);
		free(p);
		return h;
	}
	free(p);
	return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/reports/%s?done=%s", (long long)id, period,
					     submit ? "submitted" : "saved"));
}

/* After approve, return or reopen: the month again, with a notice or the message. */
static HandlerResult step_done(Req *r, int64_t id, const char *period, const char *step, int rc, const Err *e,
			       const char *done)
{
	if (rc != 0) {
		if (e->code == E_NOT_FOUND || e->code == E_FORBIDDEN || e->code == E_PERIOD || err_http_status(e->code) >= 500)
			return resp_err(r, e);
		EntryState s = {step, e, NULL};
		return entry_page(r, err_http_status(e->code), id, period, &s);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/reports/%s?done=%s", (long long)id, period, done));
}

HandlerResult web_club_report_approve(Req *r)
{
	int64_t id = req_param_id(r, "id");
	const char *period = req_param(r, "period");
	Err e = {0};
	int rc = report_approve(r->db, &r->actor, id, period, &e);
	return step_done(r, id, period, "approve", rc, &e, "approved");
}

/* The text of a required field, NULL when only spaces were sent. */
static const char *text_field(Req *r, const char *name)
{
	const char *v = req_form(r, name);
	if (!v)
		return NULL;
	for (const char *q = v; *q; q++)
		if (*q != ' ' && *q != '\t' && *q != '\r' && *q != '\n')
			return v;
	return NULL;
}

HandlerResult web_club_report_return(Req *r)
{
	int64_t id = req_param_id(r, "id");
	const char *period = req_param(r, "period");
	Err e = {0};
	int rc = report_return(r->db, &r->actor, id, period, text_field(r, "comment"), &e);
	return step_done(r, id, period, "return", rc, &e, "returned");
}

HandlerResult web_club_report_reopen(Req *r)
{
	int64_t id = req_param_id(r, "id");
	const char *period = req_param(r, "period");
	Err e = {0};
	int rc = report_reopen(r->db, &r->actor, id, period, text_field(r, "reason"), &e);
	return step_done(r, id, period, "reopen", rc, &e, "reopened");
}

/* ---- a unit's clubs for a month (the inbox) ---- */

static void no_row(const ReportStatusRow *row, void *arg)
{
	(void)row;
	(void)arg;
}

static void inbox_row(const ReportStatusRow *row, void *arg)
{
	PageCtx *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	html(b, "<tr>");
	page_cell(b, tr(r, "Mã CLB", "Club code"), "nowrap", row->club_code);
	page_td(b, tr(r, "Tên CLB", "Club"), NULL);
	html(b, "<a href=\"/clubs/");
	html_int(b, row->club_id);
	html(b, "/reports/");
	html_attr(b, row->period);
	html(b, "\">");
	html_txt(b, row->club_name);
	html(b, "</a></td>");
	page_td(b, tr(r, "Trạng thái", "Status"), NULL);
	status_badge(r, b, row->status);
	html(b, "</td>");
	page_td(b, tr(r, "Nộp lần đầu", "First submitted"), "nowrap");
	page_date(b, row->first_submitted_at, "—");
	html(b, "</td>");
	page_td(b, tr(r, "Đúng hạn", "On time"), NULL);
	timeliness(r, b, row->first_submitted_at[0] ? row->on_time != 0 : -1);
	html(b, "</td>");
	page_td(b, tr(r, "Việc cần làm", "To do"), NULL);
	html(b, "<a href=\"/clubs/");
	html_int(b, row->club_id);
	html(b, "/reports/");
	html_attr(b, row->period);
	html(b, "\">");
	if (strcmp(row->status, "submitted") == 0 && may_grid(&r->actor))
		html_txt(b, tr(r, "Xem và duyệt", "Check and approve"));
	else if (!row->status[0] || strcmp(row->status, "draft") == 0 || strcmp(row->status, "returned") == 0)
		html_txt(b, may_grid(&r->actor) || r->actor.role == ROLE_CLUB ? tr(r, "Nhập số liệu", "Enter figures")
									       : tr(r, "Xem", "View"));
	else
		html_txt(b, tr(r, "Xem", "View"));
	html(b, "</a></td></tr>");
}

static const FormChoice status_choices[] = {
	{"", "Tất cả", "All"},
	{"none", "Chưa có báo cáo", "Not begun"},
	{"draft", "Nháp", "Draft"},
	{"submitted", "Đã nộp (chờ duyệt)", "Submitted (to approve)"},
	{"approved", "Đã duyệt", "Approved"},
	{"returned", "Bị trả lại", "Returned"},
};
#define NSTATUS (sizeof status_choices / sizeof *status_choices)

/* The name of a unit code as it was in the month, else as it is today, else the code itself. */
static const char *unit_title(Req *r, const char *code, const char *period)
{
	Unit u;
	char on[11];
	snprintf(on, sizeof on, "%.7s-15", period);
	if (period_shape(period) && unit_find(r->db, code, on, &u) == 1)
		return arena_strdup(&r->arena, u.name);
	unit_today(on);
	if (unit_find(r->db, code, on, &u) == 1)
		return arena_strdup(&r->arena, u.name);
	return code;
}

HandlerResult web_unit_reports(Req *r)
{
	const char *code = req_param(r, "code"), *period = req_param(r, "period");
	const char *asked = req_query(r, "period");
	if (asked) {
		const char *p = picked_month(r, asked);
		if (p)
			return resp_redirect(r, arena_printf(&r->arena, "/units/%s/reports/%s", code, p));
	}
	const char *status = req_query(r, "status");
	int known = 0;
	for (size_t i = 0; status && i < NSTATUS; i++)
		known |= strcmp(status, status_choices[i].value) == 0;
	if (status && !known)
		return resp_error(r, E_INVALID, "status", NULL);
	if (status && !*status)
		status = NULL;
	const int64_t per_page = 100;
	int64_t page = page_number(r), total = 0;
	/* How many clubs in each state, for the line above the list. */
	int64_t counts[NSTATUS] = {0};
	Err e = {0};
	for (size_t i = 0; i < NSTATUS; i++)
		if (report_list_unit(r->db, &r->actor, code, period, i ? status_choices[i].value : NULL, 1, 0, no_row, NULL,
				     &counts[i], &e) < 0)
			return resp_err(r, &e);

	Buf b;
	buf_init(&b, 0);
	const char *name = unit_title(r, code, period);
	page_begin(r, &b, arena_printf(&r->arena, is_en(r) ? "Reports of %s — %s" : "Báo cáo tháng %2$s — %1$s", name,
				       month_words(r, period)));
	char prev[REPORT_PERIOD_LEN + 1], next[REPORT_PERIOD_LEN + 1], now[REPORT_PERIOD_LEN + 1];
	month_add(period, -1, prev);
	month_add(period, 1, next);
	this_month(now);
	html(&b, "<nav class=\"months\" aria-label=\"");
	html_attr(&b, tr(r, "Tháng", "Months"));
	html(&b, "\"><a href=\"/units/");
	html_attr(&b, code);
	html(&b, "/reports/");
	html_attr(&b, prev);
	html(&b, "\">« ");
	html_txt(&b, month_words(r, prev));
	html(&b, "</a>");
	if (strcmp(next, now) <= 0) {
		html(&b, " <a href=\"/units/");
		html_attr(&b, code);
		html(&b, "/reports/");
		html_attr(&b, next);
		html(&b, "\">");
		html_txt(&b, month_words(r, next));
		html(&b, " »</a>");
	}
	html(&b, "</nav>");
	char due[11];
	report_due_date(r->db, period, due);
	html(&b, "<p>");
	html_txt(&b, tr(r, "Hạn nộp: ", "Due on: "));
	page_date(&b, due, "—");
	html(&b, ". ");
	char num[VI_NUM_BUFSZ];
	html_trf(r, &b, "%s CLB phải báo cáo", "%s clubs to report", vi_format_int(counts[0], num));
	for (size_t i = 1; i < NSTATUS; i++) {
		html(&b, " · ");
		html_txt(&b, is_en(r) ? status_choices[i].en : status_choices[i].vi);
		html(&b, ": ");
		html_txt(&b, vi_format_int(counts[i], num));
	}
	html(&b, "</p>");
	if (may_grid(&r->actor)) {
		html(&b, "<ul class=\"actions\">");
		page_action(&b, arena_printf(&r->arena, "/units/%s/reports/%s/grid", code, period),
			    tr(r, "Nhập cho tất cả CLB trên một bảng", "Enter for all clubs on one grid"));
		html(&b, "</ul>");
	}
	html(&b, "<form method=\"get\" class=\"inline\" action=\"/units/");
	html_attr(&b, code);
	html(&b, "/reports/");
	html_attr(&b, period);
	html(&b, "\">");
	Form f = {.r = r, .b = &b};
	form_select(&f, "status", tr(r, "Trạng thái", "Status"), status_choices, NSTATUS, status ? status : "", 0);
	html(&b, "<div class=\"field\"><button type=\"submit\">");
	html_txt(&b, tr(r, "Lọc", "Filter"));
	html(&b, "</button></div></form>");
	month_picker(r, &b, arena_printf(&r->arena, "/units/%s/reports/%s", code, period), "",
		     tr(r, "Tháng khác (tháng/năm)", "Another month (mm/yyyy)"));

	size_t mark = b.len;
	page_table_begin(&b, NULL);
	page_th(&b, tr(r, "Mã CLB", "Club code"));
	page_th(&b, tr(r, "Tên CLB", "Club"));
	page_th(&b, tr(r, "Trạng thái", "Status"));
	page_th(&b, tr(r, "Nộp lần đầu", "First submitted"));
	page_th(&b, tr(r, "Đúng hạn", "On time"));
	page_th(&b, tr(r, "Việc cần làm", "To do"));
	html(&b, "</tr></thead><tbody>");
	PageCtx ctx = {r, &b};
	int n = report_list_unit(r->db, &r->actor, code, period, status, per_page, (page - 1) * per_page, inbox_row, &ctx,
				 &total, &e);
	if (n < 0) {
		buf_free(&b);
		return resp_err(r, &e);
	}
	html(&b, "</tbody></table></div>");
	if (total == 0) {
		b.len = mark;
		html(&b, "<p>");
		html_txt(&b, tr(r, "Không có CLB nào ở trạng thái này.", "No club in this state."));
		html(&b, "</p>");
	}
	const char *query[] = {"status", status, NULL};
	page_pager(r, &b, arena_printf(&r->arena, "/units/%s/reports/%s", code, period), query, page, per_page, total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* ---- the commune grid ---- */

typedef struct GridRow {
	ReportStatusRow s;
	Report rep;
	int loaded;
	ReportCan can;
	int failed, saved;
	Err e;
	ReportProblems *p;              /* problems of a row that failed */
} GridRow;

typedef struct Grid {
	GridRow *rows;
	size_t n, alloc;
	Indicator *cols;                /* the typed indicators of the current catalogue */
	size_t ncols, colalloc;
	int failed;
} Grid;

static void grid_row_add(const ReportStatusRow *row, void *arg)
{
	Grid *g = arg;
	if (g->n == g->alloc) {
		size_t a = g->alloc ? 2 * g->alloc : 32;
		GridRow *p = realloc(g->rows, a * sizeof *p);
		if (!p) {
			g->failed = 1;
			return;
		}
		g->rows = p;
		g->alloc = a;
	}
	GridRow *x = &g->rows[g->n++];
	memset(x, 0, sizeof *x);
	x->s = *row;
}

static void grid_col_add(const Indicator *in, void *arg)
{
	Grid *g = arg;
	if (strcmp(in->source, "members") == 0)
		return;
	if (g->ncols == g->colalloc) {
		size_t a = g->colalloc ? 2 * g->colalloc : 48;
		Indicator *p = realloc(g->cols, a * sizeof *p);
		if (!p) {
			g->failed = 1;
			return;
		}
		g->cols = p;
		g->colalloc = a;
	}
	g->cols[g->ncols++] = *in;
}

static void grid_free(Grid *g)
{
	for (size_t i = 0; i < g->n; i++) {
		if (g->rows[i].loaded)
			report_free(&g->rows[i].rep);
		free(g->rows[i].p);
	}
	free(g->rows);
	free(g->cols);
}

/* (Re)reads every row's month. 0, or -1 with e set. */
static int grid_load_reports(Req *r, Grid *g, const char *period, Err *e)
{
	for (size_t i = 0; i < g->n; i++) {
		GridRow *x = &g->rows[i];
		if (x->loaded)
			report_free(&x->rep);
		x->loaded = 0;
		if (report_get(r->db, &r->actor, x->s.club_id, period, &x->rep, e) != 0)
			return -1;
		x->loaded = 1;
		x->can = report_can(&r->actor, &x->rep);
		snprintf(x->s.status, sizeof x->s.status, "%s", x->rep.id ? x->rep.status : "");
	}
	return 0;
}

/* The clubs of the unit for the month and the columns. 0, or -1 with e set (H_FATAL when e has
 * no code). */
static int grid_load(Req *r, Grid *g, const char *code, const char *period, Err *e)
{
	memset(g, 0, sizeof *g);
	int64_t total = 0;
	if (report_list_unit(r->db, &r->actor, code, period, NULL, 500, 0, grid_row_add, g, &total, e) < 0)
		return -1;
	if (indicator_list(r->db, 0, grid_col_add, g) < 0 || g->failed)
		return -1;
	return grid_load_reports(r, g, period, e);
}

static ReportItem *row_item(GridRow *x, const char *code)
{
	for (size_t i = 0; i < x->rep.count; i++)
		if (strcmp(x->rep.items[i].ind.code, code) == 0)
			return &x->rep.items[i];
	return NULL;
}

static int row_editable(const GridRow *x)
{
	return x->loaded && x->can.edit;
}

static const char *cell_name(Req *r, const GridRow *x, const char *code)
{
	return arena_printf(&r->arena, "g%lld_%s", (long long)x->s.club_id, code);
}

static const char *trimmed(const char *v)
{
	while (v && *v == ' ')
		v++;
	return v;
}

static void grid_cell(Req *r, Buf *b, GridRow *x, const Indicator *col)
{
	ReportItem *it = row_item(x, col->code);
	const ReportProblem *err = x->failed ? problem_of(x->p, col->code, 0, 0) : NULL;
	const ReportProblem *warn = x->failed ? problem_of(x->p, col->code, 1, 0) : NULL;
	html(b, "<td");
	page_class(b, err ? "bad" : warn ? "warned" : NULL);
	html(b, ">");
	if (!it || it->computed) {
		html(b, "—</td>");
		return;
	}
	if (!row_editable(x)) {
		value_shown(r, b, it);
		html(b, "</td>");
		return;
	}
	const char *name = cell_name(r, x, col->code);
	const char *typed = value_text(r, it);
	if (x->failed) {
		const char *v = req_form(r, name);
		typed = v ? v : "";
	}
	int yesno = strcmp(col->kind, "yesno") == 0;
	if (yesno)
		html(b, "<select");
	else
		html(b, "<input type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" size=\"7\"");
	html(b, " id=\"");
	html_attr(b, name);
	html(b, "\" name=\"");
	html_attr(b, name);
	html(b, "\" aria-label=\"");
	html_attr(b, x->s.club_name);
	html(b, ": ");
	html_attr(b, label_of(r, col));
	html(b, "\"");
	if (!yesno && *typed) {
		html(b, " value=\"");
		html_attr(b, typed);
		html(b, "\"");
	}
	if (err)
		html(b, " aria-invalid=\"true\"");
	if (err || warn) {
		html(b, " aria-describedby=\"e-");
		html_attr(b, name);
		html(b, "\"");
	}
	html(b, ">");
	if (yesno) {
		form_option(b, "", "—", typed);
		form_option(b, "1", tr(r, "Có", "Yes"), typed);
		form_option(b, "0", tr(r, "Không", "No"), typed);
		html(b, "</select>");
	}
	if (err || warn) {
		html(b, "<span class=\"msg\" id=\"e-");
		html_attr(b, name);
		html(b, "\">");
		html_txt(b, problem_text(r, err ? err : warn));
		html(b, "</span>");
	}
	html(b, "</td>");
}

static HandlerResult grid_page(Req *r, int status, const char *code, const char *period, Grid *g, size_t saved)
{
	Buf b;
	buf_init(&b, 0);
	const char *name = unit_title(r, code, period);
	page_begin(r, &b, arena_printf(&r->arena, is_en(r) ? "Grid of %s — %s" : "Nhập báo cáo tháng %2$s — %1$s", name,
				       month_words(r, period)));
	html(&b, "<p><a href=\"/units/");
	html_attr(&b, code);
	html(&b, "/reports/");
	html_attr(&b, period);
	html(&b, "\">");
	html_txt(&b, tr(r, "Danh sách CLB và trạng thái", "Clubs and their status"));
	html(&b, "</a></p>");
	size_t failed = 0;
	for (size_t i = 0; i < g->n; i++)
		failed += g->rows[i].failed != 0;
	const char *q = req_query(r, "saved");
	if (q && !failed)
		page_notice(&b, arena_printf(&r->arena, is_en(r) ? "Saved: %s clubs." : "Đã lưu báo cáo của %s CLB.", q));
	if (failed) {
		html(&b, "<div class=\"error\" role=\"alert\" id=\"problems\"><p><strong>");
		html_trf(r, &b, "%zu CLB chưa lưu được; %zu CLB đã lưu.", "%zu clubs not saved; %zu clubs saved.", failed, saved);
		html(&b, "</strong> ");
		html_txt(&b, tr(r, "Những gì bạn đã nhập ở các dòng lỗi vẫn còn; ô có lỗi được đánh dấu.",
				"What you typed in the rows with errors is kept; the cells at fault are marked."));
		html(&b, "</p><ul>");
		for (size_t i = 0; i < g->n; i++) {
			GridRow *x = &g->rows[i];
			if (!x->failed)
				continue;
			if (!x->p || !x->p->count) {
				html(&b, "<li>");
				html_txt(&b, x->s.club_name);
				html(&b, ": ");
				html_txt(&b, err_message(x->e.code, r->lang));
				html(&b, "</li>");
			}
			for (size_t k = 0; x->p && k < x->p->count; k++) {
				html(&b, "<li><a href=\"#");
				html_attr(&b, cell_name(r, x, x->p->items[k].code));
				html(&b, "\">");
				html_txt(&b, x->s.club_name);
				html(&b, " — ");
				if (x->p->items[k].warning)
					html_txt(&b, tr(r, "cần kiểm tra: ", "to check: "));
				html_txt(&b, problem_text(r, &x->p->items[k]));
				html(&b, "</a></li>");
			}
		}
		html(&b, "</ul></div>");
	}
	if (!g->n) {
		html(&b, "<p>");
		html_txt(&b, tr(r, "Không có CLB nào phải báo cáo tháng này.", "No club has to report this month."));
		html(&b, "</p>");
		page_end(r, &b);
		return resp_html(r, status, &b);
	}
	html(&b, "<p class=\"note\">");
	html_txt(&b, tr(r, "Mỗi dòng là một CLB. Bấm “Lưu” một lần: dòng nào đúng được lưu, dòng nào sai giữ nguyên số đã nhập để sửa. "
			   "Dòng đã nộp hoặc đã duyệt chỉ để xem. Số thành viên tính từ sổ thành viên nên không có ở đây.",
			"One row per club. Press “Save” once: rows that pass are saved, rows with a mistake keep what was typed. "
			"Submitted or approved rows are shown only. Member figures come from the member book, so they are not here."));
	html(&b, "</p>");
	form_post_begin(r, &b, "grid-form", arena_printf(&r->arena, "/units/%s/reports/%s/grid", code, period), NULL);
	html(&b, "<div class=\"scroll grid-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_attr(&b, tr(r, "Bảng nhập số liệu", "Entry grid"));
	html(&b, "\"><table class=\"grid\"><thead><tr><th scope=\"col\" class=\"club\">");
	html_txt(&b, tr(r, "CLB", "Club"));
	html(&b, "</th><th scope=\"col\">");
	html_txt(&b, tr(r, "Trạng thái", "Status"));
	html(&b, "</th>");
	/* Each heading leads to its indicator's definition, listed under the grid. */
	for (size_t k = 0; k < g->ncols; k++) {
		html(&b, "<th scope=\"col\"><a href=\"#def-");
		html_attr(&b, g->cols[k].code);
		html(&b, "\">");
		html_txt(&b, label_of(r, &g->cols[k]));
		if (strcmp(g->cols[k].kind, "money") == 0)
			html(&b, " (đ)");
		html(&b, "</a></th>");
	}
	html(&b, "</tr></thead><tbody>");
	for (size_t i = 0; i < g->n; i++) {
		GridRow *x = &g->rows[i];
		html(&b, "<tr");
		page_class(&b, x->failed ? "failed" : NULL);
		html(&b, "><th scope=\"row\" class=\"club\"><a href=\"/clubs/");
		html_int(&b, x->s.club_id);
		html(&b, "/reports/");
		html_attr(&b, period);
		html(&b, "\">");
		html_txt(&b, x->s.club_name);
		html(&b, "</a><br><span class=\"muted\">");
		html_txt(&b, x->s.club_code);
		html(&b, "</span></th><td>");
		status_badge(r, &b, x->s.status);
		if (x->failed && x->p && report_errors(x->p) < x->p->count) {
			const char *cn = arena_printf(&r->arena, "confirm_%lld", (long long)x->s.club_id);
			html(&b, "<div class=\"field check\"><input type=\"checkbox\" value=\"1\" id=\"c-");
			html_attr(&b, cn);
			html(&b, "\" name=\"");
			html_attr(&b, cn);
			html(&b, "\"");
			if (form_checked(r, cn))
				html(&b, " checked");
			html(&b, "><label for=\"c-");
			html_attr(&b, cn);
			html(&b, "\">");
			html_txt(&b, tr(r, "Tôi đã kiểm tra, số liệu đúng", "I have checked: the figures are right"));
			html(&b, "</label></div>");
		}
		html(&b, "</td>");
		for (size_t k = 0; k < g->ncols; k++)
			grid_cell(r, &b, x, &g->cols[k]);
		html(&b, "</tr>");
	}
	html(&b, "</tbody></table></div><div class=\"buttons\">");
	form_button(&b, "primary", tr(r, "Lưu", "Save"));
	html(&b, "</div></form><h2>");
	html_txt(&b, tr(r, "Định nghĩa các chỉ tiêu", "What each indicator means"));
	html(&b, "</h2><dl class=\"definitions\">");
	for (size_t k = 0; k < g->ncols; k++) {
		html(&b, "<dt id=\"def-");
		html_attr(&b, g->cols[k].code);
		html(&b, "\">");
		html_txt(&b, label_of(r, &g->cols[k]));
		html(&b, "</dt><dd>");
		definition(r, &b, &g->cols[k]);
		html(&b, "</dd>");
	}
	html(&b, "</dl>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_unit_grid(Req *r)
{
	const char *code = req_param(r, "code"), *period = req_param(r, "period");
	Grid g;
	Err e = {0};
	if (grid_load(r, &g, code, period, &e) != 0) {
		grid_free(&g);
		return e.code ? resp_err(r, &e) : H_FATAL;
	}
	HandlerResult h = grid_page(r, 200, code, period, &g, 0);
	grid_free(&g);
	return h;
}

HandlerResult web_unit_grid_save(Req *r)
{
	const char *code = req_param(r, "code"), *period = req_param(r, "period");
	Grid g;
	Err e = {0};
	if (grid_load(r, &g, code, period, &e) != 0) {
		grid_free(&g);
		return e.code ? resp_err(r, &e) : H_FATAL;
	}
	size_t saved = 0, failed = 0;
	ReportValue *values = arena_alloc(&r->arena, (g.ncols ? g.ncols : 1) * sizeof *values);
	for (size_t i = 0; i < g.n; i++) {
		GridRow *x = &g.rows[i];
		if (!row_editable(x))
			continue;
		/* Only rows where something differs from what the grid showed: an untouched row
		 * makes no empty draft and no audit record. */
		size_t n = 0;
		int changed = 0;
		for (size_t k = 0; k < g.ncols; k++) {
			ReportItem *it = row_item(x, g.cols[k].code);
			if (!it || it->computed)
				continue;
			const char *v = trimmed(req_form(r, cell_name(r, x, it->ind.code)));
			if (!v)
				continue;
			changed |= strcmp(v, value_text(r, it)) != 0;
			values[n].code = g.cols[k].code;
			values[n].text = *v ? v : NULL;
			n++;
		}
		if (!changed)
			continue;
		ReportSaveOpts opts = {.source = "grid",
				       .confirm_all = form_checked(r, arena_printf(&r->arena, "confirm_%lld",
										   (long long)x->s.club_id))};
		x->p = calloc(1, sizeof *x->p);
		if (!x->p) {
			grid_free(&g);
			return H_FATAL;
		}
		if (report_save(r->db, &r->actor, x->s.club_id, period, values, n, &opts, x->p, &x->e) != 0) {
			if (err_http_status(x->e.code) >= 500) {
				grid_free(&g);
				return resp_err(r, &x->e);
			}
			x->failed = 1;
			failed++;
		} else {
			x->saved = 1;
			saved++;
		}
	}
	if (!failed) {
		grid_free(&g);
		return resp_redirect(r, arena_printf(&r->arena, "/units/%s/reports/%s/grid?saved=%zu", code, period, saved));
	}
	if (grid_load_reports(r, &g, period, &e) != 0) {
		grid_free(&g);
		return e.code ? resp_err(r, &e) : H_FATAL;
	}
	HandlerResult h = grid_page(r, 422, code, period, &g, saved);
	grid_free(&g);
	return h;
}
