package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.core.Host;
import dev.coffer.agent.server.AgentApi;
import dev.coffer.agent.server.AgentConfig;
import dev.coffer.agent.server.Schedule;
import dev.coffer.engine.archive.BackupOptions;
import dev.coffer.engine.store.QuotaExceededException;
import dev.coffer.engine.store.StoreException;
import dev.coffer.engine.store.remote.DeviceAccessException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Keeps running and backs up on the device's schedule, as a service. */
@Command(name = "run", description = {
    "Keep running and back up PATHS (default: the paths given to 'register --path') on the schedule the server sets",
    "for this device (daily at HH:MM), reporting each run. When the server cannot be reached it tries again with",
    "growing pauses (at most 5 minutes). Ends only when the device is removed (21), the account is suspended (22)",
    "or the customer is disabled (23); exits with 24 when this agent is not registered."})
public final class RunCommand extends AgentCommand {

    /** The longest single sleep: a clock change or a suspended machine is noticed within this time. */
    static final Duration MAX_SLEEP = Duration.ofMinutes(1);

    public RunCommand(CommandContext context) {
        super(context);
    }

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "files and directories to back up")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-e", "--exclude"}, paramLabel = "GLOB", description = "skip paths matching GLOB (repeatable)")
    List<String> excludes = new ArrayList<>();

    /** For tests and one-off use: stop after this many scheduled runs (0: never). */
    @Option(names = "--runs", hidden = true, paramLabel = "N")
    int maxRuns;

    @Override
    public Integer call() {
        CommandContext agent = context;
        if (agent.repositoryOption().isPresent()) {
            throw new AgentException(ExitCodes.USAGE, "'run' backs up to the Coffer server this agent is registered"
                    + " with; it takes no --repo (and COFFER_REPO must be unset)");
        }
        AgentConfig config = agent.configDirectory().flatMap(AgentConfig::read).orElseThrow(() -> new AgentException(
                ExitCodes.NOT_REGISTERED, "this agent is not registered (no " + AgentConfig.FILE + " in "
                + agent.configDirectory().map(Path::toString).orElse("a configuration directory")
                + "): run 'coffer-agent register --server URL --login LOGIN' first"));
        List<Path> sources = paths.isEmpty() ? config.paths().stream().map(Path::of).toList() : paths;
        if (sources.isEmpty()) {
            throw new AgentException(ExitCodes.USAGE, "nothing to back up: give PATHs, or register with --path PATH");
        }
        BackupOptions options;
        try {
            options = BackupOptions.defaults().withExcludes(excludes);
        } catch (IllegalArgumentException e) {
            throw new AgentException(ExitCodes.USAGE, e.getMessage(), e);
        }
        AgentApi api = Repositories.api(agent, config);
        Host host = agent.environment().host();
        ZoneId zone = host.clock().getZone();
        for (int run = 0; maxRuns == 0 || run < maxRuns; run++) {
            LocalTime daily = reachServer(() -> api.device().dailyAt().orElse(defaultTime(config.deviceId())));
            Instant next = Schedule.nextDaily(daily, host.clock().instant(), zone);
            agent.environment().err().println("next backup at " + next.atZone(zone).toLocalDateTime() + " (daily at "
                    + daily + ")");
            sleepUntil(next);
            backupOnce(api, sources, options);
        }
        return ExitCodes.OK;
    }

    /** One scheduled backup; its failure is reported and printed, and only an ended device stops the service. */
    private void backupOnce(AgentApi api, List<Path> sources, BackupOptions options) {
        try {
            int code = reachServer(() -> new BackupRun(context).backupToServer(api, sources, options));
            if (code != ExitCodes.OK) {
                context.environment().err().println("backup finished with warnings (exit code " + code + ")");
            }
        } catch (DeviceAccessException e) {
            throw e;
        } catch (QuotaExceededException e) {
            context.environment().err().println("error: the server refused the backup: " + e.detail()
                    + "; what was stored is kept and the next run sends only what is missing");
        } catch (RuntimeException e) {
            if (causedBy(e, DeviceAccessException.class) != null) {
                throw e;
            }
            QuotaExceededException quota = causedBy(e, QuotaExceededException.class);
            context.environment().err().println("error: the backup failed: "
                    + (quota != null ? "the server refused it: " + quota.detail() : BackupRun.reason(e)));
        }
    }

    /** Calls the server until it answers: a server that is down is tried again with capped, jittered back-off. */
    private <T> T reachServer(java.util.function.Supplier<T> call) {
        for (int failures = 1; ; failures++) {
            try {
                return call.get();
            } catch (StoreException e) {
                if (!e.retriable() || causedBy(e, DeviceAccessException.class) != null) {
                    throw e;
                }
                Duration delay = Schedule.reconnectDelay(failures);
                context.environment().err().println("the server does not answer (" + e.getMessage() + "); trying again in "
                        + delay.toSeconds() + " s");
                sleep(delay);
            } catch (AgentException e) {
                throw e;
            }
        }
    }

    private void sleepUntil(Instant when) {
        Host host = context.environment().host();
        while (true) {
            Duration left = Duration.between(host.clock().instant(), when);
            if (left.isNegative() || left.isZero()) {
                return;
            }
            sleep(left.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : left);
        }
    }

    private void sleep(Duration duration) {
        try {
            context.environment().host().sleeper().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException(ExitCodes.OK, "stopped", e);
        }
    }

    /** A stable minute between 01:00 and 05:00 for a device whose schedule the server does not say. */
    static LocalTime defaultTime(String deviceId) {
        int minutes = Math.floorMod(deviceId.hashCode(), 4 * 60);
        return LocalTime.of(1, 0).plusMinutes(minutes);
    }

    private static <T extends Throwable> T causedBy(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
