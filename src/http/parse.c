/* Request parsers over plain bytes: url-encoded forms, cookies, streaming multipart and JSON
 * objects. Every string handed out is in the caller's arena and valid UTF-8; see parse.h. */
#include "http/parse.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum {
	COOKIE_MAX_HEADER = 8 * 1024,
	MP_MAX_BOUNDARY = 70,           /* RFC 2046 §5.1.1 */
	MP_MAX_HEADERS = 8 * 1024,      /* one part's header block; browsers send a few hundred */
	MP_WRITE_BUF = 16 * 1024,       /* file bytes gathered before one write(2) */
	MP_FIELD_MIN = 64,              /* first allocation for a text field's value */
};

/* ---- shared pieces ---- */

/* Returns a free slot at the end of l, growing it in a; NULL when the arena is full. The old
 * array is left in the arena: doubling keeps that waste under the final size. */
static Param *list_push(Arena *a, ParamList *l)
{
	if (l->count == l->alloc) {
		size_t alloc = l->alloc ? l->alloc * 2 : 8;
		if (alloc > SIZE_MAX / sizeof(Param))
			return NULL;
		Param *items = arena_alloc(a, alloc * sizeof(Param));
		if (!items)
			return NULL;
		if (l->count)
			memcpy(items, l->items, l->count * sizeof(Param));
		l->items = items;
		l->alloc = alloc;
	}
	return &l->items[l->count++];
}

const char *param_get(const ParamList *l, const char *name)
{
	if (!l)
		return NULL;
	for (size_t i = 0; i < l->count; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return l->items[i].value;
	return NULL;
}

static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* ---- application/x-www-form-urlencoded ---- */

/* Decodes one name or value (s, n) into the arena: '+' is a space, %XX a byte. A NUL, typed or
 * escaped, is refused because every consumer treats these strings as C strings and a hidden
 * NUL would make two checks see two different values. */
static ParseStatus form_decode(Arena *a, const char *s, size_t n, char **out, size_t *out_len)
{
	char *d = arena_alloc(a, n + 1);
	if (!d)
		return PARSE_TOO_LARGE;
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi = i + 2 < n ? hex_value((unsigned char)s[i + 1]) : -1;
			int lo = hi >= 0 ? hex_value((unsigned char)s[i + 2]) : -1;
			if (lo < 0)
				return PARSE_MALFORMED;
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		}
		if (c == '\0')
			return PARSE_MALFORMED;
		d[len++] = (char)c;
	}
	d[len] = '\0';
	*out = d;
	*out_len = len;
	return PARSE_OK;
}

/* Decodes one "name[=value]" pair (non-empty) and appends it to out. */
static ParseStatus form_pair(Arena *a, const char *s, size_t n, ParamList *out)
{
	const char *eq = memchr(s, '=', n);
	size_t name_n = eq ? (size_t)(eq - s) : n;
	char *name, *value;
	size_t name_len, value_len;
	ParseStatus st = form_decode(a, s, name_n, &name, &name_len);
	if (st != PARSE_OK)
		return st;
	if (name_len > PARSE_MAX_NAME)
		return PARSE_TOO_LARGE;
	if (eq)
		st = form_decode(a, eq + 1, n - name_n - 1, &value, &value_len);
	else
		st = form_decode(a, "", 0, &value, &value_len);
	if (st != PARSE_OK)
		return st;
	if (!utf8_valid(name, name_len, NULL) || !utf8_valid(value, value_len, NULL))
		return PARSE_BAD_UTF8;
	Param *p = list_push(a, out);
	if (!p)
		return PARSE_TOO_LARGE;
	*p = (Param){ .name = name, .value = value, .value_len = value_len };
	return PARSE_OK;
}

ParseStatus parse_urlencoded(Arena *a, const char *s, size_t n, ParamList *out)
{
	size_t pairs = 0;
	size_t i = 0;
	while (i < n) {
		const char *amp = memchr(s + i, '&', n - i);
		size_t end = amp ? (size_t)(amp - s) : n;
		if (end > i) {
			if (++pairs > PARSE_MAX_PARAMS)
				return PARSE_TOO_LARGE;
			ParseStatus st = form_pair(a, s + i, end - i, out);
			if (st != PARSE_OK)
				return st;
		}
		i = end + 1;
	}
	return PARSE_OK;
}

