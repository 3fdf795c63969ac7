package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.engine.archive.BackupOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Backs up files and directories into a new snapshot. */
@Command(name = "backup", description = {
    "Back up files and directories into a new snapshot.",
    "Files unchanged since the last snapshot of the same host and paths are not read again.",
    "Exits with 3 when the snapshot was saved but some files could not be read.",
    "After 'register' (and without --repo) it backs up to the Coffer server and reports the run there;",
    "a full quota stops it with exit code 20: what was stored is kept, no snapshot is saved."})
public final class BackupCommand extends AgentCommand {

    public BackupCommand(CommandContext context) {
        super(context);
    }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files and directories to back up")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", description = "tag the snapshot (repeatable)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--host", paramLabel = "HOST", description = "host name to record (default: this machine's)")
    String host;

    @Option(names = {"-e", "--exclude"}, paramLabel = "GLOB",
            description = "skip paths matching GLOB (repeatable); without '/' it matches a name anywhere")
    List<String> excludes = new ArrayList<>();

    @Override
    public Integer call() {
        List<Path> sources = BackupRun.sources(paths);
        return new BackupRun(context).backup(sources, options());
    }

    private BackupOptions options() {
        try {
            BackupOptions options = BackupOptions.defaults().withTags(tags).withExcludes(excludes);
            return host == null ? options : options.withHostname(host);
        } catch (IllegalArgumentException e) {
            throw new AgentException(ExitCodes.USAGE, e.getMessage().replace("hostname", "--host"), e);
        }
    }
}
