/* Live totals of the monthly reports: kept in report_totals by every report change (total_apply),
 * rebuilt after bulk loads or unit changes (total_rebuild), checked against the raw values
 * (total_verify), and read for any unit, months and geography (total_query, below). */
#include "core/total.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/club.h"
#include "core/indicator.h"
#include "core/memo.h"
#include "core/scope.h"
#include "core/unit.h"

/* ---- which units a club's month counts in ---- */

/* Every unit above the communes that the club's commune (of its founding time) rolls into whose
 * validity had not ended before the month began: the districts and provinces of that month and
 * the later ones carrying its history. Communes are not kept: a commune's few clubs are added up
 * from their reports when asked (see fill_clubs), which keeps report_totals small. */
#define PLACES_SQL                                                                                   \
	"SELECT r.ancestor_id FROM clubs c JOIN unit_reach r ON r.unit_id = c.unit_id "                 \
	"JOIN units u ON u.id = r.ancestor_id WHERE c.id = $1 AND u.level <> 'commune' "                \
	"AND (u.valid_to IS NULL OR u.valid_to >= $2)"

enum { PLACES_MAX = 64 };

static int places(Db *db, int64_t club_id, const char *period, int64_t out[PLACES_MAX], size_t *n)
{
	char first[11];
	snprintf(first, sizeof first, "%.7s-01", period);
	Stmt *st = db_stmt(db, "total_places", PLACES_SQL);
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, first);
	*n = 0;
	out[(*n)++] = 0; /* the country */
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW)
		if (*n < PLACES_MAX)
			out[(*n)++] = db_col_int(st, 0);
	return s == DB_DONE ? DB_OK : s;
}

/* ---- keeping ---- */

typedef struct Delta {
	const char *code;
	int64_t d[6]; /* all_sum, all_n, sub_sum, sub_n, ok_sum, ok_n */
} Delta;

static int is_sub(const char *status)
{
	return strcmp(status, "submitted") == 0 || strcmp(status, "approved") == 0;
}

/* Adds sign × the contribution of c to the deltas (codes looked up by name; few codes). */
static void contribute(Delta *d, size_t *nd, size_t cap, const TotalContribution *c, int sign)
{
	if (!c || !c->exists)
		return;
	int sub = is_sub(c->status), ok = strcmp(c->status, "approved") == 0;
	for (size_t i = 0; i < c->n + 2; i++) {
		const char *code = i < c->n ? c->codes[i] : i == c->n ? "_REPORTS" : "_ONTIME";
		int64_t v = i < c->n ? c->values[i] : i == c->n ? 1 : (c->on_time ? 1 : 0);
		size_t k = 0;
		while (k < *nd && strcmp(d[k].code, code) != 0)
			k++;
		if (k == *nd) {
			if (*nd == cap)
				continue;
			memset(&d[k], 0, sizeof d[k]);
			d[k].code = code;
			(*nd)++;
		}
		d[k].d[0] += sign * v;
		d[k].d[1] += sign;
		if (sub) {
			d[k].d[2] += sign * v;
			d[k].d[3] += sign;
		}
		if (ok) {
			d[k].d[4] += sign * v;
			d[k].d[5] += sign;
		}
	}
}

int total_apply(Db *db, int64_t club_id, const char *period, const TotalContribution *before,
		const TotalContribution *after)
{
	size_t cap = (before ? before->n : 0) + (after ? after->n : 0) + 2;
	Delta *d = malloc(cap * sizeof *d);
	if (!d)
		return DB_ERROR;
	size_t nd = 0;
	contribute(d, &nd, cap, before, -1);
	contribute(d, &nd, cap, after, +1);
	int64_t units[PLACES_MAX];
	size_t nu = 0;
	int s = DB_OK;
	int any = 0;
	for (size_t k = 0; k < nd && !any; k++)
		for (int j = 0; j < 6; j++)
			any |= d[k].d[j] != 0;
	if (any)
		s = places(db, club_id, period, units, &nu);
	for (size_t k = 0; k < nd && s == DB_OK; k++) {
		int zero = 1;
		for (int j = 0; j < 6; j++)
			zero &= d[k].d[j] == 0;
		if (zero)
			continue;
		for (size_t u = 0; u < nu && s == DB_OK; u++) {
			Stmt *st = db_stmt(db, "total_add",
					   "INSERT INTO report_totals (unit_id, period, code, all_sum, all_n, sub_sum, sub_n, "
					   "ok_sum, ok_n) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
					   "ON CONFLICT (unit_id, code, period) DO UPDATE SET "
					   "all_sum = report_totals.all_sum + excluded.all_sum, "
					   "all_n = report_totals.all_n + excluded.all_n, "
					   "sub_sum = report_totals.sub_sum + excluded.sub_sum, "
					   "sub_n = report_totals.sub_n + excluded.sub_n, "
					   "ok_sum = report_totals.ok_sum + excluded.ok_sum, "
					   "ok_n = report_totals.ok_n + excluded.ok_n");
			if (!st) {
				s = DB_ERROR;
				break;
			}
			db_bind_int(st, 1, units[u]);
			db_bind_text(st, 2, period);
			db_bind_text(st, 3, d[k].code);
			for (int j = 0; j < 6; j++)
				db_bind_int(st, 4 + j, d[k].d[j]);
			s = db_exec_stmt(st);
		}
	}
	free(d);
	return s;
}

/* ---- rebuilding and checking, one month at a time ---- */

/* The units above the communes each club counts in, with their end of validity. */
typedef struct ClubPlaces {
	int64_t club_id;
	size_t first, n;                /* into Places.unit/valid_to */
} ClubPlaces;

typedef struct Places {
	ClubPlaces *clubs;
	size_t nclubs;
	int64_t *unit;
	char (*valid_to)[11];           /* "" while in force */
	size_t n;
} Places;

static void places_free(Places *p)
{
	free(p->clubs);
	free(p->unit);
	free(p->valid_to);
	memset(p, 0, sizeof *p);
}

static DbStatus places_load(Db *db, Places *p)
{
	memset(p, 0, sizeof *p);
	Stmt *st = db_stmt(db, "total_all_places",
			   "SELECT c.id, r.ancestor_id, COALESCE(u.valid_to, '') FROM clubs c "
			   "JOIN unit_reach r ON r.unit_id = c.unit_id JOIN units u ON u.id = r.ancestor_id "
			   "WHERE u.level <> 'commune' ORDER BY c.id");
	if (!st)
		return DB_ERROR;
	size_t cap = 0, ccap = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		int64_t club = db_col_int(st, 0);
		if (p->n == cap) {
			cap = cap ? cap * 2 : 4096;
			int64_t *u = realloc(p->unit, cap * sizeof *u);
			char(*v)[11] = u ? realloc(p->valid_to, cap * sizeof *v) : NULL;
			if (u)
				p->unit = u;
			if (v)
				p->valid_to = v;
			if (!u || !v) {
				db_reset(st);
				return DB_ERROR;
			}
		}
		if (!p->nclubs || p->clubs[p->nclubs - 1].club_id != club) {
			if (p->nclubs == ccap) {
				ccap = ccap ? ccap * 2 : 1024;
				ClubPlaces *c = realloc(p->clubs, ccap * sizeof *c);
				if (!c) {
					db_reset(st);
					return DB_ERROR;
				}
				p->clubs = c;
			}
			p->clubs[p->nclubs++] = (ClubPlaces){club, p->n, 0};
		}
		p->unit[p->n] = db_col_int(st, 1);
		snprintf(p->valid_to[p->n], 11, "%s", db_col_text(st, 2));
		p->n++;
		p->clubs[p->nclubs - 1].n++;
	}
	return s == DB_DONE ? DB_OK : s;
}

