package org.forumkit.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.forumkit.spi.store.ForumStore;

/** The store the demo runs on, with the SQL statement counter for the footer. */
record DemoStore(ForumStore store, QueryCounter queries, AutoCloseable resources) implements AutoCloseable {

    /** The JDBC URL given, or an embedded H2 database in a file under the data directory. */
    static DemoStore open(DemoConfig config) throws java.io.IOException {
        String url = config.jdbcUrl();
        String user = config.jdbcUser();
        String password = config.jdbcPassword();
        if (url == null) {
            Path dir = Files.createDirectories(config.dataDir()).toAbsolutePath();
            url = "jdbc:h2:file:" + dir.resolve("forumkit") + ";DB_CLOSE_ON_EXIT=FALSE";
            user = user == null ? "sa" : user;
            password = password == null ? "" : password;
        }
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
