/* Clubs (see club.h). */
#include "core/club.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/scope.h"
#include "core/unit.h"
#include "lib/utf8.h"
#include "lib/vi.h"

static const struct {
	const char *code, *vi, *en;
} statuses[] = {
	{"planned", "Dự kiến thành lập", "Planned"},
	{"founded", "Đã thành lập", "Founded"},
	{"active", "Đang hoạt động", "Active"},
	{"inactive", "Tạm ngừng hoạt động", "Inactive"},
	{"dissolved", "Đã giải thể", "Dissolved"},
};

const char *club_status_label(const char *status, const char *lang)
{
	for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
		if (strcmp(statuses[i].code, status) == 0)
			return lang && strcmp(lang, "en") == 0 ? statuses[i].en : statuses[i].vi;
	return status;
}

int club_status_valid(const char *status)
{
	for (size_t i = 0; status && i < sizeof statuses / sizeof *statuses; i++)
		if (strcmp(statuses[i].code, status) == 0)
			return 1;
	return 0;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

#define CLUB_COLS                                                                                    \
	"c.id, c.code, c.name, c.unit_id, u.code, u.name, COALESCE(pv.code, ''), COALESCE(pv.name, ''), " \
	"c.village, c.decision_no, COALESCE(c.decision_date, ''), c.status, c.status_date, "            \
	"COALESCE(c.founded_on, ''), COALESCE(c.programme_id, 0), COALESCE(pg.code, ''), "            \
	"c.meeting_place, c.contact_name, c.contact_phone, "                                           \
	"(SELECT COUNT(*) FROM members m WHERE m.club_id = c.id AND m.left_on IS NULL)"
/* The club's province of today: the province in force that its commune rolls up into. */
#define CLUB_FROM                                                                                    \
	" FROM clubs c JOIN units u ON u.id = c.unit_id "                                              \
	"LEFT JOIN units pv ON pv.id = (SELECT r.ancestor_id FROM unit_reach r JOIN units x ON x.id = r.ancestor_id " \
	"WHERE r.unit_id = c.unit_id AND x.level = 'province' AND x.valid_to IS NULL ORDER BY x.id DESC LIMIT 1) " \
	"LEFT JOIN programmes pg ON pg.id = c.programme_id "

static void club_fill(Stmt *st, Club *c)
{
	c->id = db_col_int(st, 0);
	copy(c->code, sizeof c->code, db_col_text(st, 1));
	copy(c->name, sizeof c->name, db_col_text(st, 2));
	c->unit_id = db_col_int(st, 3);
	copy(c->unit_code, sizeof c->unit_code, db_col_text(st, 4));
	copy(c->unit_name, sizeof c->unit_name, db_col_text(st, 5));
	copy(c->province_code, sizeof c->province_code, db_col_text(st, 6));
	copy(c->province_name, sizeof c->province_name, db_col_text(st, 7));
	copy(c->village, sizeof c->village, db_col_text(st, 8));
	copy(c->decision_no, sizeof c->decision_no, db_col_text(st, 9));
	copy(c->decision_date, sizeof c->decision_date, db_col_text(st, 10));
	copy(c->status, sizeof c->status, db_col_text(st, 11));
	copy(c->status_date, sizeof c->status_date, db_col_text(st, 12));
	copy(c->founded_on, sizeof c->founded_on, db_col_text(st, 13));
	c->programme_id = db_col_int(st, 14);
	copy(c->programme_code, sizeof c->programme_code, db_col_text(st, 15));
	copy(c->meeting_place, sizeof c->meeting_place, db_col_text(st, 16));
	copy(c->contact_name, sizeof c->contact_name, db_col_text(st, 17));
	copy(c->contact_phone, sizeof c->contact_phone, db_col_text(st, 18));
	c->members = db_col_int(st, 19);
}

static int club_in_scope(Db *db, const Actor *by, const Club *c)
{
	if (scope_is_national(by))
		return 1;
	if (by->role == ROLE_CLUB)
		return strcmp(by->scope, c->code) == 0;
	if (by->role == ROLE_VIEWER && !by->scope[0])
		return 1;
	return scope_covers_unit(db, by, c->unit_id);
}

static int club_fetch(Db *db, const Actor *by, Stmt *st, Club *c)
{
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		club_fill(st, c);
	db_reset(st);
	if (s != DB_ROW)
		return s == DB_DONE ? 0 : -1;
	return club_in_scope(db, by, c);
}

int club_get(Db *db, const Actor *by, int64_t id, Club *c)
{
	Stmt *st = db_stmt(db, "club_get", "SELECT " CLUB_COLS CLUB_FROM "WHERE c.id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	return club_fetch(db, by, st, c);
}

int club_get_by_code(Db *db, const Actor *by, const char *code, Club *c)
{
	Stmt *st = db_stmt(db, "club_get_by_code", "SELECT " CLUB_COLS CLUB_FROM "WHERE c.code = $1");
	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	return club_fetch(db, by, st, c);
}


int club_find(Db *db, const Actor *by, const char *ref, Club *c)
{
	if (!ref || !*ref)
		return 0;
	if (strchr(ref, '-'))
		return club_get_by_code(db, by, ref, c);
	char *end;
	long long id = strtoll(ref, &end, 10);
	return *end || id <= 0 ? 0 : club_get(db, by, (int64_t)id, c);
}

#define CLUB_LIST_WHERE                                                                              \
	"WHERE " SCOPE_CLUB_SQL("$1", "$2") " AND ($3 = 0 OR EXISTS (SELECT 1 FROM unit_reach fr "      \
	"WHERE fr.unit_id = c.unit_id AND fr.ancestor_id = $3)) AND ($4 = '' OR c.status = $4) "        \
	"AND ($5 = '' OR c.name_fold LIKE $5 ESCAPE '\\' OR c.code = $6) "

int64_t club_list(Db *db, const Actor *by, const ClubFilter *f, int64_t offset, int64_t limit,
		  void (*fn)(const Club *c, void *arg), void *arg)
{
	int64_t scope_unit;
	const char *scope_club;
	if (scope_filter(db, by, &scope_unit, &scope_club) != 0)
		return 0;
	char *pattern = vi_like_pattern(f->q, 0);
	int64_t total = -1;
	Stmt *st = db_stmt(db, "club_count", "SELECT COUNT(*) FROM clubs c " CLUB_LIST_WHERE);
	for (int pass = 0; pass < 2 && st; pass++) {
		db_bind_int(st, 1, scope_unit);
		db_bind_text(st, 2, scope_club);
		db_bind_int(st, 3, f->unit_id);
		db_bind_text(st, 4, f->status ? f->status : "");
		db_bind_text(st, 5, pattern ? pattern : "");
		db_bind_text(st, 6, f->q ? f->q : "");
		if (pass == 0) {
			if (db_step(st) == DB_ROW)
				total = db_col_int(st, 0);
			db_reset(st);
			if (total < 0)
				break;
			st = db_stmt(db, "club_list", "SELECT " CLUB_COLS CLUB_FROM CLUB_LIST_WHERE
						      "ORDER BY c.name_key, c.code LIMIT $7 OFFSET $8");
			continue;
		}
		db_bind_int(st, 7, limit);
		db_bind_int(st, 8, offset);
		DbStatus s;
		while ((s = db_step(st)) == DB_ROW) {
			Club c;
			club_fill(st, &c);
			fn(&c, arg);
		}
		db_reset(st);
		if (s != DB_DONE)
			total = -1;
	}
	free(pattern);
	return total;
}

/* ---- writing ---- */

/* A normalised single-line text field: NULL stays NULL; *out is malloc'd. */
static int text_field(const char *in, size_t max, const char *field, char **out, Err *e)
{
	*out = NULL;
	if (!in)
		return 0;
	int rc = vi_normalize(in, VI_NORM_SPACES, out);
	if (rc != VI_OK)
		return err_set(e, rc == VI_ERR_NOMEM ? E_INTERNAL : E_BAD_UTF8, field);
	if (strlen(*out) > max) {
		free(*out);
		*out = NULL;
		return err_set(e, E_TOO_LONG, field);
	}
	return 0;
}

/* A telephone number as dialled: digits (a leading + allowed); spaces, dots, dashes and brackets
 * people type are dropped. "" stays "" (no number). */
static int phone_field(char *p, const char *field, Err *e)
{
	if (!p)
		return 0;
	size_t n = 0;
	int bad = 0;
	for (const char *q = p; *q; q++) {
		if (*q >= '0' && *q <= '9')
			p[n++] = *q;
		else if (*q == '+' && n == 0)
			p[n++] = '+';
		else if (!strchr(" .-()", *q))
			bad = 1;
	}
	p[n] = '\0';
	if (bad || (n && (n < 9 || n > 13)))
		return err_set(e, E_INVALID, field);
	return 0;
}

static int date_field(const char *in, const char *field, char out[11], Err *e)
{
	out[0] = '\0';
	if (!in || !*in)
		return 0;
	if (vi_parse_date(in, out) != VI_OK)
		return err_set(e, E_DATE, field);
	return 0;
}

typedef struct ClubTx {
	const Actor *by;
	int64_t id;
	char *name, *village, *decision_no, *meeting_place, *contact_name, *contact_phone;
	char decision_date[11], status_date[11], founded_on[11];
	int clear_decision_date, clear_founded_on;   /* given empty on update: the date is removed */
	const char *status;
	int64_t programme_id;
	int set_programme;
	const Unit *unit;
	Err *e;
} ClubTx;

static void club_tx_free(ClubTx *t)
{
	free(t->name);
	free(t->village);
	free(t->decision_no);
	free(t->meeting_place);
	free(t->contact_name);
	free(t->contact_phone);
}

static json_t *club_json(const Club *c)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "code", c->code, "name", c->name, "commune",
			 c->unit_code, "village", c->village, "status", c->status, "status_date", c->status_date,
			 "decision_no", c->decision_no, "programme", c->programme_code, "meeting_place",
			 c->meeting_place);
}

