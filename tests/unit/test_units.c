/* core/unit: the reference lists through the 2025 reform, dates, restating, history, imports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/unit.h"
#include "testutil.h"

static Actor admin(void)
{
	Actor a = {.role = ROLE_ADMIN};
	strcpy(a.username, "test");
	return a;
}

static const struct {
	UnitLevel level;
	const char *on;
	int64_t count;
} counts[] = {
	{UNIT_PROVINCE, "2021-06-30", 63},
	/* 696 districts, of which the five island districts without communes (Bạch Long Vĩ, Cồn Cỏ,
	 * Hoàng Sa...) are not in the commune list, which is where districts come from. */
	{UNIT_DISTRICT, "2021-06-30", 691},
	{UNIT_COMMUNE, "2021-06-30", 10035},
	{UNIT_PROVINCE, "2025-03-01", 63},    /* Huế became a city on 2025-01-01: still 63 */
	{UNIT_PROVINCE, "2025-06-30", 63},
	{UNIT_PROVINCE, "2025-07-01", 34},
	{UNIT_DISTRICT, "2025-07-01", 0},
	{UNIT_COMMUNE, "2025-07-01", 3321},
	{UNIT_PROVINCE, "2026-11-26", 34},
	{UNIT_COMMUNE, "2026-11-26", 3321},
};

static void the_country_then_and_now(void **state)
{
	Db *db = test_db_open_units("counts");
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
		int64_t n = unit_count(db, counts[i].level, counts[i].on);
		if (n != counts[i].count)
			fail_msg("%s on %s: %lld, expected %lld", unit_level_name(counts[i].level), counts[i].on, (long long)n,
				 (long long)counts[i].count);
	}
	db_close(db);
}

static void codes_are_read_with_their_date(void **state)
{
	Db *db = test_db_open_units("codes");
	Unit u;
	assert_int_equal(unit_find(db, "24", "2021-06-30", &u), 1);
	assert_string_equal(u.name, "Bắc Giang");
	assert_string_equal(u.valid_to, "2025-06-30");
	assert_int_equal(unit_find(db, "24", "2025-07-01", &u), 1);
	assert_string_equal(u.name, "Bắc Ninh");
	assert_string_equal(u.valid_to, "");
	assert_int_equal(unit_find(db, "27", "2025-07-01", &u), 0);
	/* Old tone placement in a list is stored in the modern form. */
	assert_int_equal(unit_find(db, "15865", "2026-01-01", &u), 1);
	assert_string_equal(u.name, "Xã Hoằng Hóa");
	assert_string_equal(u.kind, "xa");
	assert_int_equal(unit_find(db, "46", "2024-06-30", &u), 1);
	assert_string_equal(u.name, "Thừa Thiên Huế");
	assert_int_equal(unit_find(db, "46", "2025-03-01", &u), 1);
	assert_string_equal(u.name, "Huế");
	db_close(db);
}

typedef struct Names {
	char list[400][128];
	int n;
} Names;

static void collect(const Unit *u, void *arg)
{
	Names *n = arg;
	if (n->n < 400)
		strcpy(n->list[n->n++], u->name);
}

static void search_folds_accents_and_sorts_vietnamese(void **state)
{
	Db *db = test_db_open_units("search");
	Names n = {0};
	UnitFilter f = {"2026-11-26", UNIT_PROVINCE, 0, "da nang"};
	assert_int_equal(unit_list(db, &f, 0, 50, collect, &n), 1);
	assert_string_equal(n.list[0], "Đà Nẵng");
	n.n = 0;
	UnitFilter all = {"2026-11-26", UNIT_PROVINCE, 0, NULL};
	assert_int_equal(unit_list(db, &all, 0, 50, collect, &n), 34);
	/* Vietnamese order: An Giang, Bắc Ninh, Cà Mau, ... Đà Nẵng after all the D's. */
	assert_string_equal(n.list[0], "An Giang");
	assert_string_equal(n.list[1], "Bắc Ninh");
	int dn = -1, dt = -1;
	for (int i = 0; i < n.n; i++) {
		if (!strcmp(n.list[i], "Đà Nẵng"))
			dn = i;
		if (!strcmp(n.list[i], "Điện Biên"))
			dt = i;
	}
	assert_true(dn > 0 && dt > dn);
	for (int i = 0; i < n.n; i++)
		if (n.list[i][0] == 'D' && n.list[i][1] != '\0')
			assert_true(i < dn);
	/* A commune found by typing without accents, and the search is literal about % and _. */
	n.n = 0;
	UnitFilter q = {"2026-11-26", UNIT_COMMUNE, 0, "hoang loc"};
	assert_int_equal(unit_list(db, &q, 0, 50, collect, &n), 1);
	assert_string_equal(n.list[0], "Xã Hoằng Lộc");
	UnitFilter pct = {"2026-11-26", 0, 0, "%"};
	assert_int_equal(unit_list(db, &pct, 0, 50, collect, &n), 0);
	db_close(db);
}

