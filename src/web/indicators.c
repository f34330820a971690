/* Administrators' pages of the indicator catalogue: the catalogue in force (or of an older version)
 * by activity area with each indicator's definition next to it; adding, rewording and retiring an
 * indicator, each of which makes a new catalogue version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/indicator.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

static const FormChoice kind_choices[] = {
	{"count", "Số đếm", "Count"},
	{"money", "Số tiền (đồng)", "Amount (đồng)"},
	{"yesno", "Có / không", "Yes / no"},
};
static const FormChoice source_choices[] = {
	{"entered", "CLB nhập", "Entered by the club"},
	{"members", "Tính từ sổ thành viên", "From the member book"},
	{"ledger", "Tính từ sổ quỹ (CLB không giữ sổ thì nhập)", "From the fund books (entered when none are kept)"},
};
static const FormChoice over_time_choices[] = {
	{"sum", "Cộng các tháng", "Sum of the months"},
	{"last", "Lấy số tháng cuối kỳ", "Value of the last month"},
};
#define NCHOICES(a) (sizeof(a) / sizeof *(a))

static const char *kind_label(Req *r, const char *v)
{
	return form_choice_label(r, kind_choices, NCHOICES(kind_choices), v);
}
static const char *source_label(Req *r, const char *v)
{
	return form_choice_label(r, source_choices, NCHOICES(source_choices), v);
}
static const char *over_time_label(Req *r, const char *v)
{
	return form_choice_label(r, over_time_choices, NCHOICES(over_time_choices), v);
}

static const char *change_label(Req *r, const char *change)
{
	if (strcmp(change, "load") == 0)
		return tr(r, "Nạp danh mục ban đầu", "First catalogue loaded");
	if (strcmp(change, "add") == 0)
		return tr(r, "Thêm chỉ tiêu", "Indicator added");
	if (strcmp(change, "reword") == 0)
		return tr(r, "Sửa cách diễn đạt", "Indicator reworded");
	if (strcmp(change, "retire") == 0)
		return tr(r, "Thôi dùng chỉ tiêu", "Indicator retired");
	return change;
}

static int is_en(const Req *r)
{
	return strcmp(r->lang, "en") == 0;
}

/* The words for a field at fault (a FormMessage), from core's key; NULL for the catalogue's. */
static const char *indicator_message(Req *r, const char *id, const Err *e, const char *typed)
{
	(void)id;
	(void)typed;
	char words[400];
	const char *t = indicator_err_text(e, r->lang, words, sizeof words);
	return t ? arena_strdup(&r->arena, t) : NULL;
}

/* The message box of an error that no field of the form shows. */
static void general_error(Req *r, Buf *b, const Err *e)
{
	if (!e || !e->code)
		return;
	char words[400];
	const char *t = indicator_err_text(e, r->lang, words, sizeof words);
	html(b, "<div class=\"error\" role=\"alert\"><p>");
	html_txt(b, t ? t : err_message(e->code, r->lang));
	html(b, "</p></div>");
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
		html(b, "</span>");
	}
}

static const char *label_of(const Req *r, const Indicator *x)
{
	return is_en(r) && x->label_en[0] ? x->label_en : x->label_vi;
}

static void code_link(Buf *b, const char *code)
{
	html(b, "<a href=\"/admin/indicators/");
	html_attr(b, code);
	html(b, "\"><code>");
	html_txt(b, code);
	html(b, "</code></a>");
}

/* ---- the catalogue ---- */

typedef struct Rows {
	Indicator *items;
	size_t n, alloc;
	int failed;
} Rows;

static void rows_add(const Indicator *x, void *arg)
{
	Rows *rs = arg;
	if (rs->n == rs->alloc) {
		size_t a = rs->alloc ? 2 * rs->alloc : 64;
		Indicator *p = realloc(rs->items, a * sizeof *p);
		if (!p) {
			rs->failed = 1;
			return;
		}
		rs->items = p;
		rs->alloc = a;
	}
	rs->items[rs->n++] = *x;
}

static void version_option(const IndicatorVersion *v, void *arg)
{
	PageCtx *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	char day[11], date[VI_DATE_BUFSZ];
	snprintf(day, sizeof day, "%.10s", v->made_at);
	form_date_value(day, date);
	const char *selected = req_query(r, "version");
	html(b, "<option value=\"");
	html_int(b, v->number);
	html(b, "\"");
	if (selected && strtoll(selected, NULL, 10) == v->number)
		html(b, " selected");
	html(b, ">");
	/* Short, so that the select fits a phone; what changed is in the table of versions. */
	html_trf(r, b, "Phiên bản %lld (%s)", "Version %lld (%s)", (long long)v->number, date);
	html(b, "</option>");
}

