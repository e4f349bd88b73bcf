package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.forumkit.Forum;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.StartedTopic;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every text column keeps Chinese text, 4-byte emoji and characters JSON must escape exactly, and a body at the
 * default limit (20,000 code points of CJK and emoji) round-trips byte for byte; times are stored as UTC; text no
 * database can store as sent (lone surrogates) is stored exactly as the write acknowledged it.
 */
class TextRoundTripTest {
    private static final String MIXED = "中文标题😀 𠀋𡈽 \"引号\" \\ 反斜杠\n换行\t制表 — ＡＢＣ 🇨🇳";

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
        void whatAWriteReturnsIsWhatIsStored() {
            JpaForumStore store = db.require().freshStore();
            try (Forum forum = Forum.builder().store(store).build()) {
                Viewer.Member admin = Viewer.user("admin", "Admin", "admin");
                Viewer.Member eve = Viewer.user("eve", "Eve\uDBFF");
                Board category = forum.boards().create(admin, CreateBoard.category("c", "C\uD800"));
                Board board = forum.boards().create(admin, CreateBoard.board(category.id(), "b", "B\uDC00 😀")
                        .describedAs("lone \uD83D here").withTopicTypes("t\uDE00"));
                Topic topic = forum.topics().start(eve, StartTopic.of(board.id(), "title \uD800 😀", "body \uDFFF 😀"));
                Post reply = forum.posts().reply(eve, Reply.to(topic.id(), "\uD83D\uD83D😀\uDE00"));

                assertThat(reply.body()).isEqualTo("\uFFFD\uFFFD😀\uFFFD");
                Board stored = forum.boards().get(admin, board.id());
                assertThat(stored).extracting(Board::name, Board::description, Board::topicTypes)
                        .containsExactly(board.name(), board.description(), board.topicTypes());
                assertThat(stored.topicTypes()).containsExactly("t\uFFFD");
                assertThat(board.name()).isEqualTo("B\uFFFD 😀");
                assertThat(store.readOnly(reader -> reader.board(category.id())).orElseThrow().name()).isEqualTo("C\uFFFD");
                var page = forum.topics().page(eve, topic.id(), TopicPageRequest.first(10));
                assertThat(page.topic().title()).isEqualTo(topic.title()).isEqualTo("title \uFFFD 😀");
                assertThat(page.topic().author().displayName()).isEqualTo("Eve\uFFFD");
                assertThat(page.posts()).extracting(Post::body).containsExactly("body \uFFFD 😀", reply.body());
                assertThat(page.posts().get(1)).isEqualTo(reply);
            }
        }

        @Test
        void everyTextColumnRoundTripsExactly() throws Exception {
            JpaForumStore store = db.require().freshStore();
            Author author = new Author(UserId.of("用户😀-1"), "鲍勃😀");
            AccessPolicy policy = AccessPolicy.DEFAULT.with(Action.REPLY, Audience.roles("会员😀", "vip\"quoted\""));
            NewBoard newBoard = new NewBoard(null, BoardKind.BOARD, "unicode", "新闻媒体😀", MIXED, 3,
                    Set.of(author.id(), UserId.of("mod\\x")), List.of("新闻媒体", "讨论😀", "a,b]"), policy);
            StringBuilder text = new StringBuilder();
            while (text.codePointCount(0, text.length()) < 20_000) {
                text.append("民政服务😀𝄞中");
            }
            String body = text.substring(0, text.offsetByCodePoints(0, 20_000));
            Instant at = Instant.parse("2012-08-07T01:21:00.654321Z");

            Board board = store.inTransaction(tx -> tx.insertBoard(newBoard));
            Optional<Board> readBoard = store.readOnly(reader -> reader.board(board.id()));
            assertThat(readBoard).contains(board);
            StartedTopic started = store.inTransaction(tx -> tx.insertTopic(
                    new NewTopic(board.id(), MIXED, "讨论😀", author, at, "文章-😀-42"),
                    new NewPost(null, author, at, body, ContentFormat.PLAIN, "<p>" + body + "</p>", "plain/1",
                            PostState.VISIBLE, null, List.of())));
            Optional<Topic> byKey = store.readOnly(reader -> reader.topicByExternalKey(board.id(), "文章-😀-42"));
            assertThat(byKey).contains(started.topic());
            Post opening = started.openingPost();
            Quote quote = new Quote(opening.id(), 1, author, opening.createdAt(), 1, MIXED, false, true);
            Post reply = store.inTransaction(tx -> tx.appendReply(new NewPost(started.topic().id(), author, at, MIXED,
                    ContentFormat.PLAIN, MIXED, "plain/1", PostState.VISIBLE, 1, List.of(quote))));

            assertThat(store.readOnly(reader -> reader.boardBySlug("unicode")).orElseThrow().policy()).isEqualTo(policy);
            var page = store.readOnly(reader -> reader.topicPage(started.topic().id(), TopicPageRequest.first(20),
                    Optional.of(author.id()))).orElseThrow();
            assertThat(page.posts()).containsExactly(opening, reply);
            assertThat(page.posts().get(0).body().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(body.getBytes(StandardCharsets.UTF_8));
            assertThat(page.posts().get(1).quotes()).containsExactly(quote);

            try (Connection c = db.dataSource().getConnection()) {
                // What the database holds, not only what the driver hands back: 20,000 code points and the UTF-8 bytes.
                String lengths = switch (db) {
                    case MARIADB -> "SELECT CHAR_LENGTH(body), LENGTH(body) FROM fk_post WHERE floor = 1";
                    case POSTGRESQL -> "SELECT char_length(body), octet_length(body) FROM fk_post WHERE floor = 1";
                    case H2 -> "SELECT CHAR_LENGTH(body), OCTET_LENGTH(body) FROM fk_post WHERE floor = 1";
                };
                try (PreparedStatement s = c.prepareStatement(lengths); ResultSet rows = s.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    if (db != TestDatabase.H2) { // H2 counts UTF-16 units
                        assertThat(rows.getLong(1)).isEqualTo(20_000);
                    }
                    if (db == TestDatabase.MARIADB || db == TestDatabase.POSTGRESQL) {
                        assertThat(rows.getLong(2)).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
                    }
                }
                if (db == TestDatabase.MARIADB) {
                    // DATETIME has no zone: the column must hold UTC whatever the JVM's zone, so other clients read it right.
                    try (PreparedStatement s = c.prepareStatement(
                            "SELECT CAST(created_at AS CHAR) FROM fk_topic WHERE id = ?")) {
                        s.setLong(1, started.topic().id().value());
                        try (ResultSet rows = s.executeQuery()) {
                            assertThat(rows.next()).isTrue();
                            assertThat(rows.getString(1)).isEqualTo("2012-08-07 01:21:00.654321");
                        }
                    }
                }
            }
        }
    }
}
