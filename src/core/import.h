/* Importing a club's members, or clubs, from the .xlsx and .csv lists communes keep today.
 *
 * Columns are found by their Vietnamese headings, in any order and worded in the usual ways
 * ("Họ và tên", "Họ tên", "Tên thành viên"; "Năm sinh", "Ngày sinh"; "SĐT"...), after any
 * letterhead and title rows, on one heading row or two (merged cells, with "Nam" / "Nữ" under
 * "Năm sinh": the column holding the year says the member's sex). Every row is checked before
 * anything is written; each problem names its row (as Excel numbers it) and column, in
 * Vietnamese and English. A load writes every row or none, in one transaction. A person already
 * on the book of a club of the commune (same name parts and birth year) is "already there" and
 * skipped, so importing the same file twice creates no duplicates.
 *
 * Which rows are data (the rule the preview shows): every row below the heading that has a name,
 * a birth year or date, or a number in the "STT" column. A row without any of those (signature
 * lines, a date line, notes under the table) is not a member and is listed as skipped, never as an
 * error; so is a row whose only text in the name column reads like a footer ("Tổng cộng: 62 thành
 * viên": it has digits or a colon, or starts with "Tổng", "Cộng", "TM.", "Người lập", "Xác nhận")
 * and that has no STT number and no birth year. A row of column numbers ("1", "2", "(3)"...)
 * right under the heading is skipped too.
 *
 * Values: dates as dd/mm/yyyy, yyyy-mm-dd or real Excel date cells; a birth may be a year alone;
 * a joining date given as a year alone is read as 1 January of that year. Marks for yes: x, X,
 * v, ✓, 1, có. A phone number that Excel stored as a number lost its leading 0: nine digits get
 * it back. Names are normalised (NFC, spaces, modern tone placement) by member_check.
 *
 * Reports (past months, one row per club and month; core/report_import.c): columns "Mã CLB", the
 * month ("Tháng" as 2024-01, 01/2024, "Tháng 1/2024" or an Excel date; or "Tháng" and "Năm"
 * apart), an optional "Trạng thái" (nháp / đã nộp / đã duyệt; empty = đã nộp), and one column per
 * indicator, found by its code or its Vietnamese or English label. An empty cell gives no value.
 * Member figures (source=members) are computed from the member book: such a column is ignored,
 * with a warning. Each month goes through report_save_in_tx (the catalogue checks, the balance
 * rule against the month before, in the file or stored); plausibility warnings are shown and do
 * not stop the import. A month already submitted or approved is refused. "Đã duyệt" is imported
 * approved only when the importer may approve; otherwise submitted, with a warning.
 *
 * Training courses and visits (kinds "trainings" and "visits"): core/work_import.c, one row per
 * course or visit, checked by training_check / visit_check; see docs/programme.md. */
#ifndef ISHC_CORE_IMPORT_H
#define ISHC_CORE_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/auth.h"
#include "core/club.h"
#include "core/err.h"
#include "core/indicator.h"
#include "core/member.h"
#include "core/work.h"
#include "store/db.h"

typedef enum ImportKind {
	IMPORT_MEMBERS = 1,
	IMPORT_CLUBS,
	IMPORT_REPORTS,
	IMPORT_PLANS,
	IMPORT_TRAININGS, /* training courses (core/work_import.c) */
	IMPORT_VISITS,    /* monitoring and support visits, each with an optional recommendation */
} ImportKind;

struct ProvincePlan; /* core/programme.h: province plans (kind "plans", core/plan_import.c) */
struct Training;     /* core/work.h: kind "trainings" (core/work_import.c) */
struct ImportVisit;  /* core/work_import.c: kind "visits": the visit and its recommendation */

enum {
	IMPORT_MAX_BYTES = 10 << 20,   /* a larger file is refused (E_TOO_LARGE) */
	IMPORT_MAX_ROWS = 20000,       /* data rows of one file */
	IMPORT_HEADING_SCAN = 30,      /* the heading must be within the first rows read */
	IMPORT_KEEP_DAYS = 7,          /* an upload not committed within this many days loses its file */
};

/* "members" / "clubs" / "reports" / "plans" / "trainings" / "visits"; 0 for anything else. */
const char *import_kind_name(ImportKind k);
ImportKind import_kind_parse(const char *s);

