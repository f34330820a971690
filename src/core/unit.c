/* Administrative units through time (see unit.h). */
#include "core/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/fund.h"
#include "core/total.h"
#include "lib/date.h"
#include "lib/embed.h"
#include "lib/table.h"
#include "lib/vi.h"

static const char *const level_names[] = {NULL, "province", "district", "commune"};

const char *unit_level_name(UnitLevel l)
{
	return l >= UNIT_PROVINCE && l <= UNIT_COMMUNE ? level_names[l] : "";
}

UnitLevel unit_level_parse(const char *s)
{
	for (int l = UNIT_PROVINCE; s && l <= UNIT_COMMUNE; l++)
		if (strcmp(s, level_names[l]) == 0)
			return (UnitLevel)l;
	return 0;
}

const char *unit_level_label(UnitLevel l, const char *lang)
{
	int en = lang && strcmp(lang, "en") == 0;
	switch (l) {
	case UNIT_PROVINCE:
		return en ? "Province / city" : "Tỉnh / thành phố";
	case UNIT_DISTRICT:
		return en ? "District" : "Quận / huyện";
	case UNIT_COMMUNE:
		return en ? "Commune / ward" : "Xã / phường";
	}
	return "";
}

static const struct {
	const char *kind, *prefix, *vi, *en;
} kinds[] = {
	{"tinh", "Tỉnh", "Tỉnh", "Province"},
	{"thanh_pho", "Thành phố", "Thành phố", "City"},
	{"quan", "Quận", "Quận", "Urban district"},
	{"huyen", "Huyện", "Huyện", "Rural district"},
	{"thi_xa", "Thị xã", "Thị xã", "Town"},
	{"xa", "Xã", "Xã", "Commune"},
	{"phuong", "Phường", "Phường", "Ward"},
	{"thi_tran", "Thị trấn", "Thị trấn", "Township"},
	{"dac_khu", "Đặc khu", "Đặc khu", "Special zone"},
};

const char *unit_kind_label(const char *kind, const char *lang)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return lang && strcmp(lang, "en") == 0 ? kinds[i].en : kinds[i].vi;
	return kind;
}

/* The kind of a district or commune, from the word its official name starts with. */
static const char *kind_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t n = strlen(kinds[i].prefix);
		if (strncmp(name, kinds[i].prefix, n) == 0 && name[n] == ' ')
			return kinds[i].kind;
	}
	return "";
}

void unit_today(char out[11])
{
	char iso[21];
	db_now_iso(iso);
	memcpy(out, iso, 10);
	out[10] = '\0';
}

/* An ISO date that names a real day. */
static int date_valid(const char *s)
{
	char out[VI_DATE_BUFSZ];
	return s && strlen(s) == 10 && vi_format_date(s, out) != NULL;
}

#define UNIT_COLS                                                                               \
	"u.id, u.code, u.level, u.kind, u.name, COALESCE(u.parent_id, 0), COALESCE(p.code, ''), " \
	"u.valid_from, COALESCE(u.valid_to, '')"
#define UNIT_FROM " FROM units u LEFT JOIN units p ON p.id = u.parent_id "
#define IN_FORCE(d) "u.valid_from <= " d " AND (u.valid_to IS NULL OR u.valid_to >= " d ")"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static void unit_fill(Stmt *st, int c, Unit *u)
{
	u->id = db_col_int(st, c);
	copy(u->code, sizeof u->code, db_col_text(st, c + 1));
	u->level = unit_level_parse(db_col_text(st, c + 2));
	copy(u->kind, sizeof u->kind, db_col_text(st, c + 3));
	copy(u->name, sizeof u->name, db_col_text(st, c + 4));
	u->parent_id = db_col_int(st, c + 5);
	copy(u->parent_code, sizeof u->parent_code, db_col_text(st, c + 6));
	copy(u->valid_from, sizeof u->valid_from, db_col_text(st, c + 7));
	copy(u->valid_to, sizeof u->valid_to, db_col_text(st, c + 8));
}

static int unit_one(Stmt *st, Unit *u)
{
	DbStatus s = db_step(st);
	if (s == DB_ROW)
		unit_fill(st, 0, u);
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

int unit_find(Db *db, const char *code, const char *on, Unit *u)
{
	Stmt *st = db_stmt(db, "unit_find", "SELECT " UNIT_COLS UNIT_FROM "WHERE u.code = $1 AND " IN_FORCE("$2"));
	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, on);
	return unit_one(st, u);
}

