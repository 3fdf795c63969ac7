package dev.coffer.engine.store.remote;

import dev.coffer.engine.store.StoreException;
import java.util.Objects;

/**
 * The server no longer accepts this device's token (HTTP 401 or 403 with one of the protocol's account problem types).
 * Never retriable: the device must be registered again, or the provider must act. {@link #reason()} says which.
 */
public class DeviceAccessException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** Why the server refused the device. */
    public enum Reason {
        /** No valid token was sent (type {@code unauthenticated}, or a 401 without a known type). */
        UNAUTHENTICATED,
        /** The device was removed on the server (type {@code device-removed}). */
        DEVICE_REMOVED,
        /** The backup account is suspended or was removed (type {@code account-suspended}). */
        ACCOUNT_SUSPENDED,
        /** The provider disabled the customer (type {@code customer-disabled}). */
        CUSTOMER_DISABLED
    }

    private final Reason reason;

    public DeviceAccessException(Reason reason, String message) {
        super(message, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
