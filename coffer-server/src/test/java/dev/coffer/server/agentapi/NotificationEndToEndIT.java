package dev.coffer.server.agentapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.coffer.server.notification.Mailbox;
import dev.coffer.server.notification.NotificationOutbox;
import dev.coffer.server.notification.OutboxEntry;
import dev.coffer.server.notification.OutboxState;
import dev.coffer.server.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Notifications end to end: the real agent backs up through the real server, the server's producers publish the
 * events, the background worker delivers them to a real SMTP server (GreenMail) that the test starts. What the
 * user's mailbox receives is what the account's settings promise: one error mail for a backup that a hard quota
 * stopped (the "backups stopped" alert; the failed run adds no second one), each quota alert it crossed once, none
 * again for a rerun still at the quota; a successful run mails nothing at "errors only" and once at "all".
 */
@TestPropertySource(properties = {
        "coffer.notifications.worker.interval=200ms",
        "coffer.console-url=https://backup.provider.test/console"})
abstract class NotificationEndToEndIT extends AgentTestSupport {

    static final Mailbox MAIL = new Mailbox();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        MAIL.configure(registry);
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Autowired
    NotificationOutbox outbox;

    @Test
    void aBackupStoppedByAHardQuotaMailsOneErrorAndEachAlertItCrossedOnce() throws Exception {
        // 1 GB (20 MB here) + 2 GB overage, hard: the backup passes 80 % and 100 % and stops at 60 MB, by then with
        // at least two packs of 16 MiB stored whatever the order of the agent's concurrent uploads
        Account a = account("{\"storage\":{\"limitGb\":1,\"overageGb\":2}}", "ERRORS", true);
        Path web = dir.resolve("web");
        assertThat(agent(web, "register", "--server", server(), "--login", a.login(), "--device-type", "server",
                "--name", "web-1").exitCode()).isZero();
        // 100 MB of incompressible data: packs of 16 MiB, the fourth does not fit
        Path source = tree(dir.resolve("data"), 50, 2_000_000);

        Run stopped = agent(web, "backup", source.toString());
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(20);
        long used = usage(a).path("storageBytes").asLong();
        assertThat(used).as("the run passed 100 percent of the quota before it was stopped").isGreaterThanOrEqualTo(GB);
        awaitDelivered(a);
        assertThat(MAIL.subjectsTo(a.login())).containsExactlyInAnyOrder(
                a.login() + ": Storage is 80% used",
                a.login() + ": Storage is full",
                a.login() + ": backups stopped, Storage is full");
        Mailbox.Mail stop = MAIL.to(a.login()).stream().filter(m -> m.subject().contains("backups stopped"))
                .findFirst().orElseThrow();
        assertThat(stop.text()).contains("web-1", "storage quota of 1 GB reached");

        // A rerun still at the quota is stopped again, and mails nothing: no second alert, no second error.
        Run again = agent(web, "backup", source.toString());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(20);
        awaitDelivered(a);
        assertThat(MAIL.to(a.login())).hasSize(3);
        assertThat(outboxFor(a)).as("the failed runs are recorded, and mail nobody")
                .noneMatch(e -> e.eventType().equals("backup-run-finished"));
    }

    @Test
    void aSuccessfulRunMailsNothingAtErrorsOnlyAndOnceAtAll() throws Exception {
        Account a = account("{\"storage\":{\"limitGb\":5}}", "ERRORS", false);
        Path laptop = dir.resolve("laptop");
        assertThat(agent(laptop, "register", "--server", server(), "--login", a.login(), "--device-type",
                "workstation", "--name", "jane-laptop").exitCode()).isZero();
        Path source = tree(dir.resolve("src"), 2, 500_000);

        Run quiet = agent(laptop, "backup", source.toString());
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        awaitDelivered(a);
        assertThat(lastRunStatus(a)).isEqualTo("SUCCESS");
        assertThat(outboxFor(a)).as("nothing is even queued at errors only").isEmpty();
        assertThat(MAIL.to(a.login())).isEmpty();

        Api.Response all = a.tenant().admin().send("PATCH", a.path(), "{\"notificationLevel\":\"ALL\"}",
                "Content-Type", "application/merge-patch+json",
                "If-Match", "\"" + a.tenant().admin().get(a.path()).json().path("version").asLong() + "\"");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        Files.writeString(source.resolve("new.txt"), "changed after the first run\n");
        Run mailed = agent(laptop, "backup", source.toString());
        assertThat(mailed.exitCode()).as(mailed.toString()).isZero();
        awaitMails(a, 1);
        awaitDelivered(a);
        List<Mailbox.Mail> mails = MAIL.to(a.login());
        assertThat(mails).extracting(Mailbox.Mail::subject).containsExactly("Backup of jane-laptop succeeded");
        assertThat(mails.get(0).text()).contains("jane-laptop");
    }

    private String lastRunStatus(Account a) {
        return a.tenant().admin().get(a.path() + "/devices").json().get(0).path("lastRun").path("status").asString();
    }

    private List<OutboxEntry> outboxFor(Account a) {
        return outbox.history(a.id(), 200);
    }

    /** Waits until the account's outbox has nothing queued or in flight (what was published is in the mailbox). */
    private void awaitDelivered(Account a) throws InterruptedException {
        await("the outbox of " + a.login() + " to be delivered", () -> outboxFor(a).stream()
                .allMatch(e -> e.state() == OutboxState.SENT || e.state() == OutboxState.FAILED));
        assertThat(outboxFor(a)).as("nothing failed").noneMatch(e -> e.state() == OutboxState.FAILED);
    }

    private void awaitMails(Account a, int n) throws InterruptedException {
        await(n + " mail(s) to " + a.login(), () -> MAIL.to(a.login()).size() >= n);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
