/* libFuzzer target: parse_json_object. On success the value is an object no deeper than
 * PARSE_JSON_MAX_DEPTH whose strings hold no NUL, and it survives dumping and parsing again;
 * on failure there is no value and there is a message. */
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

/* Returns the nesting depth of j (a scalar is 0) and checks its strings. */
static int check_value(json_t *j)
{
	int deepest = 0;
	if (json_is_string(j)) {
		CHECK(strlen(json_string_value(j)) == json_string_length(j));
		CHECK(utf8_valid(json_string_value(j), json_string_length(j), NULL));
	} else if (json_is_object(j)) {
		const char *key;
		json_t *v;
		json_object_foreach(j, key, v) {
			CHECK(utf8_valid(key, strlen(key), NULL));
			int d = check_value(v);
			deepest = d > deepest ? d : deepest;
		}
		deepest++;
	} else if (json_is_array(j)) {
		size_t i;
		json_t *v;
		json_array_foreach(j, i, v) {
			int d = check_value(v);
			deepest = d > deepest ? d : deepest;
		}
		deepest++;
	}
	return deepest;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Arena a;
	arena_init(&a, 0);
	json_t *j = NULL;
	const char *msg = NULL;
	ParseStatus st = parse_json_object(&a, (const char *)data, size, &j, &msg);
	if (st == PARSE_OK) {
		CHECK(json_is_object(j));
		CHECK(msg == NULL);
		CHECK(check_value(j) <= PARSE_JSON_MAX_DEPTH);
		char *text = json_dumps(j, JSON_COMPACT);
		CHECK(text);
		json_t *again = NULL;
		CHECK(parse_json_object(&a, text, strlen(text), &again, NULL) == PARSE_OK);
		CHECK(json_equal(j, again));
		json_decref(again);
		free(text);
	} else {
		CHECK(st == PARSE_BAD_UTF8 || st == PARSE_MALFORMED);
		CHECK(j == NULL);
		CHECK(msg != NULL);
	}
	json_decref(j);
	arena_free(&a);
	return 0;
}
