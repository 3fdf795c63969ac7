package dev.coffer.server.panel;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupSettings;
import dev.coffer.server.backupaccount.NotificationLevel;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Steps 1–7 of the provisioning article in a real browser, as a customer admin: log in, Backup, My Backup, select
 * the user, ASSIGN SERVICE, credentials, settings, quotas, OK; then the account exists with exactly those settings
 * and the password shown on the confirmation is the one that works.
 */
class ProvisioningWorkflowIT extends BrowserTestSupport {

    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    JdbcClient jdbc;

    @Test
    void customerAdminProvisionsABackupAccountAsTheArticleDescribes() {
        TestCustomer customer = createCustomer();
        var user = users.create(customer.id(), "Ada Lovelace", customer.address("ada"));

        // 1) Log in to the Customer Control Panel
        page.navigate("/login");
        screenshot("01-login");
        logIn(customer.adminLogin(), customer.adminPassword());

        // 2) Select 'Backup' from the left-side menu options
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Backup").setExact(true)).click();
        assertThat(heading("My Backup")).isVisible();
        Locator row = page.getByTestId("my-backup").locator("tr", new Locator.LocatorOptions().setHasText(user.email()));
        assertThat(row).containsText("Not assigned");
        screenshot("02-backup-my-backup");

        // 3) under 'My Backup', select the user and click ASSIGN SERVICE
        row.getByText(user.email()).click();
        assertThat(page.getByLabel("Select Ada Lovelace")).isChecked();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("ASSIGN SERVICE")).click();

