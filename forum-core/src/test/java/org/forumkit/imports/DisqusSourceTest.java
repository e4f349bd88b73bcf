package org.forumkit.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.imports.ImportFiles.file;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Topic;
import org.forumkit.spi.store.ImportKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Disqus XML export: every trap of the format")
class DisqusSourceTest {
    private final ImportFiles files = new ImportFiles();

    @AfterEach
    void close() {
        files.close();
    }

    private ImportReport importTraps() {
        return files.run(new DisqusSource(file("disqus-traps.xml")));
    }

    @Test
    @DisplayName("two threads of one page (scheme, www, trailing slash, tracking query, empty id) become one topic, reported")
    void mergesDuplicateThreads() {
        ImportReport report = importTraps();
        assertThat(report.merged()).filteredOn(n -> n.kind() == ImportKey.Kind.TOPIC)
                .singleElement().satisfies(n -> {
                    assertThat(n.sourceId()).isEqualTo("101");
                    assertThat(n.detail()).contains("into 100").contains("example.com/posts/hello");
                });
        Topic topic = files.topic("example.com/posts/hello").orElseThrow();
        assertThat(topic.title()).isEqualTo("Hello, 世界");
        assertThat(files.posts("example.com/posts/hello")).extracting(Post::body)
                .contains("Reply to Ann");
    }

    @Test
    @DisplayName("parents go before children, a reply quotes its parent, a deleted parent with a reply stays as a placeholder")
    void treeAndPlaceholders() {
        ImportReport report = importTraps();
        List<Post> posts = files.posts("example.com/posts/hello");
        assertThat(posts).extracting(Post::body).containsExactly("First [b]comment[/b]", "Reply to Ann",
                "I was deleted", "Answer to a deleted comment");
        assertThat(posts).extracting(Post::state).containsExactly(PostState.VISIBLE, PostState.VISIBLE,
                PostState.DELETED, PostState.VISIBLE);
        assertThat(posts.get(1).replyToFloor()).isEqualTo(1);
        assertThat(posts.get(1).quotes()).singleElement()
                .satisfies(q -> assertThat(q.excerpt()).isEqualTo("First [b]comment[/b]"));
        assertThat(posts.get(3).replyToFloor()).isEqualTo(3);
        assertThat(posts.get(3).quotes()).as("a deleted source is not quoted").isEmpty();
        assertThat(posts.get(0).author().displayName()).isEqualTo("Ann");
        assertThat(posts.get(0).author().id().value()).isEqualTo("disqus:ann");
        assertThat(posts.get(0).createdAt()).isEqualTo(Instant.parse("2011-08-31T15:00:00Z"));
        assertThat(files.topic("example.com/posts/hello").orElseThrow().replies()).isEqualTo(2);
        assertThat(report.skipped("deleted")).extracting(ImportNote::sourceId).containsExactly("6");
    }

    @Test
    @DisplayName("spam, posts of missing or deleted threads and unreadable dates are skipped and reported")
    void skips() {
        ImportReport report = importTraps();
        assertThat(report.skipped("spam")).extracting(ImportNote::sourceId).containsExactly("4");
        assertThat(report.skipped("orphan")).extracting(ImportNote::sourceId).containsExactly("7");
        assertThat(report.skipped("deleted_thread")).extracting(ImportNote::sourceId).containsExactly("200");
        assertThat(report.skipped("bad_date")).singleElement()
                .satisfies(n -> assertThat(n.detail()).contains("last tuesday"));
        assertThat(files.topic("gone-page")).isEmpty();
        assertThat(files.topic("example.com/gone")).isEmpty();
        assertThat(report.added(ImportKey.Kind.TOPIC)).isEqualTo(2);
        assertThat(report.added(ImportKey.Kind.POST)).isEqualTo(5);
    }

    @Test
    @DisplayName("HTML is cleaned with the rendered posts' allow-list: no script, no handler, no javascript: link")
    void cleansHtml() {
        importTraps();
        Topic closed = files.topic("example.com/closed").orElseThrow();
        assertThat(closed.locked()).as("a closed Disqus thread is locked").isTrue();
        Post post = files.posts("example.com/closed").get(0);
        assertThat(post.body()).doesNotContain("script").doesNotContain("alert").doesNotContain("javascript")
                .contains("[url=https://example.org/]there[/url]");
        assertThat(post.html()).doesNotContainIgnoringCase("<script").doesNotContain("onclick")
                .doesNotContain("onerror").doesNotContain("javascript:");
        assertThat(post.createdAt()).isEqualTo(Instant.parse("2011-08-31T08:00:00Z"));
    }

    @Test
    @DisplayName("a second run adds nothing; a dry run reports the same counts and writes nothing")
    void rerunAndDryRun() {
        ImportFiles dry = new ImportFiles();
        try {
            ImportReport would = dry.forum.imports().run(org.forumkit.tck.ForumFixtures.ADMIN,
                    new DisqusSource(file("disqus-traps.xml")), ImportOptions.into(dry.board.id()).dryRun(true));
            assertThat(would.added(ImportKey.Kind.POST)).isEqualTo(5);
            assertThat(dry.board().topicCount()).isZero();
        } finally {
            dry.close();
        }
        ImportReport first = importTraps();
        ImportReport second = importTraps();
        assertThat(second.added()).isEmpty();
        assertThat(second.existing(ImportKey.Kind.POST)).isEqualTo(first.added(ImportKey.Kind.POST));
        assertThat(files.board().postCount()).isEqualTo(4);
    }

    @Test
    @DisplayName("an XML bomb, an external entity, a truncated file and a non-Disqus file are refused with a clear message, nothing written")
    void badFiles() {
        assertThatThrownBy(() -> files.run(new DisqusSource(file("billion-laughs.xml"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("refused");
        assertThatThrownBy(() -> files.run(new DisqusSource(file("external-entity.xml"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("refused");
        assertThatThrownBy(() -> files.run(new DisqusSource(file("disqus-truncated.xml"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("disqus-truncated.xml");
        assertThatThrownBy(() -> files.run(new DisqusSource(file("wxr-traps.xml"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("not a Disqus export");
        assertThat(files.board().topicCount()).isZero();
    }
}
