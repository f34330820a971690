/* Users of the product: creation, changes of role and scope, passwords, disabling, listing. */
#ifndef ISHC_CORE_USER_H
#define ISHC_CORE_USER_H

#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

typedef struct User {
	int64_t id;
	char username[48];
	char full_name[128];
	Role role;
	char scope[32];
	char lang[3];
	int disabled;
	int must_change_password;
	char created_at[21];
	char updated_at[21];
} User;

/* Fields of a new or changed user, as typed. Strings may be NULL (= unchanged on edit). */
typedef struct UserInput {
	const char *username;
	const char *full_name;
	const char *role;
	const char *scope;
	const char *password;
} UserInput;

/* Creates a user. Checks every field (E_USERNAME_INVALID, E_USERNAME_TAKEN, E_ROLE_INVALID,
 * E_SCOPE_REQUIRED, E_SCOPE_INVALID, E_PASSWORD_SHORT...) and changes nothing when one is wrong.
 * Audited. Returns the new id, or -1 with e set. */
int64_t user_create(Db *db, const Actor *by, const UserInput *in, Err *e);

/* Changes full name, role and scope of user id. Audited. 0 or -1 with e. */
int user_update(Db *db, const Actor *by, int64_t id, const UserInput *in, Err *e);

/* Sets a new password for user id (by an administrator: the user must change it at next log-in;
 * by the user: needs the current password). Revokes the user's other sessions. 0 or -1 with e. */
int user_set_password(Db *db, const Actor *by, int64_t id, const char *current,
		      const char *password, int must_change, Err *e);

/* Disables (disabled = 1) or enables user id; disabling revokes sessions and tokens. */
int user_set_disabled(Db *db, const Actor *by, int64_t id, int disabled, Err *e);

/* Sets the user's language ("vi"/"en"). */
int user_set_lang(Db *db, const Actor *by, int64_t id, const char *lang, Err *e);

/* Fills u. 1 found, 0 not, -1 store error. */
int user_get(Db *db, int64_t id, User *u);
int user_get_by_name(Db *db, const char *username, User *u);

/* Calls fn for users visible to `by`, ordered by username, with paging. Returns the total number
 * of such users, or -1. */
int64_t user_list(Db *db, const Actor *by, int64_t offset, int64_t limit,
		  void (*fn)(const User *u, void *arg), void *arg);

/* Minimum password length (characters). */
enum { USER_PASSWORD_MIN = 8, USER_PASSWORD_MAX = 256 };

#endif
