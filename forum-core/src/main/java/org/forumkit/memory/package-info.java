/**
 * {@link org.forumkit.memory.InMemoryForumStore}: the reference store, kept in maps under one lock with an undo log,
 * for tests, quick starts and small single-node hosts. It passes the same contract kit as every other store.
 */
package org.forumkit.memory;
