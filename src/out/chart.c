/* SVG bar charts with real text labels (see chart.h). */
#include "out/chart.h"

#include <stdio.h>

#include "lib/html.h"

enum {
	W = 720,          /* viewBox width */
	H = 320,          /* viewBox height */
	LEFT = 116,       /* room for the scale's labels ("100,0%" in the phone's larger type) */
	RIGHT = 16,
	TOP = 28,
	BOTTOM = 56,      /* room for the bars' labels */
};

/* A round number at or above v for the top of the scale: 1, 2 or 5 times a power of ten. */
static double nice_top(double v)
{
	if (v <= 0)
		return 1;
	double p = 1;
	while (p * 10 <= v)
		p *= 10;
	while (p > v)
		p /= 10;
	static const double steps[] = {1, 2, 5, 10};
	for (int i = 0; i < 4; i++)
		if (steps[i] * p >= v)
			return steps[i] * p;
	return 10 * p;
}

static void num(Buf *b, double v)
{
	char s[32];
	snprintf(s, sizeof s, "%.1f", v);
	html_txt(b, s);
}

void chart_bars_svg(Buf *b, const Chart *c)
{
	double max = 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->points[i].has && c->points[i].value > max)
			max = c->points[i].value;
	if (c->has_target && c->target > max)
		max = c->target;
	double top = nice_top(max);
	double plot_w = W - LEFT - RIGHT, plot_h = H - TOP - BOTTOM;

	html(b, "<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 320\" "
		"aria-labelledby=\"");
	html_attr(b, c->id);
	html(b, "-title ");
	html_attr(b, c->id);
	html(b, "-desc\"><title id=\"");
	html_attr(b, c->id);
	html(b, "-title\">");
	html_txt(b, c->title);
	html(b, "</title><desc id=\"");
	html_attr(b, c->id);
	html(b, "-desc\">");
	html_txt(b, c->desc);
	html(b, "</desc>");

	/* The scale: lines and labels at 0, half and the top. */
	html(b, "<g font-size=\"14\" fill=\"#444\">");
	for (int k = 0; k <= 2; k++) {
		double v = top * k / 2, y = TOP + plot_h - plot_h * k / 2;
		char label[32];
		c->format(v, label);
		html(b, "<line x1=\"");
		html_int(b, LEFT);
		html(b, "\" x2=\"");
		html_int(b, W - RIGHT);
		html(b, "\" y1=\"");
		num(b, y);
		html(b, "\" y2=\"");
		num(b, y);
		html(b, "\" stroke=\"#bbb\" stroke-width=\"1\"/><text x=\"");
		html_int(b, LEFT - 8);
		html(b, "\" y=\"");
		num(b, y + 5);
		html(b, "\" text-anchor=\"end\">");
		html_txt(b, label);
		html(b, "</text>");
	}
	html(b, "</g>");

	/* The bars, their values when there is room, and every k-th label under them. */
	size_t n = c->n ? c->n : 1;
	double slot = plot_w / (double)n, bar = slot * 0.7;
	size_t every = n <= 12 ? 1 : (n + 11) / 12;
	int values = n <= 14;
	html(b, "<g font-size=\"14\">");
	for (size_t i = 0; i < c->n; i++) {
		const ChartPoint *p = &c->points[i];
		double x = LEFT + slot * (double)i + (slot - bar) / 2, cx = LEFT + slot * ((double)i + 0.5);
		if (p->has && p->value > 0) {
			double h = plot_h * (p->value / top);
			html(b, "<rect x=\"");
			num(b, x);
			html(b, "\" y=\"");
			num(b, TOP + plot_h - h);
			html(b, "\" width=\"");
			num(b, bar);
			html(b, "\" height=\"");
			num(b, h);
			html(b, "\" fill=\"#0b4f8a\"><title>");
			html_txt(b, p->label);
			html(b, ": ");
			html_txt(b, p->text);
			html(b, "</title></rect>");
		}
		if (values) {
			double y = TOP + plot_h - (p->has && p->value > 0 ? plot_h * (p->value / top) : 0) - 6;
			html(b, "<text x=\"");
			num(b, cx);
			html(b, "\" y=\"");
			num(b, y);
			html(b, "\" text-anchor=\"middle\" fill=\"#111\"");
			if (i % 2 && c->n > 6)
				html(b, " class=\"minor\"");
			html(b, ">");
			html_txt(b, p->has ? p->text : c->empty_text);
			html(b, "</text>");
		}
		if (i % every == 0) {
			html(b, "<text x=\"");
			num(b, cx);
			html(b, "\" y=\"");
			html_int(b, H - BOTTOM + 22);
			html(b, "\" text-anchor=\"middle\" fill=\"#444\"");
			if ((i / every) % 2 && c->n / every > 6)
				html(b, " class=\"minor\"");
			html(b, ">");
			html_txt(b, p->label);
			html(b, "</text>");
		}
	}
	html(b, "</g>");

	if (c->has_target) {
		double y = TOP + plot_h - plot_h * (c->target / top);
		html(b, "<line x1=\"");
		html_int(b, LEFT);
		html(b, "\" x2=\"");
		html_int(b, W - RIGHT);
		html(b, "\" y1=\"");
		num(b, y);
		html(b, "\" y2=\"");
		num(b, y);
		html(b, "\" stroke=\"#a4161a\" stroke-width=\"2\" stroke-dasharray=\"8 6\"/><text x=\"");
		html_int(b, W - RIGHT);
		html(b, "\" y=\"");
		num(b, y - 6);
		html(b, "\" text-anchor=\"end\" font-size=\"14\" fill=\"#a4161a\" stroke=\"#fff\" stroke-width=\"5\" "
			"paint-order=\"stroke\">");
		html_txt(b, c->target_text);
		html(b, "</text>");
	}
	html(b, "<line x1=\"");
	html_int(b, LEFT);
	html(b, "\" x2=\"");
	html_int(b, W - RIGHT);
	html(b, "\" y1=\"");
	html_int(b, H - BOTTOM);
	html(b, "\" y2=\"");
	html_int(b, H - BOTTOM);
	html(b, "\" stroke=\"#111\" stroke-width=\"1\"/></svg>");
}

