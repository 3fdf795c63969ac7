package dev.coffer.engine.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

import dev.coffer.engine.chunk.Chunker;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.snapshot.Node;

/**
 * Reads regular files on the file workers: large blocks through a {@link FileChannel} into a reused buffer per
 * thread, cut into chunks, each hashed and looked up; only new chunks go on to the {@link BlobSaver}. A file that
 * cannot be read is reported to {@link Progress} and skipped (its node is null). Thread-safe.
 */
final class FileSaver {

    private final Chunker chunker;
    private final Hashes hashes;
    private final Deduplicator dedup;
    private final BlobSaver blobs;
    private final Executor workers;
    private final BackupStats stats;
    private final Progress progress;
    private final FirstFailure failure;
    /** Read buffers, one per thread that cuts files (the file workers, and the scanner when it helps out). */
    private final ThreadLocal<byte[]> buffers;

    FileSaver(Chunker chunker, Hashes hashes, Deduplicator dedup, BlobSaver blobs, Executor workers, BackupStats stats,
              Progress progress, FirstFailure failure) {
        this.chunker = chunker;
        this.hashes = hashes;
        this.dedup = dedup;
        this.blobs = blobs;
        this.workers = workers;
        this.stats = stats;
        this.progress = progress;
        this.failure = failure;
        int maxChunk = chunker.maxSize();
        this.buffers = ThreadLocal.withInitial(() -> new byte[2 * maxChunk]);
    }

    /** Saves the file on a worker (or here, when the workers are busy); {@code old} is its node in the parent snapshot. */
    Future<Node> save(Path path, Node meta, Node old) {
        CompletableFuture<Node> result = new CompletableFuture<>();
        workers.execute(() -> {
            try {
                result.complete(process(path, meta, old));
            } catch (Throwable t) {
                failure.record(t);
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private Node process(Path path, Node meta, Node old) {
        if (failure.happened()) {
            throw new IllegalStateException("backup aborted");
        }
        String name = path.toString();
        progress.fileStarted(name);
        List<String> ids = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long size;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            size = chunker.split(channel, buffers.get(), (buf, off, len) -> {
                String id = hashes.blobId(buf, off, len);
                ids.add(id);
                sizes.add(len);
                stats.bytesProcessed(len);
                progress.bytesProcessed(len);
                if (dedup.isNew(id)) {
                    blobs.saveData(id, buf, off, len);
                }
            });
        } catch (IOException e) {
            progress.warning(name, "cannot read file, skipped: " + e);
            return null;
        }
        stats.fileRead(old == null);
        progress.fileFinished(name, size);
        return meta.withChunks(ids, sizes, size);
    }
}
