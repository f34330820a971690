/* PLACEHOLDER: replaced by the real handlers before this lands. */
#include "api/api.h"

HandlerResult api_clubs(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_club_create(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_club_show(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_club_update(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_composition(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}
