-- Forumkit schema, version 18: a board's counters and last post in 16 shard rows instead of the board's own row.
-- (Version 16 is an unused number: a database at 17 upgrades to 18 in order.)
--
-- Every visible reply used to update its board's one fk_board row in its transaction, so replies to different
-- topics of one board waited for each other on that row. A reply now updates shard (topic id mod 16) only; a
-- board's counts are the sums over its 16 rows, and its last post is the shard row's with the highest post id (the
-- newest post written there). A shard's own counts may go below zero (a post counted in shard 0 by this migration
-- and deleted later in its topic's shard): only the sums are counts. Setting a board's last post (a topic moved
-- away) clears it in all 16 rows and writes it to one. The rows are made with the board, in its transaction.
CREATE TABLE fk_board_counter (
    board_id              BIGINT       NOT NULL,
    shard                 INTEGER      NOT NULL,
    topic_count           BIGINT       NOT NULL DEFAULT 0,
    post_count            BIGINT       NOT NULL DEFAULT 0,
    last_topic_id         BIGINT,
    last_post_id          BIGINT,
    last_post_floor       INTEGER,
    last_post_author_id   VARCHAR(128) ${fk_exact},
    last_post_author_name VARCHAR(255),
    last_post_at          ${fk_timestamp},
    CONSTRAINT pk_fk_board_counter PRIMARY KEY (board_id, shard),
    CONSTRAINT fk_fk_board_counter_board FOREIGN KEY (board_id) REFERENCES fk_board (id),
    CONSTRAINT ck_fk_board_counter_shard CHECK (shard >= 0 AND shard < 16)
) ${fk_table_options};

-- The counts and last post so far go to shard 0, the other 15 start at zero.
INSERT INTO fk_board_counter (board_id, shard, topic_count, post_count, last_topic_id, last_post_id,
        last_post_floor, last_post_author_id, last_post_author_name, last_post_at)
SELECT b.id, s.shard,
       CASE WHEN s.shard = 0 THEN b.topic_count ELSE 0 END,
       CASE WHEN s.shard = 0 THEN b.post_count ELSE 0 END,
       CASE WHEN s.shard = 0 THEN b.last_topic_id END,
       CASE WHEN s.shard = 0 THEN b.last_post_id END,
       CASE WHEN s.shard = 0 THEN b.last_post_floor END,
       CASE WHEN s.shard = 0 THEN b.last_post_author_id END,
       CASE WHEN s.shard = 0 THEN b.last_post_author_name END,
       CASE WHEN s.shard = 0 THEN b.last_post_at END
FROM fk_board b CROSS JOIN (SELECT 0 AS shard UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
        UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8
        UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13
        UNION ALL SELECT 14 UNION ALL SELECT 15) s;

-- The board row's own counter columns go: nothing writes them any more, and a column left behind would be read
-- as if it were still true.
ALTER TABLE fk_board DROP CONSTRAINT ck_fk_board_counts;
ALTER TABLE fk_board DROP COLUMN topic_count;
ALTER TABLE fk_board DROP COLUMN post_count;
ALTER TABLE fk_board DROP COLUMN last_topic_id;
ALTER TABLE fk_board DROP COLUMN last_post_id;
ALTER TABLE fk_board DROP COLUMN last_post_floor;
ALTER TABLE fk_board DROP COLUMN last_post_author_id;
ALTER TABLE fk_board DROP COLUMN last_post_author_name;
ALTER TABLE fk_board DROP COLUMN last_post_at;
