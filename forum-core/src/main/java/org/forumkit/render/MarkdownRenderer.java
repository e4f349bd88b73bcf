package org.forumkit.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.forumkit.model.ContentFormat;
import org.forumkit.spi.ContentRenderer;

/**
 * MARKDOWN: CommonMark (commonmark-java) with raw HTML shown as text, links and images kept only under the
 * {@link RenderOptions} rules (others are shown as their text), single line breaks kept, and quotes and lists nested
 * deeper than the configured depths flattened.
 */
public final class MarkdownRenderer implements ContentRenderer {
    /** Lists and quotes nested deeper than this are flattened: only abuse nests that deep. */
    private static final int MAX_CONTAINER_DEPTH = 32;

    private final RenderOptions options;
    private final Links links;
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer;

    public MarkdownRenderer() {
        this(RenderOptions.defaults());
    }

    public MarkdownRenderer(RenderOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.links = new Links(options);
        this.renderer = HtmlRenderer.builder()
                .escapeHtml(true)
                .sanitizeUrls(true)
                .softbreak("<br>\n")
                .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                    if (node instanceof Link && Links.isExternal(attributes.getOrDefault("href", ""))) {
                        attributes.put("rel", Links.REL);
                    }
                    if (node instanceof Image) {
                        attributes.remove("title");
                    }
                })
                .build();
    }

    @Override
    public ContentFormat format() {
        return ContentFormat.MARKDOWN;
    }

    @Override
    public String version() {
        return "markdown/1";
    }

    @Override
    public String render(String source) {
        String html;
        try {
            Node document = parser.parse(Autolink.withoutBidiControls(source));
            secure(document);
            linkBareUrls(document);
            html = renderer.render(document);
        } catch (RuntimeException | StackOverflowError e) {
            // The contract is "never throw": input that defeats the parser is shown as plain text.
            html = PlainTextRenderer.html(source, links);
        }
        return SafeHtml.clean(html, options.relativeLinks());
    }

    /** Applies the link, image and nesting rules to the tree, walking it without recursion. */
    private void secure(Node document) {
        record Visit(Node node, int quotes, int lists, int containers) {
        }
        List<Runnable> changes = new ArrayList<>();
        Deque<Visit> todo = new ArrayDeque<>();
        todo.push(new Visit(document, 0, 0, 0));
        while (!todo.isEmpty()) {
            Visit visit = todo.pop();
            Node node = visit.node;
            int quotes = visit.quotes;
            int lists = visit.lists;
            int containers = visit.containers;
            if (node instanceof BlockQuote || node instanceof ListBlock) {
                containers++;
                quotes += node instanceof BlockQuote ? 1 : 0;
                lists += node instanceof ListBlock ? 1 : 0;
                if ((node instanceof BlockQuote && quotes > options.maxQuoteDepth())
                        || (node instanceof ListBlock && lists > options.maxListDepth())
                        || containers > MAX_CONTAINER_DEPTH) {
                    changes.add(() -> {
                        if (node instanceof ListBlock) {
                            // Items outside a list would be stray <li>s: the items go too.
                            List<Node> items = new ArrayList<>();
                            for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                                items.add(item);
                            }
                            items.forEach(MarkdownRenderer::unwrap);
                        }
                        unwrap(node);
                    });
                    quotes -= node instanceof BlockQuote ? 1 : 0;
                    lists -= node instanceof ListBlock ? 1 : 0;
                    containers--;
                }
            } else if (node instanceof Link link) {
                Optional<String> href = links.href(link.getDestination());
                if (href.isPresent()) {
                    link.setDestination(href.get());
                } else {
                    changes.add(() -> unwrap(link));
                }
            } else if (node instanceof Image image) {
                Optional<String> src = links.imageSrc(image.getDestination());
                if (src.isPresent()) {
                    image.setDestination(src.get());
                } else {
                    changes.add(() -> unwrap(image));
                }
            }
            for (Node child = node.getLastChild(); child != null; child = child.getPrevious()) {
                todo.push(new Visit(child, quotes, lists, containers));
            }
        }
        // Inner nodes were visited last; undoing them first keeps every outer node's children intact.
        for (int i = changes.size() - 1; i >= 0; i--) {
            changes.get(i).run();
        }
    }

    /** Turns bare http(s) URLs in text outside links into links, as PLAIN and BBCODE do. */
    private void linkBareUrls(Node document) {
        List<Text> texts = new ArrayList<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(document);
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (node instanceof Link || node instanceof Image) {
                continue;
            }
            if (node instanceof Text text) {
                texts.add(text);
            }
            for (Node child = node.getLastChild(); child != null; child = child.getPrevious()) {
                todo.push(child);
            }
        }
        for (Text text : texts) {
            String literal = text.getLiteral();
            List<Autolink.Found> urls = Autolink.find(literal, links);
            if (urls.isEmpty()) {
                continue;
            }
            int at = 0;
            for (Autolink.Found url : urls) {
                if (url.start() > at) {
                    text.insertBefore(new Text(literal.substring(at, url.start())));
                }
                Link link = new Link(url.href(), null);
                link.appendChild(new Text(literal.substring(url.start(), url.end())));
                text.insertBefore(link);
                at = url.end();
            }
            if (at < literal.length()) {
                text.insertBefore(new Text(literal.substring(at)));
            }
            text.unlink();
        }
    }

    /** Replaces a node by its children (a link by its text, an image by its alt text, a quote by its content). */
    private static void unwrap(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            node.insertBefore(child);
            child = next;
        }
        node.unlink();
    }
}
