/* The yearly quality assessment of each club, pre-filled from the data (the monthly reports and
 * their live totals, the volunteers on the book), confirmed by the commune or province; the counts
 * behind the "≥70% of clubs well managed" target; and the ranking of provinces and clubs on the
 * programme's indicators with weights the central level sets (see work.h). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/club.h"
#include "core/scope.h"
#include "core/total.h"
#include "core/work.h"
#include "core/work_int.h"

int assessment_well_managed(const Assessment *a)
{
	return a->meets_monthly && a->reports_on_time && a->both_funds && a->loans_repaid && a->volunteers_ok &&
	       a->areas_active >= ASSESS_MIN_AREAS;
}

/* The months of year up to this month: "YYYY-01" .. "YYYY-12" or today's month. 0 when the year
 * has not begun. */
static int year_months(int year, char from[8], char to[8])
{
	char today[11];
	unit_today(today);
	int this_year = atoi(today), this_month = atoi(today + 5);
	if (year > this_year)
		return 0;
	snprintf(from, 8, "%04d-01", year);
	snprintf(to, 8, "%04d-%02d", year, year == this_year ? this_month : 12);
	return 1;
}

static const Actor system_actor = {.role = ROLE_ADMIN, .username = "system"};

/* The pre-fill of a's club (club_code) for a->year from the data. 0 or -1. */
static int prefill(Db *db, const char *club_code, Assessment *a)
{
	char from[8], to[8];
	if (!year_months(a->year, from, to))
		return 0;
	static const char *const codes[] = {"_EXPECTED", "_SUBMITTED", "_ONTIME",       "MEET_HELD",
					    "INC_FUND_VND", "ACT_FUND_VND", "INC_PAR30_VND", "INC_OUTSTANDING"};
	TotalQuery q = {.unit = club_code, .from = from, .to = to, .codes = codes, .ncodes = 8, .step = TOTAL_YEAR,
			.geo = TOTAL_THEN, .cls = TOTAL_ALL};
	TotalAnswer ans;
	Err e = {0};
	if (total_query(db, &system_actor, &q, &ans, &e) != 0)
		return e.code == E_INTERNAL || e.code == E_BUSY ? -1 : 0;
	const TotalCell *c = ans.total.cells;
	a->months_expected = c[0].value;
	a->months_reported = c[1].value;
	a->months_on_time = c[2].value;
	a->months_met = c[3].value;
	a->income_fund = c[4].value;
	a->activity_fund = c[5].value;
	a->par30 = c[6].value;
	a->outstanding = c[7].value;
	total_free(&ans);
	a->data_meets_monthly = a->months_expected > 0 && a->months_met * 12 >= a->months_expected * ASSESS_MIN_MONTHS;
	a->data_reports_on_time = a->months_expected > 0 && a->months_on_time * 12 >= a->months_expected * ASSESS_MIN_MONTHS;
	a->data_both_funds = a->income_fund > 0 && a->activity_fund > 0;
	a->data_loans_repaid = a->months_reported > 0 && a->par30 * 20 <= a->outstanding;

	char last[11];
	snprintf(last, sizeof last, "%04d-12-31", a->year);
	Stmt *st = db_stmt(db, "assess_volunteers",
			   "SELECT COUNT(*) FROM volunteers WHERE club_id = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date > $2)");
	if (!st)
		return -1;
	db_bind_int(st, 1, a->club_id);
	db_bind_text(st, 2, last);
	if (db_step(st) != DB_ROW)
		return -1;
	a->volunteers = db_col_int(st, 0);
	db_reset(st);
	a->data_volunteers_ok = a->volunteers >= ASSESS_MIN_VOLUNTEERS;

	st = db_stmt(db, "assess_areas",
		     "SELECT COUNT(DISTINCT i.area) FROM reports r JOIN report_values v ON v.report_id = r.id "
		     "JOIN indicators i ON i.code = v.code WHERE r.club_id = $1 AND r.period BETWEEN $2 AND $3 AND v.value > 0 "
		     "AND i.source = 'entered' AND i.area IN ('income', 'health', 'homecare', 'rights', 'learning', 'culture', "
		     "'mutual', 'resources')");
	if (!st)
		return -1;
	db_bind_int(st, 1, a->club_id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	if (db_step(st) != DB_ROW)
		return -1;
	a->data_areas_active = (int)db_col_int(st, 0);
	db_reset(st);
	/* Income generation is an area of work as soon as the fund lends. */
	if (a->outstanding > 0 && a->data_areas_active < 8) {
		st = db_stmt(db, "assess_income_entered",
			     "SELECT COUNT(*) FROM reports r JOIN report_values v ON v.report_id = r.id WHERE r.club_id = $1 "
			     "AND r.period BETWEEN $2 AND $3 AND v.code = 'INC_GROUPS' AND v.value > 0");
		if (!st)
			return -1;
		db_bind_int(st, 1, a->club_id);
		db_bind_text(st, 2, from);
		db_bind_text(st, 3, to);
		if (db_step(st) != DB_ROW)
			return -1;
		if (db_col_int(st, 0) == 0)
			a->data_areas_active++;
		db_reset(st);
	}
	return 0;
}

static void use_prefill(Assessment *a)
{
	a->meets_monthly = a->data_meets_monthly;
	a->reports_on_time = a->data_reports_on_time;
	a->both_funds = a->data_both_funds;
	a->loans_repaid = a->data_loans_repaid;
	a->volunteers_ok = a->data_volunteers_ok;
	a->areas_active = a->data_areas_active;
	a->well_managed = assessment_well_managed(a);
}

/* Reads the stored assessment of a's club and year into a: 1, 0 none, -1. */
static int stored(Db *db, Assessment *a)
{
	Stmt *st = db_stmt(db, "assess_get",
			   "SELECT meets_monthly, reports_on_time, both_funds, loans_repaid, areas_active, volunteers_ok, "
			   "well_managed, note, assessed_by, assessed_level, assessed_at FROM club_assessments "
			   "WHERE club_id = $1 AND year = $2");
	if (!st)
		return -1;
	db_bind_int(st, 1, a->club_id);
	db_bind_int(st, 2, a->year);
	DbStatus s = db_step(st);
	if (s == DB_ROW) {
		a->stored = 1;
		a->meets_monthly = (int)db_col_int(st, 0);
		a->reports_on_time = (int)db_col_int(st, 1);
		a->both_funds = (int)db_col_int(st, 2);
		a->loans_repaid = (int)db_col_int(st, 3);
		a->areas_active = (int)db_col_int(st, 4);
		a->volunteers_ok = (int)db_col_int(st, 5);
		a->well_managed = (int)db_col_int(st, 6);
		work_copy(a->note, sizeof a->note, db_col_text(st, 7));
		work_copy(a->assessed_by, sizeof a->assessed_by, db_col_text(st, 8));
		work_copy(a->assessed_level, sizeof a->assessed_level, db_col_text(st, 9));
		work_copy(a->assessed_at, sizeof a->assessed_at, db_col_text(st, 10));
	}
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

static int assess_club(Db *db, const Club *c, int year, Assessment *a)
{
	memset(a, 0, sizeof *a);
	a->club_id = c->id;
	a->year = year;
	work_copy(a->club_code, sizeof a->club_code, c->code);
	work_copy(a->club_name, sizeof a->club_name, c->name);
	work_copy(a->unit_name, sizeof a->unit_name, c->unit_name);
	if (prefill(db, c->code, a) != 0)
		return -1;
	int have = stored(db, a);
	if (have < 0)
		return -1;
	if (!have)
		use_prefill(a);
	return 1;
}

int assessment_get(Db *db, const Actor *by, int64_t club_id, int year, Assessment *a)
{
	Club c;
	int have = club_get(db, by, club_id, &c);
	if (have != 1)
		return have;
	return assess_club(db, &c, year, a);
}

typedef struct ATx {
	const Actor *by;
	Assessment *a;
	int replaced;
} ATx;

static int save_tx(Db *db, void *arg)
{
	ATx *x = arg;
	Assessment *a = x->a;
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "assess_delete", "DELETE FROM club_assessments WHERE club_id = $1 AND year = $2");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, a->club_id);
	db_bind_int(st, 2, a->year);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	x->replaced = db_changes(db) > 0;
	st = db_stmt(db, "assess_insert",
		     "INSERT INTO club_assessments (club_id, year, meets_monthly, reports_on_time, both_funds, loans_repaid, "
		     "areas_active, volunteers_ok, well_managed, note, assessed_by, assessed_level, assessed_at) "
		     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, a->club_id);
	db_bind_int(st, 2, a->year);
	db_bind_int(st, 3, a->meets_monthly);
	db_bind_int(st, 4, a->reports_on_time);
	db_bind_int(st, 5, a->both_funds);
	db_bind_int(st, 6, a->loans_repaid);
	db_bind_int(st, 7, a->areas_active);
	db_bind_int(st, 8, a->volunteers_ok);
	db_bind_int(st, 9, a->well_managed);
	db_bind_text(st, 10, a->note);
	db_bind_text(st, 11, x->by->username[0] ? x->by->username : "system");
	db_bind_text(st, 12, work_actor_level(x->by, NULL));
	db_bind_text(st, 13, now);
	if ((s = db_exec_stmt(st)) != DB_OK)
		return -(int)s;
	char key[48];
	snprintf(key, sizeof key, "%s/%d", a->club_code, a->year);
	(void)sid;
	json_t *after = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:b, s:s}", "meets_monthly", a->meets_monthly,
				  "reports_on_time", a->reports_on_time, "both_funds", a->both_funds, "loans_repaid",
				  a->loans_repaid, "areas_active", a->areas_active, "volunteers_ok", a->volunteers_ok,
				  "well_managed", a->well_managed, "note", a->note);
	s = audit_write(db, x->by, x->replaced ? "update" : "create", "club_assessment", key, NULL, after);
	json_decref(after);
	return -(int)s;
}

