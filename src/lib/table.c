/* See table.h. CSV goes through libcsv; XLSX is a zip (libzip) of XML parts read with expat:
 * _rels/.rels -> workbook -> its rels -> first sheet, shared strings and styles. */
#include "lib/table.h"

#include <csv.h>
#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "lib/buf.h"
#include "lib/utf8.h"

#define DEFAULT_MAX_ROWS 200000
#define DEFAULT_MAX_COLS 200
#define DEFAULT_MAX_CELL (32 * 1024)
#define DEFAULT_MAX_PART (50 * 1024 * 1024)
#define CHUNK (64 * 1024)
#define NS_SEP ' '  /* expat joins namespace and local name with this; never in a local name */
#define MAX_SHEET_ROW 1048576
#define MAX_SHEET_COL 16384

static TableLimits limits = {DEFAULT_MAX_ROWS, DEFAULT_MAX_COLS, DEFAULT_MAX_CELL, DEFAULT_MAX_PART};

void table_set_limits(const TableLimits *l)
{
	TableLimits d = {DEFAULT_MAX_ROWS, DEFAULT_MAX_COLS, DEFAULT_MAX_CELL, DEFAULT_MAX_PART};
	if (l) {
		if (l->max_rows)
			d.max_rows = l->max_rows;
		if (l->max_cols)
			d.max_cols = l->max_cols;
		if (l->max_cell)
			d.max_cell = l->max_cell;
		if (l->max_part)
			d.max_part = l->max_part;
	}
	limits = d;
}

