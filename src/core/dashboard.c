/* The dashboard of a unit (see dashboard.h): one call gathering the live figures of the modules
 * that own them. */
#include "core/dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scope.h"
#include "core/unit.h"

const char *const dash_codes[DASH_NCODES] = {"_EXPECTED", "MEM_TOTAL",  "R_REPORTED", "R_BORROW",
					     "R_PAR30",   "R_WOMEN",    "MEM_OLDER",  "MEM_WOMEN",
					     "MEM_POOR",  "MEM_DISAB",  "CARE_VOLUNT"};

void dashboard_free(Dashboard *d)
{
	if (d->months.rows || d->months.total.cells)
		total_free(&d->months);
	if (d->has_children)
		total_free(&d->children);
	d->has_children = 0;
	memset(&d->months, 0, sizeof d->months);
}

/* The months of year up to last month (the current month is still being reported). */
static void year_months(int year, char from[8], char to[8])
{
	char today[11];
	unit_today(today);
	int ty = atoi(today), tm = atoi(today + 5);
	int ly = tm == 1 ? ty - 1 : ty, lm = tm == 1 ? 12 : tm - 1;
	snprintf(from, 8, "%04u-01", (unsigned)year % 10000u);
	if (year < ly)
		snprintf(to, 8, "%04u-12", (unsigned)year % 10000u);
	else if (year == ly)
		snprintf(to, 8, "%04u-%02u", (unsigned)ly % 10000u, (unsigned)lm % 100u);
	else
		snprintf(to, 8, "%04u-01", (unsigned)year % 10000u); /* January of this year: nothing reported yet */
}

static int is_club_code(const char *s)
{
	return s && strchr(s, '-') != NULL;
}

/* The sums of plan_list for the whole country (the same rules: a plan counts as issued, and a
 * budget as approved, when dated by the end of year or undated), in one statement. 0 or -1. */
static int plan_sums(Db *db, const ProgrammeInfo *p, int year, PlanSummary *sum)
{
	memset(sum, 0, sizeof *sum);
	char geo[11], year_end[11];
	if (p->start_date[0])
		snprintf(geo, sizeof geo, "%s", p->start_date);
	else
		unit_today(geo);
	snprintf(year_end, sizeof year_end, "%04u-12-31", (unsigned)year % 10000u);
	Stmt *st = db_stmt(db, "dashboard_plan_sums",
			   "SELECT COUNT(*), "
			   "COALESCE(SUM(CASE WHEN pp.id IS NOT NULL THEN 1 ELSE 0 END), 0), "
			   "COALESCE(SUM(CASE WHEN pp.issued = 1 AND (pp.issued_on IS NULL OR pp.issued_on = '' "
			   "OR pp.issued_on <= $3) THEN 1 ELSE 0 END), 0), "
			   "COALESCE(SUM(CASE WHEN pp.budget_vnd > 0 AND (pp.budget_date IS NULL OR pp.budget_date = '' "
			   "OR pp.budget_date <= $3) THEN 1 ELSE 0 END), 0), "
			   "COALESCE(SUM(CASE WHEN pp.budget_vnd > 0 AND (pp.budget_date IS NULL OR pp.budget_date = '' "
			   "OR pp.budget_date <= $3) THEN pp.budget_vnd ELSE 0 END), 0) "
			   "FROM units u LEFT JOIN province_plans pp ON pp.unit_id = u.id AND pp.programme_id = $2 "
			   "WHERE u.level = 'province' AND u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to >= $1)");
	if (!st)
		return -1;
	db_bind_text(st, 1, geo);
	db_bind_int(st, 2, p->id);
	db_bind_text(st, 3, year_end);
	int ok = db_step(st) == DB_ROW;
	if (ok) {
		sum->provinces = db_col_int(st, 0);
		sum->recorded = db_col_int(st, 1);
		sum->issued = db_col_int(st, 2);
		sum->budget_provinces = db_col_int(st, 3);
		sum->budget_total = db_col_int(st, 4);
	}
	db_reset(st);
	return ok ? 0 : -1;
}

