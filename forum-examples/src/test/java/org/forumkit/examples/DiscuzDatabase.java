package org.forumkit.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.forumkit.imports.DiscuzSource;
import org.forumkit.jpa.testing.TestServer;

/**
 * A Discuz! X3.4 source database on the tests' MariaDB server: {@code discuz_src_<name>}, created afresh through the
 * administrative login from {@code discuz/x3-schema.sql} and fixture files, with the tables' prefix and the
 * database's default charset as asked; the tests' user may read it.
 */
final class DiscuzDatabase {
    private final String url;
    private final TestServer server;

    private DiscuzDatabase(String url, TestServer server) {
        this.url = url;
        this.server = server;
    }

    /** Creates {@code discuz_src_<name>} (dropping an old one) and runs the schema, then each fixture resource. */
    static DiscuzDatabase create(String name, String charset, String prefix, String... fixtures) {
        TestServer server = TestServer.MARIADB.require();
        String database = "discuz_src_" + name;
        try (Connection admin = server.connectAsAdmin(); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
            s.execute("CREATE DATABASE `" + database + "` CHARACTER SET " + charset);
            for (String host : new String[] {"%", "localhost"}) {
                s.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + server.user() + "'@'" + host + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + database + ": " + e.getMessage(), e);
        }
        DiscuzDatabase db = new DiscuzDatabase(server.url().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"),
                server);
        db.run("/discuz/x3-schema.sql", prefix);
        for (String fixture : fixtures) {
            db.run("/discuz/" + fixture, prefix);
        }
        return db;
    }

    String url() {
        return url;
    }

    DiscuzSource source() {
        return DiscuzSource.of(url, server.user(), server.password());
    }

    /** Runs the statements of a resource, {@code pre_} replaced by {@code prefix}. */
    void run(String resource, String prefix) {
        String sql;
        try (InputStream in = DiscuzDatabase.class.getResourceAsStream(resource)) {
            sql = new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        execute(sql.replaceAll("--[^\n]*\n", "\n").replace("pre_", prefix).split(";\\s*\n"));
    }

    void execute(String... statements) {
        try (Connection c = server.connectAsAdmin(); Statement s = c.createStatement()) {
            s.execute("USE `" + url.replaceFirst(".*/([^/?]+).*", "$1") + "`");
            for (String statement : statements) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fixture statement failed: " + e.getMessage(), e);
        }
    }
}
