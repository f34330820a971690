/* The programme's work in the provinces (issue 8: trainings and materials, supervision and
 * support, recognition and communication): training courses with their participants, materials
 * and where their copies went, monitoring and technical-support visits with findings against a
 * checklist and follow-ups, the yearly quality assessment of each club, commendations, the
 * ranking of provinces and clubs, and success stories with their public page.
 *
 * Scope (DESIGN.md §4): every record has a unit (the organiser's, the one visited, the one
 * commended, the club's commune). An actor sees the records whose unit rolls up into their scope
 * (national roles: all; a club user: those of its commune, and of visits, commendations and
 * stories only those of its club); a record outside it is E_NOT_FOUND. Writers are administrators,
 * central, province and commune users, each for units inside their scope; the level a record is
 * organised at is the writer's (national roles choose it). Viewers read figures, never a person.
 * Every change is audited in its transaction. Dates are ISO; input may be dd/mm/yyyy.
 * Implemented in core/work.c (shared pieces), training.c, visit.c, assessment.c, recognition.c. */
#ifndef ISHC_CORE_WORK_H
#define ISHC_CORE_WORK_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

/* ---- shared (core/work.c) ---- */

/* "central", "province", "district", "commune"; 1 when s is one of them. */
int work_level_valid(const char *s);
const char *work_level_label(const char *level, const char *lang);
/* 1 when the actor may record trainings, materials, visits and commendations (admin, central,
 * province, commune). */
int work_may_write(const Actor *a);
/* The level an actor's records are organised at: the chosen one for national roles (default
 * "central"), else the role's own ("province", "commune"). */
const char *work_actor_level(const Actor *a, const char *chosen);

/* What lists bind to stay inside the actor's scope: *unit_id the scope's unit (0 the country; a
 * club user's commune) and *club_id a club user's club (else 0). 0, or -1 when the scope names
 * nothing (the actor sees nothing). */
int work_scope(Db *db, const Actor *a, int64_t *unit_id, int64_t *club_id);

/* ---- trainings and materials (core/training.c) ---- */

typedef struct TrainingInput {
	const char *level;            /* national roles only; NULL: the actor's */
	const char *unit_code;        /* organiser or place's unit: a unit of the start date or today */
	const char *topic, *place, *start_date, *end_date;
	const char *officers, *board_members, *volunteers; /* whole numbers as typed */
	const char *note;
	const char *source;           /* "form", "api", "import", "demo"; NULL = "form" */
} TrainingInput;

typedef struct Training {
	int64_t id;
	char level[12];
	int64_t unit_id;
	char unit_code[8], unit_name[128];
	char province_code[8], province_name[128]; /* the province then (organised as of the start) */
	char topic[400], place[200];
	char start_date[11], end_date[11];
	int64_t officers, board_members, volunteers;
	int64_t participants_listed;
	char note[600];
	char created_by[48];
} Training;

typedef struct TrainingParticipant {
	int64_t id;
	char full_name[160];
	char kind[12];                /* officer | board | volunteer */
	int64_t member_id;            /* 0 when not a member */
	char club_code[16];
	char note[200];
} TrainingParticipant;

/* Checks in and fills out (unit resolved, numbers parsed, texts normalised). Errors name the
 * field: E_REQUIRED, E_INVALID, E_TOO_LONG, E_DATE, E_DATE_ORDER (end before start),
 * E_OUT_OF_SCOPE (unit outside the actor's scope), E_FORBIDDEN (role). 0 or -1. */
int training_check(Db *db, const Actor *by, const TrainingInput *in, Training *out, Err *e);
/* Inserts a checked training inside the caller's transaction, audited; its id or a negative
 * DbStatus. */
int64_t training_insert_tx(Db *db, const Actor *by, const Training *t, const char *source);
int64_t training_create(Db *db, const Actor *by, const TrainingInput *in, Err *e);
int training_update(Db *db, const Actor *by, int64_t id, const TrainingInput *in, Err *e);
/* 1 found in scope, 0 not, -1 store error. */
int training_get(Db *db, const Actor *by, int64_t id, Training *t);

typedef struct TrainingFilter {
	int year;                     /* 0 = any */
	int64_t unit_id;              /* 0 = the whole scope; else within this unit */
} TrainingFilter;
/* Calls fn for the trainings in scope, newest first. Returns the total matching, or -1. */
int64_t training_list(Db *db, const Actor *by, const TrainingFilter *f, int64_t offset, int64_t limit,
		      void (*fn)(const Training *t, void *arg), void *arg);

/* Trainings and trainees of a year by province (as organised then): the seed article's "18
 * provinces opened 68 courses for 4,112 trainees". */
