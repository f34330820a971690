/* Past months' reports from .xlsx and .csv (see import.h): finding the club, month, status and
 * indicator columns, checking every row, trying every month through report_save_in_tx in a
 * transaction that is rolled back (so the preview runs the commit's own checks: the catalogue's
 * rules, the balance rule against the month before, the plausibility warnings), and the load. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/club.h"
#include "core/import.h"
#include "core/import_int.h"
#include "core/indicator.h"
#include "core/report.h"
#include "core/unit.h"
#include "lib/table.h"
#include "lib/vi.h"

/* ---- the fixed columns and their headings ---- */

enum RField { R_STT, R_CLUB, R_CLUB_NAME, R_PERIOD, R_YEAR, R_STATUS, R_COUNT };

static const char *const rfield_key[R_COUNT] = {
	[R_STT] = "number", [R_CLUB] = "club_code", [R_CLUB_NAME] = "club_name",
	[R_PERIOD] = "period", [R_YEAR] = "year", [R_STATUS] = "status",
};

typedef struct RHead {
	int field;
	const char *key;
	int prefix;             /* also a heading that starts with the key and a space */
} RHead;

static const RHead rheads[] = {
	{R_STT, "stt", 0}, {R_STT, "tt", 0}, {R_STT, "so tt", 0}, {R_STT, "so thu tu", 0}, {R_STT, "no", 0},
	{R_CLUB, "ma clb", 1}, {R_CLUB, "ma cau lac bo", 1}, {R_CLUB, "ma so clb", 0}, {R_CLUB, "club code", 0},
	{R_CLUB, "ma", 0}, {R_CLUB, "code", 0}, {R_CLUB, "clb ma", 0}, {R_CLUB, "ma club", 0},
	{R_CLUB_NAME, "ten clb", 1}, {R_CLUB_NAME, "ten cau lac bo", 1}, {R_CLUB_NAME, "club name", 0},
	{R_CLUB_NAME, "club", 0}, {R_CLUB_NAME, "clb", 0}, {R_CLUB_NAME, "cau lac bo", 0}, {R_CLUB_NAME, "ten", 0},
	{R_PERIOD, "thang", 0}, {R_PERIOD, "thang bao cao", 1}, {R_PERIOD, "ky bao cao", 1}, {R_PERIOD, "ky", 0},
	{R_PERIOD, "ky bc", 0}, {R_PERIOD, "bao cao thang", 0}, {R_PERIOD, "thang nam", 0}, {R_PERIOD, "thoi gian", 0},
	{R_PERIOD, "month", 0}, {R_PERIOD, "period", 0}, {R_PERIOD, "report month", 0}, {R_PERIOD, "thang yyyy mm", 0},
	{R_PERIOD, "thang mm yyyy", 0},
	{R_YEAR, "nam", 0}, {R_YEAR, "year", 0}, {R_YEAR, "nam bao cao", 0},
	{R_STATUS, "trang thai", 1}, {R_STATUS, "tinh trang", 1}, {R_STATUS, "status", 0},
	{-1, NULL, 0},
};

static int key_starts(const char *h, const char *key)
{
	size_t n = strlen(key);
	return strncmp(h, key, n) == 0 && h[n] == ' ';
}

/* The fixed field a folded heading names, or -1. Exact matches win; then the longest prefix. */
static int rfield_of(const char *h, const char *hp)
{
	for (const RHead *x = rheads; x->key; x++)
		if (strcmp(h, x->key) == 0 || strcmp(hp, x->key) == 0)
			return x->field;
	int found = -1;
	size_t best = 0;
	for (const RHead *x = rheads; x->key; x++) {
		size_t n = strlen(x->key);
		if (x->prefix && n > best && (key_starts(h, x->key) || key_starts(hp, x->key))) {
			found = x->field;
			best = n;
		}
	}
	return found;
}

/* ---- the indicators of the catalogue in force, and their headings ---- */

typedef struct RInd {
	Indicator in;
	char *k_code, *k_vi, *k_en; /* folded: "meet attend", "so thanh vien du hop", ... */
	char *s_vi, *s_en;          /* the same without filler words ("so", "trong thang", "dong") */
	size_t col;                 /* its column in the file, 0 when none */
} RInd;

typedef struct RInds {
	RInd *v;
	size_t n, cap;
	int failed;
} RInds;

/* Words a heading may add or leave out around an indicator's label. */
static int filler(const char *w, size_t n)
{
	static const char *const words[] = {"so", "trong", "thang", "cuoi", "cua", "clb", "dong", "vnd", "d",
					    "the", "in", "month", "of", "number", "a", "tong", "luong", NULL};
	for (size_t i = 0; words[i]; i++)
		if (strlen(words[i]) == n && strncmp(words[i], w, n) == 0)
			return 1;
	return 0;
}

/* A folded key without filler words; malloc'd. */
static char *simplify(const char *k)
{
	char *out = malloc(strlen(k) + 1);
	if (!out)
		return NULL;
	size_t j = 0;
	for (const char *p = k; *p;) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t n = (size_t)(p - w);
		if (n && !filler(w, n)) {
			if (j)
				out[j++] = ' ';
			memcpy(out + j, w, n);
			j += n;
		}
	}
	out[j] = '\0';
	return out;
}

static void ind_add(const Indicator *x, void *arg)
{
	RInds *a = arg;
	if (a->failed)
		return;
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 48;
		RInd *p = realloc(a->v, cap * sizeof *p);
		if (!p) {
			a->failed = 1;
			return;
		}
		a->v = p;
		a->cap = cap;
	}
	RInd *r = &a->v[a->n++];
	memset(r, 0, sizeof *r);
	r->in = *x;
	r->k_code = import_x_heading_key(x->code, 0);
	r->k_vi = import_x_heading_key(x->label_vi, 1);
	r->k_en = import_x_heading_key(x->label_en, 1);
	r->s_vi = r->k_vi ? simplify(r->k_vi) : NULL;
	r->s_en = r->k_en ? simplify(r->k_en) : NULL;
	if (!r->k_code || !r->k_vi || !r->k_en || !r->s_vi || !r->s_en)
		a->failed = 1;
}

