-- Live totals of the monthly reports (issue 5), kept in the same transaction as every change to a
-- report, so that every level reads its totals without adding up clubs on each request.
--
-- A report of a club for a month counts in every unit its commune of that time rolls into (its
-- commune, district and province then, and the later units that carry their history: unit_reach)
-- whose validity has not ended before the month began; unit_id 0 is the country. So the units in
-- force in the month give the totals "as organised then", and today's units give the same months
-- "restated to today's units"; both geographies come from the same rows.
--
-- For each (unit, month, indicator): sums and numbers of club values over three classes of
-- report: every report (drafts too), reports submitted or approved, approved reports. Pseudo
-- indicators: _REPORTS (1 per report), _ONTIME (1 when first submitted by the due date).
-- core/total.c writes these rows; `ishc check` recomputes them from report_values.
CREATE TABLE report_totals (
	unit_id INTEGER NOT NULL,
	period TEXT NOT NULL,
	code TEXT NOT NULL,
	all_sum BIGINT NOT NULL DEFAULT 0,
	all_n INTEGER NOT NULL DEFAULT 0,
	sub_sum BIGINT NOT NULL DEFAULT 0,
	sub_n INTEGER NOT NULL DEFAULT 0,
	ok_sum BIGINT NOT NULL DEFAULT 0,
	ok_n INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (unit_id, code, period)
);

-- The day of the next month by which a month's report is due (a setting).
INSERT INTO settings (key, value) VALUES ('report_due_day', '5');
