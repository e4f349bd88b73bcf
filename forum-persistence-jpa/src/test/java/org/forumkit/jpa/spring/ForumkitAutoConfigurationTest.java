package org.forumkit.jpa.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.forumkit.ConcurrentUpdateException;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.jpa.JpaForumStore;
import org.forumkit.jpa.JpaTransactions;
import org.forumkit.jpa.spring.host.FlakyPolicy;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.spi.CensorPolicy;
import org.forumkit.spi.ContentRenderer;
import org.forumkit.spi.CreditPolicy;
import org.forumkit.spi.ForumEventListener;
import org.forumkit.spi.PermissionPolicy;
import org.forumkit.spi.UserDirectory;
import org.forumkit.spi.store.ForumStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;

/** Each condition, property and back-off of {@link ForumkitAutoConfiguration}, on Spring Boot's embedded H2. */
@Tag("h2")
class ForumkitAutoConfigurationTest {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "Admin", "admin");
    private static final Viewer.Member ALICE = Viewer.user("alice", "Alice");

    private final ApplicationContextRunner jpa = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class,
                    ForumkitAutoConfiguration.class));

    private static Topic topic(ApplicationContext context) {
        Forum forum = context.getBean(Forum.class);
        Board board = forum.boards().create(ADMIN, CreateBoard.board(null, "news", "News"));
        return forum.topics().start(ALICE, StartTopic.of(board.id(), "A topic", "The opening post."));
    }

    private static boolean tableExists(ApplicationContext context, String name) throws SQLException {
        try (Connection c = context.getBean(DataSource.class).getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
            return rs.next();
        }
    }

    @Nested
    @DisplayName("conditions")
    class Conditions {

        @Test
        @DisplayName("a DataSource and an EntityManagerFactory give a working Forum on Spring transactions")
        void forumWithJpa() {
            jpa.run(context -> {
                assertThat(context).hasSingleBean(Forum.class).hasSingleBean(JpaForumStore.class)
                        .hasSingleBean(SpringTransactions.class).hasSingleBean(ForumMigrations.class);
                assertThat(context.getBean(ForumMigrations.class).dialect()).isEqualTo("h2");
                Topic topic = topic(context);
                Post reply = context.getBean(Forum.class).posts().reply(ALICE, Reply.to(topic.id(), "A reply."));
                assertThat(reply.floor()).isEqualTo(2);
            });
        }

        @Test
        @DisplayName("NotificationSender and DeliverySettings beans deliver the notifications through the outbox")
        void senderBeansDeliver() {
            org.forumkit.tck.RecordingSender hook = new org.forumkit.tck.RecordingSender(
                    org.forumkit.model.DeliveryChannel.WEBHOOK, java.time.Duration.ZERO, false, java.util.Set.of());
            jpa.withBean(UserDirectory.class, () -> UserDirectory.ROLELESS)
                    .withBean(org.forumkit.spi.NotificationSender.class, () -> hook)
                    .withBean(org.forumkit.DeliverySettings.class, () -> org.forumkit.DeliverySettings.of(
                            "spring boot test key of 32 bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .withPropertyValues("forumkit.deliveries.enabled=false") // this test runs the round itself
                    .run(context -> {
                        assertThat(context).doesNotHaveBean(DeliveryScheduler.class);
                        Topic topic = topic(context);
                        Forum forum = context.getBean(Forum.class);
                        forum.posts().reply(Viewer.user("bob", "Bob"), Reply.to(topic.id(), "A reply."));
                        assertThat(forum.deliveries().deliverDue(10).delivered()).isEqualTo(1);
                        assertThat(hook.sent()).singleElement()
                                .satisfies(n -> assertThat(n.recipient().id()).isEqualTo(ALICE.id()));
                    });
        }

        @Test
        @DisplayName("with a DeliverySettings bean a DeliveryScheduler runs the rounds, started with the context and "
                + "stopped with it; without one there is none")
        void deliveryScheduler() {
            jpa.withBean(UserDirectory.class, () -> UserDirectory.ROLELESS)
                    .withBean(org.forumkit.DeliverySettings.class, () -> org.forumkit.DeliverySettings.of(
                            "spring boot test key of 32 bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .withPropertyValues("forumkit.deliveries.interval=20ms", "forumkit.deliveries.batch=7")
                    .run(context -> {
                        DeliveryScheduler scheduler = context.getBean(DeliveryScheduler.class);
                        assertThat(scheduler.isRunning()).isTrue();
                        long end = System.nanoTime() + 10_000_000_000L;
                        while (scheduler.rounds() < 2 && System.nanoTime() < end) {
                            Thread.sleep(10);
                        }
                        assertThat(scheduler.rounds()).isGreaterThanOrEqualTo(2);
                        context.close();
                        assertThat(scheduler.isRunning()).isFalse();
                    });
            jpa.run(context -> assertThat(context).doesNotHaveBean(DeliveryScheduler.class));
            jpa.withBean(org.forumkit.DeliverySettings.class, () -> org.forumkit.DeliverySettings.of(
                            "spring boot test key of 32 bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .withPropertyValues("forumkit.deliveries.batch=0")
                    .run(context -> assertThat(context).hasFailed());
        }

        @Test
        @DisplayName("a UserDirectory bean turns the inboxes on: a reply reaches the topic's starter")
        void userDirectoryTurnsOnNotifications() {
            jpa.withBean(UserDirectory.class, () -> UserDirectory.ROLELESS).run(context -> {
                Topic topic = topic(context);
                Forum forum = context.getBean(Forum.class);
                forum.posts().reply(Viewer.user("bob", "Bob"), Reply.to(topic.id(), "A reply."));
                assertThat(forum.notifications().unreadExact(ALICE)).isEqualTo(1);
            });
        }

        @Test
        @DisplayName("without an EntityManagerFactory there is no Forum")
        void noEntityManagerFactory() {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                            ForumkitAutoConfiguration.class))
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Forum.class)
                            .doesNotHaveBean(ForumStore.class));
        }

        @Test
        @DisplayName("without a DataSource there is no Forum")
        void noDataSource() {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ForumkitAutoConfiguration.class))
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Forum.class));
        }

        @Test
        @DisplayName("without Flyway the schema is left to the host, and the Forum still appears")
        void noFlyway() {
            jpa.withClassLoader(new FilteredClassLoader(Flyway.class))
                    .run(context -> assertThat(context).hasSingleBean(Forum.class)
                            .doesNotHaveBean(ForumMigrations.class));
        }

        @Test
        @DisplayName("ddl-auto, whatever its mode, leaves the forum's tables as the migrations made them")
        void ddlAutoKeepsOffForumTables() {
            for (String mode : new String[] {"create-drop", "create", "update", "validate"}) {
                jpa.withPropertyValues("spring.jpa.hibernate.ddl-auto=" + mode).run(context -> {
                    assertThat(context).hasSingleBean(Forum.class);
                    try (Connection c = context.getBean(DataSource.class).getConnection()) {
                        assertThat(ForumColumns.size(c, "fk_post", "body")).as(mode)
                                .isNotEqualTo(ForumColumns.HIBERNATE_TEXT_SIZE);
                    }
                    topic(context);
                });
            }
        }

        @Test
        @DisplayName("a schema filter of the host's own with a ddl-auto that changes the schema stops the start")
        void ownSchemaFilterRefused() {
            jpa.withPropertyValues("spring.jpa.hibernate.ddl-auto=update",
                    "spring.jpa.properties.hibernate.hbm2ddl.schema_filter_provider="
                            + "org.hibernate.tool.schema.internal.DefaultSchemaFilterProvider")
                    .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("nothing keeps it off Forumkit's tables"));
            jpa.withPropertyValues("spring.jpa.hibernate.ddl-auto=validate",
                    "spring.jpa.properties.hibernate.hbm2ddl.schema_filter_provider="
                            + "org.hibernate.tool.schema.internal.DefaultSchemaFilterProvider")
                    .run(context -> assertThat(context).hasSingleBean(Forum.class));
        }

        @Test
        @DisplayName("an EntityManagerFactory of the host's own without the forum's entities stops the start, saying why")
        void ownFactoryWithoutEntities() {
            jpa.withUserConfiguration(OwnFactory.class).run(context -> assertThat(context).hasFailed()
                    .getFailure().rootCause().hasMessageContaining("lacks Forumkit's entities")
                    .hasMessageContaining(JpaForumStore.MAPPING_FILE));
        }
    }

    @Nested
    @DisplayName("properties")
    class Properties {

        @Test
        @DisplayName("the defaults are ForumSettings.defaults() and the store's own")
        void defaults() {
            ForumkitProperties properties = new ForumkitProperties();
            assertThat(properties.toSettings()).isEqualTo(ForumSettings.defaults());
            assertThat(properties.getStore().getMaxAttempts()).isEqualTo(5);
            assertThat(properties.getStore().getBackoff()).isEqualTo(Duration.ofMillis(5));
            assertThat(properties.getMigrations().getTable()).isEqualTo("fk_schema_history");
        }

        @Test
        @DisplayName("every ForumSettings value has a forumkit.* property")
        void everySetting() {
            jpa.withPropertyValues("forumkit.max-title-length=81", "forumkit.max-body-length=20001",
                    "forumkit.max-name-length=65", "forumkit.max-quote-length=301",
                    "forumkit.max-quotes-per-post=11", "forumkit.max-page-size=201",
                    "forumkit.self-vote-allowed=true", "forumkit.moderator-role=mods",
                    "forumkit.admin-role=admins", "forumkit.view-window=1h", "forumkit.view-flush-interval=0")
                    .run(context -> assertThat(context.getBean(Forum.class).settings()).isEqualTo(
                            new ForumSettings(81, 20_001, 65, 301, 11, 201, true, "mods", "admins",
                                    Duration.ofHours(1), Duration.ZERO)));
        }

        @Test
        @DisplayName("forumkit.search.* are the forum's search limits, and a lowered one is enforced")
        void searchLimits() {
            jpa.withPropertyValues("forumkit.search.max-query-length=10", "forumkit.search.max-terms=8",
                    "forumkit.search.max-hits-per-page=5", "forumkit.search.min-word-length=3",
                    "forumkit.search.min-cjk-length=2", "forumkit.search.per-member=7",
                    "forumkit.search.anonymous=70", "forumkit.search.window=2m")
                    .run(context -> {
                        Forum forum = context.getBean(Forum.class);
                        assertThat(forum.settings().search()).isEqualTo(new ForumSettings.SearchLimits(10, 8, 5, 3,
                                2, 7, 70, Duration.ofMinutes(2)));
                        assertThatThrownBy(() -> forum.search().find(ALICE,
                                org.forumkit.model.SearchQuery.of("x".repeat(11)),
                                org.forumkit.model.PageRequest.first(20)))
                                .isInstanceOf(org.forumkit.ValidationException.class);
                    });
        }

        @Test
        @DisplayName("a bad forumkit.search.* value stops the start, naming it")
        void badSearchLimit() {
            jpa.withPropertyValues("forumkit.search.min-word-length=1").run(context -> assertThat(context)
                    .hasFailed().getFailure().rootCause().hasMessageContaining("search.minWordLength"));
        }

        @Test
        @DisplayName("forumkit.store.* is the retry budget of forum-begun transactions")
        void retryBudget() {
            jpa.withBean(FlakyPolicy.class, FlakyPolicy::new)
                    .withPropertyValues("forumkit.store.max-attempts=2", "forumkit.store.backoff=1ms")
                    .run(context -> {
                        Topic topic = topic(context);
                        FlakyPolicy flaky = context.getBean(FlakyPolicy.class);
                        flaky.failures.set(10);
                        assertThatThrownBy(() -> context.getBean(Forum.class).posts()
                                .reply(ALICE, Reply.to(topic.id(), "Never written.")))
                                .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("after 2 attempts");
                        assertThat(context.getBean(JpaForumStore.class).retries()).isEqualTo(1);
                    });
        }

        @Test
        @DisplayName("forumkit.migrations.enabled=false leaves the schema to the DBA")
        void migrationsOff() {
            jpa.withPropertyValues("forumkit.migrations.enabled=false").run(context -> {
                assertThat(context).hasSingleBean(Forum.class).doesNotHaveBean(ForumMigrations.class);
                assertThat(tableExists(context, "fk_schema_history")).isFalse();
            });
        }

        @Test
        @DisplayName("forumkit.migrations.table names the forum's own Flyway history table")
        void historyTable() {
            jpa.withPropertyValues("forumkit.migrations.table=forum_history").run(context -> {
                assertThat(tableExists(context, "forum_history")).isTrue();
                assertThat(tableExists(context, "fk_schema_history")).isFalse();
            });
        }

        @Test
        @DisplayName("forumkit.migrations.dialect overrides the one read from the DataSource")
        void dialect() {
            jpa.withPropertyValues("forumkit.migrations.dialect=oracle").run(context -> assertThat(context)
                    .hasFailed().getFailure().rootCause().hasMessageContaining("no migrations for 'oracle'"));
            jpa.withPropertyValues("forumkit.migrations.dialect=h2").run(context ->
                    assertThat(context.getBean(ForumMigrations.class).dialect()).isEqualTo("h2"));
        }
    }

    @Nested
    @DisplayName("the host's beans")
    class HostBeans {

        @Test
        @DisplayName("the host's Forum replaces the auto-configured one")
        void ownForum() {
            Forum own = Forum.builder().store(new InMemoryForumStore()).build();
            jpa.withBean(Forum.class, () -> own).run(context ->
                    assertThat(context).getBean(Forum.class).isSameAs(own));
        }

        @Test
        @DisplayName("the host's ForumStore replaces the JPA store")
        void ownStore() {
            jpa.withBean(ForumStore.class, InMemoryForumStore::new).run(context -> {
                assertThat(context).doesNotHaveBean(JpaForumStore.class).hasSingleBean(Forum.class);
                topic(context);
                java.util.List<Board> boards = context.getBean(InMemoryForumStore.class).readOnly(tx -> tx.boards());
                assertThat(boards).hasSize(1);
            });
        }

        @Test
        @DisplayName("the host's JpaTransactions carries the store's transactions")
        void ownTransactions() {
            jpa.withBean(CountingTransactions.class).run(context -> {
                assertThat(context).doesNotHaveBean(SpringTransactions.class);
                topic(context);
                assertThat(context.getBean(CountingTransactions.class).calls).hasPositiveValue();
            });
        }

        @Test
        @DisplayName("the host's policies, renderer and listener are wired into the Forum")
        void hooks() {
            AtomicBoolean permission = new AtomicBoolean();
            AtomicBoolean censor = new AtomicBoolean();
            AtomicBoolean credit = new AtomicBoolean();
            AtomicInteger events = new AtomicInteger();
            jpa.withBean(PermissionPolicy.class, () -> (viewer, action, board, topic, decided) -> {
                        permission.set(true);
                        return decided;
                    })
                    .withBean(CensorPolicy.class, () -> board -> {
                        censor.set(true);
                        return org.forumkit.censor.WordFilter.empty();
                    })
                    .withBean(CreditPolicy.class, () -> board -> {
                        credit.set(true);
                        return java.util.List.of();
                    })
                    .withBean(ContentRenderer.class, HostPlain::new)
                    .withBean(ForumEventListener.class, () -> event -> events.incrementAndGet())
                    .run(context -> {
                        Topic topic = topic(context);
                        Post reply = context.getBean(Forum.class).posts().reply(ALICE, Reply.to(topic.id(), "Hi"));
                        assertThat(reply.renderer()).isEqualTo("host-plain/1");
                        assertThat(permission).isTrue();
                        assertThat(censor).isTrue();
                        assertThat(credit).isTrue();
                        assertThat(events).hasValueGreaterThanOrEqualTo(2);
                    });
        }
    }

    /** A host that builds its entity manager factory itself, from its own entities only. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OwnFactory {
        @org.springframework.context.annotation.Bean
        org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource) {
            var factory = new org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean();
            factory.setDataSource(dataSource);
            factory.setPackagesToScan("org.forumkit.jpa.spring.host");
            factory.setJpaVendorAdapter(new org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter());
            return factory;
        }
    }

    /** The host's own PLAIN renderer, replacing the built-in one. */
    static final class HostPlain implements ContentRenderer {
        @Override
        public ContentFormat format() {
            return ContentFormat.PLAIN;
        }

        @Override
        public String version() {
            return "host-plain/1";
        }

        @Override
        public String render(String source) {
            return "<p>" + org.jsoup.nodes.Entities.escape(source) + "</p>";
        }
    }

    /** A host's own transaction strategy: resource-local, counting its calls. */
    static final class CountingTransactions implements JpaTransactions {
        final AtomicInteger calls = new AtomicInteger();
        private final JpaTransactions inner;

        CountingTransactions(EntityManagerFactory emf) {
            this.inner = JpaTransactions.resourceLocal(emf);
        }

        @Override
        public <T> T inTransaction(boolean readOnly, Work<T> work) {
            calls.incrementAndGet();
            return inner.inTransaction(readOnly, work);
        }
    }
}
