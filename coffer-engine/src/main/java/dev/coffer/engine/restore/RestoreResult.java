package dev.coffer.engine.restore;

import java.util.List;

/**
 * What a restore did: {@code files} counts regular files (a hard link as one file, as a backup does), apart from
 * {@code symlinks} and {@code dirs}; {@code errors} names each path that could not be restored and why.
 */
public record RestoreResult(long files, long symlinks, long dirs, long bytes, List<String> errors) {

    public RestoreResult {
        errors = List.copyOf(errors);
    }
}