int unit_get(Db *db, int64_t id, Unit *u)
{
	Stmt *st = db_stmt(db, "unit_get", "SELECT " UNIT_COLS UNIT_FROM "WHERE u.id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	return unit_one(st, u);
}


#define LIST_WHERE                                                                              \
	"WHERE " IN_FORCE("$1") " AND ($2 = '' OR u.level = $2) "                                \
	"AND ($3 = 0 OR u.parent_id = $3 OR u.parent_id IN "                                      \
	"(SELECT from_id FROM unit_links WHERE to_id = $3 AND how = 'continued')) "               \
	"AND ($4 = '' OR u.name_fold LIKE $4 ESCAPE '\\') "

static void list_bind(Stmt *st, const UnitFilter *f, const char *pattern)
{
	db_bind_text(st, 1, f->on);
	db_bind_text(st, 2, f->level ? unit_level_name(f->level) : "");
	db_bind_int(st, 3, f->parent_id);
	db_bind_text(st, 4, pattern ? pattern : "");
}

int64_t unit_list(Db *db, const UnitFilter *f, int64_t offset, int64_t limit,
		  void (*fn)(const Unit *u, void *arg), void *arg)
{
	char *pattern = vi_like_pattern(f->q, 0);
	if (f->q && *f->q && !pattern)
		return -1;
	int64_t total = -1;
	Stmt *st = db_stmt(db, "unit_list_count", "SELECT COUNT(*)" UNIT_FROM LIST_WHERE);
	if (st) {
		list_bind(st, f, pattern);
		if (db_step(st) == DB_ROW)
			total = db_col_int(st, 0);
		db_reset(st);
	}
	st = total < 0 ? NULL
		       : db_stmt(db, "unit_list", "SELECT " UNIT_COLS UNIT_FROM LIST_WHERE
						 "ORDER BY u.name_key, u.code LIMIT $5 OFFSET $6");
	if (st) {
		list_bind(st, f, pattern);
		db_bind_int(st, 5, limit);
		db_bind_int(st, 6, offset);
		DbStatus s;
		while ((s = db_step(st)) == DB_ROW) {
			Unit u;
			unit_fill(st, 0, &u);
			fn(&u, arg);
		}
		db_reset(st);
		if (s != DB_DONE)
			total = -1;
	}
	free(pattern);
	return total;
}

int64_t unit_subtree(Db *db, int64_t root, const char *on, void (*fn)(const Unit *u, void *arg), void *arg)
{
	Stmt *st = db_stmt(db, "unit_subtree",
			   "WITH RECURSIVE sub(id) AS ("
			   " SELECT u.id FROM units u WHERE " IN_FORCE("$2") " AND (u.parent_id = $1 OR u.parent_id IN"
			   "  (SELECT from_id FROM unit_links WHERE to_id = $1 AND how = 'continued'))"
			   " UNION ALL"
			   " SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id WHERE " IN_FORCE("$2")
			   ") SELECT " UNIT_COLS " FROM sub JOIN units u ON u.id = sub.id LEFT JOIN units p ON p.id = u.parent_id "
			   "ORDER BY u.level DESC, u.name_key");
	if (!st)
		return -1;
	db_bind_int(st, 1, root);
	db_bind_text(st, 2, on);
	int64_t n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		Unit u;
		unit_fill(st, 0, &u);
		fn(&u, arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}

int unit_predecessors(Db *db, int64_t id, void (*fn)(const Unit *u, const char *how, void *arg), void *arg)
{
	Stmt *st = db_stmt(db, "unit_predecessors",
			   "SELECT " UNIT_COLS ", l.how FROM unit_links l JOIN units u ON u.id = l.from_id "
			   "LEFT JOIN units p ON p.id = u.parent_id WHERE l.to_id = $1 ORDER BY u.name_key");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		Unit u;
		unit_fill(st, 0, &u);
		fn(&u, db_col_text(st, 9), arg);
		n++;
	}
	db_reset(st);
	return s == DB_DONE ? n : -1;
}

int unit_successor(Db *db, int64_t id, Unit *out, char how[16])
{
	Stmt *st = db_stmt(db, "unit_successor",
			   "SELECT " UNIT_COLS ", l.how FROM unit_links l JOIN units u ON u.id = l.to_id "
			   "LEFT JOIN units p ON p.id = u.parent_id WHERE l.from_id = $1");
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	DbStatus s = db_step(st);
	if (s == DB_ROW) {
		unit_fill(st, 0, out);
		if (how)
			copy(how, 16, db_col_text(st, 9));
	}
	db_reset(st);
	return s == DB_ROW ? 1 : s == DB_DONE ? 0 : -1;
}

static int in_force(const Unit *u, const char *on)
{
	return strcmp(u->valid_from, on) <= 0 && (!u->valid_to[0] || strcmp(u->valid_to, on) >= 0);
}

int unit_restated(Db *db, int64_t id, const char *on, Unit *out)
{
	Unit u;
	int rc = unit_get(db, id, &u);
	/* Links only go forward in time, so a chain is short; the bound guards a broken table. */
	for (int hops = 0; rc == 1 && hops < 32; hops++) {
		if (in_force(&u, on)) {
			*out = u;
			return 1;
		}
		if (strcmp(u.valid_from, on) > 0)
			return 0;
		Unit next;
		rc = unit_successor(db, u.id, &next, NULL);
		u = next;
	}
	return rc < 0 ? -1 : 0;
}

typedef struct IdList {
	int64_t *ids;
	size_t n, alloc;
} IdList;

static int ids_push(IdList *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->ids[i] == id)
			return 0;
	if (l->n == l->alloc) {
		size_t a = l->alloc ? 2 * l->alloc : 16;
		int64_t *p = realloc(l->ids, a * sizeof *p);
		if (!p)
			return -1;
		l->ids = p;
		l->alloc = a;
	}
	l->ids[l->n++] = id;
	return 1;
}

