/* The dashboard page (issue 9): the figures of the user's scope (or of a unit inside it) for a
 * year, each linked to the table or the records behind it, with charts drawn by the server
 * (out/chart.h), the data of each chart one click away, and for the country the map of the 34
 * provinces (out/map.h). Everything comes from core/dashboard.h in one call, plus one totals
 * query for the map when the page's geography is not today's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dashboard.h"
#include "core/memo.h"
#include "core/scope.h"
#include "core/unit.h"
#include "lib/vi.h"
#include "out/chart.h"
#include "out/map.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

#define NCHOICES(a) (sizeof(a) / sizeof *(a))

static const FormChoice geo_choices[] = {
	{"then", "Theo địa giới khi đó", "As organised then"},
	{"today", "Quy đổi theo địa giới hiện nay", "Restated to today's units"},
};

/* The figures a map may be shaded by (any code of the totals is accepted in ?map=). */
static const FormChoice map_choices[] = {
	{"MEM_TOTAL", "Số thành viên", "Members"},
	{"_EXPECTED", "Số CLB phải báo cáo", "Clubs expected to report"},
	{"R_REPORTED", "Tỷ lệ CLB đã báo cáo", "Share of clubs reporting"},
	{"R_BORROW", "Tỷ lệ thành viên vay vốn", "Share of members borrowing"},
	{"R_WOMEN", "Tỷ lệ nữ", "Share of women"},
	{"R_PAR30", "Nợ quá hạn trên 30 ngày (PAR30)", "Portfolio at risk over 30 days (PAR30)"},
};

/* ---- what the page is asked for (shared with the API) ---- */

static int read_query(Req *r, const char **unit, int *year, TotalGeo *geo, Err *e)
{
	*unit = req_query(r, "unit");
	if (!*unit)
		*unit = "";
	return dashboard_parse(req_query(r, "year"), req_query(r, "geography"), year, geo, e);
}

/* ---- numbers ---- */

static const char *count(Req *r, int64_t v)
{
	char d[VI_NUM_BUFSZ];
	return arena_strdup(&r->arena, vi_format_int(v, d));
}

/* "56,3%" from num/den; "—" when den is 0. */
static const char *pct(Req *r, int64_t num, int64_t den)
{
	if (den <= 0)
		return "—";
	char d[VI_NUM_BUFSZ], out[48];
	int64_t permille = (num * 1000 + den / 2) / den;
	snprintf(out, sizeof out, "%s%%", vi_format_decimal(permille, 1, d));
	return arena_strdup(&r->arena, out);
}

static const char *permille_text(Req *r, int64_t permille)
{
	char d[VI_NUM_BUFSZ], out[48];
	snprintf(out, sizeof out, "%s%%", vi_format_decimal(permille, 1, d));
	return arena_strdup(&r->arena, out);
}

static void fmt_count(double v, char out[32])
{
	char d[VI_NUM_BUFSZ];
	snprintf(out, 32, "%s", vi_format_int((int64_t)(v + 0.5), d));
}

static void fmt_percent(double v, char out[32])
{
	char d[VI_NUM_BUFSZ];
	snprintf(out, 32, "%s%%", vi_format_decimal((int64_t)(v * 10 + 0.5), 1, d));
}

/* ---- links ---- */

/* A link: href built from the path and "name=value" pairs (values URL-encoded), text escaped. */
static void link(Buf *b, const char *text, const char *path, const char *const *query)
{
	Buf u;
	buf_init(&u, 0);
	buf_puts(&u, path);
	int first = 1;
	for (size_t i = 0; query && query[i]; i += 2) {
		if (!query[i + 1] || !*query[i + 1])
			continue;
		buf_puts(&u, first ? "?" : "&");
		buf_puts(&u, query[i]);
		buf_puts(&u, "=");
		html_urlenc(&u, query[i + 1]);
		first = 0;
	}
	html(b, "<a href=\"");
	html_attr(b, buf_str(&u));
	html(b, "\">");
	html_txt(b, text);
	html(b, "</a>");
	buf_free(&u);
}

/* A figure of the grid: its value big, its label, and the link to what is behind it. */
static void figure(Buf *b, const char *id, const char *label, const char *value, const char *sub)
{
	html(b, "<div class=\"figure\" id=\"");
	html_attr(b, id);
	html(b, "\"><p class=\"value\">");
	html_txt(b, value);
	html(b, "</p><p class=\"label\">");
	html_txt(b, label);
	html(b, "</p>");
	if (sub && *sub) {
		html(b, "<p class=\"sub\">");
		html_txt(b, sub);
		html(b, "</p>");
	}
}

static const char *geo_word(TotalGeo g)
{
	return g == TOTAL_TODAY ? "today" : "then";
}

static const char *year_text(Req *r, int year)
{
	char s[8];
	snprintf(s, sizeof s, "%d", year);
	return arena_strdup(&r->arena, s);
}

/* "03/2026" of "2026-03". */
static const char *month_text(Req *r, const char *period)
{
	char s[16];
	snprintf(s, sizeof s, "%.2s/%.4s", period + 5, period);
	return arena_strdup(&r->arena, s);
}