static int club_status_record(Db *db, int64_t club_id, const char *status, const char *from)
{
	Stmt *st = db_stmt(db, "club_status_record", "INSERT INTO club_status (club_id, status, from_date) VALUES ($1, $2, $3)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, from);
	return -(int)db_exec_stmt(st);
}

DbStatus club_next_code(Db *db, const char *unit_code, char out[16])
{
	Stmt *st = db_stmt(db, "club_next_number", "SELECT COUNT(*) FROM clubs WHERE code LIKE $1");
	if (!st)
		return DB_ERROR;
	char like[16];
	snprintf(like, sizeof like, "%.7s-%%", unit_code);
	db_bind_text(st, 1, like);
	int64_t n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	if (n < 0 || n > 9998)
		return DB_ERROR;
	snprintf(out, 16, "%.7s-%02d", unit_code, (int)(n + 1));
	return DB_OK;
}

static int club_create_tx(Db *db, void *arg)
{
	ClubTx *t = arg;
	char code[16];
	DbStatus cs = club_next_code(db, t->unit->code, code);
	if (cs != DB_OK)
		return -(int)cs;
	Stmt *st;
	char now[21];
	db_now_iso(now);
	char *fold = vi_fold(t->name), *key = vi_collate_key(t->name);
	st = fold && key ? db_stmt(db, "club_insert",
				   "INSERT INTO clubs (code, name, name_fold, name_key, unit_id, village, decision_no, decision_date, "
				   "status, status_date, founded_on, programme_id, meeting_place, contact_name, contact_phone, created_at, updated_at) "
				   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)")
			 : NULL;
	int rc = -DB_ERROR;
	if (st) {
		db_bind_text(st, 1, code);
		db_bind_text(st, 2, t->name);
		db_bind_text(st, 3, fold);
		db_bind_text(st, 4, key);
		db_bind_int(st, 5, t->unit->id);
		db_bind_text(st, 6, t->village ? t->village : "");
		db_bind_text(st, 7, t->decision_no ? t->decision_no : "");
		db_bind_text(st, 8, t->decision_date[0] ? t->decision_date : NULL);
		db_bind_text(st, 9, t->status);
		db_bind_text(st, 10, t->status_date);
		db_bind_text(st, 11, t->founded_on[0] ? t->founded_on : NULL);
		if (t->programme_id)
			db_bind_int(st, 12, t->programme_id);
		else
			db_bind_null(st, 12);
		db_bind_text(st, 13, t->meeting_place ? t->meeting_place : "");
		db_bind_text(st, 14, t->contact_name ? t->contact_name : "");
		db_bind_text(st, 15, t->contact_phone ? t->contact_phone : "");
		db_bind_text(st, 16, now);
		rc = -(int)db_exec_stmt(st);
	}
	free(fold);
	free(key);
	if (rc)
		return rc;
	t->id = db_last_id(db);
	if ((rc = club_status_record(db, t->id, t->status, t->status_date)) != 0)
		return rc;
	Club c;
	Actor system = {.role = ROLE_ADMIN};
	if (club_get(db, &system, t->id, &c) != 1)
		return -DB_ERROR;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	json_t *after = club_json(&c);
	DbStatus a = audit_write(db, t->by, "create", "club", id, NULL, after);
	json_decref(after);
	return -(int)a;
}

static int may_write_clubs(const Actor *by)
{
	return by->role == ROLE_ADMIN || by->role == ROLE_CENTRAL || by->role == ROLE_PROVINCE ||
	       by->role == ROLE_COMMUNE;
}

/* Checks the fields shared by create and update into t. */
static int club_fields(Db *db, const ClubInput *in, ClubTx *t, int creating, Err *e)
{
	if (text_field(in->name, 150, "name", &t->name, e) || text_field(in->village, 150, "village", &t->village, e) ||
	    text_field(in->decision_no, 60, "decision_no", &t->decision_no, e) ||
	    text_field(in->meeting_place, 190, "meeting_place", &t->meeting_place, e) ||
	    text_field(in->contact_name, 120, "contact_name", &t->contact_name, e) ||
	    text_field(in->contact_phone, 30, "contact_phone", &t->contact_phone, e) ||
	    phone_field(t->contact_phone, "contact_phone", e))
		return -1;
	if (creating && (!t->name || !*t->name))
		return err_set(e, E_REQUIRED, "name");
	if (t->name && !*t->name)
		return err_set(e, E_REQUIRED, "name");
	t->clear_decision_date = in->decision_date && !*in->decision_date;
	t->clear_founded_on = in->founded_on && !*in->founded_on;
	if (date_field(in->decision_date, "decision_date", t->decision_date, e) ||
	    date_field(in->status_date, "status_date", t->status_date, e) ||
	    date_field(in->founded_on, "founded_on", t->founded_on, e))
		return -1;
	if (in->status && *in->status && !club_status_valid(in->status))
		return err_set(e, E_INVALID, "status");
	t->status = in->status && *in->status ? in->status : NULL;
	if (in->programme) {
		t->set_programme = 1;
		if (*in->programme) {
			Stmt *st = db_stmt(db, "programme_by_code", "SELECT id FROM programmes WHERE code = $1");
			if (!st)
				return err_set(e, E_INTERNAL, NULL);
			db_bind_text(st, 1, in->programme);
			t->programme_id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
			db_reset(st);
			if (!t->programme_id)
				return err_set(e, E_INVALID, "programme");
		}
	}
	return 0;
}

int64_t club_create(Db *db, const Actor *by, const ClubInput *in, Err *e)
{
	if (!may_write_clubs(by))
		return err_set(e, E_FORBIDDEN, NULL);
	ClubTx t = {.by = by, .e = e};
	if (club_fields(db, in, &t, 1, e)) {
		club_tx_free(&t);
		return -1;
	}
	char today[11];
	unit_today(today);
	const char *when = t.founded_on[0] ? t.founded_on : today;
	Unit u;
	if (!in->unit_code || !*in->unit_code) {
		club_tx_free(&t);
		return err_set(e, E_REQUIRED, "unit_code");
	}
	/* The commune of the founding date (of today when it is still planned). */
	int have = unit_find(db, in->unit_code, when, &u);
	if (have != 1 || u.level != UNIT_COMMUNE) {
		club_tx_free(&t);
		return err_set(e, have < 0 ? E_INTERNAL : E_INVALID, "unit_code");
	}
	if (!scope_covers_unit(db, by, u.id)) {
		club_tx_free(&t);
		return err_set(e, E_OUT_OF_SCOPE, "unit_code");
	}
	if (!t.status)
		t.status = t.founded_on[0] ? "founded" : "planned";
	if (!t.status_date[0])
		snprintf(t.status_date, sizeof t.status_date, "%s", when);
	t.unit = &u;
	int rc = db_tx(db, club_create_tx, &t);
	club_tx_free(&t);
	if (rc != 0)
		return err_set(e, err_from_db(rc), NULL);
	return t.id;
}

static int club_update_tx(Db *db, void *arg)
{
	ClubTx *t = arg;
	Actor system = {.role = ROLE_ADMIN};
	Club before;
	if (club_get(db, &system, t->id, &before) != 1)
		return -DB_ERROR;
	char now[21];
	db_now_iso(now);
	char *fold = t->name ? vi_fold(t->name) : NULL, *key = t->name ? vi_collate_key(t->name) : NULL;
	Stmt *st = db_stmt(db, "club_update",
			   "UPDATE clubs SET name = COALESCE($2, name), name_fold = COALESCE($3, name_fold), "
			   "name_key = COALESCE($4, name_key), village = COALESCE($5, village), "
			   "decision_no = COALESCE($6, decision_no), "
			   "decision_date = CASE WHEN $7 IS NULL THEN decision_date WHEN $7 = '' THEN NULL ELSE $7 END, "
			   "status = COALESCE($8, status), status_date = COALESCE($9, status_date), "
			   "founded_on = CASE WHEN $10 IS NULL THEN founded_on WHEN $10 = '' THEN NULL ELSE $10 END, "
			   "programme_id = CASE WHEN $11 = 1 THEN $12 ELSE programme_id END, "
			   "meeting_place = COALESCE($13, meeting_place), contact_name = COALESCE($14, contact_name), "
			   "contact_phone = COALESCE($15, contact_phone), updated_at = $16 WHERE id = $1");
	int rc = -DB_ERROR;
	if (st) {
		db_bind_int(st, 1, t->id);
		db_bind_text(st, 2, t->name);
		db_bind_text(st, 3, fold);
		db_bind_text(st, 4, key);
		db_bind_text(st, 5, t->village);
		db_bind_text(st, 6, t->decision_no);
		db_bind_text(st, 7, t->decision_date[0] ? t->decision_date : t->clear_decision_date ? "" : NULL);
		db_bind_text(st, 8, t->status);
		db_bind_text(st, 9, t->status && t->status_date[0] ? t->status_date : NULL);
		db_bind_text(st, 10, t->founded_on[0] ? t->founded_on : t->clear_founded_on ? "" : NULL);
		db_bind_int(st, 11, t->set_programme);
		if (t->programme_id)
			db_bind_int(st, 12, t->programme_id);
		else
			db_bind_null(st, 12);
		db_bind_text(st, 13, t->meeting_place);
		db_bind_text(st, 14, t->contact_name);
		db_bind_text(st, 15, t->contact_phone);
		db_bind_text(st, 16, now);
		rc = -(int)db_exec_stmt(st);
	}
	free(fold);
	free(key);
	Club after;
	if (!rc && club_get(db, &system, t->id, &after) != 1)
		rc = -DB_ERROR;
	if (!rc && strcmp(before.status, after.status) != 0) {
		rc = club_status_record(db, t->id, after.status, after.status_date);
	} else if (!rc && strcmp(before.status_date, after.status_date) != 0) {
		st = db_stmt(db, "club_status_redate",
			     "UPDATE club_status SET from_date = $2 WHERE id = (SELECT MAX(id) FROM club_status WHERE club_id = $1)");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, t->id);
		db_bind_text(st, 2, after.status_date);
		rc = -(int)db_exec_stmt(st);
	}
	if (!rc) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)t->id);
		json_t *b = club_json(&before), *a = club_json(&after);
		rc = -(int)audit_write(db, t->by, "update", "club", id, b, a);
		json_decref(b);
		json_decref(a);
	}
	return rc;
}

