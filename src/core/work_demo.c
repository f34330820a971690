/* The demo's programme work (`ishc demo`): a 2021 shaped like the seed article — 18 provinces
 * opening 68 courses for 4,112 board members and volunteers, the central level's two courses in
 * Tuyên Quang and Yên Bái, 6,400 copies of the guide, monitoring in Thanh Hóa and Sơn La,
 * Bắc Ninh and Thanh Hóa commended — then a few courses and visits a year to 2026, follow-ups
 * (one overdue for Xã Hoằng Lộc), the 2025 assessment of the clubs of Thanh Hóa and Bắc Ninh
 * confirmed from their data, and a published success story. Everything goes through the core
 * calls, audited like a person's work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/club.h"
#include "core/unit.h"
#include "core/work.h"
#include "core/work_demo.h"

static const char *const provinces_2021[18] = {"01", "08", "15", "14", "27", "38", "40", "42", "46",
					       "48", "79", "92", "22", "31", "33", "36", "26", "19"};
static const char *const topics[] = {
	"Tập huấn thành lập và quản lý CLB Liên thế hệ tự giúp nhau",
	"Tập huấn quản lý quỹ tăng thu nhập và cho vay quay vòng",
	"Tập huấn chăm sóc tại nhà cho tình nguyện viên",
	"Tập huấn ghi chép sổ sách và báo cáo tháng",
};

static int ok(int64_t id, Err *e, const char *what)
{
	if (id >= 0)
		return 0;
	fprintf(stderr, "demo work: %s: %s %s\n", what, err_code_name(e->code), e->field ? e->field : "");
	return -1;
}

typedef struct ClubPick {
	int64_t ids[400];
	int n;
} ClubPick;

static void pick(const Club *c, void *arg)
{
	ClubPick *p = arg;
	if (p->n < 400)
		p->ids[p->n++] = c->id;
}

static int rnd(uint64_t *x, int n)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return (int)(*x % (uint64_t)n);
}

int work_demo_load(Db *db, const Actor *by, uint64_t seed, Err *e)
{
	uint64_t rng = seed * 2654435761u + 88172645463325252ull;
#define RND(n) rnd(&rng, (n))
	char buf[6][24];
	/* 2021: 68 local courses in 18 provinces, 4,112 trainees (4,080 + 32 one more). */
	for (int i = 0; i < 68; i++) {
		int trainees = 60 + (i < 32);
		int board = trainees * 2 / 3, vol = trainees - board;
		int month = 3 + i % 9, day = 1 + (i * 7) % 27;
		snprintf(buf[0], sizeof buf[0], "2021-%02d-%02d", month, day);
		snprintf(buf[1], sizeof buf[1], "2021-%02d-%02d", month, day + 1);
		snprintf(buf[2], sizeof buf[2], "%d", board);
		snprintf(buf[3], sizeof buf[3], "%d", vol);
		TrainingInput in = {.level = "province", .unit_code = provinces_2021[i % 18], .topic = topics[i % 4],
				    .place = "Hội trường Hội NCT tỉnh", .start_date = buf[0], .end_date = buf[1],
				    .board_members = buf[2], .volunteers = buf[3], .source = "demo"};
		if (ok(training_create(db, by, &in, e), e, "training 2021"))
			return -1;
	}
	TrainingInput central[2] = {
		{.level = "central", .unit_code = "08", .topic = "Tập huấn giảng viên nguồn về mô hình CLB", .place = "TP Tuyên Quang",
		 .start_date = "2021-11-09", .end_date = "2021-11-11", .officers = "45", .source = "demo"},
		{.level = "central", .unit_code = "15", .topic = "Tập huấn giảng viên nguồn về mô hình CLB", .place = "TP Yên Bái",
		 .start_date = "2021-11-23", .end_date = "2021-11-25", .officers = "42", .source = "demo"},
	};
	for (int i = 0; i < 2; i++)
		if (ok(training_create(db, by, &central[i], e), e, "central training"))
			return -1;
	/* 2022 to 2026: a few courses a year in today's provinces (the 2025 reform in between). */
	static const char *const later_2022[] = {"38", "27", "40", "01", "79", "14"};
	static const char *const later_2026[] = {"38", "24", "40", "01", "79"};
	for (int y = 2022; y <= 2026; y++)
		for (int i = 0; i < 6; i++) {
			const char *code = y < 2025 ? later_2022[i] : later_2026[i % 5];
			snprintf(buf[0], sizeof buf[0], "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)(3 + RND(6)) % 100u,
				 (unsigned)(1 + RND(27)) % 100u);
			snprintf(buf[2], sizeof buf[2], "%d", 30 + RND(40));
			snprintf(buf[3], sizeof buf[3], "%d", 10 + RND(30));
			snprintf(buf[4], sizeof buf[4], "%d", RND(10));
			TrainingInput in = {.level = "province", .unit_code = code, .topic = topics[RND(4)], .start_date = buf[0],
					    .board_members = buf[2], .volunteers = buf[3], .officers = buf[4], .source = "demo"};
			if (ok(training_create(db, by, &in, e), e, "training"))
				return -1;
		}
	TrainingInput hl = {.level = "commune", .unit_code = "15961", .topic = "Tập huấn chăm sóc tại nhà cho tình nguyện viên",
			    .place = "Nhà văn hóa xã Hoằng Lộc", .start_date = "2026-04-14", .volunteers = "28", .board_members = "10",
			    .source = "demo"};
	if (ok(training_create(db, by, &hl, e), e, "commune training"))
		return -1;

	/* Materials: the central level's 6,400 copies of the guide in 2021, sent to provinces. */
	MaterialInput mi = {.level = "central", .title = "Tài liệu hướng dẫn thành lập và duy trì CLB Liên thế hệ tự giúp nhau",
			    .year = "2021", .copies = "6400"};
	int64_t mat = material_create(db, by, &mi, e);
	if (ok(mat, e, "material"))
		return -1;
	/* Sent out since to the provinces of today. */
	static const char *const today_codes[] = {"01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25",
						  "31", "33", "37", "38", "40", "42"};
	for (int i = 0; i < 18; i++)
		if (ok(material_share_add(db, by, mat, today_codes[i], i < 4 ? "500" : "250", e), e, "material share"))
			return -1;
	MaterialInput m2 = {.level = "province", .unit_code = "38", .title = "Sổ tay Ban chủ nhiệm CLB", .year = "2024", .copies = "1200"};
	if (ok(material_create(db, by, &m2, e), e, "material 2"))
		return -1;

	/* Monitoring: the central level in Thanh Hóa and Sơn La in 2021; the province at Hoằng Lộc's club in 2025. */
	VisitInput v1 = {.kind = "monitoring", .level = "central", .visit_date = "2021-10-12",
			 .team = "Ban điều hành Đề án 1336, Trung ương Hội NCT Việt Nam", .unit_code = "38",
			 .summary = "Tỉnh đã ban hành kế hoạch; các CLB mới thành lập hoạt động đều, cần bổ sung vốn ban đầu.",
			 .source = "demo"};
	v1.results[0] = "yes", v1.results[3] = "partly", v1.results[8] = "yes";
	int64_t vid = visit_create(db, by, &v1, e);
	if (ok(vid, e, "visit 38") || ok(followup_add(db, by, vid, "Vận động nguồn vốn ban đầu cho các CLB mới", "38", "2022-06-30", e), e, "fu"))
		return -1;
	VisitInput v2 = {.kind = "monitoring", .level = "central", .visit_date = "2021-11-02",
			 .team = "Ban điều hành Đề án 1336, Trung ương Hội NCT Việt Nam", .unit_code = "14",
			 .summary = "Cần tăng cường tập huấn Ban chủ nhiệm.", .source = "demo"};
	v2.results[1] = "partly", v2.results[5] = "no";
	vid = visit_create(db, by, &v2, e);
	if (ok(vid, e, "visit 14") || ok(followup_add(db, by, vid, "Tổ chức tập huấn ghi chép sổ sách, báo cáo", "14", "2022-03-31", e), e, "fu"))
		return -1;
	Club c;
	if (club_get_by_code(db, by, "15961-01", &c) == 1) {
		char cid[24];
		snprintf(cid, sizeof cid, "%lld", (long long)c.id);
		VisitInput v3 = {.kind = "support", .level = "province", .visit_date = "2025-11-20", .team = "Hội NCT tỉnh Thanh Hóa",
				 .club = cid, .summary = "CLB họp đều, sổ sách đầy đủ; quỹ hoạt động còn mỏng.", .source = "demo"};
		for (size_t i = 0; i < visit_item_count; i++)
			v3.results[i] = i == 3 ? "partly" : "yes";
		v3.notes[3] = "Quỹ hoạt động dưới 2 triệu đồng";
		vid = visit_create(db, by, &v3, e);
		if (ok(vid, e, "visit club") ||
		    ok(followup_add(db, by, vid, "Vận động thành viên và nhà hảo tâm bổ sung quỹ hoạt động", "15961", "2026-01-31", e), e, "fu") ||
		    ok(followup_add(db, by, vid, "Tổ chức cho CLB đi học tập kinh nghiệm CLB bạn", "38", "2026-12-31", e), e, "fu"))
			return -1;
		/* A success story, published, naming the club but not the member. */
		StoryInput si = {.club = cid, .year = "2021", .title = "Vốn nhỏ, đổi đời: CLB Liên thế hệ tự giúp nhau ở Hoằng Lộc",
				 .body = "Thành lập năm 2021 với 60 thành viên, CLB đã cho 32 hộ vay vốn quay vòng để chăn nuôi và buôn bán nhỏ.\n\n"
					 "Nhờ các tình nguyện viên thăm nom hằng tuần, những người cao tuổi sống một mình trong thôn không còn thấy cô đơn.",
				 .show_club = 1};
		int64_t sid = story_create(db, by, &si, e);
		if (ok(sid, e, "story") || story_publish(db, by, sid, 1, e) != 0)
			return -1;
	}

	/* Commendations: Bắc Ninh and Thanh Hóa for 2021 (as the review named them). */
	CommendationInput k1 = {.year = "2021", .level = "central", .title = "Bằng khen của Trung ương Hội NCT Việt Nam",
				.recipient_kind = "unit", .unit_code = "27", .decision_no = "45/QĐ-TWH"};
	CommendationInput k2 = k1;
	k2.unit_code = "38";
	if (ok(commendation_create(db, by, &k1, e), e, "commendation") || ok(commendation_create(db, by, &k2, e), e, "commendation"))
		return -1;
	CommendationInput k3 = {.year = "2025", .level = "province", .title = "Giấy khen của Hội NCT tỉnh Thanh Hóa",
				.recipient_kind = "club", .club = "15961-01", .decision_no = "12/QĐ-HNCT"};
	if (ok(commendation_create(db, by, &k3, e), e, "commendation club"))
		return -1;

	/* The 2025 assessment of the clubs of Thanh Hóa and Bắc Ninh, confirmed as the data says
	 * (a commune would tick the rest). */
	static const char *const assessed[] = {"38", "24"};
	char today[11];
	unit_today(today);
	for (int k = 0; k < 2; k++) {
		Unit u;
		if (unit_find(db, assessed[k], today, &u) != 1)
			continue;
		ClubPick p = {0};
		ClubFilter f = {.unit_id = u.id};
		if (club_list(db, by, &f, 0, 400, pick, &p) < 0)
			return err_set(e, E_INTERNAL, NULL);
		for (int i = 0; i < p.n; i++) {
			Assessment a;
			if (assessment_get(db, by, p.ids[i], 2025, &a) != 1 || a.months_expected == 0)
				continue;
			/* Most clubs that lend have both funds and volunteers; the data decides the rest. */
			int good = RND(10) < 8;
			char areas[4];
			snprintf(areas, sizeof areas, "%d", a.data_areas_active);
			AssessmentInput in = {.meets_monthly = a.data_meets_monthly ? "1" : "0",
					      .reports_on_time = a.data_reports_on_time ? "1" : "0",
					      .both_funds = a.data_both_funds || good ? "1" : "0",
					      .loans_repaid = a.data_loans_repaid ? "1" : "0",
					      .volunteers_ok = a.data_volunteers_ok || good ? "1" : "0", .areas_active = areas,
					      .note = "Xác nhận theo số liệu báo cáo tháng"};
			Actor commune = *by;
			commune.role = ROLE_ADMIN;
			if (assessment_save(db, &commune, p.ids[i], 2025, &in, e) != 0)
				return ok(-1, e, "assessment");
		}
	}
#undef RND
	return 0;
}
