package dev.coffer.server.panel;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.coffer.server.customer.CustomerUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Backup User Settings page refuses bad input with a message next to the field and in the summary at the top,
 * keeps what was typed, and saves nothing.
 */
class ProvisioningValidationIT extends BrowserTestSupport {

    TestCustomer customer;
    CustomerUser user;

    @BeforeEach
    void openSettingsPage() {
        customer = createCustomer();
        user = users.create(customer.id(), "Alan Turing", customer.address("alan"));
        logIn(customer.adminLogin(), customer.adminPassword());
        page.navigate("/customer/backup/users/" + user.id() + "/assign");
        // The form starts with nothing assigned where the customer's quota is limited: type a valid baseline, so
        // that each test makes exactly one thing wrong.
        exactLabel("Storage").fill("10");
        exactLabel("Servers (devices)").fill("1");
    }

    @Test
    void weakPasswordIsRefusedWithTheReason() {
        password().fill("short1");
        assertThat(page.locator("#password-strength")).containsText("Not accepted yet");
        ok();
        assertThat(errorsFor("password")).containsText("must be at least 12 characters");
        assertThat(page.getByTestId("error-summary")).containsText("Password: must be at least 12 characters");
        assertThat(password()).hasValue("short1");
        assertThat(exactLabel("Login")).hasValue(user.email());
        screenshot("10-validation-weak-password");
        assertNothingSaved();
    }

    @Test
    void passwordContainingTheLoginIsRefused() {
        exactLabel("Login").fill("alan.t");
        password().fill("Secret-alan.t-2024");
        ok();
        assertThat(errorsFor("password")).containsText("must not contain the login");
        assertNothingSaved();
    }

    @Test
    void loginTakenIsRefused() {
        CustomerUser other = users.create(customer.id(), "Other", customer.address("other"));
        assign(customer, other.id(), other.email(), Optional.empty());
        exactLabel("Login").fill(other.email().toUpperCase());
        ok();
        assertThat(errorsFor("login")).isVisible();
        assertThat(page.getByTestId("error-summary")).containsText("Login");
        screenshot("11-validation-login-taken");
        assertNothingSaved();
    }

    @Test
    void aLoginOutsideTheCustomersDomainsIsRefusedAndTheFormSaysWhichAreAllowed() {
        assertThat(page.getByTestId("login-rule")).hasText("Login must be an address at " + customer.domain() + ".");
        exactLabel("Login").fill("alan@elsewhere.example");
        ok();
        assertThat(errorsFor("login")).containsText("must be an address at " + customer.domain());
        assertThat(page.getByTestId("error-summary")).containsText("Login");
        assertThat(exactLabel("Login")).hasValue("alan@elsewhere.example");
        assertNothingSaved();
    }

    @Test
    void quotaOverWhatIsLeftIsRefused() {
        exactLabel("Storage").fill("101");
        ok();
        assertThat(errorsFor("quotas.storage.value")).containsText("100 GB");
        assertThat(page.getByTestId("error-summary")).containsText("Storage");
        assertThat(exactLabel("Storage")).hasValue("101");
        screenshot("12-validation-quota-over");
        assertNothingSaved();
    }

    @Test
    void unlimitedWhereTheCustomerIsLimitedIsRefused() {
        exactLabel("Servers (devices): Unlimited").check();
        ok();
        assertThat(errorsFor("quotas.types[servers].devices.value")).isVisible();
        assertNothingSaved();
    }

    @Test
    void negativeValueIsRefused() {
        exactLabel("Workstations (devices): Unlimited").uncheck();
        exactLabel("Workstations (devices)").fill("-3");
        ok();
        assertThat(errorsFor("quotas.types[workstations].devices.value")).containsText("must be between 0 and");
        assertThat(exactLabel("Workstations (devices)")).hasValue("-3");
        screenshot("13-validation-negative");
        assertNothingSaved();
    }

    @Test
    void textWhereANumberBelongsIsRefused() {
        exactLabel("Storage").evaluate("e => { e.type = 'text'; e.value = '12,5'; }");
        ok();
        assertThat(errorsFor("quotas.storage.value")).containsText("must be a whole number");
        assertNothingSaved();
    }

    private void ok() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("OK").setExact(true)).click();
        assertThat(page.getByTestId("error-summary")).containsText("Nothing was saved");
    }

    private void assertNothingSaved() {
        assertThat(accounts.find(customer.id(), user.id())).isEmpty();
    }

    private Locator password() {
        return page.locator("#password");
    }

    private Locator errorsFor(String field) {
        return page.locator("[data-errors-for='" + field + "']");
    }

    private Locator exactLabel(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }
}
