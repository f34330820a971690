/* The annual review as a Word document (.docx), written with libzip from a template: the built-in
 * one (data/review-template/, compiled in, laid out per Decree 30/2020/NĐ-CP: A4, Times New Roman
 * 14 pt, margins 20/15/20/30 mm, the issuing body top left, the national title and motto top right,
 * the dateline, the title, the body, "Nơi nhận:" and the signature block) or one a user uploaded.
 *
 * A template is any .docx whose word/document.xml holds placeholders, typed in Word as they are:
 *   {{issuer_parent}} {{issuer}} {{number}} {{dateline}} {{title}} {{programme}} {{year}}
 *   {{next_year}} {{unit}} {{signer_title}} {{signer_name}}   replaced in place by text;
 *   {{body}}, {{recipients}}   each alone in its paragraph, which is replaced by the report's
 *                              paragraphs (the footnotes at the end of the body) / the recipients.
 * {{body}} is required. A placeholder Word split over several runs (by spell-checking or a change of
 * formatting half way) is joined first. Every other part of the template (header, footer,
 * letterhead image, styles) is copied unchanged. */
#ifndef ISHC_OUT_DOCX_H
#define ISHC_OUT_DOCX_H

#include <stddef.h>

#include "out/review_text.h"

/* The built-in template as .docx bytes (malloc'd). 0, or -1. */
int docx_builtin_template(unsigned char **data, size_t *len);

/* 1 when data is a .docx template the review can fill (a zip with word/document.xml holding
 * {{body}}), 0 when not, -1 out of memory. */
int docx_template_check(const void *data, size_t len);

/* Fills the template (NULL = the built-in one) with t and writes the .docx to path. 0, or -1 with
 * a message in err. */
int docx_review_write(const ReviewText *t, const void *tpl, size_t tpllen, const char *path, char *err,
		      size_t errlen);

/* The same into memory (tests, the API): *out malloc'd. */
int docx_review_bytes(const ReviewText *t, const void *tpl, size_t tpllen, unsigned char **out, size_t *outlen);

#endif
