/* Members, the board and home-care volunteers (see member.h). */
#include "core/member.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/fund.h"
#include "core/club.h"
#include "core/scope.h"
#include "core/search.h"
#include "core/unit.h"
#include "lib/date.h"
#include "lib/vi.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

int member_sees_national_id(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_PROVINCE || a->role == ROLE_COMMUNE || a->role == ROLE_CLUB;
}

int member_may_write(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_PROVINCE || a->role == ROLE_COMMUNE || a->role == ROLE_CLUB;
}

#define may_write_people member_may_write

/* ---- checking input ---- */

static int text(const char *in, size_t max, const char *field, char *out, size_t outlen, Err *e)
{
	if (!in)
		return 0;
	char *n = NULL;
	int rc = vi_normalize(in, VI_NORM_SPACES, &n);
	if (rc != VI_OK)
		return err_set(e, rc == VI_ERR_NOMEM ? E_INTERNAL : E_BAD_UTF8, field);
	if (strlen(n) > max || strlen(n) >= outlen) {
		free(n);
		return err_set(e, E_TOO_LONG, field);
	}
	copy(out, outlen, n);
	free(n);
	return 0;
}

static int date(const char *in, const char *field, char out[11], Err *e)
{
	if (!in)
		return 0;
	out[0] = '\0';
	if (!*in)
		return 0;
	return vi_parse_date(in, out) == VI_OK ? 0 : err_set(e, E_DATE, field);
}

/* Folded comparison of a typed word against choices ("Nữ" = "nu"). */
static int word_is(const char *typed, const char *const *choices)
{
	char *f = vi_fold(typed);
	int hit = 0;
	for (size_t i = 0; f && choices[i] && !hit; i++)
		hit = strcmp(f, choices[i]) == 0;
	free(f);
	return hit;
}

static int flag(const char *in, const char *field, int *out, Err *e)
{
	static const char *const yes[] = {"1", "x", "co", "yes", "true", "v", NULL};
	static const char *const no[] = {"", "0", "khong", "no", "false", NULL};
	if (!in)
		return 0;
	if (word_is(in, yes))
		*out = 1;
	else if (word_is(in, no))
		*out = 0;
	else
		return err_set(e, E_INVALID, field);
	return 0;
}

int member_check(const MemberInput *in, Member *m, int creating, const char *today, Err *e)
{
	/* Names: the parts when given, else the full name split (first word family, last given). */
	if (in->given_name || in->family_name || in->middle_name) {
		if (text(in->family_name, 60, "family_name", m->family_name, sizeof m->family_name, e) ||
		    text(in->middle_name, 90, "middle_name", m->middle_name, sizeof m->middle_name, e) ||
		    text(in->given_name, 60, "given_name", m->given_name, sizeof m->given_name, e))
			return -1;
	} else if (in->full_name) {
		char *f = NULL, *mid = NULL, *g = NULL;
		int rc = vi_name_split(in->full_name, &f, &mid, &g);
		if (rc == VI_ERR_EMPTY)
			return err_set(e, E_REQUIRED, "full_name");
		if (rc != VI_OK)
			return err_set(e, rc == VI_ERR_NOMEM ? E_INTERNAL : E_BAD_UTF8, "full_name");
		int too_long = strlen(f) >= sizeof m->family_name || strlen(mid) >= sizeof m->middle_name ||
			       strlen(g) >= sizeof m->given_name;
		if (!too_long) {
			copy(m->family_name, sizeof m->family_name, f);
			copy(m->middle_name, sizeof m->middle_name, mid);
			copy(m->given_name, sizeof m->given_name, g);
		}
		free(f);
		free(mid);
		free(g);
		if (too_long)
			return err_set(e, E_TOO_LONG, "full_name");
	}
	if (creating && !m->given_name[0])
		return err_set(e, E_REQUIRED, in->full_name || !in->given_name ? "full_name" : "given_name");
	snprintf(m->full_name, sizeof m->full_name, "%s%s%s%s%s", m->family_name, m->family_name[0] ? " " : "",
		 m->middle_name, m->middle_name[0] ? " " : "", m->given_name);

	if (in->sex) {
		static const char *const f[] = {"f", "nu", "female", "n", NULL};
		static const char *const mm[] = {"m", "nam", "male", NULL};
		if (word_is(in->sex, f))
			copy(m->sex, sizeof m->sex, "F");
		else if (word_is(in->sex, mm))
			copy(m->sex, sizeof m->sex, "M");
		else
			return err_set(e, *in->sex ? E_INVALID : E_REQUIRED, "sex");
	}
	if (creating && !m->sex[0])
		return err_set(e, E_REQUIRED, "sex");

	if (in->birth) {
		int64_t year;
		char iso[11];
		int this_year = (int)strtol(today, NULL, 10);
		if (!*in->birth)
			return err_set(e, E_REQUIRED, "birth");
		if (vi_parse_int(in->birth, &year) == VI_OK && strlen(in->birth) <= 6) {
			if (year < 1900 || year > this_year)
				return err_set(e, E_YEAR, "birth");
			m->birth_year = (int)year;
			m->birth_date[0] = '\0';
		} else if (vi_parse_date(in->birth, iso) == VI_OK) {
			year = strtol(iso, NULL, 10);
			if (year < 1900 || strcmp(iso, today) > 0)
				return err_set(e, E_YEAR, "birth");
			m->birth_year = (int)year;
			copy(m->birth_date, sizeof m->birth_date, iso);
		} else {
			return err_set(e, E_YEAR, "birth");
		}
	}
	if (creating && !m->birth_year)
		return err_set(e, E_REQUIRED, "birth");

	if (text(in->ethnicity, 40, "ethnicity", m->ethnicity, sizeof m->ethnicity, e))
		return -1;
	if (in->ethnicity) {
		/* The majority is written one way, so that counting minorities does not depend on
		 * how "Kinh" was typed. */
		static const char *const kinh[] = {"kinh", "dan toc kinh", NULL};
		if (word_is(m->ethnicity, kinh))
			copy(m->ethnicity, sizeof m->ethnicity, "Kinh");
	}
	if (in->phone) {
		/* Digits only, as dialled: spaces, dots and dashes people type are dropped. */
		char digits[32];
		size_t n = 0;
		int bad = 0;
		for (const char *p = in->phone; *p; p++) {
			if (isdigit((unsigned char)*p) && n < sizeof digits - 1)
				digits[n++] = *p;
			else if (*p == '+' && n == 0)
				digits[n++] = '+';
			else if (!strchr(" .-()", *p))
				bad = 1;
		}
		digits[n] = '\0';
		if (bad || (n && (n < 9 || n > 13)))
			return err_set(e, E_INVALID, "phone");
		copy(m->phone, sizeof m->phone, digits);
	}
	if (in->household) {
		static const char *const poor[] = {"poor", "ngheo", "ho ngheo", NULL};
		static const char *const near[] = {"near_poor", "can ngheo", "ho can ngheo", NULL};
		static const char *const other[] = {"other", "", "khac", "khong", NULL};
		if (word_is(in->household, poor))
			copy(m->household, sizeof m->household, "poor");
		else if (word_is(in->household, near))
			copy(m->household, sizeof m->household, "near_poor");
		else if (word_is(in->household, other))
			copy(m->household, sizeof m->household, "other");
		else
			return err_set(e, E_INVALID, "household");
	}
	if (!m->household[0])
		copy(m->household, sizeof m->household, "other");
	if (flag(in->disability, "disability", &m->disability, e) || flag(in->lives_alone, "lives_alone", &m->lives_alone, e) ||
	    flag(in->health_card, "health_card", &m->health_card, e))
		return -1;
	if (text(in->village, 150, "village", m->village, sizeof m->village, e) ||
	    text(in->note, 390, "note", m->note, sizeof m->note, e) ||
	    text(in->left_reason, 150, "left_reason", m->left_reason, sizeof m->left_reason, e))
		return -1;
	if (date(in->joined_on, "joined_on", m->joined_on, e) || date(in->left_on, "left_on", m->left_on, e) ||
	    date(in->consent_on, "consent_on", m->consent_on, e))
		return -1;
	if (!m->joined_on[0])
		copy(m->joined_on, sizeof m->joined_on, today);
	if (strcmp(m->joined_on, today) > 0)
		return err_set(e, E_DATE, "joined_on");
	if (m->left_on[0] && (strcmp(m->left_on, m->joined_on) < 0 || strcmp(m->left_on, today) > 0))
		return err_set(e, E_DATE, "left_on");
	if (m->consent_on[0] && strcmp(m->consent_on, today) > 0)
		return err_set(e, E_DATE, "consent_on");
	if (m->left_on[0] && !m->left_reason[0])
		return err_set(e, E_REQUIRED, "left_reason");
	if (!m->left_on[0])
		m->left_reason[0] = '\0';   /* back on the book: no reason for leaving */
	if (in->consent_form) {
		static const char *const forms[] = {"written", "verbal", "thumbprint", ""};
		int ok = 0;
		for (size_t i = 0; i < 4 && !ok; i++)
			ok = strcmp(in->consent_form, forms[i]) == 0;
		if (!ok)
			return err_set(e, E_INVALID, "consent_form");
		copy(m->consent_form, sizeof m->consent_form, in->consent_form);
	}
	if (in->national_id) {
		/* 12 digits (căn cước) or 9 (old identity card); spaces and dots people type are dropped. */
		char id[16];
		size_t n = 0;
		for (const char *p = in->national_id; *p; p++) {
			if (*p == ' ' || *p == '.')
				continue;
			if (!isdigit((unsigned char)*p) || n >= 12)
				return err_set(e, E_INVALID, "national_id");
			id[n++] = *p;
		}
		id[n] = '\0';
		if (n && n != 9 && n != 12)
			return err_set(e, E_INVALID, "national_id");
		copy(m->national_id, sizeof m->national_id, id);
	}
	return 0;
}

