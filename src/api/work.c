/* API: the programme's work — trainings, materials, visits and follow-ups, club assessments and
 * their counts, the ranking, commendations and stories. Rules and scope live in core/work.h. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/scope.h"
#include "core/unit.h"
#include "core/work.h"

static int year_of(Req *r, int *year)
{
	const char *y = req_query(r, "year");
	if (!y) {
		char today[11];
		unit_today(today);
		*year = atoi(today);
		return 0;
	}
	char *end;
	long v = strtol(y, &end, 10);
	if (*end || v < 2000 || v > 2100) {
		resp_error(r, E_WORK_YEAR, "year", NULL);
		return -1;
	}
	*year = (int)v;
	return 0;
}

/* A string field of the JSON body: NULL when absent; numbers are given as their text. */
static const char *body(Req *r, const char *name)
{
	json_t *v = json_object_get(r->json, name);
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_true(v))
		return "1";
	if (json_is_false(v))
		return "0";
	return "\x01"; /* refused by every check */
}

static HandlerResult fail(Req *r, const Err *e)
{
	return e->code == E_INTERNAL ? H_FATAL : resp_err(r, e);
}

/* ---- trainings ---- */

static json_t *training_json(const Training *t)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:s}", "id", (json_int_t)t->id,
			 "level", t->level, "unit_code", t->unit_code, "unit_name", t->unit_name, "province", t->province_name,
			 "topic", t->topic, "place", t->place, "start_date", t->start_date, "end_date", t->end_date, "officers",
			 (json_int_t)t->officers, "board_members", (json_int_t)t->board_members, "volunteers",
			 (json_int_t)t->volunteers, "participants_listed", (json_int_t)t->participants_listed, "note", t->note);
}

static void tr_item(const Training *t, void *arg)
{
	json_array_append_new(arg, training_json(t));
}

static void tp_item(const TrainingProvince *p, void *arg)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "code", p->code, "name", p->name, "courses",
					     (json_int_t)p->courses, "officers", (json_int_t)p->officers, "board_members",
					     (json_int_t)p->board_members, "volunteers", (json_int_t)p->volunteers, "trainees",
					     (json_int_t)p->trainees));
}

HandlerResult api_trainings(Req *r)
{
	int year;
	if (year_of(r, &year) != 0)
		return H_ERROR;
	json_t *items = json_array(), *prov = json_array();
	TrainingFilter f = {.year = year};
	TrainingSummary s;
	if (training_list(r->db, &r->actor, &f, 0, 10000, tr_item, items) < 0 ||
	    training_by_province(r->db, &r->actor, year, tp_item, prov, &s) < 0) {
		json_decref(items);
		json_decref(prov);
		return H_FATAL;
	}
	return resp_json(r, 200, json_pack("{s:i, s:o, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I}}", "year", year, "items", items,
					   "by_province", prov, "summary", "provinces", (json_int_t)s.provinces, "courses",
					   (json_int_t)s.courses, "trainees", (json_int_t)s.trainees, "officers",
					   (json_int_t)s.officers, "board_members", (json_int_t)s.board_members, "volunteers",
					   (json_int_t)s.volunteers));
}

HandlerResult api_training_create(Req *r)
{
	TrainingInput in = {.level = body(r, "level"), .unit_code = body(r, "unit_code"), .topic = body(r, "topic"),
			    .place = body(r, "place"), .start_date = body(r, "start_date"), .end_date = body(r, "end_date"),
			    .officers = body(r, "officers"), .board_members = body(r, "board_members"),
			    .volunteers = body(r, "volunteers"), .note = body(r, "note"), .source = "api"};
	Err e = {0};
	int64_t id = training_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return fail(r, &e);
	Training t;
	if (training_get(r->db, &r->actor, id, &t) != 1)
		return H_FATAL;
	return resp_json(r, 201, training_json(&t));
}

HandlerResult api_training_show(Req *r)
{
	Training t;
	int have = training_get(r->db, &r->actor, req_param_id(r, "id"), &t);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return resp_json(r, 200, training_json(&t));
}

static void mat_item(const Material *m, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:s, s:i, s:I, s:I}", "id", (json_int_t)m->id, "level", m->level,
					     "unit_code", m->unit_code, "title", m->title, "year", m->year, "copies",
					     (json_int_t)m->copies, "sent_out", (json_int_t)m->shared));
}

HandlerResult api_materials(Req *r)
{
	const char *y = req_query(r, "year");
	int year = y ? atoi(y) : 0;
	json_t *items = json_array();
	if (material_list(r->db, &r->actor, year, mat_item, items) < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

HandlerResult api_material_create(Req *r)
{
	MaterialInput in = {.level = body(r, "level"), .unit_code = body(r, "unit_code"), .title = body(r, "title"),
			    .year = body(r, "year"), .copies = body(r, "copies"), .note = body(r, "note")};
	Err e = {0};
	int64_t id = material_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return fail(r, &e);
	return resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* ---- visits ---- */

static json_t *visit_json(const Visit *v, int findings)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)v->id, "kind",
			      v->kind, "level", v->level, "visit_date", v->visit_date, "team", v->team, "unit_code",
			      v->unit_code, "unit_name", v->unit_name, "club_code", v->club_code, "club_name", v->club_name,
			      "summary", v->summary, "followups", (json_int_t)v->followups, "open_followups",
			      (json_int_t)v->open_followups);
	if (findings) {
		json_t *f = json_object();
		for (size_t i = 0; i < visit_item_count; i++)
			json_object_set_new(f, visit_items[i].code, json_string(v->results[i]));
		json_object_set_new(j, "findings", f);
	}
	return j;
}

