/* Administrative units: browse the tree as of any date, search by name, follow a unit to what it
 * became and what it came from. */
#include <stdio.h>

#include "core/unit.h"
#include "lib/vi.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

enum { UNITS_PER_PAGE = 100 };

/* The date asked for (?on=, ISO or dd/mm/yyyy), or today. 0, or -1 when it is not a date. */
static int date_param(Req *r, char on[11])
{
	const char *s = req_query(r, "on");
	if (!s || !*s) {
		unit_today(on);
		return 0;
	}
	return vi_parse_date(s, on) == VI_OK ? 0 : -1;
}

static void unit_link(Buf *b, const Unit *u, const char *on)
{
	html(b, "<a href=\"/units/");
	html_urlenc(b, u->code);
	html(b, "?on=");
	html_urlenc(b, on);
	html(b, "\">");
	html_txt(b, u->name);
	html(b, "</a>");
}

static void validity_txt(Req *r, Buf *b, const Unit *u)
{
	page_date(b, u->valid_from, "—");
	html(b, " – ");
	page_date(b, u->valid_to, tr(r, "nay", "now"));
}

static void snapshot_note(Req *r, Buf *b)
{
	html(b, "<p class=\"note\">");
	html_txt(b, tr(r, "Danh sách xã, huyện trước ngày 01/07/2025 là bản chụp tháng 3/2025, dùng cho cả giai đoạn từ 2016: "
			  "các lần sáp nhập xã trong 2019–2025 chưa có trong đó. Quản trị viên có thể nạp danh sách chính thức cũ hơn để sửa.",
		       "Districts and communes before 2025-07-01 come from a March 2025 snapshot used for the whole period from 2016: "
		       "commune mergers of 2019–2025 are not in it. An administrator can load an older official list to correct it."));
	html(b, "</p>");
}

typedef struct RowCtx {
	Req *r;
	Buf *b;
	const char *on;
} RowCtx;

static void unit_row(const Unit *u, void *arg)
{
	RowCtx *c = arg;
	Buf *b = c->b;
	Req *r = c->r;
	html(b, "<tr>");
	page_cell(b, tr(r, "Mã", "Code"), "nowrap", u->code);
	page_td(b, tr(r, "Tên", "Name"), NULL);
	unit_link(b, u, c->on);
	html(b, "</td>");
	page_cell(b, tr(r, "Cấp", "Level"), NULL, unit_level_label(u->level, r->lang));
	page_cell(b, tr(r, "Trực thuộc", "Part of"), NULL, u->parent_code[0] ? u->parent_code : "—");
	page_td(b, tr(r, "Hiệu lực", "In force"), "nowrap");
	validity_txt(r, b, u);
	html(b, "</td></tr>");
}

static void units_table_head(Req *r, Buf *b)
{
	page_table_begin(b, NULL);
	page_th(b, tr(r, "Mã", "Code"));
	page_th(b, tr(r, "Tên", "Name"));
	page_th(b, tr(r, "Cấp", "Level"));
	page_th(b, tr(r, "Trực thuộc", "Part of"));
	page_th(b, tr(r, "Hiệu lực", "In force"));
	html(b, "</tr></thead><tbody>");
}

static void level_select(const Form *f, UnitLevel level)
{
	Req *r = f->r;
	const char *selected = level ? unit_level_name(level) : NULL;
	form_select_begin(f, "level", tr(r, "Cấp", "Level"), 0);
	form_option(f->b, "", tr(r, "Mọi cấp", "Any level"), selected);
	for (int l = UNIT_PROVINCE; l <= UNIT_COMMUNE; l++)
		form_option(f->b, unit_level_name((UnitLevel)l), unit_level_label((UnitLevel)l, r->lang), selected);
	form_select_end(f, "level");
}

