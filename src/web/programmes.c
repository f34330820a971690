/* Pages of the programmes (issue 8): the programmes and their targets with progress against the
 * target in force (/programmes, /programmes/{id}); the province plans with the "57/63 tỉnh" count
 * (/plans, /plans/{programme}/{code}, /plans.xlsx); the resources mobilised (/resources...,
 * /resources.xlsx); donor projects (/donor-projects...). Every figure comes from core/programme.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/import.h"
#include "core/programme.h"
#include "core/scope.h"
#include "core/unit.h"
#include "http/server.h"
#include "lib/vi.h"
#include "out/xlsx.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

/* ---- small pieces ---- */

static const char *num(int64_t v, char buf[VI_NUM_BUFSZ])
{
	return vi_format_int(v, buf);
}

/* "95%" or "70,5%" from per mille. */
static const char *pct(int64_t permille, char buf[VI_NUM_BUFSZ + 2])
{
	char d[VI_NUM_BUFSZ];
	if (permille % 10 == 0)
		snprintf(buf, VI_NUM_BUFSZ + 2, "%s%%", vi_format_int(permille / 10, d));
	else
		snprintf(buf, VI_NUM_BUFSZ + 2, "%s%%", vi_format_decimal(permille, 1, d));
	return buf;
}

static const char *measure_label(Req *r, int m)
{
	return m >= 0 && m < M_COUNT ? tr(r, programme_measures[m].vi, programme_measures[m].en) : "?";
}

/* A target's value as people read it. */
static const char *target_value(int m, int64_t v, char buf[VI_NUM_BUFSZ + 2])
{
	if (m >= 0 && m < M_COUNT && programme_measures[m].is_share)
		return pct(v, buf);
	return vi_format_int(v, buf);
}

static void date_cell(Req *r, Buf *b, const char *label, const char *iso)
{
	(void)r;
	page_td(b, label, "nowrap");
	page_date(b, iso, "");
	html(b, "</td>");
}

/* The programme a request names: the path's {id}, else ?programme= (id or code), else the one in
 * force today. 1, 0 after answering 404, -1 store error. */
static int programme_of_request(Req *r, const char *param, ProgrammeInfo *p)
{
	const char *v = param ? req_param(r, param) : req_query(r, "programme");
	int have;
	if (v && *v) {
		char *end;
		long long id = strtoll(v, &end, 10);
		have = *end ? programme_get_code(r->db, v, p) : programme_get(r->db, id, p);
	} else {
		char today[11];
		unit_today(today);
		have = programme_current(r->db, today, p);
	}
	if (have == 0)
		resp_error(r, E_NOT_FOUND, NULL, NULL);
	return have;
}

/* ?year=: 0 when absent; -1 after answering 422. */
static int year_of_request(Req *r, const ProgrammeInfo *p)
{
	const char *v = req_query(r, "year");
	if (!v || !*v)
		return 0;
	char *end;
	long y = strtol(v, &end, 10);
	if (*end || y < 1900 || y > 2200 || (p && p->start_year && y < p->start_year) || (p && p->end_year && y > p->end_year)) {
		resp_error(r, E_PROGRAMME_YEAR, "year", NULL);
		return -1;
	}
	return (int)y;
}

static void year_options(Req *r, Buf *b, const ProgrammeInfo *p, int year, const char *whole)
{
	char y[8];
	form_option(b, "", whole, year ? NULL : "");
	for (int k = p->start_year; p->start_year && k <= p->end_year; k++) {
		snprintf(y, sizeof y, "%d", k);
		char sel[8];
		snprintf(sel, sizeof sel, "%d", year);
		form_option(b, y, y, sel);
	}
	(void)r;
}

/* ---- /programmes ---- */

typedef struct ListCtx {
	Req *r;
	Buf *b;
	int n;
} ListCtx;

static void programme_card(const ProgrammeInfo *p, void *arg)
{
	ListCtx *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	char d[VI_DATE_BUFSZ];
	html(b, "<tr>");
	page_td(b, tr(r, "Đề án", "Programme"), NULL);
	page_link(b, "/programmes/", p->id, p->name);
	html(b, "</td>");
	page_cell(b, tr(r, "Quyết định", "Decision"), "nowrap", p->decision);
	page_td(b, tr(r, "Ngày quyết định", "Decision date"), "nowrap");
	if (p->decision_date[0])
		html_txt(b, vi_format_date(p->decision_date, d) ? d : p->decision_date);
	else
		html_txt(b, tr(r, "chưa ghi", "not entered"));
	html(b, "</td>");
	page_td(b, tr(r, "Giai đoạn", "Period"), "nowrap");
	html_txtf(b, "%d–%d", p->start_year, p->end_year);
	html(b, "</td></tr>");
	c->n++;
}

HandlerResult web_programmes(Req *r)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Đề án và chỉ tiêu", "Programmes and targets"));
	html(&b, "<p class=\"lead\">");
	html_txt(&b, tr(r, "Các Đề án nhân rộng mô hình CLB Liên thế hệ tự giúp nhau, chỉ tiêu và kết quả thực hiện.",
			"The programmes that replicate the clubs, their targets and what has been achieved."));
	html(&b, "</p>");
	page_table_begin(&b, NULL);
	page_th(&b, tr(r, "Đề án", "Programme"));
	page_th(&b, tr(r, "Quyết định", "Decision"));
	page_th(&b, tr(r, "Ngày quyết định", "Decision date"));
	page_th(&b, tr(r, "Giai đoạn", "Period"));
	html(&b, "</tr></thead><tbody>");
	ListCtx c = {r, &b, 0};
	if (programme_list_kind(r->db, NULL, programme_card, &c) < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody></table></div><ul class=\"actions\">");
	if (plan_may_read(&r->actor))
		page_action(&b, "/plans", tr(r, "Kế hoạch của các tỉnh", "Province plans"));
	if (resource_may_read(&r->actor))
		page_action(&b, "/resources", tr(r, "Nguồn lực huy động", "Resources mobilised"));
	page_action(&b, "/donor-projects", tr(r, "Dự án tài trợ", "Donor projects"));
	html(&b, "</ul>");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* ---- /programmes/{id} ---- */

typedef struct ProvOpt {
	Buf *b;
	const char *selected;
} ProvOpt;

static void province_option(const Unit *u, void *arg)
{
	ProvOpt *o = arg;
	form_option(o->b, u->code, u->name, o->selected);
}

