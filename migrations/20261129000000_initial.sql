-- The first schema. Migrations are append-only: never edit this file once released, add a new one.
-- Ids are UUIDs as text; timestamps are RFC 3339 UTC text with milliseconds, so they sort as text.

CREATE TABLE reviewers (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);

-- An article is the thing claims are about; its content lives in versions (snapshots).
CREATE TABLE articles (
    id      TEXT PRIMARY KEY,
    -- Where it came from: the URL given at import, else the page's canonical URL.
    url     TEXT,
    created TEXT NOT NULL
);

-- One imported snapshot: the original bytes as they were, and what was extracted from them.
CREATE TABLE article_versions (
    id          TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id),
    number      INTEGER NOT NULL CHECK (number >= 1),
    sha256      TEXT NOT NULL UNIQUE,
    original    BLOB NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('html', 'text')),
    charset     TEXT NOT NULL,
    title       TEXT,
    byline      TEXT,
    publisher   TEXT,
    published   TEXT,
    language    TEXT,
    url         TEXT,
    -- The canonical text every offset refers to (code points).
    text        TEXT NOT NULL,
    imported    TEXT NOT NULL,
    imported_by TEXT NOT NULL REFERENCES reviewers(id),
    UNIQUE (article_id, number)
);

CREATE TABLE claims (
    id          TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id),
    -- The version the span was made on.
    version_id  TEXT NOT NULL REFERENCES article_versions(id),
    start       INTEGER NOT NULL CHECK (start >= 0),
    "end"       INTEGER NOT NULL CHECK ("end" > start),
    quote       TEXT NOT NULL,
    prefix      TEXT NOT NULL,
    suffix      TEXT NOT NULL,
    claimant    TEXT,
    verdict     TEXT,
    status      TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'reviewed', 'published', 'rejected')),
    note        TEXT,
    created     TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES reviewers(id),
    modified    TEXT NOT NULL,
    modified_by TEXT NOT NULL REFERENCES reviewers(id)
);

CREATE INDEX claims_by_article ON claims (article_id, start);
CREATE INDEX claims_by_status ON claims (status);

-- Desk settings (`claimdesk config`).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
