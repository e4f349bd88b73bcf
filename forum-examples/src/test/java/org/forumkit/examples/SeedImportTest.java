package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.forumkit.Forum;
import org.forumkit.examples.seed.DiscuzThread;
import org.forumkit.examples.seed.DiscuzThreadParser;
import org.forumkit.examples.seed.SeedImporter;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Post;
import org.forumkit.model.Quote;
import org.junit.jupiter.api.Test;

class SeedImportTest {
    static final Path SEED = Path.of("..", "seeds", "000_09106afe9c3173a8.txt");

    @Test
    void parsesTheSeedPage() throws Exception {
        DiscuzThread thread = new DiscuzThreadParser().parse(Files.readString(SEED));
        assertThat(thread.siteName()).isEqualTo("清流社工网");
        assertThat(thread.topicType()).isEqualTo("新闻媒体");
        assertThat(thread.title()).isEqualTo("强化高水平崛起的民政服务保障");
        assertThat(thread.views()).isEqualTo(1351);
        assertThat(thread.replies()).isEqualTo(1);
        assertThat(thread.floors()).extracting(DiscuzThread.Floor::postedAt).containsExactly(
                Instant.parse("2012-08-07T01:21:00Z"), Instant.parse("2012-08-07T01:47:00Z"));
        assertThat(thread.floors().get(0).body()).startsWith("强化高水平崛起的民政服务保障")
                .contains("四是加强社会工作专业人才队伍建设")
                .endsWith("原文链接:http://news.sun0769.com/opinion/dg/201208/t20120806_1622041.shtml");
        assertThat(thread.floors().get(1).body()).isEqualTo("希望该培训真的能系统落实~");
        assertThat(thread.floors().get(1).quoted()).startsWith("四是加强社会工作专业人才队伍建设").endsWith("尽快实现社会工作全市全覆盖。");
        assertThat(thread.unmapped()).hasSize(2).allSatisfy(line -> assertThat(line).contains("备考"));
    }

    @Test
    void importsTheSeedThroughThePublicApi() throws Exception {
        SettableClock clock = new SettableClock();
        try (Forum forum = Forum.builder().store(new InMemoryForumStore()).clock(clock).build()) {
            SeedImporter importer = new SeedImporter(forum, clock);
            SeedImporter.Report report = importer.importThread(
                    new DiscuzThreadParser().parse(Files.readString(SEED)), "qingliu", "news-media");

            assertThat(report.board().name()).isEqualTo("新闻媒体");
            assertThat(report.board().topicTypes()).containsExactly("新闻媒体");
            assertThat(report.topic().title()).isEqualTo("强化高水平崛起的民政服务保障");
            assertThat(report.topic().type()).isEqualTo("新闻媒体");
            assertThat(report.topic().views()).isEqualTo(1351);
            assertThat(report.topic().replies()).isEqualTo(1);
            List<Post> posts = importer.posts(report.topic());
            assertThat(posts).extracting(Post::floor).containsExactly(1, 2);
            assertThat(posts).extracting(Post::createdAt).containsExactly(
                    Instant.parse("2012-08-07T01:21:00Z"), Instant.parse("2012-08-07T01:47:00Z"));
            assertThat(posts.get(1).body()).isEqualTo("希望该培训真的能系统落实~");
            Quote quote = posts.get(1).quotes().get(0);
            assertThat(quote.sourcePostId()).isEqualTo(posts.get(0).id());
            assertThat(quote.sourceFloor()).isEqualTo(1);
            assertThat(quote.sourcePostedAt()).isEqualTo(posts.get(0).createdAt());
            assertThat(quote.excerpt()).startsWith("四是加强社会工作专业人才队伍建设").endsWith("全覆盖。");
            assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("备考"))
                    .anySatisfy(n -> assertThat(n).contains("names no authors"));
        }
    }
}
