/* The audit log: every change to business data writes a record in the same transaction
 * (who, when, what, before, after). Records are never changed or deleted. */
#ifndef ISHC_CORE_AUDIT_H
#define ISHC_CORE_AUDIT_H

#include <stdint.h>

#include <jansson.h>

#include "core/auth.h"
#include "store/db.h"

/* Writes one record inside the caller's transaction. before and after are JSON objects (or
 * NULL); they are not stolen. Returns DB_OK or a store error, which the caller must treat as a
 * failed transaction. */
DbStatus audit_write(Db *db, const Actor *who, const char *action, const char *entity,
		     const char *entity_id, json_t *before, json_t *after);

typedef struct AuditRow {
	int64_t id;
	const char *at;
	const char *username;
	const char *action;
	const char *entity;
	const char *entity_id;
	const char *before_json;
	const char *after_json;
	const char *ip;
} AuditRow;

/* Calls fn for each record of entity/entity_id (both NULL = all records), newest first, skipping
 * offset and at most limit rows. Strings are valid during the call only. Returns the total
 * number of matching records, or -1 on a store error. */
int64_t audit_list(Db *db, const char *entity, const char *entity_id, int64_t offset, int64_t limit,
		   void (*fn)(const AuditRow *row, void *arg), void *arg);

#endif
