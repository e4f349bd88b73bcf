package org.forumkit.examples.web;

/** The request itself is malformed (a bad id, cursor or choice): a 400 page with this message. */
final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
