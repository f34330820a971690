/* The loan pages (issue 7): lending to a member with the repayment schedule previewed before
 * anything is paid out, one loan with its schedule, payments, the interest rule written out, and
 * the repay and write-off forms, and two printable papers — the member's loan card and a simple
 * loan agreement. Every rule is core's (core/loan.h); a refused form is shown again with what was
 * typed and the message under the field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fund.h"
#include "core/loan.h"
#include "core/member.h"
#include "core/unit.h"
#include "lib/vi.h"
#include "web/funds.h"
#include "web/layout.h"
#include "web/pages.h"

enum { MEMBERS_MAX = 2000, CARD_BLANK_ROWS = 4 };

static int is_en(const Req *r)
{
	return strcmp(r->lang, "en") == 0;
}

static const char *today_text(char out[VI_DATE_BUFSZ])
{
	char today[11];
	unit_today(today);
	return form_date_value(today, out);
}

static int answer_plain(const Err *e)
{
	return e->code == E_INTERNAL || e->code == E_BUSY || e->code == E_DISK_FULL || e->code == E_FORBIDDEN ||
	       e->code == E_NOT_FOUND;
}

static const char *loan_no(Req *r, const Loan *l)
{
	return arena_printf(&r->arena, "KV-%04lld", (long long)l->no);
}

static const FormChoice schedules[] = {
	{"equal", "Trả gốc đều hằng tháng", "Equal principal every month"},
	{"end", "Trả gốc một lần cuối kỳ", "All principal at the end"},
};

/* The interest rule, as the borrower should read it. */
static void interest_rule(Req *r, Buf *b)
{
	html(b, "<div class=\"rule\"><h2>");
	html_txt(b, tr(r, "Cách tính lãi và trừ tiền trả", "How interest is charged and payments applied"));
	html(b, "</h2><ul><li>");
	html_txt(b, tr(r, "Lãi mỗi tháng = lãi suất tháng × dư nợ gốc đầu tháng đó (làm tròn đến đồng), trả cùng kỳ trả gốc của tháng. "
			  "Với cách trả gốc cuối kỳ, lãi các tháng cũng trả vào cuối kỳ.",
		       "Each month's interest = the monthly rate × the principal outstanding at the start of that month (rounded to the "
		       "đồng), due with that month's instalment. With all principal at the end, every month's interest is due at the end."));
	html(b, "</li><li>");
	html_txt(b, tr(r, "Mỗi lần trả tiền: trừ vào lãi đến hạn trước, rồi vào gốc, kỳ cũ nhất trước.",
		       "Each payment goes to interest due first, then to principal, oldest instalment first."));
	html(b, "</li><li>");
	html_txt(b, tr(r, "Trả gốc nhiều hơn số đến hạn là trả trước hạn: được tính cho các kỳ sau, và lãi các tháng sau tính trên dư nợ nhỏ hơn.",
		       "Paying more principal than has fallen due is early repayment: it covers the next instalments, and later "
		       "months' interest is charged on the smaller balance."));
	html(b, "</li><li>");
	html_txt(b, tr(r, "Không nhận trả quá số lãi đến hạn cộng gốc còn lại. Khoản vay trễ hạn khi một kỳ gốc chưa trả đủ sau ngày đến hạn; "
			  "số ngày trễ tính từ kỳ chưa trả cũ nhất.",
		       "Nothing is taken beyond the interest due and the principal left. A loan is late when an instalment's principal "
		       "is not fully paid after its due date; days late count from the oldest such date."));
	html(b, "</li></ul></div>");
}

/* The schedule as a table (planned or actual). */
static void schedule_table(Req *r, Buf *b, const Instalment *rows, size_t n, const char *asof, int with_unpaid)
{
	page_table_begin(b, with_unpaid ? tr(r, "Lịch trả nợ", "Repayment schedule") : tr(r, "Lịch trả nợ dự kiến", "Planned schedule"));
	page_th(b, tr(r, "Kỳ", "No."));
	page_th(b, tr(r, "Ngày đến hạn", "Due on"));
	page_th(b, tr(r, "Gốc", "Principal"));
	page_th(b, tr(r, "Lãi", "Interest"));
	page_th(b, tr(r, "Cộng", "Total"));
	if (with_unpaid)
		page_th(b, tr(r, "Gốc chưa trả", "Principal unpaid"));
	html(b, "</tr></thead><tbody>");
	int64_t tp = 0, ti = 0;
	for (size_t i = 0; i < n; i++) {
		const Instalment *x = &rows[i];
		int late = with_unpaid && x->principal_unpaid > 0 && asof && strcmp(x->due_on, asof) < 0;
		tp += x->principal;
		ti += x->interest;
		if (late)
			html(b, "<tr class=\"late\">");
		else
			html(b, "<tr>");
		page_td(b, tr(r, "Kỳ", "No."), NULL);
		html_int(b, x->k);
		html(b, "</td>");
		page_td(b, tr(r, "Ngày đến hạn", "Due on"), "nowrap");
		page_date(b, x->due_on, "");
		if (late)
			html_txt(b, tr(r, " (quá hạn)", " (late)"));
		html(b, "</td>");
		page_td(b, tr(r, "Gốc", "Principal"), "num");
		fundweb_money(b, x->principal);
		html(b, "</td>");
		page_td(b, tr(r, "Lãi", "Interest"), "num");
		fundweb_money(b, x->interest);
		html(b, "</td>");
		page_td(b, tr(r, "Cộng", "Total"), "num");
		fundweb_money(b, x->principal + x->interest);
		html(b, "</td>");
		if (with_unpaid) {
			page_td(b, tr(r, "Gốc chưa trả", "Principal unpaid"), "num");
			fundweb_money(b, x->principal_unpaid);
			html(b, "</td>");
		}
		html(b, "</tr>");
	}
	html(b, "<tr class=\"total\">");
	page_td(b, tr(r, "Kỳ", "No."), NULL);
	html_txt(b, tr(r, "Cộng", "Total"));
	html(b, "</td>");
	page_td(b, tr(r, "Ngày đến hạn", "Due on"), NULL);
	html(b, "</td>");
	page_td(b, tr(r, "Gốc", "Principal"), "num");
	fundweb_money(b, tp);
	html(b, "</td>");
	page_td(b, tr(r, "Lãi", "Interest"), "num");
	fundweb_money(b, ti);
	html(b, "</td>");
	page_td(b, tr(r, "Cộng", "Total"), "num");
	fundweb_money(b, tp + ti);
	html(b, "</td>");
	if (with_unpaid) {
		page_td(b, tr(r, "Gốc chưa trả", "Principal unpaid"), NULL);
		html(b, "</td>");
	}
	html(b, "</tr></tbody></table></div>");
}

