package dev.coffer.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.coffer.engine.archive.Archiver;
import dev.coffer.engine.archive.BackupOptions;
import dev.coffer.engine.check.CheckResult;
import dev.coffer.engine.check.Checker;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.restore.RestoreOptions;
import dev.coffer.engine.restore.Restorer;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.StoreException;
import dev.coffer.engine.store.remote.RemoteStore;
import dev.coffer.engine.store.remote.ServerConnection;
import dev.coffer.server.retention.RetentionOutcome.Status;
import dev.coffer.server.storage.AccountStores;
import dev.coffer.server.storage.RepositoryKeys;
import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server-side retention job against the whole server: snapshots made by a device through the agent protocol (the
 * engine's RemoteStore, as the agent uses it), the server's clock moved across days, the job run, and what a user
 * would notice checked: which snapshots remain (by the time the server received them, whatever the device's clock
 * said), the usage freed and equal to the store's bytes, the kept data still restorable and intact, and the device
 * still unable to delete anything.
 */
abstract class RetentionIT extends ApiTestSupport {

    private static final String PASSWORD = "Retention-Secret-Pass-1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RetentionJob job;

    @Autowired
    AccountStores stores;

    @Autowired
    RepositoryKeys keys;

    @Autowired
    PlatformTransactionManager transactions;

    @TempDir
    Path dir;

    record Account(Tenant tenant, long id, String path) {
    }

    /** A registered device and its view of the account's repository through the server. */
    record Device(String token, Repository repository) {
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void removesWhatThePolicyLetsGoByTheServersReceiveTimeAndFreesItsSpace() throws Exception {
        Account a = account();
        Device device = register(a, "laptop");
        Api.Response set = a.tenant().admin().put(a.path() + "/retention", "{\"keepLast\":0,\"keepDaily\":3,"
                + "\"keepWeekly\":0,\"keepMonthly\":0,\"keepYearly\":0,\"version\":0}");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.header("ETag")).contains("\"1\"");

        // Six days of backups, one a day by the server's clock. The device's own clock stays at today for the
        // "laptop" snapshots; the hand-written "wrong-clock" snapshots claim ten years ahead for the old days and ten
        // years back for the new ones: neither may decide what goes.
        Instant today = clock.freeze();
        Path source = Files.createDirectories(dir.resolve("src"));
        Files.write(source.resolve("base.bin"), random(150_000));
        List<Snapshot> laptop = new ArrayList<>();
        List<Snapshot> wrongClock = new ArrayList<>();
        Map<String, byte[]> dayFile = new HashMap<>();
        for (int day = 0; day < 6; day++) {
            if (day > 0) {
                clock.advance(Duration.ofDays(1));
            }
            byte[] content = random(300_000);
            Files.write(source.resolve("day.bin"), content);
            Snapshot s = new Archiver(device.repository(), BackupOptions.defaults().withHostname("laptop"),
                    Progress.NONE).backup(List.of(source));
            laptop.add(s);
            dayFile.put(s.id(), content);
            Instant claimed = day < 3 ? today.plus(3650, ChronoUnit.DAYS) : today.minus(3650, ChronoUnit.DAYS);
            wrongClock.add(device.repository().saveSnapshot(new Snapshot("", claimed, claimed, "wrong-clock", "",
                    s.paths(), List.of(), s.treeId(), null, s.summary())));
        }
        long before = storageBytes(a);
        assertThat(before).isEqualTo(storeBytes(a));
        List<String> packsBefore = dataPacks(a);

        clock.advance(Duration.ofHours(1));
        RetentionOutcome outcome = job.run(a.id());

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.APPLIED);
        assertThat(outcome.snapshotsRemoved()).isEqualTo(6);
        List<String> expected = new ArrayList<>();
        for (int day = 3; day < 6; day++) {
            expected.add(laptop.get(day).id());
            expected.add(wrongClock.get(day).id());
        }
        try (Repository server = serverRepository(a)) {
            assertThat(server.snapshots()).extracting(Snapshot::id).containsExactlyInAnyOrderElementsOf(expected);
            CheckResult check = new Checker(server, Progress.NONE).check(true);
            assertThat(check.errors()).isEmpty();
        }
        // Three days of unique content (300 kB each, incompressible) left the store, and usage says so exactly.
        long after = storageBytes(a);
        assertThat(after).isEqualTo(storeBytes(a)).isLessThan(before - 3 * 300_000);
        assertThat(outcome.bytesFreed()).isEqualTo(before - after);
        // The packs the prune rewrote hold the device's data: charged to its device type, like the packs it uploaded
        List<String> rewritten = new ArrayList<>(dataPacks(a));
        rewritten.removeAll(packsBefore);
        assertThat(rewritten).as("the prune rewrote a half-used pack").isNotEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stored_object WHERE account_id = ? AND name LIKE 'data/%' AND "
                + "device_type IS NULL").param(a.id()).query(Long.class).single())
                .as("data packs charged to no device type").isZero();
        Api.Response policy = a.tenant().admin().get(a.path() + "/retention");
        assertThat(policy.json().path("lastRun").path("snapshotsRemoved").asInt()).isEqualTo(6);
        assertThat(policy.json().path("lastRun").path("bytesFreed").asLong()).isEqualTo(before - after);

        // The oldest kept snapshot still restores byte for byte, on a device.
        Snapshot oldestKept = laptop.get(3);
        Path target = dir.resolve("restore");
        Device other = register(a, "new-laptop");
        new Restorer(other.repository(), Progress.NONE).restore(other.repository().loadSnapshot(oldestKept.id()),
                target, RestoreOptions.defaults());
        Path restored = target.resolve(source.toString().substring(1));
        assertThat(Files.readAllBytes(restored.resolve("day.bin"))).isEqualTo(dayFile.get(oldestKept.id()));
        assertThat(Files.readAllBytes(restored.resolve("base.bin"))).isEqualTo(Files.readAllBytes(source.resolve("base.bin")));

        // The device still cannot delete: retention is the server's.
        String kept = RepositoryLayout.snapshotObject(laptop.get(5).id());
        assertThatThrownBy(() -> new RemoteStore(connection(device.token())).delete(kept))
                .isInstanceOf(StoreException.class).hasMessageContaining("retention policy");
        assertThat(stores.store(a.id()).size(kept)).isPositive();

        // A second round finds nothing more to do and changes nothing.
        RetentionOutcome again = job.run(a.id());
        assertThat(again.snapshotsRemoved()).isZero();
        assertThat(storageBytes(a)).isEqualTo(after).isEqualTo(storeBytes(a));
    }

    @Test
    void aRunningBackupMakesTheJobSkipTheAccountWhateverTimeItsMarkerClaimsButADeadOnesMarkerExpires() {
        Account a = account();
        Device device = register(a, "laptop");
        setPolicy(a, 1);
        Instant start = clock.freeze();
        Snapshot first = backup(device);
        clock.advance(Duration.ofDays(1));
        Snapshot second = backup(device);
        // A backup runs on a device whose clock is ten years behind: its marker must still count.
        device.repository().startBackupMarker(start.minus(3650, ChronoUnit.DAYS));

        RetentionOutcome skipped = job.run(a.id());
        assertThat(skipped.status()).as(skipped.toString()).isEqualTo(Status.BACKUP_RUNNING);
        assertThat(snapshots(a)).containsExactlyInAnyOrder(first.id(), second.id());

        // That backup died, leaving its marker: a day later (by the server's clock) it no longer holds retention back.
        clock.advance(Duration.ofHours(25));
        RetentionOutcome applied = job.run(a.id());
        assertThat(applied.status()).as(applied.toString()).isEqualTo(Status.APPLIED);
        assertThat(snapshots(a)).containsExactly(second.id());
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a));

        // Nor does a marker that claims to start ten years ahead keep the account from retention for ten years.
        Snapshot third = backup(device);
        String future = device.repository().startBackupMarker(start.plus(3650, ChronoUnit.DAYS));
        assertThat(job.run(a.id()).status()).isEqualTo(Status.BACKUP_RUNNING);
        clock.advance(Duration.ofHours(25));
        assertThat(job.run(a.id()).status()).isEqualTo(Status.APPLIED);
        assertThat(snapshots(a)).containsExactly(third.id());

        // A backup that ends removes its marker; the next one is seen at once.
        device.repository().endBackupMarker(future);
        device.repository().startBackupMarker(start);
        assertThat(job.run(a.id()).status()).isEqualTo(Status.BACKUP_RUNNING);
    }

    @Test
    void aDeviceWhoseClockIsTenYearsAheadOfTheServersHasItsOldDataPrunedAllTheSame() {
        Account a = account();
        Device device = register(a, "laptop");
        setPolicy(a, 1);
        clock.freeze();
        clock.advance(Duration.ofDays(-3650)); // the server's clock; the device's (this machine's) is ten years ahead
        backup(device);
        clock.advance(Duration.ofDays(1));
        Snapshot second = backup(device);
        long before = storageBytes(a);

        RetentionOutcome outcome = job.run(a.id());
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.APPLIED);
        assertThat(outcome.snapshotsRemoved()).isEqualTo(1);
        assertThat(snapshots(a)).containsExactly(second.id());
        // the first backup's 200 kB of unique data went, although its index files claim to be written in the future
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a)).isLessThan(before - 200_000);
    }

    @Test
    void anAccountLockedByAnotherInstanceIsSkippedUntilItsLockGoes() throws Exception {
        Account a = account();
        Device device = register(a, "laptop");
        setPolicy(a, 1);
        clock.freeze();
        backup(device);
        clock.advance(Duration.ofDays(1));
        Snapshot second = backup(device);
        job.run(a.id()); // makes the account's run row; nothing to remove yet beyond the first
        clock.advance(Duration.ofDays(1));
        backup(device);
        long before = storageBytes(a);

        // Another server instance holds the account's row (its job is running): this one skips the account.
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = other.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                jdbc.sql("SELECT account_id FROM retention_run WHERE account_id = ? FOR UPDATE").param(a.id())
                        .query(Long.class).single();
                locked.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(60, TimeUnit.SECONDS)).isTrue();
            RetentionOutcome busy = job.run(a.id());
            assertThat(busy.status()).as(busy.toString()).isEqualTo(Status.BUSY);
            assertThat(storageBytes(a)).isEqualTo(before);
            release.countDown();
            holder.get(60, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            other.shutdownNow();
        }
        RetentionOutcome applied = job.run(a.id());
        assertThat(applied.status()).as(applied.toString()).isEqualTo(Status.APPLIED);
        assertThat(applied.snapshotsRemoved()).isEqualTo(1);
        try (Repository server = serverRepository(a)) {
            assertThat(server.snapshots()).extracting(Snapshot::id).doesNotContain(second.id()).hasSize(1);
        }
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a)).isLessThan(before);
    }

    @Test
    void twoRunsStartedAtOnceNeverPruneOneAccountTwice() throws Exception {
        Account a = account();
        Device device = register(a, "laptop");
        setPolicy(a, 1);
        clock.freeze();
        backup(device);
        clock.advance(Duration.ofDays(1));
        backup(device);
        clock.advance(Duration.ofDays(1));
        Snapshot third = backup(device);
        job.run(a.id()); // removes two; the run row exists from here on
        clock.advance(Duration.ofDays(1));
        Snapshot fourth = backup(device);

        // Two runs (as two server instances would) race for the account: one applies, the other finds it taken or
        // finds nothing left to do; the one snapshot to go is removed once and usage stays exact.
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<RetentionOutcome>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return job.run(a.id());
                }));
            }
            go.countDown();
            List<RetentionOutcome> outcomes = new ArrayList<>();
            for (Future<RetentionOutcome> r : runs) {
                outcomes.add(r.get(120, TimeUnit.SECONDS));
            }
            assertThat(outcomes).extracting(RetentionOutcome::status).doesNotContain(Status.FAILED);
            assertThat(outcomes.stream().mapToInt(RetentionOutcome::snapshotsRemoved).sum()).as(outcomes.toString())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(snapshots(a)).containsExactly(fourth.id()).doesNotContain(third.id());
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a));
    }

    @Test
    void thePolicyIsValidatedVersionedAndOnlyItsCustomersToSee() {
        Account a = account();
        Api admin = a.tenant().admin();
        Api.Response initial = admin.get(a.path() + "/retention");
        assertThat(initial.status()).as(initial.toString()).isEqualTo(200);
        assertThat(initial.header("ETag")).contains("\"0\"");
        assertThat(fields(initial.json(), "keepLast", "keepDaily", "keepWeekly", "keepMonthly", "keepYearly"))
                .containsExactly(0, 14, 8, 12, 0);

        Api.Response bad = admin.put(a.path() + "/retention", "{\"keepDaily\":1001,\"keepWeekly\":-1,"
                + "\"keepMonthly\":2,\"keepYearly\":0,\"version\":0}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("keepLast", "keepDaily", "keepWeekly");
        Api.Response none = admin.put(a.path() + "/retention", "{\"keepLast\":0,\"keepDaily\":0,\"keepWeekly\":0,"
                + "\"keepMonthly\":0,\"keepYearly\":0,\"version\":0}");
        assertThat(none.status()).as(none.toString()).isEqualTo(400);
        assertThat(none.json().path("errors").get(0).path("message").asString()).contains("at least one");
        String body = "{\"keepLast\":3,\"keepDaily\":7,\"keepWeekly\":4,\"keepMonthly\":6,\"keepYearly\":2}";
        assertThat(admin.put(a.path() + "/retention", body).status()).isEqualTo(428);
        assertThat(admin.get(a.path() + "/retention").header("ETag")).contains("\"0\"");

        Api.Response ok = admin.put(a.path() + "/retention", body, "If-Match", "\"0\"");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.header("ETag")).contains("\"1\"");
        Api.Response stale = admin.put(a.path() + "/retention", body, "If-Match", "\"0\"");
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(fields(admin.get(a.path() + "/retention").json(), "keepLast", "keepDaily", "keepWeekly",
                "keepMonthly", "keepYearly", "version")).containsExactly(3, 7, 4, 6, 2, 1);

        // Another customer's admin (and API token) finds neither the policy nor a way to change it.
        Tenant stranger = tenant(null);
        assertThat(stranger.admin().get(a.path() + "/retention").status()).isEqualTo(404);
        assertThat(stranger.token().put(a.path() + "/retention", body.replace("}", ",\"version\":1}")).status())
                .isEqualTo(404);
        assertThat(admin.get(a.path() + "/retention").json().path("version").asInt()).isEqualTo(1);
        // The provider admin may read it.
        assertThat(provider().get(a.path() + "/retention").status()).isEqualTo(200);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static List<Integer> fields(JsonNode json, String... names) {
        List<Integer> values = new ArrayList<>();
        for (String n : names) {
            values.add(json.path(n).asInt(-1));
        }
        return values;
    }

    private void setPolicy(Account a, int keepLast) {
        Api.Response r = a.tenant().admin().put(a.path() + "/retention", "{\"keepLast\":" + keepLast
                + ",\"keepDaily\":0,\"keepWeekly\":0,\"keepMonthly\":0,\"keepYearly\":0,\"version\":0}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** A backup of the same folder with new content: one forget group (same host and paths), nothing shared. */
    private Snapshot backup(Device device) {
        try {
            Path source = Files.createDirectories(dir.resolve("src"));
            Files.write(source.resolve("data.bin"), random(200_000));
            return new Archiver(device.repository(), BackupOptions.defaults().withHostname("laptop"), Progress.NONE)
                    .backup(List.of(source));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Account account() {
        Tenant tenant = tenant(null);
        String login = tenant.address("retention");
        long userId = user(tenant, login);
        String path = "/api/v1/users/" + userId + "/backup-account";
        Api.Response r = tenant.admin().put(path, "{\"password\":" + Api.json(PASSWORD)
                + ",\"manageOtherUsers\":false}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Account(tenant, r.json().path("id").asLong(), path);
    }

    private Device register(Account a, String name) {
        String token = JSON.readTree(post("/agent/v1/register", "{\"login\":" + Api.json(login(a)) + ",\"password\":"
                + Api.json(PASSWORD) + ",\"deviceType\":\"WORKSTATION\",\"name\":" + Api.json(name) + "}"))
                .path("deviceToken").asString();
        ServerConnection connection = connection(token);
        ServerConnection.Answer key = connection.send("get", "key", "GET", "/agent/v1/repository/key",
                ServerConnection.Body.none());
        assertThat(key.status()).isEqualTo(200);
        String secret = JSON.readTree(key.body()).path("secret").asString();
        return new Device(token, Repository.open(new RemoteStore(connection), secret.toCharArray()));
    }

    private String login(Account a) {
        return a.tenant().admin().get(a.path()).json().path("login").asString();
    }

    private ServerConnection connection(String token) {
        return new ServerConnection(URI.create("http://127.0.0.1:" + port), Optional.ofNullable(token));
    }

    private String post(String path, String json) {
        ServerConnection.Answer answer = connection(null).send("post", path, "POST", path,
                ServerConnection.Body.json(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(answer.status()).as(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isBetween(200, 201);
        return new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The ids of the account's snapshots, read on the server. */
    private List<String> snapshots(Account a) {
        try (Repository server = serverRepository(a)) {
            return server.snapshots().stream().map(Snapshot::id).toList();
        }
    }

    private Repository serverRepository(Account a) {
        return Repository.open(stores.store(a.id()), keys.secret(a.id()).orElseThrow().toCharArray());
    }

    private long storageBytes(Account a) {
        Api.Response r = a.tenant().admin().get(a.path());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().path("usage").path("storageBytes").asLong(-1);
    }

    private List<String> dataPacks(Account a) {
        return stores.store(a.id()).list(RepositoryLayout.DATA).stream().map(StoreEntry::name).toList();
    }

    private long storeBytes(Account a) {
        return stores.store(a.id()).list("").stream().filter(e -> !e.name().startsWith("locks/"))
                .mapToLong(StoreEntry::size).sum();
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        RANDOM.nextBytes(b);
        return b;
    }
}
