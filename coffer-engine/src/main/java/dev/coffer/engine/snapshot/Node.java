package dev.coffer.engine.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a directory tree. {@code mode} holds the permission bits (07777). {@code inode}, {@code device},
 * {@code links} and {@code ctime} let the files cache recognise unchanged files and let restore recreate hard links;
 * they are 0 / {@link Instant#EPOCH} where the platform does not provide them. {@code linkTarget} is "" unless
 * SYMLINK, {@code chunkIds} empty unless FILE, {@code subtreeId} "" unless DIRECTORY.
 */
public record Node(String name, NodeType type, long size, int mode, Instant mtime, Instant ctime, String user,
                   String group, long uid, long gid, long inode, long device, int links, String linkTarget,
                   List<String> chunkIds, String subtreeId) {

    public Node {
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("node name must be non-empty without '/': '" + name + "'");
        }
        chunkIds = List.copyOf(chunkIds);
    }

    public Node withSubtree(String id) {
        return new Node(name, type, size, mode, mtime, ctime, user, group, uid, gid, inode, device, links, linkTarget, chunkIds, id);
    }

    public Node withChunks(List<String> ids) {
        return new Node(name, type, size, mode, mtime, ctime, user, group, uid, gid, inode, device, links, linkTarget, ids, subtreeId);
    }

    /** Same content and type, for diff: chunk list, link target and size. */
    public boolean sameContent(Node o) {
        return type == o.type && size == o.size && chunkIds.equals(o.chunkIds) && linkTarget.equals(o.linkTarget);
    }

    /** Same metadata as a user sees it (mode, times, owner). */
    public boolean sameMetadata(Node o) {
        return mode == o.mode && mtime.equals(o.mtime) && uid == o.uid && gid == o.gid && user.equals(o.user) && group.equals(o.group);
    }
}
