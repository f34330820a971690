/* The demo's programme work (core/work_demo.c), called by `ishc demo` after the clubs and users. */
#ifndef ISHC_CORE_WORK_DEMO_H
#define ISHC_CORE_WORK_DEMO_H

#include <stdint.h>

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

/* Loads trainings, materials, visits with follow-ups, the 2025 assessments of two provinces'
 * clubs, commendations and a published story. 0, or -1 with e. */
int work_demo_load(Db *db, const Actor *by, uint64_t seed, Err *e);

#endif
