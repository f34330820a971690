/* Name search index (see search.h). */
#include "core/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int search_range(const char *q, char lo[256], char hi[256])
{
	size_t n = q ? strlen(q) : 0;
	if (n == 0 || n > 250)
		return -1;
	memcpy(lo, q, n + 1);
	memcpy(hi, q, n + 1);
	/* Folded text is ASCII letters, digits and spaces, so raising the last byte cannot wrap. */
	hi[n - 1] = (char)(hi[n - 1] + 1);
	return 0;
}

DbStatus search_index_member(Db *db, int64_t member_id, const char *name_fold)
{
	Stmt *del = db_stmt(db, "search_delete", "DELETE FROM member_words WHERE member_id = $1");
	if (!del)
		return DB_ERROR;
	db_bind_int(del, 1, member_id);
	DbStatus s = db_exec_stmt(del);
	Stmt *ins = db_stmt(db, "search_insert", "INSERT INTO member_words (word, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING");
	if (!ins)
		return DB_ERROR;
	for (const char *p = name_fold; s == DB_OK && p && *p; p++) {
		if (p != name_fold && p[-1] != ' ')
			continue;
		if (*p == ' ')
			continue;
		db_bind_text(ins, 1, p);
		db_bind_int(ins, 2, member_id);
		s = db_exec_stmt(ins);
	}
	return s;
}

int64_t search_count_candidates(Db *db, const char *qfold)
{
	char lo[256], hi[256];
	if (search_range(qfold, lo, hi) != 0)
		return 0;
	Stmt *st = db_stmt(db, "search_count",
			   "SELECT COUNT(*) FROM (SELECT 1 FROM member_words WHERE word >= $1 AND word < $2 LIMIT $3) x");
	if (!st)
		return -1;
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	db_bind_int(st, 3, SEARCH_CANDIDATES_MAX + 1);
	int64_t n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	return n;
}

static int reindex_tx(Db *db, void *arg)
{
	int64_t *count = arg;
	Stmt *st = db_stmt(db, "search_missing",
			   "SELECT m.id, m.name_fold FROM members m WHERE NOT EXISTS "
			   "(SELECT 1 FROM member_words w WHERE w.member_id = m.id) ORDER BY m.id LIMIT 5000");
	if (!st)
		return -DB_ERROR;
	/* Read a batch first, then write: one statement may not read while its table changes. */
	enum { BATCH = 5000 };
	struct Item {
		int64_t id;
		char fold[224];
	} *batch = malloc(BATCH * sizeof *batch);
	if (!batch)
		return -DB_ERROR;
	int n = 0;
	DbStatus s;
	while ((s = db_step(st)) == DB_ROW && n < BATCH) {
		batch[n].id = db_col_int(st, 0);
		snprintf(batch[n].fold, sizeof batch[n].fold, "%s", db_col_text(st, 1));
		n++;
	}
	db_reset(st);
	int rc = s == DB_ROW || s == DB_DONE ? 0 : -(int)s;
	for (int i = 0; i < n && !rc; i++) {
		DbStatus w = search_index_member(db, batch[i].id, batch[i].fold);
		if (w != DB_OK)
			rc = -(int)w;
	}
	free(batch);
	*count = n;
	return rc;
}

int64_t search_reindex_missing(Db *db)
{
	int64_t total = 0;
	for (;;) {
		int64_t n = 0;
		if (db_tx(db, reindex_tx, &n) != 0)
			return -1;
		total += n;
		if (n < 5000)
			return total;
	}
}
