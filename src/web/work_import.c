/* The imports of training courses and of monitoring / support visits (core/work_import.c): the
 * words of the upload form, the preview's rows, and the two templates with the headings the import
 * reads (Vietnamese; the English ones are accepted too) and a sheet saying how to fill each column.
 * web/import.c runs the upload, preview, problems file and commit as for every kind. */
#include <stdio.h>
#include <string.h>

#include "core/import.h"
#include "core/scope.h"
#include "core/work.h"
#include "lib/html.h"
#include "lib/vi.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/workui.h"

void web_work_import_help(Req *r, Buf *b, int kind)
{
	if (kind == IMPORT_TRAININGS)
		html_txt(b, tr(r, "Mỗi dòng là một lớp tập huấn: Mã đơn vị tổ chức (mã tỉnh, huyện hoặc xã), Chủ đề, Địa điểm, "
				  "Ngày bắt đầu, Ngày kết thúc (để trống nếu học một ngày), Số cán bộ Hội NCT, Số thành viên Ban chủ "
				  "nhiệm, Số tình nguyện viên, Ghi chú; cấp trung ương ghi thêm Cấp tổ chức (Trung ương, Tỉnh, Huyện, "
				  "Xã). Ngày ghi dạng ngày/tháng/năm. Danh sách học viên không nhập từ tệp: ghi trên trang của từng lớp.",
			       "Each row is one training course: Mã đơn vị tổ chức (the organiser's province, district or commune "
			       "code), Chủ đề (topic), Địa điểm (place), Ngày bắt đầu, Ngày kết thúc (start and end dates; the end "
			       "may be left empty for one day), Số cán bộ Hội NCT, Số thành viên Ban chủ nhiệm, Số tình nguyện viên "
			       "(trainees by kind), Ghi chú (note); the central level may add Cấp tổ chức (level). Dates as "
			       "dd/mm/yyyy. The list of participants is not imported: add it on each course's page."));
	else
		html_txt(b, tr(r, "Mỗi dòng là một chuyến giám sát hoặc hỗ trợ kỹ thuật: Ngày, Loại (Giám sát hoặc Hỗ trợ kỹ "
				  "thuật), Đoàn, Mã đơn vị được đến (hoặc Mã CLB), Nhận xét chung, rồi mỗi mục kiểm tra một cột ghi "
				  "Đạt, Đạt một phần, Chưa đạt hoặc để trống nếu không đánh giá; và nếu có, một kiến nghị: Kiến nghị, "
				  "Đơn vị thực hiện (mã đơn vị; chỉ cấp trung ương được để trống), Hạn thực hiện.",
			       "Each row is one monitoring or technical-support visit: Ngày (date), Loại (Giám sát or Hỗ trợ kỹ "
			       "thuật), Đoàn (team), Mã đơn vị (the unit visited) or Mã CLB (the club), Nhận xét chung (summary), "
			       "then one column per checklist item holding Đạt, Đạt một phần, Chưa đạt, or empty when not "
			       "assessed; and optionally one recommendation: Kiến nghị, Đơn vị thực hiện (the owner's unit code; "
			       "only the central level may leave it empty), Hạn thực hiện (due date)."));
}

static const char *row_check(Req *r, const ImportItem *it)
{
	return it->status == IMPORT_ROW_BAD	   ? tr(r, "Có lỗi", "Has problems")
	       : it->status == IMPORT_ROW_EXISTING ? tr(r, "Đã có, bỏ qua", "Already there, skipped")
						   : tr(r, "Sẽ lưu", "Will be saved");
}

static void row_number(Req *r, Buf *b, const ImportItem *it)
{
	html(b, "<tr>");
	page_td(b, tr(r, "Dòng", "Row"), "nowrap");
	html_int(b, (int64_t)it->row);
	html(b, "</td>");
}

/* "05/03/2026" or "05/03/2026 – 07/03/2026" */
static const char *dates_shown(const char *from, const char *to, char out[40])
{
	char a[VI_DATE_BUFSZ] = "", z[VI_DATE_BUFSZ] = "";
	if (!from[0] || !vi_format_date(from, a))
		return "";
	if (to[0] && strcmp(to, from) != 0 && vi_format_date(to, z))
		snprintf(out, 40, "%s – %s", a, z);
	else
		snprintf(out, 40, "%s", a);
	return out;
}

