-- Forumkit schema, version 2, for H2 2.x: moderation.

-- A board's moderation settings as a JSON object ({"premoderation": "OFF" | "EVERYONE" | "WITHOUT_ROLES",
-- "trustedRoles": [...]}); '{}' means none.
ALTER TABLE fk_board ADD COLUMN moderation CHARACTER VARYING NOT NULL DEFAULT '{}';

-- The moderation queue: a board's pending posts, oldest first.
CREATE INDEX ix_fk_post_state ON fk_post (state, id);
