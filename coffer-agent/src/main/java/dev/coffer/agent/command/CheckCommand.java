package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.progress.ProgressDisplay;
import dev.coffer.engine.check.CheckResult;
import dev.coffer.engine.check.Checker;
import dev.coffer.engine.repository.Repository;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Verifies the repository. */
@Command(name = "check", description = {
    "Verify the repository's structure; with --read-data also read and authenticate every byte of data.",
    "Exits with 1 and names the affected files when something is damaged."})
public final class CheckCommand extends AgentCommand {

    public CheckCommand(CommandContext context) {
        super(context);
    }

    @Option(names = "--read-data", description = "read and authenticate every blob (slow; finds damaged data)")
    boolean readData;

    @Override
    public Integer call() {
        CommandContext agent = context;
        ProgressDisplay progress = agent.progress();
        CheckResult result;
        try (Repository repository = Repositories.open(agent)) {
            result = new Checker(repository, progress).check(readData);
        } finally {
            progress.finish();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", result.ok());
        json.put("packsChecked", result.packsChecked());
        json.put("blobsChecked", result.blobsChecked());
        json.put("errors", result.errors());
        json.put("affectedFiles", result.affectedFiles());
        agent.printJson(json);
        if (result.ok()) {
            agent.println("no errors were found (" + result.packsChecked() + " packs, " + result.blobsChecked()
                    + " blobs" + (readData ? " read" : "") + ")");
            return 0;
        }
        for (String error : result.errors()) {
            agent.environment().err().println("error: " + error);
        }
        for (String file : result.affectedFiles()) {
            agent.environment().err().println("affected: " + file);
        }
        throw new AgentException(ExitCodes.FATAL, "the repository has " + result.errors().size() + " errors"
                + (result.affectedFiles().isEmpty() ? "" : " affecting " + result.affectedFiles().size() + " files")
                + ": back those files up again; 'prune' removes damaged data no snapshot needs");
    }
}
