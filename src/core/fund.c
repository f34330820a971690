/* The books of a club's two funds (see fund.h): opening, entries, transfers, reversals, the fund
 * book, the hash chain and its check, and the live per-unit figures. Loans are in loan.c. */
#include "core/fund.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "core/audit.h"
#include "core/club.h"
#include "core/fund_int.h"
#include "core/memo.h"
#include "core/scope.h"
#include "core/unit.h"
#include "lib/date.h"
#include "lib/vi.h"

/* ---- names ---- */

typedef struct Label {
	const char *code, *vi, *en;
	int in;
} Label;

static const Label entry_kinds[] = {
	{"opening", "Số dư đầu kỳ", "Opening balance", 1},
	{"contribution", "Đóng góp của thành viên", "Member contribution", 1},
	{"grant", "Hỗ trợ", "Grant", 1},
	{"donation", "Ủng hộ, tài trợ", "Donation", 1},
	{"repayment", "Thu nợ gốc", "Principal repaid", 1},
	{"interest", "Thu lãi, phí", "Interest and fees", 1},
	{"other_in", "Thu khác", "Other income", 1},
	{"disbursement", "Cho vay", "Loan disbursed", 0},
	{"expense", "Chi", "Expense", 0},
	{"transfer_in", "Chuyển từ quỹ kia sang", "Transfer from the other fund", 1},
	{"transfer_out", "Chuyển sang quỹ kia", "Transfer to the other fund", 0},
	{"reversal", "Bút toán đảo", "Reversal", -1},
	{NULL, NULL, NULL, 0},
};

const char *const fund_entry_kinds_income[] = {"contribution", "grant", "donation", "other_in", "expense", NULL};
const char *const fund_entry_kinds_activity[] = {"contribution", "grant", "donation", "other_in", "expense", NULL};
const char *const fund_grant_sources[] = {"commune", "province", "central", "project", NULL};
const char *const fund_expense_categories[] = {"meeting", "care", "health", "culture", "gifts", "office",
					       "training", "other", NULL};

static const Label categories[] = {
	{"commune", "Ngân sách / Hội NCT xã", "Commune budget or association", 0},
	{"province", "Ngân sách / Hội NCT tỉnh", "Province budget or association", 0},
	{"central", "Trung ương", "Central level", 0},
	{"project", "Dự án tài trợ", "Donor project", 0},
	{"meeting", "Sinh hoạt, họp CLB", "Club meetings", 0},
	{"care", "Chăm sóc tại nhà, thăm hỏi", "Home care and visits", 0},
	{"health", "Sức khoẻ", "Health", 0},
	{"culture", "Văn hoá, văn nghệ, thể thao", "Culture and sport", 0},
	{"gifts", "Quà tặng, hiếu hỉ", "Gifts, weddings and funerals", 0},
	{"office", "Văn phòng phẩm, sổ sách", "Stationery and books", 0},
	{"training", "Tập huấn", "Training", 0},
	{"other", "Chi khác", "Other", 0},
	{NULL, NULL, NULL, 0},
};

static const Label *label_find(const Label *t, const char *code)
{
	for (; code && t->code; t++)
		if (strcmp(t->code, code) == 0)
			return t;
	return NULL;
}

static int en(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

const char *fund_kind_label(const char *fund_kind, const char *lang)
{
	int inc = fund_kind && strcmp(fund_kind, "income") == 0;
	return en(lang) ? (inc ? "Income-generation fund" : "Activity fund") : (inc ? "Quỹ tăng thu nhập" : "Quỹ hoạt động");
}

const char *fund_entry_kind_label(const char *kind, const char *lang)
{
	const Label *l = label_find(entry_kinds, kind);
	return l ? (en(lang) ? l->en : l->vi) : "";
}

int fund_entry_kind_in(const char *kind)
{
	const Label *l = label_find(entry_kinds, kind);
	return l ? l->in : -1;
}

const char *fund_category_label(const char *category, const char *lang)
{
	const Label *l = label_find(categories, category);
	return l ? (en(lang) ? l->en : l->vi) : "";
}

static int in_list(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

int64_t fund_ratio_bp(int64_t num, int64_t den)
{
	return den > 0 ? (num * 10000 + den / 2) / den : -1;
}

/* ---- shared pieces (fund_int.h) ---- */

static _Thread_local int bulk;

void fund_bulk(int on)
{
	bulk = on;
}

int fund_bulk_on(void)
{
	return bulk;
}

int fund_is_en(const Actor *by)
{
	return en(by->lang);
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

void fund_today(char out[11])
{
	time_t t = (time_t)db_now() + 7 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int fund_access(Db *db, const Actor *by, int64_t club_id, int write, Err *e)
{
	if (!scope_sees_people(by) || by->role == ROLE_NONE)
		return err_set(e, E_FORBIDDEN, NULL), 1;
	Club *c = malloc(sizeof *c);
	if (!c)
		return -DB_ERROR;
	int have = club_get(db, by, club_id, c);
	free(c);
	if (have < 0)
		return -DB_ERROR;
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL), 1;
	if (write && !(by->role == ROLE_ADMIN || by->role == ROLE_PROVINCE || by->role == ROLE_COMMUNE ||
		       by->role == ROLE_CLUB))
		return err_set(e, E_FORBIDDEN, NULL), 1;
	return 0;
}

int fund_date_in(const Actor *by, const char *text, const char *field, char out[11], Err *e)
{
	if (!text || !*text)
		return err_set(e, E_REQUIRED, field), 1;
	if (vi_parse_date(text, out) != VI_OK)
		return err_set(e, E_DATE, field), 1;
	char today[11];
	fund_today(today);
	if (strcmp(out, today) > 0)
		return err_setf(e, E_DATE_ORDER, field, "%s",
				fund_is_en(by) ? "A date after today cannot be recorded." : "Không ghi sổ cho ngày sau hôm nay."),
		       1;
	return 0;
}

int fund_amount_in(const char *text, const char *field, int64_t *out, Err *e)
{
	if (!text || !*text)
		return err_set(e, E_REQUIRED, field), 1;
	int64_t v = 0;
	if (vi_parse_money(text, &v) != VI_OK || v <= 0 || v > VI_MONEY_MAX)
		return err_set(e, E_AMOUNT, field), 1;
	*out = v;
	return 0;
}

int fund_month_locked(Db *db, int64_t club_id, const char *date)
{
	char period[8];
	snprintf(period, sizeof period, "%.7s", date);
	Stmt *st = db_stmt(db, "fund_month_locked",
			   "SELECT status FROM reports WHERE club_id = $1 AND period = $2 AND status IN ('submitted', 'approved')");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, period);
	DbStatus s = db_step(st);
	if (s == DB_ROW) {
		db_reset(st);
		return 1;
	}
	return s == DB_DONE ? 0 : -(int)s;
}

static void fund_fill(Stmt *st, Fund *f)
{
	f->id = db_col_int(st, 0);
	f->club_id = db_col_int(st, 1);
	copy(f->kind, sizeof f->kind, db_col_text(st, 2));
	copy(f->opened_on, sizeof f->opened_on, db_col_text(st, 3));
	f->balance = db_col_int(st, 4);
	f->entries = db_col_int(st, 5);
}

int fund_row(Db *db, int64_t club_id, const char *kind, Fund *out)
{
	memset(out, 0, sizeof *out);
	Stmt *st = db_stmt(db, "fund_row",
			   "SELECT id, club_id, kind, opened_on, balance, entries FROM funds WHERE club_id = $1 AND kind = $2");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, kind);
	DbStatus s = db_step(st);
	if (s == DB_ROW) {
		fund_fill(st, out);
		db_reset(st);
		return 1;
	}
	return s == DB_DONE ? 0 : -(int)s;
}

/* The head hash of a fund (read apart: it is not part of Fund). */
static int fund_head(Db *db, int64_t fund_id, char head[FUND_HASH_HEX + 1])
{
	Stmt *st = db_stmt(db, "fund_head", "SELECT head FROM funds WHERE id = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, fund_id);
	DbStatus s = db_step(st);
	if (s != DB_ROW)
		return -(int)(s == DB_DONE ? DB_ERROR : s);
	copy(head, FUND_HASH_HEX + 1, db_col_text(st, 0));
	db_reset(st);
	return 0;
}

#define PLACES_SQL                                                                                   \
	"SELECT r.ancestor_id FROM clubs c JOIN unit_reach r ON r.unit_id = c.unit_id "                 \
	"JOIN units u ON u.id = r.ancestor_id WHERE c.id = $1 AND u.valid_to IS NULL "                  \
	"AND u.level IN ('commune', 'province')"

DbStatus fund_places(Db *db, int64_t club_id, Places *p)
{
	p->n = 0;
	p->id[p->n++] = 0;
	Stmt *st = db_stmt(db, "fund_places", PLACES_SQL);
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, club_id);
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW)
		if (p->n < FUND_PLACES_MAX)
			p->id[p->n++] = db_col_int(st, 0);
	return s == DB_DONE ? DB_OK : s;
}

DbStatus fund_totals_add(Db *db, const Places *p, const FundDelta *d)
{
	for (size_t i = 0; i < p->n; i++) {
		Stmt *st = db_stmt(db, "fund_totals_add",
				   "INSERT INTO fund_totals (unit_id, income_cash, activity_cash, borrowers, members, members_books) "
				   "VALUES ($1, $2, $3, $4, $5, $6) "
				   "ON CONFLICT (unit_id) DO UPDATE SET income_cash = fund_totals.income_cash + $2, "
				   "activity_cash = fund_totals.activity_cash + $3, borrowers = fund_totals.borrowers + $4, "
				   "members = fund_totals.members + $5, members_books = fund_totals.members_books + $6");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, p->id[i]);
		db_bind_int(st, 2, d->income_cash);
		db_bind_int(st, 3, d->activity_cash);
		db_bind_int(st, 4, d->borrowers);
		db_bind_int(st, 5, d->members);
		db_bind_int(st, 6, d->members_books);
		DbStatus s = db_exec_stmt(st);
		if (s != DB_OK)
			return s;
	}
	return DB_OK;
}

