package dev.coffer.server.agentapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.server.storage.AccountStores;
import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import dev.coffer.server.support.Parallel;
import dev.coffer.server.usage.UsageReconciliation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The agent protocol (docs/agent-protocol.md) driven with a plain HTTP client against the whole server: registration,
 * device states, tenant isolation of the object API, append-only, hash checks, quotas and exact usage.
 */
abstract class AgentProtocolIT extends ApiTestSupport {

    static final String PASSWORD = "Agent-Secret-Pass-1";
    static final long GB = 1_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    AccountStores stores;

    @Autowired
    UsageReconciliation reconciliation;

    /** A backup account provisioned through the REST API. */
    record Account(Tenant tenant, long userId, long id, String login, String path) {
    }

    /** Whether the account stores are on a local disk (the quota tests fill them with a sparse file). */
    protected boolean localStore() {
        return true;
    }

    // ---- registration and devices -------------------------------------------------------------------------------

    @Test
    void registersWithPasswordOrSingleUseTokenWithinTheDeviceQuota() {
        Account a = account("{\"storage\":{\"limitGb\":1},\"workstations\":{\"devices\":1}}");
        AgentClient anonymous = new AgentClient(port, null);

        AgentClient.Reply wrong = anonymous.json("POST", "/agent/v1/register", register(a.login(), "Wrong-Password-9",
                "WORKSTATION", "jane-laptop"));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        assertThat(wrong.type()).isEqualTo("https://coffer.dev/problems/unauthenticated");

        AgentClient.Reply r = anonymous.json("POST", "/agent/v1/register", register(a.login(), PASSWORD,
                "workstation", "jane-laptop"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode body = r.json();
        String token = body.path("deviceToken").asString();
        assertThat(token).startsWith("coffer_dev_").hasSize("coffer_dev_".length() + 43);
        assertThat(body.path("accountId").asLong()).isEqualTo(a.id());
        assertThat(body.path("login").asString()).isEqualTo(a.login());
        assertThat(body.path("deviceType").asString()).isEqualTo("WORKSTATION");
        assertThat(body.path("name").asString()).isEqualTo("jane-laptop");
        String daily = body.path("schedule").path("daily").asString();
        assertThat(daily).matches("0[1-4]:[0-5][0-9]|05:00");
        // only the hash is stored
        assertThat(jdbc.sql("SELECT COUNT(*) FROM device WHERE token_hash LIKE ?").param("%" + token + "%")
                .query(Long.class).single()).isZero();

        AgentClient device = new AgentClient(port, token);
        AgentClient.Reply me = device.get("/agent/v1/device");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("deviceId").asString()).isEqualTo(body.path("deviceId").asString());
        assertThat(me.json().path("schedule").path("daily").asString()).isEqualTo(daily);

        // The second workstation is refused with the message, and the refusal is recorded; nothing else changes.
        AgentClient.Reply second = anonymous.json("POST", "/agent/v1/register", register(a.login(), PASSWORD,
                "WORKSTATION", "jane-desktop"));
        assertThat(second.status()).as(second.toString()).isEqualTo(403);
        assertThat(second.type()).isEqualTo("https://coffer.dev/problems/device-quota");
        assertThat(second.json().path("detail").asString())
                .isEqualTo("this account may register 1 workstation; 1 is registered");
        assertThat(jdbc.sql("SELECT message FROM device_refusal WHERE account_id = ?").param(a.id())
                .query(String.class).list()).containsExactly("this account may register 1 workstation; 1 is registered");

        // A registration token: made by the admin, works once, for its account only.
        Api.Response t = a.tenant().admin().post(a.path() + "/registration-tokens", "{\"expiresInHours\":24}");
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        String regToken = t.json().path("token").asString();
        assertThat(regToken).startsWith("coffer_reg_");
        assertThat(t.json().path("expiresAt").asString()).isNotBlank();
        AgentClient.Reply byToken = anonymous.json("POST", "/agent/v1/register", "{\"registrationToken\":"
                + Api.json(regToken) + ",\"deviceType\":\"SERVER\",\"name\":\"web-1\"}");
        assertThat(byToken.status()).as(byToken.toString()).isEqualTo(201);
        assertThat(byToken.json().path("accountId").asLong()).isEqualTo(a.id());
        AgentClient.Reply again = anonymous.json("POST", "/agent/v1/register", "{\"registrationToken\":"
                + Api.json(regToken) + ",\"deviceType\":\"SERVER\",\"name\":\"web-2\"}");
        assertThat(again.status()).as(again.toString()).isEqualTo(401);
        assertThat(again.type()).isEqualTo("https://coffer.dev/problems/unauthenticated");

        // An expired token is refused.
        Api.Response t2 = a.tenant().admin().post(a.path() + "/registration-tokens", null);
        assertThat(t2.status()).as(t2.toString()).isEqualTo(201);
        jdbc.sql("UPDATE registration_token SET expires_at = created_at WHERE account_id = ? AND used_at IS NULL")
                .param(a.id()).update();
        AgentClient.Reply expired = anonymous.json("POST", "/agent/v1/register", "{\"registrationToken\":"
                + Api.json(t2.json().path("token").asString()) + ",\"deviceType\":\"SERVER\",\"name\":\"web-3\"}");
        assertThat(expired.status()).as(expired.toString()).isEqualTo(401);

        // Bad input names the field and registers nothing.
        AgentClient.Reply bad = anonymous.json("POST", "/agent/v1/register", register(a.login(), PASSWORD, "PHONE",
                "evil\u202Ename"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.type()).isEqualTo("https://coffer.dev/problems/validation");
        assertThat(bad.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("deviceType", "name");

        // The admin sees both devices; the workstation first.
        Api.Response list = a.tenant().admin().get(a.path() + "/devices");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().valueStream().map(d -> d.path("name").asString())).containsExactly("jane-laptop", "web-1");
        assertThat(list.json().get(0).path("type").asString()).isEqualTo("WORKSTATION");
        assertThat(list.json().get(0).path("registeredAt").asString()).isNotBlank();
        assertThat(list.json().get(0).path("lastRun").isNull()).isTrue();

        // Another customer's admin finds neither the user nor its devices, and cannot make tokens for it.
        Tenant other = tenant(null);
        assertThat(other.admin().get(a.path() + "/devices").status()).isEqualTo(404);
        assertThat(other.admin().post(a.path() + "/registration-tokens", "{}").status()).isEqualTo(404);
        String deviceId = body.path("deviceId").asString();
        assertThat(other.admin().delete(a.path() + "/devices/" + deviceId).status()).isEqualTo(404);
        assertThat(device.get("/agent/v1/device").status()).isEqualTo(200);

        // Schedule change, and removing the workstation frees its slot.
        Api.Response sched = a.tenant().admin().put(a.path() + "/devices/" + deviceId + "/schedule", "{\"daily\":\"23:15\"}");
        assertThat(sched.status()).as(sched.toString()).isEqualTo(200);
        assertThat(device.get("/agent/v1/device").json().path("schedule").path("daily").asString()).isEqualTo("23:15");
        Api.Response badSched = a.tenant().admin().put(a.path() + "/devices/" + deviceId + "/schedule", "{\"daily\":\"25:00\"}");
        assertThat(badSched.status()).isEqualTo(400);
        assertThat(badSched.errorFields()).containsExactly("daily");
        assertThat(a.tenant().admin().delete(a.path() + "/devices/" + deviceId).status()).isEqualTo(204);
        AgentClient.Reply replaced = anonymous.json("POST", "/agent/v1/register", register(a.login(), PASSWORD,
                "WORKSTATION", "jane-desktop"));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(201);
    }

    @Test
    void concurrentRegistrationsNeverPassTheDeviceQuotaPlusOverage() throws Exception {
        Account a = account("{\"workstations\":{\"devices\":1,\"devicesOverage\":1}}");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            // One-time tokens, not the password: concurrent password attempts are throttled (and hashed one per
            // core) before the device quota is even asked.
            List<Future<AgentClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Api.Response t = a.tenant().admin().post(a.path() + "/registration-tokens", "{\"expiresInHours\":1}");
                assertThat(t.status()).as(t.toString()).isEqualTo(201);
                String body = "{\"registrationToken\":" + Api.json(t.json().path("token").asString())
                        + ",\"deviceType\":\"WORKSTATION\",\"name\":\"ws-" + i + "\"}";
                replies.add(pool.submit(() -> {
                    start.await();
                    return new AgentClient(port, null).json("POST", "/agent/v1/register", body);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<AgentClient.Reply> f : replies) {
                statuses.add(f.get(300, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(2);
            assertThat(statuses).filteredOn(s -> s == 403).hasSize(4);
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.tenant().admin().get(a.path() + "/devices").json().size()).isEqualTo(2);
        assertThat(a.tenant().admin().get(a.path()).json().path("usage").path("workstations").path("devices").asLong())
                .isEqualTo(2);
    }

    @Test
    void removedDeviceSuspendedAccountAndDisabledCustomerAreRefusedWithTheirProblemType() {
        Account a = account(null);
        AgentClient device = register(a, "SERVER", "db-1");
        String deviceId = device.get("/agent/v1/device").json().path("deviceId").asString();
        AgentClient other = register(a, "SERVER", "db-2");

        assertThat(new AgentClient(port, null).get("/agent/v1/device").type())
                .isEqualTo("https://coffer.dev/problems/unauthenticated");
        AgentClient.Reply forged = device.withToken("coffer_dev_" + "A".repeat(43)).get("/agent/v1/device");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.type()).isEqualTo("https://coffer.dev/problems/unauthenticated");

        // A new password does not affect registered devices.
        assertThat(a.tenant().admin().post(a.path() + "/password", "{\"password\":\"Another-Secret-Pass-2\"}").status())
                .isEqualTo(200);
        assertThat(device.get("/agent/v1/device").status()).isEqualTo(200);

        assertThat(a.tenant().admin().post(a.path() + "/suspend", null).status()).isEqualTo(200);
        AgentClient.Reply suspended = device.get("/agent/v1/repository/objects");
        assertThat(suspended.status()).isEqualTo(403);
        assertThat(suspended.type()).isEqualTo("https://coffer.dev/problems/account-suspended");
        AgentClient.Reply registerSuspended = new AgentClient(port, null).json("POST", "/agent/v1/register",
                register(a.login(), "Another-Secret-Pass-2", "SERVER", "db-3"));
        assertThat(registerSuspended.type()).isEqualTo("https://coffer.dev/problems/account-suspended");
        assertThat(a.tenant().admin().post(a.path() + "/resume", null).status()).isEqualTo(200);
        assertThat(device.get("/agent/v1/device").status()).isEqualTo(200);

        assertThat(provider().post("/api/v1/customers/" + a.tenant().id() + "/disable", null).status()).isEqualTo(200);
        AgentClient.Reply disabled = device.get("/agent/v1/device");
        assertThat(disabled.status()).isEqualTo(403);
        assertThat(disabled.type()).isEqualTo("https://coffer.dev/problems/customer-disabled");
        assertThat(provider().post("/api/v1/customers/" + a.tenant().id() + "/enable", null).status()).isEqualTo(200);
        assertThat(device.get("/agent/v1/device").status()).isEqualTo(200);

        assertThat(a.tenant().admin().delete(a.path() + "/devices/" + deviceId).status()).isEqualTo(204);
        AgentClient.Reply removed = device.get("/agent/v1/device");
        assertThat(removed.status()).isEqualTo(401);
        assertThat(removed.type()).isEqualTo("https://coffer.dev/problems/device-removed");
        assertThat(other.get("/agent/v1/device").status()).isEqualTo(200);
    }

    @Test
    void runsAreReportedAndShownAsTheDevicesLastRun() {
        Account a = account(null);
        AgentClient device = register(a, "VM", "vm-1");
        AgentClient.Reply started = device.json("POST", "/agent/v1/runs",
                "{\"kind\":\"BACKUP\",\"startedAt\":\"2026-01-31T02:00:00Z\"}");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String runId = started.json().path("runId").asString();
        assertThat(a.tenant().admin().get(a.path() + "/devices").json().get(0).path("lastRun").path("status").asString())
                .isEqualTo("RUNNING");
        AgentClient.Reply finished = device.json("PUT", "/agent/v1/runs/" + runId, "{\"status\":\"WARNING\","
                + "\"finishedAt\":\"2026-01-31T02:10:00Z\",\"files\":10,\"bytesAdded\":1234,\"bytesRead\":5678,"
                + "\"snapshotId\":null,\"message\":\"1 file could not be read\",\"unreadablePaths\":[\"/etc/shadow\"]}");
        assertThat(finished.status()).as(finished.toString()).isEqualTo(204);
        JsonNode last = a.tenant().admin().get(a.path() + "/devices").json().get(0).path("lastRun");
        assertThat(last.path("status").asString()).isEqualTo("WARNING");
        assertThat(last.path("bytesAdded").asLong()).isEqualTo(1234);
        assertThat(last.path("message").asString()).isEqualTo("1 file could not be read");
        assertThat(last.path("finishedAt").asString()).isEqualTo("2026-01-31T02:10:00Z");

        // Another device (of another account) cannot finish it; bad fields are named.
        AgentClient stranger = register(account(null), "VM", "vm-x");
        assertThat(stranger.json("PUT", "/agent/v1/runs/" + runId, "{\"status\":\"ERROR\","
                + "\"finishedAt\":\"2026-01-31T02:10:00Z\"}").status()).isEqualTo(404);
        AgentClient.Reply bad = device.json("PUT", "/agent/v1/runs/" + runId, "{\"status\":\"DONE\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("status", "finishedAt");
    }

    // ---- objects --------------------------------------------------------------------------------------------------

    @Test
    void theRepositoryCreatedAtFirstRegistrationOpensWithTheKeyTheDeviceGets() {
        Account a = account(null);
        AgentClient device = register(a, "SERVER", "srv");
        AgentClient.Reply key = device.get("/agent/v1/repository/key");
        assertThat(key.status()).as(key.toString()).isEqualTo(200);
        String secret = key.json().path("secret").asString();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        try (Repository repo = Repository.open(stores.store(a.id()), secret.toCharArray())) {
            assertThat(repo.snapshots()).isEmpty();
        }
        AgentClient.Reply config = device.get("/agent/v1/repository/objects/config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).isEqualTo(stores.store(a.id()).get("config"));
        // the server's own objects are counted, exactly
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a)).isPositive();
        // Another account's device gets another secret.
        AgentClient stranger = register(account(null), "SERVER", "srv");
        assertThat(stranger.get("/agent/v1/repository/key").json().path("secret").asString()).isNotEqualTo(secret);
    }

    @Test
    void objectsAreAppendOnlyHashCheckedAndIsolatedPerAccount() {
        Account a = account(null);
        AgentClient device = register(a, "SERVER", "a-1");
        long before = storageBytes(a);
        byte[] pack = random(100_000);
        String name = packName(pack);

        AgentClient.Reply put = device.putObject(name, pack);
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(storageBytes(a)).isEqualTo(before + pack.length).isEqualTo(storeBytes(a));
        assertThat(device.putObject(name, pack).status()).isEqualTo(200); // idempotent, not counted again
        assertThat(storageBytes(a)).isEqualTo(before + pack.length).isEqualTo(storeBytes(a));

        AgentClient.Reply head = device.head("/agent/v1/repository/objects/" + name);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(pack.length));
        assertThat(device.get("/agent/v1/repository/objects/" + name).body()).isEqualTo(pack);
        AgentClient.Reply range = device.get("/agent/v1/repository/objects/" + name, "Range", "bytes=10-19");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(pack, 10, 20));
        assertThat(range.header("Content-Range")).isEqualTo("bytes 10-19/" + pack.length);
        AgentClient.Reply tail = device.get("/agent/v1/repository/objects/" + name, "Range", "bytes=-5");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(pack, pack.length - 5, pack.length));
        AgentClient.Reply past = device.get("/agent/v1/repository/objects/" + name, "Range", "bytes=100000-");
        assertThat(past.status()).isEqualTo(416);
        assertThat(past.type()).isEqualTo("https://coffer.dev/problems/range-not-satisfiable");
        AgentClient.Reply listed = device.get("/agent/v1/repository/objects?prefix=data/" + name.substring(5, 7));
        assertThat(listed.json().valueStream().map(e -> e.path("name").asString() + ":" + e.path("size").asLong()))
                .containsExactly(name + ":" + pack.length);

        // Append-only: no delete, no overwrite, no server objects.
        AgentClient.Reply del = device.delete("/agent/v1/repository/objects/" + name);
        assertThat(del.status()).isEqualTo(403);
        assertThat(del.type()).isEqualTo("https://coffer.dev/problems/append-only");
        assertThat(del.json().path("detail").asString()).contains("retention policy");
        AgentClient.Reply config = device.putObject("config", new byte[10]);
        assertThat(config.status()).isEqualTo(403);
        assertThat(config.type()).isEqualTo("https://coffer.dev/problems/append-only");
        assertThat(device.putObject("keys/" + "ab".repeat(32), new byte[10]).status()).isEqualTo(403);
        assertThat(device.delete("/agent/v1/repository/objects/config").status()).isEqualTo(403);
        byte[] other = random(100);
        AgentClient.Reply overwrite = device.putObject(name, other);
        assertThat(overwrite.status()).as(overwrite.toString()).isEqualTo(409);
        assertThat(overwrite.type()).isEqualTo("https://coffer.dev/problems/append-only");
        assertThat(stores.store(a.id()).get(name)).isEqualTo(pack);

        // Locks: may be written and deleted, count nothing.
        String lock = "locks/" + "0f".repeat(16);
        assertThat(device.putObject(lock, "{}".getBytes()).status()).isEqualTo(201);
        assertThat(device.putObject("locks/" + "1f".repeat(16), new byte[64 * 1024 + 1]).status()).isEqualTo(400);
        assertThat(storageBytes(a)).isEqualTo(before + pack.length).isEqualTo(storeBytes(a));
        assertThat(device.delete("/agent/v1/repository/objects/" + lock).status()).isEqualTo(204);
        // Their number is bounded instead: 100 at most.
        for (int i = 0; i < 100; i++) {
            assertThat(device.putObject("locks/" + String.format("%032x", i), new byte[1]).status()).isEqualTo(201);
        }
        AgentClient.Reply tooMany = device.putObject("locks/" + "ee".repeat(16), new byte[1]);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("detail").asString()).contains("100 lock objects");
        assertThat(device.putObject("locks/" + String.format("%032x", 7), new byte[2]).status()).isEqualTo(201);
        assertThat(device.delete("/agent/v1/repository/objects/locks/" + String.format("%032x", 7)).status())
                .isEqualTo(204);
        assertThat(device.putObject("locks/" + "ee".repeat(16), new byte[1]).status()).isEqualTo(201);

        // Hash mismatch, a short or long body, no Content-Length, a hostile name: nothing stored or counted.
        byte[] fresh = random(5000);
        String freshName = packName(fresh);
        AgentClient.Reply mismatch = device.putObject(packName(random(10)), fresh);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.type()).isEqualTo("https://coffer.dev/problems/hash-mismatch");
        AgentClient.Reply shortBody = device.rawPut(freshName, 6000L, fresh);
        assertThat(shortBody.status()).as(shortBody.toString()).isEqualTo(400);
        AgentClient.Reply longBody = device.rawPut(freshName, 4000L, fresh);
        assertThat(longBody.status()).as(longBody.toString()).isEqualTo(400);
        AgentClient.Reply chunked = device.rawPut(freshName, null, fresh);
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(411);
        assertThat(chunked.type()).isEqualTo("https://coffer.dev/problems/length-required");
        assertThat(device.putObject("data/zz/" + freshName.substring(8), fresh).status()).isEqualTo(400);
        assertThat(device.putObject("index/..%2F..%2Fetc", fresh).status()).isEqualTo(400);
        assertThat(device.head("/agent/v1/repository/objects/" + freshName).status()).isEqualTo(404);
        assertThat(storageBytes(a)).isEqualTo(before + pack.length).isEqualTo(storeBytes(a));
        assertThat(reserved(a)).isZero();

        // Account B's device reaches only B's repository.
        Account b = account(null);
        AgentClient bDevice = register(b, "SERVER", "b-1");
        AgentClient.Reply bList = bDevice.get("/agent/v1/repository/objects?prefix=data/");
        assertThat(bList.status()).isEqualTo(200);
        assertThat(bList.json().size()).isZero();
        assertThat(bDevice.get("/agent/v1/repository/objects/" + name).status()).isEqualTo(404);
        assertThat(bDevice.head("/agent/v1/repository/objects/" + name).status()).isEqualTo(404);
        assertThat(bDevice.get("/agent/v1/repository/objects/" + name, "Range", "bytes=0-9").status()).isEqualTo(404);
        assertThat(bDevice.get("/agent/v1/repository/objects/config").body())
                .isNotEqualTo(device.get("/agent/v1/repository/objects/config").body());
        // B storing the same bytes stores them in B's repository and charges B, not A.
        long bBefore = storageBytes(b);
        assertThat(bDevice.putObject(name, pack).status()).isEqualTo(201);
        assertThat(storageBytes(b)).isEqualTo(bBefore + pack.length).isEqualTo(storeBytes(b));
        assertThat(storageBytes(a)).isEqualTo(before + pack.length).isEqualTo(storeBytes(a));

        // The usage figures: per type in the account, and the customer's total (the provider's list shows it too).
        JsonNode usage = a.tenant().admin().get(a.path()).json().path("usage");
        assertThat(usage.path("servers").path("devices").asLong()).isEqualTo(1);
        assertThat(usage.path("servers").path("storageBytes").asLong()).isEqualTo(pack.length);
        assertThat(usage.path("workstations").path("devices").asLong()).isZero();
        assertThat(usage.path("vms").path("storageBytes").asLong()).isZero();
        assertThat(usage.path("mobiles").path("devices").asLong()).isZero();
        Api.Response customer = a.tenant().admin().get("/api/v1/customers/" + a.tenant().id() + "/usage");
        assertThat(customer.json().path("usedBytes").asLong()).isEqualTo(storeBytes(a));
        assertThat(b.tenant().admin().get("/api/v1/customers/" + b.tenant().id() + "/usage").json().path("usedBytes")
                .asLong()).isEqualTo(storeBytes(b));
    }

