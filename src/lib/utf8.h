/* UTF-8 validation: the one check every piece of outside text passes before anything else. */
#ifndef ISHC_UTF8_H
#define ISHC_UTF8_H

#include <stddef.h>

/* Returns 1 if s[0..n) is valid UTF-8 (no overlong forms, no surrogates, nothing above
 * U+10FFFF), else 0. When bad_at is not NULL and s is invalid, *bad_at gets the byte offset of
 * the first invalid sequence. */
int utf8_valid(const char *s, size_t n, size_t *bad_at);

#endif
