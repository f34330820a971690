/* Demo data (see demo.h): a country of clubs shaped like the programme, generated from a seed.
 * Users go through user_create like anyone's; the bulk of clubs, people and monthly reports is
 * written here with plain INSERTs, one transaction and one summary audit record per batch of clubs,
 * because a transaction (and an fsync) per person or report would take an hour for the national
 * benchmark; the live report totals are then rebuilt once (total_rebuild). */
#include "core/demo.h"
#include "core/programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/club.h"
#include "core/indicator.h"
#include "core/fund.h"
#include "core/loan.h"
#include "core/search.h"
#include "core/total.h"
#include "core/unit.h"
#include "core/work_demo.h"
#include "core/guidance_demo.h"
#include "core/user.h"
#include "lib/log.h"
#include "lib/vi.h"

const DemoLogin demo_logins[] = {
	{"admin", "ishc-demo-admin", "administrator", NULL, "Quản trị viên"},
	{"trunguong", "ishc-demo-central", "central", NULL, "Nguyễn Thị Hoa"},
	{"thanhhoa", "ishc-demo-province", "province", "38", "Lê Văn Thủy"},
	{"xa.hoangloc", "ishc-demo-commune", "commune", "15961", "Trần Thị Hòa"},
	{"clb.hoangloc", "ishc-demo-club", "club", "15961-01", "Phạm Thị Lan"},
	{"nhataitro", "ishc-demo-viewer", "viewer", NULL, "HelpAge Việt Nam"},
	{NULL, NULL, NULL, NULL, NULL},
};

/* The commune of the demo's commune and club users. */
#define HOME_COMMUNE "15961"
/* A batch of 1,000 clubs (about 60,000 people) per transaction: fewer, larger commits rewrite the
 * members indexes fewer times (10,000 clubs load in about two thirds of the time batches of 100 take). */
enum { HOME_CLUBS = 5, BATCH_CLUBS = 1000 };

/* ---- random numbers: splitmix64, the same on every machine ---- */

static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A whole number in [0, n). */
static int rnd(uint64_t *s, int n)
{
	return n <= 0 ? 0 : (int)(((rng_next(s) >> 32) * (uint64_t)n) >> 32);
}

/* 1 with probability per_mille / 1000. */
static int chance(uint64_t *s, int per_mille)
{
	return rnd(s, 1000) < per_mille;
}

static int between(uint64_t *s, int lo, int hi)
{
	return hi <= lo ? lo : lo + rnd(s, hi - lo + 1);
}

/* ---- dates as day numbers (days since 1970-01-01; H. Hinnant's civil algorithms) ---- */

static int days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int day_of(const char *iso)
{
	int y = 0, m = 0, d = 0;
	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	return days_from_civil(y, m, d);
}

static void iso_of(int day, char out[11])
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

static int year_of(int day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	return y;
}

/* ---- weighted tables ---- */

typedef struct Pick {
	const char *s;
	int w;
} Pick;

typedef struct Table {
	const Pick *p;
	int n;
	int total;
} Table;

#define TABLE(a) {a, (int)(sizeof a / sizeof *a), 0}

static const char *pick(uint64_t *r, Table *t)
{
	if (!t->total)
		for (int i = 0; i < t->n; i++)
			t->total += t->p[i].w;
	int x = rnd(r, t->total);
	for (int i = 0; i < t->n; i++) {
		if (x < t->p[i].w)
			return t->p[i].s;
		x -= t->p[i].w;
	}
	return t->p[t->n - 1].s;
}

/* Family names of the Kinh majority, weights per mille for the north, the centre from Nghệ An to
 * Huế, and the south from Đà Nẵng (Nguyễn ~38%, Trần ~11%, Lê ~9.5%, Phạm ~7%; Hoàng and Vũ in
 * the north where the south says Huỳnh and Võ). */
static const struct {
	const char *s;
	int w[3];
} kinh_families[] = {
	{"Nguyễn", {380, 380, 380}}, {"Trần", {110, 110, 110}}, {"Lê", {95, 110, 95}}, {"Phạm", {70, 60, 60}},
	{"Hoàng", {50, 30, 3}}, {"Huỳnh", {2, 15, 55}}, {"Phan", {35, 60, 50}}, {"Vũ", {40, 10, 2}},
	{"Võ", {3, 40, 45}}, {"Đặng", {21, 20, 21}}, {"Bùi", {25, 15, 15}}, {"Đỗ", {20, 10, 12}},
	{"Hồ", {8, 40, 15}}, {"Ngô", {13, 12, 13}}, {"Dương", {10, 8, 10}}, {"Lý", {5, 3, 8}},
	{"Đinh", {10, 6, 5}}, {"Trương", {6, 8, 10}}, {"Mai", {6, 6, 5}}, {"Đoàn", {6, 6, 6}},
	{"Trịnh", {7, 3, 3}}, {"Lương", {5, 3, 4}}, {"Hà", {6, 4, 2}}, {"Cao", {5, 5, 5}},
	{"Lưu", {4, 3, 4}}, {"Tạ", {4, 2, 2}}, {"Lâm", {2, 2, 6}}, {"Thái", {1, 6, 3}},
	{"Phùng", {5, 1, 1}}, {"Tô", {3, 2, 3}}, {"Châu", {1, 2, 5}}, {"La", {1, 1, 2}},
	{"Kiều", {3, 1, 1}}, {"Lại", {3, 1, 1}}, {"Khúc", {2, 0, 0}}, {"Chu", {3, 1, 1}},
	{"Quách", {2, 2, 3}}, {"Triệu", {3, 1, 1}}, {"Tăng", {1, 1, 2}}, {"Từ", {1, 1, 2}},
};
enum { KINH_FAMILIES = sizeof kinh_families / sizeof *kinh_families };
static Pick kinh_family_picks[3][KINH_FAMILIES];
static Table kinh_family_tables[3];

static const Pick mid_f_old[] = {
	{"Thị", 850}, {"Thị Thu", 20}, {"Thị Thanh", 20}, {"Thị Kim", 10}, {"Thị Minh", 10}, {"Ngọc", 20},
	{"Thu", 20}, {"Kim", 20}, {"Thanh", 10}, {"Hồng", 10}, {"Bích", 10},
};
static const Pick mid_f_young[] = {
	{"Thị", 450}, {"Thị Thu", 40}, {"Thị Thanh", 40}, {"Thị Hồng", 30}, {"Thị Ngọc", 30}, {"Ngọc", 80},
	{"Thu", 80}, {"Thanh", 60}, {"Minh", 50}, {"Kim", 40}, {"Hồng", 40}, {"Bích", 30}, {"Phương", 30},
};
static const Pick mid_m_old[] = {
	{"Văn", 700}, {"Đức", 60}, {"Đình", 50}, {"Hữu", 50}, {"Xuân", 30}, {"Ngọc", 30}, {"Quang", 30},
	{"Công", 30}, {"Bá", 20},
};
static const Pick mid_m_young[] = {
	{"Văn", 400}, {"Đức", 100}, {"Minh", 100}, {"Quang", 70}, {"Hữu", 60}, {"Công", 50}, {"Tiến", 40},
	{"Thanh", 40}, {"Xuân", 40}, {"Quốc", 50}, {"Trọng", 50},
};
static const Pick given_f_old[] = {
	{"Hoa", 8}, {"Lan", 7}, {"Hương", 6}, {"Hà", 5}, {"Hằng", 4}, {"Hạnh", 4}, {"Hồng", 6}, {"Huệ", 4},
	{"Hiền", 4}, {"Hòa", 5}, {"Liên", 5}, {"Loan", 4}, {"Lý", 4}, {"Mai", 6}, {"Nga", 5}, {"Ngọc", 3},
	{"Nhung", 3}, {"Oanh", 3}, {"Phương", 3}, {"Tâm", 3}, {"Thảo", 3}, {"Thủy", 5}, {"Thu", 5},
	{"Thúy", 4}, {"Tuyết", 4}, {"Vân", 5}, {"Xuân", 5}, {"Yến", 4}, {"Cúc", 5}, {"Dung", 4}, {"Đào", 4},
	{"Gấm", 2}, {"Hảo", 3}, {"Lệ", 3}, {"Lụa", 3}, {"Mơ", 3}, {"Nụ", 2}, {"Sen", 3}, {"Tám", 2},
	{"Thắm", 3}, {"Thơm", 3}, {"Tươi", 3}, {"Bình", 3}, {"Nhàn", 3}, {"Thoa", 3}, {"Chanh", 1},
	{"Sáu", 1}, {"Tý", 1}, {"Hợi", 1}, {"Nguyệt", 3}, {"Quế", 2}, {"Tình", 2}, {"Kim", 2}, {"Minh", 2},
	{"Lành", 2}, {"Hiên", 1},
};
static const Pick given_f_young[] = {
	{"Linh", 6}, {"Trang", 6}, {"Huyền", 5}, {"Ngân", 3}, {"Anh", 5}, {"Thảo", 5}, {"Ly", 3}, {"Hà", 5},
	{"Phương", 5}, {"Giang", 4}, {"Nhung", 4}, {"Quỳnh", 3}, {"Hương", 5}, {"Hoa", 4}, {"Lan", 3},
	{"Hằng", 4}, {"Thủy", 4}, {"Nga", 3}, {"Vân", 3}, {"Dung", 3}, {"Yến", 3}, {"Hạnh", 3}, {"Loan", 2},
	{"Mai", 4}, {"Ngọc", 3}, {"Tâm", 2}, {"Nhàn", 2}, {"Thúy", 3}, {"Hiền", 3}, {"Hồng", 3},
};
static const Pick given_m_old[] = {
	{"Hùng", 4}, {"Dũng", 3}, {"Minh", 4}, {"Hải", 3}, {"Sơn", 4}, {"Thắng", 4}, {"Bình", 4},
	{"Cường", 3}, {"Đức", 3}, {"Hòa", 4}, {"Hưng", 3}, {"Long", 3}, {"Nam", 4}, {"Phúc", 3},
	{"Quang", 3}, {"Thành", 4}, {"Trung", 3}, {"Tùng", 2}, {"Vinh", 3}, {"Khánh", 2}, {"Lâm", 2},
	{"Lợi", 3}, {"Phong", 2}, {"Tiến", 3}, {"Toàn", 3}, {"Chiến", 3}, {"Hiếu", 2}, {"Lộc", 3},
	{"Mạnh", 2}, {"Nghĩa", 3}, {"Thịnh", 2}, {"Vượng", 2}, {"Xuân", 2}, {"Thuận", 3}, {"Sáu", 1},
	{"Bảy", 2}, {"Tám", 2}, {"Hai", 1}, {"Út", 1}, {"Tư", 1}, {"Lực", 2}, {"Tân", 3},
};
static const Pick given_m_young[] = {
	{"Hùng", 3}, {"Dũng", 4}, {"Tuấn", 5}, {"Minh", 5}, {"Hải", 4}, {"Sơn", 3}, {"Thắng", 3},
	{"Cường", 4}, {"Đức", 4}, {"Hưng", 3}, {"Long", 4}, {"Nam", 4}, {"Phúc", 2}, {"Quang", 3},
	{"Thành", 3}, {"Trung", 3}, {"Tùng", 3}, {"Việt", 3}, {"Vinh", 3}, {"Khánh", 3}, {"Huy", 4},
	{"Hiếu", 3}, {"Kiên", 3}, {"Quân", 3}, {"Tú", 2}, {"Bảo", 2}, {"Dương", 2}, {"Hoàng", 3},
	{"Toàn", 2}, {"Tiến", 2}, {"Phong", 2},
};
static Table t_mid_f_old = TABLE(mid_f_old), t_mid_f_young = TABLE(mid_f_young);
static Table t_mid_m_old = TABLE(mid_m_old), t_mid_m_young = TABLE(mid_m_young);
static Table t_given_f_old = TABLE(given_f_old), t_given_f_young = TABLE(given_f_young);
static Table t_given_m_old = TABLE(given_m_old), t_given_m_young = TABLE(given_m_young);

/* ---- ethnic minorities: the groups of each region, with the names they carry ---- */

