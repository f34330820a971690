/* The province map (see map.h). The boundaries are read from the embedded geojson once and kept
 * as SVG path data: they are part of the program, so nothing here can go stale. */
#include "out/map.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/embed.h"
#include "lib/html.h"

extern const EmbeddedFile ref_data[];

enum { W = 640, H = 720, MAXF = 40, CLASSES = 5 };

/* The projection: equirectangular, longitudes shrunk by cos(16°), the country's middle. */
static const double LON0 = 102.0, LAT1 = 23.5, KX = 0.9613, SCALE = 44.0, PAD = 8;

typedef struct Shape {
	char code[8];
	char name[64];
	int archipelago;
	char *path;              /* province: path data; archipelago: "x y;x y;..." points */
	double lx, ly;           /* archipelago: where its label goes */
} Shape;

static Shape shapes[MAXF];
static int nshapes = -1;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static double px(double lon)
{
	return PAD + (lon - LON0) * KX * SCALE;
}
static double py(double lat)
{
	return PAD + (LAT1 - lat) * SCALE;
}

static void ring_path(Buf *p, json_t *ring)
{
	size_t i;
	json_t *pt;
	double lx = -1e9, ly = -1e9;
	int first = 1;
	json_array_foreach(ring, i, pt) {
		double x = px(json_number_value(json_array_get(pt, 0))), y = py(json_number_value(json_array_get(pt, 1)));
		if (!first && fabs(x - lx) < 0.3 && fabs(y - ly) < 0.3)
			continue;
		buf_printf(p, "%s%.1f %.1f", first ? "M" : "L", x, y);
		first = 0;
		lx = x;
		ly = y;
	}
	if (!first)
		buf_puts(p, "Z");
}

static void load(void)
{
	const EmbeddedFile *f = NULL;
	for (const EmbeddedFile *e = ref_data; e->name; e++)
		if (strcmp(e->name, "provinces-2025-simplified.geojson") == 0)
			f = e;
	if (!f)
		return;
	json_t *root = json_loadb(f->data, f->size, 0, NULL);
	json_t *features = json_object_get(root, "features");
	size_t i;
	json_t *ft;
	int n = 0;
	json_array_foreach(features, i, ft) {
		if (n == MAXF)
			break;
		json_t *props = json_object_get(ft, "properties"), *geom = json_object_get(ft, "geometry");
		const char *type = json_string_value(json_object_get(geom, "type"));
		json_t *coords = json_object_get(geom, "coordinates");
		if (!type || !coords)
			continue;
		Shape *s = &shapes[n];
		snprintf(s->code, sizeof s->code, "%s", json_string_value(json_object_get(props, "code")) ?: "");
		snprintf(s->name, sizeof s->name, "%s", json_string_value(json_object_get(props, "name")) ?: "");
		s->archipelago = json_is_true(json_object_get(props, "archipelago"));
		Buf p;
		buf_init(&p, 0);
		if (strcmp(type, "MultiPoint") == 0) {
			size_t k;
			json_t *pt;
			double minx = 1e9, maxy = -1e9, miny = 1e9;
			json_array_foreach(coords, k, pt) {
				double x = px(json_number_value(json_array_get(pt, 0))), y = py(json_number_value(json_array_get(pt, 1)));
				buf_printf(&p, "%s%.1f %.1f", k ? ";" : "", x, y);
				minx = x < minx ? x : minx;
				maxy = y > maxy ? y : maxy;
				miny = y < miny ? y : miny;
			}
			/* The name under the islands (the legend's note is above Hoàng Sa). */
			s->lx = minx;
			s->ly = maxy + 20;
			(void)miny;
		} else {
			size_t k, j;
			json_t *poly, *ring;
			if (strcmp(type, "Polygon") == 0) {
				json_array_foreach(coords, j, ring) ring_path(&p, ring);
			} else {
				json_array_foreach(coords, k, poly) {
					json_array_foreach(poly, j, ring) ring_path(&p, ring);
				}
			}
		}
		s->path = buf_take(&p, NULL);
		n++;
	}
	json_decref(root);
	nshapes = n;
}

int map_province_count(void)
{
	pthread_once(&once, load);
	int c = 0;
	for (int i = 0; i < nshapes; i++)
		c += !shapes[i].archipelago;
	return nshapes < 0 ? -1 : c;
}