static int flag(const char *v, const char *field, int *out, Err *e)
{
	if (!v || !*v)
		return err_set(e, E_REQUIRED, field);
	if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
		*out = 1;
	else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		*out = 0;
	else
		return err_set(e, E_INVALID, field);
	return 0;
}

int assessment_save(Db *db, const Actor *by, int64_t club_id, int year, const AssessmentInput *in, Err *e)
{
	if (by->role != ROLE_ADMIN && by->role != ROLE_PROVINCE && by->role != ROLE_COMMUNE)
		return err_set(e, E_FORBIDDEN, NULL);
	char today[11];
	unit_today(today);
	if (year < 2000 || year > atoi(today))
		return err_set(e, E_WORK_YEAR, "year");
	Assessment a;
	int have = assessment_get(db, by, club_id, year, &a);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	int64_t areas;
	if (flag(in->meets_monthly, "meets_monthly", &a.meets_monthly, e) != 0 ||
	    flag(in->reports_on_time, "reports_on_time", &a.reports_on_time, e) != 0 ||
	    flag(in->both_funds, "both_funds", &a.both_funds, e) != 0 ||
	    flag(in->loans_repaid, "loans_repaid", &a.loans_repaid, e) != 0 ||
	    flag(in->volunteers_ok, "volunteers_ok", &a.volunteers_ok, e) != 0 ||
	    work_count(in->areas_active, 8, 1, "areas_active", &areas, e) != 0 ||
	    work_text_to(in->note, a.note, sizeof a.note, 0, 1, "note", e) != 0)
		return -1;
	a.areas_active = (int)areas;
	a.well_managed = assessment_well_managed(&a);
	ATx x = {.by = by, .a = &a};
	int rc = db_tx(db, save_tx, &x);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

int assessment_counts(Db *db, int64_t unit_id, int year, int64_t *assessed, int64_t *well_managed)
{
	*assessed = *well_managed = 0;
	Stmt *st = db_stmt(db, "assess_counts",
			   "SELECT COUNT(*), COALESCE(SUM(a.well_managed), 0) FROM club_assessments a JOIN clubs c ON c.id = a.club_id "
			   "WHERE a.year = $2 AND " WORK_UNIT_SQL("c.unit_id", "$1"));
	if (!st)
		return -1;
	db_bind_int(st, 1, unit_id);
	db_bind_int(st, 2, year);
	if (db_step(st) != DB_ROW)
		return -1;
	*assessed = db_col_int(st, 0);
	*well_managed = db_col_int(st, 1);
	db_reset(st);
	return 0;
}

int assessment_counts_for(Db *db, const Actor *by, const char *unit_code, int year, int64_t *assessed,
			  int64_t *well_managed, Err *e)
{
	*assessed = *well_managed = 0;
	if (!unit_code || !*unit_code) {
		int64_t scope_unit, club;
		if (work_scope(db, by, &scope_unit, &club) != 0)
			return err_set(e, E_NOT_FOUND, "unit");
		if (club) {
			Assessment a;
			if (assessment_get(db, by, club, year, &a) != 1)
				return err_set(e, E_NOT_FOUND, "unit");
			*assessed = a.stored;
			*well_managed = a.stored && a.well_managed;
			return 0;
		}
		return assessment_counts(db, scope_unit, year, assessed, well_managed) ? err_set(e, E_INTERNAL, NULL) : 0;
	}
	if (strchr(unit_code, '-')) {
		Club c;
		if (club_get_by_code(db, by, unit_code, &c) != 1)
			return err_set(e, E_NOT_FOUND, "unit");
		Assessment a;
		if (assessment_get(db, by, c.id, year, &a) != 1)
			return err_set(e, E_NOT_FOUND, "unit");
		*assessed = a.stored;
		*well_managed = a.stored && a.well_managed;
		return 0;
	}
	char today[11];
	unit_today(today);
	Unit u;
	if (unit_find(db, unit_code, today, &u) != 1 || !work_sees_unit(db, by, u.id))
		return err_set(e, E_NOT_FOUND, "unit");
	return assessment_counts(db, u.id, year, assessed, well_managed) ? err_set(e, E_INTERNAL, NULL) : 0;
}

typedef struct ClubIds {
	Club *v;
	size_t n, cap;
	int failed;
} ClubIds;

static void club_collect(const Club *c, void *arg)
{
	ClubIds *l = arg;
	if (l->failed)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		Club *p = realloc(l->v, cap * sizeof *p);
		if (!p) {
			l->failed = 1;
			return;
		}
		l->v = p;
		l->cap = cap;
	}
	l->v[l->n++] = *c;
}

