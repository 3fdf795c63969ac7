package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.NodeType;
import dev.coffer.engine.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists the files of a snapshot. */
@Command(name = "ls", description = "List the files in a snapshot, or under PATH in it.")
public final class LsCommand extends AgentCommand {

    public LsCommand(CommandContext context) {
        super(context);
    }

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "snapshot id, unique id prefix, or 'latest'")
    String snapshot;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "only list this path and below")
    String path;

    @Option(names = {"-l", "--long"}, description = "show type, mode, size and modification time")
    boolean longFormat;

    @Override
    public Integer call() {
        CommandContext agent = context;
        String root = path == null ? "/" : SnapshotPaths.normalize(path, "PATH");
        List<Map<String, Object>> json = new ArrayList<>();
        int[] found = {0};
        try (Repository repository = Repositories.open(agent)) {
            Snapshot s = repository.findSnapshot(snapshot);
            repository.walk(s, (nodePath, node) -> {
                if (!SnapshotPaths.isWithin(nodePath, root)) {
                    return;
                }
                found[0]++;
                if (agent.json()) {
                    json.add(entry(nodePath, node));
                } else {
                    agent.println(longFormat ? longLine(nodePath, node) : nodePath);
                }
            });
        }
        if (found[0] == 0 && path != null) {
            throw new AgentException(ExitCodes.FATAL, "nothing at " + root + " in snapshot " + snapshot
                    + ": list the whole snapshot with 'coffer-agent ls " + snapshot + "'");
        }
        agent.printJson(json);
        return 0;
    }

    private static Map<String, Object> entry(String path, Node node) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", path);
        json.put("type", node.type().name().toLowerCase(Locale.ROOT));
        json.put("size", node.size());
        json.put("mode", String.format(Locale.ROOT, "%04o", node.mode()));
        json.put("mtime", node.mtime().toString());
        json.put("user", node.user());
        json.put("group", node.group());
        if (node.type() == NodeType.SYMLINK) {
            json.put("linkTarget", node.linkTarget());
        }
        return json;
    }

    private static String longLine(String path, Node node) {
        String link = node.type() == NodeType.SYMLINK ? " -> " + node.linkTarget() : "";
        return String.format(Locale.ROOT, "%s %-8s %-8s %12d %s %s%s", permissions(node), node.user(), node.group(),
                node.size(), SnapshotsCommand.TIME.format(node.mtime()), path, link);
    }

    /** "drwxr-xr-x" style. */
    static String permissions(Node node) {
        char type = switch (node.type()) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            default -> '-';
        };
        StringBuilder s = new StringBuilder().append(type);
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((node.mode() & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        return s.toString();
    }
}
