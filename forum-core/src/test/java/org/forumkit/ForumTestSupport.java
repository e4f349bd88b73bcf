package org.forumkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.forumkit.event.ForumEvent;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh in-memory forum per test, with a hand-moved clock and the events it published. */
abstract class ForumTestSupport {
    protected final List<ForumEvent> events = new ArrayList<>();
    protected InMemoryForumStore store;
    protected MutableClock clock;
    protected Forum forum;
    protected ForumFixtures given;

    protected ForumSettings settings() {
        return ForumSettings.defaults().withViewWindow(Duration.ofMinutes(30)).withViewFlushInterval(Duration.ZERO);
    }

    @BeforeEach
    void openForum() {
        store = new InMemoryForumStore();
        clock = MutableClock.atSeedTime();
        forum = Forum.builder().store(store).clock(clock).settings(settings()).listener(events::add).build();
        given = new ForumFixtures(forum);
    }

    @AfterEach
    void closeForum() {
        forum.close();
    }
}
