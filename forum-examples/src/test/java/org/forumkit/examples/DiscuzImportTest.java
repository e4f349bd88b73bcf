package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.forumkit.Forum;
import org.forumkit.examples.seed.SeedImporter;
import org.forumkit.imports.AuthorMapping;
import org.forumkit.imports.ImportOptions;
import org.forumkit.imports.ImportReport;
import org.forumkit.imports.ImportSource;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ImportKey.Kind;
import org.forumkit.spi.store.StoreReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("mariadb")
@DisplayName("Discuz! X3.4 databases on MariaDB imported: the seed thread, the traps, charsets, prefixes")
class DiscuzImportTest {
    private static final Viewer ADMIN = Viewer.user("admin", "管理员", "admin");

    @TempDir
    Path data;

    /** The seed's floors by their Discuz! authors, mapped to the users the seed importer gives them (floor 1: 网友1). */
    private static final AuthorMapping SEED_USERS = (system, author) -> switch (String.valueOf(author.sourceId())) {
        case "101" -> new Author(UserId.of("seed-op"), "网友1");
        case "102" -> new Author(UserId.of("seed-floor-2"), "网友2");
        default -> AuthorMapping.stableIds().author(system, author);
    };

    private static ImportReport run(Forum forum, ImportSource source) {
        return forum.imports().run(ADMIN, source, ImportOptions.into(null));
    }

    private static Topic topic(Forum forum, String boardSlug, String title) {
        Board board = forum.boards().bySlug(ADMIN, boardSlug).orElseThrow();
        return forum.boards().topics(ADMIN, board.id(), PageRequest.first(50)).items().stream()
                .filter(t -> t.title().equals(title)).findFirst().orElseThrow();
    }

    private static List<Post> posts(InMemoryForumStore store, Topic topic) {
        return store.readOnly((StoreReader r) -> r.topicPage(topic.id(), TopicPageRequest.first(50), Optional.empty()))
                .orElseThrow().posts();
    }

    @Test
    @DisplayName("the seed thread stored as Discuz! stores it is imported and the demo serves it exactly like the seed page")
    void seedThreadServedLikeTheSeed() throws Exception {
        DiscuzDatabase db = DiscuzDatabase.create("seed", "utf8mb4", "pre_", "seed.sql");
        DemoConfig config = new DemoConfig(0, null, null, null, data);
        long seedId;
        long importedId;
        try (DemoStore store = DemoStore.open(config)) {
            SettableClock clock = new SettableClock();
            try (Forum forum = Forum.builder().store(store.store()).clock(clock).build()) {
                DemoApp.seedOnFirstStart(store.store(), forum, clock);
                ImportOptions options = ImportOptions.into(null).authors(SEED_USERS);
                ImportReport report = forum.imports().run(ADMIN, db.source(), options);
                assertThat(report.added(Kind.BOARD)).isEqualTo(2);
                assertThat(report.added(Kind.TOPIC)).isEqualTo(1);
                assertThat(report.added(Kind.POST)).isEqualTo(2);
                assertThat(report.added(Kind.VOTE)).isEqualTo(1);
                assertThat(report.skipped()).isEmpty();
                assertThat(forum.imports().run(ADMIN, db.source(), options).added(Kind.POST))
                        .as("a second run adds nothing").isZero();

                Board category = forum.boards().bySlug(ADMIN, "discuz-1").orElseThrow();
                assertThat(category.kind()).isEqualTo(BoardKind.CATEGORY);
                assertThat(category.name()).isEqualTo("清流社工网");
                assertThat(forum.boards().bySlug(ADMIN, "discuz-2").orElseThrow().topicTypes()).containsExactly("新闻媒体");
                Topic imported = topic(forum, "discuz-2", "强化高水平崛起的民政服务保障");
                Topic seed = topic(forum, "news-media", "强化高水平崛起的民政服务保障");
                assertThat(imported.views()).isEqualTo(1351);
                assertThat(imported.replies()).isEqualTo(1);
                assertThat(imported.type()).isEqualTo("新闻媒体");
                List<Post> posts = forum.topics().page(ADMIN, imported.id(), TopicPageRequest.first(10)).posts();
                List<Post> seedPosts = forum.topics().page(ADMIN, seed.id(), TopicPageRequest.first(10)).posts();
                assertThat(posts).extracting(Post::floor).containsExactly(1, 2);
                assertThat(posts).extracting(Post::body).isEqualTo(seedPosts.stream().map(Post::body).toList());
                assertThat(posts).extracting(Post::createdAt).containsExactly(Instant.parse("2012-08-07T01:21:00Z"),
                        Instant.parse("2012-08-07T01:47:00Z"));
                assertThat(posts.get(1).quotes()).singleElement().satisfies(q -> {
                    assertThat(q.sourceFloor()).isEqualTo(1);
                    assertThat(q.sourcePostId()).isEqualTo(posts.get(0).id());
                    assertThat(q.excerpt()).isEqualTo(seedPosts.get(1).quotes().get(0).excerpt());
                });
                assertThat(posts).extracting(Post::support).containsExactly(0L, 1L);
                seedId = seed.id().value();
                importedId = imported.id().value();
            }
        }
        try (DemoApp app = DemoApp.start(config)) {
            DemoClient client = new DemoClient(app.url());
            String seedPage = client.get("/topics/" + seedId).text();
            String importedPage = client.get("/topics/" + importedId).text();
            assertThat(counts(importedPage)).as("支持/反对 of floors 1 and 2").containsExactly("0", "0", "1", "0");
            assertThat(counts(seedPage)).containsExactly("0", "0", "0", "0");
            assertThat(thread(importedPage, importedId)).isEqualTo(thread(seedPage, seedId))
                    .contains("查看", "1351", "[新闻媒体]", "希望该培训真的能系统落实~", "fk-quote");
        }
    }