typedef struct TrainingProvince {
	int64_t unit_id;
	char code[8], name[128];
	int64_t courses, officers, board_members, volunteers, trainees;
} TrainingProvince;
typedef struct TrainingSummary {
	int64_t provinces, courses, trainees, officers, board_members, volunteers;
} TrainingSummary;
/* Calls fn per province with trainings in year within the actor's scope; sum gets the totals
 * (courses at every level). Returns the number of provinces, or -1. */
int training_by_province(Db *db, const Actor *by, int year, void (*fn)(const TrainingProvince *p, void *arg),
			 void *arg, TrainingSummary *sum);

/* Participants: full_name, kind, and member (an id or club member's id in scope) optional. */
int64_t training_participant_add(Db *db, const Actor *by, int64_t training_id, const char *full_name,
				 const char *kind, const char *member_id, Err *e);
int training_participant_remove(Db *db, const Actor *by, int64_t training_id, int64_t participant_id, Err *e);
/* Viewers get nothing (people's names): returns 0. */
int training_participants(Db *db, const Actor *by, int64_t training_id,
			  void (*fn)(const TrainingParticipant *p, void *arg), void *arg);
const char *training_kind_label(const char *kind, const char *lang);

typedef struct Material {
	int64_t id;
	char level[12];
	int64_t unit_id;              /* 0 for the central level */
	char unit_code[8], unit_name[128];
	char title[300];
	int year;
	int64_t copies, shared;       /* copies printed, and sent to units */
	char note[600];
} Material;
typedef struct MaterialInput {
	const char *level, *unit_code; /* unit_code "" with level central */
	const char *title, *year, *copies, *note;
} MaterialInput;
int64_t material_create(Db *db, const Actor *by, const MaterialInput *in, Err *e);
int material_get(Db *db, const Actor *by, int64_t id, Material *m);
int64_t material_list(Db *db, const Actor *by, int year, void (*fn)(const Material *m, void *arg), void *arg);
/* Records that copies went to a unit (in the actor's scope); more than printed is E_INVALID. */
int64_t material_share_add(Db *db, const Actor *by, int64_t material_id, const char *unit_code, const char *copies,
			   Err *e);
typedef struct MaterialShare {
	int64_t id;
	char unit_code[8], unit_name[128];
	int64_t copies;
} MaterialShare;
int material_shares(Db *db, const Actor *by, int64_t material_id, void (*fn)(const MaterialShare *s, void *arg),
		    void *arg);

/* ---- visits and follow-ups (core/visit.c) ---- */

/* The checklist of a visit, in order. */
typedef struct VisitItem {
	const char *code, *vi, *en;
} VisitItem;
extern const VisitItem visit_items[];
extern const size_t visit_item_count;
int visit_result_valid(const char *r);          /* yes | partly | no | na */
const char *visit_result_label(const char *r, const char *lang);
int visit_kind_valid(const char *k);            /* monitoring | support */
const char *visit_kind_label(const char *k, const char *lang);

typedef struct VisitInput {
	const char *kind, *level, *visit_date, *team;
	const char *unit_code;        /* the unit visited, or NULL/"" when club is given */
	const char *club;             /* the club visited (id or code), or NULL/"" */
	const char *summary;
	const char *results[16];      /* per visit_items, NULL = not assessed ("na") */
	const char *notes[16];
	const char *source;
} VisitInput;

typedef struct Visit {
	int64_t id;
	char kind[12], level[12];
	char visit_date[11];
	char team[300];
	int64_t unit_id;
	char unit_code[8], unit_name[128];
	int64_t club_id;
	char club_code[16], club_name[160];
	char summary[2000];
	char results[16][8];
	char notes[16][300];
	int64_t followups, open_followups;
} Visit;

int visit_check(Db *db, const Actor *by, const VisitInput *in, Visit *out, Err *e);
int64_t visit_insert_tx(Db *db, const Actor *by, const Visit *v, const char *source);
int64_t visit_create(Db *db, const Actor *by, const VisitInput *in, Err *e);
int visit_get(Db *db, const Actor *by, int64_t id, Visit *v);
typedef struct VisitFilter {
	int year;
	const char *kind;             /* NULL = both */
} VisitFilter;
int64_t visit_list(Db *db, const Actor *by, const VisitFilter *f, int64_t offset, int64_t limit,
		   void (*fn)(const Visit *v, void *arg), void *arg);

typedef struct Followup {
	int64_t id, visit_id;
	char text[1000];
	int64_t owner_unit_id;        /* 0 = the central level */
	char owner_code[8], owner_name[128];
	char due_date[11];
	int done;
	char done_date[11];
	char note[600];
	/* of its visit, for lists */
	char visit_date[11], visit_kind[12];
	char visited[200];
	int overdue;                  /* not done and due before today */
} Followup;
/* A recommendation of a visit: owner_code a unit of today inside the visitor's scope, or "" for
 * the central level (national roles only); due date required. */
