/* The page layout shared by every page: head, header with navigation and language switch,
 * footer; error pages; and the form pieces that show a message next to the field at fault. */
#ifndef ISHC_WEB_LAYOUT_H
#define ISHC_WEB_LAYOUT_H

#include "core/err.h"
#include "http/req.h"
#include "lib/buf.h"
#include "lib/html.h"

/* Opens the document: <head>, the header and navigation for r's actor, and <main>. */
void page_begin(Req *r, Buf *b, const char *title);
/* Closes <main> and the document. */
void page_end(Req *r, Buf *b);
/* A whole error page for code (used by resp_error for HTML routes). */
void page_error(Req *r, Buf *b, ErrCode code, const char *detail);

/* The hidden CSRF input of a form posted by a logged-in user. */
void form_csrf(Req *r, Buf *b);

/* A labelled input. value is what the user typed (kept after an error); when e names this field,
 * the message is shown under it and the input is marked invalid. type is "text", "password"...
 * extra is literal attribute markup (e.g. "required autocomplete=\"username\"") or "". */
void form_input(Req *r, Buf *b, const char *name, const char *label, const char *type,
		const char *value, const Err *e, const char *extra);

/* A message box for an error that belongs to no field (or to all). */
void form_error(Req *r, Buf *b, const Err *e);

/* A notice ("Đã lưu.") shown at the top of a page. */
void page_notice(Buf *b, const char *text);

#endif