static const ClubPlaces *places_of(const Places *p, int64_t club)
{
	size_t lo = 0, hi = p->nclubs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (p->clubs[mid].club_id < club)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->nclubs && p->clubs[lo].club_id == club ? &p->clubs[lo] : NULL;
}

/* A month's totals being summed: open addressing on (unit, code). */
typedef struct Acc {
	int64_t unit;
	char code[INDICATOR_CODE_MAX + 8];
	int64_t d[6];
	int used, matched;
} Acc;

typedef struct Month {
	Acc *slots;
	size_t cap, used;
} Month;

static uint64_t acc_hash(int64_t unit, const char *code)
{
	uint64_t h = 1469598103934665603u ^ (uint64_t)unit;
	for (const char *c = code; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	return h;
}

static Acc *acc_get(Month *m, int64_t unit, const char *code)
{
	if ((m->used + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 8192;
		Acc *n = calloc(cap, sizeof *n);
		if (!n)
			return NULL;
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->slots[i].used)
				continue;
			size_t k = acc_hash(m->slots[i].unit, m->slots[i].code) & (cap - 1);
			while (n[k].used)
				k = (k + 1) & (cap - 1);
			n[k] = m->slots[i];
		}
		free(m->slots);
		m->slots = n;
		m->cap = cap;
	}
	size_t k = acc_hash(unit, code) & (m->cap - 1);
	while (m->slots[k].used && (m->slots[k].unit != unit || strcmp(m->slots[k].code, code) != 0))
		k = (k + 1) & (m->cap - 1);
	if (!m->slots[k].used) {
		m->slots[k].used = 1;
		m->slots[k].unit = unit;
		snprintf(m->slots[k].code, sizeof m->slots[k].code, "%s", code);
		m->used++;
	}
	return &m->slots[k];
}

static void acc_add(Acc *a, const char *status, int64_t v)
{
	a->d[0] += v;
	a->d[1]++;
	if (is_sub(status)) {
		a->d[2] += v;
		a->d[3]++;
	}
	if (strcmp(status, "approved") == 0) {
		a->d[4] += v;
		a->d[5]++;
	}
}

/* Sums one month of reports into m: every value, and the two counts, in the country and in every
 * place of the club whose validity had not ended before the month began. */
static DbStatus month_sum(Db *db, const Places *pl, const char *period, Month *m)
{
	char first[11];
	snprintf(first, sizeof first, "%.7s-01", period);
	Stmt *st = db_stmt(db, "total_month_values",
			   "SELECT r.id, r.club_id, r.status, r.on_time, v.code, v.value FROM reports r "
			   "LEFT JOIN report_values v ON v.report_id = r.id WHERE r.period = $1 ORDER BY r.id");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, period);
	int64_t last_report = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		int64_t report = db_col_int(st, 0);
		const ClubPlaces *cp = places_of(pl, db_col_int(st, 1));
		char status[12];
		snprintf(status, sizeof status, "%s", db_col_text(st, 2));
		int64_t on_time = db_col_int(st, 3);
		int has_value = !db_col_is_null(st, 4);
		char code[INDICATOR_CODE_MAX + 8];
		snprintf(code, sizeof code, "%s", has_value ? db_col_text(st, 4) : "");
		int64_t value = db_col_int(st, 5);
		size_t np = cp ? cp->n : 0;
		for (size_t i = 0; i <= np; i++) {
			int64_t unit = i == np ? 0 : pl->unit[cp->first + i];
			if (i < np && pl->valid_to[cp->first + i][0] && strcmp(pl->valid_to[cp->first + i], first) < 0)
				continue;
			Acc *a;
			if (report != last_report) {
				if (!(a = acc_get(m, unit, "_REPORTS")))
					goto oom;
				acc_add(a, status, 1);
				if (!(a = acc_get(m, unit, "_ONTIME")))
					goto oom;
				acc_add(a, status, on_time);
			}
			if (has_value) {
				if (!(a = acc_get(m, unit, code)))
					goto oom;
				acc_add(a, status, value);
			}
		}
		last_report = report;
	}
	return s == DB_DONE ? DB_OK : s;
oom:
	db_reset(st);
	return DB_ERROR;
}

static DbStatus periods_each(Db *db, DbStatus (*fn)(Db *db, const Places *pl, const char *period, void *arg),
			     void *arg)
{
	Places pl;
	DbStatus s = places_load(db, &pl);
	if (s != DB_OK) {
		places_free(&pl);
		return s;
	}
	/* the months that have reports, read first: the per-month work reuses statements */
	Stmt *st = db_stmt(db, "total_periods", "SELECT DISTINCT period FROM reports ORDER BY period");
	char(*periods)[8] = NULL;
	size_t n = 0, cap = 0;
	while (st && (s = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 128;
			char(*p)[8] = realloc(periods, cap * sizeof *p);
			if (!p) {
				db_reset(st);
				s = DB_ERROR;
				break;
			}
			periods = p;
		}
		snprintf(periods[n++], 8, "%s", db_col_text(st, 0));
	}
	if (!st)
		s = DB_ERROR;
	if (s == DB_DONE)
		s = DB_OK;
	for (size_t i = 0; i < n && s == DB_OK; i++)
		s = fn(db, &pl, periods[i], arg);
	free(periods);
	places_free(&pl);
	return s;
}

