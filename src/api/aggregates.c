/* API: the live totals of the monthly reports (core/total.h) for any unit, months and geography,
 * and the list of what one may ask for. Every role reads the totals of the units in its scope
 * (viewers too: totals hold no person's data); a unit outside it is 404. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/indicator.h"
#include "core/total.h"
#include "core/unit.h"

/* The counts one may ask for besides indicators and rates (labels from total_column). */
static const char *const counts[] = {"_EXPECTED", "_REPORTS", "_SUBMITTED", "_ONTIME", "_APPROVED"};

/* The columns asked for when none are named. */
static const char *const default_codes[] = {"MEM_TOTAL", "R_WOMEN", "R_OLDER", "R_BORROW", "INC_OUTSTANDING",
					    "R_REPORTED"};

static int is_month(const char *s)
{
	if (!s || strlen(s) != 7 || s[4] != '-')
		return 0;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	return m >= 1 && m <= 12 && strncmp(s, "0000", 4) != 0;
}

/* The month before today's, "YYYY-MM". */
static void last_month(char out[8])
{
	char today[11];
	unit_today(today);
	int y = (int)strtol(today, NULL, 10), m = (int)strtol(today + 5, NULL, 10) - 1;
	if (m < 1) {
		m = 12;
		y--;
	}
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

/* A rate's target range as {low, high} (shares, null = no bound), or null when it has none. */
static json_t *target_json(const TotalRate *t)
{
	if (t->target_low < 0 && t->target_high < 0)
		return json_null();
	return json_pack("{s:o, s:o}", "low", t->target_low >= 0 ? json_real(t->target_low / 1000.0) : json_null(),
			 "high", t->target_high >= 0 ? json_real(t->target_high / 1000.0) : json_null());
}

/* One column: what a code is, for the answer's "columns". 1 known, 0 not, -1 store error. */
static int column_json(Req *r, const char *code, json_t **out)
{
	int en = strcmp(r->lang, "en") == 0;
	TotalColumn c;
	int kind = total_column(r->db, code, &c);
	if (kind <= 0)
		return kind;
	const char *label = en ? c.label_en : c.label_vi;
	if (c.rate)
		*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "code", c.code, "label", label, "kind", "rate",
				 "formula", en ? c.rate->formula_en : c.rate->formula_vi, "num", c.rate->num, "den",
				 c.rate->den, "target", target_json(c.rate));
	else
		*out = json_pack("{s:s, s:s, s:s, s:s, s:n}", "code", c.code, "label", label, "kind", c.ind_kind,
				 "over_time", c.over_time, "target");
	return 1;
}

static json_t *cells_json(const TotalQuery *q, const TotalCell *cells)
{
	json_t *a = json_array();
	for (size_t i = 0; i < q->ncodes; i++) {
		const TotalCell *c = &cells[i];
		if (q->codes[i][0] == 'R' && q->codes[i][1] == '_')
			json_array_append_new(a, json_pack("{s:I, s:I, s:o}", "num", (json_int_t)c->num, "den",
							   (json_int_t)c->den, "rate",
							   c->has && c->den ? json_real(c->rate) : json_null()));
		else
			json_array_append_new(a, json_pack("{s:o, s:I}", "value",
							   c->has ? json_integer(c->value) : json_null(), "clubs",
							   (json_int_t)c->clubs));
	}
	return a;
}

static json_t *row_json(const TotalQuery *q, const TotalRow *row)
{
	json_t *j = json_object();
	if (row->period[0]) {
		json_object_set_new(j, "period", json_string(row->period));
	} else {
		json_object_set_new(j, "code", json_string(row->code));
		json_object_set_new(j, "name", json_string(row->name));
		json_object_set_new(j, "level", json_string(row->level));
		if (row->club_id)
			json_object_set_new(j, "club_id", json_integer(row->club_id));
	}
	json_object_set_new(j, "from", json_string(row->from));
	json_object_set_new(j, "to", json_string(row->to));
	json_object_set_new(j, "cells", cells_json(q, row->cells));
	return j;
}

/* Splits the indicators asked for (?indicators=A,B, or the parameter repeated) into codes in the
 * arena. Returns their number, or -1 when there are too many. */