/* ---- Cookie header ---- */

/* Trims spaces and tabs from both ends of [*b, *e). */
static void trim_ows(const char **b, const char **e)
{
	while (*b < *e && is_ows(**b))
		(*b)++;
	while (*e > *b && is_ows((*e)[-1]))
		(*e)--;
}

static int printable_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
			return 0;
	return 1;
}

/* Appends one "name=value" cookie from [b, e), or skips it when it has no '=' or no name. */
static ParseStatus cookie_pair(Arena *a, const char *b, const char *e, ParamList *out,
			       size_t *kept)
{
	trim_ows(&b, &e);
	const char *eq = memchr(b, '=', (size_t)(e - b));
	if (!eq)
		return PARSE_OK;
	const char *nb = b, *ne = eq, *vb = eq + 1, *ve = e;
	trim_ows(&nb, &ne);
	trim_ows(&vb, &ve);
	if (nb == ne)
		return PARSE_OK;
	/* RFC 6265 allows the value in double quotes; the quotes are not part of it. */
	if (ve - vb >= 2 && vb[0] == '"' && ve[-1] == '"') {
		vb++;
		ve--;
	}
	if (!printable_ascii(nb, (size_t)(ne - nb)) || !printable_ascii(vb, (size_t)(ve - vb)))
		return PARSE_MALFORMED;
	if (++*kept > PARSE_MAX_COOKIES)
		return PARSE_TOO_LARGE;
	Param *p = list_push(a, out);
	char *name = arena_strndup(a, nb, (size_t)(ne - nb));
	char *value = arena_strndup(a, vb, (size_t)(ve - vb));
	if (!p || !name || !value)
		return PARSE_TOO_LARGE;
	*p = (Param){ .name = name, .value = value, .value_len = (size_t)(ve - vb) };
	return PARSE_OK;
}

ParseStatus parse_cookies(Arena *a, const char *header, ParamList *out)
{
	if (!header)
		return PARSE_OK;
	size_t n = strnlen(header, COOKIE_MAX_HEADER + 1);
	if (n > COOKIE_MAX_HEADER)
		return PARSE_TOO_LARGE;
	const char *p = header, *end = header + n;
	size_t kept = 0;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *pair_end = semi ? semi : end;
		ParseStatus st = cookie_pair(a, p, pair_end, out, &kept);
		if (st != PARSE_OK)
			return st;
		p = pair_end + 1;
	}
	return PARSE_OK;
}

/* ---- header parameters (Content-Type, Content-Disposition) ---- */

typedef struct HeaderParam {
	const char *name;
	size_t name_len;
	const char *value;
	size_t value_len;
} HeaderParam;

/* RFC 9110 token characters. */
static int is_tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int is_ctl(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7F;
}

/* Reads the next "; name=value" parameter at *p (before end) into *hp and advances *p.
 * Returns 1 for a parameter, 0 at the end, -1 on a syntax error. A quoted value runs to the
 * next '"' with no backslash escapes: browsers never escape that way (the HTML form encoding
 * writes '"' as %22), and a Windows path like "C:\tmp\a.csv" must survive. An unquoted value
 * is read leniently (anything but space, ';' or '"') because clients send boundaries with
 * characters that strictly need quoting; each caller checks the value it uses. */
static int header_next_param(const char **p, const char *end, HeaderParam *hp)
{
	const char *s = *p;
	while (s < end && is_ows(*s))
		s++;
	if (s == end)
		return 0;
	if (*s++ != ';')
		return -1;
	while (s < end && is_ows(*s))
		s++;
	if (s == end)
		return 0;       /* a trailing ';' is harmless */
	hp->name = s;
	while (s < end && is_tchar((unsigned char)*s))
		s++;
	hp->name_len = (size_t)(s - hp->name);
	if (hp->name_len == 0 || s == end || *s++ != '=')
		return -1;
	if (s < end && *s == '"') {
		hp->value = ++s;
		while (s < end && *s != '"')
			if (is_ctl((unsigned char)*s++))
				return -1;
		if (s == end)
			return -1;
		hp->value_len = (size_t)(s++ - hp->value);
	} else {
		hp->value = s;
		while (s < end && !is_ows(*s) && *s != ';' && *s != '"' && !is_ctl((unsigned char)*s))
			s++;
		hp->value_len = (size_t)(s - hp->value);
		if (hp->value_len == 0)
			return -1;
	}
	*p = s;
	return 1;
}