int club_update(Db *db, const Actor *by, int64_t id, const ClubInput *in, Err *e)
{
	Club c;
	int have = club_get(db, by, id, &c);
	if (have <= 0)
		return err_set(e, have < 0 ? E_INTERNAL : E_NOT_FOUND, NULL);
	if (!may_write_clubs(by))
		return err_set(e, E_FORBIDDEN, NULL);
	ClubTx t = {.by = by, .id = id, .e = e};
	if (club_fields(db, in, &t, 0, e)) {
		club_tx_free(&t);
		return -1;
	}
	/* The status as it is, typed again by the edit form, changes nothing (not even its date);
	 * a new status takes the date typed, or today. */
	if (t.status && strcmp(t.status, c.status) == 0 && !t.status_date[0])
		t.status = NULL;
	if (t.status && !t.status_date[0])
		unit_today(t.status_date);
	if (!t.status && t.status_date[0])
		t.status = c.status;   /* a corrected date for the current status */
	int rc = db_tx(db, club_update_tx, &t);
	club_tx_free(&t);
	if (rc != 0)
		return err_set(e, err_from_db(rc), NULL);
	return 0;
}

/* ---- composition ---- */

int settings_older_age(Db *db)
{
	Stmt *st = db_stmt(db, "settings_older_age", "SELECT value FROM settings WHERE key = 'older_age'");
	int age = 60;
	if (st && db_step(st) == DB_ROW) {
		const char *v = db_col_text(st, 0);
		age = v && strcmp(v, "55") == 0 ? 55 : 60;
	}
	if (st)
		db_reset(st);
	return age;
}

