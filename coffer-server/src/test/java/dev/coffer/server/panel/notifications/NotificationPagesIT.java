package dev.coffer.server.panel.notifications;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.notification.BackupRunFinished;
import dev.coffer.server.notification.Mailbox;
import dev.coffer.server.notification.Notifications;
import dev.coffer.server.notification.OutboxWorker;
import dev.coffer.server.notification.RunStatus;
import dev.coffer.server.panel.BrowserTestSupport;
import dev.coffer.server.quota.DeviceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification pages in a real browser: the provider sends a test email and sees the SMTP server's answer,
 * then, with the SMTP server gone, sees a message fail with the reason; the backup user sees it in the console.
 */
@TestPropertySource(properties = {
        "coffer.notifications.worker.enabled=false",
        "coffer.notifications.retry.initial=0s",
        "coffer.notifications.max-attempts=2"})
class NotificationPagesIT extends BrowserTestSupport {

    static final Mailbox MAIL = new Mailbox();
    static final String USER_PASSWORD = "Backup-User-Pass-77";

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", MAIL::port);
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Autowired
    Notifications notifications;
    @Autowired
    OutboxWorker worker;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void providerTestsMailAndSeesAFailedMessageWithItsReasonAndTheUserSeesItInTheConsole() {
        logIn(PROVIDER_LOGIN, PROVIDER_PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Notifications").setLevel(1)))
                .isVisible();
        assertThat(page.getByTestId("mail-configured")).containsText("127.0.0.1:" + MAIL.port());

        page.getByLabel("Send a test email to").fill("ops@provider.test");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send a test email")).click();
        assertThat(page.getByTestId("test-result")).containsText("Test email sent to ops@provider.test.");
        assertThat(page.getByTestId("test-answer")).containsText("250");
        assertThat(MAIL.subjectsTo("ops@provider.test")).containsExactly("Coffer test email");

        page.getByLabel("Send a test email to").fill("not an address");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send a test email")).click();
        assertThat(page.getByTestId("test-result")).containsText("must be an email address");

        // a backup fails while the SMTP server is down: retried, then failed with the reason
        TestCustomer customer = createCustomer();
        String email = customer.address("pageuser");
        long userId = users.create(customer.id(), "Page User", email).id();
        BackupAccount account = assign(customer, userId, email, Optional.of(USER_PASSWORD));
        String device = unique("desk");
        Instant start = Instant.parse("2026-12-01T02:00:00Z");
        new TransactionTemplate(transactions).executeWithoutResult(s -> notifications.publish(new BackupRunFinished(
                account.id(), unique("run"), device, DeviceType.WORKSTATION, RunStatus.ERROR, start,
                start.plusSeconds(30), 0, 0, "disk unreadable", List.of())));
        MAIL.stop();
        assertThat(worker.drainOnce()).isEqualTo(1);
        assertThat(worker.drainOnce()).isEqualTo(1);

        page.navigate("/provider/notifications");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Failed").setExact(true)).click();
        var row = page.locator("tr", new Page.LocatorOptions().setHasText("Backup of " + device + " failed"));
        assertThat(row.getByTestId("outbox-state")).hasText("Failed");
        assertThat(row.getByTestId("outbox-error")).containsText("Couldn't connect to host");
        assertThat(row).containsText(email);
        screenshot("provider-notifications");

        page.getByLabel("Send a test email to").fill("ops@provider.test");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send a test email")).click();
        assertThat(page.getByTestId("test-result")).containsText("was not sent");
        assertThat(page.getByTestId("test-answer")).containsText("Couldn't connect to host");

        // the backup user's console history
        page.navigate("/console/login");
        page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true)).fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(USER_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications")).click();
        var message = page.getByTestId("notifications").locator("tr",
                new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Backup of " + device + " failed"));
        assertThat(message).containsText("Could not be sent");
        assertThat(page.locator("main")).containsText("Errors only");
    }

    @Test
    void aCustomerAdminTurnsCopiesOnAndOff() {
        TestCustomer customer = createCustomer();
        logIn(customer.adminLogin(), customer.adminPassword());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications")).click();
        var copies = page.getByLabel("Send me copies of my users' alerts");
        assertThat(copies).not().isChecked();
        copies.check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByTestId("notice")).containsText("you receive copies");
        assertThat(page.getByLabel("Send me copies of my users' alerts")).isChecked();
        page.getByLabel("Send me copies of my users' alerts").uncheck();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByTestId("notice")).containsText("no longer receive copies");
        assertThat(page.getByLabel("Send me copies of my users' alerts")).not().isChecked();
    }
}
