package dev.coffer.server.panel;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.coffer.server.apitoken.ApiTokenService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An admin creates an API token in the panel (shown once), finds it in the list and revokes it. */
class ApiTokensIT extends BrowserTestSupport {

    @Autowired
    ApiTokenService tokens;

    @Test
    void customerAdminCreatesAndRevokesAToken() {
        TestCustomer customer = createCustomer();
        logIn(customer.adminLogin(), customer.adminPassword());
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("API tokens")).click();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        assertThat(page.locator("[data-errors-for='name']")).isVisible();

        page.getByLabel("Token name").fill("billing system");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        String secret = page.getByTestId("token-secret").textContent();
        assertThat(secret).startsWith(ApiTokenService.SECRET_PREFIX);
        assertThat(tokens.authenticate(secret)).hasValueSatisfying(p -> assertThat(p.login()).isEqualTo(customer.adminLogin()));
        assertThat(page.getByTestId("tokens")).containsText("billing system");
        screenshot("30-api-tokens");

        page.reload();
        assertThat(page.getByTestId("token-secret")).hasCount(0);

        page.onDialog(d -> d.accept());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke billing system")).click();
        assertThat(page.getByTestId("notice")).containsText("revoked");
        assertThat(page.getByTestId("tokens")).not().containsText("billing system");
        assertThat(tokens.authenticate(secret)).isEmpty();
    }

    @Test
    void providerAdminHasTokensToo() {
        logIn(PROVIDER_LOGIN, PROVIDER_PASSWORD);
        page.navigate("/provider/api-tokens");
        page.getByLabel("Token name").fill("provisioning script");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        String secret = page.getByTestId("token-secret").textContent();
        assertThat(tokens.authenticate(secret)).hasValueSatisfying(p -> assertThat(p.isProviderAdmin()).isTrue());
    }
}
