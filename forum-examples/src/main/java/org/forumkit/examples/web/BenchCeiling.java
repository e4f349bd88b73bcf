package org.forumkit.examples.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.forumkit.json.ForumJacksonModule;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardKind;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.Decision;
import org.forumkit.model.DenialReason;
import org.forumkit.model.FloodControl;
import org.forumkit.model.LastPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Premoderation;
import org.forumkit.model.Quote;
import org.forumkit.model.SourceState;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.ViewerPermissions;
import org.forumkit.model.VoteKind;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark's ceiling of the JSON topic page, {@code GET /bench/ceiling/topics/{id}?fromFloor=&size=}, present only
 * with {@code forumkit.demo.bench-ceiling=true} (off by default): the rows of {@code GET /api/topics/{id}} read with
 * plain JDBC from the demo's {@link DataSource} in one statement in auto-commit, as the API's store reads them (topic
 * with board, posts with their quotes and the quotes' sources) and written as the same JSON by Jackson, through the
 * same Tomcat, filters and Spring MVC as the API. It answers for the benchmark's case only: an anonymous viewer, a
 * board with the default access policy, an open topic, every post of the range visible; anything else is 501 {@code
 * NOT_A_CEILING_CASE}. It records no view (the API records one for a first page, in memory).
 */
@RestController
@ConditionalOnProperty(prefix = "forumkit.demo", name = "bench-ceiling", havingValue = "true")
final class BenchCeiling {
    private static final MediaType JSON = new MediaType("application", "json", java.nio.charset.StandardCharsets.UTF_8);
    private static final Decision LOGIN = Decision.deny(DenialReason.LOGIN_REQUIRED);
    /** What the forum allows an anonymous viewer on an open topic of a board with the default policy. */
    private static final ViewerPermissions ANONYMOUS = new ViewerPermissions(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, false);
    private static final String PAGE_SQL = "SELECT t.board_id, t.title, t.topic_type, t.author_id, t.author_name,"
            + " t.created_at, t.pin_level, t.locked, t.external_key, t.views, t.replies, t.highest_floor, t.last_post_at,"
            + " t.last_post_by_id, t.last_post_by_name, b.parent_id, b.kind, b.slug, b.name, b.description, b.position,"
            + " b.moderators, b.topic_types, b.access_policy,"
            // the board's counts are its 16 shard rows' sums, its last post the shard row's with the highest post id
            + " (SELECT SUM(c.topic_count) FROM fk_board_counter c WHERE c.board_id = b.id),"
            + " (SELECT SUM(c.post_count) FROM fk_board_counter c WHERE c.board_id = b.id), l.last_topic_id,"
            + " l.last_post_id, l.last_post_floor, l.last_post_author_id, l.last_post_author_name, l.last_post_at,"
            + " b.moderation, p.id, p.floor, p.author_id, p.author_name, p.created_at, p.edited_at, p.revision, p.body,"
            + " p.format, p.html, p.renderer, p.state, p.reply_to_floor, p.support, p.oppose, q.source_post_id,"
            + " q.source_floor, q.source_author_id, q.source_author_name, q.source_posted_at, q.source_revision,"
            + " q.excerpt, q.whole, q.truncated, s.revision, s.state, q.position"
            + " FROM fk_topic t JOIN fk_board b ON b.id = t.board_id"
            + " LEFT JOIN fk_board_counter l ON l.board_id = b.id AND l.last_post_id ="
            + " (SELECT MAX(m.last_post_id) FROM fk_board_counter m WHERE m.board_id = b.id)"
            // the posts of the range with their quotes and the quotes' sources, in the same statement: the API's
            // store reads its page in one statement too (JdbcReads)
            + " LEFT JOIN fk_post p ON p.topic_id = t.id AND p.floor BETWEEN ? AND ?"
            + " LEFT JOIN fk_quote q ON q.post_id = p.id LEFT JOIN fk_post s ON s.id = q.source_post_id WHERE t.id = ?";
    /** The posts' columns follow the topic's and the board's. */
    private static final int POSTS_AT = 33;

    private final DataSource dataSource;
    private final boolean localTimes;
    private final ObjectMapper mapper = JsonMapper.builder().addModule(new ForumJacksonModule()).build();

    BenchCeiling(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            // MariaDB's DATETIME(6) holds the UTC wall time; PostgreSQL and H2 have TIMESTAMP WITH TIME ZONE.
            this.localTimes = c.getMetaData().getURL().startsWith("jdbc:mariadb:")
                    || c.getMetaData().getURL().startsWith("jdbc:mysql:");
        }
    }

    /**
     * The API's JSON topic page, with the API's field {@code nextFromFloor} for the page's {@code next} and its
     * {@code order} (always {@code OLDEST} here).
     */
    record CeilingPage(Topic topic, Board board, List<Post> posts, Map<PostId, VoteKind> myVotes,
            Map<PostId, SourceState> quoteSources, ViewerPermissions permissions, TopicPageRequest request,
            Integer nextFromFloor, String order) {
    }

    @GetMapping("/bench/ceiling/topics/{id:[0-9]+}")
    ResponseEntity<byte[]> page(@PathVariable long id, @RequestParam(defaultValue = "1") int fromFloor,
            @RequestParam(defaultValue = "20") int size, HttpServletRequest request)
            throws SQLException, JsonProcessingException {
        if (request.getUserPrincipal() != null || fromFloor < 1 || size < 1 || size > 200) {
            return notACeilingCase();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PAGE_SQL)) {
            s.setInt(1, fromFloor);
            s.setLong(2, (long) fromFloor + size - 1);
            s.setLong(3, id);
            Topic topic;
            Board board;
            List<Post> posts = new ArrayList<>();
            Map<PostId, SourceState> sources = new HashMap<>();
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return ResponseEntity.status(404).contentType(JSON).body(bytes("NOT_FOUND"));
                }
                topic = topic(id, r);
                board = board(r);
                if (topic.locked() || !board.policy().equals(AccessPolicy.DEFAULT)
                        || !readPosts(topic.id(), r, posts, sources)) {
                    return notACeilingCase();
                }
            }
            long following = (long) fromFloor + size;
            CeilingPage page = new CeilingPage(topic, board, posts, Map.of(), sources, ANONYMOUS,
                    TopicPageRequest.from(fromFloor, size), following <= topic.highestFloor() ? (int) following : null,
                    "OLDEST");
            return ResponseEntity.ok().contentType(JSON).cacheControl(CacheControl.noStore())
                    .body(mapper.writeValueAsBytes(page));
        }
    }

    /**
     * Fills the posts (quotes in order) and their quotes' sources from the rows after the topic's columns, starting at
     * the current row; false when a post of the range is not visible. The rows come in any order and are put in order
     * here, as the API's store does: an ORDER BY over the joined rows, TEXT columns and all, made MariaDB write an
     * on-disk temporary table for every page (the API's NoTemporaryTablesTest), which slowed the ceiling below the API
     * there.
     */
    private boolean readPosts(TopicId topic, ResultSet r, List<Post> posts, Map<PostId, SourceState> sources)
            throws SQLException {
        Map<Long, Object[]> rows = new HashMap<>();
        Map<Long, TreeMap<Integer, Quote>> quotes = new HashMap<>();
        int at = POSTS_AT;
        do {
            long postId = r.getLong(at + 1);
            if (r.wasNull()) {
                continue; // no post in the range: the topic's row alone
            }
            if (!rows.containsKey(postId)) {
                if (!"VISIBLE".equals(r.getString(at + 12))) {
                    return false;
                }
                rows.put(postId, new Object[] {postId, r.getInt(at + 2), r.getString(at + 3), r.getString(at + 4),
                    instant(r, at + 5), instant(r, at + 6), r.getInt(at + 7), r.getString(at + 8),
                    r.getString(at + 9), r.getString(at + 10), r.getString(at + 11),
                    r.getObject(at + 13, Integer.class), r.getLong(at + 14), r.getLong(at + 15)});
                quotes.put(postId, new TreeMap<>());
            }
            long source = r.getLong(at + 16);
            if (!r.wasNull()) {
                quotes.get(postId).put(r.getInt(at + 27), new Quote(PostId.of(source), r.getInt(at + 17),
                        new Author(UserId.of(r.getString(at + 18)), r.getString(at + 19)), instant(r, at + 20),
                        r.getInt(at + 21), r.getString(at + 22), r.getBoolean(at + 23), r.getBoolean(at + 24)));
                sources.put(PostId.of(source), new SourceState(r.getInt(at + 25),
                        PostState.valueOf(r.getString(at + 26))));
            }
        } while (r.next());
        rows.values().stream().sorted(java.util.Comparator.comparingInt(p -> (Integer) p[1])).forEach(p ->
                posts.add(post(topic, p, List.copyOf(quotes.get((Long) p[0]).values()))));
        return true;
    }

    private static Post post(TopicId topic, Object[] p, List<Quote> quotes) {
        return new Post(PostId.of((Long) p[0]), topic, (Integer) p[1], new Author(UserId.of((String) p[2]),
                (String) p[3]), (Instant) p[4], (Instant) p[5], (Integer) p[6], (String) p[7],
                ContentFormat.of((String) p[8]), (String) p[9], (String) p[10], PostState.VISIBLE, (Integer) p[11],
                (Long) p[12], (Long) p[13], quotes);
    }

    private Topic topic(long id, ResultSet r) throws SQLException {
        return new Topic(TopicId.of(id), BoardId.of(r.getLong(1)), r.getString(2), r.getString(3),
                new Author(UserId.of(r.getString(4)), r.getString(5)), instant(r, 6), r.getInt(7), r.getBoolean(8),
                r.getString(9), r.getLong(10), r.getLong(11), r.getInt(12), instant(r, 13),
                new Author(UserId.of(r.getString(14)), r.getString(15)));
    }

    private Board board(ResultSet r) throws SQLException {
        long parent = r.getLong(16);
        BoardId parentId = r.wasNull() ? null : BoardId.of(parent);
        long lastPost = r.getLong(28);
        LastPost last = r.wasNull() ? null : new LastPost(TopicId.of(r.getLong(27)), PostId.of(lastPost), r.getInt(29),
                new Author(UserId.of(r.getString(30)), r.getString(31)), instant(r, 32));
        Set<UserId> moderators = new HashSet<>();
        tree(r.getString(22)).forEach(m -> moderators.add(UserId.of(m.asText())));
        List<String> types = new ArrayList<>();
        tree(r.getString(23)).forEach(t -> types.add(t.asText()));
        return new Board(BoardId.of(r.getLong(1)), parentId, BoardKind.valueOf(r.getString(17)), r.getString(18),
                r.getString(19), r.getString(20), r.getInt(21), moderators, types, policy(tree(r.getString(24))),
                r.getLong(25), r.getLong(26), last, moderation(tree(r.getString(33))));
    }

    /** The access policy column: an object of action to {@code [kind, role…]}. */
    private static AccessPolicy policy(JsonNode json) {
        Map<Action, Audience> rules = new EnumMap<>(Action.class);
        json.fields().forEachRemaining(rule -> {
            Set<String> roles = new HashSet<>();
            for (int i = 1; i < rule.getValue().size(); i++) {
                roles.add(rule.getValue().get(i).asText());
            }
            rules.put(Action.valueOf(rule.getKey()), new Audience(Audience.Kind.valueOf(rule.getValue().get(0).asText()),
                    roles));
        });
        return new AccessPolicy(rules);
    }

    /** The moderation column; absent fields are off, so {@code {}} is OFF. */
    private static BoardModeration moderation(JsonNode json) {
        Set<String> trusted = new HashSet<>();
        json.path("trustedRoles").forEach(role -> trusted.add(role.asText()));
        return new BoardModeration(Premoderation.valueOf(json.path("premoderation").asText("OFF")), trusted,
                json.path("hideAfterReports").asInt(0),
                new FloodControl(java.time.Duration.ofMillis(json.path("floodMinIntervalMillis").asLong(0)),
                        json.path("floodMaxPerHour").asInt(0)),
                java.time.Duration.ofMillis(json.path("authorEditWindowMillis").asLong(0)));
    }

    private JsonNode tree(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON in a board column: " + text, e);
        }
    }

    private Instant instant(ResultSet r, int column) throws SQLException {
        if (localTimes) {
            LocalDateTime time = r.getObject(column, LocalDateTime.class);
            return time == null ? null : time.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime time = r.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private ResponseEntity<byte[]> notACeilingCase() {
        return ResponseEntity.status(501).contentType(JSON).body(bytes("NOT_A_CEILING_CASE"));
    }

    private static byte[] bytes(String code) {
        return ("{\"error\":\"" + code + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
