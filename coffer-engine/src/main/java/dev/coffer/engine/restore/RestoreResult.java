package dev.coffer.engine.restore;

import java.util.List;

/** What a restore did; {@code errors} names each path that could not be restored and why. */
public record RestoreResult(long files, long dirs, long bytes, List<String> errors) {

    public RestoreResult {
        errors = List.copyOf(errors);
    }
}
