/* API: a club's two funds (opening balances, entries, transfers, reversals, the fund book) and the
 * fund figures of a unit. Money is integer đồng (signed in entries: money in > 0), dates ISO. Who
 * may read or write and every check of the input live in core/fund.c; this file parses and
 * answers. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/fundjson.h"
#include "core/fund.h"
#include "core/loan.h"
#include "lib/vi.h"

/* ---- shared helpers (api/fundjson.h) ---- */

int fj_check(Req *r, const char *const *known)
{
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		int ok = 0;
		for (int i = 0; known[i] && !ok; i++)
			ok = strcmp(key, known[i]) == 0;
		if (!ok) {
			resp_error(r, E_INVALID, key, tr(r, "trường này không có trong API", "unknown field"));
			return -1;
		}
		if (!json_is_string(v) && !json_is_integer(v) && !json_is_boolean(v) && !json_is_null(v)) {
			resp_error(r, E_INVALID, key,
				   tr(r, "phải là chuỗi ký tự hoặc số nguyên (số tiền tính bằng đồng)",
				      "must be a string or a whole number (amounts in đồng)"));
			return -1;
		}
	}
	return 0;
}

const char *fj_text(Req *r, const char *name)
{
	json_t *v = json_object_get(r->json, name);
	if (!v)
		return NULL;
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_boolean(v))
		return json_is_true(v) ? "1" : "0";
	return json_is_string(v) ? json_string_value(v) : "";
}

int64_t fj_club(const Req *r)
{
	return req_param_id(r, "id");
}

const char *fj_fund_kind(const char *s)
{
	if (s && strcmp(s, "income") == 0)
		return "income";
	if (s && strcmp(s, "activity") == 0)
		return "activity";
	return NULL;
}

json_t *fj_id(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

json_t *fj_str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* ---- answers ---- */

static json_t *fund_json(const Req *r, const Fund *f, const char *kind)
{
	return json_pack("{s:s, s:s, s:b, s:o, s:I, s:I}", "kind", kind, "label", fund_kind_label(kind, r->lang),
			 "opened", f->id != 0, "opened_on", fj_str(f->id ? f->opened_on : NULL), "balance",
			 (json_int_t)f->balance, "entries", (json_int_t)f->entries);
}

static json_t *entry_json(const Req *r, const FundEntry *x)
{
	json_t *j = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			      "id", (json_int_t)x->id, "fund_kind", x->fund_kind, "no", (json_int_t)x->no,
			      "voucher", x->voucher, "on_date", x->on_date, "kind", x->kind, "kind_label",
			      fund_entry_kind_label(x->kind, r->lang), "amount", (json_int_t)x->amount,
			      "category", fj_str(x->category), "category_label",
			      x->category[0] ? fj_str(fund_category_label(x->category, r->lang)) : json_null(),
			      "party", fj_str(x->party), "member_id", fj_id(x->member_id), "member_name",
			      fj_str(x->member_name), "loan_id", fj_id(x->loan_id), "reverses", fj_id(x->reverses),
			      "reversed_by", fj_id(x->reversed_by));
	json_object_set_new(j, "pair_id", fj_id(x->pair_id));
	json_object_set_new(j, "note", fj_str(x->note));
	json_object_set_new(j, "handled_by", fj_str(x->handled_by));
	json_object_set_new(j, "recorded_by", json_string(x->recorded_by));
	json_object_set_new(j, "recorded_at", json_string(x->recorded_at));
	json_object_set_new(j, "hash", json_string(x->hash));
	return j;
}

typedef struct LoanSum {
	json_t *items;
	int64_t outstanding, late, par30;
} LoanSum;

static void loan_row_item(const LoanRow *row, void *arg)
{
	LoanSum *s = arg;
	s->outstanding += row->outstanding;
	if (row->arrears_days > 0)
		s->late++;
	if (row->arrears_days > 30)
		s->par30 += row->outstanding;
	json_array_append_new(s->items,
			      json_pack("{s:I, s:I, s:I, s:s, s:I, s:I, s:s, s:s, s:I, s:o}", "id", (json_int_t)row->id,
					"no", (json_int_t)row->no, "member_id", (json_int_t)row->member_id, "member_name",
					row->member_name, "principal", (json_int_t)row->principal, "outstanding",
					(json_int_t)row->outstanding, "disbursed_on", row->disbursed_on, "status",
					row->status, "arrears_days", (json_int_t)row->arrears_days, "next_due_on",
					fj_str(row->next_due_on)));
}