/* ---- lending ---- */

typedef struct MemberOpts {
	Buf *b;
	const char *selected;
} MemberOpts;

static void member_option(const Member *m, void *arg)
{
	MemberOpts *x = arg;
	char id[24], label[400];
	snprintf(id, sizeof id, "%lld", (long long)m->id);
	if (m->village[0])
		snprintf(label, sizeof label, "%s, %d (%s)", m->full_name, m->birth_year, m->village);
	else
		snprintf(label, sizeof label, "%s, %d", m->full_name, m->birth_year);
	form_option(x->b, id, label, x->selected);
}

static LoanInput loan_input_from_form(Req *r)
{
	int opening = form_checked(r, "opening");
	LoanInput in = {
		.member = req_form(r, "member"),
		.principal = req_form(r, "principal"),
		.purpose = req_form(r, "purpose"),
		.rate = req_form(r, "rate"),
		.term = req_form(r, "term"),
		.schedule = req_form(r, "schedule"),
		.disbursed_on = req_form(r, "disbursed_on"),
		.handled_by = req_form(r, "handled_by"),
		.note = req_form(r, "note"),
		.opening = opening,
		.outstanding = opening ? req_form(r, "outstanding") : NULL,
	};
	if (in.member && !*in.member)
		in.member = NULL;
	return in;
}

/* The lending form; preview: show the planned schedule of what was typed (it passed loan_check). */
static HandlerResult loan_new_page(Req *r, int status, const Club *c, const Err *e, int preview)
{
	long long cid = (long long)c->id;
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Cho vay", "Lend"));
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
		html(&b, "<ul class=\"actions\">");
		page_action(&b, arena_printf(&r->arena, "/clubs/%lld/funds/open", cid), tr(r, "Mở sổ quỹ", "Open the fund books"));
		html(&b, "</ul>");
		page_end(r, &b);
		return resp_html(r, 409, &b);
	}
	html(&b, "<p>");
	html_txt(&b, tr(r, "Tồn quỹ tăng thu nhập: ", "Income-generation fund: "));
	html(&b, "<strong>");
	fundweb_money(&b, f[0].balance);
	html(&b, "</strong>. ");
	html_txt(&b, tr(r, "Bấm “Xem lịch trả nợ” để xem trước các kỳ trả; chưa có gì được ghi cho đến khi bấm “Cho vay”.",
			"Press “Show the schedule” to see the instalments first; nothing is recorded until you press “Lend”."));
	html(&b, "</p>");
	form_summary(r, &b, e);
	form_post_begin(r, &b, "narrow", arena_printf(&r->arena, "/clubs/%lld/loans/new", cid), NULL);
	Form fm = fundweb_form(r, &b, e, NULL);
	int typed = e || preview;
	const char *v_member = typed ? req_form(r, "member") : NULL;
	if (!v_member)
		v_member = req_query(r, "member");
	form_select_begin(&fm, "member", tr(r, "Thành viên vay", "Member borrowing"), 1);
	form_option(&b, "", tr(r, "— chọn thành viên —", "— choose a member —"), v_member);
	MemberFilter mf = {.club_id = c->id, .sort = "name"};
	MemberOpts mo = {&b, v_member};
	member_list(r->db, &r->actor, &mf, 0, MEMBERS_MAX, member_option, &mo);
	form_select_end(&fm, "member");
	const char *tv = typed ? "" : NULL;
