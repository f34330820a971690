/* Running a programme (issue 8): programmes as data (Đề án 1336, Đề án 1648) with their decision and
 * period; their targets, national and per province, per year or for the whole period, revised with
 * a date and a reason (every version kept); progress against the target in force, the actual figures
 * always computed from the data (clubs, member book, report totals); each province's plan for a
 * programme; the resources mobilised by unit and year; donor projects (programmes of kind 'donor')
 * with the units and clubs they cover.
 *
 * A programme's geography is the provinces in force on its start date: Đề án 1336 (from 2021) has
 * the 63 provinces, Đề án 1648 (from 2026) the 34. Province plans and province targets name those
 * units; a province user reaches the ones whose history their province carries (scope_covers_unit).
 *
 * Who: every role reads programmes, targets and progress (no person's data); central and
 * administrator set targets and edit programmes and donor projects; a province user edits the plan
 * of their own province, central and administrator every plan; plans are read by administrator,
 * central, province (their own) and viewers. Resources are kept by administrator, central, province
 * and commune within their scope and read by viewers too. Every change is audited in its
 * transaction. Errors come through Err with the field at fault. */
#ifndef ISHC_CORE_PROGRAMME_H
#define ISHC_CORE_PROGRAMME_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

/* ---- programmes ---- */

typedef struct ProgrammeInfo {
	int64_t id;
	char code[24];
	char name[200];
	char kind[12];            /* national, donor, local */
	char decision[64];        /* "1336/QĐ-TTg" */
	char decision_date[11];   /* "" when not known yet */
	char start_date[11];
	char end_date[11];
	char donor[160];
	int start_year, end_year; /* 0 when the date is missing */
} ProgrammeInfo;

/* Fills p for programme id (1) or its code (programme_get_code); 0 not found; -1 store error. */
int programme_get(Db *db, int64_t id, ProgrammeInfo *p);
int programme_get_code(Db *db, const char *code, ProgrammeInfo *p);

/* Calls fn for every programme of kind (NULL = national and local ones; "donor" = donor projects),
 * by start date then code. Returns the count, or -1. */
int programme_list_kind(Db *db, const char *kind, void (*fn)(const ProgrammeInfo *p, void *arg), void *arg);

/* The fields a person types (NULL = unchanged). Dates as dd/mm/yyyy or ISO. */
typedef struct ProgrammeInput {
	const char *name;
	const char *decision;
	const char *decision_date;
	const char *start_date;
	const char *end_date;
} ProgrammeInput;

/* Changes a programme's name, decision and period (administrator, central). Audited. 0 or -1 with e
 * (E_FORBIDDEN, E_NOT_FOUND, E_REQUIRED / E_DATE / E_INVALID naming the field). */
int programme_update(Db *db, const Actor *by, int64_t id, const ProgrammeInput *in, Err *e);

/* The national programme whose period holds date (ISO), else the latest one: 1 found, 0 none, -1. */
int programme_current(Db *db, const char *date, ProgrammeInfo *p);

/* The number of provinces of a programme's geography (in force on its start date). */
int64_t programme_province_count(Db *db, const ProgrammeInfo *p);

/* ---- targets ---- */

typedef enum Measure {
	M_NEW_CLUBS,
	M_MEMBERS,
	M_OLDER_MEMBERS,
	M_PROVINCE_SHARE,
	M_WELL_MANAGED_SHARE,
	M_BORROWING_SHARE,
	M_BOTH_FUNDS_SHARE,
	M_COUNT
} Measure;

typedef struct MeasureInfo {
	const char *code;         /* "new_clubs" ... as stored and in the API */
	const char *vi, *en;      /* label */
	int is_share;             /* values in per mille */
	int national_only;        /* has no meaning for one province (share of provinces with clubs) */
} MeasureInfo;
extern const MeasureInfo programme_measures[M_COUNT];
/* The measure of a code, or -1. */
int measure_parse(const char *code);

typedef struct Target {
	int64_t id;
	int64_t programme_id;
	int64_t unit_id;          /* 0 = the country */
	char unit_code[8];
	char unit_name[128];
	int year;                 /* 0 = the whole period */
	int measure;
	int64_t value;            /* a count, or per mille for shares */
	char decided_on[11];
	char reason[400];
	int64_t superseded_by;    /* 0 while in force */
	char created_at[21];
	char created_by[48];
} Target;

