/* The OpenAPI 3.1 description, built from the route table itself so it cannot drift from it. */
#include <string.h>

#include "api/api.h"
#include "api/fundjson.h"
#include "api/openapi.h"
#include "http/route.h"

static json_t *error_response(const char *description)
{
	return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", description, "content", "application/json",
			 "schema", "$ref", "#/components/schemas/Error");
}

/* The query parameters a summary names ("?unit=", "&year=", "?geography=then|today"): each once, a
 * string, with its choices when the summary lists them after the '='. Summaries are written for
 * people; this keeps the document's parameters from drifting from them. */
static void summary_params(const char *summary, json_t *params)
{
	for (const char *p = summary; *p; p++) {
		if (*p != '?' && *p != '&')
			continue;
		size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_");
		if (!n || p[1 + n] != '=' || n >= 40)
			continue;
		char name[40];
		memcpy(name, p + 1, n);
		name[n] = '\0';
		int seen = 0;
		for (size_t i = 0; i < json_array_size(params); i++)
			seen |= strcmp(json_string_value(json_object_get(json_array_get(params, i), "name")), name) == 0;
		if (seen)
			continue;
		json_t *schema = json_pack("{s:s}", "type", "string");
		const char *v = p + 2 + n;
		size_t vn = strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_|");
		if (vn && memchr(v, '|', vn)) {
			json_t *choices = json_array();
			for (const char *c = v; c < v + vn;) {
				size_t cn = strcspn(c, "|");
				if (cn > (size_t)(v + vn - c))
					cn = (size_t)(v + vn - c);
				if (cn)
					json_array_append_new(choices, json_stringn(c, cn));
				c += cn + 1;
			}
			json_object_set_new(schema, "enum", choices);
		}
		json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:o}", "name", name, "in", "query", "required", 0,
							"schema", schema));
	}
}

static json_t *operation(const Route *rt)
{
	int api = (rt->flags & R_API) != 0;
	json_t *op = json_pack("{s:s, s:[s]}", "summary", rt->summary, "tags", api ? "api" : "pages");
	json_t *params = json_array();
	for (const char *p = strchr(rt->path, '{'); p; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		json_array_append_new(params, json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name", p + 1,
							(size_t)(end - p - 1), "in", "path", "required", 1,
							"schema", "type", "string"));
	}
	if (strstr(rt->summary, "paginated")) {
		json_array_append_new(params, json_pack("{s:s, s:s, s:{s:s, s:i}}", "name", "page", "in", "query",
							"schema", "type", "integer", "minimum", 1));
		json_array_append_new(params, json_pack("{s:s, s:s, s:{s:s, s:i, s:i}}", "name", "per_page", "in",
							"query", "schema", "type", "integer", "minimum", 1,
							"maximum", 500));
	}
	summary_params(rt->summary, params);
	if (json_array_size(params))
		json_object_set_new(op, "parameters", params);
	else
		json_decref(params);
	if (rt->flags & R_JSON)
		json_object_set_new(op, "requestBody",
				    json_pack("{s:b, s:{s:{s:{s:s}}}}", "required", 1, "content",
					      "application/json", "schema", "type", "object"));
	else if (rt->flags & R_FORM)
		json_object_set_new(op, "requestBody",
				    json_pack("{s:{s:{s:{s:s}}, s:{s:{s:s}}}}", "content",
					      "application/x-www-form-urlencoded", "schema", "type", "object",
					      "multipart/form-data", "schema", "type", "object"));
	json_t *ok = api ? json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", "Success", "content",
				     "application/json", "schema", "type", "object")
			 : json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", "Success", "content", "text/html",
				     "schema", "type", "string");
	json_t *responses = json_pack("{s:o}", "200", ok);
	if (!(rt->flags & R_PUBLIC)) {
		json_object_set_new(responses, "401", error_response("Not logged in, or the session expired"));
		json_object_set_new(responses, "403", error_response("Role or scope does not allow it, or bad CSRF token"));
	}
	if (rt->flags & (R_JSON | R_FORM))
		json_object_set_new(responses, "422", error_response("A field is not valid; `field` names it"));
	/* Routes that describe their bodies and answers (funds and loans) replace the generic ones. */
	json_t *req_schema, *resp_schema;
	int status;
	if (api && api_fund_schema(rt->method, rt->path, &req_schema, &resp_schema, &status)) {
		if (req_schema)
			json_object_set_new(op, "requestBody",
					    json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", "application/json",
						      "schema", req_schema));
		json_object_del(responses, "200");
		json_object_set_new(responses, status == 201 ? "201" : "200",
				    json_pack("{s:s, s:{s:{s:o}}}", "description", status == 201 ? "Created" : "Success",
					      "content", "application/json", "schema", resp_schema));
		if (strcmp(rt->method, "GET") != 0)
			json_object_set_new(responses, "409",
					    error_response("The books do not allow it now (locked month, fund not open, loan closed...)"));
	}
	json_object_set_new(op, "responses", responses);
	if (rt->flags & R_PUBLIC)
		json_object_set_new(op, "security", json_array());
	return op;
}

json_t *openapi_build(void)
{
	json_t *paths = json_object();
	for (const Route *rt = routes; rt->method; rt++) {
		json_t *item = json_object_get(paths, rt->path);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, rt->path, item);
		}
		char method[8];
		size_t n = strlen(rt->method);
		for (size_t i = 0; i <= n && i < sizeof method; i++)
			method[i] = (char)(rt->method[i] >= 'A' && rt->method[i] <= 'Z' ? rt->method[i] + 32 : rt->method[i]);
		json_object_set_new(item, method, operation(rt));
	}
	json_t *doc = json_pack(
		"{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:{s:{s:s, s:[s], s:{s:{s:s, s:[s,s], s:{s:{s:s}, s:{s:s}, s:{s:s}}}}}}, s:{s:{s:s, s:s, s:s}, s:{s:s, s:s}}}, s:[{s:[]}, {s:[]}]}",
		"openapi", "3.1.0", "info", "title", "ishc", "version", "1", "description",
		"Management system for Vietnam's Intergenerational Self-Help Clubs. Pages (tag `pages`) and the "
		"JSON API (tag `api`). Requests with the session cookie that change state carry the CSRF token in "
		"X-CSRF-Token; requests with a Bearer token do not.",
		"paths", paths, "components", "schemas", "Error", "type", "object", "required", "error",
		"properties", "error", "type", "object", "required", "code", "message", "properties", "code",
		"type", "string", "message", "type", "string", "field", "type", "string", "securitySchemes",
		"cookieAuth", "type", "apiKey", "in", "cookie", "name", "ishc_session", "bearerAuth", "type",
		"http", "scheme", "bearer", "security", "cookieAuth", "bearerAuth");
	json_t *more = api_fund_components();
	if (doc && more)
		json_object_update(json_object_get(json_object_get(doc, "components"), "schemas"), more);
	json_decref(more);
	return doc;
}

HandlerResult api_openapi(Req *r)
{
	json_t *doc = openapi_build();
	return doc ? resp_json(r, 200, doc) : H_FATAL;
}
