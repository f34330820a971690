/* The printable member book (Sổ thành viên) of a club: A4 landscape, Vietnamese headings as on
 * the paper books clubs keep, members numbered in Vietnamese name order (given name first), the
 * club and commune at the top and the signature lines at the bottom. The book is an official
 * document, so its own words stay Vietnamese whatever the language of the screens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/club.h"
#include "core/member.h"
#include "core/unit.h"
#include "lib/vi.h"
#include "web/layout.h"
#include "web/pages.h"

enum { BOOK_MAX = 5000 };

typedef struct BookCtx {
	Buf *b;
	int64_t n;
} BookCtx;

static void mark(Buf *b, int on)
{
	if (on)
		html(b, "x");
}

static void book_row(const Member *m, void *arg)
{
	BookCtx *x = arg;
	Buf *b = x->b;
	html(b, "<tr><td class=\"num\">");
	html_int(b, ++x->n);
	html(b, "</td><td class=\"name\">");
	html_txt(b, m->full_name);
	/* The birth year under "Nam" or "Nữ", as the paper books have it. */
	html(b, "</td><td class=\"c nowrap\">");
	if (strcmp(m->sex, "M") == 0)
		html_int(b, m->birth_year);
	html(b, "</td><td class=\"c nowrap\">");
	if (strcmp(m->sex, "F") == 0)
		html_int(b, m->birth_year);
	html(b, "</td><td class=\"nowrap\">");
	html_txt(b, m->ethnicity);
	html(b, "</td><td>");
	html_txt(b, m->village);
	html(b, "</td><td class=\"c nowrap\">");
	if (strcmp(m->household, "poor") == 0)
		html(b, "Nghèo");
	else if (strcmp(m->household, "near_poor") == 0)
		html(b, "Cận nghèo");
	html(b, "</td><td class=\"c\">");
	mark(b, m->disability);
	html(b, "</td><td class=\"c\">");
	mark(b, m->lives_alone);
	html(b, "</td><td class=\"c\">");
	mark(b, m->health_card);
	html(b, "</td><td class=\"nowrap\">");
	html_txt(b, m->phone);
	html(b, "</td><td class=\"c nowrap\">");
	page_date(b, m->joined_on, "");
	html(b, "</td><td>");
	if (m->left_on[0]) {
		html(b, "Ra khỏi CLB ngày ");
		page_date(b, m->left_on, "");
		if (m->left_reason[0]) {
			html(b, ": ");
			html_txt(b, m->left_reason);
		}
		if (m->note[0])
			html(b, "; ");
	}
	html_txt(b, m->note);
	html(b, "</td><td class=\"sign\"></td></tr>");
}

static void chair_name(const BoardRole *br, void *arg)
{
	char *out = arg;
	if (strcmp(br->role, "chair") == 0 && !out[0])
		snprintf(out, 224, "%s", br->member_name);
}

/* A commune's name without its kind, for the dateline: "Xã Hoằng Lộc" -> "Hoằng Lộc". */
static const char *place_name(const char *name)
{
	static const char *const kinds[] = {"Xã ", "Phường ", "Thị trấn ", "Đặc khu "};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t n = strlen(kinds[i]);
		if (strncmp(name, kinds[i], n) == 0 && name[n])
			return name + n;
	}
	return name;
}

