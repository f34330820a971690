/* The two funds of a club (issue 7): the income-generation fund (kind "income", lent to members)
 * and the activity fund ("activity"). Each is a book of append-only entries in đồng; a mistake is
 * corrected by a reversing entry, nothing is edited or deleted. Each fund's entries form a hash
 * chain (SHA-256 of the previous hash and the entry's fields), so that a change made behind the
 * product's back shows (fund_verify, `ishc verify`). A fund's balance never goes below zero on any
 * day of its book.
 *
 * Who may write: administrators, province, commune and club users, for clubs in their scope
 * (central and viewers read; viewers see no entry or loan, only the unit figures). Entries cannot
 * be dated in a month whose report is submitted or approved (the month is locked), before the
 * book's opening day, or after today (Vietnam time).
 *
 * Live figures per unit of today (commune, province, country): the funds' cash, members with a
 * loan, members on the books, loans outstanding by due date (for PAR30) and
 * principal due and unpaid by due date (for the repayment rate), kept in the same transaction as
 * every entry, so that they are current on the next request. */
#ifndef ISHC_CORE_FUND_H
#define ISHC_CORE_FUND_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

enum {
	FUND_TEXT_MAX = 300,            /* bytes of a note, a party, a category */
	FUND_HASH_HEX = 64,
};

/* Kinds of entry. In the income fund: all but expense-only rules below; in the activity fund:
 * no loan kinds. Sign: money in is positive, money out negative (the amount typed is always
 * positive; the kind gives the sign).
 *   opening       in   the balance on the book's opening day (once, made by fund_open)
 *   contribution  in   a member's contribution (member optional)
 *   grant         in   a grant; category = "commune" | "province" | "central" | "project"
 *   donation      in   a gift from a person or a business
 *   repayment     in   principal repaid on a loan (made by loan_repay only)
 *   interest      in   interest or fees on a loan (made by loan_repay only)
 *   other_in      in   any other money in
 *   disbursement  out  a loan paid out (made by loan_create only)
 *   expense       out  an expense; category required (see fund_expense_categories)
 *   transfer_in   in   from the other fund (made by fund_transfer, paired)
 *   transfer_out  out  to the other fund (made by fund_transfer, paired)
 *   reversal      the opposite of the entry it reverses (fund_entry_reverse) */
const char *fund_kind_label(const char *fund_kind, const char *lang);     /* "income" -> "Quỹ tăng thu nhập" */
const char *fund_entry_kind_label(const char *kind, const char *lang);
int fund_entry_kind_in(const char *kind);   /* 1 money in, 0 money out, -1 unknown */
/* The kinds a person may record directly in a fund (fund_entry_add), NULL-terminated. */
extern const char *const fund_entry_kinds_income[];
extern const char *const fund_entry_kinds_activity[];
/* Grant sources and expense categories (codes), NULL-terminated, and their labels. */
extern const char *const fund_grant_sources[];
extern const char *const fund_expense_categories[];
const char *fund_category_label(const char *category, const char *lang);

typedef struct Fund {
	int64_t id;                     /* 0: not opened */
	int64_t club_id;
	char kind[10];                  /* income | activity */
	char opened_on[11];
	int64_t balance;                /* cash today */
	int64_t entries;                /* number of the last entry */
} Fund;

typedef struct FundEntry {
	int64_t id;
	int64_t fund_id;
	char fund_kind[10];
	int64_t no;                     /* 1, 2, … within the fund */
	char voucher[24];               /* "PT-0012" (phiếu thu, money in) or "PC-0013" (phiếu chi) */
	char on_date[11];
	char kind[16];
	int64_t amount;                 /* signed: in > 0, out < 0 */
	char category[24];
	char party[FUND_TEXT_MAX];      /* who paid or received the money (name) */
	int64_t member_id;              /* 0 when none */
	char member_name[160];
	int64_t loan_id;                /* 0 when none */
	int64_t reverses;               /* the entry this one reverses, 0 when none */
	int64_t reversed_by;            /* the entry that reverses this one, 0 when none */
	int64_t pair_id;                /* the other half of a transfer, 0 when none */
	char note[FUND_TEXT_MAX];
	char handled_by[160];           /* who handled the cash (treasurer's name) */
	char recorded_by[48];           /* username */
	char recorded_at[21];
	char hash[FUND_HASH_HEX + 1];
} FundEntry;

/* Fields as typed (strings; NULL = absent). Amounts in đồng with Vietnamese grouping
 * ("1.500.000"); dates dd/mm/yyyy or ISO; member an id. */
typedef struct EntryInput {
	const char *kind;
	const char *date;
	const char *amount;
	const char *category;
	const char *party;
	const char *member;
	const char *handled_by;
	const char *note;
} EntryInput;

