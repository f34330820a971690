/* Province plans from .xlsx and .csv (import kind "plans"): one row per province, as the central
 * board collects them. Columns are found by their headings: "Mã tỉnh" or "Tỉnh/thành phố" (one of
 * them is needed), "Đề án" (1336, DA1336, "Đề án 1648"...; when absent, the national programme in
 * force today), "Đã ban hành" (x / có), "Số văn bản", "Ngày ban hành", "Số CLB đăng ký thành lập
 * mới", "Kinh phí 5 năm (đồng)", "Quyết định phê duyệt kinh phí", "Ngày phê duyệt kinh phí", "Cơ chế
 * tài chính" (x), "Chính sách huy động nguồn lực" (x), "Vướng mắc" / "Ghi chú". A column left out
 * leaves that field of a stored plan as it is. Every row goes through plan_check, the rule of the
 * form; a province outside the importer's scope, a province listed twice, or one not of the
 * programme's geography is an error of its row. All rows or none (the framework's transaction). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/import.h"
#include "core/import_int.h"
#include "core/programme.h"
#include "core/unit.h"
#include "lib/table.h"
#include "lib/vi.h"

enum PField {
	P_STT, P_CODE, P_NAME, P_PROGRAMME, P_ISSUED, P_DOC_NO, P_ISSUED_ON, P_CLUBS, P_BUDGET, P_BUDGET_DECISION,
	P_BUDGET_DATE, P_MECHANISM, P_POLICY, P_OBSTACLES, P_COUNT
};

static const char *const pfield_key[P_COUNT] = {
	[P_STT] = "number", [P_CODE] = "unit_code", [P_NAME] = "unit_name", [P_PROGRAMME] = "programme",
	[P_ISSUED] = "issued", [P_DOC_NO] = "doc_no", [P_ISSUED_ON] = "issued_on", [P_CLUBS] = "clubs_registered",
	[P_BUDGET] = "budget_vnd", [P_BUDGET_DECISION] = "budget_decision", [P_BUDGET_DATE] = "budget_date",
	[P_MECHANISM] = "finance_mechanism", [P_POLICY] = "mobilisation_policy", [P_OBSTACLES] = "obstacles",
};

typedef struct PHead {
	int field;
	const char *key;       /* folded heading (parentheses dropped) */
	int prefix;            /* also a heading that starts with it */
} PHead;

static const PHead pheads[] = {
	{P_STT, "stt", 0}, {P_STT, "tt", 0}, {P_STT, "so tt", 0},
	{P_CODE, "ma tinh", 1}, {P_CODE, "ma", 0}, {P_CODE, "province code", 0}, {P_CODE, "ma don vi", 0},
	{P_NAME, "tinh", 0}, {P_NAME, "tinh/thanh pho", 1}, {P_NAME, "tinh thanh pho", 1}, {P_NAME, "ten tinh", 1},
	{P_NAME, "tinh/thanh", 0}, {P_NAME, "province", 0}, {P_NAME, "don vi", 0},
	{P_PROGRAMME, "de an", 0}, {P_PROGRAMME, "chuong trinh", 0}, {P_PROGRAMME, "programme", 0},
	{P_ISSUED, "da ban hanh", 1}, {P_ISSUED, "ubnd tinh da ban hanh", 1}, {P_ISSUED, "ban hanh", 0},
	{P_ISSUED, "issued", 0}, {P_ISSUED, "da ban hanh ke hoach", 1},
	{P_DOC_NO, "so van ban", 1}, {P_DOC_NO, "so ke hoach", 1}, {P_DOC_NO, "so hieu van ban", 1},
	{P_DOC_NO, "so ky hieu", 1}, {P_DOC_NO, "document number", 0}, {P_DOC_NO, "van ban", 0},
	{P_ISSUED_ON, "ngay ban hanh", 1}, {P_ISSUED_ON, "issued on", 0}, {P_ISSUED_ON, "ngay ky", 0},
	{P_CLUBS, "so clb dang ky thanh lap moi", 1}, {P_CLUBS, "clb dang ky thanh lap moi", 1},
	{P_CLUBS, "so clb dang ky", 1}, {P_CLUBS, "clb dang ky", 1}, {P_CLUBS, "clubs registered", 0},
	{P_CLUBS, "so clb thanh lap moi", 1},
	{P_BUDGET, "kinh phi 5 nam", 1}, {P_BUDGET, "kinh phi duoc phe duyet", 1}, {P_BUDGET, "kinh phi", 0},
	{P_BUDGET, "tong kinh phi", 1}, {P_BUDGET, "budget", 0},
	{P_BUDGET_DECISION, "quyet dinh phe duyet kinh phi", 1}, {P_BUDGET_DECISION, "quyet dinh kinh phi", 1},
	{P_BUDGET_DECISION, "so quyet dinh phe duyet kinh phi", 1}, {P_BUDGET_DECISION, "budget decision", 0},
	{P_BUDGET_DATE, "ngay phe duyet kinh phi", 1}, {P_BUDGET_DATE, "ngay quyet dinh kinh phi", 1},
	{P_BUDGET_DATE, "budget date", 0},
	{P_MECHANISM, "co che tai chinh", 1}, {P_MECHANISM, "financial mechanism", 0},
	{P_POLICY, "chinh sach huy dong nguon luc", 1}, {P_POLICY, "huy dong nguon luc", 1},
	{P_POLICY, "resource mobilisation policy", 0},
	{P_OBSTACLES, "vuong mac", 1}, {P_OBSTACLES, "kho khan vuong mac", 1}, {P_OBSTACLES, "kho khan", 1},
	{P_OBSTACLES, "ghi chu", 1}, {P_OBSTACLES, "notes", 0}, {P_OBSTACLES, "obstacles", 0},
	{-1, NULL, 0},
};

