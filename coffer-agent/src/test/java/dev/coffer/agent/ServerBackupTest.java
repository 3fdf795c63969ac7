package dev.coffer.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.core.TestHost;
import dev.coffer.agent.server.FakeCofferServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code register}, the repository commands work against the account's repository on the server (here the
 * protocol fake) with no --repo and no passphrase; backups are reported as runs; quota refusals stop cleanly.
 */
class ServerBackupTest {

    private static final int RANDOM_BYTES = 2 * 1024 * 1024 + 17;
    private static final Pattern SAVED = Pattern.compile("snapshot ([0-9a-f]{8}) saved");

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
        source = tmp.resolve("source");
        Files.createDirectories(source.resolve("docs"));
        Files.writeString(source.resolve("docs/notes.txt"), "line\n".repeat(10_000));
        byte[] random = new byte[RANDOM_BYTES];
        new Random(1).nextBytes(random);
        Files.write(source.resolve("random.bin"), random);
        Files.createSymbolicLink(source.resolve("link"), Path.of("docs/notes.txt"));
        agent = new AgentRunner().host(host.host()).env("COFFER_AGENT_HOME", tmp.resolve("config").toString());
        AgentRunner.Result registered = agent.run("register", "--server", server.uri().toString(),
                "--token", FakeCofferServer.REGISTRATION_TOKEN, "--device-type", "server", "--path", source.toString());
        assertThat(registered.exitCode()).as(registered.err()).isZero();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AgentRunner.Result ok(String... args) {
        AgentRunner.Result result = agent.run(args);
        assertThat(result.exitCode()).as("exit code of %s; stderr: %s", String.join(" ", args), result.err()).isZero();
        return result;
    }

