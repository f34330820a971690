/* API: the change history, paginated, filtered by entity and id. */
#include "api/api.h"
#include "core/audit.h"

static json_t *maybe_json(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_loads(s, 0, NULL);
	return j ? j : json_string(s);
}

static void audit_item(const AuditRow *a, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "id",
					     (json_int_t)a->id, "at", a->at, "username", a->username, "action",
					     a->action, "entity", a->entity, "entity_id", a->entity_id, "before",
					     maybe_json(a->before_json), "after", maybe_json(a->after_json), "ip",
					     a->ip));
}

HandlerResult api_audit(Req *r)
{
	Page p;
	if (api_page(r, &p) != 0)
		return H_ERROR;
	const char *entity = req_query(r, "entity"), *id = req_query(r, "id");
	json_t *items = json_array();
	int64_t total = audit_list(r->db, entity && *entity ? entity : NULL, id && *id ? id : NULL, p.offset,
				   p.per_page, audit_item, items);
	if (total < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, api_page_json(&p, items, total));
}
