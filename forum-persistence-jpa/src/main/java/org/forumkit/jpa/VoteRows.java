package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.forumkit.model.PostId;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;

/**
 * The vote rows ({@code fk_vote}, one per post and voter) and the support/oppose counts on the post row. Casting a
 * vote is one of the two hot writes, so its statements are the {@link WritePath}'s.
 */
final class VoteRows extends Rows {
    private final WritePath writePath;

    VoteRows(EntityManager em, WritePath writePath) {
        super(em);
        this.writePath = writePath;
    }

    Optional<VoteKind> vote(PostId post, UserId voter) {
        VoteEntity vote = detach(em.find(VoteEntity.class, new VoteEntity.Key(post.value(), voter.value())));
        return Optional.ofNullable(vote).map(v -> VoteKind.valueOf(v.kind));
    }

    Map<UserId, VoteKind> votes(PostId post) {
        Map<UserId, VoteKind> votes = new LinkedHashMap<>();
        em.createQuery("select v.voter, v.kind from ForumkitVote v where v.postId = :post order by v.voter",
                        Object[].class)
                .setParameter("post", post.value())
                .getResultList()
                .forEach(row -> votes.put(UserId.of((String) row[0]), VoteKind.valueOf((String) row[1])));
        return Map.copyOf(votes);
    }

    /** A voter's own votes on some posts (the caller skips the query for no posts). */
    VoteChange castVote(PostId id, UserId voter, VoteKind vote) {
        return writePath.castVote(this, id, voter, vote);
    }
}