#define TYPED(name, dflt) (tv ? (req_form(r, name) ? req_form(r, name) : "") : (dflt))
	form_input(&fm, "principal", tr(r, "Số tiền vay (đ)", "Amount lent (đ)"), "text", TYPED("principal", ""),
		   "inputmode=\"numeric\" autocomplete=\"off\" required", tr(r, "Ví dụ 5.000.000", "E.g. 5.000.000"));
	form_input(&fm, "purpose", tr(r, "Mục đích vay", "Purpose"), "text", TYPED("purpose", ""), "required maxlength=\"250\"",
		   NULL);
	form_input(&fm, "rate", tr(r, "Lãi suất (% một tháng)", "Interest rate (% a month)"), "text", TYPED("rate", "0"),
		   "inputmode=\"decimal\" autocomplete=\"off\"", tr(r, "Ví dụ 0,5; ghi 0 nếu không lấy lãi.", "E.g. 0,5; 0 for none."));
	form_input(&fm, "term", tr(r, "Thời hạn (tháng)", "Term (months)"), "text", TYPED("term", "12"),
		   "inputmode=\"numeric\" autocomplete=\"off\" required", NULL);
	form_select(&fm, "schedule", tr(r, "Cách trả gốc", "How the principal is repaid"), schedules, 2, TYPED("schedule", "equal"),
		    0);
	char d[VI_DATE_BUFSZ];
	form_date(&fm, "disbursed_on", tr(r, "Ngày giải ngân", "Paid out on"), TYPED("disbursed_on", today_text(d)), "required");
	FundBoard board;
	fundweb_board(r, c, &board);
	form_input(&fm, "handled_by", tr(r, "Thủ quỹ chi tiền", "Treasurer paying out"), "text", TYPED("handled_by", board.treasurer),
		   "required maxlength=\"150\"", NULL);
	form_input(&fm, "note", tr(r, "Ghi chú", "Note"), "text", TYPED("note", ""), "maxlength=\"250\"", NULL);
	html(&b, "<fieldset><legend>");
	html_txt(&b, tr(r, "Khoản vay có từ trước khi mở sổ", "A loan from before the books were opened"));
	html(&b, "</legend>");
	form_checkbox(&fm, "opening",
		      tr(r, "Khoản vay này đã cho vay từ sổ giấy (không chi tiền từ quỹ bây giờ)",
			 "This loan was made in the paper books (no money leaves the fund now)"),
		      typed && form_checked(r, "opening"));
	form_input(&fm, "outstanding", tr(r, "Dư nợ gốc vào ngày mở sổ (đ)", "Principal still owed on the opening day (đ)"), "text",
		   TYPED("outstanding", ""), "inputmode=\"numeric\" autocomplete=\"off\"",
		   tr(r, "Chỉ với khoản vay có từ trước khi mở sổ.", "Only for a loan from before the books were opened."));
#undef TYPED
	html(&b, "</fieldset><p class=\"actions\"><button type=\"submit\" name=\"action\" value=\"preview\">");
	html_txt(&b, tr(r, "Xem lịch trả nợ", "Show the schedule"));
	html(&b, "</button><button type=\"submit\" class=\"primary\" name=\"action\" value=\"lend\">");
	html_txt(&b, tr(r, "Cho vay", "Lend"));
	html(&b, "</button></p></form>");
	if (preview && !e) {
		LoanInput in = loan_input_from_form(r);
		int64_t principal = 0, rate = 0;
		int term = 0;
		char on[11];
		Err pe = {0};
		if (loan_check(&in, &principal, &rate, &term, on, &pe) == 0 && term > 0 && term <= LOAN_TERM_MAX) {
			Instalment *plan = calloc((size_t)term, sizeof *plan);
			if (plan && loan_plan(principal, rate, term, in.schedule, on, plan) == 0) {
				html(&b, "<section class=\"preview\" aria-labelledby=\"plan-h\"><h2 id=\"plan-h\">");
				html_txt(&b, tr(r, "Lịch trả nợ dự kiến", "Planned schedule"));
				html(&b, "</h2><p>");
				html_trf(r, &b, "Vay %s, lãi suất %s %%/tháng, %d tháng. Chưa ghi gì: bấm “Cho vay” để ghi.",
					 "Lending %s at %s %% a month for %d months. Nothing is recorded yet: press “Lend”.",
					 vi_format_money(principal, (char[VI_NUM_BUFSZ]){0}), fundweb_rate(r, rate), term);
				html(&b, "</p>");
				schedule_table(r, &b, plan, (size_t)term, NULL, 0);
				html(&b, "</section>");
			}
			free(plan);
		}
	}
	interest_rule(r, &b);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_loan_new(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	return loan_new_page(r, 200, &c, NULL, 0);
}

HandlerResult web_loan_create(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	LoanInput in = loan_input_from_form(r);
	const char *action = req_form(r, "action");
	Err e = {0};
	if (action && strcmp(action, "preview") == 0) {
		int64_t principal, rate;
		int term;
		char on[11];
		if (loan_check(&in, &principal, &rate, &term, on, &e) != 0)
			return loan_new_page(r, err_http_status(e.code), &c, &e, 1);
		return loan_new_page(r, 200, &c, NULL, 1);
	}
	int64_t lid = loan_create(r->db, &r->actor, c.id, &in, &e);
	if (lid < 0) {
		if (answer_plain(&e))
			return resp_err(r, &e);
		return loan_new_page(r, err_http_status(e.code), &c, &e, 0);
	}
	return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/loans/%lld?lent=1", (long long)c.id, (long long)lid));
}

/* ---- one loan ---- */

/* Which form of the loan page failed, to show it again. */
typedef struct LoanState {
	const char *form;               /* "repay" or "wo" */
	const Err *e;
} LoanState;

static int load_loan(Req *r, const Club *c, Loan *l, HandlerResult *h)
{
	int64_t lid = req_param_id(r, "lid");
	Err e = {0};
	memset(l, 0, sizeof *l);
	if (!lid) {
		*h = resp_error(r, E_NOT_FOUND, NULL, NULL);
		return -1;
	}
	if (loan_get(r->db, &r->actor, c->id, lid, NULL, l, &e) != 0) {
		*h = resp_err(r, &e);
		return -1;
	}
	return 0;
}

static void entry_print_link(Req *r, Buf *b, int64_t club_id, int64_t eid, const char *label)
{
	html(b, "<a href=\"/clubs/");
	html_int(b, club_id);
	html(b, "/entries/");
	html_int(b, eid);
	html(b, "/print\">");
	html_txt(b, label);
	html(b, "</a>");
	(void)r;
}

typedef struct BoardOpts {
	Buf *b;
	const char *selected;
} BoardOpts;

