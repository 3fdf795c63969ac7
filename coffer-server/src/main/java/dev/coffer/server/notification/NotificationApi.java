package dev.coffer.server.notification;

import java.util.Locale;
import java.util.Optional;

import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.identity.Tenancy;
import dev.coffer.server.system.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of the notifications: the outbox (provider: every customer's; a customer admin: its own customer's
 * only) and a customer's webhook.
 */
@RestController
@Tag(name = "Notifications")
class NotificationApi {

    private final NotificationOutbox outbox;
    private final Webhooks webhooks;

    NotificationApi(NotificationOutbox outbox, Webhooks webhooks) {
        this.outbox = outbox;
        this.webhooks = webhooks;
    }

    record WebhookRequest(String url, String secret) {
    }

    @GetMapping("/api/v1/notifications")
    @Operation(summary = "The outbox, newest first: queued, sending, sent and failed messages with the last error",
            description = "state: QUEUED, SENDING, SENT or FAILED (omitted: all). page from 0, size 1..200 (default "
                    + "50). A customer admin sees only its own customer's messages.")
    OutboxPage list(@AuthenticationPrincipal PanelPrincipal admin,
                    @RequestParam(name = "state", required = false) String state,
                    @RequestParam(name = "page", defaultValue = "0") int page,
                    @RequestParam(name = "size", defaultValue = "50") int size) {
        Optional<Long> customer = admin.isProviderAdmin() ? Optional.empty() : Optional.of(admin.customerId().orElseThrow());
        return outbox.page(customer, state(state), page, size);
    }

    @GetMapping("/api/v1/customers/{customerId}/webhook")
    @Operation(summary = "The customer's webhook address (404 when none); the secret is never returned")
    ResponseEntity<WebhookSettings> getWebhook(@AuthenticationPrincipal PanelPrincipal admin,
                                               @PathVariable long customerId) {
        return ResponseEntity.of(webhooks.get(Tenancy.customer(admin, customerId)));
    }

    @PutMapping("/api/v1/customers/{customerId}/webhook")
    @Operation(summary = "Set the customer's webhook {url, secret} (customer admin or provider)",
            description = "Every event of the customer's accounts is POSTed as JSON with the header "
                    + "X-Coffer-Signature: sha256=<hex HMAC-SHA256(secret, body)>, retried until a 2xx answer. "
                    + "url: http(s) only; secret: 16 to 200 characters.")
    WebhookSettings putWebhook(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long customerId,
                               @RequestBody WebhookRequest body) {
        return webhooks.put(Tenancy.customer(admin, customerId), body.url(), body.secret());
    }

    @DeleteMapping("/api/v1/customers/{customerId}/webhook")
    @Operation(summary = "Remove the customer's webhook")
    ResponseEntity<Void> deleteWebhook(@AuthenticationPrincipal PanelPrincipal admin, @PathVariable long customerId) {
        return webhooks.remove(Tenancy.customer(admin, customerId))
                ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    private static Optional<OutboxState> state(String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OutboxState.valueOf(state.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("state", "must be one of QUEUED, SENDING, SENT, FAILED");
        }
    }
}
