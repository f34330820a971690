/* API: a club's monthly report and its workflow. Everyone but viewers reads the reports of clubs
 * in their scope; administrators, province, commune and club users enter and submit them (central
 * reads only); the commune (or province, or an administrator) approves or returns a submitted
 * month, and a level above the approver reopens an approved one (core/report.h says who). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/club.h"
#include "core/report.h"

static int is_en(const Req *r)
{
	return strcmp(r->lang, "en") == 0;
}

/* A text field of the answer, null when empty. */
static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *can_json(const ReportCan *c)
{
	return json_pack("{s:b, s:b, s:b, s:b, s:b}", "edit", c->edit, "submit", c->submit, "approve", c->approve,
			 "return", c->ret, "reopen", c->reopen);
}

static HandlerResult report_answer(Req *r, int64_t club_id, const char *period)
{
	Report rep;
	Err e = {0};
	if (report_get(r->db, &r->actor, club_id, period, &rep, &e) != 0)
		return resp_err(r, &e);
	int en = is_en(r);
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
	ReportCan can = report_can(&r->actor, &rep);
	json_t *j = json_pack("{s:I, s:s, s:s, s:I, s:b, s:o, s:o}", "club_id", (json_int_t)club_id, "period",
			      rep.period, "status", rep.status, "catalogue_version", (json_int_t)rep.catalogue_version,
			      "stored", rep.id != 0, "can", can_json(&can), "items", items);
	if (rep.id) {
		json_object_set_new(j, "updated_at", json_string(rep.updated_at));
		json_object_set_new(j, "updated_by", json_string(rep.updated_by));
	}
	if (rep.submitted_at[0]) {
		json_object_set_new(j, "submitted_at", json_string(rep.submitted_at));
		json_object_set_new(j, "submitted_by", json_string(rep.submitted_by));
	}
	json_object_set_new(j, "first_submitted_at", text_or_null(rep.first_submitted_at));
	json_object_set_new(j, "approved_at", text_or_null(rep.approved_at));
	json_object_set_new(j, "approved_by", text_or_null(rep.approved_by));
	json_object_set_new(j, "approved_level", text_or_null(rep.approved_level));
	json_object_set_new(j, "note", text_or_null(rep.note));
	json_object_set_new(j, "note_by", text_or_null(rep.note_by));
	json_object_set_new(j, "note_at", text_or_null(rep.note_at));
	json_object_set_new(j, "due_on", text_or_null(rep.due_on));
	json_object_set_new(j, "source", text_or_null(rep.source));
	report_free(&rep);
	return resp_json(r, 200, j);
}

/* The error of a save or submit: for failed checks and unconfirmed warnings, every problem under
 * "errors" (field and code = the indicator code, message in the request language, warning
 * true/false); the first is also the error itself. */
static HandlerResult report_error(Req *r, const Err *e, const ReportProblems *p)
{
	if ((e->code != E_REPORT_CHECK && e->code != E_REPORT_WARN) || !p->count)
		return resp_err(r, e);
	int en = is_en(r);
	json_t *j = resp_error_json(r, e->code, p->items[0].code, en ? p->items[0].en : p->items[0].vi);
	json_t *list = json_array();
	for (size_t i = 0; i < p->count; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:b}", "field", p->items[i].code, "code",
						      p->items[i].code, "message", en ? p->items[i].en : p->items[i].vi,
						      "warning", p->items[i].warning));
	json_object_set_new(json_object_get(j, "error"), "errors", list);
	return resp_json(r, err_http_status(e->code), j);
}

static int64_t club_param(Req *r)
{
	return req_param_id(r, "id");
}

/* What a PUT or submit body says: {"values": {CODE: value|null}, "confirm": true | [CODE...]}.
 * values_required: PUT needs values; submit may send nothing. Fills list/n and opts (arena).
 * 0, or -1 after answering 422. */
