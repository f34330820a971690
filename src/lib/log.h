/* Logging to standard error: one line per event, with a UTC timestamp and a level. */
#ifndef ISHC_LOG_H
#define ISHC_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Quiet mode drops info lines (the command line uses it; the server does not). */
void log_set_quiet(int quiet);

#endif