typedef struct TargetInput {
	const char *unit;         /* a province code of the programme's geography, or ""/NULL: national */
	const char *year;         /* a year within the period, or ""/NULL: the whole period */
	const char *measure;      /* a measure code */
	const char *value;        /* a count ("3.000"), or a share in percent ("95", "70,5", "95%") */
	const char *decided_on;   /* the date of the decision or revision */
	const char *reason;       /* required when a target is in force already (a revision) */
} TargetInput;

/* Sets a target, or revises the one in force for the same programme, unit, year and measure: the
 * new version is in force from then on, the old one kept as its history. Administrator and central
 * only. Audited ("create" or "revise", entity "target"). Returns the new target's id, or -1 with e:
 * E_FORBIDDEN, E_NOT_FOUND (programme), E_NOT_PROVINCE ("unit"), E_PROGRAMME_YEAR ("year"),
 * E_INVALID ("measure", "value"; "unit" for a measure that is national only), E_DATE ("decided_on"),
 * E_REASON_REQUIRED ("reason"), E_TOO_LONG. */
int64_t target_set(Db *db, const Actor *by, int64_t programme_id, const TargetInput *in, Err *e);

/* Calls fn for the targets of a programme: unit_id < 0 every unit, else that unit (0 = national);
 * history 0: only those in force, 1: every version (in force first, then older, newest first per key).
 * Ordered by unit (national first), measure, year. Returns the count, or -1. */
int target_list(Db *db, int64_t programme_id, int64_t unit_id, int history,
		void (*fn)(const Target *t, void *arg), void *arg);

/* The target in force for a key: 1 found, 0 none, -1 store error. */
int target_in_force(Db *db, int64_t programme_id, int64_t unit_id, int year, int measure, Target *t);

/* ---- progress: the target in force against the actual figure ---- */

typedef enum ActualState {
	ACTUAL_OK = 0,            /* value holds the figure */
	ACTUAL_NOT_ASSESSED,      /* well managed: no club of the unit assessed for the year yet */
	ACTUAL_NO_DATA,           /* both funds: no data source exists yet */
} ActualState;

typedef struct Progress {
	int measure;
	int has_target;
	Target target;            /* the target in force */
	ActualState state;
	int64_t actual;           /* a count, or per mille for shares */
	int64_t num, den;         /* shares: the count and what it is out of */
	int64_t permille_of_target; /* actual / target in per mille (0 when no target or no data) */
} Progress;

/* Progress of a programme for a unit (0 = the country, else a province of its geography) and a year
 * (0 = the whole period so far). The figures cover [from, to]: the year (or the period), ended at
 * today when today is earlier:
 *   new clubs      clubs founded in [from, to] whose commune rolls up into the unit;
 *   members        members on the books at `to` of the clubs founded since the period began (the
 *                  programme's new clubs), and older members among them (the older-age setting);
 *   province share provinces of the geography with a club founded (not dissolved) by `to`, national;
 *   borrowing      INC_BORROWERS / MEM_TOTAL of the submitted reports of `to`'s month (total_query);
 *   well managed   programme_well_managed (the assessment's hook, below);
 *   both funds     clubs whose submitted report of that month shows both funds held, of the clubs
 *                  reporting (fund_both_reported).
 * Counted again only when the data changed since the last count (core/memo.h).
 * The target is the one in force for (unit, year, measure). A province user asking for a province
 * outside their scope gets E_NOT_FOUND. 0, or -1 with e. */
int programme_progress(Db *db, const Actor *by, int64_t programme_id, int64_t unit_id, int year,
		       Progress out[M_COUNT], Err *e);

/* The hook the annual quality assessment fills (issue 8, "Supervision and support"): of the clubs
 * rolling up into unit_id (0 = the country), how many were assessed for year and how many were
 * found "fully active and well managed". Reads the table club_assessments(club_id, year,
 * well_managed) when it exists. Returns 1 with both counts set, 0 when no club was assessed (or
 * the table does not exist yet: "chưa đánh giá"), -1 on a store error. */
int programme_well_managed(Db *db, int64_t unit_id, int year, int64_t *assessed, int64_t *well);

/* ---- province plans ---- */

