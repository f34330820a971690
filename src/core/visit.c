/* Monitoring and technical-support visits: findings against the checklist, recommendations with
 * an owner and a due date, their follow-up, and the overdue ones of a scope (see work.h). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/club.h"
#include "core/scope.h"
#include "core/work.h"
#include "core/work_int.h"

const VisitItem visit_items[] = {
	{"meetings", "CLB họp định kỳ hằng tháng", "The club meets every month"},
	{"board", "Ban chủ nhiệm đủ người, phân công rõ việc", "The board is complete, with clear roles"},
	{"books", "Sổ sách ghi chép đầy đủ (sổ thành viên, sổ quỹ)", "Books kept up to date (members, funds)"},
	{"funds", "Có đủ hai quỹ: tăng thu nhập và hoạt động", "Both funds held: income generation and activities"},
	{"loans", "Cho vay và thu hồi vốn đúng quy định", "Loans made and repaid by the rules"},
	{"reports", "Báo cáo tháng nộp đủ, đúng hạn", "Monthly reports complete and on time"},
	{"homecare", "Có ít nhất 5 tình nguyện viên chăm sóc tại nhà", "At least 5 home-care volunteers"},
	{"areas", "Hoạt động đủ tám mảng", "Active in the eight areas"},
	{"support", "Được chính quyền, Hội NCT cơ sở quan tâm hỗ trợ", "Supported by the local authority and association"},
};
const size_t visit_item_count = sizeof visit_items / sizeof *visit_items;

static const struct {
	const char *code, *vi, *en;
} results[] = {
	{"yes", "Đạt", "Met"}, {"partly", "Đạt một phần", "Partly met"}, {"no", "Chưa đạt", "Not met"},
	{"na", "Không đánh giá", "Not assessed"},
}, vkinds[] = {
	{"monitoring", "Giám sát", "Monitoring visit"}, {"support", "Hỗ trợ kỹ thuật", "Technical support"},
};

int visit_result_valid(const char *r)
{
	for (size_t i = 0; r && i < sizeof results / sizeof *results; i++)
		if (strcmp(r, results[i].code) == 0)
			return 1;
	return 0;
}

const char *visit_result_label(const char *r, const char *lang)
{
	for (size_t i = 0; r && i < sizeof results / sizeof *results; i++)
		if (strcmp(r, results[i].code) == 0)
			return lang && strcmp(lang, "en") == 0 ? results[i].en : results[i].vi;
	return r ? r : "";
}

int visit_kind_valid(const char *k)
{
	return k && (strcmp(k, "monitoring") == 0 || strcmp(k, "support") == 0);
}

const char *visit_kind_label(const char *k, const char *lang)
{
	for (size_t i = 0; k && i < sizeof vkinds / sizeof *vkinds; i++)
		if (strcmp(k, vkinds[i].code) == 0)
			return lang && strcmp(lang, "en") == 0 ? vkinds[i].en : vkinds[i].vi;
	return k ? k : "";
}

int visit_check(Db *db, const Actor *by, const VisitInput *in, Visit *out, Err *e)
{
	memset(out, 0, sizeof *out);
	if (!work_may_write(by))
		return err_set(e, E_FORBIDDEN, NULL);
	if (!in->kind || !*in->kind)
		return err_set(e, E_REQUIRED, "kind");
	if (!visit_kind_valid(in->kind))
		return err_set(e, E_INVALID, "kind");
	work_copy(out->kind, sizeof out->kind, in->kind);
	if (in->level && *in->level && !work_level_valid(in->level))
		return err_set(e, E_INVALID, "level");
	work_copy(out->level, sizeof out->level, work_actor_level(by, in->level));
	if (work_date(in->visit_date, 1, "visit_date", out->visit_date, e) != 0 ||
	    work_text_to(in->team, out->team, sizeof out->team, 1, 0, "team", e) != 0)
		return -1;
	if (in->club && *in->club) {
		Club c;
		int have = club_find(db, by, in->club, &c);
		if (have < 0)
			return err_set(e, E_INTERNAL, NULL);
		if (!have)
			return err_set(e, E_NOT_FOUND, "club");
		if (!scope_covers_unit(db, by, c.unit_id))
			return err_set(e, E_OUT_OF_SCOPE, "club");
		out->club_id = c.id;
		work_copy(out->club_code, sizeof out->club_code, c.code);
		work_copy(out->club_name, sizeof out->club_name, c.name);
		out->unit_id = c.unit_id;
		work_copy(out->unit_code, sizeof out->unit_code, c.unit_code);
		work_copy(out->unit_name, sizeof out->unit_name, c.unit_name);
	} else {
		Unit u;
		if (work_unit_for(db, by, in->unit_code, out->visit_date, "unit", &u, e) != 0)
			return -1;
		out->unit_id = u.id;
		work_copy(out->unit_code, sizeof out->unit_code, u.code);
		work_copy(out->unit_name, sizeof out->unit_name, u.name);
	}
	if (work_text_to(in->summary, out->summary, sizeof out->summary, 0, 1, "summary", e) != 0)
		return -1;
	for (size_t i = 0; i < visit_item_count; i++) {
		const char *r = in->results[i] && *in->results[i] ? in->results[i] : "na";
		if (!visit_result_valid(r))
			return err_set(e, E_INVALID, visit_items[i].code);
		work_copy(out->results[i], sizeof out->results[i], r);
		if (work_text_to(in->notes[i], out->notes[i], sizeof out->notes[i], 0, 0, visit_items[i].code, e) != 0)
			return -1;
	}
	return 0;
}

int64_t visit_insert_tx(Db *db, const Actor *by, const Visit *v, const char *source)
{
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "visit_insert",
			   "INSERT INTO visits (kind, level, visit_date, team, unit_id, club_id, summary, source, created_at, "
			   "created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9)");
	if (!st)
		return -DB_ERROR;
	db_bind_text(st, 1, v->kind);
	db_bind_text(st, 2, v->level);
	db_bind_text(st, 3, v->visit_date);
	db_bind_text(st, 4, v->team);
	db_bind_int(st, 5, v->unit_id);
	if (v->club_id)
		db_bind_int(st, 6, v->club_id);
	else
		db_bind_null(st, 6);
	db_bind_text(st, 7, v->summary);
	db_bind_text(st, 8, source ? source : "form");
	db_bind_text(st, 9, now);
	db_bind_text(st, 10, by->username[0] ? by->username : "system");
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int64_t)s;
	int64_t id = db_last_id(db);
	json_t *findings = json_object();
	for (size_t i = 0; i < visit_item_count; i++) {
		if (strcmp(v->results[i], "na") == 0 && !v->notes[i][0])
			continue;
		st = db_stmt(db, "visit_finding_insert",
			     "INSERT INTO visit_findings (visit_id, item, result, note) VALUES ($1, $2, $3, $4)");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, visit_items[i].code);
		db_bind_text(st, 3, v->results[i]);
		db_bind_text(st, 4, v->notes[i]);
		if ((s = db_exec_stmt(st)) != DB_OK)
			return -(int64_t)s;
		json_object_set_new(findings, visit_items[i].code, json_string(v->results[i]));
	}
	json_t *after = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "kind", v->kind, "level", v->level, "date",
				  v->visit_date, "team", v->team, "unit", v->unit_code, "club", v->club_code, "summary",
				  v->summary, "findings", findings);
	s = audit_write(db, by, "create", "visit", work_id(id, sid), NULL, after);
	json_decref(after);
	return s == DB_OK ? id : -(int64_t)s;
}

typedef struct VTx {
	const Actor *by;
	const Visit *v;
	const char *source;
	int64_t id;
} VTx;

static int visit_create_tx(Db *db, void *arg)
{
	VTx *x = arg;
	x->id = visit_insert_tx(db, x->by, x->v, x->source);
	return x->id < 0 ? (int)x->id : 0;
}

int64_t visit_create(Db *db, const Actor *by, const VisitInput *in, Err *e)
{
	Visit *v = malloc(sizeof *v);
	if (!v)
		return err_set(e, E_INTERNAL, NULL);
	int64_t id = -1;
	if (visit_check(db, by, in, v, e) == 0) {
		VTx x = {.by = by, .v = v, .source = in->source};
		int rc = db_tx(db, visit_create_tx, &x);
		id = rc ? err_set(e, err_from_db(rc), NULL) : x.id;
	}
	free(v);
	return id;
}

#define V_COLS                                                                                    \
	"v.id, v.kind, v.level, v.visit_date, v.team, v.unit_id, u.code, u.name, COALESCE(v.club_id, 0), " \
	"COALESCE(c.code, ''), COALESCE(c.name, ''), v.summary, "                                        \
	"(SELECT COUNT(*) FROM visit_followups f WHERE f.visit_id = v.id), "                            \
	"(SELECT COUNT(*) FROM visit_followups f WHERE f.visit_id = v.id AND f.done = 0) "
#define V_FROM " FROM visits v JOIN units u ON u.id = v.unit_id LEFT JOIN clubs c ON c.id = v.club_id "

static void v_fill(Stmt *st, Visit *v)
{
	memset(v, 0, sizeof *v);
	v->id = db_col_int(st, 0);
	work_copy(v->kind, sizeof v->kind, db_col_text(st, 1));
	work_copy(v->level, sizeof v->level, db_col_text(st, 2));
	work_copy(v->visit_date, sizeof v->visit_date, db_col_text(st, 3));
	work_copy(v->team, sizeof v->team, db_col_text(st, 4));
	v->unit_id = db_col_int(st, 5);
	work_copy(v->unit_code, sizeof v->unit_code, db_col_text(st, 6));
	work_copy(v->unit_name, sizeof v->unit_name, db_col_text(st, 7));
	v->club_id = db_col_int(st, 8);
	work_copy(v->club_code, sizeof v->club_code, db_col_text(st, 9));
	work_copy(v->club_name, sizeof v->club_name, db_col_text(st, 10));
	work_copy(v->summary, sizeof v->summary, db_col_text(st, 11));
	v->followups = db_col_int(st, 12);
	v->open_followups = db_col_int(st, 13);
	for (size_t i = 0; i < visit_item_count; i++)
		work_copy(v->results[i], sizeof v->results[i], "na");
}

static int v_sees(Db *db, const Actor *by, const Visit *v)
{
	int64_t scope_unit, club;
	if (work_scope(db, by, &scope_unit, &club) != 0)
		return 0;
	if (club && v->club_id != club)
		return 0;
	return scope_unit == 0 || unit_within(db, v->unit_id, scope_unit);
}

int visit_get(Db *db, const Actor *by, int64_t id, Visit *v)
{
	Stmt *st = db_stmt(db, "visit_get", "SELECT " V_COLS V_FROM "WHERE v.id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		v_fill(st, v);
	db_reset(st);
	if (s != DB_ROW)
		return s == DB_DONE ? 0 : -1;
	if (!v_sees(db, by, v))
		return 0;
	st = db_stmt(db, "visit_findings", "SELECT item, result, note FROM visit_findings WHERE visit_id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	while ((s = db_step(st)) == DB_ROW) {
		const char *item = db_col_text(st, 0);
		for (size_t i = 0; i < visit_item_count; i++)
			if (strcmp(item, visit_items[i].code) == 0) {
				work_copy(v->results[i], sizeof v->results[i], db_col_text(st, 1));
				work_copy(v->notes[i], sizeof v->notes[i], db_col_text(st, 2));
			}
	}
	db_reset(st);
	return s == DB_DONE ? 1 : -1;
}

int64_t visit_list(Db *db, const Actor *by, const VisitFilter *f, int64_t offset, int64_t limit,
		   void (*fn)(const Visit *v, void *arg), void *arg)
{
	int64_t scope_unit, club;
	if (work_scope(db, by, &scope_unit, &club) != 0)
		return 0;
	char from[11] = "", to[11] = "";
	if (f->year) {
		snprintf(from, sizeof from, "%04d-01-01", f->year);
		snprintf(to, sizeof to, "%04d-12-31", f->year);
	}
#define V_WHERE                                                                                    \
	"WHERE " WORK_UNIT_SQL("v.unit_id", "$1") " AND ($2 = 0 OR v.club_id = $2) "                     \
	"AND ($3 = '' OR v.visit_date BETWEEN $3 AND $4) AND ($5 = '' OR v.kind = $5) "
	Stmt *st = db_stmt(db, "visit_count", "SELECT COUNT(*) FROM visits v " V_WHERE);
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_int(st, 2, club);
	db_bind_text(st, 3, from);
	db_bind_text(st, 4, to);
	db_bind_text(st, 5, f->kind ? f->kind : "");
	if (db_step(st) != DB_ROW)
		return -1;
	int64_t total = db_col_int(st, 0);
	db_reset(st);
	st = db_stmt(db, "visit_list", "SELECT " V_COLS V_FROM V_WHERE "ORDER BY v.visit_date DESC, v.id DESC LIMIT $6 OFFSET $7");
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_int(st, 2, club);
	db_bind_text(st, 3, from);
	db_bind_text(st, 4, to);
	db_bind_text(st, 5, f->kind ? f->kind : "");
	db_bind_int(st, 6, limit);
	db_bind_int(st, 7, offset);
	DbStatus s;
	Visit *v = malloc(sizeof *v);
	if (!v) {
		db_reset(st);
		return -1;
	}
	while ((s = db_step(st)) == DB_ROW) {
		v_fill(st, v);
		fn(v, arg);
	}
	free(v);
	db_reset(st);
	return s == DB_DONE ? total : -1;
}

/* ---- follow-ups ---- */