void table_col_name(size_t col, char out[4])
{
	if (col == 0 || col > MAX_SHEET_COL) {
		memcpy(out, "?", 2);
		return;
	}
	char tmp[4];
	size_t n = 0;
	while (col > 0) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* ---- Row assembly, shared by both formats ---- */

typedef struct Slot {
	size_t off, len;
	TableKind kind;
	int is_date;
} Slot;

typedef struct Rows {
	TableRowFn fn;
	void *arg;
	char *err;
	size_t errlen;
	int failed;       /* err holds the reason */
	int stopped;      /* row_fn returned stop_value */
	int stop_value;
	int keep_trailing;  /* CSV: deliver trailing empty fields too */
	Buf text;         /* the current row's cell texts, each NUL-terminated */
	Slot *slots;      /* limits.max_cols of them */
	TableCell *cells;
	size_t used;      /* slots [0, used) were set in this row */
	size_t last_value;  /* 1 + index of the last non-empty slot; 0 = row is empty */
} Rows;

static void fail(Rows *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(Rows *r, const char *fmt, ...)
{
	if (r->failed || r->stopped)
		return;
	r->failed = 1;
	if (r->err && r->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(r->err, r->errlen, fmt, ap);
		va_end(ap);
	}
}

static int rows_init(Rows *r, TableRowFn fn, void *arg, char *err, size_t errlen)
{
	memset(r, 0, sizeof *r);
	r->fn = fn;
	r->arg = arg;
	r->err = err;
	r->errlen = errlen;
	if (err && errlen)
		err[0] = '\0';
	buf_init(&r->text, 0);
	r->slots = calloc(limits.max_cols, sizeof *r->slots);
	r->cells = calloc(limits.max_cols, sizeof *r->cells);
	if (!r->slots || !r->cells) {
		fail(r, "out of memory");
		return -1;
	}
	return 0;
}

static void rows_free(Rows *r)
{
	buf_free(&r->text);
	free(r->slots);
	free(r->cells);
}

static int rows_done(const Rows *r)
{
	return r->failed || r->stopped;
}

/* Sets cell col (0-based) of the current row. Returns 0, or -1 with the error recorded. */
static int rows_cell(Rows *r, size_t row, size_t col, const char *s, size_t n, TableKind kind,
	int is_date)
{
	char name[4];
	if (n == 0) {
		kind = TABLE_EMPTY;
		is_date = 0;
	}
	if (col >= limits.max_cols) {
		if (n == 0)
			return 0;
		table_col_name(col + 1, name);
		fail(r, "row %zu has a value in column %s, beyond the limit of %zu columns", row, name,
			limits.max_cols);
		return -1;
	}
	if (n > limits.max_cell) {
		table_col_name(col + 1, name);
		fail(r, "row %zu, column %s: the cell is longer than %zu bytes", row, name,
			limits.max_cell);
		return -1;
	}
	Slot *sl = &r->slots[col];
	sl->off = r->text.len;
	sl->len = n;
	sl->kind = kind;
	sl->is_date = is_date;
	buf_append(&r->text, s, n);
	buf_putc(&r->text, '\0');
	if (r->text.failed) {
		fail(r, "out of memory");
		return -1;
	}
	if (col + 1 > r->used)
		r->used = col + 1;
	if (n && col + 1 > r->last_value)
		r->last_value = col + 1;
	return 0;
}

/* Ends the current row: delivers it if it has a value, then clears it. Returns 0 or -1 (error
 * recorded, or row_fn asked to stop). */
static int rows_end(Rows *r, size_t row)
{
	int rc = 0;
	if (r->last_value) {
		size_t n = r->keep_trailing ? r->used : r->last_value;
		if (row > limits.max_rows) {
			fail(r, "the table has more than %zu rows", limits.max_rows);
			rc = -1;
		} else {
			for (size_t i = 0; i < n; i++) {
				const Slot *sl = &r->slots[i];
				r->cells[i].text = sl->len ? r->text.data + sl->off : "";
				r->cells[i].len = sl->len;
				r->cells[i].kind = sl->kind;
				r->cells[i].is_date = sl->is_date;
			}
			int v = r->fn(r->arg, row, n, r->cells);
			if (v) {
				r->stopped = 1;
				r->stop_value = v;
				rc = -1;
			}
		}
	}
	memset(r->slots, 0, r->used * sizeof *r->slots);
	r->used = 0;
	r->last_value = 0;
	buf_reset(&r->text);
	return rc;
}

static int rows_result(const Rows *r)
{
	if (r->stopped)
		return r->stop_value;
	return r->failed ? -1 : 0;
}

/* ---- CSV ---- */

typedef struct Csv {
	struct csv_parser p;
	Rows *rows;
	int started;       /* BOM and delimiter handled */
	size_t row;        /* rows counted so far (records and blank lines) */
	size_t col;        /* fields of the current record so far */
	int at_start;      /* the parser is between records at the start of this line */
	int line_nonblank; /* this line has had a byte other than CR */
	int eor_in_line;   /* a record ended during this line */
} Csv;

/* libcsv grows its field buffer with this; refusing is how a field that never ends (an open
 * quote swallowing the file) is stopped before it eats memory. */
static void *csv_capped_realloc(void *p, size_t n)
{
	if (n > limits.max_cell + 2 * CHUNK)
		return NULL;
	return realloc(p, n);
}

static int csv_no_space(unsigned char c)
{
	return 0;
}

static void csv_on_field(void *s, size_t n, void *arg)
{
	Csv *c = arg;
	Rows *r = c->rows;
	if (rows_done(r))
		return;
	size_t row = c->row + 1;
	const char *t = s ? s : "";
	if (!utf8_valid(t, n, NULL)) {
		fail(r, "row %zu is not UTF-8 — save the file as 'CSV UTF-8'", row);
		return;
	}
	if (memchr(t, '\0', n)) {
		fail(r, "row %zu contains a NUL byte — is this really a CSV file?", row);
		return;
	}
	rows_cell(r, row, c->col++, t, n, TABLE_TEXT, 0);
}

static void csv_on_record(int term, void *arg)
{
	Csv *c = arg;
	if (rows_done(c->rows))
		return;
	c->eor_in_line = 1;
	c->col = 0;
	rows_end(c->rows, ++c->row);
}

static int csv_fed_error(Csv *c)
{
	if (rows_done(c->rows))
		return -1;
	int e = csv_error(&c->p);
	if (e == CSV_ENOMEM || e == CSV_ETOOBIG)
		fail(c->rows, "row %zu: a cell is longer than %zu bytes (is a quote left open?)",
			c->row + 1, limits.max_cell);
	else
		fail(c->rows, "row %zu: %s", c->row + 1, csv_strerror(e));
	return -1;
}

static int starts_with(const char *p, size_t n, const char *magic, size_t m)
{
	return n >= m && memcmp(p, magic, m) == 0;
}

/* Handles what only the file's start can say: foreign formats, the BOM, the delimiter.
 * Returns the number of bytes to skip, or -1 on error. */
static long csv_begin(Csv *c, const char *p, size_t n)
{
	Rows *r = c->rows;
	if (starts_with(p, n, "\xFF\xFE", 2) || starts_with(p, n, "\xFE\xFF", 2)) {
		fail(r, "the file is UTF-16 (Excel's 'Unicode Text') — save it as 'CSV UTF-8'");
		return -1;
	}
	if (starts_with(p, n, "\xD0\xCF\x11\xE0", 4)) {
		fail(r, "this is an old Excel .xls file (or a password-protected workbook) — save it "
			"as .xlsx or 'CSV UTF-8'");
		return -1;
	}
	if (starts_with(p, n, "PK\x03\x04", 4)) {
		fail(r, "this is a zip file (an .xlsx workbook?), not CSV");
		return -1;
	}
	size_t skip = 0;
	if (starts_with(p, n, "\xEF\xBB\xBF", 3))
		skip = 3;
	const char *s = p + skip;
	size_t len = n - skip;
	unsigned char delim = 0;
	/* Excel's hint line "sep=;" names the delimiter and is not data (it still counts as row 1,
	 * as in a text editor). */
	if (len >= 5 && strncasecmp(s, "sep=", 4) == 0 && (s[4] == ',' || s[4] == ';' ||
		s[4] == '\t' || s[4] == '|')) {
		size_t e = 5;
		if (e < len && s[e] == '\r')
			e++;
		if (e == len || s[e] == '\n') {
			delim = (unsigned char)s[4];
			skip += e < len ? e + 1 : e;
			c->row = 1;
		}
	}
	if (!delim) {
		delim = ',';
		size_t commas = 0, semis = 0;
		int quoted = 0;
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '"')
				quoted = !quoted;
			else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
				break;
			else if (!quoted && s[i] == ',')
				commas++;
			else if (!quoted && s[i] == ';')
				semis++;
		}
		if (semis > commas)
			delim = ';';
	}
	csv_set_delim(&c->p, delim);
	return (long)skip;
}

/* Feeds n bytes. Lines are fed one at a time so blank lines, which libcsv skips silently, can
 * still be counted as rows. Returns 0 or -1 (stop: error or row_fn). */
static int csv_feed(Csv *c, const char *p, size_t n)
{
	if (!c->started) {
		c->started = 1;
		long skip = csv_begin(c, p, n);
		if (skip < 0)
			return -1;
		p += skip;
		n -= (size_t)skip;
	}
	while (n) {
		const char *nl = memchr(p, '\n', n);
		size_t k = nl ? (size_t)(nl - p) + 1 : n;
		for (size_t i = 0; i < k && !c->line_nonblank; i++)
			if (p[i] != '\r' && p[i] != '\n')
				c->line_nonblank = 1;
		if (csv_parse(&c->p, p, k, csv_on_field, csv_on_record, c) != k || rows_done(c->rows))
			return csv_fed_error(c);
		if (nl) {
			if (c->at_start && !c->line_nonblank)
				c->row++;
			else
				c->at_start = c->eor_in_line;
			c->line_nonblank = 0;
			c->eor_in_line = 0;
		}
		p += k;
		n -= k;
	}
	return 0;
}

