/* core/club and core/member: checks of what is typed, club codes, duplicates, the composition
 * against the model, scope, the board and volunteers — on a real database with the units loaded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/club.h"
#include "core/member.h"
#include "testutil.h"

/* Every date below is read against this day (ISHC_NOW is pinned in main). */
#define TODAY "2026-06-15"
#define TODAY_EPOCH "1781524800"

static Actor actor(Role role, const char *scope)
{
	Actor a = {.role = role, .user_id = 1};
	strcpy(a.username, "test");
	snprintf(a.scope, sizeof a.scope, "%s", scope ? scope : "");
	return a;
}

static int64_t count(Db *db, const char *name, const char *sql)
{
	Stmt *st = db_stmt(db, name, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

/* ---- member_check: one behaviour per row ---- */

typedef struct CheckCase {
	const char *what;
	MemberInput in;
	ErrCode code;             /* E_NONE when the input is accepted */
	const char *field;        /* the field named on error */
	/* expected on success; NULL / 0 = not checked */
	const char *family, *middle, *given, *sex;
	int year;
	const char *birth_date, *household, *phone, *ethnicity, *national_id, *disability;
} CheckCase;

#define BASE .full_name = "Nguyễn Thị Lan", .sex = "F", .birth = "1956"
#define OK(w, i, ...) {.what = (w), .in = i, .code = E_NONE, __VA_ARGS__}
#define BAD(w, i, c, f) {.what = (w), .in = i, .code = (c), .field = (f)}
#define IN(...) {__VA_ARGS__}

static const CheckCase check_cases[] = {
	OK("a full name in NFC is split in three", IN(BASE), .family = "Nguyễn", .middle = "Thị", .given = "Lan", .sex = "F", .year = 1956,
	   .birth_date = "", .household = "other"),
	OK("a full name in NFD is stored in NFC", IN(.full_name = "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Lan", .sex = "F", .birth = "1956"),
	   .family = "Nguyễn", .middle = "Thị", .given = "Lan"),
	OK("old tone placement is modernised (hoà -> hòa)", IN(.full_name = "Lê Thị Hoà", .sex = "nữ", .birth = "1950"), .family = "Lê",
	   .middle = "Thị", .given = "Hòa"),
	OK("old tone placement is modernised (thuỷ -> thủy)", IN(.full_name = "Trần Văn Thuỷ", .sex = "nam", .birth = "1950"),
	   .family = "Trần", .middle = "Văn", .given = "Thủy", .sex = "M"),
	OK("spaces are tidied", IN(.full_name = "  Phạm   Văn\tNam ", .sex = "M", .birth = "1950"), .family = "Phạm", .middle = "Văn",
	   .given = "Nam"),
	OK("one word is a given name", IN(.full_name = "Lan", .sex = "F", .birth = "1950"), .family = "", .middle = "", .given = "Lan"),
	OK("four words: the middle takes two", IN(.full_name = "Tôn Nữ Thị Hà", .sex = "F", .birth = "1950"), .family = "Tôn",
	   .middle = "Nữ Thị", .given = "Hà"),
	OK("the parts win over the full name",
	   IN(.full_name = "X Y Z", .family_name = "Tôn Nữ", .middle_name = "Thị", .given_name = "Hà", .sex = "F", .birth = "1950"),
	   .family = "Tôn Nữ", .middle = "Thị", .given = "Hà"),
	BAD("no name", IN(.full_name = "   ", .sex = "F", .birth = "1950"), E_REQUIRED, "full_name"),
	BAD("no name at all", IN(.sex = "F", .birth = "1950"), E_REQUIRED, "full_name"),
	BAD("a control character in a name", IN(.full_name = "Lan\x01", .sex = "F", .birth = "1950"), E_BAD_UTF8, "full_name"),
	BAD("a too long given name",
	    IN(.given_name = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", .sex = "F", .birth = "1950"),
	    E_TOO_LONG, "given_name"),
	OK("sex: NỮ in capitals", IN(.full_name = "Lan", .sex = "NỮ", .birth = "1950"), .sex = "F"),
	OK("sex: Nam", IN(.full_name = "An", .sex = "Nam", .birth = "1950"), .sex = "M"),
	OK("sex: f", IN(.full_name = "Lan", .sex = "f", .birth = "1950"), .sex = "F"),
	OK("sex: male", IN(.full_name = "An", .sex = "male", .birth = "1950"), .sex = "M"),
	BAD("sex: an unknown word", IN(.full_name = "An", .sex = "khác", .birth = "1950"), E_INVALID, "sex"),
	BAD("sex: empty", IN(.full_name = "An", .sex = "", .birth = "1950"), E_REQUIRED, "sex"),
	BAD("sex: missing", IN(.full_name = "An", .birth = "1950"), E_REQUIRED, "sex"),
	OK("birth: a date dd/mm/yyyy", IN(.full_name = "Lan", .sex = "F", .birth = "05/03/1956"), .year = 1956, .birth_date = "1956-03-05"),
	OK("birth: an ISO date", IN(.full_name = "Lan", .sex = "F", .birth = "1956-03-05"), .year = 1956, .birth_date = "1956-03-05"),
	OK("birth: a year with spaces", IN(.full_name = "Lan", .sex = "F", .birth = " 1948 "), .year = 1948, .birth_date = ""),
	BAD("birth: before 1900", IN(.full_name = "Lan", .sex = "F", .birth = "1899"), E_YEAR, "birth"),
	BAD("birth: a year to come", IN(.full_name = "Lan", .sex = "F", .birth = "2027"), E_YEAR, "birth"),
	BAD("birth: a day to come", IN(.full_name = "Lan", .sex = "F", .birth = "16/06/2026"), E_YEAR, "birth"),
	BAD("birth: no such day", IN(.full_name = "Lan", .sex = "F", .birth = "31/02/1956"), E_YEAR, "birth"),
	BAD("birth: words", IN(.full_name = "Lan", .sex = "F", .birth = "năm 56"), E_YEAR, "birth"),
	BAD("birth: empty", IN(.full_name = "Lan", .sex = "F", .birth = ""), E_REQUIRED, "birth"),
	BAD("birth: missing", IN(.full_name = "Lan", .sex = "F"), E_REQUIRED, "birth"),
	OK("phone: spaces and dots dropped", IN(BASE, .phone = "0912 345.678"), .phone = "0912345678"),
	OK("phone: +84", IN(BASE, .phone = "+84 (912) 345-678"), .phone = "+84912345678"),
	OK("phone: empty is no phone", IN(BASE, .phone = ""), .phone = ""),
	BAD("phone: too short", IN(BASE, .phone = "12345"), E_INVALID, "phone"),
	BAD("phone: too long", IN(BASE, .phone = "09123456789012"), E_INVALID, "phone"),
	BAD("phone: a letter", IN(BASE, .phone = "0912 34a 678"), E_INVALID, "phone"),
	OK("household: Hộ nghèo", IN(BASE, .household = "Hộ nghèo"), .household = "poor"),
	OK("household: cận nghèo", IN(BASE, .household = "cận nghèo"), .household = "near_poor"),
	OK("household: CAN NGHEO without accents", IN(BASE, .household = "CAN NGHEO"), .household = "near_poor"),
	OK("household: the code", IN(BASE, .household = "near_poor"), .household = "near_poor"),
	OK("household: empty is other", IN(BASE, .household = ""), .household = "other"),
	BAD("household: an unknown word", IN(BASE, .household = "khá giả"), E_INVALID, "household"),
	OK("flags: x", IN(BASE, .disability = "x"), .disability = "1"),
	OK("flags: Có", IN(BASE, .disability = "Có"), .disability = "1"),
	OK("flags: không", IN(BASE, .disability = "không"), .disability = "0"),
	OK("flags: empty", IN(BASE, .disability = ""), .disability = "0"),
	BAD("flags: an unknown word", IN(BASE, .lives_alone = "có lẽ"), E_INVALID, "lives_alone"),
	BAD("flags: health card unknown", IN(BASE, .health_card = "2"), E_INVALID, "health_card"),
	OK("ethnicity: kinh written one way", IN(BASE, .ethnicity = "kinh"), .ethnicity = "Kinh"),
	OK("ethnicity: others kept", IN(BASE, .ethnicity = "Mường"), .ethnicity = "Mường"),
	OK("national ID: spaces dropped", IN(BASE, .national_id = "0381 5600 1234"), .national_id = "038156001234"),
	OK("national ID: an old 9-digit card", IN(BASE, .national_id = "172345678"), .national_id = "172345678"),
	BAD("national ID: wrong length", IN(BASE, .national_id = "12345"), E_INVALID, "national_id"),
	BAD("national ID: letters", IN(BASE, .national_id = "03815600123A"), E_INVALID, "national_id"),
	BAD("joined: a day to come", IN(BASE, .joined_on = "16/06/2026"), E_DATE, "joined_on"),
	BAD("joined: not a date", IN(BASE, .joined_on = "mùa xuân"), E_DATE, "joined_on"),
	BAD("left: before joining", IN(BASE, .joined_on = "01/01/2024", .left_on = "31/12/2023", .left_reason = "Chuyển nơi ở"), E_DATE,
	    "left_on"),
	BAD("left: a day to come", IN(BASE, .joined_on = "01/01/2024", .left_on = "01/07/2026", .left_reason = "Chuyển nơi ở"), E_DATE,
	    "left_on"),
	BAD("left: without a reason", IN(BASE, .joined_on = "01/01/2024", .left_on = "01/02/2024"), E_REQUIRED, "left_reason"),
	BAD("consent: a day to come", IN(BASE, .consent_on = "01/07/2026"), E_DATE, "consent_on"),
	BAD("consent: an unknown form", IN(BASE, .consent_form = "fax"), E_INVALID, "consent_form"),
};

static void member_check_table(void **state)
{
	for (size_t i = 0; i < sizeof check_cases / sizeof *check_cases; i++) {
		const CheckCase *c = &check_cases[i];
		Member m = {0};
		Err e = {0};
		int rc = member_check(&c->in, &m, 1, TODAY, &e);
		if (c->code == E_NONE) {
			if (rc != 0)
				fail_msg("%s: refused with %s on %s", c->what, err_code_name(e.code), e.field ? e.field : "-");
		} else {
			if (rc == 0 || e.code != c->code || !e.field || strcmp(e.field, c->field) != 0)
				fail_msg("%s: expected %s on %s, got rc %d %s on %s", c->what, err_code_name(c->code), c->field, rc,
					 err_code_name(e.code), e.field ? e.field : "-");
			continue;
		}
#define SAME(x, y)                                                                                  \
	if ((y) && strcmp((x), (y)) != 0)                                                            \
		fail_msg("%s: %s is \"%s\", expected \"%s\"", c->what, #x, (x), (y));
		SAME(m.family_name, c->family);
		SAME(m.middle_name, c->middle);
		SAME(m.given_name, c->given);
		SAME(m.sex, c->sex);
		SAME(m.birth_date, c->birth_date);
		SAME(m.household, c->household);
		SAME(m.phone, c->phone);
		SAME(m.ethnicity, c->ethnicity);
		SAME(m.national_id, c->national_id);
#undef SAME
		if (c->year && m.birth_year != c->year)
			fail_msg("%s: birth year %d, expected %d", c->what, m.birth_year, c->year);
		if (c->disability && m.disability != (c->disability[0] == '1'))
			fail_msg("%s: disability %d, expected %s", c->what, m.disability, c->disability);
		if (!c->in.joined_on && strcmp(m.joined_on, TODAY) != 0)
			fail_msg("%s: joined %s, expected today", c->what, m.joined_on);
	}
}

/* ---- clubs ---- */

static int64_t make_club(Db *db, const Actor *by, const char *name, const char *commune, const char *founded)
{
	ClubInput in = {.name = name, .unit_code = commune, .founded_on = founded};
	Err e = {0};
	int64_t id = club_create(db, by, &in, &e);
	if (id <= 0)
		fail_msg("club %s in %s: %s on %s", name, commune, err_code_name(e.code), e.field ? e.field : "-");
	return id;
}

typedef struct ClubCase {
	const char *what;
	Role role;
	const char *scope;
	ClubInput in;
	ErrCode code;
	const char *field;
} ClubCase;

static const ClubCase club_cases[] = {
	{"no name", ROLE_COMMUNE, "15961", {.name = " ", .unit_code = "15961"}, E_REQUIRED, "name"},
	{"no commune", ROLE_PROVINCE, "38", {.name = "CLB A"}, E_REQUIRED, "unit_code"},
	{"an unknown commune", ROLE_ADMIN, NULL, {.name = "CLB A", .unit_code = "99999"}, E_INVALID, "unit_code"},
	{"a province is not a commune", ROLE_ADMIN, NULL, {.name = "CLB A", .unit_code = "38"}, E_INVALID, "unit_code"},
	{"a commune that did not exist on the founding date", ROLE_ADMIN, NULL,
	 {.name = "CLB A", .unit_code = "00004", .founded_on = "01/01/1990"}, E_INVALID, "unit_code"},
	{"a bad founding date", ROLE_COMMUNE, "15961", {.name = "CLB A", .unit_code = "15961", .founded_on = "32/01/2024"}, E_DATE, "founded_on"},
	{"a bad decision date", ROLE_COMMUNE, "15961", {.name = "CLB A", .unit_code = "15961", .decision_date = "hôm qua"}, E_DATE, "decision_date"},
	{"an unknown status", ROLE_COMMUNE, "15961", {.name = "CLB A", .unit_code = "15961", .status = "sleeping"}, E_INVALID, "status"},
	{"an unknown programme", ROLE_COMMUNE, "15961", {.name = "CLB A", .unit_code = "15961", .programme = "DA9999"}, E_INVALID, "programme"},
	{"a bad contact phone", ROLE_COMMUNE, "15961", {.name = "CLB A", .unit_code = "15961", .contact_phone = "12 34"}, E_INVALID, "contact_phone"},
	{"another commune", ROLE_COMMUNE, "15961", {.name = "CLB A", .unit_code = "14758"}, E_OUT_OF_SCOPE, "unit_code"},
	{"another province", ROLE_PROVINCE, "38", {.name = "CLB A", .unit_code = "00004"}, E_OUT_OF_SCOPE, "unit_code"},
	{"a club's own people do not found clubs", ROLE_CLUB, "15961-01", {.name = "CLB A", .unit_code = "15961"}, E_FORBIDDEN, NULL},
	{"viewers do not found clubs", ROLE_VIEWER, NULL, {.name = "CLB A", .unit_code = "15961"}, E_FORBIDDEN, NULL},
	{"a name too long", ROLE_ADMIN, NULL,
	 {.name = "CLB Liên thế hệ tự giúp nhau CLB Liên thế hệ tự giúp nhau CLB Liên thế hệ tự giúp nhau CLB Liên thế hệ tự giúp nhau "
		  "CLB Liên thế hệ tự giúp nhau", .unit_code = "15961"}, E_TOO_LONG, "name"},
};

static void club_checks_change_nothing(void **state)
{
	Db *db = test_db_open_units("club-checks");
	int64_t audited = count(db, "t_audit", "SELECT COUNT(*) FROM audit_log");
	for (size_t i = 0; i < sizeof club_cases / sizeof *club_cases; i++) {
		const ClubCase *c = &club_cases[i];
		Actor by = actor(c->role, c->scope);
		Err e = {0};
		int64_t id = club_create(db, &by, &c->in, &e);
		if (id >= 0 || e.code != c->code || (c->field ? !e.field || strcmp(e.field, c->field) : e.field != NULL))
			fail_msg("%s: expected %s on %s, got %lld %s on %s", c->what, err_code_name(c->code), c->field ? c->field : "-",
				 (long long)id, err_code_name(e.code), e.field ? e.field : "-");
	}
	assert_int_equal(count(db, "t_clubs", "SELECT COUNT(*) FROM clubs"), 0);
	assert_int_equal(count(db, "t_audit", "SELECT COUNT(*) FROM audit_log"), audited);
	db_close(db);
}

static void club_codes_and_communes(void **state)
{
	Db *db = test_db_open_units("club-codes");
	Actor commune = actor(ROLE_COMMUNE, "15961");
	Actor admin = actor(ROLE_ADMIN, NULL);
	/* Founded in 2021: the commune with code 15961 then was Xã Hoằng Thành, whose history today's
	 * Xã Hoằng Lộc (same code) carries. */
	int64_t a = make_club(db, &commune, "CLB Liên thế hệ tự giúp nhau thôn Phú Khê", "15961", "15/03/2021");
	int64_t b = make_club(db, &commune, "CLB Liên thế hệ tự giúp nhau thôn Trung", "15961", NULL);
	int64_t c = make_club(db, &admin, "CLB Phường Ba Đình", "00004", "2026-01-10");
	Club x;
	assert_int_equal(club_get(db, &commune, a, &x), 1);
	assert_string_equal(x.code, "15961-01");
	assert_string_equal(x.unit_name, "Xã Hoằng Thành");
	assert_string_equal(x.province_name, "Thanh Hóa");
	assert_string_equal(x.status, "founded");
	assert_string_equal(x.status_date, "2021-03-15");
	assert_int_equal(club_get(db, &commune, b, &x), 1);
	assert_string_equal(x.code, "15961-02");
	assert_string_equal(x.unit_name, "Xã Hoằng Lộc");
	assert_string_equal(x.status, "planned");
	assert_string_equal(x.status_date, TODAY);
	assert_int_equal(club_get(db, &admin, c, &x), 1);
	assert_string_equal(x.code, "00004-01");
	assert_string_equal(x.province_name, "Hà Nội");
	/* A name typed in NFD with the old tone placement is stored in NFC, modern placement. */
	ClubInput in = {.name = "CLB tho\xcc\x82n Thuy\xcc\x89 Hoa\xcc\x80", .unit_code = "15961", .programme = "DA1336",
			.contact_phone = "0912.345.678"};
	Err e = {0};
	int64_t d = club_create(db, &commune, &in, &e);
	assert_true(d > 0);
	assert_int_equal(club_get(db, &commune, d, &x), 1);
	assert_string_equal(x.name, "CLB thôn Thủy Hòa");
	assert_string_equal(x.code, "15961-03");
	assert_string_equal(x.programme_code, "DA1336");
	assert_string_equal(x.contact_phone, "0912345678");
	/* Every creation is audited. */
	assert_int_equal(count(db, "t_audit_clubs", "SELECT COUNT(*) FROM audit_log WHERE entity = 'club'"), 4);
	db_close(db);
}

typedef struct Seen {
	char status[8][12];
	char from[8][11];
	int n;
} Seen;

static void seen_status(const char *status, const char *from, void *arg)
{
	Seen *s = arg;
	if (s->n < 8) {
		snprintf(s->status[s->n], 12, "%s", status);
		snprintf(s->from[s->n], 11, "%s", from);
		s->n++;
	}
}

static void club_update_keeps_history(void **state)
{
	Db *db = test_db_open_units("club-update");
	Actor commune = actor(ROLE_COMMUNE, "15961");
	int64_t id = make_club(db, &commune, "CLB thôn Phú Khê", "15961", "15/03/2021");
	/* The edit form sends the status as it is: nothing about the status changes. */
	ClubInput same = {.name = "CLB Liên thế hệ tự giúp nhau thôn Phú Khê", .status = "founded", .status_date = ""};
	Err e = {0};
	assert_int_equal(club_update(db, &commune, id, &same, &e), 0);
	Club c;
	assert_int_equal(club_get(db, &commune, id, &c), 1);
	assert_string_equal(c.name, "CLB Liên thế hệ tự giúp nhau thôn Phú Khê");
	assert_string_equal(c.status_date, "2021-03-15");
	/* A new status is recorded with its date. */
	ClubInput active = {.status = "active", .status_date = "01/06/2021"};
	assert_int_equal(club_update(db, &commune, id, &active, &e), 0);
	ClubInput inactive = {.status = "inactive"};
	assert_int_equal(club_update(db, &commune, id, &inactive, &e), 0);
	assert_int_equal(club_get(db, &commune, id, &c), 1);
	assert_string_equal(c.status, "inactive");
	assert_string_equal(c.status_date, TODAY);
	Seen s = {0};
	assert_int_equal(club_status_list(db, &commune, id, seen_status, &s), 3);
	assert_string_equal(s.status[0], "founded");
	assert_string_equal(s.from[1], "2021-06-01");
	assert_string_equal(s.status[2], "inactive");
	/* Bad input changes nothing. */
	ClubInput badn = {.name = "", .status = "active"};
	assert_int_equal(club_update(db, &commune, id, &badn, &e), -1);
	assert_int_equal(e.code, E_REQUIRED);
	assert_string_equal(e.field, "name");
	ClubInput badd = {.status = "active", .status_date = "31/02/2026"};
	assert_int_equal(club_update(db, &commune, id, &badd, &e), -1);
	assert_int_equal(e.code, E_DATE);
	assert_int_equal(club_get(db, &commune, id, &c), 1);
	assert_string_equal(c.status, "inactive");
	/* Those who cannot see the club cannot change it either; the club's own people cannot. */
	Actor other = actor(ROLE_COMMUNE, "14758");
	assert_int_equal(club_update(db, &other, id, &active, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	Actor club = actor(ROLE_CLUB, "15961-01");
	assert_int_equal(club_update(db, &club, id, &active, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	db_close(db);
}

typedef struct Names {
	char v[16][224];
	int n;
} Names;

static void club_name(const Club *c, void *arg)
{
	Names *n = arg;
	if (n->n < 16)
		snprintf(n->v[n->n++], 224, "%s", c->code);
}

static void member_name(const Member *m, void *arg)
{
	Names *n = arg;
	if (n->n < 16)
		snprintf(n->v[n->n++], 224, "%s", m->full_name);
}

static void scope_keeps_provinces_apart(void **state)
{
	Db *db = test_db_open_units("club-scope");
	Actor admin = actor(ROLE_ADMIN, NULL);
	Actor province = actor(ROLE_PROVINCE, "38");
	Actor hanoi = actor(ROLE_PROVINCE, "01");
	Actor commune = actor(ROLE_COMMUNE, "15961");
	Actor club = actor(ROLE_CLUB, "15961-01");
	Actor viewer = actor(ROLE_VIEWER, NULL);
	int64_t th = make_club(db, &admin, "CLB Hoằng Lộc", "15961", "2021-03-15");
	int64_t th2 = make_club(db, &admin, "CLB Hàm Rồng", "14758", "2026-01-10");
	int64_t hn = make_club(db, &admin, "CLB Ba Đình", "00004", "2026-01-10");
	Club c;
	assert_int_equal(club_get(db, &province, th, &c), 1);
	assert_int_equal(club_get(db, &province, hn, &c), 0);
	assert_int_equal(club_get(db, &hanoi, th, &c), 0);
	assert_int_equal(club_get(db, &hanoi, hn, &c), 1);
	assert_int_equal(club_get(db, &commune, th2, &c), 0);
	assert_int_equal(club_get(db, &club, th, &c), 1);
	assert_int_equal(club_get(db, &club, th2, &c), 0);
	assert_int_equal(club_get_by_code(db, &province, "00004-01", &c), 0);
	ClubFilter all = {0};
	Names n = {0};
	assert_int_equal(club_list(db, &province, &all, 0, 50, club_name, &n), 2);
	n.n = 0;
	assert_int_equal(club_list(db, &commune, &all, 0, 50, club_name, &n), 1);
	assert_string_equal(n.v[0], "15961-01");
	n.n = 0;
	assert_int_equal(club_list(db, &viewer, &all, 0, 50, club_name, &n), 3);
	ClubFilter search = {.q = "ham rong"};
	n.n = 0;
	assert_int_equal(club_list(db, &admin, &search, 0, 50, club_name, &n), 1);
	assert_string_equal(n.v[0], "14758-01");

	/* Members follow their club's scope; viewers see no one. */
	MemberInput in = {.full_name = "Nguyễn Thị Lan", .sex = "F", .birth = "1950", .joined_on = "01/01/2026"};
	Err e = {0};
	int64_t m1 = member_create(db, &admin, th, &in, NULL, &e);
	in.full_name = "Trần Văn Hùng";
	int64_t m2 = member_create(db, &admin, hn, &in, NULL, &e);
	assert_true(m1 > 0 && m2 > 0);
	Member m;
	assert_int_equal(member_get(db, &province, m2, &m), 0);
	assert_int_equal(member_get(db, &province, m1, &m), 1);
	assert_int_equal(member_get(db, &viewer, m1, &m), 0);
	MemberFilter mf = {0};
	n.n = 0;
	assert_int_equal(member_list(db, &province, &mf, 0, 50, member_name, &n), 1);
	assert_string_equal(n.v[0], "Nguyễn Thị Lan");
	assert_int_equal(member_list(db, &viewer, &mf, 0, 50, member_name, &n), 0);
	/* Nobody adds members to a club they cannot see. */
	assert_int_equal(member_create(db, &province, hn, &in, NULL, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	/* The composition of a province holds its own clubs only. */
	Composition comp;
	assert_int_equal(club_composition(db, &province, 0, 0, TODAY, &comp), 0);
	assert_int_equal(comp.members, 1);
	assert_int_equal(club_composition(db, &admin, 0, 0, TODAY, &comp), 0);
	assert_int_equal(comp.members, 2);
	db_close(db);
}

static int club_by_club_in_tx(Db *db, void *arg)
{
	Actor admin = actor(ROLE_ADMIN, NULL);
	MemberFilter by_club = {.sort = "club"};
	return member_list(db, &admin, &by_club, 0, INT64_MAX, member_name, arg) == 5 ? 0 : 1;
}

/* The exports' order (sort "club"): club by club in code order, by name within a club, the scope
 * kept, and the same rows a page at a time as all at once. */
static void members_club_by_club(void **state)
{
	(void)state;
	Db *db = test_db_open_units("club-byclub");
	Actor admin = actor(ROLE_ADMIN, NULL), province = actor(ROLE_PROVINCE, "38");
	int64_t a = make_club(db, &admin, "CLB Một", "15961", "2021-03-15");
	int64_t b = make_club(db, &admin, "CLB Hai", "15961", "2021-03-15");
	int64_t hn = make_club(db, &admin, "CLB Ba Đình", "00004", "2026-01-10");
	struct {
		int64_t club;
		const char *name;
	} people[] = {{b, "Lê Thị An"}, {a, "Phạm Văn Tâm"}, {a, "Nguyễn Thị Bình"}, {hn, "Đỗ Văn Anh"}, {b, "Trần Văn Yên"}};
	Err e = {0};
	for (size_t i = 0; i < sizeof people / sizeof *people; i++) {
		MemberInput in = {.full_name = people[i].name, .sex = "F", .birth = "1950", .joined_on = "01/01/2026"};
		assert_true(member_create(db, &admin, people[i].club, &in, NULL, &e) > 0);
	}
	MemberFilter by_club = {.sort = "club"}, by_name = {0};
	Names n = {0};
	assert_int_equal(member_list(db, &province, &by_club, 0, INT64_MAX, member_name, &n), 4);
	assert_int_equal(n.n, 4);
	const char *want[] = {"Nguyễn Thị Bình", "Phạm Văn Tâm", "Lê Thị An", "Trần Văn Yên"}; /* 15961-01, then -02 */
	for (int i = 0; i < 4; i++)
		assert_string_equal(n.v[i], want[i]);
	/* The name order differs: An first. */
	n.n = 0;
	assert_int_equal(member_list(db, &province, &by_name, 0, 50, member_name, &n), 4);
	assert_string_equal(n.v[0], "Lê Thị An");
	/* A page in the middle. */
	n.n = 0;
	assert_int_equal(member_list(db, &province, &by_club, 1, 2, member_name, &n), 4);
	assert_int_equal(n.n, 2);
	assert_string_equal(n.v[0], "Phạm Văn Tâm");
	assert_string_equal(n.v[1], "Lê Thị An");
	/* The country, for the administrator: Hà Nội's club (00004-01) first. */
	n.n = 0;
	assert_int_equal(member_list(db, &admin, &by_club, 0, INT64_MAX, member_name, &n), 5);
	assert_string_equal(n.v[0], "Đỗ Văn Anh");
	/* Inside a read transaction of the caller's too. */
	n.n = 0;
	assert_int_equal(db_read(db, club_by_club_in_tx, &n), 0);
	assert_int_equal(n.n, 5);
	db_close(db);
}

/* ---- duplicates ---- */

static void the_same_person_is_asked_about(void **state)
{
	Db *db = test_db_open_units("club-dups");
	Actor commune = actor(ROLE_COMMUNE, "15961");
	Actor admin = actor(ROLE_ADMIN, NULL);
	/* One club founded in the old commune 15961 (Xã Hoằng Thành, 2021), one in today's commune
	 * that carries its history (Xã Hoằng Lộc, 2026): the same commune for this rule. */
	int64_t a = make_club(db, &commune, "CLB thôn Phú Khê", "15961", "2021-03-15");
	int64_t b = make_club(db, &commune, "CLB thôn Trung", "15961", "2026-01-10");
	int64_t far = make_club(db, &admin, "CLB Ba Đình", "00004", "2026-01-10");
	Club ca, cb;
	assert_int_equal(club_get(db, &admin, a, &ca), 1);
	assert_int_equal(club_get(db, &admin, b, &cb), 1);
	assert_true(ca.unit_id != cb.unit_id);
	MemberInput in = {.full_name = "Nguyễn Thị Lan", .sex = "F", .birth = "1950", .joined_on = "01/02/2026"};
	Err e = {0};
	int64_t dup = 0;
	int64_t first = member_create(db, &commune, a, &in, &dup, &e);
	assert_true(first > 0);
	/* The same name parts and birth year in another club of the commune (typed in NFD, and with
	 * a full date of birth): asked first, nothing written. */
	MemberInput again = {.full_name = "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Lan", .sex = "nữ", .birth = "12/12/1950"};
	assert_int_equal(member_create(db, &commune, b, &again, &dup, &e), -1);
	assert_int_equal(e.code, E_DUPLICATE_PERSON);
	assert_int_equal(dup, first);
	assert_int_equal(count(db, "t_members", "SELECT COUNT(*) FROM members"), 1);
	/* The importer's question gets the same answer from either club's commune. */
	Member probe = {0};
	strcpy(probe.family_name, "Nguyễn");
	strcpy(probe.middle_name, "Thị");
	strcpy(probe.given_name, "Lan");
	probe.birth_year = 1950;
	assert_int_equal(member_find_person(db, ca.unit_id, &probe), first);
	assert_int_equal(member_find_person(db, cb.unit_id, &probe), first);
	probe.birth_year = 1949;
	assert_int_equal(member_find_person(db, cb.unit_id, &probe), 0);
	/* Confirmed: a second record. */
	again.confirm_duplicate = 1;
	e = (Err){0};
	assert_true(member_create(db, &commune, b, &again, &dup, &e) > 0);
	/* Another commune, another birth year: not the same person. */
	dup = 0;
	assert_true(member_create(db, &admin, far, &in, &dup, &e) > 0);
	assert_int_equal(dup, 0);
	MemberInput other_year = {.full_name = "Nguyễn Thị Lan", .sex = "F", .birth = "1951"};
	assert_true(member_create(db, &commune, a, &other_year, &dup, &e) > 0);
	/* Someone who left the club is no longer on a book. */
	MemberInput gone = {.full_name = "Lê Văn Tám", .sex = "M", .birth = "1945", .joined_on = "01/02/2026"};
	int64_t t = member_create(db, &commune, a, &gone, &dup, &e);
	assert_true(t > 0);
	MemberInput leave = {.left_on = "01/03/2026", .left_reason = "Chuyển nơi ở"};
	assert_int_equal(member_update(db, &commune, t, &leave, &e), 0);
	gone.confirm_duplicate = 0;
	assert_true(member_create(db, &commune, b, &gone, &dup, &e) > 0);
	/* Viewers and central add nobody. */
	Actor viewer = actor(ROLE_VIEWER, NULL), central = actor(ROLE_CENTRAL, NULL);
	assert_int_equal(member_create(db, &viewer, a, &in, &dup, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(member_create(db, &central, a, &in, &dup, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	db_close(db);
}

/* ---- composition ---- */

typedef struct Person {
	const char *name, *sex, *birth, *household, *ethnicity, *disability, *alone, *joined, *left;
} Person;

static void composition_of_a_small_club(void **state)
{
	Db *db = test_db_open_units("club-comp");
	Actor commune = actor(ROLE_COMMUNE, "15961");
	int64_t club = make_club(db, &commune, "CLB thôn Phú Khê", "15961", "2025-01-10");
	/* On 2026-06-15, with the older-person age at 60: born on or before 1966-06-15 is older. */
	static const Person people[] = {
		{"Nguyễn Thị Lan", "F", "1950", "poor", "Kinh", "0", "0", "2025-02-01", NULL},
		{"Trần Thị Hoa", "F", "15/06/1966", "other", "Kinh", "0", "1", "2025-02-01", NULL},     /* 60 today */
		{"Lê Thị Mai", "F", "16/06/1966", "other", "Kinh", "0", "0", "2025-02-01", NULL},      /* 60 tomorrow */
		{"Phạm Văn An", "M", "1966", "near_poor", "Mường", "0", "0", "2025-02-01", NULL},     /* the year alone: older */
		{"Hoàng Văn Bình", "M", "1990", "other", "Kinh", "1", "0", "2025-02-01", NULL},
		{"Vũ Thị Cúc", "F", "1985", "other", "kinh", "0", "0", "2025-02-01", NULL},
		{"Đặng Thị Đào", "F", "1940", "other", "Tày", "0", "0", "2025-02-01", "2026-01-01"}, /* left */
		{"Bùi Văn Đức", "M", "1955", "other", "Kinh", "0", "0", "2026-07-01", NULL},          /* not yet */
	};
	int64_t ids[8];
	Err e = {0};
	char today_backup[32];
	snprintf(today_backup, sizeof today_backup, "%s", getenv("ISHC_NOW"));
	/* The last one joins after the day counted: enter it as of a later day. */
	for (size_t i = 0; i < 8; i++) {
		if (i == 7)
			setenv("ISHC_NOW", "1783339200", 1); /* 2026-07-06 */
		MemberInput in = {.full_name = people[i].name, .sex = people[i].sex, .birth = people[i].birth,
				  .household = people[i].household, .ethnicity = people[i].ethnicity,
				  .disability = people[i].disability, .lives_alone = people[i].alone,
				  .joined_on = people[i].joined};
		ids[i] = member_create(db, &commune, club, &in, NULL, &e);
		if (ids[i] <= 0)
			fail_msg("%s: %s on %s", people[i].name, err_code_name(e.code), e.field ? e.field : "-");
	}
	setenv("ISHC_NOW", today_backup, 1);
	MemberInput leave = {.left_on = people[6].left, .left_reason = "Qua đời"};
	assert_int_equal(member_update(db, &commune, ids[6], &leave, &e), 0);
	/* Board: two roles for one person count once; volunteers: two. */
	assert_int_equal(board_assign(db, &commune, ids[0], "chair", "2025-03-01", &e), 0);
	assert_int_equal(board_assign(db, &commune, ids[0], "secretary", "2025-03-01", &e), 0);
	assert_int_equal(board_assign(db, &commune, ids[4], "accountant", "2025-03-01", &e), 0);
	assert_true(volunteer_add(db, &commune, ids[1], "2025-03-01", &e) > 0);
	assert_true(volunteer_add(db, &commune, ids[5], "2025-03-01", &e) > 0);

	Composition c;
	assert_int_equal(club_composition(db, &commune, club, 0, TODAY, &c), 0);
	assert_int_equal(c.clubs, 1);
	assert_int_equal(c.older_age, 60);
	assert_int_equal(c.members, 6);
	assert_int_equal(c.older, 3);      /* Lan, Hoa, An */
	assert_int_equal(c.younger, 3);
	assert_int_equal(c.women, 4);
	assert_int_equal(c.poor, 2);
	assert_int_equal(c.disabled, 1);
	assert_int_equal(c.minority, 1);   /* An (Mường); "kinh" typed in lower case is Kinh */
	assert_int_equal(c.alone, 1);
	assert_int_equal(c.priority, 4);   /* Lan, Hoa, An, Bình */
	assert_int_equal(c.volunteers, 2);
	assert_int_equal(c.board, 2);

	ModelCheck mc[MODEL_CHECKS];
	club_model_checks(&c, mc);
	static const char *const keys[MODEL_CHECKS] = {"members", "older_share", "women_share", "younger_share",
						       "priority_share", "volunteers", "board"};
	for (int i = 0; i < MODEL_CHECKS; i++)
		assert_string_equal(mc[i].key, keys[i]);
	assert_int_equal(mc[0].value, 6);
	assert_true(mc[0].off);                /* 6 members, not 50–70 */
	assert_int_equal(mc[1].value, 500);    /* 50,0% older */
	assert_true(mc[1].off);
	assert_int_equal(mc[2].value, 667);    /* 66,7% women */
	assert_false(mc[2].off);
	assert_int_equal(mc[3].value, 500);
	assert_true(mc[3].off);                /* above 40% */
	assert_int_equal(mc[4].value, 667);
	assert_false(mc[4].off);               /* priority groups: no threshold */
	assert_true(mc[5].off);                /* 2 volunteers, fewer than 5 */
	assert_true(mc[6].off);                /* a board of 2 */

	/* A year earlier: the one who left was still there, the late one not yet. */
	assert_int_equal(club_composition(db, &commune, club, 0, "2025-06-15", &c), 0);
	assert_int_equal(c.members, 7);
	assert_int_equal(c.older, 2);          /* Lan and Đào; Hoa and An (born 1966) were 59 */
	/* With the age set to 55, Hoa and Mai are older too. */
	Actor admin = actor(ROLE_ADMIN, NULL);
	assert_int_equal(settings_set_older_age(db, &admin, 55, &e), 0);
	assert_int_equal(settings_set_older_age(db, &admin, 50, &e), -1);
	assert_int_equal(settings_set_older_age(db, &commune, 60, &e), -1);
	assert_int_equal(club_composition(db, &commune, club, 0, TODAY, &c), 0);
	assert_int_equal(c.older_age, 55);
	assert_int_equal(c.older, 4);
	/* The same figures for the unit, summed over its clubs, seen by a viewer too. */
	Actor viewer = actor(ROLE_VIEWER, NULL);
	Unit u;
	assert_int_equal(unit_find(db, "38", TODAY, &u), 1);
	assert_int_equal(club_composition(db, &viewer, 0, u.id, TODAY, &c), 0);
	assert_int_equal(c.clubs, 1);
	assert_int_equal(c.members, 6);
	db_close(db);
}

/* ---- board and volunteers ---- */

typedef struct Roles {
	char role[16][16];
	int64_t member[16];
	char to[16][11];
	int n;
} Roles;

static void seen_role(const BoardRole *b, void *arg)
{
	Roles *r = arg;
	if (r->n < 16) {
		snprintf(r->role[r->n], 16, "%s", b->role);
		snprintf(r->to[r->n], 11, "%s", b->to_date);
		r->member[r->n++] = b->member_id;
	}
}

static void the_board_passes_on(void **state)
{
	Db *db = test_db_open_units("club-board");
	Actor commune = actor(ROLE_COMMUNE, "15961");
	int64_t club = make_club(db, &commune, "CLB thôn Phú Khê", "15961", "2025-01-10");
	const char *names[] = {"Nguyễn Thị Lan", "Trần Thị Hoa", "Lê Văn Nam", "Phạm Văn An"};
	int64_t m[4];
	Err e = {0};
	for (int i = 0; i < 4; i++) {
		MemberInput in = {.full_name = names[i], .sex = "F", .birth = "1950", .joined_on = "2025-02-01"};
		m[i] = member_create(db, &commune, club, &in, NULL, &e);
		assert_true(m[i] > 0);
	}
	assert_int_equal(board_assign(db, &commune, m[0], "chair", "01/03/2025", &e), 0);
	/* A new chair: the previous chair's term ends the day before. */
	assert_int_equal(board_assign(db, &commune, m[1], "chair", "01/01/2026", &e), 0);
	/* Two vice-chairs at once are allowed. */
	assert_int_equal(board_assign(db, &commune, m[2], "vice_chair", "01/03/2025", &e), 0);
	assert_int_equal(board_assign(db, &commune, m[3], "vice_chair", "01/03/2025", &e), 0);
	Roles r = {0};
	assert_int_equal(board_list(db, &commune, club, 0, seen_role, &r), 4);
	int chairs_open = 0;
	for (int i = 0; i < r.n; i++) {
		if (strcmp(r.role[i], "chair") == 0 && !r.to[i][0]) {
			chairs_open++;
			assert_int_equal(r.member[i], m[1]);
		}
		if (r.member[i] == m[0])
			assert_string_equal(r.to[i], "2025-12-31");
	}
	assert_int_equal(chairs_open, 1);
	r.n = 0;
	assert_int_equal(board_list(db, &commune, club, 1, seen_role, &r), 3);

	/* Mistakes, each refused with nothing written. */
	int64_t before = count(db, "t_board", "SELECT COUNT(*) FROM board_roles");
	assert_int_equal(board_assign(db, &commune, m[2], "vice_chair", "01/04/2025", &e), -1);
	assert_int_equal(e.code, E_INVALID);          /* already holds it */
	assert_string_equal(e.field, "member_id");
	assert_int_equal(board_assign(db, &commune, m[3], "chair", "01/01/2026", &e), -1);
	assert_int_equal(e.code, E_DATE);             /* not after the current chair's start */
	assert_int_equal(board_assign(db, &commune, m[3], "president", "01/01/2026", &e), -1);
	assert_int_equal(e.code, E_INVALID);
	assert_string_equal(e.field, "role");
	assert_int_equal(board_assign(db, &commune, m[3], "treasurer", "01/01/2030", &e), -1);
	assert_int_equal(e.code, E_DATE);             /* a day to come */
	Actor other = actor(ROLE_COMMUNE, "14758"), central = actor(ROLE_CENTRAL, NULL);
	assert_int_equal(board_assign(db, &other, m[3], "treasurer", NULL, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(board_assign(db, &central, m[3], "treasurer", NULL, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(count(db, "t_board", "SELECT COUNT(*) FROM board_roles"), before);

	/* Ending a term: not before it began, only once, only in scope. */
	Stmt *st = db_stmt(db, "t_vice", "SELECT id FROM board_roles WHERE member_id = $1");
	db_bind_int(st, 1, m[2]);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t vice = db_col_int(st, 0);
	db_reset(st);
	assert_int_equal(board_role_club(db, &commune, vice), club);
	assert_int_equal(board_role_club(db, &other, vice), 0);
	assert_int_equal(board_end(db, &commune, vice, "01/01/2025", &e), -1);
	assert_int_equal(e.code, E_DATE);
	assert_int_equal(board_end(db, &other, vice, NULL, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(board_end(db, &commune, vice, "01/05/2026", &e), 0);
	assert_int_equal(board_end(db, &commune, vice, "02/05/2026", &e), -1);
	assert_int_equal(e.code, E_INVALID);

	/* Leaving the club ends the roles held in it. */
	MemberInput leave = {.left_on = "01/06/2026", .left_reason = "Chuyển nơi ở"};
	assert_int_equal(member_update(db, &commune, m[1], &leave, &e), 0);
	r.n = 0;
	assert_int_equal(board_list(db, &commune, club, 1, seen_role, &r), 1);
	assert_int_equal(r.member[0], m[3]);
	db_close(db);
}

typedef struct Vols {
	char visits[4][400];
	int64_t id[4];
	int n;
} Vols;

static void seen_volunteer(const Volunteer *v, void *arg)
{
	Vols *x = arg;
	if (x->n < 4) {
		snprintf(x->visits[x->n], 400, "%s", v->visits);
		x->id[x->n++] = v->id;
	}
}

static void volunteers_and_whom_they_visit(void **state)
{
	Db *db = test_db_open_units("club-volunteers");
	Actor commune = actor(ROLE_COMMUNE, "15961");
	int64_t club = make_club(db, &commune, "CLB thôn Phú Khê", "15961", "2025-01-10");
	int64_t other_club = make_club(db, &commune, "CLB thôn Trung", "15961", "2025-01-10");
	const char *names[] = {"Nguyễn Thị Lan", "Trần Thị Hoa", "Lê Văn Nam"};
	int64_t m[3];
	Err e = {0};
	for (int i = 0; i < 3; i++) {
		MemberInput in = {.full_name = names[i], .sex = "F", .birth = "1940", .joined_on = "2025-02-01"};
		m[i] = member_create(db, &commune, club, &in, NULL, &e);
		assert_true(m[i] > 0);
	}
	MemberInput outsider = {.full_name = "Hồ Văn Tư", .sex = "M", .birth = "1930"};
	int64_t o = member_create(db, &commune, other_club, &outsider, NULL, &e);
	int64_t v = volunteer_add(db, &commune, m[0], "01/03/2025", &e);
	assert_true(v > 0);
	assert_int_equal(volunteer_add(db, &commune, m[0], "01/04/2025", &e), -1);   /* once at a time */
	assert_int_equal(e.code, E_INVALID);
	assert_true(volunteer_visit_add(db, &commune, v, m[1], NULL, "01/03/2025", &e) > 0);
	assert_true(volunteer_visit_add(db, &commune, v, 0, "  Cụ Đỗ   Văn Tư ", "01/03/2025", &e) > 0);
	assert_int_equal(volunteer_visit_add(db, &commune, v, m[1], NULL, NULL, &e), -1);    /* visited already */
	assert_int_equal(volunteer_visit_add(db, &commune, v, m[0], NULL, NULL, &e), -1);    /* not themself */
	assert_int_equal(e.code, E_INVALID);
	assert_int_equal(volunteer_visit_add(db, &commune, v, o, NULL, NULL, &e), -1);       /* another club's member */
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(volunteer_visit_add(db, &commune, v, 0, "  ", NULL, &e), -1);
	assert_int_equal(e.code, E_REQUIRED);
	assert_string_equal(e.field, "person_name");
	Vols x = {0};
	assert_int_equal(volunteer_list(db, &commune, club, 1, seen_volunteer, &x), 1);
	assert_string_equal(x.visits[0], "Trần Thị Hoa, Cụ Đỗ Văn Tư");
	Actor viewer = actor(ROLE_VIEWER, NULL);
	assert_int_equal(volunteer_list(db, &viewer, club, 1, seen_volunteer, &x), 0);
	assert_int_equal(volunteer_club(db, &viewer, v), 0);
	/* Ending the service ends the visits. */
	assert_int_equal(volunteer_end(db, &commune, v, "01/06/2026", &e), 0);
	x.n = 0;
	assert_int_equal(volunteer_list(db, &commune, club, 1, seen_volunteer, &x), 0);
	assert_int_equal(count(db, "t_visits_open", "SELECT COUNT(*) FROM care_visits WHERE to_date IS NULL"), 0);
	assert_int_equal(volunteer_visit_add(db, &commune, v, m[2], NULL, NULL, &e), -1);
	db_close(db);
}

int main(void)
{
	setenv("ISHC_NOW", TODAY_EPOCH, 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(member_check_table),
		cmocka_unit_test(club_checks_change_nothing),
		cmocka_unit_test(club_codes_and_communes),
		cmocka_unit_test(club_update_keeps_history),
		cmocka_unit_test(scope_keeps_provinces_apart),
		cmocka_unit_test(members_club_by_club),
		cmocka_unit_test(the_same_person_is_asked_about),
		cmocka_unit_test(composition_of_a_small_club),
		cmocka_unit_test(the_board_passes_on),
		cmocka_unit_test(volunteers_and_whom_they_visit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
