/* API: import a club's members, clubs, or past months' reports from an uploaded .xlsx or .csv
 * file. With ?preview=1 the rows are checked and the problems answered without loading anything;
 * otherwise every row is loaded in one transaction, or none (422 with the problems). Warnings
 * (reports) are listed with "warning": true and do not stop the load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/club.h"
#include "core/import.h"
#include "lib/table.h"

static json_t *problem_json(const Req *r, const ImportProblem *p)
{
	char c1[4] = "", c2[4] = "";
	json_t *cols = json_array();
	if (p->col) {
		table_col_name(p->col, c1);
		json_array_append_new(cols, json_string(c1));
	}
	if (p->col2) {
		table_col_name(p->col2, c2);
		json_array_append_new(cols, json_string(c2));
	}
	return json_pack("{s:I, s:s?, s:o, s:s?, s:s?, s:b, s:s, s:s, s:s}", "row", (json_int_t)p->row, "column",
			 p->col ? c1 : NULL, "columns", cols, "heading", p->heading, "field", p->field, "warning", p->warning,
			 "message", tr(r, p->vi, p->en), "message_vi", p->vi, "message_en", p->en);
}

static json_t *columns_json(const ImportColumn *c, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		char col[4];
		table_col_name(c[i].col, col);
		json_array_append_new(a, json_pack("{s:s, s:s, s:s?}", "column", col, "heading", c[i].heading, "field", c[i].field));
	}
	return a;
}

/* The outcome as JSON (new reference). */
static json_t *result_json(const Req *r, const ImportResult *res, const char *file, int preview)
{
	json_t *problems = json_array(), *skipped = json_array();
	for (size_t i = 0; i < res->nproblems; i++)
		json_array_append_new(problems, problem_json(r, &res->problems[i]));
	for (size_t i = 0; i < res->nskipped; i++)
		json_array_append_new(skipped, json_integer((json_int_t)res->skipped[i]));
	json_t *o = json_pack("{s:s, s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "kind",
			      import_kind_name(res->kind), "file", file, "preview", preview, "rows", (json_int_t)res->nitems,
			      "valid", (json_int_t)(res->nitems - res->bad_rows), "invalid", (json_int_t)res->bad_rows, "new",
			      (json_int_t)res->fresh, "existing", (json_int_t)res->existing, "loaded", (json_int_t)res->loaded,
			      "header_row", (json_int_t)res->header_row, "columns", columns_json(res->columns, res->ncolumns),
			      "ignored_columns", columns_json(res->ignored, res->nignored), "skipped_rows", skipped, "problems",
			      problems);
	if (o) {
		json_object_set_new(o, "errors", json_integer((json_int_t)import_errors(res)));
		json_object_set_new(o, "warnings", json_integer((json_int_t)res->nwarnings));
	}
	if (o && res->kind == IMPORT_REPORTS) {
		/* The months read, each with the status it is (or was) loaded in. */
		static const char *const steps[] = {"draft", "submitted", "approved"};
		json_t *months = json_array();
		for (size_t i = 0; i < res->nitems; i++) {
			const ImportReport *m = res->items[i].report;
			if (!m)
				continue;
			json_t *values = json_object();
			for (size_t k = 0; k < m->nvalues; k++)
				json_object_set_new(values, m->values[k].code, json_integer(m->values[k].value));
			json_array_append_new(months, json_pack("{s:I, s:s, s:s, s:s, s:b, s:o}", "row", (json_int_t)res->items[i].row,
								"club", m->club_code, "period", m->period, "status",
								steps[m->step < 0 || m->step > 2 ? 1 : m->step], "valid",
								res->items[i].status != IMPORT_ROW_BAD, "values", values));
		}
		json_object_set_new(o, "months", months);
	}
	if (o && res->kind == IMPORT_MEMBERS)
		json_object_set_new(o, "club", json_pack("{s:I, s:s, s:s}", "id", (json_int_t)res->club.id, "code", res->club.code,
							 "name", res->club.name));
	return o;
}

