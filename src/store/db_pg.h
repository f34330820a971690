/* The PostgreSQL side of the store, used by db.c when --db is a postgresql:// URL. Internal to
 * store/: nothing outside it includes this. */
#ifndef ISHC_STORE_DB_PG_H
#define ISHC_STORE_DB_PG_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

typedef struct PgDb PgDb;
typedef struct PgStmt PgStmt;

/* 1 if path names a PostgreSQL database (postgresql:// or postgres://). */
int pg_is_url(const char *path);

PgDb *pg_open(const char *url, int readonly, char *err, size_t errlen);
void pg_close(PgDb *db);

/* Prepares sql (with $N parameters) on the connection under a name of its own. NULL on error
 * (logged with name). */
PgStmt *pg_prepare(PgDb *db, const char *name, const char *sql);
void pg_stmt_free(PgStmt *st);
void pg_reset(PgStmt *st);
/* Sets every parameter back to NULL. */
void pg_clear_bindings(PgStmt *st);
void pg_bind_int(PgStmt *st, int i, int64_t v);
void pg_bind_text(PgStmt *st, int i, const char *s);
DbStatus pg_step(PgStmt *st);
int64_t pg_col_int(PgStmt *st, int i);
const char *pg_col_text(PgStmt *st, int i);
int pg_col_is_null(PgStmt *st, int i);
int pg_col_count(PgStmt *st);

int64_t pg_changes(PgDb *db);
int64_t pg_last_id(PgDb *db);
const char *pg_errmsg(PgDb *db);

/* Runs plain SQL without parameters (BEGIN, COMMIT, ROLLBACK...). */
DbStatus pg_plain(PgDb *db, const char *sql);
/* 1 while a transaction is open on the connection. */
int pg_in_tx(PgDb *db);
/* Begins a write transaction that holds the store's one write lock, so that writers follow one
 * another as they do on SQLite (see docs/deployment.md). */
DbStatus pg_begin_write(PgDb *db);

/* Migration text, written for SQLite and PostgreSQL alike, run with the few words that differ
 * translated (INTEGER PRIMARY KEY -> identity, INTEGER -> BIGINT, TEXT -> byte-ordered TEXT,
 * WITHOUT ROWID dropped); identity sequences are then moved past the ids present. */
DbStatus pg_exec_script(PgDb *db, const char *sql, char *err, size_t errlen);
int pg_table_exists(PgDb *db, const char *name);
const char *pg_engine(PgDb *db);

#endif
