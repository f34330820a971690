/* core/work: trainings, materials, visits and follow-ups, the yearly club assessment (pre-filled
 * from the monthly reports), the ranking, commendations and stories — on a real database (SQLite,
 * or PostgreSQL with ISHC_TEST_PG), with the scope of each role. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/club.h"
#include "core/indicator.h"
#include "core/member.h"
#include "core/report.h"
#include "core/work.h"
#include "testutil.h"

static Actor actor(Role role, const char *scope)
{
	Actor a = {.role = role, .user_id = 1};
	strcpy(a.username, "tester");
	strcpy(a.lang, "vi");
	strcpy(a.scope, scope);
	return a;
}

static int64_t club_id, other_club, member_id;

/* Clubs in Xã Hoằng Lộc (Thanh Hóa) and in Hà Nội; a member; the catalogue. Today is 10/02/2026. */
static Db *setup(const char *name)
{
	setenv("ISHC_NOW", "1770681600", 1);
	Db *db = test_db_open_units(name);
	Actor admin = actor(ROLE_ADMIN, "");
	Err e = {0};
	assert_int_equal(indicator_load_builtin(db, &admin, &e), 0);
	ClubInput c = {.name = "CLB Phú Thọ", .unit_code = "15961", .founded_on = "2024-03-15", .status = "active"};
	club_id = club_create(db, &admin, &c, &e);
	assert_true(club_id > 0);
	ClubInput h = {.name = "CLB Ba Đình", .unit_code = "00004", .founded_on = "2024-03-15", .status = "active"};
	other_club = club_create(db, &admin, &h, &e);
	assert_true(other_club > 0);
	MemberInput m = {.full_name = "Nguyễn Thị Ánh", .sex = "F", .birth = "1950", .joined_on = "2024-04-01"};
	member_id = member_create(db, &admin, club_id, &m, NULL, &e);
	assert_true(member_id > 0);
	return db;
}

typedef struct Seen {
	int n;
	int64_t trainees;
	char last[1200];
} Seen;

static void seen_training(const Training *t, void *arg)
{
	Seen *s = arg;
	s->n++;
	s->trainees += t->officers + t->board_members + t->volunteers;
	snprintf(s->last, sizeof s->last, "%s|%s", t->province_code, t->topic);
}

