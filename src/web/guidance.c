/* Pages of the documents of direction and guidance (core/guidance.h): the list of a year, the form
 * to record one, and one document with its edit form. Core decides scope and rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guidance.h"
#include "core/programme.h"
#include "core/scope.h"
#include "lib/vi.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/workui.h"

enum { GUIDANCE_PER_PAGE = 50 };

static const FormChoice kind_choices[] = {
	{"guidance", "Hướng dẫn", "Guidance"},
	{"plan", "Kế hoạch", "Plan"},
	{"decision", "Quyết định", "Decision"},
	{"official_letter", "Công văn", "Official letter"},
	{"other", "Khác", "Other"},
};

static const char *issuer_of(Req *r, const GuidanceDoc *d)
{
	if (d->issuer[0])
		return d->issuer;
	if (d->unit_id)
		return arena_printf(&r->arena, "%s %s", tr(r, "Hội NCT", "Association of"), d->unit_name);
	return tr(r, "Trung ương Hội", "Central level");
}

static void doc_row(const GuidanceDoc *d, void *arg)
{
	PageCtx *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	html(b, "<tr>");
	page_td(b, tr(r, "Ngày ban hành", "Issued on"), NULL);
	page_date(b, d->issued_on, "—");
	html(b, "</td>");
	page_td(b, tr(r, "Số, ký hiệu", "Number"), "nowrap");
	page_link(b, "/guidance/", d->id, d->number);
	html(b, "</td>");
	page_cell(b, tr(r, "Loại", "Kind"), NULL, guidance_kind_label(d->kind, r->lang));
	page_cell(b, tr(r, "Trích yếu", "Title"), NULL, d->title);
	page_cell(b, tr(r, "Cơ quan ban hành", "Issued by"), NULL, issuer_of(r, d));
	page_cell(b, tr(r, "Đề án", "Programme"), "nowrap", d->programme_code[0] ? d->programme_code : "—");
	html(b, "</tr>");
}

/* ?year= (empty: every year) and ?unit= ("" every unit, "0" the central level, a province code):
 * into f; e set on the field at fault. */
static int read_filter(Req *r, GuidanceFilter *f, Err *e)
{
	f->year = 0;
	f->unit_id = -1;
	f->programme_id = 0;
	const char *y = req_query(r, "year");
	if (y && *y) {
		int64_t v;
		if (vi_parse_int(y, &v) != VI_OK || v < 2000 || v > 2100)
			return err_set(e, E_WORK_YEAR, "year");
		f->year = (int)v;
	}
	const char *u = req_query(r, "unit");
	if (u && strcmp(u, "0") == 0)
		f->unit_id = 0;
	else if (u && *u && form_unit_filter(r, u, &f->unit_id, e) != 0)
		return err_set(e, E_INTERNAL, NULL);
	return e->code ? -1 : 0;
}

HandlerResult web_guidance(Req *r)
{
	GuidanceFilter f;
	Err fe = {0};
	if (read_filter(r, &f, &fe) != 0 && fe.code == E_INTERNAL)
		return H_FATAL;
	int bad = fe.code != E_NONE;
	const char *yq = req_query(r, "year"), *uq = req_query(r, "unit");
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Văn bản chỉ đạo, hướng dẫn", "Documents of direction and guidance"));
	if (req_query(r, "saved") && !bad)
		page_notice(&b, tr(r, "Đã lưu văn bản.", "The document was saved."));
	form_summary(r, &b, bad ? &fe : NULL);
	html(&b, "<form method=\"get\" class=\"inline\" action=\"/guidance\">");
	Form ff = {.r = r, .b = &b, .e = bad ? &fe : NULL};
	form_input(&ff, "year", tr(r, "Năm ban hành", "Year of issue"), "text", yq ? yq : "",
		   "inputmode=\"numeric\" maxlength=\"4\"", tr(r, "Để trống: mọi năm.", "Empty: every year."));
	form_input(&ff, "unit", tr(r, "Đơn vị ban hành", "Issuing unit"), "text", uq ? uq : "", "maxlength=\"8\"",
		   tr(r, "Mã tỉnh; 0: Trung ương Hội; để trống: tất cả.", "A province's code; 0: the central level; empty: all."));
	form_inline_end(&b, NULL, tr(r, "Xem", "Show"));
	if (guidance_may_write(&r->actor)) {
		html(&b, "<ul class=\"actions\">");
		page_action(&b, "/guidance/new", tr(r, "Ghi văn bản mới", "Record a document"));
		html(&b, "</ul>");
	}
	if (!bad) {
		int64_t page = page_number(r);
		Buf rows;
		buf_init(&rows, 0);
		PageCtx c = {.r = r, .b = &rows};
		int64_t total = guidance_list(r->db, &r->actor, &f, (page - 1) * GUIDANCE_PER_PAGE, GUIDANCE_PER_PAGE, doc_row, &c);
		if (total < 0) {
			buf_free(&rows);
			buf_free(&b);
			return H_FATAL;
		}
		page_count(&b, total, tr(r, "văn bản", "documents"));
		if (rows.len) {
			page_table_begin(&b, NULL);
			page_th(&b, tr(r, "Ngày ban hành", "Issued on"));
			page_th(&b, tr(r, "Số, ký hiệu", "Number"));
			page_th(&b, tr(r, "Loại", "Kind"));
			page_th(&b, tr(r, "Trích yếu", "Title"));
			page_th(&b, tr(r, "Cơ quan ban hành", "Issued by"));
			page_th(&b, tr(r, "Đề án", "Programme"));
			html(&b, "</tr></thead><tbody>");
			buf_puts(&b, buf_str(&rows));
			html(&b, "</tbody></table></div>");
		}
		buf_free(&rows);
		const char *query[] = {"year", yq && *yq ? yq : NULL, "unit", uq && *uq ? uq : NULL, NULL};
		page_pager(r, &b, "/guidance", query, page, GUIDANCE_PER_PAGE, total);
	}
	page_end(r, &b);
	return resp_html(r, bad ? err_http_status(fe.code) : 200, &b);
}

