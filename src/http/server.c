/* The server (see server.h): libmicrohttpd callbacks, request lifecycle, access log, shutdown. */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "http/response.h"
#include "http/route.h"
#include "lib/log.h"

static ServerConfig config;
static atomic_int inflight;
static atomic_llong last_request_ms;   /* when the latest request began (monotonic) */
atomic_int server_stopping;

/* Every open connection, so that shutdown can see which still have bytes the server has not read
 * (requests sent before SIGTERM, queued behind others): those keep the server draining. */
typedef struct Conn Conn;
struct Conn {
	Conn *prev, *next;
	int fd;
};
static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static Conn *conns;

static void connection_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
			      enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		Conn *c = calloc(1, sizeof *c);
		if (!c)
			return;
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		c->fd = ci ? ci->connect_fd : -1;
		pthread_mutex_lock(&conns_lock);
		c->next = conns;
		if (conns)
			conns->prev = c;
		conns = c;
		pthread_mutex_unlock(&conns_lock);
		*socket_context = c;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
		Conn *c = *socket_context;
		pthread_mutex_lock(&conns_lock);
		if (c->prev)
			c->prev->next = c->next;
		else
			conns = c->next;
		if (c->next)
			c->next->prev = c->prev;
		pthread_mutex_unlock(&conns_lock);
		free(c);
		*socket_context = NULL;
	}
}

/* Whether any open connection has bytes waiting in its socket that the server has not read yet. */
static int unread_input(void)
{
	int any = 0;
	pthread_mutex_lock(&conns_lock);
	for (Conn *c = conns; c && !any; c = c->next) {
		int n = 0;
		if (c->fd >= 0 && ioctl(c->fd, FIONREAD, &n) == 0 && n > 0)
			any = 1;
	}
	pthread_mutex_unlock(&conns_lock);
	return any;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const ServerConfig *server_config(void)
{
	return &config;
}

/* MHD calls this first for every request, with the whole URI: the Req is born here. */
static void *request_new(void *cls, const char *uri, struct MHD_Connection *conn)
{
	Req *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	arena_init(&r->arena, 64u << 20);
	buf_init(&r->body, BODY_MAX_FORM);
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->conn = conn;
	r->uri = arena_strdup(&r->arena, uri ? uri : "/");
	r->lang = "vi";
	r->raw_fd = -1;
	atomic_fetch_add(&inflight, 1);
	atomic_store(&last_request_ms, now_ms());
	return r;
}

static void request_free(Req *r)
{
	if (r->json)
		json_decref(r->json);
	if (r->multipart)
		multipart_free(r->multipart);
	if (r->raw_fd >= 0)
		close(r->raw_fd);
	if (r->raw_path)
		unlink(r->raw_path);
	if (r->resp)
		MHD_destroy_response(r->resp);
	buf_free(&r->body);
	arena_free(&r->arena);
	free(r);
	atomic_fetch_sub(&inflight, 1);
}

static ErrCode parse_error_code(ParseStatus s)
{
	switch (s) {
	case PARSE_OK:
		return E_NONE;
	case PARSE_TOO_LARGE:
		return E_TOO_LARGE;
	case PARSE_BAD_UTF8:
		return E_BAD_UTF8;
	default:
		return E_BAD_REQUEST;
	}
}

static int content_type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);
	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* Everything that can be known before the body: path, query, cookies, route, caps, who. */
