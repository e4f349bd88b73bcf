package org.forumkit.tck;

import java.util.ArrayList;
import java.util.List;
import org.forumkit.Forum;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;

/**
 * Test data builders shared by the contract kit and the service tests, so a test names only what matters to it.
 * The cast: {@code admin} creates boards, {@code alice}, {@code bob} and {@code carol} are members, {@code mod}
 * holds the global moderator role.
 */
public final class ForumFixtures {
    public static final Viewer.Member ADMIN = Viewer.user("admin", "管理员", "admin");
    public static final Viewer.Member ALICE = Viewer.user("alice", "Alice");
    public static final Viewer.Member BOB = Viewer.user("bob", "鲍勃");
    public static final Viewer.Member CAROL = Viewer.user("carol", "Carol");
    public static final Viewer.Member MOD = Viewer.user("mod", "版主", "moderator");
    public static final Viewer ANONYMOUS = Viewer.anonymous();

    private final Forum forum;
    private int boards;

    public ForumFixtures(Forum forum) {
        this.forum = forum;
    }

    public static UserId id(Viewer.Member member) {
        return member.id();
    }

    /** A category with one board under it, open to members. */
    public Board board() {
        return board(AccessPolicy.DEFAULT);
    }

    public Board board(AccessPolicy policy) {
        return board(policy, BoardModeration.OFF);
    }

    /** A board open to members whose new posts wait for approval as {@code moderation} says. */
    public Board board(BoardModeration moderation) {
        return board(AccessPolicy.DEFAULT, moderation);
    }

    public Board board(AccessPolicy policy, BoardModeration moderation) {
        int n = ++boards;
        Board category = forum.boards().create(ADMIN, CreateBoard.category("category-" + n, "分区 " + n));
        return forum.boards().create(ADMIN, CreateBoard.board(category.id(), "board-" + n, "新闻媒体 " + n)
                .withTopicTypes("新闻媒体", "讨论")
                .withPolicy(policy)
                .withModeration(moderation));
    }

    public Topic topic(Board board, Viewer.Member author) {
        return forum.topics().start(author, StartTopic.of(board.id(), "强化高水平崛起的民政服务保障", "一、着眼高水平崛起核心任务"));
    }

    public Topic topic() {
        return topic(board(), ALICE);
    }

    public Post reply(Topic topic, Viewer.Member author, String body) {
        return forum.posts().reply(author, Reply.to(topic.id(), body));
    }

    /** Every post of a topic as {@code viewer} sees it, read page by page. */
    public List<Post> allPosts(Viewer viewer, Topic topic) {
        List<Post> all = new ArrayList<>();
        TopicPageRequest request = TopicPageRequest.first(forum.settings().maxPageSize());
        while (request != null) {
            TopicPage page = forum.topics().page(viewer, topic.id(), request);
            all.addAll(page.posts());
            request = page.optionalNext().map(from -> TopicPageRequest.from(from, forum.settings().maxPageSize())).orElse(null);
        }
        return all;
    }

    public Topic reload(Topic topic) {
        return forum.topics().get(ADMIN, topic.id());
    }

    public Board reload(Board board) {
        return forum.boards().get(ADMIN, board.id());
    }
}