typedef struct ProgOpts {
	Buf *b;
	const char *selected;
} ProgOpts;

static void prog_option(const ProgrammeInfo *p, void *arg)
{
	ProgOpts *o = arg;
	form_option(o->b, p->code, p->name, o->selected);
}

/* The fields of a document; d is what is stored (NULL for a new one). */
static void doc_fields(Req *r, Buf *b, const Err *e, const GuidanceDoc *d)
{
	Form f = {.r = r, .b = b, .e = e};
	if (!d && scope_is_national(&r->actor))
		form_input(&f, "unit", tr(r, "Mã tỉnh ban hành", "Issuing province's code"), "text", form_value(&f, "unit", ""),
			   "maxlength=\"8\"",
			   tr(r, "Để trống khi Trung ương Hội ban hành; ví dụ 38 (Thanh Hóa).",
			      "Empty when the central level issued it; e.g. 38 (Thanh Hóa)."));
	form_input(&f, "number", tr(r, "Số, ký hiệu văn bản", "Number of the document"), "text",
		   form_value(&f, "number", d ? d->number : ""), "required maxlength=\"60\"",
		   tr(r, "Như ghi trên văn bản, ví dụ 125/HD-NCT.", "As written on it, e.g. 125/HD-NCT."));
	char dv[VI_DATE_BUFSZ];
	form_date(&f, "issued_on", tr(r, "Ngày ban hành", "Issued on"),
		  form_value(&f, "issued_on", d ? form_date_value(d->issued_on, dv) : ""), "required");
	form_select(&f, "kind", tr(r, "Loại văn bản", "Kind"), kind_choices, sizeof kind_choices / sizeof *kind_choices,
		    form_value(&f, "kind", d ? d->kind : "guidance"), 0);
	workui_textarea(&f, "title", tr(r, "Trích yếu nội dung", "Title"), form_value(&f, "title", d ? d->title : ""), 2,
			GUIDANCE_TITLE_MAX, 1);
	const char *def_issuer = scope_is_national(&r->actor) ? "Trung ương Hội NCT Việt Nam" : "";
	form_input(&f, "issuer", tr(r, "Cơ quan ban hành", "Issued by"), "text",
		   form_value(&f, "issuer", d ? d->issuer : def_issuer), "maxlength=\"200\"", NULL);
	form_select_begin(&f, "programme", tr(r, "Thuộc Đề án", "Programme"), 0);
	const char *sel = form_value(&f, "programme", d ? d->programme_code : "");
	form_option(b, "", tr(r, "Không gắn với đề án", "No programme"), sel);
	ProgOpts o = {.b = b, .selected = sel};
	programme_list_kind(r->db, NULL, prog_option, &o);
	form_select_end(&f, "programme");
	workui_textarea(&f, "note", tr(r, "Ghi chú", "Note"), form_value(&f, "note", d ? d->note : ""), 3, GUIDANCE_NOTE_MAX, 0);
}