static void request_begin(Req *r, const char *url, const char *method)
{
	r->method = arena_strdup(&r->arena, method);
	r->path = arena_strdup(&r->arena, url);
	if (!r->path || !utf8_valid(r->path, strlen(r->path), NULL)) {
		r->pending = E_BAD_UTF8;
		return;
	}
	const char *q = strchr(r->uri, '?');
	if (q) {
		ParseStatus s = parse_urlencoded(&r->arena, q + 1, strlen(q + 1), &r->query);
		if (s != PARSE_OK) {
			r->pending = parse_error_code(s);
			return;
		}
	}
	const char *cookie = req_header(r, "Cookie");
	if (cookie && parse_cookies(&r->arena, cookie, &r->cookies) != PARSE_OK)
		memset(&r->cookies, 0, sizeof r->cookies); /* broken cookies: treat as none */
	const char *lang = req_cookie(r, "ishc_lang");
	if (lang && strcmp(lang, "en") == 0)
		r->lang = "en";
	r->content_type = req_header(r, "Content-Type");

	int status = 0;
	r->route = route_match(r, method, r->path, &status);
	if (!r->route) {
		r->pending = status == 405 ? E_METHOD : E_NOT_FOUND;
		return;
	}
	unsigned flags = r->route->flags;
	if ((flags & (R_FORM | R_UPLOAD)) && content_type_is(r->content_type, "multipart/form-data")) {
		size_t max_file = (flags & R_UPLOAD) ? BODY_MAX_UPLOAD : BODY_MAX_FIELD;
		r->multipart = multipart_new(&r->arena, r->content_type, config.tmpdir, BODY_MAX_FIELD, max_file);
		if (!r->multipart) {
			r->pending = E_BAD_REQUEST;
			return;
		}
	}
	/* An upload sent as the bare file (not a form) is spooled to disk, like a multipart file. */
	if ((flags & R_UPLOAD) && !r->multipart && r->content_type &&
	    !content_type_is(r->content_type, "application/x-www-form-urlencoded")) {
		char *path = arena_printf(&r->arena, "%s/ishc-upload-XXXXXX", config.tmpdir);
		r->raw_fd = path ? mkstemp(path) : -1;
		if (r->raw_fd < 0) {
			log_error("server: cannot create a file under %s for an upload", config.tmpdir);
			r->pending = E_INTERNAL;
			return;
		}
		r->raw_path = path;
	}
	char err[256];
	r->db = db_thread(config.db_path, err, sizeof err);
	if (!r->db) {
		log_error("server: %s", err);
		r->pending = E_INTERNAL;
		return;
	}
	gate_before_body(r);
}

/* Too large by its own declaration: refuse before reading it. */
static int request_declared_too_large(Req *r)
{
	const char *cl = req_header(r, "Content-Length");
	if (!cl)
		return 0;
	unsigned long long n = strtoull(cl, NULL, 10);
	unsigned flags = r->route ? r->route->flags : 0;
	unsigned long long cap = (flags & R_UPLOAD) ? BODY_MAX_UPLOAD + BODY_MAX_FORM : BODY_MAX_FORM;
	return n > cap;
}

static void body_feed(Req *r, const char *data, size_t n)
{
	if (r->pending || r->body_error)
		return;
	if (r->multipart) {
		ParseStatus s = multipart_feed(r->multipart, data, n);
		if (s != PARSE_OK)
			r->body_error = parse_error_code(s);
		return;
	}
	if (r->raw_fd >= 0) {
		if (r->raw_size + n > BODY_MAX_UPLOAD) {
			r->body_error = E_TOO_LARGE;
			return;
		}
		for (size_t done = 0; done < n;) {
			ssize_t w = write(r->raw_fd, data + done, n - done);
			if (w <= 0) {
				r->body_error = E_DISK_FULL;
				return;
			}
			done += (size_t)w;
		}
		r->raw_size += n;
		return;
	}
	buf_append(&r->body, data, n);
	if (r->body.failed)
		r->body_error = E_TOO_LARGE;
}

static void body_parse(Req *r)
{
	unsigned flags = r->route->flags;
	if (r->raw_fd >= 0) {
		/* The whole body is the file; it must be on disk before anyone reads it. */
		if (fsync(r->raw_fd) != 0 && r->raw_size)
			r->body_error = E_DISK_FULL;
		return;
	}
	if (r->multipart) {
		ParseStatus s = multipart_finish(r->multipart);
		if (s != PARSE_OK) {
			r->body_error = parse_error_code(s);
			return;
		}
		r->form = *multipart_fields(r->multipart);
		return;
	}
	if ((flags & R_FORM) && r->body.len) {
		if (!content_type_is(r->content_type, "application/x-www-form-urlencoded")) {
			r->body_error = E_BAD_REQUEST;
			r->body_detail = "Content-Type must be application/x-www-form-urlencoded or multipart/form-data";
			return;
		}
		ParseStatus s = parse_urlencoded(&r->arena, r->body.data, r->body.len, &r->form);
		r->body_error = parse_error_code(s);
		return;
	}
	if (flags & R_JSON) {
		if (!content_type_is(r->content_type, "application/json")) {
			r->body_error = E_BAD_JSON;
			r->body_detail = "Content-Type must be application/json";
			return;
		}
		const char *msg = NULL;
		ParseStatus s = parse_json_object(&r->arena, buf_str(&r->body), r->body.len, &r->json, &msg);
		if (s == PARSE_BAD_UTF8) {
			r->body_error = E_BAD_UTF8;
		} else if (s == PARSE_TOO_LARGE) {
			r->body_error = E_TOO_LARGE;
		} else if (s != PARSE_OK) {
			r->body_error = E_BAD_JSON;
			r->body_detail = msg;
		}
	}
}