void web_work_import_rows(Req *r, Buf *b, const ImportResult *res, size_t max)
{
	page_th(b, tr(r, "Dòng", "Row"));
	if (res->kind == IMPORT_TRAININGS) {
		page_th(b, tr(r, "Đơn vị tổ chức", "Organiser"));
		page_th(b, tr(r, "Chủ đề", "Topic"));
		page_th(b, tr(r, "Ngày", "Dates"));
		page_th(b, tr(r, "Người học", "Trainees"));
	} else {
		page_th(b, tr(r, "Ngày", "Date"));
		page_th(b, tr(r, "Loại", "Kind"));
		page_th(b, tr(r, "Nơi đến", "Visited"));
		page_th(b, tr(r, "Kiến nghị", "Recommendation"));
	}
	page_th(b, tr(r, "Kết quả kiểm tra", "Check"));
	html(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < res->nitems && i < max; i++) {
		const ImportItem *it = &res->items[i];
		char d[40] = "", n[VI_NUM_BUFSZ];
		row_number(r, b, it);
		if (res->kind == IMPORT_TRAININGS) {
			const Training *t = it->status == IMPORT_ROW_BAD ? NULL : it->training;
			page_cell(b, tr(r, "Đơn vị tổ chức", "Organiser"), NULL, t ? t->unit_name : "");
			page_cell(b, tr(r, "Chủ đề", "Topic"), NULL, t ? t->topic : "");
			page_cell(b, tr(r, "Ngày", "Dates"), "nowrap", t ? dates_shown(t->start_date, t->end_date, d) : "");
			page_cell(b, tr(r, "Người học", "Trainees"), "num",
				  t ? vi_format_int(t->officers + t->board_members + t->volunteers, n) : "");
		} else {
			const ImportVisit *v = it->status == IMPORT_ROW_BAD ? NULL : it->visit;
			page_cell(b, tr(r, "Ngày", "Date"), "nowrap", v ? dates_shown(v->visit.visit_date, "", d) : "");
			page_cell(b, tr(r, "Loại", "Kind"), NULL, v ? visit_kind_label(v->visit.kind, r->lang) : "");
			page_td(b, tr(r, "Nơi đến", "Visited"), NULL);
			if (v && v->visit.club_id) {
				html_txt(b, v->visit.club_name);
				html(b, " (");
				html_txt(b, v->visit.club_code);
				html(b, ")");
			} else if (v) {
				html_txt(b, v->visit.unit_name);
			}
			html(b, "</td>");
			page_td(b, tr(r, "Kiến nghị", "Recommendation"), NULL);
			if (v && v->recommendation[0]) {
				char due[VI_DATE_BUFSZ] = "";
				vi_format_date(v->due_date, due);
				html_txt(b, v->recommendation);
				html(b, " — ");
				html_txt(b, v->owner_name[0] ? v->owner_name : tr(r, "Trung ương", "Central level"));
				html(b, ", ");
				html_txt(b, tr(r, "hạn", "due"));
				html(b, " ");
				html_txt(b, due);
			}
			html(b, "</td>");
		}
		page_cell(b, tr(r, "Kết quả kiểm tra", "Check"), NULL, row_check(r, it));
		html(b, "</tr>");
	}
	html(b, "</tbody></table></div>");
}

/* ---- the templates ---- */

typedef struct Guide {
	const char *const (*rows)[3]; /* column, Vietnamese, English */
	size_t n;
} Guide;

/* The first sheet stays empty under its headings; a second sheet says how to fill each column. */
static int guide_fill(Req *r, Xlsx *x, void *arg)
{
	const Guide *g = arg;
	XlsxColumn cols[] = {{tr(r, "Cột", "Column"), 32, XLSX_TEXT}, {tr(r, "Cách ghi", "How to fill it"), 100, XLSX_TEXT}};
	if (xlsx_sheet(x, tr(r, "Hướng dẫn", "Guide"), tr(r, "Cách ghi từng cột", "How to fill each column"), NULL, cols, 2) != 0)
		return -1;
	for (size_t i = 0; i < g->n; i++) {
		xlsx_text(x, g->rows[i][0]);
		xlsx_text(x, tr(r, g->rows[i][1], g->rows[i][2]));
		xlsx_row_end(x);
	}
	return 0;
}

