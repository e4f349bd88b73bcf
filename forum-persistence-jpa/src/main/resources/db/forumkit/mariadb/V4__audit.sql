-- Forumkit schema, version 4, for MariaDB 10.8+ and MySQL 8: the audit log of moderators' and admins' actions.

-- Append-only: the application inserts rows and never updates or deletes them. No foreign keys, so the log
-- outlives what it talks about. Read newest first per board, per actor and per subject (the user acted on).
CREATE TABLE fk_audit (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    board_id     BIGINT,
    actor_id     VARCHAR(128) COLLATE utf8mb4_bin NOT NULL,
    actor_name   VARCHAR(255) NOT NULL,
    action       VARCHAR(32)  COLLATE utf8mb4_bin NOT NULL,
    topic_id     BIGINT,
    post_id      BIGINT,
    subject_id   VARCHAR(128) COLLATE utf8mb4_bin,
    before_value MEDIUMTEXT,
    after_value  MEDIUMTEXT,
    reason       MEDIUMTEXT,
    created_at   DATETIME(6)  NOT NULL,
    CONSTRAINT pk_fk_audit PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE INDEX ix_fk_audit_board ON fk_audit (board_id, id);
CREATE INDEX ix_fk_audit_actor ON fk_audit (actor_id, id);
CREATE INDEX ix_fk_audit_subject ON fk_audit (subject_id, id);
