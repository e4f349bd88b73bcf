-- Forumkit schema, version 17: a topic's posts in the most-supported order (support descending, then floor).
--
-- The widget's and the API's order=MOST_SUPPORTED reads a page as a keyset over this index: the ties after the
-- cursor (support = s, floor > f) and then the lower counts (support < s), each one index range in index order, so a
-- page costs the same at any depth and needs no sort. Every dialect keeps the descending column (MariaDB since
-- 10.8). A vote moves one entry of it, the same row's support column that the vote already updates.
CREATE INDEX ix_fk_post_support ON fk_post (topic_id, support DESC, floor);