/* One problem. row is the row as the spreadsheet shows it (0 = the whole file); col the 1-based
 * column (0 = none) and col2 a second column at fault (a year under both "Nam" and "Nữ"), or 0.
 * heading is the column's heading as written in the file. vi/en are whole sentences. A warning
 * (reports only: a figure far from last month's, a column ignored) is shown but does not stop
 * the import. */
typedef struct ImportProblem {
	size_t row;
	size_t col, col2;
	const char *field;         /* "full_name", "birth", ... or NULL; a string literal, or (reports)
				    * an indicator code owned by the result */
	char *heading;             /* malloc'd, or NULL */
	char *vi, *en;             /* malloc'd */
	int warning;               /* 1: shown, does not stop the import */
} ImportProblem;

/* Writes where a problem is, in lang: "dòng 30, cột B (Họ và tên)" / "row 30, column B (Họ và
 * tên)"; "cả tệp" / "whole file" for row 0. Returns out. */
char *import_problem_where(const ImportProblem *p, const char *lang, char *out, size_t n);

/* A recognised (or ignored) column. */
typedef struct ImportColumn {
	size_t col;                /* 1-based */
	const char *field;         /* NULL for an ignored column */
	char *heading;             /* as written (top and sub heading joined by " / ") */
} ImportColumn;

/* A cell and a row as read, for the marked copy of the file. */
typedef struct ImportCell {
	char *text;                /* malloc'd; "" when empty */
	unsigned char kind;        /* TableKind */
	unsigned char is_date;
} ImportCell;

typedef struct ImportRawRow {
	size_t row;
	size_t ncells;
	ImportCell *cells;
} ImportRawRow;

/* A club read from a clubs list, checked. */
typedef struct ImportClub {
	int64_t unit_id;
	char unit_code[8];
	char unit_name[128];
	char name[160];
	char village[160];
	char decision_no[64];
	char decision_date[11];
	char founded_on[11];
	char status[12];
	char status_date[11];
	int64_t programme_id;
	char programme_code[24];
	char meeting_place[200];
	char contact_name[128];
	char contact_phone[32];
	char code[16];             /* set when loaded */
} ImportClub;

/* One indicator value of an imported month. */
typedef struct ImportReportValue {
	char code[INDICATOR_CODE_MAX + 1];
	int64_t value;
} ImportReportValue;

/* A club's month read from a reports file, checked. */
typedef struct ImportReport {
	int64_t club_id;
	char club_code[16];
	char club_name[160];
	char period[8];            /* "YYYY-MM" */
	int step;                  /* 0 draft, 1 submitted, 2 approved (report_save_in_tx's step) */
	ImportReportValue *values; /* malloc'd: the values given (empty cells are not given) */
	size_t nvalues;
} ImportReport;

/* A visit read from a visits file, checked, with its optional recommendation. */
typedef struct ImportVisit {
	Visit visit;
	char recommendation[1001]; /* "" when the row gives none */
	char owner_code[8], owner_name[128]; /* "" = the central level */
	char due_date[11];
} ImportVisit;

typedef enum ImportRowStatus {
	IMPORT_ROW_NEW = 0,        /* checked; will be loaded */
	IMPORT_ROW_EXISTING,       /* already on the book (or an existing club): skipped */
	IMPORT_ROW_BAD,            /* has problems */
} ImportRowStatus;

typedef struct ImportItem {
	size_t row;
	ImportRowStatus status;
	int64_t existing_id;       /* the member or club already there */
	Member *member;            /* members: what will be written (malloc'd) */
	ImportClub *club;          /* clubs */
	ImportReport *report;      /* reports */
	struct ProvincePlan *plan; /* plans: the plan as it will be saved (malloc'd) */
	struct Training *training; /* trainings: the course as it will be saved (malloc'd) */
	struct ImportVisit *visit; /* visits: the visit and its recommendation (malloc'd) */
} ImportItem;

typedef struct ImportResult {
	ImportKind kind;
	Club club;                 /* members: the club they join */
	size_t header_row;         /* first heading row (0 when none was found) */
	size_t header_rows;        /* 1 or 2 */
	ImportColumn *columns;     /* recognised, in column order */
	size_t ncolumns;
	ImportColumn *ignored;     /* headings not recognised */
	size_t nignored;
	ImportRawRow *raw;         /* every row read, in order */
	size_t nraw;
	ImportItem *items;         /* data rows */
	size_t nitems;
	size_t *skipped;           /* rows below the heading that are not data */
	size_t nskipped;
	ImportProblem *problems;   /* in row order, file-level ones first */
	size_t nproblems;
	size_t nwarnings;          /* of which warnings: the file may be loaded when nproblems == nwarnings */
	char **owned;              /* strings the columns and problems point to (indicator codes) */
	size_t nowned;
	size_t bad_rows;           /* data rows with at least one problem */
	size_t existing;           /* data rows already there */
	size_t fresh;              /* data rows to load */
	int64_t loaded;            /* after a load: rows written */
} ImportResult;

