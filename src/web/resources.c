/* Pages of the money and goods mobilised for the clubs (/resources, by unit, year and source, cash
 * or in kind; /resources.xlsx) and of the donor projects (/donor-projects: donor, period, the
 * provinces and communes covered, the clubs supported). Everything through core/programme.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/programme.h"
#include "core/scope.h"
#include "core/unit.h"
#include "http/server.h"
#include "lib/vi.h"
#include "out/xlsx.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

enum { RESOURCES_PER_PAGE = 50 };

static const FormChoice form_choices[] = {
	{"cash", "Tiền mặt", "Cash"},
	{"in_kind", "Hiện vật (quy ra tiền)", "In kind (valued)"},
};

static const char *source_label(Req *r, const char *code)
{
	int i = resource_source_parse(code);
	return i < 0 ? code : tr(r, resource_sources[i].vi, resource_sources[i].en);
}

static FormChoice source_choices[RESOURCE_SOURCES];

static void source_choices_init(void)
{
	for (int i = 0; i < RESOURCE_SOURCES; i++)
		source_choices[i] = (FormChoice){resource_sources[i].code, resource_sources[i].vi, resource_sources[i].en};
}

/* ?year= as a number (0 when absent); -1 after answering 422. */
static int year_param(Req *r)
{
	const char *v = req_query(r, "year");
	if (!v || !*v)
		return 0;
	char *end;
	long y = strtol(v, &end, 10);
	if (*end || y < 2000 || y > 2100) {
		resp_error(r, E_INVALID, "year", NULL);
		return -1;
	}
	return (int)y;
}

typedef struct ResRows {
	Req *r;
	Buf *b;
} ResRows;

static void resource_row_html(const Resource *x, void *arg)
{
	ResRows *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	char m[VI_NUM_BUFSZ];
	html(b, "<tr>");
	page_td(b, tr(r, "Năm", "Year"), "nowrap");
	html(b, "<a href=\"/resources/");
	html_int(b, x->id);
	html(b, "\">");
	html_int(b, x->year);
	html(b, "</a></td>");
	page_cell(b, tr(r, "Đơn vị", "Unit"), NULL, x->unit_id ? x->unit_name : tr(r, "Trung ương Hội", "Central level"));
	page_cell(b, tr(r, "Nguồn", "Source"), NULL, source_label(r, x->source));
	page_cell(b, tr(r, "Hình thức", "Form"), NULL, strcmp(x->form, "cash") == 0 ? tr(r, "Tiền mặt", "Cash") : tr(r, "Hiện vật", "In kind"));
	page_cell(b, tr(r, "Giá trị", "Value"), "num", vi_format_money(x->value_vnd, m));
	page_cell(b, tr(r, "Dự án / Đề án", "Project"), NULL, x->project_name);
	page_cell(b, tr(r, "Nội dung", "What"), NULL, x->description);
	html(b, "</tr>");
}

