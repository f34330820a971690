/* Commendations, and success stories with their photos and public page (see work.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/audit.h"
#include "core/club.h"
#include "core/member.h"
#include "core/scope.h"
#include "core/work.h"
#include "core/work_int.h"

static const struct {
	const char *code, *vi, *en;
} rkinds[] = {
	{"unit", "Tập thể (Hội NCT, đơn vị)", "Unit or association"},
	{"club", "CLB", "Club"},
	{"person", "Cá nhân", "Person"},
};

const char *commendation_kind_label(const char *kind, const char *lang)
{
	for (size_t i = 0; kind && i < sizeof rkinds / sizeof *rkinds; i++)
		if (strcmp(kind, rkinds[i].code) == 0)
			return lang && strcmp(lang, "en") == 0 ? rkinds[i].en : rkinds[i].vi;
	return kind ? kind : "";
}

typedef struct CTx {
	const Actor *by;
	Commendation *c;
	int64_t id;
} CTx;

static int comm_tx(Db *db, void *arg)
{
	CTx *x = arg;
	Commendation *c = x->c;
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "comm_insert",
			   "INSERT INTO commendations (year, level, title, recipient_kind, unit_id, club_id, member_id, person_name, "
			   "decision_no, note, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, c->year);
	db_bind_text(st, 2, c->level);
	db_bind_text(st, 3, c->title);
	db_bind_text(st, 4, c->recipient_kind);
	db_bind_int(st, 5, c->unit_id);
	if (c->club_id)
		db_bind_int(st, 6, c->club_id);
	else
		db_bind_null(st, 6);
	if (c->member_id)
		db_bind_int(st, 7, c->member_id);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, c->person_name);
	db_bind_text(st, 9, c->decision_no);
	db_bind_text(st, 10, c->note);
	db_bind_text(st, 11, now);
	db_bind_text(st, 12, x->by->username[0] ? x->by->username : "system");
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	x->id = db_last_id(db);
	json_t *after = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "year", c->year, "level", c->level, "title",
				  c->title, "recipient_kind", c->recipient_kind, "unit", c->unit_code, "club", c->club_code,
				  "person_name", c->person_name, "decision_no", c->decision_no);
	s = audit_write(db, x->by, "create", "commendation", work_id(x->id, sid), NULL, after);
	json_decref(after);
	return -(int)s;
}

int64_t commendation_create(Db *db, const Actor *by, const CommendationInput *in, Err *e)
{
	if (!work_may_write(by))
		return err_set(e, E_FORBIDDEN, NULL);
	Commendation c = {0};
	if (work_year(in->year, "year", &c.year, e) != 0)
		return -1;
	if (in->level && *in->level && !work_level_valid(in->level))
		return err_set(e, E_INVALID, "level");
	work_copy(c.level, sizeof c.level, work_actor_level(by, in->level));
	if (work_text_to(in->title, c.title, sizeof c.title, 1, 0, "title", e) != 0)
		return -1;
	if (!in->recipient_kind || !*in->recipient_kind)
		return err_set(e, E_REQUIRED, "recipient_kind");
	if (strcmp(in->recipient_kind, "unit") && strcmp(in->recipient_kind, "club") && strcmp(in->recipient_kind, "person"))
		return err_set(e, E_INVALID, "recipient_kind");
	work_copy(c.recipient_kind, sizeof c.recipient_kind, in->recipient_kind);
	if (strcmp(c.recipient_kind, "unit") != 0 && in->club && *in->club) {
		Club cl;
		int have = club_find(db, by, in->club, &cl);
		if (have < 0)
			return err_set(e, E_INTERNAL, NULL);
		if (!have)
			return err_set(e, E_NOT_FOUND, "club");
		if (!scope_covers_unit(db, by, cl.unit_id))
			return err_set(e, E_OUT_OF_SCOPE, "club");
		c.club_id = cl.id;
		c.unit_id = cl.unit_id;
		work_copy(c.club_code, sizeof c.club_code, cl.code);
		work_copy(c.unit_code, sizeof c.unit_code, cl.unit_code);
	} else if (strcmp(c.recipient_kind, "club") == 0) {
		return err_set(e, E_REQUIRED, "club");
	} else {
		/* The unit as it was at the end of the year commended (Bắc Ninh of 2021), or today's. */
		Unit u;
		char on[11];
		snprintf(on, sizeof on, "%04d-12-31", c.year);
		if (work_unit_for(db, by, in->unit_code, on, "unit", &u, e) != 0)
			return -1;
		c.unit_id = u.id;
		work_copy(c.unit_code, sizeof c.unit_code, u.code);
	}
	if (strcmp(c.recipient_kind, "person") == 0) {
		if (in->member_id && *in->member_id) {
			int64_t mid;
			Member m;
			if (work_count(in->member_id, INT64_MAX / 2, 1, "member_id", &mid, e) != 0)
				return -1;
			if (member_get(db, by, mid, &m) != 1 || (c.club_id && m.club_id != c.club_id))
				return err_set(e, E_NOT_FOUND, "member_id");
			c.member_id = mid;
			work_copy(c.person_name, sizeof c.person_name, m.full_name);
		} else if (work_text_to(in->person_name, c.person_name, sizeof c.person_name, 1, 0, "person_name", e) != 0) {
			return -1;
		}
	}
	if (work_text_to(in->decision_no, c.decision_no, sizeof c.decision_no, 0, 0, "decision_no", e) != 0 ||
	    work_text_to(in->note, c.note, sizeof c.note, 0, 1, "note", e) != 0)
		return -1;
	CTx x = {.by = by, .c = &c};
	int rc = db_tx(db, comm_tx, &x);
	return rc ? err_set(e, err_from_db(rc), NULL) : x.id;
}