typedef struct FundOpenInput {
	const char *date;               /* the cut-off day the paper books end */
	const char *income;             /* cash of the income fund that day (loans are entered as loans) */
	const char *activity;           /* cash of the activity fund that day */
	const char *handled_by;
} FundOpenInput;

/* Opens both books of a club with their balances on the cut-off day (either may be 0). Once per
 * club: E_FUND_OPEN after. Errors: E_FORBIDDEN, E_NOT_FOUND (club not in scope), E_DATE (field
 * "date": not a date; E_DATE_ORDER: after today, or before the club was founded), E_MONTH_LOCKED, E_AMOUNT (field
 * "income" / "activity": negative or not a number). Audited. */
int fund_open(Db *db, const Actor *by, int64_t club_id, const FundOpenInput *in, Err *e);

/* The club's two funds (kind "" and id 0 for one not opened): out[0] income, out[1] activity.
 * Scope as club_get; viewers: E_FORBIDDEN. */
int fund_get(Db *db, const Actor *by, int64_t club_id, Fund out[2], Err *e);

/* Records one entry in the club's fund_kind book. Checks: kind allowed for the fund (E_ENTRY_KIND,
 * field "kind"), amount > 0 (E_AMOUNT, "amount"), date (E_DATE / E_DATE_ORDER, "date"; E_MONTH_LOCKED),
 * category for grants and expenses (E_REQUIRED / E_INVALID, "category"), member in the club
 * (E_NOT_MEMBER, "member"), handled_by required ("handled_by"), money out not above the balance on
 * that day or any later day (E_FUND_SHORT, "amount", with the balance in detail). Returns the new
 * entry's id, or -1 with e set and nothing written. Audited. */
int64_t fund_entry_add(Db *db, const Actor *by, int64_t club_id, const char *fund_kind, const EntryInput *in, Err *e);

/* Moves money from one fund of the club to the other: two paired entries (transfer_out,
 * transfer_in) with the same date and amount; in->kind is ignored. Returns the id of the
 * transfer_out entry. Errors as fund_entry_add. */
int64_t fund_transfer(Db *db, const Actor *by, int64_t club_id, const char *from_kind, const EntryInput *in, Err *e);

/* Reverses entry_id of the club with a reason (required, field "reason") on date (NULL = today):
 * a new entry of the opposite amount naming the one it reverses. A transfer is reversed in both
 * funds; a loan's disbursement only while nothing was repaid (the loan is cancelled: status
 * "cancelled"); a repayment or interest entry only for the loan's latest payment (both of its
 * entries are reversed and the loan goes back to where it was). The opening entry cannot be
 * reversed (E_REVERSED); nor can a reversal or an entry already reversed. E_FUND_SHORT when the
 * reversal would take the balance below zero. Returns the reversing entry's id. Audited. */
int64_t fund_entry_reverse(Db *db, const Actor *by, int64_t club_id, int64_t entry_id, const char *reason,
			   const char *date, Err *e);

/* One entry of the club (scope, viewers E_FORBIDDEN): 0, or -1 with E_NOT_FOUND. */
int fund_entry_get(Db *db, const Actor *by, int64_t club_id, int64_t entry_id, FundEntry *out, Err *e);

/* The fund book (sổ quỹ) of fund_kind for from..to (ISO dates, inclusive; NULL = from the
 * opening / to today): the balance brought forward, then each entry in date order (then number)
 * with the running balance, then the totals. */
typedef struct FundBook {
	int64_t opening;                /* balance at the start of from */
	int64_t total_in, total_out;    /* total_out positive */
	int64_t closing;
	int64_t count;
} FundBook;
int fund_book(Db *db, const Actor *by, int64_t club_id, const char *fund_kind, const char *from, const char *to,
	      void (*fn)(const FundEntry *entry, int64_t running, void *arg), void *arg, FundBook *out, Err *e);

/* Entries of the club's fund newest first, paged (for the fund page and the API); returns the
 * total count or -1 with e set. */
int64_t fund_entries(Db *db, const Actor *by, int64_t club_id, const char *fund_kind, int64_t offset, int64_t limit,
		     void (*fn)(const FundEntry *entry, void *arg), void *arg, Err *e);

/* ---- for bulk loaders (the demo and the benchmark's data) ---- */

/* The steps of fund_open, fund_entry_add and fund_transfer inside the caller's transaction: 0, 1
 * refused (e set; the caller must roll back), or a negative store status. While fund_bulk(1) is in
 * force on the calling thread, entries and loans write no audit record each: the loader writes one
 * summary record per batch (as the demo does for its clubs). */
void fund_bulk(int on);
int fund_open_in_tx(Db *db, const Actor *by, int64_t club_id, const FundOpenInput *in, Err *e);
int fund_entry_add_in_tx(Db *db, const Actor *by, int64_t club_id, const char *fund_kind, const EntryInput *in,
			 int64_t *id, Err *e);
