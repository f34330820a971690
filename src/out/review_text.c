/* The annual review's sentences and footnotes (see review_text.h). */
#include "out/review_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guidance.h"
#include "lib/buf.h"
#include "lib/vi.h"

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	Buf b;
	buf_init(&b, 0);
	va_list ap;
	va_start(ap, f);
	buf_vprintf(&b, f, ap);
	va_end(ap);
	return buf_take(&b, NULL);
}

static int note(ReviewText *t, const char *key, const char *link, char *text)
{
	if (!text)
		return 0;
	if (t->nnotes == t->capnotes) {
		size_t cap = t->capnotes ? t->capnotes * 2 : 16;
		void *p = realloc(t->notes, cap * sizeof *t->notes);
		if (!p) {
			free(text);
			return 0;
		}
		t->notes = p;
		t->capnotes = cap;
	}
	ReviewNote *n = &t->notes[t->nnotes++];
	snprintf(n->key, sizeof n->key, "%s", key);
	snprintf(n->link, sizeof n->link, "%s", link);
	n->text = text;
	return (int)t->nnotes;
}

static void para(ReviewText *t, ReviewParaKind kind, int noteno, char *text)
{
	if (!text)
		return;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		void *p = realloc(t->paras, cap * sizeof *t->paras);
		if (!p) {
			free(text);
			return;
		}
		t->paras = p;
		t->cap = cap;
	}
	t->paras[t->n++] = (ReviewPara){.kind = kind, .text = text, .note = noteno};
}

/* "A, B và C" of a list's names (and "…" when more were counted than kept). */
static char *names(const ReviewList *l)
{
	Buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_puts(&b, i + 1 == l->n && (int64_t)l->n == l->total ? " và " : ", ");
		buf_puts(&b, l->items[i].name);
	}
	if ((int64_t)l->n < l->total)
		buf_puts(&b, "…");
	return buf_take(&b, NULL);
}

/* "Hướng dẫn số 125/HD-NCT ngày 15/03/2021, … và Công văn số …" of the documents' list. */
static char *document_names(const ReviewList *l)
{
	Buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < l->n; i++) {
		char date[VI_DATE_BUFSZ];
		if (i)
			buf_puts(&b, i + 1 == l->n && (int64_t)l->n == l->total ? " và " : ", ");
		if (!vi_format_date(l->items[i].text, date))
			snprintf(date, sizeof date, "%.10s", l->items[i].text);
		buf_printf(&b, "%s số %s ngày %s", guidance_kind_label(l->items[i].code, "vi"), l->items[i].name, date);
	}
	if ((int64_t)l->n < l->total)
		buf_puts(&b, "…");
	return buf_take(&b, NULL);
}

static const char *province_word(const ReviewData *d)
{
	return strcmp(d->unit_kind, "thanh_pho") == 0 ? "thành phố" : "tỉnh";
}

void review_text_free(ReviewText *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->paras[i].text);
	for (size_t i = 0; i < t->nnotes; i++)
		free(t->notes[i].text);
	for (size_t i = 0; i < t->nrecipients; i++)
		free(t->recipients[i]);
	free(t->paras);
	free(t->notes);
	free(t->dateline);
	memset(t, 0, sizeof *t);
}

