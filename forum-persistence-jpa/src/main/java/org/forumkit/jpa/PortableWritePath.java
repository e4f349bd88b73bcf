package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.NewPost;

/** The hot writes in JPQL, one statement per row touched: every database but PostgreSQL (MariaDB, H2). */
final class PortableWritePath implements WritePath {

    @Override
    public Post appendReply(PostRows posts, BoardRows boards, NewPost reply, long topicId, boolean visible) {
        Object[] allocated = allocate(posts.em, reply, topicId, visible);
        Post post = posts.insertPost(topicId, (Integer) allocated[0], reply);
        if (visible) {
            boards.addPost((Long) allocated[1], post);
        }
        return post;
    }

    /** Allocates the next floor; returns it with the topic's board id. Two statements: update, then read it back. */
    private static Object[] allocate(EntityManager em, NewPost reply, long topicId, boolean visible) {
        int updated = visible
                ? em.createQuery("update ForumkitTopic t set t.highestFloor = t.highestFloor + 1,"
                                + " t.replies = t.replies + 1, t.lastPostAt = :at, t.lastPostById = :byId,"
                                + " t.lastPostByName = :byName where t.id = :id")
                        .setParameter("at", Rows.micros(reply.createdAt()))
                        .setParameter("byId", reply.author().id().value())
                        .setParameter("byName", reply.author().displayName())
                        .setParameter("id", topicId)
                        .executeUpdate()
                : em.createQuery("update ForumkitTopic t set t.highestFloor = t.highestFloor + 1 where t.id = :id")
                        .setParameter("id", topicId)
                        .executeUpdate();
        if (updated == 0) {
            throw new NotFoundException(Kind.TOPIC, reply.topicId());
        }
        // Reads this transaction's own write: the floor just allocated, under the lock.
        return em.createQuery("select t.highestFloor, t.boardId from ForumkitTopic t where t.id = :id", Object[].class)
                .setParameter("id", topicId)
                .getSingleResult();
    }

    @Override
    public VoteChange castVote(VoteRows votes, PostId id, UserId voter, VoteKind vote) {
        EntityManager em = votes.em;
        // The vote row is read after the post row's lock with a locking read, which sees the newest committed row
        // even under MariaDB's REPEATABLE READ snapshot.
        PostEntity post = votes.detach(em.find(PostEntity.class, id.value(), LockModeType.PESSIMISTIC_WRITE));
        if (post == null) {
            throw new NotFoundException(Kind.POST, id);
        }
        VoteEntity.Key key = new VoteEntity.Key(id.value(), voter.value());
        VoteEntity row = votes.detach(em.find(VoteEntity.class, key, LockModeType.PESSIMISTIC_WRITE));
        VoteKind before = row == null ? null : VoteKind.valueOf(row.kind);
        if (before == vote) {
            return new VoteChange(id, voter, before, vote, post.support, post.oppose);
        }
        if (before == null) {
            VoteEntity inserted = new VoteEntity(id.value(), voter.value(), vote.name());
            em.persist(inserted);
            em.flush();
            votes.detach(inserted);
        } else if (vote == null) {
            em.createQuery("delete from ForumkitVote v where v.postId = :post and v.voter = :voter")
                    .setParameter("post", id.value())
                    .setParameter("voter", voter.value())
                    .executeUpdate();
        } else {
            em.createQuery("update ForumkitVote v set v.kind = :kind where v.postId = :post and v.voter = :voter")
                    .setParameter("kind", vote.name())
                    .setParameter("post", id.value())
                    .setParameter("voter", voter.value())
                    .executeUpdate();
        }
        long support = VoteKind.delta(before, vote, VoteKind.SUPPORT);
        long oppose = VoteKind.delta(before, vote, VoteKind.OPPOSE);
        em.createQuery("update ForumkitPost p set p.support = p.support + :support, p.oppose = p.oppose + :oppose"
                        + " where p.id = :id")
                .setParameter("support", support)
                .setParameter("oppose", oppose)
                .setParameter("id", id.value())
                .executeUpdate();
        return new VoteChange(id, voter, before, vote, post.support + support, post.oppose + oppose);
    }
}
