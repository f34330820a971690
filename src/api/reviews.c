/* API: the annual review's figures (issue 9) — GET /api/v1/reviews/{programme}/{year}?unit=, the
 * same counts as the page and the .docx, with the footnote saying how each was counted. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/review.h"
#include "core/unit.h"
#include "out/review_text.h"

static json_t *list_json(const ReviewList *l, int with_n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++) {
		json_t *o = json_pack("{s:s,s:s}", "code", l->items[i].code, "name", l->items[i].name);
		if (l->items[i].text[0])
			json_object_set_new(o, "text", json_string(l->items[i].text));
		if (with_n)
			json_object_set_new(o, "count", json_integer(l->items[i].n));
		json_array_append_new(a, o);
	}
	return a;
}

HandlerResult api_review(Req *r)
{
	int64_t pid = req_param_id(r, "programme");
	const char *ys = req_param(r, "year");
	char *end = NULL;
	long year = ys ? strtol(ys, &end, 10) : 0;
	if (!ys || *end || year < 2000 || year > 2100)
		return resp_error(r, E_WORK_YEAR, "year", NULL);
	if (pid <= 0)
		return resp_error(r, E_NOT_FOUND, "programme", NULL);
	const char *unit = req_query(r, "unit");
	ReviewData d;
	Err e = {0};
	if (review_build(r->db, &r->actor, pid, (int)year, unit ? unit : "", &d, &e) != 0)
		return resp_err(r, &e);
	char today[11];
	unit_today(today);
	ReviewText t;
	if (review_text(&d, today, &t) != 0) {
		review_free(&d);
		return H_FATAL;
	}
	json_t *f = json_object();
#define I(k, v) json_object_set_new(f, k, json_integer(v))
	I("documents", d.documents);
	I("materials", d.materials);
	I("material_copies", d.material_copies);
	I("own_courses", d.own_courses);
	I("own_trainees", d.own_trainees);
	I("visits", d.visits);
	I("donor_projects", d.donor_projects);
	I("donor_units", d.donor_units);
	I("donor_clubs", d.donor_clubs);
	I("provinces", d.provinces);
	I("plans_issued", d.plans_issued);
	I("clubs_registered", d.clubs_registered);
	I("clubs_founded_year", d.clubs_founded_year);
	I("local_units", d.local_units);
	I("local_courses", d.local_courses);
	I("local_trainees", d.local_trainees);
	I("budget_provinces", d.budget_provinces);
	I("budget_total_vnd", d.budget_total);
	I("mechanism_provinces", d.mechanism_provinces);
	I("policy_provinces", d.policy_provinces);
	I("provinces_without_plan", d.no_plan.total);
	I("commended", d.commended.total);
	I("commended_people", d.commended_people);
#undef I
	json_object_set_new(f, "target_new_clubs", d.has_target ? json_integer(d.target_new_clubs) : json_null());
	json_t *notes = json_array();
	for (size_t i = 0; i < t.nnotes; i++)
		json_array_append_new(notes, json_pack("{s:i,s:s,s:s,s:s}", "n", (int)(i + 1), "figure", t.notes[i].key, "how",
						       t.notes[i].text, "link", t.notes[i].link));
	json_t *text = json_array();
	static const char *const kinds[] = {"heading", "text", "item"};
	for (size_t i = 0; i < t.n; i++) {
		json_t *p = json_pack("{s:s,s:s}", "kind", kinds[t.paras[i].kind], "text", t.paras[i].text);
		if (t.paras[i].note)
			json_object_set_new(p, "note", json_integer(t.paras[i].note));
		json_array_append_new(text, p);
	}
	json_t *out = json_pack("{s:{s:I,s:s,s:s},s:i,s:o,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:s,s:s}",
		"programme", "id", (json_int_t)d.programme.id, "code", d.programme.code, "name", d.programme.name,
		"year", (int)d.year,
		"unit", d.is_country ? json_null() : json_pack("{s:s,s:s}", "code", d.unit_code, "name", d.unit_name),
		"title", t.title, "dateline", t.dateline ? t.dateline : "",
		"figures", f,
		"materials", list_json(&d.material_list, 1),
		"visited", list_json(&d.visit_places, 1),
		"provinces_without_plan", list_json(&d.no_plan, 0),
		"obstacles", list_json(&d.obstacles, 0),
		"commended", list_json(&d.commended, 0),
		"paragraphs", text,
		"tasks", d.tasks ? d.tasks : "",
		"as_of", d.as_of);
	json_object_set_new(out, "notes", notes);
	review_text_free(&t);
	review_free(&d);
	return resp_json(r, 200, out);
}
