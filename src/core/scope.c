/* The scope check (see scope.h). A scope is a unit of today (a province or a commune) or a club
 * code ("CCCCC-NN": the commune's code, a dash, the club's number). It covers the unit, what lies
 * under it, and the history of both: the earlier units they carry (core/unit.c keeps that in
 * unit_reach). */
#include "core/scope.h"

#include <stdio.h>
#include <string.h>

#include "core/unit.h"

int scope_is_national(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_CENTRAL;
}

int scope_sees_people(const Actor *a)
{
	return a->role != ROLE_VIEWER && a->role != ROLE_NONE;
}

/* Splits a club code into its commune code; 1 if s looks like one. */
static int club_code_commune(const char *s, char commune[8])
{
	const char *dash = strchr(s, '-');
	if (!dash || dash - s != 5 || !dash[1] || strlen(dash + 1) > 4)
		return 0;
	for (const char *c = s; *c; c++)
		if (c != dash && (*c < '0' || *c > '9'))
			return 0;
	memcpy(commune, s, 5);
	commune[5] = '\0';
	return 1;
}

/* The unit of today that a scope code names (a club's commune for a club code). */
static int scope_unit(Db *db, const char *scope, Unit *u)
{
	char today[11], commune[8];
	unit_today(today);
	if (club_code_commune(scope, commune))
		return unit_find(db, commune, today, u);
	return unit_find(db, scope, today, u);
}

int scope_covers_unit(Db *db, const Actor *a, int64_t unit_id)
{
	if (a->role == ROLE_NONE || unit_id <= 0)
		return 0;
	if (scope_is_national(a) || (a->role == ROLE_VIEWER && !a->scope[0]))
		return 1;
	/* A club's people see their own club only; no unit lies inside a club. */
	char commune[8];
	if (!a->scope[0] || club_code_commune(a->scope, commune))
		return 0;
	Unit s;
	if (scope_unit(db, a->scope, &s) != 1)
		return 0;
	return unit_within(db, unit_id, s.id);
}

int scope_covers(Db *db, const Actor *a, const char *code)
{
	if (a->role == ROLE_NONE || !code || !*code)
		return 0;
	if (scope_is_national(a))
		return 1;
	if (!a->scope[0])
		return 0;
	if (strcmp(a->scope, code) == 0)
		return 1;
	char commune[8];
	if (club_code_commune(a->scope, commune))
		return 0;
	/* A club code lies where its commune lies; a unit code is read as a unit of today. */
	Unit target;
	char today[11];
	unit_today(today);
	if (club_code_commune(code, commune)) {
		if (unit_find(db, commune, today, &target) != 1)
			return 0;
	} else if (unit_find(db, code, today, &target) != 1) {
		return 0;
	}
	return scope_covers_unit(db, a, target.id);
}

int scope_may_grant(Db *db, const Actor *by, Role r, const char *scope, Err *e)
{
	int national = r == ROLE_ADMIN || r == ROLE_CENTRAL;
	if (national) {
		if (scope && *scope)
			return err_set(e, E_SCOPE_INVALID, "scope"), 0;
		return scope_is_national(by) ? 1 : (err_set(e, E_FORBIDDEN, "role"), 0);
	}
	if (!scope || !*scope) {
		/* A viewer without a scope sees the whole country's aggregates. */
		if (r == ROLE_VIEWER && scope_is_national(by))
			return 1;
		return err_set(e, E_SCOPE_REQUIRED, "scope"), 0;
	}
	/* The scope must name a unit of today of the role's level (a club for the club role). */
	char commune[8];
	int is_club = club_code_commune(scope, commune);
	Unit u;
	int have = strlen(scope) < 8 || is_club ? scope_unit(db, scope, &u) : 0;
	int fits = have == 1 && ((r == ROLE_PROVINCE && !is_club && u.level == UNIT_PROVINCE) ||
				 (r == ROLE_COMMUNE && !is_club && u.level == UNIT_COMMUNE) ||
				 (r == ROLE_CLUB && is_club && u.level == UNIT_COMMUNE) ||
				 (r == ROLE_VIEWER && !is_club));
	if (!fits || !scope_covers(db, by, scope))
		return err_set(e, E_SCOPE_INVALID, "scope"), 0;
	return 1;
}

int scope_filter(Db *db, const Actor *a, int64_t *unit_id, const char **club_code)
{
	*unit_id = 0;
	*club_code = "";
	if (scope_is_national(a))
		return 0;
	if (a->role == ROLE_NONE || !a->scope[0])
		return a->role == ROLE_VIEWER ? 0 : -1;
	char commune[8];
	if (club_code_commune(a->scope, commune)) {
		*club_code = a->scope;
		return 0;
	}
	Unit u;
	if (scope_unit(db, a->scope, &u) != 1)
		return -1;
	*unit_id = u.id;
	return 0;
}
