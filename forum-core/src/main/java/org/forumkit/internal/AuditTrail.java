package org.forumkit.internal;

import org.forumkit.model.AuditAction;
import org.forumkit.model.Author;
import org.forumkit.model.BoardId;
import org.forumkit.model.PostId;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.NewAuditEntry;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.StoreTransaction;

/** Writes the audit log of moderators' and admins' actions; {@link AuditService} reads it. */
final class AuditTrail {
    private final ForumClock clock;

    AuditTrail(ForumClock clock) {
        this.clock = clock;
    }

    /** Appends an audit entry in {@code tx}: the action is logged exactly when it commits. */
    void record(StoreTransaction tx, BoardId board, Author actor, AuditAction action, TopicId topic, PostId post,
            UserId subject, Object before, Object after, String reason) {
        tx.appendAudit(new NewAuditEntry(board, actor, action, topic, post, subject,
                before == null ? null : before.toString(), after == null ? null : after.toString(), reason,
                clock.now()));
    }

    /** Appends the audit entry of a moderator's action on a post, about the post's author. */
    void record(StoreTransaction tx, PostInTopic target, Author actor, AuditAction action, Object before,
            Object after, String reason) {
        record(tx, target.board().id(), actor, action, target.topic().id(), target.post().id(),
                target.post().author().id(), before, after, reason);
    }
}
