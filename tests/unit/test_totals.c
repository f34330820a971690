/* core/total: a property test. Random clubs (founded before and after the 2025 reform, in
 * provinces that merged), random members and random reports moved through every workflow step,
 * then an absorbed commune mapped afterwards; every total asked of total_query, in both
 * geographies, by month and by sub-unit, is compared with a plain recomputation from the raw
 * rows (clubs, units and their links, reports and their values) that does not use unit_reach or
 * report_totals. total_verify must find report_totals equal to its own recomputation too.
 * The seed is printed on failure; ISHC_TEST_SEED=N repeats a run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/club.h"
#include "core/indicator.h"
#include "core/member.h"
#include "core/report.h"
#include "core/total.h"
#include "core/unit.h"
#include "testutil.h"

static uint64_t rng;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static Actor actor(Role role, const char *scope)
{
	Actor a = {.role = role, .user_id = 1};
	strcpy(a.username, "tester");
	strcpy(a.lang, "vi");
	strcpy(a.scope, scope);
	return a;
}

/* ---- the raw rows, read back plainly ---- */

enum { UNITS_MAX = 20000, CLUBS_MAX = 64, REPORTS_MAX = 4000 };

typedef struct RawUnit {
	int64_t id, parent, next;
	char code[8], from[11], to[11];
} RawUnit;

static RawUnit units[UNITS_MAX];
static size_t nunits;

typedef struct RawClub {
	int64_t id, unit;
	char code[16];
} RawClub;

static RawClub clubs[CLUBS_MAX];
static size_t nclubs;

typedef struct RawReport {
	int64_t club;
	char period[8], status[12];
	int64_t mem_total, mem_women, attend;
	int has_total, has_women, has_attend;
} RawReport;

static RawReport reports[REPORTS_MAX];
static size_t nreports;

static RawUnit *unit_by_id(int64_t id)
{
	for (size_t i = 0; i < nunits; i++)
		if (units[i].id == id)
			return &units[i];
	return NULL;
}

static void raw_load(Db *db)
{
	nunits = nclubs = nreports = 0;
	Stmt *st = db_stmt(db, "t_units",
			   "SELECT u.id, COALESCE(u.parent_id, 0), COALESCE(l.to_id, 0), u.code, u.valid_from, "
			   "COALESCE(u.valid_to, '') FROM units u LEFT JOIN unit_links l ON l.from_id = u.id");
	while (db_step(st) == DB_ROW) {
		assert_true(nunits < UNITS_MAX);
		RawUnit *u = &units[nunits++];
		u->id = db_col_int(st, 0);
		u->parent = db_col_int(st, 1);
		u->next = db_col_int(st, 2);
		snprintf(u->code, sizeof u->code, "%s", db_col_text(st, 3));
		snprintf(u->from, sizeof u->from, "%s", db_col_text(st, 4));
		snprintf(u->to, sizeof u->to, "%s", db_col_text(st, 5));
	}
	st = db_stmt(db, "t_clubs", "SELECT id, unit_id, code FROM clubs");
	while (db_step(st) == DB_ROW) {
		RawClub *c = &clubs[nclubs++];
		c->id = db_col_int(st, 0);
		c->unit = db_col_int(st, 1);
		snprintf(c->code, sizeof c->code, "%s", db_col_text(st, 2));
	}
	st = db_stmt(db, "t_reports", "SELECT id, club_id, period, status FROM reports");
	Stmt *vs = db_stmt(db, "t_values", "SELECT code, value FROM report_values WHERE report_id = $1");
	int64_t ids[REPORTS_MAX];
	while (db_step(st) == DB_ROW) {
		assert_true(nreports < REPORTS_MAX);
		RawReport *r = &reports[nreports];
		memset(r, 0, sizeof *r);
		ids[nreports++] = db_col_int(st, 0);
		r->club = db_col_int(st, 1);
		snprintf(r->period, sizeof r->period, "%s", db_col_text(st, 2));
		snprintf(r->status, sizeof r->status, "%s", db_col_text(st, 3));
	}
	for (size_t i = 0; i < nreports; i++) {
		db_bind_int(vs, 1, ids[i]);
		while (db_step(vs) == DB_ROW) {
			const char *code = db_col_text(vs, 0);
			int64_t v = db_col_int(vs, 1);
			if (strcmp(code, "MEM_TOTAL") == 0)
				reports[i].mem_total = v, reports[i].has_total = 1;
			else if (strcmp(code, "MEM_WOMEN") == 0)
				reports[i].mem_women = v, reports[i].has_women = 1;
			else if (strcmp(code, "MEET_ATTEND") == 0)
				reports[i].attend = v, reports[i].has_attend = 1;
		}
	}
}

