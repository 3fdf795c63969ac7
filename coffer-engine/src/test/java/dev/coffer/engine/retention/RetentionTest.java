package dev.coffer.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    record Snap(String id, Instant time, List<String> tags) {
        Snap(String id, String time, String... tags) {
            this(id, Instant.parse(time), List.of(tags));
        }
    }

    private static RetentionDecision<Snap> select(List<Snap> snaps, RetentionPolicy policy, ZoneId zone) {
        return Retention.select(snaps, Snap::time, Snap::tags, policy, zone);
    }

    private static RetentionDecision<Snap> select(List<Snap> snaps, RetentionPolicy policy) {
        return select(snaps, policy, UTC);
    }

    private static List<String> ids(List<Snap> snaps) {
        return snaps.stream().map(Snap::id).toList();
    }

    private static RetentionPolicy last(int n) {
        return new RetentionPolicy(n, 0, 0, 0, 0, 0, List.of());
    }

    private static RetentionPolicy daily(int n) {
        return new RetentionPolicy(0, 0, n, 0, 0, 0, List.of());
    }

    private static RetentionPolicy tags(String... tags) {
        return new RetentionPolicy(0, 0, 0, 0, 0, 0, List.of(tags));
    }

    private static final List<Snap> FIVE_DAYS = List.of(
            new Snap("d1", "2026-03-01T10:00:00Z"),
            new Snap("d2", "2026-03-02T10:00:00Z"),
            new Snap("d3", "2026-03-03T10:00:00Z"),
            new Snap("d4", "2026-03-04T10:00:00Z"),
            new Snap("d5", "2026-03-05T10:00:00Z"));

    @Test
    void emptyPolicyKeepsEverything() {
        RetentionDecision<Snap> decision = select(FIVE_DAYS, RetentionPolicy.EMPTY);

        assertThat(RetentionPolicy.EMPTY.isEmpty()).isTrue();
        assertThat(ids(decision.keep())).containsExactly("d5", "d4", "d3", "d2", "d1");
        assertThat(decision.remove()).isEmpty();
        assertThat(decision.reasons().get(FIVE_DAYS.get(0))).containsExactly("no policy");
    }

    @Test
    void keepLastKeepsTheNewestWhateverTheInputOrder() {
        List<Snap> shuffled = new ArrayList<>(FIVE_DAYS);
        Collections.shuffle(shuffled, new Random(42));

        RetentionDecision<Snap> decision = select(shuffled, last(3));

        assertThat(ids(decision.keep())).containsExactly("d5", "d4", "d3");
        assertThat(ids(decision.remove())).containsExactly("d2", "d1");
        assertThat(decision.reasons().get(FIVE_DAYS.get(4))).containsExactly("last snapshot");
        assertThat(decision.reasons().get(FIVE_DAYS.get(0))).isEmpty();
    }

    @Test
    void keepLastLargerThanTheListKeepsAll() {
        assertThat(ids(select(FIVE_DAYS, last(10)).keep())).hasSize(5);
    }

    @Test
    void dailyKeepsTheNewestSnapshotOfEachDay() {
        List<Snap> snaps = List.of(
                new Snap("mon-08", "2026-03-02T08:00:00Z"),
                new Snap("mon-20", "2026-03-02T20:00:00Z"),
                new Snap("tue-09", "2026-03-03T09:00:00Z"),
                new Snap("tue-18", "2026-03-03T18:00:00Z"),
                new Snap("wed-07", "2026-03-04T07:00:00Z"),
                new Snap("wed-23", "2026-03-04T23:59:59Z"));

        RetentionDecision<Snap> decision = select(snaps, daily(2));

        assertThat(ids(decision.keep())).containsExactly("wed-23", "tue-18");
        assertThat(ids(decision.remove())).containsExactly("wed-07", "tue-09", "mon-20", "mon-08");
    }

    @Test
    void ruleWithCountsLeftAlsoKeepsTheOldestSnapshot() {
        List<Snap> snaps = List.of(
                new Snap("mon-08", "2026-03-02T08:00:00Z"),
                new Snap("mon-20", "2026-03-02T20:00:00Z"),
                new Snap("tue-18", "2026-03-03T18:00:00Z"));

        RetentionDecision<Snap> decision = select(snaps, daily(7));

        // Monday's newest is kept as the day's snapshot; Monday's oldest extends the history (restic behaviour).
        assertThat(ids(decision.keep())).containsExactly("tue-18", "mon-20", "mon-08");
        assertThat(decision.reasons().get(snaps.get(0))).containsExactly("oldest daily snapshot");
        assertThat(decision.reasons().get(snaps.get(1))).containsExactly("daily snapshot");
    }

    @Test
    void ruleWithoutCountsLeftDoesNotKeepTheOldest() {
        RetentionDecision<Snap> decision = select(FIVE_DAYS, daily(5));
        assertThat(ids(decision.keep())).containsExactly("d5", "d4", "d3", "d2", "d1");
        assertThat(decision.reasons().get(FIVE_DAYS.get(0))).containsExactly("daily snapshot");

        assertThat(ids(select(FIVE_DAYS, daily(4)).remove())).containsExactly("d1");
    }

    @Test
    void hourlyKeepsTheNewestOfEachHour() {
        List<Snap> snaps = List.of(
                new Snap("h10a", "2026-03-02T10:05:00Z"),
                new Snap("h10b", "2026-03-02T10:55:00Z"),
                new Snap("h11a", "2026-03-02T11:01:00Z"),
                new Snap("h11b", "2026-03-02T11:30:00Z"),
                new Snap("h12", "2026-03-02T12:00:00Z"));

        RetentionDecision<Snap> decision = select(snaps, new RetentionPolicy(0, 2, 0, 0, 0, 0, List.of()));

        assertThat(ids(decision.keep())).containsExactly("h12", "h11b");
    }

    @Test
    void weeklyUsesIsoWeeksAcrossTheYearBoundary() {
        // 2020-12-31 (Thursday) and 2021-01-03 (Sunday) are both in ISO week 53 of 2020; 2021-01-04 starts week 1.
        List<Snap> snaps = List.of(
                new Snap("w52", "2020-12-24T12:00:00Z"),
                new Snap("w53-thu", "2020-12-31T12:00:00Z"),
                new Snap("w53-sun", "2021-01-03T12:00:00Z"),
                new Snap("w1-mon", "2021-01-04T12:00:00Z"));

        RetentionDecision<Snap> decision = select(snaps, new RetentionPolicy(0, 0, 0, 2, 0, 0, List.of()));

        assertThat(ids(decision.keep())).containsExactly("w1-mon", "w53-sun");
        assertThat(ids(decision.remove())).containsExactly("w53-thu", "w52");
    }

    @Test
    void monthlyAndYearlyKeepTheNewestOfEachPeriod() {
        List<Snap> snaps = List.of(
                new Snap("2024-06", "2024-06-15T00:00:00Z"),
                new Snap("2024-12", "2024-12-31T00:00:00Z"),
                new Snap("2025-01", "2025-01-10T00:00:00Z"),
                new Snap("2025-01b", "2025-01-20T00:00:00Z"),
                new Snap("2025-02", "2025-02-01T00:00:00Z"));

        RetentionDecision<Snap> monthly = select(snaps, new RetentionPolicy(0, 0, 0, 0, 2, 0, List.of()));
        assertThat(ids(monthly.keep())).containsExactly("2025-02", "2025-01b");

        RetentionDecision<Snap> yearly = select(snaps, new RetentionPolicy(0, 0, 0, 0, 0, 2, List.of()));
        assertThat(ids(yearly.keep())).containsExactly("2025-02", "2024-12");
    }

    @Test
    void bucketsFollowTheGivenTimeZone() {
        // 22:30 and 23:30 UTC are on different days in Berlin in winter (23:30 and 00:30 local).
        List<Snap> snaps = List.of(
                new Snap("a", "2026-01-10T22:30:00Z"),
                new Snap("b", "2026-01-10T23:30:00Z"));
        RetentionPolicy oneDay = daily(1);

        assertThat(ids(select(snaps, daily(2), UTC).keep())).containsExactly("b", "a");
        assertThat(ids(select(snaps, oneDay, UTC).keep())).containsExactly("b");
        assertThat(ids(select(snaps, new RetentionPolicy(0, 0, 2, 0, 0, 0, List.of()),
                ZoneId.of("Europe/Berlin")).keep())).containsExactly("b", "a");
        // With two days in UTC both fall on 2026-01-10: the second is only kept as the oldest.
        assertThat(select(snaps, daily(2), UTC).reasons().get(snaps.get(0)))
                .containsExactly("oldest daily snapshot");
    }

    @Test
    void anItemCanBeKeptForSeveralReasons() {
        RetentionDecision<Snap> decision = select(FIVE_DAYS, new RetentionPolicy(1, 0, 2, 1, 1, 1, List.of()));

        assertThat(decision.reasons().get(FIVE_DAYS.get(4))).containsExactly(
                "last snapshot", "daily snapshot", "weekly snapshot", "monthly snapshot", "yearly snapshot");
        assertThat(decision.reasons().get(FIVE_DAYS.get(3))).containsExactly("daily snapshot");
        assertThat(ids(decision.keep())).containsExactly("d5", "d4");
    }

    @Test
    void taggedSnapshotsAreKeptWithoutCountingAgainstOtherRules() {
        List<Snap> snaps = List.of(
                new Snap("old", "2026-03-01T10:00:00Z", "release"),
                new Snap("mid", "2026-03-02T10:00:00Z"),
                new Snap("new", "2026-03-03T10:00:00Z", "release", "manual"));

        RetentionDecision<Snap> decision = select(snaps, new RetentionPolicy(1, 0, 0, 0, 0, 0, List.of("release")));

        assertThat(ids(decision.keep())).containsExactly("new", "old");
        assertThat(ids(decision.remove())).containsExactly("mid");
        assertThat(decision.reasons().get(snaps.get(2))).containsExactly("has tags release", "last snapshot");
    }

    @Test
    void aCommaSeparatedTagListNeedsAllItsTags() {
        List<Snap> snaps = List.of(
                new Snap("a", "2026-03-01T10:00:00Z", "release"),
                new Snap("ab", "2026-03-02T10:00:00Z", "release", "manual"));

        RetentionDecision<Snap> decision = select(snaps, tags("release,manual"));

        assertThat(ids(decision.keep())).containsExactly("ab");
        assertThat(ids(decision.remove())).containsExactly("a");
    }

    @Test
    void refusesToRemoveEverySnapshot() {
        assertThatThrownBy(() -> select(FIVE_DAYS, tags("nothing-has-this")))
                .isInstanceOf(RetentionRefusedException.class)
                .hasMessageContaining("remove all 5 snapshots");
    }

    @Test
    void noItemsGiveAnEmptyDecision() {
        RetentionDecision<Snap> decision = select(List.of(), last(3));
        assertThat(decision.keep()).isEmpty();
        assertThat(decision.remove()).isEmpty();
    }

    @Test
    void everyItemIsEitherKeptOrRemoved() {
        Random random = new Random(7);
        List<Snap> snaps = new ArrayList<>();
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 500; i++) {
            t = t.plusSeconds(random.nextInt(36 * 3600));
            snaps.add(new Snap("s" + i, t, List.of()));
        }

        RetentionDecision<Snap> decision = select(snaps, new RetentionPolicy(3, 24, 7, 4, 12, 2, List.of()));

        assertThat(decision.keep().size() + decision.remove().size()).isEqualTo(500);
        assertThat(decision.keep()).doesNotContainAnyElementsOf(decision.remove());
        assertThat(decision.keep()).allSatisfy(s -> assertThat(decision.reasons().get(s)).isNotEmpty());
        assertThat(decision.remove()).allSatisfy(s -> assertThat(decision.reasons().get(s)).isEmpty());
        // The newest 3 plus at most one per rule count plus the oldest per rule.
        assertThat(decision.keep().size()).isBetween(12, 3 + 24 + 7 + 4 + 12 + 2);
        assertThat(decision.keep().get(0)).isEqualTo(snaps.get(499));
    }

    @Test
    void negativeCountsAreRejectedNamingTheField() {
        assertThatThrownBy(() -> new RetentionPolicy(0, 0, -1, 0, 0, 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keepDaily");
        assertThatThrownBy(() -> new RetentionPolicy(-2, 0, 0, 0, 0, 0, List.of()))
                .hasMessageContaining("keepLast");
        assertThatThrownBy(() -> new RetentionPolicy(0, 0, 0, 0, 0, 0, List.of(" ")))
                .hasMessageContaining("keepTags");
    }

    @Test
    void policyWithOnlyTagsIsNotEmpty() {
        assertThat(tags("x").isEmpty()).isFalse();
        assertThat(last(1).isEmpty()).isFalse();
    }
}
