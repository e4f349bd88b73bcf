package org.forumkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.ANONYMOUS;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.ValidationException;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.MostSupportedPage;
import org.forumkit.model.MostSupportedRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Reply;
import org.forumkit.model.SupportCursor;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.spi.store.StoredTopicPage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A topic's posts in the most-supported order (support descending, then floor ascending), keyset-paged, with the read
 * rules of a floor range: deleted posts left out, pending ones for their author and moderators only, 只看该作者.
 * Wired into {@link ForumStoreContract} as one {@code @Nested} group, so every store shows it.
 */
public abstract class SupportOrderContract {

    protected abstract ForumStore store();

    protected abstract Forum forum();

    protected abstract ForumFixtures given();

    private void votes(Post post, int support, int oppose) {
        for (int i = 0; i < support + oppose; i++) {
            forum().votes().cast(Viewer.user("voter-" + i, "投票人" + i), post.id(),
                    i < support ? VoteKind.SUPPORT : VoteKind.OPPOSE);
        }
    }

    private StoredTopicPage read(TopicId topic, MostSupportedRequest request, Viewer viewer) {
        return store().readOnly((StoreReader reader) -> reader.mostSupported(topic, request, viewer.userId()))
                .orElseThrow();
    }

    private static List<Integer> floors(List<Post> posts) {
        return posts.stream().map(Post::floor).toList();
    }

    @Test
    @DisplayName("the store reads posts by support descending, ties by floor, after a cursor, with the viewer's votes")
    void storeOrder() {
        Topic topic = given().topic();
        List<Post> replies = new ArrayList<>();
        for (int i = 2; i <= 7; i++) {
            replies.add(given().reply(topic, i % 2 == 0 ? BOB : CAROL, "第 " + i + " 楼"));
        }
        // floors 2..7 get 1, 3, 0, 3, 2, 0 supports; oppose votes do not rank
        int[] support = {1, 3, 0, 3, 2, 0};
        for (int i = 0; i < support.length; i++) {
            votes(replies.get(i), support[i], i == 3 ? 4 : 0);
        }
        forum().votes().cast(ALICE, replies.get(4).id(), VoteKind.OPPOSE);

        StoredTopicPage all = read(topic.id(), MostSupportedRequest.first(50), ALICE);
        assertThat(floors(all.posts())).containsExactly(3, 5, 6, 2, 1, 4, 7);
        assertThat(all.posts().get(1).oppose()).isEqualTo(4);
        assertThat(all.viewerVotes()).isEqualTo(Map.of(replies.get(4).id(), VoteKind.OPPOSE));
        assertThat(all.topic().id()).isEqualTo(topic.id());
        assertThat(all.board().id()).isEqualTo(topic.boardId());

        StoredTopicPage first = read(topic.id(), MostSupportedRequest.first(3), ANONYMOUS);
        assertThat(floors(first.posts())).containsExactly(3, 5, 6);
        assertThat(first.viewerVotes()).isEmpty();
        // after (3, floor 5): the rest of the tie at 3 (none), then lower counts
        assertThat(floors(read(topic.id(), MostSupportedRequest.after(new SupportCursor(3, 3), 2), ANONYMOUS).posts()))
                .containsExactly(5, 6);
        assertThat(floors(read(topic.id(), MostSupportedRequest.after(new SupportCursor(2, 6), 10), ANONYMOUS).posts()))
                .containsExactly(2, 1, 4, 7);
        assertThat(floors(read(topic.id(), MostSupportedRequest.after(new SupportCursor(0, 4), 10), ANONYMOUS).posts()))
                .containsExactly(7);
        assertThat(read(topic.id(), MostSupportedRequest.after(new SupportCursor(0, 7), 10), ANONYMOUS).posts())
                .isEmpty();
        assertThat(store().readOnly((StoreReader reader) -> reader.mostSupported(TopicId.of(987_654_321),
                MostSupportedRequest.first(5), Optional.empty()))).isEmpty();
    }

    @Test
    @DisplayName("cursor paging walks every post once, in order, through long runs of equal support")
    void cursorWalk() {
        Topic topic = given().topic();
        List<Post> replies = new ArrayList<>();
        for (int i = 2; i <= 31; i++) {
            replies.add(given().reply(topic, i % 2 == 0 ? BOB : CAROL, "评论 " + i));
        }
        for (int i = 0; i < replies.size(); i++) {
            votes(replies.get(i), i % 3, 0); // ties of ten at 0, 1 and 2
        }
        List<Post> expected = forum().topics().mostSupported(ANONYMOUS, topic.id(), MostSupportedRequest.first(100))
                .page().posts();
        assertThat(expected).hasSize(31).isSortedAccordingTo(SupportCursor.ORDER);

        List<Post> walked = new ArrayList<>();
        MostSupportedRequest request = MostSupportedRequest.first(4);
        int pages = 0;
        while (request != null) {
            MostSupportedPage page = forum().topics().mostSupported(ANONYMOUS, topic.id(), request);
            assertThat(page.page().posts()).hasSizeLessThanOrEqualTo(4);
            walked.addAll(page.page().posts());
            request = page.optionalNext().map(next -> MostSupportedRequest.after(next, 4)).orElse(null);
            pages++;
            assertThat(pages).as("pages of 31 posts by 4").isLessThanOrEqualTo(8); // a cursor that never moves
        }
        assertThat(pages).isEqualTo(8);
        assertThat(floors(walked)).containsExactlyElementsOf(floors(expected));
        assertThat(forum().topics().mostSupported(ANONYMOUS, topic.id(), MostSupportedRequest.first(31))
                .optionalNext()).isEmpty();
    }

