package dev.coffer.server.identity;

/**
 * Whether a customer is enabled, as the owner of customers ({@code customer}) knows it: the admins of a disabled
 * customer cannot log in. Read-only.
 */
public interface CustomerStatus {

    /** True when the customer exists and is enabled. */
    boolean enabled(long customerId);
}
