package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("h2")
@DisplayName("forum-demo.jar reindex: rebuilds the search index of posts written around it, resumable")
class ReindexCommandTest {
    @TempDir
    Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return ReindexCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Connection h2() throws Exception {
        return DriverManager.getConnection(DemoApp.jdbcUrl(new DemoConfig(0, null, null, null, data)), "sa", "");
    }

    private long count(String sql) throws Exception {
        try (Connection c = h2(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void sql(String sql) throws Exception {
        try (Connection c = h2(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** The demo's search for 民政 on its seeded board: the number of hits on the first page. */
    private int hits() throws Exception {
        try (DemoApp app = DemoApp.start(new DemoConfig(0, null, null, null, data))) {
            JsonNode found = new DemoClient(app.url()).get("/api/search?q="
                    + URLEncoder.encode("民政", StandardCharsets.UTF_8) + "&board=news-media&size=20").json();
            return found.get("hits").size();
        }
    }

    @Test
    @DisplayName("an emptied index is rebuilt: search finds nothing, then after reindex what it found before")
    void rebuildsAnEmptiedIndex() throws Exception {
        int before = hits(); // the first start seeds the demo, written through the API and so indexed
        long terms = count("select count(*) from fk_search_term");
        long posts = count("select count(*) from fk_post");
        assertThat(before).isPositive();
        sql("delete from fk_search_term");
        assertThat(hits()).as("posts without index rows are not found").isZero();

        assertThat(run("--data-dir", data.toString(), "--batch", "7")).as(err()).isZero();
        assertThat(out()).contains("reindexed " + posts + " posts in ");
        assertThat(count("select count(*) from fk_search_term")).isEqualTo(terms);
        assertThat(hits()).isEqualTo(before);
    }

    @Test
    @DisplayName("--after resumes: only the posts after that id are indexed, and a second full run changes nothing")
    void resumesAfterAPost() throws Exception {
        hits();
        long posts = count("select count(*) from fk_post");
        long terms = count("select count(*) from fk_search_term");
        long middle = count("select min(id) from fk_post") + posts / 2;
        long later = count("select count(*) from fk_post where id > " + middle);
        sql("delete from fk_search_term where post_id > " + middle);

        assertThat(run("--data-dir", data.toString(), "--after", Long.toString(middle))).as(err()).isZero();
        assertThat(out()).contains("reindexed " + later + " posts");
        Matcher last = Pattern.compile("last post (\\d+)").matcher(out());
        assertThat(last.find()).isTrue();
        assertThat(Long.parseLong(last.group(1))).isEqualTo(count("select max(id) from fk_post"));
        assertThat(count("select count(*) from fk_search_term")).isEqualTo(terms);

        assertThat(run("--data-dir", data.toString())).isZero();
        assertThat(out()).contains("reindexed " + posts + " posts");
        assertThat(count("select count(*) from fk_search_term")).as("replaced, not added twice").isEqualTo(terms);
    }

    @Test
    @DisplayName("bad input: a batch out of range, a non-positive or non-numeric --after, an unknown option: exit 2, one line, nothing written")
    void badInput() throws Exception {
        hits();
        long terms = count("select count(*) from fk_search_term");
        sql("delete from fk_search_term");
        assertThat(run("--data-dir", data.toString(), "--batch", "0")).isEqualTo(2);
        assertThat(err()).contains("--batch must be 1..10000, was 0");
        assertThat(run("--data-dir", data.toString(), "--batch", "10001")).isEqualTo(2);
        assertThat(run("--data-dir", data.toString(), "--after", "0")).isEqualTo(2);
        assertThat(err()).contains("--after must be a post id");
        assertThat(run("--data-dir", data.toString(), "--after", "abc")).isEqualTo(2);
        assertThat(err()).contains("--after");
        assertThat(run("--data-dir", data.toString(), "--no-such-option")).isEqualTo(2);
        assertThat(run("--jdbc-url", "jdbc:sqlite:x.db")).isEqualTo(2);
        assertThat(count("select count(*) from fk_search_term")).isZero();
        assertThat(terms).isPositive();
    }

    @Test
    @DisplayName("a database that cannot be opened: exit 1 and one line saying why, no stack trace")
    void unreachableDatabase() {
        assertThat(run("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none", "--jdbc-user", "x", "--jdbc-password",
                "y")).isEqualTo(1);
        assertThat(err()).contains("reindex: cannot open the database jdbc:postgresql://127.0.0.1:1/none: ")
                .doesNotContain("\tat ").hasLineCount(1);
    }
}
