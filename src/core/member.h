/* Members of a club's book, its management board and its home-care volunteers. */
#ifndef ISHC_CORE_MEMBER_H
#define ISHC_CORE_MEMBER_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

typedef struct Member {
	int64_t id;
	int64_t club_id;
	char club_code[16];
	char club_name[160];
	char family_name[64];
	char middle_name[96];
	char given_name[64];
	char full_name[224];
	char sex[2];              /* "F" or "M" */
	int birth_year;
	char birth_date[11];      /* "" when only the year is known */
	char ethnicity[48];
	char phone[32];
	char household[12];       /* poor, near_poor, other */
	int disability;
	int lives_alone;
	int health_card;
	char village[160];
	char joined_on[11];
	char left_on[11];         /* "" while a member */
	char left_reason[160];
	char consent_on[11];
	char consent_form[24];    /* written, verbal, thumbprint */
	char national_id[24];     /* "" unless the actor may see it */
	char note[400];
} Member;

/* Fields as typed; NULL = absent (create) or unchanged (update). full_name is split into parts
 * when the parts are not given. Dates dd/mm/yyyy or ISO; birth may be a year or a date. */
typedef struct MemberInput {
	const char *full_name;
	const char *family_name, *middle_name, *given_name;
	const char *sex;          /* "F"/"M", "nữ"/"nam" */
	const char *birth;        /* "1956" or "05/03/1956" */
	const char *ethnicity;
	const char *phone;
	const char *household;    /* poor, near_poor, other (or Vietnamese: nghèo, cận nghèo) */
	const char *disability, *lives_alone, *health_card;   /* "1"/"0", "x"/"" , "có"/"không" */
	const char *village;
	const char *joined_on;
	const char *left_on, *left_reason;
	const char *consent_on, *consent_form;
	const char *national_id;
	const char *note;
	int confirm_duplicate;    /* 1: create even though the same person is in the commune already */
} MemberInput;

/* Roles that may see national ID numbers: administrator, province, commune, club (the people who
 * keep the book); central and viewers do not. */
int member_sees_national_id(const Actor *a);

/* Roles that keep members' books (add, change, board, volunteers): administrator, province,
 * commune, club. Central and viewers do not. */
int member_may_write(const Actor *a);

/* Checks in and normalises every field of in into out (no database access but the club's
 * commune for duplicates). Returns 0, or -1 with e naming the field. Used by create, update and the
 * import preview. */
int member_check(const MemberInput *in, Member *out, int creating, const char *today, Err *e);

/* Creates a member of club_id (in the actor's scope; not for viewers). When the same person
 * (same name parts and birth year) is a member of a club of the same commune and
 * confirm_duplicate is 0, refuses with E_DUPLICATE_PERSON and *dup_id set to that member. Audited.
 * Returns the id, or -1. */
int64_t member_create(Db *db, const Actor *by, int64_t club_id, const MemberInput *in, int64_t *dup_id, Err *e);
int member_update(Db *db, const Actor *by, int64_t id, const MemberInput *in, Err *e);

/* For bulk loads inside the caller's own transaction (an import loads all rows or none): writes
 * a member already checked by member_check into club_id, with its audit record. No scope or
 * duplicate check here: the caller has done both. Returns the new id, or a negative store status. */
int64_t member_insert_tx(Db *db, const Actor *by, int64_t club_id, Member *m);

/* The id of a member on the book of a club of commune unit_id with the same name parts and birth
 * year (0 when none, -1 on error): the "same person" rule. The commune is read as today's commune
 * carrying unit_id's history, so the clubs of an old commune and of the new one it became count as
 * one commune. */
int64_t member_find_person(Db *db, int64_t unit_id, const Member *m);

/* 1 found in scope (viewers never), 0 not, -1 error. national_id is blanked for roles that may
 * not see it. */
int member_get(Db *db, const Actor *by, int64_t id, Member *m);

typedef struct MemberFilter {
	int64_t club_id;          /* 0 = any club in scope */
	int64_t unit_id;          /* 0 = whole scope */
	const char *q;            /* name words, accents optional */
	int include_left;         /* 0: members on the book today only */
	const char *sort;         /* "name" (default: given, middle, family in Vietnamese order), "birth", "joined";
				   * "club" (by club code, then name: the exports, read without sorting the scope;
				   * one club's list or a search by name is in name order) */
	int *more;                /* out, may be NULL: set to 1 when more matched than the total
				   * returned: lists count up to MEMBER_COUNT_CAP, name searches across a
				   * scope up to SEARCH_COUNT_CAP (core/search.h) */
} MemberFilter;

enum { MEMBER_COUNT_CAP = 10000 };

/* Members in scope (never for viewers: returns 0 rows and total 0). Returns the total, or -1. */
int64_t member_list(Db *db, const Actor *by, const MemberFilter *f, int64_t offset, int64_t limit,
		    void (*fn)(const Member *m, void *arg), void *arg);

/* ---- board and volunteers ---- */

typedef struct BoardRole {
	int64_t id;
	int64_t member_id;
	char member_name[224];
	char role[16];            /* chair, vice_chair, accountant, treasurer, secretary, board_member */
	char from_date[11];
	char to_date[11];
} BoardRole;

const char *board_role_label(const char *role, const char *lang);
int board_role_valid(const char *role);

/* Gives member a board role from a date (ISO or dd/mm/yyyy; today when blank; not in the future;
 * it may precede the joining date on the book, which is often the day the book was typed in).
 * For the single-holder roles (chair, accountant, treasurer,
 * secretary) the current holder's term ends the day before; a date on or before the current
 * holder's start is E_DATE on "from". A member already holding the role: E_INVALID on member_id.
 * 0 or -1 with e. */
int board_assign(Db *db, const Actor *by, int64_t member_id, const char *role, const char *from, Err *e);
/* Ends a board role on a date (today when blank; not before it began; once). 0 or -1 with e. */
int board_end(Db *db, const Actor *by, int64_t board_role_id, const char *to, Err *e);
int board_list(Db *db, const Actor *by, int64_t club_id, int current_only, void (*fn)(const BoardRole *b, void *arg), void *arg);

typedef struct Volunteer {
	int64_t id;
	int64_t member_id;
	char member_name[224];
	char from_date[11];
	char to_date[11];
	char visits[400];         /* the people visited, comma-separated */
} Volunteer;

/* Makes a member on the book a volunteer from a date (once at a time). Returns the id or -1. */
int64_t volunteer_add(Db *db, const Actor *by, int64_t member_id, const char *from, Err *e);
/* Ends a volunteer's service (and the visits they made). 0 or -1 with e. */
int volunteer_end(Db *db, const Actor *by, int64_t volunteer_id, const char *to, Err *e);
/* Records that a volunteer visits a person: a member of the same club (member_id), or a name for
 * someone outside the club (member_id 0). Returns the id or -1. */
int64_t volunteer_visit_add(Db *db, const Actor *by, int64_t volunteer_id, int64_t member_id,
			    const char *person_name, const char *from, Err *e);
int volunteer_list(Db *db, const Actor *by, int64_t club_id, int current_only, void (*fn)(const Volunteer *v, void *arg), void *arg);

/* The club a board role or a volunteer belongs to, when it lies in the actor's scope (and the
 * actor sees people): its id, 0 when absent or out of scope, -1 on error. */
int64_t board_role_club(Db *db, const Actor *by, int64_t board_role_id);
int64_t volunteer_club(Db *db, const Actor *by, int64_t volunteer_id);

#endif
