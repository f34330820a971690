/* The HTTP server: libmicrohttpd with its internal thread pool, the route gate in front of every
 * handler, one access-log line per request, and a clean stop on SIGTERM. */
#ifndef ISHC_HTTP_SERVER_H
#define ISHC_HTTP_SERVER_H

typedef struct ServerConfig {
	const char *db_path;
	const char *host;        /* "127.0.0.1" */
	unsigned port;           /* 0 = any free port (printed when ready) */
	unsigned threads;
	const char *tmpdir;      /* uploads are spooled here */
	int secure_cookies;      /* add Secure to cookies (behind HTTPS) */
	const char *trusted_proxy; /* the address of a reverse proxy (nginx) whose X-Forwarded-For
				    * names the client; NULL = none */
} ServerConfig;

/* Serves until SIGTERM or SIGINT, then finishes the requests in flight and returns 0. Prints
 * "listening on http://HOST:PORT" on standard output once ready. Returns -1 (after logging why)
 * when it cannot start. The caller has already migrated the database. */
int server_run(const ServerConfig *cfg);

/* Settings of the running server, for handlers. */
const ServerConfig *server_config(void);

#endif
