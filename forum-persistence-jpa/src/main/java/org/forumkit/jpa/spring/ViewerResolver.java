package org.forumkit.jpa.spring;

import org.forumkit.model.Viewer;

/**
 * Who the current request is for, as a forum {@link Viewer}. With Spring Security on the class path the
 * auto-configuration provides {@link AuthenticationViewerResolver}; a host without it (or with its own idea of
 * identity) defines a bean of this type, and controller methods can take a {@code Viewer} parameter either way.
 */
@FunctionalInterface
public interface ViewerResolver {
    /** The viewer of the current thread's request; {@link Viewer#anonymous()} when nobody is signed in. */
    Viewer currentViewer();
}
