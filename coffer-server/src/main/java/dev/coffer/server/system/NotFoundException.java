package dev.coffer.server.system;

/** The thing does not exist, or belongs to another customer (which must look the same: HTTP 404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