static const char *const level_guide[3] = {
	"Cấp tổ chức", "Chỉ cấp trung ương ghi: Trung ương, Tỉnh, Huyện hoặc Xã; để trống là Trung ương.",
	"Only the central level fills it: Trung ương, Tỉnh, Huyện or Xã (central, province, district, commune); empty "
	"means central."};

/* GET /imports/trainings-template.xlsx */
HandlerResult web_import_trainings_template(Req *r)
{
	if (!work_may_write(&r->actor))
		return resp_error(r, E_FORBIDDEN, NULL, NULL);
	int national = scope_is_national(&r->actor);
	XlsxColumn cols[12];
	int n = 0;
	cols[n++] = (XlsxColumn){"STT", 6, XLSX_NUMBER};
	if (national)
		cols[n++] = (XlsxColumn){"Cấp tổ chức", 14, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Mã đơn vị tổ chức", 14, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Chủ đề", 40, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Địa điểm", 24, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Ngày bắt đầu", 14, XLSX_DATE};
	cols[n++] = (XlsxColumn){"Ngày kết thúc", 14, XLSX_DATE};
	cols[n++] = (XlsxColumn){"Số cán bộ Hội NCT", 14, XLSX_NUMBER};
	cols[n++] = (XlsxColumn){"Số thành viên Ban chủ nhiệm", 16, XLSX_NUMBER};
	cols[n++] = (XlsxColumn){"Số tình nguyện viên", 14, XLSX_NUMBER};
	cols[n++] = (XlsxColumn){"Ghi chú", 30, XLSX_TEXT};
	static const char *const rows[][3] = {
		{"Cấp tổ chức", "", ""},
		{"Mã đơn vị tổ chức", "Mã của tỉnh, huyện hoặc xã tổ chức lớp (ví dụ 38 là Thanh Hóa), trong phạm vi của bạn. Bắt buộc.",
		 "The code of the province, district or commune organising the course (e.g. 38 for Thanh Hóa), within your scope. "
		 "Required."},
		{"Chủ đề", "Nội dung của lớp. Bắt buộc.", "What the course was about. Required."},
		{"Địa điểm", "Nơi tổ chức.", "Where it was held."},
		{"Ngày bắt đầu", "Ngày/tháng/năm, ví dụ 05/03/2026. Bắt buộc.", "dd/mm/yyyy, e.g. 05/03/2026. Required."},
		{"Ngày kết thúc", "Không trước ngày bắt đầu; để trống nếu học một ngày.",
		 "Not before the start date; empty for a one-day course."},
		{"Số cán bộ Hội NCT, Số thành viên Ban chủ nhiệm, Số tình nguyện viên",
		 "Số người học theo từng loại (số nguyên, ít nhất một người).",
		 "Trainees by kind (whole numbers; at least one trainee)."},
		{"Ghi chú", "Không bắt buộc. Danh sách học viên ghi trên trang của lớp, không nhập từ tệp.",
		 "Optional. The list of participants is added on the course's page, not imported."},
		{"", "Tên cột tiếng Anh cũng được nhận: organiser, topic, place, start date, end date, officers, board members, "
		     "volunteers, note.",
		 "English headings are accepted too: organiser, topic, place, start date, end date, officers, board members, "
		 "volunteers, note."},
	};
	const char *guide_rows[sizeof rows / sizeof *rows][3];
	size_t g = 0;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		if (i == 0) {
			if (!national)
				continue;
			memcpy(guide_rows[g++], level_guide, sizeof level_guide);
			continue;
		}
		memcpy(guide_rows[g++], rows[i], sizeof rows[i]);
	}
	Guide gd = {(const char *const(*)[3])guide_rows, g};
	return workui_send_xlsx(r, "mau-nhap-tap-huan.xlsx", tr(r, "Tập huấn", "Trainings"),
				tr(r, "Các lớp tập huấn — mẫu nhập", "Training courses — import template"),
				tr(r, "Mỗi dòng một lớp. Xem cách ghi ở trang Hướng dẫn.",
				   "One row per course. See the Guide sheet for each column."),
				cols, n, guide_fill, &gd);
}