DbStatus fund_loan_totals_add(Db *db, const Places *p, const char *next_due, int64_t outstanding, int64_t loans)
{
	for (size_t i = 0; i < p->n; i++) {
		Stmt *st = db_stmt(db, "loan_totals_add",
				   "INSERT INTO loan_totals (unit_id, next_due, outstanding, loans) VALUES ($1, $2, $3, $4) "
				   "ON CONFLICT (unit_id, next_due) DO UPDATE SET outstanding = loan_totals.outstanding + $3, "
				   "loans = loan_totals.loans + $4");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, p->id[i]);
		db_bind_text(st, 2, next_due);
		db_bind_int(st, 3, outstanding);
		db_bind_int(st, 4, loans);
		DbStatus s = db_exec_stmt(st);
		if (s != DB_OK)
			return s;
	}
	/* Rows with nothing left go, so that a unit's rows stay as many as its live due dates. */
	Stmt *st = db_stmt(db, "loan_totals_prune", "DELETE FROM loan_totals WHERE next_due = $1 AND loans = 0 AND outstanding = 0");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, next_due);
	return db_exec_stmt(st);
}

DbStatus fund_instalment_totals_add(Db *db, const Places *p, const char *due_on, int64_t scheduled, int64_t unpaid)
{
	if (!scheduled && !unpaid)
		return DB_OK;
	for (size_t i = 0; i < p->n; i++) {
		Stmt *st = db_stmt(db, "instalment_totals_add",
				   "INSERT INTO instalment_totals (unit_id, due_on, scheduled, unpaid) VALUES ($1, $2, $3, $4) "
				   "ON CONFLICT (unit_id, due_on) DO UPDATE SET scheduled = instalment_totals.scheduled + $3, "
				   "unpaid = instalment_totals.unpaid + $4");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, p->id[i]);
		db_bind_text(st, 2, due_on);
		db_bind_int(st, 3, scheduled);
		db_bind_int(st, 4, unpaid);
		DbStatus s = db_exec_stmt(st);
		if (s != DB_OK)
			return s;
	}
	return DB_OK;
}

int fund_members_changed(Db *db, int64_t club_id, int delta)
{
	if (!delta)
		return DB_OK;
	Places p;
	DbStatus s = fund_places(db, club_id, &p);
	Fund f;
	int books = s == DB_OK ? fund_row(db, club_id, "income", &f) : 0;
	if (books < 0)
		return -books;
	FundDelta d = {.members = delta, .members_books = books ? delta : 0};
	return s != DB_OK ? (int)s : (int)fund_totals_add(db, &p, &d);
}

int fund_member_on(Db *db, int64_t club_id, int64_t member_id, const char *date, char *name, size_t namelen)
{
	Stmt *st = db_stmt(db, "fund_member_on",
			   "SELECT family_name, middle_name, given_name FROM members WHERE id = $1 AND club_id = $2 "
			   "AND joined_on <= $3 AND (left_on IS NULL OR left_on > $3)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, member_id);
	db_bind_int(st, 2, club_id);
	db_bind_text(st, 3, date);
	DbStatus s = db_step(st);
	if (s == DB_ROW) {
		const char *f = db_col_text(st, 0), *m = db_col_text(st, 1), *g = db_col_text(st, 2);
		snprintf(name, namelen, "%s%s%s%s%s", f ? f : "", f && *f ? " " : "", m ? m : "", m && *m ? " " : "", g ? g : "");
		db_reset(st);
		return 1;
	}
	return s == DB_DONE ? 0 : -(int)s;
}

/* ---- the hash chain ---- */

static void hash_text(crypto_hash_sha256_state *h, const char *name, const char *v)
{
	char head[64];
	v = v ? v : "";
	int n = snprintf(head, sizeof head, "%s=%zu:", name, strlen(v));
	crypto_hash_sha256_update(h, (const unsigned char *)head, (unsigned long long)n);
	crypto_hash_sha256_update(h, (const unsigned char *)v, strlen(v));
	crypto_hash_sha256_update(h, (const unsigned char *)"\n", 1);
}

static void hash_int(crypto_hash_sha256_state *h, const char *name, int64_t v)
{
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)v);
	hash_text(h, name, num);
}

/* The hash of an entry: SHA-256 over its fields and the previous entry's hash, each written as
 * name=length:value, so that no two different entries read the same. */
static void entry_hash(const FundEntry *x, const char *prev, char out[FUND_HASH_HEX + 1])
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	hash_text(&h, "ishc-fund-entry", "1");
	hash_int(&h, "fund", x->fund_id);
	hash_int(&h, "no", x->no);
	hash_text(&h, "date", x->on_date);
	hash_text(&h, "kind", x->kind);
	hash_int(&h, "amount", x->amount);
	hash_text(&h, "category", x->category);
	hash_text(&h, "party", x->party);
	hash_int(&h, "member", x->member_id);
	hash_int(&h, "loan", x->loan_id);
	hash_int(&h, "reverses", x->reverses);
	hash_int(&h, "pair", x->pair_id);
	hash_text(&h, "note", x->note);
	hash_text(&h, "handled_by", x->handled_by);
	hash_text(&h, "recorded_by", x->recorded_by);
	hash_text(&h, "recorded_at", x->recorded_at);
	hash_text(&h, "prev", prev);
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(out, FUND_HASH_HEX + 1, d, sizeof d);
}

/* ---- appending ---- */

/* The lowest balance of the fund from the end of day `date` on (that day's balance, then after
 * each later entry), so that money out on date never leaves a later day below zero. */
static int lowest_from(Db *db, int64_t fund_id, const char *date, int64_t *low)
{
	/* Nothing dated after it (the usual case): the balance now is the balance of that day. */
	Stmt *st = db_stmt(db, "fund_later", "SELECT 1 FROM fund_entries WHERE fund_id = $1 AND on_date > $2 LIMIT 1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, fund_id);
	db_bind_text(st, 2, date);
	DbStatus s0 = db_step(st);
	if (s0 == DB_ROW)
		db_reset(st);
	else if (s0 != DB_DONE)
		return -(int)s0;
	if (s0 == DB_DONE) {
		st = db_stmt(db, "fund_balance_now", "SELECT balance FROM funds WHERE id = $1");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, fund_id);
		if (db_step(st) != DB_ROW)
			return -DB_ERROR;
		*low = db_col_int(st, 0);
		db_reset(st);
		return 0;
	}
	st = db_stmt(db, "fund_balance_on", "SELECT COALESCE(SUM(amount), 0) FROM fund_entries WHERE fund_id = $1 AND on_date <= $2");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, fund_id);
	db_bind_text(st, 2, date);
	DbStatus s = db_step(st);
	if (s != DB_ROW)
		return -(int)(s == DB_DONE ? DB_ERROR : s);
	int64_t bal = db_col_int(st, 0);
	db_reset(st);
	*low = bal;
	st = db_stmt(db, "fund_after", "SELECT amount FROM fund_entries WHERE fund_id = $1 AND on_date > $2 ORDER BY on_date, no");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, fund_id);
	db_bind_text(st, 2, date);
	while ((s = db_step(st)) == DB_ROW) {
		bal += db_col_int(st, 0);
		if (bal < *low)
			*low = bal;
	}
	return s == DB_DONE ? 0 : -(int)s;
}

static json_t *entry_json(const FundEntry *x)
{
	return json_pack("{s:I, s:s, s:I, s:s, s:s, s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:s, s:s, s:s}", "fund_id",
			 (json_int_t)x->fund_id, "fund", x->fund_kind, "no", (json_int_t)x->no, "date", x->on_date, "kind", x->kind,
			 "amount", (json_int_t)x->amount, "category", x->category, "party", x->party, "member_id",
			 (json_int_t)x->member_id, "loan_id", (json_int_t)x->loan_id, "reverses", (json_int_t)x->reverses,
			 "pair_id", (json_int_t)x->pair_id, "note", x->note, "handled_by", x->handled_by, "hash", x->hash);
}

