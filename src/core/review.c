/* The annual review's figures (see review.h): every number comes from another core's function —
 * plan_list (plans, registrations, budgets, obstacles), training_list (courses), material_list,
 * visit_list, commendation_list, the donor projects, programme_progress (clubs founded) — called as
 * the unit's own user would call them, so a province's review counts what its province sees. */
#include "core/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/audit.h"
#include "core/guidance.h"
#include "core/scope.h"
#include "core/unit.h"
#include "core/work.h"
#include "lib/vi.h"

static void cpy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static void list_add(ReviewList *l, const char *code, const char *name, const char *text, int64_t n)
{
	l->total++;
	if (l->n >= REVIEW_LIST_MAX)
		return;
	if (!l->items) {
		l->items = calloc(REVIEW_LIST_MAX, sizeof *l->items);
		if (!l->items)
			return;
	}
	ReviewItem *it = &l->items[l->n++];
	cpy(it->code, sizeof it->code, code);
	cpy(it->name, sizeof it->name, name);
	cpy(it->text, sizeof it->text, text);
	it->n = n;
}

/* Adds n to the item of code, or a new item. */
static void list_bump(ReviewList *l, const char *code, const char *name, int64_t n)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].code, code) == 0) {
			l->items[i].n += n;
			return;
		}
	list_add(l, code, name, "", n);
}

static void list_free(ReviewList *l)
{
	free(l->items);
	memset(l, 0, sizeof *l);
}

void review_free(ReviewData *d)
{
	list_free(&d->material_list);
	list_free(&d->document_list);
	list_free(&d->own_course_places);
	list_free(&d->visit_places);
	list_free(&d->no_plan);
	list_free(&d->obstacles);
	list_free(&d->commended);
	free(d->tasks);
	d->tasks = NULL;
}

static int national_reader(const Actor *a)
{
	return scope_is_national(a) || (a->role == ROLE_VIEWER && a->scope[0] == 0);
}

/* The province of today named code: 1 with u, 0 not a province of today. */
static int province_of_today(Db *db, const char *code, Unit *u)
{
	char today[11];
	unit_today(today);
	int f = unit_find(db, code, today, u);
	if (f != 1)
		return f;
	return u->level == UNIT_PROVINCE ? 1 : 0;
}

int review_may_read(Db *db, const Actor *by, const char *unit_code)
{
	if (by->role != ROLE_ADMIN && by->role != ROLE_CENTRAL && by->role != ROLE_PROVINCE && by->role != ROLE_VIEWER)
		return 0;
	if (!unit_code || !*unit_code)
		return national_reader(by);
	Unit u;
	if (province_of_today(db, unit_code, &u) != 1)
		return 0;
	return scope_covers(db, by, unit_code) == 1;
}

int review_may_edit(Db *db, const Actor *by, const char *unit_code)
{
	if (by->role == ROLE_ADMIN || by->role == ROLE_CENTRAL)
		return 1;
	if (by->role != ROLE_PROVINCE || !unit_code || !*unit_code)
		return 0;
	return strcmp(by->scope, unit_code) == 0;
}

/* The actor whose view the figures are counted in: the central level, or the province's user. */
static void unit_actor(const Actor *by, const char *unit_code, Actor *sub)
{
	*sub = *by;
	if (unit_code && *unit_code) {
		sub->role = ROLE_PROVINCE;
		cpy(sub->scope, sizeof sub->scope, unit_code);
	} else {
		sub->role = ROLE_CENTRAL;
		sub->scope[0] = 0;
	}
}

/* ---- collectors ---- */

typedef struct Ctx {
	ReviewData *d;
	Db *db;
	const Actor *sub;
	int year;
	int err;
	/* local trainings: distinct units */
	char (*seen)[16];
	size_t nseen, capseen;
} Ctx;

