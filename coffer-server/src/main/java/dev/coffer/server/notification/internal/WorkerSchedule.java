package dev.coffer.server.notification.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.coffer.server.notification.OutboxWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link OutboxWorker} every {@code coffer.notifications.worker.interval} (default 10 s) on one background
 * thread, unless {@code coffer.notifications.worker.enabled=false}. Stopping waits for the batch in hand, so that a
 * graceful shutdown leaves no message claimed but unmarked.
 */
@Component
class WorkerSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerSchedule.class);

    private final OutboxWorker worker;
    private final boolean enabled;
    private final Duration interval;
    private ScheduledExecutorService executor;

    WorkerSchedule(OutboxWorker worker, @Value("${coffer.notifications.worker.enabled:true}") boolean enabled,
                   @Value("${coffer.notifications.worker.interval:10s}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("coffer.notifications.worker.interval must be positive: " + interval);
        }
        this.worker = worker;
        this.enabled = enabled;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (!enabled || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coffer-notifications");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                worker.runDue();
            } catch (RuntimeException e) {
                log.warn("notification worker: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
