package dev.coffer.engine.archive;

import java.util.concurrent.atomic.AtomicLong;

import dev.coffer.engine.snapshot.SnapshotSummary;

/** The counters of one backup run, updated by every stage and thread; they become the snapshot's summary. */
final class BackupStats {

    private final AtomicLong filesNew = new AtomicLong();
    private final AtomicLong filesChanged = new AtomicLong();
    private final AtomicLong filesUnmodified = new AtomicLong();
    private final AtomicLong dirs = new AtomicLong();
    private final AtomicLong bytesProcessed = new AtomicLong();
    private final AtomicLong bytesAdded = new AtomicLong();
    private final AtomicLong totalFiles = new AtomicLong();
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicLong symlinks = new AtomicLong();

    /** A regular file was found by the scan. */
    void fileScanned(long size) {
        totalFiles.incrementAndGet();
        totalBytes.addAndGet(size);
    }

    void symlinkScanned() {
        symlinks.incrementAndGet();
    }

    void directoryScanned() {
        dirs.incrementAndGet();
    }

    /** A file was read: new when the parent snapshot had no file at its path, changed otherwise. */
    void fileRead(boolean isNew) {
        (isNew ? filesNew : filesChanged).incrementAndGet();
    }

    /** A file kept the parent snapshot's chunks without being read (the files cache). */
    void fileUnmodified() {
        filesUnmodified.incrementAndGet();
    }

    /** Plaintext bytes of files cut into chunks. */
    void bytesProcessed(long n) {
        bytesProcessed.addAndGet(n);
    }

    /** Encoded bytes of new blobs given to the packer. */
    void bytesAdded(long n) {
        bytesAdded.addAndGet(n);
    }

    long totalFiles() {
        return totalFiles.get();
    }

    long totalBytes() {
        return totalBytes.get();
    }

    SnapshotSummary summary() {
        return new SnapshotSummary(filesNew.get(), filesChanged.get(), filesUnmodified.get(), dirs.get(),
                bytesProcessed.get(), bytesAdded.get(), totalFiles.get(), totalBytes.get(), symlinks.get());
    }
}
