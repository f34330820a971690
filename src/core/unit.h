/* Administrative units through time (DESIGN.md §1): units in force on a date, subtrees, the unit
 * an old unit's data belongs to today ("restated"), the old units whose history a unit of today
 * carries; importing official lists and old→new mappings. */
#ifndef ISHC_CORE_UNIT_H
#define ISHC_CORE_UNIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "core/problems.h"
#include "store/db.h"

typedef enum UnitLevel { UNIT_PROVINCE = 1, UNIT_DISTRICT, UNIT_COMMUNE } UnitLevel;

typedef struct Unit {
	int64_t id;
	char code[8];
	UnitLevel level;
	char kind[16];          /* tinh, thanh_pho, quan, huyen, thi_xa, xa, phuong, thi_tran, dac_khu */
	char name[128];
	int64_t parent_id;      /* 0 for a province */
	char parent_code[8];
	char valid_from[11];
	char valid_to[11];      /* "" while in force */
} Unit;

const char *unit_level_name(UnitLevel l);          /* "province", "district", "commune" */
UnitLevel unit_level_parse(const char *s);         /* 0 when unknown */
/* The label of a level or a kind for screens ("Tỉnh/thành phố", "Xã"...). */
const char *unit_level_label(UnitLevel l, const char *lang);
const char *unit_kind_label(const char *kind, const char *lang);

/* Today's date (UTC; ISHC_NOW pins it for tests) as YYYY-MM-DD. */
void unit_today(char out[11]);

/* The unit with code in force on date (YYYY-MM-DD). 1 found, 0 not, -1 store error. */
int unit_find(Db *db, const char *code, const char *on, Unit *u);
int unit_get(Db *db, int64_t id, Unit *u);

typedef struct UnitFilter {
	const char *on;          /* required */
	UnitLevel level;         /* 0 = any */
	int64_t parent_id;       /* 0 = any; children of this unit (and of the units it continues) */
	const char *q;           /* words of the name, folded (no accents needed); NULL = any */
} UnitFilter;

/* Calls fn for units matching f, in Vietnamese name order, with paging. Returns the total number
 * matching, or -1. */
int64_t unit_list(Db *db, const UnitFilter *f, int64_t offset, int64_t limit,
		  void (*fn)(const Unit *u, void *arg), void *arg);

/* Calls fn for every unit under root on date `on` (not root itself), depth first by name.
 * Returns the count, or -1. */
int64_t unit_subtree(Db *db, int64_t root, const char *on, void (*fn)(const Unit *u, void *arg), void *arg);

/* The units u came from (predecessors, one step) and became (its successor, at most one). */
int unit_predecessors(Db *db, int64_t id, void (*fn)(const Unit *u, const char *how, void *arg), void *arg);
int unit_successor(Db *db, int64_t id, Unit *out, char how[16]);

/* The unit that u's data belongs to on date `on` (usually today): u itself when in force then,
 * else its successor's, followed as far as needed. 1 found, 0 when the chain stops at a unit
 * without a known successor (an absorbed commune nobody mapped), -1 on error. */
int unit_restated(Db *db, int64_t id, const char *on, Unit *out);

/* Calls fn for every earlier unit whose history u carries (predecessors, transitively). */
int unit_history(Db *db, int64_t id, void (*fn)(const Unit *u, void *arg), void *arg);

/* 1 if unit `inner` rolls up into unit `outer` (inner is outer, lies under it, or is a
 * predecessor of something under it), else 0. */
int unit_within(Db *db, int64_t inner, int64_t outer);

/* ---- loading ---- */

/* One row of an official list: a commune with its province (and district, in a three-level
 * list). Strings as read; checked by the importer. */
typedef struct UnitListRow {
	size_t row;
	const char *province_code;
	const char *district_code;   /* NULL in a two-level list */
	const char *district_name;
	const char *commune_code;
	const char *commune_name;
} UnitListRow;

typedef struct UnitImportResult {
	int64_t created, continued, ended, linked;
} UnitImportResult;

/* Loads an official list of communes in force from valid_from (and until valid_to, or NULL while
 * in force). Communes (and districts) in force the day before and not in the list end that day;
 * a commune whose code is in the list again is linked to its new row; one unchanged (same name,
 * same parent) simply continues. Checks every row first: missing or malformed codes, unknown
 * provinces, a commune listed twice, a district with two names, validity overlapping a later
 * list. On any problem, p lists them and nothing changes (returns -1, e = E_INVALID). Audited. */
int unit_import_list(Db *db, const Actor *by, const UnitListRow *rows, size_t n, const char *valid_from,
		     const char *valid_to, const char *source, UnitImportResult *res, Problems *p, Err *e);

typedef struct UnitMapRow {
	size_t row;
	const char *old_code;
	const char *new_code;
} UnitMapRow;

/* Links ended units to the units that carry their history: old_code is the latest ended unit with
 * that code, new_code the unit with that code in force the day after. Checks first: unknown codes,
 * a unit mapped twice (in the file or already), a mapping to a different level, a new unit not in
 * force right after the old one ended, a cycle. All or nothing, audited. */
int unit_import_map(Db *db, const Actor *by, const UnitMapRow *rows, size_t n, int64_t *linked, Problems *p,
		    Err *e);

/* Loads the reference lists compiled into the binary (the CSV files of data/) into an empty units table.
 * Returns 0, or -1 with e (and p) set. Does nothing when units exist already. */
int unit_load_builtin(Db *db, const Actor *by, Problems *p, Err *e);

/* Counts units in force on date at level (for tests and checks). */
int64_t unit_count(Db *db, UnitLevel level, const char *on);

#endif
