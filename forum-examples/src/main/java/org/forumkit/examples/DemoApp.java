package org.forumkit.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.forumkit.Forum;
import org.forumkit.examples.seed.DiscuzThreadParser;
import org.forumkit.examples.seed.SeedImporter;
import org.forumkit.examples.web.WebApp;
import org.forumkit.model.CreateBoard;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.StoreReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the demo forum: a store, a {@link Forum} on it, the seed on first start, and the web site. */
public final class DemoApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoApp.class);
    static final String SEED_FILE = "000_09106afe9c3173a8.txt";
    static final String COMMENTS_BOARD = "comments";

    private final DemoStore store;
    private final Forum forum;
    private final HttpServer server;
    private final ExecutorService executor;

    private DemoApp(DemoStore store, Forum forum, HttpServer server, ExecutorService executor) {
        this.store = store;
        this.forum = forum;
        this.server = server;
        this.executor = executor;
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv()));
            return;
        }
        DemoConfig config;
        try {
            config = DemoConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        DemoApp app = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "forumkit-demo-shutdown"));
        System.out.println("Forumkit demo is running at " + app.url());
    }

    public static DemoApp start(DemoConfig config) throws IOException {
        DemoStore store = DemoStore.open(config);
        SettableClock clock = new SettableClock();
        Forum forum = Forum.builder().store(store.store()).clock(clock).build();
        seedOnFirstStart(store.store(), forum, clock);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", config.port()), 64);
        ExecutorService executor = Executors.newFixedThreadPool(16);
        server.setExecutor(executor);
        server.createContext("/", new WebApp(forum, store.queries(), COMMENTS_BOARD));
        server.start();
        return new DemoApp(store, forum, server, executor);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The forum behind the site, for tests that set up what the web has no page for. */
    public Forum forum() {
        return forum;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The seed thread and the comments board, on a database that has no boards yet. */
    static void seedOnFirstStart(ForumStore store, Forum forum, SettableClock clock) throws IOException {
        if (!store.readOnly(StoreReader::boards).isEmpty()) {
            return;
        }
        String page = Files.readString(seedFile(), StandardCharsets.UTF_8);
        SeedImporter.Report report = new SeedImporter(forum, clock)
                .importThread(new DiscuzThreadParser().parse(page), "qingliu", "news-media");
        report.notes().forEach(note -> LOG.info("seed: {}", note));
        var site = forum.boards().create(SeedImporter.IMPORTER, CreateBoard.category("site", "站点"));
        forum.boards().create(SeedImporter.IMPORTER, CreateBoard.board(site.id(), COMMENTS_BOARD, "文章评论")
                .describedAs("Comments under the articles of the example site"));
        LOG.info("seeded topic {} from {}", report.topic().id(), SEED_FILE);
    }

    /** The seed page: from {@code seeds/} of the checkout, or the copy packed in the jar. */
    private static Path seedFile() throws IOException {
        for (Path dir : new Path[] {Path.of("seeds"), Path.of("..", "seeds")}) {
            if (Files.isRegularFile(dir.resolve(SEED_FILE))) {
                return dir.resolve(SEED_FILE);
            }
        }
        Path copy = Files.createTempFile("forumkit-seed", ".txt");
        try (var in = DemoApp.class.getResourceAsStream("/seeds/" + SEED_FILE)) {
            if (in == null) {
                throw new IOException("the seed " + SEED_FILE + " is neither in seeds/ nor in the jar");
            }
            Files.write(copy, in.readAllBytes());
        }
        copy.toFile().deleteOnExit();
        return copy;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        forum.close();
        store.close();
    }
}
