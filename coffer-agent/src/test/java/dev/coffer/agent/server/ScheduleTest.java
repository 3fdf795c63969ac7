package dev.coffer.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
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
    void reconnectDelaysGrowAndAreCappedWithJitter() {
        for (int i = 0; i < 100; i++) {
            assertThat(Schedule.reconnectDelay(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(Schedule.reconnectDelay(4)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
            assertThat(Schedule.reconnectDelay(50)).isBetween(Schedule.MAX_RECONNECT_DELAY.dividedBy(2),
                    Schedule.MAX_RECONNECT_DELAY);
        }
    }
}
