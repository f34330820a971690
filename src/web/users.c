/* Administrators' user pages: list, create, edit role and scope, disable, reset password. */
#include <stdio.h>
#include <string.h>

#include "core/user.h"
#include "web/layout.h"
#include "web/pages.h"

enum { USERS_PER_PAGE = 50 };

static void role_select(Req *r, Buf *b, const char *value, const Err *e)
{
	int bad = e && e->code && e->field && strcmp(e->field, "role") == 0;
	html(b, "<div class=\"field");
	if (bad)
		html(b, " invalid");
	html(b, "\"><label for=\"f-role\">");
	html_txt(b, tr(r, "Vai trò", "Role"));
	html(b, "</label><select id=\"f-role\" name=\"role\" required><option value=\"\">");
	html_txt(b, tr(r, "— chọn vai trò —", "— choose a role —"));
	html(b, "</option>");
	for (int i = ROLE_ADMIN; i < ROLE_COUNT_; i++) {
		html(b, "<option value=\"");
		html_attr(b, role_name((Role)i));
		html(b, "\"");
		if (value && strcmp(value, role_name((Role)i)) == 0)
			html(b, " selected");
		html(b, ">");
		html_txt(b, role_label((Role)i, r->lang));
		html(b, "</option>");
	}
	html(b, "</select>");
	if (bad) {
		html(b, "<p class=\"msg\">");
		html_txt(b, err_message(e->code, r->lang));
		html(b, "</p>");
	}
	html(b, "</div>");
}

static const char *scope_hint(Req *r)
{
	return tr(r, "Phạm vi: mã tỉnh, mã xã hoặc mã CLB (để trống cho Trung ương, Quản trị, Người xem toàn quốc)",
		  "Scope: province, commune or club code (empty for central, administrator, national viewer)");
}

typedef struct ListCtx {
	Req *r;
	Buf *b;
} ListCtx;

static void user_row(const User *u, void *arg)
{
	ListCtx *c = arg;
	Buf *b = c->b;
	Req *r = c->r;
	html(b, "<tr><td data-label=\"");
	html_attr(b, tr(r, "Tên đăng nhập", "Username"));
	html(b, "\"><a href=\"/admin/users/");
	html_int(b, u->id);
	html(b, "\">");
	html_txt(b, u->username);
	html(b, "</a></td><td data-label=\"");
	html_attr(b, tr(r, "Họ và tên", "Full name"));
	html(b, "\">");
	html_txt(b, u->full_name);
	html(b, "</td><td data-label=\"");
	html_attr(b, tr(r, "Vai trò", "Role"));
	html(b, "\">");
	html_txt(b, role_label(u->role, r->lang));
	html(b, "</td><td class=\"nowrap\" data-label=\"");
	html_attr(b, tr(r, "Phạm vi", "Scope"));
	html(b, "\">");
	html_txt(b, u->scope[0] ? u->scope : "—");
	html(b, "</td><td class=\"nowrap\" data-label=\"");
	html_attr(b, tr(r, "Trạng thái", "Status"));
	html(b, "\">");
	html_txt(b, u->disabled ? tr(r, "Đã khóa", "Disabled") : tr(r, "Hoạt động", "Active"));
	html(b, "</td></tr>");
}

static void pager(Req *r, Buf *b, const char *base, int64_t page, int64_t per_page, int64_t total)
{
	int64_t pages = (total + per_page - 1) / per_page;
	if (pages <= 1)
		return;
	html(b, "<nav class=\"pager\" aria-label=\"");
	html_attr(b, tr(r, "Trang", "Pages"));
	html(b, "\">");
	if (page > 1) {
		html(b, "<a href=\"");
		html_attr(b, base);
		html_txtf(b, "?page=%lld", (long long)(page - 1));
		html(b, "\">« ");
		html_txt(b, tr(r, "Trước", "Previous"));
		html(b, "</a>");
	}
	html(b, "<span>");
	html_txtf(b, "%lld / %lld", (long long)page, (long long)pages);
	html(b, "</span>");
	if (page < pages) {
		html(b, "<a href=\"");
		html_attr(b, base);
		html_txtf(b, "?page=%lld", (long long)(page + 1));
		html(b, "\">");
		html_txt(b, tr(r, "Sau", "Next"));
		html(b, " »</a>");
	}
	html(b, "</nav>");
}

