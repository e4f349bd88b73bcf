-- Forumkit schema, version 3: reports of posts (举报).

-- is_open is TRUE while a report is open and NULL once resolved: the unique key then allows one open report per
-- (post, reporter) and keeps every resolved one (NULLs are distinct in a unique key on every supported database).
-- topic_id and board_id are copies for the board's queue.
CREATE TABLE fk_report (
    id               BIGINT ${fk_identity},
    post_id          BIGINT       NOT NULL,
    topic_id         BIGINT       NOT NULL,
    board_id         BIGINT       NOT NULL,
    reporter_id      VARCHAR(128) ${fk_exact} NOT NULL,
    reporter_name    VARCHAR(255) NOT NULL,
    reason           VARCHAR(16)  ${fk_exact} NOT NULL,
    details          ${fk_text} NOT NULL,
    created_at       ${fk_timestamp} NOT NULL,
    updated_at       ${fk_timestamp} NOT NULL,
    is_open          BOOLEAN,
    resolution       VARCHAR(16)  ${fk_exact},
    resolved_by_id   VARCHAR(128) ${fk_exact},
    resolved_by_name VARCHAR(255),
    resolved_at      ${fk_timestamp},
    resolution_note  ${fk_text},
    CONSTRAINT pk_fk_report PRIMARY KEY (id),
    CONSTRAINT fk_fk_report_post FOREIGN KEY (post_id) REFERENCES fk_post (id),
    CONSTRAINT uk_fk_report_open UNIQUE (post_id, reporter_id, is_open),
    CONSTRAINT ck_fk_report_open CHECK (is_open IS NULL OR is_open),
    CONSTRAINT ck_fk_report_resolved CHECK ((is_open IS NULL) = (resolution IS NOT NULL))
) ${fk_table_options};
-- A board's queue of open reports, oldest first.
CREATE INDEX ix_fk_report_queue ON fk_report (board_id, is_open, id);
