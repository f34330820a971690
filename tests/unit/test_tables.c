/* The hand-written tables: routes, commands, the error catalogue, the OpenAPI document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/openapi.h"
#include "cli/cmd.h"
#include "core/err.h"
#include "http/route.h"

static void routes_are_unique_and_described(void **state)
{
	for (const Route *a = routes; a->method; a++) {
		assert_non_null(a->handler);
		assert_non_null(a->summary);
		assert_true(strlen(a->summary) > 5);
		assert_true(a->path[0] == '/');
		/* A route needs a log-in or is public, never neither. */
		assert_true((a->flags & R_PUBLIC) || a->roles);
		assert_false((a->flags & R_PUBLIC) && a->roles);
		for (const Route *b = a + 1; b->method; b++)
			assert_false(strcmp(a->method, b->method) == 0 && strcmp(a->path, b->path) == 0);
	}
}

static void api_routes_answer_json(void **state)
{
	for (const Route *a = routes; a->method; a++)
		if (strncmp(a->path, "/api/", 5) == 0)
			assert_true(a->flags & R_API);
}

static void every_route_is_in_openapi(void **state)
{
	json_t *doc = openapi_build();
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
	json_t *paths = json_object_get(doc, "paths");
	for (const Route *a = routes; a->method; a++) {
		json_t *item = json_object_get(paths, a->path);
		assert_non_null(item);
		char m[8] = {0};
		for (size_t i = 0; a->method[i] && i < 7; i++)
			m[i] = (char)(a->method[i] + 32);
		json_t *op = json_object_get(item, m);
		assert_non_null(op);
		assert_string_equal(json_string_value(json_object_get(op, "summary")), a->summary);
	}
	json_decref(doc);
}

static void commands_are_unique_and_described(void **state)
{
	for (const Command *a = commands; a->name; a++) {
		assert_non_null(a->run);
		assert_true(strlen(a->help) > 5);
		assert_non_null(a->usage);
		assert_non_null(a->options);
		for (const Command *b = a + 1; b->name; b++)
			assert_string_not_equal(a->name, b->name);
	}
}

static void error_catalogue_is_complete(void **state)
{
	for (int c = 0; c < E_COUNT_; c++) {
		assert_non_null(err_code_name((ErrCode)c));
		int s = err_http_status((ErrCode)c);
		assert_true(s >= 200 && s < 600);
		const char *vi = err_message((ErrCode)c, "vi"), *en = err_message((ErrCode)c, "en");
		assert_true(strlen(vi) > 3 && strlen(en) > 3);
		assert_string_not_equal(vi, en);
		for (int d = c + 1; d < E_COUNT_; d++)
			assert_string_not_equal(err_code_name((ErrCode)c), err_code_name((ErrCode)d));
	}
	/* A code out of range is our bug, reported as internal rather than crashing. */
	assert_string_equal(err_code_name((ErrCode)9999), "internal");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(routes_are_unique_and_described),
		cmocka_unit_test(api_routes_answer_json),
		cmocka_unit_test(every_route_is_in_openapi),
		cmocka_unit_test(commands_are_unique_and_described),
		cmocka_unit_test(error_catalogue_is_complete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