static int csv_finish(Csv *c)
{
	if (csv_fini(&c->p, csv_on_field, csv_on_record, c) != 0 || rows_done(c->rows))
		return csv_fed_error(c);
	return 0;
}

static int csv_open(Csv *c, Rows *r)
{
	memset(c, 0, sizeof *c);
	c->rows = r;
	c->at_start = 1;
	r->keep_trailing = 1;
	if (csv_init(&c->p, 0) != 0) {
		fail(r, "out of memory");
		return -1;
	}
	csv_set_space_func(&c->p, csv_no_space);
	csv_set_realloc_func(&c->p, csv_capped_realloc);
	csv_set_blk_size(&c->p, 4096);
	return 0;
}

static void csv_read_file(FILE *f, Rows *r)
{
	Csv c;
	if (csv_open(&c, r) < 0)
		return;
	char *chunk = malloc(CHUNK);
	if (!chunk) {
		fail(r, "out of memory");
		csv_free(&c.p);
		return;
	}
	size_t n;
	int stop = 0;
	while (!stop && (n = fread(chunk, 1, CHUNK, f)) > 0)
		stop = csv_feed(&c, chunk, n) < 0;
	if (!stop && ferror(f))
		fail(r, "cannot read the file: %s", strerror(errno));
	else if (!stop)
		csv_finish(&c);
	free(chunk);
	csv_free(&c.p);
}

static void csv_read_mem(const char *data, size_t len, Rows *r)
{
	Csv c;
	if (csv_open(&c, r) < 0)
		return;
	if (csv_feed(&c, data, len) == 0)
		csv_finish(&c);
	csv_free(&c.p);
}

/* ---- XLSX ---- */

typedef struct Xlsx {
	zip_t *za;
	Rows *rows;
	XML_Parser parser;  /* the part being parsed */
	const char *part;
	int date1904;
	Buf sst;            /* shared strings, each NUL-terminated */
	size_t *sst_off;
	size_t sst_n, sst_alloc;
	unsigned char *xf_date;  /* per cellXfs index: 1 if a date or time format */
	size_t xf_n;
} Xlsx;

static void xfail(Xlsx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void xfail(Xlsx *x, const char *fmt, ...)
{
	Rows *r = x->rows;
	if (!rows_done(r)) {
		r->failed = 1;
		if (r->err && r->errlen) {
			va_list ap;
			va_start(ap, fmt);
			vsnprintf(r->err, r->errlen, fmt, ap);
			va_end(ap);
		}
	}
	if (x->parser)
		XML_StopParser(x->parser, XML_FALSE);
}

/* Stops the parser if a row call failed or row_fn asked to stop. */
static void xcheck(Xlsx *x)
{
	if (rows_done(x->rows) && x->parser)
		XML_StopParser(x->parser, XML_FALSE);
}

static const char *lname(const char *name)
{
	const char *s = strrchr(name, NS_SEP);
	return s ? s + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(lname(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* Parses a decimal number of at most 9 digits; returns 0 or -1. */
static int parse_uint(const char *s, size_t *out)
{
	size_t v = 0, n = 0;
	while (*s == ' ')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++n > 9)
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	while (*s == ' ')
		s++;
	if (n == 0 || *s)
		return -1;
	*out = v;
	return 0;
}

/* Decodes OOXML's _xHHHH_ escapes in place (Excel writes control characters and a literal
 * "_x" that way: "_x000D_", "_x005F_x"). Characters XML cannot hold are dropped. */
static void unescape_x(Buf *b)
{
	if (!b->len || !memchr(b->data, '_', b->len))
		return;
	char *s = b->data;
	size_t o = 0;
	for (size_t i = 0; i < b->len;) {
		unsigned cp = 0;
		int ok = s[i] == '_' && i + 6 < b->len && s[i + 1] == 'x' && s[i + 6] == '_';
		for (size_t k = 2; ok && k < 6; k++) {
			char h = s[i + k];
			unsigned d = h >= '0' && h <= '9' ? (unsigned)(h - '0') :
				h >= 'a' && h <= 'f' ? (unsigned)(h - 'a' + 10) :
				h >= 'A' && h <= 'F' ? (unsigned)(h - 'A' + 10) : 16;
			ok = d < 16;
			cp = cp * 16 + d;
		}
		if (!ok) {
			s[o++] = s[i++];
			continue;
		}
		i += 7;
		if (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp < 0x80)) {
			s[o++] = (char)cp;
		} else if (cp >= 0x80 && cp < 0x800) {
			s[o++] = (char)(0xC0 | cp >> 6);
			s[o++] = (char)(0x80 | (cp & 0x3F));
		} else if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) && cp <= 0xFFFD) {
			s[o++] = (char)(0xE0 | cp >> 12);
			s[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			s[o++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	b->len = o;
	s[o] = '\0';
}

/* Every handler context below starts with the Xlsx pointer, so handlers that serve all parts
 * (this one) can reach it. A DTD is refused outright: OOXML parts never have one, and entity
 * expansion is the zip bomb of XML. */
static void xml_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
	const XML_Char *pubid, int has_internal_subset)
{
	Xlsx *x = *(Xlsx **)ud;
	xfail(x, "%s has a DTD, which XLSX files never have", x->part);
}

/* Finds a part by name (exactly, then ignoring case). Returns its index or -1. */
static zip_int64_t part_find(Xlsx *x, const char *name)
{
	zip_int64_t i = zip_name_locate(x->za, name, 0);
	if (i < 0)
		i = zip_name_locate(x->za, name, ZIP_FL_NOCASE);
	return i;
}

/* Streams one XML part through expat with the given handlers and user data ud (a context
 * whose first member is the Xlsx pointer). Returns 0, 1 if the part does not exist, -1 on
 * error or stop. */
static int part_parse(Xlsx *x, const char *name, XML_StartElementHandler start,
	XML_EndElementHandler end, XML_CharacterDataHandler text, void *ud)
{
	zip_int64_t idx = part_find(x, name);
	if (idx < 0)
		return 1;
	zip_stat_t st;
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
		st.size > limits.max_part) {
		xfail(x, "%s is larger than %zu bytes uncompressed (a zip bomb?)", name,
			limits.max_part);
		return -1;
	}
	zip_file_t *zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!zf) {
		xfail(x, "cannot read %s from the workbook: %s", name, zip_strerror(x->za));
		return -1;
	}
	XML_Parser p = XML_ParserCreateNS("UTF-8", NS_SEP);
	char *chunk = malloc(CHUNK);
	if (!p || !chunk) {
		if (p)
			XML_ParserFree(p);
		free(chunk);
		zip_fclose(zf);
		xfail(x, "out of memory");
		return -1;
	}
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	XML_SetStartDoctypeDeclHandler(p, xml_doctype);
	x->parser = p;
	x->part = name;
	int rc = 0;
	size_t total = 0;
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, CHUNK);
		if (n < 0) {
			xfail(x, "%s is damaged: %s", name, zip_file_strerror(zf));
			rc = -1;
			break;
		}
		total += (size_t)n;
		if (total > limits.max_part) {
			xfail(x, "%s is larger than %zu bytes uncompressed (a zip bomb?)", name,
				limits.max_part);
			rc = -1;
			break;
		}
		if (XML_Parse(p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
			if (!rows_done(x->rows))
				xfail(x, "%s is not well-formed XML (line %lu: %s)", name,
					(unsigned long)XML_GetCurrentLineNumber(p),
					XML_ErrorString(XML_GetErrorCode(p)));
			rc = -1;
			break;
		}
		if (rows_done(x->rows)) {
			rc = -1;
			break;
		}
		if (n == 0)
			break;
	}
	x->parser = NULL;
	XML_ParserFree(p);
	free(chunk);
	zip_fclose(zf);
	return rc;
}

