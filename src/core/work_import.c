/* Training courses and monitoring / support visits from .xlsx and .csv (import kinds "trainings"
 * and "visits"), through the import framework of core/import.c: columns found by their headings
 * (Vietnamese, or English), every row checked by the very checks of the forms (training_check,
 * visit_check and the rules of a recommendation) before anything is written, each problem named
 * by its row and column, and all rows or none in one transaction, each row audited.
 *
 * Trainings, one row per course: "Mã đơn vị tổ chức" (the organiser's unit code; required),
 * "Chủ đề", "Địa điểm", "Ngày bắt đầu", "Ngày kết thúc" (empty: one day), "Số cán bộ Hội NCT",
 * "Số thành viên Ban chủ nhiệm", "Số tình nguyện viên", "Ghi chú", and for national roles an
 * optional "Cấp tổ chức" (trung ương, tỉnh, huyện, xã). The list of participants is not imported:
 * it is added on the course's page.
 *
 * Visits, one row per visit: "Ngày", "Loại" (giám sát / hỗ trợ kỹ thuật), "Đoàn", "Mã đơn vị" (the
 * unit visited) or "Mã CLB" (the club visited), "Nhận xét chung", one column per checklist item
 * headed by its label (or code) holding Đạt / Đạt một phần / Chưa đạt / empty (not assessed), and
 * optionally one recommendation: "Kiến nghị", "Đơn vị thực hiện" (a unit code; empty = the central
 * level, national roles only), "Hạn thực hiện".
 *
 * Scope: the organiser's, visited or owner unit must lie in the importer's scope (work_unit_for),
 * so a province imports only its own province's courses and visits. A course (same unit, start
 * date and topic) or a visit (same kind, date, unit, club and team) already stored is "already
 * there" and skipped, so a file imported twice writes nothing new; the same one twice in a file is
 * an error of its second row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/import.h"
#include "core/import_int.h"
#include "core/scope.h"
#include "core/work.h"
#include "core/work_int.h"
#include "lib/table.h"
#include "lib/vi.h"

int work_import_allowed(const Actor *by)
{
	return work_may_write(by);
}

/* ---- headings ---- */

typedef struct WHead {
	int field;
	const char *key;       /* folded heading (parentheses dropped) */
	int prefix;            /* also a heading that starts with it */
} WHead;

enum TField {
	T_STT, T_LEVEL, T_UNIT, T_TOPIC, T_PLACE, T_START, T_END, T_OFFICERS, T_BOARD, T_VOLUNTEERS, T_NOTE, T_COUNT
};

static const char *const tfield_key[T_COUNT] = {
	[T_STT] = "number", [T_LEVEL] = "level", [T_UNIT] = "unit", [T_TOPIC] = "topic", [T_PLACE] = "place",
	[T_START] = "start_date", [T_END] = "end_date", [T_OFFICERS] = "officers", [T_BOARD] = "board_members",
	[T_VOLUNTEERS] = "volunteers", [T_NOTE] = "note",
};

static const WHead theads[] = {
	{T_STT, "stt", 0}, {T_STT, "tt", 0}, {T_STT, "so tt", 0},
	{T_LEVEL, "cap", 0}, {T_LEVEL, "cap to chuc", 1}, {T_LEVEL, "level", 0},
	{T_UNIT, "ma don vi to chuc", 1}, {T_UNIT, "ma don vi", 1}, {T_UNIT, "don vi to chuc", 1}, {T_UNIT, "ma", 0},
	{T_UNIT, "organiser", 0}, {T_UNIT, "organiser code", 0}, {T_UNIT, "organiser unit", 0}, {T_UNIT, "unit", 0},
	{T_UNIT, "unit code", 0},
	{T_TOPIC, "chu de", 1}, {T_TOPIC, "noi dung", 1}, {T_TOPIC, "ten lop", 1}, {T_TOPIC, "ten lop tap huan", 1},
	{T_TOPIC, "topic", 0},
	{T_PLACE, "dia diem", 1}, {T_PLACE, "noi to chuc", 1}, {T_PLACE, "place", 0}, {T_PLACE, "venue", 0},
	{T_START, "ngay bat dau", 1}, {T_START, "tu ngay", 1}, {T_START, "start date", 0}, {T_START, "start", 0},
	{T_START, "from", 0},
	{T_END, "ngay ket thuc", 1}, {T_END, "den ngay", 1}, {T_END, "end date", 0}, {T_END, "end", 0}, {T_END, "to", 0},
	{T_OFFICERS, "so can bo hoi nct", 1}, {T_OFFICERS, "can bo hoi nct", 1}, {T_OFFICERS, "can bo", 0},
	{T_OFFICERS, "officers", 0}, {T_OFFICERS, "association officers", 0},
	{T_BOARD, "so thanh vien ban chu nhiem", 1}, {T_BOARD, "thanh vien ban chu nhiem", 1},
	{T_BOARD, "ban chu nhiem", 1}, {T_BOARD, "board members", 0}, {T_BOARD, "club board members", 0},
	{T_VOLUNTEERS, "so tinh nguyen vien", 1}, {T_VOLUNTEERS, "tinh nguyen vien", 1}, {T_VOLUNTEERS, "volunteers", 0},
	{T_NOTE, "ghi chu", 1}, {T_NOTE, "note", 0}, {T_NOTE, "notes", 0},
	{-1, NULL, 0},
};

