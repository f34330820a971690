/* Member pages: members across the user's scope, a club's members, adding a member (asking first
 * when the same person is on a book in the commune already), and one member's page with the edit
 * form and "left the club". Viewers never reach these pages (the route table keeps them out). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/club.h"
#include "core/member.h"
#include "core/scope.h"
#include "core/unit.h"
#include "lib/vi.h"
#include "web/layout.h"
#include "web/pages.h"

enum { MEMBERS_PER_PAGE = 50 };

/* Escaped text from a format in the request's language (both formats checked by the compiler). */
#define html_trf(r, b, vi, en, ...) \
	(strcmp((r)->lang, "en") == 0 ? html_txtf((b), en, __VA_ARGS__) : html_txtf((b), vi, __VA_ARGS__))

/* ---- small pieces (the form helpers of layout.h, with hints and checkboxes) ---- */

/* What was typed, shown back in an input: control characters (which a page may not hold, and
 * which the checks refused anyway) are left out. */
static void value_attr(Buf *b, const char *s)
{
	Buf clean;
	buf_init(&clean, 0);
	for (; *s; s++)
		if ((unsigned char)*s >= 0x20 && *s != 0x7f)
			buf_putc(&clean, *s);
	html_attr(b, buf_str(&clean));
	buf_free(&clean);
}

static void date_txt(Buf *b, const char *iso)
{
	char d[VI_DATE_BUFSZ];
	if (!iso || !*iso)
		html(b, "—");
	else
		html_txt(b, vi_format_date(iso, d) ? d : iso);
}

static const char *date_value(const char *iso, char out[VI_DATE_BUFSZ])
{
	if (!iso || !*iso || !vi_format_date(iso, out))
		out[0] = '\0';
	return out;
}

static int bad(const Err *e, const char *field)
{
	return e && e->code && e->field && strcmp(e->field, field) == 0;
}

/* The catalogue's message, made precise where it would leave the user guessing. */
static const char *field_message(Req *r, const char *name, const Err *e, const char *typed)
{
	char iso[VI_DATE_BUFSZ];
	if (e->code == E_INVALID) {
		if (strcmp(name, "phone") == 0)
			return tr(r, "Số điện thoại gồm 9 đến 13 chữ số, ví dụ 0912 345 678.", "A phone number has 9 to 13 digits, e.g. 0912 345 678.");
		if (strcmp(name, "national_id") == 0)
			return tr(r, "Số định danh cá nhân (căn cước) gồm 12 chữ số; chứng minh nhân dân cũ gồm 9 chữ số.",
				  "A personal ID number has 12 digits (an old identity card: 9).");
		if (strcmp(name, "sex") == 0)
			return tr(r, "Chọn Nam hoặc Nữ.", "Choose male or female.");
		if (strcmp(name, "household") == 0)
			return tr(r, "Chọn hộ nghèo, hộ cận nghèo hoặc không thuộc hai loại này.", "Choose poor, near-poor or neither.");
	}
	if (e->code == E_DATE && typed && *typed && vi_parse_date(typed, iso) == VI_OK) {
		if (strcmp(name, "left_on") == 0)
			return tr(r, "Ngày ra khỏi CLB phải từ ngày vào CLB đến hôm nay.",
				  "The day of leaving must lie between the day of joining and today.");
		return tr(r, "Ngày này không được sau hôm nay.", "This date cannot be after today.");
	}
	if (e->code == E_REQUIRED && strcmp(name, "left_reason") == 0)
		return tr(r, "Ghi lý do ra khỏi CLB (ví dụ: chuyển nơi ở, qua đời, xin thôi).",
			  "Give the reason for leaving (e.g. moved away, died, withdrew).");
	return err_message(e->code, r->lang);
}

static void input(Req *r, Buf *b, const char *name, const char *label, const char *type, const char *value,
		  const Err *e, const char *extra, const char *hint)
{
	int is_bad = bad(e, name);
	html(b, "<div class=\"field");
	if (is_bad)
		html(b, " invalid");
	html(b, "\"><label for=\"f-");
	html_attr(b, name);
	html(b, "\">");
	html_txt(b, label);
	html(b, "</label>");
	if (hint) {
		html(b, "<p class=\"hint\" id=\"h-");
		html_attr(b, name);
		html(b, "\">");
		html_txt(b, hint);
		html(b, "</p>");
	}
	html(b, "<input id=\"f-");
	html_attr(b, name);
	html(b, "\" name=\"");
	html_attr(b, name);
	html(b, "\" type=\"");
	html_attr(b, type);
	html(b, "\"");
	if (value && *value) {
		html(b, " value=\"");
		value_attr(b, value);
		html(b, "\"");
	}
	if (is_bad)
		html(b, " aria-invalid=\"true\"");
	if (is_bad || hint) {
		html(b, " aria-describedby=\"");
		if (hint) {
			html(b, "h-");
			html_attr(b, name);
			if (is_bad)
				html(b, " ");
		}
		if (is_bad) {
			html(b, "e-");
			html_attr(b, name);
		}
		html(b, "\"");
	}
	if (extra && *extra) {
		html(b, " ");
		buf_puts(b, extra);
	}
	html(b, ">");
	if (is_bad) {
		html(b, "<p class=\"msg\" id=\"e-");
		html_attr(b, name);
		html(b, "\">");
		html_txt(b, field_message(r, name, e, value));
		html(b, "</p>");
	}
	html(b, "</div>");
}

static void date_input(Req *r, Buf *b, const char *name, const char *label, const char *value, const Err *e,
		       const char *extra)
{
	char x[160];
	snprintf(x, sizeof x, "inputmode=\"numeric\" placeholder=\"dd/mm/yyyy\" autocomplete=\"off\"%s%s", extra && *extra ? " " : "",
		 extra ? extra : "");
	input(r, b, name, label, "text", value, e, x, NULL);
}