static void inds_free(RInds *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].k_code);
		free(a->v[i].k_vi);
		free(a->v[i].k_en);
		free(a->v[i].s_vi);
		free(a->v[i].s_en);
	}
	free(a->v);
}

static int computed(const RInd *x)
{
	return strcmp(x->in.source, "members") == 0;
}

/* The indicator a heading names, or -1: its code (alone or in brackets), its label in either
 * language, the label with filler words left out, or a heading that starts with the label. */
static int ind_of(const RInds *a, const char *text, const char *h, const char *hp)
{
	/* "Số thành viên dự họp (MEET_ATTEND)": the code in brackets decides. */
	const char *open = strchr(text, '(');
	while (open) {
		const char *close = strchr(open, ')');
		if (!close)
			break;
		char code[INDICATOR_CODE_MAX + 2];
		size_t n = (size_t)(close - open - 1);
		while (n && open[1] == ' ') {
			open++;
			n--;
		}
		while (n && open[n] == ' ')
			n--;
		if (n && n <= INDICATOR_CODE_MAX) {
			for (size_t i = 0; i < n; i++)
				code[i] = (char)toupper((unsigned char)open[1 + i]);
			code[n] = '\0';
			for (size_t i = 0; i < a->n; i++)
				if (strcmp(a->v[i].in.code, code) == 0)
					return (int)i;
		}
		open = strchr(close, '(');
	}
	for (size_t i = 0; i < a->n; i++) {
		const RInd *x = &a->v[i];
		if (strcmp(h, x->k_code) == 0 || strcmp(h, x->k_vi) == 0 || strcmp(hp, x->k_vi) == 0 ||
		    strcmp(h, x->k_en) == 0 || strcmp(hp, x->k_en) == 0)
			return (int)i;
	}
	int found = -1, count = 0;
	char *s = simplify(hp);
	for (size_t i = 0; s && *s && i < a->n; i++)
		if (strcmp(s, a->v[i].s_vi) == 0 || strcmp(s, a->v[i].s_en) == 0) {
			found = (int)i;
			count++;
		}
	if (count == 1) {
		free(s);
		return found;
	}
	/* A heading that says more ("Số thành viên dự họp trong tháng này"): the longest label it
	 * starts with. */
	size_t best = 0;
	found = -1;
	for (size_t i = 0; i < a->n; i++) {
		const RInd *x = &a->v[i];
		const char *keys[] = {x->k_vi, x->k_en};
		for (int k = 0; k < 2; k++) {
			size_t n = strlen(keys[k]);
			if (n > best && strchr(keys[k], ' ') && (key_starts(hp, keys[k]) || key_starts(h, keys[k]))) {
				best = n;
				found = (int)i;
			}
		}
	}
	/* A heading that says less ("Số tiền cho vay"): the one label it begins, when only one does. */
	if (found < 0 && s && strchr(s, ' ')) {
		count = 0;
		for (size_t i = 0; i < a->n; i++)
			if (key_starts(a->v[i].s_vi, s) || key_starts(a->v[i].s_en, s)) {
				found = (int)i;
				count++;
			}
		if (count != 1)
			found = -1;
	}
	free(s);
	return found;
}

/* ---- the check ---- */

static size_t col_of_code(const ImportResult *res, const char *code, const char **field, const char **heading)
{
	for (size_t i = 0; i < res->ncolumns; i++)
		if (res->columns[i].field && strcmp(res->columns[i].field, code) == 0) {
			*field = res->columns[i].field;
			*heading = res->columns[i].heading;
			return res->columns[i].col;
		}
	*field = NULL;
	*heading = NULL;
	return 0;
}

static size_t col_of_field(const ImportResult *res, const char *field, const char **heading)
{
	const char *f;
	return col_of_code(res, field, &f, heading);
}


typedef struct ClubHit {
	char code[32];
	int found;              /* 1 in scope, 0 not */
	Club c;
} ClubHit;

typedef struct RCheck {
	Db *db;
	const Actor *by;
	ImportResult *res;
	RInds inds;
	size_t col[R_COUNT];    /* 1-based columns of the fixed fields, 0 when absent */
	char **heading;         /* per column (1-based) */
	size_t ncols;
	size_t data_from;
	char this_month[8];
	ClubHit *clubs;
	size_t nclubs;
	int may_approve;        /* -1 not known yet */
} RCheck;

static const char *heading_at(const RCheck *x, size_t col)
{
	return col && col <= x->ncols && x->heading ? x->heading[col] : NULL;
}

static void rcheck_free(RCheck *x)
{
	inds_free(&x->inds);
	for (size_t k = 0; x->heading && k <= x->ncols; k++)
		free(x->heading[k]);
	free(x->heading);
	free(x->clubs);
}

/* How one text cell matches: the fixed field or indicator (index + R_COUNT), or -1. */
static int match_text(const RCheck *x, const char *text)
{
	if (!text || !*text)
		return -1;
	char *h = import_x_heading_key(text, 0), *hp = import_x_heading_key(text, 1);
	int m = -1;
	if (h && hp && *h) {
		m = rfield_of(h, hp);
		if (m < 0) {
			int i = ind_of(&x->inds, text, h, hp);
			if (i >= 0)
				m = R_COUNT + i;
		}
	}
	free(h);
	free(hp);
	return m;
}

/* Finds the heading row (and a second one under it) and maps the columns. 0, or -1 after a
 * file-level problem. */