/* Visits: fixed fields, then one per checklist item (V_ITEM + i). */
enum VField {
	V_STT, V_LEVEL, V_DATE, V_KIND, V_TEAM, V_UNIT, V_CLUB, V_SUMMARY, V_REC, V_OWNER, V_DUE, V_ITEM, V_COUNT = V_ITEM + 16
};

static const char *const vfield_key[V_ITEM] = {
	[V_STT] = "number", [V_LEVEL] = "level", [V_DATE] = "visit_date", [V_KIND] = "kind", [V_TEAM] = "team",
	[V_UNIT] = "unit", [V_CLUB] = "club", [V_SUMMARY] = "summary", [V_REC] = "recommendation", [V_OWNER] = "owner",
	[V_DUE] = "due_date",
};

static const WHead vheads[] = {
	{V_STT, "stt", 0}, {V_STT, "tt", 0}, {V_STT, "so tt", 0},
	{V_LEVEL, "cap", 0}, {V_LEVEL, "cap to chuc", 1}, {V_LEVEL, "level", 0},
	{V_DATE, "ngay", 0}, {V_DATE, "ngay giam sat", 1}, {V_DATE, "ngay ho tro", 1}, {V_DATE, "ngay lam viec", 1},
	{V_DATE, "ngay tham", 1}, {V_DATE, "date", 0}, {V_DATE, "visit date", 0},
	{V_KIND, "loai", 0}, {V_KIND, "loai doan", 1}, {V_KIND, "hinh thuc", 1}, {V_KIND, "kind", 0}, {V_KIND, "type", 0},
	{V_TEAM, "doan", 0}, {V_TEAM, "doan cong tac", 1}, {V_TEAM, "thanh phan doan", 1}, {V_TEAM, "team", 0},
	{V_UNIT, "ma don vi", 0}, {V_UNIT, "ma don vi duoc", 1}, {V_UNIT, "don vi duoc giam sat", 1}, {V_UNIT, "ma xa", 0},
	{V_UNIT, "unit", 0}, {V_UNIT, "unit code", 0}, {V_UNIT, "unit visited", 0},
	{V_CLUB, "ma clb", 1}, {V_CLUB, "clb", 0}, {V_CLUB, "club", 0}, {V_CLUB, "club code", 0},
	{V_CLUB, "club visited", 0},
	{V_SUMMARY, "nhan xet chung", 1}, {V_SUMMARY, "nhan xet", 0}, {V_SUMMARY, "ket qua chung", 1},
	{V_SUMMARY, "summary", 0}, {V_SUMMARY, "findings", 0},
	{V_REC, "kien nghi", 1}, {V_REC, "de xuat", 1}, {V_REC, "recommendation", 0},
	{V_OWNER, "don vi thuc hien", 1}, {V_OWNER, "ma don vi thuc hien", 1}, {V_OWNER, "don vi chiu trach nhiem", 1},
	{V_OWNER, "owner", 0}, {V_OWNER, "owner unit", 0}, {V_OWNER, "owner code", 0},
	{V_DUE, "han", 0}, {V_DUE, "han thuc hien", 1}, {V_DUE, "han hoan thanh", 1}, {V_DUE, "due", 0},
	{V_DUE, "due date", 0},
	{-1, NULL, 0},
};

