package dev.coffer.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.engine.store.remote.ServerConnection;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code register} stored in {@code agent.json}: the server, the device and its token, and the paths that
 * {@code run} backs up. The account password is never part of it. {@link #toString()} leaves the token out.
 *
 * @param server      the server's base address
 * @param deviceId    the device's id on the server
 * @param deviceToken the device's secret token, sent as a bearer token
 * @param login       the backup account's login
 * @param deviceType  the device's type
 * @param name        the device's name
 * @param paths       what {@code run} backs up when no paths are given on its command line
 */
public record AgentConfig(URI server, String deviceId, String deviceToken, String login, DeviceType deviceType,
                          String name, List<String> paths) {

    /** The file in the configuration directory. */
    public static final String FILE = "agent.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public AgentConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceToken, "deviceToken");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(name, "name");
        paths = List.copyOf(paths);
    }

    public AgentConfig withPaths(List<String> newPaths) {
        return new AgentConfig(server, deviceId, deviceToken, login, deviceType, name, newPaths);
    }

    @Override
    public String toString() {
        return "AgentConfig[server=" + server + ", deviceId=" + deviceId + ", login=" + login + ", deviceType="
                + deviceType.label() + ", name=" + name + ", paths=" + paths + "]";
    }

    /** The configuration in {@code directory}, empty when there is no {@code agent.json}; a fatal error when unreadable. */
    public static Optional<AgentConfig> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = MAPPER.readTree(Files.readAllBytes(file));
            List<String> paths = new ArrayList<>();
            json.path("paths").forEach(p -> paths.add(p.asText()));
            return Optional.of(new AgentConfig(ServerConnection.checkServer(URI.create(required(json, "server", file))),
                    required(json, "deviceId", file), required(json, "deviceToken", file), json.path("login").asText(""),
                    DeviceType.parse(json.path("deviceType").asText("server")), json.path("name").asText(""), paths));
        } catch (IOException | IllegalArgumentException e) {
            throw new AgentException(ExitCodes.FATAL, "cannot read " + file + ": " + e.getMessage()
                    + "; register again with 'coffer-agent register'", e);
        }
    }

    private static String required(JsonNode json, String field, Path file) {
        String value = json.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is missing in " + file);
        }
        return value;
    }

    /**
     * Writes {@code agent.json} into {@code directory} (made with mode 0700 if missing) atomically: a temporary file
     * made with mode 0600 before the token is written to it, then renamed over the old file.
     */
    public void write(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                try {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(directory);
                } catch (FileAlreadyExistsException e) {
                    // a concurrent register made it
                }
            }
            Path temp;
            try {
                temp = Files.createTempFile(directory, FILE + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                temp = Files.createTempFile(directory, FILE + ".", ".tmp");
            }
            try {
                Files.write(temp, MAPPER.writeValueAsBytes(toJson()));
                try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                try {
                    Files.move(temp, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, directory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new AgentException(ExitCodes.FATAL, "cannot write " + directory.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode toJson() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("server", server.toString());
        json.put("deviceId", deviceId);
        json.put("deviceToken", deviceToken);
        json.put("login", login);
        json.put("deviceType", deviceType.name());
        json.put("name", name);
        ArrayNode array = json.putArray("paths");
        paths.forEach(array::add);
        return json;
    }
}
