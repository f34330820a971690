/* See tableset.h. */
#include "core/tableset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/programme.h"
#include "core/scope.h"

static const char *const set_members[] = {"MEM_TOTAL", "MEM_WOMEN", "R_WOMEN", "MEM_OLDER", "R_OLDER",
					  "MEM_POOR", "R_POOR", "MEM_DISAB", "MEM_JOINED", "MEM_LEFT"};
static const char *const set_meetings[] = {"_REPORTS", "MEET_HELD", "R_MEETING", "MEET_ATTEND", "BOARD_MEET",
					   "HEA_CHECKS", "HEA_EXERCISE", "CARE_VISITS", "LEARN_SESS", "CULT_EVENTS",
					   "MUT_HELPS"};
static const char *const set_funds[] = {"INC_FUND_VND", "INC_LOANS_N", "INC_LOANS_VND", "INC_REPAID_VND",
					"INC_OUTSTANDING", "INC_BORROWERS", "R_BORROW", "INC_PAR30_VND", "R_PAR30",
					"ACT_FUND_VND"};
static const char *const set_reporting[] = {"_EXPECTED", "_SUBMITTED", "_ONTIME", "_APPROVED", "R_REPORTED",
					    "R_ONTIME", "R_APPROVED"};

#define SET(code, vi, en, a, chart) {code, vi, en, a, sizeof a / sizeof *a, chart}
const TableSet table_sets[] = {
	SET("members", "Thành viên và cơ cấu thành viên", "Members and composition", set_members, 0),
	SET("meetings", "Sinh hoạt và hoạt động", "Meetings and activities", set_meetings, 1),
	SET("funds", "Quỹ và cho vay", "Funds and loans", set_funds, 4),
	SET("reporting", "Tình hình báo cáo", "Reporting", set_reporting, 4),
};
const size_t table_set_count = sizeof table_sets / sizeof *table_sets;

const TableSet *table_set_find(const char *code)
{
	for (size_t i = 0; code && i < table_set_count; i++)
		if (strcmp(table_sets[i].code, code) == 0)
			return &table_sets[i];
	return NULL;
}

/* The programme measure an indicator or rate stands for, or -1: the programme's borrowing share
 * is INC_BORROWERS / MEM_TOTAL of the month, exactly R_BORROW (core/programme.h). */
static int measure_of(const char *code)
{
	return strcmp(code, "R_BORROW") == 0 ? M_BORROWING_SHARE : -1;
}

/* The targets of the columns: the programme's for the unit and year of `to` (or its whole
 * period), else the model's range of a rate. 0 or -1 (store error). */
static int targets_load(Db *db, TableResult *t, int64_t unit_id)
{
	ProgrammeInfo p;
	char day[11];
	snprintf(day, sizeof day, "%.7s-28", t->to);
	int hp = programme_current(db, day, &p);
	if (hp < 0)
		return -1;
	int year = atoi(t->to);
	for (size_t i = 0; i < t->set->ncodes; i++) {
		TableTarget *g = &t->targets[i];
		g->low = g->high = -1;
		int m = measure_of(t->set->codes[i]);
		if (hp > 0 && m >= 0) {
			Target tg;
			int h = target_in_force(db, p.id, unit_id, year, m, &tg);
			if (h == 0)
				h = target_in_force(db, p.id, unit_id, 0, m, &tg);
			if (h < 0)
				return -1;
			if (h > 0) {
				g->has = 1;
				g->low = (int)tg.value;
				snprintf(g->source, sizeof g->source, "%s", p.code);
				continue;
			}
		}
		const TotalRate *r = t->cols[i].rate;
		if (r && (r->target_low >= 0 || r->target_high >= 0)) {
			g->has = 1;
			g->low = r->target_low;
			g->high = r->target_high;
			snprintf(g->source, sizeof g->source, "model");
		}
	}
	return 0;
}

int table_run(Db *db, const Actor *by, const char *unit, const char *from, const char *to,
	      const TableSet *set, TotalClass cls, TableResult *out, Err *e)
{
	memset(out, 0, sizeof *out);
	if (!set)
		return err_set(e, E_INVALID, "set");
	if (by->role == ROLE_NONE)
		return err_set(e, E_FORBIDDEN, NULL);
	out->set = set;
	snprintf(out->from, sizeof out->from, "%s", from ? from : "");
	snprintf(out->to, sizeof out->to, "%s", to ? to : "");
	/* No unit: the actor's own scope (a club user's club, by month). */
	if (!unit || !*unit)
		unit = scope_is_national(by) ? "" : by->scope;
	out->by_month = strchr(unit, '-') != NULL;
	out->cols = calloc(set->ncodes, sizeof *out->cols);
	out->targets = calloc(set->ncodes, sizeof *out->targets);
	if (!out->cols || !out->targets) {
		table_free(out);
		return err_set(e, E_INTERNAL, NULL);
	}
	for (size_t i = 0; i < set->ncodes; i++) {
		if (total_column(db, set->codes[i], &out->cols[i]) <= 0) {
			table_free(out);
			return err_set(e, E_INTERNAL, NULL);
		}
	}
	for (int g = 0; g < 2; g++) {
		TotalQuery q = {.unit = unit, .from = out->from, .to = out->to, .codes = set->codes,
				.ncodes = set->ncodes, .by_child = !out->by_month, .step = TOTAL_MONTH,
				.geo = g == TABLE_GEO_TODAY ? TOTAL_TODAY : TOTAL_THEN, .cls = cls};
		Err ge = {0};
		if (total_query(db, by, &q, &out->geo[g], &ge) != 0) {
			/* A unit of today that did not exist then has no table "as organised then". */
			if (g == TABLE_GEO_THEN && ge.code == E_NOT_FOUND)
				continue;
			*e = ge;
			table_free(out);
			return -1;
		}
		out->has[g] = 1;
	}
	if (targets_load(db, out, out->geo[TABLE_GEO_TODAY].unit_id) != 0) {
		table_free(out);
		return err_set(e, E_INTERNAL, NULL);
	}
	return 0;
}

void table_free(TableResult *t)
{
	for (int g = 0; g < 2; g++)
		if (t->has[g])
			total_free(&t->geo[g]);
	free(t->cols);
	free(t->targets);
	memset(t, 0, sizeof *t);
}
