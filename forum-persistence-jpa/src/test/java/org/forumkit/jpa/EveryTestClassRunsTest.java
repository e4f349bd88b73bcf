package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.forumkit.testing.TestClassNames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every test class of forum-persistence-jpa is one Maven runs")
class EveryTestClassRunsTest {

    @Test
    @DisplayName("no class with tests has a name that Surefire and Failsafe skip")
    void noMisnamedTestClass() throws Exception {
        assertThat(TestClassNames.neverRun(TestClassNames.classesOf(getClass()), getClass().getClassLoader()))
                .as("test classes no Maven pattern matches (name them *Test, or *IT for Failsafe)")
                .isEmpty();
    }
}
