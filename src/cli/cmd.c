/* The command table and the helpers shared by commands (see cmd.h). */
#include "cli/cmd.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/indicator.h"
#include "core/search.h"
#include "core/unit.h"
#include "lib/log.h"
#include "store/migrate.h"

static int cmd_version(const Command *c, Opts *o);
static int cmd_help(const Command *c, Opts *o);

const Command commands[] = {
	{"init", cmd_init, "Create a database, or bring an existing one to this version's schema",
	 "--db FILE", "db="},
	{"serve", cmd_serve, "Serve the web pages and the JSON API",
	 "--db FILE|postgresql://... [--listen HOST:PORT] [--threads N] [--tmpdir DIR] [--secure-cookies] "
	 "[--trusted-proxy ADDRESS]",
	 "db= listen= threads= tmpdir= secure-cookies trusted-proxy="},
	{"demo", cmd_demo, "Create a demo database (a country of clubs and members) and print its log-ins",
	 "--db FILE [--clubs N] [--seed N] [--books PERCENT]", "db= clubs= seed= books="},
	{"check", cmd_check, "Check the database's integrity and the report totals", "--db FILE [--repair]", "db= repair"},
	{"verify", cmd_verify,
	 "Check every fund book's hash chain and balance: report entries changed or removed outside ishc",
	 "--db FILE", "db="},
	{"migrate-db", cmd_migrate_db,
	 "Move an installation from SQLite to PostgreSQL: copy every row into an empty database, then check it",
	 "--from FILE --to postgresql://...", "from= to="},
	{"backup", cmd_backup, "Copy the database consistently, even while the server runs",
	 "--db FILE --to FILE", "db= to="},
	{"restore", cmd_restore, "Replace the database with a checked backup", "--db FILE --from FILE",
	 "db= from="},
	{"user add", cmd_user_add, "Create a user; the password is read from standard input",
	 "--db FILE --username U --role ROLE [--scope CODE] [--full-name NAME] --password-stdin",
	 "db= username= role= scope= full-name= password-stdin"},
	{"user passwd", cmd_user_passwd, "Set a user's password (read from standard input)",
	 "--db FILE --username U --password-stdin [--temporary]", "db= username= password-stdin temporary"},
	{"user disable", cmd_user_disable, "Disable a user: ends their sessions and API tokens",
	 "--db FILE --username U", "db= username="},
	{"user enable", cmd_user_enable, "Enable a disabled user", "--db FILE --username U", "db= username="},
	{"user list", cmd_user_list, "List users", "--db FILE", "db="},
	{"token create", cmd_token_create, "Create an API token for a user and print it alone on one line",
	 "--db FILE --username U [--label TEXT]", "db= username= label="},
	{"units import", cmd_units_import,
	 "Load a new official list of communes (CSV or XLSX), in force from a date",
	 "--db FILE --list FILE.csv|FILE.xlsx --valid-from YYYY-MM-DD", "db= list= valid-from="},
	{"units map", cmd_units_map, "Load an old→new mapping of units (CSV or XLSX: old_code,new_code)",
	 "--db FILE --mapping FILE.csv", "db= mapping="},
	{"import members", cmd_import_members,
	 "Import a club's members from .xlsx or .csv: checks every row, then loads all or none",
	 "--db FILE --club CODE --file FILE [--preview] [--problems OUT.xlsx]", "db= club= file= preview problems="},
	{"import clubs", cmd_import_clubs, "Import clubs from .xlsx or .csv: checks every row, then loads all or none",
	 "--db FILE --file FILE [--preview] [--problems OUT.xlsx]", "db= file= preview problems="},
	{"import reports", cmd_import_reports,
	 "Import past months' reports (one row per club and month) from .xlsx or .csv: checks every row; --commit loads all or none",
	 "--db FILE --file FILE [--as USER] [--commit] [--problems OUT.xlsx]", "db= file= as= commit problems="},
	{"export members", cmd_export_members,
	 "Write every member in the country (or in --scope CODE: a unit or club) to .xlsx or .csv, row by row",
	 "--db FILE --out FILE.xlsx|FILE.csv [--scope CODE]", "db= out= scope="},
	{"version", cmd_version, "Print the version and the schema version", "", ""},
	{"help", cmd_help, "List the commands, or show one command's usage", "[COMMAND]", ""},
	{NULL, NULL, NULL, NULL, NULL},
};

enum { MAX_OPTS = 16 };