static const char *level_words(Req *r, const char *level)
{
	if (strcmp(level, "country") == 0)
		return tr(r, "Cả nước", "The country");
	if (strcmp(level, "province") == 0)
		return tr(r, "Tỉnh, thành phố", "Province");
	if (strcmp(level, "district") == 0)
		return tr(r, "Huyện", "District");
	if (strcmp(level, "commune") == 0)
		return tr(r, "Xã, phường", "Commune");
	if (strcmp(level, "club") == 0)
		return tr(r, "Câu lạc bộ", "Club");
	return tr(r, "Phần còn lại", "The rest");
}

/* ---- the data table behind a chart ---- */

static void details_begin(Req *r, Buf *b, const char *caption, const char *h1, const char *h2)
{
	html(b, "<details class=\"data\"><summary>");
	html_txt(b, tr(r, "Xem bảng số liệu", "Show the data table"));
	html(b, "</summary>");
	page_table_begin(b, caption);
	page_th(b, h1);
	html(b, "<th scope=\"col\" class=\"num\">");
	html_txt(b, h2);
	html(b, "</th></tr></thead><tbody>");
}

static void details_row(Buf *b, const char *h1, const char *h2, const char *a, const char *v)
{
	html(b, "<tr>");
	page_cell(b, h1, NULL, a);
	page_cell(b, h2, "num", v);
	html(b, "</tr>");
}

static void details_end(Buf *b)
{
	html(b, "</tbody></table></div></details>");
}

/* ---- the sections ---- */

static const TotalCell *last_cell(const Dashboard *d, int k)
{
	return d->months.nrows ? &d->months.rows[d->latest_row].cells[k] : NULL;
}

/* A club's own page ("/clubs/7", "/clubs/7/funds"): a club's dashboard links there, not to the
 * lists of a unit. */
static const char *club_path(Req *r, const Dashboard *d, const char *tail)
{
	char s[64];
	snprintf(s, sizeof s, "/clubs/%lld%s", (long long)d->club_id, tail);
	return arena_strdup(&r->arena, s);
}

static void section_clubs(Req *r, Buf *b, const Dashboard *d, const char *unit)
{
	const TotalCell *clubs = last_cell(d, DASH_EXPECTED), *mem = last_cell(d, DASH_MEMBERS);
	const TotalCell *rep = &d->months.total.cells[DASH_REPORTED];
	char sub[160];
	html(b, "<section aria-labelledby=\"h-clubs\"><h2 id=\"h-clubs\">");
	html_txt(b, tr(r, "Câu lạc bộ, thành viên và báo cáo", "Clubs, members and reports"));
	html(b, "</h2><div class=\"figures\">");
	snprintf(sub, sizeof sub, "%s %s", tr(r, "tháng", "month"), month_text(r, d->latest));
	figure(b, "fig-clubs", tr(r, "CLB phải báo cáo", "Clubs expected to report"),
	       count(r, clubs ? clubs->value : 0), sub);
	if (d->club_id)
		link(b, tr(r, "Trang của CLB", "The club's page"), club_path(r, d, ""), NULL);
	else
		link(b, tr(r, "Danh sách CLB", "The clubs"), "/clubs", (const char *const[]){"unit", unit, NULL});
	html(b, "</div>");
	figure(b, "fig-members", tr(r, "Thành viên (theo báo cáo)", "Members (as reported)"),
	       count(r, mem && mem->has ? mem->value : 0), sub);
	link(b, tr(r, "Bảng tổng hợp", "The totals table"), "/reports/overview",
	     (const char *const[]){"unit", unit, "period", d->latest, "geography", geo_word(d->geo), NULL});
	html(b, "</div>");
	snprintf(sub, sizeof sub, "%s %s/%d", tr(r, "tháng 01 –", "months 01 –"), d->to + 5, d->year);
	figure(b, "fig-reported", tr(r, "Tỷ lệ báo cáo trong năm", "Reporting rate of the year"),
	       pct(r, rep->num, rep->den), sub);
	link(b, tr(r, "Bảng tỷ lệ báo cáo", "The reporting-rate table"), "/reports/rate",
	     (const char *const[]){"unit", unit, "from", d->from, "to", d->to, "geography", geo_word(d->geo), NULL});
	html(b, "</div></div>");

	/* The year by month: members, and the reporting rate. */
	size_t n = d->months.nrows;
	ChartPoint *pm = arena_alloc(&r->arena, (n ? n : 1) * sizeof *pm);
	ChartPoint *pr = arena_alloc(&r->arena, (n ? n : 1) * sizeof *pr);
	Buf dm, dr;
	buf_init(&dm, 0);
	buf_init(&dr, 0);
	for (size_t i = 0; i < n; i++) {
		const TotalRow *row = &d->months.rows[i];
		const TotalCell *m = &row->cells[DASH_MEMBERS], *x = &row->cells[DASH_REPORTED];
		/* "03/26" under the bars (twelve fit side by side); the tables say "03/2026". */
		char shortm[8];
		snprintf(shortm, sizeof shortm, "%.2s/%.2s", row->period + 5, row->period + 2);
		const char *sm = arena_strdup(&r->arena, shortm);
		pm[i] = (ChartPoint){sm, m->has, (double)m->value, count(r, m->value)};
		pr[i] = (ChartPoint){sm, x->den > 0, x->den ? 100.0 * (double)x->num / (double)x->den : 0,
				     pct(r, x->num, x->den)};
		const char *full = month_text(r, row->period);
		buf_printf(&dm, "%s%s: %s", i ? "; " : "", full, m->has ? pm[i].text : "—");
		buf_printf(&dr, "%s%s: %s", i ? "; " : "", full, pr[i].text);
	}
	char title[200];
	snprintf(title, sizeof title, "%s, %d", tr(r, "Thành viên theo tháng", "Members by month"), d->year);
	Chart cm = {.id = "ch-members", .title = title, .desc = buf_str(&dm), .points = pm, .n = n, .format = fmt_count,
		    .empty_text = "—"};
	html(b, "<div class=\"charts\"><div><figure class=\"chart\">");
	chart_bars_svg(b, &cm);
	html(b, "<figcaption>");
	html_txt(b, title);
	html(b, "</figcaption></figure>");
	details_begin(r, b, title, tr(r, "Tháng", "Month"), tr(r, "Thành viên", "Members"));
	for (size_t i = 0; i < n; i++)
		details_row(b, tr(r, "Tháng", "Month"), tr(r, "Thành viên", "Members"), month_text(r, d->months.rows[i].period),
			    pm[i].has ? pm[i].text : "—");
	details_end(b);
	html(b, "</div>");
	char title2[200];
	snprintf(title2, sizeof title2, "%s, %d", tr(r, "Tỷ lệ CLB đã báo cáo theo tháng", "Share of clubs reporting by month"),
		 d->year);
	Chart cr = {.id = "ch-reported", .title = title2, .desc = buf_str(&dr), .points = pr, .n = n,
		    .format = fmt_percent, .empty_text = "—"}; /* the scale's top is 100%: no target line over the values */
	html(b, "<div><figure class=\"chart\">");
	chart_bars_svg(b, &cr);
	html(b, "<figcaption>");
	html_txt(b, title2);
	html(b, "</figcaption></figure>");
	details_begin(r, b, title2, tr(r, "Tháng", "Month"), tr(r, "Tỷ lệ đã báo cáo", "Share reporting"));
	for (size_t i = 0; i < n; i++)
		details_row(b, tr(r, "Tháng", "Month"), tr(r, "Tỷ lệ đã báo cáo", "Share reporting"),
			    month_text(r, d->months.rows[i].period), pr[i].text);
	details_end(b);
	html(b, "</div></div></section>");
	buf_free(&dm);
	buf_free(&dr);
}

