package dev.coffer.server.panel;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.backupaccount.BackupSettings;
import dev.coffer.server.backupaccount.NotificationLevel;
import dev.coffer.server.customer.CreatedCustomer;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.support.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the browser tests of the panel and the Management Console: the whole server on a random port over a
 * fresh H2 database, and Debian's chromium driven by Playwright, started once per test class; each test gets a fresh
 * browser context (no cookies).
 *
 * <p>When {@code /usr/bin/chromium} is missing the tests are skipped on a developer's machine but fail under CI
 * ({@code CI=true}), so CI can never pass without running them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "coffer.admin-password=" + BrowserTestSupport.PROVIDER_PASSWORD)
public abstract class BrowserTestSupport {

    protected static final String PROVIDER_LOGIN = "admin";
    protected static final String PROVIDER_PASSWORD = "Provider-Secret-Pass-1";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private static Playwright playwright;
    private static Browser browser;

    /** A customer made through the services, with its first admin's login and password. */
    /** A customer made by {@link #createCustomer()}; backup logins must be addresses at its {@code domain}. */
    protected record TestCustomer(long id, String name, String adminLogin, String adminPassword, String domain) {

        /** A new address at the customer's domain, such as ada-x1-7@c-x1-6.example. */
        public String address(String prefix) {
            return unique(prefix).toLowerCase(java.util.Locale.ROOT) + "@" + domain;
        }
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected CustomerService customers;
    @Autowired
    protected CustomerUserService users;
    @Autowired
    protected BackupAccountService accounts;

    protected BrowserContext context;
    protected Page page;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Database.H2.register(registry);
    }

    @BeforeAll
    static void launchBrowser() {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(CHROMIUM + " is required under CI for the browser tests");
            }
            Assumptions.abort(CHROMIUM + " not found: browser tests skipped (apt-get install chromium)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                // the machine may have no internet: without the last three chromium keeps trying to reach it
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl())
                .setViewportSize(1280, 900));
        page = context.newPage();
        page.setDefaultTimeout(15_000);
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
        }
    }

    /** A customer with 100 GB of storage and 5 servers; everything else unlimited. */
    protected TestCustomer createCustomer() {
        String name = unique("Customer");
        String login = unique("admin");
        String password = "Customer-Admin-Pass-9";
        Quotas quotas = Quotas.unlimited()
                .with(QuotaItem.STORAGE, Limit.of(100))
                .with(QuotaItem.devices(DeviceType.SERVER), Limit.of(5));
        String domain = unique("c").toLowerCase(java.util.Locale.ROOT) + ".example";
        CreatedCustomer created = customers.create(name, login, login + "@example.com", Optional.of(password), quotas,
                List.of(domain));
        return new TestCustomer(created.customer().id(), name, login, password, domain);
    }

    /** Gives a user the backup service through the services, with 10 GB of storage. */
    protected BackupAccount assign(TestCustomer customer, long userId, String login, Optional<String> password) {
        Quotas quotas = Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(10)).with(QuotaItem.devices(DeviceType.SERVER), Limit.of(1));
        return accounts.assign(customer.id(), userId,
                new BackupSettings(login, NotificationLevel.ERRORS, true, false, quotas), password).account();
    }

    /** {@code prefix} plus a suffix no other call in this JVM returns: the test classes share one database. */
    protected static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Logs in through the login page and waits until the start page of the login's area is shown. */
    protected void logIn(String login, String password) {
        page.navigate("/login");
        page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true)).fill(login);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.getByTestId("current-login")).hasText(login);
    }

    /** Logs in to the Management Console and waits for its pages. */
    protected void consoleLogIn(String login, String password) {
        consoleLogInFails(login, password);
        assertThat(page.getByTestId("current-login")).hasText(login.toLowerCase(java.util.Locale.ROOT));
    }

    /** Submits the console's login form; the caller checks what happened. */
    /** Logs in to the Management Console and waits for its pages. */
    protected void consoleLogInFails(String login, String password) {
        if (!page.url().contains("/console/login")) {
            page.navigate("/console/login");
        }
        page.getByLabel("Login", new Page.GetByLabelOptions().setExact(true)).fill(login);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.waitForLoadState();
    }

    /** Saves a full-page screenshot as {@code target/screenshots/<name>.png}. */
    protected Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }
}
