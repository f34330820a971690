/* Charts drawn by the server as SVG: real <text> labels, a <title> and <desc> for screen readers,
 * no script, no style attribute (the page's CSP allows none), sized by its viewBox so it fits a
 * phone and an office screen. */
#ifndef ISHC_OUT_CHART_H
#define ISHC_OUT_CHART_H

#include <stddef.h>

#include "lib/buf.h"

/* One bar: its label on the axis ("03/2026"), whether it has a value, the value, and the value as
 * people read it ("1.234", "56,3%"), written above the bar when there is room. */
typedef struct ChartPoint {
	const char *label;
	int has;
	double value;
	const char *text;
} ChartPoint;

typedef struct Chart {
	const char *id;          /* prefix of the ids of the title and desc (unique in the page) */
	const char *title;       /* the chart's name */
	const char *desc;        /* what it shows, in words (a summary of the figures) */
	const ChartPoint *points;
	size_t n;
	/* The scale's labels: formats v as the values are ("1.234", "50%") into out (32 bytes). */
	void (*format)(double v, char out[32]);
	int has_target;          /* a horizontal line at target, labelled target_text */
	double target;
	const char *target_text;
	const char *empty_text;  /* shown under a bar without a value ("—") */
} Chart;

/* Writes the bar chart c into b as an inline <svg role="img"> with the class "chart". Every second
 * label along the axis and above the bars has the class "minor", so that a narrow screen can hide
 * them and show the others larger. */
void chart_bars_svg(Buf *b, const Chart *c);

/* Writes c as horizontal bars, one row a point (provinces, communes, measures against their
 * targets): the label at the left, the bar, and the value as people read it written right after
 * the bar, so every figure is read directly (black and white print, no colour needed). The
 * target, when set, is a dashed vertical line labelled at its top. The height grows with the
 * rows (28 units a row). */
void chart_hbars_svg(Buf *b, const Chart *c);

#endif