static int seen_add(Ctx *c, const char *code)
{
	for (size_t i = 0; i < c->nseen; i++)
		if (strcmp(c->seen[i], code) == 0)
			return 0;
	if (c->nseen == c->capseen) {
		size_t cap = c->capseen ? c->capseen * 2 : 64;
		void *p = realloc(c->seen, cap * sizeof *c->seen);
		if (!p) {
			c->err = 1;
			return 0;
		}
		c->seen = p;
		c->capseen = cap;
	}
	cpy(c->seen[c->nseen++], 16, code);
	return 1;
}

static void on_plan(const ProvincePlan *p, void *arg)
{
	Ctx *c = arg;
	ReviewData *d = c->d;
	int year_end_ok = 1;
	char end[11];
	snprintf(end, sizeof end, "%04d-12-31", c->year);
	int issued = p->exists && p->issued && (!p->issued_on[0] || strcmp(p->issued_on, end) <= 0);
	(void)year_end_ok;
	if (!issued)
		list_add(&d->no_plan, p->unit_code, p->unit_name, "", 0);
	if (p->exists && p->obstacles[0])
		list_add(&d->obstacles, p->unit_code, p->unit_name, p->obstacles, 0);
	if (!d->is_country) {
		if (p->has_target) {
			d->has_target = 1;
			d->target_new_clubs += p->target_new_clubs;
		}
		/* the province's clubs founded in the year, per province of the programme's geography */
		Progress pr[M_COUNT];
		Err e = {0};
		if (programme_progress(c->db, c->sub, d->programme.id, p->unit_id, c->year, pr, &e) == 0 &&
		    pr[M_NEW_CLUBS].state == ACTUAL_OK)
			d->clubs_founded_year += pr[M_NEW_CLUBS].actual;
	}
}

static void on_training(const Training *t, void *arg)
{
	Ctx *c = arg;
	ReviewData *d = c->d;
	int64_t trainees = t->officers + t->board_members + t->volunteers;
	if (strcmp(t->level, d->own_level) == 0) {
		d->own_courses++;
		d->own_trainees += trainees;
		list_bump(&d->own_course_places, t->province_code[0] ? t->province_code : t->unit_code,
			  t->province_name[0] ? t->province_name : t->unit_name, 1);
		return;
	}
	if (strcmp(t->level, "central") == 0)
		return; /* the central level's courses in a province belong to the country's direction */
	d->local_courses++;
	d->local_trainees += trainees;
	if (seen_add(c, d->is_country ? t->province_code : t->unit_code))
		d->local_units++;
}

static void on_material(const Material *m, void *arg)
{
	Ctx *c = arg;
	ReviewData *d = c->d;
	if (strcmp(m->level, d->own_level) != 0 || m->year != c->year)
		return;
	d->materials++;
	d->material_copies += m->copies;
	list_add(&d->material_list, "", m->title, "", m->copies);
}

static void on_document(const GuidanceDoc *g, void *arg)
{
	ReviewData *d = arg;
	d->documents++;
	list_add(&d->document_list, g->kind, g->number, g->issued_on, 0);
}

static void on_visit(const Visit *v, void *arg)
{
	Ctx *c = arg;
	ReviewData *d = c->d;
	if (strcmp(v->level, d->own_level) != 0)
		return;
	d->visits++;
	if (v->club_id)
		list_bump(&d->visit_places, v->club_code, v->club_name, 1);
	else
		list_bump(&d->visit_places, v->unit_code, v->unit_name, 1);
}

static void on_commendation(const Commendation *k, void *arg)
{
	Ctx *c = arg;
	ReviewData *d = c->d;
	if (strcmp(k->recipient_kind, "person") == 0) {
		d->commended_people++;
		return;
	}
	char text[400];
	snprintf(text, sizeof text, "%s%s%s", k->title, k->decision_no[0] ? " — " : "", k->decision_no);
	if (strcmp(k->recipient_kind, "club") == 0)
		list_add(&d->commended, k->club_code, k->club_name, text, 0);
	else
		list_add(&d->commended, k->unit_code, k->unit_name, text, 0);
}