static void section_children(Req *r, Buf *b, const Dashboard *d)
{
	if (!d->has_children || !d->children.nrows)
		return;
	const TotalAnswer *a = &d->children;
	int communes = strcmp(d->unit_level, "commune") == 0;
	const char *what = communes ? tr(r, "CLB", "Club")
				    : strcmp(d->unit_level, "country") == 0 ? tr(r, "Tỉnh, thành phố", "Province")
									      : tr(r, "Đơn vị trực thuộc", "Sub-unit");
	char title[240];
	snprintf(title, sizeof title, "%s %s, %s %s", tr(r, "Thành viên theo", "Members by"),
		 communes ? tr(r, "CLB", "club") : strcmp(d->unit_level, "country") == 0 ? tr(r, "tỉnh, thành phố", "province")
											    : tr(r, "đơn vị trực thuộc", "sub-unit"),
		 tr(r, "tháng", "month"), month_text(r, d->latest));
	/* The chart holds the sub-units with a club (a province has a hundred communes, most
	 * without one); the table holds them all. */
	ChartPoint *p = arena_alloc(&r->arena, a->nrows * sizeof *p);
	ChartPoint *shown = arena_alloc(&r->arena, a->nrows * sizeof *shown);
	size_t nshown = 0;
	Buf desc;
	buf_init(&desc, 0);
	for (size_t i = 0; i < a->nrows; i++) {
		const TotalCell *m = &a->rows[i].cells[DASH_MEMBERS];
		const char *name = a->rows[i].name[0] ? a->rows[i].name : level_words(r, a->rows[i].level);
		p[i] = (ChartPoint){name, m->has, (double)m->value, count(r, m->value)};
		if (a->rows[i].cells[DASH_EXPECTED].value > 0 || (m->has && m->value > 0)) {
			shown[nshown++] = p[i];
			buf_printf(&desc, "%s%s: %s", nshown > 1 ? "; " : "", name, m->has ? p[i].text : "—");
		}
	}
	if (!nshown)
		buf_puts(&desc, tr(r, "Chưa có CLB nào báo cáo.", "No club has reported yet."));
	html(b, "<section aria-labelledby=\"h-children\"><h2 id=\"h-children\">");
	html_txt(b, title);
	html(b, "</h2><figure class=\"chart\">");
	Chart c = {.id = "ch-children", .title = title, .desc = buf_str(&desc), .points = shown, .n = nshown,
		   .format = fmt_count, .empty_text = "—"};
	chart_hbars_svg(b, &c);
	html(b, "</figure>");
	/* The data table: members, clubs, reporting, borrowing for each sub-unit. */
	html(b, "<details class=\"data\"><summary>");
	html_txt(b, tr(r, "Xem bảng số liệu", "Show the data table"));
	html(b, "</summary>");
	page_table_begin(b, title);
	page_th(b, what);
	const char *h[] = {tr(r, "CLB phải báo cáo", "Clubs expected"), tr(r, "Thành viên", "Members"),
			   tr(r, "Tỷ lệ đã báo cáo", "Share reporting"), tr(r, "Tỷ lệ vay vốn", "Share borrowing")};
	for (size_t k = 0; k < 4; k++) {
		html(b, "<th scope=\"col\" class=\"num\">");
		html_txt(b, h[k]);
		html(b, "</th>");
	}
	html(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < a->nrows; i++) {
		const TotalRow *row = &a->rows[i];
		html(b, "<tr>");
		page_td(b, what, NULL);
		if (row->code[0] && strcmp(row->level, "club") != 0)
			link(b, p[i].label, "/dashboard",
			     (const char *const[]){"unit", row->code, "year", year_text(r, d->year), "geography",
						   geo_word(d->geo), NULL});
		else
			html_txt(b, p[i].label);
		html(b, "</td>");
		page_cell(b, h[0], "num", count(r, row->cells[DASH_EXPECTED].value));
		page_cell(b, h[1], "num", row->cells[DASH_MEMBERS].has ? count(r, row->cells[DASH_MEMBERS].value) : "—");
		page_cell(b, h[2], "num", pct(r, row->cells[DASH_REPORTED].num, row->cells[DASH_REPORTED].den));
		page_cell(b, h[3], "num", pct(r, row->cells[DASH_BORROW].num, row->cells[DASH_BORROW].den));
		html(b, "</tr>");
	}
	html(b, "</tbody></table></div></details></section>");
	buf_free(&desc);
}

