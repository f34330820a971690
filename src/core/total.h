/* Live totals of the monthly reports (issue 5): for any unit (a club, a commune, a district, a
 * province, the country), any months, quarters or years and any indicator, the total over the
 * clubs in it, in either geography:
 *   TOTAL_THEN  "as organised then": each month counts in the units in force in that month (2021
 *               shows the 63 provinces);
 *   TOTAL_TODAY "restated to today's units": every month counts in today's units (2021 shown in
 *               the 34 provinces). The country's totals are the same in both.
 * Totals are kept in report_totals by every report change, in the same transaction (see
 * migration 0009), so a saved value is in every total on the next request. Rates (share of women,
 * share of members borrowing, PAR30, reporting rate) are computed from the totals, never averaged.
 *
 * Over a quarter or a year an indicator combines by its over_time: "sum" adds the months, "last"
 * takes the last month of the step that has begun (the value at the end).
 * Everyone with a scope reads the totals of the units in it (viewers too: totals hold no person's
 * data); a unit outside the scope is E_NOT_FOUND. */
#ifndef ISHC_CORE_TOTAL_H
#define ISHC_CORE_TOTAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

typedef enum { TOTAL_THEN, TOTAL_TODAY } TotalGeo;
typedef enum { TOTAL_ALL, TOTAL_SUBMITTED, TOTAL_APPROVED } TotalClass; /* which reports count */
typedef enum { TOTAL_MONTH, TOTAL_QUARTER, TOTAL_YEAR } TotalStep;

enum {
	TOTAL_CODES_MAX = 48,           /* columns of one query */
	TOTAL_ROWS_MAX = 20000,         /* rows of one answer (clubs of a big commune, 60 months, ...) */
};

/* The rates computed from totals, with their formula; R_REPORTED, R_ONTIME and R_APPROVED use the
 * clubs expected to report (active at the month's end).
 * Counts one may ask for besides indicators: _EXPECTED (clubs expected to report: founded or
 * active at the month's end), _REPORTS (reports of the query's class), _SUBMITTED (submitted or
 * approved, whatever the class), _ONTIME (first submitted by the due date), _APPROVED. Over a
 * quarter or a year they add up (club-months). */
typedef struct TotalRate {
	const char *code;               /* R_WOMEN, R_OLDER, R_POOR, R_BORROW, R_PAR30, R_MEETING,
					 * R_REPORTED, R_ONTIME, R_APPROVED */
	const char *num, *den;          /* indicator codes, or _EXPECTED / _REPORTS / _ONTIME / _APPROVED */
	const char *vi, *en;            /* label */
	const char *formula_vi, *formula_en;
	int target_low, target_high;    /* the model's target range in permille, -1 = no bound
					 * (e.g. R_BORROW 500..-1: at least half of members borrow) */
} TotalRate;
extern const TotalRate total_rates[];
extern const size_t total_rate_count;
const TotalRate *total_rate_find(const char *code);

typedef struct TotalQuery {
	const char *unit;               /* a unit code, a club code (CCCCC-NN), or NULL/"" = country */
	const char *from, *to;          /* "YYYY-MM", from <= to, at most 240 months */
	const char *const *codes;       /* indicators of the catalogue, rates (R_*), or the counts
					 * _EXPECTED, _REPORTS, _SUBMITTED, _ONTIME, _APPROVED */
	size_t ncodes;
	int by_child;                   /* 1: rows = the unit's sub-units (or its clubs, for a
					 * commune) over the whole range; 0: rows = steps of time */
	TotalStep step;                 /* by time: month, quarter or year */
	TotalGeo geo;
	TotalClass cls;
} TotalQuery;

/* One cell: for an indicator the sum over clubs and how many clubs gave a value; for a rate
 * num/den and value = num/den (has = 0 when den is 0). */
