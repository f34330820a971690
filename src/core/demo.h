/* The demo country loaded by `ishc demo`: one user per role, with printed log-ins. */
#ifndef ISHC_CORE_DEMO_H
#define ISHC_CORE_DEMO_H

#include "core/err.h"
#include "store/db.h"

typedef struct DemoLogin {
	const char *username;
	const char *password;
	const char *role;
	const char *scope;      /* NULL for national roles */
	const char *full_name;
} DemoLogin;

/* The demo log-ins, ended by a row with a NULL username. */
extern const DemoLogin demo_logins[];

/* Loads the demo data into a freshly migrated database. 0, or -1 with e set. */
int demo_load(Db *db, Err *e);

#endif
