/* Administrators' user pages: list, create, edit role and scope, disable, reset password. */
#include <stdio.h>
#include <string.h>

#include "core/user.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

enum { USERS_PER_PAGE = 50 };

static void role_select(const Form *f, const char *value)
{
	Req *r = f->r;
	form_select_begin(f, "role", tr(r, "Vai trò", "Role"), 1);
	form_option(f->b, "", tr(r, "— chọn vai trò —", "— choose a role —"), NULL);
	for (int i = ROLE_ADMIN; i < ROLE_COUNT_; i++)
		form_option(f->b, role_name((Role)i), role_label((Role)i, r->lang), value);
	form_select_end(f, "role");
}

static const char *scope_hint(Req *r)
{
	return tr(r, "Phạm vi: mã tỉnh, mã xã hoặc mã CLB (để trống cho Trung ương, Quản trị, Người xem toàn quốc)",
		  "Scope: province, commune or club code (empty for central, administrator, national viewer)");
}

static void user_row(const User *u, void *arg)
{
	PageCtx *c = arg;
	Buf *b = c->b;
	Req *r = c->r;
	html(b, "<tr>");
	page_td(b, tr(r, "Tên đăng nhập", "Username"), NULL);
	html(b, "<a href=\"/admin/users/");
	html_int(b, u->id);
	html(b, "\">");
	html_txt(b, u->username);
	html(b, "</a></td>");
	page_cell(b, tr(r, "Họ và tên", "Full name"), NULL, u->full_name);
	page_cell(b, tr(r, "Vai trò", "Role"), NULL, role_label(u->role, r->lang));
	page_cell(b, tr(r, "Phạm vi", "Scope"), "nowrap", u->scope[0] ? u->scope : "—");
	page_cell(b, tr(r, "Trạng thái", "Status"), "nowrap", u->disabled ? tr(r, "Đã khóa", "Disabled") : tr(r, "Hoạt động", "Active"));
	html(b, "</tr>");
}