static void board_option(const BoardRole *br, void *arg)
{
	BoardOpts *x = arg;
	char id[24], label[400];
	snprintf(id, sizeof id, "%lld", (long long)br->member_id);
	snprintf(label, sizeof label, "%s (%s)", br->member_name, board_role_label(br->role, "vi"));
	form_option(x->b, id, label, x->selected);
}

static void loan_facts(Req *r, Buf *b, const Club *c, const Loan *l)
{
	char n[VI_NUM_BUFSZ];
	html(b, "<dl class=\"facts stack-phone\">");
	page_fact(b, tr(r, "Thành viên vay", "Borrower"));
	page_link(b, "/members/", l->member_id, l->member_name);
	html(b, "</dd>");
	page_fact_txt(b, tr(r, "Tình trạng", "State"), loan_status_label(l->status, r->lang));
	page_fact(b, tr(r, "Số tiền vay", "Principal"));
	fundweb_money(b, l->principal);
	html(b, "</dd>");
	page_fact_txt(b, tr(r, "Mục đích", "Purpose"), l->purpose);
	page_fact(b, tr(r, "Lãi suất", "Rate"));
	html_trf(r, b, "%s %% một tháng", "%s %% a month", fundweb_rate(r, l->rate_bp));
	html(b, "</dd>");
	page_fact(b, tr(r, "Thời hạn", "Term"));
	html_trf(r, b, "%d tháng — %s", "%d months — %s", l->term, loan_schedule_label(l->schedule, r->lang));
	html(b, "</dd>");
	page_fact(b, tr(r, "Ngày giải ngân", "Paid out on"));
	page_date(b, l->disbursed_on, "");
	if (l->opening)
		html_txt(b, tr(r, " (có từ trước khi mở sổ)", " (from before the books were opened)"));
	else if (l->disbursement_entry) {
		html(b, " · ");
		entry_print_link(r, b, c->id, l->disbursement_entry, tr(r, "phiếu chi", "payment voucher"));
	}
	html(b, "</dd>");
	page_fact(b, tr(r, "Đã trả gốc / lãi", "Principal / interest paid"));
	fundweb_money(b, l->principal_paid);
	html(b, " / ");
	fundweb_money(b, l->interest_paid);
	html(b, "</dd>");
	page_fact(b, tr(r, "Dư nợ gốc", "Principal outstanding"));
	html(b, "<strong data-outstanding=\"");
	html_int(b, l->outstanding);
	html(b, "\">");
	fundweb_money(b, l->outstanding);
	html(b, "</strong></dd>");
	if (strcmp(l->status, "active") == 0) {
		page_fact(b, tr(r, "Lãi đến hạn chưa trả", "Interest due"));
		fundweb_money(b, l->interest_due);
		html(b, "</dd>");
		page_fact(b, tr(r, "Gốc quá hạn", "Principal in arrears"));
		fundweb_money(b, l->principal_due);
		if (l->arrears_days > 0) {
			html(b, " <strong class=\"flag off\">");
			html_trf(r, b, "trễ %lld ngày", "%lld days late", (long long)l->arrears_days);
			html(b, "</strong>");
		}
		html(b, "</dd>");
		if (l->next_due_on[0]) {
			page_fact(b, tr(r, "Kỳ trả tới", "Next instalment"));
			page_date(b, l->next_due_on, "");
			html(b, ": ");
			fundweb_money(b, l->next_due_amount);
			html(b, "</dd>");
		}
		page_fact(b, tr(r, "Trả hết hôm nay", "Pays it all today"));
		fundweb_money(b, l->payoff);
		html(b, "</dd>");
	}
	if (l->written_off) {
		page_fact(b, tr(r, "Đã xoá nợ", "Written off"));
		fundweb_money(b, l->written_off);
		html(b, " — ");
		page_date(b, l->write_off_on, "");
		html(b, ": ");
		html_txt(b, l->write_off_reason);
		if (l->write_off_confirmer[0]) {
			html(b, " (");
			html_txt(b, tr(r, "xác nhận: ", "confirmed by "));
			html_txt(b, l->write_off_confirmer);
			html(b, ")");
		}
		html(b, "</dd>");
	}
	page_fact_txt(b, tr(r, "Thủ quỹ", "Treasurer"), l->handled_by[0] ? l->handled_by : "—");
	if (l->note[0])
		page_fact_txt(b, tr(r, "Ghi chú", "Note"), l->note);
	page_fact(b, tr(r, "Người ghi", "Recorded by"));
	html_txt(b, l->created_by);
	html(b, ", ");
	page_date(b, l->created_at, "");
	html(b, "</dd></dl>");
	(void)n;
}

