/* What the fund pages (web/funds.c) and the loan pages (web/loans.c) share: the club of the page,
 * its line at the top, money as people read it, better words for a field at fault, and the pieces
 * of the printable papers (the club's heading, the board's names, the signature block). */
#ifndef ISHC_WEB_FUNDS_H
#define ISHC_WEB_FUNDS_H

#include <stdint.h>

#include "core/club.h"
#include "http/req.h"
#include "lib/buf.h"
#include "web/form.h"

/* The club named by the path's {id} when it lies in the actor's scope: 0 and c filled; else -1
 * with the answer in *h (404 page, or H_FATAL on a store error). */
int fundweb_club(Req *r, Club *c, HandlerResult *h);

/* 1 when the actor keeps the books (administrator, province, commune, club): sees the forms. */
int fundweb_may_write(const Actor *a);

/* The club's line under the title, with a link to its fund page. */
void fundweb_crumb(Req *r, Buf *b, const Club *c);

/* "1.500.000 đ", escaped. */
void fundweb_money(Buf *b, int64_t dong);

/* A FormMessage for every fund and loan form: the catalogue's words made precise for the fields
 * where they would leave the user guessing, followed by the core's detail (the balance left, what
 * is owed) when it gave one. */
const char *fundweb_message(Req *r, const char *id, const Err *e, const char *typed);
/* A Form of these pages writing into b with e (NULL when it did not fail) and prefix (or NULL). */
Form fundweb_form(Req *r, Buf *b, const Err *e, const char *prefix);

/* The names of the club's chair, accountant and treasurer today ("" when none holds the role). */
typedef struct FundBoard {
	char chair[224], accountant[224], treasurer[224];
} FundBoard;
void fundweb_board(Req *r, const Club *c, FundBoard *out);

/* The line above a printable paper: how to print it and a link back. */
void fundweb_print_tools(Req *r, Buf *b, const char *back, const char *back_label);
/* The heading of a paper: the association and club top left, the nation's motto top right. */
void fundweb_paper_head(Req *r, Buf *b, const Club *c);
/* The place of the dateline: today's commune of the club without its kind ("Hoằng Lộc"). */
const char *fundweb_place(Req *r, const Club *c);
/* The signature block: n titles ("Chủ nhiệm"), each with "(Ký, ghi rõ họ tên)" and the name
 * under it when known (names may be NULL or hold ""). */
void fundweb_signs(Buf *b, int n, const char *const *titles, const char *const *names);

/* A rate in basis points a month as a percent with a decimal comma and no trailing zeros
 * ("0,5", "1", "0"), in the request's arena. */
const char *fundweb_rate(Req *r, int64_t rate_bp);

#endif
