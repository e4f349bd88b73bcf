package org.forumkit.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.PermissionDeniedException;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.Votes;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.Action;
import org.forumkit.model.Author;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.DenialReason;
import org.forumkit.model.PostId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;

final class VotesService implements Votes {
    private final ForumEngine forum;

    VotesService(ForumEngine forum) {
        this.forum = forum;
    }

    @Override
    public VoteChange cast(Viewer viewer, PostId post, VoteKind vote) {
        if (vote == null) {
            throw new ValidationException(List.of(Violation.of("vote", "required")));
        }
        return change(viewer, post, vote);
    }

    @Override
    public VoteChange retract(Viewer viewer, PostId post) {
        return change(viewer, post, null);
    }

    private VoteChange change(Viewer viewer, PostId id, VoteKind vote) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "post");
        return forum.store.inTransaction(tx -> {
            PostsService.Target target = PostsService.target(tx, id);
            forum.access.require(viewer, forum.standing(tx, viewer, target.board()), Action.VOTE, target.board(),
                    Optional.of(target.topic()));
            Author voter = forum.author(viewer);
            if (!target.post().isVisible()) {
                throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "post " + id + " is not visible");
            }
            if (vote != null && !forum.settings.selfVoteAllowed() && forum.access.isAuthor(viewer, target.post())) {
                throw new PermissionDeniedException(DenialReason.OWN_POST, "post " + id);
            }
            VoteChange change = tx.castVote(id, voter.id(), vote);
            if (change.changed()) {
                if (change.after() == VoteKind.SUPPORT) {
                    forum.award(tx, target.board(), target.post().author().id(), CreditEvent.RECEIVE_SUPPORT, id);
                }
                forum.publish(tx, new ForumEvent.VoteChanged(change, target.post().author(), forum.now()));
            }
            return change;
        });
    }
}
