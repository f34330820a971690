/* Schema migrations: numbered .sql files compiled into the binary (store/migrations/). */
#ifndef ISHC_STORE_MIGRATE_H
#define ISHC_STORE_MIGRATE_H

#include <stddef.h>

#include "store/db.h"

/* Number of the newest migration this binary knows. */
int migrate_latest(void);

/* The schema version recorded in db (0 for an empty database), or -1 on error. */
int migrate_version(Db *db);

/* Applies every migration newer than the database's version, each in its own transaction.
 * Refuses (returns -1, reason in err) a database newer than this binary. Returns the number of
 * migrations applied. Gives the database its instance the first time (settings 'instance': a
 * random name told apart from every other database's, which answers kept in memory are tied to:
 * see core/memo.h). */
int migrate_up(Db *db, char *err, size_t errlen);

/* A new instance, after the data was replaced under the same name (a restore). 0 or -1. */
int migrate_new_instance(Db *db);

#endif
