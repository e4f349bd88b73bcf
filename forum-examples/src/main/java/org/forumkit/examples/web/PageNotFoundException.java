package org.forumkit.examples.web;

/** No page, article or file of the site has this name: a 404 page. */
final class PageNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PageNotFoundException(String what) {
        super(what + " not found");
    }
}
