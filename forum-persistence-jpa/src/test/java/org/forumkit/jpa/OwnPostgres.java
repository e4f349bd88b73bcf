package org.forumkit.jpa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL 15 server of the test's own, in a fresh data directory under the temporary directory, on its own
 * port (default 5752, {@code FORUMKIT_OWN_PG_PORT}): the fault tests stop and start it, which they must never do to
 * the machine's shared server. Binaries from {@code FORUMKIT_OWN_PG_BIN} (default
 * {@code /usr/lib/postgresql/15/bin}); as root the server runs as the {@code postgres} user. Skipped without them.
 */
final class OwnPostgres implements AutoCloseable {
    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private OwnPostgres(Path bin, Path data, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates the data directory and starts the server; skips the test where PostgreSQL's binaries are missing. */
    static OwnPostgres start() throws IOException, InterruptedException {
        Path bin = Path.of(System.getenv().getOrDefault("FORUMKIT_OWN_PG_BIN", "/usr/lib/postgresql/15/bin"));
        Assumptions.assumeTrue(Files.isExecutable(bin.resolve("pg_ctl")), "no PostgreSQL binaries in " + bin);
        int port = Integer.parseInt(System.getenv().getOrDefault("FORUMKIT_OWN_PG_PORT", "5752"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = Files.createTempDirectory("forumkit-own-pg-");
        if (root) {
            run(List.of("chown", "postgres", data.toString()), false);
        }
        OwnPostgres server = new OwnPostgres(bin, data, port, root);
        server.pg(List.of("initdb", "-D", data.resolve("db").toString(), "-U", "forumkit", "--auth=trust",
                "--encoding=UTF8", "--locale=C"));
        server.startServer();
        return server;
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    int port() {
        return port;
    }

    void startServer() throws IOException, InterruptedException {
        pg(List.of("pg_ctl", "-D", data.resolve("db").toString(), "-l", data.resolve("log").toString(), "-w", "-t",
                "60", "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c max_connections=40"
                        + " -c fsync=on", "start"));
    }

    /** Stops the server the way a crash does ({@code immediate}: no checkpoint; recovery replays the WAL). */
    void crash() throws IOException, InterruptedException {
        pg(List.of("pg_ctl", "-D", data.resolve("db").toString(), "-w", "-m", "immediate", "stop"));
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.add(bin.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        run(full, true);
    }

    private static void run(List<String> command, boolean quiet) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + new String(out));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            pg(List.of("pg_ctl", "-D", data.resolve("db").toString(), "-w", "-m", "fast", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