static void collect_pred(const Unit *u, const char *how, void *arg)
{
	ids_push(arg, u->id);
}

int unit_history(Db *db, int64_t id, void (*fn)(const Unit *u, void *arg), void *arg)
{
	IdList seen = {0};
	ids_push(&seen, id);
	int rc = 0;
	for (size_t i = 0; i < seen.n && rc >= 0; i++)
		rc = unit_predecessors(db, seen.ids[i], collect_pred, &seen);
	int n = 0;
	for (size_t i = 1; i < seen.n && rc >= 0; i++) {
		Unit u;
		if (unit_get(db, seen.ids[i], &u) == 1) {
			fn(&u, arg);
			n++;
		}
	}
	free(seen.ids);
	return rc < 0 ? -1 : n;
}

int unit_within(Db *db, int64_t inner, int64_t outer)
{
	Stmt *st = db_stmt(db, "unit_within", "SELECT 1 FROM unit_reach WHERE ancestor_id = $1 AND unit_id = $2");
	if (!st)
		return 0;
	db_bind_int(st, 1, outer);
	db_bind_int(st, 2, inner);
	int found = db_step(st) == DB_ROW;
	db_reset(st);
	return found;
}

int64_t unit_count(Db *db, UnitLevel level, const char *on)
{
	Stmt *st = db_stmt(db, "unit_count", "SELECT COUNT(*) FROM units u WHERE u.level = $1 AND " IN_FORCE("$2"));
	if (!st)
		return -1;
	db_bind_text(st, 1, unit_level_name(level));
	db_bind_text(st, 2, on);
	int64_t n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	return n;
}

/* ---- writing ---- */

/* Rebuilds unit_reach from units and unit_links: reach(u) = {u} ∪ reach(parent(u)) ∪
 * reach(successor(u)). Computed in memory (a few tens of thousands of rows) and written in the
 * caller's transaction. */
typedef struct ReachNode {
	int64_t id, parent, succ;
	IdList reach;
	int state;   /* 0 new, 1 in progress, 2 done */
} ReachNode;

static int node_cmp(const void *a, const void *b)
{
	int64_t x = ((const ReachNode *)a)->id, y = ((const ReachNode *)b)->id;
	return (x > y) - (x < y);
}

static ReachNode *node_find(ReachNode *nodes, size_t n, int64_t id)
{
	ReachNode key = {.id = id};
	return id ? bsearch(&key, nodes, n, sizeof *nodes, node_cmp) : NULL;
}

static void reach_merge(IdList *into, const IdList *from)
{
	for (size_t i = 0; i < from->n; i++)
		ids_push(into, from->ids[i]);
}

static void reach_compute(ReachNode *nodes, size_t n, ReachNode *x)
{
	if (x->state == 2 || x->state == 1)
		return;   /* done, or a cycle (refused by the importers; ignored here) */
	x->state = 1;
	ids_push(&x->reach, x->id);
	ReachNode *p = node_find(nodes, n, x->parent), *s = node_find(nodes, n, x->succ);
	if (p) {
		reach_compute(nodes, n, p);
		reach_merge(&x->reach, &p->reach);
	}
	if (s) {
		reach_compute(nodes, n, s);
		reach_merge(&x->reach, &s->reach);
	}
	x->state = 2;
}

