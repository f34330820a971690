/* Roles, passwords, sessions, API tokens and log-in throttling (see auth.h). */
#include "core/auth.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/audit.h"
#include "lib/log.h"

static const struct {
	const char *name, *vi, *en;
} roles[ROLE_COUNT_] = {
	[ROLE_ADMIN] = {"administrator", "Quản trị hệ thống", "Administrator"},
	[ROLE_CENTRAL] = {"central", "Trung ương Hội", "Central level"},
	[ROLE_PROVINCE] = {"province", "Hội NCT tỉnh", "Province"},
	[ROLE_COMMUNE] = {"commune", "Hội NCT xã", "Commune"},
	[ROLE_CLUB] = {"club", "Ban chủ nhiệm CLB", "Club board"},
	[ROLE_VIEWER] = {"viewer", "Người xem (chỉ số liệu tổng hợp)", "Viewer (aggregates only)"},
};

const char *role_name(Role r)
{
	return (unsigned)r < ROLE_COUNT_ ? roles[r].name : NULL;
}

const char *role_label(Role r, const char *lang)
{
	if ((unsigned)r >= ROLE_COUNT_ || !roles[r].name)
		return "";
	return lang && strcmp(lang, "en") == 0 ? roles[r].en : roles[r].vi;
}

Role role_parse(const char *name)
{
	for (int r = ROLE_ADMIN; name && r < ROLE_COUNT_; r++)
		if (strcmp(name, roles[r].name) == 0)
			return (Role)r;
	return ROLE_NONE;
}

