/* The audit log (see audit.h). */
#include "core/audit.h"

#include <stdlib.h>

DbStatus audit_write(Db *db, const Actor *who, const char *action, const char *entity,
		     const char *entity_id, json_t *before, json_t *after)
{
	char now[21];
	db_now_iso(now);
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	Stmt *st = db_stmt(db, "audit_write",
			   "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json, ip) "
			   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
	DbStatus s = DB_ERROR;
	if (st) {
		db_bind_text(st, 1, now);
		if (who && who->user_id)
			db_bind_int(st, 2, who->user_id);
		else
			db_bind_null(st, 2);
		db_bind_text(st, 3, who && who->username[0] ? who->username : "system");
		db_bind_text(st, 4, action);
		db_bind_text(st, 5, entity);
		db_bind_text(st, 6, entity_id ? entity_id : "");
		db_bind_text(st, 7, b);
		db_bind_text(st, 8, a);
		db_bind_text(st, 9, who ? who->ip : "");
		s = db_exec_stmt(st);
	}
	free(b);
	free(a);
	return s;
}

int64_t audit_list(Db *db, const char *entity, const char *entity_id, int64_t offset, int64_t limit,
		   void (*fn)(const AuditRow *row, void *arg), void *arg)
{
	Stmt *st = db_stmt(db, "audit_count",
			   "SELECT COUNT(*) FROM audit_log WHERE ($1 IS NULL OR entity = $1) AND ($2 IS NULL OR entity_id = $2)");
	if (!st)
		return -1;
	db_bind_text(st, 1, entity);
	db_bind_text(st, 2, entity_id);
	if (db_step(st) != DB_ROW)
		return -1;
	int64_t total = db_col_int(st, 0);
	db_reset(st);
	st = db_stmt(db, "audit_list",
		     "SELECT id, at, username, action, entity, entity_id, before_json, after_json, ip FROM audit_log "
		     "WHERE ($1 IS NULL OR entity = $1) AND ($2 IS NULL OR entity_id = $2) "
		     "ORDER BY id DESC LIMIT $3 OFFSET $4");
	if (!st)
		return -1;
	db_bind_text(st, 1, entity);
	db_bind_text(st, 2, entity_id);
	db_bind_int(st, 3, limit);
	db_bind_int(st, 4, offset);
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW) {
		AuditRow r = {
			.id = db_col_int(st, 0),
			.at = db_col_text(st, 1),
			.username = db_col_text(st, 2),
			.action = db_col_text(st, 3),
			.entity = db_col_text(st, 4),
			.entity_id = db_col_text(st, 5),
			.before_json = db_col_text(st, 6),
			.after_json = db_col_text(st, 7),
			.ip = db_col_text(st, 8),
		};
		fn(&r, arg);
	}
	db_reset(st);
	return s == DB_DONE ? total : -1;
}
