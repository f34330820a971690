/* The demo's programme records (called by core/demo.c): province plans for Đề án 1336 shaped like
 * the 2021 review in the seed article (57 of 63 provinces issued a plan in 2021, 4,000 new clubs
 * registered against the target of 3,000, 17 provinces with a five-year budget totalling 50,891
 * billion đồng, the other 40 with the financial mechanism and mobilisation policy approved), plans
 * for Đề án 1648 under way in 2026, province targets, resources 2021-2026 and the places a donor
 * project covers. Deterministic; one transaction with one summary audit record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/programme.h"
#include "core/unit.h"

/* The six provinces without a plan at the 2021 review (two of them still without one). */
static const char *const late[] = {"11", "12", "58", "62", "67", "93"};
/* The 17 provinces whose five-year budget was approved in 2021. */
static const char *const budgeted[] = {"01", "19", "22", "24", "25", "26", "27", "31", "34",
				       "36", "38", "40", "48", "56", "75", "79", "92"};
/* Where the donor project works: 12 provinces. */
static const char *const donor_places[] = {"08", "15", "14", "38", "27", "17", "19", "46", "52", "66", "87", "94"};

static int in_list(const char *code, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], code) == 0)
			return (int)i + 1;
	return 0;
}

typedef struct Prov {
	int64_t id;
	char code[8];
	char name[128];
} Prov;

typedef struct Provs {
	Prov v[80];
	int n;
} Provs;

static void prov_add(const Unit *u, void *arg)
{
	Provs *p = arg;
	if (p->n < 80) {
		p->v[p->n].id = u->id;
		snprintf(p->v[p->n].code, sizeof p->v[p->n].code, "%s", u->code);
		snprintf(p->v[p->n].name, sizeof p->v[p->n].name, "%s", u->name);
		p->n++;
	}
}

static unsigned rnd(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static int provinces_on(Db *db, const char *on, Provs *p)
{
	p->n = 0;
	UnitFilter f = {.on = on, .level = UNIT_PROVINCE};
	return unit_list(db, &f, 0, 100, prov_add, p) < 0 ? -1 : 0;
}

static DbStatus plan_insert(Db *db, int64_t programme, const Prov *pv, int issued, const char *doc, const char *on, int64_t clubs,
			    int64_t budget, const char *decision, const char *budget_on, int mech, int policy, const char *obstacles)
{
	Stmt *st = db_stmt(db, "demo_plan_insert",
			   "INSERT INTO province_plans (programme_id, unit_id, issued, doc_no, issued_on, clubs_registered, budget_vnd, "
			   "budget_decision, budget_date, finance_mechanism, mobilisation_policy, obstacles, created_at, updated_at) "
			   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)");
	if (!st)
		return DB_ERROR;
	char now[21];
	db_now_iso(now);
	db_bind_int(st, 1, programme);
	db_bind_int(st, 2, pv->id);
	db_bind_int(st, 3, issued);
	db_bind_text(st, 4, doc);
	db_bind_text(st, 5, on && *on ? on : NULL);
	if (clubs > 0)
		db_bind_int(st, 6, clubs);
	else
		db_bind_null(st, 6);
	if (budget > 0)
		db_bind_int(st, 7, budget);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, decision);
	db_bind_text(st, 9, budget_on && *budget_on ? budget_on : NULL);
	db_bind_int(st, 10, mech);
	db_bind_int(st, 11, policy);
	db_bind_text(st, 12, obstacles);
	db_bind_text(st, 13, now);
	return db_exec_stmt(st);
}

static DbStatus target_insert(Db *db, int64_t programme, int64_t unit, const char *measure, int64_t value, const char *on)
{
	Stmt *st = db_stmt(db, "demo_target_insert",
			   "INSERT INTO programme_targets (programme_id, unit_id, year, measure, value, decided_on, reason, "
			   "created_at, created_by) VALUES ($1, $2, 0, $3, $4, $5, 'Kế hoạch của tỉnh', $6, 'demo')");
	if (!st)
		return DB_ERROR;
	char now[21];
	db_now_iso(now);
	db_bind_int(st, 1, programme);
	db_bind_int(st, 2, unit);
	db_bind_text(st, 3, measure);
	db_bind_int(st, 4, value);
	db_bind_text(st, 5, on);
	db_bind_text(st, 6, now);
	return db_exec_stmt(st);
}

