/* Training courses, their participants, and materials with where their copies went (see work.h). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/club.h"
#include "core/member.h"
#include "core/scope.h"
#include "core/work.h"
#include "core/work_int.h"

enum { TRAINEES_MAX = 100000 };

/* The province a unit lay in on a date (the province as organised then), for record lists. */
#define PROVINCE_THEN(unit, date)                                                                 \
	"COALESCE((SELECT MAX(r.ancestor_id) FROM unit_reach r JOIN units x ON x.id = r.ancestor_id WHERE r.unit_id = " \
	unit " AND x.level = 'province' AND x.valid_from <= " date " AND (x.valid_to IS NULL OR x.valid_to >= " date \
	")), (SELECT MAX(r.ancestor_id) FROM unit_reach r JOIN units x ON x.id = r.ancestor_id WHERE r.unit_id = " unit \
	" AND x.level = 'province'))"

#define TR_COLS                                                                                   \
	"t.id, t.level, t.unit_id, u.code, u.name, COALESCE(pv.code, ''), COALESCE(pv.name, ''), t.topic, t.place, " \
	"t.start_date, t.end_date, t.officers, t.board_members, t.volunteers, t.note, t.created_by, "   \
	"(SELECT COUNT(*) FROM training_participants p WHERE p.training_id = t.id) "
#define TR_FROM                                                                                   \
	" FROM trainings t JOIN units u ON u.id = t.unit_id LEFT JOIN units pv ON pv.id = "             \
	PROVINCE_THEN("t.unit_id", "t.start_date") " "

static void tr_fill(Stmt *st, Training *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_col_int(st, 0);
	work_copy(t->level, sizeof t->level, db_col_text(st, 1));
	t->unit_id = db_col_int(st, 2);
	work_copy(t->unit_code, sizeof t->unit_code, db_col_text(st, 3));
	work_copy(t->unit_name, sizeof t->unit_name, db_col_text(st, 4));
	work_copy(t->province_code, sizeof t->province_code, db_col_text(st, 5));
	work_copy(t->province_name, sizeof t->province_name, db_col_text(st, 6));
	work_copy(t->topic, sizeof t->topic, db_col_text(st, 7));
	work_copy(t->place, sizeof t->place, db_col_text(st, 8));
	work_copy(t->start_date, sizeof t->start_date, db_col_text(st, 9));
	work_copy(t->end_date, sizeof t->end_date, db_col_text(st, 10));
	t->officers = db_col_int(st, 11);
	t->board_members = db_col_int(st, 12);
	t->volunteers = db_col_int(st, 13);
	work_copy(t->note, sizeof t->note, db_col_text(st, 14));
	work_copy(t->created_by, sizeof t->created_by, db_col_text(st, 15));
	t->participants_listed = db_col_int(st, 16);
}

static const struct {
	const char *code, *vi, *en;
} kinds[] = {
	{"officer", "Cán bộ Hội NCT", "Association officer"},
	{"board", "Thành viên Ban chủ nhiệm CLB", "Club board member"},
	{"volunteer", "Tình nguyện viên", "Volunteer"},
};

const char *training_kind_label(const char *kind, const char *lang)
{
	for (size_t i = 0; kind && i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kind, kinds[i].code) == 0)
			return lang && strcmp(lang, "en") == 0 ? kinds[i].en : kinds[i].vi;
	return kind ? kind : "";
}

