package dev.coffer.engine.restore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.store.FileSlices;

/**
 * One regular file of a restore, written chunk by chunk in whatever order its chunks are read (pack order), by any
 * restore thread, each chunk at its offset. The first write creates it ({@code O_CREAT|O_EXCL|O_NOFOLLOW}, with its
 * permissions where the umask lets them through); later ones open it {@code O_NOFOLLOW}. The write of its last chunk
 * finishes it: the length is set where trailing chunks were all zeros (left as holes), then mode, owner and mtime.
 * A file that fails (it exists, a chunk cannot be read) is reported once; its remaining chunks are skipped.
 */
final class RestoreFile {

    private static final Set<OpenOption> CREATE =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> REOPEN = Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    final String path;
    final Path dest;
    final Node node;
    private final RestoreState state;
    /** Chunks not yet written or given up; the call that takes it to 0 finishes the file. */
    private final AtomicInteger pending;
    /** The end of the data written so far: beyond it, only holes. */
    private final AtomicLong end = new AtomicLong();
    /** Guarded by this. */
    private boolean created;
    private boolean exactMode;
    private volatile boolean failed;

    RestoreFile(String path, Path dest, Node node, RestoreState state) {
        this.path = path;
        this.dest = dest;
        this.node = node;
        this.state = state;
        this.pending = new AtomicInteger(node.chunkIds().size());
    }

    /** Opens the file to write chunks into, creating it the first time; null when it has failed (and was reported). */
    FileChannel open() {
        if (failed) {
            return null;
        }
        synchronized (this) {
            if (failed) {
                return null;
            }
            try {
                if (created) {
                    return FileChannel.open(dest, REOPEN);
                }
                state.progress.fileStarted(path);
                if (state.options.overwrite()) {
                    // Delete rather than truncate: the old entry may be a symlink that must not be followed.
                    Files.deleteIfExists(dest);
                }
                int mode = node.mode();
                exactMode = state.creation.keepsMode(mode);
                FileChannel channel = exactMode
                        ? FileChannel.open(dest, CREATE, RestoredMetadata.asAttribute(RestoredMetadata.permissions(mode)))
                        : FileChannel.open(dest, CREATE);
                created = true;
                return channel;
            } catch (IOException | RuntimeException e) {
                failed = true;
                state.error(path, e instanceof RuntimeException ? new IOException(e.getMessage(), e) : (Exception) e);
                return null;
            }
        }
    }

    /** Writes one chunk's plaintext at {@code offset} (nothing when all zeros: a hole); false when that failed. */
    boolean write(FileChannel channel, byte[] data, boolean zeros, long offset) {
        if (zeros || data.length == 0) {
            return true;
        }
        try {
            // sliced: the JDK keeps a temporary direct buffer as large as the largest write, per thread
            long written = FileSlices.write(channel, data, 0, data.length, offset);
            end.accumulateAndGet(written, Math::max);
            return true;
        } catch (IOException e) {
            fail(e.toString());
            return false;
        }
    }

    /** Gives the file up, reporting {@code why} unless it had already failed. */
    void fail(String why) {
        boolean first;
        synchronized (this) {
            first = !failed;
            failed = true;
        }
        if (first) {
            state.error(path, why);
        }
    }

    /** Counts {@code chunks} of the file as written (or given up), and finishes it when they were its last ones. */
    void done(int chunks) {
        if (pending.addAndGet(-chunks) == 0) {
            finish();
        }
    }

    /** Creates and finishes a file of no chunks (an empty one). */
    void writeEmpty() {
        FileChannel channel = open();
        if (channel != null) {
            close(channel);
            finish();
        }
    }

    void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            fail(e.toString());
        }
    }

    private void finish() {
        if (failed) {
            return;
        }
        long size = node.size();
        try {
            if (end.get() < size) {
                // Trailing zeros were skipped: one zero byte at the end sets the length, the rest stays a hole.
                try (FileChannel channel = FileChannel.open(dest, REOPEN)) {
                    channel.write(ByteBuffer.allocate(1), size - 1);
                }
            }
            RestoredMetadata.apply(dest, node, state.creation, exactMode);
        } catch (IOException | RuntimeException e) {
            fail(e.toString());
            return;
        }
        state.files.incrementAndGet();
        state.bytes.addAndGet(size);
        state.progress.fileFinished(path, size);
    }
}
