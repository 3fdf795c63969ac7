package dev.coffer.engine.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreContractTest;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.StoreException;

/** The store contract against a real S3 server: S3Proxy over an in-memory jclouds blob store, started in process. */
class S3StoreTest extends StoreContractTest {

    private static final String BUCKET = "coffer-test";
    private static final String ACCESS_KEY = "test-access";
    private static final String SECRET_KEY = "test-secret-key";
    private static final AtomicInteger REPOSITORIES = new AtomicInteger();

    private static BlobStoreContext blobStoreContext;
    private static S3Proxy s3Proxy;
    private static URI endpoint;

    @BeforeAll
    static void startS3Server() throws Exception {
        // S3Proxy, Jetty and jclouds log every request at DEBUG through logback, which slows the suite down
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        blobStoreContext = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        blobStoreContext.getBlobStore().createContainerInLocation(null, BUCKET);
        s3Proxy = S3Proxy.builder()
                .blobStore(blobStoreContext.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        s3Proxy.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!s3Proxy.getState().equals("STARTED")) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("S3Proxy did not start within 60 s: " + s3Proxy.getState());
            }
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + s3Proxy.getPort());
    }

    @AfterAll
    static void stopS3Server() throws Exception {
        if (s3Proxy != null) {
            s3Proxy.stop();
        }
        if (blobStoreContext != null) {
            blobStoreContext.close();
        }
    }

    /** Each test gets its own repository prefix in the shared bucket, which also exercises prefix isolation. */
    @Override
    protected Store newStore() {
        return new S3Store(config("repo-" + REPOSITORIES.incrementAndGet()));
    }

    private static S3Config config(String prefix) {
        return new S3Config(endpoint, "us-east-1", BUCKET, prefix, ACCESS_KEY, SECRET_KEY);
    }

    @Test
    void repositoriesSharingABucketSeeOnlyTheirOwnObjects() {
        try (S3Store first = new S3Store(config("customer1/repo")); S3Store second = new S3Store(config("customer1/repo2"))) {
            first.put("config", new byte[] {1});
            second.put("config", new byte[] {2, 2});
            second.put("data/00/p", new byte[] {3});

            assertThat(first.list("")).containsExactly(new StoreEntry("config", 1));
            assertThat(first.get("config")).containsExactly(1);
            assertThat(second.list("")).containsExactlyInAnyOrder(new StoreEntry("config", 2), new StoreEntry("data/00/p", 1));
            first.delete("config");
            assertThat(second.get("config")).containsExactly(2, 2);
        }
    }

    @Test
    void spoolFilesAreGoneAfterCommitOrClose() throws Exception {
        store.create().close(); // the first create cleans up abandoned spool files, which would skew the count
        long before = spoolFiles();
        try (PendingObject committed = store.create(); PendingObject discarded = store.create()) {
            committed.write(new byte[] {1, 2, 3}, 0, 3);
            discarded.write(new byte[] {4}, 0, 1);
            assertThat(spoolFiles()).isEqualTo(before + 2);
            committed.commit("data/00/p");
            assertThat(spoolFiles()).as("deleted once uploaded").isEqualTo(before + 1);
        }

        assertThat(spoolFiles()).isEqualTo(before);
        assertThat(store.list("")).containsExactly(new StoreEntry("data/00/p", 3));
    }

    @Test
    void theFirstCreateDeletesSpoolFilesOfProcessesThatNoLongerRun() throws Exception {
        java.nio.file.Path tmpdir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        java.nio.file.Path abandoned = java.nio.file.Files.writeString(tmpdir.resolve(S3Store.SPOOL_PREFIX + "2147483646-1.spool"), "x");
        java.nio.file.Path running = java.nio.file.Files.writeString(
                tmpdir.resolve(S3Store.SPOOL_PREFIX + ProcessHandle.current().pid() + "-2.spool"), "y");
        java.nio.file.Path recent = java.nio.file.Files.writeString(tmpdir.resolve(S3Store.SPOOL_PREFIX + "2147483646-3.spool"), "z");
        java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600));
        java.nio.file.Files.setLastModifiedTime(abandoned, hourAgo);
        java.nio.file.Files.setLastModifiedTime(running, hourAgo);
        try {
            store.create().close();

            assertThat(abandoned).doesNotExist();
            assertThat(running).as("its process still runs").exists();
            assertThat(recent).as("too young to judge").exists();
        } finally {
            java.nio.file.Files.deleteIfExists(abandoned);
            java.nio.file.Files.deleteIfExists(running);
            java.nio.file.Files.deleteIfExists(recent);
        }
    }

    /** This process's spool files: other test processes (another build on the machine) may spool at the same time. */
    private static long spoolFiles() throws java.io.IOException {
        String mine = S3Store.SPOOL_PREFIX + ProcessHandle.current().pid() + "-";
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith(mine)).count();
        }
    }

    @Test
    void listingFollowsEveryPage() {
        try (S3Store smallPages = new S3Store(config("paged"), 7)) {
            for (int i = 0; i < 30; i++) {
                smallPages.put("index/" + i, new byte[i]);
            }

            assertThat(smallPages.list("index/")).hasSize(30).contains(new StoreEntry("index/29", 29));
        }
    }

    @Test
    void wrongCredentialsArePermanentAndNamed() {
        S3Config wrong = new S3Config(endpoint, "us-east-1", BUCKET, "repo", ACCESS_KEY, "not-the-secret");
        try (S3Store denied = new S3Store(wrong)) {
            assertThatThrownBy(() -> denied.put("config", new byte[1]))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("put s3://coffer-test/repo/config")
                    .hasMessageContaining("403")
                    .matches(e -> !((StoreException) e).retriable(), "not retriable");
        }
    }

    @Test
    void missingBucketIsPermanentAndNotAMissingObject() {
        try (S3Store nowhere = new S3Store(new S3Config(endpoint, "us-east-1", "no-such-bucket", "", ACCESS_KEY, SECRET_KEY))) {
            assertThatThrownBy(() -> nowhere.get("config"))
                    .isInstanceOf(StoreException.class)
                    .isNotInstanceOf(ObjectNotFoundException.class)
                    .hasMessageContaining("no-such-bucket")
                    .matches(e -> !((StoreException) e).retriable(), "not retriable");
            assertThatThrownBy(() -> nowhere.list(""))
                    .hasMessageContaining("bucket no-such-bucket does not exist");
        }
    }

    @Test
    void unreachableServerIsRetriable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Config down = new S3Config(URI.create("http://127.0.0.1:" + closedPort), "us-east-1", BUCKET, "", ACCESS_KEY, SECRET_KEY);
        try (S3Store unreachable = new S3Store(down)) {
            assertThatThrownBy(() -> unreachable.get("config"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("get s3://coffer-test/config")
                    .matches(e -> ((StoreException) e).retriable(), "retriable");
        }
    }

    @Test
    void configIsValidatedAndNeverShowsTheSecret() {
        S3Config config = new S3Config(endpoint, "us-east-1", BUCKET, "/customer1/repo/", ACCESS_KEY, SECRET_KEY);
        assertThat(config.prefix()).isEqualTo("customer1/repo");
        assertThat(config.toString()).doesNotContain(SECRET_KEY).contains(ACCESS_KEY);

        assertThatThrownBy(() -> new S3Config(URI.create("ftp://host/"), "r", BUCKET, "", "a", "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> new S3Config(endpoint, "r", "Bad Bucket", "", "a", "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket");
        assertThatThrownBy(() -> new S3Config(endpoint, "r", BUCKET, "a/../b", "a", "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new S3Config(endpoint, "r", BUCKET, "", "", "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accessKey");
    }
}
