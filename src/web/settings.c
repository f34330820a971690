/* The administrator's settings page: the age from which a member counts as an older person, and
 * the day of the next month on which a monthly report is due. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/club.h"
#include "core/report.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

static const FormChoice age_choices[] = {
	{"60", "60 tuổi (theo Luật Người cao tuổi)", "60 (the law on older persons)"},
	{"55", "55 tuổi (ưu tiên theo HelpAge)", "55 (HelpAge's priority age)"},
};

static const char *settings_message(Req *r, const char *id, const Err *e, const char *typed)
{
	(void)typed;
	(void)e;
	if (strcmp(id, "report_due_day") == 0)
		return tr(r, "Hạn nộp là một ngày từ 1 đến 28 của tháng sau.", "The due day is a day from 1 to 28 of the next month.");
	return NULL;
}

static HandlerResult settings_page(Req *r, int status, const Err *e)
{
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Cài đặt", "Settings"));
	if (req_query(r, "saved") && !e)
		page_notice(&b, tr(r, "Đã lưu.", "Saved."));
	form_summary(r, &b, e);
	Form f = {.r = r, .b = &b, .e = e, .message = settings_message};
	form_post_begin(r, &b, "narrow", "/admin/settings", NULL);
	char age[8], due[8];
	snprintf(age, sizeof age, "%d", settings_older_age(r->db));
	snprintf(due, sizeof due, "%d", settings_report_due_day(r->db));
	form_select(&f, "older_age", tr(r, "Tuổi được tính là người cao tuổi", "Age from which a member is an older person"),
		    age_choices, sizeof age_choices / sizeof *age_choices, form_value(&f, "older_age", age), 0);
	form_input(&f, "report_due_day", tr(r, "Hạn nộp báo cáo tháng (ngày của tháng sau)", "Monthly reports due on (day of the next month)"),
		   "text", form_value(&f, "report_due_day", due), "inputmode=\"numeric\" required maxlength=\"2\"",
		   tr(r, "Ví dụ 5: báo cáo tháng 1 phải nộp trước hết ngày 05/02.", "E.g. 5: January's report is due by 5 February."));
	form_button(&b, "primary", tr(r, "Lưu", "Save"));
	html(&b, "</form>");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

HandlerResult web_settings(Req *r)
{
	return settings_page(r, 200, NULL);
}

/* A whole number of 1 or 2 digits, or -1. */
static int small_number(const char *s)
{
	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	char *end;
	long v = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	if (end == s || *end || v < 0 || v > 99)
		return -1;
	return (int)v;
}

HandlerResult web_settings_save(Req *r)
{
	Err e = {0};
	int age = small_number(req_form(r, "older_age"));
	int due = small_number(req_form(r, "report_due_day"));
	/* Both are checked before either is written, so a bad one changes nothing. */
	if (age != 55 && age != 60)
		err_set(&e, E_INVALID, "older_age");
	else if (due < 1 || due > 28)
		err_set(&e, due < 0 && !(req_form(r, "report_due_day") && *req_form(r, "report_due_day")) ? E_REQUIRED : E_INVALID,
			"report_due_day");
	else if (settings_set_older_age(r->db, &r->actor, age, &e) == 0)
		settings_set_report_due_day(r->db, &r->actor, due, &e);
	if (e.code)
		return settings_page(r, err_http_status(e.code), &e);
	return resp_redirect(r, "/admin/settings?saved=1");
}
