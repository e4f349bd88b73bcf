package org.forumkit.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that must fail by design (the contract kit on a deliberately broken or unreachable store): it
 * runs only when a test launches it through the JUnit launcher with the configuration parameter {@link #PARAMETER}
 * set, and is disabled in every ordinary run, whatever {@code -Dtest}, {@code -Dgroups} or an IDE selects.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LauncherOnly.Condition.class)
public @interface LauncherOnly {
    /** The configuration parameter a launching test sets to {@code true}. */
    String PARAMETER = "forumkit.launcher-only";

    /** Enables the class only when the launching request set {@link #PARAMETER}. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER, Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("launched on purpose")
                    : ConditionEvaluationResult.disabled("fails by design; run only through the test that launches it");
        }
    }
}
