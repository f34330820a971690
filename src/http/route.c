/* The route table and the gate (see route.h). Adding a page is: the handler, one row, a test. */
#include "http/route.h"

#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "core/scope.h"
#include "http/static.h"
#include "web/pages.h"

#define ADMIN ROLE_BIT(ROLE_ADMIN)
#define AUDITORS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_CENTRAL))
#define ALL ROLES_ALL

const Route routes[] = {
	{.method = "GET", .path = "/healthz", .handler = http_healthz, .flags = R_PUBLIC,
	 .summary = "Health check: answers ok"},
	{.method = "GET", .path = "/static/{name}", .handler = http_static, .flags = R_PUBLIC,
	 .summary = "Stylesheet and script compiled into the binary"},

	/* Pages */
	{.method = "GET", .path = "/login", .handler = web_login_form, .flags = R_PUBLIC,
	 .summary = "Log-in page"},
	{.method = "POST", .path = "/login", .handler = web_login, .flags = R_PUBLIC | R_FORM | R_NO_CSRF,
	 .summary = "Log in with the form"},
	{.method = "POST", .path = "/logout", .handler = web_logout, .flags = R_FORM | R_PRE_PASSWORD,
	 .roles = ALL, .summary = "Log out"},
	{.method = "POST", .path = "/lang", .handler = web_lang, .flags = R_PUBLIC | R_FORM | R_PRE_PASSWORD,
	 .summary = "Switch the language of the pages"},
	{.method = "GET", .path = "/", .handler = web_home, .roles = ALL, .summary = "Home page"},
	{.method = "GET", .path = "/account/password", .handler = web_password_form, .flags = R_PRE_PASSWORD,
	 .roles = ALL, .summary = "Change my password (form)"},
	{.method = "POST", .path = "/account/password", .handler = web_password,
	 .flags = R_FORM | R_PRE_PASSWORD, .roles = ALL, .summary = "Change my password"},
	{.method = "GET", .path = "/account/tokens", .handler = web_tokens, .roles = ALL,
	 .summary = "My API tokens"},
	{.method = "POST", .path = "/account/tokens", .handler = web_token_create, .flags = R_FORM,
	 .roles = ALL, .summary = "Create an API token"},
	{.method = "POST", .path = "/account/tokens/{id}/revoke", .handler = web_token_revoke,
	 .flags = R_FORM, .roles = ALL, .summary = "Revoke one of my API tokens"},
	{.method = "GET", .path = "/admin/users", .handler = web_users, .roles = ADMIN, .summary = "List of users"},
	{.method = "GET", .path = "/admin/users/new", .handler = web_user_new, .roles = ADMIN,
	 .summary = "New user (form)"},
	{.method = "POST", .path = "/admin/users", .handler = web_user_create, .flags = R_FORM,
	 .roles = ADMIN, .summary = "Create a user"},
	{.method = "GET", .path = "/admin/users/{id}", .handler = web_user_show, .roles = ADMIN,
	 .summary = "One user: edit role and scope, disable, reset password"},
	{.method = "POST", .path = "/admin/users/{id}", .handler = web_user_update, .flags = R_FORM,
	 .roles = ADMIN, .summary = "Change a user's name, role and scope"},
	{.method = "POST", .path = "/admin/users/{id}/disable", .handler = web_user_disable,
	 .flags = R_FORM, .roles = ADMIN, .summary = "Disable a user"},
	{.method = "POST", .path = "/admin/users/{id}/enable", .handler = web_user_enable,
	 .flags = R_FORM, .roles = ADMIN, .summary = "Enable a user"},
	{.method = "POST", .path = "/admin/users/{id}/password", .handler = web_user_password,
	 .flags = R_FORM, .roles = ADMIN, .summary = "Reset a user's password"},
	{.method = "GET", .path = "/units", .handler = web_units, .roles = ALL,
	 .summary = "Administrative units as of a date: browse, search by name"},
	{.method = "GET", .path = "/units/{code}", .handler = web_unit_show, .roles = ALL,
	 .summary = "One unit as of a date, with what it came from and became"},
	{.method = "GET", .path = "/audit", .handler = web_audit, .roles = AUDITORS,
	 .summary = "History of changes, of everything or of one record"},
	{.method = "GET", .path = "/audit.csv", .handler = web_audit_csv, .roles = AUDITORS,
	 .summary = "History of changes as a CSV download"},

	/* JSON API */
	{.method = "GET", .path = "/api/v1/openapi.json", .handler = api_openapi, .flags = R_PUBLIC | R_API,
	 .summary = "This API's OpenAPI 3.1 description"},
	{.method = "POST", .path = "/api/v1/login", .handler = api_login, .flags = R_PUBLIC | R_API | R_JSON,
	 .summary = "Log in: sets the session cookie and returns the CSRF token"},
	{.method = "POST", .path = "/api/v1/logout", .handler = api_logout, .flags = R_API | R_PRE_PASSWORD,
	 .roles = ALL, .summary = "Log out: ends the session"},
	{.method = "GET", .path = "/api/v1/me", .handler = api_me, .flags = R_API | R_PRE_PASSWORD,
	 .roles = ALL, .summary = "Who I am: user, role, scope, language"},
	{.method = "GET", .path = "/api/v1/tokens", .handler = api_tokens, .flags = R_API, .roles = ALL,
	 .summary = "My API tokens (never the secrets)"},
	{.method = "DELETE", .path = "/api/v1/tokens/{id}", .handler = api_token_revoke, .flags = R_API,
	 .roles = ALL, .summary = "Revoke one of my API tokens"},
	{.method = "GET", .path = "/api/v1/users", .handler = api_users, .flags = R_API, .roles = ADMIN,
	 .summary = "Users, paginated"},
	{.method = "POST", .path = "/api/v1/users", .handler = api_user_create, .flags = R_API | R_JSON,
	 .roles = ADMIN, .summary = "Create a user"},
	{.method = "GET", .path = "/api/v1/users/{id}", .handler = api_user_show, .flags = R_API,
	 .roles = ADMIN, .summary = "One user"},
	{.method = "GET", .path = "/api/v1/units", .handler = api_units, .flags = R_API, .roles = ALL,
	 .summary = "Administrative units in force on a date (?on=), by level, parent or name, paginated"},
	{.method = "GET", .path = "/api/v1/units/{code}", .handler = api_unit_show, .flags = R_API,
	 .roles = ALL, .summary = "One unit as of a date, with predecessors, successors and today's unit"},
	{.method = "GET", .path = "/api/v1/audit", .handler = api_audit, .flags = R_API, .roles = AUDITORS,
	 .summary = "History of changes, paginated; filter by entity and id"},
	{0},
};

