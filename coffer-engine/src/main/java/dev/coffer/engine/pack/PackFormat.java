package dev.coffer.engine.pack;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.crypto.Hashes;
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

    /** Collects blobs of one pack in memory. Not thread-safe. */
    public static final class Builder {
        private final ByteArrayOutputStream out;
        private final List<PackEntry> entries = new ArrayList<>();

        public Builder(int expectedSize) {
            this.out = new ByteArrayOutputStream(expectedSize);
        }

        public void add(String id, BlobType type, byte[] encoded) {
            entries.add(new PackEntry(id, type, out.size(), encoded.length));
            out.writeBytes(encoded);
        }

        public int size() {
            return out.size();
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }

        public Pack finish(BlobCodec codec) {
            ByteBuffer plain = ByteBuffer.allocate(1 + 4 + entries.size() * ENTRY_BYTES);
            plain.put(TRAILER_VERSION).putInt(entries.size());
            for (PackEntry e : entries) {
                plain.put(e.type().code()).put(Hashes.fromHex(e.id())).putInt(e.offset()).putInt(e.length());
            }
            byte[] trailer = codec.encode(BlobType.PACK_TRAILER, plain.array(), "");
            out.writeBytes(trailer);
            out.writeBytes(ByteBuffer.allocate(4).putInt(trailer.length).array());
            byte[] bytes = out.toByteArray();
            return new Pack(Hashes.sha256(bytes), bytes, List.copyOf(entries));
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

    /** The encoded bytes of one entry, cut out of a whole pack. */
    public static byte[] slice(byte[] pack, PackEntry e) {
        return Arrays.copyOfRange(pack, e.offset(), e.offset() + e.length());
    }
}
