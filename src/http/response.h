/* Sending the response built by a handler (the resp_* functions are declared in req.h). */
#ifndef ISHC_HTTP_RESPONSE_H
#define ISHC_HTTP_RESPONSE_H

#include <microhttpd.h>

#include "http/req.h"

/* Adds the security headers and cookies to r's response and queues it. */
enum MHD_Result response_queue(Req *r);

#endif