int fund_append(Db *db, const Actor *by, const NewEntry *ne, const char *short_field, int64_t *id, Err *e)
{
	const Fund *f = ne->fund;
	if (ne->amount < 0) {
		int64_t low = 0;
		int rc = lowest_from(db, f->id, ne->on_date, &low);
		if (rc)
			return rc;
		if (low + ne->amount < 0) {
			char b[VI_NUM_BUFSZ], a[VI_NUM_BUFSZ];
			vi_format_int(low, b);
			vi_format_int(-ne->amount, a);
			if (fund_is_en(by))
				err_setf(e, E_FUND_SHORT, short_field, "The %s holds %s đồng on that day or after; %s đồng cannot go out.",
					 strcmp(f->kind, "income") == 0 ? "income-generation fund" : "activity fund", b, a);
			else
				err_setf(e, E_FUND_SHORT, short_field, "%s chỉ còn %s đồng vào ngày đó hoặc sau đó; không chi được %s đồng.",
					 fund_kind_label(f->kind, "vi"), b, a);
			return 1;
		}
	}
	FundEntry *x = calloc(1, sizeof *x);
	if (!x)
		return -DB_ERROR;
	char prev[FUND_HASH_HEX + 1];
	int rc = fund_head(db, f->id, prev);
	if (rc) {
		free(x);
		return rc;
	}
	/* The fund row is read again here, inside the writer's transaction: two treasurers writing
	 * at once are serialised by the store, and each numbers after the other. */
	Stmt *st = db_stmt(db, "fund_entries_n", "SELECT entries FROM funds WHERE id = $1");
	DbStatus s = st ? (db_bind_int(st, 1, f->id), db_step(st)) : DB_ERROR;
	if (s != DB_ROW) {
		free(x);
		return -(int)(s == DB_DONE ? DB_ERROR : s);
	}
	x->no = db_col_int(st, 0) + 1;
	db_reset(st);
	x->fund_id = f->id;
	copy(x->fund_kind, sizeof x->fund_kind, f->kind);
	copy(x->on_date, sizeof x->on_date, ne->on_date);
	copy(x->kind, sizeof x->kind, ne->kind);
	x->amount = ne->amount;
	copy(x->category, sizeof x->category, ne->category);
	copy(x->party, sizeof x->party, ne->party);
	x->member_id = ne->member_id;
	x->loan_id = ne->loan_id;
	x->reverses = ne->reverses;
	x->pair_id = ne->pair_id;
	copy(x->note, sizeof x->note, ne->note);
	copy(x->handled_by, sizeof x->handled_by, ne->handled_by);
	copy(x->recorded_by, sizeof x->recorded_by, by->username[0] ? by->username : "system");
	db_now_iso(x->recorded_at);
	entry_hash(x, prev, x->hash);
	st = db_stmt(db, "fund_entry_insert",
		     "INSERT INTO fund_entries (fund_id, no, on_date, kind, amount, category, party, member_id, loan_id, "
		     "reverses, pair_id, note, handled_by, recorded_by, recorded_at, prev, hash) VALUES ($1, $2, $3, $4, $5, "
		     "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)");
	if (!st) {
		free(x);
		return -DB_ERROR;
	}
	db_bind_int(st, 1, x->fund_id);
	db_bind_int(st, 2, x->no);
	db_bind_text(st, 3, x->on_date);
	db_bind_text(st, 4, x->kind);
	db_bind_int(st, 5, x->amount);
	db_bind_text(st, 6, x->category);
	db_bind_text(st, 7, x->party);
	if (x->member_id)
		db_bind_int(st, 8, x->member_id);
	else
		db_bind_null(st, 8);
	if (x->loan_id)
		db_bind_int(st, 9, x->loan_id);
	else
		db_bind_null(st, 9);
	if (x->reverses)
		db_bind_int(st, 10, x->reverses);
	else
		db_bind_null(st, 10);
	if (x->pair_id)
		db_bind_int(st, 11, x->pair_id);
	else
		db_bind_null(st, 11);
	db_bind_text(st, 12, x->note);
	db_bind_text(st, 13, x->handled_by);
	db_bind_text(st, 14, x->recorded_by);
	db_bind_text(st, 15, x->recorded_at);
	db_bind_text(st, 16, prev);
	db_bind_text(st, 17, x->hash);
	s = db_exec_stmt(st);
	if (s == DB_CONSTRAINT && x->reverses) {
		free(x);
		return err_set(e, E_REVERSED, NULL), 1;
	}
	if (s == DB_OK) {
		*id = db_last_id(db);
		st = db_stmt(db, "fund_move",
			     "UPDATE funds SET balance = balance + $2, entries = $3, head = $4 WHERE id = $1");
		if (!st)
			s = DB_ERROR;
		else {
			db_bind_int(st, 1, f->id);
			db_bind_int(st, 2, x->amount);
			db_bind_int(st, 3, x->no);
			db_bind_text(st, 4, x->hash);
			s = db_exec_stmt(st);
		}
	}
	if (s == DB_OK) {
		Places p;
		s = fund_places(db, f->club_id, &p);
		FundDelta d = {0};
		if (strcmp(f->kind, "income") == 0)
			d.income_cash = x->amount;
		else
			d.activity_cash = x->amount;
		if (s == DB_OK)
			s = fund_totals_add(db, &p, &d);
	}
	if (s == DB_OK && !bulk) {
		char idtxt[24];
		snprintf(idtxt, sizeof idtxt, "%lld", (long long)*id);
		json_t *after = entry_json(x);
		s = audit_write(db, by, "fund.entry", "fund_entry", idtxt, NULL, after);
		json_decref(after);
	}
	free(x);
	return s == DB_OK ? 0 : -(int)s;
}

/* ---- running transactions ---- */

/* db_tx's answer as the functions' answer: 0 done, 1 refused (e set), negative: the store. */
static int tx_result(int rc, Err *e)
{
	if (rc == 0)
		return 0;
	if (rc > 0)
		return -1;
	err_set(e, err_from_db(rc), NULL);
	return -1;
}

/* ---- opening ---- */

typedef struct OpenTx {
	const Actor *by;
	int64_t club_id;
	const FundOpenInput *in;
	Err *e;
} OpenTx;

static int open_tx(Db *db, void *arg)
{
	OpenTx *t = arg;
	const FundOpenInput *in = t->in;
	int rc = fund_access(db, t->by, t->club_id, 1, t->e);
	if (rc)
		return rc;
	Fund f;
	if ((rc = fund_row(db, t->club_id, "income", &f)) != 0 || (rc = fund_row(db, t->club_id, "activity", &f)) != 0)
		return rc > 0 ? (err_set(t->e, E_FUND_OPEN, NULL), 1) : rc;
	char date[11];
	if (fund_date_in(t->by, in->date, "date", date, t->e))
		return 1;
	Club c;
	if (club_get(db, t->by, t->club_id, &c) != 1)
		return -DB_ERROR;
	const char *since = c.founded_on[0] ? c.founded_on : c.status_date;
	if (since[0] && strcmp(date, since) < 0) {
		char d[VI_DATE_BUFSZ];
		vi_format_date(since, d);
		return err_setf(t->e, E_DATE_ORDER, "date",
				fund_is_en(t->by) ? "The books cannot open before the club was founded (%s)."
						  : "Không mở sổ trước ngày CLB thành lập (%s).",
				d),
		       1;
	}
	if ((rc = fund_month_locked(db, t->club_id, date)) != 0)
		return rc > 0 ? (err_set(t->e, E_MONTH_LOCKED, "date"), 1) : rc;
	int64_t amount[2] = {0, 0};
	const char *texts[2] = {in->income, in->activity}, *fields[2] = {"income", "activity"};
	for (int i = 0; i < 2; i++) {
		if (!texts[i] || !*texts[i])
			continue;
		if (vi_parse_money(texts[i], &amount[i]) != VI_OK || amount[i] < 0 || amount[i] > VI_MONEY_MAX)
			return err_set(t->e, E_AMOUNT, fields[i]), 1;
	}
	if (!in->handled_by || !*in->handled_by)
		return err_set(t->e, E_REQUIRED, "handled_by"), 1;
	char now[21];
	db_now_iso(now);
	static const char *const kinds[2] = {"income", "activity"};
	for (int i = 0; i < 2; i++) {
		Stmt *st = db_stmt(db, "fund_insert",
				   "INSERT INTO funds (club_id, kind, opened_on, balance, entries, head, created_at) "
				   "VALUES ($1, $2, $3, 0, 0, '', $4)");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, t->club_id);
		db_bind_text(st, 2, kinds[i]);
		db_bind_text(st, 3, date);
		db_bind_text(st, 4, now);
		DbStatus s = db_exec_stmt(st);
		if (s == DB_CONSTRAINT)
			return err_set(t->e, E_FUND_OPEN, NULL), 1;
		if (s != DB_OK)
			return -(int)s;
		if ((rc = fund_row(db, t->club_id, kinds[i], &f)) != 1)
			return rc < 0 ? rc : -DB_ERROR;
		int64_t id = 0;
		NewEntry ne = {.fund = &f, .on_date = date, .kind = "opening", .amount = amount[i],
			       .note = fund_is_en(t->by) ? "Balance brought forward from the paper books" : "Số dư chuyển sang từ sổ giấy",
			       .handled_by = in->handled_by};
		if ((rc = fund_append(db, t->by, &ne, fields[i], &id, t->e)) != 0)
			return rc;
	}
	/* From now on the club's members count in the share borrowing of its units. */
	Stmt *st = db_stmt(db, "fund_open_members", "SELECT COUNT(*) FROM members WHERE club_id = $1 AND left_on IS NULL");
	if (!st || (db_bind_int(st, 1, t->club_id), db_step(st)) != DB_ROW)
		return -DB_ERROR;
	FundDelta d = {.members_books = db_col_int(st, 0)};
	db_reset(st);
	Places p;
	DbStatus s = fund_places(db, t->club_id, &p);
	if (s == DB_OK)
		s = fund_totals_add(db, &p, &d);
	return s == DB_OK ? 0 : -(int)s;
}

int fund_open(Db *db, const Actor *by, int64_t club_id, const FundOpenInput *in, Err *e)
{
	OpenTx t = {by, club_id, in, e};
	return tx_result(db_tx(db, open_tx, &t), e);
}

int fund_open_in_tx(Db *db, const Actor *by, int64_t club_id, const FundOpenInput *in, Err *e)
{
	OpenTx t = {by, club_id, in, e};
	return open_tx(db, &t);
}

int fund_get(Db *db, const Actor *by, int64_t club_id, Fund out[2], Err *e)
{
	int rc = fund_access(db, by, club_id, 0, e);
	if (rc)
		return rc > 0 ? -1 : (err_set(e, err_from_db(rc), NULL), -1);
	if ((rc = fund_row(db, club_id, "income", &out[0])) < 0 || (rc = fund_row(db, club_id, "activity", &out[1])) < 0)
		return err_set(e, err_from_db(rc), NULL), -1;
	return 0;
}

/* ---- entries ---- */

