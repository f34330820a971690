/* Documents of direction and guidance (issue 9, the annual review's section I: "văn bản chỉ đạo,
 * hướng dẫn"; the seed article: "Trung ương Hội kịp thời xây dựng các văn bản hướng dẫn"): the
 * guidance, plans, decisions and official letters the central level or a province association
 * issues, with their number ("125/HD-NCT"), date of issue, kind, title and issuer, optionally tied
 * to a programme (migration 0016).
 *
 * The issuing unit: 0 is the central level (Trung ương Hội), else a province (a unit of the
 * document's date, or of today). Who: administrators, central users, province users and viewers
 * read; a province user (and a viewer with a province's scope) sees the central level's documents
 * and its own province's; a document outside that is E_NOT_FOUND. Administrators and central users
 * write the central level's documents and any province's; a province user only its own province's.
 * Communes and clubs get E_FORBIDDEN. Every change is audited in its transaction. The number is
 * unique per issuing unit and year of issue (E_DOC_DUPLICATE on "number"). */
#ifndef ISHC_CORE_GUIDANCE_H
#define ISHC_CORE_GUIDANCE_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

enum { GUIDANCE_NUMBER_MAX = 60, GUIDANCE_TITLE_MAX = 400, GUIDANCE_ISSUER_MAX = 200, GUIDANCE_NOTE_MAX = 2000 };

typedef struct GuidanceDoc {
	int64_t id;
	int64_t programme_id;           /* 0: not tied to a programme */
	char programme_code[24];
	int64_t unit_id;                /* 0: the central level */
	char unit_code[8], unit_name[128];
	char number[GUIDANCE_NUMBER_MAX + 4];
	char issued_on[11];
	char kind[16];                  /* guidance, plan, decision, official_letter, other */
	char title[GUIDANCE_TITLE_MAX + 4];
	char issuer[GUIDANCE_ISSUER_MAX + 4];
	char note[GUIDANCE_NOTE_MAX + 4];
	char created_at[21], created_by[48], updated_at[21];
} GuidanceDoc;

/* What a person types (NULL = unchanged on update; on create NULL is empty). unit_code "" is the
 * central level (national roles only; a province user's documents are their province's whatever
 * is sent, and another code is E_OUT_OF_SCOPE). programme_code "" is none. issued_on as dd/mm/yyyy
 * or ISO, not after today. */
typedef struct GuidanceInput {
	const char *unit_code, *programme_code, *number, *issued_on, *kind, *title, *issuer, *note;
} GuidanceInput;

typedef struct GuidanceFilter {
	int year;                       /* 0 = any */
	int64_t unit_id;                /* -1 = every unit the actor sees; 0 = the central level only; else that unit */
	int64_t programme_id;           /* 0 = any */
} GuidanceFilter;

/* 1 when the kind is known; its words on screens ("Hướng dẫn" / "Guidance"). */
int guidance_kind_valid(const char *kind);
const char *guidance_kind_label(const char *kind, const char *lang);
extern const char *const guidance_kinds[5];

/* 1 when the actor may read documents (admin, central, province, viewer). */
int guidance_may_read(const Actor *a);
/* 1 when the actor may record documents at all (admin, central, province). */
int guidance_may_write(const Actor *a);
/* 1 when the actor may change this document (its unit in their writing scope). */
int guidance_may_edit(Db *db, const Actor *a, const GuidanceDoc *d);

/* Records a document: its id, or -1 with e (E_FORBIDDEN; E_REQUIRED / E_TOO_LONG / E_INVALID on
 * number, title, kind, issuer, note; E_DATE / E_DOC_FUTURE on issued_on; E_NOT_FOUND /
 * E_OUT_OF_SCOPE / E_INVALID (not a province) on unit; E_NOT_FOUND on programme; E_DOC_DUPLICATE
 * on number). Nothing changes when it fails. */
int64_t guidance_create(Db *db, const Actor *by, const GuidanceInput *in, Err *e);
/* Changes a document's fields (the issuing unit stays). 0, or -1 with e as guidance_create, and
 * E_NOT_FOUND (no id field) when the actor cannot see it. */
int guidance_update(Db *db, const Actor *by, int64_t id, const GuidanceInput *in, Err *e);
/* 1 found and visible (d filled), 0 not (or not visible), -1 store error. */
int guidance_get(Db *db, const Actor *by, int64_t id, GuidanceDoc *d);
/* Calls fn for the documents the actor sees matching f, newest first, from offset (at most limit).
 * Returns the count of all that match, or -1. Communes and clubs get 0. */
int64_t guidance_list(Db *db, const Actor *by, const GuidanceFilter *f, int64_t offset, int64_t limit,
		      void (*fn)(const GuidanceDoc *d, void *arg), void *arg);

/* For the review: the documents issued in year by unit_id's own level (0: the central level; else
 * that province, and the older units it carries), of programme_id or tied to no programme, by
 * date. No scope check (the review checked it). Returns the count, or -1. */
int64_t guidance_of_level(Db *db, int64_t unit_id, int64_t programme_id, int year,
			  void (*fn)(const GuidanceDoc *d, void *arg), void *arg);

#endif