static int key_starts(const char *h, const char *key)
{
	size_t n = strlen(key);
	return strncmp(h, key, n) == 0 && h[n] == ' ';
}

/* The field a heading names, or -1: exact first (the checklist's labels and codes too, for
 * visits), then the longest prefix. */
static int field_of(const WHead *heads, int items, const char *text)
{
	if (!text || !*text)
		return -1;
	char *h = import_x_heading_key(text, 0), *hp = import_x_heading_key(text, 1);
	int found = -1;
	if (h && hp) {
		for (const WHead *x = heads; x->key && found < 0; x++)
			if (strcmp(h, x->key) == 0 || strcmp(hp, x->key) == 0)
				found = x->field;
		for (size_t i = 0; items && found < 0 && i < visit_item_count && i < 16; i++) {
			const char *names[] = {visit_items[i].vi, visit_items[i].en, visit_items[i].code};
			for (int k = 0; k < 3 && found < 0; k++) {
				char *key = import_x_heading_key(names[k], 1);
				if (key && (strcmp(hp, key) == 0 || strcmp(h, key) == 0))
					found = V_ITEM + (int)i;
				free(key);
			}
		}
		size_t best = 0;
		int pre = -1;
		for (const WHead *x = heads; x->key && found < 0; x++) {
			size_t n = strlen(x->key);
			if (x->prefix && n > best && (key_starts(h, x->key) || key_starts(hp, x->key))) {
				pre = x->field;
				best = n;
			}
		}
		if (found < 0)
			found = pre;
	}
	free(h);
	free(hp);
	return found;
}

/* What a kind of file needs, for the heading row and its messages. */
typedef struct WKind {
	const WHead *heads;
	int items;                 /* visits: the checklist columns too */
	int nfields;
	int need_a, need_b, need_c; /* need_a, and need_b or need_c (-1 none) */
	const char *missing_vi, *missing_en;
} WKind;

typedef struct WCheck {
	Db *db;
	const Actor *by;
	ImportResult *res;
	const WKind *k;
	size_t col[V_COUNT];
	char *heading[V_COUNT];
} WCheck;

static const char *field_key(const WCheck *x, int f)
{
	if (x->k->items)
		return f < V_ITEM ? vfield_key[f] : (size_t)(f - V_ITEM) < visit_item_count ? visit_items[f - V_ITEM].code : "";
	return tfield_key[f];
}

/* Finds the heading row: the first with the needed fields and one more. 0, or -1 (a problem of
 * the whole file was recorded). */
static int map_columns(WCheck *x, size_t *data_from)
{
	ImportResult *res = x->res;
	const WKind *k = x->k;
	for (size_t i = 0; i < res->nraw && i < IMPORT_HEADING_SCAN; i++) {
		const ImportRawRow *rr = &res->raw[i];
		int fields[V_COUNT] = {0}, n = 0;
		for (size_t c = 0; c < rr->ncells; c++) {
			if (rr->cells[c].kind != TABLE_TEXT)
				continue;
			int f = field_of(k->heads, k->items, rr->cells[c].text);
			if (f >= 0 && !fields[f]) {
				fields[f] = 1;
				n++;
			}
		}
		if (!fields[k->need_a] || !(fields[k->need_b] || (k->need_c >= 0 && fields[k->need_c])) || n < 3)
			continue;
		res->header_row = rr->row;
		res->header_rows = 1;
		for (size_t c = 0; c < rr->ncells; c++) {
			const char *text = rr->cells[c].text;
			if (!text[0])
				continue;
			int f = rr->cells[c].kind == TABLE_TEXT ? field_of(k->heads, k->items, text) : -1;
			if (f >= 0 && !x->col[f]) {
				x->col[f] = c + 1;
				x->heading[f] = strdup(text);
				import_x_add_column(&res->columns, &res->ncolumns, c + 1, field_key(x, f), text);
			} else {
				import_x_add_column(&res->ignored, &res->nignored, c + 1, NULL, text);
			}
		}
		*data_from = i + 1;
		if (*data_from < res->nraw && import_x_is_numbering_row(&res->raw[*data_from])) {
			import_x_skip_row(res, res->raw[*data_from].row);
			(*data_from)++;
		}
		return 0;
	}
	import_x_problem(res, 0, 0, 0, NULL, NULL, "%s%.0s", "%.0s%s", k->missing_vi, k->missing_en);
	return -1;
}