static int map_columns(RCheck *x)
{
	ImportResult *res = x->res;
	size_t hi = (size_t)-1;
	for (size_t i = 0; i < res->nraw && i < IMPORT_HEADING_SCAN && hi == (size_t)-1; i++) {
		int club = 0, month = 0;
		for (size_t k = 0; k < res->raw[i].ncells; k++) {
			if (res->raw[i].cells[k].kind != TABLE_TEXT)
				continue;
			int m = match_text(x, res->raw[i].cells[k].text);
			club |= m == R_CLUB;
			month |= m == R_PERIOD;
		}
		if (club && month)
			hi = i;
	}
	if (hi == (size_t)-1) {
		import_x_problem(res, 0, 0, 0, NULL, NULL,
				 "Không tìm thấy dòng tiêu đề của bảng: cần cột “Mã CLB”, cột “Tháng” (hoặc “Tháng” và “Năm”) "
				 "và các cột chỉ tiêu, ở một trong %d dòng đầu. Hãy dùng tệp mẫu.",
				 "No heading row was found: the table needs a “Mã CLB” (club code) column, a “Tháng” (month) "
				 "column (or “Tháng” and “Năm”) and the indicators' columns within its first %d rows. Use the template.",
				 IMPORT_HEADING_SCAN);
		return -1;
	}
	const ImportRawRow *top = &res->raw[hi], *sub = NULL;
	if (hi + 1 < res->nraw && res->raw[hi + 1].row == top->row + 1) {
		const ImportRawRow *s = &res->raw[hi + 1];
		int matched = 0, numeric = 0, club_filled = 0;
		for (size_t k = 0; k < s->ncells; k++) {
			const ImportCell *c = &s->cells[k];
			if (!c->text[0])
				continue;
			if (c->kind != TABLE_TEXT)
				numeric = 1;
			else if (match_text(x, c->text) >= 0)
				matched = 1;
			if (k < top->ncells && match_text(x, top->cells[k].text) == R_CLUB)
				club_filled = 1;
		}
		if (matched && !numeric && !club_filled)
			sub = s;
	}
	res->header_row = top->row;
	res->header_rows = sub ? 2 : 1;
	x->ncols = top->ncells;
	if (sub && sub->ncells > x->ncols)
		x->ncols = sub->ncells;
	x->heading = calloc(x->ncols + 1, sizeof *x->heading);
	if (!x->heading)
		return -1;
	const char *parent = NULL;
	for (size_t k = 0; k < x->ncols; k++) {
		size_t col = k + 1;
		char *tn = NULL, *sn = NULL;
		vi_normalize(k < top->ncells ? top->cells[k].text : "", VI_NORM_SPACES, &tn);
		vi_normalize(sub && k < sub->ncells ? sub->cells[k].text : "", VI_NORM_SPACES, &sn);
		if (!tn || !sn) {
			free(tn);
			free(sn);
			continue;
		}
		if (*tn)
			parent = k < top->ncells ? top->cells[k].text : NULL;
		else if (!*sn)
			parent = NULL;
		int m = -1;
		char *heading = NULL;
		if (*sn) {
			m = match_text(x, sn);
			if (m < 0 && *tn)
				m = match_text(x, tn);
			char *pn = NULL;
			if (parent && vi_normalize(parent, VI_NORM_SPACES, &pn) == 0 && pn && *pn) {
				size_t len = strlen(pn) + strlen(sn) + 4;
				if ((heading = malloc(len)))
					snprintf(heading, len, "%s / %s", pn, sn);
			} else {
				heading = strdup(sn);
			}
			free(pn);
		} else if (*tn) {
			m = match_text(x, tn);
			heading = strdup(tn);
		}
		free(tn);
		free(sn);
		if (!heading)
			continue;
		x->heading[col] = heading;
		if (m >= 0 && m < R_COUNT && !x->col[m]) {
			x->col[m] = col;
			import_x_add_column(&res->columns, &res->ncolumns, col, rfield_key[m], heading);
		} else if (m >= R_COUNT) {
			RInd *ind = &x->inds.v[m - R_COUNT];
			const char *code = import_x_own(res, ind->in.code);
			if (ind->col) {
				char c1[4], c2[4];
				table_col_name(ind->col, c1);
				table_col_name(col, c2);
				import_x_problem(res, 0, res->header_row, col, code, heading,
						 "Cột %s và cột %s cùng là chỉ tiêu “%s”: hãy giữ một cột.",
						 "Columns %s and %s are both the indicator “%s”: keep one of them.", c1, c2,
						 ind->in.label_vi);
				import_x_add_column(&res->ignored, &res->nignored, col, NULL, heading);
				continue;
			}
			ind->col = col;
			import_x_add_column(&res->columns, &res->ncolumns, col, code, heading);
			if (computed(ind))
				import_x_problem(res, 1, res->header_row, col, code, heading,
						 "“%s” được tính từ sổ thành viên cuối tháng, không nhập từ tệp: cột này được bỏ qua.",
						 "“%s” is computed from the member book at the month's end and is not imported: this "
						 "column is ignored.",
						 ind->in.label_vi);
		} else {
			import_x_add_column(&res->ignored, &res->nignored, col, NULL, heading);
		}
	}
	x->data_from = hi + (sub ? 2 : 1);
	if (x->data_from < res->nraw && import_x_is_numbering_row(&res->raw[x->data_from])) {
		import_x_skip_row(res, res->raw[x->data_from].row);
		x->data_from++;
	}
	return 0;
}

/* The club of a code, in the actor's scope (looked up once per code). NULL when not found;
 * *failed on a store error. */
