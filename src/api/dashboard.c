/* GET /api/v1/dashboard: the dashboard's figures as JSON (core/dashboard.h), the same call the page
 * makes, with the path of the table behind each group. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/dashboard.h"
#include "core/memo.h"
#include "core/unit.h"

static json_t *share(int64_t num, int64_t den)
{
	return json_pack("{s:I, s:I, s:o}", "num", (json_int_t)num, "den", (json_int_t)den, "permille",
			 den > 0 ? json_integer((json_int_t)((num * 1000 + den / 2) / den)) : json_null());
}

static json_t *cell_json(const TotalCell *c, int rate)
{
	if (rate)
		return share(c->num, c->den);
	return c->has ? json_integer((json_int_t)c->value) : json_null();
}

/* The row's cells by their dash_codes names. */
static json_t *row_json(const TotalRow *row)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "clubs_expected", (json_int_t)row->cells[DASH_EXPECTED].value,
			 "members", cell_json(&row->cells[DASH_MEMBERS], 0), "reported",
			 cell_json(&row->cells[DASH_REPORTED], 1), "borrowing", cell_json(&row->cells[DASH_BORROW], 1),
			 "par30", cell_json(&row->cells[DASH_PAR30], 1), "women", cell_json(&row->cells[DASH_WOMEN], 1));
}

static const char *state_word(ActualState s)
{
	return s == ACTUAL_OK ? "ok" : s == ACTUAL_NOT_ASSESSED ? "not_assessed" : "no_data";
}