static void row_error(WCheck *x, ImportItem *it, int field, const char *vi, const char *en)
{
	size_t col = field >= 0 ? x->col[field] : 0;
	import_x_problem(x->res, 0, it->row, col, field >= 0 ? field_key(x, field) : NULL,
			 field >= 0 ? x->heading[field] : NULL, "%s%.0s", "%.0s%s", vi, en);
	it->status = IMPORT_ROW_BAD;
}

/* An error of a core check (training_check, visit_check, the recommendation's) on the column of
 * its field; a unit not found or out of scope names the code. */
static void check_error(WCheck *x, ImportItem *it, const Err *pe, const char *value)
{
	int f = -1;
	int n = x->k->nfields;
	for (int i = 0; pe->field && i < n; i++)
		if (strcmp(field_key(x, i), pe->field) == 0)
			f = i;
	char vi[400], en[400], shown[64];
	const char *v = value && *value ? import_x_shown(value, shown) : "";
	if (pe->code == E_NOT_FOUND && *v) {
		snprintf(vi, sizeof vi, "Không có %s mang mã “%s”.", f == x->k->need_c && x->k->items ? "CLB" : "đơn vị", v);
		snprintf(en, sizeof en, "There is no %s with the code “%s”.", f == x->k->need_c && x->k->items ? "club" : "unit", v);
	} else if (pe->code == E_OUT_OF_SCOPE && *v) {
		snprintf(vi, sizeof vi, "“%s” nằm ngoài phạm vi của bạn: bạn chỉ nhập được cho các đơn vị trong phạm vi của mình.", v);
		snprintf(en, sizeof en, "“%s” lies outside your scope: you can import only for the units in your scope.", v);
	} else {
		snprintf(vi, sizeof vi, "%s%s%s", err_message(pe->code, "vi"), pe->detail[0] ? " " : "", pe->detail);
		snprintf(en, sizeof en, "%s%s%s", err_message(pe->code, "en"), pe->detail[0] ? " " : "", pe->detail);
	}
	row_error(x, it, f, vi, en);
}

static const char *cell(const ImportRawRow *rr, size_t col, char **own)
{
	*own = NULL;
	if (!col || col > rr->ncells)
		return NULL;
	int bad = 0;
	*own = import_x_cell_value(rr, col, &bad);
	return *own ? *own : "";
}

/* "Trung ương" / "tỉnh" / "central"... as a level code; NULL empty, "" unknown. */
static const char *level_of(const char *v)
{
	if (!v || !*v)
		return NULL;
	char *f = import_x_heading_key(v, 1);
	const char *out = "";
	if (f) {
		static const char *const map[][2] = {
			{"trung uong", "central"}, {"central", "central"}, {"tinh", "province"}, {"cap tinh", "province"},
			{"province", "province"}, {"huyen", "district"}, {"cap huyen", "district"}, {"district", "district"},
			{"xa", "commune"}, {"cap xa", "commune"}, {"commune", "commune"}, {"cap trung uong", "central"},
		};
		for (size_t i = 0; i < sizeof map / sizeof *map; i++)
			if (strcmp(f, map[i][0]) == 0)
				out = map[i][1];
	}
	free(f);
	return out;
}

static int is_blank(const char *v)
{
	return !v || !*v;
}

/* ---- trainings ---- */

/* The id of a course stored with the same unit, start date and topic, 0 none, -1. */
static int64_t training_same(Db *db, const Training *t)
{
	Stmt *st = db_stmt(db, "training_import_same",
			   "SELECT id FROM trainings WHERE unit_id = $1 AND start_date = $2 AND topic = $3 ORDER BY id LIMIT 1");
	if (!st)
		return -1;
	db_bind_int(st, 1, t->unit_id);
	db_bind_text(st, 2, t->start_date);
	db_bind_text(st, 3, t->topic);
	DbStatus s = db_step(st);
	int64_t id = s == DB_ROW ? db_col_int(st, 0) : s == DB_DONE ? 0 : -1;
	db_reset(st);
	return id;
}

