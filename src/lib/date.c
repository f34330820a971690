/* See date.h. timegm normalises day overflow across months and years. */
#include "lib/date.h"

#include <stdio.h>
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

/* Days since 1970-01-01 of an ISO date (the civil calendar, any year after 0). */
static long days_of(const char *iso)
{
	long y = strtol(iso, NULL, 10), m = strtol(iso + 5, NULL, 10), d = strtol(iso + 8, NULL, 10);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long date_days_between(const char *from, const char *to)
{
	return days_of(to) - days_of(from);
}

static int month_days(int y, int m)
{
	static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : n[m - 1];
}

void date_add_months(const char *iso, int months, char out[11])
{
	int y = (int)strtol(iso, NULL, 10), m = (int)strtol(iso + 5, NULL, 10), d = (int)strtol(iso + 8, NULL, 10);
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

void date_month_end(const char *iso, char out[11])
{
	int y = (int)strtol(iso, NULL, 10), m = (int)strtol(iso + 5, NULL, 10);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)month_days(y, m) % 100u);
}
