-- Forumkit schema, version 1, for PostgreSQL 13+, MariaDB 10.8+ and MySQL 8, and H2 2.x (tests and quick starts).
-- Every table starts with fk_ so it never collides with the host's tables. Times are UTC instants with
-- microsecond precision (DATETIME(6) on MariaDB, written and read as UTC). On MariaDB every table is InnoDB and
-- utf8mb4 (MariaDB's "utf8" is 3-byte and cannot hold emoji), and keys compared exactly (slugs, external keys,
-- user ids, enums) use utf8mb4_bin. The constraints carry the forum's invariants; the application relies on them.
--
-- Every script serves every dialect: what the dialects spell differently is a Flyway placeholder (fk_identity,
-- fk_text, fk_timestamp, fk_exact, fk_table_options, fk_unless_mariadb) whose values
-- JpaForumStore.migrations(dialect) gives.

-- Categories, boards and sub-boards. The last_post_* columns are a denormalised copy of the board's newest
-- post for listings (no foreign key, so rows can be written parent-first without a cycle).
CREATE TABLE fk_board (
    id                    BIGINT ${fk_identity},
    parent_id             BIGINT,
    kind                  VARCHAR(16)  ${fk_exact} NOT NULL,
    slug                  VARCHAR(64)  ${fk_exact} NOT NULL,
    name                  VARCHAR(255) NOT NULL,
    description           ${fk_text} NOT NULL,
    position              INTEGER      NOT NULL,
    moderators            ${fk_text} ${fk_exact} NOT NULL, -- JSON array of user ids
    topic_types           ${fk_text} NOT NULL, -- JSON array of strings, in order
    access_policy         ${fk_text} ${fk_exact} NOT NULL, -- JSON object: action -> [audience kind, role...]
    topic_count           BIGINT       NOT NULL DEFAULT 0,
    post_count            BIGINT       NOT NULL DEFAULT 0,
    last_topic_id         BIGINT,
    last_post_id          BIGINT,
    last_post_floor       INTEGER,
    last_post_author_id   VARCHAR(128) ${fk_exact},
    last_post_author_name VARCHAR(255),
    last_post_at          ${fk_timestamp},
    CONSTRAINT pk_fk_board PRIMARY KEY (id),
    CONSTRAINT uk_fk_board_slug UNIQUE (slug),
    CONSTRAINT fk_fk_board_parent FOREIGN KEY (parent_id) REFERENCES fk_board (id),
    CONSTRAINT ck_fk_board_counts CHECK (topic_count >= 0 AND post_count >= 0)
) ${fk_table_options};
-- MariaDB indexes a foreign key by itself (this one as fk_fk_board_parent): there the line below is a comment.
${fk_unless_mariadb}CREATE INDEX ix_fk_board_parent ON fk_board (parent_id);

-- Topics. highest_floor is the last floor allocated: a reply takes highest_floor + 1 under this row's lock.
-- replies counts the visible posts after floor 1.
CREATE TABLE fk_topic (
    id                BIGINT ${fk_identity},
    board_id          BIGINT        NOT NULL,
    title             VARCHAR(1000) NOT NULL,
    topic_type        VARCHAR(255),
    author_id         VARCHAR(128)  ${fk_exact} NOT NULL,
    author_name       VARCHAR(255)  NOT NULL,
    created_at        ${fk_timestamp} NOT NULL,
    pin_level         INTEGER       NOT NULL DEFAULT 0,
    locked            BOOLEAN       NOT NULL DEFAULT FALSE,
    external_key      VARCHAR(255)  ${fk_exact},
    views             BIGINT        NOT NULL DEFAULT 0,
    replies           BIGINT        NOT NULL DEFAULT 0,
    highest_floor     INTEGER       NOT NULL,
    last_post_at      ${fk_timestamp} NOT NULL,
    last_post_by_id   VARCHAR(128)  ${fk_exact} NOT NULL,
    last_post_by_name VARCHAR(255)  NOT NULL,
    CONSTRAINT pk_fk_topic PRIMARY KEY (id),
    CONSTRAINT fk_fk_topic_board FOREIGN KEY (board_id) REFERENCES fk_board (id),
    CONSTRAINT uk_fk_topic_external_key UNIQUE (board_id, external_key),
    CONSTRAINT ck_fk_topic_counts CHECK (pin_level >= 0 AND views >= 0 AND replies >= 0
        AND highest_floor >= 1 AND replies < highest_floor)
) ${fk_table_options};
-- Board listing: pinned first, then newest activity, keyset-paged on (pin_level, last_post_at, id).
CREATE INDEX ix_fk_topic_listing ON fk_topic (board_id, pin_level DESC, last_post_at DESC, id DESC);

