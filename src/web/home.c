/* The home page: who I am and where I can go from here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guidance.h"
#include "core/club.h"
#include "core/programme.h"
#include "core/scope.h"
#include "store/db.h"
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
	/* The monthly report of last month: a club's own, a commune's or a province's list of clubs. */
	char now[21], href[64];
	db_now_iso(now);
	int y = (int)strtol(now, NULL, 10), m = (int)strtol(now + 5, NULL, 10) - 1;
	if (m == 0) {
		m = 12;
		y--;
	}
	href[0] = '\0';
	if (r->actor.role == ROLE_CLUB) {
		Club *c = malloc(sizeof *c);
		if (c && club_get_by_code(r->db, &r->actor, r->actor.scope, c) > 0)
			snprintf(href, sizeof href, "/clubs/%lld/reports", (long long)c->id);
		free(c);
	} else if ((r->actor.role == ROLE_COMMUNE || r->actor.role == ROLE_PROVINCE) && r->actor.scope[0]) {
		snprintf(href, sizeof href, "/units/%.16s/reports/%04d-%02d", r->actor.scope, y % 10000, m % 100);
	}
	if (href[0])
		card(&b, href, tr(r, "Báo cáo tháng", "Monthly reports"),
		     r->actor.role == ROLE_CLUB
			     ? tr(r, "Nhập và nộp báo cáo tháng của CLB.", "Enter and submit the club's monthly report.")
			     : tr(r, "Báo cáo tháng trước của các CLB: đã nộp, chờ duyệt, chưa nộp; nhập chung một bảng.",
				  "Last month's club reports: submitted, waiting for approval, missing; enter them on one grid."));
	/* The funds: a club's own books, or the figures of the user's unit (or the country). */
	if (r->actor.role == ROLE_CLUB) {
		Club *c = malloc(sizeof *c);
		if (c && club_get_by_code(r->db, &r->actor, r->actor.scope, c) > 0) {
			snprintf(href, sizeof href, "/clubs/%lld/funds", (long long)c->id);
			card(&b, href, tr(r, "Quỹ và khoản vay", "Funds and loans"),
			     tr(r, "Ghi phiếu thu, phiếu chi; cho vay, thu nợ; in phiếu và sổ quỹ.",
				"Record money in and out; lend and collect; print receipts and the fund book."));
		}
		free(c);
	} else {
		card(&b, "/funds", tr(r, "Quỹ và vốn vay", "Funds and loans"),
		     tr(r, "Quỹ của các CLB, tỷ lệ thành viên vay, dư nợ quá hạn, tỷ lệ hoàn trả.",
			"Club funds, members borrowing, loans at risk, repayment rate."));
	}
	if (r->actor.role == ROLE_ADMIN || r->actor.role == ROLE_PROVINCE || r->actor.role == ROLE_COMMUNE ||
	    r->actor.role == ROLE_CLUB)
		card(&b, "/imports/new?kind=reports", tr(r, "Nhập báo cáo các tháng trước", "Import past months"),
		     tr(r, "Nhập số liệu báo cáo cũ từ Excel: xem trước từng dòng, lưu tất cả hoặc không gì cả.",
			"Load past reports from Excel: a preview by row, then all or nothing."));
	card(&b, "/dashboard", tr(r, "Bảng điều khiển", "Dashboard"),
	     tr(r, "Các con số chính của đơn vị mình: CLB, thành viên, chỉ tiêu, hai quỹ, báo cáo, tập huấn; biểu đồ và bản đồ.",
		"The main figures of your unit: clubs, members, targets, the two funds, reports, trainings; charts and the map."));
	card(&b, "/reports/overview", tr(r, "Tổng hợp số liệu báo cáo", "Report totals"),
	     tr(r, "Số liệu cộng dồn của từng cấp, cập nhật ngay; diễn biến theo tháng; tỷ lệ báo cáo.",
		"Totals at every level, live; trends by month; reporting rates."));
	card(&b, "/tables", tr(r, "Bảng tổng hợp định kỳ", "Periodic tables"),
	     tr(r, "Bảng theo đơn vị và kỳ báo cáo, có tổng cộng và chỉ tiêu; tải Excel, CSV hoặc in.",
		"Tables by unit and period with totals and targets; Excel, CSV or print."));
	card(&b, "/programmes", tr(r, "Đề án và chỉ tiêu", "Programmes and targets"),
	     tr(r, "Đề án 1336, Đề án 1648: chỉ tiêu và kết quả thực hiện tính từ số liệu.",
		"Đề án 1336 and 1648: targets and what has been achieved, from the data."));
	if (plan_may_read(&r->actor))
		card(&b, "/plans", tr(r, "Kế hoạch của các tỉnh", "Province plans"),
		     tr(r, "Kế hoạch, kinh phí, cơ chế tài chính của từng tỉnh; số tỉnh đã ban hành.",
			"Each province's plan, budget and mechanisms; how many have issued one."));
	if (resource_may_read(&r->actor))
		card(&b, "/resources", tr(r, "Nguồn lực huy động", "Resources mobilised"),
		     tr(r, "Tiền và hiện vật từ ngân sách, dự án tài trợ, doanh nghiệp, thành viên.",
			"Money and goods from budgets, donor projects, businesses, members."));
	card(&b, "/trainings", tr(r, "Tập huấn, giám sát", "Trainings and visits"),
	     tr(r, "Lớp tập huấn và học viên theo tỉnh; tài liệu; giám sát, hỗ trợ kỹ thuật và việc cần làm sau giám sát.",
		"Training courses and trainees by province; materials; monitoring visits and their follow-ups."));
	if (guidance_may_read(&r->actor))
		card(&b, "/guidance", tr(r, "Văn bản chỉ đạo, hướng dẫn", "Direction and guidance"),
		     tr(r, "Hướng dẫn, kế hoạch, quyết định, công văn của Trung ương Hội và Hội NCT tỉnh, theo số và ngày ban hành.",
			"Guidance, plans, decisions and official letters of the central level and the provinces, by number and date."));
	if (r->actor.role == ROLE_ADMIN || r->actor.role == ROLE_CENTRAL || r->actor.role == ROLE_PROVINCE ||
	    r->actor.role == ROLE_VIEWER)
		card(&b, "/reviews", tr(r, "Báo cáo tổng kết năm", "Annual review"),
		     tr(r, "Báo cáo tổng kết Đề án theo năm, tính từ số liệu: trang in A4 và tệp Word theo Nghị định 30.",
			"The programme's yearly review, counted from the data: a printable A4 page and a Word file per Decree 30."));
	card(&b, "/ranking", tr(r, "Chất lượng CLB, khen thưởng", "Quality and recognition"),
	     tr(r, "Đánh giá CLB hằng năm, xếp hạng các tỉnh, biểu dương khen thưởng, bài học thành công.",
		"Yearly club assessments, ranking of provinces, commendations, success stories."));
	card(&b, "/units", tr(r, "Đơn vị hành chính", "Administrative units"),
	     tr(r, "Tỉnh, xã theo địa giới khi đó và hiện nay.", "Provinces and communes as organised then and now."));
	if (r->actor.role == ROLE_ADMIN)
		card(&b, "/admin/users", tr(r, "Người dùng", "Users"),
		     tr(r, "Tạo tài khoản, phân quyền, khóa và cấp lại mật khẩu.",
			"Create accounts, set roles and scopes, disable, reset passwords."));
	if (r->actor.role == ROLE_ADMIN) {
		card(&b, "/admin/indicators", tr(r, "Danh mục chỉ tiêu", "Indicator catalogue"),
		     tr(r, "Thêm, sửa lời, thôi dùng chỉ tiêu báo cáo tháng.", "Add, reword and retire report indicators."));
		card(&b, "/admin/settings", tr(r, "Cài đặt", "Settings"),
		     tr(r, "Tuổi người cao tuổi; hạn nộp báo cáo tháng.", "Older-person age; the due day of monthly reports."));
	}
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
