package org.forumkit.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.imports.ImportFiles.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.spi.store.ImportKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("WordPress WXR 1.0-1.2: every trap of the format")
class WxrSourceTest {
    private static final String FIRST = "blog.example.com/2015/01/first";
    private final ImportFiles files = new ImportFiles();

    @AfterEach
    void close() {
        files.close();
    }

    @Test
    @DisplayName("a reply whose parent comes later in the file goes in after it, answering and quoting it")
    void parentsFirst() {
        files.run(new WxrSource(file("wxr-traps.xml")));
        List<Post> posts = files.posts(FIRST);
        assertThat(posts).extracting(Post::body).containsExactly("When was I written?", "[b]Great[/b] post",
                "I disagree", "Answering Bob", "Waiting for approval");
        assertThat(posts.get(2).replyToFloor()).isEqualTo(2);
        assertThat(posts.get(3).replyToFloor()).isEqualTo(3);
        assertThat(posts.get(3).quotes()).singleElement().satisfies(q -> assertThat(q.excerpt()).isEqualTo("I disagree"));
        assertThat(posts.get(1).author().id().value()).isEqualTo("wordpress:user-7");
        assertThat(posts.get(1).createdAt()).isEqualTo(Instant.parse("2015-01-28T15:00:00Z"));
        assertThat(posts.get(4).state()).isEqualTo(PostState.PENDING);
        assertThat(posts.get(3).html()).doesNotContainIgnoringCase("script");
    }

    @Test
    @DisplayName("spam, pingbacks and trashed comments without replies are skipped; a missing date is guessed and noted")
    void skipsAndNotes() {
        ImportReport report = files.run(new WxrSource(file("wxr-traps.xml")));
        assertThat(report.skipped("spam")).extracting(ImportNote::sourceId).containsExactly("10/5");
        assertThat(report.skipped("pingback")).extracting(ImportNote::sourceId).containsExactly("10/4");
        assertThat(report.skipped("deleted")).extracting(ImportNote::sourceId).containsExactly("10/7");
        assertThat(report.notes("date_guessed")).extracting(ImportNote::sourceId).containsExactly("10/8");
        assertThat(files.posts(FIRST).get(0).createdAt()).isEqualTo(Instant.parse("2015-01-28T14:05:00Z"));
    }

    @Test
    @DisplayName("comment ids repeated across items stay apart; a closed item is a locked topic; a rerun adds nothing")
    void repeatedIdsAndRerun() {
        ImportReport first = files.run(new WxrSource(file("wxr-traps.xml")));
        assertThat(first.added(ImportKey.Kind.TOPIC)).isEqualTo(2);
        assertThat(first.added(ImportKey.Kind.POST)).isEqualTo(6);
        assertThat(files.posts("blog.example.com/2015/02/second")).extracting(Post::body)
                .containsExactly("Same id, other post");
        assertThat(files.topic("blog.example.com/2015/02/second").orElseThrow().locked()).isTrue();
        ImportReport again = files.run(new WxrSource(file("wxr-traps.xml")));
        assertThat(again.added()).isEmpty();
        assertThat(again.existing(ImportKey.Kind.POST)).isEqualTo(6);
    }

    @Test
    @DisplayName("WXR 1.0 reads the same; 1.3, an external entity and a truncated file are refused")
    void versionsAndBadFiles(@TempDir Path dir) throws IOException {
        assertThat(files.run(new WxrSource(file("wxr-1.0.xml"))).added(ImportKey.Kind.POST)).isEqualTo(6);
        Path future = dir.resolve("wxr-1.3.xml");
        Files.writeString(future, Files.readString(file("wxr-traps.xml")).replace("export/1.2/", "export/1.3/"));
        assertThatThrownBy(() -> files.run(new WxrSource(future))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("only 1.0 to 1.2");
        assertThatThrownBy(() -> files.run(new WxrSource(file("external-entity.xml"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("refused");
        Path truncated = dir.resolve("cut.xml");
        String whole = Files.readString(file("wxr-traps.xml"));
        Files.writeString(truncated, whole.substring(0, whole.indexOf("Second article")));
        ImportFiles fresh = new ImportFiles();
        try {
            assertThatThrownBy(() -> fresh.run(new WxrSource(truncated))).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cut.xml");
            assertThat(fresh.board().topicCount()).as("the whole items before the cut are in").isEqualTo(1);
        } finally {
            fresh.close();
        }
    }
}
