package dev.coffer.agent.core;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Everything the agent takes from its process: environment variables, output streams, the console, a clock and the
 * machine it runs on. Tests pass their own to run commands in-process; nothing else is global.
 *
 * @param env       environment variables (COFFER_REPO, COFFER_PASSWORD, COFFER_AGENT_HOME, HOME, ...)
 * @param out       where results go
 * @param err       where errors, warnings and progress go
 * @param terminal  the console, if any
 * @param nanoClock monotonic time in nanoseconds, for rates and ETAs
 * @param host      the machine: file system root, host name, wall clock, sleeper
 */
public record AgentEnvironment(Map<String, String> env, PrintWriter out, PrintWriter err, Terminal terminal,
                               LongSupplier nanoClock, Host host) {

    public AgentEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(host, "host");
    }

    /** An environment on this machine ({@link Host#system()}). */
    public AgentEnvironment(Map<String, String> env, PrintWriter out, PrintWriter err, Terminal terminal,
                            LongSupplier nanoClock) {
        this(env, out, err, terminal, nanoClock, Host.system());
    }

    /** This process's environment, streams and console. */
    public static AgentEnvironment system() {
        Map<String, String> env = System.getenv();
        return new AgentEnvironment(env, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                Terminal.system(env.get("TERM"), env.get("COLUMNS")), System::nanoTime, Host.system());
    }

    /** An environment variable, empty when unset or blank. */
    public Optional<String> variable(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
