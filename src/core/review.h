/* The annual review of a programme (issue 9): what the central steering board (or a province, for
 * its own unit) reports for a year, counted from the data the other cores keep — the seed
 * article's "57/63 tỉnh", "4.000 CLB, vượt 33% chỉ tiêu", "18 tỉnh/thành phố mở 68 lớp tập huấn cho
 * 4.112 thành viên", "17 tỉnh/thành … 50,891 tỉ đồng". This core only counts (ReviewData); the
 * sentences, the footnotes saying how each figure was counted, the HTML page and the .docx are
 * written by out/review_text.c, out/docx.c and web/reviews.c.
 *
 * The unit is the country (unit code "" or NULL) or a province of today. Who: administrators,
 * central users and viewers with the country's scope read the country's review and any province's
 * (viewers see no person's data: the review names none); a province user reads its own province's
 * review only; communes and clubs get E_FORBIDDEN. The figures of a province are counted as a
 * province user of it would see them (the old provinces it carries included).
 *
 * The "tasks for next year" text is stored per programme, year and unit (review_tasks, migration
 * 0015) and audited; the .docx template a unit uploads (review_templates) replaces the built-in one
 * for that unit: administrators for any unit, a province user for its own. */
#ifndef ISHC_CORE_REVIEW_H
#define ISHC_CORE_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "core/programme.h"
#include "store/db.h"

enum { REVIEW_LIST_MAX = 80, REVIEW_TASKS_MAX = 8000, REVIEW_TEMPLATE_MAX = 5 << 20 };

/* One named line of a list: a province, a material, a place visited, a commendation. */
typedef struct ReviewItem {
	char code[16];
	char name[160];
	char text[400];           /* what goes with it: an obstacle, a title, a decision */
	int64_t n;                /* a count that goes with it (copies, courses) */
} ReviewItem;

typedef struct ReviewList {
	ReviewItem *items;        /* at most REVIEW_LIST_MAX kept; total counts them all */
	size_t n;
	int64_t total;
} ReviewList;

typedef struct ReviewData {
	ProgrammeInfo programme;
	int year;
	int is_country;
	int64_t unit_id;          /* 0 = the country */
	char unit_code[8];
	char unit_name[128];      /* "Thanh Hóa"; "" for the country */
	char unit_kind[16];       /* tinh, thanh_pho */
	char own_level[12];       /* "central" for the country, "province" for a province */
	char as_of[11];           /* the day the figures were counted */

	/* 1. Direction and guidance, at the review's own level (central / the province) in the year */
	int64_t documents;                   /* documents of direction and guidance issued (core/guidance.h) */
	ReviewList document_list;            /* code = kind, name = number, text = ISO date of issue */
	int64_t materials, material_copies;
	ReviewList material_list;            /* title, copies */
	int64_t own_courses, own_trainees;
	ReviewList own_course_places;        /* province then, courses */
	int64_t visits;                      /* monitoring and support visits */
	ReviewList visit_places;             /* unit or club visited */
	int64_t donor_projects;              /* donor projects running in the year, touching the unit */
	int64_t donor_units;                 /* provinces and communes they cover (in the unit) */
	int64_t donor_clubs;                 /* clubs they supported (in the unit) */

	/* 2. Plans issued by 31/12 of the year */
	int64_t provinces;                   /* provinces of the programme's geography in the unit */
	int64_t plans_issued;

	/* 3. New clubs the plans register for the period, against the target for the period */
	int64_t clubs_registered;
	int has_target;
	int64_t target_new_clubs;
	int64_t clubs_founded_year;          /* clubs actually founded in the year (programme_progress) */

	/* 4. Local trainings: courses below the own level, started in the year */
	int64_t local_units;                 /* provinces (country) or communes/districts (province) */
	int64_t local_courses, local_trainees;

	/* 5. Budgets approved by 31/12 of the year */
	int64_t budget_provinces, budget_total;
	int64_t mechanism_provinces, policy_provinces;

	/* 6. What holds provinces back */
	ReviewList no_plan;                  /* provinces without a plan issued by the year's end */
	ReviewList obstacles;                /* province, obstacle text */

	/* 7. Commendations of the year in the unit (units and clubs; a person is counted, not named) */
	ReviewList commended;                /* recipient, title (decision) */
	int64_t commended_people;

	/* 8. Tasks for next year: the stored text ("" when none) */
	char *tasks;
	char tasks_updated_at[21];
	char tasks_updated_by[48];
} ReviewData;

/* Counts the review of programme_id for year and unit_code ("" or NULL = the country; else a
 * province of today, its code). 0, or -1 with e: E_FORBIDDEN (commune, club, a province user
 * asking for the country), E_NOT_FOUND (programme, or a province outside the scope or not a
 * province), E_WORK_YEAR ("year", outside 2000..2100). Free with review_free. */
int review_build(Db *db, const Actor *by, int64_t programme_id, int year, const char *unit_code, ReviewData *out,
		 Err *e);
void review_free(ReviewData *d);

/* 1 when the actor may read the review of unit_code (as review_build decides), else 0. */
int review_may_read(Db *db, const Actor *by, const char *unit_code);
/* 1 when the actor may write the tasks and upload the template of unit_code: administrators and
 * central users for the country and any province; a province user for its own. */
int review_may_edit(Db *db, const Actor *by, const char *unit_code);

/* Saves the tasks text (normalised, at most REVIEW_TASKS_MAX bytes; "" clears it). Audited
 * ("update", entity "review_tasks"). 0, or -1 with e (E_FORBIDDEN, E_NOT_FOUND, E_TOO_LONG "tasks",
 * E_INVALID "tasks" for bad text). */
int review_tasks_save(Db *db, const Actor *by, int64_t programme_id, int year, const char *unit_code,
		      const char *text, Err *e);

typedef struct ReviewTemplate {
	int exists;
	char filename[200];
	int64_t size;
	char uploaded_at[21];
	char uploaded_by[48];
} ReviewTemplate;

/* Stores data (a .docx checked by the caller with docx_template_check) as the template of
 * unit_code ("" = the country). Audited ("upload", entity "review_template"). 0 or -1 with e. */
int review_template_save(Db *db, const Actor *by, const char *unit_code, const char *filename, const void *data,
			 size_t len, Err *e);
/* Removes the unit's template (back to the built-in one). Audited. 0 or -1 with e. */
int review_template_delete(Db *db, const Actor *by, const char *unit_code, Err *e);
/* The unit's template: 1 with *data (malloc'd) and *len, 0 none (use the built-in), -1 store
 * error. info may be NULL; data may be NULL to read the info only. No scope check. */
int review_template_get(Db *db, const char *unit_code, ReviewTemplate *info, unsigned char **data, size_t *len);

#endif
