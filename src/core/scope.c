/* The scope check (see scope.h). Until the administrative-unit tree exists, a scope covers the
 * unit with exactly its code and any code that extends it (a club code starts with its
 * commune's); the units module replaces this with the real tree. */
#include "core/scope.h"

#include <string.h>

int scope_is_national(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_CENTRAL;
}

int scope_sees_people(const Actor *a)
{
	return a->role != ROLE_VIEWER && a->role != ROLE_NONE;
}

int scope_covers(Db *db, const Actor *a, const char *unit_code)
{
	if (a->role == ROLE_NONE || !unit_code)
		return 0;
	if (scope_is_national(a))
		return 1;
	if (!a->scope[0])
		return 0;
	size_t n = strlen(a->scope);
	return strncmp(a->scope, unit_code, n) == 0 && (unit_code[n] == '\0' || unit_code[n] == '-');
}

static int scope_code_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 31)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-'))
			return 0;
	return 1;
}

int scope_may_grant(Db *db, const Actor *by, Role r, const char *scope, Err *e)
{
	int national = r == ROLE_ADMIN || r == ROLE_CENTRAL;
	if (national) {
		if (scope && *scope)
			return err_set(e, E_SCOPE_INVALID, "scope"), 0;
		return scope_is_national(by) ? 1 : (err_set(e, E_FORBIDDEN, "role"), 0);
	}
	if (!scope || !*scope) {
		/* A viewer without a scope sees the whole country's aggregates. */
		if (r == ROLE_VIEWER && scope_is_national(by))
			return 1;
		return err_set(e, E_SCOPE_REQUIRED, "scope"), 0;
	}
	if (!scope_code_valid(scope) || !scope_covers(db, by, scope))
		return err_set(e, E_SCOPE_INVALID, "scope"), 0;
	return 1;
}
