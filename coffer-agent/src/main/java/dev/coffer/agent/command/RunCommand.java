package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.core.Host;
import dev.coffer.agent.server.AgentApi;
import dev.coffer.agent.server.AgentConfig;
import dev.coffer.agent.server.DailySchedule;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Keeps running and backs up on the device's schedule, and when asked on the server, as a service. */
@Command(name = "run", description = {
    "Keep running and back up PATHS (default: the paths given to 'register --path') on the schedule the server sets",
    "for this device (daily at HH:MM), and at once when 'Back up now' is asked on the server, reporting each run. It",
    "asks the server every --poll-interval (a changed schedule is followed without a restart). When the server",
    "cannot be reached it tries again with growing pauses (at most 5 minutes). A failed backup does not stop it. Ends",
    "only when the device is removed (21), the account is suspended (22) or the customer is disabled (23); exits",
    "with 24 when this agent is not registered."})
public final class RunCommand extends AgentCommand {

    static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_POLL_INTERVAL = Duration.ofHours(1);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    public RunCommand(CommandContext context) {
        super(context);
    }

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "files and directories to back up")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-e", "--exclude"}, paramLabel = "GLOB", description = "skip paths matching GLOB (repeatable)")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "60s",
            description = "how often to ask the server for a requested backup or a changed schedule: 1s to 1h, "
                    + "e.g. 30s, 5m (default: ${DEFAULT-VALUE})")
    String pollInterval;

    /** For tests and one-off use: stop after this many backups (0: never). */
    @Option(names = "--runs", hidden = true, paramLabel = "N")
    int maxRuns;

    @Override
    public Integer call() {
        CommandContext agent = context;
        if (agent.repositoryOption().isPresent()) {
            throw new AgentException(ExitCodes.USAGE, "'run' backs up to the Coffer server this agent is registered"
                    + " with; it takes no --repo (and COFFER_REPO must be unset)");
        }
        Duration poll = pollInterval(pollInterval);
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
        DailySchedule schedule = new DailySchedule(host.clock());
        for (int run = 0; maxRuns == 0 || run < maxRuns; ) {
            AgentApi.Device device = reachServer(api::device);
            if (schedule.follow(device.dailyAt().orElse(defaultTime(config.deviceId())))) {
                printNext(schedule, zone);
            }
            boolean due = schedule.due();
            Optional<Instant> requested = device.backupRequestedAt();
            if (!due && requested.isEmpty()) {
                sleep(schedule.untilNextPoll(poll));
                continue;
            }
            agent.environment().err().println(requested.map(t -> "backup requested on the server at " + t
                    + ": backing up now").orElse("scheduled backup: backing up now"));
            backupOnce(api, sources, options);
            run++;
            if (due) {
                schedule.advance();
                printNext(schedule, zone);
            }
        }
        return ExitCodes.OK;
    }

    private void printNext(DailySchedule schedule, ZoneId zone) {
        context.environment().err().println("next backup at " + schedule.next().atZone(zone).toLocalDateTime()
                + " (daily at " + schedule.daily().orElseThrow() + ")");
    }

    /** "60s", "5m", "1h", "500ms" or plain seconds, between 1 s and 1 h; else a usage error naming the option. */
    static Duration pollInterval(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        Duration d = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        if (d == null || d.compareTo(MIN_POLL_INTERVAL) < 0 || d.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new AgentException(ExitCodes.USAGE, "--poll-interval: '" + text + "' is not a duration between 1s and"
                    + " 1h (e.g. 30s, 5m)");
        }
        return d;
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
                T answer = call.get();
                if (failures > 1) {
                    context.environment().err().println("the server answers again");
                }
                return answer;
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
