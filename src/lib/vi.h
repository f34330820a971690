/* Vietnamese text: normalisation, search folding, collation keys, names, numbers, dates and
 * amounts in words. Every list, search and report goes through here, so the rules live in one place. */
#ifndef ISHC_VI_H
#define ISHC_VI_H

#include <stddef.h>
#include <stdint.h>

/* Error codes. 0 is success; every error is negative. vi_error_message() turns one into a sentence
 * for the person who typed the input. VI_ERR_NOMEM and VI_ERR_ARG are never the user's fault. */
enum vi_err {
	VI_OK = 0,
	VI_ERR_NOMEM = -1,       /* out of memory */
	VI_ERR_UTF8 = -2,        /* the bytes are not well-formed UTF-8 */
	VI_ERR_CONTROL = -3,     /* a control character (NUL, ESC, ...) that text may not hold */
	VI_ERR_EMPTY = -4,       /* nothing but white space */
	VI_ERR_NUMBER = -5,      /* not a number: stray letters or signs, a comma in a whole number */
	VI_ERR_GROUPING = -6,    /* thousands separators in the wrong place ("1.25.000") */
	VI_ERR_RANGE = -7,       /* the number does not fit (int64, or above VI_MONEY_MAX) */
	VI_ERR_PRECISION = -8,   /* more digits after the decimal comma than the field keeps */
	VI_ERR_DATE_FORMAT = -9, /* not written as dd/mm/yyyy or yyyy-mm-dd */
	VI_ERR_DATE = -10,       /* written right but no such day (31/02/2026) */
	VI_ERR_NEGATIVE = -11,   /* a negative amount where only zero or more makes sense */
	VI_ERR_ARG = -12,        /* the caller passed an impossible argument: our bug */
};

/* Returns a static sentence describing code, in English when lang is "en" and in Vietnamese
 * otherwise (NULL included): Vietnamese is the default language. Never NULL; an unknown code gets
 * a generic sentence. */
const char *vi_error_message(int code, const char *lang);

/* ---- normalisation ---- */

/* Flag for vi_normalize: trim white space at both ends and turn every run of white space (tabs,
 * newlines, no-break spaces included) into one ASCII space; drop zero-width spaces and BOMs.
 * Without it line breaks and tabs are kept, for notes that span lines. */
#define VI_NORM_SPACES 1u

/* Normalises the NUL-terminated text s for storage: checks it is UTF-8, rejects control characters
 * other than tab, CR and LF, converts it to NFC, writes U+00D0 (Ð, the look-alike of Đ that old
 * Vietnamese encodings leave behind) as Đ, and puts the tone mark of the syllables whose vowel is
 * oa, oe or uy with no final consonant on the first vowel, as modern official spelling does
 * ("Thanh Hoá" -> "Thanh Hóa", "thuỷ" -> "thủy", "khoẻ" -> "khỏe"; "hoàn", "quý", "thuyền" are
 * unchanged). See flags above.
 * On success returns VI_OK and *out gets a malloc'd string the caller frees (possibly "").
 * On error returns VI_ERR_UTF8, VI_ERR_CONTROL or VI_ERR_NOMEM and *out is NULL.
 * Normalising a normalised string gives it back unchanged. */
int vi_normalize(const char *s, unsigned flags, char **out);

/* The same for the n bytes at s, which need not be NUL-terminated; a NUL byte among them is
 * VI_ERR_CONTROL (form fields and CSV cells arrive with a length, and may hold one). */
int vi_normalize_n(const char *s, size_t n, unsigned flags, char **out);

/* ---- searching ---- */

/* Returns the search form of s: case-folded, with every diacritic removed, đ/Đ (and their
 * look-alikes ð, Ð, ɖ, Ɖ) as d, white space trimmed and collapsed to single spaces. Two texts that
 * differ only in case, tone, vowel marks or tone placement fold to the same string:
 * "Nguyễn Văn A" -> "nguyen van a", "Đà Nẵng" -> "da nang". Punctuation is kept.
 * Returns a malloc'd string the caller frees, or NULL if s is not valid UTF-8 or memory ran out. */
char *vi_fold(const char *s);

/* Returns a LIKE pattern (with ESCAPE '\\') that finds the folded text q inside folded names:
 * "%nguyen van a%", or with words_apart "%nguyen%van%a%" (the words in order, anything between).
 * LIKE's own wildcards in q are escaped. Returns a malloc'd string the caller frees, or NULL when
 * q is NULL, empty, not valid UTF-8, or memory ran out. */
char *vi_like_pattern(const char *q, int words_apart);

/* ---- sorting ---- */

