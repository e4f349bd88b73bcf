-- Forumkit schema, version 12: the delivery outbox (mail, webhooks) and the users' delivery settings.

-- One row per notification and channel to deliver, written in the transaction of the notification. A node claims
-- due rows with SELECT … FOR UPDATE SKIP LOCKED and marks them in flight until next_at (its lease), sends outside any
-- transaction, and finishes the row only while claim_token is still its own; a node that dies leaves the row to be
-- claimed again when the lease ends. open_channel holds the channel while the row is open (state 0 pending or 1 in
-- flight) and NULL once it is final (2 delivered, 3 dead, 4 skipped), so the unique key allows one open delivery per
-- (notification, channel) and any number of finished ones. next_at is NULL once final: the claim's index scan reads
-- only open rows. No foreign key to fk_notification: purging old notifications leaves their finished deliveries, and
-- a delivery whose notification is gone is skipped.
CREATE TABLE fk_delivery (
    id              BIGINT ${fk_identity},
    notification_id BIGINT       NOT NULL,
    recipient_id    VARCHAR(128) ${fk_exact} NOT NULL,
    channel         VARCHAR(16)  ${fk_exact} NOT NULL,
    open_channel    VARCHAR(16)  ${fk_exact},
    state           SMALLINT     NOT NULL,
    attempts        INT          NOT NULL,
    next_at         ${fk_timestamp},
    claim_token     VARCHAR(36)  ${fk_exact},
    claimed_by      VARCHAR(64),
    last_error      VARCHAR(255),
    created_at      ${fk_timestamp} NOT NULL,
    updated_at      ${fk_timestamp} NOT NULL,
    CONSTRAINT pk_fk_delivery PRIMARY KEY (id),
    CONSTRAINT uq_fk_delivery_open UNIQUE (notification_id, open_channel),
    CONSTRAINT ck_fk_delivery_state CHECK (state BETWEEN 0 AND 4)
) ${fk_table_options};
-- The claim (due rows, oldest due first), the operator's list per state, the purge of finished rows.
CREATE INDEX ix_fk_delivery_due ON fk_delivery (next_at, id);
CREATE INDEX ix_fk_delivery_state ON fk_delivery (state, id);
CREATE INDEX ix_fk_delivery_updated ON fk_delivery (updated_at);

-- A user's own choice per channel and kind (a one-click unsubscribe writes enabled = FALSE); without a row, the
-- sender's default for the kind applies.
CREATE TABLE fk_delivery_pref (
    user_id    VARCHAR(128) ${fk_exact} NOT NULL,
    channel    VARCHAR(16)  ${fk_exact} NOT NULL,
    kind       INT          NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    changed_at ${fk_timestamp} NOT NULL,
    CONSTRAINT pk_fk_delivery_pref PRIMARY KEY (user_id, channel, kind)
) ${fk_table_options};
