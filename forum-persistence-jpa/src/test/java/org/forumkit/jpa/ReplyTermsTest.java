package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.NewPost;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A reply's search terms, handed to the store with the post ({@code appendReply(NewPost, terms)}), land in the term
 * table exactly as given: on MariaDB they travel as JSON into the {@code fk_append_reply} procedure (migration V19)
 * and are read back there by {@code JSON_TABLE}, so quotes, backslashes, control characters, CJK and characters
 * beyond the BMP must survive that; on H2 the store writes them as rows of their own.
 */
class ReplyTermsTest {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "管理员", "admin");
    private static final List<IndexedTerm> TERMS = List.of(new IndexedTerm("a\"b\\c", false, 2),
            new IndexedTerm("line\nbreak\ttab\u0001", false, 1), new IndexedTerm("中文😀", true, 3),
            new IndexedTerm("x".repeat(IndexedTerm.MAX_LENGTH), false, 1), new IndexedTerm("[1,{\"k\":2}]", false, 1));

    @Nested
    @Tag("h2")
    class OnH2 extends Cases {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb extends Cases {
        OnMariaDb() {
            super(TestDatabase.MARIADB);
        }
    }

    abstract class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        @Test
        void termsWithQuotesBackslashesControlsAndEmojiAreStoredAsGiven() throws Exception {
            JpaForumStore store = db.require().freshStore();
            Topic topic;
            try (Forum forum = Forum.builder().store(store).build()) {
                Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "分类"));
                Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "terms", "词"));
                topic = forum.topics().start(ADMIN, StartTopic.of(board.id(), "主题", "一楼"));
            }
            Post reply = store.inTransaction(tx -> tx.appendReply(reply(topic.id()), TERMS));
            assertThat(reply.floor()).isEqualTo(2);
            List<String> stored = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT term, in_title, weight FROM fk_search_term WHERE post_id = ? ORDER BY weight, term")) {
                s.setLong(1, reply.id().value());
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        stored.add(rows.getString(1) + "|" + rows.getBoolean(2) + "|" + rows.getInt(3));
                    }
                }
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(
                    TERMS.stream().map(t -> t.term() + "|" + t.title() + "|" + t.weight()).toList());
        }

        @Test
        void aReplyWithTermsToAMissingTopicIsNotFoundAndWritesNothing() throws Exception {
            JpaForumStore store = db.require().freshStore();
            long before = postCount();
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.appendReply(reply(TopicId.of(987_654_321L)), TERMS)))
                    .isInstanceOf(NotFoundException.class);
            assertThat(postCount()).isEqualTo(before);
        }

        private long postCount() throws Exception {
            try (Connection c = db.dataSource().getConnection();
                    ResultSet row = c.createStatement().executeQuery("SELECT COUNT(*) FROM fk_post")) {
                row.next();
                return row.getLong(1);
            }
        }

        private NewPost reply(TopicId topic) {
            return new NewPost(topic, new Author(UserId.of("bob"), "鲍勃"), Instant.parse("2026-12-03T12:00:00Z"),
                    "回复", ContentFormat.PLAIN, "<p>回复</p>", "plain/test", PostState.VISIBLE, null, List.of());
        }
    }
}
