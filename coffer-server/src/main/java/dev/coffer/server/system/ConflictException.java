package dev.coffer.server.system;

/** The request clashes with the current state: a stale version, or an action the state forbids (HTTP 409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
