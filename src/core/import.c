/* Importing members and clubs from .xlsx and .csv files (see import.h): reading the file, finding
 * the columns by their headings, checking every row, loading all rows or none, the marked copy of
 * the file, and the uploads kept between the preview and the commit. */
#include "core/import.h"
#include "core/import_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <sodium.h>
#include <xlsxwriter.h>

#include "core/audit.h"
#include "core/scope.h"
#include "core/unit.h"
#include "lib/date.h"
#include "lib/table.h"
#include "lib/vi.h"

const char *import_kind_name(ImportKind k)
{
	return k == IMPORT_MEMBERS ? "members" : k == IMPORT_CLUBS ? "clubs" : k == IMPORT_REPORTS ? "reports"
	       : k == IMPORT_PLANS ? "plans" : k == IMPORT_TRAININGS ? "trainings" : k == IMPORT_VISITS ? "visits" : NULL;
}

ImportKind import_kind_parse(const char *s)
{
	if (s && strcmp(s, "members") == 0)
		return IMPORT_MEMBERS;
	if (s && strcmp(s, "clubs") == 0)
		return IMPORT_CLUBS;
	if (s && strcmp(s, "reports") == 0)
		return IMPORT_REPORTS;
	if (s && strcmp(s, "plans") == 0)
		return IMPORT_PLANS;
	if (s && strcmp(s, "trainings") == 0)
		return IMPORT_TRAININGS;
	if (s && strcmp(s, "visits") == 0)
		return IMPORT_VISITS;
	return 0;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static char *xstrdup(const char *s)
{
	return strdup(s ? s : "");
}

/* ---- fields and their headings ---- */

typedef struct FieldInfo {
	const char *key, *vi, *en;
} FieldInfo;

enum MemberField {
	M_STT, M_NAME, M_FAMILY, M_GIVEN, M_BIRTH, M_MALE, M_FEMALE, M_SEX, M_ETHNICITY, M_HOUSEHOLD, M_POOR,
	M_NEAR_POOR, M_DISABILITY, M_ALONE, M_HEALTH, M_PHONE, M_VILLAGE, M_JOINED, M_NOTE, M_NID, M_COUNT
};

static const FieldInfo member_fields[M_COUNT] = {
	[M_STT] = {"number", "STT", "No."},
	[M_NAME] = {"full_name", "Họ và tên", "Full name"},
	[M_FAMILY] = {"family_middle_name", "Họ và đệm", "Family and middle name"},
	[M_GIVEN] = {"given_name", "Tên", "Given name"},
	[M_BIRTH] = {"birth", "Năm sinh", "Birth year"},
	[M_MALE] = {"birth_male", "Nam", "Male"},
	[M_FEMALE] = {"birth_female", "Nữ", "Female"},
	[M_SEX] = {"sex", "Giới tính", "Sex"},
	[M_ETHNICITY] = {"ethnicity", "Dân tộc", "Ethnicity"},
	[M_HOUSEHOLD] = {"household", "Hộ nghèo/cận nghèo", "Poor or near-poor household"},
	[M_POOR] = {"poor", "Hộ nghèo", "Poor household"},
	[M_NEAR_POOR] = {"near_poor", "Hộ cận nghèo", "Near-poor household"},
	[M_DISABILITY] = {"disability", "Khuyết tật", "Disability"},
	[M_ALONE] = {"lives_alone", "Sống một mình", "Lives alone"},
	[M_HEALTH] = {"health_card", "Thẻ BHYT", "Health insurance card"},
	[M_PHONE] = {"phone", "Số điện thoại", "Phone"},
	[M_VILLAGE] = {"village", "Thôn, xóm", "Village"},
	[M_JOINED] = {"joined_on", "Ngày vào CLB", "Joined on"},
	[M_NOTE] = {"note", "Ghi chú", "Note"},
	[M_NID] = {"national_id", "Số CCCD", "National ID number"},
};

enum ClubField {
	C_STT, C_UNIT_CODE, C_UNIT_NAME, C_NAME, C_VILLAGE, C_FOUNDED, C_DECISION_NO, C_DECISION_DATE, C_PROGRAMME,
	C_STATUS, C_MEETING, C_CONTACT, C_PHONE, C_COUNT
};

static const FieldInfo club_fields[C_COUNT] = {
	[C_STT] = {"number", "STT", "No."},
	[C_UNIT_CODE] = {"unit_code", "Mã xã", "Commune code"},
	[C_UNIT_NAME] = {"unit_name", "Tên xã", "Commune"},
	[C_NAME] = {"name", "Tên CLB", "Club name"},
	[C_VILLAGE] = {"village", "Thôn/tổ dân phố", "Village"},
	[C_FOUNDED] = {"founded_on", "Ngày thành lập", "Founded on"},
	[C_DECISION_NO] = {"decision_no", "Số quyết định", "Decision number"},
	[C_DECISION_DATE] = {"decision_date", "Ngày quyết định", "Decision date"},
	[C_PROGRAMME] = {"programme", "Chương trình/Dự án", "Programme or project"},
	[C_STATUS] = {"status", "Trạng thái", "Status"},
	[C_MEETING] = {"meeting_place", "Nơi sinh hoạt", "Meeting place"},
	[C_CONTACT] = {"contact_name", "Người liên hệ", "Contact"},
	[C_PHONE] = {"contact_phone", "Số điện thoại", "Phone"},
};

enum { MAX_FIELDS = (int)M_COUNT > (int)C_COUNT ? (int)M_COUNT : (int)C_COUNT };

/* A heading as folded by heading_key(); prefix: also matches a heading that starts with it
 * ("dia chi" matches "Địa chỉ thường trú"). */
typedef struct Heading {
	int field;
	const char *key;
	int prefix;
} Heading;

static const Heading member_heads[] = {
	{M_STT, "stt", 0}, {M_STT, "tt", 0}, {M_STT, "so tt", 0}, {M_STT, "so thu tu", 0}, {M_STT, "thu tu", 0},
	{M_NAME, "ho va ten", 1}, {M_NAME, "ho ten", 1}, {M_NAME, "ten thanh vien", 1}, {M_NAME, "ho va ten tv", 0},
	{M_NAME, "thanh vien", 0}, {M_NAME, "ho ten tv", 0},
	{M_FAMILY, "ho va dem", 0}, {M_FAMILY, "ho dem", 0}, {M_FAMILY, "ho va ten dem", 0}, {M_FAMILY, "ho", 0},
	{M_FAMILY, "ho va chu dem", 0}, {M_FAMILY, "ho lot", 0},
	{M_GIVEN, "ten", 0},
	{M_BIRTH, "nam sinh", 1}, {M_BIRTH, "ngay sinh", 1}, {M_BIRTH, "ngay thang nam sinh", 1}, {M_BIRTH, "sinh nam", 0},
	{M_BIRTH, "ns", 0},
	{M_MALE, "nam", 0}, {M_MALE, "nam gioi", 0},
	{M_FEMALE, "nu", 0}, {M_FEMALE, "nu gioi", 0},
	{M_SEX, "gioi tinh", 1}, {M_SEX, "nam nu", 0}, {M_SEX, "gioi", 0}, {M_SEX, "gt", 0}, {M_SEX, "nam hay nu", 0},
	{M_ETHNICITY, "dan toc", 1},
	{M_HOUSEHOLD, "ho ngheo can ngheo", 1}, {M_HOUSEHOLD, "ngheo can ngheo", 0}, {M_HOUSEHOLD, "hoan canh", 0},
	{M_HOUSEHOLD, "hoan canh gia dinh", 0}, {M_HOUSEHOLD, "phan loai ho", 0}, {M_HOUSEHOLD, "loai ho", 0},
	{M_HOUSEHOLD, "ho ngheo ho can ngheo", 0}, {M_HOUSEHOLD, "ho ngheo hay can ngheo", 0},
	{M_POOR, "ho ngheo", 0}, {M_POOR, "ngheo", 0},
	{M_NEAR_POOR, "ho can ngheo", 0}, {M_NEAR_POOR, "can ngheo", 0},
	{M_DISABILITY, "khuyet tat", 1}, {M_DISABILITY, "nguoi khuyet tat", 0}, {M_DISABILITY, "nkt", 0},
	{M_ALONE, "song mot minh", 1}, {M_ALONE, "song 1 minh", 0}, {M_ALONE, "neo don", 1}, {M_ALONE, "song don than", 0},
	{M_ALONE, "don than", 0}, {M_ALONE, "co don", 0},
	{M_HEALTH, "the bhyt", 1}, {M_HEALTH, "bhyt", 0}, {M_HEALTH, "co the bhyt", 0}, {M_HEALTH, "bao hiem y te", 0},
	{M_HEALTH, "the bao hiem y te", 0}, {M_HEALTH, "co bhyt", 0},
	{M_PHONE, "so dien thoai", 1}, {M_PHONE, "sdt", 0}, {M_PHONE, "so dt", 0}, {M_PHONE, "dien thoai", 1},
	{M_PHONE, "dt", 0}, {M_PHONE, "dtdd", 0}, {M_PHONE, "di dong", 0}, {M_PHONE, "so di dong", 0},
	{M_VILLAGE, "dia chi", 1}, {M_VILLAGE, "thon xom", 0}, {M_VILLAGE, "thon", 0}, {M_VILLAGE, "xom", 0},
	{M_VILLAGE, "thon to", 0}, {M_VILLAGE, "thon to dan pho", 0}, {M_VILLAGE, "to dan pho", 0}, {M_VILLAGE, "thon ban", 0},
	{M_VILLAGE, "thon ap", 0}, {M_VILLAGE, "noi o", 0}, {M_VILLAGE, "cho o", 0}, {M_VILLAGE, "noi cu tru", 0},
	{M_VILLAGE, "que quan", 0},
	{M_JOINED, "ngay vao clb", 1}, {M_JOINED, "ngay vao", 1}, {M_JOINED, "ngay tham gia", 1}, {M_JOINED, "ngay gia nhap", 1},
	{M_JOINED, "ngay vao cau lac bo", 0}, {M_JOINED, "nam vao clb", 0}, {M_JOINED, "nam tham gia", 0},
	{M_JOINED, "nam vao", 0},
	{M_NOTE, "ghi chu", 1},
	{M_NID, "so cccd", 1}, {M_NID, "cccd", 0}, {M_NID, "so cmnd", 1}, {M_NID, "cmnd", 0}, {M_NID, "can cuoc cong dan", 0},
	{M_NID, "so can cuoc", 0}, {M_NID, "so dinh danh", 0}, {M_NID, "ma dinh danh", 0}, {M_NID, "cmnd cccd", 0},
	{M_NID, "so cmnd cccd", 0}, {M_NID, "cccd cmnd", 0},
	{-1, NULL, 0},
};

static const Heading club_heads[] = {
	{C_STT, "stt", 0}, {C_STT, "tt", 0}, {C_STT, "so tt", 0}, {C_STT, "so thu tu", 0},
	{C_UNIT_CODE, "ma xa", 1}, {C_UNIT_CODE, "ma xa phuong", 0}, {C_UNIT_CODE, "ma don vi", 0}, {C_UNIT_CODE, "ma dvhc", 0},
	{C_UNIT_CODE, "ma xa ten xa", 0},
	{C_UNIT_NAME, "ten xa", 1}, {C_UNIT_NAME, "xa", 0}, {C_UNIT_NAME, "xa phuong", 0}, {C_UNIT_NAME, "xa phuong thi tran", 0},
	{C_UNIT_NAME, "ten xa phuong", 0}, {C_UNIT_NAME, "don vi", 0}, {C_UNIT_NAME, "ten don vi", 0},
	{C_UNIT_NAME, "xa phuong dac khu", 0},
	{C_NAME, "ten clb", 1}, {C_NAME, "ten cau lac bo", 1}, {C_NAME, "cau lac bo", 0}, {C_NAME, "clb", 0}, {C_NAME, "ten", 0},
	{C_VILLAGE, "thon", 1}, {C_VILLAGE, "thon to dan pho", 0}, {C_VILLAGE, "thon xom", 0}, {C_VILLAGE, "to dan pho", 0},
	{C_VILLAGE, "thon ban", 0}, {C_VILLAGE, "thon to", 0}, {C_VILLAGE, "dia ban", 1}, {C_VILLAGE, "thon ap", 0},
	{C_VILLAGE, "khu dan cu", 0},
	{C_FOUNDED, "ngay thanh lap", 1}, {C_FOUNDED, "thanh lap", 0}, {C_FOUNDED, "nam thanh lap", 0},
	{C_DECISION_NO, "so quyet dinh", 1}, {C_DECISION_NO, "so qd", 1}, {C_DECISION_NO, "quyet dinh", 0},
	{C_DECISION_NO, "quyet dinh thanh lap", 0}, {C_DECISION_NO, "qd thanh lap", 0},
	{C_DECISION_DATE, "ngay quyet dinh", 1}, {C_DECISION_DATE, "ngay qd", 1}, {C_DECISION_DATE, "ngay ky quyet dinh", 0},
	{C_DECISION_DATE, "ngay ky qd", 0}, {C_DECISION_DATE, "ngay ban hanh", 0},
	{C_PROGRAMME, "chuong trinh du an", 1}, {C_PROGRAMME, "chuong trinh", 1}, {C_PROGRAMME, "du an", 1},
	{C_PROGRAMME, "de an", 1}, {C_PROGRAMME, "nguon ho tro", 0}, {C_PROGRAMME, "thuoc de an", 0},
	{C_PROGRAMME, "thuoc du an", 0}, {C_PROGRAMME, "de an du an", 0},
	{C_STATUS, "trang thai", 1}, {C_STATUS, "tinh trang", 1},
	{C_MEETING, "noi sinh hoat", 1}, {C_MEETING, "dia diem sinh hoat", 1}, {C_MEETING, "dia diem", 0},
	{C_MEETING, "noi hop", 0}, {C_MEETING, "dia diem hop", 0},
	{C_CONTACT, "nguoi lien he", 1}, {C_CONTACT, "chu nhiem", 1}, {C_CONTACT, "ho ten chu nhiem", 0},
	{C_CONTACT, "ho va ten chu nhiem", 0}, {C_CONTACT, "nguoi lien lac", 0}, {C_CONTACT, "ten chu nhiem", 0},
	{C_PHONE, "so dien thoai", 1}, {C_PHONE, "sdt", 0}, {C_PHONE, "dien thoai", 1}, {C_PHONE, "dt", 0},
	{C_PHONE, "so dt", 0},
	{-1, NULL, 0},
};

typedef struct KindDef {
	const FieldInfo *fields;
	int nfields;
	const Heading *heads;
	int name_field;
	int stt_field;
} KindDef;

static const KindDef kind_members = {member_fields, M_COUNT, member_heads, M_NAME, M_STT};
static const KindDef kind_clubs = {club_fields, C_COUNT, club_heads, C_NAME, C_STT};

/* A heading folded for matching: no accents, lower case, every run of punctuation and space one
 * space ("Địa chỉ (thôn, xóm)" -> "dia chi thon xom"); with strip_parens, what stands in brackets
 * is dropped ("dia chi"). Malloc'd; NULL when out of memory or not UTF-8. */
static char *heading_key(const char *s, int strip_parens)
{
	char *f = vi_fold(s);
	if (!f)
		return NULL;
	size_t j = 0;
	int depth = 0, space = 1;
	for (size_t i = 0; f[i]; i++) {
		unsigned char ch = (unsigned char)f[i];
		if (strip_parens && ch == '(') {
			depth++;
			continue;
		}
		if (strip_parens && ch == ')' && depth) {
			depth--;
			continue;
		}
		if (depth)
			continue;
		if (isalnum(ch) || ch >= 0x80) {
			f[j++] = (char)ch;
			space = 0;
		} else if (!space) {
			f[j++] = ' ';
			space = 1;
		}
	}
	while (j && f[j - 1] == ' ')
		j--;
	f[j] = '\0';
	return f;
}

static int key_starts(const char *h, const char *key)
{
	size_t n = strlen(key);
	return strncmp(h, key, n) == 0 && h[n] == ' ';
}

/* The field a heading names, or -1. Exact matches win over prefixes; the longest prefix wins. */
static int heading_field(const Heading *heads, const char *text)
{
	if (!text || !*text)
		return -1;
	char *h = heading_key(text, 0), *hp = heading_key(text, 1);
	int found = -1;
	if (h && hp) {
		for (const Heading *x = heads; x->key && found < 0; x++)
			if (strcmp(h, x->key) == 0 || strcmp(hp, x->key) == 0)
				found = x->field;
		size_t best = 0;
		int exact = found >= 0;
		for (const Heading *x = heads; x->key && !exact; x++) {
			size_t n = strlen(x->key);
			if (x->prefix && n > best && (key_starts(h, x->key) || key_starts(hp, x->key))) {
				found = x->field;
				best = n;
			}
		}
	}
	free(h);
	free(hp);
	return found;
}

/* ---- problems ---- */

static void problem_v(ImportResult *res, int warning, size_t row, size_t col, size_t col2, const char *field,
		      const char *heading, const char *vi, const char *en, va_list ap)
{
	if (res->nproblems % 64 == 0) {
		ImportProblem *p = realloc(res->problems, (res->nproblems + 64) * sizeof *p);
		if (!p)
			return;
		res->problems = p;
	}
	ImportProblem *p = &res->problems[res->nproblems];
	char vbuf[400], ebuf[400];
	va_list cp;
	va_copy(cp, ap);
	vsnprintf(vbuf, sizeof vbuf, vi, ap);
	vsnprintf(ebuf, sizeof ebuf, en, cp);
	va_end(cp);
	*p = (ImportProblem){row, col, col2, field, heading ? strdup(heading) : NULL, strdup(vbuf), strdup(ebuf), warning};
	if (!p->vi || !p->en) {
		free(p->heading);
		free(p->vi);
		free(p->en);
		return;
	}
	res->nproblems++;
	if (warning)
		res->nwarnings++;
}

/* Records a problem; vi and en are printf formats taking the same arguments in the same order. */
static void problem(ImportResult *res, size_t row, size_t col, size_t col2, const char *field, const char *heading,
		    const char *vi, const char *en, ...) __attribute__((format(printf, 7, 9)));
static void problem(ImportResult *res, size_t row, size_t col, size_t col2, const char *field, const char *heading,
		    const char *vi, const char *en, ...)
{
	va_list ap;
	va_start(ap, en);
	problem_v(res, 0, row, col, col2, field, heading, vi, en, ap);
	va_end(ap);
}

void import_x_problem(ImportResult *res, int warning, size_t row, size_t col, const char *field, const char *heading,
		      const char *vi, const char *en, ...)
{
	va_list ap;
	va_start(ap, en);
	problem_v(res, warning, row, col, 0, field, heading, vi, en, ap);
	va_end(ap);
}

size_t import_errors(const ImportResult *res)
{
	return res->nproblems - res->nwarnings;
}

const char *import_x_own(ImportResult *res, const char *s)
{
	char **p = realloc(res->owned, (res->nowned + 1) * sizeof *p);
	if (!p)
		return NULL;
	res->owned = p;
	if (!(p[res->nowned] = strdup(s ? s : "")))
		return NULL;
	return p[res->nowned++];
}

char *import_problem_where(const ImportProblem *p, const char *lang, char *out, size_t n)
{
	int en = lang && strcmp(lang, "en") == 0;
	if (!p->row && !p->col) {
		snprintf(out, n, "%s", en ? "whole file" : "cả tệp");
		return out;
	}
	char c1[4] = "", c2[4] = "";
	if (p->col)
		table_col_name(p->col, c1);
	if (p->col2)
		table_col_name(p->col2, c2);
	char cols[64] = "";
	if (p->col)
		snprintf(cols, sizeof cols, "%s %s%s%s", en ? (p->col2 ? "columns" : "column") : "cột", c1,
			 p->col2 ? (en ? " and " : " và ") : "", c2);
	if (p->row)
		snprintf(out, n, "%s %zu%s%s%s%s%s", en ? "row" : "dòng", p->row, p->col ? ", " : "", cols,
			 p->heading ? " (" : "", p->heading ? p->heading : "", p->heading ? ")" : "");
	else
		snprintf(out, n, "%s%s%s%s", cols, p->heading ? " (" : "", p->heading ? p->heading : "", p->heading ? ")" : "");
	return out;
}

/* A value quoted in a message: at most 40 bytes, cut on a character boundary; an ISO date as
 * dd/mm/yyyy. */
static const char *shown(const char *v, char out[64])
{
	char d[VI_DATE_BUFSZ];
	if (v && strlen(v) == 10 && v[4] == '-' && vi_format_date(v, d)) {
		copy(out, 64, d);
		return out;
	}
	size_t n = v ? strlen(v) : 0;
	if (n <= 40) {
		copy(out, 64, v);
		return out;
	}
	n = 40;
	while (n && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	snprintf(out, 64, "%.*s…", (int)n, v);
	return out;
}

/* ---- reading the file ---- */

typedef struct Reader {
	ImportResult *res;
	size_t alloc;
	int nomem, too_many;
} Reader;

static int reader_row(void *arg, size_t row, size_t ncells, const TableCell *cells)
{
	Reader *rd = arg;
	ImportResult *res = rd->res;
	if (res->nraw >= (size_t)IMPORT_MAX_ROWS + IMPORT_HEADING_SCAN + 100) {
		rd->too_many = 1;
		return 2;
	}
	if (res->nraw == rd->alloc) {
		size_t a = rd->alloc ? 2 * rd->alloc : 128;
		ImportRawRow *p = realloc(res->raw, a * sizeof *p);
		if (!p) {
			rd->nomem = 1;
			return 1;
		}
		res->raw = p;
		rd->alloc = a;
	}
	ImportRawRow *rr = &res->raw[res->nraw];
	rr->row = row;
	rr->ncells = 0;
	rr->cells = calloc(ncells ? ncells : 1, sizeof *rr->cells);
	if (!rr->cells) {
		rd->nomem = 1;
		return 1;
	}
	res->nraw++;
	for (size_t k = 0; k < ncells; k++) {
		rr->cells[k].text = strdup(cells[k].text);
		if (!rr->cells[k].text) {
			rd->nomem = 1;
			return 1;
		}
		rr->cells[k].kind = (unsigned char)cells[k].kind;
		rr->cells[k].is_date = (unsigned char)cells[k].is_date;
		rr->ncells = k + 1;
	}
	return 0;
}

static const ImportCell *raw_cell(const ImportRawRow *rr, size_t col)
{
	return col && col <= rr->ncells ? &rr->cells[col - 1] : NULL;
}

/* The value of a cell, normalised: NFC with spaces collapsed for text, ISO for a date cell, the
 * stored digits for a number. Malloc'd (never NULL unless out of memory). *bad is set to 1 for a
 * formula error ("#N/A") and 2 for a control character; the raw text is returned then. */
static char *cell_value(const ImportRawRow *rr, size_t col, int *bad)
{
	*bad = 0;
	const ImportCell *c = raw_cell(rr, col);
	if (!c || !c->text[0])
		return strdup("");
	if (c->kind == TABLE_ERROR) {
		*bad = 1;
		return strdup(c->text);
	}
	if (c->kind == TABLE_NUMBER && c->is_date) {
		char iso[11];
		if (table_serial_to_iso(c->text, iso) == 0)
			return strdup(iso);
		return strdup(c->text);
	}
	char *n = NULL;
	int rc = vi_normalize(c->text, VI_NORM_SPACES, &n);
	if (rc != VI_OK) {
		*bad = 2;
		return strdup(c->text);
	}
	return n;
}

/* 1 for a mark meaning yes (x, v, ✓, √, 1, có), 0 for empty or no, -1 for anything else. */
static int mark_value(const char *v)
{
	static const char *const yes[] = {"x", "v", "1", "co", "yes", "true", "\u2713", "\u2714", "\u2611", "\u221a", "+",
					  "xx", NULL};
	static const char *const no[] = {"", "0", "khong", "no", "false", "-", NULL};
	char *f = vi_fold(v ? v : "");
	int r = -1;
	for (size_t i = 0; f && yes[i] && r < 0; i++)
		if (strcmp(f, yes[i]) == 0)
			r = 1;
	for (size_t i = 0; f && no[i] && r < 0; i++)
		if (strcmp(f, no[i]) == 0)
			r = 0;
	free(f);
	return r;
}

/* A whole positive number written in a cell ("12", a number cell). */
static int is_row_number(const char *v)
{
	size_t n = strlen(v);
	if (!n || n > 6)
		return 0;
	size_t i = 0;
	while (i < n && isdigit((unsigned char)v[i]))
		i++;
	if (i == 0)
		return 0;
	/* "12." as some lists write it */
	return i == n || (i == n - 1 && v[i] == '.');
}

/* A row of column numbers under the heading: "1", "2", "(3)"... in at least three cells, nothing else. */
static int is_numbering_row(const ImportRawRow *rr)
{
	int count = 0;
	for (size_t k = 0; k < rr->ncells; k++) {
		const char *t = rr->cells[k].text;
		if (!*t)
			continue;
		const char *p = t;
		if (*p == '(')
			p++;
		size_t d = 0;
		while (isdigit((unsigned char)p[d]))
			d++;
		if (!d || d > 2)
			return 0;
		p += d;
		if (*p == ')')
			p++;
		if (*p)
			return 0;
		count++;
	}
	return count >= 3;
}

/* Text in the name column that reads like a line under the list rather than a person. */
static int looks_like_footer(const char *v, int digits_too)
{
	static const char *const starts[] = {"tong", "cong", "tm ", "tm.", "t/m", "nguoi lap", "xac nhan", "ky ten",
					     "danh sach", "ghi chu", "luu y", NULL};
	char *f = vi_fold(v);
	if (!f)
		return 0;
	int hit = 0;
	for (size_t i = 0; starts[i] && !hit; i++)
		hit = strncmp(f, starts[i], strlen(starts[i])) == 0;
	if (digits_too)
		for (const char *p = f; *p && !hit; p++)
			hit = isdigit((unsigned char)*p) || *p == ':';
	free(f);
	return hit;
}

/* ---- the column map ---- */

typedef struct Map {
	const KindDef *kd;
	size_t fieldcol[MAX_FIELDS];     /* 1-based column of each field, 0 when absent */
	char **heading;                  /* per column (1-based, [0] unused), or NULL */
	size_t ncols;
	size_t data_from;                /* index in res->raw of the first row below the heading */
} Map;

static void map_free(Map *m)
{
	for (size_t k = 0; m->heading && k <= m->ncols; k++)
		free(m->heading[k]);
	free(m->heading);
}

static const char *col_heading(const Map *m, size_t col)
{
	return col && col <= m->ncols && m->heading ? m->heading[col] : NULL;
}

static void add_column(ImportColumn **list, size_t *n, size_t col, const char *field, const char *heading)
{
	ImportColumn *p = realloc(*list, (*n + 1) * sizeof *p);
	if (!p)
		return;
	*list = p;
	p[*n] = (ImportColumn){col, field, xstrdup(heading)};
	(*n)++;
}

/* Finds the heading row (one or two rows) among the first rows and maps columns to fields.
 * Returns 0, or -1 after recording a file-level problem. */
static int map_columns(ImportResult *res, Map *m)
{
	const KindDef *kd = m->kd;
	size_t hi = (size_t)-1;
	for (size_t i = 0; i < res->nraw && i < IMPORT_HEADING_SCAN && hi == (size_t)-1; i++) {
		int matches = 0, has_name = 0;
		for (size_t k = 0; k < res->raw[i].ncells; k++) {
			if (res->raw[i].cells[k].kind != TABLE_TEXT)
				continue;
			int f = heading_field(kd->heads, res->raw[i].cells[k].text);
			if (f < 0)
				continue;
			matches++;
			if (f == kd->name_field || (kd == &kind_members && f == M_GIVEN))
				has_name = 1;
		}
		if (matches >= 2 && has_name)
			hi = i;
	}
	if (hi == (size_t)-1) {
		if (kd == &kind_members)
			problem(res, 0, 0, 0, NULL, NULL,
				"Không tìm thấy dòng tiêu đề của danh sách: cần các cột như “Họ và tên”, “Năm sinh” (hoặc “Nam”, “Nữ”), "
				"“Giới tính”, “Dân tộc” ở một trong %d dòng đầu.",
				"No heading row was found: the list needs columns such as “Họ và tên” (name), “Năm sinh” (birth "
				"year, or “Nam”/“Nữ”), “Giới tính” (sex), “Dân tộc” within its first %d rows.",
				IMPORT_HEADING_SCAN);
		else
			problem(res, 0, 0, 0, NULL, NULL,
				"Không tìm thấy dòng tiêu đề của danh sách: cần các cột như “Tên CLB”, “Mã xã” hoặc “Tên xã”, "
				"“Thôn/tổ dân phố”, “Ngày thành lập” ở một trong %d dòng đầu.",
				"No heading row was found: the list needs columns such as “Tên CLB” (club name), “Mã xã” or “Tên "
				"xã” (commune), “Thôn/tổ dân phố”, “Ngày thành lập” within its first %d rows.",
				IMPORT_HEADING_SCAN);
		return -1;
	}
	const ImportRawRow *top = &res->raw[hi];
	const ImportRawRow *sub = NULL;
	if (hi + 1 < res->nraw && res->raw[hi + 1].row == top->row + 1) {
		const ImportRawRow *s = &res->raw[hi + 1];
		int numeric = 0, matched = 0, name_filled = 0;
		for (size_t k = 0; k < s->ncells; k++) {
			const ImportCell *c = &s->cells[k];
			if (!c->text[0])
				continue;
			if (c->kind != TABLE_TEXT)
				numeric = 1;
			else if (heading_field(kd->heads, c->text) >= 0)
				matched = 1;
			if (k < top->ncells && heading_field(kd->heads, top->cells[k].text) == kd->name_field)
				name_filled = 1;
		}
		if (!numeric && matched && !name_filled)
			sub = s;
	}
	res->header_row = top->row;
	res->header_rows = sub ? 2 : 1;
	m->ncols = top->ncells;
	if (sub && sub->ncells > m->ncols)
		m->ncols = sub->ncells;
	m->heading = calloc(m->ncols + 1, sizeof *m->heading);
	if (!m->heading)
		return -1;
	const char *parent = NULL;
	for (size_t k = 0; k < m->ncols; k++) {
		const char *t = k < top->ncells ? top->cells[k].text : "";
		const char *st = sub && k < sub->ncells ? sub->cells[k].text : "";
		char *tn = NULL, *sn = NULL;
		vi_normalize(t, VI_NORM_SPACES, &tn);
		vi_normalize(st, VI_NORM_SPACES, &sn);
		if (!tn || !sn) {
			free(tn);
			free(sn);
			continue;
		}
		if (*tn)
			parent = t;
		else if (!*sn)
			parent = NULL;
		int f = -1;
		char *heading = NULL;
		if (*sn) {
			f = heading_field(kd->heads, sn);
			if (f < 0 && *tn)
				f = heading_field(kd->heads, tn);
			char *pn = NULL;
			if (parent && vi_normalize(parent, VI_NORM_SPACES, &pn) == VI_OK && *pn) {
				size_t len = strlen(pn) + strlen(sn) + 4;
				heading = malloc(len);
				if (heading)
					snprintf(heading, len, "%s / %s", pn, sn);
			} else {
				heading = strdup(sn);
			}
			free(pn);
		} else if (*tn) {
			f = heading_field(kd->heads, tn);
			heading = strdup(tn);
		}
		free(tn);
		free(sn);
		if (!heading)
			continue;
		m->heading[k + 1] = heading;
		if (f >= 0 && !m->fieldcol[f]) {
			m->fieldcol[f] = k + 1;
			add_column(&res->columns, &res->ncolumns, k + 1, kd->fields[f].key, heading);
		} else {
			add_column(&res->ignored, &res->nignored, k + 1, NULL, heading);
		}
	}
	m->data_from = hi + (sub ? 2 : 1);
	if (m->data_from < res->nraw && is_numbering_row(&res->raw[m->data_from])) {
		size_t *p = realloc(res->skipped, (res->nskipped + 1) * sizeof *p);
		if (p) {
			res->skipped = p;
			res->skipped[res->nskipped++] = res->raw[m->data_from].row;
		}
		m->data_from++;
	}
	return 0;
}

static void skip_row(ImportResult *res, size_t row)
{
	size_t *p = realloc(res->skipped, (res->nskipped + 1) * sizeof *p);
	if (p) {
		res->skipped = p;
		res->skipped[res->nskipped++] = row;
	}
}

static ImportItem *new_item(ImportResult *res, size_t row)
{
	if (res->nitems % 256 == 0) {
		ImportItem *p = realloc(res->items, (res->nitems + 256) * sizeof *p);
		if (!p)
			return NULL;
		res->items = p;
	}
	ImportItem *it = &res->items[res->nitems++];
	memset(it, 0, sizeof *it);
	it->row = row;
	return it;
}

/* ---- the pieces core/report_import.c shares (import_int.h) ---- */

char *import_x_cell_value(const ImportRawRow *rr, size_t col, int *bad)
{
	return cell_value(rr, col, bad);
}

char *import_x_heading_key(const char *s, int strip_parens)
{
	return heading_key(s, strip_parens);
}

ImportItem *import_x_new_item(ImportResult *res, size_t row)
{
	return new_item(res, row);
}

void import_x_skip_row(ImportResult *res, size_t row)
{
	skip_row(res, row);
}

void import_x_add_column(ImportColumn **list, size_t *n, size_t col, const char *field, const char *heading)
{
	add_column(list, n, col, field, heading);
}

int import_x_mark_value(const char *v)
{
	return mark_value(v);
}

int import_x_is_row_number(const char *v)
{
	return is_row_number(v);
}

int import_x_is_numbering_row(const ImportRawRow *rr)
{
	return is_numbering_row(rr);
}

int import_x_looks_like_footer(const char *v, int digits_too)
{
	return looks_like_footer(v, digits_too);
}

const char *import_x_shown(const char *v, char out[64])
{
	return shown(v, out);
}

/* ---- checking members ---- */

typedef struct Check {
	Db *db;
	const Actor *by;
	ImportResult *res;
	Map map;
	char today[11];
	int this_year;
	/* clubs: communes already looked up, and the programmes */
	struct CommuneHit {
		char *value;
		char when[11];
		int status;            /* 0 found, 1 unknown, 2 ambiguous, 3 out of scope */
		Unit u;
	} *communes;
	size_t ncommunes;
	struct Prog {
		int64_t id;
		char code[24];
		char *code_fold, *name_fold;
	} *progs;
	size_t nprogs;
	int64_t scope_commune;     /* a commune user's own commune: the default for clubs */
	Unit scope_unit;
} Check;

/* The problem for a field that member_check refused. */
static void member_field_problem(Check *x, size_t row, size_t col, int field, const Err *e, const char *v)
{
	ImportResult *res = x->res;
	const char *h = col_heading(&x->map, col);
	const char *key = member_fields[field].key;
	char q[64];
	shown(v, q);
	if (e->code == E_BAD_UTF8) {
		problem(res, row, col, 0, key, h, "Có ký tự không hợp lệ.", "Contains characters that are not allowed.");
		return;
	}
	if (e->code == E_TOO_LONG) {
		problem(res, row, col, 0, key, h, "Nội dung quá dài: “%s”.", "Too long: “%s”.", q);
		return;
	}
	switch (field) {
	case M_NAME:
	case M_FAMILY:
	case M_GIVEN:
		problem(res, row, col, 0, "full_name", h, "Thiếu họ và tên.", "The name is missing.");
		break;
	case M_SEX:
		if (e->code == E_REQUIRED)
			problem(res, row, col, 0, key, h, "Thiếu giới tính: ghi Nam hoặc Nữ.", "The sex is missing: write Nam or Nữ.");
		else
			problem(res, row, col, 0, key, h, "Không hiểu giới tính “%s”: ghi Nam hoặc Nữ.",
				"Sex “%s” is not clear: write Nam (male) or Nữ (female).", q);
		break;
	case M_BIRTH: {
		int64_t y;
		char iso[VI_DATE_BUFSZ];
		int rc = vi_parse_date(v, iso);
		if (e->code == E_REQUIRED)
			problem(res, row, col, 0, "birth", h, "Thiếu năm sinh.", "The birth year is missing.");
		else if (vi_parse_int(v, &y) == VI_OK)
			problem(res, row, col, 0, "birth", h, "Năm sinh %s không hợp lý: phải từ 1900 đến %d.",
				"Birth year %s is not plausible: it must be from 1900 to %d.", q, x->this_year);
		else if (rc == VI_OK)
			problem(res, row, col, 0, "birth", h, "Ngày sinh %s không hợp lý: phải từ năm 1900 đến hôm nay.",
				"Birth date %s is not plausible: it must be from 1900 to today.", q);
		else if (rc == VI_ERR_DATE)
			problem(res, row, col, 0, "birth", h, "Ngày sinh “%s” không có thật.", "Birth date “%s” does not exist.", q);
		else
			problem(res, row, col, 0, "birth", h,
				"“%s” không phải năm sinh hay ngày sinh: ghi năm (ví dụ 1956) hoặc ngày/tháng/năm (ví dụ 05/03/1956).",
				"“%s” is not a birth year or date: write a year (1956) or day/month/year (05/03/1956).", q);
		break;
	}
	case M_PHONE:
		problem(res, row, col, 0, key, h, "Số điện thoại “%s” không đúng: cần từ 9 đến 13 chữ số.",
			"Phone number “%s” is not valid: it needs 9 to 13 digits.", q);
		break;
	case M_HOUSEHOLD:
		problem(res, row, col, 0, key, h,
			"Không hiểu “%s” là hộ nghèo hay hộ cận nghèo: ghi “nghèo”, “cận nghèo” hoặc để trống.",
			"“%s” does not say poor or near-poor household: write “nghèo”, “cận nghèo” or leave it empty.", q);
		break;
	case M_JOINED: {
		char iso[VI_DATE_BUFSZ];
		if (vi_parse_date(v, iso) == VI_OK)
			problem(res, row, col, 0, key, h, "Ngày vào CLB %s còn chưa tới.", "Joining date %s is in the future.", q);
		else
			problem(res, row, col, 0, key, h, "Ngày vào CLB “%s” không đúng: ghi ngày/tháng/năm, ví dụ 15/03/2024.",
				"Joining date “%s” is not valid: write day/month/year, e.g. 15/03/2024.", q);
		break;
	}
	case M_NID:
		problem(res, row, col, 0, key, h, "Số CCCD/CMND “%s” không đúng: cần 12 (hoặc 9) chữ số.",
			"National ID number “%s” is not valid: it needs 12 (or 9) digits.", q);
		break;
	default:
		problem(res, row, col, 0, key, h, "Giá trị “%s” không hợp lệ.", "Value “%s” is not valid.", q);
		break;
	}
}

/* Runs member_check on one field alone; records its problem. 0 when fine. */
static int check_one(Check *x, size_t row, size_t col, int field, const MemberInput *one, const char *v)
{
	Member tmp;
	memset(&tmp, 0, sizeof tmp);
	Err e = {0};
	if (member_check(one, &tmp, 0, x->today, &e) == 0)
		return 0;
	member_field_problem(x, row, col, field, &e, v);
	return -1;
}

static void flag_problem(Check *x, size_t row, size_t col, int field, const char *v)
{
	char q[64];
	problem(x->res, row, col, 0, member_fields[field].key, col_heading(&x->map, col),
		"Không hiểu “%s”: đánh dấu x nếu có, để trống nếu không.", "“%s” is not clear: mark x for yes, leave empty for no.",
		shown(v, q));
}

/* A year alone for a date that may be given so ("2019" -> "2019-01-01"); else v. */
static const char *year_as_date(const char *v, char out[11])
{
	size_t n = strlen(v);
	if (n == 4 && isdigit((unsigned char)v[0]) && isdigit((unsigned char)v[1]) && isdigit((unsigned char)v[2]) &&
	    isdigit((unsigned char)v[3])) {
		snprintf(out, 11, "%s-01-01", v);
		return out;
	}
	return v;
}

/* "Năm sinh / Nam, Năm sinh / Nữ": the headings of two columns at fault together. */
static const char *pair_heading(const Check *x, size_t c1, size_t c2, char *out, size_t n)
{
	const char *a = col_heading(&x->map, c1), *b = col_heading(&x->map, c2);
	snprintf(out, n, "%s, %s", a ? a : "", b ? b : "");
	return a && b ? out : NULL;
}

static void check_member_row(Check *x, const ImportRawRow *rr, ImportItem *it, char *v[M_COUNT], const int cellbad[M_COUNT])
{
	ImportResult *res = x->res;
	const size_t *fc = x->map.fieldcol;
	size_t row = rr->row, before = res->nproblems;
	MemberInput in = {0};
	int ok[M_COUNT];
	for (int f = 0; f < M_COUNT; f++) {
		ok[f] = 1;
		if (!fc[f] || !cellbad[f])
			continue;
		ok[f] = 0;
		char q[64];
		if (cellbad[f] == 1)
			problem(res, row, fc[f], 0, member_fields[f].key, col_heading(&x->map, fc[f]),
				"Ô có lỗi công thức (%s).", "The cell holds a formula error (%s).", shown(v[f], q));
		else
			problem(res, row, fc[f], 0, member_fields[f].key, col_heading(&x->map, fc[f]),
				"Có ký tự điều khiển không hợp lệ.", "Contains control characters.");
	}

	/* Name: one column, or family-and-middle plus given. */
	char *joined = NULL;
	size_t name_col = fc[M_NAME];
	int name_field = M_NAME;
	if (fc[M_NAME]) {
		in.full_name = v[M_NAME];
	} else {
		size_t len = strlen(v[M_FAMILY] ? v[M_FAMILY] : "") + strlen(v[M_GIVEN] ? v[M_GIVEN] : "") + 2;
		joined = malloc(len);
		if (joined)
			snprintf(joined, len, "%s %s", v[M_FAMILY] ? v[M_FAMILY] : "", v[M_GIVEN] ? v[M_GIVEN] : "");
		in.full_name = joined ? joined : "";
		name_col = fc[M_GIVEN] ? fc[M_GIVEN] : fc[M_FAMILY];
		name_field = M_GIVEN;
	}
	if (ok[name_field]) {
		MemberInput one = {.full_name = in.full_name};
		if (check_one(x, row, name_col, name_field, &one, in.full_name) == 0) {
			for (const char *p = in.full_name; *p; p++)
				if (isdigit((unsigned char)*p)) {
					char q[64];
					problem(res, row, name_col, 0, "full_name", col_heading(&x->map, name_col),
						"Họ và tên “%s” có chữ số.", "The name “%s” contains digits.", shown(in.full_name, q));
					break;
				}
		}
	}

	/* Sex and birth: their own columns, or the birth year written under "Nam" or "Nữ". */
	const char *vm = fc[M_MALE] && ok[M_MALE] ? v[M_MALE] : "", *vf = fc[M_FEMALE] && ok[M_FEMALE] ? v[M_FEMALE] : "";
	const char *sex = NULL, *birth = NULL;
	size_t sex_col = 0, birth_col = 0;
	int sex_from_mark = 0;
	char pair[300];
	const char *mf = pair_heading(x, fc[M_MALE], fc[M_FEMALE], pair, sizeof pair);
	if (*vm && *vf) {
		if (mark_value(vm) == 1 && mark_value(vf) == 1)
			problem(res, row, fc[M_MALE], fc[M_FEMALE], "sex", mf,
				"Đánh dấu ở cả cột Nam và cột Nữ: chỉ đánh dấu ở một cột.",
				"Marked under both Nam (male) and Nữ (female): mark one column only.");
		else
			problem(res, row, fc[M_MALE], fc[M_FEMALE], "birth", mf,
				"Năm sinh ghi ở cả cột Nam và cột Nữ: chỉ ghi ở cột đúng giới tính.",
				"A birth year is written under both Nam (male) and Nữ (female): write it under one only.");
	} else {
		if (*vm || *vf) {
			int male = *vm != '\0';
			const char *val = male ? vm : vf;
			sex = male ? "M" : "F";
			sex_col = male ? fc[M_MALE] : fc[M_FEMALE];
			sex_from_mark = 1;
			if (mark_value(val) != 1) {
				birth = val;
				birth_col = sex_col;
			}
		}
		if (fc[M_BIRTH] && ok[M_BIRTH] && *v[M_BIRTH]) {
			birth = v[M_BIRTH];
			birth_col = fc[M_BIRTH];
		}
		if (fc[M_SEX] && ok[M_SEX] && *v[M_SEX]) {
			if (sex_from_mark) {
				Member tmp;
				memset(&tmp, 0, sizeof tmp);
				Err e = {0};
				MemberInput one = {.sex = v[M_SEX]};
				if (member_check(&one, &tmp, 0, x->today, &e) == 0 && strcmp(tmp.sex, sex) != 0) {
					char q[64];
					problem(res, row, fc[M_SEX], sex_col, "sex", col_heading(&x->map, fc[M_SEX]),
						"Giới tính “%s” khác với cột %s.", "Sex “%s” does not agree with the %s column.",
						shown(v[M_SEX], q), *sex == 'M' ? "Nam" : "Nữ");
				}
			} else {
				sex = v[M_SEX];
				sex_col = fc[M_SEX];
			}
		}
		int birth_cols = fc[M_BIRTH] || fc[M_MALE] || fc[M_FEMALE];
		int bad_birth_cell = (fc[M_BIRTH] && !ok[M_BIRTH]) || (fc[M_MALE] && !ok[M_MALE]) || (fc[M_FEMALE] && !ok[M_FEMALE]);
		if (!birth && birth_cols && !bad_birth_cell) {
			if (fc[M_BIRTH] || !(fc[M_MALE] && fc[M_FEMALE]))
				problem(res, row, fc[M_BIRTH] ? fc[M_BIRTH] : fc[M_MALE] ? fc[M_MALE] : fc[M_FEMALE], 0, "birth",
					col_heading(&x->map, fc[M_BIRTH] ? fc[M_BIRTH] : fc[M_MALE] ? fc[M_MALE] : fc[M_FEMALE]),
					"Thiếu năm sinh.", "The birth year is missing.");
			else
				problem(res, row, fc[M_MALE], fc[M_FEMALE], "birth", mf,
					"Thiếu năm sinh: ghi năm sinh vào cột Nam (nếu là nam) hoặc cột Nữ (nếu là nữ).",
					"The birth year is missing: write it under Nam (male) or Nữ (female).");
		} else if (birth) {
			MemberInput one = {.birth = birth};
			check_one(x, row, birth_col, M_BIRTH, &one, birth);
		}
		int sex_cols = fc[M_SEX] || (fc[M_MALE] && fc[M_FEMALE]);
		if (!sex && sex_cols && (birth || fc[M_SEX]) && !(fc[M_SEX] && !ok[M_SEX])) {
			if (fc[M_SEX])
				problem(res, row, fc[M_SEX], 0, "sex", col_heading(&x->map, fc[M_SEX]), "Thiếu giới tính: ghi Nam hoặc Nữ.",
					"The sex is missing: write Nam (male) or Nữ (female).");
			else
				problem(res, row, fc[M_MALE], fc[M_FEMALE], "sex", mf,
					"Thiếu giới tính: đánh dấu hoặc ghi năm sinh ở cột Nam hoặc cột Nữ.",
					"The sex is missing: mark or write the birth year under Nam (male) or Nữ (female).");
		} else if (sex && !sex_from_mark) {
			MemberInput one = {.sex = sex};
			check_one(x, row, sex_col, M_SEX, &one, sex);
		}
	}
	in.sex = sex;
	in.birth = birth;

	/* The other fields, each checked alone so that a row shows all its problems. */
	if (fc[M_ETHNICITY] && ok[M_ETHNICITY]) {
		in.ethnicity = v[M_ETHNICITY];
		MemberInput one = {.ethnicity = in.ethnicity};
		check_one(x, row, fc[M_ETHNICITY], M_ETHNICITY, &one, in.ethnicity);
	}
	char phone[40];
	if (fc[M_PHONE] && ok[M_PHONE] && *v[M_PHONE]) {
		const ImportCell *c = raw_cell(rr, fc[M_PHONE]);
		size_t n = strlen(v[M_PHONE]);
		int digits = 1;
		for (size_t i = 0; i < n; i++)
			digits = digits && isdigit((unsigned char)v[M_PHONE][i]);
		/* Excel kept the number as a number and dropped its leading 0. */
		if (c && c->kind == TABLE_NUMBER && digits && n == 9)
			snprintf(phone, sizeof phone, "0%s", v[M_PHONE]);
		else
			copy(phone, sizeof phone, v[M_PHONE]);
		in.phone = phone;
		MemberInput one = {.phone = phone};
		check_one(x, row, fc[M_PHONE], M_PHONE, &one, v[M_PHONE]);
	}
	/* Household: a column with values, or x-marks under "Hộ nghèo" and "Hộ cận nghèo". */
	const char *household = NULL;
	size_t household_col = 0;
	int household_field = M_HOUSEHOLD;
	if (fc[M_HOUSEHOLD] && ok[M_HOUSEHOLD] && *v[M_HOUSEHOLD]) {
		static const struct {
			const char *typed, *code;
		} short_forms[] = {{"n", "poor"}, {"hn", "poor"}, {"cn", "near_poor"}, {"hcn", "near_poor"}};
		household = v[M_HOUSEHOLD];
		household_col = fc[M_HOUSEHOLD];
		char *f = vi_fold(household);
		for (size_t i = 0; f && i < sizeof short_forms / sizeof *short_forms; i++)
			if (strcmp(f, short_forms[i].typed) == 0)
				household = short_forms[i].code;
		free(f);
	}
	int poor = 0, near = 0;
	if (fc[M_POOR] && ok[M_POOR] && (poor = mark_value(v[M_POOR])) < 0)
		flag_problem(x, row, fc[M_POOR], M_POOR, v[M_POOR]);
	if (fc[M_NEAR_POOR] && ok[M_NEAR_POOR] && (near = mark_value(v[M_NEAR_POOR])) < 0)
		flag_problem(x, row, fc[M_NEAR_POOR], M_NEAR_POOR, v[M_NEAR_POOR]);
	if (poor == 1 && near == 1) {
		problem(res, row, fc[M_POOR], fc[M_NEAR_POOR], "household",
			pair_heading(x, fc[M_POOR], fc[M_NEAR_POOR], pair, sizeof pair),
			"Đánh dấu cả hộ nghèo và hộ cận nghèo: chỉ đánh dấu một cột.",
			"Marked as both a poor and a near-poor household: mark one only.");
	} else if (!household && (poor == 1 || near == 1)) {
		household = poor == 1 ? "poor" : "near_poor";
		household_col = poor == 1 ? fc[M_POOR] : fc[M_NEAR_POOR];
		household_field = poor == 1 ? M_POOR : M_NEAR_POOR;
	}
	if (household) {
		in.household = household;
		MemberInput one = {.household = household};
		check_one(x, row, household_col, M_HOUSEHOLD, &one, household_field == M_HOUSEHOLD ? v[M_HOUSEHOLD] : household);
	}
	static const int flags[] = {M_DISABILITY, M_ALONE, M_HEALTH};
	const char **flag_in[] = {&in.disability, &in.lives_alone, &in.health_card};
	for (size_t i = 0; i < 3; i++) {
		int f = flags[i];
		if (!fc[f] || !ok[f])
			continue;
		int mk = mark_value(v[f]);
		if (mk < 0)
			flag_problem(x, row, fc[f], f, v[f]);
		else
			*flag_in[i] = mk ? "1" : "0";
	}
	if (fc[M_VILLAGE] && ok[M_VILLAGE]) {
		in.village = v[M_VILLAGE];
		MemberInput one = {.village = in.village};
		check_one(x, row, fc[M_VILLAGE], M_VILLAGE, &one, in.village);
	}
	if (fc[M_NOTE] && ok[M_NOTE]) {
		in.note = v[M_NOTE];
		MemberInput one = {.note = in.note};
		check_one(x, row, fc[M_NOTE], M_NOTE, &one, in.note);
	}
	char joined_on[11];
	if (fc[M_JOINED] && ok[M_JOINED] && *v[M_JOINED]) {
		in.joined_on = year_as_date(v[M_JOINED], joined_on);
		MemberInput one = {.joined_on = in.joined_on};
		check_one(x, row, fc[M_JOINED], M_JOINED, &one, v[M_JOINED]);
	}
	char nid[40];
	if (fc[M_NID] && ok[M_NID] && *v[M_NID]) {
		size_t n = 0;
		for (const char *p = v[M_NID]; *p && n < sizeof nid - 2; p++)
			if (*p != ' ' && *p != '.')
				nid[n++] = *p;
		nid[n] = '\0';
		const ImportCell *c = raw_cell(rr, fc[M_NID]);
		if (c && c->kind == TABLE_NUMBER && n == 11) {
			memmove(nid + 1, nid, n + 1);
			nid[0] = '0';
		}
		in.national_id = nid;
		MemberInput one = {.national_id = nid};
		check_one(x, row, fc[M_NID], M_NID, &one, v[M_NID]);
	}

	if (res->nproblems == before) {
		it->member = calloc(1, sizeof *it->member);
		Err e = {0};
		if (!it->member) {
			problem(res, row, 0, 0, NULL, NULL, "Hết bộ nhớ.", "Out of memory.");
		} else if (member_check(&in, it->member, 1, x->today, &e) != 0) {
			/* Every field passed alone; a rule across fields refused the row. */
			problem(res, row, 0, 0, e.field, NULL, "%s%.0s (%s)", "%.0s%s (%s)", err_message(e.code, "vi"),
				err_message(e.code, "en"), e.field ? e.field : "");
		} else if (!member_sees_national_id(x->by)) {
			it->member->national_id[0] = '\0';
		}
	}
	free(joined);
	it->status = res->nproblems == before ? IMPORT_ROW_NEW : IMPORT_ROW_BAD;
}

/* Same person twice in the file: same name parts and birth year, as the book's rule. */
typedef struct DupKey {
	const char *a, *b, *c;
	int64_t n;
	size_t item;
} DupKey;

static int dup_cmp(const void *pa, const void *pb)
{
	const DupKey *a = pa, *b = pb;
	int r = strcmp(a->a, b->a);
	if (!r)
		r = strcmp(a->b, b->b);
	if (!r)
		r = strcmp(a->c, b->c);
	if (!r)
		r = a->n < b->n ? -1 : a->n > b->n;
	if (!r)
		r = a->item < b->item ? -1 : a->item > b->item;
	return r;
}

static int problem_cmp(const void *pa, const void *pb)
{
	const ImportProblem *a = pa, *b = pb;
	return a->row < b->row ? -1 : a->row > b->row;
}

/* Marks the later copies of a row as duplicates (their problems go after the ones found so far,
 * then everything is put back in row order). keys[i].a..c and n identify item keys[i].item. */
static void mark_duplicates(Check *x, DupKey *keys, size_t n, size_t col, const char *field)
{
	ImportResult *res = x->res;
	if (!n)
		return;
	qsort(keys, n, sizeof *keys, dup_cmp);
	size_t *dup_of = calloc(res->nitems, sizeof *dup_of);
	if (!dup_of)
		return;
	for (size_t i = 1; i < n; i++) {
		size_t first = i;
		while (first > 0 && keys[first - 1].n == keys[i].n && strcmp(keys[first - 1].a, keys[i].a) == 0 &&
		       strcmp(keys[first - 1].b, keys[i].b) == 0 && strcmp(keys[first - 1].c, keys[i].c) == 0)
			first--;
		if (first != i)
			dup_of[keys[i].item] = res->items[keys[first].item].row;
	}
	size_t mark = res->nproblems;
	for (size_t i = 0; i < res->nitems; i++) {
		if (!dup_of[i])
			continue;
		ImportItem *it = &res->items[i];
		if (x->res->kind == IMPORT_MEMBERS)
			problem(res, it->row, col, 0, field, col_heading(&x->map, col),
				"Trùng với dòng %zu (cùng họ tên và năm sinh): mỗi người chỉ ghi một lần.",
				"Same person as row %zu (same name and birth year): list each person once.", dup_of[i]);
		else
			problem(res, it->row, col, 0, field, col_heading(&x->map, col),
				"Trùng với dòng %zu (cùng tên CLB trong cùng xã).", "Same club as row %zu (same name in the same commune).",
				dup_of[i]);
		it->status = IMPORT_ROW_BAD;
	}
	free(dup_of);
	/* Both parts are in row order already; a merge keeps each row's problems in the order found. */
	if (res->nproblems > mark) {
		size_t total = res->nproblems;
		ImportProblem *out = malloc(total * sizeof *out);
		if (out) {
			size_t i = 0, j = mark, k = 0;
			while (i < mark || j < total) {
				if (j >= total || (i < mark && problem_cmp(&res->problems[i], &res->problems[j]) <= 0))
					out[k++] = res->problems[i++];
				else
					out[k++] = res->problems[j++];
			}
			memcpy(res->problems, out, total * sizeof *out);
			free(out);
		}
	}
}

static void check_members(Check *x)
{
	ImportResult *res = x->res;
	const size_t *fc = x->map.fieldcol;
	int has_birth = fc[M_BIRTH] || fc[M_MALE] || fc[M_FEMALE];
	int has_sex = fc[M_SEX] || (fc[M_MALE] && fc[M_FEMALE]);
	if (!has_birth)
		problem(res, 0, 0, 0, "birth", NULL,
			"Không có cột Năm sinh (hoặc Ngày sinh, hoặc hai cột Nam/Nữ ghi năm sinh): không nhập được thành viên.",
			"There is no birth year column (Năm sinh, Ngày sinh, or Nam/Nữ columns holding the year).");
	if (!has_sex)
		problem(res, 0, 0, 0, "sex", NULL,
			"Không có cột Giới tính (hoặc hai cột Nam/Nữ dưới Năm sinh): không biết thành viên là nam hay nữ.",
			"There is no sex column (Giới tính, or Nam/Nữ columns under the birth year).");
	if (!has_birth || !has_sex)
		return;
	for (size_t i = x->map.data_from; i < res->nraw; i++) {
		const ImportRawRow *rr = &res->raw[i];
		char *v[M_COUNT] = {0};
		int bad[M_COUNT] = {0};
		int nomem = 0;
		for (int f = 0; f < M_COUNT; f++)
			if (fc[f] && !(v[f] = cell_value(rr, fc[f], &bad[f])))
				nomem = 1;
		if (nomem) {
			for (int f = 0; f < M_COUNT; f++)
				free(v[f]);
			problem(res, rr->row, 0, 0, NULL, NULL, "Hết bộ nhớ.", "Out of memory.");
			break;
		}
		const char *name = fc[M_NAME] ? v[M_NAME] : "";
		int has_name = *name || (fc[M_FAMILY] && *v[M_FAMILY]) || (fc[M_GIVEN] && *v[M_GIVEN]);
		int birth_any = (fc[M_BIRTH] && *v[M_BIRTH]) || (fc[M_MALE] && *v[M_MALE]) || (fc[M_FEMALE] && *v[M_FEMALE]);
		int numbered = fc[M_STT] && is_row_number(v[M_STT]);
		int data = birth_any || numbered || (has_name && !(*name && looks_like_footer(name, 1)));
		if (!data) {
			skip_row(res, rr->row);
		} else if (res->nitems >= IMPORT_MAX_ROWS) {
			problem(res, 0, 0, 0, NULL, NULL, "Tệp có hơn %d dòng thành viên: hãy chia thành nhiều tệp.",
				"The file has more than %d member rows: split it into several files.", IMPORT_MAX_ROWS);
			for (int f = 0; f < M_COUNT; f++)
				free(v[f]);
			break;
		} else {
			ImportItem *it = new_item(res, rr->row);
			if (it)
				check_member_row(x, rr, it, v, bad);
		}
		for (int f = 0; f < M_COUNT; f++)
			free(v[f]);
	}
	DupKey *keys = calloc(res->nitems ? res->nitems : 1, sizeof *keys);
	size_t n = 0;
	for (size_t i = 0; keys && i < res->nitems; i++) {
		const Member *m = res->items[i].member;
		if (m && res->items[i].status == IMPORT_ROW_NEW)
			keys[n++] = (DupKey){m->given_name, m->family_name, m->middle_name, m->birth_year, i};
	}
	mark_duplicates(x, keys, n, fc[M_NAME] ? fc[M_NAME] : fc[M_GIVEN], "full_name");
	free(keys);
	/* Already on the book of a club of this commune: skipped, not an error. */
	for (size_t i = 0; i < res->nitems; i++) {
		ImportItem *it = &res->items[i];
		if (it->status != IMPORT_ROW_NEW)
			continue;
		int64_t id = member_find_person(x->db, res->club.unit_id, it->member);
		if (id > 0) {
			it->status = IMPORT_ROW_EXISTING;
			it->existing_id = id;
		}
	}
}

/* ---- checking clubs ---- */

static int text_value(const char *v, size_t max, char *out, size_t outlen)
{
	if (strlen(v) > max || strlen(v) >= outlen)
		return -1;
	copy(out, outlen, v);
	return 0;
}

/* Digits as dialled; 0, or -1 when not a phone number. */
static int phone_value(const char *v, char *out, size_t outlen)
{
	size_t n = 0;
	for (const char *p = v; *p; p++) {
		if (isdigit((unsigned char)*p) && n + 1 < outlen)
			out[n++] = *p;
		else if (*p == '+' && n == 0)
			out[n++] = '+';
		else if (!strchr(" .-()", *p))
			return -1;
	}
	out[n] = '\0';
	return n && (n < 9 || n > 13) ? -1 : 0;
}

typedef struct UnitHits {
	const char *want;          /* folded */
	Unit found[8];
	int n;
} UnitHits;

static void unit_hit(const Unit *u, void *arg)
{
	UnitHits *h = arg;
	char *f = vi_fold(u->name);
	if (!f)
		return;
	/* "Hoằng Lộc" finds "Xã Hoằng Lộc": the name with or without its kind word. */
	static const char *const kinds[] = {"xa ", "phuong ", "thi tran ", "dac khu ", NULL};
	int hit = strcmp(f, h->want) == 0;
	for (size_t i = 0; kinds[i] && !hit; i++) {
		size_t n = strlen(kinds[i]);
		hit = strncmp(f, kinds[i], n) == 0 && strcmp(f + n, h->want) == 0;
	}
	free(f);
	if (hit && h->n < 8)
		h->found[h->n++] = *u;
}

/* The commune a clubs row names by code or name (cached per value). */
static const struct CommuneHit *commune_lookup(Check *x, const char *value, int by_code, const char *when)
{
	for (size_t i = 0; i < x->ncommunes; i++)
		if (strcmp(x->communes[i].value, value) == 0 && strcmp(x->communes[i].when, when) == 0)
			return &x->communes[i];
	struct CommuneHit *p = realloc(x->communes, (x->ncommunes + 1) * sizeof *p);
	if (!p)
		return NULL;
	x->communes = p;
	struct CommuneHit *h = &p[x->ncommunes];
	memset(h, 0, sizeof *h);
	h->value = strdup(value);
	if (!h->value)
		return NULL;
	copy(h->when, sizeof h->when, when);
	x->ncommunes++;
	h->status = 1;
	if (by_code) {
		if (unit_find(x->db, value, when, &h->u) == 1 && h->u.level == UNIT_COMMUNE)
			h->status = 0;
	} else {
		char *f = vi_fold(value);
		UnitHits hits = {f ? f : "", {{0}}, 0};
		UnitFilter uf = {.on = x->today, .level = UNIT_COMMUNE, .q = value};
		if (f)
			unit_list(x->db, &uf, 0, 200, unit_hit, &hits);
		free(f);
		/* Several communes of the country share a name: keep those in the actor's scope. */
		int in_scope = 0;
		Unit pick;
		for (int i = 0; i < hits.n; i++)
			if (scope_covers_unit(x->db, x->by, hits.found[i].id)) {
				in_scope++;
				pick = hits.found[i];
			}
		if (in_scope == 1) {
			h->u = pick;
			h->status = 0;
		} else if (in_scope > 1) {
			h->status = 2;
		} else if (hits.n) {
			h->u = hits.found[0];
			h->status = 3;
		}
	}
	if (h->status == 0 && !scope_covers_unit(x->db, x->by, h->u.id))
		h->status = 3;
	return h;
}

static int programme_lookup(Check *x, const char *value, int64_t *id, char code[24])
{
	if (!x->progs) {
		Stmt *st = db_stmt(x->db, "import_programmes", "SELECT id, code, name FROM programmes ORDER BY id");
		if (!st)
			return -1;
		while (db_step(st) == DB_ROW) {
			struct Prog *p = realloc(x->progs, (x->nprogs + 1) * sizeof *p);
			if (!p)
				break;
			x->progs = p;
			p[x->nprogs].id = db_col_int(st, 0);
			copy(p[x->nprogs].code, sizeof p[x->nprogs].code, db_col_text(st, 1));
			p[x->nprogs].code_fold = heading_key(db_col_text(st, 1), 0);
			p[x->nprogs].name_fold = heading_key(db_col_text(st, 2), 0);
			x->nprogs++;
		}
		db_reset(st);
		if (!x->progs)
			return 0;
	}
	char *f = heading_key(value, 0);
	if (!f)
		return 0;
	/* The number of a national programme is what people write: "Đề án 1336", "1336", "ĐA 1336". */
	char digits[16] = "";
	size_t nd = 0;
	for (const char *p = f; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (nd < sizeof digits - 1)
				digits[nd++] = *p;
		} else if (nd) {
			break;
		}
	}
	digits[nd] = '\0';
	int found = 0;
	for (size_t i = 0; i < x->nprogs && !found; i++) {
		struct Prog *p = &x->progs[i];
		if (!p->code_fold || !p->name_fold)
			continue;
		size_t n = strlen(f);
		const char *cd = p->code_fold + strcspn(p->code_fold, "0123456789");
		found = strcmp(f, p->code_fold) == 0 || strcmp(f, p->name_fold) == 0 ||
			(strncmp(p->name_fold, f, n) == 0 && p->name_fold[n] == ' ') || (nd >= 3 && strcmp(cd, digits) == 0);
		if (found) {
			*id = p->id;
			copy(code, 24, p->code);
		}
	}
	free(f);
	return found;
}

static const char *status_value(const char *v)
{
	static const struct {
		const char *typed, *code;
	} names[] = {
		{"planned", "planned"}, {"founded", "founded"}, {"active", "active"}, {"inactive", "inactive"},
		{"dissolved", "dissolved"}, {"du kien", "planned"}, {"du kien thanh lap", "planned"}, {"chua thanh lap", "planned"},
		{"da thanh lap", "founded"}, {"thanh lap", "founded"}, {"moi thanh lap", "founded"}, {"dang hoat dong", "active"},
		{"hoat dong", "active"}, {"tam ngung", "inactive"}, {"tam ngung hoat dong", "inactive"},
		{"ngung hoat dong", "inactive"}, {"giai the", "dissolved"}, {"da giai the", "dissolved"},
	};
	char *f = heading_key(v, 0);
	const char *code = NULL;
	for (size_t i = 0; f && i < sizeof names / sizeof *names && !code; i++)
		if (strcmp(f, names[i].typed) == 0)
			code = names[i].code;
	free(f);
	return code;
}

static void club_date(Check *x, const ImportRawRow *rr, int field, const char *v, int year_ok, char out[11])
{
	size_t col = x->map.fieldcol[field];
	char tmp[11], q[64];
	const char *d = year_ok ? year_as_date(v, tmp) : v;
	if (vi_parse_date(d, out) != VI_OK) {
		out[0] = '\0';
		problem(x->res, rr->row, col, 0, club_fields[field].key, col_heading(&x->map, col),
			"Ngày “%s” không đúng: ghi ngày/tháng/năm, ví dụ 15/03/2024.",
			"Date “%s” is not valid: write day/month/year, e.g. 15/03/2024.", shown(v, q));
	}
}

static void check_club_row(Check *x, const ImportRawRow *rr, ImportItem *it, char *v[C_COUNT], const int cellbad[C_COUNT])
{
	ImportResult *res = x->res;
	const size_t *fc = x->map.fieldcol;
	size_t row = rr->row, before = res->nproblems;
	ImportClub *c = calloc(1, sizeof *c);
	if (!c) {
		problem(res, row, 0, 0, NULL, NULL, "Hết bộ nhớ.", "Out of memory.");
		it->status = IMPORT_ROW_BAD;
		return;
	}
	it->club = c;
	char q[64];
	for (int f = 0; f < C_COUNT; f++) {
		if (fc[f] && cellbad[f]) {
			problem(res, row, fc[f], 0, club_fields[f].key, col_heading(&x->map, fc[f]), "Ô có lỗi hoặc ký tự không hợp lệ (%s).",
				"The cell holds an error or characters that are not allowed (%s).", shown(v[f], q));
			v[f][0] = '\0';
		}
	}
#define TEXT(F, MAX, DST)                                                                                            \
	do {                                                                                                         \
		if (fc[F] && text_value(v[F], MAX, DST, sizeof DST) != 0)                                            \
			problem(res, row, fc[F], 0, club_fields[F].key, col_heading(&x->map, fc[F]),                 \
				"Nội dung quá dài (tối đa %d ký tự): “%s”.", "Too long (at most %d characters): “%s”.", MAX, \
				shown(v[F], q));                                                                     \
	} while (0)
	if (fc[C_NAME] && !*v[C_NAME])
		problem(res, row, fc[C_NAME], 0, "name", col_heading(&x->map, fc[C_NAME]), "Thiếu tên CLB.", "The club name is missing.");
	TEXT(C_NAME, 150, c->name);
	TEXT(C_VILLAGE, 150, c->village);
	TEXT(C_DECISION_NO, 60, c->decision_no);
	TEXT(C_MEETING, 190, c->meeting_place);
	TEXT(C_CONTACT, 120, c->contact_name);
#undef TEXT
	if (fc[C_PHONE] && *v[C_PHONE]) {
		const ImportCell *cell = raw_cell(rr, fc[C_PHONE]);
		char typed[40];
		if (cell && cell->kind == TABLE_NUMBER && strlen(v[C_PHONE]) == 9)
			snprintf(typed, sizeof typed, "0%s", v[C_PHONE]);
		else
			copy(typed, sizeof typed, v[C_PHONE]);
		if (phone_value(typed, c->contact_phone, sizeof c->contact_phone) != 0)
			problem(res, row, fc[C_PHONE], 0, "contact_phone", col_heading(&x->map, fc[C_PHONE]),
				"Số điện thoại “%s” không đúng: cần từ 9 đến 13 chữ số.", "Phone number “%s” is not valid: it needs 9 to 13 digits.",
				shown(v[C_PHONE], q));
	}
	if (fc[C_FOUNDED] && *v[C_FOUNDED])
		club_date(x, rr, C_FOUNDED, v[C_FOUNDED], 1, c->founded_on);
	if (fc[C_DECISION_DATE] && *v[C_DECISION_DATE])
		club_date(x, rr, C_DECISION_DATE, v[C_DECISION_DATE], 0, c->decision_date);
	if (fc[C_PROGRAMME] && *v[C_PROGRAMME]) {
		int found = programme_lookup(x, v[C_PROGRAMME], &c->programme_id, c->programme_code);
		if (found <= 0)
			problem(res, row, fc[C_PROGRAMME], 0, "programme", col_heading(&x->map, fc[C_PROGRAMME]),
				"Không có chương trình/dự án “%s” trong danh mục: ghi mã (ví dụ DA1336) hoặc tên đã có.",
				"There is no programme or project “%s”: write its code (e.g. DA1336) or its name.", shown(v[C_PROGRAMME], q));
	}
	if (fc[C_STATUS] && *v[C_STATUS]) {
		const char *s = status_value(v[C_STATUS]);
		if (s)
			copy(c->status, sizeof c->status, s);
		else
			problem(res, row, fc[C_STATUS], 0, "status", col_heading(&x->map, fc[C_STATUS]),
				"Không hiểu trạng thái “%s”: ghi dự kiến, đã thành lập, đang hoạt động, tạm ngừng hoặc giải thể.",
				"Status “%s” is not clear: write planned, founded, active, inactive or dissolved.", shown(v[C_STATUS], q));
	}
	if (!c->status[0])
		copy(c->status, sizeof c->status, c->founded_on[0] ? "founded" : "planned");
	copy(c->status_date, sizeof c->status_date, c->founded_on[0] ? c->founded_on : x->today);

	/* The commune: by code (a number cell lost its leading zeros), by name, or the user's own. */
	const char *when = c->founded_on[0] ? c->founded_on : x->today;
	const char *value = NULL;
	size_t col = 0;
	int by_code = 0;
	char code[16];
	if (fc[C_UNIT_CODE] && *v[C_UNIT_CODE]) {
		value = v[C_UNIT_CODE];
		col = fc[C_UNIT_CODE];
	} else if (fc[C_UNIT_NAME] && *v[C_UNIT_NAME]) {
		value = v[C_UNIT_NAME];
		col = fc[C_UNIT_NAME];
	}
	if (value) {
		size_t n = strlen(value), d = strspn(value, "0123456789");
		if (d == n && n <= 5) {
			snprintf(code, sizeof code, "%05d", (int)strtol(value, NULL, 10));
			value = code;
			by_code = 1;
		}
	}
	if (!value && x->scope_commune) {
		c->unit_id = x->scope_unit.id;
		copy(c->unit_code, sizeof c->unit_code, x->scope_unit.code);
		copy(c->unit_name, sizeof c->unit_name, x->scope_unit.name);
	} else if (!value) {
		problem(res, row, fc[C_UNIT_CODE] ? fc[C_UNIT_CODE] : fc[C_UNIT_NAME], 0, "unit_code",
			col_heading(&x->map, fc[C_UNIT_CODE] ? fc[C_UNIT_CODE] : fc[C_UNIT_NAME]), "Thiếu mã xã (hoặc tên xã).",
			"The commune code (or name) is missing.");
	} else {
		const struct CommuneHit *h = commune_lookup(x, value, by_code, when);
		if (!h)
			problem(res, row, 0, 0, NULL, NULL, "Hết bộ nhớ.", "Out of memory.");
		else if (h->status == 0) {
			c->unit_id = h->u.id;
			copy(c->unit_code, sizeof c->unit_code, h->u.code);
			copy(c->unit_name, sizeof c->unit_name, h->u.name);
		} else if (h->status == 1 && by_code)
			problem(res, row, col, 0, "unit_code", col_heading(&x->map, col), "Không có xã mã %s vào ngày %s.",
				"There is no commune with code %s on %s.", value, shown(when, q));
		else if (h->status == 1)
			problem(res, row, col, 0, "unit_code", col_heading(&x->map, col), "Không tìm thấy xã “%s”: ghi mã xã.",
				"No commune called “%s” was found: write the commune code.", shown(value, q));
		else if (h->status == 2)
			problem(res, row, col, 0, "unit_code", col_heading(&x->map, col),
				"Có nhiều xã tên “%s” trong phạm vi của bạn: ghi mã xã.",
				"Several communes in your scope are called “%s”: write the commune code.", shown(value, q));
		else
			problem(res, row, col, 0, "unit_code", col_heading(&x->map, col), "Xã %s (%s) nằm ngoài phạm vi của bạn.",
				"Commune %s (%s) lies outside your scope.", h->u.name, h->u.code);
	}
	it->status = res->nproblems == before ? IMPORT_ROW_NEW : IMPORT_ROW_BAD;
}

/* A club of the same commune with the same name (folded): its id, 0, or -1. */
static int64_t club_same(Db *db, const ImportClub *c)
{
	char *fold = vi_fold(c->name);
	Stmt *st = fold ? db_stmt(db, "import_club_same", "SELECT id FROM clubs WHERE unit_id = $1 AND name_fold = $2 LIMIT 1")
			: NULL;
	int64_t id = -1;
	if (st) {
		db_bind_int(st, 1, c->unit_id);
		db_bind_text(st, 2, fold);
		DbStatus s = db_step(st);
		id = s == DB_ROW ? db_col_int(st, 0) : s == DB_DONE ? 0 : -1;
		db_reset(st);
	}
	free(fold);
	return id;
}

static void check_clubs(Check *x)
{
	ImportResult *res = x->res;
	const size_t *fc = x->map.fieldcol;
	if (!fc[C_UNIT_CODE] && !fc[C_UNIT_NAME] && !x->scope_commune)
		problem(res, 0, 0, 0, "unit_code", NULL, "Không có cột Mã xã (hoặc Tên xã): không biết CLB thuộc xã nào.",
			"There is no commune column (Mã xã or Tên xã): the clubs' commune is unknown.");
	if (res->nproblems)
		return;
	for (size_t i = x->map.data_from; i < res->nraw; i++) {
		const ImportRawRow *rr = &res->raw[i];
		char *v[C_COUNT] = {0};
		int bad[C_COUNT] = {0};
		int nomem = 0;
		for (int f = 0; f < C_COUNT; f++)
			if (fc[f] && !(v[f] = cell_value(rr, fc[f], &bad[f])))
				nomem = 1;
		if (!nomem) {
			const char *name = v[C_NAME];
			int numbered = fc[C_STT] && is_row_number(v[C_STT]);
			int data = numbered || (*name && !looks_like_footer(name, 0));
			if (!data) {
				skip_row(res, rr->row);
			} else if (res->nitems >= IMPORT_MAX_ROWS) {
				problem(res, 0, 0, 0, NULL, NULL, "Tệp có hơn %d dòng: hãy chia thành nhiều tệp.",
					"The file has more than %d rows: split it into several files.", IMPORT_MAX_ROWS);
				nomem = 1;
			} else {
				ImportItem *it = new_item(res, rr->row);
				if (it)
					check_club_row(x, rr, it, v, bad);
			}
		}
		for (int f = 0; f < C_COUNT; f++)
			free(v[f]);
		if (nomem)
			break;
	}
	/* The same club twice in the file, and clubs the book has already (same name, same commune). */
	DupKey *keys = calloc(res->nitems ? res->nitems : 1, sizeof *keys);
	char **folds = calloc(res->nitems ? res->nitems : 1, sizeof *folds);
	size_t n = 0;
	for (size_t i = 0; keys && folds && i < res->nitems; i++) {
		ImportItem *it = &res->items[i];
		if (it->status != IMPORT_ROW_NEW || !(folds[i] = vi_fold(it->club->name)))
			continue;
		keys[n++] = (DupKey){folds[i], "", "", it->club->unit_id, i};
	}
	mark_duplicates(x, keys, n, fc[C_NAME], "name");
	for (size_t i = 0; folds && i < res->nitems; i++) {
		ImportItem *it = &res->items[i];
		if (it->status != IMPORT_ROW_NEW)
			continue;
		int64_t same = club_same(x->db, it->club);
		if (same > 0) {
			it->status = IMPORT_ROW_EXISTING;
			it->existing_id = same;
		}
	}
	for (size_t i = 0; folds && i < res->nitems; i++)
		free(folds[i]);
	free(folds);
	free(keys);
}

/* ---- reading and checking a whole file ---- */

static int may_import(const Actor *by, ImportKind kind)
{
	if (kind == IMPORT_REPORTS)
		return report_import_allowed(by);
	if (kind == IMPORT_PLANS)
		return plan_import_allowed(by);
	if (kind == IMPORT_TRAININGS || kind == IMPORT_VISITS)
		return work_import_allowed(by);
	if (kind == IMPORT_MEMBERS)
		return by->role == ROLE_ADMIN || by->role == ROLE_PROVINCE || by->role == ROLE_COMMUNE || by->role == ROLE_CLUB;
	return by->role == ROLE_ADMIN || by->role == ROLE_CENTRAL || by->role == ROLE_PROVINCE || by->role == ROLE_COMMUNE;
}

static void check_free(Check *x)
{
	map_free(&x->map);
	for (size_t i = 0; i < x->ncommunes; i++)
		free(x->communes[i].value);
	free(x->communes);
	for (size_t i = 0; i < x->nprogs; i++) {
		free(x->progs[i].code_fold);
		free(x->progs[i].name_fold);
	}
	free(x->progs);
}

int import_check(Db *db, const Actor *by, ImportKind kind, int64_t club_id, const void *data, size_t len,
		 const char *name, ImportResult *res, Err *e)
{
	memset(res, 0, sizeof *res);
	res->kind = kind;
	if (!import_kind_name(kind))
		return err_set(e, E_NOT_FOUND, NULL);
	if (!may_import(by, kind))
		return err_set(e, E_FORBIDDEN, NULL);
	if (len > IMPORT_MAX_BYTES)
		return err_setf(e, E_TOO_LARGE, "file", "tối đa %d MB / at most %d MB", IMPORT_MAX_BYTES >> 20,
				IMPORT_MAX_BYTES >> 20);
	Check x = {.db = db, .by = by, .res = res};
	x.map.kd = kind == IMPORT_MEMBERS ? &kind_members : &kind_clubs;
	unit_today(x.today);
	x.this_year = (int)strtol(x.today, NULL, 10);
	if (kind == IMPORT_MEMBERS) {
		int have = club_get(db, by, club_id, &res->club);
		if (have < 0)
			return err_set(e, E_INTERNAL, NULL);
		if (!have)
			return err_set(e, E_NOT_FOUND, "club");
		if (strcmp(res->club.status, "dissolved") == 0)
			return err_set(e, E_CLUB_NOT_ACTIVE, "club");
	} else if (by->role == ROLE_COMMUNE) {
		if (unit_find(db, by->scope, x.today, &x.scope_unit) == 1 && x.scope_unit.level == UNIT_COMMUNE)
			x.scope_commune = x.scope_unit.id;
	}

	const unsigned char *bytes = data;
	if (!len) {
		problem(res, 0, 0, 0, NULL, NULL, "Tệp trống: không có gì để nhập.", "The file is empty: there is nothing to import.");
		return 0;
	}
	if (len >= 8 && memcmp(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
		problem(res, 0, 0, 0, NULL, NULL,
			"Đây là tệp Excel kiểu cũ (.xls): hãy mở bằng Excel, chọn Lưu thành (Save As) dạng .xlsx rồi tải lên lại.",
			"This is an old-style Excel file (.xls): open it in Excel, save it as .xlsx and upload that.");
		return 0;
	}
	Reader rd = {.res = res};
	char err[200] = "";
	int rc = table_read_mem(data, len, name, TABLE_AUTO, reader_row, &rd, err, sizeof err);
	if (rd.nomem)
		return err_set(e, E_INTERNAL, NULL);
	if (rd.too_many) {
		problem(res, 0, 0, 0, NULL, NULL, "Tệp có hơn %d dòng: hãy chia thành nhiều tệp.",
			"The file has more than %d rows: split it into several files.", IMPORT_MAX_ROWS);
		return 0;
	}
	if (rc != 0) {
		problem(res, 0, 0, 0, NULL, NULL,
			"Không đọc được tệp: đây không phải bảng tính Excel (.xlsx) hay tệp CSV (UTF-8) đọc được (%s).",
			"The file cannot be read: it is not an Excel workbook (.xlsx) or a CSV file in UTF-8 (%s).",
			err[0] ? err : "?");
		return 0;
	}
	if (!res->nraw) {
		problem(res, 0, 0, 0, NULL, NULL, "Tệp không có dòng nào.", "The file has no rows.");
		return 0;
	}
	if (kind == IMPORT_REPORTS) {
		if (report_import_check(db, by, res, e) != 0)
			return -1;
	} else if (kind == IMPORT_PLANS) {
		if (plan_import_check(db, by, res, e) != 0) {
			check_free(&x);
			return -1;
		}
	} else if (kind == IMPORT_TRAININGS || kind == IMPORT_VISITS) {
		if ((kind == IMPORT_TRAININGS ? training_import_check : visit_import_check)(db, by, res, e) != 0) {
			check_free(&x);
			return -1;
		}
	} else if (map_columns(res, &x.map) != 0) {
		check_free(&x);
		return 0;
	} else {
		if (kind == IMPORT_MEMBERS)
			check_members(&x);
		else
			check_clubs(&x);
	}
	check_free(&x);
	if (!res->nitems && !res->nproblems)
		problem(res, 0, 0, 0, NULL, NULL, "Danh sách không có dòng nào dưới dòng tiêu đề.",
			"The list has no rows under its heading.");
	for (size_t i = 0; i < res->nitems; i++) {
		if (res->items[i].status == IMPORT_ROW_BAD)
			res->bad_rows++;
		else if (res->items[i].status == IMPORT_ROW_EXISTING)
			res->existing++;
		else
			res->fresh++;
	}
	return 0;
}

void import_result_free(ImportResult *res)
{
	for (size_t i = 0; i < res->nproblems; i++) {
		free(res->problems[i].heading);
		free(res->problems[i].vi);
		free(res->problems[i].en);
	}
	free(res->problems);
	for (size_t i = 0; i < res->ncolumns; i++)
		free(res->columns[i].heading);
	free(res->columns);
	for (size_t i = 0; i < res->nignored; i++)
		free(res->ignored[i].heading);
	free(res->ignored);
	for (size_t i = 0; i < res->nraw; i++) {
		for (size_t k = 0; k < res->raw[i].ncells; k++)
			free(res->raw[i].cells[k].text);
		free(res->raw[i].cells);
	}
	free(res->raw);
	for (size_t i = 0; i < res->nitems; i++) {
		free(res->items[i].member);
		free(res->items[i].club);
		if (res->items[i].report)
			free(res->items[i].report->values);
		free(res->items[i].report);
		free(res->items[i].plan);
		free(res->items[i].training);
		free(res->items[i].visit);
	}
	free(res->items);
	free(res->skipped);
	for (size_t i = 0; i < res->nowned; i++)
		free(res->owned[i]);
	free(res->owned);
	memset(res, 0, sizeof *res);
}

unsigned char *import_read_file(const char *path, size_t *len, Err *e)
{
	*len = 0;
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0) {
		if (f)
			fclose(f);
		err_set(e, E_INTERNAL, NULL);
		return NULL;
	}
	if (st.st_size > IMPORT_MAX_BYTES) {
		fclose(f);
		err_setf(e, E_TOO_LARGE, "file", "tối đa %d MB / at most %d MB", IMPORT_MAX_BYTES >> 20, IMPORT_MAX_BYTES >> 20);
		return NULL;
	}
	unsigned char *data = malloc((size_t)st.st_size + 1);
	size_t n = data ? fread(data, 1, (size_t)st.st_size, f) : 0;
	int bad = !data || ferror(f) || n != (size_t)st.st_size;
	fclose(f);
	if (bad) {
		free(data);
		err_set(e, E_INTERNAL, NULL);
		return NULL;
	}
	*len = n;
	return data;
}

/* ---- loading ---- */

typedef struct LoadTx {
	const Actor *by;
	ImportResult *res;
	int64_t upload_id;
	const char *filename;
	int64_t loaded, existing;
	ImportResult refused;      /* reports: the problems of a month the core refused at the load */
} LoadTx;

static DbStatus club_insert(Db *db, const Actor *by, ImportClub *c)
{
	/* As club_create: the commune's code and the next number. */
	char code[16];
	DbStatus cs = club_next_code(db, c->unit_code, code);
	if (cs != DB_OK)
		return cs;
	snprintf(c->code, sizeof c->code, "%s", code);
	Stmt *st;
	char now[21];
	db_now_iso(now);
	char *fold = vi_fold(c->name), *key = vi_collate_key(c->name);
	st = fold && key ? db_stmt(db, "import_club_insert",
				   "INSERT INTO clubs (code, name, name_fold, name_key, unit_id, village, decision_no, decision_date, "
				   "status, status_date, founded_on, programme_id, meeting_place, contact_name, contact_phone, "
				   "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)")
			 : NULL;
	DbStatus s = DB_ERROR;
	if (st) {
		db_bind_text(st, 1, c->code);
		db_bind_text(st, 2, c->name);
		db_bind_text(st, 3, fold);
		db_bind_text(st, 4, key);
		db_bind_int(st, 5, c->unit_id);
		db_bind_text(st, 6, c->village);
		db_bind_text(st, 7, c->decision_no);
		db_bind_text(st, 8, c->decision_date[0] ? c->decision_date : NULL);
		db_bind_text(st, 9, c->status);
		db_bind_text(st, 10, c->status_date);
		db_bind_text(st, 11, c->founded_on[0] ? c->founded_on : NULL);
		if (c->programme_id)
			db_bind_int(st, 12, c->programme_id);
		else
			db_bind_null(st, 12);
		db_bind_text(st, 13, c->meeting_place);
		db_bind_text(st, 14, c->contact_name);
		db_bind_text(st, 15, c->contact_phone);
		db_bind_text(st, 16, now);
		s = db_exec_stmt(st);
	}
	free(fold);
	free(key);
	if (s != DB_OK)
		return s;
	int64_t id = db_last_id(db);
	st = db_stmt(db, "import_club_status", "INSERT INTO club_status (club_id, status, from_date) VALUES ($1, $2, $3)");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, c->status);
	db_bind_text(st, 3, c->status_date);
	if ((s = db_exec_stmt(st)) != DB_OK)
		return s;
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	json_t *after = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "code", c->code, "name", c->name, "commune",
				  c->unit_code, "village", c->village, "status", c->status, "status_date", c->status_date,
				  "decision_no", c->decision_no, "programme", c->programme_code, "meeting_place", c->meeting_place);
	s = audit_write(db, by, "create", "club", sid, NULL, after);
	json_decref(after);
	return s;
}

