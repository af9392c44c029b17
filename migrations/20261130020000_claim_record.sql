-- The full claim record (Full Fact's claim types, a normalised statement, who the claimant is,
-- the desk's reasoning, tags, an assignee, and the evidence behind the verdict).
ALTER TABLE claims ADD COLUMN statement TEXT;
ALTER TABLE claims ADD COLUMN claim_type TEXT
    CHECK (claim_type IN ('quantity', 'prediction', 'correlation_causation', 'laws_rules', 'personal_experience', 'other'));
ALTER TABLE claims ADD COLUMN claimant_role TEXT;
ALTER TABLE claims ADD COLUMN claimant_url TEXT;
ALTER TABLE claims ADD COLUMN rationale TEXT;
ALTER TABLE claims ADD COLUMN assignee_id TEXT REFERENCES reviewers(id);

CREATE TABLE claim_tags (
    claim_id TEXT NOT NULL REFERENCES claims(id),
    tag      TEXT NOT NULL,
    PRIMARY KEY (claim_id, tag)
);

CREATE TABLE evidence (
    id        TEXT PRIMARY KEY,
    claim_id  TEXT NOT NULL REFERENCES claims(id),
    url       TEXT NOT NULL,
    title     TEXT,
    publisher TEXT,
    accessed  TEXT NOT NULL,           -- YYYY-MM-DD
    quote     TEXT,                    -- the passage that supports or refutes
    stance    TEXT CHECK (stance IN ('supports', 'refutes')),
    added     TEXT NOT NULL,
    added_by  TEXT NOT NULL REFERENCES reviewers(id)
);

CREATE INDEX evidence_by_claim ON evidence (claim_id, added);
