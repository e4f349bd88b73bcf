package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the start command exactly as README.md gives it, waits for the URL it prints and fetches the seed topic. */
@Tag("h2")
class ReadmeStartCommandIT {
    private static final Pattern COMMAND = Pattern.compile(
            "## Starting the demo\\b.*?```(?:sh|bash)?\\n([^\\n]+)\\n```", Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile("running at (http://\\S+)");

    @Test
    void startsTheDemoAndServesTheSeedTopic(@TempDir Path data) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Matcher matcher = COMMAND.matcher(Files.readString(root.resolve("README.md")));
        assertThat(matcher.find()).as("README.md has a one-line command under '## Starting the demo'").isTrue();
        String command = matcher.group(1).strip();

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().put("FORUMKIT_PORT", String.valueOf(port));
        builder.environment().put("FORUMKIT_DATA_DIR", data.toString());
        Process process = builder.start();
        try {
            CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
                StringBuilder seen = new StringBuilder();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        seen.append(line).append('\n');
                        Matcher found = URL.matcher(line);
                        if (found.find()) {
                            return found.group(1);
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                throw new IllegalStateException("the command ended without printing a URL:\n" + seen);
            });
            String base = url.get(8, TimeUnit.MINUTES);
            assertThat(base).isEqualTo("http://127.0.0.1:" + port + "/");

            HttpResponse<String> topic = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "topics/1")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(topic.statusCode()).isEqualTo(200);
            assertThat(topic.body()).contains("强化高水平崛起的民政服务保障", "希望该培训真的能系统落实~");
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
