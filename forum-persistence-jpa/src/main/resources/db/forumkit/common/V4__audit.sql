-- Forumkit schema, version 4: the audit log of moderators' and admins' actions.

-- Append-only: the application inserts rows and never updates or deletes them. No foreign keys, so the log
-- outlives what it talks about. Read newest first per board, per actor and per subject (the user acted on).
CREATE TABLE fk_audit (
    id           BIGINT ${fk_identity},
    board_id     BIGINT,
    actor_id     VARCHAR(128) ${fk_exact} NOT NULL,
    actor_name   VARCHAR(255) NOT NULL,
    action       VARCHAR(32)  ${fk_exact} NOT NULL,
    topic_id     BIGINT,
    post_id      BIGINT,
    subject_id   VARCHAR(128) ${fk_exact},
    before_value ${fk_text},
    after_value  ${fk_text},
    reason       ${fk_text},
    created_at   ${fk_timestamp} NOT NULL,
    CONSTRAINT pk_fk_audit PRIMARY KEY (id)
) ${fk_table_options};
CREATE INDEX ix_fk_audit_board ON fk_audit (board_id, id);
CREATE INDEX ix_fk_audit_actor ON fk_audit (actor_id, id);
CREATE INDEX ix_fk_audit_subject ON fk_audit (subject_id, id);