/* The clubs under unit_code (or the actor's scope) in name order: into l; the total, or -1 with e. */
static int64_t clubs_under(Db *db, const Actor *by, const char *unit_code, int64_t offset, int64_t limit, ClubIds *l,
			   Err *e)
{
	ClubFilter f = {0};
	if (unit_code && *unit_code) {
		char today[11];
		unit_today(today);
		Unit u;
		if (unit_find(db, unit_code, today, &u) != 1 || !work_sees_unit(db, by, u.id))
			return err_set(e, E_NOT_FOUND, "unit");
		f.unit_id = u.id;
	}
	int64_t total = club_list(db, by, &f, offset, limit, club_collect, l);
	if (total < 0 || l->failed)
		return err_set(e, E_INTERNAL, NULL);
	return total;
}

int64_t assessment_list(Db *db, const Actor *by, const char *unit_code, int year, int64_t offset, int64_t limit,
			void (*fn)(const Assessment *a, void *arg), void *arg, Err *e)
{
	ClubIds l = {0};
	int64_t total = clubs_under(db, by, unit_code, offset, limit, &l, e);
	for (size_t i = 0; total >= 0 && i < l.n; i++) {
		Assessment a;
		if (assess_club(db, &l.v[i], year, &a) < 0) {
			total = err_set(e, E_INTERNAL, NULL);
			break;
		}
		fn(&a, arg);
	}
	free(l.v);
	return total;
}