/* ---- reading ---- */

#define MEMBER_COLS                                                                                   \
	"m.id, m.club_id, c.code, c.name, m.family_name, m.middle_name, m.given_name, m.sex, m.birth_year, " \
	"COALESCE(m.birth_date, ''), m.ethnicity, m.phone, m.household, m.disability, m.lives_alone, "      \
	"m.health_card, m.village, m.joined_on, COALESCE(m.left_on, ''), m.left_reason, "                  \
	"COALESCE(m.consent_on, ''), m.consent_form, COALESCE(m.national_id, ''), m.note"

static void member_fill(Stmt *st, Member *m, const Actor *by)
{
	memset(m, 0, sizeof *m);
	m->id = db_col_int(st, 0);
	m->club_id = db_col_int(st, 1);
	copy(m->club_code, sizeof m->club_code, db_col_text(st, 2));
	copy(m->club_name, sizeof m->club_name, db_col_text(st, 3));
	copy(m->family_name, sizeof m->family_name, db_col_text(st, 4));
	copy(m->middle_name, sizeof m->middle_name, db_col_text(st, 5));
	copy(m->given_name, sizeof m->given_name, db_col_text(st, 6));
	snprintf(m->full_name, sizeof m->full_name, "%s%s%s%s%s", m->family_name, m->family_name[0] ? " " : "",
		 m->middle_name, m->middle_name[0] ? " " : "", m->given_name);
	copy(m->sex, sizeof m->sex, db_col_text(st, 7));
	m->birth_year = (int)db_col_int(st, 8);
	copy(m->birth_date, sizeof m->birth_date, db_col_text(st, 9));
	copy(m->ethnicity, sizeof m->ethnicity, db_col_text(st, 10));
	copy(m->phone, sizeof m->phone, db_col_text(st, 11));
	copy(m->household, sizeof m->household, db_col_text(st, 12));
	m->disability = (int)db_col_int(st, 13);
	m->lives_alone = (int)db_col_int(st, 14);
	m->health_card = (int)db_col_int(st, 15);
	copy(m->village, sizeof m->village, db_col_text(st, 16));
	copy(m->joined_on, sizeof m->joined_on, db_col_text(st, 17));
	copy(m->left_on, sizeof m->left_on, db_col_text(st, 18));
	copy(m->left_reason, sizeof m->left_reason, db_col_text(st, 19));
	copy(m->consent_on, sizeof m->consent_on, db_col_text(st, 20));
	copy(m->consent_form, sizeof m->consent_form, db_col_text(st, 21));
	if (member_sees_national_id(by))
		copy(m->national_id, sizeof m->national_id, db_col_text(st, 22));
	copy(m->note, sizeof m->note, db_col_text(st, 23));
}

