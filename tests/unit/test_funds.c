/* core/fund and core/loan: the books and the loans of a club, with exact figures worked by hand,
 * every refusal leaving nothing behind, the hash chain catching changes made behind ishc's back,
 * and the live figures of the commune, the province and the country equal to the club's and to a
 * rebuild from the books. On a real temporary database (SQLite, or PostgreSQL with ISHC_TEST_PG),
 * the clock pinned to 10/02/2026.
 *
 * The club (Xã Hoằng Lộc, Thanh Hóa) opens its books on 30/06/2025 with 10.000.000 đ in the income
 * fund and 2.000.000 đ in the activity fund. Loan 1: Ánh, 6.000.000 đ at 0,5 %/month over 6 months,
 * equal principal, lent 10/07/2025; she pays 1.030.000 on 10/08 (interest 30.000 on 6.000.000) and
 * 1.025.000 on 10/09 (interest 25.000 on 5.000.000), then nothing: on 10/02/2026 instalment 3
 * (due 10/10/2025) is 123 days late, 4.000.000 đ is at risk, and interest of 20.000 đ a month for
 * months 3 to 6 is due (80.000). Loan 2: Bình, 3.000.000 đ, no interest, 3 months, all at the end,
 * lent 05/01/2026, 1.000.000 repaid early on 05/02/2026. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/club.h"
#include "core/fund.h"
#include "core/indicator.h"
#include "core/loan.h"
#include "core/member.h"
#include "core/report.h"
#include "testutil.h"

static Actor actor(Role role, const char *scope)
{
	Actor a = {.role = role, .user_id = 1};
	strcpy(a.username, "thuquy");
	strcpy(a.lang, "vi");
	strcpy(a.scope, scope);
	return a;
}

static int64_t one(Db *db, const char *name, const char *sql)
{
	Stmt *st = db_stmt(db, name, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

/* Everything the books hold, as one number: a refusal must leave it as it was. */
static int64_t footprint(Db *db)
{
	return one(db, "t_fp",
		   "SELECT (SELECT COUNT(*) FROM fund_entries) * 1000000 + (SELECT COUNT(*) FROM loans) * 10000 + "
		   "(SELECT COUNT(*) FROM loan_payments) * 100 + (SELECT COUNT(*) FROM funds) + "
		   "(SELECT COALESCE(SUM(balance), 0) FROM funds) + (SELECT COALESCE(SUM(outstanding), 0) FROM loans)");
}

static int64_t club_id, other_club, anh, binh, cuc, dung;

static int64_t member(Db *db, const Actor *by, int64_t club, MemberInput in)
{
	Err e = {0};
	int64_t id = member_create(db, by, club, &in, NULL, &e);
	if (id <= 0)
		fail_msg("member %s: %s on %s", in.full_name, err_code_name(e.code), e.field ? e.field : "-");
	return id;
}

static Db *setup(const char *name)
{
	setenv("ISHC_NOW", "1770681600", 1); /* 10/02/2026 */
	Db *db = test_db_open_units(name);
	Actor admin = actor(ROLE_ADMIN, "");
	Err e = {0};
	assert_int_equal(indicator_load_builtin(db, &admin, &e), 0);
	ClubInput c = {.name = "CLB Hoằng Lộc", .unit_code = "15961", .founded_on = "2024-03-15", .status = "active"};
	club_id = club_create(db, &admin, &c, &e);
	ClubInput h = {.name = "CLB Ba Đình", .unit_code = "00004", .founded_on = "2024-03-15", .status = "active"};
	other_club = club_create(db, &admin, &h, &e);
	assert_true(club_id > 0 && other_club > 0);
	anh = member(db, &admin, club_id, (MemberInput){.full_name = "Nguyễn Thị Ánh", .sex = "F", .birth = "1950", .joined_on = "2024-04-01"});
	binh = member(db, &admin, club_id, (MemberInput){.full_name = "Lê Văn Bình", .sex = "M", .birth = "1990", .joined_on = "2024-04-01"});
	cuc = member(db, &admin, club_id, (MemberInput){.full_name = "Trần Thị Cúc", .sex = "F", .birth = "1960", .joined_on = "2024-04-01"});
	dung = member(db, &admin, other_club, (MemberInput){.full_name = "Phạm Văn Dũng", .sex = "M", .birth = "1955", .joined_on = "2024-04-01"});
	assert_int_equal(board_assign(db, &admin, cuc, "chair", "2024-04-01", &e), 0);
	return db;
}

static void open_books(Db *db, const Actor *by)
{
	Err e = {0};
	FundOpenInput in = {.date = "30/06/2025", .income = "10.000.000", .activity = "2.000.000", .handled_by = "Trần Thị Cúc"};
	assert_int_equal(fund_open(db, by, club_id, &in, &e), 0);
}

