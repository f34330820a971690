/* The indicator catalogue of the monthly report (issue 5) as versioned data: every change an
 * administrator makes (add, reword, retire) makes a new catalogue version, and the catalogue of
 * any version can be read back, so a report keeps the indicators and wording it was entered under.
 * Version 1 is data/indicators.csv, compiled into the binary. */
#ifndef ISHC_CORE_INDICATOR_H
#define ISHC_CORE_INDICATOR_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

enum {
	INDICATOR_CODE_MAX = 24,
	INDICATOR_LABEL_MAX = 300,      /* bytes of a label */
	INDICATOR_DEFINITION_MAX = 1000,/* bytes of a definition */
	INDICATOR_CHECK_MAX = 200,      /* bytes of a check rule */
	INDICATOR_NOTE_MAX = 300,       /* bytes of a version's note */
};

typedef struct Indicator {
	int64_t id;                     /* the row of this wording */
	char code[INDICATOR_CODE_MAX + 1];
	char area[16];                  /* one of indicator_areas */
	char kind[8];                   /* count | money | yesno */
	char source[8];                 /* entered | members | ledger */
	char over_time[8];              /* sum | last */
	char label_vi[INDICATOR_LABEL_MAX + 1];
	char label_en[INDICATOR_LABEL_MAX + 1];
	char definition_en[INDICATOR_DEFINITION_MAX + 1];
	char definition_vi[INDICATOR_DEFINITION_MAX + 1]; /* may be "" */
	char check[INDICATOR_CHECK_MAX + 1];              /* "" = no rule */
	int64_t position;
	int64_t from_version;
	int64_t until_version;          /* 0 while in force in the current version */
} Indicator;

typedef struct IndicatorVersion {
	int64_t number;
	char made_at[21];
	char made_by[48];
	char change[8];                 /* load | add | reword | retire */
	char code[INDICATOR_CODE_MAX + 1]; /* "" for a load */
	char note[INDICATOR_NOTE_MAX + 1];
} IndicatorVersion;

/* What an administrator types; NULL fields are absent. */
typedef struct IndicatorInput {
	const char *code, *area, *kind, *source, *over_time;
	const char *label_vi, *label_en, *definition_en, *definition_vi, *check;
	const char *note;               /* why, for the version row; optional */
} IndicatorInput;

/* The activity areas an indicator belongs to, in the order the catalogue shows them: the member
 * figures, the club's meetings, then the eight activity areas of the club model. */
typedef struct IndicatorArea {
	const char *code, *vi, *en;
} IndicatorArea;
extern const IndicatorArea indicator_areas[];
extern const size_t indicator_area_count;
/* The words of an area in lang ("vi" or "en"); area itself when unknown. */
const char *indicator_area_label(const char *area, const char *lang);

/* The current catalogue version: its number, 0 when nothing is loaded, -1 on a store error. */
int64_t indicator_version_current(Db *db);
/* Version number n in v: 1 found, 0 not, -1 store error. */
int indicator_version_get(Db *db, int64_t n, IndicatorVersion *v);
/* Calls fn for every version, newest first. Returns their count or -1. */
int64_t indicator_versions(Db *db, void (*fn)(const IndicatorVersion *v, void *arg), void *arg);

/* Calls fn for every indicator in force in version (0 = the current one), in catalogue order.
 * Returns their count or -1 (a version that does not exist has none). */
int64_t indicator_list(Db *db, int64_t version, void (*fn)(const Indicator *in, void *arg), void *arg);

/* The indicator with code as it read in version (0 = its latest wording, retired or not): 1 found,
 * 0 not (or not in force in that version), -1 store error. */
int indicator_get(Db *db, const char *code, int64_t version, Indicator *out);

/* Calls fn for every wording the indicator with code has had, oldest first. Returns their count. */
int64_t indicator_history(Db *db, const char *code, void (*fn)(const Indicator *in, void *arg), void *arg);

/* Checks a check rule: "" (none), "<= CODE", ">= CODE", or "= previous CODE + CODE - CODE - words"
 * (a term is a CODE, "previous CODE" = last month's value, or lower-case words naming an amount
 * the report does not hold, e.g. "written off"). Every CODE must be in force in the current
 * catalogue or be self (the indicator being added; NULL when none). Returns 0, or -1 with e set
 * on the field "check" (see indicator_err_text). */
int indicator_check_rule(Db *db, const char *rule, const char *self, Err *e);

/* The changes an administrator makes. Each checks everything first (nothing is written on a
 * mistake: e names the field; for E_INVALID its detail is a key that indicator_err_text turns into
 * words), then writes a new
 * catalogue version, the indicator rows and an audit record in one transaction. Only
 * administrators may; others get E_FORBIDDEN. Each returns the new version number, or -1. */
int64_t indicator_add(Db *db, const Actor *by, const IndicatorInput *in, Err *e);
/* Changes the wording: label_vi, label_en, definition_en, definition_vi (NULL = keep). A reword
 * that changes nothing is refused (E_INVALID on label_vi). */
int64_t indicator_reword(Db *db, const Actor *by, const char *code, const IndicatorInput *in, Err *e);
/* Takes the indicator out of the catalogue from the new version on. Refused while another
 * indicator in force names it in its check rule. */
int64_t indicator_retire(Db *db, const Actor *by, const char *code, const char *note, Err *e);

/* The words, in lang, for an E_INVALID error of the calls above (its detail is a short key such
 * as "code_taken" or "check_unknown:MEM_X"), written into buf (n bytes, 400 is enough). NULL when
 * the catalogue's message (err_message) says it already. */
const char *indicator_err_text(const Err *e, const char *lang, char *buf, size_t n);

/* Loads data/indicators.csv (compiled in) as catalogue version 1 when the catalogue is empty;
 * does nothing when it is not. 0, or -1 with e set (a broken built-in list is our bug). */
int indicator_load_builtin(Db *db, const Actor *by, Err *e);

#endif