static const Pick tay_fam[] = {{"Hoàng", 5}, {"Nông", 5}, {"Lục", 2}, {"Ma", 2}, {"Hà", 2}, {"Đàm", 1}, {"Lương", 1}, {"Bế", 1}, {"Hứa", 1}, {"Triệu", 1}};
static const Pick nung_fam[] = {{"Hoàng", 4}, {"Nông", 3}, {"Lục", 2}, {"Vi", 2}, {"Lý", 2}, {"Hứa", 1}, {"Chu", 1}, {"Mã", 1}};
static const Pick mong_fam[] = {{"Giàng", 5}, {"Sùng", 4}, {"Vàng", 4}, {"Thào", 4}, {"Lý", 3}, {"Hầu", 2}, {"Mùa", 2}, {"Lầu", 2}, {"Vừ", 1}, {"Tráng", 1}};
static const Pick mong_mid_m[] = {{"A", 5}, {"Seo", 3}, {"Văn", 2}, {"Mí", 1}};
static const Pick mong_mid_f[] = {{"Thị", 1}};
static const Pick mong_given_m[] = {{"Páo", 3}, {"Chứ", 2}, {"Dính", 2}, {"Sình", 2}, {"Chía", 2}, {"Pó", 1}, {"Lử", 1}, {"Say", 1}, {"Tủa", 1}, {"Sử", 1}, {"Thềnh", 1}};
static const Pick mong_given_f[] = {{"Mỷ", 3}, {"Dợ", 2}, {"Sính", 2}, {"Mai", 2}, {"Chua", 1}, {"Pà", 1}, {"Sua", 1}, {"Súa", 1}, {"Chi", 1}, {"Mẩy", 1}};
static const Pick dao_fam[] = {{"Triệu", 5}, {"Bàn", 4}, {"Đặng", 3}, {"Chảo", 2}, {"Lý", 2}, {"Phùng", 1}, {"Tẩn", 1}};
static const Pick dao_mid_m[] = {{"Văn", 5}, {"Tòn", 2}, {"Phúc", 1}};
static const Pick dao_mid_f[] = {{"Thị", 6}, {"Mùi", 1}, {"Tả", 1}};
static const Pick dao_given_m[] = {{"Phin", 2}, {"Kiềm", 2}, {"Sành", 2}, {"Chòi", 1}, {"Vần", 1}, {"Quý", 2}, {"Phú", 2}, {"Kiến", 1}};
static const Pick dao_given_f[] = {{"Mẩy", 2}, {"Nhất", 1}, {"Nái", 1}, {"Lìu", 1}, {"Dảo", 1}, {"Mai", 2}, {"Xuân", 1}};
static const Pick thai_fam[] = {{"Lò", 5}, {"Lường", 4}, {"Cầm", 3}, {"Quàng", 3}, {"Tòng", 2}, {"Vi", 2}, {"Lộc", 1}, {"Hà", 2}, {"Điêu", 1}, {"Bạc", 1}};
static const Pick thai_given_m[] = {{"Piềng", 2}, {"Xôm", 1}, {"Ún", 1}, {"Pằn", 1}, {"Thoát", 1}, {"Biên", 2}, {"Ón", 1}, {"Đôi", 1}, {"Xương", 1}, {"Hặc", 1}};
static const Pick thai_given_f[] = {{"Ín", 1}, {"Ơn", 1}, {"Pọm", 1}, {"Xuân", 2}, {"Hoa", 2}, {"Phòng", 1}, {"Lả", 1}, {"Bua", 1}, {"Piêng", 1}, {"Ỏn", 1}};
static const Pick muong_fam[] = {{"Bùi", 6}, {"Đinh", 5}, {"Quách", 2}, {"Hà", 2}, {"Xa", 1}, {"Bạch", 1}, {"Cao", 1}};
static const Pick khmer_fam[] = {{"Thạch", 6}, {"Sơn", 4}, {"Danh", 4}, {"Kim", 2}, {"Lâm", 2}, {"Châu", 1}, {"Trầm", 1}};
static const Pick khmer_mid_m[] = {{"", 6}, {"Văn", 2}};
static const Pick khmer_mid_f[] = {{"Thị", 6}, {"", 2}};
static const Pick khmer_given_m[] = {{"Sóc", 2}, {"Phol", 1}, {"Sang", 2}, {"Kha", 1}, {"Đa", 1}, {"Ri", 1}, {"Nhân", 1}, {"Sa Rết", 1}, {"Chanh", 1}};
static const Pick khmer_given_f[] = {{"Sa", 1}, {"Ny", 1}, {"Sương", 2}, {"Mây", 1}, {"Sô Phi", 1}, {"Sa Quên", 1}, {"Thu", 1}, {"Ngọc", 1}};
static const Pick hoa_fam[] = {{"Lâm", 3}, {"Trương", 3}, {"Quách", 2}, {"Lưu", 2}, {"Mã", 2}, {"Lý", 2}, {"Hứa", 1}, {"Tăng", 1}, {"Diệp", 1}};
static const Pick giarai_fam[] = {{"Ksor", 5}, {"Rơ Mah", 4}, {"Siu", 4}, {"Nay", 3}, {"Kpă", 2}, {"Rah Lan", 2}};
static const Pick giarai_mid[] = {{"", 1}};
static const Pick giarai_given_m[] = {{"Tuân", 1}, {"Phước", 1}, {"Blung", 1}, {"Hyơ", 1}, {"Thin", 1}, {"Đoan", 1}, {"Plui", 1}};
static const Pick giarai_given_f[] = {{"H'Ni", 1}, {"H'Mai", 1}, {"H'Nhi", 1}, {"Hyang", 1}, {"H'Lin", 1}, {"H'Bla", 1}};
static const Pick hre_fam[] = {{"Đinh", 5}, {"Phạm", 3}};
static const Pick cham_fam[] = {{"Đàng", 4}, {"Thành", 3}, {"Quảng", 3}, {"Thông", 2}, {"Lưu", 1}, {"Trượng", 1}, {"Bá", 1}, {"Châu", 1}};
static const Pick cham_mid_m[] = {{"Năng", 2}, {"Văn", 3}, {"Đại", 1}};
static const Pick bru_fam[] = {{"Hồ", 8}, {"Lê", 1}, {"Kê", 1}};

typedef struct Ethnic {
	const char *name;
	Table family;
	/* NULL tables: the Kinh tables of the same sex and age. */
	Table mid_f, mid_m, given_f, given_m;
} Ethnic;

#define NOTABLE {NULL, 0, 0}
enum { E_TAY, E_NUNG, E_MONG, E_DAO, E_THAI, E_MUONG, E_KHMER, E_HOA, E_GIARAI, E_HRE, E_CHAM, E_BRU, ETHNICS };
static Ethnic ethnics[ETHNICS] = {
	[E_TAY] = {"Tày", TABLE(tay_fam), NOTABLE, NOTABLE, NOTABLE, NOTABLE},
	[E_NUNG] = {"Nùng", TABLE(nung_fam), NOTABLE, NOTABLE, NOTABLE, NOTABLE},
	[E_MONG] = {"Mông", TABLE(mong_fam), TABLE(mong_mid_f), TABLE(mong_mid_m), TABLE(mong_given_f), TABLE(mong_given_m)},
	[E_DAO] = {"Dao", TABLE(dao_fam), TABLE(dao_mid_f), TABLE(dao_mid_m), TABLE(dao_given_f), TABLE(dao_given_m)},
	[E_THAI] = {"Thái", TABLE(thai_fam), NOTABLE, NOTABLE, TABLE(thai_given_f), TABLE(thai_given_m)},
	[E_MUONG] = {"Mường", TABLE(muong_fam), NOTABLE, NOTABLE, NOTABLE, NOTABLE},
	[E_KHMER] = {"Khmer", TABLE(khmer_fam), TABLE(khmer_mid_f), TABLE(khmer_mid_m), TABLE(khmer_given_f), TABLE(khmer_given_m)},
	[E_HOA] = {"Hoa", TABLE(hoa_fam), NOTABLE, NOTABLE, NOTABLE, NOTABLE},
	[E_GIARAI] = {"Gia Rai", TABLE(giarai_fam), TABLE(giarai_mid), TABLE(giarai_mid), TABLE(giarai_given_f), TABLE(giarai_given_m)},
	[E_HRE] = {"Hrê", TABLE(hre_fam), NOTABLE, NOTABLE, NOTABLE, NOTABLE},
	[E_CHAM] = {"Chăm", TABLE(cham_fam), NOTABLE, TABLE(cham_mid_m), NOTABLE, NOTABLE},
	[E_BRU] = {"Bru - Vân Kiều", TABLE(bru_fam), NOTABLE, NOTABLE, NOTABLE, NOTABLE},
};

/* ---- the provinces of today ---- */

/* How villages are named and which family names are common: the north ("thôn", "xóm"; Hoàng, Vũ),
 * the northern mountains ("bản"), the centre down to Khánh Hòa and the Central Highlands ("thôn";
 * Hồ, Phan, Võ), the south ("ấp"; Huỳnh, Võ). */
enum { R_DELTA, R_MOUNTAIN, R_CENTRE, R_SOUTH };

typedef struct Traits {
	const char *code;
	int region;
	int minority;             /* per mille of clubs that are mostly of minority people */
	int poor, near_poor;      /* per mille of members */
	int groups[4], weights[4];
} Traits;

/* Rough shares from the 2019 census and the poverty lists: the northern mountains are mostly
 * Tày, Nùng, Thái, Mông and Dao, with the most poor households; the Mekong delta has Khmer
 * villages; Thanh Hóa and Nghệ An have Mường and Thái communes in their west. */
static const Traits traits[] = {
	{"01", R_DELTA, 10, 5, 10, {E_MUONG}, {1}},
	{"04", R_MOUNTAIN, 900, 250, 150, {E_TAY, E_NUNG, E_MONG, E_DAO}, {45, 35, 12, 8}},
	{"08", R_MOUNTAIN, 750, 220, 140, {E_TAY, E_MONG, E_DAO, E_NUNG}, {35, 35, 20, 10}},
	{"11", R_MOUNTAIN, 800, 300, 120, {E_THAI, E_MONG, E_DAO}, {50, 45, 5}},
	{"12", R_MOUNTAIN, 850, 300, 120, {E_MONG, E_THAI, E_DAO}, {40, 40, 20}},
	{"14", R_MOUNTAIN, 800, 220, 120, {E_THAI, E_MONG, E_MUONG, E_DAO}, {60, 25, 10, 5}},
	{"15", R_MOUNTAIN, 600, 150, 100, {E_MONG, E_TAY, E_DAO, E_THAI}, {35, 25, 25, 15}},
	{"19", R_DELTA, 350, 80, 80, {E_TAY, E_NUNG, E_DAO, E_MONG}, {50, 25, 20, 5}},
	{"20", R_MOUNTAIN, 850, 120, 100, {E_NUNG, E_TAY, E_DAO}, {45, 40, 15}},
	{"22", R_DELTA, 100, 20, 30, {E_DAO, E_TAY, E_HOA}, {50, 35, 15}},
	{"24", R_DELTA, 10, 20, 40, {E_NUNG, E_TAY}, {1, 1}},
	{"25", R_DELTA, 250, 60, 80, {E_MUONG, E_DAO, E_THAI}, {85, 8, 7}},
	{"31", R_DELTA, 0, 15, 30, {E_HOA}, {1}},
	{"33", R_DELTA, 0, 20, 40, {E_HOA}, {1}},
	{"37", R_DELTA, 30, 25, 40, {E_MUONG}, {1}},
	{"38", R_CENTRE, 150, 60, 80, {E_MUONG, E_THAI}, {65, 35}},
	{"40", R_CENTRE, 120, 70, 80, {E_THAI, E_MONG}, {85, 15}},
	{"42", R_CENTRE, 5, 50, 70, {E_MUONG}, {1}},
	{"44", R_CENTRE, 60, 60, 80, {E_BRU}, {1}},
	{"46", R_CENTRE, 30, 30, 50, {E_BRU}, {1}},
	{"48", R_CENTRE, 20, 15, 30, {E_HRE}, {1}},
	{"51", R_CENTRE, 250, 120, 90, {E_HRE, E_GIARAI}, {60, 40}},
	{"52", R_CENTRE, 300, 100, 80, {E_GIARAI}, {1}},
	{"56", R_CENTRE, 120, 50, 60, {E_CHAM}, {1}},
	{"66", R_CENTRE, 150, 90, 80, {E_TAY, E_NUNG, E_GIARAI}, {40, 35, 25}},
	{"68", R_CENTRE, 120, 60, 60, {E_CHAM, E_TAY, E_NUNG}, {40, 30, 30}},
	{"75", R_SOUTH, 60, 15, 30, {E_HOA, E_TAY, E_NUNG}, {40, 30, 30}},
	{"79", R_SOUTH, 50, 5, 10, {E_HOA, E_KHMER}, {90, 10}},
	{"80", R_SOUTH, 20, 20, 40, {E_KHMER, E_CHAM}, {60, 40}},
	{"82", R_SOUTH, 10, 20, 40, {E_KHMER, E_HOA}, {60, 40}},
	{"86", R_SOUTH, 120, 40, 60, {E_KHMER, E_HOA}, {95, 5}},
	{"91", R_SOUTH, 100, 30, 50, {E_KHMER, E_CHAM, E_HOA}, {80, 10, 10}},
	{"92", R_SOUTH, 150, 40, 60, {E_KHMER, E_HOA}, {85, 15}},
	{"96", R_SOUTH, 50, 30, 60, {E_KHMER, E_HOA}, {80, 20}},
};
static const Traits default_traits = {"", R_DELTA, 10, 30, 50, {E_TAY}, {1}};

static const Traits *traits_of(const char *code)
{
	for (size_t i = 0; i < sizeof traits / sizeof *traits; i++)
		if (strcmp(traits[i].code, code) == 0)
			return &traits[i];
	return &default_traits;
}

/* ---- villages: what a club is named after ---- */

static const char *const delta_villages[] = {
	"Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Đoài", "Đình", "Chùa", "Giữa", "Cầu",
	"Đồng", "Trại", "Phú Mỹ", "An Lạc", "Yên Bình", "Phúc Lâm", "Thọ Vực", "Hòa Bình", "Tân Lập",
	"Đông Hải", "Nội", "Ngoại", "Văn Giáp", "Mỹ Thịnh",
};
static const char *const mountain_prefix[] = {"Nà", "Khuổi", "Phiêng", "Pá", "Huổi", "Nậm", "Lũng", "Bó", "Cốc", "Pác"};
static const char *const mountain_suffix[] = {"Cáy", "Mường", "Lạn", "Khoang", "Lìu", "Nọi", "Luông", "Tổng", "Đông", "Chang", "Pục", "Vẹ"};
static const char *const centre_villages[] = {
	"An Phú", "Phú Xuân", "Đông Hòa", "Tân Lập", "Trung Hòa", "Phước Thạnh", "Xuân Lộc", "Mỹ Trung",
	"Hòa Mỹ", "Phú Lộc", "Thanh Tân", "Vĩnh An", "Tân Mỹ", "Lộc Điền", "Quảng Phú", "Đại An",
	"Phú Thượng", "Trung Sơn", "Thạch Bình", "Bình An",
};
static const char *const south_villages[] = {
	"Bình Hòa", "Tân Thành", "Phú Lợi", "An Thạnh", "Long Hưng", "Mỹ Lợi", "Hòa Thuận", "Tân Phú",
	"Thạnh Lợi", "Phước Hậu", "Vĩnh Thạnh", "Long Thới", "Mỹ Phước", "Tân Hòa", "Bình Thạnh",
	"Phú Hòa", "An Bình", "Hưng Lợi", "Sóc Tro", "Tà Lọt",
};
#define COUNT(a) ((int)(sizeof a / sizeof *a))

