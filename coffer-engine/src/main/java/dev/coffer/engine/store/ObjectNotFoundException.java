package dev.coffer.engine.store;

/** The named object does not exist. Never retriable. */
public class ObjectNotFoundException extends StoreException {

    private final String name;

    public ObjectNotFoundException(String name) {
        super("object not found: " + name, false);
        this.name = name;
    }

    /** {@code where} says where the store looked, e.g. {@code "in bucket backups"}. */
    public ObjectNotFoundException(String name, String where) {
        super("object not found: " + name + " (" + where + ")", false);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
