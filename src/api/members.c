/* API: members (a club's, and across the scope), the management board and home-care volunteers.
 * Viewers never reach these routes (the route table) nor any person's data (core). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/club.h"
#include "core/member.h"
#include "core/scope.h"
#include "core/unit.h"
#include "lib/vi.h"

/* ---- JSON bodies ---- */

typedef enum FieldType { F_STRING, F_BOOL, F_INT, F_YEAR_OR_TEXT } FieldType;

typedef struct BodyField {
	const char *name;
	FieldType type;
} BodyField;

/* What a member is written with; PATCH takes the same but confirm_duplicate. */
static const BodyField member_fields[] = {
	{"full_name", F_STRING}, {"family_name", F_STRING}, {"middle_name", F_STRING}, {"given_name", F_STRING},
	{"sex", F_STRING}, {"birth", F_YEAR_OR_TEXT}, {"birth_year", F_INT}, {"birth_date", F_STRING},
	{"ethnicity", F_STRING}, {"phone", F_STRING}, {"household", F_STRING}, {"disability", F_BOOL},
	{"lives_alone", F_BOOL}, {"health_card", F_BOOL}, {"village", F_STRING}, {"joined_on", F_STRING},
	{"left_on", F_STRING}, {"left_reason", F_STRING}, {"consent_on", F_STRING}, {"consent_form", F_STRING},
	{"national_id", F_STRING}, {"note", F_STRING}, {"confirm_duplicate", F_BOOL}, {NULL, F_STRING},
};

/* Every key of the body is known (skip names one that is not allowed here) and of its type;
 * null is accepted for every field and clears it. Else answers 422 naming the field and -1. */
static int body_check(Req *r, const BodyField *known, const char *skip)
{
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		const BodyField *f = NULL;
		for (int i = 0; known[i].name && !f; i++)
			if (strcmp(key, known[i].name) == 0 && !(skip && strcmp(key, skip) == 0))
				f = &known[i];
		if (!f) {
			resp_error(r, E_INVALID, key, tr(r, "trường này không có trong API", "unknown field"));
			return -1;
		}
		if (json_is_null(v))
			continue;
		int ok = f->type == F_STRING ? json_is_string(v)
		       : f->type == F_BOOL ? json_is_boolean(v)
		       : f->type == F_INT ? json_is_integer(v)
					  : json_is_string(v) || json_is_integer(v);
		if (!ok) {
			resp_error(r, E_INVALID, key,
				   f->type == F_STRING ? tr(r, "phải là chuỗi ký tự", "must be a string")
				   : f->type == F_BOOL ? tr(r, "phải là true hoặc false", "must be true or false")
				   : f->type == F_INT ? tr(r, "phải là số nguyên", "must be an integer")
						      : tr(r, "phải là năm (số) hoặc ngày", "must be a year or a date"));
			return -1;
		}
	}
	return 0;
}

/* A string field: NULL absent, "" null. */
static const char *body_str(const Req *r, const char *name)
{
	json_t *v = json_object_get(r->json, name);
	if (!v)
		return NULL;
	return json_is_string(v) ? json_string_value(v) : "";
}

/* A boolean field as core reads flags: NULL absent, "1"/"0" (null is false). */
static const char *body_flag(const Req *r, const char *name)
{
	json_t *v = json_object_get(r->json, name);
	if (!v)
		return NULL;
	return json_is_true(v) ? "1" : "0";
}

/* A number or string field as text in the request arena: NULL absent, "" null. */
static const char *body_text(Req *r, const char *name)
{
	json_t *v = json_object_get(r->json, name);
	if (!v)
		return NULL;
	if (json_is_integer(v)) {
		char buf[24];
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		return arena_strdup(&r->arena, buf);
	}
	return json_is_string(v) ? json_string_value(v) : "";
}

/* Fills in from the body. The birth comes as "birth" (a year or a date), or as birth_year and
 * birth_date like the API shows a member; *birth_field gets the name the client used so that an
 * error points at it. keep_year is the stored birth year (PATCH) so that clearing birth_date
 * alone keeps the year. -1 after answering 422. */