/* The k-th village of a commune (k < 20 keeps them distinct), written as people write it. */
static void village_name(int region, const char *kind, unsigned hash, int k, char *out, size_t n)
{
	int urban = strcmp(kind, "phuong") == 0 || strcmp(kind, "thi_tran") == 0 || strcmp(kind, "dac_khu") == 0;
	int numbered = (hash >> 3) % 3 == 0;
	if (urban) {
		snprintf(out, n, "%s %d", region == R_SOUTH ? "Khu phố" : "Tổ dân phố", (int)(hash % 7) + 1 + k);
	} else if (region == R_MOUNTAIN) {
		int i = (int)(hash % (COUNT(mountain_prefix) * COUNT(mountain_suffix))) + k * 7;
		snprintf(out, n, "Bản %s %s", mountain_prefix[i % COUNT(mountain_prefix)],
			 mountain_suffix[(i / COUNT(mountain_prefix) + k) % COUNT(mountain_suffix)]);
	} else if (numbered) {
		const char *word = region == R_SOUTH ? "Ấp" : region == R_DELTA && hash % 2 ? "Xóm" : "Thôn";
		snprintf(out, n, "%s %d", word, (int)(hash % 5) + 1 + k);
	} else if (region == R_SOUTH) {
		snprintf(out, n, "Ấp %s", south_villages[(hash + (unsigned)k * 3) % COUNT(south_villages)]);
	} else if (region == R_CENTRE) {
		snprintf(out, n, "Thôn %s", centre_villages[(hash + (unsigned)k * 3) % COUNT(centre_villages)]);
	} else {
		snprintf(out, n, "Thôn %s", delta_villages[(hash + (unsigned)k * 3) % COUNT(delta_villages)]);
	}
}

/* "Thôn Đông" -> "thôn Đông" inside a club's name. */
static void lower_first_word(const char *village, char *out, size_t n)
{
	static const struct {
		const char *from, *to;
	} words[] = {{"Thôn ", "thôn "}, {"Xóm ", "xóm "}, {"Bản ", "bản "}, {"Ấp ", "ấp "},
		     {"Tổ dân phố ", "tổ dân phố "}, {"Khu phố ", "khu phố "}};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		size_t len = strlen(words[i].from);
		if (strncmp(village, words[i].from, len) == 0) {
			snprintf(out, n, "%s%s", words[i].to, village + len);
			return;
		}
	}
	snprintf(out, n, "%s", village);
}

/* ---- the country: communes of every time, by today's province ---- */

typedef struct Commune {
	int64_t id;
	char code[8];
	char kind[16];
	int from, to;             /* validity as day numbers; to = 0 while in force */
	int province;             /* index into Country.provinces */
} Commune;

typedef struct Province {
	int64_t id;
	char code[8];
	const Traits *traits;
	int *old, nold;           /* communes of before the reform whose history a commune of today carries */
	int *now, nnow;           /* communes in force today */
} Province;

typedef struct Country {
	Province *provinces;
	int nprovinces;
	Commune *communes;
	int ncommunes;
	int reform;               /* first day of today's communes */
} Country;

static void country_free(Country *c)
{
	for (int i = 0; i < c->nprovinces; i++) {
		free(c->provinces[i].old);
		free(c->provinces[i].now);
	}
	free(c->provinces);
	free(c->communes);
	memset(c, 0, sizeof *c);
}

static int country_load(Db *db, Country *c, const char *today)
{
	memset(c, 0, sizeof *c);
	Stmt *st = db_stmt(db, "demo_provinces",
			   "SELECT id, code FROM units WHERE level = 'province' AND valid_from <= $1 "
			   "AND (valid_to IS NULL OR valid_to >= $1) ORDER BY code");
	if (!st)
		return -1;
	db_bind_text(st, 1, today);
	int cap = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		if (c->nprovinces == cap) {
			cap = cap ? cap * 2 : 64;
			Province *p = realloc(c->provinces, (size_t)cap * sizeof *p);
			if (!p) {
				db_reset(st);
				return -1;
			}
			c->provinces = p;
		}
		Province *p = &c->provinces[c->nprovinces++];
		memset(p, 0, sizeof *p);
		p->id = db_col_int(st, 0);
		snprintf(p->code, sizeof p->code, "%s", db_col_text(st, 1));
		p->traits = traits_of(p->code);
	}
	if (s != DB_DONE || !c->nprovinces)
		return -1;
	/* Communes of today, and the ended communes carried on by one of today (so their clubs'
	 * history shows in today's commune), each with the province of today it rolls up into. */
	st = db_stmt(db, "demo_communes",
		     "SELECT u.id, u.code, u.kind, u.valid_from, COALESCE(u.valid_to, ''), p.code "
		     "FROM units u JOIN unit_reach r ON r.unit_id = u.id JOIN units p ON p.id = r.ancestor_id "
		     "WHERE u.level = 'commune' AND p.level = 'province' AND p.valid_from <= $1 "
		     "AND (p.valid_to IS NULL OR p.valid_to >= $1) "
		     "AND ((u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to >= $1)) "
		     " OR EXISTS (SELECT 1 FROM unit_links l WHERE l.from_id = u.id)) "
		     "ORDER BY p.code, u.code, u.valid_from");
	if (!st)
		return -1;
	db_bind_text(st, 1, today);
	cap = 0;
	int pi = 0;
	while ((s = db_step(st)) == DB_ROW) {
		if (c->ncommunes == cap) {
			cap = cap ? cap * 2 : 4096;
			Commune *m = realloc(c->communes, (size_t)cap * sizeof *m);
			if (!m) {
				db_reset(st);
				return -1;
			}
			c->communes = m;
		}
		const char *pcode = db_col_text(st, 5);
		while (pi < c->nprovinces && strcmp(c->provinces[pi].code, pcode) < 0)
			pi++;
		if (pi == c->nprovinces || strcmp(c->provinces[pi].code, pcode) != 0)
			continue;
		Commune *m = &c->communes[c->ncommunes++];
		memset(m, 0, sizeof *m);
		m->id = db_col_int(st, 0);
		snprintf(m->code, sizeof m->code, "%s", db_col_text(st, 1));
		snprintf(m->kind, sizeof m->kind, "%s", db_col_text(st, 2));
		m->from = day_of(db_col_text(st, 3));
		const char *to = db_col_text(st, 4);
		m->to = to && *to ? day_of(to) : 0;
		m->province = pi;
	}
	if (s != DB_DONE)
		return -1;
	int today_day = day_of(today);
	for (int i = 0; i < c->ncommunes; i++) {
		Province *p = &c->provinces[c->communes[i].province];
		int now = c->communes[i].to == 0 || c->communes[i].to >= today_day;
		int **list = now ? &p->now : &p->old;
		int *n = now ? &p->nnow : &p->nold;
		int *grown = realloc(*list, (size_t)(*n + 1) * sizeof **list);
		if (!grown)
			return -1;
		*list = grown;
		grown[(*n)++] = i;
		if (now && (!c->reform || c->communes[i].from > c->reform))
			c->reform = c->communes[i].from;
	}
	return 0;
}

static int commune_valid_on(const Commune *m, int day)
{
	return m->from <= day && (m->to == 0 || m->to >= day);
}

/* A commune of province p in force on day, or -1. */
static int commune_pick(uint64_t *r, const Country *c, int p, int day)
{
	const Province *pv = &c->provinces[p];
	int before = day < c->reform;
	for (int pass = 0; pass < 2; pass++) {
		int old = pass == before ? 0 : 1;
		const int *list = old ? pv->old : pv->now;
		int n = old ? pv->nold : pv->nnow;
		for (int tries = 0; n && tries < 16; tries++) {
			int i = list[rnd(r, n)];
			if (commune_valid_on(&c->communes[i], day))
				return i;
		}
	}
	return -1;
}

static int commune_by_code(const Country *c, const char *code, int day)
{
	for (int i = 0; i < c->ncommunes; i++)
		if (strcmp(c->communes[i].code, code) == 0 && commune_valid_on(&c->communes[i], day))
			return i;
	return -1;
}

/* ---- the plan: every club's place, dates and status, before anything is written ---- */

enum { S_PLANNED, S_FOUNDED, S_ACTIVE, S_INACTIVE, S_DISSOLVED };
static const char *const status_codes[] = {"planned", "founded", "active", "inactive", "dissolved"};
enum { P_NONE, P_DA1533, P_DA1336, P_DA1648, P_DONOR, PROGRAMMES };
static const char *const programme_codes[PROGRAMMES] = {NULL, "DA1533", "DA1336", "DA1648", "HAI-LTH"};

typedef struct Plan {
	int commune;
	int status;
	int founded;              /* day number; 0 for a planned club */
	int active_from;          /* when it started meeting (0: not yet) */
	int inactive_from;        /* 0 unless inactive or dissolved after a pause */
	int status_day;
	int programme;
	int village_k;
	char code[16];
	uint64_t seed;            /* the club's own random stream */
} Plan;

/* The people already on a book in each commune (by name parts and birth year), so the demo makes
 * no namesakes that the "same person" rule would question. Open addressing with tombstones: a
 * batch whose transaction is retried first takes back what it added. */
typedef struct NameSet {
	uint64_t *slots;          /* 0 empty, 1 removed, else a hash */
	size_t mask;
	uint64_t *added;
	size_t nadded, cap_added;
} NameSet;

static uint64_t name_hash(int64_t unit, const char *family, const char *middle, const char *given, int year)
{
	uint64_t h = 1469598103934665603ull;
	const char *parts[3] = {family, middle, given};
	h = (h ^ (uint64_t)unit) * 1099511628211ull;
	h = (h ^ (uint64_t)year) * 1099511628211ull;
	for (int i = 0; i < 3; i++) {
		for (const unsigned char *c = (const unsigned char *)parts[i]; *c; c++)
			h = (h ^ *c) * 1099511628211ull;
		h = (h ^ 0xff) * 1099511628211ull;
	}
	return h < 2 ? h + 2 : h;
}

static int nameset_init(NameSet *s, size_t expected)
{
	size_t cap = 1024;
	while (cap < expected * 2)
		cap *= 2;
	s->slots = calloc(cap, sizeof *s->slots);
	s->mask = cap - 1;
	return s->slots ? 0 : -1;
}

/* 1 when h was there already; else adds it and returns 0 (or -1 out of memory). */
static int nameset_add(NameSet *s, uint64_t h)
{
	size_t i = (size_t)h & s->mask, free_slot = SIZE_MAX;
	for (; s->slots[i]; i = (i + 1) & s->mask) {
		if (s->slots[i] == h)
			return 1;
		if (s->slots[i] == 1 && free_slot == SIZE_MAX)
			free_slot = i;
	}
	if (s->nadded == s->cap_added) {
		size_t cap = s->cap_added ? s->cap_added * 2 : 8192;
		uint64_t *a = realloc(s->added, cap * sizeof *a);
		if (!a)
			return -1;
		s->added = a;
		s->cap_added = cap;
	}
	s->added[s->nadded++] = h;
	s->slots[free_slot != SIZE_MAX ? free_slot : i] = h;
	return 0;
}

/* Takes back everything added since the last nameset_keep. */
static void nameset_undo(NameSet *s)
{
	for (size_t k = 0; k < s->nadded; k++)
		for (size_t i = (size_t)s->added[k] & s->mask; s->slots[i]; i = (i + 1) & s->mask)
			if (s->slots[i] == s->added[k]) {
				s->slots[i] = 1;
				break;
			}
	s->nadded = 0;
}

static void nameset_keep(NameSet *s)
{
	s->nadded = 0;
}

typedef struct Demo {
	Db *db;
	Actor actor;
	Country country;
	Plan *plans;
	int nplans;
	int as_of;
	int64_t programme_ids[PROGRAMMES];
	char now[21];
	uint64_t seed;
	DemoResult res;
	int *club_numbers;        /* next club number per commune code (0..99999) */
	NameSet names;
	/* The monthly reports: the catalogue version in force and which of the demo's indicators
	 * it holds, the settings they follow, and the months they cover (as year * 12 + month - 1). */
	int64_t catalogue;
	int in_catalogue[40];
	int nvalues;
	int due_day, older_age;
	int first_month, last_month;
	char values_sql[2048];
	int books_pm;             /* clubs keeping their fund books in ishc, per mille */
} Demo;

/* Founding years by weight: the 2016–2020 programme, then Đề án 1336 from 2021 (its peak years
 * 2022–2025), and Đề án 1648 from 2026. */
static int founding_day(uint64_t *r, int as_of)
{
	static const int weights[] = {5, 6, 7, 8, 6, 9, 12, 13, 13, 12, 9};  /* 2016..2026 */
	int last_year = year_of(as_of);
	int total = 0;
	for (int y = 2016; y <= last_year && y - 2016 < COUNT(weights); y++)
		total += weights[y - 2016];
	int x = rnd(r, total > 0 ? total : 1), year = 2016;
	while (year - 2016 < COUNT(weights) - 1 && year < last_year && x >= weights[year - 2016])
		x -= weights[year++ - 2016];
	int first = days_from_civil(year, 1, 1), last = days_from_civil(year, 12, 31);
	if (last > as_of - 10)
		last = as_of - 10;
	return first > last ? last : between(r, first, last);
}

static int programme_for(uint64_t *r, int founded)
{
	int year = year_of(founded);
	if (chance(r, 90))
		return P_DONOR;
	if (year <= 2020)
		return chance(r, 850) ? P_DA1533 : P_NONE;
	if (year <= 2025)
		return chance(r, 950) ? P_DA1336 : P_NONE;
	return P_DA1648;
}

/* Status and its dates for a club founded on `founded`. */
static void plan_status(uint64_t *r, Plan *p, int as_of)
{
	p->active_from = p->founded + between(r, 14, 60);
	if (as_of - p->founded < 45 || p->active_from > as_of) {
		p->status = S_FOUNDED;
		p->status_day = p->founded;
		p->active_from = 0;
		return;
	}
	p->status = S_ACTIVE;
	p->status_day = p->active_from;
	int x = rnd(r, 1000);
	if (as_of - p->founded > 600 && x < 60) {
		p->status = S_INACTIVE;
		p->status_day = p->inactive_from = between(r, p->founded + 400, as_of - 30);
	} else if (as_of - p->founded > 900 && x < 90) {
		p->status = S_DISSOLVED;
		if (chance(r, 500))
			p->inactive_from = between(r, p->founded + 400, as_of - 400);
		p->status_day = between(r, (p->inactive_from ? p->inactive_from : p->founded + 400) + 120, as_of - 30);
	}
}

