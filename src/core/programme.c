/* Programmes, their targets and progress, province plans, resources and donor projects (see
 * programme.h). The actual figures are counted here from clubs, members and the report totals;
 * nothing a person typed elsewhere is typed twice. */
#include "core/programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/club.h"
#include "core/fund.h"
#include "core/memo.h"
#include "core/scope.h"
#include "core/total.h"
#include "core/unit.h"
#include "lib/vi.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static int national(const Actor *a)
{
	return scope_is_national(a);
}

/* Text as typed, normalised (NFC, spaces) into out (at most max bytes). 0, or -1 with e on field. */
static int text_in(const char *s, char *out, size_t max, int multiline, Err *e, const char *field)
{
	char *n = NULL;
	if (!s)
		s = "";
	int rc = vi_normalize(s, multiline ? 0 : VI_NORM_SPACES, &n);
	if (rc != VI_OK) {
		free(n);
		return err_set(e, rc == VI_ERR_NOMEM ? E_INTERNAL : E_INVALID, field);
	}
	if (multiline) {
		/* trim the ends of a note */
		size_t len = strlen(n);
		while (len && (n[len - 1] == ' ' || n[len - 1] == '\n' || n[len - 1] == '\r' || n[len - 1] == '\t'))
			n[--len] = '\0';
	}
	if (strlen(n) >= max) {
		free(n);
		return err_set(e, E_TOO_LONG, field);
	}
	copy(out, max, n);
	free(n);
	return 0;
}

/* A date as typed (dd/mm/yyyy or ISO) into out; "" stays "" (allowed unless required). */
static int date_in(const char *s, char out[11], int required, Err *e, const char *field)
{
	out[0] = '\0';
	if (!s || !*s || strspn(s, " ") == strlen(s))
		return required ? err_set(e, E_REQUIRED, field) : 0;
	if (vi_parse_date(s, out) != VI_OK)
		return err_set(e, E_DATE, field);
	return 0;
}

/* A whole number >= 0 as typed ("3.000"); *has 0 when empty. */
static int count_in(const char *s, int64_t *v, int *has, Err *e, const char *field)
{
	*has = 0;
	*v = 0;
	if (!s || !*s || strspn(s, " ") == strlen(s))
		return 0;
	if (vi_parse_money(s, v) != VI_OK || *v < 0)
		return err_set(e, E_INVALID, field);
	*has = 1;
	return 0;
}

/* A yes/no as typed: 1, 0, or -1 for anything else. */
static int flag_in(const char *s)
{
	if (!s)
		return 0;
	char *f = vi_fold(s);
	if (!f)
		return -1;
	static const char *const yes[] = {"1", "on", "x", "v", "co", "yes", "true", "da", "roi", "\xe2\x9c\x93", NULL};
	static const char *const no[] = {"", "0", "off", "khong", "no", "false", "chua", NULL};
	int v = -1;
	for (int i = 0; yes[i] && v < 0; i++)
		if (strcmp(f, yes[i]) == 0)
			v = 1;
	for (int i = 0; no[i] && v < 0; i++)
		if (strcmp(f, no[i]) == 0)
			v = 0;
	free(f);
	return v;
}

static void today_iso(char out[11])
{
	unit_today(out);
}

/* ---- programmes ---- */

#define PROGRAMME_COLS \
	"SELECT id, code, name, kind, decision, COALESCE(decision_date, ''), COALESCE(start_date, ''), " \
	"COALESCE(end_date, ''), donor FROM programmes "

static void programme_row(Stmt *st, ProgrammeInfo *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, 0);
	copy(p->code, sizeof p->code, db_col_text(st, 1));
	copy(p->name, sizeof p->name, db_col_text(st, 2));
	copy(p->kind, sizeof p->kind, db_col_text(st, 3));
	copy(p->decision, sizeof p->decision, db_col_text(st, 4));
	copy(p->decision_date, sizeof p->decision_date, db_col_text(st, 5));
	copy(p->start_date, sizeof p->start_date, db_col_text(st, 6));
	copy(p->end_date, sizeof p->end_date, db_col_text(st, 7));
	copy(p->donor, sizeof p->donor, db_col_text(st, 8));
	p->start_year = p->start_date[0] ? atoi(p->start_date) : 0;
	p->end_year = p->end_date[0] ? atoi(p->end_date) : 0;
}

static int programme_one(Stmt *st, ProgrammeInfo *p)
{
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		programme_row(st, p);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

int programme_get(Db *db, int64_t id, ProgrammeInfo *p)
{
	Stmt *st = db_stmt(db, "programme_get", PROGRAMME_COLS "WHERE id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	return programme_one(st, p);
}

int programme_get_code(Db *db, const char *code, ProgrammeInfo *p)
{
	Stmt *st = db_stmt(db, "programme_get_code", PROGRAMME_COLS "WHERE code = $1");
	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	return programme_one(st, p);
}

int programme_list_kind(Db *db, const char *kind, void (*fn)(const ProgrammeInfo *p, void *arg), void *arg)
{
	Stmt *st = db_stmt(db, "programme_list_kind",
			   PROGRAMME_COLS "WHERE ($1 = '' AND kind <> 'donor') OR kind = $1 "
					  "ORDER BY start_date IS NULL, start_date, code");
	if (!st)
		return -1;
	db_bind_text(st, 1, kind ? kind : "");
	int n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		ProgrammeInfo p;
		programme_row(st, &p);
		if (fn)
			fn(&p, arg);
		n++;
	}
	return s == DB_DONE ? n : -1;
}

int programme_current(Db *db, const char *date, ProgrammeInfo *p)
{
	Stmt *st = db_stmt(db, "programme_current",
			   PROGRAMME_COLS "WHERE kind = 'national' AND start_date IS NOT NULL "
					  "ORDER BY CASE WHEN start_date <= $1 AND (end_date IS NULL OR end_date >= $1) "
					  "THEN 0 ELSE 1 END, start_date DESC");
	if (!st)
		return -1;
	db_bind_text(st, 1, date);
	return programme_one(st, p);
}

/* The date whose provinces make the programme's geography. */
static const char *geo_date(const ProgrammeInfo *p, char buf[11])
{
	if (p->start_date[0])
		return p->start_date;
	today_iso(buf);
	return buf;
}

int64_t programme_province_count(Db *db, const ProgrammeInfo *p)
{
	char buf[11];
	return unit_count(db, UNIT_PROVINCE, geo_date(p, buf));
}

typedef struct ProgUpdate {
	const Actor *by;
	ProgrammeInfo before, after;
} ProgUpdate;

static json_t *programme_json(const ProgrammeInfo *p)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?}", "code", p->code, "name", p->name, "decision", p->decision,
			 "decision_date", p->decision_date[0] ? p->decision_date : NULL, "start_date",
			 p->start_date[0] ? p->start_date : NULL, "end_date", p->end_date[0] ? p->end_date : NULL);
}

static int programme_update_tx(Db *db, void *arg)
{
	ProgUpdate *t = arg;
	Stmt *st = db_stmt(db, "programme_update",
			   "UPDATE programmes SET name = $2, decision = $3, decision_date = $4, start_date = $5, end_date = $6 "
			   "WHERE id = $1");
	if (!st)
		return -DB_ERROR;
	const ProgrammeInfo *a = &t->after;
	db_bind_int(st, 1, a->id);
	db_bind_text(st, 2, a->name);
	db_bind_text(st, 3, a->decision);
	db_bind_text(st, 4, a->decision_date[0] ? a->decision_date : NULL);
	db_bind_text(st, 5, a->start_date[0] ? a->start_date : NULL);
	db_bind_text(st, 6, a->end_date[0] ? a->end_date : NULL);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	json_t *b = programme_json(&t->before), *j = programme_json(a);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)a->id);
	s = audit_write(db, t->by, "update", "programme", id, b, j);
	json_decref(b);
	json_decref(j);
	return -(int)s;
}

