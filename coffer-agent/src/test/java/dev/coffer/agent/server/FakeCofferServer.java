package dev.coffer.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.chunk.ChunkerParams;
import dev.coffer.engine.crypto.KdfParams;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.memory.MemoryStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent protocol (docs/agent-protocol.md) for one backup account, in a JDK HTTP server on a random port, over a
 * {@link MemoryStore}: registration with login/password or a token, the device and its schedule, the managed
 * repository secret, runs, and the object endpoints with the append-only, hash and quota rules. Enough for the
 * agent's tests; the real server's own tests check the real thing.
 */
public final class FakeCofferServer implements AutoCloseable {

    public static final String LOGIN = "jane@acme.example";
    public static final String PASSWORD = "account password 1";
    public static final String REGISTRATION_TOKEN = "coffer_reg_onetime";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String OBJECTS = "/agent/v1/repository/objects";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    public final Store objects = new MemoryStore();
    public final List<JsonNode> registrations = new CopyOnWriteArrayList<>();
    public final Map<String, JsonNode> runs = new ConcurrentHashMap<>();
    public final List<String> runOrder = new CopyOnWriteArrayList<>();
    public final AtomicLong quotaBytes = new AtomicLong(Long.MAX_VALUE);
    public final AtomicLong usedBytes = new AtomicLong();
    public final AtomicInteger packUploads = new AtomicInteger();
    /** Uploads of a pack the server held already (answered 200, not stored or counted again). */
    public final AtomicInteger duplicatePackUploads = new AtomicInteger();
    public final AtomicInteger deviceCalls = new AtomicInteger();
    /** The schedule the device endpoint answers. */
    public final AtomicReference<String> daily = new AtomicReference<>("03:17");
    /** A pending "back up now" (its ISO time) that the device endpoint reports; a BACKUP run start clears it. */
    public final AtomicReference<String> backupRequestedAt = new AtomicReference<>();
    /** Called with the number of each device call before it is answered: a test changes the server's state here. */
    public volatile java.util.function.IntConsumer onDeviceCall = n -> { };
    /** When set, every authenticated call answers this problem ({@code device-removed}, {@code account-suspended}...). */
    public final AtomicReference<String> deviceProblem = new AtomicReference<>();
    /** Answers 503 to this many next device calls, as a restarting server would. */
    public final AtomicInteger unavailableDeviceCalls = new AtomicInteger();
    /** Answers 503 to this many next authenticated calls of any kind. */
    public final AtomicInteger unavailableCalls = new AtomicInteger();
    /** How many devices may register (the workstation count quota). */
    public final AtomicInteger deviceQuota = new AtomicInteger(10);

    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]).replace('A', 'k');
    private volatile boolean tokenUsed;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    static {
        // The JDK's HttpServer leaves Nagle's algorithm on: every small answer then waits for the client's delayed
        // ACK (about 40 ms), and a run that polls once a simulated minute for a simulated day took minutes.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public FakeCofferServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The snapshots the account's repository holds. */
    public int snapshotCount() {
        return objects.list("snapshots/").size();
    }

    public Repository openRepository() {
        return Repository.open(objects, secret.toCharArray());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/agent/v1/register") && method.equals("POST")) {
                register(exchange);
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String device = auth == null || !auth.startsWith("Bearer ") ? null : tokens.get(auth.substring(7));
            if (device == null) {
                problem(exchange, 401, "unauthenticated", "no valid device token", null);
                return;
            }
            if (unavailableCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                problem(exchange, 503, "unavailable", "overloaded", null);
                return;
            }
            String p = deviceProblem.get();
            if (p != null) {
                problem(exchange, p.equals("device-removed") ? 401 : 403, p, "scripted " + p, null);
                return;
            }
            if (path.equals("/agent/v1/device") && method.equals("GET")) {
                onDeviceCall.accept(deviceCalls.incrementAndGet());
                if (unavailableDeviceCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    problem(exchange, 503, "unavailable", "starting up", null);
                    return;
                }
                json(exchange, 200, "{\"deviceId\":\"" + device + "\",\"name\":\"n\",\"deviceType\":\"WORKSTATION\","
                        + "\"accountId\":12,\"login\":\"" + LOGIN + "\",\"schedule\":{\"daily\":\"" + daily.get() + "\"},"
                        + "\"backupRequestedAt\":" + (backupRequestedAt.get() == null ? "null"
                        : "\"" + backupRequestedAt.get() + "\"") + "}");
            } else if (path.equals("/agent/v1/repository/key") && method.equals("GET")) {
                json(exchange, 200, "{\"secret\":\"" + secret + "\"}");
            } else if (path.equals("/agent/v1/runs") && method.equals("POST")) {
                String id = UUID.randomUUID().toString();
                JsonNode start = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
                if (start.path("kind").asText().equals("BACKUP")) {
                    backupRequestedAt.set(null);
                }
                runs.put(id, start);
                runOrder.add(id);
                json(exchange, 201, "{\"runId\":\"" + id + "\"}");
            } else if (path.startsWith("/agent/v1/runs/") && method.equals("PUT")) {
                String id = path.substring("/agent/v1/runs/".length());
                if (!runs.containsKey(id)) {
                    problem(exchange, 404, "not-found", "no run " + id, null);
                    return;
                }
                runs.put(id, MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
            } else if (path.equals(OBJECTS) && method.equals("GET")) {
                list(exchange);
            } else if (path.startsWith(OBJECTS + "/")) {
                String name = URLDecoder.decode(path.substring(OBJECTS.length() + 1), StandardCharsets.UTF_8);
                if (!Store.isValidName(name)) {
                    problem(exchange, 400, "validation", "invalid object name", null);
                    return;
                }
                switch (method) {
                    case "GET" -> get(exchange, name);
                    case "HEAD" -> head(exchange, name);
                    case "PUT" -> put(exchange, name);
                    case "DELETE" -> delete(exchange, name);
                    default -> problem(exchange, 405, "validation", "method not allowed", null);
                }
            } else {
                problem(exchange, 404, "not-found", "no such endpoint", null);
            }
        }
    }

    private void register(HttpExchange exchange) throws IOException {
        JsonNode body = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        registrations.add(body);
        boolean byPassword = LOGIN.equals(body.path("login").asText()) && PASSWORD.equals(body.path("password").asText());
        boolean byToken = REGISTRATION_TOKEN.equals(body.path("registrationToken").asText()) && !tokenUsed;
        if (!byPassword && !byToken) {
            problem(exchange, 401, "unauthenticated", "wrong login or password, or an unknown or used token", null);
            return;
        }
        if (tokens.size() >= deviceQuota.get()) {
            problem(exchange, 403, "device-quota", "this account may register " + deviceQuota.get() + " workstation; "
                    + tokens.size() + " is registered", null);
            return;
        }
        if (byToken) {
            tokenUsed = true;
        }
        synchronized (this) {
            if (objects.list("config").isEmpty()) {
                Repository.init(objects, secret.toCharArray(), new RepositoryOptions(
                        new ChunkerParams(16 * 1024, 64 * 1024, 256 * 1024), 256 * 1024, 3, KdfParams.FAST_FOR_TESTS)).close();
            }
        }
        String deviceId = UUID.randomUUID().toString();
        String token = "coffer_dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString()
                .getBytes(StandardCharsets.UTF_8)).substring(0, 43);
        tokens.put(token, deviceId);
        json(exchange, 201, "{\"deviceId\":\"" + deviceId + "\",\"deviceToken\":\"" + token + "\",\"accountId\":12,"
                + "\"login\":\"" + LOGIN + "\",\"deviceType\":\"" + body.path("deviceType").asText() + "\",\"name\":"
                + MAPPER.writeValueAsString(body.path("name").asText()) + ",\"schedule\":{\"daily\":\"" + daily.get() + "\"}}");
    }

    private void list(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String prefix = query != null && query.startsWith("prefix=")
                ? URLDecoder.decode(query.substring("prefix=".length()), StandardCharsets.UTF_8) : "";
        StringBuilder out = new StringBuilder("[");
        for (StoreEntry entry : objects.list(prefix)) {
            out.append(out.length() > 1 ? "," : "").append("{\"name\":\"").append(entry.name()).append("\",\"size\":")
                    .append(entry.size()).append('}');
        }
        json(exchange, 200, out.append(']').toString());
    }

    private void get(HttpExchange exchange, String name) throws IOException {
        byte[] data;
        try {
            data = objects.get(name);
        } catch (ObjectNotFoundException e) {
            problem(exchange, 404, "not-found", "no object " + name, null);
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range == null) {
            send(exchange, 200, data, "application/octet-stream");
            return;
        }
        Matcher m = RANGE.matcher(range);
        if (!m.matches() || Long.parseLong(m.group(1)) >= data.length) {
            problem(exchange, 416, "range-not-satisfiable", "range past the end", null);
            return;
        }
        int first = Integer.parseInt(m.group(1));
        int last = (int) Math.min(Long.parseLong(m.group(2)), data.length - 1L);
        send(exchange, 206, Arrays.copyOfRange(data, first, last + 1), "application/octet-stream");
    }

    private void head(HttpExchange exchange, String name) throws IOException {
        try {
            long size = objects.size(name);
            exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
        } catch (ObjectNotFoundException e) {
            exchange.sendResponseHeaders(404, -1);
        }
    }

    private void put(HttpExchange exchange, String name) throws IOException {
        String lengthHeader = exchange.getRequestHeaders().getFirst("Content-Length");
        if (lengthHeader == null) {
            problem(exchange, 411, "length-required", "Content-Length is required", null);
            return;
        }
        long length = Long.parseLong(lengthHeader);
        if (name.equals("config") || name.startsWith("keys/")) {
            problem(exchange, 403, "append-only", name + " is written by the server only", null);
            return;
        }
        boolean pack = name.startsWith("data/");
        // index and snapshot objects pass at quota, so that a run can always finish (the metadata allowance)
        if (pack && usedBytes.addAndGet(length) > quotaBytes.get()) {
            usedBytes.addAndGet(-length);
            problem(exchange, 507, "quota-exceeded", "storage quota of " + quotaBytes.get() + " bytes reached",
                    "\"limit\":\"storage\",\"limitBytes\":" + quotaBytes.get() + ",\"usedBytes\":" + usedBytes.get());
            return;
        }
        boolean stored = false;
        try {
            byte[] body = exchange.getRequestBody().readNBytes((int) length);
            if (body.length != length || exchange.getRequestBody().read() != -1) {
                problem(exchange, 400, "validation", "body length differs from Content-Length", null);
                return;
            }
            boolean hashed = pack || name.startsWith("index/") || name.startsWith("snapshots/");
            if (hashed && !name.endsWith("/" + Hashes.sha256(body))) {
                problem(exchange, 400, "hash-mismatch", "the body's SHA-256 is not the name of " + name, null);
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
                        if (pack) {
                            duplicatePackUploads.incrementAndGet();
                        }
                        send(exchange, 200, new byte[0], null);
                    } else {
                        problem(exchange, 409, "append-only", name + " exists with other content", null);
                    }
                    return;
                }
                objects.put(name, body);
                stored = true;
                if (pack) {
                    packUploads.incrementAndGet();
                }
            }
            send(exchange, 201, new byte[0], null);
        } finally {
            if (pack && !stored) {
                usedBytes.addAndGet(-length);
            }
        }
    }

    private void delete(HttpExchange exchange, String name) throws IOException {
        if (!name.startsWith("locks/")) {
            problem(exchange, 403, "append-only", "devices may not delete " + name
                    + ": the account's retention policy removes old snapshots", null);
            return;
        }
        objects.delete(name);
        exchange.sendResponseHeaders(204, -1);
    }

    private static void problem(HttpExchange exchange, int status, String type, String detail, String extra)
            throws IOException {
        String body = "{\"type\":\"https://coffer.dev/problems/" + type + "\",\"title\":\"" + type + "\",\"status\":"
                + status + ",\"detail\":" + MAPPER.writeValueAsString(detail) + (extra == null ? "" : "," + extra) + "}";
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8), "application/problem+json");
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