static void section_progress(Req *r, Buf *b, const Dashboard *d)
{
	if (!d->has_programme)
		return;
	char id[24], title[300];
	snprintf(id, sizeof id, "%lld", (long long)d->programme.id);
	snprintf(title, sizeof title, "%s: %s, %s %d", tr(r, "Tiến độ so với chỉ tiêu", "Progress against the targets"),
		 d->programme.name, tr(r, "năm", "year"), d->year);
	html(b, "<section aria-labelledby=\"h-progress\"><h2 id=\"h-progress\">");
	html_txt(b, title);
	html(b, "</h2>");
	ChartPoint p[M_COUNT];
	size_t n = 0;
	Buf desc;
	buf_init(&desc, 0);
	for (int m = 0; m < M_COUNT; m++) {
		const Progress *x = &d->progress[m];
		if (!x->has_target || x->state != ACTUAL_OK)
			continue;
		const MeasureInfo *mi = &programme_measures[m];
		p[n] = (ChartPoint){tr(r, mi->vi, mi->en), 1, x->permille_of_target / 10.0,
				    permille_text(r, x->permille_of_target)};
		buf_printf(&desc, "%s%s: %s", n ? "; " : "", p[n].label, p[n].text);
		n++;
	}
	if (n) {
		html(b, "<figure class=\"chart\">");
		Chart c = {.id = "ch-progress", .title = title, .desc = buf_str(&desc), .points = p, .n = n,
			   .format = fmt_percent, .has_target = 1, .target = 100,
			   .target_text = tr(r, "100% chỉ tiêu", "100% of the target"), .empty_text = "—"};
		chart_hbars_svg(b, &c);
		html(b, "<figcaption>");
		html_txt(b, tr(r, "Số thực hiện so với chỉ tiêu (%); đường nét đứt: đạt chỉ tiêu.",
			       "Actual as a share of the target; the dashed line: target reached."));
		html(b, "</figcaption></figure>");
	}
	buf_free(&desc);
	/* The table (always shown: it holds the measures without a target too). */
	page_table_begin(b, tr(r, "Chỉ tiêu và số thực hiện", "Targets and actual figures"));
	const char *h[] = {tr(r, "Chỉ tiêu", "Measure"), tr(r, "Chỉ tiêu đặt ra", "Target"), tr(r, "Thực hiện", "Actual"),
			   tr(r, "So với chỉ tiêu", "Of the target")};
	page_th(b, h[0]);
	for (int k = 1; k < 4; k++) {
		html(b, "<th scope=\"col\" class=\"num\">");
		html_txt(b, h[k]);
		html(b, "</th>");
	}
	html(b, "</tr></thead><tbody>");
	for (int m = 0; m < M_COUNT; m++) {
		const Progress *x = &d->progress[m];
		const MeasureInfo *mi = &programme_measures[m];
		if (mi->national_only && strcmp(d->unit_level, "country") != 0)
			continue;
		html(b, "<tr>");
		page_cell(b, h[0], NULL, tr(r, mi->vi, mi->en));
		page_cell(b, h[1], "num",
			  !x->has_target ? "—" : mi->is_share ? permille_text(r, x->target.value) : count(r, x->target.value));
		page_cell(b, h[2], "num",
			  x->state == ACTUAL_NOT_ASSESSED ? tr(r, "chưa đánh giá", "not assessed")
			  : x->state == ACTUAL_NO_DATA    ? tr(r, "chưa có số liệu", "no data")
			  : mi->is_share                  ? permille_text(r, x->actual)
							  : count(r, x->actual));
		page_cell(b, h[3], "num",
			  x->has_target && x->state == ACTUAL_OK ? permille_text(r, x->permille_of_target) : "—");
		html(b, "</tr>");
	}
	html(b, "</tbody></table></div><p>");
	char path[48];
	snprintf(path, sizeof path, "/programmes/%s", id);
	link(b, tr(r, "Chỉ tiêu và tiến độ của chương trình", "The programme's targets and progress"), path,
	     (const char *const[]){"year", year_text(r, d->year), NULL});
	html(b, "</p></section>");
}

