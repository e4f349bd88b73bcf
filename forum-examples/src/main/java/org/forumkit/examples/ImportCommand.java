package org.forumkit.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.forumkit.Forum;
import org.forumkit.imports.DiscuzSource;
import org.forumkit.imports.DisqusSource;
import org.forumkit.imports.ImportOptions;
import org.forumkit.imports.ImportReport;
import org.forumkit.imports.ImportSource;
import org.forumkit.imports.WxrSource;
import org.forumkit.model.Board;
import org.forumkit.model.Viewer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code forum-demo.jar import disqus|wxr FILE…} and {@code import discuz --jdbc-url …}: imports exports and
 * Discuz! databases into the demo's database (the embedded H2 one,
 * or any JDBC URL), with a progress line and an ETA, and prints the report. Safe to run again.
 */
@Command(name = "import", mixinStandardHelpOptions = true, subcommands = {
        ImportCommand.Disqus.class, ImportCommand.Wxr.class,
        ImportCommand.Discuz.class},
        description = "Imports a site's comment history into the demo's database; a second run adds only what is new.")
final class ImportCommand implements Runnable {
    static final Viewer IMPORTER = Viewer.user("importer", "导入 Import", "admin");

    /** The demo's database options, for a command that works on the demo's database (import, reindex). */
    static class DatabaseOptions {
        @Option(names = "--jdbc-url", description = "a PostgreSQL or MariaDB database (default: FORUMKIT_JDBC_URL, "
                + "else the demo's embedded H2 database)")
        String jdbcUrl;
        @Option(names = "--jdbc-user", description = "(FORUMKIT_JDBC_USER)")
        String jdbcUser;
        @Option(names = "--jdbc-password", description = "(FORUMKIT_JDBC_PASSWORD)")
        String jdbcPassword;
        @Option(names = "--data-dir", description = "where the embedded H2 database lives (FORUMKIT_DATA_DIR)")
        Path dataDir;

        /** These options as {@link DemoConfig#parse} reads them. */
        String[] flags() {
            return ImportCommand.flags(jdbcUrl, jdbcUser, jdbcPassword, dataDir);
        }
    }

    /** What every source's command shares: where to import to, and how. */
    static class Target extends DatabaseOptions {
        @Option(names = "--board", defaultValue = DemoApp.COMMENTS_BOARD,
                description = "slug of the board the threads go to (default: ${DEFAULT-VALUE})")
        String board;
        @Option(names = "--dry-run", description = "only report what would be imported")
        boolean dryRun;
    }

    @Command(name = "disqus", mixinStandardHelpOptions = true, description = "Disqus XML export files")
    static final class Disqus extends Source {
        Disqus() {
            super(DisqusSource::new);
        }
    }

    @Command(name = "wxr", mixinStandardHelpOptions = true, description = "WordPress export (WXR 1.0-1.2) files")
    static final class Wxr extends Source {
        Wxr() {
            super(WxrSource::new);
        }
    }

    /** One source format: its files, imported one after the other into the target. */
    abstract static class Source extends Target implements Callable<Integer> {
        private final Function<Path, ImportSource> open;
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "export files")
        List<Path> files = new ArrayList<>();
        final Io io = new Io();

        Source(Function<Path, ImportSource> open) {
            this.open = open;
        }

