package dev.coffer.engine.blob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void newArraysFitTheRequestAndWasteAtMostAQuarter() {
        BufferPool pool = new BufferPool(4 << 20, 0);
        for (int size = 1; size <= 4 << 20; size += 997) {
            int length = pool.take(size).length;
            assertThat(length).isGreaterThanOrEqualTo(size);
            assertThat(length).isLessThanOrEqualTo(Math.max(64 << 10, size + size / 4 + 1));
        }
        assertThat(pool.take(5 << 20)).hasSize(5 << 20);
    }

    @Test
    void givenArraysAreReusedUpToTheIdleLimit() {
        BufferPool pool = new BufferPool(4 << 20, 3 << 20);
        byte[] first = pool.take(1 << 20);
        byte[] second = pool.take(1 << 20);
        byte[] third = pool.take(1 << 20);
        byte[] fourth = pool.take(1 << 20);
        for (byte[] a : new byte[][] {first, second, third, fourth}) {
            pool.give(a);
        }

        int reused = 0;
        for (int i = 0; i < 4; i++) {
            byte[] a = pool.take(600 * 1000);
            if (a == first || a == second || a == third || a == fourth) {
                reused++;
            }
        }
        assertThat(reused).as("three 1 MiB arrays fit 3 MiB of idle arrays and serve smaller requests").isEqualTo(3);
        assertThat(pool.take(400 * 1000).length).as("not more than twice the size asked for").isLessThan(1 << 20);
    }

    @Test
    void foreignArraysAreNotKept() {
        BufferPool pool = new BufferPool(1 << 20, 16 << 20);
        byte[] odd = new byte[100_000];
        pool.give(odd);
        pool.give(new byte[2 << 20]);

        assertThat(pool.take(100_000)).isNotSameAs(odd);
        assertThat(pool.take(2 << 20)).hasSize(2 << 20);
    }
}
