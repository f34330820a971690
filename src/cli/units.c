/* Unit commands: load a new official list, load an old→new mapping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/unit.h"
#include "lib/table.h"
#include "lib/vi.h"

/* Header names accepted for each column (English as in data/, or Vietnamese). */
static const char *const list_headers[5][3] = {
	{"province_code", "ma_tinh", "mã tỉnh"},
	{"district_code", "ma_huyen", "mã huyện"},
	{"district_name", "ten_huyen", "tên huyện"},
	{"commune_code", "ma_xa", "mã xã"},
	{"commune_name", "ten_xa", "tên xã"},
};
static const char *const map_headers[2][3] = {
	{"old_code", "ma_cu", "mã cũ"},
	{"new_code", "ma_moi", "mã mới"},
};

static int header_match(const char *cell, const char *const names[3])
{
	char *f = vi_fold(cell);
	int hit = 0;
	for (int i = 0; f && i < 3 && !hit; i++) {
		char *g = vi_fold(names[i]);
		hit = g && strcmp(f, g) == 0;
		free(g);
	}
	free(f);
	return hit;
}

typedef struct Reader {
	int ncols;
	const char *const (*headers)[3];
	int col[5];
	int header_seen;
	char **cells;            /* ncols per row */
	size_t *rows;
	size_t n, alloc;
} Reader;

static int reader_row(void *arg, size_t row, size_t ncells, const TableCell *cells)
{
	Reader *r = arg;
	if (!r->header_seen) {
		for (int c = 0; c < r->ncols; c++) {
			r->col[c] = -1;
			for (size_t k = 0; k < ncells; k++)
				if (header_match(cells[k].text, r->headers[c]))
					r->col[c] = (int)k;
		}
		r->header_seen = 1;
		return 0;
	}
	if (r->n == r->alloc) {
		size_t a = r->alloc ? 2 * r->alloc : 1024;
		char **p = realloc(r->cells, a * (size_t)r->ncols * sizeof *p);
		size_t *q = realloc(r->rows, a * sizeof *q);
		if (p)
			r->cells = p;
		if (q)
			r->rows = q;
		if (!p || !q)
			return -1;
		r->alloc = a;
	}
	for (int c = 0; c < r->ncols; c++) {
		int k = r->col[c];
		r->cells[r->n * (size_t)r->ncols + (size_t)c] = k >= 0 && (size_t)k < ncells ? strdup(cells[k].text) : NULL;
	}
	r->rows[r->n++] = row;
	return 0;
}

static void reader_free(Reader *r)
{
	for (size_t i = 0; i < r->n * (size_t)r->ncols; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->rows);
}

static int reader_load(const char *path, Reader *r)
{
	char err[200] = "";
	int rc = table_read(path, TABLE_AUTO, reader_row, r, err, sizeof err);
	if (rc != 0)
		return cli_fail("%s: %s", path, err[0] ? err : "out of memory");
	if (!r->header_seen)
		return cli_fail("%s: the file is empty", path);
	return 0;
}

static int print_problems(const char *path, const Problems *p)
{
	for (size_t i = 0; i < p->kept; i++) {
		const Problem *it = &p->items[i];
		if (it->row)
			fprintf(stderr, "%s: dòng %zu%s%s: %s / row %zu: %s\n", path, it->row, it->field ? ", cột " : "",
				it->field ? it->field : "", it->vi, it->row, it->en);
		else
			fprintf(stderr, "%s: %s / %s\n", path, it->vi, it->en);
	}
	if (p->total > p->kept)
		fprintf(stderr, "%s: … và %zu lỗi khác / and %zu more\n", path, p->total - p->kept, p->total - p->kept);
	return cli_fail("%s: nothing was loaded (%zu problem%s)", path, p->total, p->total == 1 ? "" : "s");
}

int cmd_units_import(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	const char *list = path ? opt_required(c, o, "list") : NULL;
	const char *from = list ? opt_required(c, o, "valid-from") : NULL;
	if (!from)
		return EXIT_USAGE;
	char iso[VI_DATE_BUFSZ];
	if (vi_parse_date(from, iso) != VI_OK)
		return cli_fail("--valid-from %s is not a date (YYYY-MM-DD)", from);
	Reader r = {.ncols = 5, .headers = list_headers};
	if (reader_load(list, &r) != 0) {
		reader_free(&r);
		return EXIT_FAIL;
	}
	int missing = r.col[0] < 0 || r.col[3] < 0 || r.col[4] < 0 || ((r.col[1] < 0) != (r.col[2] < 0));
	if (missing) {
		reader_free(&r);
		return cli_fail("%s: the first row must name the columns province_code, commune_code, commune_name "
				"(and district_code, district_name for a three-level list)", list);
	}
	int three = r.col[1] >= 0;
	UnitListRow *rows = calloc(r.n ? r.n : 1, sizeof *rows);
	for (size_t i = 0; rows && i < r.n; i++) {
		char **cells = r.cells + i * 5;
		rows[i] = (UnitListRow){r.rows[i], cells[0], three ? cells[1] : NULL, three ? cells[2] : NULL, cells[3], cells[4]};
	}
	Db *db = rows ? cli_open(path) : NULL;
	int rc = EXIT_FAIL;
	if (db) {
		Actor by = cli_actor();
		Problems p = {0};
		Err e = {0};
		UnitImportResult res;
		const char *base = strrchr(list, '/');
		if (unit_import_list(db, &by, rows, r.n, iso, NULL, base ? base + 1 : list, &res, &p, &e) == 0) {
			printf("%s: loaded as in force from %s: %lld new, %lld unchanged, %lld ended, %lld linked by kept code\n",
			       list, iso, (long long)res.created, (long long)res.continued, (long long)res.ended,
			       (long long)res.linked);
			rc = EXIT_OK;
		} else {
			rc = p.total ? print_problems(list, &p) : cli_fail_err(&e);
		}
		db_close(db);
	}
	free(rows);
	reader_free(&r);
	return rc;
}

int cmd_units_map(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	const char *file = path ? opt_required(c, o, "mapping") : NULL;
	if (!file)
		return EXIT_USAGE;
	Reader r = {.ncols = 2, .headers = map_headers};
	if (reader_load(file, &r) != 0) {
		reader_free(&r);
		return EXIT_FAIL;
	}
	if (r.col[0] < 0 || r.col[1] < 0) {
		reader_free(&r);
		return cli_fail("%s: the first row must name the columns old_code and new_code", file);
	}
	UnitMapRow *rows = calloc(r.n ? r.n : 1, sizeof *rows);
	for (size_t i = 0; rows && i < r.n; i++)
		rows[i] = (UnitMapRow){r.rows[i], r.cells[i * 2], r.cells[i * 2 + 1]};
	Db *db = rows ? cli_open(path) : NULL;
	int rc = EXIT_FAIL;
	if (db) {
		Actor by = cli_actor();
		Problems p = {0};
		Err e = {0};
		int64_t linked = 0;
		if (unit_import_map(db, &by, rows, r.n, &linked, &p, &e) == 0) {
			printf("%s: %lld units linked to the units that carry their history\n", file, (long long)linked);
			rc = EXIT_OK;
		} else {
			rc = p.total ? print_problems(file, &p) : cli_fail_err(&e);
		}
		db_close(db);
	}
	free(rows);
	reader_free(&r);
	return rc;
}