static int body_values(Req *r, int values_required, ReportValue **out, size_t *nout, ReportSaveOpts *opts)
{
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		if (strcmp(key, "values") != 0 && strcmp(key, "confirm") != 0) {
			resp_error(r, E_INVALID, arena_strdup(&r->arena, key),
				   tr(r, "trường này không có trong API; gửi {\"values\": {\"MÃ\": giá trị}, \"confirm\": [\"MÃ\"]}",
				      "unknown field; send {\"values\": {\"CODE\": value}, \"confirm\": [\"CODE\"]}"));
			return -1;
		}
	}
	json_t *values = json_object_get(r->json, "values");
	if (!values && !values_required) {
		*out = NULL;
		*nout = 0;
	} else if (!json_is_object(values)) {
		resp_error(r, E_REQUIRED, "values",
			   tr(r, "gửi {\"values\": {\"MÃ\": giá trị}}", "send {\"values\": {\"CODE\": value}}"));
		return -1;
	} else {
		size_t n = json_object_size(values), i = 0;
		ReportValue *list = arena_alloc(&r->arena, (n ? n : 1) * sizeof *list);
		json_object_foreach(values, key, v) {
			list[i].code = arena_strdup(&r->arena, key);
			if (json_is_null(v)) {
				list[i].text = NULL;
			} else if (json_is_string(v)) {
				list[i].text = json_string_value(v);
			} else if (json_is_integer(v)) {
				list[i].text = arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
			} else {
				resp_error(r, E_INVALID, list[i].code,
					   tr(r, "phải là số nguyên, chuỗi số hoặc null",
					      "must be a whole number, a string or null"));
				return -1;
			}
			i++;
		}
		*out = list;
		*nout = n;
	}
	memset(opts, 0, sizeof *opts);
	opts->source = "api";
	json_t *confirm = json_object_get(r->json, "confirm");
	if (!confirm || json_is_null(confirm) || json_is_false(confirm))
		return 0;
	if (json_is_true(confirm)) {
		opts->confirm_all = 1;
		return 0;
	}
	if (!json_is_array(confirm)) {
		resp_error(r, E_INVALID, "confirm",
			   tr(r, "gửi true (xác nhận mọi cảnh báo) hoặc danh sách mã chỉ tiêu",
			      "send true (every warning confirmed) or a list of indicator codes"));
		return -1;
	}
	size_t n = json_array_size(confirm);
	const char **codes = arena_alloc(&r->arena, (n ? n : 1) * sizeof *codes);
	for (size_t i = 0; i < n; i++) {
		json_t *c = json_array_get(confirm, i);
		if (!json_is_string(c)) {
			resp_error(r, E_INVALID, "confirm",
				   tr(r, "mỗi phần tử là một mã chỉ tiêu (chuỗi)", "each item is an indicator code (a string)"));
			return -1;
		}
		codes[i] = json_string_value(c);
	}
	opts->confirm = codes;
	opts->nconfirm = n;
	return 0;
}

