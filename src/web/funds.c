/* The pages of a club's two funds (issue 7): the fund page (balances, loans outstanding with late
 * loans first, recent entries), opening the books, recording an entry, moving money between the
 * funds, one entry with the form that reverses it, and the printable papers — the receipt or
 * payment voucher (phiếu thu / phiếu chi) and the fund book (sổ quỹ) — and the fund figures of a
 * unit or the country. Every rule is core's (core/fund.h); a refused form is shown again with what
 * was typed and the message under the field. The papers are official documents, so their own
 * words stay Vietnamese whatever the language of the screens. */
#include "web/funds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fund.h"
#include "core/loan.h"
#include "core/member.h"
#include "core/scope.h"
#include "core/unit.h"
#include "lib/vi.h"
#include "web/layout.h"
#include "web/pages.h"

enum { RECENT_ENTRIES = 6, MEMBERS_MAX = 2000 };

/* ---- shared with web/loans.c (funds.h) ---- */

int fundweb_club(Req *r, Club *c, HandlerResult *h)
{
	int64_t id = req_param_id(r, "id");
	int have = id ? club_get(r->db, &r->actor, id, c) : 0;
	if (have < 0) {
		*h = H_FATAL;
		return -1;
	}
	if (!have) {
		*h = resp_error(r, E_NOT_FOUND, NULL, NULL);
		return -1;
	}
	return 0;
}

int fundweb_may_write(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_PROVINCE || a->role == ROLE_COMMUNE || a->role == ROLE_CLUB;
}

void fundweb_crumb(Req *r, Buf *b, const Club *c)
{
	html(b, "<p class=\"sub\"><a href=\"/clubs/");
	html_int(b, c->id);
	html(b, "\">");
	html_txt(b, c->name);
	html(b, "</a> · ");
	html_txt(b, c->code);
	html(b, " · <a href=\"/clubs/");
	html_int(b, c->id);
	html(b, "/funds\">");
	html_txt(b, tr(r, "Quỹ và khoản vay", "Funds and loans"));
	html(b, "</a></p>");
}

void fundweb_money(Buf *b, int64_t dong)
{
	char n[VI_NUM_BUFSZ];
	html_txt(b, vi_format_money(dong, n));
}

const char *fundweb_message(Req *r, const char *id, const Err *e, const char *typed)
{
	(void)id;
	(void)typed;
	const char *f = e->field ? e->field : "";
	const char *words = NULL;
	if (e->code == E_REQUIRED) {
		if (strcmp(f, "handled_by") == 0)
			words = tr(r, "Ghi tên người trực tiếp giữ, thu hoặc chi tiền (thường là thủ quỹ).",
				   "Write the name of the person who handled the cash (usually the treasurer).");
		else if (strcmp(f, "category") == 0)
			words = tr(r, "Chọn nguồn của khoản tài trợ, hoặc khoản mục của khoản chi.",
				   "Choose where a grant comes from, or what an expense is for.");
		else if (strcmp(f, "reason") == 0)
			words = tr(r, "Ghi lý do để người xem sổ sau này hiểu.", "Write the reason, for whoever reads the book later.");
		else if (strcmp(f, "member") == 0)
			words = tr(r, "Chọn thành viên vay.", "Choose the member who borrows.");
		else if (strcmp(f, "confirmed_by") == 0)
			words = tr(r, "Chọn thành viên Ban chủ nhiệm xác nhận việc xoá nợ.", "Choose the board member who confirms the write-off.");
		else if (strcmp(f, "purpose") == 0)
			words = tr(r, "Ghi mục đích vay, ví dụ: mua giống lợn.", "Write what the loan is for, e.g. piglets.");
	} else if (e->code == E_INVALID) {
		if (strcmp(f, "rate") == 0)
			words = tr(r, "Lãi suất tính theo % một tháng, từ 0 đến 5, ví dụ 0,5 (để trống nếu không lấy lãi).",
				   "The rate is a percent a month, 0 to 5, e.g. 0.5 (empty for none).");
		else if (strcmp(f, "term") == 0)
			words = tr(r, "Thời hạn vay là số tháng, từ 1 đến 120.", "The term is a number of months, 1 to 120.");
		else if (strcmp(f, "schedule") == 0)
			words = tr(r, "Chọn cách trả gốc.", "Choose how the principal is repaid.");
		else if (strcmp(f, "from") == 0)
			words = tr(r, "Chọn quỹ chuyển tiền đi.", "Choose the fund the money leaves.");
	}
	if (!words)
		words = err_message(e->code, r->lang);
	if (e->detail[0])
		return arena_printf(&r->arena, "%s %s", words, e->detail);
	return words;
}

Form fundweb_form(Req *r, Buf *b, const Err *e, const char *prefix)
{
	Form f = {.r = r, .b = b, .e = e && e->code ? e : NULL, .prefix = prefix, .message = fundweb_message};
	return f;
}

static void board_name(const BoardRole *br, void *arg)
{
	FundBoard *x = arg;
	char *slot = NULL;
	if (strcmp(br->role, "chair") == 0)
		slot = x->chair;
	else if (strcmp(br->role, "accountant") == 0)
		slot = x->accountant;
	else if (strcmp(br->role, "treasurer") == 0)
		slot = x->treasurer;
	if (slot && !slot[0])
		snprintf(slot, sizeof x->chair, "%s", br->member_name);
}

void fundweb_board(Req *r, const Club *c, FundBoard *out)
{
	memset(out, 0, sizeof *out);
	board_list(r->db, &r->actor, c->id, 1, board_name, out);
}

void fundweb_print_tools(Req *r, Buf *b, const char *back, const char *back_label)
{
	html(b, "<div class=\"book-tools\"><p>");
	html_txt(b, tr(r, "Dùng lệnh In của trình duyệt (Ctrl+P), khổ A4 đứng.", "Use the browser's Print command (Ctrl+P), A4 portrait."));
	html(b, "</p><p><a href=\"");
	html_attr(b, back);
	html(b, "\">← ");
	html_txt(b, back_label);
	html(b, "</a></p></div>");
}

/* A commune's name without its kind: "Xã Hoằng Lộc" -> "Hoằng Lộc". */
static const char *without_kind(const char *name)
{
	static const char *const kinds[] = {"Xã ", "Phường ", "Thị trấn ", "Đặc khu "};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t n = strlen(kinds[i]);
		if (strncmp(name, kinds[i], n) == 0 && name[n])
			return name + n;
	}
	return name;
}

/* Today's commune of the club (it may have been merged since the club was founded). */
static const char *commune_today(Req *r, const Club *c)
{
	char today[11];
	unit_today(today);
	Unit now = {0};
	if (unit_restated(r->db, c->unit_id, today, &now) == 1 && now.id != c->unit_id)
		return arena_strdup(&r->arena, now.name);
	return c->unit_name;
}

const char *fundweb_place(Req *r, const Club *c)
{
	return without_kind(commune_today(r, c));
}

void fundweb_paper_head(Req *r, Buf *b, const Club *c)
{
	html(b, "<header class=\"book-head\"><div class=\"org\"><p>HỘI NGƯỜI CAO TUỔI ");
	html_txt(b, commune_today(r, c));
	html(b, "</p><p class=\"strong\">");
	html_txt(b, c->name);
	html(b, "</p><p>Mã CLB: ");
	html_txt(b, c->code);
	html(b, "</p></div><div class=\"nation\"><p class=\"strong\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>"
		"<p class=\"motto\">Độc lập - Tự do - Hạnh phúc</p></div></header>");
}

void fundweb_signs(Buf *b, int n, const char *const *titles, const char *const *names)
{
	html(b, "<div class=\"signs\">");
	for (int i = 0; i < n; i++) {
		html(b, "<div><p class=\"strong\">");
		html_txt(b, titles[i]);
		html(b, "</p><p class=\"how\">(Ký, ghi rõ họ tên)</p><p class=\"who\">");
		if (names && names[i])
			html_txt(b, names[i]);
		html(b, "</p></div>");
	}
	html(b, "</div>");
}

const char *fundweb_rate(Req *r, int64_t rate_bp)
{
	char n[VI_NUM_BUFSZ];
	if (!vi_format_decimal(rate_bp, 2, n))
		return "?";
	char *comma = strchr(n, ',');
	if (comma) {
		char *end = n + strlen(n);
		while (end > comma + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == comma + 1)
			*comma = '\0';
	}
	return arena_strdup(&r->arena, n);
}

/* ---- small pieces of these pages ---- */

static int is_en(const Req *r)
{
	return strcmp(r->lang, "en") == 0;
}

/* The fund kind of the path ("income" or "activity"), or NULL. */
static const char *path_kind(Req *r)
{
	const char *k = req_param(r, "kind");
	if (k && (strcmp(k, "income") == 0 || strcmp(k, "activity") == 0))
		return k;
	return NULL;
}

