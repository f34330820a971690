/* The page layout and the pieces of pages (see layout.h). Vietnamese first, English on request;
 * no inline script or style, so the Content-Security-Policy can forbid both. */
#include "web/layout.h"

#include <string.h>

#include "core/scope.h"
#include "lib/vi.h"
#include "web/form.h"

static void nav_link(Req *r, Buf *b, const char *href, const char *label)
{
	int here = strcmp(r->path ? r->path : "", href) == 0;
	html(b, "<li><a href=\"");
	html_attr(b, href);
	html(b, "\"");
	if (here)
		html(b, " aria-current=\"page\"");
	html(b, ">");
	html_txt(b, label);
	html(b, "</a></li>");
}

static void lang_switch(Req *r, Buf *b)
{
	int en = strcmp(r->lang, "en") == 0;
	html(b, "<form class=\"lang\" method=\"post\" action=\"/lang\">");
	if (r->authed && r->actor.session_id)
		form_csrf(r, b);
	html(b, "<input type=\"hidden\" name=\"next\" value=\"");
	html_attr(b, r->uri);
	html(b, "\"><input type=\"hidden\" name=\"lang\" value=\"");
	html_attr(b, en ? "vi" : "en");
	html(b, "\"><button type=\"submit\" class=\"link\" lang=\"");
	html_attr(b, en ? "vi" : "en");
	html(b, "\">");
	html_txt(b, en ? "Tiếng Việt" : "English");
	html(b, "</button></form>");
}

