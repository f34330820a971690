/* The review's .docx (see docx.h): copy the template's parts, fill word/document.xml. */
#include "out/docx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "lib/buf.h"
#include "lib/embed.h"

extern const EmbeddedFile review_template[];

/* Zip path of each built-in part, by its base name in data/review-template/. */
static const struct {
	const char *base, *path;
} builtin_parts[] = {
	{"content_types.xml", "[Content_Types].xml"},
	{"rels.xml", "_rels/.rels"},
	{"document.xml", "word/document.xml"},
	{"document.xml.rels", "word/_rels/document.xml.rels"},
	{"styles.xml", "word/styles.xml"},
};

static const EmbeddedFile *builtin(const char *base)
{
	for (const EmbeddedFile *f = review_template; f->name; f++)
		if (strcmp(f->name, base) == 0)
			return f;
	return NULL;
}

/* Writes a zip into memory: returns the bytes of za's source after closing. */
static int zip_take(zip_source_t *src, zip_t *za, unsigned char **out, size_t *len)
{
	zip_source_keep(src);
	if (zip_close(za) != 0) {
		zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	zip_stat_t st;
	if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0) {
		zip_source_free(src);
		return -1;
	}
	unsigned char *buf = malloc(st.size ? st.size : 1);
	zip_int64_t got = buf ? zip_source_read(src, buf, st.size) : -1;
	zip_source_close(src);
	zip_source_free(src);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(buf);
		return -1;
	}
	*out = buf;
	*len = st.size;
	return 0;
}

int docx_builtin_template(unsigned char **data, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	zip_error_fini(&ze);
	if (!za) {
		if (src)
			zip_source_free(src);
		return -1;
	}
	for (size_t i = 0; i < sizeof builtin_parts / sizeof builtin_parts[0]; i++) {
		const EmbeddedFile *f = builtin(builtin_parts[i].base);
		zip_source_t *s = f ? zip_source_buffer(za, f->data, f->size, 0) : NULL;
		if (!s || zip_file_add(za, builtin_parts[i].path, s, ZIP_FL_ENC_UTF_8) < 0) {
			if (s)
				zip_source_free(s);
			zip_discard(za);
			zip_source_free(src);
			return -1;
		}
	}
	return zip_take(src, za, data, len);
}

/* Reads a part of an open zip (NUL-terminated, malloc'd) or NULL. */
static char *zip_part(zip_t *za, const char *name, size_t *len)
{
	zip_stat_t st;
	if (zip_stat(za, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > (64u << 20))
		return NULL;
	zip_file_t *zf = zip_fopen(za, name, 0);
	if (!zf)
		return NULL;
	char *buf = malloc(st.size + 1);
	zip_int64_t got = buf ? zip_fread(zf, buf, st.size) : -1;
	zip_fclose(zf);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(buf);
		return NULL;
	}
	buf[st.size] = 0;
	if (len)
		*len = st.size;
	return buf;
}

/* Joins placeholders split by tags: "{{bo</w:t></w:r><w:r><w:t>dy}}" becomes
 * "{{body}}</w:t></w:r><w:r><w:t>". Returns a malloc'd copy. */
static char *join_placeholders(const char *xml)
{
	Buf out;
	buf_init(&out, 0);
	const char *s = xml;
	while (*s) {
		const char *o = strstr(s, "{");
		if (!o) {
			buf_puts(&out, s);
			break;
		}
		buf_append(&out, s, (size_t)(o - s));
		/* collect the text from o, outside tags, up to "}}" */
		char name[64];
		size_t nl = 0;
		Buf tags;
		buf_init(&tags, 0);
		const char *p = o;
		int ok = 0;
		while (*p && nl < sizeof name - 1) {
			if (*p == '<') {
				const char *gt = strchr(p, '>');
				if (!gt || strncmp(p, "</w:p>", 6) == 0)
					break;
				buf_append(&tags, p, (size_t)(gt - p + 1));
				p = gt + 1;
				continue;
			}
			name[nl++] = *p++;
			if (nl >= 2 && name[0] == '{' && name[1] != '{' && nl == 2)
				break;
			if (nl >= 4 && name[nl - 1] == '}' && name[nl - 2] == '}') {
				ok = 1;
				break;
			}
		}
		name[nl] = 0;
		if (ok && name[0] == '{' && name[1] == '{' && tags.len) {
			buf_puts(&out, name);
			buf_append(&out, tags.data, tags.len);
			s = p;
		} else {
			buf_putc(&out, '{');
			s = o + 1;
		}
		buf_free(&tags);
	}
	return buf_take(&out, NULL);
}