int programme_update(Db *db, const Actor *by, int64_t id, const ProgrammeInput *in, Err *e)
{
	if (!national(by))
		return err_set(e, E_FORBIDDEN, NULL);
	ProgUpdate t = {.by = by};
	int have = programme_get(db, id, &t.before);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	t.after = t.before;
	ProgrammeInfo *a = &t.after;
	if (in->name && (text_in(in->name, a->name, sizeof a->name, 0, e, "name") || (!a->name[0] && err_set(e, E_REQUIRED, "name"))))
		return -1;
	if (in->decision && text_in(in->decision, a->decision, sizeof a->decision, 0, e, "decision"))
		return -1;
	if (in->decision_date && date_in(in->decision_date, a->decision_date, 0, e, "decision_date"))
		return -1;
	if (in->start_date && date_in(in->start_date, a->start_date, 1, e, "start_date"))
		return -1;
	if (in->end_date && date_in(in->end_date, a->end_date, 1, e, "end_date"))
		return -1;
	if (a->start_date[0] && a->end_date[0] && strcmp(a->end_date, a->start_date) < 0)
		return err_setf(e, E_INVALID, "end_date", "%s", "≥ start_date");
	int rc = db_tx(db, programme_update_tx, &t);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

/* ---- targets ---- */

const MeasureInfo programme_measures[M_COUNT] = {
	[M_NEW_CLUBS] = {"new_clubs", "CLB thành lập mới", "New clubs", 0, 0},
	[M_MEMBERS] = {"members", "Thành viên của các CLB mới", "Members of the new clubs", 0, 0},
	[M_OLDER_MEMBERS] = {"older_members", "Thành viên là người cao tuổi", "Older members", 0, 0},
	[M_PROVINCE_SHARE] = {"province_share", "Tỷ lệ tỉnh/thành phố có CLB", "Share of provinces with clubs", 1, 1},
	[M_WELL_MANAGED_SHARE] = {"well_managed_share", "Tỷ lệ CLB hoạt động đầy đủ, quản lý tốt",
				  "Share of clubs fully active and well managed", 1, 0},
	[M_BORROWING_SHARE] = {"borrowing_share", "Tỷ lệ thành viên được vay vốn", "Share of members borrowing", 1, 0},
	[M_BOTH_FUNDS_SHARE] = {"both_funds_share", "Tỷ lệ CLB có đủ hai quỹ", "Share of clubs holding both funds", 1, 0},
};

int measure_parse(const char *code)
{
	for (int i = 0; code && i < M_COUNT; i++)
		if (strcmp(code, programme_measures[i].code) == 0)
			return i;
	return -1;
}

#define TARGET_COLS \
	"SELECT t.id, t.programme_id, t.unit_id, COALESCE(u.code, ''), COALESCE(u.name, ''), t.year, t.measure, t.value, " \
	"t.decided_on, t.reason, COALESCE(t.superseded_by, 0), t.created_at, t.created_by " \
	"FROM programme_targets t LEFT JOIN units u ON u.id = t.unit_id "

static void target_row(Stmt *st, Target *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_col_int(st, 0);
	t->programme_id = db_col_int(st, 1);
	t->unit_id = db_col_int(st, 2);
	copy(t->unit_code, sizeof t->unit_code, db_col_text(st, 3));
	copy(t->unit_name, sizeof t->unit_name, db_col_text(st, 4));
	t->year = (int)db_col_int(st, 5);
	t->measure = measure_parse(db_col_text(st, 6));
	t->value = db_col_int(st, 7);
	copy(t->decided_on, sizeof t->decided_on, db_col_text(st, 8));
	copy(t->reason, sizeof t->reason, db_col_text(st, 9));
	t->superseded_by = db_col_int(st, 10);
	copy(t->created_at, sizeof t->created_at, db_col_text(st, 11));
	copy(t->created_by, sizeof t->created_by, db_col_text(st, 12));
}

int target_in_force(Db *db, int64_t programme_id, int64_t unit_id, int year, int measure, Target *t)
{
	if (measure < 0 || measure >= M_COUNT)
		return 0;
	Stmt *st = db_stmt(db, "target_in_force",
			   TARGET_COLS "WHERE t.programme_id = $1 AND t.unit_id = $2 AND t.year = $3 AND t.measure = $4 "
				       "AND t.superseded_by IS NULL");
	if (!st)
		return -1;
	db_bind_int(st, 1, programme_id);
	db_bind_int(st, 2, unit_id);
	db_bind_int(st, 3, year);
	db_bind_text(st, 4, programme_measures[measure].code);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		target_row(st, t);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

int target_list(Db *db, int64_t programme_id, int64_t unit_id, int history, void (*fn)(const Target *t, void *arg),
		void *arg)
{
	Stmt *st = db_stmt(db, "target_list",
			   TARGET_COLS "WHERE t.programme_id = $1 AND ($2 < 0 OR t.unit_id = $2) "
				       "AND ($3 = 1 OR t.superseded_by IS NULL) "
				       "ORDER BY t.unit_id <> 0, u.name_key IS NULL, u.name_key, t.measure, t.year, "
				       "t.superseded_by IS NOT NULL, t.id DESC");
	if (!st)
		return -1;
	db_bind_int(st, 1, programme_id);
	db_bind_int(st, 2, unit_id);
	db_bind_int(st, 3, history ? 1 : 0);
	int n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		Target t;
		target_row(st, &t);
		if (fn)
			fn(&t, arg);
		n++;
	}
	return s == DB_DONE ? n : -1;
}

/* The province of code in the programme's geography: 1 and u; 0 not such a province; -1. */
static int geo_province(Db *db, const ProgrammeInfo *p, const char *code, Unit *u)
{
	char buf[11];
	int have = unit_find(db, code, geo_date(p, buf), u);
	if (have <= 0)
		return have;
	return u->level == UNIT_PROVINCE;
}

typedef struct TargetTx {
	const Actor *by;
	Target t;
	int64_t replaces;
	int64_t old_value;
	int64_t id;
} TargetTx;

static int target_tx(Db *db, void *arg)
{
	TargetTx *x = arg;
	char now[21];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "target_find_in_force",
			   "SELECT id, value FROM programme_targets WHERE programme_id = $1 AND unit_id = $2 AND year = $3 "
			   "AND measure = $4 AND superseded_by IS NULL");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, x->t.programme_id);
	db_bind_int(st, 2, x->t.unit_id);
	db_bind_int(st, 3, x->t.year);
	db_bind_text(st, 4, programme_measures[x->t.measure].code);
	DbStatus s = db_step(st);
	x->replaces = 0;
	if (s == DB_ROW) {
		x->replaces = db_col_int(st, 0);
		x->old_value = db_col_int(st, 1);
	}
	db_reset(st);
	if (s != DB_ROW && s != DB_DONE)
		return -(int)s;
	if (x->replaces && !x->t.reason[0])
		return 3; /* a revision needs its reason: told by the caller */
	if (x->replaces) {
		/* The old version leaves force before the new one enters it (the unique index). */
		st = db_stmt(db, "target_retire", "UPDATE programme_targets SET superseded_by = id WHERE id = $1");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, x->replaces);
		if ((s = db_exec_stmt(st)) != DB_OK)
			return -(int)s;
	}
	st = db_stmt(db, "target_insert",
		     "INSERT INTO programme_targets (programme_id, unit_id, year, measure, value, decided_on, reason, "
		     "created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, x->t.programme_id);
	db_bind_int(st, 2, x->t.unit_id);
	db_bind_int(st, 3, x->t.year);
	db_bind_text(st, 4, programme_measures[x->t.measure].code);
	db_bind_int(st, 5, x->t.value);
	db_bind_text(st, 6, x->t.decided_on);
	db_bind_text(st, 7, x->t.reason);
	db_bind_text(st, 8, now);
	db_bind_text(st, 9, x->by->username);
	if ((s = db_exec_stmt(st)) != DB_OK)
		return -(int)s;
	x->id = db_last_id(db);
	if (x->replaces) {
		st = db_stmt(db, "target_point", "UPDATE programme_targets SET superseded_by = $2 WHERE id = $1");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, x->replaces);
		db_bind_int(st, 2, x->id);
		if ((s = db_exec_stmt(st)) != DB_OK)
			return -(int)s;
	}
	json_t *after = json_pack("{s:I, s:s, s:I, s:s, s:I, s:s, s:s}", "programme_id", (json_int_t)x->t.programme_id,
				  "unit", x->t.unit_code, "year", (json_int_t)x->t.year, "measure",
				  programme_measures[x->t.measure].code, "value", (json_int_t)x->t.value, "decided_on",
				  x->t.decided_on, "reason", x->t.reason);
	json_t *before = x->replaces ? json_pack("{s:I, s:I}", "id", (json_int_t)x->replaces, "value", (json_int_t)x->old_value)
				     : NULL;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)x->id);
	s = audit_write(db, x->by, x->replaces ? "revise" : "create", "target", id, before, after);
	json_decref(after);
	json_decref(before);
	return -(int)s;
}

int64_t target_set(Db *db, const Actor *by, int64_t programme_id, const TargetInput *in, Err *e)
{
	if (!national(by))
		return err_set(e, E_FORBIDDEN, NULL);
	ProgrammeInfo p;
	int have = programme_get(db, programme_id, &p);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	TargetTx x = {.by = by};
	x.t.programme_id = programme_id;
	x.t.measure = measure_parse(in->measure);
	if (x.t.measure < 0)
		return err_set(e, in->measure && *in->measure ? E_INVALID : E_REQUIRED, "measure");
	const MeasureInfo *m = &programme_measures[x.t.measure];
	if (in->unit && *in->unit) {
		Unit u;
		int g = geo_province(db, &p, in->unit, &u);
		if (g < 0)
			return err_set(e, E_INTERNAL, NULL);
		if (!g)
			return err_set(e, E_NOT_PROVINCE, "unit");
		if (m->national_only)
			return err_setf(e, E_INVALID, "unit", "%s", "national only");
		x.t.unit_id = u.id;
		copy(x.t.unit_code, sizeof x.t.unit_code, u.code);
	}
	if (in->year && *in->year && strspn(in->year, " ") != strlen(in->year)) {
		int64_t y;
		if (vi_parse_int(in->year, &y) != VI_OK || y < 1900 || y > 2200 || (p.start_year && y < p.start_year) ||
		    (p.end_year && y > p.end_year))
			return err_set(e, E_PROGRAMME_YEAR, "year");
		x.t.year = (int)y;
	}
	if (!in->value || !*in->value || strspn(in->value, " ") == strlen(in->value))
		return err_set(e, E_REQUIRED, "value");
	if (m->is_share) {
		char v[64];
		copy(v, sizeof v, in->value);
		char *pct = strchr(v, '%');
		if (pct)
			*pct = '\0';
		int64_t tenths;
		if (vi_parse_decimal(v, 1, &tenths) != VI_OK || tenths < 0 || tenths > 1000)
			return err_setf(e, E_INVALID, "value", "%s", "0–100 %");
		x.t.value = tenths;
	} else {
		int has;
		if (count_in(in->value, &x.t.value, &has, e, "value"))
			return -1;
	}
	if (date_in(in->decided_on, x.t.decided_on, 1, e, "decided_on"))
		return -1;
	if (text_in(in->reason, x.t.reason, sizeof x.t.reason, 0, e, "reason"))
		return -1;
	int rc = db_tx(db, target_tx, &x);
	if (rc == 3)
		return err_set(e, E_REASON_REQUIRED, "reason");
	if (rc)
		return err_set(e, err_from_db(rc), NULL);
	return x.id;
}