HandlerResult web_users(Req *r)
{
	int64_t page = req_param_id(r, "page");
	if (page < 1)
		page = 1;
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Người dùng", "Users"));
	html(&b, "<p><a class=\"button\" href=\"/admin/users/new\">");
	html_txt(&b, tr(r, "Thêm người dùng", "Add a user"));
	html(&b, "</a></p><div class=\"scroll\"><table class=\"stack\"><caption>");
	html_txt(&b, tr(r, "Danh sách tài khoản", "Accounts"));
	html(&b, "</caption><thead><tr><th scope=\"col\">");
	html_txt(&b, tr(r, "Tên đăng nhập", "Username"));
	html(&b, "</th><th scope=\"col\">");
	html_txt(&b, tr(r, "Họ và tên", "Full name"));
	html(&b, "</th><th scope=\"col\">");
	html_txt(&b, tr(r, "Vai trò", "Role"));
	html(&b, "</th><th scope=\"col\">");
	html_txt(&b, tr(r, "Phạm vi", "Scope"));
	html(&b, "</th><th scope=\"col\">");
	html_txt(&b, tr(r, "Trạng thái", "Status"));
	html(&b, "</th></tr></thead><tbody>");
	ListCtx c = {r, &b};
	int64_t total = user_list(r->db, &r->actor, (page - 1) * USERS_PER_PAGE, USERS_PER_PAGE, user_row, &c);
	if (total < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody></table></div>");
	pager(r, &b, "/admin/users", page, USERS_PER_PAGE, total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static HandlerResult user_new_page(Req *r, int status, const UserInput *in, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Thêm người dùng", "Add a user"));
	if (e && e->code && !e->field)
		form_error(r, &b, e);
	html(&b, "<form method=\"post\" action=\"/admin/users\" class=\"narrow\">");
	form_csrf(r, &b);
	form_input(r, &b, "username", tr(r, "Tên đăng nhập", "Username"), "text", in->username, e,
		   "required autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\"");
	form_input(r, &b, "full_name", tr(r, "Họ và tên", "Full name"), "text", in->full_name, e, "");
	role_select(r, &b, in->role, e);
	form_input(r, &b, "scope", scope_hint(r), "text", in->scope, e, "");
	form_input(r, &b, "password", tr(r, "Mật khẩu ban đầu (ít nhất 8 ký tự)", "Initial password (at least 8 characters)"),
		   "password", NULL, e, "required minlength=\"8\" autocomplete=\"new-password\"");
	html(&b, "<button type=\"submit\" class=\"primary\">");
	html_txt(&b, tr(r, "Tạo tài khoản", "Create account"));
	html(&b, "</button></form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_user_new(Req *r)
{
	UserInput in = {0};
	return user_new_page(r, 200, &in, NULL);
}

HandlerResult web_user_create(Req *r)
{
	UserInput in = {req_form(r, "username"), req_form(r, "full_name"), req_form(r, "role"),
			req_form(r, "scope"), req_form(r, "password")};
	Err e = {0};
	int64_t id = user_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return user_new_page(r, err_http_status(e.code), &in, &e);
	char loc[64];
	snprintf(loc, sizeof loc, "/admin/users/%lld?saved=1", (long long)id);
	return resp_redirect(r, loc);
}

static HandlerResult user_page(Req *r, int status, int64_t id, const UserInput *typed, const Err *e)
{
	User u;
	int have = user_get(r->db, id, &u);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, u.username);
	if (req_query(r, "saved") && !(e && e->code))
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	if (e && e->code && !e->field)
		form_error(r, &b, e);
	html(&b, "<dl class=\"facts\"><dt>");
	html_txt(&b, tr(r, "Trạng thái", "Status"));
	html(&b, "</dt><dd>");
	html_txt(&b, u.disabled ? tr(r, "Đã khóa", "Disabled") : tr(r, "Hoạt động", "Active"));
	if (u.must_change_password) {
		html(&b, " · ");
		html_txt(&b, tr(r, "phải đổi mật khẩu khi đăng nhập", "must change password at log-in"));
	}
	html(&b, "</dd><dt>");
	html_txt(&b, tr(r, "Tạo lúc", "Created"));
	html(&b, "</dt><dd>");
	html_txt(&b, u.created_at);
	html(&b, "</dd></dl>");

	char action[64];
	snprintf(action, sizeof action, "/admin/users/%lld", (long long)id);
	html(&b, "<h2>");
	html_txt(&b, tr(r, "Thông tin và phân quyền", "Details and access"));
	html(&b, "</h2><form method=\"post\" class=\"narrow\" action=\"");
	html_attr(&b, action);
	html(&b, "\">");
	form_csrf(r, &b);
	form_input(r, &b, "full_name", tr(r, "Họ và tên", "Full name"), "text",
		   typed && typed->full_name ? typed->full_name : u.full_name, e, "");
	role_select(r, &b, typed && typed->role ? typed->role : role_name(u.role), e);
	form_input(r, &b, "scope", scope_hint(r), "text", typed && typed->scope ? typed->scope : u.scope, e, "");
	html(&b, "<button type=\"submit\" class=\"primary\">");
	html_txt(&b, tr(r, "Lưu", "Save"));
	html(&b, "</button></form>");

	html(&b, "<h2>");
	html_txt(&b, tr(r, "Cấp lại mật khẩu", "Reset password"));
	html(&b, "</h2><form method=\"post\" class=\"narrow\" action=\"");
	html_attr(&b, action);
	html(&b, "/password\">");
	form_csrf(r, &b);
	form_input(r, &b, "password", tr(r, "Mật khẩu tạm (người dùng phải đổi khi đăng nhập)",
					 "Temporary password (to be changed at log-in)"),
		   "password", NULL, e, "required minlength=\"8\" autocomplete=\"new-password\"");
	html(&b, "<button type=\"submit\">");
	html_txt(&b, tr(r, "Cấp lại mật khẩu", "Reset password"));
	html(&b, "</button></form>");

	html(&b, "<h2>");
	html_txt(&b, u.disabled ? tr(r, "Mở khóa tài khoản", "Enable account") : tr(r, "Khóa tài khoản", "Disable account"));
	html(&b, "</h2><form method=\"post\" action=\"");
	html_attr(&b, action);
	if (u.disabled)
		html(&b, "/enable\">");
	else
		html(&b, "/disable\">");
	form_csrf(r, &b);
	html(&b, "<button type=\"submit\"");
	if (!u.disabled)
		html(&b, " class=\"danger\"");
	html(&b, ">");
	html_txt(&b, u.disabled ? tr(r, "Mở khóa", "Enable") : tr(r, "Khóa tài khoản này", "Disable this account"));
	html(&b, "</button></form><p><a href=\"/audit?entity=user&amp;id=");
	html_int(&b, id);
	html(&b, "\">");
	html_txt(&b, tr(r, "Xem lịch sử thay đổi của tài khoản này", "History of this account"));
	html(&b, "</a></p>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_user_show(Req *r)
{
	return user_page(r, 200, req_param_id(r, "id"), NULL, NULL);
}

static HandlerResult saved(Req *r, int64_t id)
{
	char loc[64];
	snprintf(loc, sizeof loc, "/admin/users/%lld?saved=1", (long long)id);
	return resp_redirect(r, loc);
}

HandlerResult web_user_update(Req *r)
{
	int64_t id = req_param_id(r, "id");
	UserInput in = {NULL, req_form(r, "full_name"), req_form(r, "role"), req_form(r, "scope"), NULL};
	Err e = {0};
	if (user_update(r->db, &r->actor, id, &in, &e) != 0)
		return e.code == E_NOT_FOUND ? resp_err(r, &e) : user_page(r, err_http_status(e.code), id, &in, &e);
	return saved(r, id);
}

static HandlerResult set_disabled(Req *r, int disabled)
{
	int64_t id = req_param_id(r, "id");
	Err e = {0};
	if (user_set_disabled(r->db, &r->actor, id, disabled, &e) != 0)
		return e.code == E_NOT_FOUND ? resp_err(r, &e) : user_page(r, err_http_status(e.code), id, NULL, &e);
	return saved(r, id);
}

HandlerResult web_user_disable(Req *r)
{
	return set_disabled(r, 1);
}

HandlerResult web_user_enable(Req *r)
{
	return set_disabled(r, 0);
}

HandlerResult web_user_password(Req *r)
{
	int64_t id = req_param_id(r, "id");
	Err e = {0};
	if (user_set_password(r->db, &r->actor, id, NULL, req_form(r, "password"), 1, &e) != 0)
		return e.code == E_NOT_FOUND ? resp_err(r, &e) : user_page(r, err_http_status(e.code), id, NULL, &e);
	return saved(r, id);
}
