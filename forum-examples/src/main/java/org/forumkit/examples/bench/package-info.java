/**
 * The benchmark harness ({@code BenchMain}): topic pages, hot topics and posts with two app nodes against a
 * plain-JDBC ceiling measured in the same run, listings, views, rendering and memory, with the invariants checked
 * after every load. Results and their discussion are in {@code forum-examples/BENCHMARKS.md}.
 */
package org.forumkit.examples.bench;
