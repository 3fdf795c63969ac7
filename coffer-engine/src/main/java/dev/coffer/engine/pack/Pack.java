package dev.coffer.engine.pack;

import java.util.List;

/**
 * A finished pack file: its name (SHA-256 of its bytes), its size in bytes and the blobs it holds. Packs hold only
 * DATA or only TREE blobs, so that reading all trees touches few packs.
 */
public record Pack(String name, long size, List<PackEntry> entries) {

    /** The store object name: {@code data/<first two hex digits>/<name>}. */
    public String objectName() {
        return objectName(name);
    }

    public static String objectName(String packName) {
        return "data/" + packName.substring(0, 2) + "/" + packName;
    }

    /** The pack name of a store object name written by {@link #objectName(String)}. */
    public static String packName(String objectName) {
        return objectName.substring(objectName.lastIndexOf('/') + 1);
    }
}
