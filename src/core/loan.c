/* Revolving loans (see loan.h): the schedule, the state of a loan on a date, lending, repaying,
 * writing off, reversing, and a month's loan figures for the monthly report.
 *
 * Every change goes the same way: take a snapshot of what the live figures hold for the loan,
 * change the facts (the loan row, its payments), then loan_refresh recomputes the loan from its
 * facts, writes what changed and moves the live figures by the difference. */
#include "core/loan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/fund.h"
#include "core/fund_int.h"
#include "core/member.h"
#include "lib/date.h"
#include "lib/vi.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

const char *loan_status_label(const char *status, const char *lang)
{
	int en = lang && strcmp(lang, "en") == 0;
	if (!status)
		return "";
	if (strcmp(status, "active") == 0)
		return en ? "Outstanding" : "Đang vay";
	if (strcmp(status, "repaid") == 0)
		return en ? "Repaid" : "Đã trả hết";
	if (strcmp(status, "written_off") == 0)
		return en ? "Written off" : "Đã xoá nợ";
	if (strcmp(status, "cancelled") == 0)
		return en ? "Cancelled" : "Đã huỷ";
	return status;
}

const char *loan_schedule_label(const char *schedule, const char *lang)
{
	int en = lang && strcmp(lang, "en") == 0;
	if (schedule && strcmp(schedule, "end") == 0)
		return en ? "All principal at the end" : "Trả gốc một lần cuối kỳ";
	return en ? "Equal principal each month" : "Trả gốc đều hằng tháng";
}

static int64_t interest_of(int64_t outstanding, int64_t rate_bp)
{
	return (outstanding * rate_bp + 5000) / 10000;
}

/* ---- the schedule ---- */

int loan_plan(int64_t principal, int64_t rate_bp, int term, const char *schedule, const char *disbursed_on,
	      Instalment *out)
{
	if (principal <= 0 || rate_bp < 0 || rate_bp > LOAN_RATE_MAX || term < 1 || term > LOAN_TERM_MAX || !schedule ||
	    (strcmp(schedule, "equal") != 0 && strcmp(schedule, "end") != 0))
		return -1;
	int end = strcmp(schedule, "end") == 0;
	int64_t each = principal / term, left = principal;
	for (int k = 1; k <= term; k++) {
		Instalment *in = &out[k - 1];
		memset(in, 0, sizeof *in);
		in->k = k;
		date_add_months(disbursed_on, k, in->due_on);
		int64_t p = end ? (k == term ? principal : 0) : (k == term ? principal - each * (term - 1) : each);
		in->interest = interest_of(left, rate_bp);
		in->principal = p;
		in->principal_unpaid = p;
		left -= p;
	}
	return 0;
}

/* ---- checking input ---- */

int loan_check(const LoanInput *in, int64_t *principal, int64_t *rate_bp, int *term, char disbursed_on[11], Err *e)
{
	if (!in->member || !*in->member)
		return err_set(e, E_REQUIRED, "member"), -1;
	char *end = NULL;
	int64_t member = strtoll(in->member, &end, 10);
	if (!end || *end || member <= 0)
		return err_set(e, E_NOT_MEMBER, "member"), -1;
	if (fund_amount_in(in->principal, "principal", principal, e))
		return -1;
	if (!in->purpose || !*in->purpose)
		return err_set(e, E_REQUIRED, "purpose"), -1;
	if (strlen(in->purpose) >= LOAN_TEXT_MAX)
		return err_set(e, E_TOO_LONG, "purpose"), -1;
	*rate_bp = 0;
	if (in->rate && *in->rate) {
		char buf[32];
		size_t k = 0;
		for (const char *s = in->rate; *s && k + 1 < sizeof buf; s++)
			if (*s != '%' && *s != ' ')
				buf[k++] = *s;
		buf[k] = '\0';
		if (vi_parse_decimal(buf, 2, rate_bp) != VI_OK || *rate_bp < 0 || *rate_bp > LOAN_RATE_MAX)
			return err_setf(e, E_INVALID, "rate", "%s", "0 – 5 %/tháng, ví dụ 0,5"), -1;
	}
	if (!in->term || !*in->term)
		return err_set(e, E_REQUIRED, "term"), -1;
	int64_t t = 0;
	if (vi_parse_int(in->term, &t) != VI_OK || t < 1 || t > LOAN_TERM_MAX)
		return err_setf(e, E_INVALID, "term", "1 – %d", LOAN_TERM_MAX), -1;
	*term = (int)t;
	if (!in->schedule || (strcmp(in->schedule, "equal") != 0 && strcmp(in->schedule, "end") != 0))
		return err_set(e, in->schedule && *in->schedule ? E_INVALID : E_REQUIRED, "schedule"), -1;
	if (!in->disbursed_on || !*in->disbursed_on)
		return err_set(e, E_REQUIRED, "disbursed_on"), -1;
	if (vi_parse_date(in->disbursed_on, disbursed_on) != VI_OK)
		return err_set(e, E_DATE, "disbursed_on"), -1;
	if (in->note && strlen(in->note) >= LOAN_TEXT_MAX)
		return err_set(e, E_TOO_LONG, "note"), -1;
	return 0;
}

/* ---- loading and computing ---- */

#define LOAN_COLS                                                                                      \
	"l.id, l.club_id, l.no, l.member_id, l.principal, l.purpose, l.rate_bp, l.term, l.schedule, "  \
	"l.disbursed_on, l.opening, l.status, l.principal_paid, l.interest_paid, l.outstanding, "        \
	"l.written_off, l.write_off_reason, COALESCE(l.closed_on, ''), COALESCE(l.write_off_confirmed_by, 0), " \
	"l.handled_by, l.note, l.created_by, l.created_at, COALESCE(l.next_due, ''), "                   \
	"TRIM(m.family_name || ' ' || m.middle_name || ' ' || m.given_name), "                           \
	"COALESCE((SELECT TRIM(b.family_name || ' ' || b.middle_name || ' ' || b.given_name) FROM members b " \
	"WHERE b.id = l.write_off_confirmed_by), ''), "                                                  \
	"COALESCE((SELECT e.id FROM fund_entries e WHERE e.loan_id = l.id AND e.kind = 'disbursement'), 0)"

/* "Family  Given" (no middle name) with one space. */
static void squeeze(char *dst, size_t n, const char *src)
{
	size_t k = 0;
	for (; src && *src && k + 1 < n; src++)
		if (!(*src == ' ' && (k == 0 || dst[k - 1] == ' ')))
			dst[k++] = *src;
	while (k && dst[k - 1] == ' ')
		k--;
	dst[k] = '\0';
}

