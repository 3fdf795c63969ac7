package dev.coffer.engine.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Temporary files named after the process that writes them ({@code <prefix><pid>-<random><suffix>}), so that the
 * files a killed process left behind can be told from those of a running one and removed by a later process.
 */
public final class WriterFiles {

    private static final long PID = ProcessHandle.current().pid();

    private WriterFiles() {
    }

    /** A new file name for this process: {@code prefix + pid + "-" + random + suffix}. */
    public static String newName(String prefix, String suffix) {
        return prefix + PID + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + suffix;
    }

    /**
     * Deletes the files of {@code dir} matching {@code glob} that are older than {@code minAge} and not named (with
     * {@code prefix}) after a process that still runs on this machine. Best effort: files that cannot be read or
     * deleted are left alone.
     */
    public static void deleteAbandoned(Path dir, String glob, String prefix, Duration minAge) {
        FileTime cutoff = FileTime.from(Instant.now().minus(minAge));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path file : files) {
                try {
                    if (Files.getLastModifiedTime(file).compareTo(cutoff) < 0 && !writerAlive(file, prefix)) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    // another process cleaned it first, or it is not ours to delete: leave it
                }
            }
        } catch (IOException e) {
            // no such directory, or unreadable: nothing to clean
        }
    }

    /**
     * Whether the process named in the file's name still runs on this machine. A name without a process id counts as
     * abandoned. (Files of other machines sharing a directory can only be judged by age: give them a long minAge.)
     */
    static boolean writerAlive(Path file, String prefix) {
        String name = file.getFileName().toString();
        if (!name.startsWith(prefix)) {
            return false;
        }
        int dash = name.indexOf('-', prefix.length());
        try {
            long pid = Long.parseLong(name.substring(prefix.length(), dash < 0 ? name.length() : dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
