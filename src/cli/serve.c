/* ishc serve: parse the listen address, migrate, and run the server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "http/server.h"

static int parse_listen(const char *s, char *host, size_t n, unsigned *port)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s || (size_t)(colon - s) >= n)
		return -1;
	char *end;
	unsigned long p = strtoul(colon + 1, &end, 10);
	if (*end || p > 65535 || colon[1] == '\0')
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	*port = (unsigned)p;
	return 0;
}

int cmd_serve(const Command *c, Opts *o)
{
	const char *path = opt_required(c, o, "db");
	if (!path)
		return EXIT_USAGE;
	char host[64];
	unsigned port;
	const char *listen = opt(o, "listen") ? opt(o, "listen") : "127.0.0.1:8080";
	if (parse_listen(listen, host, sizeof host, &port) != 0) {
		fprintf(stderr, "ishc serve: --listen wants HOST:PORT, e.g. 127.0.0.1:8080\n");
		return cli_usage(c);
	}
	unsigned threads = 4;
	if (opt(o, "threads")) {
		char *end;
		unsigned long t = strtoul(opt(o, "threads"), &end, 10);
		if (*end || t < 1 || t > 256) {
			fprintf(stderr, "ishc serve: --threads wants a number from 1 to 256\n");
			return cli_usage(c);
		}
		threads = (unsigned)t;
	}
	Db *db = cli_open_ready(path, 0);
	if (!db)
		return EXIT_FAIL;
	db_close(db);
	const char *tmp = opt(o, "tmpdir");
	if (!tmp)
		tmp = getenv("TMPDIR");
	ServerConfig cfg = {path, host, port, threads, tmp && *tmp ? tmp : "/tmp", opt(o, "secure-cookies") != NULL,
			    opt(o, "trusted-proxy")};
	return server_run(&cfg) == 0 ? EXIT_OK : EXIT_FAIL;
}
