-- Files uploaded for import, kept between the preview and the commit (across restarts and, later,
-- across several servers sharing one PostgreSQL database). Only the uploader and administrators
-- see one. The file's bytes are dropped once it is committed: the members are then in the book,
-- and a second copy of their personal data would serve nobody.
CREATE TABLE imports (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('members', 'clubs')),
	user_id INTEGER NOT NULL REFERENCES users(id),
	club_id INTEGER REFERENCES clubs(id),
	filename TEXT NOT NULL,
	size BIGINT NOT NULL,
	sha256 TEXT NOT NULL,
	-- The file as base64 text until the store binds blobs (then a BLOB / bytea column).
	data TEXT,
	status TEXT NOT NULL CHECK (status IN ('previewed', 'committed')),
	rows_total INTEGER NOT NULL DEFAULT 0,
	problems INTEGER NOT NULL DEFAULT 0,
	loaded INTEGER NOT NULL DEFAULT 0,
	existing INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	committed_at TEXT
);
CREATE INDEX imports_user ON imports(user_id, id);
