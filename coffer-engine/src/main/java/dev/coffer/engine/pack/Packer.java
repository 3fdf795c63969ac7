package dev.coffer.engine.pack;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;

/**
 * Assembles encoded blobs into packs (one open pack per blob type) and hands each finished pack to {@code upload} on
 * a small pool of uploader threads. At most {@code uploadThreads} uploads run and one more waits; when both are busy
 * the thread that filled a pack uploads it itself, which slows producers down instead of buffering more packs. So
 * the memory held here is at most (types + uploadThreads + 1) × (packSize + largest blob).
 *
 * <p>Thread-safe. The first upload failure is kept: later {@link #add} calls and {@link #flush} rethrow it.
 */
public final class Packer {

    private final BlobCodec codec;
    private final int packSize;
    private final Consumer<Pack> upload;
    private final Map<BlobType, PackFormat.Builder> open = new EnumMap<>(BlobType.class);
    private final ThreadPoolExecutor uploads;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public Packer(BlobCodec codec, int packSize, int uploadThreads, Consumer<Pack> upload) {
        this.codec = codec;
        this.packSize = packSize;
        this.upload = upload;
        this.uploads = new ThreadPoolExecutor(uploadThreads, uploadThreads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1),
                r -> {
                    Thread t = new Thread(r, "coffer-upload");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Adds one encoded blob; may upload a pack in the calling thread when the uploaders are busy. */
    public void add(String id, BlobType type, byte[] encoded) {
        rethrow();
        PackFormat.Builder full = null;
        synchronized (open) {
            PackFormat.Builder b = open.computeIfAbsent(type, t -> new PackFormat.Builder(packSize + packSize / 8));
            b.add(id, type, encoded);
            if (b.size() >= packSize) {
                full = b;
                open.remove(type);
            }
        }
        if (full != null) {
            submit(full);
        }
    }

    private void submit(PackFormat.Builder builder) {
        Pack pack = builder.finish(codec);
        uploads.execute(() -> {
            if (failure.get() != null) {
                return;
            }
            try {
                upload.accept(pack);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Finishes the open packs, waits for every upload, and rethrows the first failure. The packer is then closed. */
    public void flush() {
        rethrow();
        synchronized (open) {
            for (PackFormat.Builder b : open.values()) {
                if (!b.isEmpty()) {
                    submit(b);
                }
            }
            open.clear();
        }
        uploads.shutdown();
        try {
            while (!uploads.awaitTermination(1, TimeUnit.SECONDS)) {
                // waiting for uploads; they end on their own or by failing
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for uploads", e);
        }
        rethrow();
    }

    /** Drops open packs and stops uploader threads without waiting (after a failure elsewhere). */
    public void abort() {
        synchronized (open) {
            open.clear();
        }
        uploads.shutdownNow();
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
