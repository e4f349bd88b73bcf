package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoConfigTest {

    @Test
    void defaults() {
        DemoConfig config = DemoConfig.parse(new String[0], Map.of());
        assertThat(config).isEqualTo(new DemoConfig(8080, null, null, null, Path.of("forumkit-data")));
    }

    @Test
    void flagsWinOverTheEnvironment() {
        Map<String, String> env = Map.of("FORUMKIT_PORT", "9000", "FORUMKIT_JDBC_URL", "jdbc:postgresql://db/forum",
                "FORUMKIT_JDBC_USER", "forum", "FORUMKIT_JDBC_PASSWORD", "secret", "FORUMKIT_DATA_DIR", "/var/forum");
        assertThat(DemoConfig.parse(new String[0], env)).isEqualTo(
                new DemoConfig(9000, "jdbc:postgresql://db/forum", "forum", "secret", Path.of("/var/forum")));
        assertThat(DemoConfig.parse(new String[] {"--port", "8181", "--jdbc-url=jdbc:mariadb://x/y"}, env))
                .extracting(DemoConfig::port, DemoConfig::jdbcUrl).containsExactly(8181, "jdbc:mariadb://x/y");
    }

    @Test
    void badOptionsAreExplained() {
        assertThatThrownBy(() -> DemoConfig.parse(new String[] {"--prot", "1"}, Map.of()))
                .hasMessageContaining("unknown option --prot").hasMessageContaining("usage");
        assertThatThrownBy(() -> DemoConfig.parse(new String[] {"--port", "eighty"}, Map.of()))
                .hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> DemoConfig.parse(new String[] {"--port", "70000"}, Map.of()))
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> DemoConfig.parse(new String[] {"stray"}, Map.of()))
                .hasMessageContaining("unknown argument");
    }
}
