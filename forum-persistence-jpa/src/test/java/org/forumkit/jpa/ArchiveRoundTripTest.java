package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.json.ForumArchive;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.EditPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.NewPost;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A whole forum (boards, sub-boards, pinned and locked topics, quotes, edits, deletions, pending posts, votes,
 * views) imported into the JPA store reads back exactly as the in-memory reference store reads the same import,
 * ids included.
 */
class ArchiveRoundTripTest {
    private static final Instant EXPORTED_AT = Instant.parse("2026-11-26T00:00:00Z");

    private static InMemoryForumStore original() {
        InMemoryForumStore store = new InMemoryForumStore();
        MutableClock clock = MutableClock.atSeedTime();
        try (Forum forum = Forum.builder().store(store).clock(clock)
                .settings(ForumSettings.defaults().withViewWindow(Duration.ZERO)
                        .withViewFlushInterval(Duration.ZERO)).build()) {
            ForumFixtures given = new ForumFixtures(forum);
            Board news = given.board();
            Board other = given.board();
            forum.boards().create(ADMIN, CreateBoard.board(news.id(), "sub-board", "子版块").moderatedBy(BOB.id()));
            Topic seed = forum.topics().start(ALICE, StartTopic.of(news.id(), "强化高水平崛起的民政服务保障",
                    "四是加强社会工作专业人才队伍建设😀").withType("新闻媒体"));
            clock.advance(Duration.ofMillis(1_500_250));
            Topic elsewhere = forum.topics().start(BOB, StartTopic.of(other.id(), "评论", "first")
                    .forExternalKey("article-42"));
            clock.advance(Duration.ofSeconds(1));
            Post quoting = forum.posts().reply(BOB, Reply.to(seed.id(), "希望该培训真的能系统落实~")
                    .quoting(1, "加强社会工作"));
            clock.advance(Duration.ofSeconds(1));
            Post doomed = forum.posts().reply(CAROL, Reply.to(seed.id(), "spam"));
            forum.posts().reply(CAROL, Reply.to(elsewhere.id(), "second comment"));
            clock.advance(Duration.ofSeconds(1));
            Post first = forum.topics().page(ADMIN, seed.id(), TopicPageRequest.first(1)).posts().get(0);
            forum.posts().edit(ALICE, EditPost.of(first.id(), "改过了"));
            forum.posts().delete(MOD, doomed.id());
            forum.votes().cast(CAROL, quoting.id(), VoteKind.SUPPORT);
            forum.votes().cast(ALICE, quoting.id(), VoteKind.OPPOSE);
            forum.topics().pin(MOD, seed.id(), 2);
            forum.topics().lock(MOD, elsewhere.id(), true);
            for (int i = 0; i < 37; i++) {
                forum.views().record(Viewer.anonymous(), seed.id());
            }
            forum.views().flush();
            store.inTransaction(tx -> tx.appendReply(new NewPost(seed.id(), new Author(CAROL.id(), "Carol"),
                    clock.advance(Duration.ofSeconds(1)), "待审核", ContentFormat.PLAIN, "<p>待审核</p>", "plain/1",
                    PostState.PENDING, 2, List.of())));
        }
        return store;
    }

    @Nested
    @Tag("h2")
    class OnH2 extends Cases {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgreSql extends Cases {
        OnPostgreSql() {
            super(TestDatabase.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb extends Cases {
        OnMariaDb() {
            super(TestDatabase.MARIADB);
        }
    }

    /** The tests, run once per database by the nested classes above (one JUnit tag each). */
    abstract class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        @Test
        void anImportedForumReadsBackLikeTheReferenceStore() {
            JpaForumStore store = db.require().freshStore();
            ForumArchive archive = new ForumArchive();
            ForumArchive.Document document = archive.export(original(), EXPORTED_AT);

            InMemoryForumStore reference = new InMemoryForumStore();
            archive.importInto(reference, document);
            archive.importInto(store, document);

            ForumArchive.Document expected = archive.export(reference, EXPORTED_AT);
            ForumArchive.Document actual = archive.export(store, EXPORTED_AT);
            assertThat(actual.boards()).hasSize(expected.boards().size()).isNotEmpty();
            assertThat(actual).isEqualTo(expected);
        }
    }
}
