/* Periodic tables as an Excel workbook (.xlsx) over libxlsxwriter in constant-memory mode: one sheet
 * per table, each a title, a subtitle, a bold header row frozen on screen and repeated on printed
 * pages, rows written top to bottom, a bold total row, notes, and a native Excel bar chart of one
 * column. Numbers carry Vietnamese number formats: counts and đồng "#,##0" and shares "0.0%" under
 * the Vietnamese locale tag [$-42A], so a reader set to Vietnamese (and LibreOffice, which honours
 * the tag) sees 1.234.567 and 12,5%; the values stay real numbers that sum and chart. */
#ifndef ISHC_OUT_TABLEBOOK_H
#define ISHC_OUT_TABLEBOOK_H

#include <stdint.h>

typedef enum TbKind { TB_TEXT, TB_COUNT, TB_RATE } TbKind;

typedef struct TbColumn {
	const char *heading;
	double width;             /* characters; 0 for the default */
	TbKind kind;
} TbColumn;

enum { TB_MAX_COLS = 64 };

/* The number formats written (for tests and docs). */
#define TB_FORMAT_COUNT "[$-42A]#,##0"
#define TB_FORMAT_RATE "[$-42A]0.0%"

typedef struct TableBook TableBook;

/* A workbook written to path by tb_close; libxlsxwriter's temporary files go to tmpdir (NULL: the
 * system's). NULL when out of memory. */
TableBook *tb_create(const char *path, const char *tmpdir, const char *title);

/* A new sheet (name at most 31 characters, none of []:*?/\): title, subtitle (may be NULL), blank
 * line, then the header row. 0 or -1 (the workbook is failed). */
int tb_sheet(TableBook *t, const char *name, const char *title, const char *subtitle, const TbColumn *cols, int ncols);

/* The next cell of the row: text, a whole number, a share (0..1). has = 0 leaves it empty. */
void tb_text(TableBook *t, const char *s);
void tb_count(TableBook *t, int has, int64_t v);
void tb_rate(TableBook *t, int has, double share);
/* Marks the row about to be written as the total row: bold, with a border above. */
void tb_total(TableBook *t);
/* Ends the row. */
void tb_row_end(TableBook *t);
/* A line of text under the table (a note), in italics. */
void tb_note(TableBook *t, const char *s);

/* A bar chart of column col over the data rows first..first+n-1 (0 = the first row after the
 * header), categories from column 0, placed right of the table. Call after those rows. */
void tb_chart(TableBook *t, int col, uint32_t first, uint32_t n, const char *title);

/* Writes the file and frees t: 0, or -1. */
int tb_close(TableBook *t);

#endif
