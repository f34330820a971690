/* See vi.h. utf8proc does the Unicode work (NFD, NFC, case folding, categories); the Vietnamese
 * rules (tone placement, alphabet order, tones, numbers in words) are the tables below. */
#include "lib/vi.h"

#include "lib/buf.h"
#include "lib/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- error catalogue ---- */

static const struct {
	int code;
	const char *vi;
	const char *en;
} vi_messages[] = {
	{ .code = VI_OK, .vi = "Không có lỗi.", .en = "No error." },
	{ .code = VI_ERR_NOMEM, .vi = "Hệ thống không đủ bộ nhớ, xin thử lại sau.",
	  .en = "The system ran out of memory; please try again later." },
	{ .code = VI_ERR_UTF8, .vi = "Văn bản chứa ký tự hỏng (không phải mã UTF-8). Hãy gõ lại hoặc lưu tệp dưới dạng UTF-8.",
	  .en = "The text contains broken characters (not UTF-8). Type it again or save the file as UTF-8." },
	{ .code = VI_ERR_CONTROL, .vi = "Văn bản chứa ký tự điều khiển không được phép.",
	  .en = "The text contains a control character that is not allowed." },
	{ .code = VI_ERR_EMPTY, .vi = "Chưa nhập giá trị.", .en = "No value was entered." },
	{ .code = VI_ERR_NUMBER, .vi = "Không phải là số hợp lệ (ví dụ đúng: 1.250.000 hoặc 99,5).",
	  .en = "Not a valid number (for example 1.250.000 or 99,5)." },
	{ .code = VI_ERR_GROUPING, .vi = "Dấu chấm phân cách hàng nghìn đặt sai chỗ (ví dụ đúng: 1.250.000).",
	  .en = "The thousands separators are in the wrong place (for example 1.250.000)." },
	{ .code = VI_ERR_RANGE, .vi = "Số vượt quá giới hạn cho phép.", .en = "The number is out of range." },
	{ .code = VI_ERR_PRECISION, .vi = "Quá nhiều chữ số sau dấu phẩy.",
	  .en = "Too many digits after the decimal comma." },
	{ .code = VI_ERR_DATE_FORMAT, .vi = "Ngày phải viết dạng ngày/tháng/năm, ví dụ 05/01/2026.",
	  .en = "Write the date as day/month/year, for example 05/01/2026." },
	{ .code = VI_ERR_DATE, .vi = "Ngày này không có trong lịch.", .en = "There is no such day in the calendar." },
	{ .code = VI_ERR_NEGATIVE, .vi = "Số tiền không được là số âm.", .en = "The amount must not be negative." },
	{ .code = VI_ERR_ARG, .vi = "Lỗi chương trình: tham số không hợp lệ.",
	  .en = "Program error: invalid argument." },
};

const char *vi_error_message(int code, const char *lang)
{
	int en = lang && strcmp(lang, "en") == 0;
	for (size_t i = 0; i < sizeof vi_messages / sizeof vi_messages[0]; i++)
		if (vi_messages[i].code == code)
			return en ? vi_messages[i].en : vi_messages[i].vi;
	return en ? "Unknown error." : "Lỗi không xác định.";
}

/* ---- code points ---- */

/* Decodes and canonically decomposes (NFD, plus whatever opt adds) the n bytes at s into a
 * malloc'd array with room for one more code point than it holds, which utf8proc_reencode needs
 * to write UTF-8 back in place. */
static int vi_decompose(const char *s, size_t n, utf8proc_option_t opt, int32_t **cps, ptrdiff_t *len)
{
	*cps = NULL;
	*len = 0;
	if (!utf8_valid(s, n, NULL))
		return VI_ERR_UTF8;
	if (n > (size_t)PTRDIFF_MAX / 32)
		return VI_ERR_NOMEM;
	ptrdiff_t cap = (ptrdiff_t)n + 1;
	for (;;) {
		int32_t *buf = malloc(((size_t)cap + 1) * sizeof *buf);
		if (!buf)
			return VI_ERR_NOMEM;
		ptrdiff_t r = utf8proc_decompose((const utf8proc_uint8_t *)s, (ptrdiff_t)n, buf, cap,
			opt | UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);
		if (r < 0) {
			free(buf);
			return r == UTF8PROC_ERROR_INVALIDUTF8 ? VI_ERR_UTF8 : VI_ERR_NOMEM;
		}
		if (r <= cap) {
			*cps = buf;
			*len = r;
			return VI_OK;
		}
		free(buf);
		cap = r;
	}
}

/* Turns the code points back into NFC UTF-8 inside their own array and hands it over as a string. */
static char *vi_compose(int32_t *cps, ptrdiff_t len)
{
	ptrdiff_t r = utf8proc_reencode(cps, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0) {
		free(cps);
		return NULL;
	}
	char *s = (char *)cps;
	char *shrunk = realloc(s, (size_t)r + 1);
	return shrunk ? shrunk : s;
}

static int vi_is_mark(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME;
}