typedef struct FTx {
	const Actor *by;
	int64_t visit_id, owner_id, id;
	const char *text, *due, *done_date, *note, *owner_code;
	int done;
} FTx;

static DbStatus followup_insert(Db *db, FTx *x)
{
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "followup_insert",
			   "INSERT INTO visit_followups (visit_id, recommendation, owner_unit_id, due_date, updated_at) "
			   "VALUES ($1, $2, $3, $4, $5)");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, x->visit_id);
	db_bind_text(st, 2, x->text);
	if (x->owner_id)
		db_bind_int(st, 3, x->owner_id);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, x->due);
	db_bind_text(st, 5, now);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return s;
	x->id = db_last_id(db);
	json_t *after = json_pack("{s:I, s:s, s:s, s:s}", "visit", (json_int_t)x->visit_id, "recommendation", x->text,
				  "owner", x->owner_code, "due_date", x->due);
	s = audit_write(db, x->by, "create", "followup", work_id(x->id, sid), NULL, after);
	json_decref(after);
	return s;
}

/* Checks a recommendation; fills x. */
static int followup_check(Db *db, const Actor *by, const char *text, const char *owner_code, const char *due_date,
			  char **t, char due[11], Unit *owner, FTx *x, Err *e)
{
	if (work_text(text, 1000, 1, 1, "recommendation", t, e) != 0)
		return -1;
	if (work_date(due_date, 1, "due_date", due, e) != 0)
		goto bad;
	x->owner_id = 0;
	x->owner_code = "";
	if (owner_code && *owner_code) {
		if (work_unit_for(db, by, owner_code, NULL, "owner", owner, e) != 0)
			goto bad;
		x->owner_id = owner->id;
		x->owner_code = owner->code;
	} else if (!scope_is_national(by)) {
		err_set(e, E_REQUIRED, "owner");
		goto bad;
	}
	x->text = *t;
	x->due = due;
	return 0;
bad:
	free(*t);
	*t = NULL;
	return -1;
}

