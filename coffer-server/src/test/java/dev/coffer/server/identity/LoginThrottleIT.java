package dev.coffer.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import dev.coffer.server.support.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.WebAttributes;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Password guessing is throttled per login (5 failures in 15 minutes) and per client address (20), for HTTP Basic,
 * API tokens and the login form alike; the right password does not get through a throttled login either. Failures
 * leave the window after 15 minutes (the server's {@link dev.coffer.server.support.TestClock} is moved, not waited
 * for), and a successful login clears its login's failures.
 */
abstract class LoginThrottleIT extends ApiTestSupport {

    @Autowired
    WebApplicationContext context;

    @BeforeEach
    @AfterEach
    void forgetFailures() {
        // Every test of the shared server comes from 127.0.0.1: leave no address failures behind for the others.
        jdbc.sql("DELETE FROM login_throttle").update();
        clock.release();
    }

    @Test
    void failuresLeaveTheWindowAfterFifteenMinutes() {
        Tenant t = tenant(null);
        clock.freeze();
        Api wrong = anonymous().basic(t.adminLogin(), "Wrong-Password-000");
        for (int i = 0; i < 5; i++) {
            assertThat(wrong.get("/api/v1/customers/" + t.id()).status()).isEqualTo(401);
        }
        assertThat(t.admin().get("/api/v1/customers/" + t.id()).status()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(14));
        Api.Response stillBlocked = t.admin().get("/api/v1/customers/" + t.id());
        assertThat(stillBlocked.status()).isEqualTo(429);
        // One minute of the window is left: Retry-After says so (in seconds), and the message in minutes.
        assertThat(stillBlocked.header("Retry-After")).hasValue("60");
        assertThat(stillBlocked.json().path("detail").asString())
                .isEqualTo("Too many failed attempts, try again in 1 minutes");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(t.admin().get("/api/v1/customers/" + t.id()).status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginClearsItsLoginsFailures() {
        Tenant t = tenant(null);
        Api wrong = anonymous().basic(t.adminLogin(), "Wrong-Password-000");
        for (int i = 0; i < 4; i++) {
            assertThat(wrong.get("/api/v1/customers/" + t.id()).status()).isEqualTo(401);
        }
        assertThat(t.admin().get("/api/v1/customers/" + t.id()).status()).isEqualTo(200);
        // Without the clearing these would be failures 5 to 8, and the right password would be refused.
        for (int i = 0; i < 4; i++) {
            assertThat(wrong.get("/api/v1/customers/" + t.id()).status()).isEqualTo(401);
        }
        assertThat(t.admin().get("/api/v1/customers/" + t.id()).status()).isEqualTo(200);
        // The count starts again at each success: five failures in a row still block.
        for (int i = 0; i < 5; i++) {
            assertThat(wrong.get("/api/v1/customers/" + t.id()).status()).isEqualTo(401);
        }
        assertThat(t.admin().get("/api/v1/customers/" + t.id()).status()).isEqualTo(429);
    }

    @Test
    void fiveWrongPasswordsBlockTheLoginEvenWithTheRightOne() {
        Tenant t = tenant(null);
        Api wrong = anonymous().basic(t.adminLogin(), "Wrong-Password-000");
        for (int i = 0; i < 5; i++) {
            assertThat(wrong.get("/api/v1/customers/" + t.id()).status()).isEqualTo(401);
        }
        Api.Response blocked = t.admin().get("/api/v1/customers/" + t.id());
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 900L));
        assertThat(blocked.json().path("detail").asString()).matches("Too many failed attempts, try again in \\d+ minutes");
        // Other logins from the same address still work (4 more failures would not reach the address limit).
        assertThat(provider().get("/api/v1/customers/" + t.id()).status()).isEqualTo(200);
        // Login case does not help the attacker.
        assertThat(anonymous().basic(t.adminLogin().toUpperCase(), t.adminPassword()).get("/api/v1/customers/" + t.id())
                .status()).isEqualTo(429);
    }