static int vi_is_space(int32_t cp)
{
	if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85)
		return 1;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

/* Invisible characters that arrive with pasted text and mean nothing in a name. */
static int vi_is_zero_width(int32_t cp)
{
	return cp == 0x200B || cp == 0xFEFF;
}

static int vi_is_forbidden_control(int32_t cp)
{
	if (cp == '\t' || cp == '\n' || cp == '\r')
		return 0;
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Base letters of Vietnamese in NFD: every other letter is an ASCII letter plus marks. */
#define CP_D_STROKE_UPPER 0x0110
#define CP_D_STROKE_LOWER 0x0111
#define CP_ETH_UPPER 0x00D0

/* The marks that make Vietnamese vowels and tones, as they stand in NFD. */
enum { MOD_NONE, MOD_BREVE, MOD_CIRCUMFLEX, MOD_HORN, MOD_OTHER };
enum { TONE_NONE, TONE_HUYEN, TONE_HOI, TONE_NGA, TONE_SAC, TONE_NANG };

static const struct {
	int32_t cp;
	int tone;
	int mod;
} vi_marks[] = {
	{ .cp = 0x0300, .tone = TONE_HUYEN },
	{ .cp = 0x0309, .tone = TONE_HOI },
	{ .cp = 0x0303, .tone = TONE_NGA },
	{ .cp = 0x0301, .tone = TONE_SAC },
	{ .cp = 0x0323, .tone = TONE_NANG },
	{ .cp = 0x0306, .mod = MOD_BREVE },
	{ .cp = 0x0302, .mod = MOD_CIRCUMFLEX },
	{ .cp = 0x031B, .mod = MOD_HORN },
};

/* Classifies a combining mark: sets *tone or *mod (MOD_OTHER for marks Vietnamese does not use). */
static void vi_mark_kind(int32_t cp, int *tone, int *mod)
{
	for (size_t i = 0; i < sizeof vi_marks / sizeof vi_marks[0]; i++) {
		if (vi_marks[i].cp == cp) {
			if (vi_marks[i].tone)
				*tone = vi_marks[i].tone;
			else
				*mod = vi_marks[i].mod;
			return;
		}
	}
	*mod = MOD_OTHER;
}

static int vi_is_latin_base(int32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == CP_D_STROKE_UPPER ||
		cp == CP_D_STROKE_LOWER || cp == CP_ETH_UPPER;
}

/* ---- tone placement ---- */

/* One letter of a word in NFD: its base, where it starts, and the marks after it. */
typedef struct {
	char letter;      /* lower-case ASCII; 'D' stands for đ */
	int mod;
	int tone;
	int ntones;
	ptrdiff_t at;     /* index of the base in the code point array */
	ptrdiff_t len;    /* base plus marks */
} vi_letter_t;

/* Consonants a syllable may start with; "gi" and "qu" only count when a vowel follows,
 * so that "gì" is g + ì while "gia" is gi + a. Longest match wins. */
static const char *const vi_onsets[] = {
	"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
	"b", "c", "d", "D", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
};

/* The vowel pairs whose tone mark moves between the two styles when nothing follows them:
 * old style "hoà", "khoẻ", "thuỷ"; new style "hòa", "khỏe", "thủy". */
static const char *const vi_moving_pairs[] = { "oa", "oe", "uy" };

static int vi_is_vowel(char c)
{
	return c && strchr("aeiouy", c) != NULL;
}

/* Length of the onset that starts w[0..n), with the gi/qu rule above. */
static size_t vi_onset_len(const vi_letter_t *w, size_t n)
{
	size_t best = 0;
	for (size_t i = 0; i < sizeof vi_onsets / sizeof vi_onsets[0]; i++) {
		size_t k = strlen(vi_onsets[i]);
		if (k <= best || k > n)
			continue;
		size_t j = 0;
		while (j < k && w[j].letter == vi_onsets[i][j] && w[j].mod == MOD_NONE && w[j].ntones == 0)
			j++;
		if (j < k)
			continue;
		if ((strcmp(vi_onsets[i], "gi") == 0 || strcmp(vi_onsets[i], "qu") == 0) &&
			(k == n || !vi_is_vowel(w[k].letter)))
			continue;
		best = k;
	}
	return best;
}

/* Puts the tone mark of the word at cps[start..end) where the new style wants it, if the word is a
 * Vietnamese syllable whose vowel is oa, oe or uy with no final consonant. Anything that does not
 * parse as such a syllable (foreign words, typos, several tone marks) is left alone. */
static void vi_fix_tone(int32_t *cps, ptrdiff_t start, ptrdiff_t end)
{
	vi_letter_t w[12];
	size_t n = 0;
	int ntones = 0;
	for (ptrdiff_t i = start; i < end;) {
		if (n == sizeof w / sizeof w[0])
			return;
		vi_letter_t *l = &w[n++];
		int32_t b = cps[i];
		memset(l, 0, sizeof *l);
		l->letter = b == CP_D_STROKE_LOWER || b == CP_D_STROKE_UPPER || b == CP_ETH_UPPER ? 'D' :
			(char)(b | 0x20);
		l->at = i++;
		while (i < end && !vi_is_latin_base(cps[i])) {
			int tone = TONE_NONE;
			vi_mark_kind(cps[i], &tone, &l->mod);
			if (tone) {
				l->tone = tone;
				l->ntones++;
				ntones++;
			}
			i++;
		}
		l->len = i - l->at;
		if (l->mod == MOD_OTHER)
			return;
	}
	if (ntones != 1)
		return;
	size_t on = vi_onset_len(w, n);
	size_t nuc = on;
	while (nuc < n && vi_is_vowel(w[nuc].letter))
		nuc++;
	if (nuc - on != 2 || nuc != n)
		return; /* only a bare two-vowel rhyme moves: with a coda the mark stays on the second */
	const vi_letter_t *v1 = &w[on], *v2 = &w[on + 1];
	if (v1->mod != MOD_NONE || v2->mod != MOD_NONE || v2->ntones != 1 || v2->len != 2)
		return;
	for (size_t i = 0; i < sizeof vi_moving_pairs / sizeof vi_moving_pairs[0]; i++) {
		if (v1->letter == vi_moving_pairs[i][0] && v2->letter == vi_moving_pairs[i][1]) {
			/* [v1][v2][tone] becomes [v1][tone][v2]: both letters are bare, so nothing else moves */
			int32_t base2 = cps[v2->at];
			cps[v1->at + 1] = cps[v2->at + 1];
			cps[v1->at + 2] = base2;
			return;
		}
	}
}

/* Runs vi_fix_tone over every word (maximal run of Latin letters with their marks). */
static void vi_fix_tones(int32_t *cps, ptrdiff_t len)
{
	ptrdiff_t i = 0;
	while (i < len) {
		if (!vi_is_latin_base(cps[i])) {
			i++;
			continue;
		}
		ptrdiff_t start = i++;
		while (i < len && (vi_is_latin_base(cps[i]) || vi_is_mark(cps[i])))
			i++;
		vi_fix_tone(cps, start, i);
	}
}

/* ---- normalisation ---- */

int vi_normalize_n(const char *s, size_t n, unsigned flags, char **out)
{
	*out = NULL;
	if (memchr(s, '\0', n))
		return VI_ERR_CONTROL;
	int32_t *cps;
	ptrdiff_t len;
	int rc = vi_decompose(s, n, 0, &cps, &len);
	if (rc)
		return rc;
	ptrdiff_t w = 0;
	int pending_space = 0;
	for (ptrdiff_t i = 0; i < len; i++) {
		int32_t cp = cps[i];
		if (vi_is_forbidden_control(cp)) {
			free(cps);
			return VI_ERR_CONTROL;
		}
		if (cp == CP_ETH_UPPER)
			cp = CP_D_STROKE_UPPER;
		if (flags & VI_NORM_SPACES) {
			if (vi_is_zero_width(cp))
				continue;
			if (vi_is_space(cp)) {
				pending_space = w > 0;
				continue;
			}
			if (pending_space)
				cps[w++] = ' ';
			pending_space = 0;
		}
		cps[w++] = cp;
	}
	vi_fix_tones(cps, w);
	*out = vi_compose(cps, w);
	return *out ? VI_OK : VI_ERR_NOMEM;
}

int vi_normalize(const char *s, unsigned flags, char **out)
{
	return vi_normalize_n(s, strlen(s), flags, out);
}

/* ---- folding ---- */

char *vi_fold(const char *s)
{
	int32_t *cps;
	ptrdiff_t len;
	if (vi_decompose(s, strlen(s), UTF8PROC_CASEFOLD, &cps, &len))
		return NULL;
	ptrdiff_t w = 0;
	int pending_space = 0;
	for (ptrdiff_t i = 0; i < len; i++) {
		int32_t cp = cps[i];
		if (vi_is_mark(cp) || vi_is_zero_width(cp))
			continue;
		if (vi_is_space(cp) || vi_is_forbidden_control(cp)) {
			pending_space = w > 0;
			continue;
		}
		/* đ and the letters it is mistaken for: case folding has already made them lower case */
		if (cp == CP_D_STROKE_LOWER || cp == 0x00F0 || cp == 0x0256)
			cp = 'd';
		if (pending_space)
			cps[w++] = ' ';
		pending_space = 0;
		cps[w++] = cp;
	}
	return vi_compose(cps, w);
}

/* ---- collation ----
 * A key is three levels separated by '0': letters, tones, case. Every level-1 element starts with
 * a character above '0', so a text that is a prefix of another sorts first, and no key is a proper
 * prefix of another key (vi_collate_name relies on that to concatenate keys). Elements:
 *   "11"                 a word break (spaces, punctuation, symbols), runs collapsed
 *   "2" len digits       a run of ASCII digits without leading zeros; len in base 36
 *   letter + variant     a Vietnamese/Latin letter: "a0" a, "a1" ă, "a2" â, "d1" đ, "o2" ơ ...
 *   "zz" + 4 base-36     any other letter or digit, by lower-case code point, after z
 * Level 2 has one tone digit per word ('1' none .. '6' nặng), level 3 one digit per letter
 * ('1' lower, '2' upper). Only [0-9a-z] appear, so even a locale collation keeps the order. */

static const char vi_base36[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* Level-1 variant digit of a letter with a vowel mark: the Vietnamese letters ă â ê ô ơ ư.
 * A mark that makes no Vietnamese letter on this base is ignored. */
static char vi_variant(char base, int mod)
{
	static const struct {
		char base;
		int mod;
		char variant;
	} table[] = {
		{ 'a', MOD_BREVE, '1' }, { 'a', MOD_CIRCUMFLEX, '2' },
		{ 'e', MOD_CIRCUMFLEX, '1' },
		{ 'o', MOD_CIRCUMFLEX, '1' }, { 'o', MOD_HORN, '2' },
		{ 'u', MOD_HORN, '1' },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].base == base && table[i].mod == mod)
			return table[i].variant;
	return '0';
}

/* Characters left out of the key altogether: apostrophes in names such as "H'Hen Niê", and
 * invisible formatting characters. */
static int vi_is_ignorable(int32_t cp)
{
	return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x00AD ||
		cp == 0x200C || cp == 0x200D || vi_is_zero_width(cp);
}

static int vi_is_letter_or_number(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

typedef struct {
	Buf l1, l2, l3;
	int pending_break;
	int in_word;
	int word_tones;
} vi_keyer_t;

static void vi_key_end_word(vi_keyer_t *k)
{
	if (k->in_word && !k->word_tones)
		buf_putc(&k->l2, '1');
	k->in_word = 0;
	k->word_tones = 0;
}

/* Emits the word break owed before a new element; breaks at either end of the text are dropped. */
static void vi_key_element_start(vi_keyer_t *k)
{
	if (k->pending_break && k->l1.len > 0)
		buf_puts(&k->l1, "11");
	k->pending_break = 0;
}

static char *vi_key_make(const char *s)
{
	int32_t *cps;
	ptrdiff_t len;
	if (vi_decompose(s, strlen(s), 0, &cps, &len))
		return NULL;
	vi_keyer_t k = { .in_word = 0 };
	buf_init(&k.l1, 0);
	buf_init(&k.l2, 0);
	buf_init(&k.l3, 0);
	for (ptrdiff_t i = 0; i < len;) {
		int32_t cp = cps[i];
		if (vi_is_ignorable(cp) || vi_is_mark(cp)) {
			i++; /* a mark here has no letter of ours before it */
		} else if (vi_is_latin_base(cp)) {
			vi_key_element_start(&k);
			int upper = cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : cp != CP_D_STROKE_LOWER;
			int mod = MOD_NONE;
			char l1[2];
			if (cp >= 0x80) {
				l1[0] = 'd';
				l1[1] = '1';
			} else {
				l1[0] = (char)(cp | 0x20);
			}
			for (i++; i < len && vi_is_mark(cps[i]); i++) {
				int tone = TONE_NONE;
				vi_mark_kind(cps[i], &tone, &mod);
				if (tone) {
					buf_putc(&k.l2, (char)('1' + tone));
					k.word_tones++;
				}
			}
			if (cp < 0x80)
				l1[1] = vi_variant(l1[0], mod);
			buf_append(&k.l1, l1, 2);
			buf_putc(&k.l3, upper ? '2' : '1');
			k.in_word = 1;
		} else if (cp >= '0' && cp <= '9') {
			vi_key_end_word(&k);
			vi_key_element_start(&k);
			ptrdiff_t j = i;
			while (j < len && cps[j] >= '0' && cps[j] <= '9')
				j++;
			while (i < j - 1 && cps[i] == '0')
				i++;
			/* a run longer than 35 digits goes in chunks: still a total order, if not numeric */
			while (i < j) {
				ptrdiff_t chunk = j - i > 35 ? 35 : j - i;
				buf_putc(&k.l1, '2');
				buf_putc(&k.l1, vi_base36[chunk]);
				for (ptrdiff_t d = 0; d < chunk; d++)
					buf_putc(&k.l1, (char)cps[i + d]);
				i += chunk;
			}
		} else if (vi_is_letter_or_number(cp)) {
			vi_key_element_start(&k);
			int32_t lower = utf8proc_tolower(cp);
			char e[6] = { 'z', 'z' };
			for (int d = 5; d >= 2; d--) {
				e[d] = vi_base36[lower % 36];
				lower /= 36;
			}
			buf_append(&k.l1, e, sizeof e);
			buf_putc(&k.l3, utf8proc_tolower(cp) != cp ? '2' : '1');
			k.in_word = 1;
			for (i++; i < len && vi_is_mark(cps[i]); i++)
				;
		} else {
			vi_key_end_word(&k);
			k.pending_break = 1;
			i++;
		}
	}
	vi_key_end_word(&k);
	free(cps);
	buf_putc(&k.l1, '0');
	buf_append(&k.l1, buf_str(&k.l2), k.l2.len);
	buf_putc(&k.l1, '0');
	buf_append(&k.l1, buf_str(&k.l3), k.l3.len);
	int failed = k.l2.failed || k.l3.failed;
	buf_free(&k.l2);
	buf_free(&k.l3);
	if (failed) {
		buf_free(&k.l1);
		return NULL;
	}
	return buf_take(&k.l1, NULL);
}

char *vi_collate_key(const char *s)
{
	return vi_key_make(s);
}

int vi_collate(const char *a, const char *b)
{
	char *ka = vi_collate_key(a);
	char *kb = vi_collate_key(b);
	int r = ka && kb ? strcmp(ka, kb) : strcmp(a, b);
	free(ka);
	free(kb);
	return (r > 0) - (r < 0);
}

char *vi_collate_name(const char *family, const char *middle, const char *given)
{
	const char *parts[] = { given, middle, family };
	Buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		char *key = vi_collate_key(parts[i] ? parts[i] : "");
		if (!key) {
			buf_free(&b);
			return NULL;
		}
		buf_puts(&b, key);
		free(key);
	}
	return buf_take(&b, NULL);
}

/* ---- names ---- */

int vi_name_split(const char *full, char **family, char **middle, char **given)
{
	*family = *middle = *given = NULL;
	char *norm;
	int rc = vi_normalize(full, VI_NORM_SPACES, &norm);
	if (rc)
		return rc;
	if (!*norm) {
		free(norm);
		return VI_ERR_EMPTY;
	}
	/* normalised: single spaces, none at either end */
	char *first_space = strchr(norm, ' ');
	char *last_space = strrchr(norm, ' ');
	if (!first_space) {
		*family = strdup("");
		*middle = strdup("");
		*given = strdup(norm);
	} else {
		*family = strndup(norm, (size_t)(first_space - norm));
		*middle = first_space == last_space ? strdup("") :
			strndup(first_space + 1, (size_t)(last_space - first_space - 1));
		*given = strdup(last_space + 1);
	}
	free(norm);
	if (!*family || !*middle || !*given) {
		free(*family);
		free(*middle);
		free(*given);
		*family = *middle = *given = NULL;
		return VI_ERR_NOMEM;
	}
	return VI_OK;
}

/* ---- formatting ---- */

/* Writes the digits of the magnitude m grouped by dots, after prefix, then suffix. m is unsigned so
 * that INT64_MIN has a magnitude. */
static char *vi_format_grouped(uint64_t m, const char *prefix, const char *suffix, char buf[VI_NUM_BUFSZ])
{
	char digits[24];
	int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)m);
	size_t w = 0;
	for (const char *p = prefix; *p; p++)
		buf[w++] = *p;
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[w++] = '.';
		buf[w++] = digits[i];
	}
	for (const char *p = suffix; *p; p++)
		buf[w++] = *p;
	buf[w] = '\0';
	return buf;
}