int member_get(Db *db, const Actor *by, int64_t id, Member *m)
{
	if (!scope_sees_people(by))
		return 0;
	Stmt *st = db_stmt(db, "member_get", "SELECT " MEMBER_COLS " FROM members m JOIN clubs c ON c.id = m.club_id WHERE m.id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		member_fill(st, m, by);
	db_reset(st);
	if (s != DB_ROW)
		return s == DB_DONE ? 0 : -1;
	Club c;
	return club_get(db, by, m->club_id, &c);
}


/* The conditions after the club condition, shared by every list statement. */
#define MEMBER_WHERE_REST                                                                            \
	" AND " SCOPE_CLUB_SQL("$1", "$2") " AND ($4 = 0 OR EXISTS "                                   \
	"(SELECT 1 FROM unit_reach fr WHERE fr.unit_id = c.unit_id AND fr.ancestor_id = $4)) "          \
	"AND ($5 = 1 OR m.left_on IS NULL) AND ($6 = '' OR m.name_fold LIKE $6 ESCAPE '\\') "
/* One club's list reads its rows through the (club_id, name_key) index; the whole scope is
 * read in name order. Two statements, because "$3 = 0 OR club_id = $3" would let the planner
 * use neither. */
#define MEMBER_WHERE "WHERE $3 = 0" MEMBER_WHERE_REST
#define MEMBER_WHERE_CLUB "WHERE m.club_id = $3" MEMBER_WHERE_REST

static void member_list_bind(Stmt *st, const MemberFilter *f, int64_t scope_unit, const char *scope_club,
			     const char *pattern, const char *word)
{
	db_bind_int(st, 1, scope_unit);
	db_bind_text(st, 2, scope_club);
	db_bind_int(st, 3, f->club_id);
	db_bind_int(st, 4, f->unit_id);
	db_bind_int(st, 5, f->include_left ? 1 : 0);
	db_bind_text(st, 6, pattern ? pattern : "");
	if (word)
		db_bind_text(st, 9, word);
}

#define MEMBER_FROM " FROM members m JOIN clubs c ON c.id = m.club_id "
#define MEMBER_SELECT "SELECT " MEMBER_COLS MEMBER_FROM
/* A search across a scope starts from the rows of the name index for one typed word, which come
 * in name order already; the other words and the scope are checked on each. */
#define MEMBER_BY_WORD                                                                              \
	" FROM member_words w JOIN members m ON m.id = w.member_id JOIN clubs c ON c.id = m.club_id " \
	"WHERE w.word = $9 AND w.name_fold LIKE $6 ESCAPE '\\' AND $3 = 0" MEMBER_WHERE_REST

/* Picks the statements for a list: one club's members (through its club index), a search by
 * name across the scope (through the name index; the index order is the name order), or the
 * whole scope in the order asked for. */
static Stmt *member_list_stmt(Db *db, int count, int club, int by_word, const char *sort)
{
	if (count) {
		if (club)
			return db_stmt(db, "member_count_club", "SELECT COUNT(*) FROM (SELECT 1" MEMBER_FROM MEMBER_WHERE_CLUB "LIMIT $11) x");
		/* Across the whole country the index rows alone answer: they hold only members on the
		 * book, with their folded names. */
		if (by_word == 2)
			return db_stmt(db, "member_count_word_all",
				       "SELECT COUNT(*) FROM (SELECT 1 FROM member_words w WHERE w.word = $9 AND "
				       "w.name_fold LIKE $6 ESCAPE '\\' AND $1 = 0 AND $2 = '' AND $3 = 0 AND $4 = 0 AND $5 = 0 LIMIT $11) x");
		if (by_word)
			return db_stmt(db, "member_count_word", "SELECT COUNT(*) FROM (SELECT 1" MEMBER_BY_WORD "LIMIT $11) x");
		return db_stmt(db, "member_count", "SELECT COUNT(*) FROM (SELECT 1" MEMBER_FROM MEMBER_WHERE "LIMIT $11) x");
	}
	int birth = strcmp(sort, "birth") == 0, joined = strcmp(sort, "joined") == 0;
	if (club)
		return birth ? db_stmt(db, "member_list_club_birth", MEMBER_SELECT MEMBER_WHERE_CLUB
				       "ORDER BY m.birth_year, m.name_key, m.id LIMIT $7 OFFSET $8")
		       : joined ? db_stmt(db, "member_list_club_joined", MEMBER_SELECT MEMBER_WHERE_CLUB
					  "ORDER BY m.joined_on, m.name_key, m.id LIMIT $7 OFFSET $8")
				: db_stmt(db, "member_list_club_name", MEMBER_SELECT MEMBER_WHERE_CLUB
					  "ORDER BY m.name_key, m.id LIMIT $7 OFFSET $8");
	if (by_word)
		return birth ? db_stmt(db, "member_list_word_birth", "SELECT " MEMBER_COLS MEMBER_BY_WORD
				       "ORDER BY m.birth_year, w.name_key, m.id LIMIT $7 OFFSET $8")
		       : joined ? db_stmt(db, "member_list_word_joined", "SELECT " MEMBER_COLS MEMBER_BY_WORD
					  "ORDER BY m.joined_on, w.name_key, m.id LIMIT $7 OFFSET $8")
				: db_stmt(db, "member_list_word_name", "SELECT " MEMBER_COLS MEMBER_BY_WORD
					  "ORDER BY w.name_key, w.member_id LIMIT $7 OFFSET $8");
	return birth ? db_stmt(db, "member_list_birth", MEMBER_SELECT MEMBER_WHERE
			       "ORDER BY m.birth_year, m.name_key, m.id LIMIT $7 OFFSET $8")
	       : joined ? db_stmt(db, "member_list_joined", MEMBER_SELECT MEMBER_WHERE
				  "ORDER BY m.joined_on, m.name_key, m.id LIMIT $7 OFFSET $8")
			: db_stmt(db, "member_list_name", MEMBER_SELECT MEMBER_WHERE "ORDER BY m.name_key, m.id LIMIT $7 OFFSET $8");
}

/* The whole scope club by club (sort "club", the exports): the clubs' ids first, in code order,
 * then each club's members through its (club_id, name_key) index. Memory is one club's rows on
 * either engine, where one query over the country would be sorted in memory by SQLite (name
 * order) or held whole by PostgreSQL's client library. In one read snapshot. */
typedef struct ByClub {
	const Actor *by;
	const MemberFilter *f;
	int64_t scope_unit;
	const char *scope_club, *pattern;
	int64_t offset, limit;
	void (*fn)(const Member *m, void *arg);
	void *arg;
} ByClub;

static int by_club_read(Db *db, void *arg)
{
	ByClub *x = arg;
	Stmt *st = db_stmt(db, "member_list_clubs",
			   "SELECT c.id FROM clubs c WHERE " SCOPE_CLUB_SQL("$1", "$2") " AND ($4 = 0 OR EXISTS "
			   "(SELECT 1 FROM unit_reach fr WHERE fr.unit_id = c.unit_id AND fr.ancestor_id = $4)) "
			   "ORDER BY c.code");
	if (!st)
		return -1;
	db_bind_int(st, 1, x->scope_unit);
	db_bind_text(st, 2, x->scope_club);
	db_bind_int(st, 3, 0);
	db_bind_int(st, 4, x->f->unit_id);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			int64_t *ni = realloc(ids, nc * sizeof *ni);
			if (!ni) {
				db_reset(st);
				free(ids);
				return -1;
			}
			ids = ni;
			cap = nc;
		}
		ids[n++] = db_col_int(st, 0);
	}
	db_reset(st);
	int rc = s == DB_DONE ? 0 : -1;
	for (size_t i = 0; i < n && !rc && x->limit > 0; i++) {
		MemberFilter one = *x->f;
		one.club_id = ids[i];
		st = member_list_stmt(db, 0, 1, 0, "name");
		if (!st) {
			rc = -1;
			break;
		}
		member_list_bind(st, &one, x->scope_unit, x->scope_club, x->pattern, NULL);
		db_bind_int(st, 7, INT64_MAX);
		db_bind_int(st, 8, 0);
		while (x->limit > 0 && (s = db_step(st)) == DB_ROW) {
			if (x->offset > 0) {
				x->offset--;
				continue;
			}
			Member m;
			member_fill(st, &m, x->by);
			x->fn(&m, x->arg);
			x->limit--;
		}
		if (x->limit > 0 && s != DB_DONE)
			rc = -1;
		db_reset(st);
	}
	free(ids);
	return rc;
}

