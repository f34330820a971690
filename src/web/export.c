/* Exports of members and clubs as Excel (.xlsx) or CSV, within the user's scope exactly as the
 * lists on screen (the same core calls with the same actor): /exports/members.xlsx,
 * members.csv, clubs.xlsx, clubs.csv, optionally narrowed by ?club=ID|CODE or ?unit=CODE.
 * Files are written to an unlinked temporary file and streamed, so no export is held in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/club.h"
#include "core/member.h"
#include "core/scope.h"
#include "core/unit.h"
#include "http/server.h"
#include "lib/vi.h"
#include "out/csv.h"
#include "out/xlsx.h"
#include "web/form.h"
#include "web/pages.h"

/* ---- one writer for both formats ---- */

typedef struct Out {
	Xlsx *x;          /* XLSX, or */
	FILE *csv;        /* CSV */
	int ncols, col;
} Out;

static void out_next(Out *o)
{
	if (++o->col == o->ncols) {
		if (o->x)
			xlsx_row_end(o->x);
		o->col = 0;
	}
}

static void out_text(Out *o, const char *s)
{
	if (o->x)
		xlsx_text(o->x, s);
	else
		csv_field(o->csv, s, o->col == o->ncols - 1);
	out_next(o);
}

static void out_int(Out *o, int64_t v)
{
	if (o->x) {
		xlsx_int(o->x, v);
	} else {
		char buf[24];
		snprintf(buf, sizeof buf, "%lld", (long long)v);
		csv_field(o->csv, buf, o->col == o->ncols - 1);
	}
	out_next(o);
}

/* A date cell in Excel; dd/mm/yyyy text in CSV, as people read dates. */
static void out_date(Out *o, const char *iso)
{
	if (o->x) {
		xlsx_date(o->x, iso);
	} else {
		char buf[VI_DATE_BUFSZ];
		csv_field(o->csv, iso && *iso ? (vi_format_date(iso, buf) ? buf : iso) : "", o->col == o->ncols - 1);
	}
	out_next(o);
}

static void out_flag(Out *o, int on)
{
	out_text(o, on ? "x" : "");
}

static void out_header(Out *o, const XlsxColumn *cols, int ncols)
{
	o->ncols = ncols;
	o->col = 0;
	csv_begin(o->csv);
	for (int i = 0; i < ncols; i++)
		csv_field(o->csv, cols[i].heading, i == ncols - 1);
}

/* ---- what is exported ---- */

typedef struct Export {
	Req *r;
	Out out;
	int members;             /* members, else clubs */
	int people;              /* the contact of a club is a person: not for viewers */
	int national_id;         /* the member's national ID number, for roles that may see it */
	int include_left;
	int64_t n;               /* rows written (STT) */
	/* the clubs whose members are written (members exports), sorted by id */
	struct ClubPlace *clubs;
	size_t nclubs, cap;
	int oom;
} Export;

/* What a member row needs of its club beyond what Member holds. */
typedef struct ClubPlace {
	int64_t id;
	char unit_name[128];
	char province_name[128];
} ClubPlace;

static int place_cmp(const void *a, const void *b)
{
	int64_t x = ((const ClubPlace *)a)->id, y = ((const ClubPlace *)b)->id;
	return x < y ? -1 : x > y;
}

static const char *household_label(const char *h)
{
	return strcmp(h, "poor") == 0 ? "Hộ nghèo" : strcmp(h, "near_poor") == 0 ? "Hộ cận nghèo" : "";
}

static const char *consent_label(const char *f)
{
	return strcmp(f, "written") == 0      ? "Bằng văn bản"
	       : strcmp(f, "verbal") == 0     ? "Bằng lời nói"
	       : strcmp(f, "thumbprint") == 0 ? "Điểm chỉ"
					      : f;
}

