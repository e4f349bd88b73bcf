package org.forumkit.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.forumkit.Forum;
import org.forumkit.Search.ReindexProgress;
import org.forumkit.model.PostId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code forum-demo.jar reindex}: rebuilds the search index of the posts in the demo's database (the embedded H2
 * one, or any JDBC URL), for data written around the API ({@code ForumArchive}, a database from before search), with
 * a progress line; resumable with {@code --after} from the last post it reported, also after a failure, which
 * prints that command.
 */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Rebuilds the search index of every post (after --after), a batch per transaction.")
final class ReindexCommand implements Callable<Integer> {
    @CommandLine.Mixin
    final ImportCommand.DatabaseOptions database = new ImportCommand.DatabaseOptions();
    @Option(names = "--after", paramLabel = "POST_ID",
            description = "index only the posts after this id: the resume point a stopped run printed")
    Long after;
    @Option(names = "--batch", defaultValue = "1000",
            description = "posts per transaction, 1-10000 (default: ${DEFAULT-VALUE})")
    int batch;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    private ReindexCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (after != null && after < 1) {
            err.println("--after must be a post id (1 or more), was " + after);
            return 2;
        }
        if (batch < 1 || batch > 10_000) {
            err.println("--batch must be 1..10000, was " + batch);
            return 2;
        }
        DemoConfig config;
        try {
            config = DemoConfig.parse(database.flags(), env);
            Database.dialectOf(config.jdbcUrl() == null ? "jdbc:h2:" : config.jdbcUrl());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        long started = System.nanoTime();
        Line line = new Line(err, started);
        PostId[] last = {after == null ? null : new PostId(after)};
        long[] done = {0};
        try {
            DemoApp.checkConnects("reindex", config);
        } catch (DemoApp.DatabaseUnavailableException e) {
            err.println(e.getMessage());
            return 1;
        }
        try (DemoStore store = DemoStore.open(config); Forum forum = Forum.builder().store(store.store()).build()) {
            forum.search().reindex(Optional.ofNullable(last[0]), batch, (ReindexProgress progress) -> {
                done[0] = progress.indexed();
                last[0] = progress.lastPost();
                line.show(progress);
            });
        } catch (RuntimeException e) {
            line.end();
            err.println("reindex stopped after " + done[0] + " posts: " + oneLine(e));
            if (last[0] != null) {
                err.println("resume with: reindex --after " + last[0].value() + " (and the same database options)");
            }
            return 1;
        }
        line.end();
        out.println(String.format(Locale.ROOT, "reindexed %d posts in %.1f s%s", done[0],
                (System.nanoTime() - started) / 1e9, last[0] == null ? "" : ", last post " + last[0].value()));
        return 0;
    }

    private static String oneLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
                .strip().replaceAll("\\s+", " ");
    }

    /** The progress line on the terminal, at most four times a second: posts done, the last post, the rate. */
    private static final class Line {
        private final PrintStream err;
        private final long started;
        private long shownAt;

        Line(PrintStream err, long started) {
            this.err = err;
            this.started = started;
        }

        void show(ReindexProgress progress) {
            long now = System.nanoTime();
            if (now - shownAt < 250_000_000L) {
                return;
            }
            shownAt = now;
            double seconds = Math.max(now - started, 1_000_000L) / 1e9;
            err.print(String.format(Locale.ROOT, "\r%d posts indexed, last post %d, %.0f posts/s   ",
                    progress.indexed(), progress.lastPost().value(), progress.indexed() / seconds));
        }

        void end() {
            if (shownAt != 0) {
                err.println();
            }
        }
    }

    /** Runs the command on {@code args} (after {@code reindex}); returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine command = new CommandLine(new ReindexCommand(env, out, err));
        command.setOut(new java.io.PrintWriter(out, true));
        command.setErr(new java.io.PrintWriter(err, true));
        return command.execute(args);
    }
}