        @Override
        public Integer call() throws Exception {
            for (Path file : files) {
                if (!Files.isReadable(file)) {
                    io.err.println("cannot read " + file);
                    return 2;
                }
            }
            Map<String, java.util.function.Supplier<ImportSource>> sources = new java.util.LinkedHashMap<>();
            files.forEach(file -> sources.put(file.toString(), () -> open.apply(file)));
            return importInto(flags(), board, dryRun, sources, io);
        }
    }

    /** {@code import discuz}: a Discuz! X3 database (its MySQL/MariaDB copy) into the demo's database or another one. */
    @Command(name = "discuz", mixinStandardHelpOptions = true,
            description = "a Discuz! X3.x database (a MySQL or MariaDB copy of the site's)")
    static final class Discuz implements Callable<Integer> {
        @Option(names = "--jdbc-url", required = true, description = "the Discuz! database, e.g. "
                + "jdbc:mariadb://127.0.0.1:3306/ultrax")
        String jdbcUrl;
        @Option(names = "--jdbc-user", defaultValue = "root", description = "(default: ${DEFAULT-VALUE})")
        String jdbcUser;
        @Option(names = "--jdbc-password", defaultValue = "", description = "(default: empty)")
        String jdbcPassword;
        @Option(names = "--prefix", defaultValue = DiscuzSource.DEFAULT_PREFIX,
                description = "the tables' prefix (default: ${DEFAULT-VALUE})")
        String prefix;
        @Option(names = "--charset", description = "the site's charset when its tables do not declare it (latin1 "
                + "tables holding GBK or UTF-8 bytes): gbk, utf8, big5")
        String charset;
        @Option(names = "--target-jdbc-url", description = "where to import to: a PostgreSQL or MariaDB database "
                + "(default: FORUMKIT_JDBC_URL, else the demo's embedded H2 database)")
        String targetUrl;
        @Option(names = "--target-jdbc-user", description = "(FORUMKIT_JDBC_USER)")
        String targetUser;
        @Option(names = "--target-jdbc-password", description = "(FORUMKIT_JDBC_PASSWORD)")
        String targetPassword;
        @Option(names = "--data-dir", description = "where the embedded H2 database lives (FORUMKIT_DATA_DIR)")
        Path dataDir;
        @Option(names = "--dry-run", description = "only report what would be imported")
        boolean dryRun;
        final Io io = new Io();

        @Override
        public Integer call() throws Exception {
            DiscuzSource source;
            try {
                source = DiscuzSource.of(jdbcUrl, jdbcUser, jdbcPassword).prefix(prefix).charset(charset);
            } catch (IllegalArgumentException e) {
                io.err.println(e.getMessage());
                return 2;
            }
            return importInto(flags(targetUrl, targetUser, targetPassword, dataDir), null, dryRun,
                    Map.of(jdbcUrl, () -> source), io);
        }
    }

    /** Where a command writes and which environment it reads; tests swap them. */
    static final class Io {
        Map<String, String> env = Map.of();
        PrintStream out = System.out;
        PrintStream err = System.err;
    }

    /**
     * Imports each named source in turn into the target the flags name, into board {@code board} ({@code null}: the
     * sources' own boards); prints each report. 0 when all went through, 1 when a source failed, 2 on bad options.
     */
    static int importInto(String[] flags, String board, boolean dryRun,
            Map<String, java.util.function.Supplier<ImportSource>> sources, Io io) throws Exception {
        DemoConfig config;
        try {
            config = DemoConfig.parse(flags, io.env);
            Database.dialectOf(config.jdbcUrl() == null ? "jdbc:h2:" : config.jdbcUrl());
        } catch (IllegalArgumentException e) {
            io.err.println(e.getMessage());
            return 2;
        }
        try (DemoStore store = DemoStore.open(config)) {
            SettableClock clock = new SettableClock();
            try (Forum forum = Forum.builder().store(store.store()).clock(clock).build()) {
                DemoApp.seedOnFirstStart(store.store(), forum, clock);
                Board target = null;
                if (board != null) {
                    target = forum.boards().bySlug(IMPORTER, board).orElse(null);
                    if (target == null) {
                        io.err.println("no board with slug '" + board + "'");
                        return 2;
                    }
                }
                int failed = 0;
                for (Map.Entry<String, java.util.function.Supplier<ImportSource>> source : sources.entrySet()) {
                    Progress progress = new Progress(source.getKey(), io.err);
                    try {
                        ImportReport report = forum.imports().run(IMPORTER, source.getValue().get(),
                                ImportOptions.into(target == null ? null : target.id()).dryRun(dryRun)
                                        .progress(progress));
                        progress.done();
                        io.out.println(source.getKey() + ":");
                        io.out.print(report.summary());
                    } catch (java.io.UncheckedIOException e) {
                        progress.done();
                        io.err.println(source.getKey() + ": " + e.getMessage());
                        failed++;
                    }
                }
                return failed == 0 ? 0 : 1;
            }
        }
    }

    private static String[] flags(String jdbcUrl, String jdbcUser, String jdbcPassword, Path dataDir) {
        List<String> flags = new ArrayList<>();
        add(flags, "--jdbc-url", jdbcUrl);
        add(flags, "--jdbc-user", jdbcUser);
        add(flags, "--jdbc-password", jdbcPassword);
        add(flags, "--data-dir", dataDir == null ? null : dataDir.toString());
        return flags.toArray(String[]::new);
    }

    private static void add(List<String> flags, String name, String value) {
        if (value != null) {
            flags.add(name);
            flags.add(value);
        }
    }

    /** A progress line on the terminal, at most a few times a second: threads done, rate, ETA. */
    static final class Progress implements ImportOptions.ImportProgress {
        private final String name;
        private final PrintStream err;
        private final long started = System.nanoTime();
        private long shownAt;

        Progress(String name, PrintStream err) {
            this.name = name;
            this.err = err;
        }

        @Override
        public void threads(long done, long expected) {
            long now = System.nanoTime();
            if (now - shownAt < 250_000_000L && done != expected) {
                return;
            }
            shownAt = now;
            err.print("\r" + line(done, expected, Duration.ofNanos(now - started)));
        }

        static String line(long done, long expected, Duration elapsed) {
            double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
            double rate = done / seconds;
            String eta = expected > 0 && rate > 0
                    ? ", ETA " + format(Duration.ofSeconds(Math.round((expected - done) / rate))) : "";
            return String.format("%d%s threads, %.1f/s%s   ", done, expected >= 0 ? "/" + expected : "", rate, eta);
        }

        private static String format(Duration d) {
            return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
        }

        void done() {
            if (shownAt != 0) {
                err.println();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private ImportCommand() {
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a source: disqus, wxr or discuz");
    }

    /** Runs the command on {@code args} (after {@code import}); returns the exit code. */
    static int run(String[] args, Map<String, String> env) {
        return run(args, env, System.out, System.err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine command = new CommandLine(new ImportCommand());
        command.setExecutionStrategy(parsed -> {
            Object leaf = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1).getCommand();
            Io io = leaf instanceof Source source ? source.io : leaf instanceof Discuz discuz ? discuz.io : null;
            if (io != null) {
                io.env = env;
                io.out = out;
                io.err = err;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        command.setOut(new java.io.PrintWriter(out, true));
        command.setErr(new java.io.PrintWriter(err, true));
        return command.execute(args);
    }
}
