/* API: documents of direction and guidance (core/guidance.h): list (?year=, ?unit=, ?programme=,
 * paginated), create, read and change one. Rules and scope live in core. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/guidance.h"
#include "core/programme.h"
#include "core/scope.h"
#include "core/unit.h"
#include "lib/vi.h"

static const char *const create_fields[] = {"unit_code", "programme", "number", "issued_on", "kind", "title",
					    "issuer", "note", NULL};
/* The issuing unit is not changed by an update. */
static const char *const update_fields[] = {"programme", "number", "issued_on", "kind", "title", "issuer", "note", NULL};

static json_t *doc_json(const GuidanceDoc *d)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)d->id, "level",
			      d->unit_id ? "province" : "central", "unit_code", d->unit_code, "unit_name", d->unit_name, "number",
			      d->number, "issued_on", d->issued_on, "kind", d->kind, "title", d->title, "issuer", d->issuer, "note",
			      d->note, "created_at", d->created_at);
	json_object_set_new(j, "programme", d->programme_code[0] ? json_string(d->programme_code) : json_null());
	json_object_set_new(j, "updated_at", json_string(d->updated_at));
	return j;
}

static void item(const GuidanceDoc *d, void *arg)
{
	json_array_append_new(arg, doc_json(d));
}

HandlerResult api_guidance(Req *r)
{
	GuidanceFilter f = {.unit_id = -1};
	const char *y = req_query(r, "year");
	if (y && *y) {
		int64_t v;
		if (vi_parse_int(y, &v) != VI_OK || v < 2000 || v > 2100)
			return resp_error(r, E_WORK_YEAR, "year", NULL);
		f.year = (int)v;
	}
	const char *u = req_query(r, "unit");
	if (u && (strcmp(u, "0") == 0 || strcmp(u, "central") == 0)) {
		f.unit_id = 0;
	} else if (u && *u) {
		char today[11];
		unit_today(today);
		Unit unit;
		int have = unit_find(r->db, u, today, &unit);
		if (have < 0)
			return H_FATAL;
		if (!have)
			return resp_error(r, E_NOT_FOUND, "unit", NULL);
		if (!scope_covers_unit(r->db, &r->actor, unit.id))
			return resp_error(r, E_OUT_OF_SCOPE, "unit", NULL);
		f.unit_id = unit.id;
	}
	const char *p = req_query(r, "programme");
	if (p && *p) {
		ProgrammeInfo pi;
		int64_t id;
		int have = vi_parse_int(p, &id) == VI_OK ? programme_get(r->db, id, &pi) : programme_get_code(r->db, p, &pi);
		if (have < 0)
			return H_FATAL;
		if (!have)
			return resp_error(r, E_NOT_FOUND, "programme", NULL);
		f.programme_id = pi.id;
	}
	Page pg;
	if (api_page(r, &pg) != 0)
		return H_ERROR;
	json_t *items = json_array();
	int64_t total = guidance_list(r->db, &r->actor, &f, pg.offset, pg.per_page, item, items);
	if (total < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, api_page_json(&pg, items, total));
}

static GuidanceInput input_of(Req *r)
{
	GuidanceInput in = {.unit_code = api_body_text(r, "unit_code"), .programme_code = api_body_text(r, "programme"),
			    .number = api_body_text(r, "number"), .issued_on = api_body_text(r, "issued_on"), .kind = api_body_text(r, "kind"),
			    .title = api_body_text(r, "title"), .issuer = api_body_text(r, "issuer"), .note = api_body_text(r, "note")};
	return in;
}

static HandlerResult answer(Req *r, int status, int64_t id)
{
	GuidanceDoc *d = arena_alloc(&r->arena, sizeof *d);
	int have = guidance_get(r->db, &r->actor, id, d);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return resp_json(r, status, doc_json(d));
}

HandlerResult api_guidance_create(Req *r)
{
	if (api_body_strings(r, create_fields))
		return H_ERROR;
	GuidanceInput in = input_of(r);
	/* a new document: an absent field is empty (required ones are refused by core) */
	if (!in.number)
		in.number = "";
	if (!in.issued_on)
		in.issued_on = "";
	if (!in.kind)
		in.kind = "";
	if (!in.title)
		in.title = "";
	Err e = {0};
	int64_t id = guidance_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	return answer(r, 201, id);
}

HandlerResult api_guidance_show(Req *r)
{
	return answer(r, 200, req_param_id(r, "id"));
}

HandlerResult api_guidance_update(Req *r)
{
	if (api_body_strings(r, update_fields))
		return H_ERROR;
	GuidanceInput in = input_of(r);
	Err e = {0};
	if (guidance_update(r->db, &r->actor, req_param_id(r, "id"), &in, &e) != 0)
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	return answer(r, 200, req_param_id(r, "id"));
}
