/* Who is acting: roles, the actor of a request, passwords, sessions, API tokens and log-in
 * throttling (DESIGN.md §4). */
#ifndef ISHC_CORE_AUTH_H
#define ISHC_CORE_AUTH_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

typedef enum Role {
	ROLE_NONE = 0,
	ROLE_ADMIN,
	ROLE_CENTRAL,
	ROLE_PROVINCE,
	ROLE_COMMUNE,
	ROLE_CLUB,
	ROLE_VIEWER,
	ROLE_COUNT_
} Role;

/* Bit for a role in a route's allowed-roles mask. */
#define ROLE_BIT(r) (1u << (r))
#define ROLES_ALL                                                                          \
	(ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_CENTRAL) | ROLE_BIT(ROLE_PROVINCE) |          \
	 ROLE_BIT(ROLE_COMMUNE) | ROLE_BIT(ROLE_CLUB) | ROLE_BIT(ROLE_VIEWER))

/* "administrator", "central", ...; NULL for ROLE_NONE. */
const char *role_name(Role r);
/* Vietnamese or English label for screens. */
const char *role_label(Role r, const char *lang);
/* ROLE_NONE when name is not a role. */
Role role_parse(const char *name);

enum { AUTH_TOKEN_LEN = 43, AUTH_HASH_HEX = 64 };

/* The authenticated user behind a request or a command. */
typedef struct Actor {
	int64_t user_id;          /* 0 = nobody (or the command line acting as the system) */
	char username[48];
	char full_name[128];
	Role role;
	char scope[32];           /* unit or club code; "" for administrator and central */
	char lang[3];             /* "vi" or "en" */
	int must_change_password;
	int64_t session_id;       /* 0 when authenticated by API token */
	int64_t token_id;
	char csrf[AUTH_TOKEN_LEN + 1];
	char ip[48];
} Actor;

/* Hashes a password with Argon2id into out (crypto_pwhash_STRBYTES). 0, or -1 out of memory. */
int auth_password_hash(const char *password, char out[128]);
/* 1 if password matches the stored hash, else 0. */
int auth_password_verify(const char *stored, const char *password);
/* A hash of a random password, for comparisons that must take as long as a real one. */
const char *auth_dummy_hash(void);

/* Fills out with a new random URL-safe token (AUTH_TOKEN_LEN chars + NUL). */
void auth_random_token(char out[AUTH_TOKEN_LEN + 1]);
/* SHA-256 of a token, as lowercase hex, for storage: tokens are never stored in clear. */
void auth_token_hash(const char *token, char out[AUTH_HASH_HEX + 1]);

enum {
	SESSION_IDLE_SECONDS = 8 * 3600,      /* a session unused for this long expires */
	SESSION_MAX_SECONDS = 7 * 24 * 3600,  /* and every session expires after this */
	THROTTLE_WINDOW = 15 * 60,
	THROTTLE_USER_MAX = 5,                /* failures per user per window */
	THROTTLE_IP_MAX = 20,                 /* failures per address per window */
};

/* Checks username and password (after the throttle), and on success creates a session:
 * *token gets the cookie value to hand to the browser and a->csrf the session's CSRF token.
 * Errors: E_THROTTLED, E_LOGIN_FAILED (also for disabled users), store errors. Failed attempts
 * are counted per user and per address (ip may be ""). Returns 0 or -1. */
int auth_login(Db *db, const char *username, const char *password, const char *ip, Actor *a,
	       char token[AUTH_TOKEN_LEN + 1], Err *e);

/* Looks up a session by its cookie token. Returns 1 and fills a when valid; 0 when unknown or
 * revoked; 2 when it was valid but has expired (the caller sends the user to log in again). */
int auth_session(Db *db, const char *token, Actor *a);

/* Revokes one session (log out) or every session of a user except keep_session (0 = all). */
int auth_session_revoke(Db *db, int64_t session_id);
int auth_sessions_revoke_user(Db *db, int64_t user_id, int64_t keep_session);

/* Creates an API token for username: *token gets the clear token (shown once). Returns the
 * token's id, or -1 with e set (E_NOT_FOUND for an unknown or disabled user). */
int64_t auth_token_create(Db *db, const Actor *by, const char *username, const char *label,
			  char token[AUTH_TOKEN_LEN + 1 + 5], Err *e);

/* Authenticates an "Authorization: Bearer" token. 1 and a filled, or 0. */
int auth_token_check(Db *db, const char *token, Actor *a);

/* Revokes token id of user_id (an administrator may pass user_id 0 for any). 0, or -1 with e. */
int auth_token_revoke(Db *db, const Actor *by, int64_t user_id, int64_t id, Err *e);

typedef struct TokenInfo {
	int64_t id;
	const char *label;
	const char *created_at;
	const char *last_used_at;    /* NULL if never */
	const char *revoked_at;      /* NULL if active */
} TokenInfo;

/* Calls fn for each API token of user_id, newest first (strings valid during the call).
 * Returns the count, or -1 on a store error. */
int auth_token_list(Db *db, int64_t user_id, void (*fn)(const TokenInfo *t, void *arg), void *arg);

/* Fills a from the users table for user_id (role, scope, lang...). 1 found, 0 not. */
int auth_actor_load(Db *db, int64_t user_id, Actor *a);

#endif
