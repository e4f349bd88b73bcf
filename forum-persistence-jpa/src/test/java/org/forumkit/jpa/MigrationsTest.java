package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The README's Flyway snippet installs the forum's tables next to a host's own, under a history table of their own;
 * the one shared script per version leaves every dialect difference to a placeholder each dialect has a value for.
 */
class MigrationsTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    // Spellings that differ between PostgreSQL, MariaDB and H2; a shared script writes them as placeholders.
    private static final Pattern DIALECT_SPELLING = Pattern.compile(
            "\\b(TEXT|MEDIUMTEXT|CHARACTER VARYING|CLOB|TIMESTAMP|DATETIME|IDENTITY|AUTO_INCREMENT|SERIAL"
                    + "|COLLATE|CHARSET|ENGINE)\\b", Pattern.CASE_INSENSITIVE);

    @Test
    void readmeSnippetMigratesASchemaThatAlreadyHoldsHostTables() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:host-app;DB_CLOSE_DELAY=-1");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:host-app;DB_CLOSE_DELAY=-1");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(100))");

            JpaForumStore.Migrations migrations = JpaForumStore.migrations("h2"); // or "postgresql", "mariadb"
            Flyway.configure().dataSource(dataSource)
                    .locations(migrations.locations().toArray(String[]::new))
                    .placeholders(migrations.placeholders())
                    .table("fk_schema_history").baselineOnMigrate(true).baselineVersion("0")
                    .load().migrate();

            try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND UPPER(TABLE_NAME) LIKE 'FK\\_%' ESCAPE '\\'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(21); // twenty forum tables and the history
            }
        }
        assertThatThrownBy(() -> JpaForumStore.migrations("oracle")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDialectHasAValueForEachPlaceholderTheScriptsUseAndNoOther() throws Exception {
        Set<String> used = new TreeSet<>();
        scripts().values().forEach(sql -> {
            Matcher m = PLACEHOLDER.matcher(sql);
            while (m.find()) {
                used.add(m.group(1));
            }
        });
        assertThat(used).contains("fk_text", "fk_timestamp");
        for (String dialect : List.of("postgresql", "mariadb", "h2")) {
            assertThat(new TreeSet<>(JpaForumStore.migrations(dialect).placeholders().keySet()))
                    .as(dialect).isEqualTo(used);
        }
    }

    @Test
    void sharedScriptsSpellDialectTypesAndOptionsOnlyThroughPlaceholders() throws Exception {
        // Every version V1..V15, V17 and V18 (16 is an unused number): the scripts were found, not one left out.
        assertThat(scripts()).containsKeys("V13__post_open_reporters.sql", "V14__search_key_arrays.sql",
                "V15__notification_count_on.sql", "V17__post_support_order.sql", "V18__board_counter_shards.sql")
                .hasSize(17);
        scripts().forEach((name, sql) -> {
            String code = PLACEHOLDER.matcher(sql.replaceAll("--[^\n]*", "")).replaceAll("");
            assertThat(DIALECT_SPELLING.matcher(code).results().map(MatchResult::group)).as(name).isEmpty();
        });
    }

    @Test
    void eachServerAddsItsOwnFolderOfRoutinesAtVersion19AndH2None() throws Exception {
        assertThat(JpaForumStore.migrations("h2").locations()).containsExactly("classpath:db/forumkit/common");
        for (String dialect : List.of("postgresql", "mariadb")) {
            List<String> locations = JpaForumStore.migrations(dialect).locations();
            assertThat(locations).containsExactly("classpath:db/forumkit/common", "classpath:db/forumkit/" + dialect);
            String folder = locations.get(1).substring("classpath:".length());
            try (Stream<Path> files = Files.list(Path.of(
                    MigrationsTest.class.getClassLoader().getResource(folder).toURI()))) {
                // no version of its own may take a number the shared folder has (Flyway would refuse both)
                assertThat(files.map(f -> f.getFileName().toString()).toList()).as(dialect)
                        .singleElement().asString().startsWith("V19__");
            }
        }
        assertThat(scripts().keySet()).noneMatch(name -> name.startsWith("V19__"));
    }

    /** The shared scripts by file name, read from the location {@code migrations} gives. */
    private static Map<String, String> scripts() throws IOException, URISyntaxException {
        String location = JpaForumStore.migrations("h2").locations().get(0).substring("classpath:".length());
        Map<String, String> scripts = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of(MigrationsTest.class.getClassLoader().getResource(location).toURI()))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                scripts.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return scripts;
    }
}