static int header_param_is(const HeaderParam *hp, const char *name)
{
	return hp->name_len == strlen(name) && strncasecmp(hp->name, name, hp->name_len) == 0;
}

/* Reads the leading media type or disposition type of a header value, up to ';' or space. */
static const char *header_first_word(const char *s, const char *end, const char **word_end)
{
	while (s < end && is_ows(*s))
		s++;
	const char *w = s;
	while (s < end && *s != ';' && !is_ows(*s))
		s++;
	*word_end = s;
	return w;
}

static int word_is(const char *w, const char *we, const char *want)
{
	size_t n = (size_t)(we - w);
	return n == strlen(want) && strncasecmp(w, want, n) == 0;
}

/* ---- multipart/form-data ---- */

typedef enum MpState {
	MP_PREAMBLE,    /* before the first delimiter: ignored */
	MP_AFTER_DELIM, /* just after a delimiter: "--" ends the body, else padding and CRLF */
	MP_PADDING,     /* transport padding after a delimiter */
	MP_DELIM_LF,    /* CR seen after a delimiter, LF must follow */
	MP_CLOSE_DASH,  /* one '-' seen after a delimiter */
	MP_HEADERS,     /* a part's header block */
	MP_BODY,        /* a part's content */
	MP_DONE,        /* closing delimiter seen; the epilogue is ignored */
} MpState;

struct Multipart {
	Arena *a;
	const char *tmpdir;
	size_t max_field;
	size_t max_file;
	ParseStatus status;     /* sticky */
	MpState state;
	int freed;

	/* "\r\n--" boundary. Bytes that may start it are held back by count only: they are
	 * always its first `matched` bytes. */
	char delim[4 + MP_MAX_BOUNDARY];
	size_t dlen;
	size_t matched;

	char *hdr;              /* the current part's header block */
	size_t hdr_len;

	/* The current part: a text field collects into field, a file goes to fd. */
	const char *part_name;
	char *field;            /* arena; room for a NUL after field_len */
	size_t field_len;
	size_t field_alloc;
	int fd;                 /* the open temporary file, or -1 for a text field */
	char *wbuf;             /* file bytes not yet written */
	size_t wlen;
	size_t parts;           /* parts begun, for the PARSE_MAX_PARAMS cap */

	ParamList fields;
	Upload *uploads;        /* every temporary file made, the last one perhaps unfinished */
	size_t upload_count;
	size_t upload_alloc;
};

/* RFC 2046 bchars: the characters a boundary may use (space only inside). */
static int boundary_valid(const char *b, size_t n)
{
	if (n < 1 || n > MP_MAX_BOUNDARY || b[n - 1] == ' ')
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];
		int ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			 (c >= 'A' && c <= 'Z') || (c && strchr("'()+_,-./:=? ", c));
		if (!ok)
			return 0;
	}
	return 1;
}

/* Finds the boundary parameter of a multipart/form-data Content-Type value. Returns 1 with
 * (*b, *n) set, or 0 when the type is another one, the syntax is bad, or boundary is missing
 * or given twice (two boundaries would let two readers split the body differently). */
static int content_type_boundary(const char *ct, const char **b, size_t *n)
{
	const char *end = ct + strlen(ct), *we;
	const char *w = header_first_word(ct, end, &we);
	if (!word_is(w, we, "multipart/form-data"))
		return 0;
	const char *p = we;
	HeaderParam hp;
	int r, found = 0;
	while ((r = header_next_param(&p, end, &hp)) == 1) {
		if (!header_param_is(&hp, "boundary"))
			continue;
		if (found++)
			return 0;
		*b = hp.value;
		*n = hp.value_len;
	}
	return r == 0 && found && boundary_valid(*b, *n);
}