/* Checks an entry's date against the book: the day it opened, today, a locked month. */
static int entry_date(Db *db, const Actor *by, const Fund *f, const char *text, char date[11], Err *e)
{
	if (fund_date_in(by, text, "date", date, e))
		return 1;
	if (strcmp(date, f->opened_on) < 0) {
		char d[VI_DATE_BUFSZ];
		vi_format_date(f->opened_on, d);
		return err_setf(e, E_DATE_ORDER, "date",
				fund_is_en(by) ? "The book opened on %s: nothing can be recorded before it."
					       : "Sổ mở ngày %s: không ghi được ngày trước đó.",
				d),
		       1;
	}
	int rc = fund_month_locked(db, f->club_id, date);
	if (rc)
		return rc > 0 ? (err_set(e, E_MONTH_LOCKED, "date"), 1) : rc;
	return 0;
}

static int text_in(const char *s, size_t max, const char *field, Err *e)
{
	if (s && strlen(s) >= max)
		return err_set(e, E_TOO_LONG, field), 1;
	return 0;
}

typedef struct EntryTx {
	const Actor *by;
	int64_t club_id;
	const char *fund_kind;
	const EntryInput *in;
	int transfer;
	int64_t id;
	Err *e;
} EntryTx;

static int entry_tx(Db *db, void *arg)
{
	EntryTx *t = arg;
	const EntryInput *in = t->in;
	int rc = fund_access(db, t->by, t->club_id, 1, t->e);
	if (rc)
		return rc;
	if (!t->fund_kind || (strcmp(t->fund_kind, "income") != 0 && strcmp(t->fund_kind, "activity") != 0))
		return err_set(t->e, E_NOT_FOUND, "fund"), 1;
	Fund f, other;
	if ((rc = fund_row(db, t->club_id, t->fund_kind, &f)) <= 0)
		return rc < 0 ? rc : (err_set(t->e, E_FUND_NOT_OPEN, NULL), 1);
	const char *kind = t->transfer ? "transfer_out" : in->kind;
	if (!t->transfer) {
		const char *const *allowed = strcmp(f.kind, "income") == 0 ? fund_entry_kinds_income : fund_entry_kinds_activity;
		if (!kind || !*kind)
			return err_set(t->e, E_REQUIRED, "kind"), 1;
		if (!in_list(allowed, kind))
			return err_set(t->e, E_ENTRY_KIND, "kind"), 1;
	}
	char date[11];
	if ((rc = entry_date(db, t->by, &f, in->date, date, t->e)) != 0)
		return rc;
	int64_t amount = 0;
	if (fund_amount_in(in->amount, "amount", &amount, t->e))
		return 1;
	const char *category = in->category && *in->category ? in->category : "";
	if (!t->transfer && strcmp(kind, "grant") == 0) {
		if (!*category)
			return err_set(t->e, E_REQUIRED, "category"), 1;
		if (!in_list(fund_grant_sources, category))
			return err_set(t->e, E_INVALID, "category"), 1;
	} else if (!t->transfer && strcmp(kind, "expense") == 0) {
		if (!*category)
			return err_set(t->e, E_REQUIRED, "category"), 1;
		if (!in_list(fund_expense_categories, category))
			return err_set(t->e, E_INVALID, "category"), 1;
	} else {
		category = "";
	}
	if (text_in(in->party, FUND_TEXT_MAX, "party", t->e) || text_in(in->note, FUND_TEXT_MAX, "note", t->e) ||
	    text_in(in->handled_by, 160, "handled_by", t->e))
		return 1;
	if (!in->handled_by || !*in->handled_by)
		return err_set(t->e, E_REQUIRED, "handled_by"), 1;
	int64_t member_id = 0;
	char party[FUND_TEXT_MAX];
	copy(party, sizeof party, in->party);
	if (in->member && *in->member) {
		char *end = NULL;
		member_id = strtoll(in->member, &end, 10);
		if (!end || *end || member_id <= 0)
			return err_set(t->e, E_NOT_MEMBER, "member"), 1;
		char name[160];
		if ((rc = fund_member_on(db, t->club_id, member_id, date, name, sizeof name)) <= 0)
			return rc < 0 ? rc : (err_set(t->e, E_NOT_MEMBER, "member"), 1);
		if (!party[0])
			copy(party, sizeof party, name);
	}
	if (t->transfer) {
		const char *to = strcmp(f.kind, "income") == 0 ? "activity" : "income";
		if ((rc = fund_row(db, t->club_id, to, &other)) <= 0)
			return rc < 0 ? rc : (err_set(t->e, E_FUND_NOT_OPEN, NULL), 1);
		if (strcmp(date, other.opened_on) < 0)
			return err_set(t->e, E_DATE_ORDER, "date"), 1;
	}
	int in_money = fund_entry_kind_in(kind) == 1;
	NewEntry ne = {.fund = &f, .on_date = date, .kind = kind, .amount = in_money ? amount : -amount,
		       .category = category, .party = party, .note = in->note, .handled_by = in->handled_by,
		       .member_id = member_id};
	if ((rc = fund_append(db, t->by, &ne, "amount", &t->id, t->e)) != 0)
		return rc;
	if (t->transfer) {
		int64_t in_id = 0;
		NewEntry back = {.fund = &other, .on_date = date, .kind = "transfer_in", .amount = amount, .party = party,
				 .note = in->note, .handled_by = in->handled_by, .pair_id = t->id};
		if ((rc = fund_append(db, t->by, &back, "amount", &in_id, t->e)) != 0)
			return rc;
	}
	return 0;
}

int64_t fund_entry_add(Db *db, const Actor *by, int64_t club_id, const char *fund_kind, const EntryInput *in, Err *e)
{
	EntryTx t = {by, club_id, fund_kind, in, 0, 0, e};
	return tx_result(db_tx(db, entry_tx, &t), e) ? -1 : t.id;
}

int64_t fund_transfer(Db *db, const Actor *by, int64_t club_id, const char *from_kind, const EntryInput *in, Err *e)
{
	EntryTx t = {by, club_id, from_kind, in, 1, 0, e};
	return tx_result(db_tx(db, entry_tx, &t), e) ? -1 : t.id;
}

int fund_entry_add_in_tx(Db *db, const Actor *by, int64_t club_id, const char *fund_kind, const EntryInput *in,
			 int64_t *id, Err *e)
{
	EntryTx t = {by, club_id, fund_kind, in, 0, 0, e};
	int rc = entry_tx(db, &t);
	*id = t.id;
	return rc;
}

int fund_transfer_in_tx(Db *db, const Actor *by, int64_t club_id, const char *from_kind, const EntryInput *in,
			int64_t *id, Err *e)
{
	EntryTx t = {by, club_id, from_kind, in, 1, 0, e};
	int rc = entry_tx(db, &t);
	*id = t.id;
	return rc;
}

/* ---- reading entries ---- */

#define ENTRY_COLS                                                                                     \
	"e.id, e.fund_id, f.kind, e.no, e.on_date, e.kind, e.amount, e.category, e.party, "            \
	"COALESCE(e.member_id, 0), COALESCE(e.loan_id, 0), COALESCE(e.reverses, 0), "                   \
	"COALESCE((SELECT r.id FROM fund_entries r WHERE r.reverses = e.id), 0), "                      \
	"COALESCE(e.pair_id, (SELECT p.id FROM fund_entries p WHERE p.pair_id = e.id), 0), "             \
	"e.note, e.handled_by, e.recorded_by, e.recorded_at, e.hash, "                                   \
	"COALESCE((SELECT m.family_name || ' ' || m.middle_name || ' ' || m.given_name FROM members m "  \
	"WHERE m.id = e.member_id), '')"

static void entry_fill(Stmt *st, FundEntry *x)
{
	memset(x, 0, sizeof *x);
	x->id = db_col_int(st, 0);
	x->fund_id = db_col_int(st, 1);
	copy(x->fund_kind, sizeof x->fund_kind, db_col_text(st, 2));
	x->no = db_col_int(st, 3);
	copy(x->on_date, sizeof x->on_date, db_col_text(st, 4));
	copy(x->kind, sizeof x->kind, db_col_text(st, 5));
	x->amount = db_col_int(st, 6);
	copy(x->category, sizeof x->category, db_col_text(st, 7));
	copy(x->party, sizeof x->party, db_col_text(st, 8));
	x->member_id = db_col_int(st, 9);
	x->loan_id = db_col_int(st, 10);
	x->reverses = db_col_int(st, 11);
	x->reversed_by = db_col_int(st, 12);
	x->pair_id = db_col_int(st, 13);
	copy(x->note, sizeof x->note, db_col_text(st, 14));
	copy(x->handled_by, sizeof x->handled_by, db_col_text(st, 15));
	copy(x->recorded_by, sizeof x->recorded_by, db_col_text(st, 16));
	copy(x->recorded_at, sizeof x->recorded_at, db_col_text(st, 17));
	copy(x->hash, sizeof x->hash, db_col_text(st, 18));
	/* "Family  Given" when there is no middle name: one space between words. */
	const char *n = db_col_text(st, 19);
	size_t k = 0;
	for (; n && *n && k + 1 < sizeof x->member_name; n++)
		if (!(*n == ' ' && (k == 0 || x->member_name[k - 1] == ' ')))
			x->member_name[k++] = *n;
	while (k && x->member_name[k - 1] == ' ')
		k--;
	x->member_name[k] = '\0';
	snprintf(x->voucher, sizeof x->voucher, "%s-%04lld", x->amount >= 0 ? "PT" : "PC", (long long)x->no);
}

