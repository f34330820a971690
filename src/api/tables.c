/* GET /api/v1/tables?unit=&from=&to=&set=&status=&geography=&format=json|csv|xlsx: the periodic
 * tables of web/tables.h (sub-units × a set of indicators, totals, targets, both geographies). */
#include <string.h>

#include "api/api.h"
#include "web/tables.h"

HandlerResult api_tables(Req *r)
{
	const char *format = req_query(r, "format");
	int json = !format || !*format || strcmp(format, "json") == 0;
	if (!json && strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0)
		return resp_error(r, E_INVALID, "format", "json, csv, xlsx");
	TablesAsk a;
	TableResult t;
	if (tables_read(r, &a) != 0)
		return resp_err(r, &a.e);
	int s = tables_run(r, &a, &t);
	if (s < 0)
		return H_FATAL;
	if (s > 0)
		return resp_err(r, &a.e);
	HandlerResult h = json ? resp_json(r, 200, tables_json(r, &t)) : tables_send_file(r, &a, &t, strcmp(format, "xlsx") == 0);
	table_free(&t);
	return h;
}
