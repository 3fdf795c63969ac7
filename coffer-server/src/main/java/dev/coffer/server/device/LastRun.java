package dev.coffer.server.device;

import java.time.Instant;

/** The latest run a device reported; {@code finishedAt}, {@code bytesAdded} and {@code message} are null while it runs. */
public record LastRun(RunStatus status, Instant startedAt, Instant finishedAt, Long bytesAdded, String message) {
}