/* ---- progress ---- */

/* Clubs founded in [from, to] (not planned) rolling up into unit (0 = all). -1 on error. */
static int64_t clubs_founded(Db *db, int64_t unit, const char *from, const char *to)
{
	Stmt *st = db_stmt(db, "programme_clubs_founded",
			   "SELECT COUNT(*) FROM clubs c WHERE c.founded_on >= $1 AND c.founded_on <= $2 "
			   "AND c.status <> 'planned' AND ($3 = 0 OR EXISTS (SELECT 1 FROM unit_reach r "
			   "WHERE r.unit_id = c.unit_id AND r.ancestor_id = $3))");
	if (!st)
		return -1;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	db_bind_int(st, 3, unit);
	int64_t n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	return n;
}

/* Members at `to` of the clubs founded in [from, to], and the older among them. */
static int members_of_new(Db *db, int64_t unit, const char *from, const char *to, int64_t *members, int64_t *older)
{
	int age = settings_older_age(db);
	int year = atoi(to);
	char cut[11];
	snprintf(cut, sizeof cut, "%04d%s", year - age, to + 4);
	Stmt *st = db_stmt(db, "programme_members_new",
			   "SELECT COUNT(*), COALESCE(SUM(CASE WHEN (m.birth_date IS NOT NULL AND m.birth_date <= $4) OR "
			   "(m.birth_date IS NULL AND m.birth_year <= $5) THEN 1 ELSE 0 END), 0) "
			   "FROM clubs c JOIN members m ON m.club_id = c.id "
			   "WHERE c.founded_on >= $1 AND c.founded_on <= $2 AND c.status <> 'planned' "
			   "AND ($3 = 0 OR EXISTS (SELECT 1 FROM unit_reach r WHERE r.unit_id = c.unit_id AND r.ancestor_id = $3)) "
			   "AND m.joined_on <= $2 AND (m.left_on IS NULL OR m.left_on > $2)");
	if (!st)
		return -1;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	db_bind_int(st, 3, unit);
	db_bind_text(st, 4, cut);
	db_bind_int(st, 5, year - age);
	int ok = db_step(st) == DB_ROW;
	if (ok) {
		*members = db_col_int(st, 0);
		*older = db_col_int(st, 1);
	}
	db_reset(st);
	return ok ? 0 : -1;
}

/* Provinces of the geography (on geo) with a club founded by `to` and not dissolved. */
static int64_t provinces_with_clubs(Db *db, const char *geo, const char *to)
{
	Stmt *st = db_stmt(db, "programme_provinces_with_clubs",
			   "SELECT COUNT(*) FROM units p WHERE p.level = 'province' AND p.valid_from <= $1 "
			   "AND (p.valid_to IS NULL OR p.valid_to >= $1) AND EXISTS (SELECT 1 FROM unit_reach r "
			   "JOIN clubs c ON c.unit_id = r.unit_id WHERE r.ancestor_id = p.id AND c.founded_on <= $2 "
			   "AND c.status IN ('founded', 'active', 'inactive'))");
	if (!st)
		return -1;
	db_bind_text(st, 1, geo);
	db_bind_text(st, 2, to);
	int64_t n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	return n;
}

int programme_well_managed(Db *db, int64_t unit_id, int year, int64_t *assessed, int64_t *well)
{
	*assessed = *well = 0;
	int t = db_table_exists(db, "club_assessments");
	if (t <= 0)
		return t;
	Stmt *st = db_stmt(db, "programme_well_managed",
			   "SELECT COUNT(*), COALESCE(SUM(CASE WHEN a.well_managed = 1 THEN 1 ELSE 0 END), 0) "
			   "FROM club_assessments a JOIN clubs c ON c.id = a.club_id WHERE a.year = $1 "
			   "AND ($2 = 0 OR EXISTS (SELECT 1 FROM unit_reach r WHERE r.unit_id = c.unit_id AND r.ancestor_id = $2))");
	if (!st)
		return -1;
	db_bind_int(st, 1, year);
	db_bind_int(st, 2, unit_id);
	int rc = -1;
	if (db_step(st) == DB_ROW) {
		*assessed = db_col_int(st, 0);
		*well = db_col_int(st, 1);
		rc = *assessed > 0;
	}
	db_reset(st);
	return rc;
}

/* INC_BORROWERS and MEM_TOTAL of the submitted reports of month (YYYY-MM) for a unit code ("" =
 * the country). 0 with the two sums (0, 0 when nothing was reported), -1 on a store error. */
static int borrowing(Db *db, const char *unit_code, const char *month, int64_t *num, int64_t *den)
{
	*num = *den = 0;
	static const char *const codes[] = {"INC_BORROWERS", "MEM_TOTAL"};
	Actor sys = {.role = ROLE_ADMIN};
	TotalQuery q = {.unit = unit_code, .from = month, .to = month, .codes = codes, .ncodes = 2, .by_child = 0,
			.step = TOTAL_MONTH, .geo = TOTAL_THEN, .cls = TOTAL_SUBMITTED};
	TotalAnswer a;
	memset(&a, 0, sizeof a);
	Err e = {0};
	if (total_query(db, &sys, &q, &a, &e) != 0) {
		total_free(&a);
		return e.code == E_INTERNAL || e.code == E_BUSY ? -1 : 0;
	}
	if (a.total.cells) {
		*num = a.total.cells[0].value;
		*den = a.total.cells[1].value;
	}
	total_free(&a);
	return 0;
}

static int64_t permille(int64_t num, int64_t den)
{
	return den > 0 ? (num * 1000 + den / 2) / den : 0;
}

