/**
 * The events a forum publishes to {@link org.forumkit.spi.ForumEventListener}s after a write has committed (never for
 * a write that rolled back): topics started, posts created, quoted, edited, deleted, restored, approved, rejected and
 * reported, votes changed and reports resolved, the sealed {@link org.forumkit.event.ForumEvent} family.
 */
package org.forumkit.event;
