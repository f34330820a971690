/* The indicator catalogue as versioned data (see indicator.h). Every change is checked in full
 * before anything is written, and writes its version row, the indicator rows and an audit record
 * in one transaction. */
#include "core/indicator.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "lib/embed.h"
#include "lib/table.h"
#include "lib/vi.h"

const IndicatorArea indicator_areas[] = {
	{"members", "Thành viên", "Members"},
	{"governance", "Sinh hoạt và quản lý CLB", "Meetings and management"},
	{"income", "1. Tăng thu nhập, sinh kế", "1. Income generation and livelihoods"},
	{"health", "2. Chăm sóc sức khỏe", "2. Health care"},
	{"homecare", "3. Chăm sóc tại nhà", "3. Home care"},
	{"rights", "4. Quyền và chính sách", "4. Rights and entitlements"},
	{"learning", "5. Nâng cao nhận thức, học tập suốt đời", "5. Awareness and lifelong learning"},
	{"culture", "6. Văn hóa, tinh thần, thăm hỏi", "6. Culture, spiritual life and visits"},
	{"mutual", "7. Tương trợ và hoạt động cộng đồng", "7. Mutual and community help"},
	{"resources", "8. Huy động nguồn lực", "8. Resource mobilisation"},
};
const size_t indicator_area_count = sizeof indicator_areas / sizeof *indicator_areas;

static const char *const kinds[] = {"count", "money", "yesno", NULL};
static const char *const sources[] = {"entered", "members", "ledger", NULL};
static const char *const over_times[] = {"sum", "last", NULL};

const char *indicator_area_label(const char *area, const char *lang)
{
	for (size_t i = 0; area && i < indicator_area_count; i++)
		if (strcmp(indicator_areas[i].code, area) == 0)
			return lang && strcmp(lang, "en") == 0 ? indicator_areas[i].en : indicator_areas[i].vi;
	return area ? area : "";
}

static int area_known(const char *s)
{
	for (size_t i = 0; i < indicator_area_count; i++)
		if (strcmp(indicator_areas[i].code, s) == 0)
			return 1;
	return 0;
}