/* Runs one list query (count then rows). Returns the total (capped), or -1. */
static int64_t member_list_run(Db *db, const Actor *by, const MemberFilter *f, int64_t scope_unit,
			       const char *scope_club, const char *pattern, const char *word, int64_t offset,
			       int64_t limit, void (*fn)(const Member *m, void *arg), void *arg)
{
	int club = f->club_id != 0, by_word = word && *word;
	const char *sort = f->sort ? f->sort : "name";
	int national = by_word && !scope_unit && !*scope_club && !f->unit_id;
	Stmt *st = member_list_stmt(db, 1, club, national ? 2 : by_word, sort);
	if (!st)
		return -1;
	member_list_bind(st, f, scope_unit, scope_club, pattern, by_word ? word : NULL);
	/* Counting every match of a common name across the country would read most of the book:
	 * totals are counted up to a cap. */
	int64_t cap = by_word ? SEARCH_COUNT_CAP : MEMBER_COUNT_CAP;
	db_bind_int(st, 11, cap + 1);
	int64_t total = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	if (total < 0)
		return -1;
	if (total > cap) {
		total = cap;
		if (f->more)
			*f->more = 1;
	}
	if (total == 0 || !fn)
		return total;
	if (!club && !by_word && strcmp(sort, "club") == 0) {
		ByClub x = {by, f, scope_unit, scope_club, pattern, offset, limit, fn, arg};
		int rc = db_in_tx(db) ? by_club_read(db, &x) : db_read(db, by_club_read, &x);
		return rc == 0 ? total : -1;
	}
	st = member_list_stmt(db, 0, club, by_word, sort);
	if (!st)
		return -1;
	member_list_bind(st, f, scope_unit, scope_club, pattern, by_word ? word : NULL);
	db_bind_int(st, 7, limit);
	db_bind_int(st, 8, offset);
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		Member m;
		member_fill(st, &m, by);
		fn(&m, arg);
	}
	db_reset(st);
	return s == DB_DONE ? total : -1;
}

int64_t member_list(Db *db, const Actor *by, const MemberFilter *f, int64_t offset, int64_t limit,
		    void (*fn)(const Member *m, void *arg), void *arg)
{
	int64_t scope_unit;
	const char *scope_club;
	if (f->more)
		*f->more = 0;
	if (!scope_sees_people(by) || scope_filter(db, by, &scope_unit, &scope_club) != 0)
		return 0;
	char *pattern = vi_like_pattern(f->q, 1);
	char word[64] = "";
	if (pattern && !f->club_id && !f->include_left) {
		char *fold = vi_fold(f->q);
		search_driver(fold ? fold : "", word);
		free(fold);
	}
	int64_t total = member_list_run(db, by, f, scope_unit, scope_club, pattern, word, offset, limit, fn, arg);
	/* The last word may be typed only in part ("nguyen thi ho"): with no whole-word match, the
	 * name order is walked with the pattern alone. */
	if (total == 0 && word[0])
		total = member_list_run(db, by, f, scope_unit, scope_club, pattern, NULL, offset, limit, fn, arg);
	free(pattern);
	return total;
}

/* ---- writing ---- */

static json_t *member_json(const Member *m)
{
	/* The audit keeps what changed, never the national ID number itself. */
	return json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:s, s:s, s:b}", "family_name",
			 m->family_name, "middle_name", m->middle_name, "given_name", m->given_name, "sex", m->sex,
			 "birth_year", m->birth_year, "ethnicity", m->ethnicity, "phone", m->phone, "household",
			 m->household, "joined_on", m->joined_on, "disability", m->disability, "lives_alone",
			 m->lives_alone, "health_card", m->health_card, "left_on", m->left_on, "left_reason",
			 m->left_reason, "national_id_set", m->national_id[0] != '\0');
}

typedef struct MemberTx {
	const Actor *by;
	int64_t club_id, id, unit_id;
	Member *m;
	int confirm;
	int64_t *dup_id;
	Err *e;
} MemberTx;

static int member_write(Db *db, MemberTx *t, int creating)
{
	Member *m = t->m;
	char now[21];
	db_now_iso(now);
	/* Whether the member was on the book before (for the live count of members by unit). */
	int64_t club_id = t->club_id, was_on = 0;
	if (!creating) {
		Stmt *q = db_stmt(db, "member_was_on", "SELECT club_id, CASE WHEN left_on IS NULL THEN 1 ELSE 0 END FROM members WHERE id = $1");
		if (!q)
			return -DB_ERROR;
		db_bind_int(q, 1, t->id);
		DbStatus qs = db_step(q);
		if (qs == DB_ROW) {
			club_id = db_col_int(q, 0);
			was_on = db_col_int(q, 1);
			db_reset(q);
		} else if (qs != DB_DONE) {
			return -(int)qs;
		}
	}
	char *fold = vi_fold(m->full_name), *key = vi_collate_name(m->family_name, m->middle_name, m->given_name);
	Stmt *st = !fold || !key ? NULL
		   : creating ? db_stmt(db, "member_insert",
					"INSERT INTO members (club_id, family_name, middle_name, given_name, name_fold, name_key, sex, "
					"birth_year, birth_date, ethnicity, phone, household, disability, lives_alone, health_card, village, "
					"joined_on, left_on, left_reason, consent_on, consent_form, national_id, note, created_at, updated_at) "
					"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "
					"$21, $22, $23, $24, $24)")
			      : db_stmt(db, "member_update",
					"UPDATE members SET family_name = $2, middle_name = $3, given_name = $4, name_fold = $5, name_key = $6, "
					"sex = $7, birth_year = $8, birth_date = $9, ethnicity = $10, phone = $11, household = $12, "
					"disability = $13, lives_alone = $14, health_card = $15, village = $16, joined_on = $17, left_on = $18, "
					"left_reason = $19, consent_on = $20, consent_form = $21, national_id = $22, note = $23, updated_at = $24 "
					"WHERE id = $1 AND $1 > 0");
	int rc = -DB_ERROR;
	if (st) {
		db_bind_int(st, 1, creating ? t->club_id : t->id);
		db_bind_text(st, 2, m->family_name);
		db_bind_text(st, 3, m->middle_name);
		db_bind_text(st, 4, m->given_name);
		db_bind_text(st, 5, fold);
		db_bind_text(st, 6, key);
		db_bind_text(st, 7, m->sex);
		db_bind_int(st, 8, m->birth_year);
		db_bind_text(st, 9, m->birth_date[0] ? m->birth_date : NULL);
		db_bind_text(st, 10, m->ethnicity);
		db_bind_text(st, 11, m->phone);
		db_bind_text(st, 12, m->household);
		db_bind_int(st, 13, m->disability);
		db_bind_int(st, 14, m->lives_alone);
		db_bind_int(st, 15, m->health_card);
		db_bind_text(st, 16, m->village);
		db_bind_text(st, 17, m->joined_on);
		db_bind_text(st, 18, m->left_on[0] ? m->left_on : NULL);
		db_bind_text(st, 19, m->left_reason);
		db_bind_text(st, 20, m->consent_on[0] ? m->consent_on : NULL);
		db_bind_text(st, 21, m->consent_form);
		db_bind_text(st, 22, m->national_id[0] ? m->national_id : NULL);
		db_bind_text(st, 23, m->note);
		db_bind_text(st, 24, now);
		rc = -(int)db_exec_stmt(st);
	}
	/* The name search index changes with the name, in the same transaction. */
	if (!rc && creating)
		t->id = db_last_id(db);
	if (!rc)
		rc = -(int)search_index_member(db, t->id, fold, key, !m->left_on[0]);
	if (!rc)
		rc = -fund_members_changed(db, club_id, (int)((!m->left_on[0]) - was_on));
	free(fold);
	free(key);
	return rc;
}