int fund_transfer_in_tx(Db *db, const Actor *by, int64_t club_id, const char *from_kind, const EntryInput *in,
			int64_t *id, Err *e);

/* ---- tamper evidence ---- */

/* Recomputes every fund's hash chain and balance from its entries and reports, through
 * report(line, arg), each entry changed, removed or added behind the product's back (a hash that
 * does not follow, a number missing, a head or balance that disagrees), and live figures per unit
 * that disagree with the books. Returns the number of problems (0 = all good), -1 on a store
 * error. */
int fund_verify(Db *db, void (*report)(const char *line, void *arg), void *arg);

/* Recomputes the live per-unit figures from the books (after a change of units' reach, or on
 * `ishc check --repair`). Inside the caller's transaction. DB_OK or a store status. */
int fund_totals_rebuild(Db *db);

/* Keeps the live count of members on the books of the club's units: delta +1 when a member
 * joins (or comes back), -1 when one leaves. Called by the member book inside its transaction.
 * DB_OK or a store status. */
int fund_members_changed(Db *db, int64_t club_id, int delta);

/* ---- the monthly report ---- */

/* The source=ledger figures of club for the month period ("YYYY-MM") from its books, as at the
 * last day of the month: has_income / has_activity say whether each book was open by then (the
 * figures of a book not open are left to be typed). */
typedef struct FundMonth {
	int has_income, has_activity;
	int64_t loans_n;                /* INC_LOANS_N: loans disbursed in the month */
	int64_t loans_vnd;              /* INC_LOANS_VND */
	int64_t repaid_vnd;             /* INC_REPAID_VND: principal repaid in the month */
	int64_t interest_vnd;           /* INC_INTEREST_VND */
	int64_t written_off_vnd;        /* principal written off in the month */
	int64_t outstanding;            /* INC_OUTSTANDING at month end */
	int64_t borrowers;              /* INC_BORROWERS */
	int64_t par30;                  /* INC_PAR30_VND at month end */
	int64_t income_fund;            /* INC_FUND_VND: cash + outstanding */
	int64_t activity_fund;          /* ACT_FUND_VND: cash */
} FundMonth;
int fund_month(Db *db, int64_t club_id, const char *period, FundMonth *out);
/* The same for n months from first_period on, reading the books once (bulk loaders). */
int fund_months(Db *db, int64_t club_id, const char *first_period, int n, FundMonth *out);

/* ---- figures for a unit ---- */

/* Live figures for a unit of today (code), a club (club code), or the country (NULL), on date
 * (ISO; NULL = today): the same formulas at every level. Viewers may read these. */
typedef struct FundFigures {
	int64_t clubs;                  /* active clubs in the unit */
	int64_t clubs_books;            /* clubs keeping their books in ishc */
	int64_t clubs_income, clubs_activity, clubs_both;  /* of them, holding each fund and both: the
					 * income fund's cash and loans outstanding above 0, the activity
					 * fund's cash above 0 */
	int64_t income_cash, activity_cash;
	int64_t outstanding;            /* principal of loans outstanding */
	int64_t loans;                  /* loans outstanding */
	int64_t par30;                  /* outstanding of loans with an instalment over 30 days late */
	int64_t overdue;                /* outstanding of loans with any instalment late */
	int64_t members;                /* members on the books today */
	int64_t members_books;          /* of them, in clubs keeping their fund books in ishc */
	int64_t borrowers;              /* members with a loan outstanding (of those clubs) */
	int64_t due_12m, repaid_12m;    /* principal fallen due in the last 12 months, and of it repaid */
} FundFigures;

/* Figures of a unit and, when by_child, of each of its sub-units of today (communes of a
 * province, provinces of the country, clubs of a commune) through fn. Returns 0 or -1 with e set
 * (E_NOT_FOUND for a unit not in scope). */
typedef struct FundFiguresRow {
	char code[16];
	char name[200];
	FundFigures f;
} FundFiguresRow;
int fund_figures(Db *db, const Actor *by, const char *unit, const char *date, int by_child, FundFigures *out,
		 void (*fn)(const FundFiguresRow *row, void *arg), void *arg, Err *e);

/* Clubs of a unit (a unit id of any time; 0 = the country) whose report of period ("YYYY-MM"),
 * submitted or approved, shows both funds held (INC_FUND_VND and ACT_FUND_VND above 0), out of
 * the clubs with such a report: the programme's "clubs holding both funds", for every club whether
 * it keeps its books in ishc (its figures then come from them) or on paper. 0 or -1. */
int fund_both_reported(Db *db, int64_t unit_id, const char *period, int64_t *both, int64_t *reported);

/* Ratios as basis points (0..10000; -1 when the denominator is 0). */
int64_t fund_ratio_bp(int64_t num, int64_t den);

#endif
