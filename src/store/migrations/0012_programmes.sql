-- Running the programmes (issue 8, "Programmes and targets", "Province plans and money"): the
-- targets of a programme, national and per province, per year or for the whole period, revised
-- with a date and a reason; each province's plan for a programme; the money and goods mobilised
-- (resources) by unit and year; the places and clubs a donor project covers. Donor projects are
-- rows of programmes (kind 'donor'), so a club founded under one names it as its programme.

-- One row per version of a target. A revision adds a row and points the one it replaces at it
-- (superseded_by): the row with superseded_by NULL is the target in force, the others its history.
-- unit_id 0 is the country (no foreign key: there is no unit 0), else a province of the
-- programme's geography (the provinces in force on its start date). year 0 is the whole period.
-- value: a count (clubs, members) or a share in per mille (950 = 95%), as measure says.
CREATE TABLE programme_targets (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programmes(id),
	unit_id INTEGER NOT NULL DEFAULT 0,
	year INTEGER NOT NULL DEFAULT 0,
	measure TEXT NOT NULL CHECK (measure IN ('new_clubs', 'members', 'older_members', 'province_share',
		'well_managed_share', 'borrowing_share', 'both_funds_share')),
	value INTEGER NOT NULL CHECK (value >= 0),
	decided_on TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	superseded_by INTEGER REFERENCES programme_targets(id),
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX programme_targets_key ON programme_targets(programme_id, unit_id, year, measure);
CREATE UNIQUE INDEX programme_targets_in_force ON programme_targets(programme_id, unit_id, year, measure)
	WHERE superseded_by IS NULL;

-- A province's plan for a programme: one per programme and province (of the programme's
-- geography). Money in đồng; flags 1/0.
CREATE TABLE province_plans (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programmes(id),
	unit_id INTEGER NOT NULL REFERENCES units(id),
	issued INTEGER NOT NULL DEFAULT 0,
	doc_no TEXT NOT NULL DEFAULT '',
	issued_on TEXT,
	clubs_registered INTEGER,
	budget_vnd INTEGER,
	budget_decision TEXT NOT NULL DEFAULT '',
	budget_date TEXT,
	finance_mechanism INTEGER NOT NULL DEFAULT 0,
	mobilisation_policy INTEGER NOT NULL DEFAULT 0,
	obstacles TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (programme_id, unit_id)
);

