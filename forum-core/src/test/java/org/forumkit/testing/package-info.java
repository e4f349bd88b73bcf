/**
 * Test helpers the other modules reuse through forum-core's test-jar: the check that every test class matches a
 * Surefire or Failsafe pattern ({@code TestClassNames}) and the README snippet checker ({@code ReadmeSnippets}).
 * They serve Forumkit's own build, not storage plugins.
 */
package org.forumkit.testing;
