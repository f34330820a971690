/* API: clubs (list, create, read with the composition, update) and the composition of a club or
 * a unit against the club model. Scope and role rules live in core; this file parses and answers. */
#include <string.h>

#include "api/api.h"
#include "core/club.h"
#include "core/scope.h"
#include "core/unit.h"
#include "lib/vi.h"

/* ---- JSON bodies ---- */

static const char *const club_fields[] = {"name", "unit_code", "village", "decision_no", "decision_date", "status",
					  "status_date", "founded_on", "programme", "meeting_place", "contact_name",
					  "contact_phone", NULL};

static void club_input(const Req *r, ClubInput *in)
{
	*in = (ClubInput){
		.name = api_body_text(r, "name"),
		.unit_code = api_body_text(r, "unit_code"),
		.village = api_body_text(r, "village"),
		.decision_no = api_body_text(r, "decision_no"),
		.decision_date = api_body_text(r, "decision_date"),
		.status = api_body_text(r, "status"),
		.status_date = api_body_text(r, "status_date"),
		.founded_on = api_body_text(r, "founded_on"),
		.programme = api_body_text(r, "programme"),
		.meeting_place = api_body_text(r, "meeting_place"),
		.contact_name = api_body_text(r, "contact_name"),
		.contact_phone = api_body_text(r, "contact_phone"),
	};
}

/* ---- answers ---- */

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* A club as the API shows it. The contact is a person: viewers do not see it. */
static json_t *club_json(const Req *r, const Club *c)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(c->id));
	json_object_set_new(j, "code", json_string(c->code));
	json_object_set_new(j, "name", json_string(c->name));
	json_object_set_new(j, "unit_code", json_string(c->unit_code));
	json_object_set_new(j, "unit_name", json_string(c->unit_name));
	json_object_set_new(j, "province_code", str_or_null(c->province_code));
	json_object_set_new(j, "province_name", str_or_null(c->province_name));
	json_object_set_new(j, "village", json_string(c->village));
	json_object_set_new(j, "decision_no", json_string(c->decision_no));
	json_object_set_new(j, "decision_date", str_or_null(c->decision_date));
	json_object_set_new(j, "status", json_string(c->status));
	json_object_set_new(j, "status_label", json_string(club_status_label(c->status, r->lang)));
	json_object_set_new(j, "status_date", str_or_null(c->status_date));
	json_object_set_new(j, "founded_on", str_or_null(c->founded_on));
	json_object_set_new(j, "programme", str_or_null(c->programme_code));
	json_object_set_new(j, "meeting_place", json_string(c->meeting_place));
	if (scope_sees_people(&r->actor)) {
		json_object_set_new(j, "contact_name", json_string(c->contact_name));
		json_object_set_new(j, "contact_phone", json_string(c->contact_phone));
	}
	json_object_set_new(j, "members", json_integer(c->members));
	return j;
}

typedef struct ListCtx {
	const Req *r;
	json_t *items;
} ListCtx;

static void club_item(const Club *c, void *arg)
{
	ListCtx *l = arg;
	json_array_append_new(l->items, club_json(l->r, c));
}

/* The stable key of a model check (core names them; a check without one gets its position). */
static const char *check_key(const ModelCheck *m, int i)
{
	static const char *const by_index[MODEL_CHECKS] = {"check_1", "check_2", "check_3", "check_4",
							   "check_5", "check_6", "check_7"};
	return m->key && *m->key ? m->key : by_index[i];
}

/* The composition figures with the model checks: counts as numbers, shares in tenths of a
 * percent ("unit": "permille"), each with its target range and whether it is off. */
static json_t *composition_json(const Req *r, const Composition *c, const char *on)
{
	json_t *j = json_pack("{s:s, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "on", on,
			      "older_age", c->older_age, "clubs", (json_int_t)c->clubs, "members",
			      (json_int_t)c->members, "older", (json_int_t)c->older, "women", (json_int_t)c->women,
			      "younger", (json_int_t)c->younger, "poor", (json_int_t)c->poor, "disabled",
			      (json_int_t)c->disabled, "minority", (json_int_t)c->minority, "alone",
			      (json_int_t)c->alone, "priority", (json_int_t)c->priority, "volunteers",
			      (json_int_t)c->volunteers, "board",
			      (json_int_t)c->board);
	ModelCheck checks[MODEL_CHECKS];
	club_model_checks(c, checks);
	json_t *arr = json_array();
	for (int i = 0; i < MODEL_CHECKS; i++) {
		const ModelCheck *m = &checks[i];
		json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:s, s:I, s:o, s:b}", "key", check_key(m, i), "label",
						     tr(r, m->what_vi, m->what_en), "value", (json_int_t)m->value, "unit",
						     m->is_share ? "permille" : "count", "low", (json_int_t)m->low, "high",
						     m->high >= 0 ? json_integer(m->high) : json_null(), "off", m->off));
	}
	json_object_set_new(j, "checks", arr);
	return j;
}

/* ?on= as ISO or dd/mm/yyyy (today when absent); -1 after answering 422. */
static int date_param(Req *r, char on[11])
{
	const char *s = req_query(r, "on");
	if (!s || !*s) {
		unit_today(on);
		return 0;
	}
	if (vi_parse_date(s, on) != VI_OK) {
		resp_error(r, E_DATE, "on", NULL);
		return -1;
	}
	return 0;
}

/* Whether the actor may look at a unit's figures: its scope covers the unit (a viewer without a
 * scope sees the whole country's aggregates, as lists do). */
static int unit_visible(Req *r, int64_t unit_id)
{
	if (scope_is_national(&r->actor) || (r->actor.role == ROLE_VIEWER && !r->actor.scope[0]))
		return 1;
	return scope_covers_unit(r->db, &r->actor, unit_id);
}

