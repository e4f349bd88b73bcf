-- Forumkit schema, version 14: a smaller search index.
--
-- PostgreSQL: the term table (a heap tuple of ~24 bytes of header per term and post, plus two B-trees) is replaced
-- by fk_search_doc, ONE row per indexed post. `keys` holds a 64-bit key per distinct term (the first 8 bytes of the
-- MD5 of the term's UTF-8, as a signed big-endian BIGINT) and, for a title's terms, a second key (the MD5 of
-- U+0001 followed by the term, a character the analysis never keeps); a GIN index over it answers `keys @> …` for
-- every term of a query at once. Most terms occur once: only the others are listed again in `heavy_keys`, with
-- their weights in `heavy_weights` (a title key's weight is the title's, a term key's the title's plus the body's),
-- and every key not listed there weighs 1; a match scores from those short arrays and never reads `keys` itself.
-- `keys` is STORAGE EXTERNAL: random keys never compress, so a row over 2 KB (a long post) goes out of line at once
-- instead of after a failed compression; shorter rows stay in the main table (PostgreSQL toasts nothing under
-- 2 KB, whatever toast_tuple_target says).
-- The Java writer (SearchKeyRows) computes the same keys; core re-checks every hit against the post's text, so two
-- terms sharing a key can only cost a wasted candidate, never a wrong hit.
--
-- MariaDB keeps the term table, page-compressed (InnoDB compresses each 16 KB page with zlib before writing it).
-- H2 keeps the term table as it is.
${fk_only_postgresql}CREATE TABLE fk_search_doc (
${fk_only_postgresql}    post_id       BIGINT    NOT NULL,
${fk_only_postgresql}    keys          BIGINT[]  NOT NULL,
${fk_only_postgresql}    heavy_keys    BIGINT[]  NOT NULL,
${fk_only_postgresql}    heavy_weights INTEGER[] NOT NULL,
${fk_only_postgresql}    CONSTRAINT pk_fk_search_doc PRIMARY KEY (post_id),
${fk_only_postgresql}    CONSTRAINT fk_fk_search_doc_post FOREIGN KEY (post_id) REFERENCES fk_post (id),
${fk_only_postgresql}    CONSTRAINT ck_fk_search_doc_heavy CHECK (cardinality(heavy_keys) = cardinality(heavy_weights))
${fk_only_postgresql});
${fk_only_postgresql}ALTER TABLE fk_search_doc ALTER COLUMN keys SET STORAGE EXTERNAL;
-- The existing terms, converted here: one key per (post, term) with the weights of its title and body rows added,
-- one title key per title row; keys that coincide within a post (two terms, one key) are merged, as in Java.
${fk_only_postgresql}INSERT INTO fk_search_doc (post_id, keys, heavy_keys, heavy_weights)
${fk_only_postgresql}SELECT post_id, array_agg(k ORDER BY k),
${fk_only_postgresql}       coalesce(array_agg(k ORDER BY k) FILTER (WHERE w > 1), '{}'),
${fk_only_postgresql}       coalesce(array_agg(w ORDER BY k) FILTER (WHERE w > 1), '{}')
${fk_only_postgresql}FROM (SELECT post_id, k, CAST(sum(weight) AS INTEGER) AS w
${fk_only_postgresql}      FROM (SELECT post_id, CAST(CAST('x' || left(md5(term), 16) AS BIT(64)) AS BIGINT) AS k, weight
${fk_only_postgresql}            FROM fk_search_term
${fk_only_postgresql}            UNION ALL
${fk_only_postgresql}            SELECT post_id, CAST(CAST('x' || left(md5(chr(1) || term), 16) AS BIT(64)) AS BIGINT), weight
${fk_only_postgresql}            FROM fk_search_term WHERE in_title) AS term_keys
${fk_only_postgresql}      GROUP BY post_id, k) AS post_keys
${fk_only_postgresql}GROUP BY post_id;
-- fastupdate off: a reply's keys go into the index at once, so no reply pays for flushing a pending list under its
-- topic's row lock and no query scans one.
${fk_only_postgresql}CREATE INDEX ix_fk_search_doc_keys ON fk_search_doc USING gin (keys) WITH (fastupdate = off);
${fk_only_postgresql}DROP TABLE fk_search_term;

${fk_only_mariadb}ALTER TABLE fk_search_term PAGE_COMPRESSED = 1;