static const Club *club_of(RCheck *x, const char *code, int *failed)
{
	for (size_t i = 0; i < x->nclubs; i++)
		if (strcmp(x->clubs[i].code, code) == 0)
			return x->clubs[i].found ? &x->clubs[i].c : NULL;
	if (x->nclubs % 32 == 0) {
		ClubHit *p = realloc(x->clubs, (x->nclubs + 32) * sizeof *p);
		if (!p) {
			*failed = 1;
			return NULL;
		}
		x->clubs = p;
	}
	ClubHit *h = &x->clubs[x->nclubs++];
	memset(h, 0, sizeof *h);
	snprintf(h->code, sizeof h->code, "%s", code);
	int have = club_get_by_code(x->db, x->by, code, &h->c);
	if (have < 0)
		*failed = 1;
	h->found = have == 1;
	return h->found ? &h->c : NULL;
}

/* Numbers in a folded text, with what else it holds: 0 when only numbers, separators and the
 * words "thang", "t", "nam", "month", "year" are there. */
static int numbers_in(const char *f, long nums[4], int digits[4], int *count)
{
	*count = 0;
	for (const char *p = f; *p;) {
		if (isdigit((unsigned char)*p)) {
			long v = 0;
			int d = 0;
			while (isdigit((unsigned char)*p)) {
				if (d < 9)
					v = v * 10 + (*p - '0');
				d++;
				p++;
			}
			if (*count == 4)
				return -1;
			nums[*count] = v;
			digits[*count] = d;
			(*count)++;
		} else if (isalpha((unsigned char)*p)) {
			const char *w = p;
			while (isalpha((unsigned char)*p))
				p++;
			size_t n = (size_t)(p - w);
			static const char *const ok[] = {"thang", "t", "nam", "month", "year", "ky", NULL};
			int fine = 0;
			for (size_t i = 0; ok[i] && !fine; i++)
				fine = strlen(ok[i]) == n && strncmp(ok[i], w, n) == 0;
			if (!fine)
				return -1;
		} else if (strchr(" /-.,:", *p)) {
			p++;
		} else {
			return -1;
		}
	}
	return 0;
}

/* The month of a cell (and of a year cell, when the file has one): "2024-01", "01/2024",
 * "Tháng 1/2024", "T1-2024", a date "15/01/2024" or an Excel date (already ISO), or a month number
 * with the year apart. 0 and out "YYYY-MM", or -1. */
static int parse_period(const char *v, const char *year_cell, char out[8])
{
	char *f = vi_fold(v);
	if (!f)
		return -1;
	long n[4];
	int d[4], count = 0;
	int rc = numbers_in(f, n, d, &count);
	free(f);
	if (rc != 0)
		return -1;
	long year = -1, month = -1;
	if (count == 1 && d[0] <= 2 && year_cell && *year_cell) {
		/* "1", "Tháng 1" with the year in its own column. */
		char *yf = vi_fold(year_cell);
		long yn[4];
		int yd[4], ycount = 0;
		int yrc = yf ? numbers_in(yf, yn, yd, &ycount) : -1;
		free(yf);
		if (yrc != 0 || ycount != 1 || yd[0] != 4)
			return -1;
		month = n[0];
		year = yn[0];
	} else if (count == 2 && d[0] == 4 && d[1] <= 2) {
		year = n[0];
		month = n[1];
	} else if (count == 2 && d[0] <= 2 && d[1] == 4) {
		month = n[0];
		year = n[1];
	} else if (count == 3 && d[0] == 4 && d[1] <= 2 && d[2] <= 2) {
		year = n[0];
		month = n[1];
	} else if (count == 3 && d[0] <= 2 && d[1] <= 2 && d[2] == 4) {
		month = n[1];
		year = n[2];
	} else {
		return -1;
	}
	if (month < 1 || month > 12 || year < 1900 || year > 2999)
		return -1;
	snprintf(out, 8, "%04ld-%02ld", year, month);
	return 0;
}

/* "01/2024" for messages. */
static const char *period_shown(const char *period, char out[16])
{
	snprintf(out, 16, "%.2s/%.4s", period + 5, period);
	return out;
}

/* The step a status cell asks for: 0 draft, 1 submitted, 2 approved; -1 unknown. Empty: 1. */
static int parse_status(const char *v)
{
	char *f = import_x_heading_key(v, 1);
	if (!f)
		return -1;
	static const struct {
		const char *key;
		int step;
	} words[] = {
		{"", 1}, {"nhap", 0}, {"ban nhap", 0}, {"chua nop", 0}, {"chua gui", 0}, {"draft", 0},
		{"da nop", 1}, {"nop", 1}, {"da gui", 1}, {"gui", 1}, {"submitted", 1}, {"cho duyet", 1},
		{"da duyet", 2}, {"duyet", 2}, {"approved", 2},
	};
	int step = -1;
	for (size_t i = 0; i < sizeof words / sizeof *words && step < 0; i++)
		if (strcmp(f, words[i].key) == 0)
			step = words[i].step;
	free(f);
	return step;
}

/* The stored status of a club's month ("" when none). 0, or -1. */
static int stored_status(Db *db, int64_t club_id, const char *period, char out[12])
{
	out[0] = '\0';
	Stmt *st = db_stmt(db, "report_import_status", "SELECT status FROM reports WHERE club_id = $1 AND period = $2");
	if (!st)
		return -1;
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, period);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		snprintf(out, 12, "%s", db_col_text(st, 0));
	db_reset(st);
	return s == DB_ROW || s == DB_DONE ? 0 : -1;
}

static int may_approve(RCheck *x, int64_t club_id)
{
	Report fake;
	memset(&fake, 0, sizeof fake);
	fake.id = 1;
	fake.club_id = club_id;
	snprintf(fake.status, sizeof fake.status, "submitted");
	return report_can(x->by, &fake).approve;
}

/* A problem given as two whole sentences. */
static void problem2(ImportResult *res, int warning, size_t row, size_t col, const char *field, const char *heading,
		     const char *vi, const char *en)
{
	import_x_problem(res, warning, row, col, field, heading, "%s%.0s", "%.0s%s", vi, en);
}

