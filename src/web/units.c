/* Administrative units: browse the tree as of any date, search by name, follow a unit to what it
 * became and what it came from. */
#include <stdio.h>
#include <string.h>

#include "core/unit.h"
#include "lib/vi.h"
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

static void date_txt(Buf *b, const char *iso)
{
	char d[VI_DATE_BUFSZ];
	html_txt(b, vi_format_date(iso, d) ? d : iso);
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
	date_txt(b, u->valid_from);
	html(b, " – ");
	if (u->valid_to[0])
		date_txt(b, u->valid_to);
	else
		html_txt(b, tr(r, "nay", "now"));
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
	html(b, "<tr><td class=\"nowrap\" data-label=\"");
	html_attr(b, tr(r, "Mã", "Code"));
	html(b, "\">");
	html_txt(b, u->code);
	html(b, "</td><td data-label=\"");
	html_attr(b, tr(r, "Tên", "Name"));
	html(b, "\">");
	unit_link(b, u, c->on);
	html(b, "</td><td data-label=\"");
	html_attr(b, tr(r, "Cấp", "Level"));
	html(b, "\">");
	html_txt(b, unit_level_label(u->level, r->lang));
	html(b, "</td><td data-label=\"");
	html_attr(b, tr(r, "Trực thuộc", "Part of"));
	html(b, "\">");
	html_txt(b, u->parent_code[0] ? u->parent_code : "—");
	html(b, "</td><td class=\"nowrap\" data-label=\"");
	html_attr(b, tr(r, "Hiệu lực", "In force"));
	html(b, "\">");
	validity_txt(r, b, u);
	html(b, "</td></tr>");
}

static void units_table_head(Req *r, Buf *b)
{
	html(b, "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th scope=\"col\">");
	html_txt(b, tr(r, "Mã", "Code"));
	html(b, "</th><th scope=\"col\">");
	html_txt(b, tr(r, "Tên", "Name"));
	html(b, "</th><th scope=\"col\">");
	html_txt(b, tr(r, "Cấp", "Level"));
	html(b, "</th><th scope=\"col\">");
	html_txt(b, tr(r, "Trực thuộc", "Part of"));
	html(b, "</th><th scope=\"col\">");
	html_txt(b, tr(r, "Hiệu lực", "In force"));
	html(b, "</th></tr></thead><tbody>");
}

static void level_select(Req *r, Buf *b, UnitLevel level)
{
	html(b, "<div class=\"field\"><label for=\"f-level\">");
	html_txt(b, tr(r, "Cấp", "Level"));
	html(b, "</label><select id=\"f-level\" name=\"level\"><option value=\"\">");
	html_txt(b, tr(r, "Mọi cấp", "Any level"));
	html(b, "</option>");
	for (int l = UNIT_PROVINCE; l <= UNIT_COMMUNE; l++) {
		html(b, "<option value=\"");
		html_attr(b, unit_level_name((UnitLevel)l));
		html(b, "\"");
		if ((int)level == l)
			html(b, " selected");
		html(b, ">");
		html_txt(b, unit_level_label((UnitLevel)l, r->lang));
		html(b, "</option>");
	}
	html(b, "</select></div>");
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
	int64_t page = req_param_id(r, "page");
	if (page < 1)
		page = 1;
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
	form_input(r, &b, "on", tr(r, "Ngày (dd/mm/yyyy)", "Date (dd/mm/yyyy)"), "text",
		   e.code && e.field && strcmp(e.field, "on") == 0 ? req_query(r, "on") : vi_format_date(on, d), &e,
		   "inputmode=\"numeric\"");
	form_input(r, &b, "q", tr(r, "Tìm theo tên (gõ không dấu được)", "Search by name (accents optional)"), "search",
		   q, &e, "");
	level_select(r, &b, level);
	if (parent.id) {
		html(&b, "<input type=\"hidden\" name=\"parent\" value=\"");
		html_attr(&b, parent.code);
		html(&b, "\">");
	}
	html(&b, "<button type=\"submit\">");
	html_txt(&b, tr(r, "Xem", "Show"));
	html(&b, "</button></form>");
	if (e.code && (!e.field || strcmp(e.field, "parent") == 0))
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
	html(&b, "</tbody></table></div><p class=\"count\">");
	char n[VI_NUM_BUFSZ];
	html_txt(&b, vi_format_int(total, n));
	html(&b, " ");
	html_txt(&b, level == UNIT_PROVINCE && !parent.id ? tr(r, "tỉnh, thành phố", "provinces and cities")
							    : tr(r, "đơn vị", "units"));
	html(&b, "</p>");
	if (page * UNITS_PER_PAGE < total) {
		html(&b, "<p><a href=\"/units?on=");
		html_urlenc(&b, on);
		html(&b, "&amp;q=");
		html_urlenc(&b, q ? q : "");
		html(&b, "&amp;level=");
		html_urlenc(&b, level ? unit_level_name(level) : "");
		html(&b, "&amp;parent=");
		html_urlenc(&b, parent.id ? parent.code : "");
		html_txtf(&b, "&page=%lld", (long long)(page + 1));
		html(&b, "\">");
		html_txt(&b, tr(r, "Trang sau »", "Next page »"));
		html(&b, "</a></p>");
	}
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
	html(&b, "</p><dl class=\"facts\"><dt>");
	html_txt(&b, tr(r, "Cấp", "Level"));
	html(&b, "</dt><dd>");
	html_txt(&b, unit_level_label(u.level, r->lang));
	if (u.kind[0]) {
		html(&b, " · ");
		html_txt(&b, unit_kind_label(u.kind, r->lang));
	}
	html(&b, "</dd><dt>");
	html_txt(&b, tr(r, "Hiệu lực", "In force"));
	html(&b, "</dt><dd>");
	validity_txt(r, &b, &u);
	html(&b, "</dd>");
	char today[11];
	unit_today(today);
	if (u.valid_to[0]) {
		Unit now;
		int rs = unit_restated(r->db, u.id, today, &now);
		html(&b, "<dt>");
		html_txt(&b, tr(r, "Quy đổi theo địa giới hiện nay", "Restated to today's units"));
		html(&b, "</dt><dd>");
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
		html(&b, "</tbody></table></div><p class=\"count\">");
		char num[VI_NUM_BUFSZ];
		html_txt(&b, vi_format_int(n < 0 ? 0 : n, num));
		html(&b, " ");
		html_txt(&b, tr(r, "đơn vị", "units"));
		html(&b, "</p>");
	}
	snapshot_note(r, &b);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