/* 1 if a report of club (founding commune c) for period counts in unit u: u is reached from c by
 * parents and successors, and u had not ended before the month began. */
static int counts_in(int64_t commune, const char *period, const RawUnit *u)
{
	char first[11];
	snprintf(first, sizeof first, "%s-01", period);
	if (u->to[0] && strcmp(u->to, first) < 0)
		return 0;
	int64_t stack[256];
	size_t n = 0;
	stack[n++] = commune;
	for (size_t guard = 0; n && guard < 10000; guard++) {
		int64_t id = stack[--n];
		if (id == u->id)
			return 1;
		RawUnit *x = unit_by_id(id);
		if (x && x->parent && n < 255)
			stack[n++] = x->parent;
		if (x && x->next && n < 255)
			stack[n++] = x->next;
	}
	return 0;
}

static void month_last(const char *period, char out[11])
{
	int y = atoi(period), m = atoi(period + 5);
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	snprintf(out, 11, "%s-%02d", period, d[m - 1] + (m == 2 && y % 4 == 0));
}

static RawUnit *unit_on(const char *code, const char *date)
{
	for (size_t i = 0; i < nunits; i++)
		if (strcmp(units[i].code, code) == 0 && strcmp(units[i].from, date) <= 0 &&
		    (!units[i].to[0] || strcmp(units[i].to, date) >= 0))
			return &units[i];
	return NULL;
}

static int in_class(const char *status, TotalClass cls)
{
	return cls == TOTAL_ALL || (cls == TOTAL_SUBMITTED && (strcmp(status, "submitted") == 0 ||
							       strcmp(status, "approved") == 0)) ||
	       (cls == TOTAL_APPROVED && strcmp(status, "approved") == 0);
}

typedef struct Sums {
	int64_t total, women, attend, reports;
	int has_total, has_women, has_attend;
} Sums;

/* The plain sums of period over reports counting in u (NULL = the country). */
static Sums plain(const RawUnit *u, const char *period, TotalClass cls)
{
	Sums s = {0};
	for (size_t i = 0; i < nreports; i++) {
		const RawReport *r = &reports[i];
		if (strcmp(r->period, period) != 0 || !in_class(r->status, cls))
			continue;
		int64_t commune = 0;
		for (size_t c = 0; c < nclubs; c++)
			if (clubs[c].id == r->club)
				commune = clubs[c].unit;
		if (u && !counts_in(commune, period, u))
			continue;
		s.reports++;
		if (r->has_total)
			s.total += r->mem_total, s.has_total = 1;
		if (r->has_women)
			s.women += r->mem_women, s.has_women = 1;
		if (r->has_attend)
			s.attend += r->attend, s.has_attend = 1;
	}
	return s;
}

static const char *const codes[] = {"MEM_TOTAL", "MEM_WOMEN", "MEET_ATTEND", "_REPORTS", "R_WOMEN"};

