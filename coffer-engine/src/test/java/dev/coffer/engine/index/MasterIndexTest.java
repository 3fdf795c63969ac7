package dev.coffer.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.pack.PackEntry;

class MasterIndexTest {

    private final Random random = new Random(5);

    private String id() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private PackRecord pack(String name, String... blobIds) {
        List<PackEntry> entries = new ArrayList<>();
        int offset = 0;
        for (String blob : blobIds) {
            entries.add(new PackEntry(blob, entries.size() % 2 == 0 ? BlobType.DATA : BlobType.TREE, offset, 100 + offset));
            offset += 1000;
        }
        return new PackRecord(name, offset + 10, entries);
    }

    @Test
    void looksBlobsUpAndRebuildsThePacks() {
        String a = id();
        String b = id();
        String c = id();
        MasterIndex index = new MasterIndex();
        PackRecord first = pack("p1", a, b);
        PackRecord second = pack("p2", c, a); // a is stored twice
        index.add(first);
        index.add(second);
        index.add(first); // listed again by another index file: nothing changes

        assertThat(index.lookup(a)).contains(new IndexEntry(a, BlobType.DATA, "p1", 0, 100));
        assertThat(index.lookup(b)).contains(new IndexEntry(b, BlobType.TREE, "p1", 1000, 1100));
        assertThat(index.lookup(c).orElseThrow().pack()).isEqualTo("p2");
        assertThat(index.has(a)).isTrue();
        assertThat(index.has(id())).isFalse();
        assertThat(index.blobCount()).isEqualTo(3);
        assertThat(index.hasPack("p2")).isTrue();
        assertThat(index.hasPack("p3")).isFalse();
        assertThat(index.packs()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void removingAPackPointsItsBlobsAtTheirOtherCopies() {
        String a = id();
        String b = id();
        String c = id();
        MasterIndex index = new MasterIndex();
        index.add(pack("p1", a, b));
        PackRecord second = pack("p2", c, a);
        index.add(second);

        index.removePacks(List.of("p1", "never-known"));

        assertThat(index.lookup(a)).contains(new IndexEntry(a, BlobType.TREE, "p2", 1000, 1100));
        assertThat(index.has(b)).isFalse();
        assertThat(index.blobCount()).isEqualTo(2);
        assertThat(index.hasPack("p1")).isFalse();
        assertThat(index.packs()).containsExactly(second);
    }

    @Test
    void idsThatAreNotSixtyFourLowerCaseHexDigitsAreNeverFound() {
        String a = id();
        MasterIndex index = new MasterIndex();
        index.add(pack("p1", a));

        assertThat(index.has(a.toUpperCase())).isFalse();
        assertThat(index.lookup("abc")).isEmpty();
        assertThat(index.has("")).isFalse();
        assertThat(index.has(null)).isFalse();
        assertThatThrownBy(() -> index.add(pack("p2", "not-an-id"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holdsManyBlobsAddedWhileOtherThreadsLookThemUp() throws Exception {
        MasterIndex index = new MasterIndex();
        List<PackRecord> packs = new ArrayList<>();
        for (int p = 0; p < 200; p++) {
            String[] blobs = new String[250];
            for (int i = 0; i < blobs.length; i++) {
                blobs[i] = id();
            }
            packs.add(pack("pack" + p, blobs));
        }
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            Future<?> adding = readers.submit(() -> packs.forEach(index::add));
            Future<Integer> reading = readers.submit(() -> {
                int found = 0;
                while (!adding.isDone()) {
                    for (PackRecord p : packs) {
                        PackEntry e = p.blobs().get(7);
                        if (index.lookup(e.id()).map(IndexEntry::offset).orElse(-1) == e.offset()) {
                            found++;
                        }
                    }
                }
                return found;
            });
            adding.get();
            reading.get();
        } finally {
            readers.shutdownNow();
        }

        assertThat(index.blobCount()).isEqualTo(50_000);
        for (PackRecord p : packs) {
            for (PackEntry e : p.blobs()) {
                assertThat(index.lookup(e.id())).contains(new IndexEntry(e.id(), e.type(), p.pack(), e.offset(), e.length()));
            }
        }
        assertThat(index.packs()).containsExactlyInAnyOrderElementsOf(packs);
    }
}
