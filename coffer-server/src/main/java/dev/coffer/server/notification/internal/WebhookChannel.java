package dev.coffer.server.notification.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * POSTs an event's JSON to a customer's webhook, signed {@code X-Coffer-Signature: sha256=<hex HMAC-SHA256(secret,
 * body)>}, with {@code X-Coffer-Event} and {@code X-Coffer-Delivery} (the outbox key, the same on every retry).
 * Any 2xx answer is a delivery; anything else is retried by the outbox.
 */
@Component
public class WebhookChannel {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Returns the receiver's status line, e.g. {@code HTTP 204}. */
    public String send(String url, String secret, String eventType, String deliveryId, String body)
            throws DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Coffer-Webhook/1")
                .header("X-Coffer-Event", eventType)
                .header("X-Coffer-Delivery", deliveryId)
                .header("X-Coffer-Signature", "sha256=" + sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                return "HTTP " + r.statusCode();
            }
            String text = r.body() == null ? "" : r.body().strip();
            throw new DeliveryException("HTTP " + r.statusCode() + (text.isEmpty() ? ""
                    : ": " + (text.length() > 200 ? text.substring(0, 200) : text)), true);
        } catch (IOException e) {
            throw new DeliveryException("cannot reach " + url + ": " + MailChannel.describe(e), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true);
        }
    }

    /** Hex HMAC-SHA256 of the body with the secret, as receivers compute it to check a delivery. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