static DbStatus rebuild_month(Db *db, const Places *pl, const char *period, void *arg)
{
	(void)arg;
	Month m = {0};
	DbStatus s = month_sum(db, pl, period, &m);
	Stmt *st = s == DB_OK ? db_stmt(db, "total_rebuild_put",
					"INSERT INTO report_totals (unit_id, period, code, all_sum, all_n, sub_sum, sub_n, "
					"ok_sum, ok_n) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
			      : NULL;
	if (s == DB_OK && !st)
		s = DB_ERROR;
	for (size_t i = 0; i < m.cap && s == DB_OK; i++) {
		const Acc *a = &m.slots[i];
		if (!a->used)
			continue;
		db_bind_int(st, 1, a->unit);
		db_bind_text(st, 2, period);
		db_bind_text(st, 3, a->code);
		for (int j = 0; j < 6; j++)
			db_bind_int(st, 4 + j, a->d[j]);
		s = db_exec_stmt(st);
	}
	free(m.slots);
	return s;
}

int total_rebuild(Db *db)
{
	Stmt *st = db_stmt(db, "total_clear", "DELETE FROM report_totals");
	if (!st)
		return DB_ERROR;
	DbStatus s = db_exec_stmt(st);
	return s == DB_OK ? periods_each(db, rebuild_month, NULL) : s;
}

static int repair_tx(Db *db, void *arg)
{
	const Actor *by = arg;
	DbStatus s = total_rebuild(db);
	if (s == DB_OK) {
		json_t *after = json_pack("{s:s}", "report_totals", "rebuilt");
		s = audit_write(db, by, "repair", "report_totals", "all", NULL, after);
		json_decref(after);
	}
	return -(int)s;
}

int total_repair(Db *db, const Actor *by, Err *e)
{
	int rc = db_tx(db, repair_tx, (void *)by);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

typedef struct Verify {
	int64_t off, matched;
} Verify;

static DbStatus verify_month(Db *db, const Places *pl, const char *period, void *arg)
{
	Verify *v = arg;
	Month m = {0};
	DbStatus s = month_sum(db, pl, period, &m);
	Stmt *st = s == DB_OK ? db_stmt(db, "total_verify_get",
					"SELECT all_sum, all_n, sub_sum, sub_n, ok_sum, ok_n FROM report_totals "
					"WHERE unit_id = $1 AND code = $2 AND period = $3")
			      : NULL;
	if (s == DB_OK && !st)
		s = DB_ERROR;
	for (size_t i = 0; i < m.cap && s == DB_OK; i++) {
		const Acc *a = &m.slots[i];
		if (!a->used)
			continue;
		db_bind_int(st, 1, a->unit);
		db_bind_text(st, 2, a->code);
		db_bind_text(st, 3, period);
		s = db_step(st);
		int same = s == DB_ROW;
		for (int j = 0; j < 6 && same; j++)
			same = db_col_int(st, j) == a->d[j];
		if (s == DB_ROW) {
			v->matched++;
			db_reset(st);
			s = DB_OK;
		} else if (s == DB_DONE) {
			s = DB_OK;
		}
		v->off += !same;
	}
	free(m.slots);
	return s;
}

int64_t total_verify(Db *db)
{
	Verify v = {0};
	if (periods_each(db, verify_month, &v) != DB_OK)
		return -1;
	/* rows kept that nothing accounts for (rows left at zero by later changes are no matter) */
	Stmt *st = db_stmt(db, "total_verify_count",
			   "SELECT COUNT(*) FROM report_totals WHERE all_n <> 0 OR all_sum <> 0 OR sub_n <> 0 OR ok_n <> 0");
	if (!st || db_step(st) != DB_ROW)
		return -1;
	int64_t kept = db_col_int(st, 0);
	db_reset(st);
	return v.off + (kept > v.matched ? kept - v.matched : v.matched - kept);
}

/* ---- reading ---- */

const TotalRate total_rates[] = {
	{"R_WOMEN", "MEM_WOMEN", "MEM_TOTAL", "Tỷ lệ thành viên nữ", "Share of women members",
	 "Thành viên nữ / Tổng số thành viên", "Women members / Members", 600, 700},
	{"R_OLDER", "MEM_OLDER", "MEM_TOTAL", "Tỷ lệ thành viên là người cao tuổi", "Share of older members",
	 "Thành viên là người cao tuổi / Tổng số thành viên", "Older members / Members", 600, 700},
	{"R_POOR", "MEM_POOR", "MEM_TOTAL", "Tỷ lệ thành viên hộ nghèo/cận nghèo", "Share of members from poor households",
	 "Thành viên hộ nghèo/cận nghèo / Tổng số thành viên", "Members from poor or near-poor households / Members", -1,
	 -1},
	{"R_BORROW", "INC_BORROWERS", "MEM_TOTAL", "Tỷ lệ thành viên đang vay vốn", "Share of members with a loan",
	 "Số thành viên đang vay / Tổng số thành viên", "Members with a loan / Members", 500, -1},
	{"R_PAR30", "INC_PAR30_VND", "INC_OUTSTANDING", "Tỷ lệ nợ quá hạn trên 30 ngày (PAR30)",
	 "Portfolio at risk over 30 days (PAR30)", "Dư nợ quá hạn trên 30 ngày / Dư nợ cuối tháng",
	 "Outstanding principal more than 30 days late / Loans outstanding", -1, 50},
	{"R_MEETING", "MEET_HELD", "_REPORTS", "Tỷ lệ CLB có họp định kỳ", "Share of reporting clubs that met",
	 "Số CLB có họp tháng / Số báo cáo", "Clubs that held their monthly meeting / Reports", 1000, -1},
	{"R_REPORTED", "_SUBMITTED", "_EXPECTED", "Tỷ lệ CLB nộp báo cáo", "Reporting rate",
	 "Báo cáo đã nộp (kể cả đã duyệt) / CLB phải báo cáo", "Reports submitted (or approved) / Clubs expected to report",
	 1000, -1},
	{"R_ONTIME", "_ONTIME", "_EXPECTED", "Tỷ lệ nộp báo cáo đúng hạn", "On-time reporting rate",
	 "Báo cáo nộp đúng hạn / CLB phải báo cáo", "Reports first submitted by the due date / Clubs expected to report",
	 -1, -1},
	{"R_APPROVED", "_APPROVED", "_EXPECTED", "Tỷ lệ báo cáo đã duyệt", "Approval rate",
	 "Báo cáo đã duyệt / CLB phải báo cáo", "Reports approved / Clubs expected to report", -1, -1},
};
const size_t total_rate_count = sizeof total_rates / sizeof total_rates[0];

const TotalRate *total_rate_find(const char *code)
{
	for (size_t i = 0; i < total_rate_count; i++)
		if (strcmp(total_rates[i].code, code) == 0)
			return &total_rates[i];
	return NULL;
}

static const struct {
	const char *code, *vi, *en;
} total_counts[] = {
	{"_EXPECTED", "CLB phải báo cáo", "Clubs expected to report"},
	{"_REPORTS", "Báo cáo", "Reports"},
	{"_SUBMITTED", "Báo cáo đã nộp", "Reports submitted"},
	{"_ONTIME", "Nộp đúng hạn", "Submitted on time"},
	{"_APPROVED", "Báo cáo đã duyệt", "Reports approved"},
};

int total_column(Db *db, const char *code, TotalColumn *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->code, sizeof out->code, "%s", code);
	const TotalRate *rate = total_rate_find(code);
	if (rate) {
		out->kind = 2;
		out->rate = rate;
		snprintf(out->label_vi, sizeof out->label_vi, "%s", rate->vi);
		snprintf(out->label_en, sizeof out->label_en, "%s", rate->en);
		snprintf(out->ind_kind, sizeof out->ind_kind, "rate");
		return 2;
	}
	for (size_t i = 0; i < sizeof total_counts / sizeof total_counts[0]; i++)
		if (strcmp(total_counts[i].code, code) == 0) {
			out->kind = 3;
			snprintf(out->label_vi, sizeof out->label_vi, "%s", total_counts[i].vi);
			snprintf(out->label_en, sizeof out->label_en, "%s", total_counts[i].en);
			snprintf(out->ind_kind, sizeof out->ind_kind, "count");
			snprintf(out->over_time, sizeof out->over_time, "sum");
			return 3;
		}
	Indicator *ind = malloc(sizeof *ind);
	if (!ind)
		return -1;
	int have = strlen(code) <= INDICATOR_CODE_MAX ? indicator_get(db, code, 0, ind) : 0;
	if (have > 0) {
		out->kind = 1;
		snprintf(out->label_vi, sizeof out->label_vi, "%s", ind->label_vi);
		snprintf(out->label_en, sizeof out->label_en, "%s", ind->label_en);
		snprintf(out->ind_kind, sizeof out->ind_kind, "%s", ind->kind);
		snprintf(out->over_time, sizeof out->over_time, "%s", ind->over_time);
	}
	free(ind);
	return have < 0 ? -1 : out->kind;
}

/* A quantity read from the totals: a stored code in a class (or the clubs expected), and how
 * months combine. */
typedef struct Base {
	char code[32];
	TotalClass cls;
	int expected;
	int last;
} Base;

typedef struct Val {
	int has;
	int64_t sum, n;
} Val;

enum { BASES_MAX = 2 * TOTAL_CODES_MAX };

typedef struct Plan {
	TotalColumn cols[TOTAL_CODES_MAX];
	size_t ncols;
	int num[TOTAL_CODES_MAX], den[TOTAL_CODES_MAX]; /* base indexes (num only for non-rates) */
	Base bases[BASES_MAX];
	size_t nbases;
	char months[240][8];
	size_t nm;
	int any_expected;
} Plan;

static int base_index(Plan *pl, const char *code, TotalClass query_cls, Db *db)
{
	Base b = {0};
	b.cls = query_cls;
	if (strcmp(code, "_EXPECTED") == 0) {
		b.expected = 1;
		snprintf(b.code, sizeof b.code, "_EXPECTED");
		pl->any_expected = 1;
	} else if (strcmp(code, "_REPORTS") == 0) {
		snprintf(b.code, sizeof b.code, "_REPORTS");
	} else if (strcmp(code, "_SUBMITTED") == 0) {
		snprintf(b.code, sizeof b.code, "_REPORTS");
		b.cls = TOTAL_SUBMITTED;
	} else if (strcmp(code, "_APPROVED") == 0) {
		snprintf(b.code, sizeof b.code, "_REPORTS");
		b.cls = TOTAL_APPROVED;
	} else if (strcmp(code, "_ONTIME") == 0) {
		snprintf(b.code, sizeof b.code, "_ONTIME");
		b.cls = TOTAL_SUBMITTED;
	} else {
		TotalColumn c;
		if (total_column(db, code, &c) != 1)
			return -1;
		snprintf(b.code, sizeof b.code, "%s", code);
		b.last = strcmp(c.over_time, "last") == 0;
	}
	for (size_t i = 0; i < pl->nbases; i++)
		if (strcmp(pl->bases[i].code, b.code) == 0 && pl->bases[i].cls == b.cls &&
		    pl->bases[i].expected == b.expected)
			return (int)i;
	if (pl->nbases == BASES_MAX)
		return -1;
	pl->bases[pl->nbases] = b;
	return (int)pl->nbases++;
}

static int month_parse(const char *s, int *y, int *m)
{
	if (!s || strlen(s) != 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	*y = (int)strtol(s, NULL, 10);
	*m = (int)strtol(s + 5, NULL, 10);
	return *y >= 1900 && *m >= 1 && *m <= 12 ? 0 : -1;
}

static void month_end(const char *month, char out[11])
{
	int y = (int)strtol(month, NULL, 10), m = (int)strtol(month + 5, NULL, 10);
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int d = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

static size_t month_index(const Plan *pl, const char *period)
{
	/* months are consecutive: index by arithmetic */
	int y0 = (int)strtol(pl->months[0], NULL, 10), m0 = (int)strtol(pl->months[0] + 5, NULL, 10);
	int y = (int)strtol(period, NULL, 10), m = (int)strtol(period + 5, NULL, 10);
	long k = (long)(y - y0) * 12 + (m - m0);
	return k < 0 || (size_t)k >= pl->nm ? (size_t)-1 : (size_t)k;
}

static int64_t pick(Stmt *st, int first_col, TotalClass cls, int n)
{
	int c = first_col + (cls == TOTAL_ALL ? 0 : cls == TOTAL_SUBMITTED ? 2 : 4) + (n ? 1 : 0);
	return db_col_int(st, c);
}

/* Fills v[base][month] (months m0..m1) for a unit row (0 = the country) from report_totals. */
static DbStatus fill_unit(Db *db, const Plan *pl, int64_t unit_id, size_t m0, size_t m1, Val *v)
{
	Stmt *st = db_stmt(db, "total_series",
			   "SELECT period, all_sum, all_n, sub_sum, sub_n, ok_sum, ok_n FROM report_totals "
			   "WHERE unit_id = $1 AND code = $2 AND period >= $3 AND period <= $4");
	if (!st)
		return DB_ERROR;
	for (size_t b = 0; b < pl->nbases; b++) {
		if (pl->bases[b].expected)
			continue;
		db_bind_int(st, 1, unit_id);
		db_bind_text(st, 2, pl->bases[b].code);
		db_bind_text(st, 3, pl->months[m0]);
		db_bind_text(st, 4, pl->months[m1]);
		DbStatus s;
		while ((s = db_step(st)) == DB_ROW) {
			size_t k = month_index(pl, db_col_text(st, 0));
			if (k == (size_t)-1)
				continue;
			Val *x = &v[b * pl->nm + k];
			x->sum = pick(st, 1, pl->bases[b].cls, 0);
			x->n = pick(st, 1, pl->bases[b].cls, 1);
			x->has = x->n > 0;
		}
		if (s != DB_DONE)
			return s;
	}
	return DB_OK;
}

static int class_counts(const char *status, TotalClass cls)
{
	if (cls == TOTAL_ALL)
		return 1;
	if (cls == TOTAL_SUBMITTED)
		return strcmp(status, "submitted") == 0 || strcmp(status, "approved") == 0;
	return strcmp(status, "approved") == 0;
}

/* Adds to v, for months m0..m1, the reports of one club (club_id) or of every club counting in a
 * commune row (unit_id): the same sums report_totals keeps for the units above. */
static DbStatus fill_clubs(Db *db, const Plan *pl, int64_t club_id, int64_t unit_id, size_t m0, size_t m1, Val *v)
{
	Stmt *st = club_id ? db_stmt(db, "total_club_series",
				     "SELECT r.id, r.period, r.status, r.on_time, v.code, v.value FROM reports r "
				     "LEFT JOIN report_values v ON v.report_id = r.id "
				     "WHERE r.club_id = $1 AND r.period >= $2 AND r.period <= $3 ORDER BY r.id")
			   : db_stmt(db, "total_commune_series",
				     "SELECT r.id, r.period, r.status, r.on_time, v.code, v.value FROM unit_reach ur "
				     "JOIN clubs c ON c.unit_id = ur.unit_id JOIN reports r ON r.club_id = c.id "
				     "LEFT JOIN report_values v ON v.report_id = r.id "
				     "WHERE ur.ancestor_id = $1 AND r.period >= $2 AND r.period <= $3 ORDER BY r.id");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, club_id ? club_id : unit_id);
	db_bind_text(st, 2, pl->months[m0]);
	db_bind_text(st, 3, pl->months[m1]);
	DbStatus s;
	int64_t last_report = 0;
	while ((s = db_step(st)) == DB_ROW) {
		int64_t report = db_col_int(st, 0);
		size_t k = month_index(pl, db_col_text(st, 1));
		if (k == (size_t)-1)
			continue;
		const char *status = db_col_text(st, 2);
		int on_time = (int)db_col_int(st, 3);
		const char *code = db_col_is_null(st, 4) ? "" : db_col_text(st, 4);
		int64_t value = db_col_int(st, 5);
		int first = report != last_report;
		last_report = report;
		for (size_t b = 0; b < pl->nbases; b++) {
			const Base *base = &pl->bases[b];
			if (base->expected || !class_counts(status, base->cls))
				continue;
			Val *x = &v[b * pl->nm + k];
			int once = strcmp(base->code, "_REPORTS") == 0 || strcmp(base->code, "_ONTIME") == 0;
			if (once && first) {
				x->sum += strcmp(base->code, "_REPORTS") == 0 ? 1 : on_time;
				x->n++;
				x->has = 1;
			} else if (!once && *code && strcmp(base->code, code) == 0) {
				x->sum += value;
				x->n++;
				x->has = 1;
			}
		}
	}
	return s == DB_DONE ? DB_OK : s;
}

/* The clubs expected to report (status founded or active at the month's end) for months m0..m1:
 * of a unit row (unit_id), of one club (club_id), or of the country (both 0). */
static DbStatus fill_expected(Db *db, const Plan *pl, int64_t unit_id, int64_t club_id, size_t m0, size_t m1,
			      Val *v)
{
	size_t b = 0;
	while (b < pl->nbases && !pl->bases[b].expected)
		b++;
	if (b == pl->nbases)
		return DB_OK;
	Stmt *st;
	if (club_id) {
		st = db_stmt(db, "total_expected_club",
			     "SELECT club_id, status, from_date FROM club_status WHERE club_id = $1 ORDER BY club_id, from_date, id");
		if (st)
			db_bind_int(st, 1, club_id);
	} else if (unit_id) {
		st = db_stmt(db, "total_expected_unit",
			     "SELECT s.club_id, s.status, s.from_date FROM unit_reach r JOIN clubs c ON c.unit_id = r.unit_id "
			     "JOIN club_status s ON s.club_id = c.id WHERE r.ancestor_id = $1 ORDER BY s.club_id, s.from_date, s.id");
		if (st)
			db_bind_int(st, 1, unit_id);
	} else {
		st = db_stmt(db, "total_expected_all",
			     "SELECT club_id, status, from_date FROM club_status ORDER BY club_id, from_date, id");
	}
	if (!st)
		return DB_ERROR;
	char ends[240][11];
	for (size_t k = m0; k <= m1; k++)
		month_end(pl->months[k], ends[k]);
	for (size_t k = m0; k <= m1; k++) {
		v[b * pl->nm + k].has = 1;
		v[b * pl->nm + k].n = 0;
	}
	/* Walk each club's statuses in date order; the month's status is the last from_date <= its end. */
	int64_t cur = -1;
	int active[240] = {0};
	DbStatus s;
	for (;;) {
		s = db_step(st);
		int64_t club = s == DB_ROW ? db_col_int(st, 0) : -2;
		if (club != cur) {
			if (cur >= 0)
				for (size_t k = m0; k <= m1; k++)
					if (active[k]) {
						v[b * pl->nm + k].sum++;
						v[b * pl->nm + k].n++;
					}
			memset(active, 0, sizeof active);
			cur = club;
		}
		if (s != DB_ROW)
			break;
		const char *status = db_col_text(st, 1), *from = db_col_text(st, 2);
		int on = strcmp(status, "founded") == 0 || strcmp(status, "active") == 0;
		for (size_t k = m0; k <= m1; k++)
			if (strcmp(from, ends[k]) <= 0)
				active[k] = on;
	}
	return s == DB_DONE ? DB_OK : s;
}

/* Combines months m0..m1 of base b: "sum" adds (clubs: the most in any month), "last" takes the
 * latest month with a value. */
static Val combine(const Plan *pl, const Val *v, size_t b, size_t m0, size_t m1)
{
	Val out = {0};
	const Base *base = &pl->bases[b];
	if (base->last) {
		for (size_t k = m1 + 1; k-- > m0;)
			if (v[b * pl->nm + k].has) {
				out = v[b * pl->nm + k];
				break;
			}
		return out;
	}
	for (size_t k = m0; k <= m1; k++) {
		const Val *x = &v[b * pl->nm + k];
		if (!x->has)
			continue;
		out.has = 1;
		out.sum += x->sum;
		if (x->n > out.n && !base->expected)
			out.n = x->n;
		if (base->expected)
			out.n += x->n;
	}
	return out;
}

static void cells_from(const Plan *pl, const Val *bv, TotalCell *cells)
{
	for (size_t c = 0; c < pl->ncols; c++) {
		TotalCell *x = &cells[c];
		memset(x, 0, sizeof *x);
		if (pl->cols[c].kind == 2) {
			const Val *n = &bv[pl->num[c]], *d = &bv[pl->den[c]];
			x->num = n->sum;
			x->den = d->sum;
			x->has = d->has && d->sum != 0;
			x->rate = x->has ? (double)x->num / (double)x->den : 0;
			x->value = x->num;
			x->clubs = d->n;
		} else {
			const Val *n = &bv[pl->num[c]];
			x->has = n->has;
			x->value = n->sum;
			x->clubs = n->n;
		}
	}
}

static void month_add(char out[8], const char *start, size_t k)
{
	int y = (int)strtol(start, NULL, 10), m = (int)strtol(start + 5, NULL, 10) - 1 + (int)k;
	snprintf(out, 8, "%04u-%02u", (unsigned)(y + m / 12) % 10000u, (unsigned)(m % 12 + 1) % 100u);
}

static const char *geo_then_vi = "Theo địa giới hành chính khi đó: mỗi tháng tính vào đơn vị có hiệu lực trong tháng đó.";
static const char *geo_then_en = "As organised then: each month counts in the units in force in that month.";
static const char *geo_today_vi = "Quy đổi theo địa giới hành chính hiện nay: mọi tháng tính vào đơn vị ngày nay.";
static const char *geo_today_en = "Restated to today's units: every month counts in today's units.";

typedef struct Target {
	int is_club;
	int commune;                    /* a commune row: summed from its clubs' reports */
	int64_t club_id;
	Unit unit;                      /* when not a club; id 0 = country */
	char code[16], name[200], level[12];
} Target;

static int covers(Db *db, const Actor *by, int64_t unit_id)
{
	int64_t su;
	const char *sc;
	if (scope_filter(db, by, &su, &sc) != 0)
		return 0;
	if (*sc)
		return 0; /* a club user sees its club only */
	if (su == 0)
		return 1;
	return unit_id != 0 && scope_covers_unit(db, by, unit_id);
}

static void today_iso(char out[11])
{
	char now[21];
	db_now_iso(now);
	memcpy(out, now, 10);
	out[10] = '\0';
}

typedef struct Child {
	int64_t id;                     /* unit row or club */
	int is_club;
	char code[16], name[200], level[12];
} Child;

static DbStatus children_load(Db *db, const Actor *by, const Target *t, const char *on, const char *end_day,
			      Child **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	Stmt *st;
	int clubs = !t->is_club && t->unit.id && t->unit.level == UNIT_COMMUNE;
	int64_t su = 0;
	const char *sc = "";
	scope_filter(db, by, &su, &sc);
	if (clubs) {
		st = db_stmt(db, "total_children_clubs",
			     "SELECT c.id, c.code, c.name, 'club' FROM unit_reach r JOIN clubs c ON c.unit_id = r.unit_id "
			     "WHERE r.ancestor_id = $1 AND c.founded_on IS NOT NULL AND c.founded_on <= $2 AND ($3 = '' OR c.code = $3) "
			     "ORDER BY c.name_key, c.code");
		if (st) {
			db_bind_int(st, 1, t->unit.id);
			db_bind_text(st, 2, end_day);
			db_bind_text(st, 3, sc);
		}
	} else if (t->unit.id) {
		st = db_stmt(db, "total_children_units",
			     "SELECT id, code, name, level FROM units WHERE parent_id = $1 AND valid_from <= $2 "
			     "AND (valid_to IS NULL OR valid_to >= $2) ORDER BY name_key, code");
		if (st) {
			db_bind_int(st, 1, t->unit.id);
			db_bind_text(st, 2, on);
		}
	} else {
		st = db_stmt(db, "total_children_provinces",
			     "SELECT id, code, name, level FROM units WHERE level = 'province' AND valid_from <= $1 "
			     "AND (valid_to IS NULL OR valid_to >= $1) ORDER BY name_key, code");
		if (st)
			db_bind_text(st, 1, on);
	}
	if (!st)
		return DB_ERROR;
	size_t cap = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			Child *p = realloc(*out, cap * sizeof *p);
			if (!p) {
				db_reset(st);
				return DB_ERROR;
			}
			*out = p;
		}
		Child *c = &(*out)[(*n)++];
		memset(c, 0, sizeof *c);
		c->id = db_col_int(st, 0);
		c->is_club = clubs;
		snprintf(c->code, sizeof c->code, "%s", db_col_text(st, 1));
		snprintf(c->name, sizeof c->name, "%s", db_col_text(st, 2));
		snprintf(c->level, sizeof c->level, "%s", db_col_text(st, 3));
	}
	return s == DB_DONE ? DB_OK : s;
}

