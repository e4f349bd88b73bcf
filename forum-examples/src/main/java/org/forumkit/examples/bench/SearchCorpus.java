package org.forumkit.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.forumkit.Forum;
import org.forumkit.examples.Database;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.PostId;

/**
 * The search scenario's corpus: varied Chinese and mixed Chinese/English text, generated per post from its number
 * alone (so every loader and every run writes the same text for post {@code n}), and a fast loader that writes
 * those posts with plain JDBC multi-row inserts into {@code fk_topic} and {@code fk_post} (the columns the store
 * writes for a topic and its replies, counters included), then builds the index with the library's own
 * {@code forum.search().reindex}, so the index holds exactly what the library writes.
 *
 * <p>Run: {@code java -cp forum-demo.jar org.forumkit.examples.bench.SearchCorpus --url jdbc:… --posts 1000000}
 * (it empties the database's forum tables first); then measure with {@code BenchMain --scenarios search
 * --search-keep --search-posts N}.
 *
 * <p>The text of a post: 3–6 parts, each a piece of natural text (a random stretch of 4–12 characters of a Chinese
 * run of the seed page under {@code seeds/}) or, one part in three, a run of 3–10 characters drawn from a Zipf
 * distribution over 6,000 Han characters (the seed's 431 by their frequency there, then the rest of U+4E00–U+9FA5
 * in a fixed shuffled order), so common characters have long posting lists and most bigrams short ones, as in real
 * text; each part is followed by one of 24 Chinese words (Zipf) and, in every second post, by an English word
 * drawn from a Zipf distribution over the harness's 15 words and 3,000 generated ones.
 */
