package org.forumkit.examples;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (the npm package, the {@code axe.min.js} bundled in {@code com.deque.html.axe-core:selenium} on the test classpath) run inside the
 * page a browser test has open. Typical use: {@code assertThat(Axe.serious(browser)).isEmpty()}; a failing
 * assertion prints each violation with its rule, help text and the selectors of the offending elements.
 */
public final class Axe {
    private static final String POM = "META-INF/maven/com.deque.html.axe-core/selenium/pom.properties";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static volatile String source;

    private Axe() {
    }

    /** One broken rule: the axe rule id, its impact, what it asks for, and the elements that break it. */
    public record Violation(String id, String impact, String help, String helpUrl, List<Node> nodes) {
        @Override
        public String toString() {
            return id + " (" + impact + "): " + help + nodes.stream().map(Node::toString)
                    .collect(Collectors.joining());
        }
    }

    /** One element that breaks a rule: its CSS selector path, its markup, and axe's account of why. */
    public record Node(List<Object> target, String html, String failureSummary) {
        @Override
        public String toString() {
            return "\n    " + target + " " + html + "\n      " + String.valueOf(failureSummary).replace("\n", " ");
        }
    }

    /** The violations of impact serious or critical in the whole page the driver shows now. */
    public static List<Violation> serious(WebDriver driver) {
        return serious(run(driver, null, null));
    }

    /**
     * The violations of impact serious or critical inside the element {@code selector} names, e.g.
     * {@code "[data-forumkit-key]"} for the widget alone.
     */
    public static List<Violation> serious(WebDriver driver, String selector) {
        return serious(run(driver, selector, null));
    }

    /** The violations of impact serious or critical in the page outside the element {@code selector} names. */
    public static List<Violation> seriousOutside(WebDriver driver, String selector) {
        return serious(run(driver, null, selector));
    }

    /**
     * Every violation axe reports (any impact) in the elements {@code include} names (the whole document when
     * null) less those {@code exclude} names (none when null).
     */
    public static List<Violation> run(WebDriver driver, String include, String exclude) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(source());
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object answer = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const include = arguments[0], exclude = arguments[1];
                if (include && !document.querySelector(include)) { done('ERROR no element ' + include); return; }
                const context = {};
                if (include) { context.include = [[include]]; }
                if (exclude) { context.exclude = [[exclude]]; }
                axe.run(include || exclude ? context : document, {resultTypes: ['violations']})
                   .then(r => done(JSON.stringify(r.violations)))
                   .catch(e => done('ERROR ' + e));
                """, include, exclude);
        String text = String.valueOf(answer);
        if (text.startsWith("ERROR")) {
            throw new IllegalStateException("axe-core did not run: " + text);
        }
        try {
            return JSON.readValue(text, new TypeReference<List<Violation>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core answered what is not its JSON: " + text, e);
        }
    }

    private static List<Violation> serious(List<Violation> all) {
        return all.stream().filter(v -> "serious".equals(v.impact()) || "critical".equals(v.impact())).toList();
    }

    /** The version of axe-core on the classpath, e.g. {@code 4.10.1}. */
    public static String version() {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(POM)) {
            if (in == null) {
                throw new IllegalStateException("com.deque.html.axe-core:selenium is not on the test classpath (" + POM + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized String source() {
        String s = source;
        if (s == null) {
            String path = "axe.min.js";
            try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("no " + path + " on the test classpath");
                }
                s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                source = s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return s;
    }
}
