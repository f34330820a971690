-- Administrative units as versioned reference data: a unit is (code, validity), with a parent for
-- that period and links to the units it became. Dates are ISO text; valid_to is inclusive, NULL
-- while in force.
CREATE TABLE units (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL,
	level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
	kind TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	name_key TEXT NOT NULL,
	parent_id INTEGER REFERENCES units(id),
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	source TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX units_code_from ON units(code, valid_from);
CREATE INDEX units_parent ON units(parent_id, name_key);
CREATE INDEX units_level ON units(level, name_key);
CREATE INDEX units_fold ON units(name_fold);

-- from_id became (or was absorbed into) to_id. One successor per unit: a unit mapped twice is
-- refused by the importer before it gets here.
CREATE TABLE unit_links (
	from_id INTEGER PRIMARY KEY REFERENCES units(id),
	to_id INTEGER NOT NULL REFERENCES units(id),
	how TEXT NOT NULL CHECK (how IN ('continued', 'merged', 'kept_code', 'mapped'))
);
CREATE INDEX unit_links_to ON unit_links(to_id);

-- For each unit, every unit whose totals include it: itself, its parents in its own time, and the
-- units of later times that carry its history (through unit_links). Rebuilt by core whenever units
-- or links change; scope checks and roll-ups join on it.
CREATE TABLE unit_reach (
	ancestor_id INTEGER NOT NULL REFERENCES units(id),
	unit_id INTEGER NOT NULL REFERENCES units(id),
	PRIMARY KEY (ancestor_id, unit_id)
);
CREATE INDEX unit_reach_unit ON unit_reach(unit_id, ancestor_id);