int64_t followup_add_tx(Db *db, const Actor *by, int64_t visit_id, const char *text, const char *owner_code,
			const char *due_date, Err *e)
{
	char *t, due[11];
	Unit owner;
	FTx x = {.by = by, .visit_id = visit_id};
	if (followup_check(db, by, text, owner_code, due_date, &t, due, &owner, &x, e) != 0)
		return -1;
	DbStatus s = followup_insert(db, &x);
	free(t);
	return s == DB_OK ? x.id : -(int64_t)s;
}

static int f_add_tx(Db *db, void *arg)
{
	FTx *x = arg;
	return -(int)followup_insert(db, x);
}

int64_t followup_add(Db *db, const Actor *by, int64_t visit_id, const char *text, const char *owner_code,
		     const char *due_date, Err *e)
{
	Visit *v = malloc(sizeof *v);
	if (!v)
		return err_set(e, E_INTERNAL, NULL);
	int have = visit_get(db, by, visit_id, v);
	int may = have == 1 && work_may_write(by) && scope_covers_unit(db, by, v->unit_id);
	free(v);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	if (!may)
		return err_set(e, E_FORBIDDEN, NULL);
	char *t, due[11];
	Unit owner;
	FTx x = {.by = by, .visit_id = visit_id};
	if (followup_check(db, by, text, owner_code, due_date, &t, due, &owner, &x, e) != 0)
		return -1;
	int rc = db_tx(db, f_add_tx, &x);
	free(t);
	return rc ? err_set(e, err_from_db(rc), NULL) : x.id;
}

