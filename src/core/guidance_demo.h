/* The demo's documents of direction and guidance (core/guidance_demo.c), called by `ishc demo`. */
#ifndef ISHC_CORE_GUIDANCE_DEMO_H
#define ISHC_CORE_GUIDANCE_DEMO_H

#include "core/auth.h"
#include "core/err.h"
#include "store/db.h"

/* Records the central level's and a few provinces' documents from 2021 on. 0, or -1 with e. */
int guidance_demo_load(Db *db, const Actor *by, Err *e);

#endif
