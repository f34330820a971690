/* API: programmes and their targets and progress, province plans, resources and donor projects
 * (issue 8). Rules live in core/programme.c; this file parses and answers. Body fields may be
 * strings, numbers or booleans (numbers and booleans are read as the form would type them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/programme.h"
#include "core/scope.h"
#include "core/unit.h"
#include "lib/vi.h"

/* ---- bodies ---- */

/* Every key is one of known and holds a string, number, boolean or null: else 422, -1. */
static int body_check(Req *r, const char *const *known)
{
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		int ok = 0;
		for (int i = 0; known[i] && !ok; i++)
			ok = strcmp(key, known[i]) == 0;
		if (!ok) {
			resp_error(r, E_INVALID, key, tr(r, "trường này không có trong API", "unknown field"));
			return -1;
		}
		if (json_is_object(v) || json_is_array(v)) {
			resp_error(r, E_INVALID, key, tr(r, "phải là chuỗi, số hoặc true/false", "must be a string, number or boolean"));
			return -1;
		}
	}
	return 0;
}

/* A field as text (in the request's arena): NULL when absent, "" when null. */
static const char *body_val(Req *r, const char *name)
{
	json_t *v = json_object_get(r->json, name);
	if (!v)
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_real(v)) {
		/* a share such as 70.5: written the Vietnamese way for the parser */
		char *s = arena_printf(&r->arena, "%.1f", json_real_value(v));
		char *dot = strchr(s, '.');
		if (dot)
			*dot = ',';
		return s;
	}
	if (json_is_true(v))
		return "1";
	if (json_is_false(v))
		return "0";
	return "";
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* ---- programmes ---- */

static json_t *programme_json(const ProgrammeInfo *p)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)p->id, "code", p->code, "name",
			 p->name, "kind", p->kind, "decision", p->decision, "decision_date", str_or_null(p->decision_date),
			 "start_date", str_or_null(p->start_date), "end_date", str_or_null(p->end_date), "donor",
			 str_or_null(p->donor));
}

static void programme_item(const ProgrammeInfo *p, void *arg)
{
	json_array_append_new(arg, programme_json(p));
}

