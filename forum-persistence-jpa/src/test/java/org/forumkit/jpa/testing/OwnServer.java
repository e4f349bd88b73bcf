package org.forumkit.jpa.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A database server of the test's own, for the fault tests that crash and restart it, which they must never do to
 * the machine's shared servers: PostgreSQL 15 ({@code initdb} + {@code pg_ctl}, binaries from
 * {@code FORUMKIT_OWN_PG_BIN}, default {@code /usr/lib/postgresql/15/bin}) or MariaDB ({@code mariadb-install-db} +
 * {@code mariadbd}), in a fresh directory under the temporary directory, on a loopback port picked free at start
 * ({@code FORUMKIT_OWN_PG_PORT} / {@code FORUMKIT_OWN_MARIADB_PORT} fix one). As root the server runs as the
 * {@code postgres} / {@code mysql} user. Without the binaries the calling test is skipped, and fails under
 * {@code CI=true}. The database {@value #DATABASE} is created; PostgreSQL's user is {@code forumkit}, MariaDB's
 * {@code root}, both without password.
 */
public final class OwnServer implements AutoCloseable {
    public static final String DATABASE = "forumkit_own";

    private final TestServer.Kind kind;
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean root;
    private Process mariadbd;

    private OwnServer(TestServer.Kind kind, Path bin, Path dir, int port, boolean root) {
        this.kind = kind;
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.root = root;
    }

    /** A PostgreSQL server of its own, initialised and started. */
    public static OwnServer postgresql() throws IOException, InterruptedException {
        Path bin = Path.of(System.getenv().getOrDefault("FORUMKIT_OWN_PG_BIN", "/usr/lib/postgresql/15/bin"));
        return start(TestServer.Kind.POSTGRESQL, bin, Files.isExecutable(bin.resolve("pg_ctl")),
                "FORUMKIT_OWN_PG_PORT");
    }

    /** A MariaDB server of its own, initialised and started. */
    public static OwnServer mariadb() throws IOException, InterruptedException {
        Path bin = Path.of("/usr/sbin");
        boolean present = Files.isExecutable(bin.resolve("mariadbd"))
                && Files.isExecutable(Path.of("/usr/bin/mariadb-install-db"));
        return start(TestServer.Kind.MARIADB, bin, present, "FORUMKIT_OWN_MARIADB_PORT");
    }

    private static OwnServer start(TestServer.Kind kind, Path bin, boolean present, String portVariable)
            throws IOException, InterruptedException {
        if (!present) {
            ClusterScripts.skipOrFail("no " + kind + " server binaries for a server of the test's own");
        }
        String fixed = System.getenv(portVariable);
        int port = fixed != null ? Integer.parseInt(fixed) : ClusterScripts.pick(20_000, 30_000, ClusterScripts::free);
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("forumkit-own-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-");
        OwnServer server = new OwnServer(kind, bin, dir, port, root);
        if (root) {
            run(List.of("chown", kind == TestServer.Kind.POSTGRESQL ? "postgres" : "mysql", dir.toString()));
        }
        if (kind == TestServer.Kind.POSTGRESQL) {
            server.pg(List.of("initdb", "-D", dir.resolve("db").toString(), "-U", "forumkit", "--auth=trust",
                    "--encoding=UTF8", "--locale=C"));
        } else {
            List<String> install = new ArrayList<>(List.of("/usr/bin/mariadb-install-db", "--no-defaults",
                    "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (root) {
                install.add("--user=mysql");
            }
            run(install);
        }
        server.startServer();
        try (Connection c = DriverManager.getConnection(server.adminUrl(), server.user(), "");
                Statement s = c.createStatement()) {
            s.execute(kind == TestServer.Kind.POSTGRESQL ? "CREATE DATABASE " + DATABASE
                    : "CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException("cannot create " + DATABASE + " on the own " + kind + " server", e);
        }
        return server;
    }

    public TestServer.Kind kind() {
        return kind;
    }

    /** The JDBC URL of {@value #DATABASE}. */
    public String url() {
        return kind == TestServer.Kind.POSTGRESQL ? "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE
                : "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    private String adminUrl() {
        return kind == TestServer.Kind.POSTGRESQL ? "jdbc:postgresql://127.0.0.1:" + port + "/postgres"
                : "jdbc:mariadb://127.0.0.1:" + port + "/";
    }

    public String user() {
        return kind == TestServer.Kind.POSTGRESQL ? "forumkit" : "root";
    }

    public int port() {
        return port;
    }

    /** Starts the server (again) on its data directory and waits until it accepts connections. */
    public void startServer() throws IOException, InterruptedException {
        if (kind == TestServer.Kind.POSTGRESQL) {
            pg(List.of("pg_ctl", "-D", dir.resolve("db").toString(), "-l", dir.resolve("log").toString(), "-w", "-t",
                    "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=60"
                            + " -c fsync=on", "start"));
            // pg_ctl -w may return while a heavily loaded server still replays its WAL: wait for a connection too
            awaitConnection(null);
            return;
        }
        List<String> command = new ArrayList<>(List.of(bin.resolve("mariadbd").toString(), "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mariadbd.sock"), "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--log-error=" + dir.resolve("error.log"), "--skip-name-resolve", "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci", "--innodb-buffer-pool-size=64M", "--performance-schema=OFF",
                "--max-connections=100"));
        if (root) {
            command.add("--user=mysql");
        }
        mariadbd = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.log").toFile()).start();
        awaitConnection(mariadbd);
    }

    /** Waits up to a minute until the server accepts a connection (and, for MariaDB, while its process lives). */
    private void awaitConnection(Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(adminUrl(), user(), "")) {
                return;
            } catch (SQLException notYet) {
                if (process != null && !process.isAlive() || System.nanoTime() > deadline) {
                    Path log = dir.resolve(kind == TestServer.Kind.POSTGRESQL ? "log" : "error.log");
                    throw new IllegalStateException("the own " + kind + " server did not start: "
                            + (Files.exists(log) ? Files.readString(log) : ""), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Stops the server the way a crash does: PostgreSQL {@code immediate} (no checkpoint; recovery replays the WAL),
     * MariaDB {@code SIGKILL} (InnoDB recovers from its redo log on start).
     */
    public void crash() throws IOException, InterruptedException {
        if (kind == TestServer.Kind.POSTGRESQL) {
            pg(List.of("pg_ctl", "-D", dir.resolve("db").toString(), "-w", "-m", "immediate", "stop"));
        } else if (mariadbd != null) {
            mariadbd.destroyForcibly();
            mariadbd.waitFor(30, TimeUnit.SECONDS);
            mariadbd = null;
        }
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.add(bin.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + new String(out));
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (kind == TestServer.Kind.POSTGRESQL) {
                pg(List.of("pg_ctl", "-D", dir.resolve("db").toString(), "-w", "-m", "fast", "stop"));
            } else if (mariadbd != null) {
                mariadbd.destroy();
                if (!mariadbd.waitFor(30, TimeUnit.SECONDS)) {
                    mariadbd.destroyForcibly();
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
