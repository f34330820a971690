/* Club pages: the clubs within the user's scope, a new club, one club's page (details, the
 * composition against the model, the board, the home-care volunteers, the edit form), and the
 * composition of any unit. The board and volunteer forms post to handlers here as well, since on
 * a mistake they show this page again with the message next to the field. */
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

enum { CLUBS_PER_PAGE = 50, MEMBER_CHOICES = 500 };

/* ---- small pieces ---- */

static int is_maker(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_CENTRAL || a->role == ROLE_PROVINCE || a->role == ROLE_COMMUNE;
}

/* The words for a field at fault (a FormMessage): more precise than the catalogue's where its
 * words would leave the user guessing; NULL for the catalogue's. */
static const char *club_message(Req *r, const char *id, const Err *e, const char *typed)
{
	char iso[VI_DATE_BUFSZ];
	switch (e->code) {
	case E_INVALID:
		if (strcmp(id, "unit_code") == 0)
			return tr(r, "Không có xã, phường nào mang mã này vào ngày thành lập (hoặc hôm nay, nếu CLB chưa thành lập). Mã xã gồm 5 chữ số.",
				  "No commune has this code on the founding date (or today, for a club not founded yet). A commune code has 5 digits.");
		if (strcmp(id, "contact_phone") == 0)
			return tr(r, "Số điện thoại gồm 9 đến 13 chữ số.", "A phone number has 9 to 13 digits.");
		if (strcmp(id, "board-member_id") == 0)
			return tr(r, "Thành viên này đã ra khỏi CLB hoặc đang giữ chức vụ này.",
				  "This member has left the club or already holds this role.");
		if (strcmp(id, "volunteer-member_id") == 0)
			return tr(r, "Thành viên này đã ra khỏi CLB hoặc đang là tình nguyện viên.",
				  "This member has left the club or is a volunteer already.");
		if (strncmp(id, "visit-", 6) == 0)
			return tr(r, "Người này đã ra khỏi CLB, chính là tình nguyện viên, hoặc đang được tình nguyện viên này thăm.",
				  "This person has left the club, is the volunteer, or is visited by this volunteer already.");
		if (strncmp(id, "end-", 4) == 0)
			return tr(r, "Nhiệm vụ này đã kết thúc.", "This has ended already.");
		break;
	case E_DATE:
		/* Written correctly but not possible here: say why. */
		if (typed && *typed && vi_parse_date(typed, iso) == VI_OK) {
			if (strcmp(id, "board-from") == 0)
				return tr(r, "Ngày nhận chức không được sau hôm nay, và phải sau ngày nhận chức của người đang giữ chức vụ này.",
					  "The start cannot be after today, and must be after the current holder's start.");
			if (strncmp(id, "end-", 4) == 0)
				return tr(r, "Ngày kết thúc không được trước ngày bắt đầu hoặc sau hôm nay.",
					  "The end cannot be before the start or after today.");
			return tr(r, "Ngày này không được sau hôm nay.", "This date cannot be after today.");
		}
		break;
	default:
		break;
	}
	return NULL;
}

/* A form of the club pages writing into b: e is its error (NULL when another form failed);
 * prefix keeps its ids apart from the other forms' of the page ("board-"), or NULL. */
static Form club_form(Req *r, Buf *b, const Err *e, const char *prefix)
{
	Form f = {.r = r, .b = b, .e = e, .prefix = prefix, .message = club_message};
	return f;
}

static const char *const status_codes[] = {"planned", "founded", "active", "inactive", "dissolved"};

/* The status select: the statuses in the request's language, after a first option (value "")
 * when first is not NULL. */
static void status_select(const Form *f, const char *first, const char *selected)
{
	form_select_begin(f, "status", tr(f->r, "Trạng thái", "Status"), 0);
	if (first)
		form_option(f->b, "", first, selected);
	for (size_t i = 0; i < sizeof status_codes / sizeof *status_codes; i++)
		form_option(f->b, status_codes[i], club_status_label(status_codes[i], f->r->lang), selected);
	form_select_end(f, "status");
}

/* "Xã Hoằng Thành, Huyện Hoằng Hóa, Thanh Hóa": a unit with its parents of its own time. */
static void unit_place(Req *r, Buf *b, int64_t unit_id)
{
	Unit u;
	int64_t id = unit_id;
	for (int depth = 0; id && depth < 3 && unit_get(r->db, id, &u) == 1; depth++, id = u.parent_id) {
		if (depth)
			html(b, ", ");
		html_txt(b, u.name);
	}
}

/* ---- the list ---- */

static void club_row(const Club *c, void *arg)
{
	PageCtx *x = arg;
	Req *r = x->r;
	Buf *b = x->b;
	html(b, "<tr>");
	page_cell(b, tr(r, "Mã CLB", "Code"), "nowrap", c->code);
	page_td(b, tr(r, "Tên CLB", "Name"), NULL);
	html(b, "<a href=\"/clubs/");
	html_int(b, c->id);
	html(b, "\">");
	html_txt(b, c->name);
	html(b, "</a></td>");
	page_td(b, tr(r, "Xã/phường", "Commune"), NULL);
	html_txt(b, c->unit_name);
	if (c->village[0]) {
		html(b, "<br><span class=\"muted\">");
		html_txt(b, c->village);
		html(b, "</span>");
	}
	html(b, "</td>");
	page_cell(b, tr(r, "Tỉnh/thành phố", "Province"), NULL, c->province_name);
	page_cell(b, tr(r, "Trạng thái", "Status"), NULL, club_status_label(c->status, r->lang));
	page_td(b, tr(r, "Thành viên", "Members"), "num");
	html_int(b, c->members);
	html(b, "</td></tr>");
}

