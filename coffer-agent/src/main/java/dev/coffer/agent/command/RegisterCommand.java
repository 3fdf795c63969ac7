package dev.coffer.agent.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.server.AgentApi;
import dev.coffer.agent.server.AgentConfig;
import dev.coffer.agent.server.DeviceType;
import dev.coffer.agent.server.DeviceTypeDetector;
import dev.coffer.engine.store.remote.DeviceAccessException;
import dev.coffer.engine.store.remote.RemoteRequestException;
import dev.coffer.engine.store.remote.ServerConnection;
import dev.coffer.engine.store.retry.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Registers this agent as a device of a backup account on a Coffer server. */
@Command(name = "register", description = {
    "Register this agent as a device of a backup account on a Coffer server, with the account's login and password",
    "(COFFER_PASSWORD, --password-file or a prompt) or a one-time registration token. The device token the server",
    "gives is stored in agent.json (mode 0600) in the configuration directory; the password is not stored.",
    "Afterwards backup, snapshots, ls, restore, diff and check go to the server, and 'run' backs up on its schedule.",
    "Exits with 25 when the server refuses (wrong login or password, used or expired token, device quota full)."})
public final class RegisterCommand extends AgentCommand {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public RegisterCommand(CommandContext context) {
        super(context);
    }

    @Option(names = "--server", required = true, paramLabel = "URL", description = "the Coffer server, e.g. https://backup.example.com")
    String server;

    /** Exactly one way to prove the account. */
    static final class Credentials {
        @Option(names = "--login", required = true, paramLabel = "LOGIN", description = "the backup account's login")
        String login;

        @Option(names = "--token", required = true, paramLabel = "TOKEN",
                description = "a one-time registration token instead of login and password")
        String token;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Credentials credentials;

    @Option(names = "--device-type", paramLabel = "TYPE",
            description = "server, vm, workstation or mobile (default: detected: a hypervisor guest is a vm, a machine"
                    + " with a battery a workstation, anything else a server)")
    String deviceType;

    @Option(names = "--name", paramLabel = "NAME", description = "the device's name (default: the host name)")
    String name;

    @Option(names = "--path", paramLabel = "PATH", description = "a path 'run' backs up (repeatable)")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--replace", description = "replace an existing registration in the configuration directory")
    boolean replace;

    @Override
    public Integer call() {
        CommandContext agent = context;
        URI serverUri = serverUri();
        Path directory = agent.configDirectory().orElseThrow(() -> new AgentException(ExitCodes.USAGE,
                "no configuration directory: use --config DIR or set COFFER_AGENT_HOME"));
        String deviceName = deviceName();
        DeviceType type = deviceType();
        List<String> backupPaths = paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        Optional<AgentConfig> existing = AgentConfig.read(directory);
        if (existing.isPresent() && !replace) {
            throw new AgentException(ExitCodes.FATAL, "this agent is registered already (device " + existing.get().name()
                    + " of " + existing.get().login() + " at " + existing.get().server() + ", in " + directory
                    + "): use --replace to register again, or --config DIR for another agent");
        }
        requireWritable(directory);
        ObjectNode proof = MAPPER.createObjectNode();
        String login;
        if (credentials.token != null) {
            proof.put("registrationToken", credentials.token);
            login = "";
        } else {
            login = credentials.login;
            char[] password = agent.accountPassword(login);
            try {
                proof.put("login", login);
                proof.put("password", new String(password));
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        AgentApi api = new AgentApi(new ServerConnection(serverUri, Optional.empty()), RetryPolicy.defaults(),
                agent.environment().host().sleeper());
        AgentApi.Registration registration;
        try {
            registration = api.register(proof, type, deviceName);
        } catch (RemoteRequestException | DeviceAccessException e) {
            throw new AgentException(ExitCodes.REGISTRATION_REFUSED, "the server refused the registration: "
                    + detail(e) + "; nothing was registered", e);
        }
        AgentConfig config = new AgentConfig(serverUri, registration.deviceId(), registration.deviceToken(),
                registration.login().isEmpty() ? login : registration.login(), registration.deviceType(),
                registration.name(), backupPaths);
        config.write(directory);
        agent.println("registered " + config.deviceType().label() + " '" + config.name() + "' of " + config.login()
                + " at " + serverUri + (registration.dailyAt().map(t -> "; backups daily at " + t).orElse("")));
        agent.println("configuration in " + directory.resolve(AgentConfig.FILE)
                + "; back up with 'coffer-agent backup PATH' or keep 'coffer-agent run' running");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("server", serverUri.toString());
        json.put("deviceId", config.deviceId());
        json.put("login", config.login());
        json.put("deviceType", config.deviceType().label());
        json.put("name", config.name());
        json.put("config", directory.resolve(AgentConfig.FILE).toString());
        agent.printJson(json);
        return ExitCodes.OK;
    }

    /**
     * Makes sure agent.json can be written before the server is asked: a device registered on the server whose token
     * could not be kept would take up a device of the account for nothing.
     */
    private static void requireWritable(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                try {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(directory);
                }
            }
        } catch (IOException e) {
            throw new AgentException(ExitCodes.FATAL, "cannot create the configuration directory " + directory + ": "
                    + e.getMessage() + "; nothing was registered", e);
        }
        if (!Files.isWritable(directory)) {
            throw new AgentException(ExitCodes.FATAL, "cannot write to the configuration directory " + directory
                    + " (run as its owner, or choose another with --config DIR); nothing was registered");
        }
    }

    private URI serverUri() {
        try {
            return ServerConnection.checkServer(new URI(server.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new AgentException(ExitCodes.USAGE, "--server " + server + ": " + e.getMessage(), e);
        }
    }

    private String deviceName() {
        String value = name != null ? name.trim() : context.environment().host().hostName().get();
        if (value.isEmpty() || value.length() > 64) {
            throw new AgentException(ExitCodes.USAGE, "--name must be 1 to 64 characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw new AgentException(ExitCodes.USAGE, "--name must not contain control or formatting characters");
            }
        }
        return value;
    }

    private DeviceType deviceType() {
        if (deviceType != null) {
            try {
                return DeviceType.parse(deviceType);
            } catch (IllegalArgumentException e) {
                throw new AgentException(ExitCodes.USAGE, "--device-type: " + e.getMessage(), e);
            }
        }
        DeviceTypeDetector.Detection detection = new DeviceTypeDetector(context.environment().host()).detect();
        context.environment().err().println("detected device type: " + detection.type().label() + " ("
                + detection.reason() + "); choose another with --device-type");
        return detection.type();
    }

    private static String detail(RuntimeException e) {
        if (e instanceof RemoteRequestException request) {
            return request.problem().describe("HTTP " + request.status());
        }
        String message = e.getMessage();
        int colon = message == null ? -1 : message.indexOf(": ");
        return colon < 0 ? String.valueOf(message) : message.substring(colon + 2);
    }
}
