/* Unit tests for src/http/parse.c: one table per parser, one behaviour per row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "http/parse.h"

#define LEN(x) (sizeof(x) / sizeof((x)[0]))
/* Row fields for a string literal and its length, so inputs may hold NUL bytes. */
#define IN(s) .in = s, .len = sizeof(s) - 1
#define BODY(s) .body = s, .body_len = sizeof(s) - 1
#define CONTENT(s) .content = s, .content_len = sizeof(s) - 1

/* Inputs too long to write out are built by a generator named in the row. */
typedef enum Gen {
	GEN_NONE,
	GEN_NAME_256,           /* "nnn…n=1", name of PARSE_MAX_NAME bytes */
	GEN_NAME_257,
	GEN_PAIRS_1000,         /* "a=1&a=1&…" */
	GEN_PAIRS_1001,
	GEN_COOKIES_50,         /* "c=1; c=1; …" */
	GEN_COOKIES_51,
	GEN_COOKIE_8192,        /* "a=xxx…", 8 KiB in all */
	GEN_COOKIE_8193,
	GEN_JSON_DEPTH_32,      /* {"a":{"a":…{}…}} */
	GEN_JSON_DEPTH_33,
	GEN_MP_HEADER_8K,       /* a part whose header block is over 8 KiB */
	GEN_MP_PARTS_1001,      /* more parts than PARSE_MAX_PARAMS */
} Gen;

static const char MP_PART[] =
	"--AaB03x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";

/* Appends text at s[*len]. (Plain copies: gcc 12 with UBSan misreads sprintf(s + len, …).) */
static void put(char *s, size_t *len, const char *text)
{
	size_t n = strlen(text);
	memcpy(s + *len, text, n);
	*len += n;
}

/* Returns a malloc'd input for g (caller frees) and its length in *n. */
static char *gen_input(Gen g, size_t *n)
{
	size_t cap = 256 * 1024, len = 0;
	char *s = malloc(cap);
	if (!s)
		abort();
	switch (g) {
	case GEN_NAME_256:
	case GEN_NAME_257:
		len = g == GEN_NAME_256 ? 256 : 257;
		memset(s, 'n', len);
		put(s, &len, "=1");
		break;
	case GEN_PAIRS_1000:
	case GEN_PAIRS_1001:
		for (int i = 0; i < (g == GEN_PAIRS_1000 ? 1000 : 1001); i++)
			put(s, &len, i ? "&a=1" : "a=1");
		break;
	case GEN_COOKIES_50:
	case GEN_COOKIES_51:
		for (int i = 0; i < (g == GEN_COOKIES_50 ? 50 : 51); i++)
			put(s, &len, i ? "; c=1" : "c=1");
		break;
	case GEN_COOKIE_8192:
	case GEN_COOKIE_8193:
		len = g == GEN_COOKIE_8192 ? 8192 : 8193;
		memset(s, 'x', len);
		memcpy(s, "a=", 2);
		break;
	case GEN_JSON_DEPTH_32:
	case GEN_JSON_DEPTH_33:
		for (int i = 1; i < (g == GEN_JSON_DEPTH_32 ? 32 : 33); i++)
			put(s, &len, "{\"a\":");
		put(s, &len, "{}");
		for (int i = 1; i < (g == GEN_JSON_DEPTH_32 ? 32 : 33); i++)
			put(s, &len, "}");
		break;
	case GEN_MP_HEADER_8K:
		put(s, &len, "--AaB03x\r\nX-Filler: ");
		memset(s + len, 'f', 8200);
		len += 8200;
		put(s, &len, "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--AaB03x--\r\n");
		break;
	case GEN_MP_PARTS_1001:
		for (int i = 0; i < 1001; i++)
			put(s, &len, MP_PART);
		put(s, &len, "--AaB03x--\r\n");
		break;
	case GEN_NONE:
		break;
	}
	assert_true(len < cap);
	s[len] = '\0';
	*n = len;
	return s;
}

/* Checks the invariants every successful parse promises for its pairs. */
static void assert_params_sane(const ParamList *l)
{
	for (size_t i = 0; i < l->count; i++) {
		const Param *p = &l->items[i];
		assert_true(utf8_valid(p->name, strlen(p->name), NULL));
		assert_int_equal(strlen(p->value), p->value_len);
		assert_true(utf8_valid(p->value, p->value_len, NULL));
	}
}

