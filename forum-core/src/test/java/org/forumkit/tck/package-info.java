/**
 * The storage contract kit, shipped as forum-core's test-jar: extend
 * {@link org.forumkit.tck.ForumStoreContract}, return a fresh, empty store from {@code newStore()}, and every test
 * must pass unchanged; {@link org.forumkit.tck.ForumFixtures} builds the data a test needs.
 */
package org.forumkit.tck;