#define F_COLS                                                                                    \
	"f.id, f.visit_id, f.recommendation, COALESCE(f.owner_unit_id, 0), COALESCE(o.code, ''), COALESCE(o.name, ''), " \
	"f.due_date, f.done, COALESCE(f.done_date, ''), f.followup_note, v.visit_date, v.kind, "         \
	"COALESCE(c.name, u.name) "
#define F_FROM                                                                                    \
	" FROM visit_followups f JOIN visits v ON v.id = f.visit_id JOIN units u ON u.id = v.unit_id "  \
	"LEFT JOIN clubs c ON c.id = v.club_id LEFT JOIN units o ON o.id = f.owner_unit_id "

static void f_fill(Stmt *st, Followup *f, const char *today)
{
	memset(f, 0, sizeof *f);
	f->id = db_col_int(st, 0);
	f->visit_id = db_col_int(st, 1);
	work_copy(f->text, sizeof f->text, db_col_text(st, 2));
	f->owner_unit_id = db_col_int(st, 3);
	work_copy(f->owner_code, sizeof f->owner_code, db_col_text(st, 4));
	work_copy(f->owner_name, sizeof f->owner_name, db_col_text(st, 5));
	work_copy(f->due_date, sizeof f->due_date, db_col_text(st, 6));
	f->done = db_col_int(st, 7) != 0;
	work_copy(f->done_date, sizeof f->done_date, db_col_text(st, 8));
	work_copy(f->note, sizeof f->note, db_col_text(st, 9));
	work_copy(f->visit_date, sizeof f->visit_date, db_col_text(st, 10));
	work_copy(f->visit_kind, sizeof f->visit_kind, db_col_text(st, 11));
	work_copy(f->visited, sizeof f->visited, db_col_text(st, 12));
	f->overdue = !f->done && strcmp(f->due_date, today) < 0;
}

