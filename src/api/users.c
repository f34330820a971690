/* API: users (administrators only, enforced by the route table and again by core). */
#include <string.h>

#include "api/api.h"
#include "core/user.h"

static json_t *user_json(const User *u)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s, s:b, s:b, s:s, s:s}", "id", (json_int_t)u->id,
			 "username", u->username, "full_name", u->full_name, "role", role_name(u->role), "scope",
			 u->scope[0] ? u->scope : NULL, "lang", u->lang, "disabled", u->disabled,
			 "must_change_password", u->must_change_password, "created_at", u->created_at,
			 "updated_at", u->updated_at);
}

static void user_item(const User *u, void *arg)
{
	json_array_append_new(arg, user_json(u));
}

HandlerResult api_users(Req *r)
{
	Page p;
	if (api_page(r, &p) != 0)
		return H_ERROR;
	json_t *items = json_array();
	int64_t total = user_list(r->db, &r->actor, p.offset, p.per_page, user_item, items);
	if (total < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, api_page_json(&p, items, total));
}

static const char *field(Req *r, const char *name)
{
	json_t *v = json_object_get(r->json, name);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

HandlerResult api_user_create(Req *r)
{
	static const char *const known[] = {"username", "full_name", "role", "scope", "password", NULL};
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		int ok = 0;
		for (int i = 0; known[i]; i++)
			ok |= strcmp(key, known[i]) == 0;
		if (!ok)
			return resp_error(r, E_INVALID, key, "unknown field");
		if (!json_is_string(v) && !json_is_null(v))
			return resp_error(r, E_INVALID, key, "must be a string");
	}
	UserInput in = {field(r, "username"), field(r, "full_name"), field(r, "role"), field(r, "scope"),
			field(r, "password")};
	Err e = {0};
	int64_t id = user_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return resp_err(r, &e);
	User u;
	if (user_get(r->db, id, &u) != 1)
		return H_FATAL;
	return resp_json(r, 201, user_json(&u));
}

HandlerResult api_user_show(Req *r)
{
	User u;
	int have = user_get(r->db, req_param_id(r, "id"), &u);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return resp_json(r, 200, user_json(&u));
}
