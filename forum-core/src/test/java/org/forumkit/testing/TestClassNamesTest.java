package org.forumkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The misnamed-test-class check")
class TestClassNamesTest {

    @Test
    @DisplayName("names every class with tests that Surefire and Failsafe would skip, and only those")
    void catchesAMisnamedClass(@TempDir Path dir) throws Exception {
        Map<String, String> sources = Map.of(
                "RendererProperties", "class RendererProperties { @org.junit.jupiter.params.ParameterizedTest"
                        + " @org.junit.jupiter.params.provider.ValueSource(ints = 1) void p(int i) {} }",
                "OnlyNested", "class OnlyNested { @org.junit.jupiter.api.Nested class Inner {"
                        + " @org.junit.jupiter.api.Test void t() {} } }",
                "InheritsCases", "class InheritsCases extends AbstractCases {}",
                "AbstractCases", "abstract class AbstractCases { @org.junit.jupiter.api.Test void t() {} }",
                "WellNamedTest", "class WellNamedTest { @org.junit.jupiter.api.Test void t() {} }",
                "ServerIT", "class ServerIT { @org.junit.jupiter.api.RepeatedTest(2) void t() {} }",
                "Fixtures", "class Fixtures { void helper() {} }");
        Path src = Files.createDirectories(dir.resolve("src"));
        Path out = Files.createDirectories(dir.resolve("classes"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Files.writeString(src.resolve(source.getKey() + ".java"), "package fixture; " + source.getValue());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", out.toString(), "-classpath",
                System.getProperty("java.class.path")));
        sources.keySet().forEach(name -> args.add(src.resolve(name + ".java").toString()));
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            assertThat(TestClassNames.neverRun(out, loader))
                    .containsExactly("fixture.InheritsCases", "fixture.OnlyNested", "fixture.RendererProperties");
        }
    }
}