/* Donor projects: those running in the year, with the units and clubs they cover inside the unit. */
typedef struct DonorCtx {
	Ctx *c;
	int64_t units, clubs;
} DonorCtx;

static void on_donor_unit(const char *code, const char *name, int level, void *arg)
{
	(void)name;
	(void)level;
	DonorCtx *x = arg;
	if (x->c->d->is_country || scope_covers(x->c->db, x->c->sub, code) == 1)
		x->units++;
}

static void on_donor_club(int64_t club_id, const char *code, const char *name, void *arg)
{
	(void)club_id;
	(void)name;
	DonorCtx *x = arg;
	if (x->c->d->is_country || scope_covers(x->c->db, x->c->sub, code) == 1)
		x->clubs++;
}

typedef struct DonorIds {
	int64_t ids[64];
	size_t n;
	int year;
} DonorIds;

static void on_donor(const ProgrammeInfo *p, void *arg)
{
	DonorIds *ids = arg;
	if ((p->start_year && p->start_year > ids->year) || (p->end_year && p->end_year < ids->year))
		return;
	if (ids->n < 64)
		ids->ids[ids->n++] = p->id;
}

static int tasks_load(Db *db, ReviewData *d)
{
	Stmt *st = db_stmt(db, "review_tasks_get",
			   "SELECT text, updated_at, updated_by FROM review_tasks WHERE programme_id = $1 AND year = $2 "
			   "AND unit_id = $3");
	if (!st)
		return -1;
	db_bind_int(st, 1, d->programme.id);
	db_bind_int(st, 2, d->year);
	db_bind_int(st, 3, d->unit_id);
	DbStatus s = db_step(st);
	if (s == DB_ROW) {
		d->tasks = strdup(db_col_text(st, 0));
		cpy(d->tasks_updated_at, sizeof d->tasks_updated_at, db_col_text(st, 1));
		cpy(d->tasks_updated_by, sizeof d->tasks_updated_by, db_col_text(st, 2));
	} else {
		d->tasks = strdup("");
	}
	db_reset(st);
	if (s != DB_ROW && s != DB_DONE)
		return -1;
	return d->tasks ? 0 : -1;
}

/* Checks the actor and the unit; fills the unit's fields of d. 0 or -1 with e. */
static int review_unit(Db *db, const Actor *by, const char *unit_code, ReviewData *d, Err *e)
{
	if (by->role != ROLE_ADMIN && by->role != ROLE_CENTRAL && by->role != ROLE_PROVINCE && by->role != ROLE_VIEWER)
		return err_set(e, E_FORBIDDEN, NULL);
	if (!unit_code || !*unit_code) {
		if (!national_reader(by))
			return err_set(e, E_FORBIDDEN, "unit");
		d->is_country = 1;
		cpy(d->own_level, sizeof d->own_level, "central");
		return 0;
	}
	Unit u;
	if (province_of_today(db, unit_code, &u) != 1 || scope_covers(db, by, unit_code) != 1)
		return err_set(e, E_NOT_FOUND, "unit");
	d->unit_id = u.id;
	cpy(d->unit_code, sizeof d->unit_code, u.code);
	cpy(d->unit_name, sizeof d->unit_name, u.name);
	cpy(d->unit_kind, sizeof d->unit_kind, u.kind);
	cpy(d->own_level, sizeof d->own_level, "province");
	return 0;
}

