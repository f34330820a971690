/* Pieces of the file import shared inside core/ between import.c (reading the file, members,
 * clubs, the uploads) and report_import.c (past months' reports). Not for front-ends. */
#ifndef ISHC_CORE_IMPORT_INT_H
#define ISHC_CORE_IMPORT_INT_H

#include <stdarg.h>
#include <stddef.h>

#include "core/import.h"

/* Records a problem (warning 1: one that does not stop the load); vi and en are printf formats
 * taking the same arguments in the same order. */
void import_x_problem(ImportResult *res, int warning, size_t row, size_t col, const char *field, const char *heading,
		      const char *vi, const char *en, ...) __attribute__((format(printf, 7, 9)));

/* A cell's value, normalised (see import.c cell_value): malloc'd; *bad 1 formula error, 2 control
 * character. */
char *import_x_cell_value(const ImportRawRow *rr, size_t col, int *bad);

/* A heading folded for matching ("Số tiền (đồng)" -> "so tien dong"; strip_parens: "so tien").
 * Malloc'd, or NULL. */
char *import_x_heading_key(const char *s, int strip_parens);

/* A new data row (zeroed), or NULL out of memory. */
ImportItem *import_x_new_item(ImportResult *res, size_t row);
/* A row below the heading that is not data. */
void import_x_skip_row(ImportResult *res, size_t row);
/* A recognised (field set) or ignored (field NULL) column. */
void import_x_add_column(ImportColumn **list, size_t *n, size_t col, const char *field, const char *heading);
/* 1 yes (x, v, 1, có...), 0 empty or no, -1 anything else. */
int import_x_mark_value(const char *v);
/* A whole positive number ("12", "12."): the STT of a row. */
int import_x_is_row_number(const char *v);
/* A row of column numbers under the heading ("1", "2", "(3)"...). */
int import_x_is_numbering_row(const ImportRawRow *rr);
/* Text reading like a line under the list ("Tổng cộng", "Người lập"...). */
int import_x_looks_like_footer(const char *v, int digits_too);
/* A value quoted in a message (at most 40 bytes; an ISO date as dd/mm/yyyy). Returns out. */
const char *import_x_shown(const char *v, char out[64]);
/* Keeps s (strdup) for as long as res lives; returns the copy or NULL. */
const char *import_x_own(ImportResult *res, const char *s);

/* ---- core/report_import.c ---- */

/* Finds the columns and checks every row of a reports file already read into res->raw (see
 * import.h), trying the months in a transaction that is rolled back. 0, or -1 with e (a store
 * error). */
int report_import_check(Db *db, const Actor *by, ImportResult *res, Err *e);

/* Writes every month of a checked file inside the caller's transaction. Returns 0 (*loaded set),
 * 2 when the core refused a month (its problems were put in refused, a result the caller frees),
 * or a negative DbStatus. */
int report_import_load_tx(Db *db, const Actor *by, ImportResult *res, int64_t *loaded, ImportResult *refused);

/* Who may import reports at all: administrators, province, commune and club users. */
int report_import_allowed(const Actor *by);

/* ---- core/plan_import.c ---- */

/* Finds the columns and checks every row of a province plans file already read into res->raw
 * (see plan_import.c). 0, or -1 with e (a store error). */
int plan_import_check(Db *db, const Actor *by, ImportResult *res, Err *e);
/* Writes every checked plan inside the caller's transaction: 0 (*loaded, *existing set) or a
 * negative DbStatus. */
int plan_import_load_tx(Db *db, const Actor *by, ImportResult *res, int64_t *loaded, int64_t *existing);
/* Who may import plans: administrators, central and province users. */
int plan_import_allowed(const Actor *by);

/* ---- core/work_import.c: training courses and visits ---- */

/* Finds the columns and checks every row of a trainings (visits) file already read into res->raw
 * (see work_import.c). 0, or -1 with e (a store error). */
int training_import_check(Db *db, const Actor *by, ImportResult *res, Err *e);
int visit_import_check(Db *db, const Actor *by, ImportResult *res, Err *e);
/* Writes every checked course or visit (with its recommendation) inside the caller's
 * transaction, each audited: 0 (*loaded, *existing set) or a negative DbStatus. */
int work_import_load_tx(Db *db, const Actor *by, ImportResult *res, int64_t *loaded, int64_t *existing);
/* Who may import trainings and visits: those who record them (work_may_write). */
int work_import_allowed(const Actor *by);

#endif
