package dev.coffer.server.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips every {@code *PostgresIT} class, before Spring starts, when no PostgreSQL answers on a developer's machine.
 * Under CI ({@code CI=true}) it never skips: there a missing PostgreSQL must fail the build. Registered for all
 * tests through {@code META-INF/services} and {@code junit-platform.properties}.
 */
public final class PostgresAvailability implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean postgresTest = context.getTestClass()
                .map(c -> c.getSimpleName().endsWith("PostgresIT"))
                .orElse(false);
        if (!postgresTest) {
            return ConditionEvaluationResult.enabled("not a PostgreSQL test");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI requires PostgreSQL");
        }
        if (PostgresTestDatabase.reachable()) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable");
        }
        return ConditionEvaluationResult.disabled("PostgreSQL not reachable at " + PostgresTestDatabase.adminUrl()
                + ": PostgreSQL tests skipped (set COFFER_TEST_PG_URL; under CI=true they are required)");
    }
}