static HandlerResult api_import(Req *r, ImportKind kind)
{
	int64_t club_id = 0;
	if (kind == IMPORT_MEMBERS) {
		const char *c = req_query(r, "club");
		if (!c || !*c)
			c = req_form(r, "club");
		if ((!c || !*c) && r->actor.role == ROLE_CLUB)
			c = r->actor.scope;
		if (!c || !*c)
			return resp_error(r, E_REQUIRED, "club", NULL);
		if (strchr(c, '-')) {
			Club club;
			int have = club_get_by_code(r->db, &r->actor, c, &club);
			if (have < 0)
				return H_FATAL;
			if (!have)
				return resp_error(r, E_NOT_FOUND, "club", NULL);
			club_id = club.id;
		} else {
			club_id = strtoll(c, NULL, 10);
			if (club_id <= 0)
				return resp_error(r, E_NOT_FOUND, "club", NULL);
		}
	}
	const char *pv = req_query(r, "preview");
	if (!pv)
		pv = req_form(r, "preview");
	int preview = pv && (strcmp(pv, "1") == 0 || strcmp(pv, "true") == 0);

	/* The file: the multipart field "file" (or the only file sent), else the raw body. */
	const char *name = req_query(r, "filename");
	unsigned char *data = NULL;
	const void *bytes = NULL;
	size_t len = 0;
	Err e = {0};
	/* The multipart field "file" (or the only file sent), else the whole body sent as the file. */
	const Upload *up = req_upload(r, "file");
	if (!up && r->multipart) {
		size_t n = 0;
		const Upload *ups = multipart_uploads(r->multipart, &n);
		if (n == 1)
			up = &ups[0];
	}
	if (!up)
		return resp_error(r, E_REQUIRED, "file", NULL);
	if (!(data = import_read_file(up->path, &len, &e)))
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	bytes = data;
	if (up->filename && *up->filename)
		name = up->filename;
	if (!name && up->content_type && strstr(up->content_type, "spreadsheetml"))
		name = "upload.xlsx";
	if (!name && up->content_type && strstr(up->content_type, "csv"))
		name = "upload.csv";
	if (!name || !*name)
		name = "upload";
	const char *slash = strrchr(name, '/');
	if (slash)
		name = slash + 1;
	ImportResult res;
	int rc = preview ? import_check(r->db, &r->actor, kind, club_id, bytes, len, name, &res, &e)
			 : import_load(r->db, &r->actor, kind, club_id, bytes, len, name, &res, &e);
	HandlerResult h;
	if (rc != 0 && !import_errors(&res)) {
		h = e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	} else {
		json_t *o = result_json(r, &res, name, preview);
		if (!o) {
			h = H_FATAL;
		} else if (import_errors(&res) && !preview) {
			char detail[64];
			snprintf(detail, sizeof detail, "%zu", import_errors(&res));
			json_t *err = resp_error_json(r, E_INVALID, NULL, detail);
			json_object_update(o, err);
			json_decref(err);
			h = resp_json(r, 422, o);
		} else {
			h = resp_json(r, 200, o);
		}
	}
	import_result_free(&res);
	free(data);
	return h;
}

HandlerResult api_import_members(Req *r)
{
	return api_import(r, IMPORT_MEMBERS);
}

HandlerResult api_import_clubs(Req *r)
{
	return api_import(r, IMPORT_CLUBS);
}

HandlerResult api_import_reports(Req *r)
{
	return api_import(r, IMPORT_REPORTS);
}

HandlerResult api_import_plans(Req *r)
{
	return api_import(r, IMPORT_PLANS);
}

HandlerResult api_import_trainings(Req *r)
{
	return api_import(r, IMPORT_TRAININGS);
}

HandlerResult api_import_visits(Req *r)
{
	return api_import(r, IMPORT_VISITS);
}
