package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.testing.ReadmeSnippets;
import org.forumkit.testing.ReadmeSnippets.Snippet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README blocks marked {@code module=forum-persistence-jpa} compile here, where Hibernate, H2 and Flyway are on
 * the classpath, and the runnable ones run: the plain-Java wiring of README.md really starts a forum on H2. The
 * module README's {@code persistence.xml} unit works too.
 */
@Tag("h2")
class ReadmeJpaSnippetsTest {
    private static final Path ROOT = ReadmeSnippets.projectRoot();

    @TestFactory
    Stream<DynamicTest> jpaSnippetsCompileAndTheRunnableOnesRun(@TempDir Path out) {
        List<Snippet> jpa = ReadmeSnippets.ofModule(ROOT, "forum-persistence-jpa");
        assertThat(jpa).hasSizeGreaterThanOrEqualTo(3);
        return ReadmeSnippets.tests(jpa, out);
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

    @Test
    void thePersistenceXmlOfTheModuleReadmeSetsUpAWorkingStore(@TempDir Path classes) throws Exception {
        List<String> units = ReadmeSnippets.blocks(ROOT.resolve("forum-persistence-jpa/README.md"), "xml").stream()
                .filter(block -> block.contains("<persistence-unit")).toList();
        assertThat(units).hasSize(1);
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/persistence.xml"), "<persistence xmlns=\"https://jakarta.ee/xml/ns/persistence\""
                + " version=\"3.2\">\n" + units.get(0) + "</persistence>\n");
        TestDatabase.H2.require().clean();
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, original)) {
            thread.setContextClassLoader(loader);
            // The README's unit as written, pointed at the tests' H2 database (already migrated) instead of its URL.
            EntityManagerFactory emf = Persistence.createEntityManagerFactory("forumkit",
                    Map.of("hibernate.connection.datasource", TestDatabase.H2.dataSource()));
            try {
                JpaForumStore store = JpaForumStore.create(emf);
                store.inTransaction(tx -> tx.insertBoard(new NewBoard(null, BoardKind.CATEGORY, "xml", "Xml", "", 0,
                        Set.of(), List.of(), AccessPolicy.DEFAULT)));
                List<Board> boards = store.readOnly(reader -> reader.boards());
                assertThat(boards).extracting(Board::slug).containsExactly("xml");
            } finally {
                emf.close();
            }
        } finally {
            thread.setContextClassLoader(original);
        }
    }
}
