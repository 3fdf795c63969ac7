package dev.coffer.agent.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Backs up files and directories into a new snapshot. */
@Command(name = "backup", description = "Back up files and directories into a new snapshot.")
public final class BackupCommand extends AgentCommand {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files and directories to back up")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", description = "tag the snapshot (repeatable)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--host", paramLabel = "HOST", description = "host name to record (default: this machine's)")
    String host;

    @Option(names = {"-e", "--exclude"}, paramLabel = "GLOB", description = "skip paths matching GLOB (repeatable)")
    List<String> excludes = new ArrayList<>();

    @Override
    public Integer call() {
        throw Pending.engine();
    }
}
