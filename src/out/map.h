/* The map of the 34 provinces as SVG, drawn from data/provinces-2025-simplified.geojson (compiled
 * into the binary), shaded by one figure per province, with the Hoàng Sa and Trường Sa
 * archipelagos (under Đà Nẵng and Khánh Hòa), a legend and a note. Like the charts (chart.h):
 * real <text>, a <title> and <desc>, no script or style attribute; each class has a hatching as
 * well as a shade, so the map reads printed in black and white. */
#ifndef ISHC_OUT_MAP_H
#define ISHC_OUT_MAP_H

#include <stddef.h>

#include "lib/buf.h"

typedef struct MapValue {
	const char *code;        /* a province code of today ("38") */
	int has;
	double value;
	const char *text;        /* the value as people read it */
} MapValue;

typedef struct MapSpec {
	const char *id;          /* prefix of the ids in the SVG (unique in the page) */
	const char *title, *desc;
	const char *note;        /* written under the map (e.g. "years before 2025 restated ..."), or NULL */
	const char *no_data;     /* the legend's word for a province without a figure */
	const MapValue *values;
	size_t n;
	void (*format)(double v, char out[32]); /* the legend's bounds */
} MapSpec;

/* The number of provinces the map draws (34), or -1 when the embedded boundaries cannot be read. */
int map_province_count(void);
/* Writes the map into b. 0, or -1 when the boundaries cannot be read. */
int map_provinces_svg(Buf *b, const MapSpec *m);

#endif