static void payments_table(Req *r, Buf *b, const Club *c, const Loan *l)
{
	if (!l->npayments) {
		html(b, "<p>");
		html_txt(b, tr(r, "Chưa có lần trả nợ nào.", "No payments yet."));
		html(b, "</p>");
		return;
	}
	page_table_begin(b, tr(r, "Các lần trả nợ", "Payments"));
	page_th(b, tr(r, "Ngày trả", "Paid on"));
	page_th(b, tr(r, "Gốc", "Principal"));
	page_th(b, tr(r, "Lãi", "Interest"));
	page_th(b, tr(r, "Phiếu thu", "Receipts"));
	page_th(b, tr(r, "Người ghi", "Recorded by"));
	html(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < l->npayments; i++) {
		const LoanPayment *p = &l->payments[i];
		if (p->reversed)
			html(b, "<tr class=\"reversed\">");
		else
			html(b, "<tr>");
		page_td(b, tr(r, "Ngày trả", "Paid on"), "nowrap");
		page_date(b, p->paid_on, "");
		if (p->reversed)
			html_txt(b, tr(r, " (đã đảo)", " (reversed)"));
		if (p->before_books)
			html_txt(b, tr(r, " (trước khi mở sổ)", " (before the books)"));
		html(b, "</td>");
		page_td(b, tr(r, "Gốc", "Principal"), "num");
		fundweb_money(b, p->principal);
		html(b, "</td>");
		page_td(b, tr(r, "Lãi", "Interest"), "num");
		fundweb_money(b, p->interest);
		html(b, "</td>");
		page_td(b, tr(r, "Phiếu thu", "Receipts"), NULL);
		if (p->principal_entry)
			entry_print_link(r, b, c->id, p->principal_entry, tr(r, "thu gốc", "principal"));
		if (p->principal_entry && p->interest_entry)
			html(b, " · ");
		if (p->interest_entry)
			entry_print_link(r, b, c->id, p->interest_entry, tr(r, "thu lãi", "interest"));
		html(b, "</td>");
		page_cell(b, tr(r, "Người ghi", "Recorded by"), NULL, p->recorded_by);
		html(b, "</tr>");
	}
	html(b, "</tbody></table></div>");
}

static HandlerResult loan_page(Req *r, int status, const Club *c, const Loan *l, const LoanState *s)
{
	long long cid = (long long)c->id, lid = (long long)l->id;
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, arena_printf(&r->arena, is_en(r) ? "Loan %s — %s" : "Khoản vay %s — %s", loan_no(r, l), l->member_name));
	fundweb_crumb(r, &b, c);
	if (!s) {
		if (req_query(r, "lent")) {
			html(&b, "<div class=\"notice\" role=\"status\"><p>");
			html_txt(&b, tr(r, "Đã ghi khoản vay.", "The loan is recorded."));
			if (l->disbursement_entry) {
				html(&b, " ");
				entry_print_link(r, &b, c->id, l->disbursement_entry, tr(r, "In phiếu chi", "Print the payment voucher"));
			}
			html(&b, "</p></div>");
		}
		int64_t paid = req_param_id(r, "paid");
		for (size_t i = 0; paid && i < l->npayments; i++) {
			const LoanPayment *p = &l->payments[i];
			if (p->id != paid)
				continue;
			html(&b, "<div class=\"notice\" role=\"status\"><p>");
			html_trf(r, &b, "Đã ghi trả nợ: lãi %s, gốc %s.", "Payment recorded: interest %s, principal %s.",
				 vi_format_money(p->interest, (char[VI_NUM_BUFSZ]){0}),
				 vi_format_money(p->principal, (char[VI_NUM_BUFSZ]){0}));
			if (p->principal_entry) {
				html(&b, " ");
				entry_print_link(r, &b, c->id, p->principal_entry, tr(r, "In phiếu thu gốc", "Print the principal receipt"));
			}
			if (p->interest_entry) {
				html(&b, " · ");
				entry_print_link(r, &b, c->id, p->interest_entry, tr(r, "In phiếu thu lãi", "Print the interest receipt"));
			}
			html(&b, "</p></div>");
		}
		if (req_query(r, "written_off"))
			page_notice(&b, tr(r, "Đã xoá nợ phần còn lại.", "What was left is written off."));
	}
	html(&b, "<ul class=\"actions\">");
	page_action(&b, arena_printf(&r->arena, "/clubs/%lld/loans/%lld/card", cid, lid), tr(r, "Thẻ vay vốn (in)", "Loan card (print)"));
	page_action(&b, arena_printf(&r->arena, "/clubs/%lld/loans/%lld/agreement", cid, lid),
		    tr(r, "Hợp đồng vay (in)", "Loan agreement (print)"));
	html(&b, "</ul>");
	loan_facts(r, &b, c, l);

	int writer = fundweb_may_write(&r->actor), active = strcmp(l->status, "active") == 0;
	const Err *re = s && strcmp(s->form, "repay") == 0 ? s->e : NULL;
	const Err *we = s && strcmp(s->form, "wo") == 0 ? s->e : NULL;
	if (writer && active) {
		html(&b, "<section aria-labelledby=\"repay-h\"><h2 id=\"repay-h\">");
		html_txt(&b, tr(r, "Ghi trả nợ", "Record a payment"));
		html(&b, "</h2>");
		form_summary(r, &b, re);
		form_post_begin(r, &b, "narrow", arena_printf(&r->arena, "/clubs/%lld/loans/%lld/repay", cid, lid), "#repay-h");
		Form fm = fundweb_form(r, &b, re, "repay-");
		char d[VI_DATE_BUFSZ];
		form_date(&fm, "date", tr(r, "Ngày trả", "Paid on"), form_value(&fm, "date", today_text(d)), "required");
		const char *hint = arena_printf(&r->arena,
						is_en(r) ? "Interest due now %s; to pay it all today: %s."
							 : "Lãi đến hạn hiện nay %s; trả hết hôm nay: %s.",
						vi_format_money(l->interest_due, (char[VI_NUM_BUFSZ]){0}),
						vi_format_money(l->payoff, (char[VI_NUM_BUFSZ]){0}));
		form_input(&fm, "amount", tr(r, "Số tiền trả (đ)", "Amount paid (đ)"), "text", form_value(&fm, "amount", ""),
			   "inputmode=\"numeric\" autocomplete=\"off\" required", hint);
		FundBoard board;
		fundweb_board(r, c, &board);
		form_input(&fm, "handled_by", tr(r, "Thủ quỹ nhận tiền", "Treasurer receiving"), "text",
			   form_value(&fm, "handled_by", board.treasurer[0] ? board.treasurer : l->handled_by), "required maxlength=\"150\"",
			   NULL);
		form_input(&fm, "note", tr(r, "Ghi chú", "Note"), "text", form_value(&fm, "note", ""), "maxlength=\"250\"", NULL);
		form_button(&b, "primary", tr(r, "Ghi trả nợ", "Record the payment"));
		html(&b, "</form></section>");
	}
	if (l->nschedule)
		schedule_table(r, &b, l->schedule_rows, l->nschedule, l->asof, 1);
	payments_table(r, &b, c, l);
	interest_rule(r, &b);

	if (writer && active) {
		html(&b, "<details");
		if (we)
			html(&b, " open");
		html(&b, "><summary><h2 id=\"wo-h\">");
		html_txt(&b, tr(r, "Xoá nợ", "Write off"));
		html(&b, "</h2></summary><p>");
		html_txt(&b, tr(r, "Chỉ khi người vay không thể trả (ví dụ qua đời, thiên tai), theo quyết định của Ban chủ nhiệm: "
				   "cần lý do và một thành viên Ban chủ nhiệm thứ hai xác nhận. Tiền mặt của quỹ không đổi; "
				   "dư nợ còn lại được xoá khỏi dư nợ.",
				"Only when the borrower cannot repay (e.g. death, disaster), as the board decides: a reason and a second "
				"board member's confirmation are needed. The fund's cash does not change; what is left leaves the loans outstanding."));
		html(&b, "</p>");
		form_summary(r, &b, we);
		form_post_begin(r, &b, "narrow", arena_printf(&r->arena, "/clubs/%lld/loans/%lld/write-off", cid, lid), "#wo-h");
		Form fm = fundweb_form(r, &b, we, "wo-");
		char d[VI_DATE_BUFSZ];
		form_date(&fm, "date", tr(r, "Ngày xoá nợ", "Written off on"), form_value(&fm, "date", today_text(d)), "required");
		form_input(&fm, "reason", tr(r, "Lý do", "Reason"), "text", form_value(&fm, "reason", ""), "required maxlength=\"250\"",
			   NULL);
		const char *sel = form_value(&fm, "confirmed_by", "");
		form_select_begin(&fm, "confirmed_by", tr(r, "Thành viên Ban chủ nhiệm xác nhận", "Board member confirming"), 1);
		form_option(&b, "", tr(r, "— chọn —", "— choose —"), sel);
		BoardOpts bo = {&b, sel};
		board_list(r->db, &r->actor, c->id, 1, board_option, &bo);
		form_select_end(&fm, "confirmed_by");
		form_button(&b, "danger", tr(r, "Xoá nợ", "Write off"));
		html(&b, "</form></details>");
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_loan_show(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	Loan l;
	if (load_loan(r, &c, &l, &h))
		return h;
	h = loan_page(r, 200, &c, &l, NULL);
	loan_free(&l);
	return h;
}

HandlerResult web_loan_repay(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	int64_t lid = req_param_id(r, "lid");
	RepayInput in = {
		.date = req_form(r, "date"),
		.amount = req_form(r, "amount"),
		.handled_by = req_form(r, "handled_by"),
		.note = req_form(r, "note"),
	};
	Err e = {0};
	int64_t pid = lid ? loan_repay(r->db, &r->actor, c.id, lid, &in, NULL, NULL, &e) : -1;
	if (!lid)
		err_set(&e, E_NOT_FOUND, NULL);
	if (pid >= 0)
		return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/loans/%lld?paid=%lld", (long long)c.id, (long long)lid,
						     (long long)pid));
	if (answer_plain(&e))
		return resp_err(r, &e);
	Loan l;
	if (load_loan(r, &c, &l, &h))
		return h;
	LoanState s = {"repay", &e};
	h = loan_page(r, err_http_status(e.code), &c, &l, &s);
	loan_free(&l);
	return h;
}

