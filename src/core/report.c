/* The monthly report of a club: reading it with its computed values, saving typed values into a
 * draft and submitting it, each behind the checks of the indicator catalogue (see report.h). */
#include "core/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/club.h"
#include "core/fund.h"
#include "core/scope.h"
#include "core/total.h"
#include "core/unit.h"
#include "lib/vi.h"

static const char *who(const Actor *by)
{
	return by->username[0] ? by->username : "cli";
}

static int is_en(const Actor *by)
{
	return strcmp(by->lang, "en") == 0;
}

/* "YYYY-MM": a real month, not after this month, not before the club was founded. Fills the
 * month's first and last day. 0, or -1 with e set on "period". */
static int period_check(Db *db, const Actor *by, const Club *c, const char *period, char first[11],
			char last[11], Err *e)
{
	(void)db;
	int ok = period && strlen(period) == REPORT_PERIOD_LEN && period[4] == '-';
	for (int i = 0; ok && i < REPORT_PERIOD_LEN; i++)
		ok = i == 4 || (period[i] >= '0' && period[i] <= '9');
	int year = ok ? (int)strtol(period, NULL, 10) : 0, month = ok ? (int)strtol(period + 5, NULL, 10) : 0;
	if (!ok || year < 1900 || month < 1 || month > 12)
		return err_setf(e, E_PERIOD, "period", "%s",
				is_en(by) ? "write the month as YYYY-MM, e.g. 2026-01" : "viết tháng dạng YYYY-MM, ví dụ 2026-01");
	char now[21];
	db_now_iso(now);
	if (strncmp(period, now, REPORT_PERIOD_LEN) > 0)
		return err_setf(e, E_PERIOD, "period", "%s",
				is_en(by) ? "the month has not come yet" : "tháng này chưa tới");
	if (c->founded_on[0] && strncmp(period, c->founded_on, REPORT_PERIOD_LEN) < 0) {
		char d[VI_DATE_BUFSZ];
		return err_setf(e, E_PERIOD, "period", is_en(by) ? "the club was founded on %s" : "CLB thành lập ngày %s",
				vi_format_date(c->founded_on, d) ? d : c->founded_on);
	}
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int last_day = days[month - 1];
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		last_day = 29;
	memcpy(first, period, REPORT_PERIOD_LEN);
	memcpy(first + REPORT_PERIOD_LEN, "-01", 4);
	memcpy(last, period, REPORT_PERIOD_LEN);
	last[7] = '-';
	last[8] = (char)('0' + last_day / 10);
	last[9] = (char)('0' + last_day % 10);
	last[10] = '\0';
	return 0;
}

typedef struct Items {
	ReportItem *items;
	size_t count, cap;
	int failed;
} Items;

static void item_add(const Indicator *x, void *arg)
{
	Items *it = arg;
	if (it->failed)
		return;
	if (it->count == it->cap) {
		size_t cap = it->cap ? it->cap * 2 : 48;
		ReportItem *n = realloc(it->items, cap * sizeof *n);
		if (!n) {
			it->failed = 1;
			return;
		}
		it->items = n;
		it->cap = cap;
	}
	ReportItem *ri = &it->items[it->count++];
	memset(ri, 0, sizeof *ri);
	ri->ind = *x;
	ri->computed = strcmp(x->source, "members") == 0;
}

static ReportItem *item_find(Report *r, const char *code)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->items[i].ind.code, code) == 0)
			return &r->items[i];
	return NULL;
}

/* The member figures of the month from the book: on the book on the last day, and the comings
 * and goings during the month. */
#define MEMBER_FIGURES_SQL                                                                            \
	"SELECT COALESCE(SUM(CASE WHEN m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on > $3) THEN 1 ELSE 0 END), 0), " \
	"COALESCE(SUM(CASE WHEN m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on > $3) AND "         \
	" ((m.birth_date IS NOT NULL AND m.birth_date <= $4) OR (m.birth_date IS NULL AND m.birth_year <= $5)) " \
	" THEN 1 ELSE 0 END), 0), "                                                                      \
	"COALESCE(SUM(CASE WHEN m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on > $3) AND m.sex = 'F' THEN 1 ELSE 0 END), 0), " \
	"COALESCE(SUM(CASE WHEN m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on > $3) AND m.household <> 'other' THEN 1 ELSE 0 END), 0), " \
	"COALESCE(SUM(CASE WHEN m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on > $3) AND m.disability = 1 THEN 1 ELSE 0 END), 0), " \
	"COALESCE(SUM(CASE WHEN m.joined_on >= $2 AND m.joined_on <= $3 THEN 1 ELSE 0 END), 0), "         \
	"COALESCE(SUM(CASE WHEN m.left_on IS NOT NULL AND m.left_on >= $2 AND m.left_on <= $3 THEN 1 ELSE 0 END), 0) " \
	"FROM members m WHERE m.club_id = $1"

static int member_figures(Db *db, Report *r, const char *first, const char *last)
{
	int age = settings_older_age(db);
	int year = (int)strtol(last, NULL, 10);
	char cut[11];
	snprintf(cut, sizeof cut, "%04d%s", year - age, last + 4);
	Stmt *st = db_stmt(db, "report_member_figures", MEMBER_FIGURES_SQL);
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, r->club_id);
	db_bind_text(st, 2, first);
	db_bind_text(st, 3, last);
	db_bind_text(st, 4, cut);
	db_bind_int(st, 5, year - age);
	DbStatus s = db_step(st);
	if (s != DB_ROW)
		return -(int)(s == DB_DONE ? DB_ERROR : s);
	static const char *const codes[] = {"MEM_TOTAL", "MEM_OLDER", "MEM_WOMEN", "MEM_POOR",
					    "MEM_DISAB", "MEM_JOINED", "MEM_LEFT"};
	for (int i = 0; i < 7; i++) {
		ReportItem *ri = item_find(r, codes[i]);
		if (ri && ri->computed) {
			ri->has_value = 1;
			ri->value = db_col_int(st, i);
		}
	}
	db_reset(st);
	return 0;
}

/* The source=ledger figures of the month from the club's fund books, for the books open by the
 * month's end: which items are computed (always), and their values (while the report can change). */
static const char *const ledger_income_codes[] = {"INC_LOANS_N", "INC_LOANS_VND", "INC_REPAID_VND", "INC_INTEREST_VND",
						  "INC_OUTSTANDING", "INC_BORROWERS", "INC_PAR30_VND", "INC_FUND_VND", NULL};

static int ledger_mark(Db *db, Report *r, FundMonth *fm)
{
	int rc = fund_month(db, r->club_id, r->period, fm);
	if (rc)
		return rc;
	r->ledger_income = fm->has_income;
	r->ledger_activity = fm->has_activity;
	r->written_off = fm->written_off_vnd;
	for (size_t i = 0; i < r->count; i++) {
		ReportItem *ri = &r->items[i];
		if (strcmp(ri->ind.source, "ledger") != 0)
			continue;
		int act = strcmp(ri->ind.code, "ACT_FUND_VND") == 0;
		ri->computed = act ? fm->has_activity : fm->has_income;
	}
	return 0;
}

