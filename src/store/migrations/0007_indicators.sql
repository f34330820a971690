-- The indicator catalogue of the monthly report, as versioned data (issue 5). Every change an
-- administrator makes (the first load, an indicator added, reworded or retired) is a new catalogue
-- version; each indicator row says from which version it is in force and from which it is not any
-- more, so the catalogue (and the wording) of any version can be read back: a report entered
-- under version N is shown with the indicators of version N.
-- Portable SQL (SQLite 3.40 and PostgreSQL 15); the rules live in core/indicator.c.

CREATE TABLE indicator_versions (
	number INTEGER PRIMARY KEY,           -- 1, 2, 3... given by core, never reused
	made_at TEXT NOT NULL,                -- ISO timestamp (UTC)
	made_by TEXT NOT NULL,                -- username of the administrator ("cli" for the command line)
	change TEXT NOT NULL CHECK (change IN ('load', 'add', 'reword', 'retire')),
	code TEXT,                            -- the indicator changed; NULL for a whole load
	note TEXT NOT NULL DEFAULT ''         -- what changed and why, as the administrator wrote it
);

-- One row per wording of an indicator. A row is in force in version v when
-- from_version <= v AND (until_version IS NULL OR v < until_version). Rewording closes the row
-- and opens a new one with the same code; retiring closes it. Codes are never reused.
CREATE TABLE indicators (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL,
	area TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('count', 'money', 'yesno')),
	source TEXT NOT NULL CHECK (source IN ('entered', 'members', 'ledger')),
	over_time TEXT NOT NULL CHECK (over_time IN ('sum', 'last')),
	label_vi TEXT NOT NULL,
	label_en TEXT NOT NULL,
	definition_en TEXT NOT NULL DEFAULT '',
	definition_vi TEXT NOT NULL DEFAULT '',
	check_rule TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL,            -- order within the catalogue (kept across wordings)
	from_version INTEGER NOT NULL REFERENCES indicator_versions(number),
	until_version INTEGER REFERENCES indicator_versions(number),
	UNIQUE (code, from_version)
);
CREATE INDEX indicators_in_force ON indicators(from_version, until_version, position);