static int one_of(const char *const *set, const char *s)
{
	for (; *set; set++)
		if (strcmp(*set, s) == 0)
			return 1;
	return 0;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* ---- reading ---- */

#define IND_COLS                                                                                        \
	"id, code, area, kind, source, over_time, label_vi, label_en, definition_en, definition_vi, " \
	"check_rule, position, from_version, COALESCE(until_version, 0)"
#define IN_FORCE_AT(v) "from_version <= " v " AND (until_version IS NULL OR until_version > " v ")"

static void ind_fill(Stmt *st, Indicator *x)
{
	x->id = db_col_int(st, 0);
	copy(x->code, sizeof x->code, db_col_text(st, 1));
	copy(x->area, sizeof x->area, db_col_text(st, 2));
	copy(x->kind, sizeof x->kind, db_col_text(st, 3));
	copy(x->source, sizeof x->source, db_col_text(st, 4));
	copy(x->over_time, sizeof x->over_time, db_col_text(st, 5));
	copy(x->label_vi, sizeof x->label_vi, db_col_text(st, 6));
	copy(x->label_en, sizeof x->label_en, db_col_text(st, 7));
	copy(x->definition_en, sizeof x->definition_en, db_col_text(st, 8));
	copy(x->definition_vi, sizeof x->definition_vi, db_col_text(st, 9));
	copy(x->check, sizeof x->check, db_col_text(st, 10));
	x->position = db_col_int(st, 11);
	x->from_version = db_col_int(st, 12);
	x->until_version = db_col_int(st, 13);
}

int64_t indicator_version_current(Db *db)
{
	Stmt *st = db_stmt(db, "indicator_version_current", "SELECT COALESCE(MAX(number), 0) FROM indicator_versions");
	if (!st)
		return -1;
	int64_t n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	return n;
}

static void version_fill(Stmt *st, IndicatorVersion *v)
{
	v->number = db_col_int(st, 0);
	copy(v->made_at, sizeof v->made_at, db_col_text(st, 1));
	copy(v->made_by, sizeof v->made_by, db_col_text(st, 2));
	copy(v->change, sizeof v->change, db_col_text(st, 3));
	copy(v->code, sizeof v->code, db_col_text(st, 4));
	copy(v->note, sizeof v->note, db_col_text(st, 5));
}

#define VERSION_COLS "number, made_at, made_by, change, COALESCE(code, ''), note"

int indicator_version_get(Db *db, int64_t n, IndicatorVersion *v)
{
	Stmt *st = db_stmt(db, "indicator_version_get", "SELECT " VERSION_COLS " FROM indicator_versions WHERE number = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, n);
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		version_fill(st, v);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

int64_t indicator_versions(Db *db, void (*fn)(const IndicatorVersion *v, void *arg), void *arg)
{
	Stmt *st = db_stmt(db, "indicator_versions", "SELECT " VERSION_COLS " FROM indicator_versions ORDER BY number DESC");
	if (!st)
		return -1;
	int64_t n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		IndicatorVersion v;
		version_fill(st, &v);
		if (fn)
			fn(&v, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}

static int64_t ind_each(Stmt *st, void (*fn)(const Indicator *in, void *arg), void *arg)
{
	int64_t n = 0;
	DbStatus s;
	Indicator *x = malloc(sizeof *x);
	if (!x) {
		db_reset(st);
		return -1;
	}
	while ((s = db_step(st)) == DB_ROW) {
		ind_fill(st, x);
		if (fn)
			fn(x, arg);
		n++;
	}
	free(x);
	db_reset(st);
	return s == DB_DONE ? n : -1;
}

int64_t indicator_list(Db *db, int64_t version, void (*fn)(const Indicator *in, void *arg), void *arg)
{
	if (version <= 0 && (version = indicator_version_current(db)) < 0)
		return -1;
	Stmt *st = db_stmt(db, "indicator_list",
			   "SELECT " IND_COLS " FROM indicators WHERE " IN_FORCE_AT("$1") " ORDER BY position, code");
	if (!st)
		return -1;
	db_bind_int(st, 1, version);
	return ind_each(st, fn, arg);
}

int indicator_get(Db *db, const char *code, int64_t version, Indicator *out)
{
	Stmt *st;
	if (version > 0) {
		st = db_stmt(db, "indicator_get_at",
			     "SELECT " IND_COLS " FROM indicators WHERE code = $1 AND " IN_FORCE_AT("$2"));
		if (!st)
			return -1;
		db_bind_int(st, 2, version);
	} else {
		st = db_stmt(db, "indicator_get_latest",
			     "SELECT " IND_COLS " FROM indicators WHERE code = $1 ORDER BY from_version DESC LIMIT 1");
		if (!st)
			return -1;
	}
	db_bind_text(st, 1, code ? code : "");
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		ind_fill(st, out);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

int64_t indicator_history(Db *db, const char *code, void (*fn)(const Indicator *in, void *arg), void *arg)
{
	Stmt *st = db_stmt(db, "indicator_history",
			   "SELECT " IND_COLS " FROM indicators WHERE code = $1 ORDER BY from_version");
	if (!st)
		return -1;
	db_bind_text(st, 1, code ? code : "");
	return ind_each(st, fn, arg);
}

/* ---- checking what is typed ---- */

static int code_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > INDICATOR_CODE_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* A word of a rule that names an amount the report does not hold ("written", "off"): lower-case
 * letters, Vietnamese ones included. */
static int rule_word(const char *s)
{
	if (!*s || strcmp(s, "previous") == 0)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p >= 0x80 || *p == '-'))
			return 0;
	return 1;
}

/* Normalised text (NFC, spaces tidied) of s into out. 0, or -1 with e set on field. */
static int text_in(const char *s, size_t max, int required, const char *field, char *out, size_t n, Err *e)
{
	char *norm = NULL;
	if (vi_normalize(s ? s : "", VI_NORM_SPACES, &norm) != VI_OK)
		return err_set(e, E_BAD_UTF8, field);
	int rc = 0;
	if (required && !*norm)
		rc = err_set(e, E_REQUIRED, field);
	else if (strlen(norm) > max)
		rc = err_set(e, E_TOO_LONG, field);
	else
		copy(out, n, norm);
	free(norm);
	return rc;
}

/* Is code known? 1 yes, 0 no, -1 store error. */
typedef int (*CodeKnownFn)(const char *code, void *arg);

/* Parses a rule (already normalised). 0 ok; -1 with e set (field "check"); -2 store error. */
static int rule_parse(const char *rule, CodeKnownFn known, void *arg, Err *e)
{
	if (!*rule)
		return 0;
	char buf[INDICATOR_CHECK_MAX + 1];
	copy(buf, sizeof buf, rule);
	char *save = NULL;
	char *tok = strtok_r(buf, " ", &save);
	if (!tok || !(strcmp(tok, "<=") == 0 || strcmp(tok, ">=") == 0 || strcmp(tok, "=") == 0))
		return err_setf(e, E_INVALID, "check", "check_syntax");
	int expect_term = 1, in_words = 0, after_previous = 0, codes = 0;
	while ((tok = strtok_r(NULL, " ", &save))) {
		if (expect_term || after_previous) {
			if (!after_previous && strcmp(tok, "previous") == 0) {
				after_previous = 1;
				continue;
			}
			if (code_valid(tok)) {
				int k = known(tok, arg);
				if (k < 0)
					return -2;
				if (!k)
					return err_setf(e, E_INVALID, "check", "check_unknown:%s", tok);
				codes++;
			} else if (!after_previous && rule_word(tok)) {
				in_words = 1;
			} else {
				return err_setf(e, E_INVALID, "check", "check_syntax");
			}
			expect_term = after_previous = 0;
		} else if (strcmp(tok, "+") == 0 || strcmp(tok, "-") == 0) {
			expect_term = 1;
			in_words = 0;
		} else if (!(in_words && rule_word(tok))) {
			return err_setf(e, E_INVALID, "check", "check_syntax");
		}
	}
	if (expect_term || after_previous || codes == 0)
		return err_setf(e, E_INVALID, "check", "check_syntax");
	return 0;
}

typedef struct DbKnown {
	Db *db;
	const char *self;
} DbKnown;

/* In force in the current catalogue (or the indicator being added). */
static int db_code_known(const char *code, void *arg)
{
	DbKnown *k = arg;
	if (k->self && strcmp(code, k->self) == 0)
		return 1;
	Stmt *st = db_stmt(k->db, "indicator_code_in_force",
			   "SELECT 1 FROM indicators WHERE code = $1 AND until_version IS NULL");
	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	DbStatus s = db_step(st);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

int indicator_check_rule(Db *db, const char *rule, const char *self, Err *e)
{
	char norm[INDICATOR_CHECK_MAX + 1];
	if (text_in(rule, INDICATOR_CHECK_MAX, 0, "check", norm, sizeof norm, e))
		return -1;
	DbKnown k = {db, self};
	int rc = rule_parse(norm, db_code_known, &k, e);
	if (rc == -2)
		return err_set(e, E_INTERNAL, NULL);
	return rc;
}

/* Checks the fields of a new indicator that need no database, into x. 0, or -1 with e set. */
static int fields_check(const IndicatorInput *in, Indicator *x, Err *e)
{
	memset(x, 0, sizeof *x);
	char code[64];
	if (text_in(in->code, sizeof code - 1, 1, "code", code, sizeof code, e))
		return -1;
	if (!code_valid(code))
		return err_setf(e, E_INVALID, "code", "code_format");
	memcpy(x->code, code, strlen(code) + 1); /* at most INDICATOR_CODE_MAX bytes: checked */
	const struct {
		const char *value, *field;
		const char *const *set;
		char *out;
		size_t n;
	} choices[] = {
		{in->area, "area", NULL, x->area, sizeof x->area},
		{in->kind, "kind", kinds, x->kind, sizeof x->kind},
		{in->source, "source", sources, x->source, sizeof x->source},
		{in->over_time, "over_time", over_times, x->over_time, sizeof x->over_time},
	};
	for (size_t i = 0; i < sizeof choices / sizeof *choices; i++) {
		const char *v = choices[i].value;
		if (!v || !*v)
			return err_set(e, E_REQUIRED, choices[i].field);
		if (choices[i].set ? !one_of(choices[i].set, v) : !area_known(v))
			return err_setf(e, E_INVALID, choices[i].field, "%s", choices[i].field);
		copy(choices[i].out, choices[i].n, v);
	}
	if (text_in(in->label_vi, INDICATOR_LABEL_MAX, 1, "label_vi", x->label_vi, sizeof x->label_vi, e) ||
	    text_in(in->label_en, INDICATOR_LABEL_MAX, 1, "label_en", x->label_en, sizeof x->label_en, e) ||
	    text_in(in->definition_vi, INDICATOR_DEFINITION_MAX, 0, "definition_vi", x->definition_vi,
		    sizeof x->definition_vi, e) ||
	    text_in(in->definition_en, INDICATOR_DEFINITION_MAX, 0, "definition_en", x->definition_en,
		    sizeof x->definition_en, e) ||
	    text_in(in->check, INDICATOR_CHECK_MAX, 0, "check", x->check, sizeof x->check, e))
		return -1;
	if (!x->definition_vi[0] && !x->definition_en[0])
		return err_set(e, E_REQUIRED, "definition_vi");
	return 0;
}

/* ---- writing ---- */

static json_t *ind_json(const Indicator *x)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "code", x->code, "area", x->area,
			 "kind", x->kind, "source", x->source, "over_time", x->over_time, "label_vi", x->label_vi,
			 "label_en", x->label_en, "definition_en", x->definition_en, "definition_vi",
			 x->definition_vi, "check", x->check);
}

/* Writes the next version row; its number in *number. DB_OK or a store error. */
static DbStatus version_new(Db *db, const Actor *by, const char *change, const char *code, const char *note,
			    int64_t *number)
{
	int64_t n = indicator_version_current(db);
	if (n < 0)
		return DB_ERROR;
	char now[21];
	db_now_iso(now);
	Stmt *st = db_stmt(db, "indicator_version_new",
			   "INSERT INTO indicator_versions (number, made_at, made_by, change, code, note) "
			   "VALUES ($1, $2, $3, $4, $5, $6)");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, n + 1);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, by->username[0] ? by->username : "system");
	db_bind_text(st, 4, change);
	db_bind_text(st, 5, code);
	db_bind_text(st, 6, note ? note : "");
	DbStatus s = db_exec_stmt(st);
	*number = n + 1;
	return s;
}

