/* Live totals of the monthly reports: kept in report_totals by every report change (total_apply),
 * rebuilt after bulk loads or unit changes (total_rebuild), checked against the raw values
 * (total_verify), and read for any unit, months and geography (total_query, below). */
#include "core/total.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- which units a club's month counts in ---- */

/* Every unit the club's commune (of its founding time) rolls into whose validity had not ended
 * before the month began: the units of that month and the later ones carrying its history. */
#define PLACES_SQL                                                                                   \
	"SELECT r.ancestor_id FROM clubs c JOIN unit_reach r ON r.unit_id = c.unit_id "                 \
	"JOIN units u ON u.id = r.ancestor_id WHERE c.id = $1 AND (u.valid_to IS NULL OR u.valid_to >= $2)"

enum { PLACES_MAX = 64 };

static int places(Db *db, int64_t club_id, const char *period, int64_t out[PLACES_MAX], size_t *n)
{
	char first[11];
	snprintf(first, sizeof first, "%.7s-01", period);
	Stmt *st = db_stmt(db, "total_places", PLACES_SQL);
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, first);
	*n = 0;
	out[(*n)++] = 0; /* the country */
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW)
		if (*n < PLACES_MAX)
			out[(*n)++] = db_col_int(st, 0);
	return s == DB_DONE ? DB_OK : s;
}

/* ---- keeping ---- */

typedef struct Delta {
	const char *code;
	int64_t d[6]; /* all_sum, all_n, sub_sum, sub_n, ok_sum, ok_n */
} Delta;

static int is_sub(const char *status)
{
	return strcmp(status, "submitted") == 0 || strcmp(status, "approved") == 0;
}

/* Adds sign × the contribution of c to the deltas (codes looked up by name; few codes). */
static void contribute(Delta *d, size_t *nd, size_t cap, const TotalContribution *c, int sign)
{
	if (!c || !c->exists)
		return;
	int sub = is_sub(c->status), ok = strcmp(c->status, "approved") == 0;
	for (size_t i = 0; i < c->n + 2; i++) {
		const char *code = i < c->n ? c->codes[i] : i == c->n ? "_REPORTS" : "_ONTIME";
		int64_t v = i < c->n ? c->values[i] : i == c->n ? 1 : (c->on_time ? 1 : 0);
		size_t k = 0;
		while (k < *nd && strcmp(d[k].code, code) != 0)
			k++;
		if (k == *nd) {
			if (*nd == cap)
				continue;
			memset(&d[k], 0, sizeof d[k]);
			d[k].code = code;
			(*nd)++;
		}
		d[k].d[0] += sign * v;
		d[k].d[1] += sign;
		if (sub) {
			d[k].d[2] += sign * v;
			d[k].d[3] += sign;
		}
		if (ok) {
			d[k].d[4] += sign * v;
			d[k].d[5] += sign;
		}
	}
}

int total_apply(Db *db, int64_t club_id, const char *period, const TotalContribution *before,
		const TotalContribution *after)
{
	size_t cap = (before ? before->n : 0) + (after ? after->n : 0) + 2;
	Delta *d = malloc(cap * sizeof *d);
	if (!d)
		return DB_ERROR;
	size_t nd = 0;
	contribute(d, &nd, cap, before, -1);
	contribute(d, &nd, cap, after, +1);
	int64_t units[PLACES_MAX];
	size_t nu = 0;
	int s = DB_OK;
	int any = 0;
	for (size_t k = 0; k < nd && !any; k++)
		for (int j = 0; j < 6; j++)
			any |= d[k].d[j] != 0;
	if (any)
		s = places(db, club_id, period, units, &nu);
	for (size_t k = 0; k < nd && s == DB_OK; k++) {
		int zero = 1;
		for (int j = 0; j < 6; j++)
			zero &= d[k].d[j] == 0;
		if (zero)
			continue;
		for (size_t u = 0; u < nu && s == DB_OK; u++) {
			Stmt *st = db_stmt(db, "total_add",
					   "INSERT INTO report_totals (unit_id, period, code, all_sum, all_n, sub_sum, sub_n, "
					   "ok_sum, ok_n) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
					   "ON CONFLICT (unit_id, code, period) DO UPDATE SET "
					   "all_sum = report_totals.all_sum + excluded.all_sum, "
					   "all_n = report_totals.all_n + excluded.all_n, "
					   "sub_sum = report_totals.sub_sum + excluded.sub_sum, "
					   "sub_n = report_totals.sub_n + excluded.sub_n, "
					   "ok_sum = report_totals.ok_sum + excluded.ok_sum, "
					   "ok_n = report_totals.ok_n + excluded.ok_n");
			if (!st) {
				s = DB_ERROR;
				break;
			}
			db_bind_int(st, 1, units[u]);
			db_bind_text(st, 2, period);
			db_bind_text(st, 3, d[k].code);
			for (int j = 0; j < 6; j++)
				db_bind_int(st, 4 + j, d[k].d[j]);
			s = db_exec_stmt(st);
		}
	}
	free(d);
	return s;
}

