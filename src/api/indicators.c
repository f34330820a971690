/* API: the indicator catalogue. Every logged-in role reads it (reference data, no person's data);
 * administrators add, reword and retire indicators, each change making a new catalogue version. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/indicator.h"

static json_t *indicator_json(const Indicator *x)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:o?}", "code", x->code,
			 "area", x->area, "area_label", indicator_area_label(x->area, "vi"), "kind", x->kind, "source",
			 x->source, "over_time", x->over_time, "label_vi", x->label_vi, "label_en", x->label_en,
			 "definition_en", x->definition_en, "definition_vi", x->definition_vi, "check", x->check,
			 "from_version", (json_int_t)x->from_version, "until_version",
			 x->until_version ? json_integer(x->until_version) : NULL);
}

static json_t *version_json(const IndicatorVersion *v)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s}", "number", (json_int_t)v->number, "made_at", v->made_at,
			 "made_by", v->made_by, "change", v->change, "code", v->code[0] ? v->code : NULL, "note",
			 v->note);
}

static void indicator_item(const Indicator *x, void *arg)
{
	json_array_append_new(arg, indicator_json(x));
}

static void version_item(const IndicatorVersion *v, void *arg)
{
	json_array_append_new(arg, version_json(v));
}

/* An error of core/indicator: its words as the detail. */
static HandlerResult indicator_error(Req *r, const Err *e)
{
	char words[400];
	const char *text = indicator_err_text(e, r->lang, words, sizeof words);
	return resp_error(r, e->code, e->field, text ? text : e->detail);
}

/* ?version=N: 0 when absent; -1 after answering (not a number, or no such version). */
static int64_t version_param(Req *r)
{
	const char *s = req_query(r, "version");
	if (!s || !*s)
		return 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end || v <= 0) {
		resp_error(r, E_INVALID, "version", tr(r, "số phiên bản, ví dụ 1", "a version number, e.g. 1"));
		return -1;
	}
	IndicatorVersion iv;
	int have = indicator_version_get(r->db, v, &iv);
	if (have <= 0) {
		resp_error(r, have < 0 ? E_INTERNAL : E_NOT_FOUND, "version", NULL);
		return -1;
	}
	return v;
}

HandlerResult api_indicators(Req *r)
{
	int64_t version = version_param(r);
	if (version < 0)
		return H_ERROR;
	int64_t current = indicator_version_current(r->db);
	if (current < 0)
		return H_FATAL;
	if (!version)
		version = current;
	json_t *items = json_array(), *versions = json_array();
	if (indicator_list(r->db, version, indicator_item, items) < 0 ||
	    indicator_versions(r->db, version_item, versions) < 0) {
		json_decref(items);
		json_decref(versions);
		return H_FATAL;
	}
	return resp_json(r, 200, json_pack("{s:I, s:I, s:o, s:o}", "version", (json_int_t)version, "current_version",
					   (json_int_t)current, "items", items, "versions", versions));
}

static void wording_item(const Indicator *x, void *arg)
{
	json_array_append_new(arg, indicator_json(x));
}

/* One indicator and every wording it has had. */
static HandlerResult indicator_answer(Req *r, int status, const char *code, int64_t version, int64_t made)
{
	Indicator *x = malloc(sizeof *x);
	if (!x)
		return H_FATAL;
	int have = indicator_get(r->db, code, version, x);
	if (have <= 0) {
		free(x);
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	}
	json_t *j = indicator_json(x);
	free(x);
	json_t *wordings = json_array();
	if (indicator_history(r->db, code, wording_item, wordings) < 0) {
		json_decref(j);
		json_decref(wordings);
		return H_FATAL;
	}
	json_object_set_new(j, "wordings", wordings);
	if (made)
		json_object_set_new(j, "made_version", json_integer(made));
	return resp_json(r, status, j);
}

HandlerResult api_indicator_show(Req *r)
{
	int64_t version = version_param(r);
	if (version < 0)
		return H_ERROR;
	return indicator_answer(r, 200, req_param(r, "code"), version, 0);
}

/* The body's fields: each known, each a string or null; -1 after answering. */
static int body_check(Req *r, const char *const *known)
{
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		int ok = 0;
		for (int i = 0; known[i]; i++)
			ok |= strcmp(key, known[i]) == 0;
		if (!ok) {
			resp_error(r, E_INVALID, key,
				   tr(r, "trường này không có trong API hoặc không sửa được (hãy thôi dùng chỉ tiêu và thêm chỉ tiêu mới)",
				      "unknown field, or one that cannot change (retire the indicator and add a new one)"));
			return -1;
		}
		if (!json_is_string(v) && !json_is_null(v)) {
			resp_error(r, E_INVALID, key, tr(r, "phải là chuỗi ký tự", "must be a string"));
			return -1;
		}
	}
	return 0;
}

static const char *field(Req *r, const char *name)
{
	json_t *v = json_object_get(r->json, name);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

HandlerResult api_indicator_create(Req *r)
{
	static const char *const known[] = {"code", "area", "kind", "source", "over_time", "label_vi", "label_en",
					    "definition_en", "definition_vi", "check", "note", NULL};
	if (body_check(r, known))
		return H_ERROR;
	IndicatorInput in = {field(r, "code"), field(r, "area"), field(r, "kind"), field(r, "source"),
			     field(r, "over_time"), field(r, "label_vi"), field(r, "label_en"), field(r, "definition_en"),
			     field(r, "definition_vi"), field(r, "check"), field(r, "note")};
	Err e = {0};
	int64_t version = indicator_add(r->db, &r->actor, &in, &e);
	if (version < 0)
		return indicator_error(r, &e);
	Indicator x;
	if (indicator_get(r->db, in.code, version, &x) != 1)
		return H_FATAL;
	return indicator_answer(r, 201, x.code, version, version);
}

HandlerResult api_indicator_update(Req *r)
{
	static const char *const known[] = {"label_vi", "label_en", "definition_en", "definition_vi", "note", NULL};
	if (body_check(r, known))
		return H_ERROR;
	/* null clears a Vietnamese definition; a label must stay. */
	json_t *dvi = json_object_get(r->json, "definition_vi");
	IndicatorInput in = {.label_vi = field(r, "label_vi"), .label_en = field(r, "label_en"),
			     .definition_en = field(r, "definition_en"),
			     .definition_vi = json_is_null(dvi) ? "" : field(r, "definition_vi"), .note = field(r, "note")};
	const char *code = req_param(r, "code");
	Err e = {0};
	int64_t version = indicator_reword(r->db, &r->actor, code, &in, &e);
	if (version < 0)
		return indicator_error(r, &e);
	return indicator_answer(r, 200, code, version, version);
}

HandlerResult api_indicator_retire(Req *r)
{
	static const char *const known[] = {"note", NULL};
	if (r->json && body_check(r, known))
		return H_ERROR;
	const char *code = req_param(r, "code");
	Err e = {0};
	int64_t version = indicator_retire(r->db, &r->actor, code, r->json ? field(r, "note") : NULL, &e);
	if (version < 0)
		return indicator_error(r, &e);
	return indicator_answer(r, 200, code, 0, version);
}
