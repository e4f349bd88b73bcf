-- Forumkit schema, version 19, PostgreSQL only (H2 has no version 19; MariaDB's is its own): a vote as one function
-- call, so nothing but the commit follows the statement that takes the post row's lock. Sent as statements, the
-- lock had to be a statement of its own before the vote's: a statement's snapshot is taken when it starts, so a
-- single statement that waited for the lock would read the voter's old vote as it was before the wait. In a
-- VOLATILE function each statement takes a fresh snapshot under READ COMMITTED, so the reads after the lock see
-- every vote committed before it. The JPA store calls it (PostgresWritePath).
--
-- SECURITY INVOKER: it runs with the caller's rights, which already write these tables.

-- Locks the post row, reads the voter's old vote, writes the new one (p_kind NULL: retracts) and moves both counts
-- when they change. Returns one row (old kind or NULL, support, oppose after), or none when there is no post.
CREATE OR REPLACE FUNCTION fk_cast_vote(p_post BIGINT, p_voter VARCHAR, p_kind VARCHAR,
        OUT o_before VARCHAR, OUT o_support BIGINT, OUT o_oppose BIGINT)
    RETURNS SETOF RECORD
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER
AS $$
BEGIN
    SELECT p.support, p.oppose INTO o_support, o_oppose FROM fk_post p WHERE p.id = p_post FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT v.kind INTO o_before FROM fk_vote v WHERE v.post_id = p_post AND v.voter = p_voter;
    IF p_kind IS NULL THEN
        IF o_before IS NOT NULL THEN
            DELETE FROM fk_vote v WHERE v.post_id = p_post AND v.voter = p_voter;
        END IF;
    ELSIF o_before IS NULL THEN
        INSERT INTO fk_vote (post_id, voter, kind) VALUES (p_post, p_voter, p_kind);
    ELSIF o_before <> p_kind THEN
        UPDATE fk_vote v SET kind = p_kind WHERE v.post_id = p_post AND v.voter = p_voter;
    END IF;
    IF o_before IS DISTINCT FROM p_kind THEN
        o_support := o_support + (p_kind IS NOT DISTINCT FROM 'SUPPORT')::INTEGER
                - (o_before IS NOT DISTINCT FROM 'SUPPORT')::INTEGER;
        o_oppose := o_oppose + (p_kind IS NOT DISTINCT FROM 'OPPOSE')::INTEGER
                - (o_before IS NOT DISTINCT FROM 'OPPOSE')::INTEGER;
        UPDATE fk_post p SET support = o_support, oppose = o_oppose WHERE p.id = p_post;
    END IF;
    RETURN NEXT;
END
$$;