-- Posts on numbered floors. Deleted posts stay (state DELETED) and keep their floor. A body is at most
-- 20,000 code points by default (80,000 bytes in utf8mb4), beyond TEXT's 65,535 bytes on MariaDB: MEDIUMTEXT there.
CREATE TABLE fk_post (
    id             BIGINT ${fk_identity},
    topic_id       BIGINT       NOT NULL,
    floor          INTEGER      NOT NULL,
    author_id      VARCHAR(128) ${fk_exact} NOT NULL,
    author_name    VARCHAR(255) NOT NULL,
    created_at     ${fk_timestamp} NOT NULL,
    edited_at      ${fk_timestamp},
    revision       INTEGER      NOT NULL DEFAULT 1,
    body           ${fk_text} NOT NULL,
    format         VARCHAR(32)  ${fk_exact} NOT NULL,
    html           ${fk_text} NOT NULL,
    renderer       VARCHAR(128) NOT NULL,
    state          VARCHAR(16)  ${fk_exact} NOT NULL,
    reply_to_floor INTEGER,
    support        BIGINT       NOT NULL DEFAULT 0,
    oppose         BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT pk_fk_post PRIMARY KEY (id),
    CONSTRAINT fk_fk_post_topic FOREIGN KEY (topic_id) REFERENCES fk_topic (id),
    -- One post per floor; also the index for floor-range paging.
    CONSTRAINT uk_fk_post_floor UNIQUE (topic_id, floor),
    CONSTRAINT ck_fk_post_counts CHECK (floor >= 1 AND revision >= 1 AND support >= 0 AND oppose >= 0)
) ${fk_table_options};
-- "Only this author" pages of a topic.
CREATE INDEX ix_fk_post_author ON fk_post (topic_id, author_id, floor);

-- Quote snapshots: copied from the source post when the reply was written, never changed afterwards.
CREATE TABLE fk_quote (
    post_id            BIGINT       NOT NULL,
    position           INTEGER      NOT NULL,
    source_post_id     BIGINT       NOT NULL,
    source_floor       INTEGER      NOT NULL,
    source_author_id   VARCHAR(128) ${fk_exact} NOT NULL,
    source_author_name VARCHAR(255) NOT NULL,
    source_posted_at   ${fk_timestamp} NOT NULL,
    source_revision    INTEGER      NOT NULL,
    excerpt            ${fk_text} NOT NULL,
    whole              BOOLEAN      NOT NULL,
    truncated          BOOLEAN      NOT NULL,
    CONSTRAINT pk_fk_quote PRIMARY KEY (post_id, position),
    CONSTRAINT fk_fk_quote_post FOREIGN KEY (post_id) REFERENCES fk_post (id),
    CONSTRAINT fk_fk_quote_source FOREIGN KEY (source_post_id) REFERENCES fk_post (id)
) ${fk_table_options};
CREATE INDEX ix_fk_quote_source ON fk_quote (source_post_id);

-- Votes: at most one per (post, user). fk_post.support/oppose always equal the rows here.
CREATE TABLE fk_vote (
    post_id BIGINT       NOT NULL,
    voter   VARCHAR(128) ${fk_exact} NOT NULL,
    kind    VARCHAR(16)  ${fk_exact} NOT NULL,
    CONSTRAINT pk_fk_vote PRIMARY KEY (post_id, voter),
    CONSTRAINT fk_fk_vote_post FOREIGN KEY (post_id) REFERENCES fk_post (id),
    CONSTRAINT ck_fk_vote_kind CHECK (kind IN ('SUPPORT', 'OPPOSE'))
) ${fk_table_options};