HandlerResult web_clubs(Req *r)
{
	const char *q = req_query(r, "q"), *unit = req_query(r, "unit"), *status = req_query(r, "status");
	int64_t page = page_number(r);
	Err e = {0};
	ClubFilter f = {0, NULL, q};
	if (status && *status) {
		if (club_status_valid(status))
			f.status = status;
		else
			err_set(&e, E_INVALID, "status");
	}
	if (form_unit_filter(r, unit, &f.unit_id, &e) < 0)
		return H_FATAL;

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Câu lạc bộ", "Clubs"));
	html(&b, "<p class=\"actions\">");
	if (is_maker(&r->actor)) {
		html(&b, "<a class=\"button\" href=\"/clubs/new\">");
		html_txt(&b, tr(r, "Thêm CLB", "Add a club"));
		html(&b, "</a> ");
	}
	html(&b, "<a class=\"button\" href=\"/composition\">");
	html_txt(&b, tr(r, "Thành phần so với mô hình", "Composition against the model"));
	html(&b, "</a> <a class=\"button\" href=\"/exports/clubs.xlsx\">");
	html_txt(&b, tr(r, "Tải danh sách (Excel)", "Download (Excel)"));
	html(&b, "</a> <a class=\"button\" href=\"/exports/clubs.csv\">");
	html_txt(&b, tr(r, "Tải CSV", "Download CSV"));
	html(&b, "</a></p>");

	html(&b, "<form method=\"get\" action=\"/clubs\" class=\"inline\">");
	Form form = club_form(r, &b, &e, NULL);
	form_input(&form, "q", tr(r, "Tìm theo tên hoặc mã (gõ không dấu được)", "Search by name or code (accents optional)"), "search",
		   q, NULL, NULL);
	if (r->actor.role != ROLE_CLUB)
		form_input(&form, "unit", tr(r, "Mã tỉnh hoặc mã xã", "Province or commune code"), "text", unit,
			   "inputmode=\"numeric\" size=\"6\"", NULL);
	status_select(&form, tr(r, "Mọi trạng thái", "Any status"), status);
	form_inline_end(&b, NULL, tr(r, "Lọc", "Filter"));

	int64_t total = 0;
	if (!e.code) {
		page_table_begin(&b, tr(r, "Các CLB theo thứ tự tên", "Clubs by name"));
		page_th(&b, tr(r, "Mã CLB", "Code"));
		page_th(&b, tr(r, "Tên CLB", "Name"));
		page_th(&b, tr(r, "Xã/phường", "Commune"));
		page_th(&b, tr(r, "Tỉnh/thành phố", "Province"));
		page_th(&b, tr(r, "Trạng thái", "Status"));
		page_th(&b, tr(r, "Thành viên", "Members"));
		html(&b, "</tr></thead><tbody>");
		PageCtx x = {r, &b};
		total = club_list(r->db, &r->actor, &f, (page - 1) * CLUBS_PER_PAGE, CLUBS_PER_PAGE, club_row, &x);
		if (total < 0) {
			buf_free(&b);
			return H_FATAL;
		}
		html(&b, "</tbody></table></div>");
	}
	page_count(&b, total, tr(r, "câu lạc bộ", "clubs"));
	const char *query[] = {"q", q ? q : "", "unit", unit ? unit : "", "status", status ? status : "", NULL};
	page_pager(r, &b, "/clubs", query, page, CLUBS_PER_PAGE, total);
	page_end(r, &b);
	return resp_html(r, e.code ? err_http_status(e.code) : 200, &b);
}

/* ---- the club form (new and edit) ---- */

typedef struct ProgCtx {
	Buf *b;
	const char *selected;
} ProgCtx;

static void programme_option(const Programme *p, void *arg)
{
	ProgCtx *x = arg;
	form_option(x->b, p->code, p->name, x->selected);
}

static void commune_option(const Unit *u, void *arg)
{
	Buf *b = arg;
	html(b, "<option value=\"");
	html_attr(b, u->code);
	html(b, "\" label=\"");
	html_attr(b, u->name);
	html(b, "\"></option>");
}

/* The commune field of a new club: the code, the commune's name when the code is known, and for
 * officers of a province or a commune a list of today's communes to pick from. */
static void commune_field(const Form *f, const char *code, const char *founded)
{
	Req *r = f->r;
	Buf *b = f->b;
	char today[11];
	unit_today(today);
	int64_t scope_unit = 0;
	const char *scope_club;
	int list = !scope_is_national(&r->actor) && scope_filter(r->db, &r->actor, &scope_unit, &scope_club) == 0 && scope_unit;
	form_input(f, "unit_code", tr(r, "Mã xã/phường (5 chữ số)", "Commune code (5 digits)"), "text", code,
		   list ? "required inputmode=\"numeric\" list=\"communes\" autocomplete=\"off\"" : "required inputmode=\"numeric\" autocomplete=\"off\"",
		   tr(r, "Xã nơi CLB được thành lập, theo địa giới tại ngày thành lập. Tra mã tại trang Đơn vị hành chính.",
		      "The commune where the club was founded, as it was on the founding date. Codes are on the Administrative units page."));
	if (list) {
		Unit su;
		html(b, "<datalist id=\"communes\">");
		if (unit_get(r->db, scope_unit, &su) == 1 && su.level == UNIT_COMMUNE) {
			commune_option(&su, b);
		} else {
			UnitFilter within = {today, UNIT_COMMUNE, scope_unit, NULL};
			unit_list(r->db, &within, 0, 1000, commune_option, b);
		}
		html(b, "</datalist>");
	}
	if (code && *code && !form_bad(f->e, "unit_code")) {
		Unit u;
		char on[11];
		const char *when = founded && *founded && vi_parse_date(founded, on) == VI_OK ? on : today;
		if (unit_find(r->db, code, when, &u) == 1 && u.level == UNIT_COMMUNE) {
			html(b, "<p class=\"place\">→ ");
			unit_place(r, b, u.id);
			html(b, "</p>");
		}
	}
}

/* The fields of a club. v holds what to show (typed, or stored); creating adds the commune. */
static void club_fields(const Form *f, const ClubInput *v, int creating)
{
	Req *r = f->r;
	form_input(f, "name", tr(r, "Tên CLB", "Club name"), "text", v->name, "required maxlength=\"150\"",
		   tr(r, "Ví dụ: CLB Liên thế hệ tự giúp nhau thôn Phú Khê", "E.g. CLB Liên thế hệ tự giúp nhau thôn Phú Khê"));
	if (creating)
		commune_field(f, v->unit_code, v->founded_on);
	form_input(f, "village", tr(r, "Thôn, tổ dân phố", "Village or residential group"), "text", v->village, "maxlength=\"150\"",
		   NULL);
	form_date(f, "founded_on", tr(r, "Ngày thành lập", "Founded on"), v->founded_on, NULL);
	form_input(f, "decision_no", tr(r, "Số quyết định thành lập", "Founding decision number"), "text", v->decision_no,
		   "maxlength=\"60\"", tr(r, "Ví dụ: 125/QĐ-UBND", "E.g. 125/QĐ-UBND"));
	form_date(f, "decision_date", tr(r, "Ngày ký quyết định", "Decision date"), v->decision_date, NULL);
	status_select(f, creating ? tr(r, "Tự xác định: đã thành lập / dự kiến", "From the founding date") : NULL, v->status);
	form_date(f, "status_date",
		  tr(r, "Trạng thái từ ngày (để trống: ngày thành lập hoặc hôm nay)", "Status since (blank: the founding date or today)"),
		  v->status_date, NULL);
	form_select_begin(f, "programme", tr(r, "Đề án, dự án thành lập hoặc hỗ trợ", "Founding or supporting programme"), 0);
	form_option(f->b, "", tr(r, "— không có —", "— none —"), v->programme);
	ProgCtx pc = {f->b, v->programme};
	programme_list(r->db, programme_option, &pc);
	form_select_end(f, "programme");
	form_input(f, "meeting_place", tr(r, "Nơi sinh hoạt", "Meeting place"), "text", v->meeting_place, "maxlength=\"190\"",
		   tr(r, "Ví dụ: Nhà văn hóa thôn", "E.g. the village cultural house"));
	form_input(f, "contact_name", tr(r, "Người liên hệ", "Contact person"), "text", v->contact_name,
		   "maxlength=\"120\" autocomplete=\"off\"", NULL);
	form_input(f, "contact_phone", tr(r, "Điện thoại liên hệ", "Contact phone"), "tel", v->contact_phone,
		   "maxlength=\"30\" autocomplete=\"off\"", NULL);
}

