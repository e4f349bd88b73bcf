package org.forumkit.examples.web;

import java.util.Map;

/**
 * What every page's frame shows (header, language link, sign-in state, CSRF token, footer), the outer context of
 * each template: {@code {{#layout}}{{> header}}{{#page}}…{{/page}}{{> footer}}{{/layout}}}.
 *
 * @param t         the UI texts of the page's language
 * @param here      the page's path and query, URL-encoded for a {@code next=} parameter
 * @param herePath  the page's path and query as they are, for a form's {@code next} field
 * @param user      who is signed in, or {@code null}
 * @param zone      the reader's zone for the footer, {@code GMT+8} (site.js puts the browser's in its place)
 * @param now       the time the page was made, for the footer
 * @param feed      the path of the page's Atom feed, or {@code null}
 */
public record Layout(Map<String, String> t, String lang, String otherLang, String title, String csrf, String here,
        String herePath, SignedIn user, String zone, Stamp now, Footer footer, String feed) {

    /** The signed-in user of the header; {@code unread} is the inbox badge ({@code 3}, {@code 99+}), or null. */
    public record SignedIn(String id, String displayName, String unread) {
    }
}