static void section_composition(Req *r, Buf *b, const Dashboard *d, const char *unit)
{
	html(b, "<section aria-labelledby=\"h-comp\"><h2 id=\"h-comp\">");
	html_txt(b, tr(r, "Thành phần so với mô hình CLB", "Composition against the club model"));
	html(b, "</h2>");
	page_table_begin(b, d->comp_from_reports ? tr(r, "Thành phần thành viên (báo cáo tháng)", "Members' composition (the monthly reports)")
						 : tr(r, "Thành phần thành viên (sổ thành viên)", "Members' composition (the member book)"));
	const char *h[] = {tr(r, "Tiêu chí", "Check"), tr(r, "Số liệu", "Figure"), tr(r, "Mô hình", "Model"),
			   tr(r, "Đánh giá", "Result")};
	page_th(b, h[0]);
	for (int k = 1; k < 4; k++) {
		html(b, "<th scope=\"col\" class=\"num\">");
		html_txt(b, h[k]);
		html(b, "</th>");
	}
	html(b, "</tr></thead><tbody>");
	for (int k = 0; k < MODEL_CHECKS; k++) {
		const ModelCheck *c = &d->checks[k];
		char range[96];
		char lo[VI_NUM_BUFSZ], hi[VI_NUM_BUFSZ];
		if (c->is_share) {
			vi_format_decimal(c->low, 1, lo);
			vi_format_decimal(c->high, 1, hi);
		} else {
			vi_format_int(c->low, lo);
			vi_format_int(c->high, hi);
		}
		if (c->high == c->low)
			snprintf(range, sizeof range, "%s%s", lo, c->is_share ? "%" : "");
		else if (c->high < 0)
			snprintf(range, sizeof range, "≥ %s%s", lo, c->is_share ? "%" : "");
		else
			snprintf(range, sizeof range, "%s – %s%s", lo, hi, c->is_share ? "%" : "");
		int known = d->checks_known[k];
		html(b, "<tr>");
		page_cell(b, h[0], NULL, tr(r, c->what_vi, c->what_en));
		page_cell(b, h[1], "num",
			  !known ? tr(r, "không có trong báo cáo", "not in the reports")
			  : c->is_share ? permille_text(r, c->value) : count(r, c->value));
		page_cell(b, h[2], "num", range);
		page_cell(b, h[3], c->off ? "num off" : "num",
			  d->comp.members == 0 || !known ? "—" : c->off ? tr(r, "✗ chưa đạt", "✗ off the model")
									: tr(r, "✓ đạt", "✓ within the model"));
		html(b, "</tr>");
	}
	html(b, "</tbody></table></div><p class=\"note\">");
	if (d->comp_from_reports)
		html_trf(r, b, "Theo báo cáo tháng %s của %s CLB (số thành viên trong báo cáo lấy từ sổ thành viên khi lưu báo cáo). ",
			 "From the reports of %s of %s clubs (the member counts of a report come from the member book when it is saved). ",
			 month_text(r, d->latest), count(r, d->comp.clubs));
	html_trf(r, b, "%s CLB, %s thành viên; với nhiều CLB, số thành viên và tình nguyện viên so theo bình quân một CLB.",
		 "%s clubs, %s members; for several clubs, members and volunteers are compared per club on average.",
		 count(r, d->comp.clubs), count(r, d->comp.members));
	html(b, "</p><p>");
	if (d->club_id)
		link(b, tr(r, "Thành phần của CLB", "The club's composition"), club_path(r, d, ""), NULL);
	else
		link(b, tr(r, "Bảng thành phần theo đơn vị", "The composition table"), "/composition",
		     (const char *const[]){"unit", unit, NULL});
	html(b, "</p></section>");
}

