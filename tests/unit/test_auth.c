/* core/: users, passwords, sessions, throttling, API tokens, scope, audit — on a real database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "core/audit.h"
#include "core/scope.h"
#include "core/user.h"
#include "testutil.h"

static Actor admin(void)
{
	Actor a = {.role = ROLE_ADMIN};
	strcpy(a.username, "test");
	return a;
}

static int64_t count(Db *db, const char *sql_name, const char *sql)
{
	Stmt *st = db_stmt(db, sql_name, sql);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

static int64_t add(Db *db, const char *username, const char *role, const char *scope, const char *pw)
{
	Actor by = admin();
	UserInput in = {username, "Nguyễn Thị Hoa", role, scope, pw};
	Err e = {0};
	int64_t id = user_create(db, &by, &in, &e);
	assert_true(id > 0);
	return id;
}

static const struct {
	UserInput in;
	ErrCode code;
	const char *field;
} bad_users[] = {
	{{"", "x", "commune", "15961", "password1"}, E_REQUIRED, "username"},
	{{"Ab", "x", "commune", "15961", "password1"}, E_USERNAME_INVALID, "username"},
	{{"nguyễn", "x", "commune", "15961", "password1"}, E_USERNAME_INVALID, "username"},
	{{"good.name", "x", "boss", "15961", "password1"}, E_ROLE_INVALID, "role"},
	{{"good.name", "x", "commune", NULL, "password1"}, E_SCOPE_REQUIRED, "scope"},
	{{"good.name", "x", "commune", "16 372", "password1"}, E_SCOPE_INVALID, "scope"},
	{{"good.name", "x", "central", "01", "password1"}, E_SCOPE_INVALID, "scope"},
	{{"good.name", "x", "commune", "15961", "short"}, E_PASSWORD_SHORT, "password"},
	{{"good.name", "x", "commune", "15961", NULL}, E_REQUIRED, "password"},
	{{"good.name", "x\xff", "commune", "15961", "password1"}, E_BAD_UTF8, "full_name"},
	{{"admin", "x", "commune", "15961", "password1"}, E_USERNAME_TAKEN, "username"},
};

static void bad_users_are_refused_and_nothing_changes(void **state)
{
	Db *db = test_db_open_units("users");
	add(db, "admin", "administrator", NULL, "correct horse");
	int64_t users = count(db, "t_users", "SELECT COUNT(*) FROM users");
	int64_t audits = count(db, "t_audits", "SELECT COUNT(*) FROM audit_log");
	Actor by = admin();
	for (size_t i = 0; i < sizeof bad_users / sizeof *bad_users; i++) {
		Err e = {0};
		assert_int_equal(user_create(db, &by, &bad_users[i].in, &e), -1);
		assert_int_equal(e.code, bad_users[i].code);
		assert_string_equal(e.field, bad_users[i].field);
	}
	assert_int_equal(count(db, "t_users", "SELECT COUNT(*) FROM users"), users);
	assert_int_equal(count(db, "t_audits", "SELECT COUNT(*) FROM audit_log"), audits);
	db_close(db);
}

static void only_administrators_manage_users(void **state)
{
	Db *db = test_db_open_units("users-role");
	Actor central = {.role = ROLE_CENTRAL, .user_id = 9};
	UserInput in = {"new.user", "", "viewer", NULL, "password1"};
	Err e = {0};
	assert_int_equal(user_create(db, &central, &in, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	db_close(db);
}

static void creation_is_audited_without_the_password(void **state)
{
	Db *db = test_db_open_units("audit");
	int64_t id = add(db, "xa.a", "commune", "15961", "correct horse");
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	assert_int_equal(count(db, "t_a1", "SELECT COUNT(*) FROM audit_log WHERE entity = 'user' AND action = 'create'"), 1);
	Stmt *st = db_stmt(db, "t_a2", "SELECT after_json, username FROM audit_log WHERE entity_id = $1");
	db_bind_text(st, 1, sid);
	assert_int_equal(db_step(st), DB_ROW);
	assert_non_null(strstr(db_col_text(st, 0), "\"role\":\"commune\""));
	assert_null(strstr(db_col_text(st, 0), "argon2"));
	assert_string_equal(db_col_text(st, 1), "test");
	db_reset(st);
	db_close(db);
}

static void login_creates_a_session(void **state)
{
	Db *db = test_db_open_units("login");
	add(db, "tinh", "province", "38", "correct horse");
	Actor a;
	char token[AUTH_TOKEN_LEN + 1];
	Err e = {0};
	assert_int_equal(auth_login(db, "tinh", "correct horse", "10.0.0.1", &a, token, &e), 0);
	assert_int_equal(a.role, ROLE_PROVINCE);
	assert_string_equal(a.scope, "38");
	assert_int_equal(strlen(token), AUTH_TOKEN_LEN);
	Actor b;
	assert_int_equal(auth_session(db, token, &b), 1);
	assert_string_equal(b.username, "tinh");
	assert_string_equal(b.csrf, a.csrf);
	/* The token itself is not stored, only its hash. */
	Stmt *st = db_stmt(db, "t_tok", "SELECT COUNT(*) FROM sessions WHERE token_hash = $1");
	db_bind_text(st, 1, token);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 0);
	db_reset(st);
	assert_int_equal(auth_session(db, "not-a-token", &b), 0);
	/* Log out ends it. */
	assert_int_equal(auth_session_revoke(db, a.session_id), 0);
	assert_int_equal(auth_session(db, token, &b), 0);
	db_close(db);
}