HandlerResult api_programmes(Req *r)
{
	json_t *items = json_array();
	if (programme_list_kind(r->db, NULL, programme_item, items) < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

/* The programme of the path's {id} (a number or a code): 1, 0 after 404, -1. */
static int programme_param(Req *r, ProgrammeInfo *p)
{
	const char *v = req_param(r, "id");
	char *end;
	long long id = strtoll(v ? v : "", &end, 10);
	int have = v && *v && !*end ? programme_get(r->db, id, p) : programme_get_code(r->db, v ? v : "", p);
	if (have == 0)
		resp_error(r, E_NOT_FOUND, NULL, NULL);
	return have;
}

HandlerResult api_programme_show(Req *r)
{
	ProgrammeInfo p;
	int have = programme_param(r, &p);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	json_t *j = programme_json(&p);
	json_object_set_new(j, "provinces", json_integer(programme_province_count(r->db, &p)));
	return resp_json(r, 200, j);
}

HandlerResult api_programme_update(Req *r)
{
	static const char *const fields[] = {"name", "decision", "decision_date", "start_date", "end_date", NULL};
	if (body_check(r, fields))
		return H_ERROR;
	ProgrammeInfo p;
	int have = programme_param(r, &p);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	ProgrammeInput in = {body_val(r, "name"), body_val(r, "decision"), body_val(r, "decision_date"),
			     body_val(r, "start_date"), body_val(r, "end_date")};
	Err e = {0};
	if (programme_update(r->db, &r->actor, p.id, &in, &e) != 0)
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	programme_get(r->db, p.id, &p);
	return resp_json(r, 200, programme_json(&p));
}

/* ---- targets ---- */

static json_t *target_json(const Target *t)
{
	const MeasureInfo *m = t->measure >= 0 ? &programme_measures[t->measure] : NULL;
	json_t *j = json_pack("{s:I, s:o, s:o, s:s, s:I, s:s, s:s, s:b, s:o, s:s, s:s}", "id", (json_int_t)t->id, "unit",
			      str_or_null(t->unit_code), "year", t->year ? json_integer(t->year) : json_null(), "measure",
			      m ? m->code : "", "value", (json_int_t)t->value, "unit_of_value", m && m->is_share ? "permille" : "count",
			      "decided_on", t->decided_on, "in_force", t->superseded_by == 0, "superseded_by",
			      t->superseded_by ? json_integer(t->superseded_by) : json_null(), "reason", t->reason, "created_by",
			      t->created_by);
	if (t->unit_id)
		json_object_set_new(j, "unit_name", json_string(t->unit_name));
	return j;
}

static void target_item(const Target *t, void *arg)
{
	json_array_append_new(arg, target_json(t));
}

/* ?unit=CODE of the programme's geography (unit id into *unit; "" / absent: *unit -1, "0" or
 * "national": 0). 0, or -1 after answering. */
static int unit_query(Req *r, const ProgrammeInfo *p, int64_t *unit)
{
	const char *u = req_query(r, "unit");
	*unit = -1;
	if (!u || !*u)
		return 0;
	if (strcmp(u, "0") == 0 || strcmp(u, "national") == 0) {
		*unit = 0;
		return 0;
	}
	int g = plan_province(r->db, &r->actor, p, u, unit, NULL);
	if (g < 0) {
		resp_error(r, E_INTERNAL, NULL, NULL);
		return -1;
	}
	if (g == 0) {
		resp_error(r, E_NOT_PROVINCE, "unit", NULL);
		return -1;
	}
	return 0;
}

HandlerResult api_targets(Req *r)
{
	ProgrammeInfo p;
	int have = programme_param(r, &p);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	int64_t unit;
	if (unit_query(r, &p, &unit))
		return H_ERROR;
	const char *h = req_query(r, "history");
	json_t *items = json_array();
	if (target_list(r->db, p.id, unit, h && strcmp(h, "1") == 0, target_item, items) < 0) {
		json_decref(items);
		return H_FATAL;
	}
	json_t *measures = json_array();
	for (int m = 0; m < M_COUNT; m++)
		json_array_append_new(measures, json_pack("{s:s, s:s, s:s, s:s, s:b}", "code", programme_measures[m].code, "label_vi",
							  programme_measures[m].vi, "label_en", programme_measures[m].en, "unit",
							  programme_measures[m].is_share ? "permille" : "count", "national_only",
							  programme_measures[m].national_only));
	return resp_json(r, 200, json_pack("{s:I, s:o, s:o}", "programme_id", (json_int_t)p.id, "items", items, "measures", measures));
}

HandlerResult api_target_set(Req *r)
{
	static const char *const fields[] = {"unit", "year", "measure", "value", "decided_on", "reason", NULL};
	if (body_check(r, fields))
		return H_ERROR;
	ProgrammeInfo p;
	int have = programme_param(r, &p);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	/* A share given as a JSON number is a percentage, as typed on the page. */
	TargetInput in = {body_val(r, "unit"), body_val(r, "year"), body_val(r, "measure"), body_val(r, "value"),
			  body_val(r, "decided_on"), body_val(r, "reason")};
	Err e = {0};
	int64_t id = target_set(r->db, &r->actor, p.id, &in, &e);
	if (id < 0)
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	json_t *items = json_array();
	target_list(r->db, p.id, -1, 0, target_item, items);
	json_t *made = NULL;
	for (size_t i = 0; i < json_array_size(items); i++)
		if (json_integer_value(json_object_get(json_array_get(items, i), "id")) == id)
			made = json_incref(json_array_get(items, i));
	json_decref(items);
	return resp_json(r, 201, made ? made : json_pack("{s:I}", "id", (json_int_t)id));
}

HandlerResult api_progress(Req *r)
{
	ProgrammeInfo p;
	int have = programme_param(r, &p);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	int64_t unit;
	if (unit_query(r, &p, &unit))
		return H_ERROR;
	if (unit < 0)
		unit = 0;
	const char *ys = req_query(r, "year");
	int year = 0;
	if (ys && *ys) {
		char *end;
		year = (int)strtol(ys, &end, 10);
		if (*end || year < 1900 || year > 2200)
			return resp_error(r, E_PROGRAMME_YEAR, "year", NULL);
	}
	Progress pr[M_COUNT];
	Err e = {0};
	if (programme_progress(r->db, &r->actor, p.id, unit, year, pr, &e) != 0)
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	json_t *items = json_array();
	for (int m = 0; m < M_COUNT; m++) {
		const Progress *g = &pr[m];
		if (unit && programme_measures[m].national_only)
			continue;
		static const char *const states[] = {"ok", "not_assessed", "no_data"};
		json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "measure", programme_measures[m].code, "unit_of_value",
				      programme_measures[m].is_share ? "permille" : "count", "label", tr(r, programme_measures[m].vi, programme_measures[m].en),
				      "state", states[g->state], "target", g->has_target ? target_json(&g->target) : json_null(),
				      "actual", g->state == ACTUAL_OK ? json_integer(g->actual) : json_null());
		if (programme_measures[m].is_share || m == M_OLDER_MEMBERS)
			json_object_set_new(j, "of", json_pack("{s:I, s:I}", "num", (json_int_t)g->num, "den", (json_int_t)g->den));
		if (g->has_target && g->state == ACTUAL_OK && g->target.value > 0)
			json_object_set_new(j, "permille_of_target", json_integer(g->permille_of_target));
		json_array_append_new(items, j);
	}
	return resp_json(r, 200, json_pack("{s:I, s:o, s:o, s:o}", "programme_id", (json_int_t)p.id, "unit",
					   unit ? json_string(req_query(r, "unit")) : json_null(), "year",
					   year ? json_integer(year) : json_null(), "items", items));
}

/* ---- plans ---- */

static json_t *plan_json(const ProvincePlan *x)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:b, s:b, s:s, s:o, s:o, s:o, s:s, s:o, s:b, s:b, s:s, s:o}", "programme_id",
			      (json_int_t)x->programme_id, "unit", x->unit_code, "unit_name", x->unit_name, "recorded", x->exists,
			      "issued", x->issued, "doc_no", x->doc_no, "issued_on", str_or_null(x->issued_on),
			      "clubs_registered", x->has_clubs_registered ? json_integer(x->clubs_registered) : json_null(),
			      "budget_vnd", x->has_budget ? json_integer(x->budget_vnd) : json_null(), "budget_decision",
			      x->budget_decision, "budget_date", str_or_null(x->budget_date), "finance_mechanism",
			      x->finance_mechanism, "mobilisation_policy", x->mobilisation_policy, "obstacles", x->obstacles,
			      "updated_at", str_or_null(x->updated_at));
	return j;
}