/* Resolves a relationship target against the part that holds the relationship, the way OPC
 * does: absolute targets start at the package root, relative ones at the source's folder. */
static int part_resolve(const char *source, const char *target, char *out, size_t outlen)
{
	char tmp[1024];
	const char *slash = strrchr(source, '/');
	size_t dir = slash ? (size_t)(slash - source) + 1 : 0;
	int n;
	if (target[0] == '/')
		n = snprintf(tmp, sizeof tmp, "%s", target + 1);
	else
		n = snprintf(tmp, sizeof tmp, "%.*s%s", (int)dir, source, target);
	if (n < 0 || (size_t)n >= sizeof tmp)
		return -1;
	/* Normalise "." and ".." segments. */
	size_t o = 0;
	char *save = NULL;
	out[0] = '\0';
	for (char *seg = strtok_r(tmp, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			char *up = o ? strrchr(out, '/') : NULL;
			o = up ? (size_t)(up - out) : 0;
			out[o] = '\0';
			continue;
		}
		size_t len = strlen(seg);
		if (o + (o ? 1 : 0) + len + 1 > outlen)
			return -1;
		if (o)
			out[o++] = '/';
		memcpy(out + o, seg, len + 1);
		o += len;
	}
	return o ? 0 : -1;
}

/* _rels/.rels and the workbook's rels: what we look for is set before parsing. */
typedef struct RelsCtx {
	Xlsx *x;
	const char *want_id;      /* Id to find, or NULL */
	char found[512];          /* target of want_id */
	char sst[512], styles[512], office[512];
} RelsCtx;

static void copy_str(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s ? s : "");
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	RelsCtx *c = ud;
	if (strcmp(lname(name), "Relationship") != 0)
		return;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	const char *type = attr(atts, "Type"), *mode = attr(atts, "TargetMode");
	if (!target || (mode && strcmp(mode, "External") == 0))
		return;
	if (c->want_id && id && strcmp(id, c->want_id) == 0)
		copy_str(c->found, sizeof c->found, target);
	if (type && ends_with(type, "/sharedStrings"))
		copy_str(c->sst, sizeof c->sst, target);
	if (type && ends_with(type, "/styles"))
		copy_str(c->styles, sizeof c->styles, target);
	if (type && ends_with(type, "/officeDocument") && !c->office[0])
		copy_str(c->office, sizeof c->office, target);
}

static void ignore_end(void *ud, const XML_Char *name)
{
}

/* xl/workbook.xml: the first visible sheet and the date system. */
typedef struct WorkbookCtx {
	Xlsx *x;
	int nsheets;
	char first_rid[256], visible_rid[256];
} WorkbookCtx;

static void workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	WorkbookCtx *c = ud;
	const char *ln = lname(name);
	if (strcmp(ln, "workbookPr") == 0) {
		const char *d = attr(atts, "date1904");
		c->x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
	} else if (strcmp(ln, "sheet") == 0) {
		const char *rid = attr(atts, "id"), *state = attr(atts, "state");
		if (!rid)
			return;
		if (c->nsheets++ == 0)
			copy_str(c->first_rid, sizeof c->first_rid, rid);
		if (!c->visible_rid[0] && (!state || strcmp(state, "visible") == 0))
			copy_str(c->visible_rid, sizeof c->visible_rid, rid);
	}
}