static void children_follow_the_date(void **state)
{
	Db *db = test_db_open_units("children");
	Unit th, hue;
	assert_int_equal(unit_find(db, "38", "2021-06-30", &th), 1);
	Names n = {0};
	UnitFilter old = {"2021-06-30", 0, th.id, NULL};
	int64_t districts = unit_list(db, &old, 0, 400, collect, &n);
	assert_true(districts > 20 && districts < 30);   /* Thanh Hóa had 27 districts */
	UnitFilter now = {"2026-11-26", 0, th.id, NULL};
	int64_t communes = unit_list(db, &now, 0, 400, collect, &n);
	assert_true(communes > 100);
	/* Huế became a city on 2025-01-01: its districts, recorded under Thừa Thiên Huế, are still
	 * found under it until the reform. */
	assert_int_equal(unit_find(db, "46", "2025-03-01", &hue), 1);
	UnitFilter h = {"2025-03-01", 0, hue.id, NULL};
	assert_true(unit_list(db, &h, 0, 400, collect, &n) > 5);
	db_close(db);
}

static void old_units_are_restated_to_today(void **state)
{
	Db *db = test_db_open_units("restated");
	Unit old, now;
	/* Province merged: Bắc Giang (24, old) and Bắc Ninh (27, old) are today's Bắc Ninh (24). */
	assert_int_equal(unit_find(db, "27", "2021-06-30", &old), 1);
	assert_int_equal(unit_restated(db, old.id, "2026-11-26", &now), 1);
	assert_string_equal(now.code, "24");
	assert_string_equal(now.name, "Bắc Ninh");
	/* A commune whose code lives on. */
	assert_int_equal(unit_find(db, "15961", "2021-06-30", &old), 1);
	assert_int_equal(unit_restated(db, old.id, "2026-11-26", &now), 1);
	assert_string_equal(now.name, "Xã Hoằng Lộc");
	/* An absorbed commune nobody has mapped yet. */
	assert_int_equal(unit_find(db, "15964", "2021-06-30", &old), 1);
	assert_string_equal(old.name, "Xã Hoằng Lộc");
	assert_int_equal(unit_restated(db, old.id, "2026-11-26", &now), 0);
	/* ...but its data still rolls up into today's province through its old province. */
	Unit prov;
	assert_int_equal(unit_find(db, "38", "2026-11-26", &prov), 1);
	assert_true(unit_within(db, old.id, prov.id));
	Unit bn;
	assert_int_equal(unit_find(db, "24", "2026-11-26", &bn), 1);
	assert_true(unit_within(db, old.id, old.id));
	assert_false(unit_within(db, old.id, bn.id));
	/* Every old district of Bắc Giang rolls up into today's Bắc Ninh. */
	Unit bg;
	assert_int_equal(unit_find(db, "24", "2021-06-30", &bg), 1);
	UnitFilter f = {"2021-06-30", UNIT_DISTRICT, bg.id, NULL};
	Names n = {0};
	assert_true(unit_list(db, &f, 0, 400, collect, &n) > 5);
	assert_true(unit_within(db, bg.id, bn.id));
	Unit district;
	assert_int_equal(unit_find(db, "213", "2021-06-30", &district), 1);   /* Thành phố Bắc Giang */
	assert_true(unit_within(db, district.id, bn.id));
	db_close(db);
}

static void history_of_a_merged_province(void **state)
{
	Db *db = test_db_open_units("history");
	Unit bn;
	assert_int_equal(unit_find(db, "24", "2026-11-26", &bn), 1);
	Names n = {0};
	assert_int_equal(unit_history(db, bn.id, collect, &n), 2);
	int bg = 0, bno = 0;
	for (int i = 0; i < n.n; i++) {
		bg |= !strcmp(n.list[i], "Bắc Giang");
		bno |= !strcmp(n.list[i], "Bắc Ninh");
	}
	assert_true(bg && bno);
	db_close(db);
}

static UnitListRow row(size_t r, const char *p, const char *c, const char *name)
{
	return (UnitListRow){r, p, NULL, NULL, c, name};
}

static void a_bad_list_changes_nothing(void **state)
{
	Db *db = test_db_open_units("badlist");
	Actor by = admin();
	UnitListRow rows[] = {
		row(2, "38", "15961", "Xã Hoằng Lộc"),
		row(3, "99", "15976", "Xã Hoằng Châu"),          /* no province 99 */
		row(4, "38", "1597", "Xã Ngắn"),                 /* code too short */
		row(5, "38", "15961", "Xã Hai Lần"),             /* listed twice */
		row(6, "38", "15991", ""),                       /* no name */
		row(7, "38", "15992", "Xã \xC3\x28"),            /* broken UTF-8 */
	};
	Problems p = {0};
	Err e = {0};
	int64_t before = unit_count(db, UNIT_COMMUNE, "2027-01-01");
	assert_int_equal(unit_import_list(db, &by, rows, 6, "2027-01-01", NULL, "t", NULL, &p, &e), -1);
	assert_int_equal(p.total, 5);
	size_t want_rows[] = {3, 4, 5, 6, 7};
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(p.items[i].row, want_rows[i]);
	assert_non_null(strstr(p.items[2].vi, "dòng 2"));
	assert_int_equal(unit_count(db, UNIT_COMMUNE, "2027-01-01"), before);
	/* A list that starts before the current one overlaps it. */
	UnitListRow early[] = {row(2, "38", "15961", "Xã Hoằng Lộc")};
	memset(&p, 0, sizeof p);
	assert_int_equal(unit_import_list(db, &by, early, 1, "2025-01-01", NULL, "t", NULL, &p, &e), -1);
	assert_int_equal(p.total, 1);
	assert_non_null(strstr(p.items[0].en, "overlap"));
	db_close(db);
}

