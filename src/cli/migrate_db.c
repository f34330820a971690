/* `ishc migrate-db --from FILE --to postgresql://...`: moves a working installation from SQLite to
 * PostgreSQL. The target must be empty; it gets the same migrations, then every row of every table
 * in one transaction, then the copy is checked: each table's rows counted on both sides, the live
 * report totals recomputed on the target, and the national totals of every month read from both
 * and compared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/total.h"
#include "store/db.h"
#include "store/migrate.h"

static void progress(const char *table, int64_t rows, void *arg)
{
	(void)arg;
	printf("  %-22s %lld rows\n", table, (long long)rows);
	fflush(stdout);
}

/* The national totals of every month from 2016 to now, on both, cell by cell. */
static int totals_match(Db *a, Db *b, int *months)
{
	static const char *const codes[] = {"MEM_TOTAL", "MEM_WOMEN", "_REPORTS", "_SUBMITTED", "HEA_CHECKS",
					    "INC_OUTSTANDING", "RES_CASH_VND"};
	char now[21], to[8];
	db_now_iso(now);
	snprintf(to, sizeof to, "%.7s", now);
	TotalQuery q = {.unit = "", .from = "2016-01", .to = to, .codes = codes, .ncodes = 7, .geo = TOTAL_THEN,
			.cls = TOTAL_ALL};
	Actor admin = cli_actor();
	TotalAnswer x, y;
	Err e = {0};
	if (total_query(a, &admin, &q, &x, &e) != 0)
		return -1;
	if (total_query(b, &admin, &q, &y, &e) != 0) {
		total_free(&x);
		return -1;
	}
	int same = x.nrows == y.nrows;
	for (size_t r = 0; same && r < x.nrows; r++)
		for (size_t k = 0; same && k < q.ncodes; k++)
			same = x.rows[r].cells[k].has == y.rows[r].cells[k].has &&
			       x.rows[r].cells[k].value == y.rows[r].cells[k].value &&
			       x.rows[r].cells[k].clubs == y.rows[r].cells[k].clubs;
	*months = (int)x.nrows;
	total_free(&x);
	total_free(&y);
	return same ? 0 : 1;
}

int cmd_migrate_db(const Command *c, Opts *o)
{
	const char *from = opt_required(c, o, "from"), *to = opt_required(c, o, "to");
	if (!from || !to)
		return EXIT_USAGE;
	if (db_is_server(from) || !db_is_server(to))
		return cli_fail("migrate-db copies an SQLite file (--from FILE) into a PostgreSQL database (--to postgresql://...)");
	Db *src = cli_open_readonly(from);
	if (!src)
		return EXIT_FAIL;
	char err[512] = "";
	Db *dst = db_open(to, 0, err, sizeof err);
	if (!dst) {
		db_close(src);
		return cli_fail("%s", err);
	}
	int has = db_has_tables(dst);
	db_close(dst);
	if (has != 0) {
		db_close(src);
		return has < 0 ? cli_fail("%s: cannot read the target's tables", to)
			       : cli_fail("%s already holds tables; migrate-db writes only into an empty database "
					  "(nothing was changed)", to);
	}
	dst = cli_open_migrate(to, 0);
	if (!dst) {
		db_close(src);
		return EXIT_FAIL;
	}
	printf("Copying %s into %s:\n", from, to);
	int rc = db_copy_all(src, dst, progress, NULL, err, sizeof err);
	if (rc != 0) {
		db_close(src);
		db_close(dst);
		return cli_fail("%s (the target is left as the migrations made it: empty)", err);
	}
	int64_t off = total_verify(dst);
	int months = 0;
	int differ = off == 0 ? totals_match(src, dst, &months) : 1;
	db_close(src);
	db_close(dst);
	if (off != 0)
		return cli_fail("the report totals on the target differ from its reports in %lld row(s)", (long long)off);
	if (differ)
		return cli_fail("the national totals differ between the two databases");
	printf("Checked: every table has as many rows on both sides; the report totals match the reports; "
	       "the national totals of %d months match.\n", months);
	return EXIT_OK;
}
