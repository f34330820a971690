/* What fund.c and loan.c share: access checks, dates, appending an entry to a book, and keeping
 * the live per-unit figures. Not for front-ends. */
#ifndef ISHC_CORE_FUND_INT_H
#define ISHC_CORE_FUND_INT_H

#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "core/fund.h"
#include "store/db.h"

enum { FUND_PLACES_MAX = 16 };

/* A club's units of today (its commune and province) and the country (0). */
typedef struct Places {
	int64_t id[FUND_PLACES_MAX];
	size_t n;
} Places;

/* The club exists and lies in the actor's scope; write: the actor's role may write books
 * (administrator, province, commune, club). 0, or 1 with e set (E_FORBIDDEN, E_NOT_FOUND), or a
 * negative store status. */
int fund_access(Db *db, const Actor *by, int64_t club_id, int write, Err *e);

/* Today in Vietnam (UTC+7), ISO. */
void fund_today(char out[11]);

/* Reads a typed date into out: E_REQUIRED / E_DATE on field, E_DATE_ORDER after today. 0 or 1. */
int fund_date_in(const Actor *by, const char *text, const char *field, char out[11], Err *e);

/* Reads a typed amount of đồng above 0 into out: E_REQUIRED / E_AMOUNT on field. 0 or 1. */
int fund_amount_in(const char *text, const char *field, int64_t *out, Err *e);

/* 1 when the club's report of date's month is submitted or approved (its books are locked),
 * 0 when not, or a negative store status. */
int fund_month_locked(Db *db, int64_t club_id, const char *date);

/* The club's fund row of kind: 1 found, 0 not opened, negative store status. */
int fund_row(Db *db, int64_t club_id, const char *kind, Fund *out);

DbStatus fund_places(Db *db, int64_t club_id, Places *p);

/* One entry to append to a book (the number, hash and book totals are made by fund_append). */
typedef struct NewEntry {
	const Fund *fund;
	const char *on_date;
	const char *kind;
	int64_t amount;                 /* signed */
	const char *category, *party, *note, *handled_by;
	int64_t member_id, loan_id, reverses, pair_id;
} NewEntry;

/* Appends ne to its fund inside the caller's transaction: refuses money out that would take the
 * balance on its day or any later day below zero (1, E_FUND_SHORT on short_field, detail with
 * the balance), else writes the entry, moves the fund's balance, number and head, and the live
 * cash of the club's places. Audited. 0 with *id set, 1 refused, negative store status. */
int fund_append(Db *db, const Actor *by, const NewEntry *ne, const char *short_field, int64_t *id, Err *e);

/* Adds deltas to the live figures of every place of the club. */
typedef struct FundDelta {
	int64_t income_cash, activity_cash, borrowers, members, members_books;
} FundDelta;
DbStatus fund_totals_add(Db *db, const Places *p, const FundDelta *d);
DbStatus fund_loan_totals_add(Db *db, const Places *p, const char *next_due, int64_t outstanding, int64_t loans);
DbStatus fund_instalment_totals_add(Db *db, const Places *p, const char *due_on, int64_t scheduled, int64_t unpaid);

/* Reverses a loan's disbursement, repayment or interest entry (called by fund_entry_reverse inside
 * its transaction; the entry belongs to the loan). 0 with *rev_id, 1 refused, negative status. */
int loan_reverse_entry(Db *db, const Actor *by, const FundEntry *entry, const char *date, const char *reason,
		       int64_t *rev_id, Err *e);

/* Reads one entry row by id (no scope check). 1 found, 0 not, negative status. */
int fund_entry_row(Db *db, int64_t id, FundEntry *out);

/* The member's club membership on date: 1 on the book, 0 not, negative status. */
int fund_member_on(Db *db, int64_t club_id, int64_t member_id, const char *date, char *name, size_t namelen);

int fund_is_en(const Actor *by);

/* 1 while a bulk loader asked for no audit record per step (fund_bulk). */
int fund_bulk_on(void);

#endif