static void ledger_fill(Report *r, const FundMonth *fm)
{
	const int64_t values[] = {fm->loans_n, fm->loans_vnd, fm->repaid_vnd, fm->interest_vnd, fm->outstanding,
				  fm->borrowers, fm->par30, fm->income_fund};
	for (int i = 0; ledger_income_codes[i]; i++) {
		ReportItem *ri = item_find(r, ledger_income_codes[i]);
		if (ri && ri->computed && strcmp(ri->ind.source, "ledger") == 0) {
			ri->has_value = 1;
			ri->value = values[i];
		}
	}
	ReportItem *ri = item_find(r, "ACT_FUND_VND");
	if (ri && ri->computed && strcmp(ri->ind.source, "ledger") == 0) {
		ri->has_value = 1;
		ri->value = fm->activity_fund;
	}
}

void report_free(Report *r)
{
	free(r->items);
	r->items = NULL;
	r->count = 0;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* The values stored for a report (every code, computed ones too): what it contributes to the
 * totals now. */
typedef struct Stored {
	size_t n;
	const char *codes[REPORT_ITEMS_MAX];
	char code_buf[REPORT_ITEMS_MAX][INDICATOR_CODE_MAX + 1];
	int64_t values[REPORT_ITEMS_MAX];
} Stored;

static DbStatus stored_load(Db *db, int64_t report_id, Stored *out)
{
	out->n = 0;
	if (!report_id)
		return DB_OK;
	Stmt *st = db_stmt(db, "report_values", "SELECT code, value FROM report_values WHERE report_id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, report_id);
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		if (out->n == REPORT_ITEMS_MAX)
			continue;
		copy(out->code_buf[out->n], sizeof out->code_buf[0], db_col_text(st, 0));
		out->codes[out->n] = out->code_buf[out->n];
		out->values[out->n] = db_col_int(st, 1);
		out->n++;
	}
	return s == DB_DONE ? DB_OK : s;
}

static const int64_t *stored_find(const Stored *s, const char *code)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->codes[i], code) == 0)
			return &s->values[i];
	return NULL;
}

static int locked(const char *status)
{
	return strcmp(status, "submitted") == 0 || strcmp(status, "approved") == 0;
}

/* Loads the month: the role, the club in scope, the period, the stored row and values, the
 * catalogue and the member figures (counted from the book while the report can change, as
 * stored once it is submitted). 0, 1 with e set (bad input), or a negative store status. stored
 * (may be NULL) gets the stored values. */
static int report_load(Db *db, const Actor *by, int64_t club_id, const char *period, Report *out, Stored *stored,
		       Err *e)
{
	memset(out, 0, sizeof *out);
	if (by->role == ROLE_VIEWER || by->role == ROLE_NONE) {
		err_set(e, E_FORBIDDEN, NULL);
		return 1;
	}
	Club *c = malloc(sizeof *c);
	if (!c)
		return -DB_ERROR;
	int have = club_get(db, by, club_id, c);
	if (have <= 0) {
		free(c);
		if (have < 0)
			return -DB_ERROR;
		err_set(e, E_NOT_FOUND, NULL);
		return 1;
	}
	char first[11], last[11];
	int bad = period_check(db, by, c, period, first, last, e);
	free(c);
	if (bad)
		return 1;
	out->club_id = club_id;
	copy(out->period, sizeof out->period, period);
	report_due_date(db, period, out->due_on);
	Stmt *st = db_stmt(db, "report_row",
			   "SELECT id, catalogue_version, status, created_at, created_by, updated_at, updated_by, "
			   "submitted_at, submitted_by, first_submitted_at, on_time, approved_at, approved_by, "
			   "approved_level, note, note_by, note_at, source "
			   "FROM reports WHERE club_id = $1 AND period = $2");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, period);
	DbStatus s = db_step(st);
	if (s == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->catalogue_version = db_col_int(st, 1);
		copy(out->status, sizeof out->status, db_col_text(st, 2));
		copy(out->created_at, sizeof out->created_at, db_col_text(st, 3));
		copy(out->created_by, sizeof out->created_by, db_col_text(st, 4));
		copy(out->updated_at, sizeof out->updated_at, db_col_text(st, 5));
		copy(out->updated_by, sizeof out->updated_by, db_col_text(st, 6));
		copy(out->submitted_at, sizeof out->submitted_at, db_col_text(st, 7));
		copy(out->submitted_by, sizeof out->submitted_by, db_col_text(st, 8));
		copy(out->first_submitted_at, sizeof out->first_submitted_at, db_col_text(st, 9));
		out->on_time = (int)db_col_int(st, 10);
		copy(out->approved_at, sizeof out->approved_at, db_col_text(st, 11));
		copy(out->approved_by, sizeof out->approved_by, db_col_text(st, 12));
		copy(out->approved_level, sizeof out->approved_level, db_col_text(st, 13));
		copy(out->note, sizeof out->note, db_col_text(st, 14));
		copy(out->note_by, sizeof out->note_by, db_col_text(st, 15));
		copy(out->note_at, sizeof out->note_at, db_col_text(st, 16));
		copy(out->source, sizeof out->source, db_col_text(st, 17));
		db_reset(st);
	} else if (s == DB_DONE) {
		snprintf(out->status, sizeof out->status, "%s", "draft");
		out->catalogue_version = indicator_version_current(db);
		if (out->catalogue_version < 0)
			return -DB_ERROR;
	} else {
		return -(int)s;
	}
	Items it = {0};
	if (indicator_list(db, out->catalogue_version, item_add, &it) < 0 || it.failed) {
		free(it.items);
		return -DB_ERROR;
	}
	out->items = it.items;
	out->count = it.count;
	FundMonth fm;
	int lrc = ledger_mark(db, out, &fm);
	if (lrc)
		return lrc;
	Stored local;
	Stored *sv = stored ? stored : &local;
	if ((s = stored_load(db, out->id, sv)) != DB_OK)
		return -(int)s;
	int fixed = locked(out->status);
	if (!fixed)
		ledger_fill(out, &fm);
	for (size_t i = 0; i < out->count; i++) {
		ReportItem *ri = &out->items[i];
		const int64_t *v = stored_find(sv, ri->ind.code);
		if (v && (!ri->computed || fixed)) {
			ri->has_value = 1;
			ri->value = *v;
		}
	}
	return fixed ? 0 : member_figures(db, out, first, last);
}

typedef struct GetRead {
	const Actor *by;
	int64_t club_id;
	const char *period;
	Report *out;
	Err *e;
} GetRead;