static void province_options(Req *r, Buf *b, const ProgrammeInfo *p, const char *selected)
{
	char today[11];
	unit_today(today);
	UnitFilter f = {.on = p->start_date[0] ? p->start_date : today, .level = UNIT_PROVINCE};
	ProvOpt o = {b, selected};
	unit_list(r->db, &f, 0, 200, province_option, &o);
}

typedef struct TargetRows {
	Req *r;
	Buf *b;
	int history;
	int n;
} TargetRows;

static void target_row_html(const Target *t, void *arg)
{
	TargetRows *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	if (c->history != (t->superseded_by != 0))
		return;
	char v[VI_NUM_BUFSZ + 2];
	html(b, "<tr>");
	page_cell(b, tr(r, "Đơn vị", "Unit"), NULL, t->unit_id ? t->unit_name : tr(r, "Toàn quốc", "Whole country"));
	page_cell(b, tr(r, "Chỉ tiêu", "Measure"), NULL, measure_label(r, t->measure));
	page_td(b, tr(r, "Năm", "Year"), "nowrap");
	if (t->year)
		html_int(b, t->year);
	else
		html_txt(b, tr(r, "Cả giai đoạn", "Whole period"));
	html(b, "</td>");
	page_cell(b, tr(r, "Mức", "Value"), "num", target_value(t->measure, t->value, v));
	date_cell(r, b, tr(r, "Ngày quyết định", "Decided on"), t->decided_on);
	page_cell(b, tr(r, "Lý do, căn cứ", "Reason"), NULL, t->reason);
	html(b, "</tr>");
	c->n++;
}

static void progress_table(Req *r, Buf *b, const ProgrammeInfo *p, const Progress *pr, int64_t unit_id, const char *unit_code)
{
	char v[VI_NUM_BUFSZ + 2], a[VI_NUM_BUFSZ + 2], x[VI_NUM_BUFSZ + 2], n1[VI_NUM_BUFSZ], n2[VI_NUM_BUFSZ];
	page_table_begin(b, NULL);
	page_th(b, tr(r, "Chỉ tiêu", "Measure"));
	page_th(b, tr(r, "Chỉ tiêu kế hoạch đang áp dụng", "Target in force"));
	page_th(b, tr(r, "Thực hiện", "Achieved"));
	page_th(b, tr(r, "So với chỉ tiêu", "Against the target"));
	page_th(b, tr(r, "Số liệu lấy từ", "Where the figure comes from"));
	html(b, "</tr></thead><tbody>");
	for (int m = 0; m < M_COUNT; m++) {
		const Progress *g = &pr[m];
		if (unit_id && programme_measures[m].national_only)
			continue;
		html(b, "<tr>");
		page_cell(b, tr(r, "Chỉ tiêu", "Measure"), NULL, measure_label(r, m));
		page_td(b, tr(r, "Chỉ tiêu kế hoạch đang áp dụng", "Target in force"), "num");
		if (g->has_target) {
			html(b, "<strong>");
			html_txt(b, (programme_measures[m].is_share ? "≥ " : ""));
			html_txt(b, target_value(m, g->target.value, v));
			html(b, "</strong>");
		} else {
			html_txt(b, tr(r, "chưa đặt", "not set"));
		}
		html(b, "</td>");
		page_td(b, tr(r, "Thực hiện", "Achieved"), "num");
		if (g->state == ACTUAL_NOT_ASSESSED)
			html_txt(b, tr(r, "chưa đánh giá", "not assessed yet"));
		else if (g->state == ACTUAL_NO_DATA)
			html_txt(b, tr(r, "chưa có dữ liệu", "no data yet"));
		else if (programme_measures[m].is_share) {
			html_txt(b, pct(g->actual, a));
			html(b, " <span class=\"muted\">(");
			html_txtf(b, "%s/%s", num(g->num, n1), num(g->den, n2));
			html(b, ")</span>");
		} else
			html_txt(b, num(g->actual, n1));
		html(b, "</td>");
		page_td(b, tr(r, "So với chỉ tiêu", "Against the target"), "num");
		if (g->has_target && g->state == ACTUAL_OK && g->target.value > 0)
			html_txt(b, pct(g->permille_of_target, x));
		else
			html(b, "—");
		html(b, "</td>");
		page_td(b, tr(r, "Số liệu lấy từ", "Where the figure comes from"), NULL);
		switch (m) {
		case M_NEW_CLUBS:
		case M_MEMBERS:
		case M_OLDER_MEMBERS:
			html(b, "<a href=\"/clubs");
			if (unit_code && *unit_code) {
				html(b, "?unit=");
				html_urlenc(b, unit_code);
			}
			html(b, "\">");
			html_txt(b, m == M_NEW_CLUBS ? tr(r, "Danh sách CLB (ngày thành lập)", "The clubs (founding date)")
						     : tr(r, "Sổ thành viên của các CLB mới", "The new clubs' member books"));
			html(b, "</a>");
			break;
		case M_PROVINCE_SHARE:
			html(b, "<a href=\"/reports/overview\">");
			html_txt(b, tr(r, "CLB theo tỉnh", "Clubs by province"));
			html(b, "</a>");
			break;
		case M_BORROWING_SHARE:
			html(b, "<a href=\"/reports/overview");
			if (unit_code && *unit_code) {
				html(b, "?unit=");
				html_urlenc(b, unit_code);
			}
			html(b, "\">");
			html_txt(b, tr(r, "Báo cáo tháng: số thành viên đang vay / tổng số thành viên",
				       "Monthly reports: members with a loan / members"));
			html(b, "</a>");
			break;
		case M_WELL_MANAGED_SHARE:
			html_txt(b, tr(r, "Đánh giá chất lượng CLB hằng năm", "The clubs' annual quality assessment"));
			break;
		default:
			html_txt(b, tr(r, "Sổ quỹ của CLB (chưa có trong hệ thống)", "The clubs' fund books (not in the system yet)"));
		}
		html(b, "</td></tr>");
	}
	html(b, "</tbody></table></div>");
	(void)p;
}