static void check_cells(const TotalCell *c, const Sums *s, const char *what)
{
	if (c[0].has != s->has_total || (s->has_total && c[0].value != s->total))
		fail_msg("%s MEM_TOTAL: got %lld (has %d), want %lld (has %d)", what, (long long)c[0].value, c[0].has,
			 (long long)s->total, s->has_total);
	if (c[1].has != s->has_women || (s->has_women && c[1].value != s->women))
		fail_msg("%s MEM_WOMEN: got %lld, want %lld", what, (long long)c[1].value, (long long)s->women);
	if (c[2].has != s->has_attend || (s->has_attend && c[2].value != s->attend))
		fail_msg("%s MEET_ATTEND: got %lld (has %d), want %lld (has %d)", what, (long long)c[2].value, c[2].has,
			 (long long)s->attend, s->has_attend);
	if (c[3].value != s->reports)
		fail_msg("%s _REPORTS: got %lld, want %lld", what, (long long)c[3].value, (long long)s->reports);
	if (c[4].num != s->women || c[4].den != s->total)
		fail_msg("%s R_WOMEN: got %lld/%lld, want %lld/%lld", what, (long long)c[4].num, (long long)c[4].den,
			 (long long)s->women, (long long)s->total);
}

static const char *const provinces[] = {"24", "27", "38", "02", "08"};
static const char *const months[] = {"2023-06", "2024-01", "2024-12", "2025-05", "2025-06",
				     "2025-07", "2025-08", "2026-01", "2026-06", "2026-09"};

/* Every unit code worth asking about: the provinces (old and new), the clubs' communes and
 * districts then, their successors now. */
static void check_all(Db *db, const char *stage)
{
	assert_int_equal(total_verify(db), 0);
	raw_load(db);
	Actor admin = actor(ROLE_ADMIN, "");
	char today[11] = "2026-10-15";
	char asked[256][8];
	size_t nasked = 0;
	for (size_t i = 0; i < sizeof provinces / sizeof *provinces; i++)
		snprintf(asked[nasked++], 8, "%s", provinces[i]);
	for (size_t c = 0; c < nclubs && nasked < 250; c++) {
		RawUnit *u = unit_by_id(clubs[c].unit);
		snprintf(asked[nasked++], 8, "%s", u->code);
		RawUnit *d = unit_by_id(u->parent);
		if (d)
			snprintf(asked[nasked++], 8, "%s", d->code);
	}
	for (size_t m = 0; m < sizeof months / sizeof *months; m++) {
		const char *period = months[m];
		char last[11];
		month_last(period, last);
		for (int cls = TOTAL_ALL; cls <= TOTAL_APPROVED; cls++) {
			for (int geo = TOTAL_THEN; geo <= TOTAL_TODAY; geo++) {
				/* the country, the same in both */
				TotalQuery q = {.unit = "", .from = period, .to = period, .codes = codes, .ncodes = 5,
						.geo = (TotalGeo)geo, .cls = (TotalClass)cls};
				TotalAnswer a;
				Err e = {0};
				assert_int_equal(total_query(db, &admin, &q, &a, &e), 0);
				Sums s = plain(NULL, period, (TotalClass)cls);
				char what[160];
				snprintf(what, sizeof what, "%s country %s cls %d geo %d", stage, period, cls, geo);
				check_cells(a.total.cells, &s, what);
				check_cells(a.rows[0].cells, &s, what);
				total_free(&a);
				for (size_t k = 0; k < nasked; k++) {
					RawUnit *u = unit_on(asked[k], geo == TOTAL_THEN ? last : today);
					q.unit = asked[k];
					int rc = total_query(db, &admin, &q, &a, &e);
					if (!u) {
						/* no such unit in force: nothing, or an ended unit's last month */
						if (rc == 0)
							total_free(&a);
						continue;
					}
					assert_int_equal(rc, 0);
					Sums us = plain(u, period, (TotalClass)cls);
					snprintf(what, sizeof what, "%s unit %.7s (%lld) %s cls %d geo %d", stage, asked[k],
						 (long long)u->id, period, cls, geo);
					check_cells(a.rows[0].cells, &us, what);
					total_free(&a);
					/* by sub-unit: each child, and children plus the rest make the total */
					if (cls != TOTAL_ALL)
						continue;
					q.by_child = 1;
					assert_int_equal(total_query(db, &admin, &q, &a, &e), 0);
					check_cells(a.total.cells, &us, what);
					int64_t sum = 0;
					for (size_t r = 0; r < a.nrows; r++) {
						sum += a.rows[r].cells[3].value;
						if (!a.rows[r].unit_id)
							continue;
						RawUnit *child = unit_by_id(a.rows[r].unit_id);
						Sums cs = plain(child, period, TOTAL_ALL);
						char cw[200];
						snprintf(cw, sizeof cw, "%s child %s", what, child->code);
						check_cells(a.rows[r].cells, &cs, cw);
					}
					if (sum != us.reports)
						fail_msg("%s: children and rest %lld, total %lld", what, (long long)sum,
							 (long long)us.reports);
					total_free(&a);
					q.by_child = 0;
				}
			}
		}
	}
}