static int reach_rebuild(Db *db)
{
	Stmt *st = db_stmt(db, "reach_nodes",
			   "SELECT u.id, COALESCE(u.parent_id, 0), COALESCE(l.to_id, 0) FROM units u "
			   "LEFT JOIN unit_links l ON l.from_id = u.id ORDER BY u.id");
	if (!st)
		return -DB_ERROR;
	size_t n = 0, alloc = 0;
	ReachNode *nodes = NULL;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 1024;
			ReachNode *p = realloc(nodes, alloc * sizeof *p);
			if (!p) {
				db_reset(st);
				free(nodes);
				return -DB_ERROR;
			}
			nodes = p;
		}
		nodes[n++] = (ReachNode){db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2), {0}, 0};
	}
	db_reset(st);
	int rc = s == DB_DONE ? 0 : -(int)s;
	Stmt *del = rc ? NULL : db_stmt(db, "reach_clear", "DELETE FROM unit_reach");
	if (!rc && (!del || (rc = -(int)db_exec_stmt(del)) != 0))
		rc = rc ? rc : -DB_ERROR;
	Stmt *ins = rc ? NULL : db_stmt(db, "reach_insert", "INSERT INTO unit_reach (ancestor_id, unit_id) VALUES ($1, $2)");
	if (!rc && !ins)
		rc = -DB_ERROR;
	for (size_t i = 0; i < n && !rc; i++) {
		reach_compute(nodes, n, &nodes[i]);
		for (size_t k = 0; k < nodes[i].reach.n && !rc; k++) {
			db_bind_int(ins, 1, nodes[i].reach.ids[k]);
			db_bind_int(ins, 2, nodes[i].id);
			DbStatus w = db_exec_stmt(ins);
			if (w != DB_OK)
				rc = -(int)w;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(nodes[i].reach.ids);
	free(nodes);
	/* The report totals follow the units a club's months count in. */
	if (!rc) {
		DbStatus t = total_rebuild(db);
		if (t == DB_OK)
			t = (DbStatus)fund_totals_rebuild(db);
		rc = t == DB_OK ? 0 : -(int)t;
	}
	return rc;
}

static int digits(const char *s, size_t len)
{
	if (!s || strlen(s) != len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Inserts a unit; returns its id, or a negative store status. */
static int64_t unit_insert(Db *db, const char *code, UnitLevel level, const char *kind, const char *name,
			   int64_t parent_id, const char *from, const char *to, const char *source)
{
	char *fold = vi_fold(name), *key = vi_collate_key(name);
	Stmt *st = fold && key ? db_stmt(db, "unit_insert",
					 "INSERT INTO units (code, level, kind, name, name_fold, name_key, parent_id, valid_from, valid_to, source) "
					 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
			       : NULL;
	int64_t rc = -DB_ERROR;
	if (st) {
		db_bind_text(st, 1, code);
		db_bind_text(st, 2, unit_level_name(level));
		db_bind_text(st, 3, kind);
		db_bind_text(st, 4, name);
		db_bind_text(st, 5, fold);
		db_bind_text(st, 6, key);
		if (parent_id)
			db_bind_int(st, 7, parent_id);
		else
			db_bind_null(st, 7);
		db_bind_text(st, 8, from);
		db_bind_text(st, 9, to);
		db_bind_text(st, 10, source);
		DbStatus s = db_exec_stmt(st);
		rc = s == DB_OK ? db_last_id(db) : -(int64_t)s;
	}
	free(fold);
	free(key);
	return rc;
}

static int unit_end(Db *db, int64_t id, const char *last_day)
{
	Stmt *st = db_stmt(db, "unit_end", "UPDATE units SET valid_to = $2 WHERE id = $1");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, last_day);
	return -(int)db_exec_stmt(st);
}

static int unit_link(Db *db, int64_t from, int64_t to, const char *how)
{
	Stmt *st = db_stmt(db, "unit_link", "INSERT INTO unit_links (from_id, to_id, how) VALUES ($1, $2, $3)");
	if (!st)
		return -DB_ERROR;
	db_bind_int(st, 1, from);
	db_bind_int(st, 2, to);
	db_bind_text(st, 3, how);
	return -(int)db_exec_stmt(st);
}

/* A normalised copy of a name from a list (NFC, modern tone placement, single spaces). */
static char *name_clean(const char *s)
{
	char *out = NULL;
	if (!s || vi_normalize(s, VI_NORM_SPACES, &out) != VI_OK)
		return NULL;
	if (!*out) {
		free(out);
		return NULL;
	}
	return out;
}

/* One unit of the list being loaded, after checking. */
typedef struct Planned {
	const char *code;
	char *name;
	UnitLevel level;
	int64_t parent_id;          /* for districts and two-level communes */
	const char *parent_code;    /* for communes under a district of the same list */
	size_t row;
	int64_t id;                 /* once written */
} Planned;

typedef struct ListTx {
	const Actor *by;
	Planned *units;             /* districts first, then communes */
	size_t n;
	const char *from, *to, *source;
	UnitImportResult *res;
} ListTx;

static int64_t planned_district_id(const ListTx *t, const char *code)
{
	for (size_t i = 0; i < t->n && t->units[i].level == UNIT_DISTRICT; i++)
		if (strcmp(t->units[i].code, code) == 0)
			return t->units[i].id;
	return 0;
}

static int list_apply(Db *db, void *arg)
{
	ListTx *t = arg;
	char eve[11];
	date_add_days(t->from, -1, eve);
	memset(t->res, 0, sizeof *t->res);
	/* Units of the list's levels in force on the eve: each is continued, replaced or ended. */
	Stmt *st = db_stmt(db, "list_eve_ids",
			   "SELECT u.id FROM units u WHERE u.level IN ('district', 'commune') AND " IN_FORCE("$1"));
	if (!st)
		return -DB_ERROR;
	db_bind_text(st, 1, eve);
	IdList eve_ids = {0};
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW)
		ids_push(&eve_ids, db_col_int(st, 0));
	db_reset(st);
	if (s != DB_DONE) {
		free(eve_ids.ids);
		return -(int)s;
	}
	int rc = 0;
	IdList kept = {0};
	for (size_t i = 0; i < t->n && !rc; i++) {
		Planned *p = &t->units[i];
		int64_t parent = p->parent_id ? p->parent_id : planned_district_id(t, p->parent_code);
		Unit old;
		int have = unit_find(db, p->code, eve, &old);
		if (have < 0) {
			rc = -DB_ERROR;
			break;
		}
		if (have && old.level == p->level && old.parent_id == parent && strcmp(old.name, p->name) == 0 &&
		    !t->to) {
			p->id = old.id;
			ids_push(&kept, old.id);
			t->res->continued++;
			continue;
		}
		const char *kind = kind_from_name(p->name);
		int64_t id = unit_insert(db, p->code, p->level, kind, p->name, parent, t->from, t->to, t->source);
		if (id < 0) {
			rc = (int)id;
			break;
		}
		p->id = id;
		t->res->created++;
		if (have && old.level == p->level) {
			/* The code lives on: the old unit's history continues in the new one. */
			rc = unit_link(db, old.id, id, "kept_code");
			t->res->linked++;
		}
	}
	/* Whatever was in force on the eve and did not continue ends on the eve. */
	for (size_t i = 0; i < eve_ids.n && !rc; i++) {
		int continued = 0;
		for (size_t k = 0; k < kept.n && !continued; k++)
			continued = kept.ids[k] == eve_ids.ids[i];
		if (continued)
			continue;
		rc = unit_end(db, eve_ids.ids[i], eve);
		t->res->ended++;
	}
	free(eve_ids.ids);
	free(kept.ids);
	if (!rc)
		rc = reach_rebuild(db);
	if (!rc) {
		json_t *after = json_pack("{s:s, s:s?, s:s, s:I, s:I, s:I, s:I}", "valid_from", t->from, "valid_to", t->to,
					  "source", t->source, "created", (json_int_t)t->res->created, "continued",
					  (json_int_t)t->res->continued, "ended", (json_int_t)t->res->ended, "linked",
					  (json_int_t)t->res->linked);
		DbStatus a = audit_write(db, t->by, "import", "unit_list", t->from, NULL, after);
		json_decref(after);
		rc = -(int)a;
	}
	return rc;
}

/* Whether a unit with this code starts on or after from (a later list already holds it). */
static int later_list_has(Db *db, const char *code, const char *from, char found_from[11])
{
	Stmt *st = db_stmt(db, "unit_later", "SELECT MIN(valid_from) FROM units WHERE code = $1 AND valid_from >= $2");
	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, from);
	int found = 0;
	if (db_step(st) == DB_ROW && !db_col_is_null(st, 0)) {
		copy(found_from, 11, db_col_text(st, 0));
		found = 1;
	}
	db_reset(st);
	return found;
}

static void planned_free(Planned *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i].name);
	free(p);
}

