package dev.coffer.agent.command;

import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.SnapshotSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of engine values in the agent's --json output (kept stable for scripts). */
final class Json {

    private Json() {
    }

    static Map<String, Object> snapshot(Snapshot snapshot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", snapshot.id());
        json.put("shortId", snapshot.shortId());
        json.put("startTime", snapshot.startTime().toString());
        json.put("endTime", snapshot.endTime().toString());
        json.put("hostname", snapshot.hostname());
        json.put("username", snapshot.username());
        json.put("paths", snapshot.paths());
        json.put("tags", snapshot.tags());
        json.put("parent", snapshot.parentId());
        json.put("summary", summary(snapshot.summary()));
        return json;
    }

    static Map<String, Object> summary(SnapshotSummary s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("filesNew", s.filesNew());
        json.put("filesChanged", s.filesChanged());
        json.put("filesUnmodified", s.filesUnmodified());
        json.put("symlinks", s.symlinks());
        json.put("dirs", s.dirs());
        json.put("bytesProcessed", s.bytesProcessed());
        json.put("bytesAdded", s.bytesAdded());
        json.put("totalFiles", s.totalFiles());
        json.put("totalBytes", s.totalBytes());
        return json;
    }
}
