/* Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC, without time zones. */
#ifndef ISHC_DATE_H
#define ISHC_DATE_H

/* Writes the date delta days after iso (before, when delta is negative) into out. iso must be a
 * valid date (checked by the caller). */
void date_add_days(const char *iso, int delta, char out[11]);

#endif
