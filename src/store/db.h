/* The store: one module between the program and its database. SQL text handed to it uses
 * PostgreSQL-style `$1` parameters (rewritten for SQLite here), so core SQL stays portable
 * (DESIGN.md §3). One connection per thread; statements are prepared once per connection and
 * cached by name. */
#ifndef ISHC_STORE_DB_H
#define ISHC_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

typedef struct Db Db;
typedef struct Stmt Stmt;

/* Result of a store call. DB_OK = 0. */
typedef enum DbStatus {
	DB_OK = 0,
	DB_ROW,          /* db_step: a row is ready */
	DB_DONE,         /* db_step: no more rows */
	DB_BUSY,         /* the database stayed locked after the retries */
	DB_CONSTRAINT,   /* a UNIQUE / CHECK / FOREIGN KEY constraint refused the change */
	DB_FULL,         /* disk full */
	DB_ERROR,        /* anything else: our bug or a broken file; logged with the SQL */
} DbStatus;

enum { DB_OPEN_CREATE = 1, DB_OPEN_READONLY = 2 };

/* Opens the database at path (flags: DB_OPEN_CREATE creates it when missing) with the project's
 * settings: WAL, synchronous=FULL, foreign keys, busy timeout, cache and mmap sizes. With
 * DB_OPEN_READONLY nothing in the file is changed, its journal mode included (for checking a
 * backup). Returns NULL and writes a one-line reason into err (size errlen) when it cannot. */
Db *db_open(const char *path, int flags, char *err, size_t errlen);

/* 1 if path names a database server's database (a postgresql:// URL) rather than a file. */
int db_is_server(const char *path);

/* 1 if a table called name exists, 0 if not, -1 on error. */
int db_table_exists(Db *db, const char *name);
void db_close(Db *db);
const char *db_path(const Db *db);

/* The calling thread's own connection to path, opened on first use and closed at thread exit
 * (or by db_thread_close). Used by the server's worker threads. NULL as db_open. */
Db *db_thread(const char *path, char *err, size_t errlen);
void db_thread_close(void);

/* Returns the statement called name, preparing sql on first use on this connection. name must
 * be a string literal (the cache keys on it). Parameters are $1..$N. The statement is reset and
 * its bindings cleared before it is returned. NULL on a preparation error (our bug: logged). */
Stmt *db_stmt(Db *db, const char *name, const char *sql);

void db_bind_int(Stmt *st, int i, int64_t v);
void db_bind_text(Stmt *st, int i, const char *s);    /* s NULL binds NULL */
void db_bind_null(Stmt *st, int i);

/* Steps st: DB_ROW, DB_DONE, or an error status (st is reset on error). */
DbStatus db_step(Stmt *st);

/* Runs st to completion (for INSERT/UPDATE/DELETE): DB_OK or an error. */
DbStatus db_exec_stmt(Stmt *st);

/* Column accessors for the current row; text is valid until the next step or reset. NULL
 * columns read as 0 / NULL. */
int64_t db_col_int(Stmt *st, int i);
const char *db_col_text(Stmt *st, int i);
int db_col_is_null(Stmt *st, int i);
/* Number of columns of the current result. */
int db_col_count(Stmt *st);

/* Resets st for reuse (done automatically by db_stmt). */
void db_reset(Stmt *st);

/* Rows changed by the last INSERT/UPDATE/DELETE, and the id of the last INSERT. */
int64_t db_changes(Db *db);
int64_t db_last_id(Db *db);

/* Runs fn(db, arg) in one write transaction: BEGIN IMMEDIATE, then COMMIT if fn returns 0 or
 * ROLLBACK otherwise; fn's non-zero return is passed back. When the database is busy (at BEGIN
 * or COMMIT, or DB_BUSY from fn), the whole transaction is retried a bounded number of times with
 * growing pauses; after that it returns -DB_BUSY. fn must therefore not have side effects
 * outside the database. Returns 0 when committed. */
int db_tx(Db *db, int (*fn)(Db *db, void *arg), void *arg);

/* Runs fn inside a read transaction (a consistent snapshot across several queries). */
int db_read(Db *db, int (*fn)(Db *db, void *arg), void *arg);

/* 1 while a transaction is open on this connection (db_tx's or db_read's), else 0. */
int db_in_tx(Db *db);

/* Runs several statements of trusted SQL text (migrations only). DB_OK or DB_ERROR with the
 * database's message in err. */
DbStatus db_exec_script(Db *db, const char *sql, char *err, size_t errlen);

/* The database's last error message on this connection. */
const char *db_errmsg(Db *db);

/* Integrity: runs the engine's own integrity and foreign-key checks; returns the number of
 * problems found, each reported through report(line, arg). */
int db_integrity(Db *db, void (*report)(const char *line, void *arg), void *arg);

/* Copies the whole database to a new file at dest (which must not exist), consistently, while
 * other connections keep writing. 0 or -1 with a reason in err. */
int db_backup(Db *db, const char *dest, char *err, size_t errlen);

/* Replaces the contents of db with the database file src (checked first by the caller). */
int db_restore_from(Db *db, const char *src, char *err, size_t errlen);

/* Copies every row of every table of the SQLite database from into to, whose schema is already
 * made (by the same migrations) and holds no data of its own but what the migrations seed (which
 * is replaced). In one transaction on to: all or nothing. Then compares each table's row count
 * and a checksum of its numbers on both sides. progress(table, rows, arg) is called per table.
 * 0, or -1 with a reason in err. */
int db_copy_all(Db *from, Db *to, void (*progress)(const char *table, int64_t rows, void *arg), void *arg,
		char *err, size_t errlen);

/* 1 when the database holds any table at all (a target for a copy must not), 0 not, -1 error. */
int db_has_tables(Db *db);

/* The database engine and its version, e.g. "SQLite 3.40.1". */
const char *db_engine(void);

/* Current time as ISO "YYYY-MM-DDTHH:MM:SSZ" (UTC) and as Unix seconds; tests may pin the clock
 * with ISHC_NOW=<unix seconds>. */
int64_t db_now(void);
void db_now_iso(char out[21]);

#endif