/* Every report's values (and the two counts) with the units each counts in, summed: what
 * report_totals must hold. Portable SQL; "||" joins text in both engines. */
#define EXPECTED_SQL                                                                                  \
	"SELECT p.unit_id, x.period, x.code, SUM(x.value) AS all_sum, COUNT(*) AS all_n, "               \
	"SUM(CASE WHEN x.status IN ('submitted', 'approved') THEN x.value ELSE 0 END) AS sub_sum, "     \
	"SUM(CASE WHEN x.status IN ('submitted', 'approved') THEN 1 ELSE 0 END) AS sub_n, "             \
	"SUM(CASE WHEN x.status = 'approved' THEN x.value ELSE 0 END) AS ok_sum, "                     \
	"SUM(CASE WHEN x.status = 'approved' THEN 1 ELSE 0 END) AS ok_n "                               \
	"FROM (SELECT r.club_id, r.period, r.status, v.code, v.value FROM reports r "                   \
	"      JOIN report_values v ON v.report_id = r.id "                                             \
	"      UNION ALL SELECT club_id, period, status, '_REPORTS', 1 FROM reports "                  \
	"      UNION ALL SELECT club_id, period, status, '_ONTIME', on_time FROM reports) x "          \
	"JOIN (SELECT c.id AS club_id, r.ancestor_id AS unit_id, u.valid_to FROM clubs c "             \
	"      JOIN unit_reach r ON r.unit_id = c.unit_id JOIN units u ON u.id = r.ancestor_id "       \
	"      UNION ALL SELECT id, 0, NULL FROM clubs) p "                                             \
	"  ON p.club_id = x.club_id AND (p.valid_to IS NULL OR p.valid_to >= x.period || '-01') "      \
	"GROUP BY p.unit_id, x.period, x.code"

int total_rebuild(Db *db)
{
	Stmt *st = db_stmt(db, "total_clear", "DELETE FROM report_totals");
	if (!st)
		return DB_ERROR;
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return s;
	st = db_stmt(db, "total_rebuild",
		     "INSERT INTO report_totals (unit_id, period, code, all_sum, all_n, sub_sum, sub_n, ok_sum, ok_n) "
		     EXPECTED_SQL);
	return st ? db_exec_stmt(st) : DB_ERROR;
}

int64_t total_verify(Db *db)
{
	Stmt *st = db_stmt(db, "total_verify",
			   "SELECT COUNT(*) FROM ("
			   "SELECT * FROM (" EXPECTED_SQL ") e EXCEPT SELECT unit_id, period, code, all_sum, all_n, "
			   "sub_sum, sub_n, ok_sum, ok_n FROM report_totals WHERE all_n <> 0 OR all_sum <> 0 "
			   "UNION ALL "
			   "SELECT * FROM (SELECT unit_id, period, code, all_sum, all_n, sub_sum, sub_n, ok_sum, ok_n "
			   "FROM report_totals WHERE all_n <> 0 OR all_sum <> 0 EXCEPT " EXPECTED_SQL ") d) z");
	if (!st)
		return -1;
	DbStatus s = db_step(st);
	int64_t n = s == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	return n;
}