enum {
	HW = 720,
	HLEFT = 250,      /* room for the rows' labels */
	HRIGHT = 110,     /* room for the value after the longest bar */
	HTOP = 30,
	HROW = 28,
	HBOTTOM = 12,
};

void chart_hbars_svg(Buf *b, const Chart *c)
{
	double max = 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->points[i].has && c->points[i].value > max)
			max = c->points[i].value;
	if (c->has_target && c->target > max)
		max = c->target;
	double top = nice_top(max);
	int h = HTOP + HROW * (int)c->n + HBOTTOM;
	double plot_w = HW - HLEFT - HRIGHT;

	html(b, "<svg class=\"chart hbars\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 ");
	html_int(b, h);
	html(b, "\" aria-labelledby=\"");
	html_attr(b, c->id);
	html(b, "-title ");
	html_attr(b, c->id);
	html(b, "-desc\"><title id=\"");
	html_attr(b, c->id);
	html(b, "-title\">");
	html_txt(b, c->title);
	html(b, "</title><desc id=\"");
	html_attr(b, c->id);
	html(b, "-desc\">");
	html_txt(b, c->desc);
	html(b, "</desc><g font-size=\"15\">");
	for (size_t i = 0; i < c->n; i++) {
		const ChartPoint *p = &c->points[i];
		double y = HTOP + HROW * (double)i;
		double w = p->has && p->value > 0 ? plot_w * (p->value / top) : 0;
		html(b, "<text x=\"");
		html_int(b, HLEFT - 8);
		html(b, "\" y=\"");
		num(b, y + 19);
		html(b, "\" text-anchor=\"end\" fill=\"#111\">");
		html_txt(b, p->label);
		html(b, "</text>");
		if (w > 0) {
			html(b, "<rect x=\"");
			html_int(b, HLEFT);
			html(b, "\" y=\"");
			num(b, y + 5);
			html(b, "\" width=\"");
			num(b, w);
			html(b, "\" height=\"18\" fill=\"#0b4f8a\"><title>");
			html_txt(b, p->label);
			html(b, ": ");
			html_txt(b, p->text);
			html(b, "</title></rect>");
		}
		html(b, "<text x=\"");
		num(b, HLEFT + w + 6);
		html(b, "\" y=\"");
		num(b, y + 19);
		html(b, "\" fill=\"#111\">");
		html_txt(b, p->has ? p->text : c->empty_text);
		html(b, "</text>");
	}
	html(b, "</g><line x1=\"");
	html_int(b, HLEFT);
	html(b, "\" x2=\"");
	html_int(b, HLEFT);
	html(b, "\" y1=\"");
	html_int(b, HTOP);
	html(b, "\" y2=\"");
	html_int(b, h - HBOTTOM);
	html(b, "\" stroke=\"#111\" stroke-width=\"1\"/>");
	if (c->has_target) {
		double x = HLEFT + plot_w * (c->target / top);
		html(b, "<line x1=\"");
		num(b, x);
		html(b, "\" x2=\"");
		num(b, x);
		html(b, "\" y1=\"");
		html_int(b, HTOP - 6);
		html(b, "\" y2=\"");
		html_int(b, h - HBOTTOM);
		html(b, "\" stroke=\"#a4161a\" stroke-width=\"2\" stroke-dasharray=\"8 6\"/><text x=\"");
		num(b, x);
		html(b, "\" y=\"");
		html_int(b, HTOP - 10);
		html(b, "\" text-anchor=\"middle\" font-size=\"14\" fill=\"#a4161a\">");
		html_txt(b, c->target_text);
		html(b, "</text>");
	}
	html(b, "</svg>");
}
