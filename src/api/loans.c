/* API: a club's revolving loans (list, lend, read with schedule and payments as of a date, repay,
 * write off) and the planned schedule of a loan. Money is integer đồng, rates basis points a
 * month in answers, dates ISO. The rules (interest first, then principal; arrears; who confirms a
 * write-off) live in core/loan.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/fundjson.h"
#include "core/loan.h"
#include "lib/vi.h"

static json_t *instalment_json(const Instalment *it)
{
	return json_pack("{s:i, s:s, s:I, s:I, s:I, s:I}", "k", it->k, "due_on", it->due_on, "principal",
			 (json_int_t)it->principal, "interest", (json_int_t)it->interest, "principal_unpaid",
			 (json_int_t)it->principal_unpaid, "amount", (json_int_t)(it->principal + it->interest));
}

static json_t *loan_json(const Req *r, const Loan *l)
{
	json_t *schedule = json_array(), *payments = json_array();
	for (size_t i = 0; i < l->nschedule; i++)
		json_array_append_new(schedule, instalment_json(&l->schedule_rows[i]));
	for (size_t i = 0; i < l->npayments; i++) {
		const LoanPayment *p = &l->payments[i];
		json_array_append_new(payments,
				      json_pack("{s:I, s:s, s:I, s:I, s:I, s:o, s:o, s:b, s:b, s:s}", "id", (json_int_t)p->id,
						"paid_on", p->paid_on, "principal", (json_int_t)p->principal, "interest",
						(json_int_t)p->interest, "amount", (json_int_t)(p->principal + p->interest),
						"principal_entry", fj_id(p->principal_entry), "interest_entry",
						fj_id(p->interest_entry), "reversed", p->reversed, "before_books",
						p->before_books, "recorded_by", p->recorded_by));
	}
	json_t *j = json_pack("{s:I, s:I, s:I, s:I, s:s, s:I, s:s, s:I, s:i, s:s, s:s, s:s, s:b, s:s, s:s}", "id",
			      (json_int_t)l->id, "club_id", (json_int_t)l->club_id, "no", (json_int_t)l->no, "member_id",
			      (json_int_t)l->member_id, "member_name", l->member_name, "principal",
			      (json_int_t)l->principal, "purpose", l->purpose, "rate_bp", (json_int_t)l->rate_bp, "term",
			      l->term, "schedule", l->schedule, "schedule_label", loan_schedule_label(l->schedule, r->lang),
			      "disbursed_on", l->disbursed_on, "opening", l->opening, "status", l->status, "status_label",
			      loan_status_label(l->status, r->lang));
	json_object_set_new(j, "principal_paid", json_integer(l->principal_paid));
	json_object_set_new(j, "interest_paid", json_integer(l->interest_paid));
	json_object_set_new(j, "outstanding", json_integer(l->outstanding));
	json_object_set_new(j, "written_off", json_integer(l->written_off));
	json_object_set_new(j, "write_off_reason", fj_str(l->write_off_reason));
	json_object_set_new(j, "write_off_on", fj_str(l->write_off_on));
	json_object_set_new(j, "write_off_confirmed_by", fj_id(l->write_off_confirmed_by));
	json_object_set_new(j, "write_off_confirmer", fj_str(l->write_off_confirmer));
	json_object_set_new(j, "disbursement_entry", fj_id(l->disbursement_entry));
	json_object_set_new(j, "handled_by", fj_str(l->handled_by));
	json_object_set_new(j, "note", fj_str(l->note));
	json_object_set_new(j, "created_by", json_string(l->created_by));
	json_object_set_new(j, "created_at", json_string(l->created_at));
	json_object_set_new(j, "asof", json_string(l->asof));
	json_object_set_new(j, "interest_due", json_integer(l->interest_due));
	json_object_set_new(j, "principal_due", json_integer(l->principal_due));
	json_object_set_new(j, "arrears_days", json_integer(l->arrears_days));
	json_object_set_new(j, "next_due_on", fj_str(l->next_due_on));
	json_object_set_new(j, "next_due_amount", json_integer(l->next_due_amount));
	json_object_set_new(j, "payoff", json_integer(l->payoff));
	json_object_set_new(j, "instalments", schedule);
	json_object_set_new(j, "payments", payments);
	return j;
}

/* The loan as of asof (NULL today), answered with status; extra (stolen, may be NULL) is merged
 * into the answer. */
static HandlerResult loan_answer(Req *r, int64_t club_id, int64_t loan_id, const char *asof, int status, json_t *extra)
{
	Loan l;
	Err e = {0};
	if (loan_get(r->db, &r->actor, club_id, loan_id, asof, &l, &e) != 0) {
		json_decref(extra);
		return resp_err(r, &e);
	}
	json_t *j = loan_json(r, &l);
	loan_free(&l);
	if (extra) {
		json_object_update(j, extra);
		json_decref(extra);
	}
	return resp_json(r, status, j);
}

