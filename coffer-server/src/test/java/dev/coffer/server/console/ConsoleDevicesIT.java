package dev.coffer.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupSettings;
import dev.coffer.server.backupaccount.NotificationLevel;
import dev.coffer.server.customer.CustomerUser;
import dev.coffer.server.device.DeviceService;
import dev.coffer.server.panel.BrowserTestSupport;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.support.TestAgent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The backup user's devices in the Management Console: the home page lists them with their last run and the usage
 * bars; the user changes a device's daily time (validated) and removes a device. With "Manage backups for other
 * users" the user also lists and opens the other accounts of the same customer and acts on their devices; without
 * it those pages are 403, and another customer's accounts are never found, whatever the permission.
 */
class ConsoleDevicesIT extends BrowserTestSupport {

    private static final String PASSWORD = "Backup-User-Secret-42";

    @Autowired
    DeviceService devices;

    @Test
    void aBackupUserSeesTheirDevicesChangesASchedulesAndRemovesADevice() {
        TestCustomer customer = createCustomer();
        CustomerUser ada = users.create(customer.id(), "Ada Lovelace", customer.address("ada"));
        BackupAccount account = assign(customer, ada.id(), ada.email(), Optional.of(PASSWORD));   // 1 server
        TestAgent server = TestAgent.register(port, ada.email(), PASSWORD, "SERVER", "ada-server");
        server.reportRun(Instant.parse("2026-12-01T02:00:00Z"), Instant.parse("2026-12-01T02:05:00Z"), "WARNING",
                1_500_000_000L, "2 paths could not be read");

        consoleLogIn(ada.email(), PASSWORD);
        Locator row = device("ada-server");
        assertThat(row.locator("[data-role=status]")).hasText("Warning");
        assertThat(row.locator("[data-role=status]")).hasClass("badge suspended");
        assertThat(row.locator("[data-role=message]")).hasText("2 paths could not be read");
        assertThat(row.locator("[data-role=bytes-added]")).hasText("1.50 GB");
        assertThat(page.getByTestId("no-devices")).hasCount(0);
        assertThat(page.getByTestId("quota-usage").locator("tr[data-quota=Servers] td[data-label=Devices]"))
                .containsText("1 of 1 devices registered");
        // no permission to manage others: no menu entry, and the pages are refused
        assertThat(page.getByTestId("menu-other-users")).hasCount(0);
        screenshot("console-devices-01-home");

        // the schedule: a daily time, normalised; anything else is refused and changes nothing
        schedule(row, "4:05");
        assertThat(page.getByTestId("notice")).hasText("ada-server now backs up daily at 04:05 (its local time).");
        assertThat(scheduleOf(account, server)).isEqualTo("04:05");
        schedule(device("ada-server"), "25:00");
        assertThat(page.getByTestId("problem")).containsText("Schedule of ada-server: must be a time of day as HH:MM");
        assertThat(scheduleOf(account, server)).isEqualTo("04:05");
        assertThat(device("ada-server").locator("input[name=daily]")).hasValue("04:05");
        // changed by someone else after this page was shown: the form's version is stale, nothing is overwritten
        devices.setSchedule(account.id(), UUID.fromString(server.deviceId()), "05:00");
        schedule(device("ada-server"), "06:30");
        assertThat(page.getByTestId("problem")).containsText("changed after you opened the page");
        assertThat(scheduleOf(account, server)).isEqualTo("05:00");
        assertThat(device("ada-server").locator("input[name=daily]")).hasValue("05:00");

        assertThat(page.navigate("/console/users").status()).isEqualTo(403);
        assertThat(page.getByTestId("error-message")).containsText("Manage backups for other users");
        assertThat(page.navigate("/console/users/" + (ada.id() + 1)).status()).isEqualTo(403);
        page.navigate("/console");

        // remove: a confirmation page, then the agent is refused and the empty state is back
        device("ada-server").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Remove ada-server"))
                .click();
        assertThat(page.getByTestId("device-name")).hasText("ada-server");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove device")).click();
        assertThat(page).hasURL(baseUrl() + "/console");
        assertThat(page.getByTestId("notice")).containsText("The device ada-server has been removed");
        assertThat(page.getByTestId("no-devices")).isVisible();
        assertThat(server.deviceStatus()).isEqualTo(401);
        assertThat(page.getByTestId("quota-usage").locator("tr[data-quota=Servers] td[data-label=Devices]"))
                .containsText("0 of 1 devices registered");
    }