static void test_trainings(void **state)
{
	(void)state;
	Db *db = setup("work_trainings");
	Actor province = actor(ROLE_PROVINCE, "38"), commune = actor(ROLE_COMMUNE, "15961"),
	      other = actor(ROLE_PROVINCE, "01"), viewer = actor(ROLE_VIEWER, ""), club = actor(ROLE_CLUB, "15961-01"),
	      central = actor(ROLE_CENTRAL, "");
	Err e = {0};
	TrainingInput in = {.unit_code = "38", .topic = "  Tập huấn  quản lý CLB ", .place = "TP Thanh Hóa",
			    .start_date = "12/05/2021", .end_date = "13/05/2021", .officers = "20", .board_members = "45",
			    .volunteers = "1.000"};
	int64_t id = training_create(db, &province, &in, &e);
	assert_true(id > 0);
	Training t;
	assert_int_equal(training_get(db, &province, id, &t), 1);
	assert_string_equal(t.topic, "Tập huấn quản lý CLB");
	assert_string_equal(t.level, "province");
	assert_int_equal(t.volunteers, 1000);
	/* Another province does not see it; the country and the commune's own do not either for a
	 * commune (it lies above the commune); viewers see figures. */
	assert_int_equal(training_get(db, &other, id, &t), 0);
	assert_int_equal(training_get(db, &viewer, id, &t), 1);
	assert_int_equal(training_get(db, &commune, id, &t), 0);

	/* Bad input changes nothing, and names the field. */
	TrainingInput bad = in;
	bad.end_date = "10/05/2021";
	assert_true(training_create(db, &province, &bad, &e) < 0);
	assert_int_equal(e.code, E_DATE_RANGE);
	assert_string_equal(e.field, "end_date");
	bad = in;
	bad.unit_code = "01";
	assert_true(training_create(db, &province, &bad, &e) < 0);
	assert_int_equal(e.code, E_OUT_OF_SCOPE);
	bad = in;
	bad.officers = "-3";
	assert_true(training_create(db, &province, &bad, &e) < 0);
	assert_string_equal(e.field, "officers");
	bad = in;
	bad.topic = "";
	assert_true(training_create(db, &province, &bad, &e) < 0);
	assert_int_equal(e.code, E_REQUIRED);
	assert_true(training_create(db, &viewer, &in, &e) < 0);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_true(training_create(db, &club, &in, &e) < 0);

	/* A commune course, and one the central level held in Hà Nội. */
	TrainingInput c2 = {.unit_code = "15961", .topic = "Chăm sóc tại nhà", .start_date = "2021-09-01", .volunteers = "30"};
	assert_true(training_create(db, &commune, &c2, &e) > 0);
	TrainingInput c3 = {.unit_code = "01", .level = "central", .topic = "Tập huấn giảng viên", .start_date = "2021-10-01",
			    .officers = "62"};
	assert_true(training_create(db, &central, &c3, &e) > 0);

	Seen s = {0};
	TrainingFilter f = {.year = 2021};
	assert_int_equal(training_list(db, &province, &f, 0, 50, seen_training, &s), 2);
	assert_int_equal(s.trainees, 1065 + 30);
	memset(&s, 0, sizeof s);
	assert_int_equal(training_list(db, &commune, &f, 0, 50, seen_training, &s), 1);
	memset(&s, 0, sizeof s);
	assert_int_equal(training_list(db, &central, &f, 0, 50, seen_training, &s), 3);
	f.year = 2022;
	assert_int_equal(training_list(db, &central, &f, 0, 50, seen_training, &s), 0);

	TrainingSummary sum;
	assert_int_equal(training_by_province(db, &central, 2021, NULL, NULL, &sum), 2);
	assert_int_equal(sum.provinces, 2);
	assert_int_equal(sum.courses, 3);
	assert_int_equal(sum.trainees, 1065 + 30 + 62);
	assert_int_equal(training_by_province(db, &province, 2021, NULL, NULL, &sum), 1);
	assert_int_equal(sum.courses, 2);

	/* Participants: a member linked by id; viewers never see names. */
	assert_true(training_participant_add(db, &province, id, NULL, "board", "abc", &e) < 0);
	char mid[24];
	snprintf(mid, sizeof mid, "%lld", (long long)member_id);
	assert_true(training_participant_add(db, &province, id, NULL, "board", mid, &e) > 0);
	assert_true(training_participant_add(db, &province, id, "Lê Văn Tâm", "officer", NULL, &e) > 0);
	assert_true(training_participant_add(db, &province, id, "X", "chief", NULL, &e) < 0);
	assert_string_equal(e.field, "kind");
	assert_int_equal(training_get(db, &province, id, &t), 1);
	assert_int_equal(t.participants_listed, 2);

	/* Materials and where their copies went: no more than printed. */
	MaterialInput mi = {.title = "Sổ tay CLB", .year = "2021", .copies = "6.400"};
	int64_t mat = material_create(db, &central, &mi, &e);
	assert_true(mat > 0);
	assert_true(material_share_add(db, &central, mat, "38", "400", &e) > 0);
	assert_true(material_share_add(db, &central, mat, "01", "7000", &e) < 0);
	assert_string_equal(e.field, "copies");
	Material m;
	assert_int_equal(material_get(db, &province, mat, &m), 1);
	assert_int_equal(m.copies, 6400);
	assert_int_equal(m.shared, 400);
	db_close(db);
}

static void seen_followup(const Followup *f, void *arg)
{
	Seen *s = arg;
	s->n++;
	snprintf(s->last, sizeof s->last, "%s", f->text);
}

static void seen_visit(const Visit *v, void *arg)
{
	Seen *s = arg;
	s->n++;
	snprintf(s->last, sizeof s->last, "%s", v->team);
}

