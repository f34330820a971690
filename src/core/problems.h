/* Problems found while checking an import, each naming its row (and field), in Vietnamese and
 * English. An import checks everything first and changes nothing when any problem is found. */
#ifndef ISHC_CORE_PROBLEMS_H
#define ISHC_CORE_PROBLEMS_H

#include <stddef.h>

enum { PROBLEMS_KEEP = 50 };

typedef struct Problem {
	size_t row;           /* 1-based row of the file as a spreadsheet shows it; 0 = the whole file */
	const char *field;    /* column name, or NULL; a string literal */
	char vi[200];
	char en[200];
} Problem;

typedef struct Problems {
	size_t total;                    /* all problems found */
	size_t kept;                     /* the first PROBLEMS_KEEP are kept with their text */
	Problem items[PROBLEMS_KEEP];
} Problems;

/* Records a problem; vi and en are printf formats taking the same arguments. */
void problem_add(Problems *p, size_t row, const char *field, const char *vi, const char *en, ...);

#endif
