-- The two funds of every club and its revolving loans (issue 7; core/fund.h, core/loan.h).

-- A club's two books: income (quỹ tăng thu nhập, lent to members) and activity (quỹ hoạt động).
-- balance, entries and head follow the entries (kept in the same transaction as each entry);
-- `ishc verify` recomputes them from the entries' hash chain. loans_out: the principal of the
-- income fund's loans outstanding (the fund holds its cash and its loans).
CREATE TABLE funds (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	kind TEXT NOT NULL CHECK (kind IN ('income', 'activity')),
	opened_on TEXT NOT NULL,
	balance INTEGER NOT NULL CHECK (balance >= 0),
	loans_out INTEGER NOT NULL DEFAULT 0 CHECK (loans_out >= 0),
	entries INTEGER NOT NULL,
	head TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (club_id, kind)
);

-- A loan to a member from the income fund. outstanding = principal - principal_paid - written_off.
-- next_due: the due date of the oldest instalment whose principal is not fully paid (active loans).
CREATE TABLE loans (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	no INTEGER NOT NULL,
	member_id INTEGER NOT NULL REFERENCES members(id),
	principal INTEGER NOT NULL CHECK (principal > 0),
	purpose TEXT NOT NULL,
	rate_bp INTEGER NOT NULL CHECK (rate_bp >= 0),
	term INTEGER NOT NULL CHECK (term >= 1),
	schedule TEXT NOT NULL CHECK (schedule IN ('equal', 'end')),
	disbursed_on TEXT NOT NULL,
	opening INTEGER NOT NULL DEFAULT 0,
	status TEXT NOT NULL CHECK (status IN ('active', 'repaid', 'written_off', 'cancelled')),
	principal_paid INTEGER NOT NULL DEFAULT 0,
	interest_paid INTEGER NOT NULL DEFAULT 0,
	outstanding INTEGER NOT NULL CHECK (outstanding >= 0),
	next_due TEXT,
	last_paid_on TEXT,
	closed_on TEXT,
	written_off INTEGER NOT NULL DEFAULT 0,
	write_off_reason TEXT NOT NULL DEFAULT '',
	write_off_confirmed_by INTEGER REFERENCES members(id),
	handled_by TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	UNIQUE (club_id, no)
);
CREATE INDEX loans_club ON loans(club_id, status, next_due);
CREATE INDEX loans_member ON loans(member_id, status);

-- Each instalment's scheduled principal and what of it is still unpaid (payments go oldest first).
CREATE TABLE loan_instalments (
	loan_id INTEGER NOT NULL REFERENCES loans(id),
	k INTEGER NOT NULL,
	due_on TEXT NOT NULL,
	principal INTEGER NOT NULL,
	unpaid INTEGER NOT NULL,
	PRIMARY KEY (loan_id, k)
) WITHOUT ROWID;

-- One append-only book line. amount is signed (money in > 0). prev/hash chain each fund's
-- entries in number order: hash = SHA-256(prev | the entry's fields), see core/fund.c.
CREATE TABLE fund_entries (
	id INTEGER PRIMARY KEY,
	fund_id INTEGER NOT NULL REFERENCES funds(id),
	no INTEGER NOT NULL,
	on_date TEXT NOT NULL,
	kind TEXT NOT NULL,
	amount INTEGER NOT NULL,
	category TEXT NOT NULL DEFAULT '',
	party TEXT NOT NULL DEFAULT '',
	member_id INTEGER REFERENCES members(id),
	loan_id INTEGER REFERENCES loans(id),
	reverses INTEGER UNIQUE REFERENCES fund_entries(id),
	pair_id INTEGER,
	note TEXT NOT NULL DEFAULT '',
	handled_by TEXT NOT NULL DEFAULT '',
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	prev TEXT NOT NULL,
	hash TEXT NOT NULL,
	UNIQUE (fund_id, no)
);
CREATE INDEX funds_club ON funds(club_id, kind, balance, loans_out);
CREATE INDEX funds_kind ON funds(kind, club_id, balance, loans_out);
-- The fund figures count a unit's active clubs on every request: read from these indexes alone.
CREATE INDEX clubs_status ON clubs(status);
CREATE INDEX clubs_unit_status ON clubs(unit_id, status);
CREATE INDEX fund_entries_date ON fund_entries(fund_id, on_date, no, amount);
CREATE INDEX fund_entries_loan ON fund_entries(loan_id);
-- The other half of a transfer is found from either side (an entry shows its pair).
CREATE INDEX fund_entries_pair ON fund_entries(pair_id);

-- A loan's payments: principal and interest, with the entries that carried the cash.
CREATE TABLE loan_payments (
	id INTEGER PRIMARY KEY,
	loan_id INTEGER NOT NULL REFERENCES loans(id),
	paid_on TEXT NOT NULL,
	principal INTEGER NOT NULL,
	interest INTEGER NOT NULL,
	principal_entry INTEGER REFERENCES fund_entries(id),
	interest_entry INTEGER REFERENCES fund_entries(id),
	reversed INTEGER NOT NULL DEFAULT 0,
	before_books INTEGER NOT NULL DEFAULT 0,
	recorded_by TEXT NOT NULL
);
CREATE INDEX loan_payments_loan ON loan_payments(loan_id, paid_on);

-- Live figures per unit of today (communes, provinces; 0 = the country), kept with every entry
-- (members: on the member books today, kept with every member written; members_books: those of
-- clubs keeping their fund books in ishc, the denominator of the share borrowing).
CREATE TABLE fund_totals (
	unit_id INTEGER PRIMARY KEY,
	income_cash INTEGER NOT NULL DEFAULT 0,
	activity_cash INTEGER NOT NULL DEFAULT 0,
	borrowers INTEGER NOT NULL DEFAULT 0,
	members INTEGER NOT NULL DEFAULT 0,
	members_books INTEGER NOT NULL DEFAULT 0
);
-- Active loans by the due date of their oldest unpaid instalment: PAR30 is a range sum.
CREATE TABLE loan_totals (
	unit_id INTEGER NOT NULL,
	next_due TEXT NOT NULL,
	outstanding INTEGER NOT NULL,
	loans INTEGER NOT NULL,
	PRIMARY KEY (unit_id, next_due)
) WITHOUT ROWID;
-- Instalments' principal by due date, scheduled and still unpaid (of loans not cancelled).
CREATE TABLE instalment_totals (
	unit_id INTEGER NOT NULL,
	due_on TEXT NOT NULL,
	scheduled INTEGER NOT NULL,
	unpaid INTEGER NOT NULL,
	PRIMARY KEY (unit_id, due_on)
) WITHOUT ROWID;
