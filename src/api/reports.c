/* API: a club's monthly report. Everyone but viewers reads the reports of clubs in their scope;
 * administrators, province, commune and club users enter and submit them (central reads only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/report.h"

static HandlerResult report_answer(Req *r, int64_t club_id, const char *period)
{
	Report rep;
	Err e = {0};
	if (report_get(r->db, &r->actor, club_id, period, &rep, &e) != 0)
		return resp_err(r, &e);
	int en = strcmp(r->lang, "en") == 0;
	json_t *items = json_array();
	for (size_t i = 0; i < rep.count; i++) {
		const ReportItem *it = &rep.items[i];
		const Indicator *x = &it->ind;
		const char *definition = !en && x->definition_vi[0] ? x->definition_vi : x->definition_en;
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:s, s:s}", "code", x->code,
						       "label", en ? x->label_en : x->label_vi, "area", x->area,
						       "kind", x->kind, "source", x->source, "value",
						       it->has_value ? json_integer(it->value) : json_null(), "computed",
						       it->computed, "definition", definition, "check", x->check));
	}
	json_t *j = json_pack("{s:I, s:s, s:s, s:I, s:b, s:o}", "club_id", (json_int_t)club_id, "period", rep.period,
			      "status", rep.status, "catalogue_version", (json_int_t)rep.catalogue_version, "stored",
			      rep.id != 0, "items", items);
	if (rep.id) {
		json_object_set_new(j, "updated_at", json_string(rep.updated_at));
		json_object_set_new(j, "updated_by", json_string(rep.updated_by));
	}
	if (rep.submitted_at[0]) {
		json_object_set_new(j, "submitted_at", json_string(rep.submitted_at));
		json_object_set_new(j, "submitted_by", json_string(rep.submitted_by));
	}
	report_free(&rep);
	return resp_json(r, 200, j);
}

/* The error of a save or submit: for failed checks, every problem under "errors" (field = the
 * indicator code, message in the request language); the first is also the error itself. */
static HandlerResult report_error(Req *r, const Err *e, const ReportProblems *p)
{
	if (e->code != E_REPORT_CHECK || !p->count)
		return resp_err(r, e);
	int en = strcmp(r->lang, "en") == 0;
	json_t *j = resp_error_json(r, E_REPORT_CHECK, p->items[0].code, en ? p->items[0].en : p->items[0].vi);
	json_t *list = json_array();
	for (size_t i = 0; i < p->count; i++)
		json_array_append_new(list, json_pack("{s:s, s:s}", "field", p->items[i].code, "message",
						      en ? p->items[i].en : p->items[i].vi));
	json_object_set_new(json_object_get(j, "error"), "errors", list);
	return resp_json(r, err_http_status(E_REPORT_CHECK), j);
}

static int64_t club_param(Req *r)
{
	return req_param_id(r, "id");
}

HandlerResult api_club_report(Req *r)
{
	int64_t id = club_param(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return report_answer(r, id, req_param(r, "period"));
}

HandlerResult api_club_report_save(Req *r)
{
	int64_t id = club_param(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	json_t *values = json_object_get(r->json, "values");
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		if (strcmp(key, "values") != 0)
			return resp_error(r, E_INVALID, key,
					  tr(r, "trường này không có trong API; gửi {\"values\": {\"MÃ\": giá trị}}",
					     "unknown field; send {\"values\": {\"CODE\": value}}"));
	}
	if (!json_is_object(values))
		return resp_error(r, E_REQUIRED, "values",
				  tr(r, "gửi {\"values\": {\"MÃ\": giá trị}}", "send {\"values\": {\"CODE\": value}}"));
	size_t n = json_object_size(values), i = 0;
	ReportValue *list = arena_alloc(&r->arena, (n ? n : 1) * sizeof *list);
	json_object_foreach(values, key, v) {
		list[i].code = key;
		if (json_is_null(v)) {
			list[i].text = NULL;
		} else if (json_is_string(v)) {
			list[i].text = json_string_value(v);
		} else if (json_is_integer(v)) {
			char *s = arena_alloc(&r->arena, 24);
			snprintf(s, 24, "%lld", (long long)json_integer_value(v));
			list[i].text = s;
		} else {
			return resp_error(r, E_INVALID, arena_strdup(&r->arena, key),
					  tr(r, "phải là số nguyên, chuỗi số hoặc null", "must be a whole number, a string or null"));
		}
		i++;
	}
	ReportProblems *p = malloc(sizeof *p);
	if (!p)
		return H_FATAL;
	Err e = {0};
	if (report_save(r->db, &r->actor, id, req_param(r, "period"), list, n, NULL, p, &e) != 0) {
		HandlerResult h = report_error(r, &e, p);
		free(p);
		return h;
	}
	free(p);
	return report_answer(r, id, req_param(r, "period"));
}

HandlerResult api_club_report_submit(Req *r)
{
	int64_t id = club_param(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	ReportProblems *p = malloc(sizeof *p);
	if (!p)
		return H_FATAL;
	Err e = {0};
	if (report_submit(r->db, &r->actor, id, req_param(r, "period"), NULL, 0, NULL, p, &e) != 0) {
		HandlerResult h = report_error(r, &e, p);
		free(p);
		return h;
	}
	free(p);
	return report_answer(r, id, req_param(r, "period"));
}
