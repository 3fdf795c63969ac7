package dev.coffer.engine.store.remote;

import dev.coffer.engine.store.AppendOnlyException;
import dev.coffer.engine.store.QuotaExceededException;
import dev.coffer.engine.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One Coffer server as the agent talks to it: the base address, the device token sent as
 * {@code Authorization: Bearer} on every request (none for registration), and the mapping of the server's answers to
 * exceptions (see {@link #failure}). Shared by {@link RemoteStore} and the agent's calls to the other
 * {@code /agent/v1} endpoints. Thread-safe; the token is never part of a message.
 */
public final class ServerConnection {

    /** How long to wait for a connection; a server that is down fails fast with a retriable error. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long one request may wait for the answer's headers (a pack upload included). */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final URI server;
    private final Optional<String> deviceToken;
    private final HttpClient client;

    /**
     * @param server      the server's base address, e.g. {@code https://backup.example.com} (a path is kept as a
     *                    prefix)
     * @param deviceToken the device token, or empty for the anonymous registration call
     */
    public ServerConnection(URI server, Optional<String> deviceToken) {
        this(server, deviceToken, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    ServerConnection(URI server, Optional<String> deviceToken, HttpClient client) {
        this.server = checkServer(server);
        this.deviceToken = Objects.requireNonNull(deviceToken, "deviceToken");
        this.client = Objects.requireNonNull(client, "client");
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

    /** A request to {@code path} (starting with {@code /agent/v1/}) with the token and the request timeout set. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path)).timeout(REQUEST_TIMEOUT);
        deviceToken.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        return builder;
    }

    /** The answer of {@link #readRange}: its status, its Content-Length (or -1) and, for errors, its body. */
    public record RangeAnswer(int status, long contentLength, byte[] errorBody, int read) {
    }

    /**
     * GETs {@code path} with {@code Range: bytes=offset-(offset+length-1)} and, when the answer is 206, reads its body
     * straight into {@code dst[dstOff, dstOff+length)} on the calling thread (a blocking connection from the JDK's
     * keep-alive pool: one copy from the socket, none of {@link HttpClient}'s per-16-KiB hand-offs, which cost a
     * restore more CPU than decrypting). Other answers return their status and body unread into {@code dst}.
     * Connection failures are thrown as by {@link #send}.
     */
    public RangeAnswer readRange(String operation, String what, String path, long offset, int length, byte[] dst,
                                 int dstOff) {
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) URI.create(base() + path).toURL().openConnection(Proxy.NO_PROXY);
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            c.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
            c.setUseCaches(false);
            if (deviceToken.isPresent()) {
                c.setRequestProperty("Authorization", "Bearer " + deviceToken.get());
            }
            c.setRequestProperty("Range", "bytes=" + offset + "-" + (offset + length - 1));
            int status = c.getResponseCode();
            long contentLength = c.getContentLengthLong();
            if (status != 206) {
                InputStream err = c.getErrorStream() != null ? c.getErrorStream()
                        : status < 400 ? c.getInputStream() : null;
                byte[] body = new byte[0];
                if (err != null) {
                    try (InputStream in = err) {
                        body = in.readAllBytes();
                    }
                }
                return new RangeAnswer(status, contentLength, body, 0);
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

    private String base() {
        String base = server.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * Sends the request. A connection that cannot be made or breaks, and a timeout, are
     * {@link ServerUnreachableException}s (retriable) naming {@code operation}, {@code what} and the server; an interrupt is a non-retriable
     * one (with the thread's interrupt flag set again). HTTP errors are returned, not thrown: see {@link #failure}.
     */
    public <T> HttpResponse<T> send(String operation, String what, HttpRequest request,
                                    HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new ServerUnreachableException(operation + " " + what + " failed: cannot reach " + server + ": "
                    + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(operation + " " + what + " interrupted", false, e);
        }
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