int plan_import_allowed(const Actor *by)
{
	return plan_may_edit(by);
}

static int key_starts(const char *h, const char *key)
{
	size_t n = strlen(key);
	return strncmp(h, key, n) == 0 && h[n] == ' ';
}

/* The field a heading names, or -1: exact first, then the longest prefix. */
static int pfield_of(const char *text)
{
	if (!text || !*text)
		return -1;
	char *h = import_x_heading_key(text, 0), *hp = import_x_heading_key(text, 1);
	int found = -1;
	if (h && hp) {
		for (const PHead *x = pheads; x->key && found < 0; x++)
			if (strcmp(h, x->key) == 0 || strcmp(hp, x->key) == 0)
				found = x->field;
		size_t best = 0;
		int pre = -1;
		for (const PHead *x = pheads; x->key && found < 0; x++) {
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

typedef struct PCheck {
	Db *db;
	const Actor *by;
	ImportResult *res;
	size_t col[P_COUNT];
	char *heading[P_COUNT];
	ProgrammeInfo current;
	int have_current;
} PCheck;

static const char *cell(const ImportRawRow *rr, size_t col, char **own)
{
	*own = NULL;
	if (!col || col > rr->ncells)
		return NULL;
	int bad = 0;
	*own = import_x_cell_value(rr, col, &bad);
	return *own ? *own : "";
}

/* The programme a cell names: "1336", "DA1336", "Đề án 1336". 1, 0 unknown, -1. */
static int programme_of(Db *db, const char *v, ProgrammeInfo *p)
{
	char code[32] = "DA";
	size_t k = 2;
	for (const char *s = v; *s && k < sizeof code - 1; s++)
		if (*s >= '0' && *s <= '9')
			code[k++] = *s;
	code[k] = '\0';
	if (k == 2) {
		int have = programme_get_code(db, v, p);
		return have;
	}
	return programme_get_code(db, code, p);
}

typedef struct NameHit {
	char code[8];
	int hits;
	const char *want;
} NameHit;

static void name_hit(const Unit *u, void *arg)
{
	NameHit *h = arg;
	char *f = vi_fold(u->name);
	if (f && strcmp(f, h->want) == 0) {
		snprintf(h->code, sizeof h->code, "%s", u->code);
		h->hits++;
	}
	free(f);
}

/* The province a name names in the programme's geography ("Thanh Hóa", "Tỉnh Thanh Hóa", "TP Hà
 * Nội"): its code into code. 1, 0 none (or two), -1. */
static int province_by_name(Db *db, const ProgrammeInfo *p, const char *name, char code[8])
{
	char *f = vi_fold(name);
	if (!f)
		return -1;
	static const char *const prefixes[] = {"tinh ", "thanh pho ", "tp. ", "tp ", NULL};
	const char *n = f;
	for (int i = 0; prefixes[i]; i++)
		if (strncmp(n, prefixes[i], strlen(prefixes[i])) == 0) {
			n += strlen(prefixes[i]);
			break;
		}
	char today[11];
	unit_today(today);
	UnitFilter uf = {.on = p->start_date[0] ? p->start_date : today, .level = UNIT_PROVINCE, .q = n};
	NameHit h = {.want = n};
	int64_t total = unit_list(db, &uf, 0, 20, name_hit, &h);
	free(f);
	if (total < 0)
		return -1;
	if (h.hits != 1)
		return 0;
	memcpy(code, h.code, 8);
	return 1;
}

/* Finds the heading row: the first with a province column (code or name) and one more field. */
static int map_columns(PCheck *x, size_t *data_from)
{
	ImportResult *res = x->res;
	for (size_t i = 0; i < res->nraw && i < IMPORT_HEADING_SCAN; i++) {
		const ImportRawRow *rr = &res->raw[i];
		int fields[P_COUNT] = {0}, n = 0;
		for (size_t k = 0; k < rr->ncells; k++) {
			if (rr->cells[k].kind != TABLE_TEXT)
				continue;
			int f = pfield_of(rr->cells[k].text);
			if (f >= 0 && !fields[f]) {
				fields[f] = 1;
				n++;
			}
		}
		if (!(fields[P_CODE] || fields[P_NAME]) || n < 2)
			continue;
		res->header_row = rr->row;
		res->header_rows = 1;
		for (size_t k = 0; k < rr->ncells; k++) {
			const char *text = rr->cells[k].text;
			if (!text[0])
				continue;
			int f = rr->cells[k].kind == TABLE_TEXT ? pfield_of(text) : -1;
			if (f >= 0 && !x->col[f]) {
				x->col[f] = k + 1;
				x->heading[f] = strdup(text);
				import_x_add_column(&res->columns, &res->ncolumns, k + 1, pfield_key[f], text);
			} else {
				import_x_add_column(&res->ignored, &res->nignored, k + 1, NULL, text);
			}
		}
		*data_from = i + 1;
		if (*data_from < res->nraw && import_x_is_numbering_row(&res->raw[*data_from])) {
			import_x_skip_row(res, res->raw[*data_from].row);
			(*data_from)++;
		}
		return 0;
	}
	import_x_problem(res, 0, 0, 0, NULL, NULL,
			 "Không tìm thấy dòng tiêu đề của bảng: cần cột “Mã tỉnh” hoặc “Tỉnh/thành phố” và các cột của kế "
			 "hoạch (Đã ban hành, Số văn bản, Ngày ban hành, Kinh phí 5 năm…), ở một trong %d dòng đầu.",
			 "No heading row was found: the table needs a “Mã tỉnh” (province code) or “Tỉnh/thành phố” column "
			 "and the plan's columns (Đã ban hành, Số văn bản, Ngày ban hành, Kinh phí 5 năm…) within its first %d rows.",
			 IMPORT_HEADING_SCAN);
	return -1;
}

static void row_error(PCheck *x, ImportItem *it, size_t col, int field, const char *vi, const char *en)
{
	import_x_problem(x->res, 0, it->row, col, field >= 0 ? pfield_key[field] : NULL,
			 field >= 0 ? x->heading[field] : NULL, "%s%.0s", "%.0s%s", vi, en);
	it->status = IMPORT_ROW_BAD;
}

static int same_plan(const ProvincePlan *a, const ProvincePlan *b)
{
	return a->issued == b->issued && strcmp(a->doc_no, b->doc_no) == 0 && strcmp(a->issued_on, b->issued_on) == 0 &&
	       a->has_clubs_registered == b->has_clubs_registered && a->clubs_registered == b->clubs_registered &&
	       a->has_budget == b->has_budget && a->budget_vnd == b->budget_vnd &&
	       strcmp(a->budget_decision, b->budget_decision) == 0 && strcmp(a->budget_date, b->budget_date) == 0 &&
	       a->finance_mechanism == b->finance_mechanism && a->mobilisation_policy == b->mobilisation_policy &&
	       strcmp(a->obstacles, b->obstacles) == 0;
}

/* The field a plan_check error names, as a column. */
static int pfield_of_key(const char *key)
{
	for (int f = 0; key && f < P_COUNT; f++)
		if (strcmp(pfield_key[f], key) == 0)
			return f;
	return -1;
}

int plan_import_check(Db *db, const Actor *by, ImportResult *res, Err *e)
{
	PCheck x = {.db = db, .by = by, .res = res};
	char today[11];
	unit_today(today);
	int cur = programme_current(db, today, &x.current);
	if (cur < 0)
		return err_set(e, E_INTERNAL, NULL);
	x.have_current = cur;
	size_t from = 0;
	if (map_columns(&x, &from) != 0)
		goto done;
	for (size_t i = from; i < res->nraw; i++) {
		const ImportRawRow *rr = &res->raw[i];
		char *own[P_COUNT] = {0};
		const char *v[P_COUNT] = {0};
		for (int f = 0; f < P_COUNT; f++)
			v[f] = x.col[f] ? cell(rr, x.col[f], &own[f]) : NULL;
		int has_province = (v[P_CODE] && *v[P_CODE]) || (v[P_NAME] && *v[P_NAME]);
		if (!has_province) {
			import_x_skip_row(res, rr->row);
			for (int f = 0; f < P_COUNT; f++)
				free(own[f]);
			continue;
		}
		if (!(v[P_CODE] && *v[P_CODE]) && import_x_looks_like_footer(v[P_NAME], 1)) {
			import_x_skip_row(res, rr->row);
			for (int f = 0; f < P_COUNT; f++)
				free(own[f]);
			continue;
		}
		ImportItem *it = import_x_new_item(res, rr->row);
		ProvincePlan *plan = it ? calloc(1, sizeof *plan) : NULL;
		if (!plan) {
			for (int f = 0; f < P_COUNT; f++)
				free(own[f]);
			return err_set(e, E_INTERNAL, NULL);
		}
		it->plan = plan;
		ProgrammeInfo p = x.current;
		int have_p = x.have_current;
		if (v[P_PROGRAMME] && *v[P_PROGRAMME]) {
			have_p = programme_of(db, v[P_PROGRAMME], &p);
			if (have_p < 0)
				return err_set(e, E_INTERNAL, NULL);
		}
		char code[8] = "";
		if (!have_p) {
			row_error(&x, it, x.col[P_PROGRAMME], P_PROGRAMME, "Không có Đề án này (ví dụ: 1336 hoặc 1648).",
				  "No such programme (e.g. 1336 or 1648).");
		} else if (v[P_CODE] && *v[P_CODE]) {
			snprintf(code, sizeof code, "%s", v[P_CODE]);
			/* Excel keeps "01" as the number 1. */
			if (strlen(code) == 1)
				snprintf(code, sizeof code, "0%s", v[P_CODE]);
		} else {
			int hn = province_by_name(db, &p, v[P_NAME], code);
			if (hn < 0)
				return err_set(e, E_INTERNAL, NULL);
			if (!hn)
				row_error(&x, it, x.col[P_NAME], P_NAME, "Không nhận ra tỉnh/thành phố này; hãy ghi mã tỉnh.",
					  "This province is not recognised; give its code.");
		}
		if (it->status != IMPORT_ROW_BAD) {
			int g = plan_get(db, by, p.id, code, plan);
			if (g < 0)
				return err_set(e, E_INTERNAL, NULL);
			if (!g) {
				row_error(&x, it, x.col[P_CODE] ? x.col[P_CODE] : x.col[P_NAME], x.col[P_CODE] ? P_CODE : P_NAME,
					  "Không phải một tỉnh/thành phố của giai đoạn Đề án trong phạm vi của bạn.",
					  "Not a province of the programme's period within your scope.");
			}
		}
		if (it->status != IMPORT_ROW_BAD) {
			for (size_t k = 0; k + 1 < res->nitems; k++) {
				const ProvincePlan *o = res->items[k].plan;
				if (o && o->unit_id == plan->unit_id && o->programme_id == plan->programme_id) {
					char msg_vi[160], msg_en[160];
					snprintf(msg_vi, sizeof msg_vi, "Tỉnh này đã có ở dòng %zu.", res->items[k].row);
					snprintf(msg_en, sizeof msg_en, "This province is already on row %zu.", res->items[k].row);
					row_error(&x, it, x.col[P_CODE] ? x.col[P_CODE] : x.col[P_NAME],
						  x.col[P_CODE] ? P_CODE : P_NAME, msg_vi, msg_en);
					break;
				}
			}
		}
		if (it->status != IMPORT_ROW_BAD) {
			ProvincePlan stored = *plan;
			PlanInput in = {v[P_ISSUED], v[P_DOC_NO], v[P_ISSUED_ON], v[P_CLUBS], v[P_BUDGET], v[P_BUDGET_DECISION],
					v[P_BUDGET_DATE], v[P_MECHANISM], v[P_POLICY], v[P_OBSTACLES]};
			/* A number or date in a file whose "issued" column is missing or empty means issued. */
			if ((!in.issued || !*in.issued) && ((in.doc_no && *in.doc_no) || (in.issued_on && *in.issued_on)))
				in.issued = "1";
			Err pe = {0};
			if (plan_check(&in, plan, &pe) != 0) {
				int f = pfield_of_key(pe.field);
				row_error(&x, it, f >= 0 ? x.col[f] : 0, f, err_message(pe.code, "vi"), err_message(pe.code, "en"));
			} else if (stored.exists && same_plan(&stored, plan)) {
				it->status = IMPORT_ROW_EXISTING;
				it->existing_id = plan->id;
			}
		}
		for (int f = 0; f < P_COUNT; f++)
			free(own[f]);
	}
done:
	for (int f = 0; f < P_COUNT; f++)
		free(x.heading[f]);
	return 0;
}

int plan_import_load_tx(Db *db, const Actor *by, ImportResult *res, int64_t *loaded, int64_t *existing)
{
	*loaded = *existing = 0;
	for (size_t i = 0; i < res->nitems; i++) {
		ImportItem *it = &res->items[i];
		if (it->status == IMPORT_ROW_BAD || !it->plan)
			return -DB_ERROR;
		if (it->status == IMPORT_ROW_EXISTING) {
			(*existing)++;
			continue;
		}
		DbStatus s = plan_write_tx(db, by, it->plan);
		if (s != DB_OK)
			return -(int)s;
		(*loaded)++;
	}
	return 0;
}