int review_build(Db *db, const Actor *by, int64_t programme_id, int year, const char *unit_code, ReviewData *d,
		 Err *e)
{
	memset(d, 0, sizeof *d);
	if (year < 2000 || year > 2100)
		return err_set(e, E_WORK_YEAR, "year");
	if (review_unit(db, by, unit_code, d, e) != 0)
		return -1;
	int f = programme_get(db, programme_id, &d->programme);
	if (f < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (f == 0 || strcmp(d->programme.kind, "donor") == 0)
		return err_set(e, E_NOT_FOUND, "programme");
	d->year = year;
	unit_today(d->as_of);

	Actor sub;
	unit_actor(by, d->is_country ? NULL : d->unit_code, &sub);
	Ctx c = {.d = d, .db = db, .sub = &sub, .year = year};

	/* plans, registrations, budgets, obstacles */
	PlanSummary sum;
	if (plan_list(db, &sub, programme_id, year, on_plan, &c, &sum) < 0)
		goto store;
	d->provinces = sum.provinces;
	d->plans_issued = sum.issued;
	d->clubs_registered = sum.clubs_registered;
	d->budget_provinces = sum.budget_provinces;
	d->budget_total = sum.budget_total;
	d->mechanism_provinces = sum.mechanism;
	d->policy_provinces = sum.policy;
	if (d->is_country) {
		d->has_target = sum.has_target;
		d->target_new_clubs = sum.target_new_clubs;
		Progress pr[M_COUNT];
		Err pe = {0};
		if (programme_progress(db, &sub, programme_id, 0, year, pr, &pe) != 0)
			goto store;
		if (pr[M_NEW_CLUBS].state == ACTUAL_OK)
			d->clubs_founded_year = pr[M_NEW_CLUBS].actual;
	}

	/* trainings */
	TrainingFilter tf = {.year = year};
	if (training_list(db, &sub, &tf, 0, INT64_C(1000000), on_training, &c) < 0 || c.err)
		goto store;
	/* documents of direction and guidance of the own level */
	if (guidance_of_level(db, d->unit_id, programme_id, year, on_document, d) < 0)
		goto store;
	/* materials, visits, commendations */
	if (material_list(db, &sub, year, on_material, &c) < 0)
		goto store;
	VisitFilter vf = {.year = year};
	if (visit_list(db, &sub, &vf, 0, INT64_C(1000000), on_visit, &c) < 0)
		goto store;
	if (commendation_list(db, &sub, year, 0, INT64_C(1000000), on_commendation, &c) < 0)
		goto store;

	/* donor projects running in the year */
	DonorIds ids = {.year = year};
	if (programme_list_kind(db, "donor", on_donor, &ids) < 0)
		goto store;
	for (size_t i = 0; i < ids.n; i++) {
		DonorCtx x = {.c = &c};
		if (donor_project_units(db, ids.ids[i], on_donor_unit, &x) < 0 ||
		    donor_project_clubs(db, ids.ids[i], on_donor_club, &x) < 0)
			goto store;
		if (d->is_country || x.units || x.clubs) {
			d->donor_projects++;
			d->donor_units += x.units;
			d->donor_clubs += x.clubs;
		}
	}
	if (tasks_load(db, d) != 0)
		goto store;
	free(c.seen);
	return 0;
store:
	free(c.seen);
	review_free(d);
	return err_set(e, E_INTERNAL, NULL);
}

/* ---- tasks for next year ---- */

typedef struct TasksTx {
	const Actor *by;
	int64_t programme_id, unit_id;
	int year;
	const char *text;
} TasksTx;

static int tasks_tx(Db *db, void *arg)
{
	TasksTx *t = arg;
	char now[21];
	db_now_iso(now);
	char *before = NULL;
	Stmt *st = db_stmt(db, "review_tasks_old",
			   "SELECT text FROM review_tasks WHERE programme_id = $1 AND year = $2 AND unit_id = $3");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, t->programme_id);
	db_bind_int(st, 2, t->year);
	db_bind_int(st, 3, t->unit_id);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		before = strdup(db_col_text(st, 0));
	db_reset(st);
	if (s != DB_ROW && s != DB_DONE)
		return s;
	if (before)
		st = db_stmt(db, "review_tasks_upd",
			     "UPDATE review_tasks SET text = $4, updated_at = $5, updated_by = $6 "
			     "WHERE programme_id = $1 AND year = $2 AND unit_id = $3");
	else
		st = db_stmt(db, "review_tasks_ins",
			     "INSERT INTO review_tasks (programme_id, year, unit_id, text, updated_at, updated_by) "
			     "VALUES ($1, $2, $3, $4, $5, $6)");
	if (!st) {
		free(before);
		return DB_ERROR;
	}
	db_bind_int(st, 1, t->programme_id);
	db_bind_int(st, 2, t->year);
	db_bind_int(st, 3, t->unit_id);
	db_bind_text(st, 4, t->text);
	db_bind_text(st, 5, now);
	db_bind_text(st, 6, t->by->username);
	s = db_exec_stmt(st);
	if (s != DB_OK) {
		free(before);
		return s;
	}
	char id[64];
	snprintf(id, sizeof id, "%lld/%d/%lld", (long long)t->programme_id, t->year, (long long)t->unit_id);
	json_t *b = before ? json_pack("{s:s}", "text", before) : NULL;
	json_t *a = json_pack("{s:s}", "text", t->text);
	s = audit_write(db, t->by, "update", "review_tasks", id, b, a);
	json_decref(b);
	json_decref(a);
	free(before);
	return s;
}