/* Checks l holds exactly the pairs in want (name, value, …, NULL). */
static void assert_params(const ParamList *l, const char *const *want)
{
	size_t n = 0;
	while (want[2 * n])
		n++;
	assert_int_equal(l->count, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(l->items[i].name, want[2 * i]);
		assert_string_equal(l->items[i].value, want[2 * i + 1]);
	}
	assert_params_sane(l);
}

/* ---- application/x-www-form-urlencoded ---- */

typedef struct FormCase {
	const char *what;
	const char *in;
	size_t len;
	ParseStatus want;
	const char *pairs[9];
	Gen gen;
	size_t arena_cap;
} FormCase;

static const FormCase form_cases[] = {
	{ "form: pairs with %-encoded UTF-8", IN("a=1&b=%C3%A2"), .pairs = { "a", "1", "b", "\xC3\xA2" } },
	{ "form: plus is a space", IN("q=Nguy%E1%BB%85n+V%C4%83n"),
	  .pairs = { "q", "Nguy\xE1\xBB\x85n V\xC4\x83n" } },
	{ "form: lower-case hex", IN("x=%c3%a2"), .pairs = { "x", "\xC3\xA2" } },
	{ "form: name is decoded too", IN("h%E1%BB%8D+t%C3%AAn=A"),
	  .pairs = { "h\xE1\xBB\x8D t\xC3\xAAn", "A" } },
	{ "form: pair without = has empty value", IN("flag&a=1"),
	  .pairs = { "flag", "", "a", "1" } },
	{ "form: empty pairs are skipped", IN("&a=1&&b=2&"), .pairs = { "a", "1", "b", "2" } },
	{ "form: semicolon is not a separator", IN("a=1;b=2"), .pairs = { "a", "1;b=2" } },
	{ "form: only the first = splits", IN("a=b=c"), .pairs = { "a", "b=c" } },
	{ "form: empty name is kept", IN("=v"), .pairs = { "", "v" } },
	{ "form: %25 decodes to a literal percent", IN("p=100%25"), .pairs = { "p", "100%" } },
	{ "form: empty input", IN("") },
	{ "form: bad hex digit", IN("a=%zz"), .want = PARSE_MALFORMED },
	{ "form: truncated escape", IN("a=%4"), .want = PARSE_MALFORMED },
	{ "form: percent at the end", IN("a=%"), .want = PARSE_MALFORMED },
	{ "form: bad escape in the name", IN("%g1=x"), .want = PARSE_MALFORMED },
	{ "form: %00 is refused", IN("a=%00"), .want = PARSE_MALFORMED },
	{ "form: raw NUL byte is refused", IN("a=x\0y"), .want = PARSE_MALFORMED },
	{ "form: invalid UTF-8 after decoding", IN("a=%C3%28"), .want = PARSE_BAD_UTF8 },
	{ "form: raw invalid UTF-8", IN("a=\xFF"), .want = PARSE_BAD_UTF8 },
	{ "form: overlong encoding", IN("a=%C0%AF"), .want = PARSE_BAD_UTF8 },
	{ "form: encoded surrogate", IN("a=%ED%A0%80"), .want = PARSE_BAD_UTF8 },
	{ "form: invalid UTF-8 in a name", IN("%E1%BB=x"), .want = PARSE_BAD_UTF8 },
	{ "form: name of 256 bytes", .gen = GEN_NAME_256 },
	{ "form: name of 257 bytes", .gen = GEN_NAME_257, .want = PARSE_TOO_LARGE },
	{ "form: 1000 pairs", .gen = GEN_PAIRS_1000 },
	{ "form: 1001 pairs", .gen = GEN_PAIRS_1001, .want = PARSE_TOO_LARGE },
	{ "form: arena cap reached", IN("a=1&b=2"), .arena_cap = 16, .want = PARSE_TOO_LARGE },
};

static void test_form(void **state)
{
	const FormCase *c = *state;
	size_t n = c->len;
	char *gen = c->gen ? gen_input(c->gen, &n) : NULL;
	Arena a;
	arena_init(&a, c->arena_cap);
	ParamList l = { 0 };
	assert_int_equal(parse_urlencoded(&a, gen ? gen : c->in, n, &l), c->want);
	if (c->want == PARSE_OK && !gen)
		assert_params(&l, c->pairs);
	if (c->want == PARSE_OK && gen)
		assert_params_sane(&l);
	arena_free(&a);
	free(gen);
}

typedef struct GetCase {
	const char *what;
	const char *form;
	const char *name;
	const char *want;       /* NULL: not found */
} GetCase;