Multipart *multipart_new(Arena *a, const char *content_type, const char *tmpdir,
			 size_t max_field, size_t max_file)
{
	const char *b = NULL;
	size_t bn = 0;
	if (!content_type || !content_type_boundary(content_type, &b, &bn))
		return NULL;
	Multipart *m = arena_alloc(a, sizeof *m);
	if (!m)
		return NULL;
	m->hdr = arena_alloc(a, MP_MAX_HEADERS);
	m->tmpdir = arena_strdup(a, tmpdir ? tmpdir : "/tmp");
	if (!m->hdr || !m->tmpdir)
		return NULL;
	m->a = a;
	m->max_field = max_field;
	m->max_file = max_file;
	m->fd = -1;
	memcpy(m->delim, "\r\n--", 4);
	memcpy(m->delim + 4, b, bn);
	m->dlen = 4 + bn;
	/* The first delimiter may open the body without a CRLF before it: start as if one had
	 * just been read. */
	m->state = MP_PREAMBLE;
	m->matched = 2;
	return m;
}

/* Writes out the gathered file bytes. A failing disk is reported as PARSE_TOO_LARGE: the
 * upload could not be stored, and parse.h has no separate outcome for it. */
static ParseStatus file_flush(Multipart *m)
{
	size_t off = 0;
	while (off < m->wlen) {
		ssize_t w = write(m->fd, m->wbuf + off, m->wlen - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return PARSE_TOO_LARGE;
		off += (size_t)w;
	}
	m->wlen = 0;
	return PARSE_OK;
}

static ParseStatus file_write(Multipart *m, const char *p, size_t n)
{
	Upload *u = &m->uploads[m->upload_count - 1];
	if (n > m->max_file - u->size)
		return PARSE_TOO_LARGE;
	u->size += n;
	while (n > 0) {
		if (m->wlen == MP_WRITE_BUF) {
			ParseStatus st = file_flush(m);
			if (st != PARSE_OK)
				return st;
		}
		size_t k = MP_WRITE_BUF - m->wlen < n ? MP_WRITE_BUF - m->wlen : n;
		memcpy(m->wbuf + m->wlen, p, k);
		m->wlen += k;
		p += k;
		n -= k;
	}
	return PARSE_OK;
}

/* Appends to the text field being read. The buffer doubles (never past the cap) so a long
 * field costs at most twice its size in the arena. */
static ParseStatus field_write(Multipart *m, const char *p, size_t n)
{
	/* Of a NUL (refused as %00 is in a form: values are C strings) and the cap, report the
	 * one met first, so the outcome does not depend on how the body was split. */
	size_t room = m->max_field - m->field_len;
	const char *nul = memchr(p, '\0', n < room ? n : room);
	if (nul)
		return PARSE_MALFORMED;
	if (n > room)
		return PARSE_TOO_LARGE;
	size_t need = m->field_len + n + 1;
	if (need > m->field_alloc) {
		size_t alloc = m->field_alloc ? m->field_alloc * 2 : MP_FIELD_MIN;
		if (alloc < need)
			alloc = need;
		if (alloc > m->max_field + 1)
			alloc = m->max_field + 1;
		char *f = arena_alloc(m->a, alloc);
		if (!f)
			return PARSE_TOO_LARGE;
		if (m->field_len)
			memcpy(f, m->field, m->field_len);
		m->field = f;
		m->field_alloc = alloc;
	}
	memcpy(m->field + m->field_len, p, n);
	m->field_len += n;
	return PARSE_OK;
}

/* Passes content to the current part; preamble bytes are dropped. */
static ParseStatus part_write(Multipart *m, const char *p, size_t n)
{
	if (n == 0 || m->state == MP_PREAMBLE)
		return PARSE_OK;
	return m->fd >= 0 ? file_write(m, p, n) : field_write(m, p, n);
}

static Upload *upload_push(Multipart *m)
{
	if (m->upload_count == m->upload_alloc) {
		size_t alloc = m->upload_alloc ? m->upload_alloc * 2 : 4;
		Upload *u = arena_alloc(m->a, alloc * sizeof *u);
		if (!u)
			return NULL;
		if (m->upload_count)
			memcpy(u, m->uploads, m->upload_count * sizeof *u);
		m->uploads = u;
		m->upload_alloc = alloc;
	}
	return &m->uploads[m->upload_count++];
}

/* Creates the temporary file for a file part. It is recorded before anything else can fail
 * so multipart_free always finds it. */
static ParseStatus file_open(Multipart *m, const char *name, const char *filename,
			     const char *content_type)
{
	if (!m->wbuf && !(m->wbuf = arena_alloc(m->a, MP_WRITE_BUF)))
		return PARSE_TOO_LARGE;
	char *path = arena_printf(m->a, "%s/ishc-upload-XXXXXX", m->tmpdir);
	Upload *u = upload_push(m);
	if (!path || !u)
		return PARSE_TOO_LARGE;
	int fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0) {
		m->upload_count--;
		return PARSE_TOO_LARGE;
	}
	*u = (Upload){ .name = name, .filename = filename, .content_type = content_type,
		       .path = path };
	m->fd = fd;
	m->wlen = 0;
	return PARSE_OK;
}