/* The unit id of a review's unit code after the edit check: 0 the country. -1 with e. */
static int64_t edit_unit(Db *db, const Actor *by, const char *unit_code, Err *e)
{
	if (!review_may_edit(db, by, unit_code)) {
		err_set(e, by->role == ROLE_PROVINCE && unit_code && *unit_code ? E_NOT_FOUND : E_FORBIDDEN, "unit");
		return -1;
	}
	if (!unit_code || !*unit_code)
		return 0;
	Unit u;
	if (province_of_today(db, unit_code, &u) != 1) {
		err_set(e, E_NOT_FOUND, "unit");
		return -1;
	}
	return u.id;
}

int review_tasks_save(Db *db, const Actor *by, int64_t programme_id, int year, const char *unit_code,
		      const char *text, Err *e)
{
	int64_t unit_id = edit_unit(db, by, unit_code, e);
	if (unit_id < 0)
		return -1;
	if (year < 2000 || year > 2100)
		return err_set(e, E_WORK_YEAR, "year");
	ProgrammeInfo p;
	int f = programme_get(db, programme_id, &p);
	if (f < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (f == 0 || strcmp(p.kind, "donor") == 0)
		return err_set(e, E_NOT_FOUND, "programme");
	char *norm = NULL;
	if (vi_normalize(text ? text : "", 0, &norm) != VI_OK)
		return err_set(e, E_INVALID, "tasks");
	/* trim the ends; keep the lines */
	size_t n = strlen(norm);
	while (n && (norm[n - 1] == ' ' || norm[n - 1] == '\n' || norm[n - 1] == '\r' || norm[n - 1] == '\t'))
		norm[--n] = 0;
	if (n > REVIEW_TASKS_MAX) {
		free(norm);
		return err_set(e, E_TOO_LONG, "tasks");
	}
	TasksTx t = {.by = by, .programme_id = programme_id, .unit_id = unit_id, .year = year, .text = norm};
	int s = db_tx(db, tasks_tx, &t);
	free(norm);
	if (s != DB_OK)
		return err_set(e, err_from_db(s), NULL);
	return 0;
}

/* ---- templates ---- */

typedef struct TemplateTx {
	const Actor *by;
	int64_t unit_id;
	const char *filename;
	size_t len;
	const char *b64;
	int remove;
} TemplateTx;

static int template_tx(Db *db, void *arg)
{
	TemplateTx *t = arg;
	char now[21];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "review_template_del", "DELETE FROM review_templates WHERE unit_id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, t->unit_id);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return s;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->unit_id);
	if (t->remove)
		return audit_write(db, t->by, "delete", "review_template", id, NULL, NULL);
	st = db_stmt(db, "review_template_ins",
		     "INSERT INTO review_templates (unit_id, filename, size, data_b64, uploaded_at, uploaded_by) "
		     "VALUES ($1, $2, $3, $4, $5, $6)");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, t->unit_id);
	db_bind_text(st, 2, t->filename);
	db_bind_int(st, 3, (int64_t)t->len);
	db_bind_text(st, 4, t->b64);
	db_bind_text(st, 5, now);
	db_bind_text(st, 6, t->by->username);
	s = db_exec_stmt(st);
	if (s != DB_OK)
		return s;
	json_t *a = json_pack("{s:s,s:I}", "filename", t->filename, "size", (json_int_t)t->len);
	s = audit_write(db, t->by, "upload", "review_template", id, NULL, a);
	json_decref(a);
	return s;
}

