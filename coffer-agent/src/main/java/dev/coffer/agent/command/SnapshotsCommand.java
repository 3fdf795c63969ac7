package dev.coffer.agent.command;

import dev.coffer.agent.progress.ProgressFormat;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.snapshot.Snapshot;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/** Lists the repository's snapshots. */
@Command(name = "snapshots", description = "List the snapshots in the repository, oldest first.")
public final class SnapshotsCommand extends AgentCommand {

    public SnapshotsCommand(CommandContext context) {
        super(context);
    }

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @Override
    public Integer call() {
        CommandContext agent = context;
        List<Snapshot> snapshots;
        try (Repository repository = Repositories.open(agent)) {
            snapshots = repository.snapshots();
        }
        agent.printJson(snapshots.stream().map(Json::snapshot).toList());
        if (snapshots.isEmpty()) {
            agent.println("no snapshots yet: create one with 'coffer-agent backup PATH'");
            return 0;
        }
        printTable(agent, snapshots);
        agent.println(snapshots.size() + " snapshots");
        return 0;
    }

    /** One line per snapshot under a header; also used by forget. */
    static void printTable(CommandContext agent, List<Snapshot> snapshots) {
        String format = "%-8s  %-19s  %-16s  %10s  %-16s  %s";
        agent.println(String.format(Locale.ROOT, format, "ID", "Time", "Host", "Size", "Tags", "Paths"));
        for (Snapshot s : snapshots) {
            agent.println(String.format(Locale.ROOT, format, s.shortId(), TIME.format(s.startTime()), s.hostname(),
                    ProgressFormat.bytes(s.summary().totalBytes()), String.join(",", s.tags()),
                    String.join(" ", s.paths())));
        }
    }
}