typedef struct ProvincePlan {
	int exists;               /* 0: nothing recorded yet (the fields are empty) */
	int64_t id;
	int64_t programme_id;
	int64_t unit_id;
	char unit_code[8];
	char unit_name[128];
	int issued;
	char doc_no[64];          /* "KH 23/KH-UBND" */
	char issued_on[11];
	int has_clubs_registered;
	int64_t clubs_registered; /* new clubs the plan registers for the period */
	int has_budget;
	int64_t budget_vnd;       /* five-year budget approved, đồng */
	char budget_decision[64];
	char budget_date[11];
	int finance_mechanism;    /* financial mechanism approved */
	int mobilisation_policy;  /* resource mobilisation policy approved */
	char obstacles[1000];     /* what is holding it back */
	char updated_at[21];
	/* filled by plan_list: the province's new-clubs target in force (whole period) and the clubs
	 * founded so far in the period */
	int has_target;
	int64_t target_new_clubs;
	int64_t clubs_founded;
} ProvincePlan;

/* As typed; NULL = unchanged (a new plan starts empty). Flags "1"/"0" (or "on", "x", "có"...). */
typedef struct PlanInput {
	const char *issued;
	const char *doc_no;
	const char *issued_on;
	const char *clubs_registered;
	const char *budget_vnd;
	const char *budget_decision;
	const char *budget_date;
	const char *finance_mechanism;
	const char *mobilisation_policy;
	const char *obstacles;
} PlanInput;

/* The province of code in the programme's geography, in the actor's scope, into *unit_id (and its
 * name). 1, 0 when not such a province or outside the scope (the same answer), -1 store error. */
int plan_province(Db *db, const Actor *by, const ProgrammeInfo *p, const char *code, int64_t *unit_id,
		  char name[128]);

/* The plan of a province for a programme (an empty one, exists 0, when none is recorded): 1, 0 when
 * the programme or province is unknown or outside the actor's scope, -1 store error. */
int plan_get(Db *db, const Actor *by, int64_t programme_id, const char *unit_code, ProvincePlan *out);

/* Checks in and merges it into cur (the stored plan, or an empty one). 0, or -1 with e naming the
 * field: E_INVALID (a flag, a number), E_DATE, E_TOO_LONG, E_REQUIRED ("doc_no" when issued and an
 * issue date given without a number is fine; "issued" when a number or date is given but the plan is
 * marked not issued is E_INVALID). Pure: no database. */
int plan_check(const PlanInput *in, ProvincePlan *cur, Err *e);

/* Saves a province's plan (province users their own province; central and administrator any).
 * Audited ("create" / "update", entity "plan"). 0, or -1 with e: E_FORBIDDEN, E_NOT_FOUND,
 * the errors of plan_check, store errors. */
int plan_save(Db *db, const Actor *by, int64_t programme_id, const char *unit_code, const PlanInput *in, Err *e);
/* The same inside the caller's transaction, for a plan already checked (the import). DbStatus. */
int plan_write_tx(Db *db, const Actor *by, const ProvincePlan *plan);

typedef struct PlanSummary {
	int64_t provinces;        /* provinces of the geography in the actor's scope */
	int64_t issued;           /* plans issued by the end of the year asked (or ever) */
	int64_t recorded;         /* provinces with a plan record */
	int64_t budget_provinces; /* five-year budget approved by then */
	int64_t budget_total;     /* their sum, đồng */
	int64_t mechanism, policy;
	int64_t clubs_registered; /* new clubs the plans register */
	int64_t target_new_clubs; /* the national whole-period target in force (0 when none) */
	int has_target;
} PlanSummary;

/* Calls fn for every province of the programme's geography in the actor's scope, in Vietnamese name
 * order, with its plan (exists 0 when none), and fills sum. year 0: as recorded; else a plan counts as
 * issued (and a budget as approved) when its date is on or before 31/12 of year, or has no date.
 * Returns the number of provinces, or -1. */
int64_t plan_list(Db *db, const Actor *by, int64_t programme_id, int year,
		  void (*fn)(const ProvincePlan *p, void *arg), void *arg, PlanSummary *sum);

/* Who may read plans, and edit them. */
int plan_may_read(const Actor *by);
int plan_may_edit(const Actor *by);

/* ---- resources ---- */

enum { RESOURCE_SOURCES = 7 };
typedef struct ResourceSource {
	const char *code, *vi, *en;
} ResourceSource;
extern const ResourceSource resource_sources[RESOURCE_SOURCES];
int resource_source_parse(const char *code);   /* index, or -1 */