int64_t followup_add_tx(Db *db, const Actor *by, int64_t visit_id, const char *text, const char *owner_code,
			const char *due_date, Err *e);
int64_t followup_add(Db *db, const Actor *by, int64_t visit_id, const char *text, const char *owner_code,
		     const char *due_date, Err *e);
/* Records the follow-up: done (0/1), the date it was done (required when done), a note. The
 * owner or the visit's writers may. */
int followup_update(Db *db, const Actor *by, int64_t id, int done, const char *done_date, const char *note, Err *e);
int followup_list_visit(Db *db, const Actor *by, int64_t visit_id, void (*fn)(const Followup *f, void *arg), void *arg);
/* The follow-ups not done and due before today whose owner lies in the actor's scope (national
 * roles: also the central level's), oldest due first. Returns the count, or -1. */
int64_t followup_overdue(Db *db, const Actor *by, void (*fn)(const Followup *f, void *arg), void *arg);

/* ---- the yearly quality assessment (core/assessment.c) ---- */

enum { ASSESS_MIN_AREAS = 6, ASSESS_MIN_MONTHS = 10, ASSESS_MIN_VOLUNTEERS = 5 };

typedef struct Assessment {
	int64_t club_id;
	char club_code[16], club_name[160], unit_name[128];
	int year;
	int stored;                   /* 1: confirmed and stored; 0: only the pre-fill */
	int meets_monthly, reports_on_time, both_funds, loans_repaid, volunteers_ok;
	int areas_active;             /* 0..8 */
	int well_managed;
	char note[600];
	char assessed_by[48], assessed_level[12], assessed_at[21];
	/* What the data says (the pre-fill), with the figures behind it. */
	int64_t months_expected, months_met, months_reported, months_on_time;
	int64_t income_fund, activity_fund, par30, outstanding, volunteers;
	int data_meets_monthly, data_reports_on_time, data_both_funds, data_loans_repaid, data_volunteers_ok;
	int data_areas_active;
} Assessment;

/* 1 when every criterion is met: areas_active >= ASSESS_MIN_AREAS and the five yes/no ones. */
int assessment_well_managed(const Assessment *a);
/* The club's assessment of year: the stored one (stored = 1) or the pre-fill from the reports,
 * the member book and the funds (stored = 0); the data_* fields are filled in both cases.
 * 1, 0 when the club is not in scope, -1 store error. */
int assessment_get(Db *db, const Actor *by, int64_t club_id, int year, Assessment *a);
typedef struct AssessmentInput {
	const char *meets_monthly, *reports_on_time, *both_funds, *loans_repaid, *volunteers_ok; /* "1"/"0" */
	const char *areas_active;     /* 0..8 */
	const char *note;
} AssessmentInput;
/* Confirms (stores or replaces) the club's assessment of year: admin, province, commune users
 * whose scope covers the club. Year from 2000 to next year. 0 or -1 with e. */
int assessment_save(Db *db, const Actor *by, int64_t club_id, int year, const AssessmentInput *in, Err *e);

/* Clubs assessed and clubs well managed in year under unit_id (0 = the country; any unit of any
 * time, through unit_reach). No scope check: the caller has checked the unit. 0 or -1. The
 * figure behind the "≥70% of clubs fully active and well managed" target. */
int assessment_counts(Db *db, int64_t unit_id, int year, int64_t *assessed, int64_t *well_managed);
/* The same for a unit code (a unit of today, or a club code; NULL/"" = the actor's scope) after
 * the scope check: E_NOT_FOUND outside it. */
int assessment_counts_for(Db *db, const Actor *by, const char *unit_code, int year, int64_t *assessed,
			  int64_t *well_managed, Err *e);
/* The assessments of a year for the clubs under unit_code (a commune or a province of today, or
 * the scope), stored or pre-filled, in the clubs' name order, paginated. Returns the total. */
int64_t assessment_list(Db *db, const Actor *by, const char *unit_code, int year, int64_t offset, int64_t limit,
			void (*fn)(const Assessment *a, void *arg), void *arg, Err *e);

/* ---- the ranking (core/assessment.c) ---- */

typedef struct RankIndicator {
	const char *code, *vi, *en;
} RankIndicator;
extern const RankIndicator rank_indicators[];
enum { RANK_INDICATORS = 5 };
/* The weights in force (RANK_INDICATORS of them, in rank_indicators order). 0 or -1. */
int ranking_weights(Db *db, int64_t weights[RANK_INDICATORS]);
/* Sets the weights (central and administrators): whole numbers 0..100, not all 0. Audited. */
int ranking_set_weights(Db *db, const Actor *by, const char *const values[RANK_INDICATORS], Err *e);

