-- Documents of direction and guidance (issue 9, the annual review's section I: "văn bản chỉ đạo,
-- hướng dẫn"): the guidance, plans, decisions and official letters the central level or a
-- province association issues, by number and date. Portable SQL (SQLite 3.40 and PostgreSQL 15);
-- the rules live in core/guidance.c.
-- unit_id NULL is the central level (Trung ương Hội), as in resources; else the province that
-- issued it (a unit of the document's date). programme_id NULL: not tied to a programme.
-- year is the year of issued_on, kept so that one number is unique per issuing unit and year.
CREATE TABLE guidance_documents (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER REFERENCES programmes(id),
	unit_id INTEGER REFERENCES units(id),
	number TEXT NOT NULL,
	issued_on TEXT NOT NULL,
	year INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('guidance', 'plan', 'decision', 'official_letter', 'other')),
	title TEXT NOT NULL,
	issuer TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX guidance_documents_number ON guidance_documents((COALESCE(unit_id, 0)), number, year);
CREATE INDEX guidance_documents_issued ON guidance_documents(issued_on, unit_id);
