package org.forumkit.jpa;

import org.forumkit.jpa.testing.TestServer;

/**
 * For tests outside this package (the Spring Boot hosts): the server's forum schema as every database test here sees
 * it, dropped and migrated from scratch once per JVM, so a schema left by an older build never fails validation.
 */
public final class MigratedSchema {
    private MigratedSchema() {
    }

    /** Migrates {@code server}'s test database once per JVM, then returns the server. */
    public static TestServer on(TestServer server) {
        (server == TestServer.POSTGRESQL ? TestDatabase.POSTGRESQL : TestDatabase.MARIADB).dataSource();
        return server;
    }
}
