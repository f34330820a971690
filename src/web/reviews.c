/* The annual review report (issue 9): choose a programme, a year and a unit (/reviews); the
 * printable page (/reviews/{programme}/{year}?unit=), the .docx (…/review.docx), the tasks for next
 * year (…/tasks), the .docx template (/reviews/template). The figures come from core/review.c, the
 * sentences and footnotes from out/review_text.c, the document from out/docx.c. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/import.h"
#include "core/review.h"
#include "core/scope.h"
#include "core/unit.h"
#include "http/server.h"
#include "lib/vi.h"
#include "out/docx.h"
#include "out/review_text.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

static const char *unit_of(Req *r)
{
	const char *u = req_query(r, "unit");
	if (!u)
		u = req_form(r, "unit");
	return u ? u : "";
}

/* A whole number typed in a path or a query (digits only), or 0 when it is not one. */
static int64_t whole(const char *s)
{
	int64_t v = 0;
	return s && vi_parse_int(s, &v) == VI_OK && v > 0 ? v : 0;
}

/* The programme and year of the path: 0, or H_ERROR answered. */
static int path_args(Req *r, int64_t *pid, int *year)
{
	*pid = req_param_id(r, "programme");
	const char *y = req_param(r, "year");
	int64_t yv = whole(y);
	*year = yv <= 9999 ? (int)yv : 0;
	if (*pid <= 0) {
		resp_error(r, E_NOT_FOUND, "programme", NULL);
		return -1;
	}
	if (*year < 2000 || *year > 2100) {
		resp_error(r, E_WORK_YEAR, "year", NULL);
		return -1;
	}
	return 0;
}

static void unit_query(Buf *b, const char *unit, char sep)
{
	if (unit && *unit) {
		buf_putc(b, sep);
		html(b, "unit=");
		html_urlenc(b, unit);
	}
}

/* ---- /reviews: the chooser ---- */

typedef struct Opt {
	Buf *b;
	const char *selected;
} Opt;

static void programme_opt(const ProgrammeInfo *p, void *arg)
{
	Opt *o = arg;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	form_option(o->b, id, p->name, o->selected);
}

static void province_opt(const Unit *u, void *arg)
{
	Opt *o = arg;
	form_option(o->b, u->code, u->name, o->selected);
}

