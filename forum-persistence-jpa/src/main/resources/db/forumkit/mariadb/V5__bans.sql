-- Forumkit schema, version 5, for MariaDB 10.8+ and MySQL 8: bans and mutes.

-- A user's ban (kind BAN) or mute (MUTE) in one board (board_id) or everywhere (board_id NULL), active until
-- expires_at (NULL: never) unless lifted. Every write of a signed-in user reads the user's active bans by user_id.
CREATE TABLE fk_ban (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    user_id        VARCHAR(128) COLLATE utf8mb4_bin NOT NULL,
    board_id       BIGINT,
    kind           VARCHAR(16)  COLLATE utf8mb4_bin NOT NULL,
    reason         MEDIUMTEXT   NOT NULL,
    by_id          VARCHAR(128) COLLATE utf8mb4_bin NOT NULL,
    by_name        VARCHAR(255) NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    expires_at     DATETIME(6),
    lifted_by_id   VARCHAR(128) COLLATE utf8mb4_bin,
    lifted_by_name VARCHAR(255),
    lifted_at      DATETIME(6),
    CONSTRAINT pk_fk_ban PRIMARY KEY (id),
    CONSTRAINT fk_fk_ban_board FOREIGN KEY (board_id) REFERENCES fk_board (id),
    CONSTRAINT ck_fk_ban_kind CHECK (kind IN ('MUTE', 'BAN'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE INDEX ix_fk_ban_user ON fk_ban (user_id, id);
