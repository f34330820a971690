/* The monthly report of a club: reading it with its computed values, saving typed values into a
 * draft and submitting it, each behind the checks of the indicator catalogue (see report.h). */
#include "core/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/club.h"
#include "lib/vi.h"

static const char *who(const Actor *by)
{
	return by->username[0] ? by->username : "cli";
}

static int is_en(const Actor *by)
{
	return strcmp(by->lang, "en") == 0;
}

/* "YYYY-MM": a real month, not after this month, not before the club was founded. Fills the
 * month's first and last day. 0, or -1 with e set on "period". */
static int period_check(Db *db, const Actor *by, const Club *c, const char *period, char first[11],
			char last[11], Err *e)
{
	(void)db;
	int ok = period && strlen(period) == REPORT_PERIOD_LEN && period[4] == '-';
	for (int i = 0; ok && i < REPORT_PERIOD_LEN; i++)
		ok = i == 4 || (period[i] >= '0' && period[i] <= '9');
	int year = ok ? (int)strtol(period, NULL, 10) : 0, month = ok ? (int)strtol(period + 5, NULL, 10) : 0;
	if (!ok || year < 1900 || month < 1 || month > 12)
		return err_setf(e, E_PERIOD, "period", "%s",
				is_en(by) ? "write the month as YYYY-MM, e.g. 2026-01" : "viết tháng dạng YYYY-MM, ví dụ 2026-01");
	char now[21];
	db_now_iso(now);
	if (strncmp(period, now, REPORT_PERIOD_LEN) > 0)
		return err_setf(e, E_PERIOD, "period", "%s",
				is_en(by) ? "the month has not come yet" : "tháng này chưa tới");
	if (c->founded_on[0] && strncmp(period, c->founded_on, REPORT_PERIOD_LEN) < 0) {
		char d[VI_DATE_BUFSZ];
		return err_setf(e, E_PERIOD, "period", is_en(by) ? "the club was founded on %s" : "CLB thành lập ngày %s",
				vi_format_date(c->founded_on, d) ? d : c->founded_on);
	}
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int last_day = days[month - 1];
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		last_day = 29;
	memcpy(first, period, REPORT_PERIOD_LEN);
	memcpy(first + REPORT_PERIOD_LEN, "-01", 4);
	memcpy(last, period, REPORT_PERIOD_LEN);
	last[7] = '-';
	last[8] = (char)('0' + last_day / 10);
	last[9] = (char)('0' + last_day % 10);
	last[10] = '\0';
	return 0;
}

typedef struct Items {
	ReportItem *items;
	size_t count, cap;
	int failed;
} Items;

static void item_add(const Indicator *x, void *arg)
{
	Items *it = arg;
	if (it->failed)
		return;
	if (it->count == it->cap) {
		size_t cap = it->cap ? it->cap * 2 : 48;
		ReportItem *n = realloc(it->items, cap * sizeof *n);
		if (!n) {
			it->failed = 1;
			return;
		}
		it->items = n;
		it->cap = cap;
	}
	ReportItem *ri = &it->items[it->count++];
	memset(ri, 0, sizeof *ri);
	ri->ind = *x;
	ri->computed = strcmp(x->source, "members") == 0;
}

static ReportItem *item_find(Report *r, const char *code)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->items[i].ind.code, code) == 0)
			return &r->items[i];
	return NULL;
}

/* The member figures of the month from the book: on the book on the last day, and the comings
 * and goings during the month. */
#define MEMBER_FIGURES_SQL                                                                            \
	"SELECT COALESCE(SUM(CASE WHEN m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on > $3) THEN 1 ELSE 0 END), 0), " \
	"COALESCE(SUM(CASE WHEN m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on > $3) AND "         \
	" ((m.birth_date IS NOT NULL AND m.birth_date <= $4) OR (m.birth_date IS NULL AND m.birth_year <= $5)) " \
	" THEN 1 ELSE 0 END), 0), "                                                                      \
	"COALESCE(SUM(CASE WHEN m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on > $3) AND m.sex = 'F' THEN 1 ELSE 0 END), 0), " \
	"COALESCE(SUM(CASE WHEN m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on > $3) AND m.household <> 'other' THEN 1 ELSE 0 END), 0), " \
	"COALESCE(SUM(CASE WHEN m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on > $3) AND m.disability = 1 THEN 1 ELSE 0 END), 0), " \
	"COALESCE(SUM(CASE WHEN m.joined_on >= $2 AND m.joined_on <= $3 THEN 1 ELSE 0 END), 0), "         \
	"COALESCE(SUM(CASE WHEN m.left_on IS NOT NULL AND m.left_on >= $2 AND m.left_on <= $3 THEN 1 ELSE 0 END), 0) " \
	"FROM members m WHERE m.club_id = $1"

