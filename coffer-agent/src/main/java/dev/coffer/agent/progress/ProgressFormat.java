package dev.coffer.agent.progress;

import java.util.Locale;

/** Text forms of sizes, durations and progress lines; pure functions, so the layout is unit-tested. */
public final class ProgressFormat {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final int MIN_BAR = 10;
    /** Room kept for the counters, so the bar does not change length each time a figure gains a digit. */
    private static final int COUNTERS_ROOM = 64;

    private ProgressFormat() {
    }

    /** Binary-prefixed size with one decimal: "512 B", "1.5 KiB", "3.2 GiB". */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** "m:ss", or "h:mm:ss" from an hour on; "?" for a negative (unknown) duration. */
    public static String duration(long seconds) {
        if (seconds < 0) {
            return "?";
        }
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /** The counters as text, e.g. "45% 1234/5000 files 1.2 GiB/3.4 GiB 85.3 MiB/s ETA 0:27". */
    public static String counters(ProgressSnapshot p) {
        String more = p.totalsFinal() ? "" : "+";
        return String.format(Locale.ROOT, "%3d%% %d/%d%s files %s/%s%s %s/s ETA %s",
                (int) Math.floor(p.fraction() * 100), p.filesDone(), p.filesTotal(), more, bytes(p.bytesDone()),
                bytes(p.bytesTotal()), more, bytes((long) p.rate()), duration(p.etaSeconds()));
    }

    /**
     * One terminal line of at most {@code width - 1} characters (the last column is left free so the terminal never
     * wraps): a bar of steady length filling the room the counters leave, dropped when fewer than 10 columns remain.
     */
    public static String terminalLine(ProgressSnapshot p, int width) {
        String counters = counters(p);
        int room = width - 1;
        int barWidth = room - Math.max(counters.length(), COUNTERS_ROOM) - 3;
        if (barWidth < MIN_BAR) {
            return counters.length() > room ? counters.substring(0, Math.max(0, room)) : counters;
        }
        int filled = (int) Math.floor(p.fraction() * barWidth);
        StringBuilder line = new StringBuilder(room);
        line.append('[');
        line.append("=".repeat(filled));
        if (filled < barWidth) {
            line.append('>');
            line.append(" ".repeat(barWidth - filled - 1));
        }
        line.append("] ").append(counters);
        line.append(" ".repeat(Math.max(0, room - line.length())));
        return line.toString();
    }

    /** A line for logs and pipes: elapsed time first, then the counters. */
    public static String plainLine(ProgressSnapshot p) {
        return "[" + duration(p.elapsedNanos() / 1_000_000_000L) + "] " + counters(p);
    }
}