static const GetCase get_cases[] = {
	{ "param_get: finds a value", "a=1&b=2", "b", "2" },
	{ "param_get: first of repeated names", "a=1&a=2", "a", "1" },
	{ "param_get: missing name is NULL", "a=1", "b", NULL },
	{ "param_get: pair without = is empty", "flag", "flag", "" },
	{ "param_get: names are case-sensitive", "A=1", "a", NULL },
};

static void test_get(void **state)
{
	const GetCase *c = *state;
	Arena a;
	arena_init(&a, 0);
	ParamList l = { 0 };
	assert_int_equal(parse_urlencoded(&a, c->form, strlen(c->form), &l), PARSE_OK);
	const char *v = param_get(&l, c->name);
	if (c->want)
		assert_string_equal(v, c->want);
	else
		assert_null(v);
	arena_free(&a);
}

/* ---- Cookie ---- */

typedef struct CookieCase {
	const char *what;
	const char *in;
	ParseStatus want;
	const char *pairs[9];
	Gen gen;
} CookieCase;

static const CookieCase cookie_cases[] = {
	{ "cookie: two pairs", "a=1; b=2", .pairs = { "a", "1", "b", "2" } },
	{ "cookie: surrounding quotes are removed", "sid=\"abc\"", .pairs = { "sid", "abc" } },
	{ "cookie: empty quoted value", "a=\"\"", .pairs = { "a", "" } },
	{ "cookie: a lone quote is kept", "a=\"x", .pairs = { "a", "\"x" } },
	{ "cookie: inner quotes are kept", "a=x\"y\"", .pairs = { "a", "x\"y\"" } },
	{ "cookie: value may hold =", "t=a=b", .pairs = { "t", "a=b" } },
	{ "cookie: no %-decoding", "a=%41+b", .pairs = { "a", "%41+b" } },
	{ "cookie: pair without = is skipped", "flag; a=1", .pairs = { "a", "1" } },
	{ "cookie: empty name is skipped", "=x; a=1", .pairs = { "a", "1" } },
	{ "cookie: spaces and tabs are trimmed", " a = 1 ;\tb=2\t",
	  .pairs = { "a", "1", "b", "2" } },
	{ "cookie: empty pieces are skipped", ";; a=1;", .pairs = { "a", "1" } },
	{ "cookie: empty header", "", .want = PARSE_OK },
	{ "cookie: control character refused", "a=1\x01", .want = PARSE_MALFORMED },
	{ "cookie: 8-bit byte refused", "a=\xC3\xA2", .want = PARSE_MALFORMED },
	{ "cookie: DEL in a name refused", "\x7F" "a=1", .want = PARSE_MALFORMED },
	{ "cookie: 50 pairs", .gen = GEN_COOKIES_50 },
	{ "cookie: 51 pairs", .gen = GEN_COOKIES_51, .want = PARSE_TOO_LARGE },
	{ "cookie: header of 8 KiB", .gen = GEN_COOKIE_8192 },
	{ "cookie: header over 8 KiB", .gen = GEN_COOKIE_8193, .want = PARSE_TOO_LARGE },
};

static void test_cookie(void **state)
{
	const CookieCase *c = *state;
	size_t n;
	char *gen = c->gen ? gen_input(c->gen, &n) : NULL;
	Arena a;
	arena_init(&a, 0);
	ParamList l = { 0 };
	assert_int_equal(parse_cookies(&a, gen ? gen : c->in, &l), c->want);
	if (c->want == PARSE_OK && !gen)
		assert_params(&l, c->pairs);
	if (c->want == PARSE_OK && gen)
		assert_params_sane(&l);
	arena_free(&a);
	free(gen);
}

/* ---- multipart/form-data ---- */

#define CT "multipart/form-data; boundary=AaB03x"

typedef struct ContentTypeCase {
	const char *what;
	const char *ct;
	int ok;
} ContentTypeCase;