static int older_age_tx(Db *db, void *arg)
{
	int *age = arg;
	Stmt *st = db_stmt(db, "settings_set_older_age",
			   "INSERT INTO settings (key, value) VALUES ('older_age', $1) "
			   "ON CONFLICT (key) DO UPDATE SET value = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_text(st, 1, *age == 55 ? "55" : "60");
	return -(int)db_exec_stmt(st);
}

int settings_set_older_age(Db *db, const Actor *by, int age, Err *e)
{
	if (by->role != ROLE_ADMIN)
		return err_set(e, E_FORBIDDEN, NULL);
	if (age != 55 && age != 60)
		return err_set(e, E_INVALID, "older_age");
	int rc = db_tx(db, older_age_tx, &age);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

/* The clubs a composition counts: those founded by the date and not dissolved, or the one club
 * asked for. */
#define COMP_CLUBS                                                                                   \
	"($3 <> 0 OR (c.status IN ('founded', 'active', 'inactive') AND (c.founded_on IS NULL OR c.founded_on <= $5)))"
#define COMP_SCOPE SCOPE_CLUB_SQL("$1", "$2")
/* Where the clubs come from: one club (its index), a unit (every club whose commune rolls up
 * into it, found through unit_reach, then each club's members through their index), or the
 * whole country. All three take the same bindings; a number one of them does not use is ignored by
 * the store. */
#define COMP_FROM_CLUB " FROM clubs c WHERE c.id = $3 AND "
#define COMP_FROM_UNIT " FROM unit_reach fr JOIN clubs c ON c.unit_id = fr.unit_id WHERE fr.ancestor_id = $4 AND "
#define COMP_FROM_ALL " FROM clubs c WHERE "
#define COMP_MEMBERS_SQL(from)                                                                        \
	"SELECT COUNT(*), "                                                                              \
	"COALESCE(SUM(CASE WHEN (m.birth_date IS NOT NULL AND m.birth_date <= $6) OR "                   \
	" (m.birth_date IS NULL AND m.birth_year <= $7) THEN 1 ELSE 0 END), 0), "                        \
	"COALESCE(SUM(CASE WHEN m.sex = 'F' THEN 1 ELSE 0 END), 0), "                                     \
	"COALESCE(SUM(CASE WHEN m.household <> 'other' THEN 1 ELSE 0 END), 0), "                          \
	"COALESCE(SUM(m.disability), 0), "                                                               \
	"COALESCE(SUM(CASE WHEN m.ethnicity <> '' AND m.ethnicity <> 'Kinh' THEN 1 ELSE 0 END), 0), "     \
	"COALESCE(SUM(m.lives_alone), 0), "                                                              \
	"COALESCE(SUM(CASE WHEN m.household <> 'other' OR m.disability = 1 OR m.lives_alone = 1 OR "     \
	" (m.ethnicity <> '' AND m.ethnicity <> 'Kinh') THEN 1 ELSE 0 END), 0) "                         \
	"FROM (SELECT c.id" from COMP_CLUBS " AND " COMP_SCOPE ") cc JOIN members m ON m.club_id = cc.id " \
	"WHERE m.joined_on <= $5 AND (m.left_on IS NULL OR m.left_on > $5)"
#define COMP_CLUBS_SQL(from)                                                                          \
	"SELECT COUNT(*), "                                                                              \
	"COALESCE(SUM((SELECT COUNT(DISTINCT v.member_id) FROM volunteers v WHERE v.club_id = c.id AND v.from_date <= $5 AND (v.to_date IS NULL OR v.to_date >= $5))), 0), " \
	"COALESCE(SUM((SELECT COUNT(DISTINCT b.member_id) FROM board_roles b WHERE b.club_id = c.id AND b.from_date <= $5 AND (b.to_date IS NULL OR b.to_date >= $5))), 0)" \
	from COMP_CLUBS " AND " COMP_SCOPE

int club_composition(Db *db, const Actor *by, int64_t club_id, int64_t unit_id, const char *date, Composition *out)
{
	memset(out, 0, sizeof *out);
	out->older_age = settings_older_age(db);
	int64_t scope_unit;
	const char *scope_club;
	if (scope_filter(db, by, &scope_unit, &scope_club) != 0)
		return 0;
	/* Without a club or unit asked for, the actor's own scope is the unit. */
	if (!club_id && !unit_id)
		unit_id = scope_unit;
	int which = club_id ? 0 : unit_id ? 1 : 2;
	/* Older on the date: born on or before the date minus the age (the year alone when only the
	 * year is known). */
	int year = (int)strtol(date, NULL, 10);
	char cut[11];
	snprintf(cut, sizeof cut, "%04d%s", year - out->older_age, date + 4);
	Stmt *st = which == 0 ? db_stmt(db, "club_composition_club", COMP_MEMBERS_SQL(COMP_FROM_CLUB))
		 : which == 1 ? db_stmt(db, "club_composition_unit", COMP_MEMBERS_SQL(COMP_FROM_UNIT))
			      : db_stmt(db, "club_composition_all", COMP_MEMBERS_SQL(COMP_FROM_ALL));
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_text(st, 2, scope_club);
	db_bind_int(st, 3, club_id);
	db_bind_int(st, 4, unit_id);
	db_bind_text(st, 5, date);
	db_bind_text(st, 6, cut);
	db_bind_int(st, 7, year - out->older_age);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return -1;
	}
	out->members = db_col_int(st, 0);
	out->older = db_col_int(st, 1);
	out->women = db_col_int(st, 2);
	out->poor = db_col_int(st, 3);
	out->disabled = db_col_int(st, 4);
	out->minority = db_col_int(st, 5);
	out->alone = db_col_int(st, 6);
	out->priority = db_col_int(st, 7);
	db_reset(st);
	out->younger = out->members - out->older;
	st = which == 0 ? db_stmt(db, "club_composition_clubs_club", COMP_CLUBS_SQL(COMP_FROM_CLUB))
	     : which == 1 ? db_stmt(db, "club_composition_clubs_unit", COMP_CLUBS_SQL(COMP_FROM_UNIT))
			  : db_stmt(db, "club_composition_clubs_all", COMP_CLUBS_SQL(COMP_FROM_ALL));
	if (!st)
		return -1;
	db_bind_int(st, 1, scope_unit);
	db_bind_text(st, 2, scope_club);
	db_bind_int(st, 3, club_id);
	db_bind_int(st, 4, unit_id);
	db_bind_text(st, 5, date);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return -1;
	}
	out->clubs = db_col_int(st, 0);
	out->volunteers = db_col_int(st, 1);
	out->board = db_col_int(st, 2);
	db_reset(st);
	return 0;
}

