/* See date.h. timegm normalises day overflow across months and years. */
#include "lib/date.h"

#include <stdlib.h>
#include <time.h>

void date_add_days(const char *iso, int delta, char out[11])
{
	struct tm tm = {0};
	tm.tm_year = (int)strtol(iso, NULL, 10) - 1900;
	tm.tm_mon = (int)strtol(iso + 5, NULL, 10) - 1;
	tm.tm_mday = (int)strtol(iso + 8, NULL, 10) + delta;
	tm.tm_hour = 12;
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