int auth_password_hash(const char *password, char out[128])
{
	return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int auth_password_verify(const char *stored, const char *password)
{
	return crypto_pwhash_str_verify(stored, password, strlen(password)) == 0;
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	char pw[AUTH_TOKEN_LEN + 1];
	auth_random_token(pw);
	if (auth_password_hash(pw, dummy_hash) != 0)
		log_error("auth: cannot hash the dummy password");
}

const char *auth_dummy_hash(void)
{
	pthread_once(&dummy_once, dummy_make);
	return dummy_hash;
}

void auth_random_token(char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, AUTH_TOKEN_LEN + 1, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void auth_token_hash(const char *token, char out[AUTH_HASH_HEX + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, AUTH_HASH_HEX + 1, h, sizeof h);
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* Columns of users that make an Actor, in this order. */
#define ACTOR_COLS "u.id, u.username, u.full_name, u.role, COALESCE(u.scope_code, ''), u.lang, u.must_change_password"

static void actor_fill(Stmt *st, int col, Actor *a)
{
	a->user_id = db_col_int(st, col);
	copy(a->username, sizeof a->username, db_col_text(st, col + 1));
	copy(a->full_name, sizeof a->full_name, db_col_text(st, col + 2));
	a->role = role_parse(db_col_text(st, col + 3));
	copy(a->scope, sizeof a->scope, db_col_text(st, col + 4));
	copy(a->lang, sizeof a->lang, db_col_text(st, col + 5));
	a->must_change_password = (int)db_col_int(st, col + 6);
}

int auth_actor_load(Db *db, int64_t user_id, Actor *a)
{
	Stmt *st = db_stmt(db, "auth_actor_load",
			   "SELECT " ACTOR_COLS " FROM users u WHERE u.id = $1 AND u.disabled = 0");
	if (!st)
		return 0;
	db_bind_int(st, 1, user_id);
	int found = db_step(st) == DB_ROW;
	if (found)
		actor_fill(st, 0, a);
	db_reset(st);
	return found;
}

/* ---- throttling ---- */

/* Failures for key within the current window. */
static int64_t throttle_count(Db *db, const char *key, int64_t now)
{
	Stmt *st = db_stmt(db, "throttle_count",
			   "SELECT failures FROM login_failures WHERE key = $1 AND window_start > $2");
	if (!st)
		return 0;
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, now - THROTTLE_WINDOW);
	int64_t n = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return n;
}

typedef struct Failure {
	const char *keys[2];
	int64_t now;
} Failure;

static int throttle_record(Db *db, void *arg)
{
	Failure *f = arg;
	for (int i = 0; i < 2; i++) {
		if (!f->keys[i])
			continue;
		/* A window that has passed starts again at one failure. */
		Stmt *st = db_stmt(db, "throttle_record",
				   "INSERT INTO login_failures (key, failures, window_start) VALUES ($1, 1, $2) "
				   "ON CONFLICT (key) DO UPDATE SET "
				   "failures = CASE WHEN login_failures.window_start > $3 THEN login_failures.failures + 1 ELSE 1 END, "
				   "window_start = CASE WHEN login_failures.window_start > $3 THEN login_failures.window_start ELSE $2 END");
		if (!st)
			return -DB_ERROR;
		db_bind_text(st, 1, f->keys[i]);
		db_bind_int(st, 2, f->now);
		db_bind_int(st, 3, f->now - THROTTLE_WINDOW);
		DbStatus s = db_exec_stmt(st);
		if (s != DB_OK)
			return -(int)s;
	}
	return 0;
}

/* ---- sessions ---- */

typedef struct LoginTx {
	Actor *a;
	const char *token_hash;
	const char *ip;
	int64_t now;
	const char *user_key;
} LoginTx;

static int login_commit(Db *db, void *arg)
{
	LoginTx *t = arg;
	Stmt *st = db_stmt(db, "session_create",
			   "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, ip) "
			   "VALUES ($1, $2, $3, $4, $5, $4, $6)");
	if (!st)
		return -DB_ERROR;
	db_bind_text(st, 1, t->token_hash);
	db_bind_int(st, 2, t->a->user_id);
	db_bind_text(st, 3, t->a->csrf);
	db_bind_int(st, 4, t->now);
	db_bind_int(st, 5, t->now + SESSION_MAX_SECONDS);
	db_bind_text(st, 6, t->ip);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	t->a->session_id = db_last_id(db);
	st = db_stmt(db, "throttle_clear", "DELETE FROM login_failures WHERE key = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_text(st, 1, t->user_key);
	s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->a->user_id);
	s = audit_write(db, t->a, "login", "user", id, NULL, NULL);
	return s == DB_OK ? 0 : -(int)s;
}

int auth_login(Db *db, const char *username, const char *password, const char *ip, Actor *a,
	       char token[AUTH_TOKEN_LEN + 1], Err *e)
{
	char user_key[80], ip_key[80];
	snprintf(user_key, sizeof user_key, "u:%s", username);
	snprintf(ip_key, sizeof ip_key, "ip:%s", ip && *ip ? ip : "-");
	int64_t now = db_now();
	if (throttle_count(db, user_key, now) >= THROTTLE_USER_MAX ||
	    throttle_count(db, ip_key, now) >= THROTTLE_IP_MAX)
		return err_set(e, E_THROTTLED, NULL);

	Stmt *st = db_stmt(db, "auth_login_user",
			   "SELECT " ACTOR_COLS ", u.password_hash, u.disabled FROM users u WHERE u.username = $1");
	if (!st)
		return err_set(e, E_INTERNAL, NULL);
	db_bind_text(st, 1, username);
	char stored[crypto_pwhash_STRBYTES] = "";
	int disabled = 1;
	memset(a, 0, sizeof *a);
	if (db_step(st) == DB_ROW) {
		actor_fill(st, 0, a);
		copy(stored, sizeof stored, db_col_text(st, 7));
		disabled = (int)db_col_int(st, 8);
	}
	db_reset(st);
	/* Verify even for an unknown user, so the time taken does not tell which usernames exist. */
	int ok = auth_password_verify(stored[0] ? stored : auth_dummy_hash(), password) && !disabled &&
		 stored[0];
	if (!ok) {
		Failure f = {{user_key, ip_key}, now};
		int rc = db_tx(db, throttle_record, &f);
		memset(a, 0, sizeof *a);
		return err_set(e, rc == 0 ? E_LOGIN_FAILED : err_from_db(rc), NULL);
	}
	copy(a->ip, sizeof a->ip, ip);
	auth_random_token(token);
	auth_random_token(a->csrf);
	char h[AUTH_HASH_HEX + 1];
	auth_token_hash(token, h);
	LoginTx t = {a, h, ip ? ip : "", now, user_key};
	int rc = db_tx(db, login_commit, &t);
	if (rc != 0)
		return err_set(e, err_from_db(rc), NULL);
	return 0;
}

int auth_session(Db *db, const char *token, Actor *a)
{
	char h[AUTH_HASH_HEX + 1];
	auth_token_hash(token, h);
	Stmt *st = db_stmt(db, "auth_session",
			   "SELECT " ACTOR_COLS ", s.id, s.csrf_token, s.expires_at, s.last_seen_at, s.revoked, u.disabled "
			   "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1");
	if (!st)
		return 0;
	db_bind_text(st, 1, h);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return 0;
	}
	memset(a, 0, sizeof *a);
	actor_fill(st, 0, a);
	a->session_id = db_col_int(st, 7);
	copy(a->csrf, sizeof a->csrf, db_col_text(st, 8));
	int64_t expires = db_col_int(st, 9), seen = db_col_int(st, 10);
	int revoked = (int)db_col_int(st, 11), disabled = (int)db_col_int(st, 12);
	db_reset(st);
	if (revoked || disabled)
		return 0;
	int64_t now = db_now();
	if (now >= expires || now - seen >= SESSION_IDLE_SECONDS)
		return 2;
	/* Keep the idle clock moving, but write at most once a minute per session. */
	if (now - seen >= 60) {
		st = db_stmt(db, "auth_session_touch", "UPDATE sessions SET last_seen_at = $1 WHERE id = $2");
		if (st) {
			db_bind_int(st, 1, now);
			db_bind_int(st, 2, a->session_id);
			db_exec_stmt(st);
		}
	}
	return 1;
}

int auth_session_revoke(Db *db, int64_t session_id)
{
	Stmt *st = db_stmt(db, "auth_session_revoke", "UPDATE sessions SET revoked = 1 WHERE id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, session_id);
	return db_exec_stmt(st) == DB_OK ? 0 : -1;
}

int auth_sessions_revoke_user(Db *db, int64_t user_id, int64_t keep_session)
{
	Stmt *st = db_stmt(db, "auth_sessions_revoke_user",
			   "UPDATE sessions SET revoked = 1 WHERE user_id = $1 AND id <> $2 AND revoked = 0");
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, keep_session);
	return db_exec_stmt(st) == DB_OK ? 0 : -1;
}

/* ---- API tokens ---- */

typedef struct TokenTx {
	const Actor *by;
	const char *username;
	const char *label;
	const char *hash;
	int64_t id;
	int64_t user_id;
	Err *e;
} TokenTx;

static int token_create_tx(Db *db, void *arg)
{
	TokenTx *t = arg;
	Stmt *st = db_stmt(db, "token_user", "SELECT id FROM users WHERE username = $1 AND disabled = 0");
	if (!st)
		return -DB_ERROR;
	db_bind_text(st, 1, t->username);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		err_set(t->e, E_NOT_FOUND, "username");
		return 1;
	}
	t->user_id = db_col_int(st, 0);
	db_reset(st);
	char now[21];
	db_now_iso(now);
	st = db_stmt(db, "token_create",
		     "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, t->user_id);
	db_bind_text(st, 2, t->hash);
	db_bind_text(st, 3, t->label ? t->label : "");
	db_bind_text(st, 4, now);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	t->id = db_last_id(db);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	json_t *after = json_pack("{s:s, s:s}", "username", t->username, "label", t->label ? t->label : "");
	s = audit_write(db, t->by, "create", "api_token", id, NULL, after);
	json_decref(after);
	return s == DB_OK ? 0 : -(int)s;
}

int64_t auth_token_create(Db *db, const Actor *by, const char *username, const char *label,
			  char token[AUTH_TOKEN_LEN + 1 + 5], Err *e)
{
	if (label && strlen(label) > 100)
		return err_set(e, E_TOO_LONG, "label");
	/* The prefix lets people and secret scanners recognise an ishc token. */
	memcpy(token, "ishc_", 5);
	auth_random_token(token + 5);
	char h[AUTH_HASH_HEX + 1];
	auth_token_hash(token, h);
	TokenTx t = {by, username, label, h, 0, 0, e};
	int rc = db_tx(db, token_create_tx, &t);
	if (rc > 0)
		return -1;
	if (rc < 0)
		return err_set(e, err_from_db(rc), NULL);
	return t.id;
}

int auth_token_check(Db *db, const char *token, Actor *a)
{
	char h[AUTH_HASH_HEX + 1];
	auth_token_hash(token, h);
	Stmt *st = db_stmt(db, "auth_token_check",
			   "SELECT " ACTOR_COLS ", t.id FROM api_tokens t JOIN users u ON u.id = t.user_id "
			   "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = 0");
	if (!st)
		return 0;
	db_bind_text(st, 1, h);
	int found = db_step(st) == DB_ROW;
	if (found) {
		memset(a, 0, sizeof *a);
		actor_fill(st, 0, a);
		a->token_id = db_col_int(st, 7);
	}
	db_reset(st);
	if (found) {
		char now[21];
		db_now_iso(now);
		/* Day resolution: one write per token per day, not one per request. */
		st = db_stmt(db, "auth_token_used",
			     "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 "
			     "AND (last_used_at IS NULL OR SUBSTR(last_used_at, 1, 10) <> SUBSTR($1, 1, 10))");
		if (st) {
			db_bind_text(st, 1, now);
			db_bind_int(st, 2, a->token_id);
			db_exec_stmt(st);
		}
	}
	return found;
}

typedef struct RevokeTx {
	const Actor *by;
	int64_t user_id, id;
	Err *e;
} RevokeTx;

static int token_revoke_tx(Db *db, void *arg)
{
	RevokeTx *t = arg;
	char now[21];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "token_revoke",
			   "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL "
			   "AND ($3 = 0 OR user_id = $3)");
	if (!st)
		return -DB_ERROR;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, t->id);
	db_bind_int(st, 3, t->user_id);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	if (db_changes(db) == 0) {
		err_set(t->e, E_NOT_FOUND, NULL);
		return 1;
	}
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	json_t *after = json_pack("{s:s}", "revoked_at", now);
	s = audit_write(db, t->by, "revoke", "api_token", id, NULL, after);
	json_decref(after);
	return s == DB_OK ? 0 : -(int)s;
}

int auth_token_revoke(Db *db, const Actor *by, int64_t user_id, int64_t id, Err *e)
{
	RevokeTx t = {by, user_id, id, e};
	int rc = db_tx(db, token_revoke_tx, &t);
	if (rc > 0)
		return -1;
	if (rc < 0)
		return err_set(e, err_from_db(rc), NULL);
	return 0;
}

int auth_token_list(Db *db, int64_t user_id, void (*fn)(const TokenInfo *t, void *arg), void *arg)
{
	Stmt *st = db_stmt(db, "auth_token_list",
			   "SELECT id, label, created_at, last_used_at, revoked_at FROM api_tokens "
			   "WHERE user_id = $1 ORDER BY id DESC");
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	int n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		TokenInfo t = {db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3),
			       db_col_text(st, 4)};
		fn(&t, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}
