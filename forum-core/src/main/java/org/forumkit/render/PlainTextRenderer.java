package org.forumkit.render;

import java.util.Objects;
import java.util.regex.Pattern;
import org.forumkit.model.ContentFormat;
import org.forumkit.spi.ContentRenderer;

/**
 * PLAIN: the text escaped, blank lines separating paragraphs, single line breaks kept and bare {@code http(s)}
 * URLs turned into links under the {@link RenderOptions} link rules.
 */
public final class PlainTextRenderer implements ContentRenderer {
    /** A blank line, and the white space around it. */
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n[\\s&&[^\n]]*\n\\s*");
    private final RenderOptions options;
    private final Links links;

    public PlainTextRenderer() {
        this(RenderOptions.defaults());
    }

    public PlainTextRenderer(RenderOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.links = new Links(options);
    }

    @Override
    public ContentFormat format() {
        return ContentFormat.PLAIN;
    }

    @Override
    public String version() {
        return "plain/2";
    }

    @Override
    public String render(String source) {
        return SafeHtml.clean(html(source, links), options.relativeLinks());
    }

    /** The unchecked HTML; also the fallback of the other renderers when their input defeats them. */
    static String html(String source, Links links) {
        String text = Autolink.withoutBidiControls(source).replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder html = new StringBuilder(text.length() + 16);
        String stripped = text.strip();
        // one line (most replies) is one paragraph: no split
        String[] paragraphs = stripped.indexOf('\n') < 0 ? new String[] {stripped} : PARAGRAPH_BREAK.split(stripped);
        for (String paragraph : paragraphs) {
            if (paragraph.isBlank()) {
                continue;
            }
            html.append("<p>");
            Autolink.text(paragraph.strip(), html, links, true);
            html.append("</p>");
        }
        return html.toString();
    }
}