static void wrong_passwords_are_throttled(void **state)
{
	Db *db = test_db_open_units("throttle");
	add(db, "xa.one", "commune", "15961", "correct horse");
	Actor a;
	char token[AUTH_TOKEN_LEN + 1];
	Err e = {0};
	assert_int_equal(auth_login(db, "nobody", "x", "10.0.0.2", &a, token, &e), -1);
	assert_int_equal(e.code, E_LOGIN_FAILED);
	for (int i = 0; i < THROTTLE_USER_MAX; i++) {
		assert_int_equal(auth_login(db, "xa.one", "wrong", "10.0.0.2", &a, token, &e), -1);
		assert_int_equal(e.code, E_LOGIN_FAILED);
	}
	/* Now even the right password waits for the window to pass. */
	assert_int_equal(auth_login(db, "xa.one", "correct horse", "10.0.0.3", &a, token, &e), -1);
	assert_int_equal(e.code, E_THROTTLED);
	char later[32];
	snprintf(later, sizeof later, "%lld", (long long)(db_now() + THROTTLE_WINDOW + 1));
	setenv("ISHC_NOW", later, 1);
	assert_int_equal(auth_login(db, "xa.one", "correct horse", "10.0.0.3", &a, token, &e), 0);
	unsetenv("ISHC_NOW");
	db_close(db);
}

static void one_address_trying_many_users_is_throttled(void **state)
{
	Db *db = test_db_open_units("throttle-ip");
	add(db, "real.user", "commune", "15961", "correct horse");
	Actor a;
	char token[AUTH_TOKEN_LEN + 1];
	Err e = {0};
	for (int i = 0; i < THROTTLE_IP_MAX; i++) {
		char name[32];
		snprintf(name, sizeof name, "guess%d", i);
		assert_int_equal(auth_login(db, name, "x", "192.0.2.9", &a, token, &e), -1);
		assert_int_equal(e.code, E_LOGIN_FAILED);
	}
	assert_int_equal(auth_login(db, "real.user", "correct horse", "192.0.2.9", &a, token, &e), -1);
	assert_int_equal(e.code, E_THROTTLED);
	/* The same user from another address is fine. */
	assert_int_equal(auth_login(db, "real.user", "correct horse", "192.0.2.10", &a, token, &e), 0);
	db_close(db);
}

static void sessions_expire_when_idle(void **state)
{
	Db *db = test_db_open_units("expire");
	add(db, "xa.one", "commune", "15961", "correct horse");
	Actor a, b;
	char token[AUTH_TOKEN_LEN + 1];
	Err e = {0};
	assert_int_equal(auth_login(db, "xa.one", "correct horse", "", &a, token, &e), 0);
	char later[32];
	snprintf(later, sizeof later, "%lld", (long long)(db_now() + SESSION_IDLE_SECONDS + 1));
	setenv("ISHC_NOW", later, 1);
	assert_int_equal(auth_session(db, token, &b), 2);
	unsetenv("ISHC_NOW");
	db_close(db);
}

static void password_change_ends_other_sessions(void **state)
{
	Db *db = test_db_open_units("pwchange");
	int64_t id = add(db, "xa.one", "commune", "15961", "correct horse");
	Actor a, b, x;
	char t1[AUTH_TOKEN_LEN + 1], t2[AUTH_TOKEN_LEN + 1];
	Err e = {0};
	assert_int_equal(auth_login(db, "xa.one", "correct horse", "", &a, t1, &e), 0);
	assert_int_equal(auth_login(db, "xa.one", "correct horse", "", &b, t2, &e), 0);
	assert_int_equal(user_set_password(db, &a, id, "wrong", "new password", 0, &e), -1);
	assert_int_equal(e.code, E_PASSWORD_WRONG);
	assert_int_equal(user_set_password(db, &a, id, "correct horse", "new password", 0, &e), 0);
	assert_int_equal(auth_session(db, t1, &x), 1);
	assert_int_equal(auth_session(db, t2, &x), 0);
	assert_int_equal(auth_login(db, "xa.one", "correct horse", "", &x, t2, &e), -1);
	assert_int_equal(auth_login(db, "xa.one", "new password", "", &x, t2, &e), 0);
	db_close(db);
}