static uint64_t vi_magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

char *vi_format_int(int64_t v, char buf[VI_NUM_BUFSZ])
{
	return vi_format_grouped(vi_magnitude(v), v < 0 ? "-" : "", "", buf);
}

char *vi_format_money(int64_t dong, char buf[VI_NUM_BUFSZ])
{
	return vi_format_grouped(vi_magnitude(dong), dong < 0 ? "-" : "", " đ", buf);
}

char *vi_format_decimal(int64_t scaled, int scale, char buf[VI_NUM_BUFSZ])
{
	if (scale < 0 || scale > 18)
		return NULL;
	uint64_t unit = 1;
	for (int i = 0; i < scale; i++)
		unit *= 10;
	uint64_t m = vi_magnitude(scaled);
	char frac[24] = "";
	if (scale > 0)
		snprintf(frac, sizeof frac, ",%0*llu", scale, (unsigned long long)(m % unit));
	return vi_format_grouped(m / unit, scaled < 0 ? "-" : "", frac, buf);
}

char *vi_format_billions(int64_t dong, int decimals, char buf[VI_NUM_BUFSZ])
{
	if (decimals < 0 || decimals > 9)
		return NULL;
	uint64_t div = 1;
	for (int i = 0; i < 9 - decimals; i++)
		div *= 10;
	uint64_t m = vi_magnitude(dong);
	uint64_t q = m / div, r = m % div;
	if (div > 1 && r >= div / 2 + div % 2)
		q++;
	int64_t scaled = (int64_t)q;
	if (dong < 0 && scaled != 0)
		scaled = -scaled;
	return vi_format_decimal(scaled, decimals, buf);
}

