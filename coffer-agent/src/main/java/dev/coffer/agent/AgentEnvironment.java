package dev.coffer.agent;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Everything the agent takes from its process: environment variables, output streams, the console and a clock.
 * Tests pass their own to run commands in-process.
 *
 * @param env       environment variables (COFFER_REPO, COFFER_PASSWORD, ...)
 * @param out       where results go
 * @param err       where errors, warnings and progress go
 * @param terminal  the console, if any
 * @param nanoClock monotonic time in nanoseconds, for rates and ETAs
 */
public record AgentEnvironment(Map<String, String> env, PrintWriter out, PrintWriter err, Terminal terminal,
                               LongSupplier nanoClock) {

    public AgentEnvironment {
        env = Map.copyOf(env);
    }

    /** This process's environment, streams and console. */
    public static AgentEnvironment system() {
        Map<String, String> env = System.getenv();
        return new AgentEnvironment(env, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                Terminal.system(env.get("TERM"), env.get("COLUMNS")), System::nanoTime);
    }

    /** An environment variable, empty when unset or blank. */
    public Optional<String> variable(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
