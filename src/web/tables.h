/* The periodic tables' answers shared by the page (/tables) and the API (/api/v1/tables): reading
 * the query, running it, and writing the .xlsx, .csv and JSON. */
#ifndef ISHC_WEB_TABLES_H
#define ISHC_WEB_TABLES_H

#include <jansson.h>

#include "core/tableset.h"
#include "http/req.h"

typedef struct TablesAsk {
	const char *unit;                /* as asked; "" = the actor's scope */
	char from[8], to[8];             /* YYYY-MM; default January .. the last month ended */
	const char *from_in, *to_in;     /* as typed */
	const TableSet *set;             /* ?set=members|meetings|funds|reporting (default members) */
	TotalClass cls;                  /* ?status=submitted (default) | approved | all */
	const char *status;
	int geo;                         /* ?geography=today (default) | then: the CSV's table */
	Err e;                           /* the first bad parameter */
} TablesAsk;

/* Reads ?unit=&from=&to=&set=&status=&geography=: 0, or -1 with a->e set. */
int tables_read(Req *r, TablesAsk *a);
/* Runs the table: 0 (t to free with table_free), 1 bad input (a->e set, field named), -1 store
 * trouble. */
int tables_run(Req *r, TablesAsk *a, TableResult *t);
/* Streams t as .xlsx (both geographies, one sheet each) or .csv (the geography asked). */
HandlerResult tables_send_file(Req *r, const TablesAsk *a, const TableResult *t, int xlsx);
/* t as a JSON object (new reference). */
json_t *tables_json(Req *r, const TableResult *t);

#endif