static int64_t entry(Db *db, const Actor *by, const char *fund, const char *kind, const char *date, const char *amount,
		     const char *category, ErrCode want, const char *field)
{
	Err e = {0};
	EntryInput in = {.kind = kind, .date = date, .amount = amount, .category = category, .handled_by = "Cúc",
			 .party = "Hội viên"};
	int64_t before = footprint(db);
	int64_t id = fund_entry_add(db, by, club_id, fund, &in, &e);
	if (want == E_NONE) {
		if (id <= 0)
			fail_msg("%s %s %s: %s on %s %s", kind, date, amount, err_code_name(e.code), e.field ? e.field : "-", e.detail);
	} else {
		assert_int_equal(id, -1);
		assert_int_equal(e.code, want);
		if (field)
			assert_string_equal(e.field, field);
		assert_int_equal(footprint(db), before);
	}
	return id;
}

static int64_t lend(Db *db, const Actor *by, int64_t who, const char *principal, const char *rate, const char *term,
		    const char *schedule, const char *on)
{
	char m[24];
	snprintf(m, sizeof m, "%lld", (long long)who);
	LoanInput in = {.member = m, .principal = principal, .purpose = "Nuôi gà", .rate = rate, .term = term,
			.schedule = schedule, .disbursed_on = on, .handled_by = "Cúc"};
	Err e = {0};
	int64_t id = loan_create(db, by, club_id, &in, &e);
	if (id <= 0)
		fail_msg("loan: %s on %s %s", err_code_name(e.code), e.field ? e.field : "-", e.detail);
	return id;
}

static void repay(Db *db, const Actor *by, int64_t loan, const char *date, const char *amount, int64_t want_p,
		  int64_t want_i)
{
	RepayInput in = {.date = date, .amount = amount, .handled_by = "Cúc"};
	int64_t p = -1, i = -1;
	Err e = {0};
	if (loan_repay(db, by, club_id, loan, &in, &p, &i, &e) <= 0)
		fail_msg("repay %s %s: %s on %s %s", date, amount, err_code_name(e.code), e.field ? e.field : "-", e.detail);
	assert_int_equal(p, want_p);
	assert_int_equal(i, want_i);
}

static int64_t loan1, loan2;

/* The worked example of the header. */
static Db *example(const char *name)
{
	Db *db = setup(name);
	Actor club = actor(ROLE_CLUB, "15961-01");
	open_books(db, &club);
	loan1 = lend(db, &club, anh, "6.000.000", "0,5", "6", "equal", "10/07/2025");
	repay(db, &club, loan1, "10/08/2025", "1.030.000", 1000000, 30000);
	repay(db, &club, loan1, "10/09/2025", "1.025.000", 1000000, 25000);
	loan2 = lend(db, &club, binh, "3.000.000", "0", "3", "end", "05/01/2026");
	repay(db, &club, loan2, "05/02/2026", "1.000.000", 1000000, 0);
	return db;
}

static int verify_quiet(Db *db)
{
	return fund_verify(db, NULL, NULL);
}

