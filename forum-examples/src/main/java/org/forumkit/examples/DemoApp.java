package org.forumkit.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.forumkit.Forum;
import org.forumkit.examples.seed.DiscuzThreadParser;
import org.forumkit.examples.seed.SeedImporter;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.StoreReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the demo forum: a Spring Boot application ({@link DemoSite}) on the embedded H2 database or the given
 * JDBC URL, seeded on first start. The demo's options ({@link DemoConfig}) become Spring properties; the same
 * jar also runs {@code import} ({@link ImportCommand}), {@code reindex} ({@link ReindexCommand}) and the benchmarks
 * ({@code -cp … bench.BenchMain}).
 */
public final class DemoApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoApp.class);
    static final String SEED_FILE = "000_09106afe9c3173a8.txt";
    static final String COMMENTS_BOARD = "comments";
    /** The demo user who moderates the comments board, and no other. */
    static final String COMMENTS_MODERATOR = "dave";

    private final ConfigurableApplicationContext context;

    private DemoApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv()));
            return;
        }
        if (args.length > 0 && args[0].equals("reindex")) {
            System.exit(ReindexCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out,
                    System.err));
            return;
        }
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j"); // Hibernate's log lines to slf4j-simple too
        }
        int status = launch(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Parses the options, starts the site and prints its URL: 0, or the exit status after a one-line reason. */
    static int launch(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        DemoApp app;
        try {
            app = start(DemoConfig.parse(args, env));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (DatabaseUnavailableException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("forum-demo: cannot create the data directory: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "forumkit-demo-shutdown"));
        out.println("Forumkit demo is running at " + app.url());
        return 0;
    }

    /**
     * Starts the site on {@code config}.
     *
     * @throws DatabaseUnavailableException when the database cannot be opened (it does not exist, the password is
     *                                      wrong, the server is down), saying so in one line
     */
    public static DemoApp start(DemoConfig config) throws IOException {
        return start(config, Map.of());
    }

    /**
     * As {@link #start(DemoConfig)}, with these Spring properties over the demo's own (the benchmark harness turns
     * on {@code forumkit.demo.bench-ceiling} and off the API's rate limit).
     */
    public static DemoApp start(DemoConfig config, Map<String, ?> overrides) throws IOException {
        String url = jdbcUrl(config);
        Database.dialectOf(url);
        String user = config.jdbcUrl() == null && config.jdbcUser() == null ? "sa" : config.jdbcUser();
        String password = config.jdbcUrl() == null && config.jdbcPassword() == null ? "" : config.jdbcPassword();
        checkConnects("forum-demo", url, user, password);
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", config.port());
        properties.put("spring.datasource.url", url);
        if (user != null) {
            properties.put("spring.datasource.username", user);
        }
        if (password != null) {
            properties.put("spring.datasource.password", password);
        }
        SpringApplication application = new SpringApplication(DemoSite.class);
        application.setDefaultProperties(properties);
        if (!overrides.isEmpty()) {
            // Above application.properties, which default properties are not.
            Map<String, Object> above = new HashMap<>(overrides);
            application.addInitializers(context -> context.getEnvironment().getPropertySources().addFirst(
                    new org.springframework.core.env.MapPropertySource("forumkit-demo-overrides", above)));
        }
        return new DemoApp(application.run());
    }

    /** The JDBC URL given, or the embedded H2 database in a file under the data directory. */
    static String jdbcUrl(DemoConfig config) throws IOException {
        if (config.jdbcUrl() != null) {
            return config.jdbcUrl();
        }
        Path dir = Files.createDirectories(config.dataDir()).toAbsolutePath();
        return "jdbc:h2:file:" + dir.resolve("forumkit") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** One connection to the database of {@code config}, as the demo opens it; a failure names {@code command}. */
    static void checkConnects(String command, DemoConfig config) throws IOException {
        boolean embedded = config.jdbcUrl() == null;
        checkConnects(command, jdbcUrl(config), embedded && config.jdbcUser() == null ? "sa" : config.jdbcUser(),
                embedded && config.jdbcPassword() == null ? "" : config.jdbcPassword());
    }

    /** One connection before anything starts, so a wrong URL reads as one line rather than a failed context. */
    private static void checkConnects(String command, String url, String user, String password) {
        Properties info = new Properties();
        if (user != null) {
            info.setProperty("user", user);
        }
        if (password != null) {
            info.setProperty("password", password);
        }
        try (Connection ignored = DriverManager.getConnection(url, info)) {
            // it opens
        } catch (SQLException e) {
            String reason = String.valueOf(e.getMessage()).strip().replaceAll("\\s+", " ");
            int query = url.indexOf('?');
            throw new DatabaseUnavailableException(command + ": cannot open the database "
                    + (query < 0 ? url : url.substring(0, query)) + ": " + reason);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** The forum behind the site, for tests that set up what the web has no page for. */
    public Forum forum() {
        return context.getBean(Forum.class);
    }

    /** The running application, for tests that look inside it. */
    public ConfigurableApplicationContext context() {
        return context;
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
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
                .describedAs("Comments under the articles of the example site")
                .moderatedBy(UserId.of(COMMENTS_MODERATOR)));
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

    /** Stops the site: the last requests finish, buffered views are written, the pool closes. */
    @Override
    public void close() {
        context.close();
    }

    /** The database of the options cannot be opened; the message says which and why, in one line. */
    public static final class DatabaseUnavailableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DatabaseUnavailableException(String message) {
            super(message);
        }
    }
}
