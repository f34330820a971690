/* PLACEHOLDER: replaced by the real handlers before this lands. */
#include "web/pages.h"

HandlerResult web_import_form(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_import_upload(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_import_show(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_import_commit(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}

HandlerResult web_import_problems(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}
