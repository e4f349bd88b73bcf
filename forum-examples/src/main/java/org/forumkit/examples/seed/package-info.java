/**
 * Turns the Discuz! thread page this project was created from into forum data through the public API, and reports
 * what it could not map.
 */
package org.forumkit.examples.seed;
