package dev.coffer.server.panel;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.coffer.server.backupaccount.BackupSettings;
import dev.coffer.server.backupaccount.NotificationLevel;
import dev.coffer.server.customer.Customer;
import dev.coffer.server.customer.CustomerUser;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import org.junit.jupiter.api.Test;

/**
 * The provider area: a provider admin creates a customer with quotas and sees it with its usage; the customer's
 * admin logs in with the password shown once and can reach neither the provider area nor another customer's rows.
 */
class ProviderAreaIT extends BrowserTestSupport {

    @Test
    void providerCreatesACustomerAndSeesItsUsage() {
        logIn(PROVIDER_LOGIN, PROVIDER_PASSWORD);
        assertThat(page).hasURL(baseUrl() + "/provider/customers");
        String name = unique("Acme");
        String adminLogin = unique("acme-admin");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create customer")).click();
        label("Customer name").fill(name);
        label("Admin login").fill(adminLogin);
        label("Admin email").fill(adminLogin + "@acme.example");
        String domain = unique("acme").toLowerCase(java.util.Locale.ROOT) + ".example";
        label("Domains").fill(domain.toUpperCase(java.util.Locale.ROOT) + ", " + domain);
        label("Storage: Unlimited").uncheck();
        label("Storage").fill("500");
        label("Servers (devices): Unlimited").uncheck();
        label("Servers (devices)").fill("10");
        // the password field says once, not twice, that an empty one is generated
        String passwordField = page.locator(".field:has(#adminPassword)").innerText();
        assertThat(passwordField.split("Coffer generates", -1)).hasSize(2);
        screenshot("20-provider-create-customer");
        button("Create customer").click();

        assertThat(page.getByTestId("admin-login")).hasText(adminLogin);
        String generated = page.getByTestId("admin-password").textContent();
        assertThat(generated).hasSizeGreaterThanOrEqualTo(12);
        screenshot("21-provider-customer-created");

        Customer customer = customers.list().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        assertThat(customer.quotas().storageGb()).isEqualTo(Limit.of(500));
        assertThat(customer.quotas().of(DeviceType.SERVER).devices()).isEqualTo(Limit.of(10));
        assertThat(customer.quotas().of(DeviceType.VM).devices().isUnlimited()).isTrue();

        // usage: 40 GB handed out of 500
        // the form's domains, once, in lower case: the backup logins of the customer are addresses at it
        page.navigate("/provider/customers/" + customer.id());
        assertThat(label("Domains")).hasValue(domain);
        CustomerUser user = users.create(customer.id(), "Bob", unique("bob") + "@" + domain);
        assign(new TestCustomer(customer.id(), name, adminLogin, generated, domain), user.id(), user.email(),
                Optional.empty());
        accounts.update(customer.id(), user.id(), new BackupSettings(user.email(),
                NotificationLevel.ALL, true, false,
                customer.quotas().with(QuotaItem.STORAGE, Limit.of(40))
                        .with(QuotaItem.devices(DeviceType.SERVER), Limit.of(1))),
                accounts.find(customer.id(), user.id()).orElseThrow().version());
        page.navigate("/provider/customers");
        Locator row = page.locator("tr[data-customer='" + name + "']");
        assertThat(row).containsText("Enabled");
        assertThat(row).containsText("40 GB assigned of 500 GB");
        // 8 % assigned, drawn in steps of 5 % by class (no style attributes under a strict CSP)
        assertThat(row.locator(".bar .alloc")).hasClass(java.util.regex.Pattern.compile("(^|\\s)w10(\\s|$)"));
        screenshot("22-provider-customers-usage");

        // a quota below what the accounts already hold is refused next to the field
        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Edit")).click();
        label("Storage").fill("30");
        button("Save").click();
        assertThat(page.locator("[data-errors-for='quotas.storage.value']")).isVisible();
        assertThat(customers.get(customer.id()).quotas().storageGb()).isEqualTo(Limit.of(500));
        label("Storage").fill("600");
        button("Save").click();
        assertThat(page.getByTestId("notice")).containsText("saved");
        assertThat(customers.get(customer.id()).quotas().storageGb()).isEqualTo(Limit.of(600));

        // disable: its admin cannot log in; enable again
        page.onDialog(d -> d.accept());
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable")).click();
        assertThat(row).containsText("Disabled");
        assertThat(customers.get(customer.id()).enabled()).isFalse();
        logOut();
        page.navigate("/login");
        label("Login").fill(adminLogin);
        label("Password").fill(generated);
        button("Log in").click();
        assertThat(page.getByTestId("login-error")).containsText("disabled");
        logIn(PROVIDER_LOGIN, PROVIDER_PASSWORD);
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enable")).click();
        assertThat(row).containsText("Enabled");
        logOut();

        // the generated password works for the customer's admin, who lands on Backup
        logIn(adminLogin, generated);
        assertThat(page).hasURL(baseUrl() + "/customer/backup");
    }

