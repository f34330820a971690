/* Importing members, clubs or past months' reports from Excel or CSV: the upload form, the preview
 * that names every problem by row and column, the marked copy of the file, and the commit that
 * loads all or none; for reports also the template with the catalogue's headings. The uploaded
 * file is kept in the database between the preview and the commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/club.h"
#include "core/import.h"
#include "core/indicator.h"
#include "http/server.h"
#include "out/xlsx.h"
#include "lib/table.h"
#include "lib/vi.h"
#include "web/form.h"
#include "core/programme.h"
#include "core/work.h"
#include "web/layout.h"
#include "web/pages.h"

enum { PREVIEW_PROBLEMS = 500, PREVIEW_ROWS = 10, FORM_CLUBS = 500 };

static const char *kind_title(Req *r, ImportKind kind)
{
	if (kind == IMPORT_TRAININGS)
		return tr(r, "Nhập các lớp tập huấn từ Excel", "Import training courses from Excel");
	if (kind == IMPORT_VISITS)
		return tr(r, "Nhập các chuyến giám sát, hỗ trợ kỹ thuật từ Excel", "Import monitoring and support visits from Excel");
	return kind == IMPORT_PLANS	? tr(r, "Nhập kế hoạch của các tỉnh từ Excel", "Import province plans from Excel")
	       : kind == IMPORT_CLUBS   ? tr(r, "Nhập danh sách CLB từ Excel", "Import clubs from Excel")
	       : kind == IMPORT_REPORTS ? tr(r, "Nhập báo cáo các tháng trước từ Excel", "Import past months' reports from Excel")
					: tr(r, "Nhập thành viên từ Excel", "Import members from Excel");
}

static int may_import(const Actor *a, ImportKind kind)
{
	if (kind == IMPORT_PLANS)
		return plan_may_edit(a);
	if (kind == IMPORT_TRAININGS || kind == IMPORT_VISITS)
		return work_may_write(a);
	if (kind == IMPORT_CLUBS)
		return a->role == ROLE_ADMIN || a->role == ROLE_CENTRAL || a->role == ROLE_PROVINCE || a->role == ROLE_COMMUNE;
	/* members and reports: those who keep the books */
	return a->role == ROLE_ADMIN || a->role == ROLE_PROVINCE || a->role == ROLE_COMMUNE || a->role == ROLE_CLUB;
}

/* "B – Họ và tên", "C, D" */
static void where_cols(Buf *b, const ImportProblem *p)
{
	char c1[4] = "", c2[4] = "";
	if (!p->col) {
		html(b, "—");
		return;
	}
	table_col_name(p->col, c1);
	html_txt(b, c1);
	if (p->col2) {
		table_col_name(p->col2, c2);
		html(b, ", ");
		html_txt(b, c2);
	}
	if (p->heading) {
		html(b, " – ");
		html_txt(b, p->heading);
	}
}

/* The errors (warnings 0) or the warnings (1) of a checked file, one a line. */
static void problems_table(Req *r, Buf *b, const ImportResult *res, int warnings)
{
	size_t count = warnings ? res->nwarnings : import_errors(res), shown = 0;
	if (!count)
		return;
	const char *id = warnings ? "warnings" : "problems";
	html(b, "<h2 id=\"");
	html_attr(b, id);
	html(b, "-title\">");
	if (warnings)
		html_txtf(b, "%s (%zu)", tr(r, "Cảnh báo: xin xem lại, không ngăn việc nhập", "Warnings: please look, they do not stop the import"), count);
	else
		html_txtf(b, "%s (%zu)", tr(r, "Lỗi cần sửa", "Problems to fix"), count);
	html(b, "</h2><div class=\"scroll\"><table class=\"stack\" id=\"");
	html_attr(b, id);
	html(b, "\" aria-labelledby=\"");
	html_attr(b, id);
	html(b, "-title\"><thead><tr>");
	page_th(b, tr(r, "Dòng", "Row"));
	page_th(b, tr(r, "Cột", "Column"));
	page_th(b, tr(r, "Lỗi", "Problem"));
	html(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < res->nproblems && shown < PREVIEW_PROBLEMS; i++) {
		const ImportProblem *p = &res->problems[i];
		if (!p->warning != !warnings)
			continue;
		shown++;
		html(b, "<tr>");
		page_td(b, tr(r, "Dòng", "Row"), "nowrap");
		if (p->row)
			html_int(b, (int64_t)p->row);
		else
			html_txt(b, tr(r, "cả tệp", "whole file"));
		html(b, "</td>");
		page_td(b, tr(r, "Cột", "Column"), NULL);
		where_cols(b, p);
		html(b, "</td>");
		page_cell(b, tr(r, "Lỗi", "Problem"), NULL, tr(r, p->vi, p->en));
		html(b, "</tr>");
	}
	html(b, "</tbody></table></div>");
	if (count > shown) {
		html(b, "<p>");
		html_trf(r, b, "… và %zu dòng khác: xem tất cả trong tệp Excel có đánh dấu.",
				"… and %zu more: see them all in the marked Excel file.",
			  count - shown);
		html(b, "</p>");
	}
}

