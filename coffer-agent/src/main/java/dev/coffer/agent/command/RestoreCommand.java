package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.progress.ProgressDisplay;
import dev.coffer.agent.progress.ProgressFormat;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.restore.RestoreOptions;
import dev.coffer.engine.restore.RestoreResult;
import dev.coffer.engine.restore.Restorer;
import dev.coffer.engine.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Restores a snapshot, or chosen paths of it, into a target directory. */
@Command(name = "restore", description = {
    "Restore a snapshot (or chosen paths of it) into a target directory.",
    "A file backed up as /home/me/a.txt lands at DIR/home/me/a.txt."})
public final class RestoreCommand extends AgentCommand {

    public RestoreCommand(CommandContext context) {
        super(context);
    }

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "snapshot id, unique id prefix, or 'latest'")
    String snapshot;

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "DIR", description = "directory to restore into")
    Path target;

    @Option(names = {"-i", "--include"}, paramLabel = "PATH",
            description = "restore only this absolute path of the snapshot and below (repeatable)")
    List<String> includes = new ArrayList<>();

    @Option(names = "--overwrite", description = "replace files that already exist in the target")
    boolean overwrite;

    @Override
    public Integer call() {
        CommandContext agent = context;
        List<String> paths = includes.stream().map(p -> SnapshotPaths.normalize(p, "--include")).toList();
        RestoreOptions options = RestoreOptions.defaults().withIncludes(paths).withOverwrite(overwrite);
        Path targetDir = target.toAbsolutePath().normalize();
        ProgressDisplay progress = agent.progress();
        Snapshot s;
        RestoreResult result;
        try (Repository repository = Repositories.open(agent)) {
            s = repository.findSnapshot(snapshot);
            result = new Restorer(repository, progress).restore(s, targetDir, options);
        } finally {
            progress.finish();
        }
        // Counted as backup counts them: regular files (a hard link as one), then symlinks, then directories.
        agent.println("restored " + result.files() + " files, " + result.symlinks() + " symlinks, " + result.dirs()
                + " directories, " + ProgressFormat.bytes(result.bytes()) + " from snapshot " + s.shortId() + " to " + targetDir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("snapshot", s.id());
        json.put("target", targetDir.toString());
        json.put("files", result.files());
        json.put("symlinks", result.symlinks());
        json.put("dirs", result.dirs());
        json.put("bytes", result.bytes());
        json.put("errors", result.errors());
        agent.printJson(json);
        if (!result.errors().isEmpty()) {
            for (String error : result.errors()) {
                agent.environment().err().println("error: " + error);
            }
            throw new AgentException(ExitCodes.FATAL, result.errors().size()
                    + " items could not be restored (see above); the rest is in " + targetDir);
        }
        if (result.files() == 0 && result.symlinks() == 0 && result.dirs() == 0 && !paths.isEmpty()) {
            throw new AgentException(ExitCodes.FATAL, "nothing in snapshot " + s.shortId() + " matches " + paths
                    + ": see what it holds with 'coffer-agent ls " + snapshot + "'");
        }
        return ExitCodes.OK;
    }
}