typedef struct PlanItems {
	json_t *items;
} PlanItems;

static void plan_item(const ProvincePlan *x, void *arg)
{
	json_t *j = plan_json(x);
	json_object_set_new(j, "target_new_clubs", x->has_target ? json_integer(x->target_new_clubs) : json_null());
	json_object_set_new(j, "clubs_founded", json_integer(x->clubs_founded));
	json_array_append_new(arg, j);
}

HandlerResult api_plans(Req *r)
{
	ProgrammeInfo p;
	const char *pv = req_query(r, "programme");
	int have;
	if (pv && *pv) {
		char *end;
		long long id = strtoll(pv, &end, 10);
		have = *end ? programme_get_code(r->db, pv, &p) : programme_get(r->db, id, &p);
	} else {
		char today[11];
		unit_today(today);
		have = programme_current(r->db, today, &p);
	}
	if (have <= 0)
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, "programme", NULL);
	const char *ys = req_query(r, "year");
	int year = 0;
	if (ys && *ys) {
		char *end;
		year = (int)strtol(ys, &end, 10);
		if (*end || (p.start_year && year < p.start_year) || (p.end_year && year > p.end_year))
			return resp_error(r, E_PROGRAMME_YEAR, "year", NULL);
	}
	json_t *items = json_array();
	PlanSummary s;
	if (plan_list(r->db, &r->actor, p.id, year, plan_item, items, &s) < 0) {
		json_decref(items);
		return H_FATAL;
	}
	json_t *sum = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "provinces", (json_int_t)s.provinces, "issued",
				(json_int_t)s.issued, "recorded", (json_int_t)s.recorded, "budget_provinces",
				(json_int_t)s.budget_provinces, "budget_total_vnd", (json_int_t)s.budget_total, "finance_mechanism",
				(json_int_t)s.mechanism, "mobilisation_policy", (json_int_t)s.policy, "clubs_registered",
				(json_int_t)s.clubs_registered, "target_new_clubs",
				s.has_target ? json_integer(s.target_new_clubs) : json_null());
	return resp_json(r, 200, json_pack("{s:o, s:o, s:o, s:o}", "programme", programme_json(&p), "year",
					   year ? json_integer(year) : json_null(), "summary", sum, "items", items));
}