int64_t commendation_list(Db *db, const Actor *by, int year, int64_t offset, int64_t limit,
			  void (*fn)(const Commendation *c, void *arg), void *arg)
{
	int64_t scope_unit, club;
	if (work_scope(db, by, &scope_unit, &club) != 0)
		return 0;
#define C_WHERE "WHERE " WORK_UNIT_SQL("k.unit_id", "$1") " AND ($2 = 0 OR k.club_id = $2) AND ($3 = 0 OR k.year = $3) "
	Stmt *st = db_stmt(db, "comm_count", "SELECT COUNT(*) FROM commendations k " C_WHERE);
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_int(st, 2, club);
	db_bind_int(st, 3, year);
	if (db_step(st) != DB_ROW)
		return -1;
	int64_t total = db_col_int(st, 0);
	db_reset(st);
	st = db_stmt(db, "comm_list",
		     "SELECT k.id, k.year, k.level, k.title, k.recipient_kind, k.unit_id, u.code, u.name, COALESCE(k.club_id, 0), "
		     "COALESCE(c.code, ''), COALESCE(c.name, ''), COALESCE(k.member_id, 0), k.person_name, k.decision_no, k.note "
		     "FROM commendations k JOIN units u ON u.id = k.unit_id LEFT JOIN clubs c ON c.id = k.club_id " C_WHERE
		     "ORDER BY k.year DESC, k.id DESC LIMIT $4 OFFSET $5");
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_int(st, 2, club);
	db_bind_int(st, 3, year);
	db_bind_int(st, 4, limit);
	db_bind_int(st, 5, offset);
	DbStatus s;
	int people = scope_sees_people(by);
	while ((s = db_step(st)) == DB_ROW) {
		Commendation c = {.id = db_col_int(st, 0), .year = (int)db_col_int(st, 1), .unit_id = db_col_int(st, 5),
				  .club_id = db_col_int(st, 8), .member_id = people ? db_col_int(st, 11) : 0};
		work_copy(c.level, sizeof c.level, db_col_text(st, 2));
		work_copy(c.title, sizeof c.title, db_col_text(st, 3));
		work_copy(c.recipient_kind, sizeof c.recipient_kind, db_col_text(st, 4));
		work_copy(c.unit_code, sizeof c.unit_code, db_col_text(st, 6));
		work_copy(c.unit_name, sizeof c.unit_name, db_col_text(st, 7));
		work_copy(c.club_code, sizeof c.club_code, db_col_text(st, 9));
		work_copy(c.club_name, sizeof c.club_name, db_col_text(st, 10));
		if (people)
			work_copy(c.person_name, sizeof c.person_name, db_col_text(st, 12));
		work_copy(c.decision_no, sizeof c.decision_no, db_col_text(st, 13));
		work_copy(c.note, sizeof c.note, db_col_text(st, 14));
		fn(&c, arg);
	}
	db_reset(st);
	return s == DB_DONE ? total : -1;
}

