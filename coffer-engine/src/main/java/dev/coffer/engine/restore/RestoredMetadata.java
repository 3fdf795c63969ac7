package dev.coffer.engine.restore;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import dev.coffer.engine.snapshot.Node;

/**
 * Applies a node's owner, mode and times to what a restore created, never through a link: ownership with
 * {@code lchown}, the mode through a descriptor opened with {@code O_NOFOLLOW} (so a symlink standing in the way makes
 * it fail rather than change the link's target), times through the JDK's no-follow view ({@code futimens} on an
 * {@code O_NOFOLLOW} descriptor, {@code lutimes} on a symlink). The mode keeps
 * setuid, setgid and sticky, and is set after the owner because {@code chown} clears setuid and setgid.
 *
 * <p>A restore writes tens of thousands of files, so system calls that change nothing are skipped: the owner when the
 * file already has it, the mode when the file was created with it. Stateless and thread-safe.
 */
final class RestoredMetadata {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    private RestoredMetadata() {
    }

    /** Sets owner (when running as root), mode (unless {@code modeSet}: the file was created with it) and times. */
    static void apply(Path dest, Node node, Creation creation, boolean modeSet) throws IOException {
        if (ROOT && (node.uid() != creation.uid() || node.gid() != creation.gid())) {
            try {
                Files.setAttribute(dest, "unix:uid", (int) node.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(dest, "unix:gid", (int) node.gid(), LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException | IllegalArgumentException | IOException ignored) {
                // Ownership is best effort: the platform or the target file system may not support it.
            }
        }
        if (!modeSet) {
            setMode(dest, node.mode() & 07777);
        }
        setTimes(dest, node);
    }

    /**
     * Sets all twelve mode bits without following a link. The JDK opens the file {@code O_RDONLY|O_NOFOLLOW} and calls
     * {@code fchmod}; a file its owner may not read (mode 0200, say) cannot be opened so, as a non-root user: then,
     * once {@code lstat} shows no link stands there, a path {@code chmod} sets it.
     */
    private static void setMode(Path dest, int mode) throws IOException {
        if (!UNIX) {
            PosixFileAttributeView view = Files.getFileAttributeView(dest, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view != null) {
                view.setPermissions(permissions(mode));
            }
            return;
        }
        try {
            Files.setAttribute(dest, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            if (Files.readAttributes(dest, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink()) {
                throw e;
            }
            Files.setAttribute(dest, "unix:mode", mode);
        }
    }

    /** The access time is set too (to the mtime, as none is recorded): leaving it out costs the JDK an extra stat. */
    static void setTimes(Path dest, Node node) throws IOException {
        FileTime mtime = FileTime.from(node.mtime());
        Files.getFileAttributeView(dest, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, mtime, null);
    }

    static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> perms) {
        return PosixFilePermissions.asFileAttribute(perms);
    }

    /** The nine permission bits of {@code mode} (setuid, setgid and sticky have no {@link PosixFilePermission}). */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    /**
     * How a file this process creates in the target turns out: its owner, and the permission bits the umask takes
     * away. Found once per restore by creating (and deleting) a probe file.
     */
    record Creation(long uid, long gid, int umask) {

        /** Nothing known: every file gets chown (as root) and chmod. */
        static final Creation UNKNOWN = new Creation(-1, -1, 0777);

        static Creation probe(Path dir) {
            Path probe = null;
            try {
                probe = Files.createTempFile(dir, ".coffer-restore-", ".probe",
                        asAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
                Map<String, Object> a = Files.readAttributes(probe, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode") & 0777;
                return new Creation((Integer) a.get("uid"), (Integer) a.get("gid"), 0777 & ~mode);
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return UNKNOWN;
            } finally {
                if (probe != null) {
                    try {
                        Files.deleteIfExists(probe);
                    } catch (IOException ignored) {
                        // a zero-byte dot file left in the target
                    }
                }
            }
        }

        /** Whether a file created with {@code mode} keeps it exactly (no special bit, and the umask clears none). */
        boolean keepsMode(int mode) {
            return (mode & ~0777) == 0 && (mode & umask) == 0;
        }
    }
}
