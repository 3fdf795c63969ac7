package dev.coffer.server.panel;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.coffer.server.customer.CustomerUser;
import dev.coffer.server.device.DeviceService;
import dev.coffer.server.support.TestAgent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The customer admin sees what the agents did: on the Manage page each device with its last run, the refused
 * registrations and the usage per device type; removes a device through a confirmation page, after which its agent
 * is refused; and the customer overview shows devices registered and storage used next to what is assigned.
 */
class DevicesPagesIT extends BrowserTestSupport {

    private static final String PASSWORD = "Backup-User-Secret-42";

    @Autowired
    DeviceService devices;

    @Test
    void theManagePageShowsDevicesRunsRefusalsAndUsageAndRemovesADevice() {
        TestCustomer customer = createCustomer();   // 100 GB, 5 servers
        CustomerUser ada = users.create(customer.id(), "Ada Lovelace", customer.address("ada"));
        long accountId = assign(customer, ada.id(), ada.email(), Optional.of(PASSWORD)).id();   // 10 GB, 1 server

        TestAgent web = TestAgent.register(port, ada.email(), PASSWORD, "SERVER", "web-1");
        web.storePack(new byte[2_500_000]);
        web.reportRun(Instant.parse("2026-12-01T02:10:00Z"), Instant.parse("2026-12-01T02:12:30Z"), "SUCCESS",
                2_500_000, null);
        TestAgent laptop = TestAgent.register(port, ada.email(), PASSWORD, "WORKSTATION", "ada-laptop");
        laptop.reportRun(Instant.parse("2026-12-01T03:00:00Z"), Instant.parse("2026-12-01T03:01:00Z"), "ERROR", 0,
                "the disk /dev/sdb could not be read");
        TestAgent.Answer refused = TestAgent.tryRegister(port, ada.email(), PASSWORD, "SERVER", "web-2");
        assertThat(refused.status()).isEqualTo(403);

        logIn(customer.adminLogin(), customer.adminPassword());
        page.navigate("/customer/backup/users/" + ada.id());
        Locator webRow = device("web-1");
        assertThat(webRow.locator("td[data-label=Type]")).hasText("Servers");
        assertThat(webRow.locator("[data-role=status]")).hasText("Succeeded");
        assertThat(webRow.locator("[data-role=status]")).hasClass("badge active");
        assertThat(webRow.locator("td[data-label=Started]")).hasText("1 Dec 2026, 02:10 UTC");
        assertThat(webRow.locator("td[data-label=Finished]")).hasText("1 Dec 2026, 02:12 UTC");
        assertThat(webRow.locator("[data-role=bytes-added]")).hasText("2.5 MB");
        assertThat(webRow.locator("[data-role=schedule]")).hasText(java.util.regex.Pattern.compile("0[1-5]:[0-5][0-9]"));
        Locator laptopRow = device("ada-laptop");
        assertThat(laptopRow.locator("[data-role=status]")).hasText("Failed");
        assertThat(laptopRow.locator("[data-role=message]")).hasText("the disk /dev/sdb could not be read");
        assertThat(page.getByTestId("refusals")).containsText("web-2");
        assertThat(page.getByTestId("refusals")).containsText("this account may register 1 server; 1 is registered");
        // usage per device type: the ledger's figures next to the account's quotas
        Locator usage = page.getByTestId("quota-usage");
        assertThat(usage.locator("tr[data-quota=Storage]")).containsText("0.00 of 10 GB used");
        assertThat(usage.locator("tr[data-quota=Servers] td[data-label=Devices]")).containsText("1 of 1 devices registered");
        assertThat(usage.locator("tr[data-quota=Servers] td[data-label=Devices] .bar")).hasClass("bar full");
        assertThat(usage.locator("tr[data-quota=Workstations] td[data-label=Devices]"))
                .containsText("1 devices registered · Unlimited");
        assertThat(usage.locator("tr[data-quota=Workstations] [data-role=unlimited]").first()).hasText("Unlimited");
        assertThat(page.getByTestId("usage-legend").first()).containsText("used by backups");
        screenshot("devices-01-manage");

        // Remove: a confirmation page first; Cancel changes nothing
        laptopRow.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Remove ada-laptop")).click();
        assertThat(page.getByTestId("device-name")).hasText("ada-laptop");
        screenshot("devices-02-remove-confirmation");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cancel")).click();
        assertThat(device("ada-laptop")).isVisible();
        assertThat(laptop.deviceStatus()).isEqualTo(200);
        // a device changed after its confirmation page was opened is not removed
        device("ada-laptop").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Remove ada-laptop"))
                .click();
        devices.setSchedule(accountId, UUID.fromString(laptop.deviceId()), "23:45");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove device")).click();
        assertThat(page.getByTestId("problem")).containsText("changed after you opened the page");
        assertThat(device("ada-laptop").locator("[data-role=schedule]")).hasText("23:45");
        assertThat(laptop.deviceStatus()).isEqualTo(200);
        device("ada-laptop").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Remove ada-laptop"))
                .click();
        String confirmation = page.url();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove device")).click();
        assertThat(page.getByTestId("notice")).containsText("The device ada-laptop has been removed");
        assertThat(device("ada-laptop")).hasCount(0);
        assertThat(device("web-1")).isVisible();
        assertThat(laptop.deviceStatus()).isEqualTo(401);
        assertThat(web.deviceStatus()).isEqualTo(200);
        assertThat(page.getByTestId("quota-usage").locator("tr[data-quota=Workstations] td[data-label=Devices]"))
                .containsText("0 devices registered");
        // the confirmation again (a second tab, the back button): nothing left to remove, and it says so
        page.navigate(confirmation);
        assertThat(page.getByTestId("problem")).containsText("not registered to the account");
        assertThat(web.deviceStatus()).isEqualTo(200);

        // the customer overview: devices registered and storage used next to what is assigned
        page.navigate("/customer/backup");
        Locator quotas = page.getByTestId("your-quotas");
        assertThat(quotas.locator("tr[data-quota=Servers]")).containsText("1 registered · 1 of 5 devices assigned");
        assertThat(quotas.locator("tr[data-quota=Storage]")).containsText("0.0 GB used · 10 of 100 GB assigned");
        assertThat(quotas.locator("tr[data-quota=Workstations]")).containsText("0 registered · Unlimited");
        screenshot("devices-03-customer-overview");
    }

    @Test
    void anotherCustomersAdminFindsNeitherTheAccountNorItsDevices() {
        TestCustomer owner = createCustomer();
        CustomerUser ada = users.create(owner.id(), "Ada Lovelace", owner.address("ada"));
        assign(owner, ada.id(), ada.email(), Optional.of(PASSWORD));
        TestAgent web = TestAgent.register(port, ada.email(), PASSWORD, "SERVER", "web-1");
        TestCustomer other = createCustomer();

        logIn(other.adminLogin(), other.adminPassword());
        String path = "/customer/backup/users/" + ada.id() + "/devices/" + web.deviceId() + "/remove";
        assertThat(page.navigate(path).status()).isEqualTo(404);
        assertThat(page.locator("body")).not().containsText("web-1");
        assertThat(page.navigate("/customer/backup/users/" + ada.id()).status()).isEqualTo(404);
        assertThat(web.deviceStatus()).isEqualTo(200);
    }

    private Locator device(String name) {
        return page.locator("[data-testid=devices] tr[data-device='" + name + "']");
    }
}
