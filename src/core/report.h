/* The monthly report of a club (issue 5), as data: one report per club and month, under the
 * catalogue version in force when it was begun. Values of source=members indicators are computed
 * from the member book at the month's end and never typed (they are stored at each save, and fixed
 * at submission); the others are typed and stored. Every save and the submission run the checks of
 * the catalogue (the "<=", ">=" rules and the balance rule against last month) and the
 * plausibility warnings, which a person confirms.
 *
 * Workflow: draft -> submitted -> approved; a submitted report may be returned with a comment
 * (status returned, editable again, then submitted again); an approved report is locked and may be
 * reopened (back to draft) with a reason by a level above the one that approved it.
 *   save, submit: administrators, province, commune and club users (central reads only) while the
 *                 report is a draft or returned;
 *   approve, return: the commune of the club, or the province (when the commune does not), or an
 *                 administrator, while the report is submitted;
 *   reopen:       province (when a commune approved), central or administrator, while approved.
 * Every step is audited and changes the live totals (core/total.h) in the same transaction. */
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
	REPORT_ITEMS_MAX = 200,         /* indicators of one catalogue version */
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
	char status[12];                /* draft | submitted | approved | returned */
	char created_at[21], created_by[48];
	char updated_at[21], updated_by[48];
	char submitted_at[21], submitted_by[48]; /* "" until submitted */
	char first_submitted_at[21];    /* the first submission; "on time" is judged on it */
	int on_time;                    /* 1 when first submitted by the due date */
	char approved_at[21], approved_by[48], approved_level[12]; /* "" until approved */
	char note[REPORT_MESSAGE_MAX], note_by[48], note_at[21]; /* last return comment / reopen reason */
	char due_on[11];                /* the due date of the month (setting report_due_day) */
	char source[8];                 /* form | grid | import | demo | api */
	ReportItem *items;              /* malloc'd, in catalogue order; report_free releases it */
	size_t count;
	/* Books kept in ishc by the month's end (core/fund.h): their source=ledger figures are
	 * computed like the member figures, never typed. */
	int ledger_income, ledger_activity;
	int64_t written_off;            /* principal written off in the month, from the books */
} Report;

/* One thing wrong with the values: the indicator code at fault and what is wrong, in both
 * languages (e.g. "Số thành viên dự họp (45) không được lớn hơn Tổng số thành viên (40)"). */
typedef struct ReportProblem {
	char code[INDICATOR_CODE_MAX + 1];
	int warning;                    /* 1: a plausibility warning a person may confirm */
	char vi[REPORT_MESSAGE_MAX];
	char en[REPORT_MESSAGE_MAX];
} ReportProblem;

typedef struct ReportProblems {
	size_t count;
	ReportProblem items[REPORT_PROBLEMS_MAX];
} ReportProblems;

/* Counts of errors and warnings in p. */
size_t report_errors(const ReportProblems *p);

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

/* How a save or submission is made. */
typedef struct ReportSaveOpts {
	const char *source;             /* form | grid | import | api (NULL: api) */
	int confirm_all;                /* 1: every plausibility warning is confirmed */
	const char *const *confirm;     /* or these indicator codes' warnings are confirmed */
	size_t nconfirm;
	const char *submitted_on;       /* ISO date a month of history was first submitted on paper
					 * (imports): "on time" is judged on it; NULL = now */
} ReportSaveOpts;

/* Saves typed values into the month's draft (made when none exists), keeping the values not
 * given. Each value is parsed and checked, then the check rules are run on the whole month
 * (computed values included) and the plausibility warnings; on any error, or a warning not
 * confirmed in opts, nothing is saved, -1 is returned with e set to E_REPORT_CHECK (errors) or
 * E_REPORT_WARN (warnings only) and every problem in p (the first also in e->field). Other errors:
 * those of report_get, E_FORBIDDEN (central and viewers only read), E_REPORT_LOCKED (submitted or
 * approved). opts may be NULL. Audited (confirmed warnings too). Returns 0. */
int report_save(Db *db, const Actor *by, int64_t club_id, const char *period, const ReportValue *values,
		size_t n, const ReportSaveOpts *opts, ReportProblems *p, Err *e);

/* Saves values (as report_save) and submits the month in one step: the checks again, then status
 * submitted (the report is made if there was none). Same errors as report_save. Audited. */
int report_submit(Db *db, const Actor *by, int64_t club_id, const char *period, const ReportValue *values,
		  size_t n, const ReportSaveOpts *opts, ReportProblems *p, Err *e);

/* approve: submitted -> approved (locked). return: submitted -> returned with comment (required).
 * reopen: approved -> draft with reason (required), by a level above the approver. Errors:
 * E_FORBIDDEN (role may not), E_NOT_FOUND (club not in scope or no report stored), E_REPORT_STATE
 * (not in the state the step needs: field "status"), E_REQUIRED (field "comment", or "reason"
 * for a reopen). Audited. */
int report_approve(Db *db, const Actor *by, int64_t club_id, const char *period, Err *e);
int report_return(Db *db, const Actor *by, int64_t club_id, const char *period, const char *comment, Err *e);
int report_reopen(Db *db, const Actor *by, int64_t club_id, const char *period, const char *reason, Err *e);

/* What the actor may do with the loaded report now (for pages and the API). */
typedef struct ReportCan {
	int edit, submit, approve, ret, reopen;
} ReportCan;
ReportCan report_can(const Actor *by, const Report *r);

/* The due date of period ("YYYY-MM") into due (11 bytes): day report_due_day of the next month. */
void report_due_date(Db *db, const char *period, char due[11]);
int settings_report_due_day(Db *db);
int settings_set_report_due_day(Db *db, const Actor *by, int day, Err *e);

/* The same steps inside the caller's transaction (for importers and bulk loaders): step 0 saves,
 * 1 saves and submits, 2 saves, submits and approves (the actor must be allowed to approve).
 * Returns 0, 1 when the input is refused (e and p set, nothing written), or a negative DbStatus. */
int report_save_in_tx(Db *db, const Actor *by, int64_t club_id, const char *period, const ReportValue *values,
		      size_t n, const ReportSaveOpts *opts, int step, ReportProblems *p, Err *e);

/* One club's report status for a month, for lists and the commune grid. */
typedef struct ReportStatusRow {
	int64_t club_id;
	char club_code[16];
	char club_name[200];
	char period[REPORT_PERIOD_LEN + 1];
	char status[12];                /* "" when nothing is stored */
	char first_submitted_at[21];
	int on_time;
} ReportStatusRow;

/* Calls fn for every report stored of club_id (newest month first). Scope as report_get.
 * Returns the count, or -1 with e set. */
int report_list_club(Db *db, const Actor *by, int64_t club_id,
		     void (*fn)(const ReportStatusRow *row, void *arg), void *arg, Err *e);

/* The clubs of a unit (a unit code of today or of any time, or a club code) expected to report
 * for period (active at the month's end) and any club that has a report stored for it, each with
 * its status ("" = nothing stored), in club code order, within the actor's scope. status filters:
 * NULL = all, "none" = nothing stored, or a report status. limit/offset page; *total gets the
 * count before paging. Returns rows given, or -1 with e set (E_NOT_FOUND, E_PERIOD). */
int report_list_unit(Db *db, const Actor *by, const char *unit, const char *period, const char *status,
		     int64_t limit, int64_t offset, void (*fn)(const ReportStatusRow *row, void *arg), void *arg,
		     int64_t *total, Err *e);

#endif
