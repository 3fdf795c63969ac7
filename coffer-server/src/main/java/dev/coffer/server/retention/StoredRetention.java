package dev.coffer.server.retention;

import java.time.Instant;
import java.util.Optional;

/**
 * An account's retention settings, their version (0 while the account has the {@linkplain RetentionSettings#DEFAULT
 * default}; the API's ETag), and the outcome of the job's last run on the account, if any.
 */
public record StoredRetention(RetentionSettings settings, long version, Optional<LastRun> lastRun) {

    /** The last run: when, what it removed, and its failure or skip reason (empty when it completed). */
    public record LastRun(Instant at, int snapshotsRemoved, long bytesFreed, Optional<String> message) {
    }
}