/* Shades from light to dark (their lightness alone tells the classes apart in grey) and a hatching
 * of growing density on top, so the classes also differ printed in black and white. */
static const char *const shade[CLASSES] = {"#eef3f8", "#c3d7ea", "#8ab2d8", "#4b83bd", "#174f86"};
static const char *const ink[CLASSES] = {"#555", "#333", "#222", "#fff", "#fff"};
static const int gap[CLASSES] = {0, 9, 7, 5, 4};

static double nice_top(double v)
{
	if (v <= 0)
		return 1;
	double p = 1;
	while (p * 10 <= v)
		p *= 10;
	while (p > v)
		p /= 10;
	static const double steps[] = {1, 2, 2.5, 5, 10};
	for (int i = 0; i < 5; i++)
		if (steps[i] * p >= v)
			return steps[i] * p;
	return 10 * p;
}

static void id(Buf *b, const MapSpec *m, const char *suffix)
{
	html_attr(b, m->id);
	html(b, "-");
	html_attr(b, suffix);
}

/* Writes text as <tspan> lines of about width characters, each at x=390 (the legend's column);
 * returns the number of lines. */
static int wrapped(Buf *b, const char *text, size_t width)
{
	const char *p = text;
	int line = 0;
	while (*p) {
		const char *end = p, *cut = NULL;
		size_t chars = 0;
		while (*end && chars < width) {
			if (*end == ' ')
				cut = end;
			if (((unsigned char)*end & 0xC0) != 0x80)
				chars++;
			end++;
		}
		while (*end && ((unsigned char)*end & 0xC0) == 0x80)
			end++;
		if (*end && cut)
			end = cut;
		char seg[256];
		size_t len = (size_t)(end - p) < sizeof seg - 1 ? (size_t)(end - p) : sizeof seg - 1;
		memcpy(seg, p, len);
		seg[len] = 0;
		html(b, "<tspan x=\"390\" dy=\"");
		html_int(b, line ? 17 : 0);
		html(b, "\">");
		html_txt(b, seg);
		html(b, "</tspan>");
		line++;
		p = end;
		while (*p == ' ')
			p++;
	}
	return line;
}

