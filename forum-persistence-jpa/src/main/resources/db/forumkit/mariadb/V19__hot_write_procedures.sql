-- Forumkit schema, version 19, MariaDB only (the other dialects have no version 19): a reply and a vote as stored
-- procedures, so each is ONE round trip to the server and nothing but the commit follows the statement that takes
-- the hot row's lock. MariaDB has no UPDATE … RETURNING and no data-modifying CTEs; sent statement by statement, a
-- reply held its topic row for three more round trips (the post, the board's shard, the search terms) and a vote its
-- post row for two, each waiting for the client thread to get a core back. The JPA store calls them
-- (MariaDbWritePath); they are the same statements it sent before, in the same order (parent rows first).
--
-- SQL SECURITY INVOKER: they run with the caller's rights, which already write these tables; the caller needs
-- EXECUTE on them as well (GRANT ALL ON the schema includes it). Text parameters name their character set and
-- collation, as a routine's otherwise default to the schema's and a key compared in another collation is an error.

DELIMITER //

DROP PROCEDURE IF EXISTS fk_append_reply //

-- Allocates the topic's next floor (and, for a visible reply, moves the topic's counters and last post), inserts the
-- post, moves its board's shard of counters (visible only; the shard's last post only to a higher id, as in V18) and
-- writes the post's search terms (p_terms: a JSON array of [term, in_title, weight], or NULL). Returns one row
-- (floor, post id), or none when there is no topic p_topic.
CREATE PROCEDURE fk_append_reply(
        IN p_topic BIGINT, IN p_visible BOOLEAN, IN p_shard INTEGER, IN p_at DATETIME(6),
        IN p_by_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
        IN p_by_name VARCHAR(255) CHARACTER SET utf8mb4,
        IN p_body MEDIUMTEXT CHARACTER SET utf8mb4,
        IN p_format VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
        IN p_html MEDIUMTEXT CHARACTER SET utf8mb4,
        IN p_renderer VARCHAR(128) CHARACTER SET utf8mb4,
        IN p_state VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
        IN p_reply_to INTEGER,
        IN p_terms MEDIUMTEXT CHARACTER SET utf8mb4)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
BEGIN
    DECLARE v_board BIGINT DEFAULT NULL;
    DECLARE v_floor INTEGER;
    DECLARE v_post BIGINT;
    -- the topic row's lock first: it allocates the floor and orders every reply to the topic
    SELECT board_id, highest_floor + 1 INTO v_board, v_floor FROM fk_topic WHERE id = p_topic FOR UPDATE;
    IF v_board IS NOT NULL THEN
        IF p_visible THEN
            UPDATE fk_topic SET highest_floor = v_floor, replies = replies + 1, last_post_at = p_at,
                    last_post_by_id = p_by_id, last_post_by_name = p_by_name
                WHERE id = p_topic;
        ELSE
            UPDATE fk_topic SET highest_floor = v_floor WHERE id = p_topic;
        END IF;
        INSERT INTO fk_post (topic_id, floor, author_id, author_name, created_at, revision, body, format, html,
                renderer, state, reply_to_floor, support, oppose)
            VALUES (p_topic, v_floor, p_by_id, p_by_name, p_at, 1, p_body, p_format, p_html, p_renderer, p_state,
                p_reply_to, 0, 0);
        SET v_post = LAST_INSERT_ID();
        IF p_visible THEN
            -- a single-table update assigns left to right: last_post_id goes last, so every test reads the old one
            UPDATE fk_board_counter SET post_count = post_count + 1,
                    last_topic_id = IF(v_post > COALESCE(last_post_id, 0), p_topic, last_topic_id),
                    last_post_floor = IF(v_post > COALESCE(last_post_id, 0), v_floor, last_post_floor),
                    last_post_author_id = IF(v_post > COALESCE(last_post_id, 0), p_by_id, last_post_author_id),
                    last_post_author_name = IF(v_post > COALESCE(last_post_id, 0), p_by_name, last_post_author_name),
                    last_post_at = IF(v_post > COALESCE(last_post_id, 0), p_at, last_post_at),
                    last_post_id = GREATEST(COALESCE(last_post_id, 0), v_post)
                WHERE board_id = v_board AND shard = p_shard;
        END IF;
        IF p_terms IS NOT NULL THEN
            -- wider than the column: an over-long term fails the insert as it does when written on its own
            INSERT INTO fk_search_term (term, post_id, in_title, weight)
                SELECT j.term, v_post, j.in_title, j.weight
                FROM JSON_TABLE(p_terms, '$[*]' COLUMNS (
                        term VARCHAR(1000) CHARACTER SET utf8mb4 PATH '$[0]' ERROR ON EMPTY,
                        in_title BOOLEAN PATH '$[1]' ERROR ON EMPTY,
                        weight INTEGER PATH '$[2]' ERROR ON EMPTY)) j;
        END IF;
        SELECT v_floor, v_post;
    END IF;
END //

DROP PROCEDURE IF EXISTS fk_cast_vote //

-- Locks the post row, reads the voter's old vote under it, writes the new one (p_kind NULL: retracts) and moves both
-- counts when they change. Returns one row (old kind or NULL, support, oppose after), or none when there is no post.
CREATE PROCEDURE fk_cast_vote(
        IN p_post BIGINT,
        IN p_voter VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
        IN p_kind VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
BEGIN
    DECLARE v_support BIGINT DEFAULT NULL;
    DECLARE v_oppose BIGINT;
    DECLARE v_before VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL;
    DECLARE v_new BOOLEAN DEFAULT TRUE;
    SELECT support, oppose INTO v_support, v_oppose FROM fk_post WHERE id = p_post FOR UPDATE;
    IF v_support IS NOT NULL THEN
        IF p_kind IS NOT NULL THEN
            -- a first vote inserts at once (no read first, which would lock the key's gap); a duplicate key says
            -- there is an old one, read then under its row lock
            BEGIN
                DECLARE CONTINUE HANDLER FOR 1062 SET v_new = FALSE;
                INSERT INTO fk_vote (post_id, voter, kind) VALUES (p_post, p_voter, p_kind);
            END;
        END IF;
        IF p_kind IS NULL OR NOT v_new THEN
            BEGIN
                DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_before = NULL;
                SELECT kind INTO v_before FROM fk_vote WHERE post_id = p_post AND voter = p_voter FOR UPDATE;
            END;
            IF p_kind IS NULL AND v_before IS NOT NULL THEN
                DELETE FROM fk_vote WHERE post_id = p_post AND voter = p_voter;
            ELSEIF p_kind IS NOT NULL AND NOT (v_before <=> p_kind) THEN
                UPDATE fk_vote SET kind = p_kind WHERE post_id = p_post AND voter = p_voter;
            END IF;
        END IF;
        IF NOT (v_before <=> p_kind) THEN
            SET v_support = v_support + (p_kind <=> 'SUPPORT') - (v_before <=> 'SUPPORT');
            SET v_oppose = v_oppose + (p_kind <=> 'OPPOSE') - (v_before <=> 'OPPOSE');
            UPDATE fk_post SET support = v_support, oppose = v_oppose WHERE id = p_post;
        END IF;
        SELECT v_before, v_support, v_oppose;
    END IF;
END //

DELIMITER ;
