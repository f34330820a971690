/* Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC, without time zones. */
#ifndef ISHC_DATE_H
#define ISHC_DATE_H

/* Writes the date delta days after iso (before, when delta is negative) into out. iso must be a
 * valid date (checked by the caller). */
void date_add_days(const char *iso, int delta, char out[11]);

/* Whole days from `from` to `to` (negative when to is earlier). */
long date_days_between(const char *from, const char *to);

/* The same day `months` months later (earlier when negative), or that month's last day when it
 * is shorter: 2026-01-31 + 1 month = 2026-02-28. */
void date_add_months(const char *iso, int months, char out[11]);

/* The last day of iso's month. */
void date_month_end(const char *iso, char out[11]);

#endif
