package org.forumkit.jpa.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.forumkit.ConcurrentUpdateException;
import org.forumkit.Forum;
import org.forumkit.jpa.JpaForumStore;
import org.forumkit.jpa.spring.host.EventLog;
import org.forumkit.jpa.spring.host.FlakyPolicy;
import org.forumkit.jpa.spring.host.HostApp;
import org.forumkit.jpa.spring.host.HostService;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Spring Boot application ({@link HostApp}: entities, a transactional service and a listener of its own, no
 * Forumkit wiring) on one database: the forum appears, its writes join the host's transactions, its events wait for
 * the host's commit, only its own transactions are retried, and closing the application flushes its views.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringBootHostContract {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "Admin", "admin");
    private static final Viewer.Member ALICE = Viewer.user("alice", "Alice");
    private static final Viewer.Member BOB = Viewer.user("bob", "Bob");

    private final List<ConfigurableApplicationContext> started = new ArrayList<>();
    private ConfigurableApplicationContext app;
    private Forum forum;
    private Topic topic;

    /** The {@code spring.datasource.*} (and any other) properties that put the host on this test's database. */
    protected abstract Map<String, Object> database();

    /** A new connection to the test database, also after the application closed. */
    protected abstract Connection connect() throws SQLException;

    /** The host application classes to start. */
    protected Class<?>[] sources() {
        return new Class<?>[] {HostApp.class};
    }

    protected ConfigurableApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(database());
        properties.put("spring.jpa.open-in-view", "false");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(extra);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources())
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run();
        started.add(context);
        return context;
    }

    @BeforeEach
    void startHost() {
        if (app == null) {
            app = start(Map.of());
            forum = app.getBean(Forum.class);
        }
        Board board = forum.boards().create(ADMIN, CreateBoard.board(null, "b" + UUID.randomUUID().toString()
                .substring(0, 8), "Spring"));
        topic = forum.topics().start(ALICE, StartTopic.of(board.id(), "A host's topic", "The opening post."));
    }

    @AfterAll
    void closeHosts() {
        started.forEach(ConfigurableApplicationContext::close);
        if (app != null) {
            afterHosts();
        }
    }

    /** Cleans up after the hosts closed. */
    protected void afterHosts() {
    }

    @Test
    @DisplayName("a Forum bean appears with no host code, its schema migrated into its own history table")
    void forumAppears() throws SQLException {
        assertThat(app.getBeansOfType(Forum.class)).hasSize(1);
        assertThat(app.getBean(JpaForumStore.class)).isNotNull();
        assertThat(count("select count(*) from " + historyTable())).isPositive();
        assertThat(forum.topics().page(BOB, topic.id(), TopicPageRequest.first(20)).posts()).hasSize(1);
    }

    @Test
    @DisplayName("the host's ddl-auto made the host's table and left the forum's as the migrations made them")
    void ddlAutoLeftForumTablesAlone() throws SQLException {
        try (Connection c = connect()) {
            assertThat(ForumColumns.size(c, "fk_post", "body")).isNotEqualTo(ForumColumns.HIBERNATE_TEXT_SIZE);
            assertThat(ForumColumns.size(c, "host_note", "text")).isEqualTo(255);
        }
    }

    @Test
    @DisplayName("a reply in the host's @Transactional method commits with the host's own write, its event after the commit")
    void replyCommitsWithTheHost() throws SQLException {
        HostService host = app.getBean(HostService.class);
        EventLog events = app.getBean(EventLog.class);
        long notes = host.notes();
        int delivered = events.postsCreated().size();
        List<Integer> seenInside = new ArrayList<>();

        Post reply = host.noteAndReply(BOB, topic.id(), "Written with the host's note.",
                r -> seenInside.add(events.postsCreated().size()));

        assertThat(seenInside).as("events delivered while the host's transaction ran").containsExactly(delivered);
        assertThat(events.postsCreated()).hasSize(delivered + 1);
        EventLog.Received received = events.postsCreated().get(delivered);
        assertThat(received.committed()).as("the new post was visible to other connections when its event came").isTrue();
        assertThat(host.notes()).isEqualTo(notes + 1);
        assertThat(forum.topics().page(BOB, topic.id(), TopicPageRequest.first(20)).posts())
                .extracting(Post::id).contains(reply.id());
        assertThat(forum.topics().get(BOB, topic.id()).replies()).isEqualTo(1);
    }

    @Test
    @DisplayName("a host @Transactional method that replies and then throws writes nothing and sends no event")
    void replyRollsBackWithTheHost() throws SQLException {
        HostService host = app.getBean(HostService.class);
        EventLog events = app.getBean(EventLog.class);
        long notes = host.notes();
        int delivered = events.received.size();

        assertThatThrownBy(() -> host.noteReplyAndFail(BOB, topic.id(), "Never written."))
                .isInstanceOf(IllegalStateException.class).hasMessage("the host's own step failed");

        assertThat(host.notes()).isEqualTo(notes);
        assertThat(count("select count(*) from fk_post where topic_id = " + topic.id().value())).isEqualTo(1);
        assertThat(forum.topics().get(BOB, topic.id()).replies()).isZero();
        assertThat(forum.topics().get(BOB, topic.id()).highestFloor()).isEqualTo(1);
        assertThat(events.received).hasSize(delivered);
    }

    @Test
    @DisplayName("a page read in the host's @Transactional method joins it and sees its reply before the commit")
    void pageJoinsTheHostTransaction() throws SQLException {
        HostService host = app.getBean(HostService.class);
        // Outside a transaction the page is read in auto-commit on a connection of its own; inside the host's it
        // must read on the host's connection, or it would miss the reply not yet committed.
        assertThat(host.replyAndPage(BOB, topic.id(), "Seen by the page inside.").posts()).extracting(Post::floor)
                .containsExactly(1, 2);
        assertThat(forum.topics().page(BOB, topic.id(), TopicPageRequest.first(20)).posts()).hasSize(2);
    }

    @Test
    @DisplayName("after a deadlock the forum runs its own transaction again, but never one the host began")
    void onlyForumTransactionsAreRetried() throws SQLException {
        FlakyPolicy flaky = app.getBean(FlakyPolicy.class);
        JpaForumStore store = app.getBean(JpaForumStore.class);
        HostService host = app.getBean(HostService.class);
        long retries = store.retries();

        flaky.failures.set(1);
        Post retried = forum.posts().reply(BOB, org.forumkit.model.Reply.to(topic.id(), "Second time lucky."));
        assertThat(store.retries()).isEqualTo(retries + 1);
        assertThat(retried.floor()).isEqualTo(2);

        flaky.failures.set(1);
        assertThatThrownBy(() -> host.reply(BOB, topic.id(), "Inside the host's transaction."))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(flaky.failures).hasValue(0);
        assertThat(store.retries()).as("the host's transaction is the host's to run again").isEqualTo(retries + 1);
        assertThat(count("select count(*) from fk_post where topic_id = " + topic.id().value())).isEqualTo(2);
    }

    @Test
    @DisplayName("closing the application closes the Forum, which writes its buffered views")
    void shutdownFlushesViews() throws SQLException {
        // A second node on the same database; it leaves the schema alone (create-drop would drop the host's table).
        ConfigurableApplicationContext other = start(Map.of("forumkit.view-flush-interval", "0",
                "spring.jpa.hibernate.ddl-auto", "none"));
        other.getBean(Forum.class).views().record(BOB, topic.id());
        assertThat(count("select views from fk_topic where id = " + topic.id().value())).isZero();

        other.close();

        assertThat(count("select views from fk_topic where id = " + topic.id().value())).isEqualTo(1);
    }

    /**
     * Two host transactions reply to two topics in opposite orders, so each holds one topic's row lock and waits for
     * the other's: the database aborts one (a real deadlock). The store must not run the victim's work again, since
     * the host began that transaction; the host sees a {@link ConcurrentUpdateException} and the other transaction commits.
     */
    protected void hostDeadlockIsNotRetried() throws Exception {
        HostService host = app.getBean(HostService.class);
        JpaForumStore store = app.getBean(JpaForumStore.class);
        // Another board too: a reply also locks its board's row, which two topics of one board would share.
        Board otherBoard = forum.boards().create(ADMIN, CreateBoard.board(null, "d" + UUID.randomUUID().toString()
                .substring(0, 8), "Deadlocks"));
        Topic other = forum.topics().start(ALICE, StartTopic.of(otherBoard.id(), "Another topic", "Its opening."));
        long retries = store.retries();
        java.util.concurrent.CyclicBarrier bothLocked = new java.util.concurrent.CyclicBarrier(2);
        Runnable meet = () -> {
            try {
                bothLocked.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var one = pool.submit(() -> host.replyToBoth(BOB, topic.id(), other.id(), meet));
            var two = pool.submit(() -> host.replyToBoth(ALICE, other.id(), topic.id(), meet));
            List<Throwable> failures = new ArrayList<>();
            for (var future : List.of(one, two)) {
                try {
                    future.get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            assertThat(failures).as("one deadlock victim").hasSize(1);
            assertThat(failures.get(0)).isInstanceOf(ConcurrentUpdateException.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.retries()).as("the host's transactions are the host's to run again").isEqualTo(retries);
        assertThat(count("select count(*) from fk_post where topic_id in (" + topic.id().value() + ", "
                + other.id().value() + ")")).as("two openings and the survivor's two replies").isEqualTo(4);
    }

    /** The forum's Flyway history table as this database's SQL names it. */
    protected String historyTable() {
        return "fk_schema_history";
    }

    protected long count(String sql) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
