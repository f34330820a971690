/* The page layout shared by every page: head, header with navigation and language switch,
 * footer; error pages; and the small pieces pages are built of (dates, facts, table cells, counts,
 * the pager). Everything shown is escaped (lib/html.h). The pieces of forms are in web/form.h. */
#ifndef ISHC_WEB_LAYOUT_H
#define ISHC_WEB_LAYOUT_H

#include <stdint.h>
#include <string.h>

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

/* A notice ("Đã lưu.") shown at the top of a page. */
void page_notice(Buf *b, const char *text);

/* Escaped text from a printf format in the request's language: the vi format, or the en one when
 * the user chose English. Both take the same arguments; the compiler checks both. */
#define html_trf(r, b, vi, en, ...) \
	(strcmp((r)->lang, "en") == 0 ? html_txtf((b), en, __VA_ARGS__) : html_txtf((b), vi, __VA_ARGS__))

/* What the row callback of a list needs: the request and the page being written. */
typedef struct PageCtx {
	Req *r;
	Buf *b;
} PageCtx;

/* The attribute class="cls" (with a space before it); nothing when cls is NULL. */
void page_class(Buf *b, const char *cls);

/* The list page asked for (?page=), 1 when absent or not a positive number. */
int64_t page_number(Req *r);

/* A stored date as people read it, dd/mm/yyyy: iso is an ISO date, or a timestamp that starts
 * with one. Text that is not a date is written as it is; NULL or "" writes empty instead ("—",
 * or "" for nothing). Escaped. */
void page_date(Buf *b, const char *iso, const char *empty);

/* The start of a fact of a <dl class="facts">: <dt>label</dt><dd>. The caller writes the value
 * and </dd>. */
void page_fact(Buf *b, const char *label);
/* A whole fact: <dt>label</dt><dd>text</dd>. */
void page_fact_txt(Buf *b, const char *label, const char *text);

/* The start of a list table that stacks on a phone: <div class="scroll"><table class="stack">,
 * the caption unless it is NULL, then <thead><tr>. The headings follow (page_th), then the caller
 * writes </tr></thead><tbody>, the rows (page_td) and </tbody></table></div>. */
void page_table_begin(Buf *b, const char *caption);

/* A column heading: <th scope="col">label</th>. */
void page_th(Buf *b, const char *label);
/* The start of a cell of a <table class="stack">: <td class="cls" data-label="label"> (cls NULL:
 * no class). On a phone the rows stack and each cell shows its label. The caller writes the value
 * and </td>. */
void page_td(Buf *b, const char *label, const char *cls);
/* A whole cell holding text: page_td, text, </td>. */
void page_cell(Buf *b, const char *label, const char *cls, const char *text);

/* A link to a record's page: <a href="path{id}">text</a> (path "/members/" gives /members/7). */
void page_link(Buf *b, const char *path, int64_t id, const char *text);

/* <p><a href="/audit?entity=entity&amp;id=id">text</a></p>: the change history of one record. */
void page_history_link(Buf *b, const char *entity, int64_t id, const char *text);

/* An item of a <ul class="actions">: <li><a class="button" href="href">label</a></li>. */
void page_action(Buf *b, const char *href, const char *label);

/* How many a list holds: <p class="count">1.234 what</p> (Vietnamese digit grouping; what is in
 * the request's language already). */
void page_count(Buf *b, int64_t n, const char *what);

/* The links between the pages of a list of total items, per_page a page, page the one shown:
 * « previous, "Trang 2 / 7", next ». Nothing when all fit on one page. The links go to path with
 * the list's query, then page=N: query holds names and values in turn, ending with a NULL name
 * ({"q", q, "unit", "", NULL}); a pair whose value is NULL is left out. Values are URL-encoded. */
void page_pager(Req *r, Buf *b, const char *path, const char *const *query, int64_t page, int64_t per_page,
		int64_t total);

#endif