/* Matches pattern against path segment by segment; {name} takes one non-empty segment. */
static int route_path_match(Req *r, const char *pattern, const char *path)
{
	int n = 0;
	const char *names[REQ_MAX_PATH_PARAMS], *values[REQ_MAX_PATH_PARAMS];
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *end = strchr(pattern, '}');
			const char *seg = path;
			while (*path && *path != '/')
				path++;
			if (path == seg || n == REQ_MAX_PATH_PARAMS || !end)
				return 0;
			names[n] = arena_strndup(&r->arena, pattern + 1, (size_t)(end - pattern - 1));
			values[n] = arena_strndup(&r->arena, seg, (size_t)(path - seg));
			n++;
			pattern = end + 1;
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	if (*pattern || *path)
		return 0;
	for (int i = 0; i < n; i++) {
		r->param_names[i] = names[i];
		r->param_values[i] = values[i];
	}
	r->nparams = n;
	return 1;
}

const Route *route_match(Req *r, const char *method, const char *path, int *status)
{
	Buf allow;
	buf_init(&allow, 256);
	const Route *found = NULL;
	int path_seen = 0;
	int head = strcmp(method, "HEAD") == 0;
	for (const Route *rt = routes; rt->method; rt++) {
		if (!route_path_match(r, rt->path, path))
			continue;
		path_seen = 1;
		if (strcmp(rt->method, method) == 0 || (head && strcmp(rt->method, "GET") == 0)) {
			found = rt;
			break;
		}
		if (!strstr(buf_str(&allow), rt->method))
			buf_printf(&allow, "%s%s", allow.len ? ", " : "", rt->method);
	}
	if (found) {
		/* Parameters of the matching row (a later failed match may have cleared them). */
		route_path_match(r, found->path, path);
	} else {
		*status = path_seen ? 405 : 404;
		if (path_seen)
			r->allow = arena_strdup(&r->arena, buf_str(&allow));
	}
	buf_free(&allow);
	return found;
}

static void gate_authenticate(Req *r)
{
	const char *auth = req_header(r, "Authorization");
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
		r->authed = auth_token_check(r->db, auth + 7, &r->actor);
		return;
	}
	const char *cookie = req_cookie(r, "ishc_session");
	if (!cookie)
		return;
	int s = auth_session(r->db, cookie, &r->actor);
	r->authed = s == 1;
	r->session_expired = s == 2;
	if (!r->authed)
		memset(&r->actor, 0, sizeof r->actor);
}

void gate_before_body(Req *r)
{
	const Route *rt = r->route;
	gate_authenticate(r);
	if (r->authed)
		r->lang = strcmp(r->actor.lang, "en") == 0 ? "en" : "vi";
	if (rt->flags & R_PUBLIC)
		return;
	if (!r->authed) {
		r->pending = r->session_expired ? E_SESSION_EXPIRED : E_UNAUTHENTICATED;
		return;
	}
	if (!(rt->roles & ROLE_BIT(r->actor.role))) {
		r->pending = E_FORBIDDEN;
		return;
	}
	if (r->actor.must_change_password && !(rt->flags & R_PRE_PASSWORD)) {
		r->pending = E_MUST_CHANGE_PASSWORD;
		return;
	}
	/* Outside the scope looks the same as absent: ids of other clubs reveal nothing. */
	if (rt->scope_param && !scope_covers(r->db, &r->actor, req_param(r, rt->scope_param)))
		r->pending = E_NOT_FOUND;
}

static int is_safe_method(const char *m)
{
	return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}

HandlerResult gate_run(Req *r)
{
	/* Requests carried by the session cookie must prove they come from our own pages. */
	if (!is_safe_method(r->method) && r->authed && r->actor.session_id && !(r->route->flags & R_NO_CSRF)) {
		const char *t = req_header(r, "X-CSRF-Token");
		if (!t)
			t = req_form(r, "_csrf");
		size_t n = strlen(r->actor.csrf);
		if (!t || strlen(t) != n || sodium_memcmp(t, r->actor.csrf, n) != 0)
			return resp_error(r, E_CSRF, NULL, NULL);
	}
	return r->route->handler(r);
}
