/* HTML output that is safe by default (after cgit's html_txt/html_attr/html): text and attribute
 * values are escaped; raw markup is accepted from string literals only. */
#ifndef ISHC_HTML_H
#define ISHC_HTML_H

#include <stdint.h>

#include "lib/buf.h"

/* Raw markup: the argument must be a string literal (the "" concatenation refuses anything
 * else at compile time). */
#define html(b, literal) buf_append((b), "" literal "", sizeof(literal) - 1)

/* Escaped text content: & < > " ' become entities. NULL writes nothing. */
void html_txt(Buf *b, const char *s);
/* Escaped attribute value (same escaping; the caller writes the quotes as markup). */
void html_attr(Buf *b, const char *s);
/* A decimal integer (nothing to escape). */
void html_int(Buf *b, int64_t v);
/* Escaped text from a printf format: the *whole result* is escaped. */
void html_txtf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Percent-encodes s for use inside a URL query value. */
void html_urlenc(Buf *b, const char *s);

#endif
