package dev.coffer.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.support.H2TestDatabase;
import dev.coffer.server.support.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two server instances on one PostgreSQL database drain one outbox at the same time (small batches, so that their
 * claims interleave); every message reaches the SMTP server exactly once.
 */
class OutboxInstancesPostgresIT {

    private static final Mailbox MAIL = new Mailbox();
    private static final int MESSAGES = 40;

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Test
    void twoInstancesSendEachMessageOnce() throws Exception {
        // one database and one COFFER_HOME (its key files) for both instances, as a real two-instance installation
        Map<String, Object> db = Map.of("spring.datasource.url", PostgresTestDatabase.create(),
                "spring.datasource.username", PostgresTestDatabase.user(),
                "spring.datasource.password", PostgresTestDatabase.password(),
                "coffer.home", H2TestDatabase.newHome().toString());
        Map<String, Object> smallBatches = Map.of("coffer.notifications.worker.batch-size", "3");
        String email = "instances-user@customer.example";
        try (ConfigurableApplicationContext one = ServerInstances.start(db, Optional.of(MAIL.port()), smallBatches);
             ConfigurableApplicationContext two = ServerInstances.start(db, Optional.of(MAIL.port()), smallBatches)) {
            BackupAccount a = ServerInstances.account(one, email);
            List<NotificationEvent> events = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                events.add(ServerInstances.success(a.id(), "run-" + i, "srv-" + i));
            }
            ServerInstances.publish(one, events.toArray(NotificationEvent[]::new));

            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Callable<Integer>> drains = List.of(
                        () -> { start.await(); return ServerInstances.drain(one); },
                        () -> { start.await(); return ServerInstances.drain(two); });
                List<Future<Integer>> futures = new ArrayList<>();
                for (Callable<Integer> d : drains) {
                    futures.add(pool.submit(d));
                }
                start.countDown();
                int handled = 0;
                for (Future<Integer> f : futures) {
                    handled += f.get(3, TimeUnit.MINUTES);
                }
                assertThat(handled).isEqualTo(MESSAGES);
            } finally {
                pool.shutdownNow();
            }
        }
        List<String> subjects = MAIL.subjectsTo(email);
        assertThat(subjects).hasSize(MESSAGES).doesNotHaveDuplicates();
    }
}