static int plan_param(Req *r, ProgrammeInfo *p, ProvincePlan *x)
{
	const char *v = req_param(r, "programme");
	char *end;
	long long id = strtoll(v ? v : "", &end, 10);
	int have = v && *v && !*end ? programme_get(r->db, id, p) : programme_get_code(r->db, v ? v : "", p);
	if (have > 0)
		have = plan_get(r->db, &r->actor, p->id, req_param(r, "code"), x);
	if (have == 0)
		resp_error(r, E_NOT_FOUND, NULL, NULL);
	return have;
}

HandlerResult api_plan_show(Req *r)
{
	ProgrammeInfo p;
	ProvincePlan x;
	int have = plan_param(r, &p, &x);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	return resp_json(r, 200, plan_json(&x));
}

HandlerResult api_plan_save(Req *r)
{
	static const char *const fields[] = {"issued", "doc_no", "issued_on", "clubs_registered", "budget_vnd", "budget_decision",
					     "budget_date", "finance_mechanism", "mobilisation_policy", "obstacles", NULL};
	if (body_check(r, fields))
		return H_ERROR;
	ProgrammeInfo p;
	ProvincePlan x;
	int have = plan_param(r, &p, &x);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	PlanInput in = {body_val(r, "issued"), body_val(r, "doc_no"), body_val(r, "issued_on"), body_val(r, "clubs_registered"),
			body_val(r, "budget_vnd"), body_val(r, "budget_decision"), body_val(r, "budget_date"),
			body_val(r, "finance_mechanism"), body_val(r, "mobilisation_policy"), body_val(r, "obstacles")};
	Err e = {0};
	if (plan_save(r->db, &r->actor, p.id, x.unit_code, &in, &e) != 0)
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	char code[8];
	snprintf(code, sizeof code, "%s", x.unit_code);
	plan_get(r->db, &r->actor, p.id, code, &x); /* plan_get clears x first: not x's own code */
	return resp_json(r, 200, plan_json(&x));
}

/* ---- resources ---- */

static json_t *resource_json(const Resource *x)
{
	return json_pack("{s:I, s:o, s:o, s:I, s:s, s:s, s:I, s:o, s:s, s:o, s:s}", "id", (json_int_t)x->id, "unit",
			 str_or_null(x->unit_code), "unit_name", x->unit_id ? json_string(x->unit_name) : json_null(), "year",
			 (json_int_t)x->year, "source", x->source, "form", x->form, "value_vnd", (json_int_t)x->value_vnd,
			 "project", str_or_null(x->project_code), "description", x->description, "received_on",
			 str_or_null(x->received_on), "updated_at", x->updated_at);
}

static void resource_item(const Resource *x, void *arg)
{
	json_array_append_new(arg, resource_json(x));
}

