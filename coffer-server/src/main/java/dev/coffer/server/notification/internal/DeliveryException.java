package dev.coffer.server.notification.internal;

/**
 * A message could not be delivered; the message is the receiving server's answer (or why it could not be
 * reached). {@code retriable} false: trying again cannot help (the webhook was removed).
 */
public class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;
    private final boolean retriable;

    public DeliveryException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