/* Returns the collation key of s: a malloc'd string (the caller frees it) of ASCII digits and
 * lower-case letters only, such that comparing two keys byte by byte (memcmp, strcmp, or ORDER BY
 * under COLLATE "C" in SQLite or PostgreSQL) orders the texts in Vietnamese alphabetical order:
 *   1. letters a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z), case
 *      ignored; words before longer words that begin with them ("An" < "An Bình" < "Anh");
 *      runs of digits by numeric value ("Phường 2" < "Phường 10") and before letters; letters of
 *      other scripts after z by code point; spaces and punctuation are all one word break;
 *      apostrophes ("H'Hen") are ignored;
 *   2. then tones, word by word: none, huyền, hỏi, ngã, sắc, nặng ("ma" < "mà" < "mả" < "mã" <
 *      "má" < "mạ");
 *   3. then case, lower before upper.
 * Old and new tone placement give the same key. Texts equal on all three levels have equal keys
 * (leading zeros of numbers and marks foreign to Vietnamese are not part of the key).
 * Returns NULL if s is not valid UTF-8 or memory ran out. The key of "" is "00". */
char *vi_collate_key(const char *s);

/* Compares a and b as their collation keys would: -1, 0 or 1, like strcmp. If a key cannot be
 * made (malformed UTF-8, no memory) the texts are compared bytewise instead, so a sort never stops
 * half way. It builds both keys on every call: to sort many items, make each key once. */
int vi_collate(const char *a, const char *b);

/* Returns the key that sorts people by given name, then middle name, then family name, each part
 * compared fully (all three levels) before the next. NULL parts count as empty. Same alphabet and
 * ownership as vi_collate_key; NULL if a part is not valid UTF-8 or memory ran out. */
char *vi_collate_name(const char *family, const char *middle, const char *given);

/* ---- names ---- */

/* Splits a full name after normalising it (VI_NORM_SPACES): the first word is the family name, the
 * last word the given name, the words between the middle name ("" when there are none). A single
 * word is a given name only. Compound family names ("Tôn Nữ", "Âu Dương") are not recognised: the
 * parts stay editable by the user.
 * On success returns VI_OK and sets *family, *middle, *given to malloc'd strings (possibly "") that
 * the caller frees. On error (VI_ERR_EMPTY, VI_ERR_UTF8, VI_ERR_CONTROL, VI_ERR_NOMEM) all three
 * are set to NULL. */
int vi_name_split(const char *full, char **family, char **middle, char **given);

/* ---- formatting numbers and dates ---- */

/* Room for any formatted int64 number, decimal or amount, NUL included. */
#define VI_NUM_BUFSZ 32
/* Room for dd/mm/yyyy or yyyy-mm-dd and the NUL. */
#define VI_DATE_BUFSZ 11

/* Writes v with dots between thousands ("1.234.567", "-1.000") into buf; returns buf. */
char *vi_format_int(int64_t v, char buf[VI_NUM_BUFSZ]);

/* Writes scaled / 10^scale with a decimal comma and dot grouping, always with scale decimals
 * (vi_format_decimal(991, 1) -> "99,1", (5, 2) -> "0,05", (-123456, 2) -> "-1.234,56").
 * Returns buf, or NULL when scale is outside 0..18. */
char *vi_format_decimal(int64_t scaled, int scale, char buf[VI_NUM_BUFSZ]);

/* Writes an amount of đồng as "1.250.000 đ" (an ASCII space, then U+0111); returns buf. */
char *vi_format_money(int64_t dong, char buf[VI_NUM_BUFSZ]);

/* Writes an amount of đồng in billions (tỉ đồng) with `decimals` digits after the decimal comma,
 * rounded half away from zero, trailing zeros kept: (50891000000, 3) -> "50,891",
 * (1250000000, 1) -> "1,3", (2000000000000, 0) -> "2.000". The caller writes " tỉ đồng" after it.
 * Returns buf, or NULL when decimals is outside 0..9. */
char *vi_format_billions(int64_t dong, int decimals, char buf[VI_NUM_BUFSZ]);

/* Writes a share in per mille as a percentage with at most one decimal, no trailing ",0":
 * 333 -> "33,3", 330 -> "33", -125 -> "-12,5". The caller writes "%" after it. Returns buf. */
char *vi_format_permille_pct(int64_t permille, char buf[VI_NUM_BUFSZ]);

/* Returns s in capitals ("Thanh Hóa" -> "THANH HÓA"), for the headings of official documents; a
 * malloc'd string the caller frees, or NULL when s is not valid UTF-8 or memory ran out. */
char *vi_upper(const char *s);

