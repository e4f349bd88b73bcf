package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ImportFixtures.AUTHOR;
import static org.forumkit.tck.ImportFixtures.REPLIER;
import static org.forumkit.tck.ImportFixtures.VOTER;
import static org.forumkit.tck.ImportFixtures.inState;
import static org.forumkit.tck.ImportFixtures.onFloor;
import static org.forumkit.tck.ImportFixtures.post;
import static org.forumkit.tck.ImportFixtures.replyTo;
import static org.forumkit.tck.ImportFixtures.seedThread;
import static org.forumkit.tck.ImportFixtures.source;
import static org.forumkit.tck.ImportFixtures.thread;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.forumkit.event.ForumEvent;
import org.forumkit.imports.ImportOptions;
import org.forumkit.imports.ImportPost;
import org.forumkit.imports.ImportReport;
import org.forumkit.imports.ImportSink;
import org.forumkit.imports.ImportSource;
import org.forumkit.imports.ImportThread;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.CreditRule;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.PostState;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.spi.CreditPolicy;
import org.forumkit.spi.store.ImportKey;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Imports: the rules an import follows on top of the store's primitives")
class ImportsTest extends ForumTestSupport {

    private Board board;

    private ImportReport run(ImportThread... threads) {
        board = board == null ? given.board() : board;
        return forum.imports().run(ADMIN, source("disqus", threads), ImportOptions.into(board.id()));
    }

    private Topic topic(String key) {
        return forum.topics().byExternalKey(ADMIN, board.id(), key).orElseThrow();
    }

    private List<Post> posts(String key) {
        Topic topic = topic(key);
        return store.readOnly((StoreReader r) -> r.topicPage(topic.id(), TopicPageRequest.first(50), Optional.empty()))
                .orElseThrow().posts();
    }

    @Test
    @DisplayName("only an admin imports")
    void onlyAdmins() {
        Board target = given.board();
        assertThatThrownBy(() -> forum.imports().run(ALICE, source("disqus", seedThread()), ImportOptions.into(target.id())))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(given.reload(target).topicCount()).isZero();
    }

    @Test
    @DisplayName("an import publishes no events (so no notification mail) and awards no credits")
    void noEventsNoCredits() {
        InMemoryForumStore own = new InMemoryForumStore();
        List<ForumEvent> published = new ArrayList<>();
        try (Forum credited = Forum.builder().store(own).clock(MutableClock.atSeedTime())
                .creditPolicy(CreditPolicy.everywhere(List.of(CreditRule.always(CreditEvent.START_TOPIC, 10),
                        CreditRule.always(CreditEvent.REPLY, 2), CreditRule.always(CreditEvent.RECEIVE_SUPPORT, 1))))
                .listener(published::add).build()) {
            Board target = new ForumFixtures(credited).board();
            published.clear();
            ImportReport report = credited.imports().run(ADMIN, source("discuz", seedThread()),
                    ImportOptions.into(target.id()));
            assertThat(report.added(ImportKey.Kind.POST)).isEqualTo(4);
            assertThat(published).isEmpty();
            for (String user : List.of("discuz:1", "discuz:2", "discuz:3")) {
                assertThat(credited.credits().balance(ADMIN, UserId.of(user))).as(user).isZero();
            }
        }
    }

    @Test
    @DisplayName("imported posts are searchable at once, like posts written through the forum")
    void importedPostsAreSearchable() {
        run(thread("t", "page", 0, post("p", AUTHOR, 1, "支持中文吗"), replyTo(post("c", REPLIER, 2, "importers keep history"), "p")));
        assertThat(forum.search().find(ALICE, SearchQuery.of("中文"), PageRequest.first(10)).items())
                .extracting(hit -> hit.floor()).containsExactly(1);
        assertThat(forum.search().find(ALICE, SearchQuery.of("history"), PageRequest.first(10)).items())
                .extracting(hit -> hit.floor()).containsExactly(2);
    }

    @Test
    @DisplayName("parents go in before children whatever the source order, and a reply quotes its parent")
    void parentsFirst() {
        ImportPost child = replyTo(post("c", REPLIER, 1, "child"), "p");
        ImportPost grandchild = replyTo(post("g", VOTER, 2, "grandchild"), "c");
        // the parent is dated after its child, as exports with clock skew have it
        ImportPost parent = post("p", AUTHOR, 3, "parent");
        run(thread("t", "page", 0, grandchild, child, parent));
        List<Post> posts = posts("page");
        assertThat(posts).extracting(Post::body).containsExactly("parent", "child", "grandchild");
        assertThat(posts).extracting(Post::replyToFloor).containsExactly(null, 1, 2);
        assertThat(posts.get(2).quotes()).singleElement().satisfies(q -> assertThat(q.excerpt()).isEqualTo("child"));
    }

    @Test
    @DisplayName("a reply whose parent is nowhere is imported without it and reported as an orphan")
    void orphans() {
        ImportReport report = run(thread("t", "page", 0, post("a", AUTHOR, 0, "first"),
                replyTo(post("b", REPLIER, 1, "lost parent"), "missing")));
        assertThat(posts("page")).extracting(Post::replyToFloor).containsExactly(null, null);
        assertThat(report.notes("orphan")).singleElement().satisfies(n -> assertThat(n.sourceId()).isEqualTo("b"));
    }

