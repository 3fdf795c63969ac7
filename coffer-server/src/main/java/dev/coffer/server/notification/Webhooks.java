package dev.coffer.server.notification;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.notification.internal.WebhookStore;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.ValidationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers' optional webhooks: every event of the customer's accounts (backup results, quota alerts, missed
 * schedules) is POSTed as JSON, signed with HMAC-SHA256 over the shared secret, through the outbox with retries.
 * The secret is stored as given (the server needs it to sign); it is never logged and never returned.
 */
@Service
public class Webhooks {

    public static final int MIN_SECRET = 16;
    public static final int MAX_SECRET = 200;
    public static final int MAX_URL = 2000;

    private final WebhookStore store;
    private final CustomerService customers;
    private final Clock clock;

    Webhooks(WebhookStore store, CustomerService customers, Clock clock) {
        this.store = store;
        this.customers = customers;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<WebhookSettings> get(long customerId) {
        return store.find(customerId).map(w -> new WebhookSettings(w.customerId(), w.url(), w.updatedAt()));
    }

    /**
     * Sets (or replaces) the customer's webhook. Deliveries already queued go to their old URL, signed with the
     * current secret.
     *
     * @throws ValidationException naming {@code url} (not an absolute http(s) URL) or {@code secret} (16..200
     *                             characters without control characters)
     */
    @Transactional
    public WebhookSettings put(long customerId, String url, String secret) {
        List<FieldProblem> problems = new ArrayList<>();
        urlProblem(url).ifPresent(m -> problems.add(new FieldProblem("url", m)));
        if (secret == null || secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            problems.add(new FieldProblem("secret", "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters"));
        } else if (secret.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem("secret", "must not contain control characters or line breaks"));
        }
        ValidationException.throwIfAny(problems);
        customers.get(customerId);
        store.put(customerId, url.strip(), secret, clock.instant());
        return get(customerId).orElseThrow();
    }

    /** Removes the webhook; queued deliveries then fail with "the customer's webhook was removed". */
    @Transactional
    public boolean remove(long customerId) {
        return store.remove(customerId);
    }

    static Optional<String> urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("must not be empty");
        }
        if (url.length() > MAX_URL) {
            return Optional.of("must be at most " + MAX_URL + " characters");
        }
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.of("must be an http:// or https:// address");
            }
            if (u.getHost() == null || u.getHost().isBlank()) {
                return Optional.of("must name a host, such as https://hooks.example.com/coffer");
            }
            if (u.getUserInfo() != null) {
                return Optional.of("must not contain a user name or password");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid address: " + e.getReason());
        }
    }
}
