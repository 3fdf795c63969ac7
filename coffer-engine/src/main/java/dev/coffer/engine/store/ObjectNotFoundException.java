package dev.coffer.engine.store;

/** The named object does not exist. Never retriable. */
public class ObjectNotFoundException extends StoreException {

    private final String name;

    public ObjectNotFoundException(String name) {
        super("object not found: " + name, false);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