/* The problems that stop a load (errors, not warnings). */
size_t import_errors(const ImportResult *res);

/* Reads a file (len bytes at data: .xlsx or .csv; name only for its extension and may be NULL)
 * and checks every row, for members of club_id (ignored for clubs and reports). Nothing is
 * written (reports are tried in a transaction that is rolled back, so the preview runs the very
 * checks of the commit). Returns 0 with res filled — import_errors(res) says whether it may be
 * loaded; a file that cannot be read as a table, or is empty, is a problem of row 0 — or -1 with
 * e when the actor may not import this at all: E_FORBIDDEN (viewers, central for members and
 * reports, club role for clubs),
 * E_NOT_FOUND (club absent or outside the scope), E_CLUB_NOT_ACTIVE (dissolved), E_TOO_LARGE
 * (over IMPORT_MAX_BYTES), E_INTERNAL. Free res with import_result_free in every case. */
int import_check(Db *db, const Actor *by, ImportKind kind, int64_t club_id, const void *data, size_t len,
		 const char *name, ImportResult *res, Err *e);

/* import_check, then, when no problem was found, writes every new row in one transaction, each
 * with its audit record, plus one audit record for the import. Returns 0 (res->loaded rows
 * written, res->existing skipped) or -1 with e: E_INVALID when res lists problems (nothing was
 * written), the errors of import_check, or a store error. */
int import_load(Db *db, const Actor *by, ImportKind kind, int64_t club_id, const void *data, size_t len,
		const char *name, ImportResult *res, Err *e);

void import_result_free(ImportResult *res);

/* Reads a whole uploaded file (a temporary file of the request) into memory: malloc'd bytes the
 * caller frees, *len set; NULL with e: E_TOO_LARGE over IMPORT_MAX_BYTES, E_INTERNAL. */
unsigned char *import_read_file(const char *path, size_t *len, Err *e);

/* Writes the file as read to an .xlsx at path (libxlsxwriter), rows at their original numbers,
 * with every bad cell filled red and carrying a comment with its message, a last column with
 * each row's messages, and a second sheet listing every problem; texts in lang. 0, or -1 with a
 * reason in err. */
int import_problems_xlsx(const ImportResult *res, const char *lang, const char *path, char *err, size_t errlen);

/* ---- uploads kept between the preview and the commit ---- */

typedef struct ImportUpload {
	int64_t id;
	ImportKind kind;
	int64_t user_id;
	int64_t club_id;           /* 0 for clubs */
	char filename[200];
	char status[12];           /* "previewed" or "committed" */
	int64_t size;
	int64_t rows, problems, loaded, existing;
	char created_at[21];
	char committed_at[21];
	unsigned char *data;       /* the file (malloc'd); NULL once committed or expired */
	size_t len;
} ImportUpload;

/* Keeps an uploaded file (already checked into res) for its preview and commit; the uploader is
 * by. Files of uploads left uncommitted for IMPORT_KEEP_DAYS are dropped on the way (their rows
 * stay, with data NULL). Returns the id, or -1 with e. */
int64_t import_save(Db *db, const Actor *by, ImportKind kind, int64_t club_id, const char *filename, const void *data,
		    size_t len, const ImportResult *res, Err *e);

/* Fills u with upload id when by uploaded it or is an administrator: 1; 0 when not found or not
 * theirs (the two look the same); -1 store error. Free with import_upload_free. */
int import_get(Db *db, const Actor *by, int64_t id, ImportUpload *u);
void import_upload_free(ImportUpload *u);

/* Checks the kept file again (the book may have changed since the preview) and loads it like
 * import_load, marking the upload committed in the same transaction (its bytes are dropped) and
 * auditing it. Returns 0 when loaded, 1 when it had been committed already (nothing done), -1
 * with e: E_NOT_FOUND (also for an expired upload, with a detail saying so), E_INVALID (res lists
 * the problems), or the errors of import_load. */
int import_commit(Db *db, const Actor *by, int64_t id, ImportResult *res, Err *e);

#endif