static int load_tx(Db *db, void *arg)
{
	LoadTx *t = arg;
	ImportResult *res = t->res;
	t->loaded = t->existing = 0;
	if (t->upload_id) {
		/* Only once: a second commit of the same upload (a double click, two servers) finds it done. */
		Stmt *st = db_stmt(db, "import_mark", "UPDATE imports SET status = 'committed' WHERE id = $1 AND status = 'previewed'");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, t->upload_id);
		DbStatus s = db_exec_stmt(st);
		if (s != DB_OK)
			return -(int)s;
		if (db_changes(db) != 1)
			return 1;
	}
	if (res->kind == IMPORT_REPORTS) {
		int rc = report_import_load_tx(db, t->by, res, &t->loaded, &t->refused);
		if (rc != 0)
			return rc;
	}
	if (res->kind == IMPORT_PLANS) {
		int rc = plan_import_load_tx(db, t->by, res, &t->loaded, &t->existing);
		if (rc != 0)
			return rc;
	}
	if (res->kind == IMPORT_TRAININGS || res->kind == IMPORT_VISITS) {
		int rc = work_import_load_tx(db, t->by, res, &t->loaded, &t->existing);
		if (rc != 0)
			return rc;
	}
	for (size_t i = 0; i < res->nitems && (res->kind == IMPORT_MEMBERS || res->kind == IMPORT_CLUBS); i++) {
		ImportItem *it = &res->items[i];
		if (it->status == IMPORT_ROW_BAD)
			return -DB_ERROR;
		if (it->status == IMPORT_ROW_EXISTING) {
			t->existing++;
			continue;
		}
		if (res->kind == IMPORT_MEMBERS) {
			/* Checked again here: another import may have added the person since the check. */
			int64_t dup = member_find_person(db, res->club.unit_id, it->member);
			if (dup < 0)
				return -DB_ERROR;
			if (dup) {
				t->existing++;
				continue;
			}
			int64_t id = member_insert_tx(db, t->by, res->club.id, it->member);
			if (id < 0)
				return (int)id;
		} else {
			int64_t same = club_same(db, it->club);
			if (same < 0)
				return -DB_ERROR;
			if (same) {
				t->existing++;
				continue;
			}
			DbStatus s = club_insert(db, t->by, it->club);
			if (s != DB_OK)
				return -(int)s;
		}
		t->loaded++;
	}
	char now[21], sid[24];
	db_now_iso(now);
	if (t->upload_id) {
		Stmt *st = db_stmt(db, "import_done",
				   "UPDATE imports SET data = NULL, committed_at = $2, loaded = $3, existing = $4, rows_total = $5, "
				   "problems = 0 WHERE id = $1");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, t->upload_id);
		db_bind_text(st, 2, now);
		db_bind_int(st, 3, t->loaded);
		db_bind_int(st, 4, t->existing);
		db_bind_int(st, 5, (int64_t)res->nitems);
		DbStatus s = db_exec_stmt(st);
		if (s != DB_OK)
			return -(int)s;
		snprintf(sid, sizeof sid, "%lld", (long long)t->upload_id);
	} else {
		snprintf(sid, sizeof sid, "%s", res->kind == IMPORT_MEMBERS ? res->club.code : import_kind_name(res->kind));
	}
	json_t *after = json_pack("{s:s, s:s, s:I, s:I, s:I}", "kind", import_kind_name(res->kind), "file",
				  t->filename ? t->filename : "", "rows", (json_int_t)res->nitems, "loaded", (json_int_t)t->loaded,
				  "existing", (json_int_t)t->existing);
	if (after && res->kind == IMPORT_MEMBERS)
		json_object_set_new(after, "club", json_string(res->club.code));
	DbStatus s = audit_write(db, t->by, "import", "import", sid, NULL, after);
	json_decref(after);
	return -(int)s;
}