static int get_read(Db *db, void *arg)
{
	GetRead *g = arg;
	return report_load(db, g->by, g->club_id, g->period, g->out, NULL, g->e);
}

int report_get(Db *db, const Actor *by, int64_t club_id, const char *period, Report *out, Err *e)
{
	GetRead g = {by, club_id, period, out, e};
	int rc = db_read(db, get_read, &g);
	if (rc == 0)
		return 0;
	report_free(out);
	return rc > 0 ? -1 : err_set(e, err_from_db(rc), NULL);
}

/* ---- checks ---- */

static void report_problem_add(ReportProblems *p, const char *code, int warning, const char *vi, const char *en)
{
	if (p->count == REPORT_PROBLEMS_MAX)
		return;
	ReportProblem *x = &p->items[p->count++];
	copy(x->code, sizeof x->code, code);
	x->warning = warning;
	copy(x->vi, sizeof x->vi, vi);
	copy(x->en, sizeof x->en, en);
}

static void problem(ReportProblems *p, const char *code, const char *vi, const char *en)
{
	report_problem_add(p, code, 0, vi, en);
}

size_t report_errors(const ReportProblems *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->count; i++)
		n += !p->items[i].warning;
	return n;
}

static const char *shown(const ReportItem *ri, char buf[VI_NUM_BUFSZ])
{
	return strcmp(ri->ind.kind, "money") == 0 ? vi_format_money(ri->value, buf) : vi_format_int(ri->value, buf);
}

/* The rules "<= CODE" and ">= CODE" on the month's values; a rule with a value missing on either
 * side says nothing. The balance rule ("= previous ...") is balance_check's. */
static void rules_check(Report *r, ReportProblems *p)
{
	for (size_t i = 0; i < r->count; i++) {
		const ReportItem *a = &r->items[i];
		const char *rule = a->ind.check;
		int le = strncmp(rule, "<=", 2) == 0, ge = strncmp(rule, ">=", 2) == 0;
		if (!(le || ge) || !a->has_value)
			continue;
		const char *code = rule + 2;
		while (*code == ' ')
			code++;
		const ReportItem *b = item_find(r, code);
		if (!b || !b->has_value)
			continue;
		/* A book with nobody on it that month was not kept in ishc then (history typed or
		 * imported before the members were): its figures bound nothing. */
		if (b->computed && b->value == 0 && strncmp(b->ind.code, "MEM_TOTAL", 9) == 0)
			continue;
		/* Two figures counted from the books: nothing anyone could type would change them. */
		if (a->computed && b->computed)
			continue;
		if (le ? a->value <= b->value : a->value >= b->value)
			continue;
		char va[VI_NUM_BUFSZ], vb[VI_NUM_BUFSZ], vi[REPORT_MESSAGE_MAX], en[REPORT_MESSAGE_MAX];
		snprintf(vi, sizeof vi, "%s (%s) không được %s %s (%s)", a->ind.label_vi, shown(a, va),
			 le ? "lớn hơn" : "nhỏ hơn", b->ind.label_vi, shown(b, vb));
		snprintf(en, sizeof en, "%s (%s) must not be %s %s (%s)", a->ind.label_en, va,
			 le ? "more than" : "less than", b->ind.label_en, vb);
		problem(p, a->ind.code, vi, en);
	}
}

/* Parses and puts the typed values into r (which then holds the month as it would be saved);
 * problems go to p. */
static void values_check(Report *r, const ReportValue *values, size_t n, ReportProblems *p)
{
	for (size_t i = 0; i < n; i++) {
		const ReportValue *v = &values[i];
		char vi[REPORT_MESSAGE_MAX], en[REPORT_MESSAGE_MAX];
		ReportItem *ri = v->code ? item_find(r, v->code) : NULL;
		if (!ri) {
			snprintf(vi, sizeof vi, "Chỉ tiêu %s không có trong danh mục của báo cáo (phiên bản %lld)",
				 v->code ? v->code : "", (long long)r->catalogue_version);
			snprintf(en, sizeof en, "There is no indicator %s in the report's catalogue (version %lld)",
				 v->code ? v->code : "", (long long)r->catalogue_version);
			problem(p, v->code ? v->code : "", vi, en);
			continue;
		}
		const char *lv = ri->ind.label_vi, *le = ri->ind.label_en;
		if (ri->computed) {
			int books = strcmp(ri->ind.source, "ledger") == 0;
			snprintf(vi, sizeof vi, "%s được tính từ %s, không nhập tay", lv, books ? "sổ quỹ" : "sổ thành viên");
			snprintf(en, sizeof en, "%s is computed from the %s and cannot be typed", le, books ? "fund books" : "member book");
			problem(p, ri->ind.code, vi, en);
			continue;
		}
		if (!v->text) {
			ri->has_value = 0;
			continue;
		}
		int64_t x = 0;
		int money = strcmp(ri->ind.kind, "money") == 0;
		int rc = money ? vi_parse_money(v->text, &x) : vi_parse_int(v->text, &x);
		if (rc == VI_OK && money && x > VI_MONEY_MAX)
			rc = VI_ERR_RANGE;
		if (rc != VI_OK) {
			ri->has_value = 0; /* unread: the other checks go on without it */
			snprintf(vi, sizeof vi, "%s: %s", lv, vi_error_message(rc, "vi"));
			snprintf(en, sizeof en, "%s: %s", le, vi_error_message(rc, "en"));
			problem(p, ri->ind.code, vi, en);
			continue;
		}
		if (x < 0) {
			ri->has_value = 0;
			snprintf(vi, sizeof vi, "%s không được là số âm (%lld)", lv, (long long)x);
			snprintf(en, sizeof en, "%s cannot be negative (%lld)", le, (long long)x);
			problem(p, ri->ind.code, vi, en);
			continue;
		}
		if (strcmp(ri->ind.kind, "yesno") == 0 && x > 1) {
			ri->has_value = 0;
			snprintf(vi, sizeof vi, "%s chỉ nhận 1 (có) hoặc 0 (không), không phải %lld", lv, (long long)x);
			snprintf(en, sizeof en, "%s takes 1 (yes) or 0 (no), not %lld", le, (long long)x);
			problem(p, ri->ind.code, vi, en);
			continue;
		}
		ri->has_value = 1;
		ri->value = x;
	}
}

