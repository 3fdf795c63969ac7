package dev.coffer.engine.check;

import java.util.List;

/** What check found: errors (each names the object), the files they affect ("snapshotShortId:/path"), and counts. */
public record CheckResult(List<String> errors, List<String> affectedFiles, long packsChecked, long blobsChecked) {

    public CheckResult {
        errors = List.copyOf(errors);
        affectedFiles = List.copyOf(affectedFiles);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