/* One indicator cell: 0 and *out, 1 empty, or -1 after recording the problem. */
static int value_of(RCheck *x, const ImportRawRow *rr, const RInd *ind, const char *code, int64_t *out)
{
	ImportResult *res = x->res;
	const ImportCell *c = ind->col <= rr->ncells ? &rr->cells[ind->col - 1] : NULL;
	if (!c || !c->text[0])
		return 1;
	int bad = 0;
	char *v = import_x_cell_value(rr, ind->col, &bad);
	if (!v)
		return -1;
	if (!*v) {
		free(v);
		return 1;
	}
	const char *lv = ind->in.label_vi, *le = ind->in.label_en;
	char q[64], vi[600], en[600];
	import_x_shown(v, q);
	vi[0] = en[0] = '\0';
	int64_t n = 0;
	if (bad || c->kind == TABLE_ERROR || (c->kind == TABLE_NUMBER && c->is_date) || c->kind == TABLE_BOOL) {
		snprintf(vi, sizeof vi, "%s: “%s” không phải là một số.", lv, q);
		snprintf(en, sizeof en, "%s: “%s” is not a number.", le, q);
	} else if (strcmp(ind->in.kind, "yesno") == 0) {
		int m = import_x_mark_value(v);
		if (m < 0) {
			snprintf(vi, sizeof vi, "%s chỉ nhận có (x, 1, có) hoặc không (0, không), không phải “%s”.", lv, q);
			snprintf(en, sizeof en, "%s takes yes (x, 1, có) or no (0, không), not “%s”.", le, q);
		} else {
			n = m;
		}
	} else if (c->kind == TABLE_NUMBER) {
		char *end = NULL;
		double d = strtod(c->text, &end);
		/* (no libm: NaN is the value that differs from itself) */
		if (!end || *end || d != d || d > 1e300 || d < -1e300) {
			snprintf(vi, sizeof vi, "%s: “%s” không phải là một số.", lv, q);
			snprintf(en, sizeof en, "%s: “%s” is not a number.", le, q);
		} else if (d < 0) {
			snprintf(vi, sizeof vi, "%s không được là số âm (%s).", lv, q);
			snprintf(en, sizeof en, "%s cannot be negative (%s).", le, q);
		} else if (d < 9e18 && d != (double)(int64_t)d) {
			snprintf(vi, sizeof vi, "%s phải là số nguyên, không phải %s.", lv, q);
			snprintf(en, sizeof en, "%s must be a whole number, not %s.", le, q);
		} else if (d > (double)VI_MONEY_MAX) {
			snprintf(vi, sizeof vi, "%s quá lớn (%s).", lv, q);
			snprintf(en, sizeof en, "%s is too large (%s).", le, q);
		} else {
			n = (int64_t)d;
		}
	} else {
		int money = strcmp(ind->in.kind, "money") == 0;
		int pr = money ? vi_parse_money(v, &n) : vi_parse_int(v, &n);
		if (pr == VI_OK && n > VI_MONEY_MAX)
			pr = VI_ERR_RANGE;
		if (pr != VI_OK) {
			snprintf(vi, sizeof vi, "%s: “%s” — %s", lv, q, vi_error_message(pr, "vi"));
			snprintf(en, sizeof en, "%s: “%s” — %s", le, q, vi_error_message(pr, "en"));
		} else if (n < 0) {
			snprintf(vi, sizeof vi, "%s không được là số âm (%s).", lv, q);
			snprintf(en, sizeof en, "%s cannot be negative (%s).", le, q);
		}
	}
	free(v);
	if (vi[0]) {
		problem2(res, 0, rr->row, ind->col, code, heading_at(x, ind->col), vi, en);
		return -1;
	}
	*out = n;
	return 0;
}