HandlerResult web_users(Req *r)
{
	int64_t page = page_number(r);
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Người dùng", "Users"));
	html(&b, "<p><a class=\"button\" href=\"/admin/users/new\">");
	html_txt(&b, tr(r, "Thêm người dùng", "Add a user"));
	html(&b, "</a></p>");
	page_table_begin(&b, tr(r, "Danh sách tài khoản", "Accounts"));
	page_th(&b, tr(r, "Tên đăng nhập", "Username"));
	page_th(&b, tr(r, "Họ và tên", "Full name"));
	page_th(&b, tr(r, "Vai trò", "Role"));
	page_th(&b, tr(r, "Phạm vi", "Scope"));
	page_th(&b, tr(r, "Trạng thái", "Status"));
	html(&b, "</tr></thead><tbody>");
	PageCtx c = {r, &b};
	int64_t total = user_list(r->db, &r->actor, (page - 1) * USERS_PER_PAGE, USERS_PER_PAGE, user_row, &c);
	if (total < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody></table></div>");
	page_pager(r, &b, "/admin/users", NULL, page, USERS_PER_PAGE, total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static HandlerResult user_new_page(Req *r, int status, const UserInput *in, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Thêm người dùng", "Add a user"));
	form_error_general(r, &b, e);
	form_post_begin(r, &b, "narrow", "/admin/users", NULL);
	Form form = {.r = r, .b = &b, .e = e};
	form_input(&form, "username", tr(r, "Tên đăng nhập", "Username"), "text", in->username,
		   "required autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\"", NULL);
	form_input(&form, "full_name", tr(r, "Họ và tên", "Full name"), "text", in->full_name, NULL, NULL);
	role_select(&form, in->role);
	form_input(&form, "scope", scope_hint(r), "text", in->scope, NULL, NULL);
	form_input(&form, "password", tr(r, "Mật khẩu ban đầu (ít nhất 8 ký tự)", "Initial password (at least 8 characters)"),
		   "password", NULL, "required minlength=\"8\" autocomplete=\"new-password\"", NULL);
	form_button(&b, "primary", tr(r, "Tạo tài khoản", "Create account"));
	html(&b, "</form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_user_new(Req *r)
{
	UserInput in = {0};
	return user_new_page(r, 200, &in, NULL);
}

/* After a change: the user's page, saying it is saved. */
static HandlerResult saved(Req *r, int64_t id)
{
	char loc[64];
	snprintf(loc, sizeof loc, "/admin/users/%lld?saved=1", (long long)id);
	return resp_redirect(r, loc);
}

HandlerResult web_user_create(Req *r)
{
	UserInput in = {req_form(r, "username"), req_form(r, "full_name"), req_form(r, "role"),
			req_form(r, "scope"), req_form(r, "password")};
	Err e = {0};
	int64_t id = user_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return user_new_page(r, err_http_status(e.code), &in, &e);
	return saved(r, id);
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
	form_error_general(r, &b, e);
	html(&b, "<dl class=\"facts\">");
	page_fact(&b, tr(r, "Trạng thái", "Status"));
	html_txt(&b, u.disabled ? tr(r, "Đã khóa", "Disabled") : tr(r, "Hoạt động", "Active"));
	if (u.must_change_password) {
		html(&b, " · ");
		html_txt(&b, tr(r, "phải đổi mật khẩu khi đăng nhập", "must change password at log-in"));
	}
	html(&b, "</dd>");
	page_fact(&b, tr(r, "Tạo lúc", "Created"));
	html_txt(&b, u.created_at);
	html(&b, "</dd></dl>");

	char action[64];
	snprintf(action, sizeof action, "/admin/users/%lld", (long long)id);
	html(&b, "<h2>");
	html_txt(&b, tr(r, "Thông tin và phân quyền", "Details and access"));
	html(&b, "</h2>");
	form_post_begin(r, &b, "narrow", action, NULL);
	Form form = {.r = r, .b = &b, .e = e};
	form_input(&form, "full_name", tr(r, "Họ và tên", "Full name"), "text",
		   typed && typed->full_name ? typed->full_name : u.full_name, NULL, NULL);
	role_select(&form, typed && typed->role ? typed->role : role_name(u.role));
	form_input(&form, "scope", scope_hint(r), "text", typed && typed->scope ? typed->scope : u.scope, NULL, NULL);
	form_button(&b, "primary", tr(r, "Lưu", "Save"));
	html(&b, "</form>");

	html(&b, "<h2>");
	html_txt(&b, tr(r, "Cấp lại mật khẩu", "Reset password"));
	html(&b, "</h2>");
	form_post_begin(r, &b, "narrow", action, "/password");
	form_input(&form, "password", tr(r, "Mật khẩu tạm (người dùng phải đổi khi đăng nhập)", "Temporary password (to be changed at log-in)"),
		   "password", NULL, "required minlength=\"8\" autocomplete=\"new-password\"", NULL);
	form_button(&b, NULL, tr(r, "Cấp lại mật khẩu", "Reset password"));
	html(&b, "</form>");

	html(&b, "<h2>");
	html_txt(&b, u.disabled ? tr(r, "Mở khóa tài khoản", "Enable account") : tr(r, "Khóa tài khoản", "Disable account"));
	html(&b, "</h2>");
	form_post_begin(r, &b, NULL, action, u.disabled ? "/enable" : "/disable");
	if (u.disabled)
		form_button(&b, NULL, tr(r, "Mở khóa", "Enable"));
	else
		form_button(&b, "danger", tr(r, "Khóa tài khoản này", "Disable this account"));
	html(&b, "</form>");
	page_history_link(&b, "user", id, tr(r, "Xem lịch sử thay đổi của tài khoản này", "History of this account"));
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_user_show(Req *r)
{
	return user_page(r, 200, req_param_id(r, "id"), NULL, NULL);
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