static DbStatus fill_target(Db *db, const Plan *pl, const Target *t, const int64_t *rows, Val *v)
{
	DbStatus s = DB_OK;
	if (t->is_club) {
		s = fill_clubs(db, pl, t->club_id, 0, 0, pl->nm - 1, v);
		if (s == DB_OK && pl->any_expected)
			s = fill_expected(db, pl, 0, t->club_id, 0, pl->nm - 1, v);
		return s;
	}
	/* months grouped by the unit row they count in */
	size_t m0 = 0;
	while (m0 < pl->nm && s == DB_OK) {
		size_t m1 = m0;
		while (m1 + 1 < pl->nm && rows[m1 + 1] == rows[m0])
			m1++;
		if (rows[m0] >= 0) {
			s = t->commune ? fill_clubs(db, pl, 0, rows[m0], m0, m1, v) : fill_unit(db, pl, rows[m0], m0, m1, v);
			if (s == DB_OK && pl->any_expected)
				s = fill_expected(db, pl, rows[m0], 0, m0, m1, v);
		}
		m0 = m1 + 1;
	}
	return s;
}

static void bases_combine(const Plan *pl, const Val *v, size_t m0, size_t m1, Val *out)
{
	for (size_t b = 0; b < pl->nbases; b++)
		out[b] = combine(pl, v, b, m0, m1);
}

