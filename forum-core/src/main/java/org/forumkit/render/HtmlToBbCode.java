package org.forumkit.render;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns the HTML of an imported comment (Disqus, WordPress) into BBCode, so it is stored in a format the forum
 * renders and quotes like any post. The HTML is first cleaned with the allow-list of every rendered post, so
 * nothing the source allowed (script, event handlers, {@code javascript:} links) survives.
 */
public final class HtmlToBbCode {
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\n]+");

    private HtmlToBbCode() {
    }

    /** The BBCode for {@code html}; never throws. */
    public static String convert(String html) {
        String clean = SafeHtml.clean(html == null ? "" : html, false);
        StringBuilder out = new StringBuilder();
        children(Jsoup.parseBodyFragment(clean).body(), out);
        return BLANK_LINES.matcher(out.toString().replace(" \n", "\n")).replaceAll("\n\n").strip();
    }

    private static void children(Element element, StringBuilder out) {
        for (Node child : element.childNodes()) {
            node(child, out);
        }
    }

    private static void node(Node node, StringBuilder out) {
        if (node instanceof TextNode text) {
            out.append(SPACES.matcher(text.getWholeText()).replaceAll(" "));
            return;
        }
        if (!(node instanceof Element e)) {
            return;
        }
        switch (e.normalName()) {
            case "b", "strong" -> wrap(e, "[b]", "[/b]", out);
            case "i", "em", "cite" -> wrap(e, "[i]", "[/i]", out);
            case "u" -> wrap(e, "[u]", "[/u]", out);
            case "s", "del" -> wrap(e, "[s]", "[/s]", out);
            case "a" -> {
                String href = e.attr("href");
                if (href.isEmpty()) {
                    children(e, out);
                } else {
                    wrap(e, "[url=" + href.replace("]", "%5D") + "]", "[/url]", out);
                }
            }
            case "img" -> {
                if (!e.attr("src").isEmpty()) {
                    out.append("[img]").append(e.attr("src")).append("[/img]");
                }
            }
            case "br" -> out.append('\n');
            case "hr" -> out.append("\n\n");
            case "blockquote" -> {
                out.append("\n[quote]");
                children(e, out);
                out.append("[/quote]\n");
            }
            case "pre" -> out.append("\n[code]").append(e.wholeText()).append("[/code]\n");
            case "code" -> out.append("[code]").append(e.wholeText()).append("[/code]");
            case "ul", "ol" -> {
                out.append(e.normalName().equals("ol") ? "\n[list=1]\n" : "\n[list]\n");
                children(e, out);
                out.append("[/list]\n");
            }
            case "li" -> {
                out.append("[*]");
                children(e, out);
                out.append('\n');
            }
            case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6" -> {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                    out.append("\n\n");
                }
                children(e, out);
                out.append("\n\n");
            }
            default -> children(e, out);
        }
    }

    private static void wrap(Element e, String open, String close, StringBuilder out) {
        out.append(open);
        children(e, out);
        out.append(close);
    }
}
