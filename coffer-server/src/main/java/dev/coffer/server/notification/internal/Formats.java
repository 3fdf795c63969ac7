package dev.coffer.server.notification.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How figures read in messages: times in UTC, sizes in decimal units like the panel's GB, durations in words. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] UNITS = {"bytes", "kB", "MB", "GB", "TB", "PB"};

    private Formats() {
    }

    public static String time(Instant t) {
        return TIME.format(t);
    }

    public static String bytes(long n) {
        if (n < 1000) {
            return n + (n == 1 ? " byte" : " bytes");
        }
        double v = n;
        int unit = 0;
        while (v >= 1000 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, UNITS[unit]);
    }

    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
    }
}
