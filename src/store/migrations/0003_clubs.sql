-- Clubs, members, boards, volunteers, and the programmes that found or support clubs.

-- Programmes and projects are data: Đề án 1336, Đề án 1648, donor projects.
CREATE TABLE programmes (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('national', 'donor', 'local')),
	decision TEXT NOT NULL DEFAULT '',
	decision_date TEXT,
	start_date TEXT,
	end_date TEXT,
	donor TEXT NOT NULL DEFAULT ''
);

CREATE TABLE clubs (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	name_key TEXT NOT NULL,
	-- The commune of its time, where it was founded; units' links carry it into later communes.
	unit_id INTEGER NOT NULL REFERENCES units(id),
	village TEXT NOT NULL DEFAULT '',
	decision_no TEXT NOT NULL DEFAULT '',
	decision_date TEXT,
	status TEXT NOT NULL CHECK (status IN ('planned', 'founded', 'active', 'inactive', 'dissolved')),
	status_date TEXT NOT NULL,
	founded_on TEXT,
	programme_id INTEGER REFERENCES programmes(id),
	meeting_place TEXT NOT NULL DEFAULT '',
	contact_name TEXT NOT NULL DEFAULT '',
	contact_phone TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX clubs_unit ON clubs(unit_id, name_key);
CREATE INDEX clubs_fold ON clubs(name_fold);

-- Every status a club has had, from when.
CREATE TABLE club_status (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	status TEXT NOT NULL,
	from_date TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX club_status_club ON club_status(club_id, from_date);

-- A member is one membership of one person in one club; moving clubs is leaving and joining.
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	family_name TEXT NOT NULL DEFAULT '',
	middle_name TEXT NOT NULL DEFAULT '',
	given_name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	name_key TEXT NOT NULL,
	sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
	birth_year INTEGER NOT NULL,
	birth_date TEXT,
	ethnicity TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	household TEXT NOT NULL DEFAULT 'other' CHECK (household IN ('poor', 'near_poor', 'other')),
	disability INTEGER NOT NULL DEFAULT 0,
	lives_alone INTEGER NOT NULL DEFAULT 0,
	health_card INTEGER NOT NULL DEFAULT 0,
	village TEXT NOT NULL DEFAULT '',
	joined_on TEXT NOT NULL,
	left_on TEXT,
	left_reason TEXT NOT NULL DEFAULT '',
	consent_on TEXT,
	consent_form TEXT NOT NULL DEFAULT '',
	national_id TEXT,
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX members_club ON members(club_id, name_key);
CREATE INDEX members_key ON members(name_key);
CREATE INDEX members_fold ON members(name_fold);
CREATE INDEX members_person ON members(given_name, family_name, birth_year);

-- The management board: who holds which role, from when to when.
CREATE TABLE board_roles (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	member_id INTEGER NOT NULL REFERENCES members(id),
	role TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'accountant', 'treasurer', 'secretary', 'board_member')),
	from_date TEXT NOT NULL,
	to_date TEXT
);
CREATE INDEX board_roles_club ON board_roles(club_id, to_date);

-- Home-care volunteers and the people they visit.
CREATE TABLE volunteers (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	member_id INTEGER NOT NULL REFERENCES members(id),
	from_date TEXT NOT NULL,
	to_date TEXT
);
CREATE INDEX volunteers_club ON volunteers(club_id, to_date);

CREATE TABLE care_visits (
	id INTEGER PRIMARY KEY,
	volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),
	member_id INTEGER REFERENCES members(id),
	person_name TEXT NOT NULL DEFAULT '',
	from_date TEXT NOT NULL,
	to_date TEXT,
	note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX care_visits_volunteer ON care_visits(volunteer_id);

INSERT INTO programmes (code, name, kind, decision, decision_date, start_date, end_date)
VALUES ('DA1336', 'Đề án 1336: Nhân rộng mô hình CLB Liên thế hệ tự giúp nhau giai đoạn đến năm 2025', 'national',
	'1336/QĐ-TTg', '2020-08-31', '2021-01-01', '2025-12-31');
INSERT INTO programmes (code, name, kind, decision, decision_date, start_date, end_date)
VALUES ('DA1648', 'Đề án 1648: Nhân rộng mô hình CLB Liên thế hệ tự giúp nhau đến năm 2035', 'national',
	'1648/QĐ-TTg', NULL, '2026-01-01', '2035-12-31');
INSERT INTO settings (key, value) VALUES ('older_age', '60');
