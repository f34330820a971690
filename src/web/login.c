/* Log in, log out, change my password, switch language. */
#include <string.h>

#include "core/user.h"
#include "http/server.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

/* Only paths of this site: "/x" but not "//host" or "/\host", which browsers treat as hosts. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strchr(next, '\r') ||
	    strchr(next, '\n'))
		return "/";
	return next;
}

static void session_cookie(Req *r, const char *value, int clear)
{
	const char *secure = server_config() && server_config()->secure_cookies ? "; Secure" : "";
	char c[160];
	if (clear)
		snprintf(c, sizeof c, "ishc_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s", secure);
	else
		snprintf(c, sizeof c, "ishc_session=%s; Path=/; HttpOnly; SameSite=Lax%s", value, secure);
	resp_cookie(r, c);
}

static HandlerResult login_page(Req *r, int status, const char *username, const char *next, const Err *e)
{
	/* Log-in CSRF: the form carries a token that must match a cookie only this site can set. */
	char pre[AUTH_TOKEN_LEN + 1];
	auth_random_token(pre);
	char c[128];
	snprintf(c, sizeof c, "ishc_pre=%s; Path=/login; HttpOnly; SameSite=Strict", pre);
	resp_cookie(r, c);

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Đăng nhập", "Log in"));
	if (req_query(r, "expired") && (!e || !e->code))
		page_notice(&b, err_message(E_SESSION_EXPIRED, r->lang));
	form_error(r, &b, e);
	html(&b, "<form method=\"post\" action=\"/login\" class=\"narrow\">"
		 "<input type=\"hidden\" name=\"_pre\" value=\"");
	html_attr(&b, pre);
	html(&b, "\"><input type=\"hidden\" name=\"next\" value=\"");
	html_attr(&b, safe_next(next));
	html(&b, "\">");
	/* A failed log-in names no field (which of the two was wrong is not said). */
	Form form = {.r = r, .b = &b};
	form_input(&form, "username", tr(r, "Tên đăng nhập", "Username"), "text", username,
		   "required autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\"", NULL);
	form_input(&form, "password", tr(r, "Mật khẩu", "Password"), "password", NULL, "required autocomplete=\"current-password\"",
		   NULL);
	form_button(&b, "primary", tr(r, "Đăng nhập", "Log in"));
	html(&b, "</form>");
	page_end(r, &b);
	r->no_store = 1;
	return resp_html(r, status, &b);
}

HandlerResult web_login_form(Req *r)
{
	if (r->authed)
		return resp_redirect(r, safe_next(req_query(r, "next")));
	return login_page(r, 200, NULL, req_query(r, "next"), NULL);
}

HandlerResult web_login(Req *r)
{
	const char *username = req_form(r, "username");
	const char *password = req_form(r, "password");
	const char *next = req_form(r, "next");
	const char *pre = req_form(r, "_pre"), *pre_cookie = req_cookie(r, "ishc_pre");
	Err e = {0};
	if (!pre || !pre_cookie || strcmp(pre, pre_cookie) != 0) {
		err_set(&e, E_CSRF, NULL);
		return login_page(r, 403, username, next, &e);
	}
	if (!username || !*username || !password || !*password) {
		err_set(&e, E_LOGIN_FAILED, NULL);
		return login_page(r, 401, username, next, &e);
	}
	Actor a;
	char token[AUTH_TOKEN_LEN + 1];
	if (auth_login(r->db, username, password, req_ip(r), &a, token, &e) != 0)
		return login_page(r, err_http_status(e.code), username, next, &e);
	session_cookie(r, token, 0);
	/* A language chosen on this browser before logging in is the user's choice from now on. */
	const char *lang = req_cookie(r, "ishc_lang");
	if (lang && (strcmp(lang, "vi") == 0 || strcmp(lang, "en") == 0) && strcmp(lang, a.lang) != 0) {
		Err le = {0};
		user_set_lang(r->db, &a, a.user_id, lang, &le);
	}
	snprintf(r->actor.username, sizeof r->actor.username, "%s", a.username);
	resp_cookie(r, "ishc_pre=; Path=/login; Max-Age=0; HttpOnly; SameSite=Strict");
	if (a.must_change_password)
		return resp_redirect(r, "/account/password");
	return resp_redirect(r, safe_next(next));
}

HandlerResult web_logout(Req *r)
{
	if (r->actor.session_id)
		auth_session_revoke(r->db, r->actor.session_id);
	session_cookie(r, NULL, 1);
	return resp_redirect(r, "/login");
}

static HandlerResult password_page(Req *r, int status, const Err *e, int done)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Đổi mật khẩu", "Change password"));
	if (done)
		page_notice(&b, tr(r, "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã được đóng.",
				   "Password changed. Your other sessions were logged out."));
	else if (r->actor.must_change_password)
		page_notice(&b, err_message(E_MUST_CHANGE_PASSWORD, r->lang));
	form_error_general(r, &b, e);
	form_post_begin(r, &b, "narrow", "/account/password", NULL);
	Form form = {.r = r, .b = &b, .e = e};
	form_input(&form, "current", tr(r, "Mật khẩu hiện tại", "Current password"), "password", NULL,
		   "required autocomplete=\"current-password\"", NULL);
	form_input(&form, "password", tr(r, "Mật khẩu mới (ít nhất 8 ký tự)", "New password (at least 8 characters)"), "password",
		   NULL, "required minlength=\"8\" autocomplete=\"new-password\"", NULL);
	form_input(&form, "confirm", tr(r, "Nhập lại mật khẩu mới", "New password again"), "password", NULL,
		   "required minlength=\"8\" autocomplete=\"new-password\"", NULL);
	form_button(&b, "primary", tr(r, "Đổi mật khẩu", "Change password"));
	html(&b, "</form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_password_form(Req *r)
{
	return password_page(r, 200, NULL, 0);
}

HandlerResult web_password(Req *r)
{
	const char *current = req_form(r, "current"), *pw = req_form(r, "password");
	const char *confirm = req_form(r, "confirm");
	Err e = {0};
	if (!pw || !*pw) {
		err_set(&e, E_REQUIRED, "password");
	} else if (!confirm || strcmp(pw, confirm) != 0) {
		err_set(&e, E_PASSWORD_MISMATCH, "confirm");
	} else if (user_set_password(r->db, &r->actor, r->actor.user_id, current, pw, 0, &e) == 0) {
		r->actor.must_change_password = 0;
		return password_page(r, 200, NULL, 1);
	}
	return password_page(r, err_http_status(e.code), &e, 0);
}

HandlerResult web_lang(Req *r)
{
	const char *lang = req_form(r, "lang");
	if (!lang || (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0))
		return resp_error(r, E_INVALID, "lang", NULL);
	if (r->authed) {
		Err e = {0};
		if (user_set_lang(r->db, &r->actor, r->actor.user_id, lang, &e) != 0)
			return resp_err(r, &e);
	}
	char c[96];
	snprintf(c, sizeof c, "ishc_lang=%s; Path=/; Max-Age=31536000; SameSite=Lax", lang);
	resp_cookie(r, c);
	return resp_redirect(r, safe_next(req_form(r, "next")));
}