static int plan_code(Demo *d, Plan *p)
{
	const Commune *m = &d->country.communes[p->commune];
	long n = strtol(m->code, NULL, 10);
	if (n < 0 || n > 99999 || d->club_numbers[n] >= 99)
		return -1;
	/* Numbered per code, across the commune's old and new units, like club_create; the villages
	 * follow the same count so two clubs of one commune never share a name. */
	p->village_k = d->club_numbers[n]++;
	snprintf(p->code, sizeof p->code, "%.7s-%02d", m->code, d->club_numbers[n]);
	return 0;
}

static int plan_country(Demo *d, int nclubs)
{
	Country *c = &d->country;
	d->plans = calloc((size_t)nclubs, sizeof *d->plans);
	d->club_numbers = calloc(100000, sizeof *d->club_numbers);
	if (!d->plans || !d->club_numbers)
		return -1;
	uint64_t r = d->seed ^ 0x5eed0f1a2b3c4d5eull;
	/* Province weights: their communes of today (a fair proxy for their size). */
	int total = 0;
	for (int i = 0; i < c->nprovinces; i++)
		total += c->provinces[i].nnow;
	int i = 0;
	/* The home commune first: club 15961-01 in the commune of today, founded after the reform,
	 * then older clubs of the commune it carries on and newer ones. */
	static const struct {
		int y, m, dd;
	} home[HOME_CLUBS] = {{2025, 8, 20}, {2019, 5, 15}, {2022, 3, 8}, {2026, 4, 10}, {2023, 9, 25}};
	for (int h = 0; h < HOME_CLUBS && i < nclubs; h++) {
		Plan *p = &d->plans[i];
		p->seed = d->seed * 0x100000001B3ull + (uint64_t)i * 0x9E3779B97F4A7C15ull + 1;
		p->founded = days_from_civil(home[h].y, home[h].m, home[h].dd);
		if (p->founded > d->as_of - 60)
			p->founded = d->as_of - 60 - h;
		p->commune = commune_by_code(c, HOME_COMMUNE, p->founded);
		if (p->commune < 0)
			break;
		uint64_t pr = p->seed;
		p->programme = programme_for(&pr, p->founded);
		if (p->programme == P_NONE || p->programme == P_DONOR)
			p->programme = year_of(p->founded) <= 2020 ? P_DA1533 : year_of(p->founded) <= 2025 ? P_DA1336 : P_DA1648;
		p->active_from = p->founded + 30;
		p->status = p->active_from <= d->as_of ? S_ACTIVE : S_FOUNDED;
		p->status_day = p->status == S_ACTIVE ? p->active_from : p->founded;
		if (plan_code(d, p) != 0)
			return -1;
		i++;
	}
	for (int k = 0; i < nclubs; i++, k++) {
		Plan *p = &d->plans[i];
		p->seed = d->seed * 0x100000001B3ull + (uint64_t)i * 0x9E3779B97F4A7C15ull + 1;
		/* Every province once, then by size. */
		int prov = 0;
		if (k < c->nprovinces) {
			prov = k;
		} else {
			int x = rnd(&r, total);
			while (prov < c->nprovinces - 1 && x >= c->provinces[prov].nnow)
				x -= c->provinces[prov++].nnow;
		}
		if (chance(&r, 15)) {
			/* A club being prepared in a commune of today. */
			p->status = S_PLANNED;
			p->status_day = d->as_of - rnd(&r, 120);
			p->commune = commune_pick(&r, c, prov, d->as_of);
			p->programme = year_of(d->as_of) >= 2026 ? P_DA1648 : P_DA1336;
		} else {
			p->founded = founding_day(&r, d->as_of);
			p->commune = commune_pick(&r, c, prov, p->founded);
			p->programme = programme_for(&r, p->founded);
			plan_status(&r, p, d->as_of);
		}
		if (p->commune < 0) {
			/* No commune of that time in this province: found it in a commune of today. */
			p->founded = p->founded && p->founded < c->reform ? c->reform + rnd(&r, 60) : p->founded;
			if (p->founded > d->as_of)
				p->founded = d->as_of;
			p->commune = commune_pick(&r, c, prov, p->founded ? p->founded : d->as_of);
			if (p->commune < 0)
				return -1;
			if (p->status != S_PLANNED)
				plan_status(&r, p, d->as_of);
		}
		if (plan_code(d, p) != 0)
			return -1;
	}
	d->nplans = nclubs;
	return 0;
}

/* ---- people ---- */

typedef struct Person {
	int64_t id;
	char family[48], middle[48], given[48];
	int female, older;
	int age;
	char birth_date[11];
	int birth_year;
	const char *ethnicity;
	char phone[16];
	const char *household;
	int disability, lives_alone, health_card;
	int joined, left;
	const char *left_reason;
	int consent;
	const char *consent_form;
	char national_id[16];
	int role;                 /* board role index + 1, or 0 */
	int volunteer;
} Person;

static int older_age(uint64_t *r)
{
	int x = rnd(r, 100);
	if (x < 35)
		return between(r, 61, 65);
	if (x < 63)
		return between(r, 66, 70);
	if (x < 81)
		return between(r, 71, 75);
	if (x < 92)
		return between(r, 76, 80);
	return between(r, 81, 92);
}

static int younger_age(uint64_t *r, int min)
{
	int x = rnd(r, 100), age;
	if (x < 10)
		age = between(r, 25, 35);
	else if (x < 35)
		age = between(r, 36, 45);
	else if (x < 80)
		age = between(r, 46, 55);
	else
		age = between(r, 56, 58);
	return age < min ? (min > 58 ? 58 : min) : age;
}

static void person_name(uint64_t *r, Person *p, int region, Ethnic *eth)
{
	Table *fam = eth ? &eth->family : &kinh_family_tables[region == R_SOUTH ? 2 : region == R_CENTRE ? 1 : 0];
	Table *mid = p->female ? (p->older ? &t_mid_f_old : &t_mid_f_young) : (p->older ? &t_mid_m_old : &t_mid_m_young);
	Table *giv = p->female ? (p->older ? &t_given_f_old : &t_given_f_young) : (p->older ? &t_given_m_old : &t_given_m_young);
	if (eth) {
		Table *em = p->female ? &eth->mid_f : &eth->mid_m, *eg = p->female ? &eth->given_f : &eth->given_m;
		if (em->p)
			mid = em;
		if (eg->p && chance(r, 700))
			giv = eg;
	}
	snprintf(p->family, sizeof p->family, "%s", pick(r, fam));
	snprintf(p->middle, sizeof p->middle, "%s", pick(r, mid));
	/* Nobody is called "Thu Thu" or "Ngọc Ngọc": the given name differs from the middle name's
	 * last word. */
	const char *last = strrchr(p->middle, ' ');
	last = last ? last + 1 : p->middle;
	for (int tries = 0; tries < 8; tries++) {
		snprintf(p->given, sizeof p->given, "%s", pick(r, giv));
		if (strcmp(p->given, last) != 0)
			break;
	}
}

static void phone_number(uint64_t *r, char out[16])
{
	static const char *const prefixes[] = {"090", "091", "093", "094", "096", "097", "098", "086", "088", "032",
					       "033", "034", "035", "036", "037", "038", "039", "070", "076", "077",
					       "078", "079", "081", "082", "083", "084", "085"};
	snprintf(out, 16, "%s%07d", prefixes[rnd(r, COUNT(prefixes))], rnd(r, 10000000));
}

/* ---- writing ---- */

static int exec_ok(Stmt *st)
{
	return st && db_exec_stmt(st) == DB_OK ? 0 : -1;
}

static int write_status(Db *db, int64_t club, const char *status, int day)
{
	char iso[11];
	iso_of(day, iso);
	Stmt *st = db_stmt(db, "demo_club_status", "INSERT INTO club_status (club_id, status, from_date) VALUES ($1, $2, $3)");
	if (!st)
		return -1;
	db_bind_int(st, 1, club);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, iso);
	return exec_ok(st);
}

static int write_person(Demo *d, int64_t club, const char *village, Person *p)
{
	char name[160], birth[11] = "", joined[11], left[11], consent[11];
	snprintf(name, sizeof name, "%s%s%s%s%s", p->family, p->family[0] ? " " : "", p->middle, p->middle[0] ? " " : "",
		 p->given);
	char *fold = vi_fold(name), *key = vi_collate_name(p->family, p->middle, p->given);
	iso_of(p->joined, joined);
	if (p->left)
		iso_of(p->left, left);
	if (p->consent)
		iso_of(p->consent, consent);
	Stmt *st = fold && key ? db_stmt(d->db, "demo_member_insert",
					 "INSERT INTO members (club_id, family_name, middle_name, given_name, name_fold, name_key, sex, "
					 "birth_year, birth_date, ethnicity, phone, household, disability, lives_alone, health_card, "
					 "village, joined_on, left_on, left_reason, consent_on, consent_form, national_id, note, "
					 "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
					 "$15, $16, $17, $18, $19, $20, $21, $22, '', $23, $23)")
			       : NULL;
	int rc = -1;
	if (st) {
		snprintf(birth, sizeof birth, "%s", p->birth_date);
		db_bind_int(st, 1, club);
		db_bind_text(st, 2, p->family);
		db_bind_text(st, 3, p->middle);
		db_bind_text(st, 4, p->given);
		db_bind_text(st, 5, fold);
		db_bind_text(st, 6, key);
		db_bind_text(st, 7, p->female ? "F" : "M");
		db_bind_int(st, 8, p->birth_year);
		db_bind_text(st, 9, birth[0] ? birth : NULL);
		db_bind_text(st, 10, p->ethnicity);
		db_bind_text(st, 11, p->phone);
		db_bind_text(st, 12, p->household);
		db_bind_int(st, 13, p->disability);
		db_bind_int(st, 14, p->lives_alone);
		db_bind_int(st, 15, p->health_card);
		db_bind_text(st, 16, village);
		db_bind_text(st, 17, joined);
		db_bind_text(st, 18, p->left ? left : NULL);
		db_bind_text(st, 19, p->left ? p->left_reason : "");
		db_bind_text(st, 20, p->consent ? consent : NULL);
		db_bind_text(st, 21, p->consent ? p->consent_form : "");
		db_bind_text(st, 22, p->national_id[0] ? p->national_id : NULL);
		db_bind_text(st, 23, d->now);
		rc = exec_ok(st);
		p->id = rc == 0 ? db_last_id(d->db) : 0;
		/* The name search index, as member_write keeps it. */
		if (rc == 0 && search_index_member(d->db, p->id, fold, key, !p->left) != DB_OK)
			rc = -1;
	}
	free(fold);
	free(key);
	return rc;
}

static const char *const board_codes[] = {"chair", "vice_chair", "accountant", "treasurer", "secretary", "board_member"};

static int write_board(Db *db, int64_t club, const Person *p, int from, int to)
{
	char f[11], t[11];
	iso_of(from, f);
	if (to)
		iso_of(to, t);
	Stmt *st = db_stmt(db, "demo_board_insert",
			   "INSERT INTO board_roles (club_id, member_id, role, from_date, to_date) VALUES ($1, $2, $3, $4, $5)");
	if (!st)
		return -1;
	db_bind_int(st, 1, club);
	db_bind_int(st, 2, p->id);
	db_bind_text(st, 3, board_codes[p->role - 1]);
	db_bind_text(st, 4, f);
	db_bind_text(st, 5, to ? t : NULL);
	return exec_ok(st);
}

static int64_t write_volunteer(Db *db, int64_t club, const Person *p, int from, int to)
{
	char f[11], t[11];
	iso_of(from, f);
	if (to)
		iso_of(to, t);
	Stmt *st = db_stmt(db, "demo_volunteer_insert",
			   "INSERT INTO volunteers (club_id, member_id, from_date, to_date) VALUES ($1, $2, $3, $4)");
	if (!st)
		return -1;
	db_bind_int(st, 1, club);
	db_bind_int(st, 2, p->id);
	db_bind_text(st, 3, f);
	db_bind_text(st, 4, to ? t : NULL);
	return exec_ok(st) == 0 ? db_last_id(db) : -1;
}

static int write_visit(Db *db, int64_t volunteer, const Person *p, int from, int to)
{
	char f[11], t[11];
	iso_of(from, f);
	if (to)
		iso_of(to, t);
	Stmt *st = db_stmt(db, "demo_visit_insert",
			   "INSERT INTO care_visits (volunteer_id, member_id, from_date, to_date) VALUES ($1, $2, $3, $4)");
	if (!st)
		return -1;
	db_bind_int(st, 1, volunteer);
	db_bind_int(st, 2, p->id);
	db_bind_text(st, 3, f);
	db_bind_text(st, 4, to ? t : NULL);
	return exec_ok(st);
}

static void shuffle(uint64_t *r, int *a, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = rnd(r, i + 1), t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}

enum { MAX_PEOPLE = 80 };

/* Makes the people of club plan p (the members on its book today between 50 and 70, with women
 * and older people each 60–70% in most clubs, and a few who have left) and writes them with the
 * board and the volunteers. */