static void disabled_users_lose_sessions_and_tokens(void **state)
{
	Db *db = test_db_open_units("disable");
	int64_t id = add(db, "xa.one", "commune", "15961", "correct horse");
	Actor a, x, by = admin();
	char t[AUTH_TOKEN_LEN + 1], api[AUTH_TOKEN_LEN + 6];
	Err e = {0};
	assert_int_equal(auth_login(db, "xa.one", "correct horse", "", &a, t, &e), 0);
	assert_true(auth_token_create(db, &by, "xa.one", "sheet", api, &e) > 0);
	assert_int_equal(strncmp(api, "ishc_", 5), 0);
	assert_int_equal(auth_token_check(db, api, &x), 1);
	assert_int_equal(user_set_disabled(db, &by, id, 1, &e), 0);
	assert_int_equal(auth_session(db, t, &x), 0);
	assert_int_equal(auth_token_check(db, api, &x), 0);
	assert_int_equal(auth_login(db, "xa.one", "correct horse", "", &x, t, &e), -1);
	assert_int_equal(e.code, E_LOGIN_FAILED);
	db_close(db);
}

static void tokens_are_revocable_by_their_owner_only(void **state)
{
	Db *db = test_db_open_units("tokens");
	int64_t a_id = add(db, "xa.one", "commune", "15961", "correct horse");
	int64_t b_id = add(db, "xb.two", "commune", "15976", "correct horse");
	Actor by = admin(), x;
	char api[AUTH_TOKEN_LEN + 6];
	Err e = {0};
	int64_t tid = auth_token_create(db, &by, "xa.one", "", api, &e);
	assert_true(tid > 0);
	assert_int_equal(auth_token_revoke(db, &by, b_id, tid, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(auth_token_check(db, api, &x), 1);
	assert_int_equal(auth_token_revoke(db, &by, a_id, tid, &e), 0);
	assert_int_equal(auth_token_check(db, api, &x), 0);
	assert_int_equal(auth_token_create(db, &by, "nobody", "", api, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	db_close(db);
}

static void scope_reaches_inside_only(void **state)
{
	Db *db = test_db_open_units("scope");
	Actor commune = {.role = ROLE_COMMUNE, .scope = "15961"};
	Actor province = {.role = ROLE_PROVINCE, .scope = "38"};
	Actor central = {.role = ROLE_CENTRAL};
	Actor viewer = {.role = ROLE_VIEWER};
	assert_true(scope_covers(db, &commune, "15961"));
	assert_true(scope_covers(db, &commune, "15961-01"));
	assert_false(scope_covers(db, &commune, "15976"));
	assert_false(scope_covers(db, &commune, "159611"));
	assert_false(scope_covers(db, &commune, "38"));
	assert_true(scope_covers(db, &province, "15976"));
	assert_true(scope_covers(db, &province, "15961-01"));
	assert_false(scope_covers(db, &province, "00004"));
	assert_true(scope_covers(db, &central, "15976"));
	assert_false(scope_covers(db, &viewer, "15976"));
	assert_false(scope_sees_people(&viewer));
	assert_true(scope_sees_people(&commune));
	db_close(db);
}

static const struct {
	const char *role, *scope;
	int ok;
} grants[] = {
	{"province", "38", 1},
	{"province", "15961", 0},     /* a commune is not a province */
	{"commune", "15961", 1},
	{"commune", "15964", 0},      /* old Hoằng Lộc: not a unit of today */
	{"commune", "38", 0},
	{"club", "15961-01", 1},
	{"club", "15961", 0},
	{"club", "99999-01", 0},
	{"viewer", "38", 1},
	{"viewer", "", 1},
	{"province", "27", 0},        /* old Bắc Ninh, merged into 24 */
	{"province", "24", 1},
};

static void scopes_name_units_of_today_at_the_roles_level(void **state)
{
	Db *db = test_db_open_units("grants");
	Actor by = admin();
	for (size_t i = 0; i < sizeof grants / sizeof *grants; i++) {
		Err e = {0};
		int ok = scope_may_grant(db, &by, role_parse(grants[i].role), grants[i].scope, &e);
		if (ok != grants[i].ok)
			fail_msg("%s %s: expected %d", grants[i].role, grants[i].scope, grants[i].ok);
	}
	/* A province officer may only grant inside the province. */
	Actor prov = {.role = ROLE_PROVINCE, .scope = "38"};
	Err e = {0};
	assert_true(scope_may_grant(db, &prov, ROLE_COMMUNE, "15961", &e));
	assert_false(scope_may_grant(db, &prov, ROLE_COMMUNE, "00004", &e));
	db_close(db);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_users_are_refused_and_nothing_changes),
		cmocka_unit_test(only_administrators_manage_users),
		cmocka_unit_test(creation_is_audited_without_the_password),
		cmocka_unit_test(login_creates_a_session),
		cmocka_unit_test(wrong_passwords_are_throttled),
		cmocka_unit_test(one_address_trying_many_users_is_throttled),
		cmocka_unit_test(sessions_expire_when_idle),
		cmocka_unit_test(password_change_ends_other_sessions),
		cmocka_unit_test(disabled_users_lose_sessions_and_tokens),
		cmocka_unit_test(tokens_are_revocable_by_their_owner_only),
		cmocka_unit_test(scope_reaches_inside_only),
		cmocka_unit_test(scopes_name_units_of_today_at_the_roles_level),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