int training_check(Db *db, const Actor *by, const TrainingInput *in, Training *out, Err *e)
{
	memset(out, 0, sizeof *out);
	if (!work_may_write(by))
		return err_set(e, E_FORBIDDEN, NULL);
	if (in->level && *in->level && !work_level_valid(in->level))
		return err_set(e, E_INVALID, "level");
	work_copy(out->level, sizeof out->level, work_actor_level(by, in->level));
	if (work_text_to(in->topic, out->topic, sizeof out->topic, 1, 0, "topic", e) != 0 ||
	    work_text_to(in->place, out->place, sizeof out->place, 0, 0, "place", e) != 0 ||
	    work_date(in->start_date, 1, "start_date", out->start_date, e) != 0)
		return -1;
	if (work_date(in->end_date, 0, "end_date", out->end_date, e) != 0)
		return -1;
	if (!out->end_date[0])
		memcpy(out->end_date, out->start_date, 11);
	if (strcmp(out->end_date, out->start_date) < 0)
		return err_set(e, E_DATE_RANGE, "end_date");
	Unit u;
	if (work_unit_for(db, by, in->unit_code, out->start_date, "unit", &u, e) != 0)
		return -1;
	out->unit_id = u.id;
	work_copy(out->unit_code, sizeof out->unit_code, u.code);
	work_copy(out->unit_name, sizeof out->unit_name, u.name);
	if (work_count(in->officers, TRAINEES_MAX, 0, "officers", &out->officers, e) != 0 ||
	    work_count(in->board_members, TRAINEES_MAX, 0, "board_members", &out->board_members, e) != 0 ||
	    work_count(in->volunteers, TRAINEES_MAX, 0, "volunteers", &out->volunteers, e) != 0)
		return -1;
	if (out->officers + out->board_members + out->volunteers == 0)
		return err_setf(e, E_REQUIRED, "officers", "%s",
				"ít nhất một người học / at least one trainee");
	if (work_text_to(in->note, out->note, sizeof out->note, 0, 1, "note", e) != 0)
		return -1;
	return 0;
}

static json_t *tr_json(const Training *t)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:s}", "level", t->level, "unit", t->unit_code,
			 "topic", t->topic, "place", t->place, "start_date", t->start_date, "end_date", t->end_date,
			 "officers", (json_int_t)t->officers, "board_members", (json_int_t)t->board_members,
			 "volunteers", (json_int_t)t->volunteers, "note", t->note);
}

int64_t training_insert_tx(Db *db, const Actor *by, const Training *t, const char *source)
{
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "training_insert",
			   "INSERT INTO trainings (level, unit_id, topic, place, start_date, end_date, officers, board_members, "
			   "volunteers, note, source, created_at, created_by, updated_at) "
			   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12)");
	if (!st)
		return -DB_ERROR;
	db_bind_text(st, 1, t->level);
	db_bind_int(st, 2, t->unit_id);
	db_bind_text(st, 3, t->topic);
	db_bind_text(st, 4, t->place);
	db_bind_text(st, 5, t->start_date);
	db_bind_text(st, 6, t->end_date);
	db_bind_int(st, 7, t->officers);
	db_bind_int(st, 8, t->board_members);
	db_bind_int(st, 9, t->volunteers);
	db_bind_text(st, 10, t->note);
	db_bind_text(st, 11, source ? source : "form");
	db_bind_text(st, 12, now);
	db_bind_text(st, 13, by->username[0] ? by->username : "system");
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int64_t)s;
	int64_t id = db_last_id(db);
	json_t *after = tr_json(t);
	s = audit_write(db, by, "create", "training", work_id(id, sid), NULL, after);
	json_decref(after);
	return s == DB_OK ? id : -(int64_t)s;
}

typedef struct TrTx {
	const Actor *by;
	const Training *t;
	const Training *before;
	const char *source;
	int64_t id;
} TrTx;

static int tr_create_tx(Db *db, void *arg)
{
	TrTx *x = arg;
	x->id = training_insert_tx(db, x->by, x->t, x->source);
	return x->id < 0 ? (int)x->id : 0;
}

int64_t training_create(Db *db, const Actor *by, const TrainingInput *in, Err *e)
{
	Training t;
	if (training_check(db, by, in, &t, e) != 0)
		return -1;
	TrTx x = {.by = by, .t = &t, .source = in->source};
	int rc = db_tx(db, tr_create_tx, &x);
	if (rc != 0)
		return err_set(e, err_from_db(rc), NULL);
	return x.id;
}

static int tr_update_tx(Db *db, void *arg)
{
	TrTx *x = arg;
	const Training *t = x->t;
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "training_update",
			   "UPDATE trainings SET level = $2, unit_id = $3, topic = $4, place = $5, start_date = $6, end_date = $7, "
			   "officers = $8, board_members = $9, volunteers = $10, note = $11, updated_at = $12 WHERE id = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, x->id);
	db_bind_text(st, 2, t->level);
	db_bind_int(st, 3, t->unit_id);
	db_bind_text(st, 4, t->topic);
	db_bind_text(st, 5, t->place);
	db_bind_text(st, 6, t->start_date);
	db_bind_text(st, 7, t->end_date);
	db_bind_int(st, 8, t->officers);
	db_bind_int(st, 9, t->board_members);
	db_bind_int(st, 10, t->volunteers);
	db_bind_text(st, 11, t->note);
	db_bind_text(st, 12, now);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	json_t *before = tr_json(x->before), *after = tr_json(t);
	s = audit_write(db, x->by, "update", "training", work_id(x->id, sid), before, after);
	json_decref(before);
	json_decref(after);
	return -(int)s;
}

