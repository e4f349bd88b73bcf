/**
 * The entry point and the service API a host calls: {@link org.forumkit.Forum} (built with
 * {@code Forum.builder().store(…).build()}) hands out one service per kind of work ({@code boards()},
 * {@code topics()}, {@code posts()}, {@code votes()}, moderation, credits, …), each taking the host's signed-in
 * {@link org.forumkit.model.Viewer}. Every failure is a subclass of the abstract
 * {@link org.forumkit.ForumException}: not found, permission denied (with a reason code), validation (with field
 * violations), a conflict that says whether a retry may succeed, and rate limiting (with the time to wait).
 */
package org.forumkit;
