package org.forumkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.ANONYMOUS;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.Search;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.EditPost;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.SearchHit;
import org.forumkit.model.SearchOrder;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.SearchCursor;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.SearchCandidate;
import org.forumkit.spi.store.SearchMatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The search part of the contract kit: the store's index primitives and what {@code forum.search()} makes of them,
 * wired into {@link ForumStoreContract} as one {@code @Nested} group.
 */
public abstract class SearchContract {

    protected abstract ForumStore store();

    protected abstract Forum forum();

    protected abstract ForumFixtures given();

    protected abstract MutableClock clock();

    /** A second forum on the same store: another app node. */
    protected abstract Forum otherNode();

    /** A search, a few seconds after the previous one so the per-viewer rate limit never interferes. */
    private Page<SearchHit, SearchCursor> find(Viewer viewer, SearchQuery query, PageRequest<SearchCursor> page) {
        clock().advance(Duration.ofSeconds(3));
        return forum().search().find(viewer, query, page);
    }

    private List<PostId> found(Viewer viewer, SearchQuery query) {
        return find(viewer, query, PageRequest.first(20)).items().stream().map(SearchHit::postId).toList();
    }

    private Topic topic(Board board, Viewer.Member author, String title, String body) {
        clock().advance(Duration.ofSeconds(1));
        return forum().topics().start(author, StartTopic.of(board.id(), title, body));
    }

    private Post reply(Topic topic, Viewer.Member author, String body) {
        clock().advance(Duration.ofSeconds(1));
        return given().reply(topic, author, body);
    }

    private PostId opening(Topic topic) {
        return given().allPosts(ALICE, topic).get(0).id();
    }

