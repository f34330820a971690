/* The context of one HTTP request: its arena, what was parsed, who is asking, and the response
 * being built. Handlers receive a Req and use the resp_* functions to answer. */
#ifndef ISHC_HTTP_REQ_H
#define ISHC_HTTP_REQ_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "core/auth.h"
#include "core/err.h"
#include "http/parse.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "store/db.h"

struct MHD_Connection;
struct MHD_Response;

typedef struct Req Req;

/* Three outcomes for a handler (STYLE.md): it answered; it answered with an error already; or
 * something is broken (the gate answers 500 and logs). */
typedef enum HandlerResult { H_DONE = 0, H_ERROR, H_FATAL } HandlerResult;
typedef HandlerResult (*Handler)(Req *r);

enum RouteFlags {
	R_PUBLIC = 1u << 0,      /* no log-in needed */
	R_API = 1u << 1,         /* JSON answers and errors; 401 rather than a redirect */
	R_FORM = 1u << 2,        /* takes an url-encoded or multipart form body */
	R_JSON = 1u << 3,        /* takes a JSON object body */
	R_UPLOAD = 1u << 4,      /* takes large multipart uploads (file parts go to disk) */
	R_PRE_PASSWORD = 1u << 5,/* reachable while the user must still change the password */
	R_NO_CSRF = 1u << 6,     /* state-changing but checks its own token (log-in form) */
};

typedef struct Route {
	const char *method;      /* "GET", "POST", "DELETE" */
	const char *path;        /* "/admin/users/{id}": {name} matches one segment */
	Handler handler;
	unsigned flags;          /* RouteFlags */
	unsigned roles;          /* ROLE_BIT mask; 0 with R_PUBLIC */
	const char *scope_param; /* path parameter that must lie in the actor's scope, or NULL */
	const char *summary;     /* one line, English: for OpenAPI and the route tests */
} Route;

enum { REQ_MAX_PATH_PARAMS = 4 };

struct Req {
	Arena arena;
	struct MHD_Connection *conn;
	const Route *route;
	int stage;
	struct timespec start;

	const char *method;
	const char *path;
	const char *uri;             /* as received, with the query string */
	const char *content_type;
	ParamList query;
	ParamList form;              /* url-encoded or multipart text fields */
	ParamList cookies;
	json_t *json;                /* JSON body (R_JSON) */
	Multipart *multipart;
	int raw_fd;                  /* R_UPLOAD with a non-form body: spooled to this file, or -1 */
	char *raw_path;
	uint64_t raw_size;
	Upload raw_upload;
	Buf body;                    /* raw body while it arrives (not for multipart) */
	ErrCode body_error;          /* set while reading the body; answered at the end */
	const char *body_detail;
	const char *param_names[REQ_MAX_PATH_PARAMS];
	const char *param_values[REQ_MAX_PATH_PARAMS];
	int nparams;

	Db *db;
	Actor actor;
	int authed;
	int session_expired;
	const char *lang;            /* "vi" or "en" */
	ErrCode pending;             /* an error found before the body was read */

	/* Response */
	int status;
	struct MHD_Response *resp;
	const char *set_cookie[4];
	int ncookies;
	const char *allow;           /* for 405 */
	uint64_t bytes_out;
	int no_store;
};

/* Inputs. Values are in the request arena; NULL when absent. */
const char *req_query(const Req *r, const char *name);
const char *req_form(const Req *r, const char *name);
const char *req_param(const Req *r, const char *name);
const char *req_header(const Req *r, const char *name);
const char *req_cookie(const Req *r, const char *name);
/* A path parameter or query value as a positive integer id; 0 when absent or not a number. */
int64_t req_param_id(const Req *r, const char *name);
/* The client address as text. */
const char *req_ip(Req *r);

/* The uploaded file of an R_UPLOAD route: the multipart part called field, or the whole request
 * body when it was sent as the file itself (e.g. Content-Type of an .xlsx). NULL when none. The
 * file lives until the request ends. */
const Upload *req_upload(Req *r, const char *field);

/* "vi" or "en" text for the request's language. */
const char *tr(const Req *r, const char *vi, const char *en);

/* Outputs (http/response.c). Each sets the response of r; the last one wins. */
HandlerResult resp_html(Req *r, int status, Buf *b);      /* takes b's contents */
HandlerResult resp_json(Req *r, int status, json_t *j);   /* steals j */
HandlerResult resp_text(Req *r, int status, const char *content_type, const char *body);
HandlerResult resp_redirect(Req *r, const char *location);/* 303 See Other */
/* Streams an open file (e.g. a generated export) without holding it in memory; fd is closed
 * when the response ends. filename sets Content-Disposition: attachment. */
HandlerResult resp_file(Req *r, int fd, uint64_t size, const char *content_type, const char *filename);
/* An error from the catalogue: JSON for API routes, an HTML page otherwise. */
HandlerResult resp_error(Req *r, ErrCode code, const char *field, const char *detail);
HandlerResult resp_err(Req *r, const Err *e);
void resp_cookie(Req *r, const char *cookie);             /* a whole Set-Cookie value */

/* Fills a JSON error object {"error": {code, message, field?}} (new reference). */
json_t *resp_error_json(const Req *r, ErrCode code, const char *field, const char *detail);

#endif
