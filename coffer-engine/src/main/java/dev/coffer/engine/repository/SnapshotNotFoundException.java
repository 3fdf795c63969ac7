package dev.coffer.engine.repository;

/** No snapshot has the given id, prefix, or the repository has none for "latest". */
public class SnapshotNotFoundException extends RepositoryException {

    public SnapshotNotFoundException(String message) {
        super(message);
    }
}