/* The upload form, with the problems of a file that could not be read at all. */
static HandlerResult form_page(Req *r, int status, ImportKind kind, const Club *club, const Err *e, const ImportResult *res)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, kind_title(r, kind));
	if (e && e->code && (!e->field || strcmp(e->field, "file") != 0 || e->code == E_TOO_LARGE)) {
		Err shown = *e;
		if (e->code == E_TOO_LARGE)
			shown.field = NULL;
		form_error(r, &b, &shown);
		if (e->code == E_TOO_LARGE) {
			html(&b, "<p>");
			html_trf(r, &b, "Tệp tải lên tối đa %d MB.", "An uploaded file may be at most %d MB.",
				  IMPORT_MAX_BYTES >> 20);
			html(&b, "</p>");
		}
	}
	if (res && import_errors(res)) {
		html(&b, "<div class=\"error\" role=\"alert\"><p>");
		html_txt(&b, tr(r, "Không nhập được tệp này. Chưa có gì thay đổi.", "This file cannot be imported. Nothing has changed."));
		html(&b, "</p></div>");
		problems_table(r, &b, res, 0);
	}
	if (kind == IMPORT_REPORTS) {
		/* The template first: most people start from it. */
		html(&b, "<p><a class=\"button\" href=\"/imports/reports-template.xlsx\" download>");
		html_txt(&b, tr(r, "Tải tệp mẫu (.xlsx) theo danh mục chỉ tiêu hiện hành",
				"Download the template (.xlsx) with the current catalogue's headings"));
		html(&b, "</a></p>");
	} else if (kind == IMPORT_TRAININGS || kind == IMPORT_VISITS) {
		html(&b, "<p><a class=\"button\" href=\"");
		html_attr(&b, kind == IMPORT_TRAININGS ? "/imports/trainings-template.xlsx" : "/imports/visits-template.xlsx");
		html(&b, "\" download>");
		html_txt(&b, tr(r, "Tải tệp mẫu (.xlsx) có sẵn các cột và cách ghi", "Download the template (.xlsx) with the columns and how to fill them"));
		html(&b, "</a></p>");
	}
	html(&b, "<form method=\"post\" action=\"/imports\" enctype=\"multipart/form-data\" class=\"narrow\">");
	form_csrf(r, &b);
	html(&b, "<input type=\"hidden\" name=\"kind\" value=\"");
	html_attr(&b, import_kind_name(kind));
	html(&b, "\">");
	if (kind == IMPORT_MEMBERS && club) {
		html(&b, "<input type=\"hidden\" name=\"club\" value=\"");
		html_int(&b, club->id);
		html(&b, "\"><dl class=\"facts\">");
		page_fact(&b, tr(r, "Câu lạc bộ", "Club"));
		html_txt(&b, club->name);
		html(&b, " (");
		html_txt(&b, club->code);
		html(&b, ")</dd>");
		page_fact(&b, tr(r, "Xã", "Commune"));
		html_txt(&b, club->unit_name);
		html(&b, "</dd></dl>");
	}
	Form form = {.r = r, .b = &b, .e = e};
	form_input(&form, "file",
		   kind == IMPORT_REPORTS ? tr(r, "Tệp báo cáo (.xlsx hoặc .csv)", "Reports file (.xlsx or .csv)")
					  : tr(r, "Tệp danh sách (.xlsx hoặc .csv)", "List file (.xlsx or .csv)"),
		   "file", NULL,
		   "required accept=\".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv\"", NULL);
	form_button(&b, "primary", tr(r, "Tải lên và kiểm tra", "Upload and check"));
	html(&b, "</form><h2>");
	html_txt(&b, tr(r, "Tệp cần có gì", "What the file needs"));
	html(&b, "</h2>");
	html(&b, "<p>");
	if (kind == IMPORT_PLANS) {
		web_plan_import_help(r, &b);
	} else if (kind == IMPORT_TRAININGS || kind == IMPORT_VISITS) {
		web_work_import_help(r, &b, kind);
	} else if (kind == IMPORT_REPORTS) {
		html_txt(&b, tr(r, "Mỗi dòng là báo cáo một tháng của một CLB: cột Mã CLB, cột Tháng (2024-01, 01/2024, "
				   "Tháng 1/2024, một ô ngày của Excel, hoặc hai cột Tháng và Năm), rồi mỗi chỉ tiêu một cột, tiêu đề "
				   "là mã chỉ tiêu hoặc tên chỉ tiêu như trong danh mục. Ô trống là không có số liệu. Cột Trạng thái "
				   "(nháp, đã nộp, đã duyệt) không bắt buộc: để trống là đã nộp.",
				"Each row is one club's month: a Mã CLB (club code) column, a Tháng (month) column (2024-01, "
				"01/2024, Tháng 1/2024, an Excel date, or two columns Tháng and Năm), then one column per indicator, "
				"headed by its code or its label as in the catalogue. An empty cell gives no value. A Trạng thái "
				"(status) column — nháp, đã nộp, đã duyệt — is optional: empty means submitted."));
		html(&b, "</p><p>");
		html_txt(&b, tr(r, "Số thành viên (tổng số, người cao tuổi, nữ…) được tính từ sổ thành viên, không nhập từ tệp. "
				   "Tháng đã nộp hoặc đã duyệt không nhập đè được. Báo cáo ghi “đã duyệt” chỉ được nhập là đã duyệt "
				   "khi bạn có quyền duyệt.",
				"Member figures (total, older, women…) are computed from the member book, not imported. A month "
				"already submitted or approved cannot be overwritten. A month marked “đã duyệt” is imported "
				"approved only when you may approve."));
	} else if (kind == IMPORT_MEMBERS)
		html_txt(&b, tr(r, "Dùng tệp danh sách thành viên (.xlsx hoặc .csv) như xã vẫn lưu. Hệ thống tìm các cột theo tiêu đề: "
				   "Họ và tên, Năm sinh (hoặc năm sinh ghi dưới cột Nam/Nữ), Giới tính, Dân tộc, Hộ nghèo, Hộ cận nghèo, "
				   "Khuyết tật, Sống một mình, Thẻ BHYT, Số điện thoại, Thôn/xóm, Ngày vào CLB, Ghi chú.",
				"Use the member list (.xlsx or .csv) as the commune keeps it. Columns are found by their Vietnamese "
				"headings: Họ và tên, Năm sinh (or the year under Nam/Nữ), Giới tính, Dân tộc, Hộ nghèo, Hộ cận nghèo, "
				"Khuyết tật, Sống một mình, Thẻ BHYT, Số điện thoại, Thôn/xóm, Ngày vào CLB, Ghi chú."));
	else
		html_txt(&b, tr(r, "Tệp danh sách CLB (.xlsx hoặc .csv) có các cột: Mã xã (hoặc Tên xã), Tên CLB, Thôn/tổ dân phố, "
				   "Ngày thành lập, Số quyết định, Ngày quyết định, Chương trình/Dự án, Trạng thái, Nơi sinh hoạt, "
				   "Người liên hệ, Số điện thoại.",
				"The list of clubs (.xlsx or .csv) has the columns: Mã xã (or Tên xã), Tên CLB, Thôn/tổ dân phố, "
				"Ngày thành lập, Số quyết định, Ngày quyết định, Chương trình/Dự án, Trạng thái, Nơi sinh hoạt, "
				"Người liên hệ, Số điện thoại."));
	html(&b, "</p><p>");
	if (kind == IMPORT_TRAININGS || kind == IMPORT_VISITS)
		html_txt(&b, tr(r, "Mọi dòng được kiểm tra trước bằng chính các quy tắc của trang ghi tay (đơn vị trong phạm vi của "
				   "bạn, ngày hợp lệ, ngày kết thúc không trước ngày bắt đầu…); chưa có gì được nhập cho tới khi bạn "
				   "xem kết quả và bấm Nhập, và chỉ nhập khi không còn lỗi nào: tất cả các dòng, hoặc không dòng nào. "
				   "Dòng đã có (nhập lại cùng một tệp) được bỏ qua.",
				"Every row is first checked with the rules of the form (a unit within your scope, valid dates, an end "
				"not before the start…); nothing is loaded until you have seen the check and pressed Import, and only "
				"when no problem is left: every row, or none. Rows already there (the same file again) are skipped."));
	else if (kind == IMPORT_PLANS)
		html_txt(&b, tr(r, "Mọi dòng được kiểm tra trước bằng chính các quy tắc của trang kế hoạch; chưa có gì được nhập cho "
				   "tới khi bạn xem kết quả và bấm Nhập, và chỉ nhập khi không còn lỗi nào: tất cả các tỉnh, hoặc không tỉnh nào.",
				"Every row is first checked with the plan page's own rules; nothing is loaded until you have seen the check "
				"and pressed Import, and only when no problem is left: every province, or none."));
	else if (kind == IMPORT_REPORTS)
		html_txt(&b, tr(r, "Mọi dòng được kiểm tra trước bằng chính các quy tắc của báo cáo tháng (số dự họp không quá số "
				   "thành viên, dư nợ khớp với tháng trước…); chưa có gì được nhập cho tới khi bạn xem kết quả và bấm "
				   "Nhập, và chỉ nhập khi không còn lỗi nào: tất cả các tháng, hoặc không tháng nào.",
				"Every row is first checked with the monthly report's own rules (attendance not above members, loans "
				"outstanding matching last month…); nothing is loaded until you have seen the check and pressed "
				"Import, and only when no problem is left: every month, or none."));
	else
		html_txt(&b, tr(r, "Mọi dòng được kiểm tra trước; chưa có gì được nhập cho tới khi bạn xem kết quả kiểm tra và bấm Nhập. "
				   "Người đã có trong sổ (cùng họ tên và năm sinh) được bỏ qua, nên nhập lại cùng một tệp không tạo bản trùng.",
				"Every row is checked first; nothing is loaded until you have seen the check and pressed Import. People "
				"already on the book (same name and birth year) are skipped, so importing a file twice creates no duplicates."));
	html(&b, "</p>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

typedef struct ClubOpts {
	Req *r;
	Buf *b;
	int n;
} ClubOpts;

static void club_option(const Club *c, void *arg)
{
	ClubOpts *o = arg;
	html(o->b, "<li><a href=\"/imports/new?kind=members&amp;club=");
	html_int(o->b, c->id);
	html(o->b, "\">");
	html_txt(o->b, c->name);
	html(o->b, "</a> (");
	html_txt(o->b, c->code);
	html(o->b, ", ");
	html_txt(o->b, c->unit_name);
	html(o->b, ")</li>");
	o->n++;
}

/* Members need a club: list the clubs in scope to choose from. */
static HandlerResult choose_club_page(Req *r)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, kind_title(r, IMPORT_MEMBERS));
	html(&b, "<p>");
	html_txt(&b, tr(r, "Chọn câu lạc bộ sẽ nhận danh sách thành viên:", "Choose the club the members join:"));
	html(&b, "</p><ul>");
	ClubOpts o = {r, &b, 0};
	ClubFilter f = {0};
	int64_t total = club_list(r->db, &r->actor, &f, 0, FORM_CLUBS, club_option, &o);
	html(&b, "</ul>");
	if (total < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	if (!o.n) {
		html(&b, "<p>");
		html_txt(&b, tr(r, "Chưa có CLB nào trong phạm vi của bạn.", "There are no clubs in your scope yet."));
		html(&b, "</p>");
	} else if (total > o.n) {
		html(&b, "<p>");
		html_trf(r, &b, "Chỉ hiện %d CLB đầu: mở trang của CLB để nhập.", "Only the first %d clubs are shown: open the club's page to import.",
			  o.n);
		html(&b, "</p>");
	}
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* The club of ?club= / club= (an id, or a code), in the actor's scope: 1, 0 (answered), -1. */
static int club_param(Req *r, const char *v, Club *c)
{
	int have = club_find(r->db, &r->actor, v, c);
	if (have < 0)
		return -1;
	if (!have)
		resp_error(r, E_NOT_FOUND, NULL, NULL);
	return have;
}

HandlerResult web_import_form(Req *r)
{
	const char *k = req_query(r, "kind");
	ImportKind kind = k && *k ? import_kind_parse(k) : IMPORT_MEMBERS;
	if (!kind)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	if (!may_import(&r->actor, kind))
		return resp_error(r, E_FORBIDDEN, NULL, NULL);
	if (kind != IMPORT_MEMBERS)
		return form_page(r, 200, kind, NULL, NULL, NULL);
	const char *cv = req_query(r, "club");
	if (!cv || !*cv) {
		if (r->actor.role != ROLE_CLUB)
			return choose_club_page(r);
		cv = r->actor.scope;
	}
	Club c;
	int have = club_param(r, cv, &c);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	return form_page(r, 200, kind, &c, NULL, NULL);
}

HandlerResult web_import_upload(Req *r)
{
	ImportKind kind = import_kind_parse(req_form(r, "kind"));
	if (!kind)
		kind = IMPORT_MEMBERS;
	if (!may_import(&r->actor, kind))
		return resp_error(r, E_FORBIDDEN, NULL, NULL);
	Club c = {0};
	if (kind == IMPORT_MEMBERS) {
		const char *cv = req_form(r, "club");
		if ((!cv || !*cv) && r->actor.role == ROLE_CLUB)
			cv = r->actor.scope;
		if (!cv || !*cv)
			return resp_error(r, E_REQUIRED, "club", NULL);
		int have = club_param(r, cv, &c);
		if (have <= 0)
			return have < 0 ? H_FATAL : H_ERROR;
	}
	const Club *club = kind == IMPORT_MEMBERS ? &c : NULL;
	size_t nup = 0;
	const Upload *ups = r->multipart ? multipart_uploads(r->multipart, &nup) : NULL;
	const Upload *up = NULL;
	for (size_t i = 0; i < nup && !up; i++)
		if (strcmp(ups[i].name, "file") == 0)
			up = &ups[i];
	Err e = {0};
	if (!up || (!up->size && (!up->filename || !*up->filename))) {
		err_set(&e, E_REQUIRED, "file");
		return form_page(r, 422, kind, club, &e, NULL);
	}
	size_t len = 0;
	unsigned char *data = import_read_file(up->path, &len, &e);
	if (!data)
		return e.code == E_TOO_LARGE ? form_page(r, 413, kind, club, &e, NULL) : H_FATAL;
	const char *name = up->filename && *up->filename ? up->filename : "tep";
	const char *slash = strrchr(name, '/'), *bslash = strrchr(name, '\\');
	if (bslash && (!slash || bslash > slash))
		slash = bslash;
	if (slash)
		name = slash + 1;
	ImportResult res;
	HandlerResult h;
	if (import_check(r->db, &r->actor, kind, c.id, data, len, name, &res, &e) != 0) {
		h = e.code == E_TOO_LARGE ? form_page(r, 413, kind, club, &e, NULL)
		    : e.code == E_INTERNAL ? H_FATAL
					    : resp_err(r, &e);
	} else if (!res.nitems && res.nproblems) {
		/* Nothing readable: say so on the form; nothing is kept. */
		h = form_page(r, 422, kind, club, NULL, &res);
	} else {
		int64_t id = import_save(r->db, &r->actor, kind, c.id, name, data, len, &res, &e);
		if (id < 0) {
			h = resp_err(r, &e);
		} else {
			char loc[64];
			snprintf(loc, sizeof loc, "/imports/%lld", (long long)id);
			h = resp_redirect(r, loc);
		}
	}
	import_result_free(&res);
	free(data);
	return h;
}

static const char *household_label(Req *r, const char *h)
{
	if (strcmp(h, "poor") == 0)
		return tr(r, "Nghèo", "Poor");
	if (strcmp(h, "near_poor") == 0)
		return tr(r, "Cận nghèo", "Near-poor");
	return "";
}

static void status_cell(Req *r, Buf *b, const ImportItem *it)
{
	page_td(b, tr(r, "Kết quả kiểm tra", "Check"), NULL);
	if (it->status == IMPORT_ROW_BAD)
		html_txt(b, tr(r, "Có lỗi", "Has problems"));
	else if (it->status == IMPORT_ROW_EXISTING)
		html_txt(b, tr(r, "Đã có, bỏ qua", "Already there, skipped"));
	else
		html_txt(b, tr(r, "Mới", "New"));
	html(b, "</td>");
}


/* The text of a data row's cell in the column recognised as field (for rows with problems). */
static const char *raw_of(const ImportResult *res, size_t row, const char *field)
{
	size_t col = 0;
	for (size_t i = 0; i < res->ncolumns && !col; i++)
		if (strcmp(res->columns[i].field, field) == 0)
			col = res->columns[i].col;
	for (size_t i = 0; col && i < res->nraw; i++)
		if (res->raw[i].row == row)
			return col <= res->raw[i].ncells ? res->raw[i].cells[col - 1].text : "";
	return "";
}

/* "01/2024" */
static const char *month_shown(const char *period, char out[16])
{
	if (strlen(period) == 7)
		snprintf(out, 16, "%.2s/%.4s", period + 5, period);
	else
		snprintf(out, 16, "%s", "");
	return out;
}

static void report_rows(Req *r, Buf *b, const ImportResult *res)
{
	static const char *const steps[][2] = {{"Nháp", "Draft"}, {"Đã nộp", "Submitted"}, {"Đã duyệt", "Approved"}};
	page_th(b, tr(r, "Dòng", "Row"));
	page_th(b, tr(r, "Mã CLB", "Club code"));
	page_th(b, tr(r, "Tên CLB", "Club"));
	page_th(b, tr(r, "Tháng", "Month"));
	page_th(b, tr(r, "Nhập là", "Imported as"));
	page_th(b, tr(r, "Số chỉ tiêu có số liệu", "Indicators given"));
	page_th(b, tr(r, "Kết quả kiểm tra", "Check"));
	html(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < res->nitems && i < PREVIEW_ROWS; i++) {
		const ImportItem *it = &res->items[i];
		const ImportReport *m = it->report;
		char month[16], n[16];
		html(b, "<tr>");
		page_td(b, tr(r, "Dòng", "Row"), "nowrap");
		html_int(b, (int64_t)it->row);
		html(b, "</td>");
		page_cell(b, tr(r, "Mã CLB", "Club code"), "nowrap", m && m->club_code[0] ? m->club_code : raw_of(res, it->row, "club_code"));
		page_cell(b, tr(r, "Tên CLB", "Club"), NULL, m ? m->club_name : "");
		page_cell(b, tr(r, "Tháng", "Month"), "nowrap",
			  m && m->period[0] ? month_shown(m->period, month) : raw_of(res, it->row, "period"));
		int step = m && m->step >= 0 && m->step <= 2 ? m->step : 1;
		page_cell(b, tr(r, "Nhập là", "Imported as"), NULL, tr(r, steps[step][0], steps[step][1]));
		snprintf(n, sizeof n, "%zu", m ? m->nvalues : (size_t)0);
		page_cell(b, tr(r, "Số chỉ tiêu có số liệu", "Indicators given"), "num", n);
		page_td(b, tr(r, "Kết quả kiểm tra", "Check"), NULL);
		html_txt(b, it->status == IMPORT_ROW_BAD ? tr(r, "Có lỗi", "Has problems") : tr(r, "Hợp lệ", "Valid"));
		html(b, "</td></tr>");
	}
	html(b, "</tbody></table></div>");
}

static void sample_table(Req *r, Buf *b, const ImportResult *res)
{
	int members = res->kind == IMPORT_MEMBERS;
	html(b, "<h2 id=\"rows-title\">");
	html_trf(r, b, "Các dòng đầu như hệ thống đọc được (%zu / %zu dòng)", "The first rows as read (%zu of %zu rows)",
		  res->nitems < PREVIEW_ROWS ? res->nitems : (size_t)PREVIEW_ROWS, res->nitems);
	html(b, "</h2><div class=\"scroll\"><table class=\"stack\" aria-labelledby=\"rows-title\"><thead><tr>");
	if (res->kind == IMPORT_REPORTS) {
		report_rows(r, b, res);
		return;
	}
	if (res->kind == IMPORT_PLANS) {
		web_plan_import_rows(r, b, res, PREVIEW_ROWS);
		return;
	}
	if (res->kind == IMPORT_TRAININGS || res->kind == IMPORT_VISITS) {
		web_work_import_rows(r, b, res, PREVIEW_ROWS);
		return;
	}
	static const char *const member_heads[][2] = {{"Họ và tên", "Full name"}, {"Giới tính", "Sex"}, {"Năm sinh", "Born"},
						      {"Dân tộc", "Ethnicity"}, {"Hộ", "Household"}, {"Điện thoại", "Phone"},
						      {"Thôn, xóm", "Village"}};
	static const char *const club_heads[][2] = {{"Tên CLB", "Club"}, {"Xã", "Commune"}, {"Thôn/tổ dân phố", "Village"},
						    {"Ngày thành lập", "Founded"}, {"Chương trình", "Programme"}};
	const char *const(*heads)[2] = members ? member_heads : club_heads;
	size_t nheads = members ? sizeof member_heads / sizeof *member_heads : sizeof club_heads / sizeof *club_heads;
	page_th(b, tr(r, "Dòng", "Row"));
	for (size_t i = 0; i < nheads; i++)
		page_th(b, tr(r, heads[i][0], heads[i][1]));
	page_th(b, tr(r, "Kết quả kiểm tra", "Check"));
	html(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < res->nitems && i < PREVIEW_ROWS; i++) {
		const ImportItem *it = &res->items[i];
		html(b, "<tr>");
		page_td(b, tr(r, "Dòng", "Row"), "nowrap");
		html_int(b, (int64_t)it->row);
		html(b, "</td>");
		if (members) {
			const Member *m = it->member;
			char year[16] = "", d[VI_DATE_BUFSZ];
			if (m && m->birth_date[0] && vi_format_date(m->birth_date, d))
				snprintf(year, sizeof year, "%s", d);
			else if (m)
				snprintf(year, sizeof year, "%d", m->birth_year);
			page_cell(b, tr(r, "Họ và tên", "Full name"), NULL, m ? m->full_name : raw_of(res, it->row, "full_name"));
			page_cell(b, tr(r, "Giới tính", "Sex"), NULL, !m ? "" : m->sex[0] == 'F' ? tr(r, "Nữ", "Female") : tr(r, "Nam", "Male"));
			page_cell(b, tr(r, "Năm sinh", "Born"), NULL, year);
			page_cell(b, tr(r, "Dân tộc", "Ethnicity"), NULL, m ? m->ethnicity : "");
			page_cell(b, tr(r, "Hộ", "Household"), NULL, m ? household_label(r, m->household) : "");
			page_cell(b, tr(r, "Điện thoại", "Phone"), NULL, m ? m->phone : "");
			page_cell(b, tr(r, "Thôn, xóm", "Village"), NULL, m ? m->village : "");
		} else {
			const ImportClub *c = it->club;
			char d[VI_DATE_BUFSZ];
			page_cell(b, tr(r, "Tên CLB", "Club"), NULL, c && c->name[0] ? c->name : raw_of(res, it->row, "name"));
			page_cell(b, tr(r, "Xã", "Commune"), NULL, c ? c->unit_name : "");
			page_cell(b, tr(r, "Thôn/tổ dân phố", "Village"), NULL, c ? c->village : "");
			page_cell(b, tr(r, "Ngày thành lập", "Founded"), NULL, c && c->founded_on[0] && vi_format_date(c->founded_on, d) ? d : "");
			page_cell(b, tr(r, "Chương trình", "Programme"), NULL, c ? c->programme_code : "");
		}
		status_cell(r, b, it);
		html(b, "</tr>");
	}
	html(b, "</tbody></table></div>");
}

static void columns_list(Req *r, Buf *b, const ImportResult *res)
{
	char col[4];
	html(b, "<details><summary>");
	html_trf(r, b, "Các cột đã nhận ra (dòng tiêu đề %zu)", "Columns recognised (heading row %zu)", res->header_row);
	html(b, "</summary><ul>");
	for (size_t i = 0; i < res->ncolumns; i++) {
		table_col_name(res->columns[i].col, col);
		html(b, "<li>");
		html_txtf(b, "%s: %s", col, res->columns[i].heading);
		html(b, "</li>");
	}
	html(b, "</ul>");
	if (res->nignored) {
		html(b, "<p>");
		html_txt(b, tr(r, "Cột không dùng đến:", "Columns not used:"));
		html(b, "</p><ul>");
		for (size_t i = 0; i < res->nignored; i++) {
			table_col_name(res->ignored[i].col, col);
			html(b, "<li>");
			html_txtf(b, "%s: %s", col, res->ignored[i].heading);
			html(b, "</li>");
		}
		html(b, "</ul>");
	}
	html(b, "</details>");
	if (res->nskipped) {
		html(b, "<p>");
		html_txt(b, tr(r, "Các dòng bỏ qua vì không phải một dòng của danh sách (dòng tổng cộng, chữ ký, ghi chú dưới bảng): ",
			       "Rows skipped as not part of the list (totals, signatures, notes under the table): "));
		for (size_t i = 0; i < res->nskipped && i < 50; i++)
			html_txtf(b, "%s%zu", i ? ", " : "", res->skipped[i]);
		if (res->nskipped > 50)
			html(b, ", …");
		html(b, ".</p>");
	}
}

/* The link to the upload form for another file of the same kind (and club). */
static void another_file(Req *r, Buf *b, const ImportUpload *u)
{
	html(b, "<p><a href=\"/imports/new?kind=");
	html_attr(b, import_kind_name(u->kind));
	if (u->kind == IMPORT_MEMBERS) {
		html(b, "&amp;club=");
		html_int(b, u->club_id);
	}
	html(b, "\">");
	html_txt(b, tr(r, "Tải lên tệp khác", "Upload another file"));
	html(b, "</a></p>");
}

static HandlerResult show_page(Req *r, int status, const ImportUpload *u, const ImportResult *res, const Club *club)
{
	Buf b;
	buf_init(&b, 0);
	int committed = strcmp(u->status, "committed") == 0;
	int members = u->kind == IMPORT_MEMBERS, reports = u->kind == IMPORT_REPORTS;
	int trainings = u->kind == IMPORT_TRAININGS, visits = u->kind == IMPORT_VISITS;
	page_begin(r, &b, committed ? tr(r, "Đã nhập tệp", "File imported") : tr(r, "Kiểm tra tệp trước khi nhập", "Check before importing"));
	if (req_query(r, "done") && committed) {
		char msg[300];
		int en = strcmp(r->lang, "en") == 0;
		long long loaded = (long long)u->loaded, existing = (long long)u->existing;
		if (reports && en)
			snprintf(msg, sizeof msg, "Loaded %lld monthly reports: the totals of every level include them now.", loaded);
		else if (reports)
			snprintf(msg, sizeof msg, "Đã nhập %lld báo cáo tháng: số tổng hợp ở mọi cấp đã tính cả các tháng này.", loaded);
		else if (trainings && en)
			snprintf(msg, sizeof msg, "Loaded %lld training courses; %lld already there were skipped.", loaded, existing);
		else if (trainings)
			snprintf(msg, sizeof msg, "Đã nhập %lld lớp tập huấn; %lld lớp đã có nên được bỏ qua.", loaded, existing);
		else if (visits && en)
			snprintf(msg, sizeof msg, "Loaded %lld visits; %lld already there were skipped.", loaded, existing);
		else if (visits)
			snprintf(msg, sizeof msg, "Đã nhập %lld chuyến giám sát, hỗ trợ; %lld chuyến đã có nên được bỏ qua.", loaded, existing);
		else if (members && en)
			snprintf(msg, sizeof msg, "Loaded %lld members; %lld already on the book were skipped.", loaded, existing);
		else if (members)
			snprintf(msg, sizeof msg, "Đã nhập %lld thành viên; %lld người đã có trong sổ nên được bỏ qua.", loaded, existing);
		else if (en)
			snprintf(msg, sizeof msg, "Loaded %lld clubs; %lld already there were skipped.", loaded, existing);
		else
			snprintf(msg, sizeof msg, "Đã nhập %lld CLB; %lld CLB đã có nên được bỏ qua.", loaded, existing);
		page_notice(&b, msg);
	}
	html(&b, "<dl class=\"facts\">");
	page_fact_txt(&b, tr(r, "Tệp", "File"), u->filename);
	page_fact(&b, tr(r, "Nhập vào", "Into"));
	if (members && club) {
		page_link(&b, "/clubs/", club->id, club->name);
		html(&b, " (");
		html_txt(&b, club->code);
		html(&b, ")");
	} else if (members) {
		html_txt(&b, tr(r, "Thành viên của một CLB", "A club's members"));
	} else if (reports) {
		html_txt(&b, tr(r, "Báo cáo tháng của các CLB", "Clubs' monthly reports"));
	} else if (trainings) {
		html_txt(&b, tr(r, "Các lớp tập huấn", "Training courses"));
	} else if (visits) {
		html_txt(&b, tr(r, "Các chuyến giám sát, hỗ trợ kỹ thuật", "Monitoring and support visits"));
	} else if (u->kind == IMPORT_PLANS) {
		html_txt(&b, tr(r, "Kế hoạch của các tỉnh", "Province plans"));
	} else {
		html_txt(&b, tr(r, "Danh sách CLB", "The list of clubs"));
	}
	html(&b, "</dd>");
	page_fact(&b, tr(r, "Tải lên", "Uploaded"));
	page_date(&b, u->created_at, "");
	html(&b, "</dd>");
	if (committed) {
		page_fact(&b, tr(r, "Đã nhập", "Imported"));
		page_date(&b, u->committed_at, "");
		html(&b, "</dd>");
		page_fact(&b, tr(r, "Kết quả", "Result"));
		if (reports)
			html_trf(r, &b, "%lld báo cáo tháng đã nhập", "%lld monthly reports loaded", (long long)u->loaded);
		else
			html_trf(r, &b, "%lld dòng mới, %lld dòng đã có nên bỏ qua", "%lld rows loaded, %lld already there and skipped",
				  (long long)u->loaded, (long long)u->existing);
		html(&b, "</dd>");
	}
	html(&b, "</dl>");
	if (committed) {
		html(&b, "<p>");
		if (members && club) {
			html(&b, "<a class=\"button\" href=\"/clubs/");
			html_int(&b, club->id);
			html(&b, "/members\">");
			html_txt(&b, tr(r, "Xem danh sách thành viên", "See the members"));
			html(&b, "</a> ");
		} else if (trainings || visits) {
			html(&b, "<a class=\"button\" href=\"");
			html_attr(&b, trainings ? "/trainings" : "/visits");
			html(&b, "\">");
			html_txt(&b, trainings ? tr(r, "Xem các lớp tập huấn", "See the training courses")
					       : tr(r, "Xem các chuyến giám sát", "See the visits"));
			html(&b, "</a> ");
		} else if (u->kind == IMPORT_PLANS) {
			html(&b, "<a class=\"button\" href=\"/plans\">");
			html_txt(&b, tr(r, "Xem kế hoạch của các tỉnh", "See the province plans"));
			html(&b, "</a> ");
		} else if (reports) {
			html(&b, "<a class=\"button\" href=\"/imports/new?kind=reports\">");
			html_txt(&b, tr(r, "Nhập tệp báo cáo khác", "Import another reports file"));
			html(&b, "</a> ");
		} else if (!members) {
			html(&b, "<a class=\"button\" href=\"/clubs\">");
			html_txt(&b, tr(r, "Xem danh sách CLB", "See the clubs"));
			html(&b, "</a> ");
		}
		html(&b, "</p>");
		page_end(r, &b);
		return resp_html(r, status, &b);
	}

	if (!u->data) {
		html(&b, "<div class=\"error\" role=\"alert\"><p>");
		html_trf(r, &b, "Tệp này đã được tải lên hơn %d ngày mà chưa nhập nên không còn được lưu. Hãy tải lên lại.",
		     "This file was uploaded more than %d days ago and not imported, so it is no longer kept. Upload it again.",
		     IMPORT_KEEP_DAYS);
		html(&b, "</p></div>");
		another_file(r, &b, u);
		page_end(r, &b);
		return resp_html(r, status, &b);
	}

	/* The summary people look for first: "62 dòng: 59 hợp lệ, 3 có lỗi". */
	html(&b, "<p class=\"lead\" id=\"summary\"><strong>");
	html_trf(r, &b, "%zu dòng: %zu hợp lệ, %zu có lỗi", "%zu rows: %zu valid, %zu with problems", res->nitems,
		  res->nitems - res->bad_rows, res->bad_rows);
	html(&b, "</strong>");
	if (res->existing) {
		html(&b, " ");
		if (members)
			html_trf(r, &b, "(%zu người đã có trong sổ, sẽ bỏ qua)", "(%zu already on the book, to be skipped)", res->existing);
		else if (trainings || visits)
			html_trf(r, &b, "(%zu dòng đã có, sẽ bỏ qua)", "(%zu rows already there, to be skipped)", res->existing);
		else
			html_trf(r, &b, "(%zu CLB đã có, sẽ bỏ qua)", "(%zu clubs already there, to be skipped)", res->existing);
	}
	html(&b, "</p>");
	char href[96];
	snprintf(href, sizeof href, "/imports/%lld/problems.xlsx", (long long)u->id);
	if (import_errors(res)) {
		html(&b, "<div class=\"error\" role=\"alert\"><p>");
		html_txt(&b, tr(r, "Chưa nhập gì. Hãy sửa các lỗi dưới đây trong tệp Excel rồi tải lên lại: cả danh sách chỉ được "
				   "nhập khi không còn lỗi nào.",
				"Nothing has been loaded. Fix the problems below in the file and upload it again: the list is "
				"loaded only when no problem is left."));
		html(&b, "</p><p><a href=\"");
		html_attr(&b, href);
		html(&b, "\">");
		html_txt(&b, tr(r, "Tải tệp Excel có đánh dấu các ô lỗi", "Download the Excel file with the bad cells marked"));
		html(&b, "</a></p></div>");
		problems_table(r, &b, res, 0);
	} else if (!res->fresh) {
		html(&b, "<div class=\"notice\" role=\"status\"><p>");
		html_txt(&b, trainings || visits ? tr(r, "Không có dòng mới: mọi dòng trong tệp đã có.",
						      "Nothing new: every row of the file is there already.")
			     : members ? tr(r, "Không có thành viên mới: mọi người trong tệp đã có trong sổ.",
					  "No new members: everyone in the file is on the book already.")
				     : tr(r, "Không có CLB mới: mọi CLB trong tệp đã có.", "No new clubs: every club in the file exists already."));
		html(&b, "</p></div>");
	} else {
		char action[64];
		snprintf(action, sizeof action, "/imports/%lld/commit", (long long)u->id);
		form_post_begin(r, &b, NULL, action, NULL);
		html(&b, "<p>");
		html_txt(&b, tr(r, "Không có lỗi. Bấm nút dưới đây để nhập tất cả trong một lần.",
				"No problems. Press the button below to load them all at once."));
		html(&b, "</p><button type=\"submit\" class=\"primary\">");
		if (reports)
			html_trf(r, &b, "Nhập %zu báo cáo tháng", "Import %zu monthly reports", res->fresh);
		else if (members)
			html_trf(r, &b, "Nhập %zu thành viên", "Import %zu members", res->fresh);
		else if (trainings)
			html_trf(r, &b, "Nhập %zu lớp tập huấn", "Import %zu training courses", res->fresh);
		else if (visits)
			html_trf(r, &b, "Nhập %zu chuyến giám sát, hỗ trợ", "Import %zu visits", res->fresh);
		else
			html_trf(r, &b, "Nhập %zu CLB", "Import %zu clubs", res->fresh);
		html(&b, "</button></form>");
	}
	if (res->nwarnings) {
		problems_table(r, &b, res, 1);
		if (!import_errors(res)) {
			html(&b, "<p><a href=\"");
			html_attr(&b, href);
			html(&b, "\">");
			html_txt(&b, tr(r, "Tải tệp Excel có đánh dấu các ô cần xem lại", "Download the Excel file with the cells to look at marked"));
			html(&b, "</a></p>");
		}
	}
	if (res->nitems)
		sample_table(r, &b, res);
	if (res->header_row)
		columns_list(r, &b, res);
	another_file(r, &b, u);
	page_end(r, &b);
	return resp_html(r, status, &b);
}

/* The upload of path {id} (the uploader's own, or any for an administrator): 1, 0 (answered 404), -1. */
static int upload_param(Req *r, ImportUpload *u)
{
	int have = import_get(r->db, &r->actor, req_param_id(r, "id"), u);
	if (have == 0)
		resp_error(r, E_NOT_FOUND, NULL, NULL);
	return have;
}

static HandlerResult show(Req *r, int status, const ImportUpload *u, ImportResult *res, const Err *check_err)
{
	Club club = {0};
	int have_club = u->kind == IMPORT_MEMBERS && club_get(r->db, &r->actor, u->club_id, &club) == 1;
	if (u->kind == IMPORT_MEMBERS && !have_club)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	if (check_err && check_err->code)
		return resp_err(r, check_err);
	return show_page(r, status, u, res, have_club ? &club : NULL);
}

HandlerResult web_import_show(Req *r)
{
	ImportUpload u;
	int have = upload_param(r, &u);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	ImportResult res;
	memset(&res, 0, sizeof res);
	Err e = {0};
	if (u.data && import_check(r->db, &r->actor, u.kind, u.club_id, u.data, u.len, u.filename, &res, &e) != 0 &&
	    e.code == E_INTERNAL) {
		import_upload_free(&u);
		return H_FATAL;
	}
	HandlerResult h = show(r, 200, &u, &res, &e);
	import_result_free(&res);
	import_upload_free(&u);
	return h;
}

HandlerResult web_import_commit(Req *r)
{
	ImportUpload u;
	int have = upload_param(r, &u);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	import_upload_free(&u);
	ImportResult res;
	Err e = {0};
	int rc = import_commit(r->db, &r->actor, u.id, &res, &e);
	char loc[64];
	HandlerResult h;
	if (rc == 0 || rc == 1) {
		snprintf(loc, sizeof loc, rc == 0 ? "/imports/%lld?done=1" : "/imports/%lld", (long long)u.id);
		h = resp_redirect(r, loc);
	} else if (e.code == E_INVALID) {
		/* The book changed since the preview, or the file did not pass: show why, change nothing. */
		int again = import_get(r->db, &r->actor, u.id, &u);
		Err none = {0};
		h = again == 1 ? show(r, 422, &u, &res, &none) : H_FATAL;
		import_upload_free(&u);
	} else {
		h = e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	}
	import_result_free(&res);
	return h;
}

HandlerResult web_import_problems(Req *r)
{
	ImportUpload u;
	int have = upload_param(r, &u);
	if (have <= 0)
		return have < 0 ? H_FATAL : H_ERROR;
	if (!u.data) {
		import_upload_free(&u);
		return resp_error(r, E_NOT_FOUND, NULL,
				  tr(r, "Tệp đã được nhập nên không còn lưu.", "The file was imported and is no longer kept."));
	}
	ImportResult res;
	Err e = {0};
	if (import_check(r->db, &r->actor, u.kind, u.club_id, u.data, u.len, u.filename, &res, &e) != 0) {
		import_result_free(&res);
		import_upload_free(&u);
		return e.code == E_INTERNAL ? H_FATAL : resp_err(r, &e);
	}
	import_upload_free(&u);
	char path[4096];
	snprintf(path, sizeof path, "%s/ishc-problems-XXXXXX", server_config()->tmpdir);
	int fd = mkstemp(path);
	char err[200] = "";
	int ok = fd >= 0 && import_problems_xlsx(&res, r->lang, path, err, sizeof err) == 0;
	import_result_free(&res);
	if (fd >= 0)
		close(fd);
	int out = ok ? open(path, O_RDONLY) : -1;
	if (fd >= 0)
		unlink(path);
	struct stat st;
	if (out < 0 || fstat(out, &st) != 0) {
		if (out >= 0)
			close(out);
		return H_FATAL;
	}
	return resp_file(r, out, (uint64_t)st.st_size, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			 "danh-sach-loi.xlsx");
}

/* ---- the reports template ---- */

typedef struct TemplateInds {
	Indicator *v;
	size_t n, cap;
	int failed;
} TemplateInds;

static void template_ind(const Indicator *in, void *arg)
{
	TemplateInds *t = arg;
	if (t->failed || strcmp(in->source, "members") == 0)
		return;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 48;
		Indicator *p = realloc(t->v, cap * sizeof *p);
		if (!p) {
			t->failed = 1;
			return;
		}
		t->v = p;
		t->cap = cap;
	}
	t->v[t->n++] = *in;
}

