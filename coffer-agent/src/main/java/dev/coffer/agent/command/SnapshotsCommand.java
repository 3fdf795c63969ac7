package dev.coffer.agent.command;

import picocli.CommandLine.Command;

/** Lists the repository's snapshots. */
@Command(name = "snapshots", description = "List the snapshots in the repository, oldest first.")
public final class SnapshotsCommand extends AgentCommand {

    @Override
    public Integer call() {
        throw Pending.engine();
    }
}