static const ContentTypeCase content_type_cases[] = {
	{ "multipart_new: plain boundary", CT, 1 },
	{ "multipart_new: quoted boundary with space and colon",
	  "multipart/form-data; boundary=\"a b:c\"", 1 },
	{ "multipart_new: case-insensitive, other parameters",
	  "Multipart/Form-Data; charset=utf-8; BOUNDARY=x", 1 },
	{ "multipart_new: boundary of 70 characters",
	  "multipart/form-data; boundary="
	  "0123456789012345678901234567890123456789012345678901234567890123456789", 1 },
	{ "multipart_new: boundary of 71 characters",
	  "multipart/form-data; boundary="
	  "01234567890123456789012345678901234567890123456789012345678901234567890", 0 },
	{ "multipart_new: other multipart type", "multipart/mixed; boundary=x", 0 },
	{ "multipart_new: not multipart", "application/x-www-form-urlencoded", 0 },
	{ "multipart_new: no boundary", "multipart/form-data", 0 },
	{ "multipart_new: empty boundary", "multipart/form-data; boundary=\"\"", 0 },
	{ "multipart_new: boundary ending in space", "multipart/form-data; boundary=\"ab \"", 0 },
	{ "multipart_new: character outside bchars", "multipart/form-data; boundary=a@b", 0 },
	{ "multipart_new: two boundaries",
	  "multipart/form-data; boundary=a; boundary=b", 0 },
	{ "multipart_new: unterminated quote", "multipart/form-data; boundary=\"ab", 0 },
};

static void test_content_type(void **state)
{
	const ContentTypeCase *c = *state;
	Arena a;
	arena_init(&a, 0);
	Multipart *m = multipart_new(&a, c->ct, "/tmp", 100, 100);
	if (c->ok)
		assert_non_null(m);
	else
		assert_null(m);
	multipart_free(m);
	arena_free(&a);
}

typedef struct MpFile {
	const char *name;
	const char *filename;
	const char *content_type;
	const char *content;
	size_t content_len;
} MpFile;

typedef struct MpCase {
	const char *what;
	const char *body;
	size_t body_len;
	size_t chunk;           /* feed in pieces of this many bytes; 0: all at once */
	size_t max_field;
	size_t max_file;
	ParseStatus want;       /* first failure of a feed, else the result of finish */
	const char *fields[9];
	MpFile files[3];
	Gen gen;
} MpCase;

#define MP_FORM                                                                        \
	"--AaB03x\r\n"                                                                 \
	"Content-Disposition: form-data; name=\"title\"\r\n"                           \
	"\r\n"                                                                         \
	"B\xC3\xA1o c\xC3\xA1o th\xC3\xA1ng 5\r\n"                                     \
	"--AaB03x\r\n"                                                                 \
	"Content-Disposition: form-data; name=\"book\"; filename=\"s\xE1\xBB\x95.csv\"\r\n" \
	"Content-Type: text/csv\r\n"                                                   \
	"\r\n"                                                                         \
	"ho,ten\r\nNguy\xE1\xBB\x85n,A\r\n"                                            \
	"--AaB03x--\r\n"
#define MP_FORM_FIELDS { "title", "B\xC3\xA1o c\xC3\xA1o th\xC3\xA1ng 5" }
#define MP_FORM_FILES                                                                   \
	{ { "book", "s\xE1\xBB\x95.csv", "text/csv", CONTENT("ho,ten\r\nNguy\xE1\xBB\x85n,A") } }

/* File content that starts the delimiter several times over without finishing it. */
#define MP_LOOKALIKE_CONTENT "a\r\n--AaB03\r\r\n--AaB03y\r\n-\r\n--AaB03"
#define MP_LOOKALIKE                                                                   \
	"--AaB03x\r\n"                                                                 \
	"Content-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n"           \
	"\r\n" MP_LOOKALIKE_CONTENT "\r\n--AaB03x--"

#define ONE_FIELD(value)                                                               \
	"--AaB03x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" value         \
	"\r\n--AaB03x--\r\n"
#define ONE_FILE(disposition, content)                                                 \
	"--AaB03x\r\nContent-Disposition: form-data; " disposition "\r\n\r\n" content  \
	"\r\n--AaB03x--\r\n"
#define ONE_FIELD_NAMED(name)                                                          \
	"--AaB03x\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\nv"          \
	"\r\n--AaB03x--\r\n"
#define NAME_257                                                                       \
	"0123456789012345678901234567890123456789012345678901234567890123"             \
	"0123456789012345678901234567890123456789012345678901234567890123"             \
	"0123456789012345678901234567890123456789012345678901234567890123"             \
	"0123456789012345678901234567890123456789012345678901234567890123X"