int training_update(Db *db, const Actor *by, int64_t id, const TrainingInput *in, Err *e)
{
	Training old, t;
	int have = training_get(db, by, id, &old);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	if (!work_may_write(by) || !scope_covers_unit(db, by, old.unit_id))
		return err_set(e, E_FORBIDDEN, NULL);
	TrainingInput copy = *in;
	if (!copy.level || !*copy.level)
		copy.level = old.level;
	if (training_check(db, by, &copy, &t, e) != 0)
		return -1;
	TrTx x = {.by = by, .t = &t, .before = &old, .id = id};
	int rc = db_tx(db, tr_update_tx, &x);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

int training_get(Db *db, const Actor *by, int64_t id, Training *t)
{
	Stmt *st = db_stmt(db, "training_get", "SELECT " TR_COLS TR_FROM "WHERE t.id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		tr_fill(st, t);
	db_reset(st);
	if (s != DB_ROW)
		return s == DB_DONE ? 0 : -1;
	return work_sees_unit(db, by, t->unit_id);
}

int64_t training_list(Db *db, const Actor *by, const TrainingFilter *f, int64_t offset, int64_t limit,
		      void (*fn)(const Training *t, void *arg), void *arg)
{
	int64_t scope_unit, club;
	if (work_scope(db, by, &scope_unit, &club) != 0)
		return 0;
	char from[11] = "", to[11] = "";
	if (f->year) {
		snprintf(from, sizeof from, "%04d-01-01", f->year);
		snprintf(to, sizeof to, "%04d-12-31", f->year);
	}
#define TR_WHERE                                                                                   \
	"WHERE " WORK_UNIT_SQL("t.unit_id", "$1") " AND " WORK_UNIT_SQL("t.unit_id", "$2")             \
	" AND ($3 = '' OR t.start_date BETWEEN $3 AND $4) "
	Stmt *st = db_stmt(db, "training_count", "SELECT COUNT(*) FROM trainings t " TR_WHERE);
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_int(st, 2, f->unit_id);
	db_bind_text(st, 3, from);
	db_bind_text(st, 4, to);
	if (db_step(st) != DB_ROW)
		return -1;
	int64_t total = db_col_int(st, 0);
	db_reset(st);
	st = db_stmt(db, "training_list", "SELECT " TR_COLS TR_FROM TR_WHERE "ORDER BY t.start_date DESC, t.id DESC LIMIT $5 OFFSET $6");
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_int(st, 2, f->unit_id);
	db_bind_text(st, 3, from);
	db_bind_text(st, 4, to);
	db_bind_int(st, 5, limit);
	db_bind_int(st, 6, offset);
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		Training t;
		tr_fill(st, &t);
		fn(&t, arg);
	}
	db_reset(st);
	return s == DB_DONE ? total : -1;
}

int training_by_province(Db *db, const Actor *by, int year, void (*fn)(const TrainingProvince *p, void *arg),
			 void *arg, TrainingSummary *sum)
{
	memset(sum, 0, sizeof *sum);
	int64_t scope_unit, club;
	if (work_scope(db, by, &scope_unit, &club) != 0)
		return 0;
	char from[11], to[11];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	Stmt *st = db_stmt(db, "training_by_province",
			   "SELECT pv.id, pv.code, pv.name, COUNT(*), SUM(t.officers), SUM(t.board_members), SUM(t.volunteers) "
			   "FROM trainings t JOIN units pv ON pv.id = " PROVINCE_THEN("t.unit_id", "t.start_date")
			   " WHERE " WORK_UNIT_SQL("t.unit_id", "$1") " AND t.start_date BETWEEN $2 AND $3 "
			   "GROUP BY pv.id, pv.code, pv.name ORDER BY pv.code");
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	DbStatus s;
	int n = 0;
	while ((s = db_step(st)) == DB_ROW) {
		TrainingProvince p = {.unit_id = db_col_int(st, 0), .courses = db_col_int(st, 3),
				      .officers = db_col_int(st, 4), .board_members = db_col_int(st, 5),
				      .volunteers = db_col_int(st, 6)};
		work_copy(p.code, sizeof p.code, db_col_text(st, 1));
		work_copy(p.name, sizeof p.name, db_col_text(st, 2));
		p.trainees = p.officers + p.board_members + p.volunteers;
		sum->provinces++;
		sum->courses += p.courses;
		sum->officers += p.officers;
		sum->board_members += p.board_members;
		sum->volunteers += p.volunteers;
		sum->trainees += p.trainees;
		if (fn)
			fn(&p, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}

/* ---- participants ---- */

typedef struct PartTx {
	const Actor *by;
	int64_t training_id, member_id, id;
	const char *name, *kind;
} PartTx;

static int part_add_tx(Db *db, void *arg)
{
	PartTx *x = arg;
	Stmt *st = db_stmt(db, "training_part_add",
			   "INSERT INTO training_participants (training_id, full_name, kind, member_id) VALUES ($1, $2, $3, $4)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, x->training_id);
	db_bind_text(st, 2, x->name);
	db_bind_text(st, 3, x->kind);
	if (x->member_id)
		db_bind_int(st, 4, x->member_id);
	else
		db_bind_null(st, 4);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	x->id = db_last_id(db);
	char sid[24];
	json_t *after = json_pack("{s:I, s:s, s:s, s:I}", "training", (json_int_t)x->training_id, "full_name", x->name,
				  "kind", x->kind, "member", (json_int_t)x->member_id);
	s = audit_write(db, x->by, "create", "training_participant", work_id(x->id, sid), NULL, after);
	json_decref(after);
	return -(int)s;
}

int64_t training_participant_add(Db *db, const Actor *by, int64_t training_id, const char *full_name,
				 const char *kind, const char *member_id, Err *e)
{
	Training t;
	int have = training_get(db, by, training_id, &t);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	if (!work_may_write(by) || !scope_covers_unit(db, by, t.unit_id))
		return err_set(e, E_FORBIDDEN, NULL);
	int valid_kind = 0;
	for (size_t i = 0; kind && i < sizeof kinds / sizeof *kinds; i++)
		valid_kind |= strcmp(kind, kinds[i].code) == 0;
	if (!valid_kind)
		return err_set(e, E_INVALID, "kind");
	int64_t mid = 0;
	char name[160] = "";
	if (member_id && *member_id) {
		if (work_count(member_id, INT64_MAX / 2, 0, "member_id", &mid, e) != 0)
			return -1;
		Member m;
		if (member_get(db, by, mid, &m) != 1)
			return err_set(e, E_NOT_FOUND, "member_id");
		work_copy(name, sizeof name, m.full_name);
	}
	if (!mid && work_text_to(full_name, name, sizeof name, 1, 0, "full_name", e) != 0)
		return -1;
	PartTx x = {.by = by, .training_id = training_id, .member_id = mid, .name = name, .kind = kind};
	int rc = db_tx(db, part_add_tx, &x);
	return rc ? err_set(e, err_from_db(rc), NULL) : x.id;
}

static int part_remove_tx(Db *db, void *arg)
{
	PartTx *x = arg;
	Stmt *st = db_stmt(db, "training_part_remove", "DELETE FROM training_participants WHERE id = $1 AND training_id = $2");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, x->id);
	db_bind_int(st, 2, x->training_id);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	if (db_changes(db) != 1)
		return 1;
	char sid[24];
	json_t *before = json_pack("{s:I}", "training", (json_int_t)x->training_id);
	s = audit_write(db, x->by, "delete", "training_participant", work_id(x->id, sid), before, NULL);
	json_decref(before);
	return -(int)s;
}

int training_participant_remove(Db *db, const Actor *by, int64_t training_id, int64_t participant_id, Err *e)
{
	Training t;
	int have = training_get(db, by, training_id, &t);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	if (!work_may_write(by) || !scope_covers_unit(db, by, t.unit_id))
		return err_set(e, E_FORBIDDEN, NULL);
	PartTx x = {.by = by, .training_id = training_id, .id = participant_id};
	int rc = db_tx(db, part_remove_tx, &x);
	if (rc == 1)
		return err_set(e, E_NOT_FOUND, NULL);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

int training_participants(Db *db, const Actor *by, int64_t training_id,
			  void (*fn)(const TrainingParticipant *p, void *arg), void *arg)
{
	if (!scope_sees_people(by))
		return 0;
	Stmt *st = db_stmt(db, "training_parts",
			   "SELECT p.id, p.full_name, p.kind, COALESCE(p.member_id, 0), COALESCE(c.code, ''), p.note "
			   "FROM training_participants p LEFT JOIN members m ON m.id = p.member_id LEFT JOIN clubs c ON c.id = m.club_id "
			   "WHERE p.training_id = $1 ORDER BY p.id");
	if (!st)
		return -1;
	db_bind_int(st, 1, training_id);
	DbStatus s;
	int n = 0;
	while ((s = db_step(st)) == DB_ROW) {
		TrainingParticipant p = {.id = db_col_int(st, 0), .member_id = db_col_int(st, 3)};
		work_copy(p.full_name, sizeof p.full_name, db_col_text(st, 1));
		work_copy(p.kind, sizeof p.kind, db_col_text(st, 2));
		work_copy(p.club_code, sizeof p.club_code, db_col_text(st, 4));
		work_copy(p.note, sizeof p.note, db_col_text(st, 5));
		fn(&p, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}

/* ---- materials ---- */

#define MAT_COLS                                                                                  \
	"m.id, m.level, COALESCE(m.unit_id, 0), COALESCE(u.code, ''), COALESCE(u.name, ''), m.title, m.year, m.copies, " \
	"(SELECT COALESCE(SUM(s.copies), 0) FROM material_shares s WHERE s.material_id = m.id), m.note "
#define MAT_FROM " FROM materials m LEFT JOIN units u ON u.id = m.unit_id "

static void mat_fill(Stmt *st, Material *m)
{
	memset(m, 0, sizeof *m);
	m->id = db_col_int(st, 0);
	work_copy(m->level, sizeof m->level, db_col_text(st, 1));
	m->unit_id = db_col_int(st, 2);
	work_copy(m->unit_code, sizeof m->unit_code, db_col_text(st, 3));
	work_copy(m->unit_name, sizeof m->unit_name, db_col_text(st, 4));
	work_copy(m->title, sizeof m->title, db_col_text(st, 5));
	m->year = (int)db_col_int(st, 6);
	m->copies = db_col_int(st, 7);
	m->shared = db_col_int(st, 8);
	work_copy(m->note, sizeof m->note, db_col_text(st, 9));
}

typedef struct MatTx {
	const Actor *by;
	Material *m;
	int64_t id, unit_id, copies;
} MatTx;

static int mat_create_tx(Db *db, void *arg)
{
	MatTx *x = arg;
	Material *m = x->m;
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "material_insert",
			   "INSERT INTO materials (level, unit_id, title, year, copies, note, created_at, created_by) "
			   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
	if (!st)
		return -DB_ERROR;
	db_bind_text(st, 1, m->level);
	if (m->unit_id)
		db_bind_int(st, 2, m->unit_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, m->title);
	db_bind_int(st, 4, m->year);
	db_bind_int(st, 5, m->copies);
	db_bind_text(st, 6, m->note);
	db_bind_text(st, 7, now);
	db_bind_text(st, 8, x->by->username[0] ? x->by->username : "system");
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	x->id = db_last_id(db);
	json_t *after = json_pack("{s:s, s:s, s:s, s:i, s:I}", "level", m->level, "unit", m->unit_code, "title", m->title,
				  "year", m->year, "copies", (json_int_t)m->copies);
	s = audit_write(db, x->by, "create", "material", work_id(x->id, sid), NULL, after);
	json_decref(after);
	return -(int)s;
}

int64_t material_create(Db *db, const Actor *by, const MaterialInput *in, Err *e)
{
	if (!work_may_write(by))
		return err_set(e, E_FORBIDDEN, NULL);
	Material m = {0};
	if (in->level && *in->level && !work_level_valid(in->level))
		return err_set(e, E_INVALID, "level");
	work_copy(m.level, sizeof m.level, work_actor_level(by, in->level));
	if (work_text_to(in->title, m.title, sizeof m.title, 1, 0, "title", e) != 0 ||
	    work_year(in->year, "year", &m.year, e) != 0 ||
	    work_count(in->copies, 100000000, 1, "copies", &m.copies, e) != 0)
		return -1;
	if (m.copies == 0)
		return err_set(e, E_INVALID, "copies");
	if (strcmp(m.level, "central") != 0 || (in->unit_code && *in->unit_code)) {
		Unit u;
		if (work_unit_for(db, by, in->unit_code, NULL, "unit", &u, e) != 0)
			return -1;
		m.unit_id = u.id;
		work_copy(m.unit_code, sizeof m.unit_code, u.code);
	}
	if (work_text_to(in->note, m.note, sizeof m.note, 0, 1, "note", e) != 0)
		return -1;
	MatTx x = {.by = by, .m = &m};
	int rc = db_tx(db, mat_create_tx, &x);
	return rc ? err_set(e, err_from_db(rc), NULL) : x.id;
}

int material_get(Db *db, const Actor *by, int64_t id, Material *m)
{
	Stmt *st = db_stmt(db, "material_get", "SELECT " MAT_COLS MAT_FROM "WHERE m.id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		mat_fill(st, m);
	db_reset(st);
	if (s != DB_ROW)
		return s == DB_DONE ? 0 : -1;
	return m->unit_id == 0 || work_sees_unit(db, by, m->unit_id);
}

int64_t material_list(Db *db, const Actor *by, int year, void (*fn)(const Material *m, void *arg), void *arg)
{
	int64_t scope_unit, club;
	if (work_scope(db, by, &scope_unit, &club) != 0)
		return 0;
	Stmt *st = db_stmt(db, "material_list",
			   "SELECT " MAT_COLS MAT_FROM "WHERE (m.unit_id IS NULL OR " WORK_UNIT_SQL("m.unit_id", "$1")
			   ") AND ($2 = 0 OR m.year = $2) ORDER BY m.year DESC, m.id DESC");
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_int(st, 2, year);
	DbStatus s;
	int64_t n = 0;
	while ((s = db_step(st)) == DB_ROW) {
		Material m;
		mat_fill(st, &m);
		fn(&m, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}

static int share_tx(Db *db, void *arg)
{
	MatTx *x = arg;
	Stmt *st = db_stmt(db, "material_share_insert",
			   "INSERT INTO material_shares (material_id, unit_id, copies) VALUES ($1, $2, $3)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, x->m->id);
	db_bind_int(st, 2, x->unit_id);
	db_bind_int(st, 3, x->copies);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	int64_t id = db_last_id(db);
	char sid[24];
	json_t *after = json_pack("{s:I, s:I, s:I}", "material", (json_int_t)x->m->id, "unit", (json_int_t)x->unit_id,
				  "copies", (json_int_t)x->copies);
	s = audit_write(db, x->by, "create", "material_share", work_id(id, sid), NULL, after);
	json_decref(after);
	x->id = id;
	return -(int)s;
}

int64_t material_share_add(Db *db, const Actor *by, int64_t material_id, const char *unit_code, const char *copies,
			   Err *e)
{
	Material m;
	int have = material_get(db, by, material_id, &m);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	if (!work_may_write(by) || (m.unit_id ? !scope_covers_unit(db, by, m.unit_id) : !scope_is_national(by)))
		return err_set(e, E_FORBIDDEN, NULL);
	Unit u;
	if (work_unit_for(db, by, unit_code, NULL, "unit", &u, e) != 0)
		return -1;
	int64_t n;
	if (work_count(copies, 100000000, 1, "copies", &n, e) != 0)
		return -1;
	if (n == 0 || m.shared + n > m.copies)
		return err_setf(e, E_INVALID, "copies", "còn %lld cuốn / %lld copies left", (long long)(m.copies - m.shared),
				(long long)(m.copies - m.shared));
	MatTx x = {.by = by, .m = &m, .unit_id = u.id, .copies = n};
	int rc = db_tx(db, share_tx, &x);
	return rc ? err_set(e, err_from_db(rc), NULL) : x.id;
}

int material_shares(Db *db, const Actor *by, int64_t material_id, void (*fn)(const MaterialShare *s, void *arg),
		    void *arg)
{
	(void)by;
	Stmt *st = db_stmt(db, "material_shares",
			   "SELECT s.id, u.code, u.name, s.copies FROM material_shares s JOIN units u ON u.id = s.unit_id "
			   "WHERE s.material_id = $1 ORDER BY s.id");
	if (!st)
		return -1;
	db_bind_int(st, 1, material_id);
	DbStatus s;
	int n = 0;
	while ((s = db_step(st)) == DB_ROW) {
		MaterialShare m = {.id = db_col_int(st, 0), .copies = db_col_int(st, 3)};
		work_copy(m.unit_code, sizeof m.unit_code, db_col_text(st, 1));
		work_copy(m.unit_name, sizeof m.unit_name, db_col_text(st, 2));
		fn(&m, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}
