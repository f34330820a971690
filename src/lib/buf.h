/* Growable byte buffer with a size cap and a sticky error flag (after curl's dynbuf). */
#ifndef ISHC_BUF_H
#define ISHC_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Buf {
	char *data;     /* always NUL-terminated when len > 0 or after buf_take */
	size_t len;
	size_t alloc;
	size_t cap;     /* maximum len; 0 = unlimited */
	int failed;     /* set once an append did not fit or memory ran out; later appends do nothing */
} Buf;

void buf_init(Buf *b, size_t cap);
void buf_append(Buf *b, const void *p, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Returns the contents ("" when empty) for reading; still owned by b. */
const char *buf_str(const Buf *b);

/* Hands the malloc'd, NUL-terminated contents to the caller (who frees them) and empties b.
 * Returns NULL if b failed (b is freed in that case too); *len gets the length when non-NULL. */
char *buf_take(Buf *b, size_t *len);

/* Empties b and frees its memory; b can be reused. */
void buf_free(Buf *b);

/* Drops the contents but keeps memory, clears the error flag. */
void buf_reset(Buf *b);

#endif