    @Test
    @DisplayName("finds 中文 inside 支持中文吗, one character, four characters and English words in any case or width")
    void cjkAndWords() {
        Board board = given().board();
        Topic topic = topic(board, ALICE, "论坛问题", "第一楼");
        Post chinese = reply(topic, BOB, "请问这个论坛支持中文吗？");
        Post english = reply(topic, BOB, "Does the Forum support ＵＴＦ-8 text?");
        assertThat(found(ANONYMOUS, SearchQuery.of("中文"))).containsExactly(chinese.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("吗"))).containsExactly(chinese.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("支持中文"))).containsExactly(chinese.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("持文"))).isEmpty();
        assertThat(found(ANONYMOUS, SearchQuery.of("FORUM utf"))).containsExactly(english.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("ｆｏｒｕｍ"))).containsExactly(english.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("\"support utf\""))).containsExactly(english.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("\"utf support\""))).isEmpty();
    }

    @Test
    @DisplayName("one index for every app node: a post written on one node is found on another, an edit too")
    void twoNodes() {
        Board board = given().board();
        Topic topic = topic(board, ALICE, "两个节点", "无关");
        Post post = reply(topic, BOB, "节点甲写的");
        try (Forum other = otherNode()) {
            clock().advance(Duration.ofSeconds(3));
            assertThat(other.search().find(ANONYMOUS, SearchQuery.of("节点甲"), PageRequest.first(5)).items())
                    .extracting(SearchHit::postId).containsExactly(post.id());
            other.posts().edit(BOB, EditPost.of(post.id(), "节点乙改的"));
        }
        assertThat(found(ANONYMOUS, SearchQuery.of("节点甲"))).isEmpty();
        assertThat(found(ANONYMOUS, SearchQuery.of("节点乙"))).containsExactly(post.id());
    }

    @Test
    @DisplayName("titles only finds the opening post by its topic's title; titles and bodies finds both")
    void titles() {
        Board board = given().board();
        Topic topic = topic(board, ALICE, "民政服务保障", "正文没有那个词");
        Post reply = reply(topic, BOB, "服务很好");
        assertThat(found(ANONYMOUS, SearchQuery.of("服务").withTitlesOnly(true))).containsExactly(opening(topic));
        assertThat(found(ANONYMOUS, SearchQuery.of("服务").withOrder(SearchOrder.NEWEST)))
                .containsExactly(reply.id(), opening(topic));
        assertThat(found(ANONYMOUS, SearchQuery.of("正文").withTitlesOnly(true))).isEmpty();
    }

    @Test
    @DisplayName("filters by board with or without sub-boards, author, topic and time range")
    void filters() {
        Board parent = given().board();
        Board child = forum().boards().create(ForumFixtures.ADMIN,
                CreateBoard.board(parent.id(), "search-child", "子版块"));
        Topic inParent = topic(parent, ALICE, "父版块", "关键词在这里");
        Instant between = clock().advance(Duration.ofMinutes(5));
        Topic inChild = topic(child, BOB, "子版块主题", "关键词也在这里");
        Post byAlice = reply(inChild, ALICE, "关键词第三次");
        PostId parentPost = opening(inParent);
        PostId childPost = opening(inChild);

        assertThat(found(ANONYMOUS, SearchQuery.of("关键词"))).containsExactlyInAnyOrder(parentPost, childPost,
                byAlice.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("关键词").withBoard(parent.id(), false)))
                .containsExactly(parentPost);
        assertThat(found(ANONYMOUS, SearchQuery.of("关键词").withBoard(parent.id(), true)))
                .containsExactlyInAnyOrder(parentPost, childPost, byAlice.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("关键词").withAuthor(ForumFixtures.id(ALICE))))
                .containsExactlyInAnyOrder(parentPost, byAlice.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("关键词").withTopic(inChild.id())))
                .containsExactlyInAnyOrder(childPost, byAlice.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("关键词").withTime(between, clock().instant().plusSeconds(60))))
                .containsExactlyInAnyOrder(childPost, byAlice.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("关键词").withTime(Instant.EPOCH, between)))
                .containsExactly(parentPost);
    }

    @Test
    @DisplayName("pages by cursor through every hit once, by newest and by relevance")
    void paging() {
        Board board = given().board();
        Topic topic = topic(board, ALICE, "分页", "无关");
        List<PostId> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            written.add(reply(topic, BOB, "搜索 ".repeat(i + 1) + "第" + i + "楼").id());
        }
        for (SearchOrder order : SearchOrder.values()) {
            List<PostId> seen = new ArrayList<>();
            SearchQuery query = SearchQuery.of("搜索").withOrder(order);
            PageRequest<SearchCursor> request = PageRequest.first(3);
            for (int pages = 0; pages < 10; pages++) {
                Page<SearchHit, SearchCursor> page = find(ANONYMOUS, query, request);
                page.items().forEach(hit -> seen.add(hit.postId()));
                if (page.optionalNext().isEmpty()) {
                    break;
                }
                request = PageRequest.after(SearchCursor.parse(page.next().token()), 3);
            }
            // Newest first; by relevance the post with the most occurrences first.
            List<PostId> expected = new ArrayList<>(written);
            java.util.Collections.reverse(expected);
            assertThat(seen).as(order.name()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    @DisplayName("pages by cursor past candidates the live rows drop: deleted posts and a restricted board's in between")
    void pagingPastDroppedCandidates() {
        Board open = given().board();
        Board staffOnly = given().board(AccessPolicy.DEFAULT.with(Action.VIEW, Audience.roles("moderator")));
        Topic topic = topic(open, ALICE, "跳过", "无关");
        Topic hidden = topic(staffOnly, MOD, "内部", "无关");
        // one visible post in six, the others deleted or hidden, interleaved in time and in score alike
        List<PostId> visible = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String body = "筛选 ".repeat(i + 1) + "第" + i + "条";
            if (i % 6 == 0) {
                visible.add(reply(topic, BOB, body).id());
            } else if (i % 6 < 3) {
                forum().posts().delete(BOB, reply(topic, BOB, body).id());
            } else {
                reply(hidden, MOD, body);
            }
        }
        List<PostId> expected = new ArrayList<>(visible);
        java.util.Collections.reverse(expected);
        for (SearchOrder order : SearchOrder.values()) {
            List<PostId> seen = new ArrayList<>();
            SearchQuery query = SearchQuery.of("筛选").withOrder(order);
            PageRequest<SearchCursor> request = PageRequest.first(2);
            for (int pages = 0; pages < 20; pages++) {
                Page<SearchHit, SearchCursor> page = find(ANONYMOUS, query, request);
                page.items().forEach(hit -> seen.add(hit.postId()));
                if (page.optionalNext().isEmpty()) {
                    break;
                }
                request = PageRequest.after(SearchCursor.parse(page.next().token()), 2);
            }
            assertThat(seen).as(order.name()).containsExactlyElementsOf(expected);
        }
        assertThat(find(MOD, SearchQuery.of("筛选").withOrder(SearchOrder.NEWEST), PageRequest.first(40)).items())
                .hasSize(8 + 24);
    }

    @Test
    @DisplayName("never shows deleted, pending or restricted posts, and a moved topic follows its new board at once")
    void visibility() {
        Board open = given().board();
        Board staffOnly = given().board(AccessPolicy.DEFAULT.with(Action.VIEW, Audience.roles("moderator")));
        Board held = given().board(BoardModeration.everyone());
        Topic topic = topic(open, ALICE, "可见性", "秘密词一");
        Post deleted = reply(topic, BOB, "秘密词二");
        Post waiting = given().reply(topic(held, MOD, "审核", "无关"), BOB, "秘密词三");
        topic(staffOnly, MOD, "内部", "秘密词四");
        assertThat(waiting.state()).isEqualTo(PostState.PENDING);

        forum().posts().delete(BOB, deleted.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("秘密词"))).containsExactly(opening(topic));
        assertThat(found(BOB, SearchQuery.of("秘密词"))).containsExactly(opening(topic));
        assertThat(found(MOD, SearchQuery.of("秘密词"))).hasSize(2);

        forum().posts().restore(MOD, deleted.id());
        forum().posts().approve(MOD, waiting.id());
        assertThat(found(ANONYMOUS, SearchQuery.of("秘密词"))).containsExactlyInAnyOrder(opening(topic), deleted.id(),
                waiting.id());

        forum().topics().move(MOD, topic.id(), staffOnly.id(), "内部讨论");
        assertThat(found(ANONYMOUS, SearchQuery.of("秘密词"))).containsExactly(waiting.id());
        assertThat(found(MOD, SearchQuery.of("秘密词"))).hasSize(4);
    }

    @Test
    @DisplayName("an edit replaces the post's terms in the same transaction")
    void edits() {
        Board board = given().board();
        Topic topic = topic(board, ALICE, "编辑", "无关");
        Post post = reply(topic, ALICE, "旧的说法 colour");
        clock().advance(Duration.ofSeconds(1));
        forum().posts().edit(ALICE, EditPost.of(post.id(), "新的说法 color"));
        assertThat(found(ANONYMOUS, SearchQuery.of("旧的"))).isEmpty();
        assertThat(found(ANONYMOUS, SearchQuery.of("colour"))).isEmpty();
        assertThat(found(ANONYMOUS, SearchQuery.of("新的 color"))).containsExactly(post.id());
    }

    @Test
    @DisplayName("a hit's title and excerpt are escaped text with the matches marked, never the author's markup")
    void highlighting() {
        Board board = given().board();
        Topic topic = topic(board, ALICE, "<b>支持</b>中文", "无关");
        Post post = reply(topic, BOB, "前言。" + "很长的句子".repeat(20) + "<script>alert(1)</script>支持中文吗" + "后记".repeat(100));
        SearchHit hit = find(ANONYMOUS, SearchQuery.of("中文").withTopic(topic.id()).withOrder(SearchOrder.NEWEST),
                PageRequest.first(1)).items().get(0);
        assertThat(hit.postId()).isEqualTo(post.id());
        assertThat(hit.floor()).isEqualTo(post.floor());
        assertThat(hit.titleHtml()).isEqualTo("&lt;b&gt;支持&lt;/b&gt;<mark>中文</mark>");
        assertThat(hit.excerptHtml()).contains("&lt;script&gt;alert(1)&lt;/script&gt;支持<mark>中文</mark>吗")
                .startsWith("…").endsWith("…").doesNotContain("<script").doesNotContain("<b>");
    }

    @Test
    @DisplayName("the index is written in the post's transaction: a rolled-back write leaves no term behind")
    void rollback() {
        Board board = given().board();
        Topic topic = topic(board, ALICE, "回滚", "无关");
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            Post post = tx.appendReply(new NewPost(topic.id(), new Author(ForumFixtures.id(BOB), "鲍勃"),
                    clock().instant(), "回滚词", ContentFormat.PLAIN, "<p>回滚词</p>", "plain/1", PostState.VISIBLE,
                    null, List.of()));
            tx.searchIndex().add(post.id(), List.of(new IndexedTerm("回滚词", false, 1)));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(matched(match(board, "回滚词"))).isEmpty();
    }

    @Test
    @DisplayName("the store matches every term, in titles when asked, within the boards given, after a cursor")
    void storePrimitives() {
        Board board = given().board();
        Board other = given().board();
        Topic topic = topic(board, ALICE, "甲", "无关");
        Topic elsewhere = topic(other, ALICE, "乙", "无关");
        PostId first = reply(topic, BOB, "x").id();
        PostId second = reply(topic, BOB, "y").id();
        PostId third = reply(elsewhere, BOB, "z").id();
        store().inTransaction(tx -> {
            tx.searchIndex().replace(first, List.of(new IndexedTerm("aa", false, 1), new IndexedTerm("bb", true, 5)));
            tx.searchIndex().replace(second, List.of(new IndexedTerm("aa", false, 2), new IndexedTerm("bb", false, 2)));
            tx.searchIndex().replace(third, List.of(new IndexedTerm("aa", false, 9), new IndexedTerm("bb", false, 9)));
            return null;
        });
        List<SearchCandidate> both = matched(match(board, "aa", "bb"));
        assertThat(both).extracting(SearchCandidate::post).containsExactly(first, second);
        assertThat(both).extracting(SearchCandidate::score).containsExactly(6L, 4L);
        assertThat(both.get(0).topic()).isEqualTo(topic.id());
        SearchMatch titles = new SearchMatch(List.of("bb"), true, Set.of(board.id()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), SearchMatch.Order.RELEVANCE, Optional.empty(), 10);
        assertThat(matched(titles))
                .extracting(SearchCandidate::post, SearchCandidate::score).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first, 5L));
        SearchMatch next = new SearchMatch(List.of("aa", "bb"), false, Set.of(board.id(), other.id()),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), SearchMatch.Order.RELEVANCE,
                Optional.of(both.get(0)), 10);
        assertThat(matched(next))
                .extracting(SearchCandidate::post).containsExactly(second);
        store().inTransaction(tx -> {
            tx.searchIndex().replace(first, List.of());
            return null;
        });
        assertThat(matched(match(board, "aa")))
                .extracting(SearchCandidate::post).containsExactly(second);
    }

    /**
     * A judged set for relevance: per query, the posts a reader would call about it (the query in their topic's
     * title, or said again and again) and a dozen newer posts that mention it once in passing, among neutral
     * sentences of the seed page; the judged posts must be the query's first hits, in any order, ranked by
     * relevance (newest first, the passing mentions would come first). BENCHMARKS.md reports the result.
     */
    @Test
    @DisplayName("relevance on a judged set: each query's judged posts are its first hits, ahead of passing mentions")
    void judgedRelevance() {
        Board board = given().board();
        String[] filler = {"市第十三次党代会提出打造三区四城的目标任务。", "全市系统工作人员将努力把精神贯彻到各个方面。",
            "在新的起点上开创科学发展新局面。", "进一步增强工作责任感，积极应对各种风险和挑战。"};
        Map<String, List<PostId>> judged = new LinkedHashMap<>();
        Topic general = topic(board, ALICE, "综合讨论", filler[0]);
        Object[][] queries = {
            {"社会救助", "社会救助制度改革", "社会救助要兜底。", "社会救助、社会救助，再谈社会救助。"},
            {"民政", "民政工作的新要求", "民政为民。", "民政事业、民政服务与民政工作。"},
            {"养", "养生与养老", "供养。", "养老、养护、供养、赡养。"},
            {"volunteer", "Volunteer week", "Join us.", "Volunteer day: every volunteer thanks the volunteer team."},
            {"东莞 forum", "东莞 forum 开张", "欢迎来到东莞 forum。", "东莞 forum: the 东莞 forum opens, 东莞 forum 欢迎你。"},
        };
        for (Object[] q : queries) {
            Topic topic = topic(board, ALICE, (String) q[1], (String) q[2]);
            Post often = reply(topic, BOB, filler[1] + q[3] + filler[2]);
            judged.put((String) q[0], List.of(opening(topic), often.id()));
        }
        for (int i = 0; i < 12; i++) {
            for (Object[] q : queries) {
                // one passing mention each, newer than every judged post
                reply(general, BOB, filler[i % 4] + "提到" + q[0] + "一次，" + filler[(i + 1) % 4]);
            }
        }
        judged.forEach((query, expected) -> {
            List<PostId> top = found(ANONYMOUS, SearchQuery.of(query));
            assertThat(top).as("hits of %s", query).hasSize(14);
            assertThat(top.subList(0, expected.size())).as("first hits of %s", query)
                    .containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    @Test
    @DisplayName("replaceAll writes several posts' terms as replace would, and a missing post fails it writing nothing")
    void replaceAll() {
        Board board = given().board();
        Topic topic = topic(board, ALICE, "甲", "无关");
        PostId first = reply(topic, BOB, "x").id();
        PostId second = reply(topic, BOB, "y").id();
        PostId third = reply(topic, BOB, "z").id();
        store().inTransaction(tx -> {
            tx.searchIndex().replace(second, List.of(new IndexedTerm("cc", false, 1)));
            Map<PostId, List<IndexedTerm>> batch = new LinkedHashMap<>();
            batch.put(first, List.of(new IndexedTerm("aa", false, 1), new IndexedTerm("bb", true, 5)));
            batch.put(second, List.of());
            batch.put(third, List.of(new IndexedTerm("aa", false, 2)));
            tx.searchIndex().replaceAll(batch);
            return null;
        });
        assertThat(matched(match(board, "aa"))).extracting(SearchCandidate::post, SearchCandidate::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(third, 2L),
                        org.assertj.core.groups.Tuple.tuple(first, 1L));
        assertThat(matched(match(board, "cc"))).isEmpty();
        SearchMatch titles = new SearchMatch(List.of("bb"), true, Set.of(board.id()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), SearchMatch.Order.RELEVANCE, Optional.empty(), 10);
        assertThat(matched(titles)).extracting(SearchCandidate::post).containsExactly(first);

        PostId missing = new PostId(third.value() + 1_000_000);
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            Map<PostId, List<IndexedTerm>> batch = new LinkedHashMap<>();
            batch.put(first, List.of(new IndexedTerm("dd", false, 1)));
            batch.put(missing, List.of(new IndexedTerm("dd", false, 1)));
            tx.searchIndex().replaceAll(batch);
            return null;
        })).isInstanceOf(NotFoundException.class);
        assertThat(matched(match(board, "dd"))).isEmpty();
        assertThat(matched(match(board, "aa"))).extracting(SearchCandidate::post).containsExactly(third, first);
    }

    @Test
    @DisplayName("a re-index indexes posts written without terms, resumes after a given post and reports progress")
    void reindex() {
        Board board = given().board();
        Topic topic = topic(board, ALICE, "导入的主题", "无关");
        List<PostId> imported = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            imported.add(store().inTransaction(tx -> tx.appendReply(new NewPost(topic.id(),
                    new Author(ForumFixtures.id(BOB), "鲍勃"), clock().instant(), "导入词", ContentFormat.PLAIN,
                    "<p>导入词</p>", "plain/1", PostState.VISIBLE, null, List.of())).id()));
        }
        assertThat(found(ANONYMOUS, SearchQuery.of("导入词"))).isEmpty();

        List<Search.ReindexProgress> progress = new ArrayList<>();
        long done = forum().search().reindex(Optional.of(imported.get(1)), 2, progress::add);
        assertThat(done).isEqualTo(3);
        assertThat(progress).extracting(Search.ReindexProgress::lastPost)
                .containsExactly(imported.get(3), imported.get(4));
        assertThat(found(ANONYMOUS, SearchQuery.of("导入词"))).containsExactlyInAnyOrderElementsOf(imported.subList(2, 5));

        forum().search().reindex(Optional.empty(), 100, p -> { });
        assertThat(found(ANONYMOUS, SearchQuery.of("导入词"))).containsExactlyInAnyOrderElementsOf(imported);
        assertThat(found(ANONYMOUS, SearchQuery.of("导入").withTitlesOnly(true))).containsExactly(opening(topic));
    }

    private List<SearchCandidate> matched(SearchMatch match) {
        return store().readOnly(reader -> reader.searchIndex().match(match));
    }

    private static SearchMatch match(Board board, String... terms) {
        return new SearchMatch(List.of(terms), false, Set.of(board.id()), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), SearchMatch.Order.RELEVANCE, Optional.empty(), 10);
    }
}
