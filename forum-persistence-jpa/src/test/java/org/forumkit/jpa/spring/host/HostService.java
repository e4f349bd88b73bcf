package org.forumkit.jpa.spring.host;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.function.Consumer;
import org.forumkit.Forum;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.springframework.transaction.annotation.Transactional;

/** The host's own service: its transactions write a note of its own and a forum reply together. */
public class HostService {
    private final Forum forum;

    @PersistenceContext
    private EntityManager em;

    public HostService(Forum forum) {
        this.forum = forum;
    }

    /** A note and a reply in one host transaction; {@code inside} sees the reply before the commit. */
    @Transactional
    public Post noteAndReply(Viewer viewer, TopicId topic, String text, Consumer<Post> inside) {
        em.persist(new Note(text));
        Post reply = forum.posts().reply(viewer, Reply.to(topic, text));
        inside.accept(reply);
        return reply;
    }

    /** A note and a reply, then a failure of the host's: the transaction rolls back. */
    @Transactional
    public void noteReplyAndFail(Viewer viewer, TopicId topic, String text) {
        em.persist(new Note(text));
        forum.posts().reply(viewer, Reply.to(topic, text));
        throw new IllegalStateException("the host's own step failed");
    }

    /** A reply inside a host transaction, nothing else. */
    @Transactional
    public Post reply(Viewer viewer, TopicId topic, String text) {
        return forum.posts().reply(viewer, Reply.to(topic, text));
    }

    /** Replies to {@code first}, runs {@code between}, then replies to {@code second}, in one host transaction. */
    @Transactional
    public void replyToBoth(Viewer viewer, TopicId first, TopicId second, Runnable between) {
        forum.posts().reply(viewer, Reply.to(first, "First of two."));
        between.run();
        forum.posts().reply(viewer, Reply.to(second, "Second of two."));
    }

    /** A reply, then the topic's first page, in one host transaction (not committed yet when the page is read). */
    @Transactional
    public TopicPage replyAndPage(Viewer viewer, TopicId topic, String text) {
        forum.posts().reply(viewer, Reply.to(topic, text));
        return forum.topics().page(viewer, topic, TopicPageRequest.first(20));
    }

    /** How many notes the host has written. */
    @Transactional(readOnly = true)
    public long notes() {
        return em.createQuery("select count(n) from Note n", Long.class).getSingleResult();
    }
}
