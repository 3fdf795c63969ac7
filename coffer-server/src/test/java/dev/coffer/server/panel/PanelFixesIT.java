package dev.coffer.server.panel;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.coffer.server.customer.CustomerUser;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.support.TestAgent;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a new user tripped over (issue 11), in a real browser: the assign form hands out nothing by itself and checks
 * limits as they are typed, the pages use one vocabulary and draw Unlimited as a word, a failed login keeps the
 * login typed, and the main pages fit a 390 px phone without a sideways scroll (screenshots under
 * target/screenshots/phone-*.png).
 */
class PanelFixesIT extends BrowserTestSupport {

    private static final String BACKUP_PASSWORD = "Backup-User-Secret-42";
    private static final Path AGENT_JAR = agentJar();

    @DynamicPropertySource
    static void agentJarProperty(DynamicPropertyRegistry registry) {
        registry.add("coffer.agent-jar", AGENT_JAR::toString);
    }

    @Test
    void theAssignFormStartsFromNothingAndChecksEachLimitAsItIsTyped() {
        TestCustomer customer = createCustomer();   // 100 GB, 5 servers, the rest unlimited
        CustomerUser user = users.create(customer.id(), "Ada Lovelace", customer.address("ada"));
        logIn(customer.adminLogin(), customer.adminPassword());
        page.navigate("/customer/backup/users/" + user.id() + "/assign");

        Locator storage = exactLabel("Storage");
        assertThat(storage).hasValue("");
        assertThat(exactLabel("Storage: Unlimited")).not().isChecked();
        assertThat(limit("quotas.storage").locator("[data-role=left]")).hasText("100 of 100 GB left");
        assertThat(exactLabel("VMs (devices): Unlimited")).isChecked();

        // + stops at what is left; a typed value over it is refused at once, next to the field
        Locator servers = exactLabel("Servers (devices)");
        assertThat(servers).hasValue("");
        servers.fill("4");
        exactButton("Increase Servers (devices)").click();
        exactButton("Increase Servers (devices)").click();
        assertThat(servers).hasValue("5");
        Locator serversError = limit("quotas.types[servers].devices").locator("[data-role=live-error]");
        assertThat(serversError).isHidden();
        servers.fill("6");
        assertThat(serversError).isVisible();
        assertThat(serversError).hasText("exceeds what you have left: 5 devices are left");
        servers.fill("5");
        assertThat(serversError).isHidden();
        exactLabel("Storage: Unlimited").check();
        assertThat(limit("quotas.storage").locator("[data-role=live-error]")).containsText("cannot be unlimited");
        exactLabel("Storage: Unlimited").uncheck();

        // OK without a storage limit hands out nothing: it is refused and no account exists
        exactLabel("Storage").fill("");
        okButton().click();
        assertThat(page.getByTestId("error-summary")).containsText("Storage");
        assertThat(accounts.find(customer.id(), user.id())).isEmpty();
        exactLabel("Storage").fill("10");
        exactLabel("Servers (devices)").fill("2");
        okButton().click();
        assertThat(page.getByTestId("created-login")).hasText(user.email());
        assertThat(accounts.find(customer.id(), user.id()).orElseThrow().quotas().storageGb()).isEqualTo(Limit.of(10));

        // Manage: the user's own share is assigned, not available; the permission is explained
        page.navigate("/customer/backup/users/" + user.id());
        assertThat(limit("quotas.storage").locator("[data-role=left]"))
                .hasText("10 GB assigned to this user; 90 GB more available");
        assertThat(limit("quotas.types[servers].devices").locator("[data-role=left]"))
                .hasText("2 devices assigned to this user; 3 devices more available");
        assertThat(page.getByTestId("manage-others-hint")).containsText("other users");
        // 100 GB is the most this user may have (its 10 plus the 90 more); 101 is refused at once and by the server
        exactLabel("Storage").fill("101");
        assertThat(limit("quotas.storage").locator("[data-role=live-error]")).isVisible();
        okButton().click();
        assertThat(page.locator("[data-errors-for='quotas.storage.value']")).containsText("100 GB");
        assertThat(accounts.find(customer.id(), user.id()).orElseThrow().quotas().storageGb()).isEqualTo(Limit.of(10));

        // Your quotas: used next to assigned, Unlimited as a word without a bar, and the legend
        page.navigate("/customer/backup");
        Locator yours = page.getByTestId("your-quotas");
        assertThat(yours.locator("tr[data-quota='Storage']")).containsText("0.0 GB used · 10 of 100 GB assigned");
        assertThat(yours.locator("tr[data-quota='Servers']")).containsText("2 of 5 devices assigned");
        Locator vms = yours.locator("tr[data-quota='VMs']");
        assertThat(vms.locator("[data-role=unlimited]")).hasText("Unlimited");
        assertThat(vms.locator("[data-role=bar]")).hasCount(0);
        assertThat(page.getByTestId("usage-legend")).containsText("assigned to backup accounts");
        assertThat(page.getByTestId("usage-legend")).containsText("used by backups");
        screenshot("30-your-quotas-used-and-assigned");
    }

