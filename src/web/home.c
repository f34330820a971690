/* The home page: who I am and where I can go from here. */
#include "core/scope.h"
#include "web/layout.h"
#include "web/pages.h"

static void card(Buf *b, const char *href, const char *title, const char *text)
{
	html(b, "<li class=\"card\"><a href=\"");
	html_attr(b, href);
	html(b, "\"><strong>");
	html_txt(b, title);
	html(b, "</strong><span>");
	html_txt(b, text);
	html(b, "</span></a></li>");
}

HandlerResult web_home(Req *r)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Trang chủ", "Home"));
	html(&b, "<p class=\"lead\">");
	html_txt(&b, tr(r, "Xin chào", "Hello"));
	html(&b, ", ");
	html_txt(&b, r->actor.full_name[0] ? r->actor.full_name : r->actor.username);
	html(&b, ".</p><dl class=\"facts\"><dt>");
	html_txt(&b, tr(r, "Vai trò", "Role"));
	html(&b, "</dt><dd>");
	html_txt(&b, role_label(r->actor.role, r->lang));
	html(&b, "</dd><dt>");
	html_txt(&b, tr(r, "Phạm vi", "Scope"));
	html(&b, "</dt><dd>");
	html_txt(&b, r->actor.scope[0] ? r->actor.scope : tr(r, "Toàn quốc", "Whole country"));
	html(&b, "</dd></dl><ul class=\"cards\">");
	card(&b, "/clubs", tr(r, "Câu lạc bộ", "Clubs"),
	     tr(r, "Danh sách CLB, thành phần so với mô hình, Ban chủ nhiệm, tình nguyện viên.",
		"Clubs, composition against the model, boards, volunteers."));
	if (scope_sees_people(&r->actor))
		card(&b, "/members", tr(r, "Thành viên", "Members"),
		     tr(r, "Tìm thành viên không cần gõ dấu; sổ thành viên; nhập từ Excel.",
			"Find members without typing accents; member books; import from Excel."));
	card(&b, "/reports/overview", tr(r, "Tổng hợp số liệu báo cáo", "Report totals"),
	     tr(r, "Số liệu cộng dồn của từng cấp, cập nhật ngay; diễn biến theo tháng; tỷ lệ báo cáo.",
		"Totals at every level, live; trends by month; reporting rates."));
	card(&b, "/units", tr(r, "Đơn vị hành chính", "Administrative units"),
	     tr(r, "Tỉnh, xã theo địa giới khi đó và hiện nay.", "Provinces and communes as organised then and now."));
	if (r->actor.role == ROLE_ADMIN)
		card(&b, "/admin/users", tr(r, "Người dùng", "Users"),
		     tr(r, "Tạo tài khoản, phân quyền, khóa và cấp lại mật khẩu.",
			"Create accounts, set roles and scopes, disable, reset passwords."));
	if (scope_is_national(&r->actor))
		card(&b, "/audit", tr(r, "Lịch sử thay đổi", "Change history"),
		     tr(r, "Ai đã thay đổi gì, khi nào.", "Who changed what, and when."));
	card(&b, "/account/tokens", tr(r, "Mã truy cập API", "API tokens"),
	     tr(r, "Cho phần mềm khác đọc số liệu thay bạn.", "Let other software read data on your behalf."));
	card(&b, "/account/password", tr(r, "Đổi mật khẩu", "Change password"),
	     tr(r, "Nên đổi mật khẩu định kỳ.", "Change it now and then."));
	html(&b, "</ul>");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