static void section_funds(Req *r, Buf *b, const Dashboard *d, const char *unit)
{
	const FundFigures *f = &d->funds;
	char money[VI_NUM_BUFSZ], sub[200];
	html(b, "<section aria-labelledby=\"h-funds\"><h2 id=\"h-funds\">");
	html_txt(b, tr(r, "Hai quỹ và vay vốn (sổ quỹ hôm nay)", "The two funds and loans (the books today)"));
	html(b, "</h2><div class=\"figures\">");
	const char *funds_path = "/funds";
	if (d->club_id) {
		if (scope_sees_people(&r->actor))
			funds_path = club_path(r, d, "/funds");
	} else if (unit[0]) {
		Buf p;
		buf_init(&p, 0);
		buf_puts(&p, "/units/");
		html_urlenc(&p, unit);
		buf_puts(&p, "/funds");
		funds_path = arena_strdup(&r->arena, buf_str(&p));
		buf_free(&p);
	}
	snprintf(sub, sizeof sub, "%s / %s %s", count(r, f->clubs_both), count(r, f->clubs_books),
		 tr(r, "CLB giữ sổ trên hệ thống", "clubs keeping their books here"));
	figure(b, "fig-both", tr(r, "CLB có đủ hai quỹ", "Clubs holding both funds"), pct(r, f->clubs_both, f->clubs_books),
	       sub);
	link(b, tr(r, "Số liệu quỹ theo đơn vị", "Fund figures by unit"), funds_path, NULL);
	html(b, "</div>");
	snprintf(sub, sizeof sub, "%s / %s %s", count(r, f->borrowers), count(r, f->members_books),
		 tr(r, "thành viên; mục tiêu ≥ 50%", "members; target ≥ 50%"));
	figure(b, "fig-borrow", tr(r, "Thành viên đang vay vốn", "Members borrowing"), pct(r, f->borrowers, f->members_books),
	       sub);
	link(b, tr(r, "Số liệu quỹ theo đơn vị", "Fund figures by unit"), funds_path, NULL);
	html(b, "</div>");
	snprintf(sub, sizeof sub, "%s %s đ", tr(r, "dư nợ", "outstanding"), vi_format_int(f->outstanding, money));
	figure(b, "fig-par30", tr(r, "Nợ quá hạn trên 30 ngày (PAR30)", "Portfolio at risk over 30 days (PAR30)"),
	       pct(r, f->par30, f->outstanding), sub);
	link(b, tr(r, "Số liệu quỹ theo đơn vị", "Fund figures by unit"), funds_path, NULL);
	html(b, "</div>");
	snprintf(sub, sizeof sub, "%s", tr(r, "quỹ tăng thu nhập (tiền mặt và dư nợ) và quỹ hoạt động",
					   "income fund (cash and loans) and activity fund"));
	figure(b, "fig-fundsum", tr(r, "Tổng hai quỹ (đồng)", "Both funds (đồng)"),
	       count(r, f->income_cash + f->outstanding + f->activity_cash), sub);
	link(b, tr(r, "Số liệu quỹ theo đơn vị", "Fund figures by unit"), funds_path, NULL);
	html(b, "</div></div></section>");
}

static void section_work(Req *r, Buf *b, const Dashboard *d)
{
	char sub[400];
	const char *year = year_text(r, d->year);
	html(b, "<section aria-labelledby=\"h-work\"><h2 id=\"h-work\">");
	html_txt(b, tr(r, "Tập huấn, giám sát, kế hoạch và kinh phí", "Trainings, supervision, plans and budgets"));
	html(b, "</h2><div class=\"figures\">");
	snprintf(sub, sizeof sub, "%s %s %s %s %d", count(r, d->trainings.trainees), tr(r, "học viên;", "trainees;"),
		 count(r, d->trainings.provinces), tr(r, "tỉnh/thành phố; năm", "provinces; year"), d->year);
	figure(b, "fig-trainings", tr(r, "Lớp tập huấn", "Training courses"), count(r, d->trainings.courses), sub);
	link(b, tr(r, "Danh sách lớp tập huấn", "The training courses"), "/trainings", (const char *const[]){"year", year, NULL});
	html(b, "</div>");
	figure(b, "fig-overdue", tr(r, "Kiến nghị giám sát quá hạn", "Supervision follow-ups overdue"), count(r, d->overdue),
	       tr(r, "chưa thực hiện, đã quá hạn (hôm nay)", "not done and past due (today)"));
	link(b, tr(r, "Danh sách kiến nghị quá hạn", "The overdue follow-ups"), "/followups/overdue", NULL);
	html(b, "</div>");
	if (d->has_plans) {
		char pid[24];
		snprintf(pid, sizeof pid, "%lld", (long long)d->programme.id);
		snprintf(sub, sizeof sub, "%s %s", d->programme.name, tr(r, "(đến hết năm)", "(by the end of the year)"));
		char v[64];
		snprintf(v, sizeof v, "%s/%s", count(r, d->plans.issued), count(r, d->plans.provinces));
		figure(b, "fig-plans", tr(r, "Tỉnh đã ban hành kế hoạch", "Provinces with an issued plan"), v, sub);
		link(b, tr(r, "Kế hoạch các tỉnh", "The province plans"), "/plans",
		     (const char *const[]){"programme", pid, "year", year, NULL});
		html(b, "</div>");
		char money[VI_NUM_BUFSZ];
		snprintf(sub, sizeof sub, "%s %s", count(r, d->plans.budget_provinces),
			 tr(r, "tỉnh/thành phố có kinh phí được phê duyệt", "provinces with an approved budget"));
		figure(b, "fig-budget", tr(r, "Kinh phí được phê duyệt (đồng)", "Budgets approved (đồng)"),
		       vi_format_int(d->plans.budget_total, money), sub);
		link(b, tr(r, "Kế hoạch các tỉnh", "The province plans"), "/plans",
		     (const char *const[]){"programme", pid, "year", year, NULL});
		html(b, "</div>");
	}
	html(b, "</div><p class=\"note\">");
	html_txt(b, tr(r, "Tập huấn và kiến nghị giám sát tính trong phạm vi của tài khoản.",
		       "Trainings and follow-ups are counted over your account's scope."));
	html(b, "</p></section>");
}

/* The map of the provinces, shaded by ?map= (the country only). Figures in today's units: the
 * page's own by-child answer when its geography is today's, else one more query. */