    @Test
    void aManagerOfOtherUsersActsOnColleaguesDevicesButNeverOnAnotherCustomers() {
        TestCustomer customer = createCustomer();
        CustomerUser grace = users.create(customer.id(), "Grace Hopper", customer.address("grace"));
        assignWithPermission(customer, grace);
        CustomerUser bob = users.create(customer.id(), "Bob Colleague", customer.address("bob"));
        BackupAccount bobAccount = assign(customer, bob.id(), bob.email(), Optional.of(PASSWORD));
        TestAgent bobPc = TestAgent.register(port, bob.email(), PASSWORD, "SERVER", "bob-pc");
        bobPc.reportRun(Instant.parse("2026-12-01T01:00:00Z"), Instant.parse("2026-12-01T01:30:00Z"), "SUCCESS",
                10, null);
        // another customer's user, with the same permission and a device
        TestCustomer other = createCustomer();
        CustomerUser eve = users.create(other.id(), "Eve Elsewhere", other.address("eve"));
        BackupAccount eveAccount = assignWithPermission(other, eve);
        TestAgent evePc = TestAgent.register(port, eve.email(), PASSWORD, "WORKSTATION", "eve-pc");
        String eveSchedule = scheduleOf(eveAccount, evePc);

        consoleLogIn(grace.email(), PASSWORD);
        page.getByTestId("menu-other-users").click();
        Locator list = page.getByTestId("other-users");
        Locator bobRow = list.locator("tr[data-login='" + bob.email() + "']");
        assertThat(bobRow).containsText("Bob Colleague");
        assertThat(bobRow).containsText("bob-pc");
        assertThat(bobRow.locator(".badge")).hasText("Succeeded");
        assertThat(bobRow.locator("[data-role=bar], [data-role=unlimited]").first()).isVisible();
        assertThat(list.locator("tr")).hasCount(2);   // the header and Bob: not Grace herself, not Eve
        assertThat(page.locator("body")).not().containsText(eve.email());
        assertThat(page.locator("body")).not().containsText("eve-pc");
        screenshot("console-devices-02-other-users");

        bobRow.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Open Bob Colleague")).click();
        assertThat(page.getByTestId("account-login")).hasText(bob.email());
        schedule(device("bob-pc"), "22:15");
        assertThat(page).hasURL(baseUrl() + "/console/users/" + bob.id());
        assertThat(page.getByTestId("notice")).hasText("bob-pc now backs up daily at 22:15 (its local time).");
        assertThat(scheduleOf(bobAccount, bobPc)).isEqualTo("22:15");
        screenshot("console-devices-03-other-user");

        // another customer's account and device: not found, whatever the permission, and nothing changes
        assertThat(page.navigate("/console/users/" + eve.id()).status()).isEqualTo(404);
        assertThat(page.locator("body")).not().containsText("eve-pc");
        String eveDevice = "/console/users/" + eve.id() + "/devices/" + evePc.deviceId();
        assertThat(page.navigate(eveDevice + "/remove").status()).isEqualTo(404);
        assertThat(post(eveDevice + "/schedule", "daily=12:00")).isEqualTo(404);
        assertThat(post(eveDevice + "/remove", "")).isEqualTo(404);
        // Eve's device named under Bob's account is not Bob's device either
        String underBob = "/console/users/" + bob.id() + "/devices/" + evePc.deviceId();
        assertThat(post(underBob + "/schedule", "daily=12:00")).isEqualTo(404);
        assertThat(post(underBob + "/remove", "")).isEqualTo(404);
        assertThat(scheduleOf(eveAccount, evePc)).isEqualTo(eveSchedule);
        assertThat(evePc.deviceStatus()).isEqualTo(200);

        // removing Bob's device from Grace's console
        page.navigate("/console/users/" + bob.id());
        device("bob-pc").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Remove bob-pc")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove device")).click();
        assertThat(page).hasURL(baseUrl() + "/console/users/" + bob.id());
        assertThat(page.getByTestId("notice")).containsText("The device bob-pc has been removed");
        assertThat(bobPc.deviceStatus()).isEqualTo(401);

        // Bob has no permission: Grace's account is out of his reach, by page and by form
        context.clearCookies();
        TestAgent gracePc = TestAgent.register(port, grace.email(), PASSWORD, "SERVER", "grace-pc");
        consoleLogIn(bob.email(), PASSWORD);
        String graceDevice = "/console/users/" + grace.id() + "/devices/" + gracePc.deviceId();
        assertThat(post(graceDevice + "/schedule", "daily=12:00")).isEqualTo(403);
        assertThat(post(graceDevice + "/remove", "")).isEqualTo(403);
        assertThat(page.navigate("/console/users/" + grace.id()).status()).isEqualTo(403);
        assertThat(gracePc.deviceStatus()).isEqualTo(200);
    }

    private BackupAccount assignWithPermission(TestCustomer customer, CustomerUser user) {
        Quotas quotas = Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(10)).with(QuotaItem.devices(DeviceType.SERVER), Limit.of(1));
        return accounts.assign(customer.id(), user.id(), new BackupSettings(user.email(), NotificationLevel.ERRORS,
                true, true, quotas), Optional.of(PASSWORD)).account();
    }

    private Locator device(String name) {
        return page.locator("[data-testid=devices] tr[data-device='" + name + "']");
    }

    private void schedule(Locator row, String daily) {
        row.locator("input[name=daily]").fill(daily);
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        page.waitForLoadState();
    }

    private String scheduleOf(BackupAccount account, TestAgent agent) {
        return devices.find(account.id(), UUID.fromString(agent.deviceId())).orElseThrow().schedule();
    }

    /** POSTs a form from the current console page with its CSRF token, as a crafted form would; the status. */
    private int post(String path, String form) {
        if (!page.url().contains("/console")) {
            page.navigate("/console");
        }
        Object status = page.evaluate("async ([url, form]) => {"
                + " const token = document.querySelector('input[name=_csrf]').value;"
                + " const r = await fetch(url, {method: 'POST', redirect: 'manual',"
                + "  headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                + "  body: '_csrf=' + encodeURIComponent(token) + (form ? '&' + form : '')});"
                + " return r.status; }", List.of(path, form));
        return ((Number) status).intValue();
    }
}
