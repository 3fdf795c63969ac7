package dev.coffer.engine.store.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.memory.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object endpoints of the agent protocol over a {@link MemoryStore}, in a JDK HTTP server on a random port: the
 * bearer token, Content-Length, ranges and the append-only rules as docs/agent-protocol.md says. {@code strict} adds
 * the rules the engine's generic contract test cannot follow (names under data/, index/, snapshots/ are the SHA-256
 * of the body; config and keys/ are the server's). A test may queue answers to give instead of the next requests'.
 */
final class FakeObjectServer implements AutoCloseable {

    static final String TOKEN = "coffer_dev_" + "A".repeat(43);
    private static final String PREFIX = "/agent/v1/repository/objects";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    final Store objects = new MemoryStore();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicLong quotaBytes = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong usedBytes = new AtomicLong();
    private final boolean strict;
    private final Deque<int[]> scriptedStatus = new ArrayDeque<>();
    private final Deque<String> scriptedBody = new ArrayDeque<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    FakeObjectServer(boolean strict) throws IOException {
        this.strict = strict;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next request gets {@code status} with a problem of {@code type} (none when null) instead of its answer. */
    synchronized void answerNext(int status, String type, String extraJson) {
        scriptedStatus.add(new int[] {status});
        scriptedBody.add(type == null ? "" : "{\"type\":\"https://coffer.dev/problems/" + type + "\",\"title\":\"" + type
                + "\",\"status\":" + status + ",\"detail\":\"scripted " + type + "\"" + (extraJson == null ? "" : "," + extraJson) + "}");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            int[] scripted;
            String scriptedProblem;
            synchronized (this) {
                scripted = scriptedStatus.poll();
                scriptedProblem = scriptedBody.poll();
            }
            if (scripted != null) {
                exchange.getRequestBody().readAllBytes();
                respond(exchange, scripted[0], scriptedProblem.getBytes(StandardCharsets.UTF_8), scriptedProblem.isEmpty() ? null : "application/problem+json");
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problem(exchange, 401, "unauthenticated", "no valid device token");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals(PREFIX) && method.equals("GET")) {
                list(exchange);
            } else if (path.startsWith(PREFIX + "/")) {
                String name = URLDecoder.decode(path.substring(PREFIX.length() + 1), StandardCharsets.UTF_8);
                if (!Store.isValidName(name)) {
                    problem(exchange, 400, "validation", "invalid object name");
                    return;
                }
                switch (method) {
                    case "GET" -> get(exchange, name);
                    case "HEAD" -> head(exchange, name);
                    case "PUT" -> put(exchange, name);
                    case "DELETE" -> delete(exchange, name);
                    default -> problem(exchange, 405, "validation", "method not allowed");
                }
            } else {
                problem(exchange, 404, "not-found", "no such endpoint");
            }
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String prefix = query != null && query.startsWith("prefix=")
                ? URLDecoder.decode(query.substring("prefix=".length()), StandardCharsets.UTF_8) : "";
        StringBuilder json = new StringBuilder("[");
        for (StoreEntry entry : objects.list(prefix)) {
            json.append(json.length() > 1 ? "," : "").append("{\"name\":\"").append(entry.name()).append("\",\"size\":")
                    .append(entry.size()).append('}');
        }
        respond(exchange, 200, json.append(']').toString().getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private void get(HttpExchange exchange, String name) throws IOException {
        byte[] data;
        try {
            data = objects.get(name);
        } catch (ObjectNotFoundException e) {
            problem(exchange, 404, "not-found", "no object " + name);
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range == null) {
            respond(exchange, 200, data, "application/octet-stream");
            return;
        }
        Matcher m = RANGE.matcher(range);
        if (!m.matches()) {
            problem(exchange, 400, "validation", "bad range");
            return;
        }
        long first = Long.parseLong(m.group(1));
        long last = Math.min(Long.parseLong(m.group(2)), data.length - 1L);
        if (first >= data.length) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
            problem(exchange, 416, "range-not-satisfiable", "range past the end");
            return;
        }
        exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + data.length);
        respond(exchange, 206, Arrays.copyOfRange(data, (int) first, (int) last + 1), "application/octet-stream");
    }

    private void head(HttpExchange exchange, String name) throws IOException {
        long size;
        try {
            size = objects.size(name);
        } catch (ObjectNotFoundException e) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
        exchange.sendResponseHeaders(200, -1);
    }

    private void put(HttpExchange exchange, String name) throws IOException {
        String lengthHeader = exchange.getRequestHeaders().getFirst("Content-Length");
        if (lengthHeader == null) {
            problem(exchange, 411, "length-required", "Content-Length is required");
            return;
        }
        long length = Long.parseLong(lengthHeader);
        if (strict && (name.equals("config") || name.startsWith("keys/"))) {
            problem(exchange, 403, "append-only", name + " is written by the server only");
            return;
        }
        boolean counted = !name.startsWith("locks/");
        if (counted && usedBytes.addAndGet(length) > quotaBytes.get()) {
            usedBytes.addAndGet(-length);
            problem(exchange, 507, "quota-exceeded", "storage quota of " + quotaBytes.get() + " bytes reached",
                    "\"limit\":\"storage\",\"limitBytes\":" + quotaBytes.get() + ",\"usedBytes\":" + usedBytes.get());
            return;
        }
        boolean stored = false;
        try {
            byte[] body = readBody(exchange.getRequestBody(), length);
            if (body == null) {
                problem(exchange, 400, "validation", "body length differs from Content-Length");
                return;
            }
            if (strict && (name.startsWith("data/") || name.startsWith("index/") || name.startsWith("snapshots/"))
                    && !name.endsWith("/" + sha256(body))) {
                problem(exchange, 400, "hash-mismatch", "the body's SHA-256 is not the name of " + name);
                return;
            }
            synchronized (objects) {
                byte[] existing;
                try {
                    existing = objects.get(name);
                } catch (ObjectNotFoundException e) {
                    existing = null;
                }
                if (existing != null && !name.startsWith("locks/")) {
                    if (Arrays.equals(existing, body)) {
                        respond(exchange, 200, new byte[0], null);
                    } else {
                        problem(exchange, 409, "append-only", name + " exists with other content");
                    }
                    return;
                }
                objects.put(name, body);
                stored = true;
            }
            respond(exchange, 201, new byte[0], null);
        } finally {
            if (counted && !stored) {
                usedBytes.addAndGet(-length);
            }
        }
    }

    private void delete(HttpExchange exchange, String name) throws IOException {
        if (!name.startsWith("locks/")) {
            problem(exchange, 403, "append-only", "devices may not delete " + name
                    + ": the account's retention policy removes old snapshots");
            return;
        }
        objects.delete(name);
        exchange.sendResponseHeaders(204, -1);
    }

    private static byte[] readBody(InputStream in, long length) throws IOException {
        byte[] body = in.readNBytes((int) length);
        if (body.length != length || in.read() != -1) {
            return null;
        }
        return body;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void problem(HttpExchange exchange, int status, String type, String detail) throws IOException {
        problem(exchange, status, type, detail, null);
    }

    private static void problem(HttpExchange exchange, int status, String type, String detail, String extra)
            throws IOException {
        String json = "{\"type\":\"https://coffer.dev/problems/" + type + "\",\"title\":\"" + type + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\"" + (extra == null ? "" : "," + extra) + "}";
        respond(exchange, status, json.getBytes(StandardCharsets.UTF_8), "application/problem+json");
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
