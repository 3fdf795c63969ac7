package dev.coffer.server.device;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * A device as the panel's Manage page and the console show it, in the same words on both: its type's label, when
 * it registered, its daily schedule, and its last run with a status badge ({@code statusClass} is the badge's CSS
 * class). Times are UTC, as the schedule is server time. Fields of a run not reported yet read "—".
 */
public record DeviceView(UUID id, String name, String type, String registered, String schedule, String status,
                         String statusClass, String started, String finished, String bytesAdded, String message,
                         long version) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String NONE = "—";

    /** A refused registration as the lists show it. */
    public record RefusedView(String refused, String name, String type, String message) {

        static RefusedView of(DeviceService.Refusal r) {
            return new RefusedView(time(r.refusedAt()), r.name(), r.type().label(), r.message());
        }
    }

    /** {@code bytesPerGb}: bytes in one quota GB (coffer.quota.gigabyte), the unit of the bars beside the list. */
    public static DeviceView of(Device d, long bytesPerGb) {
        String registered = time(d.registeredAt());
        if (d.lastRun().isEmpty()) {
            return new DeviceView(d.id(), d.name(), d.type().label(), registered, d.schedule(), "No run yet", "none",
                    NONE, NONE, NONE, "", d.version());
        }
        LastRun r = d.lastRun().get();
        return new DeviceView(d.id(), d.name(), d.type().label(), registered, d.schedule(), label(r.status()),
                badge(r.status()), time(r.startedAt()), r.finishedAt() == null ? NONE : time(r.finishedAt()),
                r.bytesAdded() == null ? NONE : bytes(r.bytesAdded(), bytesPerGb),
                r.message() == null ? "" : r.message(), d.version());
    }

    /** What the pages say when a form's device version is not the device's any more (or the form sent none). */
    public static final String CHANGED = "This device was changed after you opened the page, so nothing was done. "
            + "Check its current settings and try again.";

    /**
     * The version a page's form sent, for {@link DeviceService}'s optimistic locking. A form without a version, or
     * with anything but a number, matches no device: -1, which no device has, so it is refused as stale.
     */
    public static java.util.OptionalLong version(String formValue) {
        try {
            return java.util.OptionalLong.of(formValue == null ? -1 : Long.parseLong(formValue.strip()));
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.of(-1);
        }
    }

    /** What the pages say once a device is removed. */
    public static String removed(String name) {
        return "The device " + name + " has been removed: its agent can no longer back up or restore. Its backups "
                + "stay in the account.";
    }

    static String label(RunStatus status) {
        return switch (status) {
            case RUNNING -> "Running";
            case SUCCESS -> "Succeeded";
            case WARNING -> "Warning";
            case ERROR -> "Failed";
        };
    }

    static String badge(RunStatus status) {
        return switch (status) {
            case RUNNING -> "none";
            case SUCCESS -> "active";
            case WARNING -> "suspended";
            case ERROR -> "disabled";
        };
    }

    /** Bytes in the bars' unit: GB of {@code bytesPerGb}, MB (a thousandth of it) below 1 GB, bytes below 1 MB. */
    static String bytes(long bytes, long bytesPerGb) {
        double mb = bytesPerGb / 1000d;
        if (bytes >= bytesPerGb) {
            return String.format(Locale.ROOT, "%.2f GB", bytes / (double) bytesPerGb);
        }
        if (bytes >= mb) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / mb);
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }
}