static int f_update_tx(Db *db, void *arg)
{
	FTx *x = arg;
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "followup_update",
			   "UPDATE visit_followups SET done = $2, done_date = $3, followup_note = $4, updated_at = $5 WHERE id = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, x->id);
	db_bind_int(st, 2, x->done);
	db_bind_text(st, 3, x->done ? x->done_date : NULL);
	db_bind_text(st, 4, x->note);
	db_bind_text(st, 5, now);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	json_t *after = json_pack("{s:b, s:s, s:s}", "done", x->done, "done_date", x->done ? x->done_date : "", "note", x->note);
	s = audit_write(db, x->by, "update", "followup", work_id(x->id, sid), NULL, after);
	json_decref(after);
	return -(int)s;
}

int followup_update(Db *db, const Actor *by, int64_t id, int done, const char *done_date, const char *note, Err *e)
{
	char today[11];
	unit_today(today);
	Stmt *st = db_stmt(db, "followup_get", "SELECT " F_COLS F_FROM "WHERE f.id = $1");
	if (!st)
		return err_set(e, E_INTERNAL, NULL);
	db_bind_int(st, 1, id);
	DbStatus s = db_step(st);
	Followup f;
	if (s == DB_ROW)
		f_fill(st, &f, today);
	db_reset(st);
	if (s != DB_ROW)
		return err_set(e, s == DB_DONE ? E_NOT_FOUND : E_INTERNAL, NULL);
	Visit *v = malloc(sizeof *v);
	if (!v)
		return err_set(e, E_INTERNAL, NULL);
	int have = visit_get(db, by, f.visit_id, v);
	int owner = f.owner_unit_id ? scope_covers_unit(db, by, f.owner_unit_id) : scope_is_national(by);
	int may = work_may_write(by) && (owner || (have == 1 && scope_covers_unit(db, by, v->unit_id)));
	free(v);
	if (have != 1 && !owner)
		return err_set(e, E_NOT_FOUND, NULL);
	if (!may)
		return err_set(e, E_FORBIDDEN, NULL);
	char dd[11], *n;
	if (work_date(done_date, done, "done_date", dd, e) != 0)
		return -1;
	if (done && strcmp(dd, today) > 0)
		return err_setf(e, E_INVALID, "done_date", "%s", "không được sau hôm nay / cannot be after today");
	if (work_text(note, 600, 0, 1, "followup_note", &n, e) != 0)
		return -1;
	FTx x = {.by = by, .id = id, .done = done ? 1 : 0, .done_date = dd, .note = n};
	int rc = db_tx(db, f_update_tx, &x);
	free(n);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

int followup_list_visit(Db *db, const Actor *by, int64_t visit_id, void (*fn)(const Followup *f, void *arg), void *arg)
{
	(void)by;
	char today[11];
	unit_today(today);
	Stmt *st = db_stmt(db, "followup_list_visit", "SELECT " F_COLS F_FROM "WHERE f.visit_id = $1 ORDER BY f.due_date, f.id");
	if (!st)
		return -1;
	db_bind_int(st, 1, visit_id);
	DbStatus s;
	int n = 0;
	Followup f;
	while ((s = db_step(st)) == DB_ROW) {
		f_fill(st, &f, today);
		fn(&f, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}

int64_t followup_overdue(Db *db, const Actor *by, void (*fn)(const Followup *f, void *arg), void *arg)
{
	int64_t scope_unit, club;
	if (work_scope(db, by, &scope_unit, &club) != 0)
		return 0;
	if (club)
		return 0; /* a club owns no follow-up */
	char today[11];
	unit_today(today);
	Stmt *st = db_stmt(db, "followup_overdue",
			   "SELECT " F_COLS F_FROM "WHERE f.done = 0 AND f.due_date < $2 AND "
			   "((f.owner_unit_id IS NULL AND $1 = 0) OR (f.owner_unit_id IS NOT NULL AND "
			   WORK_UNIT_SQL("f.owner_unit_id", "$1") ")) ORDER BY f.due_date, f.id LIMIT 1000");
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_text(st, 2, today);
	DbStatus s;
	int64_t n = 0;
	Followup f;
	while ((s = db_step(st)) == DB_ROW) {
		f_fill(st, &f, today);
		if (fn)
			fn(&f, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}