/* The member columns; the national ID column only for roles that may see it (index MEMBER_NID). */
static const XlsxColumn member_cols[] = {
	{"STT", 6, XLSX_NUMBER},
	{"Họ và tên", 26, XLSX_TEXT},
	{"Họ", 10, XLSX_TEXT},
	{"Tên đệm", 14, XLSX_TEXT},
	{"Tên", 10, XLSX_TEXT},
	{"Giới tính", 9, XLSX_TEXT},
	{"Năm sinh", 9, XLSX_NUMBER},
	{"Ngày sinh", 12, XLSX_DATE},
	{"Dân tộc", 10, XLSX_TEXT},
	{"Điện thoại", 14, XLSX_TEXT},
	{"Hộ nghèo/cận nghèo", 14, XLSX_TEXT},
	{"Khuyết tật", 9, XLSX_TEXT},
	{"Sống một mình", 9, XLSX_TEXT},
	{"Có thẻ BHYT", 9, XLSX_TEXT},
	{"Thôn/tổ dân phố", 18, XLSX_TEXT},
	{"Ngày vào CLB", 12, XLSX_DATE},
	{"Ngày ra khỏi CLB", 12, XLSX_DATE},
	{"Lý do ra khỏi CLB", 18, XLSX_TEXT},
	{"Ngày đồng ý lưu thông tin", 12, XLSX_DATE},
	{"Hình thức đồng ý", 13, XLSX_TEXT},
	{"Số CCCD/định danh", 15, XLSX_TEXT},
	{"Ghi chú", 24, XLSX_TEXT},
	{"Mã CLB", 10, XLSX_TEXT},
	{"Tên CLB", 28, XLSX_TEXT},
	{"Xã/phường", 20, XLSX_TEXT},
	{"Tỉnh/thành phố", 16, XLSX_TEXT},
};
enum { MEMBER_COLS = sizeof member_cols / sizeof *member_cols, MEMBER_NID = 20 };

/* The club columns; the contact (CLUB_CONTACT and the next) only for roles that see people. */
static const XlsxColumn club_cols[] = {
	{"STT", 6, XLSX_NUMBER},
	{"Mã CLB", 10, XLSX_TEXT},
	{"Tên CLB", 30, XLSX_TEXT},
	{"Thôn/tổ dân phố", 18, XLSX_TEXT},
	{"Mã xã", 8, XLSX_TEXT},
	{"Xã/phường", 20, XLSX_TEXT},
	{"Tỉnh/thành phố", 16, XLSX_TEXT},
	{"Tình trạng", 16, XLSX_TEXT},
	{"Từ ngày", 12, XLSX_DATE},
	{"Ngày thành lập", 12, XLSX_DATE},
	{"Số quyết định thành lập", 16, XLSX_TEXT},
	{"Ngày quyết định", 12, XLSX_DATE},
	{"Đề án/dự án", 12, XLSX_TEXT},
	{"Nơi sinh hoạt", 22, XLSX_TEXT},
	{"Người liên hệ", 20, XLSX_TEXT},
	{"Điện thoại liên hệ", 14, XLSX_TEXT},
	{"Số thành viên", 10, XLSX_NUMBER},
};
enum { CLUB_COLS = sizeof club_cols / sizeof *club_cols, CLUB_CONTACT = 14 };

