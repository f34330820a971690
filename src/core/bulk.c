/* See bulk.h. */
#include "core/bulk.h"

#include <stdio.h>
#include <string.h>

#include "core/scope.h"

int64_t bulk_report_values(Db *db, const Actor *by, int year, void (*fn)(const BulkValue *v, void *arg), void *arg)
{
	if (!scope_sees_people(by))
		return 0;
	int64_t su = 0;
	const char *sc = "";
	if (scope_filter(db, by, &su, &sc) != 0)
		return 0;
	char from[8], to[8];
	snprintf(from, sizeof from, "%04u-01", (unsigned)year % 10000u);
	snprintf(to, sizeof to, "%04u-12", (unsigned)year % 10000u);
	int64_t n = 0, last_id = 0;
	for (;;) {
		/* The next BULK_BATCH reports of the year by id (a range of the primary key), then their
		 * values within the scope. */
		Stmt *hi_st = db_stmt(db, "bulk_report_batch",
				      "SELECT MAX(id) FROM (SELECT id FROM reports WHERE id > $1 AND period >= $2 AND "
				      "period <= $3 ORDER BY id LIMIT $4) x");
		if (!hi_st)
			return -1;
		db_bind_int(hi_st, 1, last_id);
		db_bind_text(hi_st, 2, from);
		db_bind_text(hi_st, 3, to);
		db_bind_int(hi_st, 4, BULK_BATCH);
		DbStatus s = db_step(hi_st);
		if (s != DB_ROW)
			return -1;
		int none = db_col_is_null(hi_st, 0);
		int64_t hi = none ? 0 : db_col_int(hi_st, 0);
		db_reset(hi_st);
		if (none)
			return n;
		Stmt *st = db_stmt(db, "bulk_report_values",
				   "SELECT r.id, c.code, c.name, u.code, u.name, r.period, r.status, v.code, v.value "
				   "FROM reports r JOIN clubs c ON c.id = r.club_id JOIN units u ON u.id = c.unit_id "
				   "JOIN report_values v ON v.report_id = r.id "
				   "WHERE r.id > $1 AND r.id <= $2 AND r.period >= $3 AND r.period <= $4 AND "
				   SCOPE_CLUB_SQL("$5", "$6") " ORDER BY r.id, v.code");
		if (!st)
			return -1;
		db_bind_int(st, 1, last_id);
		db_bind_int(st, 2, hi);
		db_bind_text(st, 3, from);
		db_bind_text(st, 4, to);
		db_bind_int(st, 5, su);
		db_bind_text(st, 6, sc);
		BulkValue v;
		while ((s = db_step(st)) == DB_ROW) {
			memset(&v, 0, sizeof v);
			v.report_id = db_col_int(st, 0);
			snprintf(v.club_code, sizeof v.club_code, "%s", db_col_text(st, 1));
			snprintf(v.club_name, sizeof v.club_name, "%s", db_col_text(st, 2));
			snprintf(v.commune_code, sizeof v.commune_code, "%s", db_col_text(st, 3));
			snprintf(v.commune_name, sizeof v.commune_name, "%s", db_col_text(st, 4));
			snprintf(v.period, sizeof v.period, "%s", db_col_text(st, 5));
			snprintf(v.status, sizeof v.status, "%s", db_col_text(st, 6));
			snprintf(v.code, sizeof v.code, "%s", db_col_text(st, 7));
			v.value = db_col_int(st, 8);
			fn(&v, arg);
			n++;
		}
		if (s != DB_DONE)
			return -1;
		db_reset(st);
		last_id = hi;
	}
}
