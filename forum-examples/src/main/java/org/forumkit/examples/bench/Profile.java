package org.forumkit.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code --profile}: each hot load (hot topic, hot post and their plain-JDBC ceilings) runs under a Java Flight
 * Recorder recording of its own, started and stopped in this JVM, and the recording is read back here. Execution
 * samples and allocation samples of the load threads are bucketed by layer (the innermost frame that belongs to a
 * known library or part of Forumkit) and by step of the command (the outermost frame naming one); {@link RoundTrips}
 * counts the statements before and under the hot row lock. The result is a set of Markdown tables; the recordings
 * are deleted unless {@code --profile-keep DIR} names where to leave them.
 */
final class Profile {

    /** A layer or step and the prefixes ({@code Class.method} or package) of the frames that belong to it. */
    private record Bucket(String name, List<String> prefixes) {
        boolean matches(String frame) {
            for (String prefix : prefixes) {
                if (frame.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Innermost frame first: who runs the CPU. JDK frames count for the caller that asked for them. */
    private static final List<Bucket> LAYERS = List.of(
            new Bucket("profiling proxy (harness)", List.of("org.forumkit.examples.bench.RoundTrips", "jdk.proxy",
                    "com.sun.proxy", "jdk.internal.reflect")),
            new Bucket("JDBC driver and pool", List.of("org.postgresql.", "org.mariadb.jdbc.", "com.zaxxer.hikari.",
                    "org.h2.")),
            new Bucket("validation", List.of("org.hibernate.validator.", "jakarta.validation.",
                    "org.forumkit.internal.Checks", "org.forumkit.internal.TextRules")),
            new Bucket("Hibernate", List.of("org.hibernate.", "net.bytebuddy.", "jakarta.persistence.")),
            new Bucket("JPA adapter", List.of("org.forumkit.jpa.")),
            new Bucket("rendering and HTML cleaning", List.of("org.forumkit.render.", "org.jsoup.", "org.commonmark.")),
            new Bucket("censoring", List.of("org.forumkit.internal.Censoring", "org.forumkit.censor.")),
            new Bucket("search indexing", List.of("org.forumkit.internal.Search")),
            new Bucket("permission and ban checks", List.of("org.forumkit.internal.AccessRules",
                    "org.forumkit.internal.Standing", "org.forumkit.internal.FloodGate")),
            new Bucket("rest of forum-core", List.of("org.forumkit.")),
            new Bucket("harness", List.of("org.forumkit.examples.")));

    /** Outermost frame first: which step of the command the time is for (store calls name their step). */
    private static final List<Bucket> STEPS = List.of(
            new Bucket("validation (before the transaction)", List.of("org.forumkit.internal.Checks.of",
                    "org.forumkit.internal.PostAuthoring$ReplyDraft.<init>")),
            new Bucket("lookup: topic/post and its board", List.of("org.forumkit.jpa.JpaStoreTransaction.topicInBoard",
                    "org.forumkit.jpa.JpaStoreTransaction.postInTopic")),
            new Bucket("ban reads", List.of("org.forumkit.jpa.JpaStoreTransaction.activeBans",
                    "org.forumkit.internal.Standings.")),
            new Bucket("permission decision", List.of("org.forumkit.internal.AccessRules.")),
            new Bucket("quote reads and checks", List.of("org.forumkit.internal.PostAuthoring$ReplyDraft.check")),
            new Bucket("censoring", List.of("org.forumkit.internal.Censoring.")),
            new Bucket("flood control", List.of("org.forumkit.internal.FloodGate.")),
            new Bucket("rendering and HTML cleaning", List.of("org.forumkit.render.")),
            new Bucket("append reply (takes the topic lock)",
                    List.of("org.forumkit.jpa.JpaStoreTransaction.appendReply")),
            new Bucket("cast vote (takes the post lock)", List.of("org.forumkit.jpa.JpaStoreTransaction.castVote")),
            new Bucket("search analysis (before the lock)", List.of("org.forumkit.internal.SearchIndexing.bodyTerms")),
            new Bucket("search index write", List.of("org.forumkit.internal.SearchIndexing.")),
            new Bucket("credits", List.of("org.forumkit.internal.CreditAwards.")),
            new Bucket("events", List.of("org.forumkit.internal.Events.")),
            new Bucket("transaction begin, commit, close", List.of("org.forumkit.jpa.")),
            new Bucket("rest of the command", List.of("org.forumkit.internal.", "org.forumkit.Forum")),
            new Bucket("ceiling's own statements", List.of("org.forumkit.examples.bench.Ceiling")),
            new Bucket("harness", List.of("org.forumkit.examples.")));

    private static final String OTHER = "other (JDK only)";

    /** What one recorded load gave. */
    record Result(String column, String dialect, LoadDriver.Load load, RoundTrips.PerOperation trips,
            Map<String, Long> layers, Map<String, Long> steps, Map<String, Long> allocationLayers, long javaSamples,
            long nativeSamples, long otherThreadSamples) {
    }

    private final Path keep;
    private final List<Result> results = new ArrayList<>();
    private Recording recording;

    Profile(Path keep) {
        this.keep = keep;
    }

    /** Starts recording and counting, right before a load's threads start. */
    void begin() throws IOException, ParseException {
        recording = new Recording(Configuration.getConfiguration("profile"));
        recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
        recording.enable("jdk.NativeMethodSample").withPeriod(java.time.Duration.ofMillis(10));
        recording.enable("jdk.ObjectAllocationSample").with("throttle", "2000/s");
        recording.setToDisk(true);
        recording.start();
        RoundTrips.INSTANCE.start();
    }

    /** Stops the recording begun last and reads it: {@code column} names the load in the tables. */
    void end(String column, String dialect, LoadDriver.Load load) throws IOException {
        RoundTrips.INSTANCE.stop();
        recording.stop();
        Path file = Files.createTempFile("forumkit-profile-", ".jfr");
        recording.dump(file);
        recording.close();
        try {
            results.add(analyse(column, dialect, load, RoundTrips.INSTANCE.perOperation(load.operations()
                    + load.failures(), dialect), file));
            if (keep != null) {
                Files.createDirectories(keep);
                Files.copy(file, keep.resolve(column.replaceAll("[^A-Za-z0-9]+", "-") + ".jfr"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Result analyse(String column, String dialect, LoadDriver.Load load, RoundTrips.PerOperation trips,
            Path file) throws IOException {
        Map<String, Long> layers = new LinkedHashMap<>();
        Map<String, Long> steps = new LinkedHashMap<>();
        Map<String, Long> allocation = new LinkedHashMap<>();
        long java = 0;
        long nativeSamples = 0;
        long otherThreads = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            boolean execution = type.equals("jdk.ExecutionSample");
            boolean allocated = type.equals("jdk.ObjectAllocationSample");
            if (!execution && !allocated && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedThread thread = allocated ? event.getThread() : event.getThread("sampledThread");
            boolean loadThread = thread != null && thread.getJavaName() != null
                    && thread.getJavaName().startsWith(LoadDriver.THREAD_PREFIX);
            if (!loadThread) {
                if (execution) {
                    otherThreads++;
                }
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            List<String> frames = frames(stack);
            if (execution) {
                java++;
                layers.merge(innermost(frames), 1L, Long::sum);
                steps.merge(outermost(frames), 1L, Long::sum);
            } else if (allocated) {
                allocation.merge(innermost(frames), event.getLong("weight"), Long::sum);
            } else {
                nativeSamples++;
            }
        }
        return new Result(column, dialect, load, trips, layers, steps, allocation, java, nativeSamples, otherThreads);
    }

    private static List<String> frames(RecordedStackTrace stack) {
        List<String> frames = new ArrayList<>();
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
            }
        }
        return frames;
    }

    private static String innermost(List<String> frames) {
        for (String frame : frames) {
            for (Bucket layer : LAYERS) {
                if (layer.matches(frame)) {
                    return layer.name();
                }
            }
        }
        return OTHER;
    }

    /** The step of the outermost frame that names one; the truncated stacks (64 frames) count as their innermost. */
    private static String outermost(List<String> frames) {
        for (Bucket step : STEPS) {
            for (int i = frames.size() - 1; i >= 0; i--) {
                if (step.matches(frames.get(i))) {
                    return step.name();
                }
            }
        }
        return OTHER;
    }

    String markdown() {
        if (results.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n### Profile (`--profile`)\n\n");
        header(out, "per operation");
        row(out, "operations per second (recorded)", r -> fmt(r.load().perSecond()));
        row(out, "heap allocated per operation (all load threads, exact)",
                r -> fmt(r.load().allocatedPerOperation() / 1024) + " KiB");
        row(out, "CPU per operation: its load thread (exact)",
                r -> fmt(r.load().perOperation(r.load().threadCpuNanos() / 1e6)) + " ms");
        row(out, "CPU per operation: whole JVM", r -> fmt(r.load().perOperation(r.load().cpu().processNanos() / 1e6))
                + " ms");
        row(out, "CPU per operation: database server", r -> CpuMeter.serverOf(r.dialect()) == null ? "in the JVM"
                : fmt(r.load().perOperation(r.load().cpu().serverNanos(CpuMeter.serverOf(r.dialect())) / 1e6)) + " ms");
        row(out, "machine busy (all cores)", r -> fmt(100 * r.load().cpu().machineBusy()) + " %");
        row(out, "SQL statements before the hot row lock", r -> fmt(r.trips().outsideLock()));
        row(out, "SQL statements under the hot row lock", r -> fmt(r.trips().insideLock()));
        row(out, "round trips (statements + commit, + autocommit on MariaDB)", r -> fmt(r.trips().roundTrips()));
        row(out, "statement taking the hot lock, mean (includes the wait for it)",
                r -> fmt(r.trips().lockStatementMillis()) + " ms");
        row(out, "hot row lock held after it, to the end of the commit, mean",
                r -> fmt(r.trips().lockHeldMillis()) + " ms");
        row(out, "same, times operations per second (share of time the row is locked)",
                r -> fmt(r.trips().lockHeldMillis() * r.load().perSecond() / 1000));
        row(out, "load threads: Java samples / native (waiting) samples",
                r -> r.javaSamples() + " / " + r.nativeSamples());
        out.append('\n');
        share(out, "CPU by layer (% of the load threads' Java samples)", LAYERS, Result::layers,
                Result::javaSamples);
        share(out, "CPU by step of the command (% of the load threads' Java samples)", STEPS, Result::steps,
                Result::javaSamples);
        share(out, "Allocation by layer (% of the sampled bytes)", LAYERS, Result::allocationLayers,
                r -> r.allocationLayers().values().stream().mapToLong(Long::longValue).sum());
        return out.toString();
    }

    private void share(StringBuilder out, String title, List<Bucket> buckets, Function<Result, Map<String, Long>> of,
            Function<Result, Long> total) {
        header(out, title);
        List<String> names = new ArrayList<>(buckets.stream().map(Bucket::name).toList());
        names.add(OTHER);
        for (String name : names) {
            if (results.stream().allMatch(r -> of.apply(r).getOrDefault(name, 0L) == 0)) {
                continue;
            }
            row(out, name, r -> {
                long all = total.apply(r);
                return all == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * of.apply(r).getOrDefault(name, 0L) / all);
            });
        }
        out.append('\n');
    }

    private void header(StringBuilder out, String title) {
        out.append("| ").append(title).append(" |");
        results.forEach(r -> out.append(' ').append(r.column()).append(" |"));
        out.append("\n|---|");
        results.forEach(r -> out.append("---|"));
        out.append('\n');
    }

    private void row(StringBuilder out, String name, Function<Result, String> cell) {
        out.append("| ").append(name).append(" |");
        results.forEach(r -> out.append(' ').append(cell.apply(r)).append(" |"));
        out.append('\n');
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }
}
