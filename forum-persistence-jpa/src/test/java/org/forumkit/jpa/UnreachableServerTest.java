package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.forumkit.jpa.testing.TestServer;
import org.forumkit.testing.LauncherOnly;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.tck.ForumStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.opentest4j.AssertionFailedError;

@DisplayName("A database server that cannot be reached skips its tests (and fails them under CI=true)")
class UnreachableServerTest {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    static final String NOWHERE = "jdbc:postgresql://127.0.0.1:9/forumkit_nowhere";

    private static TestServer nowhere(boolean failWhenUnreachable) {
        return new TestServer(TestServer.Kind.POSTGRESQL, NOWHERE, "forumkit", "forumkit", "postgres", "",
                failWhenUnreachable);
    }

    /** The whole kit on a store whose server is down; run only through the launcher below. */
    @Tag("unreachable-server")
    @LauncherOnly
    static class KitOnUnreachableServer extends ForumStoreContract {
        @Override
        protected ForumStore newStore() {
            nowhere(false).require();
            throw new AssertionError("require() let an unreachable server through");
        }
    }

    @Test
    @DisplayName("the contract kit on an unreachable server: every test aborted with a message naming it, none failed")
    void theKitIsSkippedNotBroken() {
        List<String> reasons = new CopyOnWriteArrayList<>();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener aborted = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED) {
                    reasons.add(result.getThrowable().map(Throwable::getMessage).orElse(""));
                }
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(KitOnUnreachableServer.class))
                .configurationParameter(LauncherOnly.PARAMETER, "true").build(), summary, aborted);
        TestExecutionSummary result = summary.getSummary();

        assertThat(result.getTestsStartedCount()).isGreaterThan(20);
        assertThat(result.getTotalFailureCount()).as("failures, e.g. in @AfterEach").isZero();
        assertThat(result.getTestsAbortedCount()).isEqualTo(result.getTestsStartedCount());
        assertThat(reasons).hasSize((int) result.getTestsStartedCount())
                .allSatisfy(reason -> assertThat(reason)
                        .startsWith("PostgreSQL is not reachable for the tests at " + NOWHERE)
                        .contains("FORUMKIT_PG_URL"));
    }

    @Test
    @DisplayName("under CI=true the same server fails the test instead")
    void underCiTheTestFails() {
        assertThatThrownBy(() -> nowhere(true).require())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("PostgreSQL is not reachable for the tests at " + NOWHERE);
    }
}
