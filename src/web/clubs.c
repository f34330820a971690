/* PLACEHOLDER: replaced by the real handlers before this lands. */
#include "web/pages.h"

HandlerResult web_clubs(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_club_new(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_club_create(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_club_show(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_club_update(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_composition(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}
