/* The pieces of forms (see form.h). Every field is a <div class="field"> holding its label, the
 * control, and when the field is at fault the class "invalid", aria-invalid on the control and the
 * message under it (id e-…), so that a screen reader reads the message with the field. */
#include "web/form.h"

#include <stdio.h>
#include <string.h>

#include "core/scope.h"
#include "lib/html.h"
#include "web/layout.h"

/* The field's id in the page: the form's prefix, then its name. */
static const char *field_id(const Form *f, const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s%s", f->prefix ? f->prefix : "", name);
	return out;
}

/* <p class="msg" id="e-ID">the message</p> of the field at fault. */
static void field_message(const Form *f, const char *id, const char *typed)
{
	const char *msg = f->message ? f->message(f->r, id, f->e, typed) : NULL;
	html(f->b, "<p class=\"msg\" id=\"e-");
	html_attr(f->b, id);
	html(f->b, "\">");
	html_txt(f->b, msg ? msg : err_message(f->e->code, f->r->lang));
	html(f->b, "</p>");
}

/* What was typed, as an input's value. A one-line input holds no control characters; html_attr
 * drops most of them but keeps tab, line ends and DEL (U+007F, a code point HTML forbids), so
 * every one is left out here (the checks refuse them anyway). */
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

/* What a control says of itself to a screen reader: aria-invalid when it is at fault, and
 * aria-describedby naming its hint (h-ID) and its message (e-ID) when it has them. */
static void field_aria(Buf *b, const char *id, int bad, int hint)
{
	if (bad)
		html(b, " aria-invalid=\"true\"");
	if (!bad && !hint)
		return;
	html(b, " aria-describedby=\"");
	if (hint) {
		html(b, "h-");
		html_attr(b, id);
		if (bad)
			html(b, " ");
	}
	if (bad) {
		html(b, "e-");
		html_attr(b, id);
	}
	html(b, "\"");
}

/* The attributes that tie a control to its label and name it in the form: id="f-ID" name="name". */
static void field_id_name(Buf *b, const char *id, const char *name)
{
	html(b, " id=\"f-");
	html_attr(b, id);
	html(b, "\" name=\"");
	html_attr(b, name);
	html(b, "\"");
}

/* <div class="field[ invalid]"><label for="f-ID">label</label> */
static void field_begin(const Form *f, const char *id, const char *label, int bad)
{
	html(f->b, "<div class=\"field");
	if (bad)
		html(f->b, " invalid");
	html(f->b, "\"><label for=\"f-");
	html_attr(f->b, id);
	html(f->b, "\">");
	html_txt(f->b, label);
	html(f->b, "</label>");
}

void form_csrf(Req *r, Buf *b)
{
	html(b, "<input type=\"hidden\" name=\"_csrf\" value=\"");
	html_attr(b, r->actor.csrf);
	html(b, "\">");
}

void form_post_begin(Req *r, Buf *b, const char *cls, const char *action, const char *tail)
{
	html(b, "<form method=\"post\"");
	page_class(b, cls);
	html(b, " action=\"");
	html_attr(b, action);
	html_attr(b, tail);
	html(b, "\">");
	form_csrf(r, b);
}

int form_bad(const Err *e, const char *name)
{
	return e && e->code && e->field && strcmp(e->field, name) == 0;
}

/* form_input with two pieces of attribute markup: attrs (the kind of input's own) then extra. */
static void input_field(const Form *f, const char *name, const char *label, const char *type, const char *value,
			const char *attrs, const char *extra, const char *hint)
{
	char id[128];
	field_id(f, name, id, sizeof id);
	int bad = form_bad(f->e, name);
	Buf *b = f->b;
	field_begin(f, id, label, bad);
	if (hint) {
		html(b, "<p class=\"hint\" id=\"h-");
		html_attr(b, id);
		html(b, "\">");
		html_txt(b, hint);
		html(b, "</p>");
	}
	html(b, "<input");
	field_id_name(b, id, name);
	html(b, " type=\"");
	html_attr(b, type);
	html(b, "\"");
	if (value && *value && strcmp(type, "password") != 0) {
		html(b, " value=\"");
		value_attr(b, value);
		html(b, "\"");
	}
	field_aria(b, id, bad, hint != NULL);
	if (attrs && *attrs) {
		html(b, " ");
		buf_puts(b, attrs);
	}
	if (extra && *extra) {
		html(b, " ");
		buf_puts(b, extra);
	}
	html(b, ">");
	if (bad)
		field_message(f, id, value);
	html(b, "</div>");
}

void form_input(const Form *f, const char *name, const char *label, const char *type, const char *value,
		const char *extra, const char *hint)
{
	input_field(f, name, label, type, value, NULL, extra, hint);
}

void form_date(const Form *f, const char *name, const char *label, const char *value, const char *extra)
{
	input_field(f, name, label, "text", value, "inputmode=\"numeric\" placeholder=\"dd/mm/yyyy\" autocomplete=\"off\"",
		    extra, NULL);
}

void form_date_today(const Form *f, const char *name, const char *label)
{
	char today[11], d[VI_DATE_BUFSZ];
	unit_today(today);
	form_date(f, name, label, form_value(f, name, form_date_value(today, d)), "required");
}

