package dev.coffer.agent.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressFormatTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1024 * 1024;

    @Test
    void bytesUseBinaryUnitsWithOneDecimal() {
        assertThat(ProgressFormat.bytes(0)).isEqualTo("0 B");
        assertThat(ProgressFormat.bytes(1023)).isEqualTo("1023 B");
        assertThat(ProgressFormat.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressFormat.bytes(10 * MIB)).isEqualTo("10.0 MiB");
        assertThat(ProgressFormat.bytes(3L * 1024 * MIB + 200 * MIB)).isEqualTo("3.2 GiB");
    }

    @Test
    void durationsShowHoursOnlyWhenNeeded() {
        assertThat(ProgressFormat.duration(7)).isEqualTo("0:07");
        assertThat(ProgressFormat.duration(65)).isEqualTo("1:05");
        assertThat(ProgressFormat.duration(3 * 3600 + 62)).isEqualTo("3:01:02");
        assertThat(ProgressFormat.duration(-1)).isEqualTo("?");
    }

    @Test
    void countersShowFilesBytesRateAndEta() {
        // 100 MiB of 400 MiB in 4 s: 25 MiB/s, 300 MiB left -> 12 s.
        ProgressSnapshot p = new ProgressSnapshot(10, 40, 100 * MIB, 400 * MIB, true, 4 * SECOND);

        assertThat(ProgressFormat.counters(p))
                .isEqualTo(" 25% 10/40 files 100.0 MiB/400.0 MiB 25.0 MiB/s ETA 0:12");
    }

    @Test
    void whileScanningTotalsAreMarkedAsGrowingAndThereIsNoEta() {
        ProgressSnapshot p = new ProgressSnapshot(10, 40, 100 * MIB, 400 * MIB, false, 4 * SECOND);

        assertThat(ProgressFormat.counters(p)).contains("10/40+ files", "400.0 MiB+", "ETA ?");
    }

    @Test
    void terminalLineFillsTheWidthWithABar() {
        ProgressSnapshot p = new ProgressSnapshot(10, 40, 100 * MIB, 400 * MIB, true, 4 * SECOND);

        String line = ProgressFormat.terminalLine(p, 100);

        assertThat(line).hasSize(99).startsWith("[").contains("] " + ProgressFormat.counters(p));
        int barWidth = line.indexOf(']') - 1;
        String bar = line.substring(1, barWidth + 1);
        assertThat(bar.chars().filter(c -> c == '=').count()).isEqualTo(barWidth / 4);
        assertThat(bar).contains(">");
    }

    @Test
    void completeBarHasNoArrow() {
        ProgressSnapshot p = new ProgressSnapshot(40, 40, 400 * MIB, 400 * MIB, true, 4 * SECOND);

        String line = ProgressFormat.terminalLine(p, 80);

        assertThat(line).startsWith("[====").doesNotContain(">").contains("100%").contains("ETA 0:00");
        assertThat(line).hasSize(79);
    }

    @Test
    void narrowTerminalDropsTheBarAndNeverWraps() {
        ProgressSnapshot p = new ProgressSnapshot(10, 40, 100 * MIB, 400 * MIB, true, 4 * SECOND);

        assertThat(ProgressFormat.terminalLine(p, 70)).doesNotStartWith("[").hasSizeLessThanOrEqualTo(69);
        assertThat(ProgressFormat.terminalLine(p, 30)).hasSize(29);
    }

    @Test
    void plainLineStartsWithTheElapsedTime() {
        ProgressSnapshot p = new ProgressSnapshot(1, 2, MIB, 2 * MIB, true, 75 * SECOND);

        assertThat(ProgressFormat.plainLine(p)).startsWith("[1:15]  50% 1/2 files 1.0 MiB/2.0 MiB");
    }

    @Test
    void filesCountWhenThereAreNoBytes() {
        ProgressSnapshot p = new ProgressSnapshot(3, 4, 0, 0, true, SECOND);

        assertThat(ProgressFormat.counters(p)).startsWith(" 75%");
    }

    @Test
    void barKeepsItsLengthWhenTheFiguresGrow() {
        ProgressSnapshot early = new ProgressSnapshot(1, 40, 5, 400 * MIB, true, SECOND);
        ProgressSnapshot late = new ProgressSnapshot(39, 40, 399 * MIB, 400 * MIB, true, 40 * SECOND);

        assertThat(ProgressFormat.terminalLine(early, 120).indexOf(']'))
                .isEqualTo(ProgressFormat.terminalLine(late, 120).indexOf(']'));
    }
}
