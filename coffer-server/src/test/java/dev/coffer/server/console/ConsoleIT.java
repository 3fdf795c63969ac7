package dev.coffer.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.coffer.server.customer.CustomerUser;
import dev.coffer.server.panel.BrowserTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Step 8 of the provisioning article in a real browser: the backup user logs in to the Management Console with the
 * credentials the customer admin was given, sees the account's quotas, downloads the agent and logs out; and the
 * console's credentials and the panel's never open each other's doors.
 */
class ConsoleIT extends BrowserTestSupport {

    private static final String PASSWORD = "Backup-User-Secret-42";
    /** coffer.agent-jar points here; each test decides whether the provider "installed" the jar. */
    private static final Path AGENT_JAR = tempDirectory().resolve("coffer-agent.jar");

    @DynamicPropertySource
    static void agentJar(DynamicPropertyRegistry registry) {
        registry.add("coffer.agent-jar", AGENT_JAR::toString);
    }

    @AfterEach
    void uninstallAgent() throws IOException {
        Files.deleteIfExists(AGENT_JAR);
    }

    @Test
    void backupUserLogsInSeesTheQuotasDownloadsTheAgentAndLogsOut() throws IOException {
        byte[] jar = "PK\u0003\u0004 a stand-in agent jar".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(AGENT_JAR, jar);
        TestCustomer customer = createCustomer();
        CustomerUser user = users.create(customer.id(), "Ada Lovelace", customer.address("ada"));
        assign(customer, user.id(), user.email(), Optional.of(PASSWORD));   // 10 GB, 1 server, the rest unlimited

        // the confirmation page's link leads to the download page, through the console's own login
        page.navigate("/console/download");
        assertThat(page).hasURL(baseUrl() + "/console/login");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Management Console")))
                .isVisible();
        screenshot("console-01-login");
        consoleLogIn(user.email().toUpperCase(Locale.ROOT), PASSWORD);   // logins are case-insensitive
        assertThat(heading("Download the agent")).isVisible();

        // My backups: the account, its settings, and its quotas as bars with an honest 0 used
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("My backups")).click();
        assertThat(heading("My backups")).isVisible();
        assertThat(page.getByTestId("account-login")).hasText(user.email());
        assertThat(page.getByTestId("account-status")).hasText("Active");
        assertThat(page.getByTestId("notification-level")).hasText("Errors only");
        assertThat(page.getByTestId("quota-notifications")).hasText("Enabled");
        assertThat(page.getByTestId("no-devices"))
                .containsText("No devices yet: download the agent to back up your first machine");
        assertThat(quotaRow("Storage")).containsText("0 of 10 GB used");
        assertThat(quotaRow("Servers")).containsText("0 of 1 devices registered");
        assertThat(quotaRow("Servers")).containsText("0 GB used · Unlimited");
        assertThat(quotaRow("VMs")).containsText("0 devices registered · Unlimited");
        // bars for the two limits; the seven Unlimited quotas are the word, not an empty bar that reads as 0 %
        assertThat(page.getByTestId("quota-usage").locator(".usage .bar")).hasCount(2);
        assertThat(page.getByTestId("quota-usage").locator(".usage [data-role=unlimited]")).hasCount(7);
        screenshot("console-02-my-backups");
        page.setViewportSize(390, 844);
        screenshot("console-02b-my-backups-phone");
        page.setViewportSize(1280, 900);

        // the download page: the jar itself, and how to use it
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Download agent")).click();
        assertThat(page.getByTestId("cmd-help")).hasText("java -jar coffer-agent.jar --help");
        assertThat(page.getByTestId("cmd-restore")).containsText("restore latest --target");
        assertThat(page.getByTestId("registration-note")).containsText("Register the agent once on each machine");
        screenshot("console-03-download");
        Download download = page.waitForDownload(() -> page.getByTestId("agent-jar").click());
        assertThat(download.suggestedFilename()).isEqualTo("coffer-agent.jar");
        assertThat(Files.readAllBytes(download.path())).isEqualTo(jar);