typedef struct Opt {
	const char *value, *vi, *en;
} Opt;

static void select_field(Req *r, Buf *b, const char *name, const char *label, const Opt *opts, size_t n,
			 const char *value, const Err *e, int required)
{
	int is_bad = bad(e, name);
	html(b, "<div class=\"field");
	if (is_bad)
		html(b, " invalid");
	html(b, "\"><label for=\"f-");
	html_attr(b, name);
	html(b, "\">");
	html_txt(b, label);
	html(b, "</label><select id=\"f-");
	html_attr(b, name);
	html(b, "\" name=\"");
	html_attr(b, name);
	html(b, "\"");
	if (required)
		html(b, " required");
	if (is_bad) {
		html(b, " aria-invalid=\"true\" aria-describedby=\"e-");
		html_attr(b, name);
		html(b, "\"");
	}
	html(b, ">");
	for (size_t i = 0; i < n; i++) {
		html(b, "<option value=\"");
		html_attr(b, opts[i].value);
		html(b, "\"");
		if (value && strcmp(value, opts[i].value) == 0)
			html(b, " selected");
		html(b, ">");
		html_txt(b, tr(r, opts[i].vi, opts[i].en));
		html(b, "</option>");
	}
	html(b, "</select>");
	if (is_bad) {
		html(b, "<p class=\"msg\" id=\"e-");
		html_attr(b, name);
		html(b, "\">");
		html_txt(b, field_message(r, name, e, NULL));
		html(b, "</p>");
	}
	html(b, "</div>");
}

static void checkbox(Req *r, Buf *b, const char *name, const char *label, int checked, const Err *e)
{
	int is_bad = bad(e, name);
	html(b, "<div class=\"field check");
	if (is_bad)
		html(b, " invalid");
	html(b, "\"><input type=\"checkbox\" value=\"1\" id=\"f-");
	html_attr(b, name);
	html(b, "\" name=\"");
	html_attr(b, name);
	html(b, "\"");
	if (checked)
		html(b, " checked");
	html(b, "><label for=\"f-");
	html_attr(b, name);
	html(b, "\">");
	html_txt(b, label);
	html(b, "</label>");
	if (is_bad) {
		html(b, "<p class=\"msg\">");
		html_txt(b, field_message(r, name, e, NULL));
		html(b, "</p>");
	}
	html(b, "</div>");
}

static void error_summary(Req *r, Buf *b, const Err *e)
{
	if (!e || !e->code)
		return;
	if (!e->field || e->code == E_DUPLICATE_PERSON) {
		form_error(r, b, e);
		return;
	}
	html(b, "<div class=\"error\" role=\"alert\"><p>");
	html_txt(b, tr(r, "Chưa lưu được: xem thông báo dưới ô được đánh dấu đỏ. Những gì bạn đã nhập vẫn còn.",
		       "Not saved: see the message under the field marked in red. What you typed is kept."));
	html(b, "</p></div>");
}

static void pager(Req *r, Buf *b, const char *base, int64_t page, int64_t per_page, int64_t total)
{
	int64_t pages = (total + per_page - 1) / per_page;
	if (pages <= 1)
		return;
	html(b, "<nav class=\"pager\" aria-label=\"");
	html_attr(b, tr(r, "Trang", "Pages"));
	html(b, "\">");
	if (page > 1) {
		html(b, "<a href=\"");
		html_attr(b, base);
		html_txtf(b, "&page=%lld", (long long)(page - 1));
		html(b, "\" rel=\"prev\">« ");
		html_txt(b, tr(r, "Trang trước", "Previous"));
		html(b, "</a>");
	}
	html(b, "<span>");
	html_txtf(b, "%s %lld / %lld", tr(r, "Trang", "Page"), (long long)page, (long long)pages);
	html(b, "</span>");
	if (page < pages) {
		html(b, "<a href=\"");
		html_attr(b, base);
		html_txtf(b, "&page=%lld", (long long)(page + 1));
		html(b, "\" rel=\"next\">");
		html_txt(b, tr(r, "Trang sau", "Next"));
		html(b, " »</a>");
	}
	html(b, "</nav>");
}

/* ---- words for stored codes ---- */

static const Opt sexes[] = {
	{"", "— chọn —", "— choose —"},
	{"F", "Nữ", "Female"},
	{"M", "Nam", "Male"},
};

static const Opt households[] = {
	{"other", "Không thuộc hộ nghèo, cận nghèo", "Neither poor nor near-poor"},
	{"near_poor", "Hộ cận nghèo", "Near-poor household"},
	{"poor", "Hộ nghèo", "Poor household"},
};

static const Opt consent_forms[] = {
	{"", "— chưa ghi nhận —", "— not recorded —"},
	{"written", "Ký giấy đồng ý", "Signed in writing"},
	{"thumbprint", "Điểm chỉ", "Thumbprint"},
	{"verbal", "Đồng ý bằng lời (có người làm chứng)", "Spoken (with a witness)"},
};

static const Opt sorts[] = {
	{"name", "Tên (A–Z)", "Name (A–Z)"},
	{"birth", "Năm sinh", "Birth year"},
	{"joined", "Ngày vào CLB", "Date joined"},
};

static const char *opt_label(Req *r, const Opt *opts, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(opts[i].value, value) == 0)
			return tr(r, opts[i].vi, opts[i].en);
	return value;
}

#define OPTS(a) (a), sizeof(a) / sizeof *(a)

static const char *sex_label(Req *r, const char *sex)
{
	return strcmp(sex, "F") == 0 ? tr(r, "Nữ", "Female") : strcmp(sex, "M") == 0 ? tr(r, "Nam", "Male") : "—";
}

static void birth_txt(Buf *b, const Member *m)
{
	if (m->birth_date[0])
		date_txt(b, m->birth_date);
	else
		html_int(b, m->birth_year);
}

