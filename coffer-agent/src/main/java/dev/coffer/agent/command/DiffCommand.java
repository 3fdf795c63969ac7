package dev.coffer.agent.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Shows what changed between two snapshots. */
@Command(name = "diff", description = "Show the files added, removed and modified between two snapshots.")
public final class DiffCommand extends AgentCommand {

    @Parameters(index = "0", paramLabel = "SNAPSHOT1", description = "the older snapshot")
    String first;

    @Parameters(index = "1", paramLabel = "SNAPSHOT2", description = "the newer snapshot")
    String second;

    @Override
    public Integer call() {
        throw Pending.engine();
    }
}