int unit_import_list(Db *db, const Actor *by, const UnitListRow *rows, size_t n, const char *valid_from,
		     const char *valid_to, const char *source, UnitImportResult *res, Problems *p, Err *e)
{
	if (by->role != ROLE_ADMIN)
		return err_set(e, E_FORBIDDEN, NULL);
	if (!date_valid(valid_from))
		return err_set(e, E_INVALID, "valid_from");
	if (valid_to && (!date_valid(valid_to) || strcmp(valid_to, valid_from) < 0))
		return err_set(e, E_INVALID, "valid_to");
	if (n == 0) {
		problem_add(p, 0, NULL, "Danh sách không có dòng nào.", "The list has no rows.");
		return err_set(e, E_INVALID, NULL);
	}
	/* Districts (first) and communes (after), checked row by row. */
	Planned *plan = calloc(2 * n, sizeof *plan);
	if (!plan)
		return err_set(e, E_INTERNAL, NULL);
	size_t nd = 0, nc = 0;
	Planned *communes = plan + n;
	for (size_t i = 0; i < n; i++) {
		const UnitListRow *r = &rows[i];
		size_t before = p->total;
		Unit prov;
		int have_prov = 0;
		if (!digits(r->province_code, 2))
			problem_add(p, r->row, "province_code", "Mã tỉnh “%s” phải gồm 2 chữ số.",
				    "The province code “%s” must be 2 digits.", r->province_code ? r->province_code : "");
		else if ((have_prov = unit_find(db, r->province_code, valid_from, &prov)) != 1 || prov.level != UNIT_PROVINCE)
			problem_add(p, r->row, "province_code", "Không có tỉnh mã %s vào ngày %s.",
				    "No province has code %s on %s.", r->province_code, valid_from);
		if (!digits(r->commune_code, 5))
			problem_add(p, r->row, "commune_code", "Mã xã “%s” phải gồm 5 chữ số.",
				    "The commune code “%s” must be 5 digits.", r->commune_code ? r->commune_code : "");
		char *cname = name_clean(r->commune_name);
		if (!cname)
			problem_add(p, r->row, "commune_name", "Thiếu tên xã, hoặc tên có ký tự không hợp lệ.",
				    "The commune name is missing or holds invalid characters.");
		char *dname = NULL;
		if (r->district_code) {
			if (!digits(r->district_code, 3))
				problem_add(p, r->row, "district_code", "Mã huyện “%s” phải gồm 3 chữ số.",
					    "The district code “%s” must be 3 digits.", r->district_code);
			dname = name_clean(r->district_name);
			if (!dname)
				problem_add(p, r->row, "district_name", "Thiếu tên huyện, hoặc tên có ký tự không hợp lệ.",
					    "The district name is missing or holds invalid characters.");
		}
		for (size_t k = 0; k < nc && cname; k++)
			if (strcmp(communes[k].code, r->commune_code) == 0) {
				problem_add(p, r->row, "commune_code", "Xã mã %s đã có ở dòng %zu.",
					    "Commune %s is already listed on row %zu.", r->commune_code, communes[k].row);
				break;
			}
		char later[11];
		if (cname && digits(r->commune_code, 5) && later_list_has(db, r->commune_code, valid_from, later) == 1)
			problem_add(p, r->row, "commune_code",
				    "Xã mã %s đã có trong danh sách hiệu lực từ %s, không sớm hơn ngày %s: thời gian hiệu lực chồng nhau.",
				    "Commune %s is already in a list in force from %s, not before %s: validity would overlap.",
				    r->commune_code, later, valid_from);
		if (p->total != before) {
			free(cname);
			free(dname);
			continue;
		}
		if (r->district_code) {
			size_t k = 0;
			while (k < nd && strcmp(plan[k].code, r->district_code) != 0)
				k++;
			if (k == nd) {
				plan[nd++] = (Planned){r->district_code, dname, UNIT_DISTRICT, prov.id, NULL, r->row, 0};
				dname = NULL;
			} else if (strcmp(plan[k].name, dname) != 0 || plan[k].parent_id != prov.id) {
				problem_add(p, r->row, "district_name",
					    "Huyện mã %s ở dòng %zu là “%s” thuộc tỉnh khác hoặc tên khác.",
					    "District %s on row %zu is “%s”, in another province or with another name.",
					    r->district_code, plan[k].row, plan[k].name);
			}
			free(dname);
		}
		communes[nc++] = (Planned){r->commune_code, cname, UNIT_COMMUNE, r->district_code ? 0 : prov.id,
					   r->district_code, r->row, 0};
	}
	if (p->total) {
		planned_free(plan, 2 * n);
		return err_set(e, E_INVALID, NULL);
	}
	/* Communes right after the districts, so the transaction writes parents first. */
	memmove(plan + nd, communes, nc * sizeof *plan);
	memset(plan + nd + nc, 0, (2 * n - nd - nc) * sizeof *plan);
	UnitImportResult local;
	ListTx t = {by, plan, nd + nc, valid_from, valid_to, source ? source : "", res ? res : &local};
	int rc = db_tx(db, list_apply, &t);
	planned_free(plan, 2 * n);
	if (rc != 0)
		return err_set(e, err_from_db(rc), NULL);
	return 0;
}