int programme_progress(Db *db, const Actor *by, int64_t programme_id, int64_t unit_id, int year, Progress out[M_COUNT],
		       Err *e)
{
	memset(out, 0, sizeof(Progress) * M_COUNT);
	ProgrammeInfo p;
	int have = programme_get(db, programme_id, &p);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	Unit u = {0};
	if (unit_id) {
		if (unit_get(db, unit_id, &u) != 1 || u.level != UNIT_PROVINCE)
			return err_set(e, E_NOT_FOUND, "unit");
		if (!scope_covers_unit(db, by, unit_id) && by->role != ROLE_COMMUNE && by->role != ROLE_CLUB)
			return err_set(e, E_NOT_FOUND, "unit");
	}
	if (year && ((p.start_year && year < p.start_year) || (p.end_year && year > p.end_year)))
		return err_set(e, E_PROGRAMME_YEAR, "year");
	char today[11], from[11], to[11], start[11], geo_buf[11];
	today_iso(today);
	/* Counted again only when the data changed (core/memo.h): the dashboards ask for it on every
	 * request, and counting the new clubs' members reads their whole member books. */
	char key[MEMO_KEY_MAX];
	snprintf(key, sizeof key, "programme_progress|%lld|%lld|%d|%s", (long long)programme_id, (long long)unit_id,
		 year, today);
	MemoVersion version = memo_version(db);
	if (memo_get(key, &version, out, sizeof(Progress) * M_COUNT))
		return 0;
	copy(start, sizeof start, p.start_date[0] ? p.start_date : "1900-01-01");
	if (year) {
		snprintf(from, sizeof from, "%04d-01-01", year);
		snprintf(to, sizeof to, "%04d-12-31", year);
		if (strcmp(from, start) < 0)
			copy(from, sizeof from, start);
	} else {
		copy(from, sizeof from, start);
		copy(to, sizeof to, p.end_date[0] ? p.end_date : today);
	}
	if (strcmp(to, today) > 0)
		copy(to, sizeof to, today);
	/* A province of the old geography stops at its last day. */
	if (unit_id && u.valid_to[0] && strcmp(to, u.valid_to) > 0)
		copy(to, sizeof to, u.valid_to);
	int future = strcmp(from, to) > 0;
	for (int m = 0; m < M_COUNT; m++) {
		out[m].measure = m;
		int t = target_in_force(db, programme_id, unit_id, year, m, &out[m].target);
		if (t < 0)
			return err_set(e, E_INTERNAL, NULL);
		out[m].has_target = t;
	}
	int64_t n = future ? 0 : clubs_founded(db, unit_id, from, to);
	if (n < 0)
		return err_set(e, E_INTERNAL, NULL);
	out[M_NEW_CLUBS].actual = n;
	int64_t members = 0, older = 0;
	if (!future && members_of_new(db, unit_id, start, to, &members, &older) != 0)
		return err_set(e, E_INTERNAL, NULL);
	out[M_MEMBERS].actual = members;
	out[M_OLDER_MEMBERS].actual = older;
	out[M_OLDER_MEMBERS].num = older;
	out[M_OLDER_MEMBERS].den = members;
	if (!unit_id) {
		int64_t with = future ? 0 : provinces_with_clubs(db, geo_date(&p, geo_buf), to);
		int64_t all = programme_province_count(db, &p);
		if (with < 0 || all < 0)
			return err_set(e, E_INTERNAL, NULL);
		out[M_PROVINCE_SHARE].num = with;
		out[M_PROVINCE_SHARE].den = all;
		out[M_PROVINCE_SHARE].actual = permille(with, all);
	} else {
		out[M_PROVINCE_SHARE].state = ACTUAL_NO_DATA;
	}
	int64_t assessed, well;
	int wm = programme_well_managed(db, unit_id, atoi(to), &assessed, &well);
	if (wm < 0)
		return err_set(e, E_INTERNAL, NULL);
	out[M_WELL_MANAGED_SHARE].state = wm ? ACTUAL_OK : ACTUAL_NOT_ASSESSED;
	out[M_WELL_MANAGED_SHARE].num = well;
	out[M_WELL_MANAGED_SHARE].den = assessed;
	out[M_WELL_MANAGED_SHARE].actual = permille(well, assessed);
	/* The month of `to`, or the month before today's when `to` is in it (not reported yet). */
	char month[8];
	snprintf(month, sizeof month, "%.7s", to);
	if (strncmp(to, today, 7) == 0) {
		int y = atoi(today), mo = atoi(today + 5) - 1;
		if (mo == 0) {
			mo = 12;
			y--;
		}
		snprintf(month, sizeof month, "%04u-%02u", (unsigned)y % 10000u, (unsigned)mo % 100u);
	}
	int64_t bn = 0, bd = 0;
	if (!future && borrowing(db, unit_id ? u.code : "", month, &bn, &bd) != 0)
		return err_set(e, E_INTERNAL, NULL);
	out[M_BORROWING_SHARE].num = bn;
	out[M_BORROWING_SHARE].den = bd;
	out[M_BORROWING_SHARE].actual = permille(bn, bd);
	if (!bd)
		out[M_BORROWING_SHARE].state = ACTUAL_NO_DATA; /* no report of the month submitted yet */
	/* Clubs holding both funds: from the same month's submitted reports (the books' figures for
	 * clubs keeping them in ishc). */
	int64_t fb = 0, fr = 0;
	if (!future && fund_both_reported(db, unit_id, month, &fb, &fr) != 0)
		return err_set(e, E_INTERNAL, NULL);
	out[M_BOTH_FUNDS_SHARE].num = fb;
	out[M_BOTH_FUNDS_SHARE].den = fr;
	out[M_BOTH_FUNDS_SHARE].actual = permille(fb, fr);
	if (!fr)
		out[M_BOTH_FUNDS_SHARE].state = ACTUAL_NO_DATA;
	for (int m = 0; m < M_COUNT; m++)
		if (out[m].has_target && out[m].target.value > 0 && out[m].state == ACTUAL_OK)
			out[m].permille_of_target = permille(out[m].actual, out[m].target.value);
	memo_put(key, &version, out, sizeof(Progress) * M_COUNT);
	return 0;
}

/* ---- province plans ---- */

int plan_may_read(const Actor *by)
{
	return by->role == ROLE_ADMIN || by->role == ROLE_CENTRAL || by->role == ROLE_PROVINCE || by->role == ROLE_VIEWER;
}

int plan_may_edit(const Actor *by)
{
	return by->role == ROLE_ADMIN || by->role == ROLE_CENTRAL || by->role == ROLE_PROVINCE;
}

int plan_province(Db *db, const Actor *by, const ProgrammeInfo *p, const char *code, int64_t *unit_id, char name[128])
{
	Unit u;
	if (!code || !*code)
		return 0;
	int g = geo_province(db, p, code, &u);
	if (g <= 0)
		return g;
	if (!scope_covers_unit(db, by, u.id))
		return 0;
	*unit_id = u.id;
	if (name)
		copy(name, 128, u.name);
	return 1;
}

#define PLAN_COLS \
	"SELECT id, issued, doc_no, COALESCE(issued_on, ''), clubs_registered IS NOT NULL, COALESCE(clubs_registered, 0), " \
	"budget_vnd IS NOT NULL, COALESCE(budget_vnd, 0), budget_decision, COALESCE(budget_date, ''), finance_mechanism, " \
	"mobilisation_policy, obstacles, updated_at FROM province_plans "

static void plan_row(Stmt *st, ProvincePlan *p)
{
	p->exists = 1;
	p->id = db_col_int(st, 0);
	p->issued = db_col_int(st, 1) != 0;
	copy(p->doc_no, sizeof p->doc_no, db_col_text(st, 2));
	copy(p->issued_on, sizeof p->issued_on, db_col_text(st, 3));
	p->has_clubs_registered = db_col_int(st, 4) != 0;
	p->clubs_registered = db_col_int(st, 5);
	p->has_budget = db_col_int(st, 6) != 0;
	p->budget_vnd = db_col_int(st, 7);
	copy(p->budget_decision, sizeof p->budget_decision, db_col_text(st, 8));
	copy(p->budget_date, sizeof p->budget_date, db_col_text(st, 9));
	p->finance_mechanism = db_col_int(st, 10) != 0;
	p->mobilisation_policy = db_col_int(st, 11) != 0;
	copy(p->obstacles, sizeof p->obstacles, db_col_text(st, 12));
	copy(p->updated_at, sizeof p->updated_at, db_col_text(st, 13));
}

