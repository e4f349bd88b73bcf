package org.forumkit.jpa.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 3-node MariaDB Galera cluster of the tests tagged {@code galera}: started once per JVM by
 * {@code src/test/cluster/galera.sh} on loopback ports of its own (SQL 4306–4308, never the machine's 3306) in a
 * temporary directory, and stopped when the JVM exits; or an existing cluster named by
 * {@code FORUMKIT_GALERA_URLS} (comma-separated JDBC URLs, user {@code forumkit}/{@code forumkit}). Without
 * {@code mariadbd} or the Galera provider the calling test is skipped with a message, and fails under
 * {@code CI=true}.
 */
public final class GaleraCluster {
    private static final Logger LOG = LoggerFactory.getLogger(GaleraCluster.class);
    private static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
    private static GaleraCluster started;
    private static String problem;

    private final List<TestServer> members;
    private final double startSeconds;

    private GaleraCluster(List<TestServer> members, double startSeconds) {
        this.members = List.copyOf(members);
        this.startSeconds = startSeconds;
    }

    /** The cluster, started on first use; skips (or under {@code CI=true} fails) the caller when it cannot start. */
    public static synchronized GaleraCluster require() {
        if (started == null && problem == null) {
            try {
                started = start(System.getenv());
            } catch (IOException | RuntimeException e) {
                problem = "the Galera test cluster did not start: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted while starting the Galera test cluster";
            }
        }
        if (problem != null) {
            if (CI) {
                Assertions.fail(problem);
            }
            Assumptions.abort(problem);
        }
        return started;
    }

    /** Node {@code n} (1-based) as a MariaDB test server. */
    public TestServer member(int n) {
        return members.get(n - 1);
    }

    public int size() {
        return members.size();
    }

    /** Seconds the script took to form the cluster (0 for a cluster given by {@code FORUMKIT_GALERA_URLS}). */
    public double startSeconds() {
        return startSeconds;
    }

    private static GaleraCluster start(Map<String, String> env) throws IOException, InterruptedException {
        String given = env.get("FORUMKIT_GALERA_URLS");
        if (given != null && !given.isBlank()) {
            return new GaleraCluster(servers(List.of(given.split(","))), 0);
        }
        Path script = script();
        if (script == null || !Files.isExecutable(Path.of("/usr/sbin/mariadbd")) || !Files.exists(PROVIDER)) {
            throw new IllegalStateException("needs mariadbd and " + PROVIDER + " (Debian: apt-get install mariadb-server"
                    + " brings galera-4, rsync and socat) and src/test/cluster/galera.sh; or set FORUMKIT_GALERA_URLS");
        }
        // /tmp, not target/: as root the nodes run as mysql, which must be able to reach their data directories.
        Path dir = Files.createTempDirectory("forumkit-galera-");
        Path log = dir.resolve("galera-start.log");
        long began = System.nanoTime();
        Process process = new ProcessBuilder(script.toString(), "start", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(script, dir), "galera-stop"));
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("galera.sh start took over 4 minutes; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("galera.sh start failed (exit " + process.exitValue() + "): " + output);
        }
        List<String> urls = output.lines().filter(line -> line.startsWith("jdbc:")).toList();
        double seconds = (System.nanoTime() - began) / 1e9;
        LOG.info("Galera test cluster of {} nodes formed in {} s: {}", urls.size(), String.format("%.1f", seconds), urls);
        return new GaleraCluster(servers(urls), seconds);
    }

    private static List<TestServer> servers(List<String> urls) {
        List<TestServer> servers = new ArrayList<>();
        for (String url : urls) {
            servers.add(new TestServer(TestServer.Kind.MARIADB, url.trim(), "forumkit", "forumkit", "forumkit",
                    "forumkit", CI));
        }
        return servers;
    }

    private static void stop(Path script, Path dir) {
        try {
            Process stop = new ProcessBuilder(script.toString(), "stop", dir.toString()).inheritIO().start();
            stop.waitFor(2, TimeUnit.MINUTES);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            System.err.println("could not stop the Galera test cluster in " + dir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Maven runs the tests in the module directory; forum-examples' tests run next to it.
    private static Path script() {
        for (String candidate : new String[] {"src/test/cluster/galera.sh",
                "../forum-persistence-jpa/src/test/cluster/galera.sh", "forum-persistence-jpa/src/test/cluster/galera.sh"}) {
            Path path = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        return null;
    }
}
