-- Forumkit schema, version 7, for MariaDB 10.8+ and MySQL 8: edit history.

-- A post's text of each earlier revision, kept when an edit replaced it. The key makes two concurrent edits of
-- one revision keep it once: the other edit fails on the key and runs again on the newer revision.
CREATE TABLE fk_post_revision (
    post_id          BIGINT       NOT NULL,
    revision         INT          NOT NULL,
    body             MEDIUMTEXT   NOT NULL,
    format           VARCHAR(32)  COLLATE utf8mb4_bin NOT NULL,
    replaced_by_id   VARCHAR(128) COLLATE utf8mb4_bin NOT NULL,
    replaced_by_name VARCHAR(255) NOT NULL,
    replaced_at      DATETIME(6)  NOT NULL,
    CONSTRAINT pk_fk_post_revision PRIMARY KEY (post_id, revision),
    CONSTRAINT fk_fk_post_revision_post FOREIGN KEY (post_id) REFERENCES fk_post (id),
    CONSTRAINT ck_fk_post_revision CHECK (revision >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