static void member_row(const Member *m, void *arg)
{
	Export *x = arg;
	/* Members of clubs the filter left out (?status=) are not exported. */
	ClubPlace key = {.id = m->club_id};
	const ClubPlace *c = bsearch(&key, x->clubs, x->nclubs, sizeof *x->clubs, place_cmp);
	if (!c)
		return;
	Out *o = &x->out;
	out_int(o, ++x->n);
	out_text(o, m->full_name);
	out_text(o, m->family_name);
	out_text(o, m->middle_name);
	out_text(o, m->given_name);
	out_text(o, strcmp(m->sex, "F") == 0 ? "Nữ" : strcmp(m->sex, "M") == 0 ? "Nam" : "");
	out_int(o, m->birth_year);
	out_date(o, m->birth_date);
	out_text(o, m->ethnicity);
	out_text(o, m->phone);
	out_text(o, household_label(m->household));
	out_flag(o, m->disability);
	out_flag(o, m->lives_alone);
	out_flag(o, m->health_card);
	out_text(o, m->village);
	out_date(o, m->joined_on);
	out_date(o, m->left_on);
	out_text(o, m->left_reason);
	out_date(o, m->consent_on);
	out_text(o, consent_label(m->consent_form));
	if (x->national_id)
		out_text(o, m->national_id);
	out_text(o, m->note);
	out_text(o, m->club_code);
	out_text(o, m->club_name);
	out_text(o, c->unit_name);
	out_text(o, c->province_name);
}

static void club_row(const Club *c, void *arg)
{
	Export *x = arg;
	Out *o = &x->out;
	out_int(o, ++x->n);
	out_text(o, c->code);
	out_text(o, c->name);
	out_text(o, c->village);
	out_text(o, c->unit_code);
	out_text(o, c->unit_name);
	out_text(o, c->province_name);
	out_text(o, club_status_label(c->status, "vi"));
	out_date(o, c->status_date);
	out_date(o, c->founded_on);
	out_text(o, c->decision_no);
	out_date(o, c->decision_date);
	out_text(o, c->programme_code);
	out_text(o, c->meeting_place);
	if (x->people) {
		out_text(o, c->contact_name);
		out_text(o, c->contact_phone);
	}
	out_int(o, c->members);
}

/* Keeps what member rows need of each club of a members export. */
static void club_keep(const Club *c, void *arg)
{
	Export *x = arg;
	if (x->oom)
		return;
	if (x->nclubs == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 64;
		ClubPlace *n = realloc(x->clubs, cap * sizeof *n);
		if (!n) {
			x->oom = 1;
			return;
		}
		x->clubs = n;
		x->cap = cap;
	}
	ClubPlace *p = &x->clubs[x->nclubs++];
	p->id = c->id;
	snprintf(p->unit_name, sizeof p->unit_name, "%s", c->unit_name);
	snprintf(p->province_name, sizeof p->province_name, "%s", c->province_name);
}

/* The columns of this export (without those the role may not see) into cols; returns how many. */
static int export_columns(const Export *x, XlsxColumn *cols)
{
	int n = 0;
	if (x->members) {
		for (int i = 0; i < MEMBER_COLS; i++)
			if (i != MEMBER_NID || x->national_id)
				cols[n++] = member_cols[i];
	} else {
		for (int i = 0; i < CLUB_COLS; i++)
			if ((i != CLUB_CONTACT && i != CLUB_CONTACT + 1) || x->people)
				cols[n++] = club_cols[i];
	}
	return n;
}

static const char *club_title(Req *r, const Club *c)
{
	return arena_printf(&r->arena, "CLB %s (%s), %s, %s", c->name, c->code, c->unit_name, c->province_name);
}

/* A unit's name as a heading says it: "Tỉnh Thanh Hóa"; communes carry their kind in the name. */
static const char *unit_title(Req *r, const Unit *u)
{
	if (u->level != UNIT_PROVINCE)
		return arena_strdup(&r->arena, u->name);
	size_t n = strlen(u->name) + 32;
	char *s = arena_alloc(&r->arena, n);
	snprintf(s, n, "%s %s", unit_kind_label(u->kind, "vi"), u->name);
	return s;
}

/* What the actor's own scope is called: "Toàn quốc", "Tỉnh Thanh Hóa", "CLB ... (15961-01), ...". */
static const char *scope_title(Req *r)
{
	const char *s = r->actor.scope;
	if (!s[0])
		return "Toàn quốc";
	Club c;
	if (strchr(s, '-') && club_get_by_code(r->db, &r->actor, s, &c) == 1)
		return club_title(r, &c);
	Unit u;
	char today[11];
	unit_today(today);
	if (unit_find(r->db, s, today, &u) == 1)
		return unit_title(r, &u);
	return arena_printf(&r->arena, "Phạm vi %s", s);
}