/* The commune whose clubs count as "the same commune" for unit_id: the commune of today that
 * carries its history (a club founded in an old commune and one founded since in the new one
 * are in the same commune), or unit_id itself when it leads nowhere. */
static int64_t person_commune(Db *db, int64_t unit_id)
{
	char today[11];
	Unit u;
	unit_today(today);
	return unit_restated(db, unit_id, today, &u) == 1 ? u.id : unit_id;
}

/* Another member on the book with the same name parts and birth year in a club of the commune
 * (commune_id from person_commune: clubs of its earlier communes included). */
static int64_t member_duplicate(Db *db, int64_t commune_id, const Member *m, int64_t self)
{
	Stmt *st = db_stmt(db, "member_duplicate",
			   "SELECT m.id FROM members m JOIN clubs c ON c.id = m.club_id WHERE m.given_name = $1 "
			   "AND m.family_name = $2 AND m.middle_name = $3 AND m.birth_year = $4 AND m.left_on IS NULL "
			   "AND (c.unit_id = $5 OR EXISTS (SELECT 1 FROM unit_reach r WHERE r.unit_id = c.unit_id AND r.ancestor_id = $5)) "
			   "AND m.id <> $6 ORDER BY m.id LIMIT 1");
	if (!st)
		return -1;
	db_bind_text(st, 1, m->given_name);
	db_bind_text(st, 2, m->family_name);
	db_bind_text(st, 3, m->middle_name);
	db_bind_int(st, 4, m->birth_year);
	db_bind_int(st, 5, commune_id);
	db_bind_int(st, 6, self);
	int64_t id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return id;
}

static int member_create_tx(Db *db, void *arg)
{
	MemberTx *t = arg;
	int64_t dup = member_duplicate(db, t->unit_id, t->m, 0);
	if (dup < 0)
		return -DB_ERROR;
	if (dup && !t->confirm) {
		if (t->dup_id)
			*t->dup_id = dup;
		err_set(t->e, E_DUPLICATE_PERSON, "full_name");
		return 1;
	}
	int rc = member_write(db, t, 1);
	if (rc)
		return rc;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	json_t *after = member_json(t->m);
	json_object_set_new(after, "club_id", json_integer(t->club_id));
	DbStatus a = audit_write(db, t->by, "create", "member", id, NULL, after);
	json_decref(after);
	return -(int)a;
}

int64_t member_create(Db *db, const Actor *by, int64_t club_id, const MemberInput *in, int64_t *dup_id, Err *e)
{
	if (!may_write_people(by))
		return err_set(e, E_FORBIDDEN, NULL);
	Club c;
	int have = club_get(db, by, club_id, &c);
	if (have <= 0)
		return err_set(e, have < 0 ? E_INTERNAL : E_NOT_FOUND, NULL);
	if (strcmp(c.status, "dissolved") == 0)
		return err_set(e, E_CLUB_NOT_ACTIVE, NULL);
	char today[11];
	unit_today(today);
	Member m = {0};
	if (member_check(in, &m, 1, today, e) != 0)
		return -1;
	if (!member_sees_national_id(by))
		m.national_id[0] = '\0';
	MemberTx t = {by, club_id, 0, person_commune(db, c.unit_id), &m, in->confirm_duplicate, dup_id, e};
	int rc = db_tx(db, member_create_tx, &t);
	if (rc > 0)
		return -1;
	if (rc < 0)
		return err_set(e, err_from_db(rc), NULL);
	return t.id;
}

int64_t member_insert_tx(Db *db, const Actor *by, int64_t club_id, Member *m)
{
	MemberTx t = {by, club_id, 0, 0, m, 1, NULL, NULL};
	int rc = member_write(db, &t, 1);
	if (rc)
		return rc;
	int64_t id = t.id;
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	json_t *after = member_json(m);
	json_object_set_new(after, "club_id", json_integer(club_id));
	DbStatus a = audit_write(db, by, "create", "member", sid, NULL, after);
	json_decref(after);
	return a == DB_OK ? id : -(int64_t)a;
}

int64_t member_find_person(Db *db, int64_t unit_id, const Member *m)
{
	return member_duplicate(db, person_commune(db, unit_id), m, 0);
}

static int member_update_tx(Db *db, void *arg)
{
	MemberTx *t = arg;
	Actor system = {.role = ROLE_ADMIN};
	Member before;
	if (member_get(db, &system, t->id, &before) != 1)
		return -DB_ERROR;
	int rc = member_write(db, t, 0);
	if (rc)
		return rc;
	int64_t ended = 0;
	if (t->m->left_on[0] && !before.left_on[0]) {
		/* Leaving the club ends the roles held in it, and the visits to and by the person. */
		static const struct {
			const char *name, *sql;
		} ends[] = {
			{"member_left_board", "UPDATE board_roles SET to_date = $2 WHERE member_id = $1 AND to_date IS NULL"},
			{"member_left_visits", "UPDATE care_visits SET to_date = $2 WHERE to_date IS NULL AND (member_id = $1 OR "
					       "volunteer_id IN (SELECT id FROM volunteers WHERE member_id = $1))"},
			{"member_left_volunteer", "UPDATE volunteers SET to_date = $2 WHERE member_id = $1 AND to_date IS NULL"},
		};
		for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
			Stmt *st = db_stmt(db, ends[i].name, ends[i].sql);
			if (!st)
				return -DB_ERROR;
			db_bind_int(st, 1, t->id);
			db_bind_text(st, 2, t->m->left_on);
			DbStatus s = db_exec_stmt(st);
			if (s != DB_OK)
				return -(int)s;
			ended += db_changes(db);
		}
	}
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	json_t *b = member_json(&before), *a = member_json(t->m);
	if (ended)
		json_object_set_new(a, "roles_ended", json_integer(ended));
	DbStatus s = audit_write(db, t->by, "update", "member", id, b, a);
	json_decref(b);
	json_decref(a);
	return -(int)s;
}