/* The month before period, "YYYY-MM". */
static void period_prev(const char *period, char out[REPORT_PERIOD_LEN + 1])
{
	int y = (int)strtol(period, NULL, 10), m = (int)strtol(period + 5, NULL, 10) - 1;
	if (m == 0) {
		m = 12;
		y--;
	}
	snprintf(out, REPORT_PERIOD_LEN + 1, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

/* The stored values of the club's report for the month before (none when not stored). */
static DbStatus previous_load(Db *db, int64_t club_id, const char *period, Stored *prev)
{
	char before[REPORT_PERIOD_LEN + 1];
	period_prev(period, before);
	prev->n = 0;
	Stmt *st = db_stmt(db, "report_previous_id", "SELECT id FROM reports WHERE club_id = $1 AND period = $2");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, before);
	DbStatus s = db_step(st);
	int64_t id = s == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (s != DB_ROW && s != DB_DONE)
		return s;
	return stored_load(db, id, prev);
}

/* The balance rule, "= previous CODE (+|- CODE)* [- words]": the month's value must equal last
 * month's plus and minus the month's flows; words that name no indicator ("written off") are what
 * may lower it further, so a value below the sum is a warning to confirm, above it an error. Says
 * nothing without last month's value or this month's. Missing flows count as zero. */
static void balance_check(Report *r, const Stored *prev, ReportProblems *p)
{
	for (size_t i = 0; i < r->count; i++) {
		const ReportItem *a = &r->items[i];
		const char *rule = a->ind.check;
		if (strncmp(rule, "= previous ", 11) != 0 || !a->has_value)
			continue;
		const char *q = rule + 11;
		char code[INDICATOR_CODE_MAX + 1];
		size_t k = 0;
		while (*q && *q != ' ' && k < INDICATOR_CODE_MAX)
			code[k++] = *q++;
		code[k] = '\0';
		const int64_t *before = stored_find(prev, code);
		if (!before)
			continue;
		int64_t expect = *before;
		int slack = 0;
		char terms_vi[REPORT_MESSAGE_MAX / 2] = "", terms_en[REPORT_MESSAGE_MAX / 2] = "";
		char nb[VI_NUM_BUFSZ];
		snprintf(terms_vi, sizeof terms_vi, "%s", vi_format_money(*before, nb));
		snprintf(terms_en, sizeof terms_en, "%s", nb);
		while (*q) {
			while (*q == ' ')
				q++;
			int sign = *q == '+' ? 1 : *q == '-' ? -1 : 0;
			if (!sign)
				break;
			q++;
			while (*q == ' ')
				q++;
			k = 0;
			while (*q && *q != ' ' && *q != '+' && *q != '-' && k < INDICATOR_CODE_MAX)
				code[k++] = *q++;
			code[k] = '\0';
			ReportItem *t = item_find(r, code);
			if (!t) {
				slack |= sign < 0; /* words such as "written off" */
				while (*q && *q != '+' && *q != '-')
					q++;
				continue;
			}
			int64_t v = t->has_value ? t->value : 0;
			expect += sign * v;
			size_t l = strlen(terms_vi), le = strlen(terms_en);
			snprintf(terms_vi + l, sizeof terms_vi - l, " %s %s", sign > 0 ? "+" : "−", vi_format_money(v, nb));
			snprintf(terms_en + le, sizeof terms_en - le, " %s %s", sign > 0 ? "+" : "−", nb);
		}
		/* From the books, the write-offs are known: the figures must then add up exactly, and
		 * when they do not, last month's report (typed before the books, or since changed) and
		 * the books disagree: a warning a person confirms, as nothing here can be retyped. */
		int books = a->computed && strcmp(a->ind.source, "ledger") == 0;
		if (books)
			expect -= r->written_off;
		if (a->value == expect)
			continue;
		char va[VI_NUM_BUFSZ], ve[VI_NUM_BUFSZ], vd[VI_NUM_BUFSZ];
		if (books) {
			char vw[VI_NUM_BUFSZ], vi[REPORT_MESSAGE_MAX], en[REPORT_MESSAGE_MAX];
			vi_format_money(a->value, va);
			vi_format_money(expect, ve);
			vi_format_money(r->written_off, vw);
			snprintf(vi, sizeof vi,
				 "%.240s theo sổ quỹ (%s) không khớp với báo cáo tháng trước: %.160s − xoá nợ %s = %s; "
				 "xin đối chiếu sổ và xác nhận",
				 a->ind.label_vi, va, terms_vi, vw, ve);
			snprintf(en, sizeof en,
				 "%.240s from the books (%s) does not reconcile with last month's report: %.160s − written off %s = %s; "
				 "check the books and confirm",
				 a->ind.label_en, va, terms_en, vw, ve);
			report_problem_add(p, a->ind.code, 1, vi, en);
			continue;
		}
		vi_format_money(a->value, va);
		vi_format_money(expect, ve);
		char vi[REPORT_MESSAGE_MAX], en[REPORT_MESSAGE_MAX];
		if (a->value > expect || !slack) {
			snprintf(vi, sizeof vi, "%.240s (%s) phải bằng số tháng trước cộng cho vay trừ thu nợ: %.160s = %s",
				 a->ind.label_vi, va, terms_vi, ve);
			snprintf(en, sizeof en, "%.240s (%s) must equal last month's plus lent minus repaid: %.160s = %s",
				 a->ind.label_en, va, terms_en, ve);
			problem(p, a->ind.code, vi, en);
		} else {
			vi_format_money(expect - a->value, vd);
			snprintf(vi, sizeof vi,
				 "%.240s (%s) thấp hơn số tháng trước cộng cho vay trừ thu nợ (%.160s = %s): %s được coi là nợ "
				 "xoá; xin xác nhận",
				 a->ind.label_vi, va, terms_vi, ve, vd);
			snprintf(en, sizeof en,
				 "%.240s (%s) is below last month's plus lent minus repaid (%.160s = %s): %s counts as written "
				 "off; please confirm",
				 a->ind.label_en, va, terms_en, ve, vd);
			report_problem_add(p, a->ind.code, 1, vi, en);
		}
	}
}

/* Plausibility: a typed value ten times last month's (and at least 10), or for a value at the
 * month's end a tenth of it or less, is a warning a person confirms. */
static void plausibility_check(Report *r, const Stored *prev, ReportProblems *p)
{
	for (size_t i = 0; i < r->count; i++) {
		const ReportItem *a = &r->items[i];
		if (a->computed || !a->has_value || strcmp(a->ind.kind, "yesno") == 0)
			continue;
		const int64_t *before = stored_find(prev, a->ind.code);
		if (!before || *before <= 0)
			continue;
		int up = a->value >= 10 && a->value / 10 >= *before;
		int down = strcmp(a->ind.over_time, "last") == 0 && *before >= 10 && a->value <= *before / 10;
		if (!up && !down)
			continue;
		char va[VI_NUM_BUFSZ], vb[VI_NUM_BUFSZ], vi[REPORT_MESSAGE_MAX], en[REPORT_MESSAGE_MAX];
		const char *fa = shown(a, va);
		ReportItem b = *a;
		b.value = *before;
		const char *fb = shown(&b, vb);
		snprintf(vi, sizeof vi, "%s (%s) %s so với tháng trước (%s); xin kiểm tra lại và xác nhận", a->ind.label_vi,
			 fa, up ? "gấp mười lần trở lên" : "chỉ còn một phần mười hoặc ít hơn", fb);
		snprintf(en, sizeof en, "%s (%s) is %s last month's (%s); check it and confirm", a->ind.label_en, fa,
			 up ? "ten times or more" : "a tenth or less of", fb);
		report_problem_add(p, a->ind.code, 1, vi, en);
	}
}

static int confirmed(const ReportSaveOpts *o, const char *code)
{
	if (!o)
		return 0;
	if (o->confirm_all)
		return 1;
	for (size_t i = 0; i < o->nconfirm; i++)
		if (o->confirm[i] && strcmp(o->confirm[i], code) == 0)
			return 1;
	return 0;
}

/* ---- workflow rights ---- */

static int role_rank(const char *level)
{
	if (strcmp(level, "commune") == 0)
		return 1;
	if (strcmp(level, "province") == 0)
		return 2;
	if (strcmp(level, "central") == 0)
		return 3;
	return 4; /* administrator */
}

static const char *actor_level(const Actor *by)
{
	switch (by->role) {
	case ROLE_COMMUNE:
		return "commune";
	case ROLE_PROVINCE:
		return "province";
	case ROLE_CENTRAL:
		return "central";
	default:
		return "admin";
	}
}

ReportCan report_can(const Actor *by, const Report *r)
{
	ReportCan c = {0};
	int keeper = by->role == ROLE_ADMIN || by->role == ROLE_PROVINCE || by->role == ROLE_COMMUNE ||
		     by->role == ROLE_CLUB;
	int approver = by->role == ROLE_ADMIN || by->role == ROLE_PROVINCE || by->role == ROLE_COMMUNE;
	int open = strcmp(r->status, "draft") == 0 || strcmp(r->status, "returned") == 0;
	c.edit = c.submit = keeper && open;
	c.approve = c.ret = approver && strcmp(r->status, "submitted") == 0;
	if (strcmp(r->status, "approved") == 0 &&
	    (by->role == ROLE_ADMIN || by->role == ROLE_CENTRAL || by->role == ROLE_PROVINCE))
		c.reopen = role_rank(actor_level(by)) > role_rank(r->approved_level[0] ? r->approved_level : "commune") ||
			   by->role == ROLE_ADMIN;
	return c;
}

/* ---- due dates and the setting ---- */

int settings_report_due_day(Db *db)
{
	Stmt *st = db_stmt(db, "settings_due_day", "SELECT value FROM settings WHERE key = 'report_due_day'");
	int day = 5;
	if (st && db_step(st) == DB_ROW) {
		const char *v = db_col_text(st, 0);
		int d = v ? (int)strtol(v, NULL, 10) : 0;
		if (d >= 1 && d <= 28)
			day = d;
	}
	if (st)
		db_reset(st);
	return day;
}

void report_due_date(Db *db, const char *period, char due[11])
{
	int y = (int)strtol(period, NULL, 10), m = (int)strtol(period + 5, NULL, 10) + 1;
	if (m == 13) {
		m = 1;
		y++;
	}
	snprintf(due, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)settings_report_due_day(db) % 100u);
}

