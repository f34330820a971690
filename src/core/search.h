/* Finding people by name across the whole country in milliseconds: an index of word-start
 * suffixes of folded names (see migration 0005), and the query plan that uses it. */
#ifndef ISHC_CORE_SEARCH_H
#define ISHC_CORE_SEARCH_H

#include <stdint.h>

#include "store/db.h"

/* Above this many candidates a search is answered by walking the name order instead (a common
 * query: results are plentiful, so the first page comes quickly) and the total is reported as
 * "more than" this number. */
enum { SEARCH_CANDIDATES_MAX = 2000 };

/* Replaces the index rows of a member with those of its folded full name. Inside the caller's
 * transaction. Returns DB_OK or a store status. */
DbStatus search_index_member(Db *db, int64_t member_id, const char *name_fold);

/* The range [lo, hi) of index words matching the folded query q as a prefix: lo = q, hi = q with
 * its last byte raised. Returns 0, or -1 when q is empty. */
int search_range(const char *q, char lo[256], char hi[256]);

/* How many members match q (folded), up to SEARCH_CANDIDATES_MAX + 1. -1 on error. */
int64_t search_count_candidates(Db *db, const char *qfold);

/* Builds the index for every member that has none (after the migration, or a restore from an
 * older backup). Returns the number of members indexed, or -1. */
int64_t search_reindex_missing(Db *db);

#endif