void page_begin(Req *r, Buf *b, const char *title)
{
	html(b, "<!DOCTYPE html>\n<html lang=\"");
	html_attr(b, r->lang);
	html(b, "\"><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		"<title>");
	html_txt(b, title);
	html(b, " · ishc</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
		"<script src=\"/static/app.js\" defer></script></head><body>");
	html(b, "<a class=\"skip\" href=\"#main\">");
	html_txt(b, tr(r, "Bỏ qua đến nội dung", "Skip to content"));
	html(b, "</a><header class=\"top\"><div class=\"brand\"><a href=\"/\">ishc</a><span>");
	html_txt(b, tr(r, "CLB Liên thế hệ tự giúp nhau", "Intergenerational Self-Help Clubs"));
	html(b, "</span></div>");
	lang_switch(r, b);
	if (r->authed) {
		html(b, "<nav aria-label=\"");
		html_attr(b, tr(r, "Chính", "Main"));
		html(b, "\"><ul>");
		if (!r->actor.must_change_password) {
			nav_link(r, b, "/", tr(r, "Trang chủ", "Home"));
			nav_link(r, b, "/clubs", tr(r, "Câu lạc bộ", "Clubs"));
			if (scope_sees_people(&r->actor))
				nav_link(r, b, "/members", tr(r, "Thành viên", "Members"));
			nav_link(r, b, "/units", tr(r, "Đơn vị hành chính", "Units"));
			if (r->actor.role == ROLE_ADMIN) {
				nav_link(r, b, "/admin/users", tr(r, "Người dùng", "Users"));
				nav_link(r, b, "/admin/indicators", tr(r, "Danh mục chỉ tiêu", "Indicators"));
			}
			if (scope_is_national(&r->actor))
				nav_link(r, b, "/audit", tr(r, "Lịch sử thay đổi", "Change history"));
			nav_link(r, b, "/account/tokens", tr(r, "Mã truy cập API", "API tokens"));
		}
		nav_link(r, b, "/account/password", tr(r, "Đổi mật khẩu", "Change password"));
		html(b, "<li>");
		form_post_begin(r, b, NULL, "/logout", NULL);
		html(b, "<button type=\"submit\" class=\"link\">");
		html_txt(b, tr(r, "Đăng xuất", "Log out"));
		html(b, "</button></form></li></ul></nav><p class=\"who\">");
		html_txt(b, r->actor.full_name[0] ? r->actor.full_name : r->actor.username);
		html(b, " · ");
		html_txt(b, role_label(r->actor.role, r->lang));
		if (r->actor.scope[0]) {
			html(b, " · ");
			html_txt(b, r->actor.scope);
		}
		html(b, "</p>");
	}
	html(b, "</header><main id=\"main\"><h1>");
	html_txt(b, title);
	html(b, "</h1>");
}

void page_end(Req *r, Buf *b)
{
	html(b, "</main><footer><p>");
	html_txt(b, tr(r, "ishc — Hệ thống quản lý CLB Liên thế hệ tự giúp nhau",
		       "ishc — management system for Intergenerational Self-Help Clubs"));
	html(b, "</p></footer></body></html>\n");
}

void page_error(Req *r, Buf *b, ErrCode code, const char *detail)
{
	page_begin(r, b, tr(r, "Không thực hiện được", "Could not be done"));
	html(b, "<div class=\"error\" role=\"alert\"><p>");
	html_txt(b, err_message(code, r->lang));
	html(b, "</p>");
	if (detail && *detail) {
		html(b, "<p class=\"detail\">");
		html_txt(b, detail);
		html(b, "</p>");
	}
	html(b, "<p class=\"code\">");
	html_txtf(b, "%s %d", err_code_name(code), err_http_status(code));
	html(b, "</p></div><p><a href=\"/\">");
	html_txt(b, tr(r, "Về trang chủ", "Back to the home page"));
	html(b, "</a></p>");
	page_end(r, b);
}

void page_notice(Buf *b, const char *text)
{
	html(b, "<div class=\"notice\" role=\"status\"><p>");
	html_txt(b, text);
	html(b, "</p></div>");
}

int64_t page_number(Req *r)
{
	int64_t page = req_param_id(r, "page");
	return page < 1 ? 1 : page;
}

void page_date(Buf *b, const char *iso, const char *empty)
{
	if (!iso || !*iso) {
		html_txt(b, empty);
		return;
	}
	char day[11] = "", d[VI_DATE_BUFSZ];
	memcpy(day, iso, strnlen(iso, 10));
	html_txt(b, vi_format_date(day, d) ? d : iso);
}

void page_fact(Buf *b, const char *label)
{
	html(b, "<dt>");
	html_txt(b, label);
	html(b, "</dt><dd>");
}

void page_table_begin(Buf *b, const char *caption)
{
	html(b, "<div class=\"scroll\"><table class=\"stack\">");
	if (caption) {
		html(b, "<caption>");
		html_txt(b, caption);
		html(b, "</caption>");
	}
	html(b, "<thead><tr>");
}

void page_fact_txt(Buf *b, const char *label, const char *text)
{
	page_fact(b, label);
	html_txt(b, text);
	html(b, "</dd>");
}

void page_th(Buf *b, const char *label)
{
	html(b, "<th scope=\"col\">");
	html_txt(b, label);
	html(b, "</th>");
}

void page_class(Buf *b, const char *cls)
{
	if (!cls)
		return;
	html(b, " class=\"");
	html_attr(b, cls);
	html(b, "\"");
}

void page_td(Buf *b, const char *label, const char *cls)
{
	html(b, "<td");
	page_class(b, cls);
	html(b, " data-label=\"");
	html_attr(b, label);
	html(b, "\">");
}

void page_cell(Buf *b, const char *label, const char *cls, const char *text)
{
	page_td(b, label, cls);
	html_txt(b, text);
	html(b, "</td>");
}

void page_link(Buf *b, const char *path, int64_t id, const char *text)
{
	html(b, "<a href=\"");
	html_attr(b, path);
	html_int(b, id);
	html(b, "\">");
	html_txt(b, text);
	html(b, "</a>");
}

void page_history_link(Buf *b, const char *entity, int64_t id, const char *text)
{
	html(b, "<p><a href=\"/audit?entity=");
	html_urlenc(b, entity);
	html(b, "&amp;id=");
	html_int(b, id);
	html(b, "\">");
	html_txt(b, text);
	html(b, "</a></p>");
}

void page_action(Buf *b, const char *href, const char *label)
{
	html(b, "<li><a class=\"button\" href=\"");
	html_attr(b, href);
	html(b, "\">");
	html_txt(b, label);
	html(b, "</a></li>");
}

void page_count(Buf *b, int64_t n, const char *what)
{
	char num[VI_NUM_BUFSZ];
	html(b, "<p class=\"count\">");
	html_txt(b, vi_format_int(n, num));
	html(b, " ");
	html_txt(b, what);
	html(b, "</p>");
}

/* The start of a link of the pager: <a href="base?page=n" rel=" (the caller ends it). */
static void pager_link(Buf *b, const char *base, int64_t n)
{
	html(b, "<a href=\"");
	html_attr(b, base);
	html_txtf(b, "%spage=%lld", strchr(base, '?') ? "&" : "?", (long long)n);
	html(b, "\" rel=\"");
}

void page_pager(Req *r, Buf *b, const char *path, const char *const *query, int64_t page, int64_t per_page,
		int64_t total)
{
	int64_t pages = (total + per_page - 1) / per_page;
	if (pages <= 1)
		return;
	Buf url;
	buf_init(&url, 0);
	buf_puts(&url, path);
	for (int n = 0; query && query[0]; query += 2) {
		if (!query[1])
			continue;
		buf_puts(&url, n++ ? "&" : "?");
		buf_puts(&url, query[0]);
		buf_putc(&url, '=');
		html_urlenc(&url, query[1]);
	}
	const char *base = buf_str(&url);
	html(b, "<nav class=\"pager\" aria-label=\"");
	html_attr(b, tr(r, "Trang", "Pages"));
	html(b, "\">");
	if (page > 1) {
		pager_link(b, base, page - 1);
		html(b, "prev\">« ");
		html_txt(b, tr(r, "Trang trước", "Previous"));
		html(b, "</a>");
	}
	html(b, "<span>");
	html_txtf(b, "%s %lld / %lld", tr(r, "Trang", "Page"), (long long)page, (long long)pages);
	html(b, "</span>");
	if (page < pages) {
		pager_link(b, base, page + 1);
		html(b, "next\">");
		html_txt(b, tr(r, "Trang sau", "Next"));
		html(b, " »</a>");
	}
	html(b, "</nav>");
	buf_free(&url);
}