static DbStatus row_insert(Db *db, const Indicator *x, int64_t from)
{
	Stmt *st = db_stmt(db, "indicator_insert",
			   "INSERT INTO indicators (code, area, kind, source, over_time, label_vi, label_en, definition_en, "
			   "definition_vi, check_rule, position, from_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, x->code);
	db_bind_text(st, 2, x->area);
	db_bind_text(st, 3, x->kind);
	db_bind_text(st, 4, x->source);
	db_bind_text(st, 5, x->over_time);
	db_bind_text(st, 6, x->label_vi);
	db_bind_text(st, 7, x->label_en);
	db_bind_text(st, 8, x->definition_en);
	db_bind_text(st, 9, x->definition_vi);
	db_bind_text(st, 10, x->check);
	db_bind_int(st, 11, x->position);
	db_bind_int(st, 12, from);
	return db_exec_stmt(st);
}

static DbStatus row_close(Db *db, int64_t id, int64_t until)
{
	Stmt *st = db_stmt(db, "indicator_close", "UPDATE indicators SET until_version = $1 WHERE id = $2");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, until);
	db_bind_int(st, 2, id);
	return db_exec_stmt(st);
}

static DbStatus audit(Db *db, const Actor *by, const char *action, const char *code, int64_t version,
		      const Indicator *before, const Indicator *after)
{
	json_t *b = before ? ind_json(before) : NULL, *a = after ? ind_json(after) : NULL;
	if (b)
		json_object_set_new(b, "version", json_integer(before->from_version));
	if (a)
		json_object_set_new(a, "version", json_integer(version));
	else
		a = json_pack("{s:I}", "version", (json_int_t)version);
	DbStatus s = audit_write(db, by, action, "indicator", code, b, a);
	json_decref(b);
	json_decref(a);
	return s;
}