/* ?unit=CODE read as a unit in force on `on`, inside the actor's scope: 1 found (u filled), 0
 * absent, -1 after answering (404 unknown, 403 outside the scope). */
static int unit_param(Req *r, const char *name, const char *on, Unit *u)
{
	const char *code = req_query(r, name);
	if (!code || !*code)
		return 0;
	int have = unit_find(r->db, code, on, u);
	if (have < 0) {
		resp_error(r, E_INTERNAL, NULL, NULL);
		return -1;
	}
	if (!have) {
		resp_error(r, E_NOT_FOUND, name, NULL);
		return -1;
	}
	if (!unit_visible(r, u->id)) {
		resp_error(r, E_OUT_OF_SCOPE, name, NULL);
		return -1;
	}
	return 1;
}

/* ?club= as an id or a club code, in scope: 1 found, 0 absent, -1 after answering 404. */
static int club_param(Req *r, Club *c)
{
	const char *s = req_query(r, "club");
	if (!s || !*s)
		return 0;
	int have = club_find(r->db, &r->actor, s, c);
	if (have < 0) {
		resp_error(r, E_INTERNAL, NULL, NULL);
		return -1;
	}
	if (!have) {
		resp_error(r, E_NOT_FOUND, "club", NULL);
		return -1;
	}
	return 1;
}

HandlerResult api_clubs(Req *r)
{
	Page p;
	if (api_page(r, &p) != 0)
		return H_ERROR;
	char today[11];
	unit_today(today);
	ClubFilter f = {0, req_query(r, "status"), req_query(r, "q")};
	if (f.status && !*f.status)
		f.status = NULL;
	if (f.status && !club_status_valid(f.status))
		return resp_error(r, E_INVALID, "status", "planned, founded, active, inactive, dissolved");
	Unit u;
	int hu = unit_param(r, "unit", today, &u);
	if (hu < 0)
		return H_ERROR;
	if (hu)
		f.unit_id = u.id;
	json_t *items = json_array();
	ListCtx l = {r, items};
	int64_t total = club_list(r->db, &r->actor, &f, p.offset, p.per_page, club_item, &l);
	if (total < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, api_page_json(&p, items, total));
}

HandlerResult api_club_create(Req *r)
{
	if (api_body_strings(r, club_fields) != 0)
		return H_ERROR;
	ClubInput in;
	club_input(r, &in);
	Err e = {0};
	int64_t id = club_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return resp_err(r, &e);
	Club c;
	if (club_get(r->db, &r->actor, id, &c) != 1)
		return H_FATAL;
	return resp_json(r, 201, club_json(r, &c));
}

HandlerResult api_club_show(Req *r)
{
	char on[11];
	if (date_param(r, on) != 0)
		return H_ERROR;
	Club c;
	int have = club_get(r->db, &r->actor, req_param_id(r, "id"), &c);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	Composition comp;
	if (club_composition(r->db, &r->actor, c.id, 0, on, &comp) != 0)
		return H_FATAL;
	json_t *j = club_json(r, &c);
	json_object_set_new(j, "composition", composition_json(r, &comp, on));
	return resp_json(r, 200, j);
}

HandlerResult api_club_update(Req *r)
{
	static const char *const patch_fields[] = {"name", "village", "decision_no", "decision_date", "status",
						   "status_date", "founded_on", "programme", "meeting_place",
						   "contact_name", "contact_phone", NULL};
	int64_t id = req_param_id(r, "id");
	Club c;
	int have = club_get(r->db, &r->actor, id, &c);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	/* The commune is part of the club's code and history: it is never changed. */
	if (json_object_get(r->json, "unit_code"))
		return resp_error(r, E_INVALID, "unit_code", tr(r, "không thể đổi xã của CLB", "a club's commune cannot change"));
	if (api_body_strings(r, patch_fields) != 0)
		return H_ERROR;
	if (json_object_size(r->json) > 0) {
		ClubInput in;
		club_input(r, &in);
		Err e = {0};
		if (club_update(r->db, &r->actor, id, &in, &e) != 0)
			return resp_err(r, &e);
		if (club_get(r->db, &r->actor, id, &c) != 1)
			return H_FATAL;
	}
	return resp_json(r, 200, club_json(r, &c));
}

HandlerResult api_composition(Req *r)
{
	char on[11];
	if (date_param(r, on) != 0)
		return H_ERROR;
	const char *qc = req_query(r, "club"), *qu = req_query(r, "unit");
	if (qc && *qc && qu && *qu)
		return resp_error(r, E_INVALID, "unit", tr(r, "chọn CLB hoặc đơn vị, không chọn cả hai", "give club or unit, not both"));
	Club c;
	Unit u;
	int hc = club_param(r, &c);
	if (hc < 0)
		return H_ERROR;
	int hu = hc ? 0 : unit_param(r, "unit", on, &u);
	if (hu < 0)
		return H_ERROR;
	Composition comp;
	if (club_composition(r->db, &r->actor, hc ? c.id : 0, hu ? u.id : 0, on, &comp) != 0)
		return H_FATAL;
	json_t *j = composition_json(r, &comp, on);
	json_object_set_new(j, "club", hc ? json_pack("{s:I, s:s, s:s}", "id", (json_int_t)c.id, "code", c.code, "name", c.name)
					  : json_null());
	json_object_set_new(j, "unit", hu ? json_pack("{s:s, s:s, s:s}", "code", u.code, "name", u.name, "level",
						      unit_level_name(u.level))
					  : json_null());
	return resp_json(r, 200, j);
}
