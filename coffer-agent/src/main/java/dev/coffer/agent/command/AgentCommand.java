package dev.coffer.agent.command;

import dev.coffer.agent.CofferAgent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every subcommand: reaches the global options through the root command, at any nesting depth. */
abstract class AgentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    protected CofferAgent agent() {
        return (CofferAgent) spec.root().userObject();
    }
}
