-- Forumkit schema, version 13: a post's open reporters, counted on the post's row.

-- Filing a new report adds one, resolving a post's reports sets it back to 0, both under the post's row lock. Besides
-- sparing the report queue a count over fk_report, the write is what serializes concurrent reports of one post on a
-- multi-primary cluster (MariaDB Galera): a locking read there locks its own node only, but two transactions that
-- write the same row on two nodes cannot both commit, so the second runs again and counts the first.
ALTER TABLE fk_post ADD COLUMN open_reporters INTEGER DEFAULT 0 NOT NULL;

UPDATE fk_post SET open_reporters = (SELECT COUNT(*) FROM fk_report r WHERE r.post_id = fk_post.id AND r.is_open = TRUE)
    WHERE id IN (SELECT post_id FROM fk_report WHERE is_open = TRUE);
