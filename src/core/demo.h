/* The demo country loaded by `ishc demo`: one user per role, with printed log-ins, and clubs with
 * their members, boards and home-care volunteers across all the provinces of today, shaped like
 * the real programme (DESIGN.md §1, "The club model"), and five years of their monthly reports
 * (issue 5) with the live totals rebuilt from them. */
#ifndef ISHC_CORE_DEMO_H
#define ISHC_CORE_DEMO_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

typedef struct DemoLogin {
	const char *username;
	const char *password;
	const char *role;
	const char *scope;      /* NULL for national roles */
	const char *full_name;
} DemoLogin;

/* The demo log-ins, ended by a row with a NULL username. */
extern const DemoLogin demo_logins[];

enum {
	DEMO_CLUBS_DEFAULT = 2000,   /* `make demo`: a country that loads in a few seconds */
	DEMO_CLUBS_MAX = 100000,
	DEMO_BOOKS_DEFAULT = 5,      /* percent of clubs keeping their books in ishc */
};

/* The generated data is as of this date, or of today when today is earlier: the same seed gives
 * the same clubs and people whenever it runs. */
#define DEMO_AS_OF "2026-10-31"

typedef struct DemoOptions {
	int clubs;               /* 1..DEMO_CLUBS_MAX */
	uint64_t seed;
	int books_percent;       /* clubs keeping their fund books in ishc (the home commune's always) */
} DemoOptions;

typedef struct DemoResult {
	int64_t clubs, members, board_roles, volunteers, care_visits;
	int provinces;           /* provinces of today with at least one club */
	char as_of[11];
	int64_t reports, report_values;  /* monthly reports written, and their values */
	int64_t reports_late;    /* first submitted after the due date */
	int64_t report_gaps;     /* club-months with no report (missed, silent stretches) */
	char reports_from[8], reports_to[8];  /* the months they cover, "YYYY-MM" */
	int64_t clubs_books;     /* clubs keeping their fund books in ishc */
	int64_t fund_entries, loans, loans_written_off;
} DemoResult;

/* Loads the demo into a freshly migrated database holding the reference units: the programmes
 * (a donor project among them), opt->clubs clubs with their people and their monthly reports of
 * the 60 months before DEMO_AS_OF's month (written with the clubs; then total_rebuild once, in a
 * transaction of its own), then the demo users (whose
 * scopes — province 38, commune 15961, club 15961-01 — are filled first: club 15961-01 is the first
 * club of Xã Hoằng Lộc, and the commune has several). Deterministic for a given seed. Written one
 * transaction per batch of clubs, each with one summary audit record ("demo"). res may be NULL.
 * 0, or -1 with e set (the database then holds part of the demo and should be removed). */
int demo_load(Db *db, const DemoOptions *opt, DemoResult *res, Err *e);

#endif
