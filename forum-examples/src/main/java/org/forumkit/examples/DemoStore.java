package org.forumkit.examples;

import org.forumkit.spi.store.ForumStore;

/** The store the import command runs on (the demo's database, without the web site), with its SQL counter. */
record DemoStore(ForumStore store, QueryCounter queries, AutoCloseable resources) implements AutoCloseable {

    /** The JDBC URL given, or the embedded H2 database in a file under the data directory. */
    static DemoStore open(DemoConfig config) throws java.io.IOException {
        String url = DemoApp.jdbcUrl(config);
        String user = config.jdbcUrl() == null && config.jdbcUser() == null ? "sa" : config.jdbcUser();
        String password = config.jdbcUrl() == null && config.jdbcPassword() == null ? "" : config.jdbcPassword();
        Database database = Database.open(url, user, password, 16);
        return new DemoStore(database.store(), SqlCounter.INSTANCE, database);
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the store failed", e);
        }
    }
}