typedef struct TotalCell {
	int has;
	int64_t value;                  /* the total (indicators and counts) */
	int64_t clubs;                  /* clubs with a value */
	int64_t num, den;               /* rates */
	double rate;                    /* num / den, 0..1 (or more, for odd data) */
} TotalCell;

typedef struct TotalRow {
	/* by child: the unit or club; by time: the step */
	int64_t unit_id;                /* 0 for the country, or for a club row */
	int64_t club_id;                /* club rows only */
	char code[16];                  /* unit code, club code, or "" for the remainder row */
	char name[200];                 /* unit or club name; "" for time rows */
	char level[12];                 /* province | district | commune | club | country | rest */
	char period[12];                /* time rows: "2026-03", "2026-Q1", "2026" */
	char from[8], to[8];            /* the months the row covers */
	TotalCell *cells;               /* ncodes cells, in query order */
} TotalRow;

typedef struct TotalAnswer {
	/* the unit asked for, as it is in the geography at the end of the range */
	int64_t unit_id;
	char unit_code[16], unit_name[200], unit_level[12];
	const char *geo_note_vi, *geo_note_en; /* what the geography means, for captions */
	TotalRow *rows;                 /* by child: sub-units in Vietnamese name order, then a "rest"
					 * row for what no sub-unit holds (absorbed communes never mapped),
					 * when not zero; by time: steps in order */
	size_t nrows;
	TotalRow total;                 /* the unit itself over the whole range */
} TotalAnswer;

/* Runs the query for the actor. 0, or -1 with e set: E_NOT_FOUND (unit or club unknown or outside
 * the scope), E_PERIOD (from/to), E_INVALID (field "indicators": a code that is neither an
 * indicator nor a rate; "by": a club has no sub-units), E_FORBIDDEN (ROLE_NONE), store errors. */
int total_query(Db *db, const Actor *by, const TotalQuery *q, TotalAnswer *out, Err *e);
void total_free(TotalAnswer *a);

/* The reporting-rate table of a unit is total_query by child with the codes _EXPECTED, _REPORTS
 * (class ALL: begun), _SUBMITTED, _ONTIME, _APPROVED, R_REPORTED, R_ONTIME, R_APPROVED. */

/* What a column code is: 1 an indicator (ind filled, latest wording), 2 a rate (*rate set), 3 a
 * count (_EXPECTED ...), 0 unknown, -1 store error. lang picks nothing: both labels are there. */
typedef struct TotalColumn {
	int kind;
	const TotalRate *rate;
	char code[32];
	char label_vi[304], label_en[304];
	char ind_kind[8];               /* count | money | yesno | rate */
	char over_time[8];              /* sum | last */
} TotalColumn;
int total_column(Db *db, const char *code, TotalColumn *out);

/* ---- kept by core/report.c (in its transactions) and by bulk loaders ---- */

/* One report's contribution, before or after a change: its status and values. */
typedef struct TotalContribution {
	int exists;
	char status[12];                /* draft | submitted | approved | returned */
	int on_time;
	size_t n;
	const char *const *codes;
	const int64_t *values;
} TotalContribution;

/* Moves the totals of every unit the club's report of period counts in from before to after
 * (only the differences are written). Inside the caller's transaction. DbStatus. */
int total_apply(Db *db, int64_t club_id, const char *period, const TotalContribution *before,
		const TotalContribution *after);

/* Recomputes every row of report_totals from reports and report_values, a month at a time (after
 * a bulk load, or after units or their links change). Inside the caller's transaction. DbStatus.
 * Only units above the communes are kept: a commune's totals are summed from its clubs' reports
 * when asked. */
int total_rebuild(Db *db);

/* Compares report_totals with a recomputation from the reports, a month at a time: the number of
 * rows missing, different or unaccounted for (0 = right), or -1. */
int64_t total_verify(Db *db);

/* Rebuilds the totals in a transaction of its own, audited (`ishc check --repair`). 0, or -1 with
 * e set. */
int total_repair(Db *db, const Actor *by, Err *e);

#endif