    @Test
    @DisplayName("a floor missing in the source is kept as a deleted placeholder, so later floors keep their numbers")
    void gapsBecomePlaceholders() {
        ImportReport report = run(thread("t", "page", 0, onFloor(post("a", AUTHOR, 0, "one"), 1),
                onFloor(post("c", REPLIER, 2, "three"), 3)));
        List<Post> posts = posts("page");
        assertThat(posts).extracting(Post::floor).containsExactly(1, 2, 3);
        assertThat(posts).extracting(Post::state).containsExactly(PostState.VISIBLE, PostState.DELETED,
                PostState.VISIBLE);
        assertThat(topic("page").replies()).isEqualTo(1);
        assertThat(report.notes()).extracting(n -> n.reason()).containsExactly("gap_filled");
    }

    @Test
    @DisplayName("two posts claiming one floor: the second is skipped, named in the report")
    void floorCollision() {
        ImportReport report = run(thread("t", "page", 0, onFloor(post("a", AUTHOR, 0, "one"), 1),
                onFloor(post("b", REPLIER, 1, "two"), 2), onFloor(post("b2", VOTER, 2, "two again"), 2)));
        assertThat(posts("page")).extracting(Post::body).containsExactly("one", "two");
        assertThat(report.skipped("floor_taken")).singleElement()
                .satisfies(n -> assertThat(n.sourceId()).isEqualTo("b2"));
    }

    @Test
    @DisplayName("a post id listed twice in a thread is imported once and reported")
    void duplicateIds() {
        ImportReport report = run(thread("t", "page", 0, post("a", AUTHOR, 0, "one"), post("a", AUTHOR, 0, "one")));
        assertThat(posts("page")).hasSize(1);
        assertThat(report.skipped("duplicate_id")).hasSize(1);
    }

    @Test
    @DisplayName("a page that has a comment thread already gets the imported posts appended to it (merged)")
    void mergesIntoExistingTopic() {
        board = given.board();
        Topic existing = forum.topics().start(ALICE, StartTopic.of(board.id(), "文章", "现在的评论").forExternalKey("page"));
        ImportReport report = run(thread("t", "page", 0, post("a", AUTHOR, 0, "old one"),
                replyTo(post("b", REPLIER, 1, "old two"), "a")));
        assertThat(report.merged()).extracting(n -> n.reason()).containsExactly("existing_topic");
        List<Post> posts = posts("page");
        assertThat(posts).extracting(Post::body).containsExactly("现在的评论", "old one", "old two");
        assertThat(posts.get(2).replyToFloor()).isEqualTo(2);
        assertThat(topic("page").id()).isEqualTo(existing.id());
        assertThat(topic("page").replies()).isEqualTo(2);
    }

    @Test
    @DisplayName("a post in a format the forum cannot render is skipped; a deleted parent is not quoted")
    void unknownFormatAndDeletedQuotes() {
        ImportPost odd = new ImportPost("x", null, null, List.of(), AUTHOR, post("x", AUTHOR, 5, "").createdAt(),
                "body", ContentFormat.of("TEXTILE"), PostState.VISIBLE, List.of());
        ImportReport report = run(thread("t", "page", 0, inState(post("a", AUTHOR, 0, "removed text"), PostState.DELETED),
                replyTo(post("b", REPLIER, 1, "answer"), "a"), odd));
        List<Post> posts = posts("page");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).replyToFloor()).isEqualTo(1);
        assertThat(posts.get(1).quotes()).as("the deleted text stays hidden").isEmpty();
        assertThat(report.skipped("unknown_format")).hasSize(1);
    }

    @Test
    @DisplayName("a source that fails half-way keeps the threads before it; the rerun resumes and adds the rest")
    void resumesAfterACrash() {
        board = given.board();
        ImportThread one = thread("1", "page-1", 0, post("1a", AUTHOR, 0, "one"));
        ImportThread two = thread("2", "page-2", 0, post("2a", AUTHOR, 0, "two"));
        ImportSource failing = new ImportSource() {
            @Override
            public String system() {
                return "disqus";
            }

            @Override
            public void read(ImportSink sink) throws IOException {
                sink.thread(one);
                throw new IOException("truncated file");
            }
        };
        assertThatThrownBy(() -> forum.imports().run(ADMIN, failing, ImportOptions.into(board.id())))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("truncated file");
        assertThat(given.reload(board).topicCount()).isEqualTo(1);
        ImportReport rerun = run(one, two);
        assertThat(rerun.existing(ImportKey.Kind.TOPIC)).isEqualTo(1);
        assertThat(rerun.added(ImportKey.Kind.TOPIC)).isEqualTo(1);
        assertThat(given.reload(board).topicCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("a thread into a board the import does not know is skipped and reported")
    void noBoard() {
        board = given.board();
        ImportThread elsewhere = new ImportThread("t", "board-9", "page", "title", null, 0, 0, false,
                List.of(post("a", AUTHOR, 0, "x")));
        ImportReport report = run(elsewhere);
        assertThat(report.skipped("no_board")).hasSize(1);
        assertThat(given.reload(board).topicCount()).isZero();
    }

    @Test
    @DisplayName("the report's summary names every kind and note")
    void summary() {
        ImportReport report = run(seedThread());
        assertThat(report.summary()).contains("post   added 4").contains("vote   added 1");
        assertThat(clock.instant()).isBefore(clock.instant().plus(Duration.ofSeconds(1)));
    }
}
