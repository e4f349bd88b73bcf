package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanKind;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.FloodControl;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Premoderation;
import org.forumkit.model.Quote;
import org.forumkit.model.SourceState;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.NewBan;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.PostEdit;
import org.forumkit.spi.store.StoredTopicPage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The topic page read with plain JDBC ({@link JdbcReads}) holds exactly what the entities hold for the same rows:
 * every column of the topic, the board (its JSON columns too), the posts in every state with their quotes, the
 * viewer's votes and bans, the quotes' sources, and every timestamp to the microsecond, also with the JVM in a zone
 * that is not UTC (MariaDB's {@code DATETIME(6)} holds UTC wall times).
 */
class JdbcReadsTest {
    private static final Author WRITER = new Author(UserId.of("writer"), "作者");
    private static final Author OTHER = new Author(UserId.of("other"), "别人😀");
    private static final Author MOD = new Author(UserId.of("mod"), "版主");
    private static final UserId READER = UserId.of("reader");
    private static final Instant T0 = Instant.parse("2024-05-01T23:30:00.123456Z");

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

    abstract static class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        private static NewPost post(TopicId topic, Author author, int n, List<Quote> quotes, Integer replyTo) {
            return new NewPost(topic, author, T0.plusSeconds(n).plusNanos(n * 1_000L), "floor " + n + " 楼",
                    ContentFormat.PLAIN, "<p>floor " + n + "</p>", "plain/1", PostState.VISIBLE, replyTo, quotes);
        }

        @Test
        void thePageReadWithJdbcEqualsTheEntitiesOfTheSameRows() {
            TimeZone zone = TimeZone.getDefault();
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
            try {
                JpaForumStore store = db.require().freshStore();
                TopicId id = seed(store);
                for (Optional<UserId> viewer : List.of(Optional.of(READER), Optional.<UserId>empty())) {
                    for (TopicPageRequest request : List.of(TopicPageRequest.from(1, 20), TopicPageRequest.from(3, 2),
                            TopicPageRequest.from(2, 20).onlyBy(OTHER.id()), TopicPageRequest.from(1, 1).onlyBy(OTHER.id()),
                            TopicPageRequest.from(50, 5))) {
                        StoredTopicPage page = store.readOnly(r -> r.topicPage(id, request, viewer)).orElseThrow();
                        assertThat(page).as("%s for %s", request, viewer).isEqualTo(fromEntities(store, id, request,
                                viewer));
                    }
                }
                Optional<StoredTopicPage> none = store.readOnly(r -> r.topicPage(TopicId.of(9_999_999),
                        TopicPageRequest.from(1, 20), Optional.of(READER)));
                assertThat(none).isEmpty();
            } finally {
                TimeZone.setDefault(zone);
            }
        }

        /** A board with every column set, a topic of 8 floors: quotes (two on one post), an edit, pending and deleted posts, votes, bans. */
        private static TopicId seed(JpaForumStore store) {
            return store.inTransaction(tx -> {
                Board category = tx.insertBoard(new NewBoard(null, BoardKind.CATEGORY, "cat", "分类", "", 0, Set.of(),
                        List.of(), AccessPolicy.DEFAULT));
                Board board = tx.insertBoard(new NewBoard(category.id(), BoardKind.BOARD, "jdbc", "版块 \"JDBC\"",
                        "说明\n<b>", 3, Set.of(MOD.id(), UserId.of("mod2")), List.of("问答", "公告"),
                        AccessPolicy.DEFAULT.with(Action.REPLY, Audience.roles("member", "vip"))
                                .with(Action.VIEW, Audience.MEMBERS),
                        new BoardModeration(Premoderation.EVERYONE, Set.of("trusted"), 3,
                                new FloodControl(Duration.ofSeconds(15), 20), Duration.ofMinutes(30))));
                var started = tx.insertTopic(new NewTopic(board.id(), "标题 😀", "问答", WRITER, T0, "ext-1"),
                        post(null, WRITER, 1, List.of(), null));
                TopicId topic = started.topic().id();
                Post first = started.openingPost();
                Quote q1 = new Quote(first.id(), 1, first.author(), first.createdAt(), 1, "floor", false, true);
                Post second = tx.appendReply(post(topic, OTHER, 2, List.of(q1), 1));
                Quote q2 = new Quote(second.id(), 2, second.author(), second.createdAt(), 1, "floor 2", true, false);
                tx.appendReply(post(topic, WRITER, 3, List.of(q2, q1), 2));
                Post fourth = tx.appendReply(post(topic, OTHER, 4, List.of(), null));
                Post fifth = tx.appendReply(post(topic, OTHER, 5, List.of(q1), null));
                tx.appendReply(post(topic, WRITER, 6, List.of(), null));
                tx.appendReply(post(topic, OTHER, 7, List.of(), null));
                tx.editPost(first.id(), new PostEdit("改过 edited", ContentFormat.MARKDOWN, "<p>改过</p>", "markdown/2",
                        T0.plusSeconds(100).plusNanos(7_000)));
                tx.changePostState(fourth.id(), PostState.PENDING);
                tx.changePostState(fifth.id(), PostState.DELETED);
                tx.castVote(first.id(), READER, VoteKind.SUPPORT);
                tx.castVote(second.id(), READER, VoteKind.OPPOSE);
                tx.castVote(second.id(), UserId.of("someone"), VoteKind.SUPPORT);
                tx.insertBan(new NewBan(READER, board.id(), BanKind.MUTE, "刷屏", MOD, T0, T0.plusSeconds(3600)));
                tx.insertBan(new NewBan(READER, null, BanKind.BAN, "全站", MOD, T0.plusSeconds(1), null));
                Ban lifted = tx.insertBan(new NewBan(READER, null, BanKind.BAN, "old", MOD, T0.plusSeconds(2), null));
                tx.liftBan(lifted.id(), MOD, T0.plusSeconds(3));
                tx.insertBan(new NewBan(READER, category.id(), BanKind.BAN, "elsewhere", MOD, T0, null));
                tx.insertBan(new NewBan(UserId.of("someone"), null, BanKind.BAN, "not the reader", MOD, T0, null));
                return topic;
            });
        }

        /** The same page, row by row through the entities ({@code topic}, {@code board}, {@code postsByFloors}, …). */
        private static StoredTopicPage fromEntities(JpaForumStore store, TopicId id, TopicPageRequest request,
                Optional<UserId> viewer) {
            return store.readOnly(r -> {
                Topic topic = r.topic(id).orElseThrow();
                Board board = r.board(topic.boardId()).orElseThrow();
                List<Post> posts = r.postsByFloors(id, java.util.stream.IntStream
                                .rangeClosed(request.fromFloor(), topic.highestFloor()).boxed().toList()).stream()
                        .filter(p -> request.optionalOnlyAuthor().map(a -> a.equals(p.author().id())).orElse(true))
                        .limit(request.size()).filter(p -> p.floor() < request.fromFloor() + request.size()
                                || request.optionalOnlyAuthor().isPresent())
                        .toList();
                Map<PostId, VoteKind> votes = new java.util.HashMap<>();
                Map<PostId, SourceState> sources = new java.util.HashMap<>();
                for (Post post : posts) {
                    viewer.flatMap(v -> r.vote(post.id(), v)).ifPresent(kind -> votes.put(post.id(), kind));
                    for (Quote quote : post.quotes()) {
                        Post source = r.post(quote.sourcePostId()).orElseThrow();
                        sources.put(source.id(), new SourceState(source.revision(), source.state()));
                    }
                }
                // Not lifted, in this board or everywhere; expired ones too (core compares them with its clock).
                List<Ban> bans = viewer.map(v -> java.util.stream.LongStream.rangeClosed(1, 10)
                        .mapToObj(n -> r.ban(org.forumkit.model.BanId.of(n))).flatMap(Optional::stream)
                        .filter(b -> b.user().equals(v) && b.liftedAt() == null
                                && (b.boardId() == null || b.boardId().equals(board.id())))
                        .toList()).orElse(List.of());
                return new StoredTopicPage(board, topic, posts, votes, sources, bans);
            });
        }
    }
}
