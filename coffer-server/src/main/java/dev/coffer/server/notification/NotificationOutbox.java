package dev.coffer.server.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.coffer.server.notification.internal.OutboxStore;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.ValidationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the outbox: the provider sees all of it, a customer its own rows, a backup user the messages to it. */
@Service
public class NotificationOutbox {

    public static final int MAX_PAGE_SIZE = 200;

    private final OutboxStore store;

    NotificationOutbox(OutboxStore store) {
        this.store = store;
    }

    /**
     * A page, newest first. {@code customerId} empty = every customer (provider only: the caller decides).
     *
     * @throws ValidationException naming {@code page} (negative) or {@code size} (not 1..200)
     */
    @Transactional(readOnly = true)
    public OutboxPage page(Optional<Long> customerId, Optional<OutboxState> state, int page, int size) {
        List<FieldProblem> problems = new ArrayList<>();
        if (page < 0) {
            problems.add(new FieldProblem("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.add(new FieldProblem("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        ValidationException.throwIfAny(problems);
        return store.page(customerId, state, page, size);
    }

    /** The latest messages to a backup account's own user (not the admins' copies), newest first. */
    @Transactional(readOnly = true)
    public List<OutboxEntry> history(long accountId, int limit) {
        return store.forAccount(accountId, Math.max(1, Math.min(limit, MAX_PAGE_SIZE)));
    }
}
