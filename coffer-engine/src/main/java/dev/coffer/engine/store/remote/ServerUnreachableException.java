package dev.coffer.engine.store.remote;

import dev.coffer.engine.store.StoreException;

/** No answer from the server: the connection could not be made, broke, or timed out. Always retriable. */
public class ServerUnreachableException extends StoreException {

    private static final long serialVersionUID = 1L;

    public ServerUnreachableException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