typedef struct DueTx {
	const Actor *by;
	int day;
} DueTx;

static int due_tx(Db *db, void *arg)
{
	DueTx *t = arg;
	int old = settings_report_due_day(db);
	Stmt *st = db_stmt(db, "settings_set_due_day",
			   "INSERT INTO settings (key, value) VALUES ('report_due_day', $1) "
			   "ON CONFLICT (key) DO UPDATE SET value = $1");
	if (!st)
		return -DB_ERROR;
	char v[8];
	snprintf(v, sizeof v, "%d", t->day);
	db_bind_text(st, 1, v);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	json_t *before = json_pack("{s:i}", "report_due_day", old), *after = json_pack("{s:i}", "report_due_day", t->day);
	s = audit_write(db, t->by, "update", "setting", "report_due_day", before, after);
	json_decref(before);
	json_decref(after);
	return -(int)s;
}

int settings_set_report_due_day(Db *db, const Actor *by, int day, Err *e)
{
	if (by->role != ROLE_ADMIN)
		return err_set(e, E_FORBIDDEN, NULL);
	if (day < 1 || day > 28)
		return err_set(e, E_INVALID, "report_due_day");
	DueTx t = {by, day};
	int rc = db_tx(db, due_tx, &t);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

/* Today's date in Vietnam (UTC+7), where reports are due. */
static void today_vn(char out[11])
{
	time_t t = (time_t)db_now() + 7 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* ---- writing ---- */

typedef struct SaveTx {
	const Actor *by;
	int64_t club_id;
	const char *period;
	const ReportValue *values;
	size_t n;
	const ReportSaveOpts *opts;
	int step;                       /* 0 save, 1 submit, 2 submit and approve */
	ReportProblems *p;
	Err *e;
} SaveTx;

static json_t *stored_json(const Stored *s)
{
	json_t *o = json_object();
	for (size_t i = 0; i < s->n; i++)
		json_object_set_new(o, s->codes[i], json_integer(s->values[i]));
	return o;
}

static TotalContribution contribution(const Stored *s, const char *status, int on_time, int exists)
{
	TotalContribution c = {.exists = exists, .on_time = on_time, .n = s->n, .codes = s->codes, .values = s->values};
	snprintf(c.status, sizeof c.status, "%s", status);
	return c;
}

/* The values of r as they will be stored. */
static void stored_from(const Report *r, Stored *out)
{
	out->n = 0;
	for (size_t i = 0; i < r->count && out->n < REPORT_ITEMS_MAX; i++) {
		if (!r->items[i].has_value)
			continue;
		copy(out->code_buf[out->n], sizeof out->code_buf[0], r->items[i].ind.code);
		out->codes[out->n] = out->code_buf[out->n];
		out->values[out->n] = r->items[i].value;
		out->n++;
	}
}

typedef struct SaveWork {
	Report r;
	Stored before, after, prev;
} SaveWork;

static int save_body(Db *db, SaveTx *t, SaveWork *w)
{
	Report *r = &w->r;
	t->p->count = 0;
	int rc = report_load(db, t->by, t->club_id, t->period, r, &w->before, t->e);
	if (rc)
		return rc;
	ReportCan can = report_can(t->by, r);
	if (!can.edit) {
		err_set(t->e, t->by->role == ROLE_CENTRAL ? E_FORBIDDEN : E_REPORT_LOCKED, NULL);
		return 1;
	}
	if (t->step == 2 && !(t->by->role == ROLE_ADMIN || t->by->role == ROLE_PROVINCE || t->by->role == ROLE_COMMUNE)) {
		err_set(t->e, E_FORBIDDEN, NULL);
		return 1;
	}
	DbStatus s = previous_load(db, t->club_id, t->period, &w->prev);
	if (s != DB_OK)
		return -(int)s;
	/* Every problem at once: the rules run on the values that could be read. */
	values_check(r, t->values, t->n, t->p);
	rules_check(r, t->p);
	balance_check(r, &w->prev, t->p);
	plausibility_check(r, &w->prev, t->p);
	/* Confirmed warnings are dropped; any error, or a warning left, stops the save. */
	size_t keep = 0;
	json_t *confirmed_codes = json_array();
	for (size_t i = 0; i < t->p->count; i++) {
		ReportProblem *x = &t->p->items[i];
		if (x->warning && confirmed(t->opts, x->code)) {
			json_array_append_new(confirmed_codes, json_string(x->code));
			continue;
		}
		if (keep != i)
			t->p->items[keep] = *x;
		keep++;
	}
	t->p->count = keep;
	if (keep) {
		json_decref(confirmed_codes);
		err_set(t->e, report_errors(t->p) ? E_REPORT_CHECK : E_REPORT_WARN, NULL);
		return 1;
	}
	stored_from(r, &w->after);
	char now[21];
	db_now_iso(now);
	const char *source = t->opts && t->opts->source ? t->opts->source : "api";
	const char *old_status = r->id ? r->status : "none";
	int old_on_time = r->on_time;
	Stmt *st;
	if (!r->id) {
		st = db_stmt(db, "report_insert",
			     "INSERT INTO reports (club_id, period, catalogue_version, status, created_at, created_by, "
			     "updated_at, updated_by, source) VALUES ($1, $2, $3, 'draft', $4, $5, $4, $5, $6)");
		if (!st)
			goto fail;
		db_bind_int(st, 1, r->club_id);
		db_bind_text(st, 2, r->period);
		db_bind_int(st, 3, r->catalogue_version);
		db_bind_text(st, 4, now);
		db_bind_text(st, 5, who(t->by));
		db_bind_text(st, 6, source);
		if ((s = db_exec_stmt(st)) != DB_OK)
			goto fail;
		r->id = db_last_id(db);
	}
	/* Only what changed is written. */
	for (size_t i = 0; i < r->count; i++) {
		const ReportItem *ri = &r->items[i];
		const int64_t *was = stored_find(&w->before, ri->ind.code);
		if (ri->has_value && was && *was == ri->value)
			continue;
		if (!ri->has_value && !was)
			continue;
		if (ri->has_value) {
			st = db_stmt(db, "report_value_put",
				     "INSERT INTO report_values (report_id, code, value) VALUES ($1, $2, $3) "
				     "ON CONFLICT (report_id, code) DO UPDATE SET value = $3");
			if (!st)
				goto fail;
			db_bind_int(st, 3, ri->value);
		} else {
			st = db_stmt(db, "report_value_clear", "DELETE FROM report_values WHERE report_id = $1 AND code = $2");
			if (!st)
				goto fail;
		}
		db_bind_int(st, 1, r->id);
		db_bind_text(st, 2, ri->ind.code);
		if ((s = db_exec_stmt(st)) != DB_OK)
			goto fail;
	}
	const char *status = t->step == 0 ? r->status : t->step == 1 ? "submitted" : "approved";
	int on_time = r->on_time;
	char first_at[21];
	snprintf(first_at, sizeof first_at, "%s", now);
	if (t->step >= 1 && !r->first_submitted_at[0]) {
		char today[11];
		const char *paper = t->opts ? t->opts->submitted_on : NULL;
		if (paper && strlen(paper) == 10) {
			snprintf(today, sizeof today, "%s", paper);
			snprintf(first_at, sizeof first_at, "%sT00:00:00Z", paper);
		} else {
			today_vn(today);
		}
		on_time = strcmp(today, r->due_on) <= 0;
	}
	st = db_stmt(db, "report_update",
		     "UPDATE reports SET status = $2, updated_at = $3, updated_by = $4, "
		     "submitted_at = CASE WHEN $5 >= 1 THEN $3 ELSE submitted_at END, "
		     "submitted_by = CASE WHEN $5 >= 1 THEN $4 ELSE submitted_by END, "
		     "first_submitted_at = CASE WHEN $5 >= 1 AND first_submitted_at IS NULL THEN $9 ELSE first_submitted_at END, "
		     "on_time = $6, "
		     "approved_at = CASE WHEN $5 = 2 THEN $3 ELSE approved_at END, "
		     "approved_by = CASE WHEN $5 = 2 THEN $4 ELSE approved_by END, "
		     "approved_level = CASE WHEN $5 = 2 THEN $7 ELSE approved_level END, "
		     "source = CASE WHEN $5 >= 1 THEN $8 ELSE source END WHERE id = $1");
	if (!st)
		goto fail;
	db_bind_int(st, 1, r->id);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, now);
	db_bind_text(st, 4, who(t->by));
	db_bind_int(st, 5, t->step);
	db_bind_int(st, 6, on_time);
	db_bind_text(st, 7, actor_level(t->by));
	db_bind_text(st, 8, source);
	db_bind_text(st, 9, first_at);
	if ((s = db_exec_stmt(st)) != DB_OK)
		goto fail;
	TotalContribution before = contribution(&w->before, old_status, old_on_time, strcmp(old_status, "none") != 0);
	TotalContribution after = contribution(&w->after, status, on_time, 1);
	if ((s = total_apply(db, r->club_id, r->period, &before, &after)) != DB_OK)
		goto fail;
	json_t *jb = json_pack("{s:s, s:o}", "status", old_status, "values", stored_json(&w->before));
	json_t *ja = json_pack("{s:I, s:s, s:I, s:s, s:s, s:o, s:o}", "club_id", (json_int_t)r->club_id, "period",
			       r->period, "catalogue_version", (json_int_t)r->catalogue_version, "status", status,
			       "source", source, "values", stored_json(&w->after), "confirmed", confirmed_codes);
	confirmed_codes = NULL;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)r->id);
	s = audit_write(db, t->by, t->step == 0 ? "save" : t->step == 1 ? "submit" : "approve", "report", id, jb, ja);
	json_decref(jb);
	json_decref(ja);
	return s == DB_OK ? 0 : -(int)s;
