-- Forumkit schema, version 7: edit history.

-- A post's text of each earlier revision, kept when an edit replaced it. The key makes two concurrent edits of
-- one revision keep it once: the other edit fails on the key and runs again on the newer revision.
CREATE TABLE fk_post_revision (
    post_id          BIGINT       NOT NULL,
    revision         INTEGER      NOT NULL,
    body             ${fk_text} NOT NULL,
    format           VARCHAR(32)  ${fk_exact} NOT NULL,
    replaced_by_id   VARCHAR(128) ${fk_exact} NOT NULL,
    replaced_by_name VARCHAR(255) NOT NULL,
    replaced_at      ${fk_timestamp} NOT NULL,
    CONSTRAINT pk_fk_post_revision PRIMARY KEY (post_id, revision),
    CONSTRAINT fk_fk_post_revision_post FOREIGN KEY (post_id) REFERENCES fk_post (id),
    CONSTRAINT ck_fk_post_revision CHECK (revision >= 1)
) ${fk_table_options};