static ParseStatus file_close(Multipart *m)
{
	ParseStatus st = file_flush(m);
	if (close(m->fd) != 0 && st == PARSE_OK)
		st = PARSE_TOO_LARGE;
	m->fd = -1;
	return st;
}

/* The delimiter after a part's content was seen: the part is complete. */
static ParseStatus part_end(Multipart *m)
{
	if (m->fd >= 0)
		return file_close(m);
	if (!utf8_valid(m->field, m->field_len, NULL))
		return PARSE_BAD_UTF8;
	Param *p = list_push(m->a, &m->fields);
	if (!p)
		return PARSE_TOO_LARGE;
	m->field[m->field_len] = '\0';        /* field_write keeps room for it */
	*p = (Param){ .name = m->part_name, .value = m->field, .value_len = m->field_len };
	return PARSE_OK;
}

typedef struct PartHeaders {
	const char *name;
	const char *filename;
	const char *content_type;
	int has_disposition;
} PartHeaders;

/* Copies a header value into the arena after checking it is UTF-8. */
static ParseStatus header_text(Arena *a, const char *s, size_t n, const char **out)
{
	if (!utf8_valid(s, n, NULL))
		return PARSE_BAD_UTF8;
	*out = arena_strndup(a, s, n);
	return *out ? PARSE_OK : PARSE_TOO_LARGE;
}

/* Reads 'form-data; name="..."; filename="..."'. Other parameters (filename*, which RFC 7578
 * tells senders not to use) are ignored; a repeated one is refused as ambiguous. */
static ParseStatus disposition_parse(Arena *a, const char *s, const char *end, PartHeaders *h)
{
	const char *we;
	const char *w = header_first_word(s, end, &we);
	if (!word_is(w, we, "form-data") || h->has_disposition)
		return PARSE_MALFORMED;
	h->has_disposition = 1;
	const char *p = we;
	HeaderParam hp;
	int r;
	while ((r = header_next_param(&p, end, &hp)) == 1) {
		const char **slot = header_param_is(&hp, "name")       ? &h->name
				    : header_param_is(&hp, "filename") ? &h->filename
								       : NULL;
		if (!slot)
			continue;
		if (*slot)
			return PARSE_MALFORMED;
		ParseStatus st = header_text(a, hp.value, hp.value_len, slot);
		if (st != PARSE_OK)
			return st;
	}
	if (r < 0 || !h->name)
		return PARSE_MALFORMED;
	return strlen(h->name) > PARSE_MAX_NAME ? PARSE_TOO_LARGE : PARSE_OK;
}

/* Handles one header line [s, end) of a part. */
static ParseStatus header_line(Arena *a, const char *s, const char *end, PartHeaders *h)
{
	for (const char *q = s; q < end; q++)
		if (is_ctl((unsigned char)*q))
			return PARSE_MALFORMED; /* includes a stray CR or LF, and obsolete folding */
	const char *colon = memchr(s, ':', (size_t)(end - s));
	if (!colon || colon == s)
		return PARSE_MALFORMED;
	for (const char *q = s; q < colon; q++)
		if (!is_tchar((unsigned char)*q))
			return PARSE_MALFORMED;
	const char *vb = colon + 1, *ve = end;
	trim_ows(&vb, &ve);
	if (word_is(s, colon, "content-disposition"))
		return disposition_parse(a, vb, ve, h);
	if (word_is(s, colon, "content-type")) {
		if (h->content_type)
			return PARSE_MALFORMED;
		return header_text(a, vb, (size_t)(ve - vb), &h->content_type);
	}
	return PARSE_OK;
}

