package dev.coffer.server.agentapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.coffer.server.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The article's last step for real: the agent jar, run as its own process, registers with the backup account's
 * login and password, backs up through the server, restores byte for byte; the server enforces the device count and
 * storage quotas and keeps {@code usage.storageBytes} equal to the bytes its store holds.
 */
abstract class AgentEndToEndIT extends AgentTestSupport {

    @Test
    void registersBacksUpThroughTheServerAndRestoresByteForByte() throws Exception {
        Account a = account("{\"storage\":{\"limitGb\":5},\"workstations\":{\"devices\":1}}");
        Path laptop = dir.resolve("laptop");
        Run register = agent(laptop, "register", "--server", server(), "--login", a.login(),
                "--device-type", "workstation", "--name", "jane-laptop");
        assertThat(register.exitCode()).as(register.toString()).isZero();
        assertThat(Files.readString(laptop.resolve("agent.json"))).doesNotContain(PASSWORD);

        Path source = tree(dir.resolve("src"), 3, 2_000_000);
        Run backup = agent(laptop, "backup", source.toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertUsageMatchesStore(a);
        assertThat(usage(a).path("workstations").path("devices").asLong()).isEqualTo(1);
        assertThat(usage(a).path("workstations").path("storageBytes").asLong()).isPositive();

        Path target = dir.resolve("restored");
        Run restore = agent(laptop, "restore", "latest", "--target", target.toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertSameFiles(source, target.resolve(source.toString().substring(1)));

        // A second workstation is refused with the quota's words, and nothing is registered.
        Run second = agent(dir.resolve("desktop"), "register", "--server", server(), "--login", a.login(),
                "--device-type", "workstation", "--name", "jane-desktop");
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(25);
        assertThat(second.out() + second.err()).contains("this account may register 1 workstation; 1 is registered");

        // The device list shows the device with its last run.
        Api.Response devices = a.tenant().admin().get(a.path() + "/devices");
        assertThat(devices.status()).as(devices.toString()).isEqualTo(200);
        assertThat(devices.json().size()).isEqualTo(1);
        assertThat(devices.json().get(0).path("lastRun").path("status").asString()).isEqualTo("SUCCESS");

        // An agent of another account sees none of it, and cannot read the first account's objects.
        Account b = account("{\"storage\":{\"limitGb\":5}}");
        Path other = dir.resolve("other");
        assertThat(agent(other, "register", "--server", server(), "--login", b.login(), "--device-type", "server")
                .exitCode()).isZero();
        Run theirs = agent(other, "--json", "snapshots");
        assertThat(theirs.exitCode()).as(theirs.toString()).isZero();
        assertThat(JSON.readTree(theirs.out()).size()).isZero();
        String snapshotObject = objects(a, "snapshots/").get(0).name();
        AgentClient intruder = new AgentClient(port, token(other));
        assertThat(intruder.get("/agent/v1/repository/objects/" + snapshotObject).status()).isEqualTo(404);
        assertThat(intruder.get("/agent/v1/repository/objects?prefix=snapshots/").json().size()).isZero();
    }

    @Test
    void anOverQuotaBackupStopsWithItsExitCodeAndTheRerunAfterARaiseSendsOnlyWhatIsMissing() throws Exception {
        Account a = account("{\"storage\":{\"limitGb\":1,\"overageGb\":0},\"servers\":{\"devices\":1}}");
        Path web = dir.resolve("web");
        assertThat(agent(web, "register", "--server", server(), "--login", a.login(), "--device-type", "server")
                .exitCode()).isZero();
        // 40 MB of incompressible data: three packs of 16 MiB, against a quota of 20 MB.
        Path source = tree(dir.resolve("data"), 20, 2_000_000);

        Run refused = agent(web, "backup", source.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(20);
        assertThat(refused.out() + refused.err()).contains("storage quota of 1 GB reached");
        assertThat(objects(a, "snapshots/")).as("no snapshot for a stopped run").isEmpty();
        long usedAtStop = usage(a).path("storageBytes").asLong();
        assertThat(usedAtStop).isLessThanOrEqualTo(GB + 1_000_000);
        assertUsageMatchesStore(a);
        JsonNode devices = a.tenant().admin().get(a.path() + "/devices").json();
        assertThat(devices.get(0).path("lastRun").path("status").asString()).isEqualTo("ERROR");

        Api.Response raised = a.tenant().admin().send("PATCH", a.path(),
                "{\"quotas\":{\"storage\":{\"limitGb\":5}}}", "Content-Type", "application/merge-patch+json",
                "If-Match", "\"" + a.tenant().admin().get(a.path()).json().path("version").asLong() + "\"");
        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);

        Run rerun = agent(web, "backup", source.toString());
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertUsageMatchesStore(a);
        long data = sizeOf(source);
        long stored = usage(a).path("storageBytes").asLong();
        // What the stopped run stored is reused: the repository holds the data about once, not once and a half.
        assertThat(stored).isBetween(data, data + data / 10);
        Path target = dir.resolve("restored");
        assertThat(agent(web, "restore", "latest", "--target", target.toString()).exitCode()).isZero();
        assertSameFiles(source, target.resolve(source.toString().substring(1)));
    }

    @Test
    void twoDevicesBackingUpAtOnceNeverPassTheQuota() throws Exception {
        Account a = account("{\"storage\":{\"limitGb\":2,\"overageGb\":0},\"servers\":{\"devices\":2}}");
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        for (Path device : List.of(one, two)) {
            assertThat(agent(device, "register", "--server", server(), "--login", a.login(), "--device-type",
                    "server", "--name", device.getFileName().toString()).exitCode()).isZero();
        }
        Path dataOne = tree(dir.resolve("data-one"), 15, 2_000_000);
        Path dataTwo = tree(dir.resolve("data-two"), 15, 2_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Run> first = pool.submit(() -> agent(one, "backup", dataOne.toString()));
            Future<Run> second = pool.submit(() -> agent(two, "backup", dataTwo.toString()));
            Run r1 = first.get(5, TimeUnit.MINUTES);
            Run r2 = second.get(5, TimeUnit.MINUTES);
            // 60 MB of new data against 40 MB: at least one of them runs into the quota.
            assertThat(List.of(r1.exitCode(), r2.exitCode())).as(r1 + "\n" + r2).contains(20);
            assertThat(List.of(r1.exitCode(), r2.exitCode())).as(r1 + "\n" + r2).allMatch(code -> code == 0 || code == 20);
        } finally {
            pool.shutdownNow();
        }
        long used = usage(a).path("storageBytes").asLong();
        // index and snapshot objects may pass the hard limit by the small metadata allowance; packs never
        assertThat(used).isLessThanOrEqualTo(2 * GB + 1_000_000);
        assertUsageMatchesStore(a);
    }
}
