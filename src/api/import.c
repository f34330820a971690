/* PLACEHOLDER: replaced by the real handlers before this lands. */
#include "api/api.h"

HandlerResult api_import_members(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_import_clubs(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}