/* The stored plan into out (left as it is when none): 1, 0, -1. */
static int plan_load(Db *db, int64_t programme_id, int64_t unit_id, ProvincePlan *out)
{
	Stmt *st = db_stmt(db, "plan_load", PLAN_COLS "WHERE programme_id = $1 AND unit_id = $2");
	if (!st)
		return -1;
	db_bind_int(st, 1, programme_id);
	db_bind_int(st, 2, unit_id);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		plan_row(st, out);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

int plan_get(Db *db, const Actor *by, int64_t programme_id, const char *unit_code, ProvincePlan *out)
{
	memset(out, 0, sizeof *out);
	if (!plan_may_read(by))
		return 0;
	ProgrammeInfo p;
	int have = programme_get(db, programme_id, &p);
	if (have <= 0)
		return have;
	int64_t uid;
	char name[128];
	int g = plan_province(db, by, &p, unit_code, &uid, name);
	if (g <= 0)
		return g;
	out->programme_id = programme_id;
	out->unit_id = uid;
	copy(out->unit_code, sizeof out->unit_code, unit_code);
	copy(out->unit_name, sizeof out->unit_name, name);
	return plan_load(db, programme_id, uid, out) < 0 ? -1 : 1;
}

int plan_check(const PlanInput *in, ProvincePlan *cur, Err *e)
{
	int f;
	if (in->issued) {
		if ((f = flag_in(in->issued)) < 0)
			return err_set(e, E_INVALID, "issued");
		cur->issued = f;
	}
	if (in->doc_no && text_in(in->doc_no, cur->doc_no, sizeof cur->doc_no, 0, e, "doc_no"))
		return -1;
	if (in->issued_on && date_in(in->issued_on, cur->issued_on, 0, e, "issued_on"))
		return -1;
	if (in->clubs_registered &&
	    count_in(in->clubs_registered, &cur->clubs_registered, &cur->has_clubs_registered, e, "clubs_registered"))
		return -1;
	if (in->budget_vnd && count_in(in->budget_vnd, &cur->budget_vnd, &cur->has_budget, e, "budget_vnd"))
		return -1;
	if (cur->has_budget && cur->budget_vnd > VI_MONEY_MAX)
		return err_set(e, E_INVALID, "budget_vnd");
	if (in->budget_decision && text_in(in->budget_decision, cur->budget_decision, sizeof cur->budget_decision, 0, e,
					   "budget_decision"))
		return -1;
	if (in->budget_date && date_in(in->budget_date, cur->budget_date, 0, e, "budget_date"))
		return -1;
	if (in->finance_mechanism) {
		if ((f = flag_in(in->finance_mechanism)) < 0)
			return err_set(e, E_INVALID, "finance_mechanism");
		cur->finance_mechanism = f;
	}
	if (in->mobilisation_policy) {
		if ((f = flag_in(in->mobilisation_policy)) < 0)
			return err_set(e, E_INVALID, "mobilisation_policy");
		cur->mobilisation_policy = f;
	}
	if (in->obstacles && text_in(in->obstacles, cur->obstacles, sizeof cur->obstacles, 1, e, "obstacles"))
		return -1;
	/* A plan marked issued without its number or date is allowed (filled in later); a number or a
	 * date on a plan marked not issued says the mark is wrong. */
	if (!cur->issued && (cur->doc_no[0] || cur->issued_on[0]))
		return err_set(e, E_INVALID, "issued");
	return 0;
}

static json_t *plan_json_audit(const ProvincePlan *p)
{
	return json_pack("{s:I, s:s, s:b, s:s, s:s?, s:o, s:o, s:s, s:s?, s:b, s:b, s:s}", "programme_id",
			 (json_int_t)p->programme_id, "unit", p->unit_code, "issued", p->issued, "doc_no", p->doc_no,
			 "issued_on", p->issued_on[0] ? p->issued_on : NULL, "clubs_registered",
			 p->has_clubs_registered ? json_integer(p->clubs_registered) : json_null(), "budget_vnd",
			 p->has_budget ? json_integer(p->budget_vnd) : json_null(), "budget_decision", p->budget_decision,
			 "budget_date", p->budget_date[0] ? p->budget_date : NULL, "finance_mechanism", p->finance_mechanism,
			 "mobilisation_policy", p->mobilisation_policy, "obstacles", p->obstacles);
}

int plan_write_tx(Db *db, const Actor *by, const ProvincePlan *plan)
{
	ProvincePlan before;
	memset(&before, 0, sizeof before);
	before.programme_id = plan->programme_id;
	before.unit_id = plan->unit_id;
	copy(before.unit_code, sizeof before.unit_code, plan->unit_code);
	int had = plan_load(db, plan->programme_id, plan->unit_id, &before);
	if (had < 0)
		return DB_ERROR;
	char now[21];
	db_now_iso(now);
	Stmt *st = had ? db_stmt(db, "plan_update",
				 "UPDATE province_plans SET issued = $3, doc_no = $4, issued_on = $5, clubs_registered = $6, "
				 "budget_vnd = $7, budget_decision = $8, budget_date = $9, finance_mechanism = $10, "
				 "mobilisation_policy = $11, obstacles = $12, updated_at = $13 "
				 "WHERE programme_id = $1 AND unit_id = $2")
		       : db_stmt(db, "plan_insert",
				 "INSERT INTO province_plans (programme_id, unit_id, issued, doc_no, issued_on, clubs_registered, "
				 "budget_vnd, budget_decision, budget_date, finance_mechanism, mobilisation_policy, obstacles, "
				 "updated_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, plan->programme_id);
	db_bind_int(st, 2, plan->unit_id);
	db_bind_int(st, 3, plan->issued);
	db_bind_text(st, 4, plan->doc_no);
	db_bind_text(st, 5, plan->issued_on[0] ? plan->issued_on : NULL);
	if (plan->has_clubs_registered)
		db_bind_int(st, 6, plan->clubs_registered);
	else
		db_bind_null(st, 6);
	if (plan->has_budget)
		db_bind_int(st, 7, plan->budget_vnd);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, plan->budget_decision);
	db_bind_text(st, 9, plan->budget_date[0] ? plan->budget_date : NULL);
	db_bind_int(st, 10, plan->finance_mechanism);
	db_bind_int(st, 11, plan->mobilisation_policy);
	db_bind_text(st, 12, plan->obstacles);
	db_bind_text(st, 13, now);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return s;
	json_t *b = had ? plan_json_audit(&before) : NULL, *a = plan_json_audit(plan);
	char id[48];
	snprintf(id, sizeof id, "%lld:%s", (long long)plan->programme_id, plan->unit_code);
	s = audit_write(db, by, had ? "update" : "create", "plan", id, b, a);
	json_decref(b);
	json_decref(a);
	return s;
}

typedef struct PlanTx {
	const Actor *by;
	ProvincePlan plan;
} PlanTx;

static int plan_tx(Db *db, void *arg)
{
	PlanTx *t = arg;
	return -plan_write_tx(db, t->by, &t->plan);
}

int plan_save(Db *db, const Actor *by, int64_t programme_id, const char *unit_code, const PlanInput *in, Err *e)
{
	if (!plan_may_edit(by))
		return err_set(e, E_FORBIDDEN, NULL);
	PlanTx t = {.by = by};
	int have = plan_get(db, by, programme_id, unit_code, &t.plan);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	if (plan_check(in, &t.plan, e))
		return -1;
	int rc = db_tx(db, plan_tx, &t);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

int64_t plan_list(Db *db, const Actor *by, int64_t programme_id, int year, void (*fn)(const ProvincePlan *p, void *arg),
		  void *arg, PlanSummary *sum)
{
	PlanSummary dummy;
	if (!sum)
		sum = &dummy;
	memset(sum, 0, sizeof *sum);
	if (!plan_may_read(by))
		return 0;
	ProgrammeInfo p;
	int have = programme_get(db, programme_id, &p);
	if (have <= 0)
		return have;
	Target nt;
	int t = target_in_force(db, programme_id, 0, 0, M_NEW_CLUBS, &nt);
	if (t < 0)
		return -1;
	sum->has_target = t;
	sum->target_new_clubs = t ? nt.value : 0;
	char geo_buf[11], today[11], end[11], year_end[11] = "";
	const char *geo = geo_date(&p, geo_buf);
	today_iso(today);
	copy(end, sizeof end, p.end_date[0] && strcmp(p.end_date, today) < 0 ? p.end_date : today);
	if (year)
		snprintf(year_end, sizeof year_end, "%04d-12-31", year);
	if (year && strcmp(year_end, end) < 0)
		copy(end, sizeof end, year_end);
	Stmt *st = db_stmt(db, "plan_list",
			   "SELECT u.id, u.code, u.name, COALESCE(u.valid_to, ''), pp.id IS NOT NULL, COALESCE(pp.id, 0), "
			   "COALESCE(pp.issued, 0), COALESCE(pp.doc_no, ''), COALESCE(pp.issued_on, ''), "
			   "pp.clubs_registered IS NOT NULL, COALESCE(pp.clubs_registered, 0), pp.budget_vnd IS NOT NULL, "
			   "COALESCE(pp.budget_vnd, 0), COALESCE(pp.budget_decision, ''), COALESCE(pp.budget_date, ''), "
			   "COALESCE(pp.finance_mechanism, 0), COALESCE(pp.mobilisation_policy, 0), COALESCE(pp.obstacles, ''), "
			   "COALESCE(pp.updated_at, ''), COALESCE(t.value, 0), t.id IS NOT NULL "
			   "FROM units u LEFT JOIN province_plans pp ON pp.unit_id = u.id AND pp.programme_id = $2 "
			   "LEFT JOIN programme_targets t ON t.programme_id = $2 AND t.unit_id = u.id AND t.year = 0 "
			   "AND t.measure = 'new_clubs' AND t.superseded_by IS NULL "
			   "WHERE u.level = 'province' AND u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to >= $1) "
			   "ORDER BY u.name_key, u.code");
	if (!st)
		return -1;
	db_bind_text(st, 1, geo);
	db_bind_int(st, 2, programme_id);
	/* Read every row first: counting clubs per province runs other statements. */
	size_t n = 0, cap = 0;
	ProvincePlan *rows = NULL;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			ProvincePlan *q = realloc(rows, cap * sizeof *q);
			if (!q) {
				db_reset(st);
				free(rows);
				return -1;
			}
			rows = q;
		}
		ProvincePlan *x = &rows[n++];
		memset(x, 0, sizeof *x);
		x->programme_id = programme_id;
		x->unit_id = db_col_int(st, 0);
		copy(x->unit_code, sizeof x->unit_code, db_col_text(st, 1));
		copy(x->unit_name, sizeof x->unit_name, db_col_text(st, 2));
		x->exists = db_col_int(st, 4) != 0;
		x->id = db_col_int(st, 5);
		x->issued = db_col_int(st, 6) != 0;
		copy(x->doc_no, sizeof x->doc_no, db_col_text(st, 7));
		copy(x->issued_on, sizeof x->issued_on, db_col_text(st, 8));
		x->has_clubs_registered = db_col_int(st, 9) != 0;
		x->clubs_registered = db_col_int(st, 10);
		x->has_budget = db_col_int(st, 11) != 0;
		x->budget_vnd = db_col_int(st, 12);
		copy(x->budget_decision, sizeof x->budget_decision, db_col_text(st, 13));
		copy(x->budget_date, sizeof x->budget_date, db_col_text(st, 14));
		x->finance_mechanism = db_col_int(st, 15) != 0;
		x->mobilisation_policy = db_col_int(st, 16) != 0;
		copy(x->obstacles, sizeof x->obstacles, db_col_text(st, 17));
		x->target_new_clubs = db_col_int(st, 19);
		x->has_target = db_col_int(st, 20) != 0;
		/* The province's last day (a province of the old geography) rides in clubs_founded's
		 * place as a day number until the clubs are counted: yyyymmdd, 0 while in force. */
		const char *vt = db_col_text(st, 3);
		x->clubs_founded = vt && *vt ? atoi(vt) * 10000 + atoi(vt + 5) * 100 + atoi(vt + 8) : 0;
		copy(x->updated_at, sizeof x->updated_at, db_col_text(st, 18));
	}
	if (s != DB_DONE) {
		free(rows);
		return -1;
	}
	int64_t count = 0;
	for (size_t i = 0; i < n; i++) {
		ProvincePlan *x = &rows[i];
		if (!scope_covers_unit(db, by, x->unit_id))
			continue;
		const char *from = p.start_date[0] ? p.start_date : "1900-01-01";
		char last[11];
		copy(last, sizeof last, end);
		if (x->clubs_founded) {
			char vt[11];
			snprintf(vt, sizeof vt, "%04u-%02u-%02u", (unsigned)(x->clubs_founded / 10000) % 10000u,
				 (unsigned)(x->clubs_founded / 100) % 100u, (unsigned)x->clubs_founded % 100u);
			if (strcmp(vt, last) < 0)
				memcpy(last, vt, sizeof last);
		}
		int64_t c = strcmp(from, last) <= 0 ? clubs_founded(db, x->unit_id, from, last) : 0;
		if (c < 0) {
			free(rows);
			return -1;
		}
		x->clubs_founded = c;
		count++;
		sum->provinces++;
		sum->recorded += x->exists;
		int issued = x->issued && (!year || !x->issued_on[0] || strcmp(x->issued_on, year_end) <= 0);
		int budget = x->has_budget && x->budget_vnd > 0 && (!year || !x->budget_date[0] || strcmp(x->budget_date, year_end) <= 0);
		sum->issued += issued;
		if (budget) {
			sum->budget_provinces++;
			sum->budget_total += x->budget_vnd;
		}
		sum->mechanism += x->finance_mechanism;
		sum->policy += x->mobilisation_policy;
		if (x->has_clubs_registered && issued)
			sum->clubs_registered += x->clubs_registered;
		if (fn)
			fn(x, arg);
	}
	free(rows);
	return count;
}

