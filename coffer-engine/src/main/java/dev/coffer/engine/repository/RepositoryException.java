package dev.coffer.engine.repository;

/** Base of the repository errors; messages say what failed and what to do about it. */
public class RepositoryException extends RuntimeException {

    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
