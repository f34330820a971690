/* Pieces the pages of the programme's work share (web/work.c, web/recognition.c, web/workui.c):
 * the year asked for, a labelled text area, yes/no cells, and sending an .xlsx built by a
 * callback. */
#ifndef ISHC_WEB_WORKUI_H
#define ISHC_WEB_WORKUI_H

#include "http/req.h"
#include "out/xlsx.h"
#include "web/form.h"

/* ?year= (or the form's year) when it is a year from 2000 to next year; else this year. */
int workui_year(Req *r);
/* A labelled <textarea> in a <div class="field">, with the message when it is at fault. */
void workui_textarea(const Form *f, const char *name, const char *label, const char *value, int rows, int maxlength,
		     int required);
/* A year chooser (GET form) for path, with the other query value unit kept when not NULL. */
void workui_year_form(Req *r, Buf *b, const char *path, int year, const char *unit);
/* Builds an .xlsx at a temporary path with one sheet (fill writes the rows) and answers it as a
 * download called filename. */
HandlerResult workui_send_xlsx(Req *r, const char *filename, const char *sheet, const char *title,
			       const char *subtitle, const XlsxColumn *cols, int ncols,
			       int (*fill)(Req *r, Xlsx *x, void *arg), void *arg);
/* "có" / "không" (yes / no). */
const char *workui_yes(Req *r, int v);
/* A whole number with Vietnamese grouping, escaped. */
void workui_int(Buf *b, int64_t v);
/* A share in permille as "87,5%"; "—" for -1. */
void workui_permille(Buf *b, int64_t v);

#endif