/* ---- stories ---- */

void story_clear(Story *s)
{
	free(s->body);
	s->body = NULL;
}

static int story_may_write(Db *db, const Actor *by, const Club *c)
{
	if (by->role == ROLE_CLUB)
		return strcmp(by->scope, c->code) == 0;
	return work_may_write(by) && scope_covers_unit(db, by, c->unit_id);
}

typedef struct STx {
	const Actor *by;
	int64_t id, club_id, member_id;
	int year, show_club, show_member, publish;
	const char *title, *body, *club_code;
	size_t len;
	const void *data;
	const char *type, *caption;
} STx;

static int story_write_tx(Db *db, void *arg)
{
	STx *x = arg;
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st;
	if (x->id) {
		st = db_stmt(db, "story_update",
			     "UPDATE stories SET year = $2, title = $3, body = $4, member_id = $5, show_club = $6, show_member = $7, "
			     "updated_at = $8 WHERE id = $1");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, x->id);
	} else {
		st = db_stmt(db, "story_insert",
			     "INSERT INTO stories (club_id, year, title, body, member_id, show_club, show_member, status, created_at, "
			     "created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $8)");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, x->club_id);
		db_bind_text(st, 9, x->by->username[0] ? x->by->username : "system");
	}
	db_bind_int(st, 2, x->year);
	db_bind_text(st, 3, x->title);
	db_bind_text(st, 4, x->body);
	if (x->member_id)
		db_bind_int(st, 5, x->member_id);
	else
		db_bind_null(st, 5);
	db_bind_int(st, 6, x->show_club);
	db_bind_int(st, 7, x->show_member);
	db_bind_text(st, 8, now);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	int creating = !x->id;
	if (creating)
		x->id = db_last_id(db);
	json_t *after = json_pack("{s:s, s:i, s:s, s:I, s:b, s:b}", "club", x->club_code, "year", x->year, "title", x->title,
				  "member", (json_int_t)x->member_id, "show_club", x->show_club, "show_member", x->show_member);
	s = audit_write(db, x->by, creating ? "create" : "update", "story", work_id(x->id, sid), NULL, after);
	json_decref(after);
	return -(int)s;
}

