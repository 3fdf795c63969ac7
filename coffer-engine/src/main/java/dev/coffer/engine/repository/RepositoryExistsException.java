package dev.coffer.engine.repository;

/** init was called on a store that already holds a repository. */
public class RepositoryExistsException extends RepositoryException {

    public RepositoryExistsException(String message) {
        super(message);
    }
}
