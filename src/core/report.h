/* The monthly report of a club (issue 5), as data: one report per club and month, under the
 * catalogue version in force when it was begun. Values of source=members indicators are computed
 * from the member book at the month's end and never typed; the others are typed and stored. Every
 * save and the submission run the checks of the catalogue; a submitted report is locked.
 * Not yet: approval, the balance rule ("= previous ..."), plausibility warnings, totals. */
#ifndef ISHC_CORE_REPORT_H
#define ISHC_CORE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "core/indicator.h"
#include "store/db.h"

enum {
	REPORT_PERIOD_LEN = 7,          /* "YYYY-MM" */
	REPORT_PROBLEMS_MAX = 64,
	REPORT_MESSAGE_MAX = 800,       /* bytes of a problem's words: two labels and numbers */
};

typedef struct ReportItem {
	Indicator ind;                  /* as worded in the report's catalogue version */
	int has_value;                  /* 0: nothing entered (null) */
	int64_t value;
	int computed;                   /* 1 for source=members: computed, never typed */
} ReportItem;

typedef struct Report {
	int64_t id;                     /* 0 while nothing is stored for the month */
	int64_t club_id;
	char period[REPORT_PERIOD_LEN + 1];
	int64_t catalogue_version;
	char status[12];                /* draft | submitted */
	char created_at[21], created_by[48];
	char updated_at[21], updated_by[48];
	char submitted_at[21], submitted_by[48]; /* "" until submitted */
	ReportItem *items;              /* malloc'd, in catalogue order; report_free releases it */
	size_t count;
} Report;

/* One thing wrong with the values: the indicator code at fault and what is wrong, in both
 * languages (e.g. "Số thành viên dự họp (45) không được lớn hơn Tổng số thành viên (40)"). */
typedef struct ReportProblem {
	char code[INDICATOR_CODE_MAX + 1];
	char vi[REPORT_MESSAGE_MAX];
	char en[REPORT_MESSAGE_MAX];
} ReportProblem;

typedef struct ReportProblems {
	size_t count;
	ReportProblem items[REPORT_PROBLEMS_MAX];
} ReportProblems;

/* One typed value: text as the person wrote it (vi_parse_int / vi_parse_money rules by kind);
 * text NULL clears the value. */
typedef struct ReportValue {
	const char *code;
	const char *text;
} ReportValue;

/* The report of club for period ("YYYY-MM"), stored or not (nothing is created): every indicator
 * of its catalogue version (the current one when nothing is stored), computed values filled in.
 * Roles: everyone but viewers, for a club in their scope. Returns 0 (call report_free), or -1 with
 * e set: E_FORBIDDEN (viewer), E_NOT_FOUND (no such club in scope), E_PERIOD (field "period":
 * not a real month, in the future or before the club was founded), store errors. */
int report_get(Db *db, const Actor *by, int64_t club_id, const char *period, Report *out, Err *e);
void report_free(Report *r);

/* Saves typed values into the month's draft (made when none exists), keeping the values not
 * given. Each value is parsed and checked, then the check rules are run on the whole month
 * (computed values included); on any problem nothing is saved, -1 is returned with e set to
 * E_REPORT_CHECK and every problem in p (the first also in e->field). Other errors: those of
 * report_get, E_FORBIDDEN (central and viewers only read), E_REPORT_LOCKED (submitted).
 * Audited. Returns 0. */
int report_save(Db *db, const Actor *by, int64_t club_id, const char *period, const ReportValue *values,
		size_t n, ReportProblems *p, Err *e);

/* Submits the month: the checks again, then status submitted (the report is made if there was
 * none). Same errors as report_save. Audited. Returns 0. */
int report_submit(Db *db, const Actor *by, int64_t club_id, const char *period, ReportProblems *p, Err *e);

#endif