static int admin_only(const Actor *by, Err *e)
{
	return by->role == ROLE_ADMIN ? 0 : err_set(e, E_FORBIDDEN, NULL);
}

/* 0 ok, 1 = e set, negative = store trouble (as db_tx's callbacks). */
static int tx_result(int rc, Err *e)
{
	if (rc > 0)
		return -1;
	if (rc < 0)
		return err_set(e, err_from_db(rc), NULL);
	return 0;
}

typedef struct AddTx {
	const Actor *by;
	Indicator *x;
	const char *note;
	int64_t version;
	Err *e;
} AddTx;

static int add_tx(Db *db, void *arg)
{
	AddTx *t = arg;
	Indicator old;
	int have = indicator_get(db, t->x->code, 0, &old);
	if (have < 0)
		return -DB_ERROR;
	if (have) {
		err_setf(t->e, E_INVALID, "code", "code_taken");
		return 1;
	}
	DbKnown k = {db, t->x->code};
	int rc = rule_parse(t->x->check, db_code_known, &k, t->e);
	if (rc == -2)
		return -DB_ERROR;
	if (rc)
		return 1;
	Stmt *st = db_stmt(db, "indicator_next_position", "SELECT COALESCE(MAX(position), 0) + 1 FROM indicators");
	if (!st || db_step(st) != DB_ROW)
		return -DB_ERROR;
	t->x->position = db_col_int(st, 0);
	db_reset(st);
	DbStatus s = version_new(db, t->by, "add", t->x->code, t->note, &t->version);
	if (s == DB_OK)
		s = row_insert(db, t->x, t->version);
	if (s == DB_OK)
		s = audit(db, t->by, "add", t->x->code, t->version, NULL, t->x);
	return s == DB_OK ? 0 : -(int)s;
}