/* xl/sharedStrings.xml */
typedef struct SstCtx {
	Xlsx *x;
	int in_si, in_t, in_rph;
	Buf cur;
} SstCtx;

static void sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	SstCtx *c = ud;
	const char *ln = lname(name);
	if (strcmp(ln, "si") == 0) {
		c->in_si = 1;
		buf_reset(&c->cur);
	} else if (c->in_si && strcmp(ln, "t") == 0) {
		c->in_t = 1;
	} else if (c->in_si && strcmp(ln, "rPh") == 0) {
		c->in_rph = 1;
	}
}

static void sst_end(void *ud, const XML_Char *name)
{
	SstCtx *c = ud;
	Xlsx *x = c->x;
	const char *ln = lname(name);
	if (strcmp(ln, "t") == 0) {
		c->in_t = 0;
	} else if (strcmp(ln, "rPh") == 0) {
		c->in_rph = 0;
	} else if (strcmp(ln, "si") == 0 && c->in_si) {
		c->in_si = 0;
		unescape_x(&c->cur);
		if (x->sst_n == x->sst_alloc) {
			size_t n = x->sst_alloc ? x->sst_alloc * 2 : 1024;
			size_t *p = realloc(x->sst_off, n * sizeof *p);
			if (!p) {
				xfail(x, "out of memory");
				return;
			}
			x->sst_off = p;
			x->sst_alloc = n;
		}
		x->sst_off[x->sst_n++] = x->sst.len;
		buf_append(&x->sst, c->cur.data ? c->cur.data : "", c->cur.len);
		buf_putc(&x->sst, '\0');
		if (c->cur.failed || x->sst.failed)
			xfail(x, "out of memory");
	}
}

static void sst_text(void *ud, const XML_Char *s, int len)
{
	SstCtx *c = ud;
	if (c->in_si && c->in_t && !c->in_rph)
		buf_append(&c->cur, s, (size_t)len);
}

/* xl/styles.xml: which cell formats (cellXfs) show numbers as dates. */
typedef struct StylesCtx {
	Xlsx *x;
	int in_numfmts, in_cellxfs;
	/* custom formats that are dates */
	size_t *date_ids;
	size_t ndate, adate;
	/* numFmtId of each cellXfs entry */
	size_t *xf_fmt;
	size_t nxf, axf;
} StylesCtx;

static int push_size(size_t **v, size_t *n, size_t *alloc, size_t value)
{
	if (*n == *alloc) {
		size_t a = *alloc ? *alloc * 2 : 64;
		size_t *p = realloc(*v, a * sizeof *p);
		if (!p)
			return -1;
		*v = p;
		*alloc = a;
	}
	(*v)[(*n)++] = value;
	return 0;
}

/* Whether a number format code shows a date: it has d, y or a month m outside quoted text,
 * escapes and [brackets]. An m right after an h or right before an s is minutes, so "h:mm",
 * "mm:ss" and "[h]:mm" are times, not dates. */
static int format_is_date(const char *f)
{
	char prev = 0;  /* last date/time letter seen: h, m, s */
	for (size_t i = 0; f[i]; i++) {
		char c = f[i];
		char l = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		if (c == '"') {
			while (f[i + 1] && f[i + 1] != '"')
				i++;
			if (f[i + 1])
				i++;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (f[i + 1])
				i++;
		} else if (c == '[') {
			char in = f[i + 1];
			in = (char)(in >= 'A' && in <= 'Z' ? in + 32 : in);
			if (in == 'h' || in == 'm' || in == 's')
				prev = in;
			while (f[i + 1] && f[i + 1] != ']')
				i++;
			if (f[i + 1])
				i++;
		} else if (strncasecmp(f + i, "am/pm", 5) == 0) {
			i += 4;
		} else if (strncasecmp(f + i, "a/p", 3) == 0) {
			i += 2;
		} else if (l == 'd' || l == 'y') {
			return 1;
		} else if (l == 'h' || l == 's') {
			prev = l;
		} else if (l == 'm') {
			size_t j = i;
			while (f[j] == 'm' || f[j] == 'M')
				j++;
			size_t k = j;
			while (f[k] && !((f[k] >= 'a' && f[k] <= 'z') || (f[k] >= 'A' && f[k] <= 'Z')))
				k++;
			int minutes = prev == 'h' || f[k] == 's' || f[k] == 'S';
			if (!minutes)
				return 1;
			prev = 'm';
			i = j - 1;
		}
	}
	return 0;
}

static int builtin_is_date(size_t id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

static void styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	StylesCtx *c = ud;
	const char *ln = lname(name);
	size_t id;
	if (strcmp(ln, "numFmts") == 0) {
		c->in_numfmts = 1;
	} else if (strcmp(ln, "cellXfs") == 0) {
		c->in_cellxfs = 1;
	} else if (c->in_numfmts && strcmp(ln, "numFmt") == 0) {
		const char *sid = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (sid && code && parse_uint(sid, &id) == 0 && format_is_date(code) &&
			push_size(&c->date_ids, &c->ndate, &c->adate, id) < 0)
			xfail(c->x, "out of memory");
	} else if (c->in_cellxfs && strcmp(ln, "xf") == 0) {
		const char *sid = attr(atts, "numFmtId");
		if (!sid || parse_uint(sid, &id) < 0)
			id = 0;
		if (push_size(&c->xf_fmt, &c->nxf, &c->axf, id) < 0)
			xfail(c->x, "out of memory");
	}
}

static void styles_end(void *ud, const XML_Char *name)
{
	StylesCtx *c = ud;
	const char *ln = lname(name);
	if (strcmp(ln, "numFmts") == 0)
		c->in_numfmts = 0;
	else if (strcmp(ln, "cellXfs") == 0)
		c->in_cellxfs = 0;
}

