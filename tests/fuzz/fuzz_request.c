/* libFuzzer target: a request target "path?query". The path must pass utf8_valid or be
 * refused; the query goes through parse_urlencoded, and parsing it in two pieces split at an
 * '&' must agree with parsing it whole. */
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
	for (size_t i = 0; i < l->count; i++) {
		const Param *p = &l->items[i];
		CHECK(utf8_valid(p->name, strlen(p->name), NULL));
		CHECK(strlen(p->value) == p->value_len);
		CHECK(utf8_valid(p->value, p->value_len, NULL));
	}
}

/* Parses the query in two calls, split at the '&' nearest its middle. A pair never spans an
 * '&', so the two calls must give what one gives, except that each call has its own count
 * cap. */
static void check_split(Arena *a, const char *q, size_t n, ParseStatus whole_st,
			const ParamList *whole)
{
	const char *amp = memchr(q + n / 2, '&', n - n / 2);
	if (!amp)
		amp = memchr(q, '&', n);
	if (!amp)
		return;
	ParamList l = { 0 };
	size_t left = (size_t)(amp - q);
	ParseStatus st = parse_urlencoded(a, q, left, &l);
	if (st == PARSE_OK)
		st = parse_urlencoded(a, amp + 1, n - left - 1, &l);
	if (whole_st == PARSE_OK) {
		CHECK(st == PARSE_OK);
		CHECK(l.count == whole->count);
		for (size_t i = 0; i < l.count; i++) {
			CHECK(strcmp(l.items[i].name, whole->items[i].name) == 0);
			CHECK(l.items[i].value_len == whole->items[i].value_len);
			CHECK(memcmp(l.items[i].value, whole->items[i].value, l.items[i].value_len) ==
			      0);
		}
	} else if (whole_st != PARSE_TOO_LARGE) {
		CHECK(st != PARSE_OK);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *qm = memchr(s, '?', size);
	size_t path_len = qm ? (size_t)(qm - s) : size;
	size_t bad = SIZE_MAX;
	if (!utf8_valid(s, path_len, &bad))
		CHECK(bad < path_len);
	if (!qm)
		return 0;
	const char *q = qm + 1;
	size_t qn = size - path_len - 1;
	Arena a;
	arena_init(&a, 0);
	ParamList l = { 0 };
	ParseStatus st = parse_urlencoded(&a, q, qn, &l);
	if (st == PARSE_OK)
		check_pairs(&l);
	check_split(&a, q, qn, st, &l);
	arena_free(&a);
	return 0;
}