static void loan_fill(Stmt *st, Loan *l)
{
	l->id = db_col_int(st, 0);
	l->club_id = db_col_int(st, 1);
	l->no = db_col_int(st, 2);
	l->member_id = db_col_int(st, 3);
	l->principal = db_col_int(st, 4);
	copy(l->purpose, sizeof l->purpose, db_col_text(st, 5));
	l->rate_bp = db_col_int(st, 6);
	l->term = (int)db_col_int(st, 7);
	copy(l->schedule, sizeof l->schedule, db_col_text(st, 8));
	copy(l->disbursed_on, sizeof l->disbursed_on, db_col_text(st, 9));
	l->opening = (int)db_col_int(st, 10);
	copy(l->status, sizeof l->status, db_col_text(st, 11));
	l->principal_paid = db_col_int(st, 12);
	l->interest_paid = db_col_int(st, 13);
	l->outstanding = db_col_int(st, 14);
	l->written_off = db_col_int(st, 15);
	copy(l->write_off_reason, sizeof l->write_off_reason, db_col_text(st, 16));
	if (strcmp(l->status, "written_off") == 0)
		copy(l->write_off_on, sizeof l->write_off_on, db_col_text(st, 17));
	l->write_off_confirmed_by = db_col_int(st, 18);
	copy(l->handled_by, sizeof l->handled_by, db_col_text(st, 19));
	copy(l->note, sizeof l->note, db_col_text(st, 20));
	copy(l->created_by, sizeof l->created_by, db_col_text(st, 21));
	copy(l->created_at, sizeof l->created_at, db_col_text(st, 22));
	copy(l->next_due_on, sizeof l->next_due_on, db_col_text(st, 23));
	squeeze(l->member_name, sizeof l->member_name, db_col_text(st, 24));
	squeeze(l->write_off_confirmer, sizeof l->write_off_confirmer, db_col_text(st, 25));
	l->disbursement_entry = db_col_int(st, 26);
}

void loan_free(Loan *l)
{
	free(l->schedule_rows);
	free(l->payments);
	l->schedule_rows = NULL;
	l->payments = NULL;
	l->nschedule = l->npayments = 0;
}

/* Reads the loan's row, instalments and payments (all, reversed ones too). 1, 0 absent, <0. */
static int loan_load(Db *db, int64_t loan_id, Loan *l)
{
	memset(l, 0, sizeof *l);
	Stmt *st = db_stmt(db, "loan_row", "SELECT " LOAN_COLS " FROM loans l JOIN members m ON m.id = l.member_id WHERE l.id = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, loan_id);
	DbStatus s = db_step(st);
	if (s == DB_DONE)
		return 0;
	if (s != DB_ROW)
		return -(int)s;
	loan_fill(st, l);
	db_reset(st);
	l->schedule_rows = calloc((size_t)l->term, sizeof *l->schedule_rows);
	if (!l->schedule_rows)
		return -DB_ERROR;
	st = db_stmt(db, "loan_instalment_rows", "SELECT k, due_on, principal, unpaid FROM loan_instalments WHERE loan_id = $1 ORDER BY k");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, loan_id);
	while ((s = db_step(st)) == DB_ROW && l->nschedule < (size_t)l->term) {
		Instalment *in = &l->schedule_rows[l->nschedule++];
		in->k = (int)db_col_int(st, 0);
		copy(in->due_on, sizeof in->due_on, db_col_text(st, 1));
		in->principal = db_col_int(st, 2);
		in->principal_unpaid = db_col_int(st, 3);
	}
	if (s == DB_ROW)
		db_reset(st);
	else if (s != DB_DONE)
		return -(int)s;
	st = db_stmt(db, "loan_payment_rows",
		     "SELECT id, paid_on, principal, interest, COALESCE(principal_entry, 0), COALESCE(interest_entry, 0), "
		     "reversed, before_books, recorded_by FROM loan_payments WHERE loan_id = $1 ORDER BY paid_on, id");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, loan_id);
	size_t cap = 0;
	while ((s = db_step(st)) == DB_ROW) {
		if (l->npayments == cap) {
			cap = cap ? cap * 2 : 16;
			LoanPayment *n = realloc(l->payments, cap * sizeof *n);
			if (!n) {
				db_reset(st);
				return -DB_ERROR;
			}
			l->payments = n;
		}
		LoanPayment *p = &l->payments[l->npayments++];
		memset(p, 0, sizeof *p);
		p->id = db_col_int(st, 0);
		copy(p->paid_on, sizeof p->paid_on, db_col_text(st, 1));
		p->principal = db_col_int(st, 2);
		p->interest = db_col_int(st, 3);
		p->principal_entry = db_col_int(st, 4);
		p->interest_entry = db_col_int(st, 5);
		p->reversed = (int)db_col_int(st, 6);
		p->before_books = (int)db_col_int(st, 7);
		copy(p->recorded_by, sizeof p->recorded_by, db_col_text(st, 8));
	}
	return s == DB_DONE ? 1 : -(int)s;
}

/* The opening day of the club's income book (interest of opening loans counts from it). */
static int opened_on(Db *db, int64_t club_id, char out[11])
{
	Fund f;
	int rc = fund_row(db, club_id, "income", &f);
	copy(out, 11, rc == 1 ? f.opened_on : "");
	return rc < 0 ? rc : 0;
}

/* Computes the loan's state as of asof from its payments dated on or before it (reversed ones
 * left out): each instalment's interest and unpaid principal, interest due, arrears, the next
 * instalment. interest_from: instalments due on or before it carry no interest (an opening loan's
 * months before the books). Sets principal_paid, interest_paid, outstanding as of asof. */
static void loan_compute(Loan *l, const char *asof, const char *interest_from)
{
	copy(l->asof, sizeof l->asof, asof);
	int64_t paid_p = 0, paid_i = 0;
	for (size_t i = 0; i < l->npayments; i++) {
		const LoanPayment *p = &l->payments[i];
		if (!p->reversed && strcmp(p->paid_on, asof) <= 0) {
			paid_p += p->principal;
			paid_i += p->interest;
		}
	}
	int written = l->written_off && l->write_off_on[0] && strcmp(l->write_off_on, asof) <= 0;
	/* Principal paid goes to the oldest instalments first. */
	int64_t left = paid_p;
	for (size_t k = 0; k < l->nschedule; k++) {
		Instalment *in = &l->schedule_rows[k];
		int64_t take = left < in->principal ? left : in->principal;
		in->principal_unpaid = in->principal - take;
		left -= take;
	}
	/* Interest of month k: the rate on the principal outstanding at its start (the disbursement,
	 * then the previous due date), counting payments made on that day; for a month that starts
	 * after asof, on what will be left once the instalments before it are paid on their days. */
	int64_t cum_interest = 0, interest_due = 0;
	for (size_t k = 0; k < l->nschedule; k++) {
		Instalment *in = &l->schedule_rows[k];
		const char *start = k == 0 ? l->disbursed_on : l->schedule_rows[k - 1].due_on;
		int64_t out_start = l->principal;
		if (strcmp(start, asof) > 0) {
			out_start = 0;
			for (size_t j = k; j < l->nschedule; j++)
				out_start += l->schedule_rows[j].principal_unpaid;
		} else {
			for (size_t i = 0; i < l->npayments; i++) {
				const LoanPayment *p = &l->payments[i];
				if (!p->reversed && strcmp(p->paid_on, start) <= 0 && strcmp(p->paid_on, asof) <= 0)
					out_start -= p->principal;
			}
		}
		if (l->written_off && l->write_off_on[0] && strcmp(l->write_off_on, start) <= 0)
			out_start = 0;
		if (strcmp(l->status, "cancelled") == 0 || (interest_from && *interest_from && strcmp(in->due_on, interest_from) <= 0))
			out_start = 0;
		in->interest = interest_of(out_start < 0 ? 0 : out_start, l->rate_bp);
		cum_interest += in->interest;
		if (strcmp(in->due_on, asof) <= 0)
			interest_due = cum_interest;
	}
	l->principal_paid = paid_p;
	l->interest_paid = paid_i;
	l->outstanding = written || strcmp(l->status, "cancelled") == 0 ? 0 : l->principal - paid_p;
	if (l->outstanding < 0)
		l->outstanding = 0;
	l->interest_due = interest_due > paid_i ? interest_due - paid_i : 0;
	if (written)
		l->interest_due = 0;
	l->principal_due = 0;
	l->arrears_days = 0;
	l->next_due_on[0] = '\0';
	l->next_due_amount = 0;
	int64_t cum = 0;
	for (size_t k = 0; k < l->nschedule && l->outstanding > 0; k++) {
		Instalment *in = &l->schedule_rows[k];
		cum += in->interest;
		int open = in->principal_unpaid > 0 || cum > paid_i;
		if (strcmp(in->due_on, asof) < 0)
			l->principal_due += in->principal_unpaid;
		if (open && !l->next_due_on[0]) {
			copy(l->next_due_on, sizeof l->next_due_on, in->due_on);
			int64_t owed_interest = cum - paid_i < in->interest ? cum - paid_i : in->interest;
			l->next_due_amount = in->principal_unpaid + (owed_interest > 0 ? owed_interest : 0);
			if (strcmp(in->due_on, asof) < 0)
				l->arrears_days = date_days_between(in->due_on, asof);
		}
	}
	l->payoff = l->outstanding + l->interest_due;
}