    @Test
    void customerAdminSeesOnlyTheirOwnCustomer() {
        TestCustomer mine = createCustomer();
        TestCustomer theirs = createCustomer();
        CustomerUser theirUser = users.create(theirs.id(), "Eve", theirs.address("eve"));
        assign(theirs, theirUser.id(), theirUser.email(), Optional.empty());
        page.navigate("/login");
        label("Login").fill(mine.adminLogin());
        label("Password").fill("not-the-password");
        button("Log in").click();
        assertThat(page.getByTestId("login-error")).hasText("Wrong login or password.");
        logIn(mine.adminLogin(), mine.adminPassword());

        assertThat(status("/customer/backup/users/" + theirUser.id())).isEqualTo(404);
        assertThat(status("/customer/backup/users/" + theirUser.id() + "/assign")).isEqualTo(404);
        assertThat(status("/customer/backup/users/" + theirUser.id() + "/remove")).isEqualTo(404);
        assertThat(status("/customer/users/" + theirUser.id())).isEqualTo(404);
        assertThat(page.getByTestId("error-message")).isVisible();
        screenshot("23-customer-admin-not-found");
        assertThat(status("/provider/customers")).isEqualTo(403);
        assertThat(page.getByTestId("error-message")).hasText("Your login may not open this page.");
        assertThat(status("/provider/customers/" + theirs.id())).isEqualTo(403);

        page.navigate("/customer/backup");
        assertThat(page.getByTestId("my-backup")).not().containsText(theirUser.email());
        page.navigate("/customer/users");
        assertThat(page.getByTestId("users")).not().containsText(theirUser.email());

        // a form posted against another customer's user changes nothing there
        page.navigate("/customer/backup");
        Object status = page.evaluate("async (id) => { const csrf = document.querySelector('input[name=_csrf]').value;"
                + " const r = await fetch('/customer/backup/users/' + id + '/suspend', {method: 'POST',"
                + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: '_csrf=' + encodeURIComponent(csrf)});"
                + " return r.status; }", String.valueOf(theirUser.id()));
        assertThat(((Number) status).intValue()).isEqualTo(404);
        assertThat(accounts.find(theirs.id(), theirUser.id()).orElseThrow().status().name()).isEqualTo("ACTIVE");
    }

    @Test
    void loginPageSaysWhenAttemptsAreThrottled() {
        TestCustomer customer = createCustomer();
        for (int attempt = 1; attempt <= 6; attempt++) {
            page.navigate("/login");
            label("Login").fill(customer.adminLogin());
            label("Password").fill("wrong-guess-" + attempt);
            button("Log in").click();
        }
        assertThat(page.getByTestId("login-error")).containsText("Too many failed attempts");
        screenshot("24-login-throttled");
    }

    private int status(String path) {
        return page.navigate(path).status();
    }

    private void logOut() {
        button("Log out").click();
        assertThat(page).hasURL(baseUrl() + "/login?logout");
    }

    private Locator label(String text) {
        return page.getByLabel(text, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
