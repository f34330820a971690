/* core/guidance: documents of direction and guidance — create, update, list, the scope of each
 * role, refusals that name their field and change nothing, and the annual review's count and
 * sentence — on a real database (SQLite, or PostgreSQL with ISHC_TEST_PG). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/guidance.h"
#include "core/programme.h"
#include "core/review.h"
#include "out/review_text.h"
#include "testutil.h"

static Actor actor(Role role, const char *scope)
{
	Actor a = {.role = role, .user_id = 1};
	strcpy(a.username, "tester");
	strcpy(a.lang, "vi");
	strcpy(a.scope, scope);
	return a;
}

static int64_t count(Db *db, const char *name, const char *sql)
{
	Stmt *st = db_stmt(db, name, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

static int64_t docs(Db *db)
{
	return count(db, "g_docs", "SELECT COUNT(*) FROM guidance_documents");
}

static int64_t audits(Db *db)
{
	return count(db, "g_audit", "SELECT COUNT(*) FROM audit_log WHERE entity = 'guidance_document'");
}

/* Today is 10/02/2026. */
static Db *setup(const char *name)
{
	setenv("ISHC_NOW", "1770681600", 1);
	return test_db_open_units(name);
}

typedef struct Seen {
	int n;
	char numbers[400];
} Seen;

static void seen(const GuidanceDoc *d, void *arg)
{
	Seen *s = arg;
	s->n++;
	size_t l = strlen(s->numbers);
	snprintf(s->numbers + l, sizeof s->numbers - l, "%s%s", l ? "," : "", d->number);
}

static Seen list(Db *db, const Actor *a, int year, int64_t unit)
{
	Seen s = {0};
	GuidanceFilter f = {.year = year, .unit_id = unit};
	int64_t total = guidance_list(db, a, &f, 0, 100, seen, &s);
	assert_int_equal(total, s.n);
	return s;
}

static void test_create_update_list(void **state)
{
	(void)state;
	Db *db = setup("guidance_crud");
	Actor central = actor(ROLE_CENTRAL, ""), province = actor(ROLE_PROVINCE, "38"), other = actor(ROLE_PROVINCE, "01"),
	      viewer = actor(ROLE_VIEWER, ""), commune = actor(ROLE_COMMUNE, "15961"), club = actor(ROLE_CLUB, "15961-01");
	Err e = {0};
	GuidanceInput in = {.unit_code = "", .programme_code = "DA1336", .number = " 125/HD-NCT ", .issued_on = "15/03/2021",
			    .kind = "guidance", .title = "Hướng dẫn  thành lập CLB", .issuer = "Trung ương Hội NCT Việt Nam"};
	int64_t id = guidance_create(db, &central, &in, &e);
	assert_true(id > 0);
	GuidanceDoc d;
	assert_int_equal(guidance_get(db, &central, id, &d), 1);
	assert_string_equal(d.number, "125/HD-NCT");
	assert_string_equal(d.issued_on, "2021-03-15");
	assert_string_equal(d.title, "Hướng dẫn thành lập CLB");
	assert_string_equal(d.programme_code, "DA1336");
	assert_int_equal(d.unit_id, 0);
	assert_int_equal(audits(db), 1);

	/* A province's own: the province user records it, the issuing unit is theirs. */
	GuidanceInput p = {.programme_code = "", .number = "15/KH-HNCT", .issued_on = "2021-04-02", .kind = "plan",
			   .title = "Kế hoạch năm 2021"};
	int64_t pid = guidance_create(db, &province, &p, &e);
	assert_true(pid > 0);
	assert_int_equal(guidance_get(db, &province, pid, &d), 1);
	assert_true(d.unit_id > 0);
	assert_string_equal(d.unit_code, "38");
	assert_int_equal(d.programme_id, 0);

	/* Who sees what: the province sees central's and its own; another province central's only;
	 * viewers all; communes and clubs nothing. */
	assert_int_equal(guidance_get(db, &province, id, &d), 1);
	assert_int_equal(guidance_get(db, &other, pid, &d), 0);
	assert_int_equal(guidance_get(db, &other, id, &d), 1);
	assert_int_equal(guidance_get(db, &viewer, pid, &d), 1);
	assert_int_equal(guidance_get(db, &commune, id, &d), 0);
	assert_int_equal(guidance_get(db, &club, id, &d), 0);
	assert_int_equal(list(db, &central, 2021, -1).n, 2);
	assert_int_equal(list(db, &province, 0, -1).n, 2);
	assert_int_equal(list(db, &other, 0, -1).n, 1);
	assert_int_equal(list(db, &commune, 0, -1).n, 0);
	assert_int_equal(list(db, &central, 2021, 0).n, 1);
	assert_int_equal(list(db, &central, 2022, -1).n, 0);
	GuidanceFilter pf = {.unit_id = -1, .programme_id = 1};
	Seen s = {0};
	assert_int_equal(guidance_list(db, &central, &pf, 0, 100, seen, &s), 1);
	assert_string_equal(s.numbers, "125/HD-NCT");

	/* Update: audited with before and after. */
	GuidanceInput up = {.title = "Hướng dẫn thành lập, duy trì CLB", .kind = "guidance"};
	assert_int_equal(guidance_update(db, &central, id, &up, &e), 0);
	assert_int_equal(guidance_get(db, &central, id, &d), 1);
	assert_string_equal(d.title, "Hướng dẫn thành lập, duy trì CLB");
	assert_string_equal(d.number, "125/HD-NCT");
	assert_int_equal(audits(db), 3);
	assert_int_equal(guidance_update(db, &province, pid, &up, &e), 0);
	db_close(db);
}