/* ---- keeping the live figures ---- */

typedef struct Snap {
	int counted;                    /* its instalments count (not cancelled, exists) */
	int active;
	char next_due[11];
	int64_t outstanding;
	int64_t member_id;
	int64_t *unpaid;                /* per instalment */
	int64_t *scheduled;
	char (*due)[11];
	size_t n;
} Snap;

static void snap_free(Snap *s)
{
	free(s->unpaid);
	free(s->scheduled);
	free(s->due);
	memset(s, 0, sizeof *s);
}

static int snap_take(const Loan *l, Snap *s)
{
	memset(s, 0, sizeof *s);
	s->counted = strcmp(l->status, "cancelled") != 0;
	s->active = strcmp(l->status, "active") == 0;
	copy(s->next_due, sizeof s->next_due, l->next_due_on);
	s->outstanding = l->outstanding;
	s->member_id = l->member_id;
	s->n = l->nschedule;
	s->unpaid = calloc(s->n ? s->n : 1, sizeof *s->unpaid);
	s->scheduled = calloc(s->n ? s->n : 1, sizeof *s->scheduled);
	s->due = calloc(s->n ? s->n : 1, sizeof *s->due);
	if (!s->unpaid || !s->scheduled || !s->due)
		return -DB_ERROR;
	for (size_t k = 0; k < s->n; k++) {
		s->unpaid[k] = l->schedule_rows[k].principal_unpaid;
		s->scheduled[k] = l->schedule_rows[k].principal;
		copy(s->due[k], 11, l->schedule_rows[k].due_on);
	}
	return 0;
}

static int active_loans_of(Db *db, int64_t member_id, int64_t *n)
{
	Stmt *st = db_stmt(db, "loan_member_active", "SELECT COUNT(*) FROM loans WHERE member_id = $1 AND status = 'active'");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, member_id);
	if (db_step(st) != DB_ROW)
		return -DB_ERROR;
	*n = db_col_int(st, 0);
	db_reset(st);
	return 0;
}

/* Recomputes the loan from its facts (rows and payments), writes its derived columns and
 * instalments, and moves the live figures from old (what they held for it) to the new state.
 * member_active_before: the member's active loans before the change (borrowers count). */
static int loan_refresh(Db *db, int64_t loan_id, const Snap *old, int64_t member_active_before)
{
	Loan l;
	int rc = loan_load(db, loan_id, &l);
	if (rc <= 0) {
		loan_free(&l);
		return rc < 0 ? rc : -DB_ERROR;
	}
	char from[11] = "", today[11];
	fund_today(today);
	if (l.opening && (rc = opened_on(db, l.club_id, from)) != 0) {
		loan_free(&l);
		return rc;
	}
	/* The facts hold every payment; "now" is after all of them. */
	loan_compute(&l, "9999-12-31", from);
	const char *status = l.status;
	char closed[11] = "";
	if (strcmp(l.status, "active") == 0 || strcmp(l.status, "repaid") == 0) {
		status = l.outstanding > 0 ? "active" : "repaid";
		for (size_t i = 0; i < l.npayments; i++)
			if (!l.payments[i].reversed)
				copy(closed, sizeof closed, l.payments[i].paid_on);
	}
	char last_paid[11] = "";
	for (size_t i = 0; i < l.npayments; i++)
		if (!l.payments[i].reversed && !l.payments[i].before_books)
			copy(last_paid, sizeof last_paid, l.payments[i].paid_on);
	int active = strcmp(status, "active") == 0;
	Stmt *st = db_stmt(db, "loan_derived",
			   "UPDATE loans SET status = $2, principal_paid = $3, interest_paid = $4, outstanding = $5, "
			   "next_due = $6, last_paid_on = $7, closed_on = CASE WHEN $2 = 'repaid' THEN $8 "
			   "WHEN $2 = 'active' THEN NULL ELSE closed_on END WHERE id = $1");
	DbStatus s = DB_ERROR;
	if (st) {
		db_bind_int(st, 1, loan_id);
		db_bind_text(st, 2, status);
		db_bind_int(st, 3, l.principal_paid);
		db_bind_int(st, 4, l.interest_paid);
		db_bind_int(st, 5, l.outstanding);
		db_bind_text(st, 6, active && l.next_due_on[0] ? l.next_due_on : NULL);
		db_bind_text(st, 7, last_paid[0] ? last_paid : NULL);
		db_bind_text(st, 8, closed[0] ? closed : today);
		s = db_exec_stmt(st);
	}
	Places p;
	if (s == DB_OK)
		s = fund_places(db, l.club_id, &p);
	int counted = strcmp(status, "cancelled") != 0;
	for (size_t k = 0; s == DB_OK && k < l.nschedule; k++) {
		const Instalment *in = &l.schedule_rows[k];
		int64_t was_unpaid = k < old->n ? old->unpaid[k] : -1;
		if (was_unpaid != in->principal_unpaid) {
			st = db_stmt(db, "loan_instalment_unpaid", "UPDATE loan_instalments SET unpaid = $3 WHERE loan_id = $1 AND k = $2");
			if (!st) {
				s = DB_ERROR;
				break;
			}
			db_bind_int(st, 1, loan_id);
			db_bind_int(st, 2, in->k);
			db_bind_int(st, 3, in->principal_unpaid);
			s = db_exec_stmt(st);
		}
		int64_t ds = (counted ? in->principal : 0) - (old->counted && k < old->n ? old->scheduled[k] : 0);
		int64_t du = (counted ? in->principal_unpaid : 0) - (old->counted && k < old->n ? old->unpaid[k] : 0);
		if (s == DB_OK)
			s = fund_instalment_totals_add(db, &p, in->due_on, ds, du);
	}
	/* The income fund holds its loans: the principal outstanding moves with them. */
	int64_t moved = (active ? l.outstanding : 0) - (old->active ? old->outstanding : 0);
	if (s == DB_OK && moved) {
		st = db_stmt(db, "fund_loans_out", "UPDATE funds SET loans_out = loans_out + $2 WHERE club_id = $1 AND kind = 'income'");
		s = st ? (db_bind_int(st, 1, l.club_id), db_bind_int(st, 2, moved), db_exec_stmt(st)) : DB_ERROR;
	}
	if (s == DB_OK && old->active)
		s = fund_loan_totals_add(db, &p, old->next_due, -old->outstanding, -1);
	if (s == DB_OK && active)
		s = fund_loan_totals_add(db, &p, l.next_due_on, l.outstanding, 1);
	int64_t after = 0;
	if (s == DB_OK && active_loans_of(db, l.member_id, &after) != 0)
		s = DB_ERROR;
	if (s == DB_OK && (member_active_before > 0) != (after > 0)) {
		FundDelta d = {.borrowers = after > 0 ? 1 : -1};
		s = fund_totals_add(db, &p, &d);
	}
	loan_free(&l);
	return s == DB_OK ? 0 : -(int)s;
}