/* ---- the ranking ---- */

const RankIndicator rank_indicators[RANK_INDICATORS] = {
	{"R_REPORTED", "Tỷ lệ báo cáo tháng", "Reporting rate"},
	{"R_ONTIME", "Tỷ lệ báo cáo đúng hạn", "On-time reporting"},
	{"R_MEETING", "Tỷ lệ CLB họp định kỳ", "Clubs meeting monthly"},
	{"R_BORROW", "Tỷ lệ thành viên vay vốn", "Members with a loan"},
	{"R_WELL", "Tỷ lệ CLB hoạt động tốt (đánh giá năm)", "Clubs well managed (yearly assessment)"},
};

int ranking_weights(Db *db, int64_t weights[RANK_INDICATORS])
{
	for (int i = 0; i < RANK_INDICATORS; i++)
		weights[i] = 0;
	Stmt *st = db_stmt(db, "rank_weights", "SELECT code, weight FROM ranking_weights");
	if (!st)
		return -1;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW)
		for (int i = 0; i < RANK_INDICATORS; i++)
			if (strcmp(db_col_text(st, 0), rank_indicators[i].code) == 0)
				weights[i] = db_col_int(st, 1);
	db_reset(st);
	return s == DB_DONE ? 0 : -1;
}

typedef struct WTx {
	const Actor *by;
	int64_t before[RANK_INDICATORS], after[RANK_INDICATORS];
} WTx;