static int member_figures(Db *db, Report *r, const char *first, const char *last)
{
	int age = settings_older_age(db);
	int year = (int)strtol(last, NULL, 10);
	char cut[11];
	snprintf(cut, sizeof cut, "%04d%s", year - age, last + 4);
	Stmt *st = db_stmt(db, "report_member_figures", MEMBER_FIGURES_SQL);
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, r->club_id);
	db_bind_text(st, 2, first);
	db_bind_text(st, 3, last);
	db_bind_text(st, 4, cut);
	db_bind_int(st, 5, year - age);
	DbStatus s = db_step(st);
	if (s != DB_ROW)
		return -(int)(s == DB_DONE ? DB_ERROR : s);
	static const char *const codes[] = {"MEM_TOTAL", "MEM_OLDER", "MEM_WOMEN", "MEM_POOR",
					    "MEM_DISAB", "MEM_JOINED", "MEM_LEFT"};
	for (int i = 0; i < 7; i++) {
		ReportItem *ri = item_find(r, codes[i]);
		if (ri && ri->computed) {
			ri->has_value = 1;
			ri->value = db_col_int(st, i);
		}
	}
	db_reset(st);
	return 0;
}

void report_free(Report *r)
{
	free(r->items);
	r->items = NULL;
	r->count = 0;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* Loads the month: the role, the club in scope, the period, the stored row and values, the
 * catalogue and the computed figures. 0, 1 with e set (bad input), or a negative store status. */
static int report_load(Db *db, const Actor *by, int64_t club_id, const char *period, Report *out, Err *e)
{
	memset(out, 0, sizeof *out);
	if (by->role == ROLE_VIEWER || by->role == ROLE_NONE) {
		err_set(e, E_FORBIDDEN, NULL);
		return 1;
	}
	Club *c = malloc(sizeof *c);
	if (!c)
		return -DB_ERROR;
	int have = club_get(db, by, club_id, c);
	if (have <= 0) {
		free(c);
		if (have < 0)
			return -DB_ERROR;
		err_set(e, E_NOT_FOUND, NULL);
		return 1;
	}
	char first[11], last[11];
	int bad = period_check(db, by, c, period, first, last, e);
	free(c);
	if (bad)
		return 1;
	out->club_id = club_id;
	copy(out->period, sizeof out->period, period);
	Stmt *st = db_stmt(db, "report_row",
			   "SELECT id, catalogue_version, status, created_at, created_by, updated_at, updated_by, "
			   "submitted_at, submitted_by FROM reports WHERE club_id = $1 AND period = $2");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, period);
	DbStatus s = db_step(st);
	if (s == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->catalogue_version = db_col_int(st, 1);
		copy(out->status, sizeof out->status, db_col_text(st, 2));
		copy(out->created_at, sizeof out->created_at, db_col_text(st, 3));
		copy(out->created_by, sizeof out->created_by, db_col_text(st, 4));
		copy(out->updated_at, sizeof out->updated_at, db_col_text(st, 5));
		copy(out->updated_by, sizeof out->updated_by, db_col_text(st, 6));
		copy(out->submitted_at, sizeof out->submitted_at, db_col_text(st, 7));
		copy(out->submitted_by, sizeof out->submitted_by, db_col_text(st, 8));
		db_reset(st);
	} else if (s == DB_DONE) {
		snprintf(out->status, sizeof out->status, "%s", "draft");
		out->catalogue_version = indicator_version_current(db);
		if (out->catalogue_version < 0)
			return -DB_ERROR;
	} else {
		return -(int)s;
	}
	Items it = {0};
	if (indicator_list(db, out->catalogue_version, item_add, &it) < 0 || it.failed) {
		free(it.items);
		return -DB_ERROR;
	}
	out->items = it.items;
	out->count = it.count;
	if (out->id) {
		st = db_stmt(db, "report_values", "SELECT code, value FROM report_values WHERE report_id = $1");
		if (!st)
			return -DB_ERROR;
		db_bind_int(st, 1, out->id);
		while ((s = db_step(st)) == DB_ROW) {
			ReportItem *ri = item_find(out, db_col_text(st, 0));
			if (ri && !ri->computed) {
				ri->has_value = 1;
				ri->value = db_col_int(st, 1);
			}
		}
		if (s != DB_DONE)
			return -(int)s;
	}
	return member_figures(db, out, first, last);
}

