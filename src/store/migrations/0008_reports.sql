-- The monthly report of a club (issue 5): one per club and month, entered under the catalogue
-- version in force when it was begun, a draft until submitted. Values of the indicators typed
-- by people are stored here; those computed from the member book (source=members) are not typed.
-- Portable SQL (SQLite 3.40 and PostgreSQL 15); the rules live in core/report.c.

CREATE TABLE reports (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	period TEXT NOT NULL,                 -- 'YYYY-MM'
	catalogue_version INTEGER NOT NULL REFERENCES indicator_versions(number),
	status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
	created_at TEXT NOT NULL,             -- ISO timestamps (UTC) and usernames
	created_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	submitted_at TEXT,
	submitted_by TEXT,
	UNIQUE (club_id, period)
);
CREATE INDEX reports_period ON reports(period, status);

-- One value per indicator of a report: money in đồng, counts, yes/no as 0/1.
CREATE TABLE report_values (
	report_id INTEGER NOT NULL REFERENCES reports(id),
	code TEXT NOT NULL,
	value BIGINT NOT NULL,
	PRIMARY KEY (report_id, code)
);
