/* Pieces shared inside core/ by the programme's work (work.c, training.c, visit.c,
 * assessment.c, recognition.c, work_import.c). Not for front-ends. */
#ifndef ISHC_CORE_WORK_INT_H
#define ISHC_CORE_WORK_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/unit.h"
#include "core/work.h"

/* A condition on a record aliased t whose unit column is col: it rolls up into the unit bound as
 * parameter U (0 = the whole country). */
#define WORK_UNIT_SQL(col, U)                                                                   \
	"(" U " = 0 OR EXISTS (SELECT 1 FROM unit_reach sr WHERE sr.unit_id = " col " AND sr.ancestor_id = " U "))"

/* Normalised text (NFC, spaces collapsed unless multiline) of at most max bytes into a malloc'd
 * *out: required ones give E_REQUIRED when empty; bad UTF-8 or control characters E_INVALID;
 * too long E_TOO_LONG. NULL in gives "". 0 or -1. */
int work_text(const char *in, size_t max, int required, int multiline, const char *field, char **out, Err *e);
/* The same into a fixed buffer of n bytes (max n - 1). */
int work_text_to(const char *in, char *dst, size_t n, int required, int multiline, const char *field, Err *e);
/* A date as typed (dd/mm/yyyy or ISO) into out: E_REQUIRED / E_DATE on field. */
int work_date(const char *in, int required, const char *field, char out[11], Err *e);
/* A whole number 0..max as typed ("" = 0 unless required): E_INVALID on field. */
int work_count(const char *in, int64_t max, int required, const char *field, int64_t *out, Err *e);
/* A year from 2000 to next year: E_WORK_YEAR. */
int work_year(const char *in, const char *field, int *out, Err *e);
/* The unit called code, in force on `on` (or today), that the actor may write for: E_REQUIRED,
 * E_NOT_FOUND (no such unit), E_OUT_OF_SCOPE. 0 or -1 (store errors E_INTERNAL). */
int work_unit_for(Db *db, const Actor *by, const char *code, const char *on, const char *field, Unit *u, Err *e);
/* 1 when the record's unit lies in the actor's reading scope (club users: their commune). */
int work_sees_unit(Db *db, const Actor *by, int64_t unit_id);
/* "%lld" of id into out. */
const char *work_id(int64_t id, char out[24]);
void work_copy(char *dst, size_t n, const char *src);

#endif
