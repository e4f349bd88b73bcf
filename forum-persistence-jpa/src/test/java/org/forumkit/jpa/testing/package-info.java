/**
 * The database servers of the tests ({@link org.forumkit.jpa.testing.TestServer}), provisioned on first use and
 * shared with forum-examples' tests through this module's test-jar.
 */
package org.forumkit.jpa.testing;
