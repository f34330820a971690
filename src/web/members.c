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
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

enum { MEMBERS_PER_PAGE = 50 };

/* ---- small pieces ---- */

/* The words for a field at fault (a FormMessage): the catalogue's made precise where they would
 * leave the user guessing; NULL for the catalogue's. */
static const char *member_message(Req *r, const char *id, const Err *e, const char *typed)
{
	char iso[VI_DATE_BUFSZ];
	if (e->code == E_INVALID) {
		if (strcmp(id, "phone") == 0)
			return tr(r, "Số điện thoại gồm 9 đến 13 chữ số, ví dụ 0912 345 678.", "A phone number has 9 to 13 digits, e.g. 0912 345 678.");
		if (strcmp(id, "national_id") == 0)
			return tr(r, "Số định danh cá nhân (căn cước) gồm 12 chữ số; chứng minh nhân dân cũ gồm 9 chữ số.",
				  "A personal ID number has 12 digits (an old identity card: 9).");
		if (strcmp(id, "sex") == 0)
			return tr(r, "Chọn Nam hoặc Nữ.", "Choose male or female.");
		if (strcmp(id, "household") == 0)
			return tr(r, "Chọn hộ nghèo, hộ cận nghèo hoặc không thuộc hai loại này.", "Choose poor, near-poor or neither.");
	}
	if (e->code == E_DATE && typed && *typed && vi_parse_date(typed, iso) == VI_OK) {
		if (strcmp(id, "left_on") == 0)
			return tr(r, "Ngày ra khỏi CLB phải từ ngày vào CLB đến hôm nay.",
				  "The day of leaving must lie between the day of joining and today.");
		return tr(r, "Ngày này không được sau hôm nay.", "This date cannot be after today.");
	}
	if (e->code == E_REQUIRED && strcmp(id, "left_reason") == 0)
		return tr(r, "Ghi lý do ra khỏi CLB (ví dụ: chuyển nơi ở, qua đời, xin thôi).",
			  "Give the reason for leaving (e.g. moved away, died, withdrew).");
	return NULL;
}

/* A form of the member pages writing into b, e its error (NULL when it did not fail). */
static Form member_form(Req *r, Buf *b, const Err *e)
{
	Form f = {.r = r, .b = b, .e = e, .message = member_message};
	return f;
}

/* At the top of a form that failed: a duplicate person is said in full (the record found is shown
 * under it); other errors as form_summary. */
static void error_summary(Req *r, Buf *b, const Err *e)
{
	if (e && e->code == E_DUPLICATE_PERSON)
		form_error(r, b, e);
	else
		form_summary(r, b, e);
}

/* ---- words for stored codes ---- */

static const FormChoice sexes[] = {
	{"", "— chọn —", "— choose —"},
	{"F", "Nữ", "Female"},
	{"M", "Nam", "Male"},
};

static const FormChoice households[] = {
	{"other", "Không thuộc hộ nghèo, cận nghèo", "Neither poor nor near-poor"},
	{"near_poor", "Hộ cận nghèo", "Near-poor household"},
	{"poor", "Hộ nghèo", "Poor household"},
};

static const FormChoice consent_forms[] = {
	{"", "— chưa ghi nhận —", "— not recorded —"},
	{"written", "Ký giấy đồng ý", "Signed in writing"},
	{"thumbprint", "Điểm chỉ", "Thumbprint"},
	{"verbal", "Đồng ý bằng lời (có người làm chứng)", "Spoken (with a witness)"},
};

static const FormChoice sorts[] = {
	{"name", "Tên (A–Z)", "Name (A–Z)"},
	{"birth", "Năm sinh", "Birth year"},
	{"joined", "Ngày vào CLB", "Date joined"},
};

/* A table of choices and its length, as form_select and form_choice_label take them. */
#define CHOICES(a) (a), sizeof(a) / sizeof *(a)

static const char *sex_label(Req *r, const char *sex)
{
	return strcmp(sex, "F") == 0 ? tr(r, "Nữ", "Female") : strcmp(sex, "M") == 0 ? tr(r, "Nam", "Male") : "—";
}

