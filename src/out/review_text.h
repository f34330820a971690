/* The annual review's words (issue 9): turns core/review's ReviewData into the report's headings
 * and sentences, written the Vietnamese way (vi_format_int, billions with a decimal comma), each
 * figure with a footnote saying how it was counted and a link to the records behind it. Shared by
 * the HTML page (web/reviews.c), the .docx (out/docx.c) and the API (the footnotes). The report
 * itself is in Vietnamese: it is the document the board signs. */
#ifndef ISHC_OUT_REVIEW_TEXT_H
#define ISHC_OUT_REVIEW_TEXT_H

#include <stddef.h>

#include "core/review.h"

typedef enum ReviewParaKind {
	RP_HEADING,   /* "I. CÔNG TÁC CHỈ ĐẠO, HƯỚNG DẪN" */
	RP_TEXT,      /* a paragraph */
	RP_ITEM,      /* a line of a list ("- Thanh Hóa: ...") */
} ReviewParaKind;

typedef struct ReviewPara {
	ReviewParaKind kind;
	char *text;       /* malloc'd */
	int note;         /* 1-based footnote number, 0 none */
} ReviewPara;

typedef struct ReviewNote {
	char key[24];     /* the figure: "plans", "new_clubs", "local_trainings", "budgets", ... */
	char *text;       /* how it was counted (malloc'd) */
	char link[200];   /* the page listing the records ("/plans?programme=1&year=2021") */
} ReviewNote;

typedef struct ReviewText {
	char title[700];          /* "Tổng kết thực hiện Đề án ... năm 2021 và nhiệm vụ năm 2022" */
	char issuer_parent[200];  /* "HỘI NGƯỜI CAO TUỔI VIỆT NAM" */
	char issuer[200];         /* "BAN ĐIỀU HÀNH ĐỀ ÁN 1336" / "HỘI NGƯỜI CAO TUỔI TỈNH THANH HÓA" */
	char number[64];          /* "      /BC-BĐH" (the number is written by hand when issued) */
	char place[128];          /* "Hà Nội" */
	char *dateline;           /* "Hà Nội, ngày 31 tháng 3 năm 2022" */
	char signer_title[200];
	char programme[200];      /* the programme's name */
	char unit[160];           /* "Toàn quốc" or "tỉnh Thanh Hóa" */
	char year_text[16], next_year_text[16];
	char *recipients[8];
	size_t nrecipients;
	ReviewPara *paras;
	size_t n, cap;
	ReviewNote *notes;
	size_t nnotes, capnotes;
} ReviewText;

/* Writes the review's text; date is the dateline's day (ISO). 0, or -1 out of memory. */
int review_text(const ReviewData *d, const char *date, ReviewText *out);
void review_text_free(ReviewText *t);

#endif
