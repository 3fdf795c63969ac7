package dev.coffer.server.system;

/** An update came without the version it was based on (HTTP 428): without it a lost update cannot be detected. */
public class PreconditionRequiredException extends RuntimeException {

    public PreconditionRequiredException(String message) {
        super(message);
    }
}
