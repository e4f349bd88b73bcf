package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The comments widget in a browser: its shadow root, waits inside it, axe-core and screenshots. */
final class Widgets {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver browser;
    private final WebDriverWait wait;

    Widgets(ChromeDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // a reload redraws the list between finding an element and reading it: look again
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    WebElement host() {
        return wait.until(d -> d.findElements(By.cssSelector("[data-forumkit-key]")).stream().findFirst().orElse(null));
    }

    SearchContext root() {
        return host().getShadowRoot();
    }

    /** The first visible element inside the widget matching css, waited for. */
    WebElement find(String css) {
        return wait.until(d -> {
            List<WebElement> found = root().findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    List<WebElement> all(String css) {
        return root().findElements(By.cssSelector(css));
    }

    /** Waits until the widget's first view (or the last reload) is drawn. */
    void ready() {
        find(".fk[data-ready=true]");
    }

    void waitFor(String css, String text) {
        wait.until(d -> {
            List<WebElement> found = root().findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(text);
        });
    }

    void waitGone(String css) {
        wait.until(d -> root().findElements(By.cssSelector(css)).isEmpty());
    }

    Object js(String script, Object... args) {
        return browser.executeScript(script, args);
    }

    /** axe-core run on the widget (its shadow root included): the serious and critical violations, as text. */
    List<String> seriousViolations() {
        String results = (String) browser.executeAsyncScript(axeSource()
                + ";var done = arguments[arguments.length - 1];"
                + "axe.run(arguments[0], {resultTypes: ['violations']}).then(function (r) {"
                + "  done(JSON.stringify(r.violations.filter(function (v) {"
                + "    return v.impact === 'serious' || v.impact === 'critical'; }).map(function (v) {"
                + "    return v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 5).map(function (n) {"
                + "      return JSON.stringify(n.target) + ' ' + n.failureSummary; }).join(' | '); })));"
                + "}).catch(function (e) { done(JSON.stringify(['axe failed: ' + e])); });", host());
        try {
            return List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(results, String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot of the page at this width, under target/screenshots/. */
    Path screenshot(String name, int width) throws IOException {
        browser.manage().window().setSize(new Dimension(width, 1400));
        ready();
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + "-" + width + ".png");
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(file)).isPositive();
        return file;
    }

    /** Whether the widget is wider than the window (a 320-px phone must not scroll sideways). */
    boolean overflowsWindow() {
        return (Boolean) js("var r = arguments[0].getBoundingClientRect();"
                + "var wide = Array.prototype.some.call(arguments[0].shadowRoot.querySelectorAll('*'), function (e) {"
                + "  return e.getBoundingClientRect().right > document.documentElement.clientWidth + 1; });"
                + "return r.right > document.documentElement.clientWidth + 1 || wide;", host());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resources() {
        return (Map<String, Object>) js("var out = {};"
                + "performance.getEntriesByType('resource').forEach(function (e) { out[e.name] = e.initiatorType; });"
                + "return out;");
    }

    private static String axeSource() {
        return Axe.source();
    }
}
