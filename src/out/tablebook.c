/* See tablebook.h. */
#include "out/tablebook.h"

#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

struct TableBook {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *f_title, *f_sub, *f_head, *f_text, *f_count, *f_rate, *f_note;
	lxw_format *f_text_b, *f_count_b, *f_rate_b;
	char *tmpdir, *title;
	lxw_doc_properties props;
	TbKind kinds[TB_MAX_COLS];
	int ncols, col, total;
	uint32_t row, header_row;
	int failed;
};

static void check(TableBook *t, lxw_error e)
{
	if (e != LXW_NO_ERROR)
		t->failed = 1;
}

static lxw_format *fmt(TableBook *t, const char *num, int bold)
{
	lxw_format *f = workbook_add_format(t->wb);
	if (num)
		format_set_num_format(f, num);
	if (bold) {
		format_set_bold(f);
		format_set_top(f, LXW_BORDER_THIN);
	}
	return f;
}

TableBook *tb_create(const char *path, const char *tmpdir, const char *title)
{
	TableBook *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	if (tmpdir && !(t->tmpdir = strdup(tmpdir))) {
		free(t);
		return NULL;
	}
	/* Constant memory: rows go to a temporary file as they end, strings are written inline. */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = t->tmpdir, .use_zip64 = LXW_FALSE};
	t->wb = workbook_new_opt(path, &opt);
	if (!t->wb) {
		free(t->tmpdir);
		free(t);
		return NULL;
	}
	if (title && *title && (t->title = strdup(title))) {
		t->props.title = t->title;
		workbook_set_properties(t->wb, &t->props);
	}
	t->f_title = workbook_add_format(t->wb);
	format_set_bold(t->f_title);
	format_set_font_size(t->f_title, 14);
	t->f_sub = workbook_add_format(t->wb);
	format_set_italic(t->f_sub);
	t->f_note = workbook_add_format(t->wb);
	format_set_italic(t->f_note);
	t->f_head = workbook_add_format(t->wb);
	format_set_bold(t->f_head);
	format_set_text_wrap(t->f_head);
	format_set_align(t->f_head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(t->f_head, 0xE7EEF7);
	format_set_border(t->f_head, LXW_BORDER_THIN);
	t->f_text = fmt(t, "@", 0);
	t->f_count = fmt(t, TB_FORMAT_COUNT, 0);
	t->f_rate = fmt(t, TB_FORMAT_RATE, 0);
	t->f_text_b = fmt(t, "@", 1);
	t->f_count_b = fmt(t, TB_FORMAT_COUNT, 1);
	t->f_rate_b = fmt(t, TB_FORMAT_RATE, 1);
	return t;
}

int tb_sheet(TableBook *t, const char *name, const char *title, const char *subtitle, const TbColumn *cols, int ncols)
{
	if (!t || t->failed)
		return -1;
	if (ncols < 1 || ncols > TB_MAX_COLS || workbook_validate_sheet_name(t->wb, name) != LXW_NO_ERROR ||
	    !(t->ws = workbook_add_worksheet(t->wb, name))) {
		t->failed = 1;
		return -1;
	}
	lxw_worksheet *ws = t->ws;
	t->ncols = ncols;
	t->row = 0;
	t->col = 0;
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
	for (int i = 0; i < ncols; i++) {
		t->kinds[i] = cols[i].kind;
		check(t, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width > 0 ? cols[i].width : 12, NULL));
	}
	if (title && *title) {
		check(t, worksheet_set_row(ws, t->row, 21, NULL));
		check(t, worksheet_write_string(ws, t->row++, 0, title, t->f_title));
	}
	if (subtitle && *subtitle)
		check(t, worksheet_write_string(ws, t->row++, 0, subtitle, t->f_sub));
	if (t->row > 0)
		t->row++;
	t->header_row = t->row;
	check(t, worksheet_set_row(ws, t->row, 48, NULL));
	for (int i = 0; i < ncols; i++)
		check(t, worksheet_write_string(ws, t->row, (lxw_col_t)i, cols[i].heading ? cols[i].heading : "", t->f_head));
	t->row++;
	/* The headings and the first column (the units) stay on screen. */
	worksheet_freeze_panes(ws, t->row, 1);
	check(t, worksheet_repeat_rows(ws, t->header_row, t->header_row));
	return t->failed ? -1 : 0;
}

static int next(TableBook *t, lxw_col_t *col)
{
	if (!t || !t->ws || t->failed || t->col >= t->ncols)
		return 0;
	*col = (lxw_col_t)t->col++;
	return 1;
}

void tb_text(TableBook *t, const char *s)
{
	lxw_col_t c;
	if (next(t, &c) && s && *s)
		check(t, worksheet_write_string(t->ws, t->row, c, s, t->total ? t->f_text_b : t->f_text));
}

void tb_count(TableBook *t, int has, int64_t v)
{
	lxw_col_t c;
	if (next(t, &c) && has)
		check(t, worksheet_write_number(t->ws, t->row, c, (double)v, t->total ? t->f_count_b : t->f_count));
}

void tb_rate(TableBook *t, int has, double share)
{
	lxw_col_t c;
	if (next(t, &c) && has)
		check(t, worksheet_write_number(t->ws, t->row, c, share, t->total ? t->f_rate_b : t->f_rate));
}

void tb_total(TableBook *t)
{
	if (t)
		t->total = 1;
}

void tb_row_end(TableBook *t)
{
	if (!t || !t->ws)
		return;
	t->row++;
	t->col = 0;
	t->total = 0;
}

void tb_note(TableBook *t, const char *s)
{
	if (!t || !t->ws || t->failed || !s || !*s)
		return;
	if (t->col)
		tb_row_end(t);
	check(t, worksheet_write_string(t->ws, t->row++, 0, s, t->f_note));
}

void tb_chart(TableBook *t, int col, uint32_t first, uint32_t n, const char *title)
{
	if (!t || !t->ws || t->failed || n == 0 || col < 1 || col >= t->ncols)
		return;
	lxw_chart *ch = workbook_add_chart(t->wb, LXW_CHART_BAR);
	if (!ch) {
		t->failed = 1;
		return;
	}
	lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
	const char *sheet = t->ws->name;
	lxw_row_t r0 = t->header_row + 1 + first, r1 = r0 + n - 1;
	chart_series_set_categories(s, sheet, r0, 0, r1, 0);
	chart_series_set_values(s, sheet, r0, (lxw_col_t)col, r1, (lxw_col_t)col);
	chart_series_set_name_range(s, sheet, t->header_row, (lxw_col_t)col);
	/* Black and white print: a dark fill, value labels on the bars. */
	lxw_chart_fill fill = {.color = 0x1F4E79};
	chart_series_set_fill(s, &fill);
	chart_series_set_labels(s);
	chart_title_set_name(ch, title);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	chart_axis_set_reverse(ch->y_axis); /* categories top to bottom as in the table */
	chart_axis_set_num_format(ch->x_axis, t->kinds[col] == TB_RATE ? TB_FORMAT_RATE : TB_FORMAT_COUNT);
	lxw_chart_options opt = {.x_scale = 1.3, .y_scale = n > 12 ? 1.0 + (double)(n - 12) / 16.0 : 1.0};
	check(t, worksheet_insert_chart_opt(t->ws, t->header_row, (lxw_col_t)(t->ncols + 1), ch, &opt));
}

int tb_close(TableBook *t)
{
	if (!t)
		return -1;
	lxw_error e = workbook_close(t->wb);
	int rc = t->failed || e != LXW_NO_ERROR ? -1 : 0;
	free(t->tmpdir);
	free(t->title);
	free(t);
	return rc;
}
