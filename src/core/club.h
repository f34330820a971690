/* Clubs: their books' front page (name, commune, founding decision, status, programme, meeting
 * place, contact), lists within a scope, and the composition against the club model. */
#ifndef ISHC_CORE_CLUB_H
#define ISHC_CORE_CLUB_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

typedef struct Club {
	int64_t id;
	char code[16];            /* "CCCCC-NN": the commune's code when founded, a number; stable */
	char name[160];
	int64_t unit_id;          /* the commune of its time */
	char unit_code[8];
	char unit_name[128];
	char province_code[8];    /* today's province (restated) */
	char province_name[128];
	char village[160];
	char decision_no[64];
	char decision_date[11];
	char status[12];          /* planned, founded, active, inactive, dissolved */
	char status_date[11];
	char founded_on[11];
	int64_t programme_id;
	char programme_code[24];
	char meeting_place[200];
	char contact_name[128];
	char contact_phone[32];
	int64_t members;          /* members on the book today */
} Club;

/* Fields as typed (strings; NULL = absent / unchanged on update). Dates as dd/mm/yyyy or ISO. */
typedef struct ClubInput {
	const char *name;
	const char *unit_code;        /* the commune, a unit of the founding date (or today) */
	const char *village;
	const char *decision_no;
	const char *decision_date;
	const char *status;
	const char *status_date;
	const char *founded_on;
	const char *programme;        /* programme code, or "" */
	const char *meeting_place;
	const char *contact_name;
	const char *contact_phone;
} ClubInput;

const char *club_status_label(const char *status, const char *lang);
int club_status_valid(const char *status);

/* Creates a club in a commune inside the actor's scope (administrator, central, province,
 * commune roles). The code is made from the commune's code and the next free number. Checks
 * every field; on a problem nothing is written and e names the field. Audited. Returns the id or
 * -1. */
int64_t club_create(Db *db, const Actor *by, const ClubInput *in, Err *e);

/* Changes a club (not its code or commune). A status change is recorded with its date. */
int club_update(Db *db, const Actor *by, int64_t id, const ClubInput *in, Err *e);

/* Fills c when the club exists and lies in the actor's scope: 1; 0 when not (absent and out of
 * scope look the same); -1 store error. */
int club_get(Db *db, const Actor *by, int64_t id, Club *c);
int club_get_by_code(Db *db, const Actor *by, const char *code, Club *c);
/* The code of the next club founded in commune unit_code: the commune's code, a dash and the
 * next number ("15961-03"); codes are never reused, as clubs are never deleted. Inside the
 * caller's transaction. Returns DB_OK or a store status. */
DbStatus club_next_code(Db *db, const char *unit_code, char out[16]);

/* The club a person or a link names: its id ("42") or its code ("15961-01"). Same results as
 * club_get; 0 for text that is neither. */
int club_find(Db *db, const Actor *by, const char *ref, Club *c);

typedef struct ClubFilter {
	int64_t unit_id;          /* 0 = the whole scope; else clubs rolling up into this unit */
	const char *status;       /* NULL = any */
	const char *q;            /* name words, accents optional */
} ClubFilter;

/* Clubs in the actor's scope matching f, in Vietnamese name order. Returns the total, or -1. */
int64_t club_list(Db *db, const Actor *by, const ClubFilter *f, int64_t offset, int64_t limit,
		  void (*fn)(const Club *c, void *arg), void *arg);

/* ---- composition against the model ---- */

typedef struct Composition {
	int64_t clubs;
	int64_t members;
	int64_t older;            /* at or above the older-person age on the date */
	int64_t women;
	int64_t younger;
	int64_t poor;             /* poor or near-poor household */
	int64_t disabled;
	int64_t minority;         /* ethnicity other than Kinh */
	int64_t alone;
	int64_t priority;         /* in at least one priority group: poor or near-poor household,
				   * disability, ethnic minority, living alone */
	int64_t volunteers;       /* active home-care volunteers */
	int64_t board;            /* members holding a board role (a person with two roles counts once) */
	int older_age;
} Composition;

/* One line of the model check: the figure, its target, and whether it is off. */
typedef struct ModelCheck {
	const char *what_vi, *what_en;
	int64_t value;            /* a count, or a share in tenths of a percent */
	int is_share;
	int64_t low, high;        /* target range in the same unit; high < 0 = no upper bound */
	int off;
	const char *key;          /* stable name for the API: members, older_share, women_share,
				   * younger_share, priority_share, volunteers, board */
} ModelCheck;

enum { MODEL_CHECKS = 7 };

/* The composition of one club (club_id) or of every club rolling up into unit_id (0 = the whole
 * scope), on date (ISO), within the actor's scope. Viewers get the same sums. A unit's clubs are
 * those founded (by the date) and not dissolved (today: the status history is not read); one club
 * asked for by id counts whatever its status (a planned
 * club filling its book is checked against the model too). 0, or -1. */
int club_composition(Db *db, const Actor *by, int64_t club_id, int64_t unit_id, const char *date, Composition *out);

/* The model checks for a composition (per club when clubs == 1; for several clubs the counts
 * are compared per club on average and the shares directly). */
void club_model_checks(const Composition *c, ModelCheck out[MODEL_CHECKS]);

/* ---- programmes and status history ---- */

/* A programme or project that founds or supports clubs (Đề án 1336, Đề án 1648, a donor's). */
typedef struct Programme {
	int64_t id;
	char code[24];
	char name[200];
	char kind[12];            /* national, donor, local */
} Programme;

/* Calls fn for every programme, national ones first, then by code. Returns the count, or -1. */
int programme_list(Db *db, void (*fn)(const Programme *p, void *arg), void *arg);

/* Calls fn for every status the club has had, in the order they were recorded, when the club is
 * in the actor's scope. Returns the count (0 when out of scope), or -1. */
int club_status_list(Db *db, const Actor *by, int64_t club_id,
		     void (*fn)(const char *status, const char *from_date, void *arg), void *arg);

/* The older-person age setting (60 by default, 55 allowed). */
int settings_older_age(Db *db);
int settings_set_older_age(Db *db, const Actor *by, int age, Err *e);

#endif
