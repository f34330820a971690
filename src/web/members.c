/* PLACEHOLDER: replaced by the real handlers before this lands. */
#include "web/pages.h"

HandlerResult web_members(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_club_members(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_member_new(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_member_create(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_member_show(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_member_update(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_board_assign(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_board_end(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_volunteer_add(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_volunteer_end(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_volunteer_visit(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}