static void birth_txt(Buf *b, const Member *m)
{
	if (m->birth_date[0])
		page_date(b, m->birth_date, "—");
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

static void member_row(const Member *m, void *arg)
{
	ListCtx *x = arg;
	Req *r = x->r;
	Buf *b = x->b;
	html(b, "<tr>");
	page_td(b, tr(r, "STT", "No."), "num");
	html_int(b, ++x->n);
	html(b, "</td>");
	page_td(b, tr(r, "Họ và tên", "Name"), NULL);
	page_link(b, "/members/", m->id, m->full_name);
	html(b, "</td>");
	page_cell(b, tr(r, "Giới tính", "Sex"), NULL, sex_label(r, m->sex));
	page_td(b, tr(r, "Năm sinh", "Born"), "nowrap");
	birth_txt(b, m);
	html(b, "</td>");
	if (x->with_club) {
		page_td(b, tr(r, "CLB", "Club"), NULL);
		page_link(b, "/clubs/", m->club_id, m->club_name);
		html(b, " <span class=\"muted\">");
		html_txt(b, m->club_code);
		html(b, "</span></td>");
	} else {
		page_cell(b, tr(r, "Dân tộc", "Ethnicity"), NULL, m->ethnicity[0] ? m->ethnicity : "—");
		page_td(b, tr(r, "Hoàn cảnh", "Circumstances"), NULL);
		int any = 0;
		if (strcmp(m->household, "other") != 0) {
			html_txt(b, form_choice_label(r, CHOICES(households), m->household));
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
		page_cell(b, tr(r, "Điện thoại", "Phone"), "nowrap", m->phone[0] ? m->phone : "—");
	}
	page_td(b, tr(r, "Ngày vào CLB", "Joined"), "nowrap");
	page_date(b, m->joined_on, "—");
	html(b, "</td>");
	if (x->with_left) {
		page_td(b, tr(r, "Ngày ra", "Left"), "nowrap");
		page_date(b, m->left_on, "—");
		html(b, "</td>");
	}
	html(b, "</tr>");
}

static void list_head(Req *r, Buf *b, const char *caption, int with_club, int with_left)
{
	page_table_begin(b, caption);
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
		page_th(b, tr(r, cols[i].vi, cols[i].en));
	}
	html(b, "</tr></thead><tbody>");
}

/* The fields of the member searches: the name typed, and the order of the list. */
static void name_field(const Form *f, const char *q)
{
	form_input(f, "q", tr(f->r, "Tìm theo họ tên (gõ không dấu được)", "Search by name (accents optional)"), "search", q, NULL,
		   NULL);
}

static void sort_field(const Form *f, const char *sort)
{
	form_select(f, "sort", tr(f->r, "Xếp theo", "Sort by"), CHOICES(sorts), sort, 0);
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
	int64_t page = page_number(r);
	Err e = {0};
	MemberFilter f = {.q = q, .sort = sort};
	if (form_unit_filter(r, unit, &f.unit_id, &e) < 0)
		return H_FATAL;
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Thành viên", "Members"));
	html(&b, "<form method=\"get\" action=\"/members\" class=\"inline\">");
	Form form = member_form(r, &b, &e);
	name_field(&form, q);
	if (r->actor.role != ROLE_CLUB)
		form_input(&form, "unit", tr(r, "Mã tỉnh hoặc mã xã", "Province or commune code"), "text", unit,
			   "inputmode=\"numeric\" size=\"6\"", NULL);
	sort_field(&form, sort);
	form_inline_end(&b, NULL, tr(r, "Tìm", "Search"));
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
	page_count(&b, total, tr(r, "thành viên", "members"));
	const char *query[] = {"q", q ? q : "", "unit", unit ? unit : "", "sort", sort, NULL};
	page_pager(r, &b, "/members", query, page, MEMBERS_PER_PAGE, total);
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
	int64_t page = page_number(r);
	char title[224];
	snprintf(title, sizeof title, "%s", tr(r, "Danh sách thành viên", "Members"));
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, title);
	club_crumb(r, &b, &c);
	char href[96];
	long long id = (long long)c.id;
	html(&b, "<ul class=\"actions\">");
	if (member_may_write(&r->actor) && strcmp(c.status, "dissolved") != 0) {
		snprintf(href, sizeof href, "/clubs/%lld/members/new", id);
		page_action(&b, href, tr(r, "Thêm thành viên", "Add a member"));
		snprintf(href, sizeof href, "/imports/new?kind=members&club=%lld", id);
		page_action(&b, href, tr(r, "Nhập từ Excel", "Import from Excel"));
	}
	snprintf(href, sizeof href, "/clubs/%lld/book", id);
	page_action(&b, href, tr(r, "Sổ thành viên (in)", "Member book (print)"));
	snprintf(href, sizeof href, "/exports/members.xlsx?club=%lld", id);
	page_action(&b, href, tr(r, "Tải Excel", "Download Excel"));
	snprintf(href, sizeof href, "/exports/members.csv?club=%lld", id);
	page_action(&b, href, tr(r, "Tải CSV", "Download CSV"));
	html(&b, "</ul>");

	snprintf(href, sizeof href, "/clubs/%lld/members", id);
	html(&b, "<form method=\"get\" class=\"inline\" action=\"");
	html_attr(&b, href);
	html(&b, "\">");
	Form form = member_form(r, &b, NULL);
	name_field(&form, q);
	sort_field(&form, sort);
	form_checkbox(&form, "left", tr(r, "Kể cả người đã ra khỏi CLB", "Include those who left"), with_left);
	form_inline_end(&b, NULL, tr(r, "Xem", "Show"));

	MemberFilter f = {.club_id = c.id, .q = q, .include_left = with_left, .sort = sort};
	list_head(r, &b, tr(r, "Thành viên theo thứ tự tên", "Members by name"), 0, with_left);
	ListCtx x = {r, &b, (page - 1) * MEMBERS_PER_PAGE, 0, with_left};
	int64_t total = member_list(r->db, &r->actor, &f, (page - 1) * MEMBERS_PER_PAGE, MEMBERS_PER_PAGE, member_row, &x);
	if (total < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody></table></div>");
	page_count(&b, total, tr(r, "thành viên", "members"));
	const char *query[] = {"q", q ? q : "", "sort", sort, "left", with_left ? "1" : NULL, NULL};
	page_pager(r, &b, href, query, page, MEMBERS_PER_PAGE, total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* ---- adding a member ---- */

static const char *const ethnicities[] = {
	"Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai", "Ê Đê", "Ba Na", "Sán Chay",
	"Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông", "Thổ", "Xtiêng", "Khơ Mú", "Bru - Vân Kiều",
	"Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ Triêng", "Co", "Chơ Ro", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí",
};

static void ethnicity_field(const Form *f, const char *value)
{
	Buf *b = f->b;
	form_input(f, "ethnicity", tr(f->r, "Dân tộc", "Ethnicity"), "text", value,
		   "maxlength=\"40\" list=\"ethnicities\" autocomplete=\"off\"", NULL);
	html(b, "<datalist id=\"ethnicities\">");
	for (size_t i = 0; i < sizeof ethnicities / sizeof *ethnicities; i++) {
		html(b, "<option value=\"");
		html_attr(b, ethnicities[i]);
		html(b, "\"></option>");
	}
	html(b, "</datalist>");
}

/* Everything but the name, shared by the new and edit forms. v holds what to show. */
static void member_fields(const Form *f, const MemberInput *v, const int flags_on[3])
{
	Req *r = f->r;
	form_select(f, "sex", tr(r, "Giới tính", "Sex"), CHOICES(sexes), v->sex, 1);
	form_input(f, "birth", tr(r, "Năm sinh hoặc ngày sinh", "Birth year or date"), "text", v->birth,
		   "required inputmode=\"numeric\" autocomplete=\"off\"", tr(r, "Ví dụ: 1956 hoặc 05/03/1956", "E.g. 1956 or 05/03/1956"));
	ethnicity_field(f, v->ethnicity);
	form_input(f, "phone", tr(r, "Điện thoại", "Phone"), "tel", v->phone, "maxlength=\"30\" autocomplete=\"off\"", NULL);
	form_select(f, "household", tr(r, "Hộ gia đình", "Household"), CHOICES(households), v->household, 0);
	html(f->b, "<fieldset class=\"checks\"><legend>");
	html_txt(f->b, tr(r, "Hoàn cảnh", "Circumstances"));
	html(f->b, "</legend>");
	form_checkbox(f, "disability", tr(r, "Người khuyết tật", "Has a disability"), flags_on[0]);
	form_checkbox(f, "lives_alone", tr(r, "Sống một mình", "Lives alone"), flags_on[1]);
	form_checkbox(f, "health_card", tr(r, "Có thẻ bảo hiểm y tế", "Has a health insurance card"), flags_on[2]);
	html(f->b, "</fieldset>");
	form_input(f, "village", tr(r, "Thôn, tổ dân phố", "Village"), "text", v->village, "maxlength=\"150\"", NULL);
	form_date(f, "joined_on", tr(r, "Ngày vào CLB", "Joined on"), v->joined_on, NULL);
	form_date(f, "consent_on", tr(r, "Ngày đồng ý cho lưu thông tin cá nhân", "Consent to keeping personal data, on"),
		  v->consent_on, NULL);
	form_select(f, "consent_form", tr(r, "Hình thức đồng ý", "Form of consent"), CHOICES(consent_forms), v->consent_form, 0);
	if (member_sees_national_id(&r->actor))
		form_input(f, "national_id", tr(r, "Số định danh cá nhân (không bắt buộc)", "Personal ID number (optional)"), "text",
			   v->national_id, "inputmode=\"numeric\" maxlength=\"16\" autocomplete=\"off\"",
			   tr(r, "Chỉ người giữ sổ của CLB, xã, tỉnh xem được; không có trong bản xuất cho người xem số liệu.",
			      "Only the keepers of the books (club, commune, province) see it; never in exports for viewers."));
	form_input(f, "note", tr(r, "Ghi chú", "Note"), "text", v->note, "maxlength=\"390\"", NULL);
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
	form_post_begin(r, &b, "narrow", action, NULL);
	Form form = member_form(r, &b, e);
	if (e && e->code == E_DUPLICATE_PERSON) {
		/* The record already on a book: look before making a second one. */
		Member m;
		int have = dup_id > 0 ? member_get(r->db, &r->actor, dup_id, &m) : 0;
		html(&b, "<div class=\"duplicate\"><h2>");
		html_txt(&b, tr(r, "Người đã có trên sổ", "Already on a book"));
		html(&b, "</h2>");
		if (have == 1) {
			html(&b, "<p>");
			page_link(&b, "/members/", m.id, m.full_name);
			html(&b, " · ");
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
			page_date(&b, m.joined_on, "—");
			html(&b, "</p>");
		} else {
			html(&b, "<p>");
			html_txt(&b, tr(r, "Người cùng họ tên và năm sinh đang là thành viên một CLB khác trong xã.",
				       "Someone with the same name and birth year is a member of another club of the commune."));
			html(&b, "</p>");
		}
		form_checkbox(&form, "confirm_duplicate", tr(r, "Đây là người khác: vẫn tạo hồ sơ mới", "This is someone else: create anyway"),
			      0);
		html(&b, "</div>");
	}
	form_input(&form, "full_name", tr(r, "Họ và tên", "Full name"), "text", v->full_name,
		   "required maxlength=\"200\" autocomplete=\"off\"",
		   tr(r, "Gõ cả họ, tên đệm và tên; hệ thống tự tách, sửa từng phần được ở trang của thành viên.",
		      "Family, middle and given names together; they are split, and each part can be corrected on the member's page."));
	int flags_on[3] = {form_checked(r, "disability"), form_checked(r, "lives_alone"), form_checked(r, "health_card")};
	member_fields(&form, v, flags_on);
	form_button(&b, "primary", tr(r, "Thêm vào sổ", "Add to the book"));
	html(&b, "</form>");
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
	MemberInput v = {.village = c.village, .joined_on = form_date_value(today, d), .household = "other"};
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
		.disability = form_checked(r, "disability") ? "1" : "0",
		.lives_alone = form_checked(r, "lives_alone") ? "1" : "0",
		.health_card = form_checked(r, "health_card") ? "1" : "0",
		.village = req_form(r, "village"),
		.joined_on = req_form(r, "joined_on"),
		.left_on = req_form(r, "left_on"),
		.left_reason = req_form(r, "left_reason"),
		.consent_on = req_form(r, "consent_on"),
		.consent_form = req_form(r, "consent_form"),
		.national_id = member_sees_national_id(&r->actor) ? req_form(r, "national_id") : NULL,
		.note = req_form(r, "note"),
		.confirm_duplicate = form_checked(r, "confirm_duplicate"),
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

static void yes_no(Req *r, Buf *b, int v)
{
	html_txt(b, v ? tr(r, "Có", "Yes") : tr(r, "Không", "No"));
}

static void member_facts(Req *r, Buf *b, const Member *m)
{
	char today[11];
	unit_today(today);
	html(b, "<dl class=\"facts stack-phone\">");
	page_fact_txt(b, tr(r, "Họ", "Family name"), m->family_name[0] ? m->family_name : "—");
	page_fact_txt(b, tr(r, "Tên đệm", "Middle name"), m->middle_name[0] ? m->middle_name : "—");
	page_fact_txt(b, tr(r, "Tên", "Given name"), m->given_name);
	page_fact_txt(b, tr(r, "Giới tính", "Sex"), sex_label(r, m->sex));
	page_fact(b, m->birth_date[0] ? tr(r, "Ngày sinh", "Born on") : tr(r, "Năm sinh", "Born in"));
	birth_txt(b, m);
	int age = (int)strtol(today, NULL, 10) - m->birth_year;
	if (m->birth_date[0] && strcmp(today + 5, m->birth_date + 5) < 0)
		age--;
	html(b, " (");
	html_trf(r, b, "%s%d tuổi", "%saged %d", m->birth_date[0] ? "" : tr(r, "khoảng ", "about "), age);
	html(b, ")</dd>");
	page_fact_txt(b, tr(r, "Dân tộc", "Ethnicity"), m->ethnicity[0] ? m->ethnicity : "—");
	page_fact_txt(b, tr(r, "Điện thoại", "Phone"), m->phone[0] ? m->phone : "—");
	page_fact_txt(b, tr(r, "Hộ gia đình", "Household"), form_choice_label(r, CHOICES(households), m->household));
	page_fact(b, tr(r, "Người khuyết tật", "Disability"));
	yes_no(r, b, m->disability);
	html(b, "</dd>");
	page_fact(b, tr(r, "Sống một mình", "Lives alone"));
	yes_no(r, b, m->lives_alone);
	html(b, "</dd>");
	page_fact(b, tr(r, "Thẻ bảo hiểm y tế", "Health insurance card"));
	yes_no(r, b, m->health_card);
	html(b, "</dd>");
	page_fact_txt(b, tr(r, "Thôn, tổ dân phố", "Village"), m->village[0] ? m->village : "—");
	page_fact(b, tr(r, "Ngày vào CLB", "Joined on"));
	page_date(b, m->joined_on, "—");
	html(b, "</dd>");
	if (m->left_on[0]) {
		page_fact(b, tr(r, "Ngày ra khỏi CLB", "Left on"));
		html(b, "<strong>");
		page_date(b, m->left_on, "—");
		html(b, "</strong> — ");
		html_txt(b, m->left_reason);
		html(b, "</dd>");
	}
	page_fact(b, tr(r, "Đồng ý lưu thông tin", "Consent to keep data"));
	if (m->consent_on[0] || m->consent_form[0]) {
		page_date(b, m->consent_on, "—");
		if (m->consent_form[0]) {
			html(b, " · ");
			html_txt(b, form_choice_label(r, CHOICES(consent_forms), m->consent_form));
		}
	} else {
		html_txt(b, tr(r, "chưa ghi nhận", "not recorded"));
	}
	html(b, "</dd>");
	if (member_sees_national_id(&r->actor)) {
		page_fact_txt(b, tr(r, "Số định danh cá nhân", "Personal ID number"), m->national_id[0] ? m->national_id : "—");
	}
	if (m->note[0]) {
		page_fact_txt(b, tr(r, "Ghi chú", "Note"), m->note);
	}
	html(b, "</dl>");
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
	html(&b, " ");
	page_link(&b, "/clubs/", m.club_id, m.club_name);
	html(&b, " · ");
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
		Form edit = member_form(r, &b, failed && strcmp(failed, "edit") == 0 ? e : NULL);
		Form leave = member_form(r, &b, failed && strcmp(failed, "leave") == 0 ? e : NULL);
		char action[48], birth[VI_DATE_BUFSZ], year[8], joined[VI_DATE_BUFSZ], consent[VI_DATE_BUFSZ], left[VI_DATE_BUFSZ];
		snprintf(action, sizeof action, "/members/%lld", (long long)m.id);
		snprintf(year, sizeof year, "%d", m.birth_year);
		MemberInput v = {
			.family_name = form_value(&edit, "family_name", m.family_name),
			.middle_name = form_value(&edit, "middle_name", m.middle_name),
			.given_name = form_value(&edit, "given_name", m.given_name),
			.sex = form_value(&edit, "sex", m.sex),
			.birth = form_value(&edit, "birth", m.birth_date[0] ? form_date_value(m.birth_date, birth) : year),
			.ethnicity = form_value(&edit, "ethnicity", m.ethnicity),
			.phone = form_value(&edit, "phone", m.phone),
			.household = form_value(&edit, "household", m.household),
			.village = form_value(&edit, "village", m.village),
			.joined_on = form_value(&edit, "joined_on", form_date_value(m.joined_on, joined)),
			.left_on = form_value(&edit, "left_on", form_date_value(m.left_on, left)),
			.left_reason = form_value(&edit, "left_reason", m.left_reason),
			.consent_on = form_value(&edit, "consent_on", form_date_value(m.consent_on, consent)),
			.consent_form = form_value(&edit, "consent_form", m.consent_form),
			.national_id = form_value(&edit, "national_id", m.national_id),
			.note = form_value(&edit, "note", m.note),
		};
		int typed = edit.e != NULL;
		int flags_on[3] = {typed ? form_checked(r, "disability") : m.disability, typed ? form_checked(r, "lives_alone") : m.lives_alone,
				   typed ? form_checked(r, "health_card") : m.health_card};
		html(&b, "<section id=\"edit\"><details");
		if (typed || req_query(r, "edit"))
			html(&b, " open");
		html(&b, "><summary><h2>");
		html_txt(&b, tr(r, "Sửa thông tin", "Edit"));
		html(&b, "</h2></summary>");
		form_post_begin(r, &b, "narrow", action, "#edit");
		html(&b, "<input type=\"hidden\" name=\"form\" value=\"edit\"><fieldset class=\"name\"><legend>");
		html_txt(&b, tr(r, "Họ và tên", "Name"));
		html(&b, "</legend>");
		form_input(&edit, "family_name", tr(r, "Họ", "Family name"), "text", v.family_name, "maxlength=\"60\" autocomplete=\"off\"",
			   NULL);
		form_input(&edit, "middle_name", tr(r, "Tên đệm", "Middle name"), "text", v.middle_name,
			   "maxlength=\"90\" autocomplete=\"off\"", NULL);
		form_input(&edit, "given_name", tr(r, "Tên", "Given name"), "text", v.given_name,
			   "required maxlength=\"60\" autocomplete=\"off\"", NULL);
		html(&b, "</fieldset>");
		member_fields(&edit, &v, flags_on);
		if (m.left_on[0]) {
			form_date(&edit, "left_on", tr(r, "Ngày ra khỏi CLB (xóa để ghi lại là đang sinh hoạt)", "Left on (clear it to put them back on the book)"),
				  v.left_on, NULL);
			form_input(&edit, "left_reason", tr(r, "Lý do ra khỏi CLB", "Reason for leaving"), "text", v.left_reason,
				   "maxlength=\"150\"", NULL);
		}
		form_button(&b, "primary", tr(r, "Lưu", "Save"));
		html(&b, "</form></details></section>");

		if (!m.left_on[0]) {
			html(&b, "<section id=\"leave\"><details");
			if (leave.e)
				html(&b, " open");
			html(&b, "><summary><h2>");
			html_txt(&b, tr(r, "Ra khỏi CLB", "Left the club"));
			html(&b, "</h2></summary>");
			form_post_begin(r, &b, "narrow", action, "#leave");
			html(&b, "<input type=\"hidden\" name=\"form\" value=\"leave\">");
			form_date_today(&leave, "left_on", tr(r, "Ngày ra khỏi CLB", "Left on"));
			form_input(&leave, "left_reason", tr(r, "Lý do", "Reason"), "text", form_value(&leave, "left_reason", NULL),
				   "required maxlength=\"150\"", tr(r, "Ví dụ: chuyển nơi ở, qua đời, xin thôi", "E.g. moved away, died, withdrew"));
			form_button(&b, "danger", tr(r, "Ghi nhận ra khỏi CLB", "Record leaving"));
			html(&b, "</form></details></section>");
		}
	}
	if (scope_is_national(&r->actor)) {
		page_history_link(&b, "member", m.id, tr(r, "Lịch sử thay đổi của hồ sơ này", "History of this record"));
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
