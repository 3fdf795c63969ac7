package dev.coffer.agent.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The machine the agent runs on, as far as commands look at it: the file system root under which {@code /sys} and
 * {@code /proc} are read, the host name, whether the agent runs as root, the wall clock, how it waits, and how it
 * runs a helper program. Tests pass a fake tree, a fixed clock and a sleeper that only advances that clock.
 *
 * @param root      where {@code /} is ({@code /} itself outside tests)
 * @param hostName  this machine's name, asked only when needed
 * @param superuser whether the agent runs as root (then its configuration defaults to {@code /etc/coffer})
 * @param clock     the wall clock, for schedules and run reports
 * @param sleeper   waits; an interrupt ends the wait early
 * @param programs  runs a helper program such as {@code systemd-detect-virt}
 */
public record Host(Path root, Supplier<String> hostName, boolean superuser, Clock clock, Sleeper sleeper,
                   Programs programs) {

    /** Waits for a while. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Runs a program and returns its standard output when it exits with 0; empty when it cannot be run or fails. */
    @FunctionalInterface
    public interface Programs {
        Optional<String> output(List<String> command);
    }

    public Host {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(programs, "programs");
    }

    /** This machine. */
    public static Host system() {
        return new Host(Path.of("/"), Host::localHostName, "root".equals(System.getProperty("user.name")),
                Clock.systemDefaultZone(), duration -> Thread.sleep(duration.toMillis()), Host::runProgram);
    }

    private static String localHostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static Optional<String> runProgram(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
