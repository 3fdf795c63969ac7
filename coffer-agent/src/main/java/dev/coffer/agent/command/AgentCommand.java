package dev.coffer.agent.command;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every subcommand: the {@link CommandContext} it runs in, given at construction. */
abstract class AgentCommand implements Callable<Integer> {

    protected final CommandContext context;

    @Spec
    CommandSpec spec;

    protected AgentCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }
}
