package org.forumkit.examples.bench;

/**
 * Opens benchmark targets by name: {@code memory}, {@code h2}, {@code postgresql}, {@code mariadb}. The servers
 * are the local ones on 127.0.0.1, database {@code forumkit_bench} (created once as the README says; overridable with
 * {@code FORUMKIT_BENCH_PG_URL} and {@code FORUMKIT_BENCH_MARIADB_URL}, user and password {@code forumkit}).
 */
final class Targets {
    private Targets() {
    }

    /** The target, or {@code null} when it is not reachable here. */
    static Target open(String name) {
        return open(name, false);
    }

    /** As {@link #open(String)}; {@code counted}: the database's connections count round trips (the profile). */
    static Target open(String name, boolean counted) {
        String env = System.getenv().getOrDefault("FORUMKIT_BENCH_" + (name.equals("postgresql") ? "PG" : name.toUpperCase())
                + "_URL", "");
        return switch (name) {
            case "memory" -> new MemoryTarget();
            case "h2" -> DatabaseTarget.open("h2", "jdbc:h2:mem:forumkit-bench;DB_CLOSE_DELAY=-1", "sa", "", counted)
                    .orElse(null);
            case "postgresql" -> DatabaseTarget.open("postgresql",
                    env.isEmpty() ? "jdbc:postgresql://127.0.0.1:5432/forumkit_bench" : env, "forumkit", "forumkit", counted)
                    .orElse(null);
            case "mariadb" -> DatabaseTarget.open("mariadb",
                    env.isEmpty() ? "jdbc:mariadb://127.0.0.1:3306/forumkit_bench" : env, "forumkit", "forumkit", counted)
                    .orElse(null);
            default -> throw new IllegalArgumentException("unknown target '" + name
                    + "': use memory, h2, postgresql or mariadb");
        };
    }
}
