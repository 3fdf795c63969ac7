package dev.coffer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.core.TestHost;
import dev.coffer.agent.server.FakeCofferServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coffer-agent register} against the protocol's registration endpoint. */
class RegisterCommandTest {

    @TempDir
    Path tmp;

    private FakeCofferServer server;
    private Path config;
    private TestHost host;

    @BeforeEach
    void start() throws IOException {
        server = new FakeCofferServer();
        config = tmp.resolve("config");
        host = new TestHost(Files.createDirectories(tmp.resolve("root")), "jane-laptop", Instant.EPOCH);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AgentRunner agent() {
        return new AgentRunner().host(host.host()).env("COFFER_AGENT_HOME", config.toString());
    }

    private JsonNode agentJson() throws IOException {
        return new ObjectMapper().readTree(config.resolve("agent.json").toFile());
    }

    @Test
    void registersWithThePasswordFromTheEnvironmentAndStoresOnlyTheDeviceToken() throws IOException {
        AgentRunner.Result result = agent().env("COFFER_PASSWORD", FakeCofferServer.PASSWORD)
                .run("register", "--server", server.uri().toString(), "--login", FakeCofferServer.LOGIN,
                        "--device-type", "Workstation");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("registered workstation 'jane-laptop' of " + FakeCofferServer.LOGIN);
        JsonNode sent = server.registrations.get(0);
        assertThat(sent.path("deviceType").asText()).isEqualTo("WORKSTATION");
        assertThat(sent.path("name").asText()).as("the host name by default").isEqualTo("jane-laptop");
        Path file = config.resolve("agent.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JsonNode stored = agentJson();
        assertThat(stored.path("server").asText()).isEqualTo(server.uri().toString());
        assertThat(stored.path("deviceId").asText()).isNotBlank();
        assertThat(stored.path("deviceToken").asText()).startsWith("coffer_dev_");
        assertThat(stored.path("login").asText()).isEqualTo(FakeCofferServer.LOGIN);
        assertThat(Files.readString(file)).doesNotContain(FakeCofferServer.PASSWORD);
        assertThat(result.out() + result.err()).doesNotContain(stored.path("deviceToken").asText())
                .doesNotContain(FakeCofferServer.PASSWORD);
        try (var files = Files.list(config)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("agent.json");
        }
    }

    @Test
    void registersWithAOneTimeTokenWhichWorksOnce() throws IOException {
        AgentRunner.Result first = agent().run("register", "--server", server.uri().toString(),
                "--token", FakeCofferServer.REGISTRATION_TOKEN, "--device-type", "server", "--name", "web-1");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(server.registrations.get(0).has("password")).isFalse();
        assertThat(agentJson().path("name").asText()).isEqualTo("web-1");

        AgentRunner.Result second = new AgentRunner().host(host.host()).env("COFFER_AGENT_HOME", tmp.resolve("other").toString())
                .run("register", "--server", server.uri().toString(), "--token", FakeCofferServer.REGISTRATION_TOKEN);
        assertThat(second.exitCode()).isEqualTo(ExitCodes.REGISTRATION_REFUSED);
        assertThat(second.err()).contains("the server refused the registration");
        assertThat(tmp.resolve("other/agent.json")).doesNotExist();
    }

    @Test
    void asksForThePasswordOnTheTerminal() throws IOException {
        AgentRunner.Result result = agent().typing(FakeCofferServer.PASSWORD)
                .run("register", "--server", server.uri().toString(), "--login", FakeCofferServer.LOGIN, "--device-type", "vm");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(agentJson().path("deviceType").asText()).isEqualTo("VM");
    }

    @Test
    void readsThePasswordFromAFile() throws IOException {
        Path passwordFile = Files.writeString(tmp.resolve("password"), FakeCofferServer.PASSWORD + "\n");

        AgentRunner.Result result = agent().run("register", "--server", server.uri().toString(), "--login",
                FakeCofferServer.LOGIN, "--password-file", passwordFile.toString(), "--device-type", "mobile");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.registrations.get(0).path("password").asText()).isEqualTo(FakeCofferServer.PASSWORD);
    }

    @Test
    void aWrongPasswordIsRefusedAndNothingIsWritten() {
        AgentRunner.Result result = agent().env("COFFER_PASSWORD", "wrong")
                .run("register", "--server", server.uri().toString(), "--login", FakeCofferServer.LOGIN, "--device-type", "server");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REGISTRATION_REFUSED);
        assertThat(result.err()).contains("wrong login or password");
        assertThat(config.resolve("agent.json")).doesNotExist();
    }

    @Test
    void aFullDeviceQuotaIsRefusedWithTheServersMessage() {
        server.deviceQuota.set(0);

        AgentRunner.Result result = agent().env("COFFER_PASSWORD", FakeCofferServer.PASSWORD)
                .run("register", "--server", server.uri().toString(), "--login", FakeCofferServer.LOGIN, "--device-type", "workstation");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REGISTRATION_REFUSED);
        assertThat(result.err()).contains("this account may register 0 workstation; 0 is registered");
    }

    @Test
    void detectsAndPrintsTheDeviceTypeWhenNotGiven() throws IOException {
        Path battery = host.root.resolve("sys/class/power_supply/BAT0/type");
        Files.createDirectories(battery.getParent());
        Files.writeString(battery, "Battery\n");

        AgentRunner.Result result = agent().env("COFFER_PASSWORD", FakeCofferServer.PASSWORD)
                .run("register", "--server", server.uri().toString(), "--login", FakeCofferServer.LOGIN);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("detected device type: workstation (battery BAT0 in /sys/class/power_supply)");
        assertThat(server.registrations.get(0).path("deviceType").asText()).isEqualTo("WORKSTATION");
    }

    @Test
    void badInputIsAUsageErrorNamingTheOptionAndNothingIsSent() {
        AgentRunner.Result badServer = agent().run("register", "--server", "ftp://x", "--token", "t");
        AgentRunner.Result badType = agent().run("register", "--server", server.uri().toString(), "--token", "t",
                "--device-type", "toaster");
        AgentRunner.Result badName = agent().run("register", "--server", server.uri().toString(), "--token", "t",
                "--device-type", "server", "--name", "a\u202Eb");
        AgentRunner.Result both = agent().run("register", "--server", server.uri().toString(), "--token", "t",
                "--login", "x");

        assertThat(badServer.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badServer.err()).contains("--server");
        assertThat(badType.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badType.err()).contains("--device-type", "server, vm, workstation, mobile");
        assertThat(badName.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badName.err()).contains("--name");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(server.registrations).isEmpty();
    }

    @Test
    void aSecondRegistrationIntoTheSameDirectoryNeedsReplace() {
        AgentRunner runner = agent().env("COFFER_PASSWORD", FakeCofferServer.PASSWORD);
        String[] args = {"register", "--server", server.uri().toString(), "--login", FakeCofferServer.LOGIN,
            "--device-type", "server"};
        assertThat(runner.run(args).exitCode()).isZero();

        AgentRunner.Result again = runner.run(args);

        assertThat(again.exitCode()).isEqualTo(ExitCodes.FATAL);
        assertThat(again.err()).contains("--replace");
        assertThat(server.registrations).hasSize(1);
    }
}
