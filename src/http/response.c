/* Responses (see req.h, response.h): every one leaves through response_queue, which adds the
 * security headers, so no handler can forget them. */
#include "http/response.h"
#include "http/server.h"

#include <arpa/inet.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/html.h"
#include "lib/log.h"
#include "web/layout.h"

extern atomic_int server_stopping;

static const char *const csp =
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	"font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
	"object-src 'none'; frame-ancestors 'none'";

const char *req_header(const Req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_query(const Req *r, const char *name)
{
	return param_get(&r->query, name);
}

const char *req_form(const Req *r, const char *name)
{
	return param_get(&r->form, name);
}

const char *req_cookie(const Req *r, const char *name)
{
	return param_get(&r->cookies, name);
}

const char *req_param(const Req *r, const char *name)
{
	for (int i = 0; i < r->nparams; i++)
		if (strcmp(r->param_names[i], name) == 0)
			return r->param_values[i];
	return NULL;
}

static int64_t parse_id(const char *s)
{
	if (!s || !*s || strlen(s) > 18)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int64_t req_param_id(const Req *r, const char *name)
{
	const char *v = req_param(r, name);
	return parse_id(v ? v : req_query(r, name));
}

const Upload *req_upload(Req *r, const char *field)
{
	if (r->multipart) {
		size_t n = 0;
		const Upload *u = multipart_uploads(r->multipart, &n);
		for (size_t i = 0; i < n; i++)
			if (strcmp(u[i].name, field) == 0)
				return &u[i];
		return NULL;
	}
	if (r->raw_fd < 0 || !r->raw_size)
		return NULL;
	Upload *u = &r->raw_upload;
	u->name = field;
	u->content_type = r->content_type;
	u->path = r->raw_path;
	u->size = (size_t)r->raw_size;
	/* A file name, when the client sent one: Content-Disposition: attachment; filename="x.xlsx". */
	const char *cd = req_header(r, "Content-Disposition"), *fn = cd ? strstr(cd, "filename=\"") : NULL;
	const char *end = fn ? strchr(fn + 10, '"') : NULL;
	u->filename = end ? arena_strndup(&r->arena, fn + 10, (size_t)(end - fn - 10)) : "";
	if (u->filename && !utf8_valid(u->filename, strlen(u->filename), NULL))
		u->filename = "";
	return u;
}

const char *req_ip(Req *r)
{
	if (r->actor.ip[0])
		return r->actor.ip;
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->actor.ip, sizeof r->actor.ip);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->actor.ip, sizeof r->actor.ip);
	}
	/* Behind the trusted reverse proxy, the client is the last address it added. */
	const ServerConfig *cfg = server_config();
	const char *proxy = cfg ? cfg->trusted_proxy : NULL;
	if (proxy && *proxy && strcmp(r->actor.ip, proxy) == 0) {
		const char *xff = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-For");
		const char *last = xff ? strrchr(xff, ',') : NULL;
		last = last ? last + 1 : xff;
		while (last && *last == ' ')
			last++;
		if (last && *last && strlen(last) < sizeof r->actor.ip && strspn(last, "0123456789abcdefABCDEF.:") == strlen(last))
			snprintf(r->actor.ip, sizeof r->actor.ip, "%s", last);
	}
	return r->actor.ip[0] ? r->actor.ip : "-";
}

const char *tr(const Req *r, const char *vi, const char *en)
{
	return r->lang && strcmp(r->lang, "en") == 0 ? en : vi;
}

static void resp_set(Req *r, int status, struct MHD_Response *resp, uint64_t size)
{
	if (r->resp)
		MHD_destroy_response(r->resp);
	r->resp = resp;
	r->status = status;
	r->bytes_out = size;
}

static HandlerResult resp_buffer(Req *r, int status, const char *content_type, char *data, size_t n)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(n, data, MHD_RESPMEM_MUST_FREE);
	if (!resp)
		return H_FATAL;
	MHD_add_response_header(resp, "Content-Type", content_type);
	resp_set(r, status, resp, n);
	return H_DONE;
}

HandlerResult resp_html(Req *r, int status, Buf *b)
{
	size_t n;
	char *s = buf_take(b, &n);
	if (!s)
		return H_FATAL;
	return resp_buffer(r, status, "text/html; charset=utf-8", s, n);
}

HandlerResult resp_json(Req *r, int status, json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!s)
		return H_FATAL;
	return resp_buffer(r, status, "application/json; charset=utf-8", s, strlen(s));
}