/* What an entry is, in a line: its kind, category, who, and its note. */
static void entry_what(Req *r, Buf *b, const FundEntry *x)
{
	html_txt(b, fund_entry_kind_label(x->kind, r->lang));
	if (x->category[0]) {
		html(b, " (");
		html_txt(b, fund_category_label(x->category, r->lang));
		html(b, ")");
	}
	const char *who = x->member_name[0] ? x->member_name : x->party;
	if (*who) {
		html(b, " — ");
		html_txt(b, who);
	}
	if (x->note[0]) {
		html(b, ": ");
		html_txt(b, x->note);
	}
}

static void entry_link(Buf *b, int64_t club_id, const FundEntry *x)
{
	html(b, "<a href=\"/clubs/");
	html_int(b, club_id);
	html(b, "/entries/");
	html_int(b, x->id);
	html(b, "\">");
	html_txt(b, x->voucher);
	html(b, "</a>");
}

static const char *today_text(char out[VI_DATE_BUFSZ])
{
	char today[11];
	unit_today(today);
	return form_date_value(today, out);
}

/* ---- the fund page ---- */

typedef struct ListCtx {
	Req *r;
	Buf *b;
	int64_t club_id;
	int n;
} ListCtx;

static void recent_row(const FundEntry *x, void *arg)
{
	ListCtx *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	c->n++;
	html(b, "<tr");
	if (x->reversed_by || x->reverses)
		html(b, " class=\"reversed\"");
	html(b, ">");
	page_td(b, tr(r, "Số phiếu", "Voucher"), "nowrap");
	entry_link(b, c->club_id, x);
	html(b, "</td>");
	page_td(b, tr(r, "Ngày", "Date"), "nowrap");
	page_date(b, x->on_date, "");
	html(b, "</td>");
	page_td(b, tr(r, "Nội dung", "What"), NULL);
	entry_what(r, b, x);
	if (x->reversed_by)
		html_txt(b, tr(r, " (đã đảo)", " (reversed)"));
	html(b, "</td>");
	page_td(b, tr(r, "Số tiền", "Amount"), "num");
	html_txt(b, x->amount >= 0 ? tr(r, "Thu ", "In ") : tr(r, "Chi ", "Out "));
	fundweb_money(b, x->amount < 0 ? -x->amount : x->amount);
	html(b, "</td></tr>");
}

static void loan_row(const LoanRow *l, void *arg)
{
	ListCtx *c = arg;
	Req *r = c->r;
	Buf *b = c->b;
	c->n++;
	html(b, "<tr");
	if (l->arrears_days > 0)
		html(b, " class=\"late\"");
	html(b, ">");
	page_td(b, tr(r, "Số", "No."), "nowrap");
	html(b, "<a href=\"/clubs/");
	html_int(b, c->club_id);
	html(b, "/loans/");
	html_int(b, l->id);
	html(b, "\">");
	html_txtf(b, "KV-%04lld", (long long)l->no);
	html(b, "</a></td>");
	page_cell(b, tr(r, "Thành viên", "Member"), NULL, l->member_name);
	page_td(b, tr(r, "Ngày vay", "Lent on"), "nowrap");
	page_date(b, l->disbursed_on, "");
	html(b, "</td>");
	page_td(b, tr(r, "Số tiền vay", "Principal"), "num");
	fundweb_money(b, l->principal);
	html(b, "</td>");
	page_td(b, tr(r, "Dư nợ", "Outstanding"), "num");
	fundweb_money(b, l->outstanding);
	html(b, "</td>");
	page_td(b, tr(r, "Tình trạng", "State"), NULL);
	if (strcmp(l->status, "active") != 0)
		html_txt(b, loan_status_label(l->status, r->lang));
	else if (l->arrears_days > 0)
		html_trf(r, b, "Trễ hạn %lld ngày", "%lld days late", (long long)l->arrears_days);
	else
		html_txt(b, tr(r, "Đúng hạn", "On time"));
	html(b, "</td>");
	page_td(b, tr(r, "Kỳ trả tới", "Next due"), "nowrap");
	page_date(b, l->next_due_on, "—");
	html(b, "</td></tr>");
}

static void fund_box(Req *r, Buf *b, const Club *c, const Fund *f, const char *kind)
{
	long long id = (long long)c->id;
	html(b, "<section class=\"fund\" aria-labelledby=\"h-");
	html_attr(b, kind);
	html(b, "\"><h2 id=\"h-");
	html_attr(b, kind);
	html(b, "\">");
	html_txt(b, fund_kind_label(kind, r->lang));
	html(b, "</h2><p class=\"balance\">");
	html_txt(b, tr(r, "Tồn quỹ: ", "Cash: "));
	html(b, "<strong data-balance=\"");
	html_int(b, f->balance);
	html(b, "\">");
	fundweb_money(b, f->balance);
	html(b, "</strong></p><p class=\"muted\">");
	html_trf(r, b, "Mở sổ ngày %s · %lld phiếu", "Book opened on %s · %lld entries",
		 form_date_value(f->opened_on, (char[VI_DATE_BUFSZ]){0}), (long long)f->entries);
	html(b, "</p><ul class=\"actions\">");
	if (fundweb_may_write(&r->actor))
		page_action(b, arena_printf(&r->arena, "/clubs/%lld/funds/%s/new", id, kind),
			    tr(r, "Ghi phiếu thu / chi", "Record an entry"));
	page_action(b, arena_printf(&r->arena, "/clubs/%lld/funds/%s/book", id, kind), tr(r, "Sổ quỹ (in)", "Fund book (print)"));
	html(b, "</ul></section>");
}

/* The newest entries of one fund. */
static void fund_recent(Req *r, Buf *b, const Club *c, const char *kind)
{
	ListCtx x = {r, b, c->id, 0};
	size_t mark = b->len;
	page_table_begin(b, arena_printf(&r->arena, "%s — %s", fund_kind_label(kind, r->lang), tr(r, "phiếu gần đây", "recent entries")));
	page_th(b, tr(r, "Số phiếu", "Voucher"));
	page_th(b, tr(r, "Ngày", "Date"));
	page_th(b, tr(r, "Nội dung", "What"));
	page_th(b, tr(r, "Số tiền", "Amount"));
	html(b, "</tr></thead><tbody>");
	Err e = {0};
	fund_entries(r->db, &r->actor, c->id, kind, 0, RECENT_ENTRIES, recent_row, &x, &e);
	html(b, "</tbody></table></div>");
	if (!x.n)
		b->len = mark;
}

