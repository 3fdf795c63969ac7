package dev.coffer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.agent.command.RunCommandAccess;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.core.TestHost;
import dev.coffer.agent.server.FakeCofferServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coffer-agent run} on a clock that moves only when the agent sleeps: no real waiting. */
class RunCommandTest {

    @TempDir
    Path tmp;

    private FakeCofferServer server;
    private TestHost host;
    private Path source;
    private AgentRunner agent;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeCofferServer();
        host = new TestHost(Files.createDirectories(tmp.resolve("root")), "web-1", Instant.parse("2026-01-01T00:00:00Z"));
        source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "hello");
        agent = new AgentRunner().host(host.host()).env("COFFER_AGENT_HOME", tmp.resolve("config").toString());
        AgentRunner.Result registered = agent.run("register", "--server", server.uri().toString(),
                "--token", FakeCofferServer.REGISTRATION_TOKEN, "--device-type", "server", "--path", source.toString());
        assertThat(registered.exitCode()).as(registered.err()).isZero();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<JsonNode> runs() {
        return server.runOrder.stream().map(server.runs::get).toList();
    }

    @Test
    void backsUpDailyAtTheDevicesScheduledTimeAndReportsEachRun() {
        server.daily.set("03:17");

        AgentRunner.Result result = agent.run("run", "--runs", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("next backup at 2026-01-01T03:17", "next backup at 2026-01-02T03:17");
        assertThat(runs()).extracting(r -> r.path("status").asText()).containsExactly("SUCCESS", "SUCCESS");
        assertThat(server.runOrder).hasSize(2);
        assertThat(server.snapshotCount()).isEqualTo(2);
        assertThat(host.now.get()).isEqualTo(Instant.parse("2026-01-02T03:17:00Z"));
        assertThat(host.sleeps).allMatch(d -> d.compareTo(Duration.ofMinutes(1)) <= 0, "no sleep longer than a minute");
    }

    @Test
    void aScheduleChangedOnTheServerIsFollowedAtTheNextRun() {
        server.daily.set("01:00");
        assertThat(agent.run("run", "--runs", "1").exitCode()).isZero();
        server.daily.set("00:30");

        assertThat(agent.run("run", "--runs", "1").exitCode()).isZero();

        assertThat(host.now.get()).isEqualTo(Instant.parse("2026-01-02T00:30:00Z"));
    }

    @Test
    void reconnectsWhileTheServerRestarts() {
        server.unavailableDeviceCalls.set(12);

        AgentRunner.Result result = agent.run("run", "--runs", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err().split("the server does not answer", -1)).as("two reconnections after five attempts each")
                .hasSize(3);
        assertThat(result.err()).contains("the server answers again");
        assertThat(server.deviceCalls.get()).as("12 unanswered, then one a minute until 03:17").isGreaterThan(13);
        assertThat(runs()).extracting(r -> r.path("status").asText()).containsExactly("SUCCESS");
    }

    @Test
    void aQuotaRefusalIsReportedAndTheServiceKeepsRunning() {
        server.quotaBytes.set(0);

        AgentRunner.Result result = agent.run("run", "--runs", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("the server refused the backup: storage quota of 0 bytes reached");
        assertThat(runs()).extracting(r -> r.path("status").asText()).containsExactly("ERROR", "ERROR");
        assertThat(server.snapshotCount()).isZero();
    }

    @Test
    void aPathThatIsGoneIsAReportedErrorAndTheServiceKeepsRunning() {
        AgentRunner.Result result = agent.run("run", "--runs", "1", tmp.resolve("gone").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("no such file or directory");
        assertThat(runs()).singleElement().satisfies(run -> {
            assertThat(run.path("status").asText()).isEqualTo("ERROR");
            assertThat(run.path("message").asText()).contains("gone");
        });
    }

    @Test
    void endsWithTheDocumentedCodeWhenTheDeviceIsRemovedOrTheAccountSuspended() {
        server.deviceProblem.set("device-removed");
        AgentRunner.Result removed = agent.run("run");
        server.deviceProblem.set("account-suspended");
        AgentRunner.Result suspended = agent.run("run");
        server.deviceProblem.set("customer-disabled");
        AgentRunner.Result disabled = agent.run("run");

        assertThat(removed.exitCode()).isEqualTo(ExitCodes.DEVICE_REMOVED);
        assertThat(suspended.exitCode()).isEqualTo(ExitCodes.ACCOUNT_SUSPENDED);
        assertThat(disabled.exitCode()).isEqualTo(ExitCodes.CUSTOMER_DISABLED);
        assertThat(server.runOrder).isEmpty();
    }

    @Test
    void aBackupRequestedOnTheServerIsMadeAtTheNextPollAndServedOnce() {
        server.daily.set("03:17");
        server.onDeviceCall = n -> {
            if (n == 4) {
                server.backupRequestedAt.set("2026-01-01T00:00:25Z");
            }
        };

        AgentRunner.Result result = agent.run("run", "--poll-interval", "10s", "--runs", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("backup requested on the server at 2026-01-01T00:00:25Z: backing up now");
        assertThat(runs()).extracting(r -> r.path("status").asText()).containsExactly("SUCCESS", "SUCCESS");
        // the request was served by the first run (at the fourth poll, 00:00:30); the second is the scheduled one
        // (the test clock moves only while the agent sleeps, so a run finishes when it started)
        assertThat(runs().get(0).path("finishedAt").asText()).isEqualTo("2026-01-01T00:00:30Z");
        assertThat(runs().get(1).path("finishedAt").asText()).isEqualTo("2026-01-01T03:17:00Z");
        assertThat(host.sleeps).allMatch(d -> d.compareTo(Duration.ofSeconds(10)) <= 0, "polls every 10 s");
    }

    @Test
    void aScheduleChangedOnTheServerWhileRunningIsFollowedWithoutARestart() {
        server.daily.set("03:17");
        server.onDeviceCall = n -> {
            if (n == 3) {
                server.daily.set("00:05");
            }
        };

        AgentRunner.Result result = agent.run("run", "--runs", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("next backup at 2026-01-01T03:17", "next backup at 2026-01-01T00:05");
        assertThat(runs()).singleElement().satisfies(r ->
                assertThat(r.path("finishedAt").asText()).isEqualTo("2026-01-01T00:05:00Z"));
    }

    @Test
    void thePollIntervalIsBetweenOneSecondAndAnHour() {
        for (String bad : List.of("0s", "500ms", "2h", "soon", "-1s")) {
            AgentRunner.Result result = agent.run("run", "--poll-interval", bad);
            assertThat(result.exitCode()).as(bad).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).as(bad).contains("--poll-interval: '" + bad + "'");
        }
        assertThat(server.deviceCalls.get()).isZero();
        assertThat(RunCommandAccess.pollInterval("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(RunCommandAccess.pollInterval("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(RunCommandAccess.pollInterval("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(RunCommandAccess.pollInterval("1500ms")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void withoutARegistrationItExitsWith24() {
        AgentRunner.Result result = new AgentRunner().host(host.host())
                .env("COFFER_AGENT_HOME", tmp.resolve("nowhere").toString()).run("run", source.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_REGISTERED);
        assertThat(result.err()).contains("coffer-agent register");
    }

    @Test
    void aDeviceWithoutAScheduleBacksUpAtAStableMinuteBetweenOneAndFive() {
        for (String id : List.of("a", "d7c1f0e2-0000-4000-8000-000000000000", "zz")) {
            assertThat(RunCommandAccess.defaultTime(id)).isBetween(java.time.LocalTime.of(1, 0), java.time.LocalTime.of(4, 59))
                    .isEqualTo(RunCommandAccess.defaultTime(id));
        }
    }
}
