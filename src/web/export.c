/* PLACEHOLDER: replaced by the real handlers before this lands. */
#include "web/pages.h"

HandlerResult web_export(Req *r)
{
	return resp_error(r, E_NOT_FOUND, NULL, "not built yet");
}
