package org.forumkit.imports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The tables of a Discuz! X3 database: which exist under the prefix (with a clear refusal, before anything is
 * read, when the ones needed are missing or the prefix is another), and how their text columns are read: as the
 * database declares them, or, with a charset named, as raw bytes decoded in it (old GBK sites often stored their
 * GBK bytes in latin1 tables).
 */
final class DiscuzTables {
    static final Set<String> REQUIRED = Set.of("forum_forum", "forum_forumfield", "forum_thread", "forum_post");
    private static final Pattern POST_TABLE = Pattern.compile("forum_post_\\d+");

    private final String prefix;
    private final Charset charset;
    private final Set<String> tables;

    private DiscuzTables(String prefix, Charset charset, Set<String> tables) {
        this.prefix = prefix;
        this.charset = charset;
        this.tables = tables;
    }

    /** Reads the table list and checks it; a missing table, another prefix or an unnamed latin1 charset throw. */
    static DiscuzTables check(Connection c, String prefix, Charset charset) throws SQLException, IOException {
        Set<String> all = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        Set<String> ours = new TreeSet<>();
        for (String table : all) {
            if (table.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
                ours.add(table.substring(prefix.length()).toLowerCase(Locale.ROOT));
            }
        }
        Set<String> missing = new TreeSet<>(REQUIRED);
        missing.removeAll(ours);
        if (!missing.isEmpty()) {
            Set<String> prefixes = new TreeSet<>();
            for (String table : all) {
                if (table.toLowerCase(Locale.ROOT).endsWith("forum_post") && !table.equalsIgnoreCase(prefix + "forum_post")) {
                    prefixes.add(table.substring(0, table.length() - "forum_post".length()));
                }
            }
            throw new IOException("the database " + database(c) + " has no table " + String.join(", ",
                    missing.stream().map(t -> prefix + t).toList()) + (prefixes.isEmpty()
                    ? ": it is not a Discuz! X3 database, or a part of it is missing"
                    : "; it has Discuz! tables with the prefix " + String.join(", ", prefixes)
                            + ": give that prefix (--prefix)"));
        }
        if (charset == null) {
            try (PreparedStatement s = c.prepareStatement("SELECT character_set_name FROM information_schema.columns"
                    + " WHERE table_schema = DATABASE() AND table_name = ? AND column_name = 'message'")) {
                s.setString(1, prefix + "forum_post");
                try (ResultSet rs = s.executeQuery()) {
                    String declared = rs.next() ? rs.getString(1) : null;
                    if (declared != null && declared.toLowerCase(Locale.ROOT).startsWith("latin1")) {
                        throw new IOException("table " + prefix + "forum_post stores its text as latin1: Discuz! sites"
                                + " keep their own bytes (GBK, UTF-8, Big5) in such tables, so name the site's charset"
                                + " (--charset gbk, --charset utf8)");
                    }
                }
            }
        }
        return new DiscuzTables(prefix, charset, ours);
    }

    private static String database(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT DATABASE()"); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : "?";
        }
    }

    boolean has(String table) {
        return tables.contains(table);
    }

    /** The full name of {@code table} (without prefix); {@code forum_post_N} must exist. */
    String name(String table) {
        return prefix + table;
    }

    /** The post table a thread's {@code posttableid} names, or {@code null} when there is none. */
    String postTable(int posttableid) {
        String table = posttableid == 0 ? "forum_post" : "forum_post_" + posttableid;
        return tables.contains(table) ? prefix + table : null;
    }

    /** How many {@code forum_post_N} tables there are besides {@code forum_post}. */
    long extraPostTables() {
        return tables.stream().filter(t -> POST_TABLE.matcher(t).matches()).count();
    }

    /** The select expression for text column {@code column} (of alias {@code alias}). */
    String text(String alias, String column) {
        String ref = alias + ".`" + column + "`";
        return (charset == null ? ref : "CAST(" + ref + " AS BINARY)") + " AS `" + column + "`";
    }

    /** Reads a text column; bytes that are not valid in the named charset throw, naming {@code record}. */
    String read(ResultSet rs, String column, String record) throws SQLException, BadText {
        if (charset == null) {
            String value = rs.getString(column);
            return value == null ? "" : value;
        }
        byte[] bytes = rs.getBytes(column);
        if (bytes == null) {
            return "";
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadText(record + ": " + column + " is not valid " + charset.name()
                    + " (is the site's charset another one?)");
        }
    }

    /** A text column whose bytes are not valid in the charset named. */
    static final class BadText extends Exception {
        private static final long serialVersionUID = 1L;

        BadText(String message) {
            super(message, null, false, false);
        }
    }
}
