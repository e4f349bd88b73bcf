package org.forumkit.testing;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds test classes that Maven would never run: a class holding JUnit test methods ({@code @Test},
 * {@code @ParameterizedTest}, … — anything meta-annotated {@code @Testable}, in itself, a superclass or a
 * {@code @Nested} class) whose name matches none of Surefire's ({@code Test*}, {@code *Test}, {@code *Tests},
 * {@code *TestCase}) or Failsafe's ({@code IT*}, {@code *IT}, {@code *ITCase}) default patterns. Each module's
 * {@code EveryTestClassRunsTest} fails the build with the list.
 */
public final class TestClassNames {
    private static final Pattern RUN_BY_MAVEN = Pattern.compile("Test.*|.*Test|.*Tests|.*TestCase|IT.*|.*IT|.*ITCase");
    private static final String TESTABLE = "org.junit.platform.commons.annotation.Testable";
    private static final String NESTED = "org.junit.jupiter.api.Nested";

    private TestClassNames() {
    }

    /** The compiled test classes folder that holds {@code anchor} (a class of the module's own tests). */
    public static Path classesOf(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The binary names of the top-level classes under {@code classes} that hold tests Maven would not run. */
    public static List<String> neverRun(Path classes, ClassLoader loader) throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(classes::relativize).map(Path::toString)
                    .filter(file -> file.endsWith(".class") && !file.contains("$") && !file.endsWith("package-info.class"))
                    .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .sorted().toList();
        }
        List<String> neverRun = new ArrayList<>();
        for (String name : names) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load test class " + name, e);
            }
            boolean concrete = !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
            if (concrete && holdsTests(type) && !RUN_BY_MAVEN.matcher(type.getSimpleName()).matches()) {
                neverRun.add(name);
            }
        }
        return neverRun;
    }

    private static boolean holdsTests(Class<?> type) {
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method method : k.getDeclaredMethods()) {
                if (testable(method, new HashSet<>())) {
                    return true;
                }
            }
        }
        for (Class<?> inner : type.getDeclaredClasses()) {
            if (annotatedWith(inner, NESTED) && holdsTests(inner)) {
                return true;
            }
        }
        return false;
    }

    // @ParameterizedTest is @TestTemplate is @Testable: follow meta-annotations, guarding against cycles.
    private static boolean testable(AnnotatedElement element, Set<String> seen) {
        for (Annotation annotation : element.getAnnotations()) {
            Class<? extends Annotation> kind = annotation.annotationType();
            if (kind.getName().equals(TESTABLE)) {
                return true;
            }
            if (seen.add(kind.getName()) && !kind.getName().startsWith("java.lang.") && testable(kind, seen)) {
                return true;
            }
        }
        return false;
    }

    private static boolean annotatedWith(Class<?> type, String annotation) {
        for (Annotation a : type.getAnnotations()) {
            if (a.annotationType().getName().equals(annotation)) {
                return true;
            }
        }
        return false;
    }
}