static void check_row(RCheck *x, const ImportRawRow *rr, ImportItem *it, const char *club_v, const char *month_v,
		      const char *year_v, const char *status_v, int *failed)
{
	ImportResult *res = x->res;
	size_t before = res->nproblems - res->nwarnings;
	ImportReport *rep = calloc(1, sizeof *rep);
	if (!rep) {
		*failed = 1;
		return;
	}
	it->report = rep;
	char q[64];
	const Club *c = NULL;
	size_t cc = x->col[R_CLUB], pc = x->col[R_PERIOD];
	if (!*club_v) {
		import_x_problem(res, 0, rr->row, cc, "club_code", heading_at(x, cc), "Thiếu mã CLB.", "The club code is missing.");
	} else {
		c = club_of(x, club_v, failed);
		if (!c && !*failed)
			import_x_problem(res, 0, rr->row, cc, "club_code", heading_at(x, cc),
					 "Không có CLB mã “%s” trong phạm vi của bạn.", "There is no club with code “%s” in your scope.",
					 import_x_shown(club_v, q));
		if (c) {
			rep->club_id = c->id;
			snprintf(rep->club_code, sizeof rep->club_code, "%s", c->code);
			snprintf(rep->club_name, sizeof rep->club_name, "%s", c->name);
		}
	}
	char period[8] = "", ps[16];
	if (!*month_v) {
		import_x_problem(res, 0, rr->row, pc, "period", heading_at(x, pc), "Thiếu tháng báo cáo.", "The month is missing.");
	} else if (parse_period(month_v, x->col[R_YEAR] ? year_v : NULL, period) != 0) {
		import_x_problem(res, 0, rr->row, pc, "period", heading_at(x, pc),
				 "Không đọc được tháng “%s”: hãy ghi dạng 2024-01, 01/2024 hoặc Tháng 1/2024.",
				 "The month “%s” cannot be read: write it as 2024-01, 01/2024 or Tháng 1/2024.",
				 import_x_shown(month_v, q));
		period[0] = '\0';
	} else if (strcmp(period, x->this_month) > 0) {
		import_x_problem(res, 0, rr->row, pc, "period", heading_at(x, pc), "Tháng %s chưa tới.",
				 "The month %s has not come yet.", period_shown(period, ps));
		period[0] = '\0';
	} else if (c && c->founded_on[0] && strncmp(period, c->founded_on, 7) < 0) {
		char d[VI_DATE_BUFSZ];
		import_x_problem(res, 0, rr->row, pc, "period", heading_at(x, pc),
				 "Tháng %s có trước khi CLB thành lập (%s).", "The month %s is before the club was founded (%s).",
				 period_shown(period, ps), vi_format_date(c->founded_on, d) ? d : c->founded_on);
		period[0] = '\0';
	}
	snprintf(rep->period, sizeof rep->period, "%s", period);
	if (c && period[0]) {
		char st[12];
		if (stored_status(x->db, c->id, period, st) != 0) {
			*failed = 1;
		} else if (strcmp(st, "submitted") == 0 || strcmp(st, "approved") == 0) {
			int appr = st[0] == 'a';
			char vi[300], en[300];
			snprintf(vi, sizeof vi, "Báo cáo tháng %s của CLB %s đã %s nên không nhập đè được.", period_shown(period, ps),
				 c->code, appr ? "được duyệt" : "nộp");
			snprintf(en, sizeof en, "The report of %s for club %s is %s already and cannot be overwritten.", ps, c->code,
				 appr ? "approved" : "submitted");
			problem2(res, 0, rr->row, pc, "period", heading_at(x, pc), vi, en);
		} else if (st[0]) {
			import_x_problem(res, 1, rr->row, pc, "period", heading_at(x, pc),
					 "Tháng %s đã có bản nháp: số liệu trong tệp sẽ thay các số đã nhập.",
					 "The month %s has a draft already: the file's figures will replace those entered.",
					 period_shown(period, ps));
		}
	}
	rep->step = 1;
	if (x->col[R_STATUS]) {
		size_t sc = x->col[R_STATUS];
		int step = parse_status(status_v);
		if (step < 0) {
			import_x_problem(res, 0, rr->row, sc, "status", heading_at(x, sc),
					 "Trạng thái “%s” không rõ: ghi “nháp”, “đã nộp” hoặc “đã duyệt” (để trống là đã nộp).",
					 "The status “%s” is not known: write “nháp” (draft), “đã nộp” (submitted) or “đã duyệt” "
					 "(approved); empty means submitted.",
					 import_x_shown(status_v, q));
		} else if (step == 2 && c && !may_approve(x, c->id)) {
			import_x_problem(res, 1, rr->row, sc, "status", heading_at(x, sc),
					 "Bạn không có quyền duyệt báo cáo của CLB này: tháng sẽ được nhập ở trạng thái đã nộp (“%s”).",
					 "You may not approve this club's reports: the month is imported as submitted (“%s”).",
					 import_x_shown(status_v, q));
		} else {
			rep->step = step;
		}
	}
	rep->values = calloc(x->inds.n ? x->inds.n : 1, sizeof *rep->values);
	if (!rep->values) {
		*failed = 1;
		return;
	}
	for (size_t i = 0; i < x->inds.n; i++) {
		const RInd *ind = &x->inds.v[i];
		if (!ind->col || computed(ind))
			continue;
		int64_t v;
		const char *code = NULL, *h;
		col_of_code(res, ind->in.code, &code, &h);
		if (value_of(x, rr, ind, code, &v) == 0) {
			ImportReportValue *rv = &rep->values[rep->nvalues++];
			snprintf(rv->code, sizeof rv->code, "%s", ind->in.code);
			rv->value = v;
		}
	}
	if (!rep->nvalues && it->status != IMPORT_ROW_BAD && res->nproblems - res->nwarnings == before)
		import_x_problem(res, 1, rr->row, 0, NULL, NULL,
				 "Dòng này không có số liệu chỉ tiêu nào: tháng được nhập chỉ với các số tính từ sổ thành viên.",
				 "This row has no indicator figures: the month is imported with the member-book figures only.");
	if (res->nproblems - res->nwarnings > before)
		it->status = IMPORT_ROW_BAD;
}

/* ---- trying the months: the core's own checks, rolled back ---- */

/* Records what report_save_in_tx said about a row into out (problems in p, or the error e). */
static void core_problems(const ImportResult *res, ImportResult *out, size_t row, const ReportProblems *p, const Err *e,
			  int only_warnings)
{
	for (size_t i = 0; p && i < p->count; i++) {
		const ReportProblem *rp = &p->items[i];
		if (only_warnings && !rp->warning)
			continue;
		const char *field, *heading;
		size_t col = col_of_code(res, rp->code, &field, &heading);
		if (!field && rp->code[0])
			field = import_x_own(out, rp->code);
		import_x_problem(out, rp->warning, row, col, field, heading, "%s%.0s", "%.0s%s", rp->vi, rp->en);
	}
	if (only_warnings || (p && p->count) || !e || !e->code)
		return;
	const char *field = "period", *heading = NULL;
	size_t col = col_of_field(res, "period", &heading);
	if (e->code == E_FORBIDDEN || e->code == E_NOT_FOUND) {
		field = "club_code";
		col = col_of_field(res, "club_code", &heading);
	} else if (e->code != E_PERIOD && e->code != E_REPORT_LOCKED && e->code != E_REPORT_STATE) {
		field = NULL;
		col = 0;
		heading = NULL;
	}
	const char *d = e->detail;
	import_x_problem(out, 0, row, col, field, heading, "%s%s%s%.0s%.0s%.0s", "%.0s%.0s%.0s%s%s%s",
			 err_message(e->code, "vi"), *d ? " " : "", d, err_message(e->code, "en"), *d ? " " : "", d);
}

typedef struct TryRun {
	const Actor *by;
	ImportResult *res;
	size_t *order;             /* items to write, by club and month */
	size_t n;
	int dry;                   /* 1: every warning recorded, then rolled back */
	ImportResult found;        /* the problems found (reset on a retry of the transaction) */
	int64_t loaded;
	int refused;
} TryRun;

