/* Documents of direction and guidance (see guidance.h). */
#include "core/guidance.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/programme.h"
#include "core/scope.h"
#include "core/unit.h"
#include "core/work_int.h"

const char *const guidance_kinds[5] = {"guidance", "plan", "decision", "official_letter", "other"};

static const struct {
	const char *code, *vi, *en;
} kind_words[] = {
	{"guidance", "Hướng dẫn", "Guidance"},
	{"plan", "Kế hoạch", "Plan"},
	{"decision", "Quyết định", "Decision"},
	{"official_letter", "Công văn", "Official letter"},
	{"other", "Khác", "Other"},
};

int guidance_kind_valid(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof kind_words / sizeof *kind_words; i++)
		if (strcmp(kind, kind_words[i].code) == 0)
			return 1;
	return 0;
}

const char *guidance_kind_label(const char *kind, const char *lang)
{
	for (size_t i = 0; kind && i < sizeof kind_words / sizeof *kind_words; i++)
		if (strcmp(kind, kind_words[i].code) == 0)
			return lang && strcmp(lang, "en") == 0 ? kind_words[i].en : kind_words[i].vi;
	return kind ? kind : "";
}

int guidance_may_read(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_CENTRAL || a->role == ROLE_PROVINCE || a->role == ROLE_VIEWER;
}

int guidance_may_write(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_CENTRAL || a->role == ROLE_PROVINCE;
}

int guidance_may_edit(Db *db, const Actor *a, const GuidanceDoc *d)
{
	if (!guidance_may_write(a))
		return 0;
	if (scope_is_national(a))
		return 1;
	return d->unit_id != 0 && scope_covers_unit(db, a, d->unit_id);
}

#define G_COLS                                                                                                  \
	"d.id, COALESCE(d.programme_id, 0), COALESCE(p.code, ''), COALESCE(d.unit_id, 0), COALESCE(u.code, ''), " \
	"COALESCE(u.name, ''), d.number, d.issued_on, d.kind, d.title, d.issuer, d.note, d.created_at, d.created_by, " \
	"d.updated_at "
#define G_FROM                                                                                                  \
	" FROM guidance_documents d LEFT JOIN units u ON u.id = d.unit_id LEFT JOIN programmes p ON p.id = d.programme_id "

static void g_fill(Stmt *st, GuidanceDoc *d)
{
	memset(d, 0, sizeof *d);
	d->id = db_col_int(st, 0);
	d->programme_id = db_col_int(st, 1);
	work_copy(d->programme_code, sizeof d->programme_code, db_col_text(st, 2));
	d->unit_id = db_col_int(st, 3);
	work_copy(d->unit_code, sizeof d->unit_code, db_col_text(st, 4));
	work_copy(d->unit_name, sizeof d->unit_name, db_col_text(st, 5));
	work_copy(d->number, sizeof d->number, db_col_text(st, 6));
	work_copy(d->issued_on, sizeof d->issued_on, db_col_text(st, 7));
	work_copy(d->kind, sizeof d->kind, db_col_text(st, 8));
	work_copy(d->title, sizeof d->title, db_col_text(st, 9));
	work_copy(d->issuer, sizeof d->issuer, db_col_text(st, 10));
	work_copy(d->note, sizeof d->note, db_col_text(st, 11));
	work_copy(d->created_at, sizeof d->created_at, db_col_text(st, 12));
	work_copy(d->created_by, sizeof d->created_by, db_col_text(st, 13));
	work_copy(d->updated_at, sizeof d->updated_at, db_col_text(st, 14));
}

