/* Request bodies of text fields, shared by the resources whose fields are all strings. */
#include <string.h>

#include "api/api.h"

int api_body_strings(Req *r, const char *const *known)
{
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		int ok = 0;
		for (int i = 0; known[i] && !ok; i++)
			ok = strcmp(key, known[i]) == 0;
		if (!ok) {
			resp_error(r, E_INVALID, key, tr(r, "trường này không có trong API", "unknown field"));
			return -1;
		}
		if (!json_is_string(v) && !json_is_null(v)) {
			resp_error(r, E_INVALID, key, tr(r, "phải là chuỗi ký tự", "must be a string"));
			return -1;
		}
	}
	return 0;
}

const char *api_body_text(const Req *r, const char *name)
{
	json_t *v = json_object_get(r->json, name);
	if (!v)
		return NULL;
	return json_is_string(v) ? json_string_value(v) : "";
}