static int section_map(Req *r, Buf *b, const Dashboard *d, const char *map_code)
{
	if (strcmp(d->unit_level, "country") != 0)
		return 0;
	TotalColumn col;
	int kind = total_column(r->db, map_code, &col);
	if (kind < 0)
		return -1;
	if (kind == 0) {
		map_code = "MEM_TOTAL";
		if (total_column(r->db, map_code, &col) < 0)
			return -1;
	}
	const TotalAnswer *a = NULL;
	TotalAnswer own;
	int k = -1;
	for (int i = 0; i < DASH_NCODES; i++)
		if (strcmp(dash_codes[i], map_code) == 0)
			k = i;
	int mine = 0;
	if (d->geo == TOTAL_TODAY && k >= 0 && d->has_children) {
		a = &d->children;
	} else {
		const char *codes[1] = {map_code};
		TotalQuery q = {.unit = "", .from = d->latest, .to = d->latest, .codes = codes, .ncodes = 1, .by_child = 1,
				.step = TOTAL_MONTH, .geo = TOTAL_TODAY, .cls = TOTAL_SUBMITTED};
		Err e = {0};
		if (total_query(r->db, &r->actor, &q, &own, &e) != 0)
			return e.code == E_INTERNAL ? -1 : 0;
		a = &own;
		mine = 1;
		k = 0;
	}
	int rate = kind == 2;
	MapValue *v = arena_alloc(&r->arena, (a->nrows ? a->nrows : 1) * sizeof *v);
	Buf desc;
	buf_init(&desc, 0);
	for (size_t i = 0; i < a->nrows; i++) {
		const TotalCell *c = &a->rows[i].cells[k];
		v[i].code = arena_strdup(&r->arena, a->rows[i].code);
		v[i].has = rate ? c->den > 0 : c->has;
		v[i].value = rate ? (c->den ? 100.0 * (double)c->num / (double)c->den : 0) : (double)c->value;
		v[i].text = rate ? pct(r, c->num, c->den) : count(r, c->value);
		buf_printf(&desc, "%s%s: %s", i ? "; " : "", a->rows[i].name, v[i].has ? v[i].text : "—");
	}
	const char *label = tr(r, col.label_vi, col.label_en);
	char title[400], note[400];
	snprintf(title, sizeof title, "%s, %s %s", label, tr(r, "tháng", "month"), month_text(r, d->latest));
	if (strcmp(d->latest, "2025-07") < 0)
		snprintf(note, sizeof note, "%s",
			 tr(r, "Số liệu trước 01/7/2025 được quy đổi theo 34 tỉnh, thành phố hiện nay.",
			    "Figures before 01/07/2025 are restated to today's 34 provinces."));
	else
		snprintf(note, sizeof note, "%s", tr(r, "34 tỉnh, thành phố hiện nay.", "Today's 34 provinces."));
	html(b, "<section aria-labelledby=\"h-map\"><h2 id=\"h-map\">");
	html_txt(b, tr(r, "Bản đồ các tỉnh, thành phố", "Map of the provinces"));
	html(b, "</h2><form method=\"get\" action=\"/dashboard\" class=\"filters\"><input type=\"hidden\" name=\"year\" value=\"");
	html_int(b, d->year);
	html(b, "\"><input type=\"hidden\" name=\"geography\" value=\"");
	html_attr(b, geo_word(d->geo));
	html(b, "\">");
	Form f = {.r = r, .b = b, .prefix = "map-"};
	html(b, "<div class=\"row\">");
	form_select(&f, "map", tr(r, "Tô màu theo", "Shade by"), map_choices, NCHOICES(map_choices), map_code, 0);
	html(b, "</div>");
	form_button(b, NULL, tr(r, "Vẽ lại bản đồ", "Redraw the map"));
	html(b, "</form><figure class=\"map\">");
	MapSpec m = {.id = "map", .title = title, .desc = buf_str(&desc), .note = note,
		     .no_data = tr(r, "Không có số liệu", "No figure"), .values = v, .n = a->nrows,
		     .format = rate ? fmt_percent : fmt_count};
	int ok = map_provinces_svg(b, &m);
	html(b, "<figcaption>");
	html_txt(b, note);
	html_txt(b, tr(r, " Bản đồ thể hiện quần đảo Hoàng Sa (thành phố Đà Nẵng) và quần đảo Trường Sa (tỉnh Khánh Hòa).",
		       " The map shows the Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa) archipelagos."));
	html(b, "</figcaption></figure>");
	details_begin(r, b, title, tr(r, "Tỉnh, thành phố", "Province"), label);
	for (size_t i = 0; i < a->nrows; i++)
		details_row(b, tr(r, "Tỉnh, thành phố", "Province"), label, a->rows[i].name, v[i].has ? v[i].text : "—");
	details_end(b);
	html(b, "</section>");
	buf_free(&desc);
	if (mine)
		total_free(&own);
	return ok;
}

/* The part of the page below the filters, rendered from d: the scope line and every section. -1
 * when the map could not be drawn. */
