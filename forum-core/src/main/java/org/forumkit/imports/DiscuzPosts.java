package org.forumkit.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.PostState;
import org.forumkit.model.VoteKind;
import org.forumkit.render.HtmlToBbCode;
import org.forumkit.spi.store.ImportKey.Kind;

/**
 * The posts of one Discuz! thread, read from its post table: {@code first} on floor 1, {@code position} as the
 * floor, {@code invisible} as the state, 匿名 and 游客 authors as guests (an anonymous post never carries its
 * author's id), BBCode kept as BBCODE through {@link DiscuzBbCode}, 支持/反对 rows as votes.
 */
final class DiscuzPosts {
    /** The name an anonymous post shows in Discuz!. */
    static final String ANONYMOUS = "匿名";
    /** The name a guest's post shows when it has none. */
    static final String GUEST = "游客";

    private final Connection c;
    private final DiscuzTables tables;
    private final ImportSink sink;
    private final boolean votes;

    DiscuzPosts(Connection c, DiscuzTables tables, ImportSink sink) {
        this.c = c;
        this.tables = tables;
        this.sink = sink;
        this.votes = tables.has("forum_hotreply_member");
    }

    String table(int posttableid) {
        return tables.postTable(posttableid);
    }

    /** The thread's posts; {@code held}: the thread waits for moderation (or is a draft), so its first post does. */
    List<ImportPost> read(String table, long tid, long threadDate, boolean held) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT p.pid, p.`first`, p.authorid, p.dateline, p.invisible,"
                + " p.anonymous, p.htmlon, p.bbcodeoff, p.smileyoff, p.position, " + tables.text("p", "author") + ", "
                + tables.text("p", "message") + " FROM " + table + " p WHERE p.tid = ? ORDER BY p.position, p.pid")) {
            s.setLong(1, tid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String pid = String.valueOf(rs.getLong("pid"));
                    String record = "post pid " + pid + " of thread tid " + tid;
                    try {
                        rows.add(new Row(pid, rs.getInt("first") == 1, rs.getLong("authorid"), rs.getLong("dateline"),
                                rs.getInt("invisible"), rs.getInt("anonymous") == 1, rs.getInt("htmlon") == 1,
                                rs.getInt("bbcodeoff") == 1, rs.getInt("smileyoff") == 1, rs.getLong("position"),
                                tables.read(rs, "author", record), tables.read(rs, "message", record)));
                    } catch (DiscuzTables.BadText e) {
                        sink.skipped(Kind.POST, pid, "bad_charset", e.getMessage());
                    }
                }
            }
        }
        Map<String, List<ImportVote>> votesByPid = votes(tid);
        Set<String> pids = new LinkedHashSet<>();
        rows.forEach(r -> pids.add(r.pid));
        Map<Long, String> floors = new HashMap<>();
        List<ImportPost> posts = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Integer floor = row.first ? Integer.valueOf(1) : row.position > 0 ? Integer.valueOf((int) row.position) : null;
            if (floor != null) {
                String holder = floors.putIfAbsent((long) floor, row.pid);
                if (holder != null) {
                    sink.skipped(Kind.POST, row.pid, "position_taken", "post pid " + row.pid + " of thread tid " + tid
                            + " has position " + row.position + (row.first ? " (first post)" : "")
                            + ", the floor of post pid " + holder + ": left out");
                    continue;
                }
            }
            if (row.first && row.position != 1 && row.position != 0) {
                sink.noted(Kind.POST, row.pid, "first_not_position_1", "first post pid " + row.pid + " of thread tid "
                        + tid + " has position " + row.position + ": imported on floor 1");
            }
            posts.add(post(row, tid, threadDate, held, pids, votesByPid.getOrDefault(row.pid, List.of())));
        }
        return posts;
    }

    private ImportPost post(Row row, long tid, long threadDate, boolean held, Set<String> pids, List<ImportVote> votes) {
        ImportAuthor author = row.anonymous ? new ImportAuthor(null, ANONYMOUS)
                : row.authorid == 0 ? new ImportAuthor(null, row.author.isBlank() ? GUEST : row.author)
                : new ImportAuthor(String.valueOf(row.authorid), row.author);
        long seconds = row.dateline > 0 ? row.dateline : threadDate;
        if (row.dateline <= 0) {
            sink.noted(Kind.POST, row.pid, "date_guessed", "post pid " + row.pid + " has no dateline: the thread's is used");
        }
        PostState state = state(row, tid);
        if (held && row.first && state == PostState.VISIBLE) {
            state = PostState.PENDING;
        }
        String body;
        ContentFormat format;
        List<String> quoted = List.of();
        Map<String, String> excerpts = Map.of();
        if (row.bbcodeoff && !row.htmlon) {
            body = row.message;
            format = ContentFormat.PLAIN;
        } else {
            String bbcode = row.htmlon ? HtmlToBbCode.convert(row.message) : row.message;
            Set<String> others = new LinkedHashSet<>(pids);
            others.remove(row.pid);
            DiscuzBbCode.Converted converted = DiscuzBbCode.convert(bbcode, others, !row.smileyoff);
            body = converted.body();
            format = ContentFormat.BBCODE;
            quoted = converted.quoted();
            excerpts = converted.excerpts();
            if (converted.hidden() > 0) {
                sink.noted(Kind.POST, row.pid, "hidden_content", "post pid " + row.pid + ": " + converted.hidden()
                        + " [hide] block(s) replaced by a notice, not made public");
            }
            if (converted.attachments() > 0) {
                sink.noted(Kind.POST, row.pid, "attachment_not_imported", "post pid " + row.pid + ": "
                        + converted.attachments() + " attachment(s) named only");
            }
        }
        return new ImportPost(row.pid, row.first ? 1 : row.position > 0 ? (int) row.position : null, null, quoted,
                author, Instant.ofEpochSecond(seconds), body, format, state, votes, excerpts);
    }

    /** 0 visible; -2 awaiting moderation, -3 ignored by a moderator: pending; -1, -5 recycle bin: deleted. */
    private PostState state(Row row, long tid) {
        return switch (row.invisible) {
            case 0 -> PostState.VISIBLE;
            case -2, -3 -> PostState.PENDING;
            case -1, -5 -> PostState.DELETED;
            default -> {
                sink.noted(Kind.POST, row.pid, "unknown_state", "post pid " + row.pid + " of thread tid " + tid
                        + " has invisible " + row.invisible + ": imported pending moderation");
                yield PostState.PENDING;
            }
        };
    }

    private Map<String, List<ImportVote>> votes(long tid) throws SQLException {
        Map<String, List<ImportVote>> byPid = new HashMap<>();
        if (!votes) {
            return byPid;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT pid, uid, attitude FROM "
                + tables.name("forum_hotreply_member") + " WHERE tid = ? AND uid > 0 ORDER BY pid, uid")) {
            s.setLong(1, tid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byPid.computeIfAbsent(String.valueOf(rs.getLong("pid")), k -> new ArrayList<>()).add(new ImportVote(
                            new ImportAuthor(String.valueOf(rs.getLong("uid")), ""),
                            rs.getInt("attitude") == 1 ? VoteKind.SUPPORT : VoteKind.OPPOSE));
                }
            }
        }
        return byPid;
    }

    /** Discuz! stores subjects and names HTML-escaped. */
    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#039;", "'")
                .replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
    }

    private record Row(String pid, boolean first, long authorid, long dateline, int invisible, boolean anonymous,
            boolean htmlon, boolean bbcodeoff, boolean smileyoff, long position, String author, String message) {
    }
}
