package org.forumkit.render;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.model.ContentFormat;
import org.forumkit.render.BbTree.Element;
import org.forumkit.render.BbTree.Node;
import org.forumkit.render.BbTree.Tag;
import org.forumkit.render.BbTree.Text;
import org.forumkit.spi.ContentRenderer;

/**
 * BBCODE: the Discuz/phpBB subset {@code [b] [i] [u] [s] [url] [url=…] [img] [quote] [quote=name] [code]
 * [size=1..7] [color=name|#rgb|#rrggbb] [list] [list=1] [*] [align=left|center|right]}, parsed into a tree and
 * written as escaped HTML. Unknown, invalid or unbalanced tags are shown as text; bare URLs become links.
 */
public final class BbCodeRenderer implements ContentRenderer {
    private final RenderOptions options;
    private final Links links;

    public BbCodeRenderer() {
        this(RenderOptions.defaults());
    }

    public BbCodeRenderer(RenderOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.links = new Links(options);
    }

    @Override
    public ContentFormat format() {
        return ContentFormat.BBCODE;
    }

    @Override
    public String version() {
        return "bbcode/1";
    }

    @Override
    public String render(String source) {
        String text = Autolink.withoutBidiControls(source).replace("\r\n", "\n").replace('\r', '\n').strip();
        String html;
        try {
            StringBuilder out = new StringBuilder(text.length() + 64);
            children(BbTree.parse(text), out, false, new Nesting(0, 0));
            html = out.toString();
        } catch (RuntimeException | StackOverflowError e) {
            // The contract is "never throw": input that defeats the parser is shown as plain text.
            html = PlainTextRenderer.html(source, links);
        }
        return SafeHtml.clean(html, options.relativeLinks());
    }

    private void children(Element parent, StringBuilder out, boolean inLink, Nesting depth) {
        List<Node> nodes = parent.children;
        for (int k = 0; k < nodes.size(); k++) {
            Node node = nodes.get(k);
            if (node instanceof Text t) {
                String text = t.text();
                // A line break right after or before a block, or at the edges of one, is the block's own.
                if ((k == 0 && parent.tag.block()) || (k > 0 && isClosedBlock(nodes.get(k - 1)))) {
                    text = text.startsWith("\n") ? text.substring(1) : text;
                }
                if ((k == nodes.size() - 1 && parent.tag.block())
                        || (k + 1 < nodes.size() && isClosedBlock(nodes.get(k + 1)))) {
                    text = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
                }
                Autolink.text(text, out, links, !inLink);
            } else {
                element((Element) node, out, inLink, depth);
            }
        }
    }

    private static boolean isClosedBlock(Node node) {
        return node instanceof Element e && e.closed && e.tag.block();
    }

    private void element(Element e, StringBuilder out, boolean inLink, Nesting depth) {
        if (!e.closed) {
            Autolink.text(e.openText, out, links, false);
            children(e, out, inLink, depth);
            return;
        }
        switch (e.tag) {
            case B, I, U, S -> {
                String name = e.tag.name().toLowerCase(java.util.Locale.ROOT);
                out.append('<').append(name).append('>');
                children(e, out, inLink, depth);
                out.append("</").append(name).append('>');
            }
            case SIZE -> wrap("<span class=\"fk-size-" + e.value + "\">", "</span>", e, out, inLink, depth);
            case COLOR -> wrap("<span style=\"color:" + e.value + "\">", "</span>", e, out, inLink, depth);
            case ALIGN -> wrap("<div class=\"fk-align-" + e.value + "\">", "</div>", e, out, inLink, depth);
            case CODE -> {
                String code = e.raw.startsWith("\n") ? e.raw.substring(1) : e.raw;
                code = code.endsWith("\n") ? code.substring(0, code.length() - 1) : code;
                out.append("<pre class=\"fk-code\"><code>");
                Html.escape(code, out);
                out.append("</code></pre>");
            }
            case IMG -> {
                Optional<String> src = links.imageSrc(e.raw);
                if (src.isPresent()) {
                    out.append("<img src=\"");
                    Html.escape(src.get(), out);
                    out.append("\" alt=\"\">");
                } else {
                    Autolink.text(e.openText + e.raw + e.closeText, out, links, false);
                }
            }
            case URL -> {
                Optional<String> href = inLink ? Optional.empty() : links.href(e.value != null ? e.value : e.raw);
                if (href.isEmpty()) {
                    if (e.value == null) {
                        Autolink.text(e.raw, out, links, false);
                    } else {
                        children(e, out, inLink, depth);
                    }
                    return;
                }
                out.append("<a href=\"");
                Html.escape(href.get(), out);
                out.append('"');
                if (Links.isExternal(href.get())) {
                    out.append(" rel=\"").append(Links.REL).append('"');
                }
                out.append('>');
                if (e.value == null) {
                    Html.escape(e.raw.strip(), out);
                } else {
                    children(e, out, true, depth);
                }
                out.append("</a>");
            }
            case QUOTE -> {
                if (depth.quotes() >= options.maxQuoteDepth()) {
                    children(e, out, inLink, depth);
                    return;
                }
                out.append("<blockquote class=\"fk-quote\">");
                if (e.value != null) {
                    out.append("<cite class=\"fk-quote-author\">");
                    Html.escape(e.value, out);
                    out.append("</cite>");
                }
                children(e, out, inLink, depth.inQuote());
                out.append("</blockquote>");
            }
            case LIST -> list(e, out, inLink, depth);
            case ITEM, ROOT -> children(e, out, inLink, depth);
        }
    }

    private void wrap(String open, String close, Element e, StringBuilder out, boolean inLink, Nesting depth) {
        out.append(open);
        children(e, out, inLink, depth);
        out.append(close);
    }

    /**
     * Items become {@code <li>}; white space between them is dropped and anything else gets an item of its own. A
     * list nested deeper than the options allow is flattened: its items one per line, in its parent's item.
     */
    private void list(Element e, StringBuilder out, boolean inLink, Nesting outer) {
        boolean flat = outer.lists() >= options.maxListDepth();
        Nesting depth = flat ? outer : outer.inList();
        String name = "1".equals(e.value) ? "ol" : "ul";
        out.append(flat ? "" : "<" + name + ">");
        for (Node node : e.children) {
            if (node instanceof Text t && t.text().isBlank()) {
                continue;
            }
            out.append(flat ? "" : "<li>");
            if (node instanceof Element item && item.tag == Tag.ITEM && item.closed) {
                Element trimmed = new Element(Tag.ROOT, null, "");
                trimmed.children.addAll(item.children);
                trimEdges(trimmed.children);
                children(trimmed, out, inLink, depth);
            } else if (node instanceof Text t) {
                Autolink.text(t.text().strip(), out, links, !inLink);
            } else {
                element((Element) node, out, inLink, depth);
            }
            out.append(flat ? "<br>" : "</li>");
        }
        out.append(flat ? "" : "</" + name + ">");
    }

    /** How many quotes and lists enclose the node being rendered. */
    private record Nesting(int quotes, int lists) {
        Nesting inQuote() {
            return new Nesting(quotes + 1, lists);
        }

        Nesting inList() {
            return new Nesting(quotes, lists + 1);
        }
    }

    private static void trimEdges(List<Node> nodes) {
        if (!nodes.isEmpty() && nodes.get(0) instanceof Text t) {
            nodes.set(0, new Text(t.text().stripLeading()));
        }
        int last = nodes.size() - 1;
        if (last >= 0 && nodes.get(last) instanceof Text t) {
            nodes.set(last, new Text(t.text().stripTrailing()));
        }
    }
}