int member_update(Db *db, const Actor *by, int64_t id, const MemberInput *in, Err *e)
{
	if (!may_write_people(by))
		return err_set(e, E_FORBIDDEN, NULL);
	Member m;
	int have = member_get(db, by, id, &m);
	if (have <= 0)
		return err_set(e, have < 0 ? E_INTERNAL : E_NOT_FOUND, NULL);
	/* Start from what is stored (with the ID number even for roles that do not see it, so an
	 * update by them keeps it), and apply what was typed. */
	Actor system = {.role = ROLE_ADMIN};
	member_get(db, &system, id, &m);
	char today[11];
	unit_today(today);
	if (member_check(in, &m, 0, today, e) != 0)
		return -1;
	if (!m.given_name[0])
		return err_set(e, E_REQUIRED, "given_name");
	MemberTx t = {by, m.club_id, id, 0, &m, 1, NULL, e};
	int rc = db_tx(db, member_update_tx, &t);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

/* ---- board and volunteers ---- */

static const struct {
	const char *code, *vi, *en;
	int single;
} board_roles[] = {
	{"chair", "Chủ nhiệm", "Chair", 1},
	{"vice_chair", "Phó chủ nhiệm", "Vice-chair", 0},
	{"accountant", "Kế toán", "Accountant", 1},
	{"treasurer", "Thủ quỹ", "Treasurer", 1},
	{"secretary", "Thư ký", "Secretary", 1},
	{"board_member", "Ủy viên", "Board member", 0},
};

const char *board_role_label(const char *role, const char *lang)
{
	for (size_t i = 0; i < sizeof board_roles / sizeof *board_roles; i++)
		if (strcmp(board_roles[i].code, role) == 0)
			return lang && strcmp(lang, "en") == 0 ? board_roles[i].en : board_roles[i].vi;
	return role;
}

static int board_role_index(const char *role)
{
	for (size_t i = 0; role && i < sizeof board_roles / sizeof *board_roles; i++)
		if (strcmp(board_roles[i].code, role) == 0)
			return (int)i;
	return -1;
}

int board_role_valid(const char *role)
{
	return board_role_index(role) >= 0;
}

typedef struct BoardTx {
	const Actor *by;
	int64_t club_id, member_id, id;
	const char *role;
	char from[11], eve[11];
	int single;
	Err *e;
} BoardTx;

static int board_assign_tx(Db *db, void *arg)
{
	BoardTx *t = arg;
	/* The same person in the same role twice at once is a mistake; so is a term that would start
	 * before the current holder's of a role one person holds at a time. */
	Stmt *st = db_stmt(db, "board_open_holders",
			   "SELECT member_id, from_date FROM board_roles WHERE club_id = $1 AND role = $2 AND to_date IS NULL");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, t->club_id);
	db_bind_text(st, 2, t->role);
	int clash = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW && !clash) {
		if (db_col_int(st, 0) == t->member_id)
			clash = 1;
		else if (t->single && strcmp(db_col_text(st, 1), t->from) >= 0)
			clash = 2;
	}
	db_reset(st);
	if (s != DB_DONE && s != DB_ROW)
		return -(int)s;
	if (clash) {
		if (clash == 1)
			err_set(t->e, E_INVALID, "member_id");
		else
			err_set(t->e, E_DATE, "from");
		return 1;
	}
	if (t->single) {
		/* A role one person holds at a time passes on: the previous holder's term ends the day before. */
		st = db_stmt(db, "board_end_previous",
			     "UPDATE board_roles SET to_date = $3 WHERE club_id = $1 AND role = $2 AND to_date IS NULL AND from_date < $4");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, t->club_id);
		db_bind_text(st, 2, t->role);
		db_bind_text(st, 3, t->eve);
		db_bind_text(st, 4, t->from);
		s = db_exec_stmt(st);
		if (s != DB_OK)
			return -(int)s;
	}
	st = db_stmt(db, "board_insert", "INSERT INTO board_roles (club_id, member_id, role, from_date) VALUES ($1, $2, $3, $4)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, t->club_id);
	db_bind_int(st, 2, t->member_id);
	db_bind_text(st, 3, t->role);
	db_bind_text(st, 4, t->from);
	s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	t->id = db_last_id(db);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	json_t *after = json_pack("{s:I, s:I, s:s, s:s}", "club_id", (json_int_t)t->club_id, "member_id",
				  (json_int_t)t->member_id, "role", t->role, "from", t->from);
	s = audit_write(db, t->by, "assign", "board_role", id, NULL, after);
	json_decref(after);
	return -(int)s;
}

/* The date typed (ISO or dd/mm/yyyy), today when blank; not after today. */
static int term_date(const char *in, const char *field, char out[11], Err *e)
{
	char today[11];
	unit_today(today);
	if (!in || !*in) {
		copy(out, 11, today);
		return 0;
	}
	if (vi_parse_date(in, out) != VI_OK || strcmp(out, today) > 0)
		return err_set(e, E_DATE, field);
	return 0;
}

int board_assign(Db *db, const Actor *by, int64_t member_id, const char *role, const char *from, Err *e)
{
	if (!may_write_people(by))
		return err_set(e, E_FORBIDDEN, NULL);
	Member m;
	int have = member_id > 0 ? member_get(db, by, member_id, &m) : 0;
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, member_id > 0 ? E_NOT_FOUND : E_REQUIRED, "member_id");
	int ri = board_role_index(role);
	if (ri < 0)
		return err_set(e, role && *role ? E_INVALID : E_REQUIRED, "role");
	if (m.left_on[0])
		return err_set(e, E_INVALID, "member_id");
	BoardTx t = {by, m.club_id, member_id, 0, role, "", "", board_roles[ri].single, e};
	if (term_date(from, "from", t.from, e))
		return -1;
	date_add_days(t.from, -1, t.eve);
	int rc = db_tx(db, board_assign_tx, &t);
	if (rc > 0)
		return -1;
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

typedef struct EndTx {
	const Actor *by;
	int64_t id;
	char to[11];
	const char *entity;
	int board;
	Err *e;
} EndTx;

static int end_tx(Db *db, void *arg)
{
	EndTx *t = arg;
	/* A term ends once, and not before it began. */
	Stmt *st = t->board ? db_stmt(db, "board_term", "SELECT from_date, to_date FROM board_roles WHERE id = $1")
			    : db_stmt(db, "volunteer_term", "SELECT from_date, to_date FROM volunteers WHERE id = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, t->id);
	int bad = 0;
	if (db_step(st) == DB_ROW)
		bad = !db_col_is_null(st, 1) ? 1 : strcmp(t->to, db_col_text(st, 0)) < 0 ? 2 : 0;
	else
		bad = 3;
	db_reset(st);
	if (bad) {
		err_set(t->e, bad == 2 ? E_DATE : bad == 1 ? E_INVALID : E_NOT_FOUND, bad == 2 ? "to" : NULL);
		return 1;
	}
	st = t->board ? db_stmt(db, "board_end", "UPDATE board_roles SET to_date = $2 WHERE id = $1 AND to_date IS NULL")
		      : db_stmt(db, "volunteer_end", "UPDATE volunteers SET to_date = $2 WHERE id = $1 AND to_date IS NULL");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, t->id);
	db_bind_text(st, 2, t->to);
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	if (!t->board) {
		/* The people a volunteer visited are no longer visited by them. */
		st = db_stmt(db, "volunteer_end_visits", "UPDATE care_visits SET to_date = $2 WHERE volunteer_id = $1 AND to_date IS NULL");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, t->id);
		db_bind_text(st, 2, t->to);
		if ((s = db_exec_stmt(st)) != DB_OK)
			return -(int)s;
	}
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	json_t *after = json_pack("{s:s}", "to", t->to);
	s = audit_write(db, t->by, "end", t->entity, id, NULL, after);
	json_decref(after);
	return -(int)s;
}

