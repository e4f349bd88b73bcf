package org.forumkit.examples.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forumkit.render.BbCodeRenderer;
import org.forumkit.render.MarkdownRenderer;
import org.forumkit.render.PlainTextRenderer;
import org.forumkit.spi.ContentRenderer;

/**
 * The benchmark harness: {@code --quick} (a few minutes) or {@code --full}, on the targets named by
 * {@code --targets} (default: every target this machine has), the scenarios named by {@code --scenarios}
 * ({@code page,hot,ceiling,listing,views,render,render-worst,memory,import,search}, default all; {@code notify}
 * ({@link NotifyScenario}, {@code --notify-inbox N}, {@code --notify-replies N}, {@code --rounds N}) only when named; {@code import}
 * imports a generated Disqus export of {@code --import-comments N} comments, default 10,000 quick and 100,000 full;
 * {@code import-discuz}, only when named, a generated Discuz! database of {@code --discuz-posts N} posts (same defaults)
 * on the MariaDB server {@code FORUMKIT_BENCH_DISCUZ_URL} names (see {@link DiscuzBench});
 * {@code views-kill}, killing a child JVM, only when named; so are {@code galera} and {@code replica}, the scale-out
 * comparisons of {@link ScaleOut} on the servers {@code FORUMKIT_BENCH_GALERA_URLS} and
 * {@code FORUMKIT_BENCH_REPLICA_URLS} name, each load {@code --rounds N} times, default 2; {@code --targets none} skips
 * the per-target scenarios); {@code http}, the served page of the running demo and its plain-JDBC ceiling in the
 * same server ({@link HttpScenario}, on the PostgreSQL and MariaDB targets; {@code --http-requests N} per connection
 * and load, default 400 quick, 2,000 full), also only when named;
 * {@code --hot-rounds N} runs the hot writes and their ceilings N times in turn ({@link HotWrites}, default 1),
 * after {@code --hot-warmup N} rounds (default 0) that are reported as warm-up and left out of the medians;
 * {@code --threads-per-node N} changes the
 * writers of the load scenarios (default 8 on each of two nodes); {@code --search-posts N} the posts the search
 * scenario loads (default 100,000 quick, 1,000,000 full) and {@code --search-samples N} the searches per query
 * (200), {@code --search-no-replies} leaves out its reply-cost rounds; its seed text is read from {@code --seeds DIR}
 * ({@code seeds}). Prints a table as it goes and, with
 * {@code --out FILE}, writes it as Markdown. Exits 1 when an invariant was violated.
 *
 * <p>{@code --profile} then runs the hot-topic and hot-post loads and their ceilings once more on each database target,
 * {@code --profile-scale N} (4) times as long, each under a Java Flight Recorder recording that {@link Profile}
 * reads back and tabulates (CPU and allocation by layer and by step, statements and round trips before and under the
 * hot row lock); without {@code --scenarios} it runs only {@code hot,ceiling}. {@code --profile-keep DIR} keeps the
 * recordings.
 */
public final class BenchMain {

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        Scenarios.Mode mode = options.contains("--full") ? Scenarios.Mode.FULL : Scenarios.Mode.QUICK;
        String threads = value(options, "--threads-per-node", null);
        if (threads != null) {
            mode = mode.withThreadsPerNode(Integer.parseInt(threads));
        }
        String targetList = value(options, "--targets", "memory,h2,postgresql,mariadb");
        String out = value(options, "--out", null);
        boolean profiling = options.contains("--profile");
        List<String> only = Arrays.asList(value(options, "--scenarios", profiling ? "hot,ceiling"
                : "page,hot,ceiling,listing,views,render,render-worst,memory,import,search").split(","));
        String keep = value(options, "--profile-keep", null);
        Profile profile = profiling ? new Profile(keep == null ? null : Path.of(keep)) : null;
        Report profiled = new Report();
        HotWrites recorded = profiling ? new HotWrites(mode.scaled(Integer.parseInt(value(options, "--profile-scale",
                "4"))), profiled, profile) : null;
        int hotRounds = Integer.parseInt(value(options, "--hot-rounds", "1"));
        int hotWarmup = Integer.parseInt(value(options, "--hot-warmup", "0"));
        int importComments = Integer.parseInt(value(options, "--import-comments",
                mode.name().equals("full") ? "100000" : "10000"));
        int discuzPosts = Integer.parseInt(value(options, "--discuz-posts",
                mode.name().equals("full") ? "100000" : "10000"));
        Report report = new Report();
        Scenarios scenarios = new Scenarios(mode, report);
        HotWrites hot = new HotWrites(mode, report, null);
        SearchScenario search = only.contains("search") ? new SearchScenario(Integer.parseInt(value(options,
                "--search-posts", mode == Scenarios.Mode.FULL ? "1000000" : "100000")),
                Integer.parseInt(value(options, "--search-samples", "200")), mode == Scenarios.Mode.FULL ? 500 : 100,
                report, Path.of(value(options, "--seeds", "seeds")), options.contains("--search-keep"),
                !options.contains("--search-no-replies")) : null;
        HttpProfile httpProfile = profiling && only.contains("http") ? new HttpProfile(keep == null ? null : Path.of(keep)) : null;
        HttpScenario.Sizes httpSizes = mode == Scenarios.Mode.FULL ? HttpScenario.Sizes.FULL : HttpScenario.Sizes.QUICK;
        String httpRequests = value(options, "--http-requests", null);
        if (httpRequests != null) {
            httpSizes = httpSizes.withRequests(Integer.parseInt(httpRequests));
        }
        HttpScenario http = only.contains("http") ? new HttpScenario(httpSizes, report, httpProfile) : null;
        long started = System.nanoTime();

