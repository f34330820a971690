/* Finding people by name across the whole country in milliseconds: an index of the words of
 * folded names with the name order key (migration 0005), and the choice of the word that drives a
 * search. */
#ifndef ISHC_CORE_SEARCH_H
#define ISHC_CORE_SEARCH_H

#include <stdint.h>

#include "store/db.h"

/* Replaces the index rows of a member with one row per distinct word of its folded full name when
 * on_book (a member who left has no rows: the index serves searches of today's books). Inside the
 * caller's transaction. Returns DB_OK or a store status. */
DbStatus search_index_member(Db *db, int64_t member_id, const char *name_fold, const char *name_key, int on_book);

/* The word of a folded query that drives the search: the last one (people type the family name
 * first and the given name last, and given names tell people apart best). Copied into out;
 * "" when q has no word. */
void search_driver(const char *qfold, char out[64]);

/* Searches count their matches up to this many; more is reported as "more than". */
enum { SEARCH_COUNT_CAP = 500 };

/* Builds the index for every member on the book that has none (after the migration, or a restore from an
 * older backup). Returns the number of members indexed, or -1. */
int64_t search_reindex_missing(Db *db);

#endif