HandlerResult api_dashboard(Req *r)
{
	const char *unit = req_query(r, "unit");
	int year;
	TotalGeo geo;
	Err e = {0};
	if (dashboard_parse(req_query(r, "year"), req_query(r, "geography"), &year, &geo, &e) != 0)
		return resp_err(r, &e);
	/* The answer is kept while the data is the same (core/memo.h), as the page's figures are. */
	MemoVersion version = memo_version(r->db);
	char key[MEMO_KEY_MAX], today[11];
	unit_today(today);
	snprintf(key, sizeof key, "api_dashboard|%d|%s|%s|%s|%s|%d|%d", (int)r->actor.role, r->actor.scope, r->actor.lang,
		 today, unit ? unit : "", year, (int)geo);
	size_t kept_n;
	char *kept = memo_get_copy(key, &version, &kept_n);
	if (kept && kept_n && kept[kept_n - 1] == '\0') {
		HandlerResult h = resp_text(r, 200, "application/json; charset=utf-8", kept);
		free(kept);
		return h;
	}
	free(kept);
	Dashboard d;
	if (dashboard_get(r->db, &r->actor, unit, year, geo, &d, &e) != 0) {
		dashboard_free(&d);
		return resp_err(r, &e);
	}
	const char *u = unit && *unit ? unit : r->actor.scope;
	json_t *months = json_array(), *children = json_array(), *checks = json_array();
	for (size_t i = 0; i < d.months.nrows; i++) {
		json_t *j = row_json(&d.months.rows[i]);
		json_object_set_new(j, "period", json_string(d.months.rows[i].period));
		json_array_append_new(months, j);
	}
	for (size_t i = 0; d.has_children && i < d.children.nrows; i++) {
		const TotalRow *row = &d.children.rows[i];
		json_t *j = row_json(row);
		json_object_set_new(j, "code", json_string(row->code));
		json_object_set_new(j, "name", json_string(row->name));
		json_object_set_new(j, "level", json_string(row->level));
		json_array_append_new(children, j);
	}
	for (int k = 0; k < MODEL_CHECKS; k++) {
		const ModelCheck *c = &d.checks[k];
		json_array_append_new(checks, json_pack("{s:s, s:o, s:b, s:I, s:o, s:b}", "key", c->key, "value",
							d.checks_known[k] ? json_integer((json_int_t)c->value) : json_null(), "is_share", c->is_share, "low",
							(json_int_t)c->low, "high",
							c->high < 0 ? json_null() : json_integer((json_int_t)c->high), "off",
							c->off));
	}
	const Composition *c = &d.comp;
	const FundFigures *f = &d.funds;
	json_t *last = d.months.nrows ? row_json(&d.months.rows[d.latest_row]) : json_null();
	if (d.months.nrows)
		json_object_set_new(last, "period", json_string(d.latest));
	json_t *j = json_pack(
		"{s:{s:s, s:s, s:s}, s:i, s:s, s:s, s:s, s:s, s:o, s:{s:o, s:o}, s:o, s:o, s:{s:I, s:I, s:I, s:I, s:I, "
		"s:I, s:I, s:I, s:o, s:s}, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o}, s:{s:I, s:I, s:I}, "
		"s:I}",
		"unit", "code", d.unit_code, "name", d.unit_name, "level", d.unit_level, "year", d.year, "geography",
		geo == TOTAL_TODAY ? "today" : "then", "geo_note", strcmp(r->lang, "en") == 0 ? d.months.geo_note_en : d.months.geo_note_vi,
		"from", d.from, "to", d.to, "last_month", last, "year_total", "reported",
		share(d.months.total.cells[DASH_REPORTED].num, d.months.total.cells[DASH_REPORTED].den), "borrowing",
		share(d.months.total.cells[DASH_BORROW].num, d.months.total.cells[DASH_BORROW].den), "months", months,
		"children", children, "composition", "clubs", (json_int_t)c->clubs, "members", (json_int_t)c->members,
		"older", (json_int_t)c->older, "women", (json_int_t)c->women, "younger", (json_int_t)c->younger,
		"priority", (json_int_t)c->priority, "volunteers", (json_int_t)c->volunteers, "board",
		(json_int_t)c->board, "checks", checks, "source", d.comp_from_reports ? "reports" : "member_book", "funds", "clubs", (json_int_t)f->clubs, "clubs_books",
		(json_int_t)f->clubs_books, "clubs_both", (json_int_t)f->clubs_both, "members_books",
		(json_int_t)f->members_books, "borrowers", (json_int_t)f->borrowers, "outstanding",
		(json_int_t)f->outstanding, "par30", (json_int_t)f->par30, "income_cash", (json_int_t)f->income_cash,
		"activity_cash", (json_int_t)f->activity_cash, "both_share", share(f->clubs_both, f->clubs_books),
		"borrowing_share", share(f->borrowers, f->members_books), "par30_share", share(f->par30, f->outstanding),
		"trainings", "courses", (json_int_t)d.trainings.courses, "trainees", (json_int_t)d.trainings.trainees,
		"provinces", (json_int_t)d.trainings.provinces, "followups_overdue", (json_int_t)d.overdue);
	if (d.has_programme) {
		json_t *prog = json_array();
		for (int m = 0; m < M_COUNT; m++) {
			const Progress *p = &d.progress[m];
			json_array_append_new(
				prog, json_pack("{s:s, s:o, s:s, s:I, s:I, s:I, s:o}", "measure", programme_measures[m].code,
						"target", p->has_target ? json_integer((json_int_t)p->target.value) : json_null(),
						"state", state_word(p->state), "actual", (json_int_t)p->actual, "num",
						(json_int_t)p->num, "den", (json_int_t)p->den, "permille_of_target",
						p->has_target && p->state == ACTUAL_OK
							? json_integer((json_int_t)p->permille_of_target)
							: json_null()));
		}
		json_object_set_new(j, "programme", json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)d.programme.id,
							      "code", d.programme.code, "name", d.programme.name,
							      "progress", prog));
	} else {
		json_object_set_new(j, "programme", json_null());
	}
	json_object_set_new(j, "plans",
			    d.has_plans ? json_pack("{s:I, s:I, s:I, s:I}", "provinces", (json_int_t)d.plans.provinces,
						    "issued", (json_int_t)d.plans.issued, "budget_provinces",
						    (json_int_t)d.plans.budget_provinces, "budget_total",
						    (json_int_t)d.plans.budget_total)
					: json_null());
	/* Where each figure comes from: the pages with the table or records behind it. */
	char y[8];
	snprintf(y, sizeof y, "%d", d.year);
	json_t *links = json_object();
	char buf[256];
	snprintf(buf, sizeof buf, "/reports/overview?unit=%s&period=%s&geography=%s", u, d.latest,
		 geo == TOTAL_TODAY ? "today" : "then");
	json_object_set_new(links, "totals", json_string(buf));
	snprintf(buf, sizeof buf, "/reports/rate?unit=%s&from=%s&to=%s&geography=%s", u, d.from, d.to,
		 geo == TOTAL_TODAY ? "today" : "then");
	json_object_set_new(links, "reporting", json_string(buf));
	snprintf(buf, sizeof buf, "/composition?unit=%s", u);
	json_object_set_new(links, "composition", json_string(buf));
	snprintf(buf, sizeof buf, "/api/v1/funds/figures%s%s", u[0] ? "?unit=" : "", u);
	json_object_set_new(links, "funds", json_string(buf));
	snprintf(buf, sizeof buf, "/trainings?year=%s", y);
	json_object_set_new(links, "trainings", json_string(buf));
	json_object_set_new(links, "followups", json_string("/followups/overdue"));
	json_object_set_new(j, "links", links);
	dashboard_free(&d);
	char *text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (!text)
		return H_FATAL;
	memo_put(key, &version, text, strlen(text) + 1);
	HandlerResult h = resp_text(r, 200, "application/json; charset=utf-8", text);
	free(text);
	return h;
}