int fund_entry_row(Db *db, int64_t id, FundEntry *out)
{
	Stmt *st = db_stmt(db, "fund_entry_row", "SELECT " ENTRY_COLS " FROM fund_entries e JOIN funds f ON f.id = e.fund_id WHERE e.id = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, id);
	DbStatus s = db_step(st);
	if (s == DB_ROW) {
		entry_fill(st, out);
		db_reset(st);
		return 1;
	}
	return s == DB_DONE ? 0 : -(int)s;
}

/* The club an entry belongs to (0 when none). */
static int64_t entry_club(Db *db, int64_t entry_id)
{
	Stmt *st = db_stmt(db, "fund_entry_club", "SELECT f.club_id FROM fund_entries e JOIN funds f ON f.id = e.fund_id WHERE e.id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, entry_id);
	DbStatus s = db_step(st);
	int64_t club = 0;
	if (s == DB_ROW) {
		club = db_col_int(st, 0);
		db_reset(st);
	} else if (s != DB_DONE)
		return -1;
	return club;
}

int fund_entry_get(Db *db, const Actor *by, int64_t club_id, int64_t entry_id, FundEntry *out, Err *e)
{
	int rc = fund_access(db, by, club_id, 0, e);
	if (rc)
		return rc > 0 ? -1 : (err_set(e, err_from_db(rc), NULL), -1);
	int64_t club = entry_club(db, entry_id);
	if (club < 0)
		return err_set(e, E_INTERNAL, NULL), -1;
	if (club != club_id)
		return err_set(e, E_NOT_FOUND, NULL), -1;
	rc = fund_entry_row(db, entry_id, out);
	if (rc <= 0)
		return err_set(e, rc < 0 ? err_from_db(rc) : E_NOT_FOUND, NULL), -1;
	return 0;
}

int64_t fund_entries(Db *db, const Actor *by, int64_t club_id, const char *fund_kind, int64_t offset, int64_t limit,
		     void (*fn)(const FundEntry *entry, void *arg), void *arg, Err *e)
{
	int rc = fund_access(db, by, club_id, 0, e);
	if (rc)
		return rc > 0 ? -1 : (err_set(e, err_from_db(rc), NULL), -1);
	Fund f;
	if ((rc = fund_row(db, club_id, fund_kind ? fund_kind : "", &f)) < 0)
		return err_set(e, err_from_db(rc), NULL), -1;
	if (rc == 0)
		return 0;
	Stmt *st = db_stmt(db, "fund_entries_page",
			   "SELECT " ENTRY_COLS " FROM fund_entries e JOIN funds f ON f.id = e.fund_id WHERE e.fund_id = $1 "
			   "ORDER BY e.no DESC LIMIT $2 OFFSET $3");
	if (!st)
		return err_set(e, E_INTERNAL, NULL), -1;
	db_bind_int(st, 1, f.id);
	db_bind_int(st, 2, limit);
	db_bind_int(st, 3, offset);
	FundEntry x;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		entry_fill(st, &x);
		fn(&x, arg);
	}
	if (s != DB_DONE)
		return err_set(e, err_from_db(s), NULL), -1;
	return f.entries;
}

int fund_book(Db *db, const Actor *by, int64_t club_id, const char *fund_kind, const char *from, const char *to,
	      void (*fn)(const FundEntry *entry, int64_t running, void *arg), void *arg, FundBook *out, Err *e)
{
	memset(out, 0, sizeof *out);
	int rc = fund_access(db, by, club_id, 0, e);
	if (rc)
		return rc > 0 ? -1 : (err_set(e, err_from_db(rc), NULL), -1);
	Fund f;
	if ((rc = fund_row(db, club_id, fund_kind ? fund_kind : "", &f)) < 0)
		return err_set(e, err_from_db(rc), NULL), -1;
	if (rc == 0)
		return err_set(e, E_FUND_NOT_OPEN, NULL), -1;
	char today[11];
	fund_today(today);
	const char *lo = from && *from ? from : f.opened_on, *hi = to && *to ? to : today;
	Stmt *st = db_stmt(db, "fund_balance_before",
			   "SELECT COALESCE(SUM(amount), 0) FROM fund_entries WHERE fund_id = $1 AND on_date < $2");
	if (!st)
		return err_set(e, E_INTERNAL, NULL), -1;
	db_bind_int(st, 1, f.id);
	db_bind_text(st, 2, lo);
	DbStatus s = db_step(st);
	if (s != DB_ROW)
		return err_set(e, err_from_db(s == DB_DONE ? DB_ERROR : s), NULL), -1;
	out->opening = db_col_int(st, 0);
	db_reset(st);
	st = db_stmt(db, "fund_book_rows",
		     "SELECT " ENTRY_COLS " FROM fund_entries e JOIN funds f ON f.id = e.fund_id WHERE e.fund_id = $1 "
		     "AND e.on_date >= $2 AND e.on_date <= $3 ORDER BY e.on_date, e.no");
	if (!st)
		return err_set(e, E_INTERNAL, NULL), -1;
	db_bind_int(st, 1, f.id);
	db_bind_text(st, 2, lo);
	db_bind_text(st, 3, hi);
	int64_t running = out->opening;
	FundEntry *x = malloc(sizeof *x);
	if (!x)
		return err_set(e, E_INTERNAL, NULL), -1;
	while ((s = db_step(st)) == DB_ROW) {
		entry_fill(st, x);
		running += x->amount;
		if (x->amount >= 0)
			out->total_in += x->amount;
		else
			out->total_out -= x->amount;
		out->count++;
		if (fn)
			fn(x, running, arg);
	}
	free(x);
	if (s != DB_DONE)
		return err_set(e, err_from_db(s), NULL), -1;
	out->closing = running;
	return 0;
}

/* ---- reversing ---- */

typedef struct ReverseTx {
	const Actor *by;
	int64_t club_id, entry_id;
	const char *reason, *date;
	int64_t id;
	Err *e;
} ReverseTx;

static int reverse_one(Db *db, const Actor *by, const FundEntry *x, const char *date, const char *reason,
		       int64_t *id, Err *e)
{
	Fund f;
	Stmt *st = db_stmt(db, "fund_by_id", "SELECT id, club_id, kind, opened_on, balance, entries FROM funds WHERE id = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, x->fund_id);
	DbStatus s = db_step(st);
	if (s != DB_ROW)
		return -(int)(s == DB_DONE ? DB_ERROR : s);
	fund_fill(st, &f);
	db_reset(st);
	char note[FUND_TEXT_MAX];
	snprintf(note, sizeof note, "%s %s: %.200s", fund_is_en(by) ? "Reverses" : "Đảo phiếu", x->voucher, reason);
	NewEntry ne = {.fund = &f, .on_date = date, .kind = "reversal", .amount = -x->amount, .category = x->category,
		       .party = x->party, .note = note, .handled_by = x->handled_by, .member_id = x->member_id,
		       .loan_id = x->loan_id, .reverses = x->id};
	return fund_append(db, by, &ne, "entry", id, e);
}

static int reverse_tx(Db *db, void *arg)
{
	ReverseTx *t = arg;
	int rc = fund_access(db, t->by, t->club_id, 1, t->e);
	if (rc)
		return rc;
	int64_t club = entry_club(db, t->entry_id);
	if (club < 0)
		return -DB_ERROR;
	if (club != t->club_id)
		return err_set(t->e, E_NOT_FOUND, NULL), 1;
	FundEntry x;
	if ((rc = fund_entry_row(db, t->entry_id, &x)) <= 0)
		return rc < 0 ? rc : (err_set(t->e, E_NOT_FOUND, NULL), 1);
	if (!t->reason || !*t->reason || strspn(t->reason, " \t\r\n") == strlen(t->reason))
		return err_set(t->e, E_REQUIRED, "reason"), 1;
	if (text_in(t->reason, 200, "reason", t->e))
		return 1;
	if (strcmp(x.kind, "opening") == 0 || strcmp(x.kind, "reversal") == 0 || x.reversed_by)
		return err_set(t->e, E_REVERSED, NULL), 1;
	char date[11];
	if (t->date && *t->date) {
		if (fund_date_in(t->by, t->date, "date", date, t->e))
			return 1;
	} else {
		fund_today(date);
	}
	if (strcmp(date, x.on_date) < 0)
		return err_set(t->e, E_DATE_ORDER, "date"), 1;
	if ((rc = fund_month_locked(db, t->club_id, date)) != 0)
		return rc > 0 ? (err_set(t->e, E_MONTH_LOCKED, "date"), 1) : rc;
	if (x.loan_id)
		return loan_reverse_entry(db, t->by, &x, date, t->reason, &t->id, t->e);
	if ((rc = reverse_one(db, t->by, &x, date, t->reason, &t->id, t->e)) != 0)
		return rc;
	if (x.pair_id) {
		FundEntry y;
		int64_t other = 0;
		if ((rc = fund_entry_row(db, x.pair_id, &y)) <= 0)
			return rc < 0 ? rc : -DB_ERROR;
		/* Money that came in goes out first, so that the check sees the fund it leaves. */
		if (y.amount > 0 && (rc = reverse_one(db, t->by, &y, date, t->reason, &other, t->e)) != 0)
			return rc;
		if (y.amount < 0 && (rc = reverse_one(db, t->by, &y, date, t->reason, &other, t->e)) != 0)
			return rc;
	}
	return 0;
}

int64_t fund_entry_reverse(Db *db, const Actor *by, int64_t club_id, int64_t entry_id, const char *reason,
			   const char *date, Err *e)
{
	ReverseTx t = {by, club_id, entry_id, reason, date, 0, e};
	return tx_result(db_tx(db, reverse_tx, &t), e) ? -1 : t.id;
}

/* ---- verifying ---- */

typedef struct Verify {
	void (*report)(const char *line, void *arg);
	void *arg;
	int problems;
} Verify;

static void say(Verify *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(Verify *v, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	v->problems++;
	if (v->report)
		v->report(line, v->arg);
}

typedef struct FundInfo {
	int64_t id, balance, entries, loans_out, loans_sum;
	char kind[10], club[16], head[FUND_HASH_HEX + 1];
} FundInfo;

static int verify_fund(Db *db, const FundInfo *fi, Verify *v)
{
	Stmt *st = db_stmt(db, "fund_verify_rows",
			   "SELECT e.id, e.fund_id, f.kind, e.no, e.on_date, e.kind, e.amount, e.category, e.party, "
			   "COALESCE(e.member_id, 0), COALESCE(e.loan_id, 0), COALESCE(e.reverses, 0), 0, COALESCE(e.pair_id, 0), "
			   "e.note, e.handled_by, e.recorded_by, e.recorded_at, e.hash, '', e.prev "
			   "FROM fund_entries e JOIN funds f ON f.id = e.fund_id WHERE e.fund_id = $1 ORDER BY e.no");
	if (!st)
		return -1;
	db_bind_int(st, 1, fi->id);
	const char *name = fund_kind_label(fi->kind, "vi");
	char prev[FUND_HASH_HEX + 1] = "", calc[FUND_HASH_HEX + 1];
	int64_t expect_no = 1, sum = 0;
	FundEntry x;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		entry_fill(st, &x);
		const char *stored_prev = db_col_text(st, 20);
		if (x.no != expect_no) {
			if (x.no > expect_no)
				say(v, "CLB %s, %s: thiếu phiếu số %lld đến %lld (đã bị xoá)", fi->club, name, (long long)expect_no,
				    (long long)(x.no - 1));
			else
				say(v, "CLB %s, %s: phiếu số %lld xuất hiện hai lần", fi->club, name, (long long)x.no);
		}
		if (strcmp(stored_prev ? stored_prev : "", prev) != 0)
			say(v, "CLB %s, %s: phiếu số %lld không nối tiếp phiếu trước (chuỗi băm bị cắt)", fi->club, name,
			    (long long)x.no);
		entry_hash(&x, stored_prev ? stored_prev : "", calc);
		if (strcmp(calc, x.hash) != 0)
			say(v, "CLB %s, %s: phiếu số %lld đã bị sửa ngoài phần mềm (mã băm không khớp)", fi->club, name,
			    (long long)x.no);
		copy(prev, sizeof prev, x.hash);
		sum += x.amount;
		expect_no = x.no + 1;
	}
	if (s != DB_DONE)
		return -1;
	if (expect_no - 1 != fi->entries)
		say(v, "CLB %s, %s: sổ ghi %lld phiếu nhưng còn %lld (phiếu cuối đã bị xoá hoặc thêm ngoài phần mềm)", fi->club,
		    name, (long long)fi->entries, (long long)(expect_no - 1));
	if (strcmp(prev, fi->head) != 0 && expect_no - 1 == fi->entries)
		say(v, "CLB %s, %s: phiếu cuối không phải phiếu đã ghi (mã băm đầu chuỗi khác)", fi->club, name);
	if (sum != fi->balance)
		say(v, "CLB %s, %s: số dư %lld khác tổng các phiếu %lld", fi->club, name, (long long)fi->balance, (long long)sum);
	if (fi->loans_out != fi->loans_sum)
		say(v, "CLB %s, %s: dư nợ ghi ở sổ quỹ %lld khác tổng dư nợ các khoản vay %lld", fi->club, name,
		    (long long)fi->loans_out, (long long)fi->loans_sum);
	return 0;
}

/* The live figures as they stand, as text lines, sorted by the SQL. */
typedef struct Lines {
	char **s;
	size_t n, cap;
} Lines;

static void lines_free(Lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	memset(l, 0, sizeof *l);
}

static int lines_read(Db *db, Lines *l)
{
	static const char *const sql[3] = {
		"SELECT 'fund_totals', unit_id, income_cash, activity_cash, borrowers, members, members_books FROM fund_totals "
		"WHERE income_cash <> 0 OR activity_cash <> 0 OR borrowers <> 0 OR members <> 0 OR members_books <> 0 ORDER BY unit_id",
		"SELECT 'loan_totals', unit_id, next_due, outstanding, loans FROM loan_totals "
		"WHERE outstanding <> 0 OR loans <> 0 ORDER BY unit_id, next_due",
		"SELECT 'instalment_totals', unit_id, due_on, scheduled, unpaid FROM instalment_totals "
		"WHERE scheduled <> 0 OR unpaid <> 0 ORDER BY unit_id, due_on",
	};
	static const char *const names[3] = {"fund_verify_ft", "fund_verify_lt", "fund_verify_it"};
	for (int q = 0; q < 3; q++) {
		Stmt *st = db_stmt(db, names[q], sql[q]);
		if (!st)
			return -1;
		DbStatus s;
		while ((s = db_step(st)) == DB_ROW) {
			char line[256];
			size_t k = 0;
			for (int c = 0; c < db_col_count(st) && k < sizeof line - 32; c++) {
				const char *t = db_col_text(st, c);
				k += (size_t)snprintf(line + k, sizeof line - k, "%s%s", c ? " " : "", t ? t : "");
			}
			if (l->n == l->cap) {
				size_t cap = l->cap ? l->cap * 2 : 256;
				char **n = realloc(l->s, cap * sizeof *n);
				if (!n)
					return -1;
				l->s = n;
				l->cap = cap;
			}
			if (!(l->s[l->n] = strdup(line)))
				return -1;
			l->n++;
		}
		if (s != DB_DONE)
			return -1;
	}
	return 0;
}

typedef struct TotalsCheck {
	Lines kept, rebuilt;
	int failed;
} TotalsCheck;

/* Rebuilds the live figures inside a transaction that is then rolled back, and keeps both
 * versions to compare. */
static int totals_check_tx(Db *db, void *arg)
{
	TotalsCheck *t = arg;
	lines_free(&t->kept);
	lines_free(&t->rebuilt);
	if (lines_read(db, &t->kept) || fund_totals_rebuild(db) != DB_OK || lines_read(db, &t->rebuilt))
		t->failed = 1;
	return 1; /* roll back */
}

/* The chains, balances and loans of every fund, read in one snapshot: a book written to while it
 * is checked (a server running) is seen whole, before or after each entry, never half. 0 or -1. */
static int verify_books(Db *db, void *arg)
{
	Verify *vp = arg;
	Stmt *st = db_stmt(db, "fund_verify_funds",
			   "SELECT f.id, f.balance, f.entries, f.kind, c.code, f.head, f.loans_out, "
			   "CASE WHEN f.kind = 'income' THEN (SELECT COALESCE(SUM(l.outstanding), 0) FROM loans l "
			   "WHERE l.club_id = f.club_id AND l.status = 'active') ELSE 0 END "
			   "FROM funds f JOIN clubs c ON c.id = f.club_id ORDER BY f.id");
	if (!st)
		return -1;
	FundInfo *list = NULL;
	size_t n = 0, cap = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			FundInfo *nl = realloc(list, cap * sizeof *nl);
			if (!nl) {
				free(list);
				db_reset(st);
				return -1;
			}
			list = nl;
		}
		FundInfo *fi = &list[n++];
		fi->id = db_col_int(st, 0);
		fi->balance = db_col_int(st, 1);
		fi->entries = db_col_int(st, 2);
		copy(fi->kind, sizeof fi->kind, db_col_text(st, 3));
		copy(fi->club, sizeof fi->club, db_col_text(st, 4));
		copy(fi->head, sizeof fi->head, db_col_text(st, 5));
		fi->loans_out = db_col_int(st, 6);
		fi->loans_sum = db_col_int(st, 7);
	}
	if (s != DB_DONE) {
		free(list);
		return -1;
	}
	/* An entry whose fund is gone, or a fund row removed, shows as entries nobody owns. */
	for (size_t i = 0; i < n; i++)
		if (verify_fund(db, &list[i], vp)) {
			free(list);
			return -1;
		}
	free(list);
	st = db_stmt(db, "fund_verify_orphans", "SELECT COUNT(*) FROM fund_entries e WHERE NOT EXISTS (SELECT 1 FROM funds f WHERE f.id = e.fund_id)");
	if (!st || db_step(st) != DB_ROW)
		return -1;
	int64_t orphans = db_col_int(st, 0);
	db_reset(st);
	if (orphans)
		say(vp, "%lld phiếu không thuộc quỹ nào (sổ quỹ đã bị xoá ngoài phần mềm)", (long long)orphans);
	return 0;
}