        // without an installed jar the page says so instead of offering a broken link
        Files.delete(AGENT_JAR);
        page.reload();
        assertThat(page.getByTestId("agent-jar")).hasCount(0);
        assertThat(page.getByTestId("agent-missing"))
                .containsText("the provider has not installed the agent download");
        screenshot("console-04-download-not-installed");
        assertThat(page.navigate("/console/download/coffer-agent.jar").status()).isEqualTo(404);
        assertThat(page.getByTestId("agent-missing")).isVisible();

        // log out: the console asks for the login again
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page.getByText("You have been logged out.")).isVisible();
        page.navigate("/console");
        assertThat(page).hasURL(baseUrl() + "/console/login");
    }

    @Test
    void wrongPasswordSuspendedAccountsAndDisabledCustomersAreRefused() {
        TestCustomer customer = createCustomer();
        CustomerUser user = users.create(customer.id(), "Grace Hopper", customer.address("grace"));
        assign(customer, user.id(), user.email(), Optional.of(PASSWORD));

        consoleLogInFails(user.email(), "Not-The-Password-1");
        assertThat(page.getByTestId("login-error")).hasText("Wrong login or password.");

        // a session ends at the next click once the account is suspended, and a new login is refused
        consoleLogIn(user.email(), PASSWORD);
        accounts.suspend(customer.id(), user.id());
        page.reload();
        assertThat(page.getByTestId("login-error")).containsText("suspended");
        consoleLogInFails(user.email(), PASSWORD);
        assertThat(page.getByTestId("login-error")).containsText("Your backup account is suspended");
        screenshot("console-05-suspended");

        accounts.resume(customer.id(), user.id());
        customers.setEnabled(customer.id(), false);
        consoleLogInFails(user.email(), PASSWORD);
        assertThat(page.getByTestId("login-error")).containsText("disabled by the provider");
    }

    @Test
    void consoleLoginsAreThrottled() {
        TestCustomer customer = createCustomer();
        CustomerUser user = users.create(customer.id(), "Alan Turing", customer.address("alan"));
        assign(customer, user.id(), user.email(), Optional.of(PASSWORD));
        for (int i = 0; i < 5; i++) {
            consoleLogInFails(user.email(), "Wrong-Guess-Number-" + i);
        }
        consoleLogInFails(user.email(), PASSWORD);
        assertThat(page.getByTestId("login-error")).containsText("Too many failed attempts");
    }

    @Test
    void consoleAndPanelCredentialsDoNotOpenEachOther() throws Exception {
        TestCustomer customer = createCustomer();
        CustomerUser user = users.create(customer.id(), "Edsger Dijkstra", customer.address("edsger"));
        assign(customer, user.id(), user.email(), Optional.of(PASSWORD));

        // a panel admin's credentials do not open the console, nor does the admin's panel session
        consoleLogInFails(customer.adminLogin(), customer.adminPassword());
        assertThat(page.getByTestId("login-error")).hasText("Wrong login or password.");
        logIn(customer.adminLogin(), customer.adminPassword());
        page.navigate("/console");
        assertThat(page).hasURL(baseUrl() + "/console/login");

        // a backup user's credentials do not open the panel ...
        context.clearCookies();
        page.navigate("/login");
        page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true)).fill(user.email());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.getByTestId("login-error")).hasText("Wrong login or password.");
        // ... nor does the console session
        consoleLogIn(user.email(), PASSWORD);
        page.navigate("/customer/backup");
        assertThat(page).hasURL(baseUrl() + "/login");

        // ... nor the REST API (while the customer admin's own credentials do)
        String usersPath = "/api/v1/customers/" + customer.id() + "/users";
        assertThat(basicGet(usersPath, user.email(), PASSWORD)).isEqualTo(401);
        assertThat(basicGet(usersPath, customer.adminLogin(), customer.adminPassword())).isEqualTo(200);

        // the console's forms need the CSRF token: a login posted from elsewhere is refused before it is checked
        HttpRequest foreignLogin = HttpRequest.newBuilder(URI.create(baseUrl() + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user.email() + "&password=" + PASSWORD))
                .build();
        assertThat(HttpClient.newHttpClient().send(foreignLogin, HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(403);
    }

    private Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator quotaRow(String label) {
        return page.getByTestId("quota-usage").locator("tr[data-quota='" + label + "']");
    }

    private int basicGet(String path, String login, String password) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Basic " + basic).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("coffer-agent-download-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