struct Opts {
	const char *names[MAX_OPTS];
	const char *values[MAX_OPTS];
	int n;
	const char *args[4];       /* positional words (help's COMMAND) */
	int nargs;
};

const char *opt(const Opts *o, const char *name)
{
	for (int i = 0; i < o->n; i++)
		if (strcmp(o->names[i], name) == 0)
			return o->values[i];
	return NULL;
}

int cli_usage(const Command *c)
{
	fprintf(stderr, "usage: ishc %s%s%s\n       %s\n", c->name, c->usage[0] ? " " : "", c->usage, c->help);
	return EXIT_USAGE;
}

const char *opt_required(const Command *c, const Opts *o, const char *name)
{
	const char *v = opt(o, name);
	if (!v || !*v) {
		fprintf(stderr, "ishc %s: missing --%s\n", c->name, name);
		cli_usage(c);
		return NULL;
	}
	return v;
}

int cli_fail(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fprintf(stderr, "ishc: %s\n", line);
	return EXIT_FAIL;
}

int cli_fail_err(const Err *e)
{
	return cli_fail("%s%s%s%s%s / %s", e->field ? e->field : "", e->field ? ": " : "",
			err_message(e->code, "vi"), e->detail[0] ? " " : "", e->detail, err_message(e->code, "en"));
}

/* Reads the options of c from argv: "--name value" or "--name=value"; flags take no value. */
static int opts_parse(const Command *c, int argc, char **argv, Opts *o)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0) {
			if (strcmp(c->name, "help") == 0 && o->nargs < 4) {
				o->args[o->nargs++] = a;
				continue;
			}
			fprintf(stderr, "ishc %s: unexpected argument '%s'\n", c->name, a);
			return -1;
		}
		a += 2;
		const char *eq = strchr(a, '=');
		size_t len = eq ? (size_t)(eq - a) : strlen(a);
		/* Find the option in the command's list. */
		const char *spec = c->options;
		int found = 0, takes_value = 0;
		while (*spec) {
			while (*spec == ' ')
				spec++;
			const char *end = spec;
			while (*end && *end != ' ')
				end++;
			size_t n = (size_t)(end - spec);
			int val = n && spec[n - 1] == '=';
			if ((val ? n - 1 : n) == len && strncmp(spec, a, len) == 0) {
				found = 1;
				takes_value = val;
				break;
			}
			spec = end;
		}
		if (!found || o->n == MAX_OPTS) {
			fprintf(stderr, "ishc %s: unknown option --%.*s\n", c->name, (int)len, a);
			return -1;
		}
		const char *value = "1";
		if (takes_value) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else {
				fprintf(stderr, "ishc %s: --%.*s needs a value\n", c->name, (int)len, a);
				return -1;
			}
		} else if (eq) {
			fprintf(stderr, "ishc %s: --%.*s takes no value\n", c->name, (int)len, a);
			return -1;
		}
		char *name = strndup(a, len);
		o->names[o->n] = name;
		o->values[o->n++] = value;
	}
	return 0;
}

static void opts_free(Opts *o)
{
	for (int i = 0; i < o->n; i++)
		free((char *)o->names[i]);
}

static const Command *command_find(int argc, char **argv, int *used)
{
	for (const Command *c = commands; c->name; c++) {
		const char *sp = strchr(c->name, ' ');
		if (!sp) {
			if (argc >= 1 && strcmp(argv[0], c->name) == 0) {
				*used = 1;
				return c;
			}
		} else if (argc >= 2 && strncmp(argv[0], c->name, (size_t)(sp - c->name)) == 0 &&
			   argv[0][sp - c->name] == '\0' && strcmp(argv[1], sp + 1) == 0) {
			*used = 2;
			return c;
		}
	}
	return NULL;
}

static void commands_list(FILE *f)
{
	fprintf(f, "usage: ishc COMMAND [OPTIONS]\n\ncommands:\n");
	for (const Command *c = commands; c->name; c++)
		fprintf(f, "  %-16s %s\n", c->name, c->help);
	fprintf(f, "\n'ishc help COMMAND' shows a command's options.\n");
}

static int cmd_version(const Command *c, Opts *o)
{
	printf("ishc %s (schema %d, %s, libsodium %s)\n", ISHC_VERSION, migrate_latest(), db_engine(),
	       sodium_version_string());
	return EXIT_OK;
}

