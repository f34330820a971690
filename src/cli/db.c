/* Database commands: init, demo, check, backup, restore. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/demo.h"
#include "core/fund.h"
#include "core/total.h"
#include "store/migrate.h"

int cmd_init(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	if (!path)
		return EXIT_USAGE;
	Db *db = cli_open_ready(path, 1);
	if (!db)
		return EXIT_FAIL;
	printf("%s: ready at schema version %d\n", path, migrate_version(db));
	db_close(db);
	return EXIT_OK;
}

static int file_nonempty(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_size > 0;
}

/* Removes a half-made database with its write-ahead log and shared-memory index. */
static void remove_db(const char *path)
{
	char side[4096];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

/* A whole number from lo to hi in the option's text, or -1 when it is not one. */
static long long opt_number(const char *s, long long lo, long long hi)
{
	if (!s || !*s || strlen(s) > 19)
		return -1;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	long long v = strtoll(s, NULL, 10);
	return v < lo || v > hi ? -1 : v;
}

int cmd_demo(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	if (!path)
		return EXIT_USAGE;
	DemoOptions dopt = {DEMO_CLUBS_DEFAULT, 1, DEMO_BOOKS_DEFAULT};
	if (opt(o, "clubs")) {
		long long n = opt_number(opt(o, "clubs"), 1, DEMO_CLUBS_MAX);
		if (n < 0) {
			fprintf(stderr, "ishc demo: --clubs wants a whole number from 1 to %d\n", DEMO_CLUBS_MAX);
			return cli_usage(c);
		}
		dopt.clubs = (int)n;
	}
	if (opt(o, "seed")) {
		long long n = opt_number(opt(o, "seed"), 0, 999999999999LL);
		if (n < 0) {
			fprintf(stderr, "ishc demo: --seed wants a whole number from 0 to 999999999999\n");
			return cli_usage(c);
		}
		dopt.seed = (uint64_t)n;
	}
	if (opt(o, "books")) {
		long long n = opt_number(opt(o, "books"), 0, 100);
		if (n < 0) {
			fprintf(stderr, "ishc demo: --books wants a percentage from 0 to 100\n");
			return cli_usage(c);
		}
		dopt.books_percent = (int)n;
	}
	if (!db_is_server(path) && file_nonempty(path))
		return cli_fail("%s already exists; the demo is loaded only into a new database (remove it first)", path);
	if (db_is_server(path)) {
		/* A server's database: refused when it holds anything already (as a file that exists is). */
		char err[256];
		Db *probe = db_open(path, 0, err, sizeof err);
		if (!probe)
			return cli_fail("%s: %s", path, err);
		int has = db_has_tables(probe);
		db_close(probe);
		if (has != 0)
			return cli_fail("%s already holds tables; the demo is loaded only into a new, empty database", path);
	}
	Db *db = cli_open_ready(path, 1);
	if (!db) {
		if (!db_is_server(path))
			unlink(path);
		return EXIT_FAIL;
	}
	Err e = {0};
	DemoResult res;
	if (demo_load(db, &dopt, &res, &e) != 0) {
		db_close(db);
		if (!db_is_server(path))
			remove_db(path);
		return cli_fail_err(&e);
	}
	db_close(db);
	printf("Demo database %s is ready: %lld clubs in %d provinces, %lld members, %lld board roles, "
	       "%lld home-care volunteers, %lld monthly reports %s to %s (%lld values; %lld first sent late, "
	       "%lld club-months not reported) (seed %llu, as of %s).\n",
	       path, (long long)res.clubs, res.provinces, (long long)res.members, (long long)res.board_roles,
	       (long long)res.volunteers, (long long)res.reports, res.reports_from, res.reports_to,
	       (long long)res.report_values, (long long)res.reports_late, (long long)res.report_gaps,
	       (unsigned long long)dopt.seed, res.as_of);
	printf("Fund books kept in ishc by %lld clubs: %lld entries, %lld loans (%lld written off).\n",
	       (long long)res.clubs_books, (long long)res.fund_entries, (long long)res.loans, (long long)res.loans_written_off);
	printf("Log-ins (username / password — role, scope):\n");
	for (const DemoLogin *d = demo_logins; d->username; d++)
		printf("  %-14s %-20s %s%s%s\n", d->username, d->password, d->role, d->scope ? ", " : "",
		       d->scope ? d->scope : "");
	return EXIT_OK;
}

static void report_line(const char *line, void *arg)
{
	fprintf(stderr, "ishc check: %s\n", line);
}

int cmd_check(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	if (!path)
		return EXIT_USAGE;
	Db *db = cli_open(path);
	if (!db)
		return EXIT_FAIL;
	int problems = db_integrity(db, report_line, NULL);
	/* The live report totals must equal a recomputation from the reports themselves. */
	int64_t off = problems ? 0 : total_verify(db);
	db_close(db);
	if (problems)
		return cli_fail("%s: %d integrity problem(s) found", path, problems);
	if (off && opt(o, "repair")) {
		/* The totals are derived data: rebuilt from the reports, they are right again. */
		Db *w = cli_open(path);
		Actor by = {.role = ROLE_ADMIN};
		Err e = {0};
		int rc = w ? total_repair(w, &by, &e) : -1;
		if (w)
			db_close(w);
		if (rc)
			return cli_fail("%s: the report totals could not be rebuilt: %s", path, w ? err_message(e.code, "en") : "");
		printf("%s: report totals differed in %lld row(s) and were rebuilt\n", path, (long long)off);
		off = 0;
	}
	if (off)
		return cli_fail("%s: report totals differ from the reports in %lld row(s); `ishc check --repair` rebuilds them",
				path, (long long)off);
	printf("%s: ok (schema %d)\n", path, migrate_latest());
	return EXIT_OK;
}

static void verify_line(const char *line, void *arg)
{
	(void)arg;
	printf("%s\n", line);
}

int cmd_verify(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	if (!path)
		return EXIT_USAGE;
	Db *db = cli_open(path);
	if (!db)
		return EXIT_FAIL;
	int problems = fund_verify(db, verify_line, NULL);
	db_close(db);
	if (problems < 0)
		return cli_fail("%s: the fund books could not be read", path);
	if (problems)
		return cli_fail("%s: %d problem(s) in the fund books (listed above)", path, problems);
	printf("%s: ok: every fund book's entries follow their hash chain and balances\n", path);
	return EXIT_OK;
}

int cmd_backup(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	const char *to = path ? opt_required(c, o, "to") : NULL;
	if (!path || !to)
		return EXIT_USAGE;
	Db *db = cli_open(path);
	if (!db)
		return EXIT_FAIL;
	char err[512];
	int rc = db_backup(db, to, err, sizeof err);
	db_close(db);
	if (rc != 0)
		return cli_fail("backup to %s failed: %s", to, err);
	/* A backup nobody has read is a hope, not a backup: check the copy now. */
	Db *copy = cli_open_readonly(to);
	if (!copy)
		return EXIT_FAIL;
	int problems = db_integrity(copy, report_line, NULL);
	db_close(copy);
	if (problems)
		return cli_fail("the backup %s does not pass the integrity check", to);
	printf("%s: backup of %s written and checked\n", to, path);
	return EXIT_OK;
}

int cmd_restore(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	const char *from = path ? opt_required(c, o, "from") : NULL;
	if (!path || !from)
		return EXIT_USAGE;
	if (strcmp(path, from) == 0)
		return cli_fail("--db and --from are the same file");
	/* Check the backup before touching anything. */
	char err[512];
	Db *src = db_open(from, DB_OPEN_READONLY, err, sizeof err);
	if (!src)
		return cli_fail("%s", err);
	int v = migrate_version(src);
	int problems = v >= 0 ? db_integrity(src, report_line, NULL) : 1;
	db_close(src);
	if (v <= 0)
		return cli_fail("%s is not an ishc backup", from);
	if (v > migrate_latest())
		return cli_fail("%s has schema version %d, newer than this ishc (%d)", from, v, migrate_latest());
	if (problems)
		return cli_fail("%s does not pass the integrity check; nothing was restored", from);
	Db *db = db_open(path, 1, err, sizeof err);
	if (!db)
		return cli_fail("%s", err);
	int rc = db_restore_from(db, from, err, sizeof err);
	db_close(db);
	if (rc != 0)
		return cli_fail("restore into %s failed: %s", path, err);
	db = cli_open_ready(path, 0);
	if (!db)
		return EXIT_FAIL;
	/* A server running over the file must not give answers it kept of the data replaced. */
	rc = migrate_new_instance(db);
	db_close(db);
	if (rc != 0)
		return cli_fail("restore into %s: cannot give it a new instance", path);
	printf("%s: restored from %s\n", path, from);
	return EXIT_OK;
}
