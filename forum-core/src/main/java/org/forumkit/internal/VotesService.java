package org.forumkit.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.ForumSettings;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
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
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.WithBans;

final class VotesService implements Votes {
    private final ForumStore store;
    private final ForumSettings settings;
    private final AccessRules access;
    private final Standings standings;
    private final CreditAwards credits;
    private final Events events;
    private final ForumClock clock;

    VotesService(ForumStore store, ForumSettings settings, AccessRules access, Standings standings,
            CreditAwards credits, Events events, ForumClock clock) {
        this.store = store;
        this.settings = settings;
        this.access = access;
        this.standings = standings;
        this.credits = credits;
        this.events = events;
        this.clock = clock;
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
        return store.inTransaction(tx -> {
            // the viewer's bans come with the post: one read for both
            WithBans<PostInTopic> found = tx.postInTopic(id, Standings.member(viewer), clock.now())
                    .orElseThrow(() -> new NotFoundException(Kind.POST, id));
            PostInTopic target = found.found();
            access.require(viewer, standings.of(found.viewerBans()), Action.VOTE, target.board(),
                    Optional.of(target.topic()));
            Author voter = access.author(viewer);
            if (!target.post().isVisible()) {
                throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "post " + id + " is not visible");
            }
            if (vote != null && !settings.selfVoteAllowed() && access.isAuthor(viewer, target.post())) {
                throw new PermissionDeniedException(DenialReason.OWN_POST, "post " + id);
            }
            VoteChange change = tx.castVote(id, voter.id(), vote);
            if (change.changed()) {
                if (change.after() == VoteKind.SUPPORT) {
                    credits.award(tx, target.board(), target.post().author().id(), CreditEvent.RECEIVE_SUPPORT, id);
                }
                events.publish(tx, new ForumEvent.VoteChanged(change, target.post().author(), clock.now()));
            }
            return change;
        });
    }
}
