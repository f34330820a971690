/* Answers kept between requests while the data they were counted from has not changed.
 *
 * Every business change writes audit_log in its own transaction, and writers run one after
 * another on both engines (SQLite's one writer; the advisory lock on PostgreSQL), so the newest
 * audit row's id only grows in commit order: it is a version of all the data. An answer is kept
 * with the version read before it was counted, and given again only while the version is the
 * same. A write by this server or by another sharing the database is therefore in the next
 * answer, as if nothing were kept. What an answer depends on besides the data (the question,
 * today's date, who asks when it matters) goes into its key.
 *
 * Bulk loaders that write without audit rows (the demo) run before a server starts; a restore
 * gives the database a new instance (below), so a server running over it keeps nothing older. */
#ifndef ISHC_CORE_MEMO_H
#define ISHC_CORE_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

enum { MEMO_KEY_MAX = 256, MEMO_VALUE_MAX = 1 << 20 };
#define MEMO_BYTES_MAX (64u << 20)

/* A version of the data: the newest audit row's id in this database (its instance, a random
 * number given when it was made or restored, so that two databases opened by one process, as tests
 * do, never share answers). id < 0: unknown (a store error); nothing is then kept or given. */
typedef struct MemoVersion {
	int64_t id;
	char instance[40];
} MemoVersion;

/* The version as this connection sees it now. Read it before counting, in the same read
 * transaction when there is one: an answer is then never older than its version. */
MemoVersion memo_version(Db *db);
int memo_version_same(const MemoVersion *a, const MemoVersion *b);

/* The answer kept for key at version, copied into out (size bytes, the size it was kept with):
 * 1 when found, 0 not. Keys longer than MEMO_KEY_MAX - 1 are never kept. */
int memo_get(const char *key, const MemoVersion *version, void *out, size_t size);

/* The answer kept for key at version whatever its size (a page's rendered part): a copy the
 * caller frees, with its size; NULL when none (or no memory). */
void *memo_get_copy(const char *key, const MemoVersion *version, size_t *size);

/* Keeps size bytes of value under key at version (replacing what key held; the oldest answer in
 * its set makes room, and the oldest anywhere while all kept exceed MEMO_BYTES_MAX). An unknown
 * version, or a value larger than MEMO_VALUE_MAX, keeps nothing. */
void memo_put(const char *key, const MemoVersion *version, const void *value, size_t size);

/* Forgets everything kept. */
void memo_clear(void);

#endif
