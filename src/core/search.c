/* Name search index (see search.h). */
#include "core/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void search_driver(const char *qfold, char out[64])
{
	out[0] = '\0';
	const char *last = NULL, *p = qfold ? qfold : "";
	size_t len = 0;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		if (p > w) {
			last = w;
			len = (size_t)(p - w);
		}
	}
	if (last && len < 64) {
		memcpy(out, last, len);
		out[len] = '\0';
	}
}

DbStatus search_index_member(Db *db, int64_t member_id, const char *name_fold, const char *name_key, int on_book)
{
	Stmt *del = db_stmt(db, "search_delete", "DELETE FROM member_words WHERE member_id = $1");
	if (!del)
		return DB_ERROR;
	db_bind_int(del, 1, member_id);
	DbStatus s = db_exec_stmt(del);
	Stmt *ins = db_stmt(db, "search_insert",
			    "INSERT INTO member_words (word, name_key, member_id, name_fold) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
	if (!ins)
		return DB_ERROR;
	const char *p = on_book && name_fold ? name_fold : "";
	while (s == DB_OK && *p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		if (p == w || p - w >= 64)
			continue;
		char word[64];
		memcpy(word, w, (size_t)(p - w));
		word[p - w] = '\0';
		db_bind_text(ins, 1, word);
		db_bind_text(ins, 2, name_key);
		db_bind_int(ins, 3, member_id);
		db_bind_text(ins, 4, name_fold);
		s = db_exec_stmt(ins);
	}
	return s;
}

/* Indexes up to BATCH members without index rows with ids above *last; *count gets how many. */
enum { BATCH = 5000 };

typedef struct Reindex {
	int64_t last;
	int64_t count;
} Reindex;

static int reindex_tx(Db *db, void *arg)
{
	Reindex *x = arg;
	Stmt *st = db_stmt(db, "search_missing",
			   "SELECT m.id, m.name_fold, m.name_key FROM members m WHERE m.id > $1 AND m.left_on IS NULL AND NOT EXISTS "
			   "(SELECT 1 FROM member_words w WHERE w.member_id = m.id) ORDER BY m.id LIMIT $2");
	if (!st)
		return -DB_ERROR;
	/* Read the batch first, then write: a statement may not read a table while it changes. */
	struct Item {
		int64_t id;
		char fold[224];
		char key[600];
	} *batch = malloc(BATCH * sizeof *batch);
	if (!batch)
		return -DB_ERROR;
	db_bind_int(st, 1, x->last);
	db_bind_int(st, 2, BATCH);
	int n = 0;
	DbStatus s;
	while (n < BATCH && (s = db_step(st)) == DB_ROW) {
		batch[n].id = db_col_int(st, 0);
		snprintf(batch[n].fold, sizeof batch[n].fold, "%s", db_col_text(st, 1));
		snprintf(batch[n].key, sizeof batch[n].key, "%s", db_col_text(st, 2));
		n++;
	}
	db_reset(st);
	int rc = s == DB_ROW || s == DB_DONE ? 0 : -(int)s;
	for (int i = 0; i < n && !rc; i++) {
		DbStatus w = search_index_member(db, batch[i].id, batch[i].fold, batch[i].key, 1);
		if (w != DB_OK)
			rc = -(int)w;
	}
	if (n)
		x->last = batch[n - 1].id;
	x->count = n;
	free(batch);
	return rc;
}

int64_t search_reindex_missing(Db *db)
{
	/* Keyset batches: each continues after the last id seen, so the whole book is read once. */
	Reindex x = {0, 0};
	int64_t total = 0;
	do {
		if (db_tx(db, reindex_tx, &x) != 0)
			return -1;
		total += x.count;
	} while (x.count == BATCH);
	return total;
}
