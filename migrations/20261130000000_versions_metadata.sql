-- Versions carry what URL import and richer extraction learn about a snapshot.
ALTER TABLE article_versions ADD COLUMN modified TEXT;    -- "updated on" date the page states
ALTER TABLE article_versions ADD COLUMN fetched TEXT;     -- when it was downloaded (URL imports)
ALTER TABLE article_versions ADD COLUMN fetched_url TEXT; -- the URL after redirects

-- A re-import of the same page (same URL, new content) finds its article through these.
CREATE INDEX articles_by_url ON articles (url);
CREATE INDEX article_versions_by_url ON article_versions (url);
