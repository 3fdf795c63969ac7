package dev.coffer.agent.command;

import dev.coffer.agent.progress.ProgressDisplay;
import dev.coffer.agent.progress.ProgressFormat;
import dev.coffer.engine.prune.PruneOptions;
import dev.coffer.engine.prune.PruneResult;
import dev.coffer.engine.prune.Pruner;
import dev.coffer.engine.repository.Repository;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Frees the space of data no snapshot uses any more. */
@Command(name = "prune", description = {
    "Free the space of data that no snapshot uses any more.",
    "Only packs with more than 5% unused data are rewritten; backups may run at the same time."})
public final class PruneCommand extends AgentCommand {

    public PruneCommand(CommandContext context) {
        super(context);
    }

    @Option(names = {"-n", "--dry-run"}, description = "only show what would be freed")
    boolean dryRun;

    @Override
    public Integer call() {
        CommandContext agent = context;
        Repositories.refuseOnServer(agent, "prune");
        try (Repository repository = Repositories.open(agent)) {
            agent.printJson(prune(agent, repository, dryRun));
        }
        return 0;
    }

    /** Prunes and prints what was freed; returns the JSON form of the result (shared with {@code forget --prune}). */
    static Map<String, Object> prune(CommandContext agent, Repository repository, boolean dryRun) {
        ProgressDisplay progress = agent.progress();
        PruneResult result;
        try {
            result = new Pruner(repository, progress).prune(new PruneOptions(0.05, dryRun));
        } finally {
            progress.finish();
        }
        agent.println((dryRun ? "would free " : "freed ") + ProgressFormat.bytes(result.bytesFreed()) + ": "
                + result.blobsRemoved() + " unused blobs, " + result.packsDeleted() + " packs deleted, "
                + result.packsRewritten() + " packs rewritten");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dryRun", dryRun);
        json.put("bytesFreed", result.bytesFreed());
        json.put("blobsRemoved", result.blobsRemoved());
        json.put("packsDeleted", result.packsDeleted());
        json.put("packsRewritten", result.packsRewritten());
        return json;
    }
}
