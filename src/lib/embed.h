/* Files compiled into the binary by tools/embed.c (migrations, static assets). */
#ifndef ISHC_EMBED_H
#define ISHC_EMBED_H

#include <stddef.h>

typedef struct EmbeddedFile {
	const char *name;   /* base name, e.g. "0001_platform.sql"; NULL ends a table */
	const char *data;   /* NUL-terminated */
	size_t size;
} EmbeddedFile;

#endif
