package org.forumkit.jpa.spring;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a column's declared size, to tell the migrations' column types from the ones Hibernate would make. */
final class ForumColumns {
    /** What Hibernate's schema tooling declares for the forum's long text columns ({@code varchar(1000000)}). */
    static final int HIBERNATE_TEXT_SIZE = 1_000_000;

    private ForumColumns() {
    }

    /** The size of {@code table.column} as the database reports it (names in any case). */
    static int size(Connection c, String table, String column) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String t : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
            for (String col : new String[] {column, column.toUpperCase(java.util.Locale.ROOT)}) {
                try (ResultSet rs = meta.getColumns(c.getCatalog(), null, t, col)) {
                    if (rs.next()) {
                        return rs.getInt("COLUMN_SIZE");
                    }
                }
            }
        }
        throw new IllegalStateException("no column " + table + "." + column);
    }
}
