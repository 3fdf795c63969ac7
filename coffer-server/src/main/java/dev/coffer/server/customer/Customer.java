package dev.coffer.server.customer;

import java.time.Instant;

import dev.coffer.server.quota.Quotas;

/** A customer of the provider; {@code quotas} bound what its backup accounts may get in total. */
public record Customer(long id, String name, boolean enabled, Quotas quotas, Instant createdAt, long version) {
}