static int load(Db *db, int64_t id, GuidanceDoc *d)
{
	Stmt *st = db_stmt(db, "guidance_get", "SELECT " G_COLS G_FROM "WHERE d.id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		g_fill(st, d);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

int guidance_get(Db *db, const Actor *by, int64_t id, GuidanceDoc *d)
{
	if (!guidance_may_read(by))
		return 0;
	int have = load(db, id, d);
	if (have <= 0)
		return have;
	return d->unit_id == 0 || work_sees_unit(db, by, d->unit_id);
}

/* Reads the typed fields of in over d (NULL keeps d's). 0 or -1 with e. */
static int check(Db *db, const GuidanceInput *in, GuidanceDoc *d, Err *e)
{
	if (in->number && work_text_to(in->number, d->number, GUIDANCE_NUMBER_MAX + 1, 1, 0, "number", e) != 0)
		return -1;
	if (!d->number[0])
		return err_set(e, E_REQUIRED, "number");
	if (in->issued_on) {
		if (work_date(in->issued_on, 1, "issued_on", d->issued_on, e) != 0)
			return -1;
		char today[11];
		unit_today(today);
		if (strcmp(d->issued_on, today) > 0)
			return err_set(e, E_DOC_FUTURE, "issued_on");
		if (strcmp(d->issued_on, "2000-01-01") < 0)
			return err_set(e, E_DATE, "issued_on");
	}
	if (!d->issued_on[0])
		return err_set(e, E_REQUIRED, "issued_on");
	if (in->kind) {
		if (!*in->kind)
			return err_set(e, E_REQUIRED, "kind");
		if (!guidance_kind_valid(in->kind))
			return err_set(e, E_INVALID, "kind");
		work_copy(d->kind, sizeof d->kind, in->kind);
	}
	if (!d->kind[0])
		return err_set(e, E_REQUIRED, "kind");
	if (in->title && work_text_to(in->title, d->title, GUIDANCE_TITLE_MAX + 1, 1, 0, "title", e) != 0)
		return -1;
	if (!d->title[0])
		return err_set(e, E_REQUIRED, "title");
	if (in->issuer && work_text_to(in->issuer, d->issuer, GUIDANCE_ISSUER_MAX + 1, 0, 0, "issuer", e) != 0)
		return -1;
	if (in->note && work_text_to(in->note, d->note, GUIDANCE_NOTE_MAX + 1, 0, 1, "note", e) != 0)
		return -1;
	if (in->programme_code) {
		if (!*in->programme_code) {
			d->programme_id = 0;
			d->programme_code[0] = 0;
		} else {
			ProgrammeInfo p;
			int f = programme_get_code(db, in->programme_code, &p);
			if (f < 0)
				return err_set(e, E_INTERNAL, NULL);
			if (!f)
				return err_set(e, E_NOT_FOUND, "programme");
			d->programme_id = p.id;
			work_copy(d->programme_code, sizeof d->programme_code, p.code);
		}
	}
	return 0;
}

static json_t *doc_json(const GuidanceDoc *d)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "unit", d->unit_code, "programme", d->programme_code,
			 "number", d->number, "issued_on", d->issued_on, "kind", d->kind, "title", d->title, "issuer", d->issuer,
			 "note", d->note);
}

typedef struct GTx {
	const Actor *by;
	GuidanceDoc *d;
	const GuidanceDoc *before;
	int64_t id;
	int dup;
} GTx;

/* 1 when another document of the same unit has the number in the year. */
static int duplicate(Db *db, const GuidanceDoc *d, int64_t except, int *dup)
{
	Stmt *st = db_stmt(db, "guidance_dup",
			   "SELECT COUNT(*) FROM guidance_documents WHERE COALESCE(unit_id, 0) = $1 AND number = $2 AND year = $3 "
			   "AND id <> $4");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, d->unit_id);
	db_bind_text(st, 2, d->number);
	db_bind_int(st, 3, atoi(d->issued_on));
	db_bind_int(st, 4, except);
	DbStatus s = db_step(st);
	*dup = s == DB_ROW && db_col_int(st, 0) > 0;
	db_reset(st);
	return s == DB_ROW ? 0 : -(int)s;
}

