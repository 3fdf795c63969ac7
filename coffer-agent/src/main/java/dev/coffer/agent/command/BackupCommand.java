package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.progress.ProgressDisplay;
import dev.coffer.agent.progress.ProgressFormat;
import dev.coffer.engine.archive.Archiver;
import dev.coffer.engine.archive.BackupOptions;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.SnapshotSummary;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Backs up files and directories into a new snapshot. */
@Command(name = "backup", description = {
    "Back up files and directories into a new snapshot.",
    "Files unchanged since the last snapshot of the same host and paths are not read again.",
    "Exits with 3 when the snapshot was saved but some files could not be read."})
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
        CommandContext agent = context;
        List<Path> sources = new ArrayList<>();
        for (Path path : paths) {
            Path absolute = path.toAbsolutePath().normalize();
            if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                throw new AgentException(ExitCodes.FATAL, "cannot back up " + path + ": no such file or directory");
            }
            sources.add(absolute);
        }
        BackupOptions options = options();
        ProgressDisplay progress = agent.progress();
        Snapshot snapshot;
        try (Repository repository = Repositories.open(agent)) {
            snapshot = new Archiver(repository, options, progress).backup(sources);
        } finally {
            progress.finish();
        }
        report(agent, snapshot, progress.warnings());
        if (progress.warnings() > 0) {
            agent.environment().err().println("warning: " + progress.warnings() + " files could not be read and are"
                    + " not in snapshot " + snapshot.shortId() + " (see the warnings above)");
            return ExitCodes.PARTIAL_BACKUP;
        }
        return ExitCodes.OK;
    }

    private BackupOptions options() {
        try {
            BackupOptions options = BackupOptions.defaults().withTags(tags).withExcludes(excludes);
            return host == null ? options : options.withHostname(host);
        } catch (IllegalArgumentException e) {
            throw new AgentException(ExitCodes.USAGE, e.getMessage().replace("hostname", "--host"), e);
        }
    }

    private static void report(CommandContext agent, Snapshot snapshot, long warnings) {
        SnapshotSummary s = snapshot.summary();
        agent.println("Files: " + s.filesNew() + " new, " + s.filesChanged() + " changed, " + s.filesUnmodified()
                + " unmodified; " + s.dirs() + " directories");
        // bytesProcessed counts the bytes read: unmodified files are not read again.
        agent.println("Backed up " + ProgressFormat.bytes(s.totalBytes()) + ", read " + ProgressFormat.bytes(s.bytesProcessed())
                + ", added " + ProgressFormat.bytes(s.bytesAdded()) + " to the repository");
        agent.println("snapshot " + snapshot.shortId() + " saved");
        Map<String, Object> json = Json.snapshot(snapshot);
        json.put("warnings", warnings);
        agent.printJson(json);
    }
}