/* ---- resources ---- */

const ResourceSource resource_sources[RESOURCE_SOURCES] = {
	{"state_central", "Ngân sách Trung ương", "Central state budget"},
	{"state_province", "Ngân sách tỉnh", "Province budget"},
	{"state_commune", "Ngân sách xã", "Commune budget"},
	{"donor", "Dự án tài trợ", "Donor project"},
	{"business", "Doanh nghiệp", "Business"},
	{"individual", "Cá nhân, nhà hảo tâm", "Individual"},
	{"members", "Thành viên đóng góp", "Member contributions"},
};

int resource_source_parse(const char *code)
{
	for (int i = 0; code && i < RESOURCE_SOURCES; i++)
		if (strcmp(code, resource_sources[i].code) == 0)
			return i;
	return -1;
}

int resource_may_read(const Actor *by)
{
	return by->role == ROLE_ADMIN || by->role == ROLE_CENTRAL || by->role == ROLE_PROVINCE || by->role == ROLE_COMMUNE ||
	       by->role == ROLE_VIEWER;
}

int resource_may_edit(const Actor *by)
{
	return by->role == ROLE_ADMIN || by->role == ROLE_CENTRAL || by->role == ROLE_PROVINCE || by->role == ROLE_COMMUNE;
}

#define RESOURCE_COLS \
	"SELECT r.id, COALESCE(r.unit_id, 0), COALESCE(u.code, ''), COALESCE(u.name, ''), r.year, r.source, r.form, " \
	"r.value_vnd, COALESCE(r.programme_id, 0), COALESCE(p.code, ''), COALESCE(p.name, ''), r.description, " \
	"COALESCE(r.received_on, ''), r.updated_at FROM resources r LEFT JOIN units u ON u.id = r.unit_id " \
	"LEFT JOIN programmes p ON p.id = r.programme_id "

/* Rows in scope: $S the scope's unit (0 = everything), $N 1 when central-level rows are visible. */
#define RESOURCE_SCOPE(S, N) \
	"((" S " = 0 AND " N " = 1) OR (r.unit_id IS NOT NULL AND (" S " = 0 OR EXISTS (SELECT 1 FROM unit_reach sr " \
	"WHERE sr.unit_id = r.unit_id AND sr.ancestor_id = " S "))))"

static void resource_row(Stmt *st, Resource *x)
{
	memset(x, 0, sizeof *x);
	x->id = db_col_int(st, 0);
	x->unit_id = db_col_int(st, 1);
	copy(x->unit_code, sizeof x->unit_code, db_col_text(st, 2));
	copy(x->unit_name, sizeof x->unit_name, db_col_text(st, 3));
	x->year = (int)db_col_int(st, 4);
	copy(x->source, sizeof x->source, db_col_text(st, 5));
	copy(x->form, sizeof x->form, db_col_text(st, 6));
	x->value_vnd = db_col_int(st, 7);
	x->project_id = db_col_int(st, 8);
	copy(x->project_code, sizeof x->project_code, db_col_text(st, 9));
	copy(x->project_name, sizeof x->project_name, db_col_text(st, 10));
	copy(x->description, sizeof x->description, db_col_text(st, 11));
	copy(x->received_on, sizeof x->received_on, db_col_text(st, 12));
	copy(x->updated_at, sizeof x->updated_at, db_col_text(st, 13));
}

/* The scope binding of a reader: 0 on success, -1 when the scope names nothing (sees nothing). */
static int resource_scope(Db *db, const Actor *by, int64_t *unit, int *central)
{
	const char *club;
	if (scope_filter(db, by, unit, &club) != 0 || club[0])
		return -1;
	*central = *unit == 0;
	return 0;
}

int resource_get(Db *db, const Actor *by, int64_t id, Resource *out)
{
	if (!resource_may_read(by))
		return 0;
	int64_t su;
	int central;
	if (resource_scope(db, by, &su, &central) != 0)
		return 0;
	Stmt *st = db_stmt(db, "resource_get", RESOURCE_COLS "WHERE r.id = $1 AND " RESOURCE_SCOPE("$2", "$3"));
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, su);
	db_bind_int(st, 3, central);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		resource_row(st, out);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

int64_t resource_list(Db *db, const Actor *by, const ResourceFilter *f, int64_t offset, int64_t limit,
		      void (*fn)(const Resource *x, void *arg), void *arg, ResourceSum *sum)
{
	if (sum)
		memset(sum, 0, sizeof *sum);
	if (!resource_may_read(by))
		return 0;
	int64_t su;
	int central;
	if (resource_scope(db, by, &su, &central) != 0)
		return 0;
#define RESOURCE_WHERE \
	"WHERE ($1 = 0 OR r.year = $1) AND ($2 = '' OR r.source = $2) AND ($3 = 0 OR r.programme_id = $3) " \
	"AND ($4 = 0 OR EXISTS (SELECT 1 FROM unit_reach fr WHERE fr.unit_id = r.unit_id AND fr.ancestor_id = $4)) " \
	"AND " RESOURCE_SCOPE("$5", "$6")
	Stmt *st = db_stmt(db, "resource_sum",
			   "SELECT r.source, r.form, COUNT(*), COALESCE(SUM(r.value_vnd), 0) FROM resources r "
			   RESOURCE_WHERE " GROUP BY r.source, r.form ORDER BY r.source, r.form");
	if (!st)
		return -1;
	const char *source = f && f->source ? f->source : "";
	int year = f ? f->year : 0;
	int64_t unit = f ? f->unit_id : 0, project = f ? f->project_id : 0;
#define RESOURCE_BIND(st)                      \
	do {                                   \
		db_bind_int(st, 1, year);      \
		db_bind_text(st, 2, source);   \
		db_bind_int(st, 3, project);   \
		db_bind_int(st, 4, unit);      \
		db_bind_int(st, 5, su);        \
		db_bind_int(st, 6, central);   \
	} while (0)
	RESOURCE_BIND(st);
	int64_t total = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		int src = resource_source_parse(db_col_text(st, 0));
		int cash = strcmp(db_col_text(st, 1), "cash") == 0;
		int64_t n = db_col_int(st, 2), v = db_col_int(st, 3);
		total += n;
		if (sum) {
			sum->rows += n;
			sum->total += v;
			if (cash)
				sum->cash += v;
			else
				sum->in_kind += v;
			if (src >= 0)
				sum->by_source[src] += v;
		}
	}
	if (s != DB_DONE)
		return -1;
	if (!fn || limit <= 0)
		return total;
	st = db_stmt(db, "resource_list", RESOURCE_COLS RESOURCE_WHERE " ORDER BY r.year DESC, r.id DESC LIMIT $7 OFFSET $8");
	if (!st)
		return -1;
	RESOURCE_BIND(st);
	db_bind_int(st, 7, limit);
	db_bind_int(st, 8, offset);
	while ((s = db_step(st)) == DB_ROW) {
		Resource x;
		resource_row(st, &x);
		fn(&x, arg);
	}
	return s == DB_DONE ? total : -1;
}

typedef struct ResTx {
	const Actor *by;
	Resource before, after;
	int create;
} ResTx;

static json_t *resource_json_audit(const Resource *x)
{
	return json_pack("{s:s, s:I, s:s, s:s, s:I, s:s, s:s, s:s?}", "unit", x->unit_code, "year", (json_int_t)x->year,
			 "source", x->source, "form", x->form, "value_vnd", (json_int_t)x->value_vnd, "project",
			 x->project_code, "description", x->description, "received_on",
			 x->received_on[0] ? x->received_on : NULL);
}

