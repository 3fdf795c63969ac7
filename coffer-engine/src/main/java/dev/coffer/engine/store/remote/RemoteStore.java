package dev.coffer.engine.store.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.engine.store.FileSlices;
import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.StoreException;
import dev.coffer.engine.store.WriterFiles;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Store} on a Coffer server, over the object endpoints of the agent protocol
 * ({@code /agent/v1/repository/objects}, see docs/agent-protocol.md). The server holds the device's backup account
 * repository and is {@linkplain #appendOnly() append-only} for devices: overwriting an object with other bytes and
 * deleting anything but {@code locks/} fail with {@link dev.coffer.engine.store.AppendOnlyException}.
 *
 * <p>Every upload is one {@code PUT} with {@code Content-Length}, so the server can reserve quota before it reads a
 * byte: {@link #put} sends the array, a {@link #create created} object is spooled to a file in
 * {@code java.io.tmpdir} and sent on commit. Range reads send {@code Range: bytes=a-b} on a blocking connection
 * ({@link ServerConnection#readRange}), reading the body straight into the caller's array.
 *
 * <p>Failures (see {@link ServerConnection#failure}): connection errors and 5xx are retriable, 4xx are not, 404 on a
 * read is {@link ObjectNotFoundException}, 416 is the contract's range-past-the-end failure, 507
 * {@code quota-exceeded} is {@link dev.coffer.engine.store.QuotaExceededException}, 401/403 account problems are
 * {@link DeviceAccessException}. This store does not retry: wrap it in {@code RetryingStore}, which repeats only the
 * retriable ones. Thread-safe.
 */
public final class RemoteStore implements Store {

    static final String OBJECTS = "/agent/v1/repository/objects";
    /** Spool files are named {@code coffer-remote-<pid>-<random>.spool} (see {@link WriterFiles}). */
    static final String SPOOL_PREFIX = "coffer-remote-";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String OCTETS = "application/octet-stream";

    private final ServerConnection connection;
    private final Path spoolDirectory;
    private final AtomicBoolean spoolsCleaned = new AtomicBoolean();

    /** The repository of the device whose token {@code connection} carries; spools in {@code java.io.tmpdir}. */
    public RemoteStore(ServerConnection connection) {
        this(connection, Path.of(System.getProperty("java.io.tmpdir")));
    }

    RemoteStore(ServerConnection connection, Path spoolDirectory) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory");
    }

    @Override
    public boolean appendOnly() {
        return true;
    }

    @Override
    public void put(String name, byte[] data) {
        Objects.requireNonNull(data, "data");
        upload("put", Store.checkName(name), ServerConnection.Body.bytes(data, OCTETS));
    }

    /**
     * Spools to a file and uploads it with one PUT on commit; the file is deleted after the upload or on close. One
     * left by a killed process is never an object, and the first {@code create} of a later process deletes it.
     */
    @Override
    public PendingObject create() {
        if (spoolsCleaned.compareAndSet(false, true)) {
            WriterFiles.deleteAbandoned(spoolDirectory, SPOOL_PREFIX + "*.spool", SPOOL_PREFIX, Duration.ofMinutes(10));
        }
        return new SpooledObject();
    }

    @Override
    public byte[] get(String name) {
        ServerConnection.Answer answer = send("get", Store.checkName(name), "GET", ServerConnection.Body.none());
        if (answer.status() != 200) {
            throw readFailure("get", name, answer.status(), answer.body());
        }
        return answer.body();
    }

    @Override
    public byte[] getRange(String name, long offset, int length) {
        byte[] data = new byte[length < 0 ? 0 : length];
        readRange(name, offset, length, data, 0);
        return data;
    }

    @Override
    public void readRange(String name, long offset, int length, byte[] dst, int dstOff) {
        Store.checkName(name);
        Store.checkRange(offset, length);
        Objects.checkFromIndexSize(dstOff, length, dst.length);
        if (length == 0) {
            // HTTP has no empty range: the size says whether the object exists and the offset lies within it
            long size = size(name);
            if (offset > size) {
                throw StoreException.rangePastEnd(name, offset, length, size);
            }
            return;
        }
        ServerConnection.RangeAnswer answer = connection.readRange("getRange", name, OBJECTS + "/" + name, offset,
                length, dst, dstOff);
        int status = answer.status();
        if (status == 416) {
            throw StoreException.rangePastEnd(name, offset, length, size(name));
        }
        if (status != 206) {
            throw readFailure("getRange", name, status, answer.errorBody());
        }
        if (answer.contentLength() != length) {
            // a range that starts inside the object but ends past it is answered shortened
            throw StoreException.rangePastEnd(name, offset, length, offset + Math.max(0, answer.contentLength()));
        }
        if (answer.read() != length) {
            throw new StoreException("getRange " + where(name) + ": connection ended after " + answer.read() + " of "
                    + length + " bytes", true);
        }
    }

    @Override
    public long size(String name) {
        ServerConnection.Answer answer = send("size", Store.checkName(name), "HEAD", ServerConnection.Body.none());
        if (answer.status() != 200) {
            throw readFailure("size", name, answer.status(), answer.body());
        }
        long size = answer.contentLength();
        if (size < 0) {
            throw new StoreException("size " + where(name) + ": the server sent no Content-Length", true);
        }
        return size;
    }

    @Override
    public List<StoreEntry> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!isListablePrefix(prefix)) {
            return List.of();
        }
        ServerConnection.Answer answer = connection.send("list", prefix + "*", "GET",
                OBJECTS + "?prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8), ServerConnection.Body.none());
        if (answer.status() != 200) {
            throw connection.failure("list", prefix + "*", answer.status(), answer.body());
        }
        List<StoreEntry> entries = new ArrayList<>();
        try {
            JsonNode array = MAPPER.readTree(answer.body());
            if (array == null || !array.isArray()) {
                throw new StoreException("list " + prefix + "* at " + connection.server() + ": the answer is no JSON array", true);
            }
            for (JsonNode entry : array) {
                String name = entry.path("name").asText("");
                // names no store could have written are not objects of this store
                if (Store.isValidName(name) && name.startsWith(prefix) && entry.path("size").canConvertToLong()) {
                    entries.add(new StoreEntry(name, entry.path("size").asLong()));
                }
            }
        } catch (IOException e) {
            throw new StoreException("list " + prefix + "* at " + connection.server() + ": unreadable answer: " + e, true, e);
        }
        return entries;
    }

    @Override
    public void delete(String name) {
        ServerConnection.Answer answer = send("delete", Store.checkName(name), "DELETE", ServerConnection.Body.none());
        int status = answer.status();
        if (status != 204 && status != 200 && status != 404) {
            throw connection.failure("delete", name, status, answer.body());
        }
    }

    @Override
    public String toString() {
        return "RemoteStore[" + connection.server() + "]";
    }

    /** A prefix made of name characters only; any other cannot start a valid name, so its listing is empty. */
    private static boolean isListablePrefix(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return !prefix.startsWith("/") && !prefix.contains("//");
    }

    private ServerConnection.Answer send(String operation, String name, String method, ServerConnection.Body body) {
        // valid names use only [A-Za-z0-9._-/] and never a '.' or '..' segment: safe in a URL path as they are
        return connection.send(operation, where(name), method, OBJECTS + "/" + name, body);
    }

    private void upload(String operation, String name, ServerConnection.Body body) {
        ServerConnection.Answer answer = send(operation, name, "PUT", body);
        int status = answer.status();
        if (status != 201 && status != 200 && status != 204) {
            throw connection.failure(operation, where(name), status, answer.body());
        }
    }

    private StoreException readFailure(String operation, String name, int status, byte[] body) {
        if (status == 404) {
            return new ObjectNotFoundException(name, "on " + connection.server());
        }
        return connection.failure(operation, where(name), status, body);
    }

    private String where(String name) {
        return name;
    }

    /** The {@link PendingObject} of this store. Used by one thread at a time. */
    private final class SpooledObject implements PendingObject {
        private Path spool;
        private FileChannel channel;
        private long size;
        private boolean writeFailed;
        private String committed;

        SpooledObject() {
            try {
                spool = Files.createFile(spoolDirectory.resolve(WriterFiles.newName(SPOOL_PREFIX, ".spool")));
                channel = FileChannel.open(spool, StandardOpenOption.WRITE);
            } catch (IOException e) {
                close();
                throw new StoreException("create object for " + connection.server() + ": cannot make a spool file in "
                        + spoolDirectory + ": " + e, false, e);
            }
        }

        @Override
        public void write(byte[] data, int off, int len) {
            PendingObject.checkSlice(data, off, len);
            if (committed != null || spool == null) {
                throw new IllegalStateException("pending object is committed or closed: no more writes");
            }
            try {
                FileSlices.write(channel, data, off, len);
                size += len;
            } catch (IOException e) {
                writeFailed = true;
                throw new StoreException("write spool file " + spool + " failed: " + e, false, e);
            }
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void commit(String name) {
            Store.checkName(name);
            if (committed != null) {
                PendingObject.checkCommittedAs(committed, name);
                return;
            }
            if (writeFailed || spool == null) {
                throw new IllegalStateException("pending object for " + name + " is closed or a write failed");
            }
            ServerConnection.Body body;
            try {
                channel.close();
                body = ServerConnection.Body.file(spool, OCTETS);
            } catch (NoSuchFileException e) {
                throw new StoreException("commit " + name + ": spool file " + spool + " is gone", false, e);
            } catch (IOException e) {
                throw new StoreException("commit " + name + ": cannot read spool file " + spool + ": " + e, false, e);
            }
            upload("commit", name, body);
            committed = name;
            close();
        }

        @Override
        public void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
                if (spool != null) {
                    Files.deleteIfExists(spool);
                }
            } catch (IOException e) {
                // litter in the temporary directory, never an object
            }
            spool = null;
        }
    }

    @Override
    public boolean remote() {
        return true;
    }
}