typedef struct GetRead {
	const Actor *by;
	int64_t club_id;
	const char *period;
	Report *out;
	Err *e;
} GetRead;

static int get_read(Db *db, void *arg)
{
	GetRead *g = arg;
	return report_load(db, g->by, g->club_id, g->period, g->out, g->e);
}

int report_get(Db *db, const Actor *by, int64_t club_id, const char *period, Report *out, Err *e)
{
	GetRead g = {by, club_id, period, out, e};
	int rc = db_read(db, get_read, &g);
	if (rc == 0)
		return 0;
	report_free(out);
	return rc > 0 ? -1 : err_set(e, err_from_db(rc), NULL);
}

/* ---- checks ---- */

static void problem(ReportProblems *p, const char *code, const char *vi, const char *en)
{
	if (p->count == REPORT_PROBLEMS_MAX)
		return;
	ReportProblem *x = &p->items[p->count++];
	copy(x->code, sizeof x->code, code);
	copy(x->vi, sizeof x->vi, vi);
	copy(x->en, sizeof x->en, en);
}

static const char *shown(const ReportItem *ri, char buf[VI_NUM_BUFSZ])
{
	return strcmp(ri->ind.kind, "money") == 0 ? vi_format_money(ri->value, buf) : vi_format_int(ri->value, buf);
}

/* The rules "<= CODE" and ">= CODE" on the month's values; a rule with a value missing on either
 * side says nothing. The balance rule ("= previous ...") is not checked yet. */
static void rules_check(Report *r, ReportProblems *p)
{
	for (size_t i = 0; i < r->count; i++) {
		const ReportItem *a = &r->items[i];
		const char *rule = a->ind.check;
		int le = strncmp(rule, "<=", 2) == 0, ge = strncmp(rule, ">=", 2) == 0;
		if (!(le || ge) || !a->has_value)
			continue;
		const char *code = rule + 2;
		while (*code == ' ')
			code++;
		const ReportItem *b = item_find(r, code);
		if (!b || !b->has_value)
			continue;
		if (le ? a->value <= b->value : a->value >= b->value)
			continue;
		char va[VI_NUM_BUFSZ], vb[VI_NUM_BUFSZ], vi[REPORT_MESSAGE_MAX], en[REPORT_MESSAGE_MAX];
		snprintf(vi, sizeof vi, "%s (%s) không được %s %s (%s)", a->ind.label_vi, shown(a, va),
			 le ? "lớn hơn" : "nhỏ hơn", b->ind.label_vi, shown(b, vb));
		snprintf(en, sizeof en, "%s (%s) must not be %s %s (%s)", a->ind.label_en, va,
			 le ? "more than" : "less than", b->ind.label_en, vb);
		problem(p, a->ind.code, vi, en);
	}
}

/* Parses and puts the typed values into r (which then holds the month as it would be saved);
 * problems go to p. */