static int write_people(Demo *d, const Plan *p, uint64_t *r, int64_t club, int64_t unit, const char *village,
			const Province *pv, Person *people, int *npeople)
{
	const Traits *tr = pv->traits;
	int n = between(r, 50, 70);
	/* Most clubs keep to the model; one in twenty strays, so the flags have something to show. */
	int stray = chance(r, 50);
	int women = (n * (stray ? between(r, 500, 800) : between(r, 600, 700)) + 500) / 1000;
	int older = (n * (stray ? between(r, 500, 800) : between(r, 600, 700)) + 500) / 1000;
	int leavers = d->as_of - p->founded > 365 ? rnd(r, 4) : 0;
	int total = n + leavers;
	int sex[MAX_PEOPLE], old[MAX_PEOPLE];
	for (int i = 0; i < total; i++) {
		sex[i] = i < women || (i >= n && chance(r, 650));
		old[i] = i < older || (i >= n && chance(r, 650));
	}
	shuffle(r, sex, n);
	shuffle(r, old, n);
	/* A village of a minority people, or of the Kinh majority with a few minority neighbours. */
	int minority_village = chance(r, tr->minority);
	int main_group = tr->groups[0];
	{
		int wt = 0;
		for (int g = 0; g < 4; g++)
			wt += tr->weights[g];
		int x = rnd(r, wt > 0 ? wt : 1);
		for (int g = 0; g < 4 && tr->weights[g]; g++) {
			if (x < tr->weights[g]) {
				main_group = tr->groups[g];
				break;
			}
			x -= tr->weights[g];
		}
	}
	int minority_share = minority_village ? between(r, 750, 1000) : tr->minority ? between(r, 0, 40) : 0;
	int poor = tr->poor * (minority_village ? 3 : 2) / 2, near = tr->near_poor;
	if (poor > 600)
		poor = 600;
	int dissolved = p->status == S_DISSOLVED;
	int pdays = d->as_of - p->founded;
	for (int i = 0; i < total; i++) {
		Person *m = &people[i];
		memset(m, 0, sizeof *m);
		m->female = sex[i];
		m->older = old[i];
		/* Three in four joined on the founding day; the rest since. */
		m->joined = i < 13 || pdays < 30 || chance(r, 750) ? p->founded : p->founded + between(r, 1, pdays - 1);
		if (i >= n) {
			int last = d->as_of - 1;
			if (m->joined + 90 > last)
				m->joined = p->founded;
			m->left = between(r, m->joined + 90, last);
			m->left_reason = m->older && chance(r, 500) ? "Qua đời" : chance(r, 500) ? "Chuyển đi nơi khác" : "Xin ra khỏi CLB";
		}
		if (dissolved) {
			if (m->joined >= p->status_day)
				m->joined = p->founded;
			m->left = p->status_day;
			m->left_reason = "CLB giải thể";
		}
		int joined_year = year_of(m->joined);
		m->age = m->older ? older_age(r) : younger_age(r, 18 + year_of(d->as_of) - joined_year);
		m->birth_year = year_of(d->as_of) - m->age;
		if (chance(r, 700)) {
			int first = days_from_civil(m->birth_year, 1, 1);
			iso_of(first + rnd(r, 365), m->birth_date);
			m->birth_year = (int)strtol(m->birth_date, NULL, 10);
		}
		Ethnic *eth = NULL;
		if (chance(r, minority_share)) {
			/* Mostly the village's own people; some of the province's other peoples. */
			int g = rnd(r, 4);
			eth = &ethnics[chance(r, 850) || !tr->weights[g] ? main_group : tr->groups[g]];
		}
		m->ethnicity = eth ? eth->name : "Kinh";
		/* The demo's club user keeps the book of 15961-01 (she is its secretary, below). */
		int home_user = i == 0 && strcmp(p->code, HOME_COMMUNE "-01") == 0;
		for (int tries = 0; tries < 12; tries++) {
			if (home_user) {
				snprintf(m->family, sizeof m->family, "Phạm");
				snprintf(m->middle, sizeof m->middle, "Thị");
				snprintf(m->given, sizeof m->given, "Lan");
				m->female = 1;
				m->ethnicity = "Kinh";
			} else {
				person_name(r, m, tr->region, eth);
			}
			int seen = nameset_add(&d->names, name_hash(unit, m->family, m->middle, m->given, m->birth_year));
			if (seen < 0)
				return -1;
			if (!seen || home_user)
				break;
		}
		if (chance(r, m->older ? 550 : 900))
			phone_number(r, m->phone);
		int x = rnd(r, 1000);
		m->household = x < poor ? "poor" : x < poor + near ? "near_poor" : "other";
		m->disability = chance(r, m->older ? 70 : 30);
		m->lives_alone = chance(r, m->older ? (m->female ? 150 : 80) : 10);
		m->health_card = chance(r, m->older ? 950 : 820);
		/* Consent was asked from 2026, when the personal data law came into force. */
		int law = days_from_civil(2026, 1, 1);
		if (!m->left || m->left >= law) {
			int when = m->joined > law ? m->joined : law + rnd(r, 90);
			if (when <= d->as_of && (!m->left || when <= m->left)) {
				m->consent = when;
				m->consent_form = m->older && (eth || chance(r, 100)) ? "thumbprint" : chance(r, 850) ? "written" : "verbal";
			}
		}
		if (chance(r, 400)) {
			int born = m->birth_year;
			snprintf(m->national_id, sizeof m->national_id, "0%.2s%d%02d%06d", pv->code,
				 (born >= 2000 ? 2 : 0) + m->female, born % 100, rnd(r, 1000000));
		}
	}
	for (int i = 0; i < total; i++)
		if (write_person(d, club, village, &people[i]) != 0)
			return -1;
	d->res.members += total;
	*npeople = total;

	/* The board of 5, elected from the founders: an older chair, a vice chair, an accountant
	 * (or treasurer), a secretary and one more member. */
	int order[MAX_PEOPLE], nf = 0;
	for (int i = 0; i < n; i++)
		if (people[i].joined == p->founded)
			order[nf++] = i;
	shuffle(r, order, nf);
	int roles[5] = {1, 2, chance(r, 500) ? 3 : 4, 5, 6};
	int home = strcmp(p->code, HOME_COMMUNE "-01") == 0;
	for (int k = 0; k < 5; k++) {
		int best = home && roles[k] == 5 ? 0 : -1;
		/* The chair older; accountant, treasurer and secretary younger (they keep the books). */
		for (int pass = 0; pass < 2 && best < 0; pass++)
			for (int j = 0; j < nf && best < 0; j++) {
				Person *m = &people[order[j]];
				if (m->role || (home && order[j] == 0))
					continue;
				int fits = roles[k] == 1 ? m->older : roles[k] >= 3 && roles[k] <= 5 ? !m->older : 1;
				if (fits || pass == 1)
					best = order[j];
			}
		if (best < 0)
			break;
		people[best].role = roles[k];
		if (write_board(d->db, club, &people[best], p->founded, dissolved ? p->status_day : 0) != 0)
			return -1;
		d->res.board_roles++;
	}
	/* Five to eight home-care volunteers, mostly younger women, each visiting one or two older
	 * members (those living alone or with a disability first). */
	int nv = between(r, 5, 8), made = 0;
	int from = p->active_from ? p->active_from : p->founded;
	for (int pass = 0; pass < 3 && made < nv; pass++)
		for (int j = 0; j < nf && made < nv; j++) {
			Person *m = &people[order[nf - 1 - j]];
			if (m->role || m->volunteer)
				continue;
			if ((pass == 0 && (m->older || !m->female)) || (pass == 1 && m->older))
				continue;
			m->volunteer = 1;
			made++;
			int64_t vid = write_volunteer(d->db, club, m, from, dissolved ? p->status_day : 0);
			if (vid < 0)
				return -1;
			d->res.volunteers++;
			int visits = between(r, 1, 2), done = 0;
			for (int vpass = 0; vpass < 2 && done < visits; vpass++)
				for (int q = rnd(r, n), tries = 0; tries < n && done < visits; tries++, q = (q + 1) % n) {
					Person *o = &people[q];
					if (!o->older || o->volunteer || o == m || (vpass == 0 && !o->lives_alone && !o->disability))
						continue;
					int vfrom = o->joined > from ? o->joined : from;
					if (write_visit(d->db, vid, o, vfrom, dissolved ? p->status_day : 0) != 0)
						return -1;
					o->volunteer = 2;     /* visited: not a volunteer, and visited once */
					d->res.care_visits++;
					done++;
				}
		}
	return 0;
}

/* ---- monthly reports ---- */

/* The indicators of the first catalogue (data/indicators.csv) the demo fills, in its order; an
 * indicator an administrator added since stays empty, as in a club that has not heard of it. */
enum {
	V_MEM_TOTAL, V_MEM_OLDER, V_MEM_WOMEN, V_MEM_POOR, V_MEM_DISAB, V_MEM_JOINED, V_MEM_LEFT,
	V_MEET_HELD, V_MEET_ATTEND, V_BOARD_MEET,
	V_LOANS_N, V_LOANS_VND, V_REPAID_VND, V_INTEREST_VND, V_OUTSTANDING, V_BORROWERS, V_PAR30_VND, V_FUND_VND,
	V_GROUPS, V_HEA_CHECKS, V_HEA_EXERCISE, V_HEA_TALKS, V_HEA_INSURED,
	V_CARE_VOLUNT, V_CARE_CLIENTS, V_CARE_VISITS, V_RIGHT_HELPED, V_LEARN_SESS, V_LEARN_PART,
	V_CULT_EVENTS, V_CULT_VISITS, V_MUT_HELPS, V_MUT_COMMUNITY, V_RES_CASH_VND, V_RES_KIND_VND, V_ACT_FUND_VND,
	VALUES
};
_Static_assert(VALUES <= (int)(sizeof ((Demo *)0)->in_catalogue / sizeof (int)), "Demo.in_catalogue holds every value");
static const char *const value_codes[VALUES] = {
	"MEM_TOTAL", "MEM_OLDER", "MEM_WOMEN", "MEM_POOR", "MEM_DISAB", "MEM_JOINED", "MEM_LEFT",
	"MEET_HELD", "MEET_ATTEND", "BOARD_MEET",
	"INC_LOANS_N", "INC_LOANS_VND", "INC_REPAID_VND", "INC_INTEREST_VND", "INC_OUTSTANDING", "INC_BORROWERS",
	"INC_PAR30_VND", "INC_FUND_VND", "INC_GROUPS", "HEA_CHECKS", "HEA_EXERCISE", "HEA_TALKS", "HEA_INSURED",
	"CARE_VOLUNT", "CARE_CLIENTS", "CARE_VISITS", "RIGHT_HELPED", "LEARN_SESS", "LEARN_PART",
	"CULT_EVENTS", "CULT_VISITS", "MUT_HELPS", "MUT_COMMUNITY", "RES_CASH_VND", "RES_KIND_VND", "ACT_FUND_VND",
};

enum { REPORT_MONTHS = 60, MILLION = 1000000 };

static int month_of(int day)
{
	int y, m, dd;
	civil_from_days(day, &y, &m, &dd);
	return y * 12 + m - 1;
}

static int month_first(int mi)
{
	return days_from_civil(mi / 12, mi % 12 + 1, 1);
}

static int month_last(int mi)
{
	return month_first(mi + 1) - 1;
}

/* A moment of day `day`, in office hours in Việt Nam (01:00 to 10:00 UTC), as db_now_iso writes it. */
static void stamp_of(int day, int second, char out[21])
{
	char d[11];
	iso_of(day, d);
	unsigned s = (unsigned)second;
	snprintf(out, 21, "%.10sT%02u:%02u:%02uZ", d, s / 3600u % 24u, s / 60u % 60u, s % 60u);
}

static void catalogue_add(const Indicator *x, void *arg)
{
	Demo *d = arg;
	for (int i = 0; i < VALUES; i++)
		if (strcmp(value_codes[i], x->code) == 0 && !d->in_catalogue[i]) {
			d->in_catalogue[i] = 1;
			d->nvalues++;
		}
}

/* The catalogue version in force, its indicators, the settings the reports follow and the months
 * they cover: the 60 months before the demo's month. 0, or -1. */
static int reports_prepare(Demo *d)
{
	d->catalogue = indicator_version_current(d->db);
	if (d->catalogue < 0)
		return -1;
	if (d->catalogue > 0 && indicator_list(d->db, d->catalogue, catalogue_add, d) < 0)
		return -1;
	d->due_day = 5;
	Stmt *st = db_stmt(d->db, "demo_due_day", "SELECT value FROM settings WHERE key = 'report_due_day'");
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW) {
		long v = strtol(db_col_text(st, 0) ? db_col_text(st, 0) : "", NULL, 10);
		if (v >= 1 && v <= 28)
			d->due_day = (int)v;
	}
	db_reset(st);
	d->older_age = settings_older_age(d->db);
	d->last_month = month_of(d->as_of) - 1;
	d->first_month = d->last_month - REPORT_MONTHS + 1;
	return 0;
}

/* The member figures of month mi from the club's book, the way core/report.c counts them
 * (MEMBER_FIGURES_SQL): on the book on the month's last day, older by the birth date (or the birth
 * year when the date is not known) against the threshold, and the comings and goings in the month.
 * Also the people with a health insurance card, the home-care volunteers and the people they visit. */
static void member_figures(const Demo *d, const Person *people, int n, int mi, int care_from, int64_t *v,
			   int64_t *volunteers, int64_t *clients)
{
	int first = month_first(mi), last = month_last(mi), y, m, dd;
	civil_from_days(last, &y, &m, &dd);
	char cut[11];
	snprintf(cut, sizeof cut, "%04u-%02u-%02u", (unsigned)(y - d->older_age) % 10000u, (unsigned)m % 100u,
		 (unsigned)dd % 100u);
	for (int i = V_MEM_TOTAL; i <= V_MEM_LEFT; i++)
		v[i] = 0;
	v[V_HEA_INSURED] = *volunteers = *clients = 0;
	for (int i = 0; i < n; i++) {
		const Person *p = &people[i];
		if (p->joined >= first && p->joined <= last)
			v[V_MEM_JOINED]++;
		if (p->left && p->left >= first && p->left <= last)
			v[V_MEM_LEFT]++;
		if (p->joined > last || (p->left && p->left <= last))
			continue;
		v[V_MEM_TOTAL]++;
		v[V_MEM_OLDER] += p->birth_date[0] ? strcmp(p->birth_date, cut) <= 0 : p->birth_year <= y - d->older_age;
		v[V_MEM_WOMEN] += p->female;
		v[V_MEM_POOR] += strcmp(p->household, "other") != 0;
		v[V_MEM_DISAB] += p->disability != 0;
		v[V_HEA_INSURED] += p->health_card != 0;
		if (last >= care_from) {
			*volunteers += p->volunteer == 1;
			*clients += p->volunteer == 2;
		}
	}
}

/* One report as stored: status and the dates of its steps. */
typedef struct ReportRow {
	char period[8];
	const char *status;
	char created[21], updated[21], submitted[21], first_submitted[21], approved[21], note_at[21];
	const char *creator, *approver, *level, *note;
	int on_time;              /* first submitted by the due date (its day in Việt Nam counts) */
} ReportRow;

/* Where a report of month mi stands on the demo's day, drawn from r: begun at the month's end,
 * first submitted by the due date (day report_due_day of the next month) or late (late_pm per
 * mille), sometimes returned with a comment and submitted again, approved after a few days or
 * weeks by the commune (or the province); what has not happened by the demo's day has not happened. */