static int render_figures(Req *r, Buf *b, const Dashboard *d, const char *unit, const char *map_code)
{
	const char *u = unit[0] ? unit : r->actor.scope;
	html(b, "<p class=\"note\">");
	html_trf(r, b, "%s: %s. Số liệu báo cáo tháng 01 – %s/%d (báo cáo đã gửi). %s",
		 "%s: %s. Monthly reports 01 – %s/%d (submitted). %s", level_words(r, d->unit_level),
		 d->unit_name[0] ? d->unit_name : level_words(r, d->unit_level), d->to + 5, d->year,
		 tr(r, d->months.geo_note_vi, d->months.geo_note_en));
	html(b, "</p>");
	if (u[0] && strcmp(u, r->actor.scope) != 0) {
		html(b, "<p>");
		link(b, tr(r, "← Về phạm vi của tôi", "← Back to my scope"), "/dashboard",
		     (const char *const[]){"year", year_text(r, d->year), "geography", geo_word(d->geo), NULL});
		html(b, "</p>");
	}
	section_clubs(r, b, d, u);
	section_progress(r, b, d);
	section_composition(r, b, d, u);
	section_funds(r, b, d, u);
	section_work(r, b, d);
	section_children(r, b, d);
	return section_map(r, b, d, map_code) < 0 ? -1 : 0;
}

/* What a dashboard page shows besides the filters is kept between requests while the data is the
 * same (core/memo.h): rendering a province's 100 communes costs more than counting them. The key
 * holds everything it depends on: who asks (role, scope, language), today, and the question. The
 * kept text is "YEAR\tTITLE\0FIGURES". */
typedef struct Kept {
	char *blob;
	size_t n;
	int year;
	const char *title, *figures;
	size_t figures_n;
} Kept;

static int kept_read(Kept *k)
{
	char *tab = memchr(k->blob, '\t', k->n), *nul = memchr(k->blob, '\0', k->n), *end;
	if (!tab || !nul || nul < tab)
		return 0;
	long year = strtol(k->blob, &end, 10);
	if (end != tab || year < 2000 || year > 9999)
		return 0;
	k->year = (int)year;
	k->title = tab + 1;
	k->figures = nul + 1;
	k->figures_n = k->n - (size_t)(nul + 1 - k->blob);
	return 1;
}

HandlerResult web_dashboard(Req *r)
{
	const char *unit;
	int year;
	TotalGeo geo;
	Err e = {0};
	Dashboard d;
	memset(&d, 0, sizeof d);
	int have = 0;
	const char *map_code = req_query(r, "map");
	if (!map_code || !*map_code)
		map_code = "MEM_TOTAL";
	MemoVersion version = memo_version(r->db);
	char key[MEMO_KEY_MAX] = "", today[11];
	unit_today(today);
	Kept k = {0};
	Buf figures;
	buf_init(&figures, 0);
	char title[300];
	snprintf(title, sizeof title, "%s", tr(r, "Bảng điều khiển", "Dashboard"));
	if (read_query(r, &unit, &year, &geo, &e) == 0) {
		snprintf(key, sizeof key, "web_dashboard|%d|%s|%s|%s|%s|%d|%d|%s", (int)r->actor.role, r->actor.scope,
			 r->actor.lang, today, unit, year, (int)geo, map_code);
		if ((k.blob = memo_get_copy(key, &version, &k.n)) && kept_read(&k)) {
			have = 1;
			snprintf(title, sizeof title, "%s", k.title);
			year = k.year;
		} else if (dashboard_get(r->db, &r->actor, unit, year, geo, &d, &e) == 0) {
			have = 1;
			snprintf(title, sizeof title, "%s: %s", tr(r, "Bảng điều khiển", "Dashboard"),
				 d.unit_name[0] ? d.unit_name : level_words(r, d.unit_level));
			year = d.year;
			if (render_figures(r, &figures, &d, unit, map_code) < 0) {
				buf_free(&figures);
				dashboard_free(&d);
				free(k.blob);
				return H_FATAL;
			}
			Buf blob;
			buf_init(&blob, 0);
			buf_printf(&blob, "%d\t%s", year, title);
			buf_append(&blob, "", 1);
			buf_append(&blob, buf_str(&figures), figures.len);
			memo_put(key, &version, buf_str(&blob), blob.len);
			buf_free(&blob);
		} else if (e.code == E_INTERNAL) {
			buf_free(&figures);
			free(k.blob);
			return dashboard_free(&d), H_FATAL;
		}
	}
	dashboard_free(&d);

	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, title);

	html(&b, "<form method=\"get\" action=\"/dashboard\" class=\"filters\">");
	Form f = {.r = r, .b = &b, .e = e.code ? &e : NULL};
	form_error(r, &b, f.e);
	html(&b, "<div class=\"row\">");
	char ybuf[8];
	snprintf(ybuf, sizeof ybuf, "%d", year);
	const char *ytyped = req_query(r, "year");
	form_input(&f, "year", tr(r, "Năm", "Year"), "text", e.code && ytyped ? ytyped : ybuf,
		   "inputmode=\"numeric\" maxlength=\"4\" size=\"6\"", NULL);
	form_select(&f, "geography", tr(r, "Địa giới", "Geography"), geo_choices, NCHOICES(geo_choices),
		    geo_word(geo), 0);
	if (unit[0])
		form_input(&f, "unit", tr(r, "Mã đơn vị", "Unit code"), "text", unit, "maxlength=\"16\" size=\"10\"", NULL);
	html(&b, "</div>");
	form_button(&b, "primary", tr(r, "Xem", "Show"));
	html(&b, "</form>");

	if (have)
		buf_append(&b, k.figures ? k.figures : buf_str(&figures), k.figures ? k.figures_n : figures.len);
	free(k.blob);
	buf_free(&figures);
	page_end(r, &b);
	return resp_html(r, have ? 200 : e.code == E_NOT_FOUND ? 404 : 422, &b);
}
