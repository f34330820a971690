/* API: log in, log out, who am I, my tokens. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "http/server.h"

static json_t *actor_json(const Actor *a)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s, s:b}", "id", (json_int_t)a->user_id, "username",
			 a->username, "full_name", a->full_name, "role", role_name(a->role), "scope",
			 a->scope[0] ? a->scope : NULL, "lang", a->lang, "must_change_password",
			 a->must_change_password);
}

HandlerResult api_login(Req *r)
{
	const char *username = json_string_value(json_object_get(r->json, "username"));
	const char *password = json_string_value(json_object_get(r->json, "password"));
	if (!username || !*username)
		return resp_error(r, E_REQUIRED, "username", NULL);
	if (!password || !*password)
		return resp_error(r, E_REQUIRED, "password", NULL);
	Actor a;
	char token[AUTH_TOKEN_LEN + 1];
	Err e = {0};
	if (auth_login(r->db, username, password, req_ip(r), &a, token, &e) != 0)
		return resp_err(r, &e);
	char c[160];
	snprintf(c, sizeof c, "ishc_session=%s; Path=/; HttpOnly; SameSite=Lax%s", token,
		 server_config()->secure_cookies ? "; Secure" : "");
	resp_cookie(r, c);
	snprintf(r->actor.username, sizeof r->actor.username, "%s", a.username);
	r->no_store = 1;
	return resp_json(r, 200, json_pack("{s:s, s:o}", "csrf_token", a.csrf, "user", actor_json(&a)));
}

HandlerResult api_logout(Req *r)
{
	if (r->actor.session_id)
		auth_session_revoke(r->db, r->actor.session_id);
	else if (r->actor.token_id)
		return resp_error(r, E_BAD_REQUEST, NULL, "an API token is revoked with DELETE /api/v1/tokens/{id}");
	resp_cookie(r, "ishc_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
	return resp_json(r, 200, json_pack("{s:b}", "ok", 1));
}

HandlerResult api_me(Req *r)
{
	json_t *j = actor_json(&r->actor);
	if (r->actor.session_id)
		json_object_set_new(j, "csrf_token", json_string(r->actor.csrf));
	return resp_json(r, 200, j);
}

static void token_item(const TokenInfo *t, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)t->id, "label",
					     t->label ? t->label : "", "created_at", t->created_at,
					     "last_used_at", t->last_used_at, "revoked_at", t->revoked_at));
}

HandlerResult api_tokens(Req *r)
{
	json_t *items = json_array();
	int n = auth_token_list(r->db, r->actor.user_id, token_item, items);
	if (n < 0) {
		json_decref(items);
		return H_FATAL;
	}
	Page p = {1, n > 0 ? n : 1, 0};
	return resp_json(r, 200, api_page_json(&p, items, n));
}

HandlerResult api_token_revoke(Req *r)
{
	Err e = {0};
	if (auth_token_revoke(r->db, &r->actor, r->actor.user_id, req_param_id(r, "id"), &e) != 0)
		return resp_err(r, &e);
	return resp_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_page(Req *r, Page *p)
{
	const char *page = req_query(r, "page"), *per = req_query(r, "per_page");
	p->page = page ? req_param_id(r, "page") : 1;
	p->per_page = per ? req_param_id(r, "per_page") : 50;
	if (p->page < 1) {
		resp_error(r, E_INVALID, "page", NULL);
		return -1;
	}
	if (p->per_page < 1 || p->per_page > 500) {
		resp_error(r, E_INVALID, "per_page", "1..500");
		return -1;
	}
	p->offset = (p->page - 1) * p->per_page;
	return 0;
}

json_t *api_page_json(const Page *p, json_t *items, int64_t total)
{
	return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "page", (json_int_t)p->page, "per_page",
			 (json_int_t)p->per_page, "total", (json_int_t)total);
}
