/* libFuzzer target: parse_urlencoded over arbitrary bytes. On success every pair must be
 * valid UTF-8 without NUL, within the caps, and survive re-encoding and parsing again. */
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

static void check_pairs(const ParamList *l)
{
	CHECK(l->count <= PARSE_MAX_PARAMS);
	for (size_t i = 0; i < l->count; i++) {
		const Param *p = &l->items[i];
		size_t nn = strlen(p->name);
		CHECK(nn <= PARSE_MAX_NAME);
		CHECK(utf8_valid(p->name, nn, NULL));
		CHECK(strlen(p->value) == p->value_len);
		CHECK(utf8_valid(p->value, p->value_len, NULL));
	}
	/* param_get returns the first pair of a name. */
	if (l->count) {
		const char *name = l->items[l->count - 1].name;
		size_t first = 0;
		while (strcmp(l->items[first].name, name) != 0)
			first++;
		CHECK(param_get(l, name) == l->items[first].value);
	}
}

/* Appends s %-encoded (space as '+', unreserved bytes as they are) at *o. */
static char *encode(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ') {
			*o++ = '+';
		} else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			   (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '_' || c == '~') {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	return o;
}

/* Encoding the pairs and parsing them again gives the same pairs. */
static void check_round_trip(Arena *a, const ParamList *l, size_t size)
{
	char *buf = arena_alloc(a, 3 * size + 2 * l->count + 1);
	CHECK(buf);
	char *o = buf;
	for (size_t i = 0; i < l->count; i++) {
		if (i)
			*o++ = '&';
		o = encode(o, l->items[i].name, strlen(l->items[i].name));
		*o++ = '=';
		o = encode(o, l->items[i].value, l->items[i].value_len);
	}
	ParamList again = { 0 };
	CHECK(parse_urlencoded(a, buf, (size_t)(o - buf), &again) == PARSE_OK);
	CHECK(again.count == l->count);
	for (size_t i = 0; i < l->count; i++) {
		CHECK(strcmp(again.items[i].name, l->items[i].name) == 0);
		CHECK(again.items[i].value_len == l->items[i].value_len);
		CHECK(memcmp(again.items[i].value, l->items[i].value, l->items[i].value_len) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Arena a;
	arena_init(&a, 0);
	ParamList l = { 0 };
	ParseStatus st = parse_urlencoded(&a, (const char *)data, size, &l);
	CHECK(st == PARSE_OK || st == PARSE_TOO_LARGE || st == PARSE_BAD_UTF8 ||
	      st == PARSE_MALFORMED);
	if (st == PARSE_OK) {
		check_pairs(&l);
		check_round_trip(&a, &l, size);
	}
	arena_free(&a);
	return 0;
}
