package dev.coffer.engine.archive;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.NodeType;

/**
 * Reads a path's metadata into a {@link Node} (without content): the {@code unix:} attribute view on Linux, basic
 * attributes elsewhere. User and group names are looked up once per uid/gid, because the lookup costs more than
 * reading the attributes. Thread-safe.
 */
final class FileMetadata {

    private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final String UNIX_ATTRIBUTES =
            "unix:mode,ino,dev,nlink,uid,gid,ctime,size,lastModifiedTime,isDirectory,isRegularFile,isSymbolicLink";

    private final Map<Integer, String> users = new ConcurrentHashMap<>();
    private final Map<Integer, String> groups = new ConcurrentHashMap<>();

    /** Returns the node, or {@code null} for a special file (device, FIFO, socket), which backups skip. */
    Node read(Path path, String name) throws IOException {
        if (!UNIX) {
            return readBasic(path, name);
        }
        Map<String, Object> a = Files.readAttributes(path, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        NodeType type;
        if ((Boolean) a.get("isSymbolicLink")) {
            type = NodeType.SYMLINK;
        } else if ((Boolean) a.get("isDirectory")) {
            type = NodeType.DIRECTORY;
        } else if ((Boolean) a.get("isRegularFile")) {
            type = NodeType.FILE;
        } else {
            return null;
        }
        int uid = (Integer) a.get("uid");
        int gid = (Integer) a.get("gid");
        String user = users.computeIfAbsent(uid, u -> lookupUser(path, u));
        String group = groups.computeIfAbsent(gid, g -> lookupGroup(path, g));
        String target = type == NodeType.SYMLINK ? Files.readSymbolicLink(path).toString() : "";
        long size = type == NodeType.FILE ? (Long) a.get("size") : 0;
        return new Node(name, type, size, (Integer) a.get("mode") & 07777, ((FileTime) a.get("lastModifiedTime")).toInstant(),
                ((FileTime) a.get("ctime")).toInstant(), user, group, uid, gid, (Long) a.get("ino"), (Long) a.get("dev"),
                (Integer) a.get("nlink"), target, List.of(), "");
    }

    private static Node readBasic(Path path, String name) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        NodeType type = a.isSymbolicLink() ? NodeType.SYMLINK : a.isDirectory() ? NodeType.DIRECTORY : a.isRegularFile() ? NodeType.FILE : null;
        if (type == null) {
            return null;
        }
        String target = type == NodeType.SYMLINK ? Files.readSymbolicLink(path).toString() : "";
        int mode = type == NodeType.DIRECTORY ? 0755 : 0644;
        return new Node(name, type, type == NodeType.FILE ? a.size() : 0, mode, a.lastModifiedTime().toInstant(), Instant.EPOCH,
                "", "", 0, 0, 0, 0, 1, target, List.of(), "");
    }

    private static String lookupUser(Path path, int uid) {
        try {
            return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static String lookupGroup(Path path, int gid) {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
