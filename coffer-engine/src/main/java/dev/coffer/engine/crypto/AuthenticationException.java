package dev.coffer.engine.crypto;

/** Encrypted data did not authenticate: it was modified, truncated, or the key is wrong. */
public class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message);
    }
}
