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
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code --scenarios http --profile}: the 8-connection first-page loads of the API and of its ceiling each run under
 * a Java Flight Recorder recording, and the server's request threads' ({@code http-nio-…}) execution and allocation
 * samples are bucketed by layer (the innermost frame of a known library; JDK frames count for their caller), so the
 * table shows what the API's page costs beyond the ceiling's.
 */
final class HttpProfile {
    private static final String SERVER_THREADS = "http-nio-";
    private static final String OTHER = "other (JDK only)";

    /** Innermost matching frame wins; the order matters where a prefix holds another. */
    private static final Map<String, List<String>> LAYERS = layers();

    private static Map<String, List<String>> layers() {
        Map<String, List<String>> layers = new LinkedHashMap<>();
        layers.put("JDBC driver and pool", List.of("org.postgresql.", "org.mariadb.jdbc.", "com.zaxxer.hikari.",
                "org.h2."));
        layers.put("Hibernate", List.of("org.hibernate.", "net.bytebuddy.", "jakarta.persistence."));
        layers.put("ceiling (plain JDBC + Jackson)", List.of("org.forumkit.examples.web.BenchCeiling"));
        layers.put("Jackson", List.of("com.fasterxml.jackson.", "tools.jackson."));
        layers.put("shipped API (controller, JSON, guard)", List.of("org.forumkit.jpa.spring.web."));
        layers.put("JPA adapter and its Spring support", List.of("org.forumkit.jpa."));
        layers.put("forum-core", List.of("org.forumkit.internal.", "org.forumkit.model.", "org.forumkit.render.",
                "org.forumkit.Forum", "org.forumkit."));
        layers.put("Spring transactions and ORM", List.of("org.springframework.orm.", "org.springframework.transaction.",
                "org.springframework.jdbc."));
        layers.put("Spring Security", List.of("org.springframework.security."));
        layers.put("Spring MVC and web", List.of("org.springframework.web.", "org.springframework.http."));
        layers.put("Spring (other)", List.of("org.springframework."));
        layers.put("demo's filters", List.of("org.forumkit.examples."));
        layers.put("Tomcat", List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat."));
        layers.put("logging", List.of("org.slf4j.", "ch.qos."));
        return layers;
    }

    record Result(String column, LoadDriver.Load load, Map<String, Long> cpu, Map<String, Long> allocation,
            long samples) {
    }

    private final List<Result> results = new ArrayList<>();
    /** Where the recordings are left ({@code --profile-keep}), or null to delete them. */
    private final Path keep;
    private Recording recording;

    HttpProfile(Path keep) {
        this.keep = keep;
    }

    void begin() throws IOException, ParseException {
        recording = new Recording(Configuration.getConfiguration("profile"));
        recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
        recording.enable("jdk.ObjectAllocationSample").with("throttle", "2000/s");
        recording.setToDisk(true);
        recording.start();
    }

    void end(String column, LoadDriver.Load load) throws IOException {
        recording.stop();
        Path file = Files.createTempFile("forumkit-http-profile-", ".jfr");
        try {
            recording.dump(file);
            recording.close();
            Map<String, Long> cpu = new LinkedHashMap<>();
            Map<String, Long> allocation = new LinkedHashMap<>();
            long samples = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                String type = event.getEventType().getName();
                boolean execution = type.equals("jdk.ExecutionSample");
                if (!execution && !type.equals("jdk.ObjectAllocationSample")) {
                    continue;
                }
                RecordedThread thread = execution ? event.getThread("sampledThread") : event.getThread();
                if (thread == null || thread.getJavaName() == null || !thread.getJavaName().startsWith(SERVER_THREADS)) {
                    continue;
                }
                String layer = layer(event);
                if (execution) {
                    samples++;
                    cpu.merge(layer, 1L, Long::sum);
                } else {
                    allocation.merge(layer, event.getLong("weight"), Long::sum);
                }
            }
            results.add(new Result(column, load, cpu, allocation, samples));
            if (keep != null) {
                Files.createDirectories(keep);
                Files.copy(file, keep.resolve("http-" + column.replaceAll("[^A-Za-z0-9]+", "-") + ".jfr"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String layer(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return OTHER;
        }
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            String name = frame.getMethod().getType().getName();
            for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
                for (String prefix : layer.getValue()) {
                    if (name.startsWith(prefix)) {
                        return layer.getKey();
                    }
                }
            }
        }
        return OTHER;
    }

    String markdown() {
        if (results.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n### HTTP profile (`--scenarios http --profile`, server threads)\n\n");
        out.append("| per request |");
        results.forEach(r -> out.append(' ').append(r.column()).append(" |"));
        out.append("\n|---|").append("---|".repeat(results.size())).append('\n');
        out.append("| requests per second (recorded) |");
        results.forEach(r -> out.append(' ').append(fmt(r.load().perSecond())).append(" |"));
        out.append("\n| server CPU samples per 1,000 requests |");
        results.forEach(r -> out.append(' ').append(fmt(1000.0 * r.samples() / r.load().operations())).append(" |"));
        out.append("\n\n");
        table(out, "server CPU by layer (% of the server threads' samples)", Result::cpu, Result::samples);
        table(out, "server allocation by layer (% of the sampled bytes)", Result::allocation,
                r -> r.allocation().values().stream().mapToLong(Long::longValue).sum());
        return out.toString();
    }

    private void table(StringBuilder out, String title, java.util.function.Function<Result, Map<String, Long>> of,
            java.util.function.ToLongFunction<Result> total) {
        out.append("| ").append(title).append(" |");
        results.forEach(r -> out.append(' ').append(r.column()).append(" |"));
        out.append("\n|---|").append("---|".repeat(results.size())).append('\n');
        List<String> names = new ArrayList<>(LAYERS.keySet());
        names.add(OTHER);
        for (String name : names) {
            if (results.stream().allMatch(r -> of.apply(r).getOrDefault(name, 0L) == 0)) {
                continue;
            }
            out.append("| ").append(name).append(" |");
            for (Result r : results) {
                long all = total.applyAsLong(r);
                out.append(' ').append(all == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%",
                        100.0 * of.apply(r).getOrDefault(name, 0L) / all)).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }
}