        for (String name : targetList.equals("none") ? new String[0] : targetList.split(",")) {
            try (Target target = Targets.open(name.strip(), profiling)) {
                if (target == null) {
                    report.note(name, "-", "skipped", "not reachable on this machine");
                    continue;
                }
                if (only.contains("page")) {
                    scenarios.topicPage(target);
                }
                if (only.contains("hot") || only.contains("ceiling")) {
                    hot.run(target, only.contains("ceiling"), hotWarmup, hotRounds);
                }
                if (http != null && target instanceof DatabaseTarget db && db.url() != null) {
                    http.run(db, "forumkit", "forumkit");
                }
                if (profiling && target instanceof DatabaseTarget && (only.contains("hot") || only.contains("ceiling"))) {
                    recorded.profiled(target);
                }
                if (only.contains("listing")) {
                    scenarios.boardListing(target);
                }
                if (only.contains("views")) {
                    scenarios.views(target);
                }
                if (only.contains("import")) {
                    new ImportBench(report).disqus(target, importComments);
                }
                if (only.contains("import-discuz")) {
                    new DiscuzBench(report).discuz(target, discuzPosts);
                }
                if (only.contains("views-kill") && target instanceof DatabaseTarget db && db.url() != null) {
                    ViewsKill.run(report, target.name(), db.url(), "forumkit", "forumkit");
                }
                if (search != null) {
                    search.run(target);
                }
                if (only.contains("notify")) {
                    new NotifyScenario(mode, report, Integer.parseInt(value(options, "--notify-inbox", "100000")),
                            Integer.parseInt(value(options, "--rounds", "2")),
                            Integer.parseInt(value(options, "--notify-replies", "0"))).run(target);
                }
            }
        }
        if (only.contains("galera") || only.contains("replica")) {
            ScaleOut scaleOut = new ScaleOut(mode, scenarios, report, Integer.parseInt(value(options, "--rounds", "2")));
            if (only.contains("galera")) {
                String urls = System.getenv().getOrDefault("FORUMKIT_BENCH_GALERA_URLS", "");
                if (urls.isBlank()) {
                    report.note("galera", "-", "skipped", "FORUMKIT_BENCH_GALERA_URLS is not set");
                } else {
                    scaleOut.galera(Arrays.stream(urls.split(",")).map(String::strip).toList());
                }
            }
            if (only.contains("replica")) {
                String[] urls = System.getenv().getOrDefault("FORUMKIT_BENCH_REPLICA_URLS", "").split(",");
                if (urls.length != 2) {
                    report.note("postgresql replica", "-", "skipped", "FORUMKIT_BENCH_REPLICA_URLS is not primary,standby");
                } else {
                    scaleOut.replica(urls[0].strip(), urls[1].strip());
                }
            }
        }
        if (only.contains("render")) {
            scenarios.rendering(renderers(), samples());
        }
        if (only.contains("render-worst")) {
            new RenderWorst(report).run(renderers());
        }
        if (only.contains("memory")) {
            scenarios.memory();
        }

        String header = "Mode `" + mode.name() + "`, " + Instant.now() + ", Java " + System.getProperty("java.version")
                + " on " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; JVM args "
                + ManagementFactory.getRuntimeMXBean().getInputArguments() + "; took "
                + Math.round((System.nanoTime() - started) / 1e9) + " s.\n\n";
        report.violationsOf(profiled);
        String markdown = header + report.markdown() + (profiling ? profile.markdown() : "")
                + (httpProfile == null ? "" : httpProfile.markdown());
        if (out != null) {
            Files.writeString(Path.of(out), markdown, StandardCharsets.UTF_8);
        }
        System.out.println();
        System.out.println(markdown);
        if (!report.violations().isEmpty()) {
            System.exit(1);
        }
    }

    private static String toTwoKilobytes(String head, String repeated, String tail) {
        StringBuilder text = new StringBuilder(head);
        while ((text + tail).getBytes(StandardCharsets.UTF_8).length < 2048) {
            text.append(repeated);
        }
        return text.append(tail).toString();
    }

    private static String value(List<String> options, String name, String fallback) {
        int at = options.indexOf(name);
        return at >= 0 && at + 1 < options.size() ? options.get(at + 1) : fallback;
    }

    static List<ContentRenderer> renderers() {
        List<ContentRenderer> renderers = new ArrayList<>();
        renderers.add(new PlainTextRenderer());
        renderers.add(new BbCodeRenderer());
        renderers.add(new MarkdownRenderer());
        return renderers;
    }

    /** A typical 2 KB Chinese post in each format. */
    static Map<String, String> samples() {
        String paragraph = "民政工作是为民之政，民政事业是和谐之基。我们将更加牢记强化高水平崛起的社会保障的使命任务，"
                + "进一步增强工作责任感，积极应对各种风险和挑战，争当我市社会建设的排头兵。";
        Map<String, String> samples = new LinkedHashMap<>();
        samples.put("PLAIN", toTwoKilobytes("", paragraph + "\n\n", "原文链接: https://news.example.com/opinion/201208.shtml"));
        samples.put("BBCODE", toTwoKilobytes("[quote=楼主]" + paragraph + "[/quote]\n", "[b]要点[/b] " + paragraph + "\n",
                "[url=https://news.example.com/a]原文链接[/url] [color=red]重要[/color] [list][*]一[*]二[/list]"));
        samples.put("MARKDOWN", toTwoKilobytes("> " + paragraph + "\n\n", "**要点** " + paragraph + "\n\n",
                "[原文链接](https://news.example.com/a)\n\n- 一\n- 二\n"));
        return samples;
    }
}