HandlerResult web_loan_write_off(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	int64_t lid = req_param_id(r, "lid");
	Err e = {0};
	const char *who = req_form(r, "confirmed_by");
	if (!lid || loan_write_off(r->db, &r->actor, c.id, lid, req_form(r, "date"), req_form(r, "reason"),
				   who && *who ? who : NULL, &e) != 0) {
		if (!lid)
			err_set(&e, E_NOT_FOUND, NULL);
		if (answer_plain(&e))
			return resp_err(r, &e);
		Loan l;
		if (load_loan(r, &c, &l, &h))
			return h;
		LoanState s = {"wo", &e};
		h = loan_page(r, err_http_status(e.code), &c, &l, &s);
		loan_free(&l);
		return h;
	}
	return resp_redirect(r, arena_printf(&r->arena, "/clubs/%lld/loans/%lld?written_off=1", (long long)c.id, (long long)lid));
}

/* ---- the papers ---- */

/* The borrower's details for the papers (what the member book holds). */
static void borrower_lines(Req *r, Buf *b, const Loan *l, Member *m, int have)
{
	html(b, "<dt>Họ và tên người vay:</dt><dd><span class=\"filled strong\">");
	html_txt(b, l->member_name);
	html(b, "</span></dd><dt>Năm sinh:</dt><dd><span class=\"filled\">");
	if (have && m->birth_year)
		html_int(b, m->birth_year);
	html(b, "</span></dd><dt>Nơi ở:</dt><dd><span class=\"filled\">");
	if (have)
		html_txt(b, m->village);
	html(b, "</span></dd>");
	(void)r;
}

static const char *money_words(Req *r, int64_t v)
{
	char *w = NULL;
	if (vi_money_words(v, &w) != VI_OK)
		return "";
	const char *out = arena_strdup(&r->arena, w);
	free(w);
	return out;
}

