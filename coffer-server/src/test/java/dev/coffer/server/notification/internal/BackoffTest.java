package dev.coffer.server.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheMaximum() {
        Backoff noJitter = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), () -> 0.0);
        assertThat(noJitter.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(noJitter.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(noJitter.delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(noJitter.delayAfter(7)).isEqualTo(Duration.ofSeconds(1920));
        assertThat(noJitter.delayAfter(8)).isEqualTo(Duration.ofHours(1));
        assertThat(noJitter.delayAfter(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitterAddsUpToAQuarter() {
        Backoff fullJitter = new Backoff(Duration.ofSeconds(40), Duration.ofHours(1), () -> 0.999_999);
        assertThat(fullJitter.delayAfter(1)).isBetween(Duration.ofSeconds(49), Duration.ofSeconds(50));
        Backoff halfJitter = new Backoff(Duration.ofSeconds(40), Duration.ofHours(1), () -> 0.5);
        assertThat(halfJitter.delayAfter(2)).isEqualTo(Duration.ofSeconds(90));
    }
}