        // 4) Backup User Settings, SET BACKUP USER CREDENTIALS: the login defaults to the user's email
        assertThat(heading("Backup User Settings")).isVisible();
        assertThat(heading("SET BACKUP USER CREDENTIALS")).isVisible();
        assertThat(page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true))).hasValue(user.email());
        assertThat(page.getByTestId("important-reminder")).containsText("Management Console");
        assertThat(page.getByTestId("important-reminder")).containsText("agent");

        // 5) the auto-generated password, a new one generated, the eye icon shows and hides it
        Locator password = page.locator("#password");
        String prefilled = password.inputValue();
        assertThat(prefilled).hasSizeGreaterThanOrEqualTo(16);
        assertThat(password).hasAttribute("type", "password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Generate new password")).click();
        String generated = password.inputValue();
        assertThat(generated).hasSize(16).isNotEqualTo(prefilled);
        assertThat(page.locator("#password-strength")).containsText("Strong");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show password")).click();
        assertThat(password).hasAttribute("type", "text");
        screenshot("03-backup-user-settings-credentials");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hide password")).click();
        assertThat(password).hasAttribute("type", "password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show password")).click();

        // 6) BACKUP USER SETTINGS: notifications, quota notifications, managing other users' backups
        assertThat(heading("BACKUP USER SETTINGS")).isVisible();
        page.getByLabel("Errors only").check();
        radio("Notifications when usage nears its quota", "Enabled").check();
        radio("Manage backups for other users", "Enabled").check();
        screenshot("04-backup-user-settings");

        // 7) quotas: Unlimited ticked and unticked, a limit typed, + and -
        assertThat(page.getByTestId("quotas")).containsText("100 of 100 GB left");
        Locator storage = exactLabel("Storage");
        storage.fill("40");
        exactButton("Increase Storage").click();
        exactButton("Increase Storage").click();
        exactButton("Decrease Storage").click();
        assertThat(storage).hasValue("41");
        Locator servers = exactLabel("Servers (devices)");
        servers.fill("3");
        Locator workstationsUnlimited = exactLabel("Workstations (devices): Unlimited");
        assertThat(workstationsUnlimited).isChecked();
        workstationsUnlimited.uncheck();
        Locator workstations = exactLabel("Workstations (devices)");
        assertThat(workstations).isEnabled();
        workstations.fill("1");
        exactButton("Increase Workstations (devices)").click();
        Locator vmsUnlimited = exactLabel("VMs (devices): Unlimited");
        vmsUnlimited.uncheck();
        vmsUnlimited.check();
        assertThat(exactLabel("VMs (devices)")).isDisabled();
        screenshot("05-backup-quotas");
        page.setViewportSize(390, 844);
        screenshot("05b-backup-user-settings-phone");
        page.setViewportSize(1280, 900);

        // 8) OK creates the account; the confirmation shows login, password once and the console address
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("OK").setExact(true)).click();
        assertThat(heading("A new backup account has now been created")).isVisible();
        assertThat(page.getByTestId("created-login")).hasText(user.email());
        assertThat(page.getByTestId("created-password")).hasText(generated);
        // without coffer.console-url: the address and port the connection reached (never the Host header)
        String port = baseUrl().substring(baseUrl().lastIndexOf(':'));
        assertThat(page.getByTestId("console-url"))
                .hasText(java.util.regex.Pattern.compile("^http://[^/]+" + port + "/console$"));
        assertThat(page.getByTestId("agent-download"))
                .hasAttribute("href", java.util.regex.Pattern.compile("^http://[^/]+" + port + "/console/download$"));
        assertThat(page.getByTestId("important-reminder")).isVisible();
        // what the page promises is what this release's agent does: it registers with these credentials, and there
        // is no agent for mobile devices
        assertThat(page.getByTestId("next-steps")).containsText("coffer-agent register --server");
        assertThat(page.getByTestId("next-steps")).containsText("Register each agent with the same login and password");
        assertThat(page.getByTestId("next-steps")).containsText("there is no agent for mobile devices yet");
        screenshot("06-account-created");

        BackupAccount account = accounts.find(customer.id(), user.id()).orElseThrow();
        assertThat(account.login()).isEqualTo(user.email());
        assertThat(account.notificationLevel()).isEqualTo(NotificationLevel.ERRORS);
        assertThat(account.quotaNotifications()).isTrue();
        assertThat(account.manageOtherUsers()).isTrue();
        assertThat(account.quotas().storageGb()).isEqualTo(Limit.of(41));
        assertThat(account.quotas().of(DeviceType.SERVER).devices()).isEqualTo(Limit.of(3));
        assertThat(account.quotas().of(DeviceType.WORKSTATION).devices()).isEqualTo(Limit.of(2));
        assertThat(account.quotas().of(DeviceType.VM).devices().isUnlimited()).isTrue();
        String hash = jdbc.sql("SELECT password_hash FROM backup_account WHERE id = ?").param(account.id())
                .query(String.class).single();
        assertThat(passwordEncoder.matches(generated, hash)).isTrue();
        assertThat(passwordEncoder.matches(prefilled, hash)).isFalse();
        assertThat(accounts.remaining(customer.id(), OptionalLong.empty()).storageGb()).isEqualTo(Limit.of(59));

        // the password is shown once: a reload no longer has it
        page.reload();
        assertThat(page.getByTestId("created-password")).hasCount(0);
        assertThat(page.getByText(generated)).hasCount(0);

        // My Backup now lists the user as Active, with Manage
        page.navigate("/customer/backup");
        assertThat(row).containsText("Active");
        assertThat(row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Manage Ada Lovelace"))).isVisible();
        screenshot("07-backup-my-backup-active");
    }

    @Test
    void adminManagesTheAccountAfterwards() {
        TestCustomer customer = createCustomer();
        var user = users.create(customer.id(), "Grace Hopper", customer.address("grace"));
        assign(customer, user.id(), user.email(), Optional.of("Initial-Secret-2024"));
        long version = accounts.find(customer.id(), user.id()).orElseThrow().version();
        logIn(customer.adminLogin(), customer.adminPassword());

        page.navigate("/customer/backup/users/" + user.id());
        assertThat(page.getByTestId("account-status")).hasText("Active");
        exactLabel("Storage").fill("20");
        page.getByLabel("All notifications").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("OK").setExact(true)).click();
        assertThat(page.getByTestId("notice")).containsText("saved");
        BackupAccount changed = accounts.find(customer.id(), user.id()).orElseThrow();
        assertThat(changed.quotas().storageGb()).isEqualTo(Limit.of(20));
        assertThat(changed.notificationLevel()).isEqualTo(NotificationLevel.ALL);
        assertThat(changed.version()).isGreaterThan(version);
        screenshot("08-manage");

        // a page opened before someone else's change is refused, and says so
        Page stale = context.newPage();
        stale.navigate("/customer/backup/users/" + user.id());
        exactLabel(stale, "Storage").fill("25");
        accounts.update(customer.id(), user.id(), new BackupSettings(changed.login(),
                changed.notificationLevel(), false, false, changed.quotas()), changed.version());
        stale.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("OK").setExact(true)).click();
        assertThat(stale.getByTestId("error-summary")).containsText("changed by someone else");
        assertThat(accounts.find(customer.id(), user.id()).orElseThrow().quotas().storageGb()).isEqualTo(Limit.of(20));
        stale.close();

        // a new password, shown once
        page.navigate("/customer/backup/users/" + user.id());
        page.locator("#newPassword").fill("weakling");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set new password")).click();
        assertThat(page.locator("[data-errors-for='newPassword']")).containsText("at least 12 characters");
        assertThat(page.locator("#newPassword")).hasValue("weakling");
        page.locator("#newPassword").fill("Brand-New-Secret-77");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set new password")).click();
        assertThat(page.getByTestId("created-password")).hasText("Brand-New-Secret-77");
        String hash = jdbc.sql("SELECT password_hash FROM backup_account WHERE user_id = ?").param(user.id())
                .query(String.class).single();
        assertThat(passwordEncoder.matches("Brand-New-Secret-77", hash)).isTrue();

        // suspend, resume
        page.navigate("/customer/backup/users/" + user.id());
        exactButton("Suspend").click();
        assertThat(page.getByTestId("account-status")).hasText("Suspended");
        exactButton("Resume").click();
        assertThat(page.getByTestId("account-status")).hasText("Active");

        // remove: the confirmation names the grace period; the user can then be deleted
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Remove service")).click();
        assertThat(page.getByTestId("grace")).containsText(accounts.graceDays() + " days");
        screenshot("09-remove-service");
        exactButton("Remove service").click();
        assertThat(page.getByTestId("notice")).containsText("kept until");
        assertThat(accounts.find(customer.id(), user.id())).isEmpty();
    }

    private Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator radio(String group, String label) {
        return page.getByRole(AriaRole.RADIOGROUP, new Page.GetByRoleOptions().setName(group).setExact(true))
                .getByLabel(label);
    }

    private Locator exactLabel(String label) {
        return exactLabel(page, label);
    }

    private static Locator exactLabel(Page p, String label) {
        return p.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator exactButton(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
