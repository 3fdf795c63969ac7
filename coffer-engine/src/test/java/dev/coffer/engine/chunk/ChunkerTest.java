package dev.coffer.engine.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ChunkerTest {

    private final ChunkerParams params = new ChunkerParams(2 * 1024, 8 * 1024, 32 * 1024);
    private final Chunker chunker = new Chunker(params, new byte[] {1, 2, 3});

    @Test
    void chunksRespectBoundsAndAverageNearTheTarget() throws IOException {
        byte[] data = random(4_000_000, 1);
        List<byte[]> chunks = split(data);
        long total = 0;
        for (int i = 0; i < chunks.size(); i++) {
            int len = chunks.get(i).length;
            total += len;
            assertThat(len).isLessThanOrEqualTo(params.max());
            if (i < chunks.size() - 1) {
                assertThat(len).isGreaterThanOrEqualTo(params.min());
            }
        }
        assertThat(total).isEqualTo(data.length);
        double avg = (double) total / chunks.size();
        assertThat(avg).isBetween(params.avg() * 0.6, params.avg() * 1.6);
    }

    @Test
    void anInsertionChangesOnlyTheChunksAroundIt() throws IOException {
        byte[] data = random(2_000_000, 2);
        byte[] changed = new byte[data.length + 100];
        System.arraycopy(data, 0, changed, 0, 1_000_000);
        System.arraycopy(random(100, 3), 0, changed, 1_000_000, 100);
        System.arraycopy(data, 1_000_000, changed, 1_000_100, data.length - 1_000_000);

        Set<String> before = fingerprints(split(data));
        List<byte[]> after = split(changed);
        long newChunks = after.stream().filter(c -> !before.contains(java.util.Arrays.toString(c))).count();
        assertThat(newChunks).isBetween(1L, 3L);
    }

    @Test
    void aDifferentSeedCutsElsewhere() throws IOException {
        byte[] data = random(1_000_000, 4);
        Chunker other = new Chunker(params, new byte[] {9});
        List<Integer> a = lengths(split(data));
        List<Integer> b = new ArrayList<>();
        other.split(Channels.newChannel(new ByteArrayInputStream(data)), new byte[2 * params.max()], (buf, off, len) -> b.add(len));
        assertThat(b).isNotEqualTo(a);
    }

    private List<byte[]> split(byte[] data) throws IOException {
        List<byte[]> out = new ArrayList<>();
        chunker.split(Channels.newChannel(new ByteArrayInputStream(data)), new byte[2 * params.max()],
                (buf, off, len) -> out.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
        return out;
    }

    private static List<Integer> lengths(List<byte[]> chunks) {
        return chunks.stream().map(c -> c.length).toList();
    }

    private static Set<String> fingerprints(List<byte[]> chunks) {
        Set<String> s = new HashSet<>();
        chunks.forEach(c -> s.add(java.util.Arrays.toString(c)));
        return s;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
