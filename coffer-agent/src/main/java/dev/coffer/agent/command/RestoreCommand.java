package dev.coffer.agent.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Restores a snapshot, or chosen paths of it, into a target directory. */
@Command(name = "restore", description = "Restore a snapshot (or chosen paths of it) into a target directory.")
public final class RestoreCommand extends AgentCommand {

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "snapshot id, unique id prefix, or 'latest'")
    String snapshot;

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "DIR",
            description = "directory to restore into; files land at DIR + their path in the snapshot")
    Path target;

    @Option(names = {"-i", "--include"}, paramLabel = "PATH",
            description = "restore only this path of the snapshot and below (repeatable)")
    List<String> includes = new ArrayList<>();

    @Option(names = "--overwrite", description = "replace files that already exist in the target")
    boolean overwrite;

    @Override
    public Integer call() {
        throw Pending.engine();
    }
}