/* ---- lending ---- */

typedef struct CreateTx {
	const Actor *by;
	int64_t club_id;
	const LoanInput *in;
	int64_t id;
	Err *e;
} CreateTx;

static json_t *loan_json(const Loan *l)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:s, s:I, s:i, s:s, s:s, s:b, s:s, s:I}", "id", (json_int_t)l->id, "no",
			 (json_int_t)l->no, "member_id", (json_int_t)l->member_id, "principal", (json_int_t)l->principal,
			 "purpose", l->purpose, "rate_bp", (json_int_t)l->rate_bp, "term", l->term, "schedule", l->schedule,
			 "disbursed_on", l->disbursed_on, "opening", l->opening, "status", l->status, "outstanding",
			 (json_int_t)l->outstanding);
}

static int loan_audit(Db *db, const Actor *by, const char *action, int64_t loan_id, json_t *before)
{
	Loan l;
	int rc = loan_load(db, loan_id, &l);
	if (rc <= 0) {
		loan_free(&l);
		return rc < 0 ? rc : -DB_ERROR;
	}
	if (fund_bulk_on()) {
		loan_free(&l);
		return 0;
	}
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)loan_id);
	json_t *after = loan_json(&l);
	DbStatus s = audit_write(db, by, action, "loan", id, before, after);
	json_decref(after);
	loan_free(&l);
	return s == DB_OK ? 0 : -(int)s;
}

