/* See problems.h. */
#include "core/problems.h"

#include <stdarg.h>
#include <stdio.h>

void problem_add(Problems *p, size_t row, const char *field, const char *vi, const char *en, ...)
{
	p->total++;
	if (p->kept == PROBLEMS_KEEP)
		return;
	Problem *it = &p->items[p->kept++];
	it->row = row;
	it->field = field;
	va_list ap;
	va_start(ap, en);
	/* The same arguments serve both languages, so the formats must take the same conversions. */
	va_list cp;
	va_copy(cp, ap);
	vsnprintf(it->vi, sizeof it->vi, vi, ap);
	vsnprintf(it->en, sizeof it->en, en, cp);
	va_end(cp);
	va_end(ap);
}