fail:
	json_decref(confirmed_codes);
	return -(int)(s != DB_OK ? s : DB_ERROR);
}

int report_save_in_tx(Db *db, const Actor *by, int64_t club_id, const char *period, const ReportValue *values,
		      size_t n, const ReportSaveOpts *opts, int step, ReportProblems *p, Err *e)
{
	SaveWork *w = malloc(sizeof *w);
	if (!w)
		return -DB_ERROR;
	SaveTx t = {.by = by, .club_id = club_id, .period = period, .values = values, .n = n, .opts = opts,
		    .step = step, .p = p, .e = e};
	int rc = save_body(db, &t, w);
	if (rc > 0 && e->code == E_REPORT_CHECK && p->count)
		e->field = p->items[0].code;
	if (rc > 0 && e->code == E_REPORT_WARN && p->count)
		e->field = p->items[0].code;
	report_free(&w->r);
	free(w);
	return rc;
}

static int save_tx(Db *db, void *arg)
{
	SaveTx *t = arg;
	return report_save_in_tx(db, t->by, t->club_id, t->period, t->values, t->n, t->opts, t->step, t->p, t->e);
}

static int save_run(Db *db, SaveTx *t)
{
	ReportProblems *local = NULL;
	if (!t->p) {
		local = malloc(sizeof *local);
		if (!local)
			return err_set(t->e, E_INTERNAL, NULL);
		t->p = local;
	}
	int rc = db_tx(db, save_tx, t);
	if (rc > 0) {
		/* The first problem's indicator is the field (valid while p lives). */
		if (local)
			t->e->field = NULL;
		free(local);
		return -1;
	}
	free(local);
	return rc ? err_set(t->e, err_from_db(rc), NULL) : 0;
}

