package dev.coffer.engine.store.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.coffer.engine.store.FileSlices;
import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.StoreException;
import dev.coffer.engine.store.WriterFiles;

/**
 * A {@link Store} in a directory: object {@code data/3f/3fa4} is the file {@code <dir>/data/3f/3fa4}.
 *
 * <p>{@link #put} and {@link #create} write the data to a temporary file in {@code <dir>/.tmp~/}; committing forces
 * it to disk, moves it into place with an atomic rename and then forces the parent directory, so a crash leaves
 * either the old object, the new one, or an orphaned temporary file. {@code ~} is not allowed in object names, so
 * {@link #list} never shows the temporary directory; temporary files older than an hour whose writing process no
 * longer runs (left by a crash, not by a backup still running in another process) are deleted by the first put or
 * create of each {@code LocalStore}. Directories are created on demand.
 *
 * <p>File system errors are permanent ({@link StoreException#retriable()} is false): retrying a full disk or a
 * missing permission does not help. A put or get in a thread that is interrupted fails and stores nothing.
 */
public final class LocalStore implements Store {

    static final String TEMP_DIR = ".tmp~";
    /** Temporary files are named {@code new-<pid>-<random>}, so that clean-up can tell whether their writer lives. */
    private static final String TEMP_PREFIX = "new-";
    private static final Duration STALE_TEMP_AGE = Duration.ofHours(1);
    /** Heap buffers are read in slices of this size, for the reason given in {@link FileSlices}. */
    private static final int IO_SLICE = FileSlices.SLICE;

    private final Path dir;
    private final Path tempDir;
    private final Duration staleTempAge;
    private final AtomicBoolean tempCleaned = new AtomicBoolean();

    /** A store in {@code dir}. Creates nothing: the directory is made by the first put. */
    public LocalStore(Path dir) {
        this(dir, STALE_TEMP_AGE);
    }

