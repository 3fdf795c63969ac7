package dev.coffer.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import dev.coffer.server.support.Parallel;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst of password checks cannot exhaust the server: 100 parallel HTTP Basic requests with the right password
 * leave the live heap within 300 MB of where it started (Argon2id holds 16 MiB per computation, so unbounded they
 * held 1.6 GB), and every request gets an answer: 200, or 503 with Retry-After, never a 500. The throttle's limits
 * are raised here, or it would refuse most of the burst before any hashing (in-flight attempts count).
 */
@TestPropertySource(properties = {"coffer.login.max-failures-per-login=1000",
        "coffer.login.max-failures-per-address=1000"})
abstract class PasswordHashingLoadIT extends ApiTestSupport {

    private static final long MB = 1024 * 1024;

    @Test
    void aHundredParallelBasicLoginsKeepMemoryFlatAndGetAnAnswer() throws Exception {
        Tenant t = tenant(null);
        String path = "/api/v1/customers/" + t.id();
        long before = liveHeapAfterGc();
        AtomicLong peak = new AtomicLong(before);
        List<Runnable> stop = watchLiveHeap(peak);
        List<Api.Response> answers;
        try {
            answers = Parallel.run(100, 300, () -> t.admin().get(path));
        } finally {
            stop.forEach(Runnable::run);
        }
        peak.accumulateAndGet(liveHeapAfterGc(), Math::max);

        assertThat((peak.get() - before) / MB).as("live heap growth in MB").isLessThan(300);
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 503));
        assertThat(answers).anySatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(answers).filteredOn(r -> r.status() == 503).allSatisfy(r -> {
            assertThat(r.header("Retry-After")).isPresent();
            assertThat(r.header("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/problem+json"));
        });
    }

    private static long liveHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Records the heap in use after each collection (what is live, not garbage waiting) into {@code peak}. */
    private static List<Runnable> watchLiveHeap(AtomicLong peak) throws Exception {
        NotificationListener listener = (n, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                        .mapToLong(MemoryUsage::getUsed).sum();
                peak.accumulateAndGet(used, Math::max);
            }
        };
        List<Runnable> stop = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                stop.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
        return stop;
    }
}