static void version_row(const IndicatorVersion *v, void *arg)
{
	PageCtx *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	html(b, "<tr>");
	page_td(b, tr(r, "Phiên bản", "Version"), "num");
	html(b, "<a href=\"/admin/indicators?version=");
	html_int(b, v->number);
	html(b, "\">");
	html_int(b, v->number);
	html(b, "</a></td>");
	page_td(b, tr(r, "Ngày", "Date"), "nowrap");
	page_date(b, v->made_at, "—");
	html(b, "</td>");
	page_cell(b, tr(r, "Người thực hiện", "By"), NULL, v->made_by);
	page_td(b, tr(r, "Thay đổi", "Change"), NULL);
	html_txt(b, change_label(r, v->change));
	if (v->code[0]) {
		html(b, " ");
		code_link(b, v->code);
	}
	html(b, "</td>");
	page_cell(b, tr(r, "Ghi chú", "Note"), NULL, v->note[0] ? v->note : "—");
	html(b, "</tr>");
}

static void indicator_row(Req *r, Buf *b, const Indicator *x)
{
	html(b, "<tr>");
	page_td(b, tr(r, "Chỉ tiêu", "Indicator"), NULL);
	html(b, "<strong>");
	html_txt(b, label_of(r, x));
	html(b, "</strong><br>");
	code_link(b, x->code);
	html(b, "</td>");
	page_td(b, tr(r, "Định nghĩa", "Definition"), NULL);
	definition(r, b, x);
	html(b, "</td>");
	page_cell(b, tr(r, "Loại số liệu", "Kind"), NULL, kind_label(r, x->kind));
	page_cell(b, tr(r, "Nguồn số liệu", "Source"), NULL, source_label(r, x->source));
	page_cell(b, tr(r, "Cộng theo quý, năm", "Over a quarter or year"), NULL, over_time_label(r, x->over_time));
	page_td(b, tr(r, "Kiểm tra", "Check"), NULL);
	if (x->check[0]) {
		html(b, "<code>");
		html_txt(b, x->check);
		html(b, "</code>");
	} else {
		html(b, "—");
	}
	html(b, "</td></tr>");
}

