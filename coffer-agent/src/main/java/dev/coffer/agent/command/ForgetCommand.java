package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.engine.forget.ForgetResult;
import dev.coffer.engine.forget.Forgetter;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.retention.RetentionPolicy;
import dev.coffer.engine.retention.RetentionRefusedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Removes snapshots that a retention policy does not keep. */
@Command(name = "forget", description = {
    "Remove the snapshots the retention policy does not keep, per host and set of paths (as restic does).",
    "Without any --keep option nothing is removed. The space is only freed by 'prune' (or --prune)."})
public final class ForgetCommand extends AgentCommand {

    public ForgetCommand(CommandContext context) {
        super(context);
    }

    @Option(names = "--keep-last", paramLabel = "N", description = "keep the N newest snapshots")
    int keepLast;

    @Option(names = "--keep-hourly", paramLabel = "N", description = "keep the newest snapshot of each of N hours")
    int keepHourly;

    @Option(names = "--keep-daily", paramLabel = "N", description = "keep the newest snapshot of each of N days")
    int keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "keep the newest snapshot of each of N weeks")
    int keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "keep the newest snapshot of each of N months")
    int keepMonthly;

    @Option(names = "--keep-yearly", paramLabel = "N", description = "keep the newest snapshot of each of N years")
    int keepYearly;

    @Option(names = "--keep-tag", paramLabel = "TAG[,TAG...]",
            description = "keep snapshots carrying all these tags (repeatable)")
    List<String> keepTags = new ArrayList<>();

    @Option(names = {"-n", "--dry-run"}, description = "only show what would be removed")
    boolean dryRun;

    @Option(names = "--prune", description = "free the space of the removed snapshots afterwards")
    boolean prune;

    /** The policy from the options; a usage error (exit 2) naming the option when a value is invalid. */
    RetentionPolicy policy() {
        try {
            return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, keepTags);
        } catch (IllegalArgumentException e) {
            throw new AgentException(ExitCodes.USAGE, "invalid retention policy: " + e.getMessage()
                    .replace("keepLast", "--keep-last").replace("keepHourly", "--keep-hourly")
                    .replace("keepDaily", "--keep-daily").replace("keepWeekly", "--keep-weekly")
                    .replace("keepMonthly", "--keep-monthly").replace("keepYearly", "--keep-yearly")
                    .replace("keepTags", "--keep-tag"), e);
        }
    }

    @Override
    public Integer call() {
        CommandContext agent = context;
        Repositories.refuseOnServer(agent, "forget");
        RetentionPolicy policy = policy();
        if (policy.isEmpty()) {
            agent.environment().err().println("no --keep option given: nothing was removed"
                    + " (e.g. 'coffer-agent forget --keep-daily 7 --keep-weekly 4')");
            agent.printJson(Map.of("kept", List.of(), "removed", List.of()));
            return ExitCodes.OK;
        }
        try (Repository repository = Repositories.open(agent)) {
            ForgetResult result;
            try {
                result = Forgetter.forget(repository, policy, dryRun);
            } catch (RetentionRefusedException e) {
                throw new AgentException(ExitCodes.FATAL, e.getMessage() + "; nothing was removed", e);
            }
            agent.println("keep " + result.kept().size() + " snapshots:");
            SnapshotsCommand.printTable(agent, result.kept());
            agent.println("");
            agent.println((dryRun ? "would remove " : "removed ") + result.removed().size() + " snapshots:");
            SnapshotsCommand.printTable(agent, result.removed());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dryRun", dryRun);
            json.put("kept", result.kept().stream().map(Json::snapshot).toList());
            json.put("removed", result.removed().stream().map(Json::snapshot).toList());
            if (prune && !dryRun) {
                json.put("prune", PruneCommand.prune(agent, repository, false));
            } else if (!dryRun && !result.removed().isEmpty()) {
                agent.println("run 'coffer-agent prune' to free the space they used");
            }
            agent.printJson(json);
        }
        return ExitCodes.OK;
    }
}