final class SearchCorpus {
    static final int POSTS_PER_TOPIC = 20;
    static final List<String> CHINESE = List.of("社会工作", "专业人才", "队伍建设", "民政服务", "社区治理",
            "志愿者", "养老服务", "儿童福利", "救助管理", "慈善事业", "基层政权", "婚姻登记", "殡葬改革", "社会组织",
            "论坛", "支持", "中文", "搜索", "数据库", "性能", "东莞", "广州", "深圳", "服务保障");
    static final List<String> ENGLISH = List.of("forum", "support", "search", "database", "social", "work",
            "service", "community", "volunteer", "welfare", "java", "index", "benchmark", "mariadb", "postgresql");
    /**
     * Planted in one post only, {@link #probePost}: bigrams and a word no generated text holds. Post 50,000 in every
     * corpus of 100,000 posts or more, so a corpus grown from 100,000 to 1,000,000 still holds it once, on floor 1,
     * where {@code SearchScenario} looks for it ({@code posts / 2} is floor 1 too).
     */
    static final String PROBE = "探针基准 zyxprobe";
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zu", "pi", "do", "fe",
        "gu", "ha", "ji", "be"};
    private static final int HAN_CHARACTERS = 6_000;
    private static final int GENERATED_WORDS = 3_000;
    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
    private static final int POSTS_PER_STATEMENT = 250;

    private final List<String> runs;
    private final int[] han;
    private final double[] hanWeights;
    private final double[] chineseWeights;
    private final List<String> english;
    private final double[] englishWeights;

    SearchCorpus(Path seeds) {
        this.runs = runs(seeds);
        this.han = hanCharacters(runs);
        this.hanWeights = zipf(han.length);
        this.chineseWeights = zipf(CHINESE.size());
        List<String> words = new ArrayList<>(ENGLISH);
        Random random = new Random(16);
        while (words.size() < ENGLISH.size() + GENERATED_WORDS) {
            StringBuilder word = new StringBuilder();
            for (int i = 2 + random.nextInt(3); i > 0; i--) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (!words.contains(word.toString())) {
                words.add(word.toString());
            }
        }
        this.english = List.copyOf(words);
        this.englishWeights = zipf(english.size());
    }

    /** The body of post {@code n} (0-based) of a corpus of {@code posts}: the same for the same {@code n}. */
    String text(int n, int posts) {
        Random random = new Random(n * 0x9E3779B97F4A7C15L + 16);
        StringBuilder text = new StringBuilder();
        int parts = 3 + random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            if (random.nextInt(3) == 0) {
                for (int c = 3 + random.nextInt(8); c > 0; c--) {
                    text.appendCodePoint(han[pick(hanWeights, random)]);
                }
            } else {
                String run = runs.get(random.nextInt(runs.size()));
                int[] cps = run.codePoints().toArray();
                int length = Math.min(cps.length, 4 + random.nextInt(9));
                int from = random.nextInt(cps.length - length + 1);
                text.append(new String(cps, from, length));
            }
            text.append(CHINESE.get(pick(chineseWeights, random))).append(i % 2 == 0 ? "，" : "。");
            if (n % 2 == 1) {
                text.append(english.get(pick(englishWeights, random))).append(' ');
            }
        }
        return n == probePost(posts) ? text + " " + PROBE : text.toString();
    }

    static int probePost(int posts) {
        return posts >= 100_000 ? 50_000 : posts / 2;
    }

    /** The title of the topic whose opening post is post {@code n}. */
    String title(int n) {
        Random random = new Random(n * 0x2545F4914F6CDD1DL + 17);
        return CHINESE.get(pick(chineseWeights, random)) + runs.get(random.nextInt(runs.size()));
    }

    /**
     * Writes posts {@code from} to {@code posts - 1} (topics of {@value #POSTS_PER_TOPIC}; {@code from} a multiple of
     * it) into {@code board} with multi-row inserts, ids after the highest existing ones, and moves the board's
     * counters and newest post as the store would; returns the highest post id before the load.
     */
    long load(Database db, Board board, int from, int posts, java.util.function.IntConsumer progress)
            throws SQLException {
        boolean postgres = db.dialect().equals("postgresql");
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            long topicBase = max(c, "fk_topic") - from / POSTS_PER_TOPIC;
            long postBase = max(c, "fk_post") - from;
            int batch = 2_000;
            for (int start = from; start < posts; start += batch) {
                int to = Math.min(posts, start + batch);
                insertTopics(c, postgres, board, start, to, posts, topicBase);
                for (int s = start; s < to; s += POSTS_PER_STATEMENT) {
                    insertPosts(c, postgres, s, Math.min(to, s + POSTS_PER_STATEMENT), posts, topicBase, postBase);
                }
                c.commit();
                progress.accept(to);
            }
            int last = posts - 1;
            // The board's counts in its shard 0 (a board's counts are its shards' sums); the last post written here
            // has the highest post id of the board, so it is the board's last post whatever the other shards hold.
            try (PreparedStatement update = c.prepareStatement("UPDATE fk_board_counter SET topic_count = topic_count + ?,"
                    + " post_count = post_count + ?, last_topic_id = ?, last_post_id = ?, last_post_floor = ?,"
                    + " last_post_author_id = ?, last_post_author_name = ?, last_post_at = ? WHERE board_id = ?"
                    + " AND shard = 0")) {
                update.setLong(1, (posts - from + POSTS_PER_TOPIC - 1) / POSTS_PER_TOPIC);
                update.setLong(2, posts - from);
                update.setLong(3, topicBase + 1 + last / POSTS_PER_TOPIC);
                update.setLong(4, postBase + 1 + last);
                update.setInt(5, last % POSTS_PER_TOPIC + 1);
                update.setString(6, authorId(last));
                update.setString(7, authorName(last));
                update.setObject(8, time(postgres, last));
                update.setLong(9, board.id().value());
                update.executeUpdate();
            }
            if (postgres) {
                try (Statement s = c.createStatement()) {
                    // explicit ids do not move an identity's sequence on PostgreSQL (MariaDB's AUTO_INCREMENT follows)
                    s.execute("SELECT setval(pg_get_serial_sequence('fk_topic', 'id'), (SELECT MAX(id) FROM fk_topic))");
                    s.execute("SELECT setval(pg_get_serial_sequence('fk_post', 'id'), (SELECT MAX(id) FROM fk_post))");
                }
            }
            c.commit();
            return postBase + from;
        }
    }

    private void insertTopics(Connection c, boolean postgres, Board board, int from, int to, int posts,
            long topicBase) throws SQLException {
        List<Integer> openings = new ArrayList<>();
        for (int n = from; n < to; n++) {
            if (n % POSTS_PER_TOPIC == 0) {
                openings.add(n);
            }
        }
        if (openings.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO fk_topic (id, board_id, title, author_id, author_name,"
                + " created_at, highest_floor, replies, last_post_at, last_post_by_id, last_post_by_name) VALUES ");
        for (int i = 0; i < openings.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (int n : openings) {
                int lastFloor = Math.min(POSTS_PER_TOPIC, posts - n);
                int lastPost = n + lastFloor - 1;
                insert.setLong(p++, topicBase + 1 + n / POSTS_PER_TOPIC);
                insert.setLong(p++, board.id().value());
                insert.setString(p++, title(n));
                insert.setString(p++, authorId(n));
                insert.setString(p++, authorName(n));
                insert.setObject(p++, time(postgres, n));
                insert.setInt(p++, lastFloor);
                insert.setInt(p++, lastFloor - 1);
                insert.setObject(p++, time(postgres, lastPost));
                insert.setString(p++, authorId(lastPost));
                insert.setString(p++, authorName(lastPost));
            }
            insert.executeUpdate();
        }
    }

    private void insertPosts(Connection c, boolean postgres, int from, int to, int posts, long topicBase,
            long postBase) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO fk_post (id, topic_id, floor, author_id, author_name,"
                + " created_at, body, format, html, renderer, state) VALUES ");
        for (int n = from; n < to; n++) {
            sql.append(n == from ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, 'PLAIN', ?, 'plain/bench', 'VISIBLE')");
        }
        try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (int n = from; n < to; n++) {
                String body = text(n, posts);
                insert.setLong(p++, postBase + 1 + n);
                insert.setLong(p++, topicBase + 1 + n / POSTS_PER_TOPIC);
                insert.setInt(p++, n % POSTS_PER_TOPIC + 1);
                insert.setString(p++, authorId(n));
                insert.setString(p++, authorName(n));
                insert.setObject(p++, time(postgres, n));
                insert.setString(p++, body);
                insert.setString(p++, "<p>" + body + "</p>");
            }
            insert.executeUpdate();
        }
    }

    private static String authorId(int n) {
        return "author-" + n % 500;
    }

    private static String authorName(int n) {
        return "作者" + n % 500;
    }

    /** Post {@code n}'s time as each driver takes a UTC instant: MariaDB's DATETIME holds UTC without a zone. */
    private static Object time(boolean postgres, int n) {
        Instant at = BASE.plusSeconds(n);
        return postgres ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC) : LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static long max(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM "
                + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int pick(double[] cumulative, Random random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
        return i >= 0 ? i : Math.min(cumulative.length - 1, -i - 1);
    }

    /** Cumulative Zipf weights (exponent 1) of {@code n} ranks. */
    private static double[] zipf(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }
        return cumulative;
    }

    /** The seed's Han characters by their frequency there, then the rest of the basic block, shuffled. */
    private static int[] hanCharacters(List<String> runs) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (String run : runs) {
            run.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                    .forEach(cp -> counts.merge(cp, 1, Integer::sum));
        }
        List<Integer> order = new ArrayList<>(counts.keySet());
        order.sort((a, b) -> counts.get(b) - counts.get(a));
        List<Integer> rest = new ArrayList<>();
        for (int cp = 0x4E00; cp <= 0x9FA5; cp++) {
            if (!counts.containsKey(cp)) {
                rest.add(cp);
            }
        }
        java.util.Collections.shuffle(rest, new Random(16));
        order.addAll(rest.subList(0, HAN_CHARACTERS - order.size()));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The seed files' text cut at punctuation and spaces into runs of at least 4 characters with Han in them. */
    static List<String> runs(Path seeds) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                for (String part : Files.readString(file, StandardCharsets.UTF_8).split("[\\p{P}\\p{S}\\s]+")) {
                    if (part.codePointCount(0, part.length()) >= 4 && part.codePoints().anyMatch(c ->
                            Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                        out.add(part);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the search corpus reads its seed text from " + seeds.toAbsolutePath(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no seed text under " + seeds.toAbsolutePath());
        }
        return out;
    }

    /**
     * Empties the database, loads {@code --posts} posts with JDBC and re-indexes them through the library; with
     * {@code --from F}, keeps the database (whose board {@code search} holds posts 0 to F-1 of this corpus) and adds
     * posts F to {@code --posts}-1, re-indexing from the first new post on (the re-index resumes after a post).
     */
    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        String url = value(options, "--url", null);
        int posts = Integer.parseInt(value(options, "--posts", "100000"));
        int batch = Integer.parseInt(value(options, "--reindex-batch", "1000"));
        int from = Integer.parseInt(value(options, "--from", "0"));
        SearchCorpus corpus = new SearchCorpus(Path.of(value(options, "--seeds", "seeds")));
        try (Database db = Database.open(url, value(options, "--user", "forumkit"),
                value(options, "--password", "forumkit"), 4)) {
            if (from == 0) {
                db.truncate();
            }
            Board board;
            try (Forum forum = Scenarios.forum(db.store())) {
                if (from == 0) {
                    Board category = forum.boards().create(Scenarios.ADMIN, CreateBoard.category("c-search", "分区"));
                    board = forum.boards().create(Scenarios.ADMIN, CreateBoard.board(category.id(), "search", "搜索"));
                } else {
                    board = forum.boards().bySlug(Scenarios.ADMIN, "search").orElseThrow();
                }
                long t0 = System.nanoTime();
                long before = corpus.load(db, board, from, posts, done -> {
                    if (done % 100_000 == 0 || done == posts) {
                        log("loaded up to post " + done + ", " + rate(done - from, t0) + " posts/s");
                    }
                });
                log("load: " + (posts - from) + " posts in " + seconds(t0) + " s");
                db.analyze();
                long t1 = System.nanoTime();
                Optional<PostId> start = before == 0 ? Optional.empty() : Optional.of(new PostId(before));
                long[] done = {0};
                PostId[] last = {start.orElse(null)};
                for (int attempt = 1; ; attempt++) {
                    long base = done[0];
                    try {
                        forum.search().reindex(Optional.ofNullable(last[0]), batch, progress -> {
                            done[0] = base + progress.indexed();
                            last[0] = progress.lastPost();
                            if (done[0] % 20_000 < batch) {
                                log("reindexed " + done[0] + " posts (last " + last[0].value() + "), "
                                        + rate(done[0], t1) + " posts/s");
                            }
                        });
                        break;
                    } catch (RuntimeException e) {
                        // the command resumes after the last post it reported: a lost batch is written again
                        if (attempt == 3) {
                            throw e;
                        }
                        log("reindex failed after post " + last[0] + ", resuming: " + e);
                    }
                }
                long indexed = scalarCount(db, before);
                log("reindex: " + indexed + " posts in " + seconds(t1) + " s, " + rate(indexed, t1) + " posts/s");
                db.analyze();
                if (indexed != posts - from) {
                    throw new IllegalStateException("reindex indexed " + indexed + " of " + (posts - from) + " posts");
                }
            }
        }
    }

    /** The posts after {@code before} that the index holds a row for. */
    private static long scalarCount(Database db, long before) throws SQLException {
        String sql = db.dialect().equals("postgresql")
                ? "SELECT COUNT(*) FROM fk_search_doc WHERE post_id > " + before
                : "SELECT COUNT(DISTINCT post_id) FROM fk_search_term WHERE post_id > " + before;
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " " + line + " (" + load() + ")");
    }

    /** The load average, as {@code uptime} shows it. */
    static String load() {
        try {
            return "load " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "load ?";
        }
    }

    private static long rate(long done, long t0) {
        return Math.round(done / ((System.nanoTime() - t0) / 1e9));
    }

    private static long seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e9);
    }

    private static String value(List<String> options, String name, String fallback) {
        int i = options.indexOf(name);
        if (i < 0 || i + 1 >= options.size()) {
            if (fallback == null) {
                throw new IllegalArgumentException("missing " + name);
            }
            return fallback;
        }
        return options.get(i + 1);
    }
}