static int order_res_cmp_item(const ImportReport *a, const ImportReport *b)
{
	if (a->club_id != b->club_id)
		return a->club_id < b->club_id ? -1 : 1;
	return strcmp(a->period, b->period);
}

/* The items with a club and a month (good_only: and no error), in club and month order, so the
 * balance rule sees each month after the one before it. Malloc'd; *n set. */
static size_t *sort_items(ImportResult *res, int good_only, size_t *n)
{
	size_t *o = malloc((res->nitems ? res->nitems : 1) * sizeof *o);
	*n = 0;
	if (!o)
		return NULL;
	for (size_t i = 0; i < res->nitems; i++) {
		const ImportReport *r = res->items[i].report;
		if (!r || !r->club_id || !r->period[0] || (good_only && res->items[i].status == IMPORT_ROW_BAD))
			continue;
		o[(*n)++] = i;
	}
	/* A plain insertion sort keeps this free of a static comparison context (requests run in
	 * parallel threads); files are a few thousand rows, mostly in order already. */
	for (size_t i = 1; i < *n; i++) {
		size_t v = o[i], j = i;
		while (j > 0) {
			const ImportReport *a = res->items[o[j - 1]].report, *b = res->items[v].report;
			int c = order_res_cmp_item(a, b);
			if (c < 0 || (c == 0 && o[j - 1] < v))
				break;
			o[j] = o[j - 1];
			j--;
		}
		o[j] = v;
	}
	return o;
}

static int try_tx(Db *db, void *arg)
{
	TryRun *t = arg;
	import_result_free(&t->found);
	t->loaded = 0;
	t->refused = 0;
	ReportProblems *p = malloc(sizeof *p);
	ReportValue *vals = NULL;
	if (!p)
		return -DB_ERROR;
	int rc = 0;
	for (size_t k = 0; k < t->n && rc == 0; k++) {
		const ImportItem *it = &t->res->items[t->order[k]];
		const ImportReport *r = it->report;
		free(vals);
		vals = malloc((r->nvalues ? r->nvalues : 1) * sizeof *vals);
		char (*texts)[24] = malloc((r->nvalues ? r->nvalues : 1) * sizeof *texts);
		if (!vals || !texts) {
			free(texts);
			rc = -DB_ERROR;
			break;
		}
		for (size_t i = 0; i < r->nvalues; i++) {
			snprintf(texts[i], sizeof texts[i], "%lld", (long long)r->values[i].value);
			vals[i] = (ReportValue){r->values[i].code, texts[i]};
		}
		/* History on paper: judged on time (the file gives no submission date). */
		char due[11];
		report_due_date(db, r->period, due);
		ReportSaveOpts opts = {.source = "import", .confirm_all = !t->dry, .submitted_on = due};
		Err e = {0};
		memset(p, 0, sizeof *p);
		int s = report_save_in_tx(db, t->by, r->club_id, r->period, vals, r->nvalues, &opts, r->step, p, &e);
		if (s == 1 && t->dry && e.code == E_REPORT_WARN) {
			/* Warnings only: shown, then the month is tried again confirmed, so the months after
			 * it are checked against it. */
			core_problems(t->res, &t->found, it->row, p, &e, 1);
			opts.confirm_all = 1;
			memset(p, 0, sizeof *p);
			e = (Err){0};
			s = report_save_in_tx(db, t->by, r->club_id, r->period, vals, r->nvalues, &opts, r->step, p, &e);
		} else if (s == 0) {
			core_problems(t->res, &t->found, it->row, p, &e, 1);
		}
		if (s == 1) {
			core_problems(t->res, &t->found, it->row, p, &e, 0);
			t->refused = 1;
		} else if (s < 0) {
			rc = s;
		} else if (s == 0) {
			t->loaded++;
		}
		free(texts);
		if (!t->dry && t->refused)
			rc = 2;
	}
	free(vals);
	free(p);
	if (rc == 0 && t->dry)
		rc = 3; /* roll back: a preview writes nothing */
	return rc;
}

/* Stable sort of the problems by row (file-level first), keeping the order found within a row. */
static void sort_problems(ImportResult *res)
{
	for (size_t i = 1; i < res->nproblems; i++) {
		ImportProblem v = res->problems[i];
		size_t j = i;
		while (j > 0 && res->problems[j - 1].row > v.row) {
			res->problems[j] = res->problems[j - 1];
			j--;
		}
		res->problems[j] = v;
	}
}

/* Moves the problems of from into res, marking their rows bad when they are errors. */
static void take_problems(ImportResult *res, ImportResult *from)
{
	for (size_t i = 0; i < from->nproblems; i++) {
		const ImportProblem *p = &from->problems[i];
		import_x_problem(res, p->warning, p->row, p->col, p->field ? import_x_own(res, p->field) : NULL, p->heading,
				 "%s%.0s", "%.0s%s", p->vi, p->en);
		for (size_t k = 0; !p->warning && k < res->nitems; k++)
			if (res->items[k].row == p->row)
				res->items[k].status = IMPORT_ROW_BAD;
	}
}

/* 1 when no indicator cell of the row holds anything. */
static int row_blank(const RCheck *x, const ImportRawRow *rr)
{
	for (size_t i = 0; i < x->inds.n; i++) {
		size_t col = x->inds.v[i].col;
		if (col && col <= rr->ncells && rr->cells[col - 1].text[0])
			return 0;
	}
	return 1;
}

int report_import_allowed(const Actor *by)
{
	return by->role == ROLE_ADMIN || by->role == ROLE_PROVINCE || by->role == ROLE_COMMUNE || by->role == ROLE_CLUB;
}