int report_save(Db *db, const Actor *by, int64_t club_id, const char *period, const ReportValue *values,
		size_t n, const ReportSaveOpts *opts, ReportProblems *p, Err *e)
{
	SaveTx t = {.by = by, .club_id = club_id, .period = period, .values = values, .n = n, .opts = opts,
		    .p = p, .e = e};
	return save_run(db, &t);
}

int report_submit(Db *db, const Actor *by, int64_t club_id, const char *period, const ReportValue *values,
		  size_t n, const ReportSaveOpts *opts, ReportProblems *p, Err *e)
{
	SaveTx t = {.by = by, .club_id = club_id, .period = period, .values = values, .n = n, .opts = opts,
		    .step = 1, .p = p, .e = e};
	return save_run(db, &t);
}

/* ---- approve, return, reopen ---- */

typedef enum { MOVE_APPROVE, MOVE_RETURN, MOVE_REOPEN } Move;

typedef struct MoveTx {
	const Actor *by;
	int64_t club_id;
	const char *period;
	Move move;
	const char *note;
	Err *e;
} MoveTx;

static int move_tx(Db *db, void *arg)
{
	MoveTx *t = arg;
	SaveWork *w = malloc(sizeof *w);
	if (!w)
		return -DB_ERROR;
	Report *r = &w->r;
	int rc = report_load(db, t->by, t->club_id, t->period, r, &w->before, t->e);
	if (rc)
		goto done;
	if (!r->id) {
		err_set(t->e, E_NOT_FOUND, NULL);
		rc = 1;
		goto done;
	}
	ReportCan can = report_can(t->by, r);
	int may = t->move == MOVE_APPROVE ? can.approve : t->move == MOVE_RETURN ? can.ret : can.reopen;
	if (!may) {
		/* The role may never do it, or the report is not in the state it needs. */
		Report probe = *r;
		snprintf(probe.status, sizeof probe.status, "%s", t->move == MOVE_REOPEN ? "approved" : "submitted");
		if (t->move == MOVE_REOPEN)
			snprintf(probe.approved_level, sizeof probe.approved_level, "%s",
				 r->approved_level[0] ? r->approved_level : "commune");
		ReportCan c2 = report_can(t->by, &probe);
		int role_may = t->move == MOVE_APPROVE ? c2.approve : t->move == MOVE_RETURN ? c2.ret : c2.reopen;
		err_set(t->e, role_may && strcmp(r->status, probe.status) != 0 ? E_REPORT_STATE : E_FORBIDDEN,
			role_may ? "status" : NULL);
		rc = 1;
		goto done;
	}
	if (t->move != MOVE_APPROVE && (!t->note || !*t->note)) {
		err_set(t->e, E_REQUIRED, t->move == MOVE_REOPEN ? "reason" : "comment");
		rc = 1;
		goto done;
	}
	if (t->note && strlen(t->note) >= REPORT_MESSAGE_MAX) {
		err_set(t->e, E_TOO_LONG, t->move == MOVE_REOPEN ? "reason" : "comment");
		rc = 1;
		goto done;
	}
	char now[21];
	db_now_iso(now);
	const char *status = t->move == MOVE_APPROVE ? "approved" : t->move == MOVE_RETURN ? "returned" : "draft";
	Stmt *st = db_stmt(db, "report_move",
			   "UPDATE reports SET status = $2, updated_at = $3, updated_by = $4, "
			   "approved_at = CASE WHEN $5 = 0 THEN $3 WHEN $5 = 2 THEN NULL ELSE approved_at END, "
			   "approved_by = CASE WHEN $5 = 0 THEN $4 WHEN $5 = 2 THEN NULL ELSE approved_by END, "
			   "approved_level = CASE WHEN $5 = 0 THEN $6 WHEN $5 = 2 THEN NULL ELSE approved_level END, "
			   "note = CASE WHEN $5 = 0 THEN note ELSE $7 END, "
			   "note_by = CASE WHEN $5 = 0 THEN note_by ELSE $4 END, "
			   "note_at = CASE WHEN $5 = 0 THEN note_at ELSE $3 END WHERE id = $1");
	DbStatus s = DB_ERROR;
	if (st) {
		db_bind_int(st, 1, r->id);
		db_bind_text(st, 2, status);
		db_bind_text(st, 3, now);
		db_bind_text(st, 4, who(t->by));
		db_bind_int(st, 5, (int64_t)t->move);
		db_bind_text(st, 6, actor_level(t->by));
		db_bind_text(st, 7, t->note ? t->note : "");
		s = db_exec_stmt(st);
	}
	/* Reopened, the member figures are counted again from the book at the next save. */
	if (s == DB_OK) {
		TotalContribution before = contribution(&w->before, r->status, r->on_time, 1);
		TotalContribution after = contribution(&w->before, status, r->on_time, 1);
		s = total_apply(db, r->club_id, r->period, &before, &after);
	}
	if (s == DB_OK) {
		json_t *jb = json_pack("{s:s}", "status", r->status);
		json_t *ja = json_pack("{s:I, s:s, s:s, s:s?}", "club_id", (json_int_t)r->club_id, "period", r->period,
				       "status", status, "note", t->note);
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)r->id);
		s = audit_write(db, t->by, t->move == MOVE_APPROVE ? "approve" : t->move == MOVE_RETURN ? "return" : "reopen",
				"report", id, jb, ja);
		json_decref(jb);
		json_decref(ja);
	}
	rc = s == DB_OK ? 0 : -(int)s;
done:
	report_free(r);
	free(w);
	return rc;
}

