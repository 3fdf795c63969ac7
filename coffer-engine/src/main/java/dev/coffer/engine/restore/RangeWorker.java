package dev.coffer.engine.restore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.restore.PackPlan.Blob;
import dev.coffer.engine.restore.PackPlan.Job;
import dev.coffer.engine.restore.PackPlan.Spot;

/**
 * One restore thread: takes {@link Job jobs} from the queue until it takes {@link #END}, reads each job's range with
 * one store call, decodes its blobs one at a time and writes each to its files. With a read-ahead executor (a remote
 * store, where each read is a round trip), it takes its next job as soon as it has the current one's range and reads
 * that job's range on the executor while it decodes and writes, so it waits only when the network is slower than
 * restoring. Memory: two range buffers of at most {@code max(MAX_RANGE, largest blob)} bytes, allocated when first
 * needed and reused (a fresh array per range was garbage that outlived young collections), and the decoded blob.
 *
 * <p>Anything unusual (a range that cannot be read, a blob that does not decode) falls back to
 * {@link Repository#loadBlob}, which re-reads the index after a concurrent prune and reports corruption with the
 * usual messages; a blob that still fails fails the files that hold it, and only those.
 */
final class RangeWorker implements Callable<Void> {

    /** Ends a thread's work: one in the queue per thread, after the last job. */
    static final Job END = new Job(null, 0, 0, List.of(), null);

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final Repository repository;
    private final BlockingQueue<Job> jobs;
    private final Executor readAhead;
    private final RestoreState state;
    private final byte[][] buffers = {new byte[0], new byte[0]};

    RangeWorker(Repository repository, BlockingQueue<Job> jobs, Executor readAhead, RestoreState state) {
        this.repository = repository;
        this.jobs = jobs;
        this.readAhead = readAhead;
        this.state = state;
    }

    @Override
    public Void call() throws InterruptedException {
        Job job = jobs.take();
        int slot = 0;
        CompletableFuture<byte[]> ahead = null;
        while (job != END) {
            byte[] range = null;
            if (job.pack() != null) {
                if (ahead != null) {
                    slot = 1 - slot;
                    try {
                        range = ahead.join();
                        buffers[slot] = range;
                    } catch (RuntimeException failed) {
                        range = null; // read again on this thread, which reports what fails
                    }
                }
                if (range == null) {
                    range = readNow(job, slot);
                }
            }
            ahead = null;
            Job next = readAhead == null ? null : jobs.poll();
            if (next != null && next.pack() != null) {
                byte[] into = buffers[1 - slot];
                Job read = next;
                ahead = CompletableFuture.supplyAsync(() -> read(read, into), readAhead);
            }
            if (job.inOrder() != null) {
                inOrder(job.inOrder());
            } else {
                write(job, range);
            }
            job = next != null ? next : jobs.take();
        }
        return null; // no read is ahead: the job after the last one is END, which reads nothing
    }

    /** The job's range in buffer {@code slot}, or null when it cannot be read (its blobs are then read one by one). */
    private byte[] readNow(Job job, int slot) {
        try {
            buffers[slot] = read(job, buffers[slot]);
            return buffers[slot];
        } catch (RuntimeException failed) {
            return null;
        }
    }

    /** Reads the job's range into {@code into}, or into a new larger array; returns the array read into. */
    private byte[] read(Job job, byte[] into) {
        byte[] buffer = into.length >= job.length() ? into : new byte[Math.max(job.length(), PackPlan.MAX_RANGE)];
        repository.readPack(job.pack(), job.start(), job.length(), buffer, 0);
        return buffer;
    }

    /** Decodes the job's blobs out of {@code range} (null: loads each) and writes them to their files. */
    private void write(Job job, byte[] range) {
        Map<RestoreFile, FileChannel> open = new IdentityHashMap<>();
        try {
            for (Blob blob : job.blobs()) {
                byte[] data;
                try {
                    data = decode(job, blob, range);
                } catch (RuntimeException e) {
                    for (Spot s : blob.spots()) {
                        s.file().fail(new IOException(e.getMessage(), e).toString());
                    }
                    continue;
                }
                boolean zeros = allZero(data);
                for (Spot s : blob.spots()) {
                    if (data.length != s.length()) {
                        s.file().fail("snapshot's tree gives a chunk of " + s.length() + " bytes at offset " + s.offset()
                                + ", but chunk " + blob.id().substring(0, 8) + " holds " + data.length + " bytes");
                        continue;
                    }
                    FileChannel channel = open.containsKey(s.file()) ? open.get(s.file()) : s.file().open();
                    open.put(s.file(), channel);
                    if (channel != null && s.file().write(channel, data, zeros, s.offset())) {
                        state.progress.bytesProcessed(data.length);
                    }
                }
            }
        } finally {
            for (Map.Entry<RestoreFile, FileChannel> f : open.entrySet()) {
                if (f.getValue() != null) {
                    f.getKey().close(f.getValue());
                }
            }
            for (Blob blob : job.blobs()) {
                for (Spot s : blob.spots()) {
                    s.file().done(1);
                }
            }
        }
    }

    private byte[] decode(Job job, Blob blob, byte[] range) {
        if (range != null) {
            try {
                return repository.codec().decode(BlobType.DATA, range, (int) (blob.entry().offset() - job.start()),
                        blob.entry().length(), blob.id());
            } catch (RuntimeException bad) {
                // fall through: loadBlob reads it again and reports what is wrong
            }
        }
        return repository.loadBlob(blob.id(), BlobType.DATA);
    }

    /** Restores a file whose chunks' offsets are unknown: in order, each chunk loaded on its own. */
    private void inOrder(RestoreFile file) {
        FileChannel channel = file.open();
        List<String> ids = file.node.chunkIds();
        try {
            if (channel == null) {
                return;
            }
            long pos = 0;
            for (String id : ids) {
                byte[] data = repository.loadBlob(id, BlobType.DATA);
                if (!file.write(channel, data, allZero(data), pos)) {
                    return;
                }
                pos += data.length;
                state.progress.bytesProcessed(data.length);
            }
        } catch (RuntimeException e) {
            file.fail(new IOException(e.getMessage(), e).toString());
        } finally {
            if (channel != null) {
                file.close(channel);
            }
            file.done(ids.size());
        }
    }

    private static boolean allZero(byte[] data) {
        for (int off = 0; off < data.length; off += ZEROS.length) {
            int len = Math.min(ZEROS.length, data.length - off);
            if (Arrays.mismatch(data, off, off + len, ZEROS, 0, len) >= 0) {
                return false;
            }
        }
        return true;
    }
}