static void no_text(void *ud, const XML_Char *s, int len)
{
}

static int styles_load(Xlsx *x, const char *part)
{
	StylesCtx c = {.x = x};
	int rc = part_parse(x, part, styles_start, styles_end, no_text, &c);
	if (rc == 0 && c.nxf) {
		x->xf_date = calloc(c.nxf, 1);
		if (!x->xf_date) {
			xfail(x, "out of memory");
			rc = -1;
		} else {
			x->xf_n = c.nxf;
			for (size_t i = 0; i < c.nxf; i++) {
				int d = builtin_is_date(c.xf_fmt[i]);
				for (size_t k = 0; !d && k < c.ndate; k++)
					d = c.date_ids[k] == c.xf_fmt[i];
				x->xf_date[i] = (unsigned char)d;
			}
		}
	}
	free(c.date_ids);
	free(c.xf_fmt);
	return rc < 0 ? -1 : 0;
}

/* The sheet itself. */
typedef struct SheetCtx {
	Xlsx *x;
	int in_data, in_row, in_c, in_v, in_is, in_t, in_rph;
	size_t row, prev_row;  /* 1-based; prev_row 0 before the first row */
	size_t col, prev_col;  /* 1-based */
	char type[16];
	size_t style;
	Buf val;
} SheetCtx;

/* Parses a cell reference such as "C7"; returns the 1-based column or 0 if invalid. */
static size_t ref_col(const char *ref)
{
	size_t col = 0, n = 0;
	for (; (*ref >= 'A' && *ref <= 'Z') || (*ref >= 'a' && *ref <= 'z'); ref++) {
		if (++n > 3)
			return 0;
		col = col * 26 + (size_t)((*ref | 0x20) - 'a' + 1);
	}
	if (n == 0 || col > MAX_SHEET_COL)
		return 0;
	if (*ref == '$')
		ref++;
	size_t row;
	if (*ref && (parse_uint(ref, &row) < 0 || row == 0))
		return 0;
	return col;
}

/* A 1904-system serial becomes a 1900-system one by adding 1462 days. Only plain decimals are
 * shifted; Excel writes dates no other way. */
static void shift_1904(Buf *v)
{
	size_t i = 0, ip = 0;
	while (i < v->len && v->data[i] >= '0' && v->data[i] <= '9' && i < 9)
		ip = ip * 10 + (size_t)(v->data[i++] - '0');
	if (i == 0 || (i < v->len && v->data[i] != '.'))
		return;
	for (size_t k = i + 1; k < v->len; k++)
		if (v->data[k] < '0' || v->data[k] > '9')
			return;
	Buf out;
	buf_init(&out, 0);
	buf_printf(&out, "%zu%s", ip + 1462, v->data + i);
	if (!out.failed) {
		buf_reset(v);
		buf_append(v, out.data, out.len);
	}
	buf_free(&out);
}

static void cell_finish(SheetCtx *c)
{
	Xlsx *x = c->x;
	Rows *r = x->rows;
	char name[4];
	if (c->val.failed) {
		table_col_name(c->col, name);
		xfail(x, "row %zu, column %s: the cell is longer than %zu bytes", c->row, name,
			limits.max_cell);
		return;
	}
	const char *t = c->type;
	const char *s = c->val.data ? c->val.data : "";
	size_t n = c->val.len;
	TableKind kind = TABLE_TEXT;
	int is_date = 0;
	if (strcmp(t, "s") == 0) {
		size_t i;
		if (n == 0)
			return;
		if (parse_uint(s, &i) < 0 || i >= x->sst_n) {
			table_col_name(c->col, name);
			xfail(x, "row %zu, column %s refers to shared string %s, which the file lacks",
				c->row, name, s);
			return;
		}
		s = x->sst.data + x->sst_off[i];
		n = strlen(s);
	} else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
		unescape_x(&c->val);
		s = c->val.data ? c->val.data : "";
		n = c->val.len;
	} else if (strcmp(t, "b") == 0) {
		if (n == 0)
			return;
		s = strcmp(s, "1") == 0 || strcmp(s, "true") == 0 ? "TRUE" : "FALSE";
		n = strlen(s);
		kind = TABLE_BOOL;
	} else if (strcmp(t, "e") == 0) {
		kind = TABLE_ERROR;
	} else if (strcmp(t, "n") == 0) {
		kind = TABLE_NUMBER;
		is_date = c->style < x->xf_n && x->xf_date[c->style];
		if (is_date && x->date1904) {
			shift_1904(&c->val);
			s = c->val.data ? c->val.data : "";
			n = c->val.len;
		}
	}
	/* Anything else ("d": an ISO date in strict OOXML, or unknown) is passed on as text. */
	if (kind == TABLE_TEXT && !utf8_valid(s, n, NULL)) {
		table_col_name(c->col, name);
		xfail(x, "row %zu, column %s is not valid UTF-8", c->row, name);
		return;
	}
	if (rows_cell(r, c->row, c->col - 1, s, n, kind, is_date) < 0)
		xcheck(x);
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	SheetCtx *c = ud;
	const char *ln = lname(name);
	if (!c->in_data) {
		if (strcmp(ln, "sheetData") == 0)
			c->in_data = 1;
		return;
	}
	if (strcmp(ln, "row") == 0) {
		const char *r = attr(atts, "r");
		size_t row = c->prev_row + 1;
		if (r && (parse_uint(r, &row) < 0 || row == 0 || row > MAX_SHEET_ROW)) {
			xfail(c->x, "the sheet has a row numbered '%s'", r);
			return;
		}
		if (row <= c->prev_row) {
			xfail(c->x, "the sheet's rows are out of order (row %zu after row %zu)", row,
				c->prev_row);
			return;
		}
		c->in_row = 1;
		c->row = row;
		c->prev_col = 0;
	} else if (c->in_row && strcmp(ln, "c") == 0) {
		const char *ref = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
		size_t col = c->prev_col + 1;
		if (ref && (col = ref_col(ref)) == 0) {
			xfail(c->x, "the sheet has a cell reference '%s' that is not valid", ref);
			return;
		}
		if (col > MAX_SHEET_COL) {
			xfail(c->x, "row %zu has more cells than a sheet can hold", c->row);
			return;
		}
		c->in_c = 1;
		c->col = col;
		copy_str(c->type, sizeof c->type, t ? t : "n");
		if (!s || parse_uint(s, &c->style) < 0)
			c->style = 0;
		buf_reset(&c->val);
	} else if (c->in_c) {
		if (strcmp(ln, "v") == 0)
			c->in_v = 1;
		else if (strcmp(ln, "is") == 0)
			c->in_is = 1;
		else if (strcmp(ln, "t") == 0)
			c->in_t = 1;
		else if (strcmp(ln, "rPh") == 0)
			c->in_rph = 1;
	}
}