static int load_checked(Db *db, const Actor *by, int64_t upload_id, const char *filename, ImportResult *res, Err *e)
{
	if (import_errors(res))
		return err_setf(e, E_INVALID, NULL, "%zu", import_errors(res));
	LoadTx t = {.by = by, .res = res, .upload_id = upload_id, .filename = filename};
	int rc = db_tx(db, load_tx, &t);
	if (rc == 2) {
		/* A month the check passed was refused at the load (the books changed in between): its
		 * problems join the result, nothing was written. */
		for (size_t i = 0; i < t.refused.nproblems; i++) {
			const ImportProblem *p = &t.refused.problems[i];
			import_x_problem(res, p->warning, p->row, p->col, p->field ? import_x_own(res, p->field) : NULL, p->heading,
					 "%s%.0s", "%.0s%s", p->vi, p->en);
			for (size_t k = 0; k < res->nitems; k++)
				if (res->items[k].row == p->row && !p->warning && res->items[k].status != IMPORT_ROW_BAD) {
					res->items[k].status = IMPORT_ROW_BAD;
					res->bad_rows++;
					res->fresh--;
				}
		}
		import_result_free(&t.refused);
		return err_setf(e, E_INVALID, NULL, "%zu", import_errors(res));
	}
	import_result_free(&t.refused);
	if (rc == 1)
		return 1;
	if (rc != 0)
		return err_set(e, err_from_db(rc), NULL);
	res->loaded = t.loaded;
	res->existing = (size_t)t.existing;
	res->fresh = (size_t)t.loaded;
	return 0;
}

