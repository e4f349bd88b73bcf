package org.forumkit.render;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.forumkit.internal.SimpleHtml;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Defense in depth: every built-in renderer's output goes through jsoup's {@link Cleaner} with exactly the
 * elements and attributes the renderers emit, then class and style values are checked against the few the
 * renderers write. A renderer bug then shows as lost formatting, not as script on the page. {@link SimpleHtml}
 * (paragraphs of text and line breaks, nothing jsoup would change) is returned as it is, unparsed.
 */
final class SafeHtml {
    /** Resolves relative links for jsoup's protocol check only; the link itself is kept relative. */
    private static final String RELATIVE_BASE = "https://relative.invalid/";
    private static final Pattern CLASS = Pattern.compile("fk-[a-z0-9-]{1,32}|language-[A-Za-z0-9_+#.-]{1,32}");
    private static final Pattern STYLE = Pattern.compile("color:(#[0-9a-f]{3}|#[0-9a-f]{6}|[a-z]{3,20})");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private static final Cleaner ABSOLUTE = new Cleaner(safelist().preserveRelativeLinks(false));
    private static final Cleaner RELATIVE = new Cleaner(safelist().preserveRelativeLinks(true));

    private SafeHtml() {
    }

    /** The elements and attributes the built-in renderers and {@link QuoteBlocks} write, and nothing else. */
    static Safelist safelist() {
        return new Safelist()
                .addTags("p", "br", "hr", "b", "strong", "i", "em", "u", "s", "del", "span", "div", "blockquote",
                        "cite", "pre", "code", "ul", "ol", "li", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6",
                        "time")
                .addAttributes("a", "href", "rel", "title", "class")
                .addAttributes("img", "src", "alt", "title")
                .addAttributes("ol", "start")
                .addAttributes("span", "class", "style")
                .addAttributes("div", "class")
                .addAttributes("blockquote", "class")
                .addAttributes("cite", "class")
                .addAttributes("pre", "class")
                .addAttributes("code", "class")
                .addAttributes("time", "datetime")
                .addProtocols("a", "href", "http", "https", "mailto")
                .addProtocols("img", "src", "http", "https");
    }

    static String clean(String html, boolean relativeLinks) {
        // most replies: the cleaner would give the same string back, after two parses and a document's copy
        return SimpleHtml.isSimple(html) ? html : cleanParsed(html, relativeLinks);
    }

    /** The cleaner itself, whatever the HTML. */
    static String cleanParsed(String html, boolean relativeLinks) {
        Document dirty = Jsoup.parseBodyFragment(html, relativeLinks ? RELATIVE_BASE : "");
        Document clean = (relativeLinks ? RELATIVE : ABSOLUTE).clean(dirty);
        for (Element element : clean.body().getAllElements()) {
            checkValues(element);
        }
        clean.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8)
                .escapeMode(Entities.EscapeMode.base);
        return clean.body().html();
    }

    private static void checkValues(Element element) {
        for (Attribute attribute : element.attributes().asList()) {
            String value = attribute.getValue();
            boolean ok = switch (attribute.getKey()) {
                case "class" -> CLASS.matcher(value).matches();
                case "style" -> STYLE.matcher(value).matches();
                case "rel" -> value.equals(Links.REL);
                case "start" -> DIGITS.matcher(value).matches();
                default -> true;
            };
            if (!ok) {
                element.removeAttr(attribute.getKey());
            }
        }
    }
}