static int weights_tx(Db *db, void *arg)
{
	WTx *x = arg;
	char now[21];
	db_now_iso(now);
	json_t *before = json_object(), *after = json_object();
	DbStatus s = DB_OK;
	for (int i = 0; i < RANK_INDICATORS && s == DB_OK; i++) {
		Stmt *st = db_stmt(db, "rank_weight_delete", "DELETE FROM ranking_weights WHERE code = $1");
		if (!st) {
			s = DB_ERROR;
			break;
		}
		db_bind_text(st, 1, rank_indicators[i].code);
		if ((s = db_exec_stmt(st)) != DB_OK)
			break;
		st = db_stmt(db, "rank_weight_insert",
			     "INSERT INTO ranking_weights (code, weight, updated_at, updated_by) VALUES ($1, $2, $3, $4)");
		if (!st) {
			s = DB_ERROR;
			break;
		}
		db_bind_text(st, 1, rank_indicators[i].code);
		db_bind_int(st, 2, x->after[i]);
		db_bind_text(st, 3, now);
		db_bind_text(st, 4, x->by->username);
		s = db_exec_stmt(st);
		json_object_set_new(before, rank_indicators[i].code, json_integer(x->before[i]));
		json_object_set_new(after, rank_indicators[i].code, json_integer(x->after[i]));
	}
	if (s == DB_OK)
		s = audit_write(db, x->by, "update", "ranking_weights", "ranking", before, after);
	json_decref(before);
	json_decref(after);
	return -(int)s;
}

