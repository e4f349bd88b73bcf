package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.forumkit.testing.ReadmeSnippets;
import org.forumkit.testing.ReadmeSnippets.Snippet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README blocks marked {@code module=forum-persistence-jpa} compile here, where Hibernate, H2 and Flyway are on
 * the classpath, and the runnable ones run: the plain-Java wiring of README.md really starts a forum on H2.
 */
class ReadmeJpaSnippetsTest {
    private static final Path ROOT = ReadmeSnippets.projectRoot();

    @TestFactory
    Stream<DynamicTest> jpaSnippetsCompileAndTheRunnableOnesRun(@TempDir Path out) {
        List<Snippet> jpa = ReadmeSnippets.all(ROOT).stream()
                .filter(s -> !s.kind().equals("illustrative") && s.module().equals("forum-persistence-jpa")).toList();
        assertThat(jpa).hasSizeGreaterThanOrEqualTo(3);
        return jpa.stream().map(snippet -> DynamicTest.dynamicTest(snippet.toString(),
                () -> ReadmeSnippets.check(snippet, Files.createTempDirectory(out, "snippet"))));
    }

    @Test
    void theFrontPageHasARunnableWiringOnH2() {
        Snippet wiring = ReadmeSnippets.all(ROOT).stream()
                .filter(s -> "jpa-wiring".equals(s.attributes().get("id"))).findFirst().orElseThrow(
                        () -> new AssertionError("README.md has a ```java block marked id=jpa-wiring"));
        assertThat(wiring.file()).isEqualTo(ROOT.resolve("README.md"));
        assertThat(wiring.kind()).isEqualTo("run");
        assertThat(wiring.code()).contains("jdbc:h2:", "Flyway", "JpaForumStore");
        assertThat(wiring.prints()).isNotEmpty();
        // The factory above runs it (once: its H2 database lives as long as the JVM).
    }
}
