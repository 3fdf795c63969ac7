package dev.coffer.agent;

import dev.coffer.agent.core.AgentEnvironment;
import dev.coffer.agent.core.Terminal;
import dev.coffer.agent.core.ScriptedTerminal;

import dev.coffer.agent.core.Host;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Runs the agent in-process with a chosen environment and captures what it prints. */
public final class AgentRunner {

    /** The outcome of one run. */
    public record Result(int exitCode, String out, String err) {
    }

    private final Map<String, String> env = new HashMap<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private final AtomicLong clock = new AtomicLong();
    private boolean interactive;
    private Host host = Host.system();

    public AgentRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public AgentRunner withoutEnv(String name) {
        env.remove(name);
        return this;
    }

    /** Answers the console prompts with these passphrases, in order, as a person typing would. */
    public AgentRunner typing(String... passphrases) {
        answers.addAll(List.of(passphrases));
        interactive = true;
        return this;
    }

    /** Runs as on a terminal a person watches (a progress bar is drawn), without typing anything. */
    public AgentRunner interactive() {
        interactive = true;
        return this;
    }

    /** Runs on this machine instead of the real one (a fake /sys and /proc, a fixed clock, a sleeper). */
    public AgentRunner host(Host newHost) {
        this.host = newHost;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = new ScriptedTerminal(interactive, answers);
        AgentEnvironment environment = new AgentEnvironment(env, new PrintWriter(out, true),
                new PrintWriter(err, true), terminal, () -> clock.addAndGet(1_000_000L), host);
        int code = CofferAgent.execute(environment, args);
        return new Result(code, out.toString(), err.toString());
    }
}
