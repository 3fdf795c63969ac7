package dev.coffer.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.agent.core.Host;
import dev.coffer.engine.store.StoreException;
import dev.coffer.engine.store.remote.RemoteStore;
import dev.coffer.engine.store.remote.ServerConnection;
import dev.coffer.engine.store.retry.RetryPolicy;
import dev.coffer.engine.store.retry.RetryingStore;
import dev.coffer.engine.store.Store;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The agent's calls to {@code /agent/v1} (docs/agent-protocol.md) other than the objects: the device, the repository
 * secret and run reports, each authenticated with the device token, plus the anonymous registration. Retriable
 * failures are retried with back-off (as {@link RetryingStore} does for the objects); the others come out as the
 * exceptions {@link ServerConnection#failure} makes. Thread-safe.
 */
public final class AgentApi {

    /** What the server answered to a registration. */
    public record Registration(String deviceId, String deviceToken, long accountId, String login, DeviceType deviceType,
                               String name, Optional<LocalTime> dailyAt) {
        @Override
        public String toString() {
            return "Registration[deviceId=" + deviceId + ", login=" + login + ", deviceType=" + deviceType + "]";
        }
    }

    /**
     * The device as the server knows it; {@code backupRequestedAt}: when "back up now" was asked on the server and no
     * backup run has started since (empty when nothing is pending).
     */
    public record Device(String deviceId, String name, DeviceType deviceType, String login, Optional<LocalTime> dailyAt,
                         Optional<Instant> backupRequestedAt) {
    }

    /** How a run ended. */
    public enum RunStatus { SUCCESS, WARNING, ERROR }

    /** The report of a finished run; {@code snapshotId} is empty when no snapshot was saved. */
    public record RunReport(RunStatus status, Instant finishedAt, long files, long bytesAdded, long bytesRead,
                            Optional<String> snapshotId, String message, List<String> unreadablePaths) {
        public RunReport {
            unreadablePaths = List.copyOf(unreadablePaths);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ServerConnection connection;
    private final RetryPolicy policy;
    private final Host.Sleeper sleeper;

    public AgentApi(ServerConnection connection, RetryPolicy policy, Host.Sleeper sleeper) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public ServerConnection connection() {
        return connection;
    }

    /** The account's repository as a store: a {@link RemoteStore} that retries what may pass. */
    public Store store() {
        return new RetryingStore(new RemoteStore(connection), policy, sleeper::sleep);
    }

    /**
     * Registers this device. {@code credentials} is {@code {"login","password"}} or {@code {"registrationToken"}};
     * a refusal (4xx) is a {@link dev.coffer.engine.store.remote.RemoteRequestException} or
     * {@link dev.coffer.engine.store.remote.DeviceAccessException} carrying the server's detail. Not retried on a
     * refusal; retried when the server cannot be reached.
     */
    public Registration register(ObjectNode credentials, DeviceType type, String name) {
        ObjectNode body = credentials.deepCopy();
        body.put("deviceType", type.name());
        body.put("name", name);
        JsonNode json = call("register", "device", 201, "POST", "/agent/v1/register", ServerConnection.Body.json(bytes(body)));
        return new Registration(text(json, "deviceId"), text(json, "deviceToken"), json.path("accountId").asLong(),
                json.path("login").asText(""), DeviceType.parse(json.path("deviceType").asText(type.name())),
                json.path("name").asText(name), daily(json));
    }

    public Device device() {
        JsonNode json = call("get", "device", 200, "GET", "/agent/v1/device", ServerConnection.Body.none());
        return new Device(text(json, "deviceId"), json.path("name").asText(""),
                DeviceType.parse(json.path("deviceType").asText("server")), json.path("login").asText(""), daily(json),
                instant(json.path("backupRequestedAt")));
    }

    /** The repository secret, which opens the account's repository as its passphrase. The caller wipes it. */
    public char[] repositorySecret() {
        JsonNode json = call("get", "repository key", 200, "GET", "/agent/v1/repository/key",
                ServerConnection.Body.none());
        return text(json, "secret").toCharArray();
    }

    /** Tells the server a backup started; returns the run's id. */
    public String startRun(Instant startedAt) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("kind", "BACKUP");
        body.put("startedAt", startedAt.toString());
        JsonNode json = call("start", "run", 201, "POST", "/agent/v1/runs", ServerConnection.Body.json(bytes(body)));
        return text(json, "runId");
    }

    public void finishRun(String runId, RunReport report) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("status", report.status().name());
        body.put("finishedAt", report.finishedAt().toString());
        body.put("files", report.files());
        body.put("bytesAdded", report.bytesAdded());
        body.put("bytesRead", report.bytesRead());
        if (report.snapshotId().isPresent()) {
            body.put("snapshotId", report.snapshotId().get());
        } else {
            body.putNull("snapshotId");
        }
        body.put("message", report.message());
        ArrayNode unreadable = body.putArray("unreadablePaths");
        report.unreadablePaths().forEach(unreadable::add);
        if (!runId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("runId: '" + runId + "' is not an id the server gives");
        }
        call("report", "run " + runId, 204, "PUT", "/agent/v1/runs/" + runId, ServerConnection.Body.json(bytes(body)));
    }

    private JsonNode call(String operation, String what, int expected, String method, String path,
                          ServerConnection.Body body) {
        return retrying(operation, what, () -> {
            ServerConnection.Answer answer = connection.send(operation, what, method, path, body);
            int status = answer.status();
            if (status != expected && !(status >= 200 && status < 300 && expected == 204)) {
                throw connection.failure(operation, what, status, answer.body());
            }
            if (answer.body().length == 0) {
                return MAPPER.createObjectNode();
            }
            try {
                return MAPPER.readTree(answer.body());
            } catch (IOException e) {
                throw new StoreException(operation + " " + what + " at " + connection.server()
                        + ": the answer is no JSON: " + e.getMessage(), false, e);
            }
        });
    }

    private <T> T retrying(String operation, String what, Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (StoreException e) {
                if (!e.retriable() || attempt >= policy.maxAttempts()) {
                    throw e;
                }
                long nanos = policy.delayBefore(attempt + 1).toNanos();
                Duration delay = Duration.ofNanos(nanos < 2 ? nanos : nanos - ThreadLocalRandom.current().nextLong(nanos / 2));
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StoreException(operation + " " + what + " interrupted while waiting to retry", false, e);
                }
            }
        }
    }

    private static Optional<LocalTime> daily(JsonNode json) {
        String daily = json.path("schedule").path("daily").asText("");
        try {
            return daily.isEmpty() ? Optional.empty() : Optional.of(LocalTime.parse(daily));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(JsonNode value) {
        try {
            return value.isTextual() ? Optional.of(Instant.parse(value.asText())) : Optional.empty();
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String text(JsonNode json, String field) {
        String value = json.path(field).asText("");
        if (value.isEmpty()) {
            throw new StoreException("the answer of " + connection.server() + " has no '" + field + "'", false);
        }
        return value;
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
