-- The dashboard (issue 9) reads the programme's progress on every request: the members at a date
-- of the clubs founded in a period (core/programme.c members_of_new) and the clubs founded in it.
-- Without these the first scans every member; with them it reads the new clubs by founding date
-- and their members from one covering index (measured on the demo: 51 ms to 19 ms, cold).
CREATE INDEX clubs_founded ON clubs(founded_on, status, unit_id);
CREATE INDEX members_club_dates ON members(club_id, joined_on, left_on, birth_date, birth_year);
