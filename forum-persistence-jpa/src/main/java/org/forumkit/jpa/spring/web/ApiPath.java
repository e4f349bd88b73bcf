package org.forumkit.jpa.spring.web;

import jakarta.servlet.http.HttpServletRequest;

/** Whether a request is for the API: its path (within the servlet context) is the base path or below it. */
record ApiPath(String base) {

    boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(base) || path.startsWith(base + "/");
    }

    /** The request's path for messages, without the context path and the query. */
    static String of(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
