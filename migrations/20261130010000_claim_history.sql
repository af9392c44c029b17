-- Every change to a claim's fields: who, when, which field (the Claim JSON key), old → new.
-- Append-only: rows are never updated or deleted.
CREATE TABLE claim_history (
    id          INTEGER PRIMARY KEY,
    claim_id    TEXT NOT NULL REFERENCES claims(id),
    at          TEXT NOT NULL,
    reviewer_id TEXT NOT NULL REFERENCES reviewers(id),
    field       TEXT NOT NULL,
    old         TEXT,
    new         TEXT
);

CREATE INDEX claim_history_by_claim ON claim_history (claim_id, id);

CREATE TRIGGER claim_history_is_append_only_update BEFORE UPDATE ON claim_history
BEGIN
    SELECT RAISE(ABORT, 'claim history is append-only');
END;

CREATE TRIGGER claim_history_is_append_only_delete BEFORE DELETE ON claim_history
BEGIN
    SELECT RAISE(ABORT, 'claim history is append-only');
END;