HandlerResult web_indicators(Req *r)
{
	int64_t current = indicator_version_current(r->db);
	if (current < 0)
		return H_FATAL;
	int64_t version = current;
	const char *q = req_query(r, "version");
	if (q && *q) {
		char *end;
		long long v = strtoll(q, &end, 10);
		IndicatorVersion iv;
		if (*end || v <= 0 || indicator_version_get(r->db, v, &iv) != 1)
			return resp_error(r, E_NOT_FOUND, "version", NULL);
		version = v;
	}
	IndicatorVersion shown = {0};
	if (version && indicator_version_get(r->db, version, &shown) < 0)
		return H_FATAL;
	Rows rows = {0};
	if (indicator_list(r->db, version, rows_add, &rows) < 0 || rows.failed) {
		free(rows.items);
		return H_FATAL;
	}

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Danh mục chỉ tiêu báo cáo tháng", "Indicator catalogue of the monthly report"));
	const char *saved = req_query(r, "saved");
	if (saved && version == current) {
		page_notice(&b, is_en(r) ? arena_printf(&r->arena, "Saved: the catalogue is now version %lld.", (long long)current)
					 : arena_printf(&r->arena, "Đã lưu: danh mục nay là phiên bản %lld.", (long long)current));
	}
	html(&b, "<p>");
	html_txt(&b, tr(r, "Mỗi lần thêm, sửa cách diễn đạt hoặc thôi dùng một chỉ tiêu là một phiên bản mới của danh mục. "
			   "Báo cáo tháng giữ phiên bản danh mục mà nó được nhập theo.",
			"Each indicator added, reworded or retired makes a new version of the catalogue. "
			"A monthly report keeps the catalogue version it was entered under."));
	html(&b, "</p>");
	if (version != current) {
		html(&b, "<div class=\"error\" role=\"status\"><p>");
		html_trf(r, &b, "Đây là phiên bản cũ %lld của danh mục; phiên bản đang dùng là %lld.",
			 "This is the old version %lld of the catalogue; the version in force is %lld.", (long long)version,
			 (long long)current);
		html(&b, " <a href=\"/admin/indicators\">");
		html_txt(&b, tr(r, "Xem phiên bản đang dùng", "See the version in force"));
		html(&b, "</a></p></div>");
	}
	html(&b, "<dl class=\"facts\">");
	page_fact(&b, tr(r, "Phiên bản", "Version"));
	html_int(&b, version);
	html(&b, "</dd>");
	page_fact(&b, tr(r, "Ngày", "Date"));
	page_date(&b, shown.made_at, "—");
	html(&b, "</dd>");
	page_fact(&b, tr(r, "Số chỉ tiêu", "Indicators"));
	html_int(&b, (int64_t)rows.n);
	html(&b, "</dd></dl>");

	/* The version selector: a plain GET form, so it works without JavaScript. */
	html(&b, "<form method=\"get\" action=\"/admin/indicators\" class=\"inline\"><div class=\"field\">"
		 "<label for=\"f-version\">");
	html_txt(&b, tr(r, "Xem phiên bản", "Show version"));
	html(&b, "</label><select id=\"f-version\" name=\"version\">");
	PageCtx c = {r, &b};
	if (indicator_versions(r->db, version_option, &c) < 0) {
		free(rows.items);
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</select></div>");
	form_inline_end(&b, NULL, tr(r, "Xem", "Show"));
	if (version == current) {
		html(&b, "<ul class=\"actions\">");
		page_action(&b, "/admin/indicators/new", tr(r, "Thêm chỉ tiêu", "Add an indicator"));
		html(&b, "</ul>");
	}

	for (size_t a = 0; a < indicator_area_count; a++) {
		const char *area = indicator_areas[a].code;
		size_t count = 0;
		for (size_t i = 0; i < rows.n; i++)
			count += strcmp(rows.items[i].area, area) == 0;
		if (!count)
			continue;
		html(&b, "<h2 id=\"area-");
		html_attr(&b, area);
		html(&b, "\">");
		html_txt(&b, indicator_area_label(area, r->lang));
		html(&b, "</h2>");
		page_table_begin(&b, NULL);
		page_th(&b, tr(r, "Chỉ tiêu", "Indicator"));
		page_th(&b, tr(r, "Định nghĩa", "Definition"));
		page_th(&b, tr(r, "Loại số liệu", "Kind"));
		page_th(&b, tr(r, "Nguồn số liệu", "Source"));
		page_th(&b, tr(r, "Cộng theo quý, năm", "Over a quarter or year"));
		page_th(&b, tr(r, "Kiểm tra", "Check"));
		html(&b, "</tr></thead><tbody>");
		for (size_t i = 0; i < rows.n; i++)
			if (strcmp(rows.items[i].area, area) == 0)
				indicator_row(r, &b, &rows.items[i]);
		html(&b, "</tbody></table></div>");
	}
	free(rows.items);

	html(&b, "<h2>");
	html_txt(&b, tr(r, "Các phiên bản của danh mục", "Versions of the catalogue"));
	html(&b, "</h2>");
	page_table_begin(&b, NULL);
	page_th(&b, tr(r, "Phiên bản", "Version"));
	page_th(&b, tr(r, "Ngày", "Date"));
	page_th(&b, tr(r, "Người thực hiện", "By"));
	page_th(&b, tr(r, "Thay đổi", "Change"));
	page_th(&b, tr(r, "Ghi chú", "Note"));
	html(&b, "</tr></thead><tbody>");
	if (indicator_versions(r->db, version_row, &c) < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody></table></div>");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* ---- adding ---- */

static void choice_select(const Form *f, const char *name, const char *label, const FormChoice *choices, size_t n,
			  const char *value)
{
	form_select_begin(f, name, label, 1);
	form_option(f->b, "", tr(f->r, "— chọn —", "— choose —"), NULL);
	for (size_t i = 0; i < n; i++)
		form_option(f->b, choices[i].value, is_en(f->r) ? choices[i].en : choices[i].vi, value);
	form_select_end(f, name);
}

static const char *check_hint(Req *r)
{
	return tr(r, "Để trống nếu không cần. Ví dụ: <= MEM_TOTAL (không lớn hơn tổng số thành viên), "
		     "hoặc = previous INC_OUTSTANDING + INC_LOANS_VND - INC_REPAID_VND",
		  "Leave empty when none. E.g. <= MEM_TOTAL (not above the members), "
		  "or = previous INC_OUTSTANDING + INC_LOANS_VND - INC_REPAID_VND");
}

static HandlerResult new_page(Req *r, int status, const IndicatorInput *in, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Thêm chỉ tiêu", "Add an indicator"));
	html(&b, "<p><a href=\"/admin/indicators\">");
	html_txt(&b, tr(r, "← Danh mục chỉ tiêu", "← Indicator catalogue"));
	html(&b, "</a></p>");
	if (e && e->code && !e->field)
		general_error(r, &b, e);
	else
		form_summary(r, &b, e);
	form_post_begin(r, &b, "narrow", "/admin/indicators", NULL);
	Form f = {.r = r, .b = &b, .e = e, .message = indicator_message};
	form_input(&f, "code", tr(r, "Mã chỉ tiêu", "Code"), "text", in->code,
		   "required maxlength=\"24\" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\"",
		   tr(r, "2 đến 24 chữ in hoa không dấu, chữ số, dấu gạch dưới; không đổi được về sau",
		      "2 to 24 capital letters, digits, underscores; it never changes"));
	form_select_begin(&f, "area", tr(r, "Mảng hoạt động", "Activity area"), 1);
	form_option(&b, "", tr(r, "— chọn —", "— choose —"), NULL);
	for (size_t i = 0; i < indicator_area_count; i++)
		form_option(&b, indicator_areas[i].code, indicator_area_label(indicator_areas[i].code, r->lang), in->area);
	form_select_end(&f, "area");
	choice_select(&f, "kind", tr(r, "Loại số liệu", "Kind"), kind_choices, NCHOICES(kind_choices), in->kind);
	choice_select(&f, "source", tr(r, "Nguồn số liệu", "Source"), source_choices, NCHOICES(source_choices),
		      in->source);
	choice_select(&f, "over_time", tr(r, "Cộng theo quý, năm", "Over a quarter or year"), over_time_choices,
		      NCHOICES(over_time_choices), in->over_time);
	form_input(&f, "label_vi", tr(r, "Tên chỉ tiêu (tiếng Việt)", "Name (Vietnamese)"), "text", in->label_vi,
		   "required", NULL);
	form_input(&f, "label_en", tr(r, "Tên chỉ tiêu (tiếng Anh)", "Name (English)"), "text", in->label_en,
		   "required", NULL);
	form_input(&f, "definition_vi", tr(r, "Định nghĩa (tiếng Việt)", "Definition (Vietnamese)"), "text",
		   in->definition_vi, NULL, tr(r, "Cần ít nhất một định nghĩa", "At least one definition is needed"));
	form_input(&f, "definition_en", tr(r, "Định nghĩa (tiếng Anh)", "Definition (English)"), "text",
		   in->definition_en, NULL, NULL);
	form_input(&f, "check", tr(r, "Quy tắc kiểm tra", "Check rule"), "text", in->check,
		   "autocomplete=\"off\" spellcheck=\"false\"", check_hint(r));
	form_input(&f, "note", tr(r, "Ghi chú cho phiên bản mới (lý do)", "Note for the new version (why)"), "text",
		   in->note, NULL, NULL);
	form_button(&b, "primary", tr(r, "Thêm vào danh mục", "Add to the catalogue"));
	html(&b, "</form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_indicator_new(Req *r)
{
	IndicatorInput in = {0};
	return new_page(r, 200, &in, NULL);
}

static HandlerResult saved(Req *r, const char *code, int64_t version)
{
	(void)version;
	const char *loc = arena_printf(&r->arena, "/admin/indicators?saved=1#area-%s", code ? code : "");
	return resp_redirect(r, loc);
}

HandlerResult web_indicator_create(Req *r)
{
	IndicatorInput in = {req_form(r, "code"), req_form(r, "area"), req_form(r, "kind"), req_form(r, "source"),
			     req_form(r, "over_time"), req_form(r, "label_vi"), req_form(r, "label_en"),
			     req_form(r, "definition_en"), req_form(r, "definition_vi"), req_form(r, "check"),
			     req_form(r, "note")};
	Err e = {0};
	int64_t version = indicator_add(r->db, &r->actor, &in, &e);
	if (version < 0)
		return new_page(r, err_http_status(e.code), &in, &e);
	return saved(r, in.area, version);
}

/* ---- one indicator: reword, retire ---- */

static void wording_row(const Indicator *x, void *arg)
{
	PageCtx *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	html(b, "<tr>");
	page_td(b, tr(r, "Phiên bản", "Versions"), "nowrap");
	html_int(b, x->from_version);
	if (x->until_version) {
		html(b, "–");
		html_int(b, x->until_version - 1);
	} else {
		html_txt(b, tr(r, " đến nay", " to now"));
	}
	html(b, "</td>");
	page_cell(b, tr(r, "Tên (tiếng Việt)", "Name (Vietnamese)"), NULL, x->label_vi);
	page_cell(b, tr(r, "Tên (tiếng Anh)", "Name (English)"), NULL, x->label_en);
	page_td(b, tr(r, "Định nghĩa", "Definition"), NULL);
	definition(r, b, x);
	html(b, "</td></tr>");
}

enum { FORM_NONE, FORM_REWORD, FORM_RETIRE };

static HandlerResult show_page(Req *r, int status, int which, const Err *e)
{
	const char *code = req_param(r, "code");
	Indicator *x = malloc(sizeof *x);
	if (!x)
		return H_FATAL;
	int have = indicator_get(r->db, code, 0, x);
	if (have <= 0) {
		free(x);
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	}
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, label_of(r, x));
	html(&b, "<p><a href=\"/admin/indicators\">");
	html_txt(&b, tr(r, "← Danh mục chỉ tiêu", "← Indicator catalogue"));
	html(&b, "</a></p>");
	if (req_query(r, "saved") && !(e && e->code))
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	html(&b, "<dl class=\"facts\">");
	page_fact(&b, tr(r, "Mã", "Code"));
	html(&b, "<code>");
	html_txt(&b, x->code);
	html(&b, "</code></dd>");
	page_fact_txt(&b, tr(r, "Mảng hoạt động", "Activity area"), indicator_area_label(x->area, r->lang));
	page_fact_txt(&b, tr(r, "Loại số liệu", "Kind"), kind_label(r, x->kind));
	page_fact_txt(&b, tr(r, "Nguồn số liệu", "Source"), source_label(r, x->source));
	page_fact_txt(&b, tr(r, "Cộng theo quý, năm", "Over a quarter or year"), over_time_label(r, x->over_time));
	page_fact_txt(&b, tr(r, "Quy tắc kiểm tra", "Check rule"), x->check[0] ? x->check : "—");
	page_fact(&b, tr(r, "Hiệu lực", "In force"));
	if (x->until_version)
		html_trf(r, &b, "từ phiên bản %lld; đã thôi dùng từ phiên bản %lld",
			 "from version %lld; retired from version %lld", (long long)x->from_version, (long long)x->until_version);
	else
		html_trf(r, &b, "cách diễn đạt này từ phiên bản %lld, đang dùng", "this wording from version %lld, in force",
			 (long long)x->from_version);
	html(&b, "</dd></dl>");

	if (!x->until_version) {
		char action[80];
		snprintf(action, sizeof action, "/admin/indicators/%s", x->code);
		const Err *re = which == FORM_REWORD ? e : NULL;
		html(&b, "<h2>");
		html_txt(&b, tr(r, "Sửa cách diễn đạt", "Reword"));
		html(&b, "</h2><p>");
		html_txt(&b, tr(r, "Chỉ sửa tên và định nghĩa; muốn đổi loại, nguồn hay cách tính thì thôi dùng chỉ tiêu này và thêm chỉ tiêu mới.",
				"Only the names and definitions change; to change the kind, source or how it adds up, retire this indicator and add a new one."));
		html(&b, "</p>");
		if (re && re->code && !re->field)
			general_error(r, &b, re);
		else
			form_summary(r, &b, re);
		form_post_begin(r, &b, "narrow", action, NULL);
		Form f = {.r = r, .b = &b, .e = re, .message = indicator_message};
		form_input(&f, "label_vi", tr(r, "Tên chỉ tiêu (tiếng Việt)", "Name (Vietnamese)"), "text",
			   form_value(&f, "label_vi", x->label_vi), "required", NULL);
		form_input(&f, "label_en", tr(r, "Tên chỉ tiêu (tiếng Anh)", "Name (English)"), "text",
			   form_value(&f, "label_en", x->label_en), "required", NULL);
		form_input(&f, "definition_vi", tr(r, "Định nghĩa (tiếng Việt)", "Definition (Vietnamese)"), "text",
			   form_value(&f, "definition_vi", x->definition_vi), NULL, NULL);
		form_input(&f, "definition_en", tr(r, "Định nghĩa (tiếng Anh)", "Definition (English)"), "text",
			   form_value(&f, "definition_en", x->definition_en), NULL, NULL);
		form_input(&f, "note", tr(r, "Ghi chú cho phiên bản mới (lý do)", "Note for the new version (why)"), "text",
			   form_value(&f, "note", ""), NULL, NULL);
		form_button(&b, "primary", tr(r, "Lưu cách diễn đạt mới", "Save the new wording"));
		html(&b, "</form>");

		const Err *te = which == FORM_RETIRE ? e : NULL;
		html(&b, "<h2>");
		html_txt(&b, tr(r, "Thôi dùng chỉ tiêu", "Retire the indicator"));
		html(&b, "</h2><p>");
		html_txt(&b, tr(r, "Báo cáo đã nhập vẫn giữ chỉ tiêu này; từ phiên bản mới, báo cáo không còn chỉ tiêu này nữa.",
				"Reports already entered keep this indicator; from the new version on, reports no longer have it."));
		html(&b, "</p>");
		if (te && te->code && (!te->field || strcmp(te->field, "note") != 0))
			general_error(r, &b, te);
		Form g = {.r = r, .b = &b, .e = te && te->field && strcmp(te->field, "note") == 0 ? te : NULL,
			  .prefix = "retire-", .message = indicator_message};
		form_post_begin(r, &b, "narrow", action, "/retire");
		form_input(&g, "note", tr(r, "Lý do thôi dùng", "Why it is retired"), "text", form_value(&g, "note", ""),
			   NULL, NULL);
		form_button(&b, "danger", tr(r, "Thôi dùng chỉ tiêu này", "Retire this indicator"));
		html(&b, "</form>");
	}

	html(&b, "<h2>");
	html_txt(&b, tr(r, "Các cách diễn đạt qua các phiên bản", "Wordings through the versions"));
	html(&b, "</h2>");
	page_table_begin(&b, NULL);
	page_th(&b, tr(r, "Phiên bản", "Versions"));
	page_th(&b, tr(r, "Tên (tiếng Việt)", "Name (Vietnamese)"));
	page_th(&b, tr(r, "Tên (tiếng Anh)", "Name (English)"));
	page_th(&b, tr(r, "Định nghĩa", "Definition"));
	html(&b, "</tr></thead><tbody>");
	PageCtx c = {r, &b};
	int64_t n = indicator_history(r->db, x->code, wording_row, &c);
	html(&b, "</tbody></table></div><p><a href=\"/audit?entity=indicator&amp;id=");
	html_urlenc(&b, x->code);
	html(&b, "\">");
	html_txt(&b, tr(r, "Xem lịch sử thay đổi của chỉ tiêu này", "History of this indicator"));
	html(&b, "</a></p>");
	free(x);
	if (n < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_indicator_show(Req *r)
{
	return show_page(r, 200, FORM_NONE, NULL);
}

static HandlerResult changed(Req *r, const char *code)
{
	return resp_redirect(r, arena_printf(&r->arena, "/admin/indicators/%s?saved=1", code));
}

HandlerResult web_indicator_reword(Req *r)
{
	IndicatorInput in = {.label_vi = req_form(r, "label_vi"), .label_en = req_form(r, "label_en"),
			     .definition_en = req_form(r, "definition_en"), .definition_vi = req_form(r, "definition_vi"),
			     .note = req_form(r, "note")};
	Err e = {0};
	const char *code = req_param(r, "code");
	if (indicator_reword(r->db, &r->actor, code, &in, &e) < 0)
		return e.code == E_NOT_FOUND ? resp_err(r, &e) : show_page(r, err_http_status(e.code), FORM_REWORD, &e);
	return changed(r, code);
}

HandlerResult web_indicator_retire(Req *r)
{
	Err e = {0};
	const char *code = req_param(r, "code");
	if (indicator_retire(r->db, &r->actor, code, req_form(r, "note"), &e) < 0)
		return e.code == E_NOT_FOUND ? resp_err(r, &e) : show_page(r, err_http_status(e.code), FORM_RETIRE, &e);
	return changed(r, code);
}