/* The club a board role or volunteer belongs to, for the scope check. */
static int64_t owner_club(Db *db, int board, int64_t id)
{
	Stmt *st = board ? db_stmt(db, "board_club", "SELECT club_id FROM board_roles WHERE id = $1")
			 : db_stmt(db, "volunteer_club", "SELECT club_id FROM volunteers WHERE id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int64_t club = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return club;
}

static int64_t owner_club_in_scope(Db *db, const Actor *by, int board, int64_t id)
{
	Club c;
	int64_t club = id > 0 ? owner_club(db, board, id) : 0;
	if (club <= 0)
		return club;
	int have = club_get(db, by, club, &c);
	return have == 1 ? club : have < 0 ? -1 : 0;
}

int64_t board_role_club(Db *db, const Actor *by, int64_t board_role_id)
{
	return scope_sees_people(by) ? owner_club_in_scope(db, by, 1, board_role_id) : 0;
}

int64_t volunteer_club(Db *db, const Actor *by, int64_t volunteer_id)
{
	return scope_sees_people(by) ? owner_club_in_scope(db, by, 0, volunteer_id) : 0;
}

static int end_something(Db *db, const Actor *by, int board, int64_t id, const char *to, Err *e)
{
	if (!may_write_people(by))
		return err_set(e, E_FORBIDDEN, NULL);
	int64_t club = owner_club_in_scope(db, by, board, id);
	if (club <= 0)
		return err_set(e, club < 0 ? E_INTERNAL : E_NOT_FOUND, NULL);
	EndTx t = {by, id, "", board ? "board_role" : "volunteer", board, e};
	if (term_date(to, "to", t.to, e))
		return -1;
	int rc = db_tx(db, end_tx, &t);
	if (rc > 0)
		return -1;
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}

int board_end(Db *db, const Actor *by, int64_t board_role_id, const char *to, Err *e)
{
	return end_something(db, by, 1, board_role_id, to, e);
}

static void join_name(char *out, size_t n, const char *f, const char *mid, const char *g)
{
	snprintf(out, n, "%s%s%s%s%s", f, *f ? " " : "", mid, *mid ? " " : "", g);
}

int board_list(Db *db, const Actor *by, int64_t club_id, int current_only, void (*fn)(const BoardRole *b, void *arg), void *arg)
{
	Club c;
	if (!scope_sees_people(by) || club_get(db, by, club_id, &c) != 1)
		return 0;
	Stmt *st = db_stmt(db, "board_list",
			   "SELECT b.id, b.member_id, m.family_name, m.middle_name, m.given_name, b.role, b.from_date, COALESCE(b.to_date, '') "
			   "FROM board_roles b JOIN members m ON m.id = b.member_id WHERE b.club_id = $1 AND ($2 = 0 OR b.to_date IS NULL) "
			   "ORDER BY CASE WHEN b.to_date IS NULL THEN 0 ELSE 1 END, CASE b.role WHEN 'chair' THEN 1 WHEN 'vice_chair' THEN 2 "
			   "WHEN 'accountant' THEN 3 WHEN 'treasurer' THEN 4 WHEN 'secretary' THEN 5 ELSE 6 END, b.from_date DESC, m.name_key");
	if (!st)
		return -1;
	db_bind_int(st, 1, club_id);
	db_bind_int(st, 2, current_only ? 1 : 0);
	int n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		BoardRole b = {0};
		b.id = db_col_int(st, 0);
		b.member_id = db_col_int(st, 1);
		join_name(b.member_name, sizeof b.member_name, db_col_text(st, 2), db_col_text(st, 3), db_col_text(st, 4));
		copy(b.role, sizeof b.role, db_col_text(st, 5));
		copy(b.from_date, sizeof b.from_date, db_col_text(st, 6));
		copy(b.to_date, sizeof b.to_date, db_col_text(st, 7));
		fn(&b, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}

typedef struct VolTx {
	const Actor *by;
	int64_t club_id, member_id, volunteer_id, id;
	const char *person;
	char from[11];
	int visit;
	Err *e;
} VolTx;

static int volunteer_tx(Db *db, void *arg)
{
	VolTx *t = arg;
	/* One open service per member; one open visit per volunteer and person. */
	Stmt *st = t->visit ? db_stmt(db, "visit_open",
				      "SELECT COUNT(*) FROM care_visits WHERE volunteer_id = $1 AND to_date IS NULL AND "
				      "(($2 <> 0 AND member_id = $2) OR ($2 = 0 AND member_id IS NULL AND person_name = $3))")
			    : db_stmt(db, "volunteer_open",
				      "SELECT COUNT(*) FROM volunteers WHERE club_id = $1 AND member_id = $2 AND to_date IS NULL");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, t->visit ? t->volunteer_id : t->club_id);
	db_bind_int(st, 2, t->member_id);
	if (t->visit)
		db_bind_text(st, 3, t->person ? t->person : "");
	int64_t open = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	if (open < 0)
		return -DB_ERROR;
	if (open > 0) {
		err_set(t->e, E_INVALID, t->visit && !t->member_id ? "person_name" : "member_id");
		return 1;
	}
	st = t->visit ? db_stmt(db, "visit_insert",
				"INSERT INTO care_visits (volunteer_id, member_id, person_name, from_date) VALUES ($1, $2, $3, $4)")
		      : db_stmt(db, "volunteer_insert", "INSERT INTO volunteers (club_id, member_id, from_date) VALUES ($1, $2, $3)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, t->visit ? t->volunteer_id : t->club_id);
	if (t->member_id)
		db_bind_int(st, 2, t->member_id);
	else
		db_bind_null(st, 2);
	if (t->visit) {
		db_bind_text(st, 3, t->person ? t->person : "");
		db_bind_text(st, 4, t->from);
	} else {
		db_bind_text(st, 3, t->from);
	}
	DbStatus s = db_exec_stmt(st);
	if (s != DB_OK)
		return -(int)s;
	t->id = db_last_id(db);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	json_t *after = json_pack("{s:I, s:I, s:s, s:s}", "club_id", (json_int_t)t->club_id, "member_id",
				  (json_int_t)t->member_id, "person", t->person ? t->person : "", "from", t->from);
	if (t->visit)
		json_object_set_new(after, "volunteer_id", json_integer(t->volunteer_id));
	s = audit_write(db, t->by, "create", t->visit ? "care_visit" : "volunteer", id, NULL, after);
	json_decref(after);
	return -(int)s;
}

int64_t volunteer_add(Db *db, const Actor *by, int64_t member_id, const char *from, Err *e)
{
	if (!may_write_people(by))
		return err_set(e, E_FORBIDDEN, NULL);
	Member m;
	int have = member_id > 0 ? member_get(db, by, member_id, &m) : 0;
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, member_id > 0 ? E_NOT_FOUND : E_REQUIRED, "member_id");
	if (m.left_on[0])
		return err_set(e, E_INVALID, "member_id");
	VolTx t = {by, m.club_id, member_id, 0, 0, NULL, "", 0, e};
	if (term_date(from, "from", t.from, e))
		return -1;
	int rc = db_tx(db, volunteer_tx, &t);
	if (rc > 0)
		return -1;
	return rc ? err_set(e, err_from_db(rc), NULL) : t.id;
}

int volunteer_end(Db *db, const Actor *by, int64_t volunteer_id, const char *to, Err *e)
{
	return end_something(db, by, 0, volunteer_id, to, e);
}

int64_t volunteer_visit_add(Db *db, const Actor *by, int64_t volunteer_id, int64_t member_id,
			    const char *person_name, const char *from, Err *e)
{
	if (!may_write_people(by))
		return err_set(e, E_FORBIDDEN, NULL);
	int64_t club = owner_club_in_scope(db, by, 0, volunteer_id);
	if (club <= 0)
		return err_set(e, club < 0 ? E_INTERNAL : E_NOT_FOUND, NULL);
	/* An ended volunteer visits nobody new. */
	Stmt *st = db_stmt(db, "volunteer_member", "SELECT member_id, COALESCE(to_date, '') FROM volunteers WHERE id = $1");
	if (!st)
		return err_set(e, E_INTERNAL, NULL);
	db_bind_int(st, 1, volunteer_id);
	int64_t self = 0;
	int ended = 0;
	if (db_step(st) == DB_ROW) {
		self = db_col_int(st, 0);
		ended = db_col_text(st, 1)[0] != '\0';
	}
	db_reset(st);
	if (ended)
		return err_set(e, E_INVALID, NULL);
	char *person = NULL;
	if (member_id) {
		/* A member visited is one of the same club, still on its book, and not the volunteer. */
		Member m;
		int have = member_get(db, by, member_id, &m);
		if (have < 0)
			return err_set(e, E_INTERNAL, NULL);
		if (!have || m.club_id != club)
			return err_set(e, E_NOT_FOUND, "member_id");
		if (m.left_on[0] || member_id == self)
			return err_set(e, E_INVALID, "member_id");
	} else {
		int rc = person_name ? vi_normalize(person_name, VI_NORM_SPACES, &person) : VI_ERR_EMPTY;
		if (rc != VI_OK || !*person) {
			free(person);
			return err_set(e, rc == VI_OK || rc == VI_ERR_EMPTY ? E_REQUIRED : E_BAD_UTF8, "person_name");
		}
		if (strlen(person) > 150) {
			free(person);
			return err_set(e, E_TOO_LONG, "person_name");
		}
	}
	VolTx t = {by, club, member_id, volunteer_id, 0, person, "", 1, e};
	if (term_date(from, "from", t.from, e)) {
		free(person);
		return -1;
	}
	int rc = db_tx(db, volunteer_tx, &t);
	free(person);
	if (rc > 0)
		return -1;
	return rc ? err_set(e, err_from_db(rc), NULL) : t.id;
}

/* The people a volunteer visits now, as "name, name" (members by full name). Portable SQL: the
 * names are joined here rather than with an aggregate one engine spells differently. */
static int volunteer_visits(Db *db, int64_t volunteer_id, char *out, size_t n)
{
	out[0] = '\0';
	Stmt *st = db_stmt(db, "volunteer_visits",
			   "SELECT cv.person_name, COALESCE(pm.family_name, ''), COALESCE(pm.middle_name, ''), COALESCE(pm.given_name, '') "
			   "FROM care_visits cv LEFT JOIN members pm ON pm.id = cv.member_id "
			   "WHERE cv.volunteer_id = $1 AND cv.to_date IS NULL ORDER BY cv.from_date, cv.id");
	if (!st)
		return -1;
	db_bind_int(st, 1, volunteer_id);
	size_t len = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		char name[224];
		const char *p = db_col_text(st, 0);
		if (p && *p)
			copy(name, sizeof name, p);
		else
			join_name(name, sizeof name, db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3));
		int w = snprintf(out + len, n - len, "%s%s", len ? ", " : "", name);
		if (w < 0 || (size_t)w >= n - len) {
			/* Too many to list: end with an ellipsis on a character boundary. */
			size_t cut = n > 4 ? n - 4 : 0;
			while (cut > 0 && ((unsigned char)out[cut] & 0xC0) == 0x80)
				cut--;
			snprintf(out + cut, n - cut, "…");
			break;
		}
		len += (size_t)w;
	}
	db_reset(st);
	return s == DB_DONE || s == DB_ROW ? 0 : -1;
}

