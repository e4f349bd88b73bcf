package org.forumkit.examples.web;

/**
 * A moment on a page, rendered by the {@code stamp} partial as {@code <time datetime="iso">text</time>}: the text in
 * the reader's zone as the server knows it (the {@code tz} cookie, else GMT+8), which site.js rewrites in the
 * browser's own zone with the same pattern, so the first view of a page already shows the reader's time.
 *
 * @param iso  the instant, ISO-8601 in UTC
 * @param text the instant as {@code yyyy-M-d HH:mm} (the seed page's pattern)
 */
public record Stamp(String iso, String text) {
}