HandlerResult api_resources(Req *r)
{
	Page pg;
	if (api_page(r, &pg))
		return H_ERROR;
	ResourceFilter f = {0};
	const char *ys = req_query(r, "year"), *src = req_query(r, "source"), *u = req_query(r, "unit"), *pj = req_query(r, "project");
	if (ys && *ys) {
		char *end;
		f.year = (int)strtol(ys, &end, 10);
		if (*end || f.year < 2000 || f.year > 2100)
			return resp_error(r, E_INVALID, "year", NULL);
	}
	if (src && *src) {
		if (resource_source_parse(src) < 0)
			return resp_error(r, E_INVALID, "source", NULL);
		f.source = src;
	}
	if (u && *u) {
		char today[11];
		unit_today(today);
		Unit unit;
		int have = unit_find(r->db, u, today, &unit);
		if (have < 0)
			return H_FATAL;
		if (!have || !scope_covers_unit(r->db, &r->actor, unit.id))
			return resp_error(r, E_NOT_FOUND, "unit", NULL);
		f.unit_id = unit.id;
	}
	if (pj && *pj) {
		ProgrammeInfo p;
		int have = programme_get_code(r->db, pj, &p);
		if (have <= 0)
			return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, "project", NULL);
		f.project_id = p.id;
	}
	json_t *items = json_array();
	ResourceSum s;
	int64_t total = resource_list(r->db, &r->actor, &f, pg.offset, pg.per_page, resource_item, items, &s);
	if (total < 0) {
		json_decref(items);
		return H_FATAL;
	}
	json_t *j = api_page_json(&pg, items, total);
	json_t *by = json_object();
	for (int i = 0; i < RESOURCE_SOURCES; i++)
		json_object_set_new(by, resource_sources[i].code, json_integer(s.by_source[i]));
	json_object_set_new(j, "sum", json_pack("{s:I, s:I, s:I, s:o}", "total_vnd", (json_int_t)s.total, "cash_vnd",
						(json_int_t)s.cash, "in_kind_vnd", (json_int_t)s.in_kind, "by_source", by));
	return resp_json(r, 200, j);
}

static const char *const resource_fields[] = {"unit", "year", "source", "form", "value_vnd", "project", "description",
					      "received_on", NULL};

static void resource_body(Req *r, ResourceInput *in)
{
	*in = (ResourceInput){body_val(r, "unit"), body_val(r, "year"), body_val(r, "source"), body_val(r, "form"),
			      body_val(r, "value_vnd"), body_val(r, "project"), body_val(r, "description"),
			      body_val(r, "received_on")};
}

HandlerResult api_resource_create(Req *r)
{
	if (body_check(r, resource_fields))
		return H_ERROR;
	ResourceInput in;
	resource_body(r, &in);
	Err e = {0};
	int64_t id = resource_create(r->db, &r->actor, &in, &e);
	if (id < 0) {
		if (e.field && strcmp(e.field, "value") == 0)
			e.field = "value_vnd";
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	}
	Resource x;
	if (resource_get(r->db, &r->actor, id, &x) != 1)
		return H_FATAL;
	return resp_json(r, 201, resource_json(&x));
}

HandlerResult api_resource_show(Req *r)
{
	Resource x;
	int have = resource_get(r->db, &r->actor, req_param_id(r, "id"), &x);
	if (have <= 0)
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	return resp_json(r, 200, resource_json(&x));
}

HandlerResult api_resource_update(Req *r)
{
	if (body_check(r, resource_fields))
		return H_ERROR;
	Resource x;
	int have = resource_get(r->db, &r->actor, req_param_id(r, "id"), &x);
	if (have <= 0)
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	ResourceInput in;
	resource_body(r, &in);
	Err e = {0};
	if (resource_update(r->db, &r->actor, x.id, &in, &e) != 0) {
		if (e.field && strcmp(e.field, "value") == 0)
			e.field = "value_vnd";
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	}
	resource_get(r->db, &r->actor, x.id, &x);
	return resp_json(r, 200, resource_json(&x));
}

/* ---- donor projects ---- */

static void unit_item(const char *code, const char *name, int level, void *arg)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s}", "code", code, "name", name, "level",
					     level == UNIT_PROVINCE ? "province" : "commune"));
}

static void club_item(int64_t id, const char *code, const char *name, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "code", code, "name", name));
}

