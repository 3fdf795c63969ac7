package dev.coffer.engine.index;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.pack.PackEntry;

/**
 * The plaintext of an index file (stored encoded as an {@link BlobType#INDEX} blob under {@code index/<sha256>}):
 * version byte, creation time (epoch milliseconds, which prune uses as the age of the packs listed), pack count, then per pack its name (32 bytes), size (int64), blob count and entries
 * (type, id, offset, length). Binary rather than JSON because a large repository lists millions of blobs.
 */
public final class IndexFormat {

    private static final byte VERSION = 1;

    private IndexFormat() {
    }

    /** A decoded index file: when it was written and the packs it lists. */
    public record IndexFile(java.time.Instant created, List<PackRecord> packs) {
    }

    public static byte[] encode(List<PackRecord> packs, java.time.Instant created) {
        int size = 1 + 8 + 4;
        for (PackRecord p : packs) {
            size += 32 + 8 + 4 + p.blobs().size() * (1 + 32 + 4 + 4);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION).putLong(created.toEpochMilli()).putInt(packs.size());
        for (PackRecord p : packs) {
            out.put(Hashes.fromHex(p.pack())).putLong(p.size()).putInt(p.blobs().size());
            for (PackEntry e : p.blobs()) {
                out.put(e.type().code()).put(Hashes.fromHex(e.id())).putInt(e.offset()).putInt(e.length());
            }
        }
        return out.array();
    }

    public static IndexFile decode(byte[] plain) {
        ByteBuffer in = ByteBuffer.wrap(plain);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported index format version " + version);
        }
        java.time.Instant created = java.time.Instant.ofEpochMilli(in.getLong());
        int packCount = in.getInt();
        List<PackRecord> packs = new ArrayList<>(packCount);
        byte[] id = new byte[32];
        for (int i = 0; i < packCount; i++) {
            in.get(id);
            String pack = Hashes.toHex(id);
            long size = in.getLong();
            int count = in.getInt();
            List<PackEntry> blobs = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                BlobType type = BlobType.of(in.get());
                in.get(id);
                blobs.add(new PackEntry(Hashes.toHex(id), type, in.getInt(), in.getInt()));
            }
            packs.add(new PackRecord(pack, size, blobs));
        }
        return new IndexFile(created, packs);
    }
}
