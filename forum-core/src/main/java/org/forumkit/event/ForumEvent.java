package org.forumkit.event;

import java.time.Instant;
import java.util.List;
import org.forumkit.model.Author;
import org.forumkit.model.Post;
import org.forumkit.model.Report;
import org.forumkit.model.Topic;
import org.forumkit.model.VoteChange;

/** Something that happened in the forum, delivered to listeners after commit. */
public sealed interface ForumEvent {

    Instant at();

    /** A topic was started; {@code openingPost} is floor 1. */
    record TopicStarted(Topic topic, Post openingPost, Instant at) implements ForumEvent {
    }

    /** A reply was posted. */
    record PostCreated(Topic topic, Post post, Instant at) implements ForumEvent {
    }

    /** {@code post} quotes a post of {@code quotedAuthor}: the hook for "you were quoted" notifications. */
    record PostQuoted(Post post, Post quotedPost, Author quotedAuthor, Instant at) implements ForumEvent {
    }

    /** A vote was cast, changed or retracted. */
    record VoteChanged(VoteChange change, Author postAuthor, Instant at) implements ForumEvent {
    }

    /** A post was edited; {@code post} is the new version. */
    record PostEdited(Post post, Author editor, Instant at) implements ForumEvent {
    }

    /** A post was deleted; it keeps its floor as a placeholder. */
    record PostDeleted(Post post, Author by, Instant at) implements ForumEvent {
    }

    /** A moderator approved a post that was waiting for approval. */
    record PostApproved(Post post, Author by, Instant at) implements ForumEvent {
    }

    /** A moderator rejected a post that was waiting for approval; it is deleted. */
    record PostRejected(Post post, Author by, String reason, Instant at) implements ForumEvent {
    }

    /** A user reported a post; {@code postHidden} when this report made it reach the board's threshold. */
    record PostReported(Report report, boolean postHidden, Instant at) implements ForumEvent {
    }

    /** A moderator resolved the open reports of a post. */
    record ReportsResolved(List<Report> reports, Post post, Author by, Instant at) implements ForumEvent {
        public ReportsResolved {
            reports = List.copyOf(reports);
        }
    }

    /** A deleted post was restored. */
    record PostRestored(Post post, Author by, Instant at) implements ForumEvent {
    }
}