static void report_steps(const Demo *d, uint64_t *r, int mi, int late_pm, ReportRow *row)
{
	static const char *const comments[] = {
		"Số thành viên dự họp chưa khớp biên bản họp, đề nghị kiểm tra lại.",
		"Dư nợ cuối tháng chưa khớp sổ cho vay, đề nghị đối chiếu.",
		"Thiếu số lượt thăm chăm sóc tại nhà, đề nghị bổ sung.",
		"Đề nghị ghi rõ nguồn lực vận động trong tháng.",
	};
	int end = month_last(mi), due = month_first(mi + 1) + d->due_day - 1;
	int created = end - rnd(r, 4);
	int late = chance(r, late_pm);
	int first = late ? due + between(r, 1, 45) : between(r, end - 1, due);
	int never = chance(r, 5);              /* begun, never sent */
	int returned = chance(r, 50);
	int ret_day = first + between(r, 1, 10), resub = ret_day + between(r, 1, 20);
	int delay = chance(r, 250) ? between(r, 15, 50) : between(r, 1, 14);
	int stuck = chance(r, 8);              /* sent, and nobody approved it */
	int province = chance(r, 50);
	const char *note = comments[rnd(r, COUNT(comments))];
	int t_created = between(r, 3600, 36000), t_first = between(r, 3600, 36000);
	int t_ret = between(r, 3600, 36000), t_resub = between(r, 3600, 36000), t_ok = between(r, 3600, 36000);
	if (first <= created) {
		/* Begun and sent the same day: begun first. */
		created = first;
		int t = t_created < t_first ? t_created : t_first;
		t_first = t_created + t_first - t;
		t_created = t;
	}
	int y = mi / 12, m = mi % 12 + 1;
	snprintf(row->period, sizeof row->period, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
	stamp_of(created, t_created, row->created);
	snprintf(row->updated, sizeof row->updated, "%s", row->created);
	row->submitted[0] = row->first_submitted[0] = row->approved[0] = row->note_at[0] = '\0';
	row->note = "";
	row->level = NULL;
	row->status = "draft";
	row->on_time = 0;
	if (never || first > d->as_of)
		return;
	stamp_of(first, t_first, row->first_submitted);
	row->on_time = first <= due;
	int last_sent = first;
	row->status = "submitted";
	if (returned && ret_day <= d->as_of) {
		stamp_of(ret_day, t_ret, row->note_at);
		row->note = note;
		if (resub > d->as_of) {
			row->status = "returned";
			snprintf(row->submitted, sizeof row->submitted, "%s", row->first_submitted);
			snprintf(row->updated, sizeof row->updated, "%s", row->note_at);
			return;
		}
		last_sent = resub;
		stamp_of(resub, t_resub, row->submitted);
	} else {
		snprintf(row->submitted, sizeof row->submitted, "%s", row->first_submitted);
	}
	snprintf(row->updated, sizeof row->updated, "%s", row->submitted);
	if (stuck || last_sent + delay > d->as_of)
		return;
	row->status = "approved";
	row->level = province ? "province" : "commune";
	stamp_of(last_sent + delay, t_ok, row->approved);
	snprintf(row->updated, sizeof row->updated, "%s", row->approved);
}

static int write_report(Demo *d, int64_t club, const ReportRow *row, const int64_t *v)
{
	Stmt *st = db_stmt(d->db, "demo_report_insert",
			   "INSERT INTO reports (club_id, period, catalogue_version, status, created_at, created_by, "
			   "updated_at, updated_by, submitted_at, submitted_by, first_submitted_at, approved_at, approved_by, "
			   "approved_level, note, note_by, note_at, on_time, source) "
			   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'demo')");
	if (!st)
		return -1;
	int sent = row->submitted[0] != 0, ok = row->approved[0] != 0;
	const char *updater = ok ? row->approver : strcmp(row->status, "returned") == 0 ? row->approver : row->creator;
	db_bind_int(st, 1, club);
	db_bind_text(st, 2, row->period);
	db_bind_int(st, 3, d->catalogue);
	db_bind_text(st, 4, row->status);
	db_bind_text(st, 5, row->created);
	db_bind_text(st, 6, row->creator);
	db_bind_text(st, 7, row->updated);
	db_bind_text(st, 8, updater);
	db_bind_text(st, 9, sent ? row->submitted : NULL);
	db_bind_text(st, 10, sent ? row->creator : NULL);
	db_bind_text(st, 11, row->first_submitted[0] ? row->first_submitted : NULL);
	db_bind_text(st, 12, ok ? row->approved : NULL);
	db_bind_text(st, 13, ok ? row->approver : NULL);
	db_bind_text(st, 14, ok ? row->level : NULL);
	db_bind_text(st, 15, row->note);
	db_bind_text(st, 16, row->note[0] ? row->approver : "");
	db_bind_text(st, 17, row->note_at[0] ? row->note_at : NULL);
	db_bind_int(st, 18, row->on_time);
	if (exec_ok(st) != 0)
		return -1;
	int64_t id = db_last_id(d->db);
	/* All the month's values in one statement: ($1, $2, $3), ($1, $4, $5)... */
	st = db_stmt(d->db, "demo_report_values", d->values_sql);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	for (int i = 0, k = 2; i < VALUES; i++) {
		if (!d->in_catalogue[i])
			continue;
		db_bind_text(st, k++, value_codes[i]);
		db_bind_int(st, k++, v[i]);
	}
	if (exec_ok(st) != 0)
		return -1;
	d->res.reports++;
	d->res.report_values += d->nvalues;
	return 0;
}

static int64_t round_down(int64_t x, int64_t step)
{
	return x / step * step;
}

/* ---- fund books ---- */

/* A loan the demo keeps track of while it writes a club's books. */
typedef struct DemoLoan {
	int64_t id;
	int who;                  /* index into people */
	int next;                 /* day of its next payment, 0 when done */
	int bad;                  /* stops paying (a loan at risk), 2: written off already */
	int late_since;           /* day it stopped paying */
} DemoLoan;

enum { DEMO_LOANS_MAX = 512 };

static void keeper_name(const Person *p, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s%s%s", p->family, p->family[0] ? " " : "", p->middle, p->middle[0] ? " " : "", p->given);
}

static int on_book(const Person *p, int day)
{
	return p->joined <= day && (!p->left || p->left > day);
}

/* The next day the loan wants a payment, from its state as of day: its next instalment's due day
 * (or the day itself when something is already late), 0 when nothing is left. */
static int next_payment(Demo *d, int64_t club, const DemoLoan *dl, int day, int64_t *amount)
{
	char on[11];
	iso_of(day, on);
	Loan l;
	Err e = {0};
	if (loan_get_in_tx(d->db, &d->actor, club, dl->id, on, &l, &e) != 0)
		return -1;
	int next = 0;
	*amount = 0;
	if (strcmp(l.status, "active") == 0 && l.next_due_on[0]) {
		next = day_of(l.next_due_on);
		if (next < day)
			next = day;
		*amount = l.interest_due + l.principal_due + l.next_due_amount;
		if (*amount > l.payoff)
			*amount = l.payoff;
	}
	loan_free(&l);
	return next;
}

/* New loans on day, to members without one, while fewer than target_pm per mille borrow and the
 * income fund holds the money. */
static int lend(Demo *d, uint64_t *r, int64_t club, const Person *people, int n, int *has, DemoLoan *loans, int *nloans,
		int day, const char *treasurer, const char *rtext, int end_pm, int target_pm, int bad_pm)
{
	int members = 0, borrowing = 0;
	for (int i = 0; i < n; i++)
		if (on_book(&people[i], day)) {
			members++;
			borrowing += has[i];
		}
	char date[11], amount[32], chosen[24], term[8];
	iso_of(day, date);
	Fund both[2];
	Err e = {0};
	if (fund_get(d->db, &d->actor, club, both, &e) != 0)
		return -1;
	int64_t cash = both[0].balance;
	for (int tries = 0; tries < 6 && borrowing * 1000 < members * target_pm && *nloans < DEMO_LOANS_MAX; tries++) {
		int i = rnd(r, n);
		if (has[i] || !on_book(&people[i], day))
			continue;
		/* Round instalments: a whole number of hundred thousands a month. */
		int t = chance(r, 400) ? 6 : 12;
		int64_t principal = between(r, 2, 8) * (int64_t)t * 100000;
		if (principal > cash)
			break;
		snprintf(amount, sizeof amount, "%lld", (long long)principal);
		snprintf(chosen, sizeof chosen, "%lld", (long long)people[i].id);
		snprintf(term, sizeof term, "%d", t);
		LoanInput in = {.member = chosen, .principal = amount, .purpose = chance(r, 500) ? "Chăn nuôi lợn, gà" : "Buôn bán nhỏ",
				.rate = rtext, .term = term, .schedule = chance(r, end_pm) ? "end" : "equal",
				.disbursed_on = date, .handled_by = treasurer};
		int64_t id = 0;
		int rc = loan_create_in_tx(d->db, &d->actor, club, &in, &id, &e);
		if (rc) {
			if (rc > 0)
				log_error("demo: a loan refused: %s (%s) %s", err_code_name(e.code), e.field ? e.field : "-", e.detail);
			return -1;
		}
		cash -= principal;
		loans[*nloans] = (DemoLoan){.id = id, .who = i, .bad = chance(r, bad_pm)};
		int64_t due = 0;
		loans[*nloans].next = next_payment(d, club, &loans[*nloans], day + 1, &due);
		has[i] = 1;
		(*nloans)++;
		borrowing++;
		d->res.loans++;
		d->res.fund_entries++;
	}
	return 0;
}

/* The books of a club that keeps them in ishc (the home commune's clubs, and books_pm per mille of
 * the others): opened on its founding (or, for a club older than the 60 months, on the day before
 * them, with its paper-book balances and the loans then outstanding), then month by month: the
 * members' contributions to the activity fund, its expenses, grants and gifts now and then, loans
 * to members (most repaid on their days, a few late, some never, written off after a year), until
 * the demo's day or the club's pause or end. Every step goes through core/fund and core/loan, as a
 * treasurer's would. *months gets the report figures of the 60 months (NULL when no books). */
static int write_books(Demo *d, const Plan *p, int64_t club, const Person *people, int n, int home,
		       FundMonth **months)
{
	*months = NULL;
	uint64_t r = p->seed ^ 0x626f6f6b73210000ull;
	int keeps = home || chance(&r, d->books_pm);
	if (!keeps || !p->founded || n == 0)
		return 0;
	int window = month_first(d->first_month);
	/* Opened on the founding day (every month it reports is then in the books), or, for a club
	 * older than the 60 months, on the day before them. */
	int start = p->founded >= window ? p->founded : window - 1;
	int stop = d->as_of;
	if (p->inactive_from && p->inactive_from < stop)
		stop = p->inactive_from;
	if (p->status == S_DISSOLVED && p->status_day < stop)
		stop = p->status_day;
	if (start >= stop)
		return 0;
	const Person *keeper = NULL, *chair = NULL;
	for (int i = 0; i < n; i++) {
		if (people[i].role == 4 || (people[i].role == 3 && !keeper))
			keeper = &people[i];
		if (people[i].role == 1)
			chair = &people[i];
	}
	if (!keeper)
		keeper = &people[0];
	char treasurer[160], date[11], amount[32], chair_id[24] = "";
	keeper_name(keeper, treasurer, sizeof treasurer);
	if (chair)
		snprintf(chair_id, sizeof chair_id, "%lld", (long long)chair->id);
	Err e = {0};
	int old = start < window;
	int64_t inc = old ? between(&r, 8, 30) * (int64_t)MILLION : between(&r, 5, 20) * (int64_t)MILLION;
	int64_t act = between(&r, 5, 30) * 100000;
	iso_of(start, date);
	char si[32], sa[32];
	snprintf(si, sizeof si, "%lld", (long long)inc);
	snprintf(sa, sizeof sa, "%lld", (long long)act);
	FundOpenInput open = {.date = date, .income = si, .activity = sa, .handled_by = treasurer};
	if (fund_open_in_tx(d->db, &d->actor, club, &open, &e) != 0)
		return -1;
	d->res.fund_entries += 2;
	int rate = chance(&r, 350) ? 0 : between(&r, 3, 8) * 10;  /* basis points a month */
	int end_pm = between(&r, 500, 850), bad_pm = chance(&r, 150) ? between(&r, 40, 120) : between(&r, 0, 15);
	int fee = between(&r, 5, 20) * 1000, spend_pm = between(&r, 500, 900);
	int target_pm = between(&r, 450, 700);  /* share of members the board wants borrowing */
	DemoLoan *loans = calloc(DEMO_LOANS_MAX, sizeof *loans);
	int *has = calloc((size_t)n, sizeof *has);
	if (!loans || !has) {
		free(loans);
		free(has);
		return -1;
	}
	int nloans = 0, rc = 0;
	char chosen[24], rtext[16], term[8];
	snprintf(rtext, sizeof rtext, "%d,%02d", rate / 100, rate % 100);
	/* Loans outstanding on the paper books' last day. */
	if (old) {
		int64_t lent = 0;
		for (int i = 0; i < n && !rc && nloans < DEMO_LOANS_MAX; i++) {
			if (!on_book(&people[i], start) || !chance(&r, target_pm) || lent > inc * 3)
				continue;
			int t = chance(&r, 500) ? 6 : 12, back = between(&r, 0, t - 1);
			int64_t principal = between(&r, 2, 8) * (int64_t)t * 100000, each = principal / t;
			int lent_day = start - back * 30 - between(&r, 0, 25);
			if (lent_day < people[i].joined)
				continue;
			int64_t left = principal - each * back;
			if (chance(&r, end_pm))
				left = principal;
			iso_of(lent_day, date);
			snprintf(amount, sizeof amount, "%lld", (long long)principal);
			snprintf(chosen, sizeof chosen, "%lld", (long long)people[i].id);
			char lefttxt[32];
			snprintf(lefttxt, sizeof lefttxt, "%lld", (long long)left);
			snprintf(term, sizeof term, "%d", t);
			LoanInput in = {.member = chosen, .principal = amount, .purpose = "Chăn nuôi, trồng trọt", .rate = rtext,
					.term = term, .schedule = left == principal ? "end" : "equal", .disbursed_on = date,
					.handled_by = treasurer, .opening = 1, .outstanding = lefttxt};
			int64_t id = 0;
			if ((rc = loan_create_in_tx(d->db, &d->actor, club, &in, &id, &e)) != 0)
				break;
			lent += left;
			loans[nloans] = (DemoLoan){.id = id, .who = i, .bad = chance(&r, bad_pm)};
			int64_t due = 0;
			loans[nloans].next = next_payment(d, club, &loans[nloans], start + 1, &due);
			has[i] = 1;
			nloans++;
			d->res.loans++;
		}
	}
	int64_t act_cash = act;
	for (int mi = month_of(start); mi <= month_of(stop) && !rc; mi++) {
		int first = month_first(mi), last = month_last(mi);
		if (last > stop)
			last = stop;
		/* Contributions on the 5th: everyone on the book that day. */
		int fday = first + 4;
		if (fday > start && fday <= last) {
			int count = 0;
			for (int i = 0; i < n; i++)
				count += on_book(&people[i], fday);
			if (count) {
				iso_of(fday, date);
				snprintf(amount, sizeof amount, "%lld", (long long)count * fee);
				char party[64];
				snprintf(party, sizeof party, "Thành viên CLB (%d người)", count);
				EntryInput in = {.kind = "contribution", .date = date, .amount = amount, .party = party,
						 .handled_by = treasurer, .note = "Thu đóng góp hằng tháng"};
				int64_t id;
				if ((rc = fund_entry_add_in_tx(d->db, &d->actor, club, "activity", &in, &id, &e)) != 0)
					break;
				act_cash += (int64_t)count * fee;
				d->res.fund_entries++;
			}
		}
		/* The month's meeting and a visit or two, when the fund allows. */
		static const char *const cats[] = {"meeting", "care", "gifts", "health", "culture"};
		for (int k = 0, times = between(&r, 1, 2); k < times && !rc; k++) {
			int day = first + between(&r, 6, 26);
			if (day <= start || day > last || !chance(&r, spend_pm))
				continue;
			int64_t x = between(&r, 1, 8) * 50000;
			if (x > act_cash)
				continue;
			iso_of(day, date);
			snprintf(amount, sizeof amount, "%lld", (long long)x);
			EntryInput in = {.kind = "expense", .date = date, .amount = amount, .category = cats[rnd(&r, 5)],
					 .party = treasurer, .handled_by = treasurer};
			int64_t id;
			/* Expenses are dated in the month's order of days: the check on later days holds. */
			if ((rc = fund_entry_add_in_tx(d->db, &d->actor, club, "activity", &in, &id, &e)) == 1) {
				rc = 0;
				continue;
			}
			if (rc)
				break;
			act_cash -= x;
			d->res.fund_entries++;
		}
		/* Day by day: the payments falling due, and new loans mid-month while the board's target
		 * and the fund allow (in the order of days, so that each check sees the book as it was). */
		int lend_day = first + between(&r, 9, 19);
		for (int day = first; day <= last && !rc; day++) {
			if (day <= start)
				continue;
			/* A grant now and then. */
			if (day == first + 14 && chance(&r, 70)) {
				static const char *const src[] = {"commune", "province", "project"};
				int to_income = chance(&r, 500);
				int64_t g = between(&r, 1, to_income ? 20 : 5) * (int64_t)MILLION;
				iso_of(first + 14, date);
				snprintf(amount, sizeof amount, "%lld", (long long)g);
				EntryInput in = {.kind = "grant", .date = date, .amount = amount, .category = src[rnd(&r, 3)],
						 .party = "Hội NCT", .handled_by = treasurer};
				int64_t id;
				if ((rc = fund_entry_add_in_tx(d->db, &d->actor, club, to_income ? "income" : "activity", &in, &id, &e)) != 0)
					break;
				if (!to_income)
					act_cash += g;
				d->res.fund_entries++;
			}
			if (day == lend_day && (rc = lend(d, &r, club, people, n, has, loans, &nloans, day, treasurer, rtext,
							  end_pm, target_pm, bad_pm)) != 0)
				break;
			for (int j = 0; j < nloans && !rc; j++) {
				DemoLoan *dl = &loans[j];
				if (dl->next != day)
					continue;
				int64_t due = 0;
				int next = next_payment(d, club, dl, day, &due);
				if (next < 0) {
					rc = -1;
					break;
				}
				if (next == 0) {
					dl->next = 0;
					has[dl->who] = 0;
					continue;
				}
				if (dl->bad || !chance(&r, 930)) {
					/* Late: the borrower comes a month later (a bad one never). */
					if (!dl->late_since)
						dl->late_since = day;
					/* The write-off is confirmed by a board member other than the borrower. */
					const Person *confirmer = NULL;
					for (int q = 0; q < n && !confirmer; q++)
						if (people[q].role && q != dl->who)
							confirmer = &people[q];
					if (dl->bad == 1 && confirmer && day - dl->late_since > 365 && chance(&r, 500)) {
						snprintf(chair_id, sizeof chair_id, "%lld", (long long)confirmer->id);
						iso_of(day, date);
						if ((rc = loan_write_off_in_tx(d->db, &d->actor, club, dl->id, date,
									       "Thành viên không còn khả năng trả nợ; Ban chủ nhiệm đã họp và thống nhất xoá nợ",
									       chair_id, &e)) != 0)
							break;
						dl->bad = 2;
						dl->next = 0;
						has[dl->who] = 0;
						d->res.loans_written_off++;
						continue;
					}
					dl->next = dl->bad == 2 ? 0 : day + 30;
					continue;
				}
				dl->late_since = 0;
				iso_of(day, date);
				snprintf(amount, sizeof amount, "%lld", (long long)due);
				RepayInput in = {.date = date, .amount = amount, .handled_by = treasurer};
				int64_t id = 0;
				if ((rc = loan_repay_in_tx(d->db, &d->actor, club, dl->id, &in, &id, &e)) != 0)
					break;
				d->res.fund_entries += 1 + (rate > 0);
				int64_t more = 0;
				int after = next_payment(d, club, dl, day + 1, &more);
				if (after < 0) {
					rc = -1;
					break;
				}
				dl->next = after;
				if (!after)
					has[dl->who] = 0;
			}
		}
	}
	free(loans);
	free(has);
	if (rc) {
		if (rc > 0)
			log_error("demo: club %s: the books refused a step: %s (%s) %s", p->code, err_code_name(e.code),
				  e.field ? e.field : "-", e.detail);
		return -1;
	}
	d->res.clubs_books++;
	*months = calloc(REPORT_MONTHS, sizeof **months);
	if (!*months)
		return -1;
	char period[8];
	snprintf(period, sizeof period, "%04u-%02u", (unsigned)(d->first_month / 12) % 10000u,
		 (unsigned)(d->first_month % 12 + 1) % 100u);
	return fund_months(d->db, club, period, REPORT_MONTHS, *months) == 0 ? 0 : -1;
}

/* The monthly reports of the club of plan p, whose people (n of them, with their volunteers) are
 * written: from its founding month (or the first of the 60 months) to the last month before the
 * demo's, except the months it was paused or dissolved, a silent stretch in a few clubs, and a
 * few months any club missed. The values follow the club: the member figures from its book, a
 * loan book that moves every month (outstanding = last month's + lent - repaid, never negative;
 * a month not reported is carried into the next report, so the balance rule holds between the
 * months reported), and activity counts within its members (every "<= MEM_TOTAL" of the catalogue). */
static int write_reports(Demo *d, const Plan *p, int64_t club, const Person *people, int n, int home,
			 const char *province, const FundMonth *books)
{
	if (!d->catalogue || !d->nvalues || !p->founded || n == 0)
		return 0;
	uint64_t r = p->seed ^ 0x7265706f72747321ull;
	int founded = month_of(p->founded);
	int start = founded > d->first_month ? founded : d->first_month, stop = d->last_month;
	if (p->status == S_DISSOLVED && month_of(p->status_day) - 1 < stop)
		stop = month_of(p->status_day) - 1;
	int pause = p->inactive_from ? month_of(p->inactive_from) : stop + 1;
	int quiet_from = stop + 1, quiet_to = stop + 1;
	int silent = chance(&r, 40);
	if (silent && stop - start > 8) {
		quiet_from = between(&r, start + 2, stop - 4);
		quiet_to = quiet_from + between(&r, 4, 14);
	}
	int gap_pm = chance(&r, 100) ? 90 : 20;
	int late_pm = chance(&r, 100) ? 400 : 100;
	int new_club = founded >= d->first_month;
	int64_t fund = new_club ? between(&r, 10, 50) * (int64_t)MILLION : between(&r, 40, 160) * (int64_t)MILLION;
	int64_t out = new_club ? 0 : round_down(fund * between(&r, 55, 85) / 100, 100000);
	int64_t loan = between(&r, 20, 60) * 100000;
	int64_t act = (new_club ? between(&r, 1, 5) : between(&r, 2, 15)) * (int64_t)MILLION;
	int zero_interest = chance(&r, 300), rate_pm = between(&r, 3, 8), par_club = chance(&r, 150);
	int groups_pm = chance(&r, 600) ? between(&r, 100, 400) : 0;
	int exercise_pm = between(&r, 300, 700), checks_pm = between(&r, 200, 800), attend_pm = between(&r, 650, 950);
	int meet_pm = between(&r, 850, 990), borrow_cap = between(&r, 700, 900);
	int care_from = p->active_from ? p->active_from : p->founded;
	int64_t acc_n = 0, acc_lent = 0, acc_repaid = 0, acc_interest = 0, acc_cash = 0;
	const char *creator = home ? (strcmp(p->code, HOME_COMMUNE "-01") == 0 ? "clb.hoangloc" : "xa.hoangloc") : "demo";
	for (int mi = start; mi <= stop && mi < pause; mi++) {
		/* The loan book moves every month, reported or not. */
		int64_t repaid = out < MILLION ? out : round_down(out / between(&r, 8, 14), 100000);
		int64_t kept = out - repaid, target = fund * between(&r, 70, 90) / 100, lent = 0;
		/* A new club lends three to five loans at once, then up to five a month: no month ten
		 * times the last (the plausibility warning of core/report.c). */
		int loans = 0, most = out == 0 && mi == founded ? between(&r, 3, 5) : between(&r, 0, 5);
		while (loans < most) {
			int64_t amount = round_down(loan * between(&r, 8, 12) / 10, 100000);
			if (kept + lent + amount > target)
				break;
			lent += amount;
			loans++;
		}
		int64_t interest = zero_interest ? 0 : round_down(out * rate_pm / 1000, 1000);
		int64_t cash = chance(&r, 40) ? between(&r, 2, 8) * (int64_t)MILLION : 0;  /* given to the fund */
		fund += interest + cash;
		out = kept + lent;
		acc_n += loans;
		acc_lent += lent;
		acc_repaid += repaid;
		acc_interest += interest;
		acc_cash += cash;
		act += between(&r, -4, 5) * 200000;
		if (act < MILLION)
			act = MILLION;
		ReportRow row;
		row.creator = creator;
		row.approver = home ? "xa.hoangloc" : "demo";
		report_steps(d, &r, mi, late_pm, &row);
		if (row.level && strcmp(row.level, "province") == 0)
			row.approver = strcmp(province, "38") == 0 ? "thanhhoa" : "demo";
		int missed = chance(&r, gap_pm);
		int64_t v[VALUES], volunteers, clients;
		member_figures(d, people, n, mi, care_from, v, &volunteers, &clients);
		int64_t total = v[V_MEM_TOTAL];
		v[V_MEET_HELD] = chance(&r, meet_pm);
		v[V_MEET_ATTEND] = v[V_MEET_HELD] ? total * between(&r, attend_pm - 150, attend_pm) / 1000 : 0;
		v[V_BOARD_MEET] = chance(&r, 880);
		v[V_LOANS_N] = acc_n;
		v[V_LOANS_VND] = acc_lent;
		v[V_REPAID_VND] = acc_repaid;
		v[V_INTEREST_VND] = acc_interest;
		v[V_OUTSTANDING] = out;
		int64_t borrowers = out ? out * 10 / (loan * 6) + 1 : 0;
		v[V_BORROWERS] = borrowers > total * borrow_cap / 1000 ? total * borrow_cap / 1000 : borrowers;
		v[V_PAR30_VND] = par_club ? round_down(out * between(&r, 20, 80) / 1000, 1000) : 0;
		v[V_FUND_VND] = fund;
		v[V_GROUPS] = total * groups_pm / 1000;
		v[V_HEA_CHECKS] = total * between(&r, checks_pm > 100 ? checks_pm - 100 : 0, checks_pm) / 1000;
		v[V_HEA_EXERCISE] = total * exercise_pm / 1000;
		v[V_HEA_TALKS] = chance(&r, 600) + chance(&r, 150);
		v[V_CARE_VOLUNT] = volunteers;
		v[V_CARE_CLIENTS] = clients;
		v[V_CARE_VISITS] = clients * between(&r, 2, 6);
		v[V_RIGHT_HELPED] = rnd(&r, 4);
		v[V_LEARN_SESS] = chance(&r, 600) + chance(&r, 200);
		v[V_LEARN_PART] = v[V_LEARN_SESS] * total * between(&r, 400, 800) / 1000;
		v[V_CULT_EVENTS] = rnd(&r, 3);
		v[V_CULT_VISITS] = between(&r, 1, 8);
		v[V_MUT_HELPS] = between(&r, 2, 12);
		v[V_MUT_COMMUNITY] = rnd(&r, 3);
		v[V_RES_CASH_VND] = acc_cash + (chance(&r, 120) ? between(&r, 2, 8) * (int64_t)MILLION : 0);
		v[V_RES_KIND_VND] = chance(&r, 100) ? between(&r, 10, 50) * 100000 : 0;
		v[V_ACT_FUND_VND] = act;
		/* A club keeping its books in ishc: the fund figures are the books'. */
		const FundMonth *bm = books ? &books[mi - d->first_month] : NULL;
		if (bm && bm->has_income) {
			v[V_LOANS_N] = bm->loans_n;
			v[V_LOANS_VND] = bm->loans_vnd;
			v[V_REPAID_VND] = bm->repaid_vnd;
			v[V_INTEREST_VND] = bm->interest_vnd;
			v[V_OUTSTANDING] = bm->outstanding;
			v[V_BORROWERS] = bm->borrowers;
			v[V_PAR30_VND] = bm->par30;
			v[V_FUND_VND] = bm->income_fund;
		}
		if (bm && bm->has_activity)
			v[V_ACT_FUND_VND] = bm->activity_fund;
		if ((mi >= quiet_from && mi < quiet_to) || missed || total == 0) {
			d->res.report_gaps++;
			continue;
		}
		if (write_report(d, club, &row, v) != 0)
			return -1;
		if (row.first_submitted[0] && !row.on_time)
			d->res.reports_late++;
		acc_n = acc_lent = acc_repaid = acc_interest = acc_cash = 0;
	}
	return 0;
}

static int write_club(Demo *d, int index, Person *people)
{
	const Plan *p = &d->plans[index];
	const Commune *m = &d->country.communes[p->commune];
	const Province *pv = &d->country.provinces[m->province];
	uint64_t r = p->seed;
	char village[96], lower[96], name[160], place[160], decision[48], ddate[11], founded[11], sdate[11];
	unsigned hash = (unsigned)strtoul(m->code, NULL, 10) * 2654435761u;
	village_name(pv->traits->region, m->kind, hash >> 7, p->village_k, village, sizeof village);
	lower_first_word(village, lower, sizeof lower);
	snprintf(name, sizeof name, "CLB Liên thế hệ tự giúp nhau %s", lower);
	snprintf(place, sizeof place, "Nhà văn hóa %s", lower);
	int decided = p->founded ? p->founded - between(&r, 3, 20) : 0;
	if (decided)
		snprintf(decision, sizeof decision, "%d/QĐ-UBND", between(&r, 1, 250));
	else
		decision[0] = '\0';
	if (decided)
		iso_of(decided, ddate);
	if (p->founded)
		iso_of(p->founded, founded);
	iso_of(p->status_day, sdate);
	char *fold = vi_fold(name), *key = vi_collate_key(name);
	Stmt *st = fold && key ? db_stmt(d->db, "demo_club_insert",
					 "INSERT INTO clubs (code, name, name_fold, name_key, unit_id, village, decision_no, decision_date, "
					 "status, status_date, founded_on, programme_id, meeting_place, contact_name, contact_phone, "
					 "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, '', '', "
					 "$14, $14)")
			       : NULL;
	int rc = -1;
	if (st) {
		db_bind_text(st, 1, p->code);
		db_bind_text(st, 2, name);
		db_bind_text(st, 3, fold);
		db_bind_text(st, 4, key);
		db_bind_int(st, 5, m->id);
		db_bind_text(st, 6, village);
		db_bind_text(st, 7, decision);
		db_bind_text(st, 8, decided ? ddate : NULL);
		db_bind_text(st, 9, status_codes[p->status]);
		db_bind_text(st, 10, sdate);
		db_bind_text(st, 11, p->founded ? founded : NULL);
		if (d->programme_ids[p->programme])
			db_bind_int(st, 12, d->programme_ids[p->programme]);
		else
			db_bind_null(st, 12);
		db_bind_text(st, 13, place);
		db_bind_text(st, 14, d->now);
		rc = exec_ok(st);
	}
	free(fold);
	free(key);
	if (rc)
		return -1;
	int64_t club = db_last_id(d->db);
	d->res.clubs++;
	/* Its history of statuses. */
	if (p->status == S_PLANNED)
		rc = write_status(d->db, club, "planned", p->status_day);
	else {
		rc = write_status(d->db, club, "founded", p->founded);
		if (!rc && p->active_from)
			rc = write_status(d->db, club, "active", p->active_from);
		if (!rc && p->inactive_from)
			rc = write_status(d->db, club, "inactive", p->inactive_from);
		if (!rc && p->status == S_DISSOLVED)
			rc = write_status(d->db, club, "dissolved", p->status_day);
	}
	if (rc || p->status == S_PLANNED)
		return rc;
	int npeople = 0;
	if (write_people(d, p, &r, club, m->id, village, pv, people, &npeople) != 0)
		return -1;
	FundMonth *books = NULL;
	int home_commune = strncmp(p->code, HOME_COMMUNE "-", 6) == 0;
	if (write_books(d, p, club, people, npeople, home_commune, &books) != 0 ||
	    write_reports(d, p, club, people, npeople, home_commune, pv->code, books) != 0) {
		free(books);
		return -1;
	}
	free(books);
	/* The chair is the club's contact. */
	for (int i = 0; i < npeople; i++) {
		if (people[i].role != 1)
			continue;
		char contact[160];
		const Person *c = &people[i];
		snprintf(contact, sizeof contact, "%s%s%s%s%s", c->family, c->family[0] ? " " : "", c->middle,
			 c->middle[0] ? " " : "", c->given);
		Stmt *u = db_stmt(d->db, "demo_club_contact", "UPDATE clubs SET contact_name = $2, contact_phone = $3 WHERE id = $1");
		if (!u)
			return -1;
		db_bind_int(u, 1, club);
		db_bind_text(u, 2, contact);
		db_bind_text(u, 3, people[i].phone);
		return exec_ok(u);
	}
	return 0;
}

typedef struct Batch {
	Demo *d;
	int from, to;
	DemoResult saved;
} Batch;

static int batch_tx(Db *db, void *arg)
{
	Batch *b = arg;
	Demo *d = b->d;
	d->res = b->saved;        /* a retried transaction counts again from where it started */
	nameset_undo(&d->names);
	Person *people = calloc(MAX_PEOPLE, sizeof *people);
	if (!people)
		return -DB_ERROR;
	int rc = 0;
	for (int i = b->from; i < b->to && !rc; i++)
		rc = write_club(d, i, people);
	free(people);
	if (rc)
		return -DB_ERROR;
	char id[48];
	snprintf(id, sizeof id, "%s..%s", d->plans[b->from].code, d->plans[b->to - 1].code);
	json_t *after = json_pack("{s:I, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "seed", (json_int_t)d->seed, "clubs", b->to - b->from,
				  "reports", (json_int_t)(d->res.reports - b->saved.reports), "fund_entries",
				  (json_int_t)(d->res.fund_entries - b->saved.fund_entries),
				  "members", (json_int_t)(d->res.members - b->saved.members), "board_roles",
				  (json_int_t)(d->res.board_roles - b->saved.board_roles), "volunteers",
				  (json_int_t)(d->res.volunteers - b->saved.volunteers), "care_visits",
				  (json_int_t)(d->res.care_visits - b->saved.care_visits), "first_club",
				  (json_int_t)(b->from + 1));
	DbStatus s = audit_write(db, &d->actor, "demo", "club", id, NULL, after);
	json_decref(after);
	return -(int)s;
}

static int rebuild_tx(Db *db, void *arg)
{
	(void)arg;
	DbStatus s = total_rebuild(db);
	return -(int)(s == DB_OK ? (DbStatus)fund_totals_rebuild(db) : s);
}

/* The programmes the demo's clubs belong to: the national ones come with the schema; the
 * 2016–2020 programme and a donor project are added here, as an administrator would. */
static int programmes_tx(Db *db, void *arg)
{
	Demo *d = arg;
	static const struct {
		const char *code, *name, *kind, *decision, *decision_date, *start, *end, *donor;
	} extra[] = {
		{"DA1533", "Đề án nhân rộng mô hình CLB Liên thế hệ tự giúp nhau giai đoạn 2016–2020", "national",
		 "1533/QĐ-TTg", "2016-08-02", "2016-01-01", "2020-12-31", ""},
		{"HAI-LTH", "Dự án HelpAge: hỗ trợ thành lập và duy trì CLB Liên thế hệ tự giúp nhau", "donor", "", NULL,
		 "2016-01-01", "2027-12-31", "HelpAge International"},
	};
	for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) {
		Stmt *st = db_stmt(db, "demo_programme_insert",
				   "INSERT INTO programmes (code, name, kind, decision, decision_date, start_date, end_date, donor) "
				   "SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE NOT EXISTS (SELECT 1 FROM programmes WHERE code = $1)");
		if (!st)
			return -DB_ERROR;
		db_bind_text(st, 1, extra[i].code);
		db_bind_text(st, 2, extra[i].name);
		db_bind_text(st, 3, extra[i].kind);
		db_bind_text(st, 4, extra[i].decision);
		db_bind_text(st, 5, extra[i].decision_date);
		db_bind_text(st, 6, extra[i].start);
		db_bind_text(st, 7, extra[i].end);
		db_bind_text(st, 8, extra[i].donor);
		DbStatus s = db_exec_stmt(st);
		if (s != DB_OK)
			return -(int)s;
		if (db_changes(db) == 0)
			continue;
		json_t *after = json_pack("{s:s, s:s, s:s}", "code", extra[i].code, "name", extra[i].name, "kind", extra[i].kind);
		s = audit_write(db, &d->actor, "create", "programme", extra[i].code, NULL, after);
		json_decref(after);
		if (s != DB_OK)
			return -(int)s;
	}
	for (int p = 1; p < PROGRAMMES; p++) {
		Stmt *st = db_stmt(db, "demo_programme_id", "SELECT id FROM programmes WHERE code = $1");
		if (!st)
			return -DB_ERROR;
		db_bind_text(st, 1, programme_codes[p]);
		d->programme_ids[p] = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
		db_reset(st);
	}
	return 0;
}

