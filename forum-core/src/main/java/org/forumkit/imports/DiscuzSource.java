package org.forumkit.imports;

import java.io.IOException;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.forumkit.model.BoardKind;
import org.forumkit.spi.store.ImportKey.Kind;

/**
 * A Discuz! X3.x database over JDBC (a MySQL/MariaDB copy of the site's database; the driver is the host's):
 * boards from {@code forum_forum}/{@code forum_forumfield} with their topic types from {@code forum_threadclass},
 * threads with their views, posts from {@code forum_post} and every {@code forum_post_N} table on their floors,
 * 支持/反对 from {@code forum_hotreply_member}. Boards a guest may not see (a password, a view permission without
 * the guest group, a hidden board) are left out with their threads, and reported. Threads are read by pages of
 * their ids, so no result stays open while the forum writes. Nothing about members but their id and name is read.
 */
public final class DiscuzSource implements ImportSource {
    /** Discuz!'s default table prefix. */
    public static final String DEFAULT_PREFIX = "pre_";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]{0,32}");
    private static final int PAGE = 200;
    /** Discuz!'s guest user group: a board whose view permission lists it is public. */
    private static final String GUESTS = "7";

    private final Connector connector;
    private final String prefix;
    private final Charset charset;

    /** Opens the source database's connection; the source closes it when it has read everything. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    private DiscuzSource(Connector connector, String prefix, Charset charset) {
        this.connector = Objects.requireNonNull(connector, "connector");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a table prefix is letters, digits and _ only, was '" + prefix + "'");
        }
        this.prefix = prefix;
        this.charset = charset;
    }

    /** The database at {@code jdbcUrl}, prefix {@code pre_}, text as the database declares it. */
    public static DiscuzSource of(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return new DiscuzSource(() -> DriverManager.getConnection(jdbcUrl, user, password), DEFAULT_PREFIX, null);
    }

    public static DiscuzSource of(Connector connector) {
        return new DiscuzSource(connector, DEFAULT_PREFIX, null);
    }

    /** The same source with table prefix {@code value} (e.g. {@code cdb_}). */
    public DiscuzSource prefix(String value) {
        return new DiscuzSource(connector, Objects.requireNonNull(value, "prefix"), charset);
    }

    /**
     * The same source reading every text column as bytes in the site's charset {@code name} ({@code gbk},
     * {@code utf8}, {@code big5}; {@code null}: as the database declares the columns).
     */
    public DiscuzSource charset(String name) {
        if (name == null) {
            return new DiscuzSource(connector, prefix, null);
        }
        String java = switch (name.toLowerCase(Locale.ROOT)) {
            case "utf8", "utf8mb4", "utf-8" -> "UTF-8";
            case "gbk", "gb2312" -> "GBK";
            case "gb18030" -> "GB18030";
            case "big5" -> "Big5";
            default -> throw new IllegalArgumentException("unknown charset '" + name + "': gbk, utf8 or big5");
        };
        return new DiscuzSource(connector, prefix, Charset.forName(java));
    }

    @Override
    public String system() {
        return "discuz";
    }

    @Override
    public void read(ImportSink sink) throws IOException {
        try (Connection c = connector.open()) {
            c.setReadOnly(true);
            DiscuzTables tables = DiscuzTables.check(c, prefix, charset);
            Map<String, List<String>> types = new HashMap<>();
            Map<Integer, String> typeNames = typeNames(c, tables, types);
            Set<String> boards = boards(c, tables, types, sink);
            sink.expect(count(c, tables, boards));
            DiscuzPosts posts = new DiscuzPosts(c, tables, sink);
            long after = -1;
            List<Object[]> page;
            do {
                page = threads(c, tables, after, sink);
                for (Object[] row : page) {
                    after = (Long) row[0];
                    if (row[1] != null) {
                        thread(row, boards, typeNames, posts, sink);
                    }
                }
            } while (page.size() == PAGE);
        } catch (SQLException e) {
            throw new IOException("reading the Discuz! database failed: " + e.getMessage(), e);
        }
    }

    private static Map<Integer, String> typeNames(Connection c, DiscuzTables tables, Map<String, List<String>> types)
            throws SQLException {
        Map<Integer, String> names = new HashMap<>();
        if (!tables.has("forum_threadclass")) {
            return names;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT t.typeid, t.fid, " + tables.text("t", "name")
                + " FROM " + tables.name("forum_threadclass") + " t ORDER BY t.fid, t.displayorder, t.typeid");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String name;
                try {
                    name = label(tables.read(rs, "name", "topic type " + rs.getInt("typeid")));
                } catch (DiscuzTables.BadText e) {
                    continue;
                }
                if (!name.isEmpty()) {
                    names.put(rs.getInt("typeid"), name);
                    List<String> list = types.computeIfAbsent(String.valueOf(rs.getLong("fid")), k -> new ArrayList<>());
                    if (!list.contains(name)) {
                        list.add(name);
                    }
                }
            }
        }
        return names;
    }

    /** Hands the public boards to the sink, parents first; returns their ids. */
    private static Set<String> boards(Connection c, DiscuzTables tables, Map<String, List<String>> types,
            ImportSink sink) throws SQLException {
        Set<String> kept = new HashSet<>();
        Map<String, String> leftOut = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT f.fid, f.fup, f.type, f.status, f.displayorder, "
                + tables.text("f", "name") + ", " + tables.text("ff", "description") + ", "
                + tables.text("ff", "password") + ", " + tables.text("ff", "viewperm") + " FROM "
                + tables.name("forum_forum") + " f LEFT JOIN " + tables.name("forum_forumfield")
                + " ff ON ff.fid = f.fid ORDER BY CASE f.type WHEN 'group' THEN 0 WHEN 'forum' THEN 1 ELSE 2 END,"
                + " f.displayorder, f.fid");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String fid = String.valueOf(rs.getLong("fid"));
                String fup = rs.getLong("fup") == 0 ? null : String.valueOf(rs.getLong("fup"));
                String record = "board fid " + fid;
                String name;
                String description;
                String password;
                String viewperm;
                try {
                    name = label(tables.read(rs, "name", record));
                    description = label(tables.read(rs, "description", record));
                    password = tables.read(rs, "password", record);
                    viewperm = tables.read(rs, "viewperm", record);
                } catch (DiscuzTables.BadText e) {
                    sink.skipped(Kind.BOARD, fid, "bad_charset", e.getMessage());
                    leftOut.put(fid, "its name cannot be read");
                    continue;
                }
                String why = null;
                if (fup != null && leftOut.containsKey(fup)) {
                    why = "parent board " + fup + " is left out";
                } else if (!password.isBlank()) {
                    why = "it has a password";
                } else if (rs.getInt("status") == 0) {
                    why = "it is hidden (status 0)";
                } else if (rs.getInt("status") == 3) {
                    why = "it is a group (群组) board";
                } else if (!viewperm.isBlank() && !List.of(viewperm.strip().split("\\s+")).contains(GUESTS)) {
                    why = "only some user groups may view it (viewperm " + viewperm.strip().replaceAll("\\s+", ",")
                            + ")";
                }
                if (why != null) {
                    leftOut.put(fid, why);
                    sink.skipped(Kind.BOARD, fid, "restricted_board", "board fid " + fid + " '" + name + "' is left "
                            + "out with its threads: " + why);
                    continue;
                }
                BoardKind kind = "group".equals(rs.getString("type")) ? BoardKind.CATEGORY : BoardKind.BOARD;
                sink.board(new ImportBoard(fid, fup, kind, "discuz-" + fid, name.isEmpty() ? "fid " + fid : name,
                        description, rs.getInt("displayorder"), types.getOrDefault(fid, List.of())));
                kept.add(fid);
            }
        }
        return kept;
    }

    private static long count(Connection c, DiscuzTables tables, Set<String> boards) throws SQLException {
        if (boards.isEmpty()) {
            return 0;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + tables.name("forum_thread")
                + " WHERE fid IN (" + String.join(",", boards) + ") AND displayorder >= -4");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The next page of threads after tid {@code after}: {tid, fid, posttableid, typeid, subject, views, displayorder,
     * closed, dateline}; a thread whose subject cannot be read has a {@code null} fid (it is reported).
     */
    private static List<Object[]> threads(Connection c, DiscuzTables tables, long after, ImportSink sink)
            throws SQLException {
        boolean addViews = tables.has("forum_threadaddviews");
        List<Object[]> page = new ArrayList<>(PAGE);
        try (PreparedStatement s = c.prepareStatement("SELECT t.tid, t.fid, t.posttableid, t.typeid, "
                + tables.text("t", "subject") + ", t.views" + (addViews ? " + COALESCE(a.addviews, 0)" : "")
                + " AS views, t.displayorder, t.closed, t.dateline FROM " + tables.name("forum_thread") + " t"
                + (addViews ? " LEFT JOIN " + tables.name("forum_threadaddviews") + " a ON a.tid = t.tid" : "")
                + " WHERE t.tid > ? ORDER BY t.tid LIMIT " + PAGE)) {
            s.setLong(1, after);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long tid = rs.getLong("tid");
                    String subject;
                    try {
                        subject = DiscuzPosts.unescape(tables.read(rs, "subject", "thread tid " + tid));
                    } catch (DiscuzTables.BadText e) {
                        sink.skipped(Kind.TOPIC, String.valueOf(tid), "bad_charset", e.getMessage());
                        page.add(new Object[] {tid, null});
                        continue;
                    }
                    page.add(new Object[] {tid, String.valueOf(rs.getLong("fid")), rs.getInt("posttableid"),
                        rs.getInt("typeid"), subject, rs.getLong("views"), rs.getInt("displayorder"),
                        rs.getLong("closed"), rs.getLong("dateline")});
                }
            }
        }
        return page;
    }

    private static void thread(Object[] row, Set<String> boards, Map<Integer, String> typeNames, DiscuzPosts posts,
            ImportSink sink) throws SQLException {
        String tid = String.valueOf(row[0]);
        String fid = (String) row[1];
        int displayorder = (Integer) row[6];
        long closed = (Long) row[7];
        if (!boards.contains(fid)) {
            sink.skipped(Kind.TOPIC, tid, "no_board", "thread tid " + tid + " is in board fid " + fid
                    + ", which is not imported");
            return;
        }
        if (displayorder == -1) {
            sink.skipped(Kind.TOPIC, tid, "recycled", "thread tid " + tid + " is in the recycle bin");
            return;
        }
        if (displayorder < -4) {
            sink.skipped(Kind.TOPIC, tid, "unknown_state", "thread tid " + tid + " has displayorder " + displayorder);
            return;
        }
        if (closed > 1) {
            sink.skipped(Kind.TOPIC, tid, "moved", "thread tid " + tid + " only points to the moved thread " + closed);
            return;
        }
        String table = posts.table((Integer) row[2]);
        if (table == null) {
            sink.skipped(Kind.TOPIC, tid, "missing_post_table", "thread tid " + tid + " has its posts in table "
                    + "forum_post_" + row[2] + ", which the database does not have");
            return;
        }
        List<ImportPost> list = posts.read(table, (Long) row[0], (Long) row[8], displayorder < 0);
        sink.thread(new ImportThread(tid, fid, null, (String) row[4], typeNames.get((Integer) row[3]),
                Math.max(0, (Long) row[5]), Math.max(0, Math.min(displayorder, 3)), closed == 1, list));
    }

    /** A board or type name as text: Discuz! allows HTML in them (a colour, a bold tag). */
    private static String label(String html) {
        return DiscuzPosts.unescape(html.replaceAll("<[^>]*>", "")).strip();
    }
}
