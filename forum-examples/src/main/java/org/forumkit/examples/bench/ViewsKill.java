package org.forumkit.examples.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.examples.Database;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;

/**
 * The views-kill scenario: a child JVM (an app node) records views of one topic with the buffer flushing every
 * {@value #FLUSH_MILLIS} ms, and is killed with SIGKILL mid-load; what the database holds afterwards, against what
 * the child reported recording, is what a crashed node loses. The documented bound is the views of one flush
 * interval (plus the flush in flight).
 */
final class ViewsKill {
    static final long FLUSH_MILLIS = 1_000;

    private ViewsKill() {
    }

    static void run(Report report, String target, String url, String user, String password) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ViewsKill.class.getName(), url, user, password).redirectErrorStream(true).start();
        AtomicLong topic = new AtomicLong(-1);
        AtomicLong recorded = new AtomicLong(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("topic ")) {
                        topic.set(Long.parseLong(line.substring(6)));
                    } else if (line.startsWith("recorded ")) {
                        recorded.set(Long.parseLong(line.substring(9)));
                    }
                }
            } catch (Exception ignored) {
                // the child was killed
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (recorded.get() < 0 && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(20);
        }
        Thread.sleep(3 * FLUSH_MILLIS + FLUSH_MILLIS / 3); // mid-interval, after a few flushes
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no last flush
        child.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
        long last = recorded.get();
        long stored;
        try (Database db = Database.open(url, user, password, 2); Connection c = db.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT views FROM fk_topic WHERE id = ?")) {
            s.setLong(1, topic.get());
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                stored = rows.getLong(1);
            }
        }
        double perSecond = last / ((3 * FLUSH_MILLIS + FLUSH_MILLIS / 3) / 1000.0);
        long lost = last - stored;
        String scenario = "views-kill (flush every " + FLUSH_MILLIS + " ms)";
        report.add(target, scenario, "views reported recorded by the child", last, "");
        report.add(target, scenario, "views stored after kill -9", stored, "");
        report.add(target, scenario, "views lost (at least)", lost, "");
        report.add(target, scenario, "lost, in seconds of load", lost / Math.max(1, perSecond), "s");
        // The child may record a few views after its last report line, so a small negative loss is no duplicate.
        if (lost > 2 * perSecond * FLUSH_MILLIS / 1000.0 || -lost > perSecond / 10) {
            report.violation(target, "kill -9 changed the views by " + lost + " at " + Math.round(perSecond)
                    + " views/s, beyond one flush window");
        }
    }

    /** The child app node: records anonymous views as fast as it can and reports the running count. */
    public static void main(String[] args) throws Exception {
        Database db = Database.open(args[0], args[1], args[2], 2);
        Forum forum = Forum.builder().store(db.store()).settings(ForumSettings.defaults()
                .withViewWindow(Duration.ZERO).withViewFlushInterval(Duration.ofMillis(FLUSH_MILLIS))).build();
        Viewer.Member admin = Viewer.user("bench-admin", "管理员", "admin");
        String slug = "views-kill-" + System.nanoTime();
        Board category = forum.boards().create(admin, CreateBoard.category("c-" + slug, "分区"));
        Board board = forum.boards().create(admin, CreateBoard.board(category.id(), slug, "崩溃"));
        Topic topic = forum.topics().start(admin, StartTopic.of(board.id(), "浏览", "正文"));
        System.out.println("topic " + topic.id().value());
        long count = 0;
        long printed = System.nanoTime();
        Viewer anonymous = Viewer.anonymous();
        while (true) {
            forum.views().record(anonymous, topic.id());
            count++;
            if (System.nanoTime() - printed > 10_000_000) {
                System.out.println("recorded " + count);
                System.out.flush();
                printed = System.nanoTime();
                Thread.sleep(1);
            }
        }
    }
}
