package org.forumkit.jpa.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the scripts in {@code forum-persistence-jpa/src/test/cluster} that start servers of the tests' own, and
 * stops those servers when the JVM exits.
 */
final class ClusterScripts {
    static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private ClusterScripts() {
    }

    /** The script's path, or null when this is not a checkout of the project. */
    static Path find(String name) {
        // Maven runs the tests in the module directory; forum-examples' tests run next to it.
        for (String dir : new String[] {"src/test/cluster", "../forum-persistence-jpa/src/test/cluster",
                "forum-persistence-jpa/src/test/cluster"}) {
            Path path = Path.of(dir, name).toAbsolutePath().normalize();
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        return null;
    }

    /**
     * Runs {@code script start dir} (a fresh temporary directory: /tmp, which the servers' own users can reach when
     * the tests run as root), arranges {@code script stop dir} and the directory's removal at JVM exit, and returns
     * the JDBC URLs the script printed.
     */
    static Started start(Path script, String prefix, int minutes, Map<String, String> env)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(prefix);
        Path log = Files.createTempFile(prefix, ".log");
        long began = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "start", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(script, dir, log), prefix + "stop"));
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(script.getFileName() + " start took over " + minutes + " minutes; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(script.getFileName() + " start failed (exit " + process.exitValue() + "): "
                    + output);
        }
        return new Started(dir, output.lines().filter(line -> line.startsWith("jdbc:")).toList(),
                (System.nanoTime() - began) / 1e9);
    }

    /**
     * A number {@code n} in [{@code from}, {@code to}) for which {@code free} holds, tried at random (so builds that
     * start servers at the same time rarely try the same ports), or an exception after 200 tries.
     */
    static int pick(int from, int to, IntPredicate free) {
        for (int i = 0; i < 200; i++) {
            int n = ThreadLocalRandom.current().nextInt(from, to);
            if (free.test(n)) {
                return n;
            }
        }
        throw new IllegalStateException("found no free loopback ports in 200 tries");
    }

    /** Whether every one of {@code ports} can be listened on at 127.0.0.1 right now. */
    static boolean free(int... ports) {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(false);
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }

    /** What a start script made: its directory, the URLs it printed, the seconds it took. */
    record Started(Path dir, List<String> urls, double seconds) {
    }

    /** Runs {@code script action dir}, failing when it does not succeed within a minute. */
    static void run(Path script, String action, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(script.toString(), action, dir.toString()).inheritIO().start();
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(script.getFileName() + " " + action + " failed");
        }
    }

    /** Skips the calling test for {@code problem}, or fails it under {@code CI=true}. */
    static void skipOrFail(String problem) {
        if (CI) {
            Assertions.fail(problem);
        }
        Assumptions.abort(problem);
    }

    private static void stop(Path script, Path dir, Path log) {
        try {
            Process stop = new ProcessBuilder(script.toString(), "stop", dir.toString()).inheritIO().start();
            stop.waitFor(2, TimeUnit.MINUTES);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            System.err.println("could not stop the test servers in " + dir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