static char *pick_commune(Db *db, const char *province, int old, char out[8])
{
	/* a random commune of the province, of the old list (three levels) or of today's (two) */
	Stmt *st = old ? db_stmt(db, "t_old_communes",
				 "SELECT u.code FROM units u JOIN units d ON d.id = u.parent_id JOIN units p ON p.id = d.parent_id "
				 "WHERE p.code = $1 AND u.valid_to = '2025-06-30' ORDER BY u.code")
		       : db_stmt(db, "t_new_communes",
				 "SELECT u.code FROM units u JOIN units p ON p.id = u.parent_id "
				 "WHERE p.code = $1 AND u.valid_to IS NULL AND u.level = 'commune' ORDER BY u.code");
	db_bind_text(st, 1, province);
	char list[1000][8];
	size_t n = 0;
	while (db_step(st) == DB_ROW && n < 1000)
		snprintf(list[n++], 8, "%s", db_col_text(st, 0));
	if (!n)
		return NULL;
	snprintf(out, 8, "%s", list[rnd((uint32_t)n)]);
	return out;
}

static void totals_match_a_plain_recomputation(void **state)
{
	(void)state;
	const char *seed_env = getenv("ISHC_TEST_SEED");
	uint64_t seed = seed_env ? strtoull(seed_env, NULL, 10) : 20261126;
	rng = seed * 2654435761u + 1;
	print_message("seed %llu\n", (unsigned long long)seed);
	setenv("ISHC_NOW", "1792051200", 1); /* 2026-10-15 */
	Db *db = test_db_open_units("totals-property");
	Actor admin = actor(ROLE_ADMIN, "");
	Err e = {0};
	assert_int_equal(indicator_load_builtin(db, &admin, &e), 0);
	/* clubs: founded before the reform in old communes, and after it in new ones */
	char absorbed[8] = "";
	for (int i = 0; i < 24; i++) {
		const char *prov = provinces[rnd(5)];
		int old = rnd(3) != 0;
		char commune[8], founded[11];
		if (old)
			snprintf(founded, sizeof founded, "20%02u-%02u-%02u", 23 + rnd(2), 1 + rnd(12), 1 + rnd(28));
		else
			snprintf(founded, sizeof founded, "2025-%02u-%02u", 7 + rnd(6), 1 + rnd(28));
		const char *p = prov;
		if (!old) /* today's provinces: 27 and 02 merged into 24 and 08 */
			p = strcmp(prov, "27") == 0 ? "24" : strcmp(prov, "02") == 0 ? "08" : prov;
		if (!pick_commune(db, p, old, commune))
			continue;
		ClubInput c = {.name = "CLB Thử", .unit_code = commune, .founded_on = founded, .status = "active"};
		int64_t id = club_create(db, &admin, &c, &e);
		if (id <= 0)
			fail_msg("club in %s founded %s: %s %s", commune, founded, err_code_name(e.code), e.field ? e.field : "");
		for (uint32_t m = 0, nm = 2 + rnd(6); m < nm; m++) {
			char joined[11];
			snprintf(joined, sizeof joined, "%.4s-%02u-01", founded, 1 + rnd(12));
			if (strcmp(joined, founded) < 0)
				snprintf(joined, sizeof joined, "%s", founded);
			char name[64];
			snprintf(name, sizeof name, "Người Thử %c%c", 'A' + (char)(i % 26), 'A' + (char)m);
			MemberInput in = {.full_name = name, .sex = rnd(3) ? "F" : "M", .birth = rnd(2) ? "1950" : "1985",
					  .joined_on = joined, .confirm_duplicate = 1};
			assert_true(member_create(db, &admin, id, &in, NULL, &e) > 0);
		}
		if (old && !absorbed[0]) {
			/* remember an old commune whose code did not live on, to map later */
			Stmt *st = db_stmt(db, "t_absorbed",
					   "SELECT u.code FROM units u WHERE u.code = $1 AND u.valid_to = '2025-06-30' AND NOT EXISTS "
					   "(SELECT 1 FROM unit_links l WHERE l.from_id = u.id)");
			db_bind_text(st, 1, commune);
			if (db_step(st) == DB_ROW)
				snprintf(absorbed, sizeof absorbed, "%s", db_col_text(st, 0));
			db_reset(st);
		}
	}
	/* reports: random months, values, and steps */
	raw_load(db);
	int saved = 0, moved = 0;
	for (int i = 0; i < 400; i++) {
		const RawClub *c = &clubs[rnd((uint32_t)nclubs)];
		char period[8];
		snprintf(period, sizeof period, "%s", months[rnd(sizeof months / sizeof *months)]);
		char attend[16], held[4];
		snprintf(attend, sizeof attend, "%u", rnd(6));
		snprintf(held, sizeof held, "%u", rnd(2));
		ReportValue v[] = {{"MEET_HELD", held}, {"MEET_ATTEND", attend}, {"HEA_CHECKS", "3"}};
		ReportSaveOpts o = {.source = "api", .confirm_all = 1};
		ReportProblems p;
		uint32_t step = rnd(8);
		if (step < 4)
			saved += report_save(db, &admin, c->id, period, v, 1 + rnd(3), &o, &p, &e) == 0;
		else
			saved += report_submit(db, &admin, c->id, period, v, 2, &o, &p, &e) == 0;
		if (step >= 5)
			moved += report_approve(db, &admin, c->id, period, &e) == 0;
		if (step == 7 || step == 4) {
			int r = step == 4 ? report_return(db, &admin, c->id, period, "Xem lại số dự họp", &e)
					  : report_reopen(db, &admin, c->id, period, "Sửa số liệu", &e);
			moved += r == 0;
		}
	}
	print_message("saved %d, moved %d\n", saved, moved);
	assert_true(saved > 50);
	assert_true(moved > 10);
	check_all(db, "after reports");
	/* an absorbed commune mapped afterwards: its clubs' old months now reach a commune of today */
	if (absorbed[0]) {
		char target[8];
		Stmt *st = db_stmt(db, "t_absorbed_province",
				   "SELECT p.code FROM units u JOIN units d ON d.id = u.parent_id JOIN units p ON p.id = d.parent_id "
				   "WHERE u.code = $1 AND u.valid_to = '2025-06-30'");
		db_bind_text(st, 1, absorbed);
		assert_int_equal(db_step(st), DB_ROW);
		char prov[8];
		snprintf(prov, sizeof prov, "%s", db_col_text(st, 0));
		db_reset(st);
		const char *np = strcmp(prov, "27") == 0 ? "24" : strcmp(prov, "02") == 0 ? "08" : prov;
		assert_non_null(pick_commune(db, np, 0, target));
		UnitMapRow row = {.row = 2, .old_code = absorbed, .new_code = target};
		int64_t linked = 0;
		Problems pr = {0};
		if (unit_import_map(db, &admin, &row, 1, &linked, &pr, &e) != 0)
			fail_msg("map %s -> %s: %s", absorbed, target, pr.kept ? pr.items[0].en : err_code_name(e.code));
		print_message("mapped %s -> %s\n", absorbed, target);
		check_all(db, "after mapping");
	}
	db_close(db);
}