int fund_verify(Db *db, void (*report)(const char *line, void *arg), void *arg)
{
	Verify v = {report, arg, 0};
	if (db_read(db, verify_books, &v) != 0)
		return -1;
	TotalsCheck tc = {0};
	int rc = db_tx(db, totals_check_tx, &tc);
	if (rc < 0 || tc.failed) {
		lines_free(&tc.kept);
		lines_free(&tc.rebuilt);
		return -1;
	}
	size_t i = 0, j = 0, shown = 0;
	while (i < tc.kept.n || j < tc.rebuilt.n) {
		int c = i == tc.kept.n ? 1 : j == tc.rebuilt.n ? -1 : strcmp(tc.kept.s[i], tc.rebuilt.s[j]);
		if (c == 0) {
			i++, j++;
			continue;
		}
		if (shown++ < 20)
			say(&v, "số liệu tổng hợp lệch so với sổ: %s %s", c < 0 ? "có" : "thiếu", c < 0 ? tc.kept.s[i] : tc.rebuilt.s[j]);
		else
			v.problems++;
		if (c < 0)
			i++;
		else
			j++;
	}
	lines_free(&tc.kept);
	lines_free(&tc.rebuilt);
	return v.problems;
}

/* ---- rebuilding the live figures ---- */

#define PLACE_JOIN                                                                                     \
	" JOIN unit_reach r ON r.unit_id = c.unit_id JOIN units u ON u.id = r.ancestor_id "             \
	"AND u.valid_to IS NULL AND u.level IN ('commune', 'province') "

