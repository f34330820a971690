/* See xlsx.h. libxlsxwriter in constant-memory mode writes each finished row to a temporary file
 * and strings inline, so memory stays flat however many rows there are; rows must therefore be
 * written top to bottom, which is how this writer is used. */
#include "out/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "lib/vi.h"

struct Xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *f_title, *f_sub, *f_head, *f_text, *f_date, *f_amount;
	char *tmpdir, *title;
	lxw_doc_properties props;
	XlsxType types[XLSX_MAX_COLS];
	int ncols;
	uint32_t row;         /* the row being written (0-based) */
	uint32_t header_row;
	uint16_t col;         /* the next cell of the row */
	int failed, too_many;
};

/* Excel keeps at most 32,767 characters in a cell; longer text is cut at a character boundary. */
enum { CELL_MAX_BYTES = 32767 };

static void check(Xlsx *x, lxw_error e)
{
	if (e != LXW_NO_ERROR)
		x->failed = 1;
}

Xlsx *xlsx_create(const char *path, const char *tmpdir, const char *title)
{
	Xlsx *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	if (tmpdir && !(x->tmpdir = strdup(tmpdir))) {
		free(x);
		return NULL;
	}
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = x->tmpdir, .use_zip64 = LXW_FALSE};
	x->wb = workbook_new_opt(path, &opt);
	if (!x->wb) {
		free(x->tmpdir);
		free(x);
		return NULL;
	}
	if (title && *title && (x->title = strdup(title))) {
		x->props.title = x->title;
		workbook_set_properties(x->wb, &x->props);
	}
	x->f_title = workbook_add_format(x->wb);
	format_set_bold(x->f_title);
	format_set_font_size(x->f_title, 14);
	x->f_sub = workbook_add_format(x->wb);
	format_set_italic(x->f_sub);
	x->f_head = workbook_add_format(x->wb);
	format_set_bold(x->f_head);
	format_set_text_wrap(x->f_head);
	format_set_align(x->f_head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(x->f_head, 0xE7EEF7);
	format_set_border(x->f_head, LXW_BORDER_THIN);
	/* "@" keeps a code typed into the cell later as text too, not only what we wrote. */
	x->f_text = workbook_add_format(x->wb);
	format_set_num_format(x->f_text, "@");
	x->f_date = workbook_add_format(x->wb);
	format_set_num_format(x->f_date, "dd/mm/yyyy");
	format_set_align(x->f_date, LXW_ALIGN_LEFT);
	x->f_amount = workbook_add_format(x->wb);
	format_set_num_format(x->f_amount, "#,##0");
	return x;
}

/* The autofilter covers the header and every data row, known only when the sheet ends. */
static void sheet_finish(Xlsx *x)
{
	if (!x->ws)
		return;
	uint32_t last = x->row > x->header_row + 1 ? x->row - 1 : x->header_row;
	if (x->col > 0)
		last = x->row;
	if (last >= XLSX_MAX_ROWS)
		last = XLSX_MAX_ROWS - 1;
	check(x, worksheet_autofilter(x->ws, x->header_row, 0, last, (lxw_col_t)(x->ncols - 1)));
	x->ws = NULL;
}

int xlsx_sheet(Xlsx *x, const char *name, const char *title, const char *subtitle, const XlsxColumn *cols, int ncols)
{
	if (!x || x->failed)
		return -1;
	sheet_finish(x);
	if (ncols < 1 || ncols > XLSX_MAX_COLS || workbook_validate_sheet_name(x->wb, name) != LXW_NO_ERROR) {
		x->failed = 1;
		return -1;
	}
	x->ws = workbook_add_worksheet(x->wb, name);
	if (!x->ws) {
		x->failed = 1;
		return -1;
	}
	lxw_worksheet *ws = x->ws;
	x->ncols = ncols;
	x->row = 0;
	x->col = 0;
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
	for (int i = 0; i < ncols; i++) {
		x->types[i] = cols[i].type;
		lxw_format *f = cols[i].type == XLSX_TEXT ? x->f_text : NULL;
		check(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
					      cols[i].width > 0 ? cols[i].width : LXW_DEF_COL_WIDTH, f));
	}
	if (title && *title) {
		check(x, worksheet_set_row(ws, x->row, 21, NULL));
		check(x, worksheet_write_string(ws, x->row++, 0, title, x->f_title));
	}
	if (subtitle && *subtitle)
		check(x, worksheet_write_string(ws, x->row++, 0, subtitle, x->f_sub));
	if (x->row > 0)
		x->row++; /* a blank line between the title and the table */
	x->header_row = x->row;
	for (int i = 0; i < ncols; i++)
		check(x, worksheet_write_string(ws, x->row, (lxw_col_t)i, cols[i].heading ? cols[i].heading : "", x->f_head));
	x->row++;
	worksheet_freeze_panes(ws, x->row, 0);
	check(x, worksheet_repeat_rows(ws, x->header_row, x->header_row));
	/* Codes and phone numbers are text on purpose: no green "number stored as text" marks. */
	check(x, worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:XFD1048576"));
	return x->failed ? -1 : 0;
}

