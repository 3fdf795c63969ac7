package dev.coffer.server.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.coffer.server.CofferServerApplication;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.backupaccount.BackupSettings;
import dev.coffer.server.backupaccount.NotificationLevel;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.support.H2TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whole server instances started and stopped by a test, on a database the test chooses: for restarts (one after the
 * other) and for several instances at once. The background worker is off; the test drains.
 */
final class ServerInstances {

    private ServerInstances() {
    }

    /** Starts a server on {@code database} properties, with mail to {@code smtpPort} when present. */
    static ConfigurableApplicationContext start(Map<String, Object> database, Optional<Integer> smtpPort,
                                                Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(database);
        // never the default ./data: the server writes its key files under COFFER_HOME
        p.putIfAbsent("coffer.home", H2TestDatabase.newHome().toString());
        p.put("server.port", "0");
        p.put("coffer.admin-password", "Provider-Secret-Pass-1");
        p.put("coffer.notifications.worker.enabled", "false");
        p.put("coffer.notifications.retry.initial", "0s");
        p.put("spring.jmx.enabled", "false");
        smtpPort.ifPresent(port -> {
            p.put("spring.mail.host", "127.0.0.1");
            p.put("spring.mail.port", String.valueOf(port));
        });
        p.putAll(extra);
        // as command-line arguments: they win over application.properties (default properties would not)
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(CofferServerApplication.class).run(args);
    }

    /** A new customer with one user whose account has the level ALL; returns the account. */
    static BackupAccount account(ConfigurableApplicationContext c, String email) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long customerId = c.getBean(CustomerService.class).create("Customer " + suffix, "admin-" + suffix,
                "admin-" + suffix + "@customer.example", Optional.of("Customer-Admin-Pass-9"), Quotas.unlimited())
                .customer().id();
        long userId = c.getBean(CustomerUserService.class).create(customerId, "User " + suffix, email).id();
        return c.getBean(BackupAccountService.class).assign(customerId, userId,
                new BackupSettings(email, NotificationLevel.ALL, true, false, Quotas.unlimited()), Optional.empty())
                .account();
    }

    static void publish(ConfigurableApplicationContext c, NotificationEvent... events) {
        Notifications n = c.getBean(Notifications.class);
        new TransactionTemplate(c.getBean(PlatformTransactionManager.class)).executeWithoutResult(s -> {
            for (NotificationEvent e : events) {
                n.publish(e);
            }
        });
    }

    static int drain(ConfigurableApplicationContext c) {
        OutboxWorker w = c.getBean(OutboxWorker.class);
        int handled = 0;
        for (int i = 0; i < 200; i++) {
            int n = w.drainOnce();
            if (n == 0) {
                return handled;
            }
            handled += n;
        }
        throw new AssertionError("the outbox never became idle");
    }

    /** A panel page as the provider admin sees it after logging in through the login form. */
    static String providerPage(ConfigurableApplicationContext c, String path) {
        String base = "http://localhost:" + c.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login);
            if (!csrf.find()) {
                throw new AssertionError("no CSRF token on the login page");
            }
            String form = "username=admin&password=" + URLEncoder.encode("Provider-Secret-Pass-1", StandardCharsets.UTF_8)
                    + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static BackupRunFinished success(long accountId, String runId, String device) {
        Instant start = Instant.parse("2026-12-01T02:00:00Z");
        return new BackupRunFinished(accountId, runId, device, DeviceType.SERVER, RunStatus.SUCCESS, start,
                start.plusSeconds(60), 10, 1000, "", java.util.List.of());
    }
}
