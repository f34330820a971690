/* The one error catalogue: a stable code, an HTTP status, a Vietnamese and an English message.
 * Core functions report bad input through an Err; front-ends render it as HTML next to the
 * field, as JSON {"error": {code, message, field}}, or as one line on the command line. */
#ifndef ISHC_CORE_ERR_H
#define ISHC_CORE_ERR_H

typedef enum ErrCode {
	E_NONE = 0,
	E_BAD_REQUEST,
	E_BAD_UTF8,
	E_BAD_JSON,
	E_TOO_LARGE,
	E_NOT_FOUND,
	E_METHOD,
	E_UNAUTHENTICATED,
	E_SESSION_EXPIRED,
	E_FORBIDDEN,
	E_MUST_CHANGE_PASSWORD,
	E_CSRF,
	E_LOGIN_FAILED,
	E_THROTTLED,
	E_REQUIRED,
	E_INVALID,
	E_TOO_LONG,
	E_USERNAME_INVALID,
	E_USERNAME_TAKEN,
	E_PASSWORD_SHORT,
	E_PASSWORD_MISMATCH,
	E_PASSWORD_WRONG,
	E_ROLE_INVALID,
	E_SCOPE_REQUIRED,
	E_SCOPE_INVALID,
	E_SELF_DISABLE,
	E_DUPLICATE_PERSON,
	E_DATE,
	E_YEAR,
	E_OUT_OF_SCOPE,
	E_CLUB_NOT_ACTIVE,
	E_BUSY,
	E_DISK_FULL,
	E_INTERNAL,
	E_PERIOD,
	E_REPORT_CHECK,
	E_REPORT_LOCKED,
	E_REPORT_WARN,
	E_REPORT_STATE,
	E_AMOUNT,
	E_FUND_NOT_OPEN,
	E_FUND_OPEN,
	E_FUND_SHORT,
	E_ENTRY_KIND,
	E_NOT_MEMBER,
	E_MONTH_LOCKED,
	E_REVERSED,
	E_OVERPAY,
	E_LOAN_STATE,
	E_DATE_ORDER,
	E_CONFIRMER,
	E_PROGRAMME_YEAR,
	E_NOT_PROVINCE,
	E_REASON_REQUIRED,
	E_DATE_RANGE,
	E_PHOTO,
	E_WORK_YEAR,
	E_TEMPLATE,
	E_DOC_DUPLICATE,
	E_DOC_FUTURE,
	E_COUNT_
} ErrCode;

typedef struct Err {
	ErrCode code;
	const char *field;    /* the input field at fault, or NULL; a string literal */
	char detail[160];     /* optional extra words after the message (e.g. a JSON parse position) */
} Err;

/* Sets e and returns -1, so callers can write `return err_set(e, E_REQUIRED, "username");`. */
int err_set(Err *e, ErrCode code, const char *field);
int err_setf(Err *e, ErrCode code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The stable code ("login_failed"), the HTTP status, and the message in lang ("vi" or "en"). */
const char *err_code_name(ErrCode code);
int err_http_status(ErrCode code);
const char *err_message(ErrCode code, const char *lang);

/* Maps a store status (negative db_tx return or DbStatus) to E_BUSY / E_DISK_FULL /
 * E_INTERNAL. */
ErrCode err_from_db(int status);

#endif