static ClubInput club_input_from_form(Req *r)
{
	ClubInput in = {
		.name = req_form(r, "name"),
		.unit_code = req_form(r, "unit_code"),
		.village = req_form(r, "village"),
		.decision_no = req_form(r, "decision_no"),
		.decision_date = req_form(r, "decision_date"),
		.status = req_form(r, "status"),
		.status_date = req_form(r, "status_date"),
		.founded_on = req_form(r, "founded_on"),
		.programme = req_form(r, "programme"),
		.meeting_place = req_form(r, "meeting_place"),
		.contact_name = req_form(r, "contact_name"),
		.contact_phone = req_form(r, "contact_phone"),
	};
	return in;
}

static HandlerResult club_new_page(Req *r, int status, const ClubInput *v, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Thêm câu lạc bộ", "Add a club"));
	form_summary(r, &b, e);
	form_post_begin(r, &b, "narrow", "/clubs", NULL);
	Form form = club_form(r, &b, e, NULL);
	club_fields(&form, v, 1);
	form_button(&b, "primary", tr(r, "Tạo CLB", "Create the club"));
	html(&b, "</form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_club_new(Req *r)
{
	ClubInput v = {0};
	/* A commune officer founds clubs in their own commune: the code is filled in. */
	if (r->actor.role == ROLE_COMMUNE)
		v.unit_code = r->actor.scope;
	return club_new_page(r, 200, &v, NULL);
}

HandlerResult web_club_create(Req *r)
{
	ClubInput in = club_input_from_form(r);
	Err e = {0};
	int64_t id = club_create(r->db, &r->actor, &in, &e);
	if (id < 0)
		return club_new_page(r, err_http_status(e.code), &in, &e);
	char loc[64];
	snprintf(loc, sizeof loc, "/clubs/%lld?saved=1", (long long)id);
	return resp_redirect(r, loc);
}

/* ---- composition against the model ---- */

static void share_txt(Buf *b, int64_t permille)
{
	char n[VI_NUM_BUFSZ];
	html_txt(b, vi_format_decimal(permille, 1, n));
	html(b, "%");
}

static void target_txt(Req *r, Buf *b, const ModelCheck *m)
{
	char lo[VI_NUM_BUFSZ], hi[VI_NUM_BUFSZ];
	if (m->is_share) {
		if (m->low == 0 && m->high < 0) {
			html_txt(b, tr(r, "Ưu tiên (không có ngưỡng)", "A priority (no threshold)"));
			return;
		}
		html_txt(b, vi_format_decimal(m->low / 10, 0, lo));
		if (m->high >= 0) {
			html(b, "–");
			html_txt(b, vi_format_decimal(m->high / 10, 0, hi));
		}
		if (m->high >= 0)
			html(b, "%");
		else
			html_txt(b, tr(r, "% trở lên", "% or more"));
		return;
	}
	if (m->high < 0)
		html_txtf(b, "%s %lld", tr(r, "ít nhất", "at least"), (long long)m->low);
	else if (m->high == m->low)
		html_txtf(b, "%lld", (long long)m->low);
	else
		html_txtf(b, "%lld–%lld", (long long)m->low, (long long)m->high);
}

/* The figures of a club or a unit against the model: each with its target and a flag when off. */
static void composition_block(Req *r, Buf *b, const Composition *c, const char *on, int one_club)
{
	char d[VI_DATE_BUFSZ], n[VI_NUM_BUFSZ];
	if (c->members == 0 && (one_club || c->clubs == 0)) {
		html(b, "<p>");
		html_txt(b, one_club ? tr(r, "CLB chưa có thành viên nào trên sổ.", "The club has no members on its book yet.")
				     : tr(r, "Chưa có CLB nào (đã thành lập) trong đơn vị này.", "No founded clubs in this unit yet."));
		html(b, "</p>");
		return;
	}
	ModelCheck mc[MODEL_CHECKS];
	club_model_checks(c, mc);
	int64_t counts[MODEL_CHECKS] = {c->members, c->older, c->women, c->younger, c->priority, c->volunteers, c->board};
	int off = 0;
	for (int i = 0; i < MODEL_CHECKS; i++)
		off += mc[i].off;
	html(b, "<p class=\"summary ");
	if (off)
		html(b, "off\">");
	else
		html(b, "ok\">");
	if (off)
		html_trf(r, b, "%d chỉ số chưa đạt mô hình.", "%d figures are off the model.", off);
	else
		html_txt(b, tr(r, "Mọi chỉ số đạt mô hình.", "Every figure meets the model."));
	html(b, "</p><div class=\"scroll\"><table class=\"stack model\"><caption>");
	html_txt(b, tr(r, "Thành phần ngày", "Composition on"));
	html(b, " ");
	html_txt(b, vi_format_date(on, d) ? d : on);
	if (!one_club) {
		html(b, " — ");
		html_txt(b, vi_format_int(c->clubs, n));
		html(b, " ");
		html_txt(b, tr(r, "CLB, số đếm là bình quân mỗi CLB", "clubs, counts are per club on average"));
	}
	html(b, "</caption><thead><tr>");
	page_th(b, tr(r, "Chỉ số", "Figure"));
	page_th(b, tr(r, "Hiện có", "Now"));
	page_th(b, tr(r, "Mô hình", "Model"));
	page_th(b, tr(r, "Đánh giá", "Check"));
	html(b, "</tr></thead><tbody>");
	for (int i = 0; i < MODEL_CHECKS; i++) {
		const ModelCheck *m = &mc[i];
		if (m->off)
			html(b, "<tr class=\"off\">");
		else
			html(b, "<tr>");
		page_cell(b, tr(r, "Chỉ số", "Figure"), NULL, tr(r, m->what_vi, m->what_en));
		page_td(b, tr(r, "Hiện có", "Now"), "num");
		if (m->is_share) {
			share_txt(b, m->value);
			html(b, " <span class=\"muted\">(");
			html_txt(b, vi_format_int(counts[i], n));
			html(b, "/");
			html_txt(b, vi_format_int(c->members, n));
			html(b, ")</span>");
		} else {
			html_txt(b, vi_format_int(m->value, n));
		}
		html(b, "</td>");
		page_td(b, tr(r, "Mô hình", "Model"), "num");
		target_txt(r, b, m);
		html(b, "</td>");
		page_td(b, tr(r, "Đánh giá", "Check"), NULL);
		if (m->off) {
			html(b, "<strong class=\"flag off\">✗ ");
			html_txt(b, m->value < m->low ? tr(r, "Chưa đạt: thấp hơn mô hình", "Off: below the model")
						      : tr(r, "Chưa đạt: cao hơn mô hình", "Off: above the model"));
			html(b, "</strong>");
		} else if (m->low == 0 && m->high < 0) {
			html(b, "<span class=\"flag\">");
			html_txt(b, tr(r, "Theo dõi", "For information"));
			html(b, "</span>");
		} else {
			html(b, "<span class=\"flag ok\">✓ ");
			html_txt(b, tr(r, "Đạt", "Meets"));
			html(b, "</span>");
		}
		html(b, "</td></tr>");
	}
	html(b, "</tbody></table></div><p class=\"note\">");
	html_trf(r, b, "Nhóm ưu tiên: hộ nghèo, cận nghèo %lld · khuyết tật %lld · dân tộc thiểu số %lld · sống một mình %lld.",
		 "Priority groups: poor or near-poor households %lld · disability %lld · ethnic minority %lld · living alone %lld.",
		  (long long)c->poor, (long long)c->disabled, (long long)c->minority, (long long)c->alone);
	html(b, " ");
	html_trf(r, b, "Người cao tuổi: từ %d tuổi trở lên tính đến ngày %s (cài đặt của hệ thống: 60 theo Luật Người cao tuổi, có thể đặt 55).",
		 "Older: aged %d or more on %s (a system setting: 60 by law, 55 allowed).",
		  c->older_age, vi_format_date(on, d) ? d : on);
	html(b, "</p>");
}

/* ---- one club's page ---- */

/* Which form of the page failed (its error shown next to its field, what was typed kept). */
typedef struct ClubState {
	const char *form;   /* "edit", "board", "volunteer", "visit", "end-b", "end-v"; NULL */
	int64_t row;        /* the volunteer or role of a per-row form */
	const Err *e;
} ClubState;

static const Err *err_for(const ClubState *s, const char *form, int64_t row)
{
	return s && s->form && strcmp(s->form, form) == 0 && s->row == row ? s->e : NULL;
}

typedef struct Choice {
	int64_t id;
	char name[224];
	int birth_year;
} Choice;

typedef struct Choices {
	Choice *v;
	size_t n, alloc;
} Choices;

static void choice_add(const Member *m, void *arg)
{
	Choices *c = arg;
	if (c->n == c->alloc) {
		size_t a = c->alloc ? 2 * c->alloc : 64;
		Choice *p = realloc(c->v, a * sizeof *p);
		if (!p)
			return;
		c->v = p;
		c->alloc = a;
	}
	Choice *x = &c->v[c->n++];
	x->id = m->id;
	snprintf(x->name, sizeof x->name, "%s", m->full_name);
	x->birth_year = m->birth_year;
}

/* The member_id select of a form: the club's members ("Name (birth year)"), the one picked in the
 * form that failed selected. blank names the first, empty choice; NULL makes a choice required. */
static void member_select(const Form *f, const char *label, const Choices *ch, const char *blank)
{
	const char *selected = form_value(f, "member_id", NULL);
	form_select_begin(f, "member_id", label, blank == NULL);
	form_option(f->b, "", blank ? blank : tr(f->r, "— chọn thành viên —", "— choose a member —"), NULL);
	char v[24], name[256];
	for (size_t i = 0; i < ch->n; i++) {
		snprintf(v, sizeof v, "%lld", (long long)ch->v[i].id);
		snprintf(name, sizeof name, "%s (%d)", ch->v[i].name, ch->v[i].birth_year);
		form_option(f->b, v, name, selected);
	}
	form_select_end(f, "member_id");
}

static const char *const role_codes[] = {"chair", "vice_chair", "accountant", "treasurer", "secretary", "board_member"};

typedef struct BoardCtx {
	Req *r;
	Buf *b;
	const ClubState *s;
	int keep;
	int past;          /* 0: listing current roles; 1: past ones */
	int shown;
} BoardCtx;

/* A small form that ends a term on a date (today by default). */
static void end_form(Req *r, Buf *b, const char *action_base, int64_t id, const char *kind, const ClubState *s)
{
	char prefix[48], action[64];
	const Err *e = err_for(s, kind[0] == 'b' ? "end-b" : "end-v", id);
	snprintf(prefix, sizeof prefix, "end-%c%lld-", kind[0], (long long)id);
	snprintf(action, sizeof action, "%s%lld/end", action_base, (long long)id);
	Form form = club_form(r, b, e, prefix);
	html(b, "<details");
	if (e)
		html(b, " open");
	html(b, "><summary>");
	html_txt(b, kind[0] == 'b' ? tr(r, "Kết thúc nhiệm kỳ", "End the term") : tr(r, "Thôi làm tình nguyện viên", "Stop volunteering"));
	html(b, "</summary>");
	form_post_begin(r, b, "row-form", action, NULL);
	form_error_general(r, b, e);
	form_date_today(&form, "to", tr(r, "Đến ngày", "Until"));
	form_button(b, NULL, tr(r, "Kết thúc", "End"));
	html(b, "</form></details>");
}

static void board_row(const BoardRole *br, void *arg)
{
	BoardCtx *x = arg;
	Req *r = x->r;
	Buf *b = x->b;
	if ((br->to_date[0] != '\0') != x->past)
		return;
	x->shown++;
	html(b, "<tr>");
	page_cell(b, tr(r, "Chức vụ", "Role"), NULL, board_role_label(br->role, r->lang));
	page_td(b, tr(r, "Họ và tên", "Name"), NULL);
	page_link(b, "/members/", br->member_id, br->member_name);
	html(b, "</td>");
	page_td(b, tr(r, "Từ ngày", "From"), "nowrap");
	page_date(b, br->from_date, "—");
	html(b, "</td>");
	if (x->past) {
		page_td(b, tr(r, "Đến ngày", "Until"), "nowrap");
		page_date(b, br->to_date, "—");
		html(b, "</td>");
	} else if (x->keep) {
		page_td(b, tr(r, "Thay đổi", "Change"), NULL);
		end_form(r, b, "/board/", br->id, "b", x->s);
		html(b, "</td>");
	}
	html(b, "</tr>");
}

static void board_table_head(Req *r, Buf *b, int past, int keep)
{
	page_table_begin(b, past ? tr(r, "Các nhiệm kỳ đã kết thúc", "Past terms") : tr(r, "Ban chủ nhiệm hiện nay", "The board today"));
	page_th(b, tr(r, "Chức vụ", "Role"));
	page_th(b, tr(r, "Họ và tên", "Name"));
	page_th(b, tr(r, "Từ ngày", "From"));
	if (past || keep)
		page_th(b, past ? tr(r, "Đến ngày", "Until") : tr(r, "Thay đổi", "Change"));
	html(b, "</tr></thead><tbody>");
}

static int board_section(Req *r, Buf *b, const Club *c, const ClubState *s, int keep, const Choices *ch)
{
	html(b, "<section id=\"board\" aria-labelledby=\"board-h\"><h2 id=\"board-h\">");
	html_txt(b, tr(r, "Ban chủ nhiệm", "Management board"));
	html(b, "</h2>");
	for (int past = 0; past < 2; past++) {
		Buf rows;
		buf_init(&rows, 0);
		BoardCtx x = {r, &rows, s, keep, past, 0};
		if (board_list(r->db, &r->actor, c->id, 0, board_row, &x) < 0) {
			buf_free(&rows);
			return -1;
		}
		if (x.shown) {
			board_table_head(r, b, past, keep);
			buf_append(b, buf_str(&rows), rows.len);
			html(b, "</tbody></table></div>");
		} else if (!past) {
			html(b, "<p>");
			html_txt(b, tr(r, "Chưa ghi nhận ai trong Ban chủ nhiệm.", "No one is recorded on the board yet."));
			html(b, "</p>");
		}
		buf_free(&rows);
	}
	if (keep) {
		const Err *e = err_for(s, "board", 0);
		Form form = club_form(r, b, e, "board-");
		char action[48];
		snprintf(action, sizeof action, "/clubs/%lld/board", (long long)c->id);
		html(b, "<h3>");
		html_txt(b, tr(r, "Giao chức vụ", "Give a role"));
		html(b, "</h3><p class=\"note\">");
		html_txt(b, tr(r, "Chủ nhiệm, kế toán, thủ quỹ, thư ký mỗi chức một người: người mới nhận thì nhiệm kỳ của người cũ kết thúc ngày hôm trước.",
			       "Chair, accountant, treasurer and secretary are held by one person at a time: the previous holder's term ends the day before."));
		html(b, "</p>");
		form_post_begin(r, b, "inline", action, "#board");
		form_error_general(r, b, e);
		member_select(&form, tr(r, "Thành viên", "Member"), ch, NULL);
		const char *role = form_value(&form, "role", NULL);
		form_select_begin(&form, "role", tr(r, "Chức vụ", "Role"), 1);
		form_option(b, "", tr(r, "— chọn chức vụ —", "— choose a role —"), role);
		for (size_t i = 0; i < sizeof role_codes / sizeof *role_codes; i++)
			form_option(b, role_codes[i], board_role_label(role_codes[i], r->lang), role);
		form_select_end(&form, "role");
		form_date_today(&form, "from", tr(r, "Từ ngày", "From"));
		form_inline_end(b, "primary", tr(r, "Giao chức vụ", "Give the role"));
	}
	html(b, "</section>");
	return 0;
}

typedef struct VolCtx {
	Req *r;
	Buf *b;
	const ClubState *s;
	int keep;
	const Choices *ch;
	int current, past;
	Buf *past_rows;
} VolCtx;

static void visit_form(Req *r, Buf *b, const Volunteer *v, const ClubState *s, const Choices *ch)
{
	const Err *e = err_for(s, "visit", v->id);
	char action[64], prefix[48];
	snprintf(action, sizeof action, "/volunteers/%lld/visits", (long long)v->id);
	snprintf(prefix, sizeof prefix, "visit-%lld-", (long long)v->id);
	Form form = club_form(r, b, e, prefix);
	html(b, "<details");
	if (e)
		html(b, " open");
	html(b, "><summary>");
	html_txt(b, tr(r, "Thêm người được thăm", "Add a person visited"));
	html(b, "</summary>");
	form_post_begin(r, b, NULL, action, NULL);
	form_error_general(r, b, e);
	member_select(&form, tr(r, "Thành viên được thăm", "Member visited"), ch,
		      tr(r, "— người ngoài CLB: ghi tên bên dưới —", "— someone outside the club: name below —"));
	form_input(&form, "person_name", tr(r, "hoặc họ tên người ngoài CLB", "or the name of someone outside the club"), "text",
		   form_value(&form, "person_name", NULL), "maxlength=\"150\" autocomplete=\"off\"", NULL);
	form_date_today(&form, "from", tr(r, "Từ ngày", "From"));
	form_button(b, NULL, tr(r, "Ghi nhận", "Record"));
	html(b, "</form></details>");
}

static void volunteer_row(const Volunteer *v, void *arg)
{
	VolCtx *x = arg;
	Req *r = x->r;
	int past = v->to_date[0] != '\0';
	Buf *b = past ? x->past_rows : x->b;
	if (past)
		x->past++;
	else
		x->current++;
	html(b, "<tr>");
	page_td(b, tr(r, "Tình nguyện viên", "Volunteer"), NULL);
	page_link(b, "/members/", v->member_id, v->member_name);
	html(b, "</td>");
	page_td(b, tr(r, "Từ ngày", "From"), "nowrap");
	page_date(b, v->from_date, "—");
	if (past) {
		html(b, " – ");
		page_date(b, v->to_date, "—");
		html(b, "</td></tr>");
		return;
	}
	html(b, "</td>");
	page_td(b, tr(r, "Thăm, chăm sóc", "Visits"), NULL);
	html_txt(b, v->visits[0] ? v->visits : "—");
	if (x->keep)
		visit_form(r, b, v, x->s, x->ch);
	html(b, "</td>");
	if (x->keep) {
		page_td(b, tr(r, "Thay đổi", "Change"), NULL);
		end_form(r, b, "/volunteers/", v->id, "v", x->s);
		html(b, "</td>");
	}
	html(b, "</tr>");
}

static int volunteer_section(Req *r, Buf *b, const Club *c, const ClubState *s, int keep, const Choices *ch)
{
	html(b, "<section id=\"volunteers\" aria-labelledby=\"vol-h\"><h2 id=\"vol-h\">");
	html_txt(b, tr(r, "Tình nguyện viên chăm sóc tại nhà", "Home-care volunteers"));
	html(b, "</h2>");
	Buf rows, past;
	buf_init(&rows, 0);
	buf_init(&past, 0);
	VolCtx x = {r, &rows, s, keep, ch, 0, 0, &past};
	int rc = volunteer_list(r->db, &r->actor, c->id, 0, volunteer_row, &x);
	if (rc >= 0 && x.current) {
		page_table_begin(b, tr(r, "Đang làm tình nguyện viên và người được thăm", "Volunteers now and whom they visit"));
		page_th(b, tr(r, "Tình nguyện viên", "Volunteer"));
		page_th(b, tr(r, "Từ ngày", "From"));
		page_th(b, tr(r, "Thăm, chăm sóc", "Visits"));
		if (keep)
			page_th(b, tr(r, "Thay đổi", "Change"));
		html(b, "</tr></thead><tbody>");
		buf_append(b, buf_str(&rows), rows.len);
		html(b, "</tbody></table></div>");
	} else if (rc >= 0) {
		html(b, "<p>");
		html_txt(b, tr(r, "Chưa có tình nguyện viên nào. Mô hình cần ít nhất 5 người.",
			       "No volunteers yet. The model asks for at least 5."));
		html(b, "</p>");
	}
	if (rc >= 0 && x.past) {
		page_table_begin(b, tr(r, "Đã thôi làm tình nguyện viên", "Former volunteers"));
		page_th(b, tr(r, "Tình nguyện viên", "Volunteer"));
		page_th(b, tr(r, "Thời gian", "Period"));
		html(b, "</tr></thead><tbody>");
		buf_append(b, buf_str(&past), past.len);
		html(b, "</tbody></table></div>");
	}
	buf_free(&rows);
	buf_free(&past);
	if (rc < 0)
		return -1;
	if (keep) {
		const Err *e = err_for(s, "volunteer", 0);
		Form form = club_form(r, b, e, "volunteer-");
		char action[48];
		snprintf(action, sizeof action, "/clubs/%lld/volunteers", (long long)c->id);
		html(b, "<h3>");
		html_txt(b, tr(r, "Thêm tình nguyện viên", "Add a volunteer"));
		html(b, "</h3>");
		form_post_begin(r, b, "inline", action, "#volunteers");
		form_error_general(r, b, e);
		member_select(&form, tr(r, "Thành viên", "Member"), ch, NULL);
		form_date_today(&form, "from", tr(r, "Từ ngày", "From"));
		form_inline_end(b, "primary", tr(r, "Thêm", "Add"));
	}
	html(b, "</section>");
	return 0;
}

typedef struct StatusCtx {
	Req *r;
	Buf *b;
	int n;
} StatusCtx;

static void status_item(const char *status, const char *from, void *arg)
{
	StatusCtx *x = arg;
	if (x->n++)
		html(x->b, "; ");
	html_txt(x->b, club_status_label(status, x->r->lang));
	html(x->b, " ");
	html_txt(x->b, tr(x->r, "từ", "from"));
	html(x->b, " ");
	page_date(x->b, from, "—");
}

typedef struct ProgName {
	const char *code;
	char name[200];
} ProgName;

static void programme_name(const Programme *p, void *arg)
{
	ProgName *x = arg;
	if (strcmp(p->code, x->code) == 0)
		snprintf(x->name, sizeof x->name, "%s", p->name);
}

static void club_facts(Req *r, Buf *b, const Club *c)
{
	char today[11], n[VI_NUM_BUFSZ];
	unit_today(today);
	int people = scope_sees_people(&r->actor);
	html(b, "<dl class=\"facts stack-phone\">");
	page_fact_txt(b, tr(r, "Mã CLB", "Club code"), c->code);
	page_fact(b, tr(r, "Xã khi thành lập", "Commune when founded"));
	unit_place(r, b, c->unit_id);
	html_txtf(b, " (%s)", c->unit_code);
	html(b, "</dd>");
	page_fact(b, tr(r, "Xã hiện nay", "Commune today"));
	Unit now;
	int have = unit_restated(r->db, c->unit_id, today, &now);
	if (have == 1 && now.id == c->unit_id) {
		html_txt(b, tr(r, "vẫn là xã trên", "the same commune"));
	} else if (have == 1) {
		unit_place(r, b, now.id);
		html_txtf(b, " (%s)", now.code);
	} else {
		html_txt(b, tr(r, "chưa có bảng đối chiếu sang địa giới hiện nay", "not mapped to today's units yet"));
	}
	html(b, "</dd>");
	page_fact_txt(b, tr(r, "Thôn, tổ dân phố", "Village"), c->village[0] ? c->village : "—");
	page_fact(b, tr(r, "Quyết định thành lập", "Founding decision"));
	if (c->decision_no[0] || c->decision_date[0]) {
		html_txtf(b, "%s %s", tr(r, "Số", "No."), c->decision_no[0] ? c->decision_no : "—");
		if (c->decision_date[0]) {
			html(b, " ");
			html_txt(b, tr(r, "ngày", "of"));
			html(b, " ");
			page_date(b, c->decision_date, "—");
		}
	} else {
		html(b, "—");
	}
	html(b, "</dd>");
	page_fact(b, tr(r, "Ngày thành lập", "Founded on"));
	page_date(b, c->founded_on, "—");
	html(b, "</dd>");
	page_fact(b, tr(r, "Trạng thái", "Status"));
	html(b, "<strong>");
	html_txt(b, club_status_label(c->status, r->lang));
	html(b, "</strong> ");
	html_txt(b, tr(r, "từ", "since"));
	html(b, " ");
	page_date(b, c->status_date, "—");
	StatusCtx sx = {r, b, 0};
	Buf hist;
	buf_init(&hist, 0);
	sx.b = &hist;
	if (club_status_list(r->db, &r->actor, c->id, status_item, &sx) > 1) {
		html(b, "<br><span class=\"muted\">");
		html_txt(b, tr(r, "Quá trình", "History"));
		html(b, ": ");
		buf_append(b, buf_str(&hist), hist.len);
		html(b, "</span>");
	}
	buf_free(&hist);
	html(b, "</dd>");
	page_fact(b, tr(r, "Đề án, dự án", "Programme"));
	if (c->programme_code[0]) {
		ProgName pn = {c->programme_code, ""};
		programme_list(r->db, programme_name, &pn);
		html_txt(b, pn.name[0] ? pn.name : c->programme_code);
	} else {
		html(b, "—");
	}
	html(b, "</dd>");
	page_fact_txt(b, tr(r, "Nơi sinh hoạt", "Meeting place"), c->meeting_place[0] ? c->meeting_place : "—");
	if (people) {
		page_fact(b, tr(r, "Liên hệ", "Contact"));
		html_txt(b, c->contact_name[0] ? c->contact_name : "—");
		if (c->contact_phone[0]) {
			html(b, " · <a href=\"tel:");
			html_attr(b, c->contact_phone);
			html(b, "\">");
			html_txt(b, c->contact_phone);
			html(b, "</a>");
		}
		html(b, "</dd>");
	}
	page_fact(b, tr(r, "Thành viên trên sổ", "Members on the book"));
	html_txt(b, vi_format_int(c->members, n));
	html(b, "</dd></dl>");
}

static void club_links(Req *r, Buf *b, const Club *c)
{
	if (!scope_sees_people(&r->actor))
		return;
	int keep = member_may_write(&r->actor);
	char href[96];
	long long id = (long long)c->id;
	html(b, "<ul class=\"actions\">");
	snprintf(href, sizeof href, "/clubs/%lld/members", id);
	page_action(b, href, tr(r, "Danh sách thành viên", "Members"));
	if (keep && strcmp(c->status, "dissolved") != 0) {
		snprintf(href, sizeof href, "/clubs/%lld/members/new", id);
		page_action(b, href, tr(r, "Thêm thành viên", "Add a member"));
	}
	snprintf(href, sizeof href, "/clubs/%lld/book", id);
	page_action(b, href, tr(r, "Sổ thành viên (in)", "Member book (print)"));
	snprintf(href, sizeof href, "/clubs/%lld/reports", id);
	page_action(b, href, tr(r, "Báo cáo tháng", "Monthly reports"));
	snprintf(href, sizeof href, "/clubs/%lld/funds", id);
	page_action(b, href, tr(r, "Quỹ và khoản vay", "Funds and loans"));
	if (keep) {
		snprintf(href, sizeof href, "/imports/new?kind=members&club=%lld", id);
		page_action(b, href, tr(r, "Nhập thành viên từ Excel", "Import members from Excel"));
	}
	snprintf(href, sizeof href, "/exports/members.xlsx?club=%lld", id);
	page_action(b, href, tr(r, "Tải danh sách (Excel)", "Download (Excel)"));
	snprintf(href, sizeof href, "/exports/members.csv?club=%lld", id);
	page_action(b, href, tr(r, "Tải CSV", "Download CSV"));
	html(b, "</ul>");
}

/* The edit form, folded away unless it is the one that failed. */
static void club_edit(Req *r, Buf *b, const Club *c, const ClubState *s)
{
	const Err *e = err_for(s, "edit", 0);
	Form form = club_form(r, b, e, NULL);
	char dd[VI_DATE_BUFSZ], fd[VI_DATE_BUFSZ], sd[VI_DATE_BUFSZ];
	ClubInput v = {
		.name = form_value(&form, "name", c->name),
		.village = form_value(&form, "village", c->village),
		.decision_no = form_value(&form, "decision_no", c->decision_no),
		.decision_date = form_value(&form, "decision_date", form_date_value(c->decision_date, dd)),
		.status = form_value(&form, "status", c->status),
		.status_date = form_value(&form, "status_date", form_date_value(c->status_date, sd)),
		.founded_on = form_value(&form, "founded_on", form_date_value(c->founded_on, fd)),
		.programme = form_value(&form, "programme", c->programme_code),
		.meeting_place = form_value(&form, "meeting_place", c->meeting_place),
		.contact_name = form_value(&form, "contact_name", c->contact_name),
		.contact_phone = form_value(&form, "contact_phone", c->contact_phone),
	};
	char action[48];
	snprintf(action, sizeof action, "/clubs/%lld", (long long)c->id);
	html(b, "<section id=\"edit\"><details");
	if (e)
		html(b, " open");
	html(b, "><summary><h2>");
	html_txt(b, tr(r, "Sửa thông tin CLB", "Edit the club"));
	html(b, "</h2></summary>");
	form_summary(r, b, e);
	html(b, "<p class=\"note\">");
	html_txt(b, tr(r, "Mã CLB và xã thành lập không đổi được. Đổi trạng thái thì ghi cả ngày.",
		       "The code and founding commune cannot change. A new status takes its date."));
	html(b, "</p>");
	form_post_begin(r, b, "narrow", action, "#edit");
	club_fields(&form, &v, 0);
	form_button(b, "primary", tr(r, "Lưu", "Save"));
	html(b, "</form></details></section>");
}

static HandlerResult club_page(Req *r, int status, int64_t id, const ClubState *s)
{
	Club c;
	int have = club_get(r->db, &r->actor, id, &c);
	if (have < 0)
		return H_FATAL;
	if (!have)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	char today[11];
	unit_today(today);
	Composition comp;
	if (club_composition(r->db, &r->actor, c.id, 0, today, &comp) != 0)
		return H_FATAL;
	int people = scope_sees_people(&r->actor);
	int keep = member_may_write(&r->actor);
	Choices ch = {0};
	if (keep) {
		MemberFilter f = {.club_id = c.id};
		if (member_list(r->db, &r->actor, &f, 0, MEMBER_CHOICES, choice_add, &ch) < 0) {
			free(ch.v);
			return H_FATAL;
		}
	}

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, c.name);
	html(&b, "<p class=\"sub\">");
	html_txt(&b, tr(r, "Câu lạc bộ Liên thế hệ tự giúp nhau", "Intergenerational Self-Help Club"));
	html(&b, " · ");
	html_txt(&b, c.code);
	html(&b, " · ");
	html_txt(&b, c.unit_name);
	if (c.province_name[0]) {
		html(&b, ", ");
		html_txt(&b, c.province_name);
	}
	html(&b, "</p>");
	if (req_query(r, "saved") && !(s && s->e))
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	if (s && s->e && strcmp(s->form, "edit") != 0)
		form_summary(r, &b, s->e);
	club_links(r, &b, &c);
	club_facts(r, &b, &c);

	html(&b, "<section id=\"composition\" aria-labelledby=\"comp-h\"><h2 id=\"comp-h\">");
	html_txt(&b, tr(r, "Thành phần so với mô hình CLB", "Composition against the club model"));
	html(&b, "</h2>");
	composition_block(r, &b, &comp, today, 1);
	html(&b, "</section>");

	int rc = 0;
	if (people) {
		rc = board_section(r, &b, &c, s, keep, &ch);
		if (!rc)
			rc = volunteer_section(r, &b, &c, s, keep, &ch);
	}
	free(ch.v);
	if (rc) {
		buf_free(&b);
		return H_FATAL;
	}
	if (is_maker(&r->actor))
		club_edit(r, &b, &c, s);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_club_show(Req *r)
{
	return club_page(r, 200, req_param_id(r, "id"), NULL);
}

/* After a form of the club page: back to it (saved), or the page again with the message. */
static HandlerResult club_form_done(Req *r, int64_t club_id, int rc, const Err *e, const char *form, int64_t row,
				    const char *anchor)
{
	if (rc < 0) {
		if (e->code == E_NOT_FOUND && !e->field)
			return resp_err(r, e);
		ClubState s = {form, row, e};
		return club_page(r, err_http_status(e->code), club_id, &s);
	}
	char loc[96];
	snprintf(loc, sizeof loc, "/clubs/%lld?saved=1#%s", (long long)club_id, anchor);
	return resp_redirect(r, loc);
}

HandlerResult web_club_update(Req *r)
{
	int64_t id = req_param_id(r, "id");
	ClubInput in = club_input_from_form(r);
	in.unit_code = NULL;
	Err e = {0};
	int rc = club_update(r->db, &r->actor, id, &in, &e);
	return club_form_done(r, id, rc, &e, "edit", 0, "edit");
}

/* ---- board and volunteers ---- */

/* The member picked in a form of club_id's page: it must be on that club's book. 0, or -1 with
 * e set. */
static int picked_member(Req *r, int64_t club_id, int64_t *member_id, Err *e)
{
	const char *v = req_form(r, "member_id");
	*member_id = 0;
	if (!v || !*v)
		return err_set(e, E_REQUIRED, "member_id");
	char *end;
	long long id = strtoll(v, &end, 10);
	if (*end || id <= 0)
		return err_set(e, E_INVALID, "member_id");
	Member m;
	int have = member_get(r->db, &r->actor, id, &m);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have || m.club_id != club_id)
		return err_set(e, E_NOT_FOUND, "member_id");
	*member_id = id;
	return 0;
}

/* A form posted to /clubs/{id}/board or /clubs/{id}/volunteers: the club must be in scope and
 * the member picked on its book; then act makes the change (0, or -1 with e set). */
static HandlerResult member_posted(Req *r, int (*act)(Req *r, int64_t member_id, Err *e), const char *form,
				   const char *anchor)
{
	int64_t club_id = req_param_id(r, "id"), member_id;
	Club c;
	int have = club_get(r->db, &r->actor, club_id, &c);
	if (have <= 0)
		return have < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	Err e = {0};
	int rc = picked_member(r, club_id, &member_id, &e);
	if (!rc)
		rc = act(r, member_id, &e);
	return club_form_done(r, club_id, rc, &e, form, 0, anchor);
}

static int assign_role(Req *r, int64_t member_id, Err *e)
{
	return board_assign(r->db, &r->actor, member_id, req_form(r, "role"), req_form(r, "from"), e);
}

static int add_volunteer(Req *r, int64_t member_id, Err *e)
{
	return volunteer_add(r->db, &r->actor, member_id, req_form(r, "from"), e) < 0 ? -1 : 0;
}

/* Ending a board term or a volunteer's service (path {id}, the date posted as "to"): club_of
 * finds the club of the row, end ends it. */
static HandlerResult end_posted(Req *r, int64_t (*club_of)(Db *db, const Actor *by, int64_t id),
				int (*end)(Db *db, const Actor *by, int64_t id, const char *to, Err *e), const char *form,
				const char *anchor)
{
	int64_t id = req_param_id(r, "id");
	int64_t club_id = club_of(r->db, &r->actor, id);
	if (club_id <= 0)
		return club_id < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	Err e = {0};
	int rc = end(r->db, &r->actor, id, req_form(r, "to"), &e);
	return club_form_done(r, club_id, rc, &e, form, id, anchor);
}

HandlerResult web_board_assign(Req *r)
{
	return member_posted(r, assign_role, "board", "board");
}

HandlerResult web_board_end(Req *r)
{
	return end_posted(r, board_role_club, board_end, "end-b", "board");
}

HandlerResult web_volunteer_add(Req *r)
{
	return member_posted(r, add_volunteer, "volunteer", "volunteers");
}

HandlerResult web_volunteer_end(Req *r)
{
	return end_posted(r, volunteer_club, volunteer_end, "end-v", "volunteers");
}

HandlerResult web_volunteer_visit(Req *r)
{
	int64_t id = req_param_id(r, "id");
	int64_t club_id = volunteer_club(r->db, &r->actor, id);
	if (club_id <= 0)
		return club_id < 0 ? H_FATAL : resp_error(r, E_NOT_FOUND, NULL, NULL);
	Err e = {0};
	int64_t member_id = 0;
	const char *mv = req_form(r, "member_id");
	const char *person = req_form(r, "person_name");
	int rc = 0;
	if (mv && *mv) {
		rc = picked_member(r, club_id, &member_id, &e);
		if (!rc && person && *person)
			rc = err_set(&e, E_INVALID, "person_name");
	}
	if (!rc)
		rc = volunteer_visit_add(r->db, &r->actor, id, member_id, person, req_form(r, "from"), &e) < 0 ? -1 : 0;
	return club_form_done(r, club_id, rc, &e, "visit", id, "volunteers");
}

/* ---- composition of any unit ---- */

HandlerResult web_composition(Req *r)
{
	const char *unit = req_query(r, "unit"), *on_in = req_query(r, "on");
	char on[11], d[VI_DATE_BUFSZ];
	Err e = {0};
	unit_today(on);
	if (on_in && *on_in && vi_parse_date(on_in, on) != VI_OK) {
		err_set(&e, E_DATE, "on");
		unit_today(on);
	}
	/* Which unit: the one asked for, else the user's own scope. */
	Unit u = {0};
	Club club = {0};
	if (unit && *unit) {
		ErrCode found = form_unit(r, unit, on, &u);
		if (found == E_INTERNAL)
			return H_FATAL;
		if (found) {
			if (!e.code)
				err_set(&e, found, "unit");
			u.id = 0;
		}
	} else if (r->actor.role == ROLE_CLUB) {
		if (club_get_by_code(r->db, &r->actor, r->actor.scope, &club) < 0)
			return H_FATAL;
	} else if (r->actor.scope[0]) {
		char today[11];
		unit_today(today);
		if (unit_find(r->db, r->actor.scope, today, &u) < 0)
			return H_FATAL;
	}
	Composition comp = {0};
	if (!e.code && club_composition(r->db, &r->actor, club.id, u.id, on, &comp) != 0)
		return H_FATAL;

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Thành phần CLB so với mô hình", "Club composition against the model"));
	html(&b, "<form method=\"get\" action=\"/composition\" class=\"inline\">");
	Form form = club_form(r, &b, &e, NULL);
	form_input(&form, "unit", tr(r, "Mã tỉnh hoặc mã xã (để trống: phạm vi của bạn)", "Province or commune code (blank: your scope)"),
		   "text", unit, "inputmode=\"numeric\"", NULL);
	form_date(&form, "on", tr(r, "Ngày (dd/mm/yyyy)", "Date (dd/mm/yyyy)"), form_bad(&e, "on") ? on_in : form_date_value(on, d), NULL);
	form_inline_end(&b, NULL, tr(r, "Xem", "Show"));
	if (!e.code) {
		html(&b, "<h2>");
		if (club.id) {
			html_txt(&b, club.name);
			html_txtf(&b, " (%s)", club.code);
		} else if (u.id) {
			unit_place(r, &b, u.id);
			html_txtf(&b, " (%s)", u.code);
		} else {
			html_txt(&b, tr(r, "Toàn quốc", "Whole country"));
		}
		html(&b, "</h2>");
		composition_block(r, &b, &comp, on, club.id != 0);
		if (u.id) {
			html(&b, "<p><a href=\"/clubs?unit=");
			html_urlenc(&b, u.code);
			html(&b, "\">");
			html_txt(&b, tr(r, "Các CLB của đơn vị này", "The clubs of this unit"));
			html(&b, "</a></p>");
		}
	}
	page_end(r, &b);
	return resp_html(r, e.code ? err_http_status(e.code) : 200, &b);
}