/* The cell to write next, or 0 when there is none (no sheet, past the last column or row). */
static int next_cell(Xlsx *x, lxw_row_t *row, lxw_col_t *col, XlsxType *type)
{
	if (!x || !x->ws || x->failed)
		return 0;
	if (x->row >= XLSX_MAX_ROWS) {
		x->too_many = 1;
		return 0;
	}
	if (x->col >= x->ncols) {
		x->failed = 1; /* more cells than columns: the caller's bug */
		return 0;
	}
	*row = x->row;
	*col = x->col++;
	*type = x->types[*col];
	return 1;
}

static void write_text(Xlsx *x, lxw_row_t row, lxw_col_t col, const char *s)
{
	size_t n = strlen(s);
	if (n <= CELL_MAX_BYTES) {
		check(x, worksheet_write_string(x->ws, row, col, s, x->f_text));
		return;
	}
	n = CELL_MAX_BYTES;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	char *cut = malloc(n + 1);
	if (!cut) {
		x->failed = 1;
		return;
	}
	memcpy(cut, s, n);
	cut[n] = '\0';
	check(x, worksheet_write_string(x->ws, row, col, cut, x->f_text));
	free(cut);
}

void xlsx_text(Xlsx *x, const char *s)
{
	lxw_row_t row;
	lxw_col_t col;
	XlsxType type;
	if (next_cell(x, &row, &col, &type) && s && *s)
		write_text(x, row, col, s);
}

void xlsx_blank(Xlsx *x)
{
	lxw_row_t row;
	lxw_col_t col;
	XlsxType type;
	next_cell(x, &row, &col, &type);
}

void xlsx_int(Xlsx *x, int64_t v)
{
	lxw_row_t row;
	lxw_col_t col;
	XlsxType type;
	if (!next_cell(x, &row, &col, &type))
		return;
	/* Beyond 2^53 a double loses digits: such a value is kept exactly as text. */
	if (v > INT64_C(9007199254740992) || v < -INT64_C(9007199254740992)) {
		char buf[24];
		snprintf(buf, sizeof buf, "%lld", (long long)v);
		write_text(x, row, col, buf);
		return;
	}
	check(x, worksheet_write_number(x->ws, row, col, (double)v, type == XLSX_AMOUNT ? x->f_amount : NULL));
}

/* 1 and the parts when iso is a real day YYYY-MM-DD Excel can hold (from 1900). */
static int iso_date(const char *iso, lxw_datetime *dt)
{
	char check_iso[VI_DATE_BUFSZ];
	if (strlen(iso) != 10 || iso[4] != '-' || vi_parse_date(iso, check_iso) != VI_OK)
		return 0;
	memset(dt, 0, sizeof *dt);
	if (sscanf(iso, "%4d-%2d-%2d", &dt->year, &dt->month, &dt->day) != 3)
		return 0;
	return dt->year >= 1900 && dt->year <= 9999;
}

void xlsx_date(Xlsx *x, const char *iso)
{
	lxw_row_t row;
	lxw_col_t col;
	XlsxType type;
	if (!next_cell(x, &row, &col, &type) || !iso || !*iso)
		return;
	lxw_datetime dt;
	if (iso_date(iso, &dt))
		check(x, worksheet_write_datetime(x->ws, row, col, &dt, x->f_date));
	else
		write_text(x, row, col, iso);
}

/* A plain optional sign and digits, as this program writes numbers into strings. */
static int plain_int(const char *s, int64_t *out)
{
	const char *p = s + (*s == '-');
	if (!*p || strlen(p) > 18)
		return 0;
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			return 0;
	/* "007" is a code, not a number. */
	if (p[0] == '0' && p[1])
		return 0;
	*out = strtoll(s, NULL, 10);
	return 1;
}

void xlsx_cell(Xlsx *x, const char *value)
{
	if (!x || !x->ws || x->col >= x->ncols) {
		xlsx_blank(x);
		return;
	}
	XlsxType type = x->types[x->col];
	int64_t n;
	if (!value || !*value)
		xlsx_blank(x);
	else if (type == XLSX_DATE)
		xlsx_date(x, value);
	else if ((type == XLSX_NUMBER || type == XLSX_AMOUNT) && plain_int(value, &n))
		xlsx_int(x, n);
	else
		xlsx_text(x, value);
}

void xlsx_row_end(Xlsx *x)
{
	if (!x || !x->ws)
		return;
	if (x->row < XLSX_MAX_ROWS)
		x->row++;
	else
		x->too_many = 1;
	x->col = 0;
}

uint32_t xlsx_rows(const Xlsx *x)
{
	return x && x->row > x->header_row ? x->row - x->header_row - 1 : 0;
}

XlsxStatus xlsx_close(Xlsx *x)
{
	if (!x)
		return XLSX_FAILED;
	sheet_finish(x);
	/* workbook_close writes the file and frees the workbook even after an earlier error. */
	lxw_error e = workbook_close(x->wb);
	XlsxStatus s = x->too_many ? XLSX_TOO_MANY_ROWS : x->failed || e != LXW_NO_ERROR ? XLSX_FAILED : XLSX_OK;
	free(x->tmpdir);
	free(x->title);
	free(x);
	return s;
}