char *vi_upper(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n * 2 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
		if (k <= 0) {
			free(out);
			return NULL;
		}
		o += (size_t)utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)out + o);
		p += k;
	}
	out[o] = 0;
	return out;
}

char *vi_format_permille_pct(int64_t permille, char buf[VI_NUM_BUFSZ])
{
	if (permille % 10 == 0)
		return vi_format_int(permille / 10, buf);
	return vi_format_decimal(permille, 1, buf);
}

static int vi_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

static int vi_date_check(int y, int m, int d)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > vi_days_in_month(y, m))
		return VI_ERR_DATE;
	return VI_OK;
}

/* Reads exactly n ASCII digits at s; -1 if any is not a digit. */
static int vi_read_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Parses exactly YYYY-MM-DD, the storage form: nothing lenient here. */
static int vi_iso_parse(const char *iso, int *y, int *m, int *d)
{
	if (strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return VI_ERR_DATE_FORMAT;
	*y = vi_read_digits(iso, 4);
	*m = vi_read_digits(iso + 5, 2);
	*d = vi_read_digits(iso + 8, 2);
	if (*y < 0 || *m < 0 || *d < 0)
		return VI_ERR_DATE_FORMAT;
	return vi_date_check(*y, *m, *d);
}

char *vi_format_date(const char *iso, char buf[VI_DATE_BUFSZ])
{
	int y, m, d;
	if (vi_iso_parse(iso, &y, &m, &d))
		return NULL;
	snprintf(buf, VI_DATE_BUFSZ, "%02d/%02d/%04d", d, m, y);
	return buf;
}

int vi_format_dateline(const char *place, const char *iso, char **out)
{
	*out = NULL;
	int y, m, d;
	int rc = vi_iso_parse(iso, &y, &m, &d);
	if (rc)
		return rc;
	char *where = NULL;
	if (place) {
		rc = vi_normalize(place, VI_NORM_SPACES, &where);
		if (rc)
			return rc;
	}
	Buf b;
	buf_init(&b, 0);
	if (where && *where)
		buf_printf(&b, "%s, ngày", where);
	else
		buf_puts(&b, "Ngày");
	/* Decree 30/2020: a leading zero for days 1-9 and for months 1 and 2 only */
	buf_printf(&b, " %02d tháng %0*d năm %d", d, m <= 2 ? 2 : 1, m, y);
	free(where);
	*out = buf_take(&b, NULL);
	return *out ? VI_OK : VI_ERR_NOMEM;
}

/* ---- parsing numbers ---- */

/* Length of the white space (ASCII, no-break space, narrow no-break space) at s, or 0. */
static size_t vi_space_at(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF)
		return 3;
	return 0;
}