static void values_check(Report *r, const ReportValue *values, size_t n, ReportProblems *p)
{
	for (size_t i = 0; i < n; i++) {
		const ReportValue *v = &values[i];
		char vi[REPORT_MESSAGE_MAX], en[REPORT_MESSAGE_MAX];
		ReportItem *ri = v->code ? item_find(r, v->code) : NULL;
		if (!ri) {
			snprintf(vi, sizeof vi, "Chỉ tiêu %s không có trong danh mục của báo cáo (phiên bản %lld)",
				 v->code ? v->code : "", (long long)r->catalogue_version);
			snprintf(en, sizeof en, "There is no indicator %s in the report's catalogue (version %lld)",
				 v->code ? v->code : "", (long long)r->catalogue_version);
			problem(p, v->code ? v->code : "", vi, en);
			continue;
		}
		const char *lv = ri->ind.label_vi, *le = ri->ind.label_en;
		if (ri->computed) {
			snprintf(vi, sizeof vi, "%s được tính từ sổ thành viên, không nhập tay", lv);
			snprintf(en, sizeof en, "%s is computed from the member book and cannot be typed", le);
			problem(p, ri->ind.code, vi, en);
			continue;
		}
		if (!v->text) {
			ri->has_value = 0;
			continue;
		}
		int64_t x = 0;
		int money = strcmp(ri->ind.kind, "money") == 0;
		int rc = money ? vi_parse_money(v->text, &x) : vi_parse_int(v->text, &x);
		if (rc == VI_OK && money && x > VI_MONEY_MAX)
			rc = VI_ERR_RANGE;
		if (rc != VI_OK) {
			snprintf(vi, sizeof vi, "%s: %s", lv, vi_error_message(rc, "vi"));
			snprintf(en, sizeof en, "%s: %s", le, vi_error_message(rc, "en"));
			problem(p, ri->ind.code, vi, en);
			continue;
		}
		if (x < 0) {
			snprintf(vi, sizeof vi, "%s không được là số âm (%lld)", lv, (long long)x);
			snprintf(en, sizeof en, "%s cannot be negative (%lld)", le, (long long)x);
			problem(p, ri->ind.code, vi, en);
			continue;
		}
		if (strcmp(ri->ind.kind, "yesno") == 0 && x > 1) {
			snprintf(vi, sizeof vi, "%s chỉ nhận 1 (có) hoặc 0 (không), không phải %lld", lv, (long long)x);
			snprintf(en, sizeof en, "%s takes 1 (yes) or 0 (no), not %lld", le, (long long)x);
			problem(p, ri->ind.code, vi, en);
			continue;
		}
		ri->has_value = 1;
		ri->value = x;
	}
}

/* ---- writing ---- */

typedef struct SaveTx {
	const Actor *by;
	int64_t club_id;
	const char *period;
	const ReportValue *values;
	size_t n;
	int submit;
	ReportProblems *p;
	Err *e;
} SaveTx;

static json_t *values_json(const Report *r, const ReportValue *values, size_t n)
{
	json_t *o = json_object();
	for (size_t i = 0; i < n; i++) {
		ReportItem *ri = item_find((Report *)r, values[i].code);
		if (ri)
			json_object_set_new(o, ri->ind.code, ri->has_value ? json_integer(ri->value) : json_null());
	}
	return o;
}