static int member_input(Req *r, MemberInput *in, int keep_year, const char **birth_field)
{
	*in = (MemberInput){
		.full_name = body_str(r, "full_name"),
		.family_name = body_str(r, "family_name"),
		.middle_name = body_str(r, "middle_name"),
		.given_name = body_str(r, "given_name"),
		.sex = body_str(r, "sex"),
		.ethnicity = body_str(r, "ethnicity"),
		.phone = body_str(r, "phone"),
		.household = body_str(r, "household"),
		.disability = body_flag(r, "disability"),
		.lives_alone = body_flag(r, "lives_alone"),
		.health_card = body_flag(r, "health_card"),
		.village = body_str(r, "village"),
		.joined_on = body_str(r, "joined_on"),
		.left_on = body_str(r, "left_on"),
		.left_reason = body_str(r, "left_reason"),
		.consent_on = body_str(r, "consent_on"),
		.consent_form = body_str(r, "consent_form"),
		.national_id = body_str(r, "national_id"),
		.note = body_str(r, "note"),
		.confirm_duplicate = json_is_true(json_object_get(r->json, "confirm_duplicate")),
	};
	const char *birth = body_text(r, "birth"), *year = body_text(r, "birth_year"), *date = body_str(r, "birth_date");
	*birth_field = "birth";
	if (birth && (year || date)) {
		resp_error(r, E_INVALID, year ? "birth_year" : "birth_date",
			   tr(r, "nhập birth, hoặc birth_year và birth_date, không cả hai", "give birth, or birth_year and birth_date, not both"));
		return -1;
	}
	if (date && *date) {
		/* The year of the date must agree with a birth_year given with it. */
		char iso[VI_DATE_BUFSZ];
		if (year && *year && vi_parse_date(date, iso) == VI_OK && strncmp(iso, year, 4) != 0) {
			resp_error(r, E_INVALID, "birth_year", tr(r, "khác năm của ngày sinh", "differs from the year of birth_date"));
			return -1;
		}
		birth = date;
		*birth_field = "birth_date";
	} else if (year) {
		birth = year;
		*birth_field = "birth_year";
	} else if (date && keep_year > 0) {
		/* birth_date cleared: the year stays. */
		char buf[16];
		snprintf(buf, sizeof buf, "%d", keep_year);
		birth = arena_strdup(&r->arena, buf);
		*birth_field = "birth_date";
	} else if (date) {
		birth = "";
		*birth_field = "birth_date";
	}
	in->birth = birth;
	if (in->national_id && !member_sees_national_id(&r->actor)) {
		resp_error(r, E_FORBIDDEN, "national_id", NULL);
		return -1;
	}
	return 0;
}

/* ---- answers ---- */

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* A member as the API shows it; national_id only for roles that may see it. */
static json_t *member_json(const Req *r, const Member *m)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(m->id));
	json_object_set_new(j, "club_id", json_integer(m->club_id));
	json_object_set_new(j, "club_code", json_string(m->club_code));
	json_object_set_new(j, "club_name", json_string(m->club_name));
	json_object_set_new(j, "full_name", json_string(m->full_name));
	json_object_set_new(j, "family_name", json_string(m->family_name));
	json_object_set_new(j, "middle_name", json_string(m->middle_name));
	json_object_set_new(j, "given_name", json_string(m->given_name));
	json_object_set_new(j, "sex", json_string(m->sex));
	json_object_set_new(j, "birth_year", json_integer(m->birth_year));
	json_object_set_new(j, "birth_date", str_or_null(m->birth_date));
	json_object_set_new(j, "ethnicity", json_string(m->ethnicity));
	json_object_set_new(j, "phone", json_string(m->phone));
	json_object_set_new(j, "household", json_string(m->household));
	json_object_set_new(j, "disability", json_boolean(m->disability));
	json_object_set_new(j, "lives_alone", json_boolean(m->lives_alone));
	json_object_set_new(j, "health_card", json_boolean(m->health_card));
	json_object_set_new(j, "village", json_string(m->village));
	json_object_set_new(j, "joined_on", json_string(m->joined_on));
	json_object_set_new(j, "left_on", str_or_null(m->left_on));
	json_object_set_new(j, "left_reason", json_string(m->left_reason));
	json_object_set_new(j, "consent_on", str_or_null(m->consent_on));
	json_object_set_new(j, "consent_form", json_string(m->consent_form));
	if (member_sees_national_id(&r->actor))
		json_object_set_new(j, "national_id", str_or_null(m->national_id));
	json_object_set_new(j, "note", json_string(m->note));
	return j;
}

