package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("h2")
@DisplayName("forum-demo.jar import: Disqus and WXR files into the demo's database")
class ImportCommandTest {
    @TempDir
    Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path fixtures;

    /** A sample export from forum-core's test-jar, copied to a file (the command reads files, not resources). */
    private String fixture(String name) {
        try (java.io.InputStream in = ImportCommandTest.class.getResourceAsStream("/imports/" + name)) {
            Path file = fixtures.resolve(name);
            java.nio.file.Files.copy(java.util.Objects.requireNonNull(in, name), file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return ImportCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("imports a Disqus file, then the demo serves the page's comments; a second run adds nothing")
    void disqusThenServe() throws Exception {
        assertThat(run("disqus", "--data-dir", data.toString(), fixture("disqus-traps.xml"))).isZero();
        assertThat(out()).contains("post   added 5").contains("skipped").contains("spam");
        assertThat(run("disqus", "--data-dir", data.toString(), fixture("disqus-traps.xml"))).isZero();
        assertThat(out()).contains("post   added 0, already there 5");

        try (DemoApp app = DemoApp.start(new DemoConfig(0, null, null, null, data))) {
            DemoClient.Reply comments = new DemoClient(app.url()).get("/api/comments?key=example.com/posts/hello");
            assertThat(comments.status()).isEqualTo(200);
            assertThat(comments.json().path("page").path("posts")).hasSize(4);
            assertThat(comments.text()).contains("Reply to Ann");
            assertThat(new DemoClient(app.url()).get("/api/boards/news-media/topics").json().toString())
                    .as("the seed is there as before").contains("1351");
        }
    }

    @Test
    @DisplayName("imports a WXR file; a dry run first writes nothing")
    void wxrWithDryRun() {
        assertThat(run("wxr", "--dry-run", "--data-dir", data.toString(), fixture("wxr-traps.xml"))).isZero();
        assertThat(out()).contains("dry run").contains("post   added 6");
        assertThat(run("wxr", "--data-dir", data.toString(), fixture("wxr-traps.xml"))).isZero();
        assertThat(out()).contains("post   added 6").doesNotContain("dry run");
    }

    @Test
    @DisplayName("bad input: no source, a missing file, an unknown board, a refused file: a clear message and a non-zero exit")
    void badInput() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("disqus, wxr or discuz");
        assertThat(run("disqus", "--data-dir", data.toString(), data.resolve("missing.xml").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
        assertThat(run("disqus", "--board", "nope", "--data-dir", data.toString(), fixture("disqus-traps.xml")))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no board with slug 'nope'");
        assertThat(run("disqus", "--data-dir", data.toString(), fixture("billion-laughs.xml"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused");
    }

    @Test
    @DisplayName("the progress line shows threads done, the rate and an ETA")
    void progressLine() {
        assertThat(ImportCommand.Progress.line(50, 200, Duration.ofSeconds(10)))
                .startsWith("50/200 threads, 5.0/s, ETA 0:00:30");
        assertThat(ImportCommand.Progress.line(7, -1, Duration.ofSeconds(1))).startsWith("7 threads, 7.0/s").doesNotContain("ETA");
    }
}
