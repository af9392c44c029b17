-- Claim suggestions (issue #7). Suggestions themselves are recomputed from the article's text
-- each time (they are cheap and improve with each release); only the reviewer's decisions are
-- stored.
--
-- A dismissed suggestion, remembered for its article. It is named by its type, its text and which
-- occurrence of that (type, text) pair it is in the article's suggestions, not by offsets, so
-- that a dismissal survives a new version of the article that moves the passage.
CREATE TABLE suggestion_dismissals (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    occurrence INTEGER NOT NULL CHECK (occurrence >= 0),
    dismissed_by TEXT NOT NULL REFERENCES reviewers(id),
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (article_id, kind, text, occurrence)
);

-- The value claimdesk read in a claim made from a suggestion (JSON, as `claimdesk suggest` gives
-- it: {"number", "unit"?} for a quantity, {"date", "granularity"} for a date, …); NULL otherwise.
ALTER TABLE claims ADD COLUMN value TEXT CHECK (value IS NULL OR json_valid(value));
