package dev.coffer.agent.progress;

/**
 * The counters of a running operation at one moment.
 *
 * @param filesDone    files finished
 * @param filesTotal   files found so far by the scan
 * @param bytesDone    bytes read (backup) or written (restore)
 * @param bytesTotal   bytes found so far by the scan
 * @param totalsFinal  true once the scan has finished, so totals (and the ETA) are final
 * @param elapsedNanos time since the operation started
 */
public record ProgressSnapshot(long filesDone, long filesTotal, long bytesDone, long bytesTotal, boolean totalsFinal,
                               long elapsedNanos) {

    /** Bytes per second since the start; 0 before any time has passed. */
    public double rate() {
        return elapsedNanos <= 0 ? 0 : bytesDone * 1e9 / elapsedNanos;
    }

    /** Completion between 0 and 1, by bytes (by files when there are no bytes). */
    public double fraction() {
        if (bytesTotal > 0) {
            return Math.min(1.0, (double) bytesDone / bytesTotal);
        }
        return filesTotal > 0 ? Math.min(1.0, (double) filesDone / filesTotal) : 0;
    }

    /** Seconds left at the current rate; negative when unknown (scan still running, or nothing done yet). */
    public long etaSeconds() {
        double rate = rate();
        if (!totalsFinal || rate <= 0) {
            return -1;
        }
        return (long) Math.ceil(Math.max(0, bytesTotal - bytesDone) / rate);
    }
}
