package dev.coffer.agent.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Frees the space of data no snapshot uses any more. */
@Command(name = "prune", description = "Free the space of data that no snapshot uses any more.")
public final class PruneCommand extends AgentCommand {

    @Option(names = {"-n", "--dry-run"}, description = "only show what would be freed")
    boolean dryRun;

    @Override
    public Integer call() {
        throw Pending.engine();
    }
}
