package org.forumkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
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
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.Test;

class ForumArchiveTest {
    private final ForumArchive archive = new ForumArchive();

    @Test
    void exportImportRoundTripIsLossless() throws Exception {
        InMemoryForumStore original = new InMemoryForumStore();
        MutableClock clock = MutableClock.atSeedTime();
        try (Forum forum = Forum.builder().store(original).clock(clock)
                .settings(ForumSettings.defaults().withViewWindow(Duration.ZERO).withViewFlushInterval(Duration.ZERO))
                .build()) {
            ForumFixtures given = new ForumFixtures(forum);
            Board news = given.board();
            Board other = given.board();
            forum.boards().create(ADMIN, CreateBoard.board(news.id(), "sub-board", "子版块").moderatedBy(BOB.id()));
            Topic seed = forum.topics().start(ALICE, StartTopic.of(news.id(), "强化高水平崛起的民政服务保障",
                    "四是加强社会工作专业人才队伍建设😀").withType("新闻媒体"));
            clock.advance(Duration.ofMinutes(26));
            Topic elsewhere = forum.topics().start(BOB, StartTopic.of(other.id(), "评论", "first")
                    .forExternalKey("article-42"));
            clock.advance(Duration.ofSeconds(1));
            Post quoting = forum.posts().reply(BOB, Reply.to(seed.id(), "希望该培训真的能系统落实~")
                    .quoting(1, "加强社会工作"));
            clock.advance(Duration.ofSeconds(1));
            Post doomed = forum.posts().reply(CAROL, Reply.to(seed.id(), "spam"));
            forum.posts().reply(CAROL, Reply.to(elsewhere.id(), "second comment"));
            clock.advance(Duration.ofSeconds(1));
            forum.posts().edit(ALICE, EditPost.of(firstPost(forum, seed).id(), "改过两次"));
            clock.advance(Duration.ofSeconds(1));
            forum.posts().edit(ALICE, EditPost.of(firstPost(forum, seed).id(), "改过两次了"));
            forum.posts().delete(MOD, doomed.id());
            forum.votes().cast(CAROL, quoting.id(), VoteKind.SUPPORT);
            forum.votes().cast(ALICE, quoting.id(), VoteKind.OPPOSE);
            forum.topics().pin(MOD, seed.id(), 2);
            forum.topics().lock(MOD, elsewhere.id(), true);
            for (int i = 0; i < 1351; i++) {
                forum.views().record(org.forumkit.model.Viewer.anonymous(), seed.id());
            }
            forum.views().flush();
            original.inTransaction(tx -> tx.appendReply(new NewPost(seed.id(), new Author(CAROL.id(), "Carol"),
                    clock.advance(Duration.ofSeconds(1)), "待审核", ContentFormat.PLAIN, "<p>待审核</p>", "plain/1",
                    PostState.PENDING, 2, List.of())));
        }

        ForumArchive.Document exported = archive.export(original, Instant.parse("2026-11-26T00:00:00Z"));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        archive.write(exported, json);
        assertThat(json.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"format\" : 1", "强化高水平崛起的民政服务保障", "\"createdAt\" : \"2012-08-07T01:21:00Z\"");

        InMemoryForumStore copy = new InMemoryForumStore();
        archive.importInto(copy, archive.read(new ByteArrayInputStream(json.toByteArray())));
        ForumArchive.Document again = archive.export(copy, exported.exportedAt());

        assertThat(again).usingRecursiveComparison()
                .ignoringFieldsOfTypes(org.forumkit.model.BoardId.class, org.forumkit.model.TopicId.class,
                        org.forumkit.model.PostId.class)
                .isEqualTo(exported);
        // references were remapped, not dropped: the quote points at floor 1 of the same topic in the copy
        Post copiedQuote = again.boards().get(1).topics().get(0).posts().get(1).post();
        Post copiedFirst = again.boards().get(1).topics().get(0).posts().get(0).post();
        assertThat(copiedQuote.quotes().get(0).sourcePostId()).isEqualTo(copiedFirst.id());
        assertThat(again.boards().get(1).board().lastPost().postId())
                .isEqualTo(copy.readOnly((StoreReader r) -> r.board(again.boards().get(1).board().id()))
                        .orElseThrow().lastPost().postId());
        assertThat(again.boards()).extracting(b -> b.board().slug())
                .containsExactlyElementsOf(exported.boards().stream().map(b -> b.board().slug()).toList());
    }

    @Test
    void importsOnlyIntoAnEmptyStore() {
        InMemoryForumStore store = new InMemoryForumStore();
        try (Forum forum = Forum.builder().store(store).build()) {
            new ForumFixtures(forum).board();
        }
        ForumArchive.Document document = archive.export(store, Instant.now());
        assertThatThrownBy(() -> archive.importInto(store, document)).isInstanceOf(IllegalStateException.class);
        assertThat(store.readOnly(StoreReader::boards)).hasSize(2);
    }

    private static Post firstPost(Forum forum, Topic topic) {
        return forum.topics().page(ADMIN, topic.id(), org.forumkit.model.TopicPageRequest.first(1)).posts().get(0);
    }
}
