package org.forumkit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start in README.md compiles as written and runs. */
class ReadmeQuickStartTest {
    private static final Pattern QUICK_START = Pattern.compile(
            "<!-- quick-start -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void quickStartCompilesAndRuns(@TempDir Path out) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher matcher = QUICK_START.matcher(readme);
        assertThat(matcher.find()).as("README.md has a ```java block after <!-- quick-start -->").isTrue();
        String code = matcher.group(1);
        assertThat(code.lines().count()).as("about ten lines").isBetween(8L, 30L);

        String source = "import org.forumkit.*;\nimport org.forumkit.model.*;\nimport org.forumkit.memory.*;\n"
                + "public class QuickStart { public static void main(String[] args) {\n" + code + "\n} }\n";
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///QuickStart.java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            boolean ok = compiler.getTask(new java.io.PrintWriter(diagnostics), files, null,
                    List.of("-classpath", System.getProperty("java.class.path")), null, List.of(unit)).call();
            assertThat(ok).as(diagnostics.toString(StandardCharsets.UTF_8)).isTrue();
        }

        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("QuickStart").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("2 楼", "支持 1");
    }
}