static void sheet_end(void *ud, const XML_Char *name)
{
	SheetCtx *c = ud;
	const char *ln = lname(name);
	if (!c->in_data)
		return;
	if (strcmp(ln, "sheetData") == 0) {
		c->in_data = 0;
	} else if (strcmp(ln, "row") == 0 && c->in_row) {
		c->in_row = 0;
		c->prev_row = c->row;
		if (rows_end(c->x->rows, c->row) < 0)
			xcheck(c->x);
	} else if (strcmp(ln, "c") == 0 && c->in_c) {
		c->in_c = 0;
		c->prev_col = c->col;
		cell_finish(c);
	} else if (strcmp(ln, "v") == 0) {
		c->in_v = 0;
	} else if (strcmp(ln, "is") == 0) {
		c->in_is = 0;
	} else if (strcmp(ln, "t") == 0) {
		c->in_t = 0;
	} else if (strcmp(ln, "rPh") == 0) {
		c->in_rph = 0;
	}
}

static void sheet_text(void *ud, const XML_Char *s, int len)
{
	SheetCtx *c = ud;
	if (c->in_c && (c->in_v || (c->in_is && c->in_t && !c->in_rph)))
		buf_append(&c->val, s, (size_t)len);
}

/* Reads the workbook's parts in the order they are needed; returns once an error is recorded
 * or the sheet is done. */
static void xlsx_parts(Xlsx *x)
{
	RelsCtx root = {.x = x};
	char workbook[512] = "xl/workbook.xml", wrels[600], sheet[512], part[512];
	if (part_parse(x, "_rels/.rels", rels_start, ignore_end, no_text, &root) < 0)
		return;
	if (root.office[0] && part_resolve("", root.office, workbook, sizeof workbook) < 0) {
		xfail(x, "the workbook's part name '%s' is not valid", root.office);
		return;
	}
	WorkbookCtx wb = {.x = x};
	int rc = part_parse(x, workbook, workbook_start, ignore_end, no_text, &wb);
	if (rc < 0)
		return;
	if (rc > 0) {
		if (part_find(x, "content.xml") >= 0)
			xfail(x, "this is an OpenDocument spreadsheet (.ods) — save it as .xlsx");
		else
			xfail(x, "not an XLSX workbook: the file has no %s", workbook);
		return;
	}
	if (wb.nsheets == 0) {
		xfail(x, "the workbook has no sheets");
		return;
	}
	const char *slash = strrchr(workbook, '/');
	size_t dir = slash ? (size_t)(slash - workbook) + 1 : 0;
	snprintf(wrels, sizeof wrels, "%.*s_rels/%s.rels", (int)dir, workbook, workbook + dir);
	RelsCtx rels = {.x = x, .want_id = wb.visible_rid[0] ? wb.visible_rid : wb.first_rid};
	if (part_parse(x, wrels, rels_start, ignore_end, no_text, &rels) < 0)
		return;
	if (!rels.found[0] || part_resolve(workbook, rels.found, sheet, sizeof sheet) < 0) {
		xfail(x, "the workbook does not say where its first sheet is (%s)", wrels);
		return;
	}
	/* Shared strings and styles are optional; without a relationship, try the usual names. */
	if (part_resolve(workbook, rels.sst[0] ? rels.sst : "sharedStrings.xml", part,
		sizeof part) == 0) {
		SstCtx sc = {.x = x};
		buf_init(&sc.cur, limits.max_part);
		rc = part_parse(x, part, sst_start, sst_end, sst_text, &sc);
		buf_free(&sc.cur);
		if (rc < 0)
			return;
	}
	if (part_resolve(workbook, rels.styles[0] ? rels.styles : "styles.xml", part,
		sizeof part) == 0 && styles_load(x, part) < 0)
		return;
	SheetCtx sh = {.x = x};
	buf_init(&sh.val, limits.max_cell);
	rc = part_parse(x, sheet, sheet_start, sheet_end, sheet_text, &sh);
	buf_free(&sh.val);
	if (rc > 0)
		xfail(x, "the first sheet (%s) is missing from the file", sheet);
}

static void xlsx_read(zip_t *za, Rows *r)
{
	Xlsx x = {.za = za, .rows = r};
	buf_init(&x.sst, 0);
	xlsx_parts(&x);
	buf_free(&x.sst);
	free(x.sst_off);
	free(x.xf_date);
}

static void xlsx_open_failed(Rows *r, zip_error_t *ze)
{
	if (zip_error_code_zip(ze) == ZIP_ER_NOZIP)
		fail(r, "not a valid XLSX file: it is not a zip archive");
	else
		fail(r, "not a valid XLSX file: %s", zip_error_strerror(ze));
}