/* The club's two funds and its loans outstanding (late ones first), as the fund page shows. */
static HandlerResult funds_answer(Req *r, int64_t club_id, int status)
{
	Fund f[2];
	Err e = {0};
	if (fund_get(r->db, &r->actor, club_id, f, &e) != 0)
		return resp_err(r, &e);
	LoanSum s = {json_array(), 0, 0, 0};
	int n = loan_list(r->db, &r->actor, club_id, "active", 0, loan_row_item, &s, &e);
	if (n < 0) {
		json_decref(s.items);
		return resp_err(r, &e);
	}
	json_t *loans = json_pack("{s:i, s:I, s:I, s:I, s:o}", "count", n, "outstanding", (json_int_t)s.outstanding,
				  "late", (json_int_t)s.late, "par30", (json_int_t)s.par30, "items", s.items);
	return resp_json(r, status,
			 json_pack("{s:I, s:o, s:o, s:o}", "club_id", (json_int_t)club_id, "income",
				   fund_json(r, &f[0], "income"), "activity", fund_json(r, &f[1], "activity"),
				   "loans_outstanding", loans));
}

/* An entry of the club with its fund's balance now, answered with status. */
static HandlerResult entry_answer(Req *r, int64_t club_id, int64_t entry_id, int status)
{
	FundEntry x;
	Fund f[2];
	Err e = {0};
	if (fund_entry_get(r->db, &r->actor, club_id, entry_id, &x, &e) != 0 ||
	    fund_get(r->db, &r->actor, club_id, f, &e) != 0)
		return resp_err(r, &e);
	json_t *j = entry_json(r, &x);
	json_object_set_new(j, "fund_balance", json_integer(strcmp(x.fund_kind, "income") == 0 ? f[0].balance
											     : f[1].balance));
	return resp_json(r, status, j);
}

/* ---- handlers ---- */