/* ?unit=CODE as a unit of today inside the actor's scope: 1, 0 absent, -1 after answering. */
static int unit_param(Req *r, Unit *u)
{
	const char *code = req_query(r, "unit");
	if (!code || !*code)
		return 0;
	ErrCode found = form_unit(r, code, NULL, u);
	if (found) {
		resp_error(r, found, found == E_INTERNAL ? NULL : "unit", NULL);
		return -1;
	}
	return 1;
}

/* ?club=ID|CODE in scope: 1, 0 absent, -1 after answering 404. */
static int club_param(Req *r, Club *c)
{
	const char *s = req_query(r, "club");
	if (!s || !*s)
		return 0;
	int have = club_find(r->db, &r->actor, s, c);
	if (have < 0) {
		resp_error(r, E_INTERNAL, NULL, NULL);
		return -1;
	}
	if (!have) {
		resp_error(r, E_NOT_FOUND, "club", NULL);
		return -1;
	}
	return 1;
}

/* Writes the rows; 0, or -1 on a store error. Members come in one pass over the scope (one
 * query, club by club in code order and by Vietnamese name within a club: read in index order,
 * never sorted as a whole, so memory stays flat), each joined to its club through the kept list. */
static int export_rows(Export *x, const Club *one, const ClubFilter *f, const char *member_q)
{
	Req *r = x->r;
	if (!x->members) {
		if (one) {
			club_row(one, x);
			return 0;
		}
		return club_list(r->db, &r->actor, f, 0, INT64_MAX, club_row, x) < 0 ? -1 : 0;
	}
	if (one)
		club_keep(one, x);
	else if (club_list(r->db, &r->actor, f, 0, INT64_MAX, club_keep, x) < 0)
		return -1;
	if (x->oom)
		return -1;
	qsort(x->clubs, x->nclubs, sizeof *x->clubs, place_cmp);
	MemberFilter mf = {.club_id = one ? one->id : 0, .unit_id = f->unit_id, .q = member_q,
			   .include_left = x->include_left, .sort = "club"};
	return member_list(r->db, &r->actor, &mf, 0, INT64_MAX, member_row, x) < 0 ? -1 : 0;
}

