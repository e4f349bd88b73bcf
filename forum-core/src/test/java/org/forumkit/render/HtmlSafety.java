package org.forumkit.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The test's own judgement of rendered HTML, independent of the renderers' code: parsed with jsoup, it must hold
 * only allowed elements and attributes, no event handlers, no unsafe URL schemes (after entity decoding and
 * removing white space and control characters), only the renderers' own class and style values, and its tags must
 * balance. Returns the problems found; an empty list means safe.
 */
final class HtmlSafety {
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("p", Set.of()), Map.entry("br", Set.of()), Map.entry("hr", Set.of()),
            Map.entry("b", Set.of()), Map.entry("strong", Set.of()), Map.entry("i", Set.of()),
            Map.entry("em", Set.of()), Map.entry("u", Set.of()), Map.entry("s", Set.of()),
            Map.entry("del", Set.of()), Map.entry("span", Set.of("class", "style")),
            Map.entry("div", Set.of("class")), Map.entry("blockquote", Set.of("class")),
            Map.entry("cite", Set.of("class")), Map.entry("pre", Set.of("class")),
            Map.entry("code", Set.of("class")), Map.entry("ul", Set.of()), Map.entry("ol", Set.of("start")),
            Map.entry("li", Set.of()), Map.entry("a", Set.of("href", "rel", "title", "class")),
            Map.entry("img", Set.of("src", "alt", "title")), Map.entry("h1", Set.of()), Map.entry("h2", Set.of()),
            Map.entry("h3", Set.of()), Map.entry("h4", Set.of()), Map.entry("h5", Set.of()),
            Map.entry("h6", Set.of()), Map.entry("time", Set.of("datetime")));
    private static final Set<String> VOID = Set.of("br", "hr", "img");
    private static final Pattern STYLE = Pattern.compile("color:(#[0-9a-f]{3}|#[0-9a-f]{6}|[a-z]{3,20})");
    private static final Pattern CLASS = Pattern.compile("fk-[a-z0-9-]+|language-[A-Za-z0-9_+#.-]+");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.\\-]*):");

    private HtmlSafety() {
    }

    static List<String> problems(String html) {
        List<String> problems = new ArrayList<>();
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element e : doc.body().getAllElements()) {
            if (e == doc.body()) {
                continue;
            }
            Set<String> attributes = ALLOWED.get(e.normalName());
            if (attributes == null) {
                problems.add("element <" + e.normalName() + "> is not allowed");
                continue;
            }
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                if (key.startsWith("on")) {
                    problems.add("event handler " + key + " on <" + e.normalName() + ">");
                } else if (!attributes.contains(key)) {
                    problems.add("attribute " + key + " on <" + e.normalName() + "> is not allowed");
                } else if (key.equals("href") || key.equals("src")) {
                    String unsafe = unsafeUrl(a.getValue(), key.equals("src"));
                    if (unsafe != null) {
                        problems.add(key + "=\"" + a.getValue() + "\": " + unsafe);
                    }
                } else if (key.equals("style") && !STYLE.matcher(a.getValue()).matches()) {
                    problems.add("style \"" + a.getValue() + "\" is not one of the renderers'");
                } else if (key.equals("class") && !CLASS.matcher(a.getValue()).matches()) {
                    problems.add("class \"" + a.getValue() + "\" is not one of the renderers'");
                }
            }
        }
        String balance = balance(html);
        if (balance != null) {
            problems.add(balance);
        }
        return problems;
    }

    /** Why a URL is unsafe, or {@code null}: only http, https, mailto and relative paths pass. */
    static String unsafeUrl(String value, boolean image) {
        StringBuilder stripped = new StringBuilder();
        String decoded = percentDecode(value);
        for (int i = 0; i < decoded.length(); ) {
            int cp = decoded.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (cp > 0x20 && !Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && type != Character.CONTROL
                    && type != Character.FORMAT) {
                stripped.appendCodePoint(cp);
            }
        }
        String url = stripped.toString().toLowerCase(Locale.ROOT);
        if (url.startsWith("//") || url.startsWith("\\\\") || url.startsWith("/\\")) {
            return "protocol-relative";
        }
        var m = SCHEME.matcher(url);
        if (m.find()) {
            String scheme = m.group(1);
            Set<String> allowed = image ? Set.of("https", "http") : Set.of("https", "http", "mailto");
            return allowed.contains(scheme) ? null : "scheme " + scheme;
        }
        for (String bad : List.of("javascript", "vbscript", "data", "livescript")) {
            if (url.startsWith(bad + ":") || url.contains(bad + ":") && url.indexOf(bad + ":") < firstSlash(url)) {
                return "hidden scheme " + bad;
            }
        }
        return url.indexOf(':') >= 0 && url.indexOf(':') < firstSlash(url) ? "odd scheme" : null;
    }

    private static int firstSlash(String url) {
        int at = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < at) {
                at = i;
            }
        }
        return at;
    }

    private static String percentDecode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && Character.digit(value.charAt(i + 1), 16) >= 0
                    && Character.digit(value.charAt(i + 2), 16) >= 0) {
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether the serialized tags balance, scanning the markup itself (quoted attribute values may hold any
     * character) rather than trusting a lenient parser: every non-void element is closed in order.
     */
    static String balance(String html) {
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while ((i = html.indexOf('<', i)) >= 0) {
            int j = i + 1;
            boolean closing = j < html.length() && html.charAt(j) == '/';
            if (closing) {
                j++;
            }
            int nameStart = j;
            while (j < html.length() && Character.isLetterOrDigit(html.charAt(j))) {
                j++;
            }
            String name = html.substring(nameStart, j).toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                return "a raw '<' at " + i;
            }
            char quote = 0;
            while (j < html.length() && (quote != 0 || html.charAt(j) != '>')) {
                char c = html.charAt(j);
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                }
                j++;
            }
            if (j >= html.length()) {
                return "unterminated tag <" + name;
            }
            if (closing) {
                if (open.isEmpty() || !open.peek().equals(name)) {
                    return "</" + name + "> closes " + (open.isEmpty() ? "nothing" : "<" + open.peek() + ">");
                }
                open.pop();
            } else if (!VOID.contains(name)) {
                open.push(name);
            }
            i = j + 1;
        }
        return open.isEmpty() ? null : "unclosed " + open;
    }
}
