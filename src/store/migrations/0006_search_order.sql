-- The name index becomes one row per distinct word of a member's folded name, with the member's
-- name order key, so "all members named hoa" is one B-tree range already in Vietnamese name order.
-- The index is derived data: core rebuilds the rows (search_reindex_missing) when the server or
-- the command line opens the database.
DROP TABLE member_words;
CREATE TABLE member_words (
	word TEXT NOT NULL,
	name_key TEXT NOT NULL,
	member_id INTEGER NOT NULL REFERENCES members(id),
	PRIMARY KEY (word, name_key, member_id)
);
CREATE INDEX member_words_member ON member_words(member_id);