-- Money or goods mobilised for the clubs, by the unit that received it (NULL: the central level)
-- and year. source: state budget (central, province, commune), a donor project, a business, an
-- individual, the members' own contributions. form: cash or in kind (valued in đồng).
CREATE TABLE resources (
	id INTEGER PRIMARY KEY,
	unit_id INTEGER REFERENCES units(id),
	year INTEGER NOT NULL,
	source TEXT NOT NULL CHECK (source IN ('state_central', 'state_province', 'state_commune', 'donor', 'business',
		'individual', 'members')),
	form TEXT NOT NULL CHECK (form IN ('cash', 'in_kind')),
	value_vnd INTEGER NOT NULL CHECK (value_vnd >= 0),
	programme_id INTEGER REFERENCES programmes(id),
	description TEXT NOT NULL DEFAULT '',
	received_on TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX resources_year ON resources(year, unit_id);

-- The provinces and communes a donor project covers, and the clubs it supports (besides the
-- clubs founded under it, which name it as their programme).
CREATE TABLE donor_project_units (
	programme_id INTEGER NOT NULL REFERENCES programmes(id),
	unit_id INTEGER NOT NULL REFERENCES units(id),
	PRIMARY KEY (programme_id, unit_id)
);
CREATE TABLE donor_project_clubs (
	programme_id INTEGER NOT NULL REFERENCES programmes(id),
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	PRIMARY KEY (programme_id, club_id)
);

-- The national targets the decisions set (DESIGN.md §1). Đề án 1336 (Decision 1336/QĐ-TTg of
-- 31/8/2020): clubs in at least 95% of provinces; at least 3,000 new clubs with 150,000 members, more
-- than 100,000 of them older; at least half of members borrowing; every club holding both funds;
-- at least 70% of clubs well managed. Đề án 1648: at least 6,000 new clubs by 2030 and 12,000 by
-- 2035 (its decision's date is not in the shared material: left for the central level to enter).
INSERT INTO programme_targets (programme_id, unit_id, year, measure, value, decided_on, reason, created_at, created_by)
	SELECT id, 0, 0, 'new_clubs', 3000, '2020-08-31', 'Quyết định 1336/QĐ-TTg', '2020-08-31T00:00:00Z', 'init'
	FROM programmes WHERE code = 'DA1336';
INSERT INTO programme_targets (programme_id, unit_id, year, measure, value, decided_on, reason, created_at, created_by)
	SELECT id, 0, 0, 'members', 150000, '2020-08-31', 'Quyết định 1336/QĐ-TTg', '2020-08-31T00:00:00Z', 'init'
	FROM programmes WHERE code = 'DA1336';
INSERT INTO programme_targets (programme_id, unit_id, year, measure, value, decided_on, reason, created_at, created_by)
	SELECT id, 0, 0, 'older_members', 100000, '2020-08-31', 'Quyết định 1336/QĐ-TTg', '2020-08-31T00:00:00Z', 'init'
	FROM programmes WHERE code = 'DA1336';
INSERT INTO programme_targets (programme_id, unit_id, year, measure, value, decided_on, reason, created_at, created_by)
	SELECT id, 0, 0, 'province_share', 950, '2020-08-31', 'Quyết định 1336/QĐ-TTg', '2020-08-31T00:00:00Z', 'init'
	FROM programmes WHERE code = 'DA1336';
INSERT INTO programme_targets (programme_id, unit_id, year, measure, value, decided_on, reason, created_at, created_by)
	SELECT id, 0, 0, 'well_managed_share', 700, '2020-08-31', 'Quyết định 1336/QĐ-TTg', '2020-08-31T00:00:00Z', 'init'
	FROM programmes WHERE code = 'DA1336';
INSERT INTO programme_targets (programme_id, unit_id, year, measure, value, decided_on, reason, created_at, created_by)
	SELECT id, 0, 0, 'borrowing_share', 500, '2020-08-31', 'Quyết định 1336/QĐ-TTg', '2020-08-31T00:00:00Z', 'init'
	FROM programmes WHERE code = 'DA1336';
INSERT INTO programme_targets (programme_id, unit_id, year, measure, value, decided_on, reason, created_at, created_by)
	SELECT id, 0, 0, 'both_funds_share', 1000, '2020-08-31', 'Quyết định 1336/QĐ-TTg', '2020-08-31T00:00:00Z', 'init'
	FROM programmes WHERE code = 'DA1336';
INSERT INTO programme_targets (programme_id, unit_id, year, measure, value, decided_on, reason, created_at, created_by)
	SELECT id, 0, 0, 'new_clubs', 12000, '2026-01-01', 'Quyết định 1648/QĐ-TTg: 12.000 CLB mới đến năm 2035', '2026-01-01T00:00:00Z', 'init'
	FROM programmes WHERE code = 'DA1648';
INSERT INTO programme_targets (programme_id, unit_id, year, measure, value, decided_on, reason, created_at, created_by)
	SELECT id, 0, 2030, 'new_clubs', 6000, '2026-01-01', 'Quyết định 1648/QĐ-TTg: 6.000 CLB mới đến năm 2030 (tính dồn từ 2026)', '2026-01-01T00:00:00Z', 'init'
	FROM programmes WHERE code = 'DA1648';

-- Province plans can be imported from .xlsx/.csv (kind 'plans'): the kept uploads take that kind.
-- A CHECK constraint cannot be widened in place in SQLite, so the table is copied (as in 0010).
CREATE TABLE imports_new (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('members', 'clubs', 'reports', 'plans')),
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