HandlerResult web_reviews(Req *r)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Báo cáo tổng kết năm", "Annual review"));
	html(&b, "<p>");
	html_txt(&b, tr(r, "Báo cáo tổng kết thực hiện Đề án trong năm, tính từ dữ liệu: kế hoạch của các tỉnh, CLB thành lập mới, "
			   "tập huấn, kinh phí, giám sát, khen thưởng. Mỗi số liệu có ghi chú cách tính.",
			"The year's review of a programme, counted from the data: province plans, new clubs, trainings, budgets, "
			"supervision, commendations. Every figure says how it was counted."));
	html(&b, "</p><form method=\"get\" class=\"inline\" action=\"/reviews/open\">");
	Form f = {.r = r, .b = &b};
	ProgrammeInfo cur;
	char today[11];
	unit_today(today);
	char sel[24] = "";
	if (programme_current(r->db, today, &cur) == 1)
		snprintf(sel, sizeof sel, "%lld", (long long)cur.id);
	form_select_begin(&f, "programme", tr(r, "Đề án", "Programme"), 0);
	Opt po = {&b, sel};
	programme_list_kind(r->db, NULL, programme_opt, &po);
	form_select_end(&f, "programme");
	char y[16];
	snprintf(y, sizeof y, "%04u", (unsigned)(strtol(today, NULL, 10) - 1) % 10000u);
	form_input(&f, "year", tr(r, "Năm", "Year"), "number", y, "required min=\"2000\" max=\"2100\" inputmode=\"numeric\"", NULL);
	form_select_begin(&f, "unit", tr(r, "Đơn vị", "Unit"), 0);
	if (review_may_read(r->db, &r->actor, "")) {
		form_option(&b, "", tr(r, "Toàn quốc", "The country"), "");
		Opt uo = {&b, ""};
		UnitFilter uf = {.on = today, .level = UNIT_PROVINCE};
		unit_list(r->db, &uf, 0, 100, province_opt, &uo);
	} else if (r->actor.role == ROLE_PROVINCE) {
		Unit u;
		if (unit_find(r->db, r->actor.scope, today, &u) == 1)
			form_option(&b, u.code, u.name, u.code);
	}
	form_select_end(&f, "unit");
	form_inline_end(&b, NULL, tr(r, "Xem báo cáo", "Open the review"));
	html(&b, "<p><a href=\"/reviews/template");
	if (r->actor.role == ROLE_PROVINCE)
		unit_query(&b, r->actor.scope, '?');
	html(&b, "\">");
	html_txt(&b, tr(r, "Mẫu báo cáo Word (.docx) của đơn vị", "The unit's Word (.docx) template"));
	html(&b, "</a></p>");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* /reviews/open?programme=&year=&unit= (the chooser's form) goes to the review's address. */
HandlerResult web_reviews_open(Req *r)
{
	const char *p = req_query(r, "programme"), *y = req_query(r, "year");
	int64_t pid = whole(p), yv = whole(y);
	int year = yv <= 9999 ? (int)yv : 0;
	if (pid <= 0)
		return resp_error(r, E_REQUIRED, "programme", NULL);
	if (year < 2000 || year > 2100)
		return resp_error(r, E_WORK_YEAR, "year", NULL);
	Buf b;
	buf_init(&b, 0);
	buf_printf(&b, "/reviews/%lld/%d", (long long)pid, year);
	const char *u = unit_of(r);
	if (*u) {
		buf_puts(&b, "?unit=");
		html_urlenc(&b, u);
	}
	HandlerResult h = resp_redirect(r, buf_str(&b));
	buf_free(&b);
	return h;
}

/* Builds the review and its text for the request; 0, or H_ERROR answered. */
static int build(Req *r, ReviewData *d, ReviewText *t)
{
	int64_t pid;
	int year;
	if (path_args(r, &pid, &year) != 0)
		return -1;
	Err e = {0};
	if (review_build(r->db, &r->actor, pid, year, unit_of(r), d, &e) != 0) {
		resp_err(r, &e);
		return -1;
	}
	char today[11];
	unit_today(today);
	if (review_text(d, today, t) != 0) {
		review_free(d);
		resp_error(r, E_INTERNAL, NULL, NULL);
		return -1;
	}
	return 0;
}

HandlerResult web_review_show(Req *r)
{
	ReviewData d;
	ReviewText t;
	if (build(r, &d, &t) != 0)
		return H_ERROR;
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, t.title);
	/* the actions, hidden when printed */
	html(&b, "<p class=\"actions\">");
	Buf q;
	buf_init(&q, 0);
	unit_query(&q, d.unit_code, '?');
	html(&b, "<a class=\"button\" href=\"/reviews/");
	html_txtf(&b, "%lld/%d/review.docx", (long long)d.programme.id, d.year);
	buf_puts(&b, buf_str(&q));
	html(&b, "\">");
	html_txt(&b, tr(r, "Tải về Word (.docx)", "Download Word (.docx)"));
	html(&b, "</a> ");
	if (review_may_edit(r->db, &r->actor, d.unit_code)) {
		html(&b, "<a class=\"button\" href=\"/reviews/");
		html_txtf(&b, "%lld/%d/tasks", (long long)d.programme.id, d.year);
		buf_puts(&b, buf_str(&q));
		html(&b, "\">");
		html_trf(r, &b, "Soạn nhiệm vụ năm %d", "Write the tasks for %d", d.year + 1);
		html(&b, "</a> <a href=\"/reviews/template");
		buf_puts(&b, buf_str(&q));
		html(&b, "\">");
		html_txt(&b, tr(r, "Mẫu Word của đơn vị", "The unit's Word template"));
		html(&b, "</a>");
	}
	html(&b, " <a href=\"/reviews\">");
	html_txt(&b, tr(r, "Chọn báo cáo khác", "Another review"));
	html(&b, "</a></p>");
	buf_free(&q);

	html(&b, "<article class=\"paper review\"><div class=\"review-head\"><div class=\"issuer\"><p>");
	html_txt(&b, t.issuer_parent);
	html(&b, "</p><p class=\"strong\">");
	html_txt(&b, t.issuer);
	html(&b, "</p><p>Số: ");
	html_txt(&b, t.number);
	html(&b, "</p></div><div class=\"nation\"><p class=\"strong\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>"
		 "<p class=\"motto\">Độc lập - Tự do - Hạnh phúc</p><p class=\"dateline\">");
	html_txt(&b, t.dateline);
	html(&b, "</p></div></div><h2 class=\"review-title\">BÁO CÁO<br>");
	html_txt(&b, t.title);
	html(&b, "</h2>");
	int last_ref = 0;
	for (size_t i = 0; i < t.n; i++) {
		const ReviewPara *p = &t.paras[i];
		if (p->kind == RP_HEADING)
			html(&b, "<h3>");
		else if (p->kind == RP_ITEM)
			html(&b, "<p class=\"item\">");
		else
			html(&b, "<p>");
		html_txt(&b, p->text);
		if (p->note && p->note != last_ref)
			buf_printf(&b, "<sup><a href=\"#fn-%d\" id=\"ref-%d\">[%d]</a></sup>", p->note, p->note, p->note);
		else if (p->note)
			buf_printf(&b, "<sup><a href=\"#fn-%d\">[%d]</a></sup>", p->note, p->note);
		if (p->note)
			last_ref = p->note;
		if (p->kind == RP_HEADING)
			html(&b, "</h3>");
		else
			html(&b, "</p>");
	}
	html(&b, "<div class=\"review-foot\"><div class=\"recipients\"><p class=\"strong\"><em>Nơi nhận:</em></p>");
	for (size_t i = 0; i < t.nrecipients; i++) {
		html(&b, "<p>");
		html_txt(&b, t.recipients[i]);
		html(&b, "</p>");
	}
	html(&b, "</div><div class=\"signer\"><p class=\"strong\">");
	for (const char *s = t.signer_title; *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char part[200];
		snprintf(part, sizeof part, "%.*s", (int)n, s);
		html_txt(&b, part);
		if (nl)
			html(&b, "<br>");
		s += n + (nl ? 1 : 0);
	}
	html(&b, "</p><p class=\"sign-space\"><em>(Ký, ghi rõ họ tên, đóng dấu)</em></p></div></div>");
	html(&b, "<section class=\"review-notes\"><h3>");
	html_txt(&b, tr(r, "Cách tính số liệu", "How each figure was counted"));
	html(&b, "</h3><ol>");
	for (size_t i = 0; i < t.nnotes; i++) {
		buf_printf(&b, "<li id=\"fn-%zu\" data-figure=\"%s\">", i + 1, t.notes[i].key);
		html_txt(&b, t.notes[i].text);
		if (t.notes[i].link[0]) {
			html(&b, " <a href=\"");
			html_attr(&b, t.notes[i].link);
			html(&b, "\">");
			html_txt(&b, tr(r, "Xem các bản ghi", "See the records"));
			html(&b, "</a>");
		}
		html(&b, "</li>");
	}
	html(&b, "</ol><p class=\"muted\">");
	char dd[VI_DATE_BUFSZ];
	html_trf(r, &b, "Số liệu tính ngày %s.", "Counted on %s.", vi_format_date(d.as_of, dd) ? dd : d.as_of);
	html(&b, "</p></section></article>");
	page_end(r, &b);
	review_text_free(&t);
	review_free(&d);
	return resp_html(r, 200, &b);
}