/* Caps are 1024 unless a row says otherwise (see test_multipart). */
static const MpCase mp_cases[] = {
	{ "multipart: field and file in one piece", BODY(MP_FORM), .fields = MP_FORM_FIELDS,
	  .files = MP_FORM_FILES },
	{ "multipart: field and file in 1-byte chunks", BODY(MP_FORM), .chunk = 1,
	  .fields = MP_FORM_FIELDS, .files = MP_FORM_FILES },
	{ "multipart: field and file in 7-byte chunks", BODY(MP_FORM), .chunk = 7,
	  .fields = MP_FORM_FIELDS, .files = MP_FORM_FILES },
	{ "multipart: delimiter look-alikes stay content", BODY(MP_LOOKALIKE),
	  .files = { { "f", "x.bin", "text/plain", CONTENT(MP_LOOKALIKE_CONTENT) } } },
	{ "multipart: delimiter look-alikes in 1-byte chunks", BODY(MP_LOOKALIKE), .chunk = 1,
	  .files = { { "f", "x.bin", "text/plain", CONTENT(MP_LOOKALIKE_CONTENT) } } },
	{ "multipart: binary file keeps NUL and CR bytes",
	  BODY(ONE_FILE("name=\"f\"; filename=\"b\"", "\0\r\0\n\r")),
	  .files = { { "f", "b", "text/plain", CONTENT("\0\r\0\n\r") } } },
	{ "multipart: preamble and epilogue are ignored",
	  BODY("preamble\r\n" ONE_FIELD("v") "epilogue\r\n--AaB03x\r\n"),
	  .fields = { "a", "v" } },
	{ "multipart: transport padding after a delimiter",
	  BODY("--AaB03x \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n"
	       "--AaB03x--"), .fields = { "a", "v" } },
	{ "multipart: form with no parts", BODY("--AaB03x--\r\n") },
	{ "multipart: empty field", BODY(ONE_FIELD("")), .fields = { "a", "" } },
	{ "multipart: unquoted name",
	  BODY("--AaB03x\r\nContent-Disposition: form-data; name=title\r\n\r\nv\r\n--AaB03x--"),
	  .fields = { "title", "v" } },
	{ "multipart: header names and form-data are case-insensitive",
	  BODY("--AaB03x\r\nCONTENT-DISPOSITION: Form-Data; NAME=\"a\"\r\n\r\nv\r\n--AaB03x--"),
	  .fields = { "a", "v" } },
	{ "multipart: unknown headers are ignored",
	  BODY("--AaB03x\r\nX-Foo: bar\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	       "v\r\n--AaB03x--"), .fields = { "a", "v" } },
	{ "multipart: backslashes in a filename are literal",
	  BODY(ONE_FILE("name=\"f\"; filename=\"C:\\tmp\\a.csv\"", "x")),
	  .files = { { "f", "C:\\tmp\\a.csv", "text/plain", CONTENT("x") } } },
	{ "multipart: empty filename is still an upload",
	  BODY(ONE_FILE("name=\"f\"; filename=\"\"", "")),
	  .files = { { "f", "", "text/plain", CONTENT("") } } },
	{ "multipart: field at the cap", BODY(ONE_FIELD("12345")), .max_field = 5,
	  .fields = { "a", "12345" } },
	{ "multipart: field over the cap", BODY(ONE_FIELD("123456")), .max_field = 5,
	  .want = PARSE_TOO_LARGE },
	{ "multipart: field over the cap in 1-byte chunks", BODY(ONE_FIELD("123456")),
	  .chunk = 1, .max_field = 5, .want = PARSE_TOO_LARGE },
	{ "multipart: file at the cap", BODY(ONE_FILE("name=\"f\"; filename=\"a\"", "abc")),
	  .max_file = 3, .files = { { "f", "a", "text/plain", CONTENT("abc") } } },
	{ "multipart: file over the cap", BODY(ONE_FILE("name=\"f\"; filename=\"a\"", "abcd")),
	  .max_file = 3, .want = PARSE_TOO_LARGE },
	{ "multipart: missing closing delimiter",
	  BODY("--AaB03x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n"), .chunk = 1,
	  .want = PARSE_MALFORMED },
	{ "multipart: body ends after a delimiter line",
	  BODY("--AaB03x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--AaB03x\r\n"),
	  .want = PARSE_MALFORMED },
	{ "multipart: empty body", BODY(""), .want = PARSE_MALFORMED },
	{ "multipart: field not UTF-8", BODY(ONE_FIELD("\xC3\x28")), .want = PARSE_BAD_UTF8 },
	{ "multipart: NUL in a field", BODY(ONE_FIELD("a\0b")), .want = PARSE_MALFORMED },
	{ "multipart: filename not UTF-8", BODY(ONE_FILE("name=\"f\"; filename=\"\xFF\"", "x")),
	  .want = PARSE_BAD_UTF8 },
	{ "multipart: part without Content-Disposition",
	  BODY("--AaB03x\r\nContent-Type: text/plain\r\n\r\nv\r\n--AaB03x--"),
	  .want = PARSE_MALFORMED },
	{ "multipart: part with no headers", BODY("--AaB03x\r\n\r\nv\r\n--AaB03x--"),
	  .want = PARSE_MALFORMED },
	{ "multipart: disposition without a name", BODY(ONE_FILE("filename=\"a\"", "x")),
	  .want = PARSE_MALFORMED },
	{ "multipart: disposition that is not form-data",
	  BODY("--AaB03x\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--AaB03x--"),
	  .want = PARSE_MALFORMED },
	{ "multipart: name given twice", BODY(ONE_FILE("name=\"a\"; name=\"b\"", "x")),
	  .want = PARSE_MALFORMED },
	{ "multipart: name over 256 bytes", BODY(ONE_FIELD_NAMED(NAME_257)),
	  .want = PARSE_TOO_LARGE },
	{ "multipart: garbage after a delimiter",
	  BODY("--AaB03xZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--AaB03x--"),
	  .want = PARSE_MALFORMED },
	{ "multipart: bare LF after a delimiter",
	  BODY("--AaB03x\nContent-Disposition: form-data; name=\"a\"\n\nv\n--AaB03x--"),
	  .want = PARSE_MALFORMED },
	{ "multipart: folded header line",
	  BODY("--AaB03x\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\nv\r\n"
	       "--AaB03x--"), .want = PARSE_MALFORMED },
	{ "multipart: header block over 8 KiB", .gen = GEN_MP_HEADER_8K,
	  .want = PARSE_TOO_LARGE },
	{ "multipart: more than 1000 parts", .gen = GEN_MP_PARTS_1001, .want = PARSE_TOO_LARGE },
};

/* Makes an empty directory for one test's temporary files, under $ISHC_TEST_TMP (set by
 * meson), else $TMPDIR, else /tmp; caller frees the path. */
static char *tmpdir_new(void)
{
	const char *base = getenv("ISHC_TEST_TMP");
	if (!base || !*base)
		base = getenv("TMPDIR");
	char *dir = malloc(4096);
	assert_non_null(dir);
	snprintf(dir, 4096, "%s/test_parse.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(dir));
	return dir;
}

/* Removes dir, which must be empty: every temporary file was unlinked by multipart_free. */
static void tmpdir_done(char *dir)
{
	assert_int_equal(rmdir(dir), 0);
	free(dir);
}

/* Feeds body in pieces of chunk bytes (0: at once) and finishes; returns the first failure. */
static ParseStatus mp_run(Multipart *m, const char *body, size_t n, size_t chunk)
{
	size_t step = chunk ? chunk : n;
	for (size_t off = 0; off < n; off += step) {
		size_t k = n - off < step ? n - off : step;
		ParseStatus st = multipart_feed(m, body + off, k);
		if (st != PARSE_OK)
			return st;
	}
	return multipart_finish(m);
}

static void assert_file_holds(const char *path, const char *want, size_t n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char buf[256];
	size_t got = fread(buf, 1, sizeof buf, f);
	fclose(f);
	assert_int_equal(got, n);
	assert_memory_equal(buf, want, n);
}

static void assert_uploads(const Multipart *m, const MpFile *want)
{
	size_t n = 0, count;
	while (want[n].name)
		n++;
	const Upload *u = multipart_uploads(m, &count);
	assert_int_equal(count, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(u[i].name, want[i].name);
		assert_string_equal(u[i].filename, want[i].filename);
		assert_string_equal(u[i].content_type, want[i].content_type);
		assert_int_equal(u[i].size, want[i].content_len);
		assert_file_holds(u[i].path, want[i].content, want[i].content_len);
	}
}

static void test_multipart(void **state)
{
	const MpCase *c = *state;
	size_t n = c->body_len;
	char *gen = c->gen ? gen_input(c->gen, &n) : NULL;
	char *dir = tmpdir_new();
	Arena a;
	arena_init(&a, 0);
	Multipart *m = multipart_new(&a, CT, dir, c->max_field ? c->max_field : 1024,
				     c->max_file ? c->max_file : 1024);
	assert_non_null(m);
	assert_int_equal(mp_run(m, gen ? gen : c->body, n, c->chunk), c->want);
	if (c->want == PARSE_OK) {
		assert_params(multipart_fields(m), c->fields);
		assert_uploads(m, c->files);
	}
	multipart_free(m);
	tmpdir_done(dir);
	arena_free(&a);
	free(gen);
}

/* Splitting the body in two at every position gives what one piece gives. */
static void test_multipart_every_split(void **state)
{
	const MpCase *c = *state;
	char *dir = tmpdir_new();
	for (size_t cut = 0; cut <= c->body_len; cut++) {
		Arena a;
		arena_init(&a, 0);
		Multipart *m = multipart_new(&a, CT, dir, 1024, 1024);
		assert_non_null(m);
		assert_int_equal(multipart_feed(m, c->body, cut), PARSE_OK);
		assert_int_equal(multipart_feed(m, c->body + cut, c->body_len - cut), PARSE_OK);
		assert_int_equal(multipart_finish(m), PARSE_OK);
		assert_params(multipart_fields(m), c->fields);
		assert_uploads(m, c->files);
		multipart_free(m);
		arena_free(&a);
	}
	tmpdir_done(dir);
}

/* multipart_free unlinks the files, and a second call does nothing. */
static void test_multipart_free_twice(void **state)
{
	char *dir = tmpdir_new();
	Arena a;
	arena_init(&a, 0);
	Multipart *m = multipart_new(&a, CT, dir, 1024, 1024);
	assert_int_equal(mp_run(m, MP_FORM, sizeof MP_FORM - 1, 0), PARSE_OK);
	size_t count;
	const Upload *u = multipart_uploads(m, &count);
	assert_int_equal(count, 1);
	char *path = strdup(u[0].path);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	multipart_free(m);
	assert_int_not_equal(stat(path, &st), 0);
	multipart_free(m);
	tmpdir_done(dir);
	arena_free(&a);
	free(path);
}

/* A file part cut short leaves nothing behind once freed, and no results are offered. */
static void test_multipart_free_midway(void **state)
{
	static const char body[] = "--AaB03x\r\nContent-Disposition: form-data; name=\"f\"; "
				   "filename=\"a\"\r\n\r\npartial";
	char *dir = tmpdir_new();
	Arena a;
	arena_init(&a, 0);
	Multipart *m = multipart_new(&a, CT, dir, 1024, 1024);
	assert_int_equal(multipart_feed(m, body, sizeof body - 1), PARSE_OK);
	size_t count = 99;
	assert_null(multipart_uploads(m, &count));
	assert_int_equal(count, 0);
	assert_int_equal(multipart_finish(m), PARSE_MALFORMED);
	assert_int_equal(multipart_feed(m, "x", 1), PARSE_MALFORMED);     /* sticky */
	multipart_free(m);
	tmpdir_done(dir);
	arena_free(&a);
}

/* ---- JSON ---- */

typedef struct JsonCase {
	const char *what;
	const char *in;
	size_t len;
	ParseStatus want;
	const char *msg_prefix; /* expected start of the detail on failure, or NULL */
	Gen gen;
} JsonCase;

static const JsonCase json_cases[] = {
	{ "json: small object", IN("{\"a\":1}") },
	{ "json: empty object", IN("{}") },
	{ "json: surrounding whitespace and UTF-8 text",
	  IN(" \n{\"ten\":\"Nguy\xE1\xBB\x85n\"}\n") },
	{ "json: depth 32", .gen = GEN_JSON_DEPTH_32 },
	{ "json: depth 33", .gen = GEN_JSON_DEPTH_33, .want = PARSE_MALFORMED,
	  .msg_prefix = "line 1, column 161: nesting" },
	{ "json: brackets inside strings do not nest",
	  IN("{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}") },
	{ "json: escaped quote does not end a string",
	  IN("{\"a\":\"\\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}") },
	{ "json: escaped backslash before u0000 is text", IN("{\"a\":\"\\\\u0000\"}") },
	{ "json: invalid UTF-8", IN("{\"a\":\"\xC3\x28\"}"), .want = PARSE_BAD_UTF8,
	  .msg_prefix = "byte 6: invalid UTF-8" },
	{ "json: top-level array", IN("[1,2]"), .want = PARSE_MALFORMED,
	  .msg_prefix = "the top level" },
	{ "json: top-level string", IN("\"x\""), .want = PARSE_MALFORMED },
	{ "json: trailing garbage", IN("{\"a\":1} x"), .want = PARSE_MALFORMED,
	  .msg_prefix = "line 1" },
	{ "json: two objects", IN("{}{}"), .want = PARSE_MALFORMED },
	{ "json: trailing NUL byte", IN("{}\0"), .want = PARSE_MALFORMED },
	{ "json: duplicate keys", IN("{\"a\":1,\"a\":2}"), .want = PARSE_MALFORMED,
	  .msg_prefix = "line 1" },
	{ "json: \\u0000 in a string", IN("{\"a\":\"x\\u0000\"}"), .want = PARSE_MALFORMED,
	  .msg_prefix = "line 1, column 8: \\u0000" },
	{ "json: \\u0000 in a key", IN("{\"\\u0000\":1}"), .want = PARSE_MALFORMED },
	{ "json: lone surrogate escape", IN("{\"a\":\"\\ud800\"}"), .want = PARSE_MALFORMED },
	{ "json: syntax error with position", IN("{\"a\":}"), .want = PARSE_MALFORMED,
	  .msg_prefix = "line 1, column 6: " },
	{ "json: error on line 2", IN("{\"a\":1,\n\"b\"}"), .want = PARSE_MALFORMED,
	  .msg_prefix = "line 2" },
	{ "json: empty body", IN(""), .want = PARSE_MALFORMED },
	{ "json: unterminated object", IN("{\"a\":1"), .want = PARSE_MALFORMED },
};

static void test_json(void **state)
{
	const JsonCase *c = *state;
	size_t n = c->len;
	char *gen = c->gen ? gen_input(c->gen, &n) : NULL;
	Arena a;
	arena_init(&a, 0);
	json_t *j = (json_t *)1;
	const char *msg = "unset";
	assert_int_equal(parse_json_object(&a, gen ? gen : c->in, n, &j, &msg), c->want);
	if (c->want == PARSE_OK) {
		assert_true(json_is_object(j));
		assert_null(msg);
	} else {
		assert_null(j);
		assert_non_null(msg);
		if (c->msg_prefix && strncmp(msg, c->msg_prefix, strlen(c->msg_prefix)) != 0)
			fail_msg("detail \"%s\" does not start with \"%s\"", msg, c->msg_prefix);
	}
	json_decref(j);
	arena_free(&a);
	free(gen);
}

/* A NULL msg is allowed. */
static void test_json_no_msg(void **state)
{
	Arena a;
	arena_init(&a, 0);
	json_t *j;
	assert_int_equal(parse_json_object(&a, "[]", 2, &j, NULL), PARSE_MALFORMED);
	assert_null(j);
	arena_free(&a);
}

/* ---- runner ---- */

/* Runs one group with a test per table row, named after the row. */
#define RUN_TABLE(group, table, fn)                                                       \
	do {                                                                              \
		struct CMUnitTest t_[LEN(table)];                                         \
		for (size_t i_ = 0; i_ < LEN(table); i_++)                                \
			t_[i_] = (struct CMUnitTest){ .name = (table)[i_].what,           \
						      .test_func = (fn),                  \
						      .initial_state = (void *)&(table)[i_] }; \
		failed += _cmocka_run_group_tests(group, t_, LEN(table), NULL, NULL);     \
	} while (0)

int main(void)
{
	int failed = 0;
	RUN_TABLE("form", form_cases, test_form);
	RUN_TABLE("param_get", get_cases, test_get);
	RUN_TABLE("cookie", cookie_cases, test_cookie);
	RUN_TABLE("content_type", content_type_cases, test_content_type);
	RUN_TABLE("multipart", mp_cases, test_multipart);
	RUN_TABLE("json", json_cases, test_json);

	/* Rows 0 and 3 of mp_cases: the plain form and the delimiter look-alikes. */
	const struct CMUnitTest more[] = {
		{ .name = "multipart: every two-piece split of the form",
		  .test_func = test_multipart_every_split, .initial_state = (void *)&mp_cases[0] },
		{ .name = "multipart: every two-piece split of the look-alikes",
		  .test_func = test_multipart_every_split, .initial_state = (void *)&mp_cases[3] },
		{ .name = "multipart: free unlinks the files and may be repeated",
		  .test_func = test_multipart_free_twice },
		{ .name = "multipart: free midway leaves nothing, no results offered",
		  .test_func = test_multipart_free_midway },
		{ .name = "json: msg may be NULL", .test_func = test_json_no_msg },
	};
	failed += cmocka_run_group_tests_name("more", more, NULL, NULL);
	return failed ? 1 : 0;
}
