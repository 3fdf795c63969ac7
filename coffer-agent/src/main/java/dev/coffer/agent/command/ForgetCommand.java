package dev.coffer.agent.command;

import dev.coffer.agent.AgentException;
import dev.coffer.agent.ExitCodes;
import dev.coffer.engine.retention.RetentionPolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Removes snapshots that a retention policy does not keep. */
@Command(name = "forget", description = {
    "Remove the snapshots the retention policy does not keep, per host and set of paths.",
    "Without any --keep option nothing is removed. Data is only freed by 'prune' (or --prune)."})
public final class ForgetCommand extends AgentCommand {

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

    @Option(names = "--prune", description = "free the space of removed snapshots afterwards")
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
                    .replace("keepTags", "--keep-tag"));
        }
    }

    @Override
    public Integer call() {
        policy();
        throw Pending.engine();
    }
}
