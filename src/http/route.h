/* The route table and the gate in front of it (DESIGN.md §2). */
#ifndef ISHC_HTTP_ROUTE_H
#define ISHC_HTTP_ROUTE_H

#include <stddef.h>

#include "http/req.h"

/* The table, ended by a row with a NULL method. */
extern const Route routes[];

/* Finds the route for method and path, filling r's path parameters. Returns it, or NULL with
 * *status 404 (no such path) or 405 (path exists, method does not; r->allow lists the methods). */
const Route *route_match(Req *r, const char *method, const char *path, int *status);

/* Checks what can be checked before the body arrives: authentication (cookie or bearer token),
 * role and scope. Sets r->pending to an error code, or leaves it E_NONE. */
void gate_before_body(Req *r);

/* Checks the CSRF token (after the body, which may carry it) and runs the handler. */
HandlerResult gate_run(Req *r);

/* Body size caps. */
enum {
	BODY_MAX_FORM = 1 << 20,         /* url-encoded forms and JSON */
	BODY_MAX_FIELD = 64 << 10,       /* one multipart text field */
	BODY_MAX_UPLOAD = 32 << 20,      /* one uploaded file */
};

#endif