HandlerResult web_resources(Req *r)
{
	source_choices_init();
	int year = year_param(r);
	if (year < 0)
		return H_ERROR;
	const char *source = req_query(r, "source");
	if (source && *source && resource_source_parse(source) < 0)
		return resp_error(r, E_INVALID, "source", NULL);
	Err e = {0};
	ResourceFilter f = {.year = year, .source = source && *source ? source : NULL};
	if (form_unit_filter(r, req_query(r, "unit"), &f.unit_id, &e) != 0)
		return H_FATAL;
	if (e.code)
		return resp_err(r, &e);
	int64_t page = page_number(r);
	Buf rows;
	buf_init(&rows, 0);
	ResRows c = {r, &rows};
	ResourceSum s;
	int64_t total = resource_list(r->db, &r->actor, &f, (page - 1) * RESOURCES_PER_PAGE, RESOURCES_PER_PAGE,
				      resource_row_html, &c, &s);
	if (total < 0) {
		buf_free(&rows);
		return H_FATAL;
	}
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Nguồn lực huy động", "Resources mobilised"));
	html(&b, "<form method=\"get\" class=\"inline\" action=\"/resources\">");
	Form ff = {.r = r, .b = &b};
	form_input(&ff, "year", tr(r, "Năm", "Year"), "text", req_query(r, "year"), "inputmode=\"numeric\" maxlength=\"4\"", NULL);
	form_input(&ff, "unit", tr(r, "Mã đơn vị", "Unit code"), "text", req_query(r, "unit"), "maxlength=\"8\"", NULL);
	form_select_begin(&ff, "source", tr(r, "Nguồn", "Source"), 0);
	form_option(&b, "", tr(r, "Tất cả", "All"), source ? source : "");
	for (int i = 0; i < RESOURCE_SOURCES; i++)
		form_option(&b, resource_sources[i].code, tr(r, resource_sources[i].vi, resource_sources[i].en), source);
	form_select_end(&ff, "source");
	form_inline_end(&b, NULL, tr(r, "Lọc", "Filter"));
	char m[VI_NUM_BUFSZ];
	html(&b, "<ul class=\"cards\"><li class=\"card\"><strong>");
	html_txt(&b, vi_format_money(s.total, m));
	html(&b, "</strong> ");
	html_txt(&b, tr(r, "tổng giá trị", "in all"));
	html(&b, " (");
	html_trf(r, &b, "tiền mặt %s", "cash %s", vi_format_money(s.cash, m));
	html(&b, "; ");
	html_trf(r, &b, "hiện vật %s", "in kind %s", vi_format_money(s.in_kind, m));
	html(&b, ")</li>");
	for (int i = 0; i < RESOURCE_SOURCES; i++) {
		if (!s.by_source[i])
			continue;
		html(&b, "<li class=\"card\"><strong>");
		html_txt(&b, vi_format_money(s.by_source[i], m));
		html(&b, "</strong> ");
		html_txt(&b, tr(r, resource_sources[i].vi, resource_sources[i].en));
		html(&b, "</li>");
	}
	html(&b, "</ul>");
	page_count(&b, total, tr(r, "khoản", "entries"));
	page_table_begin(&b, NULL);
	const char *heads[][2] = {{"Năm", "Year"}, {"Đơn vị", "Unit"}, {"Nguồn", "Source"}, {"Hình thức", "Form"},
				  {"Giá trị", "Value"}, {"Dự án / Đề án", "Project"}, {"Nội dung", "What"}};
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
		page_th(&b, tr(r, heads[i][0], heads[i][1]));
	html(&b, "</tr></thead><tbody>");
	buf_append(&b, rows.data, rows.len);
	buf_free(&rows);
	html(&b, "</tbody></table></div>");
	const char *q[] = {"year", req_query(r, "year"), "unit", req_query(r, "unit"), "source", source, NULL};
	page_pager(r, &b, "/resources", q, page, RESOURCES_PER_PAGE, total);
	html(&b, "<ul class=\"actions\">");
	if (resource_may_edit(&r->actor))
		page_action(&b, "/resources/new", tr(r, "Ghi nguồn lực mới", "Record a resource"));
	Buf href;
	buf_init(&href, 64);
	buf_printf(&href, "/resources.xlsx?year=%d&source=%s&unit=", year, source && resource_source_parse(source) >= 0 ? source : "");
	const char *u = req_query(r, "unit");
	for (const char *p = u ? u : ""; *p; p++)
		if ((*p >= '0' && *p <= '9') || *p == '-')
			buf_printf(&href, "%c", *p);
	page_action(&b, buf_str(&href), tr(r, "Tải về Excel (.xlsx)", "Download as Excel (.xlsx)"));
	buf_free(&href);
	html(&b, "</ul>");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static const char *resource_message(Req *r, const char *id, const Err *e, const char *typed)
{
	(void)typed;
	if (strcmp(id, "unit") == 0 && e->code == E_REQUIRED)
		return tr(r, "Nhập mã đơn vị nhận (tỉnh, xã) trong phạm vi của bạn.", "Give the code of the unit that received it.");
	if (strcmp(id, "received_on") == 0 && e->code == E_INVALID)
		return tr(r, "Ngày nhận phải thuộc năm đã chọn.", "The date received must fall in the year given.");
	if (strcmp(id, "value") == 0 && e->code == E_INVALID)
		return tr(r, "Nhập số tiền (đồng), ví dụ 15.000.000.", "Give an amount in đồng, e.g. 15,000,000.");
	return NULL;
}

static HandlerResult resource_form_page(Req *r, int status, const Resource *x, const Err *e)
{
	source_choices_init();
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, x ? tr(r, "Nguồn lực", "Resource") : tr(r, "Ghi nguồn lực mới", "Record a resource"));
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	int edit = resource_may_edit(&r->actor);
	char yv[8] = "", m[VI_NUM_BUFSZ] = "", d[VI_DATE_BUFSZ];
	if (x) {
		snprintf(yv, sizeof yv, "%d", x->year % 10000);
		vi_format_int(x->value_vnd, m);
	} else {
		char today[11];
		unit_today(today);
		snprintf(yv, sizeof yv, "%.4s", today);
	}
	if (!edit && x) {
		html(&b, "<dl class=\"facts\">");
		page_fact_txt(&b, tr(r, "Năm", "Year"), yv);
		page_fact_txt(&b, tr(r, "Đơn vị", "Unit"), x->unit_id ? x->unit_name : tr(r, "Trung ương Hội", "Central level"));
		page_fact_txt(&b, tr(r, "Nguồn", "Source"), source_label(r, x->source));
		page_fact_txt(&b, tr(r, "Giá trị", "Value"), vi_format_money(x->value_vnd, m));
		page_fact_txt(&b, tr(r, "Dự án / Đề án", "Project"), x->project_name);
		page_fact_txt(&b, tr(r, "Nội dung", "What"), x->description);
		html(&b, "</dl>");
	} else {
		form_summary(r, &b, e);
		Form f = {.r = r, .b = &b, .e = e, .message = resource_message};
		char action[48];
		if (x)
			snprintf(action, sizeof action, "/resources/%lld", (long long)x->id);
		else
			snprintf(action, sizeof action, "/resources");
		form_post_begin(r, &b, "narrow", action, NULL);
		form_input(&f, "year", tr(r, "Năm", "Year"), "text", form_value(&f, "year", yv), "required inputmode=\"numeric\" maxlength=\"4\"", NULL);
		form_input(&f, "unit", tr(r, "Mã đơn vị nhận (tỉnh, xã)", "Code of the receiving unit (province, commune)"), "text",
			   form_value(&f, "unit", x ? x->unit_code : (scope_is_national(&r->actor) ? "" : r->actor.scope)),
			   "maxlength=\"8\"",
			   scope_is_national(&r->actor) ? tr(r, "Để trống: Trung ương Hội nhận.", "Empty: received by the central level.") : NULL);
		form_select(&f, "source", tr(r, "Nguồn", "Source"), source_choices, RESOURCE_SOURCES,
			    form_value(&f, "source", x ? x->source : "state_province"), 0);
		form_select(&f, "form", tr(r, "Hình thức", "Form"), form_choices, 2, form_value(&f, "form", x ? x->form : "cash"), 0);
		form_input(&f, "value", tr(r, "Giá trị (đồng)", "Value (đồng)"), "text", form_value(&f, "value", m),
			   "required inputmode=\"numeric\" maxlength=\"24\"", NULL);
		form_input(&f, "project", tr(r, "Mã dự án tài trợ hoặc Đề án (nếu có)", "Donor project or programme code (if any)"), "text",
			   form_value(&f, "project", x ? x->project_code : ""), "maxlength=\"24\"", tr(r, "Ví dụ: HAI-LTH, DA1336", "E.g. HAI-LTH, DA1336"));
		form_input(&f, "description", tr(r, "Nội dung", "What it is"), "text", form_value(&f, "description", x ? x->description : ""),
			   "maxlength=\"390\"", NULL);
		form_date(&f, "received_on", tr(r, "Ngày nhận", "Received on"),
			  form_value(&f, "received_on", form_date_value(x ? x->received_on : NULL, d)), NULL);
		form_button(&b, "primary", tr(r, "Lưu", "Save"));
		html(&b, "</form>");
	}
	html(&b, "<p><a href=\"/resources\">");
	html_txt(&b, tr(r, "Nguồn lực huy động", "Resources mobilised"));
	html(&b, "</a></p>");
	if (x)
		page_history_link(&b, "resource", x->id, tr(r, "Lịch sử thay đổi", "Change history"));
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static void resource_input(Req *r, ResourceInput *in)
{
	*in = (ResourceInput){req_form(r, "unit"), req_form(r, "year"), req_form(r, "source"), req_form(r, "form"),
			      req_form(r, "value"), req_form(r, "project"), req_form(r, "description"), req_form(r, "received_on")};
	if (!in->unit)
		in->unit = "";
}

HandlerResult web_resource_new(Req *r)
{
	return resource_form_page(r, 200, NULL, NULL);
}

HandlerResult web_resource_create(Req *r)
{
	ResourceInput in;
	resource_input(r, &in);
	Err e = {0};
	int64_t id = resource_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return e.code == E_INTERNAL ? H_FATAL : resource_form_page(r, err_http_status(e.code), NULL, &e);
	char loc[48];
	snprintf(loc, sizeof loc, "/resources/%lld?saved=1", (long long)id);
	return resp_redirect(r, loc);
}

HandlerResult web_resource_show(Req *r)
{
	Resource x;
	int have = resource_get(r->db, &r->actor, req_param_id(r, "id"), &x);
	if (have <= 0)
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	return resource_form_page(r, 200, &x, NULL);
}

HandlerResult web_resource_update(Req *r)
{
	Resource x;
	int have = resource_get(r->db, &r->actor, req_param_id(r, "id"), &x);
	if (have <= 0)
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	ResourceInput in;
	resource_input(r, &in);
	Err e = {0};
	if (resource_update(r->db, &r->actor, x.id, &in, &e) != 0)
		return e.code == E_INTERNAL ? H_FATAL : resource_form_page(r, err_http_status(e.code), &x, &e);
	char loc[48];
	snprintf(loc, sizeof loc, "/resources/%lld?saved=1", (long long)x.id);
	return resp_redirect(r, loc);
}

static void resource_xlsx_row(const Resource *x, void *arg)
{
	Xlsx *w = arg;
	xlsx_int(w, x->year);
	xlsx_text(w, x->unit_code);
	xlsx_text(w, x->unit_id ? x->unit_name : "Trung ương Hội");
	int i = resource_source_parse(x->source);
	xlsx_text(w, i >= 0 ? resource_sources[i].vi : x->source);
	xlsx_text(w, strcmp(x->form, "cash") == 0 ? "Tiền mặt" : "Hiện vật");
	xlsx_int(w, x->value_vnd);
	xlsx_text(w, x->project_code);
	xlsx_text(w, x->description);
	xlsx_date(w, x->received_on[0] ? x->received_on : NULL);
	xlsx_row_end(w);
}

HandlerResult web_resources_xlsx(Req *r)
{
	int year = year_param(r);
	if (year < 0)
		return H_ERROR;
	const char *source = req_query(r, "source");
	if (source && *source && resource_source_parse(source) < 0)
		return resp_error(r, E_INVALID, "source", NULL);
	Err e = {0};
	ResourceFilter f = {.year = year, .source = source && *source ? source : NULL};
	if (form_unit_filter(r, req_query(r, "unit"), &f.unit_id, &e) != 0)
		return H_FATAL;
	if (e.code)
		return resp_err(r, &e);
	static const XlsxColumn cols[] = {
		{"Năm", 6, XLSX_NUMBER},	  {"Mã đơn vị", 9, XLSX_TEXT},	{"Đơn vị", 24, XLSX_TEXT},
		{"Nguồn", 20, XLSX_TEXT},	  {"Hình thức", 10, XLSX_TEXT},	{"Giá trị (đồng)", 16, XLSX_AMOUNT},
		{"Dự án / Đề án", 12, XLSX_TEXT}, {"Nội dung", 40, XLSX_TEXT},	{"Ngày nhận", 12, XLSX_DATE},
	};
	const char *tmpdir = server_config()->tmpdir;
	char path[4096];
	snprintf(path, sizeof path, "%s/ishc-export-XXXXXX", tmpdir);
	int fd = mkstemp(path);
	if (fd < 0)
		return H_FATAL;
	Xlsx *x = xlsx_create(path, tmpdir, "Nguồn lực huy động");
	int bad = !x || xlsx_sheet(x, "Nguồn lực", "NGUỒN LỰC HUY ĐỘNG CHO CÂU LẠC BỘ LIÊN THẾ HỆ TỰ GIÚP NHAU", NULL, cols,
				     (int)(sizeof cols / sizeof *cols)) != 0;
	if (!bad && resource_list(r->db, &r->actor, &f, 0, INT64_C(1000000), resource_xlsx_row, x, NULL) < 0)
		bad = 1;
	XlsxStatus s = xlsx_close(x);
	unlink(path);
	struct stat st;
	if (bad || s != XLSX_OK || fstat(fd, &st) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return s == XLSX_TOO_MANY_ROWS ? resp_error(r, E_TOO_LARGE, NULL, NULL) : H_FATAL;
	}
	return resp_file(r, fd, (uint64_t)st.st_size, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			 "nguon-luc.xlsx");
}

/* ---- donor projects ---- */

typedef struct DonorRows {
	Req *r;
	Buf *b;
} DonorRows;

static void donor_row_html(const ProgrammeInfo *p, void *arg)
{
	DonorRows *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	DonorStats st;
	ProgrammeInfo q;
	if (donor_project_get(r->db, p->id, &q, &st) != 1)
		memset(&st, 0, sizeof st);
	char n[VI_NUM_BUFSZ];
	html(b, "<tr>");
	page_td(b, tr(r, "Dự án", "Project"), NULL);
	page_link(b, "/donor-projects/", p->id, p->name);
	html(b, "</td>");
	page_cell(b, tr(r, "Nhà tài trợ", "Donor"), NULL, p->donor);
	page_td(b, tr(r, "Thời gian", "Period"), "nowrap");
	page_date(b, p->start_date, "");
	html(b, " – ");
	page_date(b, p->end_date, "");
	html(b, "</td>");
	page_cell(b, tr(r, "Tỉnh", "Provinces"), "num", vi_format_int(st.provinces, n));
	page_cell(b, tr(r, "Xã", "Communes"), "num", vi_format_int(st.communes, n));
	page_cell(b, tr(r, "CLB được hỗ trợ", "Clubs supported"), "num", vi_format_int(st.clubs, n));
	html(b, "</tr>");
}

HandlerResult web_donor_projects(Req *r)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Dự án tài trợ", "Donor projects"));
	page_table_begin(&b, NULL);
	const char *heads[][2] = {{"Dự án", "Project"}, {"Nhà tài trợ", "Donor"}, {"Thời gian", "Period"},
				  {"Tỉnh", "Provinces"}, {"Xã", "Communes"}, {"CLB được hỗ trợ", "Clubs supported"}};
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
		page_th(&b, tr(r, heads[i][0], heads[i][1]));
	html(&b, "</tr></thead><tbody>");
	DonorRows c = {r, &b};
	if (programme_list_kind(r->db, "donor", donor_row_html, &c) < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody></table></div>");
	if (scope_is_national(&r->actor)) {
		html(&b, "<ul class=\"actions\">");
		page_action(&b, "/donor-projects/new", tr(r, "Thêm dự án tài trợ", "Add a donor project"));
		html(&b, "</ul>");
	}
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

typedef struct CodesBuf {
	Buf *b;
	Req *r;
	int first;
	int links;
} CodesBuf;

static void unit_code_item(const char *code, const char *name, int level, void *arg)
{
	CodesBuf *c = arg;
	if (c->links) {
		html(c->b, "<li>");
		html_txt(c->b, name);
		html(c->b, " (");
		html_txt(c->b, code);
		html(c->b, ")</li>");
	} else {
		buf_printf(c->b, "%s%s", c->first ? "" : " ", code);
	}
	c->first = 0;
	(void)level;
}

static void club_code_item(int64_t id, const char *code, const char *name, void *arg)
{
	CodesBuf *c = arg;
	if (c->links) {
		html(c->b, "<li>");
		page_link(c->b, "/clubs/", id, name);
		html(c->b, " (");
		html_txt(c->b, code);
		html(c->b, ")</li>");
	} else {
		buf_printf(c->b, "%s%s", c->first ? "" : " ", code);
	}
	c->first = 0;
}

static const char *donor_message(Req *r, const char *id, const Err *e, const char *typed)
{
	(void)typed;
	if ((strcmp(id, "units") == 0 || strcmp(id, "clubs") == 0) && e->code == E_NOT_FOUND)
		return strcmp(id, "units") == 0 ? tr(r, "Có mã tỉnh/xã không tìm thấy (xem mã ghi bên dưới).", "A province or commune code was not found (see below).")
						: tr(r, "Có mã CLB không tìm thấy (xem mã ghi bên dưới).", "A club code was not found (see below).");
	if (strcmp(id, "code") == 0 && e->code == E_INVALID)
		return tr(r, "Mã đã có hoặc không hợp lệ: chỉ dùng chữ không dấu, số và dấu gạch ngang.",
			  "The code is taken or not valid: use letters without accents, digits and dashes.");
	return NULL;
}

static HandlerResult donor_page(Req *r, int status, const ProgrammeInfo *p, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, p ? p->name : tr(r, "Thêm dự án tài trợ", "Add a donor project"));
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	Buf units, clubs;
	buf_init(&units, 64);
	buf_init(&clubs, 64);
	if (p) {
		DonorStats st;
		ProgrammeInfo q;
		char n[VI_NUM_BUFSZ], m[VI_NUM_BUFSZ];
		donor_project_get(r->db, p->id, &q, &st);
		html(&b, "<dl class=\"facts\">");
		page_fact_txt(&b, tr(r, "Mã", "Code"), p->code);
		page_fact_txt(&b, tr(r, "Nhà tài trợ", "Donor"), p->donor);
		page_fact(&b, tr(r, "Thời gian", "Period"));
		page_date(&b, p->start_date, "");
		html(&b, " – ");
		page_date(&b, p->end_date, "");
		html(&b, "</dd>");
		page_fact_txt(&b, tr(r, "CLB được hỗ trợ", "Clubs supported"), vi_format_int(st.clubs, n));
		page_fact(&b, tr(r, "Nguồn lực đã ghi nhận", "Resources recorded"));
		html(&b, "<a href=\"/resources?source=donor\">");
		html_txt(&b, vi_format_money(st.resources_vnd, m));
		html(&b, "</a></dd></dl><h2>");
		html_txt(&b, tr(r, "Địa bàn", "Places covered"));
		html(&b, "</h2><ul>");
		CodesBuf cu = {&b, r, 1, 1};
		donor_project_units(r->db, p->id, unit_code_item, &cu);
		html(&b, "</ul><h2>");
		html_txt(&b, tr(r, "CLB được hỗ trợ", "Clubs supported"));
		html(&b, "</h2><ul>");
		CodesBuf cc = {&b, r, 1, 1};
		donor_project_clubs(r->db, p->id, club_code_item, &cc);
		html(&b, "</ul>");
		CodesBuf u2 = {&units, r, 1, 0}, c2 = {&clubs, r, 1, 0};
		donor_project_units(r->db, p->id, unit_code_item, &u2);
		donor_project_clubs(r->db, p->id, club_code_item, &c2);
	}
	if (scope_is_national(&r->actor)) {
		if (p) {
			html(&b, "<h2>");
			html_txt(&b, tr(r, "Sửa dự án", "Edit the project"));
			html(&b, "</h2>");
		}
		form_summary(r, &b, e);
		if (e && e->detail[0] && e->field && (strcmp(e->field, "units") == 0 || strcmp(e->field, "clubs") == 0)) {
			html(&b, "<p class=\"error\">");
			html_txt(&b, tr(r, "Mã không tìm thấy: ", "Code not found: "));
			html_txt(&b, e->detail);
			html(&b, "</p>");
		}
		Form f = {.r = r, .b = &b, .e = e, .message = donor_message};
		char action[48], d1[VI_DATE_BUFSZ], d2[VI_DATE_BUFSZ];
		if (p)
			snprintf(action, sizeof action, "/donor-projects/%lld", (long long)p->id);
		else
			snprintf(action, sizeof action, "/donor-projects");
		form_post_begin(r, &b, "narrow", action, NULL);
		if (!p)
			form_input(&f, "code", tr(r, "Mã dự án", "Project code"), "text", form_value(&f, "code", ""), "maxlength=\"20\"",
				   tr(r, "Để trống: hệ thống tự đặt.", "Empty: one is made."));
		form_input(&f, "name", tr(r, "Tên dự án", "Name"), "text", form_value(&f, "name", p ? p->name : ""), "required maxlength=\"190\"", NULL);
		form_input(&f, "donor", tr(r, "Nhà tài trợ", "Donor"), "text", form_value(&f, "donor", p ? p->donor : ""), "required maxlength=\"150\"", NULL);
		form_date(&f, "start_date", tr(r, "Bắt đầu", "Starts"), form_value(&f, "start_date", form_date_value(p ? p->start_date : NULL, d1)), NULL);
		form_date(&f, "end_date", tr(r, "Kết thúc", "Ends"), form_value(&f, "end_date", form_date_value(p ? p->end_date : NULL, d2)), NULL);
		form_input(&f, "units", tr(r, "Mã các tỉnh, xã được hỗ trợ", "Codes of the provinces and communes covered"), "text",
			   form_value(&f, "units", buf_str(&units)), "maxlength=\"4000\"", tr(r, "Cách nhau bởi dấu cách hoặc dấu phẩy.", "Separated by spaces or commas."));
		form_input(&f, "clubs", tr(r, "Mã các CLB được hỗ trợ", "Codes of the clubs supported"), "text",
			   form_value(&f, "clubs", buf_str(&clubs)), "maxlength=\"8000\"",
			   tr(r, "CLB thành lập theo dự án (ghi dự án là chương trình của CLB) được tính sẵn.",
			      "Clubs founded under the project (it is their programme) count already."));
		form_button(&b, "primary", tr(r, "Lưu", "Save"));
		html(&b, "</form>");
	}
	buf_free(&units);
	buf_free(&clubs);
	html(&b, "<p><a href=\"/donor-projects\">");
	html_txt(&b, tr(r, "Dự án tài trợ", "Donor projects"));
	html(&b, "</a></p>");
	if (p)
		page_history_link(&b, "donor_project", p->id, tr(r, "Lịch sử thay đổi", "Change history"));
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static void donor_input(Req *r, DonorInput *in)
{
	*in = (DonorInput){req_form(r, "code"), req_form(r, "name"), req_form(r, "donor"), req_form(r, "start_date"),
			   req_form(r, "end_date"), req_form(r, "units"), req_form(r, "clubs")};
}

HandlerResult web_donor_project_new(Req *r)
{
	return donor_page(r, 200, NULL, NULL);
}

HandlerResult web_donor_project_create(Req *r)
{
	DonorInput in;
	donor_input(r, &in);
	Err e = {0};
	int64_t id = donor_project_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return e.code == E_INTERNAL ? H_FATAL : donor_page(r, err_http_status(e.code), NULL, &e);
	char loc[48];
	snprintf(loc, sizeof loc, "/donor-projects/%lld?saved=1", (long long)id);
	return resp_redirect(r, loc);
}

HandlerResult web_donor_project_show(Req *r)
{
	ProgrammeInfo p;
	int have = donor_project_get(r->db, req_param_id(r, "id"), &p, NULL);
	if (have <= 0)
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	return donor_page(r, 200, &p, NULL);
}

HandlerResult web_donor_project_update(Req *r)
{
	ProgrammeInfo p;
	int have = donor_project_get(r->db, req_param_id(r, "id"), &p, NULL);
	if (have <= 0)
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	DonorInput in;
	donor_input(r, &in);
	in.code = NULL;
	Err e = {0};
	if (donor_project_update(r->db, &r->actor, p.id, &in, &e) != 0)
		return e.code == E_INTERNAL ? H_FATAL : donor_page(r, err_http_status(e.code), &p, &e);
	char loc[48];
	snprintf(loc, sizeof loc, "/donor-projects/%lld?saved=1", (long long)p.id);
	return resp_redirect(r, loc);
}
