-- Forumkit schema, version 9: the users' inboxes (提醒).

-- Written in the transaction of what causes them; ids and short display values only, texts rendered when read.
-- unread_fold_key holds the fold key (e.g. 'topic:42') while the row is unread and NULL once read, so the unique key
-- allows at most one unread row per (recipient, key) and any number of read ones: NULLs never collide on PostgreSQL,
-- MariaDB or H2, which have no partial indexes in common.
CREATE TABLE fk_notification (
    id              BIGINT ${fk_identity},
    recipient_id    VARCHAR(128) ${fk_exact} NOT NULL,
    kind            INT          NOT NULL,
    topic_id        BIGINT,
    post_id         BIGINT,
    floor_no        INT          NOT NULL,
    actor_id        VARCHAR(128) ${fk_exact},
    actor_name      VARCHAR(255),
    detail          VARCHAR(64)  ${fk_exact},
    unread_fold_key VARCHAR(64)  ${fk_exact},
    fold_count      INT          NOT NULL,
    is_read         BOOLEAN      NOT NULL,
    created_at      ${fk_timestamp} NOT NULL,
    updated_at      ${fk_timestamp} NOT NULL,
    CONSTRAINT pk_fk_notification PRIMARY KEY (id),
    CONSTRAINT uq_fk_notification_fold UNIQUE (recipient_id, unread_fold_key)
) ${fk_table_options};
-- The inbox newest first (with or without a kind), the unread count, and "read this topic up to a floor".
CREATE INDEX ix_fk_notification_inbox ON fk_notification (recipient_id, id);
CREATE INDEX ix_fk_notification_unread ON fk_notification (recipient_id, is_read, id);
CREATE INDEX ix_fk_notification_topic ON fk_notification (recipient_id, topic_id, floor_no);

-- Watching (关注): a user's level on a topic and on a board, as a rank (0 muted, 1 normal, 2 tracking, 3 watching,
-- 4 watching the first post, boards only) so an automatic level can be raised by comparison. explicit marks the
-- user's own choice, which starting or replying never overrides. A new post notifies the watchers with one UPDATE
-- (folds) and one INSERT … SELECT (the rest) that read these tables by topic and by board.
CREATE TABLE fk_topic_watch (
    topic_id   BIGINT       NOT NULL,
    user_id    VARCHAR(128) ${fk_exact} NOT NULL,
    level_rank SMALLINT     NOT NULL,
    explicit   BOOLEAN      NOT NULL,
    changed_at ${fk_timestamp} NOT NULL,
    CONSTRAINT pk_fk_topic_watch PRIMARY KEY (topic_id, user_id),
    CONSTRAINT ck_fk_topic_watch_level CHECK (level_rank BETWEEN 0 AND 3)
) ${fk_table_options};

CREATE TABLE fk_board_watch (
    board_id   BIGINT       NOT NULL,
    user_id    VARCHAR(128) ${fk_exact} NOT NULL,
    level_rank SMALLINT     NOT NULL,
    changed_at ${fk_timestamp} NOT NULL,
    CONSTRAINT pk_fk_board_watch PRIMARY KEY (board_id, user_id),
    CONSTRAINT ck_fk_board_watch_level CHECK (level_rank BETWEEN 0 AND 4)
) ${fk_table_options};