/* Writes the ISO date iso ("2026-01-05") as "05/01/2026" into buf and returns buf; returns NULL
 * (buf untouched) when iso is not exactly YYYY-MM-DD or names no real day. */
char *vi_format_date(const char *iso, char buf[VI_DATE_BUFSZ]);

/* Makes the dateline of an official document (Decree 30/2020/NĐ-CP): "Hà Nội, ngày 05 tháng 01
 * năm 2026". Days 1-9 and the months January and February take a leading zero, other numbers do
 * not ("ngày 05 tháng 3", "ngày 25 tháng 02", "ngày 10 tháng 12"). place is normalised with
 * VI_NORM_SPACES; when it is NULL or blank the line is "Ngày 05 tháng 01 năm 2026".
 * Returns VI_OK and a malloc'd *out the caller frees, or an error (VI_ERR_DATE_FORMAT or VI_ERR_DATE
 * for iso, VI_ERR_UTF8 or VI_ERR_CONTROL for place, VI_ERR_NOMEM) with *out NULL. */
int vi_format_dateline(const char *place, const char *iso, char **out);

/* ---- parsing numbers and dates ---- */

/* Parses a whole number as Vietnamese write it: "1250000", "1.250.000", "1 250 000" (spaces or
 * no-break spaces as grouping), an optional leading + or -, white space around ignored. When
 * separators are used they must all be the same kind, the first group has 1-3 digits and does not
 * start with 0, every other group exactly 3. Returns VI_OK with *out set, or VI_ERR_EMPTY,
 * VI_ERR_NUMBER ("abc", "1,5"), VI_ERR_GROUPING ("1.25.000"), VI_ERR_RANGE (beyond int64);
 * *out is unchanged on error. */
int vi_parse_int(const char *s, int64_t *out);

/* Parses an amount of money: what vi_parse_int accepts, optionally followed by "đ", "₫", "đồng",
 * "VND" or "VNĐ" (any case, with or without a space). Same results as vi_parse_int. */
int vi_parse_money(const char *s, int64_t *out);

/* Parses a decimal number into an integer scaled by 10^scale (scale 0..18): "99,1" with scale 1 ->
 * 991. The comma is the decimal separator and the dot groups thousands, as in Vietnamese, with one
 * allowance for numbers typed the English way: when there is no comma and exactly one dot, the dot
 * groups thousands only if 1-3 digits not starting with 0 stand before it and exactly 3 after it
 * ("1.500" -> 1500, "12.345" -> 12345); otherwise it is a decimal point ("1.5" -> 1,5; "0.500" ->
 * 0,5; "1234.5" -> 1234,5). Digits beyond scale are refused unless they are all zero: a value is
 * never rounded behind the user's back.
 * Returns VI_OK with *out set, or the errors of vi_parse_int, VI_ERR_PRECISION, or VI_ERR_ARG for a
 * scale outside 0..18; *out is unchanged on error. */
int vi_parse_decimal(const char *s, int scale, int64_t *out);

/* Parses a date typed as d/m/yyyy (1-2 digit day and month, 4-digit year; "/", "-" or "." as
 * separator, the same one twice) or yyyy-mm-dd, white space around ignored, and writes the ISO
 * form "2026-01-05" into out. Returns VI_OK, VI_ERR_EMPTY, VI_ERR_DATE_FORMAT or VI_ERR_DATE (no
 * such day: 31/02/2026, 29/02/2025, year 0); out is unchanged on error. */
int vi_parse_date(const char *s, char out[VI_DATE_BUFSZ]);

/* ---- amounts in words ---- */

/* The largest amount vi_money_words reads: 999.999.999.999.999 đồng (just under a million tỷ). */
#define VI_MONEY_MAX INT64_C(999999999999999)

/* Writes n (0..VI_MONEY_MAX) in words, lower case, as on receipts: "một trăm linh năm",
 * "hai mươi mốt", "một nghìn không trăm linh một", "một nghìn tỷ". Returns VI_OK and a malloc'd
 * *out the caller frees, or VI_ERR_NEGATIVE, VI_ERR_RANGE, VI_ERR_NOMEM with *out NULL. */
int vi_number_words(int64_t n, char **out);

/* Writes an amount of đồng in words for a receipt or a voucher: capital first letter, then
 * "đồng chẵn" when the amount is a whole number of thousands (it has no odd đồng to spell) and
 * "đồng" otherwise: 120000000 -> "Một trăm hai mươi triệu đồng chẵn", 1500 -> "Một nghìn năm trăm
 * đồng", 0 -> "Không đồng". Same results as vi_number_words. */
int vi_money_words(int64_t dong, char **out);

#endif
