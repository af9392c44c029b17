-- Claims carried across article versions. A claim's span (version_id, start, end, quote, prefix,
-- suffix) is where it stands now: on the latest version when it was anchored, moved or changed
-- there, on the last version it was found in when orphaned.
ALTER TABLE claims ADD COLUMN anchor_state TEXT NOT NULL DEFAULT 'anchored'
    CHECK (anchor_state IN ('anchored', 'moved', 'changed', 'orphaned'));
-- For a `changed` claim awaiting the reviewer's confirmation: the quote as it was before.
ALTER TABLE claims ADD COLUMN previous_quote TEXT;
-- The reviewer decided an orphan is a claim about the version it was made on: later versions
-- leave it where it is.
ALTER TABLE claims ADD COLUMN kept_on_version INTEGER NOT NULL DEFAULT 0 CHECK (kept_on_version IN (0, 1));