static void test_visits(void **state)
{
	(void)state;
	Db *db = setup("work_visits");
	Actor province = actor(ROLE_PROVINCE, "38"), commune = actor(ROLE_COMMUNE, "15961"),
	      other = actor(ROLE_PROVINCE, "01"), central = actor(ROLE_CENTRAL, ""), club = actor(ROLE_CLUB, "15961-01");
	Err e = {0};
	char cid[24];
	snprintf(cid, sizeof cid, "%lld", (long long)club_id);
	VisitInput in = {.kind = "monitoring", .visit_date = "20/11/2025", .team = "Đoàn Hội NCT tỉnh", .club = cid,
			 .summary = "CLB hoạt động đều."};
	in.results[0] = "yes";
	in.results[3] = "partly";
	in.notes[3] = "Quỹ hoạt động còn ít";
	int64_t id = visit_create(db, &province, &in, &e);
	assert_true(id > 0);
	Visit *v = malloc(sizeof *v);
	assert_int_equal(visit_get(db, &province, id, v), 1);
	assert_string_equal(v->results[3], "partly");
	assert_string_equal(v->notes[3], "Quỹ hoạt động còn ít");
	assert_string_equal(v->results[5], "na");
	assert_int_equal(visit_get(db, &club, id, v), 1);
	assert_int_equal(visit_get(db, &other, id, v), 0);

	VisitInput bad = in;
	bad.kind = "party";
	assert_true(visit_create(db, &province, &bad, &e) < 0);
	assert_string_equal(e.field, "kind");
	bad = in;
	bad.results[2] = "maybe";
	assert_true(visit_create(db, &province, &bad, &e) < 0);
	assert_string_equal(e.field, "books");
	bad = in;
	bad.club = "";
	bad.unit_code = "00004";
	assert_true(visit_create(db, &province, &bad, &e) < 0);
	assert_int_equal(e.code, E_OUT_OF_SCOPE);

	/* Recommendations: the commune owns one, overdue (today is 10/02/2026); one done. */
	int64_t f1 = followup_add(db, &province, id, "Bổ sung quỹ hoạt động", "15961", "31/12/2025", &e);
	assert_true(f1 > 0);
	int64_t f2 = followup_add(db, &province, id, "Bầu bổ sung Ban chủ nhiệm", "15961", "2026-06-30", &e);
	assert_true(f2 > 0);
	assert_true(followup_add(db, &province, id, "Không có hạn", "15961", "", &e) < 0);
	assert_string_equal(e.field, "due_date");
	assert_true(followup_add(db, &province, id, "Trung ương", "", "2026-01-01", &e) < 0);
	assert_string_equal(e.field, "owner");
	assert_true(followup_add(db, &central, id, "Trung ương hỗ trợ tài liệu", "", "2026-01-01", &e) > 0);

	Seen s = {0};
	assert_int_equal(followup_overdue(db, &commune, seen_followup, &s), 1);
	assert_string_equal(s.last, "Bổ sung quỹ hoạt động");
	assert_int_equal(followup_overdue(db, &province, NULL, NULL), 1);
	assert_int_equal(followup_overdue(db, &central, NULL, NULL), 2);
	assert_int_equal(followup_overdue(db, &other, NULL, NULL), 0);

	/* The commune records it done; a done date is needed; then it is no longer overdue. */
	assert_int_equal(followup_update(db, &commune, f1, 1, "", "", &e), -1);
	assert_string_equal(e.field, "done_date");
	assert_int_equal(followup_update(db, &commune, f1, 1, "05/02/2026", "Đã vận động thêm", &e), 0);
	assert_int_equal(followup_overdue(db, &commune, NULL, NULL), 0);
	assert_int_equal(followup_update(db, &other, f1, 1, "05/02/2026", "", &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);

	VisitFilter vf = {.year = 2025};
	memset(&s, 0, sizeof s);
	assert_int_equal(visit_list(db, &commune, &vf, 0, 10, seen_visit, &s), 1);
	assert_int_equal(s.n, 1);
	assert_int_equal(visit_list(db, &other, &vf, 0, 10, seen_visit, &s), 0);
	free(v);
	db_close(db);
}

static void seen_assessment(const Assessment *a, void *arg)
{
	Seen *s = arg;
	s->n++;
	snprintf(s->last, sizeof s->last, "%s:%d:%d", a->club_code, a->stored, a->well_managed);
}

static void test_assessments_and_ranking(void **state)
{
	(void)state;
	Db *db = setup("work_assess");
	Actor admin = actor(ROLE_ADMIN, ""), commune = actor(ROLE_COMMUNE, "15961"), province = actor(ROLE_PROVINCE, "38"),
	      central = actor(ROLE_CENTRAL, ""), viewer = actor(ROLE_VIEWER, "");
	Err e = {0};
	/* Twelve months of 2025 submitted, meeting each month, with an activity in six areas. */
	ReportValue vals[] = {{"MEET_HELD", "1"},   {"HEA_CHECKS", "10"}, {"CARE_VISITS", "4"}, {"RIGHT_HELPED", "2"},
			      {"LEARN_SESS", "1"}, {"CULT_EVENTS", "1"}, {"MUT_HELPS", "3"}};
	ReportSaveOpts opts = {.confirm_all = 1, .source = "api"};
	for (int m = 1; m <= 12; m++) {
		char period[8];
		snprintf(period, sizeof period, "2025-%02d", m);
		ReportProblems p;
		if (report_submit(db, &commune, club_id, period, vals, 7, &opts, &p, &e) != 0)
			fail_msg("%s: %s %s", period, err_code_name(e.code), e.field ? e.field : "");
	}
	Assessment a;
	assert_int_equal(assessment_get(db, &commune, club_id, 2025, &a), 1);
	assert_int_equal(a.stored, 0);
	assert_int_equal(a.months_met, 12);
	assert_int_equal(a.data_meets_monthly, 1);
	assert_int_equal(a.data_areas_active, 6);
	assert_int_equal(a.data_both_funds, 0);
	assert_int_equal(a.data_volunteers_ok, 0);
	assert_int_equal(a.well_managed, 0);
	Actor hanoi = actor(ROLE_PROVINCE, "01");
	assert_int_equal(assessment_get(db, &hanoi, club_id, 2025, &a), 0);

	/* The commune confirms the rest; bad input names the field and stores nothing. */
	AssessmentInput in = {.meets_monthly = "1", .reports_on_time = "1", .both_funds = "1", .loans_repaid = "1",
			      .volunteers_ok = "1", .areas_active = "9"};
	assert_int_equal(assessment_save(db, &commune, club_id, 2025, &in, &e), -1);
	assert_string_equal(e.field, "areas_active");
	in.areas_active = "7";
	assert_int_equal(assessment_save(db, &central, club_id, 2025, &in, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	assert_int_equal(assessment_save(db, &commune, club_id, 2031, &in, &e), -1);
	assert_int_equal(assessment_save(db, &commune, club_id, 2025, &in, &e), 0);
	assert_int_equal(assessment_get(db, &viewer, club_id, 2025, &a), 1);
	assert_int_equal(a.stored, 1);
	assert_int_equal(a.well_managed, 1);

	int64_t assessed, well;
	assert_int_equal(assessment_counts(db, 0, 2025, &assessed, &well), 0);
	assert_int_equal(assessed, 1);
	assert_int_equal(well, 1);
	assert_int_equal(assessment_counts_for(db, &province, "38", 2025, &assessed, &well, &e), 0);
	assert_int_equal(well, 1);
	assert_int_equal(assessment_counts_for(db, &province, "01", 2025, &assessed, &well, &e), -1);
	assert_int_equal(e.code, E_NOT_FOUND);
	assert_int_equal(assessment_counts_for(db, &admin, "01", 2025, &assessed, &well, &e), 0);
	assert_int_equal(assessed, 0);

	Seen s = {0};
	assert_int_equal(assessment_list(db, &province, "38", 2025, 0, 50, seen_assessment, &s, &e), 1);
	assert_string_equal(s.last, "15961-01:1:1");

	/* The ranking: Thanh Hóa first; weights only the central level changes. */
	Ranking r;
	assert_int_equal(ranking_build(db, &viewer, 2025, NULL, &r, &e), 0);
	assert_true(r.nrows >= 2);
	assert_string_equal(r.rows[0].code, "38");
	assert_int_equal(r.rows[0].rank, 1);
	assert_int_equal(r.rows[0].values[0], 1000);
	assert_int_equal(r.rows[0].values[4], 1000);
	ranking_free(&r);
	assert_int_equal(ranking_build(db, &province, 2025, "38", &r, &e), 0);
	assert_int_equal(r.nrows, 1);
	assert_string_equal(r.rows[0].code, "15961-01");
	ranking_free(&r);
	assert_int_equal(ranking_build(db, &province, 2025, "01", &r, &e), -1);
	assert_int_equal(ranking_build(db, &viewer, 2025, "38", &r, &e), -1);
	const char *w[RANK_INDICATORS] = {"10", "10", "10", "10", "60"};
	assert_int_equal(ranking_set_weights(db, &province, w, &e), -1);
	assert_int_equal(e.code, E_FORBIDDEN);
	const char *zero[RANK_INDICATORS] = {"0", "0", "0", "0", "0"};
	assert_int_equal(ranking_set_weights(db, &central, zero, &e), -1);
	assert_int_equal(ranking_set_weights(db, &central, w, &e), 0);
	int64_t got[RANK_INDICATORS];
	assert_int_equal(ranking_weights(db, got), 0);
	assert_int_equal(got[4], 60);
	db_close(db);
}

static void test_recognition(void **state)
{
	(void)state;
	Db *db = setup("work_recognition");
	Actor province = actor(ROLE_PROVINCE, "38"), central = actor(ROLE_CENTRAL, ""), viewer = actor(ROLE_VIEWER, ""),
	      club = actor(ROLE_CLUB, "15961-01"), other = actor(ROLE_PROVINCE, "01");
	Err e = {0};
	char cid[24], mid[24];
	snprintf(cid, sizeof cid, "%lld", (long long)club_id);
	snprintf(mid, sizeof mid, "%lld", (long long)member_id);
	CommendationInput ci = {.year = "2021", .title = "Bằng khen", .recipient_kind = "person", .club = cid, .member_id = mid};
	assert_true(commendation_create(db, &province, &ci, &e) > 0);
	CommendationInput cu = {.year = "2021", .title = "Giấy khen", .recipient_kind = "unit", .unit_code = "38"};
	assert_true(commendation_create(db, &central, &cu, &e) > 0);
	assert_true(commendation_create(db, &other, &cu, &e) < 0);
	CommendationInput cb = {.year = "1990", .title = "X", .recipient_kind = "unit", .unit_code = "38"};
	assert_true(commendation_create(db, &central, &cb, &e) < 0);
	assert_int_equal(e.code, E_WORK_YEAR);

	StoryInput si = {.club = cid, .year = "2021", .title = "Bà Ánh thoát nghèo", .body = "Câu chuyện...\n\nĐoạn hai.",
			 .member_id = mid, .show_club = 1, .show_member = 0};
	int64_t sid = story_create(db, &club, &si, &e);
	assert_true(sid > 0);
	Story s;
	assert_int_equal(story_get_public(db, sid, &s), 0);
	assert_int_equal(story_publish(db, &province, sid, 1, &e), -1);
	assert_int_equal(story_publish(db, &central, sid, 1, &e), 0);
	assert_int_equal(story_get_public(db, sid, &s), 1);
	assert_string_equal(s.member_name, "");
	assert_string_equal(s.club_name, "CLB Phú Thọ");
	assert_string_equal(s.body, "Câu chuyện...\n\nĐoạn hai.");
	story_clear(&s);
	assert_int_equal(story_get(db, &viewer, sid, &s), 1);
	assert_string_equal(s.member_name, "");
	story_clear(&s);
	assert_int_equal(story_get(db, &province, sid, &s), 1);
	assert_string_equal(s.member_name, "Nguyễn Thị Ánh");
	story_clear(&s);
	assert_int_equal(story_get(db, &other, sid, &s), 0);

	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
	assert_true(story_photo_add(db, &club, sid, "GIF89a", 6, "", &e) < 0);
	assert_int_equal(e.code, E_PHOTO);
	int64_t pid = story_photo_add(db, &club, sid, png, sizeof png, "Buổi họp", &e);
	assert_true(pid > 0);
	unsigned char *data;
	size_t len;
	char type[16];
	assert_int_equal(story_photo_data(db, sid, pid, &data, &len, type), 1);
	assert_int_equal(len, sizeof png);
	assert_memory_equal(data, png, sizeof png);
	assert_string_equal(type, "image/png");
	free(data);
	assert_int_equal(story_photo_data(db, sid + 1, pid, &data, &len, type), 0);
	/* Withdrawn: the public page shows nothing. */
	assert_int_equal(story_publish(db, &central, sid, 0, &e), 0);
	assert_int_equal(story_get_public(db, sid, &s), 0);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trainings),
		cmocka_unit_test(test_visits),
		cmocka_unit_test(test_assessments_and_ranking),
		cmocka_unit_test(test_recognition),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
