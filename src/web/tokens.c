/* My API tokens: list, create (the secret is shown once), revoke. */
#include <stdio.h>

#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

static void token_row(const TokenInfo *t, void *arg)
{
	PageCtx *c = arg;
	Buf *b = c->b;
	Req *r = c->r;
	html(b, "<tr><td>");
	html_txt(b, t->label && *t->label ? t->label : "—");
	html(b, "</td><td>");
	html_txt(b, t->created_at);
	html(b, "</td><td>");
	html_txt(b, t->last_used_at ? t->last_used_at : tr(r, "chưa dùng", "never"));
	html(b, "</td><td>");
	if (t->revoked_at) {
		html_txt(b, tr(r, "Đã thu hồi", "Revoked"));
	} else {
		char action[64];
		snprintf(action, sizeof action, "/account/tokens/%lld/revoke", (long long)t->id);
		form_post_begin(r, b, NULL, action, NULL);
		form_button(b, "danger", tr(r, "Thu hồi", "Revoke"));
		html(b, "</form>");
	}
	html(b, "</td></tr>");
}

static HandlerResult tokens_page(Req *r, int status, const char *fresh, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Mã truy cập API", "API tokens"));
	if (fresh) {
		html(&b, "<div class=\"notice\" role=\"status\"><p>");
		html_txt(&b, tr(r, "Mã mới — hãy chép lại ngay, mã này chỉ hiện một lần:",
				"New token — copy it now, it is shown only once:"));
		html(&b, "</p><p><code class=\"secret\">");
		html_txt(&b, fresh);
		html(&b, "</code></p></div>");
	}
	html(&b, "<p>");
	html_txt(&b, tr(r, "Phần mềm khác gửi mã trong tiêu đề “Authorization: Bearer …” và có đúng quyền của bạn.",
			"Other software sends the token in an “Authorization: Bearer …” header and has exactly your access."));
	html(&b, "</p>");
	form_post_begin(r, &b, "narrow", "/account/tokens", NULL);
	Form form = {.r = r, .b = &b, .e = e};
	form_input(&form, "label", tr(r, "Tên gợi nhớ (ví dụ: bảng tính tỉnh)", "Label (e.g. province spreadsheet)"), "text", NULL,
		   "maxlength=\"100\"", NULL);
	form_button(&b, "primary", tr(r, "Tạo mã mới", "Create a token"));
	html(&b, "</form><div class=\"scroll\"><table><caption>");
	html_txt(&b, tr(r, "Các mã của tôi", "My tokens"));
	html(&b, "</caption><thead><tr>");
	page_th(&b, tr(r, "Tên", "Label"));
	page_th(&b, tr(r, "Tạo lúc", "Created"));
	page_th(&b, tr(r, "Dùng lần cuối", "Last used"));
	page_th(&b, tr(r, "Trạng thái", "Status"));
	html(&b, "</tr></thead><tbody>");
	PageCtx c = {r, &b};
	if (auth_token_list(r->db, r->actor.user_id, token_row, &c) < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody></table></div>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_tokens(Req *r)
{
	return tokens_page(r, 200, NULL, NULL);
}

HandlerResult web_token_create(Req *r)
{
	char token[AUTH_TOKEN_LEN + 6];
	Err e = {0};
	if (auth_token_create(r->db, &r->actor, r->actor.username, req_form(r, "label"), token, &e) < 0)
		return tokens_page(r, err_http_status(e.code), NULL, &e);
	return tokens_page(r, 201, token, NULL);
}

HandlerResult web_token_revoke(Req *r)
{
	Err e = {0};
	if (auth_token_revoke(r->db, &r->actor, r->actor.user_id, req_param_id(r, "id"), &e) != 0)
		return resp_err(r, &e);
	return resp_redirect(r, "/account/tokens");
}
