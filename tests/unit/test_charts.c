/* The SVG charts and the province map (out/chart.c, out/map.c): escaped labels, a title and a
 * description, bars as long as their values, the 34 provinces and both archipelagos. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/buf.h"
#include "out/chart.h"
#include "out/map.h"

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static void fmt(double v, char out[32])
{
	snprintf(out, 32, "%.0f", v);
}

static void test_hbars(void **state)
{
	(void)state;
	ChartPoint p[] = {{"Hà Nội <1>", 1, 50, "50"}, {"Thanh Hóa", 1, 100, "100"}, {"Huế", 0, 0, "—"}};
	Chart c = {.id = "x", .title = "Thành viên & CLB", .desc = "Hà Nội: 50; Thanh Hóa: 100", .points = p, .n = 3,
		   .format = fmt, .has_target = 1, .target = 100, .target_text = "chỉ tiêu", .empty_text = "—"};
	Buf b;
	buf_init(&b, 0);
	chart_hbars_svg(&b, &c);
	const char *s = buf_str(&b);
	assert_non_null(strstr(s, "<title id=\"x-title\">Thành viên &amp; CLB</title><desc id=\"x-desc\">"));
	assert_non_null(strstr(s, "aria-labelledby=\"x-title x-desc\""));
	assert_non_null(strstr(s, "Hà Nội &lt;1&gt;"));
	assert_null(strstr(s, "<1>"));
	/* Two bars (the third has no value), the second twice as long as the first. */
	assert_int_equal(count(s, "<rect "), 2);
	assert_non_null(strstr(s, "width=\"180.0\""));
	assert_non_null(strstr(s, "width=\"360.0\""));
	assert_non_null(strstr(s, ">—</text>"));
	assert_non_null(strstr(s, "stroke-dasharray"));
	buf_free(&b);
}

static void test_map(void **state)
{
	(void)state;
	assert_int_equal(map_province_count(), 34);
	MapValue v[] = {{"38", 1, 7, "7"}, {"01", 1, 2, "2"}};
	MapSpec m = {.id = "m", .title = "Thành viên", .desc = "Thanh Hóa: 7; Hà Nội: 2", .note = "Số liệu trước 01/7/2025 được quy đổi theo 34 tỉnh, thành phố hiện nay.",
		     .no_data = "Không có số liệu", .values = v, .n = 2, .format = fmt};
	Buf b;
	buf_init(&b, 0);
	assert_int_equal(map_provinces_svg(&b, &m), 0);
	const char *s = buf_str(&b);
	assert_int_equal(count(s, "<path class=\"province\""), 34);
	assert_int_equal(count(s, "<g class=\"archipelago\""), 2);
	assert_non_null(strstr(s, "<title>Quần đảo Hoàng Sa</title>"));
	assert_non_null(strstr(s, "<title>Quần đảo Trường Sa</title>"));
	assert_non_null(strstr(s, "<title>Thanh Hóa: 7</title>"));
	assert_non_null(strstr(s, "<title>Huế: Không có số liệu</title>"));
	/* Classes of 2 from 0 to 10 (the round top above 7): Thanh Hóa in 6–8, Hà Nội in 2–4; the rest without a figure. */
	assert_non_null(strstr(s, "data-code=\"38\" fill=\"url(#m-c3)\""));
	assert_non_null(strstr(s, "data-code=\"01\" fill=\"url(#m-c1)\""));
	assert_int_equal(count(s, "fill=\"url(#m-none)\" d="), 32);
	assert_non_null(strstr(s, "Số liệu trước 01/7/2025"));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hbars),
		cmocka_unit_test(test_map),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