static long split_codes(Req *r, const char **codes, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < r->query.count; i++) {
		if (strcmp(r->query.items[i].name, "indicators") != 0)
			continue;
		char *s = arena_strdup(&r->arena, r->query.items[i].value);
		for (char *tok = strtok(s, ", "); tok; tok = strtok(NULL, ", ")) {
			for (char *p = tok; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
			if (n == cap)
				return -1;
			codes[n++] = tok;
		}
	}
	return (long)n;
}

HandlerResult api_aggregates(Req *r)
{
	TotalQuery q = {0};
	char lm[8];
	last_month(lm);
	const char *unit = req_query(r, "unit"), *from = req_query(r, "from"), *to = req_query(r, "to");
	const char *by = req_query(r, "by"), *geo = req_query(r, "geography"), *step = req_query(r, "step");
	const char *status = req_query(r, "status");

	/* No unit: the user's own scope (the country for national roles and viewers without one). */
	q.unit = unit && *unit ? unit : r->actor.scope;
	if (to && *to && !is_month(to))
		return resp_error(r, E_PERIOD, "to", tr(r, "viết YYYY-MM, ví dụ 2026-03", "write YYYY-MM, e.g. 2026-03"));
	if (from && *from && !is_month(from))
		return resp_error(r, E_PERIOD, "from", tr(r, "viết YYYY-MM, ví dụ 2026-01", "write YYYY-MM, e.g. 2026-01"));
	q.to = to && *to ? to : from && *from ? from : lm;
	q.from = from && *from ? from : q.to;
	if (strcmp(q.from, q.to) > 0)
		return resp_error(r, E_PERIOD, "from", tr(r, "tháng bắt đầu phải trước tháng kết thúc",
							   "the first month must not be after the last"));

	int is_club = strchr(q.unit, '-') != NULL;
	if (!by || !*by)
		q.by_child = !is_club;
	else if (strcmp(by, "child") == 0)
		q.by_child = 1;
	else if (strcmp(by, "month") == 0)
		q.by_child = 0;
	else
		return resp_error(r, E_INVALID, "by", tr(r, "child (theo đơn vị con) hoặc month (theo thời gian)",
							 "child (by sub-unit) or month (by time)"));

	if (!step || !*step || strcmp(step, "month") == 0)
		q.step = TOTAL_MONTH;
	else if (strcmp(step, "quarter") == 0)
		q.step = TOTAL_QUARTER;
	else if (strcmp(step, "year") == 0)
		q.step = TOTAL_YEAR;
	else
		return resp_error(r, E_INVALID, "step", tr(r, "month, quarter hoặc year", "month, quarter or year"));
	if (q.by_child && step && *step && q.step != TOTAL_MONTH)
		return resp_error(r, E_INVALID, "step", tr(r, "step chỉ dùng với by=month", "step goes with by=month only"));

	if (!geo || !*geo || strcmp(geo, "today") == 0)
		q.geo = TOTAL_TODAY;
	else if (strcmp(geo, "then") == 0)
		q.geo = TOTAL_THEN;
	else
		return resp_error(r, E_INVALID, "geography",
				  tr(r, "then (theo địa giới khi đó) hoặc today (quy đổi theo địa giới hiện nay)",
				     "then (as organised then) or today (restated to today's units)"));

	if (!status || !*status || strcmp(status, "submitted") == 0)
		q.cls = TOTAL_SUBMITTED;
	else if (strcmp(status, "all") == 0)
		q.cls = TOTAL_ALL;
	else if (strcmp(status, "approved") == 0)
		q.cls = TOTAL_APPROVED;
	else
		return resp_error(r, E_INVALID, "status", tr(r, "all (kể cả bản nháp), submitted hoặc approved",
							     "all (drafts too), submitted or approved"));

	const char **codes = arena_alloc(&r->arena, TOTAL_CODES_MAX * sizeof *codes);
	long n = split_codes(r, codes, TOTAL_CODES_MAX);
	if (n < 0)
		return resp_error(r, E_INVALID, "indicators",
				  tr(r, "tối đa 48 chỉ tiêu một lần", "at most 48 indicators at a time"));
	if (n == 0) {
		n = (long)(sizeof default_codes / sizeof *default_codes);
		memcpy(codes, default_codes, sizeof default_codes);
	}
	q.codes = codes;
	q.ncodes = (size_t)n;

	json_t *columns = json_array();
	for (size_t i = 0; i < q.ncodes; i++) {
		json_t *c = NULL;
		int have = column_json(r, codes[i], &c);
		if (have <= 0) {
			json_decref(columns);
			if (have < 0)
				return H_FATAL;
			char words[120];
			snprintf(words, sizeof words, "%s: %s", codes[i],
				 tr(r, "không phải chỉ tiêu hay tỷ lệ nào (xem /api/v1/aggregates/indicators)",
				    "neither an indicator nor a rate (see /api/v1/aggregates/indicators)"));
			return resp_error(r, E_INVALID, "indicators", arena_strdup(&r->arena, words));
		}
		json_array_append_new(columns, c);
	}

	TotalAnswer a;
	Err e = {0};
	if (total_query(r->db, &r->actor, &q, &a, &e) != 0) {
		json_decref(columns);
		return resp_err(r, &e);
	}
	int en = strcmp(r->lang, "en") == 0;
	json_t *rows = json_array();
	for (size_t i = 0; i < a.nrows; i++)
		json_array_append_new(rows, row_json(&q, &a.rows[i]));
	static const char *const steps[] = {"month", "quarter", "year"};
	static const char *const classes[] = {"all", "submitted", "approved"};
	json_t *j = json_pack("{s:{s:s, s:s, s:s}, s:s, s:s, s:s, s:s?, s:s, s:{s:s, s:s, s:s}, s:o, s:o, s:o}",
			      "unit", "code", a.unit_code, "name", a.unit_name, "level", a.unit_level,
			      "from", q.from, "to", q.to, "by", q.by_child ? "child" : "month",
			      "step", q.by_child ? NULL : steps[q.step], "status", classes[q.cls],
			      "geography", "code", q.geo == TOTAL_THEN ? "then" : "today", "label",
			      q.geo == TOTAL_THEN ? tr(r, "Theo địa giới khi đó", "As organised then")
						  : tr(r, "Quy đổi theo địa giới hiện nay", "Restated to today's units"),
			      "note", (en ? a.geo_note_en : a.geo_note_vi) ? (en ? a.geo_note_en : a.geo_note_vi) : "",
			      "columns", columns, "rows", rows, "total", row_json(&q, &a.total));
	total_free(&a);
	if (!j)
		return H_FATAL;
	/* Rates to six significant digits: more than any report means, and cheaper to write for the
	 * hundreds of cells of a province by commune. */
	char *text = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(6));
	json_decref(j);
	if (!text)
		return H_FATAL;
	HandlerResult hr = resp_text(r, 200, "application/json; charset=utf-8", text);
	free(text);
	return hr;
}

