package dev.coffer.agent.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final StringWriter err = new StringWriter();

    private ProgressDisplay display(ProgressDisplay.Mode mode) {
        return new ProgressDisplay(mode, new PrintWriter(err), clock::get, () -> 80);
    }

    @Test
    void terminalRedrawsOneLineAtMostEveryHundredMilliseconds() {
        ProgressDisplay display = display(ProgressDisplay.Mode.TERMINAL);
        display.scanFinished(10, 1000);

        for (int i = 0; i < 10; i++) {
            clock.addAndGet(30 * MS);
            display.bytesProcessed(100);
        }
        display.finish();

        String output = err.toString();
        long redraws = output.chars().filter(c -> c == '\r').count();
        // 300 ms of updates in 30 ms steps: redraws at 120 and 240 ms, plus the final one.
        assertThat(redraws).isEqualTo(3);
        assertThat(output).endsWith(System.lineSeparator()).contains("100%");
        assertThat(output.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void plainModePrintsWholeLinesAtMostEveryFiveSeconds() {
        ProgressDisplay display = display(ProgressDisplay.Mode.PLAIN);
        display.scanFinished(100, 100_000);

        for (int i = 0; i < 100; i++) {
            clock.addAndGet(200 * MS);
            display.bytesProcessed(1000);
            display.fileFinished("/f" + i, 1000);
        }
        display.finish();

        // 20 s of updates: one line per 5 s, no carriage returns.
        assertThat(err.toString().lines()).hasSize(4).allSatisfy(line -> assertThat(line).startsWith("["));
        assertThat(err.toString()).doesNotContain("\r");
    }

    @Test
    void quietModePrintsNoProgressButStillWarnings() {
        ProgressDisplay display = display(ProgressDisplay.Mode.QUIET);
        display.scanFinished(1, 10);
        clock.addAndGet(10_000 * MS);
        display.bytesProcessed(10);
        display.warning("/etc/shadow", "permission denied");
        display.finish();

        assertThat(err.toString()).isEqualTo("warning: /etc/shadow: permission denied" + System.lineSeparator());
        assertThat(display.warnings()).isEqualTo(1);
    }

    @Test
    void warningClearsTheProgressLineFirst() {
        ProgressDisplay display = display(ProgressDisplay.Mode.TERMINAL);
        display.scanFinished(1, 10);
        clock.addAndGet(200 * MS);
        display.bytesProcessed(5);
        display.warning("/x", "gone");

        assertThat(err.toString()).contains("\r\u001b[Kwarning: /x: gone");
    }

    @Test
    void snapshotCountsConcurrentUpdates() throws InterruptedException {
        ProgressDisplay display = display(ProgressDisplay.Mode.QUIET);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    display.bytesProcessed(3);
                    display.fileFinished("f", 3);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        ProgressSnapshot snapshot = display.snapshot();
        assertThat(snapshot.filesDone()).isEqualTo(40_000);
        assertThat(snapshot.bytesDone()).isEqualTo(120_000);
    }

    @Test
    void scannedTotalsOnlyGrow() {
        ProgressDisplay display = display(ProgressDisplay.Mode.QUIET);
        display.scanned(10, 100);
        display.scanned(5, 50);

        assertThat(display.snapshot().filesTotal()).isEqualTo(10);
        assertThat(display.snapshot().bytesTotal()).isEqualTo(100);
        assertThat(display.snapshot().totalsFinal()).isFalse();
    }
}
