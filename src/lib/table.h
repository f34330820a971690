/* Reading the tables people bring: CSV (through libcsv) and the first sheet of an XLSX workbook
 * (libzip + expat), delivered row by row through one callback. */
#ifndef ISHC_TABLE_H
#define ISHC_TABLE_H

#include <stddef.h>

typedef enum TableFormat {
	TABLE_AUTO,  /* XLSX if the content starts like a zip (or the name ends in .xlsx/.xlsm), else CSV */
	TABLE_CSV,
	TABLE_XLSX,
} TableFormat;

typedef enum TableKind {
	TABLE_EMPTY,   /* no value; text is "" */
	TABLE_TEXT,    /* a string (every non-empty CSV cell is text) */
	TABLE_NUMBER,  /* an XLSX number, text exactly as stored: "1956", "0.1", "1.5E-3"; see is_date */
	TABLE_BOOL,    /* an XLSX boolean; text is "TRUE" or "FALSE" */
	TABLE_ERROR,   /* an XLSX formula error; text such as "#N/A" or "#DIV/0!" */
} TableKind;

typedef struct TableCell {
	const char *text;  /* NUL-terminated valid UTF-8, never NULL; "" when empty. Not normalised:
	                    * NFD text and stray spaces arrive as they are in the file. */
	size_t len;        /* strlen(text) */
	TableKind kind;
	int is_date;       /* 1 when kind is TABLE_NUMBER and the cell's number format is a date
	                    * format: built-in ids 14-22 and 45-47 (some of which show only a time)
	                    * or a custom format that shows a day, month or year (so "h:mm" and
	                    * "[h]:mm" are not). text is then a serial day number of the 1900 date
	                    * system (a workbook in the 1904 system is shifted to it), for
	                    * table_serial_to_iso(). Always 0 for CSV. */
} TableCell;

/* Called once per row that has at least one non-empty cell, in file order. row_number is
 * 1-based as Excel shows it: for XLSX the sheet's own row number (empty rows are skipped but
 * counted); for CSV the record number, where a blank line counts as one row and a quoted field
 * spanning lines does not start a new one. cells[0] is column A; cells and their texts are
 * valid only during the call (copy what you keep). XLSX rows end at their last non-empty cell,
 * missing cells in between are TABLE_EMPTY; a merged range has its value in the top-left cell
 * only. CSV rows have every field of the record, trailing empty ones included.
 * Return 0 to continue, non-zero to stop reading: table_read then returns that value. */
typedef int (*TableRowFn)(void *arg, size_t row_number, size_t ncells, const TableCell *cells);

/* Reads the file at path and calls row_fn for each row.
 * fmt TABLE_AUTO picks the format from the first bytes, then the file name's extension.
 * CSV: a UTF-8 BOM is skipped; the delimiter is ',' or ';' (whichever the first line has more
 * of outside quotes, or what an Excel "sep=;" first line says); every cell must be valid UTF-8
 * without NUL bytes (legacy encodings such as Windows-1258 are refused, never converted);
 * spaces around fields are kept.
 * XLSX: reads the first visible sheet in tab order, with shared strings (rich-text runs joined,
 * phonetic runs dropped), inline strings, formula results as cached in the file (a formula
 * without a cached result is empty), and date styles from xl/styles.xml.
 * Limits: 200,000 rows, 200 columns, 32 KiB per cell, 50 MiB uncompressed per XML part;
 * going past one is an error (empty cells beyond the column limit are ignored).
 * Returns 0 when every row was read, -1 on a read error with a one-line English reason in err
 * (no file name in it; err may be NULL), or row_fn's non-zero value, with err set to "".
 * A row_fn that returns -1 can therefore be told from a read error by err[0] == '\0'. */
int table_read(const char *path, TableFormat fmt, TableRowFn row_fn, void *arg, char *err,
	size_t errlen);

/* Same as table_read() over len bytes at data (an upload held in memory; also what the
 * fuzzers call). name is only used for TABLE_AUTO's extension check and may be NULL. data is
 * not modified or kept. */
int table_read_mem(const void *data, size_t len, const char *name, TableFormat fmt,
	TableRowFn row_fn, void *arg, char *err, size_t errlen);

/* Converts an Excel serial day number in the 1900 date system ("45000", "45000.75", "4.5E4")
 * to an ISO date "YYYY-MM-DD" written to out (NUL-terminated). The time of day is dropped,
 * except that a fraction within a millisecond of midnight rounds up to the next day, as Excel
 * shows it. Serial 1 is 1900-01-01; Excel counts a 1900-02-29 that never was (serial 60), so
 * serials above 60 are one day less than a plain count. Returns 0, or -1 (out untouched) when
 * serial is not a plain non-negative number, is below 1 or above 2958465 (9999-12-31), or
 * is 60. Locale-independent. */
int table_serial_to_iso(const char *serial, char out[11]);

/* Writes the spreadsheet name of 1-based column col ("A", "Z", "AA", up to "XFD") to out;
 * "?" when col is 0 or above 16384. For messages that name a cell. */
void table_col_name(size_t col, char out[4]);

typedef struct TableLimits {
	size_t max_rows;   /* highest row number that may hold a value */
	size_t max_cols;   /* columns that may hold a value */
	size_t max_cell;   /* bytes of one cell's text */
	size_t max_part;   /* uncompressed bytes of one XML part of an XLSX file */
} TableLimits;

/* For tests only: replaces the limits (NULL restores the defaults above; a zero field keeps
 * its default). Global and not thread-safe: never call it while another thread reads. */
void table_set_limits(const TableLimits *limits);

#endif