int import_load(Db *db, const Actor *by, ImportKind kind, int64_t club_id, const void *data, size_t len,
		const char *name, ImportResult *res, Err *e)
{
	if (import_check(db, by, kind, club_id, data, len, name, res, e) != 0)
		return -1;
	return load_checked(db, by, 0, name, res, e) == 0 ? 0 : -1;
}

/* ---- the marked copy ---- */

/* Display width of a text in characters (UTF-8 lead bytes). */
static size_t text_width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int import_problems_xlsx(const ImportResult *res, const char *lang, const char *path, char *err, size_t errlen)
{
	int en = lang && strcmp(lang, "en") == 0;
	char dir[4096];
	copy(dir, sizeof dir, path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = slash ? dir : NULL};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb) {
		snprintf(err, errlen, "cannot create %s", path);
		return -1;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, en ? "List" : "Danh sách");
	lxw_worksheet *ls = workbook_add_worksheet(wb, en ? "Problems" : "Lỗi");
	lxw_format *bad = workbook_add_format(wb), *bad_date = workbook_add_format(wb), *date = workbook_add_format(wb);
	lxw_format *head = workbook_add_format(wb), *msg = workbook_add_format(wb);
	format_set_bg_color(bad, 0xFFC7CE);
	format_set_font_color(bad, 0x9C0006);
	format_set_border(bad, LXW_BORDER_THIN);
	/* A cell with only warnings (reports) is yellow: it does not stop the load. */
	lxw_format *warn = workbook_add_format(wb);
	format_set_bg_color(warn, 0xFFEB9C);
	format_set_font_color(warn, 0x9C5700);
	format_set_border(warn, LXW_BORDER_THIN);
	format_set_bg_color(bad_date, 0xFFC7CE);
	format_set_font_color(bad_date, 0x9C0006);
	format_set_border(bad_date, LXW_BORDER_THIN);
	format_set_num_format(bad_date, "dd/mm/yyyy");
	format_set_num_format(date, "dd/mm/yyyy");
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_font_color(msg, 0x9C0006);
	format_set_text_wrap(msg);

	size_t maxc = 0;
	for (size_t i = 0; i < res->nraw; i++)
		if (res->raw[i].ncells > maxc)
			maxc = res->raw[i].ncells;
	size_t *width = calloc(maxc + 2, sizeof *width);
	size_t p = 0;
	/* File-level problems (row 0) come first; the rows' problems follow in row order. */
	while (p < res->nproblems && res->problems[p].row == 0)
		p++;
	for (size_t i = 0; i < res->nraw; i++) {
		const ImportRawRow *rr = &res->raw[i];
		lxw_row_t r = (lxw_row_t)(rr->row - 1);
		while (p < res->nproblems && res->problems[p].row < rr->row)
			p++;
		size_t p_end = p;
		while (p_end < res->nproblems && res->problems[p_end].row == rr->row)
			p_end++;
		int is_head = res->header_row && rr->row >= res->header_row && rr->row < res->header_row + res->header_rows;
		for (size_t k = 0; k < rr->ncells; k++) {
			const ImportCell *c = &rr->cells[k];
			int marked = 0, error = 0;
			for (size_t q = p; q < p_end; q++)
				if (res->problems[q].col == k + 1 || res->problems[q].col2 == k + 1) {
					marked = 1;
					error |= !res->problems[q].warning;
				}
			lxw_format *f = marked ? (error ? bad : warn) : is_head ? head : NULL;
			if (c->kind == TABLE_NUMBER && c->text[0]) {
				worksheet_write_number(ws, r, (lxw_col_t)k, strtod(c->text, NULL),
						       c->is_date ? (marked ? bad_date : date) : f);
			} else if (c->kind == TABLE_BOOL) {
				worksheet_write_boolean(ws, r, (lxw_col_t)k, strcmp(c->text, "TRUE") == 0, f);
			} else if (c->text[0]) {
				worksheet_write_string(ws, r, (lxw_col_t)k, c->text, f);
			} else if (marked) {
				worksheet_write_blank(ws, r, (lxw_col_t)k, f);
			}
			if (width && !is_head && text_width(c->text) > width[k])
				width[k] = text_width(c->text);
			if (!marked)
				continue;
			/* The cell's messages as its comment. */
			char *note = NULL;
			size_t nlen = 0;
			for (size_t q = p; q < p_end; q++) {
				const ImportProblem *pr = &res->problems[q];
				if (pr->col != k + 1 && pr->col2 != k + 1)
					continue;
				const char *m = en ? pr->en : pr->vi;
				char *grown = realloc(note, nlen + strlen(m) + 2);
				if (!grown)
					break;
				note = grown;
				nlen += (size_t)snprintf(note + nlen, strlen(m) + 2, "%s%s", nlen ? "\n" : "", m);
			}
			if (note)
				worksheet_write_comment(ws, r, (lxw_col_t)k, note);
			free(note);
		}
		if (is_head && rr->row == res->header_row)
			worksheet_write_string(ws, r, (lxw_col_t)maxc, en ? "Problems" : "Lỗi", head);
		if (p_end > p) {
			char *all = NULL;
			size_t alen = 0;
			for (size_t q = p; q < p_end; q++) {
				const ImportProblem *pr = &res->problems[q];
				char col[4] = "", col2[4] = "";
				if (pr->col)
					table_col_name(pr->col, col);
				if (pr->col2)
					table_col_name(pr->col2, col2);
				const char *m = en ? pr->en : pr->vi;
				char *grown = realloc(all, alen + strlen(m) + 24);
				if (!grown)
					break;
				all = grown;
				alen += (size_t)snprintf(all + alen, strlen(m) + 24, "%s%s%s%s%s%s", alen ? "\n" : "", col, col2[0] ? ", " : "", col2,
							col[0] ? ": " : "", m);
			}
			if (all)
				worksheet_write_string(ws, r, (lxw_col_t)maxc, all, msg);
			free(all);
		}
		p = p_end;
	}
	for (size_t k = 0; width && k < maxc; k++)
		worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, (double)(width[k] < 6 ? 6 : width[k] > 40 ? 40 : width[k]) + 2,
				     NULL);
	worksheet_set_column(ws, (lxw_col_t)maxc, (lxw_col_t)maxc, 60, NULL);
	if (res->header_row)
		worksheet_freeze_panes(ws, (lxw_row_t)(res->header_row - 1 + res->header_rows), 0);
	free(width);

	/* The second sheet: every problem, one a line. */
	worksheet_write_string(ls, 0, 0, en ? "Row" : "Dòng", head);
	worksheet_write_string(ls, 0, 1, en ? "Column" : "Cột", head);
	worksheet_write_string(ls, 0, 2, en ? "Heading" : "Tiêu đề cột", head);
	worksheet_write_string(ls, 0, 3, en ? "Problem" : "Lỗi", head);
	for (size_t q = 0; q < res->nproblems; q++) {
		const ImportProblem *pr = &res->problems[q];
		lxw_row_t r = (lxw_row_t)(q + 1);
		if (pr->row)
			worksheet_write_number(ls, r, 0, (double)pr->row, NULL);
		char cols[16] = "", c1[4] = "", c2[4] = "";
		if (pr->col)
			table_col_name(pr->col, c1);
		if (pr->col2)
			table_col_name(pr->col2, c2);
		snprintf(cols, sizeof cols, "%s%s%s", c1, c2[0] ? ", " : "", c2);
		if (cols[0])
			worksheet_write_string(ls, r, 1, cols, NULL);
		if (pr->heading)
			worksheet_write_string(ls, r, 2, pr->heading, NULL);
		worksheet_write_string(ls, r, 3, en ? pr->en : pr->vi, NULL);
	}
	worksheet_set_column(ls, 0, 1, 8, NULL);
	worksheet_set_column(ls, 2, 2, 24, NULL);
	worksheet_set_column(ls, 3, 3, 90, NULL);
	if (res->nproblems)
		worksheet_activate(ws);
	lxw_error le = workbook_close(wb);
	if (le != LXW_NO_ERROR) {
		snprintf(err, errlen, "%s", lxw_strerror(le));
		return -1;
	}
	return 0;
}

