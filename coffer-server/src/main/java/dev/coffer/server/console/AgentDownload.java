package dev.coffer.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the agent's jar that the console offers for download lives: the file named by {@code coffer.agent-jar}, or,
 * when that is not set, {@code coffer-agent.jar} in the server's working directory, then the agent module's build
 * output {@code coffer-agent/target/coffer-agent.jar} (a server started from the source tree). Looked up on every
 * request, so a provider can install or replace the jar without restarting the server.
 */
@Component
class AgentDownload {

    /** The jar as the download page describes it. */
    record AgentJar(Path file, long sizeBytes, String sha256) {

        public String size() {
            return sizeBytes >= 1_000_000 ? String.format(Locale.ROOT, "%.1f MB", sizeBytes / 1_000_000d)
                    : String.format(Locale.ROOT, "%d KB", (sizeBytes + 999) / 1000);
        }
    }

    private final List<Path> candidates;

    AgentDownload(@Value("${coffer.agent-jar:}") String configured) {
        this.candidates = configured.isBlank()
                ? List.of(Paths.get(ConsolePaths.AGENT_JAR_NAME), Paths.get("coffer-agent", "target",
                        ConsolePaths.AGENT_JAR_NAME))
                : List.of(Paths.get(configured));
    }

    /** The installed jar, or empty when the provider has not installed one at any of the expected places. */
    Optional<Path> file() {
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** The installed jar with its size and SHA-256 (so users can check what they downloaded). */
    Optional<AgentJar> describe() {
        return file().map(f -> {
            try {
                return new AgentJar(f, Files.size(f), sha256(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the agent jar " + f, e);
            }
        });
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