/* part / whole in tenths of a percent, rounded half up. */
static int64_t permille(int64_t part, int64_t whole)
{
	return whole ? (part * 1000 + whole / 2) / whole : 0;
}

void club_model_checks(const Composition *c, ModelCheck out[MODEL_CHECKS])
{
	int64_t clubs = c->clubs ? c->clubs : 1;
	/* Per club for counts: an average over several clubs (rounded down) is compared with the model. */
	out[0] = (ModelCheck){"Số thành viên (mỗi CLB)", "Members (per club)", c->members / clubs, 0, 50, 70, 0, "members"};
	out[1] = (ModelCheck){"Tỷ lệ người cao tuổi", "Share older", permille(c->older, c->members), 1, 600, 700, 0, "older_share"};
	out[2] = (ModelCheck){"Tỷ lệ nữ", "Share women", permille(c->women, c->members), 1, 600, 700, 0, "women_share"};
	out[3] = (ModelCheck){"Tỷ lệ người trẻ hơn", "Share younger", permille(c->younger, c->members), 1, 300, 400, 0, "younger_share"};
	out[4] = (ModelCheck){"Tỷ lệ thuộc nhóm ưu tiên (hộ nghèo/cận nghèo, khuyết tật, dân tộc thiểu số, sống một mình)",
			      "Share in priority groups (poor or near-poor, disability, ethnic minority, living alone)",
			      permille(c->priority, c->members), 1, 0, -1, 0, "priority_share"};
	out[5] = (ModelCheck){"Tình nguyện viên chăm sóc tại nhà (mỗi CLB)", "Home-care volunteers (per club)",
			      c->volunteers / clubs, 0, 5, -1, 0, "volunteers"};
	out[6] = (ModelCheck){"Thành viên Ban chủ nhiệm (mỗi CLB)", "Board members (per club)", c->board / clubs, 0, 5, 5, 0, "board"};
	for (int i = 0; i < MODEL_CHECKS; i++)
		out[i].off = c->clubs > 0 && (out[i].value < out[i].low || (out[i].high >= 0 && out[i].value > out[i].high));
}

