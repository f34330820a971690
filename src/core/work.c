/* The programme's work: the pieces its modules share (see work.h and work_int.h). */
#include "core/work.h"

#include <stdlib.h>
#include <string.h>

#include "core/club.h"
#include "core/scope.h"
#include "core/work_int.h"
#include "lib/vi.h"

static const struct {
	const char *code, *vi, *en;
} levels[] = {
	{"central", "Trung ương Hội", "Central level"},
	{"province", "Hội NCT tỉnh", "Province"},
	{"district", "Hội NCT huyện", "District"},
	{"commune", "Hội NCT xã", "Commune"},
};

int work_level_valid(const char *s)
{
	for (size_t i = 0; s && i < sizeof levels / sizeof *levels; i++)
		if (strcmp(s, levels[i].code) == 0)
			return 1;
	return 0;
}

const char *work_level_label(const char *level, const char *lang)
{
	for (size_t i = 0; level && i < sizeof levels / sizeof *levels; i++)
		if (strcmp(level, levels[i].code) == 0)
			return lang && strcmp(lang, "en") == 0 ? levels[i].en : levels[i].vi;
	return level ? level : "";
}

int work_may_write(const Actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_CENTRAL || a->role == ROLE_PROVINCE || a->role == ROLE_COMMUNE;
}

const char *work_actor_level(const Actor *a, const char *chosen)
{
	if (scope_is_national(a))
		return chosen && work_level_valid(chosen) ? chosen : "central";
	return a->role == ROLE_PROVINCE ? "province" : "commune";
}

int work_scope(Db *db, const Actor *a, int64_t *unit_id, int64_t *club_id)
{
	const char *club_code = "";
	*club_id = 0;
	if (scope_filter(db, a, unit_id, &club_code) != 0)
		return -1;
	if (club_code[0]) {
		Club c;
		Actor sys = {.role = ROLE_ADMIN};
		if (club_get_by_code(db, &sys, club_code, &c) != 1)
			return -1;
		*club_id = c.id;
		*unit_id = c.unit_id;
	}
	return 0;
}

int work_sees_unit(Db *db, const Actor *by, int64_t unit_id)
{
	int64_t scope_unit, club;
	if (work_scope(db, by, &scope_unit, &club) != 0)
		return 0;
	return scope_unit == 0 || unit_within(db, unit_id, scope_unit);
}

int work_text(const char *in, size_t max, int required, int multiline, const char *field, char **out, Err *e)
{
	*out = NULL;
	if (vi_normalize(in ? in : "", multiline ? 0 : VI_NORM_SPACES, out) != VI_OK)
		return err_set(e, E_INVALID, field);
	if (multiline) {
		/* Trim the ends of a text that keeps its line breaks. */
		char *s = *out;
		size_t n = strlen(s);
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == '\t'))
			s[--n] = '\0';
		size_t k = strspn(s, " \r\n\t");
		memmove(s, s + k, n - k + 1);
	}
	if (required && !**out) {
		free(*out);
		*out = NULL;
		return err_set(e, E_REQUIRED, field);
	}
	if (strlen(*out) > max) {
		free(*out);
		*out = NULL;
		return err_set(e, E_TOO_LONG, field);
	}
	return 0;
}

int work_text_to(const char *in, char *dst, size_t n, int required, int multiline, const char *field, Err *e)
{
	char *s;
	if (work_text(in, n - 1, required, multiline, field, &s, e) != 0)
		return -1;
	memcpy(dst, s, strlen(s) + 1);
	free(s);
	return 0;
}

int work_date(const char *in, int required, const char *field, char out[11], Err *e)
{
	out[0] = '\0';
	if (!in || !*in || strspn(in, " ") == strlen(in))
		return required ? err_set(e, E_REQUIRED, field) : 0;
	char iso[VI_DATE_BUFSZ];
	if (vi_parse_date(in, iso) != VI_OK || strlen(iso) != 10)
		return err_set(e, E_DATE, field);
	memcpy(out, iso, 11);
	return 0;
}

int work_count(const char *in, int64_t max, int required, const char *field, int64_t *out, Err *e)
{
	*out = 0;
	if (!in || !*in || strspn(in, " ") == strlen(in))
		return required ? err_set(e, E_REQUIRED, field) : 0;
	int64_t v;
	if (vi_parse_int(in, &v) != VI_OK || v < 0 || v > max)
		return err_set(e, E_INVALID, field);
	*out = v;
	return 0;
}

int work_year(const char *in, const char *field, int *out, Err *e)
{
	char today[11];
	unit_today(today);
	int next = atoi(today) + 1;
	int64_t v;
	if (!in || !*in)
		return err_set(e, E_REQUIRED, field);
	if (vi_parse_int(in, &v) != VI_OK || v < 2000 || v > next)
		return err_set(e, E_WORK_YEAR, field);
	*out = (int)v;
	return 0;
}

int work_unit_for(Db *db, const Actor *by, const char *code, const char *on, const char *field, Unit *u, Err *e)
{
	if (!code || !*code)
		return err_set(e, E_REQUIRED, field);
	char today[11];
	unit_today(today);
	int have = unit_find(db, code, on && *on ? on : today, u);
	if (have == 0 && on && *on)
		have = unit_find(db, code, today, u);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (!have)
		return err_set(e, E_NOT_FOUND, field);
	if (!scope_covers_unit(db, by, u->id))
		return err_set(e, E_OUT_OF_SCOPE, field);
	return 0;
}

const char *work_id(int64_t id, char out[24])
{
	snprintf(out, 24, "%lld", (long long)id);
	return out;
}

void work_copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}
