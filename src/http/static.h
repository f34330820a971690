/* Static CSS/JS compiled into the binary, and the health check. */
#ifndef ISHC_HTTP_STATIC_H
#define ISHC_HTTP_STATIC_H

#include "http/req.h"

HandlerResult http_static(Req *r);
HandlerResult http_healthz(Req *r);

#endif
