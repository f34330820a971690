/* The pieces of HTML forms: labelled fields that show what was typed and, when the form failed,
 * the message next to the field at fault; the message boxes; and the reading of a few fields that
 * several pages share. Everything shown is escaped (lib/html.h); only `extra` attribute markup is
 * written as it is, and it must come from the page's own string literals. */
#ifndef ISHC_WEB_FORM_H
#define ISHC_WEB_FORM_H

#include <stddef.h>

#include "core/err.h"
#include "core/unit.h"
#include "http/req.h"
#include "lib/buf.h"
#include "lib/vi.h"

/* Better words than the catalogue's for the field at fault, or NULL for the catalogue's
 * (err_message). id is the field's id in the page (Form.prefix then its name); typed is what was
 * typed in it, NULL for selects and checkboxes. The result must outlive the call (a literal). */
typedef const char *FormMessage(Req *r, const char *id, const Err *e, const char *typed);

/* A form being written into b. e is the error of this form: NULL when it did not fail (or another
 * form of the page did); a field whose name is e->field is marked invalid, with the message under
 * it. prefix, when a page holds several forms with the same field names, keeps the ids unique:
 * "board-" gives the field "from" the id f-board-from (its message e-board-from, its hint
 * h-board-from). message, when set, gives better words for the field at fault. */
typedef struct Form {
	Req *r;
	Buf *b;
	const Err *e;
	const char *prefix;
	FormMessage *message;
} Form;

/* The hidden CSRF input of a form posted by a logged-in user. */
void form_csrf(Req *r, Buf *b);
/* Opens a form posted by a logged-in user: <form method="post" class="cls" action="action tail">
 * (cls NULL: no class; tail, e.g. "#board" or "/password", NULL: none), then its CSRF input. */
void form_post_begin(Req *r, Buf *b, const char *cls, const char *action, const char *tail);

/* 1 when e holds an error on the field called name, else 0 (also when e is NULL). */
int form_bad(const Err *e, const char *name);

/* A labelled <input> in a <div class="field">. type is "text", "search", "tel", "password",
 * "file"...; value is shown (without control characters, which a one-line input cannot hold)
 * unless it is NULL or "" or the type is "password". extra is literal
 * attribute markup ("required maxlength=\"60\"") or NULL. hint, or NULL, is a line under the
 * label that the input names in aria-describedby, as it does the message when the field is at
 * fault. */
void form_input(const Form *f, const char *name, const char *label, const char *type, const char *value,
		const char *extra, const char *hint);

/* A date typed as dd/mm/yyyy: a text input with a numeric keyboard and the format as placeholder;
 * value and extra as form_input. */
void form_date(const Form *f, const char *name, const char *label, const char *value, const char *extra);
/* A required date field showing today, or what was typed when the form failed. */
void form_date_today(const Form *f, const char *name, const char *label);

/* A labelled <select> is written in three steps: form_select_begin (required adds the attribute),
 * its options (form_option), form_select_end (the message when the field is at fault). */
void form_select_begin(const Form *f, const char *name, const char *label, int required);
/* An <option>; selected when its value is the text selected (NULL: none). */
void form_option(Buf *b, const char *value, const char *label, const char *selected);
void form_select_end(const Form *f, const char *name);

/* A fixed choice of a select: the value sent, and its words in each language. */
typedef struct FormChoice {
	const char *value, *vi, *en;
} FormChoice;

/* A whole select over n fixed choices, their words in the request's language. */
void form_select(const Form *f, const char *name, const char *label, const FormChoice *choices, size_t n,
		 const char *selected, int required);
/* The words of the choice whose value is value, in the request's language; value itself when none
 * has it. */
const char *form_choice_label(Req *r, const FormChoice *choices, size_t n, const char *value);

/* A checkbox with its label after it, sending value="1" when ticked. */
void form_checkbox(const Form *f, const char *name, const char *label, int checked);

/* A submit button: <button type="submit" class="cls">label</button> (cls NULL: no class;
 * "primary" for the form's main action, "danger" for one that takes something away). */
void form_button(Buf *b, const char *cls, const char *label);
/* The end of a form of class "inline" (fields side by side): its button (class cls, or NULL), in
 * a field so that it lines up with the others, and </form>. */
void form_inline_end(Buf *b, const char *cls, const char *label);

/* The message box of an error: its words from the catalogue, then e->detail. Nothing when e is
 * NULL or holds no error. */
void form_error(Req *r, Buf *b, const Err *e);
/* The same, only for an error that belongs to no field (a field's is shown under the field). */
void form_error_general(Req *r, Buf *b, const Err *e);
/* At the top of a form that failed: form_error for an error that belongs to no field, else a line
 * pointing at the field marked in red (which shows the message), saying what was typed is kept. */
void form_summary(Req *r, Buf *b, const Err *e);

/* What a field of f shows: what was typed in name when the form failed ("" when nothing was
 * sent), else stored. */
const char *form_value(const Form *f, const char *name, const char *stored);
/* 1 when the checkbox name was ticked (sent, and not "0"); an unticked box sends nothing. */
int form_checked(Req *r, const char *name);
/* A stored ISO date as an input's value, dd/mm/yyyy, in out; "" when iso is NULL, "" or not a
 * date. Returns out. */
const char *form_date_value(const char *iso, char out[VI_DATE_BUFSZ]);

/* The unit a filter form names by its code (?unit=): the unit in force on the ISO date on (NULL:
 * today), in u. Returns E_NONE when the actor may see it, E_NOT_FOUND when no unit has the code
 * then, E_OUT_OF_SCOPE when it is outside the actor's scope, E_INTERNAL when the store failed. A
 * viewer without a scope sees every unit (the country's figures). */
ErrCode form_unit(Req *r, const char *code, const char *on, Unit *u);
/* The unit filter of a list (?unit=CODE, a unit of today, by form_unit): nothing when code is
 * NULL or ""; else its id in *unit_id, or e set on the field "unit" when it is not found or not
 * in the actor's scope. Returns -1 when the store failed, else 0. */
int form_unit_filter(Req *r, const char *code, int64_t *unit_id, Err *e);

#endif
