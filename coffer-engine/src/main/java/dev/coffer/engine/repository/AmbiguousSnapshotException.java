package dev.coffer.engine.repository;

/** A snapshot id prefix matches more than one snapshot. */
public class AmbiguousSnapshotException extends RepositoryException {

    public AmbiguousSnapshotException(String message) {
        super(message);
    }
}