static void request_finish(Req *r)
{
	if (r->pending) {
		resp_error(r, r->pending, NULL, NULL);
		return;
	}
	if (!r->body_error)
		body_parse(r);
	if (r->body_error) {
		resp_error(r, r->body_error, NULL, r->body_detail);
		return;
	}
	HandlerResult h = gate_run(r);
	if (h == H_FATAL || !r->resp) {
		log_error("server: %s %s: handler failed", r->method, r->path);
		resp_error(r, E_INTERNAL, NULL, NULL);
	}
}

static enum MHD_Result request_answer(void *cls, struct MHD_Connection *conn, const char *url,
				      const char *method, const char *version, const char *upload_data,
				      size_t *upload_data_size, void **con_cls)
{
	Req *r = *con_cls;
	if (!r)
		return MHD_NO;
	if (r->stage == 0) {
		r->stage = 1;
		request_begin(r, url, method);
		if (request_declared_too_large(r)) {
			resp_error(r, E_TOO_LARGE, NULL, NULL);
			r->stage = 3;
			return response_queue(r);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		body_feed(r, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->stage != 1)
		return MHD_YES;
	r->stage = 2;
	request_finish(r);
	return response_queue(r);
}

static void request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	Req *r = *con_cls;
	if (!r)
		return;
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	double ms = (double)(end.tv_sec - r->start.tv_sec) * 1e3 + (double)(end.tv_nsec - r->start.tv_nsec) / 1e6;
	if (r->method)
		log_info("access %s \"%s %s\" %d %llu %.1fms user=%s%s", req_ip(r), r->method, r->path,
			 r->status, (unsigned long long)r->bytes_out, ms,
			 r->actor.username[0] ? r->actor.username : "-",
			 toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	request_free(r);
	*con_cls = NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	vsnprintf(line, sizeof line, fmt, ap);
	size_t n = strlen(line);
	while (n && line[n - 1] == '\n')
		line[--n] = '\0';
	log_error("mhd: %s", line);
}

int server_run(const ServerConfig *cfg)
{
	config = *cfg;
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)cfg->port)};
	if (inet_pton(AF_INET, cfg->host, &addr.sin_addr) != 1) {
		log_error("server: %s is not an IPv4 address", cfg->host);
		return -1;
	}
	/* Worker threads inherit this mask, so only the main thread takes SIGTERM/SIGINT. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC, 0, NULL, NULL, request_answer,
		NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
		(unsigned)(cfg->threads ? cfg->threads : 4), MHD_OPTION_URI_LOG_CALLBACK, request_new, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL, MHD_OPTION_NOTIFY_CONNECTION, connection_notify, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256u << 10), MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
	if (!d) {
		log_error("server: cannot listen on %s:%u (in use, or not allowed)", cfg->host, cfg->port);
		return -1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = info ? info->port : cfg->port;
	printf("listening on http://%s:%u\n", cfg->host, port);
	fflush(stdout);
	log_info("server: listening on http://%s:%u with %u threads, database %s", cfg->host, port,
		 cfg->threads ? cfg->threads : 4, cfg->db_path);

	int sig = 0;
	sigwait(&stop, &sig);
	log_info("server: %s received, finishing requests in flight", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	atomic_store(&server_stopping, 1);
	MHD_socket ls = MHD_quiesce_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	/* Requests already sent on open connections are answered (each answer then closes its
	 * connection). Stop once no connection is left, or when, on three looks 10 ms apart, nothing
	 * runs, no connection has unread bytes (a request sent but not yet read) and nothing has
	 * started for a quarter of a second: only idle keep-alive connections remain. At most 30 s. */
	int quiet = 0;
	for (int i = 0; i < 3000; i++) {
		const union MHD_DaemonInfo *ci = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (ci && ci->num_connections == 0)
			break;
		if (atomic_load(&inflight) == 0 && !unread_input() && now_ms() - atomic_load(&last_request_ms) > 250)
			quiet++;
		else
			quiet = 0;
		if (quiet == 3)
			break;
		struct timespec ts = {0, 10 * 1000000L};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	log_info("server: stopped");
	return 0;
}