HandlerResult web_member_book(Req *r)
{
	Club c;
	int have = club_get(r->db, &r->actor, req_param_id(r, "id"), &c);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	const char *lq = req_query(r, "left");
	int with_left = lq && strcmp(lq, "1") == 0;
	char today[11];
	unit_today(today);
	Composition comp;
	if (club_composition(r->db, &r->actor, c.id, 0, today, &comp) != 0)
		return H_FATAL;
	/* Today's commune names the place of the dateline; the founding commune stays in the heading. */
	Unit now = {0};
	const char *place = c.unit_name;
	int moved = unit_restated(r->db, c.unit_id, today, &now) == 1 && now.id != c.unit_id;
	if (moved)
		place = now.name;
	char *dateline = NULL;
	if (vi_format_dateline(place_name(place), today, &dateline) != VI_OK)
		return H_FATAL;
	char chair[224] = "";
	board_list(r->db, &r->actor, c.id, 1, chair_name, chair);

	Buf b;
	buf_init(&b, 0);
	char title[200];
	snprintf(title, sizeof title, "%s — %s", tr(r, "Sổ thành viên", "Member book"), c.name);
	page_begin(r, &b, title);
	html(&b, "<div class=\"book-tools\"><p>");
	html_txt(&b, tr(r, "Dùng lệnh In của trình duyệt (Ctrl+P), khổ A4 nằm ngang.", "Use the browser's Print command (Ctrl+P), A4 landscape."));
	html(&b, "</p><p><a href=\"/clubs/");
	html_int(&b, c.id);
	html(&b, "\">← ");
	html_txt(&b, tr(r, "Về trang CLB", "Back to the club"));
	html(&b, "</a> · <a href=\"/clubs/");
	html_int(&b, c.id);
	if (with_left) {
		html(&b, "/book\">");
		html_txt(&b, tr(r, "Chỉ người đang sinh hoạt", "Current members only"));
	} else {
		html(&b, "/book?left=1\">");
		html_txt(&b, tr(r, "Kể cả người đã ra khỏi CLB", "Include those who left"));
	}
	html(&b, "</a></p></div>");

	html(&b, "<article class=\"book\" lang=\"vi\"><header class=\"book-head\"><div class=\"org\"><p>HỘI NGƯỜI CAO TUỔI ");
	html_txt(&b, place);
	html(&b, "</p><p class=\"strong\">CLB LIÊN THẾ HỆ TỰ GIÚP NHAU</p><p class=\"strong\">");
	html_txt(&b, c.name);
	html(&b, "</p></div><div class=\"nation\"><p class=\"strong\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>"
		 "<p class=\"motto\">Độc lập - Tự do - Hạnh phúc</p></div></header>"
		 "<h2 class=\"book-title\">SỔ THÀNH VIÊN</h2><p class=\"book-sub\">Tên CLB: ");
	html_txt(&b, c.name);
	html(&b, " — Mã CLB: ");
	html_txt(&b, c.code);
	html(&b, "</p><p class=\"book-sub\">Địa bàn: ");
	if (c.village[0]) {
		html_txt(&b, c.village);
		html(&b, ", ");
	}
	html_txt(&b, c.unit_name);
	if (moved) {
		html(&b, " (nay là ");
		html_txt(&b, now.name);
		html(&b, ")");
	}
	if (c.province_name[0]) {
		html(&b, ", ");
		html_txt(&b, c.province_name);
	}
	html(&b, "</p><p class=\"book-facts\">");
	if (c.founded_on[0]) {
		html(&b, "Ngày thành lập: ");
		page_date(&b, c.founded_on, "");
		html(&b, ". ");
	}
	if (c.decision_no[0]) {
		html(&b, "Quyết định số ");
		html_txt(&b, c.decision_no);
		if (c.decision_date[0]) {
			html(&b, " ngày ");
			page_date(&b, c.decision_date, "");
		}
		html(&b, ". ");
	}
	html_txtf(&b, "Tổng số thành viên: %lld (nữ: %lld; người cao tuổi: %lld).", (long long)comp.members,
		  (long long)comp.women, (long long)comp.older);
	html(&b, "</p><table class=\"book-table\"><colgroup><col class=\"w-no\"><col class=\"w-name\"><col class=\"w-year\">"
		 "<col class=\"w-year\"><col class=\"w-eth\"><col class=\"w-village\"><col class=\"w-hh\"><col class=\"w-flag\">"
		 "<col class=\"w-flag\"><col class=\"w-flag\"><col class=\"w-phone\"><col class=\"w-date\"><col class=\"w-note\">"
		 "<col class=\"w-sign\"></colgroup><thead><tr>"
		 "<th rowspan=\"2\" scope=\"col\">STT</th><th rowspan=\"2\" scope=\"col\">Họ và tên</th>"
		 "<th colspan=\"2\" scope=\"colgroup\">Năm sinh</th><th rowspan=\"2\" scope=\"col\">Dân tộc</th>"
		 "<th rowspan=\"2\" scope=\"col\">Thôn, tổ dân phố</th><th rowspan=\"2\" scope=\"col\">Hộ nghèo, cận nghèo</th>"
		 "<th rowspan=\"2\" scope=\"col\">Khuyết tật</th><th rowspan=\"2\" scope=\"col\">Sống một mình</th>"
		 "<th rowspan=\"2\" scope=\"col\">Có thẻ BHYT</th><th rowspan=\"2\" scope=\"col\">Điện thoại</th>"
		 "<th rowspan=\"2\" scope=\"col\">Ngày vào CLB</th><th rowspan=\"2\" scope=\"col\">Ghi chú</th>"
		 "<th rowspan=\"2\" scope=\"col\">Chữ ký</th></tr>"
		 "<tr><th scope=\"col\">Nam</th><th scope=\"col\">Nữ</th></tr></thead><tbody>");
	MemberFilter f = {.club_id = c.id, .include_left = with_left, .sort = "name"};
	BookCtx x = {&b, 0};
	int64_t total = member_list(r->db, &r->actor, &f, 0, BOOK_MAX, book_row, &x);
	if (total < 0) {
		free(dateline);
		buf_free(&b);
		return H_FATAL;
	}
	if (total == 0)
		html(&b, "<tr><td colspan=\"14\" class=\"c\">Chưa có thành viên nào.</td></tr>");
	html(&b, "</tbody></table><div class=\"book-foot\"><p class=\"dateline\">");
	html_txt(&b, dateline);
	html(&b, "</p><div class=\"signs\"><div><p class=\"strong\">NGƯỜI LẬP SỔ</p><p class=\"how\">(Ký, ghi rõ họ tên)</p></div>"
		 "<div><p class=\"strong\">CHỦ NHIỆM CLB</p><p class=\"how\">(Ký, ghi rõ họ tên)</p><p class=\"who\">");
	html_txt(&b, chair);
	html(&b, "</p></div></div></div></article>");
	free(dateline);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