static int64_t story_write(Db *db, const Actor *by, int64_t id, const StoryInput *in, Err *e)
{
	Club c;
	if (id) {
		Story old = {0};
		int have = story_get(db, by, id, &old);
		story_clear(&old);
		if (have < 0)
			return err_set(e, E_INTERNAL, NULL);
		if (!have)
			return err_set(e, E_NOT_FOUND, NULL);
		if (club_get(db, by, old.club_id, &c) != 1)
			return err_set(e, E_NOT_FOUND, NULL);
	} else {
		if (!in->club || !*in->club)
			return err_set(e, E_REQUIRED, "club");
		int have = club_find(db, by, in->club, &c);
		if (have < 0)
			return err_set(e, E_INTERNAL, NULL);
		if (!have)
			return err_set(e, E_NOT_FOUND, "club");
	}
	if (!story_may_write(db, by, &c))
		return err_set(e, E_FORBIDDEN, NULL);
	STx x = {.by = by, .id = id, .club_id = c.id, .club_code = c.code, .show_club = in->show_club ? 1 : 0,
		 .show_member = in->show_member ? 1 : 0};
	char title[300];
	char *body = NULL;
	if (work_year(in->year, "year", &x.year, e) != 0 ||
	    work_text_to(in->title, title, sizeof title, 1, 0, "title", e) != 0 ||
	    work_text(in->body, 20000, 1, 1, "body", &body, e) != 0)
		return -1;
	if (in->member_id && *in->member_id) {
		Member m;
		if (work_count(in->member_id, INT64_MAX / 2, 1, "member_id", &x.member_id, e) != 0 ||
		    member_get(db, by, x.member_id, &m) != 1 || m.club_id != c.id) {
			free(body);
			return err_set(e, E_NOT_FOUND, "member_id");
		}
	} else {
		x.show_member = 0;
	}
	x.title = title;
	x.body = body;
	int rc = db_tx(db, story_write_tx, &x);
	free(body);
	return rc ? err_set(e, err_from_db(rc), NULL) : x.id;
}

int64_t story_create(Db *db, const Actor *by, const StoryInput *in, Err *e)
{
	return story_write(db, by, 0, in, e);
}

int story_update(Db *db, const Actor *by, int64_t id, const StoryInput *in, Err *e)
{
	return story_write(db, by, id, in, e) < 0 ? -1 : 0;
}

#define S_COLS                                                                                    \
	"s.id, s.club_id, c.code, c.name, u.name, s.year, s.title, s.body, COALESCE(s.member_id, 0), "   \
	"COALESCE(m.family_name || ' ' || m.middle_name || ' ' || m.given_name, ''), s.show_club, s.show_member, " \
	"s.status, COALESCE(s.published_at, ''), (SELECT COUNT(*) FROM story_photos p WHERE p.story_id = s.id), c.unit_id "
#define S_FROM                                                                                    \
	" FROM stories s JOIN clubs c ON c.id = s.club_id JOIN units u ON u.id = c.unit_id "             \
	"LEFT JOIN members m ON m.id = s.member_id "

static void s_fill(Stmt *st, Story *s, int64_t *unit_id)
{
	memset(s, 0, sizeof *s);
	s->id = db_col_int(st, 0);
	s->club_id = db_col_int(st, 1);
	work_copy(s->club_code, sizeof s->club_code, db_col_text(st, 2));
	work_copy(s->club_name, sizeof s->club_name, db_col_text(st, 3));
	work_copy(s->unit_name, sizeof s->unit_name, db_col_text(st, 4));
	s->year = (int)db_col_int(st, 5);
	work_copy(s->title, sizeof s->title, db_col_text(st, 6));
	const char *body = db_col_text(st, 7);
	s->body = strdup(body ? body : "");
	s->member_id = db_col_int(st, 8);
	/* Parts of a name may be empty: collapse the spaces they leave. */
	const char *n = db_col_text(st, 9);
	size_t k = 0;
	for (const char *p = n ? n : ""; *p && k + 1 < sizeof s->member_name; p++)
		if (*p != ' ' || (k && s->member_name[k - 1] != ' '))
			s->member_name[k++] = *p;
	while (k && s->member_name[k - 1] == ' ')
		k--;
	s->member_name[k] = '\0';
	s->show_club = db_col_int(st, 10) != 0;
	s->show_member = db_col_int(st, 11) != 0;
	work_copy(s->status, sizeof s->status, db_col_text(st, 12));
	work_copy(s->published_at, sizeof s->published_at, db_col_text(st, 13));
	s->photos = db_col_int(st, 14);
	*unit_id = db_col_int(st, 15);
}

