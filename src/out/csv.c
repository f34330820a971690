/* See csv.h. */
#include "out/csv.h"

#include <string.h>

void csv_begin(FILE *f)
{
	fputs("\xEF\xBB\xBF", f);
}

void csv_field(FILE *f, const char *s, int last)
{
	if (!s)
		s = "";
	/* A leading = + - @ would run as a formula in Excel: quote it behind an apostrophe. */
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
	if (formula || strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		if (formula)
			fputc('\'', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ",", f);
}