    // ---- quotas ---------------------------------------------------------------------------------------------------

    @Test
    void aFullQuotaRefusesPacksWith507ButLetsTheRunFinishItsIndex() {
        Assumptions.assumeTrue(localStore(), "the account is filled with a sparse file on a local store");
        Account a = account("{\"storage\":{\"limitGb\":1}}");
        AgentClient device = register(a, "WORKSTATION", "w");
        fill(a, GB - storeBytes(a) - 50_000);
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a)).isEqualTo(GB - 50_000);

        byte[] fits = random(40_000);
        assertThat(device.putObject(packName(fits), fits).status()).isEqualTo(201);
        byte[] tooBig = random(20_000);
        AgentClient.Reply refused = device.putObject(packName(tooBig), tooBig);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(507);
        assertThat(refused.type()).isEqualTo("https://coffer.dev/problems/quota-exceeded");
        assertThat(refused.json().path("detail").asString()).isEqualTo("storage quota of 1 GB reached: 1.00 GB of 1 GB used");
        assertThat(refused.json().path("limit").asString()).isEqualTo("storage");
        assertThat(refused.json().path("limitBytes").asLong()).isEqualTo(GB);
        assertThat(refused.json().path("usedBytes").asLong()).isEqualTo(GB - 10_000);
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a)).isEqualTo(GB - 10_000);
        assertThat(reserved(a)).isZero();
        // With Expect: 100-continue the refusal comes before the body is sent; an acceptable upload gets 100.
        assertThat(device.expectContinue(packName(tooBig), 16_000_000)).isEqualTo(507);
        assertThat(device.expectContinue(packName(tooBig), 100)).isEqualTo(100);
        // that upload's connection closed without a body: the server releases its reservation when the read fails
        awaitNoReservation(a);

        // The index and the snapshot still pass (metadata allowance); usage stays exact.
        byte[] index = random(30_000);
        assertThat(device.putObject("index/" + Hashes.sha256(index), index).status()).isEqualTo(201);
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a)).isEqualTo(GB + 20_000);

        // Once the quota is raised, the refused pack goes in.
        Api.Response read = a.tenant().admin().get(a.path());
        Api.Response raised = a.tenant().admin().put(a.path(), "{\"notificationLevel\":\"ALL\",\"quotaNotifications\":true,"
                        + "\"manageOtherUsers\":false,\"quotas\":{\"storage\":{\"limitGb\":2}}}",
                "If-Match", read.header("ETag").orElseThrow());
        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
        assertThat(device.putObject(packName(tooBig), tooBig).status()).isEqualTo(201);
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a)).isEqualTo(GB + 40_000);
    }

    @Test
    void theDeviceTypesSpaceQuotaIsEnforcedAndASoftQuotaNeverRefuses() {
        Assumptions.assumeTrue(localStore(), "the account is filled with a sparse file on a local store");
        Account a = account("{\"storage\":{\"limitGb\":1,\"overageGb\":null},\"workstations\":{\"devices\":2,"
                + "\"storageGb\":1}}");
        AgentClient workstation = register(a, "WORKSTATION", "w");
        AgentClient server = register(a, "SERVER", "s");
        fill(a, GB + 5_000_000 - storeBytes(a)); // over the soft storage quota
        byte[] pack = random(10_000);
        assertThat(server.putObject(packName(pack), pack).status()).isEqualTo(201); // soft: never refuses

        // Bytes count against the type that stored them; the workstations' space is 1 GB.
        jdbc.sql("UPDATE usage_counter SET used = ? WHERE account_id = ? AND item = 'WORKSTATION'")
                .params(GB - 1000, a.id()).update();
        byte[] wPack = random(2000);
        AgentClient.Reply refused = workstation.putObject(packName(wPack), wPack);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(507);
        assertThat(refused.json().path("limit").asString()).isEqualTo("workstations");
        assertThat(refused.json().path("detail").asString()).startsWith("workstations storage quota of 1 GB reached");
        byte[] sPack = random(2000);
        assertThat(server.putObject(packName(sPack), sPack).status()).isEqualTo(201);
        assertThat(reconciliation.reconcile(a.id(), a.tenant().id())).isPositive(); // the counter set above was drift: corrected
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a));
        assertThat(reconciliation.reconcile(a.id(), a.tenant().id())).isZero();
    }

    @Test
    void concurrentUploadsFromTwoDevicesNeverPassQuotaPlusOverage() throws Exception {
        Assumptions.assumeTrue(localStore(), "the account is filled with a sparse file on a local store");
        Account a = account("{\"storage\":{\"limitGb\":1,\"overageGb\":1}}");
        AgentClient one = register(a, "SERVER", "one");
        AgentClient two = register(a, "VM", "two");
        int size = 30_000;
        fill(a, 2 * GB - storeBytes(a) - (size + size / 2)); // room for one and a half packs
        List<byte[]> packs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            packs.add(random(size));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<AgentClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                AgentClient client = i % 2 == 0 ? one : two;
                byte[] p = packs.get(i);
                replies.add(pool.submit(() -> {
                    start.await();
                    return client.putObject(packName(p), p);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<AgentClient.Reply> f : replies) {
                statuses.add(f.get(120, TimeUnit.SECONDS).status());
            }
            // one is stored (201; 200 should a scheduled reconciliation record it first), seven are refused
            assertThat(statuses).filteredOn(s -> s == 201 || s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 507).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a)).isLessThanOrEqualTo(2 * GB);
        assertThat(reserved(a)).isZero();
    }

    /**
     * A backup uploads on several threads at once: one upload's reservation and another's commit change the same two
     * counter rows (storage and the device type's). Each must wait for the other, never deadlock: every upload is
     * stored. (Seen in a benchmark before the rows were locked in one order: one of 25 packs failed with HTTP 500.)
     */
    @Test
    void concurrentUploadsOfOneAccountAreAllStored() throws Exception {
        Account a = account("{\"storage\":{\"limitGb\":5},\"servers\":{\"storageGb\":5}}");
        AgentClient one = register(a, "SERVER", "one");
        AgentClient two = register(a, "SERVER", "two");
        int threads = 4;
        int each = 15;
        AtomicInteger next = new AtomicInteger();
        List<List<Integer>> statuses = Parallel.run(threads, 120, () -> {
            AgentClient client = next.getAndIncrement() % 2 == 0 ? one : two;
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                byte[] p = random(1000 + i);
                AgentClient.Reply r = client.putObject(packName(p), p);
                mine.add(r.status());
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
            }
            return mine;
        });
        assertThat(statuses).flatMap(l -> l).hasSize(threads * each).containsOnly(201);
        assertThat(storageBytes(a)).isEqualTo(storeBytes(a));
        assertThat(reserved(a)).isZero();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    Account account(String quotasJson) {
        Tenant tenant = tenant(null);
        String login = tenant.address("agent");
        long userId = user(tenant, login);
        String path = "/api/v1/users/" + userId + "/backup-account";
        Api.Response r = tenant.admin().put(path, "{\"password\":" + Api.json(PASSWORD)
                + ",\"notificationLevel\":\"ALL\",\"quotaNotifications\":true,\"manageOtherUsers\":false"
                + (quotasJson == null ? "" : ",\"quotas\":" + quotasJson) + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Account(tenant, userId, r.json().path("id").asLong(), login, path);
    }

    AgentClient register(Account a, String type, String name) {
        AgentClient.Reply r = new AgentClient(port, null).json("POST", "/agent/v1/register",
                register(a.login(), PASSWORD, type, name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new AgentClient(port, r.json().path("deviceToken").asString());
    }

    static String register(String login, String password, String type, String name) {
        return "{\"login\":" + Api.json(login) + ",\"password\":" + Api.json(password) + ",\"deviceType\":"
                + Api.json(type) + ",\"name\":" + Api.json(name) + "}";
    }

    /** The account's usage as the server reports it. */
    long storageBytes(Account a) {
        Api.Response r = a.tenant().admin().get(a.path());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().path("usage").path("storageBytes").asLong(-1);
    }

    /** The bytes the account's store holds (locks aside). */
    long storeBytes(Account a) {
        return stores.store(a.id()).list("").stream().filter(e -> !e.name().startsWith("locks/"))
                .mapToLong(StoreEntry::size).sum();
    }

    long reserved(Account a) {
        return jdbc.sql("SELECT COALESCE(SUM(reserved), 0) FROM usage_counter WHERE account_id = ?").param(a.id())
                .query(Long.class).single();
    }

    void awaitNoReservation(Account a) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (reserved(a) != 0) {
            assertThat(System.nanoTime()).as("reservation of account %d released within 60 s", a.id())
                    .isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** Puts a sparse file of {@code bytes} into the account's local store and lets reconciliation count it. */
    void fill(Account a, long bytes) {
        Path dir = Path.of(stores.describe(a.id()));
        try {
            Files.createDirectories(dir);
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve("filler").toFile(), "rw")) {
                f.setLength(bytes);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        reconciliation.reconcile(a.id(), a.tenant().id());
    }

    static byte[] random(int size) {
        byte[] b = new byte[size];
        RANDOM.nextBytes(b);
        return b;
    }

    static String packName(byte[] data) {
        String h = Hashes.sha256(data);
        return "data/" + h.substring(0, 2) + "/" + h;
    }
}