HandlerResult api_club_funds(Req *r)
{
	int64_t id = fj_club(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return funds_answer(r, id, 200);
}

HandlerResult api_club_funds_open(Req *r)
{
	static const char *const known[] = {"date", "income", "activity", "handled_by", NULL};
	int64_t id = fj_club(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	if (fj_check(r, known) != 0)
		return H_ERROR;
	FundOpenInput in = {
		.date = fj_text(r, "date"),
		.income = fj_text(r, "income"),
		.activity = fj_text(r, "activity"),
		.handled_by = fj_text(r, "handled_by"),
	};
	Err e = {0};
	if (fund_open(r->db, &r->actor, id, &in, &e) != 0)
		return resp_err(r, &e);
	return funds_answer(r, id, 201);
}

static void entry_item(const FundEntry *x, void *arg)
{
	void **a = arg;
	json_array_append_new(a[1], entry_json(a[0], x));
}

HandlerResult api_fund_entries(Req *r)
{
	int64_t id = fj_club(r);
	const char *kind = fj_fund_kind(req_param(r, "kind"));
	if (!id || !kind)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	Page p;
	if (api_page(r, &p) != 0)
		return H_ERROR;
	json_t *items = json_array();
	void *a[2] = {r, items};
	Err e = {0};
	int64_t total = fund_entries(r->db, &r->actor, id, kind, p.offset, p.per_page, entry_item, a, &e);
	if (total < 0) {
		json_decref(items);
		return resp_err(r, &e);
	}
	json_t *j = api_page_json(&p, items, total);
	json_object_set_new(j, "club_id", json_integer(id));
	json_object_set_new(j, "fund_kind", json_string(kind));
	return resp_json(r, 200, j);
}

static const char *const entry_fields[] = {"kind", "date", "amount", "category", "party", "member", "handled_by", "note",
					   NULL};

static void entry_input(Req *r, EntryInput *in)
{
	*in = (EntryInput){
		.kind = fj_text(r, "kind"),
		.date = fj_text(r, "date"),
		.amount = fj_text(r, "amount"),
		.category = fj_text(r, "category"),
		.party = fj_text(r, "party"),
		.member = fj_text(r, "member"),
		.handled_by = fj_text(r, "handled_by"),
		.note = fj_text(r, "note"),
	};
}

HandlerResult api_fund_entry_add(Req *r)
{
	int64_t id = fj_club(r);
	const char *kind = fj_fund_kind(req_param(r, "kind"));
	if (!id || !kind)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	if (fj_check(r, entry_fields) != 0)
		return H_ERROR;
	EntryInput in;
	entry_input(r, &in);
	Err e = {0};
	int64_t eid = fund_entry_add(r->db, &r->actor, id, kind, &in, &e);
	if (eid < 0)
		return resp_err(r, &e);
	return entry_answer(r, id, eid, 201);
}

HandlerResult api_fund_transfer(Req *r)
{
	static const char *const known[] = {"from", "date", "amount", "party", "handled_by", "note", NULL};
	int64_t id = fj_club(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	if (fj_check(r, known) != 0)
		return H_ERROR;
	const char *from_text = fj_text(r, "from");
	const char *from = fj_fund_kind(from_text);
	if (!from)
		return resp_error(r, from_text && *from_text ? E_INVALID : E_REQUIRED, "from", "income | activity");
	EntryInput in;
	entry_input(r, &in);
	in.kind = NULL;
	Err e = {0};
	int64_t out_id = fund_transfer(r->db, &r->actor, id, from, &in, &e);
	if (out_id < 0)
		return resp_err(r, &e);
	FundEntry out, in_entry;
	Fund f[2];
	if (fund_entry_get(r->db, &r->actor, id, out_id, &out, &e) != 0 ||
	    fund_entry_get(r->db, &r->actor, id, out.pair_id, &in_entry, &e) != 0 ||
	    fund_get(r->db, &r->actor, id, f, &e) != 0)
		return resp_err(r, &e);
	return resp_json(r, 201,
			 json_pack("{s:o, s:o, s:{s:I, s:I}}", "out", entry_json(r, &out), "in", entry_json(r, &in_entry),
				   "balances", "income", (json_int_t)f[0].balance, "activity", (json_int_t)f[1].balance));
}

HandlerResult api_entry_show(Req *r)
{
	int64_t id = fj_club(r), eid = req_param_id(r, "eid");
	if (!id || !eid)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	return entry_answer(r, id, eid, 200);
}

HandlerResult api_entry_reverse(Req *r)
{
	static const char *const known[] = {"reason", "date", NULL};
	int64_t id = fj_club(r), eid = req_param_id(r, "eid");
	if (!id || !eid)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	if (fj_check(r, known) != 0)
		return H_ERROR;
	const char *date = fj_text(r, "date");
	Err e = {0};
	int64_t rid = fund_entry_reverse(r->db, &r->actor, id, eid, fj_text(r, "reason"), date && *date ? date : NULL, &e);
	if (rid < 0)
		return resp_err(r, &e);
	return entry_answer(r, id, rid, 201);
}

/* A date of the query (?name=, dd/mm/yyyy or ISO) as ISO in out; *iso NULL when absent or empty.
 * -1 after answering 422. */
static int query_date(Req *r, const char *name, char out[VI_DATE_BUFSZ], const char **iso)
{
	const char *s = req_query(r, name);
	*iso = NULL;
	if (!s || !*s)
		return 0;
	if (vi_parse_date(s, out) != VI_OK) {
		resp_error(r, E_DATE, name, NULL);
		return -1;
	}
	*iso = out;
	return 0;
}

typedef struct BookCtx {
	Req *r;
	json_t *items;
} BookCtx;

static void book_line(const FundEntry *x, int64_t running, void *arg)
{
	BookCtx *c = arg;
	json_t *j = entry_json(c->r, x);
	json_object_set_new(j, "running", json_integer(running));
	json_array_append_new(c->items, j);
}

HandlerResult api_fund_book(Req *r)
{
	int64_t id = fj_club(r);
	const char *kind = fj_fund_kind(req_param(r, "kind"));
	if (!id || !kind)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	char from_buf[VI_DATE_BUFSZ], to_buf[VI_DATE_BUFSZ];
	const char *from, *to;
	if (query_date(r, "from", from_buf, &from) != 0 || query_date(r, "to", to_buf, &to) != 0)
		return H_ERROR;
	if (from && to && strcmp(from, to) > 0)
		return resp_error(r, E_DATE_ORDER, "to", tr(r, "ngày cuối trước ngày đầu", "to is before from"));
	BookCtx c = {r, json_array()};
	FundBook b = {0};
	Err e = {0};
	if (fund_book(r->db, &r->actor, id, kind, from, to, book_line, &c, &b, &e) != 0) {
		json_decref(c.items);
		return resp_err(r, &e);
	}
	return resp_json(r, 200,
			 json_pack("{s:I, s:s, s:s, s:o, s:o, s:I, s:I, s:I, s:I, s:I, s:o}", "club_id", (json_int_t)id,
				   "fund_kind", kind, "label", fund_kind_label(kind, r->lang), "from", fj_str(from), "to",
				   fj_str(to), "opening", (json_int_t)b.opening, "total_in", (json_int_t)b.total_in,
				   "total_out", (json_int_t)b.total_out, "closing", (json_int_t)b.closing, "count",
				   (json_int_t)b.count, "entries", c.items));
}

/* ---- figures of a unit ---- */

/* A ratio with its parts and the formula it is computed with. */
static json_t *ratio_json(int64_t num, int64_t den, const char *formula, int64_t target_bp)
{
	int64_t bp = fund_ratio_bp(num, den);
	json_t *j = json_pack("{s:o, s:I, s:I, s:s}", "bp", bp < 0 ? json_null() : json_integer(bp), "numerator",
			      (json_int_t)num, "denominator", (json_int_t)den, "formula", formula);
	if (target_bp > 0)
		json_object_set_new(j, "target_bp", json_integer(target_bp));
	return j;
}

static json_t *figures_json(const Req *r, const FundFigures *f)
{
	int en = strcmp(r->lang, "en") == 0;
	json_t *ratios = json_pack(
		"{s:o, s:o, s:o, s:o}", "borrowers",
		ratio_json(f->borrowers, f->members_books,
			   en ? "members with a loan outstanding / members of the clubs keeping their books here"
			      : "thành viên đang có khoản vay / thành viên của các CLB giữ sổ trên hệ thống",
			   5000),
		"clubs_both",
		ratio_json(f->clubs_both, f->clubs_books,
			   en ? "clubs holding both funds (money in each) / clubs keeping their books here"
			      : "CLB có cả hai quỹ (mỗi quỹ còn tiền) / CLB giữ sổ trên hệ thống",
			   10000),
		"par30",
		ratio_json(f->par30, f->outstanding,
			   en ? "outstanding of loans with an instalment over 30 days late / all outstanding"
			      : "dư nợ của khoản vay có kỳ trả quá hạn trên 30 ngày / tổng dư nợ",
			   0),
		"repayment_rate",
		ratio_json(f->repaid_12m, f->due_12m,
			   en ? "principal repaid of what fell due in the last 12 months / principal fallen due"
			      : "gốc đã trả trong số gốc đến hạn 12 tháng qua / gốc đến hạn 12 tháng qua",
			   0));
	json_t *j = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "clubs",
			      (json_int_t)f->clubs, "clubs_books", (json_int_t)f->clubs_books, "clubs_income",
			      (json_int_t)f->clubs_income, "clubs_activity", (json_int_t)f->clubs_activity, "clubs_both",
			      (json_int_t)f->clubs_both, "income_cash", (json_int_t)f->income_cash, "activity_cash",
			      (json_int_t)f->activity_cash, "outstanding", (json_int_t)f->outstanding, "loans",
			      (json_int_t)f->loans, "par30", (json_int_t)f->par30, "overdue", (json_int_t)f->overdue,
			      "members", (json_int_t)f->members, "members_books", (json_int_t)f->members_books, "borrowers",
			      (json_int_t)f->borrowers, "due_12m",
			      (json_int_t)f->due_12m, "repaid_12m", (json_int_t)f->repaid_12m);
	json_object_set_new(j, "income_fund", json_integer(f->income_cash + f->outstanding));
	json_object_set_new(j, "ratios", ratios);
	return j;
}

typedef struct FiguresCtx {
	const Req *r;
	json_t *items;
} FiguresCtx;

static void figures_row(const FundFiguresRow *row, void *arg)
{
	FiguresCtx *c = arg;
	json_t *j = figures_json(c->r, &row->f);
	json_object_set_new(j, "code", json_string(row->code));
	json_object_set_new(j, "name", json_string(row->name));
	json_array_append_new(c->items, j);
}

HandlerResult api_fund_figures(Req *r)
{
	const char *unit = req_query(r, "unit"), *by = req_query(r, "by");
	if (unit && !*unit)
		unit = NULL;
	if (by && *by && strcmp(by, "child") != 0)
		return resp_error(r, E_INVALID, "by", "child");
	int by_child = by && *by;
	char date_buf[VI_DATE_BUFSZ];
	const char *date;
	if (query_date(r, "date", date_buf, &date) != 0)
		return H_ERROR;
	FundFigures f = {0};
	FiguresCtx c = {r, by_child ? json_array() : NULL};
	Err e = {0};
	if (fund_figures(r->db, &r->actor, unit, date, by_child, &f, by_child ? figures_row : NULL, &c, &e) != 0) {
		json_decref(c.items);
		return resp_err(r, &e);
	}
	json_t *j = json_pack("{s:o, s:o, s:o}", "unit", fj_str(unit), "date", fj_str(date), "figures",
			      figures_json(r, &f));
	if (by_child)
		json_object_set_new(j, "children", c.items);
	return resp_json(r, 200, j);
}
