package dev.coffer.agent.core;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Host} for tests: a fake file system root, a fixed host name, a clock that moves only when the agent
 * sleeps (each sleep is recorded), and programs that answer what the test says.
 */
public final class TestHost {

    public final Path root;
    public final AtomicReference<Instant> now;
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    public final Map<String, String> programOutputs = new ConcurrentHashMap<>();
    private final String hostName;

    public TestHost(Path root, String hostName, Instant start) {
        this.root = root;
        this.hostName = hostName;
        this.now = new AtomicReference<>(start);
    }

    public Host host() {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        return new Host(root, () -> hostName, false, clock, duration -> {
            sleeps.add(duration);
            now.updateAndGet(t -> t.plus(duration));
        }, command -> Optional.ofNullable(programOutputs.get(String.join(" ", command))));
    }
}
