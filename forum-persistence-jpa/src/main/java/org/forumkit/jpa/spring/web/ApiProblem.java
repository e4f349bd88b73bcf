package org.forumkit.jpa.spring.web;

import java.util.Locale;

/** A request the API refuses before the forum sees it: its status, error code and (localized) message. */
final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final ApiMessage text;
    private final transient Object[] args;

    ApiProblem(int status, String code, ApiMessage text, Object... args) {
        super(text.format(Locale.ENGLISH, args), null, false, false);
        this.status = status;
        this.code = code;
        this.text = text;
        this.args = args.clone();
    }

    static ApiProblem badRequest(ApiMessage text, Object... args) {
        return new ApiProblem(400, "BAD_REQUEST", text, args);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String message(Locale locale) {
        return text.format(locale, args);
    }
}