int review_template_save(Db *db, const Actor *by, const char *unit_code, const char *filename, const void *data,
			 size_t len, Err *e)
{
	int64_t unit_id = edit_unit(db, by, unit_code, e);
	if (unit_id < 0)
		return -1;
	if (!len || len > REVIEW_TEMPLATE_MAX)
		return err_set(e, E_TEMPLATE, "file");
	char *name = NULL;
	if (vi_normalize(filename && *filename ? filename : "template.docx", VI_NORM_SPACES, &name) != VI_OK)
		name = strdup("template.docx");
	if (!name)
		return err_set(e, E_INTERNAL, NULL);
	if (strlen(name) > 190)
		name[190] = 0;
	size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(b64len);
	if (!b64) {
		free(name);
		return err_set(e, E_INTERNAL, NULL);
	}
	sodium_bin2base64(b64, b64len, data, len, sodium_base64_VARIANT_ORIGINAL);
	TemplateTx t = {.by = by, .unit_id = unit_id, .filename = name, .len = len, .b64 = b64};
	int s = db_tx(db, template_tx, &t);
	free(b64);
	free(name);
	if (s != DB_OK)
		return err_set(e, err_from_db(s), NULL);
	return 0;
}

int review_template_delete(Db *db, const Actor *by, const char *unit_code, Err *e)
{
	int64_t unit_id = edit_unit(db, by, unit_code, e);
	if (unit_id < 0)
		return -1;
	TemplateTx t = {.by = by, .unit_id = unit_id, .remove = 1};
	int s = db_tx(db, template_tx, &t);
	if (s != DB_OK)
		return err_set(e, err_from_db(s), NULL);
	return 0;
}

int review_template_get(Db *db, const char *unit_code, ReviewTemplate *info, unsigned char **data, size_t *len)
{
	int64_t unit_id = 0;
	if (unit_code && *unit_code) {
		Unit u;
		int f = province_of_today(db, unit_code, &u);
		if (f < 0)
			return -1;
		if (f == 0)
			return 0;
		unit_id = u.id;
	}
	Stmt *st = db_stmt(db, "review_template_get",
			   "SELECT filename, size, uploaded_at, uploaded_by, data_b64 FROM review_templates WHERE unit_id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, unit_id);
	DbStatus s = db_step(st);
	if (s != DB_ROW) {
		db_reset(st);
		if (info)
			memset(info, 0, sizeof *info);
		return s == DB_DONE ? 0 : -1;
	}
	if (info) {
		info->exists = 1;
		cpy(info->filename, sizeof info->filename, db_col_text(st, 0));
		info->size = db_col_int(st, 1);
		cpy(info->uploaded_at, sizeof info->uploaded_at, db_col_text(st, 2));
		cpy(info->uploaded_by, sizeof info->uploaded_by, db_col_text(st, 3));
	}
	int rc = 1;
	if (data) {
		const char *b64 = db_col_text(st, 4);
		size_t n = strlen(b64);
		unsigned char *bin = malloc(n / 4 * 3 + 3);
		size_t got = 0;
		if (!bin || sodium_base642bin(bin, n / 4 * 3 + 3, b64, n, NULL, &got, NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
			free(bin);
			rc = -1;
		} else {
			*data = bin;
			*len = got;
		}
	}
	db_reset(st);
	return rc;
}