static void row_months(TotalRow *row, const Plan *pl, size_t m0, size_t m1)
{
	snprintf(row->from, sizeof row->from, "%s", pl->months[m0]);
	snprintf(row->to, sizeof row->to, "%s", pl->months[m1]);
}

/* ---- answers kept between requests ----
 * Totals change only through audited writes, so an answer is kept with the version of the data it
 * was computed at (core/memo.h: the newest audit row's id, read in the same read transaction as
 * the totals) and given again only while the version is the same: a write by this server or any
 * other sharing the database is in the next answer. Answers hold rows of any length, so they are
 * kept here rather than in memo's flat slots. */

enum { CACHE_SLOTS = 256, CACHE_KEY_MAX = 512 };

typedef struct CacheSlot {
	char key[CACHE_KEY_MAX];
	MemoVersion version;
	TotalAnswer a;
	int used;
} CacheSlot;

static CacheSlot cache[CACHE_SLOTS];
static size_t cache_next;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static int answer_copy(TotalAnswer *dst, const TotalAnswer *src, size_t ncols)
{
	*dst = *src;
	dst->rows = NULL;
	dst->nrows = 0;
	dst->total.cells = NULL;
	size_t cb = (ncols ? ncols : 1) * sizeof(TotalCell);
	dst->total.cells = malloc(cb);
	dst->rows = calloc(src->nrows ? src->nrows : 1, sizeof *dst->rows);
	if (!dst->total.cells || !dst->rows)
		return -1;
	memcpy(dst->total.cells, src->total.cells, cb);
	for (size_t i = 0; i < src->nrows; i++) {
		dst->rows[i] = src->rows[i];
		dst->rows[i].cells = malloc(cb);
		if (!dst->rows[i].cells)
			return -1;
		dst->nrows = i + 1;
		memcpy(dst->rows[i].cells, src->rows[i].cells, cb);
	}
	return 0;
}

