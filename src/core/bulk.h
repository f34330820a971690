/* Large exports read in batches, so memory stays flat on both engines (PostgreSQL hands a query's
 * whole result over at once: each batch is a query of its own, resumed after the last key).
 * Scope: the actor's (core/scope.h). */
#ifndef ISHC_CORE_BULK_H
#define ISHC_CORE_BULK_H

#include <stdint.h>

#include "core/auth.h"
#include "store/db.h"

/* One value of a club's monthly report. */
typedef struct BulkValue {
	int64_t report_id;
	char club_code[16];
	char club_name[200];
	char commune_code[16];
	char commune_name[200];
	char period[8];           /* YYYY-MM */
	char status[12];          /* draft | submitted | approved | returned */
	char code[40];            /* indicator code */
	int64_t value;
} BulkValue;

enum { BULK_BATCH = 500 };  /* reports per batch */

/* Calls fn for every stored value of the reports of year (each month of it) of the clubs in the
 * actor's scope, by report then indicator code. Reports are club data, not for viewers (0 rows).
 * Returns the number of values, or -1 on a store error. */
int64_t bulk_report_values(Db *db, const Actor *by, int year, void (*fn)(const BulkValue *v, void *arg), void *arg);

#endif