    LocalStore(Path dir, Duration staleTempAge) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        this.tempDir = this.dir.resolve(TEMP_DIR);
        this.staleTempAge = staleTempAge;
    }

    /** A store in {@code dir}, creating the directory (and its parents) now so that a bad path fails early. */
    public static LocalStore create(Path dir) {
        LocalStore store = new LocalStore(dir);
        try {
            Files.createDirectories(store.dir);
        } catch (IOException e) {
            throw failure("create directory", store.dir.toString(), e);
        }
        return store;
    }

    /** The directory this store keeps its objects in. */
    public Path directory() {
        return dir;
    }

    /**
     * The file that holds the object {@code name} once it is stored (it need not exist). Lets a server hand a stored
     * object's bytes to the operating system ({@code sendfile}) instead of copying them through the heap; the file of
     * a committed object never changes, it is only ever replaced as a whole or deleted.
     */
    public Path file(String name) {
        return path(name);
    }

    @Override
    public void put(String name, byte[] data) {
        Store.checkName(name);
        Objects.requireNonNull(data, "data");
        try (TempFileObject object = new TempFileObject("put " + name)) {
            object.write(data, 0, data.length);
            object.commit(name);
        }
    }

    /**
     * A temporary file in {@code <dir>/.tmp~/}, renamed into place on commit: no copy, and a crash at any point leaves
     * only a temporary file, which {@link #list} never shows.
     */
    @Override
    public PendingObject create() {
        return new TempFileObject(null);
    }

    @Override
    public byte[] get(String name) {
        Path path = path(name);
        try (FileChannel channel = open(path, name)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new StoreException("get " + name + ": object of " + size + " bytes is too large for one array", false);
            }
            return read(channel, 0, (int) size, name);
        } catch (IOException e) {
            throw failure("get", name, e);
        }
    }

    @Override
    public byte[] getRange(String name, long offset, int length) {
        Store.checkRange(offset, length);
        try (FileChannel channel = openRange(name, offset, length)) {
            return read(channel, offset, length, name);
        } catch (IOException e) {
            throw failure("getRange", name, e);
        }
    }

    @Override
    public void readRange(String name, long offset, int length, byte[] dst, int dstOff) {
        Store.checkRange(offset, length);
        java.util.Objects.checkFromIndexSize(dstOff, length, dst.length);
        try (FileChannel channel = openRange(name, offset, length)) {
            read(channel, offset, length, dst, dstOff, name);
        } catch (IOException e) {
            throw failure("getRange", name, e);
        }
    }

    /** Opens the object for reading the range, or fails (and closes it) when the range reaches past its end. */
    private FileChannel openRange(String name, long offset, int length) throws IOException {
        FileChannel channel = open(path(name), name);
        try {
            long size = channel.size();
            if (offset > size - length) {
                throw StoreException.rangePastEnd(name, offset, length, size);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long size(String name) {
        Path path = path(name);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new ObjectNotFoundException(name);
            }
            return attributes.size();
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new ObjectNotFoundException(name);
        } catch (IOException e) {
            throw failure("size", name, e);
        }
    }

    @Override
    public List<StoreEntry> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        // Start at the deepest directory the prefix names and skip every subtree the prefix rules out, so that
        // listing "index/" does not read the thousands of files under "data/".
        int lastSlash = prefix.lastIndexOf('/');
        String startName = lastSlash < 0 ? "" : prefix.substring(0, lastSlash);
        if (!startName.isEmpty() && !Store.isValidName(startName)) {
            return List.of();
        }
        Path start = startName.isEmpty() ? dir : dir.resolve(startName);
        List<StoreEntry> entries = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    if (directory.equals(start)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = nameOf(directory) + "/";
                    boolean mayMatch = name.startsWith(prefix) || prefix.startsWith(name);
                    return mayMatch && Store.isValidName(nameOf(directory)) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = nameOf(file);
                    if (attributes.isRegularFile() && name.startsWith(prefix) && Store.isValidName(name)) {
                        entries.add(new StoreEntry(name, attributes.size()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // deleted while we walked
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw failure("list", prefix.isEmpty() ? "(all)" : prefix + "*", e);
        }
        return entries;
    }

    @Override
    public void delete(String name) {
        Path path = path(name);
        try {
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(path);
            }
        } catch (NotDirectoryException e) {
            // a parent is a file, so the object cannot exist
        } catch (IOException e) {
            throw failure("delete", name, e);
        }
    }

    @Override
    public String toString() {
        return "LocalStore[" + dir + "]";
    }

    private Path path(String name) {
        return dir.resolve(Store.checkName(name));
    }

    private String nameOf(Path path) {
        return dir.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private static FileChannel open(Path path, String name) throws IOException {
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            if (Files.isDirectory(path)) {
                channel.close();
                throw new ObjectNotFoundException(name);
            }
            return channel;
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new ObjectNotFoundException(name);
        }
    }

    private static byte[] read(FileChannel channel, long position, int length, String name) throws IOException {
        byte[] data = new byte[length];
        read(channel, position, length, data, 0, name);
        return data;
    }

    private static void read(FileChannel channel, long position, int length, byte[] dst, int dstOff, String name) throws IOException {
        for (int offset = 0; offset < length; offset += IO_SLICE) {
            // wrap() sets the buffer's position to the array index: minus dstOff, the distance from `position`
            ByteBuffer slice = ByteBuffer.wrap(dst, dstOff + offset, Math.min(IO_SLICE, length - offset));
            while (slice.hasRemaining()) {
                if (channel.read(slice, position + slice.position() - dstOff) < 0) {
                    throw new StoreException("read " + name + ": the file ended early; it was changed outside Coffer", false);
                }
            }
        }
    }

    private Path createTempFile() throws IOException {
        Files.createDirectories(tempDir);
        while (true) {
            Path temp = tempDir.resolve(WriterFiles.newName(TEMP_PREFIX, ""));
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // another put drew the same name; draw again
            }
        }
    }

    private void cleanStaleTempFilesOnce() {
        if (tempCleaned.compareAndSet(false, true)) {
            // A pack of a long backup may stay open (and unmodified) for longer than the stale age: files of a process
            // that still runs are kept. Files of other machines sharing the directory are judged by age alone.
            WriterFiles.deleteAbandoned(tempDir, "*", TEMP_PREFIX, staleTempAge);
        }
    }

    /** Makes the rename itself durable; best effort because not every platform can open a directory. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows and some network file systems cannot sync a directory; the file itself is synced already
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // left for the stale-file clean-up of a later store
        }
    }

    private static StoreException failure(String operation, String name, IOException e) {
        return failure(operation + " " + name, e);
    }

    private static StoreException failure(String what, IOException e) {
        if (e instanceof ClosedByInterruptException) {
            return new StoreException(what + " interrupted", false, e);
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null
                ? e.getClass().getSimpleName() + ": " + fse.getReason()
                : e.toString();
        return new StoreException(what + " failed in local store: " + reason, false, e);
    }

    /** The {@link PendingObject} of this store, also behind {@link #put}. Used by one thread at a time. */
    private final class TempFileObject implements PendingObject {
        /** What failure messages call this object: {@code put <name>} for a put, else the temporary file. */
        private final String label;
        private Path temp;
        private FileChannel channel;
        private long size;
        private boolean writeFailed;
        private boolean synced;
        private String committed;

        TempFileObject(String putLabel) {
            cleanStaleTempFilesOnce();
            String what = putLabel == null ? "create object in " + tempDir : putLabel;
            try {
                temp = createTempFile();
                channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            } catch (IOException e) {
                close();
                throw failure(what, e);
            }
            label = putLabel == null ? "pending object " + dir.relativize(temp) : putLabel;
        }

        @Override
        public void write(byte[] data, int off, int len) {
            PendingObject.checkSlice(data, off, len);
            checkWritable();
            try {
                FileSlices.write(channel, data, off, len);
                size += len;
            } catch (IOException e) {
                writeFailed = true;
                throw failure(label.startsWith("put ") ? label : "write " + label, e);
            }
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void commit(String name) {
            Path target = path(name);
            if (committed != null) {
                PendingObject.checkCommittedAs(committed, name);
                return;
            }
            if (writeFailed) {
                throw new IllegalStateException("a write to " + label + " failed, it cannot be committed as " + name);
            }
            String what = label.startsWith("put ") ? label : "commit " + name;
            if (temp == null) {
                throw new IllegalStateException(what + ": pending object closed");
            }
            try {
                if (!synced) {
                    channel.force(true);
                    channel.close();
                    synced = true;
                }
                Path parent = target.getParent();
                Files.createDirectories(parent);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                committed = name;
                temp = null;
                forceDirectory(parent);
            } catch (IOException e) {
                throw failure(what, e);
            }
        }

        @Override
        public void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // nothing to lose: an uncommitted file is deleted below, a committed one was synced
                }
            }
            if (temp != null) {
                deleteQuietly(temp);
                temp = null;
            }
        }

        private void checkWritable() {
            if (committed != null) {
                throw new IllegalStateException("object already committed as " + committed);
            }
            if (temp == null || synced) {
                throw new IllegalStateException(label + " is closed or being committed: no more writes");
            }
        }
    }
}
