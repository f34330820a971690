/* Revolving loans from a club's income-generation fund (issue 7).
 *
 * A loan: a member, principal, purpose, a monthly rate in basis points (0 allowed), a term in
 * months, a schedule ("equal": equal principal each month, the remainder of the division in the
 * last instalment; "end": all principal at the end), and a disbursement date. Instalment k falls
 * due k months after disbursement (the same day of the month, or the month's last day).
 *
 * Interest (the rule written on the loan page): each month's interest is the monthly rate times
 * the principal outstanding at the start of that month (rounded to the đồng), due with that
 * month's instalment; with the "end" schedule every month's interest is due at the end. A
 * payment goes to interest due first, then to principal, oldest instalment first; paying more
 * principal than has fallen due is an early repayment (it covers the next instalments, and later
 * months' interest is charged on the smaller balance). Nothing can be paid beyond the interest due
 * and the principal left (E_OVERPAY).
 *
 * Arrears: a loan is late when an instalment's principal is not fully paid after its due date;
 * days in arrears count from the oldest such due date. PAR30 is the principal outstanding of
 * loans more than 30 days in arrears.
 *
 * A loan is disbursed from the income fund (a disbursement entry; refused when the fund has not
 * enough: E_FUND_SHORT) — except loans that were outstanding when the paper books were closed,
 * entered with opening=1 and the principal still owed on the book's opening day, which make no
 * entry. A write-off needs a reason and a second board member's confirmation; it removes the
 * principal left from the loans outstanding (the fund's cash does not change). */
#ifndef ISHC_CORE_LOAN_H
#define ISHC_CORE_LOAN_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

enum {
	LOAN_TERM_MAX = 120,            /* months */
	LOAN_RATE_MAX = 500,            /* basis points a month (5%) */
	LOAN_TEXT_MAX = 300,
};

typedef struct LoanInput {
	const char *member;             /* member id */
	const char *principal;          /* đồng, "5.000.000" */
	const char *purpose;
	const char *rate;               /* percent a month, decimal comma: "0,5" = 50 bp; "" or "0" = none */
	const char *term;               /* months */
	const char *schedule;           /* "equal" | "end" */
	const char *disbursed_on;
	const char *handled_by;         /* the treasurer paying out */
	const char *note;
	int opening;                    /* 1: outstanding when the books were opened (no entry) */
	const char *outstanding;        /* opening loans: principal still owed on the opening day */
} LoanInput;

typedef struct Instalment {
	int k;                          /* 1.. */
	char due_on[11];
	int64_t principal;              /* scheduled principal */
	int64_t interest;               /* interest of the month (on the actual outstanding when known) */
	int64_t principal_unpaid;       /* principal of this instalment not yet paid */
} Instalment;

typedef struct LoanPayment {
	int64_t id;
	char paid_on[11];
	int64_t principal, interest;
	int64_t principal_entry, interest_entry;   /* fund entries (0 when none) */
	int reversed;
	int before_books;               /* principal repaid before the books were opened */
	char recorded_by[48];
} LoanPayment;

typedef struct Loan {
	int64_t id;
	int64_t club_id;
	int64_t no;                     /* 1.. within the club */
	int64_t member_id;
	char member_name[160];
	int64_t principal;
	char purpose[LOAN_TEXT_MAX];
	int64_t rate_bp;
	int term;
	char schedule[8];
	char disbursed_on[11];
	int opening;
	char status[12];                /* active | repaid | written_off | cancelled */
	int64_t principal_paid, interest_paid;
	int64_t outstanding;            /* principal left */
	int64_t written_off;            /* principal written off */
	char write_off_reason[LOAN_TEXT_MAX];
	char write_off_on[11];
	int64_t write_off_confirmed_by; /* member id */
	char write_off_confirmer[160];
	int64_t disbursement_entry;     /* 0 for opening loans */
	char handled_by[160];
	char note[LOAN_TEXT_MAX];
	char created_by[48], created_at[21];
	/* As of the date asked (loan_get's asof): */
	char asof[11];
	int64_t interest_due;           /* interest fallen due and not paid */
	int64_t principal_due;          /* principal fallen due and not paid (in arrears) */
	int64_t arrears_days;           /* 0 when not late */
	char next_due_on[11];           /* the next instalment with principal unpaid ("" none) */
	int64_t next_due_amount;        /* its principal unpaid plus its interest */
	int64_t payoff;                 /* what repays the whole loan on asof: interest due + outstanding */
	Instalment *schedule_rows;      /* malloc'd, term rows */
	size_t nschedule;
	LoanPayment *payments;          /* malloc'd, oldest first */
	size_t npayments;
} Loan;

