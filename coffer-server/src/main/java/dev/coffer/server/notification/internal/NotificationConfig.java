package dev.coffer.server.notification.internal;

import java.time.Duration;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads {@code coffer.notifications.*} and {@code coffer.console-url} once. */
@Configuration(proxyBeanMethods = false)
class NotificationConfig {

    @Bean
    NotificationSettings notificationSettings(
            @Value("${coffer.notifications.quota-warning-percent:80}") int warningPercent,
            @Value("${coffer.notifications.from:coffer@localhost}") String from,
            @Value("${coffer.notifications.provider-email:}") String providerEmail,
            @Value("${coffer.console-url:}") String consoleUrl,
            @Value("${coffer.base-url:http://localhost:${server.port:8080}}") String baseUrl,
            @Value("${coffer.notifications.worker.batch-size:20}") int batchSize,
            @Value("${coffer.notifications.max-attempts:8}") int maxAttempts,
            @Value("${coffer.notifications.retry.initial:30s}") Duration retryInitial,
            @Value("${coffer.notifications.retry.max:1h}") Duration retryMax,
            @Value("${coffer.notifications.lease:5m}") Duration lease) {
        String console = !consoleUrl.isBlank() ? consoleUrl.strip()
                : (baseUrl.strip().endsWith("/") ? baseUrl.strip() + "console" : baseUrl.strip() + "/console");
        return new NotificationSettings(warningPercent, from,
                providerEmail.isBlank() ? Optional.empty() : Optional.of(providerEmail.strip()), console, batchSize,
                maxAttempts, retryInitial, retryMax, lease);
    }
}
