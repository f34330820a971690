-- The name index becomes one row per distinct word of the folded name of each member on the book,
-- with the member's name order key and folded name: "all members named hoa" is one B-tree range
-- already in Vietnamese name order, and the other typed words are checked on the index row itself.
-- The index is derived data: core rebuilds the rows (search_reindex_missing) when the server or
-- the command line opens the database.
DROP TABLE member_words;
CREATE TABLE member_words (
	word TEXT NOT NULL,
	name_key TEXT NOT NULL,
	member_id INTEGER NOT NULL REFERENCES members(id),
	name_fold TEXT NOT NULL,
	-- name_fold follows from member_id; it is in the key so that the index alone answers a
	-- search (a covering index in SQLite and PostgreSQL alike).
	PRIMARY KEY (word, name_key, member_id, name_fold)
);
CREATE INDEX member_words_member ON member_words(member_id);