static int cmd_help(const Command *c, Opts *o)
{
	if (o->nargs == 0) {
		commands_list(stdout);
		return EXIT_OK;
	}
	int used = 0;
	const Command *h = command_find(o->nargs, (char **)o->args, &used);
	if (!h) {
		fprintf(stderr, "ishc help: no command '%s'\n", o->args[0]);
		commands_list(stderr);
		return EXIT_USAGE;
	}
	printf("usage: ishc %s%s%s\n       %s\n", h->name, h->usage[0] ? " " : "", h->usage, h->help);
	return EXIT_OK;
}

int cli_main(int argc, char **argv)
{
	if (sodium_init() < 0)
		return cli_fail("cannot initialise libsodium");
	if (argc < 2) {
		commands_list(stderr);
		return EXIT_USAGE;
	}
	int used = 0;
	const Command *c = command_find(argc - 1, argv + 1, &used);
	if (!c) {
		/* "ishc user" alone, or a misspelling: show what exists. */
		fprintf(stderr, "ishc: unknown command '%s'\n", argv[1]);
		commands_list(stderr);
		return EXIT_USAGE;
	}
	Opts o = {0};
	if (opts_parse(c, argc - 1 - used, argv + 1 + used, &o) != 0) {
		opts_free(&o);
		return cli_usage(c);
	}
	if (strcmp(c->name, "serve") != 0)
		log_set_quiet(1);
	int rc = c->run(c, &o);
	opts_free(&o);
	return rc;
}

static Db *open_current(const char *path, int flags)
{
	char err[512];
	if (!db_is_server(path) && access(path, F_OK) != 0) {
		cli_fail("%s: no such database (create it with 'ishc init --db %s')", path, path);
		return NULL;
	}
	Db *db = db_open(path, flags, err, sizeof err);
	if (!db) {
		cli_fail("%s", err);
		return NULL;
	}
	int v = migrate_version(db), latest = migrate_latest();
	if (v != latest) {
		if (v <= 0)
			cli_fail("%s: not an ishc database (create one with 'ishc init')", path);
		else if (v > latest)
			cli_fail("%s: schema version %d is newer than this ishc (%d); use a newer ishc", path, v, latest);
		else
			cli_fail("%s: schema version %d is older than this ishc (%d); run 'ishc init --db %s' first",
				 path, v, latest, path);
		db_close(db);
		return NULL;
	}
	return db;
}

Db *cli_open(const char *path)
{
	return open_current(path, 0);
}

Db *cli_open_readonly(const char *path)
{
	return open_current(path, DB_OPEN_READONLY);
}

Db *cli_open_migrate(const char *path, int create)
{
	char err[512] = "";
	Db *db = db_open(path, create, err, sizeof err);
	if (!db) {
		cli_fail("%s", err);
		return NULL;
	}
	if (migrate_up(db, err, sizeof err) < 0) {
		cli_fail("%s: %s", path, err);
		db_close(db);
		return NULL;
	}
	return db;
}

Db *cli_open_ready(const char *path, int create)
{
	Db *db = cli_open_migrate(path, create);
	if (!db)
		return NULL;
	Actor by = cli_actor();
	Problems p = {0};
	Err e = {0};
	if (unit_load_builtin(db, &by, &p, &e) != 0) {
		for (size_t i = 0; i < p.kept; i++)
			fprintf(stderr, "ishc: %s\n", p.items[i].en);
		cli_fail_err(&e);
		db_close(db);
		return NULL;
	}
	/* The first indicator catalogue (data/indicators.csv) when the catalogue is empty. */
	if (indicator_load_builtin(db, &by, &e) != 0) {
		cli_fail_err(&e);
		db_close(db);
		return NULL;
	}
	/* Members written before the name index existed (or by a bulk load) get their index rows. */
	if (search_reindex_missing(db) < 0) {
		cli_fail("%s: cannot build the name search index", path);
		db_close(db);
		return NULL;
	}
	return db;
}

Actor cli_actor(void)
{
	Actor a = {.role = ROLE_ADMIN};
	snprintf(a.username, sizeof a.username, "cli");
	snprintf(a.lang, sizeof a.lang, "vi");
	return a;
}

int cli_read_password(char *out, size_t n)
{
	if (!fgets(out, (int)n, stdin))
		return -1;
	size_t len = strlen(out);
	if (len && out[len - 1] == '\n')
		out[--len] = '\0';
	if (len && out[len - 1] == '\r')
		out[--len] = '\0';
	return 0;
}