int dashboard_get(Db *db, const Actor *by, const char *unit, int year, TotalGeo geo, Dashboard *d, Err *e)
{
	memset(d, 0, sizeof *d);
	char today[11];
	unit_today(today);
	int this_year = atoi(today);
	if (!year)
		year = this_year;
	if (year < 2000 || year > this_year)
		return err_set(e, E_INVALID, "year");
	if (!unit || !*unit)
		unit = by->scope;
	d->year = year;
	d->geo = geo;
	year_months(year, d->from, d->to);

	/* The year by month: the first query also checks the unit and the scope. */
	TotalQuery q = {.unit = unit, .from = d->from, .to = d->to, .codes = dash_codes, .ncodes = DASH_NCODES,
			.by_child = 0, .step = TOTAL_MONTH, .geo = geo, .cls = TOTAL_SUBMITTED};
	if (total_query(db, by, &q, &d->months, e) != 0)
		return -1;
	snprintf(d->unit_code, sizeof d->unit_code, "%s", d->months.unit_code);
	snprintf(d->unit_name, sizeof d->unit_name, "%s", d->months.unit_name);
	snprintf(d->unit_level, sizeof d->unit_level, "%s", d->months.unit_level);
	int club = is_club_code(unit);
	if (club)
		snprintf(d->unit_level, sizeof d->unit_level, "club");

	/* The latest month with members reported (the last month may not be reported yet). */
	snprintf(d->latest, sizeof d->latest, "%s", d->to);
	d->latest_row = d->months.nrows ? d->months.nrows - 1 : 0;
	for (size_t i = d->months.nrows; i-- > 0;) {
		const TotalCell *m = &d->months.rows[i].cells[DASH_MEMBERS];
		if (m->has && m->value > 0) {
			snprintf(d->latest, sizeof d->latest, "%.7s", d->months.rows[i].period);
			d->latest_row = i;
			break;
		}
	}

	/* The sub-units on that month. */
	if (!club) {
		TotalQuery c = q;
		c.by_child = 1;
		c.from = c.to = d->latest;
		if (total_query(db, by, &c, &d->children, e) != 0)
			return -1;
		d->has_children = 1;
	}

	/* Composition against the model, as at the end of the months counted (today for this year). */
	char on[11];
	if (year == this_year)
		snprintf(on, sizeof on, "%s", today);
	else
		snprintf(on, sizeof on, "%04d-12-31", year % 10000);
	int64_t club_id = 0;
	if (club) {
		Club cl;
		int f = club_get_by_code(db, by, unit, &cl);
		if (f < 0)
			return err_set(e, E_INTERNAL, NULL);
		if (f == 0)
			return err_set(e, E_NOT_FOUND, "unit");
		club_id = cl.id;
		d->club_id = cl.id;
	}
	for (int k = 0; k < MODEL_CHECKS; k++)
		d->checks_known[k] = 1;
	if (club || strcmp(d->unit_level, "commune") == 0) {
		if (club_composition(db, by, club_id, club ? 0 : d->months.unit_id, on, &d->comp) != 0)
			return err_set(e, E_INTERNAL, NULL);
	} else if (d->months.nrows) {
		const TotalCell *c = d->months.rows[d->latest_row].cells;
		d->comp_from_reports = 1;
		d->comp.clubs = c[DASH_MEMBERS].clubs;
		d->comp.members = c[DASH_MEMBERS].value;
		d->comp.older = c[DASH_MEM_OLDER].value;
		d->comp.women = c[DASH_MEM_WOMEN].value;
		d->comp.younger = d->comp.members - d->comp.older;
		d->comp.poor = c[DASH_MEM_POOR].value;
		d->comp.disabled = c[DASH_MEM_DISAB].value;
		d->comp.volunteers = c[DASH_VOLUNTEERS].value;
	}
	club_model_checks(&d->comp, d->checks);
	if (d->comp_from_reports)
		for (int k = 0; k < MODEL_CHECKS; k++)
			if (strcmp(d->checks[k].key, "priority_share") == 0 || strcmp(d->checks[k].key, "board") == 0) {
				d->checks_known[k] = 0;
				d->checks[k].off = 0;
			}

	/* The funds today (the books are live; a year before shows today's books too). */
	if (fund_figures(db, by, d->unit_code[0] && strcmp(d->unit_level, "country") ? unit : NULL, NULL, 0, &d->funds,
			 NULL, NULL, e) != 0)
		return -1;

	/* The programme of the year: the country, or a province of its geography. */
	int national = strcmp(d->unit_level, "country") == 0, province = strcmp(d->unit_level, "province") == 0;
	char mid[11];
	snprintf(mid, sizeof mid, "%04d-07-01", year % 10000);
	if (national || province) {
		int got = programme_current(db, mid, &d->programme);
		if (got < 0)
			return err_set(e, E_INTERNAL, NULL);
		int64_t pu = 0;
		if (got && province) {
			char name[128];
			int in = plan_province(db, by, &d->programme, d->unit_code, &pu, name);
			if (in < 0)
				return err_set(e, E_INTERNAL, NULL);
			got = in;
		}
		if (got) {
			Err pe = {0};
			if (programme_progress(db, by, d->programme.id, pu, year, d->progress, &pe) == 0)
				d->has_programme = 1;
			else if (pe.code == E_INTERNAL)
				return err_set(e, E_INTERNAL, NULL);
		}
		/* Plans: the roles that read them, for their own scope (the sums are the scope's). */
		int own = strcmp(unit, by->scope) == 0;
		if (d->has_programme && plan_may_read(by) && own) {
			/* The country's sums in one statement; a province's through plan_list (which counts
			 * each province's clubs too: 63 statements for the country). */
			if ((by->scope[0] ? plan_list(db, by, d->programme.id, year, NULL, NULL, &d->plans)
					  : plan_sums(db, &d->programme, year, &d->plans)) < 0)
				return err_set(e, E_INTERNAL, NULL);
			d->has_plans = 1;
		}
	}

	/* Trainings of the year and follow-ups overdue, in the actor's scope. */
	if (training_by_province(db, by, year, NULL, NULL, &d->trainings) < 0)
		return err_set(e, E_INTERNAL, NULL);
	d->overdue = followup_overdue(db, by, NULL, NULL);
	if (d->overdue < 0)
		return err_set(e, E_INTERNAL, NULL);
	return 0;
}

int dashboard_parse(const char *y, const char *g, int *year, TotalGeo *geo, Err *e)
{
	*year = 0;
	*geo = TOTAL_THEN;
	if (y && *y) {
		char *end;
		long v = strtol(y, &end, 10);
		if (*end || end == y || v < 2000 || v > 9999)
			return err_set(e, E_INVALID, "year");
		*year = (int)v;
	}
	if (g && *g) {
		if (strcmp(g, "today") == 0)
			*geo = TOTAL_TODAY;
		else if (strcmp(g, "then") != 0)
			return err_set(e, E_INVALID, "geography");
	}
	return 0;
}
