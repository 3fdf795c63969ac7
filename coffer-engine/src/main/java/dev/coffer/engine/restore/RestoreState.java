package dev.coffer.engine.restore;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.restore.RestoredMetadata.Creation;

/** What the parts of one restore share: its options, its counts and errors so far, and where to report them. */
final class RestoreState {

    final Path target;
    final RestoreOptions options;
    final Progress progress;
    final AtomicLong files = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    /** How files created in the target get their permissions (probed once the target exists). */
    volatile Creation creation = Creation.UNKNOWN;

    RestoreState(Path target, RestoreOptions options, Progress progress) {
        this.target = target;
        this.options = options;
        this.progress = progress;
    }

    void error(String path, Exception e) {
        if (e instanceof FileAlreadyExistsException && ((FileAlreadyExistsException) e).getReason() != null) {
            error(path, ((FileAlreadyExistsException) e).getReason());
        } else {
            error(path, e instanceof FileAlreadyExistsException ? "exists, not overwritten (use overwrite)" : e.toString());
        }
    }

    void error(String path, String why) {
        String message = path + ": " + why;
        errors.add(message);
        progress.warning(path, message);
    }
}