    @Test
    void fortyParallelWrongPasswordsGetAtMostFiveChecked() throws Exception {
        Tenant t = tenant(null);
        Api wrong = anonymous().basic(t.adminLogin(), "Wrong-Password-000");
        String path = "/api/v1/customers/" + t.id();
        java.util.List<Api.Response> answers = Parallel.run(40, 120, () -> wrong.get(path));
        // 401: a password was checked; 429: throttled unchecked; 503: the password hasher was busy (a loaded
        // machine), unchecked and not counted.
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(401, 429, 503));
        long checked = answers.stream().filter(r -> r.status() == 401).count();
        assertThat(checked).isBetween(1L, 5L);
        // Whatever was not counted in the burst may still be tried, one by one, up to the limit and no further.
        for (int i = 0; i < 10; i++) {
            int status = wrong.get(path).status();
            if (status == 429) {
                break;
            }
            if (status == 401) {
                checked++;
            }
        }
        assertThat(checked).as("passwords checked in all").isEqualTo(5);
        assertThat(t.admin().get(path).status()).isEqualTo(429);
    }

    @Test
    void aConsoleLoginDoesNotResetThePanelCountOfTheSameName() throws Exception {
        // The customer's admin gives a user a backup login equal to its own panel login (an address at its domain).
        Tenant t = tenantWithAddressAsAdminLogin();
        long userId = user(t, t.address("squat"));
        String consolePassword = "Console-Secret-Pass-77";
        Api.Response assigned = t.admin().put("/api/v1/users/" + userId + "/backup-account", "{\"login\":"
                + Api.json(t.adminLogin()) + ",\"password\":" + Api.json(consolePassword)
                + ",\"notificationLevel\":\"ERRORS\",\"quotaNotifications\":true,\"manageOtherUsers\":false}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        Api wrong = anonymous().basic(t.adminLogin(), "Wrong-Password-000");
        String path = "/api/v1/customers/" + t.id();
        for (int i = 0; i < 4; i++) {
            assertThat(wrong.get(path).status()).isEqualTo(401);
        }
        mvc.perform(post("/console/login").with(csrf()).param("username", t.adminLogin())
                .param("password", consolePassword)).andExpect(redirectedUrl("/console"));
        assertThat(wrong.get(path).status()).isEqualTo(401);
        assertThat(wrong.get(path).status()).isEqualTo(429);
        assertThat(t.admin().get(path).status()).isEqualTo(429);
    }

    @Test
    void aDisabledAdminIsNotRevealedWithoutItsPasswordAndWrongGuessesAreThrottled() {
        Tenant t = tenant(null);
        assertThat(provider().post("/api/v1/customers/" + t.id() + "/disable", null).status()).isEqualTo(200);
        String path = "/api/v1/customers/" + t.id();
        Api.Response right = t.admin().get(path);
        assertThat(right.status()).isEqualTo(401);
        assertThat(right.json().path("detail").asString()).contains("disabled");
        Api wrong = anonymous().basic(t.adminLogin(), "Wrong-Password-000");
        for (int i = 0; i < 4; i++) {
            Api.Response r = wrong.get(path);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().path("detail").asString()).doesNotContain("disabled");
        }
        assertThat(wrong.get(path).status()).isEqualTo(429);
    }

    @Test
    void twentyFailuresFromOneAddressBlockEveryLoginFromIt() {
        for (int i = 0; i < 16; i++) {
            assertThat(anonymous().basic(unique("nobody"), "Wrong-Password-000").get("/api/v1/customers").status())
                    .isEqualTo(401);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(anonymous().bearer("coffer_guessed" + i).get("/api/v1/customers").status()).isEqualTo(401);
        }
        assertThat(provider().get("/api/v1/customers").status()).isEqualTo(429);
        assertThat(anonymous().bearer("coffer_another").get("/api/v1/customers").status()).isEqualTo(429);
    }

    @Test
    void loginFormIsThrottledTooAndKeepsTheMessageForTheLoginPage() throws Exception {
        Tenant t = tenant(null);
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").with(csrf()).param("username", t.adminLogin()).param("password", "Wrong-Password-000"))
                    .andExpect(redirectedUrl("/login?error"))
                    .andExpect(request().sessionAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
                            instanceOf(BadCredentialsException.class)));
        }
        MvcResult blocked = mvc.perform(post("/login").with(csrf()).param("username", t.adminLogin())
                        .param("password", t.adminPassword()))
                .andExpect(redirectedUrl("/login?error"))
                .andReturn();
        Object failure = blocked.getRequest().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        assertThat(failure).isInstanceOf(LoginThrottledException.class);
        assertThat(((Exception) failure).getMessage()).matches("Too many failed attempts, try again in \\d+ minutes");
        // Without the throttle the same form login succeeds.
        forgetFailures();
        mvc.perform(post("/login").with(csrf()).param("username", t.adminLogin()).param("password", t.adminPassword()))
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void formLoginNeedsTheCsrfToken() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        mvc.perform(post("/login").param("username", "admin").param("password", PROVIDER_PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void panelSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        // A browser asking for a page: the server remembers it in a session and sends the login page's address.
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create("http://localhost:" + port + "/")).header("Accept", "text/html").build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("JSESSIONID=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void aPanelSessionDoesNotAuthenticateTheApi() throws Exception {
        // The API has no CSRF protection, so a browser's session cookie must never be enough there.
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        MvcResult login = mvc.perform(post("/login").with(csrf()).param("username", "admin")
                        .param("password", PROVIDER_PASSWORD))
                .andExpect(redirectedUrl("/")).andReturn();
        var session = (org.springframework.mock.web.MockHttpSession) login.getRequest().getSession();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/customers")
                        .session(session))
                .andExpect(status().isUnauthorized());
    }
}