/* Drops the white space vi_space_at knows from the end of [b, e); returns the new end. */
static const char *vi_rtrim(const char *b, const char *e)
{
	for (;;) {
		if (e - b >= 1 && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		else if (e - b >= 2 && memcmp(e - 2, "\xC2\xA0", 2) == 0)
			e -= 2;
		else if (e - b >= 3 && memcmp(e - 3, "\xE2\x80\xAF", 3) == 0)
			e -= 3;
		else
			return e;
	}
}

/* Trims that white space from both ends of s; sets [*b, *e). */
static void vi_trim(const char *s, const char **b, const char **e)
{
	size_t k;
	while ((k = vi_space_at(s)) > 0)
		s += k;
	*b = s;
	*e = vi_rtrim(s, s + strlen(s));
}

enum { SEP_NONE, SEP_DOT, SEP_SPACE };

/* Checks that [b, e) is digits grouped by one kind of separator, as Vietnamese write thousands
 * (first group 1-3 digits not starting with 0, the others 3), or digits alone; appends the digits
 * to digits[*nd]. Returns VI_OK, VI_ERR_NUMBER or VI_ERR_GROUPING. */
static int vi_parse_grouped(const char *b, const char *e, char *digits, size_t *nd, size_t max)
{
	int kind = SEP_NONE;
	size_t group = 0, groups = 0;
	char first = 0;
	if (b == e)
		return VI_ERR_NUMBER;
	while (b < e) {
		if (*b >= '0' && *b <= '9') {
			if (groups == 0 && group == 0)
				first = *b;
			if (*nd >= max)
				return VI_ERR_RANGE;
			digits[(*nd)++] = *b++;
			group++;
			continue;
		}
		size_t k = *b == '.' ? 1 : vi_space_at(b);
		int this_kind = *b == '.' ? SEP_DOT : SEP_SPACE;
		if (k == 0 || (groups == 0 && group == 0))
			return VI_ERR_NUMBER; /* "- 5", ".5": no digit before the first separator */
		if ((kind != SEP_NONE && kind != this_kind) || group == 0 ||
			(groups == 0 ? group > 3 || first == '0' : group != 3))
			return VI_ERR_GROUPING;
		kind = this_kind;
		groups++;
		group = 0;
		b += k;
	}
	if (kind != SEP_NONE && group != 3)
		return VI_ERR_GROUPING;
	return VI_OK;
}

/* Shared by the three number parsers: [b, e) is the trimmed text; frac_ok says whether a decimal
 * separator may appear; the result is scaled by 10^scale. */
static int vi_parse_number(const char *b, const char *e, int frac_ok, int scale, int64_t *out)
{
	if (b == e)
		return VI_ERR_EMPTY;
	int neg = 0;
	if (*b == '-' || *b == '+') {
		neg = *b == '-';
		b++;
	} else if (e - b >= 3 && memcmp(b, "\xE2\x88\x92", 3) == 0) { /* U+2212, what word processors type */
		neg = 1;
		b += 3;
	}
	/* every character must be a digit or a separator before grouping is worth judging */
	const char *comma = NULL, *dot = NULL;
	int dots = 0, spaces = 0;
	for (const char *p = b; p < e;) {
		size_t k;
		if (*p >= '0' && *p <= '9') {
			p++;
		} else if (*p == '.') {
			dots++;
			dot = p++;
		} else if (*p == ',' && frac_ok && !comma) {
			comma = p++;
		} else if ((k = vi_space_at(p)) > 0) {
			spaces++;
			p += k;
		} else {
			return VI_ERR_NUMBER;
		}
	}
	const char *int_end = e, *frac = NULL;
	if (comma) {
		int_end = comma;
		frac = comma + 1;
	} else if (frac_ok && dots == 1) {
		/* one dot and no comma: thousands only in the "1.500" shape, else a decimal point */
		int grouping = spaces == 0 && dot - b >= 1 && dot - b <= 3 && *b != '0' && e - dot - 1 == 3;
		if (!grouping) {
			int_end = dot;
			frac = dot + 1;
		}
	}
	char digits[64];
	size_t nd = 0;
	int rc = vi_parse_grouped(b, int_end, digits, &nd, 40);
	if (rc)
		return rc;
	if (frac) {
		if (frac == e)
			return VI_ERR_NUMBER;
		for (const char *p = frac; p < e; p++) {
			if (*p < '0' || *p > '9')
				return VI_ERR_NUMBER;
			if (p - frac >= scale) {
				if (*p != '0')
					return VI_ERR_PRECISION;
			} else {
				digits[nd++] = *p;
			}
		}
		for (ptrdiff_t pad = e - frac; pad < scale; pad++)
			digits[nd++] = '0';
	} else {
		for (int pad = 0; pad < scale; pad++)
			digits[nd++] = '0';
	}
	uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	uint64_t v = 0;
	for (size_t i = 0; i < nd; i++) {
		unsigned d = (unsigned)(digits[i] - '0');
		if (v > (limit - d) / 10)
			return VI_ERR_RANGE;
		v = v * 10 + d;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return VI_OK;
}

int vi_parse_int(const char *s, int64_t *out)
{
	const char *b, *e;
	vi_trim(s, &b, &e);
	return vi_parse_number(b, e, 0, 0, out);
}

int vi_parse_decimal(const char *s, int scale, int64_t *out)
{
	if (scale < 0 || scale > 18)
		return VI_ERR_ARG;
	const char *b, *e;
	vi_trim(s, &b, &e);
	return vi_parse_number(b, e, 1, scale, out);
}

/* How people write the currency after an amount. ASCII letters match in any case. */
static const char *const vi_currency_suffixes[] = {
	"đồng", "Đồng", "ĐỒNG", "vnđ", "vnĐ", "đ", "Đ", "₫", "vnd",
};

static int vi_suffix_match(const char *b, const char *e, const char *suffix)
{
	size_t n = strlen(suffix);
	if ((size_t)(e - b) < n)
		return 0;
	const char *p = e - n;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c | 0x20);
		if (c != suffix[i])
			return 0;
	}
	return 1;
}

