/* Pages of quality and recognition: the yearly club assessment (pre-filled from the data,
 * confirmed by the commune or province), the ranking of provinces and clubs with its weights,
 * commendations, and success stories with their photos and public page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "core/import.h"
#include "core/scope.h"
#include "http/server.h"
#include "core/work.h"
#include "lib/vi.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/workui.h"

typedef struct L {
	Req *r;
	Buf *b;
} L;

static void yes_cell(Buf *b, Req *r, const char *label, int v)
{
	page_cell(b, label, v ? "ok" : "no", workui_yes(r, v));
}

static int may_assess(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_PROVINCE || a->role == ROLE_COMMUNE;
}

/* ---- assessments ---- */

static void assessment_row(const Assessment *a, void *arg)
{
	L *l = arg;
	Req *r = l->r;
	Buf *b = l->b;
	html(b, "<tr>");
	page_td(b, tr(r, "CLB", "Club"), NULL);
	html(b, "<a href=\"/clubs/");
	html_int(b, a->club_id);
	buf_printf(b, "/assessments/%d\">", a->year);
	html_txt(b, a->club_name);
	html(b, "</a></td>");
	page_cell(b, tr(r, "Xã", "Commune"), NULL, a->unit_name);
	yes_cell(b, r, tr(r, "Họp hằng tháng", "Meets monthly"), a->meets_monthly);
	yes_cell(b, r, tr(r, "Báo cáo đúng hạn", "Reports on time"), a->reports_on_time);
	yes_cell(b, r, tr(r, "Đủ hai quỹ", "Both funds"), a->both_funds);
	yes_cell(b, r, tr(r, "Thu hồi vốn tốt", "Loans repaid"), a->loans_repaid);
	yes_cell(b, r, tr(r, "Đủ 5 TNV", "5 volunteers"), a->volunteers_ok);
	page_td(b, tr(r, "Số mảng hoạt động", "Areas"), "num");
	html_int(b, a->areas_active);
	html(b, "/8</td>");
	page_td(b, tr(r, "Kết quả", "Outcome"), a->well_managed ? "ok" : NULL);
	html_txt(b, a->well_managed ? tr(r, "Hoạt động đầy đủ, quản lý tốt", "Well managed") : tr(r, "Chưa đạt", "Not yet"));
	html(b, " (");
	html_txt(b, a->stored ? tr(r, "đã xác nhận", "confirmed") : tr(r, "theo số liệu, chưa xác nhận", "from the data, not confirmed"));
	html(b, ")</td></tr>");
}

HandlerResult web_assessments(Req *r)
{
	int year = workui_year(r);
	const char *unit = req_query(r, "unit");
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, arena_printf(&r->arena, "%s %d", tr(r, "Đánh giá chất lượng CLB năm", "Club assessments"), year));
	workui_year_form(r, &b, "/assessments", year, unit);
	Err e = {0};
	int64_t assessed, well;
	if (assessment_counts_for(r->db, &r->actor, unit, year, &assessed, &well, &e) != 0) {
		buf_free(&b);
		return e.code == E_INTERNAL ? H_FATAL : resp_error(r, e.code, e.field, NULL);
	}
	html(&b, "<p class=\"count\">");
	html_trf(r, &b, "Đã đánh giá %lld CLB, trong đó %lld CLB hoạt động đầy đủ, quản lý tốt",
		 "%lld clubs assessed, of which %lld well managed", (long long)assessed, (long long)well);
	if (assessed) {
		html(&b, " (");
		workui_permille(&b, (well * 1000 + assessed / 2) / assessed);
		html(&b, ")");
	}
	html(&b, ".</p><p>");
	html_trf(r, &b,
		 "Một CLB đạt khi: họp ít nhất %d/12 tháng, nộp báo cáo đúng hạn ít nhất %d/12 tháng, có đủ hai quỹ, dư nợ quá hạn không quá 5%%, có ít nhất %d tình nguyện viên và hoạt động ít nhất %d/8 mảng.",
		 "A club is well managed when it met in at least %d of 12 months, reported on time in at least %d of 12, holds both funds, has at most 5%% of loans overdue, at least %d volunteers and works in at least %d of the 8 areas.",
		 ASSESS_MIN_MONTHS, ASSESS_MIN_MONTHS, ASSESS_MIN_VOLUNTEERS, ASSESS_MIN_AREAS);
	html(&b, "</p>");
	if (scope_is_national(&r->actor) && !(unit && *unit)) {
		html(&b, "<p>");
		html_txt(&b, tr(r, "Chọn một tỉnh hoặc xã (?unit=mã) để xem từng CLB.", "Choose a province or commune (?unit=code) to see each club."));
		html(&b, "</p>");
	} else {
		Buf rows;
		buf_init(&rows, 0);
		L l = {.r = r, .b = &rows};
		int64_t page = page_number(r), per = 50;
		int64_t total = assessment_list(r->db, &r->actor, unit, year, (page - 1) * per, per, assessment_row, &l, &e);
		if (total < 0) {
			buf_free(&rows);
			buf_free(&b);
			return e.code == E_INTERNAL ? H_FATAL : resp_error(r, e.code, e.field, NULL);
		}
		page_count(&b, total, tr(r, "CLB", "clubs"));
		if (total) {
			page_table_begin(&b, NULL);
			page_th(&b, tr(r, "CLB", "Club"));
			page_th(&b, tr(r, "Xã", "Commune"));
			page_th(&b, tr(r, "Họp hằng tháng", "Meets monthly"));
			page_th(&b, tr(r, "Báo cáo đúng hạn", "Reports on time"));
			page_th(&b, tr(r, "Đủ hai quỹ", "Both funds"));
			page_th(&b, tr(r, "Thu hồi vốn tốt", "Loans repaid"));
			page_th(&b, tr(r, "Đủ 5 TNV", "5 volunteers"));
			page_th(&b, tr(r, "Số mảng hoạt động", "Areas"));
			page_th(&b, tr(r, "Kết quả", "Outcome"));
			html(&b, "</tr></thead><tbody>");
			buf_puts(&b, buf_str(&rows));
			html(&b, "</tbody></table></div>");
		}
		buf_free(&rows);
		char ys[16];
		snprintf(ys, sizeof ys, "%d", year);
		const char *q[] = {"year", ys, "unit", unit, NULL};
		page_pager(r, &b, "/assessments", q, page, per, total);
	}
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static int path_year(Req *r)
{
	const char *y = req_param(r, "year");
	char *end;
	long v = y ? strtol(y, &end, 10) : 0;
	return y && !*end && v >= 2000 && v <= 2100 ? (int)v : 0;
}

