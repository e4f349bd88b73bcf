package org.forumkit.render;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.forumkit.model.Quote;
import org.forumkit.model.QuoteStatus;

/**
 * Renders a quote snapshot as a block for the page: attribution (author, time) linking to the source floor's
 * permalink, the excerpt as escaped plain text with its line breaks, and a marker when the source was edited or
 * deleted since. The author name and excerpt are always treated as text, never as HTML.
 */
public final class QuoteBlocks {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-M-d HH:mm"); // as the seed page
    /** Permalinks come from the host, so relative ones ({@code /t/12#floor-3}) are fine. */
    private static final Links PERMALINKS = new Links(RenderOptions.defaults().withRelativeLinks(true));

    private QuoteBlocks() {
    }

    /** The block with times in UTC; see {@link #render(Quote, QuoteStatus, Function, Locale, ZoneId)}. */
    public static String render(Quote quote, QuoteStatus status, Function<Quote, String> permalink, Locale locale) {
        return render(quote, status, permalink, locale, ZoneOffset.UTC);
    }

    /**
     * The quote as a {@code <blockquote class="fk-quote">}; texts in Chinese for {@code zh} locales, else English.
     *
     * @param status    from {@code page.quoteSources()} ({@link org.forumkit.model.SourceState#statusOf(Quote)})
     * @param permalink the URL of the source floor ({@code http(s)}, {@code mailto} or relative); a link that is
     *                  not allowed leaves the attribution unlinked
     */
    public static String render(Quote quote, QuoteStatus status, Function<Quote, String> permalink, Locale locale,
            ZoneId zone) {
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(permalink, "permalink");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(zone, "zone");
        boolean zh = locale.getLanguage().equals("zh");
        StringBuilder html = new StringBuilder(quote.excerpt().length() + 256);
        html.append("<blockquote class=\"fk-quote\"><div class=\"fk-quote-meta\">");
        String link = permalink.apply(quote);
        Optional<String> href = link == null ? Optional.empty() : PERMALINKS.href(link);
        href.ifPresent(url -> {
            html.append("<a class=\"fk-quote-source\" href=\"");
            Html.escape(url, html);
            html.append('"');
            if (Links.isExternal(url)) {
                html.append(" rel=\"").append(Links.REL).append('"');
            }
            html.append('>');
        });
        html.append("<cite class=\"fk-quote-author\">");
        Html.escape(Autolink.withoutBidiControls(quote.sourceAuthor().displayName()), html);
        html.append("</cite>").append(zh ? " 发表于 " : " posted at ").append("<time datetime=\"")
                .append(quote.sourcePostedAt()).append("\">")
                .append(TIME.format(quote.sourcePostedAt().atZone(zone))).append("</time>")
                .append(zh ? "（" + quote.sourceFloor() + "楼）" : " (#" + quote.sourceFloor() + ")");
        href.ifPresent(url -> html.append("</a>"));
        switch (status) {
            case SOURCE_EDITED -> html.append(" <span class=\"fk-quote-edited\">")
                    .append(zh ? "原帖已编辑" : "the original post was edited since").append("</span>");
            case SOURCE_GONE -> html.append(" <span class=\"fk-quote-deleted\">")
                    .append(zh ? "原帖已删除" : "the original post was deleted").append("</span>");
            case UNCHANGED -> {
            }
        }
        html.append("</div><div class=\"fk-quote-body\">");
        Autolink.text(Autolink.withoutBidiControls(quote.excerpt()).replace("\r\n", "\n").replace('\r', '\n').strip(), html, PERMALINKS, false);
        if (quote.truncated()) {
            html.append('…');
        }
        html.append("</div></blockquote>");
        return SafeHtml.clean(html.toString(), true);
    }
}
