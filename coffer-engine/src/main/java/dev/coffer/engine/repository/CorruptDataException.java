package dev.coffer.engine.repository;

/** Stored data failed authentication or could not be parsed; {@link #objectName()} names the store object. */
public class CorruptDataException extends RepositoryException {

    private final String objectName;

    public CorruptDataException(String objectName, String message) {
        super(objectName + ": " + message);
        this.objectName = objectName;
    }

    public String objectName() {
        return objectName;
    }
}
