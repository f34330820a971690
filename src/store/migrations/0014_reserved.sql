-- Reserved: issue 9's sibling branch owns migration 0014. This placeholder only lets this branch
-- (the annual review, 0015) migrate on its own; drop it when the sibling's 0014 is merged.
CREATE TABLE reserved_0014 (id INTEGER PRIMARY KEY);
DROP TABLE reserved_0014;