static void a_new_list_continues_replaces_and_ends(void **state)
{
	Db *db = test_db_open_units("newlist");
	Actor by = admin();
	/* A tiny "2027 list" for the country: Hoằng Lộc continues, Hoằng Châu is renamed, and every
	 * other commune ends on 2026-12-31. */
	UnitListRow rows[] = {
		row(2, "38", "15961", "Xã Hoằng Lộc"),
		row(3, "38", "15976", "Xã Hoằng Châu Mới"),
	};
	Problems p = {0};
	Err e = {0};
	UnitImportResult res;
	assert_int_equal(unit_import_list(db, &by, rows, 2, "2027-01-01", NULL, "t", &res, &p, &e), 0);
	assert_int_equal(res.continued, 1);
	assert_int_equal(res.created, 1);
	assert_int_equal(res.linked, 1);
	assert_int_equal(res.ended, 3321 - 1);
	assert_int_equal(unit_count(db, UNIT_COMMUNE, "2027-01-01"), 2);
	assert_int_equal(unit_count(db, UNIT_COMMUNE, "2026-12-31"), 3321);
	Unit u, now;
	assert_int_equal(unit_find(db, "15976", "2026-12-31", &u), 1);
	assert_string_equal(u.valid_to, "2026-12-31");
	assert_int_equal(unit_restated(db, u.id, "2027-06-01", &now), 1);
	assert_string_equal(now.name, "Xã Hoằng Châu Mới");
	assert_int_equal(unit_find(db, "15961", "2027-06-01", &u), 1);
	assert_string_equal(u.valid_from, "2025-07-01");
	/* The same list again: it would overlap itself. */
	memset(&p, 0, sizeof p);
	assert_int_equal(unit_import_list(db, &by, rows, 2, "2027-01-01", NULL, "t", NULL, &p, &e), -1);
	db_close(db);
}

static UnitMapRow map(size_t r, const char *o, const char *n)
{
	return (UnitMapRow){r, o, n};
}

static void mappings_link_absorbed_communes(void **state)
{
	Db *db = test_db_open_units("map");
	Actor by = admin();
	Problems p = {0};
	Err e = {0};
	UnitMapRow bad[] = {
		map(2, "15964", "15961"),   /* fine */
		map(3, "15964", "15976"),   /* mapped twice in the file */
		map(4, "77777", "15961"),   /* unknown */
		map(5, "15961", "15976"),   /* already linked by its kept code */
		map(6, "38", "15961"),      /* Thanh Hóa never ended */
		map(7, "15967", "38"),      /* a commune onto a province */
	};
	int64_t linked = 0;
	assert_int_equal(unit_import_map(db, &by, bad, 6, &linked, &p, &e), -1);
	assert_int_equal(p.total, 5);
	Unit old, now;
	assert_int_equal(unit_find(db, "15964", "2021-06-30", &old), 1);
	assert_int_equal(unit_restated(db, old.id, "2026-11-26", &now), 0);
	UnitMapRow good[] = {map(2, "15964", "15961")};
	memset(&p, 0, sizeof p);
	assert_int_equal(unit_import_map(db, &by, good, 1, &linked, &p, &e), 0);
	assert_int_equal(linked, 1);
	assert_int_equal(unit_restated(db, old.id, "2026-11-26", &now), 1);
	assert_string_equal(now.code, "15961");
	/* Now the old commune's history is part of today's commune (and its scope). */
	assert_true(unit_within(db, old.id, now.id));
	Names n = {0};
	assert_int_equal(unit_history(db, now.id, collect, &n), 2);
	/* Mapping it again is a unit mapped twice. */
	memset(&p, 0, sizeof p);
	assert_int_equal(unit_import_map(db, &by, good, 1, &linked, &p, &e), -1);
	assert_non_null(strstr(p.items[0].en, "already mapped"));
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_country_then_and_now),
		cmocka_unit_test(codes_are_read_with_their_date),
		cmocka_unit_test(search_folds_accents_and_sorts_vietnamese),
		cmocka_unit_test(children_follow_the_date),
		cmocka_unit_test(old_units_are_restated_to_today),
		cmocka_unit_test(history_of_a_merged_province),
		cmocka_unit_test(a_bad_list_changes_nothing),
		cmocka_unit_test(a_new_list_continues_replaces_and_ends),
		cmocka_unit_test(mappings_link_absorbed_communes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
