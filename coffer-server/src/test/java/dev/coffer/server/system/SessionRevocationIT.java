package dev.coffer.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * An open session ends at its next request once its principal may no longer log in: a disabled customer's admins,
 * a panel admin whose password changed, and in the Management Console an account with a new password, a removed
 * service, or a service given another login. A second customer's sessions are untouched.
 */
abstract class SessionRevocationIT extends ApiTestSupport {

    static final String PASSWORD = "Console-Secret-Pass-77";
    static final String SETTINGS = "\"notificationLevel\":\"ERRORS\",\"quotaNotifications\":true,"
            + "\"manageOtherUsers\":false";

    @Autowired
    WebApplicationContext context;

    @Autowired
    dev.coffer.server.identity.CustomerAdminDirectory admins;

    @Autowired
    dev.coffer.server.identity.PanelAdmins panelAdmins;

    MockMvc mvc;

    @BeforeEach
    void browser() {
        jdbc.sql("DELETE FROM login_throttle").update();
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    MockHttpSession panelLogin(String login, String password) throws Exception {
        var r = mvc.perform(post("/login").with(csrf()).param("username", login).param("password", password))
                .andExpect(redirectedUrl("/")).andReturn();
        MockHttpSession session = (MockHttpSession) r.getRequest().getSession();
        mvc.perform(get("/customer/users").session(session)).andExpect(status().isOk());
        return session;
    }

    MockHttpSession consoleLogin(String login) throws Exception {
        var r = mvc.perform(post("/console/login").with(csrf()).param("username", login).param("password", PASSWORD))
                .andExpect(redirectedUrl("/console")).andReturn();
        MockHttpSession session = (MockHttpSession) r.getRequest().getSession();
        mvc.perform(get("/console").session(session)).andExpect(status().isOk());
        return session;
    }

    void assertPanelSessionEnded(MockHttpSession session) throws Exception {
        mvc.perform(get("/customer/users").session(session)).andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
    }

    void assertConsoleSessionEnded(MockHttpSession session) throws Exception {
        mvc.perform(get("/console/download").session(session)).andExpect(redirectedUrl("/console/login?ended"));
        // and it stays ended
        mvc.perform(get("/console").session(session)).andExpect(status().isFound());
    }

    /** A user of {@code t} with the backup service under {@code login} (password {@link #PASSWORD}). */
    long account(Tenant t, String login) {
        long userId = user(t, login);
        Api.Response r = t.admin().put("/api/v1/users/" + userId + "/backup-account", "{\"login\":" + Api.json(login)
                + ",\"password\":" + Api.json(PASSWORD) + "," + SETTINGS + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return userId;
    }

    @Test
    void disablingACustomerEndsItsAdminsOpenPanelSessions() throws Exception {
        Tenant alpha = tenant(null);
        Tenant bravo = tenant(null);
        MockHttpSession alphaSession = panelLogin(alpha.adminLogin(), alpha.adminPassword());
        MockHttpSession bravoSession = panelLogin(bravo.adminLogin(), bravo.adminPassword());

        assertThat(provider().post("/api/v1/customers/" + alpha.id() + "/disable", null).status()).isEqualTo(200);

        assertPanelSessionEnded(alphaSession);
        mvc.perform(post("/customer/users").session(alphaSession).with(csrf()).param("name", "Mallory")
                .param("email", "mallory@customer.example")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_user WHERE customer_id = ? AND name = 'Mallory'")
                .param(alpha.id()).query(Long.class).single()).isZero();
        // the other customer's admin is still logged in
        mvc.perform(get("/customer/users").session(bravoSession)).andExpect(status().isOk());
    }

    @Test
    void aNewPanelPasswordEndsTheSessionsOpenedWithTheOldOne() throws Exception {
        Tenant t = tenant(null);
        MockHttpSession session = panelLogin(t.adminLogin(), t.adminPassword());
        // No panel page changes an admin's password yet: change the stored hash as such a page would.
        jdbc.sql("UPDATE panel_user SET password_hash = ? WHERE login_key = ?")
                .params(jdbc.sql("SELECT password_hash FROM panel_user WHERE login_key = 'admin'")
                        .query(String.class).single(), t.adminLogin().toLowerCase(java.util.Locale.ROOT))
                .update();
        assertPanelSessionEnded(session);
    }

    @Test
    void anAdminTheProviderDisablesIsLoggedOutAtTheNextRequest() throws Exception {
        Tenant t = tenant(null);
        String second = unique("second-admin");
        String secondPassword = secondAdmin(t, second);
        MockHttpSession disabledSession = panelLogin(second, secondPassword);
        MockHttpSession keptSession = panelLogin(t.adminLogin(), t.adminPassword());

        providerPosts("/provider/customers/" + t.id() + "/admins/" + adminId(t, second) + "/disable");

        assertPanelSessionEnded(disabledSession);
        // a form posted with the old session changes nothing
        mvc.perform(post("/customer/users").session(disabledSession).with(csrf()).param("name", "Mallory")
                .param("email", "mallory@customer.example")).andExpect(redirectedUrl("/login"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_user WHERE customer_id = ? AND name = 'Mallory'")
                .param(t.id()).query(Long.class).single()).isZero();
        // the customer's other admin stays logged in; enabled again, the admin must log in anew
        mvc.perform(get("/customer/users").session(keptSession)).andExpect(status().isOk());
        providerPosts("/provider/customers/" + t.id() + "/admins/" + adminId(t, second) + "/enable");
        assertPanelSessionEnded(disabledSession);
        panelLogin(second, secondPassword);
    }

    @Test
    void aPasswordTheProviderResetsEndsTheAdminsOpenSessions() throws Exception {
        Tenant t = tenant(null);
        MockHttpSession session = panelLogin(t.adminLogin(), t.adminPassword());
        Tenant other = tenant(null);
        MockHttpSession otherSession = panelLogin(other.adminLogin(), other.adminPassword());

        providerPosts("/provider/customers/" + t.id() + "/admins/" + adminId(t, t.adminLogin()) + "/password");

        assertPanelSessionEnded(session);
        mvc.perform(get("/customer/users").session(otherSession)).andExpect(status().isOk());
    }

    /** Adds a second admin to {@code t} as the provider's form does; its one-time password. */
    private String secondAdmin(Tenant t, String login) {
        return admins.add(t.id(), login, login + "@customer.example");
    }

    private long adminId(Tenant t, String login) {
        return admins.list(t.id()).stream().filter(a -> a.login().equals(login)).findFirst().orElseThrow().id();
    }

    /** A provider admin's POST in the provider area (its own session), which must succeed. */
    private void providerPosts(String path) throws Exception {
        mvc.perform(post(path).with(csrf()).with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.user(panelAdmins.loadUserByUsername("admin"))))
                .andExpect(status().isFound());
    }

    @Test
    void aNewConsolePasswordEndsTheOpenConsoleSessions() throws Exception {
        Tenant t = tenant(null);
        String login = t.address("pw");
        long userId = account(t, login);
        MockHttpSession session = consoleLogin(login);
        String other = t.address("other");
        account(t, other);
        MockHttpSession otherSession = consoleLogin(other);

        Api.Response r = t.admin().post("/api/v1/users/" + userId + "/backup-account/password", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);

        assertConsoleSessionEnded(session);
        mvc.perform(get("/console").session(otherSession)).andExpect(status().isOk());
    }

    @Test
    void removingTheServiceEndsTheOpenConsoleSessions() throws Exception {
        Tenant t = tenant(null);
        String login = t.address("rm");
        long userId = account(t, login);
        MockHttpSession session = consoleLogin(login);
        assertThat(t.admin().delete("/api/v1/users/" + userId + "/backup-account").status()).isIn(200, 204);
        assertConsoleSessionEnded(session);
    }

    @Test
    void anotherLoginForTheServiceEndsTheOpenConsoleSessions() throws Exception {
        Tenant t = tenant(null);
        String login = t.address("mv");
        long userId = account(t, login);
        MockHttpSession session = consoleLogin(login);
        Api.Response current = t.admin().get("/api/v1/users/" + userId + "/backup-account");
        Api.Response r = t.admin().put("/api/v1/users/" + userId + "/backup-account", "{\"login\":"
                + Api.json(t.address("moved")) + "," + SETTINGS + ",\"version\":"
                + current.json().path("version").asLong() + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertConsoleSessionEnded(session);
    }

    @Test
    void theServiceRemovedAndAssignedAgainUnderTheSameLoginEndsTheOldSessions() throws Exception {
        Tenant t = tenant(null);
        String login = t.address("again");
        long userId = account(t, login);
        MockHttpSession session = consoleLogin(login);
        // same login and even the same password, but another account
        assertThat(t.admin().delete("/api/v1/users/" + userId + "/backup-account").status()).isIn(200, 204);
        Api.Response again = t.admin().put("/api/v1/users/" + userId + "/backup-account", "{\"login\":"
                + Api.json(login) + ",\"password\":" + Api.json(PASSWORD) + "," + SETTINGS + "}");
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertConsoleSessionEnded(session);
    }
}