static int move_run(Db *db, const Actor *by, int64_t club_id, const char *period, Move m, const char *note, Err *e)
{
	MoveTx t = {by, club_id, period, m, note, e};
	int rc = db_tx(db, move_tx, &t);
	if (rc > 0)
		return -1;
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

int report_approve(Db *db, const Actor *by, int64_t club_id, const char *period, Err *e)
{
	return move_run(db, by, club_id, period, MOVE_APPROVE, NULL, e);
}

int report_return(Db *db, const Actor *by, int64_t club_id, const char *period, const char *comment, Err *e)
{
	return move_run(db, by, club_id, period, MOVE_RETURN, comment, e);
}

int report_reopen(Db *db, const Actor *by, int64_t club_id, const char *period, const char *reason, Err *e)
{
	return move_run(db, by, club_id, period, MOVE_REOPEN, reason, e);
}

/* ---- lists ---- */

static void status_row(Stmt *st, ReportStatusRow *row, const char *period)
{
	memset(row, 0, sizeof *row);
	row->club_id = db_col_int(st, 0);
	copy(row->club_code, sizeof row->club_code, db_col_text(st, 1));
	copy(row->club_name, sizeof row->club_name, db_col_text(st, 2));
	copy(row->period, sizeof row->period, period ? period : db_col_text(st, 3));
	copy(row->status, sizeof row->status, db_col_text(st, 4));
	copy(row->first_submitted_at, sizeof row->first_submitted_at, db_col_text(st, 5));
	row->on_time = (int)db_col_int(st, 6);
}

int report_list_club(Db *db, const Actor *by, int64_t club_id, void (*fn)(const ReportStatusRow *row, void *arg),
		     void *arg, Err *e)
{
	if (by->role == ROLE_VIEWER || by->role == ROLE_NONE)
		return err_set(e, E_FORBIDDEN, NULL);
	Club *c = malloc(sizeof *c);
	if (!c)
		return err_set(e, E_INTERNAL, NULL);
	int have = club_get(db, by, club_id, c);
	free(c);
	if (have <= 0)
		return err_set(e, have < 0 ? E_INTERNAL : E_NOT_FOUND, NULL);
	Stmt *st = db_stmt(db, "report_list_club",
			   "SELECT c.id, c.code, c.name, r.period, r.status, r.first_submitted_at, r.on_time "
			   "FROM reports r JOIN clubs c ON c.id = r.club_id WHERE r.club_id = $1 ORDER BY r.period DESC");
	if (!st)
		return err_set(e, E_INTERNAL, NULL);
	db_bind_int(st, 1, club_id);
	int n = 0;
	DbStatus s;
	ReportStatusRow row;
	while ((s = db_step(st)) == DB_ROW) {
		status_row(st, &row, NULL);
		fn(&row, arg);
		n++;
	}
	return s == DB_DONE ? n : err_set(e, err_from_db(-(int)s), NULL);
}

/* Clubs rolling up into unit $1 (0 = all) inside the scope ($2 unit, $3 club code), expected for
 * the month (status at its end founded or active) or with a report for it ($4 period, $5 its last
 * day), with their report; $6 a status filter ('' = all, 'none' = nothing stored). */
#define UNIT_CLUBS_WHERE                                                                              \
	" FROM clubs c LEFT JOIN reports r ON r.club_id = c.id AND r.period = $4 "                       \
	"WHERE ($1 = 0 OR EXISTS (SELECT 1 FROM unit_reach ur WHERE ur.unit_id = c.unit_id AND ur.ancestor_id = $1)) " \
	"AND " SCOPE_CLUB_SQL("$2", "$3") " AND (r.id IS NOT NULL OR (c.founded_on IS NOT NULL AND c.founded_on <= $5 AND " \
	"(SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.from_date <= $5 "             \
	" ORDER BY s.from_date DESC, s.id DESC LIMIT 1) IN ('founded', 'active'))) "                    \
	"AND ($6 = '' OR ($6 = 'none' AND r.id IS NULL) OR r.status = $6) "

int report_list_unit(Db *db, const Actor *by, const char *unit, const char *period, const char *status,
		     int64_t limit, int64_t offset, void (*fn)(const ReportStatusRow *row, void *arg), void *arg,
		     int64_t *total, Err *e)
{
	if (by->role == ROLE_VIEWER || by->role == ROLE_NONE)
		return err_set(e, E_FORBIDDEN, NULL);
	int64_t scope_unit = 0;
	const char *scope_club = "";
	if (scope_filter(db, by, &scope_unit, &scope_club) != 0)
		return err_set(e, E_NOT_FOUND, NULL);
	char first[11], last[11];
	Club *c = calloc(1, sizeof *c);
	if (!c)
		return err_set(e, E_INTERNAL, NULL);
	if (period_check(db, by, c, period, first, last, e)) {
		free(c);
		return -1;
	}
	int64_t unit_id = 0;
	const char *club_code = scope_club;
	if (unit && *unit && strchr(unit, '-')) {
		int have = club_get_by_code(db, by, unit, c);
		if (have <= 0) {
			free(c);
			return err_set(e, have < 0 ? E_INTERNAL : E_NOT_FOUND, NULL);
		}
		club_code = unit;
	} else if (unit && *unit) {
		Unit u;
		char today[11];
		today_vn(today);
		int have = unit_find(db, unit, last, &u);
		if (have == 0)
			have = unit_find(db, unit, today, &u);
		if (have <= 0 || !scope_covers_unit(db, by, u.id)) {
			free(c);
			return err_set(e, have < 0 ? E_INTERNAL : E_NOT_FOUND, NULL);
		}
		unit_id = u.id;
	}
	free(c);
	const char *filter = status ? status : "";
	Stmt *st = db_stmt(db, "report_unit_count", "SELECT COUNT(*)" UNIT_CLUBS_WHERE);
	if (!st)
		return err_set(e, E_INTERNAL, NULL);
	db_bind_int(st, 1, unit_id);
	db_bind_int(st, 2, scope_unit);
	db_bind_text(st, 3, club_code);
	db_bind_text(st, 4, period);
	db_bind_text(st, 5, last);
	db_bind_text(st, 6, filter);
	DbStatus s = db_step(st);
	int64_t count = s == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (s != DB_ROW)
		return err_set(e, err_from_db(-(int)s), NULL);
	if (total)
		*total = count;
	st = db_stmt(db, "report_unit_list",
		     "SELECT c.id, c.code, c.name, $4, COALESCE(r.status, ''), r.first_submitted_at, "
		     "COALESCE(r.on_time, 0)" UNIT_CLUBS_WHERE "ORDER BY c.code LIMIT $7 OFFSET $8");
	if (!st)
		return err_set(e, E_INTERNAL, NULL);
	db_bind_int(st, 1, unit_id);
	db_bind_int(st, 2, scope_unit);
	db_bind_text(st, 3, club_code);
	db_bind_text(st, 4, period);
	db_bind_text(st, 5, last);
	db_bind_text(st, 6, filter);
	db_bind_int(st, 7, limit > 0 ? limit : 1000000);
	db_bind_int(st, 8, offset > 0 ? offset : 0);
	int n = 0;
	ReportStatusRow row;
	while ((s = db_step(st)) == DB_ROW) {
		status_row(st, &row, period);
		fn(&row, arg);
		n++;
	}
	return s == DB_DONE ? n : err_set(e, err_from_db(-(int)s), NULL);
}