/* The header block is complete (it ends in an empty line): start the part it describes. */
static ParseStatus part_begin(Multipart *m)
{
	PartHeaders h = { 0 };
	const char *p = m->hdr, *end = m->hdr + m->hdr_len - 2;
	while (p < end) {
		const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
		ParseStatus st = header_line(m->a, p, eol, &h);
		if (st != PARSE_OK)
			return st;
		p = eol + 2;
	}
	if (!h.has_disposition)
		return PARSE_MALFORMED;
	if (++m->parts > PARSE_MAX_PARAMS)
		return PARSE_TOO_LARGE;
	m->state = MP_BODY;
	m->matched = 0;
	m->part_name = h.name;
	if (h.filename) {
		/* RFC 7578 §4.4: a part without Content-Type is text/plain. */
		const char *ct = h.content_type ? h.content_type : "text/plain";
		return file_open(m, h.name, h.filename, ct);
	}
	m->field = NULL;
	m->field_len = 0;
	m->field_alloc = 0;
	return field_write(m, "", 0);   /* so an empty field still has its NUL */
}

/* Gathers one byte of a header block; starts the part when the block ends. */
static ParseStatus header_byte(Multipart *m, char c)
{
	if (m->hdr_len == MP_MAX_HEADERS)
		return PARSE_TOO_LARGE;
	m->hdr[m->hdr_len++] = c;
	size_t n = m->hdr_len;
	if ((n == 2 && memcmp(m->hdr, "\r\n", 2) == 0) ||
	    (n >= 4 && memcmp(m->hdr + n - 4, "\r\n\r\n", 4) == 0))
		return part_begin(m);
	return PARSE_OK;
}

/* Reads the byte after a delimiter: "--" closes the body, optional padding then CRLF opens
 * the next part. */
static ParseStatus delim_byte(Multipart *m, char c)
{
	switch (m->state) {
	case MP_AFTER_DELIM:
	case MP_PADDING:
		if (c == '-' && m->state == MP_AFTER_DELIM)
			m->state = MP_CLOSE_DASH;
		else if (is_ows(c))
			m->state = MP_PADDING;
		else if (c == '\r')
			m->state = MP_DELIM_LF;
		else
			return PARSE_MALFORMED;
		return PARSE_OK;
	case MP_CLOSE_DASH:
		if (c != '-')
			return PARSE_MALFORMED;
		m->state = MP_DONE;
		return PARSE_OK;
	case MP_DELIM_LF:
		if (c != '\n')
			return PARSE_MALFORMED;
		m->state = MP_HEADERS;
		m->hdr_len = 0;
		return PARSE_OK;
	default:
		return PARSE_MALFORMED;
	}
}

/* Scans preamble or part content for the delimiter, passing the bytes before it on. Returns
 * how many bytes were consumed: all of them, or up to the end of a delimiter. The delimiter
 * holds its only CR at the start (a boundary has no CR), so after a mismatch no held byte
 * can begin a new match: they are all content, and the scan restarts at the current byte. */
static size_t content_scan(Multipart *m, const char *p, size_t n)
{
	size_t i = 0, run = 0;
	while (i < n) {
		if (m->matched == 0) {
			const char *cr = memchr(p + i, '\r', n - i);
			if (!cr)
				break;
			i = (size_t)(cr - p);
			if ((m->status = part_write(m, p + run, i - run)) != PARSE_OK)
				return n;
			m->matched = 1;
			run = ++i;
		} else if (p[i] == m->delim[m->matched]) {
			run = ++i;
			if (++m->matched == m->dlen) {
				m->matched = 0;
				if (m->state == MP_BODY && (m->status = part_end(m)) != PARSE_OK)
					return n;
				m->state = MP_AFTER_DELIM;
				return i;
			}
		} else {
			if ((m->status = part_write(m, m->delim, m->matched)) != PARSE_OK)
				return n;
			m->matched = 0;
			run = i;
		}
	}
	m->status = part_write(m, p + run, n - run);
	return n;
}

ParseStatus multipart_feed(Multipart *m, const char *data, size_t n)
{
	if (!m)
		return PARSE_MALFORMED;
	while (n > 0 && m->status == PARSE_OK) {
		size_t used = 1;
		switch (m->state) {
		case MP_PREAMBLE:
		case MP_BODY:
			used = content_scan(m, data, n);
			break;
		case MP_HEADERS:
			m->status = header_byte(m, *data);
			break;
		case MP_DONE:
			used = n;
			break;
		default:
			m->status = delim_byte(m, *data);
			break;
		}
		data += used;
		n -= used;
	}
	return m->status;
}

