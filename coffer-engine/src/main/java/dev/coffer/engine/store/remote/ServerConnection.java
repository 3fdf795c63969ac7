package dev.coffer.engine.store.remote;

import dev.coffer.engine.store.AppendOnlyException;
import dev.coffer.engine.store.QuotaExceededException;
import dev.coffer.engine.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Coffer server as the agent talks to it: the base address, the device token sent as
 * {@code Authorization: Bearer} on every request (none for registration), and the mapping of the server's answers to
 * exceptions (see {@link #failure}). Shared by {@link RemoteStore} and the agent's calls to the other
 * {@code /agent/v1} endpoints. Thread-safe; the token is never part of a message.
 *
 * <p>Requests go over the JDK's blocking {@link HttpURLConnection} and its keep-alive pool: a body is written
 * straight from the caller's array or file to the socket and an answer read straight into an array. (The
 * {@code java.net.http} client used before handed bodies between threads in 16 KiB pieces: uploading 256 MiB of
 * packs took it 1.7-3 CPU seconds against 0.2 s here, measured, and its start-up set up TLS even for http.)
 */
public final class ServerConnection {

    /** How long to wait for a connection; a server that is down fails fast with a retriable error. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long one request may wait for the answer's headers (a pack upload included), or between two reads. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);
    /**
     * Bodies up to this size are buffered by the connection and sent with their length; larger ones are streamed.
     * A streamed request cannot read a 401's body (the JDK refuses to retry it for authentication), so its reason is
     * asked for again with a small request (see {@link #send}).
     */
    static final int BUFFERED_BODY = 1 << 20;
    private static final int FILE_CHUNK = 256 << 10;
    /** The device's own endpoint: a small GET that tells why a device token is refused. */
    private static final String DEVICE = "/agent/v1/device";

    private final URI server;
    private final Optional<String> deviceToken;

    /**
     * @param server      the server's base address, e.g. {@code https://backup.example.com} (a path is kept as a
     *                    prefix)
     * @param deviceToken the device token, or empty for the anonymous registration call
     */
    public ServerConnection(URI server, Optional<String> deviceToken) {
        this.server = checkServer(server);
        this.deviceToken = Objects.requireNonNull(deviceToken, "deviceToken");
    }

    /** Refuses what is not an absolute http(s) address without credentials, query or fragment. */
    public static URI checkServer(URI server) {
        Objects.requireNonNull(server, "server");
        if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme()) || server.getHost() == null) {
            throw new IllegalArgumentException("server address '" + server + "' must start with https:// or http://"
                    + " and name a host");
        }
        if (server.getRawUserInfo() != null || server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new IllegalArgumentException("server address '" + server.getScheme() + "://" + server.getHost()
                    + "…' must not contain credentials, a query or a fragment");
        }
        return server;
    }

    public URI server() {
        return server;
    }

    /** A request's body: bytes or a file's content, with its media type. */
    public static final class Body {
        private static final Body NONE = new Body(null, null, -1, null);

        private final byte[] bytes;
        private final Path file;
        private final long length;
        private final String contentType;

        private Body(byte[] bytes, Path file, long length, String contentType) {
            this.bytes = bytes;
            this.file = file;
            this.length = length;
            this.contentType = contentType;
        }

        /** No body (GET, HEAD, DELETE). */
        public static Body none() {
            return NONE;
        }

        public static Body bytes(byte[] data, String contentType) {
            return new Body(Objects.requireNonNull(data, "data"), null, data.length,
                    Objects.requireNonNull(contentType, "contentType"));
        }

        public static Body json(byte[] data) {
            return bytes(data, "application/json");
        }

        /** The file's content, read when it is sent; its size is taken now. */
        public static Body file(Path file, String contentType) throws IOException {
            return new Body(null, file, Files.size(file), Objects.requireNonNull(contentType, "contentType"));
        }

        long length() {
            return length;
        }

        void writeTo(OutputStream out) throws IOException {
            if (bytes != null) {
                out.write(bytes);
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[(int) Math.min(FILE_CHUNK, Math.max(1, length))];
                long left = length;
                int n;
                while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                    out.write(buffer, 0, n);
                    left -= n;
                }
                if (left > 0) {
                    throw new IOException("the file " + file + " shrank while it was sent");
                }
            }
        }
    }

    /** An answer: its status, its headers and its body (empty for HEAD and for none). */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        /** The first value of header {@code name}, matched without regard to case. */
        public Optional<String> header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return Optional.of(e.getValue().get(0));
                }
            }
            return Optional.empty();
        }

        /** Content-Length, or -1 when there is none or it is no number. */
        public long contentLength() {
            try {
                return header("Content-Length").map(Long::parseLong).orElse(-1L);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /**
     * Sends {@code method path} with {@code body} and reads the whole answer. A connection that cannot be made or
     * breaks, and a timeout, are {@link ServerUnreachableException}s (retriable) naming {@code operation},
     * {@code what} and the server. HTTP errors are returned, not thrown: see {@link #failure}.
     */
    public Answer send(String operation, String what, String method, String path, Body body) {
        HttpURLConnection c = null;
        try {
            c = open(path);
            c.setRequestMethod(method);
            if (body != Body.NONE) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", body.contentType);
                if (body.length > BUFFERED_BODY) {
                    c.setFixedLengthStreamingMode(body.length);
                }
                try (OutputStream out = c.getOutputStream()) {
                    body.writeTo(out);
                }
            }
            int status = c.getResponseCode();
            byte[] answer = "HEAD".equals(method) ? new byte[0] : readAll(c, status);
            return new Answer(status, c.getHeaderFields(), answer);
        } catch (HttpRetryException e) {
            // a streamed body answered with 401: the JDK keeps neither the answer's body nor the connection
            if (e.responseCode() == 401 && deviceToken.isPresent() && !path.equals(DEVICE)) {
                Answer why = send(operation, what, "GET", DEVICE, Body.none());
                if (why.status() == 401) {
                    return why;
                }
            }
            return new Answer(e.responseCode(), Map.of(), new byte[0]);
        } catch (IOException e) {
            if (c != null) {
                c.disconnect();
            }
            throw new ServerUnreachableException(operation + " " + what + " failed: cannot reach " + server + ": "
                    + describe(e), e);
        }
    }

    /** The answer of {@link #readRange}: its status, its Content-Length (or -1) and, for errors, its body. */
    public record RangeAnswer(int status, long contentLength, byte[] errorBody, int read) {
    }

    /**
     * GETs {@code path} with {@code Range: bytes=offset-(offset+length-1)} and, when the answer is 206, reads its body
     * straight into {@code dst[dstOff, dstOff+length)} on the calling thread. Other answers return their status and
     * body unread into {@code dst}. Connection failures are thrown as by {@link #send}.
     */
    public RangeAnswer readRange(String operation, String what, String path, long offset, int length, byte[] dst,
                                 int dstOff) {
        HttpURLConnection c = null;
        try {
            c = open(path);
            c.setRequestProperty("Range", "bytes=" + offset + "-" + (offset + length - 1));
            int status = c.getResponseCode();
            long contentLength = c.getContentLengthLong();
            if (status != 206) {
                return new RangeAnswer(status, contentLength, readAll(c, status), 0);
            }
            int read;
            try (InputStream in = c.getInputStream()) {
                read = contentLength == length ? in.readNBytes(dst, dstOff, length) : 0;
                if (contentLength != length) {
                    in.readAllBytes();
                }
            }
            return new RangeAnswer(status, contentLength, null, read);
        } catch (IOException e) {
            if (c != null) {
                c.disconnect();
            }
            throw new ServerUnreachableException(operation + " " + what + " failed: cannot reach " + server + ": "
                    + describe(e), e);
        }
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base() + path).toURL().openConnection(Proxy.NO_PROXY);
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        c.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
        c.setUseCaches(false);
        if (deviceToken.isPresent()) {
            c.setRequestProperty("Authorization", "Bearer " + deviceToken.get());
        }
        return c;
    }

    /** The answer's whole body (error or not), read to its end so the connection can be used again. */
    private static byte[] readAll(HttpURLConnection c, int status) throws IOException {
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            return in.readAllBytes();
        }
    }

    private String base() {
        String base = server.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * The exception for an HTTP error answer: {@link QuotaExceededException} for 507 {@code quota-exceeded},
     * {@link DeviceAccessException} for 401 and for 403 {@code account-suspended}/{@code customer-disabled},
     * {@link AppendOnlyException} for 403/409 {@code append-only}, else a {@link RemoteRequestException} that is
     * retriable for 5xx (but 507), 408 and 429 only.
     */
    public StoreException failure(String operation, String what, int status, byte[] body) {
        RemoteProblem problem = RemoteProblem.parse(body);
        String prefix = operation + " " + what + " refused by " + server + ": ";
        String detail = problem.describe("HTTP " + status);
        if (status == 507 && problem.name().equals("quota-exceeded")) {
            return new QuotaExceededException(prefix + detail, detail, problem.text("limit").orElse(""),
                    problem.number("limitBytes"), problem.number("usedBytes"));
        }
        if (status == 401) {
            DeviceAccessException.Reason reason = problem.name().equals("device-removed")
                    ? DeviceAccessException.Reason.DEVICE_REMOVED : DeviceAccessException.Reason.UNAUTHENTICATED;
            return new DeviceAccessException(reason, prefix + detail);
        }
        if (status == 403 && problem.name().equals("account-suspended")) {
            return new DeviceAccessException(DeviceAccessException.Reason.ACCOUNT_SUSPENDED, prefix + detail);
        }
        if (status == 403 && problem.name().equals("customer-disabled")) {
            return new DeviceAccessException(DeviceAccessException.Reason.CUSTOMER_DISABLED, prefix + detail);
        }
        if ((status == 403 || status == 409) && problem.name().equals("append-only")) {
            return new AppendOnlyException(prefix + detail);
        }
        boolean retriable = status >= 500 && status != 507 && status != 501 || status == 408 || status == 429;
        return new RemoteRequestException(prefix + "HTTP " + status + (problem.name().isEmpty() ? "" : " "
                + problem.name()) + (detail.equals("HTTP " + status) ? "" : ": " + detail), retriable, status, problem);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    @Override
    public String toString() {
        return "ServerConnection[" + server + "]";
    }
}