int vi_parse_money(const char *s, int64_t *out)
{
	const char *b, *e;
	vi_trim(s, &b, &e);
	for (size_t i = 0; i < sizeof vi_currency_suffixes / sizeof vi_currency_suffixes[0]; i++) {
		if (vi_suffix_match(b, e, vi_currency_suffixes[i])) {
			e = vi_rtrim(b, e - strlen(vi_currency_suffixes[i]));
			if (b == e)
				return VI_ERR_NUMBER; /* a currency with no amount */
			break;
		}
	}
	return vi_parse_number(b, e, 0, 0, out);
}

/* ---- parsing dates ---- */

int vi_parse_date(const char *s, char out[VI_DATE_BUFSZ])
{
	const char *b, *e;
	vi_trim(s, &b, &e);
	if (b == e)
		return VI_ERR_EMPTY;
	int num[3];
	int width[3];
	char sep[2];
	const char *p = b;
	for (int f = 0; f < 3; f++) {
		const char *start = p;
		while (p < e && *p >= '0' && *p <= '9' && p - start < 5)
			p++;
		width[f] = (int)(p - start);
		if (width[f] == 0 || width[f] > 4)
			return VI_ERR_DATE_FORMAT;
		num[f] = vi_read_digits(start, width[f]);
		if (f < 2) {
			if (p == e || !strchr("/-.", *p))
				return VI_ERR_DATE_FORMAT;
			sep[f] = *p++;
		}
	}
	if (p != e || sep[0] != sep[1])
		return VI_ERR_DATE_FORMAT;
	int y, m, d;
	if (width[0] == 4 && sep[0] == '-' && width[1] <= 2 && width[2] <= 2) {
		y = num[0];
		m = num[1];
		d = num[2];
	} else if (width[0] <= 2 && width[1] <= 2 && width[2] == 4) {
		d = num[0];
		m = num[1];
		y = num[2];
	} else {
		return VI_ERR_DATE_FORMAT;
	}
	int rc = vi_date_check(y, m, d);
	if (rc)
		return rc;
	snprintf(out, VI_DATE_BUFSZ, "%04d-%02d-%02d", y, m, d);
	return VI_OK;
}

