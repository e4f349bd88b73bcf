-- Forumkit schema, version 8: credits (积分).

-- A user's balance; an award locks this row, counts the rule's entries in the cycle, appends one and moves the
-- balance, so a rule's cap holds under concurrency. The first award inserts it.
CREATE TABLE fk_credit_balance (
    user_id VARCHAR(128) ${fk_exact} NOT NULL,
    balance BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT pk_fk_credit_balance PRIMARY KEY (user_id)
) ${fk_table_options};

-- The ledger: one row per award or deduction. cycle_key is 'once', a UTC date or 'unlimited'.
CREATE TABLE fk_credit_entry (
    id         BIGINT ${fk_identity},
    user_id    VARCHAR(128) ${fk_exact} NOT NULL,
    board_id   BIGINT       NOT NULL,
    event      VARCHAR(32)  ${fk_exact} NOT NULL,
    amount     BIGINT       NOT NULL,
    cycle_key  VARCHAR(16)  ${fk_exact} NOT NULL,
    post_id    BIGINT,
    created_at ${fk_timestamp} NOT NULL,
    CONSTRAINT pk_fk_credit_entry PRIMARY KEY (id),
    CONSTRAINT fk_fk_credit_entry_board FOREIGN KEY (board_id) REFERENCES fk_board (id)
) ${fk_table_options};
CREATE INDEX ix_fk_credit_entry_user ON fk_credit_entry (user_id, id);
CREATE INDEX ix_fk_credit_entry_cycle ON fk_credit_entry (user_id, board_id, event, cycle_key);
