package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.progress.ProgressDisplay;
import dev.coffer.agent.progress.ProgressFormat;
import dev.coffer.agent.server.AgentApi;
import dev.coffer.agent.server.AgentApi.RunReport;
import dev.coffer.agent.server.AgentApi.RunStatus;
import dev.coffer.agent.server.AgentConfig;
import dev.coffer.engine.archive.Archiver;
import dev.coffer.engine.archive.BackupOptions;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.SnapshotSummary;
import dev.coffer.engine.store.QuotaExceededException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One backup as {@code backup} and {@code run} make it: into {@code --repo}, or into the account's repository on the
 * server, where the run is reported (started, then success, warning with the unreadable paths, or error with the
 * reason). A failed run through the server keeps the packs it stored and indexes them, so the next run sends only
 * what is missing; the failure then reaches the caller (a quota refusal becomes exit code 20).
 */
final class BackupRun {

    private final CommandContext agent;

    BackupRun(CommandContext agent) {
        this.agent = agent;
    }

    /** The absolute paths; a fatal error naming the first that does not exist. */
    static List<Path> sources(List<Path> paths) {
        List<Path> sources = new ArrayList<>();
        for (Path path : paths) {
            Path absolute = path.toAbsolutePath().normalize();
            if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                throw new AgentException(ExitCodes.FATAL, "cannot back up " + path + ": no such file or directory");
            }
            sources.add(absolute);
        }
        return sources;
    }

    /** Backs up where the options point; returns the exit code (0, or 3 when some files could not be read). */
    int backup(List<Path> sources, BackupOptions options) {
        Optional<AgentConfig> registration = Repositories.registration(agent);
        if (registration.isPresent()) {
            AgentApi api = Repositories.api(agent, registration.get());
            return backupToServer(api, sources, options);
        }
        ProgressDisplay progress = agent.progress();
        Snapshot snapshot;
        try (Repository repository = Repositories.open(agent)) {
            snapshot = new Archiver(repository, options, progress).backup(sources);
        } finally {
            progress.finish();
        }
        return finished(snapshot, progress);
    }

    /**
     * Backs up {@code paths} into the account's repository through {@code api}, reporting the run; a path that does
     * not exist (any more) fails the run, reported as an error.
     */
    int backupToServer(AgentApi api, List<Path> paths, BackupOptions options) {
        String runId = api.startRun(agent.environment().host().clock().instant());
        ProgressDisplay progress = agent.progress();
        Snapshot snapshot;
        try {
            List<Path> sources = sources(paths);
            try (Repository repository = Repositories.openOnServer(api)) {
                try {
                    snapshot = new Archiver(repository, options, progress).backup(sources);
                } catch (RuntimeException e) {
                    indexStoredPacks(repository, e);
                    throw e;
                }
            } finally {
                progress.finish();
            }
        } catch (RuntimeException e) {
            report(api, runId, new RunReport(RunStatus.ERROR, agent.environment().host().clock().instant(), 0, 0, 0,
                    Optional.empty(), reason(e), progress.warnedPaths()), e);
            throw e;
        }
        SnapshotSummary s = snapshot.summary();
        boolean partial = progress.warnings() > 0;
        String message = partial ? progress.warnings() + " files could not be read" : "snapshot " + snapshot.shortId() + " saved";
        report(api, runId, new RunReport(partial ? RunStatus.WARNING : RunStatus.SUCCESS,
                agent.environment().host().clock().instant(), s.filesNew() + s.filesChanged() + s.filesUnmodified(),
                s.bytesAdded(), s.bytesProcessed(), Optional.of(snapshot.id()), message, progress.warnedPaths()), null);
        return finished(snapshot, progress);
    }

    /**
     * After a failed backup, writes the index of the packs it stored (the server accepts index objects also at quota).
     * The next run would find those packs anyway (opening a repository reads the trailers of unindexed packs), but
     * with an index it reads one object instead of every such pack. Best effort.
     */
    private static void indexStoredPacks(Repository repository, RuntimeException failure) {
        try {
            repository.writePendingIndex();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Reports the run; a report that cannot be sent is a warning, or is attached to the run's own failure. */
    private void report(AgentApi api, String runId, RunReport report, RuntimeException failure) {
        try {
            api.finishRun(runId, report);
        } catch (RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                agent.environment().err().println("warning: the run could not be reported to the server: " + e.getMessage());
            }
        }
    }

    /** The reason a run failed, as the console and the notification mail show it. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof QuotaExceededException quota) {
                return "quota exceeded: " + quota.detail();
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private int finished(Snapshot snapshot, ProgressDisplay progress) {
        print(snapshot, progress.warnings());
        if (progress.warnings() > 0) {
            agent.environment().err().println("warning: " + progress.warnings() + " files could not be read and are"
                    + " not in snapshot " + snapshot.shortId() + " (see the warnings above)");
            return ExitCodes.PARTIAL_BACKUP;
        }
        return ExitCodes.OK;
    }

    private void print(Snapshot snapshot, long warnings) {
        SnapshotSummary s = snapshot.summary();
        // Counted as restore counts them: regular files (a hard link as one), then symlinks, then directories.
        agent.println(s.totalFiles() + " files (" + s.filesNew() + " new, " + s.filesChanged() + " changed, "
                + s.filesUnmodified() + " unmodified), " + s.symlinks() + " symlinks, " + s.dirs() + " directories");
        // bytesProcessed counts the bytes read: unmodified files are not read again.
        agent.println("Backed up " + ProgressFormat.bytes(s.totalBytes()) + ", read " + ProgressFormat.bytes(s.bytesProcessed())
                + ", added " + ProgressFormat.bytes(s.bytesAdded()) + " to the repository");
        agent.println("snapshot " + snapshot.shortId() + " saved");
        Map<String, Object> json = Json.snapshot(snapshot);
        json.put("warnings", warnings);
        agent.printJson(json);
    }
}
