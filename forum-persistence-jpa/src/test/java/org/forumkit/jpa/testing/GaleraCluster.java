package org.forumkit.jpa.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 3-node MariaDB Galera cluster of the tests tagged {@code galera}: started once per JVM by
 * {@code src/test/cluster/galera.sh} on loopback ports of its own (never the machine's 3306) in a temporary directory,
 * and stopped when the JVM exits: the ports {@code GALERA_PORT_SHIFT} moves them to, or else a shift whose ports are
 * all free, picked at random, so several builds can run the cluster tests at once; or an existing cluster named by
 * {@code FORUMKIT_GALERA_URLS} (comma-separated JDBC URLs, user {@code forumkit}/{@code forumkit}). Without
 * {@code mariadbd} or the Galera provider the calling test is skipped with a message, and fails under
 * {@code CI=true}.
 */
public final class GaleraCluster {
    private static final Logger LOG = LoggerFactory.getLogger(GaleraCluster.class);
    private static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    private static GaleraCluster started;
    private static String problem;

    private final List<TestServer> members;
    private final double startSeconds;

    private GaleraCluster(List<String> urls, double startSeconds) {
        List<TestServer> servers = new ArrayList<>();
        for (String url : urls) {
            servers.add(new TestServer(TestServer.Kind.MARIADB, url.trim(), "forumkit", "forumkit", "forumkit",
                    "forumkit", ClusterScripts.CI));
        }
        this.members = List.copyOf(servers);
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
            ClusterScripts.skipOrFail(problem);
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

    /**
     * {@code GALERA_PORT_SHIFT} for galera.sh such that all its ports are free: SQL 4306–4308, gcomm
     * 4567/4577/4587, IST 4568/4578/4588 and SST 4444/4454/4464, each plus the shift (below 32768, Linux's first
     * ephemeral port).
     */
    private static Map<String, String> freeShift() {
        int shift = ClusterScripts.pick(1, 25_000, s -> ClusterScripts.free(4306 + s, 4307 + s, 4308 + s,
                4567 + s, 4577 + s, 4587 + s, 4568 + s, 4578 + s, 4588 + s, 4444 + s, 4454 + s, 4464 + s));
        return Map.of("GALERA_PORT_SHIFT", Integer.toString(shift));
    }

    private static GaleraCluster start(Map<String, String> env) throws IOException, InterruptedException {
        String given = env.get("FORUMKIT_GALERA_URLS");
        if (given != null && !given.isBlank()) {
            return new GaleraCluster(List.of(given.split(",")), 0);
        }
        Path script = ClusterScripts.find("galera.sh");
        if (script == null || !Files.isExecutable(Path.of("/usr/sbin/mariadbd")) || !Files.exists(PROVIDER)) {
            throw new IllegalStateException("needs mariadbd and " + PROVIDER + " (Debian: apt-get install mariadb-server"
                    + " brings galera-4, rsync and socat) and src/test/cluster/galera.sh; or set FORUMKIT_GALERA_URLS");
        }
        ClusterScripts.Started cluster;
        String shift = env.get("GALERA_PORT_SHIFT");
        if (shift != null && !shift.isBlank()) {
            cluster = ClusterScripts.start(script, "forumkit-galera-", 4, Map.of());
        } else {
            // No shift given: one whose twelve ports are free now, tried twice (another build may take one meanwhile).
            try {
                cluster = ClusterScripts.start(script, "forumkit-galera-", 4, freeShift());
            } catch (IllegalStateException taken) {
                LOG.warn("the Galera test cluster did not start, trying other ports: {}", taken.getMessage());
                cluster = ClusterScripts.start(script, "forumkit-galera-", 4, freeShift());
            }
        }
        LOG.info("Galera test cluster of {} nodes formed in {} s: {}", cluster.urls().size(),
                String.format("%.1f", cluster.seconds()), cluster.urls());
        return new GaleraCluster(cluster.urls(), cluster.seconds());
    }
}
