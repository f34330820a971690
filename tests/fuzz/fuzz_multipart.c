/* libFuzzer target: the streaming multipart parser. Input layout: byte 0 gives k (1..8),
 * the next k bytes give chunk sizes (1..256, used in turn), the rest is the body for
 * "multipart/form-data; boundary=AaB03x". The body is parsed once whole and once in those
 * chunks; both must end the same way and, on success, give the same fields and files. The
 * body's first line also serves as a Content-Type value for multipart_new. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/parse.h"

#define CHECK(x)                                                                       \
	do {                                                                           \
		if (!(x)) {                                                            \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,     \
				__LINE__, #x);                                         \
			abort();                                                       \
		}                                                                      \
	} while (0)

enum { MAX_FIELD = 100, MAX_FILE = 300 };

static const char *tmpdir(void)
{
	const char *d = getenv("TMPDIR");
	return d && *d ? d : "/tmp";
}

/* Parses body with chunk sizes taken from sizes[0..k) in turn (k == 0: all at once). */
static Multipart *run(Arena *a, const uint8_t *body, size_t n, const uint8_t *sizes, size_t k,
		      ParseStatus *st)
{
	Multipart *m = multipart_new(a, "multipart/form-data; boundary=AaB03x", tmpdir(),
				     MAX_FIELD, MAX_FILE);
	CHECK(m);
	*st = PARSE_OK;
	size_t off = 0, turn = 0;
	while (off < n && *st == PARSE_OK) {
		size_t step = k ? (size_t)sizes[turn++ % k] + 1 : n;
		if (step > n - off)
			step = n - off;
		*st = multipart_feed(m, (const char *)body + off, step);
		off += step;
	}
	if (*st == PARSE_OK)
		*st = multipart_finish(m);
	return m;
}

/* Returns the malloc'd contents of a file of the given size (caller frees). */
static char *slurp(const char *path, size_t size)
{
	struct stat sb;
	CHECK(stat(path, &sb) == 0);
	CHECK((size_t)sb.st_size == size);
	char *buf = malloc(size + 1);
	CHECK(buf);
	FILE *f = fopen(path, "rb");
	CHECK(f);
	CHECK(fread(buf, 1, size, f) == size);
	fclose(f);
	return buf;
}

static void check_fields(const ParamList *l)
{
	for (size_t i = 0; i < l->count; i++) {
		const Param *p = &l->items[i];
		CHECK(strlen(p->name) <= PARSE_MAX_NAME);
		CHECK(utf8_valid(p->name, strlen(p->name), NULL));
		CHECK(p->value_len <= MAX_FIELD);
		CHECK(strlen(p->value) == p->value_len);
		CHECK(utf8_valid(p->value, p->value_len, NULL));
	}
}

static void check_same_fields(const ParamList *x, const ParamList *y)
{
	CHECK(x->count == y->count);
	for (size_t i = 0; i < x->count; i++) {
		CHECK(strcmp(x->items[i].name, y->items[i].name) == 0);
		CHECK(strcmp(x->items[i].value, y->items[i].value) == 0);
	}
}

static void check_same_uploads(const Multipart *x, const Multipart *y)
{
	size_t nx, ny;
	const Upload *ux = multipart_uploads(x, &nx);
	const Upload *uy = multipart_uploads(y, &ny);
	CHECK(nx == ny);
	for (size_t i = 0; i < nx; i++) {
		CHECK(utf8_valid(ux[i].name, strlen(ux[i].name), NULL));
		CHECK(utf8_valid(ux[i].filename, strlen(ux[i].filename), NULL));
		CHECK(utf8_valid(ux[i].content_type, strlen(ux[i].content_type), NULL));
		CHECK(strcmp(ux[i].name, uy[i].name) == 0);
		CHECK(strcmp(ux[i].filename, uy[i].filename) == 0);
		CHECK(strcmp(ux[i].content_type, uy[i].content_type) == 0);
		CHECK(ux[i].size <= MAX_FILE && ux[i].size == uy[i].size);
		char *bx = slurp(ux[i].path, ux[i].size), *by = slurp(uy[i].path, uy[i].size);
		CHECK(memcmp(bx, by, ux[i].size) == 0);
		free(bx);
		free(by);
	}
}

/* Once both parsers are freed no temporary file is left; freeing again does nothing. */
static void free_and_check(Multipart *x, Multipart *y, const char **paths, size_t n)
{
	multipart_free(x);
	multipart_free(y);
	for (size_t i = 0; i < n; i++)
		CHECK(access(paths[i], F_OK) != 0);
	multipart_free(x);
}

static void check_content_type(Arena *a, const uint8_t *body, size_t n)
{
	const uint8_t *eol = memchr(body, '\r', n);
	size_t len = eol ? (size_t)(eol - body) : n;
	char *ct = arena_strndup(a, (const char *)body, len);
	CHECK(ct);
	Multipart *m = multipart_new(a, ct, tmpdir(), MAX_FIELD, MAX_FILE);
	multipart_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t k = (size_t)(data[0] & 7) + 1;
	if (size < 1 + k)
		return 0;
	const uint8_t *sizes = data + 1, *body = data + 1 + k;
	size_t n = size - 1 - k;

	Arena a;
	arena_init(&a, 0);
	ParseStatus whole_st, chunked_st;
	Multipart *whole = run(&a, body, n, NULL, 0, &whole_st);
	Multipart *chunked = run(&a, body, n, sizes, k, &chunked_st);
	CHECK(whole_st == chunked_st);

	const char *paths[2 * 1024];
	size_t npaths = 0;
	if (whole_st == PARSE_OK) {
		check_fields(multipart_fields(whole));
		check_same_fields(multipart_fields(whole), multipart_fields(chunked));
		check_same_uploads(whole, chunked);
		size_t nu;
		const Upload *u = multipart_uploads(whole, &nu);
		for (size_t i = 0; i < nu && npaths < sizeof paths / sizeof *paths; i++)
			paths[npaths++] = arena_strdup(&a, u[i].path);
		u = multipart_uploads(chunked, &nu);
		for (size_t i = 0; i < nu && npaths < sizeof paths / sizeof *paths; i++)
			paths[npaths++] = arena_strdup(&a, u[i].path);
	} else {
		size_t nu = 1;
		CHECK(multipart_uploads(whole, &nu) == NULL && nu == 0);
		CHECK(multipart_fields(whole)->count == 0);
	}
	free_and_check(whole, chunked, paths, npaths);
	check_content_type(&a, body, n);
	arena_free(&a);
	return 0;
}