static int cache_get(const char *key, const MemoVersion *version, TotalAnswer *out, size_t ncols)
{
	int hit = 0;
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < CACHE_SLOTS && !hit; i++)
		if (cache[i].used && memo_version_same(&cache[i].version, version) && strcmp(cache[i].key, key) == 0) {
			hit = answer_copy(out, &cache[i].a, ncols) == 0 ? 1 : -1;
			if (hit < 0)
				total_free(out);
		}
	pthread_mutex_unlock(&cache_lock);
	return hit > 0;
}

static void cache_put(const char *key, const MemoVersion *version, const TotalAnswer *a, size_t ncols)
{
	TotalAnswer copy;
	if (answer_copy(&copy, a, ncols) != 0) {
		total_free(&copy);
		return;
	}
	pthread_mutex_lock(&cache_lock);
	CacheSlot *slot = NULL;
	for (size_t i = 0; i < CACHE_SLOTS && !slot; i++)
		if (cache[i].used && strcmp(cache[i].key, key) == 0)
			slot = &cache[i];
	if (!slot) {
		slot = &cache[cache_next];
		cache_next = (cache_next + 1) % CACHE_SLOTS;
	}
	if (slot->used)
		total_free(&slot->a);
	snprintf(slot->key, sizeof slot->key, "%s", key);
	slot->version = *version;
	slot->a = copy;
	slot->used = 1;
	pthread_mutex_unlock(&cache_lock);
}

/* Everything an answer depends on besides the data: the question, who asks (role, scope,
 * language) and today's date. "" when it does not fit (the answer is then not kept). */
static void cache_key(const Actor *by, const TotalQuery *q, char key[CACHE_KEY_MAX])
{
	char today[21];
	db_now_iso(today);
	int n = snprintf(key, CACHE_KEY_MAX, "%d|%s|%s|%.10s|%s|%s|%s|%d|%d|%d|%d", (int)by->role, by->scope, by->lang,
			 today, q->unit ? q->unit : "", q->from, q->to, q->by_child, (int)q->step, (int)q->geo, (int)q->cls);
	for (size_t i = 0; i < q->ncodes && n > 0 && n < CACHE_KEY_MAX; i++)
		n += snprintf(key + n, CACHE_KEY_MAX - (size_t)n, "|%s", q->codes[i] ? q->codes[i] : "");
	if (n <= 0 || n >= CACHE_KEY_MAX)
		key[0] = '\0';
}

typedef struct QueryTx {
	const Actor *by;
	const TotalQuery *q;
	TotalAnswer *out;
	Err *e;
	Plan *pl;
	const char *key;
} QueryTx;

static int query_compute(Db *db, QueryTx *t);

static int query_read(Db *db, void *arg)
{
	QueryTx *t = arg;
	MemoVersion version = {.id = -1};
	if (t->key[0])
		version = memo_version(db);
	if (version.id >= 0 && cache_get(t->key, &version, t->out, t->pl->ncols))
		return 0;
	int rc = query_compute(db, t);
	if (rc == 0 && version.id >= 0)
		cache_put(t->key, &version, t->out, t->pl->ncols);
	return rc;
}

