package org.forumkit.examples.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns the {@code @name} mentions of a rendered post into links ({@code <a class="mention">}) to the user's posts
 * in search: names that exist only, by the same rules the forum used to notify (longest name first, an {@code @}
 * after a Latin letter or digit is none, nothing inside links, code or quotes). Works on the library's already safe
 * HTML with jsoup: text stays text, no pattern is built from it.
 */
final class MentionLinks {
    private static final int MAX_NAME = 32;
    private static final List<String> LEFT_OUT = List.of("a", "code", "pre", "blockquote");

    private MentionLinks() {
    }

    static String link(String html, DemoDirectory directory) {
        if (html.indexOf('@') < 0 && html.indexOf('＠') < 0) {
            return html;
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        List<TextNode> texts = new ArrayList<>();
        collect(doc.body(), texts);
        for (TextNode text : texts) {
            linkIn(text, directory);
        }
        return doc.body().html();
    }

    private static void collect(Element element, List<TextNode> out) {
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text) {
                out.add(text);
            } else if (child instanceof Element e && !LEFT_OUT.contains(e.normalName())
                    && !e.hasClass("quote")) {
                collect(e, out);
            }
        }
    }

    private static void linkIn(TextNode node, DemoDirectory directory) {
        String text = node.getWholeText();
        int[] cps = text.codePoints().toArray();
        List<Node> parts = new ArrayList<>();
        int plainFrom = 0;
        for (int i = 0; i < cps.length; i++) {
            if ((cps[i] != '@' && cps[i] != '＠') || (i > 0 && Character.isLetterOrDigit(cps[i - 1])
                    && Character.UnicodeScript.of(cps[i - 1]) != Character.UnicodeScript.HAN)) {
                continue;
            }
            int end = i + 1;
            while (end < cps.length && end - i - 1 < MAX_NAME && (Character.isLetterOrDigit(cps[end])
                    || cps[end] == '_' || cps[end] == '.' || cps[end] == '-')) {
                end++;
            }
            for (int stop = end; stop > i + 1; stop--) {
                String name = new String(cps, i + 1, stop - i - 1);
                Optional<DemoUser> user = directory.named(name);
                if (user.isPresent()) {
                    parts.add(new TextNode(new String(cps, plainFrom, i - plainFrom)));
                    Element a = new Element("a").addClass("mention").attr("href", "/search?q="
                            + URLEncoder.encode(user.get().getDisplayName(), StandardCharsets.UTF_8));
                    a.appendText(new String(cps, i, stop - i));
                    parts.add(a);
                    plainFrom = stop;
                    i = stop - 1;
                    break;
                }
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        parts.add(new TextNode(new String(cps, plainFrom, cps.length - plainFrom)));
        for (Node part : parts) {
            node.before(part);
        }
        node.remove();
    }
}
