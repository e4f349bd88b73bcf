package org.forumkit.jpa.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;

/**
 * Whether a request is for the API: its path (within the servlet context) is the base path or below it. The base
 * is the path as requests carry it: {@code forumkit.api.base-path} under the dispatcher servlet's path when the host
 * sets {@code spring.mvc.servlet.path} (the API's controllers are mapped relative to the dispatcher servlet).
 */
record ApiPath(String base) {

    /** {@code path} (e.g. {@code /api}) under the dispatcher servlet's path, if the context has one. */
    static String underServlet(ObjectProvider<DispatcherServletPath> servlet, String path) {
        DispatcherServletPath dispatcher = servlet.getIfAvailable();
        return dispatcher == null ? path : dispatcher.getPrefix() + path;
    }

    boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(base) || path.startsWith(base + "/");
    }

    /** The request's path for messages, without the context path and the query. */
    static String of(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
