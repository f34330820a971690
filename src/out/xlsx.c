/* PLACEHOLDER: replaced by the XLSX writer. */
#include "out/xlsx.h"

int xlsx_placeholder_(void);
int xlsx_placeholder_(void)
{
	return 0;
}
