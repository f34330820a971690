/* PLACEHOLDER: replaced by the real handlers before this lands. */
#include "api/api.h"

HandlerResult api_club_members(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_club_member_create(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_members(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_member_show(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_member_update(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_club_board(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_club_board_assign(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_club_volunteers(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult api_club_volunteer_add(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}