static json_t *donor_json(Db *db, const ProgrammeInfo *p, int full)
{
	json_t *j = programme_json(p);
	DonorStats st;
	ProgrammeInfo q;
	if (donor_project_get(db, p->id, &q, &st) == 1)
		json_object_set_new(j, "stats", json_pack("{s:I, s:I, s:I, s:I}", "provinces", (json_int_t)st.provinces, "communes",
							  (json_int_t)st.communes, "clubs", (json_int_t)st.clubs, "resources_vnd",
							  (json_int_t)st.resources_vnd));
	if (full) {
		json_t *units = json_array(), *clubs = json_array();
		donor_project_units(db, p->id, unit_item, units);
		donor_project_clubs(db, p->id, club_item, clubs);
		json_object_set_new(j, "units", units);
		json_object_set_new(j, "clubs", clubs);
	}
	return j;
}

typedef struct DonorItems {
	Db *db;
	json_t *items;
} DonorItems;

static void donor_item(const ProgrammeInfo *p, void *arg)
{
	DonorItems *d = arg;
	json_array_append_new(d->items, donor_json(d->db, p, 0));
}

HandlerResult api_donor_projects(Req *r)
{
	DonorItems d = {r->db, json_array()};
	if (programme_list_kind(r->db, "donor", donor_item, &d) < 0) {
		json_decref(d.items);
		return H_FATAL;
	}
	return resp_json(r, 200, json_pack("{s:o}", "items", d.items));
}

/* The body's units/clubs: a string of codes, or an array of codes (joined). */
static const char *codes_val(Req *r, const char *name)
{
	json_t *v = json_object_get(r->json, name);
	if (!json_is_array(v))
		return body_val(r, name);
	Buf b;
	buf_init(&b, 64);
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) {
		if (json_is_string(x))
			buf_printf(&b, "%s%s", i ? " " : "", json_string_value(x));
	}
	const char *s = arena_strdup(&r->arena, buf_str(&b));
	buf_free(&b);
	return s;
}

static int donor_body_check(Req *r)
{
	static const char *const fields[] = {"code", "name", "donor", "start_date", "end_date", NULL};
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		if (strcmp(key, "units") == 0 || strcmp(key, "clubs") == 0)
			continue;
		int ok = 0;
		for (int i = 0; fields[i] && !ok; i++)
			ok = strcmp(key, fields[i]) == 0;
		if (!ok || json_is_object(v) || json_is_array(v)) {
			resp_error(r, E_INVALID, key, NULL);
			return -1;
		}
	}
	return 0;
}

HandlerResult api_donor_project_create(Req *r)
{
	if (donor_body_check(r))
		return H_ERROR;
	DonorInput in = {body_val(r, "code"), body_val(r, "name"), body_val(r, "donor"), body_val(r, "start_date"),
			 body_val(r, "end_date"), codes_val(r, "units"), codes_val(r, "clubs")};
	Err e = {0};
	int64_t id = donor_project_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	ProgrammeInfo p;
	if (donor_project_get(r->db, id, &p, NULL) != 1)
		return H_FATAL;
	return resp_json(r, 201, donor_json(r->db, &p, 1));
}

HandlerResult api_donor_project_show(Req *r)
{
	ProgrammeInfo p;
	int have = donor_project_get(r->db, req_param_id(r, "id"), &p, NULL);
	if (have <= 0)
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	return resp_json(r, 200, donor_json(r->db, &p, 1));
}

HandlerResult api_donor_project_update(Req *r)
{
	if (donor_body_check(r))
		return H_ERROR;
	ProgrammeInfo p;
	int have = donor_project_get(r->db, req_param_id(r, "id"), &p, NULL);
	if (have <= 0)
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	DonorInput in = {NULL, body_val(r, "name"), body_val(r, "donor"), body_val(r, "start_date"), body_val(r, "end_date"),
			 codes_val(r, "units"), codes_val(r, "clubs")};
	Err e = {0};
	if (donor_project_update(r->db, &r->actor, p.id, &in, &e) != 0)
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	donor_project_get(r->db, p.id, &p, NULL);
	return resp_json(r, 200, donor_json(r->db, &p, 1));
}