static const WKind training_kind = {
	theads, 0, T_COUNT, T_UNIT, T_START, T_TOPIC,
	"Không tìm thấy dòng tiêu đề của bảng: cần các cột “Mã đơn vị tổ chức”, “Ngày bắt đầu”, “Chủ đề” và số người "
	"học (Số cán bộ Hội NCT, Số thành viên Ban chủ nhiệm, Số tình nguyện viên), ở một trong 30 dòng đầu. Hãy dùng "
	"tệp mẫu.",
	"No heading row was found: the table needs the columns “Mã đơn vị tổ chức” (organiser unit code), “Ngày bắt "
	"đầu” (start date), “Chủ đề” (topic) and the trainees (officers, board members, volunteers) within its first 30 "
	"rows. Use the template.",
};

int training_import_check(Db *db, const Actor *by, ImportResult *res, Err *e)
{
	WCheck x = {.db = db, .by = by, .res = res, .k = &training_kind};
	size_t from = 0;
	if (map_columns(&x, &from) != 0)
		goto done;
	for (size_t i = from; i < res->nraw; i++) {
		const ImportRawRow *rr = &res->raw[i];
		char *own[T_COUNT] = {0};
		const char *v[T_COUNT] = {0};
		for (int f = 0; f < T_COUNT; f++)
			v[f] = x.col[f] ? cell(rr, x.col[f], &own[f]) : NULL;
		int data = !is_blank(v[T_UNIT]) || !is_blank(v[T_TOPIC]) || !is_blank(v[T_START]);
		if (data && is_blank(v[T_UNIT]) && is_blank(v[T_START]) && import_x_looks_like_footer(v[T_TOPIC], 1))
			data = 0;
		if (!data) {
			import_x_skip_row(res, rr->row);
			for (int f = 0; f < T_COUNT; f++)
				free(own[f]);
			continue;
		}
		ImportItem *it = import_x_new_item(res, rr->row);
		Training *t = it ? calloc(1, sizeof *t) : NULL;
		if (!t) {
			for (int f = 0; f < T_COUNT; f++)
				free(own[f]);
			goto nomem;
		}
		it->training = t;
		const char *level = level_of(v[T_LEVEL]);
		if (level && !*level)
			row_error(&x, it, T_LEVEL, "Cấp tổ chức: ghi Trung ương, Tỉnh, Huyện hoặc Xã.",
				  "Level: write Trung ương, Tỉnh, Huyện or Xã (central, province, district, commune).");
		{
			/* Checked even after a bad level, so the row's other problems show too. */
			TrainingInput in = {.level = level && *level ? level : NULL, .unit_code = v[T_UNIT], .topic = v[T_TOPIC], .place = v[T_PLACE],
					    .start_date = v[T_START], .end_date = v[T_END], .officers = v[T_OFFICERS],
					    .board_members = v[T_BOARD], .volunteers = v[T_VOLUNTEERS], .note = v[T_NOTE],
					    .source = "import"};
			Err pe = {0};
			if (training_check(db, by, &in, t, &pe) != 0) {
				if (pe.code == E_INTERNAL) {
					for (int f = 0; f < T_COUNT; f++)
						free(own[f]);
					goto store;
				}
				check_error(&x, it, &pe, pe.field && strcmp(pe.field, "unit") == 0 ? v[T_UNIT] : NULL);
			}
		}
		if (it->status != IMPORT_ROW_BAD) {
			for (size_t k = 0; k + 1 < res->nitems; k++) {
				const Training *o = res->items[k].training;
				if (o && res->items[k].status != IMPORT_ROW_BAD && o->unit_id == t->unit_id &&
				    strcmp(o->start_date, t->start_date) == 0 && strcmp(o->topic, t->topic) == 0) {
					char vi[160], en[160];
					snprintf(vi, sizeof vi, "Khóa học này (cùng đơn vị, ngày bắt đầu và chủ đề) đã có ở dòng %zu.",
						 res->items[k].row);
					snprintf(en, sizeof en, "This course (same unit, start date and topic) is already on row %zu.",
						 res->items[k].row);
					row_error(&x, it, T_TOPIC, vi, en);
					break;
				}
			}
		}
		if (it->status != IMPORT_ROW_BAD) {
			int64_t same = training_same(db, t);
			if (same < 0) {
				for (int f = 0; f < T_COUNT; f++)
					free(own[f]);
				goto store;
			}
			if (same) {
				it->status = IMPORT_ROW_EXISTING;
				it->existing_id = same;
			}
		}
		for (int f = 0; f < T_COUNT; f++)
			free(own[f]);
	}
done:
	for (int f = 0; f < V_COUNT; f++)
		free(x.heading[f]);
	return 0;
nomem:
store:
	for (int f = 0; f < V_COUNT; f++)
		free(x.heading[f]);
	return err_set(e, E_INTERNAL, NULL);
}

