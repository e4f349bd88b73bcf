/**
 * The implementation behind the service API: not API, left out of the javadoc, free to change in any release.
 * {@code ForumEngine} only wires; each service does one kind of work with explicit collaborators, and start-topic,
 * reply and edit share one {@code WritePipeline} (checks, transaction, permission, censoring, flood control,
 * rendering, store, credits, events).
 */
package org.forumkit.internal;
