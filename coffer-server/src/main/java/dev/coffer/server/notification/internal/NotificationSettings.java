package dev.coffer.server.notification.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider's notification settings ({@code coffer.notifications.*}), checked once at start.
 *
 * @param warningPercent  quota warning threshold (1..99), {@code coffer.notifications.quota-warning-percent}
 * @param from            sender address of every mail
 * @param providerEmail   extra recipient of customer-level quota alerts (besides provider admins with an email)
 * @param consoleUrl      absolute address of the Management Console, for links in messages
 * @param batchSize       rows a worker claims at a time
 * @param maxAttempts     attempts before a message is FAILED
 * @param retryInitial    delay after the first failure; doubled each time, with up to 25 % jitter
 * @param retryMax        longest delay between attempts
 * @param lease           how long a claim holds before another worker may take the row over
 */
public record NotificationSettings(int warningPercent, String from, Optional<String> providerEmail, String consoleUrl,
                                   int batchSize, int maxAttempts, Duration retryInitial, Duration retryMax,
                                   Duration lease) {

    public NotificationSettings {
        if (warningPercent < 1 || warningPercent > 99) {
            throw new IllegalArgumentException("coffer.notifications.quota-warning-percent must be 1..99: "
                    + warningPercent);
        }
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("coffer.notifications.worker.batch-size and max-attempts must be >= 1");
        }
        if (retryInitial.isNegative() || retryMax.compareTo(retryInitial) < 0 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("coffer.notifications retry/lease durations are inconsistent");
        }
        if (!consoleUrl.startsWith("http://") && !consoleUrl.startsWith("https://")) {
            throw new IllegalArgumentException("coffer.console-url must be an http(s) address: " + consoleUrl);
        }
        consoleUrl = consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
    }

    /** The console's notification history, which List-Unsubscribe points to. */
    public String notificationsUrl() {
        return consoleUrl + "/notifications";
    }
}