    @Test
    void aFailedLoginKeepsTheLoginTyped() {
        page.navigate("/login");
        page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true)).fill("someone@acme.example");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("not-the-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.getByTestId("login-error")).isVisible();
        assertThat(page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("someone@acme.example");

        page.navigate("/console/login");
        assertThat(page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true))).hasValue("");
        page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true)).fill("ada@acme.example");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("not-the-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.getByTestId("login-error")).isVisible();
        assertThat(page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true))).hasValue("ada@acme.example");
    }

    @Test
    void theMainPagesFitA390PixelPhone() throws IOException {
        Files.write(AGENT_JAR, "PK\u0003\u0004 a stand-in agent jar".getBytes(StandardCharsets.ISO_8859_1));
        TestCustomer customer = createCustomer();
        CustomerUser ada = users.create(customer.id(), "Ada Lovelace", customer.address("ada"));
        CustomerUser bob = users.create(customer.id(), "Bob With A Rather Long Name", customer.address("bob"));
        var bobAccount = assign(customer, bob.id(), bob.email(), Optional.of(BACKUP_PASSWORD));
        // Bob may manage other users' backups and has a device with a long-winded last run, a refusal too
        accounts.update(customer.id(), bob.id(), new dev.coffer.server.backupaccount.BackupSettings(bob.email(),
                bobAccount.notificationLevel(), true, true, bobAccount.quotas()), bobAccount.version());
        TestAgent bobServer = TestAgent.register(port, bob.email(), BACKUP_PASSWORD, "SERVER",
                "bob-build-server-with-a-long-host-name.internal.example");
        bobServer.reportRun(java.time.Instant.parse("2026-12-01T02:00:00Z"),
                java.time.Instant.parse("2026-12-01T02:30:00Z"), "WARNING", 1_234_567_890L,
                "3 paths could not be read: /var/lib/some/very/long/path/that/does/not/wrap/by/itself/at/all.db");
        TestAgent.tryRegister(port, bob.email(), BACKUP_PASSWORD, "SERVER", "bob-second-server");
        page.setViewportSize(390, 844);

        page.navigate("/login");
        fits("phone-01-login");
        logIn(PROVIDER_LOGIN, PROVIDER_PASSWORD);
        fits("phone-02-provider-customers");
        page.navigate("/provider/customers?q=" + customer.name());
        Locator edit = page.locator("tr[data-customer='" + customer.name() + "']")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Edit"));
        edit.scrollIntoViewIfNeeded();
        assertThat(edit).isInViewport();   // no longer clipped behind a sideways scroll
        page.navigate("/provider/customers/new");
        fits("phone-03-create-customer");
        String name = unique("Phone Ltd");
        page.getByLabel("Customer name").fill(name);
        page.getByLabel("Admin login").fill(unique("phone-admin"));
        page.getByLabel("Admin email").fill(unique("phone") + "@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create customer")).click();
        assertThat(page.getByTestId("admin-password")).isVisible();
        fits("phone-04-customer-created");
        page.navigate("/provider/api-tokens");
        fits("phone-05-provider-tokens");
        context.clearCookies();

        logIn(customer.adminLogin(), customer.adminPassword());
        page.navigate("/customer/backup");
        fits("phone-06-my-backup");
        Locator manage = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Manage " + bob.name()));
        manage.scrollIntoViewIfNeeded();
        assertThat(manage).isInViewport();
        page.navigate("/customer/users");
        fits("phone-07-users");
        page.navigate("/customer/api-tokens");
        fits("phone-08-customer-tokens");

        // the assign form: each device type is one summary line that opens when tapped
        page.navigate("/customer/backup/users/" + ada.id() + "/assign");
        Locator servers = page.locator("details.quota-kind[data-kind=servers]");
        assertThat(servers.locator(":scope > summary")).containsText("Servers");
        assertThat(servers.locator("[data-role=summary]")).hasText("Devices: not set · Backup space: Unlimited");
        assertThat(exactLabel("Servers (devices)")).isHidden();
        fits("phone-09-assign-form");
        servers.locator(":scope > summary").click();
        assertThat(exactLabel("Servers (devices)")).isVisible();
        exactLabel("Storage").fill("5");
        exactLabel("Servers (devices)").fill("1");
        assertThat(servers.locator("[data-role=summary]")).hasText("Devices: 1 · Backup space: Unlimited");
        okButton().click();
        assertThat(page.getByTestId("created-password")).isVisible();
        fits("phone-10-account-created");
        page.navigate("/customer/backup/users/" + ada.id());
        fits("phone-11-manage");
        page.navigate("/customer/backup/users/" + bob.id());
        assertThat(page.getByTestId("devices")).isVisible();
        fits("phone-11b-manage-devices");
        page.navigate("/customer/backup/users/" + bob.id() + "/devices/" + bobServer.deviceId() + "/remove");
        fits("phone-11c-device-remove");
        context.clearCookies();

        page.navigate("/console/login");
        page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true)).fill(bob.email());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(BACKUP_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.getByTestId("account-login")).hasText(bob.email());
        fits("phone-12-console-home");
        assertThat(page.getByTestId("usage-legend")).isVisible();
        assertThat(page.getByTestId("devices")).isVisible();
        page.navigate("/console/users");
        assertThat(page.getByTestId("other-users")).containsText(ada.email());
        fits("phone-12b-console-other-users");
        page.navigate("/console/users/" + ada.id());
        fits("phone-12c-console-other-user");
        page.navigate("/console/users/" + bob.id() + "/devices/" + bobServer.deviceId() + "/remove");
        fits("phone-12d-console-device-remove");
        page.navigate("/console/download");
        assertThat(page.getByTestId("agent-sha256")).isVisible();
        fits("phone-13-console-download");
        // code blocks have a copy button
        assertThat(page.locator(".copyable:has([data-testid=cmd-help]) button.copy-code")).hasText("Copy");
    }

    @Test
    void theProviderFindsCustomersAPageAtATimeAndGetsThePanelAddress() {
        String tag = unique("pg").replace("-", "");
        for (int i = 1; i <= 51; i++) {
            customers.create(String.format("%s %02d", tag, i), unique("adm"), unique("a") + "@example.com",
                    Optional.of("Customer-Admin-Pass-9"), dev.coffer.server.quota.Quotas.unlimited());
        }
        logIn(PROVIDER_LOGIN, PROVIDER_PASSWORD);
        page.getByLabel("Search customers").fill(tag);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        assertThat(page.getByTestId("customer-count")).hasText("Showing 1–50 of 51 customers");
        assertThat(page.locator("table[data-testid=customers] tbody tr")).hasCount(50);
        page.getByTestId("pager").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Next")).click();
        assertThat(page.getByTestId("customer-count")).hasText("Showing 51–51 of 51 customers");
        assertThat(page.locator("tr[data-customer='" + tag + " 51']")).isVisible();

        // create one more: the confirmation gives the panel's address to pass on, and the admin login finds it
        String login = unique("found-admin");
        page.navigate("/provider/customers/new");
        page.getByLabel("Customer name").fill(unique("Found Ltd"));
        page.getByLabel("Admin login").fill(login);
        page.getByLabel("Admin email").fill(login + "@found.example");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create customer")).click();
        assertThat(page.getByTestId("panel-url")).hasText(baseUrl() + "/login");
        page.navigate("/provider/customers?q=" + login.toUpperCase());
        assertThat(page.locator("table[data-testid=customers] tbody tr")).hasCount(1);
        assertThat(page.getByTestId("customer-count")).hasText("Showing 1–1 of 1 customers");
    }

    @Test
    void theProviderManagesACustomersAdmins() {
        TestCustomer customer = createCustomer();
        logIn(PROVIDER_LOGIN, PROVIDER_PASSWORD);
        page.navigate("/provider/customers/" + customer.id());
        Locator admins = page.getByTestId("admins");
        assertThat(admins.locator("tr[data-admin='" + customer.adminLogin() + "']")).containsText("Enabled");

        // add another admin: its generated password is shown once, and it works
        String second = unique("second-admin");
        page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true)).fill(second);
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(second + "@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add admin")).click();
        String secondPassword = page.getByTestId("shown-admin-password").textContent();
        assertThat(secondPassword).hasSizeGreaterThanOrEqualTo(12);
        assertThat(admins.locator("tr[data-admin='" + second + "']")).containsText("Enabled");
        page.reload();
        assertThat(page.getByTestId("shown-admin-password")).hasCount(0);   // shown once
        // a login that is taken is refused and nothing is added
        page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true)).fill(second.toUpperCase());
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill("x@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add admin")).click();
        assertThat(page.getByTestId("admin-problem")).containsText("already taken");
        assertThat(admins.locator("tbody tr")).hasCount(2);

        // reset the first admin's password: the new one is shown once; the old one stops working
        page.onDialog(d -> d.accept());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Reset the password of " + customer.adminLogin())).click();
        String reset = page.getByTestId("shown-admin-password").textContent();
        assertThat(reset).isNotEqualTo(customer.adminPassword());

        // disable the second; the first cannot then be disabled (the last enabled admin)
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable " + second)).click();
        assertThat(admins.locator("tr[data-admin='" + second + "']")).containsText("Disabled");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable " + customer.adminLogin())).click();
        assertThat(page.getByTestId("admin-problem")).containsText("only enabled admin");
        assertThat(admins.locator("tr[data-admin='" + customer.adminLogin() + "']")).containsText("Enabled");
        context.clearCookies();

        failsToLogIn(second, secondPassword);
        failsToLogIn(customer.adminLogin(), customer.adminPassword());
        logIn(customer.adminLogin(), reset);
    }

    private void failsToLogIn(String login, String password) {
        page.navigate("/login");
        page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true)).fill(login);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.getByTestId("login-error")).isVisible();
    }

    /** Asserts that nothing on the page is wider than the 390 px viewport, and saves a screenshot. */
    private void fits(String screenshot) {
        page.waitForLoadState();
        screenshot(screenshot);
        Object width = page.evaluate("() => document.documentElement.scrollWidth");
        assertThat(((Number) width).intValue()).as(screenshot + ": page width at 390 px").isLessThanOrEqualTo(390);
    }

    private Locator limit(String path) {
        return page.locator("[data-limit='" + path + "']");
    }

    private Locator exactLabel(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator exactButton(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator okButton() {
        return exactButton("OK");
    }

    private static Path agentJar() {
        try {
            Path dir = Files.createTempDirectory("coffer-panel-fixes");
            dir.toFile().deleteOnExit();
            return dir.resolve("coffer-agent.jar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