static void v_item(const Visit *v, void *arg)
{
	json_array_append_new(arg, visit_json(v, 0));
}

HandlerResult api_visits(Req *r)
{
	int year;
	if (year_of(r, &year) != 0)
		return H_ERROR;
	Page p;
	if (api_page(r, &p) != 0)
		return H_ERROR;
	json_t *items = json_array();
	VisitFilter f = {.year = year, .kind = req_query(r, "kind")};
	int64_t total = visit_list(r->db, &r->actor, &f, p.offset, p.per_page, v_item, items);
	if (total < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, api_page_json(&p, items, total));
}

static json_t *followup_json(const Followup *f)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:b, s:s, s:s, s:b}", "id", (json_int_t)f->id, "visit_id",
			 (json_int_t)f->visit_id, "recommendation", f->text, "owner_code", f->owner_code, "due_date", f->due_date,
			 "done", f->done, "done_date", f->done_date, "note", f->note, "overdue", f->overdue);
}

static void f_item(const Followup *f, void *arg)
{
	json_array_append_new(arg, followup_json(f));
}

HandlerResult api_visit_show(Req *r)
{
	Visit *v = arena_alloc(&r->arena, sizeof *v);
	int have = visit_get(r->db, &r->actor, req_param_id(r, "id"), v);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	json_t *j = visit_json(v, 1), *fs = json_array();
	followup_list_visit(r->db, &r->actor, v->id, f_item, fs);
	json_object_set_new(j, "recommendations", fs);
	return resp_json(r, 200, j);
}

