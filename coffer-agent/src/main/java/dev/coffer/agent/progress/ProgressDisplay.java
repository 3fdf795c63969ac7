package dev.coffer.agent.progress;

import dev.coffer.engine.progress.Progress;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Shows an operation's progress on stderr: on a terminal one line redrawn at most every 100 ms, otherwise a plain line
 * at most every few seconds, nothing when quiet. Warnings (unreadable files) are always printed, each on its own line.
 *
 * <p>Thread-safe: the engine reports from several threads at once. Counters are atomic; drawing is serialized.
 */
public final class ProgressDisplay implements Progress {

    /** How progress is shown. */
    public enum Mode { TERMINAL, PLAIN, QUIET }

    static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
    static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final Mode mode;
    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private final IntSupplier width;
    private final long startNanos;

    private final AtomicLong filesTotal = new AtomicLong();
    private final AtomicLong bytesTotal = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong warnings = new AtomicLong();
    static final int MAX_WARNED_PATHS = 1000;
    private final java.util.List<String> warnedPaths = new java.util.ArrayList<>();
    private volatile boolean totalsFinal;
    private volatile long lastDrawNanos;
    private boolean lineOpen;

    public ProgressDisplay(Mode mode, PrintWriter err, LongSupplier nanoClock, IntSupplier width) {
        this.mode = mode;
        this.err = err;
        this.nanoClock = nanoClock;
        this.width = width;
        this.startNanos = nanoClock.getAsLong();
        this.lastDrawNanos = startNanos;
    }

    /** Totals found so far by the scanner; they only grow. */
    @Override
    public void scanned(long files, long bytes) {
        filesTotal.accumulateAndGet(files, Math::max);
        bytesTotal.accumulateAndGet(bytes, Math::max);
        maybeDraw();
    }

    /** The scan is over: the totals are final and an ETA can be given. */
    @Override
    public void scanFinished(long files, long bytes) {
        filesTotal.set(files);
        bytesTotal.set(bytes);
        totalsFinal = true;
        maybeDraw();
    }

    @Override
    public void fileStarted(String path) {
        // The line shows counters, not names: names would make it flicker and leak into logs.
    }

    @Override
    public void bytesProcessed(long bytes) {
        bytesDone.addAndGet(bytes);
        maybeDraw();
    }

    @Override
    public void fileFinished(String path, long size) {
        filesDone.incrementAndGet();
        maybeDraw();
    }

    /** A file the operation could not handle; printed at once, counted for the exit code. */
    @Override
    public void warning(String path, String message) {
        warnings.incrementAndGet();
        synchronized (this) {
            if (warnedPaths.size() < MAX_WARNED_PATHS) {
                warnedPaths.add(path);
            }
            clearLine();
            err.println("warning: " + path + ": " + message);
            err.flush();
        }
    }

    /** The paths of the first {@value #MAX_WARNED_PATHS} warnings, in order (for the server's run report). */
    public synchronized java.util.List<String> warnedPaths() {
        return java.util.List.copyOf(warnedPaths);
    }

    /** Number of warnings so far. */
    public long warnings() {
        return warnings.get();
    }

    /** The counters now. */
    public ProgressSnapshot snapshot() {
        return new ProgressSnapshot(filesDone.get(), filesTotal.get(), bytesDone.get(), bytesTotal.get(),
                totalsFinal, nanoClock.getAsLong() - startNanos);
    }

    /** Draws the final state (terminal: ends the line), so the last figures stay visible. */
    public synchronized void finish() {
        if (mode == Mode.TERMINAL) {
            draw(snapshot());
            err.println();
            lineOpen = false;
            err.flush();
        }
    }

    private void maybeDraw() {
        if (mode == Mode.QUIET) {
            return;
        }
        long now = nanoClock.getAsLong();
        long interval = mode == Mode.TERMINAL ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
        if (now - lastDrawNanos < interval) {
            return;
        }
        synchronized (this) {
            if (now - lastDrawNanos < interval) {
                return;
            }
            lastDrawNanos = now;
            draw(snapshot());
        }
    }

    private void draw(ProgressSnapshot p) {
        if (mode == Mode.TERMINAL) {
            err.print("\r" + ProgressFormat.terminalLine(p, width.getAsInt()) + "\u001b[K");
            lineOpen = true;
        } else {
            err.println(ProgressFormat.plainLine(p));
        }
        err.flush();
    }

    private void clearLine() {
        if (lineOpen) {
            err.print("\r\u001b[K");
            lineOpen = false;
        }
    }
}
