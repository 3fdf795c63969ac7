package dev.coffer.engine.store.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.store.AppendOnlyException;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.QuotaExceededException;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreException;
import dev.coffer.engine.store.retry.RetryPolicy;
import dev.coffer.engine.store.retry.RetryingStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link RemoteStore} maps the server's refusals and outages, and how {@link RetryingStore} treats each. */
class RemoteStoreFailuresTest {

    private FakeObjectServer server;
    private RemoteStore store;
    private Store retrying;

    @BeforeEach
    void start() throws Exception {
        server = new FakeObjectServer(true);
        store = new RemoteStore(new ServerConnection(server.uri(), Optional.of(FakeObjectServer.TOKEN)));
        retrying = new RetryingStore(store, new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(2)), d -> { });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String hashName(String dir, byte[] data) {
        return dir + Hashes.sha256(data);
    }

    @Test
    void quotaRefusalIsNeverRetriedAndCarriesTheServersFields() {
        server.quotaBytes.set(1000);
        byte[] data = new byte[2000];
        String name = hashName("data/", data);
        int before = server.requests.get();

        assertThatThrownBy(() -> {
            try (PendingObject object = retrying.create()) {
                object.write(data, 0, data.length);
                object.commit(name);
            }
        }).isInstanceOfSatisfying(QuotaExceededException.class, e -> {
            assertThat(e.retriable()).isFalse();
            assertThat(e.detail()).isEqualTo("storage quota of 1000 bytes reached");
            assertThat(e.limit()).isEqualTo("storage");
            assertThat(e.limitBytes()).isEqualTo(1000);
            assertThat(e.usedBytes()).isZero();
            assertThat(e.getMessage()).contains(name, "storage quota of 1000 bytes reached");
        });
        assertThat(server.requests.get() - before).as("one request, no retry").isEqualTo(1);
        assertThat(server.objects.list("")).isEmpty();
    }

    @Test
    void spoolFilesAreGoneAfterACommitARefusalAndAClose(@TempDir Path spool) throws IOException {
        RemoteStore spooling = new RemoteStore(new ServerConnection(server.uri(), Optional.of(FakeObjectServer.TOKEN)), spool);
        byte[] data = new byte[5000];
        try (PendingObject stored = spooling.create()) {
            stored.write(data, 0, data.length);
            stored.commit(hashName("data/", data));
        }
        server.quotaBytes.set(1);
        byte[] other = new byte[6000];
        try (PendingObject refused = spooling.create()) {
            refused.write(other, 0, other.length);
            assertThatThrownBy(() -> refused.commit(hashName("data/", other))).isInstanceOf(QuotaExceededException.class);
            try (var files = Files.list(spool)) {
                assertThat(files.count()).as("kept for another commit").isEqualTo(1);
            }
        }
        try (PendingObject abandoned = spooling.create()) {
            abandoned.write(other, 0, 10);
        }

        try (var files = Files.list(spool)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void serverErrorsAreRetriedUntilTheyPass() {
        byte[] data = "index".getBytes(StandardCharsets.UTF_8);
        String name = hashName("index/", data);
        server.answerNext(503, null, null);
        server.answerNext(500, "internal", null);

        retrying.put(name, data);

        assertThat(server.requests.get()).isEqualTo(3);
        assertThat(store.get(name)).isEqualTo(data);
    }

    @Test
    void aServerErrorIsRetriableAndAClientErrorIsNot() {
        server.answerNext(503, null, null);
        assertThatThrownBy(() -> store.get("config")).isInstanceOfSatisfying(RemoteRequestException.class, e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.status()).isEqualTo(503);
        });
        server.answerNext(429, "throttled", null);
        assertThatThrownBy(() -> store.list("")).matches(e -> ((StoreException) e).retriable());
        server.answerNext(400, "validation", null);
        assertThatThrownBy(() -> store.list("")).isInstanceOfSatisfying(RemoteRequestException.class,
                e -> assertThat(e.retriable()).isFalse());
    }

    @Test
    void aPackWhoseNameIsNotItsHashIsRefusedOnceAndNothingIsStored() {
        int before = server.requests.get();

        assertThatThrownBy(() -> retrying.put("data/00/" + "0".repeat(64), new byte[] {1, 2, 3}))
                .isInstanceOfSatisfying(RemoteRequestException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().name()).isEqualTo("hash-mismatch");
                });
        assertThat(server.requests.get() - before).isEqualTo(1);
        assertThat(server.objects.list("")).isEmpty();
    }

    @Test
    void serverOnlyObjectsAndDeletesAreAppendOnlyRefusals() {
        assertThatThrownBy(() -> retrying.put("keys/abc", new byte[] {1})).isInstanceOf(AppendOnlyException.class);
        assertThatThrownBy(() -> retrying.delete("snapshots/abc")).isInstanceOf(AppendOnlyException.class)
                .hasMessageContaining("retention policy");
        assertThat(retrying.appendOnly()).as("the retrying wrapper says what it wraps").isTrue();
    }

    @Test
    void accountProblemsBecomeDeviceAccessExceptionsWithTheirReason() {
        server.answerNext(401, "device-removed", null);
        server.answerNext(403, "account-suspended", null);
        server.answerNext(403, "customer-disabled", null);
        assertThatThrownBy(() -> retrying.list("snapshots/")).isInstanceOfSatisfying(DeviceAccessException.class,
                e -> assertThat(e.reason()).isEqualTo(DeviceAccessException.Reason.DEVICE_REMOVED));
        assertThatThrownBy(() -> retrying.list("snapshots/")).isInstanceOfSatisfying(DeviceAccessException.class,
                e -> assertThat(e.reason()).isEqualTo(DeviceAccessException.Reason.ACCOUNT_SUSPENDED));
        assertThatThrownBy(() -> retrying.get("config")).isInstanceOfSatisfying(DeviceAccessException.class,
                e -> assertThat(e.reason()).isEqualTo(DeviceAccessException.Reason.CUSTOMER_DISABLED));
        assertThat(server.requests.get()).as("none retried").isEqualTo(3);
    }

    @Test
    void aWrongTokenIsUnauthenticated() {
        Store wrong = new RemoteStore(new ServerConnection(server.uri(), Optional.of("coffer_dev_wrong")));

        assertThatThrownBy(() -> wrong.list("")).isInstanceOfSatisfying(DeviceAccessException.class, e -> {
            assertThat(e.reason()).isEqualTo(DeviceAccessException.Reason.UNAUTHENTICATED);
            assertThat(e.getMessage()).doesNotContain("coffer_dev_wrong");
        });
    }

    @Test
    void aServerThatIsDownIsARetriableFailureNamingIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI down = URI.create("http://127.0.0.1:" + port);
        Store unreachable = new RemoteStore(new ServerConnection(down, Optional.of(FakeObjectServer.TOKEN)));

        assertThatThrownBy(() -> unreachable.get("config")).isInstanceOfSatisfying(ServerUnreachableException.class, e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.getMessage()).contains("cannot reach " + down);
        });
    }

    @Test
    void serverAddressesMustBeHttpWithoutCredentials() {
        assertThatThrownBy(() -> new ServerConnection(URI.create("ftp://x"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerConnection(URI.create("https://u:secret@x"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
    }
}