/* ---- uploads kept between preview and commit ---- */

int64_t import_save(Db *db, const Actor *by, ImportKind kind, int64_t club_id, const char *filename, const void *data,
		    size_t len, const ImportResult *res, Err *e)
{
	if (!by->user_id)
		return err_set(e, E_FORBIDDEN, NULL);
	if (len > IMPORT_MAX_BYTES)
		return err_set(e, E_TOO_LARGE, "file");
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(hash, data, len);
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(b64len);
	if (!b64)
		return err_set(e, E_INTERNAL, NULL);
	sodium_bin2base64(b64, b64len, data, len, sodium_base64_VARIANT_ORIGINAL);
	char now[21];
	db_now_iso(now);
	char *name = NULL;
	if (vi_normalize(filename && *filename ? filename : "tep", VI_NORM_SPACES, &name) != VI_OK || !name)
		name = strdup("tep");
	if (name && strlen(name) > 190)
		name[190] = '\0';
	/* Files left unloaded for a week are dropped: a preview is not a place to keep people's data. */
	char today[11], cutoff[11];
	unit_today(today);
	date_add_days(today, -IMPORT_KEEP_DAYS, cutoff);
	Stmt *old = db_stmt(db, "import_expire", "UPDATE imports SET data = NULL WHERE status = 'previewed' AND created_at < $1 "
						 "AND data IS NOT NULL");
	if (old) {
		db_bind_text(old, 1, cutoff);
		db_exec_stmt(old);
	}
	Stmt *st = db_stmt(db, "import_save",
			   "INSERT INTO imports (kind, user_id, club_id, filename, size, sha256, data, status, rows_total, problems, "
			   "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'previewed', $8, $9, $10)");
	int64_t id = -1;
	if (st && name) {
		db_bind_text(st, 1, import_kind_name(kind));
		db_bind_int(st, 2, by->user_id);
		if (kind == IMPORT_MEMBERS && club_id)
			db_bind_int(st, 3, club_id);
		else
			db_bind_null(st, 3);
		db_bind_text(st, 4, name);
		db_bind_int(st, 5, (int64_t)len);
		db_bind_text(st, 6, hex);
		db_bind_text(st, 7, b64);
		db_bind_int(st, 8, (int64_t)res->nitems);
		db_bind_int(st, 9, (int64_t)import_errors(res));
		db_bind_text(st, 10, now);
		DbStatus s = db_exec_stmt(st);
		if (s == DB_OK)
			id = db_last_id(db);
		else
			err_set(e, err_from_db(-(int)s), NULL);
	} else {
		err_set(e, E_INTERNAL, NULL);
	}
	free(b64);
	free(name);
	return id;
}

