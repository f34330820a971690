/* PLACEHOLDER: replaced by the import module. */
#include "core/import.h"

int import_placeholder_(void);
int import_placeholder_(void)
{
	return 0;
}
