/* libFuzzer target: parse_cookies over arbitrary header text. On success every pair is
 * printable ASCII without ';', the name non-empty and trimmed, and the caps hold. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/parse.h"

#define CHECK(x)                                                                       \
	do {                                                                           \
		if (!(x)) {                                                            \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,     \
				__LINE__, #x);                                         \
			abort();                                                       \
		}                                                                      \
	} while (0)

static int cookie_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E || s[i] == ';')
			return 0;
	return 1;
}

static void check_pairs(const ParamList *l, size_t header_len)
{
	CHECK(l->count <= PARSE_MAX_COOKIES);
	size_t total = 0;
	for (size_t i = 0; i < l->count; i++) {
		const Param *p = &l->items[i];
		size_t nn = strlen(p->name);
		CHECK(nn > 0);
		CHECK(p->name[0] != ' ' && p->name[nn - 1] != ' ');      /* trimmed; tabs are */
		CHECK(p->name[0] != '\t' && p->name[nn - 1] != '\t');    /* not printable */
		CHECK(cookie_text(p->name, nn));
		CHECK(strlen(p->value) == p->value_len);
		CHECK(cookie_text(p->value, p->value_len));
		CHECK(utf8_valid(p->value, p->value_len, NULL));
		total += nn + 1 + p->value_len;
	}
	CHECK(total <= header_len);     /* nothing is invented */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A header is a C string: the input up to its first NUL. */
	char *header = malloc(size + 1);
	if (!header)
		return 0;
	memcpy(header, data, size);
	header[size] = '\0';
	Arena a;
	arena_init(&a, 0);
	ParamList l = { 0 };
	ParseStatus st = parse_cookies(&a, header, &l);
	CHECK(st == PARSE_OK || st == PARSE_TOO_LARGE || st == PARSE_MALFORMED);
	if (st == PARSE_OK)
		check_pairs(&l, strlen(header));
	arena_free(&a);
	free(header);
	return 0;
}
