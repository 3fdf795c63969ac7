package dev.coffer.server.notification;

/** Whose usage a {@link UsageChanged} reports: one backup account's, or a whole customer's. */
public record UsageScope(Kind kind, long id) {

    public enum Kind { ACCOUNT, CUSTOMER }

    public static UsageScope account(long accountId) {
        return new UsageScope(Kind.ACCOUNT, accountId);
    }

    public static UsageScope customer(long customerId) {
        return new UsageScope(Kind.CUSTOMER, customerId);
    }
}
