package dev.coffer.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import dev.coffer.server.support.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An SMTP server that refuses the mail: the message is retried, then FAILED after the last attempt, with the
 * server's answer as the reason in the API; the test email reports the same answer.
 */
@TestPropertySource(properties = {
        "coffer.notifications.worker.enabled=false",
        "coffer.notifications.retry.initial=0s",
        "coffer.notifications.max-attempts=3"})
class SmtpRefusedH2IT extends ApiTestSupport {

    static final RefusingSmtpServer SMTP;

    static {
        try {
            SMTP = new RefusingSmtpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Database.H2.register(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
    }

    @AfterAll
    static void stop() throws IOException {
        SMTP.close();
    }

    @Autowired
    Notifications notifications;
    @Autowired
    OutboxWorker worker;
    @Autowired
    MailStatus mail;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void refusedMailIsRetriedThenFailedWithTheServersAnswer() {
        Tenant tenant = tenant(null);
        long userId = user(tenant, tenant.address("refused"));
        Api.Response account = tenant.admin().put("/api/v1/users/" + userId + "/backup-account",
                "{\"notificationLevel\":\"ERRORS\",\"quotaNotifications\":true,\"manageOtherUsers\":false}");
        long accountId = account.json().path("id").asLong();
        new TransactionTemplate(transactions).executeWithoutResult(s ->
                notifications.publish(NotificationDeliveryIT.run(accountId, "laptop", RunStatus.ERROR)));

        assertThat(worker.drainOnce()).isEqualTo(1);
        JsonNode retrying = only(tenant.admin().get("/api/v1/notifications"));
        assertThat(retrying.path("state").asString()).isEqualTo("QUEUED");
        assertThat(retrying.path("attempts").asInt()).isEqualTo(1);
        assertThat(retrying.path("lastError").asString()).contains(RefusingSmtpServer.REFUSAL);

        assertThat(worker.drainOnce()).isEqualTo(1);
        assertThat(only(tenant.admin().get("/api/v1/notifications")).path("attempts").asInt()).isEqualTo(2);
        assertThat(worker.drainOnce()).isEqualTo(1);
        assertThat(worker.drainOnce()).isZero();

        JsonNode failed = only(tenant.admin().get("/api/v1/notifications?state=FAILED"));
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("lastError").asString()).contains(RefusingSmtpServer.REFUSAL);
        assertThat(failed.path("subject").asString()).isEqualTo("Backup of laptop failed");
        assertThat(provider().get("/api/v1/notifications?state=FAILED&size=200").body())
                .contains(RefusingSmtpServer.REFUSAL);
        assertThat(SMTP.refusals()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theTestEmailReportsTheRefusal() {
        TestEmailResult r = mail.sendTest("ops@provider.test");
        assertThat(r.delivered()).isFalse();
        assertThat(r.answer()).contains(RefusingSmtpServer.REFUSAL);
    }

    private static JsonNode only(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("items").size()).as(r.toString()).isEqualTo(1);
        return r.json().path("items").get(0);
    }
}
