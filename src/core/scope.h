/* The one scope check (DESIGN.md §4), used by the request gate and by every query that lists or
 * totals anything: what an actor may see and change. */
#ifndef ISHC_CORE_SCOPE_H
#define ISHC_CORE_SCOPE_H

#include "core/auth.h"
#include "store/db.h"

/* 1 if the actor's role reaches the whole country (administrator, central). */
int scope_is_national(const Actor *a);

/* 1 if code (a unit code, read as a unit of today, or a club code) lies inside the actor's scope,
 * else 0. */
int scope_covers(Db *db, const Actor *a, const char *code);

/* 1 if the unit (of any time) rolls up into the actor's scope: under the scope's unit, or an
 * earlier unit whose history it carries. */
int scope_covers_unit(Db *db, const Actor *a, int64_t unit_id);

/* What list queries bind to stay inside the actor's scope: *unit_id is the scope's unit (0 for
 * the whole country) and *club_code the club of a club-role user ("" otherwise). Returns 0, or
 * -1 when the actor's scope names nothing that exists today (they then see nothing). The SQL
 * fragment that uses them is SCOPE_CLUB_SQL below. */
int scope_filter(Db *db, const Actor *a, int64_t *unit_id, const char **club_code);

/* A condition on a club aliased c, with the scope unit and club code bound as parameters $U and
 * $C (give the numbers): the club's commune rolls up into the unit, and it is that club. */
#define SCOPE_CLUB_SQL(U, C)                                                                     \
	"(" U " = 0 OR EXISTS (SELECT 1 FROM unit_reach sr WHERE sr.unit_id = c.unit_id AND "     \
	"sr.ancestor_id = " U ")) AND (" C " = '' OR c.code = " C ")"

/* 1 if the actor may see data about individual people (every role but viewer). */
int scope_sees_people(const Actor *a);

/* 1 if a user of role r with scope code may be created by actor `by`: r needs a scope when it
 * is not national — a province of today for the province role, a commune of today for the commune
 * role, a club code for the club role, any unit (or none) for a viewer — and that scope must lie
 * inside by's own. Sets e when not. */
int scope_may_grant(Db *db, const Actor *by, Role r, const char *scope, Err *e);

#endif