static void books_open_once_and_number_their_entries(void **state)
{
	(void)state;
	Db *db = setup("fund-open");
	Actor club = actor(ROLE_CLUB, "15961-01");
	Err e = {0};
	Fund f[2];
	assert_int_equal(fund_get(db, &club, club_id, f, &e), 0);
	assert_int_equal(f[0].id, 0);
	entry(db, &club, "income", "contribution", "01/07/2025", "50.000", NULL, E_FUND_NOT_OPEN, NULL);
	FundOpenInput bad = {.date = "01/01/2020", .income = "1", .handled_by = "Cúc"};
	assert_int_equal(fund_open(db, &club, club_id, &bad, &e), -1);
	assert_int_equal(e.code, E_DATE_ORDER); /* before the club was founded */
	bad = (FundOpenInput){.date = "30/06/2025", .income = "-5", .handled_by = "Cúc"};
	assert_int_equal(fund_open(db, &club, club_id, &bad, &e), -1);
	assert_int_equal(e.code, E_AMOUNT);
	assert_string_equal(e.field, "income");
	assert_int_equal(footprint(db), 0);
	open_books(db, &club);
	FundOpenInput again = {.date = "30/06/2025", .income = "1", .handled_by = "Cúc"};
	assert_int_equal(fund_open(db, &club, club_id, &again, &e), -1);
	assert_int_equal(e.code, E_FUND_OPEN);

	int64_t a = entry(db, &club, "activity", "contribution", "05/07/2025", "50.000", NULL, E_NONE, NULL);
	entry(db, &club, "activity", "grant", "06/07/2025", "1.000.000", "commune", E_NONE, NULL);
	entry(db, &club, "activity", "expense", "07/07/2025", "200.000", "care", E_NONE, NULL);
	FundEntry x;
	assert_int_equal(fund_entry_get(db, &club, club_id, a, &x, &e), 0);
	assert_int_equal(x.no, 2); /* the opening is number 1 */
	assert_string_equal(x.voucher, "PT-0002");
	assert_int_equal(x.amount, 50000);
	assert_int_equal(fund_get(db, &club, club_id, f, &e), 0);
	assert_int_equal(f[1].balance, 2000000 + 50000 + 1000000 - 200000);
	assert_int_equal(f[1].entries, 4);

	/* Bad input: each refused on its field, nothing written. */
	entry(db, &club, "activity", "contribution", "05/07/2025", "0", NULL, E_AMOUNT, "amount");
	entry(db, &club, "activity", "contribution", "05/07/2025", "-50.000", NULL, E_AMOUNT, "amount");
	entry(db, &club, "activity", "contribution", "05/07/2025", "năm mươi", NULL, E_AMOUNT, "amount");
	entry(db, &club, "activity", "disbursement", "05/07/2025", "50.000", NULL, E_ENTRY_KIND, "kind");
	entry(db, &club, "activity", "expense", "05/07/2025", "50.000", NULL, E_REQUIRED, "category");
	entry(db, &club, "activity", "expense", "05/07/2025", "50.000", "yachts", E_INVALID, "category");
	entry(db, &club, "activity", "contribution", "29/06/2025", "50.000", NULL, E_DATE_ORDER, "date");
	entry(db, &club, "activity", "contribution", "11/02/2026", "50.000", NULL, E_DATE_ORDER, "date");
	entry(db, &club, "activity", "contribution", "31/02/2026", "50.000", NULL, E_DATE, "date");
	/* More than the fund holds. */
	entry(db, &club, "activity", "expense", "08/07/2025", "2.850.001", "care", E_FUND_SHORT, "amount");
	/* Money out on an earlier day that a later day's balance cannot afford. */
	entry(db, &club, "activity", "expense", "01/12/2025", "2.500.000", "care", E_NONE, NULL);
	entry(db, &club, "activity", "expense", "01/07/2025", "400.000", "care", E_FUND_SHORT, "amount");
	entry(db, &club, "activity", "expense", "01/07/2025", "350.000", "care", E_NONE, NULL);
	assert_int_equal(fund_get(db, &club, club_id, f, &e), 0);
	assert_int_equal(f[1].balance, 0);
	/* An empty activity fund is not held: the club keeps books but does not hold both funds. */
	Actor admin = actor(ROLE_ADMIN, "");
	FundFigures ff;
	for (int i = 0; i < 2; i++) {
		assert_int_equal(fund_figures(db, &admin, i ? "15961" : "15961-01", NULL, 0, &ff, NULL, NULL, &e), 0);
		assert_int_equal(ff.clubs_books, 1);
		assert_int_equal(ff.clubs_income, 1);
		assert_int_equal(ff.clubs_activity, 0);
		assert_int_equal(ff.clubs_both, 0);
	}

	/* A member of another club is not a party of this one. */
	char other[24];
	snprintf(other, sizeof other, "%lld", (long long)dung);
	EntryInput in = {.kind = "contribution", .date = "05/07/2025", .amount = "10.000", .member = other, .handled_by = "Cúc"};
	assert_int_equal(fund_entry_add(db, &club, club_id, "income", &in, &e), -1);
	assert_int_equal(e.code, E_NOT_MEMBER);

	/* Roles: central and viewers do not write; another club's user does not see this club. */
	Actor central = actor(ROLE_CENTRAL, ""), viewer = actor(ROLE_VIEWER, ""), stranger = actor(ROLE_CLUB, "00004-01");
	in = (EntryInput){.kind = "contribution", .date = "05/07/2025", .amount = "10.000", .handled_by = "Cúc"};
	assert_int_equal(fund_entry_add(db, &central, club_id, "income", &in, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(fund_get(db, &viewer, club_id, f, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(fund_get(db, &stranger, club_id, f, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(fund_get(db, &central, club_id, f, &e), 0);
	assert_int_equal(verify_quiet(db), 0);
	db_close(db);
}

static void book(const FundEntry *x, int64_t running, void *arg)
{
	int64_t *r = arg;
	r[r[0] + 1] = running;
	r[0]++;
	(void)x;
}

static void transfers_and_reversals_keep_both_books_right(void **state)
{
	(void)state;
	Db *db = setup("fund-reverse");
	Actor club = actor(ROLE_CLUB, "15961-01");
	Err e = {0};
	open_books(db, &club);
	int64_t c = entry(db, &club, "income", "contribution", "01/08/2025", "100.000", NULL, E_NONE, NULL);
	EntryInput t = {.date = "02/08/2025", .amount = "500.000", .handled_by = "Cúc", .note = "Bù chi hoạt động"};
	int64_t out = fund_transfer(db, &club, club_id, "income", &t, &e);
	assert_true(out > 0);
	Fund f[2];
	assert_int_equal(fund_get(db, &club, club_id, f, &e), 0);
	assert_int_equal(f[0].balance, 10000000 + 100000 - 500000);
	assert_int_equal(f[1].balance, 2000000 + 500000);
	FundEntry x;
	assert_int_equal(fund_entry_get(db, &club, club_id, out, &x, &e), 0);
	assert_true(x.pair_id > 0);

	/* A reversal needs a reason, happens once, not before the entry, and never on the opening. */
	int64_t before = footprint(db);
	assert_int_equal(fund_entry_reverse(db, &club, club_id, c, "", NULL, &e), -1);
	assert_int_equal(e.code, E_REQUIRED);
	assert_string_equal(e.field, "reason");
	assert_int_equal(fund_entry_reverse(db, &club, club_id, c, "Ghi nhầm", "31/07/2025", &e), -1);
	assert_int_equal(e.code, E_DATE_ORDER);
	assert_int_equal(footprint(db), before);
	int64_t r = fund_entry_reverse(db, &club, club_id, c, "Ghi nhầm số tiền", "03/08/2025", &e);
	assert_true(r > 0);
	assert_int_equal(fund_entry_reverse(db, &club, club_id, c, "Lần nữa", NULL, &e), -1);
	assert_int_equal(e.code, E_REVERSED);
	assert_int_equal(fund_entry_reverse(db, &club, club_id, r, "Đảo của đảo", NULL, &e), -1);
	assert_int_equal(e.code, E_REVERSED);
	FundEntry open1;
	assert_int_equal(fund_entry_get(db, &club, club_id, c - 2, &open1, &e), 0); /* income opening: id 1 */
	assert_int_equal(fund_entry_reverse(db, &club, club_id, open1.id, "Sai", NULL, &e), -1);
	assert_int_equal(e.code, E_REVERSED);
	assert_int_equal(fund_entry_get(db, &club, club_id, r, &x, &e), 0);
	assert_int_equal(x.amount, -100000);
	assert_int_equal(x.reverses, c);
	assert_string_equal(x.voucher, "PC-0004");
	/* The transfer reversed in both books. */
	assert_true(fund_entry_reverse(db, &club, club_id, out, "Chuyển nhầm", "03/08/2025", &e) > 0);
	assert_int_equal(fund_get(db, &club, club_id, f, &e), 0);
	assert_int_equal(f[0].balance, 10000000);
	assert_int_equal(f[1].balance, 2000000);
	/* The fund book: running balances in date order, totals, the balance brought forward. */
	int64_t runs[16] = {0};
	FundBook fb;
	assert_int_equal(fund_book(db, &club, club_id, "income", "2025-08-01", "2025-08-31", book, runs, &fb, &e), 0);
	assert_int_equal(fb.opening, 10000000);
	assert_int_equal(fb.count, 4);
	assert_int_equal(fb.total_in, 100000 + 500000);
	assert_int_equal(fb.total_out, 500000 + 100000);
	assert_int_equal(fb.closing, 10000000);
	assert_int_equal(runs[1], 10100000);
	assert_int_equal(runs[2], 9600000);
	assert_int_equal(verify_quiet(db), 0);
	db_close(db);
}

static void schedules_are_planned_exactly(void **state)
{
	(void)state;
	Instalment p[7];
	assert_int_equal(loan_plan(1000000, 100, 3, "equal", "2026-01-31", p), 0);
	assert_string_equal(p[0].due_on, "2026-02-28");
	assert_string_equal(p[1].due_on, "2026-03-31");
	assert_int_equal(p[0].principal, 333333);
	assert_int_equal(p[2].principal, 333334); /* the remainder in the last */
	assert_int_equal(p[0].interest, 10000);
	assert_int_equal(p[1].interest, 6667); /* 666.667 × 1 %, rounded */
	assert_int_equal(p[2].interest, 3333);
	assert_int_equal(loan_plan(3000000, 0, 3, "end", "2026-01-05", p), 0);
	assert_int_equal(p[0].principal, 0);
	assert_int_equal(p[2].principal, 3000000);
	assert_int_equal(p[2].interest, 0);
	assert_int_equal(loan_plan(1000000, 501, 3, "equal", "2026-01-05", p), -1);
	assert_int_equal(loan_plan(1000000, 0, 0, "equal", "2026-01-05", p), -1);
	assert_int_equal(loan_plan(1000000, 0, 3, "weekly", "2026-01-05", p), -1);
}

static void loans_follow_the_written_rule(void **state)
{
	(void)state;
	Db *db = example("loan-rule");
	Actor club = actor(ROLE_CLUB, "15961-01");
	Err e = {0};
	Loan l;
	assert_int_equal(loan_get(db, &club, club_id, loan1, "2026-02-10", &l, &e), 0);
	assert_string_equal(l.status, "active");
	assert_int_equal(l.outstanding, 4000000);
	assert_int_equal(l.principal_paid, 2000000);
	assert_int_equal(l.interest_paid, 55000);
	assert_int_equal(l.interest_due, 80000);
	assert_int_equal(l.principal_due, 4000000);
	assert_int_equal(l.arrears_days, 123);
	assert_string_equal(l.next_due_on, "2025-10-10");
	assert_int_equal(l.payoff, 4080000);
	assert_int_equal(l.nschedule, 6);
	assert_int_equal(l.schedule_rows[2].interest, 20000);
	assert_int_equal(l.schedule_rows[2].principal_unpaid, 1000000);
	assert_int_equal(l.npayments, 2);
	loan_free(&l);
	/* As of an earlier day: not late yet on 10/10/2025, 31 days late on 10/11/2025. */
	assert_int_equal(loan_get(db, &club, club_id, loan1, "2025-10-10", &l, &e), 0);
	assert_int_equal(l.arrears_days, 0);
	assert_int_equal(l.interest_due, 20000);
	loan_free(&l);
	assert_int_equal(loan_get(db, &club, club_id, loan1, "2025-11-10", &l, &e), 0);
	assert_int_equal(l.arrears_days, 31);
	loan_free(&l);

	/* Refusals: more than owed, before the last payment, a locked month, a zero amount. */
	int64_t before = footprint(db);
	RepayInput bad = {.date = "10/02/2026", .amount = "4.080.001", .handled_by = "Cúc"};
	assert_int_equal(loan_repay(db, &club, club_id, loan1, &bad, NULL, NULL, &e), -1);
	assert_int_equal(e.code, E_OVERPAY);
	assert_string_equal(e.field, "amount");
	assert_non_null(strstr(e.detail, "4.080.000"));
	bad.date = "09/09/2025";
	bad.amount = "100.000";
	assert_int_equal(loan_repay(db, &club, club_id, loan1, &bad, NULL, NULL, &e), -1);
	assert_int_equal(e.code, E_DATE_ORDER);
	bad.date = "10/02/2026";
	bad.amount = "0";
	assert_int_equal(loan_repay(db, &club, club_id, loan1, &bad, NULL, NULL, &e), -1);
	assert_int_equal(e.code, E_AMOUNT);
	assert_int_equal(loan_repay(db, &club, club_id, 999, &bad, NULL, NULL, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(footprint(db), before);

	/* A loan to someone not on the book that day, or more than the fund holds. */
	char other[24];
	snprintf(other, sizeof other, "%lld", (long long)dung);
	LoanInput in = {.member = other, .principal = "1.000.000", .purpose = "Heo", .term = "3", .schedule = "equal",
			.disbursed_on = "01/02/2026", .handled_by = "Cúc"};
	assert_int_equal(loan_create(db, &club, club_id, &in, &e), -1);
	assert_int_equal(e.code, E_NOT_MEMBER);
	assert_string_equal(e.field, "member");
	char m[24];
	snprintf(m, sizeof m, "%lld", (long long)cuc);
	in.member = m;
	in.disbursed_on = "01/03/2024"; /* before she joined, before the books */
	assert_int_equal(loan_create(db, &club, club_id, &in, &e), -1);
	assert_int_equal(e.code, E_DATE_ORDER);
	in.disbursed_on = "06/02/2026";
	in.principal = "99.000.000";
	assert_int_equal(loan_create(db, &club, club_id, &in, &e), -1);
	assert_int_equal(e.code, E_FUND_SHORT);
	assert_string_equal(e.field, "principal");
	in.principal = "1.000.000";
	in.term = "0";
	assert_int_equal(loan_create(db, &club, club_id, &in, &e), -1);
	assert_string_equal(e.field, "term");
	in.term = "3";
	in.rate = "7";
	assert_int_equal(loan_create(db, &club, club_id, &in, &e), -1);
	assert_string_equal(e.field, "rate");
	assert_int_equal(footprint(db), before);

	/* Paying off the whole loan on the day: interest first, then principal. */
	repay(db, &club, loan1, "10/02/2026", "4.080.000", 4000000, 80000);
	assert_int_equal(loan_get(db, &club, club_id, loan1, NULL, &l, &e), 0);
	assert_string_equal(l.status, "repaid");
	assert_int_equal(l.outstanding, 0);
	loan_free(&l);
	bad = (RepayInput){.date = "10/02/2026", .amount = "1", .handled_by = "Cúc"};
	assert_int_equal(loan_repay(db, &club, club_id, loan1, &bad, NULL, NULL, &e), -1);
	assert_int_equal(e.code, E_LOAN_STATE);
	/* A new loan's page shows the months ahead as the plan does: interest on what will be left. */
	int64_t l3 = lend(db, &club, cuc, "4.000.000", "1", "4", "equal", "10/02/2026");
	assert_int_equal(loan_get(db, &club, club_id, l3, NULL, &l, &e), 0);
	Instalment plan[4];
	assert_int_equal(loan_plan(4000000, 100, 4, "equal", "2026-02-10", plan), 0);
	for (int k = 0; k < 4; k++) {
		assert_int_equal(l.schedule_rows[k].interest, plan[k].interest);
		assert_string_equal(l.schedule_rows[k].due_on, plan[k].due_on);
	}
	assert_int_equal(plan[1].interest, 30000);
	loan_free(&l);
	assert_int_equal(verify_quiet(db), 0);
	db_close(db);
}

static void figures_are_the_same_at_every_level(void **state)
{
	(void)state;
	Db *db = example("loan-figures");
	Actor admin = actor(ROLE_ADMIN, ""), viewer = actor(ROLE_VIEWER, ""), province = actor(ROLE_PROVINCE, "38");
	Err e = {0};
	FundFigures f;
	const char *units[] = {"15961-01", "15961", "38", NULL};
	for (int i = 0; i < 4; i++) {
		assert_int_equal(fund_figures(db, &admin, units[i], NULL, 0, &f, NULL, NULL, &e), 0);
		assert_int_equal(f.income_cash, 10000000 - 6000000 + 1030000 + 1025000 - 3000000 + 1000000);
		assert_int_equal(f.activity_cash, 2000000);
		assert_int_equal(f.outstanding, 6000000);
		assert_int_equal(f.loans, 2);
		assert_int_equal(f.par30, 4000000);
		assert_int_equal(f.overdue, 4000000);
		assert_int_equal(f.borrowers, 2);
		assert_int_equal(f.clubs_both, 1);
		assert_int_equal(f.due_12m, 6000000);
		assert_int_equal(f.repaid_12m, 2000000);
		assert_int_equal(f.members, 3 + (i == 3)); /* the country has Dũng's club too */
		assert_int_equal(f.members_books, 3);      /* which keeps no books here */
		assert_int_equal(f.clubs, 1 + (i == 3));
	}
	assert_int_equal(fund_ratio_bp(f.par30, f.outstanding), 6667);
	assert_int_equal(f.clubs_books, 1);
	assert_int_equal(f.clubs_income, 1);
	/* A viewer reads the figures; a province user only its own province's. */
	assert_int_equal(fund_figures(db, &viewer, "38", NULL, 0, &f, NULL, NULL, &e), 0);
	assert_int_equal(f.par30, 4000000);
	assert_int_equal(fund_figures(db, &province, "01", NULL, 0, &f, NULL, NULL, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(fund_figures(db, &province, NULL, NULL, 0, &f, NULL, NULL, &e), -1);

	/* A write-off needs a second board member; then the loan leaves the portfolio at risk. */
	int64_t before = footprint(db);
	char borrower[24], chair[24];
	snprintf(borrower, sizeof borrower, "%lld", (long long)anh);
	snprintf(chair, sizeof chair, "%lld", (long long)cuc);
	Actor club = actor(ROLE_CLUB, "15961-01");
	assert_int_equal(loan_write_off(db, &club, club_id, loan1, "10/02/2026", "Bà Ánh mất", NULL, &e), -1);
	assert_int_equal(e.code, E_CONFIRMER);
	assert_int_equal(loan_write_off(db, &club, club_id, loan1, "10/02/2026", "Bà Ánh mất", borrower, &e), -1);
	assert_int_equal(e.code, E_CONFIRMER);
	assert_int_equal(loan_write_off(db, &club, club_id, loan1, "10/02/2026", "", chair, &e), -1);
	assert_int_equal(e.code, E_REQUIRED);
	assert_int_equal(footprint(db), before);
	assert_int_equal(loan_write_off(db, &club, club_id, loan1, "10/02/2026", "Bà Ánh mất, gia đình khó khăn", chair, &e), 0);
	assert_int_equal(fund_figures(db, &admin, "38", NULL, 0, &f, NULL, NULL, &e), 0);
	assert_int_equal(f.outstanding, 2000000);
	assert_int_equal(f.par30, 0);
	assert_int_equal(f.borrowers, 1);
	assert_int_equal(f.repaid_12m, 2000000); /* written off is not repaid */
	assert_int_equal(verify_quiet(db), 0);
	db_close(db);
}

static void reversing_a_loans_entries(void **state)
{
	(void)state;
	Db *db = example("loan-reverse");
	Actor club = actor(ROLE_CLUB, "15961-01");
	Err e = {0};
	Loan l;
	assert_int_equal(loan_get(db, &club, club_id, loan1, NULL, &l, &e), 0);
	int64_t disb = l.disbursement_entry, first = l.payments[0].principal_entry, last = l.payments[1].interest_entry;
	loan_free(&l);
	assert_int_equal(fund_entry_reverse(db, &club, club_id, disb, "Nhầm", NULL, &e), -1);
	assert_int_equal(e.code, E_REVERSED);
	assert_int_equal(fund_entry_reverse(db, &club, club_id, first, "Nhầm", NULL, &e), -1);
	assert_int_equal(e.code, E_REVERSED);
	/* The latest payment, reversed through its interest entry: both its entries go. */
	assert_true(fund_entry_reverse(db, &club, club_id, last, "Ghi nhầm khoản vay", NULL, &e) > 0);
	assert_int_equal(loan_get(db, &club, club_id, loan1, "2026-02-10", &l, &e), 0);
	assert_int_equal(l.outstanding, 5000000);
	assert_string_equal(l.next_due_on, "2025-09-10");
	assert_int_equal(l.arrears_days, 153);
	loan_free(&l);
	Fund f[2];
	assert_int_equal(fund_get(db, &club, club_id, f, &e), 0);
	assert_int_equal(f[0].balance, 10000000 - 6000000 + 1030000 - 3000000 + 1000000);
	/* Loan 2's payment, then its disbursement: the loan is cancelled, the money back. */
	assert_int_equal(loan_get(db, &club, club_id, loan2, NULL, &l, &e), 0);
	int64_t p2 = l.payments[0].principal_entry, d2 = l.disbursement_entry;
	loan_free(&l);
	assert_true(fund_entry_reverse(db, &club, club_id, p2, "Nhầm", NULL, &e) > 0);
	assert_true(fund_entry_reverse(db, &club, club_id, d2, "Không vay nữa", NULL, &e) > 0);
	assert_int_equal(loan_get(db, &club, club_id, loan2, NULL, &l, &e), 0);
	assert_string_equal(l.status, "cancelled");
	loan_free(&l);
	FundFigures ff;
	Actor admin = actor(ROLE_ADMIN, "");
	assert_int_equal(fund_figures(db, &admin, "15961", NULL, 0, &ff, NULL, NULL, &e), 0);
	assert_int_equal(ff.loans, 1);
	assert_int_equal(ff.borrowers, 1);
	assert_int_equal(ff.outstanding, 5000000);
	assert_int_equal(verify_quiet(db), 0);
	db_close(db);
}

static const ReportItem *item(const Report *r, const char *code)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->items[i].ind.code, code) == 0)
			return &r->items[i];
	fail_msg("no item %s", code);
	return NULL;
}

static void the_monthly_report_takes_its_fund_figures_from_the_books(void **state)
{
	(void)state;
	Db *db = example("loan-report");
	Actor club = actor(ROLE_CLUB, "15961-01");
	Err e = {0};
	Report r;
	/* Before the books opened, the figures are typed. */
	assert_int_equal(report_get(db, &club, club_id, "2025-05", &r, &e), 0);
	assert_false(item(&r, "INC_OUTSTANDING")->computed);
	report_free(&r);
	assert_int_equal(report_get(db, &club, club_id, "2025-08", &r, &e), 0);
	static const struct { const char *code; int64_t v; } aug[] = {
		{"INC_LOANS_N", 0}, {"INC_LOANS_VND", 0}, {"INC_REPAID_VND", 1000000}, {"INC_INTEREST_VND", 30000},
		{"INC_OUTSTANDING", 5000000}, {"INC_BORROWERS", 1}, {"INC_PAR30_VND", 0},
		{"INC_FUND_VND", 10000000 - 6000000 + 1030000 + 5000000}, {"ACT_FUND_VND", 2000000},
	};
	for (size_t i = 0; i < sizeof aug / sizeof *aug; i++) {
		assert_true(item(&r, aug[i].code)->computed);
		assert_true(item(&r, aug[i].code)->has_value);
		if (item(&r, aug[i].code)->value != aug[i].v)
			fail_msg("%s = %lld, not %lld", aug[i].code, (long long)item(&r, aug[i].code)->value, (long long)aug[i].v);
	}
	report_free(&r);
	assert_int_equal(report_get(db, &club, club_id, "2025-12", &r, &e), 0);
	assert_int_equal(item(&r, "INC_PAR30_VND")->value, 4000000); /* 82 days late on 31/12 */
	report_free(&r);
	/* A book figure cannot be typed; July then August reconcile without a warning. */
	ReportProblems p;
	ReportValue v = {"INC_OUTSTANDING", "1"};
	assert_int_equal(report_save(db, &club, club_id, "2025-07", &v, 1, NULL, &p, &e), -1);
	assert_int_equal(e.code, E_REPORT_CHECK);
	assert_non_null(strstr(p.items[0].vi, "sổ quỹ"));
	assert_int_equal(report_submit(db, &club, club_id, "2025-07", NULL, 0, NULL, &p, &e), 0);
	assert_int_equal(report_save(db, &club, club_id, "2025-08", NULL, 0, NULL, &p, &e), 0);
	/* Submitted, July's books are locked: an entry there is refused, nothing changes. */
	entry(db, &club, "activity", "contribution", "20/07/2025", "10.000", NULL, E_MONTH_LOCKED, "date");
	char m[24];
	snprintf(m, sizeof m, "%lld", (long long)cuc);
	LoanInput in = {.member = m, .principal = "100.000", .purpose = "Heo", .term = "3", .schedule = "equal",
			.disbursed_on = "20/07/2025", .handled_by = "Cúc"};
	int64_t before = footprint(db);
	assert_int_equal(loan_create(db, &club, club_id, &in, &e), -1);
	assert_int_equal(e.code, E_MONTH_LOCKED);
	assert_string_equal(e.field, "disbursed_on");
	assert_int_equal(footprint(db), before);
	/* The submitted month keeps the figures it was submitted with. */
	assert_int_equal(report_get(db, &club, club_id, "2025-07", &r, &e), 0);
	assert_string_equal(r.status, "submitted");
	assert_int_equal(item(&r, "INC_LOANS_VND")->value, 6000000);
	assert_int_equal(item(&r, "INC_OUTSTANDING")->value, 6000000);
	report_free(&r);
	db_close(db);
}

static void the_hash_chain_shows_changes_made_behind_ishc(void **state)
{
	(void)state;
	Db *db = example("fund-tamper");
	Actor club = actor(ROLE_CLUB, "15961-01");
	entry(db, &club, "activity", "contribution", "09/02/2026", "70.000", NULL, E_NONE, NULL);
	assert_int_equal(verify_quiet(db), 0);
	char err[256];
	assert_int_equal(db_exec_script(db, "UPDATE fund_entries SET amount = amount + 1000 WHERE no = 2 AND fund_id = "
				       "(SELECT id FROM funds WHERE kind = 'income')", err, sizeof err), DB_OK);
	assert_true(verify_quiet(db) > 0);
	assert_int_equal(db_exec_script(db, "UPDATE fund_entries SET amount = amount - 1000 WHERE no = 2 AND fund_id = "
				       "(SELECT id FROM funds WHERE kind = 'income')", err, sizeof err), DB_OK);
	assert_int_equal(verify_quiet(db), 0);
	/* The last entry removed, with the book's balance made to match: the chain still tells. */
	assert_int_equal(db_exec_script(db, "DELETE FROM fund_entries WHERE no = 2 AND fund_id = "
				       "(SELECT id FROM funds WHERE kind = 'activity'); UPDATE funds SET balance = balance - 70000 "
				       "WHERE kind = 'activity'", err, sizeof err), DB_OK);
	assert_true(verify_quiet(db) > 0);
	/* The live figures changed by hand are reported too. */
	db_close(db);
	db = example("fund-tamper-totals");
	assert_int_equal(db_exec_script(db, "UPDATE loan_totals SET outstanding = outstanding + 5 WHERE unit_id = 0", err,
				       sizeof err), DB_OK);
	assert_true(verify_quiet(db) > 0);
	db_close(db);
	/* The loans a fund holds, changed by hand: reported. */
	db = example("fund-tamper-loans");
	assert_int_equal(db_exec_script(db, "UPDATE funds SET loans_out = loans_out + 1 WHERE kind = 'income'", err, sizeof err), DB_OK);
	assert_true(verify_quiet(db) > 0);
	db_close(db);
}

/* A server goes on taking entries while `ishc verify` reads the books: each check sees every book
 * whole, before or after each entry (one snapshot), so nothing written properly is reported. */
typedef struct Writer {
	char path[4096];
	int n, written;
} Writer;

static void *write_entries(void *arg)
{
	Writer *w = arg;
	char err[256];
	Db *db = db_open(w->path, 0, err, sizeof err);
	Actor admin = actor(ROLE_ADMIN, "");
	for (int i = 0; db && i < w->n; i++) {
		Err e = {0};
		EntryInput in = {.kind = "contribution", .date = "10/02/2026", .amount = "5.000", .handled_by = "Cúc",
				 .party = "Hội viên"};
		if (fund_entry_add(db, &admin, club_id, "activity", &in, &e) > 0)
			w->written++;
	}
	db_close(db);
	return NULL;
}

static void verify_while_entries_are_written(void **state)
{
	(void)state;
	Db *db = setup("fund-verify-live");
	Actor club = actor(ROLE_CLUB, "15961-01");
	open_books(db, &club);
	/* A long book read first (the income fund's), so that the activity fund is read a while after
	 * the list of funds: the moment an entry written then would be half seen. */
	for (int i = 0; i < 1200; i++)
		entry(db, &club, "income", "contribution", "10/02/2026", "1.000", NULL, E_NONE, NULL);
	Writer w = {.n = 300};
	snprintf(w.path, sizeof w.path, "%s", db_path(db));
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, write_entries, &w), 0);
	int checks = 0, problems = 0;
	do {
		problems += verify_quiet(db);
		checks++;
	} while ((w.written < w.n || checks < 60) && checks < 2000);
	pthread_join(t, NULL);
	assert_int_equal(w.written, w.n);
	assert_int_equal(problems, 0);
	assert_int_equal(verify_quiet(db), 0);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(books_open_once_and_number_their_entries),
		cmocka_unit_test(transfers_and_reversals_keep_both_books_right),
		cmocka_unit_test(schedules_are_planned_exactly),
		cmocka_unit_test(loans_follow_the_written_rule),
		cmocka_unit_test(figures_are_the_same_at_every_level),
		cmocka_unit_test(reversing_a_loans_entries),
		cmocka_unit_test(the_monthly_report_takes_its_fund_figures_from_the_books),
		cmocka_unit_test(the_hash_chain_shows_changes_made_behind_ishc),
		cmocka_unit_test(verify_while_entries_are_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
