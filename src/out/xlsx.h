/* Writing tables for Excel (.xlsx) over libxlsxwriter in constant-memory mode: a sheet is a title
 * line, an optional second line, a bold header row and typed columns, written row by row, so a
 * national export of hundreds of thousands of rows holds one row in memory at a time. */
#ifndef ISHC_OUT_XLSX_H
#define ISHC_OUT_XLSX_H

#include <stdint.h>

typedef enum XlsxType {
	XLSX_TEXT,    /* a text cell exactly as given: codes and phone numbers keep leading zeros */
	XLSX_NUMBER,  /* a whole number, shown as typed (a year stays 1956, not 1.956) */
	XLSX_AMOUNT,  /* a whole number shown with thousands grouping (money in đồng, totals) */
	XLSX_DATE,    /* a real date cell shown dd/mm/yyyy, given as ISO YYYY-MM-DD */
} XlsxType;

typedef struct XlsxColumn {
	const char *heading;   /* the header row's text (UTF-8) */
	double width;          /* in characters; 0 for Excel's default */
	XlsxType type;
} XlsxColumn;

enum { XLSX_MAX_COLS = 64 };
/* Rows of one sheet, header and title included (Excel's limit). */
#define XLSX_MAX_ROWS 1048576u

typedef struct Xlsx Xlsx;

/* Starts a workbook that xlsx_close() will write to path; libxlsxwriter's own temporary files go
 * to tmpdir (NULL: the system's). title (may be NULL) becomes the document's title property.
 * Returns NULL when out of memory. */
Xlsx *xlsx_create(const char *path, const char *tmpdir, const char *title);

/* Adds a sheet named name (at most 31 characters, none of []:*?/\) and writes its top: title in
 * bold (NULL or "" for none), then subtitle (NULL or "" for none), then the bold header row of the
 * ncols columns (1..XLSX_MAX_COLS), which is frozen on screen, repeated on every printed page and
 * carries an autofilter. Pages print A4 landscape, one page wide. Rows that follow are data rows.
 * Returns 0, or -1 (the workbook is then failed: xlsx_close returns -1). */
int xlsx_sheet(Xlsx *x, const char *name, const char *title, const char *subtitle, const XlsxColumn *cols, int ncols);

/* The next cell of the current row, left to right. NULL or "" leaves the cell empty. A value that
 * does not fit its column's type (a number column given "abc", a date column given "1956") is
 * written as text rather than lost. */
void xlsx_text(Xlsx *x, const char *s);
void xlsx_int(Xlsx *x, int64_t v);
void xlsx_date(Xlsx *x, const char *iso);
/* A value as text, written as its column's type says (numbers parsed, ISO dates turned into date
 * cells): for callers that hold every field as a string. */
void xlsx_cell(Xlsx *x, const char *value);
void xlsx_blank(Xlsx *x);
/* Ends the current row; the next cell starts a new one. */
void xlsx_row_end(Xlsx *x);

/* Data rows written so far on the current sheet. */
uint32_t xlsx_rows(const Xlsx *x);

typedef enum XlsxStatus { XLSX_OK = 0, XLSX_FAILED = -1, XLSX_TOO_MANY_ROWS = -2 } XlsxStatus;

/* Writes the file and frees x (NULL is allowed and gives XLSX_FAILED). XLSX_TOO_MANY_ROWS when a
 * sheet went past XLSX_MAX_ROWS (the file is then incomplete: tell the user to narrow the
 * selection or take CSV); XLSX_FAILED on any other error (bad sheet name, disk full). */
XlsxStatus xlsx_close(Xlsx *x);

#endif