    @Test
    @DisplayName("deleted posts are left out; pending ones show to their author and moderators only; 只看该作者")
    void readRules() {
        Board board = given().board(BoardModeration.exceptRoles("trusted"));
        Viewer.Member tina = Viewer.user("tina", "Tina", "trusted");
        Viewer.Member tom = Viewer.user("tom", "Tom", "trusted");
        Topic topic = forum().topics().start(tina, org.forumkit.model.StartTopic.of(board.id(), "排序", "正文"));
        Post kept = forum().posts().reply(tom, Reply.to(topic.id(), "留下"));
        Post doomed = forum().posts().reply(tina, Reply.to(topic.id(), "要删除"));
        Post pending = forum().posts().reply(BOB, Reply.to(topic.id(), "待审核"));
        forum().posts().reply(BOB, Reply.to(topic.id(), "也待审核"));
        forum().posts().reply(tom, Reply.to(topic.id(), "最后"));
        assertThat(pending.state()).isEqualTo(PostState.PENDING);
        votes(kept, 1, 0);
        votes(doomed, 5, 0);
        forum().posts().delete(tina, doomed.id());

        assertThat(floors(read(topic.id(), MostSupportedRequest.first(10), MOD).posts())).containsExactly(2, 1, 4, 5, 6);
        assertThat(floors(forum().topics().mostSupported(ANONYMOUS, topic.id(), MostSupportedRequest.first(10))
                .page().posts())).containsExactly(2, 1, 6);
        assertThat(floors(forum().topics().mostSupported(CAROL, topic.id(), MostSupportedRequest.first(10))
                .page().posts())).containsExactly(2, 1, 6);
        assertThat(floors(forum().topics().mostSupported(BOB, topic.id(), MostSupportedRequest.first(10))
                .page().posts())).containsExactly(2, 1, 4, 5, 6);
        assertThat(floors(forum().topics().mostSupported(MOD, topic.id(), MostSupportedRequest.first(10))
                .page().posts())).containsExactly(2, 1, 4, 5, 6);

        // pages whose posts are all hidden from the viewer still lead on to the next
        List<Integer> walked = new ArrayList<>();
        List<MostSupportedPage> pages = new ArrayList<>();
        MostSupportedRequest request = MostSupportedRequest.after(new SupportCursor(0, 1), 1);
        while (request != null) {
            MostSupportedPage page = forum().topics().mostSupported(CAROL, topic.id(), request);
            pages.add(page);
            walked.addAll(floors(page.page().posts()));
            request = page.optionalNext().map(next -> MostSupportedRequest.after(next, 1)).orElse(null);
            assertThat(pages).as("pages after floor 1 by 1").hasSizeLessThanOrEqualTo(3);
        }
        assertThat(pages).extracting(p -> p.page().posts().size()).containsExactly(0, 0, 1);
        assertThat(pages.get(0).next()).isEqualTo(new SupportCursor(0, 4));
        assertThat(walked).containsExactly(6);

        assertThat(floors(read(topic.id(), MostSupportedRequest.first(10).onlyBy(ForumFixtures.id(tina)), ANONYMOUS)
                .posts())).containsExactly(1);
        assertThat(floors(forum().topics().mostSupported(MOD, topic.id(),
                MostSupportedRequest.first(10).onlyBy(ForumFixtures.id(BOB))).page().posts())).containsExactly(4, 5);
        assertThat(forum().topics().mostSupported(CAROL, topic.id(),
                MostSupportedRequest.first(10).onlyBy(ForumFixtures.id(BOB))).page().posts()).isEmpty();
    }

    @Test
    @DisplayName("a page brings its posts' quotes with the quoted sources' states; a missing topic is not found, a size past the limit refused")
    void quotesAndErrors() {
        Topic topic = given().topic();
        Post source = given().reply(topic, BOB, "被引用的观点");
        Post quoting = forum().posts().reply(CAROL, Reply.to(topic.id(), "同意").quoting(source.floor()));
        votes(quoting, 2, 0);
        forum().posts().edit(BOB, org.forumkit.model.EditPost.of(source.id(), "改过的观点"));

        StoredTopicPage page = read(topic.id(), MostSupportedRequest.first(1), ANONYMOUS);
        assertThat(page.posts()).singleElement().satisfies(p -> {
            assertThat(p.floor()).isEqualTo(3);
            assertThat(p.quotes()).singleElement().satisfies(q -> assertThat(q.excerpt()).contains("被引用的观点"));
        });
        assertThat(page.quoteSources()).containsOnlyKeys(source.id());
        assertThat(page.quoteSources().get(source.id()).revision()).isEqualTo(2);

        assertThatThrownBy(() -> forum().topics().mostSupported(ANONYMOUS, TopicId.of(987_654_321),
                MostSupportedRequest.first(5))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> forum().topics().mostSupported(ANONYMOUS, topic.id(),
                MostSupportedRequest.first(forum().settings().maxPageSize() + 1)))
                .isInstanceOf(ValidationException.class);
    }
}