/* ---- numbers in words ---- */

static const char *const vi_digit_words[10] = {
	"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
};

static void vi_word(Buf *b, const char *w)
{
	if (b->len)
		buf_putc(b, ' ');
	buf_puts(b, w);
}

/* Reads a group of three digits. inner says another group was read before it, so its hundreds
 * are spoken even when zero ("một nghìn không trăm linh một") and a lone unit takes "linh". */
static void vi_words_group(Buf *b, int g, int inner)
{
	int h = g / 100, t = g / 10 % 10, u = g % 10;
	int hundreds = inner || h > 0;
	if (hundreds) {
		vi_word(b, vi_digit_words[h]);
		vi_word(b, "trăm");
	}
	if (t == 0) {
		if (u && hundreds)
			vi_word(b, "linh");
		if (u)
			vi_word(b, vi_digit_words[u]);
		return;
	}
	vi_word(b, t == 1 ? "mười" : vi_digit_words[t]);
	if (t > 1)
		vi_word(b, "mươi");
	if (u == 5)
		vi_word(b, "lăm");
	else if (u == 1 && t > 1)
		vi_word(b, "mốt");
	else if (u == 4 && t > 1)
		vi_word(b, "tư");
	else if (u)
		vi_word(b, vi_digit_words[u]);
}