int64_t indicator_add(Db *db, const Actor *by, const IndicatorInput *in, Err *e)
{
	if (admin_only(by, e))
		return -1;
	Indicator *x = malloc(sizeof *x);
	if (!x)
		return err_set(e, E_INTERNAL, NULL);
	char note[INDICATOR_NOTE_MAX + 1];
	AddTx t = {by, x, note, 0, e};
	int64_t rc = -1;
	if (fields_check(in, x, e) == 0 && text_in(in->note, INDICATOR_NOTE_MAX, 0, "note", note, sizeof note, e) == 0 &&
	    tx_result(db_tx(db, add_tx, &t), e) == 0)
		rc = t.version;
	free(x);
	return rc;
}

typedef struct ChangeTx {
	const Actor *by;
	const char *code;
	const IndicatorInput *in;  /* reword: the new words, normalised; NULL = retire */
	const char *note;
	int64_t version;
	Err *e;
} ChangeTx;

/* The row of code in force now: 1, or 0 with e set (unknown or retired), or -1. */
static int current_row(Db *db, const char *code, Indicator *x, Err *e)
{
	int have = indicator_get(db, code, 0, x);
	if (have < 0)
		return -1;
	if (!have) {
		err_set(e, E_NOT_FOUND, NULL);
		return 0;
	}
	if (x->until_version) {
		err_setf(e, E_INVALID, NULL, "retired");
		return 0;
	}
	return 1;
}