int docx_template_check(const void *data, size_t len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	zip_error_fini(&ze);
	if (!za) {
		if (src)
			zip_source_free(src);
		return 0;
	}
	char *doc = zip_part(za, "word/document.xml", NULL);
	zip_discard(za);
	if (!doc)
		return 0;
	char *joined = join_placeholders(doc);
	free(doc);
	if (!joined)
		return -1;
	int ok = strstr(joined, "{{body}}") != NULL;
	free(joined);
	return ok;
}

static void xml_text(Buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\n': buf_puts(b, "</w:t><w:br/><w:t xml:space=\"preserve\">"); break;
		default: buf_putc(b, *s);
		}
}

/* The paragraph around pos: [*start, *end) of "<w:p>"/"<w:p ..." to "</w:p>". 0 or -1. */
static int para_around(const char *xml, const char *pos, const char **start, const char **end)
{
	const char *st = NULL;
	for (const char *q = pos; q >= xml; q--)
		if (strncmp(q, "<w:p>", 5) == 0 || strncmp(q, "<w:p ", 5) == 0) {
			st = q;
			break;
		}
	const char *en = strstr(pos, "</w:p>");
	if (!st || !en)
		return -1;
	*start = st;
	*end = en + 6;
	return 0;
}

static void body_paras(Buf *b, const ReviewText *t, const char *ppr)
{
	for (size_t i = 0; i < t->n; i++) {
		const ReviewPara *p = &t->paras[i];
		if (p->kind == RP_HEADING) {
			buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/><w:keepNext/><w:spacing w:before=\"120\" w:after=\"120\"/>"
				    "<w:ind w:firstLine=\"567\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">");
		} else {
			buf_printf(b, "<w:p>%s<w:r><w:t xml:space=\"preserve\">", ppr);
		}
		xml_text(b, p->text);
		buf_puts(b, "</w:t></w:r>");
		if (p->note)
			buf_printf(b, "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>[%d]</w:t></w:r>", p->note);
		buf_puts(b, "</w:p>");
	}
	if (!t->nnotes)
		return;
	buf_puts(b, "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"60\"/></w:pPr><w:r><w:rPr><w:b/><w:i/>"
		    "<w:sz w:val=\"22\"/></w:rPr><w:t>Cách tính số liệu</w:t></w:r></w:p>");
	for (size_t i = 0; i < t->nnotes; i++) {
		buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"Note\"/><w:spacing w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/>"
			    "<w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:i/><w:sz w:val=\"22\"/></w:rPr><w:t xml:space=\"preserve\">");
		buf_printf(b, "[%zu] ", i + 1);
		xml_text(b, t->notes[i].text);
		if (t->notes[i].link[0]) {
			buf_puts(b, " (xem ");
			xml_text(b, t->notes[i].link);
			buf_puts(b, ")");
		}
		buf_puts(b, "</w:t></w:r></w:p>");
	}
}

/* The <w:pPr>…</w:pPr> of the paragraph [st, en), or "". */
static char *para_ppr(const char *st, const char *en)
{
	const char *a = strstr(st, "<w:pPr>");
	const char *z = a ? strstr(a, "</w:pPr>") : NULL;
	if (!a || !z || z > en)
		return strdup("");
	size_t n = (size_t)(z + 8 - a);
	char *s = malloc(n + 1);
	if (s) {
		memcpy(s, a, n);
		s[n] = 0;
	}
	return s;
}