void form_select_begin(const Form *f, const char *name, const char *label, int required)
{
	char id[128];
	field_id(f, name, id, sizeof id);
	int bad = form_bad(f->e, name);
	Buf *b = f->b;
	field_begin(f, id, label, bad);
	html(b, "<select");
	field_id_name(b, id, name);
	if (required)
		html(b, " required");
	field_aria(b, id, bad, 0);
	html(b, ">");
}

void form_option(Buf *b, const char *value, const char *label, const char *selected)
{
	html(b, "<option value=\"");
	html_attr(b, value);
	html(b, "\"");
	if (selected && strcmp(selected, value) == 0)
		html(b, " selected");
	html(b, ">");
	html_txt(b, label);
	html(b, "</option>");
}

void form_select_end(const Form *f, const char *name)
{
	html(f->b, "</select>");
	if (form_bad(f->e, name)) {
		char id[128];
		field_message(f, field_id(f, name, id, sizeof id), NULL);
	}
	html(f->b, "</div>");
}

void form_select(const Form *f, const char *name, const char *label, const FormChoice *choices, size_t n,
		 const char *selected, int required)
{
	form_select_begin(f, name, label, required);
	for (size_t i = 0; i < n; i++)
		form_option(f->b, choices[i].value, tr(f->r, choices[i].vi, choices[i].en), selected);
	form_select_end(f, name);
}

const char *form_choice_label(Req *r, const FormChoice *choices, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(choices[i].value, value) == 0)
			return tr(r, choices[i].vi, choices[i].en);
	return value;
}

void form_checkbox(const Form *f, const char *name, const char *label, int checked)
{
	char id[128];
	field_id(f, name, id, sizeof id);
	int bad = form_bad(f->e, name);
	Buf *b = f->b;
	html(b, "<div class=\"field check");
	if (bad)
		html(b, " invalid");
	html(b, "\"><input type=\"checkbox\" value=\"1\"");
	field_id_name(b, id, name);
	if (checked)
		html(b, " checked");
	field_aria(b, id, bad, 0);
	html(b, "><label for=\"f-");
	html_attr(b, id);
	html(b, "\">");
	html_txt(b, label);
	html(b, "</label>");
	if (bad)
		field_message(f, id, NULL);
	html(b, "</div>");
}

void form_button(Buf *b, const char *cls, const char *label)
{
	html(b, "<button type=\"submit\"");
	page_class(b, cls);
	html(b, ">");
	html_txt(b, label);
	html(b, "</button>");
}

void form_inline_end(Buf *b, const char *cls, const char *label)
{
	html(b, "<div class=\"field\">");
	form_button(b, cls, label);
	html(b, "</div></form>");
}

void form_error(Req *r, Buf *b, const Err *e)
{
	if (!e || !e->code)
		return;
	html(b, "<div class=\"error\" role=\"alert\"><p>");
	html_txt(b, err_message(e->code, r->lang));
	if (e->detail[0]) {
		html(b, " ");
		html_txt(b, e->detail);
	}
	html(b, "</p></div>");
}

void form_error_general(Req *r, Buf *b, const Err *e)
{
	if (e && !e->field)
		form_error(r, b, e);
}

void form_summary(Req *r, Buf *b, const Err *e)
{
	if (!e || !e->code)
		return;
	if (!e->field) {
		form_error(r, b, e);
		return;
	}
	html(b, "<div class=\"error\" role=\"alert\"><p>");
	html_txt(b, tr(r, "Chưa lưu được: xem thông báo dưới ô được đánh dấu đỏ. Những gì bạn đã nhập vẫn còn.",
		       "Not saved: see the message under the field marked in red. What you typed is kept."));
	html(b, "</p></div>");
}

const char *form_value(const Form *f, const char *name, const char *stored)
{
	if (f->e) {
		const char *v = req_form(f->r, name);
		return v ? v : "";
	}
	return stored;
}

int form_checked(Req *r, const char *name)
{
	const char *v = req_form(r, name);
	return v && *v && strcmp(v, "0") != 0;
}

const char *form_date_value(const char *iso, char out[VI_DATE_BUFSZ])
{
	if (!iso || !*iso || !vi_format_date(iso, out))
		out[0] = '\0';
	return out;
}

ErrCode form_unit(Req *r, const char *code, const char *on, Unit *u)
{
	char today[11];
	if (!on) {
		unit_today(today);
		on = today;
	}
	int have = unit_find(r->db, code, on, u);
	if (have < 0)
		return E_INTERNAL;
	if (!have)
		return E_NOT_FOUND;
	return scope_covers_unit(r->db, &r->actor, u->id) ? E_NONE : E_OUT_OF_SCOPE;
}

int form_unit_filter(Req *r, const char *code, int64_t *unit_id, Err *e)
{
	if (!code || !*code)
		return 0;
	Unit u;
	ErrCode found = form_unit(r, code, NULL, &u);
	if (found == E_INTERNAL)
		return -1;
	if (found)
		err_set(e, found, "unit");
	else
		*unit_id = u.id;
	return 0;
}
