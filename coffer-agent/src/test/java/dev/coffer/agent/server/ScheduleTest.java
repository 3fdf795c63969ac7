package dev.coffer.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void theNextDailyRunIsTodayWhenItIsStillAheadElseTomorrow() {
        Instant morning = Instant.parse("2026-03-10T01:00:00Z"); // 02:00 in Berlin

        assertThat(Schedule.nextDaily(LocalTime.of(3, 17), morning, BERLIN)).isEqualTo(Instant.parse("2026-03-10T02:17:00Z"));
        assertThat(Schedule.nextDaily(LocalTime.of(1, 30), morning, BERLIN)).isEqualTo(Instant.parse("2026-03-11T00:30:00Z"));
        assertThat(Schedule.nextDaily(LocalTime.of(2, 0), morning, BERLIN))
                .as("a run due right now was just made").isEqualTo(Instant.parse("2026-03-11T01:00:00Z"));
    }

    @Test
    void theNextDailyRunFollowsTheLocalClockOverADaylightSavingChange() {
        Instant beforeChange = Instant.parse("2026-03-28T12:00:00Z"); // Berlin moves to summer time on 29 March

        assertThat(Schedule.nextDaily(LocalTime.of(12, 0), beforeChange, BERLIN))
                .isEqualTo(Instant.parse("2026-03-29T10:00:00Z"));
    }

    @Test
    void reconnectDelaysDoubleFromOneSecondUpToFiveMinutesAndJitterTakesOffAtMostHalf() {
        RandomGenerator none = new FixedRandom(0);
        RandomGenerator most = new FixedRandom(Long.MAX_VALUE);

        assertThat(Stream.iterate(1, n -> n + 1).limit(11).map(n -> Schedule.reconnectDelay(n, none).toSeconds()))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L);
        assertThat(Schedule.reconnectDelay(Integer.MAX_VALUE, none)).isEqualTo(Schedule.MAX_RECONNECT_DELAY);
        assertThat(Schedule.reconnectDelay(1, most)).isEqualTo(Duration.ofMillis(500));
        assertThat(Schedule.reconnectDelay(4, most)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Schedule.reconnectDelay(30, most)).isEqualTo(Schedule.MAX_RECONNECT_DELAY.dividedBy(2));
    }

    /** Draws {@code value}, clamped to the bound asked for: 0 gives no jitter, a large value the most. */
    private record FixedRandom(long value) implements RandomGenerator {
        @Override
        public long nextLong() {
            return value;
        }

        @Override
        public long nextLong(long bound) {
            return Math.min(value, bound - 1);
        }
    }

    @Test
    void reconnectDelaysGrowAndAreCappedWithJitter() {
        for (int i = 0; i < 100; i++) {
            assertThat(Schedule.reconnectDelay(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(Schedule.reconnectDelay(4)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
            assertThat(Schedule.reconnectDelay(50)).isBetween(Schedule.MAX_RECONNECT_DELAY.dividedBy(2),
                    Schedule.MAX_RECONNECT_DELAY);
        }
    }
}
