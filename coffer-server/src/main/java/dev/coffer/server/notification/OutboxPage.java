package dev.coffer.server.notification;

import java.util.List;

/** One page of the outbox, newest first; {@code total} counts every entry matching the filter. */
public record OutboxPage(List<OutboxEntry> items, int page, int size, long total) {

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
