/* lib/buf, lib/arena, lib/html, lib/utf8, out/csv: table-driven, one behaviour per case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/html.h"
#include "lib/utf8.h"
#include "out/csv.h"

static void buf_appends_and_takes(void **state)
{
	Buf b;
	buf_init(&b, 0);
	buf_puts(&b, "xin ");
	buf_printf(&b, "chào %d", 5);
	buf_putc(&b, '!');
	assert_string_equal(buf_str(&b), "xin chào 5!");
	size_t n;
	char *s = buf_take(&b, &n);
	assert_string_equal(s, "xin chào 5!");
	assert_int_equal(n, strlen("xin chào 5!"));
	assert_null(b.data);
	free(s);
}

static void buf_cap_is_sticky(void **state)
{
	Buf b;
	buf_init(&b, 8);
	buf_puts(&b, "12345");
	assert_false(b.failed);
	buf_puts(&b, "6789");
	assert_true(b.failed);
	buf_puts(&b, "a");
	assert_string_equal(buf_str(&b), "12345");
	assert_null(buf_take(&b, NULL));
}

static void buf_empty_take_is_empty_string(void **state)
{
	Buf b;
	buf_init(&b, 0);
	char *s = buf_take(&b, NULL);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void arena_aligns_zeroes_and_caps(void **state)
{
	Arena a;
	arena_init(&a, 100000);
	char *p = arena_alloc(&a, 3);
	long double *q = arena_alloc(&a, sizeof *q);
	assert_non_null(p);
	assert_int_equal((uintptr_t)q % _Alignof(max_align_t), 0);
	assert_int_equal(*q, 0);
	/* A block bigger than the default one works, then the cap refuses more. */
	assert_non_null(arena_alloc(&a, 50000));
	assert_null(arena_alloc(&a, 60000));
	assert_string_equal(arena_printf(&a, "%s-%d", "x", 7), "x-7");
	arena_free(&a);
	assert_null(a.head);
}

static const struct {
	const char *in, *out;
} escapes[] = {
	{"plain", "plain"},
	{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
	{"a & b", "a &amp; b"},
	{"\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"},
	{"Nguyễn Thị Hòa", "Nguyễn Thị Hòa"},
	{"a\x01" "b\x7f\tc", "ab\tc"},
	{"x\xC2\x85y\xC2\xA0z", "xy\xC2\xA0z"},     /* C1 NEL dropped, no-break space kept */
	{"", ""},
};

static void html_escapes_text(void **state)
{
	for (size_t i = 0; i < sizeof escapes / sizeof *escapes; i++) {
		Buf b;
		buf_init(&b, 0);
		html_txt(&b, escapes[i].in);
		assert_string_equal(buf_str(&b), escapes[i].out);
		buf_reset(&b);
		html_attr(&b, escapes[i].in);
		assert_string_equal(buf_str(&b), escapes[i].out);
		buf_free(&b);
	}
}

static void html_urlenc_encodes_reserved(void **state)
{
	Buf b;
	buf_init(&b, 0);
	html_urlenc(&b, "/admin/users?page=2&x=Đ ");
	assert_string_equal(buf_str(&b), "/admin/users%3Fpage%3D2%26x%3D%C4%90%20");
	buf_free(&b);
}

static const struct {
	const char *s;
	size_t n;
	int ok;
	size_t bad_at;
} utf8_cases[] = {
	{"abc", 3, 1, 0},
	{"Đà Nẵng", sizeof "Đà Nẵng" - 1, 1, 0},
	{"\xF0\x9F\x98\x80", 4, 1, 0},          /* emoji */
	{"a\xC3", 2, 0, 1},                      /* truncated */
	{"\xC0\xAF", 2, 0, 0},                   /* overlong '/' */
	{"\xED\xA0\x80", 3, 0, 0},               /* surrogate */
	{"\xF4\x90\x80\x80", 4, 0, 0},           /* above U+10FFFF */
	{"ab\xFF", 3, 0, 2},
	{"\xE0\x80\x80", 3, 0, 0},               /* overlong 3-byte */
};

static void utf8_validates(void **state)
{
	for (size_t i = 0; i < sizeof utf8_cases / sizeof *utf8_cases; i++) {
		size_t at = 99;
		assert_int_equal(utf8_valid(utf8_cases[i].s, utf8_cases[i].n, &at), utf8_cases[i].ok);
		if (!utf8_cases[i].ok)
			assert_int_equal(at, utf8_cases[i].bad_at);
	}
}

static void csv_quotes_like_excel_expects(void **state)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	csv_begin(f);
	csv_field(f, "Hòa", 0);
	csv_field(f, "a,b", 0);
	csv_field(f, "say \"hi\"", 0);
	csv_field(f, "=SUM(A1)", 0);
	csv_field(f, NULL, 1);
	fclose(f);
	assert_string_equal(out, "\xEF\xBB\xBFHòa,\"a,b\",\"say \"\"hi\"\"\",\"'=SUM(A1)\",\r\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_appends_and_takes),
		cmocka_unit_test(buf_cap_is_sticky),
		cmocka_unit_test(buf_empty_take_is_empty_string),
		cmocka_unit_test(arena_aligns_zeroes_and_caps),
		cmocka_unit_test(html_escapes_text),
		cmocka_unit_test(html_urlenc_encodes_reserved),
		cmocka_unit_test(utf8_validates),
		cmocka_unit_test(csv_quotes_like_excel_expects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
