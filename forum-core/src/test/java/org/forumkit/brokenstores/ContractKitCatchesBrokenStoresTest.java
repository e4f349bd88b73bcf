package org.forumkit.brokenstores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.List;
import org.forumkit.testing.LauncherOnly;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The contract kit has teeth: run against each deliberately broken store of {@link BrokenStores}, it fails at
 * least one test (and names it), while the correct in-memory store passes it all.
 */
class ContractKitCatchesBrokenStoresTest {

    private static TestExecutionSummary run(Class<?> kit) {
        return run(kit.getName());
    }

    private static TestExecutionSummary run(String kit) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit))
                .configurationParameter(LauncherOnly.PARAMETER, "true").build(), listener);
        return listener.getSummary();
    }

    @TestFactory
    List<DynamicTest> everyBrokenStoreFailsTheKit() {
        return Arrays.stream(BrokenStores.ALL).map(broken -> dynamicTest(broken.getSimpleName(), () -> {
            TestExecutionSummary summary = run(broken);
            assertThat(summary.getTestsStartedCount()).isGreaterThan(20);
            assertThat(summary.getTotalFailureCount())
                    .as(broken.getSimpleName() + " passed the whole kit")
                    .isPositive();
        })).toList();
    }

    @TestFactory
    List<DynamicTest> theCorrectStorePassesIt() {
        return List.of(dynamicTest("InMemoryForumStore", () -> {
            TestExecutionSummary summary = run("org.forumkit.memory.InMemoryForumStoreTest");
            assertThat(summary.getTestsStartedCount()).isGreaterThan(20);
            assertThat(summary.getTotalFailureCount()).isZero();
        }));
    }
}
