/* Users (see user.h). Every change is checked in full before anything is written, and audited in
 * the same transaction. */
#include "core/user.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/audit.h"
#include "core/scope.h"
#include "lib/utf8.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

#define USER_COLS \
	"id, username, full_name, role, COALESCE(scope_code, ''), lang, disabled, must_change_password, created_at, updated_at"

static void user_fill(Stmt *st, User *u)
{
	u->id = db_col_int(st, 0);
	copy(u->username, sizeof u->username, db_col_text(st, 1));
	copy(u->full_name, sizeof u->full_name, db_col_text(st, 2));
	u->role = role_parse(db_col_text(st, 3));
	copy(u->scope, sizeof u->scope, db_col_text(st, 4));
	copy(u->lang, sizeof u->lang, db_col_text(st, 5));
	u->disabled = (int)db_col_int(st, 6);
	u->must_change_password = (int)db_col_int(st, 7);
	copy(u->created_at, sizeof u->created_at, db_col_text(st, 8));
	copy(u->updated_at, sizeof u->updated_at, db_col_text(st, 9));
}

static json_t *user_json(const User *u)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:b}", "username", u->username, "full_name", u->full_name,
			 "role", role_name(u->role) ? role_name(u->role) : "", "scope", u->scope,
			 "disabled", u->disabled);
}

int user_get(Db *db, int64_t id, User *u)
{
	Stmt *st = db_stmt(db, "user_get", "SELECT " USER_COLS " FROM users WHERE id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		user_fill(st, u);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

int user_get_by_name(Db *db, const char *username, User *u)
{
	Stmt *st = db_stmt(db, "user_get_by_name", "SELECT " USER_COLS " FROM users WHERE username = $1");
	if (!st)
		return -1;
	db_bind_text(st, 1, username);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		user_fill(st, u);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

static int username_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 40)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(islower(c) || isdigit(c) || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static int text_field_check(const char *s, size_t max, const char *field, Err *e)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (!utf8_valid(s, n, NULL))
		return err_set(e, E_BAD_UTF8, field);
	if (n > max)
		return err_set(e, E_TOO_LONG, field);
	return 0;
}

static int password_check(const char *pw, Err *e)
{
	if (!pw || !*pw)
		return err_set(e, E_REQUIRED, "password");
	size_t n = strlen(pw);
	if (!utf8_valid(pw, n, NULL))
		return err_set(e, E_BAD_UTF8, "password");
	/* Length in characters, not bytes: Vietnamese letters take two or three bytes. */
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)pw[i] & 0xC0) != 0x80;
	if (chars < USER_PASSWORD_MIN)
		return err_set(e, E_PASSWORD_SHORT, "password");
	if (n > USER_PASSWORD_MAX)
		return err_set(e, E_TOO_LONG, "password");
	return 0;
}

static int may_manage_users(const Actor *by, Err *e)
{
	if (by->role != ROLE_ADMIN)
		return err_set(e, E_FORBIDDEN, NULL);
	return 0;
}

typedef struct CreateTx {
	const Actor *by;
	const UserInput *in;
	const char *hash;
	Role role;
	int64_t id;
	Err *e;
} CreateTx;

static int user_create_tx(Db *db, void *arg)
{
	CreateTx *t = arg;
	User existing;
	int have = user_get_by_name(db, t->in->username, &existing);
	if (have < 0)
		return -DB_ERROR;
	if (have) {
		err_set(t->e, E_USERNAME_TAKEN, "username");
		return 1;
	}
	char now[21];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "user_create",
			   "INSERT INTO users (username, full_name, password_hash, role, scope_code, created_at, updated_at) "
			   "VALUES ($1, $2, $3, $4, $5, $6, $6)");
	if (!st)
		return -DB_ERROR;
	db_bind_text(st, 1, t->in->username);
	db_bind_text(st, 2, t->in->full_name ? t->in->full_name : "");
	db_bind_text(st, 3, t->hash);
	db_bind_text(st, 4, role_name(t->role));
	db_bind_text(st, 5, t->in->scope && *t->in->scope ? t->in->scope : NULL);
	db_bind_text(st, 6, now);
	DbStatus s = db_exec_stmt(st);
	if (s == DB_CONSTRAINT) {
		err_set(t->e, E_USERNAME_TAKEN, "username");
		return 1;
	}
	if (s != DB_OK)
		return -(int)s;
	t->id = db_last_id(db);
	User u;
	if (user_get(db, t->id, &u) != 1)
		return -DB_ERROR;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	json_t *after = user_json(&u);
	s = audit_write(db, t->by, "create", "user", id, NULL, after);
	json_decref(after);
	return s == DB_OK ? 0 : -(int)s;
}