int story_get(Db *db, const Actor *by, int64_t id, Story *s)
{
	Stmt *st = db_stmt(db, "story_get", "SELECT " S_COLS S_FROM "WHERE s.id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	DbStatus rc = db_step(st);
	int64_t unit_id = 0;
	if (rc == DB_ROW)
		s_fill(st, s, &unit_id);
	else
		memset(s, 0, sizeof *s);
	db_reset(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? 0 : -1;
	int64_t scope_unit, club;
	int sees = work_scope(db, by, &scope_unit, &club) == 0 && (!club || club == s->club_id) &&
		   (scope_unit == 0 || unit_within(db, unit_id, scope_unit));
	if (!sees) {
		story_clear(s);
		return 0;
	}
	if (!scope_sees_people(by))
		s->member_name[0] = '\0';
	return 1;
}

int story_get_public(Db *db, int64_t id, Story *s)
{
	Stmt *st = db_stmt(db, "story_get", "SELECT " S_COLS S_FROM "WHERE s.id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	DbStatus rc = db_step(st);
	int64_t unit_id = 0;
	if (rc == DB_ROW)
		s_fill(st, s, &unit_id);
	else
		memset(s, 0, sizeof *s);
	db_reset(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? 0 : -1;
	if (strcmp(s->status, "published") != 0) {
		story_clear(s);
		return 0;
	}
	/* Only what was chosen for the public. */
	if (!s->show_club) {
		s->club_id = 0;
		s->club_code[0] = s->club_name[0] = s->unit_name[0] = '\0';
	}
	if (!s->show_member) {
		s->member_id = 0;
		s->member_name[0] = '\0';
	}
	return 1;
}

int64_t story_list(Db *db, const Actor *by, int year, void (*fn)(const Story *s, void *arg), void *arg)
{
	int64_t scope_unit, club;
	if (work_scope(db, by, &scope_unit, &club) != 0)
		return 0;
	Stmt *st = db_stmt(db, "story_list",
			   "SELECT " S_COLS S_FROM "WHERE " WORK_UNIT_SQL("c.unit_id", "$1")
			   " AND ($2 = 0 OR s.club_id = $2) AND ($3 = 0 OR s.year = $3) ORDER BY s.year DESC, s.id DESC LIMIT 500");
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_int(st, 2, club);
	db_bind_int(st, 3, year);
	DbStatus rc;
	int64_t n = 0;
	int people = scope_sees_people(by);
	while ((rc = db_step(st)) == DB_ROW) {
		Story s;
		int64_t unit_id;
		s_fill(st, &s, &unit_id);
		if (!people)
			s.member_name[0] = '\0';
		fn(&s, arg);
		story_clear(&s);
		n++;
	}
	db_reset(st);
	return rc == DB_DONE ? n : -1;
}

static int publish_tx(Db *db, void *arg)
{
	STx *x = arg;
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "story_publish",
			   "UPDATE stories SET status = $2, published_at = $3, published_by = $4, updated_at = $5 WHERE id = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, x->id);
	db_bind_text(st, 2, x->publish ? "published" : "draft");
	db_bind_text(st, 3, x->publish ? now : NULL);
	db_bind_text(st, 4, x->publish ? x->by->username : NULL);
	db_bind_text(st, 5, now);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	json_t *after = json_pack("{s:s}", "status", x->publish ? "published" : "draft");
	s = audit_write(db, x->by, x->publish ? "publish" : "withdraw", "story", work_id(x->id, sid), NULL, after);
	json_decref(after);
	return -(int)s;
}

int story_publish(Db *db, const Actor *by, int64_t id, int publish, Err *e)
{
	if (!scope_is_national(by))
		return err_set(e, E_FORBIDDEN, NULL);
	Story s;
	int have = story_get(db, by, id, &s);
	story_clear(&s);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	STx x = {.by = by, .id = id, .publish = publish ? 1 : 0};
	int rc = db_tx(db, publish_tx, &x);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

static int photo_tx(Db *db, void *arg)
{
	STx *x = arg;
	size_t b64len = sodium_base64_ENCODED_LEN(x->len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(b64len);
	if (!b64)
		return -DB_ERROR;
	sodium_bin2base64(b64, b64len, x->data, x->len, sodium_base64_VARIANT_ORIGINAL);
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "story_photo_insert",
			   "INSERT INTO story_photos (story_id, content_type, size, caption, data, created_at) "
			   "VALUES ($1, $2, $3, $4, $5, $6)");
	if (!st) {
		free(b64);
		return -DB_ERROR;
	}
	db_bind_int(st, 1, x->club_id);
	db_bind_text(st, 2, x->type);
	db_bind_int(st, 3, (int64_t)x->len);
	db_bind_text(st, 4, x->caption);
	db_bind_text(st, 5, b64);
	db_bind_text(st, 6, now);
	DbStatus s = db_exec_stmt(st);
	free(b64);
	if (s != DB_OK)
		return -(int)s;
	x->id = db_last_id(db);
	json_t *after = json_pack("{s:I, s:s, s:I, s:s}", "story", (json_int_t)x->club_id, "type", x->type, "size",
				  (json_int_t)x->len, "caption", x->caption);
	s = audit_write(db, x->by, "create", "story_photo", work_id(x->id, sid), NULL, after);
	json_decref(after);
	return -(int)s;
}

int64_t story_photo_add(Db *db, const Actor *by, int64_t story_id, const void *data, size_t len, const char *caption,
			Err *e)
{
	Story s;
	int have = story_get(db, by, story_id, &s);
	story_clear(&s);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	Club c;
	if (club_get(db, by, s.club_id, &c) != 1 || !story_may_write(db, by, &c))
		return err_set(e, E_FORBIDDEN, NULL);
	const unsigned char *p = data;
	const char *type = NULL;
	if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		type = "image/jpeg";
	else if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		type = "image/png";
	if (!type || len > STORY_PHOTO_MAX || s.photos >= STORY_PHOTOS_MAX)
		return err_set(e, E_PHOTO, "photo");
	char cap[200];
	if (work_text_to(caption, cap, sizeof cap, 0, 0, "caption", e) != 0)
		return -1;
	STx x = {.by = by, .club_id = story_id, .data = data, .len = len, .type = type, .caption = cap};
	int rc = db_tx(db, photo_tx, &x);
	return rc ? err_set(e, err_from_db(rc), NULL) : x.id;
}

int story_photos(Db *db, int64_t story_id, void (*fn)(const StoryPhoto *p, void *arg), void *arg)
{
	Stmt *st = db_stmt(db, "story_photos",
			   "SELECT id, content_type, size, caption FROM story_photos WHERE story_id = $1 ORDER BY id");
	if (!st)
		return -1;
	db_bind_int(st, 1, story_id);
	DbStatus s;
	int n = 0;
	while ((s = db_step(st)) == DB_ROW) {
		StoryPhoto p = {.id = db_col_int(st, 0), .size = db_col_int(st, 2)};
		work_copy(p.content_type, sizeof p.content_type, db_col_text(st, 1));
		work_copy(p.caption, sizeof p.caption, db_col_text(st, 3));
		fn(&p, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}

int story_photo_data(Db *db, int64_t story_id, int64_t photo_id, unsigned char **data, size_t *len, char type[16])
{
	*data = NULL;
	*len = 0;
	Stmt *st = db_stmt(db, "story_photo_data",
			   "SELECT content_type, data, size FROM story_photos WHERE id = $1 AND story_id = $2");
	if (!st)
		return -1;
	db_bind_int(st, 1, photo_id);
	db_bind_int(st, 2, story_id);
	DbStatus s = db_step(st);
	int rc = s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
	if (s == DB_ROW) {
		work_copy(type, 16, db_col_text(st, 0));
		const char *b64 = db_col_text(st, 1);
		size_t n = strlen(b64), cap = (size_t)db_col_int(st, 2) + 4;
		*data = malloc(cap);
		if (!*data || sodium_base642bin(*data, cap, b64, n, NULL, len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
			free(*data);
			*data = NULL;
			rc = -1;
		}
	}
	db_reset(st);
	return rc;
}
