package dev.coffer.agent.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Verifies the repository. */
@Command(name = "check", description = "Verify the repository's structure; with --read-data also every byte of data.")
public final class CheckCommand extends AgentCommand {

    @Option(names = "--read-data", description = "read and authenticate every blob (slow; finds damaged data)")
    boolean readData;

    @Override
    public Integer call() {
        throw Pending.engine();
    }
}
