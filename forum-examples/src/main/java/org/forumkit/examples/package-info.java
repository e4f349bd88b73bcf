/**
 * The demo host: an "existing site" that embeds Forumkit, started by {@code DemoApp} on an embedded H2 file or a
 * PostgreSQL/MariaDB URL, seeded from the Discuz! seed page on first start.
 */
package org.forumkit.examples;