typedef struct ListCtx {
	const Req *r;
	json_t *items;
} ListCtx;

static void member_item(const Member *m, void *arg)
{
	ListCtx *l = arg;
	json_array_append_new(l->items, member_json(l->r, m));
}

/* The club of the path, in scope: 1, or 0 after answering 404 (-1 store error). */
static int path_club(Req *r, Club *c)
{
	int have = club_get(r->db, &r->actor, req_param_id(r, "id"), c);
	if (have == 0)
		resp_error(r, E_NOT_FOUND, NULL, NULL);
	return have;
}

/* ?sort= and ?include_left= of member lists; -1 after answering 422. */
static int list_params(Req *r, MemberFilter *f)
{
	const char *sort = req_query(r, "sort"), *left = req_query(r, "include_left");
	f->q = req_query(r, "q");
	f->sort = sort && *sort ? sort : "name";
	if (strcmp(f->sort, "name") != 0 && strcmp(f->sort, "birth") != 0 && strcmp(f->sort, "joined") != 0) {
		resp_error(r, E_INVALID, "sort", "name, birth, joined");
		return -1;
	}
	if (!left || !*left || strcmp(left, "0") == 0 || strcmp(left, "false") == 0)
		f->include_left = 0;
	else if (strcmp(left, "1") == 0 || strcmp(left, "true") == 0)
		f->include_left = 1;
	else {
		resp_error(r, E_INVALID, "include_left", "0, 1");
		return -1;
	}
	return 0;
}

static HandlerResult member_page(Req *r, const MemberFilter *f, const Page *p)
{
	json_t *items = json_array();
	ListCtx l = {r, items};
	int64_t total = member_list(r->db, &r->actor, f, p->offset, p->per_page, member_item, &l);
	if (total < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, api_page_json(p, items, total));
}

HandlerResult api_club_members(Req *r)
{
	Page p;
	MemberFilter f = {0};
	if (api_page(r, &p) != 0 || list_params(r, &f) != 0)
		return H_ERROR;
	Club c;
	int have = path_club(r, &c);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	f.club_id = c.id;
	return member_page(r, &f, &p);
}

HandlerResult api_members(Req *r)
{
	Page p;
	MemberFilter f = {0};
	if (api_page(r, &p) != 0 || list_params(r, &f) != 0)
		return H_ERROR;
	const char *club = req_query(r, "club"), *unit = req_query(r, "unit");
	if (club && *club) {
		Club c;
		int have = club_find(r->db, &r->actor, club, &c);
		if (have < 0)
			return H_FATAL;
		if (!have)
			return resp_error(r, E_NOT_FOUND, "club", NULL);
		f.club_id = c.id;
	}
	if (unit && *unit) {
		char today[11];
		unit_today(today);
		Unit u;
		int have = unit_find(r->db, unit, today, &u);
		if (have < 0)
			return H_FATAL;
		if (!have)
			return resp_error(r, E_NOT_FOUND, "unit", NULL);
		if (!scope_is_national(&r->actor) && !scope_covers_unit(r->db, &r->actor, u.id))
			return resp_error(r, E_OUT_OF_SCOPE, "unit", NULL);
		f.unit_id = u.id;
	}
	return member_page(r, &f, &p);
}

/* Answers a refused create: 409 with the existing member's id for a second record of the same
 * person (send again with "confirm_duplicate": true to create it anyway). */
