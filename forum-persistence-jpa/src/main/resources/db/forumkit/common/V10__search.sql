-- Forumkit schema, version 10: the search index, a term table that every dialect serves with a plain B-tree.
-- Core analyses titles and bodies (CJK single characters and overlapping bigrams, NFKC lower-cased words) and
-- writes one row per (term, post, title-or-body) in the post's own transaction. A query looks up each of its terms
-- by the primary key, which leads with the term; the posts' state, author, time and board are read from fk_post
-- and fk_topic at query time, so deleting, approving or moving never rewrites the index.
-- Terms are compared byte for byte (utf8mb4_bin on MariaDB): the analysis has folded them already, and a collation
-- that folds again would make distinct terms collide on the key.
CREATE TABLE fk_search_term (
    term     VARCHAR(64) ${fk_exact} NOT NULL,
    post_id  BIGINT      NOT NULL,
    in_title BOOLEAN     NOT NULL,
    weight   INTEGER     NOT NULL,
    CONSTRAINT pk_fk_search_term PRIMARY KEY (term, post_id, in_title),
    CONSTRAINT fk_fk_search_term_post FOREIGN KEY (post_id) REFERENCES fk_post (id),
    CONSTRAINT ck_fk_search_term_weight CHECK (weight >= 1)
) ${fk_table_options};
-- Replacing a post's terms (an edit, a re-index). MariaDB indexes the foreign key by itself.
${fk_unless_mariadb}CREATE INDEX ix_fk_search_term_post ON fk_search_term (post_id);
