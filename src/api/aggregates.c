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
	int y = atoi(today), m = atoi(today + 5) - 1;
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

/* Rows are written straight into text: a province by commune is hundreds of rows, and building
 * a JSON tree cell by cell cost more than computing the totals. */
static void json_str(Buf *b, const char *s)
{
	buf_putc(b, '"');
	const char *run = s;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p != '"' && *p != '\\' && *p >= 0x20)
			continue;
		buf_append(b, run, (size_t)((const char *)p - run));
		if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else {
			buf_putc(b, '\\');
			buf_putc(b, (char)*p);
		}
		run = (const char *)p + 1;
	}
	buf_puts(b, run);
	buf_putc(b, '"');
}

/* A whole number into b without printf (hundreds of cells per answer). */
static void put_int(Buf *b, int64_t v)
{
	char d[24];
	size_t n = sizeof d;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do
		d[--n] = (char)('0' + u % 10);
	while ((u /= 10) && n > 1);
	if (v < 0)
		d[--n] = '-';
	buf_append(b, d + n, sizeof d - n);
}

/* A rate to six decimals (a millionth of a percent is more than any report means). */
static void put_rate(Buf *b, double x)
{
	int64_t micro = (int64_t)(x * 1e6 + (x < 0 ? -0.5 : 0.5));
	if (micro < 0) {
		buf_putc(b, '-');
		micro = -micro;
	}
	put_int(b, micro / 1000000);
	char f[8];
	int64_t frac = micro % 1000000;
	for (int i = 6; i-- > 0; frac /= 10)
		f[i] = (char)('0' + frac % 10);
	int n = 6;
	while (n > 1 && f[n - 1] == '0')
		n--;
	buf_putc(b, '.');
	buf_append(b, f, (size_t)n);
}

static void cells_write(Buf *b, const TotalQuery *q, const TotalCell *cells)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < q->ncodes; i++) {
		const TotalCell *c = &cells[i];
		if (i)
			buf_putc(b, ',');
		if (q->codes[i][0] == 'R' && q->codes[i][1] == '_') {
			buf_puts(b, "{\"num\":");
			put_int(b, c->num);
			buf_puts(b, ",\"den\":");
			put_int(b, c->den);
			buf_puts(b, ",\"rate\":");
			if (c->has && c->den)
				put_rate(b, c->rate);
			else
				buf_puts(b, "null");
			buf_putc(b, '}');
		} else {
			buf_puts(b, "{\"value\":");
			if (c->has)
				put_int(b, c->value);
			else
				buf_puts(b, "null");
			buf_puts(b, ",\"clubs\":");
			put_int(b, c->clubs);
			buf_putc(b, '}');
		}
	}
	buf_putc(b, ']');
}

static void row_write(Buf *b, const TotalQuery *q, const TotalRow *row)
{
	buf_putc(b, '{');
	if (row->period[0]) {
		buf_puts(b, "\"period\":");
		json_str(b, row->period);
	} else {
		buf_puts(b, "\"code\":");
		json_str(b, row->code);
		buf_puts(b, ",\"name\":");
		json_str(b, row->name);
		buf_puts(b, ",\"level\":");
		json_str(b, row->level);
		if (row->club_id) {
			buf_puts(b, ",\"club_id\":");
			put_int(b, row->club_id);
		}
	}
	buf_puts(b, ",\"from\":");
	json_str(b, row->from);
	buf_puts(b, ",\"to\":");
	json_str(b, row->to);
	buf_puts(b, ",\"cells\":");
	cells_write(b, q, row->cells);
	buf_putc(b, '}');
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
	static const char *const steps[] = {"month", "quarter", "year"};
	static const char *const classes[] = {"all", "submitted", "approved"};
	json_t *j = json_pack("{s:{s:s, s:s, s:s}, s:s, s:s, s:s, s:s?, s:s, s:{s:s, s:s, s:s}, s:o}",
			      "unit", "code", a.unit_code, "name", a.unit_name, "level", a.unit_level,
			      "from", q.from, "to", q.to, "by", q.by_child ? "child" : "month",
			      "step", q.by_child ? NULL : steps[q.step], "status", classes[q.cls],
			      "geography", "code", q.geo == TOTAL_THEN ? "then" : "today", "label",
			      q.geo == TOTAL_THEN ? tr(r, "Theo địa giới khi đó", "As organised then")
						  : tr(r, "Quy đổi theo địa giới hiện nay", "Restated to today's units"),
			      "note", (en ? a.geo_note_en : a.geo_note_vi) ? (en ? a.geo_note_en : a.geo_note_vi) : "",
			      "columns", columns);
	char *head = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!head) {
		total_free(&a);
		return H_FATAL;
	}
	/* the head without its closing brace, then the rows and the total */
	Buf b;
	buf_init(&b, 0);
	buf_append(&b, head, strlen(head) - 1);
	free(head);
	buf_puts(&b, ",\"rows\":[");
	for (size_t i = 0; i < a.nrows; i++) {
		if (i)
			buf_putc(&b, ',');
		row_write(&b, &q, &a.rows[i]);
	}
	buf_puts(&b, "],\"total\":");
	row_write(&b, &q, &a.total);
	buf_putc(&b, '}');
	total_free(&a);
	if (b.failed) {
		buf_free(&b);
		return H_FATAL;
	}
	HandlerResult hr = resp_text(r, 200, "application/json; charset=utf-8", buf_str(&b));
	buf_free(&b);
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
