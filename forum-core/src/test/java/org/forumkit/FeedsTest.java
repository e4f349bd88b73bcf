package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** Atom feeds, parsed back with the JDK's namespace-aware XML parser and checked against RFC 4287's rules. */
class FeedsTest {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final FeedLinks LINKS = new FeedLinks() {
        @Override
        public URI board(Board board) {
            return URI.create("https://forum.example.org/b/" + board.slug());
        }

        @Override
        public URI topic(Topic topic) {
            return URI.create("https://forum.example.org/t/" + topic.id());
        }

        @Override
        public URI post(Topic topic, Post post) {
            return URI.create("https://forum.example.org/t/" + topic.id() + "/" + post.floor());
        }

        @Override
        public URI boardFeed(Board board) {
            return URI.create("https://forum.example.org/b/" + board.slug() + ".atom");
        }

        @Override
        public URI topicFeed(Topic topic) {
            return URI.create("https://forum.example.org/t/" + topic.id() + ".atom");
        }
    };

    private final MutableClock clock = MutableClock.atSeedTime();
    private Forum forum;
    private ForumFixtures given;

    @BeforeEach
    void open() {
        forum = Forum.builder().store(new InMemoryForumStore()).clock(clock)
                .settings(ForumSettings.defaults().withViewFlushInterval(Duration.ZERO)).build();
        given = new ForumFixtures(forum);
    }

    @AfterEach
    void close() {
        forum.close();
    }

    private Document boardFeed(Board board, int max) throws Exception {
        StringWriter out = new StringWriter();
        forum.feeds().board(board.id(), LINKS, max, out);
        return parse(out.toString());
    }

    private Document topicFeed(TopicId topic, int max) throws Exception {
        StringWriter out = new StringWriter();
        forum.feeds().topic(topic, LINKS, max, out);
        return parse(out.toString());
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        assertAtom(doc.getDocumentElement());
        return doc;
    }

    /** RFC 4287 §4.1.1–4.1.2: what a feed and each entry must have. */
    private static void assertAtom(Element feed) {
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        for (String one : List.of("id", "title", "updated")) {
            assertThat(children(feed, one)).as("feed/" + one).hasSize(1);
        }
        assertThat(URI.create(text(feed, "id")).isAbsolute()).isTrue();
        OffsetDateTime.parse(text(feed, "updated"));
        assertThat(children(feed, "link")).anySatisfy(l -> assertThat(l.getAttribute("rel")).isEqualTo("self"));
        boolean feedAuthor = !children(feed, "author").isEmpty();
        for (Element entry : children(feed, "entry")) {
            for (String one : List.of("id", "title", "updated")) {
                assertThat(children(entry, one)).as("entry/" + one).hasSize(1);
            }
            assertThat(URI.create(text(entry, "id")).isAbsolute()).isTrue();
            OffsetDateTime.parse(text(entry, "updated"));
            assertThat(feedAuthor || !children(entry, "author").isEmpty()).isTrue();
            assertThat(children(entry, "content")).singleElement()
                    .satisfies(c -> assertThat(c.getAttribute("type")).isEqualTo("html"));
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ATOM.equals(e.getNamespaceURI()) && e.getLocalName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        return children(parent, name).get(0).getTextContent();
    }

    private static List<String> entryTitles(Document doc) {
        return children(doc.getDocumentElement(), "entry").stream().map(e -> text(e, "title")).toList();
    }

    @Test
    void aBoardFeedListsTopicsNewestActivityFirstWithTheirOpeningPosts() throws Exception {
        Board board = given.board();
        Topic older = forum.topics().start(ForumFixtures.ALICE, StartTopic.of(board.id(), "Older <b>&amp;", "一楼 <i>x</i>"));
        clock.advance(Duration.ofMinutes(1));
        Topic newer = forum.topics().start(ForumFixtures.BOB, StartTopic.of(board.id(), "新的主题😀", "二楼"));
        clock.advance(Duration.ofMinutes(1));
        forum.posts().reply(ForumFixtures.CAROL, Reply.to(older.id(), "顶"));

        Document doc = boardFeed(board, 20);
        assertThat(entryTitles(doc)).containsExactly("Older <b>&amp;", "新的主题😀");
        Element first = children(doc.getDocumentElement(), "entry").get(0);
        assertThat(text(first, "id")).isEqualTo("https://forum.example.org/t/" + older.id());
        assertThat(text(first, "content")).contains("一楼").contains("&lt;i&gt;");
        assertThat(text(doc.getDocumentElement(), "title")).isEqualTo(board.name());
        assertThat(boardFeed(board, 1).getElementsByTagNameNS(ATOM, "entry").getLength()).isEqualTo(1);
        assertThat(newer).isNotNull();
    }

    @Test
    void aTopicFeedHasOnlyPostsAnAnonymousVisitorMaySee() throws Exception {
        Board board = given.board(BoardModeration.everyone());
        Topic topic = forum.topics().start(ForumFixtures.MOD, StartTopic.of(board.id(), "版主的主题", "一楼"));
        Post pending = forum.posts().reply(ForumFixtures.BOB, Reply.to(topic.id(), "等待审核"));
        Post approved = forum.posts().reply(ForumFixtures.CAROL, Reply.to(topic.id(), "会被批准"));
        forum.posts().approve(ForumFixtures.MOD, approved.id());
        Post deleted = forum.posts().reply(ForumFixtures.MOD, Reply.to(topic.id(), "会被删除"));
        forum.posts().delete(ForumFixtures.MOD, deleted.id());
        forum.posts().reply(ForumFixtures.MOD, Reply.to(topic.id(), "控制字符\u0001和\u0008"));

        Document doc = topicFeed(topic.id(), 50);
        String xml = doc.getDocumentElement().getTextContent();
        assertThat(xml).doesNotContain("等待审核").doesNotContain("会被删除").contains("会被批准").contains("一楼")
                .contains("控制字符和"); // the renderer drops control characters; the feed would replace any left
        assertThat(entryTitles(doc)).containsExactly("版主的主题 #5", "版主的主题 #3", "版主的主题");
        assertThat(pending.floor()).isEqualTo(2);
    }

    @Test
    void aBoardVisitorsMayNotViewHasNoFeedAndBadInputIsRefused() {
        Board staff = given.board(AccessPolicy.DEFAULT.with(Action.VIEW, Audience.MEMBERS));
        Topic topic = given.topic(staff, ForumFixtures.ALICE);
        // As for a missing id: a feed does not tell which hidden boards and topics exist.
        assertThatThrownBy(() -> forum.feeds().board(staff.id(), LINKS, 10, new StringWriter()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> forum.feeds().topic(topic.id(), LINKS, 10, new StringWriter()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> forum.feeds().topic(TopicId.of(999), LINKS, 10, new StringWriter()))
                .isInstanceOf(NotFoundException.class);
        Board open = given.board();
        for (int max : new int[] {0, -1, Feeds.MAX_ENTRIES + 1}) {
            assertThatThrownBy(() -> forum.feeds().board(open.id(), LINKS, max, new StringWriter()))
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void anEmptyBoardStillMakesAValidFeed() throws Exception {
        Board board = given.board();
        assertThat(entryTitles(boardFeed(board, 10))).isEmpty();
    }
}