/* ---- programmes and status history ---- */

int programme_list(Db *db, void (*fn)(const Programme *p, void *arg), void *arg)
{
	Stmt *st = db_stmt(db, "programme_list",
			   "SELECT id, code, name, kind FROM programmes "
			   "ORDER BY CASE kind WHEN 'national' THEN 0 WHEN 'donor' THEN 1 ELSE 2 END, code");
	if (!st)
		return -1;
	int n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		Programme p = {.id = db_col_int(st, 0)};
		copy(p.code, sizeof p.code, db_col_text(st, 1));
		copy(p.name, sizeof p.name, db_col_text(st, 2));
		copy(p.kind, sizeof p.kind, db_col_text(st, 3));
		fn(&p, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}

int club_status_list(Db *db, const Actor *by, int64_t club_id,
		     void (*fn)(const char *status, const char *from_date, void *arg), void *arg)
{
	Club c;
	int have = club_get(db, by, club_id, &c);
	if (have <= 0)
		return have;
	Stmt *st = db_stmt(db, "club_status_list",
			   "SELECT status, from_date FROM club_status WHERE club_id = $1 ORDER BY id");
	if (!st)
		return -1;
	db_bind_int(st, 1, club_id);
	int n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		fn(db_col_text(st, 0), db_col_text(st, 1), arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}