int import_get(Db *db, const Actor *by, int64_t id, ImportUpload *u)
{
	memset(u, 0, sizeof *u);
	Stmt *st = db_stmt(db, "import_get",
			   "SELECT id, kind, user_id, COALESCE(club_id, 0), filename, status, size, rows_total, problems, loaded, "
			   "existing, created_at, COALESCE(committed_at, ''), data FROM imports WHERE id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	DbStatus s = db_step(st);
	int rc = s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
	if (rc == 1) {
		u->id = db_col_int(st, 0);
		u->kind = import_kind_parse(db_col_text(st, 1));
		u->user_id = db_col_int(st, 2);
		u->club_id = db_col_int(st, 3);
		copy(u->filename, sizeof u->filename, db_col_text(st, 4));
		copy(u->status, sizeof u->status, db_col_text(st, 5));
		u->size = db_col_int(st, 6);
		u->rows = db_col_int(st, 7);
		u->problems = db_col_int(st, 8);
		u->loaded = db_col_int(st, 9);
		u->existing = db_col_int(st, 10);
		copy(u->created_at, sizeof u->created_at, db_col_text(st, 11));
		copy(u->committed_at, sizeof u->committed_at, db_col_text(st, 12));
		/* The uploader's own, or an administrator's to see. */
		if (!(by->user_id && u->user_id == by->user_id) && by->role != ROLE_ADMIN)
			rc = 0;
		const char *b64 = rc == 1 && !db_col_is_null(st, 13) ? db_col_text(st, 13) : NULL;
		if (b64) {
			size_t n = strlen(b64);
			u->data = malloc(n / 4 * 3 + 4);
			if (!u->data || sodium_base642bin(u->data, n / 4 * 3 + 4, b64, n, NULL, &u->len, NULL,
							  sodium_base64_VARIANT_ORIGINAL) != 0)
				rc = -1;
		}
	}
	db_reset(st);
	if (rc != 1)
		import_upload_free(u);
	return rc;
}

void import_upload_free(ImportUpload *u)
{
	free(u->data);
	u->data = NULL;
	u->len = 0;
}

int import_commit(Db *db, const Actor *by, int64_t id, ImportResult *res, Err *e)
{
	memset(res, 0, sizeof *res);
	ImportUpload u;
	int have = import_get(db, by, id, &u);
	if (have <= 0)
		return err_set(e, have < 0 ? E_INTERNAL : E_NOT_FOUND, NULL);
	if (strcmp(u.status, "committed") == 0) {
		import_upload_free(&u);
		return 1;
	}
	if (!u.data)
		return err_setf(e, E_NOT_FOUND, NULL, "tệp đã quá %d ngày, hãy tải lên lại / the file is older than %d days: upload it again",
				IMPORT_KEEP_DAYS, IMPORT_KEEP_DAYS);
	int rc = import_check(db, by, u.kind, u.club_id, u.data, u.len, u.filename, res, e);
	if (rc == 0)
		rc = load_checked(db, by, u.id, u.filename, res, e);
	import_upload_free(&u);
	return rc;
}
