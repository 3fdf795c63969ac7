package dev.coffer.server.panel.notifications;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import dev.coffer.server.notification.OutboxEntry;
import dev.coffer.server.notification.OutboxPage;
import dev.coffer.server.notification.OutboxState;

/** The outbox as the pages show it: words for states and times in UTC. */
record OutboxRows(List<Row> rows, int page, int pages, long total) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One message; {@code badge} is the panel.css badge class of its state. */
    record Row(long id, String kind, String audience, String recipient, String subject, String state, String badge,
               int attempts, String created, String sent, String nextAttempt, String error) {
    }

    static OutboxRows of(OutboxPage p) {
        List<Row> rows = p.items().stream().map(OutboxRows::row).toList();
        return new OutboxRows(rows, p.page(), p.pages(), p.total());
    }

    static Row row(OutboxEntry e) {
        return new Row(e.id(), e.kind().equals("MAIL") ? "Email" : "Webhook", audience(e.audience()), e.recipient(),
                e.subject(), state(e.state()), badge(e.state()), e.attempts(), time(e.createdAt()), time(e.sentAt()),
                e.state() == OutboxState.QUEUED ? time(e.nextAttemptAt()) : "", e.error().orElse(""));
    }

    static String state(OutboxState s) {
        return switch (s) {
            case QUEUED -> "Queued";
            case SENDING -> "Sending";
            case SENT -> "Sent";
            case FAILED -> "Failed";
        };
    }

    private static String badge(OutboxState s) {
        return switch (s) {
            case QUEUED -> "suspended";
            case SENDING -> "none";
            case SENT -> "active";
            case FAILED -> "disabled";
        };
    }

    private static String audience(String a) {
        return switch (a) {
            case "USER" -> "Backup user";
            case "ADMIN_COPY" -> "Admin copy";
            case "PROVIDER" -> "Provider";
            default -> "Webhook";
        };
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }
}
