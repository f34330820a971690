/* The page layout (see layout.h). Vietnamese first, English on request; no inline script or
 * style, so the Content-Security-Policy can forbid both. */
#include "web/layout.h"

#include <string.h>

#include "core/scope.h"

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
	html(b, "");
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
			if (r->actor.role == ROLE_ADMIN)
				nav_link(r, b, "/admin/users", tr(r, "Người dùng", "Users"));
			if (scope_is_national(&r->actor))
				nav_link(r, b, "/audit", tr(r, "Lịch sử thay đổi", "Change history"));
			nav_link(r, b, "/account/tokens", tr(r, "Mã truy cập API", "API tokens"));
		}
		nav_link(r, b, "/account/password", tr(r, "Đổi mật khẩu", "Change password"));
		html(b, "<li><form method=\"post\" action=\"/logout\">");
		form_csrf(r, b);
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

void form_csrf(Req *r, Buf *b)
{
	html(b, "<input type=\"hidden\" name=\"_csrf\" value=\"");
	html_attr(b, r->actor.csrf);
	html(b, "\">");
}

void form_input(Req *r, Buf *b, const char *name, const char *label, const char *type,
		const char *value, const Err *e, const char *extra)
{
	int bad = e && e->code && e->field && strcmp(e->field, name) == 0;
	html(b, "<div class=\"field");
	if (bad)
		html(b, " invalid");
	html(b, "\"><label for=\"f-");
	html_attr(b, name);
	html(b, "\">");
	html_txt(b, label);
	html(b, "</label><input id=\"f-");
	html_attr(b, name);
	html(b, "\" name=\"");
	html_attr(b, name);
	html(b, "\" type=\"");
	html_attr(b, type);
	html(b, "\"");
	if (value && strcmp(type, "password") != 0) {
		html(b, " value=\"");
		html_attr(b, value);
		html(b, "\"");
	}
	if (bad) {
		html(b, " aria-invalid=\"true\" aria-describedby=\"e-");
		html_attr(b, name);
		html(b, "\"");
	}
	if (extra && *extra) {
		html(b, " ");
		buf_puts(b, extra);
	}
	html(b, ">");
	if (bad) {
		html(b, "<p class=\"msg\" id=\"e-");
		html_attr(b, name);
		html(b, "\">");
		html_txt(b, err_message(e->code, r->lang));
		html(b, "</p>");
	}
	html(b, "</div>");
}

void form_error(Req *r, Buf *b, const Err *e)
{
	if (!e || !e->code)
		return;
	html(b, "<div class=\"error\" role=\"alert\"><p>");
	html_txt(b, err_message(e->code, r->lang));
	if (e->detail[0]) {
		html(b, " ");
		html_txt(b, e->detail);
	}
	html(b, "</p></div>");
}

void page_notice(Buf *b, const char *text)
{
	html(b, "<div class=\"notice\" role=\"status\"><p>");
	html_txt(b, text);
	html(b, "</p></div>");
}
