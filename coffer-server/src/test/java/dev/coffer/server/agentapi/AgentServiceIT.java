package dev.coffer.server.agentapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ConsoleSession;
import dev.coffer.server.support.TcpProxy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import tools.jackson.databind.JsonNode;

/**
 * {@code coffer-agent run} as a service against the real server: the agent jar runs in the background, backs up when
 * "Back up now" is asked through the API, finds the server again after it was gone (a {@link TcpProxy} between them
 * is cut and restored: the agent sees refused connections, as when the server stops), and ends with 21 when its device
 * is removed. Also the "Back up now" API and console button: validated, served once, and another customer's or
 * another account's device is not found.
 */
abstract class AgentServiceIT extends AgentTestSupport {

    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @Autowired
    WebApplicationContext web;

    @Autowired
    ThymeleafViewResolver views;

    /** The device tokens of devices registered through the protocol, by device id. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    @Test
    void runBacksUpWhenAskedReconnectsAfterTheServerWasGoneAndEndsWhenTheDeviceIsRemoved() throws Exception {
        Account a = account("{\"storage\":{\"limitGb\":5},\"servers\":{\"devices\":1}}");
        Path source = tree(dir.resolve("src"), 3, 300_000);
        Path config = dir.resolve("web");
        try (TcpProxy proxy = new TcpProxy(port)) {
            Run register = agent(config, "register", "--server", "http://127.0.0.1:" + proxy.port(), "--login",
                    a.login(), "--device-type", "server", "--name", "web-1", "--path", source.toString());
            assertThat(register.exitCode()).as(register.toString()).isZero();
            String device = deviceId(config);
            // the schedule is 12 hours away, so every backup in this test is one that was asked for
            String daily = LocalTime.now().plusHours(12).format(DateTimeFormatter.ofPattern("HH:mm"));
            Api.Response scheduled = a.tenant().admin().put(a.path() + "/devices/" + device + "/schedule",
                    "{\"daily\":\"" + daily + "\"}");
            assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);

            try (Background agent = startAgent(config, "run", "--poll-interval", "1s")) {
                agent.awaitErr("next backup at", 1, DEADLINE);
                assertThat(agent.stderr()).contains("(daily at " + daily + ")");
                assertThat(backupRuns(device)).isZero();

                Api.Response asked = a.tenant().admin().post(a.path() + "/devices/" + device + "/backup-requests", "");
                assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
                assertThat(asked.json().path("deviceId").asString()).isEqualTo(device);
                assertThat(asked.json().path("requestedAt").asString()).isNotEmpty();
                JsonNode first = awaitLastRun(a, device, run -> run.path("status").asString().equals("SUCCESS"), agent);
                assertThat(first.path("bytesAdded").asLong()).isPositive();
                assertThat(agent.stderr()).contains("backup requested on the server at");
                assertThat(pending(config)).as("the run's start served the request").isNull();

                // the server goes away: the agent says so and keeps trying; a backup is asked meanwhile
                proxy.cut();
                agent.awaitErr("the server does not answer", 1, DEADLINE);
                Files.writeString(source.resolve("new.txt"), "written while the server was gone\n");
                assertThat(a.tenant().admin().post(a.path() + "/devices/" + device + "/backup-requests", "").status())
                        .isEqualTo(202);
                proxy.restore();
                agent.awaitErr("the server answers again", 1, DEADLINE);
                awaitBackupRuns(device, 2, agent);
                String firstStarted = first.path("startedAt").asString();
                JsonNode second = awaitLastRun(a, device, run -> run.path("status").asString().equals("SUCCESS")
                        && !run.path("startedAt").asString().equals(firstStarted), agent);
                assertThat(second.path("bytesAdded").asLong()).isPositive();
                assertThat(agent.process().isAlive()).as("a server that was gone does not end the service").isTrue();

                // the device is removed: the agent ends with its documented code, which the unit does not restart
                assertThat(a.tenant().admin().delete(a.path() + "/devices/" + device).status()).isEqualTo(204);
                assertThat(agent.awaitExit(DEADLINE)).as(agent.toString()).isEqualTo(21);
                assertThat(agent.stderr()).contains("removed");
                assertThat(backupRuns(device)).as("each request was served by exactly one run").isEqualTo(2);
            }
        }
    }

    @Test
    void backUpNowIsValidatedAndFindsNoOtherCustomersOrRemovedDevice() throws Exception {
        Account a = account("{\"servers\":{\"devices\":2}}");
        Account b = account("{\"servers\":{\"devices\":2}}");
        String device = register(a, "db-1");
        String path = a.path() + "/devices/" + device + "/backup-requests";

        Api.Response bad = a.tenant().admin().post(a.path() + "/devices/not-a-uuid/backup-requests", "");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactly("deviceId");
        // another customer's admin, with its own user's path and with the first customer's: not found, nothing asked
        assertThat(b.tenant().admin().post(b.path() + "/devices/" + device + "/backup-requests", "").status())
                .isEqualTo(404);
        assertThat(b.tenant().admin().post(path, "").status()).isEqualTo(404);
        assertThat(b.tenant().token().post(path, "").status()).isEqualTo(404);
        assertThat(pendingOf(device)).isNull();

        Api.Response asked = a.tenant().admin().post(path, "");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        Api.Response again = a.tenant().token().post(path, "");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("requestedAt").asString()).as("a pending request keeps its time")
                .isEqualTo(asked.json().path("requestedAt").asString());
        assertThat(pendingOf(device)).isNotNull();

        assertThat(a.tenant().admin().delete(a.path() + "/devices/" + device).status()).isEqualTo(204);
        assertThat(a.tenant().admin().post(path, "").status()).isEqualTo(404);
    }

    @Test
    void theConsoleButtonAsksForABackupOfTheUsersOwnDevicesOnly() throws Exception {
        Account a = account("{\"servers\":{\"devices\":1}}");
        Account b = account("{\"servers\":{\"devices\":1}}");
        String device = register(a, "files-1");
        String button = "/console/devices/" + device + "/backup-now";

        ConsoleSession other = ConsoleSession.logIn(port, b.login(), PASSWORD);
        assertThat(other.post(button)).as("another account's device").isEqualTo(404);
        assertThat(other.post("/console/devices/nonsense/backup-now")).isEqualTo(404);
        assertThat(pendingOf(device)).isNull();

        assertThat(new ConsoleSession(port).postWithoutToken(button)).as("not logged in, no CSRF token")
                .isIn(302, 403);
        assertThat(ConsoleSession.logIn(port, a.login(), PASSWORD).postWithoutToken(button)).as("no CSRF token")
                .isEqualTo(403);
        assertThat(pendingOf(device)).isNull();

        ConsoleSession own = ConsoleSession.logIn(port, a.login(), PASSWORD);
        assertThat(own.post(button)).isEqualTo(302);
        assertThat(own.location()).endsWith("/console");
        assertThat(pendingOf(device)).isNotNull();
    }

    @Test
    void theButtonFragmentPostsToTheDeviceAndSaysWhenItsBackupWasRequested() throws Exception {
        String device = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();

        String plain = renderButton(device, null);
        assertThat(plain).contains("action=\"/console/devices/" + device + "/backup-now\"", "method=\"post\"",
                ">Back up now</button>").doesNotContain("Backup requested");
        assertThat(renderButton(device, other)).doesNotContain("Backup requested");
        assertThat(renderButton(device, device)).contains("data-testid=\"backup-requested-" + device + "\"",
                "Backup requested");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** The console fragment as a page that includes it renders it, with the flash attribute the controller sets. */
    private String renderButton(String deviceId, String requestedDevice) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(web.getServletContext(), "GET", "/console");
        request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, web);
        MockHttpServletResponse response = new MockHttpServletResponse();
        Map<String, Object> model = new HashMap<>();
        model.put("id", UUID.fromString(deviceId));
        if (requestedDevice != null) {
            model.put("backupRequestedDevice", requestedDevice); // ConsoleBackupNowController.REQUESTED
        }
        views.resolveViewName("console/backup-now :: button(deviceId=${id})", Locale.ROOT)
                .render(model, request, response);
        return response.getContentAsString();
    }

    /** Registers a server device of the account through the protocol; returns its id. */
    private String register(Account a, String name) {
        AgentClient.Reply r = new AgentClient(port, null).json("POST", "/agent/v1/register", "{\"login\":"
                + Api.json(a.login()) + ",\"password\":" + Api.json(PASSWORD) + ",\"deviceType\":\"SERVER\",\"name\":"
                + Api.json(name) + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        tokens.put(r.json().path("deviceId").asString(), r.json().path("deviceToken").asString());
        return r.json().path("deviceId").asString();
    }

    /** What GET /agent/v1/device says about a pending backup request, as the device sees it (null: none). */
    private String pendingOf(String device) {
        return pendingWith(tokens.get(device));
    }

    private String pending(Path config) throws Exception {
        return pendingWith(token(config));
    }

    private String pendingWith(String token) {
        AgentClient.Reply r = new AgentClient(port, token).get("/agent/v1/device");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().has("backupRequestedAt")).isTrue();
        JsonNode at = r.json().path("backupRequestedAt");
        return at.isNull() ? null : at.asString();
    }

    private long backupRuns(String device) {
        return jdbc.sql("SELECT COUNT(*) FROM device_run WHERE device_id = ? AND kind = 'BACKUP'")
                .param(UUID.fromString(device)).query(Long.class).single();
    }

    private void awaitBackupRuns(String device, long runs, Background agent) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (backupRuns(device) < runs) {
            if (System.nanoTime() > end) {
                throw new AssertionError(runs + " backup runs did not start within " + DEADLINE + ":\n" + agent);
            }
            Thread.sleep(200);
        }
    }

    /** Polls the device list until the device's last run matches; fails past the deadline with the agent's output. */
    private JsonNode awaitLastRun(Account a, String device, Predicate<JsonNode> done, Background agent)
            throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            for (JsonNode d : a.tenant().admin().get(a.path() + "/devices").json()) {
                if (d.path("id").asString().equals(device) && done.test(d.path("lastRun"))) {
                    return d.path("lastRun");
                }
            }
            if (System.nanoTime() > end || !agent.process().isAlive()) {
                throw new AssertionError("the device's last run did not finish as expected within " + DEADLINE
                        + ":\n" + agent);
            }
            Thread.sleep(200);
        }
    }
}