typedef struct Resource {
	int64_t id;
	int64_t unit_id;          /* 0 = the central level */
	char unit_code[8];
	char unit_name[128];
	int year;
	char source[16];
	char form[8];             /* cash, in_kind */
	int64_t value_vnd;
	int64_t project_id;       /* a donor project (or a programme), 0 = none */
	char project_code[24];
	char project_name[200];
	char description[400];
	char received_on[11];
	char updated_at[21];
} Resource;

typedef struct ResourceInput {
	const char *unit;         /* a unit code (in force on the date received, or on 1 January of the
				   * year); "" = the central level (national roles only) */
	const char *year;
	const char *source;
	const char *form;
	const char *value;        /* đồng */
	const char *project;      /* a programme or donor project code, or "" */
	const char *description;
	const char *received_on;
} ResourceInput;

int resource_may_read(const Actor *by);
int resource_may_edit(const Actor *by);

/* Records money or goods mobilised; checks every field (E_REQUIRED, E_INVALID, E_DATE,
 * E_OUT_OF_SCOPE for a unit outside the scope, E_NOT_FOUND "unit"/"project"). Audited. The id, or -1. */
int64_t resource_create(Db *db, const Actor *by, const ResourceInput *in, Err *e);
/* Changes the fields given. 0 or -1 with e (E_NOT_FOUND when absent or outside the scope). */
int resource_update(Db *db, const Actor *by, int64_t id, const ResourceInput *in, Err *e);
/* 1 found in the actor's scope, 0 not, -1 store error. */
int resource_get(Db *db, const Actor *by, int64_t id, Resource *out);

typedef struct ResourceFilter {
	int year;                 /* 0 = any */
	int64_t unit_id;          /* 0 = the whole scope; else resources of units rolling up into it */
	const char *source;       /* NULL = any */
	int64_t project_id;       /* 0 = any */
} ResourceFilter;

typedef struct ResourceSum {
	int64_t rows;
	int64_t total;
	int64_t cash, in_kind;
	int64_t by_source[RESOURCE_SOURCES];
} ResourceSum;

/* Resources in the actor's scope matching f, newest year first, with paging; sum (may be NULL)
 * over every matching row. Returns the total count, or -1. */
int64_t resource_list(Db *db, const Actor *by, const ResourceFilter *f, int64_t offset, int64_t limit,
		      void (*fn)(const Resource *x, void *arg), void *arg, ResourceSum *sum);

/* ---- donor projects ---- */

typedef struct DonorInput {
	const char *code;         /* made from the donor when empty on creation */
	const char *name;
	const char *donor;
	const char *start_date;
	const char *end_date;
	const char *units;        /* province and commune codes, separated by spaces, commas or lines */
	const char *clubs;        /* club codes, the same way */
} DonorInput;

/* Creates (administrator, central) a donor project; audited. The id, or -1 with e (E_REQUIRED,
 * E_INVALID "code" taken or malformed, E_DATE, E_NOT_FOUND "units"/"clubs" with the code at fault in
 * the detail). */
int64_t donor_project_create(Db *db, const Actor *by, const DonorInput *in, Err *e);
int donor_project_update(Db *db, const Actor *by, int64_t id, const DonorInput *in, Err *e);

typedef struct DonorStats {
	int64_t provinces, communes;  /* units covered */
	int64_t clubs;                /* clubs supported: linked, or founded under it */
	int64_t resources_vnd;        /* resources recorded with it as their project */
} DonorStats;
/* 1 and p, st filled for a donor project; 0 not found (or not a donor project); -1. */
int donor_project_get(Db *db, int64_t id, ProgrammeInfo *p, DonorStats *st);
/* The units covered (level 1 province, 3 commune) and the clubs supported, by name. Counts or -1. */
int donor_project_units(Db *db, int64_t id, void (*fn)(const char *code, const char *name, int level, void *arg),
			void *arg);
int donor_project_clubs(Db *db, int64_t id, void (*fn)(int64_t club_id, const char *code, const char *name, void *arg),
			void *arg);

/* ---- demo ---- */

/* Loads realistic plans, province targets, resources and donor-project coverage for the demo
 * country (core/programme_demo.c): about 57 of the 63 provinces issued a plan for Đề án 1336 in
 * 2021 (17 of them with a five-year budget, 50,891 billion đồng in all), plans for Đề án 1648
 * under way, resources 2021-2026. Deterministic. 0, or -1 with e. */
int programme_demo_load(Db *db, Err *e);

#endif