void loan_free(Loan *l);
const char *loan_status_label(const char *status, const char *lang);
const char *loan_schedule_label(const char *schedule, const char *lang);

/* The planned schedule of a loan (every instalment paid on its day): fills out (term rows).
 * Pure; for the form's preview and the agreement. 0, or -1 when the terms are out of range. */
int loan_plan(int64_t principal, int64_t rate_bp, int term, const char *schedule, const char *disbursed_on,
	      Instalment *out);

/* Parses and checks in without writing (the same checks as loan_create); e names the field. */
int loan_check(const LoanInput *in, int64_t *principal, int64_t *rate_bp, int *term, char disbursed_on[11], Err *e);

/* Lends: checks every field (member: E_NOT_MEMBER, field "member", when not on the club's book on
 * the disbursement date; principal E_AMOUNT; rate E_INVALID "rate"; term E_INVALID "term";
 * schedule E_INVALID "schedule"; disbursed_on E_DATE / E_DATE_ORDER / E_MONTH_LOCKED), then pays
 * out from the income fund (E_FUND_NOT_OPEN, E_FUND_SHORT "principal"). Returns the loan id, or -1
 * with e set and nothing written. Audited. */
int64_t loan_create(Db *db, const Actor *by, int64_t club_id, const LoanInput *in, Err *e);

/* The loan with its schedule, payments and its state as of asof (ISO; NULL = today). Scope as
 * fund_get. 0, or -1 with e set (E_NOT_FOUND). */
int loan_get(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const char *asof, Loan *out, Err *e);

typedef struct RepayInput {
	const char *date;
	const char *amount;             /* total paid: interest first, then principal */
	const char *handled_by;
	const char *note;
} RepayInput;

/* Records a payment: E_AMOUNT ("amount"), E_OVERPAY ("amount", with what is owed in detail),
 * E_DATE / E_DATE_ORDER ("date": before the disbursement or the loan's last payment, after today),
 * E_MONTH_LOCKED, E_LOAN_STATE. Makes an interest entry and a repayment entry in the income fund
 * (either may be absent when its part is 0). The loan is repaid when nothing is left. Returns the
 * payment id; *principal and *interest (may be NULL) get the split. Audited. */
int64_t loan_repay(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const RepayInput *in,
		   int64_t *principal, int64_t *interest, Err *e);

/* Writes off what is left of an active loan: reason required ("reason"), confirmed_by a member of
 * the club holding a board role on date (E_CONFIRMER, "confirmed_by"), date as loan_repay.
 * Audited. */
int loan_write_off(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const char *date, const char *reason,
		   const char *confirmed_by, Err *e);

/* For bulk loaders (see fund_bulk in fund.h): the same steps inside the caller's transaction; 0,
 * 1 refused (e set; the caller rolls back), or a negative store status. loan_get_in_tx reads
 * inside it (out to be freed with loan_free when 0). */
int loan_create_in_tx(Db *db, const Actor *by, int64_t club_id, const LoanInput *in, int64_t *id, Err *e);
int loan_repay_in_tx(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const RepayInput *in, int64_t *id,
		     Err *e);
int loan_write_off_in_tx(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const char *date,
			 const char *reason, const char *confirmed_by, Err *e);
int loan_get_in_tx(Db *db, const Actor *by, int64_t club_id, int64_t loan_id, const char *asof, Loan *out, Err *e);

/* A row of a club's loan list, as of today. */
typedef struct LoanRow {
	int64_t id, no, member_id;
	char member_name[160];
	int64_t principal, outstanding;
	char disbursed_on[11];
	char status[12];
	int64_t arrears_days;
	char next_due_on[11];
} LoanRow;

/* The club's loans: status NULL = all, "active", "closed" (repaid, written off, cancelled); late
 * loans first (most days late first), then by next due date; member_id > 0 keeps one member's.
 * Returns the count, or -1 with e set. */
int loan_list(Db *db, const Actor *by, int64_t club_id, const char *status, int64_t member_id,
	      void (*fn)(const LoanRow *row, void *arg), void *arg, Err *e);

#endif
