-- Forumkit schema, version 2: moderation.

-- A board's moderation settings as a JSON object ({"premoderation": "OFF" | "EVERYONE" | "WITHOUT_ROLES",
-- "trustedRoles": [...]}); '{}' means none. The default is an expression in parentheses, which MySQL needs for
-- a TEXT column.
ALTER TABLE fk_board ADD COLUMN moderation ${fk_text} ${fk_exact} NOT NULL DEFAULT ('{}');

-- The moderation queue: a board's pending posts, oldest first. Few posts are pending, so the index leads with
-- the state and the queue reads only them.
CREATE INDEX ix_fk_post_state ON fk_post (state, id);
