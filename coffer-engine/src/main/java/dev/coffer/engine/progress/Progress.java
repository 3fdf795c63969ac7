package dev.coffer.engine.progress;

/**
 * Receives progress of a backup, restore, check or prune. Called from several threads at once; implementations must
 * be thread-safe and fast (bytesProcessed is called for every chunk). Every method defaults to doing nothing.
 */
public interface Progress {

    Progress NONE = new Progress() {
    };

    /** Totals found so far by the scanner (they grow), for an ETA. */
    default void scanned(long files, long bytes) {
    }

    /** The totals are final. */
    default void scanFinished(long files, long bytes) {
    }

    default void fileStarted(String path) {
    }

    /** A delta, called often. */
    default void bytesProcessed(long bytes) {
    }

    default void fileFinished(String path, long size) {
    }

    /** Something was skipped (an unreadable file, say) and the run goes on. */
    default void warning(String path, String message) {
    }
}