static int save_tx(Db *db, void *arg)
{
	SaveTx *t = arg;
	t->p->count = 0;
	Report r;
	int rc = report_load(db, t->by, t->club_id, t->period, &r, t->e);
	if (rc == 0 && t->by->role == ROLE_CENTRAL) {
		err_set(t->e, E_FORBIDDEN, NULL);
		rc = 1;
	}
	if (rc == 0 && strcmp(r.status, "submitted") == 0) {
		err_set(t->e, E_REPORT_LOCKED, NULL);
		rc = 1;
	}
	if (rc) {
		report_free(&r);
		return rc;
	}
	json_t *before = json_object();
	json_object_set_new(before, "status", json_string(r.id ? r.status : "none"));
	json_object_set_new(before, "values", values_json(&r, t->values, t->n));
	values_check(&r, t->values, t->n, t->p);
	if (!t->p->count)
		rules_check(&r, t->p);
	if (t->p->count) {
		err_set(t->e, E_REPORT_CHECK, NULL);
		report_free(&r);
		json_decref(before);
		return 1;
	}
	char now[21];
	db_now_iso(now);
	Stmt *st;
	DbStatus s = DB_OK;
	if (!r.id) {
		st = db_stmt(db, "report_insert",
			     "INSERT INTO reports (club_id, period, catalogue_version, status, created_at, created_by, "
			     "updated_at, updated_by) VALUES ($1, $2, $3, 'draft', $4, $5, $4, $5)");
		if (!st)
			goto fail;
		db_bind_int(st, 1, r.club_id);
		db_bind_text(st, 2, r.period);
		db_bind_int(st, 3, r.catalogue_version);
		db_bind_text(st, 4, now);
		db_bind_text(st, 5, who(t->by));
		if ((s = db_exec_stmt(st)) != DB_OK)
			goto fail;
		r.id = db_last_id(db);
	}
	for (size_t i = 0; i < t->n; i++) {
		ReportItem *ri = item_find(&r, t->values[i].code);
		if (ri->has_value) {
			st = db_stmt(db, "report_value_put",
				     "INSERT INTO report_values (report_id, code, value) VALUES ($1, $2, $3) "
				     "ON CONFLICT (report_id, code) DO UPDATE SET value = $3");
			if (!st)
				goto fail;
			db_bind_int(st, 3, ri->value);
		} else {
			st = db_stmt(db, "report_value_clear", "DELETE FROM report_values WHERE report_id = $1 AND code = $2");
			if (!st)
				goto fail;
		}
		db_bind_int(st, 1, r.id);
		db_bind_text(st, 2, ri->ind.code);
		if ((s = db_exec_stmt(st)) != DB_OK)
			goto fail;
	}
	st = t->submit ? db_stmt(db, "report_submit",
				 "UPDATE reports SET status = 'submitted', updated_at = $2, updated_by = $3, "
				 "submitted_at = $2, submitted_by = $3 WHERE id = $1")
		       : db_stmt(db, "report_touch", "UPDATE reports SET updated_at = $2, updated_by = $3 WHERE id = $1");
	if (!st)
		goto fail;
	db_bind_int(st, 1, r.id);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, who(t->by));
	if ((s = db_exec_stmt(st)) != DB_OK)
		goto fail;
	json_t *after = json_pack("{s:I, s:s, s:I, s:s, s:o}", "club_id", (json_int_t)r.club_id, "period", r.period,
				  "catalogue_version", (json_int_t)r.catalogue_version, "status",
				  t->submit ? "submitted" : "draft", "values", values_json(&r, t->values, t->n));
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)r.id);
	s = audit_write(db, t->by, t->submit ? "submit" : "save", "report", id, before, after);
	json_decref(after);
	json_decref(before);
	report_free(&r);
	return s == DB_OK ? 0 : -(int)s;
fail:
	json_decref(before);
	report_free(&r);
	return -(int)(s != DB_OK ? s : DB_ERROR);
}

static int save_run(Db *db, SaveTx *t)
{
	ReportProblems *local = NULL;
	if (!t->p) {
		local = malloc(sizeof *local);
		if (!local)
			return err_set(t->e, E_INTERNAL, NULL);
		t->p = local;
	}
	int rc = db_tx(db, save_tx, t);
	if (rc > 0) {
		/* The first problem's indicator is the field (valid while p lives). */
		if (t->e->code == E_REPORT_CHECK)
			t->e->field = !local && t->p->count ? t->p->items[0].code : NULL;
		free(local);
		return -1;
	}
	free(local);
	return rc ? err_set(t->e, err_from_db(rc), NULL) : 0;
}

int report_save(Db *db, const Actor *by, int64_t club_id, const char *period, const ReportValue *values,
		size_t n, const ReportSaveOpts *opts, ReportProblems *p, Err *e)
{
	(void)opts;
	SaveTx t = {.by = by, .club_id = club_id, .period = period, .values = values, .n = n, .p = p, .e = e};
	return save_run(db, &t);
}

int report_submit(Db *db, const Actor *by, int64_t club_id, const char *period, const ReportValue *values,
		  size_t n, const ReportSaveOpts *opts, ReportProblems *p, Err *e)
{
	(void)opts;
	SaveTx t = {.by = by, .club_id = club_id, .period = period, .values = values, .n = n, .submit = 1, .p = p, .e = e};
	return save_run(db, &t);
}