/* ---- visits ---- */

/* The id of a visit stored with the same kind, date, unit, club and team, 0 none, -1. */
static int64_t visit_same(Db *db, const Visit *v)
{
	Stmt *st = db_stmt(db, "visit_import_same",
			   "SELECT id FROM visits WHERE kind = $1 AND visit_date = $2 AND unit_id = $3 AND "
			   "COALESCE(club_id, 0) = $4 AND team = $5 ORDER BY id LIMIT 1");
	if (!st)
		return -1;
	db_bind_text(st, 1, v->kind);
	db_bind_text(st, 2, v->visit_date);
	db_bind_int(st, 3, v->unit_id);
	db_bind_int(st, 4, v->club_id);
	db_bind_text(st, 5, v->team);
	DbStatus s = db_step(st);
	int64_t id = s == DB_ROW ? db_col_int(st, 0) : s == DB_DONE ? 0 : -1;
	db_reset(st);
	return id;
}

/* "Giám sát" / "Hỗ trợ kỹ thuật" / "monitoring"...: the kind code; NULL empty, "" unknown. */
static const char *kind_of(const char *v)
{
	if (!v || !*v)
		return NULL;
	char *f = import_x_heading_key(v, 1);
	const char *out = "";
	if (f) {
		static const char *const map[][2] = {
			{"giam sat", "monitoring"}, {"monitoring", "monitoring"}, {"monitoring visit", "monitoring"},
			{"ho tro", "support"}, {"ho tro ky thuat", "support"}, {"support", "support"},
			{"technical support", "support"},
		};
		for (size_t i = 0; i < sizeof map / sizeof *map; i++)
			if (strcmp(f, map[i][0]) == 0)
				out = map[i][1];
	}
	free(f);
	return out;
}

/* A checklist cell: "Đạt", "Đạt một phần", "Chưa đạt", x, yes, no, empty...: the result code
 * (NULL when empty: not assessed), or "" when not understood. */
static const char *result_of(const char *v)
{
	if (!v || !*v)
		return NULL;
	char *f = import_x_heading_key(v, 1);
	const char *out = "";
	if (f) {
		static const char *const map[][2] = {
			{"dat", "yes"}, {"yes", "yes"}, {"met", "yes"}, {"co", "yes"}, {"x", "yes"}, {"v", "yes"}, {"1", "yes"},
			{"dat mot phan", "partly"}, {"mot phan", "partly"}, {"partly", "partly"}, {"partly met", "partly"},
			{"partial", "partly"}, {"chua dat", "no"}, {"khong dat", "no"}, {"no", "no"}, {"not met", "no"},
			{"khong", "no"}, {"0", "no"}, {"khong danh gia", "na"}, {"na", "na"}, {"n a", "na"},
			{"not assessed", "na"},
		};
		for (size_t i = 0; i < sizeof map / sizeof *map; i++)
			if (strcmp(f, map[i][0]) == 0)
				out = map[i][1];
		if (!*out && !f[0])
			out = NULL; /* "-", "/": nothing written */
	}
	free(f);
	return out;
}

static const WKind visit_kind = {
	vheads, 1, V_ITEM + 16, V_DATE, V_UNIT, V_CLUB,
	"Không tìm thấy dòng tiêu đề của bảng: cần các cột “Ngày”, “Loại”, “Đoàn”, “Mã đơn vị” hoặc “Mã CLB” và các mục "
	"kiểm tra, ở một trong 30 dòng đầu. Hãy dùng tệp mẫu.",
	"No heading row was found: the table needs the columns “Ngày” (date), “Loại” (kind), “Đoàn” (team), “Mã đơn vị” "
	"(unit code) or “Mã CLB” (club code) and the checklist items within its first 30 rows. Use the template.",
};

/* The recommendation of a row, by the rules of followup_add: text, due date, owner (a unit in
 * scope; empty = the central level, national roles only). 0, or -1 with e. */
