-- Name search that stays fast across the whole country: every word-start suffix of a member's
-- folded name ("nguyen thi hoa", "thi hoa", "hoa"), so a typed prefix of any word run is a B-tree
-- range on `word`. Kept by core in the same transaction as the member.
CREATE TABLE member_words (
	word TEXT NOT NULL,
	member_id INTEGER NOT NULL REFERENCES members(id),
	PRIMARY KEY (word, member_id)
);
CREATE INDEX member_words_member ON member_words(member_id);