HandlerResult api_visit_create(Req *r)
{
	VisitInput in = {.kind = body(r, "kind"), .level = body(r, "level"), .visit_date = body(r, "visit_date"),
			 .team = body(r, "team"), .unit_code = body(r, "unit_code"), .club = body(r, "club"),
			 .summary = body(r, "summary"), .source = "api"};
	json_t *fnd = json_object_get(r->json, "findings");
	if (fnd && !json_is_object(fnd))
		return resp_error(r, E_INVALID, "findings", NULL);
	for (size_t i = 0; i < visit_item_count; i++) {
		json_t *x = json_object_get(fnd, visit_items[i].code);
		in.results[i] = x ? (json_is_string(x) ? json_string_value(x) : "\x01") : NULL;
	}
	Err e = {0};
	int64_t id = visit_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return fail(r, &e);
	return resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

HandlerResult api_followup_add(Req *r)
{
	Err e = {0};
	int64_t id = followup_add(r->db, &r->actor, req_param_id(r, "id"), body(r, "recommendation"), body(r, "owner_code"),
				  body(r, "due_date"), &e);
	if (id < 0)
		return fail(r, &e);
	return resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

HandlerResult api_followup_update(Req *r)
{
	Err e = {0};
	const char *done = body(r, "done");
	if (followup_update(r->db, &r->actor, req_param_id(r, "id"), done && strcmp(done, "1") == 0, body(r, "done_date"),
			    body(r, "note"), &e) != 0)
		return fail(r, &e);
	return resp_json(r, 200, json_pack("{s:b}", "ok", 1));
}

HandlerResult api_followups_overdue(Req *r)
{
	json_t *items = json_array();
	if (followup_overdue(r->db, &r->actor, f_item, items) < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

/* ---- assessments and ranking ---- */

static json_t *assessment_json(const Assessment *a)
{
	return json_pack("{s:s, s:i, s:b, s:b, s:b, s:b, s:b, s:b, s:i, s:b, s:s, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:i}}",
			 "club_code", a->club_code, "year", a->year, "confirmed", a->stored, "meets_monthly", a->meets_monthly,
			 "reports_on_time", a->reports_on_time, "both_funds", a->both_funds, "loans_repaid", a->loans_repaid,
			 "volunteers_ok", a->volunteers_ok, "areas_active", a->areas_active, "well_managed", a->well_managed,
			 "note", a->note, "data", "months_expected", (json_int_t)a->months_expected, "months_met",
			 (json_int_t)a->months_met, "months_on_time", (json_int_t)a->months_on_time, "income_fund",
			 (json_int_t)a->income_fund, "activity_fund", (json_int_t)a->activity_fund, "volunteers",
			 (json_int_t)a->volunteers, "areas_active", a->data_areas_active);
}

static int path_year(Req *r)
{
	const char *y = req_param(r, "year");
	char *end;
	long v = y ? strtol(y, &end, 10) : 0;
	return y && !*end && v >= 2000 && v <= 2100 ? (int)v : 0;
}

HandlerResult api_assessment_show(Req *r)
{
	int year = path_year(r);
	Assessment a;
	int have = year ? assessment_get(r->db, &r->actor, req_param_id(r, "id"), year, &a) : 0;
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return resp_json(r, 200, assessment_json(&a));
}

HandlerResult api_assessment_save(Req *r)
{
	int year = path_year(r);
	if (!year)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	AssessmentInput in = {.meets_monthly = body(r, "meets_monthly"), .reports_on_time = body(r, "reports_on_time"),
			      .both_funds = body(r, "both_funds"), .loans_repaid = body(r, "loans_repaid"),
			      .volunteers_ok = body(r, "volunteers_ok"), .areas_active = body(r, "areas_active"),
			      .note = body(r, "note")};
	Err e = {0};
	if (assessment_save(r->db, &r->actor, req_param_id(r, "id"), year, &in, &e) != 0)
		return fail(r, &e);
	return api_assessment_show(r);
}

HandlerResult api_assessment_counts(Req *r)
{
	int year;
	if (year_of(r, &year) != 0)
		return H_ERROR;
	int64_t assessed, well;
	Err e = {0};
	if (assessment_counts_for(r->db, &r->actor, req_query(r, "unit"), year, &assessed, &well, &e) != 0)
		return fail(r, &e);
	return resp_json(r, 200, json_pack("{s:i, s:I, s:I}", "year", year, "assessed", (json_int_t)assessed, "well_managed",
					   (json_int_t)well));
}

HandlerResult api_ranking(Req *r)
{
	int year;
	if (year_of(r, &year) != 0)
		return H_ERROR;
	Ranking rk;
	Err e = {0};
	if (ranking_build(r->db, &r->actor, year, req_query(r, "unit"), &rk, &e) != 0) {
		ranking_free(&rk);
		return fail(r, &e);
	}
	json_t *w = json_object(), *items = json_array();
	for (int i = 0; i < RANK_INDICATORS; i++)
		json_object_set_new(w, rank_indicators[i].code, json_integer(rk.weights[i]));
	for (size_t i = 0; i < rk.nrows; i++) {
		const RankRow *row = &rk.rows[i];
		json_t *v = json_object();
		for (int k = 0; k < RANK_INDICATORS; k++)
			json_object_set_new(v, rank_indicators[k].code, row->values[k] < 0 ? json_null() : json_integer(row->values[k]));
		json_array_append_new(items, json_pack("{s:i, s:s, s:s, s:o, s:o}", "rank", row->rank, "code", row->code, "name",
						       row->name, "permille", v, "score_permille",
						       row->score < 0 ? json_null() : json_integer(row->score)));
	}
	ranking_free(&rk);
	return resp_json(r, 200, json_pack("{s:i, s:o, s:o}", "year", year, "weights", w, "items", items));
}

HandlerResult api_ranking_weights(Req *r)
{
	const char *v[RANK_INDICATORS];
	for (int i = 0; i < RANK_INDICATORS; i++)
		v[i] = body(r, rank_indicators[i].code);
	Err e = {0};
	if (ranking_set_weights(r->db, &r->actor, v, &e) != 0)
		return fail(r, &e);
	int64_t w[RANK_INDICATORS];
	ranking_weights(r->db, w);
	json_t *j = json_object();
	for (int i = 0; i < RANK_INDICATORS; i++)
		json_object_set_new(j, rank_indicators[i].code, json_integer(w[i]));
	return resp_json(r, 200, json_pack("{s:o}", "weights", j));
}

/* ---- commendations and stories ---- */

static void c_item(const Commendation *c, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)c->id, "year",
					     c->year, "level", c->level, "title", c->title, "recipient_kind", c->recipient_kind,
					     "unit_code", c->unit_code, "club_code", c->club_code, "person_name", c->person_name,
					     "decision_no", c->decision_no));
}

HandlerResult api_commendations(Req *r)
{
	const char *y = req_query(r, "year");
	json_t *items = json_array();
	if (commendation_list(r->db, &r->actor, y ? atoi(y) : 0, 0, 5000, c_item, items) < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

HandlerResult api_commendation_create(Req *r)
{
	CommendationInput in = {.year = body(r, "year"), .level = body(r, "level"), .title = body(r, "title"),
				.recipient_kind = body(r, "recipient_kind"), .unit_code = body(r, "unit_code"),
				.club = body(r, "club"), .person_name = body(r, "person_name"),
				.member_id = body(r, "member_id"), .decision_no = body(r, "decision_no"), .note = body(r, "note")};
	Err e = {0};
	int64_t id = commendation_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return fail(r, &e);
	return resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static void s_item(const Story *s, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:s, s:i, s:s, s:s, s:b, s:b}", "id", (json_int_t)s->id, "club_code",
					     s->club_code, "year", s->year, "title", s->title, "status", s->status, "show_club",
					     s->show_club, "show_member", s->show_member));
}

HandlerResult api_stories(Req *r)
{
	json_t *items = json_array();
	if (story_list(r->db, &r->actor, 0, s_item, items) < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, json_pack("{s:o}", "items", items));
}