static int recommendation_check(Db *db, const Actor *by, const char *text, const char *owner, const char *due,
				ImportVisit *iv, Err *e)
{
	if (work_text_to(text, iv->recommendation, sizeof iv->recommendation, 1, 1, "recommendation", e) != 0 ||
	    work_date(due, 1, "due_date", iv->due_date, e) != 0)
		return -1;
	if (owner && *owner) {
		Unit u;
		if (work_unit_for(db, by, owner, NULL, "owner", &u, e) != 0)
			return -1;
		work_copy(iv->owner_code, sizeof iv->owner_code, u.code);
		work_copy(iv->owner_name, sizeof iv->owner_name, u.name);
	} else if (!scope_is_national(by)) {
		return err_set(e, E_REQUIRED, "owner");
	}
	return 0;
}

int visit_import_check(Db *db, const Actor *by, ImportResult *res, Err *e)
{
	WCheck x = {.db = db, .by = by, .res = res, .k = &visit_kind};
	size_t from = 0;
	if (map_columns(&x, &from) != 0)
		goto done;
	for (size_t i = from; i < res->nraw; i++) {
		const ImportRawRow *rr = &res->raw[i];
		char *own[V_COUNT] = {0};
		const char *v[V_COUNT] = {0};
		for (int f = 0; f < V_COUNT; f++)
			v[f] = x.col[f] ? cell(rr, x.col[f], &own[f]) : NULL;
		int data = !is_blank(v[V_DATE]) || !is_blank(v[V_UNIT]) || !is_blank(v[V_CLUB]) || !is_blank(v[V_TEAM]);
		if (data && is_blank(v[V_DATE]) && is_blank(v[V_UNIT]) && is_blank(v[V_CLUB]) &&
		    import_x_looks_like_footer(v[V_TEAM], 1))
			data = 0;
		if (!data) {
			import_x_skip_row(res, rr->row);
			for (int f = 0; f < V_COUNT; f++)
				free(own[f]);
			continue;
		}
		ImportItem *it = import_x_new_item(res, rr->row);
		ImportVisit *iv = it ? calloc(1, sizeof *iv) : NULL;
		if (!iv) {
			for (int f = 0; f < V_COUNT; f++)
				free(own[f]);
			goto store;
		}
		it->visit = iv;
		const char *level = level_of(v[V_LEVEL]), *kind = kind_of(v[V_KIND]);
		VisitInput in = {.kind = kind, .level = level, .visit_date = v[V_DATE], .team = v[V_TEAM],
				 .unit_code = v[V_UNIT], .club = v[V_CLUB], .summary = v[V_SUMMARY], .source = "import"};
		if (level && !*level)
			row_error(&x, it, V_LEVEL, "Cấp tổ chức: ghi Trung ương, Tỉnh, Huyện hoặc Xã.",
				  "Level: write Trung ương, Tỉnh, Huyện or Xã (central, province, district, commune).");
		if (kind && !*kind)
			row_error(&x, it, V_KIND, "Loại: ghi Giám sát hoặc Hỗ trợ kỹ thuật.",
				  "Kind: write Giám sát (monitoring) or Hỗ trợ kỹ thuật (technical support).");
		for (size_t k = 0; k < visit_item_count && k < 16; k++) {
			const char *r = result_of(v[V_ITEM + (int)k]);
			if (r && !*r)
				row_error(&x, it, V_ITEM + (int)k, "Ghi Đạt, Đạt một phần, Chưa đạt, hoặc để trống nếu không đánh giá.",
					  "Write Đạt (met), Đạt một phần (partly met), Chưa đạt (not met), or leave it empty when "
					  "not assessed.");
			in.results[k] = r && *r ? r : NULL;
		}
		/* Checked even after a bad kind or finding, so the row's other problems show too. */
		if (kind && !*kind)
			in.kind = "monitoring";
		if (level && !*level)
			in.level = NULL;
		{
			Err pe = {0};
			if (visit_check(db, by, &in, &iv->visit, &pe) != 0) {
				if (pe.code == E_INTERNAL) {
					for (int f = 0; f < V_COUNT; f++)
						free(own[f]);
					goto store;
				}
				const char *val = !pe.field ? NULL : strcmp(pe.field, "club") == 0 ? v[V_CLUB]
								 : strcmp(pe.field, "unit") == 0 ? v[V_UNIT] : NULL;
				/* Neither a unit nor a club: the unit column is the one to fill. */
				check_error(&x, it, &pe, val);
			}
		}
		if (it->status != IMPORT_ROW_BAD && (!is_blank(v[V_REC]) || !is_blank(v[V_OWNER]) || !is_blank(v[V_DUE]))) {
			Err pe = {0};
			if (recommendation_check(db, by, v[V_REC], v[V_OWNER], v[V_DUE], iv, &pe) != 0) {
				if (pe.code == E_INTERNAL) {
					for (int f = 0; f < V_COUNT; f++)
						free(own[f]);
					goto store;
				}
				if (pe.code == E_REQUIRED && pe.field && strcmp(pe.field, "owner") == 0)
					row_error(&x, it, V_OWNER, "Ghi mã đơn vị thực hiện kiến nghị (chỉ cấp trung ương được để trống).",
						  "Give the code of the unit that carries out the recommendation (only the central "
						  "level may leave it empty).");
				else
					check_error(&x, it, &pe, pe.field && strcmp(pe.field, "owner") == 0 ? v[V_OWNER] : NULL);
			}
		}
		if (it->status != IMPORT_ROW_BAD) {
			const Visit *nv = &iv->visit;
			for (size_t k = 0; k + 1 < res->nitems; k++) {
				const ImportVisit *o = res->items[k].visit;
				if (o && res->items[k].status != IMPORT_ROW_BAD && strcmp(o->visit.kind, nv->kind) == 0 &&
				    strcmp(o->visit.visit_date, nv->visit_date) == 0 && o->visit.unit_id == nv->unit_id &&
				    o->visit.club_id == nv->club_id && strcmp(o->visit.team, nv->team) == 0) {
					char vi[160], en[160];
					snprintf(vi, sizeof vi, "Chuyến này (cùng loại, ngày, nơi đến và đoàn) đã có ở dòng %zu.",
						 res->items[k].row);
					snprintf(en, sizeof en, "This visit (same kind, date, place and team) is already on row %zu.",
						 res->items[k].row);
					row_error(&x, it, V_DATE, vi, en);
					break;
				}
			}
		}
		if (it->status != IMPORT_ROW_BAD) {
			int64_t same = visit_same(db, &iv->visit);
			if (same < 0) {
				for (int f = 0; f < V_COUNT; f++)
					free(own[f]);
				goto store;
			}
			if (same) {
				it->status = IMPORT_ROW_EXISTING;
				it->existing_id = same;
			}
		}
		for (int f = 0; f < V_COUNT; f++)
			free(own[f]);
	}
done:
	for (int f = 0; f < V_COUNT; f++)
		free(x.heading[f]);
	return 0;
store:
	for (int f = 0; f < V_COUNT; f++)
		free(x.heading[f]);
	return err_set(e, E_INTERNAL, NULL);
}

