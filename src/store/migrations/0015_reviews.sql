-- The annual review report (issue 9): the "tasks for next year" text a unit writes for a
-- programme's year, and the .docx templates an administrator (for the country) or a province (for
-- its own unit) uploads in place of the built-in one. Portable SQL (SQLite 3.40 and PostgreSQL
-- 15); the rules live in core/review.c. unit_id 0 = the country (no row of units).

CREATE TABLE review_tasks (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programmes(id),
	year INTEGER NOT NULL,
	unit_id INTEGER NOT NULL,                  -- 0 = the country, else a province of today
	text TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	UNIQUE (programme_id, year, unit_id)
);

CREATE TABLE review_templates (
	id INTEGER PRIMARY KEY,
	unit_id INTEGER NOT NULL UNIQUE,           -- 0 = the country's (and the default of every unit)
	filename TEXT NOT NULL,
	size INTEGER NOT NULL,
	data_b64 TEXT NOT NULL,                    -- the .docx, base64 like the other kept uploads
	uploaded_at TEXT NOT NULL,
	uploaded_by TEXT NOT NULL
);