/* GET /imports/visits-template.xlsx */
HandlerResult web_import_visits_template(Req *r)
{
	if (!work_may_write(&r->actor))
		return resp_error(r, E_FORBIDDEN, NULL, NULL);
	int national = scope_is_national(&r->actor);
	XlsxColumn cols[XLSX_MAX_COLS];
	int n = 0;
	cols[n++] = (XlsxColumn){"STT", 6, XLSX_NUMBER};
	if (national)
		cols[n++] = (XlsxColumn){"Cấp tổ chức", 14, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Ngày", 12, XLSX_DATE};
	cols[n++] = (XlsxColumn){"Loại", 16, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Đoàn", 30, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Mã đơn vị", 10, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Mã CLB", 12, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Nhận xét chung", 40, XLSX_TEXT};
	for (size_t i = 0; i < visit_item_count && n < XLSX_MAX_COLS - 3; i++)
		cols[n++] = (XlsxColumn){visit_items[i].vi, 16, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Kiến nghị", 40, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Đơn vị thực hiện", 12, XLSX_TEXT};
	cols[n++] = (XlsxColumn){"Hạn thực hiện", 12, XLSX_DATE};
	static const char *const rows[][3] = {
		{"Cấp tổ chức", "", ""},
		{"Ngày", "Ngày/tháng/năm, ví dụ 05/03/2026. Bắt buộc.", "dd/mm/yyyy, e.g. 05/03/2026. Required."},
		{"Loại", "Giám sát hoặc Hỗ trợ kỹ thuật. Bắt buộc.", "Giám sát (monitoring) or Hỗ trợ kỹ thuật (technical support). Required."},
		{"Đoàn", "Thành phần đoàn. Bắt buộc.", "Who made the visit. Required."},
		{"Mã đơn vị, Mã CLB", "Nơi đến: mã xã (hoặc huyện, tỉnh) hoặc mã CLB (ví dụ 15961-01), trong phạm vi của bạn.",
		 "The place visited: a commune (or district, province) code, or a club code (e.g. 15961-01), within your scope."},
		{"Nhận xét chung", "Không bắt buộc.", "Optional."},
		{"Các mục kiểm tra", "Mỗi mục một cột: Đạt, Đạt một phần, Chưa đạt, hoặc để trống nếu không đánh giá.",
		 "One column per checklist item: Đạt (met), Đạt một phần (partly met), Chưa đạt (not met), or empty when not "
		 "assessed."},
		{"Kiến nghị, Đơn vị thực hiện, Hạn thực hiện",
		 "Một kiến nghị mỗi dòng, không bắt buộc: nội dung, mã đơn vị thực hiện (chỉ cấp trung ương được để trống, là "
		 "trung ương thực hiện) và hạn (ngày/tháng/năm). Các kiến nghị khác ghi trên trang của chuyến.",
		 "One recommendation per row, optional: its text, the owner's unit code (only the central level may leave it "
		 "empty, for itself) and the due date (dd/mm/yyyy). Further ones are added on the visit's page."},
		{"", "Tên cột tiếng Anh cũng được nhận: date, kind, team, unit, club, summary, recommendation, owner, due date; "
		     "các mục kiểm tra theo tên tiếng Anh hoặc mã.",
		 "English headings are accepted too: date, kind, team, unit, club, summary, recommendation, owner, due date; the "
		 "checklist items by their English label or code."},
	};
	const char *guide_rows[sizeof rows / sizeof *rows][3];
	size_t g = 0;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		if (i == 0) {
			if (!national)
				continue;
			memcpy(guide_rows[g++], level_guide, sizeof level_guide);
			continue;
		}
		memcpy(guide_rows[g++], rows[i], sizeof rows[i]);
	}
	Guide gd = {(const char *const(*)[3])guide_rows, g};
	return workui_send_xlsx(r, "mau-nhap-giam-sat.xlsx", tr(r, "Giám sát", "Visits"),
				tr(r, "Giám sát, hỗ trợ kỹ thuật — mẫu nhập", "Monitoring and support visits — import template"),
				tr(r, "Mỗi dòng một chuyến. Xem cách ghi ở trang Hướng dẫn.",
				   "One row per visit. See the Guide sheet for each column."),
				cols, n, guide_fill, &gd);
}