typedef struct MapTx {
	const Actor *by;
	int64_t (*pairs)[2];
	size_t n;
} MapTx;

static int map_apply(Db *db, void *arg)
{
	MapTx *t = arg;
	int rc = 0;
	for (size_t i = 0; i < t->n && !rc; i++)
		rc = unit_link(db, t->pairs[i][0], t->pairs[i][1], "mapped");
	if (!rc)
		rc = reach_rebuild(db);
	if (!rc) {
		json_t *after = json_pack("{s:I}", "links", (json_int_t)t->n);
		DbStatus a = audit_write(db, t->by, "map", "unit_links", "", NULL, after);
		json_decref(after);
		rc = -(int)a;
	}
	return rc;
}

int unit_import_map(Db *db, const Actor *by, const UnitMapRow *rows, size_t n, int64_t *linked, Problems *p,
		    Err *e)
{
	if (by->role != ROLE_ADMIN)
		return err_set(e, E_FORBIDDEN, NULL);
	if (n == 0) {
		problem_add(p, 0, NULL, "Bảng đối chiếu không có dòng nào.", "The mapping has no rows.");
		return err_set(e, E_INVALID, NULL);
	}
	int64_t (*pairs)[2] = calloc(n, sizeof *pairs);
	size_t *pair_rows = calloc(n, sizeof *pair_rows);
	if (!pairs || !pair_rows) {
		free(pairs);
		free(pair_rows);
		return err_set(e, E_INTERNAL, NULL);
	}
	size_t np = 0;
	Stmt *st;
	for (size_t i = 0; i < n; i++) {
		const UnitMapRow *r = &rows[i];
		if (!r->old_code || !*r->old_code || !r->new_code || !*r->new_code) {
			problem_add(p, r->row, r->old_code && *r->old_code ? "new_code" : "old_code",
				    "Thiếu mã cũ hoặc mã mới.", "The old or the new code is missing.");
			continue;
		}
		st = db_stmt(db, "map_old",
			     "SELECT " UNIT_COLS UNIT_FROM "WHERE u.code = $1 AND u.valid_to IS NOT NULL ORDER BY u.valid_to DESC LIMIT 1");
		Unit old, neu;
		if (!st) {
			free(pairs);
			free(pair_rows);
			return err_set(e, E_INTERNAL, NULL);
		}
		db_bind_text(st, 1, r->old_code);
		if (unit_one(st, &old) != 1) {
			problem_add(p, r->row, "old_code", "Không có đơn vị đã giải thể/sáp nhập nào mang mã %s.",
				    "No ended unit has code %s.", r->old_code);
			continue;
		}
		char next[11];
		date_add_days(old.valid_to, 1, next);
		if (unit_find(db, r->new_code, next, &neu) != 1) {
			problem_add(p, r->row, "new_code", "Không có đơn vị mã %s có hiệu lực ngày %s (ngay sau khi %s kết thúc).",
				    "No unit with code %s is in force on %s (right after %s ended).", r->new_code, next,
				    r->old_code);
			continue;
		}
		if (neu.level != old.level) {
			problem_add(p, r->row, "new_code", "%s và %s không cùng cấp.", "%s and %s are not of the same level.",
				    r->old_code, r->new_code);
			continue;
		}
		Unit cur;
		char how[16];
		if (unit_successor(db, old.id, &cur, how) == 1) {
			problem_add(p, r->row, "old_code", "%s (%s) đã được đối chiếu với %s (%s).",
				    "%s (%s) is already mapped to %s (%s).", old.code, old.name, cur.code, cur.name);
			continue;
		}
		size_t k = 0;
		while (k < np && pairs[k][0] != old.id)
			k++;
		if (k < np) {
			problem_add(p, r->row, "old_code", "Mã %s đã được đối chiếu ở dòng %zu.",
				    "Code %s is already mapped on row %zu.", r->old_code, pair_rows[k]);
			continue;
		}
		/* A cycle would need the new unit's future to lead back to the old one. */
		Unit walk = neu;
		int cycle = 0;
		for (int hops = 0; hops < 32 && !cycle; hops++) {
			if (walk.id == old.id)
				cycle = 1;
			else if (unit_successor(db, walk.id, &walk, NULL) != 1)
				break;
		}
		for (size_t q = 0; q < np && !cycle; q++)
			cycle = pairs[q][0] == neu.id && pairs[q][1] == old.id;
		if (cycle) {
			problem_add(p, r->row, "new_code", "Đối chiếu %s → %s tạo thành vòng lặp.",
				    "Mapping %s → %s would make a cycle.", r->old_code, r->new_code);
			continue;
		}
		pairs[np][0] = old.id;
		pairs[np][1] = neu.id;
		pair_rows[np++] = r->row;
	}
	free(pair_rows);
	if (p->total) {
		free(pairs);
		return err_set(e, E_INVALID, NULL);
	}
	MapTx t = {by, pairs, np};
	int rc = db_tx(db, map_apply, &t);
	free(pairs);
	if (rc != 0)
		return err_set(e, err_from_db(rc), NULL);
	if (linked)
		*linked = (int64_t)np;
	return 0;
}

