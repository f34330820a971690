/* Import commands: a club's members, clubs, or past months' reports from .xlsx or .csv — every row
 * checked, then all loaded or none. Problems go to standard output one a line, in Vietnamese then
 * English (warnings marked as such). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cmd.h"
#include "core/club.h"
#include "core/import.h"
#include "core/user.h"

/* Reads a whole file; NULL after printing why. */
static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		cli_fail("%s: cannot open the file", path);
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		cli_fail("%s: not a regular file", path);
		return NULL;
	}
	if (st.st_size > IMPORT_MAX_BYTES) {
		fclose(f);
		cli_fail("%s: tệp lớn hơn %d MB / the file is larger than %d MB", path, IMPORT_MAX_BYTES >> 20,
			 IMPORT_MAX_BYTES >> 20);
		return NULL;
	}
	unsigned char *data = malloc((size_t)st.st_size + 1);
	*len = data ? fread(data, 1, (size_t)st.st_size, f) : 0;
	int bad = !data || ferror(f) || *len != (size_t)st.st_size;
	fclose(f);
	if (bad) {
		free(data);
		cli_fail("%s: cannot read the file", path);
		return NULL;
	}
	return data;
}

static void print_problems(const ImportResult *res)
{
	for (size_t i = 0; i < res->nproblems; i++) {
		const ImportProblem *p = &res->problems[i];
		char vi[160], en[160];
		import_problem_where(p, "vi", vi, sizeof vi);
		import_problem_where(p, "en", en, sizeof en);
		printf("%s%s: %s / %s%s: %s\n", p->warning ? "cảnh báo, " : "", vi, p->vi, p->warning ? "warning, " : "", en,
		       p->en);
	}
}

static int run_import(const Command *c, Opts *o, ImportKind kind)
{
	const char *dbpath = opt_required(c, o, "db");
	const char *code = dbpath && kind == IMPORT_MEMBERS ? opt_required(c, o, "club") : "";
	const char *file = code ? opt_required(c, o, "file") : NULL;
	if (!file)
		return EXIT_USAGE;
	const char *out = opt(o, "problems");
	/* Reports are checked only unless --commit is given; members and clubs load unless --preview. */
	int preview = kind == IMPORT_REPORTS ? opt(o, "commit") == NULL : opt(o, "preview") != NULL;
	const char *as = kind == IMPORT_REPORTS ? opt(o, "as") : NULL;
	size_t len = 0;
	unsigned char *data = read_file(file, &len);
	if (!data)
		return EXIT_FAIL;
	Db *db = cli_open(dbpath);
	if (!db) {
		free(data);
		return EXIT_FAIL;
	}
	Actor by = cli_actor();
	if (as) {
		/* Import as that user would from the pages: their role, scope and rights. */
		User u;
		int have = user_get_by_name(db, as, &u);
		if (have <= 0 || u.disabled) {
			db_close(db);
			free(data);
			return have < 0 ? cli_fail("%s: cannot read the database", dbpath)
					: cli_fail("không có người dùng %s / there is no active user %s", as, as);
		}
		by.user_id = u.id;
		by.role = u.role;
		snprintf(by.username, sizeof by.username, "%s", u.username);
		snprintf(by.full_name, sizeof by.full_name, "%s", u.full_name);
		snprintf(by.scope, sizeof by.scope, "%s", u.scope);
	}
	int rc = EXIT_FAIL;
	Club club = {0};
	if (kind == IMPORT_MEMBERS) {
		int have = club_get_by_code(db, &by, code, &club);
		if (have <= 0) {
			db_close(db);
			free(data);
			return have < 0 ? cli_fail("%s: cannot read the database", dbpath)
					: cli_fail("không có CLB mã %s / there is no club with code %s", code, code);
		}
	}
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	ImportResult res;
	Err e = {0};
	int r = preview ? import_check(db, &by, kind, club.id, data, len, base, &res, &e)
			: import_load(db, &by, kind, club.id, data, len, base, &res, &e);
	if (r != 0 && !import_errors(&res)) {
		print_problems(&res);
		rc = cli_fail_err(&e);
	} else {
		print_problems(&res);
		const char *what_vi = kind == IMPORT_MEMBERS ? "thành viên" : kind == IMPORT_CLUBS ? "CLB" : "báo cáo tháng";
		const char *what_en = kind == IMPORT_MEMBERS ? "members" : kind == IMPORT_CLUBS ? "clubs" : "monthly reports";
		size_t errors = import_errors(&res);
		if (errors) {
			fprintf(stderr, "ishc: %s: %zu lỗi, chưa nhập gì / %zu problems, nothing was loaded\n", file, errors,
				errors);
		} else if (preview && kind == IMPORT_REPORTS) {
			printf("%s: %zu dòng hợp lệ, %zu cảnh báo; thêm --commit để nhập / %zu rows valid, %zu warnings; add --commit to "
			       "load them\n",
			       file, res.nitems, res.nwarnings, res.nitems, res.nwarnings);
			rc = EXIT_OK;
		} else if (preview) {
			printf("%s: %zu dòng hợp lệ: %zu %s mới, %zu đã có / %zu rows valid: %zu new %s, %zu already there\n", file,
			       res.nitems, res.fresh, what_vi, res.existing, res.nitems, res.fresh, what_en, res.existing);
			rc = EXIT_OK;
		} else {
			printf("%s: đã nhập %lld %s, %zu đã có nên bỏ qua / loaded %lld %s, %zu already there and skipped\n", file,
			       (long long)res.loaded, what_vi, res.existing, (long long)res.loaded, what_en, res.existing);
			rc = EXIT_OK;
		}
		if (out) {
			char err[200];
			if (import_problems_xlsx(&res, "vi", out, err, sizeof err) != 0)
				rc = cli_fail("%s: %s", out, err);
		}
	}
	import_result_free(&res);
	db_close(db);
	free(data);
	return rc;
}

int cmd_import_members(const Command *c, Opts *o)
{
	return run_import(c, o, IMPORT_MEMBERS);
}

int cmd_import_clubs(const Command *c, Opts *o)
{
	return run_import(c, o, IMPORT_CLUBS);
}

int cmd_import_reports(const Command *c, Opts *o)
{
	return run_import(c, o, IMPORT_REPORTS);
}