static HandlerResult member_refused(Req *r, Err *e, int64_t dup, const char *birth_field)
{
	if (e->field && strcmp(e->field, "birth") == 0)
		e->field = birth_field;
	if (e->code == E_DUPLICATE_PERSON && dup > 0) {
		json_t *j = resp_error_json(r, e->code, e->field, NULL);
		json_object_set_new(json_object_get(j, "error"), "existing_member_id", json_integer(dup));
		return resp_json(r, err_http_status(e->code), j);
	}
	return resp_err(r, e);
}

HandlerResult api_club_member_create(Req *r)
{
	/* Another scope's club is absent, whatever the body says. */
	Club c;
	int have = path_club(r, &c);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	if (body_check(r, member_fields, NULL) != 0)
		return H_ERROR;
	MemberInput in;
	const char *birth_field;
	if (member_input(r, &in, 0, &birth_field) != 0)
		return H_ERROR;
	Err e = {0};
	int64_t dup = 0;
	int64_t id = member_create(r->db, &r->actor, c.id, &in, &dup, &e);
	if (id < 0)
		return member_refused(r, &e, dup, birth_field);
	Member m;
	if (member_get(r->db, &r->actor, id, &m) != 1)
		return H_FATAL;
	return resp_json(r, 201, member_json(r, &m));
}

HandlerResult api_member_show(Req *r)
{
	Member m;
	int have = member_get(r->db, &r->actor, req_param_id(r, "id"), &m);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return resp_json(r, 200, member_json(r, &m));
}

HandlerResult api_member_update(Req *r)
{
	int64_t id = req_param_id(r, "id");
	Member m;
	int have = member_get(r->db, &r->actor, id, &m);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	if (body_check(r, member_fields, "confirm_duplicate") != 0)
		return H_ERROR;
	if (json_object_size(r->json) > 0) {
		MemberInput in;
		const char *birth_field;
		if (member_input(r, &in, m.birth_year, &birth_field) != 0)
			return H_ERROR;
		Err e = {0};
		if (member_update(r->db, &r->actor, id, &in, &e) != 0)
			return member_refused(r, &e, 0, birth_field);
		if (member_get(r->db, &r->actor, id, &m) != 1)
			return H_FATAL;
	}
	return resp_json(r, 200, member_json(r, &m));
}

/* ---- board and volunteers ---- */

static json_t *board_json(const Req *r, const BoardRole *b)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)b->id, "member_id",
			 (json_int_t)b->member_id, "member_name", b->member_name, "role", b->role, "role_label",
			 board_role_label(b->role, r->lang), "from", b->from_date, "to", str_or_null(b->to_date));
}

static void board_item(const BoardRole *b, void *arg)
{
	ListCtx *l = arg;
	json_array_append_new(l->items, board_json(l->r, b));
}

/* ?current=1 lists only roles held today; otherwise current and past. */
static int current_param(Req *r, int *current)
{
	const char *s = req_query(r, "current");
	*current = s && (strcmp(s, "1") == 0 || strcmp(s, "true") == 0);
	if (s && *s && !*current && strcmp(s, "0") != 0 && strcmp(s, "false") != 0) {
		resp_error(r, E_INVALID, "current", "0, 1");
		return -1;
	}
	return 0;
}