static int resource_tx(Db *db, void *arg)
{
	ResTx *t = arg;
	Resource *a = &t->after;
	char now[21];
	db_now_iso(now);
	Stmt *st = t->create ? db_stmt(db, "resource_insert",
				       "INSERT INTO resources (unit_id, year, source, form, value_vnd, programme_id, description, "
				       "received_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)")
			     : db_stmt(db, "resource_update",
				       "UPDATE resources SET unit_id = $1, year = $2, source = $3, form = $4, value_vnd = $5, "
				       "programme_id = $6, description = $7, received_on = $8, updated_at = $9 WHERE id = $10");
	if (!st)
		return -DB_ERROR;
	if (a->unit_id)
		db_bind_int(st, 1, a->unit_id);
	else
		db_bind_null(st, 1);
	db_bind_int(st, 2, a->year);
	db_bind_text(st, 3, a->source);
	db_bind_text(st, 4, a->form);
	db_bind_int(st, 5, a->value_vnd);
	if (a->project_id)
		db_bind_int(st, 6, a->project_id);
	else
		db_bind_null(st, 6);
	db_bind_text(st, 7, a->description);
	db_bind_text(st, 8, a->received_on[0] ? a->received_on : NULL);
	db_bind_text(st, 9, now);
	if (!t->create)
		db_bind_int(st, 10, a->id);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	if (t->create)
		a->id = db_last_id(db);
	json_t *b = t->create ? NULL : resource_json_audit(&t->before), *j = resource_json_audit(a);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)a->id);
	s = audit_write(db, t->by, t->create ? "create" : "update", "resource", id, b, j);
	json_decref(b);
	json_decref(j);
	return -(int)s;
}

static int resource_check(Db *db, const Actor *by, const ResourceInput *in, Resource *x, Err *e)
{
	if (in->year) {
		int64_t y;
		if (!*in->year)
			return err_set(e, E_REQUIRED, "year");
		if (vi_parse_int(in->year, &y) != VI_OK || y < 2000 || y > 2100)
			return err_set(e, E_INVALID, "year");
		x->year = (int)y;
	}
	if (in->received_on && date_in(in->received_on, x->received_on, 0, e, "received_on"))
		return -1;
	if (x->received_on[0] && atoi(x->received_on) != x->year)
		return err_setf(e, E_INVALID, "received_on", "%d", x->year);
	if (in->source) {
		if (!*in->source)
			return err_set(e, E_REQUIRED, "source");
		if (resource_source_parse(in->source) < 0)
			return err_set(e, E_INVALID, "source");
		copy(x->source, sizeof x->source, in->source);
	}
	if (in->form) {
		if (!*in->form)
			return err_set(e, E_REQUIRED, "form");
		if (strcmp(in->form, "cash") != 0 && strcmp(in->form, "in_kind") != 0)
			return err_set(e, E_INVALID, "form");
		copy(x->form, sizeof x->form, in->form);
	}
	if (in->value) {
		int has;
		if (count_in(in->value, &x->value_vnd, &has, e, "value"))
			return -1;
		if (!has)
			return err_set(e, E_REQUIRED, "value");
		if (x->value_vnd > VI_MONEY_MAX)
			return err_set(e, E_INVALID, "value");
	}
	if (in->description && text_in(in->description, x->description, sizeof x->description, 0, e, "description"))
		return -1;
	if (in->unit || in->year || in->received_on) {
		const char *code = in->unit ? in->unit : x->unit_code;
		if (!code || !*code) {
			if (!national(by))
				return err_set(e, E_REQUIRED, "unit");
			x->unit_id = 0;
			x->unit_code[0] = x->unit_name[0] = '\0';
		} else {
			char on[11], buf[11];
			Unit u;
			snprintf(on, sizeof on, "%04u-01-01", (unsigned)x->year % 10000u);
			int have = unit_find(db, code, x->received_on[0] ? x->received_on : on, &u);
			if (have == 0) {
				snprintf(buf, sizeof buf, "%04u-12-31", (unsigned)x->year % 10000u);
				have = unit_find(db, code, buf, &u);
			}
			if (have == 0) {
				today_iso(buf);
				have = unit_find(db, code, buf, &u);
			}
			if (have < 0)
				return err_set(e, E_INTERNAL, NULL);
			if (!have)
				return err_set(e, E_NOT_FOUND, "unit");
			if (!scope_covers_unit(db, by, u.id))
				return err_set(e, E_OUT_OF_SCOPE, "unit");
			x->unit_id = u.id;
			copy(x->unit_code, sizeof x->unit_code, u.code);
			copy(x->unit_name, sizeof x->unit_name, u.name);
		}
	}
	if (in->project) {
		x->project_id = 0;
		x->project_code[0] = '\0';
		if (*in->project) {
			ProgrammeInfo p;
			int have = programme_get_code(db, in->project, &p);
			if (have < 0)
				return err_set(e, E_INTERNAL, NULL);
			if (!have)
				return err_set(e, E_NOT_FOUND, "project");
			x->project_id = p.id;
			copy(x->project_code, sizeof x->project_code, p.code);
		}
	}
	return 0;
}

int64_t resource_create(Db *db, const Actor *by, const ResourceInput *in, Err *e)
{
	if (!resource_may_edit(by))
		return err_set(e, E_FORBIDDEN, NULL);
	ResTx t = {.by = by, .create = 1};
	/* Every field is required on creation: absent ones count as empty. */
	ResourceInput full = *in;
	if (!full.year)
		full.year = "";
	if (!full.source)
		full.source = "";
	if (!full.form)
		full.form = "cash";
	if (!full.value)
		full.value = "";
	if (!full.unit)
		full.unit = "";
	if (resource_check(db, by, &full, &t.after, e))
		return -1;
	int rc = db_tx(db, resource_tx, &t);
	return rc ? err_set(e, err_from_db(rc), NULL) : t.after.id;
}

int resource_update(Db *db, const Actor *by, int64_t id, const ResourceInput *in, Err *e)
{
	if (!resource_may_edit(by))
		return err_set(e, E_FORBIDDEN, NULL);
	ResTx t = {.by = by};
	int have = resource_get(db, by, id, &t.before);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	t.after = t.before;
	if (resource_check(db, by, in, &t.after, e))
		return -1;
	int rc = db_tx(db, resource_tx, &t);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

/* ---- donor projects ---- */

typedef struct DonorTx {
	const Actor *by;
	int create;
	ProgrammeInfo before, after;
	int64_t *units, *clubs;
	size_t nunits, nclubs;
	int set_units, set_clubs;
} DonorTx;

/* Splits a list of codes (spaces, commas, semicolons, lines) and calls one(code) on each. */
static int codes_each(const char *s, int (*one)(const char *code, void *arg), void *arg)
{
	char code[40];
	while (s && *s) {
		s += strspn(s, " ,;\t\r\n");
		size_t n = strcspn(s, " ,;\t\r\n");
		if (!n)
			break;
		if (n >= sizeof code)
			n = sizeof code - 1;
		memcpy(code, s, n);
		code[n] = '\0';
		s += strcspn(s, " ,;\t\r\n");
		int rc = one(code, arg);
		if (rc)
			return rc;
	}
	return 0;
}

typedef struct CodeCtx {
	Db *db;
	const Actor *by;
	const char *on;
	int64_t *ids;
	size_t n, cap;
	Err *e;
	int clubs;
} CodeCtx;

static int code_add(CodeCtx *c, int64_t id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->ids[i] == id)
			return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 16;
		int64_t *p = realloc(c->ids, cap * sizeof *p);
		if (!p)
			return err_set(c->e, E_INTERNAL, NULL);
		c->ids = p;
		c->cap = cap;
	}
	c->ids[c->n++] = id;
	return 0;
}

static int code_one(const char *code, void *arg)
{
	CodeCtx *c = arg;
	if (c->clubs) {
		Club club;
		int have = club_get_by_code(c->db, c->by, code, &club);
		if (have < 0)
			return err_set(c->e, E_INTERNAL, NULL);
		if (!have)
			return err_setf(c->e, E_NOT_FOUND, "clubs", "%s", code);
		return code_add(c, club.id);
	}
	Unit u;
	char today[11];
	int have = unit_find(c->db, code, c->on, &u);
	if (have == 0) {
		today_iso(today);
		have = unit_find(c->db, code, today, &u);
	}
	if (have < 0)
		return err_set(c->e, E_INTERNAL, NULL);
	if (!have || u.level == UNIT_DISTRICT)
		return err_setf(c->e, E_NOT_FOUND, "units", "%s", code);
	return code_add(c, u.id);
}

static int donor_links_tx(Db *db, DonorTx *t)
{
	DbStatus s;
	if (t->set_units) {
		Stmt *st = db_stmt(db, "donor_units_clear", "DELETE FROM donor_project_units WHERE programme_id = $1");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, t->after.id);
		if ((s = db_exec_stmt(st)) != DB_OK)
			return -(int)s;
		for (size_t i = 0; i < t->nunits; i++) {
			st = db_stmt(db, "donor_units_add", "INSERT INTO donor_project_units (programme_id, unit_id) VALUES ($1, $2)");
			if (!st)
				return -DB_ERROR;
			db_bind_int(st, 1, t->after.id);
			db_bind_int(st, 2, t->units[i]);
			if ((s = db_exec_stmt(st)) != DB_OK)
				return -(int)s;
		}
	}
	if (t->set_clubs) {
		Stmt *st = db_stmt(db, "donor_clubs_clear", "DELETE FROM donor_project_clubs WHERE programme_id = $1");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, t->after.id);
		if ((s = db_exec_stmt(st)) != DB_OK)
			return -(int)s;
		for (size_t i = 0; i < t->nclubs; i++) {
			st = db_stmt(db, "donor_clubs_add", "INSERT INTO donor_project_clubs (programme_id, club_id) VALUES ($1, $2)");
			if (!st)
				return -DB_ERROR;
			db_bind_int(st, 1, t->after.id);
			db_bind_int(st, 2, t->clubs[i]);
			if ((s = db_exec_stmt(st)) != DB_OK)
				return -(int)s;
		}
	}
	return 0;
}