/* ---- the loans of a club ---- */

typedef struct ListCtx {
	json_t *items;
} ListCtx;

static void loan_item(const LoanRow *row, void *arg)
{
	ListCtx *c = arg;
	json_array_append_new(c->items,
			      json_pack("{s:I, s:I, s:I, s:s, s:I, s:I, s:s, s:s, s:I, s:o}", "id", (json_int_t)row->id,
					"no", (json_int_t)row->no, "member_id", (json_int_t)row->member_id, "member_name",
					row->member_name, "principal", (json_int_t)row->principal, "outstanding",
					(json_int_t)row->outstanding, "disbursed_on", row->disbursed_on, "status",
					row->status, "arrears_days", (json_int_t)row->arrears_days, "next_due_on",
					fj_str(row->next_due_on)));
}

HandlerResult api_club_loans(Req *r)
{
	int64_t id = fj_club(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	const char *status = req_query(r, "status");
	if (status && (!*status || strcmp(status, "all") == 0))
		status = NULL;
	if (status && strcmp(status, "active") != 0 && strcmp(status, "closed") != 0)
		return resp_error(r, E_INVALID, "status", "active | closed | all");
	int64_t member = 0;
	const char *m = req_query(r, "member");
	if (m && *m && (member = req_param_id(r, "member")) <= 0)
		return resp_error(r, E_INVALID, "member", NULL);
	ListCtx c = {json_array()};
	Err e = {0};
	int n = loan_list(r->db, &r->actor, id, status, member, loan_item, &c, &e);
	if (n < 0) {
		json_decref(c.items);
		return resp_err(r, &e);
	}
	return resp_json(r, 200, json_pack("{s:I, s:o, s:i}", "club_id", (json_int_t)id, "items", c.items, "total", n));
}

/* The rate as core reads it (percent a month, decimal comma) from "rate" (text or a whole
 * percent) or "rate_bp" (basis points, an integer); *field names what the client sent. NULL
 * when neither. -1 after answering 422 for both at once or a rate_bp that is not a whole
 * number. */
static int rate_text(Req *r, const char *rate, const char *rate_bp, const char **out, const char **field)
{
	*out = rate;
	*field = "rate";
	if (!rate_bp)
		return 0;
	if (rate) {
		resp_error(r, E_INVALID, "rate_bp", tr(r, "gửi rate hoặc rate_bp, không cả hai", "send rate or rate_bp, not both"));
		return -1;
	}
	*field = "rate_bp";
	char *end;
	long long bp = strtoll(rate_bp, &end, 10);
	if (!*rate_bp || *end || bp < 0 || bp > 1000000) {
		resp_error(r, E_INVALID, "rate_bp", tr(r, "số nguyên điểm cơ bản một tháng (50 = 0,5%)",
						       "a whole number of basis points a month (50 = 0.5%)"));
		return -1;
	}
	*out = bp % 100 ? arena_printf(&r->arena, "%lld,%02lld", bp / 100, bp % 100) : arena_printf(&r->arena, "%lld", bp / 100);
	return 0;
}

/* The field an error names, as the client sent it ("rate" may have come as rate_bp). */
static const char *client_field(const char *field, const char *rate_field)
{
	return field && strcmp(field, "rate") == 0 ? rate_field : field;
}

HandlerResult api_club_loan_create(Req *r)
{
	static const char *const known[] = {"member", "principal", "purpose", "rate", "rate_bp", "term", "schedule",
					    "disbursed_on", "handled_by", "note", "opening", "outstanding", NULL};
	int64_t id = fj_club(r);
	if (!id)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	if (fj_check(r, known) != 0)
		return H_ERROR;
	const char *rate, *rate_field;
	if (rate_text(r, fj_text(r, "rate"), fj_text(r, "rate_bp"), &rate, &rate_field) != 0)
		return H_ERROR;
	const char *opening = fj_text(r, "opening");
	LoanInput in = {
		.member = fj_text(r, "member"),
		.principal = fj_text(r, "principal"),
		.purpose = fj_text(r, "purpose"),
		.rate = rate,
		.term = fj_text(r, "term"),
		.schedule = fj_text(r, "schedule"),
		.disbursed_on = fj_text(r, "disbursed_on"),
		.handled_by = fj_text(r, "handled_by"),
		.note = fj_text(r, "note"),
		.opening = opening && strcmp(opening, "1") == 0,
		.outstanding = fj_text(r, "outstanding"),
	};
	Err e = {0};
	int64_t lid = loan_create(r->db, &r->actor, id, &in, &e);
	if (lid < 0)
		return resp_error(r, e.code, client_field(e.field, rate_field), e.detail);
	return loan_answer(r, id, lid, NULL, 201, NULL);
}

HandlerResult api_club_loan_show(Req *r)
{
	int64_t id = fj_club(r), lid = req_param_id(r, "lid");
	if (!id || !lid)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	const char *s = req_query(r, "asof");
	char asof[VI_DATE_BUFSZ];
	if (s && *s && vi_parse_date(s, asof) != VI_OK)
		return resp_error(r, E_DATE, "asof", NULL);
	return loan_answer(r, id, lid, s && *s ? asof : NULL, 200, NULL);
}

HandlerResult api_club_loan_repay(Req *r)
{
	static const char *const known[] = {"date", "amount", "handled_by", "note", NULL};
	int64_t id = fj_club(r), lid = req_param_id(r, "lid");
	if (!id || !lid)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	if (fj_check(r, known) != 0)
		return H_ERROR;
	RepayInput in = {
		.date = fj_text(r, "date"),
		.amount = fj_text(r, "amount"),
		.handled_by = fj_text(r, "handled_by"),
		.note = fj_text(r, "note"),
	};
	int64_t principal = 0, interest = 0;
	Err e = {0};
	int64_t pid = loan_repay(r->db, &r->actor, id, lid, &in, &principal, &interest, &e);
	if (pid < 0)
		return resp_err(r, &e);
	json_t *paid = json_pack("{s:{s:I, s:I, s:I}}", "payment", "id", (json_int_t)pid, "principal",
				 (json_int_t)principal, "interest", (json_int_t)interest);
	return loan_answer(r, id, lid, NULL, 201, paid);
}

HandlerResult api_club_loan_write_off(Req *r)
{
	static const char *const known[] = {"date", "reason", "confirmed_by", NULL};
	int64_t id = fj_club(r), lid = req_param_id(r, "lid");
	if (!id || !lid)
		return resp_error(r, E_NOT_FOUND, NULL, NULL);
	if (fj_check(r, known) != 0)
		return H_ERROR;
	Err e = {0};
	if (loan_write_off(r->db, &r->actor, id, lid, fj_text(r, "date"), fj_text(r, "reason"),
			   fj_text(r, "confirmed_by"), &e) != 0)
		return resp_err(r, &e);
	return loan_answer(r, id, lid, NULL, 200, NULL);
}

/* ---- the planned schedule ---- */

/* Today in Vietnam (UTC+7), ISO. */
static void today_vn(char out[11])
{
	time_t t = time(NULL) + 7 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

HandlerResult api_loan_plan(Req *r)
{
	const char *rate, *rate_field;
	if (rate_text(r, req_query(r, "rate"), req_query(r, "rate_bp"), &rate, &rate_field) != 0)
		return H_ERROR;
	const char *disbursed_on = req_query(r, "disbursed_on");
	char today[VI_DATE_BUFSZ];
	if (!disbursed_on || !*disbursed_on) {
		today_vn(today);
		disbursed_on = today;
	}
	/* loan_check wants a member and a purpose too; a plan has neither (it is never written). */
	const char *schedule_q = req_query(r, "schedule");
	LoanInput in = {
		.member = "1",
		.principal = req_query(r, "principal"),
		.purpose = "-",
		.rate = rate,
		.term = req_query(r, "term"),
		.schedule = schedule_q && *schedule_q ? schedule_q : "equal",
		.disbursed_on = disbursed_on,
	};
	int64_t principal, rate_bp;
	int term;
	char on[11];
	Err e = {0};
	if (loan_check(&in, &principal, &rate_bp, &term, on, &e) != 0)
		return resp_error(r, e.code, client_field(e.field, rate_field), e.detail);
	Instalment *rows = calloc((size_t)term, sizeof *rows);
	if (!rows)
		return H_FATAL;
	const char *schedule = in.schedule;
	if (loan_plan(principal, rate_bp, term, schedule, on, rows) != 0) {
		free(rows);
		return resp_error(r, E_INVALID, "term", NULL);
	}
	json_t *items = json_array();
	int64_t total_interest = 0;
	for (int i = 0; i < term; i++) {
		json_array_append_new(items, instalment_json(&rows[i]));
		total_interest += rows[i].interest;
	}
	free(rows);
	return resp_json(r, 200,
			 json_pack("{s:I, s:I, s:i, s:s, s:s, s:I, s:I, s:o}", "principal", (json_int_t)principal,
				   "rate_bp", (json_int_t)rate_bp, "term", term, "schedule", schedule, "disbursed_on", on,
				   "total_interest", (json_int_t)total_interest, "total",
				   (json_int_t)(principal + total_interest), "instalments", items));
}