typedef struct TemplateClubs {
	Xlsx *x;
	size_t ncols;
	int n;
} TemplateClubs;

static void template_club(const Club *c, void *arg)
{
	TemplateClubs *t = arg;
	xlsx_int(t->x, ++t->n);
	xlsx_text(t->x, c->code);
	xlsx_text(t->x, c->name);
	for (size_t k = 3; k < t->ncols; k++)
		xlsx_blank(t->x);
	xlsx_row_end(t->x);
}

/* GET /imports/reports-template.xlsx: a sheet headed by the typed indicators of the catalogue in
 * force (label and code), a row for each club in the user's scope to fill, and a sheet of the
 * indicators' definitions and rules. */
HandlerResult web_import_template(Req *r)
{
	if (!may_import(&r->actor, IMPORT_REPORTS))
		return resp_error(r, E_FORBIDDEN, NULL, NULL);
	TemplateInds t = {0};
	if (indicator_list(r->db, 0, template_ind, &t) < 0 || t.failed) {
		free(t.v);
		return H_FATAL;
	}
	enum { FIXED = 4 };
	size_t nind = t.n + FIXED + 1 > XLSX_MAX_COLS ? XLSX_MAX_COLS - FIXED - 1 : t.n;
	XlsxColumn cols[XLSX_MAX_COLS];
	char (*heads)[INDICATOR_LABEL_MAX + INDICATOR_CODE_MAX + 8] = calloc(nind ? nind : 1, sizeof *heads);
	if (!heads) {
		free(t.v);
		return H_FATAL;
	}
	int en = strcmp(r->lang, "en") == 0;
	cols[0] = (XlsxColumn){"STT", 6, XLSX_NUMBER};
	cols[1] = (XlsxColumn){"Mã CLB", 12, XLSX_TEXT};
	cols[2] = (XlsxColumn){"Tên CLB", 36, XLSX_TEXT};
	cols[3] = (XlsxColumn){"Tháng (YYYY-MM)", 14, XLSX_TEXT};
	for (size_t i = 0; i < nind; i++) {
		const Indicator *in = &t.v[i];
		snprintf(heads[i], sizeof heads[i], "%s (%s)", en ? in->label_en : in->label_vi, in->code);
		cols[FIXED + i] = (XlsxColumn){heads[i], 18, strcmp(in->kind, "money") == 0 ? XLSX_AMOUNT : XLSX_NUMBER};
	}
	cols[FIXED + nind] = (XlsxColumn){"Trạng thái", 14, XLSX_TEXT};
	int ncols = (int)(FIXED + nind + 1);

	char path[4096];
	snprintf(path, sizeof path, "%s/ishc-template-XXXXXX", server_config()->tmpdir);
	int fd = mkstemp(path);
	if (fd < 0) {
		free(heads);
		free(t.v);
		return H_FATAL;
	}
	close(fd);
	Xlsx *x = xlsx_create(path, server_config()->tmpdir, tr(r, "Mẫu nhập báo cáo tháng", "Monthly reports import template"));
	xlsx_sheet(x, tr(r, "Báo cáo tháng", "Monthly reports"), tr(r, "Báo cáo tháng của CLB — mẫu nhập", "Clubs' monthly reports — import template"),
		   tr(r, "Mỗi dòng một CLB và một tháng. Ô trống là không có số liệu. Trạng thái: nháp, đã nộp (để trống), đã duyệt. "
			 "Xóa các dòng không dùng hoặc để trống cột Tháng.",
		      "One row per club and month. An empty cell gives no value. Status: nháp (draft), đã nộp (submitted, the "
		      "default), đã duyệt (approved). Delete unused rows or leave their month empty."),
		   cols, ncols);
	TemplateClubs tc = {x, (size_t)ncols, 0};
	ClubFilter f = {0};
	int64_t total = club_list(r->db, &r->actor, &f, 0, FORM_CLUBS, template_club, &tc);
	/* The definitions, so the people filling it in read what each figure means. */
	XlsxColumn dcols[] = {{tr(r, "Mã", "Code"), 18, XLSX_TEXT},
			      {tr(r, "Chỉ tiêu", "Indicator"), 40, XLSX_TEXT},
			      {tr(r, "Loại", "Kind"), 10, XLSX_TEXT},
			      {tr(r, "Định nghĩa", "Definition"), 80, XLSX_TEXT},
			      {tr(r, "Kiểm tra", "Check"), 40, XLSX_TEXT}};
	xlsx_sheet(x, tr(r, "Chỉ tiêu", "Indicators"), tr(r, "Danh mục chỉ tiêu hiện hành", "The catalogue in force"), NULL, dcols, 5);
	for (size_t i = 0; i < nind; i++) {
		const Indicator *in = &t.v[i];
		xlsx_text(x, in->code);
		xlsx_text(x, en ? in->label_en : in->label_vi);
		xlsx_text(x, strcmp(in->kind, "money") == 0 ? tr(r, "đồng", "đồng") : strcmp(in->kind, "yesno") == 0 ? tr(r, "có/không", "yes/no") : tr(r, "số", "count"));
		xlsx_text(x, !en && in->definition_vi[0] ? in->definition_vi : in->definition_en);
		xlsx_text(x, in->check);
		xlsx_row_end(x);
	}
	free(heads);
	free(t.v);
	XlsxStatus xs = xlsx_close(x);
	int out = total >= 0 && xs == XLSX_OK ? open(path, O_RDONLY) : -1;
	unlink(path);
	struct stat st;
	if (out < 0 || fstat(out, &st) != 0) {
		if (out >= 0)
			close(out);
		return H_FATAL;
	}
	return resp_file(r, out, (uint64_t)st.st_size, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			 "mau-nhap-bao-cao-thang.xlsx");
}
