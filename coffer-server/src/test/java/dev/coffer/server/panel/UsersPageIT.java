package dev.coffer.server.panel;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.coffer.server.customer.CustomerUser;
import org.junit.jupiter.api.Test;

/** The Users page: add, edit, and delete users; a user who has the backup service cannot be deleted. */
class UsersPageIT extends BrowserTestSupport {

    @Test
    void customerAdminManagesUsers() {
        TestCustomer customer = createCustomer();
        logIn(customer.adminLogin(), customer.adminPassword());
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Users")).click();

        // a bad email is refused next to the field, the name is kept
        label("Name").fill("Katherine Johnson");
        label("Email").fill("not-an-email");
        button("Add user").click();
        assertThat(page.locator("[data-errors-for='email']")).isVisible();
        assertThat(label("Name")).hasValue("Katherine Johnson");
        assertThat(users.list(customer.id())).isEmpty();

        String email = customer.address("katherine");
        label("Email").fill(email);
        button("Add user").click();
        assertThat(page.getByTestId("users")).containsText(email);
        CustomerUser added = users.list(customer.id()).get(0);
        assertThat(added.name()).isEqualTo("Katherine Johnson");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit Katherine Johnson")).click();
        label("Name").fill("Katherine G. Johnson");
        button("Save").click();
        assertThat(page.getByTestId("users")).containsText("Katherine G. Johnson");
        assertThat(users.get(customer.id(), added.id()).name()).isEqualTo("Katherine G. Johnson");

        // refused while the user has the service
        assign(customer, added.id(), email, Optional.empty());
        page.reload();
        page.onDialog(d -> d.accept());
        button("Delete Katherine G. Johnson").click();
        assertThat(page.getByTestId("problem")).containsText("still has the backup service");
        assertThat(users.list(customer.id())).hasSize(1);
        screenshot("31-users-delete-refused");

        accounts.remove(customer.id(), added.id());
        button("Delete Katherine G. Johnson").click();
        assertThat(page.getByTestId("notice")).containsText("has been deleted");
        assertThat(users.list(customer.id())).isEmpty();
    }

    private Locator label(String text) {
        return page.getByLabel(text, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
