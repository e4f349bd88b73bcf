package org.forumkit.jpa.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL 15 primary and streaming hot standby of the tests tagged {@code replica}: started once per JVM by
 * {@code src/test/cluster/pg-replica.sh} in a temporary directory and stopped when the JVM exits, on the ports
 * {@code PG_PRIMARY_PORT} and {@code PG_STANDBY_PORT} name, or else two free ones picked at random (never the machine's
 * 5432), so several builds can run the replica tests at once. Without the PostgreSQL 15 binaries the calling test is skipped with a message,
 * and fails under {@code CI=true}.
 */
public final class PostgresReplica {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresReplica.class);
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static PostgresReplica started;
    private static String problem;

    private final Path script;
    private final ClusterScripts.Started servers;

    private PostgresReplica(Path script, ClusterScripts.Started servers) {
        this.script = script;
        this.servers = servers;
    }

    /** The pair, started on first use; skips (or under {@code CI=true} fails) the caller when it cannot start. */
    public static synchronized PostgresReplica require() {
        if (started == null && problem == null) {
            try {
                Path script = ClusterScripts.find("pg-replica.sh");
                if (script == null || !Files.isExecutable(BIN.resolve("postgres"))
                        || !Files.isExecutable(BIN.resolve("pg_basebackup"))) {
                    throw new IllegalStateException("needs the PostgreSQL 15 binaries in " + BIN
                            + " (Debian: apt-get install postgresql-15) and src/test/cluster/pg-replica.sh");
                }
                ClusterScripts.Started servers;
                if (given("PG_PRIMARY_PORT") && given("PG_STANDBY_PORT")) {
                    servers = ClusterScripts.start(script, "forumkit-pg-replica-", 3, Map.of());
                } else {
                    try {
                        servers = ClusterScripts.start(script, "forumkit-pg-replica-", 3, freePorts());
                    } catch (IllegalStateException taken) {
                        LOG.warn("the primary and standby did not start, trying other ports: {}", taken.getMessage());
                        servers = ClusterScripts.start(script, "forumkit-pg-replica-", 3, freePorts());
                    }
                }
                LOG.info("PostgreSQL primary and streaming standby up in {} s: {}",
                        String.format("%.1f", servers.seconds()), servers.urls());
                started = new PostgresReplica(script, servers);
            } catch (IOException | RuntimeException e) {
                problem = "the PostgreSQL primary and standby of the tests did not start: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted while starting the PostgreSQL primary and standby";
            }
        }
        if (problem != null) {
            ClusterScripts.skipOrFail(problem);
        }
        return started;
    }

    private static boolean given(String variable) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }

    /** Two adjacent free ports for the primary and the standby (below 32768, Linux's first ephemeral port). */
    private static Map<String, String> freePorts() {
        int port = ClusterScripts.pick(20_000, 32_000, p -> ClusterScripts.free(p, p + 1));
        return Map.of("PG_PRIMARY_PORT", Integer.toString(port), "PG_STANDBY_PORT", Integer.toString(port + 1));
    }

    public TestServer primary() {
        return server(servers.urls().get(0));
    }

    public TestServer standby() {
        return server(servers.urls().get(1));
    }

    public double startSeconds() {
        return servers.seconds();
    }

    /** Stops the standby (a replica that goes down mid-run); the primary keeps running. */
    public void stopStandby() throws IOException, InterruptedException {
        ClusterScripts.run(script, "stop-standby", servers.dir());
    }

    private static TestServer server(String url) {
        return new TestServer(TestServer.Kind.POSTGRESQL, url, "forumkit", "forumkit", "postgres", "",
                ClusterScripts.CI);
    }
}
