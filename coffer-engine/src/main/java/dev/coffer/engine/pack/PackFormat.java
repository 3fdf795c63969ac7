package dev.coffer.engine.pack;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;

/**
 * The pack layout: encoded blobs back to back, then the trailer (an encoded {@link BlobType#PACK_TRAILER} blob listing
 * every blob: type, id, offset, length), then the trailer's length as a big-endian int32. The trailer makes a pack
 * self-describing, so packs whose index file was never written (an interrupted backup) are found and reused.
 */
public final class PackFormat {

    private static final byte TRAILER_VERSION = 1;
    private static final int ENTRY_BYTES = 1 + 32 + 4 + 4;

    private PackFormat() {
    }

    /**
     * Writes one pack into a {@link PendingObject} blob by blob, hashing its bytes on the way, so that no pack-sized
     * array is ever needed. Not thread-safe. The caller commits the object under the object name (the repository layout's) of the
     * pack {@link #finish} returns, and closes it.
     */
    public static final class Writer {
        /** Digest updates are sliced like {@code Hashes}: the SHA-256 intrinsic takes over after many calls. */
        private static final int DIGEST_SLICE = 16 * 1024;

        private final PendingObject object;
        private final MessageDigest sha256;
        private final List<PackEntry> entries = new ArrayList<>();
        private long size;

        public Writer(PendingObject object) {
            this.object = object;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 unavailable", e);
            }
        }

        /** Appends the encoded blob {@code encoded[off, off+len)}. */
        public void add(String id, BlobType type, byte[] encoded, int off, int len) {
            if (size + len > Integer.MAX_VALUE) {
                throw new IllegalStateException("pack would exceed 2 GiB; blob offsets are int32");
            }
            write(encoded, off, len);
            entries.add(new PackEntry(id, type, (int) (size - len), len));
        }

        /** Bytes written so far. */
        public long size() {
            return size;
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }

        /** The object the pack is written to. */
        public PendingObject object() {
            return object;
        }

        /** Appends the trailer and its length; the pack is then complete and may be committed. */
        public Pack finish(BlobCodec codec) {
            ByteBuffer plain = ByteBuffer.allocate(1 + 4 + entries.size() * ENTRY_BYTES);
            plain.put(TRAILER_VERSION).putInt(entries.size());
            for (PackEntry e : entries) {
                plain.put(e.type().code()).put(Hashes.fromHex(e.id())).putInt(e.offset()).putInt(e.length());
            }
            byte[] trailer = codec.encode(BlobType.PACK_TRAILER, plain.array(), "");
            write(trailer, 0, trailer.length);
            write(ByteBuffer.allocate(4).putInt(trailer.length).array(), 0, 4);
            return new Pack(Hashes.toHex(sha256.digest()), size, List.copyOf(entries));
        }

        private void write(byte[] data, int off, int len) {
            object.write(data, off, len);
            for (int done = 0; done < len; done += DIGEST_SLICE) {
                sha256.update(data, off + done, Math.min(DIGEST_SLICE, len - done));
            }
            size += len;
        }
    }

    /** Reads the blob list of a stored pack from its trailer, fetching only the trailer's bytes. */
    public static List<PackEntry> readTrailer(Store store, String objectName, long size, BlobCodec codec) {
        if (size < 4) {
            throw new IllegalArgumentException("pack " + objectName + " too short: " + size + " bytes");
        }
        int length = ByteBuffer.wrap(store.getRange(objectName, size - 4, 4)).getInt();
        if (length <= 0 || length > size - 4) {
            throw new IllegalArgumentException("pack " + objectName + " has a bad trailer length " + length);
        }
        byte[] trailer = store.getRange(objectName, size - 4 - length, length);
        return parseTrailer(codec.decode(BlobType.PACK_TRAILER, trailer, ""), size - 4 - length, objectName);
    }

    /** Reads the blob list from a pack's complete bytes. */
    public static List<PackEntry> readTrailer(byte[] pack, BlobCodec codec, String objectName) {
        if (pack.length < 4) {
            throw new IllegalArgumentException("pack " + objectName + " too short: " + pack.length + " bytes");
        }
        int length = ByteBuffer.wrap(pack, pack.length - 4, 4).getInt();
        if (length <= 0 || length > pack.length - 4) {
            throw new IllegalArgumentException("pack " + objectName + " has a bad trailer length " + length);
        }
        int start = pack.length - 4 - length;
        return parseTrailer(codec.decode(BlobType.PACK_TRAILER, pack, start, length, ""), start, objectName);
    }

    private static List<PackEntry> parseTrailer(byte[] plain, long blobsEnd, String objectName) {
        ByteBuffer in = ByteBuffer.wrap(plain);
        byte version = in.get();
        if (version != TRAILER_VERSION) {
            throw new IllegalArgumentException("pack " + objectName + " has unsupported trailer version " + version);
        }
        int count = in.getInt();
        List<PackEntry> entries = new ArrayList<>(count);
        byte[] id = new byte[32];
        for (int i = 0; i < count; i++) {
            BlobType type = BlobType.of(in.get());
            in.get(id);
            PackEntry e = new PackEntry(Hashes.toHex(id), type, in.getInt(), in.getInt());
            if (e.offset() < 0 || e.length() < 0 || (long) e.offset() + e.length() > blobsEnd) {
                throw new IllegalArgumentException("pack " + objectName + " lists a blob outside its data: " + e);
            }
            entries.add(e);
        }
        return entries;
    }
}