/* 1 when rule names code as one of its terms. */
static int rule_names(const char *rule, const char *code)
{
	char buf[INDICATOR_CHECK_MAX + 1];
	copy(buf, sizeof buf, rule);
	char *save = NULL;
	for (char *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		if (strcmp(tok, code) == 0)
			return 1;
	return 0;
}

typedef struct UsedBy {
	const char *code;
	char by[INDICATOR_CODE_MAX + 1];
} UsedBy;

static void used_by_row(const Indicator *x, void *arg)
{
	UsedBy *u = arg;
	if (!u->by[0] && strcmp(x->code, u->code) != 0 && rule_names(x->check, u->code))
		copy(u->by, sizeof u->by, x->code);
}

static int change_tx(Db *db, void *arg)
{
	ChangeTx *t = arg;
	Indicator *old = malloc(2 * sizeof *old);
	if (!old)
		return -DB_ERROR;
	Indicator *neu = old + 1;
	int rc = current_row(db, t->code, old, t->e);
	if (rc <= 0) {
		free(old);
		return rc < 0 ? -DB_ERROR : 1;
	}
	const char *action = t->in ? "reword" : "retire";
	if (t->in) {
		*neu = *old;
		const IndicatorInput *in = t->in;
		if (in->label_vi)
			copy(neu->label_vi, sizeof neu->label_vi, in->label_vi);
		if (in->label_en)
			copy(neu->label_en, sizeof neu->label_en, in->label_en);
		if (in->definition_en)
			copy(neu->definition_en, sizeof neu->definition_en, in->definition_en);
		if (in->definition_vi)
			copy(neu->definition_vi, sizeof neu->definition_vi, in->definition_vi);
		if (!neu->definition_vi[0] && !neu->definition_en[0]) {
			err_set(t->e, E_REQUIRED, "definition_vi");
			free(old);
			return 1;
		}
		if (strcmp(neu->label_vi, old->label_vi) == 0 && strcmp(neu->label_en, old->label_en) == 0 &&
		    strcmp(neu->definition_en, old->definition_en) == 0 &&
		    strcmp(neu->definition_vi, old->definition_vi) == 0) {
			err_setf(t->e, E_INVALID, "label_vi", "same");
			free(old);
			return 1;
		}
	} else {
		UsedBy u = {t->code, ""};
		if (indicator_list(db, 0, used_by_row, &u) < 0) {
			free(old);
			return -DB_ERROR;
		}
		if (u.by[0]) {
			err_setf(t->e, E_INVALID, "code", "in_use:%s", u.by);
			free(old);
			return 1;
		}
	}
	DbStatus s = version_new(db, t->by, action, t->code, t->note, &t->version);
	if (s == DB_OK)
		s = row_close(db, old->id, t->version);
	if (s == DB_OK && t->in)
		s = row_insert(db, neu, t->version);
	if (s == DB_OK)
		s = audit(db, t->by, action, t->code, t->version, old, t->in ? neu : NULL);
	free(old);
	return s == DB_OK ? 0 : -(int)s;
}

int64_t indicator_reword(Db *db, const Actor *by, const char *code, const IndicatorInput *in, Err *e)
{
	if (admin_only(by, e))
		return -1;
	char *words = malloc(2 * (INDICATOR_LABEL_MAX + 1) + 2 * (INDICATOR_DEFINITION_MAX + 1));
	if (!words)
		return err_set(e, E_INTERNAL, NULL);
	char *lvi = words, *len = lvi + INDICATOR_LABEL_MAX + 1, *den = len + INDICATOR_LABEL_MAX + 1,
	     *dvi = den + INDICATOR_DEFINITION_MAX + 1;
	char note[INDICATOR_NOTE_MAX + 1];
	IndicatorInput norm = {0};
	int64_t rc = -1;
	if ((!in->label_vi || text_in(in->label_vi, INDICATOR_LABEL_MAX, 1, "label_vi", lvi, INDICATOR_LABEL_MAX + 1, e) == 0) &&
	    (!in->label_en || text_in(in->label_en, INDICATOR_LABEL_MAX, 1, "label_en", len, INDICATOR_LABEL_MAX + 1, e) == 0) &&
	    (!in->definition_vi ||
	     text_in(in->definition_vi, INDICATOR_DEFINITION_MAX, 0, "definition_vi", dvi, INDICATOR_DEFINITION_MAX + 1, e) == 0) &&
	    (!in->definition_en ||
	     text_in(in->definition_en, INDICATOR_DEFINITION_MAX, 0, "definition_en", den, INDICATOR_DEFINITION_MAX + 1, e) == 0) &&
	    text_in(in->note, INDICATOR_NOTE_MAX, 0, "note", note, sizeof note, e) == 0) {
		norm.label_vi = in->label_vi ? lvi : NULL;
		norm.label_en = in->label_en ? len : NULL;
		norm.definition_vi = in->definition_vi ? dvi : NULL;
		norm.definition_en = in->definition_en ? den : NULL;
		ChangeTx t = {by, code, &norm, note, 0, e};
		if (tx_result(db_tx(db, change_tx, &t), e) == 0)
			rc = t.version;
	}
	free(words);
	return rc;
}

int64_t indicator_retire(Db *db, const Actor *by, const char *code, const char *note, Err *e)
{
	if (admin_only(by, e))
		return -1;
	char n[INDICATOR_NOTE_MAX + 1];
	if (text_in(note, INDICATOR_NOTE_MAX, 0, "note", n, sizeof n, e))
		return -1;
	ChangeTx t = {by, code, NULL, n, 0, e};
	if (tx_result(db_tx(db, change_tx, &t), e))
		return -1;
	return t.version;
}

/* ---- the built-in catalogue ---- */

extern const EmbeddedFile ref_data[];

enum { COL_CODE, COL_AREA, COL_KIND, COL_SOURCE, COL_OVER, COL_LVI, COL_LEN, COL_DEN, COL_DVI, COL_CHECK, NCOLS };
static const char *const col_names[NCOLS] = {"code", "area", "kind", "source", "over_time", "label_vi",
					      "label_en", "definition_en", "definition_vi", "check"};

typedef struct Load {
	int col[NCOLS];          /* column of each field, -1 when the file has none */
	Indicator *rows;
	size_t n, alloc;
	Err *e;
	size_t bad_row;
} Load;

static int load_row(void *arg, size_t row_number, size_t ncells, const TableCell *cells)
{
	Load *l = arg;
	if (row_number == 1) {
		for (int c = 0; c < NCOLS; c++) {
			l->col[c] = -1;
			for (size_t i = 0; i < ncells; i++)
				if (strcmp(cells[i].text, col_names[c]) == 0)
					l->col[c] = (int)i;
		}
		return 0;
	}
	const char *v[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		v[c] = l->col[c] >= 0 && (size_t)l->col[c] < ncells ? cells[l->col[c]].text : "";
	IndicatorInput in = {v[COL_CODE], v[COL_AREA], v[COL_KIND], v[COL_SOURCE], v[COL_OVER], v[COL_LVI],
			     v[COL_LEN], v[COL_DEN], v[COL_DVI], v[COL_CHECK], NULL};
	if (l->n == l->alloc) {
		size_t a = l->alloc ? 2 * l->alloc : 64;
		Indicator *p = realloc(l->rows, a * sizeof *p);
		if (!p)
			return -1;
		l->rows = p;
		l->alloc = a;
	}
	Indicator *x = &l->rows[l->n];
	if (fields_check(&in, x, l->e)) {
		l->bad_row = row_number;
		return 1;
	}
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->rows[i].code, x->code) == 0) {
			l->bad_row = row_number;
			err_setf(l->e, E_INVALID, "code", "code_taken");
			return 1;
		}
	x->position = (int64_t)++l->n;
	return 0;
}

