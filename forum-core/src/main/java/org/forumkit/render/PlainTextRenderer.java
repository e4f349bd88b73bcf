package org.forumkit.render;

import org.forumkit.model.ContentFormat;
import org.forumkit.spi.ContentRenderer;

/** PLAIN: the text escaped, blank lines separating paragraphs and single line breaks kept. */
public final class PlainTextRenderer implements ContentRenderer {

    @Override
    public ContentFormat format() {
        return ContentFormat.PLAIN;
    }

    @Override
    public String version() {
        return "plain/1";
    }

    @Override
    public String render(String source) {
        StringBuilder html = new StringBuilder(source.length() + 16);
        for (String paragraph : source.strip().split("\n\\s*\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            html.append("<p>");
            String[] lines = paragraph.strip().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    html.append("<br>");
                }
                Html.escape(lines[i], html);
            }
            html.append("</p>");
        }
        return html.toString();
    }
}
