-- People and the second pair of eyes: reviewer profiles, desk-defined rating scales, and
-- independent verdicts by reviewers other than a claim's author.

-- Chosen initials and colour; when NULL the app derives them from the name.
ALTER TABLE reviewers ADD COLUMN initials TEXT;
ALTER TABLE reviewers ADD COLUMN colour TEXT CHECK (colour IS NULL OR colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');

-- A scale the desk added (`claimdesk scale add FILE`); the built-in ones live in the code.
-- `definition` is the scale as JSON, checked before it is stored.
CREATE TABLE rating_scales (
    key        TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    added      TEXT NOT NULL,
    added_by   TEXT NOT NULL REFERENCES reviewers(id)
);

-- A reviewer's independent verdict on a claim someone else made. One per reviewer and claim: a
-- new one replaces theirs (the claim's history keeps every one).
CREATE TABLE claim_reviews (
    claim_id    TEXT NOT NULL REFERENCES claims(id),
    reviewer_id TEXT NOT NULL REFERENCES reviewers(id),
    verdict     TEXT NOT NULL,
    note        TEXT,
    at          TEXT NOT NULL,
    PRIMARY KEY (claim_id, reviewer_id)
);
