package dev.coffer.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.notification.internal.Channel;
import dev.coffer.server.notification.internal.OutboxStore;
import dev.coffer.server.support.H2TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Restarts lose nothing and send nothing twice: three server instances on one H2 database, one after the other.
 * The first has no SMTP (messages stay queued), the second delivers them and then "crashes" holding a claim, the
 * third delivers the claimed one once its lease ran out, and nothing else.
 */
class OutboxRestartIT {

    private static final Mailbox MAIL = new Mailbox();

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Test
    void unsentMessagesSurviveRestartsAndAreDeliveredExactlyOnce() {
        Map<String, Object> db = Map.of("coffer.home", H2TestDatabase.newHome().toString());
        String email = "restart-user@customer.example";
        BackupRunFinished first;
        BackupRunFinished second;
        BackupRunFinished third;

        try (ConfigurableApplicationContext withoutMail = ServerInstances.start(db, Optional.empty(), Map.of())) {
            assertThat(withoutMail.getBean(MailStatus.class).configured()).isFalse();
            BackupAccount a = ServerInstances.account(withoutMail, email);
            first = ServerInstances.success(a.id(), "run-1", "web-1");
            second = ServerInstances.success(a.id(), "run-2", "web-2");
            third = ServerInstances.success(a.id(), "run-3", "web-3");
            ServerInstances.publish(withoutMail, first, second);
            assertThat(ServerInstances.drain(withoutMail)).isZero();
            assertThat(states(withoutMail)).containsExactly("QUEUED", "QUEUED");
            assertThat(withoutMail.getBean(NotificationOutbox.class).history(a.id(), 10))
                    .extracting(OutboxEntry::subject)
                    .containsExactly("Backup of web-2 succeeded", "Backup of web-1 succeeded");
            String page = ServerInstances.providerPage(withoutMail, "/provider/notifications?state=QUEUED");
            assertThat(page).contains("data-testid=\"mail-not-configured\"", "Mail is not configured.",
                    "Backup of web-1 succeeded", "Backup of web-2 succeeded", "Queued");
        }
        assertThat(MAIL.total()).isZero();

        try (ConfigurableApplicationContext withMail = ServerInstances.start(db, Optional.of(MAIL.port()), Map.of())) {
            assertThat(ServerInstances.drain(withMail)).isEqualTo(2);
            ServerInstances.publish(withMail, first, second);
            assertThat(ServerInstances.drain(withMail)).isZero();
            // the instance claims the third message and dies before sending it: its lease (1 ms) runs out
            ServerInstances.publish(withMail, third);
            Instant now = Instant.now();
            List<?> claimed = new TransactionTemplate(withMail.getBean(PlatformTransactionManager.class))
                    .execute(s -> withMail.getBean(OutboxStore.class).claim(List.of(Channel.MAIL), 10, now,
                            now.plusMillis(1)));
            assertThat(claimed).hasSize(1);
        }
        assertThat(MAIL.subjectsTo(email)).containsExactly("Backup of web-1 succeeded", "Backup of web-2 succeeded");

        try (ConfigurableApplicationContext again = ServerInstances.start(db, Optional.of(MAIL.port()), Map.of())) {
            assertThat(ServerInstances.drain(again)).isEqualTo(1);
            ServerInstances.publish(again, first, second, third);
            assertThat(ServerInstances.drain(again)).isZero();
            assertThat(states(again)).containsExactly("SENT", "SENT", "SENT");
        }
        assertThat(MAIL.subjectsTo(email)).containsExactly("Backup of web-1 succeeded", "Backup of web-2 succeeded",
                "Backup of web-3 succeeded");
    }

    private static List<String> states(ConfigurableApplicationContext c) {
        return c.getBean(JdbcClient.class).sql("SELECT state FROM notification_outbox ORDER BY id")
                .query(String.class).list();
    }
}