ParseStatus multipart_finish(Multipart *m)
{
	if (!m)
		return PARSE_MALFORMED;
	if (m->status == PARSE_OK && m->state != MP_DONE)
		m->status = PARSE_MALFORMED;
	return m->status;
}

const ParamList *multipart_fields(const Multipart *m)
{
	static const ParamList none;
	return m && m->state == MP_DONE && m->status == PARSE_OK ? &m->fields : &none;
}

const Upload *multipart_uploads(const Multipart *m, size_t *count)
{
	int ok = m && m->state == MP_DONE && m->status == PARSE_OK && !m->freed;
	*count = ok ? m->upload_count : 0;
	return ok ? m->uploads : NULL;
}

void multipart_free(Multipart *m)
{
	if (!m || m->freed)
		return;
	m->freed = 1;
	if (m->fd >= 0) {
		close(m->fd);
		m->fd = -1;
	}
	for (size_t i = 0; i < m->upload_count; i++)
		unlink(m->uploads[i].path);
}

/* ---- JSON ---- */

typedef struct JsonScan {
	int line;
	int column;
	const char *why;
} JsonScan;

/* One pass before jansson sees the text: refuses nesting deeper than PARSE_JSON_MAX_DEPTH
 * (jansson allows 2048, far more than any request needs and than our recursive walkers
 * should meet) and \u0000 (jansson refuses it too, but its message names a library flag).
 * Strings are skipped so brackets inside them do not count. Line and column are counted as
 * jansson counts them (characters, 1-based). Returns 1 if fine, else 0 with *js set. */
static int json_prescan(const char *s, size_t n, JsonScan *js)
{
	int depth = 0, in_string = 0, escaped = 0;
	js->line = 1;
	js->column = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			js->line++;
			js->column = 0;
		} else if ((c & 0xC0) != 0x80) {
			js->column++;
		}
		if (in_string) {
			if (escaped) {
				escaped = 0;
				if (c == 'u' && n - i > 4 && memcmp(s + i + 1, "0000", 4) == 0) {
					js->column--;   /* point at the backslash */
					js->why = "\\u0000 is not allowed in a string";
					return 0;
				}
			} else if (c == '\\') {
				escaped = 1;
			} else if (c == '"') {
				in_string = 0;
			}
		} else if (c == '"') {
			in_string = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > PARSE_JSON_MAX_DEPTH) {
				js->why = "nesting is too deep";
				return 0;
			}
		} else if ((c == '}' || c == ']') && depth > 0) {
			depth--;
		}
	}
	return 1;
}

static void json_msg(Arena *a, const char **msg, int line, int column, const char *text)
{
	if (!msg)
		return;
	if (line > 0)
		*msg = arena_printf(a, "line %d, column %d: %s", line, column, text);
	else
		*msg = arena_strdup(a, text);
}

ParseStatus parse_json_object(Arena *a, const char *s, size_t n, json_t **out, const char **msg)
{
	*out = NULL;
	if (msg)
		*msg = NULL;
	if (!s)
		s = "";
	size_t bad;
	if (!utf8_valid(s, n, &bad)) {
		if (msg)
			*msg = arena_printf(a, "byte %zu: invalid UTF-8", bad);
		return PARSE_BAD_UTF8;
	}
	JsonScan js;
	if (!json_prescan(s, n, &js)) {
		json_msg(a, msg, js.line, js.column, js.why);
		return PARSE_MALFORMED;
	}
	json_error_t err;
	/* Without JSON_ALLOW_NUL jansson refuses \u0000; without JSON_DISABLE_EOF_CHECK it
	 * refuses anything after the value. */
	json_t *j = json_loadb(s, n, JSON_REJECT_DUPLICATES, &err);
	if (!j) {
		json_msg(a, msg, err.line, err.column, err.text);
		return PARSE_MALFORMED;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		json_msg(a, msg, 0, 0, "the top level must be an object");
		return PARSE_MALFORMED;
	}
	*out = j;
	return PARSE_OK;
}
