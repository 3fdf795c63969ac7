package dev.coffer.server.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short fingerprint of a stored password hash, kept with a session's principal instead of the hash itself: a new
 * password gives a new stamp, so comparing the stamp on each request ends the sessions opened with the old one.
 * Argon2 hashes carry a random salt, so even the same password set again changes the stamp.
 */
public final class CredentialStamp {

    private CredentialStamp() {
    }

    /** The stamp of {@code passwordHash}; the empty string for null (a principal without a password). */
    public static String of(String passwordHash) {
        if (passwordHash == null) {
            return "";
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