static int query_compute(Db *db, QueryTx *t)
{
	const TotalQuery *q = t->q;
	Plan *pl = t->pl;
	TotalAnswer *a = t->out;
	int en = strcmp(t->by->lang, "en") == 0;
	Target tg;
	memset(&tg, 0, sizeof tg);
	char today[11], end_day[11];
	today_iso(today);
	month_end(pl->months[pl->nm - 1], end_day);
	const char *on = q->geo == TOTAL_TODAY ? today : end_day;
	/* the unit asked for, and for each month the row it counts in */
	int64_t *rows = calloc(pl->nm, sizeof *rows);
	if (!rows)
		return -DB_ERROR;
	int rc = 0;
	if (!q->unit || !*q->unit) {
		if (!covers(db, t->by, 0)) {
			err_set(t->e, E_NOT_FOUND, "unit");
			rc = 1;
			goto out;
		}
		snprintf(tg.level, sizeof tg.level, "country");
		snprintf(tg.name, sizeof tg.name, "%s", en ? "Viet Nam" : "Việt Nam");
	} else if (strchr(q->unit, '-')) {
		Club *c = malloc(sizeof *c);
		if (!c) {
			rc = -DB_ERROR;
			goto out;
		}
		int have = club_get_by_code(db, t->by, q->unit, c);
		if (have > 0) {
			tg.is_club = 1;
			tg.club_id = c->id;
			snprintf(tg.code, sizeof tg.code, "%s", c->code);
			snprintf(tg.name, sizeof tg.name, "%s", c->name);
			snprintf(tg.level, sizeof tg.level, "club");
		}
		free(c);
		if (have <= 0) {
			if (have < 0)
				rc = -DB_ERROR;
			else {
				err_set(t->e, E_NOT_FOUND, "unit");
				rc = 1;
			}
			goto out;
		}
		if (q->by_child) {
			err_set(t->e, E_INVALID, "by");
			rc = 1;
			goto out;
		}
	} else {
		int have = unit_find(db, q->unit, on, &tg.unit);
		if (have == 0 && q->geo == TOTAL_THEN && !q->by_child) {
			/* by time, a unit that ended inside the range: its last month */
			for (size_t k = pl->nm; k-- > 0 && have == 0;) {
				char d[11];
				month_end(pl->months[k], d);
				have = unit_find(db, q->unit, d, &tg.unit);
			}
		}
		if (have < 0) {
			rc = -DB_ERROR;
			goto out;
		}
		if (have == 0 || !covers(db, t->by, tg.unit.id)) {
			err_set(t->e, E_NOT_FOUND, "unit");
			rc = 1;
			goto out;
		}
		snprintf(tg.code, sizeof tg.code, "%s", tg.unit.code);
		snprintf(tg.name, sizeof tg.name, "%s", tg.unit.name);
		snprintf(tg.level, sizeof tg.level, "%s", unit_level_name(tg.unit.level));
		tg.commune = tg.unit.level == UNIT_COMMUNE;
	}
	for (size_t k = 0; k < pl->nm; k++)
		rows[k] = tg.unit.id;
	if (!tg.is_club && tg.unit.id && q->geo == TOTAL_THEN && !q->by_child) {
		/* each month in the unit with that code in force at its end (none: -1) */
		for (size_t k = 0; k < pl->nm; k++) {
			char d[11];
			month_end(pl->months[k], d);
			if (strcmp(d, tg.unit.valid_from) >= 0 && (!tg.unit.valid_to[0] || strcmp(d, tg.unit.valid_to) <= 0))
				continue;
			Unit u;
			int have = unit_find(db, q->unit, d, &u);
			if (have < 0) {
				rc = -DB_ERROR;
				goto out;
			}
			rows[k] = have > 0 && covers(db, t->by, u.id) ? u.id : -1;
		}
	}
	a->unit_id = tg.unit.id;
	snprintf(a->unit_code, sizeof a->unit_code, "%s", tg.code);
	snprintf(a->unit_name, sizeof a->unit_name, "%s", tg.name);
	snprintf(a->unit_level, sizeof a->unit_level, "%s", tg.level);
	a->geo_note_vi = q->geo == TOTAL_TODAY ? geo_today_vi : geo_then_vi;
	a->geo_note_en = q->geo == TOTAL_TODAY ? geo_today_en : geo_then_en;

	size_t per = pl->nbases * pl->nm;
	Val *v = calloc(per ? per : 1, sizeof *v);
	Val *bv = calloc(pl->nbases ? pl->nbases : 1, sizeof *bv);
	if (!v || !bv) {
		free(v);
		free(bv);
		rc = -DB_ERROR;
		goto out;
	}
	DbStatus s = fill_target(db, pl, &tg, rows, v);
	if (s != DB_OK) {
		rc = -(int)s;
		goto vals;
	}
	a->total.cells = calloc(pl->ncols ? pl->ncols : 1, sizeof(TotalCell));
	if (!a->total.cells) {
		rc = -DB_ERROR;
		goto vals;
	}
	bases_combine(pl, v, 0, pl->nm - 1, bv);
	cells_from(pl, bv, a->total.cells);
	a->total.unit_id = tg.unit.id;
	a->total.club_id = tg.club_id;
	snprintf(a->total.code, sizeof a->total.code, "%s", tg.code);
	snprintf(a->total.name, sizeof a->total.name, "%s", tg.name);
	snprintf(a->total.level, sizeof a->total.level, "%s", tg.level);
	row_months(&a->total, pl, 0, pl->nm - 1);

	if (!q->by_child) {
		/* steps of time */
		size_t nsteps = 0, m0 = 0;
		a->rows = calloc(pl->nm, sizeof *a->rows);
		if (!a->rows) {
			rc = -DB_ERROR;
			goto vals;
		}
		while (m0 < pl->nm) {
			size_t m1 = m0;
			int y = (int)strtol(pl->months[m0], NULL, 10), m = (int)strtol(pl->months[m0] + 5, NULL, 10);
			if (q->step != TOTAL_MONTH) {
				int last_m = q->step == TOTAL_YEAR ? 12 : ((m - 1) / 3 + 1) * 3;
				while (m1 + 1 < pl->nm && (int)strtol(pl->months[m1 + 1] + 5, NULL, 10) <= last_m &&
				       (int)strtol(pl->months[m1 + 1], NULL, 10) == y)
					m1++;
			}
			TotalRow *row = &a->rows[nsteps++];
			row->cells = calloc(pl->ncols ? pl->ncols : 1, sizeof(TotalCell));
			if (!row->cells) {
				rc = -DB_ERROR;
				goto vals;
			}
			row->unit_id = rows[m1] > 0 ? rows[m1] : 0;
			row->club_id = tg.club_id;
			snprintf(row->code, sizeof row->code, "%s", tg.code);
			snprintf(row->level, sizeof row->level, "%s", tg.level);
			if (q->step == TOTAL_MONTH)
				snprintf(row->period, sizeof row->period, "%s", pl->months[m0]);
			else if (q->step == TOTAL_QUARTER)
				snprintf(row->period, sizeof row->period, "%04u-Q%u", (unsigned)y % 10000u, (unsigned)((m - 1) / 3 + 1) % 10u);
			else
				snprintf(row->period, sizeof row->period, "%04u", (unsigned)y % 10000u);
			row_months(row, pl, m0, m1);
			bases_combine(pl, v, m0, m1, bv);
			cells_from(pl, bv, row->cells);
			m0 = m1 + 1;
		}
		a->nrows = nsteps;
		goto vals;
	}

	/* sub-units (or clubs), over the whole range */
	Child *kids = NULL;
	size_t nk = 0;
	s = children_load(db, t->by, &tg, on, end_day, &kids, &nk);
	if (s != DB_OK) {
		free(kids);
		rc = -(int)s;
		goto vals;
	}
	if (nk > TOTAL_ROWS_MAX)
		nk = TOTAL_ROWS_MAX;
	a->rows = calloc(nk + 1, sizeof *a->rows);
	Val *rest = calloc(pl->nbases ? pl->nbases : 1, sizeof *rest);
	Val *kv = calloc(per ? per : 1, sizeof *kv);
	int64_t *krows = calloc(pl->nm, sizeof *krows);
	if (!a->rows || !rest || !kv || !krows) {
		free(kids);
		free(rest);
		free(kv);
		free(krows);
		rc = -DB_ERROR;
		goto vals;
	}
	memcpy(rest, bv, pl->nbases * sizeof *rest);
	for (size_t i = 0; i < nk && s == DB_OK; i++) {
		Target kt;
		memset(&kt, 0, sizeof kt);
		kt.is_club = kids[i].is_club;
		kt.club_id = kids[i].is_club ? kids[i].id : 0;
		kt.unit.id = kids[i].is_club ? 0 : kids[i].id;
		kt.commune = strcmp(kids[i].level, "commune") == 0;
		for (size_t k = 0; k < pl->nm; k++)
			krows[k] = kt.unit.id;
		memset(kv, 0, (per ? per : 1) * sizeof *kv);
		s = fill_target(db, pl, &kt, krows, kv);
		if (s != DB_OK)
			break;
		TotalRow *row = &a->rows[a->nrows++];
		row->cells = calloc(pl->ncols ? pl->ncols : 1, sizeof(TotalCell));
		if (!row->cells) {
			s = DB_ERROR;
			break;
		}
		row->unit_id = kt.unit.id;
		row->club_id = kt.club_id;
		snprintf(row->code, sizeof row->code, "%s", kids[i].code);
		snprintf(row->name, sizeof row->name, "%s", kids[i].name);
		snprintf(row->level, sizeof row->level, "%s", kids[i].level);
		row_months(row, pl, 0, pl->nm - 1);
		Val *cb = calloc(pl->nbases ? pl->nbases : 1, sizeof *cb);
		if (!cb) {
			s = DB_ERROR;
			break;
		}
		bases_combine(pl, kv, 0, pl->nm - 1, cb);
		cells_from(pl, cb, row->cells);
		for (size_t b = 0; b < pl->nbases; b++) {
			rest[b].sum -= cb[b].sum;
			if (pl->bases[b].expected || !pl->bases[b].last)
				rest[b].n -= pl->bases[b].expected ? cb[b].n : 0;
		}
		free(cb);
	}
	/* what no sub-unit holds: clubs of communes absorbed and never mapped, or a club user's view */
	int rest_any = 0;
	for (size_t b = 0; b < pl->nbases && s == DB_OK; b++)
		rest_any |= rest[b].sum != 0;
	if (s == DB_OK && rest_any && !tg.is_club) {
		TotalRow *row = &a->rows[a->nrows];
		row->cells = calloc(pl->ncols ? pl->ncols : 1, sizeof(TotalCell));
		if (row->cells) {
			a->nrows++;
			snprintf(row->level, sizeof row->level, "rest");
			snprintf(row->name, sizeof row->name, "%s",
				 en ? "Not attributed to a sub-unit (communes absorbed without a mapping)"
				    : "Chưa gắn với đơn vị cấp dưới (xã đã sáp nhập chưa có bảng quy đổi)");
			row_months(row, pl, 0, pl->nm - 1);
			for (size_t b = 0; b < pl->nbases; b++) {
				rest[b].has = rest[b].sum != 0;
				rest[b].n = 0;
			}
			cells_from(pl, rest, row->cells);
		} else {
			s = DB_ERROR;
		}
	}
	free(kids);
	free(rest);
	free(kv);
	free(krows);
	if (s != DB_OK)
		rc = -(int)s;
vals:
	free(v);
	free(bv);
out:
	free(rows);
	return rc;
}

