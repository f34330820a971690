/* See buf.h. */
#include "lib/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(Buf *b, size_t cap)
{
	memset(b, 0, sizeof *b);
	b->cap = cap;
}

static int buf_grow(Buf *b, size_t extra)
{
	if (b->failed)
		return 0;
	if (extra > (size_t)-1 / 2 - b->len || (b->cap && b->len + extra > b->cap)) {
		b->failed = 1;
		return 0;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->alloc)
		return 1;
	size_t n = b->alloc ? b->alloc : 256;
	while (n < need)
		n *= 2;
	char *p = realloc(b->data, n);
	if (!p) {
		b->failed = 1;
		return 0;
	}
	b->data = p;
	b->alloc = n;
	return 1;
}

void buf_append(Buf *b, const void *p, size_t n)
{
	if (!buf_grow(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(Buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(Buf *b, char c)
{
	buf_append(b, &c, 1);
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (!buf_grow(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *buf_str(const Buf *b)
{
	return b->data ? b->data : "";
}

char *buf_take(Buf *b, size_t *len)
{
	if (b->failed) {
		buf_free(b);
		return NULL;
	}
	if (!b->data && !buf_grow(b, 0))
		return NULL;
	if (b->len == 0)
		b->data[0] = '\0';
	char *p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->alloc = 0;
	return p;
}

void buf_free(Buf *b)
{
	free(b->data);
	size_t cap = b->cap;
	buf_init(b, cap);
}

void buf_reset(Buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->data)
		b->data[0] = '\0';
}
