package dev.coffer.engine.repository;

/** The store holds no repository (no config object). */
public class RepositoryNotFoundException extends RepositoryException {

    public RepositoryNotFoundException(String message) {
        super(message);
    }
}