static unsigned char *template_for(Req *r, const char *unit, size_t *len, int *builtin)
{
	unsigned char *data = NULL;
	*builtin = 0;
	if (review_template_get(r->db, unit, NULL, &data, len) == 1)
		return data;
	*builtin = 1;
	return NULL;
}

HandlerResult web_review_docx(Req *r)
{
	ReviewData d;
	ReviewText t;
	if (build(r, &d, &t) != 0)
		return H_ERROR;
	size_t tlen = 0;
	int builtin;
	unsigned char *tpl = template_for(r, d.unit_code, &tlen, &builtin);
	char path[512];
	snprintf(path, sizeof path, "%s/ishc-review-XXXXXX", server_config()->tmpdir);
	int fd = mkstemp(path);
	if (fd < 0) {
		free(tpl);
		review_text_free(&t);
		review_free(&d);
		return H_FATAL;
	}
	char err[200];
	int rc = docx_review_write(&t, tpl, tlen, path, err, sizeof err);
	free(tpl);
	char name[96];
	snprintf(name, sizeof name, "bao-cao-tong-ket-%s-%d%s%s.docx", d.programme.code, d.year, d.unit_code[0] ? "-" : "",
		 d.unit_code);
	review_text_free(&t);
	review_free(&d);
	struct stat st;
	if (rc != 0 || fstat(fd, &st) != 0) {
		close(fd);
		unlink(path);
		if (rc != 0 && !builtin)
			return resp_error(r, E_TEMPLATE, "file", err);
		return H_FATAL;
	}
	/* reopen: libzip wrote the file anew under the same name */
	close(fd);
	fd = open(path, O_RDONLY);
	unlink(path);
	if (fd < 0 || fstat(fd, &st) != 0)
		return H_FATAL;
	return resp_file(r, fd, (uint64_t)st.st_size,
			 "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
}

/* ---- tasks for next year ---- */

static HandlerResult tasks_page(Req *r, const ReviewData *d, const Err *e, const char *typed)
{
	Buf b;
	buf_init(&b, 0);
	char title[200];
	snprintf(title, sizeof title, "%s %d", tr(r, "Nhiệm vụ năm", "Tasks for"), d->year + 1);
	page_begin(r, &b, title);
	html(&b, "<p>");
	html_txt(&b, d->programme.name);
	html(&b, " · ");
	html_txt(&b, d->is_country ? tr(r, "Toàn quốc", "The country") : d->unit_name);
	html(&b, "</p>");
	if (e)
		form_summary(r, &b, e);
	Buf action;
	buf_init(&action, 0);
	buf_printf(&action, "/reviews/%lld/%d/tasks", (long long)d->programme.id, d->year);
	form_post_begin(r, &b, NULL, buf_str(&action), NULL);
	buf_free(&action);
	html(&b, "<input type=\"hidden\" name=\"unit\" value=\"");
	html_attr(&b, d->unit_code);
	html(&b, "\"><div class=\"field");
	if (e && form_bad(e, "tasks"))
		html(&b, " invalid");
	html(&b, "\"><label for=\"f-tasks\">");
	html_txt(&b, tr(r, "Nhiệm vụ (mỗi ý một dòng)", "Tasks (one per line)"));
	html(&b, "</label><textarea id=\"f-tasks\" name=\"tasks\" rows=\"14\" maxlength=\"8000\"");
	if (e && form_bad(e, "tasks"))
		html(&b, " aria-invalid=\"true\" aria-describedby=\"e-tasks\"");
	html(&b, ">");
	html_txt(&b, typed ? typed : d->tasks ? d->tasks : "");
	html(&b, "</textarea>");
	if (e && form_bad(e, "tasks")) {
		html(&b, "<p class=\"message\" id=\"e-tasks\">");
		html_txt(&b, err_message(e->code, r->lang));
		html(&b, "</p>");
	}
	html(&b, "</div>");
	if (d->tasks_updated_at[0]) {
		html(&b, "<p class=\"muted\">");
		html_trf(r, &b, "Sửa lần cuối: %s, %s", "Last changed: %s, %s", d->tasks_updated_at, d->tasks_updated_by);
		html(&b, "</p>");
	}
	form_button(&b, NULL, tr(r, "Lưu", "Save"));
	html(&b, "</form><p><a href=\"/reviews/");
	html_txtf(&b, "%lld/%d", (long long)d->programme.id, d->year);
	unit_query(&b, d->unit_code, '?');
	html(&b, "\">");
	html_txt(&b, tr(r, "Về báo cáo", "Back to the review"));
	html(&b, "</a></p>");
	page_end(r, &b);
	return resp_html(r, e ? err_http_status(e->code) : 200, &b);
}

static int tasks_review(Req *r, ReviewData *d)
{
	int64_t pid;
	int year;
	if (path_args(r, &pid, &year) != 0)
		return -1;
	const char *unit = unit_of(r);
	if (!review_may_edit(r->db, &r->actor, unit)) {
		resp_error(r, r->actor.role == ROLE_PROVINCE && *unit ? E_NOT_FOUND : E_FORBIDDEN, "unit", NULL);
		return -1;
	}
	Err e = {0};
	if (review_build(r->db, &r->actor, pid, year, unit, d, &e) != 0) {
		resp_err(r, &e);
		return -1;
	}
	return 0;
}

HandlerResult web_review_tasks_form(Req *r)
{
	ReviewData d;
	if (tasks_review(r, &d) != 0)
		return H_ERROR;
	HandlerResult h = tasks_page(r, &d, NULL, NULL);
	review_free(&d);
	return h;
}

HandlerResult web_review_tasks_save(Req *r)
{
	ReviewData d;
	if (tasks_review(r, &d) != 0)
		return H_ERROR;
	const char *text = req_form(r, "tasks");
	Err e = {0};
	if (review_tasks_save(r->db, &r->actor, d.programme.id, d.year, d.unit_code, text ? text : "", &e) != 0) {
		HandlerResult h = tasks_page(r, &d, &e, text);
		review_free(&d);
		return h;
	}
	Buf to;
	buf_init(&to, 0);
	buf_printf(&to, "/reviews/%lld/%d", (long long)d.programme.id, d.year);
	unit_query(&to, d.unit_code, '?');
	review_free(&d);
	HandlerResult h = resp_redirect(r, buf_str(&to));
	buf_free(&to);
	return h;
}

/* ---- the template ---- */

static HandlerResult template_page(Req *r, const char *unit, const Err *e, int status)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Mẫu báo cáo Word (.docx)", "Word (.docx) report template"));
	ReviewTemplate info;
	int have = review_template_get(r->db, unit, &info, NULL, NULL);
	html(&b, "<p>");
	html_txt(&b, *unit ? unit : tr(r, "Toàn quốc", "The country"));
	html(&b, ": ");
	if (have == 1)
		html_trf(r, &b, "đang dùng mẫu riêng “%s”, tải lên ngày %s bởi %s.", "using its own template “%s”, uploaded %s by %s.",
			 info.filename, info.uploaded_at, info.uploaded_by);
	else
		html_txt(&b, tr(r, "đang dùng mẫu có sẵn (Nghị định 30/2020/NĐ-CP).", "using the built-in template (Decree 30/2020/NĐ-CP)."));
	html(&b, "</p><p><a href=\"/reviews/template.docx");
	unit_query(&b, unit, '?');
	html(&b, "\">");
	html_txt(&b, tr(r, "Tải mẫu đang dùng", "Download the template in use"));
	html(&b, "</a></p><h2>");
	html_txt(&b, tr(r, "Chỗ điền trong mẫu", "Placeholders"));
	html(&b, "</h2><table class=\"stack\"><thead><tr><th>");
	html_txt(&b, tr(r, "Chỗ điền", "Placeholder"));
	html(&b, "</th><th>");
	html_txt(&b, tr(r, "Được thay bằng", "Replaced by"));
	html(&b, "</th></tr></thead><tbody>");
	static const char *const ph[][3] = {
		{"{{issuer_parent}}", "Cơ quan chủ quản (HỘI NGƯỜI CAO TUỔI VIỆT NAM)", "The parent body"},
		{"{{issuer}}", "Cơ quan ban hành", "The issuing body"},
		{"{{number}}", "Số, ký hiệu (để trống số)", "Number and symbol (number left blank)"},
		{"{{dateline}}", "Địa danh, ngày tháng năm", "Place and date"},
		{"{{title}}", "Trích yếu (tên báo cáo)", "The report's title"},
		{"{{programme}}", "Tên Đề án", "The programme's name"},
		{"{{unit}}", "Đơn vị (Toàn quốc, tỉnh …)", "The unit"},
		{"{{year}}", "Năm báo cáo", "The year"},
		{"{{next_year}}", "Năm sau", "The next year"},
		{"{{body}}", "Nội dung báo cáo và ghi chú cách tính (bắt buộc, đứng riêng một đoạn)",
		 "The report's body and its footnotes (required, alone in its paragraph)"},
		{"{{recipients}}", "Nơi nhận, mỗi nơi một dòng (đứng riêng một đoạn)", "Recipients, one per line (alone in its paragraph)"},
		{"{{signer_title}}", "Quyền hạn, chức vụ người ký", "The signer's title"},
		{"{{signer_name}}", "Họ tên người ký (để trống)", "The signer's name (left blank)"},
	};
	for (size_t i = 0; i < sizeof ph / sizeof ph[0]; i++) {
		html(&b, "<tr>");
		page_cell(&b, tr(r, "Chỗ điền", "Placeholder"), NULL, ph[i][0]);
		page_cell(&b, tr(r, "Được thay bằng", "Replaced by"), NULL, tr(r, ph[i][1], ph[i][2]));
		html(&b, "</tr>");
	}
	html(&b, "</tbody></table>");
	if (review_may_edit(r->db, &r->actor, unit)) {
		html(&b, "<h2>");
		html_txt(&b, tr(r, "Tải lên mẫu mới", "Upload a new template"));
		html(&b, "</h2>");
		if (e)
			form_summary(r, &b, e);
		html(&b, "<form method=\"post\" action=\"/reviews/template\" enctype=\"multipart/form-data\">");
		form_csrf(r, &b);
		html(&b, "<input type=\"hidden\" name=\"unit\" value=\"");
		html_attr(&b, unit);
		html(&b, "\">");
		Form f = {.r = r, .b = &b, .e = e};
		form_input(&f, "file", tr(r, "Tệp .docx", ".docx file"), "file", NULL,
			   "required accept=\".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document\"", NULL);
		form_button(&b, NULL, tr(r, "Tải lên", "Upload"));
		html(&b, "</form>");
		if (have == 1) {
			form_post_begin(r, &b, "inline", "/reviews/template/delete", NULL);
			html(&b, "<input type=\"hidden\" name=\"unit\" value=\"");
			html_attr(&b, unit);
			html(&b, "\">");
			form_button(&b, "secondary", tr(r, "Dùng lại mẫu có sẵn", "Use the built-in template again"));
			html(&b, "</form>");
		}
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

/* The unit of a template request: "" the country, or a province the actor reads. 0 or answered. */
static int template_unit(Req *r, const char **unit)
{
	*unit = unit_of(r);
	if (!**unit && r->actor.role == ROLE_PROVINCE)
		*unit = r->actor.scope;
	if (!review_may_read(r->db, &r->actor, *unit)) {
		resp_error(r, **unit ? E_NOT_FOUND : E_FORBIDDEN, "unit", NULL);
		return -1;
	}
	return 0;
}

HandlerResult web_review_template(Req *r)
{
	const char *unit;
	if (template_unit(r, &unit) != 0)
		return H_ERROR;
	return template_page(r, unit, NULL, 200);
}

HandlerResult web_review_template_docx(Req *r)
{
	const char *unit;
	if (template_unit(r, &unit) != 0)
		return H_ERROR;
	size_t len = 0;
	int builtin;
	unsigned char *data = template_for(r, unit, &len, &builtin);
	if (builtin && docx_builtin_template(&data, &len) != 0)
		return H_FATAL;
	char path[512];
	snprintf(path, sizeof path, "%s/ishc-tpl-XXXXXX", server_config()->tmpdir);
	int fd = mkstemp(path);
	if (fd < 0) {
		free(data);
		return H_FATAL;
	}
	unlink(path);
	int ok = write(fd, data, len) == (ssize_t)len && lseek(fd, 0, SEEK_SET) == 0;
	free(data);
	if (!ok) {
		close(fd);
		return H_FATAL;
	}
	return resp_file(r, fd, len, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			 "mau-bao-cao-tong-ket.docx");
}

HandlerResult web_review_template_upload(Req *r)
{
	const char *unit;
	if (template_unit(r, &unit) != 0)
		return H_ERROR;
	Err e = {0};
	const Upload *u = req_upload(r, "file");
	if (!review_may_edit(r->db, &r->actor, unit)) {
		err_set(&e, *unit ? E_NOT_FOUND : E_FORBIDDEN, "unit");
		return resp_err(r, &e);
	}
	if (!u || !u->size || u->size > REVIEW_TEMPLATE_MAX) {
		err_set(&e, E_TEMPLATE, "file");
		return template_page(r, unit, &e, err_http_status(e.code));
	}
	size_t len;
	unsigned char *data = import_read_file(u->path, &len, &e);
	if (!data)
		return template_page(r, unit, &e, err_http_status(e.code));
	int ok = docx_template_check(data, len);
	if (ok != 1) {
		free(data);
		err_set(&e, E_TEMPLATE, "file");
		return template_page(r, unit, &e, err_http_status(e.code));
	}
	int rc = review_template_save(r->db, &r->actor, unit, u->filename, data, len, &e);
	free(data);
	if (rc != 0)
		return template_page(r, unit, &e, err_http_status(e.code));
	Buf to;
	buf_init(&to, 0);
	buf_puts(&to, "/reviews/template");
	unit_query(&to, unit, '?');
	HandlerResult h = resp_redirect(r, buf_str(&to));
	buf_free(&to);
	return h;
}

HandlerResult web_review_template_delete(Req *r)
{
	const char *unit;
	if (template_unit(r, &unit) != 0)
		return H_ERROR;
	Err e = {0};
	if (review_template_delete(r->db, &r->actor, unit, &e) != 0)
		return resp_err(r, &e);
	Buf to;
	buf_init(&to, 0);
	buf_puts(&to, "/reviews/template");
	unit_query(&to, unit, '?');
	HandlerResult h = resp_redirect(r, buf_str(&to));
	buf_free(&to);
	return h;
}