/* ---- lists ---- */

typedef struct ListCtx {
	Req *r;
	Buf *b;
	int64_t n;           /* row number */
	int with_club;       /* across clubs: show the club */
	int with_left;
} ListCtx;

static void td_open(Req *r, Buf *b, const char *vi, const char *en, const char *cls)
{
	html(b, "<td");
	if (cls) {
		html(b, " class=\"");
		html_attr(b, cls);
		html(b, "\"");
	}
	html(b, " data-label=\"");
	html_attr(b, tr(r, vi, en));
	html(b, "\">");
}

static void member_row(const Member *m, void *arg)
{
	ListCtx *x = arg;
	Req *r = x->r;
	Buf *b = x->b;
	html(b, "<tr>");
	td_open(r, b, "STT", "No.", "num");
	html_int(b, ++x->n);
	html(b, "</td>");
	td_open(r, b, "Họ và tên", "Name", NULL);
	html(b, "<a href=\"/members/");
	html_int(b, m->id);
	html(b, "\">");
	html_txt(b, m->full_name);
	html(b, "</a></td>");
	td_open(r, b, "Giới tính", "Sex", NULL);
	html_txt(b, sex_label(r, m->sex));
	html(b, "</td>");
	td_open(r, b, "Năm sinh", "Born", "nowrap");
	birth_txt(b, m);
	html(b, "</td>");
	if (x->with_club) {
		td_open(r, b, "CLB", "Club", NULL);
		html(b, "<a href=\"/clubs/");
		html_int(b, m->club_id);
		html(b, "\">");
		html_txt(b, m->club_name);
		html(b, "</a> <span class=\"muted\">");
		html_txt(b, m->club_code);
		html(b, "</span></td>");
	} else {
		td_open(r, b, "Dân tộc", "Ethnicity", NULL);
		html_txt(b, m->ethnicity[0] ? m->ethnicity : "—");
		html(b, "</td>");
		td_open(r, b, "Hoàn cảnh", "Circumstances", NULL);
		int any = 0;
		if (strcmp(m->household, "other") != 0) {
			html_txt(b, opt_label(r, OPTS(households), m->household));
			any = 1;
		}
		if (m->disability) {
			if (any)
				html(b, "; ");
			html_txt(b, tr(r, "khuyết tật", "disability"));
			any = 1;
		}
		if (m->lives_alone) {
			if (any)
				html(b, "; ");
			html_txt(b, tr(r, "sống một mình", "lives alone"));
			any = 1;
		}
		if (!any)
			html(b, "—");
		html(b, "</td>");
		td_open(r, b, "Điện thoại", "Phone", "nowrap");
		html_txt(b, m->phone[0] ? m->phone : "—");
		html(b, "</td>");
	}
	td_open(r, b, "Ngày vào CLB", "Joined", "nowrap");
	date_txt(b, m->joined_on);
	html(b, "</td>");
	if (x->with_left) {
		td_open(r, b, "Ngày ra", "Left", "nowrap");
		date_txt(b, m->left_on);
		html(b, "</td>");
	}
	html(b, "</tr>");
}

static void list_head(Req *r, Buf *b, const char *caption, int with_club, int with_left)
{
	html(b, "<div class=\"scroll\"><table class=\"stack\"><caption>");
	html_txt(b, caption);
	html(b, "</caption><thead><tr>");
	static const struct {
		const char *vi, *en;
		int when;    /* 0 always, 1 across clubs, 2 one club, 3 with left */
	} cols[] = {
		{"STT", "No.", 0}, {"Họ và tên", "Name", 0}, {"Giới tính", "Sex", 0}, {"Năm sinh", "Born", 0},
		{"CLB", "Club", 1}, {"Dân tộc", "Ethnicity", 2}, {"Hoàn cảnh", "Circumstances", 2},
		{"Điện thoại", "Phone", 2}, {"Ngày vào CLB", "Joined", 0}, {"Ngày ra", "Left", 3},
	};
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
		if ((cols[i].when == 1 && !with_club) || (cols[i].when == 2 && with_club) || (cols[i].when == 3 && !with_left))
			continue;
		html(b, "<th scope=\"col\">");
		html_txt(b, tr(r, cols[i].vi, cols[i].en));
		html(b, "</th>");
	}
	html(b, "</tr></thead><tbody>");
}

static void sort_field(Req *r, Buf *b, const char *sort)
{
	select_field(r, b, "sort", tr(r, "Xếp theo", "Sort by"), OPTS(sorts), sort, NULL, 0);
}

static const char *sort_param(Req *r)
{
	const char *s = req_query(r, "sort");
	if (s && (strcmp(s, "birth") == 0 || strcmp(s, "joined") == 0))
		return s;
	return "name";
}

