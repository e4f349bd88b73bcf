-- Forumkit schema, version 5: bans and mutes.

-- A user's ban (kind BAN) or mute (MUTE) in one board (board_id) or everywhere (board_id NULL), active until
-- expires_at (NULL: never) unless lifted. Every write of a signed-in user reads the user's active bans by user_id.
CREATE TABLE fk_ban (
    id             BIGINT ${fk_identity},
    user_id        VARCHAR(128) ${fk_exact} NOT NULL,
    board_id       BIGINT,
    kind           VARCHAR(16)  ${fk_exact} NOT NULL,
    reason         ${fk_text} NOT NULL,
    by_id          VARCHAR(128) ${fk_exact} NOT NULL,
    by_name        VARCHAR(255) NOT NULL,
    created_at     ${fk_timestamp} NOT NULL,
    expires_at     ${fk_timestamp},
    lifted_by_id   VARCHAR(128) ${fk_exact},
    lifted_by_name VARCHAR(255),
    lifted_at      ${fk_timestamp},
    CONSTRAINT pk_fk_ban PRIMARY KEY (id),
    CONSTRAINT fk_fk_ban_board FOREIGN KEY (board_id) REFERENCES fk_board (id),
    CONSTRAINT ck_fk_ban_kind CHECK (kind IN ('MUTE', 'BAN'))
) ${fk_table_options};
CREATE INDEX ix_fk_ban_user ON fk_ban (user_id, id);