static DbStatus resource_insert(Db *db, int64_t unit, int year, const char *source, const char *form, int64_t value,
				int64_t project, const char *what)
{
	Stmt *st = db_stmt(db, "demo_resource_insert",
			   "INSERT INTO resources (unit_id, year, source, form, value_vnd, programme_id, description, created_at, "
			   "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)");
	if (!st)
		return DB_ERROR;
	char now[21];
	db_now_iso(now);
	if (unit)
		db_bind_int(st, 1, unit);
	else
		db_bind_null(st, 1);
	db_bind_int(st, 2, year);
	db_bind_text(st, 3, source);
	db_bind_text(st, 4, form);
	db_bind_int(st, 5, value);
	if (project)
		db_bind_int(st, 6, project);
	else
		db_bind_null(st, 6);
	db_bind_text(st, 7, what);
	db_bind_text(st, 8, now);
	return db_exec_stmt(st);
}

typedef struct DemoCounts {
	int64_t plans, targets, resources, units;
} DemoCounts;

static int demo_tx(Db *db, void *arg)
{
	DemoCounts *c = arg;
	memset(c, 0, sizeof *c);
	ProgrammeInfo p1336, p1648, donor;
	if (programme_get_code(db, "DA1336", &p1336) != 1 || programme_get_code(db, "DA1648", &p1648) != 1)
		return -DB_ERROR;
	int have_donor = programme_get_code(db, "HAI-LTH", &donor) == 1;
	Provs *old = calloc(1, sizeof *old), *now = calloc(1, sizeof *now);
	if (!old || !now || provinces_on(db, "2021-01-01", old) || provinces_on(db, "2026-01-01", now)) {
		free(old);
		free(now);
		return -DB_ERROR;
	}
	unsigned seed = 1336;
	DbStatus s = DB_OK;
	/* Đề án 1336: clubs registered add up to 4,000 over the 57 plans of 2021; budgets to 50,891 billion. */
	static const int64_t budgets[17] = {5200, 2100, 3600, 2400, 2300, 2500, 4100, 3900, 2600,
					    2700, 4500, 3300, 2600, 2200, 2900, 3500, 0};
	int64_t budget_sum = 0;
	for (int i = 0; i < 16; i++)
		budget_sum += budgets[i] * 1000000;
	int64_t registered = 0;
	int issued_2021 = 0, n_budget = 0;
	for (int i = 0; i < old->n && s == DB_OK; i++) {
		const Prov *pv = &old->v[i];
		int lateness = in_list(pv->code, late, 6);
		int b = in_list(pv->code, budgeted, 17);
		char doc[64], on[11], bdoc[64] = "", bon[11] = "";
		int month = 1 + (int)(rnd(&seed) % 11), day = 1 + (int)(rnd(&seed) % 27);
		int issued = 1;
		int64_t clubs = 50 + rnd(&seed) % 40;
		const char *why = "";
		if (lateness) {
			if (lateness <= 4) {
				snprintf(on, sizeof on, "2022-%02u-%02u", (unsigned)(2 + lateness) % 100u, (unsigned)day % 100u);
			} else {
				issued = 0;
				on[0] = '\0';
				why = "Chưa được UBND tỉnh phê duyệt kế hoạch; chờ bố trí ngân sách.";
			}
			clubs = issued ? 30 + rnd(&seed) % 30 : 0;
		} else {
			snprintf(on, sizeof on, "2021-%02d-%02d", month, day);
			issued_2021++;
			if (issued_2021 == 57)
				clubs = 4000 - registered; /* the 57 plans of 2021 register 4,000 clubs in all */
			registered += clubs;
		}
		snprintf(doc, sizeof doc, "KH %d/KH-UBND", 10 + (int)(rnd(&seed) % 190));
		int64_t budget = 0;
		if (b) {
			n_budget++;
			budget = n_budget < 17 ? budgets[n_budget - 1] * 1000000 : INT64_C(50891000000) - budget_sum;
			snprintf(bdoc, sizeof bdoc, "QĐ %d/QĐ-UBND", 1000 + (int)(rnd(&seed) % 3000));
			snprintf(bon, sizeof bon, "2021-%02d-%02d", month < 12 ? month + 1 : 12, day);
		}
		if (!issued)
			doc[0] = '\0';
		int mech = issued && !b ? 1 : b ? 1 : 0, policy = issued ? 1 : 0;
		if (!b && issued && !why[0] && rnd(&seed) % 4 == 0)
			why = "Ngân sách Nhà nước cấp hạn hẹp; một số CLB thành lập chưa có nguồn vốn ban đầu.";
		s = plan_insert(db, p1336.id, pv, issued, doc, on, clubs, budget, bdoc, bon, mech, policy, why);
		c->plans++;
		if (s == DB_OK && issued && clubs > 0) {
			/* The province's target: a share of the national 3,000, as its plan set it. */
			s = target_insert(db, p1336.id, pv->id, "new_clubs", clubs * 3 / 4, on);
			c->targets++;
		}
	}
	/* Đề án 1648: the 34 provinces of 2026, plans under way. */
	for (int i = 0; i < now->n && s == DB_OK; i++) {
		const Prov *pv = &now->v[i];
		int issued = rnd(&seed) % 10 < 6;
		char doc[64] = "", on[11] = "";
		if (issued) {
			snprintf(doc, sizeof doc, "KH %d/KH-UBND", 10 + (int)(rnd(&seed) % 190));
			snprintf(on, sizeof on, "2026-%02d-%02d", 2 + (int)(rnd(&seed) % 7), 1 + (int)(rnd(&seed) % 27));
		}
		s = plan_insert(db, p1648.id, pv, issued, doc, on, issued ? 150 + rnd(&seed) % 250 : 0, 0, "", "", 0, issued,
				issued ? "" : "Đang xây dựng dự thảo kế hoạch theo địa giới mới.");
		c->plans++;
	}
	/* Resources: the central budget each year; per province a province budget, members' own
	 * contributions, businesses, and the donor where it works. */
	for (int year = 2021; year <= 2026 && s == DB_OK; year++) {
		s = resource_insert(db, 0, year, "state_central", "cash", 1500000000 + (int64_t)(rnd(&seed) % 10) * 100000000, 0,
				    "Kinh phí thực hiện Đề án của Trung ương Hội");
		c->resources++;
		const Provs *ps = year <= 2024 ? old : now;
		for (int i = 0; i < ps->n && s == DB_OK; i++) {
			const Prov *pv = &ps->v[i];
			if (rnd(&seed) % 3 != 0) {
				s = resource_insert(db, pv->id, year, "state_province", "cash", (200 + rnd(&seed) % 800) * INT64_C(1000000), 0,
						    "Ngân sách tỉnh hỗ trợ thành lập CLB");
				c->resources++;
			}
			if (s == DB_OK) {
				s = resource_insert(db, pv->id, year, "members", "cash", (50 + rnd(&seed) % 300) * INT64_C(1000000), 0,
						    "Thành viên đóng góp quỹ");
				c->resources++;
			}
			if (s == DB_OK && rnd(&seed) % 4 == 0) {
				s = resource_insert(db, pv->id, year, "business", "in_kind", (20 + rnd(&seed) % 200) * INT64_C(1000000), 0,
						    "Doanh nghiệp tặng máy đo huyết áp, dụng cụ thể thao");
				c->resources++;
			}
			if (s == DB_OK && have_donor && in_list(pv->code, donor_places, 12)) {
				s = resource_insert(db, pv->id, year, "donor", "cash", (300 + rnd(&seed) % 500) * INT64_C(1000000), donor.id,
						    "Vốn ban đầu cho quỹ tăng thu nhập của CLB");
				c->resources++;
			}
		}
	}
	for (int i = 0; have_donor && i < old->n && s == DB_OK; i++) {
		if (!in_list(old->v[i].code, donor_places, 12))
			continue;
		Stmt *st = db_stmt(db, "demo_donor_unit",
				   "INSERT INTO donor_project_units (programme_id, unit_id) VALUES ($1, $2)");
		if (!st) {
			s = DB_ERROR;
			break;
		}
		db_bind_int(st, 1, donor.id);
		db_bind_int(st, 2, old->v[i].id);
		s = db_exec_stmt(st);
		c->units++;
	}
	free(old);
	free(now);
	if (s != DB_OK)
		return -(int)s;
	Actor demo = {.role = ROLE_ADMIN};
	snprintf(demo.username, sizeof demo.username, "demo");
	json_t *after = json_pack("{s:I, s:I, s:I, s:I}", "plans", (json_int_t)c->plans, "targets", (json_int_t)c->targets,
				  "resources", (json_int_t)c->resources, "donor_units", (json_int_t)c->units);
	s = audit_write(db, &demo, "demo", "programme", "demo", NULL, after);
	json_decref(after);
	return -(int)s;
}

int programme_demo_load(Db *db, Err *e)
{
	DemoCounts c;
	int rc = db_tx(db, demo_tx, &c);
	return rc ? err_set(e, err_from_db(rc), NULL) : 0;
}
