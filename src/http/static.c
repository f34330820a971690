/* Static assets compiled into the binary, and the health check. */
#include "http/static.h"

#include <string.h>

#include <microhttpd.h>

#include "lib/embed.h"

extern const EmbeddedFile http_assets[];

static const char *asset_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot && strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (dot && strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	return "application/octet-stream";
}

HandlerResult http_static(Req *r)
{
	const char *name = req_param(r, "name");
	for (const EmbeddedFile *f = http_assets; f->name; f++) {
		if (strcmp(f->name, name) != 0)
			continue;
		struct MHD_Response *resp =
			MHD_create_response_from_buffer(f->size, (void *)f->data, MHD_RESPMEM_PERSISTENT);
		if (!resp)
			return H_FATAL;
		MHD_add_response_header(resp, "Content-Type", asset_type(f->name));
		MHD_add_response_header(resp, "Cache-Control", "public, max-age=3600");
		r->resp = resp;
		r->status = 200;
		r->bytes_out = f->size;
		return H_DONE;
	}
	return resp_error(r, E_NOT_FOUND, NULL, NULL);
}

HandlerResult http_healthz(Req *r)
{
	return resp_text(r, 200, "text/plain; charset=utf-8", "ok\n");
}
