package org.forumkit.examples;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's options: each from a command-line flag, else from the environment, else a default. The same
 * command thus serves a developer, a container and a test.
 *
 * @param jdbcUrl {@code null} for the embedded H2 database in {@code dataDir}
 */
public record DemoConfig(int port, String jdbcUrl, String jdbcUser, String jdbcPassword, Path dataDir) {

    public static final String USAGE = """
            usage: java -jar forum-examples/target/forum-demo.jar [options]
              --port N              HTTP port (FORUMKIT_PORT, default 8080)
              --jdbc-url URL        a PostgreSQL or MariaDB database instead of the embedded H2 (FORUMKIT_JDBC_URL)
              --jdbc-user USER      (FORUMKIT_JDBC_USER)
              --jdbc-password PW    (FORUMKIT_JDBC_PASSWORD)
              --data-dir DIR        where the embedded H2 database lives (FORUMKIT_DATA_DIR, default ./forumkit-data)
            """;

    public static DemoConfig parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                name = arg.substring(2);
                value = args[++i];
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
            if (!java.util.Set.of("port", "jdbc-url", "jdbc-user", "jdbc-password", "data-dir").contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
            }
            flags.put(name, value);
        }
        String port = option(flags, env, "port", "FORUMKIT_PORT").orElse("8080");
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, was '" + port + "'");
        }
        if (portNumber < 0 || portNumber > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, was " + portNumber);
        }
        return new DemoConfig(portNumber,
                option(flags, env, "jdbc-url", "FORUMKIT_JDBC_URL").orElse(null),
                option(flags, env, "jdbc-user", "FORUMKIT_JDBC_USER").orElse(null),
                option(flags, env, "jdbc-password", "FORUMKIT_JDBC_PASSWORD").orElse(null),
                Path.of(option(flags, env, "data-dir", "FORUMKIT_DATA_DIR").orElse("forumkit-data")));
    }

    private static Optional<String> option(Map<String, String> flags, Map<String, String> env, String flag, String var) {
        return Optional.ofNullable(flags.get(flag)).or(() -> Optional.ofNullable(env.get(var)))
                .filter(v -> !v.isBlank());
    }
}