static int donor_tx(Db *db, void *arg)
{
	DonorTx *t = arg;
	ProgrammeInfo *a = &t->after;
	Stmt *st;
	if (t->create) {
		st = db_stmt(db, "donor_code_taken", "SELECT 1 FROM programmes WHERE code = $1");
		if (!st)
			return -DB_ERROR;
		db_bind_text(st, 1, a->code);
		DbStatus s = db_step(st);
		db_reset(st);
		if (s == DB_ROW)
			return 4;
		st = db_stmt(db, "donor_insert",
			     "INSERT INTO programmes (code, name, kind, decision, start_date, end_date, donor) "
			     "VALUES ($1, $2, 'donor', '', $3, $4, $5)");
	} else {
		st = db_stmt(db, "donor_update",
			     "UPDATE programmes SET name = $2, start_date = $3, end_date = $4, donor = $5 WHERE id = $1");
	}
	if (!st)
		return -DB_ERROR;
	if (t->create)
		db_bind_text(st, 1, a->code);
	else
		db_bind_int(st, 1, a->id);
	db_bind_text(st, 2, a->name);
	db_bind_text(st, 3, a->start_date[0] ? a->start_date : NULL);
	db_bind_text(st, 4, a->end_date[0] ? a->end_date : NULL);
	db_bind_text(st, 5, a->donor);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	if (t->create)
		a->id = db_last_id(db);
	int rc = donor_links_tx(db, t);
	if (rc)
		return rc;
	json_t *b = t->create ? NULL : programme_json(&t->before), *j = programme_json(a);
	json_object_set_new(j, "donor", json_string(a->donor));
	if (t->set_units)
		json_object_set_new(j, "units", json_integer((json_int_t)t->nunits));
	if (t->set_clubs)
		json_object_set_new(j, "clubs", json_integer((json_int_t)t->nclubs));
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)a->id);
	s = audit_write(db, t->by, t->create ? "create" : "update", "donor_project", id, b, j);
	json_decref(b);
	json_decref(j);
	return -(int)s;
}

static int donor_check(Db *db, const Actor *by, const DonorInput *in, DonorTx *t, Err *e)
{
	ProgrammeInfo *a = &t->after;
	if (in->name && (text_in(in->name, a->name, sizeof a->name, 0, e, "name") || (!a->name[0] && err_set(e, E_REQUIRED, "name"))))
		return -1;
	if (in->donor && (text_in(in->donor, a->donor, sizeof a->donor, 0, e, "donor") ||
			  (!a->donor[0] && err_set(e, E_REQUIRED, "donor"))))
		return -1;
	if (in->start_date && date_in(in->start_date, a->start_date, 0, e, "start_date"))
		return -1;
	if (in->end_date && date_in(in->end_date, a->end_date, 0, e, "end_date"))
		return -1;
	if (a->start_date[0] && a->end_date[0] && strcmp(a->end_date, a->start_date) < 0)
		return err_set(e, E_INVALID, "end_date");
	char today[11];
	today_iso(today);
	if (in->units) {
		CodeCtx c = {.db = db, .by = by, .on = a->start_date[0] ? a->start_date : today, .e = e};
		if (codes_each(in->units, code_one, &c)) {
			free(c.ids);
			return -1;
		}
		t->units = c.ids;
		t->nunits = c.n;
		t->set_units = 1;
	}
	if (in->clubs) {
		CodeCtx c = {.db = db, .by = by, .e = e, .clubs = 1};
		if (codes_each(in->clubs, code_one, &c)) {
			free(c.ids);
			return -1;
		}
		t->clubs = c.ids;
		t->nclubs = c.n;
		t->set_clubs = 1;
	}
	return 0;
}

int64_t donor_project_create(Db *db, const Actor *by, const DonorInput *in, Err *e)
{
	if (!national(by))
		return err_set(e, E_FORBIDDEN, NULL);
	DonorTx t = {.by = by, .create = 1};
	copy(t.after.kind, sizeof t.after.kind, "donor");
	DonorInput full = *in;
	if (!full.name)
		full.name = "";
	if (!full.donor)
		full.donor = "";
	int64_t rc = -1;
	if (in->code && *in->code) {
		if (text_in(in->code, t.after.code, sizeof t.after.code, 0, e, "code"))
			return -1;
		for (const char *p = t.after.code; *p; p++)
			if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
			      *p == '_'))
				return err_setf(e, E_INVALID, "code", "%s", "A-Z 0-9 -");
	}
	if (donor_check(db, by, &full, &t, e) == 0) {
		if (!t.after.code[0]) {
			/* DP-<next number>: one more than the donor projects there are. */
			int n = programme_list_kind(db, "donor", NULL, NULL);
			for (int k = n + 1; k < n + 1000; k++) {
				ProgrammeInfo x;
				snprintf(t.after.code, sizeof t.after.code, "DP-%02d", k);
				if (programme_get_code(db, t.after.code, &x) == 0)
					break;
			}
		}
		int r = db_tx(db, donor_tx, &t);
		if (r == 4)
			err_set(e, E_INVALID, "code");
		else if (r)
			err_set(e, err_from_db(r), NULL);
		else
			rc = t.after.id;
	}
	free(t.units);
	free(t.clubs);
	return rc;
}

int donor_project_update(Db *db, const Actor *by, int64_t id, const DonorInput *in, Err *e)
{
	if (!national(by))
		return err_set(e, E_FORBIDDEN, NULL);
	DonorTx t = {.by = by};
	DonorStats st;
	int have = donor_project_get(db, id, &t.before, &st);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	t.after = t.before;
	int rc = -1;
	if (donor_check(db, by, in, &t, e) == 0) {
		int r = db_tx(db, donor_tx, &t);
		rc = r ? err_set(e, err_from_db(r), NULL) : 0;
	}
	free(t.units);
	free(t.clubs);
	return rc;
}

int donor_project_get(Db *db, int64_t id, ProgrammeInfo *p, DonorStats *stats)
{
	int have = programme_get(db, id, p);
	if (have <= 0)
		return have;
	if (strcmp(p->kind, "donor") != 0)
		return 0;
	if (!stats)
		return 1;
	memset(stats, 0, sizeof *stats);
	Stmt *st = db_stmt(db, "donor_stats",
			   "SELECT (SELECT COUNT(*) FROM donor_project_units d JOIN units u ON u.id = d.unit_id "
			   "WHERE d.programme_id = $1 AND u.level = 'province'), "
			   "(SELECT COUNT(*) FROM donor_project_units d JOIN units u ON u.id = d.unit_id "
			   "WHERE d.programme_id = $1 AND u.level = 'commune'), "
			   "(SELECT COUNT(*) FROM clubs c WHERE c.programme_id = $1 OR EXISTS (SELECT 1 FROM donor_project_clubs d "
			   "WHERE d.programme_id = $1 AND d.club_id = c.id)), "
			   "(SELECT COALESCE(SUM(value_vnd), 0) FROM resources WHERE programme_id = $1)");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int ok = db_step(st) == DB_ROW;
	if (ok) {
		stats->provinces = db_col_int(st, 0);
		stats->communes = db_col_int(st, 1);
		stats->clubs = db_col_int(st, 2);
		stats->resources_vnd = db_col_int(st, 3);
	}
	db_reset(st);
	return ok ? 1 : -1;
}

int donor_project_units(Db *db, int64_t id, void (*fn)(const char *code, const char *name, int level, void *arg), void *arg)
{
	Stmt *st = db_stmt(db, "donor_units_list",
			   "SELECT u.code, u.name, u.level FROM donor_project_units d JOIN units u ON u.id = d.unit_id "
			   "WHERE d.programme_id = $1 ORDER BY u.level DESC, u.name_key, u.code");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		fn(db_col_text(st, 0), db_col_text(st, 1), (int)unit_level_parse(db_col_text(st, 2)), arg);
		n++;
	}
	return s == DB_DONE ? n : -1;
}

int donor_project_clubs(Db *db, int64_t id, void (*fn)(int64_t club_id, const char *code, const char *name, void *arg),
			void *arg)
{
	Stmt *st = db_stmt(db, "donor_clubs_list",
			   "SELECT c.id, c.code, c.name FROM clubs c WHERE c.programme_id = $1 OR EXISTS (SELECT 1 FROM "
			   "donor_project_clubs d WHERE d.programme_id = $1 AND d.club_id = c.id) ORDER BY c.name_key, c.code");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		fn(db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2), arg);
		n++;
	}
	return s == DB_DONE ? n : -1;
}