int fund_totals_rebuild(Db *db)
{
	static const char *const sql[] = {
		"UPDATE funds SET loans_out = CASE WHEN kind = 'income' THEN (SELECT COALESCE(SUM(l.outstanding), 0) "
		"FROM loans l WHERE l.club_id = funds.club_id AND l.status = 'active') ELSE 0 END",
		"DELETE FROM fund_totals",
		"DELETE FROM loan_totals",
		"DELETE FROM instalment_totals",
		/* per club first, then summed into its places and the country */
		"INSERT INTO fund_totals (unit_id, income_cash, activity_cash, borrowers, members, members_books) "
		"SELECT p, SUM(ic), SUM(ac), SUM(br), SUM(mb), SUM(mk) FROM ("
		" SELECT pl.place AS p, x.ic, x.ac, x.br, x.mb, x.mk FROM ("
		"  SELECT c.id AS club_id, r.ancestor_id AS place FROM clubs c" PLACE_JOIN
		"  UNION ALL SELECT c.id, 0 FROM clubs c) pl JOIN ("
		"  SELECT c.id AS club_id,"
		"   COALESCE((SELECT balance FROM funds f WHERE f.club_id = c.id AND f.kind = 'income'), 0) AS ic,"
		"   COALESCE((SELECT balance FROM funds f WHERE f.club_id = c.id AND f.kind = 'activity'), 0) AS ac,"
		"   (SELECT COUNT(DISTINCT l.member_id) FROM loans l WHERE l.club_id = c.id AND l.status = 'active') AS br,"
		"   (SELECT COUNT(*) FROM members m WHERE m.club_id = c.id AND m.left_on IS NULL) AS mb,"
		"   CASE WHEN EXISTS (SELECT 1 FROM funds f WHERE f.club_id = c.id AND f.kind = 'income') THEN"
		"    (SELECT COUNT(*) FROM members m WHERE m.club_id = c.id AND m.left_on IS NULL) ELSE 0 END AS mk"
		"  FROM clubs c) x ON x.club_id = pl.club_id"
		" ) y GROUP BY p",
		"INSERT INTO loan_totals (unit_id, next_due, outstanding, loans) "
		"SELECT p, next_due, SUM(outstanding), COUNT(*) FROM ("
		" SELECT r.ancestor_id AS p, l.next_due, l.outstanding FROM loans l JOIN clubs c ON c.id = l.club_id" PLACE_JOIN
		" WHERE l.status = 'active'"
		" UNION ALL SELECT 0, l.next_due, l.outstanding FROM loans l WHERE l.status = 'active'"
		") z GROUP BY p, next_due",
		"INSERT INTO instalment_totals (unit_id, due_on, scheduled, unpaid) "
		"SELECT p, due_on, SUM(principal), SUM(unpaid) FROM ("
		" SELECT r.ancestor_id AS p, i.due_on, i.principal, i.unpaid FROM loan_instalments i JOIN loans l ON l.id = i.loan_id"
		" JOIN clubs c ON c.id = l.club_id" PLACE_JOIN " WHERE l.status <> 'cancelled'"
		" UNION ALL SELECT 0, i.due_on, i.principal, i.unpaid FROM loan_instalments i JOIN loans l ON l.id = i.loan_id"
		" WHERE l.status <> 'cancelled'"
		") z GROUP BY p, due_on",
	};
	static const char *const names[] = {"fl_fill", "ft_clear", "lt_clear", "it_clear", "ft_fill", "lt_fill", "it_fill"};
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		Stmt *st = db_stmt(db, names[i], sql[i]);
		if (!st)
			return DB_ERROR;
		DbStatus s = db_exec_stmt(st);
		if (s != DB_OK)
			return s;
	}
	return DB_OK;
}

/* ---- figures of a unit ---- */

