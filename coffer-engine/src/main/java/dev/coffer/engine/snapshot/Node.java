package dev.coffer.engine.snapshot;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a directory tree. {@code name} is one path component: never empty, {@code "."} or {@code ".."}, and
 * without {@code '/'} or NUL, so that a tree, however it was written, can only name entries inside its directory
 * (checked here, so both a backup writing a tree and every reader decoding one refuse other names).
 * {@code mode} holds the permission bits with setuid, setgid and sticky (07777). {@code inode}, {@code device},
 * {@code links} and {@code ctime} let the files cache recognise unchanged files and let restore recreate hard links;
 * they are 0 / {@link Instant#EPOCH} where the platform does not provide them. {@code linkTarget} is "" unless
 * SYMLINK, {@code chunkIds} empty unless FILE, {@code subtreeId} "" unless DIRECTORY. {@code chunkSizes} holds the
 * plaintext length of each chunk, so that a restore knows where in the file each chunk goes before it reads any and
 * can read a pack once for all the files it holds; empty in trees written before it was recorded (and not written
 * to the JSON when empty, so the trees of directories without files keep their ids).
 */
public record Node(String name, NodeType type, long size, int mode, Instant mtime, Instant ctime, String user,
                   String group, long uid, long gid, long inode, long device, int links, String linkTarget,
                   List<String> chunkIds, String subtreeId, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> chunkSizes) {

    public Node {
        String refused = refusal(name);
        if (refused != null) {
            throw new IllegalArgumentException("entry " + quote(name) + " is refused: " + refused);
        }
        if (type == null) {
            throw new IllegalArgumentException("entry " + quote(name) + " is refused: it has no type");
        }
        chunkIds = List.copyOf(chunkIds);
        chunkSizes = chunkSizes == null ? List.of() : List.copyOf(chunkSizes);
    }

    /** A node as trees written before chunk sizes were recorded hold it (no {@code chunkSizes}). */
    public Node(String name, NodeType type, long size, int mode, Instant mtime, Instant ctime, String user, String group,
                long uid, long gid, long inode, long device, int links, String linkTarget, List<String> chunkIds,
                String subtreeId) {
        this(name, type, size, mode, mtime, ctime, user, group, uid, gid, inode, device, links, linkTarget, chunkIds,
                subtreeId, List.of());
    }

    public Node withSubtree(String id) {
        return new Node(name, type, size, mode, mtime, ctime, user, group, uid, gid, inode, device, links, linkTarget, chunkIds, id,
                chunkSizes);
    }

    /** This node with the file content {@code ids}, chunk {@code i} being {@code sizes[i]} bytes long, {@code size} in all. */
    public Node withChunks(List<String> ids, List<Integer> sizes, long size) {
        return new Node(name, type, size, mode, mtime, ctime, user, group, uid, gid, inode, device, links, linkTarget, ids, subtreeId,
                sizes);
    }

    /**
     * Where each chunk of the file starts, when the tree says so consistently ({@link #chunkOffsetsKnown}); null when
     * unknown: a tree from before chunk sizes were recorded, or one that contradicts itself. A restore then writes the
     * file in order.
     */
    public long[] chunkOffsets() {
        if (!chunkOffsetsKnown()) {
            return null;
        }
        long[] offsets = new long[chunkIds.size()];
        for (int i = 1; i < offsets.length; i++) {
            offsets[i] = offsets[i - 1] + chunkSizes.get(i - 1);
        }
        return offsets;
    }

    /**
     * Whether the tree places every chunk: a file of at most one chunk (it starts at 0), or {@code chunkSizes} one per
     * chunk, none negative, adding up to {@code size}.
     */
    public boolean chunkOffsetsKnown() {
        if (chunkIds.size() <= 1) {
            return true;
        }
        if (chunkSizes.size() != chunkIds.size()) {
            return false;
        }
        long total = 0;
        for (int len : chunkSizes) {
            if (len < 0) {
                return false;
            }
            total += len;
        }
        return total == size;
    }

    /** Same content and type, for diff: chunk list, link target and size. */
    public boolean sameContent(Node o) {
        return type == o.type && size == o.size && chunkIds.equals(o.chunkIds) && linkTarget.equals(o.linkTarget);
    }

    /** Same metadata as a user sees it (mode, times, owner). */
    public boolean sameMetadata(Node o) {
        return mode == o.mode && mtime.equals(o.mtime) && uid == o.uid && gid == o.gid && user.equals(o.user) && group.equals(o.group);
    }

    /** Why {@code name} cannot name an entry of a directory, or null when it can. */
    private static String refusal(String name) {
        if (name == null || name.isEmpty()) {
            return "a name must not be empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'.' and '..' name the directory itself and its parent";
        }
        if (name.indexOf('/') >= 0) {
            return "a name must not hold '/'";
        }
        if (name.indexOf('\0') >= 0) {
            return "a name must not hold NUL";
        }
        return null;
    }

    /**
     * The name in double quotes, printable whatever it holds: control characters, quotes, backslashes and characters
     * that reorder or hide text (bidirectional controls, unassigned and format characters) are written as a
     * backslash, 'u' and four hex digits, so an error message shows the name as it is rather than as a terminal would
     * render it.
     */
    public static String quote(String name) {
        if (name == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            int type = Character.getType(c);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || (type == Character.SURROGATE && !validSurrogateAt(name, i))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