HandlerResult web_loan_card(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	Loan l;
	if (load_loan(r, &c, &l, &h))
		return h;
	Member m;
	int have = member_get(r->db, &r->actor, l.member_id, &m) == 1;
	FundBoard board;
	fundweb_board(r, &c, &board);
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, arena_printf(&r->arena, "%s %s — %s", "Thẻ vay vốn", loan_no(r, &l), l.member_name));
	fundweb_print_tools(r, &b, arena_printf(&r->arena, "/clubs/%lld/loans/%lld", (long long)c.id, (long long)l.id),
			    tr(r, "Về khoản vay", "Back to the loan"));
	html(&b, "<article class=\"paper loan-card\" lang=\"vi\">");
	fundweb_paper_head(r, &b, &c);
	html(&b, "<h2 class=\"book-title\">THẺ THEO DÕI VAY VỐN</h2><p class=\"book-sub\">Quỹ tăng thu nhập — Số: ");
	html_txt(&b, loan_no(r, &l));
	html(&b, "</p><dl class=\"lines\">");
	borrower_lines(r, &b, &l, &m, have);
	html(&b, "<dt>Số tiền vay:</dt><dd><span class=\"filled strong\">");
	fundweb_money(&b, l.principal);
	html(&b, "</span> (");
	html_txt(&b, money_words(r, l.principal));
	html(&b, ")</dd><dt>Mục đích:</dt><dd><span class=\"filled\">");
	html_txt(&b, l.purpose);
	html(&b, "</span></dd><dt>Ngày vay:</dt><dd><span class=\"filled\">");
	page_date(&b, l.disbursed_on, "");
	html(&b, "</span></dd><dt>Lãi suất, thời hạn:</dt><dd><span class=\"filled\">");
	html_txtf(&b, "%s %%/tháng; %d tháng; %s", fundweb_rate(r, l.rate_bp), l.term, loan_schedule_label(l.schedule, "vi"));
	html(&b, "</span></dd></dl><h3>Lịch trả nợ</h3><table class=\"book-table\"><thead><tr><th scope=\"col\">Kỳ</th>"
		 "<th scope=\"col\">Ngày đến hạn</th><th scope=\"col\">Gốc phải trả</th><th scope=\"col\">Lãi</th><th scope=\"col\">Cộng</th>"
		 "</tr></thead><tbody>");
	for (size_t i = 0; i < l.nschedule; i++) {
		const Instalment *x = &l.schedule_rows[i];
		html(&b, "<tr><td class=\"c\">");
		html_int(&b, x->k);
		html(&b, "</td><td class=\"c\">");
		page_date(&b, x->due_on, "");
		html(&b, "</td><td class=\"num\">");
		fundweb_money(&b, x->principal);
		html(&b, "</td><td class=\"num\">");
		fundweb_money(&b, x->interest);
		html(&b, "</td><td class=\"num\">");
		fundweb_money(&b, x->principal + x->interest);
		html(&b, "</td></tr>");
	}
	html(&b, "</tbody></table><h3>Theo dõi trả nợ</h3><table class=\"book-table\"><thead><tr><th scope=\"col\">Ngày trả</th>"
		 "<th scope=\"col\">Gốc trả</th><th scope=\"col\">Lãi trả</th><th scope=\"col\">Dư nợ còn lại</th>"
		 "<th scope=\"col\">Thủ quỹ ký</th><th scope=\"col\">Người vay ký</th></tr></thead><tbody>");
	int64_t left = l.principal;
	for (size_t i = 0; i < l.npayments; i++) {
		const LoanPayment *p = &l.payments[i];
		if (p->reversed)
			continue;
		left -= p->principal;
		html(&b, "<tr><td class=\"c\">");
		page_date(&b, p->paid_on, "");
		if (p->before_books)
			html(&b, " (trước khi mở sổ)");
		html(&b, "</td><td class=\"num\">");
		fundweb_money(&b, p->principal);
		html(&b, "</td><td class=\"num\">");
		fundweb_money(&b, p->interest);
		html(&b, "</td><td class=\"num\">");
		fundweb_money(&b, left);
		html(&b, "</td><td class=\"sign\"></td><td class=\"sign\"></td></tr>");
	}
	if (l.written_off) {
		html(&b, "<tr><td class=\"c\">");
		page_date(&b, l.write_off_on, "");
		html(&b, "</td><td colspan=\"2\">Xoá nợ: ");
		html_txt(&b, l.write_off_reason);
		html(&b, "</td><td class=\"num\">");
		fundweb_money(&b, 0);
		html(&b, "</td><td class=\"sign\"></td><td class=\"sign\"></td></tr>");
	}
	for (int i = 0; i < CARD_BLANK_ROWS; i++)
		html(&b, "<tr class=\"blank\"><td></td><td></td><td></td><td></td><td></td><td></td></tr>");
	html(&b, "</tbody></table><div class=\"book-foot\"><p class=\"dateline\">");
	char *dateline = NULL;
	if (vi_format_dateline(fundweb_place(r, &c), l.disbursed_on, &dateline) == VI_OK)
		html_txt(&b, dateline);
	free(dateline);
	html(&b, "</p>");
	const char *titles[] = {"NGƯỜI VAY", "THỦ QUỸ", "CHỦ NHIỆM CLB"};
	const char *names[] = {l.member_name, l.handled_by[0] ? l.handled_by : board.treasurer, board.chair};
	fundweb_signs(&b, 3, titles, names);
	html(&b, "</div></article>");
	loan_free(&l);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