/* ---- loading ---- */

int work_import_load_tx(Db *db, const Actor *by, ImportResult *res, int64_t *loaded, int64_t *existing)
{
	*loaded = *existing = 0;
	for (size_t i = 0; i < res->nitems; i++) {
		ImportItem *it = &res->items[i];
		if (it->status == IMPORT_ROW_BAD || !(it->training || it->visit))
			return -DB_ERROR;
		if (it->status == IMPORT_ROW_EXISTING) {
			(*existing)++;
			continue;
		}
		if (it->training) {
			/* Again here: another import may have written the course since the check. */
			int64_t same = training_same(db, it->training);
			if (same < 0)
				return -DB_ERROR;
			if (same) {
				(*existing)++;
				continue;
			}
			int64_t id = training_insert_tx(db, by, it->training, "import");
			if (id < 0)
				return (int)id;
		} else {
			int64_t same = visit_same(db, &it->visit->visit);
			if (same < 0)
				return -DB_ERROR;
			if (same) {
				(*existing)++;
				continue;
			}
			int64_t id = visit_insert_tx(db, by, &it->visit->visit, "import");
			if (id < 0)
				return (int)id;
			if (it->visit->recommendation[0]) {
				Err fe = {0};
				int64_t fid = followup_add_tx(db, by, id, it->visit->recommendation, it->visit->owner_code,
							      it->visit->due_date, &fe);
				if (fid < 0)
					return -DB_ERROR;
			}
		}
		(*loaded)++;
	}
	return 0;
}
