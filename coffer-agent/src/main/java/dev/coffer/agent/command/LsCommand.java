package dev.coffer.agent.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists the files of a snapshot. */
@Command(name = "ls", description = "List the files in a snapshot, or under PATH in it.")
public final class LsCommand extends AgentCommand {

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "snapshot id, unique id prefix, or 'latest'")
    String snapshot;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "only list this path and below")
    String path;

    @Option(names = {"-l", "--long"}, description = "show type, mode, size and modification time")
    boolean longFormat;

    @Override
    public Integer call() {
        throw Pending.engine();
    }
}