static const char *target_message(Req *r, const char *id, const Err *e, const char *typed)
{
	(void)typed;
	if (strcmp(id, "value") == 0 && e->code == E_INVALID)
		return tr(r, "Nhập một số (ví dụ 3.000), hoặc một tỷ lệ phần trăm từ 0 đến 100 (ví dụ 95 hoặc 70,5).",
			  "Give a number (e.g. 3,000), or a percentage from 0 to 100 (e.g. 95 or 70.5).");
	if (strcmp(id, "unit") == 0 && e->code == E_INVALID)
		return tr(r, "Chỉ tiêu này chỉ đặt cho toàn quốc.", "This target is set for the whole country only.");
	return NULL;
}

static HandlerResult programme_page(Req *r, int status, const ProgrammeInfo *p, const char *failed, const Err *e)
{
	int year = year_of_request(r, p);
	if (year < 0)
		return H_ERROR;
	const char *unit_code = req_query(r, "unit");
	int64_t unit_id = 0;
	char unit_name[128] = "";
	if (unit_code && *unit_code) {
		int g = plan_province(r->db, &r->actor, p, unit_code, &unit_id, unit_name);
		if (g < 0)
			return H_FATAL;
		if (!g)
			return resp_error(r, E_NOT_FOUND, "unit", NULL);
	}
	Progress pr[M_COUNT];
	Err pe = {0};
	if (programme_progress(r->db, &r->actor, p->id, unit_id, year, pr, &pe) != 0)
		return pe.code == E_INTERNAL ? H_FATAL : resp_err(r, &pe);
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, p->name);
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	char d[VI_DATE_BUFSZ];
	html(&b, "<dl class=\"facts\">");
	page_fact(&b, tr(r, "Quyết định", "Decision"));
	html_txt(&b, p->decision);
	if (p->decision_date[0]) {
		html_txt(&b, tr(r, " ngày ", " of "));
		html_txt(&b, vi_format_date(p->decision_date, d) ? d : p->decision_date);
	} else {
		html_txt(&b, tr(r, " (ngày quyết định chưa ghi)", " (decision date not entered)"));
	}
	html(&b, "</dd>");
	page_fact(&b, tr(r, "Giai đoạn", "Period"));
	page_date(&b, p->start_date, "");
	html(&b, " – ");
	page_date(&b, p->end_date, "");
	html(&b, "</dd>");
	page_fact(&b, tr(r, "Số tỉnh/thành phố của giai đoạn", "Provinces of the period"));
	html_int(&b, programme_province_count(r->db, p));
	html(&b, "</dd></dl>");

	/* What the progress is of */
	html(&b, "<h2>");
	html_txt(&b, tr(r, "Kết quả so với chỉ tiêu", "Progress against the targets"));
	html(&b, "</h2><form method=\"get\" class=\"inline\" action=\"/programmes/");
	html_int(&b, p->id);
	html(&b, "\">");
	Form ff = {.r = r, .b = &b};
	form_select_begin(&ff, "year", tr(r, "Năm", "Year"), 0);
	year_options(r, &b, p, year, tr(r, "Cả giai đoạn (đến nay)", "Whole period (so far)"));
	form_select_end(&ff, "year");
	form_select_begin(&ff, "unit", tr(r, "Đơn vị", "Unit"), 0);
	form_option(&b, "", tr(r, "Toàn quốc", "Whole country"), unit_id ? NULL : "");
	province_options(r, &b, p, unit_code);
	form_select_end(&ff, "unit");
	form_inline_end(&b, NULL, tr(r, "Xem", "Show"));
	html(&b, "<p class=\"sub\">");
	html_txt(&b, unit_id ? unit_name : tr(r, "Toàn quốc", "Whole country"));
	html(&b, " · ");
	if (year)
		html_trf(r, &b, "Năm %d", "Year %d", year);
	else
		html_txt(&b, tr(r, "Cả giai đoạn, đến nay", "Whole period, so far"));
	html(&b, "</p>");
	progress_table(r, &b, p, pr, unit_id, unit_code);
	html(&b, "<p class=\"hint\">");
	html_txt(&b, tr(r, "CLB mới: các CLB có ngày thành lập trong năm (hoặc trong giai đoạn). Thành viên: người có tên trong sổ "
			   "của các CLB thành lập từ đầu giai đoạn, vào cuối năm. Tỷ lệ vay vốn: từ báo cáo tháng đã nộp của tháng cuối. "
			   "Tỷ lệ CLB có đủ hai quỹ: chưa có dữ liệu cho tới khi sổ quỹ của CLB có trong hệ thống.",
			"New clubs: clubs founded in the year (or the period). Members: people on the books of the clubs founded since "
			"the period began, at the year's end. Borrowing: from the submitted reports of the last month. Clubs holding "
			"both funds: no data until the clubs' fund books are in the system."));
	html(&b, "</p>");
	if (plan_may_read(&r->actor)) {
		html(&b, "<p><a class=\"button\" href=\"/plans?programme=");
		html_int(&b, p->id);
		if (year) {
			html(&b, "&amp;year=");
			html_int(&b, year);
		}
		html(&b, "\">");
		html_txt(&b, tr(r, "Kế hoạch của các tỉnh", "Province plans"));
		html(&b, "</a></p>");
	}

	/* Targets in force and their history */
	html(&b, "<h2 id=\"targets\">");
	html_txt(&b, tr(r, "Chỉ tiêu kế hoạch đang áp dụng", "Targets in force"));
	html(&b, "</h2>");
	page_table_begin(&b, NULL);
	const char *heads[][2] = {{"Đơn vị", "Unit"}, {"Chỉ tiêu", "Measure"}, {"Năm", "Year"}, {"Mức", "Value"},
				  {"Ngày quyết định", "Decided on"}, {"Lý do, căn cứ", "Reason"}};
	for (size_t i = 0; i < 6; i++)
		page_th(&b, tr(r, heads[i][0], heads[i][1]));
	html(&b, "</tr></thead><tbody>");
	TargetRows tc = {r, &b, 0, 0};
	if (target_list(r->db, p->id, -1, 0, target_row_html, &tc) < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody></table></div>");
	html(&b, "<details><summary>");
	html_txt(&b, tr(r, "Các mức đã được điều chỉnh (lịch sử)", "Earlier values (history of revisions)"));
	html(&b, "</summary>");
	page_table_begin(&b, NULL);
	for (size_t i = 0; i < 6; i++)
		page_th(&b, tr(r, heads[i][0], heads[i][1]));
	html(&b, "</tr></thead><tbody>");
	TargetRows th = {r, &b, 1, 0};
	target_list(r->db, p->id, -1, 1, target_row_html, &th);
	html(&b, "</tbody></table></div>");
	if (!th.n) {
		html(&b, "<p>");
		html_txt(&b, tr(r, "Chưa có lần điều chỉnh nào.", "No revision yet."));
		html(&b, "</p>");
	}
	html(&b, "</details>");

	if (scope_is_national(&r->actor)) {
		const Err *te = failed && strcmp(failed, "target") == 0 ? e : NULL;
		html(&b, "<h2 id=\"set-target\">");
		html_txt(&b, tr(r, "Đặt hoặc điều chỉnh chỉ tiêu", "Set or revise a target"));
		html(&b, "</h2>");
		form_summary(r, &b, te);
		Form f = {.r = r, .b = &b, .e = te, .prefix = "t-", .message = target_message};
		char action[64];
		snprintf(action, sizeof action, "/programmes/%lld/targets", (long long)p->id);
		form_post_begin(r, &b, "narrow", action, "#set-target");
		form_select_begin(&f, "unit", tr(r, "Đơn vị", "Unit"), 0);
		const char *su = form_value(&f, "unit", "");
		form_option(&b, "", tr(r, "Toàn quốc", "Whole country"), su);
		province_options(r, &b, p, su);
		form_select_end(&f, "unit");
		const char *sy = form_value(&f, "year", "");
		form_select_begin(&f, "year", tr(r, "Năm", "Year"), 0);
		year_options(r, &b, p, sy[0] ? atoi(sy) : 0, tr(r, "Cả giai đoạn", "Whole period"));
		form_select_end(&f, "year");
		FormChoice mc[M_COUNT];
		for (int m = 0; m < M_COUNT; m++)
			mc[m] = (FormChoice){programme_measures[m].code, programme_measures[m].vi, programme_measures[m].en};
		form_select(&f, "measure", tr(r, "Chỉ tiêu", "Measure"), mc, M_COUNT, form_value(&f, "measure", "new_clubs"), 0);
		form_input(&f, "value", tr(r, "Mức chỉ tiêu", "Target value"), "text", form_value(&f, "value", ""),
			   "required maxlength=\"20\" inputmode=\"decimal\"",
			   tr(r, "Số CLB, số người; hoặc tỷ lệ phần trăm (95 nghĩa là 95%).",
			      "Clubs, people; or a percentage (95 means 95%)."));
		char today[11], dv[VI_DATE_BUFSZ];
		unit_today(today);
		form_date(&f, "decided_on", tr(r, "Ngày quyết định / điều chỉnh", "Decided on"),
			  form_value(&f, "decided_on", form_date_value(today, dv)), "required");
		form_input(&f, "reason", tr(r, "Lý do, căn cứ (bắt buộc khi điều chỉnh)", "Reason (required for a revision)"), "text",
			   form_value(&f, "reason", ""), "maxlength=\"390\"", NULL);
		form_button(&b, "primary", tr(r, "Lưu chỉ tiêu", "Save the target"));
		html(&b, "</form>");

		const Err *pe2 = failed && strcmp(failed, "programme") == 0 ? e : NULL;
		html(&b, "<details id=\"edit-programme\"");
		if (pe2)
			html(&b, " open");
		html(&b, "><summary>");
		html_txt(&b, tr(r, "Sửa quyết định và giai đoạn của Đề án", "Edit the programme's decision and period"));
		html(&b, "</summary>");
		form_summary(r, &b, pe2);
		Form g = {.r = r, .b = &b, .e = pe2, .prefix = "p-"};
		char pa[64], d1[VI_DATE_BUFSZ], d2[VI_DATE_BUFSZ], d3[VI_DATE_BUFSZ];
		snprintf(pa, sizeof pa, "/programmes/%lld", (long long)p->id);
		form_post_begin(r, &b, "narrow", pa, "#edit-programme");
		form_input(&g, "name", tr(r, "Tên Đề án", "Name"), "text", form_value(&g, "name", p->name), "required maxlength=\"190\"", NULL);
		form_input(&g, "decision", tr(r, "Số quyết định", "Decision number"), "text", form_value(&g, "decision", p->decision),
			   "maxlength=\"60\"", NULL);
		form_date(&g, "decision_date", tr(r, "Ngày quyết định", "Decision date"),
			  form_value(&g, "decision_date", form_date_value(p->decision_date, d1)), NULL);
		form_date(&g, "start_date", tr(r, "Bắt đầu", "Starts"), form_value(&g, "start_date", form_date_value(p->start_date, d2)),
			  "required");
		form_date(&g, "end_date", tr(r, "Kết thúc", "Ends"), form_value(&g, "end_date", form_date_value(p->end_date, d3)),
			  "required");
		form_button(&b, "primary", tr(r, "Lưu", "Save"));
		html(&b, "</form></details>");
	}
	page_history_link(&b, "programme", p->id, tr(r, "Lịch sử thay đổi của Đề án", "Change history of the programme"));
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_programme_show(Req *r)
{
	ProgrammeInfo p;
	int have = programme_of_request(r, "id", &p);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	return programme_page(r, 200, &p, NULL, NULL);
}

HandlerResult web_programme_update(Req *r)
{
	ProgrammeInfo p;
	int have = programme_of_request(r, "id", &p);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	ProgrammeInput in = {req_form(r, "name"), req_form(r, "decision"), req_form(r, "decision_date"),
			     req_form(r, "start_date"), req_form(r, "end_date")};
	Err e = {0};
	if (programme_update(r->db, &r->actor, p.id, &in, &e) != 0)
		return e.code == E_INTERNAL ? H_FATAL : programme_page(r, err_http_status(e.code), &p, "programme", &e);
	char loc[64];
	snprintf(loc, sizeof loc, "/programmes/%lld?saved=1", (long long)p.id);
	return resp_redirect(r, loc);
}

HandlerResult web_target_set(Req *r)
{
	ProgrammeInfo p;
	int have = programme_of_request(r, "id", &p);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	TargetInput in = {req_form(r, "unit"), req_form(r, "year"), req_form(r, "measure"), req_form(r, "value"),
			  req_form(r, "decided_on"), req_form(r, "reason")};
	Err e = {0};
	if (target_set(r->db, &r->actor, p.id, &in, &e) < 0)
		return e.code == E_INTERNAL ? H_FATAL : programme_page(r, err_http_status(e.code), &p, "target", &e);
	char loc[64];
	snprintf(loc, sizeof loc, "/programmes/%lld?saved=1#targets", (long long)p.id);
	return resp_redirect(r, loc);
}

/* ---- /plans ---- */

typedef struct PlanRows {
	Req *r;
	Buf *b;
	int edit;
	int year;
} PlanRows;

static void yes_no(Req *r, Buf *b, const char *label, int on)
{
	page_td(b, label, NULL);
	html_txt(b, on ? tr(r, "Có", "Yes") : tr(r, "Chưa", "Not yet"));
	html(b, "</td>");
}

static void plan_row_html(const ProvincePlan *x, void *arg)
{
	PlanRows *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	char n1[VI_NUM_BUFSZ], d[VI_DATE_BUFSZ];
	html(b, "<tr>");
	page_td(b, tr(r, "Tỉnh/thành phố", "Province"), NULL);
	html(b, "<a href=\"/plans/");
	html_int(b, x->programme_id);
	html(b, "/");
	html_attr(b, x->unit_code);
	html(b, "\">");
	html_txt(b, x->unit_name);
	html(b, "</a></td>");
	page_td(b, tr(r, "Kế hoạch của UBND tỉnh", "People's Committee plan"), NULL);
	if (x->issued) {
		html_txt(b, x->doc_no[0] ? x->doc_no : tr(r, "Đã ban hành", "Issued"));
		if (x->issued_on[0]) {
			html(b, " ");
			html_txt(b, tr(r, "ngày ", "of "));
			html_txt(b, vi_format_date(x->issued_on, d) ? d : x->issued_on);
		}
	} else {
		html(b, "<strong>");
		html_txt(b, tr(r, "Chưa ban hành", "Not issued"));
		html(b, "</strong>");
	}
	html(b, "</td>");
	page_cell(b, tr(r, "CLB đăng ký thành lập mới", "New clubs registered"), "num",
		  x->has_clubs_registered ? num(x->clubs_registered, n1) : "—");
	page_cell(b, tr(r, "Chỉ tiêu CLB mới", "New-clubs target"), "num", x->has_target ? num(x->target_new_clubs, n1) : "—");
	page_cell(b, tr(r, "CLB đã thành lập", "Clubs founded"), "num", num(x->clubs_founded, n1));
	page_td(b, tr(r, "Kinh phí 5 năm được duyệt", "Five-year budget approved"), "num");
	if (x->has_budget) {
		char m[VI_NUM_BUFSZ];
		html_txt(b, vi_format_money(x->budget_vnd, m));
		if (x->budget_decision[0]) {
			html(b, "<br><span class=\"muted\">");
			html_txt(b, x->budget_decision);
			html(b, "</span>");
		}
	} else {
		html(b, "—");
	}
	html(b, "</td>");
	yes_no(r, b, tr(r, "Cơ chế tài chính", "Financial mechanism"), x->finance_mechanism);
	yes_no(r, b, tr(r, "Chính sách huy động nguồn lực", "Mobilisation policy"), x->mobilisation_policy);
	page_cell(b, tr(r, "Vướng mắc", "Holding it back"), NULL, x->obstacles);
	html(b, "</tr>");
}

static void programme_choice(const ProgrammeInfo *p, void *arg)
{
	ProvOpt *o = arg;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	form_option(o->b, id, p->name, o->selected);
}

HandlerResult web_plans(Req *r)
{
	ProgrammeInfo p;
	int have = programme_of_request(r, NULL, &p);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	int year = year_of_request(r, &p);
	if (year < 0)
		return H_ERROR;
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Kế hoạch của các tỉnh", "Province plans"));
	html(&b, "<form method=\"get\" class=\"inline\" action=\"/plans\">");
	Form ff = {.r = r, .b = &b};
	char pid[24];
	snprintf(pid, sizeof pid, "%lld", (long long)p.id);
	form_select_begin(&ff, "programme", tr(r, "Đề án", "Programme"), 0);
	ProvOpt po = {&b, pid};
	programme_list_kind(r->db, NULL, programme_choice, &po);
	form_select_end(&ff, "programme");
	form_select_begin(&ff, "year", tr(r, "Tính đến hết năm", "By the end of"), 0);
	year_options(r, &b, &p, year, tr(r, "Đến nay", "So far"));
	form_select_end(&ff, "year");
	form_inline_end(&b, NULL, tr(r, "Xem", "Show"));

	/* The rows first (they fill the summary), then the page in reading order. */
	Buf rows;
	buf_init(&rows, 0);
	PlanRows pr = {r, &rows, plan_may_edit(&r->actor), year};
	PlanSummary s;
	if (plan_list(r->db, &r->actor, p.id, year, plan_row_html, &pr, &s) < 0) {
		buf_free(&b);
		buf_free(&rows);
		return H_FATAL;
	}
	char n1[VI_NUM_BUFSZ], n2[VI_NUM_BUFSZ], m[VI_NUM_BUFSZ], x[VI_NUM_BUFSZ + 2];
	html(&b, "<h2>");
	html_txt(&b, p.name);
	html(&b, "</h2><ul class=\"cards\"><li class=\"card\"><strong>");
	html_txtf(&b, "%s/%s", num(s.issued, n1), num(s.provinces, n2));
	html(&b, "</strong> ");
	html_txt(&b, tr(r, "tỉnh/thành phố đã có kế hoạch do UBND tỉnh ban hành", "provinces with a plan issued by the People's Committee"));
	if (year) {
		html(&b, " ");
		html_trf(r, &b, "(đến hết năm %d)", "(by the end of %d)", year);
	}
	html(&b, "</li><li class=\"card\"><strong>");
	html_txt(&b, num(s.clubs_registered, n1));
	html(&b, "</strong> ");
	html_txt(&b, tr(r, "CLB các tỉnh đăng ký thành lập mới", "new clubs the provinces registered"));
	if (s.has_target && s.target_new_clubs > 0) {
		html(&b, " ");
		html_trf(r, &b, "(chỉ tiêu Đề án %s; đạt %s)", "(programme target %s; %s of it)", num(s.target_new_clubs, n2),
			 pct((s.clubs_registered * 1000 + s.target_new_clubs / 2) / s.target_new_clubs, x));
	}
	html(&b, "</li><li class=\"card\"><strong>");
	html_txt(&b, num(s.budget_provinces, n1));
	html(&b, "</strong> ");
	html_trf(r, &b, "tỉnh được phê duyệt kinh phí 5 năm, tổng %s", "provinces with a five-year budget approved, %s in all",
		 vi_format_money(s.budget_total, m));
	html(&b, "</li><li class=\"card\"><strong>");
	html_txt(&b, num(s.mechanism, n1));
	html(&b, "</strong> ");
	html_txt(&b, tr(r, "tỉnh có cơ chế tài chính được duyệt;", "provinces with a financial mechanism approved;"));
	html(&b, " <strong>");
	html_txt(&b, num(s.policy, n1));
	html(&b, "</strong> ");
	html_txt(&b, tr(r, "tỉnh có chính sách huy động nguồn lực", "with a resource mobilisation policy"));
	html(&b, "</li></ul>");
	page_table_begin(&b, NULL);
	const char *heads[][2] = {{"Tỉnh/thành phố", "Province"},
				  {"Kế hoạch của UBND tỉnh", "People's Committee plan"},
				  {"CLB đăng ký thành lập mới", "New clubs registered"},
				  {"Chỉ tiêu CLB mới", "New-clubs target"},
				  {"CLB đã thành lập", "Clubs founded"},
				  {"Kinh phí 5 năm được duyệt", "Five-year budget approved"},
				  {"Cơ chế tài chính", "Financial mechanism"},
				  {"Chính sách huy động nguồn lực", "Mobilisation policy"},
				  {"Vướng mắc", "Holding it back"}};
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
		page_th(&b, tr(r, heads[i][0], heads[i][1]));
	html(&b, "</tr></thead><tbody>");
	buf_append(&b, rows.data, rows.len);
	buf_free(&rows);
	html(&b, "</tbody></table></div><ul class=\"actions\">");
	char href[96];
	snprintf(href, sizeof href, "/plans.xlsx?programme=%lld%s%.6s", (long long)p.id, year ? "&year=" : "",
		 year ? req_query(r, "year") : "");
	page_action(&b, href, tr(r, "Tải về Excel (.xlsx)", "Download as Excel (.xlsx)"));
	if (plan_may_edit(&r->actor))
		page_action(&b, "/imports/new?kind=plans", tr(r, "Nhập kế hoạch từ Excel", "Import plans from Excel"));
	html(&b, "</ul>");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static const char *plan_message(Req *r, const char *id, const Err *e, const char *typed)
{
	(void)typed;
	if (strcmp(id, "issued") == 0 && e->code == E_INVALID)
		return tr(r, "Có số hoặc ngày văn bản thì hãy đánh dấu “UBND tỉnh đã ban hành”.",
			  "A document number or date is given: tick “issued by the People's Committee”.");
	if ((strcmp(id, "budget_vnd") == 0 || strcmp(id, "clubs_registered") == 0) && e->code == E_INVALID)
		return tr(r, "Nhập một số nguyên không âm, ví dụ 1.250.000.000.", "Give a whole number, e.g. 1,250,000,000.");
	return NULL;
}

static HandlerResult plan_page(Req *r, int status, const ProgrammeInfo *p, const ProvincePlan *x, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	char title[300];
	snprintf(title, sizeof title, "%s: %s", tr(r, "Kế hoạch", "Plan"), x->unit_name);
	page_begin(r, &b, title);
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	html(&b, "<p class=\"sub\">");
	html_txt(&b, p->name);
	html(&b, "</p>");
	char n1[VI_NUM_BUFSZ], d[VI_DATE_BUFSZ], m[VI_NUM_BUFSZ];
	if (!plan_may_edit(&r->actor)) {
		html(&b, "<dl class=\"facts\">");
		page_fact(&b, tr(r, "Kế hoạch của UBND tỉnh", "People's Committee plan"));
		html_txt(&b, x->issued ? (x->doc_no[0] ? x->doc_no : tr(r, "Đã ban hành", "Issued")) : tr(r, "Chưa ban hành", "Not issued"));
		if (x->issued_on[0]) {
			html(&b, " ");
			html_txt(&b, vi_format_date(x->issued_on, d) ? d : "");
		}
		html(&b, "</dd>");
		page_fact_txt(&b, tr(r, "CLB đăng ký thành lập mới", "New clubs registered"),
			      x->has_clubs_registered ? num(x->clubs_registered, n1) : "—");
		page_fact_txt(&b, tr(r, "Kinh phí 5 năm được duyệt", "Five-year budget approved"),
			      x->has_budget ? vi_format_money(x->budget_vnd, m) : "—");
		page_fact_txt(&b, tr(r, "Quyết định phê duyệt kinh phí", "Budget decision"), x->budget_decision);
		page_fact_txt(&b, tr(r, "Cơ chế tài chính", "Financial mechanism"), x->finance_mechanism ? tr(r, "Có", "Yes") : tr(r, "Chưa", "Not yet"));
		page_fact_txt(&b, tr(r, "Chính sách huy động nguồn lực", "Mobilisation policy"),
			      x->mobilisation_policy ? tr(r, "Có", "Yes") : tr(r, "Chưa", "Not yet"));
		page_fact_txt(&b, tr(r, "Vướng mắc", "Holding it back"), x->obstacles);
		html(&b, "</dl>");
	} else {
		form_summary(r, &b, e);
		Form f = {.r = r, .b = &b, .e = e, .message = plan_message};
		char action[64];
		snprintf(action, sizeof action, "/plans/%lld/%s", (long long)p->id, x->unit_code);
		form_post_begin(r, &b, "narrow", action, NULL);
		int issued = e ? form_checked(r, "issued") : x->issued;
		form_checkbox(&f, "issued", tr(r, "UBND tỉnh đã ban hành kế hoạch/đề án", "Issued by the People's Committee"), issued);
		form_input(&f, "doc_no", tr(r, "Số, ký hiệu văn bản", "Document number"), "text", form_value(&f, "doc_no", x->doc_no),
			   "maxlength=\"60\"", tr(r, "Ví dụ: KH 23/KH-UBND", "E.g. KH 23/KH-UBND"));
		form_date(&f, "issued_on", tr(r, "Ngày ban hành", "Issued on"), form_value(&f, "issued_on", form_date_value(x->issued_on, d)),
			  NULL);
		char cr[VI_NUM_BUFSZ] = "";
		if (x->has_clubs_registered)
			num(x->clubs_registered, cr);
		form_input(&f, "clubs_registered", tr(r, "Số CLB đăng ký thành lập mới trong giai đoạn", "New clubs registered for the period"),
			   "text", form_value(&f, "clubs_registered", cr), "inputmode=\"numeric\" maxlength=\"12\"", NULL);
		char bv[VI_NUM_BUFSZ] = "";
		if (x->has_budget)
			num(x->budget_vnd, bv);
		form_input(&f, "budget_vnd", tr(r, "Kinh phí 5 năm được phê duyệt (đồng)", "Five-year budget approved (đồng)"), "text",
			   form_value(&f, "budget_vnd", bv), "inputmode=\"numeric\" maxlength=\"24\"", NULL);
		form_input(&f, "budget_decision", tr(r, "Quyết định phê duyệt kinh phí", "Decision approving the budget"), "text",
			   form_value(&f, "budget_decision", x->budget_decision), "maxlength=\"60\"", NULL);
		char bd[VI_DATE_BUFSZ];
		form_date(&f, "budget_date", tr(r, "Ngày phê duyệt kinh phí", "Budget approved on"),
			  form_value(&f, "budget_date", form_date_value(x->budget_date, bd)), NULL);
		form_checkbox(&f, "finance_mechanism", tr(r, "Cơ chế tài chính đã được phê duyệt", "Financial mechanism approved"),
			      e ? form_checked(r, "finance_mechanism") : x->finance_mechanism);
		form_checkbox(&f, "mobilisation_policy",
			      tr(r, "Chính sách huy động nguồn lực đã được phê duyệt", "Resource mobilisation policy approved"),
			      e ? form_checked(r, "mobilisation_policy") : x->mobilisation_policy);
		form_input(&f, "obstacles", tr(r, "Vướng mắc, khó khăn", "What is holding it back"), "text",
			   form_value(&f, "obstacles", x->obstacles), "maxlength=\"990\"", NULL);
		form_button(&b, "primary", tr(r, "Lưu kế hoạch", "Save the plan"));
		html(&b, "</form>");
	}
	html(&b, "<p><a href=\"/plans?programme=");
	html_int(&b, p->id);
	html(&b, "\">");
	html_txt(&b, tr(r, "Kế hoạch của các tỉnh", "Province plans"));
	html(&b, "</a> · <a href=\"/programmes/");
	html_int(&b, p->id);
	html(&b, "?unit=");
	html_urlenc(&b, x->unit_code);
	html(&b, "\">");
	html_txt(&b, tr(r, "Kết quả so với chỉ tiêu của tỉnh", "The province's progress against its targets"));
	html(&b, "</a></p>");
	if (x->exists) {
		char id[48];
		snprintf(id, sizeof id, "%lld:%s", (long long)p->id, x->unit_code);
		html(&b, "<p><a href=\"/audit?entity=plan&amp;id=");
		html_urlenc(&b, id);
		html(&b, "\">");
		html_txt(&b, tr(r, "Lịch sử thay đổi của kế hoạch", "Change history of the plan"));
		html(&b, "</a></p>");
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static int plan_of_request(Req *r, ProgrammeInfo *p, ProvincePlan *x)
{
	int have = programme_of_request(r, "programme", p);
	if (have <= 0)
		return have;
	have = plan_get(r->db, &r->actor, p->id, req_param(r, "code"), x);
	if (have == 0)
		resp_error(r, E_NOT_FOUND, NULL, NULL);
	return have;
}

HandlerResult web_plan_show(Req *r)
{
	ProgrammeInfo p;
	ProvincePlan x;
	int have = plan_of_request(r, &p, &x);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	return plan_page(r, 200, &p, &x, NULL);
}

/* A checkbox of a form: "1" when ticked, "0" when not (an unticked box sends nothing). */
static const char *box(Req *r, const char *name)
{
	return form_checked(r, name) ? "1" : "0";
}

HandlerResult web_plan_save(Req *r)
{
	ProgrammeInfo p;
	ProvincePlan x;
	int have = plan_of_request(r, &p, &x);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	PlanInput in = {box(r, "issued"), req_form(r, "doc_no"), req_form(r, "issued_on"), req_form(r, "clubs_registered"),
			req_form(r, "budget_vnd"), req_form(r, "budget_decision"), req_form(r, "budget_date"),
			box(r, "finance_mechanism"), box(r, "mobilisation_policy"), req_form(r, "obstacles")};
	Err e = {0};
	if (plan_save(r->db, &r->actor, p.id, x.unit_code, &in, &e) != 0)
		return e.code == E_INTERNAL ? H_FATAL : plan_page(r, err_http_status(e.code), &p, &x, &e);
	char loc[96];
	snprintf(loc, sizeof loc, "/plans/%lld/%s?saved=1", (long long)p.id, x.unit_code);
	return resp_redirect(r, loc);
}

/* ---- exports ---- */

/* A finished workbook at path (opened as fd) streamed to the client; cleans up in every case. */
static HandlerResult send_xlsx(Req *r, Xlsx *x, int fd, const char *path, const char *name, int bad)
{
	XlsxStatus s = xlsx_close(x);
	unlink(path);
	struct stat st;
	if (bad || s != XLSX_OK || fstat(fd, &st) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return s == XLSX_TOO_MANY_ROWS ? resp_error(r, E_TOO_LARGE, NULL, NULL) : H_FATAL;
	}
	return resp_file(r, fd, (uint64_t)st.st_size, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
}

static Xlsx *xlsx_open(int *fd, char path[4096], const char *title)
{
	const char *tmpdir = server_config()->tmpdir;
	snprintf(path, 4096, "%s/ishc-export-XXXXXX", tmpdir);
	*fd = mkstemp(path);
	if (*fd < 0)
		return NULL;
	Xlsx *x = xlsx_create(path, tmpdir, title);
	if (!x) {
		close(*fd);
		unlink(path);
	}
	return x;
}

static void plan_xlsx_row(const ProvincePlan *p, void *arg)
{
	Xlsx *x = arg;
	xlsx_text(x, p->unit_code);
	xlsx_text(x, p->unit_name);
	xlsx_text(x, p->issued ? "x" : "");
	xlsx_text(x, p->doc_no);
	xlsx_date(x, p->issued_on[0] ? p->issued_on : NULL);
	if (p->has_clubs_registered)
		xlsx_int(x, p->clubs_registered);
	else
		xlsx_blank(x);
	if (p->has_target)
		xlsx_int(x, p->target_new_clubs);
	else
		xlsx_blank(x);
	xlsx_int(x, p->clubs_founded);
	if (p->has_budget)
		xlsx_int(x, p->budget_vnd);
	else
		xlsx_blank(x);
	xlsx_text(x, p->budget_decision);
	xlsx_date(x, p->budget_date[0] ? p->budget_date : NULL);
	xlsx_text(x, p->finance_mechanism ? "x" : "");
	xlsx_text(x, p->mobilisation_policy ? "x" : "");
	xlsx_text(x, p->obstacles);
	xlsx_row_end(x);
}

HandlerResult web_plans_xlsx(Req *r)
{
	ProgrammeInfo p;
	int have = programme_of_request(r, NULL, &p);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	int year = year_of_request(r, &p);
	if (year < 0)
		return H_ERROR;
	/* The headings are those the plans import reads: an export edited in Excel imports back. */
	static const XlsxColumn cols[] = {
		{"Mã tỉnh", 8, XLSX_TEXT},
		{"Tỉnh/thành phố", 22, XLSX_TEXT},
		{"Đã ban hành", 10, XLSX_TEXT},
		{"Số văn bản", 18, XLSX_TEXT},
		{"Ngày ban hành", 12, XLSX_DATE},
		{"Số CLB đăng ký thành lập mới", 12, XLSX_NUMBER},
		{"Chỉ tiêu CLB mới (không nhập)", 12, XLSX_NUMBER},
		{"CLB đã thành lập (không nhập)", 12, XLSX_NUMBER},
		{"Kinh phí 5 năm (đồng)", 18, XLSX_AMOUNT},
		{"Quyết định phê duyệt kinh phí", 18, XLSX_TEXT},
		{"Ngày phê duyệt kinh phí", 12, XLSX_DATE},
		{"Cơ chế tài chính", 10, XLSX_TEXT},
		{"Chính sách huy động nguồn lực", 12, XLSX_TEXT},
		{"Vướng mắc", 40, XLSX_TEXT},
	};
	int fd;
	char path[4096];
	Xlsx *x = xlsx_open(&fd, path, "Kế hoạch của các tỉnh");
	if (!x)
		return H_FATAL;
	char sub[300];
	snprintf(sub, sizeof sub, "%s%s%.4s", p.name, year ? ", đến hết năm " : "", year ? req_query(r, "year") : "");
	int bad = xlsx_sheet(x, "Kế hoạch", "KẾ HOẠCH THỰC HIỆN ĐỀ ÁN CỦA CÁC TỈNH, THÀNH PHỐ", sub, cols,
			     (int)(sizeof cols / sizeof *cols)) != 0;
	PlanSummary s;
	if (!bad && plan_list(r->db, &r->actor, p.id, year, plan_xlsx_row, x, &s) < 0)
		bad = 1;
	char name[64];
	snprintf(name, sizeof name, "ke-hoach-%s.xlsx", p.code);
	return send_xlsx(r, x, fd, path, name, bad);
}

/* ---- the plans import (web/import.c calls these) ---- */

void web_plan_import_help(Req *r, Buf *b)
{
	html_txt(b, tr(r, "Mỗi dòng là kế hoạch của một tỉnh: cột Mã tỉnh (hoặc Tỉnh/thành phố), Đề án (1336 hoặc 1648; bỏ trống là "
			  "Đề án đang thực hiện), Đã ban hành (x), Số văn bản, Ngày ban hành, Số CLB đăng ký thành lập mới, Kinh phí 5 "
			  "năm (đồng), Quyết định phê duyệt kinh phí, Ngày phê duyệt kinh phí, Cơ chế tài chính (x), Chính sách huy "
			  "động nguồn lực (x), Vướng mắc. Cột nào không có thì giữ nguyên số liệu đã lưu. Tệp Excel tải về từ trang "
			  "Kế hoạch của các tỉnh có đúng các cột này.",
		       "Each row is one province's plan: Mã tỉnh (or Tỉnh/thành phố), Đề án (1336 or 1648; empty: the programme "
		       "running now), Đã ban hành (x), Số văn bản, Ngày ban hành, Số CLB đăng ký thành lập mới, Kinh phí 5 năm (đồng), "
		       "Quyết định phê duyệt kinh phí, Ngày phê duyệt kinh phí, Cơ chế tài chính (x), Chính sách huy động nguồn lực "
		       "(x), Vướng mắc. A column left out keeps what is stored. The Excel file downloaded from the Province plans "
		       "page has exactly these columns."));
}

void web_plan_import_rows(Req *r, Buf *b, const ImportResult *res, size_t max)
{
	page_th(b, tr(r, "Dòng", "Row"));
	page_th(b, tr(r, "Tỉnh/thành phố", "Province"));
	page_th(b, tr(r, "Kế hoạch", "Plan"));
	page_th(b, tr(r, "Kinh phí 5 năm", "Five-year budget"));
	page_th(b, tr(r, "Kết quả kiểm tra", "Check"));
	html(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < res->nitems && i < max; i++) {
		const ImportItem *it = &res->items[i];
		const ProvincePlan *x = it->plan;
		char m[VI_NUM_BUFSZ];
		html(b, "<tr>");
		page_td(b, tr(r, "Dòng", "Row"), "nowrap");
		html_int(b, (int64_t)it->row);
		html(b, "</td>");
		page_cell(b, tr(r, "Tỉnh/thành phố", "Province"), NULL, x ? x->unit_name : "");
		page_cell(b, tr(r, "Kế hoạch", "Plan"), NULL,
			  !x ? "" : x->issued ? (x->doc_no[0] ? x->doc_no : tr(r, "Đã ban hành", "Issued")) : tr(r, "Chưa ban hành", "Not issued"));
		page_cell(b, tr(r, "Kinh phí 5 năm", "Five-year budget"), "num", x && x->has_budget ? vi_format_money(x->budget_vnd, m) : "");
		page_cell(b, tr(r, "Kết quả kiểm tra", "Check"), NULL,
			  it->status == IMPORT_ROW_BAD	     ? tr(r, "Có lỗi", "Has problems")
			  : it->status == IMPORT_ROW_EXISTING ? tr(r, "Không đổi, bỏ qua", "Unchanged, skipped")
							      : tr(r, "Sẽ lưu", "Will be saved"));
		html(b, "</tr>");
	}
	html(b, "</tbody></table></div>");
}