/* ---- Entry points ---- */

static TableFormat detect(const char *p, size_t n, const char *name)
{
	if (starts_with(p, n, "PK\x03\x04", 4))
		return TABLE_XLSX;
	if (name) {
		const char *dot = strrchr(name, '.');
		if (dot && (strcasecmp(dot, ".xlsx") == 0 || strcasecmp(dot, ".xlsm") == 0) &&
			!starts_with(p, n, "\xD0\xCF\x11\xE0", 4))
			return TABLE_XLSX;
	}
	return TABLE_CSV;
}

int table_read(const char *path, TableFormat fmt, TableRowFn row_fn, void *arg, char *err,
	size_t errlen)
{
	Rows r;
	if (rows_init(&r, row_fn, arg, err, errlen) == 0) {
		FILE *f = fopen(path, "rb");
		if (!f) {
			fail(&r, "cannot open the file: %s", strerror(errno));
		} else {
			if (fmt == TABLE_AUTO) {
				char magic[4];
				size_t n = fread(magic, 1, sizeof magic, f);
				fmt = detect(magic, n, path);
				rewind(f);
			}
			if (fmt == TABLE_XLSX) {
				int code = 0;
				zip_t *za = zip_open(path, ZIP_RDONLY, &code);
				if (!za) {
					zip_error_t ze;
					zip_error_init_with_code(&ze, code);
					xlsx_open_failed(&r, &ze);
					zip_error_fini(&ze);
				} else {
					xlsx_read(za, &r);
					zip_discard(za);
				}
			} else {
				csv_read_file(f, &r);
			}
			fclose(f);
		}
	}
	int rc = rows_result(&r);
	if (r.stopped && err && errlen)
		err[0] = '\0';
	rows_free(&r);
	return rc;
}

int table_read_mem(const void *data, size_t len, const char *name, TableFormat fmt,
	TableRowFn row_fn, void *arg, char *err, size_t errlen)
{
	Rows r;
	const char *p = data ? data : "";
	if (rows_init(&r, row_fn, arg, err, errlen) == 0) {
		if (fmt == TABLE_AUTO)
			fmt = detect(p, len, name);
		if (fmt == TABLE_XLSX) {
			zip_error_t ze;
			zip_error_init(&ze);
			zip_source_t *src = zip_source_buffer_create(p, len, 0, &ze);
			zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
			if (!za) {
				xlsx_open_failed(&r, &ze);
				if (src)
					zip_source_free(src);
			} else {
				xlsx_read(za, &r);
				zip_discard(za);
			}
			zip_error_fini(&ze);
		} else {
			csv_read_mem(p, len, &r);
		}
	}
	int rc = rows_result(&r);
	if (r.stopped && err && errlen)
		err[0] = '\0';
	rows_free(&r);
	return rc;
}

/* ---- Dates ---- */

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil_from_days(long z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

int table_serial_to_iso(const char *serial, char out[11])
{
	/* Split into significant digits and the position of the decimal point, without strtod
	 * (its decimal separator follows the locale). */
	char digits[40];
	size_t nd = 0;
	long point = -1, exp10 = 0;
	const char *s = serial;
	if (!s)
		return -1;
	if (*s == '+')
		s++;
	int any = 0;
	for (; (*s >= '0' && *s <= '9') || *s == '.'; s++) {
		if (*s == '.') {
			if (point >= 0)
				return -1;
			point = (long)nd;
			continue;
		}
		any = 1;
		if (nd == 0 && *s == '0' && point < 0)
			continue;  /* leading zeros of the integer part */
		if (nd < sizeof digits - 1)
			digits[nd++] = *s;
		else if (point < 0)
			return -1;  /* too large */
	}
	if (!any)
		return -1;
	if (point < 0)
		point = (long)nd;
	if (*s == 'e' || *s == 'E') {
		s++;
		int neg = *s == '-';
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return -1;
		for (; *s >= '0' && *s <= '9'; s++) {
			exp10 = exp10 * 10 + (*s - '0');
			if (exp10 > 100)
				return -1;
		}
		point += neg ? -exp10 : exp10;
	}
	if (*s)
		return -1;
	/* Integer part: digits[0..point); fraction: the rest. */
	long days = 0;
	for (long i = 0; i < point; i++) {
		days = days * 10 + (i < (long)nd ? digits[i] - '0' : 0);
		if (days > 2958465)
			return -1;
	}
	/* Round up a fraction within a millisecond of midnight (1 ms = 1.157e-8 days). */
	double frac = 0, scale = 0.1;
	for (long i = point < 0 ? 0 : point; i < (long)nd && scale > 1e-15; i++) {
		if (i >= 0)
			frac += (digits[i] - '0') * scale;
		scale /= 10;
	}
	if (point < 0)
		for (long i = point; i < 0; i++)
			frac /= 10;
	if (frac >= 1.0 - 0.5 / 86400000.0)
		days++;
	if (days < 1 || days > 2958465 || days == 60)
		return -1;
	/* Serial 1 is 1900-01-01; serial 61 is 1900-03-01 because Excel counts a 29 February. */
	long unix_days = days < 60 ? days - 25568 : days - 25569;
	int y;
	unsigned m, d;
	civil_from_days(unix_days, &y, &m, &d);
	/* By hand: the range checks above bound y to 1900..9999, which snprintf's checker cannot
	 * see at -O2. */
	unsigned yy = (unsigned)y;
	out[0] = (char)('0' + yy / 1000 % 10);
	out[1] = (char)('0' + yy / 100 % 10);
	out[2] = (char)('0' + yy / 10 % 10);
	out[3] = (char)('0' + yy % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return 0;
}