static void indicator_column(const Indicator *x, void *arg)
{
	Req *r = ((void **)arg)[0];
	json_t *list = ((void **)arg)[1];
	int en = strcmp(r->lang, "en") == 0;
	json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "code", x->code, "label",
					      en ? x->label_en : x->label_vi, "area", x->area, "kind", x->kind,
					      "over_time", x->over_time, "source", x->source));
}

HandlerResult api_aggregate_indicators(Req *r)
{
	int en = strcmp(r->lang, "en") == 0;
	json_t *inds = json_array(), *rates = json_array(), *cnts = json_array();
	void *arg[2] = {r, inds};
	if (indicator_list(r->db, 0, indicator_column, arg) < 0) {
		json_decref(inds);
		json_decref(rates);
		json_decref(cnts);
		return H_FATAL;
	}
	for (size_t i = 0; i < total_rate_count; i++) {
		const TotalRate *t = &total_rates[i];
		json_array_append_new(rates, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "code", t->code, "label",
						       en ? t->en : t->vi, "formula", en ? t->formula_en : t->formula_vi,
						       "num", t->num, "den", t->den, "target", target_json(t)));
	}
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
		TotalColumn c;
		if (total_column(r->db, counts[i], &c) != 3) {
			json_decref(inds);
			json_decref(rates);
			json_decref(cnts);
			return H_FATAL;
		}
		json_array_append_new(cnts, json_pack("{s:s, s:s}", "code", counts[i], "label", en ? c.label_en : c.label_vi));
	}
	json_t *defaults = json_array();
	for (size_t i = 0; i < sizeof default_codes / sizeof *default_codes; i++)
		json_array_append_new(defaults, json_string(default_codes[i]));
	return resp_json(r, 200, json_pack("{s:o, s:o, s:o, s:o}", "indicators", inds, "rates", rates, "counts", cnts,
					   "default", defaults));
}
