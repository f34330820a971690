-- The monthly report of a club (issue 5): one per club and month, entered under the catalogue
-- version in force when it was begun. draft -> submitted -> approved, or returned (with a comment)
-- and submitted again; an approved month may be reopened (back to draft) by a higher level with a
-- reason. Values typed by people are stored here, and so are the member figures (source=members),
-- counted from the member book at each save and fixed at submission.
-- Portable SQL (SQLite 3.40 and PostgreSQL 15); the rules live in core/report.c.
-- (This file changed before issue 5 was released: no installation has the earlier form.)

CREATE TABLE reports (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	period TEXT NOT NULL,                 -- 'YYYY-MM'
	catalogue_version INTEGER NOT NULL REFERENCES indicator_versions(number),
	status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
	created_at TEXT NOT NULL,             -- ISO timestamps (UTC) and usernames
	created_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	submitted_at TEXT,
	submitted_by TEXT,
	first_submitted_at TEXT,              -- kept through returns: "on time" is judged on it
	on_time INTEGER NOT NULL DEFAULT 0,   -- 1 when first submitted by the due date
	approved_at TEXT,
	approved_by TEXT,
	approved_level TEXT,                  -- role of who approved: commune | province | central | admin
	note TEXT NOT NULL DEFAULT '',        -- the last comment on a return or reason for a reopen
	note_by TEXT NOT NULL DEFAULT '',
	note_at TEXT,
	source TEXT NOT NULL DEFAULT 'form',  -- form | grid | import | demo | api
	UNIQUE (club_id, period)
);
CREATE INDEX reports_period ON reports(period, status);
-- A commune's or a club's months are read from this index alone (the live totals of communes).
CREATE INDEX reports_club ON reports(club_id, period, status, on_time);

-- One value per indicator of a report: money in đồng, counts, yes/no as 0/1. Clustered on its key
-- so that a report's values sit together (WITHOUT ROWID is SQLite's word for that; the store
-- drops it for an engine that clusters otherwise).
CREATE TABLE report_values (
	report_id INTEGER NOT NULL REFERENCES reports(id),
	code TEXT NOT NULL,
	value BIGINT NOT NULL,
	PRIMARY KEY (report_id, code)
) WITHOUT ROWID;
