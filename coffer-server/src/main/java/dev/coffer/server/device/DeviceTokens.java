package dev.coffer.server.device;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.coffer.server.storage.ServerSecrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Device and registration tokens: 256 random bits in base64url behind a prefix ({@code coffer_dev_},
 * {@code coffer_reg_}). The server keeps only {@code HMAC-SHA-256(pepper, token)} in hex, so a token is checked with
 * one hash and an index lookup, and a copy of the database alone lets nobody act as a device. The pepper comes from
 * {@code coffer.device-token-pepper} (base64 of 32 bytes) or the file {@code ${coffer.home}/device-token.pepper},
 * generated once.
 */
@Component
public class DeviceTokens {

    public static final String DEVICE_PREFIX = "coffer_dev_";
    public static final String REGISTRATION_PREFIX = "coffer_reg_";
    private static final int TOKEN_CHARS = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec pepper;

    public DeviceTokens(@Value("${coffer.device-token-pepper:}") String configured, @Value("${coffer.home}") String home) {
        this.pepper = new SecretKeySpec(ServerSecrets.load("coffer.device-token-pepper", configured,
                Path.of(home, "device-token.pepper")), "HmacSHA256");
    }

    public String newDeviceToken() {
        return DEVICE_PREFIX + random();
    }

    public String newRegistrationToken() {
        return REGISTRATION_PREFIX + random();
    }

    /** Whether {@code token} has the shape of a token with this prefix (checked before any lookup). */
    public static boolean wellFormed(String token, String prefix) {
        if (token == null || token.length() != prefix.length() + TOKEN_CHARS || !token.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The stored form of a token. */
    public String hash(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
