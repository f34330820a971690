/* Periodic tables (issue 9, "Tables and exports"): a unit's sub-units × a predefined set of
 * indicators over a period, with the unit's total and each column's target, in both geographies
 * ("as organised then" and "restated to today's units"). The figures are the live totals of
 * core/total.h, so a table always sums to the totals on every other page; the targets are the
 * model's target range of a rate (core/total.h's total_rates) or, where a programme sets one for
 * the unit and year (core/programme.h), the programme's target, which then wins.
 *
 * Everyone with a scope reads the tables of the units in it (viewers too: totals hold no
 * person's data); a unit outside the scope is E_NOT_FOUND. */
#ifndef ISHC_CORE_TABLESET_H
#define ISHC_CORE_TABLESET_H

#include <stddef.h>

#include "core/auth.h"
#include "core/err.h"
#include "core/total.h"
#include "store/db.h"

typedef struct TableSet {
	const char *code;               /* members | meetings | funds | reporting */
	const char *vi, *en;            /* the table's name */
	const char *const *codes;       /* its columns: indicators, rates, counts (core/total.h) */
	size_t ncodes;
	size_t chart_col;               /* the column drawn as a bar chart by sub-unit */
} TableSet;

extern const TableSet table_sets[];
extern const size_t table_set_count;
/* The set of a code, or NULL. */
const TableSet *table_set_find(const char *code);

/* A column's target: a share in per mille, low and/or high bound (-1 = none). */
typedef struct TableTarget {
	int has;
	int low, high;
	char source[40];                /* "model", or the programme's code ("DA1336") */
} TableTarget;

enum { TABLE_GEO_TODAY = 0, TABLE_GEO_THEN = 1 };

typedef struct TableResult {
	const TableSet *set;
	TotalColumn *cols;              /* set->ncodes columns */
	TableTarget *targets;           /* set->ncodes targets */
	TotalAnswer geo[2];             /* [TABLE_GEO_TODAY], [TABLE_GEO_THEN]: rows = sub-units (or
					 * months, for a club) */
	int has[2];                     /* 0 when the unit did not exist at the end of the period
					 * "as organised then" (a province formed later): no rows */
	int by_month;                   /* a club's table: rows are its months */
	char from[8], to[8];
} TableResult;

/* Runs the set's table for unit (a unit code, or ""/NULL: the actor's scope) over [from, to]
 * ("YYYY-MM") in both geographies. 0, or -1 with e: those of total_query (E_NOT_FOUND,
 * E_PERIOD, E_INVALID "by" for a club), E_FORBIDDEN. */
int table_run(Db *db, const Actor *by, const char *unit, const char *from, const char *to,
	      const TableSet *set, TotalClass cls, TableResult *out, Err *e);
void table_free(TableResult *t);

#endif
