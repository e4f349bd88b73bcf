package org.forumkit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;

/**
 * The fenced Java blocks of the project's README files, each announced by a marker comment on the line before it,
 * and the means to compile and run them. Shipped in forum-core's test-jar so the JPA module checks its own blocks.
 *
 * <p>Markers: {@code <!-- snippet: run -->} (statements, compiled as a {@code main} method and run),
 * {@code <!-- snippet: compile given="EntityManagerFactory emf" -->} (statements compiled with the given names as
 * parameters, not run), {@code <!-- snippet: class -->} (whole type declarations, compiled) and
 * {@code <!-- snippet: illustrative, needs Spring -->} (not compiled; the reason is required). Attributes:
 * {@code module=forum-persistence-jpa} (whose test classpath compiles it; default forum-core), {@code id=…},
 * {@code prints="a|b"} (what a run must print). Leading {@code import} lines of a block are its own imports.
 */
public final class ReadmeSnippets {
    /** The modules whose tests compile snippets. */
    public static final List<String> MODULES = List.of("forum-core", "forum-persistence-jpa");

    private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([a-z]+)(.*?) -->");
    // A marker is a line of its own, so prose may quote one in backticks.
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|(\\S+))");
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([\\w-]*)");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "public\\s+(?:final\\s+|abstract\\s+|sealed\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");
    private static final List<String> CORE_IMPORTS = List.of("org.forumkit.*", "org.forumkit.model.*",
            "org.forumkit.memory.*", "org.forumkit.spi.*", "org.forumkit.spi.store.*", "org.forumkit.event.*",
            "org.forumkit.render.*", "org.forumkit.censor.*", "org.forumkit.json.*", "java.io.*", "java.time.*",
            "java.util.*");
    private static final List<String> JPA_IMPORTS = List.of("org.forumkit.jpa.*", "jakarta.persistence.*",
            "javax.sql.DataSource", "org.flywaydb.core.Flyway");

    private ReadmeSnippets() {
    }

    /** A marked Java block: where it is, its kind, its marker's attributes and its text. */
    public record Snippet(Path file, int line, String kind, Map<String, String> attributes, String code) {
        public String module() {
            return attributes.getOrDefault("module", "forum-core");
        }

        public List<String> prints() {
            String prints = attributes.get("prints");
            return prints == null ? List.of() : Arrays.asList(prints.split("\\|"));
        }

        @Override
        public String toString() {
            return file.getFileName() + ":" + line + " (" + kind + ")";
        }
    }

    /** The project root, seen from a module directory (where surefire runs). */
    public static Path projectRoot() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    /** README.md of the root and of every module. */
    public static List<Path> readmes(Path root) {
        try (Stream<Path> modules = Files.list(root)) {
            return Stream.concat(Stream.of(root.resolve("README.md")),
                            modules.filter(Files::isDirectory).map(m -> m.resolve("README.md")).sorted())
                    .filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every marked Java block of every README; fails on a Java block without a marker or a marker without one. */
    public static List<Snippet> all(Path root) {
        return readmes(root).stream().flatMap(file -> parse(file).stream()).toList();
    }

    /** The code blocks of one Markdown file with the given info string ("xml", "java", …), marked or not. */
    public static List<String> blocks(Path file, String language) {
        List<String> blocks = new ArrayList<>();
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (fence.find()) {
                int end = closingFence(file, lines, i);
                if (fence.group(1).equals(language)) {
                    blocks.add(String.join("\n", lines.subList(i + 1, end)) + "\n");
                }
                i = end;
            }
        }
        return blocks;
    }

    static List<Snippet> parse(Path file) {
        List<Snippet> snippets = new ArrayList<>();
        List<String> lines = lines(file);
        Matcher pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher marker = MARKER.matcher(line.strip());
            Matcher fence = FENCE.matcher(line);
            if (marker.matches()) {
                if (pending != null) {
                    throw new AssertionError(file + ":" + pendingLine + ": a snippet marker not followed by a ```java block");
                }
                pending = marker;
                pendingLine = i + 1;
            } else if (fence.find()) {
                int end = closingFence(file, lines, i);
                boolean java = fence.group(1).equals("java");
                if (java && pending == null) {
                    throw new AssertionError(file + ":" + (i + 1) + ": a ```java block without a <!-- snippet: … -->"
                            + " marker on the line before (run, compile, class or illustrative)");
                }
                if (!java && pending != null) {
                    throw new AssertionError(file + ":" + pendingLine + ": a snippet marker before a ```"
                            + fence.group(1) + " block; markers belong to ```java blocks");
                }
                if (java) {
                    snippets.add(snippet(file, i + 1, pending, String.join("\n", lines.subList(i + 1, end)) + "\n"));
                    pending = null;
                }
                i = end;
            } else if (pending != null && !line.isBlank()) {
                throw new AssertionError(file + ":" + pendingLine + ": a snippet marker must be right before its block");
            }
        }
        if (pending != null) {
            throw new AssertionError(file + ":" + pendingLine + ": a snippet marker at the end of the file");
        }
        return snippets;
    }

    private static Snippet snippet(Path file, int line, Matcher marker, String code) {
        String kind = marker.group(1);
        String rest = marker.group(2);
        Map<String, String> attributes = new LinkedHashMap<>();
        switch (kind) {
            case "illustrative" -> {
                if (rest.replaceFirst("^,", "").isBlank()) {
                    throw new AssertionError(file + ":" + line + ": an illustrative snippet says why it is not compiled");
                }
            }
            case "run", "compile", "class" -> {
                Matcher attribute = ATTRIBUTE.matcher(rest);
                while (attribute.find()) {
                    attributes.put(attribute.group(1), attribute.group(2) != null ? attribute.group(2) : attribute.group(3));
                }
                if (!MODULES.contains(attributes.getOrDefault("module", "forum-core"))) {
                    throw new AssertionError(file + ":" + line + ": no test compiles snippets of module "
                            + attributes.get("module") + "; use one of " + MODULES);
                }
            }
            default -> throw new AssertionError(file + ":" + line + ": unknown snippet kind '" + kind
                    + "'; use run, compile, class or illustrative");
        }
        return new Snippet(file, line, kind, attributes, code);
    }

    private static int closingFence(Path file, List<String> lines, int open) {
        for (int j = open + 1; j < lines.size(); j++) {
            if (lines.get(j).strip().equals("```")) {
                return j;
            }
        }
        throw new AssertionError(file + ":" + (open + 1) + ": a code block that never closes");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiled snippets of a module, in every README; compiled by a module whose test classpath has what they need. */
    public static List<Snippet> ofModule(Path root, String module) {
        return all(root).stream().filter(s -> !s.kind().equals("illustrative") && s.module().equals(module)).toList();
    }

    /** One dynamic test per snippet: compile it (each into its own folder under {@code out}) and run the runnable ones. */
    public static Stream<DynamicTest> tests(List<Snippet> snippets, Path out) {
        return snippets.stream().map(snippet -> DynamicTest.dynamicTest(snippet.toString(),
                () -> check(snippet, Files.createTempDirectory(out, "snippet"))));
    }

    /** The Java source a snippet compiles as. */
    public static String source(Snippet snippet) {
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : snippet.code().split("\n", -1)) {
            if (body.isEmpty() && (line.startsWith("import ") || (line.isBlank() && !imports.isEmpty()))) {
                imports.add(line);
            } else {
                body.add(line);
            }
        }
        StringBuilder source = new StringBuilder();
        List<String> defaults = new ArrayList<>(CORE_IMPORTS);
        if (snippet.module().equals("forum-persistence-jpa")) {
            defaults.addAll(JPA_IMPORTS);
        }
        defaults.forEach(name -> source.append("import ").append(name).append(";\n"));
        imports.forEach(line -> source.append(line).append('\n'));
        String code = String.join("\n", body);
        switch (snippet.kind()) {
            case "run" -> source.append("public class Snippet { public static void main(String[] args) throws Exception {\n")
                    .append(code).append("\n} }\n");
            case "compile" -> source.append("class Snippet { static void snippet(")
                    .append(snippet.attributes().getOrDefault("given", "")).append(") throws Exception {\n")
                    .append(code).append("\n} }\n");
            case "class" -> source.append(code);
            default -> throw new IllegalArgumentException(snippet + " is not compiled");
        }
        return source.toString();
    }

    /** Compiles a snippet into {@code out} against the test classpath and runs it when it is a run snippet. */
    public static void check(Snippet snippet, Path out) throws Exception {
        String source = source(snippet);
        Matcher publicType = PUBLIC_TYPE.matcher(source);
        String name = snippet.kind().equals("class") && publicType.find() ? publicType.group(1) : "Snippet";
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            boolean ok = compiler.getTask(new PrintWriter(diagnostics), files, null,
                    List.of("-proc:none", "-classpath", System.getProperty("java.class.path")), null, List.of(unit)).call();
            if (!ok) {
                throw new AssertionError(snippet.file() + ":" + snippet.line() + ": the snippet does not compile\n"
                        + diagnostics + "\nas compiled:\n" + numbered(source));
            }
        }
        if (snippet.kind().equals("run")) {
            String printed = run(out);
            for (String expected : snippet.prints()) {
                if (!printed.contains(expected)) {
                    throw new AssertionError(snippet.file() + ":" + snippet.line() + ": the snippet should print '"
                            + expected + "' but printed:\n" + printed);
                }
            }
        }
    }

    /** Runs the compiled {@code Snippet.main} and returns what it printed. */
    public static String run(Path out) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                ReadmeSnippets.class.getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("Snippet").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            throw new AssertionError("the snippet threw " + e.getCause(), e.getCause());
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static String numbered(String source) {
        String[] lines = source.split("\n", -1);
        return IntStream.range(0, lines.length).mapToObj(i -> String.format("%3d  %s", i + 1, lines[i]))
                .collect(Collectors.joining("\n"));
    }
}