HandlerResult web_club_funds(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	Fund f[2];
	Err e = {0};
	if (fund_get(r->db, &r->actor, c.id, f, &e) != 0)
		return resp_err(r, &e);
	long long id = (long long)c.id;
	int writer = fundweb_may_write(&r->actor);
	const char *which = req_query(r, "loans");
	int all_loans = which && strcmp(which, "all") == 0;

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Quỹ và khoản vay", "Funds and loans"));
	fundweb_crumb(r, &b, &c);
	if (req_query(r, "opened"))
		page_notice(&b, tr(r, "Đã mở sổ quỹ với số dư đầu kỳ.", "The fund books are open with their opening balances."));
	if (!f[0].id && !f[1].id) {
		html(&b, "<p class=\"lead\">");
		html_txt(&b, tr(r, "CLB chưa mở sổ quỹ trên hệ thống. Mở sổ bằng số tiền mặt của hai quỹ vào ngày chốt sổ giấy; "
				   "các khoản vay còn dư nợ hôm đó được nhập sau như khoản vay mở sổ.",
				"The club has not opened its fund books here yet. Open them with the cash of both funds on the day "
				"the paper books were closed; loans still owed that day are entered afterwards as opening loans."));
		html(&b, "</p>");
		if (writer) {
			html(&b, "<ul class=\"actions\">");
			page_action(&b, arena_printf(&r->arena, "/clubs/%lld/funds/open", id), tr(r, "Mở sổ quỹ", "Open the fund books"));
			html(&b, "</ul>");
		}
		page_end(r, &b);
		return resp_html(r, 200, &b);
	}
	if (writer) {
		html(&b, "<ul class=\"actions\">");
		page_action(&b, arena_printf(&r->arena, "/clubs/%lld/loans/new", id), tr(r, "Cho vay", "Lend"));
		page_action(&b, arena_printf(&r->arena, "/clubs/%lld/funds/transfer", id),
			    tr(r, "Chuyển tiền giữa hai quỹ", "Move money between the funds"));
		html(&b, "</ul>");
	}
	html(&b, "<div class=\"funds\">");
	fund_box(r, &b, &c, &f[0], "income");
	fund_box(r, &b, &c, &f[1], "activity");
	html(&b, "</div>");

	html(&b, "<h2>");
	html_txt(&b, all_loans ? tr(r, "Các khoản vay", "Loans") : tr(r, "Khoản vay đang còn nợ", "Loans outstanding"));
	html(&b, "</h2><p>");
	html_txt(&b, tr(r, "Khoản vay trễ hạn lên đầu, trễ lâu nhất trước.", "Late loans first, the latest longest first."));
	html(&b, " <a href=\"/clubs/");
	html_int(&b, c.id);
	if (all_loans) {
		html(&b, "/funds\">");
		html_txt(&b, tr(r, "Chỉ khoản đang còn nợ", "Outstanding only"));
	} else {
		html(&b, "/funds?loans=all\">");
		html_txt(&b, tr(r, "Xem cả khoản đã tất toán", "Include closed loans"));
	}
	html(&b, "</a></p>");
	size_t mark = b.len;
	page_table_begin(&b, NULL);
	page_th(&b, tr(r, "Số", "No."));
	page_th(&b, tr(r, "Thành viên", "Member"));
	page_th(&b, tr(r, "Ngày vay", "Lent on"));
	page_th(&b, tr(r, "Số tiền vay", "Principal"));
	page_th(&b, tr(r, "Dư nợ", "Outstanding"));
	page_th(&b, tr(r, "Tình trạng", "State"));
	page_th(&b, tr(r, "Kỳ trả tới", "Next due"));
	html(&b, "</tr></thead><tbody>");
	ListCtx x = {r, &b, c.id, 0};
	if (loan_list(r->db, &r->actor, c.id, all_loans ? NULL : "active", 0, loan_row, &x, &e) < 0) {
		buf_free(&b);
		return resp_err(r, &e);
	}
	html(&b, "</tbody></table></div>");
	if (!x.n) {
		b.len = mark;
		html(&b, "<p>");
		html_txt(&b, tr(r, "Không có khoản vay nào.", "No loans."));
		html(&b, "</p>");
	}
	html(&b, "<h2>");
	html_txt(&b, tr(r, "Phiếu gần đây", "Recent entries"));
	html(&b, "</h2>");
	fund_recent(r, &b, &c, "income");
	fund_recent(r, &b, &c, "activity");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* ---- opening the books ---- */

static HandlerResult open_page(Req *r, int status, const Club *c, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Mở sổ quỹ", "Open the fund books"));
	fundweb_crumb(r, &b, c);
	Fund f[2];
	Err ge = {0};
	if (fund_get(r->db, &r->actor, c->id, f, &ge) == 0 && (f[0].id || f[1].id)) {
		Err done = {E_FUND_OPEN, NULL, ""};
		form_error(r, &b, &done);
		page_end(r, &b);
		return resp_html(r, 409, &b);
	}
	html(&b, "<p>");
	html_txt(&b, tr(r, "Nhập một lần: số tiền mặt của mỗi quỹ vào ngày chốt sổ giấy (có thể là 0). "
			   "Các khoản vay thành viên còn nợ hôm đó nhập sau, ở trang Cho vay, đánh dấu “khoản vay có từ trước khi mở sổ”.",
			"Entered once: the cash of each fund on the day the paper books were closed (0 is fine). Loans members "
			"still owed that day are entered afterwards on the Lend page, marked “outstanding when the books were opened”."));
	html(&b, "</p>");
	form_summary(r, &b, e);
	form_post_begin(r, &b, "narrow", arena_printf(&r->arena, "/clubs/%lld/funds/open", (long long)c->id), NULL);
	Form f2 = fundweb_form(r, &b, e, NULL);
	char d[VI_DATE_BUFSZ];
	FundBoard board;
	fundweb_board(r, c, &board);
	form_date(&f2, "date", tr(r, "Ngày chốt sổ", "Cut-off day"), form_value(&f2, "date", today_text(d)), "required");
	form_input(&f2, "income", tr(r, "Tiền mặt quỹ tăng thu nhập (đ)", "Cash of the income-generation fund (đ)"), "text",
		   form_value(&f2, "income", ""), "inputmode=\"numeric\" autocomplete=\"off\" required",
		   tr(r, "Chỉ tiền mặt; tiền thành viên đang vay nhập sau như khoản vay.", "Cash only; money lent out is entered as loans."));
	form_input(&f2, "activity", tr(r, "Tiền mặt quỹ hoạt động (đ)", "Cash of the activity fund (đ)"), "text",
		   form_value(&f2, "activity", ""), "inputmode=\"numeric\" autocomplete=\"off\" required", NULL);
	form_input(&f2, "handled_by", tr(r, "Thủ quỹ giữ tiền", "Treasurer holding the cash"), "text",
		   form_value(&f2, "handled_by", board.treasurer), "required maxlength=\"150\"", NULL);
	form_button(&b, "primary", tr(r, "Mở sổ", "Open the books"));
	html(&b, "</form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_fund_open_form(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	return open_page(r, 200, &c, NULL);
}

HandlerResult web_fund_open(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	FundOpenInput in = {
		.date = req_form(r, "date"),
		.income = req_form(r, "income"),
		.activity = req_form(r, "activity"),
		.handled_by = req_form(r, "handled_by"),
	};
	Err e = {0};
	if (fund_open(r->db, &r->actor, c.id, &in, &e) != 0) {
		if (e.code == E_INTERNAL || e.code == E_BUSY || e.code == E_DISK_FULL || e.code == E_FORBIDDEN)
			return resp_err(r, &e);
		return open_page(r, err_http_status(e.code), &c, &e);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/funds?opened=1", (long long)c.id));
}

/* ---- recording an entry ---- */

/* A store failure or a refusal that no form can fix is answered as an error page. */
static int answer_plain(const Err *e)
{
	return e->code == E_INTERNAL || e->code == E_BUSY || e->code == E_DISK_FULL || e->code == E_FORBIDDEN ||
	       e->code == E_NOT_FOUND;
}

typedef struct MemberOpts {
	Buf *b;
	const char *selected;
} MemberOpts;

static void member_option(const Member *m, void *arg)
{
	MemberOpts *x = arg;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)m->id);
	const char *label = m->village[0] ? NULL : m->full_name;
	if (label) {
		form_option(x->b, id, label, x->selected);
		return;
	}
	char both[400];
	snprintf(both, sizeof both, "%s (%s)", m->full_name, m->village);
	form_option(x->b, id, both, x->selected);
}

/* A select of the club's members on the book today; first an empty choice with words none. */
static void member_select(Req *r, const Form *f, const Club *c, const char *name, const char *label, const char *none,
			  const char *selected, int required)
{
	form_select_begin(f, name, label, required);
	form_option(f->b, "", none, selected);
	MemberFilter mf = {.club_id = c->id, .sort = "name"};
	MemberOpts x = {f->b, selected};
	member_list(r->db, &r->actor, &mf, 0, MEMBERS_MAX, member_option, &x);
	form_select_end(f, name);
}

static HandlerResult entry_page(Req *r, int status, const Club *c, const char *kind, const Err *e)
{
	long long id = (long long)c->id;
	Buf b;
	buf_init(&b, 0);
	const char *title = arena_printf(&r->arena, is_en(r) ? "Record an entry: %s" : "Ghi phiếu: %s",
					 fund_kind_label(kind, r->lang));
	page_begin(r, &b, title);
	fundweb_crumb(r, &b, c);
	/* After "save and record another": what was saved, with its paper. */
	int64_t saved = req_param_id(r, "saved");
	FundEntry last;
	Err le = {0};
	int have_last = saved > 0 && fund_entry_get(r->db, &r->actor, c->id, saved, &last, &le) == 0;
	if (have_last && !e) {
		html(&b, "<div class=\"notice\" role=\"status\"><p>");
		html_trf(r, &b, "Đã ghi phiếu %s: ", "Recorded %s: ", last.voucher);
		entry_what(r, &b, &last);
		html(&b, ", ");
		fundweb_money(&b, last.amount < 0 ? -last.amount : last.amount);
		html(&b, ". <a href=\"/clubs/");
		html_int(&b, c->id);
		html(&b, "/entries/");
		html_int(&b, last.id);
		html(&b, "/print\">");
		html_txt(&b, last.amount >= 0 ? tr(r, "In phiếu thu", "Print the receipt") : tr(r, "In phiếu chi", "Print the voucher"));
		html(&b, "</a></p></div>");
	}
	Fund f[2];
	Err ge = {0};
	if (fund_get(r->db, &r->actor, c->id, f, &ge) != 0) {
		buf_free(&b);
		return resp_err(r, &ge);
	}
	const Fund *fund = strcmp(kind, "income") == 0 ? &f[0] : &f[1];
	if (!fund->id) {
		Err no = {E_FUND_NOT_OPEN, NULL, ""};
		form_error(r, &b, &no);
		if (fundweb_may_write(&r->actor)) {
			html(&b, "<ul class=\"actions\">");
			page_action(&b, arena_printf(&r->arena, "/clubs/%lld/funds/open", id), tr(r, "Mở sổ quỹ", "Open the fund books"));
			html(&b, "</ul>");
		}
		page_end(r, &b);
		return resp_html(r, 409, &b);
	}
	html(&b, "<p>");
	html_txt(&b, tr(r, "Tồn quỹ hiện nay: ", "Cash now: "));
	html(&b, "<strong>");
	fundweb_money(&b, fund->balance);
	html(&b, "</strong>. ");
	html_txt(&b, tr(r, "Khoản vay, trả nợ và chuyển quỹ được ghi ở trang riêng của chúng.",
			"Loans, repayments and transfers are recorded on their own pages."));
	html(&b, "</p>");
	form_summary(r, &b, e);
	form_post_begin(r, &b, "narrow", arena_printf(&r->arena, "/clubs/%lld/funds/%s/new", id, kind), NULL);
	Form fm = fundweb_form(r, &b, e, NULL);
	const char *const *kinds = strcmp(kind, "income") == 0 ? fund_entry_kinds_income : fund_entry_kinds_activity;
	const char *kind_sel = form_value(&fm, "kind", have_last ? last.kind : "contribution");
	form_select_begin(&fm, "kind", tr(r, "Loại phiếu", "Kind of entry"), 0);
	for (size_t i = 0; kinds[i]; i++) {
		const char *label = arena_printf(&r->arena, "%s (%s)", fund_entry_kind_label(kinds[i], r->lang),
						 fund_entry_kind_in(kinds[i]) == 1 ? tr(r, "thu", "in") : tr(r, "chi", "out"));
		form_option(&b, kinds[i], label, kind_sel);
	}
	form_select_end(&fm, "kind");
	char d[VI_DATE_BUFSZ];
	const char *date_default = have_last ? form_date_value(last.on_date, d) : today_text(d);
	form_date(&fm, "date", tr(r, "Ngày", "Date"), form_value(&fm, "date", date_default), "required");
	form_input(&fm, "amount", tr(r, "Số tiền (đ)", "Amount (đ)"), "text", form_value(&fm, "amount", ""),
		   "inputmode=\"numeric\" autocomplete=\"off\" required", tr(r, "Ví dụ 50.000", "E.g. 50.000"));
	const char *cat = form_value(&fm, "category", "");
	form_select_begin(&fm, "category", tr(r, "Nguồn tài trợ hoặc khoản mục chi", "Grant source or expense category"), 0);
	form_option(&b, "", tr(r, "— không cần (thu đóng góp, ủng hộ…) —", "— none (contributions, donations…) —"), cat);
	html(&b, "<optgroup label=\"");
	html_attr(&b, tr(r, "Tài trợ từ", "Grant from"));
	html(&b, "\">");
	for (size_t i = 0; fund_grant_sources[i]; i++)
		form_option(&b, fund_grant_sources[i], fund_category_label(fund_grant_sources[i], r->lang), cat);
	html(&b, "</optgroup><optgroup label=\"");
	html_attr(&b, tr(r, "Khoản chi", "Expense"));
	html(&b, "\">");
	for (size_t i = 0; fund_expense_categories[i]; i++)
		form_option(&b, fund_expense_categories[i], fund_category_label(fund_expense_categories[i], r->lang), cat);
	html(&b, "</optgroup>");
	form_select_end(&fm, "category");
	member_select(r, &fm, c, "member", tr(r, "Thành viên nộp hoặc nhận tiền", "Member paying or receiving"),
		      tr(r, "— không phải thành viên —", "— not a member —"), form_value(&fm, "member", ""), 0);
	form_input(&fm, "party", tr(r, "Hoặc người / đơn vị nộp, nhận tiền", "Or the person or body paying or receiving"), "text",
		   form_value(&fm, "party", ""), "maxlength=\"200\"", NULL);
	FundBoard board;
	fundweb_board(r, c, &board);
	form_input(&fm, "handled_by", tr(r, "Thủ quỹ (người thu / chi tiền)", "Treasurer (who took or paid the cash)"), "text",
		   form_value(&fm, "handled_by", have_last ? last.handled_by : board.treasurer), "required maxlength=\"150\"", NULL);
	form_input(&fm, "note", tr(r, "Diễn giải", "Note"), "text", form_value(&fm, "note", ""), "maxlength=\"250\"", NULL);
	html(&b, "<p class=\"actions\">");
	html(&b, "<button type=\"submit\" class=\"primary\" name=\"next\" value=\"1\">");
	html_txt(&b, tr(r, "Lưu và ghi phiếu khác", "Save and record another"));
	html(&b, "</button><button type=\"submit\" name=\"next\" value=\"0\">");
	html_txt(&b, tr(r, "Lưu và xem phiếu", "Save and view the entry"));
	html(&b, "</button></p></form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_fund_entry_new(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	const char *kind = path_kind(r);
	if (!kind)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return entry_page(r, 200, &c, kind, NULL);
}

HandlerResult web_fund_entry_create(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	const char *kind = path_kind(r);
	if (!kind)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	const char *member = req_form(r, "member");
	EntryInput in = {
		.kind = req_form(r, "kind"),
		.date = req_form(r, "date"),
		.amount = req_form(r, "amount"),
		.category = req_form(r, "category"),
		.party = req_form(r, "party"),
		.member = member && *member ? member : NULL,
		.handled_by = req_form(r, "handled_by"),
		.note = req_form(r, "note"),
	};
	Err e = {0};
	int64_t eid = fund_entry_add(r->db, &r->actor, c.id, kind, &in, &e);
	if (eid < 0) {
		if (answer_plain(&e))
			return resp_err(r, &e);
		return entry_page(r, err_http_status(e.code), &c, kind, &e);
	}
	if (form_checked(r, "next"))
		return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/funds/%s/new?saved=%lld", (long long)c.id, kind,
						     (long long)eid));
	return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/entries/%lld?saved=1", (long long)c.id, (long long)eid));
}

