package dev.coffer.engine.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CompressorTest {

    private final Compressor compressor = new Compressor(3);

    @Test
    void compressibleDataOfEverySizeRoundTrips() {
        for (int size : new int[] {1000, 32 * 1024, 256 * 1024, 256 * 1024 + 1, 1 << 20, (4 << 20) - 3}) {
            byte[] plain = text(size, size);
            byte[] out = new byte[7 + Compressor.maxCompressedLength(size)];

            int n = compressor.compress(plain, 0, size, out, 7);

            assertThat(n).as("size %d shrinks", size).isPositive().isLessThan(size);
            byte[] stored = Arrays.copyOfRange(out, 7, 7 + n);
            assertThat(Compressor.decompress(Compressor.ZSTD, stored, size)).isEqualTo(plain);
        }
    }

    @Test
    void randomAndBarelyCompressibleDataIsLeftRawAndTheContextStaysUsable() {
        byte[] random = new byte[1 << 20];
        new Random(1).nextBytes(random);
        // compressible samples, random elsewhere: zstd starts and gives up once the output passes the limit
        byte[] mixed = random.clone();
        for (int i = 1; i < 8; i += 2) {
            int from = mixed.length * i / 8 - 1024;
            Arrays.fill(mixed, from, from + 2048, (byte) 'a');
        }
        byte[] out = new byte[Compressor.maxCompressedLength(1 << 20)];

        assertThat(compressor.compress(random, 0, random.length, out, 0)).isEqualTo(-1);
        assertThat(compressor.compress(mixed, 0, mixed.length, out, 0)).isEqualTo(-1);
        assertThat(compressor.compress(new byte[63], 0, 63, out, 0)).as("tiny data stays raw").isEqualTo(-1);

        byte[] plain = text(500_000, 3);
        int n = compressor.compress(plain, 0, plain.length, out, 0);
        assertThat(Compressor.decompress(Compressor.ZSTD, Arrays.copyOf(out, n), plain.length)).isEqualTo(plain);
    }

    @Test
    void compressesASliceOfALargerArray() {
        byte[] plain = text(300_000, 4);
        byte[] out = new byte[Compressor.maxCompressedLength(100_000)];

        int n = compressor.compress(plain, 123_456, 100_000, out, 0);

        assertThat(Compressor.decompress(Compressor.ZSTD, Arrays.copyOf(out, n), 100_000))
                .isEqualTo(Arrays.copyOfRange(plain, 123_456, 223_456));
    }

    private static byte[] text(int size, long seed) {
        Random random = new Random(seed);
        String[] words = {"backup ", "coffer ", "pack ", "chunk ", "index ", "snapshot ", "restore ", "\n"};
        byte[] data = new byte[size];
        int i = 0;
        while (i < size) {
            byte[] word = words[random.nextInt(words.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int n = Math.min(word.length, size - i);
            System.arraycopy(word, 0, data, i, n);
            i += n;
        }
        return data;
    }
}
