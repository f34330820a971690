/* Request parsing with size caps: query strings and url-encoded forms, cookies, multipart
 * uploads (file parts go to a temporary file, never memory) and JSON bodies.
 * Pure functions over bytes: no MHD, no database; fuzzed by tests/fuzz/. */
#ifndef ISHC_HTTP_PARSE_H
#define ISHC_HTTP_PARSE_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "lib/arena.h"
#include "lib/utf8.h"

/* Outcome of a parser. PARSE_OK = 0; the others say why input was refused. */
typedef enum ParseStatus {
	PARSE_OK = 0,
	PARSE_TOO_LARGE,   /* a cap was exceeded (413) */
	PARSE_BAD_UTF8,    /* a name or value is not valid UTF-8 (400) */
	PARSE_MALFORMED,   /* syntax error: bad %-escape, broken multipart, bad JSON (400) */
} ParseStatus;

/* One name=value pair. Strings are NUL-terminated, valid UTF-8 (NFC is not enforced here),
 * allocated in the arena given to the parser. */
typedef struct Param {
	const char *name;
	const char *value;
	size_t value_len;         /* value may contain NUL only if the input had %00: refused, so never */
} Param;

typedef struct ParamList {
	Param *items;
	size_t count;
	size_t alloc;
} ParamList;

enum {
	PARSE_MAX_PARAMS = 1000,        /* pairs per query string or form */
	PARSE_MAX_NAME = 256,           /* bytes in one name, after decoding */
	PARSE_MAX_COOKIES = 50,
};

/* Parses application/x-www-form-urlencoded text (a query string without '?', or a form body):
 * pairs separated by '&' (';' is not a separator), '+' means space, %XX decoded (upper or
 * lower hex). A pair without '=' has value "". Empty pairs ("a&&b") are skipped. Appends to *out
 * (zero-initialise it first), allocating in a. Refuses %00, bad escapes, invalid UTF-8 after
 * decoding, more than PARSE_MAX_PARAMS pairs or a name longer than PARSE_MAX_NAME; on refusal,
 * *out may hold some pairs and must be discarded. */
ParseStatus parse_urlencoded(Arena *a, const char *s, size_t n, ParamList *out);

/* Returns the value of the first pair called name, or NULL. */
const char *param_get(const ParamList *l, const char *name);

/* Parses a Cookie header ("a=1; b=2") into *out. Values are taken literally (no %-decoding),
 * surrounding double quotes removed; pairs without '=' or with an empty name are skipped;
 * names and values must be printable ASCII without ';' (others refused as PARSE_MALFORMED).
 * More than PARSE_MAX_COOKIES pairs or a header over 8 KiB: PARSE_TOO_LARGE. */
ParseStatus parse_cookies(Arena *a, const char *header, ParamList *out);

/* ---- multipart/form-data (RFC 7578), streaming ---- */

/* One uploaded file: the part's field name, the client's file name (as sent, UTF-8 checked),
 * its content type, and the temporary file holding the bytes (already flushed and rewound). */
typedef struct Upload {
	const char *name;
	const char *filename;
	const char *content_type;
	char *path;               /* temporary file path (arena); caller unlinks via multipart_free */
	size_t size;
} Upload;

typedef struct Multipart Multipart;

/* Starts a parser for a body with the given Content-Type header value (which carries the
 * boundary). Returns NULL if the header is not multipart/form-data with a valid boundary
 * (1..70 chars). Text fields (parts without filename) go to fields, capped at max_field bytes
 * each; file parts are written to files created with mkstemp under tmpdir, each capped at
 * max_file bytes. Everything is allocated in a. */
Multipart *multipart_new(Arena *a, const char *content_type, const char *tmpdir,
			 size_t max_field, size_t max_file);

/* Feeds the next chunk of the body (any size, may split anywhere). Returns PARSE_OK to go on;
 * an error is sticky. */
ParseStatus multipart_feed(Multipart *m, const char *data, size_t n);

/* Ends the body. Returns PARSE_OK only if the closing boundary was seen. */
ParseStatus multipart_finish(Multipart *m);

/* Results, valid after a successful finish. */
const ParamList *multipart_fields(const Multipart *m);
const Upload *multipart_uploads(const Multipart *m, size_t *count);

/* Closes and unlinks every temporary file. Safe to call at any point, more than once. */
void multipart_free(Multipart *m);

/* ---- JSON ---- */

enum { PARSE_JSON_MAX_DEPTH = 32 };

/* Parses a JSON body of n bytes (not NUL-terminated). Refuses: invalid UTF-8
 * (PARSE_BAD_UTF8), syntax errors or a top level that is not an object (PARSE_MALFORMED),
 * nesting deeper than PARSE_JSON_MAX_DEPTH (PARSE_MALFORMED), \u0000 in strings
 * (PARSE_MALFORMED). On success *out holds a new reference (caller json_decref's). On failure
 * *out is NULL and, when msg is not NULL, *msg gets an English detail in the arena, e.g.
 * "line 1, column 7: unexpected token" — the caller puts it after a translated message. */
ParseStatus parse_json_object(Arena *a, const char *s, size_t n, json_t **out, const char **msg);

#endif