static void bind_fields(Stmt *st, const GuidanceDoc *d, int from)
{
	if (d->programme_id)
		db_bind_int(st, from, d->programme_id);
	else
		db_bind_null(st, from);
	db_bind_text(st, from + 1, d->number);
	db_bind_text(st, from + 2, d->issued_on);
	db_bind_int(st, from + 3, atoi(d->issued_on));
	db_bind_text(st, from + 4, d->kind);
	db_bind_text(st, from + 5, d->title);
	db_bind_text(st, from + 6, d->issuer);
	db_bind_text(st, from + 7, d->note);
}

static int create_tx(Db *db, void *arg)
{
	GTx *x = arg;
	GuidanceDoc *d = x->d;
	int rc = duplicate(db, d, 0, &x->dup);
	if (rc || x->dup)
		return rc;
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "guidance_insert",
			   "INSERT INTO guidance_documents (programme_id, number, issued_on, year, kind, title, issuer, note, "
			   "unit_id, created_at, created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10)");
	if (!st)
		return -DB_ERROR;
	bind_fields(st, d, 1);
	if (d->unit_id)
		db_bind_int(st, 9, d->unit_id);
	else
		db_bind_null(st, 9);
	db_bind_text(st, 10, now);
	db_bind_text(st, 11, x->by->username[0] ? x->by->username : "system");
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	x->id = db_last_id(db);
	json_t *after = doc_json(d);
	s = audit_write(db, x->by, "create", "guidance_document", work_id(x->id, sid), NULL, after);
	json_decref(after);
	return -(int)s;
}

int64_t guidance_create(Db *db, const Actor *by, const GuidanceInput *in, Err *e)
{
	if (!guidance_may_write(by))
		return err_set(e, E_FORBIDDEN, NULL);
	GuidanceDoc d;
	memset(&d, 0, sizeof d);
	if (check(db, in, &d, e) != 0)
		return -1;
	const char *code = in->unit_code && *in->unit_code ? in->unit_code : NULL;
	if (!code && !scope_is_national(by))
		code = by->scope; /* a province user's documents are their province's */
	if (code) {
		Unit u;
		if (work_unit_for(db, by, code, d.issued_on, "unit", &u, e) != 0)
			return -1;
		if (u.level != UNIT_PROVINCE)
			return err_set(e, E_NOT_PROVINCE, "unit");
		d.unit_id = u.id;
		work_copy(d.unit_code, sizeof d.unit_code, u.code);
	}
	GTx x = {.by = by, .d = &d};
	int rc = db_tx(db, create_tx, &x);
	if (rc)
		return err_set(e, err_from_db(rc), NULL);
	if (x.dup)
		return err_set(e, E_DOC_DUPLICATE, "number");
	return x.id;
}

static int update_tx(Db *db, void *arg)
{
	GTx *x = arg;
	GuidanceDoc *d = x->d;
	int rc = duplicate(db, d, d->id, &x->dup);
	if (rc || x->dup)
		return rc;
	char now[21], sid[24];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "guidance_update",
			   "UPDATE guidance_documents SET programme_id = $1, number = $2, issued_on = $3, year = $4, kind = $5, "
			   "title = $6, issuer = $7, note = $8, updated_at = $9 WHERE id = $10");
	if (!st)
		return -DB_ERROR;
	bind_fields(st, d, 1);
	db_bind_text(st, 9, now);
	db_bind_int(st, 10, d->id);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	json_t *before = doc_json(x->before), *after = doc_json(d);
	s = audit_write(db, x->by, "update", "guidance_document", work_id(d->id, sid), before, after);
	json_decref(before);
	json_decref(after);
	return -(int)s;
}

