/* The dashboard of a unit (issue 9): the figures a level looks at, gathered in one call from the
 * core modules that own them, so the page, the API and anything else cannot disagree with the
 * tables behind each figure. Nothing is cached: every figure is read live (the report totals, the
 * fund figures and the member book are kept current by the writers).
 *   clubs, members, reporting   core/total.h: the year's months by time (members, clubs expected,
 *                               reports) and the sub-units on the last month (by child)
 *   composition                 a commune or a club: core/club.h club_composition (the member
 *                               book) and the model checks; above: the same checks on the member
 *                               counts of the latest month's reports (kept from the member book
 *                               when each report is saved; reading the book of a whole province
 *                               or the country takes too long for a dashboard)
 *   funds, borrowing, PAR30     core/fund.h fund_figures (today)
 *   progress, plans             core/programme.h (the national programme in force in the year;
 *                               the country and provinces only)
 *   trainings, follow-ups       core/work.h
 * Who: every role, for its scope (viewers too: none of these is a person's data). */
#ifndef ISHC_CORE_DASHBOARD_H
#define ISHC_CORE_DASHBOARD_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/club.h"
#include "core/err.h"
#include "core/fund.h"
#include "core/programme.h"
#include "core/total.h"
#include "core/work.h"
#include "store/db.h"

/* The columns of the by-child and by-month answers, in this order. */
enum {
	DASH_EXPECTED, DASH_MEMBERS, DASH_REPORTED, DASH_BORROW, DASH_PAR30, DASH_WOMEN,
	DASH_MEM_OLDER, DASH_MEM_WOMEN, DASH_MEM_POOR, DASH_MEM_DISAB, DASH_VOLUNTEERS, DASH_NCODES
};
extern const char *const dash_codes[DASH_NCODES];

typedef struct Dashboard {
	char unit_code[16], unit_name[200], unit_level[12]; /* country | province | commune | club */
	int64_t club_id;                /* a club's dashboard: the club */
	int year;
	char from[8], to[8];            /* the months counted: the year up to last month */
	char latest[8];                 /* the last of them with members reported (else `to`): the
					 * month of the by-child figures and the map */
	size_t latest_row;              /* its row in months (when months.nrows) */
	TotalGeo geo;
	TotalAnswer months;             /* by month over [from, to], dash_codes; total = the year */
	int has_children;
	TotalAnswer children;           /* by child on the month `latest` (not for a club) */
	Composition comp;
	int comp_from_reports;          /* 1: comp is the latest month's reports (priority groups and
					 * the board are not in them: checks_known says which checks hold) */
	ModelCheck checks[MODEL_CHECKS];
	int checks_known[MODEL_CHECKS];
	FundFigures funds;
	int has_programme;              /* the national programme of the year, country or province */
	ProgrammeInfo programme;
	Progress progress[M_COUNT];
	int has_plans;                  /* plans read by this role, country or province */
	PlanSummary plans;
	TrainingSummary trainings;      /* the year's trainings in scope */
	int64_t overdue;                /* follow-ups overdue in scope (today) */
} Dashboard;

/* Gathers the dashboard of unit (a unit code of today, a club code, or NULL/"" = the actor's
 * scope) for year (0 = this year) in geo, for the actor. 0, or -1 with e: E_NOT_FOUND (unit
 * unknown or outside the scope), E_INVALID field "year" (before 2000 or after this year), store
 * errors. dashboard_free releases it (also after a failure). */
int dashboard_get(Db *db, const Actor *by, const char *unit, int year, TotalGeo geo, Dashboard *out, Err *e);
void dashboard_free(Dashboard *d);

/* Reads the query's year ("2021"; NULL/"" = 0, this year) and geography ("then" | "today";
 * NULL/"" = then). 0, or -1 with e: E_INVALID on the field "year" or "geography". */
int dashboard_parse(const char *year_in, const char *geo_in, int *year, TotalGeo *geo, Err *e);

#endif