int ranking_set_weights(Db *db, const Actor *by, const char *const values[RANK_INDICATORS], Err *e)
{
	if (!scope_is_national(by))
		return err_set(e, E_FORBIDDEN, NULL);
	WTx x = {.by = by};
	if (ranking_weights(db, x.before) != 0)
		return err_set(e, E_INTERNAL, NULL);
	int64_t sum = 0;
	for (int i = 0; i < RANK_INDICATORS; i++) {
		if (work_count(values[i], 100, 1, rank_indicators[i].code, &x.after[i], e) != 0)
			return -1;
		sum += x.after[i];
	}
	if (sum == 0)
		return err_setf(e, E_INVALID, rank_indicators[0].code, "%s", "không thể mọi trọng số đều 0 / not all weights can be 0");
	int rc = db_tx(db, weights_tx, &x);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

static void score(RankRow *row, const int64_t w[RANK_INDICATORS])
{
	int64_t num = 0, den = 0;
	for (int i = 0; i < RANK_INDICATORS; i++)
		if (row->values[i] >= 0) {
			int64_t v = row->values[i] > 1000 ? 1000 : row->values[i];
			num += w[i] * v;
			den += w[i];
		}
	row->score = den ? (num + den / 2) / den : -1;
}

static int permille(int64_t num, int64_t den)
{
	return den > 0 ? (int)((num * 1000 + den / 2) / den) : -1;
}

static int row_cmp(const void *pa, const void *pb)
{
	const RankRow *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(a->code, b->code);
}

static const char *const rank_codes[] = {"_EXPECTED", "_SUBMITTED", "_ONTIME", "MEET_HELD", "_REPORTS",
					 "INC_BORROWERS", "MEM_TOTAL"};

/* The four report figures of a total row into values[0..3]. */
static void report_values(const TotalCell *c, int64_t months, RankRow *row)
{
	row->clubs = months ? (c[0].value + months - 1) / months : 0;
	row->values[0] = permille(c[1].value, c[0].value);
	row->values[1] = permille(c[2].value, c[0].value);
	row->values[2] = permille(c[3].value, c[4].value);
	row->values[3] = permille(c[5].value, c[6].value);
}

int ranking_build(Db *db, const Actor *by, int year, const char *unit_code, Ranking *out, Err *e)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	if (ranking_weights(db, out->weights) != 0)
		return err_set(e, E_INTERNAL, NULL);
	char from[8], to[8];
	if (year < 2000 || !year_months(year, from, to))
		return err_set(e, E_WORK_YEAR, "year");
	int64_t months = atoi(to + 5);
	if (!unit_code || !*unit_code) {
		TotalQuery q = {.unit = "", .from = from, .to = to, .codes = rank_codes, .ncodes = 7, .by_child = 1,
				.step = TOTAL_YEAR, .geo = TOTAL_THEN, .cls = TOTAL_ALL};
		TotalAnswer ans;
		if (total_query(db, &system_actor, &q, &ans, e) != 0)
			return -1;
		out->rows = calloc(ans.nrows ? ans.nrows : 1, sizeof *out->rows);
		if (!out->rows) {
			total_free(&ans);
			return err_set(e, E_INTERNAL, NULL);
		}
		for (size_t i = 0; i < ans.nrows; i++) {
			const TotalRow *tr = &ans.rows[i];
			if (strcmp(tr->level, "province") != 0)
				continue;
			RankRow *row = &out->rows[out->nrows++];
			row->unit_id = tr->unit_id;
			work_copy(row->code, sizeof row->code, tr->code);
			work_copy(row->name, sizeof row->name, tr->name);
			report_values(tr->cells, months, row);
			int64_t assessed, well;
			if (assessment_counts(db, tr->unit_id, year, &assessed, &well) != 0) {
				total_free(&ans);
				return err_set(e, E_INTERNAL, NULL);
			}
			row->values[4] = permille(well, assessed);
			score(row, out->weights);
		}
		total_free(&ans);
	} else {
		if (by->role == ROLE_VIEWER || by->role == ROLE_CLUB)
			return err_set(e, E_FORBIDDEN, NULL);
		char today[11];
		unit_today(today);
		Unit u;
		if (unit_find(db, unit_code, today, &u) != 1 || u.level != UNIT_PROVINCE || !work_sees_unit(db, by, u.id))
			return err_set(e, E_NOT_FOUND, "unit");
		work_copy(out->unit_code, sizeof out->unit_code, u.code);
		work_copy(out->unit_name, sizeof out->unit_name, u.name);
		ClubIds l = {0};
		if (clubs_under(db, by, u.code, 0, 5000, &l, e) < 0) {
			free(l.v);
			return -1;
		}
		out->rows = calloc(l.n ? l.n : 1, sizeof *out->rows);
		for (size_t i = 0; out->rows && i < l.n; i++) {
			TotalQuery q = {.unit = l.v[i].code, .from = from, .to = to, .codes = rank_codes, .ncodes = 7,
					.step = TOTAL_YEAR, .geo = TOTAL_THEN, .cls = TOTAL_ALL};
			TotalAnswer ans;
			Err qe = {0};
			if (total_query(db, &system_actor, &q, &ans, &qe) != 0)
				continue;
			RankRow *row = &out->rows[out->nrows++];
			row->club_id = l.v[i].id;
			work_copy(row->code, sizeof row->code, l.v[i].code);
			snprintf(row->name, sizeof row->name, "%.120s (%.70s)", l.v[i].name, l.v[i].unit_name);
			report_values(ans.total.cells, months, row);
			total_free(&ans);
			Assessment a = {.club_id = l.v[i].id, .year = year};
			int have = stored(db, &a);
			row->values[4] = have == 1 ? (a.well_managed ? 1000 : 0) : -1;
			row->clubs = 1;
			score(row, out->weights);
		}
		free(l.v);
		if (!out->rows)
			return err_set(e, E_INTERNAL, NULL);
	}
	qsort(out->rows, out->nrows, sizeof *out->rows, row_cmp);
	for (size_t i = 0; i < out->nrows; i++) {
		RankRow *row = &out->rows[i];
		if (row->score < 0)
			row->rank = 0;
		else if (i && row->score == out->rows[i - 1].score)
			row->rank = out->rows[i - 1].rank;
		else
			row->rank = (int)i + 1;
	}
	return 0;
}

void ranking_free(Ranking *r)
{
	free(r->rows);
	r->rows = NULL;
	r->nrows = 0;
}