HandlerResult resp_text(Req *r, int status, const char *content_type, const char *body)
{
	char *s = strdup(body);
	if (!s)
		return H_FATAL;
	return resp_buffer(r, status, content_type, s, strlen(s));
}

HandlerResult resp_redirect(Req *r, const char *location)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return H_FATAL;
	MHD_add_response_header(resp, "Location", location);
	resp_set(r, 303, resp, 0);
	return H_DONE;
}

HandlerResult resp_file(Req *r, int fd, uint64_t size, const char *content_type, const char *filename)
{
	struct MHD_Response *resp = MHD_create_response_from_fd64(size, fd);
	if (!resp) {
		close(fd);
		return H_FATAL;
	}
	MHD_add_response_header(resp, "Content-Type", content_type);
	if (filename) {
		char cd[300];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", filename);
		MHD_add_response_header(resp, "Content-Disposition", cd);
	}
	resp_set(r, 200, resp, size);
	return H_DONE;
}

json_t *resp_error_json(const Req *r, ErrCode code, const char *field, const char *detail)
{
	const char *msg = err_message(code, r->lang);
	json_t *e = json_object();
	json_object_set_new(e, "code", json_string(err_code_name(code)));
	if (detail && *detail) {
		char full[512];
		snprintf(full, sizeof full, "%s (%s)", msg, detail);
		json_object_set_new(e, "message", json_string(full));
	} else {
		json_object_set_new(e, "message", json_string(msg));
	}
	if (field)
		json_object_set_new(e, "field", json_string(field));
	return json_pack("{s:o}", "error", e);
}

static int wants_json(const Req *r)
{
	if (r->route)
		return (r->route->flags & R_API) != 0;
	return strncmp(r->path ? r->path : "", "/api/", 5) == 0;
}

HandlerResult resp_error(Req *r, ErrCode code, const char *field, const char *detail)
{
	int status = err_http_status(code);
	if (!wants_json(r) && (code == E_UNAUTHENTICATED || code == E_SESSION_EXPIRED)) {
		/* Back to the log-in page, keeping where the user was going. */
		Buf loc;
		buf_init(&loc, 4096);
		html(&loc, "/login?next=");
		html_urlenc(&loc, strcmp(r->method ? r->method : "GET", "GET") == 0 ? r->uri : "/");
		if (code == E_SESSION_EXPIRED) {
			html(&loc, "&expired=1");
			resp_cookie(r, "ishc_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
		}
		HandlerResult h = loc.failed ? resp_redirect(r, "/login") : resp_redirect(r, buf_str(&loc));
		buf_free(&loc);
		return h;
	}
	if (!wants_json(r) && code == E_MUST_CHANGE_PASSWORD)
		return resp_redirect(r, "/account/password");
	if (wants_json(r))
		return resp_json(r, status, resp_error_json(r, code, field, detail));
	Buf b;
	buf_init(&b, 0);
	page_error(r, &b, code, detail);
	return resp_html(r, status, &b);
}

HandlerResult resp_err(Req *r, const Err *e)
{
	return resp_error(r, e->code, e->field, e->detail);
}

void resp_cookie(Req *r, const char *cookie)
{
	if (r->ncookies < (int)(sizeof r->set_cookie / sizeof *r->set_cookie))
		r->set_cookie[r->ncookies++] = arena_strdup(&r->arena, cookie);
}

enum MHD_Result response_queue(Req *r)
{
	if (!r->resp) {
		log_error("server: no response for %s", r->path ? r->path : "?");
		return MHD_NO;
	}
	struct MHD_Response *resp = r->resp;
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	if (r->allow)
		MHD_add_response_header(resp, "Allow", r->allow);
	if (r->status == 405 && !r->allow)
		MHD_add_response_header(resp, "Allow", "GET");
	/* Pages about people and accounts are never kept by browsers or proxies. */
	if (!MHD_get_response_header(resp, "Cache-Control"))
		MHD_add_response_header(resp, "Cache-Control", r->authed || r->no_store ? "no-store" : "no-cache");
	for (int i = 0; i < r->ncookies; i++)
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie[i]);
	/* While stopping, each answer closes its connection so the server can finish. */
	if (atomic_load(&server_stopping))
		MHD_add_response_header(resp, "Connection", "close");
	if (r->status == 429)
		MHD_add_response_header(resp, "Retry-After", "900");
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	r->resp = NULL;
	return ok;
}