HandlerResult web_loan_agreement(Req *r)
{
	Club c;
	HandlerResult h;
	if (fundweb_club(r, &c, &h))
		return h;
	Loan l;
	if (load_loan(r, &c, &l, &h))
		return h;
	Member m;
	int have = member_get(r->db, &r->actor, l.member_id, &m) == 1;
	FundBoard board;
	fundweb_board(r, &c, &board);
	Instalment *plan = l.term > 0 ? calloc((size_t)l.term, sizeof *plan) : NULL;
	int planned = plan && loan_plan(l.principal, l.rate_bp, l.term, l.schedule, l.disbursed_on, plan) == 0;
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, arena_printf(&r->arena, "%s %s — %s", "Hợp đồng vay vốn", loan_no(r, &l), l.member_name));
	fundweb_print_tools(r, &b, arena_printf(&r->arena, "/clubs/%lld/loans/%lld", (long long)c.id, (long long)l.id),
			    tr(r, "Về khoản vay", "Back to the loan"));
	html(&b, "<article class=\"paper agreement\" lang=\"vi\">");
	fundweb_paper_head(r, &b, &c);
	html(&b, "<h2 class=\"book-title\">HỢP ĐỒNG VAY VỐN</h2><p class=\"book-sub\">(Từ quỹ tăng thu nhập của CLB) — Số: ");
	html_txt(&b, loan_no(r, &l));
	html(&b, "</p><p>");
	char *line = NULL;
	if (vi_format_dateline(NULL, l.disbursed_on, &line) == VI_OK)
		html_txt(&b, line);
	free(line);
	html(&b, ", tại ");
	html_txt(&b, c.meeting_place[0] ? c.meeting_place : c.name);
	html(&b, ", chúng tôi gồm:</p><p class=\"strong\">Bên cho vay (Bên A): ");
	html_txt(&b, c.name);
	html(&b, "</p><dl class=\"lines\"><dt>Đại diện:</dt><dd><span class=\"filled\">");
	html_txt(&b, board.chair);
	html(&b, "</span> — Chủ nhiệm CLB</dd></dl><p class=\"strong\">Bên vay (Bên B): thành viên CLB</p><dl class=\"lines\">");
	borrower_lines(r, &b, &l, &m, have);
	html(&b, "</dl><p>Hai bên thống nhất như sau:</p><p><span class=\"strong\">Điều 1.</span> Bên A cho Bên B vay ");
	fundweb_money(&b, l.principal);
	html(&b, " (bằng chữ: ");
	html_txt(&b, money_words(r, l.principal));
	html(&b, "). Mục đích vay: ");
	html_txt(&b, l.purpose);
	html(&b, ".</p><p><span class=\"strong\">Điều 2.</span> Thời hạn vay ");
	html_int(&b, l.term);
	html(&b, " tháng kể từ ngày ");
	page_date(&b, l.disbursed_on, "");
	html(&b, "; lãi suất ");
	html_txt(&b, fundweb_rate(r, l.rate_bp));
	html(&b, " %/tháng; ");
	html_txt(&b, loan_schedule_label(l.schedule, "vi"));
	html(&b, ". Lãi mỗi tháng tính bằng lãi suất tháng nhân với dư nợ gốc đầu tháng đó, trả cùng kỳ trả gốc.");
	if (planned) {
		html(&b, " Lịch trả nợ dự kiến:</p><table class=\"book-table\"><thead><tr><th scope=\"col\">Kỳ</th>"
			 "<th scope=\"col\">Ngày đến hạn</th><th scope=\"col\">Gốc</th><th scope=\"col\">Lãi</th><th scope=\"col\">Cộng</th>"
			 "</tr></thead><tbody>");
		for (int i = 0; i < l.term; i++) {
			html(&b, "<tr><td class=\"c\">");
			html_int(&b, plan[i].k);
			html(&b, "</td><td class=\"c\">");
			page_date(&b, plan[i].due_on, "");
			html(&b, "</td><td class=\"num\">");
			fundweb_money(&b, plan[i].principal);
			html(&b, "</td><td class=\"num\">");
			fundweb_money(&b, plan[i].interest);
			html(&b, "</td><td class=\"num\">");
			fundweb_money(&b, plan[i].principal + plan[i].interest);
			html(&b, "</td></tr>");
		}
		html(&b, "</tbody></table>");
	} else {
		html(&b, "</p>");
	}
	free(plan);
	html(&b, "<p><span class=\"strong\">Điều 3.</span> Bên B dùng vốn đúng mục đích, trả gốc và lãi đúng hạn cho thủ quỹ CLB "
		 "và nhận phiếu thu. Mỗi lần trả được trừ vào lãi đến hạn trước, rồi vào gốc; trả trước hạn được tính lãi "
		 "trên dư nợ còn lại.</p><p><span class=\"strong\">Điều 4.</span> Bên A giao đủ tiền vay, ghi phiếu chi, theo dõi "
		 "trên thẻ vay vốn. Khi Bên B gặp rủi ro không trả được nợ, Ban chủ nhiệm xem xét gia hạn hoặc xoá nợ theo "
		 "quy chế của CLB.</p><p><span class=\"strong\">Điều 5.</span> Hợp đồng lập thành 02 bản có giá trị như nhau, mỗi bên "
		 "giữ 01 bản.</p><div class=\"book-foot\">");
	const char *titles[] = {"BÊN VAY", "THỦ QUỸ", "ĐẠI DIỆN BÊN CHO VAY"};
	const char *names[] = {l.member_name, l.handled_by[0] ? l.handled_by : board.treasurer, board.chair};
	fundweb_signs(&b, 3, titles, names);
	html(&b, "</div></article>");
	loan_free(&l);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