/* Returns from a db_tx result: 0 ok, 1 = e already set, negative = store trouble. */
static int tx_result(int rc, Err *e)
{
	if (rc > 0)
		return -1;
	if (rc < 0)
		return err_set(e, err_from_db(rc), NULL);
	return 0;
}

int64_t user_create(Db *db, const Actor *by, const UserInput *in, Err *e)
{
	if (may_manage_users(by, e))
		return -1;
	if (!in->username || !*in->username)
		return err_set(e, E_REQUIRED, "username");
	if (!username_valid(in->username))
		return err_set(e, E_USERNAME_INVALID, "username");
	if (text_field_check(in->full_name, 120, "full_name", e))
		return -1;
	if (!in->role || !*in->role)
		return err_set(e, E_REQUIRED, "role");
	Role r = role_parse(in->role);
	if (r == ROLE_NONE)
		return err_set(e, E_ROLE_INVALID, "role");
	if (!scope_may_grant(db, by, r, in->scope, e))
		return -1;
	if (password_check(in->password, e))
		return -1;
	char hash[crypto_pwhash_STRBYTES];
	if (auth_password_hash(in->password, hash) != 0)
		return err_set(e, E_INTERNAL, NULL);
	CreateTx t = {by, in, hash, r, 0, e};
	if (tx_result(db_tx(db, user_create_tx, &t), e))
		return -1;
	return t.id;
}

typedef struct ChangeTx {
	const Actor *by;
	int64_t id;
	const char *action;
	/* What to change; NULL / -1 = keep. */
	const char *full_name;
	const char *role;
	const char *scope;
	const char *hash;
	int must_change;
	int disabled;
	const char *lang;
	int64_t keep_session;
	Err *e;
} ChangeTx;

static int user_change_tx(Db *db, void *arg)
{
	ChangeTx *t = arg;
	User before;
	int have = user_get(db, t->id, &before);
	if (have < 0)
		return -DB_ERROR;
	if (!have) {
		err_set(t->e, E_NOT_FOUND, NULL);
		return 1;
	}
	char now[21];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "user_change",
			   "UPDATE users SET full_name = COALESCE($2, full_name), role = COALESCE($3, role), "
			   "scope_code = CASE WHEN $4 IS NULL THEN scope_code WHEN $4 = '' THEN NULL ELSE $4 END, "
			   "password_hash = COALESCE($5, password_hash), "
			   "must_change_password = CASE WHEN $6 < 0 THEN must_change_password ELSE $6 END, "
			   "disabled = CASE WHEN $7 < 0 THEN disabled ELSE $7 END, "
			   "lang = COALESCE($8, lang), updated_at = $9 WHERE id = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, t->id);
	db_bind_text(st, 2, t->full_name);
	db_bind_text(st, 3, t->role);
	db_bind_text(st, 4, t->scope);
	db_bind_text(st, 5, t->hash);
	db_bind_int(st, 6, t->must_change);
	db_bind_int(st, 7, t->disabled);
	db_bind_text(st, 8, t->lang);
	db_bind_text(st, 9, now);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	/* A new password or a disabled account ends the user's other sessions and, when
	 * disabled, the API tokens stop working (they check users.disabled). */
	if (t->hash || t->disabled == 1) {
		if (auth_sessions_revoke_user(db, t->id, t->keep_session) != 0)
			return -DB_ERROR;
	}
	User after;
	if (user_get(db, t->id, &after) != 1)
		return -DB_ERROR;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	json_t *b = user_json(&before), *a = user_json(&after);
	/* Password changes are recorded as an event; the hash itself never enters the log. */
	if (t->hash) {
		json_object_set_new(a, "password_changed", json_true());
		json_object_set_new(a, "must_change_password", json_boolean(after.must_change_password));
	}
	if (t->lang) {
		json_object_set_new(b, "lang", json_string(before.lang));
		json_object_set_new(a, "lang", json_string(after.lang));
	}
	s = audit_write(db, t->by, t->action, "user", id, b, a);
	json_decref(b);
	json_decref(a);
	return s == DB_OK ? 0 : -(int)s;
}

