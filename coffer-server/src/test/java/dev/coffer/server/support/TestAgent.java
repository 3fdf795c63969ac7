package dev.coffer.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device speaking the agent protocol to a running server, for the page tests that need devices with runs and
 * stored bytes: it registers with the backup login and password, reports runs and stores objects, as the agent does
 * (the end-to-end tests use the real agent jar; these only need the records it leaves).
 */
public final class TestAgent {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private static final Pattern FIELD = Pattern.compile("\"(deviceToken|deviceId|runId)\"\\s*:\\s*\"([^\"]+)\"");

    private final String base;
    private final String token;
    private final String deviceId;

    private TestAgent(String base, String token, String deviceId) {
        this.base = base;
        this.token = token;
        this.deviceId = deviceId;
    }

    /** The status and body of a registration, for refusals. */
    public record Answer(int status, String body) {
    }

    /** Registers a device; fails the test unless the server answers 201. */
    public static TestAgent register(int port, String login, String password, String type, String name) {
        Answer a = tryRegister(port, login, password, type, name);
        if (a.status() != 201) {
            throw new AssertionError("registration of " + name + " refused: " + a);
        }
        return new TestAgent("http://localhost:" + port, field(a.body(), "deviceToken"), field(a.body(), "deviceId"));
    }

    /** Tries to register a device and returns the server's answer. */
    public static Answer tryRegister(int port, String login, String password, String type, String name) {
        String json = "{\"login\":" + Api.json(login) + ",\"password\":" + Api.json(password) + ",\"deviceType\":"
                + Api.json(type) + ",\"name\":" + Api.json(name) + "}";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/agent/v1/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        return new Answer(r.statusCode(), r.body());
    }

    public String deviceId() {
        return deviceId;
    }

    /** Reports a finished backup run; {@code message} may be null. */
    public void reportRun(Instant started, Instant finished, String status, long bytesAdded, String message) {
        HttpResponse<String> start = send(request("/agent/v1/runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"BACKUP\",\"startedAt\":\"" + started + "\"}")));
        check(start, 201);
        String runId = field(start.body(), "runId");
        String finish = "{\"status\":\"" + status + "\",\"finishedAt\":\"" + finished + "\",\"files\":3,"
                + "\"bytesAdded\":" + bytesAdded + ",\"bytesRead\":" + bytesAdded + ",\"snapshotId\":null,"
                + "\"message\":" + (message == null ? "null" : Api.json(message)) + "}";
        check(send(request("/agent/v1/runs/" + runId).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(finish))), 204);
    }

    /** Stores {@code data} as a pack named by its hash, so that the account's usage grows by its size. */
    public void storePack(byte[] data) {
        String hash = sha256(data);
        check(send(request("/agent/v1/repository/objects/data/" + hash.substring(0, 2) + "/" + hash)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data))), 201);
    }

    /** The status of {@code GET /agent/v1/device}: 200 while the device is registered, 401 once removed. */
    public int deviceStatus() {
        return send(request("/agent/v1/device").GET()).statusCode();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    }

    private static void check(HttpResponse<String> r, int expected) {
        if (r.statusCode() != expected) {
            throw new AssertionError(r.request().method() + " " + r.uri() + " -> " + r.statusCode() + " " + r.body());
        }
    }

    private static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no " + name + " in " + json);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