HandlerResult web_export(Req *r)
{
	const char *file = req_param(r, "file");
	Export x = {.r = r};
	int xlsx;
	if (strcmp(file, "members.xlsx") == 0 || strcmp(file, "members.csv") == 0)
		x.members = 1;
	else if (strcmp(file, "clubs.xlsx") != 0 && strcmp(file, "clubs.csv") != 0)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	xlsx = strstr(file, ".xlsx") != NULL;
	x.people = scope_sees_people(&r->actor);
	x.national_id = member_sees_national_id(&r->actor);
	/* Lists of people are not for viewers, however narrowed. */
	if (x.members && !x.people)
		return resp_error(r, E_FORBIDDEN, NULL, NULL);
	const char *left = req_query(r, "include_left");
	x.include_left = left && (strcmp(left, "1") == 0 || strcmp(left, "true") == 0);
	if (left && *left && !x.include_left && strcmp(left, "0") != 0 && strcmp(left, "false") != 0)
		return resp_error(r, E_INVALID, "include_left", "0, 1");
	const char *qc = req_query(r, "club"), *qu = req_query(r, "unit"), *qs = req_query(r, "status");
	if (qc && *qc && qu && *qu)
		return resp_error(r, E_INVALID, "unit", tr(r, "chọn CLB hoặc đơn vị, không chọn cả hai", "give club or unit, not both"));
	/* ?q= searches names: of members in a members export, of clubs in a clubs export. */
	const char *q = req_query(r, "q");
	ClubFilter f = {0, qs && *qs ? qs : NULL, x.members ? NULL : q};
	if (f.status && !club_status_valid(f.status))
		return resp_error(r, E_INVALID, "status", NULL);
	Club one;
	Unit u;
	int hc = club_param(r, &one);
	if (hc < 0)
		return H_ERROR;
	int hu = hc ? 0 : unit_param(r, &u);
	if (hu < 0)
		return H_ERROR;
	if (hu)
		f.unit_id = u.id;

	/* Names: "thanh-vien-15961-01.xlsx", "cau-lac-bo-38.csv"; the subtitle says what is in it. */
	const char *code = hc ? one.code : hu ? u.code : r->actor.scope;
	const char *what = hc ? club_title(r, &one) : hu ? unit_title(r, &u) : scope_title(r);
	const char *base = x.members ? "thanh-vien" : "cau-lac-bo";
	const char *name = code[0] ? arena_printf(&r->arena, "%s-%s.%s", base, code, xlsx ? "xlsx" : "csv")
				   : arena_printf(&r->arena, "%s.%s", base, xlsx ? "xlsx" : "csv");
	char today[11], shown[VI_DATE_BUFSZ];
	unit_today(today);
	vi_format_date(today, shown);
	const char *subtitle = arena_printf(&r->arena, "%s. Xuất ngày %s%s.", what, shown,
					    x.members && x.include_left ? ", gồm cả người đã ra khỏi CLB" : "");

	const char *tmpdir = server_config()->tmpdir;
	char path[4096];
	snprintf(path, sizeof path, "%s/ishc-export-XXXXXX", tmpdir);
	int fd = mkstemp(path);
	if (fd < 0)
		return H_FATAL;
	XlsxColumn cols[XLSX_MAX_COLS];
	int ncols = export_columns(&x, cols);
	int bad = 0;
	if (xlsx) {
		/* libxlsxwriter writes the file by its name when it closes: unlink only after. */
		x.out.x = xlsx_create(path, tmpdir, x.members ? "Danh sách thành viên" : "Danh sách câu lạc bộ");
		x.out.ncols = ncols;
		bad = !x.out.x ||
		      xlsx_sheet(x.out.x, x.members ? "Thành viên" : "Câu lạc bộ",
				 x.members ? "DANH SÁCH THÀNH VIÊN CÂU LẠC BỘ LIÊN THẾ HỆ TỰ GIÚP NHAU"
					   : "DANH SÁCH CÂU LẠC BỘ LIÊN THẾ HỆ TỰ GIÚP NHAU",
				 subtitle, cols, ncols) != 0;
	} else {
		unlink(path);
		x.out.csv = fdopen(dup(fd), "w");
		bad = !x.out.csv;
		if (!bad)
			out_header(&x.out, cols, ncols);
	}
	int rows_bad = bad ? 0 : export_rows(&x, hc ? &one : NULL, &f, q);
	free(x.clubs);
	ErrCode fail = bad || rows_bad ? E_INTERNAL : E_NONE;
	if (xlsx) {
		XlsxStatus s = xlsx_close(x.out.x);
		unlink(path);
		if (!fail && s != XLSX_OK)
			fail = s == XLSX_TOO_MANY_ROWS ? E_TOO_LARGE : E_DISK_FULL;
	} else if (x.out.csv && fclose(x.out.csv) != 0 && !fail) {
		fail = E_DISK_FULL;
	}
	struct stat st;
	if (!fail && (fstat(fd, &st) != 0 || lseek(fd, 0, SEEK_SET) != 0))
		fail = E_INTERNAL;
	if (fail) {
		close(fd);
		return fail == E_INTERNAL ? H_FATAL : resp_error(r, fail, NULL, NULL);
	}
	return resp_file(r, fd, (uint64_t)st.st_size,
			 xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
			 name);
}
