/* The change history: of everything, or of one record (?entity=user&id=5); and its CSV export. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/audit.h"
#include "http/server.h"
#include "out/csv.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/pages.h"

enum { AUDIT_PER_PAGE = 100 };

static void audit_row(const AuditRow *a, void *arg)
{
	PageCtx *c = arg;
	Buf *b = c->b;
	html(b, "<tr><td>");
	html_txt(b, a->at);
	html(b, "</td><td>");
	html_txt(b, a->username);
	html(b, "</td><td>");
	html_txt(b, a->action);
	html(b, "</td><td><a href=\"/audit?entity=");
	html_urlenc(b, a->entity);
	html(b, "&amp;id=");
	html_urlenc(b, a->entity_id);
	html(b, "\">");
	html_txt(b, a->entity);
	html(b, " ");
	html_txt(b, a->entity_id);
	html(b, "</a></td><td><code>");
	html_txt(b, a->before_json ? a->before_json : "");
	html(b, "</code></td><td><code>");
	html_txt(b, a->after_json ? a->after_json : "");
	html(b, "</code></td></tr>");
}

/* The record asked for (?entity=user&id=5): each NULL when absent or empty. */
static void audit_filter(Req *r, const char **entity, const char **id)
{
	*entity = req_query(r, "entity");
	*id = req_query(r, "id");
	if (*entity && !**entity)
		*entity = NULL;
	if (*id && !**id)
		*id = NULL;
}

HandlerResult web_audit(Req *r)
{
	const char *entity, *id;
	audit_filter(r, &entity, &id);
	int64_t page = page_number(r);
	Buf b;
	buf_init(&b, 0);
	page_begin(r, &b, tr(r, "Lịch sử thay đổi", "Change history"));
	html(&b, "<form method=\"get\" action=\"/audit\" class=\"inline\">");
	Form form = {.r = r, .b = &b};
	form_input(&form, "entity", tr(r, "Loại bản ghi", "Record type"), "text", entity, NULL, NULL);
	form_input(&form, "id", tr(r, "Mã bản ghi", "Record id"), "text", id, NULL, NULL);
	form_inline_end(&b, NULL, tr(r, "Lọc", "Filter"));
	html(&b, "<p><a href=\"/audit.csv");
	if (entity || id) {
		html(&b, "?entity=");
		html_urlenc(&b, entity ? entity : "");
		html(&b, "&amp;id=");
		html_urlenc(&b, id ? id : "");
	}
	html(&b, "\">");
	html_txt(&b, tr(r, "Tải về CSV (mở bằng Excel)", "Download CSV (opens in Excel)"));
	html(&b, "</a></p><div class=\"scroll\"><table><caption>");
	html_txt(&b, tr(r, "Mới nhất trước", "Newest first"));
	html(&b, "</caption><thead><tr>");
	page_th(&b, tr(r, "Thời điểm (UTC)", "When (UTC)"));
	page_th(&b, tr(r, "Người thực hiện", "Who"));
	page_th(&b, tr(r, "Việc", "Action"));
	page_th(&b, tr(r, "Bản ghi", "Record"));
	page_th(&b, tr(r, "Trước", "Before"));
	page_th(&b, tr(r, "Sau", "After"));
	html(&b, "</tr></thead><tbody>");
	PageCtx c = {r, &b};
	int64_t total = audit_list(r->db, entity, id, (page - 1) * AUDIT_PER_PAGE, AUDIT_PER_PAGE, audit_row, &c);
	if (total < 0) {
		buf_free(&b);
		return H_FATAL;
	}
	html(&b, "</tbody></table></div><p>");
	html_txtf(&b, "%s: %lld", tr(r, "Tổng số", "Total"), (long long)total);
	html(&b, "</p>");
	const char *query[] = {"entity", entity ? entity : "", "id", id ? id : "", NULL};
	page_pager(r, &b, "/audit", query, page, AUDIT_PER_PAGE, total);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

static void audit_csv_row(const AuditRow *a, void *arg)
{
	FILE *f = arg;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)a->id);
	csv_field(f, id, 0);
	csv_field(f, a->at, 0);
	csv_field(f, a->username, 0);
	csv_field(f, a->action, 0);
	csv_field(f, a->entity, 0);
	csv_field(f, a->entity_id, 0);
	csv_field(f, a->before_json, 0);
	csv_field(f, a->after_json, 0);
	csv_field(f, a->ip, 1);
}

HandlerResult web_audit_csv(Req *r)
{
	const char *entity, *id;
	audit_filter(r, &entity, &id);
	/* Written to an unlinked temporary file, then streamed: no size limit from memory. */
	char path[4096];
	snprintf(path, sizeof path, "%s/ishc-audit-XXXXXX", server_config()->tmpdir);
	int fd = mkstemp(path);
	if (fd < 0)
		return H_FATAL;
	unlink(path);
	FILE *f = fdopen(dup(fd), "w");
	if (!f) {
		close(fd);
		return H_FATAL;
	}
	csv_begin(f);
	csv_field(f, "id", 0);
	csv_field(f, tr(r, "thời điểm", "at"), 0);
	csv_field(f, tr(r, "người thực hiện", "username"), 0);
	csv_field(f, tr(r, "việc", "action"), 0);
	csv_field(f, tr(r, "loại bản ghi", "entity"), 0);
	csv_field(f, tr(r, "mã bản ghi", "entity_id"), 0);
	csv_field(f, tr(r, "trước", "before"), 0);
	csv_field(f, tr(r, "sau", "after"), 0);
	csv_field(f, tr(r, "địa chỉ", "ip"), 1);
	int64_t total = audit_list(r->db, entity, id, 0, INT64_MAX, audit_csv_row, f);
	if (fclose(f) != 0 || total < 0) {
		close(fd);
		return total < 0 ? H_FATAL : resp_error(r, E_DISK_FULL, NULL, NULL);
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return H_FATAL;
	}
	return resp_file(r, fd, (uint64_t)st.st_size, "text/csv; charset=utf-8", "lich-su-thay-doi.csv");
}