static char *fill_document(const char *doc, const ReviewText *t)
{
	char *xml = join_placeholders(doc);
	if (!xml)
		return NULL;
	/* block placeholders first: their paragraph is replaced */
	static const char *const blocks[] = {"{{body}}", "{{recipients}}"};
	for (size_t k = 0; k < 2; k++) {
		const char *at = strstr(xml, blocks[k]);
		if (!at)
			continue;
		const char *st, *en;
		if (para_around(xml, at, &st, &en) != 0)
			continue;
		char *ppr = para_ppr(st, en);
		Buf b;
		buf_init(&b, 0);
		buf_append(&b, xml, (size_t)(st - xml));
		if (k == 0) {
			body_paras(&b, t, ppr ? ppr : "");
		} else {
			/* keep the paragraph's run properties: copy the paragraph per recipient */
			for (size_t i = 0; i < t->nrecipients; i++) {
				const char *ph = strstr(st, blocks[k]);
				buf_append(&b, st, (size_t)(ph - st));
				xml_text(&b, t->recipients[i]);
				buf_append(&b, ph + strlen(blocks[k]), (size_t)(en - ph - strlen(blocks[k])));
			}
		}
		buf_puts(&b, en);
		free(ppr);
		free(xml);
		xml = buf_take(&b, NULL);
		if (!xml)
			return NULL;
	}
	/* inline placeholders */
	struct {
		const char *key, *val;
	} inl[] = {
		{"{{issuer_parent}}", t->issuer_parent}, {"{{issuer}}", t->issuer}, {"{{number}}", t->number},
		{"{{dateline}}", t->dateline ? t->dateline : ""}, {"{{title}}", t->title}, {"{{signer_title}}", t->signer_title},
		{"{{signer_name}}", ""}, {"{{programme}}", t->programme}, {"{{unit}}", t->unit},
		{"{{year}}", t->year_text}, {"{{next_year}}", t->next_year_text},
	};
	Buf b;
	buf_init(&b, 0);
	const char *s = xml;
	while (*s) {
		const char *o = strstr(s, "{{");
		if (!o) {
			buf_puts(&b, s);
			break;
		}
		buf_append(&b, s, (size_t)(o - s));
		size_t i;
		for (i = 0; i < sizeof inl / sizeof inl[0]; i++)
			if (strncmp(o, inl[i].key, strlen(inl[i].key)) == 0)
				break;
		if (i < sizeof inl / sizeof inl[0]) {
			xml_text(&b, inl[i].val);
			s = o + strlen(inl[i].key);
		} else {
			buf_puts(&b, "{{");
			s = o + 2;
		}
	}
	free(xml);
	return buf_take(&b, NULL);
}

static int fill(const ReviewText *t, const void *tpl, size_t tpllen, zip_t *out)
{
	unsigned char *own = NULL;
	size_t ownlen = 0;
	if (!tpl) {
		if (docx_builtin_template(&own, &ownlen) != 0)
			return -1;
		tpl = own;
		tpllen = ownlen;
	}
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(tpl, tpllen, 0, &ze);
	zip_t *in = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	zip_error_fini(&ze);
	if (!in) {
		if (src)
			zip_source_free(src);
		free(own);
		return -1;
	}
	int rc = 0;
	zip_int64_t n = zip_get_num_entries(in, 0);
	for (zip_int64_t i = 0; i < n && rc == 0; i++) {
		const char *name = zip_get_name(in, (zip_uint64_t)i, 0);
		if (!name) {
			rc = -1;
			break;
		}
		size_t len = 0;
		char *part = zip_part(in, name, &len);
		if (!part) {
			zip_stat_t st;
			if (zip_stat_index(in, (zip_uint64_t)i, 0, &st) == 0 && st.size == 0)
				part = strdup(""); /* a folder entry */
			if (!part) {
				rc = -1;
				break;
			}
		}
		if (strcmp(name, "word/document.xml") == 0) {
			char *filled = fill_document(part, t);
			free(part);
			if (!filled) {
				rc = -1;
				break;
			}
			part = filled;
			len = strlen(filled);
		}
		zip_source_t *s = zip_source_buffer(out, part, len, 1);
		if (!s) {
			free(part);
			rc = -1;
			break;
		}
		/* [Content_Types].xml first, as Word expects, comes from the template's order */
		if (zip_file_add(out, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
			zip_source_free(s);
			rc = -1;
		}
	}
	zip_discard(in);
	free(own);
	return rc;
}

int docx_review_write(const ReviewText *t, const void *tpl, size_t tpllen, const char *path, char *err, size_t errlen)
{
	int code = 0;
	zip_t *out = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	if (!out) {
		snprintf(err, errlen, "cannot create %s (libzip error %d)", path, code);
		return -1;
	}
	if (fill(t, tpl, tpllen, out) != 0) {
		snprintf(err, errlen, "the template could not be filled");
		zip_discard(out);
		return -1;
	}
	if (zip_close(out) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, zip_strerror(out));
		zip_discard(out);
		return -1;
	}
	return 0;
}

int docx_review_bytes(const ReviewText *t, const void *tpl, size_t tpllen, unsigned char **outp, size_t *outlen)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	zip_error_fini(&ze);
	if (!za) {
		if (src)
			zip_source_free(src);
		return -1;
	}
	if (fill(t, tpl, tpllen, za) != 0) {
		zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	return zip_take(src, za, outp, outlen);
}
