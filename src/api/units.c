/* API: administrative units as of a date, with predecessors and successors. */
#include <string.h>

#include "api/api.h"
#include "core/unit.h"
#include "lib/vi.h"

static json_t *unit_json(const Unit *u)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s?}", "code", u->code, "name", u->name, "level",
			 unit_level_name(u->level), "kind", u->kind, "parent_code",
			 u->parent_code[0] ? u->parent_code : NULL, "valid_from", u->valid_from, "valid_to",
			 u->valid_to[0] ? u->valid_to : NULL);
}

static void unit_item(const Unit *u, void *arg)
{
	json_array_append_new(arg, unit_json(u));
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
		resp_error(r, E_INVALID, "on", "YYYY-MM-DD");
		return -1;
	}
	return 0;
}

HandlerResult api_units(Req *r)
{
	Page p;
	char on[11];
	if (api_page(r, &p) != 0 || date_param(r, on) != 0)
		return H_ERROR;
	const char *lv = req_query(r, "level"), *pc = req_query(r, "parent");
	UnitFilter f = {on, 0, 0, req_query(r, "q")};
	if (lv && *lv && !(f.level = unit_level_parse(lv)))
		return resp_error(r, E_INVALID, "level", "province, district, commune");
	if (pc && *pc) {
		Unit parent;
		int have = unit_find(r->db, pc, on, &parent);
		if (have < 0)
			return H_FATAL;
		if (!have)
			return resp_error(r, E_NOT_FOUND, "parent", NULL);
		f.parent_id = parent.id;
	}
	json_t *items = json_array();
	int64_t total = unit_list(r->db, &f, p.offset, p.per_page, unit_item, items);
	if (total < 0) {
		json_decref(items);
		return H_FATAL;
	}
	json_t *j = api_page_json(&p, items, total);
	json_object_set_new(j, "on", json_string(on));
	return resp_json(r, 200, j);
}

static void pred_item(const Unit *u, const char *how, void *arg)
{
	json_t *j = unit_json(u);
	json_object_set_new(j, "how", json_string(how));
	json_array_append_new(arg, j);
}

HandlerResult api_unit_show(Req *r)
{
	char on[11], today[11];
	if (date_param(r, on) != 0)
		return H_ERROR;
	Unit u;
	int have = unit_find(r->db, req_param(r, "code"), on, &u);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	json_t *j = unit_json(&u);
	json_t *preds = json_array(), *succs = json_array();
	unit_predecessors(r->db, u.id, pred_item, preds);
	Unit next;
	char how[16];
	if (unit_successor(r->db, u.id, &next, how) == 1)
		pred_item(&next, how, succs);
	json_object_set_new(j, "predecessors", preds);
	json_object_set_new(j, "successors", succs);
	unit_today(today);
	Unit now;
	json_object_set_new(j, "restated", unit_restated(r->db, u.id, today, &now) == 1 ? unit_json(&now) : json_null());
	json_object_set_new(j, "on", json_string(on));
	return resp_json(r, 200, j);
}