int map_provinces_svg(Buf *b, const MapSpec *m)
{
	pthread_once(&once, load);
	if (nshapes <= 0)
		return -1;
	double max = 0;
	for (size_t i = 0; i < m->n; i++)
		if (m->values[i].has && m->values[i].value > max)
			max = m->values[i].value;
	double top = nice_top(max);
	char t[32];

	html(b, "<svg class=\"map\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 720\" "
		"aria-labelledby=\"");
	id(b, m, "title");
	html(b, " ");
	id(b, m, "desc");
	html(b, "\"><title id=\"");
	id(b, m, "title");
	html(b, "\">");
	html_txt(b, m->title);
	html(b, "</title><desc id=\"");
	id(b, m, "desc");
	html(b, "\">");
	html_txt(b, m->desc);
	html(b, "</desc><defs>");
	for (int k = 0; k < CLASSES; k++) {
		html(b, "<pattern id=\"");
		id(b, m, "c");
		html_int(b, k);
		html(b, "\" patternUnits=\"userSpaceOnUse\" width=\"");
		html_int(b, gap[k] ? gap[k] : 10);
		html(b, "\" height=\"");
		html_int(b, gap[k] ? gap[k] : 10);
		html(b, "\" patternTransform=\"rotate(45)\"><rect width=\"10\" height=\"10\" fill=\"");
		html_attr(b, shade[k]);
		html(b, "\"/>");
		if (gap[k]) {
			html(b, "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"10\" stroke=\"");
			html_attr(b, ink[k]);
			html(b, "\" stroke-width=\"1.2\"/>");
		}
		html(b, "</pattern>");
	}
	/* No figure: white with dots. */
	html(b, "<pattern id=\"");
	id(b, m, "none");
	html(b, "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\" "
		"fill=\"#fff\"/><circle cx=\"3\" cy=\"3\" r=\"0.9\" fill=\"#777\"/></pattern></defs>");
	html(b, "<rect width=\"640\" height=\"720\" fill=\"#fff\"/>");

	/* The provinces. */
	html(b, "<g stroke=\"#111\" stroke-width=\"0.7\" stroke-linejoin=\"round\">");
	for (int i = 0; i < nshapes; i++) {
		const Shape *s = &shapes[i];
		if (s->archipelago)
			continue;
		const MapValue *v = NULL;
		for (size_t k = 0; k < m->n; k++)
			if (m->values[k].code && strcmp(m->values[k].code, s->code) == 0)
				v = &m->values[k];
		int cls = -1;
		if (v && v->has) {
			cls = (int)(v->value / top * CLASSES);
			cls = cls < 0 ? 0 : cls >= CLASSES ? CLASSES - 1 : cls;
		}
		html(b, "<path class=\"province\" data-code=\"");
		html_attr(b, s->code);
		html(b, "\" fill=\"url(#");
		id(b, m, cls < 0 ? "none" : "c");
		if (cls >= 0)
			html_int(b, cls);
		html(b, ")\" d=\"");
		buf_puts(b, s->path); /* numbers and letters only, made from the embedded file */
		html(b, "\"><title>");
		html_txt(b, s->name);
		html(b, ": ");
		html_txt(b, v && v->has ? v->text : m->no_data);
		html(b, "</title></path>");
	}
	html(b, "</g>");

	/* The archipelagos: their islands as dots and their names. */
	for (int i = 0; i < nshapes; i++) {
		const Shape *s = &shapes[i];
		if (!s->archipelago)
			continue;
		html(b, "<g class=\"archipelago\" data-code=\"");
		html_attr(b, s->code);
		html(b, "\"><title>");
		html_txt(b, s->name);
		html(b, "</title>");
		for (const char *p = s->path; *p;) {
			double x, y;
			int len = 0;
			if (sscanf(p, "%lf %lf%n", &x, &y, &len) != 2)
				break;
			char c[96];
			snprintf(c, sizeof c, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"#111\"/>", x, y);
			buf_puts(b, c);
			p += len;
			if (*p == ';')
				p++;
		}
		char pos[64];
		snprintf(pos, sizeof pos, "%.1f", s->lx);
		html(b, "<text x=\"");
		buf_puts(b, pos);
		snprintf(pos, sizeof pos, "%.1f", s->ly);
		html(b, "\" y=\"");
		buf_puts(b, pos);
		html(b, "\" font-size=\"13\" fill=\"#111\">");
		html_txt(b, s->name);
		html(b, "</text></g>");
	}

	/* The legend, in the sea to the north-east: its title in lines (SVG text does not wrap). */
	html(b, "<g class=\"legend\" font-size=\"14\" fill=\"#111\"><text y=\"26\" font-weight=\"bold\">");
	int lines = wrapped(b, m->title, 30);
	html(b, "</text>");
	int legend_y = 26 + 17 * lines - 4;
	for (int k = CLASSES - 1; k >= 0; k--) {
		int row = CLASSES - 1 - k;
		double y = legend_y + row * 28;
		char lo[32], hi[32];
		m->format(top * k / CLASSES, lo);
		m->format(top * (k + 1) / CLASSES, hi);
		html(b, "<rect x=\"390\" y=\"");
		html_int(b, (int64_t)y);
		html(b, "\" width=\"34\" height=\"20\" stroke=\"#111\" stroke-width=\"0.7\" fill=\"url(#");
		id(b, m, "c");
		html_int(b, k);
		html(b, ")\"/><text x=\"432\" y=\"");
		html_int(b, (int64_t)y + 15);
		html(b, "\">");
		snprintf(t, sizeof t, "%s", lo);
		html_txt(b, t);
		html(b, " – ");
		html_txt(b, hi);
		html(b, "</text>");
	}
	html(b, "<rect x=\"390\" y=\"");
	html_int(b, legend_y + CLASSES * 28);
	html(b, "\" width=\"34\" height=\"20\" stroke=\"#111\" stroke-width=\"0.7\" fill=\"url(#");
	id(b, m, "none");
	html(b, ")\"/><text x=\"432\" y=\"");
	html_int(b, legend_y + CLASSES * 28 + 15);
	html(b, "\">");
	html_txt(b, m->no_data);
	html(b, "</text></g>");
	if (m->note && *m->note) {
		html(b, "<text y=\"");
		html_int(b, legend_y + (CLASSES + 1) * 28 + 18);
		html(b, "\" font-size=\"13\" fill=\"#111\">");
		wrapped(b, m->note, 34);
		html(b, "</text>");
	}
	html(b, "</svg>");
	return 0;
}
