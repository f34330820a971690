/* Pages of the programme's work in the field: training courses (with participants), materials
 * and where their copies went, monitoring and support visits with their follow-ups, the overdue
 * follow-ups of my level, and their Excel exports. Core (core/work.h) decides scope and rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scope.h"
#include "core/work.h"
#include "lib/vi.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/workui.h"

static const FormChoice level_choices[] = {
	{"central", "Trung ương Hội", "Central level"},
	{"province", "Hội NCT tỉnh", "Province"},
	{"district", "Hội NCT huyện", "District"},
	{"commune", "Hội NCT xã", "Commune"},
};

static void level_field(const Form *f, const char *chosen)
{
	if (scope_is_national(&f->r->actor))
		form_select(f, "level", tr(f->r, "Cấp tổ chức", "Organised by"), level_choices, 4,
			    form_value(f, "level", chosen ? chosen : "central"), 0);
}

static void date_cell(Buf *b, const char *label, const char *iso)
{
	page_td(b, label, NULL);
	page_date(b, iso, "—");
	html(b, "</td>");
}

static void int_cell(Buf *b, const char *label, int64_t v)
{
	page_td(b, label, "num");
	workui_int(b, v);
	html(b, "</td>");
}

/* ---- trainings ---- */

typedef struct TrList {
	Req *r;
	Buf *b;
} TrList;

static void training_row(const Training *t, void *arg)
{
	TrList *l = arg;
	Req *r = l->r;
	Buf *b = l->b;
	html(b, "<tr>");
	date_cell(b, tr(r, "Ngày", "Date"), t->start_date);
	page_td(b, tr(r, "Lớp tập huấn", "Course"), NULL);
	page_link(b, "/trainings/", t->id, t->topic);
	html(b, "</td>");
	page_cell(b, tr(r, "Cấp", "Level"), NULL, work_level_label(t->level, r->lang));
	page_cell(b, tr(r, "Đơn vị", "Unit"), NULL, t->unit_name);
	page_cell(b, tr(r, "Tỉnh", "Province"), NULL, t->province_name);
	int_cell(b, tr(r, "Cán bộ Hội", "Officers"), t->officers);
	int_cell(b, tr(r, "Ban chủ nhiệm", "Board members"), t->board_members);
	int_cell(b, tr(r, "Tình nguyện viên", "Volunteers"), t->volunteers);
	html(b, "</tr>");
}

static void province_row(const TrainingProvince *p, void *arg)
{
	TrList *l = arg;
	Req *r = l->r;
	Buf *b = l->b;
	html(b, "<tr>");
	page_cell(b, tr(r, "Tỉnh", "Province"), NULL, p->name);
	int_cell(b, tr(r, "Số lớp", "Courses"), p->courses);
	int_cell(b, tr(r, "Cán bộ Hội", "Officers"), p->officers);
	int_cell(b, tr(r, "Ban chủ nhiệm", "Board members"), p->board_members);
	int_cell(b, tr(r, "Tình nguyện viên", "Volunteers"), p->volunteers);
	int_cell(b, tr(r, "Tổng số học viên", "Trainees"), p->trainees);
	html(b, "</tr>");
}

static void training_form(Req *r, Buf *b, const Err *e)
{
	Form f = {.r = r, .b = b, .e = e};
	html(b, "<h2 id=\"new\">");
	html_txt(b, tr(r, "Ghi một lớp tập huấn", "Record a training course"));
	html(b, "</h2>");
	form_summary(r, b, e);
	form_post_begin(r, b, "narrow", "/trainings", NULL);
	level_field(&f, NULL);
	form_input(&f, "unit", tr(r, "Mã đơn vị tổ chức (tỉnh hoặc xã)", "Organising unit's code (province or commune)"), "text",
		   form_value(&f, "unit", r->actor.role == ROLE_CLUB ? "" : r->actor.scope), "required maxlength=\"8\"",
		   tr(r, "Ví dụ 38 (Thanh Hóa), 15961 (Xã Hoằng Lộc).", "E.g. 38 (Thanh Hóa), 15961 (Xã Hoằng Lộc)."));
	form_input(&f, "topic", tr(r, "Nội dung, chủ đề", "Topic"), "text", form_value(&f, "topic", ""),
		   "required maxlength=\"390\"", NULL);
	form_input(&f, "place", tr(r, "Địa điểm", "Place"), "text", form_value(&f, "place", ""), "maxlength=\"190\"", NULL);
	form_date(&f, "start_date", tr(r, "Từ ngày", "From"), form_value(&f, "start_date", ""), "required");
	form_date(&f, "end_date", tr(r, "Đến ngày", "To"), form_value(&f, "end_date", ""), NULL);
	form_input(&f, "officers", tr(r, "Số cán bộ Hội NCT", "Association officers"), "text", form_value(&f, "officers", ""),
		   "inputmode=\"numeric\" maxlength=\"7\"", NULL);
	form_input(&f, "board_members", tr(r, "Số thành viên Ban chủ nhiệm CLB", "Club board members"), "text",
		   form_value(&f, "board_members", ""), "inputmode=\"numeric\" maxlength=\"7\"", NULL);
	form_input(&f, "volunteers", tr(r, "Số tình nguyện viên", "Volunteers"), "text", form_value(&f, "volunteers", ""),
		   "inputmode=\"numeric\" maxlength=\"7\"", NULL);
	workui_textarea(&f, "note", tr(r, "Ghi chú", "Note"), form_value(&f, "note", ""), 3, 590, 0);
	form_button(b, "primary", tr(r, "Lưu lớp tập huấn", "Save the course"));
	html(b, "</form>");
}

