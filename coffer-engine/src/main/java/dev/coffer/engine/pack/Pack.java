package dev.coffer.engine.pack;

import java.util.List;

/**
 * A finished pack file: its name (SHA-256 of its bytes), its size in bytes and the blobs it holds. Packs hold only
 * DATA or only TREE blobs, so that reading all trees touches few packs.
 */
public record Pack(String name, long size, List<PackEntry> entries) {
}
