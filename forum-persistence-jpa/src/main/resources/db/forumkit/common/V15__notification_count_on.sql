-- Forumkit schema, version 15: a watcher's folded entry counts the topic's later posts when read.

-- Before, every reply to a watched topic folded into each watcher's unread entry (fold_count + 1, the latest actor),
-- one UPDATE of as many rows as the topic has watchers, under the topic's row lock. Now the entry is written once,
-- when it is created, and counts on: its count is fold_count plus the topic's visible posts from count_from_floor on
-- (to count_to_floor, set when it is read) not by its recipient, derived when the inbox is read, the latest of them
-- its actor. NULL count_from_floor: an entry that counts only what was folded into it (replies to, quotes of and
-- mentions of its recipient, votes), as before.
ALTER TABLE fk_notification ADD COLUMN count_from_floor INTEGER;
ALTER TABLE fk_notification ADD COLUMN count_to_floor INTEGER;