    private String backup() {
        Matcher matcher = SAVED.matcher(ok("backup", source.toString()).out());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private JsonNode lastRun() {
        return server.runs.get(server.runOrder.get(server.runOrder.size() - 1));
    }

    private static void assertSameTree(Path expected, Path actual) throws IOException {
        try (Stream<Path> walk = Files.walk(expected)) {
            for (Path p : walk.toList()) {
                Path other = actual.resolve(expected.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    assertThat(Files.readSymbolicLink(other)).isEqualTo(Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    assertThat(other).isDirectory();
                } else {
                    assertThat(Files.mismatch(p, other)).as("content of %s", other).isEqualTo(-1L);
                }
            }
        }
    }

    @Test
    void everyReadingCommandWorksThroughTheServerWithoutRepoOrPassphrase() throws IOException {
        String first = backup();
        assertThat(server.snapshotCount()).isEqualTo(1);
        JsonNode run = lastRun();
        assertThat(run.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(run.path("snapshotId").asText()).startsWith(first);
        assertThat(run.path("bytesAdded").asLong()).isPositive();

        Files.writeString(source.resolve("docs/notes.txt"), "changed\n");
        String second = backup();

        assertThat(ok("snapshots").out()).contains(first, second, "2 snapshots");
        assertThat(ok("ls", second).out()).contains(source.resolve("docs/notes.txt").toString());
        assertThat(ok("diff", first, second).out()).contains("M  " + source.resolve("docs/notes.txt"));
        assertThat(ok("check", "--read-data").out()).contains("no errors were found");
        Path target = tmp.resolve("restored");
        ok("restore", second, "--target", target.toString());
        assertSameTree(source, target.resolve(source.toString().substring(1)));
        assertThat(server.objects.list("locks/")).as("backup markers removed").isEmpty();
    }

    @Test
    void aBackupThroughTheServerDrawsTheProgressBarOnATerminal() {
        AgentRunner.Result result = agent.interactive().run("backup", source.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).as("a redrawn line").contains("\r").contains("\u001b[K").containsPattern("\\d+/\\d+\\+? files");
        assertThat(result.out()).contains("saved");
    }

    @Test
    void unreadableFilesMakeAWarningRunNamingThem() throws IOException {
        Path secret = Files.writeString(source.resolve("secret.txt"), "not for the agent");
        Files.setPosixFilePermissions(secret, Set.of());
        assumeFalse(Files.isReadable(secret), "running as root: every file is readable");

        AgentRunner.Result result = agent.run("backup", source.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PARTIAL_BACKUP);
        JsonNode run = lastRun();
        assertThat(run.path("status").asText()).isEqualTo("WARNING");
        assertThat(run.path("snapshotId").asText()).isNotBlank();
        assertThat(run.path("unreadablePaths").toString()).contains(secret.toString());
    }

    @Test
    void aServerErrorThatOutlastsTheRetriesIsExitCode26() {
        server.unavailableCalls.set(1000);

        AgentRunner.Result result = agent.run("snapshots");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER_UNREACHABLE);
        assertThat(result.err()).contains("HTTP 503");
    }

    @Test
    void commandsThatRemoveDataAreRefusedAndPointToTheRetentionPolicy() {
        backup();
        int objects = server.objects.list("").size();

        for (String[] args : List.of(new String[] {"forget", "--keep-last", "1"}, new String[] {"prune"},
                new String[] {"key", "add"}, new String[] {"init"})) {
            AgentRunner.Result result = agent.run(args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.FATAL);
            assertThat(result.err()).contains("does not run through the Coffer server", "retention policy");
        }
        assertThat(server.objects.list("")).hasSize(objects);
    }

    @Test
    void repoStillChoosesALocalRepository() {
        Path repo = tmp.resolve("local-repo");
        AgentRunner local = agent.env("COFFER_PASSWORD", "local passphrase");

        assertThat(local.run("init", "--repo", repo.toString()).exitCode()).isZero();
        assertThat(local.run("backup", "--repo", repo.toString(), source.toString()).exitCode()).isZero();

        assertThat(server.snapshotCount()).isZero();
        assertThat(server.runs).isEmpty();
        assertThat(repo.resolve("config")).exists();
    }

    @Test
    void aQuotaRefusalStopsTheBackupKeepsWhatWasStoredAndTheRerunSendsOnlyWhatIsMissing() throws IOException {
        server.quotaBytes.set(600 * 1024);

        AgentRunner.Result refused = agent.run("backup", source.toString());

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCodes.QUOTA_EXCEEDED);
        assertThat(refused.err()).contains("storage quota of " + 600 * 1024 + " bytes reached", "no snapshot was saved");
        assertThat(server.snapshotCount()).isZero();
        int storedPacks = server.packUploads.get();
        assertThat(storedPacks).as("packs stored before the refusal are kept").isPositive();
        assertThat(server.objects.list("data/")).hasSize(storedPacks);
        JsonNode run = lastRun();
        assertThat(run.path("status").asText()).isEqualTo("ERROR");
        assertThat(run.path("snapshotId").isNull()).isTrue();
        assertThat(run.path("message").asText()).contains("quota exceeded: storage quota of");

        server.quotaBytes.set(Long.MAX_VALUE);
        String saved = backup();

        assertThat(server.snapshotCount()).isEqualTo(1);
        // The random file does not compress, the text nearly vanishes: without data sent twice the packs hold about
        // the random file. A pack whose upload was under way when the refusal stopped the run may be sent once more.
        long packBytes = server.objects.list("data/").stream().mapToLong(e -> e.size()).sum();
        assertThat(packBytes).as("bytes in packs after the rerun").isLessThan(RANDOM_BYTES + 256 * 1024);
        assertThat(lastRun().path("status").asText()).isEqualTo("SUCCESS");
        Path target = tmp.resolve("restored");
        ok("restore", saved, "--target", target.toString());
        assertSameTree(source, target.resolve(source.toString().substring(1)));
    }

    @Test
    void aRemovedDeviceASuspendedAccountAndADisabledCustomerHaveTheirOwnExitCodes() {
        server.deviceProblem.set("device-removed");
        AgentRunner.Result removed = agent.run("snapshots");
        server.deviceProblem.set("account-suspended");
        AgentRunner.Result suspended = agent.run("backup", source.toString());
        server.deviceProblem.set("customer-disabled");
        AgentRunner.Result disabled = agent.run("ls", "latest");

        assertThat(removed.exitCode()).isEqualTo(ExitCodes.DEVICE_REMOVED);
        assertThat(removed.err()).contains("register it again");
        assertThat(suspended.exitCode()).isEqualTo(ExitCodes.ACCOUNT_SUSPENDED);
        assertThat(disabled.exitCode()).isEqualTo(ExitCodes.CUSTOMER_DISABLED);
    }

    @Test
    void anUnreachableServerIsExitCode26AfterRetries() {
        server.close();

        AgentRunner.Result result = agent.run("snapshots");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER_UNREACHABLE);
        assertThat(result.err()).contains("cannot reach " + server.uri());
        assertThat(host.sleeps).as("retried with back-off").hasSize(4);
    }
}