    private static List<String> counts(String page) {
        Matcher m = Pattern.compile("<span class=\"count\">(\\d+)</span>").matcher(page);
        return m.results().map(r -> r.group(1)).toList();
    }

    /** The thread part of a topic page with its ids and the vote counts taken out. */
    private static String thread(String page, long topicId) {
        String part = page.substring(page.indexOf("<div class=\"thread-head\">"), page.indexOf("<section id=\"reply\""));
        return part.replace("/topics/" + topicId, "/topics/T").replace("%2Ftopics%2F" + topicId, "%2Ftopics%2FT").replaceAll("data-post=\"\\d+\"", "data-post=\"P\"")
                .replaceAll("/posts/\\d+/", "/posts/P/").replaceAll("<span class=\"count\">\\d+</span>", "")
                .replaceAll("name=\"csrf\" value=\"[^\"]*\"", "");
    }

    @Test
    @DisplayName("the traps: states, floors and gaps, votes, anonymous and guests, [hide], restricted boards, bad rows")
    void traps() {
        DiscuzDatabase db = DiscuzDatabase.create("traps", "utf8mb4", "pre_", "traps.sql");
        InMemoryForumStore store = new InMemoryForumStore();
        try (Forum forum = Forum.builder().store(store).build()) {
            ImportReport dry = forum.imports().run(ADMIN, db.source(), ImportOptions.into(null).dryRun(true));
            assertThat(forum.boards().list(ADMIN)).as("a dry run writes nothing").isEmpty();
            ImportReport report = run(forum, db.source());
            assertThat(dry.added()).isEqualTo(report.added());

            assertThat(report.skipped("restricted_board")).extracting(n -> n.sourceId())
                    .containsExactlyInAnyOrder("13", "14", "15", "17");
            assertThat(report.skipped("restricted_board")).anySatisfy(n -> assertThat(n.detail())
                    .contains("viewperm 1,2,3"));
            assertThat(report.skipped("no_board")).extracting(n -> n.sourceId())
                    .containsExactlyInAnyOrder("12", "13", "19");
            assertThat(report.skipped("recycled")).extracting(n -> n.sourceId()).containsExactly("14");
            assertThat(report.skipped("moved")).extracting(n -> n.sourceId()).containsExactly("18");
            assertThat(report.skipped("missing_post_table")).singleElement()
                    .satisfies(n -> assertThat(n.detail()).contains("forum_post_2"));
            assertThat(report.skipped("position_taken")).singleElement().satisfies(n -> {
                assertThat(n.sourceId()).isEqualTo("162");
                assertThat(n.detail()).contains("pid 162", "thread tid 16", "position 2", "pid 161");
            });
            assertThat(report.added(Kind.TOPIC)).isEqualTo(4);
            assertThat(forum.boards().bySlug(ADMIN, "discuz-16")).as("public: guests are in its viewperm").isPresent();
            assertThat(forum.boards().bySlug(ADMIN, "discuz-12").orElseThrow().name()).isEqualTo("子版 & 附属");

            Topic pinned = topic(forum, "discuz-11", "置顶 & 关闭的主题");
            assertThat(pinned.views()).as("views + delayed views").isEqualTo(520);
            assertThat(pinned.type()).isEqualTo("公告");
            assertThat(pinned.pinLevel()).isEqualTo(1);
            assertThat(pinned.locked()).isTrue();
            List<Post> posts = posts(store, pinned);
            assertThat(posts).extracting(Post::floor).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(posts).extracting(Post::state).containsExactly(PostState.VISIBLE, PostState.PENDING,
                    PostState.DELETED, PostState.DELETED, PostState.VISIBLE, PostState.VISIBLE, PostState.VISIBLE,
                    PostState.VISIBLE);
            assertThat(pinned.replies()).as("visible replies").isEqualTo(4);
            assertThat(posts.get(0).body()).isEqualTo("公告正文 🙂");
            assertThat(posts.get(4).support()).isEqualTo(2);
            assertThat(posts.get(4).oppose()).isEqualTo(1);
            assertThat(posts.get(5).author().displayName()).isEqualTo("匿名");
            assertThat(posts.get(5).author().id().value()).doesNotContain("204");
            assertThat(posts.get(6).author().displayName()).isEqualTo("游客");
            assertThat(posts.get(7).body()).contains("公开部分 😂").doesNotContain("秘密");
            assertThat(posts.get(7).html()).doesNotContain("秘密");
            assertThat(report.notes("hidden_content")).singleElement().satisfies(n -> assertThat(n.sourceId()).isEqualTo("106"));
            assertThat(posts.get(4).author().id().value()).isEqualTo("discuz:203");

            List<Post> collided = posts(store, topic(forum, "discuz-11", "楼层冲突"));
            assertThat(collided).extracting(Post::body).containsExactly("第一楼", "第二楼", "引用第二楼");
            assertThat(collided.get(2).quotes()).singleElement().satisfies(q -> {
                assertThat(q.sourceFloor()).isEqualTo(2);
                assertThat(q.excerpt()).isEqualTo("第二楼");
            });
            List<Post> sub = posts(store, topic(forum, "discuz-12", "子版的主题"));
            assertThat(sub.get(1).quotes()).as("the quoted post is in another thread").isEmpty();
            assertThat(sub.get(1).body()).isEqualTo("[quote=alice]公告正文[/quote]\n别的主题里的引用");
            assertThat(posts(store, topic(forum, "discuz-16", "等待审核的主题"))).extracting(Post::state)
                    .containsExactly(PostState.PENDING);

            ImportReport again = run(forum, db.source());
            assertThat(again.added().values()).as("a second run adds nothing").allMatch(n -> n == 0);
        }
    }