static HandlerResult trainings_page(Req *r, int status, const Err *e)
{
	int year = workui_year(r);
	Buf b;
	buf_init(&b, 0);
	char title[96];
	snprintf(title, sizeof title, "%s %d", tr(r, "Tập huấn năm", "Training courses"), year);
	page_begin(r, &b, title);
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu lớp tập huấn.", "The course was saved."));
	workui_year_form(r, &b, "/trainings", year, NULL);
	html(&b, "<ul class=\"actions\">");
	char href[96];
	snprintf(href, sizeof href, "/trainings/export.xlsx?year=%d", year);
	page_action(&b, href, tr(r, "Tải Excel", "Download Excel"));
	if (work_may_write(&r->actor)) {
		page_action(&b, "#new", tr(r, "Ghi lớp mới", "Record a course"));
		page_action(&b, "/imports/new?kind=trainings", tr(r, "Nhập từ Excel", "Import from Excel"));
	}
	page_action(&b, "/materials", tr(r, "Tài liệu", "Materials"));
	page_action(&b, "/visits", tr(r, "Giám sát, hỗ trợ kỹ thuật", "Visits"));
	html(&b, "</ul>");

	TrList l = {.r = r, .b = &b};
	TrainingSummary sum;
	html(&b, "<h2>");
	html_txt(&b, tr(r, "Theo tỉnh", "By province"));
	html(&b, "</h2>");
	page_table_begin(&b, NULL);
	page_th(&b, tr(r, "Tỉnh", "Province"));
	page_th(&b, tr(r, "Số lớp", "Courses"));
	page_th(&b, tr(r, "Cán bộ Hội", "Officers"));
	page_th(&b, tr(r, "Ban chủ nhiệm", "Board members"));
	page_th(&b, tr(r, "Tình nguyện viên", "Volunteers"));
	page_th(&b, tr(r, "Tổng số học viên", "Trainees"));
	html(&b, "</tr></thead><tbody>");
	if (training_by_province(r->db, &r->actor, year, province_row, &l, &sum) < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody><tfoot><tr>");
	page_td(&b, tr(r, "Tỉnh", "Province"), NULL);
	html_trf(r, &b, "Cộng: %lld tỉnh", "Total: %lld provinces", (long long)sum.provinces);
	html(&b, "</td>");
	int_cell(&b, tr(r, "Số lớp", "Courses"), sum.courses);
	int_cell(&b, tr(r, "Cán bộ Hội", "Officers"), sum.officers);
	int_cell(&b, tr(r, "Ban chủ nhiệm", "Board members"), sum.board_members);
	int_cell(&b, tr(r, "Tình nguyện viên", "Volunteers"), sum.volunteers);
	int_cell(&b, tr(r, "Tổng số học viên", "Trainees"), sum.trainees);
	html(&b, "</tr></tfoot></table></div>");

	html(&b, "<h2>");
	html_txt(&b, tr(r, "Các lớp", "Courses"));
	html(&b, "</h2>");
	TrainingFilter f = {.year = year};
	int64_t page = page_number(r), per = 50;
	Buf rows;
	buf_init(&rows, 0);
	TrList rl = {.r = r, .b = &rows};
	int64_t total = training_list(r->db, &r->actor, &f, (page - 1) * per, per, training_row, &rl);
	if (total < 0) {
		buf_free(&rows);
		buf_free(&b);
		return H_FATAL;
	}
	page_count(&b, total, tr(r, "lớp", "courses"));
	if (total) {
		page_table_begin(&b, NULL);
		page_th(&b, tr(r, "Ngày", "Date"));
		page_th(&b, tr(r, "Lớp tập huấn", "Course"));
		page_th(&b, tr(r, "Cấp", "Level"));
		page_th(&b, tr(r, "Đơn vị", "Unit"));
		page_th(&b, tr(r, "Tỉnh", "Province"));
		page_th(&b, tr(r, "Cán bộ Hội", "Officers"));
		page_th(&b, tr(r, "Ban chủ nhiệm", "Board members"));
		page_th(&b, tr(r, "Tình nguyện viên", "Volunteers"));
		html(&b, "</tr></thead><tbody>");
		buf_puts(&b, buf_str(&rows));
		html(&b, "</tbody></table></div>");
	}
	buf_free(&rows);
	char ys[16];
	snprintf(ys, sizeof ys, "%d", year);
	const char *q[] = {"year", ys, NULL};
	page_pager(r, &b, "/trainings", q, page, per, total);
	if (work_may_write(&r->actor))
		training_form(r, &b, e);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_trainings(Req *r)
{
	return trainings_page(r, 200, NULL);
}

static void training_input(Req *r, TrainingInput *in)
{
	*in = (TrainingInput){.level = req_form(r, "level"), .unit_code = req_form(r, "unit"), .topic = req_form(r, "topic"),
			      .place = req_form(r, "place"), .start_date = req_form(r, "start_date"),
			      .end_date = req_form(r, "end_date"), .officers = req_form(r, "officers"),
			      .board_members = req_form(r, "board_members"), .volunteers = req_form(r, "volunteers"),
			      .note = req_form(r, "note"), .source = "form"};
}

HandlerResult web_training_create(Req *r)
{
	TrainingInput in;
	training_input(r, &in);
	Err e = {0};
	int64_t id = training_create(r->db, &r->actor, &in, &e);
	if (id < 0) {
		if (e.code == E_INTERNAL)
			return H_FATAL;
		return trainings_page(r, err_http_status(e.code), &e);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/trainings/%lld?saved=1", (long long)id));
}

static const FormChoice kind_choices[] = {
	{"officer", "Cán bộ Hội NCT", "Association officer"},
	{"board", "Thành viên Ban chủ nhiệm CLB", "Club board member"},
	{"volunteer", "Tình nguyện viên", "Volunteer"},
};

static void participant_row(const TrainingParticipant *p, void *arg)
{
	TrList *l = arg;
	Req *r = l->r;
	Buf *b = l->b;
	html(b, "<tr>");
	page_td(b, tr(r, "Họ tên", "Name"), NULL);
	if (p->member_id)
		page_link(b, "/members/", p->member_id, p->full_name);
	else
		html_txt(b, p->full_name);
	html(b, "</td>");
	page_cell(b, tr(r, "Là", "As"), NULL, training_kind_label(p->kind, r->lang));
	page_cell(b, tr(r, "CLB", "Club"), NULL, p->club_code[0] ? p->club_code : "—");
	html(b, "</tr>");
}

static HandlerResult training_show_page(Req *r, int status, const Err *e)
{
	Training t;
	int have = training_get(r->db, &r->actor, req_param_id(r, "id"), &t);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, t.topic);
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	html(&b, "<dl class=\"facts\">");
	page_fact_txt(&b, tr(r, "Cấp tổ chức", "Organised by"), work_level_label(t.level, r->lang));
	page_fact_txt(&b, tr(r, "Đơn vị", "Unit"), t.unit_name);
	page_fact_txt(&b, tr(r, "Tỉnh", "Province"), t.province_name);
	page_fact_txt(&b, tr(r, "Địa điểm", "Place"), t.place[0] ? t.place : "—");
	page_fact(&b, tr(r, "Thời gian", "Dates"));
	page_date(&b, t.start_date, "—");
	html(&b, " – ");
	page_date(&b, t.end_date, "—");
	html(&b, "</dd>");
	page_fact(&b, tr(r, "Cán bộ Hội NCT", "Association officers"));
	workui_int(&b, t.officers);
	html(&b, "</dd>");
	page_fact(&b, tr(r, "Thành viên Ban chủ nhiệm", "Board members"));
	workui_int(&b, t.board_members);
	html(&b, "</dd>");
	page_fact(&b, tr(r, "Tình nguyện viên", "Volunteers"));
	workui_int(&b, t.volunteers);
	html(&b, "</dd>");
	if (t.note[0])
		page_fact_txt(&b, tr(r, "Ghi chú", "Note"), t.note);
	html(&b, "</dl>");
	if (scope_sees_people(&r->actor)) {
		html(&b, "<h2 id=\"participants\">");
		html_txt(&b, tr(r, "Danh sách học viên", "Participants"));
		html(&b, "</h2>");
		Buf rows;
		buf_init(&rows, 0);
		TrList l = {.r = r, .b = &rows};
		int n = training_participants(r->db, &r->actor, t.id, participant_row, &l);
		if (n > 0) {
			page_table_begin(&b, NULL);
			page_th(&b, tr(r, "Họ tên", "Name"));
			page_th(&b, tr(r, "Là", "As"));
			page_th(&b, tr(r, "CLB", "Club"));
			html(&b, "</tr></thead><tbody>");
			buf_puts(&b, buf_str(&rows));
			html(&b, "</tbody></table></div>");
		} else {
			html(&b, "<p>");
			html_txt(&b, tr(r, "Chưa ghi danh sách học viên (không bắt buộc).", "No list of participants (it is optional)."));
			html(&b, "</p>");
		}
		buf_free(&rows);
		if (work_may_write(&r->actor) && scope_covers_unit(r->db, &r->actor, t.unit_id)) {
			Form f = {.r = r, .b = &b, .e = e};
			form_summary(r, &b, e);
			form_post_begin(r, &b, "inline", arena_printf(&r->arena, "/trainings/%lld/participants", (long long)t.id),
					"#participants");
			form_input(&f, "full_name", tr(r, "Họ tên", "Full name"), "text", form_value(&f, "full_name", ""),
				   "maxlength=\"150\"", NULL);
			form_input(&f, "member_id", tr(r, "hoặc mã số thành viên", "or member number"), "text",
				   form_value(&f, "member_id", ""), "inputmode=\"numeric\" maxlength=\"12\"", NULL);
			form_select(&f, "kind", tr(r, "Là", "As"), kind_choices, 3, form_value(&f, "kind", "board"), 0);
			form_inline_end(&b, NULL, tr(r, "Thêm học viên", "Add"));
		}
	}
	char eid[24];
	snprintf(eid, sizeof eid, "%lld", (long long)t.id);
	page_history_link(&b, "training", t.id, tr(r, "Lịch sử thay đổi", "History of changes"));
	html(&b, "<p><a href=\"/trainings\">");
	html_txt(&b, tr(r, "← Các lớp tập huấn", "← Training courses"));
	html(&b, "</a></p>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_training_show(Req *r)
{
	return training_show_page(r, 200, NULL);
}

HandlerResult web_training_participant_add(Req *r)
{
	Err e = {0};
	int64_t id = req_param_id(r, "id");
	if (training_participant_add(r->db, &r->actor, id, req_form(r, "full_name"), req_form(r, "kind"),
				     req_form(r, "member_id"), &e) < 0) {
		if (e.code == E_INTERNAL)
			return H_FATAL;
		if (e.code == E_NOT_FOUND && !e.field)
			return resp_error(r, E_NOT_FOUND, NULL, NULL);
		return training_show_page(r, err_http_status(e.code), &e);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/trainings/%lld?saved=1#participants", (long long)id));
}

typedef struct XFill {
	int year;
	Xlsx *x;
	int n;
} XFill;

static void training_xrow(const Training *t, void *arg)
{
	XFill *f = arg;
	xlsx_date(f->x, t->start_date);
	xlsx_date(f->x, t->end_date);
	xlsx_text(f->x, t->topic);
	xlsx_text(f->x, t->level);
	xlsx_text(f->x, t->unit_code);
	xlsx_text(f->x, t->unit_name);
	xlsx_text(f->x, t->province_name);
	xlsx_text(f->x, t->place);
	xlsx_int(f->x, t->officers);
	xlsx_int(f->x, t->board_members);
	xlsx_int(f->x, t->volunteers);
	xlsx_int(f->x, t->officers + t->board_members + t->volunteers);
	xlsx_row_end(f->x);
	f->n++;
}

static int trainings_fill(Req *r, Xlsx *x, void *arg)
{
	XFill *f = arg;
	f->x = x;
	TrainingFilter tf = {.year = f->year};
	return training_list(r->db, &r->actor, &tf, 0, 100000, training_xrow, f) < 0 ? -1 : 0;
}

HandlerResult web_trainings_xlsx(Req *r)
{
	static const XlsxColumn cols[] = {
		{"Từ ngày", 12, XLSX_DATE},     {"Đến ngày", 12, XLSX_DATE},     {"Nội dung", 40, XLSX_TEXT},
		{"Cấp", 10, XLSX_TEXT},         {"Mã đơn vị", 10, XLSX_TEXT},    {"Đơn vị", 24, XLSX_TEXT},
		{"Tỉnh", 20, XLSX_TEXT},        {"Địa điểm", 20, XLSX_TEXT},     {"Cán bộ Hội", 10, XLSX_AMOUNT},
		{"Ban chủ nhiệm", 10, XLSX_AMOUNT}, {"Tình nguyện viên", 10, XLSX_AMOUNT}, {"Tổng học viên", 10, XLSX_AMOUNT},
	};
	XFill f = {.year = workui_year(r)};
	const char *sub = arena_printf(&r->arena, "Năm %d", f.year);
	return workui_send_xlsx(r, arena_printf(&r->arena, "tap-huan-%d.xlsx", f.year), "Tập huấn", "CÁC LỚP TẬP HUẤN", sub,
				cols, 12, trainings_fill, &f);
}

/* ---- materials ---- */

static void material_row(const Material *m, void *arg)
{
	TrList *l = arg;
	Req *r = l->r;
	Buf *b = l->b;
	html(b, "<tr>");
	int_cell(b, tr(r, "Năm", "Year"), m->year);
	page_cell(b, tr(r, "Tài liệu", "Material"), NULL, m->title);
	page_cell(b, tr(r, "Cấp", "Level"), NULL, work_level_label(m->level, r->lang));
	int_cell(b, tr(r, "Số cuốn in", "Copies printed"), m->copies);
	int_cell(b, tr(r, "Đã cấp phát", "Sent out"), m->shared);
	page_td(b, tr(r, "Cấp phát", "Send"), NULL);
	if (work_may_write(&r->actor) && (m->unit_id ? scope_covers_unit(r->db, &r->actor, m->unit_id) : scope_is_national(&r->actor))) {
		form_post_begin(r, b, "inline", arena_printf(&r->arena, "/materials/%lld/shares", (long long)m->id), NULL);
		Form f = {.r = r, .b = b, .prefix = arena_printf(&r->arena, "m%lld-", (long long)m->id)};
		form_input(&f, "unit", tr(r, "Mã đơn vị nhận", "Receiving unit's code"), "text", NULL, "required maxlength=\"8\"", NULL);
		form_input(&f, "copies", tr(r, "Số cuốn", "Copies"), "text", NULL, "required inputmode=\"numeric\" maxlength=\"9\"", NULL);
		form_inline_end(b, NULL, tr(r, "Ghi cấp phát", "Record"));
	}
	html(b, "</td></tr>");
}

static HandlerResult materials_page(Req *r, int status, const Err *e)
{
	int year = req_query(r, "year") ? workui_year(r) : 0;
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Tài liệu", "Materials"));
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	form_summary(r, &b, e);
	Buf rows;
	buf_init(&rows, 0);
	TrList l = {.r = r, .b = &rows};
	int64_t n = material_list(r->db, &r->actor, year, material_row, &l);
	if (n < 0) {
		buf_free(&rows);
		buf_free(&b);
		return H_FATAL;
	}
	page_count(&b, n, tr(r, "tài liệu", "materials"));
	if (n) {
		page_table_begin(&b, NULL);
		page_th(&b, tr(r, "Năm", "Year"));
		page_th(&b, tr(r, "Tài liệu", "Material"));
		page_th(&b, tr(r, "Cấp", "Level"));
		page_th(&b, tr(r, "Số cuốn in", "Copies printed"));
		page_th(&b, tr(r, "Đã cấp phát", "Sent out"));
		page_th(&b, tr(r, "Cấp phát", "Send"));
		html(&b, "</tr></thead><tbody>");
		buf_puts(&b, buf_str(&rows));
		html(&b, "</tbody></table></div>");
	}
	buf_free(&rows);
	if (work_may_write(&r->actor)) {
		Form f = {.r = r, .b = &b, .e = e && e->field && strcmp(e->field, "copies") && strcmp(e->field, "unit") ? e : NULL};
		html(&b, "<h2>");
		html_txt(&b, tr(r, "Ghi tài liệu đã in", "Record a printed material"));
		html(&b, "</h2>");
		form_post_begin(r, &b, "narrow", "/materials", NULL);
		level_field(&f, NULL);
		if (!scope_is_national(&r->actor))
			form_input(&f, "unit", tr(r, "Mã đơn vị in", "Publishing unit's code"), "text", form_value(&f, "unit", r->actor.scope),
				   "required maxlength=\"8\"", NULL);
		form_input(&f, "title", tr(r, "Tên tài liệu", "Title"), "text", form_value(&f, "title", ""), "required maxlength=\"290\"", NULL);
		char ys[16];
		snprintf(ys, sizeof ys, "%d", workui_year(r));
		form_input(&f, "year", tr(r, "Năm", "Year"), "text", form_value(&f, "year", ys), "required inputmode=\"numeric\" maxlength=\"4\"", NULL);
		form_input(&f, "copies", tr(r, "Số cuốn in", "Copies printed"), "text", form_value(&f, "copies", ""),
			   "required inputmode=\"numeric\" maxlength=\"11\"", NULL);
		form_button(&b, "primary", tr(r, "Lưu", "Save"));
		html(&b, "</form>");
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_materials(Req *r)
{
	return materials_page(r, 200, NULL);
}

HandlerResult web_material_create(Req *r)
{
	MaterialInput in = {.level = req_form(r, "level"), .unit_code = req_form(r, "unit"), .title = req_form(r, "title"),
			    .year = req_form(r, "year"), .copies = req_form(r, "copies"), .note = req_form(r, "note")};
	Err e = {0};
	if (material_create(r->db, &r->actor, &in, &e) < 0)
		return e.code == E_INTERNAL ? H_FATAL : materials_page(r, err_http_status(e.code), &e);
	return resp_redirect(r, "/materials?saved=1");
}

HandlerResult web_material_share(Req *r)
{
	Err e = {0};
	if (material_share_add(r->db, &r->actor, req_param_id(r, "id"), req_form(r, "unit"), req_form(r, "copies"), &e) < 0) {
		if (e.code == E_INTERNAL)
			return H_FATAL;
		if (e.code == E_NOT_FOUND && !e.field)
			return resp_error(r, E_NOT_FOUND, NULL, NULL);
		return materials_page(r, err_http_status(e.code), &e);
	}
	return resp_redirect(r, "/materials?saved=1");
}

/* ---- visits ---- */

static const FormChoice vkind_choices[] = {
	{"monitoring", "Giám sát", "Monitoring visit"},
	{"support", "Hỗ trợ kỹ thuật", "Technical support"},
};
static const FormChoice result_choices[] = {
	{"na", "Không đánh giá", "Not assessed"},
	{"yes", "Đạt", "Met"},
	{"partly", "Đạt một phần", "Partly met"},
	{"no", "Chưa đạt", "Not met"},
};

static void visit_row(const Visit *v, void *arg)
{
	TrList *l = arg;
	Req *r = l->r;
	Buf *b = l->b;
	html(b, "<tr>");
	date_cell(b, tr(r, "Ngày", "Date"), v->visit_date);
	page_td(b, tr(r, "Loại", "Kind"), NULL);
	page_link(b, "/visits/", v->id, visit_kind_label(v->kind, r->lang));
	html(b, "</td>");
	page_cell(b, tr(r, "Nơi đến", "Visited"), NULL, v->club_id ? v->club_name : v->unit_name);
	page_cell(b, tr(r, "Đoàn", "Team"), NULL, v->team);
	int_cell(b, tr(r, "Kiến nghị", "Recommendations"), v->followups);
	int_cell(b, tr(r, "Chưa xong", "Open"), v->open_followups);
	html(b, "</tr>");
}

HandlerResult web_visits(Req *r)
{
	int year = workui_year(r);
	Buf b;
	buf_init(&b, 0);
	char title[96];
	snprintf(title, sizeof title, "%s %d", tr(r, "Giám sát, hỗ trợ kỹ thuật năm", "Visits in"), year);
	page_begin(r, &b, title);
	workui_year_form(r, &b, "/visits", year, NULL);
	html(&b, "<ul class=\"actions\">");
	if (work_may_write(&r->actor)) {
		page_action(&b, "/visits/new", tr(r, "Ghi chuyến giám sát", "Record a visit"));
		page_action(&b, "/imports/new?kind=visits", tr(r, "Nhập từ Excel", "Import from Excel"));
	}
	page_action(&b, "/followups/overdue", tr(r, "Việc quá hạn", "Overdue follow-ups"));
	page_action(&b, arena_printf(&r->arena, "/visits/export.xlsx?year=%d", year), tr(r, "Tải Excel", "Download Excel"));
	html(&b, "</ul>");
	VisitFilter f = {.year = year};
	int64_t page = page_number(r), per = 50;
	Buf rows;
	buf_init(&rows, 0);
	TrList l = {.r = r, .b = &rows};
	int64_t total = visit_list(r->db, &r->actor, &f, (page - 1) * per, per, visit_row, &l);
	if (total < 0) {
		buf_free(&rows);
		buf_free(&b);
		return H_FATAL;
	}
	page_count(&b, total, tr(r, "chuyến", "visits"));
	if (total) {
		page_table_begin(&b, NULL);
		page_th(&b, tr(r, "Ngày", "Date"));
		page_th(&b, tr(r, "Loại", "Kind"));
		page_th(&b, tr(r, "Nơi đến", "Visited"));
		page_th(&b, tr(r, "Đoàn", "Team"));
		page_th(&b, tr(r, "Kiến nghị", "Recommendations"));
		page_th(&b, tr(r, "Chưa xong", "Open"));
		html(&b, "</tr></thead><tbody>");
		buf_puts(&b, buf_str(&rows));
		html(&b, "</tbody></table></div>");
	}
	buf_free(&rows);
	char ys[16];
	snprintf(ys, sizeof ys, "%d", year);
	const char *q[] = {"year", ys, NULL};
	page_pager(r, &b, "/visits", q, page, per, total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static HandlerResult visit_new_page(Req *r, int status, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Ghi chuyến giám sát, hỗ trợ kỹ thuật", "Record a visit"));
	form_summary(r, &b, e);
	Form f = {.r = r, .b = &b, .e = e};
	form_post_begin(r, &b, "narrow", "/visits", NULL);
	form_select(&f, "kind", tr(r, "Loại", "Kind"), vkind_choices, 2, form_value(&f, "kind", "monitoring"), 0);
	level_field(&f, NULL);
	form_date(&f, "visit_date", tr(r, "Ngày", "Date"), form_value(&f, "visit_date", ""), "required");
	form_input(&f, "team", tr(r, "Đoàn (thành phần)", "Team"), "text", form_value(&f, "team", ""), "required maxlength=\"290\"", NULL);
	form_input(&f, "club", tr(r, "Mã CLB được đến (nếu là một CLB)", "Club visited (code), if a club"), "text",
		   form_value(&f, "club", req_query(r, "club") ? req_query(r, "club") : ""), "maxlength=\"16\"",
		   tr(r, "Ví dụ 15961-01.", "E.g. 15961-01."));
	form_input(&f, "unit", tr(r, "hoặc mã đơn vị được đến", "or the unit visited (code)"), "text", form_value(&f, "unit", ""),
		   "maxlength=\"8\"", NULL);
	html(&b, "<fieldset><legend>");
	html_txt(&b, tr(r, "Kết quả theo bảng kiểm", "Findings against the checklist"));
	html(&b, "</legend>");
	for (size_t i = 0; i < visit_item_count; i++) {
		form_select(&f, visit_items[i].code, strcmp(r->lang, "en") == 0 ? visit_items[i].en : visit_items[i].vi,
			    result_choices, 4, form_value(&f, visit_items[i].code, "na"), 0);
	}
	html(&b, "</fieldset>");
	workui_textarea(&f, "summary", tr(r, "Nhận xét chung", "Summary of findings"), form_value(&f, "summary", ""), 4, 1990, 0);
	html(&b, "<fieldset><legend>");
	html_txt(&b, tr(r, "Kiến nghị (có thể thêm sau)", "A recommendation (more can be added later)"));
	html(&b, "</legend>");
	workui_textarea(&f, "recommendation", tr(r, "Kiến nghị", "Recommendation"), form_value(&f, "recommendation", ""), 2, 990, 0);
	form_input(&f, "owner", tr(r, "Đơn vị thực hiện (mã)", "Owner (unit code)"), "text", form_value(&f, "owner", ""),
		   "maxlength=\"8\"", tr(r, "Để trống: Trung ương Hội.", "Empty: the central level."));
	form_date(&f, "due_date", tr(r, "Hạn hoàn thành", "Due date"), form_value(&f, "due_date", ""), NULL);
	html(&b, "</fieldset>");
	form_button(&b, "primary", tr(r, "Lưu", "Save"));
	html(&b, "</form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_visit_new(Req *r)
{
	return visit_new_page(r, 200, NULL);
}

typedef struct VCreate {
	const Actor *by;
	VisitInput *in;
	const char *rec, *owner, *due;
	int64_t id;
	Err *e;
} VCreate;

static int visit_with_followup_tx(Db *db, void *arg)
{
	VCreate *x = arg;
	Visit *v = malloc(sizeof *v);
	if (!v)
		return -DB_ERROR;
	int rc = 0;
	if (visit_check(db, x->by, x->in, v, x->e) != 0)
		rc = 1;
	else if ((x->id = visit_insert_tx(db, x->by, v, "form")) < 0)
		rc = (int)x->id;
	else if (x->rec && *x->rec) {
		int64_t f = followup_add_tx(db, x->by, x->id, x->rec, x->owner, x->due, x->e);
		if (f < 0)
			rc = x->e->code ? 1 : (int)f;
	}
	free(v);
	return rc;
}

HandlerResult web_visit_create(Req *r)
{
	VisitInput in = {.kind = req_form(r, "kind"), .level = req_form(r, "level"), .visit_date = req_form(r, "visit_date"),
			 .team = req_form(r, "team"), .unit_code = req_form(r, "unit"), .club = req_form(r, "club"),
			 .summary = req_form(r, "summary"), .source = "form"};
	for (size_t i = 0; i < visit_item_count; i++)
		in.results[i] = req_form(r, visit_items[i].code);
	Err e = {0};
	/* The visit and its first recommendation together, or neither. */
	VCreate x = {.by = &r->actor, .in = &in, .rec = req_form(r, "recommendation"), .owner = req_form(r, "owner"),
		     .due = req_form(r, "due_date"), .e = &e};
	int rc = db_tx(r->db, visit_with_followup_tx, &x);
	if (rc == 1)
		return e.code == E_INTERNAL ? H_FATAL : visit_new_page(r, err_http_status(e.code), &e);
	if (rc)
		return resp_error(r, err_from_db(rc), NULL, NULL);
	return resp_redirect(r, arena_printf(&r->arena, "/visits/%lld?saved=1", (long long)x.id));
}

typedef struct FList {
	Req *r;
	Buf *b;
	int show_visit;
	int may_write;
} FList;

static void followup_row(const Followup *fu, void *arg)
{
	FList *l = arg;
	Req *r = l->r;
	Buf *b = l->b;
	html(b, "<tr>");
	if (l->show_visit) {
		page_td(b, tr(r, "Chuyến", "Visit"), NULL);
		char label[260];
		char d[VI_DATE_BUFSZ];
		snprintf(label, sizeof label, "%s %s", vi_format_date(fu->visit_date, d), fu->visited);
		page_link(b, "/visits/", fu->visit_id, label);
		html(b, "</td>");
	}
	page_cell(b, tr(r, "Kiến nghị", "Recommendation"), NULL, fu->text);
	page_cell(b, tr(r, "Đơn vị thực hiện", "Owner"), NULL, fu->owner_unit_id ? fu->owner_name : tr(r, "Trung ương Hội", "Central level"));
	page_td(b, tr(r, "Hạn", "Due"), fu->overdue ? "overdue" : NULL);
	page_date(b, fu->due_date, "—");
	if (fu->overdue) {
		html(b, " ");
		html_txt(b, tr(r, "(quá hạn)", "(overdue)"));
	}
	html(b, "</td>");
	page_td(b, tr(r, "Kết quả", "Follow-up"), NULL);
	if (fu->done) {
		html_txt(b, tr(r, "Đã xong ", "Done "));
		page_date(b, fu->done_date, "");
	} else {
		html_txt(b, tr(r, "Chưa xong", "Open"));
	}
	if (fu->note[0]) {
		html(b, ": ");
		html_txt(b, fu->note);
	}
	if (l->may_write) {
		Form f = {.r = r, .b = b, .prefix = arena_printf(&r->arena, "fu%lld-", (long long)fu->id)};
		form_post_begin(r, b, "inline", arena_printf(&r->arena, "/followups/%lld", (long long)fu->id), NULL);
		form_checkbox(&f, "done", tr(r, "Đã xong", "Done"), fu->done);
		char dv[VI_DATE_BUFSZ];
		form_date(&f, "done_date", tr(r, "Ngày xong", "Done on"), form_date_value(fu->done_date, dv), NULL);
		form_input(&f, "note", tr(r, "Ghi chú", "Note"), "text", fu->note, "maxlength=\"590\"", NULL);
		form_inline_end(b, NULL, tr(r, "Cập nhật", "Update"));
	}
	html(b, "</td></tr>");
}

static void followups_table(Buf *b, Req *r, int show_visit, const char *rows)
{
	page_table_begin(b, NULL);
	if (show_visit)
		page_th(b, tr(r, "Chuyến", "Visit"));
	page_th(b, tr(r, "Kiến nghị", "Recommendation"));
	page_th(b, tr(r, "Đơn vị thực hiện", "Owner"));
	page_th(b, tr(r, "Hạn", "Due"));
	page_th(b, tr(r, "Kết quả", "Follow-up"));
	html(b, "</tr></thead><tbody>");
	buf_puts(b, rows);
	html(b, "</tbody></table></div>");
}

static HandlerResult visit_show_page(Req *r, int status, const Err *e)
{
	Visit *v = arena_alloc(&r->arena, sizeof *v);
	int have = visit_get(r->db, &r->actor, req_param_id(r, "id"), v);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	Buf b;
	buf_init(&b, 0);
	char d[VI_DATE_BUFSZ];
	page_begin(r, &b, arena_printf(&r->arena, "%s %s", visit_kind_label(v->kind, r->lang), vi_format_date(v->visit_date, d)));
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	html(&b, "<dl class=\"facts\">");
	page_fact_txt(&b, tr(r, "Cấp", "Level"), work_level_label(v->level, r->lang));
	page_fact_txt(&b, tr(r, "Đoàn", "Team"), v->team);
	page_fact(&b, tr(r, "Nơi đến", "Visited"));
	if (v->club_id)
		page_link(&b, "/clubs/", v->club_id, v->club_name);
	html(&b, " ");
	html_txt(&b, v->unit_name);
	html(&b, "</dd>");
	if (v->summary[0])
		page_fact_txt(&b, tr(r, "Nhận xét chung", "Summary"), v->summary);
	html(&b, "</dl><h2>");
	html_txt(&b, tr(r, "Kết quả theo bảng kiểm", "Findings"));
	html(&b, "</h2>");
	page_table_begin(&b, NULL);
	page_th(&b, tr(r, "Nội dung", "Item"));
	page_th(&b, tr(r, "Kết quả", "Result"));
	page_th(&b, tr(r, "Ghi chú", "Note"));
	html(&b, "</tr></thead><tbody>");
	for (size_t i = 0; i < visit_item_count; i++) {
		html(&b, "<tr>");
		page_cell(&b, tr(r, "Nội dung", "Item"), NULL, strcmp(r->lang, "en") == 0 ? visit_items[i].en : visit_items[i].vi);
		page_cell(&b, tr(r, "Kết quả", "Result"), NULL, visit_result_label(v->results[i], r->lang));
		page_cell(&b, tr(r, "Ghi chú", "Note"), NULL, v->notes[i][0] ? v->notes[i] : "—");
		html(&b, "</tr>");
	}
	html(&b, "</tbody></table></div><h2 id=\"followups\">");
	html_txt(&b, tr(r, "Kiến nghị và việc cần làm sau giám sát", "Recommendations and follow-up"));
	html(&b, "</h2>");
	form_summary(r, &b, e);
	Buf rows;
	buf_init(&rows, 0);
	FList l = {.r = r, .b = &rows, .may_write = work_may_write(&r->actor)};
	int n = followup_list_visit(r->db, &r->actor, v->id, followup_row, &l);
	if (n > 0)
		followups_table(&b, r, 0, buf_str(&rows));
	buf_free(&rows);
	if (work_may_write(&r->actor) && scope_covers_unit(r->db, &r->actor, v->unit_id)) {
		Form f = {.r = r, .b = &b, .e = e, .prefix = "new-"};
		form_post_begin(r, &b, "narrow", arena_printf(&r->arena, "/visits/%lld/followups", (long long)v->id), "#followups");
		workui_textarea(&f, "recommendation", tr(r, "Kiến nghị", "Recommendation"), form_value(&f, "recommendation", ""), 2, 990, 1);
		form_input(&f, "owner", tr(r, "Đơn vị thực hiện (mã)", "Owner (unit code)"), "text", form_value(&f, "owner", v->unit_code),
			   "maxlength=\"8\"", tr(r, "Để trống: Trung ương Hội.", "Empty: the central level."));
		form_date(&f, "due_date", tr(r, "Hạn hoàn thành", "Due date"), form_value(&f, "due_date", ""), "required");
		form_button(&b, NULL, tr(r, "Thêm kiến nghị", "Add the recommendation"));
		html(&b, "</form>");
	}
	page_history_link(&b, "visit", v->id, tr(r, "Lịch sử thay đổi", "History of changes"));
	html(&b, "<p><a href=\"/visits\">");
	html_txt(&b, tr(r, "← Các chuyến giám sát", "← Visits"));
	html(&b, "</a></p>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_visit_show(Req *r)
{
	return visit_show_page(r, 200, NULL);
}

HandlerResult web_followup_add(Req *r)
{
	Err e = {0};
	int64_t id = req_param_id(r, "id");
	if (followup_add(r->db, &r->actor, id, req_form(r, "recommendation"), req_form(r, "owner"), req_form(r, "due_date"), &e) < 0) {
		if (e.code == E_INTERNAL)
			return H_FATAL;
		if (e.code == E_NOT_FOUND && !e.field)
			return resp_error(r, E_NOT_FOUND, NULL, NULL);
		return visit_show_page(r, err_http_status(e.code), &e);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/visits/%lld?saved=1#followups", (long long)id));
}

HandlerResult web_followup_update(Req *r)
{
	Err e = {0};
	int64_t id = req_param_id(r, "id");
	if (followup_update(r->db, &r->actor, id, form_checked(r, "done"), req_form(r, "done_date"), req_form(r, "note"), &e) != 0) {
		if (e.code == E_INTERNAL)
			return H_FATAL;
		return resp_error(r, e.code, e.field, e.detail[0] ? e.detail : NULL);
	}
	const char *back = req_form(r, "back");
	if (back && strcmp(back, "overdue") == 0)
		return resp_redirect(r, "/followups/overdue?saved=1");
	return resp_redirect(r, "/followups/overdue?saved=1");
}

HandlerResult web_followups_overdue(Req *r)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Việc sau giám sát đã quá hạn", "Overdue follow-ups"));
	if (req_query(r, "saved"))
		page_notice(&b, tr(r, "Đã cập nhật.", "Updated."));
	html(&b, "<p>");
	html_txt(&b, tr(r, "Các kiến nghị mà đơn vị trong phạm vi của bạn phải thực hiện, đã quá hạn và chưa xong.",
			"Recommendations owned by units in your scope that are past their due date and not done."));
	html(&b, "</p>");
	Buf rows;
	buf_init(&rows, 0);
	FList l = {.r = r, .b = &rows, .show_visit = 1, .may_write = work_may_write(&r->actor)};
	int64_t n = followup_overdue(r->db, &r->actor, followup_row, &l);
	if (n < 0) {
		buf_free(&rows);
		buf_free(&b);
		return H_FATAL;
	}
	page_count(&b, n, tr(r, "việc quá hạn", "overdue"));
	if (n)
		followups_table(&b, r, 1, buf_str(&rows));
	buf_free(&rows);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static void visit_xrow(const Visit *v, void *arg)
{
	XFill *f = arg;
	xlsx_date(f->x, v->visit_date);
	xlsx_text(f->x, v->kind);
	xlsx_text(f->x, v->level);
	xlsx_text(f->x, v->team);
	xlsx_text(f->x, v->unit_code);
	xlsx_text(f->x, v->unit_name);
	xlsx_text(f->x, v->club_code);
	xlsx_text(f->x, v->club_name);
	xlsx_text(f->x, v->summary);
	xlsx_int(f->x, v->followups);
	xlsx_int(f->x, v->open_followups);
	xlsx_row_end(f->x);
}

static int visits_fill(Req *r, Xlsx *x, void *arg)
{
	XFill *f = arg;
	f->x = x;
	VisitFilter vf = {.year = f->year};
	return visit_list(r->db, &r->actor, &vf, 0, 100000, visit_xrow, f) < 0 ? -1 : 0;
}

HandlerResult web_visits_xlsx(Req *r)
{
	static const XlsxColumn cols[] = {
		{"Ngày", 12, XLSX_DATE},     {"Loại", 12, XLSX_TEXT},   {"Cấp", 10, XLSX_TEXT},
		{"Đoàn", 30, XLSX_TEXT},     {"Mã đơn vị", 10, XLSX_TEXT}, {"Đơn vị", 24, XLSX_TEXT},
		{"Mã CLB", 10, XLSX_TEXT},   {"CLB", 24, XLSX_TEXT},    {"Nhận xét", 40, XLSX_TEXT},
		{"Kiến nghị", 10, XLSX_NUMBER}, {"Chưa xong", 10, XLSX_NUMBER},
	};
	XFill f = {.year = workui_year(r)};
	return workui_send_xlsx(r, arena_printf(&r->arena, "giam-sat-%d.xlsx", f.year), "Giám sát", "GIÁM SÁT, HỖ TRỢ KỸ THUẬT",
				arena_printf(&r->arena, "Năm %d", f.year), cols, 11, visits_fill, &f);
}