/* A saved value is in the totals at once; a reopened month leaves the approved class. */
static void a_save_is_in_the_next_total(void **state)
{
	(void)state;
	setenv("ISHC_NOW", "1792051200", 1);
	Db *db = test_db_open_units("totals-live");
	Actor admin = actor(ROLE_ADMIN, ""), commune = actor(ROLE_COMMUNE, "15961"),
	      province = actor(ROLE_PROVINCE, "38"), other = actor(ROLE_PROVINCE, "01");
	Err e = {0};
	assert_int_equal(indicator_load_builtin(db, &admin, &e), 0);
	ClubInput c = {.name = "CLB Hoằng Lộc", .unit_code = "15961", .founded_on = "2024-03-15", .status = "active"};
	int64_t id = club_create(db, &admin, &c, &e);
	assert_true(id > 0);
	ReportValue v[] = {{"HEA_CHECKS", "12"}};
	ReportProblems p;
	assert_int_equal(report_save(db, &commune, id, "2026-09", v, 1, NULL, &p, &e), 0);
	static const char *const one[] = {"HEA_CHECKS", "_REPORTS", "_EXPECTED", "R_REPORTED"};
	TotalQuery q = {.unit = "38", .from = "2026-09", .to = "2026-09", .codes = one, .ncodes = 4,
			.geo = TOTAL_TODAY, .cls = TOTAL_ALL};
	TotalAnswer a;
	assert_int_equal(total_query(db, &province, &q, &a, &e), 0);
	assert_int_equal(a.total.cells[0].value, 12);
	assert_int_equal(a.total.cells[2].value, 1);
	assert_int_equal(a.total.cells[3].num, 0); /* a draft is not submitted */
	total_free(&a);
	q.cls = TOTAL_SUBMITTED;
	assert_int_equal(total_query(db, &province, &q, &a, &e), 0);
	assert_false(a.total.cells[0].has);
	total_free(&a);
	assert_int_equal(report_submit(db, &commune, id, "2026-09", NULL, 0, NULL, &p, &e), 0);
	assert_int_equal(total_query(db, &province, &q, &a, &e), 0);
	assert_int_equal(a.total.cells[0].value, 12);
	assert_int_equal(a.total.cells[3].num, 1);
	assert_int_equal(a.total.cells[3].den, 1);
	total_free(&a);
	/* a province of elsewhere does not see Thanh Hóa */
	assert_int_equal(total_query(db, &other, &q, &a, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	/* approve, reopen by the province: out of the approved class again */
	assert_int_equal(report_approve(db, &commune, id, "2026-09", &e), 0);
	q.cls = TOTAL_APPROVED;
	assert_int_equal(total_query(db, &province, &q, &a, &e), 0);
	assert_int_equal(a.total.cells[0].value, 12);
	total_free(&a);
	assert_int_equal(report_reopen(db, &commune, id, "2026-09", "sai", &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(report_reopen(db, &province, id, "2026-09", "", &e), -1);
	assert_int_equal(e.code, E_REQUIRED);
	assert_int_equal(report_reopen(db, &province, id, "2026-09", "Sửa số khám sức khỏe", &e), 0);
	assert_int_equal(total_query(db, &province, &q, &a, &e), 0);
	assert_false(a.total.cells[0].has);
	total_free(&a);
	/* bad questions name the parameter */
	static const char *const bad[] = {"NOPE"};
	TotalQuery b = q;
	b.codes = bad;
	b.ncodes = 1;
	assert_int_equal(total_query(db, &province, &b, &a, &e), -1);
	assert_string_equal(e.field, "indicators");
	b = q;
	b.from = "2026-13";
	assert_int_equal(total_query(db, &province, &b, &a, &e), -1);
	assert_string_equal(e.field, "from");
	b = q;
	b.from = "2026-10";
	assert_int_equal(total_query(db, &province, &b, &a, &e), -1);
	assert_string_equal(e.field, "to");
	assert_int_equal(total_verify(db), 0);
	/* a total changed behind the product's back is found, and a rebuild puts it right */
	Stmt *st = db_stmt(db, "t_tamper", "UPDATE report_totals SET all_sum = all_sum + 1 WHERE unit_id = 0 AND code = 'HEA_CHECKS'");
	assert_int_equal(db_exec_stmt(st), DB_OK);
	assert_int_equal(total_verify(db), 1);
	assert_int_equal(total_rebuild(db), DB_OK);
	assert_int_equal(total_verify(db), 0);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_save_is_in_the_next_total),
		cmocka_unit_test(totals_match_a_plain_recomputation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