/* Reads n below a thousand million, group by group; *inner is as for vi_words_group and is set
 * once anything has been read. */
static void vi_words_below_billion(Buf *b, int64_t n, int *inner)
{
	static const struct {
		int64_t unit;
		const char *name;
	} scales[] = {
		{ .unit = 1000000, .name = "triệu" },
		{ .unit = 1000, .name = "nghìn" },
		{ .unit = 1, .name = NULL },
	};
	for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
		int g = (int)(n / scales[i].unit % 1000);
		if (!g)
			continue;
		vi_words_group(b, g, *inner);
		if (scales[i].name)
			vi_word(b, scales[i].name);
		*inner = 1;
	}
}

int vi_number_words(int64_t n, char **out)
{
	*out = NULL;
	if (n < 0)
		return VI_ERR_NEGATIVE;
	if (n > VI_MONEY_MAX)
		return VI_ERR_RANGE;
	Buf b;
	buf_init(&b, 0);
	if (n == 0) {
		buf_puts(&b, vi_digit_words[0]);
	} else {
		/* above a thousand million the count of tỷ is itself read as a number, which gives
		 * "một nghìn tỷ" and "một nghìn không trăm linh năm tỷ" without a name per group */
		int inner = 0;
		int64_t billions = n / 1000000000, rest = n % 1000000000;
		if (billions) {
			vi_words_below_billion(&b, billions, &inner);
			vi_word(&b, "tỷ");
		}
		vi_words_below_billion(&b, rest, &inner);
	}
	*out = buf_take(&b, NULL);
	return *out ? VI_OK : VI_ERR_NOMEM;
}

int vi_money_words(int64_t dong, char **out)
{
	char *words;
	int rc = vi_number_words(dong, &words);
	*out = NULL;
	if (rc)
		return rc;
	Buf b;
	buf_init(&b, 0);
	/* every number word starts with an ASCII letter, so capitalising is one byte */
	words[0] = (char)(words[0] - 'a' + 'A');
	buf_puts(&b, words);
	free(words);
	buf_puts(&b, dong > 0 && dong % 1000 == 0 ? " đồng chẵn" : " đồng");
	*out = buf_take(&b, NULL);
	return *out ? VI_OK : VI_ERR_NOMEM;
}

char *vi_like_pattern(const char *q, int words_apart)
{
	if (!q || !*q)
		return NULL;
	char *f = vi_fold(q);
	if (!f)
		return NULL;
	size_t n = strlen(f);
	char *p = malloc(2 * n + 3);
	if (p) {
		size_t j = 0;
		p[j++] = '%';
		for (size_t i = 0; i < n; i++) {
			if (f[i] == '%' || f[i] == '_' || f[i] == '\\')
				p[j++] = '\\';
			p[j++] = words_apart && f[i] == ' ' ? '%' : f[i];
		}
		p[j++] = '%';
		p[j] = '\0';
	}
	free(f);
	return p;
}
