package dev.coffer.engine.blob;

/** What a stored blob holds; its code is part of every blob header and of index and pack trailer entries. */
public enum BlobType {
    DATA(1), TREE(2), INDEX(3), SNAPSHOT(4), CONFIG(5), PACK_TRAILER(6), BACKUP_MARKER(7);

    private final byte code;

    BlobType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public static BlobType of(byte code) {
        for (BlobType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown blob type code " + code);
    }
}