static int figures_units(Db *db, int64_t unit_id, const char *date, FundFigures *f)
{
	Stmt *st = db_stmt(db, "fig_ft",
			   "SELECT income_cash, activity_cash, borrowers, members, members_books FROM fund_totals WHERE unit_id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, unit_id);
	DbStatus s = db_step(st);
	if (s == DB_ROW) {
		f->income_cash = db_col_int(st, 0);
		f->activity_cash = db_col_int(st, 1);
		f->borrowers = db_col_int(st, 2);
		f->members = db_col_int(st, 3);
		f->members_books = db_col_int(st, 4);
		db_reset(st);
	} else if (s != DB_DONE)
		return -1;
	/* Clubs keeping books, and holding each fund: a few rows per club keeping books, read from
	 * the funds' index. */
	st = unit_id ? db_stmt(db, "fig_hold_unit",
			       "SELECT COUNT(*), COALESCE(SUM(CASE WHEN i.balance + i.loans_out > 0 THEN 1 ELSE 0 END), 0), "
			       "COALESCE(SUM(CASE WHEN a.balance > 0 THEN 1 ELSE 0 END), 0), "
			       "COALESCE(SUM(CASE WHEN i.balance + i.loans_out > 0 AND a.balance > 0 THEN 1 ELSE 0 END), 0) "
			       "FROM unit_reach r JOIN clubs c ON c.unit_id = r.unit_id "
			       "JOIN funds i ON i.club_id = c.id AND i.kind = 'income' "
			       "JOIN funds a ON a.club_id = c.id AND a.kind = 'activity' WHERE r.ancestor_id = $1")
		     : db_stmt(db, "fig_hold_all",
			       "SELECT COUNT(*), COALESCE(SUM(CASE WHEN i.balance + i.loans_out > 0 THEN 1 ELSE 0 END), 0), "
			       "COALESCE(SUM(CASE WHEN a.balance > 0 THEN 1 ELSE 0 END), 0), "
			       "COALESCE(SUM(CASE WHEN i.balance + i.loans_out > 0 AND a.balance > 0 THEN 1 ELSE 0 END), 0) "
			       "FROM funds i JOIN funds a ON a.club_id = i.club_id AND a.kind = 'activity' "
			       "WHERE i.kind = 'income' AND $1 = 0");
	if (!st)
		return -1;
	db_bind_int(st, 1, unit_id);
	if (db_step(st) != DB_ROW)
		return -1;
	f->clubs_books = db_col_int(st, 0);
	f->clubs_income = db_col_int(st, 1);
	f->clubs_activity = db_col_int(st, 2);
	f->clubs_both = db_col_int(st, 3);
	db_reset(st);
	char d30[11], d0[11], y1[11];
	date_add_days(date, -30, d30);
	date_add_days(date, -365, y1);
	snprintf(d0, sizeof d0, "%s", date);
	st = db_stmt(db, "fig_lt",
		     "SELECT COALESCE(SUM(outstanding), 0), COALESCE(SUM(loans), 0), "
		     "COALESCE(SUM(CASE WHEN next_due < $2 THEN outstanding ELSE 0 END), 0), "
		     "COALESCE(SUM(CASE WHEN next_due < $3 THEN outstanding ELSE 0 END), 0) FROM loan_totals WHERE unit_id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, unit_id);
	db_bind_text(st, 2, d30);
	db_bind_text(st, 3, d0);
	if (db_step(st) != DB_ROW)
		return -1;
	f->outstanding = db_col_int(st, 0);
	f->loans = db_col_int(st, 1);
	f->par30 = db_col_int(st, 2);
	f->overdue = db_col_int(st, 3);
	db_reset(st);
	st = db_stmt(db, "fig_it",
		     "SELECT COALESCE(SUM(scheduled), 0), COALESCE(SUM(unpaid), 0) FROM instalment_totals "
		     "WHERE unit_id = $1 AND due_on > $2 AND due_on <= $3");
	if (!st)
		return -1;
	db_bind_int(st, 1, unit_id);
	db_bind_text(st, 2, y1);
	db_bind_text(st, 3, d0);
	if (db_step(st) != DB_ROW)
		return -1;
	f->due_12m = db_col_int(st, 0);
	f->repaid_12m = f->due_12m - db_col_int(st, 1);
	db_reset(st);
	return 0;
}

/* The same figures for one club, from its own rows. */
static int figures_club(Db *db, int64_t club_id, const char *date, FundFigures *f)
{
	char d30[11], y1[11];
	date_add_days(date, -30, d30);
	date_add_days(date, -365, y1);
	Stmt *st = db_stmt(db, "fig_club",
			   "SELECT (SELECT COUNT(*) FROM clubs c WHERE c.id = $1 AND c.status IN ('founded', 'active')), "
			   "COALESCE((SELECT balance FROM funds WHERE club_id = $1 AND kind = 'income'), 0), "
			   "COALESCE((SELECT balance FROM funds WHERE club_id = $1 AND kind = 'activity'), 0), "
			   "(SELECT COUNT(*) FROM funds WHERE club_id = $1 AND kind = 'income' AND balance + loans_out > 0), "
			   "(SELECT COUNT(*) FROM funds WHERE club_id = $1 AND kind = 'activity' AND balance > 0), "
			   "(SELECT COUNT(DISTINCT member_id) FROM loans WHERE club_id = $1 AND status = 'active'), "
			   "(SELECT COUNT(*) FROM members WHERE club_id = $1 AND left_on IS NULL), "
			   "(SELECT COALESCE(SUM(outstanding), 0) FROM loans WHERE club_id = $1 AND status = 'active'), "
			   "(SELECT COUNT(*) FROM loans WHERE club_id = $1 AND status = 'active'), "
			   "(SELECT COALESCE(SUM(outstanding), 0) FROM loans WHERE club_id = $1 AND status = 'active' AND next_due < $2), "
			   "(SELECT COALESCE(SUM(outstanding), 0) FROM loans WHERE club_id = $1 AND status = 'active' AND next_due < $3), "
			   "(SELECT COALESCE(SUM(i.principal), 0) FROM loan_instalments i JOIN loans l ON l.id = i.loan_id "
			   " WHERE l.club_id = $1 AND l.status <> 'cancelled' AND i.due_on > $4 AND i.due_on <= $3), "
			   "(SELECT COALESCE(SUM(i.unpaid), 0) FROM loan_instalments i JOIN loans l ON l.id = i.loan_id "
			   " WHERE l.club_id = $1 AND l.status <> 'cancelled' AND i.due_on > $4 AND i.due_on <= $3)");
	if (!st)
		return -1;
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, d30);
	db_bind_text(st, 3, date);
	db_bind_text(st, 4, y1);
	if (db_step(st) != DB_ROW)
		return -1;
	f->clubs = db_col_int(st, 0);
	f->income_cash = db_col_int(st, 1);
	f->activity_cash = db_col_int(st, 2);
	f->clubs_income = db_col_int(st, 3);
	f->clubs_activity = db_col_int(st, 4);
	f->clubs_both = f->clubs_income && f->clubs_activity;
	f->borrowers = db_col_int(st, 5);
	f->members = db_col_int(st, 6);
	f->outstanding = db_col_int(st, 7);
	f->loans = db_col_int(st, 8);
	f->par30 = db_col_int(st, 9);
	f->overdue = db_col_int(st, 10);
	f->due_12m = db_col_int(st, 11);
	f->repaid_12m = f->due_12m - db_col_int(st, 12);
	db_reset(st);
	st = db_stmt(db, "fig_club_books", "SELECT COUNT(*) FROM funds WHERE club_id = $1 AND kind = 'income'");
	if (!st || (db_bind_int(st, 1, club_id), db_step(st)) != DB_ROW)
		return -1;
	f->clubs_books = db_col_int(st, 0);
	db_reset(st);
	f->members_books = f->clubs_books ? f->members : 0;
	return 0;
}

int fund_both_reported(Db *db, int64_t unit_id, const char *period, int64_t *both, int64_t *reported)
{
	*both = *reported = 0;
	Stmt *st = unit_id ? db_stmt(db, "fund_both_unit",
				     "SELECT COUNT(*), COALESCE(SUM(CASE WHEN i.value > 0 AND a.value > 0 THEN 1 ELSE 0 END), 0) "
				     "FROM unit_reach ur JOIN clubs c ON c.unit_id = ur.unit_id "
				     "JOIN reports r ON r.club_id = c.id AND r.period = $1 AND r.status IN ('submitted', 'approved') "
				     "LEFT JOIN report_values i ON i.report_id = r.id AND i.code = 'INC_FUND_VND' "
				     "LEFT JOIN report_values a ON a.report_id = r.id AND a.code = 'ACT_FUND_VND' "
				     "WHERE ur.ancestor_id = $2")
			   : db_stmt(db, "fund_both_all",
				     "SELECT COUNT(*), COALESCE(SUM(CASE WHEN i.value > 0 AND a.value > 0 THEN 1 ELSE 0 END), 0) "
				     "FROM reports r LEFT JOIN report_values i ON i.report_id = r.id AND i.code = 'INC_FUND_VND' "
				     "LEFT JOIN report_values a ON a.report_id = r.id AND a.code = 'ACT_FUND_VND' "
				     "WHERE r.period = $1 AND r.status IN ('submitted', 'approved') AND $2 = 0");
	if (!st)
		return -1;
	db_bind_text(st, 1, period);
	db_bind_int(st, 2, unit_id);
	if (db_step(st) != DB_ROW)
		return -1;
	*reported = db_col_int(st, 0);
	*both = db_col_int(st, 1);
	db_reset(st);
	return 0;
}

static int64_t active_clubs(Db *db, int64_t unit_id)
{
	Stmt *st = unit_id ? db_stmt(db, "fig_clubs_unit",
				     "SELECT COUNT(*) FROM unit_reach r JOIN clubs c ON c.unit_id = r.unit_id "
				     "WHERE r.ancestor_id = $1 AND c.status IN ('founded', 'active')")
			   : db_stmt(db, "fig_clubs_all", "SELECT COUNT(*) FROM clubs c WHERE c.status IN ('founded', 'active') AND $1 = 0");
	if (!st)
		return -1;
	db_bind_int(st, 1, unit_id);
	if (db_step(st) != DB_ROW)
		return -1;
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

typedef struct ChildList {
	FundFiguresRow *rows;
	int64_t *ids;
	size_t n, cap;
	int failed;
} ChildList;

static void child_add(ChildList *l, int64_t id, const char *code, const char *name)
{
	if (l->failed)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		FundFiguresRow *r = realloc(l->rows, cap * sizeof *r);
		int64_t *i = r ? realloc(l->ids, cap * sizeof *i) : NULL;
		if (r)
			l->rows = r;
		if (!r || !i) {
			l->failed = 1;
			return;
		}
		l->ids = i;
		l->cap = cap;
	}
	memset(&l->rows[l->n], 0, sizeof l->rows[l->n]);
	copy(l->rows[l->n].code, sizeof l->rows[l->n].code, code);
	copy(l->rows[l->n].name, sizeof l->rows[l->n].name, name);
	l->ids[l->n++] = id;
}

static void child_unit(const Unit *u, void *arg)
{
	ChildList *l = arg;
	child_add(l, u->id, u->code, u->name);
}

/* A unit's figures (0 = the country) on date with its active clubs, counted again only when the
 * data changed (core/memo.h): the dashboards and the national PAR30 ask for them on every request.
 * 0 or -1. */
static int unit_figures(Db *db, int64_t unit_id, const char *date, FundFigures *out)
{
	char key[MEMO_KEY_MAX];
	snprintf(key, sizeof key, "fund_figures|%lld|%s", (long long)unit_id, date);
	MemoVersion version = memo_version(db);
	if (memo_get(key, &version, out, sizeof *out))
		return 0;
	if (figures_units(db, unit_id, date, out) || (out->clubs = active_clubs(db, unit_id)) < 0)
		return -1;
	memo_put(key, &version, out, sizeof *out);
	return 0;
}

typedef struct FigTx {
	const Actor *by;
	const char *unit, *date;
	int by_child;
	FundFigures *out;
	void (*fn)(const FundFiguresRow *row, void *arg);
	void *arg;
	Err *e;
} FigTx;

static int figures_read(Db *db, void *arg)
{
	FigTx *t = arg;
	memset(t->out, 0, sizeof *t->out);
	char date[11];
	if (t->date && *t->date) {
		if (vi_parse_date(t->date, date) != VI_OK)
			return err_set(t->e, E_DATE, "date"), 1;
	} else {
		fund_today(date);
	}
	Club c = {0};
	Unit u = {0};
	int64_t unit_id = 0;
	int is_club = 0;
	/* The actor's scope, as the report totals read it: a club user sees its club, a unit's user
	 * what lies under it, national roles (and a viewer without a scope) everything. */
	int64_t su = 0;
	const char *sc = "";
	if (scope_filter(db, t->by, &su, &sc) != 0)
		return err_set(t->e, E_NOT_FOUND, "unit"), 1;
	if (!t->unit || !*t->unit) {
		if (su || *sc)
			return err_set(t->e, E_NOT_FOUND, "unit"), 1;
	} else if (strchr(t->unit, '-')) {
		Actor sys = {.role = ROLE_ADMIN}; /* scope is checked here; viewers may read a club's figures */
		if (club_get_by_code(db, &sys, t->unit, &c) != 1 || (*sc && strcmp(sc, t->unit) != 0) ||
		    (su && !scope_covers_unit(db, t->by, c.unit_id)))
			return err_set(t->e, E_NOT_FOUND, "unit"), 1;
		is_club = 1;
	} else {
		if (*sc || unit_find(db, t->unit, date, &u) != 1 || (su && !scope_covers_unit(db, t->by, u.id)))
			return err_set(t->e, E_NOT_FOUND, "unit"), 1;
		unit_id = u.id;
	}
	if (is_club)
		return figures_club(db, c.id, date, t->out) ? -DB_ERROR : 0;
	if (unit_figures(db, unit_id, date, t->out))
		return -DB_ERROR;
	if (!t->by_child || !t->fn)
		return 0;
	ChildList l = {0};
	int clubs_below = unit_id && u.level == UNIT_COMMUNE;
	if (clubs_below) {
		Stmt *st = db_stmt(db, "fig_child_clubs",
				   "SELECT c.id, c.code, c.name FROM unit_reach r JOIN clubs c ON c.unit_id = r.unit_id "
				   "WHERE r.ancestor_id = $1 ORDER BY c.code");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, unit_id);
		DbStatus s;
		while ((s = db_step(st)) == DB_ROW)
			child_add(&l, db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2));
		if (s != DB_DONE)
			l.failed = 1;
	} else {
		UnitFilter uf = {.on = date, .level = unit_id ? UNIT_COMMUNE : UNIT_PROVINCE, .parent_id = unit_id};
		if (unit_list(db, &uf, 0, 100000, child_unit, &l) < 0)
			l.failed = 1;
	}
	for (size_t i = 0; i < l.n && !l.failed; i++) {
		FundFiguresRow *row = &l.rows[i];
		if (clubs_below) {
			if (figures_club(db, l.ids[i], date, &row->f))
				l.failed = 1;
		} else if (unit_figures(db, l.ids[i], date, &row->f)) {
			l.failed = 1;
		}
		if (!l.failed)
			t->fn(row, t->arg);
	}
	int failed = l.failed;
	free(l.rows);
	free(l.ids);
	return failed ? -DB_ERROR : 0;
}

int fund_figures(Db *db, const Actor *by, const char *unit, const char *date, int by_child, FundFigures *out,
		 void (*fn)(const FundFiguresRow *row, void *arg), void *arg, Err *e)
{
	FigTx t = {by, unit, date, by_child, out, fn, arg, e};
	int rc = db_read(db, figures_read, &t);
	return tx_result(rc, e);
}
