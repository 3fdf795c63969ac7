package dev.coffer.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DailyScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return BERLIN;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock(Instant.parse("2026-03-10T00:00:00Z")); // 01:00 in Berlin
    private final DailySchedule schedule = new DailySchedule(clock);

    @Test
    void theBackupIsDueAtTheDailyLocalTimeAndThenTomorrow() {
        assertThat(schedule.follow(LocalTime.of(3, 17))).isTrue();
        assertThat(schedule.next()).isEqualTo(Instant.parse("2026-03-10T02:17:00Z"));
        assertThat(schedule.due()).isFalse();

        clock.now = Instant.parse("2026-03-10T02:17:00Z");
        assertThat(schedule.due()).isTrue();
        schedule.advance();

        assertThat(schedule.due()).isFalse();
        assertThat(schedule.next()).isEqualTo(Instant.parse("2026-03-11T02:17:00Z"));
    }

    @Test
    void theSameTimeAgainChangesNothingAndAChangedTimeCountsFromNow() {
        schedule.follow(LocalTime.of(3, 17));
        clock.now = Instant.parse("2026-03-10T00:30:00Z"); // 01:30
        assertThat(schedule.follow(LocalTime.of(3, 17))).isFalse();

        assertThat(schedule.follow(LocalTime.of(2, 0))).as("moved earlier tonight").isTrue();
        assertThat(schedule.next()).isEqualTo(Instant.parse("2026-03-10T01:00:00Z"));

        assertThat(schedule.follow(LocalTime.of(1, 0))).as("moved to a time already past today").isTrue();
        assertThat(schedule.next()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(schedule.daily()).contains(LocalTime.of(1, 0));
    }

    @Test
    void itWaitsAPollIntervalOrLessWhenTheBackupIsDueSooner() {
        schedule.follow(LocalTime.of(1, 2)); // 00:02 UTC
        Duration minute = Duration.ofMinutes(1);

        assertThat(schedule.untilNextPoll(minute)).isEqualTo(minute);
        clock.now = Instant.parse("2026-03-10T00:01:40Z");
        assertThat(schedule.untilNextPoll(minute)).isEqualTo(Duration.ofSeconds(20));
        clock.now = Instant.parse("2026-03-10T00:05:00Z"); // late, e.g. after a suspended machine woke up
        assertThat(schedule.untilNextPoll(minute)).isEqualTo(Duration.ZERO);
        assertThat(schedule.due()).isTrue();
    }
}