static int create_tx(Db *db, void *arg)
{
	CreateTx *t = arg;
	const LoanInput *in = t->in;
	int rc = fund_access(db, t->by, t->club_id, 1, t->e);
	if (rc)
		return rc;
	int64_t principal = 0, rate = 0;
	int term = 0;
	char on[11];
	if (loan_check(in, &principal, &rate, &term, on, t->e))
		return 1;
	char today[11];
	fund_today(today);
	if (strcmp(on, today) > 0)
		return err_setf(t->e, E_DATE_ORDER, "disbursed_on", "%s",
				fund_is_en(t->by) ? "A date after today cannot be recorded." : "Không ghi sổ cho ngày sau hôm nay."),
		       1;
	Fund f;
	if ((rc = fund_row(db, t->club_id, "income", &f)) <= 0)
		return rc < 0 ? rc : (err_set(t->e, E_FUND_NOT_OPEN, NULL), 1);
	int64_t left = principal;
	if (in->opening) {
		if (strcmp(on, f.opened_on) > 0)
			return err_setf(t->e, E_DATE_ORDER, "disbursed_on",
					fund_is_en(t->by) ? "A loan outstanding at the opening was lent on or before the opening day."
							  : "Khoản vay còn dư nợ khi mở sổ phải được cho vay từ ngày mở sổ trở về trước."),
			       1;
		if (fund_amount_in(in->outstanding, "outstanding", &left, t->e))
			return 1;
		if (left > principal)
			return err_setf(t->e, E_INVALID, "outstanding",
					fund_is_en(t->by) ? "More than the principal lent." : "Lớn hơn số tiền đã cho vay."),
			       1;
		if ((rc = fund_month_locked(db, t->club_id, f.opened_on)) != 0)
			return rc > 0 ? (err_set(t->e, E_MONTH_LOCKED, "disbursed_on"), 1) : rc;
	} else {
		if (strcmp(on, f.opened_on) < 0)
			return err_set(t->e, E_DATE_ORDER, "disbursed_on"), 1;
		if ((rc = fund_month_locked(db, t->club_id, on)) != 0)
			return rc > 0 ? (err_set(t->e, E_MONTH_LOCKED, "disbursed_on"), 1) : rc;
		if (!in->handled_by || !*in->handled_by)
			return err_set(t->e, E_REQUIRED, "handled_by"), 1;
	}
	int64_t member_id = strtoll(in->member, NULL, 10);
	char name[160];
	if ((rc = fund_member_on(db, t->club_id, member_id, on, name, sizeof name)) <= 0)
		return rc < 0 ? rc : (err_set(t->e, E_NOT_MEMBER, "member"), 1);
	int64_t before = 0;
	if (active_loans_of(db, member_id, &before))
		return -DB_ERROR;
	Stmt *st = db_stmt(db, "loan_next_no", "SELECT COALESCE(MAX(no), 0) + 1 FROM loans WHERE club_id = $1");
	if (!st || (db_bind_int(st, 1, t->club_id), db_step(st)) != DB_ROW)
		return -DB_ERROR;
	int64_t no = db_col_int(st, 0);
	db_reset(st);
	char now[21];
	db_now_iso(now);
	st = db_stmt(db, "loan_insert",
		     "INSERT INTO loans (club_id, no, member_id, principal, purpose, rate_bp, term, schedule, disbursed_on, "
		     "opening, status, outstanding, handled_by, note, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, "
		     "$8, $9, $10, 'active', $4, $11, $12, $13, $14)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, t->club_id);
	db_bind_int(st, 2, no);
	db_bind_int(st, 3, member_id);
	db_bind_int(st, 4, principal);
	db_bind_text(st, 5, in->purpose);
	db_bind_int(st, 6, rate);
	db_bind_int(st, 7, term);
	db_bind_text(st, 8, in->schedule);
	db_bind_text(st, 9, on);
	db_bind_int(st, 10, in->opening ? 1 : 0);
	db_bind_text(st, 11, in->handled_by ? in->handled_by : "");
	db_bind_text(st, 12, in->note ? in->note : "");
	db_bind_text(st, 13, now);
	db_bind_text(st, 14, t->by->username[0] ? t->by->username : "system");
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	t->id = db_last_id(db);
	Instalment *plan = calloc((size_t)term, sizeof *plan);
	if (!plan || loan_plan(principal, rate, term, in->schedule, on, plan)) {
		free(plan);
		return -DB_ERROR;
	}
	for (int k = 0; k < term && s == DB_OK; k++) {
		st = db_stmt(db, "loan_instalment_insert",
			     "INSERT INTO loan_instalments (loan_id, k, due_on, principal, unpaid) VALUES ($1, $2, $3, $4, $4)");
		if (!st) {
			s = DB_ERROR;
			break;
		}
		db_bind_int(st, 1, t->id);
		db_bind_int(st, 2, plan[k].k);
		db_bind_text(st, 3, plan[k].due_on);
		db_bind_int(st, 4, plan[k].principal);
		s = db_exec_stmt(st);
	}
	free(plan);
	if (s != DB_OK)
		return -(int)s;
	if (in->opening) {
		if (principal - left > 0) {
			st = db_stmt(db, "loan_payment_before_books",
				     "INSERT INTO loan_payments (loan_id, paid_on, principal, interest, before_books, recorded_by) "
				     "VALUES ($1, $2, $3, 0, 1, $4)");
			if (!st)
				return -DB_ERROR;
			db_bind_int(st, 1, t->id);
			db_bind_text(st, 2, f.opened_on);
			db_bind_int(st, 3, principal - left);
			db_bind_text(st, 4, t->by->username[0] ? t->by->username : "system");
			if ((s = db_exec_stmt(st)) != DB_OK)
				return -(int)s;
		}
	} else {
		int64_t entry = 0;
		char purpose[FUND_TEXT_MAX];
		snprintf(purpose, sizeof purpose, "%s %lld: %.200s", fund_is_en(t->by) ? "Loan" : "Cho vay, khoản", (long long)no,
			 in->purpose);
		NewEntry ne = {.fund = &f, .on_date = on, .kind = "disbursement", .amount = -principal, .party = name,
			       .note = purpose, .handled_by = in->handled_by, .member_id = member_id, .loan_id = t->id};
		if ((rc = fund_append(db, t->by, &ne, "principal", &entry, t->e)) != 0)
			return rc;
	}
	Snap none = {0};
	if ((rc = loan_refresh(db, t->id, &none, before)) != 0)
		return rc;
	return loan_audit(db, t->by, "loan.create", t->id, NULL);
}

static int tx_result(int rc, Err *e)
{
	if (rc == 0)
		return 0;
	if (rc < 0)
		err_set(e, err_from_db(rc), NULL);
	return -1;
}

int64_t loan_create(Db *db, const Actor *by, int64_t club_id, const LoanInput *in, Err *e)
{
	CreateTx t = {by, club_id, in, 0, e};
	return tx_result(db_tx(db, create_tx, &t), e) ? -1 : t.id;
}

int loan_create_in_tx(Db *db, const Actor *by, int64_t club_id, const LoanInput *in, int64_t *id, Err *e)
{
	CreateTx t = {by, club_id, in, 0, e};
	int rc = create_tx(db, &t);
	*id = t.id;
	return rc;
}

/* ---- reading ---- */

/* The loan in the club: 1 loaded (free it), or 1 with e set and 0 returned... see callers. */
static int loan_of_club(Db *db, int64_t club_id, int64_t loan_id, Loan *l, Err *e)
{
	int rc = loan_load(db, loan_id, l);
	if (rc < 0)
		return rc;
	if (rc == 0 || l->club_id != club_id) {
		loan_free(l);
		return err_set(e, E_NOT_FOUND, NULL), 1;
	}
	return 0;
}

typedef struct GetTx {
	const Actor *by;
	int64_t club_id, loan_id;
	const char *asof;
	Loan *out;
	Err *e;
} GetTx;

static int get_read(Db *db, void *arg)
{
	GetTx *t = arg;
	int rc = fund_access(db, t->by, t->club_id, 0, t->e);
	if (rc)
		return rc;
	char asof[11];
	if (t->asof && *t->asof) {
		if (vi_parse_date(t->asof, asof) != VI_OK)
			return err_set(t->e, E_DATE, "asof"), 1;
	} else {
		fund_today(asof);
	}
	if ((rc = loan_of_club(db, t->club_id, t->loan_id, t->out, t->e)) != 0)
		return rc;
	char from[11] = "";
	if (t->out->opening && (rc = opened_on(db, t->club_id, from)) != 0)
		return rc;
	loan_compute(t->out, asof, from);
	return 0;
}

int loan_get_in_tx(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const char *asof, Loan *out, Err *e)
{
	memset(out, 0, sizeof *out);
	GetTx t = {by, club_id, loan_id, asof, out, e};
	int rc = get_read(db, &t);
	if (rc)
		loan_free(out);
	return rc;
}

int loan_get(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const char *asof, Loan *out, Err *e)
{
	memset(out, 0, sizeof *out);
	GetTx t = {by, club_id, loan_id, asof, out, e};
	int rc = db_read(db, get_read, &t);
	if (rc)
		loan_free(out);
	return tx_result(rc, e);
}

/* ---- repaying ---- */

typedef struct RepayTx {
	const Actor *by;
	int64_t club_id, loan_id;
	const RepayInput *in;
	int64_t id, principal, interest;
	Err *e;
} RepayTx;

/* The loan's date rules for a payment or a write-off: not before the disbursement (nor an
 * opening loan's book opening), nor before its last payment, nor after today, nor in a locked
 * month. */
static int loan_date(Db *db, const Actor *by, const Loan *l, const char *text, const char *from, char date[11], Err *e)
{
	if (fund_date_in(by, text, "date", date, e))
		return 1;
	const char *floor = l->disbursed_on;
	for (size_t i = 0; i < l->npayments; i++)
		if (!l->payments[i].reversed && strcmp(l->payments[i].paid_on, floor) > 0)
			floor = l->payments[i].paid_on;
	if (from && *from && strcmp(from, floor) > 0)
		floor = from;
	if (strcmp(date, floor) < 0) {
		char d[VI_DATE_BUFSZ];
		vi_format_date(floor, d);
		return err_setf(e, E_DATE_ORDER, "date",
				fund_is_en(by) ? "The date cannot be before %s (the disbursement, the opening of the books or the last payment)."
					       : "Ngày không được trước %s (ngày giải ngân, ngày mở sổ hoặc lần trả gần nhất).",
				d),
		       1;
	}
	int rc = fund_month_locked(db, l->club_id, date);
	if (rc)
		return rc > 0 ? (err_set(e, E_MONTH_LOCKED, "date"), 1) : rc;
	return 0;
}

static int repay_tx(Db *db, void *arg)
{
	RepayTx *t = arg;
	const RepayInput *in = t->in;
	int rc = fund_access(db, t->by, t->club_id, 1, t->e);
	if (rc)
		return rc;
	Loan l;
	if ((rc = loan_of_club(db, t->club_id, t->loan_id, &l, t->e)) != 0)
		return rc;
	char from[11] = "", date[11];
	if (l.opening && (rc = opened_on(db, t->club_id, from)) != 0)
		goto out;
	if (strcmp(l.status, "active") != 0) {
		rc = 1;
		err_set(t->e, E_LOAN_STATE, NULL);
		goto out;
	}
	if ((rc = loan_date(db, t->by, &l, in->date, from, date, t->e)) != 0)
		goto out;
	int64_t amount = 0;
	if (fund_amount_in(in->amount, "amount", &amount, t->e)) {
		rc = 1;
		goto out;
	}
	if (!in->handled_by || !*in->handled_by) {
		rc = 1;
		err_set(t->e, E_REQUIRED, "handled_by");
		goto out;
	}
	if (in->note && strlen(in->note) >= LOAN_TEXT_MAX) {
		rc = 1;
		err_set(t->e, E_TOO_LONG, "note");
		goto out;
	}
	Snap old;
	if ((rc = snap_take(&l, &old)) != 0)
		goto out;
	loan_compute(&l, date, from);
	int64_t owed = l.interest_due + l.outstanding;
	if (amount > owed) {
		char a[VI_NUM_BUFSZ], b[VI_NUM_BUFSZ], c[VI_NUM_BUFSZ];
		vi_format_money(owed, a);
		vi_format_money(l.interest_due, b);
		vi_format_money(l.outstanding, c);
		err_setf(t->e, E_OVERPAY, "amount",
			 fund_is_en(t->by) ? "On that day %s settles the loan (interest %s, principal %s)."
					   : "Ngày đó chỉ cần %s là tất toán (lãi %s, gốc %s).",
			 a, b, c);
		snap_free(&old);
		rc = 1;
		goto out;
	}
	t->interest = amount < l.interest_due ? amount : l.interest_due;
	t->principal = amount - t->interest;
	Fund f;
	if ((rc = fund_row(db, t->club_id, "income", &f)) != 1) {
		snap_free(&old);
		rc = rc < 0 ? rc : -DB_ERROR;
		goto out;
	}
	int64_t ie = 0, pe = 0;
	char note[FUND_TEXT_MAX];
	snprintf(note, sizeof note, "%s %lld%s%.200s", fund_is_en(t->by) ? "Loan" : "Khoản vay số", (long long)l.no,
		 in->note && *in->note ? ": " : "", in->note ? in->note : "");
	if (t->interest > 0) {
		NewEntry ne = {.fund = &f, .on_date = date, .kind = "interest", .amount = t->interest, .party = l.member_name,
			       .note = note, .handled_by = in->handled_by, .member_id = l.member_id, .loan_id = l.id};
		if ((rc = fund_append(db, t->by, &ne, "amount", &ie, t->e)) != 0) {
			snap_free(&old);
			goto out;
		}
	}
	if (t->principal > 0) {
		NewEntry ne = {.fund = &f, .on_date = date, .kind = "repayment", .amount = t->principal, .party = l.member_name,
			       .note = note, .handled_by = in->handled_by, .member_id = l.member_id, .loan_id = l.id};
		if ((rc = fund_append(db, t->by, &ne, "amount", &pe, t->e)) != 0) {
			snap_free(&old);
			goto out;
		}
	}
	Stmt *st = db_stmt(db, "loan_payment_insert",
			   "INSERT INTO loan_payments (loan_id, paid_on, principal, interest, principal_entry, interest_entry, "
			   "recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)");
	DbStatus s = DB_ERROR;
	if (st) {
		db_bind_int(st, 1, l.id);
		db_bind_text(st, 2, date);
		db_bind_int(st, 3, t->principal);
		db_bind_int(st, 4, t->interest);
		if (pe)
			db_bind_int(st, 5, pe);
		else
			db_bind_null(st, 5);
		if (ie)
			db_bind_int(st, 6, ie);
		else
			db_bind_null(st, 6);
		db_bind_text(st, 7, t->by->username[0] ? t->by->username : "system");
		s = db_exec_stmt(st);
	}
	if (s != DB_OK) {
		snap_free(&old);
		rc = -(int)s;
		goto out;
	}
	t->id = db_last_id(db);
	int64_t before = 0;
	rc = active_loans_of(db, l.member_id, &before);
	if (!rc)
		rc = loan_refresh(db, l.id, &old, before);
	snap_free(&old);
	if (!rc) {
		json_t *b = loan_json(&l);
		rc = loan_audit(db, t->by, "loan.repay", l.id, b);
		json_decref(b);
	}
out:
	loan_free(&l);
	return rc;
}

int64_t loan_repay(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const RepayInput *in,
		   int64_t *principal, int64_t *interest, Err *e)
{
	RepayTx t = {by, club_id, loan_id, in, 0, 0, 0, e};
	if (tx_result(db_tx(db, repay_tx, &t), e))
		return -1;
	if (principal)
		*principal = t.principal;
	if (interest)
		*interest = t.interest;
	return t.id;
}

int loan_repay_in_tx(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const RepayInput *in, int64_t *id,
		     Err *e)
{
	RepayTx t = {by, club_id, loan_id, in, 0, 0, 0, e};
	int rc = repay_tx(db, &t);
	*id = t.id;
	return rc;
}

/* ---- writing off ---- */

typedef struct WriteOffTx {
	const Actor *by;
	int64_t club_id, loan_id;
	const char *date, *reason, *confirmed_by;
	Err *e;
} WriteOffTx;

static int board_on(Db *db, int64_t club_id, int64_t member_id, const char *date)
{
	Stmt *st = db_stmt(db, "loan_board_on",
			   "SELECT 1 FROM board_roles WHERE club_id = $1 AND member_id = $2 AND from_date <= $3 "
			   "AND (to_date IS NULL OR to_date >= $3)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, club_id);
	db_bind_int(st, 2, member_id);
	db_bind_text(st, 3, date);
	DbStatus s = db_step(st);
	if (s == DB_ROW) {
		db_reset(st);
		return 1;
	}
	return s == DB_DONE ? 0 : -(int)s;
}

static int write_off_tx(Db *db, void *arg)
{
	WriteOffTx *t = arg;
	int rc = fund_access(db, t->by, t->club_id, 1, t->e);
	if (rc)
		return rc;
	Loan l;
	if ((rc = loan_of_club(db, t->club_id, t->loan_id, &l, t->e)) != 0)
		return rc;
	char from[11] = "", date[11];
	Snap old = {0};
	if (l.opening && (rc = opened_on(db, t->club_id, from)) != 0)
		goto out;
	if (strcmp(l.status, "active") != 0) {
		rc = 1;
		err_set(t->e, E_LOAN_STATE, NULL);
		goto out;
	}
	if ((rc = loan_date(db, t->by, &l, t->date, from, date, t->e)) != 0)
		goto out;
	if (!t->reason || strspn(t->reason, " \t\r\n") == strlen(t->reason)) {
		rc = 1;
		err_set(t->e, E_REQUIRED, "reason");
		goto out;
	}
	if (strlen(t->reason) >= LOAN_TEXT_MAX) {
		rc = 1;
		err_set(t->e, E_TOO_LONG, "reason");
		goto out;
	}
	char *end = NULL;
	int64_t confirmer = t->confirmed_by ? strtoll(t->confirmed_by, &end, 10) : 0;
	if (confirmer <= 0 || !end || *end || confirmer == l.member_id) {
		rc = 1;
		err_set(t->e, E_CONFIRMER, "confirmed_by");
		goto out;
	}
	if ((rc = board_on(db, t->club_id, confirmer, date)) <= 0) {
		rc = rc < 0 ? rc : (err_set(t->e, E_CONFIRMER, "confirmed_by"), 1);
		goto out;
	}
	if ((rc = snap_take(&l, &old)) != 0)
		goto out;
	loan_compute(&l, "9999-12-31", from);
	Stmt *st = db_stmt(db, "loan_write_off",
			   "UPDATE loans SET status = 'written_off', written_off = $2, write_off_reason = $3, "
			   "write_off_confirmed_by = $4, closed_on = $5 WHERE id = $1");
	DbStatus s = DB_ERROR;
	if (st) {
		db_bind_int(st, 1, l.id);
		db_bind_int(st, 2, l.outstanding);
		db_bind_text(st, 3, t->reason);
		db_bind_int(st, 4, confirmer);
		db_bind_text(st, 5, date);
		s = db_exec_stmt(st);
	}
	if (s != DB_OK) {
		rc = -(int)s;
		goto out;
	}
	int64_t before = 0;
	rc = active_loans_of(db, l.member_id, &before);
	/* The member's active loans counted before this one left them. */
	if (!rc)
		rc = loan_refresh(db, l.id, &old, before + 1);
	if (!rc) {
		json_t *b = loan_json(&l);
		rc = loan_audit(db, t->by, "loan.write_off", l.id, b);
		json_decref(b);
	}
out:
	snap_free(&old);
	loan_free(&l);
	return rc;
}

int loan_write_off(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const char *date, const char *reason,
		   const char *confirmed_by, Err *e)
{
	WriteOffTx t = {by, club_id, loan_id, date, reason, confirmed_by, e};
	return tx_result(db_tx(db, write_off_tx, &t), e);
}

int loan_write_off_in_tx(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const char *date,
			 const char *reason, const char *confirmed_by, Err *e)
{
	WriteOffTx t = {by, club_id, loan_id, date, reason, confirmed_by, e};
	return write_off_tx(db, &t);
}

/* ---- reversing a loan's entries (from fund_entry_reverse) ---- */

static int reverse_entry_id(Db *db, const Actor *by, int64_t entry_id, const char *date, const char *reason, int64_t *id,
			    Err *e)
{
	FundEntry x;
	int rc = fund_entry_row(db, entry_id, &x);
	if (rc <= 0)
		return rc < 0 ? rc : -DB_ERROR;
	Fund f;
	Stmt *st = db_stmt(db, "loan_fund_of_entry", "SELECT f.club_id, f.kind FROM funds f WHERE f.id = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, x.fund_id);
	if (db_step(st) != DB_ROW)
		return -DB_ERROR;
	int64_t club = db_col_int(st, 0);
	char kind[10];
	copy(kind, sizeof kind, db_col_text(st, 1));
	db_reset(st);
	if ((rc = fund_row(db, club, kind, &f)) != 1)
		return rc < 0 ? rc : -DB_ERROR;
	char note[FUND_TEXT_MAX];
	snprintf(note, sizeof note, "%s %s: %.200s", fund_is_en(by) ? "Reverses" : "Đảo phiếu", x.voucher, reason);
	NewEntry ne = {.fund = &f, .on_date = date, .kind = "reversal", .amount = -x.amount, .party = x.party, .note = note,
		       .handled_by = x.handled_by, .member_id = x.member_id, .loan_id = x.loan_id, .reverses = x.id};
	return fund_append(db, by, &ne, "entry", id, e);
}

int loan_reverse_entry(Db *db, const Actor *by, const FundEntry *entry, const char *date, const char *reason,
		       int64_t *rev_id, Err *e)
{
	Loan l;
	int rc = loan_load(db, entry->loan_id, &l);
	if (rc <= 0) {
		loan_free(&l);
		return rc < 0 ? rc : -DB_ERROR;
	}
	Snap old = {0};
	int64_t before = 0;
	if ((rc = snap_take(&l, &old)) != 0 || (rc = active_loans_of(db, l.member_id, &before)) != 0)
		goto out;
	if (strcmp(entry->kind, "disbursement") == 0) {
		for (size_t i = 0; i < l.npayments; i++)
			if (!l.payments[i].reversed && !l.payments[i].before_books) {
				rc = 1;
				err_setf(e, E_REVERSED, NULL, "%s",
					 fund_is_en(by) ? "Reverse the loan's payments first, newest first."
							: "Hãy đảo các lần trả nợ của khoản vay trước (lần gần nhất trước).");
				goto out;
			}
		if (strcmp(l.status, "active") != 0) {
			rc = 1;
			err_set(e, E_LOAN_STATE, NULL);
			goto out;
		}
		if ((rc = reverse_entry_id(db, by, entry->id, date, reason, rev_id, e)) != 0)
			goto out;
		Stmt *st = db_stmt(db, "loan_cancel", "UPDATE loans SET status = 'cancelled', closed_on = $2 WHERE id = $1");
		DbStatus s = st ? (db_bind_int(st, 1, l.id), db_bind_text(st, 2, date), db_exec_stmt(st)) : DB_ERROR;
		if (s != DB_OK) {
			rc = -(int)s;
			goto out;
		}
		rc = loan_refresh(db, l.id, &old, before);
		if (!rc)
			rc = loan_audit(db, by, "loan.cancel", l.id, NULL);
		goto out;
	}
	/* A repayment or interest entry: only the loan's latest payment, both of its entries. */
	const LoanPayment *last = NULL;
	for (size_t i = 0; i < l.npayments; i++)
		if (!l.payments[i].reversed && !l.payments[i].before_books)
			last = &l.payments[i];
	if (!last || (last->principal_entry != entry->id && last->interest_entry != entry->id)) {
		rc = 1;
		err_setf(e, E_REVERSED, NULL, "%s",
			 fund_is_en(by) ? "Only the loan's latest payment can be reversed: reverse the later ones first."
					: "Chỉ đảo được lần trả nợ gần nhất của khoản vay: hãy đảo các lần sau trước.");
		goto out;
	}
	if (strcmp(l.status, "written_off") == 0 || strcmp(l.status, "cancelled") == 0) {
		rc = 1;
		err_set(e, E_LOAN_STATE, NULL);
		goto out;
	}
	int64_t a = 0, b = 0;
	if (last->principal_entry && (rc = reverse_entry_id(db, by, last->principal_entry, date, reason, &a, e)) != 0)
		goto out;
	if (last->interest_entry && (rc = reverse_entry_id(db, by, last->interest_entry, date, reason, &b, e)) != 0)
		goto out;
	*rev_id = entry->id == last->principal_entry ? a : b;
	Stmt *st = db_stmt(db, "loan_payment_reverse", "UPDATE loan_payments SET reversed = 1 WHERE id = $1");
	DbStatus s = st ? (db_bind_int(st, 1, last->id), db_exec_stmt(st)) : DB_ERROR;
	if (s != DB_OK) {
		rc = -(int)s;
		goto out;
	}
	/* A repaid loan comes back to life. */
	st = db_stmt(db, "loan_reactivate", "UPDATE loans SET status = 'active' WHERE id = $1 AND status = 'repaid'");
	s = st ? (db_bind_int(st, 1, l.id), db_exec_stmt(st)) : DB_ERROR;
	if (s != DB_OK) {
		rc = -(int)s;
		goto out;
	}
	rc = loan_refresh(db, l.id, &old, before);
	if (!rc)
		rc = loan_audit(db, by, "loan.payment_reversed", l.id, NULL);
out:
	snap_free(&old);
	loan_free(&l);
	return rc;
}

/* ---- the list ---- */

typedef struct ListTx {
	const Actor *by;
	int64_t club_id;
	const char *status;
	int64_t member_id;
	void (*fn)(const LoanRow *row, void *arg);
	void *arg;
	int64_t count;
	Err *e;
} ListTx;

static int list_read(Db *db, void *arg)
{
	ListTx *t = arg;
	int rc = fund_access(db, t->by, t->club_id, 0, t->e);
	if (rc)
		return rc;
	const char *status = t->status && *t->status ? t->status : "";
	if (*status && strcmp(status, "active") != 0 && strcmp(status, "closed") != 0)
		return err_set(t->e, E_INVALID, "status"), 1;
	char today[11];
	fund_today(today);
	/* Late loans first (the oldest due date unpaid first), then the others by next due date. */
	Stmt *st = db_stmt(db, "loan_list",
			   "SELECT l.id, l.no, l.member_id, TRIM(m.family_name || ' ' || m.middle_name || ' ' || m.given_name), "
			   "l.principal, l.outstanding, l.disbursed_on, l.status, COALESCE(l.next_due, '') "
			   "FROM loans l JOIN members m ON m.id = l.member_id WHERE l.club_id = $1 "
			   "AND ($2 = '' OR ($2 = 'active' AND l.status = 'active') OR ($2 = 'closed' AND l.status <> 'active')) "
			   "AND ($3 = 0 OR l.member_id = $3) "
			   "ORDER BY CASE WHEN l.status = 'active' THEN 0 ELSE 1 END, COALESCE(l.next_due, '9999-12-31'), "
			   "l.disbursed_on DESC, l.no DESC");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, t->club_id);
	db_bind_text(st, 2, status);
	db_bind_int(st, 3, t->member_id);
	DbStatus s;
	LoanRow row;
	while ((s = db_step(st)) == DB_ROW) {
		memset(&row, 0, sizeof row);
		row.id = db_col_int(st, 0);
		row.no = db_col_int(st, 1);
		row.member_id = db_col_int(st, 2);
		squeeze(row.member_name, sizeof row.member_name, db_col_text(st, 3));
		row.principal = db_col_int(st, 4);
		row.outstanding = db_col_int(st, 5);
		copy(row.disbursed_on, sizeof row.disbursed_on, db_col_text(st, 6));
		copy(row.status, sizeof row.status, db_col_text(st, 7));
		copy(row.next_due_on, sizeof row.next_due_on, db_col_text(st, 8));
		if (strcmp(row.status, "active") == 0 && row.next_due_on[0] && strcmp(row.next_due_on, today) < 0)
			row.arrears_days = date_days_between(row.next_due_on, today);
		t->fn(&row, t->arg);
		t->count++;
	}
	return s == DB_DONE ? 0 : -(int)s;
}

int loan_list(Db *db, const Actor *by, int64_t club_id, const char *status, int64_t member_id,
	      void (*fn)(const LoanRow *row, void *arg), void *arg, Err *e)
{
	ListTx t = {by, club_id, status, member_id, fn, arg, 0, e};
	return tx_result(db_read(db, list_read, &t), e) ? -1 : (int)t.count;
}

/* ---- the month's figures for the report ---- */

int fund_month(Db *db, int64_t club_id, const char *period, FundMonth *out)
{
	return fund_months(db, club_id, period, 1, out);
}

static int cash_by_month(Db *db, int64_t fund_id, char (*ends)[11], int n, int64_t *cash)
{
	Stmt *st = db_stmt(db, "fund_months_cash", "SELECT on_date, amount FROM fund_entries WHERE fund_id = $1 AND on_date <= $2 ORDER BY on_date");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, fund_id);
	db_bind_text(st, 2, ends[n - 1]);
	int64_t sum = 0;
	int i = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		const char *on = db_col_text(st, 0);
		while (i < n && strcmp(on, ends[i]) > 0)
			cash[i++] = sum;
		sum += db_col_int(st, 1);
	}
	while (i < n)
		cash[i++] = sum;
	return s == DB_DONE ? 0 : -(int)s;
}