int report_import_check(Db *db, const Actor *by, ImportResult *res, Err *e)
{
	RCheck x = {.db = db, .by = by, .res = res, .may_approve = -1};
	char today[11];
	unit_today(today);
	snprintf(x.this_month, sizeof x.this_month, "%.7s", today);
	if (indicator_list(db, 0, ind_add, &x.inds) < 0 || x.inds.failed) {
		rcheck_free(&x);
		return err_set(e, E_INTERNAL, NULL);
	}
	if (map_columns(&x) != 0) {
		rcheck_free(&x);
		return 0;
	}
	size_t nind = 0;
	for (size_t i = 0; i < x.inds.n; i++)
		nind += x.inds.v[i].col && !computed(&x.inds.v[i]);
	if (!nind)
		import_x_problem(res, 0, res->header_row, 0, NULL, NULL,
				 "Không có cột chỉ tiêu nào được nhận ra: tiêu đề cột phải là mã chỉ tiêu (ví dụ MEET_ATTEND) hoặc "
				 "tên chỉ tiêu như trong danh mục. Hãy dùng tệp mẫu.",
				 "No indicator column was recognised: a heading must be an indicator's code (e.g. MEET_ATTEND) or "
				 "its label as in the catalogue. Use the template.");
	if (import_errors(res)) {
		rcheck_free(&x);
		return 0;
	}
	int failed = 0;
	for (size_t i = x.data_from; i < res->nraw && !failed; i++) {
		const ImportRawRow *rr = &res->raw[i];
		int bad[4] = {0};
		char *club = import_x_cell_value(rr, x.col[R_CLUB], &bad[0]);
		char *month = import_x_cell_value(rr, x.col[R_PERIOD], &bad[1]);
		char *year = import_x_cell_value(rr, x.col[R_YEAR], &bad[2]);
		char *status = import_x_cell_value(rr, x.col[R_STATUS], &bad[3]);
		if (!club || !month || !year || !status) {
			failed = 1;
		} else if ((!*club && !*month) || (!*month && import_x_looks_like_footer(club, 0)) ||
			   (!*month && !*status && row_blank(&x, rr))) {
			/* Totals, signatures and notes under the table, and a club's line left empty (the
			 * template lists every club of the scope). */
			import_x_skip_row(res, rr->row);
		} else if (res->nitems >= IMPORT_MAX_ROWS) {
			import_x_problem(res, 0, 0, 0, NULL, NULL, "Tệp có hơn %d dòng: hãy chia thành nhiều tệp.",
					 "The file has more than %d rows: split it into several files.", IMPORT_MAX_ROWS);
			failed = 2;
		} else {
			ImportItem *it = import_x_new_item(res, rr->row);
			if (!it)
				failed = 1;
			else
				check_row(&x, rr, it, club, month, year, status, &failed);
		}
		free(club);
		free(month);
		free(year);
		free(status);
	}
	if (failed == 1) {
		rcheck_free(&x);
		return err_set(e, E_INTERNAL, NULL);
	}
	/* The same club and month twice in the file: the later rows are refused. */
	size_t n = 0;
	size_t *o = sort_items(res, 0, &n);
	if (!o) {
		rcheck_free(&x);
		return err_set(e, E_INTERNAL, NULL);
	}
	for (size_t k = 1; k < n; k++) {
		ImportItem *a = &res->items[o[k - 1]], *b = &res->items[o[k]];
		if (order_res_cmp_item(a->report, b->report) != 0)
			continue;
		size_t first = a->row;
		for (size_t j = k; j > 0 && order_res_cmp_item(res->items[o[j - 1]].report, b->report) == 0; j--)
			first = res->items[o[j - 1]].row < first ? res->items[o[j - 1]].row : first;
		char ps[16];
		size_t pc = x.col[R_PERIOD];
		import_x_problem(res, 0, b->row, pc, "period", heading_at(&x, pc),
				 "CLB %s tháng %s đã có ở dòng %zu: mỗi CLB mỗi tháng chỉ một dòng.",
				 "Club %s, month %s is on row %zu already: one row per club and month.", b->report->club_code,
				 period_shown(b->report->period, ps), first);
		b->status = IMPORT_ROW_BAD;
	}
	free(o);
	/* The months that passed, tried through the core and rolled back. */
	TryRun t = {.by = by, .res = res, .dry = 1};
	t.order = sort_items(res, 1, &t.n);
	int rc = t.order ? db_tx(db, try_tx, &t) : -DB_ERROR;
	free(t.order);
	rcheck_free(&x);
	if (rc != 3) {
		import_result_free(&t.found);
		return err_set(e, err_from_db(rc < 0 ? rc : -DB_ERROR), NULL);
	}
	take_problems(res, &t.found);
	import_result_free(&t.found);
	sort_problems(res);
	return 0;
}

int report_import_load_tx(Db *db, const Actor *by, ImportResult *res, int64_t *loaded, ImportResult *refused)
{
	import_result_free(refused);
	*loaded = 0;
	for (size_t i = 0; i < res->nitems; i++)
		if (res->items[i].status == IMPORT_ROW_BAD || !res->items[i].report)
			return -DB_ERROR;
	TryRun t = {.by = by, .res = res, .dry = 0};
	t.order = sort_items(res, 1, &t.n);
	if (!t.order)
		return -DB_ERROR;
	int rc = try_tx(db, &t);
	free(t.order);
	if (rc == 2) {
		for (size_t i = 0; i < t.found.nproblems; i++)
			if (!t.found.problems[i].warning) {
				const ImportProblem *p = &t.found.problems[i];
				import_x_problem(refused, 0, p->row, p->col, p->field ? import_x_own(refused, p->field) : NULL,
						 p->heading, "%s%.0s", "%.0s%s", p->vi, p->en);
			}
	}
	import_result_free(&t.found);
	if (rc == 0)
		*loaded = t.loaded;
	return rc;
}