int volunteer_list(Db *db, const Actor *by, int64_t club_id, int current_only, void (*fn)(const Volunteer *v, void *arg), void *arg)
{
	Club c;
	if (!scope_sees_people(by) || club_get(db, by, club_id, &c) != 1)
		return 0;
	Stmt *st = db_stmt(db, "volunteer_list",
			   "SELECT v.id, v.member_id, m.family_name, m.middle_name, m.given_name, v.from_date, COALESCE(v.to_date, '') "
			   "FROM volunteers v JOIN members m ON m.id = v.member_id WHERE v.club_id = $1 AND ($2 = 0 OR v.to_date IS NULL) "
			   "ORDER BY CASE WHEN v.to_date IS NULL THEN 0 ELSE 1 END, m.name_key, v.id");
	if (!st)
		return -1;
	db_bind_int(st, 1, club_id);
	db_bind_int(st, 2, current_only ? 1 : 0);
	/* Collected first: the visits are read with another statement. */
	Volunteer *list = NULL;
	size_t n = 0, alloc = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		if (n == alloc) {
			size_t a = alloc ? 2 * alloc : 16;
			Volunteer *p = realloc(list, a * sizeof *p);
			if (!p) {
				s = DB_ERROR;
				break;
			}
			list = p;
			alloc = a;
		}
		Volunteer *v = &list[n++];
		memset(v, 0, sizeof *v);
		v->id = db_col_int(st, 0);
		v->member_id = db_col_int(st, 1);
		join_name(v->member_name, sizeof v->member_name, db_col_text(st, 2), db_col_text(st, 3), db_col_text(st, 4));
		copy(v->from_date, sizeof v->from_date, db_col_text(st, 5));
		copy(v->to_date, sizeof v->to_date, db_col_text(st, 6));
	}
	db_reset(st);
	int rc = s == DB_DONE ? (int)n : -1;
	for (size_t i = 0; rc >= 0 && i < n; i++)
		if (volunteer_visits(db, list[i].id, list[i].visits, sizeof list[i].visits) != 0)
			rc = -1;
	for (size_t i = 0; rc >= 0 && i < n; i++)
		fn(&list[i], arg);
	free(list);
	return rc;
}