int fund_months(Db *db, int64_t club_id, const char *first_period, int n, FundMonth *out)
{
	if (n < 1)
		return 0;
	memset(out, 0, (size_t)n * sizeof *out);
	char (*firsts)[11] = calloc((size_t)n, sizeof *firsts), (*ends)[11] = calloc((size_t)n, sizeof *ends);
	int64_t *cash = calloc((size_t)n, sizeof *cash);
	int64_t *ids = NULL, *seen = NULL;
	int rc = 0;
	if (!firsts || !ends || !cash) {
		rc = -DB_ERROR;
		goto done;
	}
	snprintf(firsts[0], 11, "%.7s-01", first_period);
	for (int i = 0; i < n; i++) {
		if (i)
			date_add_months(firsts[0], i, firsts[i]);
		date_month_end(firsts[i], ends[i]);
	}
	Fund inc, act;
	if ((rc = fund_row(db, club_id, "income", &inc)) < 0 || (rc = fund_row(db, club_id, "activity", &act)) < 0)
		goto done;
	rc = 0;
	if (act.id) {
		if ((rc = cash_by_month(db, act.id, ends, n, cash)) != 0)
			goto done;
		for (int i = 0; i < n; i++) {
			out[i].has_activity = strcmp(act.opened_on, ends[i]) <= 0;
			out[i].activity_fund = cash[i];
		}
	}
	if (!inc.id)
		goto done;
	if ((rc = cash_by_month(db, inc.id, ends, n, cash)) != 0)
		goto done;
	for (int i = 0; i < n; i++)
		out[i].has_income = strcmp(inc.opened_on, ends[i]) <= 0;
	Stmt *st = db_stmt(db, "fund_months_loans",
			   "SELECT id FROM loans WHERE club_id = $1 AND disbursed_on <= $2 AND status <> 'cancelled' "
			   "AND (closed_on IS NULL OR closed_on >= $3) ORDER BY id");
	if (!st) {
		rc = -DB_ERROR;
		goto done;
	}
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, ends[n - 1]);
	db_bind_text(st, 3, firsts[0]);
	size_t nl = 0, cap = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		if (nl == cap) {
			cap = cap ? cap * 2 : 32;
			int64_t *nn = realloc(ids, cap * sizeof *nn);
			if (!nn) {
				db_reset(st);
				rc = -DB_ERROR;
				goto done;
			}
			ids = nn;
		}
		ids[nl++] = db_col_int(st, 0);
	}
	if (s != DB_DONE) {
		rc = -(int)s;
		goto done;
	}
	/* Members borrowing at each month's end: distinct member ids, month by month. */
	seen = calloc((size_t)n * (nl ? nl : 1), sizeof *seen);
	int *nseen = calloc((size_t)n, sizeof *nseen);
	if (!seen || !nseen) {
		free(nseen);
		rc = -DB_ERROR;
		goto done;
	}
	for (size_t j = 0; j < nl && !rc; j++) {
		Loan l;
		if ((rc = loan_load(db, ids[j], &l)) != 1) {
			rc = rc < 0 ? rc : -DB_ERROR;
			loan_free(&l);
			break;
		}
		rc = 0;
		for (int i = 0; i < n; i++) {
			if (!out[i].has_income || strcmp(l.disbursed_on, ends[i]) > 0)
				continue;
			FundMonth *m = &out[i];
			if (!l.opening && strcmp(l.disbursed_on, firsts[i]) >= 0) {
				m->loans_n++;
				m->loans_vnd += l.principal;
			}
			for (size_t k = 0; k < l.npayments; k++) {
				const LoanPayment *p = &l.payments[k];
				if (!p->reversed && !p->before_books && strcmp(p->paid_on, firsts[i]) >= 0 &&
				    strcmp(p->paid_on, ends[i]) <= 0) {
					m->repaid_vnd += p->principal;
					m->interest_vnd += p->interest;
				}
			}
			if (l.written_off && strcmp(l.write_off_on, firsts[i]) >= 0 && strcmp(l.write_off_on, ends[i]) <= 0)
				m->written_off_vnd += l.written_off;
			loan_compute(&l, ends[i], l.opening ? inc.opened_on : NULL);
			m->outstanding += l.outstanding;
			if (l.outstanding > 0 && l.arrears_days > 30)
				m->par30 += l.outstanding;
			if (l.outstanding > 0) {
				int64_t *row = &seen[(size_t)i * nl];
				int q = 0;
				while (q < nseen[i] && row[q] != l.member_id)
					q++;
				if (q == nseen[i])
					row[nseen[i]++] = l.member_id;
			}
		}
		loan_free(&l);
	}
	for (int i = 0; i < n; i++) {
		out[i].borrowers = nseen[i];
		out[i].income_fund = cash[i] + out[i].outstanding;
	}
	free(nseen);
done:
	free(firsts);
	free(ends);
	free(cash);
	free(ids);
	free(seen);
	return rc;
}