HandlerResult api_club_board(Req *r)
{
	int current;
	if (current_param(r, &current) != 0)
		return H_ERROR;
	Club c;
	int have = path_club(r, &c);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	json_t *items = json_array();
	ListCtx l = {r, items};
	if (board_list(r->db, &r->actor, c.id, current, board_item, &l) < 0) {
		json_decref(items);
		return H_FATAL;
	}
	return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

/* The body's member_id, a member on this club's book: 1, or -1 after answering 422. */
static int body_member(Req *r, const Club *c, Member *m)
{
	json_t *v = json_object_get(r->json, "member_id");
	if (!v || json_is_null(v)) {
		resp_error(r, E_REQUIRED, "member_id", NULL);
		return -1;
	}
	int have = member_get(r->db, &r->actor, json_integer_value(v), m);
	if (have < 0) {
		resp_error(r, E_INTERNAL, NULL, NULL);
		return -1;
	}
	if (!have || m->club_id != c->id) {
		resp_error(r, E_INVALID, "member_id", tr(r, "không phải thành viên của CLB này", "not a member of this club"));
		return -1;
	}
	return 1;
}

typedef struct FindBoard {
	int64_t member_id;
	const char *role;
	BoardRole found;
} FindBoard;

static void board_find(const BoardRole *b, void *arg)
{
	FindBoard *f = arg;
	if (b->member_id == f->member_id && strcmp(b->role, f->role) == 0 && !b->to_date[0] && b->id > f->found.id)
		f->found = *b;
}

HandlerResult api_club_board_assign(Req *r)
{
	static const BodyField fields[] = {{"member_id", F_INT}, {"role", F_STRING}, {"from", F_STRING}, {NULL, F_STRING}};
	Club c;
	int have = path_club(r, &c);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	if (body_check(r, fields, NULL) != 0)
		return H_ERROR;
	Member m;
	if (body_member(r, &c, &m) < 0)
		return H_ERROR;
	const char *role = body_str(r, "role");
	if (!role || !*role)
		return resp_error(r, E_REQUIRED, "role", NULL);
	if (!board_role_valid(role))
		return resp_error(r, E_INVALID, "role", "chair, vice_chair, accountant, treasurer, secretary, board_member");
	Err e = {0};
	if (board_assign(r->db, &r->actor, m.id, role, body_str(r, "from"), &e) != 0)
		return resp_err(r, &e);
	FindBoard f = {m.id, role, {0}};
	if (board_list(r->db, &r->actor, c.id, 0, board_find, &f) < 0 || !f.found.id)
		return H_FATAL;
	return resp_json(r, 201, board_json(r, &f.found));
}

static json_t *volunteer_json(const Volunteer *v)
{
	/* visits is a list joined with ", " by core: the people visited, one string each. */
	json_t *visits = json_array();
	for (const char *p = v->visits; *p;) {
		const char *end = strstr(p, ", ");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n)
			json_array_append_new(visits, json_stringn(p, n));
		p += n + (end ? 2 : 0);
	}
	return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)v->id, "member_id", (json_int_t)v->member_id,
			 "member_name", v->member_name, "from", v->from_date, "to", str_or_null(v->to_date), "visits", visits);
}

typedef struct VolCtx {
	json_t *items;
	int64_t want;
	json_t *found;
} VolCtx;

static void volunteer_item(const Volunteer *v, void *arg)
{
	VolCtx *l = arg;
	if (l->items)
		json_array_append_new(l->items, volunteer_json(v));
	if (l->want && v->id == l->want && !l->found)
		l->found = volunteer_json(v);
}

HandlerResult api_club_volunteers(Req *r)
{
	int current;
	if (current_param(r, &current) != 0)
		return H_ERROR;
	Club c;
	int have = path_club(r, &c);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	VolCtx l = {json_array(), 0, NULL};
	if (volunteer_list(r->db, &r->actor, c.id, current, volunteer_item, &l) < 0) {
		json_decref(l.items);
		return H_FATAL;
	}
	return resp_json(r, 200, json_pack("{s:o}", "items", l.items));
}

HandlerResult api_club_volunteer_add(Req *r)
{
	static const BodyField fields[] = {{"member_id", F_INT}, {"from", F_STRING}, {NULL, F_STRING}};
	Club c;
	int have = path_club(r, &c);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	if (body_check(r, fields, NULL) != 0)
		return H_ERROR;
	Member m;
	if (body_member(r, &c, &m) < 0)
		return H_ERROR;
	Err e = {0};
	int64_t id = volunteer_add(r->db, &r->actor, m.id, body_str(r, "from"), &e);
	if (id < 0)
		return resp_err(r, &e);
	VolCtx l = {NULL, id, NULL};
	if (volunteer_list(r->db, &r->actor, c.id, 0, volunteer_item, &l) < 0 || !l.found)
		return H_FATAL;
	return resp_json(r, 201, l.found);
}
