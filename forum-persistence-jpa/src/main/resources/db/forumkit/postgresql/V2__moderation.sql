-- Forumkit schema, version 2, for PostgreSQL 13+: moderation.

-- A board's moderation settings as a JSON object ({"premoderation": "OFF" | "EVERYONE" | "WITHOUT_ROLES",
-- "trustedRoles": [...]}); '{}' means none.
ALTER TABLE fk_board ADD COLUMN moderation TEXT NOT NULL DEFAULT '{}';

-- The moderation queue: a board's pending posts, oldest first. Few posts are pending, so the index leads with
-- the state and the queue reads only them.
CREATE INDEX ix_fk_post_state ON fk_post (state, id);