static int load_known(const char *code, void *arg)
{
	Load *l = arg;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->rows[i].code, code) == 0)
			return 1;
	return 0;
}

typedef struct LoadTx {
	const Actor *by;
	Load *l;
} LoadTx;

static int load_tx(Db *db, void *arg)
{
	LoadTx *t = arg;
	int64_t have = indicator_version_current(db);
	if (have < 0)
		return -DB_ERROR;
	if (have > 0)
		return 0; /* loaded meanwhile */
	int64_t version;
	DbStatus s = version_new(db, t->by, "load", NULL, "indicators.csv", &version);
	for (size_t i = 0; s == DB_OK && i < t->l->n; i++)
		s = row_insert(db, &t->l->rows[i], version);
	if (s == DB_OK) {
		json_t *after = json_pack("{s:I, s:I, s:s}", "version", (json_int_t)version, "indicators",
					  (json_int_t)t->l->n, "file", "indicators.csv");
		s = audit_write(db, t->by, "load", "indicator_catalogue", "1", NULL, after);
		json_decref(after);
	}
	return s == DB_OK ? 0 : -(int)s;
}

int indicator_load_builtin(Db *db, const Actor *by, Err *e)
{
	int64_t have = indicator_version_current(db);
	if (have < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (have > 0)
		return 0;
	const EmbeddedFile *f = NULL;
	for (const EmbeddedFile *p = ref_data; p->name; p++)
		if (strcmp(p->name, "indicators.csv") == 0)
			f = p;
	if (!f)
		return err_setf(e, E_INTERNAL, NULL, "indicators.csv is not built in");
	Load l = {.e = e};
	char err[200] = "";
	int rc = table_read_mem(f->data, f->size, f->name, TABLE_CSV, load_row, &l, err, sizeof err);
	if (rc == 0 && l.col[COL_CODE] < 0)
		rc = err_setf(e, E_INTERNAL, NULL, "indicators.csv has no code column");
	for (size_t i = 0; rc == 0 && i < l.n; i++)
		if (rule_parse(l.rows[i].check, load_known, &l, e) != 0) {
			l.bad_row = i + 2;
			rc = -1;
		}
	if (rc == 0) {
		LoadTx t = {by, &l};
		rc = tx_result(db_tx(db, load_tx, &t), e);
	} else if (l.bad_row) {
		char what[sizeof e->detail];
		snprintf(what, sizeof what, "%s", e->detail);
		err_setf(e, e->code ? e->code : E_INTERNAL, e->field, "indicators.csv row %zu: %s", l.bad_row, what);
	} else if (!e->code) {
		err_setf(e, E_INTERNAL, NULL, "indicators.csv: %s", err);
	}
	free(l.rows);
	return rc == 0 ? 0 : -1;
}

/* ---- words for the front-ends ---- */

const char *indicator_err_text(const Err *e, const char *lang, char *buf, size_t n)
{
	int en = lang && strcmp(lang, "en") == 0;
	const char *d = e->detail;
	if (e->code != E_INVALID || !*d)
		return NULL;
	if (strcmp(d, "code_format") == 0)
		snprintf(buf, n, "%s", en ? "A code has 2 to 24 capital letters without accents, digits or underscores, e.g. MEM_NEW."
					 : "Mã gồm 2 đến 24 chữ in hoa không dấu, chữ số hoặc dấu gạch dưới, ví dụ MEM_NEW.");
	else if (strcmp(d, "code_taken") == 0)
		snprintf(buf, n, "%s", en ? "This code is in the catalogue already (retired indicators keep their codes): choose another."
					 : "Mã này đã có trong danh mục (kể cả chỉ tiêu đã thôi dùng): hãy chọn mã khác.");
	else if (strcmp(d, "area") == 0)
		snprintf(buf, n, "%s", en ? "Choose one of the activity areas." : "Hãy chọn một mảng hoạt động trong danh sách.");
	else if (strcmp(d, "kind") == 0)
		snprintf(buf, n, "%s", en ? "The kind is count, money or yesno." : "Loại số liệu là count (số đếm), money (tiền) hoặc yesno (có/không).");
	else if (strcmp(d, "source") == 0)
		snprintf(buf, n, "%s", en ? "The source is entered, members or ledger." : "Nguồn số liệu là entered (CLB nhập), members (sổ thành viên) hoặc ledger (sổ quỹ).");
	else if (strcmp(d, "over_time") == 0)
		snprintf(buf, n, "%s", en ? "Months combine by sum or last." : "Cách cộng các tháng là sum (cộng) hoặc last (lấy số cuối kỳ).");
	else if (strcmp(d, "check_syntax") == 0)
		snprintf(buf, n, "%s", en ? "A check rule reads \"<= CODE\", \">= CODE\" or \"= previous CODE + CODE - CODE\"."
					 : "Quy tắc kiểm tra viết dạng \"<= MÃ\", \">= MÃ\" hoặc \"= previous MÃ + MÃ - MÃ\".");
	else if (strncmp(d, "check_unknown:", 14) == 0)
		snprintf(buf, n, en ? "The rule names %s, which is not in the catalogue in force." : "Quy tắc nhắc đến mã %s, không có trong danh mục đang dùng.", d + 14);
	else if (strcmp(d, "same") == 0)
		snprintf(buf, n, "%s", en ? "Nothing was changed: the wording is the same as now." : "Chưa có gì thay đổi: cách diễn đạt vẫn như hiện nay.");
	else if (strcmp(d, "retired") == 0)
		snprintf(buf, n, "%s", en ? "This indicator is retired: it cannot change any more." : "Chỉ tiêu này đã thôi dùng: không thể sửa nữa.");
	else if (strncmp(d, "in_use:", 7) == 0)
		snprintf(buf, n, en ? "The check rule of %s names this indicator: change or retire that one first."
				    : "Quy tắc kiểm tra của chỉ tiêu %s dùng chỉ tiêu này: hãy xử lý chỉ tiêu đó trước.", d + 7);
	else
		return NULL;
	return buf;
}
