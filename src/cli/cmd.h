/* The command line: one table of commands (name, handler, help, usage), and the helpers every
 * command uses to read its options and open the database. */
#ifndef ISHC_CLI_CMD_H
#define ISHC_CLI_CMD_H

#include "core/auth.h"
#include "store/db.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct Opts Opts;

typedef struct Command {
	const char *name;          /* "user add": one or two words */
	int (*run)(const struct Command *cmd, Opts *o);
	const char *help;          /* one line */
	const char *usage;         /* the options, e.g. "--db FILE [--listen HOST:PORT]" */
	const char *options;       /* accepted options, space-separated; a trailing '=' takes a value */
} Command;

extern const Command commands[];

/* Runs the command line; returns the process exit status. */
int cli_main(int argc, char **argv);

/* Option values: NULL when absent; flags without value read as "1". */
const char *opt(const Opts *o, const char *name);
/* Like opt, but prints the usage and returns NULL when the option is missing; the caller then
 * returns EXIT_USAGE. */
const char *opt_required(const Command *c, const Opts *o, const char *name);

/* Prints "usage: ishc NAME USAGE" to stderr and returns EXIT_USAGE. */
int cli_usage(const Command *c);
/* Prints one line "ishc: message" to stderr and returns EXIT_FAIL. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a core error (Vietnamese and English) and returns EXIT_FAIL. */
int cli_fail_err(const Err *e);

/* Opens an existing database whose schema is current. NULL after printing why. */
Db *cli_open(const char *path);
/* The same, read-only: nothing in the file changes (for checking backups). */
Db *cli_open_readonly(const char *path);
/* Opens (creating) and migrates. NULL after printing why. */
Db *cli_open_migrate(const char *path, int create);

/* The actor for changes made from the command line (audited as "cli"). */
Actor cli_actor(void);

/* Reads a password from standard input (first line, without the newline). 0, or -1. */
int cli_read_password(char *out, size_t n);

/* Command handlers (cli/db.c, cli/user.c, cli/serve.c). */
int cmd_init(const Command *c, Opts *o);
int cmd_demo(const Command *c, Opts *o);
int cmd_check(const Command *c, Opts *o);
int cmd_verify(const Command *c, Opts *o);
int cmd_backup(const Command *c, Opts *o);
int cmd_restore(const Command *c, Opts *o);
int cmd_user_add(const Command *c, Opts *o);
int cmd_user_passwd(const Command *c, Opts *o);
int cmd_user_disable(const Command *c, Opts *o);
int cmd_user_enable(const Command *c, Opts *o);
int cmd_user_list(const Command *c, Opts *o);
int cmd_token_create(const Command *c, Opts *o);
int cmd_serve(const Command *c, Opts *o);
int cmd_units_import(const Command *c, Opts *o);
int cmd_units_map(const Command *c, Opts *o);
int cmd_import_members(const Command *c, Opts *o);
int cmd_import_clubs(const Command *c, Opts *o);
int cmd_import_reports(const Command *c, Opts *o);
int cmd_migrate_db(const Command *c, Opts *o);
int cmd_export_members(const Command *c, Opts *o);

/* Opens (creating) and migrates the database and loads the reference units when it has none.
 * NULL after printing why. */
Db *cli_open_ready(const char *path, int create);

#endif
