-- Forumkit schema, version 6: flood control.

-- A user's posting record in a board: the last post and the current hour's window. A post in a board with flood
-- control locks this row, checks and updates it in its transaction, so concurrent posts of one user pass one at a
-- time, on every app node. The first post inserts it; a concurrent first insert fails on the key and is retried.
CREATE TABLE fk_posting_window (
    user_id      VARCHAR(128) ${fk_exact} NOT NULL,
    board_id     BIGINT       NOT NULL,
    last_post_at ${fk_timestamp},
    window_start ${fk_timestamp},
    window_count INTEGER      NOT NULL DEFAULT 0,
    CONSTRAINT pk_fk_posting_window PRIMARY KEY (user_id, board_id),
    CONSTRAINT fk_fk_posting_window_board FOREIGN KEY (board_id) REFERENCES fk_board (id),
    CONSTRAINT ck_fk_posting_window_count CHECK (window_count >= 0)
) ${fk_table_options};