static int user_change(Db *db, ChangeTx *t)
{
	return tx_result(db_tx(db, user_change_tx, t), t->e);
}

int user_update(Db *db, const Actor *by, int64_t id, const UserInput *in, Err *e)
{
	if (may_manage_users(by, e))
		return -1;
	if (text_field_check(in->full_name, 120, "full_name", e))
		return -1;
	User u;
	int have = user_get(db, id, &u);
	if (have <= 0)
		return err_set(e, have < 0 ? E_INTERNAL : E_NOT_FOUND, NULL);
	Role r = u.role;
	if (in->role) {
		r = role_parse(in->role);
		if (r == ROLE_NONE)
			return err_set(e, E_ROLE_INVALID, "role");
		if (id == by->user_id && r != ROLE_ADMIN)
			return err_set(e, E_SELF_DISABLE, "role");
	}
	const char *scope = in->scope ? in->scope : u.scope;
	if (!scope_may_grant(db, by, r, scope, e))
		return -1;
	ChangeTx t = {by, id, "update", in->full_name, role_name(r), scope, NULL, -1, -1, NULL, 0, e};
	return user_change(db, &t);
}

int user_set_password(Db *db, const Actor *by, int64_t id, const char *current,
		      const char *password, int must_change, Err *e)
{
	int self = by->user_id == id;
	if (!self && may_manage_users(by, e))
		return -1;
	User u;
	int have = user_get(db, id, &u);
	if (have <= 0)
		return err_set(e, have < 0 ? E_INTERNAL : E_NOT_FOUND, NULL);
	if (self && by->session_id) {
		if (!current || !*current)
			return err_set(e, E_REQUIRED, "current");
		Stmt *st = db_stmt(db, "user_password_hash", "SELECT password_hash FROM users WHERE id = $1");
		if (!st)
			return err_set(e, E_INTERNAL, NULL);
		db_bind_int(st, 1, id);
		char stored[crypto_pwhash_STRBYTES] = "";
		if (db_step(st) == DB_ROW)
			copy(stored, sizeof stored, db_col_text(st, 0));
		db_reset(st);
		if (!auth_password_verify(stored, current))
			return err_set(e, E_PASSWORD_WRONG, "current");
	}
	if (password_check(password, e))
		return -1;
	char hash[crypto_pwhash_STRBYTES];
	if (auth_password_hash(password, hash) != 0)
		return err_set(e, E_INTERNAL, NULL);
	ChangeTx t = {by, id, self ? "change_password" : "reset_password", NULL, NULL, NULL, hash,
		      self ? 0 : must_change, -1, NULL, self ? by->session_id : 0, e};
	return user_change(db, &t);
}

int user_set_disabled(Db *db, const Actor *by, int64_t id, int disabled, Err *e)
{
	if (may_manage_users(by, e))
		return -1;
	if (disabled && id == by->user_id)
		return err_set(e, E_SELF_DISABLE, NULL);
	ChangeTx t = {by, id, disabled ? "disable" : "enable", NULL, NULL, NULL, NULL, -1, disabled ? 1 : 0,
		      NULL, 0, e};
	return user_change(db, &t);
}

int user_set_lang(Db *db, const Actor *by, int64_t id, const char *lang, Err *e)
{
	if (!lang || (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0))
		return err_set(e, E_INVALID, "lang");
	if (by->user_id != id && may_manage_users(by, e))
		return -1;
	ChangeTx t = {by, id, "set_lang", NULL, NULL, NULL, NULL, -1, -1, lang, 0, e};
	return user_change(db, &t);
}

int64_t user_list(Db *db, const Actor *by, int64_t offset, int64_t limit,
		  void (*fn)(const User *u, void *arg), void *arg)
{
	if (by->role != ROLE_ADMIN)
		return 0;
	Stmt *st = db_stmt(db, "user_count", "SELECT COUNT(*) FROM users");
	if (!st || db_step(st) != DB_ROW)
		return -1;
	int64_t total = db_col_int(st, 0);
	db_reset(st);
	st = db_stmt(db, "user_list", "SELECT " USER_COLS " FROM users ORDER BY username LIMIT $1 OFFSET $2");
	if (!st)
		return -1;
	db_bind_int(st, 1, limit);
	db_bind_int(st, 2, offset);
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		User u;
		user_fill(st, &u);
		fn(&u, arg);
	}
	db_reset(st);
	return s == DB_DONE ? total : -1;
}