HandlerResult web_members(Req *r)
{
	const char *q = req_query(r, "q"), *unit = req_query(r, "unit");
	const char *sort = sort_param(r);
	int64_t page = req_param_id(r, "page");
	if (page < 1)
		page = 1;
	Err e = {0};
	MemberFilter f = {.q = q, .sort = sort};
	if (unit && *unit) {
		char today[11];
		unit_today(today);
		Unit u;
		int have = unit_find(r->db, unit, today, &u);
		if (have < 0)
			return H_FATAL;
		if (!have)
			err_set(&e, E_NOT_FOUND, "unit");
		else if (!scope_is_national(&r->actor) && !scope_covers_unit(r->db, &r->actor, u.id))
			err_set(&e, E_OUT_OF_SCOPE, "unit");
		else
			f.unit_id = u.id;
	}
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Thành viên", "Members"));
	html(&b, "<form method=\"get\" action=\"/members\" class=\"inline\">");
	input(r, &b, "q", tr(r, "Tìm theo họ tên (gõ không dấu được)", "Search by name (accents optional)"), "search", q, &e,
	      "", NULL);
	if (r->actor.role != ROLE_CLUB)
		input(r, &b, "unit", tr(r, "Mã tỉnh hoặc mã xã", "Province or commune code"), "text", unit, &e,
		      "inputmode=\"numeric\" size=\"6\"", NULL);
	sort_field(r, &b, sort);
	html(&b, "<div class=\"field\"><button type=\"submit\">");
	html_txt(&b, tr(r, "Tìm", "Search"));
	html(&b, "</button></div></form>");
	int64_t total = 0;
	if (!e.code) {
		list_head(r, &b, tr(r, "Thành viên đang sinh hoạt trong phạm vi của bạn", "Members on the books in your scope"), 1, 0);
		ListCtx x = {r, &b, (page - 1) * MEMBERS_PER_PAGE, 1, 0};
		total = member_list(r->db, &r->actor, &f, (page - 1) * MEMBERS_PER_PAGE, MEMBERS_PER_PAGE, member_row, &x);
		if (total < 0) {
			buf_free(&b);
			return H_FATAL;
		}
		html(&b, "</tbody></table></div>");
	}
	char n[VI_NUM_BUFSZ];
	html(&b, "<p class=\"count\">");
	html_txt(&b, vi_format_int(total, n));
	html(&b, " ");
	html_txt(&b, tr(r, "thành viên", "members"));
	html(&b, "</p>");
	Buf base;
	buf_init(&base, 0);
	buf_puts(&base, "/members?q=");
	html_urlenc(&base, q ? q : "");
	buf_puts(&base, "&unit=");
	html_urlenc(&base, unit ? unit : "");
	buf_puts(&base, "&sort=");
	html_urlenc(&base, sort);
	pager(r, &b, buf_str(&base), page, MEMBERS_PER_PAGE, total);
	buf_free(&base);
	page_end(r, &b);
	return resp_html(r, e.code ? err_http_status(e.code) : 200, &b);
}

/* The club of a /clubs/{id}/... page: 1 found in scope, 0 answered 404, -1 broken. */
static int club_of_page(Req *r, Club *c)
{
	int have = club_get(r->db, &r->actor, req_param_id(r, "id"), c);
	if (have == 0)
		resp_error(r, E_NOT_FOUND, NULL, NULL);
	return have;
}

static void club_crumb(Req *r, Buf *b, const Club *c)
{
	html(b, "<p class=\"sub\"><a href=\"/clubs/");
	html_int(b, c->id);
	html(b, "\">");
	html_txt(b, c->name);
	html(b, "</a> · ");
	html_txt(b, c->code);
	html(b, " · ");
	html_txt(b, c->unit_name);
	if (c->province_name[0]) {
		html(b, ", ");
		html_txt(b, c->province_name);
	}
	html(b, "</p>");
}

HandlerResult web_club_members(Req *r)
{
	Club c;
	int have = club_of_page(r, &c);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_DONE;
	const char *q = req_query(r, "q");
	const char *sort = sort_param(r);
	const char *left = req_query(r, "left");
	int with_left = left && strcmp(left, "1") == 0;
	int64_t page = req_param_id(r, "page");
	if (page < 1)
		page = 1;
	char title[224];
	snprintf(title, sizeof title, "%s", tr(r, "Danh sách thành viên", "Members"));
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, title);
	club_crumb(r, &b, &c);
	char href[96];
	html(&b, "<ul class=\"actions\">");
	if (member_may_write(&r->actor) && strcmp(c.status, "dissolved") != 0) {
		snprintf(href, sizeof href, "/clubs/%lld/members/new", (long long)c.id);
		html(&b, "<li><a class=\"button\" href=\"");
		html_attr(&b, href);
		html(&b, "\">");
		html_txt(&b, tr(r, "Thêm thành viên", "Add a member"));
		html(&b, "</a></li>");
		snprintf(href, sizeof href, "/imports/new?kind=members&club=%lld", (long long)c.id);
		html(&b, "<li><a class=\"button\" href=\"");
		html_attr(&b, href);
		html(&b, "\">");
		html_txt(&b, tr(r, "Nhập từ Excel", "Import from Excel"));
		html(&b, "</a></li>");
	}
	snprintf(href, sizeof href, "/clubs/%lld/book", (long long)c.id);
	html(&b, "<li><a class=\"button\" href=\"");
	html_attr(&b, href);
	html(&b, "\">");
	html_txt(&b, tr(r, "Sổ thành viên (in)", "Member book (print)"));
	html(&b, "</a></li>");
	snprintf(href, sizeof href, "/exports/members.xlsx?club=%lld", (long long)c.id);
	html(&b, "<li><a class=\"button\" href=\"");
	html_attr(&b, href);
	html(&b, "\">");
	html_txt(&b, tr(r, "Tải Excel", "Download Excel"));
	html(&b, "</a></li>");
	snprintf(href, sizeof href, "/exports/members.csv?club=%lld", (long long)c.id);
	html(&b, "<li><a class=\"button\" href=\"");
	html_attr(&b, href);
	html(&b, "\">");
	html_txt(&b, tr(r, "Tải CSV", "Download CSV"));
	html(&b, "</a></li></ul>");

	snprintf(href, sizeof href, "/clubs/%lld/members", (long long)c.id);
	html(&b, "<form method=\"get\" class=\"inline\" action=\"");
	html_attr(&b, href);
	html(&b, "\">");
	input(r, &b, "q", tr(r, "Tìm theo họ tên (gõ không dấu được)", "Search by name (accents optional)"), "search", q, NULL,
	      "", NULL);
	sort_field(r, &b, sort);
	checkbox(r, &b, "left", tr(r, "Kể cả người đã ra khỏi CLB", "Include those who left"), with_left, NULL);
	html(&b, "<div class=\"field\"><button type=\"submit\">");
	html_txt(&b, tr(r, "Xem", "Show"));
	html(&b, "</button></div></form>");

	MemberFilter f = {.club_id = c.id, .q = q, .include_left = with_left, .sort = sort};
	list_head(r, &b, tr(r, "Thành viên theo thứ tự tên", "Members by name"), 0, with_left);
	ListCtx x = {r, &b, (page - 1) * MEMBERS_PER_PAGE, 0, with_left};
	int64_t total = member_list(r->db, &r->actor, &f, (page - 1) * MEMBERS_PER_PAGE, MEMBERS_PER_PAGE, member_row, &x);
	if (total < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody></table></div><p class=\"count\">");
	char n[VI_NUM_BUFSZ];
	html_txt(&b, vi_format_int(total, n));
	html(&b, " ");
	html_txt(&b, tr(r, "thành viên", "members"));
	html(&b, "</p>");
	Buf base;
	buf_init(&base, 0);
	buf_puts(&base, href);
	buf_puts(&base, "?q=");
	html_urlenc(&base, q ? q : "");
	buf_puts(&base, "&sort=");
	html_urlenc(&base, sort);
	if (with_left)
		buf_puts(&base, "&left=1");
	pager(r, &b, buf_str(&base), page, MEMBERS_PER_PAGE, total);
	buf_free(&base);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* ---- adding a member ---- */