    @Test
    @DisplayName("GBK bytes in latin1 tables: refused without a charset, read with --charset gbk; a bad row is named")
    void gbkInLatin1Tables() {
        DiscuzDatabase db = DiscuzDatabase.create("gbk", "latin1", "pre_", "gbk-latin1.sql");
        InMemoryForumStore store = new InMemoryForumStore();
        try (Forum forum = Forum.builder().store(store).build()) {
            assertThatThrownBy(() -> run(forum, db.source())).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("pre_forum_post stores its text as latin1").hasMessageContaining("--charset");
            assertThat(forum.boards().list(ADMIN)).isEmpty();

            ImportReport report = run(forum, db.source().charset("gbk"));
            assertThat(forum.boards().bySlug(ADMIN, "discuz-1").orElseThrow().name()).isEqualTo("中文版块");
            Topic topic = topic(forum, "discuz-1", "十年前的帖子");
            List<Post> posts = posts(store, topic);
            assertThat(posts).extracting(Post::body).startsWith("繁体與简体：都能读出来吗？", "能读出来 🙂");
            assertThat(posts.get(0).author().displayName()).isEqualTo("老用户");
            assertThat(report.skipped("bad_charset")).singleElement().satisfies(n -> {
                assertThat(n.sourceId()).isEqualTo("302");
                assertThat(n.detail()).contains("post pid 302 of thread tid 30", "not valid GBK");
            });
        }
    }

    @Test
    @DisplayName("another prefix or a missing table: one clear message before anything is written")
    void prefixAndMissingTables() {
        DiscuzDatabase db = DiscuzDatabase.create("cdb", "utf8mb4", "cdb_", "seed.sql");
        InMemoryForumStore store = new InMemoryForumStore();
        try (Forum forum = Forum.builder().store(store).build()) {
            assertThatThrownBy(() -> run(forum, db.source())).hasMessageContaining("has no table pre_forum_forum")
                    .hasMessageContaining("prefix cdb_");
            db.execute("DROP TABLE cdb_forum_post");
            assertThatThrownBy(() -> run(forum, db.source().prefix("cdb_")))
                    .hasMessageContaining("has no table cdb_forum_post").hasMessageContaining("discuz_src_cdb");
            assertThat(forum.boards().list(ADMIN)).isEmpty();
        }
    }

    @Test
    @DisplayName("forum-demo.jar import discuz --jdbc-url …: into the demo's database, with a report; bad options exit 2")
    void command() {
        DiscuzDatabase db = DiscuzDatabase.create("cmd", "utf8mb4", "pre_", "seed.sql");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] args = {"discuz", "--jdbc-url", db.url(), "--jdbc-user", org.forumkit.jpa.testing.TestServer.MARIADB.user(),
            "--jdbc-password", org.forumkit.jpa.testing.TestServer.MARIADB.password(), "--data-dir", data.toString()};
        assertThat(ImportCommand.run(args, Map.of(), o, e)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("post   added 2").contains("vote   added 1");
        out.reset();
        assertThat(ImportCommand.run(args, Map.of(), o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("post   added 0, already there 2");
        assertThat(ImportCommand.run(new String[] {"discuz", "--jdbc-url", db.url(), "--charset", "ebcdic"}, Map.of(),
                o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown charset 'ebcdic'");
        assertThat(ImportCommand.run(new String[] {"discuz", "--jdbc-url", db.url(), "--prefix", "x;drop", "--data-dir",
            data.toString()}, Map.of(), o, e)).isEqualTo(2);
    }
}
