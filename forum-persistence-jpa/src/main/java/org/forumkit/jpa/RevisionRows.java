package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.Author;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;

/** The revision rows ({@code fk_post_revision}): the text each edit of a post replaced. */
final class RevisionRows extends Rows {

    RevisionRows(EntityManager em) {
        super(em);
    }

    List<PostRevision> revisions(PostId post) {
        return list(em.createQuery("select r from ForumkitPostRevision r where r.postId = :post order by r.revision",
                        RevisionEntity.class)
                .setParameter("post", post.value())).stream()
                .map(Records::revision)
                .toList();
    }

    PostRevision keepRevision(PostId id, Author replacedBy, Instant at) {
        // A locking read: the newest committed text even under MariaDB's REPEATABLE READ snapshot, and concurrent
        // edits of the post wait here, so each keeps the text it replaces.
        PostEntity post = detach(em.find(PostEntity.class, id.value(), LockModeType.PESSIMISTIC_WRITE));
        if (post == null) {
            throw new NotFoundException(Kind.POST, id);
        }
        RevisionEntity row = new RevisionEntity();
        row.postId = post.id;
        row.revision = post.revision;
        row.body = post.body;
        row.format = post.format;
        row.replacedById = replacedBy.id().value();
        row.replacedByName = replacedBy.displayName();
        row.replacedAt = micros(at);
        em.persist(row);
        em.flush();
        return Records.revision(detach(row));
    }
}
