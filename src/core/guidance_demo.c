/* The demo's documents of direction and guidance (core/guidance.h), called by `ishc demo` after the
 * programme's work: the central level's guidance, plans and official letters for Đề án 1336 from
 * 2021 and for Đề án 1648 in 2026, and a few provinces' plans and guidance. Fixed: the same every
 * run. Recorded through guidance_create, so checked and audited like a person's. */
#include "core/guidance_demo.h"

#include <stdio.h>
#include <string.h>

#include "core/guidance.h"
#include "core/unit.h"

static const struct {
	const char *unit, *programme, *number, *issued_on, *kind, *title, *issuer;
} docs[] = {
	{"", "DA1336", "46/KH-NCT", "2021-02-05", "plan", "Kế hoạch triển khai thực hiện Đề án 1336 năm 2021",
	 "Trung ương Hội NCT Việt Nam"},
	{"", "DA1336", "125/HD-NCT", "2021-03-15", "guidance",
	 "Hướng dẫn thành lập, duy trì và phát triển Câu lạc bộ Liên thế hệ tự giúp nhau giai đoạn 2021–2025",
	 "Trung ương Hội NCT Việt Nam"},
	{"", "DA1336", "312/NCT-CTXH", "2021-11-10", "official_letter",
	 "Về việc báo cáo kết quả thực hiện Đề án 1336 năm 2021", "Trung ương Hội NCT Việt Nam"},
	{"38", "DA1336", "15/KH-HNCT", "2021-04-02", "plan",
	 "Kế hoạch thực hiện Đề án nhân rộng mô hình CLB Liên thế hệ tự giúp nhau trên địa bàn tỉnh năm 2021",
	 "Hội NCT tỉnh Thanh Hóa"},
	{"38", "DA1336", "22/HD-HNCT", "2021-06-18", "guidance",
	 "Hướng dẫn các huyện, xã thành lập CLB Liên thế hệ tự giúp nhau", "Hội NCT tỉnh Thanh Hóa"},
	{"01", "DA1336", "27/KH-HNCT", "2021-03-30", "plan",
	 "Kế hoạch triển khai Đề án 1336 trên địa bàn thành phố Hà Nội năm 2021", "Hội NCT thành phố Hà Nội"},
	{"", "DA1336", "18/KH-NCT", "2022-01-20", "plan", "Kế hoạch thực hiện Đề án 1336 năm 2022",
	 "Trung ương Hội NCT Việt Nam"},
	{"", "DA1336", "205/NCT-CTXH", "2022-09-12", "official_letter",
	 "Về việc sơ kết, đánh giá chất lượng hoạt động các CLB Liên thế hệ tự giúp nhau", "Trung ương Hội NCT Việt Nam"},
	{"38", "DA1336", "09/KH-HNCT", "2022-02-14", "plan", "Kế hoạch thực hiện Đề án 1336 năm 2022",
	 "Hội NCT tỉnh Thanh Hóa"},
	{"", "DA1336", "12/KH-NCT", "2023-01-16", "plan", "Kế hoạch thực hiện Đề án 1336 năm 2023",
	 "Trung ương Hội NCT Việt Nam"},
	{"", "DA1336", "89/QĐ-NCT", "2023-06-20", "decision",
	 "Quyết định ban hành Bộ tiêu chí đánh giá CLB Liên thế hệ tự giúp nhau hoạt động hiệu quả",
	 "Trung ương Hội NCT Việt Nam"},
	{"", NULL, "140/NCT-VP", "2023-08-07", "official_letter", "Về việc cập nhật sổ thành viên CLB lên hệ thống quản lý",
	 "Trung ương Hội NCT Việt Nam"},
	{"", "DA1336", "10/KH-NCT", "2024-01-18", "plan", "Kế hoạch thực hiện Đề án 1336 năm 2024",
	 "Trung ương Hội NCT Việt Nam"},
	{"", "DA1336", "276/NCT-CTXH", "2024-10-08", "official_letter", "Về việc chuẩn bị tổng kết Đề án 1336",
	 "Trung ương Hội NCT Việt Nam"},
	{"38", "DA1336", "11/KH-HNCT", "2024-02-20", "plan", "Kế hoạch thực hiện Đề án 1336 năm 2024",
	 "Hội NCT tỉnh Thanh Hóa"},
	{"", "DA1336", "08/KH-NCT", "2025-01-15", "plan", "Kế hoạch thực hiện Đề án 1336 năm 2025",
	 "Trung ương Hội NCT Việt Nam"},
	{"", "DA1336", "150/HD-NCT", "2025-08-20", "guidance", "Hướng dẫn tổng kết 5 năm thực hiện Đề án 1336 (2021–2025)",
	 "Trung ương Hội NCT Việt Nam"},
	{"", "DA1648", "09/KH-NCT", "2026-02-10", "plan", "Kế hoạch triển khai Đề án 1648 năm 2026",
	 "Trung ương Hội NCT Việt Nam"},
};

int guidance_demo_load(Db *db, const Actor *by, Err *e)
{
	char today[11];
	unit_today(today);
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		if (strcmp(docs[i].issued_on, today) > 0)
			continue; /* not issued yet on this machine's today */
		GuidanceInput in = {.unit_code = docs[i].unit, .programme_code = docs[i].programme ? docs[i].programme : "",
				    .number = docs[i].number, .issued_on = docs[i].issued_on, .kind = docs[i].kind,
				    .title = docs[i].title, .issuer = docs[i].issuer, .note = ""};
		if (guidance_create(db, by, &in, e) < 0) {
			fprintf(stderr, "demo guidance: %s: %s %s\n", docs[i].number, err_code_name(e->code), e->field ? e->field : "");
			return -1;
		}
	}
	return 0;
}