typedef struct RankRow {
	int rank;
	int64_t unit_id, club_id;
	char code[16], name[200];
	int64_t clubs;                /* clubs expected to report (club-months / 12 for provinces) */
	int64_t values[RANK_INDICATORS]; /* permille, -1 when there is nothing to measure */
	int64_t score;                /* permille: the weighted mean of the values given */
} RankRow;
typedef struct Ranking {
	int year;
	int64_t weights[RANK_INDICATORS];
	char unit_code[16], unit_name[200]; /* "" for the provinces of the country */
	RankRow *rows;
	size_t nrows;
} Ranking;
/* Ranks the provinces of the country (unit_code NULL/"": as organised in that year) or the clubs
 * of a province (unit_code a province of today) on year's figures. Province users rank only
 * their own province's clubs; viewers and club users see the provinces' ranking only. 0, or -1
 * with e. Free with ranking_free. */
int ranking_build(Db *db, const Actor *by, int year, const char *unit_code, Ranking *out, Err *e);
void ranking_free(Ranking *r);

/* ---- commendations and stories (core/recognition.c) ---- */

typedef struct Commendation {
	int64_t id;
	int year;
	char level[12];
	char title[300];
	char recipient_kind[8];       /* unit | club | person */
	int64_t unit_id;
	char unit_code[8], unit_name[128];
	int64_t club_id;
	char club_code[16], club_name[160];
	int64_t member_id;
	char person_name[160];        /* "" for viewers */
	char decision_no[64];
	char note[600];
} Commendation;
typedef struct CommendationInput {
	const char *year, *level, *title, *recipient_kind;
	const char *unit_code;        /* the unit commended, or a person's unit */
	const char *club;             /* id or code, for a club or a club member */
	const char *person_name;
	const char *member_id;        /* optional, a member of club */
	const char *decision_no, *note;
} CommendationInput;
int64_t commendation_create(Db *db, const Actor *by, const CommendationInput *in, Err *e);
int64_t commendation_list(Db *db, const Actor *by, int year, int64_t offset, int64_t limit,
			  void (*fn)(const Commendation *c, void *arg), void *arg);
const char *commendation_kind_label(const char *kind, const char *lang);

typedef struct Story {
	int64_t id;
	int64_t club_id;
	char club_code[16], club_name[160], unit_name[128], province_name[128];
	int year;
	char title[300];
	char *body;                   /* malloc'd; story_clear frees */
	int64_t member_id;
	char member_name[160];
	int show_club, show_member;
	char status[12];              /* draft | published */
	char published_at[21];
	int64_t photos;
} Story;
void story_clear(Story *s);
typedef struct StoryInput {
	const char *club, *year, *title, *body, *member_id;
	int show_club, show_member;
} StoryInput;
/* Writers: admin, central, province, commune (club in scope), and the club's own users. */
int64_t story_create(Db *db, const Actor *by, const StoryInput *in, Err *e);
int story_update(Db *db, const Actor *by, int64_t id, const StoryInput *in, Err *e);
int story_get(Db *db, const Actor *by, int64_t id, Story *s);
/* A published story for its public page (no log-in): only what was chosen to be shown (the club
 * when show_club, the member's name when show_member). 1, 0 not found or not published, -1. */
int story_get_public(Db *db, int64_t id, Story *s);
int64_t story_list(Db *db, const Actor *by, int year, void (*fn)(const Story *s, void *arg), void *arg);
/* Publishes (1) or withdraws (0) a story: central and administrators. */
int story_publish(Db *db, const Actor *by, int64_t id, int publish, Err *e);

enum { STORY_PHOTO_MAX = 3 << 20, STORY_PHOTOS_MAX = 6 };
typedef struct StoryPhoto {
	int64_t id;
	char content_type[16];
	int64_t size;
	char caption[200];
} StoryPhoto;
/* Adds a photo (JPEG or PNG by its first bytes, at most STORY_PHOTO_MAX bytes, at most
 * STORY_PHOTOS_MAX a story): E_PHOTO otherwise. Its id or -1. */
int64_t story_photo_add(Db *db, const Actor *by, int64_t story_id, const void *data, size_t len, const char *caption,
			Err *e);
int story_photos(Db *db, int64_t story_id, void (*fn)(const StoryPhoto *p, void *arg), void *arg);
/* The bytes of photo_id of story_id (malloc'd, *len, *type); public = 1 only when the story is
 * published. 1, 0 not found, -1. The caller has checked the story (story_get or public). */
int story_photo_data(Db *db, int64_t story_id, int64_t photo_id, unsigned char **data, size_t *len,
		     char type[16]);

#endif