static void tables_init(void)
{
	for (int region = 0; region < 3; region++) {
		for (int i = 0; i < KINH_FAMILIES; i++)
			kinh_family_picks[region][i] = (Pick){kinh_families[i].s, kinh_families[i].w[region]};
		kinh_family_tables[region] = (Table){kinh_family_picks[region], KINH_FAMILIES, 0};
	}
}

int demo_load(Db *db, const DemoOptions *opt, DemoResult *res, Err *e)
{
	if (!opt || opt->clubs < 1 || opt->clubs > DEMO_CLUBS_MAX)
		return err_set(e, E_INVALID, "clubs");
	tables_init();
	Demo *d = calloc(1, sizeof *d);
	if (!d)
		return err_set(e, E_INTERNAL, NULL);
	d->db = db;
	d->actor.role = ROLE_ADMIN;
	snprintf(d->actor.username, sizeof d->actor.username, "demo");
	d->seed = opt->seed;
	d->books_pm = opt->books_percent * 10;
	db_now_iso(d->now);
	char today[11];
	unit_today(today);
	d->as_of = day_of(today) < day_of(DEMO_AS_OF) ? day_of(today) : day_of(DEMO_AS_OF);
	iso_of(d->as_of, d->res.as_of);
	int rc = 0;
	if (country_load(db, &d->country, d->res.as_of) != 0 || plan_country(d, opt->clubs) != 0 ||
	    nameset_init(&d->names, (size_t)opt->clubs * 75) != 0 || reports_prepare(d) != 0)
		rc = err_set(e, E_INTERNAL, NULL);
	if (!rc) {
		/* One statement writes a report's values: ($1, $2, $3), ($1, $4, $5)... */
		int len = snprintf(d->values_sql, sizeof d->values_sql, "INSERT INTO report_values (report_id, code, value) VALUES ");
		for (int i = 0; i < d->nvalues && len > 0 && (size_t)len < sizeof d->values_sql; i++)
			len += snprintf(d->values_sql + len, sizeof d->values_sql - (size_t)len, "%s($1, $%d, $%d)",
					i ? ", " : "", 2 + 2 * i, 3 + 2 * i);
		snprintf(d->res.reports_from, sizeof d->res.reports_from, "%04u-%02u", (unsigned)(d->first_month / 12) % 10000u,
			 (unsigned)(d->first_month % 12 + 1) % 100u);
		snprintf(d->res.reports_to, sizeof d->res.reports_to, "%04u-%02u", (unsigned)(d->last_month / 12) % 10000u,
			 (unsigned)(d->last_month % 12 + 1) % 100u);
	}
	if (!rc && (rc = db_tx(db, programmes_tx, d)) != 0)
		rc = err_set(e, err_from_db(rc), NULL);
	/* Each batch writes one summary audit record, the fund books' steps included. */
	fund_bulk(1);
	for (int from = 0; !rc && from < d->nplans; from += BATCH_CLUBS) {
		Batch b = {d, from, from + BATCH_CLUBS < d->nplans ? from + BATCH_CLUBS : d->nplans, d->res};
		int t = db_tx(db, batch_tx, &b);
		if (t != 0)
			rc = err_set(e, err_from_db(t), NULL);
		nameset_keep(&d->names);
	}
	fund_bulk(0);
	/* The live totals of every unit from the reports just written, once. */
	if (!rc && d->res.reports && (rc = db_tx(db, rebuild_tx, d)) != 0)
		rc = err_set(e, err_from_db(rc), NULL);
	/* The programmes' plans, targets and resources (issue 8, core/programme_demo.c). */
	if (!rc && programme_demo_load(db, e) != 0)
		rc = -1;
	/* The users last: their scopes now hold clubs. */
	for (const DemoLogin *l = demo_logins; !rc && l->username; l++) {
		UserInput in = {l->username, l->full_name, l->role, l->scope, l->password};
		if (user_create(db, &d->actor, &in, e) < 0)
			rc = -1;
	}
	/* The programme's work (issue 8): trainings, visits, assessments, recognition. */
	if (!rc && work_demo_load(db, &d->actor, d->seed, e) != 0)
		rc = -1;
	/* Documents of direction and guidance (issue 9, core/guidance_demo.c). */
	if (!rc && guidance_demo_load(db, &d->actor, e) != 0)
		rc = -1;
	if (!rc) {
		char *seen = calloc((size_t)d->country.nprovinces, 1);
		for (int i = 0; seen && i < d->nplans; i++)
			seen[d->country.communes[d->plans[i].commune].province] = 1;
		for (int i = 0; seen && i < d->country.nprovinces; i++)
			d->res.provinces += seen[i];
		free(seen);
		if (res)
			*res = d->res;
	}
	country_free(&d->country);
	free(d->plans);
	free(d->club_numbers);
	free(d->names.slots);
	free(d->names.added);
	free(d);
	return rc;
}
