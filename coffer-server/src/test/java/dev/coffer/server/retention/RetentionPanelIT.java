package dev.coffer.server.retention;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.customer.CustomerUser;
import dev.coffer.server.panel.BrowserTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Retention card of an account's Manage page, in a real browser. */
class RetentionPanelIT extends BrowserTestSupport {

    @Autowired
    RetentionPolicies policies;

    @Test
    void theAdminSetsTheRetentionPolicyOnTheManagePageAndABadCountIsRefusedNextToItsField() {
        TestCustomer customer = createCustomer();
        CustomerUser user = users.create(customer.id(), "Ada Lovelace", customer.address("ada"));
        BackupAccount account = assign(customer, user.id(), user.email(), Optional.of("Backup-User-Secret-42"));
        logIn(customer.adminLogin(), customer.adminPassword());
        page.navigate("/customer/backup/users/" + user.id());

        Locator card = page.locator("#retention");
        assertThat(field(card, "Days (the newest of each)")).hasValue("14");
        assertThat(field(card, "Weeks (the newest of each)")).hasValue("8");
        assertThat(field(card, "Months (the newest of each)")).hasValue("12");
        assertThat(field(card, "Last snapshots")).hasValue("0");

        field(card, "Days (the newest of each)").fill("1001");
        save(card);
        assertThat(page.locator("[data-errors-for='keepDaily']")).hasText("must be a whole number from 0 to 1000");
        assertThat(field(page.locator("#retention"), "Days (the newest of each)")).hasValue("1001");
        assertThat(policies.get(account.id()).settings()).isEqualTo(RetentionSettings.DEFAULT);

        card = page.locator("#retention");
        field(card, "Days (the newest of each)").fill("7");
        field(card, "Last snapshots").fill("3");
        save(card);
        assertThat(page.getByTestId("notice")).containsText("Retention policy saved");
        assertThat(field(page.locator("#retention"), "Days (the newest of each)")).hasValue("7");
        assertThat(policies.get(account.id()).settings()).isEqualTo(new RetentionSettings(3, 7, 8, 12, 0));
    }

    private static Locator field(Locator card, String label) {
        return card.getByLabel(label, new Locator.GetByLabelOptions().setExact(true));
    }

    private static void save(Locator card) {
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save retention")).click();
    }
}
