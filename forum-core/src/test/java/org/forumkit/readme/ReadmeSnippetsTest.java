package org.forumkit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.forumkit.testing.ReadmeSnippets;
import org.forumkit.testing.ReadmeSnippets.Snippet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of every README is marked, and the ones forum-core can compile compile as written (the runnable
 * ones also run); the quick start does what it promises; dependency snippets name the versions the build uses.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = ReadmeSnippets.projectRoot();
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*"
            + "<artifactId>([^<]+)</artifactId>\\s*(?:<version>([^<]+)</version>)?");
    /** Maven coordinates in prose: {@code `group:artifact:version`}. */
    private static final Pattern COORDINATES = Pattern.compile("`([a-z][\\w.-]*):([\\w.-]+):(\\d[\\w.-]*)`");
    private static final Pattern PROJECT_VERSION = Pattern.compile(
            "<artifactId>forumkit-parent</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");

    @Test
    void everyModuleHasAReadmeAndEveryJavaBlockIsMarked() {
        assertThat(ReadmeSnippets.readmes(ROOT)).extracting(path -> ROOT.relativize(path).toString())
                .contains("README.md", "forum-core/README.md", "forum-persistence-jpa/README.md",
                        "forum-examples/README.md");
        assertThat(ReadmeSnippets.all(ROOT)).isNotEmpty(); // throws on an unmarked block, naming file and line
    }

    @TestFactory
    Stream<DynamicTest> coreSnippetsCompileAndTheRunnableOnesRun(@TempDir Path out) {
        List<Snippet> core = ReadmeSnippets.ofModule(ROOT, "forum-core");
        assertThat(core).hasSizeGreaterThanOrEqualTo(5);
        return ReadmeSnippets.tests(core, out);
    }

    @Test
    void quickStartCompilesAndRuns(@TempDir Path out) throws Exception {
        Snippet quickStart = ReadmeSnippets.all(ROOT).stream()
                .filter(s -> "quick-start".equals(s.attributes().get("id"))).findFirst().orElseThrow(
                        () -> new AssertionError("README.md has a ```java block marked id=quick-start"));
        assertThat(quickStart.file()).isEqualTo(ROOT.resolve("README.md"));
        assertThat(quickStart.kind()).isEqualTo("run");
        assertThat(quickStart.code().lines().count()).as("about ten lines").isBetween(8L, 30L);
        ReadmeSnippets.check(quickStart, out);
        assertThat(ReadmeSnippets.run(out)).contains("2 楼", "支持 1");
    }

    @Test
    void dependencySnippetsNameTheVersionsOfTheBuild() throws Exception {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher project = PROJECT_VERSION.matcher(pom);
        assertThat(project.find()).isTrue();
        List<String> checked = new ArrayList<>();
        for (Path readme : ReadmeSnippets.readmes(ROOT)) {
            Matcher coordinates = COORDINATES.matcher(Files.readString(readme));
            while (coordinates.find()) {
                String group = coordinates.group(1);
                String artifact = coordinates.group(2);
                String expected = group.equals("org.forumkit") ? project.group(1) : managedVersion(pom, group, artifact);
                assertThat(coordinates.group(3)).as(ROOT.relativize(readme) + ": " + coordinates.group()).isEqualTo(expected);
                checked.add(artifact);
            }
            for (String block : ReadmeSnippets.blocks(readme, "xml")) {
                Matcher dependency = DEPENDENCY.matcher(block);
                while (dependency.find()) {
                    String group = dependency.group(1);
                    String artifact = dependency.group(2);
                    String where = ROOT.relativize(readme) + ": " + group + ":" + artifact;
                    assertThat(dependency.group(3)).as(where + " gives its version").isNotNull();
                    String expected = group.equals("org.forumkit") ? project.group(1) : managedVersion(pom, group, artifact);
                    assertThat(dependency.group(3)).as(where).isEqualTo(expected);
                    checked.add(artifact);
                }
            }
        }
        assertThat(checked).contains("forum-core", "forum-persistence-jpa", "hibernate-core", "flyway-core", "postgresql",
                "mariadb-java-client", "flyway-database-postgresql", "flyway-mysql");
    }

    /** The version the parent POM manages for an artifact, its property resolved. */
    private static String managedVersion(String pom, String group, String artifact) {
        Matcher managed = Pattern.compile("<groupId>" + Pattern.quote(group) + "</groupId>\\s*<artifactId>"
                + Pattern.quote(artifact) + "</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(managed.find()).as(group + ":" + artifact + " is managed by the parent POM").isTrue();
        String version = managed.group(1);
        if (version.startsWith("${")) {
            String property = version.substring(2, version.length() - 1);
            Matcher value = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(pom);
            assertThat(value.find()).as(property).isTrue();
            return value.group(1);
        }
        return version;
    }

    @Test
    void relativeLinksPointAtFilesThatExist() {
        for (Path readme : ReadmeSnippets.readmes(ROOT)) {
            String text;
            try {
                text = Files.readString(readme);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (!target.matches("[a-z]+:.*")) {
                    assertThat(readme.getParent().resolve(target)).as(ROOT.relativize(readme) + " links " + target)
                            .exists();
                }
            }
        }
    }
}