void total_free(TotalAnswer *a)
{
	for (size_t i = 0; i < a->nrows; i++)
		free(a->rows[i].cells);
	free(a->rows);
	free(a->total.cells);
	memset(a, 0, sizeof *a);
}

int total_query(Db *db, const Actor *by, const TotalQuery *q, TotalAnswer *out, Err *e)
{
	memset(out, 0, sizeof *out);
	if (by->role == ROLE_NONE)
		return err_set(e, E_FORBIDDEN, NULL);
	int y0, m0, y1, m1;
	if (month_parse(q->from, &y0, &m0) != 0)
		return err_set(e, E_PERIOD, "from");
	if (month_parse(q->to, &y1, &m1) != 0)
		return err_set(e, E_PERIOD, "to");
	long nm = (long)(y1 - y0) * 12 + (m1 - m0) + 1;
	if (nm < 1)
		return err_set(e, E_PERIOD, "to");
	if (nm > 240)
		return err_set(e, E_PERIOD, "from");
	if (q->ncodes == 0 || q->ncodes > TOTAL_CODES_MAX)
		return err_set(e, E_INVALID, "indicators");
	Plan *pl = calloc(1, sizeof *pl);
	if (!pl)
		return err_set(e, E_INTERNAL, NULL);
	pl->nm = (size_t)nm;
	for (size_t k = 0; k < pl->nm; k++)
		month_add(pl->months[k], q->from, k);
	int rc = 0;
	for (size_t c = 0; c < q->ncodes && !rc; c++) {
		TotalColumn *col = &pl->cols[pl->ncols];
		int kind = q->codes[c] ? total_column(db, q->codes[c], col) : 0;
		if (kind < 0) {
			rc = err_set(e, E_INTERNAL, NULL);
			break;
		}
		if (kind == 0) {
			rc = err_set(e, E_INVALID, "indicators");
			snprintf(e->detail, sizeof e->detail, "%s", q->codes[c] ? q->codes[c] : "");
			break;
		}
		if (kind == 2) {
			pl->num[pl->ncols] = base_index(pl, col->rate->num, q->cls, db);
			pl->den[pl->ncols] = base_index(pl, col->rate->den, q->cls, db);
		} else {
			pl->num[pl->ncols] = base_index(pl, col->code, q->cls, db);
			pl->den[pl->ncols] = -1;
		}
		if (pl->num[pl->ncols] < 0 || (kind == 2 && pl->den[pl->ncols] < 0)) {
			rc = err_set(e, E_INVALID, "indicators");
			break;
		}
		pl->ncols++;
	}
	if (!rc) {
		char key[CACHE_KEY_MAX];
		cache_key(by, q, key);
		QueryTx t = {by, q, out, e, pl, key};
		int r = db_read(db, query_read, &t);
		if (r > 0)
			rc = -1;
		else if (r < 0)
			rc = err_set(e, err_from_db(r), NULL);
	}
	free(pl);
	if (rc)
		total_free(out);
	return rc;
}
