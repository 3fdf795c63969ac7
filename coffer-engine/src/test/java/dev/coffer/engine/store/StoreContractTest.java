package dev.coffer.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promises of the {@link Store} Javadoc, checked against every implementation. A subclass only says how to make
 * a fresh, empty store; each test gets its own. The few tests that replace or delete objects other than locks are
 * skipped for a store that declares itself {@linkplain Store#appendOnly() append-only}; such a store's test extends
 * {@link AppendOnlyStoreContractTest}, which checks the refusals instead.
 */
public abstract class StoreContractTest {

    protected Store store;

    /** A new, empty store. */
    protected abstract Store newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Skips a test of replacing or deleting objects, which an append-only store refuses by contract. */
    protected void skipWhenAppendOnly() {
        assumeFalse(store.appendOnly(), "an append-only store refuses overwrites and deletes");
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void storedObjectReadsBackUnchanged() {
        byte[] data = randomBytes(1000, 1);
        store.put("data/3f/3fa4c0", data);

        assertThat(store.get("data/3f/3fa4c0")).isEqualTo(data);
        assertThat(store.size("data/3f/3fa4c0")).isEqualTo(1000);
    }

    @Test
    void emptyObjectIsStored() {
        store.put("config", new byte[0]);

        assertThat(store.get("config")).isEmpty();
        assertThat(store.size("config")).isZero();
        assertThat(store.list("")).containsExactly(new StoreEntry("config", 0));
        assertThat(store.getRange("config", 0, 0)).isEmpty();
    }

    @Test
    void largeObjectRoundTrips() {
        byte[] data = randomBytes(20 << 20, 2);
        store.put("data/aa/large", data);

        assertThat(store.size("data/aa/large")).isEqualTo(20 << 20);
        assertThat(Arrays.equals(store.get("data/aa/large"), data)).as("20 MiB object reads back unchanged").isTrue();
        int offset = (19 << 20) - 7;
        assertThat(store.getRange("data/aa/large", offset, 1 << 20))
                .isEqualTo(Arrays.copyOfRange(data, offset, offset + (1 << 20)));
    }

    @Test
    void putReplacesTheObject() {
        skipWhenAppendOnly();
        store.put("index/1", randomBytes(500, 3));
        byte[] second = randomBytes(200, 4);
        store.put("index/1", second);

        assertThat(store.get("index/1")).isEqualTo(second);
        assertThat(store.size("index/1")).isEqualTo(200);
        assertThat(store.list("index/")).containsExactly(new StoreEntry("index/1", 200));
    }

    @Test
    void repeatedPutIsIdempotent() {
        byte[] data = randomBytes(300, 5);
        store.put("keys/k1", data);
        store.put("keys/k1", data);

        assertThat(store.get("keys/k1")).isEqualTo(data);
        assertThat(store.list("")).containsExactly(new StoreEntry("keys/k1", 300));
    }

    @Test
    void getRangeReadsStartMiddleAndEnd() {
        byte[] data = randomBytes(4096, 6);
        store.put("data/01/pack", data);

        assertThat(store.getRange("data/01/pack", 0, 100)).isEqualTo(Arrays.copyOfRange(data, 0, 100));
        assertThat(store.getRange("data/01/pack", 1000, 1234)).isEqualTo(Arrays.copyOfRange(data, 1000, 2234));
        assertThat(store.getRange("data/01/pack", 4000, 96)).isEqualTo(Arrays.copyOfRange(data, 4000, 4096));
        assertThat(store.getRange("data/01/pack", 4096, 0)).isEmpty();
        assertThat(store.getRange("data/01/pack", 0, 4096)).isEqualTo(data);
    }

    @Test
    void readRangeFillsTheCallersArrayAtAnOffset() {
        byte[] data = randomBytes(3 << 20, 11);
        store.put("data/02/pack", data);
        byte[] dst = new byte[(3 << 20) + 20];
        Arrays.fill(dst, (byte) 7);

        store.readRange("data/02/pack", 1000, 2 << 20, dst, 10);
        store.readRange("data/02/pack", 0, 0, dst, dst.length);

        assertThat(Arrays.copyOfRange(dst, 10, 10 + (2 << 20))).isEqualTo(Arrays.copyOfRange(data, 1000, 1000 + (2 << 20)));
        assertThat(dst[9]).isEqualTo((byte) 7);
        assertThat(dst[10 + (2 << 20)]).isEqualTo((byte) 7);
        store.readRange("data/02/pack", 0, data.length, dst, 20);
        assertThat(Arrays.copyOfRange(dst, 20, dst.length)).isEqualTo(data);
    }

    @Test
    void readRangeFailsLikeGetRange() {
        store.put("data/02/pack", randomBytes(100, 12));
        byte[] dst = new byte[200];

        assertThatThrownBy(() -> store.readRange("data/02/pack", 50, 51, dst, 0))
                .isInstanceOf(StoreException.class).isNotInstanceOf(ObjectNotFoundException.class)
                .matches(e -> !((StoreException) e).retriable(), "not retriable");
        assertThatThrownBy(() -> store.readRange("data/02/missing", 0, 1, dst, 0)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.readRange("data/02/pack", 0, 100, dst, 150)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void getRangePastTheEndIsAPermanentError() {
        store.put("data/01/pack", randomBytes(100, 7));

        assertThatThrownBy(() -> store.getRange("data/01/pack", 50, 51))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("data/01/pack")
                .matches(e -> !((StoreException) e).retriable(), "not retriable");
        assertThatThrownBy(() -> store.getRange("data/01/pack", 200, 1))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(ObjectNotFoundException.class)
                .matches(e -> !((StoreException) e).retriable(), "not retriable");
    }

    @Test
    void negativeRangeIsRefused() {
        store.put("data/01/pack", randomBytes(100, 7));

        assertThatThrownBy(() -> store.getRange("data/01/pack", -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.getRange("data/01/pack", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listFindsObjectsByPrefix() {
        store.put("config", randomBytes(10, 8));
        store.put("data/3f/3fa4", randomBytes(11, 9));
        store.put("data/3f/3fb0", randomBytes(12, 10));
        store.put("data/40/40aa", randomBytes(13, 11));
        store.put("index/77", randomBytes(14, 12));

        assertThat(store.list("")).containsExactlyInAnyOrder(new StoreEntry("config", 10),
                new StoreEntry("data/3f/3fa4", 11), new StoreEntry("data/3f/3fb0", 12),
                new StoreEntry("data/40/40aa", 13), new StoreEntry("index/77", 14));
        assertThat(store.list("data/")).extracting(StoreEntry::name)
                .containsExactlyInAnyOrder("data/3f/3fa4", "data/3f/3fb0", "data/40/40aa");
        assertThat(store.list("data/3f/")).extracting(StoreEntry::name)
                .containsExactlyInAnyOrder("data/3f/3fa4", "data/3f/3fb0");
        assertThat(store.list("data/3f/3fa")).extracting(StoreEntry::name).containsExactly("data/3f/3fa4");
        assertThat(store.list("data/4")).extracting(StoreEntry::name).containsExactly("data/40/40aa");
        assertThat(store.list("conf")).extracting(StoreEntry::name).containsExactly("config");
        assertThat(store.list("snapshots/")).isEmpty();
        assertThat(store.list("data/3f/3fa4/")).isEmpty();
        assertThat(store.list("../")).isEmpty();
    }

    @Test
    void listOfAnEmptyStoreIsEmpty() {
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void deletedObjectIsGone() {
        skipWhenAppendOnly();
        store.put("locks/l1", randomBytes(10, 13));
        store.put("locks/l2", randomBytes(10, 14));

        store.delete("locks/l1");

        assertThatThrownBy(() -> store.get("locks/l1")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.list("locks/")).extracting(StoreEntry::name).containsExactly("locks/l2");
        store.delete("locks/l1");
        store.delete("locks/never-there");
        store.delete("nothing/here/either");
        assertThat(store.list("")).extracting(StoreEntry::name).containsExactly("locks/l2");
    }

    @Test
    void missingObjectIsNotFound() {
        store.put("data/00/other", randomBytes(10, 15));

        for (String missing : List.of("data/00/missing", "nowhere/at/all", "data")) {
            assertThatThrownBy(() -> store.get(missing)).isInstanceOf(ObjectNotFoundException.class)
                    .hasMessageContaining(missing);
            assertThatThrownBy(() -> store.getRange(missing, 0, 1)).isInstanceOf(ObjectNotFoundException.class);
            assertThatThrownBy(() -> store.size(missing)).isInstanceOf(ObjectNotFoundException.class);
        }
        assertThat(new ObjectNotFoundException("x").retriable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/config", "config/", "data//3f", "data/./3f", "data/../config", ".", "..", "a b",
            "data\\3f", "caf\u00e9", "tmp~1", "a\u0000b"})
    void invalidNamesAreRefusedBeforeTheStoreIsTouched(String name) {
        assertThatThrownBy(() -> store.put(name, new byte[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid object name");
        assertThatThrownBy(() -> store.get(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.getRange(name, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.size(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(name)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void namesMayUseTheWholeAlphabet() {
        String name = "Az09._-/.hidden/..x/a.b-c_d";
        store.put(name, new byte[] {1, 2});

        assertThat(store.get(name)).containsExactly(1, 2);
        assertThat(store.list("")).containsExactly(new StoreEntry(name, 2));
    }

    @Test
    void callersCannotChangeStoredObjectsThroughTheirArrays() {
        byte[] data = randomBytes(64, 16);
        byte[] original = data.clone();
        store.put("snapshots/s1", data);
        data[0] ^= 1;

        byte[] read = store.get("snapshots/s1");
        read[1] ^= 1;
        store.getRange("snapshots/s1", 0, 8)[2] ^= 1;

        assertThat(store.get("snapshots/s1")).isEqualTo(original);
    }

    @Test
    void concurrentWritersAndReadersNeverSeeAPartialObject() throws Exception {
        skipWhenAppendOnly();
        int threads = 6;
        int size = 64 << 10;
        store.put("shared", filled(size, (byte) 100));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte value = (byte) t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    byte[] own = randomBytes(10_000 + value, value);
                    for (int i = 0; i < 8; i++) {
                        store.put("own/" + value + "/" + i, own);
                        store.put("shared", filled(size, value));
                        byte[] shared = store.get("shared");
                        assertThat(shared).hasSize(size);
                        assertThat(filled(size, shared[0])).as("an object written by one put").isEqualTo(shared);
                        assertThat(store.get("own/" + value + "/" + i)).isEqualTo(own);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list("own/")).hasSize(threads * 8);
    }

    // ---- pending objects (Store.create) ------------------------------------------------------------------------

    @Test
    void committedObjectIsReadableAndListed() {
        byte[] data = randomBytes(3 << 20, 20);
        try (PendingObject object = store.create()) {
            writeInPieces(object, data);
            assertThat(object.size()).isEqualTo(data.length);
            assertThat(store.list("")).as("nothing visible before commit").isEmpty();

            object.commit("data/ab/abcdef");
        }

        assertThat(Arrays.equals(store.get("data/ab/abcdef"), data)).as("committed object reads back unchanged").isTrue();
        assertThat(store.list("")).containsExactly(new StoreEntry("data/ab/abcdef", data.length));
        assertThat(store.getRange("data/ab/abcdef", 1 << 20, 10)).isEqualTo(Arrays.copyOfRange(data, 1 << 20, (1 << 20) + 10));
    }

    @Test
    void emptyPendingObjectCommitsAnEmptyObject() {
        try (PendingObject object = store.create()) {
            object.commit("locks/empty");
        }

        assertThat(store.get("locks/empty")).isEmpty();
        assertThat(store.list("")).containsExactly(new StoreEntry("locks/empty", 0));
    }

    @Test
    void uncommittedOrClosedObjectIsNeverListed() {
        store.put("config", new byte[] {1});
        PendingObject open = store.create();
        open.write(randomBytes(1000, 21), 0, 1000);
        try (PendingObject closed = store.create()) {
            closed.write(randomBytes(2000, 22), 0, 2000);
        }

        assertThat(store.list("")).containsExactly(new StoreEntry("config", 1));
        open.close();
        open.close();
        assertThat(store.list("")).containsExactly(new StoreEntry("config", 1));
    }

    @Test
    void callersMayReuseTheirArrayAfterWrite() {
        byte[] buffer = randomBytes(100, 23);
        byte[] original = buffer.clone();
        try (PendingObject object = store.create()) {
            object.write(buffer, 0, 100);
            Arrays.fill(buffer, (byte) 0);
            object.commit("snapshots/s1");
        }

        assertThat(store.get("snapshots/s1")).isEqualTo(original);
    }

    @Test
    void commitReplacesAnObjectAtomically() throws Exception {
        skipWhenAppendOnly();
        int size = 1 << 20;
        store.put("shared", filled(size, (byte) 1));
        ExecutorService readers = Executors.newSingleThreadExecutor();
        try (PendingObject object = store.create()) {
            for (int i = 0; i < 16; i++) {
                object.write(filled(size / 16, (byte) 2), 0, size / 16);
            }
            Future<?> reading = readers.submit((Callable<Void>) () -> {
                for (int i = 0; i < 10; i++) {
                    byte[] seen = store.get("shared");
                    assertThat(seen).hasSize(size);
                    assertThat(filled(size, seen[0])).as("the old object or the new one, whole").isEqualTo(seen);
                }
                return null;
            });
            object.commit("shared");
            reading.get(60, TimeUnit.SECONDS);
        } finally {
            readers.shutdownNow();
        }

        assertThat(store.get("shared")).isEqualTo(filled(size, (byte) 2));
        assertThat(store.list("")).containsExactly(new StoreEntry("shared", size));
    }

    @Test
    void repeatedCommitUnderTheSameNameIsIdempotentAndOtherUsesAreRefused() {
        byte[] data = randomBytes(500, 24);
        try (PendingObject object = store.create()) {
            object.write(data, 0, data.length);
            object.commit("index/i1");
            object.commit("index/i1");

            assertThatThrownBy(() -> object.commit("index/i2")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> object.write(data, 0, 1)).isInstanceOf(IllegalStateException.class);
        }

        assertThat(store.get("index/i1")).isEqualTo(data);
        assertThat(store.list("")).containsExactly(new StoreEntry("index/i1", 500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/config", "data//3f", "data/../config", "..", "tmp~1"})
    void invalidNamesAreRefusedAtCommitAndTheObjectStaysUsable(String name) {
        byte[] data = randomBytes(64, 25);
        try (PendingObject object = store.create()) {
            object.write(data, 0, data.length);

            assertThatThrownBy(() -> object.commit(name)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid object name");
            assertThat(store.list("")).isEmpty();

            object.commit("data/00/valid");
        }
        assertThat(store.get("data/00/valid")).isEqualTo(data);
    }

    @Test
    void writeRefusesABadSlice() {
        try (PendingObject object = store.create()) {
            assertThatThrownBy(() -> object.write(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> object.write(new byte[10], -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(object.size()).isZero();
        }
    }

    @Test
    void concurrentPendingObjectsKeepTheirOwnData() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < 4; i++) {
                        byte[] data = randomBytes(50_000 + 1000 * id + i, 100L * id + i);
                        try (PendingObject object = store.create()) {
                            writeInPieces(object, data);
                            object.commit("data/" + id + "/" + i);
                        }
                        assertThat(store.get("data/" + id + "/" + i)).isEqualTo(data);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list("data/")).hasSize(threads * 4);
    }

    /** Writes in pieces of varied sizes, from the middle of a larger array. */
    private static void writeInPieces(PendingObject object, byte[] data) {
        Random sizes = new Random(data.length);
        int done = 0;
        while (done < data.length) {
            int n = Math.min(data.length - done, 1 + sizes.nextInt(300_000));
            byte[] piece = new byte[n + 20];
            System.arraycopy(data, done, piece, 7, n);
            object.write(piece, 7, n);
            done += n;
        }
    }

    private static byte[] filled(int size, byte value) {
        byte[] data = new byte[size];
        Arrays.fill(data, value);
        return data;
    }
}