int review_text(const ReviewData *d, const char *date, ReviewText *t)
{
	memset(t, 0, sizeof *t);
	char a[VI_NUM_BUFSZ], b[VI_NUM_BUFSZ], c[VI_NUM_BUFSZ];
	char link[200];
	/* "Đề án 1336" of "Đề án 1336: Nhân rộng mô hình …" */
	char prog[200];
	snprintf(prog, sizeof prog, "%s", d->programme.name);
	char *colon = strchr(prog, ':');
	if (colon)
		*colon = 0;
	int y = d->year;
	long long pid = (long long)d->programme.id;
	char unitq[32] = "";
	if (!d->is_country)
		snprintf(unitq, sizeof unitq, "&unit=%s", d->unit_code);

	/* The heading of the document (Decree 30/2020: issuing body, number, dateline). */
	snprintf(t->issuer_parent, sizeof t->issuer_parent, "HỘI NGƯỜI CAO TUỔI VIỆT NAM");
	if (d->is_country) {
		char *up = vi_upper(prog);
		snprintf(t->issuer, sizeof t->issuer, "BAN ĐIỀU HÀNH %s", up ? up : "");
		free(up);
		snprintf(t->number, sizeof t->number, "        /BC-BĐH");
		snprintf(t->place, sizeof t->place, "Hà Nội");
		snprintf(t->signer_title, sizeof t->signer_title, "TM. BAN ĐIỀU HÀNH\nTRƯỞNG BAN");
	} else {
		char full[200];
		snprintf(full, sizeof full, "Hội Người cao tuổi %s %s", province_word(d), d->unit_name);
		char *up = vi_upper(full);
		snprintf(t->issuer, sizeof t->issuer, "%s", up ? up : full);
		free(up);
		snprintf(t->issuer_parent, sizeof t->issuer_parent, "HỘI NGƯỜI CAO TUỔI VIỆT NAM");
		snprintf(t->number, sizeof t->number, "        /BC-HNCT");
		snprintf(t->place, sizeof t->place, "%s", d->unit_name);
		snprintf(t->signer_title, sizeof t->signer_title, "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH");
	}
	snprintf(t->programme, sizeof t->programme, "%s", d->programme.name);
	if (d->is_country)
		snprintf(t->unit, sizeof t->unit, "Toàn quốc");
	else
		snprintf(t->unit, sizeof t->unit, "%s %s", province_word(d), d->unit_name);
	snprintf(t->year_text, sizeof t->year_text, "%d", y);
	snprintf(t->next_year_text, sizeof t->next_year_text, "%d", y + 1);
	if (vi_format_dateline(t->place, date, &t->dateline) != VI_OK)
		t->dateline = strdup(date);
	if (d->is_country)
		snprintf(t->title, sizeof t->title, "Tổng kết thực hiện %s năm %d và triển khai nhiệm vụ năm %d", prog, y, y + 1);
	else
		snprintf(t->title, sizeof t->title, "Tổng kết thực hiện %s năm %d tại %s %s và triển khai nhiệm vụ năm %d", prog, y,
			 province_word(d), d->unit_name, y + 1);
	t->recipients[t->nrecipients++] = strdup(d->is_country ? "- Thường trực Trung ương Hội NCT Việt Nam;"
							       : "- Trung ương Hội NCT Việt Nam;");
	t->recipients[t->nrecipients++] = strdup(d->is_country ? "- Hội NCT các tỉnh, thành phố;"
							       : "- UBND tỉnh, thành phố;");
	t->recipients[t->nrecipients++] = strdup("- Lưu: VT.");

	const char *own = d->is_country ? "Trung ương Hội" : "Hội NCT tỉnh";
	int n;

	/* I. Direction and guidance */
	para(t, RP_HEADING, 0, fmt("I. CÔNG TÁC CHỈ ĐẠO, HƯỚNG DẪN"));
	snprintf(link, sizeof link, "/guidance?year=%d%s", y, unitq);
	n = note(t, "documents", link,
		 fmt("Văn bản chỉ đạo, hướng dẫn do %s ban hành trong năm %d (trang Văn bản chỉ đạo, hướng dẫn, cấp %s), "
		     "của %s hoặc không gắn với đề án nào: %s văn bản, theo ngày ban hành.",
		     own, y, d->is_country ? "trung ương" : "tỉnh", prog, vi_format_int(d->documents, a)));
	if (d->documents) {
		char *ns = document_names(&d->document_list);
		para(t, RP_TEXT, n, fmt("%s ban hành %s văn bản chỉ đạo, hướng dẫn (%s).", own, vi_format_int(d->documents, a), ns));
		free(ns);
	} else {
		para(t, RP_TEXT, n, fmt("Trong năm %d, %s chưa ghi nhận văn bản chỉ đạo, hướng dẫn nào.", y, own));
	}
	snprintf(link, sizeof link, "/materials?year=%d", y);
	n = note(t, "materials", link,
		 fmt("Tài liệu do %s in trong năm %d (trang Tài liệu, cấp %s): %s đầu tài liệu, cộng số bản in.", own, y,
		     d->is_country ? "trung ương" : "tỉnh", vi_format_int(d->materials, a)));
	if (d->materials) {
		char *ns = names(&d->material_list);
		para(t, RP_TEXT, n, fmt("%s biên soạn, phát hành %s cuốn tài liệu (%s).", own, vi_format_int(d->material_copies, a), ns));
		free(ns);
	} else {
		para(t, RP_TEXT, n, fmt("Trong năm %d, %s chưa ghi nhận tài liệu nào được in.", y, own));
	}
	snprintf(link, sizeof link, "/trainings?year=%d", y);
	n = note(t, "own_trainings", link,
		 fmt("Lớp tập huấn cấp %s có ngày bắt đầu trong năm %d; học viên = cán bộ Hội + thành viên Ban Chủ nhiệm + tình nguyện viên.",
		     d->is_country ? "trung ương" : "tỉnh", y));
	if (d->own_courses) {
		char *ns = names(&d->own_course_places);
		para(t, RP_TEXT, n, fmt("Tổ chức %s lớp tập huấn tại %s cho %s học viên.", vi_format_int(d->own_courses, a), ns,
					vi_format_int(d->own_trainees, b)));
		free(ns);
	} else {
		para(t, RP_TEXT, n, fmt("Chưa tổ chức lớp tập huấn cấp %s trong năm.", d->is_country ? "trung ương" : "tỉnh"));
	}
	snprintf(link, sizeof link, "/visits?year=%d", y);
	n = note(t, "visits", link,
		 fmt("Các chuyến giám sát và hỗ trợ kĩ thuật cấp %s có ngày trong năm %d (trang Giám sát, hỗ trợ).",
		     d->is_country ? "trung ương" : "tỉnh", y));
	if (d->visits) {
		char *ns = names(&d->visit_places);
		para(t, RP_TEXT, n, fmt("Giám sát, hỗ trợ kĩ thuật %s chuyến tại %s.", vi_format_int(d->visits, a), ns));
		free(ns);
	} else {
		para(t, RP_TEXT, n, fmt("Chưa có chuyến giám sát, hỗ trợ kĩ thuật nào được ghi nhận trong năm."));
	}
	n = note(t, "donors", "/donor-projects",
		 fmt("Dự án tài trợ có thời gian thực hiện bao gồm năm %d%s; địa phương = tỉnh và xã dự án bao phủ; CLB = CLB dự án hỗ trợ hoặc thành lập.",
		     y, d->is_country ? "" : ", có địa bàn trong tỉnh"));
	if (d->donor_projects)
		para(t, RP_TEXT, n, fmt("Phối hợp triển khai %s dự án tài trợ tại %s địa phương, hỗ trợ kĩ thuật %s CLB Liên thế hệ tự giúp nhau.",
					vi_format_int(d->donor_projects, a), vi_format_int(d->donor_units, b),
					vi_format_int(d->donor_clubs, c)));
	else
		para(t, RP_TEXT, n, fmt("Không có dự án tài trợ nào thực hiện trong năm."));

	/* II. Results */
	para(t, RP_HEADING, 0, fmt("II. KẾT QUẢ THỰC HIỆN"));
	snprintf(link, sizeof link, "/plans?programme=%lld&year=%d", pid, y);
	n = note(t, "plans", link,
		 fmt("Kế hoạch tỉnh của %s được đánh dấu đã ban hành, với ngày ban hành đến 31/12/%d (hoặc chưa ghi ngày), trên số tỉnh, thành phố thuộc địa bàn của Đề án.",
		     prog, y));
	if (d->is_country)
		para(t, RP_TEXT, n, fmt("Hiện có %s/%s tỉnh, thành phố được UBND tỉnh ban hành Đề án/Kế hoạch triển khai thực hiện Đề án.",
					vi_format_int(d->plans_issued, a), vi_format_int(d->provinces, b)));
	else if (d->plans_issued)
		para(t, RP_TEXT, n, fmt("UBND %s đã ban hành Đề án/Kế hoạch triển khai thực hiện %s (%s/%s kế hoạch).", province_word(d),
					prog, vi_format_int(d->plans_issued, a), vi_format_int(d->provinces, b)));
	else
		para(t, RP_TEXT, n, fmt("UBND %s chưa ban hành Đề án/Kế hoạch triển khai thực hiện %s.", province_word(d), prog));

	snprintf(link, sizeof link, "/programmes/%lld/targets", pid);
	n = note(t, "new_clubs", link,
		 fmt("Số CLB thành lập mới mà các kế hoạch tỉnh đăng kí cho cả giai đoạn, so với chỉ tiêu cả giai đoạn đang có hiệu lực%s; số CLB thành lập trong năm = CLB có ngày thành lập trong năm %d.",
		     d->is_country ? " của Đề án" : " của tỉnh", y));
	{
		char period[40] = "";
		if (d->programme.start_year && d->programme.end_year)
			snprintf(period, sizeof period, " trong %d năm (%d-%d)", d->programme.end_year - d->programme.start_year + 1,
				 d->programme.start_year, d->programme.end_year);
		char tail[200] = "";
		if (d->has_target && d->target_new_clubs > 0) {
			int64_t pm = (d->clubs_registered - d->target_new_clubs) * 1000 / d->target_new_clubs;
			if (pm > 0)
				snprintf(tail, sizeof tail, " (vượt %s%% chỉ tiêu %s CLB)", vi_format_int((pm + 5) / 10, a),
					 vi_format_int(d->target_new_clubs, b));
			else
				snprintf(tail, sizeof tail, " (đạt %s%% chỉ tiêu %s CLB)",
					 vi_format_permille_pct(d->clubs_registered * 1000 / d->target_new_clubs, a),
					 vi_format_int(d->target_new_clubs, b));
		}
		para(t, RP_TEXT, n, fmt("Tổng số mô hình CLB đăng kí thành lập mới%s là %s CLB%s. Trong năm %d đã thành lập %s CLB mới.",
					period, vi_format_int(d->clubs_registered, c), tail, y,
					vi_format_int(d->clubs_founded_year, a)));
	}

	snprintf(link, sizeof link, "/trainings?year=%d", y);
	n = note(t, "local_trainings", link,
		 fmt("Lớp tập huấn do cấp %s tổ chức, có ngày bắt đầu trong năm %d; %s; học viên = cán bộ Hội + thành viên Ban Chủ nhiệm + tình nguyện viên.",
		     d->is_country ? "tỉnh, huyện, xã" : "huyện, xã", y,
		     d->is_country ? "tỉnh tính theo địa giới lúc mở lớp" : "đơn vị = huyện, xã mở lớp"));
	if (d->is_country)
		para(t, RP_TEXT, n, fmt("%s tỉnh/thành phố mở %s lớp tập huấn cho %s thành viên Ban Chủ nhiệm, tình nguyện viên.",
					vi_format_int(d->local_units, a), vi_format_int(d->local_courses, b),
					vi_format_int(d->local_trainees, c)));
	else
		para(t, RP_TEXT, n, fmt("%s huyện, xã mở %s lớp tập huấn cho %s thành viên Ban Chủ nhiệm, tình nguyện viên.",
					vi_format_int(d->local_units, a), vi_format_int(d->local_courses, b),
					vi_format_int(d->local_trainees, c)));

	snprintf(link, sizeof link, "/plans?programme=%lld&year=%d", pid, y);
	n = note(t, "budgets", link,
		 fmt("Kế hoạch tỉnh có kinh phí 5 năm được phê duyệt với ngày phê duyệt đến 31/12/%d (hoặc chưa ghi ngày); tổng kinh phí cộng từ các kế hoạch, đổi ra tỉ đồng.",
		     y));
	{
		char bil[VI_NUM_BUFSZ];
		vi_format_billions(d->budget_total, 3, bil);
		if (d->is_country) {
			para(t, RP_TEXT, n, fmt("%s tỉnh/thành phố tham mưu phê duyệt kinh phí 5 năm với tổng số %s tỉ đồng.",
						vi_format_int(d->budget_provinces, a), bil));
			int64_t rest = d->plans_issued - d->budget_provinces;
			if (rest > 0)
				para(t, RP_TEXT, n, fmt("%s tỉnh/thành phố còn lại phê duyệt chủ trương, cơ chế tài chính, vận động nguồn lực theo quy định "
							"(%s tỉnh/thành phố có cơ chế tài chính, %s có chính sách vận động nguồn lực được phê duyệt).",
							vi_format_int(rest, a), vi_format_int(d->mechanism_provinces, b),
							vi_format_int(d->policy_provinces, c)));
		} else if (d->budget_provinces) {
			para(t, RP_TEXT, n, fmt("Kinh phí 5 năm được phê duyệt: %s tỉ đồng.", bil));
		} else {
			para(t, RP_TEXT, n, fmt("Kinh phí 5 năm chưa được phê duyệt."));
		}
	}

	/* III. What holds provinces back */
	para(t, RP_HEADING, 0, fmt("III. TỒN TẠI, VƯỚNG MẮC"));
	snprintf(link, sizeof link, "/plans?programme=%lld&year=%d", pid, y);
	n = note(t, "obstacles", link,
		 fmt("Tỉnh chưa có kế hoạch ban hành đến 31/12/%d, và mục \"vướng mắc\" ghi trong kế hoạch của từng tỉnh.", y));
	if (d->no_plan.total) {
		char *ns = names(&d->no_plan);
		para(t, RP_TEXT, n, fmt("Còn %s tỉnh/thành phố chưa được phê duyệt kế hoạch thực hiện Đề án: %s.",
					vi_format_int(d->no_plan.total, a), ns));
		free(ns);
	} else {
		para(t, RP_TEXT, n, fmt("Các tỉnh, thành phố đều đã có kế hoạch thực hiện Đề án."));
	}
	for (size_t i = 0; i < d->obstacles.n; i++)
		para(t, RP_ITEM, 0, fmt("- %s: %s", d->obstacles.items[i].name, d->obstacles.items[i].text));
	if (!d->obstacles.n)
		para(t, RP_TEXT, 0, fmt("Chưa có vướng mắc nào được ghi trong kế hoạch của các tỉnh."));

	/* IV. Commendations */
	para(t, RP_HEADING, 0, fmt("IV. ĐỀ NGHỊ BIỂU DƯƠNG, KHEN THƯỞNG"));
	snprintf(link, sizeof link, "/commendations?year=%d", y);
	n = note(t, "commended", link,
		 fmt("Khen thưởng ghi năm %d trong phạm vi báo cáo: tập thể (đơn vị, CLB) được nêu tên; cá nhân chỉ được đếm.", y));
	if (d->commended.total) {
		char *ns = names(&d->commended);
		para(t, RP_TEXT, n, fmt("Đánh giá cao kết quả triển khai năm %d, tiêu biểu là: %s.", y, ns));
		free(ns);
		for (size_t i = 0; i < d->commended.n; i++)
			para(t, RP_ITEM, 0, fmt("- %s: %s", d->commended.items[i].name, d->commended.items[i].text));
	} else {
		para(t, RP_TEXT, n, fmt("Chưa có tập thể nào được khen thưởng trong năm %d.", y));
	}
	if (d->commended_people)
		para(t, RP_ITEM, 0, fmt("- %s cá nhân được khen thưởng.", vi_format_int(d->commended_people, a)));

	/* V. Tasks for next year */
	para(t, RP_HEADING, 0, fmt("V. NHIỆM VỤ NĂM %d", y + 1));
	snprintf(link, sizeof link, "/reviews/%lld/%d/tasks%s%s", pid, y, unitq[0] ? "?" : "", unitq[0] ? unitq + 1 : "");
	n = note(t, "tasks", link, fmt("Nội dung do đơn vị soạn và lưu cùng báo cáo (có ghi nhật ký thay đổi)."));
	if (d->tasks && *d->tasks) {
		const char *s = d->tasks;
		int first = 1;
		while (*s) {
			const char *e = strchr(s, '\n');
			size_t len = e ? (size_t)(e - s) : strlen(s);
			while (len && (s[len - 1] == '\r' || s[len - 1] == ' '))
				len--;
			if (len)
				para(t, RP_TEXT, first ? n : 0, fmt("%.*s", (int)len, s)), first = 0;
			s += e ? (size_t)(e - s) + 1 : strlen(s);
		}
	} else {
		para(t, RP_TEXT, n, fmt("(Chưa soạn nhiệm vụ năm %d.)", y + 1));
	}
	return 0;
}