static void test_refusals(void **state)
{
	(void)state;
	Db *db = setup("guidance_refusals");
	Actor central = actor(ROLE_CENTRAL, ""), province = actor(ROLE_PROVINCE, "38"), viewer = actor(ROLE_VIEWER, ""),
	      commune = actor(ROLE_COMMUNE, "15961"), club = actor(ROLE_CLUB, "15961-01");
	Err e = {0};
	GuidanceInput ok = {.unit_code = "", .programme_code = "DA1336", .number = "46/KH-NCT", .issued_on = "2021-02-05",
			    .kind = "plan", .title = "Kế hoạch 2021"};
	int64_t id = guidance_create(db, &central, &ok, &e);
	assert_true(id > 0);
	GuidanceInput pin = ok;
	pin.unit_code = "38";
	pin.number = "15/KH-HNCT";
	int64_t pid = guidance_create(db, &province, &pin, &e);
	assert_true(pid > 0);
	int64_t n = docs(db), a = audits(db);

	static const struct {
		const char *field, *value;
		ErrCode code;
	} cases[] = {
		{"number", "", E_REQUIRED},
		{"number", "1234567890123456789012345678901234567890123456789012345678901", E_TOO_LONG},
		{"issued_on", "", E_REQUIRED},
		{"issued_on", "31/02/2021", E_DATE},
		{"issued_on", "11/02/2026", E_DOC_FUTURE},
		{"kind", "memo", E_INVALID},
		{"kind", "", E_REQUIRED},
		{"title", "   ", E_REQUIRED},
		{"programme", "DA9999", E_NOT_FOUND},
		{"unit", "99", E_NOT_FOUND},
		{"unit", "15961", E_NOT_PROVINCE},
		{"number", "46/KH-NCT", E_DOC_DUPLICATE},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		GuidanceInput bad = ok;
		if (strcmp(cases[i].field, "number") == 0)
			bad.number = cases[i].value;
		else if (strcmp(cases[i].field, "issued_on") == 0)
			bad.issued_on = cases[i].value;
		else if (strcmp(cases[i].field, "kind") == 0)
			bad.kind = cases[i].value;
		else if (strcmp(cases[i].field, "title") == 0)
			bad.title = cases[i].value;
		else if (strcmp(cases[i].field, "programme") == 0)
			bad.programme_code = cases[i].value;
		else
			bad.unit_code = cases[i].value;
		if (cases[i].code == E_DOC_DUPLICATE)
			bad.issued_on = "2021-12-30"; /* same unit, number and year */
		memset(&e, 0, sizeof e);
		assert_true(guidance_create(db, &central, &bad, &e) < 0);
		assert_int_equal(e.code, cases[i].code);
		assert_string_equal(e.field, cases[i].field);
	}
	/* The same number another year, or from a province, is another document. */
	GuidanceInput next = ok;
	next.issued_on = "2022-01-05";
	assert_true(guidance_create(db, &central, &next, &e) > 0);
	GuidanceInput prov_same = ok;
	prov_same.unit_code = "38";
	assert_true(guidance_create(db, &central, &prov_same, &e) > 0);
	n += 2;
	a += 2;
	assert_int_equal(docs(db), n);

	/* Scope: a province writes neither central's nor another province's; communes, clubs, viewers
	 * write nothing. */
	GuidanceInput other = ok;
	other.unit_code = "01";
	other.number = "1/KH";
	assert_true(guidance_create(db, &province, &other, &e) < 0);
	assert_int_equal(e.code, E_OUT_OF_SCOPE);
	assert_string_equal(e.field, "unit");
	GuidanceInput up = {.title = "Đổi"};
	assert_int_equal(guidance_update(db, &province, id, &up, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_true(guidance_create(db, &commune, &ok, &e) < 0);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_true(guidance_create(db, &club, &ok, &e) < 0);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_true(guidance_create(db, &viewer, &ok, &e) < 0);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(guidance_update(db, &viewer, id, &up, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(guidance_update(db, &commune, id, &up, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);

	/* Update refusals name their field and keep the stored document. */
	GuidanceInput bad_up = {.number = "15/KH-HNCT"};
	assert_int_equal(guidance_update(db, &central, pid, &(GuidanceInput){.number = ""}, &e), -1);
	assert_string_equal(e.field, "number");
	GuidanceInput dup = {.number = "15/KH-HNCT"};
	GuidanceInput p2 = pin;
	p2.number = "16/KH-HNCT";
	int64_t pid2 = guidance_create(db, &province, &p2, &e);
	assert_true(pid2 > 0);
	n++;
	a++;
	assert_int_equal(guidance_update(db, &province, pid2, &dup, &e), -1);
	assert_int_equal(e.code, E_DOC_DUPLICATE);
	assert_string_equal(e.field, "number");
	(void)bad_up;
	assert_int_equal(guidance_update(db, &central, id, &(GuidanceInput){.unit_code = "38"}, &e), -1);
	assert_string_equal(e.field, "unit");
	GuidanceDoc d;
	assert_int_equal(guidance_get(db, &central, pid2, &d), 1);
	assert_string_equal(d.number, "16/KH-HNCT");
	assert_int_equal(docs(db), n);
	assert_int_equal(audits(db), a);
	db_close(db);
}

static int has(const ReviewText *t, const char *s)
{
	for (size_t i = 0; i < t->n; i++)
		if (strstr(t->paras[i].text, s))
			return 1;
	return 0;
}

static void test_review_count(void **state)
{
	(void)state;
	Db *db = setup("guidance_review");
	Actor central = actor(ROLE_CENTRAL, ""), province = actor(ROLE_PROVINCE, "38");
	Err e = {0};
	ProgrammeInfo p;
	assert_int_equal(programme_get_code(db, "DA1336", &p), 1);
	GuidanceInput a = {.unit_code = "", .programme_code = "DA1336", .number = "46/KH-NCT", .issued_on = "2021-02-05",
			   .kind = "plan", .title = "Kế hoạch 2021"};
	assert_true(guidance_create(db, &central, &a, &e) > 0);
	GuidanceInput b = {.unit_code = "", .programme_code = "", .number = "125/HD-NCT", .issued_on = "2021-03-15",
			   .kind = "guidance", .title = "Hướng dẫn"};
	assert_true(guidance_create(db, &central, &b, &e) > 0);
	GuidanceInput other_prog = {.unit_code = "", .programme_code = "DA1648", .number = "1/KH-NCT",
				    .issued_on = "2021-05-05", .kind = "plan", .title = "Khác"};
	assert_true(guidance_create(db, &central, &other_prog, &e) > 0);
	GuidanceInput other_year = {.unit_code = "", .programme_code = "DA1336", .number = "2/KH-NCT",
				    .issued_on = "2022-05-05", .kind = "plan", .title = "Năm sau"};
	assert_true(guidance_create(db, &central, &other_year, &e) > 0);
	GuidanceInput prov = {.unit_code = "38", .programme_code = "DA1336", .number = "15/KH-HNCT",
			      .issued_on = "2021-04-02", .kind = "plan", .title = "Kế hoạch tỉnh"};
	assert_true(guidance_create(db, &province, &prov, &e) > 0);

	ReviewData d;
	assert_int_equal(review_build(db, &central, p.id, 2021, "", &d, &e), 0);
	assert_int_equal(d.documents, 2);
	assert_int_equal(d.document_list.total, 2);
	assert_string_equal(d.document_list.items[0].name, "46/KH-NCT");
	ReviewText t;
	assert_int_equal(review_text(&d, "2022-01-10", &t), 0);
	assert_true(has(&t, "Trung ương Hội ban hành 2 văn bản chỉ đạo, hướng dẫn (Kế hoạch số 46/KH-NCT ngày 05/02/2021 và "
			    "Hướng dẫn số 125/HD-NCT ngày 15/03/2021)."));
	review_text_free(&t);
	review_free(&d);

	assert_int_equal(review_build(db, &province, p.id, 2021, "38", &d, &e), 0);
	assert_int_equal(d.documents, 1);
	review_free(&d);

	assert_int_equal(review_build(db, &central, p.id, 2023, "", &d, &e), 0);
	assert_int_equal(d.documents, 0);
	assert_int_equal(review_text(&d, "2024-01-10", &t), 0);
	assert_true(has(&t, "Trong năm 2023, Trung ương Hội chưa ghi nhận văn bản chỉ đạo, hướng dẫn nào."));
	review_text_free(&t);
	review_free(&d);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_update_list),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_review_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