/* A save (submit = 0) or a submission (1), then the month as it is now. */
static HandlerResult save_or_submit(Req *r, int submit)
{
	int64_t id = club_param(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	ReportValue *list;
	size_t n;
	ReportSaveOpts opts;
	if (body_values(r, !submit, &list, &n, &opts) != 0)
		return H_ERROR;
	ReportProblems *p = calloc(1, sizeof *p);
	if (!p)
		return H_FATAL;
	Err e = {0};
	const char *period = req_param(r, "period");
	int rc = submit ? report_submit(r->db, &r->actor, id, period, list, n, &opts, p, &e)
			: report_save(r->db, &r->actor, id, period, list, n, &opts, p, &e);
	if (rc != 0) {
		HandlerResult h = report_error(r, &e, p);
		free(p);
		return h;
	}
	free(p);
	return report_answer(r, id, period);
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
	return save_or_submit(r, 0);
}

HandlerResult api_club_report_submit(Req *r)
{
	return save_or_submit(r, 1);
}

/* The one text field a step takes ("comment", "reason"), or NULL; -1 after answering 422 for an
 * unknown field or a value that is not text. */
static int body_text(Req *r, const char *name, const char **out)
{
	const char *key;
	json_t *v;
	*out = NULL;
	json_object_foreach(r->json, key, v) {
		if (strcmp(key, name) != 0) {
			resp_error(r, E_INVALID, arena_strdup(&r->arena, key),
				   tr(r, "trường này không có trong API", "unknown field"));
			return -1;
		}
		if (!json_is_string(v) && !json_is_null(v)) {
			resp_error(r, E_INVALID, name, tr(r, "phải là chuỗi", "must be a string"));
			return -1;
		}
		*out = json_string_value(v);
	}
	return 0;
}

HandlerResult api_club_report_approve(Req *r)
{
	int64_t id = club_param(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	if (json_object_size(r->json)) {
		void *it = json_object_iter(r->json);
		return resp_error(r, E_INVALID, arena_strdup(&r->arena, json_object_iter_key(it)),
				  tr(r, "trường này không có trong API", "unknown field"));
	}
	Err e = {0};
	if (report_approve(r->db, &r->actor, id, req_param(r, "period"), &e) != 0)
		return resp_err(r, &e);
	return report_answer(r, id, req_param(r, "period"));
}

HandlerResult api_club_report_return(Req *r)
{
	int64_t id = club_param(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	const char *comment;
	if (body_text(r, "comment", &comment) != 0)
		return H_ERROR;
	Err e = {0};
	if (report_return(r->db, &r->actor, id, req_param(r, "period"), comment, &e) != 0)
		return resp_err(r, &e);
	return report_answer(r, id, req_param(r, "period"));
}

HandlerResult api_club_report_reopen(Req *r)
{
	int64_t id = club_param(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	const char *reason;
	if (body_text(r, "reason", &reason) != 0)
		return H_ERROR;
	Err e = {0};
	if (report_reopen(r->db, &r->actor, id, req_param(r, "period"), reason, &e) != 0)
		return resp_err(r, &e);
	return report_answer(r, id, req_param(r, "period"));
}

/* ---- lists ---- */

typedef struct ListCtx {
	Req *r;
	json_t *items;
	int with_club;
} ListCtx;

static void status_item(const ReportStatusRow *row, void *arg)
{
	ListCtx *c = arg;
	char due[11];
	report_due_date(c->r->db, row->period, due);
	json_t *o = json_pack("{s:s, s:o, s:o, s:b, s:s}", "period", row->period, "status", text_or_null(row->status),
			      "first_submitted_at", text_or_null(row->first_submitted_at), "on_time", row->on_time,
			      "due_on", due);
	if (c->with_club) {
		json_object_set_new(o, "club_id", json_integer(row->club_id));
		json_object_set_new(o, "club_code", json_string(row->club_code));
		json_object_set_new(o, "club_name", json_string(row->club_name));
	}
	json_array_append_new(c->items, o);
}

HandlerResult api_club_reports(Req *r)
{
	int64_t id = club_param(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	ListCtx c = {r, json_array(), 0};
	Err e = {0};
	int n = report_list_club(r->db, &r->actor, id, status_item, &c, &e);
	if (n < 0) {
		json_decref(c.items);
		return resp_err(r, &e);
	}
	return resp_json(r, 200, json_pack("{s:I, s:o, s:I}", "club_id", (json_int_t)id, "items", c.items, "total",
					   (json_int_t)n));
}

HandlerResult api_unit_reports(Req *r)
{
	Page p;
	if (api_page(r, &p) != 0)
		return H_ERROR;
	const char *status = req_query(r, "status");
	if (status && !*status)
		status = NULL;
	static const char *const statuses[] = {"none", "draft", "submitted", "approved", "returned", NULL};
	if (status) {
		int ok = 0;
		for (int i = 0; statuses[i]; i++)
			ok |= strcmp(status, statuses[i]) == 0;
		if (!ok)
			return resp_error(r, E_INVALID, "status", "none | draft | submitted | approved | returned");
	}
	ListCtx c = {r, json_array(), 1};
	int64_t total = 0;
	Err e = {0};
	const char *period = req_param(r, "period");
	if (report_list_unit(r->db, &r->actor, req_param(r, "code"), period, status, p.per_page, p.offset, status_item,
			     &c, &total, &e) < 0) {
		json_decref(c.items);
		return resp_err(r, &e);
	}
	json_t *j = api_page_json(&p, c.items, total);
	json_object_set_new(j, "unit", json_string(req_param(r, "code")));
	json_object_set_new(j, "period", json_string(period));
	return resp_json(r, 200, j);
}

/* ---- settings ---- */

static json_t *settings_json(Req *r)
{
	return json_pack("{s:i, s:i}", "older_age", settings_older_age(r->db), "report_due_day",
			 settings_report_due_day(r->db));
}

HandlerResult api_settings(Req *r)
{
	return resp_json(r, 200, settings_json(r));
}

HandlerResult api_settings_update(Req *r)
{
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		if (strcmp(key, "older_age") != 0 && strcmp(key, "report_due_day") != 0)
			return resp_error(r, E_INVALID, arena_strdup(&r->arena, key),
					  tr(r, "trường này không có trong API", "unknown field"));
		if (!json_is_integer(v))
			return resp_error(r, E_INVALID, arena_strdup(&r->arena, key),
					  tr(r, "phải là số nguyên", "must be a whole number"));
	}
	json_t *age = json_object_get(r->json, "older_age"), *due = json_object_get(r->json, "report_due_day");
	/* Both are checked before either is written, so a bad one changes nothing. */
	if (age && json_integer_value(age) != 55 && json_integer_value(age) != 60)
		return resp_error(r, E_INVALID, "older_age", tr(r, "55 hoặc 60", "55 or 60"));
	if (due && (json_integer_value(due) < 1 || json_integer_value(due) > 28))
		return resp_error(r, E_INVALID, "report_due_day", tr(r, "từ 1 đến 28", "1 to 28"));
	Err e = {0};
	if (age && settings_set_older_age(r->db, &r->actor, (int)json_integer_value(age), &e) != 0)
		return resp_err(r, &e);
	if (due && settings_set_report_due_day(r->db, &r->actor, (int)json_integer_value(due), &e) != 0)
		return resp_err(r, &e);
	return resp_json(r, 200, settings_json(r));
}