/* ---- moving money between the funds ---- */

static HandlerResult transfer_page(Req *r, int status, const Club *c, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Chuyển tiền giữa hai quỹ", "Move money between the funds"));
	fundweb_crumb(r, &b, c);
	Fund f[2];
	Err ge = {0};
	if (fund_get(r->db, &r->actor, c->id, f, &ge) != 0) {
		buf_free(&b);
		return resp_err(r, &ge);
	}
	if (!f[0].id) {
		Err no = {E_FUND_NOT_OPEN, NULL, ""};
		form_error(r, &b, &no);
		page_end(r, &b);
		return resp_html(r, 409, &b);
	}
	html(&b, "<p>");
	html_txt(&b, tr(r, "Tồn quỹ tăng thu nhập: ", "Income-generation fund: "));
	fundweb_money(&b, f[0].balance);
	html(&b, " · ");
	html_txt(&b, tr(r, "Tồn quỹ hoạt động: ", "Activity fund: "));
	fundweb_money(&b, f[1].balance);
	html(&b, "</p><p>");
	html_txt(&b, tr(r, "Ghi thành hai phiếu cùng ngày, cùng số tiền: một phiếu chi ở quỹ chuyển đi, một phiếu thu ở quỹ nhận.",
			"Recorded as two entries of the same day and amount: money out of one fund, money into the other."));
	html(&b, "</p>");
	form_summary(r, &b, e);
	form_post_begin(r, &b, "narrow", arena_printf(&r->arena, "/clubs/%lld/funds/transfer", (long long)c->id), NULL);
	Form fm = fundweb_form(r, &b, e, NULL);
	static const FormChoice froms[] = {
		{"income", "Từ quỹ tăng thu nhập sang quỹ hoạt động", "From the income-generation fund to the activity fund"},
		{"activity", "Từ quỹ hoạt động sang quỹ tăng thu nhập", "From the activity fund to the income-generation fund"},
	};
	form_select(&fm, "from", tr(r, "Chuyển", "Move"), froms, 2, form_value(&fm, "from", "activity"), 0);
	char d[VI_DATE_BUFSZ];
	form_date(&fm, "date", tr(r, "Ngày", "Date"), form_value(&fm, "date", today_text(d)), "required");
	form_input(&fm, "amount", tr(r, "Số tiền (đ)", "Amount (đ)"), "text", form_value(&fm, "amount", ""),
		   "inputmode=\"numeric\" autocomplete=\"off\" required", NULL);
	FundBoard board;
	fundweb_board(r, c, &board);
	form_input(&fm, "handled_by", tr(r, "Thủ quỹ", "Treasurer"), "text", form_value(&fm, "handled_by", board.treasurer),
		   "required maxlength=\"150\"", NULL);
	form_input(&fm, "note", tr(r, "Lý do", "Why"), "text", form_value(&fm, "note", ""), "maxlength=\"250\"", NULL);
	form_button(&b, "primary", tr(r, "Chuyển tiền", "Move the money"));
	html(&b, "</form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_fund_transfer_form(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	return transfer_page(r, 200, &c, NULL);
}

HandlerResult web_fund_transfer(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	const char *from = req_form(r, "from");
	Err e = {0};
	if (!from || (strcmp(from, "income") != 0 && strcmp(from, "activity") != 0)) {
		err_set(&e, E_INVALID, "from");
		return transfer_page(r, 422, &c, &e);
	}
	EntryInput in = {
		.date = req_form(r, "date"),
		.amount = req_form(r, "amount"),
		.handled_by = req_form(r, "handled_by"),
		.note = req_form(r, "note"),
	};
	int64_t eid = fund_transfer(r->db, &r->actor, c.id, from, &in, &e);
	if (eid < 0) {
		if (answer_plain(&e))
			return resp_err(r, &e);
		return transfer_page(r, err_http_status(e.code), &c, &e);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/entries/%lld?saved=1", (long long)c.id, (long long)eid));
}

/* ---- the fund book ---- */

typedef struct BookCtx {
	Req *r;
	Buf *rows;
	int64_t n;
} BookCtx;

/* An amount in the book: grouped digits only, the heading says đồng (the columns stay narrow). */
static void book_amount(Buf *b, int64_t v)
{
	char n[VI_NUM_BUFSZ];
	html_txt(b, vi_format_int(v, n));
}

static void book_row(const FundEntry *x, int64_t running, void *arg)
{
	BookCtx *c = arg;
	Buf *b = c->rows;
	c->n++;
	html(b, "<tr><td class=\"c nowrap\">");
	page_date(b, x->on_date, "");
	html(b, "</td><td class=\"c nowrap\">");
	if (x->amount >= 0)
		html_txt(b, x->voucher);
	html(b, "</td><td class=\"c nowrap\">");
	if (x->amount < 0)
		html_txt(b, x->voucher);
	html(b, "</td><td>");
	entry_what(c->r, b, x);
	html(b, "</td><td class=\"num\">");
	if (x->amount >= 0)
		book_amount(b, x->amount);
	html(b, "</td><td class=\"num\">");
	if (x->amount < 0)
		book_amount(b, -x->amount);
	html(b, "</td><td class=\"num\">");
	book_amount(b, running);
	html(b, "</td><td>");
	html_txt(b, x->handled_by);
	html(b, "</td></tr>");
}

/* A date of the book's filter: absent gives dflt; typed, it must be a date (else e on field). */
static const char *book_date(Req *r, const char *name, const char *dflt, char out[VI_DATE_BUFSZ], Err *e)
{
	const char *s = req_query(r, name);
	if (!s)
		return dflt;
	if (!*s)
		return NULL;
	if (vi_parse_date(s, out) != VI_OK) {
		if (!e->code)
			err_set(e, E_DATE, strcmp(name, "from") == 0 ? "from" : "to");
		return NULL;
	}
	return out;
}

HandlerResult web_fund_book(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	const char *kind = path_kind(r);
	if (!kind)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	/* This month by default: the paper a treasurer brings to the monthly meeting. */
	char today[11], first[11], fbuf[VI_DATE_BUFSZ], tbuf[VI_DATE_BUFSZ];
	unit_today(today);
	snprintf(first, sizeof first, "%.8s01", today);
	Err e = {0};
	const char *from = book_date(r, "from", first, fbuf, &e);
	const char *to = book_date(r, "to", today, tbuf, &e);

	Buf rows;
	buf_init(&rows, 0);
	BookCtx x = {r, &rows, 0};
	FundBook fb = {0};
	int ok = 0;
	if (!e.code) {
		ok = fund_book(r->db, &r->actor, c.id, kind, from, to, book_row, &x, &fb, &e) == 0;
		if (!ok && (answer_plain(&e) || e.code == E_FUND_NOT_OPEN)) {
			buf_free(&rows);
			return resp_err(r, &e);
		}
	}
	Buf b;
	buf_init(&b, 0);
	const char *title = arena_printf(&r->arena, "%s — %s", tr(r, "Sổ quỹ", "Fund book"), fund_kind_label(kind, r->lang));
	page_begin(r, &b, title);
	html(&b, "<div class=\"book-tools\">");
	fundweb_crumb(r, &b, &c);
	/* The period: a GET form that reloads the page. */
	html(&b, "<form method=\"get\" class=\"inline\" action=\"/clubs/");
	html_int(&b, c.id);
	html(&b, "/funds/");
	html_attr(&b, kind);
	html(&b, "/book\">");
	Form fm = {.r = r, .b = &b, .e = e.code ? &e : NULL, .message = fundweb_message};
	char dv[VI_DATE_BUFSZ];
	const char *fq = req_query(r, "from"), *tq = req_query(r, "to");
	form_date(&fm, "from", tr(r, "Từ ngày", "From"), fq ? fq : form_date_value(from, dv), NULL);
	form_date(&fm, "to", tr(r, "Đến ngày", "To"), tq ? tq : form_date_value(to, dv), NULL);
	form_inline_end(&b, NULL, tr(r, "Xem", "Show"));
	html(&b, "<p>");
	html_txt(&b, tr(r, "Dùng lệnh In của trình duyệt (Ctrl+P), khổ A4 đứng. Để trống cả hai ngày để xem cả sổ.",
			"Use the browser's Print command (Ctrl+P), A4 portrait. Leave both dates empty for the whole book."));
	html(&b, "</p></div>");
	if (!ok) {
		buf_free(&rows);
		page_end(r, &b);
		return resp_html(r, err_http_status(e.code), &b);
	}
	html(&b, "<article class=\"paper fund-book\" lang=\"vi\">");
	fundweb_paper_head(r, &b, &c);
	html(&b, "<h2 class=\"book-title\">SỔ QUỸ TIỀN MẶT</h2><p class=\"book-sub strong\">");
	html_txt(&b, fund_kind_label(kind, "vi"));
	html(&b, "</p><p class=\"book-sub\">");
	if (from || to) {
		html(&b, "Từ ngày ");
		page_date(&b, from, "mở sổ");
		html(&b, " đến ngày ");
		page_date(&b, to ? to : today, "");
	} else {
		html(&b, "Từ ngày mở sổ đến ngày ");
		page_date(&b, today, "");
	}
	html(&b, "</p><table class=\"book-table fund-table\"><colgroup><col class=\"w-date\"><col class=\"w-v\"><col class=\"w-v\">"
		 "<col class=\"w-what\"><col class=\"w-amt\"><col class=\"w-amt\"><col class=\"w-amt\"><col class=\"w-who\"></colgroup>"
		 "<thead><tr><th rowspan=\"2\" scope=\"col\">Ngày</th><th colspan=\"2\" scope=\"colgroup\">Số phiếu</th>"
		 "<th rowspan=\"2\" scope=\"col\">Diễn giải</th><th colspan=\"3\" scope=\"colgroup\">Số tiền (đồng)</th>"
		 "<th rowspan=\"2\" scope=\"col\">Thủ quỹ</th></tr><tr><th scope=\"col\">Thu</th><th scope=\"col\">Chi</th>"
		 "<th scope=\"col\">Thu</th><th scope=\"col\">Chi</th><th scope=\"col\">Tồn</th></tr></thead><tbody>"
		 "<tr class=\"carry\"><td></td><td></td><td></td><td>Số dư đầu kỳ</td><td></td><td></td><td class=\"num\" data-opening=\"");
	html_int(&b, fb.opening);
	html(&b, "\">");
	book_amount(&b, fb.opening);
	html(&b, "</td><td></td></tr>");
	buf_append(&b, rows.data ? rows.data : "", rows.len);
	buf_free(&rows);
	if (!x.n)
		html(&b, "<tr><td colspan=\"8\" class=\"c\">Không có phiếu nào trong kỳ.</td></tr>");
	html(&b, "</tbody><tfoot><tr class=\"total\"><td></td><td></td><td></td><td>Cộng phát sinh trong kỳ</td><td class=\"num\">");
	book_amount(&b, fb.total_in);
	html(&b, "</td><td class=\"num\">");
	book_amount(&b, fb.total_out);
	html(&b, "</td><td></td><td></td></tr><tr class=\"total\"><td></td><td></td><td></td><td>Số dư cuối kỳ</td><td></td><td></td>"
		 "<td class=\"num\" data-closing=\"");
	html_int(&b, fb.closing);
	html(&b, "\">");
	book_amount(&b, fb.closing);
	html(&b, "</td><td></td></tr></tfoot></table><div class=\"book-foot\"><p class=\"dateline\">");
	char *dateline = NULL;
	if (vi_format_dateline(fundweb_place(r, &c), today, &dateline) == VI_OK)
		html_txt(&b, dateline);
	free(dateline);
	html(&b, "</p>");
	FundBoard board;
	fundweb_board(r, &c, &board);
	const char *titles[] = {"THỦ QUỸ", "KẾ TOÁN", "CHỦ NHIỆM CLB"};
	const char *names[] = {board.treasurer, board.accountant, board.chair};
	fundweb_signs(&b, 3, titles, names);
	html(&b, "</div></article>");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* ---- one entry ---- */

static HandlerResult entry_show_page(Req *r, int status, const Club *c, const FundEntry *x, const Err *e)
{
	long long cid = (long long)c->id;
	Buf b;
	buf_init(&b, 0);
	const char *title = arena_printf(&r->arena, "%s %s",
					 x->amount >= 0 ? tr(r, "Phiếu thu", "Receipt") : tr(r, "Phiếu chi", "Payment voucher"),
					 x->voucher);
	page_begin(r, &b, title);
	fundweb_crumb(r, &b, c);
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã ghi vào sổ quỹ.", "Recorded in the fund book."));
	if (req_query(r, "reversed") && !e)
		page_notice(&b, tr(r, "Đã ghi phiếu đảo.", "The reversing entry is recorded."));
	html(&b, "<ul class=\"actions\">");
	page_action(&b, arena_printf(&r->arena, "/clubs/%lld/entries/%lld/print", cid, (long long)x->id),
		    x->amount >= 0 ? tr(r, "In phiếu thu", "Print the receipt") : tr(r, "In phiếu chi", "Print the voucher"));
	page_action(&b, arena_printf(&r->arena, "/clubs/%lld/funds/%s/book", cid, x->fund_kind), tr(r, "Sổ quỹ", "Fund book"));
	html(&b, "</ul><dl class=\"facts stack-phone\">");
	page_fact_txt(&b, tr(r, "Quỹ", "Fund"), fund_kind_label(x->fund_kind, r->lang));
	page_fact(&b, tr(r, "Số phiếu", "Voucher"));
	html_txt(&b, x->voucher);
	html_trf(r, &b, " (bút toán số %lld của sổ)", " (entry %lld of the book)", (long long)x->no);
	html(&b, "</dd>");
	page_fact(&b, tr(r, "Ngày", "Date"));
	page_date(&b, x->on_date, "");
	html(&b, "</dd>");
	page_fact_txt(&b, tr(r, "Loại", "Kind"), fund_entry_kind_label(x->kind, r->lang));
	page_fact(&b, x->amount >= 0 ? tr(r, "Số tiền thu", "Money in") : tr(r, "Số tiền chi", "Money out"));
	html(&b, "<strong>");
	fundweb_money(&b, x->amount < 0 ? -x->amount : x->amount);
	html(&b, "</strong></dd>");
	if (x->category[0])
		page_fact_txt(&b, tr(r, "Nguồn / khoản mục", "Source / category"), fund_category_label(x->category, r->lang));
	if (x->member_id) {
		page_fact(&b, tr(r, "Thành viên", "Member"));
		page_link(&b, "/members/", x->member_id, x->member_name);
		html(&b, "</dd>");
	}
	if (x->party[0])
		page_fact_txt(&b, x->amount >= 0 ? tr(r, "Người nộp tiền", "Paid by") : tr(r, "Người nhận tiền", "Paid to"), x->party);
	if (x->loan_id) {
		page_fact(&b, tr(r, "Khoản vay", "Loan"));
		html(&b, "<a href=\"/clubs/");
		html_int(&b, c->id);
		html(&b, "/loans/");
		html_int(&b, x->loan_id);
		html(&b, "\">");
		html_txt(&b, tr(r, "Xem khoản vay", "See the loan"));
		html(&b, "</a></dd>");
	}
	if (x->note[0])
		page_fact_txt(&b, tr(r, "Diễn giải", "Note"), x->note);
	page_fact_txt(&b, tr(r, "Thủ quỹ", "Treasurer"), x->handled_by[0] ? x->handled_by : "—");
	page_fact(&b, tr(r, "Người ghi", "Recorded by"));
	html_txt(&b, x->recorded_by);
	html(&b, ", ");
	page_date(&b, x->recorded_at, "");
	html(&b, "</dd>");
	if (x->reverses) {
		page_fact(&b, tr(r, "Đảo phiếu", "Reverses"));
		html(&b, "<a href=\"/clubs/");
		html_int(&b, c->id);
		html(&b, "/entries/");
		html_int(&b, x->reverses);
		html(&b, "\">");
		html_txt(&b, tr(r, "phiếu bị đảo", "the entry reversed"));
		html(&b, "</a></dd>");
	}
	if (x->reversed_by) {
		page_fact(&b, tr(r, "Đã bị đảo bởi", "Reversed by"));
		html(&b, "<a href=\"/clubs/");
		html_int(&b, c->id);
		html(&b, "/entries/");
		html_int(&b, x->reversed_by);
		html(&b, "\">");
		html_txt(&b, tr(r, "phiếu đảo", "the reversing entry"));
		html(&b, "</a></dd>");
	}
	if (x->pair_id) {
		page_fact(&b, tr(r, "Phiếu kèm theo ở quỹ kia", "Its pair in the other fund"));
		html(&b, "<a href=\"/clubs/");
		html_int(&b, c->id);
		html(&b, "/entries/");
		html_int(&b, x->pair_id);
		html(&b, "\">");
		html_txt(&b, tr(r, "xem", "see"));
		html(&b, "</a></dd>");
	}
	page_fact(&b, tr(r, "Mã kiểm tra", "Check code"));
	html(&b, "<code>");
	html_txt(&b, x->hash);
	html(&b, "</code></dd></dl>");

	int reversible = !x->reversed_by && !x->reverses && strcmp(x->kind, "opening") != 0 && strcmp(x->kind, "reversal") != 0;
	if (fundweb_may_write(&r->actor) && reversible) {
		html(&b, "<section aria-labelledby=\"rev-h\"><h2 id=\"rev-h\">");
		html_txt(&b, tr(r, "Đảo phiếu này", "Reverse this entry"));
		html(&b, "</h2><p>");
		html_txt(&b, tr(r, "Sổ quỹ không sửa, không xoá. Nếu phiếu ghi sai, ghi một phiếu đảo (số tiền ngược lại) nêu lý do, "
				   "rồi ghi lại phiếu đúng.",
				"Nothing in a fund book is edited or deleted. If this entry is wrong, record a reversing entry (the "
				"opposite amount) with the reason, then record the right one."));
		html(&b, "</p>");
		form_summary(r, &b, e);
		form_post_begin(r, &b, "narrow", arena_printf(&r->arena, "/clubs/%lld/entries/%lld/reverse", cid, (long long)x->id),
				NULL);
		Form fm = fundweb_form(r, &b, e, NULL);
		form_input(&fm, "reason", tr(r, "Lý do đảo", "Why it is reversed"), "text", form_value(&fm, "reason", ""),
			   "required maxlength=\"250\"", NULL);
		char d[VI_DATE_BUFSZ];
		form_date(&fm, "date", tr(r, "Ngày ghi phiếu đảo", "Date of the reversing entry"),
			  form_value(&fm, "date", today_text(d)), "required");
		form_button(&b, "danger", tr(r, "Ghi phiếu đảo", "Record the reversal"));
		html(&b, "</form></section>");
	} else if (e) {
		form_error(r, &b, e);
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

static int load_entry(Req *r, const Club *c, FundEntry *x, HandlerResult *h)
{
	int64_t eid = req_param_id(r, "eid");
	Err e = {0};
	if (!eid) {
		*h = resp_error(r, E_NOT_FOUND, NULL, NULL);
		return -1;
	}
	if (fund_entry_get(r->db, &r->actor, c->id, eid, x, &e) != 0) {
		*h = resp_err(r, &e);
		return -1;
	}
	return 0;
}

HandlerResult web_fund_entry_show(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	FundEntry x;
	if (load_entry(r, &c, &x, &h))
		return h;
	return entry_show_page(r, 200, &c, &x, NULL);
}

HandlerResult web_fund_entry_reverse(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	FundEntry x;
	if (load_entry(r, &c, &x, &h))
		return h;
	Err e = {0};
	const char *date = req_form(r, "date");
	int64_t rid = fund_entry_reverse(r->db, &r->actor, c.id, x.id, req_form(r, "reason"), date && *date ? date : NULL, &e);
	if (rid < 0) {
		if (answer_plain(&e))
			return resp_err(r, &e);
		return entry_show_page(r, err_http_status(e.code), &c, &x, &e);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/entries/%lld?reversed=1", (long long)c.id, (long long)rid));
}

/* ---- the receipt or payment voucher ---- */

/* "Ngày 05 tháng 3 năm 2026" of iso, or "" when it is not a date. */
static const char *date_words(Req *r, const char *iso)
{
	char *line = NULL;
	if (vi_format_dateline(NULL, iso, &line) != VI_OK)
		return "";
	const char *out = arena_strdup(&r->arena, line);
	free(line);
	return out;
}

/* A dotted line to write on by hand, or the text when there is one. */
static void filled(Buf *b, const char *text)
{
	if (text && *text) {
		html(b, "<span class=\"filled\">");
		html_txt(b, text);
		html(b, "</span>");
	} else {
		html(b, "<span class=\"dots\"></span>");
	}
}

HandlerResult web_fund_entry_print(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	FundEntry x;
	if (load_entry(r, &c, &x, &h))
		return h;
	int in = strncmp(x.voucher, "PT", 2) == 0 || (strncmp(x.voucher, "PC", 2) != 0 && x.amount >= 0);
	int64_t amount = x.amount < 0 ? -x.amount : x.amount;
	char *words = NULL;
	if (vi_money_words(amount, &words) != VI_OK)
		return H_FATAL;
	const char *words_a = arena_strdup(&r->arena, words);
	free(words);
	FundBoard board;
	fundweb_board(r, &c, &board);

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, arena_printf(&r->arena, "%s %s", in ? "Phiếu thu" : "Phiếu chi", x.voucher));
	fundweb_print_tools(r, &b, arena_printf(&r->arena, "/clubs/%lld/entries/%lld", (long long)c.id, (long long)x.id),
			    tr(r, "Về phiếu", "Back to the entry"));
	html(&b, "<article class=\"paper voucher\" lang=\"vi\"><header class=\"book-head\"><div class=\"org\"><p>Đơn vị: <span class=\"strong\">");
	html_txt(&b, c.name);
	html(&b, "</span></p><p>Địa chỉ: ");
	if (c.village[0]) {
		html_txt(&b, c.village);
		html(&b, ", ");
	}
	html_txt(&b, c.unit_name);
	if (c.province_name[0]) {
		html(&b, ", ");
		html_txt(&b, c.province_name);
	}
	html(&b, "</p><p>");
	html_txt(&b, fund_kind_label(x.fund_kind, "vi"));
	html(&b, "</p></div><div class=\"nation\"><p>Quyển số: ");
	html_int(&b, (x.no - 1) / 100 + 1);
	html(&b, "</p><p>Số: <span class=\"strong\">");
	html_txt(&b, x.voucher);
	html(&b, "</span></p></div></header><h2 class=\"book-title\">");
	if (in)
		html(&b, "PHIẾU THU");
	else
		html(&b, "PHIẾU CHI");
	html(&b, "</h2><p class=\"book-sub\">");
	html_txt(&b, date_words(r, x.on_date));
	html(&b, "</p><dl class=\"lines\"><dt>");
	if (in)
		html(&b, "Họ và tên người nộp tiền:");
	else
		html(&b, "Họ và tên người nhận tiền:");
	html(&b, "</dt><dd>");
	filled(&b, x.member_name[0] ? x.member_name : x.party);
	html(&b, "</dd><dt>Địa chỉ:</dt><dd>");
	filled(&b, NULL);
	html(&b, "</dd><dt>");
	if (in)
		html(&b, "Lý do nộp:");
	else
		html(&b, "Lý do chi:");
	html(&b, "</dt><dd><span class=\"filled\">");
	html_txt(&b, fund_entry_kind_label(x.kind, "vi"));
	if (x.category[0]) {
		html(&b, " (");
		html_txt(&b, fund_category_label(x.category, "vi"));
		html(&b, ")");
	}
	if (x.note[0]) {
		html(&b, ": ");
		html_txt(&b, x.note);
	}
	html(&b, "</span></dd><dt>Số tiền:</dt><dd><span class=\"filled strong\" data-amount=\"");
	html_int(&b, amount);
	html(&b, "\">");
	fundweb_money(&b, amount);
	html(&b, "</span></dd><dt>Viết bằng chữ:</dt><dd><span class=\"filled words\">");
	html_txt(&b, words_a);
	html(&b, "</span></dd><dt>Kèm theo:</dt><dd><span class=\"dots short\"></span> chứng từ gốc.</dd></dl>"
		 "<div class=\"book-foot\"><p class=\"dateline\">");
	char *dateline = NULL;
	if (vi_format_dateline(fundweb_place(r, &c), x.on_date, &dateline) == VI_OK)
		html_txt(&b, dateline);
	free(dateline);
	html(&b, "</p>");
	const char *payer = x.member_name[0] ? x.member_name : x.party;
	if (in) {
		const char *titles[] = {"CHỦ NHIỆM", "KẾ TOÁN", "NGƯỜI NỘP TIỀN", "NGƯỜI LẬP PHIẾU", "THỦ QUỸ"};
		const char *names[] = {board.chair, board.accountant, payer, NULL, x.handled_by};
		fundweb_signs(&b, 5, titles, names);
	} else {
		const char *titles[] = {"CHỦ NHIỆM", "KẾ TOÁN", "THỦ QUỸ", "NGƯỜI LẬP PHIẾU", "NGƯỜI NHẬN TIỀN"};
		const char *names[] = {board.chair, board.accountant, x.handled_by, NULL, payer};
		fundweb_signs(&b, 5, titles, names);
	}
	html(&b, "<p class=\"received\">");
	if (in)
		html(&b, "Đã nhận đủ số tiền (viết bằng chữ): ");
	else
		html(&b, "Đã nhận đủ số tiền (viết bằng chữ): ");
	html_txt(&b, words_a);
	html(&b, "</p></div></article>");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* ---- the figures of a unit or the country ---- */

/* A share as a percent with one decimal ("48,5 %"), or "—" when the denominator is 0. */
static void share(Req *r, Buf *b, int64_t num, int64_t den)
{
	int64_t bp = fund_ratio_bp(num, den);
	if (bp < 0) {
		html(b, "—");
		return;
	}
	char n[VI_NUM_BUFSZ];
	html_txt(b, vi_format_decimal((bp + 5) / 10, 1, n));
	html(b, " %");
	(void)r;
}

/* A share with its formula under it: "48,5 %" then "= 97 / 200". */
static void share_formula(Req *r, Buf *b, int64_t num, int64_t den, int money)
{
	share(r, b, num, den);
	char x[VI_NUM_BUFSZ], y[VI_NUM_BUFSZ];
	html(b, "<span class=\"ratio\">= ");
	html_txt(b, money ? vi_format_money(num, x) : vi_format_int(num, x));
	html(b, " / ");
	html_txt(b, money ? vi_format_money(den, y) : vi_format_int(den, y));
	html(b, "</span>");
}

static void figure_cells(Req *r, Buf *b, const FundFigures *f)
{
	char n[VI_NUM_BUFSZ];
	page_td(b, tr(r, "CLB giữ sổ trên hệ thống", "Clubs keeping books here"), "num");
	html_txt(b, vi_format_int(f->clubs_books, n));
	html_txt(b, " / ");
	html_txt(b, vi_format_int(f->clubs, n));
	html(b, "</td>");
	page_td(b, tr(r, "CLB có đủ 2 quỹ (mục tiêu 100 %)", "Clubs with both funds (target 100 %)"), "num");
	share_formula(r, b, f->clubs_both, f->clubs_books, 0);
	html(b, "</td>");
	page_td(b, tr(r, "Quỹ tăng thu nhập (tiền mặt)", "Income-generation fund (cash)"), "num");
	fundweb_money(b, f->income_cash);
	html(b, "</td>");
	page_td(b, tr(r, "Quỹ hoạt động", "Activity fund"), "num");
	fundweb_money(b, f->activity_cash);
	html(b, "</td>");
	page_td(b, tr(r, "Dư nợ", "Outstanding"), "num");
	fundweb_money(b, f->outstanding);
	html(b, "<span class=\"ratio\">");
	html_trf(r, b, "%lld khoản vay", "%lld loans", (long long)f->loans);
	html(b, "</span></td>");
	page_td(b, tr(r, "Thành viên đang vay (mục tiêu 50 %)", "Members borrowing (target 50 %)"), "num");
	share_formula(r, b, f->borrowers, f->members_books, 0);
	if (f->members_books && fund_ratio_bp(f->borrowers, f->members_books) < 5000) {
		html(b, "<span class=\"below\">");
		html_txt(b, tr(r, "dưới mục tiêu", "below the target"));
		html(b, "</span>");
	}
	html(b, "</td>");
	page_td(b, tr(r, "Dư nợ quá hạn trên 30 ngày (PAR30)", "Portfolio at risk over 30 days (PAR30)"), "num");
	share_formula(r, b, f->par30, f->outstanding, 1);
	html(b, "</td>");
	page_td(b, tr(r, "Tỷ lệ hoàn trả 12 tháng", "Repayment rate, 12 months"), "num");
	share_formula(r, b, f->repaid_12m, f->due_12m, 1);
	html(b, "</td>");
}

static void figure_heads(Req *r, Buf *b, const char *first)
{
	page_th(b, first);
	page_th(b, tr(r, "CLB giữ sổ trên hệ thống", "Clubs keeping books here"));
	page_th(b, tr(r, "CLB có đủ 2 quỹ (mục tiêu 100 %)", "Clubs with both funds (target 100 %)"));
	page_th(b, tr(r, "Quỹ tăng thu nhập (tiền mặt)", "Income-generation fund (cash)"));
	page_th(b, tr(r, "Quỹ hoạt động", "Activity fund"));
	page_th(b, tr(r, "Dư nợ", "Outstanding"));
	page_th(b, tr(r, "Thành viên đang vay (mục tiêu 50 %)", "Members borrowing (target 50 %)"));
	page_th(b, tr(r, "Dư nợ quá hạn trên 30 ngày (PAR30)", "Portfolio at risk over 30 days (PAR30)"));
	page_th(b, tr(r, "Tỷ lệ hoàn trả 12 tháng", "Repayment rate, 12 months"));
}

typedef struct FigCtx {
	Req *r;
	Buf *b;
	const char *date;
	int n;
} FigCtx;

static void figure_row(const FundFiguresRow *row, void *arg)
{
	FigCtx *x = arg;
	Req *r = x->r;
	Buf *b = x->b;
	x->n++;
	html(b, "<tr>");
	page_td(b, tr(r, "Đơn vị", "Unit"), "unit");
	html(b, "<a href=\"/units/");
	html_attr(b, row->code);
	html(b, "/funds");
	if (x->date) {
		html(b, "?date=");
		html_urlenc(b, x->date);
	}
	html(b, "\">");
	html_txt(b, row->name);
	html(b, "</a><span class=\"code\">");
	html_txt(b, row->code);
	html(b, "</span></td>");
	figure_cells(r, b, &row->f);
	html(b, "</tr>");
}

static HandlerResult figures_page(Req *r, const char *unit, const char *name)
{
	Err e = {0};
	const char *dq = req_query(r, "date");
	char iso[VI_DATE_BUFSZ];
	const char *date = NULL;
	if (dq && *dq) {
		if (vi_parse_date(dq, iso) == VI_OK)
			date = iso;
		else
			err_set(&e, E_DATE, "date");
	}
	Buf rows;
	buf_init(&rows, 0);
	FundFigures f = {0};
	FigCtx x = {r, &rows, date, 0};
	if (!e.code && fund_figures(r->db, &r->actor, unit, date, 1, &f, figure_row, &x, &e) != 0 &&
	    (answer_plain(&e) || e.code == E_OUT_OF_SCOPE)) {
		buf_free(&rows);
		return resp_err(r, &e);
	}
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, arena_printf(&r->arena, "%s — %s", tr(r, "Quỹ và vốn vay", "Funds and loans"), name));
	html(&b, "<form method=\"get\" class=\"inline\" action=\"");
	html_attr(&b, unit ? arena_printf(&r->arena, "/units/%s/funds", unit) : "/funds");
	html(&b, "\">");
	Form fm = {.r = r, .b = &b, .e = e.code ? &e : NULL, .message = fundweb_message};
	form_date(&fm, "date", tr(r, "Tính đến ngày (để trống: hôm nay)", "As of (empty: today)"), dq ? dq : "", NULL);
	form_inline_end(&b, NULL, tr(r, "Xem", "Show"));
	if (e.code) {
		buf_free(&rows);
		page_end(r, &b);
		return resp_html(r, err_http_status(e.code), &b);
	}
	html(&b, "<p>");
	html_txt(&b, tr(r, "Số liệu lấy trực tiếp từ sổ quỹ và khoản vay của các CLB giữ sổ trên hệ thống, cập nhật ngay khi ghi phiếu.",
			"Figures come straight from the fund books and loans of the clubs keeping them here, current as soon as an entry is recorded."));
	html(&b, "</p>");
	html(&b, "<div class=\"fund-figures\">");
	page_table_begin(&b, tr(r, "Theo đơn vị trực thuộc", "By sub-unit"));
	figure_heads(r, &b, tr(r, "Đơn vị", "Unit"));
	html(&b, "</tr></thead><tbody>");
	buf_append(&b, rows.data ? rows.data : "", rows.len);
	buf_free(&rows);
	html(&b, "<tr class=\"total\">");
	page_td(&b, tr(r, "Đơn vị", "Unit"), "unit");
	html_txt(&b, tr(r, "Cộng", "Total"));
	html(&b, ": ");
	html_txt(&b, name);
	html(&b, "</td>");
	figure_cells(r, &b, &f);
	html(&b, "</tr></tbody></table></div></div><h2>");
	html_txt(&b, tr(r, "Cách tính", "How each figure is computed"));
	html(&b, "</h2><dl class=\"definitions\"><dt>");
	html_txt(&b, tr(r, "CLB có đủ 2 quỹ", "Clubs with both funds"));
	html(&b, "</dt><dd>");
	html_txt(&b, tr(r, "= số CLB giữ sổ trên hệ thống có cả hai quỹ (quỹ tăng thu nhập còn tiền hoặc dư nợ, quỹ hoạt động còn tiền) ÷ số CLB giữ sổ trên hệ thống. Mục tiêu Đề án 1336: 100 %.",
			"= clubs keeping their books here that hold both funds (money or loans in the income-generation fund, money in the activity fund) ÷ clubs keeping their books here. Đề án 1336 target: 100 %."));
	html(&b, "</dd><dt>");
	html_txt(&b, tr(r, "Thành viên đang vay", "Members borrowing"));
	html(&b, "</dt><dd>");
	html_txt(&b, tr(r, "= số thành viên đang có khoản vay còn dư nợ ÷ số thành viên trên sổ của các CLB giữ sổ trên hệ thống. Mục tiêu: ít nhất 50 %.",
			"= members with a loan outstanding ÷ members on the books of the clubs keeping their books here. Target: at least 50 %."));
	html(&b, "</dd><dt>PAR30</dt><dd>");
	html_txt(&b, tr(r, "= dư nợ gốc của các khoản vay có kỳ trả gốc quá hạn trên 30 ngày ÷ tổng dư nợ.",
			"= principal outstanding of loans with an instalment more than 30 days late ÷ all principal outstanding."));
	html(&b, "</dd><dt>");
	html_txt(&b, tr(r, "Tỷ lệ hoàn trả 12 tháng", "Repayment rate, 12 months"));
	html(&b, "</dt><dd>");
	html_txt(&b, tr(r, "= tiền gốc đến hạn trong 12 tháng qua đã được trả ÷ tiền gốc đến hạn trong 12 tháng qua.",
			"= principal fallen due in the last 12 months that has been repaid ÷ principal fallen due in the last 12 months."));
	html(&b, "</dd></dl>");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

HandlerResult web_unit_funds(Req *r)
{
	const char *code = req_param(r, "code");
	Club c;
	if (code && strchr(code, '-')) {
		int have = club_get_by_code(r->db, &r->actor, code, &c);
		if (have < 0)
			return H_FATAL;
		if (!have)
			return resp_error(r, E_NOT_FOUND, NULL, NULL);
		return figures_page(r, code, c.name);
	}
	Unit u;
	ErrCode found = form_unit(r, code, NULL, &u);
	if (found == E_INTERNAL)
		return H_FATAL;
	if (found)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return figures_page(r, u.code, u.name);
}

HandlerResult web_funds(Req *r)
{
	/* A user with a scope sees their own unit's figures; the country is for the national roles
	 * and viewers without a scope. */
	if (r->actor.scope[0]) {
		Buf loc;
		buf_init(&loc, 64);
		buf_puts(&loc, "/units/");
		html_urlenc(&loc, r->actor.scope);
		buf_puts(&loc, "/funds");
		const char *q = req_query(r, "date");
		if (q) {
			buf_puts(&loc, "?date=");
			html_urlenc(&loc, q);
		}
		const char *to = arena_strdup(&r->arena, buf_str(&loc));
		buf_free(&loc);
		return resp_redirect(r, to);
	}
	return figures_page(r, NULL, tr(r, "Toàn quốc", "Whole country"));
}
