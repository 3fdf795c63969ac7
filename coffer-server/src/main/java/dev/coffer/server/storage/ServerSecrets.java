package dev.coffer.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server's own 32-byte secrets (the key-encryption key, the device-token pepper): from a property holding
 * base64, or else from a file under COFFER_HOME that is generated once (mode 0600) and then reused. Several server
 * instances sharing one database must share these secrets: set the property, or share the file.
 */
public final class ServerSecrets {

    public static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerSecrets() {
    }

    /**
     * The secret: {@code configured} (base64 of 32 bytes) when not blank, else the content of {@code file}, which is
     * created with a random secret when missing. Throws IllegalStateException naming {@code property} when the
     * configured value or the file is not 32 bytes of base64.
     */
    public static byte[] load(String property, String configured, Path file) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.strip(), property);
        }
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] secret = new byte[LENGTH];
                RANDOM.nextBytes(secret);
                String text = Base64.getEncoder().encodeToString(secret) + "\n";
                try {
                    Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system; the directory's permissions protect it
                    }
                } catch (FileAlreadyExistsException e) {
                    // another instance created it first: use theirs
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), property + " file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file + " for " + property + ": " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String base64, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " must be base64 of " + LENGTH + " bytes: " + e.getMessage());
        }
        if (bytes.length != LENGTH) {
            throw new IllegalStateException(what + " must be base64 of " + LENGTH + " bytes, not " + bytes.length);
        }
        return bytes;
    }
}
