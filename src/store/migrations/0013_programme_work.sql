-- The programme's work in the provinces (issue 8, part 2): training courses and materials,
-- monitoring and technical-support visits with their follow-ups, the yearly quality assessment
-- of each club, commendations, the weights of the ranking, and success stories.
-- Portable SQL (SQLite 3.40 and PostgreSQL 15); the rules live in core/training.c, core/visit.c,
-- core/assessment.c and core/recognition.c.
-- A record's unit places it in the scopes: who may see and change it (core/scope.h). `level` is
-- the level of the association that organised it (central, province, district, commune); a course
-- the central level held in Tuyên Quang has level 'central' and the unit Tuyên Quang.

CREATE TABLE trainings (
	id INTEGER PRIMARY KEY,
	level TEXT NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune')),
	unit_id INTEGER NOT NULL REFERENCES units(id),   -- the organiser's unit, or where it was held
	topic TEXT NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	officers INTEGER NOT NULL DEFAULT 0,              -- Hội NCT officers trained
	board_members INTEGER NOT NULL DEFAULT 0,         -- club board members
	volunteers INTEGER NOT NULL DEFAULT 0,            -- volunteers
	note TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT 'form',              -- form | api | import | demo
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX trainings_unit ON trainings(unit_id, start_date);
CREATE INDEX trainings_date ON trainings(start_date);

-- The optional list of a course's participants; a member of a club is linked to the book.
CREATE TABLE training_participants (
	id INTEGER PRIMARY KEY,
	training_id INTEGER NOT NULL REFERENCES trainings(id),
	full_name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('officer', 'board', 'volunteer')),
	member_id INTEGER REFERENCES members(id),
	note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX training_participants_training ON training_participants(training_id);

CREATE TABLE materials (
	id INTEGER PRIMARY KEY,
	level TEXT NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune')),
	unit_id INTEGER REFERENCES units(id),            -- the publisher; NULL for the central level
	title TEXT NOT NULL,
	year INTEGER NOT NULL,
	copies INTEGER NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL
);
CREATE INDEX materials_year ON materials(year, id);

-- Where the copies went.
CREATE TABLE material_shares (
	id INTEGER PRIMARY KEY,
	material_id INTEGER NOT NULL REFERENCES materials(id),
	unit_id INTEGER NOT NULL REFERENCES units(id),
	copies INTEGER NOT NULL
);
CREATE INDEX material_shares_material ON material_shares(material_id);

CREATE TABLE visits (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('monitoring', 'support')),
	level TEXT NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune')),
	visit_date TEXT NOT NULL,
	team TEXT NOT NULL,
	unit_id INTEGER NOT NULL REFERENCES units(id),   -- the unit visited (a club's commune)
	club_id INTEGER REFERENCES clubs(id),            -- the club visited, or NULL
	summary TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT 'form',
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX visits_unit ON visits(unit_id, visit_date);
CREATE INDEX visits_date ON visits(visit_date);

-- Findings against the checklist (core/visit.c names its items).
CREATE TABLE visit_findings (
	visit_id INTEGER NOT NULL REFERENCES visits(id),
	item TEXT NOT NULL,
	result TEXT NOT NULL CHECK (result IN ('yes', 'partly', 'no', 'na')),
	note TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (visit_id, item)
);

-- Recommendations: each with its owner (a unit; NULL = the central level), due date and follow-up.
CREATE TABLE visit_followups (
	id INTEGER PRIMARY KEY,
	visit_id INTEGER NOT NULL REFERENCES visits(id),
	recommendation TEXT NOT NULL,
	owner_unit_id INTEGER REFERENCES units(id),
	due_date TEXT NOT NULL,
	done INTEGER NOT NULL DEFAULT 0,
	done_date TEXT,
	followup_note TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL
);
CREATE INDEX visit_followups_visit ON visit_followups(visit_id);
CREATE INDEX visit_followups_due ON visit_followups(done, due_date);

-- The yearly quality assessment of a club against the programme's criteria; a criterion is 1 met,
-- 0 not met. well_managed is 1 when every criterion is met ("hoạt động đầy đủ, quản lý tốt").
CREATE TABLE club_assessments (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	year INTEGER NOT NULL,
	meets_monthly INTEGER NOT NULL,
	reports_on_time INTEGER NOT NULL,
	both_funds INTEGER NOT NULL,
	loans_repaid INTEGER NOT NULL,
	areas_active INTEGER NOT NULL,                  -- activity areas worked in (0..8)
	volunteers_ok INTEGER NOT NULL,                 -- at least 5 home-care volunteers
	well_managed INTEGER NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	assessed_by TEXT NOT NULL,
	assessed_level TEXT NOT NULL,
	assessed_at TEXT NOT NULL,
	UNIQUE (club_id, year)
);
CREATE INDEX club_assessments_year ON club_assessments(year, club_id, well_managed);

-- The weights of the ranking's indicators, set by the central level.
CREATE TABLE ranking_weights (
	code TEXT PRIMARY KEY,
	weight INTEGER NOT NULL,
	updated_at TEXT,
	updated_by TEXT NOT NULL DEFAULT ''
);
INSERT INTO ranking_weights (code, weight) VALUES ('R_REPORTED', 20);
INSERT INTO ranking_weights (code, weight) VALUES ('R_ONTIME', 20);
INSERT INTO ranking_weights (code, weight) VALUES ('R_MEETING', 20);
INSERT INTO ranking_weights (code, weight) VALUES ('R_BORROW', 15);
INSERT INTO ranking_weights (code, weight) VALUES ('R_WELL', 25);

CREATE TABLE commendations (
	id INTEGER PRIMARY KEY,
	year INTEGER NOT NULL,
	level TEXT NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune')),
	title TEXT NOT NULL,
	recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('unit', 'club', 'person')),
	unit_id INTEGER NOT NULL REFERENCES units(id),   -- the unit commended, or the club's / person's
	club_id INTEGER REFERENCES clubs(id),
	member_id INTEGER REFERENCES members(id),
	person_name TEXT NOT NULL DEFAULT '',
	decision_no TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL
);
CREATE INDEX commendations_year ON commendations(year, unit_id);

-- Success stories. Published ones have a public page; it shows the club (show_club) and the
-- member featured (show_member) only when chosen.
CREATE TABLE stories (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	year INTEGER NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	member_id INTEGER REFERENCES members(id),
	show_club INTEGER NOT NULL DEFAULT 0,
	show_member INTEGER NOT NULL DEFAULT 0,
	status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
	published_at TEXT,
	published_by TEXT,
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX stories_club ON stories(club_id, year);

-- A story's photos: JPEG or PNG, as base64 text (the store binds no blobs yet; see imports).
CREATE TABLE story_photos (
	id INTEGER PRIMARY KEY,
	story_id INTEGER NOT NULL REFERENCES stories(id),
	content_type TEXT NOT NULL,
	size INTEGER NOT NULL,
	caption TEXT NOT NULL DEFAULT '',
	data TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX story_photos_story ON story_photos(story_id, id);

-- Trainings and visits are imported from .xlsx like members, clubs and reports: the kept uploads
-- take the kinds 'trainings' and 'visits' ('plans' is allowed too, for the province plans of the
-- same issue). The table is copied as 0010 did.
CREATE TABLE imports_new (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('members', 'clubs', 'reports', 'plans', 'trainings', 'visits')),
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
