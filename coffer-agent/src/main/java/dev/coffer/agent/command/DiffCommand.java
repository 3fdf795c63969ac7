package dev.coffer.agent.command;

import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.snapshot.Change;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.SnapshotDiff;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Shows what changed between two snapshots. */
@Command(name = "diff", description = {
    "Show the files added (+), removed (-), modified (M) and with changed metadata only (U) between two snapshots."})
public final class DiffCommand extends AgentCommand {

    public DiffCommand(CommandContext context) {
        super(context);
    }

    @Parameters(index = "0", paramLabel = "SNAPSHOT1", description = "the older snapshot")
    String first;

    @Parameters(index = "1", paramLabel = "SNAPSHOT2", description = "the newer snapshot")
    String second;

    @Override
    public Integer call() {
        CommandContext agent = context;
        Snapshot a;
        Snapshot b;
        List<Change> changes;
        try (Repository repository = Repositories.open(agent)) {
            a = repository.findSnapshot(first);
            b = repository.findSnapshot(second);
            changes = SnapshotDiff.diff(repository, a, b);
        }
        Map<Change.Kind, Integer> counts = new EnumMap<>(Change.Kind.class);
        for (Change change : changes) {
            counts.merge(change.kind(), 1, Integer::sum);
            agent.println(symbol(change.kind()) + "  " + change.path());
        }
        agent.println(String.format(Locale.ROOT, "%s..%s: %d added, %d removed, %d modified, %d metadata only",
                a.shortId(), b.shortId(), counts.getOrDefault(Change.Kind.ADDED, 0),
                counts.getOrDefault(Change.Kind.REMOVED, 0), counts.getOrDefault(Change.Kind.MODIFIED, 0),
                counts.getOrDefault(Change.Kind.METADATA, 0)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", a.id());
        json.put("to", b.id());
        json.put("changes", changes.stream().map(c -> Map.of("path", c.path(),
                "kind", c.kind().name().toLowerCase(Locale.ROOT))).toList());
        agent.printJson(json);
        return 0;
    }

    private static String symbol(Change.Kind kind) {
        switch (kind) {
            case ADDED:
                return "+";
            case REMOVED:
                return "-";
            case MODIFIED:
                return "M";
            default:
                return "U";
        }
    }
}
