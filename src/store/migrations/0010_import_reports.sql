-- Past months' reports are imported from .xlsx/.csv like members and clubs (issue 5): the kept
-- uploads take the kind 'reports'. A CHECK constraint cannot be widened in place in SQLite, so the
-- table is copied into a new one with the wider rule (nothing references imports).
CREATE TABLE imports_new (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('members', 'clubs', 'reports')),
	user_id INTEGER NOT NULL REFERENCES users(id),
	club_id INTEGER REFERENCES clubs(id),
	filename TEXT NOT NULL,
	size BIGINT NOT NULL,
	sha256 TEXT NOT NULL,
	data TEXT,
	status TEXT NOT NULL CHECK (status IN ('previewed', 'committed')),
	rows_total INTEGER NOT NULL DEFAULT 0,
	problems INTEGER NOT NULL DEFAULT 0,
	loaded INTEGER NOT NULL DEFAULT 0,
	existing INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	committed_at TEXT
);
INSERT INTO imports_new (id, kind, user_id, club_id, filename, size, sha256, data, status, rows_total, problems, loaded,
	existing, created_at, committed_at)
	SELECT id, kind, user_id, club_id, filename, size, sha256, data, status, rows_total, problems, loaded, existing,
	created_at, committed_at FROM imports;
DROP TABLE imports;
ALTER TABLE imports_new RENAME TO imports;
CREATE INDEX imports_user ON imports(user_id, id);