HandlerResult web_units(Req *r)
{
	char on[11];
	Err e = {0};
	if (date_param(r, on) != 0) {
		err_set(&e, E_INVALID, "on");
		unit_today(on);
	}
	const char *q = req_query(r, "q");
	const char *lv = req_query(r, "level");
	UnitLevel level = lv && *lv ? unit_level_parse(lv) : 0;
	if (lv && *lv && !level && !e.code)
		err_set(&e, E_INVALID, "level");
	int64_t page = page_number(r);
	/* Without a search or a level, the provinces; with ?parent=, that unit's children. */
	Unit parent = {0};
	const char *pc = req_query(r, "parent");
	if (pc && *pc && unit_find(r->db, pc, on, &parent) != 1 && !e.code)
		err_set(&e, E_NOT_FOUND, "parent");
	if (!level && !(q && *q) && !parent.id)
		level = UNIT_PROVINCE;

	Buf b;
	buf_init(&b, 0);
	char title[96], d[VI_DATE_BUFSZ];
	snprintf(title, sizeof title, "%s %s", tr(r, "Đơn vị hành chính ngày", "Administrative units on"),
		 vi_format_date(on, d) ? d : on);
	page_begin(r, &b, title);
	html(&b, "<form method=\"get\" action=\"/units\" class=\"inline\">");
	Form form = {.r = r, .b = &b, .e = &e};
	form_date(&form, "on", tr(r, "Ngày (dd/mm/yyyy)", "Date (dd/mm/yyyy)"), form_bad(&e, "on") ? req_query(r, "on") : form_date_value(on, d),
		  NULL);
	form_input(&form, "q", tr(r, "Tìm theo tên (gõ không dấu được)", "Search by name (accents optional)"), "search", q, NULL, NULL);
	level_select(&form, level);
	if (parent.id) {
		html(&b, "<input type=\"hidden\" name=\"parent\" value=\"");
		html_attr(&b, parent.code);
		html(&b, "\">");
	}
	form_inline_end(&b, NULL, tr(r, "Xem", "Show"));
	if (!e.field || form_bad(&e, "parent"))
		form_error(r, &b, &e);
	if (parent.id) {
		html(&b, "<p>");
		html_txt(&b, tr(r, "Trực thuộc", "Part of"));
		html(&b, ": ");
		unit_link(&b, &parent, on);
		html(&b, "</p>");
	}
	UnitFilter f = {on, level, parent.id, q};
	units_table_head(r, &b);
	RowCtx c = {r, &b, on};
	int64_t total = e.code ? 0 : unit_list(r->db, &f, (page - 1) * UNITS_PER_PAGE, UNITS_PER_PAGE, unit_row, &c);
	if (total < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody></table></div>");
	page_count(&b, total, level == UNIT_PROVINCE && !parent.id ? tr(r, "tỉnh, thành phố", "provinces and cities")
								   : tr(r, "đơn vị", "units"));
	const char *query[] = {"on", on, "q", q ? q : "", "level", level ? unit_level_name(level) : "",
			       "parent", parent.id ? parent.code : "", NULL};
	page_pager(r, &b, "/units", query, page, UNITS_PER_PAGE, total);
	snapshot_note(r, &b);
	page_end(r, &b);
	return resp_html(r, e.code ? err_http_status(e.code) : 200, &b);
}

static void pred_item(const Unit *u, const char *how, void *arg)
{
	RowCtx *c = arg;
	html(c->b, "<li>");
	unit_link(c->b, u, u->valid_to[0] ? u->valid_to : c->on);
	html(c->b, " (");
	html_txt(c->b, u->code);
	html(c->b, ", ");
	validity_txt(c->r, c->b, u);
	html(c->b, ")</li>");
}

static void history_item(const Unit *u, void *arg)
{
	pred_item(u, NULL, arg);
}

HandlerResult web_unit_show(Req *r)
{
	char on[11];
	if (date_param(r, on) != 0)
		return resp_error(r, E_INVALID, "on", NULL);
	Unit u;
	int have = unit_find(r->db, req_param(r, "code"), on, &u);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	Buf b;
	buf_init(&b, 0);
	char title[192];
	snprintf(title, sizeof title, "%s (%s)", u.name, u.code);
	page_begin(r, &b, title);
	/* Where it sits: its parents on that date. */
	html(&b, "<p class=\"crumbs\"><a href=\"/units?on=");
	html_urlenc(&b, on);
	html(&b, "\">");
	html_txt(&b, tr(r, "Cả nước", "Whole country"));
	html(&b, "</a>");
	Unit chain[3];
	int depth = 0;
	for (int64_t p = u.parent_id; p && depth < 3; p = chain[depth - 1].parent_id)
		if (unit_get(r->db, p, &chain[depth++]) != 1)
			break;
	for (int i = depth - 1; i >= 0; i--) {
		html(&b, " › ");
		unit_link(&b, &chain[i], on);
	}
	html(&b, "</p><dl class=\"facts\">");
	page_fact(&b, tr(r, "Cấp", "Level"));
	html_txt(&b, unit_level_label(u.level, r->lang));
	if (u.kind[0]) {
		html(&b, " · ");
		html_txt(&b, unit_kind_label(u.kind, r->lang));
	}
	html(&b, "</dd>");
	page_fact(&b, tr(r, "Hiệu lực", "In force"));
	validity_txt(r, &b, &u);
	html(&b, "</dd>");
	char today[11];
	unit_today(today);
	if (u.valid_to[0]) {
		Unit now;
		int rs = unit_restated(r->db, u.id, today, &now);
		page_fact(&b, tr(r, "Quy đổi theo địa giới hiện nay", "Restated to today's units"));
		if (rs == 1)
			unit_link(&b, &now, today);
		else
			html_txt(&b, tr(r, "chưa có bảng đối chiếu cho đơn vị này", "no mapping loaded for this unit yet"));
		html(&b, "</dd>");
	}
	html(&b, "</dl>");

	RowCtx c = {r, &b, on};
	html(&b, "<h2>");
	html_txt(&b, tr(r, "Trước đây là", "Came from"));
	html(&b, "</h2><ul class=\"links\">");
	int np = unit_history(r->db, u.id, history_item, &c);
	if (np == 0) {
		html(&b, "<li>");
		html_txt(&b, tr(r, "Không có (hoặc chưa có dữ liệu)", "None (or not recorded)"));
		html(&b, "</li>");
	}
	html(&b, "</ul><h2>");
	html_txt(&b, tr(r, "Trở thành", "Became"));
	html(&b, "</h2><ul class=\"links\">");
	Unit next;
	if (unit_successor(r->db, u.id, &next, NULL) == 1) {
		pred_item(&next, NULL, &c);
	} else {
		html(&b, "<li>");
		html_txt(&b, u.valid_to[0] ? tr(r, "Chưa có bảng đối chiếu", "No mapping loaded")
					   : tr(r, "Vẫn còn hiệu lực", "Still in force"));
		html(&b, "</li>");
	}
	html(&b, "</ul>");
	if (u.level != UNIT_COMMUNE) {
		html(&b, "<h2>");
		html_txt(&b, tr(r, "Đơn vị trực thuộc", "Units within"));
		html(&b, "</h2>");
		UnitFilter f = {on, 0, u.id, NULL};
		units_table_head(r, &b);
		int64_t n = unit_list(r->db, &f, 0, 1000, unit_row, &c);
		html(&b, "</tbody></table></div>");
		page_count(&b, n < 0 ? 0 : n, tr(r, "đơn vị", "units"));
	}
	snapshot_note(r, &b);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
