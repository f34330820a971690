-- Placeholder on the prog8 branch only: number 0011 is the lead's (club funds, issue 7). Migrations
-- must be contiguous, so this branch carries an empty 0011 until it is merged; drop this file then.
SELECT 1;