static const FormChoice yn[] = {{"1", "Đạt", "Met"}, {"0", "Chưa đạt", "Not met"}};

static void criterion(const Form *f, const char *name, const char *label, int value, int data, const char *why)
{
	Req *r = f->r;
	form_select(f, name, label, yn, 2, form_value(f, name, value ? "1" : "0"), 0);
	html(f->b, "<p class=\"hint\">");
	html_txt(f->b, tr(r, "Theo số liệu: ", "The data says: "));
	html_txt(f->b, data ? tr(r, "đạt", "met") : tr(r, "chưa đạt", "not met"));
	if (why) {
		html(f->b, " — ");
		html_txt(f->b, why);
	}
	html(f->b, "</p>");
}

static HandlerResult assessment_page(Req *r, int status, const Err *e)
{
	int year = path_year(r);
	if (!year)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	Assessment a;
	int have = assessment_get(r->db, &r->actor, req_param_id(r, "id"), year, &a);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, arena_printf(&r->arena, "%s %d: %s", tr(r, "Đánh giá năm", "Assessment"), year, a.club_name));
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu đánh giá.", "The assessment was saved."));
	html(&b, "<p><strong>");
	html_txt(&b, a.well_managed ? tr(r, "Kết quả: hoạt động đầy đủ, quản lý tốt", "Outcome: fully active and well managed")
				    : tr(r, "Kết quả: chưa đạt", "Outcome: not yet well managed"));
	html(&b, "</strong> (");
	if (a.stored) {
		html_trf(r, &b, "xác nhận bởi %s", "confirmed by %s", a.assessed_by);
		html(&b, ", ");
		page_date(&b, a.assessed_at, "");
	} else {
		html_txt(&b, tr(r, "theo số liệu, chưa ai xác nhận", "from the data, not confirmed yet"));
	}
	html(&b, ")</p>");
	form_summary(r, &b, e);
	Form f = {.r = r, .b = &b, .e = e};
	int may = may_assess(&r->actor);
	if (may)
		form_post_begin(r, &b, "narrow", arena_printf(&r->arena, "/clubs/%lld/assessments/%d", (long long)a.club_id, year), NULL);
	else
		html(&b, "<div class=\"narrow\">");
	char why[200];
	snprintf(why, sizeof why, "%lld/%lld %s", (long long)a.months_met, (long long)a.months_expected, tr(r, "tháng có họp", "months met"));
	criterion(&f, "meets_monthly", tr(r, "Họp định kỳ hằng tháng", "Meets every month"), a.meets_monthly, a.data_meets_monthly, why);
	snprintf(why, sizeof why, "%lld/%lld %s", (long long)a.months_on_time, (long long)a.months_expected,
		 tr(r, "tháng nộp đúng hạn", "months on time"));
	criterion(&f, "reports_on_time", tr(r, "Nộp báo cáo đúng hạn", "Reports on time"), a.reports_on_time, a.data_reports_on_time, why);
	char n1[VI_NUM_BUFSZ], n2[VI_NUM_BUFSZ];
	snprintf(why, sizeof why, "%s %s / %s", tr(r, "quỹ TTN, quỹ HĐ:", "funds:"), vi_format_money(a.income_fund, n1),
		 vi_format_money(a.activity_fund, n2));
	criterion(&f, "both_funds", tr(r, "Có đủ hai quỹ", "Holds both funds"), a.both_funds, a.data_both_funds, why);
	snprintf(why, sizeof why, "%s %s / %s", tr(r, "quá hạn / dư nợ:", "overdue / outstanding:"), vi_format_money(a.par30, n1),
		 vi_format_money(a.outstanding, n2));
	criterion(&f, "loans_repaid", tr(r, "Cho vay, thu hồi vốn tốt", "Loans repaid"), a.loans_repaid, a.data_loans_repaid, why);
	snprintf(why, sizeof why, "%lld %s", (long long)a.volunteers, tr(r, "tình nguyện viên", "volunteers"));
	criterion(&f, "volunteers_ok", tr(r, "Có ít nhất 5 tình nguyện viên", "At least 5 volunteers"), a.volunteers_ok,
		  a.data_volunteers_ok, why);
	char areas[8];
	snprintf(areas, sizeof areas, "%d", a.areas_active);
	form_input(&f, "areas_active", tr(r, "Số mảng hoạt động (0–8)", "Activity areas worked in (0–8)"), "text",
		   form_value(&f, "areas_active", areas), "required inputmode=\"numeric\" maxlength=\"1\"",
		   arena_printf(&r->arena, "%s %d", tr(r, "Theo báo cáo tháng:", "From the monthly reports:"), a.data_areas_active));
	workui_textarea(&f, "note", tr(r, "Ghi chú", "Note"), form_value(&f, "note", a.note), 3, 590, 0);
	if (may) {
		form_button(&b, "primary", tr(r, "Xác nhận đánh giá", "Confirm the assessment"));
		html(&b, "</form>");
	} else {
		html(&b, "</div>");
	}
	html(&b, "<p><a href=\"/clubs/");
	html_int(&b, a.club_id);
	html(&b, "\">");
	html_txt(&b, tr(r, "← Trang CLB", "← The club"));
	html(&b, "</a></p>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_assessment_show(Req *r)
{
	return assessment_page(r, 200, NULL);
}

HandlerResult web_assessment_save(Req *r)
{
	int year = path_year(r);
	if (!year)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	AssessmentInput in = {.meets_monthly = req_form(r, "meets_monthly"), .reports_on_time = req_form(r, "reports_on_time"),
			      .both_funds = req_form(r, "both_funds"), .loans_repaid = req_form(r, "loans_repaid"),
			      .volunteers_ok = req_form(r, "volunteers_ok"), .areas_active = req_form(r, "areas_active"),
			      .note = req_form(r, "note")};
	Err e = {0};
	int64_t id = req_param_id(r, "id");
	if (assessment_save(r->db, &r->actor, id, year, &in, &e) != 0) {
		if (e.code == E_INTERNAL)
			return H_FATAL;
		if (!e.field || strcmp(e.field, "year") == 0)
			return resp_error(r, e.code, e.field, NULL);
		return assessment_page(r, err_http_status(e.code), &e);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/assessments/%d?saved=1", (long long)id, year));
}

/* ---- ranking ---- */

HandlerResult web_ranking_page(Req *r, int status, const Err *e)
{
	int year = workui_year(r);
	const char *unit = req_query(r, "unit");
	Ranking rk;
	Err qe = {0};
	if (ranking_build(r->db, &r->actor, year, unit, &rk, &qe) != 0) {
		ranking_free(&rk);
		return qe.code == E_INTERNAL ? H_FATAL : resp_error(r, qe.code, qe.field, NULL);
	}
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, rk.unit_code[0] ? arena_printf(&r->arena, "%s %s %d", tr(r, "Xếp hạng CLB của", "Ranking of the clubs of"), rk.unit_name, year)
					  : arena_printf(&r->arena, "%s %d", tr(r, "Xếp hạng các tỉnh năm", "Ranking of provinces"), year));
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu trọng số.", "The weights were saved."));
	workui_year_form(r, &b, "/ranking", year, unit);
	html(&b, "<ul class=\"actions\">");
	page_action(&b, arena_printf(&r->arena, "/assessments?year=%d", year), tr(r, "Đánh giá CLB", "Club assessments"));
	page_action(&b, arena_printf(&r->arena, "/commendations?year=%d", year), tr(r, "Khen thưởng", "Commendations"));
	page_action(&b, "/stories", tr(r, "Bài học thành công", "Success stories"));
	html(&b, "</ul>");
	html(&b, "<p>");
	html_txt(&b, tr(r, "Điểm là trung bình có trọng số của các tỷ lệ (0–100%) dưới đây; trọng số:",
			"The score is the weighted mean of the shares (0–100%) below; weights:"));
	for (int i = 0; i < RANK_INDICATORS; i++) {
		if (i)
			html(&b, ", ");
		else
			html(&b, " ");
		html_txt(&b, strcmp(r->lang, "en") == 0 ? rank_indicators[i].en : rank_indicators[i].vi);
		html(&b, " ");
		html_int(&b, rk.weights[i]);
	}
	html(&b, ".</p>");
	page_table_begin(&b, NULL);
	page_th(&b, tr(r, "Hạng", "Rank"));
	page_th(&b, rk.unit_code[0] ? tr(r, "CLB", "Club") : tr(r, "Tỉnh", "Province"));
	for (int i = 0; i < RANK_INDICATORS; i++)
		page_th(&b, strcmp(r->lang, "en") == 0 ? rank_indicators[i].en : rank_indicators[i].vi);
	page_th(&b, tr(r, "Điểm", "Score"));
	html(&b, "</tr></thead><tbody>");
	char ys[16];
	snprintf(ys, sizeof ys, "%d", year);
	for (size_t i = 0; i < rk.nrows; i++) {
		const RankRow *row = &rk.rows[i];
		html(&b, "<tr>");
		page_td(&b, tr(r, "Hạng", "Rank"), "num");
		if (row->rank)
			html_int(&b, row->rank);
		else
			html(&b, "—");
		html(&b, "</td>");
		page_td(&b, rk.unit_code[0] ? tr(r, "CLB", "Club") : tr(r, "Tỉnh", "Province"), NULL);
		if (row->club_id) {
			page_link(&b, "/clubs/", row->club_id, row->name);
		} else if (!scope_is_national(&r->actor) && (r->actor.role != ROLE_PROVINCE || strcmp(r->actor.scope, row->code) != 0)) {
			html_txt(&b, row->name);
		} else {
			html(&b, "<a href=\"/ranking?year=");
			html_attr(&b, ys);
			html(&b, "&amp;unit=");
			html_urlenc(&b, row->code);
			html(&b, "\">");
			html_txt(&b, row->name);
			html(&b, "</a>");
		}
		html(&b, "</td>");
		for (int k = 0; k < RANK_INDICATORS; k++) {
			page_td(&b, strcmp(r->lang, "en") == 0 ? rank_indicators[k].en : rank_indicators[k].vi, "num");
			workui_permille(&b, row->values[k]);
			html(&b, "</td>");
		}
		page_td(&b, tr(r, "Điểm", "Score"), "num");
		workui_permille(&b, row->score);
		html(&b, "</td></tr>");
	}
	html(&b, "</tbody></table></div>");
	if (scope_is_national(&r->actor)) {
		html(&b, "<h2>");
		html_txt(&b, tr(r, "Trọng số (Trung ương Hội đặt)", "Weights (set by the central level)"));
		html(&b, "</h2>");
		form_summary(r, &b, e);
		Form f = {.r = r, .b = &b, .e = e};
		form_post_begin(r, &b, "narrow", "/ranking/weights", NULL);
		for (int i = 0; i < RANK_INDICATORS; i++) {
			char v[24];
			snprintf(v, sizeof v, "%lld", (long long)rk.weights[i]);
			form_input(&f, rank_indicators[i].code, strcmp(r->lang, "en") == 0 ? rank_indicators[i].en : rank_indicators[i].vi,
				   "text", form_value(&f, rank_indicators[i].code, v), "required inputmode=\"numeric\" maxlength=\"3\"", NULL);
		}
		form_button(&b, "primary", tr(r, "Lưu trọng số", "Save the weights"));
		html(&b, "</form>");
	}
	ranking_free(&rk);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_ranking(Req *r)
{
	return web_ranking_page(r, 200, NULL);
}

HandlerResult web_ranking_weights(Req *r)
{
	const char *v[RANK_INDICATORS];
	for (int i = 0; i < RANK_INDICATORS; i++)
		v[i] = req_form(r, rank_indicators[i].code);
	Err e = {0};
	if (ranking_set_weights(r->db, &r->actor, v, &e) != 0)
		return e.code == E_INTERNAL ? H_FATAL : web_ranking_page(r, err_http_status(e.code), &e);
	return resp_redirect(r, "/ranking?saved=1");
}

/* ---- commendations ---- */

static const FormChoice rkind_choices[] = {
	{"unit", "Tập thể (Hội NCT, đơn vị)", "Unit or association"},
	{"club", "CLB", "Club"},
	{"person", "Cá nhân", "Person"},
};
static const FormChoice level_choices[] = {
	{"central", "Trung ương Hội", "Central level"},
	{"province", "Hội NCT tỉnh", "Province"},
	{"district", "Hội NCT huyện", "District"},
	{"commune", "Hội NCT xã", "Commune"},
};

static void commendation_row(const Commendation *c, void *arg)
{
	L *l = arg;
	Req *r = l->r;
	Buf *b = l->b;
	html(b, "<tr>");
	page_td(b, tr(r, "Năm", "Year"), "num");
	html_int(b, c->year);
	html(b, "</td>");
	page_cell(b, tr(r, "Hình thức", "Title"), NULL, c->title);
	page_cell(b, tr(r, "Cấp khen", "Level"), NULL, work_level_label(c->level, r->lang));
	page_td(b, tr(r, "Được khen", "Recipient"), NULL);
	if (!strcmp(c->recipient_kind, "person"))
		html_txt(b, c->person_name[0] ? c->person_name : tr(r, "(một cá nhân)", "(a person)"));
	else if (!strcmp(c->recipient_kind, "club"))
		page_link(b, "/clubs/", c->club_id, c->club_name);
	else
		html_txt(b, c->unit_name);
	if (strcmp(c->recipient_kind, "unit") && c->club_name[0] && strcmp(c->recipient_kind, "club")) {
		html(b, ", ");
		html_txt(b, c->club_name);
	}
	html(b, "</td>");
	page_cell(b, tr(r, "Số quyết định", "Decision"), NULL, c->decision_no[0] ? c->decision_no : "—");
	html(b, "</tr>");
}

static HandlerResult commendations_page(Req *r, int status, const Err *e)
{
	int year = workui_year(r);
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, arena_printf(&r->arena, "%s %d", tr(r, "Biểu dương, khen thưởng năm", "Commendations"), year));
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	workui_year_form(r, &b, "/commendations", year, NULL);
	html(&b, "<ul class=\"actions\">");
	page_action(&b, arena_printf(&r->arena, "/ranking?year=%d", year), tr(r, "Xếp hạng để xét khen", "Ranking"));
	html(&b, "</ul>");
	Buf rows;
	buf_init(&rows, 0);
	L l = {.r = r, .b = &rows};
	int64_t n = commendation_list(r->db, &r->actor, year, 0, 500, commendation_row, &l);
	if (n < 0) {
		buf_free(&rows);
		buf_free(&b);
		return H_FATAL;
	}
	page_count(&b, n, tr(r, "khen thưởng", "commendations"));
	if (n) {
		page_table_begin(&b, NULL);
		page_th(&b, tr(r, "Năm", "Year"));
		page_th(&b, tr(r, "Hình thức", "Title"));
		page_th(&b, tr(r, "Cấp khen", "Level"));
		page_th(&b, tr(r, "Được khen", "Recipient"));
		page_th(&b, tr(r, "Số quyết định", "Decision"));
		html(&b, "</tr></thead><tbody>");
		buf_puts(&b, buf_str(&rows));
		html(&b, "</tbody></table></div>");
	}
	buf_free(&rows);
	if (work_may_write(&r->actor)) {
		html(&b, "<h2>");
		html_txt(&b, tr(r, "Ghi khen thưởng", "Record a commendation"));
		html(&b, "</h2>");
		form_summary(r, &b, e);
		Form f = {.r = r, .b = &b, .e = e, .prefix = "c-"};
		form_post_begin(r, &b, "narrow", "/commendations", NULL);
		char ys[16];
		snprintf(ys, sizeof ys, "%d", year);
		form_input(&f, "year", tr(r, "Năm", "Year"), "text", form_value(&f, "year", ys), "required inputmode=\"numeric\" maxlength=\"4\"", NULL);
		if (scope_is_national(&r->actor))
			form_select(&f, "level", tr(r, "Cấp khen", "Level"), level_choices, 4, form_value(&f, "level", "central"), 0);
		form_input(&f, "title", tr(r, "Hình thức (bằng khen, giấy khen...)", "Title (certificate of merit...)"), "text",
			   form_value(&f, "title", ""), "required maxlength=\"290\"", NULL);
		form_select(&f, "recipient_kind", tr(r, "Khen cho", "Recipient"), rkind_choices, 3, form_value(&f, "recipient_kind", "club"), 0);
		form_input(&f, "unit", tr(r, "Mã đơn vị (khen tập thể, hoặc nơi của cá nhân)", "Unit code (unit, or a person's unit)"), "text",
			   form_value(&f, "unit", ""), "maxlength=\"8\"", NULL);
		form_input(&f, "club", tr(r, "Mã CLB (khen CLB, hoặc thành viên CLB)", "Club code (a club, or its member)"), "text",
			   form_value(&f, "club", ""), "maxlength=\"16\"", NULL);
		form_input(&f, "person_name", tr(r, "Họ tên cá nhân", "Person's name"), "text", form_value(&f, "person_name", ""),
			   "maxlength=\"150\"", NULL);
		form_input(&f, "decision_no", tr(r, "Số quyết định", "Decision number"), "text", form_value(&f, "decision_no", ""),
			   "maxlength=\"60\"", NULL);
		form_button(&b, "primary", tr(r, "Lưu", "Save"));
		html(&b, "</form>");
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_commendations(Req *r)
{
	return commendations_page(r, 200, NULL);
}

HandlerResult web_commendation_create(Req *r)
{
	CommendationInput in = {.year = req_form(r, "year"), .level = req_form(r, "level"), .title = req_form(r, "title"),
				.recipient_kind = req_form(r, "recipient_kind"), .unit_code = req_form(r, "unit"),
				.club = req_form(r, "club"), .person_name = req_form(r, "person_name"),
				.member_id = req_form(r, "member_id"), .decision_no = req_form(r, "decision_no"),
				.note = req_form(r, "note")};
	Err e = {0};
	if (commendation_create(r->db, &r->actor, &in, &e) < 0)
		return e.code == E_INTERNAL ? H_FATAL : commendations_page(r, err_http_status(e.code), &e);
	return resp_redirect(r, arena_printf(&r->arena, "/commendations?year=%s&saved=1", req_form(r, "year")));
}

/* ---- stories ---- */

static void story_row(const Story *s, void *arg)
{
	L *l = arg;
	Req *r = l->r;
	Buf *b = l->b;
	html(b, "<tr>");
	page_td(b, tr(r, "Năm", "Year"), "num");
	html_int(b, s->year);
	html(b, "</td>");
	page_td(b, tr(r, "Bài", "Story"), NULL);
	page_link(b, "/stories/", s->id, s->title);
	html(b, "</td>");
	page_cell(b, tr(r, "CLB", "Club"), NULL, s->club_name);
	page_cell(b, tr(r, "Trạng thái", "Status"), NULL,
		  strcmp(s->status, "published") == 0 ? tr(r, "Đã công bố", "Published") : tr(r, "Bản nháp", "Draft"));
	html(b, "</tr>");
}

static int may_write_story(const Actor *a)
{
	return work_may_write(a) || a->role == ROLE_CLUB;
}

static void story_fields(Form *f, const Story *s)
{
	Req *r = f->r;
	char ys[16];
	snprintf(ys, sizeof ys, "%d", s ? s->year : workui_year(r));
	if (!s)
		form_input(f, "club", tr(r, "Mã CLB", "Club code"), "text",
			   form_value(f, "club", r->actor.role == ROLE_CLUB ? r->actor.scope : ""), "required maxlength=\"16\"", NULL);
	form_input(f, "year", tr(r, "Năm", "Year"), "text", form_value(f, "year", ys), "required inputmode=\"numeric\" maxlength=\"4\"", NULL);
	form_input(f, "title", tr(r, "Tiêu đề", "Title"), "text", form_value(f, "title", s ? s->title : ""), "required maxlength=\"290\"", NULL);
	workui_textarea(f, "body", tr(r, "Nội dung", "Text"), form_value(f, "body", s ? s->body : ""), 10, 20000, 1);
	char mid[24] = "";
	if (s && s->member_id)
		snprintf(mid, sizeof mid, "%lld", (long long)s->member_id);
	form_input(f, "member_id", tr(r, "Mã số thành viên được nói đến (nếu có)", "Member featured (number), if any"), "text",
		   form_value(f, "member_id", mid), "inputmode=\"numeric\" maxlength=\"12\"", NULL);
	form_checkbox(f, "show_club", tr(r, "Trang công khai ghi tên CLB và xã", "The public page names the club and commune"),
		      f->e ? form_checked(r, "show_club") : s ? s->show_club : 1);
	form_checkbox(f, "show_member", tr(r, "Trang công khai ghi tên thành viên (đã được người đó đồng ý)",
					   "The public page names the member (with their consent)"),
		      f->e ? form_checked(r, "show_member") : s ? s->show_member : 0);
}

static HandlerResult stories_page(Req *r, int status, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Bài học thành công, gương điển hình", "Success stories"));
	Buf rows;
	buf_init(&rows, 0);
	L l = {.r = r, .b = &rows};
	int64_t n = story_list(r->db, &r->actor, 0, story_row, &l);
	if (n < 0) {
		buf_free(&rows);
		buf_free(&b);
		return H_FATAL;
	}
	page_count(&b, n, tr(r, "bài", "stories"));
	if (n) {
		page_table_begin(&b, NULL);
		page_th(&b, tr(r, "Năm", "Year"));
		page_th(&b, tr(r, "Bài", "Story"));
		page_th(&b, tr(r, "CLB", "Club"));
		page_th(&b, tr(r, "Trạng thái", "Status"));
		html(&b, "</tr></thead><tbody>");
		buf_puts(&b, buf_str(&rows));
		html(&b, "</tbody></table></div>");
	}
	buf_free(&rows);
	if (may_write_story(&r->actor)) {
		html(&b, "<h2>");
		html_txt(&b, tr(r, "Viết bài mới", "Write a story"));
		html(&b, "</h2>");
		form_summary(r, &b, e);
		Form f = {.r = r, .b = &b, .e = e};
		form_post_begin(r, &b, "narrow", "/stories", NULL);
		story_fields(&f, NULL);
		form_button(&b, "primary", tr(r, "Lưu bản nháp", "Save the draft"));
		html(&b, "</form>");
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_stories(Req *r)
{
	return stories_page(r, 200, NULL);
}

static void story_input(Req *r, StoryInput *in)
{
	*in = (StoryInput){.club = req_form(r, "club"), .year = req_form(r, "year"), .title = req_form(r, "title"),
			   .body = req_form(r, "body"), .member_id = req_form(r, "member_id"),
			   .show_club = form_checked(r, "show_club"), .show_member = form_checked(r, "show_member")};
}

HandlerResult web_story_create(Req *r)
{
	StoryInput in;
	story_input(r, &in);
	Err e = {0};
	int64_t id = story_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return e.code == E_INTERNAL ? H_FATAL : stories_page(r, err_http_status(e.code), &e);
	return resp_redirect(r, arena_printf(&r->arena, "/stories/%lld?saved=1", (long long)id));
}

typedef struct PL {
	Req *r;
	Buf *b;
	int64_t story;
	const char *prefix;
} PL;

static void photo_item(const StoryPhoto *p, void *arg)
{
	PL *l = arg;
	html(l->b, "<figure><img src=\"");
	html_attr(l->b, l->prefix);
	html_int(l->b, l->story);
	html(l->b, "/photos/");
	html_int(l->b, p->id);
	html(l->b, "\" alt=\"");
	html_attr(l->b, p->caption[0] ? p->caption : tr(l->r, "Ảnh minh họa", "Photo"));
	html(l->b, "\" loading=\"lazy\">");
	if (p->caption[0]) {
		html(l->b, "<figcaption>");
		html_txt(l->b, p->caption);
		html(l->b, "</figcaption>");
	}
	html(l->b, "</figure>");
}

/* The story's text as paragraphs (a blank line between them). */
static void story_body(Buf *b, const char *body)
{
	html(b, "<div class=\"story\"><p>");
	for (const char *p = body; *p; p++) {
		if (p[0] == '\n' && p[1] == '\n') {
			html(b, "</p><p>");
			while (p[1] == '\n')
				p++;
		} else if (*p == '\n') {
			html(b, "<br>");
		} else if (*p != '\r') {
			char c[2] = {*p, 0};
			html_txt(b, c);
		}
	}
	html(b, "</p></div>");
}

static HandlerResult story_page(Req *r, int status, const Err *e)
{
	Story s;
	int have = story_get(r->db, &r->actor, req_param_id(r, "id"), &s);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, s.title);
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	html(&b, "<dl class=\"facts\">");
	page_fact_txt(&b, tr(r, "CLB", "Club"), s.club_name);
	page_fact_txt(&b, tr(r, "Xã", "Commune"), s.unit_name);
	page_fact(&b, tr(r, "Năm", "Year"));
	html_int(&b, s.year);
	html(&b, "</dd>");
	if (s.member_name[0])
		page_fact_txt(&b, tr(r, "Thành viên", "Member"), s.member_name);
	page_fact_txt(&b, tr(r, "Trạng thái", "Status"),
		      strcmp(s.status, "published") == 0 ? tr(r, "Đã công bố", "Published") : tr(r, "Bản nháp", "Draft"));
	html(&b, "</dl>");
	if (strcmp(s.status, "published") == 0) {
		html(&b, "<p><a href=\"/public/stories/");
		html_int(&b, s.id);
		html(&b, "\">");
		html_txt(&b, tr(r, "Trang công khai của bài", "The story's public page"));
		html(&b, "</a></p>");
	}
	story_body(&b, s.body);
	PL pl = {.r = r, .b = &b, .story = s.id, .prefix = "/stories/"};
	html(&b, "<div class=\"photos\">");
	story_photos(r->db, s.id, photo_item, &pl);
	html(&b, "</div>");
	form_summary(r, &b, e);
	if (scope_is_national(&r->actor)) {
		form_post_begin(r, &b, NULL, arena_printf(&r->arena, "/stories/%lld/publish", (long long)s.id), NULL);
		int pub = strcmp(s.status, "published") == 0;
		if (pub)
			html(&b, "<input type=\"hidden\" name=\"publish\" value=\"0\">");
		else
			html(&b, "<input type=\"hidden\" name=\"publish\" value=\"1\">");
		form_button(&b, pub ? NULL : "primary", pub ? tr(r, "Thôi công bố", "Withdraw") : tr(r, "Công bố bài (trang công khai)", "Publish (public page)"));
		html(&b, "</form>");
	}
	if (may_write_story(&r->actor)) {
		html(&b, "<h2>");
		html_txt(&b, tr(r, "Thêm ảnh (JPEG hoặc PNG, tối đa 3 MB)", "Add a photo (JPEG or PNG, at most 3 MB)"));
		html(&b, "</h2>");
		html(&b, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"narrow\" action=\"/stories/");
		html_int(&b, s.id);
		html(&b, "/photos\">");
		form_csrf(r, &b);
		Form pf = {.r = r, .b = &b, .e = e && e->field && !strcmp(e->field, "photo") ? e : NULL, .prefix = "p-"};
		form_input(&pf, "photo", tr(r, "Ảnh", "Photo"), "file", NULL, "required accept=\"image/jpeg,image/png\"", NULL);
		form_input(&pf, "caption", tr(r, "Chú thích", "Caption"), "text", NULL, "maxlength=\"190\"", NULL);
		form_button(&b, NULL, tr(r, "Tải ảnh lên", "Upload"));
		html(&b, "</form><h2>");
		html_txt(&b, tr(r, "Sửa bài", "Edit the story"));
		html(&b, "</h2>");
		Form f = {.r = r, .b = &b, .e = e && e->field && strcmp(e->field, "photo") ? e : NULL};
		form_post_begin(r, &b, "narrow", arena_printf(&r->arena, "/stories/%lld", (long long)s.id), NULL);
		story_fields(&f, &s);
		form_button(&b, "primary", tr(r, "Lưu", "Save"));
		html(&b, "</form>");
	}
	story_clear(&s);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_story_show(Req *r)
{
	return story_page(r, 200, NULL);
}

HandlerResult web_story_update(Req *r)
{
	StoryInput in;
	story_input(r, &in);
	Err e = {0};
	int64_t id = req_param_id(r, "id");
	if (story_update(r->db, &r->actor, id, &in, &e) != 0) {
		if (e.code == E_INTERNAL)
			return H_FATAL;
		if (!e.field)
			return resp_error(r, e.code, NULL, NULL);
		return story_page(r, err_http_status(e.code), &e);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/stories/%lld?saved=1", (long long)id));
}

HandlerResult web_story_publish(Req *r)
{
	Err e = {0};
	int64_t id = req_param_id(r, "id");
	const char *p = req_form(r, "publish");
	if (story_publish(r->db, &r->actor, id, p && strcmp(p, "1") == 0, &e) != 0)
		return e.code == E_INTERNAL ? H_FATAL : resp_error(r, e.code, NULL, NULL);
	return resp_redirect(r, arena_printf(&r->arena, "/stories/%lld?saved=1", (long long)id));
}

HandlerResult web_story_photo_add(Req *r)
{
	Err e = {0};
	int64_t id = req_param_id(r, "id");
	const Upload *u = req_upload(r, "photo");
	if (!u || !u->size) {
		err_set(&e, E_REQUIRED, "photo");
		return story_page(r, 422, &e);
	}
	if (u->size > STORY_PHOTO_MAX) {
		err_set(&e, E_PHOTO, "photo");
		return story_page(r, 422, &e);
	}
	size_t len;
	unsigned char *data = import_read_file(u->path, &len, &e);
	if (!data)
		return story_page(r, err_http_status(e.code), &e);
	int64_t pid = story_photo_add(r->db, &r->actor, id, data, len, req_form(r, "caption"), &e);
	free(data);
	if (pid < 0) {
		if (e.code == E_INTERNAL)
			return H_FATAL;
		if (!e.field)
			return resp_error(r, e.code, NULL, NULL);
		return story_page(r, err_http_status(e.code), &e);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/stories/%lld?saved=1", (long long)id));
}

static HandlerResult send_photo(Req *r, int64_t story, int64_t photo)
{
	unsigned char *data;
	size_t len;
	char type[16];
	int have = story_photo_data(r->db, story, photo, &data, &len, type);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	char path[4096];
	snprintf(path, sizeof path, "%s/ishc-photo-XXXXXX", server_config()->tmpdir);
	int fd = mkstemp(path);
	if (fd < 0) {
		free(data);
		return H_FATAL;
	}
	unlink(path);
	ssize_t w = write(fd, data, len);
	free(data);
	if (w != (ssize_t)len || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return H_FATAL;
	}
	return resp_file(r, fd, len, type, NULL);
}

HandlerResult web_story_photo(Req *r)
{
	Story s;
	int have = story_get(r->db, &r->actor, req_param_id(r, "id"), &s);
	story_clear(&s);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return send_photo(r, s.id, req_param_id(r, "photo"));
}

HandlerResult web_public_story(Req *r)
{
	Story s;
	int have = story_get_public(r->db, req_param_id(r, "id"), &s);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, s.title);
	html(&b, "<p class=\"byline\">");
	if (s.club_name[0]) {
		html_txt(&b, s.club_name);
		html(&b, ", ");
		html_txt(&b, s.unit_name);
		html(&b, " — ");
	}
	html_trf(r, &b, "Năm %d", "Year %d", s.year);
	html(&b, "</p>");
	if (s.member_name[0]) {
		html(&b, "<p>");
		html_trf(r, &b, "Nhân vật: %s", "Featuring: %s", s.member_name);
		html(&b, "</p>");
	}
	story_body(&b, s.body);
	PL pl = {.r = r, .b = &b, .story = s.id, .prefix = "/public/stories/"};
	html(&b, "<div class=\"photos\">");
	story_photos(r->db, s.id, photo_item, &pl);
	html(&b, "</div><p>");
	html_txt(&b, tr(r, "Câu lạc bộ Liên thế hệ tự giúp nhau — Hội Người cao tuổi Việt Nam.",
			"Intergenerational Self-Help Clubs — Vietnam Association of the Elderly."));
	html(&b, "</p>");
	story_clear(&s);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

HandlerResult web_public_story_photo(Req *r)
{
	Story s;
	int have = story_get_public(r->db, req_param_id(r, "id"), &s);
	story_clear(&s);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return send_photo(r, s.id, req_param_id(r, "photo"));
}