/* ---- the built-in reference lists ---- */

extern const EmbeddedFile ref_data[];

static const EmbeddedFile *ref_file(const char *name)
{
	for (const EmbeddedFile *f = ref_data; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* Rows of a reference CSV, kept as copies: header first. */
typedef struct Sheet {
	char **cells;       /* ncols per row */
	size_t nrows, ncols, alloc;
} Sheet;

static int sheet_row(void *arg, size_t row_number, size_t ncells, const TableCell *cells)
{
	Sheet *s = arg;
	if (s->nrows == 0)
		s->ncols = ncells;
	if (s->nrows == s->alloc) {
		size_t a = s->alloc ? 2 * s->alloc : 1024;
		char **p = realloc(s->cells, a * s->ncols * sizeof *p);
		if (!p)
			return -1;
		s->cells = p;
		s->alloc = a;
	}
	for (size_t c = 0; c < s->ncols; c++) {
		char *v = strdup(c < ncells ? cells[c].text : "");
		if (!v)
			return -1;
		s->cells[s->nrows * s->ncols + c] = v;
	}
	s->nrows++;
	return 0;
}

static void sheet_free(Sheet *s)
{
	for (size_t i = 0; i < s->nrows * s->ncols; i++)
		free(s->cells[i]);
	free(s->cells);
}

static const char *cell(const Sheet *s, size_t row, size_t col)
{
	return col < s->ncols ? s->cells[row * s->ncols + col] : "";
}

static int sheet_load(const char *name, size_t want_cols, Sheet *s, Problems *p)
{
	memset(s, 0, sizeof *s);
	const EmbeddedFile *f = ref_file(name);
	char err[200] = "";
	if (!f || table_read_mem(f->data, f->size, name, TABLE_CSV, sheet_row, s, err, sizeof err) != 0 ||
	    s->ncols < want_cols) {
		problem_add(p, 0, NULL, "Không đọc được %s: %s", "Cannot read %s: %s", name, err[0] ? err : "bad columns");
		sheet_free(s);
		return -1;
	}
	return 0;
}

typedef struct ProvinceTx {
	const Actor *by;
	Sheet *old, *neu;
} ProvinceTx;

static int provinces_apply(Db *db, void *arg)
{
	ProvinceTx *t = arg;
	int64_t rc = 0;
	/* code,name,kind,valid_from,valid_to,successor_code */
	for (size_t i = 1; i < t->old->nrows && rc >= 0; i++) {
		char *name = name_clean(cell(t->old, i, 1));
		const char *to = cell(t->old, i, 4);
		rc = name ? unit_insert(db, cell(t->old, i, 0), UNIT_PROVINCE, cell(t->old, i, 2), name, 0,
					cell(t->old, i, 3), *to ? to : NULL, "provinces-2008.csv")
			  : -DB_ERROR;
		free(name);
	}
	/* code,name,kind,valid_from,predecessor_codes: a unit that began before the reform is the
	 * same unit as in the old list; the others are new, linked from their predecessors. */
	for (size_t i = 1; i < t->neu->nrows && rc >= 0; i++) {
		const char *code = cell(t->neu, i, 0), *from = cell(t->neu, i, 3);
		Unit same;
		if (unit_find(db, code, from, &same) == 1 && strcmp(same.valid_from, from) == 0)
			continue;
		char *name = name_clean(cell(t->neu, i, 1));
		int64_t id = name ? unit_insert(db, code, UNIT_PROVINCE, cell(t->neu, i, 2), name, 0, from, NULL,
						"provinces-2025.csv")
				  : -DB_ERROR;
		free(name);
		if (id < 0) {
			rc = id;
			break;
		}
		char eve[11], preds[64];
		date_add_days(from, -1, eve);
		snprintf(preds, sizeof preds, "%s", cell(t->neu, i, 4));
		int single = strchr(preds, ' ') == NULL;
		for (char *save = NULL, *pc = strtok_r(preds, " ", &save); pc && rc >= 0; pc = strtok_r(NULL, " ", &save)) {
			Unit old;
			if (unit_find(db, pc, eve, &old) != 1) {
				rc = -DB_ERROR;
				break;
			}
			rc = unit_link(db, old.id, id, single && strcmp(pc, code) == 0 ? "continued" : "merged");
		}
	}
	if (rc >= 0)
		rc = reach_rebuild(db);
	if (rc >= 0) {
		json_t *after = json_pack("{s:I, s:I}", "provinces_2008", (json_int_t)t->old->nrows - 1,
					  "provinces_2025", (json_int_t)t->neu->nrows - 1);
		rc = -(int)audit_write(db, t->by, "import", "unit_list", "provinces", NULL, after);
		json_decref(after);
	}
	return rc < 0 ? (int)rc : 0;
}

static int64_t level_count(Db *db, const char *level)
{
	Stmt *st = db_stmt(db, "unit_level_count", "SELECT COUNT(*) FROM units WHERE level = $1");
	if (!st)
		return -1;
	db_bind_text(st, 1, level);
	int64_t n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	return n;
}

/* Loads one commune list of the reference data. */
static int communes_load(Db *db, const Actor *by, const char *name, int three_level, const char *from,
			 const char *to, Problems *p, Err *e)
{
	Sheet s;
	if (sheet_load(name, three_level ? 5 : 3, &s, p) != 0)
		return err_set(e, E_INTERNAL, NULL);
	UnitListRow *rows = calloc(s.nrows, sizeof *rows);
	if (!rows) {
		sheet_free(&s);
		return err_set(e, E_INTERNAL, NULL);
	}
	for (size_t i = 1; i < s.nrows; i++) {
		UnitListRow *r = &rows[i - 1];
		r->row = i + 1;
		r->province_code = cell(&s, i, 0);
		if (three_level) {
			r->district_code = cell(&s, i, 1);
			r->district_name = cell(&s, i, 2);
			r->commune_code = cell(&s, i, 3);
			r->commune_name = cell(&s, i, 4);
		} else {
			r->commune_code = cell(&s, i, 1);
			r->commune_name = cell(&s, i, 2);
		}
	}
	int rc = unit_import_list(db, by, rows, s.nrows - 1, from, to, name, NULL, p, e);
	free(rows);
	sheet_free(&s);
	return rc;
}

int unit_load_builtin(Db *db, const Actor *by, Problems *p, Err *e)
{
	int64_t provinces = level_count(db, "province"), communes = level_count(db, "commune");
	if (provinces < 0 || communes < 0)
		return err_set(e, E_INTERNAL, NULL);
	if (provinces == 0) {
		Sheet old, neu;
		if (sheet_load("provinces-2008.csv", 6, &old, p) != 0)
			return err_set(e, E_INTERNAL, NULL);
		if (sheet_load("provinces-2025.csv", 5, &neu, p) != 0) {
			sheet_free(&old);
			return err_set(e, E_INTERNAL, NULL);
		}
		ProvinceTx t = {by, &old, &neu};
		int rc = db_tx(db, provinces_apply, &t);
		sheet_free(&old);
		sheet_free(&neu);
		if (rc != 0)
			return err_set(e, err_from_db(rc), NULL);
	}
	if (communes > 0)
		return 0;
	/* The March 2025 snapshot stands for the whole history since 2016 (data/README.md). */
	if (communes_load(db, by, "communes-2025-03.csv", 1, "2016-01-01", "2025-06-30", p, e) != 0)
		return -1;
	return communes_load(db, by, "communes-2026-07.csv", 0, "2025-07-01", NULL, p, e);
}