static HandlerResult new_page(Req *r, int status, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Ghi văn bản chỉ đạo, hướng dẫn", "Record a document of direction and guidance"));
	html(&b, "<p><a href=\"/guidance\">");
	html_txt(&b, tr(r, "← Văn bản chỉ đạo, hướng dẫn", "← Documents of direction and guidance"));
	html(&b, "</a></p>");
	form_summary(r, &b, e);
	form_post_begin(r, &b, "narrow", "/guidance", NULL);
	doc_fields(r, &b, e, NULL);
	form_button(&b, "primary", tr(r, "Lưu văn bản", "Save the document"));
	html(&b, "</form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static GuidanceInput form_input_of(Req *r)
{
	GuidanceInput in = {.unit_code = req_form(r, "unit"), .programme_code = req_form(r, "programme"),
			    .number = req_form(r, "number"), .issued_on = req_form(r, "issued_on"),
			    .kind = req_form(r, "kind"), .title = req_form(r, "title"), .issuer = req_form(r, "issuer"),
			    .note = req_form(r, "note")};
	if (!in.programme_code)
		in.programme_code = "";
	return in;
}

HandlerResult web_guidance_new(Req *r)
{
	if (!guidance_may_write(&r->actor))
		return resp_error(r, E_FORBIDDEN, NULL, NULL);
	return new_page(r, 200, NULL);
}

HandlerResult web_guidance_create(Req *r)
{
	GuidanceInput in = form_input_of(r);
	Err e = {0};
	int64_t id = guidance_create(r->db, &r->actor, &in, &e);
	if (id < 0) {
		if (e.code == E_INTERNAL)
			return H_FATAL;
		if (e.code == E_FORBIDDEN)
			return resp_error(r, E_FORBIDDEN, NULL, NULL);
		return new_page(r, err_http_status(e.code), &e);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/guidance/%lld?saved=1", (long long)id));
}

static HandlerResult show_page(Req *r, const GuidanceDoc *d, int status, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, arena_printf(&r->arena, "%s %s %s", guidance_kind_label(d->kind, r->lang),
				       tr(r, "số", "no."), d->number));
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu văn bản.", "The document was saved."));
	html(&b, "<p><a href=\"/guidance\">");
	html_txt(&b, tr(r, "← Văn bản chỉ đạo, hướng dẫn", "← Documents of direction and guidance"));
	html(&b, "</a></p><dl class=\"facts\">");
	page_fact_txt(&b, tr(r, "Số, ký hiệu", "Number"), d->number);
	page_fact(&b, tr(r, "Ngày ban hành", "Issued on"));
	page_date(&b, d->issued_on, "—");
	html(&b, "</dd>");
	page_fact_txt(&b, tr(r, "Loại", "Kind"), guidance_kind_label(d->kind, r->lang));
	page_fact_txt(&b, tr(r, "Trích yếu", "Title"), d->title);
	page_fact_txt(&b, tr(r, "Cấp ban hành", "Level"),
		      d->unit_id ? arena_printf(&r->arena, "%s (%s)", d->unit_name, d->unit_code) : tr(r, "Trung ương Hội", "Central level"));
	page_fact_txt(&b, tr(r, "Cơ quan ban hành", "Issued by"), issuer_of(r, d));
	page_fact_txt(&b, tr(r, "Đề án", "Programme"), d->programme_code[0] ? d->programme_code : tr(r, "Không gắn với đề án", "No programme"));
	if (d->note[0])
		page_fact_txt(&b, tr(r, "Ghi chú", "Note"), d->note);
	page_fact(&b, tr(r, "Người ghi", "Recorded by"));
	html_txt(&b, d->created_by);
	html(&b, ", ");
	page_date(&b, d->created_at, "");
	html(&b, "</dd></dl>");
	if (guidance_may_edit(r->db, &r->actor, d) && r->actor.role != ROLE_VIEWER) {
		html(&b, "<h2>");
		html_txt(&b, tr(r, "Sửa văn bản", "Edit the document"));
		html(&b, "</h2>");
		form_summary(r, &b, e);
		form_post_begin(r, &b, "narrow", arena_printf(&r->arena, "/guidance/%lld", (long long)d->id), NULL);
		doc_fields(r, &b, e, d);
		form_button(&b, "primary", tr(r, "Lưu thay đổi", "Save the changes"));
		html(&b, "</form>");
		page_history_link(&b, "guidance_document", d->id, tr(r, "Lịch sử thay đổi", "History of changes"));
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_guidance_show(Req *r)
{
	GuidanceDoc *d = arena_alloc(&r->arena, sizeof *d);
	int have = guidance_get(r->db, &r->actor, req_param_id(r, "id"), d);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return show_page(r, d, 200, NULL);
}

HandlerResult web_guidance_update(Req *r)
{
	GuidanceDoc *d = arena_alloc(&r->arena, sizeof *d);
	int have = guidance_get(r->db, &r->actor, req_param_id(r, "id"), d);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	GuidanceInput in = form_input_of(r);
	in.unit_code = NULL; /* the issuing unit stays */
	Err e = {0};
	if (guidance_update(r->db, &r->actor, d->id, &in, &e) != 0) {
		if (e.code == E_INTERNAL)
			return H_FATAL;
		if (e.code == E_FORBIDDEN || (e.code == E_NOT_FOUND && !e.field))
			return resp_error(r, e.code, NULL, NULL);
		return show_page(r, d, err_http_status(e.code), &e);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/guidance/%lld?saved=1", (long long)d->id));
}
