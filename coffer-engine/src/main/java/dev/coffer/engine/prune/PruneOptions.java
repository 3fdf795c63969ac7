package dev.coffer.engine.prune;

import java.time.Duration;

/**
 * {@code maxUnusedFraction}: packs with a larger share of unused bytes are rewritten (default 0.05).
 * {@code safetyWindow}: packs indexed less than this long ago are never touched, whatever they hold; it covers
 * backups that run on machines whose clocks or markers prune cannot see (default zero: running backups announce
 * themselves with markers, see {@link Pruner}).
 */
public record PruneOptions(double maxUnusedFraction, boolean dryRun, Duration safetyWindow) {

    public PruneOptions {
        if (!(maxUnusedFraction >= 0 && maxUnusedFraction <= 1)) {
            throw new IllegalArgumentException("maxUnusedFraction must be between 0 and 1, got " + maxUnusedFraction);
        }
        if (safetyWindow.isNegative()) {
            throw new IllegalArgumentException("safetyWindow must not be negative, got " + safetyWindow);
        }
    }

    public PruneOptions(double maxUnusedFraction, boolean dryRun) {
        this(maxUnusedFraction, dryRun, Duration.ZERO);
    }

    public static PruneOptions defaults() {
        return new PruneOptions(0.05, false);
    }
}
