/* User and token commands. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli/cmd.h"
#include "core/user.h"

static int password_from_stdin(const Command *c, const Opts *o, char *pw, size_t n)
{
	if (!opt(o, "password-stdin")) {
		fprintf(stderr, "ishc %s: give the password on standard input with --password-stdin\n", c->name);
		cli_usage(c);
		return EXIT_USAGE;
	}
	if (cli_read_password(pw, n) != 0)
		return cli_fail("no password on standard input");
	return EXIT_OK;
}

int cmd_user_add(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	const char *username = path ? opt_required(c, o, "username") : NULL;
	const char *role = username ? opt_required(c, o, "role") : NULL;
	if (!role)
		return EXIT_USAGE;
	char pw[USER_PASSWORD_MAX + 2];
	int rc = password_from_stdin(c, o, pw, sizeof pw);
	if (rc != EXIT_OK)
		return rc;
	Db *db = cli_open(path);
	if (!db)
		return EXIT_FAIL;
	Actor by = cli_actor();
	UserInput in = {username, opt(o, "full-name"), role, opt(o, "scope"), pw};
	Err e = {0};
	int64_t id = user_create(db, &by, &in, &e);
	sodium_memzero(pw, sizeof pw);
	db_close(db);
	if (id < 0)
		return cli_fail_err(&e);
	printf("user %s created (id %lld, %s)\n", username, (long long)id, role);
	return EXIT_OK;
}

/* Finds username's id; prints the failure. */
static int64_t user_id(Db *db, const char *username)
{
	User u;
	int have = user_get_by_name(db, username, &u);
	if (have <= 0) {
		cli_fail(have < 0 ? "cannot read users" : "no user called %s", username);
		return -1;
	}
	return u.id;
}

int cmd_user_passwd(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	const char *username = path ? opt_required(c, o, "username") : NULL;
	if (!username)
		return EXIT_USAGE;
	char pw[USER_PASSWORD_MAX + 2];
	int rc = password_from_stdin(c, o, pw, sizeof pw);
	if (rc != EXIT_OK)
		return rc;
	Db *db = cli_open(path);
	if (!db)
		return EXIT_FAIL;
	int64_t id = user_id(db, username);
	Actor by = cli_actor();
	Err e = {0};
	rc = id < 0 ? -2 : user_set_password(db, &by, id, NULL, pw, opt(o, "temporary") != NULL, &e);
	sodium_memzero(pw, sizeof pw);
	db_close(db);
	if (rc == -2)
		return EXIT_FAIL;
	if (rc != 0)
		return cli_fail_err(&e);
	printf("password of %s changed%s\n", username, opt(o, "temporary") ? " (to be changed at next log-in)" : "");
	return EXIT_OK;
}

static int set_disabled(const Command *c, Opts *o, int disabled)
{
	const char *path = opt_required(c, o, "db");
	const char *username = path ? opt_required(c, o, "username") : NULL;
	if (!username)
		return EXIT_USAGE;
	Db *db = cli_open(path);
	if (!db)
		return EXIT_FAIL;
	int64_t id = user_id(db, username);
	Actor by = cli_actor();
	Err e = {0};
	int rc = id < 0 ? -2 : user_set_disabled(db, &by, id, disabled, &e);
	db_close(db);
	if (rc == -2)
		return EXIT_FAIL;
	if (rc != 0)
		return cli_fail_err(&e);
	printf("user %s %s\n", username, disabled ? "disabled" : "enabled");
	return EXIT_OK;
}

int cmd_user_disable(const Command *c, Opts *o)
{
	return set_disabled(c, o, 1);
}

int cmd_user_enable(const Command *c, Opts *o)
{
	return set_disabled(c, o, 0);
}

static void print_user(const User *u, void *arg)
{
	printf("%-20s %-14s %-10s %-8s %s\n", u->username, role_name(u->role), u->scope[0] ? u->scope : "-",
	       u->disabled ? "disabled" : "active", u->full_name);
}

int cmd_user_list(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	if (!path)
		return EXIT_USAGE;
	Db *db = cli_open(path);
	if (!db)
		return EXIT_FAIL;
	Actor by = cli_actor();
	printf("%-20s %-14s %-10s %-8s %s\n", "USERNAME", "ROLE", "SCOPE", "STATUS", "NAME");
	int64_t n = user_list(db, &by, 0, INT64_MAX, print_user, NULL);
	db_close(db);
	return n < 0 ? cli_fail("cannot read users") : EXIT_OK;
}

int cmd_token_create(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	const char *username = path ? opt_required(c, o, "username") : NULL;
	if (!username)
		return EXIT_USAGE;
	Db *db = cli_open(path);
	if (!db)
		return EXIT_FAIL;
	Actor by = cli_actor();
	char token[AUTH_TOKEN_LEN + 6];
	Err e = {0};
	int64_t id = auth_token_create(db, &by, username, opt(o, "label"), token, &e);
	db_close(db);
	if (id < 0)
		return cli_fail_err(&e);
	printf("%s\n", token);
	return EXIT_OK;
}
