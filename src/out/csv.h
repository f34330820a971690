/* CSV writing for Excel: UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF line ends. */
#ifndef ISHC_OUT_CSV_H
#define ISHC_OUT_CSV_H

#include <stdio.h>

/* Writes the byte-order mark that makes Excel read the file as UTF-8. */
void csv_begin(FILE *f);
/* Writes one field (quoted when it holds a comma, quote, CR or LF, or starts with a character
 * a spreadsheet would run as a formula: = + - @). last ends the row. NULL writes an empty field. */
void csv_field(FILE *f, const char *s, int last);

#endif