int guidance_update(Db *db, const Actor *by, int64_t id, const GuidanceInput *in, Err *e)
{
	GuidanceDoc cur, d;
	int have = guidance_get(db, by, id, &cur);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, NULL);
	if (!guidance_may_edit(db, by, &cur))
		return err_set(e, E_FORBIDDEN, NULL);
	if (in->unit_code && strcmp(in->unit_code, cur.unit_code) != 0)
		return err_set(e, E_INVALID, "unit"); /* the issuing unit stays */
	d = cur;
	if (check(db, in, &d, e) != 0)
		return -1;
	GTx x = {.by = by, .d = &d, .before = &cur};
	int rc = db_tx(db, update_tx, &x);
	if (rc)
		return err_set(e, err_from_db(rc), NULL);
	if (x.dup)
		return err_set(e, E_DOC_DUPLICATE, "number");
	return 0;
}

#define G_WHERE                                                                                                  \
	"WHERE (d.unit_id IS NULL OR " WORK_UNIT_SQL("d.unit_id", "$1") ") AND ($2 = 0 OR d.year = $2) "           \
	"AND ($3 = 0 OR d.programme_id = $3) AND ($4 < 0 OR ($4 = 0 AND d.unit_id IS NULL) OR ($4 > 0 AND "     \
	"EXISTS (SELECT 1 FROM unit_reach fr WHERE fr.unit_id = d.unit_id AND fr.ancestor_id = $4))) "

static void bind_filter(Stmt *st, int64_t scope_unit, const GuidanceFilter *f)
{
	db_bind_int(st, 1, scope_unit);
	db_bind_int(st, 2, f->year);
	db_bind_int(st, 3, f->programme_id);
	db_bind_int(st, 4, f->unit_id);
}

int64_t guidance_list(Db *db, const Actor *by, const GuidanceFilter *f, int64_t offset, int64_t limit,
		      void (*fn)(const GuidanceDoc *d, void *arg), void *arg)
{
	int64_t scope_unit, club;
	if (!guidance_may_read(by) || work_scope(db, by, &scope_unit, &club) != 0)
		return 0;
	Stmt *st = db_stmt(db, "guidance_count", "SELECT COUNT(*) FROM guidance_documents d " G_WHERE);
	if (!st)
		return -1;
	bind_filter(st, scope_unit, f);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return -1;
	}
	int64_t total = db_col_int(st, 0);
	db_reset(st);
	st = db_stmt(db, "guidance_list",
		     "SELECT " G_COLS G_FROM G_WHERE "ORDER BY d.issued_on DESC, d.id DESC LIMIT $5 OFFSET $6");
	if (!st)
		return -1;
	bind_filter(st, scope_unit, f);
	db_bind_int(st, 5, limit);
	db_bind_int(st, 6, offset);
	GuidanceDoc *d = malloc(sizeof *d);
	if (!d) {
		db_reset(st);
		return -1;
	}
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		g_fill(st, d);
		fn(d, arg);
	}
	db_reset(st);
	free(d);
	return s == DB_DONE ? total : -1;
}

int64_t guidance_of_level(Db *db, int64_t unit_id, int64_t programme_id, int year,
			  void (*fn)(const GuidanceDoc *d, void *arg), void *arg)
{
	Stmt *st = db_stmt(db, "guidance_of_level",
			   "SELECT " G_COLS G_FROM "WHERE d.year = $1 AND (d.programme_id IS NULL OR d.programme_id = $2) AND "
			   "(($3 = 0 AND d.unit_id IS NULL) OR ($3 > 0 AND EXISTS (SELECT 1 FROM unit_reach fr WHERE "
			   "fr.unit_id = d.unit_id AND fr.ancestor_id = $3))) ORDER BY d.issued_on, d.id");
	if (!st)
		return -1;
	db_bind_int(st, 1, year);
	db_bind_int(st, 2, programme_id);
	db_bind_int(st, 3, unit_id);
	GuidanceDoc *d = malloc(sizeof *d);
	if (!d) {
		db_reset(st);
		return -1;
	}
	DbStatus s;
	int64_t n = 0;
	while ((s = db_step(st)) == DB_ROW) {
		g_fill(st, d);
		fn(d, arg);
		n++;
	}
	db_reset(st);
	free(d);
	return s == DB_DONE ? n : -1;
}