static const char *const ethnicities[] = {
	"Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai", "Ê Đê", "Ba Na", "Sán Chay",
	"Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông", "Thổ", "Xtiêng", "Khơ Mú", "Bru - Vân Kiều",
	"Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ Triêng", "Co", "Chơ Ro", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí",
};

static void ethnicity_field(Req *r, Buf *b, const char *value, const Err *e)
{
	input(r, b, "ethnicity", tr(r, "Dân tộc", "Ethnicity"), "text", value, e, "maxlength=\"40\" list=\"ethnicities\" autocomplete=\"off\"",
	      NULL);
	html(b, "<datalist id=\"ethnicities\">");
	for (size_t i = 0; i < sizeof ethnicities / sizeof *ethnicities; i++) {
		html(b, "<option value=\"");
		html_attr(b, ethnicities[i]);
		html(b, "\"></option>");
	}
	html(b, "</datalist>");
}

/* Everything but the name, shared by the new and edit forms. v holds what to show. */
static void member_fields(Req *r, Buf *b, const MemberInput *v, const Err *e, int flags_on[3])
{
	select_field(r, b, "sex", tr(r, "Giới tính", "Sex"), OPTS(sexes), v->sex, e, 1);
	input(r, b, "birth", tr(r, "Năm sinh hoặc ngày sinh", "Birth year or date"), "text", v->birth, e,
	      "required inputmode=\"numeric\" autocomplete=\"off\"", tr(r, "Ví dụ: 1956 hoặc 05/03/1956", "E.g. 1956 or 05/03/1956"));
	ethnicity_field(r, b, v->ethnicity, e);
	input(r, b, "phone", tr(r, "Điện thoại", "Phone"), "tel", v->phone, e, "maxlength=\"30\" autocomplete=\"off\"", NULL);
	select_field(r, b, "household", tr(r, "Hộ gia đình", "Household"), OPTS(households), v->household, e, 0);
	html(b, "<fieldset class=\"checks\"><legend>");
	html_txt(b, tr(r, "Hoàn cảnh", "Circumstances"));
	html(b, "</legend>");
	checkbox(r, b, "disability", tr(r, "Người khuyết tật", "Has a disability"), flags_on[0], e);
	checkbox(r, b, "lives_alone", tr(r, "Sống một mình", "Lives alone"), flags_on[1], e);
	checkbox(r, b, "health_card", tr(r, "Có thẻ bảo hiểm y tế", "Has a health insurance card"), flags_on[2], e);
	html(b, "</fieldset>");
	input(r, b, "village", tr(r, "Thôn, tổ dân phố", "Village"), "text", v->village, e, "maxlength=\"150\"", NULL);
	date_input(r, b, "joined_on", tr(r, "Ngày vào CLB", "Joined on"), v->joined_on, e, "");
	date_input(r, b, "consent_on", tr(r, "Ngày đồng ý cho lưu thông tin cá nhân", "Consent to keeping personal data, on"),
		   v->consent_on, e, "");
	select_field(r, b, "consent_form", tr(r, "Hình thức đồng ý", "Form of consent"), OPTS(consent_forms), v->consent_form, e, 0);
	if (member_sees_national_id(&r->actor))
		input(r, b, "national_id", tr(r, "Số định danh cá nhân (không bắt buộc)", "Personal ID number (optional)"), "text",
		      v->national_id, e, "inputmode=\"numeric\" maxlength=\"16\" autocomplete=\"off\"",
		      tr(r, "Chỉ người giữ sổ của CLB, xã, tỉnh xem được; không có trong bản xuất cho người xem số liệu.",
			 "Only the keepers of the books (club, commune, province) see it; never in exports for viewers."));
	input(r, b, "note", tr(r, "Ghi chú", "Note"), "text", v->note, e, "maxlength=\"390\"", NULL);
}

static int form_flag(Req *r, const char *name)
{
	const char *v = req_form(r, name);
	return v && *v && strcmp(v, "0") != 0;
}

static HandlerResult member_new_page(Req *r, int status, const Club *c, const MemberInput *v, const Err *e,
				     int64_t dup_id)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Thêm thành viên", "Add a member"));
	club_crumb(r, &b, c);
	if (strcmp(c->status, "dissolved") == 0) {
		Err d = {E_CLUB_NOT_ACTIVE, NULL, ""};
		form_error(r, &b, &d);
		page_end(r, &b);
		return resp_html(r, status == 200 ? 422 : status, &b);
	}
	error_summary(r, &b, e);
	char action[64];
	snprintf(action, sizeof action, "/clubs/%lld/members", (long long)c->id);
	html(&b, "<form method=\"post\" class=\"narrow\" action=\"");
	html_attr(&b, action);
	html(&b, "\">");
	form_csrf(r, &b);
	if (e && e->code == E_DUPLICATE_PERSON) {
		/* The record already on a book: look before making a second one. */
		Member m;
		int have = dup_id > 0 ? member_get(r->db, &r->actor, dup_id, &m) : 0;
		html(&b, "<div class=\"duplicate\"><h2>");
		html_txt(&b, tr(r, "Người đã có trên sổ", "Already on a book"));
		html(&b, "</h2>");
		if (have == 1) {
			html(&b, "<p><a href=\"/members/");
			html_int(&b, m.id);
			html(&b, "\">");
			html_txt(&b, m.full_name);
			html(&b, "</a> · ");
			html_txt(&b, sex_label(r, m.sex));
			html(&b, " · ");
			html_txt(&b, tr(r, "sinh", "born"));
			html(&b, " ");
			birth_txt(&b, &m);
			html(&b, " · ");
			html_txt(&b, m.club_name);
			html_txtf(&b, " (%s)", m.club_code);
			html(&b, " · ");
			html_txt(&b, tr(r, "vào CLB", "joined"));
			html(&b, " ");
			date_txt(&b, m.joined_on);
			html(&b, "</p>");
		} else {
			html(&b, "<p>");
			html_txt(&b, tr(r, "Người cùng họ tên và năm sinh đang là thành viên một CLB khác trong xã.",
				       "Someone with the same name and birth year is a member of another club of the commune."));
			html(&b, "</p>");
		}
		checkbox(r, &b, "confirm_duplicate", tr(r, "Đây là người khác: vẫn tạo hồ sơ mới", "This is someone else: create anyway"), 0,
			 NULL);
		html(&b, "</div>");
	}
	input(r, &b, "full_name", tr(r, "Họ và tên", "Full name"), "text", v->full_name, e,
	      "required maxlength=\"200\" autocomplete=\"off\"",
	      tr(r, "Gõ cả họ, tên đệm và tên; hệ thống tự tách, sửa từng phần được ở trang của thành viên.",
		 "Family, middle and given names together; they are split, and each part can be corrected on the member's page."));
	int flags_on[3] = {form_flag(r, "disability"), form_flag(r, "lives_alone"), form_flag(r, "health_card")};
	member_fields(r, &b, v, e, flags_on);
	html(&b, "<button type=\"submit\" class=\"primary\">");
	html_txt(&b, tr(r, "Thêm vào sổ", "Add to the book"));
	html(&b, "</button></form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_member_new(Req *r)
{
	Club c;
	int have = club_of_page(r, &c);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_DONE;
	char today[11], d[VI_DATE_BUFSZ];
	unit_today(today);
	MemberInput v = {.village = c.village, .joined_on = date_value(today, d), .household = "other"};
	return member_new_page(r, 200, &c, &v, NULL, 0);
}

static MemberInput member_input_from_form(Req *r)
{
	MemberInput in = {
		.full_name = req_form(r, "full_name"),
		.family_name = req_form(r, "family_name"),
		.middle_name = req_form(r, "middle_name"),
		.given_name = req_form(r, "given_name"),
		.sex = req_form(r, "sex"),
		.birth = req_form(r, "birth"),
		.ethnicity = req_form(r, "ethnicity"),
		.phone = req_form(r, "phone"),
		.household = req_form(r, "household"),
		/* An unticked box sends nothing: it means "no". */
		.disability = form_flag(r, "disability") ? "1" : "0",
		.lives_alone = form_flag(r, "lives_alone") ? "1" : "0",
		.health_card = form_flag(r, "health_card") ? "1" : "0",
		.village = req_form(r, "village"),
		.joined_on = req_form(r, "joined_on"),
		.left_on = req_form(r, "left_on"),
		.left_reason = req_form(r, "left_reason"),
		.consent_on = req_form(r, "consent_on"),
		.consent_form = req_form(r, "consent_form"),
		.national_id = member_sees_national_id(&r->actor) ? req_form(r, "national_id") : NULL,
		.note = req_form(r, "note"),
		.confirm_duplicate = form_flag(r, "confirm_duplicate"),
	};
	return in;
}

HandlerResult web_member_create(Req *r)
{
	Club c;
	int have = club_of_page(r, &c);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_DONE;
	MemberInput in = member_input_from_form(r);
	/* The new form has the full name only; parts sent by anyone else are ignored. */
	in.family_name = in.middle_name = in.given_name = NULL;
	in.left_on = in.left_reason = NULL;
	Err e = {0};
	int64_t dup = 0;
	int64_t id = member_create(r->db, &r->actor, c.id, &in, &dup, &e);
	if (id < 0) {
		if (!in.full_name)
			in.full_name = "";
		return member_new_page(r, err_http_status(e.code), &c, &in, &e, dup);
	}
	char loc[64];
	snprintf(loc, sizeof loc, "/members/%lld?saved=1", (long long)id);
	return resp_redirect(r, loc);
}

/* ---- one member ---- */

static void fact(Buf *b, const char *label)
{
	html(b, "<dt>");
	html_txt(b, label);
	html(b, "</dt><dd>");
}

static void yes_no(Req *r, Buf *b, int v)
{
	html_txt(b, v ? tr(r, "Có", "Yes") : tr(r, "Không", "No"));
}

static void member_facts(Req *r, Buf *b, const Member *m)
{
	char today[11];
	unit_today(today);
	html(b, "<dl class=\"facts stack-phone\">");
	fact(b, tr(r, "Họ", "Family name"));
	html_txt(b, m->family_name[0] ? m->family_name : "—");
	html(b, "</dd>");
	fact(b, tr(r, "Tên đệm", "Middle name"));
	html_txt(b, m->middle_name[0] ? m->middle_name : "—");
	html(b, "</dd>");
	fact(b, tr(r, "Tên", "Given name"));
	html_txt(b, m->given_name);
	html(b, "</dd>");
	fact(b, tr(r, "Giới tính", "Sex"));
	html_txt(b, sex_label(r, m->sex));
	html(b, "</dd>");
	fact(b, m->birth_date[0] ? tr(r, "Ngày sinh", "Born on") : tr(r, "Năm sinh", "Born in"));
	birth_txt(b, m);
	int age = (int)strtol(today, NULL, 10) - m->birth_year;
	if (m->birth_date[0] && strcmp(today + 5, m->birth_date + 5) < 0)
		age--;
	html(b, " (");
	html_trf(r, b, "%s%d tuổi", "%saged %d", m->birth_date[0] ? "" : tr(r, "khoảng ", "about "), age);
	html(b, ")</dd>");
	fact(b, tr(r, "Dân tộc", "Ethnicity"));
	html_txt(b, m->ethnicity[0] ? m->ethnicity : "—");
	html(b, "</dd>");
	fact(b, tr(r, "Điện thoại", "Phone"));
	html_txt(b, m->phone[0] ? m->phone : "—");
	html(b, "</dd>");
	fact(b, tr(r, "Hộ gia đình", "Household"));
	html_txt(b, opt_label(r, OPTS(households), m->household));
	html(b, "</dd>");
	fact(b, tr(r, "Người khuyết tật", "Disability"));
	yes_no(r, b, m->disability);
	html(b, "</dd>");
	fact(b, tr(r, "Sống một mình", "Lives alone"));
	yes_no(r, b, m->lives_alone);
	html(b, "</dd>");
	fact(b, tr(r, "Thẻ bảo hiểm y tế", "Health insurance card"));
	yes_no(r, b, m->health_card);
	html(b, "</dd>");
	fact(b, tr(r, "Thôn, tổ dân phố", "Village"));
	html_txt(b, m->village[0] ? m->village : "—");
	html(b, "</dd>");
	fact(b, tr(r, "Ngày vào CLB", "Joined on"));
	date_txt(b, m->joined_on);
	html(b, "</dd>");
	if (m->left_on[0]) {
		fact(b, tr(r, "Ngày ra khỏi CLB", "Left on"));
		html(b, "<strong>");
		date_txt(b, m->left_on);
		html(b, "</strong> — ");
		html_txt(b, m->left_reason);
		html(b, "</dd>");
	}
	fact(b, tr(r, "Đồng ý lưu thông tin", "Consent to keep data"));
	if (m->consent_on[0] || m->consent_form[0]) {
		date_txt(b, m->consent_on);
		if (m->consent_form[0]) {
			html(b, " · ");
			html_txt(b, opt_label(r, OPTS(consent_forms), m->consent_form));
		}
	} else {
		html_txt(b, tr(r, "chưa ghi nhận", "not recorded"));
	}
	html(b, "</dd>");
	if (member_sees_national_id(&r->actor)) {
		fact(b, tr(r, "Số định danh cá nhân", "Personal ID number"));
		html_txt(b, m->national_id[0] ? m->national_id : "—");
		html(b, "</dd>");
	}
	if (m->note[0]) {
		fact(b, tr(r, "Ghi chú", "Note"));
		html_txt(b, m->note);
		html(b, "</dd>");
	}
	html(b, "</dl>");
}

/* What a form of the member page shows: what was typed when it failed, else what is stored. */
static const char *shown(Req *r, const Err *e, const char *name, const char *stored)
{
	if (e) {
		const char *v = req_form(r, name);
		return v ? v : "";
	}
	return stored;
}

static HandlerResult member_page(Req *r, int status, int64_t id, const char *failed, const Err *e)
{
	Member m;
	int have = member_get(r->db, &r->actor, id, &m);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, m.full_name);
	html(&b, "<p class=\"sub\">");
	html_txt(&b, tr(r, "Thành viên", "Member of"));
	html(&b, " <a href=\"/clubs/");
	html_int(&b, m.club_id);
	html(&b, "\">");
	html_txt(&b, m.club_name);
	html(&b, "</a> · ");
	html_txt(&b, m.club_code);
	if (m.left_on[0]) {
		html(&b, " · <strong>");
		html_txt(&b, tr(r, "đã ra khỏi CLB", "has left the club"));
		html(&b, "</strong>");
	}
	html(&b, "</p>");
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	error_summary(r, &b, e);
	member_facts(r, &b, &m);

	if (member_may_write(&r->actor)) {
		const Err *ee = failed && strcmp(failed, "edit") == 0 ? e : NULL;
		const Err *le = failed && strcmp(failed, "leave") == 0 ? e : NULL;
		char action[48], birth[VI_DATE_BUFSZ], year[8], joined[VI_DATE_BUFSZ], consent[VI_DATE_BUFSZ], left[VI_DATE_BUFSZ];
		snprintf(action, sizeof action, "/members/%lld", (long long)m.id);
		snprintf(year, sizeof year, "%d", m.birth_year);
		MemberInput v = {
			.family_name = shown(r, ee, "family_name", m.family_name),
			.middle_name = shown(r, ee, "middle_name", m.middle_name),
			.given_name = shown(r, ee, "given_name", m.given_name),
			.sex = shown(r, ee, "sex", m.sex),
			.birth = shown(r, ee, "birth", m.birth_date[0] ? date_value(m.birth_date, birth) : year),
			.ethnicity = shown(r, ee, "ethnicity", m.ethnicity),
			.phone = shown(r, ee, "phone", m.phone),
			.household = shown(r, ee, "household", m.household),
			.village = shown(r, ee, "village", m.village),
			.joined_on = shown(r, ee, "joined_on", date_value(m.joined_on, joined)),
			.left_on = shown(r, ee, "left_on", date_value(m.left_on, left)),
			.left_reason = shown(r, ee, "left_reason", m.left_reason),
			.consent_on = shown(r, ee, "consent_on", date_value(m.consent_on, consent)),
			.consent_form = shown(r, ee, "consent_form", m.consent_form),
			.national_id = shown(r, ee, "national_id", m.national_id),
			.note = shown(r, ee, "note", m.note),
		};
		int flags_on[3] = {ee ? form_flag(r, "disability") : m.disability, ee ? form_flag(r, "lives_alone") : m.lives_alone,
				   ee ? form_flag(r, "health_card") : m.health_card};
		html(&b, "<section id=\"edit\"><details");
		if (ee || req_query(r, "edit"))
			html(&b, " open");
		html(&b, "><summary><h2>");
		html_txt(&b, tr(r, "Sửa thông tin", "Edit"));
		html(&b, "</h2></summary><form method=\"post\" class=\"narrow\" action=\"");
		html_attr(&b, action);
		html(&b, "#edit\">");
		form_csrf(r, &b);
		html(&b, "<input type=\"hidden\" name=\"form\" value=\"edit\"><fieldset class=\"name\"><legend>");
		html_txt(&b, tr(r, "Họ và tên", "Name"));
		html(&b, "</legend>");
		input(r, &b, "family_name", tr(r, "Họ", "Family name"), "text", v.family_name, ee, "maxlength=\"60\" autocomplete=\"off\"", NULL);
		input(r, &b, "middle_name", tr(r, "Tên đệm", "Middle name"), "text", v.middle_name, ee, "maxlength=\"90\" autocomplete=\"off\"", NULL);
		input(r, &b, "given_name", tr(r, "Tên", "Given name"), "text", v.given_name, ee, "required maxlength=\"60\" autocomplete=\"off\"",
		      NULL);
		html(&b, "</fieldset>");
		member_fields(r, &b, &v, ee, flags_on);
		if (m.left_on[0]) {
			date_input(r, &b, "left_on", tr(r, "Ngày ra khỏi CLB (xóa để ghi lại là đang sinh hoạt)", "Left on (clear it to put them back on the book)"),
				   v.left_on, ee, "");
			input(r, &b, "left_reason", tr(r, "Lý do ra khỏi CLB", "Reason for leaving"), "text", v.left_reason, ee, "maxlength=\"150\"", NULL);
		}
		html(&b, "<button type=\"submit\" class=\"primary\">");
		html_txt(&b, tr(r, "Lưu", "Save"));
		html(&b, "</button></form></details></section>");

		if (!m.left_on[0]) {
			char today[11], d[VI_DATE_BUFSZ];
			unit_today(today);
			html(&b, "<section id=\"leave\"><details");
			if (le)
				html(&b, " open");
			html(&b, "><summary><h2>");
			html_txt(&b, tr(r, "Ra khỏi CLB", "Left the club"));
			html(&b, "</h2></summary><form method=\"post\" class=\"narrow\" action=\"");
			html_attr(&b, action);
			html(&b, "#leave\">");
			form_csrf(r, &b);
			html(&b, "<input type=\"hidden\" name=\"form\" value=\"leave\">");
			date_input(r, &b, "left_on", tr(r, "Ngày ra khỏi CLB", "Left on"), le ? req_form(r, "left_on") : date_value(today, d), le,
				   "required");
			input(r, &b, "left_reason", tr(r, "Lý do", "Reason"), "text", le ? req_form(r, "left_reason") : NULL, le,
			      "required maxlength=\"150\"", tr(r, "Ví dụ: chuyển nơi ở, qua đời, xin thôi", "E.g. moved away, died, withdrew"));
			html(&b, "<button type=\"submit\" class=\"danger\">");
			html_txt(&b, tr(r, "Ghi nhận ra khỏi CLB", "Record leaving"));
			html(&b, "</button></form></details></section>");
		}
	}
	if (scope_is_national(&r->actor)) {
		html(&b, "<p><a href=\"/audit?entity=member&amp;id=");
		html_int(&b, m.id);
		html(&b, "\">");
		html_txt(&b, tr(r, "Lịch sử thay đổi của hồ sơ này", "History of this record"));
		html(&b, "</a></p>");
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_member_show(Req *r)
{
	return member_page(r, 200, req_param_id(r, "id"), NULL, NULL);
}

HandlerResult web_member_update(Req *r)
{
	int64_t id = req_param_id(r, "id");
	const char *form = req_form(r, "form");
	int leave = form && strcmp(form, "leave") == 0;
	Err e = {0};
	int rc;
	if (leave) {
		/* Only the day and the reason: everything else stays as it is. */
		MemberInput in = {.left_on = req_form(r, "left_on"), .left_reason = req_form(r, "left_reason")};
		if (!in.left_on || !*in.left_on)
			rc = err_set(&e, E_REQUIRED, "left_on");
		else if (!in.left_reason || !*in.left_reason)
			rc = err_set(&e, E_REQUIRED, "left_reason");
		else
			rc = member_update(r->db, &r->actor, id, &in, &e);
	} else {
		MemberInput in = member_input_from_form(r);
		in.full_name = NULL;
		in.confirm_duplicate = 0;
		rc = member_update(r->db, &r->actor, id, &in, &e);
	}
	if (rc != 0) {
		if (e.code == E_NOT_FOUND && !e.field)
			return resp_err(r, &e);
		return member_page(r, err_http_status(e.code), id, leave ? "leave" : "edit", &e);
	}
	char loc[64];
	snprintf(loc, sizeof loc, "/members/%lld?saved=1", (long long)id);
	return resp_redirect(r, loc);
}
